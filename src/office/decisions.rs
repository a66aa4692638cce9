//! Decisions (Quyết định): the form's data, building the document from a typed request,
//! laying it out for the preview, saving it as PDF, issuing it into the register and
//! printing an issued one again.
//!
//! [`build`] reads the store and writes nothing; [`layout`] and [`pdf`] need no store at
//! all, so the preview lays a decision out without holding the database; only
//! [`save`], [`issue`] and [`reprint`] write.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::output::{self, Staged, Target};
use super::{Error, Result};
use crate::document::decision::{self, DecisionDraft, DecisionKind, Signing};
use crate::document::model::Document;
use crate::domain::place::Commune;
use crate::domain::{Field, FieldError, Msg, text};
use crate::render::{self, Fonts, Laid};
use crate::store::{IssuedDecision, LibraryItem, LibraryKind, NewIssue, Store};

/// The largest number a register takes: no commune issues this many in a year, and a
/// mistyped number cannot block the numbering that follows it.
pub const MAX_NUMBER: u32 = 99_999;

/// Which teams a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teams {
    /// One team: the commune's or a village's.
    One(i64),
    /// Every village team of the home commune, each with its part of the list.
    AllVillages,
}

/// A decision as the clerk describes it. What is `None` takes the commune's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRequest {
    pub teams: Teams,
    pub kind: DecisionKind,
    /// The number in the year's register; `None` prints a draft (`Số:     /QĐ-UBND`)
    /// and, when issuing, takes the next free number.
    pub number: Option<u32>,
    /// The decision's date; today when `None`.
    pub date: Option<NaiveDate>,
    pub subject: Option<String>,
    pub proposal: Option<String>,
    pub signing: Option<Signing>,
    /// The signer; the chairman (or the first vice-chairman for `KT.`) when `None`.
    pub signer: Option<String>,
    /// The decision a change decision replaces; the last issued for the team when `None`.
    pub replaces: Option<String>,
    /// More members than this go to an attached list (default 10).
    pub annex_threshold: Option<usize>,
    /// Legal bases and recipients; the library's chosen ones when `None`.
    pub legal_bases: Option<Vec<String>>,
    pub recipients: Option<Vec<String>>,
    /// Articles 2 and 3 as edited; the defaults (seed 004) when `None`.
    pub duties: Option<Duties>,
    /// The creation time written in the PDF; now when `None`.
    pub created: Option<NaiveDateTime>,
}

impl DecisionRequest {
    /// A decision about one team, every other part the defaults.
    pub fn for_team(team: i64) -> Self {
        Self {
            teams: Teams::One(team),
            kind: DecisionKind::Establish,
            number: None,
            date: None,
            subject: None,
            proposal: None,
            signing: None,
            signer: None,
            replaces: None,
            annex_threshold: None,
            legal_bases: None,
            recipients: None,
            duties: None,
            created: None,
        }
    }

    /// One decision for all village teams.
    pub fn for_all_villages() -> Self {
        Self {
            teams: Teams::AllVillages,
            ..Self::for_team(0)
        }
    }
}

/// The texts of Articles 2 and 3: the leader's duties, the deputies' and the members'
/// (one paragraph per line), and who executes the decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duties {
    pub leader: String,
    pub deputy: Vec<String>,
    pub member: Vec<String>,
    pub executors: String,
}

impl Duties {
    /// The defaults of a commune's decision dated `date` (the offices and apps of that
    /// time; a draft whose date changes follows it until the clerk edits the text).
    pub fn defaults(commune: &Commune, date: NaiveDate) -> Self {
        let d = decision::default_draft(commune, DecisionKind::Establish, date);
        Self {
            leader: d.leader_duties,
            deputy: d.deputy_duties,
            member: d.member_duties,
            executors: d.executors,
        }
    }
}

/// A decision built from a request: the document, the draft it came from and the
/// teams it covers.
#[derive(Debug, Clone)]
pub struct Built {
    pub doc: Document,
    pub draft: DecisionDraft,
    pub team_ids: Vec<i64>,
    pub commune_id: i64,
}

/// A team the decision form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
}

