//! The province's communes as its screens show them: each with its sheet of a period
//! (the figures read from it, on time, late or missing) and the history of every sheet
//! it sent, the replaced ones too.

use chrono::NaiveDate;

use super::ProvinceFigures;
use super::home::{Status, home_province};
use crate::domain::period::Period;
use crate::domain::{Msg, units};
use crate::office::{Error, Result};
use crate::store::{Store, SubmissionRow};

/// A commune of the province and what its sheet of the period says.
#[derive(Debug, Clone)]
pub struct CommuneLine {
    pub code: u32,
    pub unit: String,
    pub status: Status,
    pub received_on: Option<NaiveDate>,
    /// The figures of the sheet that counts (none while missing).
    pub figures: Option<ProvinceFigures>,
}

/// A sheet the commune sent, as its history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub period: String,
    pub received_on: NaiveDate,
    pub file_name: String,
    /// A blank template the commune filled by hand (not written by the program).
    pub by_hand: bool,
    /// A newer sheet of the same period replaced it (it no longer counts).
    pub replaced: bool,
}

/// The figures a sheet taken in holds.
pub fn figures_of(row: &SubmissionRow, unit: &str) -> Result<ProvinceFigures> {
    serde_json::from_str(&row.figures).map_err(|_| {
        Error::Store(Msg::new(
            format!("biểu của {unit} trong cơ sở dữ liệu hỏng"),
            format!("the sheet of {unit} in the database is damaged"),
        ))
    })
}

/// Every commune of the province with its sheet of `period`, in the official list's
/// order; and the day the sheets were due.
pub fn communes(store: &Store, period: Period) -> Result<(NaiveDate, Vec<CommuneLine>)> {
    let (province, _) = home_province(store)?;
    let (_, commune_day) = crate::office::deadlines::report_days(store)?;
    let due = period.due(commune_day);
    let got = store.submissions(&period.code())?;
    let mut lines = Vec::new();
    for u in units::all().iter().filter(|u| u.province_code == province) {
        let s = got.iter().find(|g| g.unit_code == u.code);
        lines.push(CommuneLine {
            code: u.code,
            unit: u.full_name.to_string(),
            status: match s {
                Some(s) if s.received_on <= due => Status::OnTime,
                Some(_) => Status::Late,
                None => Status::Missing,
            },
            received_on: s.map(|s| s.received_on),
            figures: s.map(|s| figures_of(s, u.full_name)).transpose()?,
        });
    }
    Ok((due, lines))
}

/// Every sheet the commune of `code` sent, newest first.
pub fn history(store: &Store, code: u32) -> Result<Vec<HistoryLine>> {
    Ok(store
        .submission_history(code)?
        .into_iter()
        .map(|r| HistoryLine {
            period: r.period,
            received_on: r.received_on,
            file_name: r.file_name,
            by_hand: r.blank,
            replaced: r.replaced_by.is_some(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_sheet_in_the_database_is_named_not_a_panic() {
        let row = SubmissionRow {
            id: 1,
            unit_code: 1,
            period: "2026-11".into(),
            received_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            file_name: "a.xlsx".into(),
            sha256: String::new(),
            blank: false,
            figures: "{not json".into(),
            replaced_by: None,
        };
        let e = figures_of(&row, "Xã A").unwrap_err();
        assert!(e.message(crate::domain::Lang::Vi).contains("Xã A"));
    }
}
