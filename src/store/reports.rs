//! The register of issued reports: numbered per year and per issuing body (the
//! commune's committee, or a team), frozen with the hash of their PDF.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, log};
use crate::document::model::Document;
use crate::domain::{Field, FieldError, number};

#[derive(Debug, Clone, PartialEq)]
pub struct IssuedReport {
    pub id: i64,
    /// 0 for the commune's report.
    pub team_id: i64,
    pub period: String,
    pub number: u32,
    pub year: i32,
    pub issued_on: NaiveDate,
    pub subject: String,
    pub model: Document,
    pub pdf_sha256: String,
    /// Voided (kept in the register, marked): the day and the reason.
    pub voided: Option<(NaiveDate, String)>,
    /// Whether the frozen model is the one issued (see `IssuedDecision`).
    pub model_intact: Option<bool>,
}

/// team → indicator → (total, entries).
pub type TeamTotals = std::collections::HashMap<i64, std::collections::HashMap<i64, (i64, i64)>>;

/// What issuing a report records.
pub struct NewReport<'a> {
    pub commune_id: i64,
    pub team_id: i64,
    pub period: &'a str,
    pub number: u32,
    pub issued_on: NaiveDate,
    pub model: &'a Document,
    pub pdf_sha256: &'a str,
}

impl Store {
    /// The next free number of the year for this issuing body.
    pub fn next_report_number(&self, commune_id: i64, team_id: i64, year: i32) -> Result<u32> {
        let n: i64 = self.conn().query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM reports WHERE commune_id = ?1 AND team_id = ?2 AND year = ?3",
            params![commune_id, team_id, year],
            |r| r.get(0),
        )?;
        Ok(n as u32)
    }

    /// Registers an issued report. The number is checked inside the writing
    /// transaction, and `finish` (putting the PDF in its place) runs in it too: if it
    /// fails, nothing is registered.
    pub fn issue_report(
        &mut self,
        new: &NewReport<'_>,
        finish: impl FnOnce() -> Result<()>,
    ) -> Result<i64> {
        use chrono::Datelike;
        let year = new.issued_on.year();
        let model = serde_json::to_string(new.model).map_err(|e| {
            StoreError::refused(
                format!("Không lưu được báo cáo: {e}"),
                format!("Could not store the report: {e}"),
            )
        })?;
        self.write(|tx| {
            report_number_free(tx, new.commune_id, new.team_id, year, new.number)?;
            tx.execute(
                "INSERT INTO reports (commune_id, team_id, period, year, number, issued_on, subject, model, pdf_sha256, model_sha256) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    new.commune_id,
                    new.team_id,
                    new.period,
                    year,
                    new.number,
                    new.issued_on,
                    new.model.meta.subject,
                    model,
                    new.pdf_sha256,
                    super::decisions::model_sha256(&model)
                ],
            )?;
            let id = tx.last_insert_rowid();
            log(tx, "report", id, "issue", new.period)?;
            finish()?;
            super::pending::settled(tx, new.pdf_sha256)?;
            Ok(id)
        })
    }

    /// The monthly totals of each team over the months `from..=to` (`YYYY-MM`):
    /// team → indicator → (total, entries).
    pub fn totals_by_team(&self, commune_id: i64, from: &str, to: &str) -> Result<TeamTotals> {
        let mut out = TeamTotals::new();
        let mut st = self.conn().prepare_cached(
            "SELECT team_id, indicator_id, sum(total), sum(entries) FROM monthly \
             WHERE commune_id = ?1 AND month BETWEEN ?2 AND ?3 GROUP BY team_id, indicator_id",
        )?;
        let rows = st.query_map(params![commune_id, from, to], |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for row in rows {
            let (team, ind, total, entries) = row?;
            out.entry(team).or_default().insert(ind, (total, entries));
        }
        Ok(out)
    }

    pub fn issued_reports(&self, commune_id: i64) -> Result<Vec<IssuedReport>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, team_id, period, number, year, issued_on, subject, model, pdf_sha256, \
             voided_on, void_reason, model_sha256 FROM reports WHERE commune_id = ?1 ORDER BY issued_on DESC, id DESC",
        )?;
        type Raw = (
            i64,
            i64,
            String,
            u32,
            i32,
            NaiveDate,
            String,
            String,
            String,
            Option<NaiveDate>,
            String,
            String,
        );
        let rows: Vec<Raw> = st
            .query_map([commune_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (
            id,
            team_id,
            period,
            number,
            year,
            issued_on,
            subject,
            model,
            pdf_sha256,
            voided_on,
            reason,
            kept,
        ) in rows
        {
            let model_intact =
                (!kept.is_empty()).then(|| super::decisions::model_sha256(&model) == kept);
            // One damaged entry never hides the register: it is left out of the list
            // (`cnscd check` names it; opening it says what is wrong).
            let Ok(model) = serde_json::from_str(&model) else {
                continue;
            };
            out.push(IssuedReport {
                id,
                team_id,
                period,
                number,
                year,
                issued_on,
                subject,
                model,
                pdf_sha256,
                voided: voided_on.map(|d| (d, reason)),
                model_intact,
            });
        }
        Ok(out)
    }

    /// One issued report, by id.
    pub fn issued_report(&self, commune_id: i64, id: i64) -> Result<IssuedReport> {
        self.issued_reports(commune_id)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có báo cáo đã ban hành số {id}"),
                    format!("There is no issued report {id}"),
                )
            })
    }

    /// Voids an issued report: kept in the register, marked with the day and reason.
    pub fn void_report(
        &mut self,
        commune_id: i64,
        id: i64,
        on: NaiveDate,
        reason: &str,
    ) -> Result<IssuedReport> {
        let reason = super::decisions::void_reason(reason)?;
        let r = self.issued_report(commune_id, id)?;
        if r.voided.is_some() {
            return Err(StoreError::refused(
                format!(
                    "Báo cáo số {} đã bị hủy trước đó",
                    number::doc_number(r.number)
                ),
                format!("Report {} was already voided", r.number),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE reports SET voided_on = ?2, void_reason = ?3 WHERE id = ?1",
                params![id, on, reason],
            )?;
            log(tx, "report", id, "void", &reason)?;
            Ok(())
        })?;
        self.issued_report(commune_id, id)
    }

    /// The teams (0: the commune) that have issued their report for a period.
    pub fn reported(&self, commune_id: i64, period: &str) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare_cached(
            "SELECT DISTINCT team_id FROM reports WHERE commune_id = ?1 AND period = ?2 \
             AND voided_on IS NULL",
        )?;
        let rows = st.query_map(params![commune_id, period], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Refuses a report number already used by the issuing body that year.
pub(super) fn report_number_free(
    conn: &rusqlite::Connection,
    commune_id: i64,
    team_id: i64,
    year: i32,
    n: u32,
) -> Result<()> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM reports WHERE commune_id = ?1 AND team_id = ?2 AND year = ?3 AND number = ?4",
            params![commune_id, team_id, year, n],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        let next: i64 = conn.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM reports WHERE commune_id = ?1 AND team_id = ?2 AND year = ?3",
            params![commune_id, team_id, year],
            |r| r.get(0),
        )?;
        return Err(StoreError::invalid(FieldError::new(
            Field::Number,
            format!(
                "số {} đã dùng cho một báo cáo năm {year}; số trống tiếp theo là {next}",
                number::doc_number(n)
            ),
            format!(
                "number {n} is already used by a report of {year}; the next free number is {next}"
            ),
        )));
    }
    Ok(())
}