/// An issued decision as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub id: i64,
    /// `23/QĐ-UBND ngày 27/07/2022 — subject`, and `— ĐÃ HỦY: reason` when voided.
    pub line: String,
    pub year: i32,
    pub number: u32,
    /// Who issued it: 0 for the commune's committee, else the team (reports).
    pub issuer: i64,
    pub voided: bool,
    /// Its change log (issued, voided: when and by whom), newest first.
    pub trail: Vec<super::history::Entry>,
    /// How it was issued; a draft still waiting for the e-office's number (its `id`
    /// then the waiting entry's).
    pub way: Way,
}

/// How a register entry was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Printed, signed by hand and stamped.
    Paper,
    /// Signed in the e-office; with its signed copy kept or not yet.
    Eoffice { signed: bool },
    /// A draft for numbering, waiting for the number the văn thư gives.
    Waiting,
}

/// The setting of the commune's usual way of issuing: `paper` or `eoffice`.
pub const WAY_SETTING: &str = "issuing.way";

/// Whether the commune usually issues in the e-office (the window offers that first).
pub fn eoffice_first(store: &Store) -> bool {
    store.setting(WAY_SETTING).ok().flatten().as_deref() == Some("eoffice")
}

/// How an entry of the register was issued.
pub fn way_of(store: &Store, doc: crate::store::DocKind, id: i64) -> Result<Way> {
    Ok(if store.issued_way(doc, id)? == "eoffice" {
        Way::Eoffice {
            signed: store.signed_copy(doc, id)?.is_some(),
        }
    } else {
        Way::Paper
    })
}

/// The drafts of a kind waiting for their number, as register lines (first in the list).
pub fn waiting_lines(
    store: &Store,
    commune_id: i64,
    doc: crate::store::DocKind,
) -> Result<Vec<RegisterLine>> {
    Ok(store
        .waiting_drafts(commune_id, doc)?
        .into_iter()
        .map(|d| RegisterLine {
            id: d.id,
            line: format!(
                "Chờ cấp số — {} (bản nháp ngày {})",
                d.subject,
                crate::domain::vndate::short(d.drafted_on)
            ),
            year: d.year,
            number: 0,
            issuer: d.team_id,
            voided: false,
            trail: Vec::new(),
            way: Way::Waiting,
        })
        .collect())
}

