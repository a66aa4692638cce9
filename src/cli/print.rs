//! `cnscd print …`: decisions and member lists as PDF.

use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};

use crate::document::decision::{self, DecisionDraft, DecisionKind, Signing};
use crate::document::members;
use crate::document::model::Document;
use crate::domain::{Field, FieldError, Lang, Msg, vndate};
use crate::render::{self, FontChoice, Fonts};
use crate::store::{LibraryKind, Store, StoreError};

/// What `print decision` was asked for.
#[derive(Debug, Clone, Default)]
pub struct DecisionRequest {
    pub team: Option<i64>,
    pub all_villages: bool,
    pub kind: Option<String>,
    pub number: Option<u32>,
    pub date: Option<String>,
    pub subject: Option<String>,
    pub signing: Option<String>,
    pub signer: Option<String>,
    pub replaces: Option<String>,
    pub annex_threshold: Option<usize>,
    pub created: Option<String>,
    /// The proposal line; the default (seed 004) when `None`.
    pub proposal: Option<String>,
    /// Legal bases and recipients; the library's chosen ones when `None`.
    pub legal_bases: Option<Vec<String>>,
    pub recipients: Option<Vec<String>>,
    /// Take the next free number of the year when `number` is not given (issuing).
    pub next_number: bool,
    /// Articles 2 and 3 as edited; the defaults (seed 004) when `None`.
    pub duties: Option<Duties>,
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
    /// The defaults of a commune's decision.
    pub fn defaults(commune: &crate::domain::place::Commune) -> Self {
        let d = decision::default_draft(commune, DecisionKind::Establish, NaiveDate::default());
        Self {
            leader: d.leader_duties,
            deputy: d.deputy_duties,
            member: d.member_duties,
            executors: d.executors,
        }
    }
}

fn invalid(field: Field, vi: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::invalid(FieldError::new(field, vi, en))
}

/// `YYYY-MM-DDTHH:MM:SS`: the given creation time, or now.
pub fn created_stamp(given: Option<&str>) -> Result<String, StoreError> {
    match given {
        Some(s) => chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
            .map_err(|_| {
                invalid(
                    Field::Date,
                    format!("“{s}” cần dạng 2026-02-05T08:30:00"),
                    format!("“{s}” must look like 2026-02-05T08:30:00"),
                )
            }),
        None => Ok(chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()),
    }
}

/// Builds the decision the request describes, with the team ids it covers.
pub fn build_decision(
    store: &mut Store,
    req: &DecisionRequest,
) -> Result<(Document, DecisionDraft, Vec<i64>), StoreError> {
    let team_ids = if req.all_villages {
        let commune = store
            .home_commune()?
            .ok_or_else(|| StoreError::not_found("Chưa có xã nào", "No commune yet"))?;
        store.village_team_ids(commune.id)?
    } else {
        let id = req.team.ok_or_else(|| {
            invalid(
                Field::Team,
                "cần --team ID hoặc --all-villages",
                "give --team ID or --all-villages",
            )
        })?;
        vec![id]
    };
    let first = team_ids.first().copied().ok_or_else(|| {
        invalid(
            Field::Team,
            "xã chưa có Tổ cấp thôn nào",
            "the commune has no village team",
        )
    })?;
    let team = store.team(first)?;
    let commune = store.commune(team.commune_id)?;
    store.ensure_library(commune.id)?;
    let kind = match req.kind.as_deref() {
        None => DecisionKind::Establish,
        Some(k) => DecisionKind::from_code(k).ok_or_else(|| {
            invalid(
                Field::Decision,
                format!("loại “{k}” không có; chọn establish hoặc change"),
                format!("no kind “{k}”; use establish or change"),
            )
        })?,
    };
    let date = match req.date.as_deref() {
        Some(d) => vndate::parse(d, Field::Date).map_err(StoreError::invalid)?,
        None => chrono::Local::now().date_naive(),
    };
    let number = match req.number {
        None if req.next_number => Some(store.next_decision_number(commune.id, date.year())?),
        n => n,
    };
    if let Some(n) = number {
        if n == 0 {
            return Err(invalid(
                Field::Number,
                "phải lớn hơn 0",
                "must be greater than 0",
            ));
        }
        store.check_number_free(commune.id, date.year(), n)?;
    }
    let mut draft = decision::default_draft(&commune, kind, date);
    draft.number = number;
    draft.legal_bases = store.chosen(commune.id, LibraryKind::LegalBasis)?;
    draft.recipients = store.chosen(commune.id, LibraryKind::Recipient)?;
    if let Some(s) = &req.subject {
        draft.subject = s.clone();
    }
    if let Some(p) = &req.proposal {
        draft.proposal = p.clone();
    }
    if let Some(b) = &req.legal_bases {
        draft.legal_bases = b.clone();
    }
    if let Some(r) = &req.recipients {
        draft.recipients = r.clone();
    }
    if let Some(s) = &req.signing {
        draft.signing = Signing::from_code(s).ok_or_else(|| {
            invalid(
                Field::Signer,
                format!("cách ký “{s}” không có; chọn tm, ct hoặc kt"),
                format!("no signing mode “{s}”; use tm, ct or kt"),
            )
        })?;
        if draft.signing == Signing::ViceChairman {
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
                .map(|l| crate::domain::text::clean(l))
                .filter(|l| !l.is_empty())
                .collect()
        };
        draft.leader_duties = crate::domain::text::clean(&d.leader);
        draft.deputy_duties = lines(&d.deputy);
        draft.member_duties = lines(&d.member);
        draft.executors = crate::domain::text::clean(&d.executors);
        if draft.executors.is_empty() {
            return Err(invalid(
                Field::Duties,
                "Điều 3 cần ghi ai thi hành quyết định",
                "Article 3 must say who executes the decision",
            ));
        }
    }
    let mut since: Option<NaiveDate> = None;
    if kind == DecisionKind::Change {
        match (&req.replaces, store.last_decision_for(commune.id, first)?) {
            (Some(r), _) => draft.replaces = Some(r.clone()),
            (None, Some(last)) => {
                draft.replaces = Some(last.reference());
                since = Some(last.issued_on);
            }
            (None, None) => {}
        }
    }
    let parts = store.decision_parts(&team_ids, since)?;
    let created = created_stamp(req.created.as_deref())?;
    let doc = decision::build(&commune, &parts, &draft, &created).map_err(StoreError::Invalid)?;
    Ok((doc, draft, team_ids))
}

