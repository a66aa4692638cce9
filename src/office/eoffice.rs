//! Issuing the way offices issue today, in the province's e-office (Decree 30, Article
//! 15.3): a draft written for the văn thư to number (the number and date left as room,
//! kept in the register as waiting, its model frozen), then the number and date the
//! e-office gave typed — or read from the signed PDF — and the signed PDF kept byte for
//! byte as the valid copy. A signed file that does not match the draft is flagged
//! before it is kept. Beside each draft, the fields of Decree 30's Appendix VI the
//! clerk types into the e-office. Layouts: `docs/eoffice.md`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::decisions::{self, DecisionRequest, Pending, Saved, sha256};
use super::output::{self, Target};
use super::reports::{self, ReportRequest};
use super::{Error, Result, home};
use crate::document::model::Document;
use crate::document::numbering;
use crate::domain::text::fold;
use crate::domain::{Field, FieldError, Msg, number, vndate};
use crate::render::Fonts;
use crate::store::{DocKind, NewDraft, NewSigned, Store};

/// A signed PDF larger than this is refused before it is read (a decision's signed
/// copy is a few hundred kilobytes; a scan of many pages a few megabytes).
pub const MAX_SIGNED_BYTES: u64 = 50 * 1024 * 1024;
/// What the metadata file's `format` says, and its version.
pub const META_FORMAT: &str = "cnscd-eoffice-meta";
pub const META_VERSION: u32 = 1;

/// The document to draft for numbering.
#[derive(Debug, Clone)]
pub enum DraftRequest {
    Decision(DecisionRequest),
    Report(ReportRequest),
}

/// The fields of Decree 30's Appendix VI the clerk types into the e-office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub format: &'static str,
    pub version: u32,
    /// `…/QĐ-UBND` until numbered.
    pub so_ky_hieu: String,
    /// Empty until numbered (`dd/mm/yyyy`).
    pub ngay_ban_hanh: String,
    pub loai_van_ban: String,
    pub co_quan_ban_hanh: String,
    pub trich_yeu: String,
    pub so_trang: usize,
    pub chuc_vu_nguoi_ky: String,
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, or empty (signing in one's own name).
    pub tham_quyen_ky: String,
    pub nguoi_ky: String,
    pub noi_nhan: Vec<String>,
}

impl Metadata {
    /// The fields as lines to copy (label, value), in the interface's language.
    pub fn lines(&self, l: crate::domain::Lang) -> Vec<(String, String)> {
        let vi = l == crate::domain::Lang::Vi;
        let label = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
        vec![
            (
                label("Số, ký hiệu", "Number and notation"),
                self.so_ky_hieu.clone(),
            ),
            (
                label("Ngày ban hành", "Date of issue"),
                self.ngay_ban_hanh.clone(),
            ),
            (label("Loại văn bản", "Kind"), self.loai_van_ban.clone()),
            (
                label("Cơ quan ban hành", "Issuing body"),
                self.co_quan_ban_hanh.clone(),
            ),
            (label("Trích yếu", "Subject"), self.trich_yeu.clone()),
            (label("Số trang", "Pages"), self.so_trang.to_string()),
            (
                label("Thẩm quyền ký", "Signing on behalf of"),
                self.tham_quyen_ky.clone(),
            ),
            (
                label("Chức vụ người ký", "Signer's position"),
                self.chuc_vu_nguoi_ky.clone(),
            ),
            (label("Người ký", "Signer"), self.nguoi_ky.clone()),
            (label("Nơi nhận", "Recipients"), self.noi_nhan.join("; ")),
        ]
    }
}