impl RegisterLine {
    /// The next number to propose for `year` and `issuer`: after the last one the
    /// register knows (voided numbers included: they are never proposed again).
    pub fn next_number(register: &[RegisterLine], year: i32, issuer: i64) -> u32 {
        register
            .iter()
            .filter(|r| r.year == year && r.issuer == issuer)
            .map(|r| r.number)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// The entry already holding `number` in `year` for `issuer`, if any.
    pub fn holding(
        register: &[RegisterLine],
        year: i32,
        issuer: i64,
        number: u32,
    ) -> Option<&RegisterLine> {
        register
            .iter()
            .find(|r| r.year == year && r.issuer == issuer && r.number == number)
    }
}

/// The words that mark a voided entry in the register's lines.
pub fn void_mark(voided: &Option<(NaiveDate, String)>) -> String {
    match voided {
        Some((on, reason)) => format!(
            " — ĐÃ HỦY ngày {}: {reason}",
            crate::domain::vndate::short(*on)
        ),
        None => String::new(),
    }
}

/// What the decision form starts from: the teams, the library, the signers, the next
/// number, the register and the defaults of Articles 2–3.
#[derive(Debug, Clone)]
pub struct Form {
    pub commune_id: i64,
    pub teams: Vec<TeamChoice>,
    pub bases: Vec<LibraryItem>,
    pub recipients: Vec<LibraryItem>,
    pub chairman: String,
    pub vice: String,
    pub register: Vec<RegisterLine>,
    /// The commune usually issues in the e-office.
    pub eoffice_first: bool,
    /// Today's default texts: the articles, and who proposes the decision.
    pub duties: Duties,
    pub proposal: String,
    pub fonts: Fonts,
}

/// The decision form's data for the home commune (`None` before there is one). Fills
/// an empty library with the usual legal bases and recipients first.
pub fn form(store: &mut Store) -> Result<Option<Form>> {
    let Some(c) = store.home_commune()? else {
        return Ok(None);
    };
    store.ensure_library(c.id)?;
    let teams = store
        .team_summaries(c.id)?
        .into_iter()
        .map(|t| TeamChoice {
            id: t.team.id,
            name: t.name,
        })
        .collect();
    let mut bases = store.library(c.id, LibraryKind::LegalBasis)?;
    order_bases(&mut bases);
    let today = chrono::Local::now().date_naive();
    Ok(Some(Form {
        commune_id: c.id,
        teams,
        bases,
        recipients: store.library(c.id, LibraryKind::Recipient)?,
        chairman: c.chairman.clone(),
        vice: c.vice_chairmen.first().cloned().unwrap_or_default(),
        register: register(store, c.id)?,
        eoffice_first: eoffice_first(store),
        duties: Duties::defaults(&c, today),
        proposal: decision::office_texts(&c, today).0,
        fonts: super::fonts::load(store, None)?,
    }))
}

/// The register of issued decisions, as lines for a list.
pub fn register(store: &Store, commune_id: i64) -> Result<Vec<RegisterLine>> {
    let mut trails = super::history::of_register(store, "decision")?;
    let mut lines = waiting_lines(store, commune_id, crate::store::DocKind::Decision)?;
    for d in store.issued_decisions(commune_id)? {
        lines.push(RegisterLine {
            id: d.id,
            line: format!("{} — {}{}", d.reference(), d.subject, void_mark(&d.voided)),
            year: d.year,
            number: d.number,
            issuer: 0,
            voided: d.voided.is_some(),
            trail: trails.remove(&d.id).unwrap_or_default(),
            way: way_of(store, crate::store::DocKind::Decision, d.id)?,
        });
    }
    Ok(lines)
}

/// A warning (never a refusal) when `number` is already in the register of `year`:
/// the preview and a draft may carry it; issuing it is refused.
pub fn used_number_warning(register: &[RegisterLine], year: i32, number: u32) -> Option<Msg> {
    let held = RegisterLine::holding(register, year, 0, number)?;
    let next = RegisterLine::next_number(register, year, 0);
    let n = crate::domain::number::doc_number(number);
    let (state, state_en) = if held.voided {
        (" (đã hủy)", " (voided)")
    } else {
        ("", "")
    };
    Some(Msg::new(
        format!("Số {n}/QĐ-UBND năm {year}{state} đã có trong sổ; số trống tiếp theo là {next}"),
        format!(
            "Number {n} of {year}{state_en} is already in the register; the next free number is {next}"
        ),
    ))
}

/// [`used_number_warning`] for a request, read from the register of its commune.
pub fn number_warning(store: &Store, req: &DecisionRequest) -> Result<Option<Msg>> {
    let Some(n) = req.number else {
        return Ok(None);
    };
    let ids = team_ids(store, req.teams)?;
    let commune = store.team(ids[0])?.commune_id;
    let year = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive())
        .year();
    Ok(used_number_warning(&register(store, commune)?, year, n))
}

/// Voids an issued decision with a reason: it stays in the register, marked, and its
/// number is not proposed again. Nothing is deleted.
pub fn void(store: &mut Store, id: i64, reason: &str) -> Result<Msg> {
    let today = chrono::Local::now().date_naive();
    let d = store.void_decision(id, today, reason)?;
    Ok(Msg::new(
        format!("Đã hủy Quyết định {}; vẫn giữ trong sổ.", d.reference()),
        format!(
            "Decision {} is voided; it stays in the register.",
            d.reference()
        ),
    ))
}

/// Adds a legal basis or a recipient of the clerk's own to the library.
pub fn add_to_library(
    store: &mut Store,
    commune_id: i64,
    kind: LibraryKind,
    text: &str,
) -> Result<i64> {
    Ok(store.add_library_item(commune_id, kind, text, true)?)
}

/// Corrects a library entry's text (its dates are read again from its words, unless
/// known); documents already issued keep their frozen text.
pub fn edit_library_item(store: &mut Store, id: i64, text: &str) -> Result<()> {
    let t = crate::domain::text::clean(text);
    let facts =
        crate::domain::legal::known(&t).unwrap_or_else(|| crate::domain::legal::facts_of(&t));
    Ok(store.update_library_item(id, &t, &facts)?)
}

/// Retires a library entry: no longer offered; issued documents keep it.
pub fn retire_library_item(store: &mut Store, id: i64) -> Result<()> {
    Ok(store.retire_library_item(id)?)
}

fn invalid(field: Field, vi: impl Into<String>, en: impl Into<String>) -> Error {
    Error::invalid(FieldError::new(field, vi, en))
}

