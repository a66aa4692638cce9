//! The reporting deadlines: village teams report to the commune by one day of the
//! month, the commune to the level above by another (settings; domain.md: the 18th
//! and the 20th), and who has reported the month just ended.

use chrono::NaiveDate;

use super::{Error, Result};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError};
use crate::store::Store;

/// The settings that keep the reporting days.
pub const VILLAGE_DAY_SETTING: &str = "report.village_day";
pub const COMMUNE_DAY_SETTING: &str = "report.commune_day";

/// The monthly reports of the month just ended: who has reported, and by when.
#[derive(Debug, Clone, Default)]
pub struct Deadlines {
    pub period: String,
    /// The period's code (`2026-11`), for the report it asks for.
    pub code: String,
    pub village_due: String,
    pub commune_due: String,
    /// (team name, reported, overdue): reported by an issued report or a return sheet.
    pub villages: Vec<(String, bool, bool)>,
    /// (team name, the day its return sheet of the month was taken in).
    pub sheets: Vec<(String, String)>,
    pub commune_reported: bool,
    pub commune_overdue: bool,
    /// The next reporting day from today.
    pub next: String,
}

/// The reporting days (settings; domain.md: the 18th and the 20th).
pub fn report_days(s: &Store) -> Result<(u32, u32)> {
    let day = |key: &str, default: u32| -> Result<u32> {
        Ok(s.setting(key)?
            .and_then(|v| v.parse().ok())
            .filter(|d| (1..=28).contains(d))
            .unwrap_or(default))
    };
    Ok((day(VILLAGE_DAY_SETTING, 18)?, day(COMMUNE_DAY_SETTING, 20)?))
}

/// The reports of the month before `today`'s: who has reported, who is overdue, and
/// the next reporting day.
pub fn of_month_just_ended(s: &Store, commune_id: i64, today: NaiveDate) -> Result<Deadlines> {
    let (vday, cday) = report_days(s)?;
    // The month just ended: its reports are due this month (and overdue once past).
    let this = Period::month_of(today);
    let period = Period::month_of(this.first_day().pred_opt().unwrap_or(today));
    let next = [period.due(vday), period.due(cday), this.due(vday)]
        .into_iter()
        .find(|d| *d >= today)
        .unwrap_or(this.due(vday));
    let reported = s.reported(commune_id, &period.code())?;
    let names = s.team_names()?;
    let vdue = period.due(vday);
    let cdue = period.due(cday);
    // A period that ended before the commune's work was on record is owed by no one.
    let owed = s
        .commune_since(commune_id)?
        .is_none_or(|since| period.last_day() >= since);
    let sheets = s.return_sheets(commune_id, &period.code())?;
    let mut villages = Vec::new();
    let mut sheet_days = Vec::new();
    for t in s.teams(commune_id)? {
        if t.village_id.is_some() && t.status != crate::domain::team::TeamStatus::Dissolved {
            let sheet = sheets.iter().find(|r| r.team_id == t.id);
            if let Some(r) = sheet {
                sheet_days.push((
                    names.get(&t.id).cloned().unwrap_or_default(),
                    crate::domain::vndate::short(r.received_on),
                ));
            }
            let done = reported.contains(&t.id) || sheet.is_some();
            // Nor by a team set up after it.
            let owed = owed
                && s.team_since(t.id)?
                    .is_none_or(|since| period.last_day() >= since);
            villages.push((
                names.get(&t.id).cloned().unwrap_or_default(),
                done,
                owed && !done && today > vdue,
            ));
        }
    }
    Ok(Deadlines {
        period: period.label_vi(),
        code: period.code(),
        village_due: crate::domain::vndate::short(vdue),
        commune_due: crate::domain::vndate::short(cdue),
        villages,
        sheets: sheet_days,
        commune_reported: reported.contains(&0),
        commune_overdue: owed && !reported.contains(&0) && today > cdue,
        next: crate::domain::vndate::short(next),
    })
}

/// Reads a reporting day as typed: a day of the month from 1 to 28 (every month has it).
pub fn parse_day(typed: &str, field: Field) -> Result<u32> {
    typed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=28).contains(d))
        .ok_or_else(|| {
            Error::invalid(FieldError::new(
                field,
                format!("phải là một ngày từ 1 đến 28 (đang ghi “{}”)", typed.trim()),
                format!("must be a day from 1 to 28 (not “{}”)", typed.trim()),
            ))
        })
}