/// The metadata of a document (a draft: the number and date left for the e-office).
pub fn metadata(doc: &Document, pages: usize) -> Metadata {
    let reference = doc
        .header
        .number_line
        .trim_start_matches("Số:")
        .replace('\u{a0}', "")
        .trim()
        .to_string();
    let reference = if reference.starts_with('/') {
        format!("…{reference}")
    } else {
        reference
    };
    let date = doc
        .header
        .place_date
        .find("ngày ")
        .and_then(|i| vndate::parse(&doc.header.place_date[i..], Field::Date).ok())
        .map(vndate::short)
        .unwrap_or_default();
    let sig = doc.signature.as_ref();
    // `CHỦ TỊCH` → `Chủ tịch`, `PHÓ CHỦ TỊCH` → `Phó Chủ tịch`, `QUYẾT ĐỊNH` → `Quyết định`.
    let title = |t: &str| {
        let lower = t.to_lowercase();
        let mut c = lower.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
            .replace("Phó chủ tịch", "Phó Chủ tịch")
            .replace("Phó giám đốc", "Phó Giám đốc")
    };
    Metadata {
        format: META_FORMAT,
        version: META_VERSION,
        so_ky_hieu: reference,
        ngay_ban_hanh: date,
        loai_van_ban: title(doc.title.as_deref().unwrap_or_default()),
        // The committee's name as the file's author has it; a body under another (a
        // team under the commune's committee) as its header prints it.
        co_quan_ban_hanh: if doc.header.parent_body.is_some() {
            doc.header.body.join(" ")
        } else {
            doc.meta.author.clone()
        },
        trich_yeu: doc.meta.subject.clone(),
        so_trang: pages,
        chuc_vu_nguoi_ky: sig.map(|s| title(&s.title)).unwrap_or_default(),
        tham_quyen_ky: sig.and_then(|s| s.mark.clone()).unwrap_or_default(),
        nguoi_ky: sig.map(|s| s.signer.clone()).unwrap_or_default(),
        noi_nhan: doc.recipients.clone(),
    }
}

/// A draft written for numbering and kept in the register as waiting.
#[derive(Debug, Clone)]
pub struct DraftSaved {
    /// The waiting entry's id (`register decision|report ID` takes it).
    pub id: i64,
    pub saved: Saved,
    pub meta: Metadata,
}

impl DraftSaved {
    pub fn summary(&self) -> Msg {
        let mut m = self.saved.summary();
        let id = self.id;
        m.vi.push_str(&format!(
            " Bản chờ cấp số, mã {id}: khi văn thư cấp số, ghi số và ngày vào sổ."
        ));
        m.en.push_str(&format!(
            " Waiting for its number, id {id}: once the văn thư numbers it, record the number and date."
        ));
        m
    }
}

fn refuse_number() -> Error {
    Error::invalid(FieldError::new(
        Field::Number,
        "bản để văn thư cấp số không ghi số: bỏ số đã gõ",
        "a draft for numbering carries no number: leave the number out",
    ))
}

/// Writes the draft for the văn thư (PDF, or Word when the target is `.docx`) and keeps
/// it as waiting for its number, in one transaction with putting the file in place.
pub fn draft(
    store: &mut Store,
    req: &DraftRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<DraftSaved> {
    target.check(store.path())?;
    if store.province_home()?.is_some() {
        return Err(Error::refused(
            "bản để văn thư cấp số là của xã; báo cáo của tỉnh in và ban hành bằng print report --issue",
            "a draft for numbering is a commune's; the province's report prints and is issued with print report --issue",
        ));
    }
    let (mut doc, commune_id, kind, team_ids, team_id, period, date) = match req {
        DraftRequest::Decision(r) => {
            if r.number.is_some() {
                return Err(refuse_number());
            }
            let b = decisions::build(store, r)?;
            (
                b.doc,
                b.commune_id,
                b.draft.kind.code().to_string(),
                b.team_ids,
                0,
                String::new(),
                b.draft.date,
            )
        }
        DraftRequest::Report(r) => {
            if r.number.is_some() {
                return Err(refuse_number());
            }
            let b = reports::build(store, r)?;
            (
                b.doc,
                b.commune_id,
                String::new(),
                Vec::new(),
                b.team_id,
                r.period.code(),
                b.draft.date,
            )
        }
    };
    numbering::for_numbering(&mut doc);
    let doc_kind = match req {
        DraftRequest::Decision(_) => DocKind::Decision,
        DraftRequest::Report(_) => DocKind::Report,
    };
    // A Word draft (`.docx`) for an e-office that takes Word; else the PDF.
    let Pending { staged, sha, saved } = if super::word::is_docx(&target.path) {
        let bytes = super::word::docx(&doc, fonts)?;
        let pages = decisions::layout(&doc, fonts).pages.len();
        let saved = Saved {
            path: target.path.clone(),
            number_line: doc.header.number_line.clone(),
            pages,
            bytes: bytes.len(),
            issued: None,
            same_as_issued: None,
            text_checked: false,
        };
        Pending::stage_bytes(store, &bytes, target, saved)?
    } else {
        Pending::stage(store, &doc, target, fonts)?
    };
    let id = store.add_numbering_draft(
        &NewDraft {
            commune_id,
            doc: doc_kind,
            kind: &kind,
            team_ids: &team_ids,
            team_id,
            period: &period,
            drafted_on: date,
            model: &doc,
            pdf_sha256: &sha,
        },
        || staged.commit_store(),
    );
    let id = Pending::settle(store, &sha, id)?;
    let meta = metadata(&doc, saved.pages);
    Ok(DraftSaved { id, saved, meta })
}

/// Writes the metadata beside a draft as JSON (a file of its own, never one the clerk
/// did not name).
pub fn write_meta(meta: &Metadata, target: &Target, database: Option<&Path>) -> Result<PathBuf> {
    target.check(database)?;
    let json = serde_json::to_vec_pretty(meta).map_err(|e| {
        Error::Document(Msg::new(
            format!("Không ghi được siêu dữ liệu: {e}"),
            format!("Could not write the metadata: {e}"),
        ))
    })?;
    output::write_file(&target.path, &json)
}

/// A signed PDF read for keeping: its bytes, their SHA-256 and the file's name.
#[derive(Debug, Clone)]
pub struct SignedFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
    /// Its text, when it could be read (a scan has none).
    pub text: Option<String>,
}

