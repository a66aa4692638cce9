//! The village teams' monthly return sheets taken in: one a team and month, the
//! activities that came from it (each marked with the sheet), the texts its month
//! brought for the team's report, and whether a month is closed by an issued report.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::activities::{activity_on, bump, insert_raw};
use super::{Result, Store, StoreError, log, now_text};
use crate::domain::activity::Activity;
use crate::domain::{Field, FieldError};

/// A sheet taken in, as the register of sheets keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnSheetRow {
    pub id: i64,
    pub team_id: i64,
    pub period: String,
    /// The sheet's own identity, written in it when the program made it.
    pub sheet_id: String,
    pub sha256: String,
    pub file_name: String,
    pub received_on: NaiveDate,
    pub lines: i64,
}

/// A sheet to take in, with what it brings.
#[derive(Debug, Clone)]
pub struct NewReturnSheet {
    pub commune_id: i64,
    pub team_id: i64,
    pub period: String,
    pub sheet_id: String,
    pub sha256: String,
    pub file_name: String,
    pub received_on: NaiveDate,
    /// The activities; one whose `type_id` is 0 is of the kind `new_kinds[i]` names,
    /// `i` its place in `kind_of_new`.
    pub activities: Vec<Activity>,
    /// For each activity: the name of a kind added with the sheet, when it is one.
    pub kind_of_new: Vec<Option<String>>,
    /// The sheet taken in before for the month, whose activities (exactly those) go.
    pub replacing: Option<i64>,
    /// Difficulties, proposals, good practices (empty ones leave the draft's as it is).
    pub texts: [String; 3],
}

/// What taking a sheet in did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakenIn {
    pub id: i64,
    pub added: usize,
    /// The activities of the sheet it replaced, removed.
    pub removed: usize,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReturnSheetRow> {
    Ok(ReturnSheetRow {
        id: r.get(0)?,
        team_id: r.get(1)?,
        period: r.get(2)?,
        sheet_id: r.get(3)?,
        sha256: r.get(4)?,
        file_name: r.get(5)?,
        received_on: r.get(6)?,
        lines: r.get(7)?,
    })
}

const COLUMNS: &str = "id, team_id, period, sheet_id, sha256, file_name, received_on, lines";

impl Store {
    /// The sheet taken in for a team's month, if any.
    pub fn return_sheet(&self, team_id: i64, period: &str) -> Result<Option<ReturnSheetRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM return_sheets WHERE team_id = ?1 AND period = ?2"
            ))?
            .query_row(params![team_id, period], row)
            .optional()?)
    }

    /// The sheets of a commune's month taken in, by team.
    pub fn return_sheets(&self, commune_id: i64, period: &str) -> Result<Vec<ReturnSheetRow>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM return_sheets WHERE commune_id = ?1 AND period = ?2 ORDER BY team_id"
        ))?;
        let rows = st.query_map(params![commune_id, period], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The issued (not voided) report that closes a team's month: the team's own, or
    /// the commune's of that month (it counted the team's work). Its number and year.
    pub fn month_closed_by(
        &self,
        commune_id: i64,
        team_id: i64,
        period: &str,
    ) -> Result<Option<(i64, u32, i32)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT team_id, number, year FROM reports WHERE commune_id = ?1 AND period = ?2 \
                 AND team_id IN (?3, 0) AND voided_on IS NULL ORDER BY team_id DESC LIMIT 1",
            )?
            .query_row(params![commune_id, period, team_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?)
    }

    /// Takes sheets in, all or nothing: the kinds they add, their activities (marked
    /// with their sheet), their texts in the teams' drafts of the month, the sheets
    /// registered — a sheet that replaces one removes exactly that one's activities.
    pub fn take_in_return_sheets(
        &mut self,
        sheets: &[NewReturnSheet],
        new_kinds: &[(i64, String)],
    ) -> Result<Vec<TakenIn>> {
        self.write(|tx| {
            let mut kinds = std::collections::HashMap::new();
            for (commune, name) in new_kinds {
                super::activities::types_in(tx, *commune)?;
                tx.execute(
                    "INSERT INTO activity_types (commune_id, name, position) VALUES \
                     (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM activity_types WHERE commune_id = ?1))",
                    params![commune, name],
                )?;
                kinds.insert((*commune, name.clone()), tx.last_insert_rowid());
            }
            let mut done = Vec::new();
            for sheet in sheets {
                done.push(take_in_one(tx, sheet, &kinds)?);
            }
            Ok(done)
        })
    }

    /// The texts a team's month brought for its report: difficulties, proposals, good
    /// practices.
    pub fn report_draft(&self, team_id: i64, period: &str) -> Result<Option<[String; 3]>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT difficulties, proposals, good_practices FROM report_drafts \
                 WHERE team_id = ?1 AND period = ?2",
            )?
            .query_row(params![team_id, period], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?])
            })
            .optional()?)
    }
}