/// The member list of one team as a stand-alone document.
pub fn build_member_list(
    store: &Store,
    team_id: i64,
    created: Option<&str>,
) -> Result<Document, StoreError> {
    let team = store.team(team_id)?;
    let commune = store.commune(team.commune_id)?;
    let parts = store.decision_parts(&[team_id], None)?;
    let created = created_stamp(created)?;
    let today = chrono::NaiveDateTime::parse_from_str(&created, "%Y-%m-%dT%H:%M:%S")
        .map(|d| d.date())
        .unwrap_or_default();
    Ok(members::build(&commune, &parts[0], today, &created))
}

pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            context: dir.display().to_string(),
            source,
        })?;
    }
    // Write beside, then rename: a crash never leaves half a file under the name.
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, bytes).map_err(|source| StoreError::Io {
        context: tmp.display().to_string(),
        source,
    })?;
    std::fs::rename(&tmp, path).map_err(|source| StoreError::Io {
        context: path.display().to_string(),
        source,
    })
}

pub fn fonts_for(store: &Store, choice: Option<&str>) -> Result<Fonts, StoreError> {
    let code = match choice {
        Some(c) => c.to_string(),
        None => store
            .setting("document.font")?
            .unwrap_or_else(|| "auto".into()),
    };
    let choice = FontChoice::from_code(&code).ok_or_else(|| {
        invalid(
            Field::DocumentFont,
            format!("phông “{code}” không có; chọn auto, bundled hoặc times"),
            format!("no font “{code}”; use auto, bundled or times"),
        )
    })?;
    Ok(Fonts::load(choice))
}

/// Prints the decision; with `issue`, freezes it in the register first.
pub fn print_decision(
    store: &mut Store,
    req: &DecisionRequest,
    issue: bool,
    out: &Path,
    fonts: &Fonts,
) -> Result<Msg, StoreError> {
    let req = DecisionRequest {
        next_number: issue,
        ..req.clone()
    };
    let (doc, draft, team_ids) = build_decision(store, &req)?;
    let (laid, bytes) = render::document_pdf(&doc, fonts).map_err(|e| {
        StoreError::refused(
            format!("Không tạo được PDF: {e}"),
            format!("Could not make the PDF: {e}"),
        )
    })?;
    let mut msg = Msg::new(
        format!(
            "Đã ghi {} ({} trang, {} byte).",
            out.display(),
            laid.pages.len(),
            bytes.len()
        ),
        format!(
            "Wrote {} ({} pages, {} bytes).",
            out.display(),
            laid.pages.len(),
            bytes.len()
        ),
    );
    if issue {
        let team = store.team(team_ids[0])?;
        let number = draft.number.unwrap_or(0);
        let new = crate::store::NewIssue {
            kind: draft.kind,
            team_ids: &team_ids,
            number,
            date: draft.date,
            model: &doc,
            pdf: &bytes,
        };
        let issued = store.issue_decision(team.commune_id, &new)?;
        msg.vi.push_str(&format!(
            " Đã vào sổ: số {} (mã {}).",
            issued.reference(),
            issued.id
        ));
        msg.en.push_str(&format!(
            " Issued: {} (id {}).",
            issued.reference(),
            issued.id
        ));
    }
    write_pdf(out, &bytes)?;
    Ok(msg)
}