/// Reads a signed PDF: refused, naming the file and the rule, when it is not a PDF or
/// is past [`MAX_SIGNED_BYTES`]. Its bytes are kept as they are.
pub fn read_signed(path: &Path) -> Result<SignedFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| Error::file(path, &e))?;
    if !meta.is_file() {
        return Err(Error::refused(
            format!("{name}: không phải một tệp"),
            format!("{name}: not a file"),
        ));
    }
    if meta.len() > MAX_SIGNED_BYTES {
        let (vi, en) = number::size(meta.len());
        return Err(Error::refused(
            format!(
                "{name}: tệp {vi}, quá giới hạn {} MB của bản đã ký",
                MAX_SIGNED_BYTES >> 20
            ),
            format!(
                "{name}: the file is {en}, past the {} MB limit of a signed copy",
                MAX_SIGNED_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::refused(
            format!(
                "{name}: không phải tệp PDF (bản đã ký là tệp PDF tải về từ hệ thống văn bản điện tử)"
            ),
            format!("{name}: not a PDF (the signed copy is the PDF downloaded from the e-office)"),
        ));
    }
    let text = pdf_text(&bytes);
    Ok(SignedFile {
        name,
        sha256: sha256(&bytes),
        bytes,
        text,
    })
}

/// The largest signed PDF whose text is read (to check it against the draft and read
/// its number and date); a larger one (a scan) is kept without that check, as a file
/// with no text is. Its streams inflate as the text is read: the bound keeps a hostile
/// file from filling the memory.
pub const MAX_TEXT_READ_BYTES: usize = 8 * 1024 * 1024;

/// The text of a PDF's pages (at most 200), or none when it cannot be read. A broken
/// or hostile file never stops the program: the reader runs guarded.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    if bytes.len() > MAX_TEXT_READ_BYTES {
        return None;
    }
    let bytes = bytes.to_vec();
    std::panic::catch_unwind(move || {
        let doc = lopdf::Document::load_mem(&bytes).ok()?;
        let pages: Vec<u32> = doc.get_pages().keys().copied().take(200).collect();
        doc.extract_text(&pages).ok()
    })
    .ok()
    .flatten()
}

/// Text folded with every space left out: a PDF's text comes out with its lines run
/// together, or words broken by the positions of their letters (`H Ộ I`), depending
/// on the tool that wrote it; without spaces both read the same.
fn squash(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect()
}

/// Digits at the start of `s` (at most `max`), and the rest.
fn digits_at(s: &str, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then(|| s.split_at(n))
}