/// The teams a request covers; the first one decides the commune.
fn team_ids(store: &Store, teams: Teams) -> Result<Vec<i64>> {
    let ids = match teams {
        Teams::One(id) => vec![id],
        Teams::AllVillages => {
            let commune = super::home(store)?;
            store.village_team_ids(commune.id)?
        }
    };
    if ids.is_empty() {
        return Err(invalid(
            Field::Team,
            "xã chưa có Tổ cấp thôn nào",
            "the commune has no village team",
        ));
    }
    Ok(ids)
}

/// `- Lưu: VT, …` is always the last recipient, whatever the clerk added or ticked; a
/// list without one gets `Lưu: VT`.
pub fn keep_filing_last(recipients: Vec<String>) -> Vec<String> {
    let is_filing = |r: &String| {
        crate::domain::text::fold(r)
            .trim_start_matches(['-', ' '])
            .starts_with("luu:")
    };
    let (filing, mut others): (Vec<String>, Vec<String>) =
        recipients.into_iter().partition(is_filing);
    match filing.into_iter().next() {
        Some(f) => others.push(f),
        None => others.push("Lưu: VT".to_string()),
    }
    others
}

/// The entries a new draft of `date` offers ticked: the library's usual ones that are
/// in force on that date (the usual lists while the library is still empty); legal
/// bases ordered as Decree 30 orders them, by rank then date.
pub fn offered(
    store: &Store,
    commune_id: i64,
    kind: LibraryKind,
    date: NaiveDate,
) -> Result<Vec<String>> {
    let mut items = store.library(commune_id, kind)?;
    if items.is_empty() {
        let usual: Vec<String> = match kind {
            LibraryKind::LegalBasis => crate::store::USUAL_BASES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            LibraryKind::Recipient => {
                crate::store::usual_recipients(store.commune(commune_id)?.kind.word())
            }
        };
        items = usual
            .iter()
            .map(|s| {
                let t = text::clean(s).trim_end_matches([';', '.']).to_string();
                LibraryItem {
                    id: 0,
                    facts: crate::domain::legal::known(&t)
                        .unwrap_or_else(|| crate::domain::legal::facts_of(&t)),
                    text: t,
                    chosen: true,
                }
            })
            .collect();
    }
    let mut items: Vec<LibraryItem> = items
        .into_iter()
        .filter(|i| i.chosen && i.facts.offered_on(date))
        .collect();
    if kind == LibraryKind::LegalBasis {
        items.sort_by_key(|i| crate::domain::legal::order_key(&i.facts));
    }
    Ok(items.into_iter().map(|i| i.text).collect())
}

/// Legal bases in Decree 30's order: by rank, then by date (stable for equals).
pub fn order_bases(items: &mut [LibraryItem]) {
    items.sort_by_key(|i| crate::domain::legal::order_key(&i.facts));
}

