//! The library of legal bases and recipients, the number register, and issued
//! decisions frozen with their model and the hash of their PDF.

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::{MemberQuery, Result, Store, StoreError, log};
use crate::document::decision::{DecisionKind, Listed, TeamPart};
use crate::document::model::Document;
use crate::domain::team::Level;
use crate::domain::{Field, FieldError, text, vndate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryKind {
    LegalBasis,
    Recipient,
}

impl LibraryKind {
    fn code(self) -> &'static str {
        match self {
            Self::LegalBasis => "legal_basis",
            Self::Recipient => "recipient",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryItem {
    pub id: i64,
    pub text: String,
    /// Ticked on a new draft (the draft keeps its own ticks after that).
    pub chosen: bool,
    /// Its dates and legal rank.
    pub facts: crate::domain::legal::Facts,
}

/// The usual legal bases (domain.md), offered to every commune.
pub const USUAL_BASES: &[&str] = &[
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”",
    "Căn cứ Quyết định số 411/QĐ-TTg ngày 31 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030",
    "Căn cứ Quyết định số 1690/QĐ-TTg ngày 26 tháng 12 năm 2023 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số",
    "Căn cứ Công văn số 793/BTTTT-THH ngày 05 tháng 3 năm 2022 của Bộ Thông tin và Truyền thông hướng dẫn thí điểm triển khai Tổ công nghệ số cộng đồng tại các địa phương",
    "Căn cứ Kế hoạch số 01-KH/BCĐTW ngày 21 tháng 3 năm 2025 của Ban Chỉ đạo Trung ương về triển khai phong trào “Bình dân học vụ số”",
];

/// The usual recipients of a commune decision (the department by the decision's date).
pub const USUAL_RECIPIENTS: &[&str] = &[
    "Sở Thông tin và Truyền thông (b/c)",
    "Sở Khoa học và Công nghệ (b/c)",
    "TT Đảng ủy xã (b/c)",
    "TT HĐND xã (b/c)",
    "CT, các PCT UBND xã",
    "Như Điều 3",
    "Lưu: VT",
];

/// The usual recipients in the words of a commune of this kind (`xã`, `phường`, …).
pub fn usual_recipients(commune_word: &str) -> Vec<String> {
    USUAL_RECIPIENTS
        .iter()
        .map(|r| {
            r.strip_suffix(" xã (b/c)")
                .map(|head| format!("{head} {commune_word} (b/c)"))
                .or_else(|| {
                    r.strip_suffix(" xã")
                        .map(|head| format!("{head} {commune_word}"))
                })
                .unwrap_or_else(|| r.to_string())
        })
        .collect()
}

/// What the register keeps of a decision being issued.
#[derive(Debug, Clone, Copy)]
pub struct NewIssue<'a> {
    pub kind: DecisionKind,
    pub team_ids: &'a [i64],
    pub number: u32,
    pub date: NaiveDate,
    pub model: &'a Document,
    /// SHA-256 of the PDF as written, in hex.
    pub pdf_sha256: &'a str,
}

/// A decision in the register.
#[derive(Debug, Clone)]
pub struct IssuedDecision {
    pub id: i64,
    pub number: u32,
    pub year: i32,
    pub kind: DecisionKind,
    pub team_ids: Vec<i64>,
    pub issued_on: NaiveDate,
    pub subject: String,
    pub model: Document,
    pub pdf_sha256: String,
    /// Voided (kept in the register, marked): the day and the reason.
    pub voided: Option<(NaiveDate, String)>,
    /// Whether the frozen model is the one issued (its hash as kept at issue); None
    /// when the register keeps no hash for it (an entry from an older bundle).
    pub model_intact: Option<bool>,
}

impl IssuedDecision {
    /// `23/QĐ-UBND ngày 27/07/2022`.
    pub fn reference(&self) -> String {
        format!(
            "{}/QĐ-UBND ngày {}",
            crate::domain::number::doc_number(self.number),
            vndate::short(self.issued_on)
        )
    }
}

impl Store {
    /// The library's entries that are not retired, in the order they were added.
    pub fn library(&self, commune_id: i64, kind: LibraryKind) -> Result<Vec<LibraryItem>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, text, chosen, dated, in_force_from, in_force_until, replaced_by, rank \
             FROM library WHERE commune_id = ?1 AND kind = ?2 AND retired = 0 ORDER BY position, id",
        )?;
        let rows = st.query_map(params![commune_id, kind.code()], |r| {
            Ok(LibraryItem {
                id: r.get(0)?,
                text: r.get(1)?,
                chosen: r.get::<_, i64>(2)? == 1,
                facts: crate::domain::legal::Facts {
                    dated: r.get(3)?,
                    from: r.get(4)?,
                    until: r.get(5)?,
                    replaced_by: r.get(6)?,
                    rank: r.get::<_, i64>(7)?.clamp(0, 9) as u8,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Corrects an entry's text and dates (documents already issued keep theirs: they
    /// are frozen).
    pub fn update_library_item(
        &mut self,
        id: i64,
        text_in: &str,
        facts: &crate::domain::legal::Facts,
    ) -> Result<()> {
        let t = text::clean(text_in);
        let t = t.trim_end_matches([';', '.']).to_string();
        if t.is_empty() {
            return Err(StoreError::invalid(FieldError::new(
                Field::Decision,
                "nội dung không được để trống",
                "the text must not be empty",
            )));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE library SET text = ?2, dated = ?3, in_force_from = ?4, in_force_until = ?5, \
                 replaced_by = ?6, rank = ?7 WHERE id = ?1",
                params![id, t, facts.dated, facts.from, facts.until, facts.replaced_by, facts.rank as i64],
            )?;
            if n == 0 {
                return Err(StoreError::not_found(
                    format!("Không có mục số {id} trong danh mục"),
                    format!("There is no library entry {id}"),
                ));
            }
            log(tx, "library", id, "edit", &t)?;
            Ok(())
        })
    }

    /// Retires an entry: no longer offered, never lost from issued documents.
    pub fn retire_library_item(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE library SET retired = 1 WHERE id = ?1", [id])?;
            log(tx, "library", id, "retire", "")?;
            Ok(())
        })
    }

    pub fn add_library_item(
        &mut self,
        commune_id: i64,
        kind: LibraryKind,
        text_in: &str,
        chosen: bool,
    ) -> Result<i64> {
        let t = text::clean(text_in);
        let t = t.trim_end_matches([';', '.']).to_string();
        if t.is_empty() {
            return Err(StoreError::invalid(FieldError::new(
                Field::Decision,
                "nội dung không được để trống",
                "the text must not be empty",
            )));
        }
        self.write(|tx| {
            let pos: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM library WHERE commune_id = ?1 AND kind = ?2",
                params![commune_id, kind.code()],
                |r| r.get(0),
            )?;
            let facts = crate::domain::legal::known(&t)
                .unwrap_or_else(|| crate::domain::legal::facts_of(&t));
            tx.execute(
                "INSERT INTO library (commune_id, kind, text, position, chosen, dated, in_force_from, \
                 in_force_until, replaced_by, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    commune_id,
                    kind.code(),
                    t,
                    pos,
                    chosen as i64,
                    facts.dated,
                    facts.from,
                    facts.until,
                    facts.replaced_by,
                    facts.rank as i64
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Fills an empty library with the usual legal bases and recipients, and gives
    /// entries saved before they had dates the dates their words carry.
    pub fn ensure_library(&mut self, commune_id: i64) -> Result<()> {
        let undated: Vec<(i64, String)> = self
            .conn()
            .prepare_cached(
                "SELECT id, text FROM library WHERE commune_id = ?1 AND rank = 9 AND dated IS NULL \
                 AND in_force_from IS NULL AND in_force_until IS NULL",
            )?
            .query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if !undated.is_empty() {
            self.write(|tx| {
                for (id, t) in &undated {
                    let f = crate::domain::legal::known(t)
                        .unwrap_or_else(|| crate::domain::legal::facts_of(t));
                    tx.execute(
                        "UPDATE library SET dated = ?2, in_force_from = ?3, in_force_until = ?4, \
                         replaced_by = ?5, rank = ?6 WHERE id = ?1",
                        params![id, f.dated, f.from, f.until, f.replaced_by, f.rank as i64],
                    )?;
                }
                Ok(())
            })?;
        }
        if !self
            .library(commune_id, LibraryKind::LegalBasis)?
            .is_empty()
        {
            return Ok(());
        }
        for b in USUAL_BASES {
            self.add_library_item(commune_id, LibraryKind::LegalBasis, b, true)?;
        }
        let word = self.commune(commune_id)?.kind.word();
        for r in usual_recipients(word) {
            self.add_library_item(commune_id, LibraryKind::Recipient, &r, true)?;
        }
        Ok(())
    }

    /// The chosen texts of one kind, in order.
    pub fn chosen(&self, commune_id: i64, kind: LibraryKind) -> Result<Vec<String>> {
        Ok(self
            .library(commune_id, kind)?
            .into_iter()
            .filter(|i| i.chosen)
            .map(|i| i.text)
            .collect())
    }

    /// The next free number of the year.
    pub fn next_decision_number(&self, commune_id: i64, year: i32) -> Result<u32> {
        next_number(self.conn(), commune_id, year)
    }

    /// Freezes a decision in the register: its model and the hash of its PDF. The
    /// number is checked inside the writing transaction, and `finish` (putting the PDF
    /// in its place) runs in it too: if it fails, nothing is registered.
    pub fn issue_decision(
        &mut self,
        commune_id: i64,
        issue: &NewIssue<'_>,
        finish: impl FnOnce() -> Result<()>,
    ) -> Result<IssuedDecision> {
        let NewIssue {
            kind,
            team_ids,
            number,
            date,
            model,
            pdf_sha256,
        } = *issue;
        let json = serde_json::to_string(model).map_err(|e| {
            StoreError::refused(
                format!("Không lưu được văn bản: {e}"),
                format!("Could not store the document: {e}"),
            )
        })?;
        let teams = serde_json::to_string(team_ids).unwrap_or_else(|_| "[]".into());
        let subject = model.meta.subject.clone();
        let id = self.write(|tx| {
            number_free(tx, commune_id, date.year(), number)?;
            tx.execute(
                "INSERT INTO decisions (commune_id, year, type_code, number, kind, team_ids, issued_on, subject, model, pdf_sha256, model_sha256) \
                 VALUES (?1, ?2, 'QĐ', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![commune_id, date.year(), number, kind.code(), teams, date, subject, json, pdf_sha256, model_sha256(&json)],
            )?;
            let id = tx.last_insert_rowid();
            log(tx, "decision", id, "issue", &format!("{}/QĐ-UBND", crate::domain::number::doc_number(number)))?;
            finish()?;
            super::pending::settled(tx, pdf_sha256)?;
            Ok(id)
        })?;
        self.issued_decision(id)
    }

    pub fn issued_decision(&self, id: i64) -> Result<IssuedDecision> {
        self.conn()
            .query_row(
                "SELECT id, number, year, kind, team_ids, issued_on, subject, model, pdf_sha256, voided_on, void_reason, model_sha256 FROM decisions WHERE id = ?1",
                [id],
                decision_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found(format!("Không có quyết định số {id} trong sổ"), format!("There is no decision with id {id} in the register")))?
    }

    /// The register, newest first.
    pub fn issued_decisions(&self, commune_id: i64) -> Result<Vec<IssuedDecision>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, number, year, kind, team_ids, issued_on, subject, model, pdf_sha256, voided_on, void_reason, model_sha256 FROM decisions \
             WHERE commune_id = ?1 ORDER BY issued_on DESC, year DESC, number DESC",
        )?;
        let rows: Vec<Result<IssuedDecision>> = st
            .query_map([commune_id], decision_row)?
            .collect::<rusqlite::Result<_>>()?;
        // One damaged entry never hides the register: it is left out of the list
        // (`cnscd check` names it; opening it says what is wrong).
        Ok(rows.into_iter().filter_map(Result::ok).collect())
    }

    /// Voids an issued decision: it stays in the register, marked with the day and the
    /// reason, and its number is never proposed again.
    pub fn void_decision(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
    ) -> Result<IssuedDecision> {
        let reason = void_reason(reason)?;
        let d = self.issued_decision(id)?;
        if d.voided.is_some() {
            return Err(StoreError::refused(
                format!("Quyết định {} đã bị hủy trước đó", d.reference()),
                format!("Decision {} was already voided", d.reference()),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE decisions SET voided_on = ?2, void_reason = ?3 WHERE id = ?1",
                params![id, on, reason],
            )?;
            log(tx, "decision", id, "void", &reason)?;
            Ok(())
        })?;
        self.issued_decision(id)
    }

    /// The last issued decision that covers a team.
    pub fn last_decision_for(
        &self,
        commune_id: i64,
        team_id: i64,
    ) -> Result<Option<IssuedDecision>> {
        Ok(self
            .issued_decisions(commune_id)?
            .into_iter()
            .find(|d| d.voided.is_none() && d.team_ids.contains(&team_id)))
    }

    /// The teams of a decision with their current members, and (for a change decision)
    /// who joined and left since `since`.
    pub fn decision_parts(
        &self,
        team_ids: &[i64],
        since: Option<NaiveDate>,
    ) -> Result<Vec<TeamPart>> {
        let mut parts = Vec::new();
        for &id in team_ids {
            let team = self.team(id)?;
            let name = self.team_name(&team)?;
            let place_word = match team.village_id {
                Some(v) => self.village(v)?.kind.word().to_string(),
                None => self.commune(team.commune_id)?.kind.word().to_string(),
            };
            let rows = self.members(&MemberQuery {
                team_id: Some(id),
                include_left: since.is_some(),
                ..Default::default()
            })?;
            let mut rows = rows;
            // Decisions list by role, then in the order members were recorded.
            rows.sort_by_key(|r| (r.membership.role, r.membership.id));
            let listed = |r: &super::MemberRow| Listed {
                name: r.person.full_name.clone(),
                gender: r.person.gender,
                position: r.person.position.clone(),
                role: r.membership.role,
                duties: r.membership.duties.clone(),
                phone: r.person.phone.clone().unwrap_or_default(),
            };
            let members = rows
                .iter()
                .filter(|r| r.membership.is_current())
                .map(listed)
                .collect();
            let (joined, left) = match since {
                Some(d) => (
                    rows.iter()
                        .filter(|r| {
                            r.membership.is_current()
                                && r.membership.joined_on.is_some_and(|j| j > d)
                        })
                        .map(listed)
                        .collect(),
                    rows.iter()
                        .filter(|r| r.membership.left_on.is_some_and(|l| l > d))
                        .map(|r| (listed(r), r.membership.leave_reason.clone()))
                        .collect(),
                ),
                None => (Vec::new(), Vec::new()),
            };
            parts.push(TeamPart {
                team_id: id,
                name,
                place_word,
                members,
                joined,
                left,
            });
        }
        Ok(parts)
    }

    /// The active village teams of a commune (for one decision establishing them all).
    pub fn village_team_ids(&self, commune_id: i64) -> Result<Vec<i64>> {
        Ok(self
            .teams(commune_id)?
            .into_iter()
            .filter(|t| {
                t.level == Level::Village && t.status != crate::domain::team::TeamStatus::Dissolved
            })
            .map(|t| t.id)
            .collect())
    }
}

fn decision_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<IssuedDecision>> {
    let kind: String = r.get(3)?;
    let teams: String = r.get(4)?;
    let model: String = r.get(7)?;
    let id: i64 = r.get(0)?;
    let kept: String = r.get(11)?;
    let model_intact = (!kept.is_empty()).then(|| model_sha256(&model) == kept);
    Ok(match serde_json::from_str::<Document>(&model) {
        Ok(model) => Ok(IssuedDecision {
            id,
            number: r.get(1)?,
            year: r.get(2)?,
            kind: DecisionKind::from_code(&kind).unwrap_or(DecisionKind::Establish),
            team_ids: serde_json::from_str(&teams).unwrap_or_default(),
            issued_on: r.get(5)?,
            subject: r.get(6)?,
            model,
            pdf_sha256: r.get(8)?,
            voided: r
                .get::<_, Option<NaiveDate>>(9)?
                .map(|d| Ok::<_, rusqlite::Error>((d, r.get(10)?)))
                .transpose()?,
            model_intact,
        }),
        Err(e) => Err(StoreError::refused(
            format!("Quyết định {id} trong sổ bị hỏng: {e}"),
            format!("Decision {id} in the register is damaged: {e}"),
        )),
    })
}

/// The SHA-256 of a frozen model as the register keeps it (its JSON text).
pub(crate) fn model_sha256(json: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(json.as_bytes()))
}

/// As migration 7 runs: the entries issued before it get the hash of the model they
/// hold (they were frozen by this program).
pub(super) fn seal_models(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    for table in ["decisions", "reports"] {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!(
                "SELECT id, model FROM {table} WHERE model_sha256 = ''"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, model) in rows {
            tx.execute(
                &format!("UPDATE {table} SET model_sha256 = ?1 WHERE id = ?2"),
                params![model_sha256(&model), id],
            )?;
        }
    }
    Ok(())
}

/// The next free decision number of the year, on a connection or inside a transaction.
fn next_number(conn: &rusqlite::Connection, commune_id: i64, year: i32) -> Result<u32> {
    let n: i64 = conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM decisions WHERE commune_id = ?1 AND year = ?2 AND type_code = 'QĐ'",
        params![commune_id, year],
        |r| r.get(0),
    )?;
    u32::try_from(n).map_err(|_| {
        StoreError::refused(
            format!("Sổ quyết định năm {year} đã hết số"),
            format!("The decision register of {year} has no number left"),
        )
    })
}

/// Refuses a number already issued this year (the check runs where the write does).
pub(super) fn number_free(
    conn: &rusqlite::Connection,
    commune_id: i64,
    year: i32,
    number: u32,
) -> Result<()> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM decisions WHERE commune_id = ?1 AND year = ?2 AND type_code = 'QĐ' AND number = ?3",
            params![commune_id, year, number],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        let next = next_number(conn, commune_id, year)?;
        return Err(StoreError::invalid(FieldError::new(
            Field::Number,
            format!(
                "số {number}/QĐ-UBND năm {year} đã được ban hành; số trống tiếp theo là {next}"
            ),
            format!(
                "number {number} of {year} has already been issued; the next free number is {next}"
            ),
        )));
    }
    Ok(())
}

/// The reason for voiding, cleaned; an empty one is refused naming the field.
pub(super) fn void_reason(typed: &str) -> Result<String> {
    let reason = text::clean(typed);
    if reason.is_empty() {
        return Err(StoreError::invalid(FieldError::new(
            Field::Reason,
            "cần ghi lý do hủy",
            "give the reason for voiding",
        )));
    }
    Ok(reason)
}
