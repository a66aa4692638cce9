//! Issuing by the e-office: a draft kept waiting for the number and date the văn thư's
//! system gives (its model frozen as an issued one's), registered once they are typed,
//! and the signed PDF kept byte for byte beside its register entry (in the database:
//! backups and bundles carry it, and no stop can part it from its entry).

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, log, now_text};
use crate::document::model::Document;

/// Which register a draft or a signed copy belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Decision,
    Report,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Decision => "decision",
            Self::Report => "report",
        }
    }

    fn of(code: &str) -> Self {
        if code == "report" {
            Self::Report
        } else {
            Self::Decision
        }
    }
}

/// A draft to be numbered, as it is kept.
#[derive(Debug, Clone)]
pub struct NumberingDraft {
    pub id: i64,
    pub commune_id: i64,
    pub doc: DocKind,
    /// A decision's kind code and teams; a report's team (0: the commune's) and period.
    pub kind: String,
    pub team_ids: Vec<i64>,
    pub team_id: i64,
    pub period: String,
    pub year: i32,
    pub drafted_on: NaiveDate,
    pub subject: String,
    pub model: Document,
    /// The frozen model is the one kept (its hash matches).
    pub model_intact: bool,
    pub pdf_sha256: String,
    /// The register entry it became, once numbered.
    pub entry_id: Option<i64>,
    pub dropped: Option<(NaiveDate, String)>,
}

/// A draft to keep.
pub struct NewDraft<'a> {
    pub commune_id: i64,
    pub doc: DocKind,
    pub kind: &'a str,
    pub team_ids: &'a [i64],
    pub team_id: i64,
    pub period: &'a str,
    pub drafted_on: NaiveDate,
    pub model: &'a Document,
    pub pdf_sha256: &'a str,
}

/// A signed PDF to keep.
pub struct NewSigned<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
}

/// A signed copy kept (its bytes read only when asked for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCopy {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub bytes: i64,
    pub attached_on: String,
}

const DRAFT_COLUMNS: &str = "id, commune_id, doc, kind, team_ids, team_id, period, year, drafted_on, subject, model, model_sha256, pdf_sha256, entry_id, dropped_on, drop_reason";

fn draft_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<NumberingDraft>> {
    let id: i64 = r.get(0)?;
    let json: String = r.get(10)?;
    let kept: String = r.get(11)?;
    let teams: String = r.get(4)?;
    let dropped = r
        .get::<_, Option<NaiveDate>>(14)?
        .map(|d| Ok::<_, rusqlite::Error>((d, r.get(15)?)))
        .transpose()?;
    let doc: String = r.get(2)?;
    Ok(match serde_json::from_str::<Document>(&json) {
        Ok(model) => Ok(NumberingDraft {
            id,
            commune_id: r.get(1)?,
            doc: DocKind::of(&doc),
            kind: r.get(3)?,
            team_ids: serde_json::from_str(&teams).unwrap_or_default(),
            team_id: r.get(5)?,
            period: r.get(6)?,
            year: r.get(7)?,
            drafted_on: r.get(8)?,
            subject: r.get(9)?,
            model_intact: super::decisions::model_sha256(&json) == kept,
            model,
            pdf_sha256: r.get(12)?,
            entry_id: r.get(13)?,
            dropped,
        }),
        Err(e) => Err(StoreError::refused(
            format!("Bản nháp chờ cấp số {id} bị hỏng: {e}"),
            format!("The draft waiting for its number {id} is damaged: {e}"),
        )),
    })
}

fn signed_column(doc: DocKind) -> &'static str {
    match doc {
        DocKind::Decision => "decision_id",
        DocKind::Report => "report_id",
    }
}