/// `ngay02thang12nam2026…` at the start of `s`.
fn squashed_date(s: &str) -> Option<NaiveDate> {
    let (d, rest) = digits_at(s.strip_prefix("ngay")?, 2)?;
    let (m, rest) = digits_at(rest.strip_prefix("thang")?, 2)?;
    let rest = rest.strip_prefix("nam")?;
    let y = rest.get(..4)?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The number and date a signed PDF carries in its text (`Số: 15/QĐ-UBND`, `…, ngày 02
/// tháng 12 năm 2026` — the date line that follows the number), when they are there.
pub fn number_and_date(text: &str) -> (Option<u32>, Option<NaiveDate>) {
    let t = squash(text);
    let at = t.find("so:");
    let number = at.and_then(|i| {
        let (n, rest) = digits_at(&t[i + 3..], 4)?;
        rest.starts_with('/').then(|| n.parse().ok()).flatten()
    });
    let from = at.unwrap_or(0);
    let date = t[from..]
        .match_indices("ngay")
        .find_map(|(i, _)| squashed_date(&t[from + i..]));
    (number, date)
}

/// What of the draft a signed copy's text does not carry: its title, its subject, its
/// issuing body. Empty when it matches (or the file has no text to compare: a scan).
pub fn differences(model: &Document, text: Option<&str>) -> Vec<Msg> {
    let Some(text) = text else {
        return Vec::new();
    };
    let have = squash(text);
    if have.len() < 20 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut want = |what_vi: &str, what_en: &str, s: &str| {
        let w = squash(s);
        if !w.is_empty() && !have.contains(&w) {
            out.push(Msg::new(
                format!("bản đã ký không có {what_vi} “{s}” của bản nháp"),
                format!("the signed copy does not have the draft's {what_en} “{s}”"),
            ));
        }
    };
    if let Some(t) = &model.title {
        want("tên loại", "kind", t);
    }
    want("trích yếu", "subject", &model.subject.join(" "));
    if let Some(b) = model.header.body.last() {
        want("cơ quan ban hành", "issuing body", b);
    }
    out
}

/// `register decision|report ID --number N --date D [--signed F]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRequest {
    /// The waiting draft's id.
    pub draft: i64,
    pub number: Option<u32>,
    pub date: Option<NaiveDate>,
    pub signed: Option<PathBuf>,
    /// Keep a signed copy that does not match the draft all the same.
    pub anyway: bool,
}

/// What registering did.
#[derive(Debug, Clone)]
pub struct Registered {
    pub doc: DocKind,
    pub entry: i64,
    /// `15/QĐ-UBND ngày 02/12/2026`.
    pub reference: String,
    /// The number and date were read from the signed copy (for the clerk to confirm).
    pub read_from_signed: bool,
    pub signed: bool,
}

impl Registered {
    pub fn summary(&self) -> Msg {
        let (r, e) = (&self.reference, self.entry);
        let mut m = Msg::new(
            format!("Đã vào sổ: {r} (mã {e}), ban hành trên hệ thống văn bản điện tử."),
            format!("Registered: {r} (id {e}), issued in the e-office."),
        );
        if self.read_from_signed {
            m.vi.push_str(" Số và ngày đọc từ bản đã ký: hãy kiểm tra.");
            m.en.push_str(" The number and date were read from the signed copy: check them.");
        }
        if self.signed {
            m.vi.push_str(" Đã giữ bản đã ký (giữ nguyên từng byte).");
            m.en.push_str(" The signed copy is kept (byte for byte).");
        }
        m
    }
}

/// Refuses a signed copy that does not match: its number or date (never kept — the
/// register must say what the copy says), or its text (kept only with `anyway`).
fn check_match(
    file: &SignedFile,
    model: &Document,
    number: u32,
    date: NaiveDate,
    anyway: bool,
) -> Result<()> {
    let numbers = check_read(file, number, date);
    let text = differences(model, file.text.as_deref());
    if numbers.is_empty() && (text.is_empty() || anyway) {
        return Ok(());
    }
    let all: Vec<&Msg> = numbers.iter().chain(&text).collect();
    let vi: Vec<&str> = all.iter().map(|m| m.vi.as_str()).collect();
    let en: Vec<&str> = all.iter().map(|m| m.en.as_str()).collect();
    let (hint_vi, hint_en) = if numbers.is_empty() {
        (
            "Nếu đúng là bản này, chọn “vẫn giữ” (--anyway)",
            "If it is the right file, choose to keep it anyway (--anyway)",
        )
    } else {
        (
            "Số và ngày vào sổ phải đúng như trên bản đã ký",
            "The number and date recorded must be those the signed copy carries",
        )
    };
    Err(Error::refused(
        format!(
            "Bản đã ký {} không khớp với văn bản: {}. {hint_vi}",
            file.name,
            vi.join("; ")
        ),
        format!(
            "The signed copy {} does not match the document: {}. {hint_en}",
            file.name,
            en.join("; ")
        ),
    ))
}

