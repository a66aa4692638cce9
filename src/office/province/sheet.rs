//! Writing the commune's sheet for the province: from the commune's data of a period
//! (its teams and members by role, activities by kind, people and households reached,
//! each indicator, the month's texts, the issued report's number and date), or blank
//! for a commune that fills it by hand — the same layout either way, with the identity
//! part (code, period, layout version) very hidden and protected.

use std::path::PathBuf;

use rust_xlsxwriter::{FormatAlign, FormatBorder, Workbook};

use super::{FORMAT, IDENTITY_SHEET, IndicatorFigures, ProvinceFigures, SHEET, labels};
use crate::domain::activity::DEFAULT_TYPES;
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, units, vndate};
use crate::office::output::{self, Target};
use crate::office::spreadsheet::{header_cell, times, xlsx_error};
use crate::office::{Error, Result, home};
use crate::store::{ActivityQuery, Scope, Store};

/// `export province-sheet --period P --out F.xlsx [--blank --code N]`.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub period: Period,
    pub out: PathBuf,
    /// A blank template for the unit of this code (a commune without the program).
    pub blank: Option<u32>,
}

fn unknown_code(code: u32) -> Error {
    Error::invalid(FieldError::new(
        Field::Commune,
        format!("mã {code} không có trong {}", units::LIST_NAME),
        format!("the code {code} is not in the official list of units (2025)"),
    ))
}

