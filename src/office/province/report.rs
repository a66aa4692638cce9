//! The province's report of a period, from the sheets its communes sent: built
//! (`document::province_report`), printed as PDF, or its tables as a workbook.

use chrono::{NaiveDate, NaiveDateTime};

use crate::document::model::Document;
use crate::document::province_report::{self, CommuneLine, ProvinceIssuer, ProvinceReport};
use crate::domain::period::Period;
use crate::domain::units;
use crate::office::decisions::{Saved, write_document};
use crate::office::output::{self, Target};
use crate::office::{Error, Result};
use crate::render::Fonts;
use crate::store::Store;

use super::ProvinceFigures;

/// `print report --period P` on a province's database.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub period: Period,
    pub date: Option<NaiveDate>,
    pub number: Option<u32>,
    pub signer: Option<String>,
    pub created: Option<NaiveDateTime>,
}

/// The report's document: every unit of the province, each with its sheet of the
/// period or named as missing.
pub fn document(store: &Store, req: &ReportRequest) -> Result<Document> {
    let Some((code, issuer)) = store.province_home()? else {
        return Err(Error::not_found(
            "Cơ sở dữ liệu này chưa là của tỉnh nào",
            "This database is no province's yet",
        ));
    };
    let got = store.submissions(&req.period.code())?;
    let catalogue = crate::domain::indicator::catalogue();
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    let mut province = String::new();
    let mut count = 0;
    for u in units::all().iter().filter(|u| u.province_code == code) {
        count += 1;
        province = u.province_full.to_string();
        let Some(s) = got.iter().find(|g| g.unit_code == u.code) else {
            missing.push(u.full_name.to_string());
            continue;
        };
        let f: ProvinceFigures = serde_json::from_str(&s.figures).map_err(|_| {
            Error::Store(crate::domain::Msg::new(
                format!("biểu của {} trong cơ sở dữ liệu hỏng", u.full_name),
                format!("the sheet of {} in the database is damaged", u.full_name),
            ))
        })?;
        lines.push(CommuneLine {
            unit: u.full_name.to_string(),
            teams: f.teams,
            members: f.members,
            activities: f.activities,
            people: f.people,
            households: f.households,
            shares: catalogue
                .iter()
                .map(|c| {
                    f.indicators
                        .iter()
                        .find(|i| i.code == c.code)
                        .map_or((None, None), |i| (i.share, i.target))
                })
                .collect(),
            texts: f.texts.clone(),
        });
    }
    let date = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let report = ProvinceReport {
        province,
        issuer: if issuer == "ubnd" {
            ProvinceIssuer::Ubnd
        } else {
            ProvinceIssuer::So
        },
        period: req.period,
        date,
        number: req.number,
        signer: req.signer.clone().unwrap_or_default(),
        indicators: catalogue
            .iter()
            .map(crate::document::report::short_label)
            .collect(),
        lines,
        missing,
        units: count,
    };
    Ok(province_report::build(
        &report,
        &output::created_stamp(req.created),
    ))
}

/// Prints the report as PDF (a draft: the province's register of reports is not kept
/// by this version).
pub fn save(store: &Store, req: &ReportRequest, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    let doc = document(store, req)?;
    write_document(&doc, target, fonts)
}