/// Prints an issued decision again from its frozen model: the same text, the same hash.
pub fn print_issued(store: &Store, id: i64, out: &Path, fonts: &Fonts) -> Result<Msg, StoreError> {
    let d = store.issued_decision(id)?;
    let (_, bytes) = render::document_pdf(&d.model, fonts).map_err(|e| {
        StoreError::refused(
            format!("Không tạo được PDF: {e}"),
            format!("Could not make the PDF: {e}"),
        )
    })?;
    write_pdf(out, &bytes)?;
    let same = render::pdf::sha256_hex(&bytes) == d.pdf_sha256;
    Ok(Msg::new(
        format!(
            "Đã ghi {} — Quyết định {}{}.",
            out.display(),
            d.reference(),
            if same {
                ", trùng khớp bản đã ban hành"
            } else {
                " (phông chữ khác bản đã ban hành; nội dung giữ nguyên)"
            }
        ),
        format!(
            "Wrote {} — decision {}{}.",
            out.display(),
            d.reference(),
            if same {
                ", identical to the issued file"
            } else {
                " (a different font than when issued; same text)"
            }
        ),
    ))
}

/// Median time to build, lay out and write a decision.
fn time_decision(
    store: &mut Store,
    req: &DecisionRequest,
    fonts: &Fonts,
) -> Result<(f64, usize, usize), StoreError> {
    let mut times = Vec::new();
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..31 {
        let t = Instant::now();
        let (doc, _, _) = build_decision(store, req)?;
        let (laid, bytes) = render::document_pdf(&doc, fonts)
            .map_err(|e| StoreError::refused(e.to_string(), e.to_string()))?;
        times.push(t.elapsed());
        size = bytes.len();
        pages = laid.pages.len();
    }
    times.sort();
    Ok((times[times.len() / 2].as_secs_f64() * 1000.0, pages, size))
}

/// Median times of the demo decision with its annex and of a 60-member decision.
pub fn bench(lang: Lang) -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    super::demo::dak_nia(&mut store)?;
    let fonts = Fonts::bundled();
    let base = DecisionRequest {
        number: Some(23),
        date: Some("2022-07-27".into()),
        created: Some("2022-07-27T08:00:00".into()),
        ..Default::default()
    };
    let demo = DecisionRequest {
        team: Some(1),
        annex_threshold: Some(0),
        ..base.clone()
    };
    let (ms, pages, size) = time_decision(&mut store, &demo, &fonts)?;
    let label = match lang {
        Lang::Vi => "quyết định mẫu kèm danh sách",
        Lang::En => "demo decision with annex",
    };
    println!("{label}\tmedian {ms:.2} ms\t{pages} pages\t{size} bytes");
    // A team of 60.
    let village = store
        .villages(1, false)?
        .into_iter()
        .find(|v| v.name == "3")
        .map(|v| v.id);
    let team = store.create_team(1, village, None)?;
    let joining = crate::domain::people::Joining {
        role: crate::domain::people::Role::Member,
        duties: String::new(),
        joined_on: None,
        joined_by: String::new(),
    };
    for i in 0..60 {
        let person = crate::domain::people::Person {
            full_name: format!("Nguyễn Văn Thành Viên {i}"),
            given_name: format!("Viên {i}"),
            position: "Người dân thôn 3".into(),
            phone: Some(format!("09{i:08}")),
            ..Default::default()
        };
        let role = if i == 0 {
            crate::domain::people::Role::Leader
        } else {
            joining.role
        };
        store.add_member(
            team.id,
            &person,
            &crate::domain::people::Joining {
                role,
                ..joining.clone()
            },
        )?;
    }
    for (annex, label) in [
        (Some(10), "60 members, attached list"),
        (Some(100), "60 members, listed in Article 1"),
    ] {
        let req = DecisionRequest {
            team: Some(team.id),
            annex_threshold: annex,
            ..base.clone()
        };
        let (ms, pages, size) = time_decision(&mut store, &req, &fonts)?;
        println!("{label}\tmedian {ms:.2} ms\t{pages} pages\t{size} bytes");
    }
    Ok(())
}