/// Saves both reporting days together, after checking them.
pub fn set_report_days(store: &mut Store, village: &str, commune: &str) -> Result<(u32, u32)> {
    let v = parse_day(village, Field::VillageDay)?;
    let c = parse_day(commune, Field::CommuneDay)?;
    store.set_settings(&[
        (VILLAGE_DAY_SETTING, &v.to_string()),
        (COMMUNE_DAY_SETTING, &c.to_string()),
    ])?;
    Ok((v, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_just_ended_shows_who_reported_and_who_is_overdue() {
        let mut s = crate::store::Store::open_in_memory().unwrap();
        crate::office::demo::dak_nia(&mut s).unwrap();
        let c = s.home_commune().unwrap().unwrap().id;
        let team = s.village_team_ids(c).unwrap()[0];
        let mut req =
            crate::office::reports::ReportRequest::new(Period::Month(2026, 10), Some(team));
        req.created = crate::office::output::parse_created("2026-11-15T08:00:00").ok();
        let doc = crate::office::reports::build(&s, &req).unwrap().doc;
        s.issue_report(
            &crate::store::NewReport {
                commune_id: c,
                team_id: team,
                period: "2026-10",
                number: 1,
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
                model: &doc,
                pdf_sha256: "x",
            },
            || Ok(()),
        )
        .unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        // On the 17th nothing is late yet.
        let dl = of_month_just_ended(&s, c, day(17)).unwrap();
        assert_eq!(dl.period, "tháng 10 năm 2026");
        assert_eq!(
            (dl.village_due.as_str(), dl.commune_due.as_str()),
            ("18/11/2026", "20/11/2026")
        );
        assert_eq!(dl.next, "18/11/2026");
        assert!(dl.villages.iter().all(|(_, _, overdue)| !overdue));
        // On the 19th the village teams that have not reported are overdue; the one
        // that did is not; the commune still has a day.
        let dl = of_month_just_ended(&s, c, day(19)).unwrap();
        let done: Vec<bool> = dl.villages.iter().map(|v| v.1).collect();
        assert_eq!(done.iter().filter(|d| **d).count(), 1);
        assert!(
            dl.villages
                .iter()
                .all(|(_, reported, overdue)| *reported != *overdue)
        );
        assert!(!dl.commune_overdue);
        assert_eq!(dl.next, "20/11/2026");
        let dl = of_month_just_ended(&s, c, day(22)).unwrap();
        assert!(dl.commune_overdue);
        assert_eq!(dl.next, "18/12/2026");
    }

    #[test]
    fn a_commune_set_up_today_owes_no_report_of_the_months_before() {
        let mut s = crate::store::Store::open_in_memory().unwrap();
        let c = s
            .create_commune(&crate::store::NewCommune {
                province: "Hà Tĩnh".into(),
                district: None,
                kind: crate::domain::place::CommuneKind::Phuong,
                name: "Thạch Linh".into(),
                place_name: String::new(),
                chairman: "Nguyễn Văn An".into(),
                vice_chairmen: vec![],
                preset: "ministry-001".into(),
            })
            .unwrap();
        let v = s
            .add_village(c.id, crate::domain::place::VillageKind::ToDanPho, "1")
            .unwrap();
        s.create_team(c.id, Some(v.id), None).unwrap();
        let today = chrono::Local::now().date_naive();
        // The commune was set up today: on the 28th of this month, past both days,
        // the month before is not overdue.
        let this = Period::month_of(today);
        let late = this.first_day() + chrono::Duration::days(27);
        let dl = of_month_just_ended(&s, c.id, late).unwrap();
        assert!(!dl.commune_overdue);
        assert!(dl.villages.iter().all(|(_, _, overdue)| !overdue));
        // The month it was set up in is owed, and overdue after its days.
        let dl = of_month_just_ended(&s, c.id, this.due(25)).unwrap();
        assert!(dl.commune_overdue);
        assert!(dl.villages.iter().all(|(_, _, overdue)| *overdue));
    }
}