/// The home commune's figures of a period, as its report has them.
pub fn commune_figures(store: &Store, period: Period) -> Result<ProvinceFigures> {
    let commune = home(store)?;
    let Some(code) = store.unit_code(commune.id)? else {
        return Err(Error::refused(
            "xã chưa gắn với mã trong danh mục đơn vị hành chính 2025: hãy chọn xã trong danh mục ở Cài đặt (hoặc `cnscd commune set --code N`)",
            "the commune is not linked to its code in the official list of units: pick it in Settings (or `cnscd commune set --code N`)",
        ));
    };
    let unit = units::by_code(code).ok_or_else(|| unknown_code(code))?;
    let figures = store.period_figures(Scope::Commune(commune.id), period)?;
    // The members as the period ends (today, for a period not ended yet): one who
    // joined after it, or left within it, is not counted.
    let end = period.last_day().min(chrono::Local::now().date_naive());
    let [leaders, deputies, others] = store.members_on(commune.id, end)?;
    let teams = store
        .teams(commune.id)?
        .into_iter()
        .filter(|t| t.status != crate::domain::team::TeamStatus::Dissolved)
        .count() as i64;
    let rows = store.activities(&ActivityQuery {
        commune_id: commune.id,
        from: Some(period.first_day()),
        to: Some(period.last_day()),
        ..Default::default()
    })?;
    let mut kinds: Vec<(String, Option<i64>)> = Vec::new();
    for r in &rows {
        match kinds.iter_mut().find(|(k, _)| *k == r.type_name) {
            Some((_, n)) => *n = Some(n.unwrap_or(0) + 1),
            None => kinds.push((r.type_name.clone(), Some(1))),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let issued = store
        .issued_reports(commune.id)?
        .into_iter()
        .find(|r| r.team_id == 0 && r.period == period.code() && r.voided.is_none());
    let texts = crate::office::reports::prefill(store, commune.id, None, period)?;
    Ok(ProvinceFigures {
        code,
        unit: unit.full_name.to_string(),
        province: unit.province_full.to_string(),
        period: period.code(),
        report_number: issued
            .as_ref()
            .map(|r| format!("{}/BC-UBND", crate::domain::number::doc_number(r.number)))
            .unwrap_or_default(),
        report_date: issued.as_ref().map(|r| r.issued_on),
        teams: Some(teams),
        members: Some(leaders + deputies + others),
        leaders: Some(leaders),
        deputies: Some(deputies),
        others: Some(others),
        kinds,
        activities: figures.activities,
        people: figures.people,
        households: figures.households,
        indicators: figures
            .lines
            .iter()
            .map(|l| IndicatorFigures {
                code: l.indicator.code.clone(),
                name: l.indicator.name.clone(),
                unit: l.indicator.unit.clone(),
                period: l.progress.period,
                cumulative: l.progress.cumulative,
                base: l.progress.base,
                share: l.progress.share(),
                target: l.progress.target,
            })
            .collect(),
        texts: [texts.difficulties, texts.proposals, texts.good_practices],
    })
}

/// A blank template of the unit `code` for a period: the identity and the labels, the
/// usual kinds and the catalogue's indicators, every figure left to fill.
fn blank_figures(code: u32, period: Period) -> Result<ProvinceFigures> {
    let unit = units::by_code(code).ok_or_else(|| unknown_code(code))?;
    Ok(ProvinceFigures {
        code,
        unit: unit.full_name.to_string(),
        province: unit.province_full.to_string(),
        period: period.code(),
        report_number: String::new(),
        report_date: None,
        teams: None,
        members: None,
        leaders: None,
        deputies: None,
        others: None,
        kinds: DEFAULT_TYPES
            .iter()
            .map(|k| (k.to_string(), None))
            .collect(),
        activities: None,
        people: None,
        households: None,
        indicators: crate::domain::indicator::catalogue()
            .into_iter()
            .map(|i| IndicatorFigures {
                code: i.code,
                name: i.name,
                unit: i.unit,
                period: None,
                cumulative: None,
                base: None,
                share: None,
                target: None,
            })
            .collect(),
        texts: Default::default(),
    })
}

/// The sheet's bytes (`blank`: a template to fill by hand).
pub fn sheet_bytes(f: &ProvinceFigures, blank: bool) -> Result<Vec<u8>> {
    let period = Period::parse(&f.period)?;
    let mut book = Workbook::new();
    let title = times().set_bold().set_font_size(14);
    let bold = times().set_bold();
    let label = times().set_border(FormatBorder::Thin).set_text_wrap();
    let value = times()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Right);
    let text = times()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let head = header_cell();
    let ws = book.add_worksheet();
    ws.set_name(SHEET).map_err(xlsx_error)?;
    let e = xlsx_error;
    ws.merge_range(
        0,
        0,
        0,
        7,
        "BIỂU TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG",
        &title,
    )
    .map_err(e)?;
    ws.merge_range(
        1,
        0,
        1,
        7,
        &format!(
            "{} — {}; gửi Sở Khoa học và Công nghệ theo hạn báo cáo của tỉnh",
            f.unit,
            period.label_vi()
        ),
        &times().set_italic(),
    )
    .map_err(e)?;
    let num = |n: Option<i64>| n.map(|v| v as f64);
    let mut r = 3u32;
    let pair = |ws: &mut rust_xlsxwriter::Worksheet, r: &mut u32, l: &str, v: Cell| -> Result<()> {
        ws.write_string_with_format(*r, 0, l, &label).map_err(e)?;
        match v {
            Cell::Text(t) => ws.write_string_with_format(*r, 1, &t, &text),
            Cell::Num(Some(n)) => ws.write_number_with_format(*r, 1, n, &value),
            Cell::Num(None) => ws.write_blank(*r, 1, &value),
        }
        .map_err(e)?;
        *r += 1;
        Ok(())
    };
    pair(ws, &mut r, labels::CODE, Cell::Num(Some(f64::from(f.code))))?;
    pair(ws, &mut r, labels::UNIT, Cell::Text(f.unit.clone()))?;
    pair(ws, &mut r, labels::PROVINCE, Cell::Text(f.province.clone()))?;
    pair(ws, &mut r, labels::PERIOD, Cell::Text(f.period.clone()))?;
    pair(
        ws,
        &mut r,
        labels::REPORT_NUMBER,
        Cell::Text(f.report_number.clone()),
    )?;
    pair(
        ws,
        &mut r,
        labels::REPORT_DATE,
        Cell::Text(f.report_date.map(vndate::short).unwrap_or_default()),
    )?;
    r += 1;
    ws.write_string_with_format(r, 0, "I. Tổ công nghệ số cộng đồng", &bold)
        .map_err(e)?;
    r += 1;
    pair(ws, &mut r, labels::TEAMS, Cell::Num(num(f.teams)))?;
    pair(ws, &mut r, labels::MEMBERS, Cell::Num(num(f.members)))?;
    pair(ws, &mut r, labels::LEADERS, Cell::Num(num(f.leaders)))?;
    pair(ws, &mut r, labels::DEPUTIES, Cell::Num(num(f.deputies)))?;
    pair(ws, &mut r, labels::OTHERS, Cell::Num(num(f.others)))?;
    r += 1;
    ws.write_string_with_format(r, 0, "II. Hoạt động trong kỳ", &bold)
        .map_err(e)?;
    r += 1;
    ws.write_string_with_format(r, 0, labels::KINDS, &head)
        .map_err(e)?;
    ws.write_string_with_format(r, 1, "Số hoạt động", &head)
        .map_err(e)?;
    r += 1;
    for (k, n) in &f.kinds {
        pair(ws, &mut r, k, Cell::Num(num(*n)))?;
    }
    pair(ws, &mut r, labels::ACTIVITIES, Cell::Num(num(f.activities)))?;
    pair(ws, &mut r, labels::PEOPLE, Cell::Num(num(f.people)))?;
    pair(ws, &mut r, labels::HOUSEHOLDS, Cell::Num(num(f.households)))?;
    r += 1;
    ws.write_string_with_format(r, 0, "III. Kết quả thực hiện các chỉ tiêu", &bold)
        .map_err(e)?;
    r += 1;
    let heads = [
        labels::INDICATORS,
        "Chỉ tiêu",
        "Đơn vị tính",
        "Trong kỳ",
        "Lũy kế từ đầu năm",
        "Cơ sở (mẫu số)",
        "Tỷ lệ (%)",
        "Chỉ tiêu giao",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &head)
            .map_err(e)?;
    }
    r += 1;
    for i in &f.indicators {
        ws.write_string_with_format(r, 0, &i.code, &label)
            .map_err(e)?;
        ws.write_string_with_format(r, 1, &i.name, &text)
            .map_err(e)?;
        ws.write_string_with_format(r, 2, &i.unit, &text)
            .map_err(e)?;
        let cells = [
            num(i.period),
            num(i.cumulative),
            num(i.base),
            i.share.map(|s| (s * 100.0).round() / 100.0),
            // Two decimals, as a reader of `33.333` would take thousands.
            i.target.map(|t| (t * 100.0).round() / 100.0),
        ];
        for (c, v) in cells.iter().enumerate() {
            let c = 3 + c as u16;
            match v {
                Some(x) => ws.write_number_with_format(r, c, *x, &value),
                None => ws.write_blank(r, c, &value),
            }
            .map_err(e)?;
        }
        r += 1;
    }
    r += 1;
    for (i, l) in labels::TEXTS.iter().enumerate() {
        ws.write_string_with_format(r, 0, *l, &bold).map_err(e)?;
        r += 1;
        ws.merge_range(r, 0, r, 7, &f.texts[i], &text).map_err(e)?;
        ws.set_row_height(r, 60).map_err(e)?;
        r += 2;
    }
    for (c, w) in [34.0, 44.0, 12.0, 11.0, 13.0, 13.0, 10.0, 12.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w).map_err(e)?;
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    // The identity: what the sheet is, whose and of what period.
    let id = book.add_worksheet();
    id.set_name(IDENTITY_SHEET).map_err(e)?;
    let rows = [
        (FORMAT.to_string(), super::VERSION.to_string()),
        ("code".into(), f.code.to_string()),
        ("period".into(), f.period.clone()),
        ("blank".into(), if blank { "1" } else { "0" }.into()),
        (
            "indicators".into(),
            serde_json::to_string(
                &f.indicators
                    .iter()
                    .map(|i| i.code.clone())
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default(),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        id.write_string(i as u32, 0, k).map_err(e)?;
        id.write_string(i as u32, 1, v).map_err(e)?;
    }
    id.set_very_hidden(true);
    id.protect();
    book.save_to_buffer().map_err(e)
}

enum Cell {
    Text(String),
    Num(Option<f64>),
}

/// Writes the sheet asked for: the home commune's (from its data), or a blank template.
/// Returns the file written.
pub fn export(store: &Store, req: &ExportRequest) -> Result<PathBuf> {
    let (figures, blank) = match req.blank {
        Some(code) => (blank_figures(code, req.period)?, true),
        None => (commune_figures(store, req.period)?, false),
    };
    let target = Target::replacing(&req.out);
    target.check(store.path())?;
    let bytes = sheet_bytes(&figures, blank)?;
    output::write_file(&req.out, &bytes)
}