fn take_in_one(
    tx: &rusqlite::Transaction<'_>,
    sheet: &NewReturnSheet,
    kinds: &std::collections::HashMap<(i64, String), i64>,
) -> Result<TakenIn> {
    let mut removed = 0;
    let lines = sheet.activities.len() as i64;
    let id = match sheet.replacing {
        Some(old) => {
            let gone: Vec<i64> = {
                let mut st = tx.prepare_cached(
                    "SELECT id FROM activities WHERE return_sheet_id = ?1 ORDER BY id",
                )?;
                st.query_map([old], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            for a in &gone {
                let (activity, _) = activity_on(tx, *a)?;
                bump(tx, &activity, -1)?;
                tx.execute("DELETE FROM activities WHERE id = ?1", [a])?;
            }
            removed = gone.len();
            tx.execute(
                "UPDATE return_sheets SET sheet_id = ?2, sha256 = ?3, file_name = ?4, \
                 received_on = ?5, lines = ?6 WHERE id = ?1",
                params![
                    old,
                    sheet.sheet_id,
                    sheet.sha256,
                    sheet.file_name,
                    sheet.received_on,
                    lines
                ],
            )?;
            old
        }
        None => {
            tx.execute(
                "INSERT INTO return_sheets (commune_id, team_id, period, sheet_id, sha256, \
                 file_name, received_on, lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    sheet.commune_id,
                    sheet.team_id,
                    sheet.period,
                    sheet.sheet_id,
                    sheet.sha256,
                    sheet.file_name,
                    sheet.received_on,
                    lines
                ],
            )?;
            tx.last_insert_rowid()
        }
    };
    for (i, a) in sheet.activities.iter().enumerate() {
        let mut a = a.clone();
        if let Some(Some(name)) = sheet.kind_of_new.get(i) {
            a.type_id = *kinds.get(&(a.commune_id, name.clone())).ok_or_else(|| {
                StoreError::invalid(FieldError::new(
                    Field::ActivityType,
                    format!("loại hoạt động “{name}” không có"),
                    format!("there is no activity kind “{name}”"),
                ))
            })?;
        }
        let aid = insert_raw(tx, &a)?;
        tx.execute(
            "UPDATE activities SET return_sheet_id = ?2 WHERE id = ?1",
            params![aid, id],
        )?;
        bump(tx, &a, 1)?;
    }
    let [d, p, g] = &sheet.texts;
    tx.execute(
        "INSERT INTO report_drafts (commune_id, team_id, period, difficulties, proposals, \
         good_practices, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (team_id, period) DO UPDATE SET \
         difficulties = CASE WHEN excluded.difficulties = '' THEN difficulties ELSE excluded.difficulties END, \
         proposals = CASE WHEN excluded.proposals = '' THEN proposals ELSE excluded.proposals END, \
         good_practices = CASE WHEN excluded.good_practices = '' THEN good_practices ELSE excluded.good_practices END, \
         updated = excluded.updated",
        params![sheet.commune_id, sheet.team_id, sheet.period, d, p, g, now_text()],
    )?;
    let what = format!(
        "{} {}: {} hoạt động{}",
        sheet.period,
        sheet.file_name,
        lines,
        if sheet.replacing.is_some() {
            format!(", thay {removed} hoạt động của phiếu trước")
        } else {
            String::new()
        }
    );
    let action = if sheet.replacing.is_some() {
        "replace"
    } else {
        "take_in"
    };
    log(tx, "return_sheet", id, action, &what)?;
    Ok(TakenIn {
        id,
        added: sheet.activities.len(),
        removed,
    })
}