/// Builds the decision the request describes. Reads the store, writes nothing.
pub fn build(store: &Store, req: &DecisionRequest) -> Result<Built> {
    let team_ids = team_ids(store, req.teams)?;
    let first = team_ids[0];
    let team = store.team(first)?;
    let commune = store.commune(team.commune_id)?;
    let date = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    if let Some(n) = req.number
        && (n == 0 || n > MAX_NUMBER)
    {
        return Err(invalid(
            Field::Number,
            format!("phải là số từ 1 đến {MAX_NUMBER}"),
            format!("must be a number from 1 to {MAX_NUMBER}"),
        ));
    }
    let mut draft = decision::default_draft(&commune, req.kind, date);
    draft.number = req.number;
    draft.legal_bases = match &req.legal_bases {
        Some(b) => b.clone(),
        None => offered(store, commune.id, LibraryKind::LegalBasis, date)?,
    };
    draft.recipients = keep_filing_last(match &req.recipients {
        Some(r) => r.clone(),
        None => offered(store, commune.id, LibraryKind::Recipient, date)?,
    });
    if let Some(s) = &req.subject {
        draft.subject = s.clone();
    }
    if let Some(p) = &req.proposal {
        draft.proposal = p.clone();
    }
    if let Some(s) = req.signing {
        draft.signing = s;
        if s == Signing::ViceChairman {
            draft.signer = commune.vice_chairmen.first().cloned().unwrap_or_default();
        }
    }
    if let Some(s) = &req.signer {
        draft.signer = s.clone();
    }
    if let Some(t) = req.annex_threshold {
        draft.annex_threshold = t;
    }
    if let Some(d) = &req.duties {
        let lines = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|l| text::clean(l))
                .filter(|l| !l.is_empty())
                .collect()
        };
        draft.leader_duties = text::clean(&d.leader);
        draft.deputy_duties = lines(&d.deputy);
        draft.member_duties = lines(&d.member);
        draft.executors = text::clean(&d.executors);
        if draft.executors.is_empty() {
            return Err(invalid(
                Field::Duties,
                "Điều 3 cần ghi ai thi hành quyết định",
                "Article 3 must say who executes the decision",
            ));
        }
    }
    let mut since: Option<NaiveDate> = None;
    if req.kind == DecisionKind::Change {
        match (&req.replaces, store.last_decision_for(commune.id, first)?) {
            (Some(r), _) => {
                draft.replaces = Some(r.clone());
                // Typed: signed as the register says, when it is there.
                let typed = text::fold(r);
                if let Some(d) = store.issued_decisions(commune.id)?.into_iter().find(|d| {
                    typed.starts_with(&text::fold(&d.reference()))
                        || text::fold(&d.reference()).starts_with(&typed)
                }) {
                    draft.replaced_signing = signing_of(&d.model);
                }
            }
            (None, Some(last)) => {
                draft.replaces = Some(last.reference());
                draft.replaced_signing = signing_of(&last.model);
                since = Some(last.issued_on);
            }
            (None, None) => {}
        }
    }
    let parts = store.decision_parts(&team_ids, since)?;
    let created = output::created_stamp(req.created);
    let doc = decision::build(&commune, &parts, &draft, &created).map_err(Error::Invalid)?;
    Ok(Built {
        doc,
        draft,
        team_ids,
        commune_id: commune.id,
    })
}

/// Lays a document out in pages (the preview draws these; the PDF is written from them).
pub fn layout(doc: &Document, fonts: &Fonts) -> Laid {
    render::compose(doc, fonts, render::PageSetup::DECREE_30)
}

/// A document laid out and written as PDF bytes.
pub fn pdf(doc: &Document, fonts: &Fonts) -> Result<(Laid, Vec<u8>)> {
    render::document_pdf(doc, fonts).map_err(|e| {
        Error::Document(Msg::new(
            format!("Không tạo được PDF: {e}"),
            format!("Could not make the PDF: {e}"),
        ))
    })
}

/// SHA-256 of a PDF, in hex, as the register keeps it.
pub fn sha256(bytes: &[u8]) -> String {
    render::pdf::sha256_hex(bytes)
}

/// A file written by a job, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// The document's number line (`Số: 23/QĐ-UBND`; a draft's has no number).
    pub number_line: String,
    pub pages: usize,
    pub bytes: usize,
    /// The register entry it was issued (or reprinted) as: id and `23/QĐ-UBND ngày …`.
    pub issued: Option<(i64, String)>,
    /// For a reprint: whether the bytes are those that were issued.
    pub same_as_issued: Option<bool>,
    /// For a reprint: whether the frozen text was checked against the hash kept at
    /// issue (false for an entry whose register keeps none).
    pub text_checked: bool,
}

impl Saved {
    /// A file written from `doc`, not (yet) in the register.
    pub fn new(doc: &Document, path: PathBuf, laid: &Laid, bytes: &[u8]) -> Self {
        Self {
            path,
            number_line: doc.header.number_line.clone(),
            pages: laid.pages.len(),
            bytes: bytes.len(),
            issued: None,
            same_as_issued: None,
            text_checked: false,
        }
    }

