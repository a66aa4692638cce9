//! The province's report of a period, from the sheets its communes sent: built
//! (`document::province_report`), printed as PDF, or its tables as a workbook.

use chrono::{NaiveDate, NaiveDateTime};

use crate::document::model::Document;
use crate::document::province_report::{self, CommuneLine, ProvinceIssuer, ProvinceReport};
use crate::domain::period::Period;
use crate::domain::units;
use crate::office::decisions::{Saved, write_document};
use crate::office::excel_export::{self, Written};
use crate::office::output::{self, Target};
use crate::office::spreadsheet::{self, BarChart};
use crate::office::{Error, Result};
use crate::render::Fonts;
use crate::store::Store;

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
        let f = super::communes::figures_of(s, u.full_name)?;
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

/// The report as a Word copy, to edit before it is signed.
pub fn word(
    store: &Store,
    req: &ReportRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<crate::office::word::WordSaved> {
    let doc = document(store, req)?;
    crate::office::word::write(&doc, target, store.path(), fonts)
}

/// The report's tables as a workbook, with a chart by commune (each commune's
/// activities of the period, a bar each; a missing figure leaves its bar out).
pub fn workbook(
    store: &Store,
    req: &ReportRequest,
    target: &Target,
    made: NaiveDate,
) -> Result<Written> {
    let doc = document(store, req)?;
    workbook_of(store, &doc, req.period, target, made)
}

/// [`workbook`] of a report already built (the command line writes the Word copy of
/// the same document).
pub fn workbook_of(
    store: &Store,
    doc: &Document,
    period: Period,
    target: &Target,
    made: NaiveDate,
) -> Result<Written> {
    let tables = excel_export::tables_of_report(store, doc, made)?;
    // The table of a row per commune: the one with the activities column; its last
    // row is the totals.
    let charts: Vec<BarChart> = tables
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let labels = t.headers.iter().position(|h| h == "Đơn vị")?;
            let values = t.headers.iter().position(|h| h == "Hoạt động")?;
            Some(BarChart {
                sheet: "Biểu đồ".into(),
                title: format!(
                    "Số hoạt động của các Tổ theo xã, phường — {}",
                    period.label_vi()
                ),
                table: i,
                labels: labels as u16,
                values: values as u16,
                rows: t.rows.len().saturating_sub(1),
            })
        })
        .take(1)
        .collect();
    target.check(store.path())?;
    let bytes = spreadsheet::xlsx_charted(&tables, &charts)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(Written {
        path,
        sheets: tables
            .iter()
            .map(|t| (t.sheet.clone(), t.rows.len()))
            .chain(charts.iter().map(|c| (c.sheet.clone(), 0)))
            .collect(),
        bytes: bytes.len(),
    })
}