fn insert_signed(
    tx: &rusqlite::Transaction<'_>,
    commune_id: i64,
    doc: DocKind,
    entry: i64,
    s: &NewSigned<'_>,
) -> Result<()> {
    let column = signed_column(doc);
    let had: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM signed_copies WHERE {column} = ?1"),
            [entry],
            |r| r.get(0),
        )
        .optional()?;
    if had.is_some() {
        return Err(StoreError::refused(
            format!("văn bản mã {entry} đã có bản đã ký; bản đã ký được giữ nguyên, không thay"),
            format!(
                "entry {entry} already has its signed copy; a signed copy is kept, never replaced"
            ),
        ));
    }
    tx.execute(
        &format!(
            "INSERT INTO signed_copies (commune_id, {column}, file_name, sha256, bytes, attached_on, content) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        ),
        params![
            commune_id,
            entry,
            s.file_name,
            s.sha256,
            s.content.len() as i64,
            now_text(),
            s.content
        ],
    )?;
    let table = match doc {
        DocKind::Decision => "decisions",
        DocKind::Report => "reports",
    };
    tx.execute(
        &format!("UPDATE {table} SET issued_way = 'eoffice' WHERE id = ?1"),
        [entry],
    )?;
    log(tx, doc.code(), entry, "attach_signed", s.file_name)
}