/// What a signed copy's number and date must agree with.
fn check_read(file: &SignedFile, number: u32, date: NaiveDate) -> Vec<Msg> {
    let (n, d) = file
        .text
        .as_deref()
        .map(number_and_date)
        .unwrap_or((None, None));
    let mut out = Vec::new();
    if let Some(n) = n
        && n != number
    {
        out.push(Msg::new(
            format!("bản đã ký mang số {n}, không phải {number}"),
            format!("the signed copy carries number {n}, not {number}"),
        ));
    }
    if let Some(d) = d
        && d != date
    {
        out.push(Msg::new(
            format!(
                "bản đã ký đề ngày {}, không phải {}",
                vndate::short(d),
                vndate::short(date)
            ),
            format!(
                "the signed copy is dated {}, not {}",
                vndate::short(d),
                vndate::short(date)
            ),
        ));
    }
    out
}

/// Registers a waiting draft under the number and date the e-office gave, with the
/// signed copy when given (its number and date read from it when not typed).
pub fn register(store: &mut Store, req: &RegisterRequest, fonts: &Fonts) -> Result<Registered> {
    let draft = store.numbering_draft(req.draft)?;
    if draft.entry_id.is_some() || draft.dropped.is_some() {
        return Err(Error::refused(
            format!("Bản nháp {} không còn chờ cấp số", req.draft),
            format!("Draft {} is no longer waiting for its number", req.draft),
        ));
    }
    if !draft.model_intact {
        return Err(Error::refused(
            format!(
                "Bản nháp {} trong sổ đã bị sửa sau khi lưu; hãy soạn lại",
                req.draft
            ),
            format!(
                "Draft {} was changed in the register after it was kept; draft it again",
                req.draft
            ),
        ));
    }
    let signed = req.signed.as_deref().map(read_signed).transpose()?;
    let (read_n, read_d) = signed
        .as_ref()
        .and_then(|s| s.text.as_deref())
        .map(number_and_date)
        .unwrap_or((None, None));
    let read_from_signed =
        (req.number.is_none() && read_n.is_some()) || (req.date.is_none() && read_d.is_some());
    let n = req.number.or(read_n).ok_or_else(|| {
        Error::invalid(FieldError::new(
            Field::Number,
            "cần số văn thư đã cấp (--number N)",
            "give the number the văn thư gave (--number N)",
        ))
    })?;
    let date = req.date.or(read_d).ok_or_else(|| {
        Error::invalid(FieldError::new(
            Field::Date,
            "cần ngày ban hành trên hệ thống (--date dd/mm/yyyy)",
            "give the date of issue in the e-office (--date dd/mm/yyyy)",
        ))
    })?;
    if !(1..=decisions::MAX_NUMBER).contains(&n) {
        return Err(Error::invalid(FieldError::new(
            Field::Number,
            format!("số văn bản từ 1 đến {}", decisions::MAX_NUMBER),
            format!("a document number from 1 to {}", decisions::MAX_NUMBER),
        )));
    }
    let today = chrono::Local::now().date_naive();
    if date > today {
        return Err(Error::invalid(FieldError::new(
            Field::Date,
            format!("ngày ban hành {} sau hôm nay", vndate::short(date)),
            format!("the date of issue {} is after today", vndate::short(date)),
        )));
    }
    if date < draft.drafted_on {
        return Err(Error::invalid(FieldError::new(
            Field::Date,
            format!(
                "ngày ban hành {} trước ngày soạn bản nháp {}",
                vndate::short(date),
                vndate::short(draft.drafted_on)
            ),
            format!(
                "the date of issue {} is before the draft's {}",
                vndate::short(date),
                vndate::short(draft.drafted_on)
            ),
        )));
    }
    let model = numbering::numbered(&draft.model, n, date)
        .map_err(|m| Error::invalid(FieldError::new(Field::Date, m.vi, m.en)))?;
    if let Some(s) = &signed {
        check_match(s, &model, n, date, req.anyway)?;
    }
    let pdf_sha = match &signed {
        Some(s) => s.sha256.clone(),
        None => sha256(&decisions::pdf(&model, fonts)?.1),
    };
    let new = signed.as_ref().map(|s| NewSigned {
        file_name: &s.name,
        sha256: &s.sha256,
        content: &s.bytes,
    });
    let entry = store.register_numbered(req.draft, n, date, &model, &pdf_sha, new.as_ref())?;
    let code = model
        .header
        .number_line
        .split('/')
        .nth(1)
        .unwrap_or_default()
        .to_string();
    Ok(Registered {
        doc: draft.doc,
        entry,
        reference: format!(
            "{}/{code} ngày {}",
            number::doc_number(n),
            vndate::short(date)
        ),
        read_from_signed,
        signed: signed.is_some(),
    })
}

