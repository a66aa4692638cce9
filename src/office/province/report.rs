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

/// Prints the report as PDF (a draft, or with the number typed) without issuing it.
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

/// Issues the province's report: the next free number of the year when none is given,
/// the PDF written beside its place, registered and put in place in one transaction
/// (a failure leaves neither a used number nor a stray file).
pub fn issue(
    store: &mut Store,
    req: &ReportRequest,
    target: &Target,
    fonts: &Fonts,
) -> Result<Saved> {
    use chrono::Datelike;
    target.check(store.path())?;
    let mut req = req.clone();
    let date = req
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    req.date = Some(date);
    if req.number.is_none() {
        req.number = Some(store.next_province_report_number(date.year())?);
    }
    let doc = document(store, &req)?;
    let crate::office::decisions::Pending { staged, sha, saved } =
        crate::office::decisions::Pending::stage(store, &doc, target, fonts)?;
    let id = store.issue_province_report(
        &req.period.code(),
        req.number.unwrap_or_default(),
        date,
        &doc,
        &sha,
        || staged.commit_store(),
    );
    let id = crate::office::decisions::Pending::settle(store, &sha, id)?;
    Ok(crate::office::decisions::Pending::saved(
        saved,
        (id, reference(&doc, date)),
    ))
}

/// `05/BC-SKHCN ngày 24/12/2026`.
fn reference(doc: &Document, date: NaiveDate) -> String {
    format!(
        "{} ngày {}",
        doc.header.number_line.trim_start_matches("Số:").trim(),
        crate::domain::vndate::short(date)
    )
}

/// The province's register of reports, as lines for a list.
pub fn register(store: &Store) -> Result<Vec<crate::office::decisions::RegisterLine>> {
    let mut trails = crate::office::history::of_register(store, "province_report")?;
    Ok(store
        .province_reports()?
        .into_iter()
        .map(|r| crate::office::decisions::RegisterLine {
            id: r.id,
            line: format!(
                "{} — {}{}",
                reference(&r.model, r.issued_on),
                r.subject,
                crate::office::decisions::void_mark(&r.voided)
            ),
            year: r.year,
            number: r.number,
            issuer: 0,
            voided: r.voided.is_some(),
            trail: trails.remove(&r.id).unwrap_or_default(),
            way: crate::office::decisions::Way::Paper,
        })
        .collect())
}

/// Prints an issued province's report again from its frozen model.
pub fn reprint(store: &Store, id: i64, target: &Target, fonts: &Fonts) -> Result<Saved> {
    target.check(store.path())?;
    let r = store.province_report(id)?;
    crate::office::decisions::print_again(
        crate::office::decisions::Frozen {
            model: &r.model,
            pdf_sha256: &r.pdf_sha256,
            model_intact: r.model_intact,
            issued: (r.id, reference(&r.model, r.issued_on)),
        },
        target,
        fonts,
    )
}

/// `BC-tinh-ban-hanh-3-ban-in-lai.pdf`.
pub fn reprint_name(_: &Store, id: i64) -> Result<String> {
    Ok(format!("BC-tinh-ban-hanh-{id}-ban-in-lai.pdf"))
}

/// The Word copy of an issued province's report, from its frozen model.
pub fn issued_word(
    store: &Store,
    id: i64,
    target: &Target,
    fonts: &Fonts,
) -> Result<crate::office::word::WordSaved> {
    let r = store.province_report(id)?;
    crate::office::decisions::unchanged_since_issue(
        &reference(&r.model, r.issued_on),
        r.model_intact,
    )?;
    crate::office::word::write(&r.model, target, store.path(), fonts)
}

/// Voids an issued province's report with a reason: kept in the register, marked.
pub fn void(store: &mut Store, id: i64, reason: &str) -> Result<crate::domain::Msg> {
    let today = chrono::Local::now().date_naive();
    let r = store.void_province_report(id, today, reason)?;
    let reference = reference(&r.model, r.issued_on);
    Ok(crate::domain::Msg::new(
        format!("Đã hủy báo cáo {reference} của tỉnh; vẫn giữ trong sổ."),
        format!("The province's report {reference} is voided; it stays in the register."),
    ))
}
