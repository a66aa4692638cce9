//! A database whose home is a province: its code, and the communes' sheets it took in
//! (a newer sheet of a commune's period replaces the older, which stays in the history).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{IssuedReport, Result, Store, StoreError, log, now_text};
use crate::document::model::Document;
use crate::domain::{Field, FieldError, Msg};

/// A sheet taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionRow {
    pub id: i64,
    pub unit_code: u32,
    pub period: String,
    pub received_on: NaiveDate,
    pub file_name: String,
    pub sha256: String,
    pub blank: bool,
    /// The figures read, as JSON (office::province::ProvinceFigures).
    pub figures: String,
    pub replaced_by: Option<i64>,
}

/// A sheet to take in.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub unit_code: u32,
    pub period: String,
    pub received_on: NaiveDate,
    pub file_name: String,
    pub sha256: String,
    pub blank: bool,
    pub figures: String,
}

const COLUMNS: &str =
    "id, unit_code, period, received_on, file_name, sha256, blank, figures, replaced_by";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SubmissionRow> {
    Ok(SubmissionRow {
        id: r.get(0)?,
        unit_code: r.get(1)?,
        period: r.get(2)?,
        received_on: r.get(3)?,
        file_name: r.get(4)?,
        sha256: r.get(5)?,
        blank: r.get::<_, i64>(6)? == 1,
        figures: r.get(7)?,
        replaced_by: r.get(8)?,
    })
}