/// The register entry's model, number, date and whether it is voided.
fn entry_of(store: &Store, doc: DocKind, id: i64) -> Result<(Document, u32, NaiveDate, bool)> {
    Ok(match doc {
        DocKind::Decision => {
            let d = store.issued_decision(id)?;
            (d.model, d.number, d.issued_on, d.voided.is_some())
        }
        DocKind::Report => {
            let c = home(store)?;
            let r = store.issued_report(c.id, id)?;
            (r.model, r.number, r.issued_on, r.voided.is_some())
        }
    })
}

/// Keeps the signed PDF of a register entry; refused for a voided entry, a file that
/// is not a PDF or is too big, or (unless `anyway`) one that does not match it.
pub fn attach(store: &mut Store, doc: DocKind, id: i64, file: &Path, anyway: bool) -> Result<Msg> {
    let (model, n, date, voided) = entry_of(store, doc, id)?;
    if voided {
        return Err(Error::refused(
            format!("Văn bản mã {id} đã bị hủy trong sổ: không gắn bản đã ký"),
            format!("Entry {id} is voided in the register: no signed copy is attached to it"),
        ));
    }
    let s = read_signed(file)?;
    check_match(&s, &model, n, date, anyway)?;
    let commune = home(store)?.id;
    store.attach_signed(
        commune,
        doc,
        id,
        &NewSigned {
            file_name: &s.name,
            sha256: &s.sha256,
            content: &s.bytes,
        },
    )?;
    let (vi, en) = number::size(s.bytes.len() as u64);
    Ok(Msg::new(
        format!(
            "Đã giữ bản đã ký {} ({vi}, SHA-256 {}…) cho văn bản số {}/… ngày {}.",
            s.name,
            &s.sha256[..12],
            number::doc_number(n),
            vndate::short(date)
        ),
        format!(
            "The signed copy {} ({en}, SHA-256 {}…) is kept for document {} of {}.",
            s.name,
            &s.sha256[..12],
            n,
            vndate::short(date)
        ),
    ))
}

/// Writes the signed copy of an entry, byte for byte, to a checked target (the valid
/// copy: what a reprint of an entry issued in the e-office gives).
pub fn write_signed(
    store: &Store,
    doc: DocKind,
    id: i64,
    target: &Target,
) -> Result<Option<Saved>> {
    let Some(bytes) = store.signed_bytes(doc, id)? else {
        return Ok(None);
    };
    target.check(store.path())?;
    let (model, _, date, _) = entry_of(store, doc, id)?;
    let path = output::write_file(&target.path, &bytes)?;
    let kept = store
        .signed_copy(doc, id)?
        .map(|c| c.sha256)
        .unwrap_or_default();
    let pages = lopdf_pages(&bytes);
    Ok(Some(Saved {
        path,
        number_line: model.header.number_line.clone(),
        pages,
        bytes: bytes.len(),
        issued: Some((
            id,
            format!(
                "{} ngày {}",
                model.header.number_line.trim_start_matches("Số:").trim(),
                vndate::short(date)
            ),
        )),
        same_as_issued: Some(sha256(&bytes) == kept),
        // The bytes are checked against the hash kept when they were attached; the
        // frozen text is not what is given back.
        text_checked: false,
    }))
}

fn lopdf_pages(bytes: &[u8]) -> usize {
    let bytes = bytes.to_vec();
    std::panic::catch_unwind(move || {
        lopdf::Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0)
    })
    .unwrap_or(0)
}

/// Sets a waiting draft aside (it will not be numbered), with the reason; it stays in
/// the history.
pub fn drop_draft(store: &mut Store, id: i64, reason: &str) -> Result<Msg> {
    let d = store.numbering_draft(id)?;
    store.drop_numbering_draft(id, reason)?;
    Ok(Msg::new(
        format!("Đã bỏ bản chờ cấp số mã {id} ({}).", d.subject),
        format!(
            "The draft waiting for its number, id {id}, is set aside ({}).",
            d.subject
        ),
    ))
}

/// The year a waiting draft is for.
pub fn draft_year(store: &Store, id: i64) -> Result<i32> {
    let d = store.numbering_draft(id)?;
    Ok(numbering::year_of(&d.model).unwrap_or(d.drafted_on.year()))
}