    /// What the front ends tell the clerk.
    pub fn summary(&self) -> Msg {
        let (name, folder) = output::named(&self.path);
        let pages = self.pages;
        let (size_vi, size_en) = crate::domain::number::size(self.bytes as u64);
        let line = self
            .number_line
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut m = Msg::new(
            format!("Đã ghi {name} — {line} ({pages} trang, {size_vi}), trong thư mục {folder}."),
            format!("Wrote {name} — {line} ({pages} pages, {size_en}), in the folder {folder}."),
        );
        match (&self.issued, self.same_as_issued) {
            (Some((id, reference)), None) => {
                m.vi.push_str(&format!(" Đã vào sổ: số {reference} (mã {id})."));
                m.en.push_str(&format!(" Issued: {reference} (id {id})."));
            }
            (Some((_, reference)), Some(same)) => {
                // The text is said to be the same only when it was checked.
                let (vi, en) = match (same, self.text_checked) {
                    (true, _) => (
                        ", trùng khớp bản đã ban hành",
                        ", identical to the issued file",
                    ),
                    (false, true) => (
                        " (phông chữ khác bản đã ban hành; nội dung giữ nguyên)",
                        " (a different font than when issued; same text)",
                    ),
                    (false, false) => (
                        " (không trùng khớp tệp đã ban hành; sổ không giữ mã kiểm tra nội dung nên không đối chiếu được chữ)",
                        " (not identical to the issued file; the register keeps no check of its text, so the text could not be compared)",
                    ),
                };
                m.vi.push_str(&format!(" Văn bản {reference}{vi}."));
                m.en.push_str(&format!(" Document {reference}{en}."));
            }
            _ => {}
        }
        m
    }
}

/// Writes a document as PDF to a checked target: the whole file, or none.
pub fn write_document(doc: &Document, target: &Target, fonts: &Fonts) -> Result<Saved> {
    let (laid, bytes) = pdf(doc, fonts)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(Saved::new(doc, path, &laid, &bytes))
}

/// A document's PDF written beside its target but not yet in place, with its hash:
/// an issuing job registers it and puts it in place in one transaction.
pub(super) struct Pending {
    pub staged: Staged,
    pub sha: String,
    pub saved: Saved,
}

impl Pending {
    /// Lays the document out, notes the file it is about to put at `target` (see
    /// `store/pending.rs`; noted before anything is written, so a stop at any moment
    /// leaves nothing the next start does not clear), then writes its PDF under a
    /// temporary name beside `target`.
    pub(super) fn stage(
        store: &mut Store,
        doc: &Document,
        target: &Target,
        fonts: &Fonts,
    ) -> Result<Self> {
        let (laid, bytes) = pdf(doc, fonts)?;
        let saved = Saved::new(doc, target.path.clone(), &laid, &bytes);
        Self::stage_bytes(store, &bytes, target, saved)
    }

    /// [`Pending::stage`] of bytes already made (a Word copy): noted, then written
    /// under a temporary name beside `target`.
    pub(super) fn stage_bytes(
        store: &mut Store,
        bytes: &[u8],
        target: &Target,
        saved: Saved,
    ) -> Result<Self> {
        let sha = sha256(bytes);
        super::issue_notes::note(store, &Staged::temp_for(&target.path), &target.path, &sha)?;
        let staged = Staged::write(&target.path, bytes);
        let staged = Self::settle(store, &sha, staged)?;
        Ok(Self { staged, sha, saved })
    }

    /// After the issue's transaction: a failure forgets the note of the file (nothing
    /// was put in place); success already removed it in that transaction.
    pub(super) fn settle<T, E>(
        store: &mut Store,
        sha: &str,
        issued: std::result::Result<T, E>,
    ) -> Result<T>
    where
        super::Error: From<E>,
    {
        if issued.is_err() {
            let _ = store.forget_pending_file(sha);
        }
        Ok(issued?)
    }

    /// What was written, once registered as `issued`.
    pub(super) fn saved(saved: Saved, issued: (i64, String)) -> Saved {
        Saved {
            issued: Some(issued),
            ..saved
        }
    }
}

/// How an issued decision was signed, read from its signing block.
fn signing_of(model: &Document) -> Signing {
    match model.signature.as_ref() {
        Some(s) => match s.mark.as_deref() {
            Some(m) if m.starts_with("KT.") => Signing::ViceChairman,
            Some(_) => Signing::Committee,
            None => Signing::Chairman,
        },
        None => Signing::Committee,
    }
}

/// Refuses to put out again (PDF or Word) a frozen model changed since it was issued.
pub(super) fn unchanged_since_issue(reference: &str, model_intact: Option<bool>) -> Result<()> {
    if model_intact == Some(false) {
        return Err(Error::refused(
            format!(
                "Văn bản {reference} trong sổ đã bị sửa sau khi ban hành (nội dung không khớp mã kiểm tra giữ lúc ban hành); không in lại. Hãy khôi phục từ một bản sao lưu và chạy \"cnscd check\""
            ),
            format!(
                "Document {reference} in the register was changed after it was issued (its text does not match the check kept at issue); not printed. Restore a backup and run \"cnscd check\""
            ),
        ));
    }
    Ok(())
}