impl Store {
    /// The province this database is the home of: its code and who issues its reports
    /// (`so`: the Sở KH&CN, `ubnd`: the UBND tỉnh).
    pub fn province_home(&self) -> Result<Option<(u32, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT code, issuer FROM province_home WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Makes this database a province's; refused when it holds a commune (one home a
    /// database), or is already another province's.
    pub fn set_province_home(&mut self, code: u32, issuer: &str) -> Result<()> {
        self.write(|tx| {
            let communes: i64 = tx.query_row("SELECT count(*) FROM communes", [], |r| r.get(0))?;
            if communes > 0 {
                return Err(StoreError::Refused(Msg::new(
                    "cơ sở dữ liệu này là của một xã; cơ sở dữ liệu của tỉnh là một tệp riêng (--db)",
                    "this database is a commune's; a province's database is a file of its own (--db)",
                )));
            }
            let other: Option<u32> = tx
                .query_row("SELECT code FROM province_home WHERE id = 1", [], |r| r.get(0))
                .optional()?;
            if other.is_some_and(|o| o != code) {
                return Err(StoreError::Refused(Msg::new(
                    "cơ sở dữ liệu này đã là của một tỉnh khác",
                    "this database is already another province's",
                )));
            }
            tx.execute(
                "INSERT INTO province_home (id, code, issuer, set_on) VALUES (1, ?1, ?2, ?3) \
                 ON CONFLICT (id) DO UPDATE SET issuer = excluded.issuer",
                params![code, issuer, now_text()],
            )?;
            log(tx, "province", i64::from(code), "set", issuer)
        })
    }

    /// The sheets of a period that count (not replaced), by unit code.
    pub fn submissions(&self, period: &str) -> Result<Vec<SubmissionRow>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM submissions WHERE period = ?1 AND replaced_by IS NULL ORDER BY unit_code"
        ))?;
        let rows = st.query_map([period], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every sheet of a commune taken in, newest first (the replaced ones too).
    pub fn submission_history(&self, unit_code: u32) -> Result<Vec<SubmissionRow>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM submissions WHERE unit_code = ?1 ORDER BY id DESC"
        ))?;
        let rows = st.query_map([unit_code], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes sheets in, all or none; each replaces the commune's sheet of that period
    /// taken in before. Returns each new id and the id it replaced.
    pub fn take_in_submissions(
        &mut self,
        sheets: &[NewSubmission],
    ) -> Result<Vec<(i64, Option<i64>)>> {
        self.write(|tx| {
            let mut out = Vec::new();
            for s in sheets {
                let old: Option<i64> = tx
                    .query_row(
                        "SELECT id FROM submissions WHERE unit_code = ?1 AND period = ?2 AND replaced_by IS NULL",
                        params![s.unit_code, s.period],
                        |r| r.get(0),
                    )
                    .optional()?;
                tx.execute(
                    "INSERT INTO submissions (unit_code, period, received_on, file_name, sha256, blank, figures) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        s.unit_code,
                        s.period,
                        s.received_on,
                        s.file_name,
                        s.sha256,
                        i64::from(s.blank),
                        s.figures
                    ],
                )?;
                let id = tx.last_insert_rowid();
                if let Some(o) = old {
                    tx.execute("UPDATE submissions SET replaced_by = ?2 WHERE id = ?1", params![o, id])?;
                }
                log(
                    tx,
                    "submission",
                    id,
                    if old.is_some() { "replace" } else { "take_in" },
                    &format!("{} {} {}", s.unit_code, s.period, s.file_name),
                )?;
                out.push((id, old));
            }
            Ok(out)
        })
    }

    /// Sets (or, `None`, removes) the province's target of an indicator for a year: for
    /// every commune (`unit` none) or for one.
    pub fn set_province_target(
        &mut self,
        year: i32,
        indicator: &str,
        unit: Option<u32>,
        value: Option<f64>,
    ) -> Result<()> {
        self.write(|tx| {
            let unit = unit.unwrap_or(0);
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO province_targets (year, indicator_code, unit_code, value, set_on) \
                     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET value = excluded.value, set_on = excluded.set_on",
                    params![year, indicator, unit, v, now_text()],
                )?,
                None => tx.execute(
                    "DELETE FROM province_targets WHERE year = ?1 AND indicator_code = ?2 AND unit_code = ?3",
                    params![year, indicator, unit],
                )?,
            };
            log(tx, "province_target", i64::from(unit), "set", &format!("{year} {indicator} {value:?}"))
        })
    }

    /// The province's targets of a year: (indicator code, unit code — 0 for all — , value).
    pub fn province_targets(&self, year: i32) -> Result<Vec<(String, u32, f64)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT indicator_code, unit_code, value FROM province_targets WHERE year = ?1 \
             ORDER BY indicator_code, unit_code",
        )?;
        let rows = st.query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A commune's targets of a year taken from what was sent down, all at once, each
    /// with where it came from; the indicators of `cleared` lose a target sent down
    /// before (one the commune set itself stays).
    pub fn take_targets(
        &mut self,
        commune_id: i64,
        year: i32,
        values: &[(i64, f64)],
        cleared: &[i64],
        source: &str,
    ) -> Result<()> {
        self.write(|tx| {
            for indicator in cleared {
                tx.execute(
                    "DELETE FROM targets WHERE commune_id = ?1 AND village_id = 0 AND indicator_id = ?2 \
                     AND year = ?3 AND source != ''",
                    params![commune_id, indicator, year],
                )?;
            }
            for (indicator, v) in values {
                tx.execute(
                    "INSERT INTO targets (commune_id, village_id, indicator_id, year, value, source) \
                     VALUES (?1, 0, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET value = excluded.value, \
                     source = excluded.source",
                    params![commune_id, indicator, year, v, source],
                )?;
            }
            log(tx, "targets", commune_id, "take_in", &format!("{year}: {source}"))
        })
    }

    /// Where the commune's targets of a year came from, when they were sent down.
    pub fn target_source(&self, commune_id: i64, year: i32) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT source FROM targets WHERE commune_id = ?1 AND village_id = 0 AND year = ?2 \
                 AND source != '' ORDER BY indicator_id LIMIT 1",
                params![commune_id, year],
                |r| r.get(0),
            )
            .optional()?)
    }
}

const PROVINCE_REPORT_COLUMNS: &str = "id, period, number, year, issued_on, subject, model, pdf_sha256, voided_on, void_reason, model_sha256";