impl Store {
    /// Keeps a draft waiting for its number; its id. `finish` (putting its PDF in
    /// place) runs inside the transaction: if it fails, nothing is kept.
    pub fn add_numbering_draft(
        &mut self,
        d: &NewDraft<'_>,
        finish: impl FnOnce() -> Result<()>,
    ) -> Result<i64> {
        let json = serde_json::to_string(d.model).map_err(|e| {
            StoreError::refused(
                format!("Không lưu được bản nháp: {e}"),
                format!("Could not store the draft: {e}"),
            )
        })?;
        let teams = serde_json::to_string(d.team_ids).unwrap_or_else(|_| "[]".into());
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO numbering_drafts ({}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, NULL, NULL, '')",
                    DRAFT_COLUMNS
                ),
                params![
                    d.commune_id,
                    d.doc.code(),
                    d.kind,
                    teams,
                    d.team_id,
                    d.period,
                    d.drafted_on.year(),
                    d.drafted_on,
                    d.model.meta.subject,
                    json,
                    super::decisions::model_sha256(&json),
                    d.pdf_sha256
                ],
            )?;
            let id = tx.last_insert_rowid();
            log(tx, "numbering_draft", id, "draft", d.doc.code())?;
            finish()?;
            super::pending::settled(tx, d.pdf_sha256)?;
            Ok(id)
        })
    }

    pub fn numbering_draft(&self, id: i64) -> Result<NumberingDraft> {
        self.conn()
            .query_row(
                &format!("SELECT {DRAFT_COLUMNS} FROM numbering_drafts WHERE id = ?1"),
                [id],
                draft_row,
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có bản nháp chờ cấp số {id}"),
                    format!("There is no draft waiting for its number with id {id}"),
                )
            })?
    }

    /// The drafts of one kind still waiting for their number, newest first.
    pub fn waiting_drafts(&self, commune_id: i64, doc: DocKind) -> Result<Vec<NumberingDraft>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {DRAFT_COLUMNS} FROM numbering_drafts WHERE commune_id = ?1 AND doc = ?2 \
             AND entry_id IS NULL AND dropped_on IS NULL ORDER BY id DESC"
        ))?;
        let rows = st.query_map(params![commune_id, doc.code()], draft_row)?;
        rows.map(|r| r?).collect()
    }

    /// A waiting draft set aside (it will not be numbered), with the reason.
    pub fn drop_numbering_draft(&mut self, id: i64, reason: &str) -> Result<()> {
        let reason = super::decisions::void_reason(reason)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE numbering_drafts SET dropped_on = date('now', 'localtime'), drop_reason = ?2 \
                 WHERE id = ?1 AND entry_id IS NULL AND dropped_on IS NULL",
                params![id, reason],
            )?;
            if n == 0 {
                return Err(StoreError::refused(
                    format!("Bản nháp {id} không còn chờ cấp số"),
                    format!("Draft {id} is no longer waiting for its number"),
                ));
            }
            log(tx, "numbering_draft", id, "drop", &reason)
        })
    }

    /// Registers a draft under the number and date the e-office gave: the entry (its
    /// model the draft's with them filled in, `pdf_sha256` the valid copy's), the
    /// signed copy when given, and the draft marked — one transaction. The number is
    /// checked inside it.
    pub fn register_numbered(
        &mut self,
        draft_id: i64,
        number: u32,
        date: NaiveDate,
        model: &Document,
        pdf_sha256: &str,
        signed: Option<&NewSigned<'_>>,
    ) -> Result<i64> {
        let draft = self.numbering_draft(draft_id)?;
        let json = serde_json::to_string(model).map_err(|e| {
            StoreError::refused(
                format!("Không lưu được văn bản: {e}"),
                format!("Could not store the document: {e}"),
            )
        })?;
        let year = date.year();
        self.write(|tx| {
            let waiting: Option<i64> = tx
                .query_row(
                    "SELECT id FROM numbering_drafts WHERE id = ?1 AND entry_id IS NULL AND dropped_on IS NULL",
                    [draft_id],
                    |r| r.get(0),
                )
                .optional()?;
            if waiting.is_none() {
                return Err(StoreError::refused(
                    format!("Bản nháp {draft_id} không còn chờ cấp số (đã vào sổ hoặc đã bỏ)"),
                    format!("Draft {draft_id} is no longer waiting for its number (registered or set aside)"),
                ));
            }
            let entry = match draft.doc {
                DocKind::Decision => {
                    super::decisions::number_free(tx, draft.commune_id, year, number)?;
                    tx.execute(
                        "INSERT INTO decisions (commune_id, year, type_code, number, kind, team_ids, issued_on, subject, model, pdf_sha256, model_sha256, issued_way) \
                         VALUES (?1, ?2, 'QĐ', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'eoffice')",
                        params![
                            draft.commune_id,
                            year,
                            number,
                            draft.kind,
                            serde_json::to_string(&draft.team_ids).unwrap_or_else(|_| "[]".into()),
                            date,
                            model.meta.subject,
                            json,
                            pdf_sha256,
                            super::decisions::model_sha256(&json)
                        ],
                    )?;
                    tx.last_insert_rowid()
                }
                DocKind::Report => {
                    super::reports::report_number_free(tx, draft.commune_id, draft.team_id, year, number)?;
                    tx.execute(
                        "INSERT INTO reports (commune_id, team_id, period, year, number, issued_on, subject, model, pdf_sha256, model_sha256, issued_way) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'eoffice')",
                        params![
                            draft.commune_id,
                            draft.team_id,
                            draft.period,
                            year,
                            number,
                            date,
                            model.meta.subject,
                            json,
                            pdf_sha256,
                            super::decisions::model_sha256(&json)
                        ],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            tx.execute(
                "UPDATE numbering_drafts SET entry_id = ?2 WHERE id = ?1",
                params![draft_id, entry],
            )?;
            log(
                tx,
                draft.doc.code(),
                entry,
                "register",
                &format!("{} {number} {date}", draft_id),
            )?;
            if let Some(s) = signed {
                insert_signed(tx, draft.commune_id, draft.doc, entry, s)?;
            }
            Ok(entry)
        })
    }

    /// Keeps the signed PDF of a register entry (one only, never replaced); the entry
    /// is from then on one issued in the e-office.
    pub fn attach_signed(
        &mut self,
        commune_id: i64,
        doc: DocKind,
        entry: i64,
        s: &NewSigned<'_>,
    ) -> Result<()> {
        self.write(|tx| insert_signed(tx, commune_id, doc, entry, s))
    }

    /// The signed copy kept for an entry, without its bytes.
    pub fn signed_copy(&self, doc: DocKind, entry: i64) -> Result<Option<SignedCopy>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT id, file_name, sha256, bytes, attached_on FROM signed_copies WHERE {} = ?1",
                    signed_column(doc)
                ),
                [entry],
                |r| {
                    Ok(SignedCopy {
                        id: r.get(0)?,
                        file_name: r.get(1)?,
                        sha256: r.get(2)?,
                        bytes: r.get(3)?,
                        attached_on: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// The bytes of a signed copy, as they were attached.
    pub fn signed_bytes(&self, doc: DocKind, entry: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT content FROM signed_copies WHERE {} = ?1",
                    signed_column(doc)
                ),
                [entry],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How an entry was issued: `paper` or `eoffice`.
    pub fn issued_way(&self, doc: DocKind, entry: i64) -> Result<String> {
        let table = match doc {
            DocKind::Decision => "decisions",
            DocKind::Report => "reports",
        };
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT issued_way FROM {table} WHERE id = ?1"),
                [entry],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| "paper".into()))
    }
}