/// A register entry to print again: its frozen model, the hash of the PDF issued and
/// whether the model is the one frozen (see `store::IssuedDecision::model_intact`).
pub(super) struct Frozen<'a> {
    pub model: &'a Document,
    pub pdf_sha256: &'a str,
    pub model_intact: Option<bool>,
    /// Its id and reference (`23/QĐ-UBND ngày 27/07/2022`).
    pub issued: (i64, String),
}

/// Prints a frozen model again and says whether the bytes are those issued. A model
/// changed since it was frozen is refused: what would print is not what was issued.
pub(super) fn print_again(frozen: Frozen<'_>, target: &Target, fonts: &Fonts) -> Result<Saved> {
    unchanged_since_issue(&frozen.issued.1, frozen.model_intact)?;
    let (laid, bytes) = pdf(frozen.model, fonts)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(Saved {
        same_as_issued: Some(sha256(&bytes) == frozen.pdf_sha256),
        text_checked: frozen.model_intact == Some(true),
        issued: Some(frozen.issued),
        ..Saved::new(frozen.model, path, &laid, &bytes)
    })
}

/// Saves the decision as a PDF (a draft, or with the number typed) without issuing it.
pub fn save(store: &Store, req: &DecisionRequest, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    let built = build(store, req)?;
    write_document(&built.doc, target, fonts)
}

/// Issues the decision: takes the next free number when none is given, writes the PDF
/// beside its place, registers it and puts the file in place in one transaction — a
/// failure leaves neither a used number nor a stray file.
pub fn issue(
    store: &mut Store,
    req: &DecisionRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<Saved> {
    target.check(store.path())?;
    let mut req = req.clone();
    if req.number.is_none() {
        let ids = team_ids(store, req.teams)?;
        let commune = store.team(ids[0])?.commune_id;
        let year = req
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive())
            .year();
        req.number = Some(store.next_decision_number(commune, year)?);
    }
    let built = build(store, &req)?;
    let Pending { staged, sha, saved } = Pending::stage(store, &built.doc, target, fonts)?;
    let issued = store.issue_decision(
        built.commune_id,
        &NewIssue {
            kind: built.draft.kind,
            team_ids: &built.team_ids,
            number: built.draft.number.unwrap_or_default(),
            date: built.draft.date,
            model: &built.doc,
            pdf_sha256: &sha,
        },
        || staged.commit_store(),
    );
    let issued: IssuedDecision = Pending::settle(store, &sha, issued)?;
    Ok(Pending::saved(saved, (issued.id, issued.reference())))
}

/// Prints an issued decision again from its frozen model: the same text; the same
/// bytes when the font is the one it was issued with.
pub fn reprint(store: &Store, id: i64, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    // One issued in the e-office: its signed copy is the valid one, byte for byte.
    if let Some(saved) =
        super::eoffice::write_signed(store, crate::store::DocKind::Decision, id, target)?
    {
        return Ok(saved);
    }
    let d = store.issued_decision(id)?;
    print_again(
        Frozen {
            model: &d.model,
            pdf_sha256: &d.pdf_sha256,
            model_intact: d.model_intact,
            issued: (d.id, d.reference()),
        },
        target,
        fonts,
    )
}

/// `QD-23-27-07-2022-ban-in-lai.pdf`: the file name of a reprint.
pub fn reprint_name(store: &Store, id: i64) -> Result<String> {
    let d = store.issued_decision(id)?;
    Ok(format!(
        "QD-{}-{}-ban-in-lai.pdf",
        d.number,
        d.issued_on.format("%d-%m-%Y")
    ))
}

#[cfg(test)]
mod tests {
    use super::keep_filing_last;

    #[test]
    fn filing_is_always_the_last_recipient() {
        let got = keep_filing_last(vec![
            "Như Điều 3".into(),
            "Lưu: VT, VP".into(),
            "UBND huyện (b/c)".into(),
        ]);
        assert_eq!(got, ["Như Điều 3", "UBND huyện (b/c)", "Lưu: VT, VP"]);
        assert_eq!(
            keep_filing_last(vec!["Như Điều 3".into()]),
            ["Như Điều 3", "Lưu: VT"]
        );
    }
}
