//! Word copies (`.docx`) of decisions, member lists and reports, from the same
//! document model as the PDF: a draft from its request, an issued one from the model
//! frozen in the register (the same words as the signed PDF). A Word copy is never
//! issued: the register keeps the PDF.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::output::{self, Target};
use super::{Error, Result, decisions, member_lists, reports};
use crate::document::model::Document;
use crate::domain::Msg;
use crate::render::Fonts;
use crate::store::Store;

/// A Word file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSaved {
    pub path: PathBuf,
    /// `Số: 23/QĐ-UBND` (a draft's has no number).
    pub number_line: String,
    pub bytes: usize,
}

impl WordSaved {
    pub fn summary(&self) -> Msg {
        let (name, folder) = output::named(&self.path);
        let (size_vi, size_en) = crate::domain::number::size(self.bytes as u64);
        let line = self
            .number_line
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Msg::new(
            format!("Đã ghi bản Word {name} — {line} ({size_vi}), trong thư mục {folder}."),
            format!("Wrote the Word copy {name} — {line} ({size_en}), in the folder {folder}."),
        )
    }
}

/// Is this path a Word file (`.docx`, any case)?
pub fn is_docx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("docx"))
}

/// The `.docx` bytes of a document.
pub fn docx(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>> {
    crate::render::docx::write(doc, fonts).map_err(|e| {
        Error::Document(Msg::new(
            format!("Không tạo được tệp Word: {e}"),
            format!("Could not make the Word file: {e}"),
        ))
    })
}

/// Writes a document as `.docx` to a target checked against the database (the one
/// check every Word copy goes through).
pub fn write(
    doc: &Document,
    target: &Target,
    database: Option<&Path>,
    fonts: &Fonts,
) -> Result<WordSaved> {
    target.check(database)?;
    let bytes = docx(doc, fonts)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(WordSaved {
        path,
        number_line: doc.header.number_line.clone(),
        bytes: bytes.len(),
    })
}

/// A decision's draft (or one with the number typed), as the request builds it.
pub fn decision(
    store: &Store,
    req: &decisions::DecisionRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<WordSaved> {
    let built = decisions::build(store, req)?;
    write(&built.doc, target, store.path(), fonts)
}

/// An issued decision, from its frozen model.
pub fn issued_decision(
    store: &Store,
    id: i64,
    target: &Target,
    fonts: &Fonts,
) -> Result<WordSaved> {
    let d = store.issued_decision(id)?;
    decisions::unchanged_since_issue(&d.reference(), d.model_intact)?;
    write(&d.model, target, store.path(), fonts)
}

/// A report's draft, as the request builds it.
pub fn report(
    store: &Store,
    req: &reports::ReportRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<WordSaved> {
    let built = reports::build(store, req)?;
    write(&built.doc, target, store.path(), fonts)
}

/// An issued report, from its frozen model.
pub fn issued_report(store: &Store, id: i64, target: &Target, fonts: &Fonts) -> Result<WordSaved> {
    let commune = super::home(store)?;
    let r = store.issued_report(commune.id, id)?;
    decisions::unchanged_since_issue(&r.model.header.number_line, r.model_intact)?;
    write(&r.model, target, store.path(), fonts)
}

/// A team's member list.
pub fn member_list(
    store: &Store,
    team: i64,
    created: Option<NaiveDateTime>,
    target: &Target,
    fonts: &Fonts,
) -> Result<WordSaved> {
    let doc = member_lists::build(store, team, created)?;
    write(&doc, target, store.path(), fonts)
}

/// Refuses to issue straight to Word: the register keeps the signed PDF.
pub fn refuse_issue() -> Error {
    Error::refused(
        "Văn bản ban hành được lưu vào sổ dưới dạng PDF; hãy ban hành ra tệp .pdf rồi xuất bản Word bằng mã của nó",
        "An issued document is registered as PDF: issue it to a .pdf file, then export the Word copy by its id",
    )
}