fn province_report_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<IssuedReport>> {
    let id: i64 = r.get(0)?;
    let json: String = r.get(6)?;
    let kept: String = r.get(10)?;
    let voided = r
        .get::<_, Option<NaiveDate>>(8)?
        .map(|d| Ok::<_, rusqlite::Error>((d, r.get(9)?)))
        .transpose()?;
    Ok(match serde_json::from_str::<Document>(&json) {
        Ok(model) => Ok(IssuedReport {
            id,
            team_id: 0,
            period: r.get(1)?,
            number: r.get(2)?,
            year: r.get(3)?,
            issued_on: r.get(4)?,
            subject: r.get(5)?,
            model_intact: Some(super::decisions::model_sha256(&json) == kept),
            model,
            pdf_sha256: r.get(7)?,
            voided,
        }),
        Err(e) => Err(StoreError::refused(
            format!("Báo cáo {id} của tỉnh trong sổ bị hỏng: {e}"),
            format!("The province's report {id} in the register is damaged: {e}"),
        )),
    })
}

impl Store {
    /// The next free number of the year in the province's register of reports.
    pub fn next_province_report_number(&self, year: i32) -> Result<u32> {
        let n: i64 = self.conn().query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM province_reports WHERE year = ?1",
            [year],
            |r| r.get(0),
        )?;
        Ok(n as u32)
    }

    /// Freezes a province's report in its register; `finish` (putting the PDF in its
    /// place) runs inside the transaction, which checks the number too.
    pub fn issue_province_report(
        &mut self,
        period: &str,
        number: u32,
        issued_on: NaiveDate,
        model: &Document,
        pdf_sha256: &str,
        finish: impl FnOnce() -> Result<()>,
    ) -> Result<i64> {
        use chrono::Datelike;
        let year = issued_on.year();
        let json = serde_json::to_string(model).map_err(|e| {
            StoreError::refused(
                format!("Không lưu được báo cáo: {e}"),
                format!("Could not store the report: {e}"),
            )
        })?;
        self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM province_reports WHERE year = ?1 AND number = ?2",
                    params![year, number],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(StoreError::invalid(FieldError::new(
                    Field::Number,
                    format!("số {number} đã dùng cho một báo cáo của tỉnh năm {year}"),
                    format!("number {number} is already used by a province's report of {year}"),
                )));
            }
            tx.execute(
                "INSERT INTO province_reports (period, year, number, issued_on, subject, model, model_sha256, pdf_sha256) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    period,
                    year,
                    number,
                    issued_on,
                    model.meta.subject,
                    json,
                    super::decisions::model_sha256(&json),
                    pdf_sha256
                ],
            )?;
            let id = tx.last_insert_rowid();
            log(tx, "province_report", id, "issue", period)?;
            finish()?;
            super::pending::settled(tx, pdf_sha256)?;
            Ok(id)
        })
    }

    /// The province's register of reports, newest first.
    pub fn province_reports(&self) -> Result<Vec<IssuedReport>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {PROVINCE_REPORT_COLUMNS} FROM province_reports ORDER BY year DESC, number DESC, id DESC"
        ))?;
        let rows = st.query_map([], province_report_row)?;
        rows.map(|r| r?).collect()
    }

    pub fn province_report(&self, id: i64) -> Result<IssuedReport> {
        self.conn()
            .query_row(
                &format!("SELECT {PROVINCE_REPORT_COLUMNS} FROM province_reports WHERE id = ?1"),
                [id],
                province_report_row,
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có báo cáo của tỉnh mã {id} trong sổ"),
                    format!("There is no province's report with id {id} in the register"),
                )
            })?
    }

    /// Voids a province's report: kept, marked with the day and the reason.
    pub fn void_province_report(
        &mut self,
        id: i64,
        on: NaiveDate,
        reason: &str,
    ) -> Result<IssuedReport> {
        let reason = super::decisions::void_reason(reason)?;
        let r = self.province_report(id)?;
        if r.voided.is_some() {
            return Err(StoreError::refused(
                format!("Báo cáo số {} của tỉnh đã bị hủy trước đó", r.number),
                format!("The province's report {} was already voided", r.number),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE province_reports SET voided_on = ?2, void_reason = ?3 WHERE id = ?1",
                params![id, on, reason],
            )?;
            log(tx, "province_report", id, "void", &reason)
        })?;
        self.province_report(id)
    }
}
