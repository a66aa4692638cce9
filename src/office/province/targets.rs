//! Targets sent down: the province sets each indicator's target of the year (for all
//! its communes, or one by one), writes them (one file per commune into a folder, or
//! one workbook with a row per commune), and a commune takes its own in — its targets
//! of the year become those, with where they came from (`Sở … giao ngày …`). A sheet
//! meant for another commune is refused. Layout: `docs/province.md` (targets, v1).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{FormatBorder, Workbook};

use crate::domain::indicator::{Base, catalogue};
use crate::domain::text::fold;
use crate::domain::{Field, FieldError, Msg, units, vndate};
use crate::office::limits::quote;
use crate::office::output::{self, Target};
use crate::office::spreadsheet::{self, header_cell, times, xlsx_error};
use crate::office::{Error, Result, home};
use crate::store::Store;

/// What the identity part's first cell says.
pub const FORMAT: &str = "cnscd-targets";
pub const VERSION: u32 = 1;
const SHEET: &str = "Chỉ tiêu giao";

fn province_of(store: &Store) -> Result<(u32, String)> {
    store.province_home()?.ok_or_else(|| {
        Error::not_found(
            "Cơ sở dữ liệu này chưa là của tỉnh nào: hãy chạy “cnscd province set --code N”",
            "This database is no province's yet: run “cnscd province set --code N”",
        )
    })
}

fn issuer_name(store: &Store) -> Result<String> {
    let (code, issuer) = province_of(store)?;
    let province = units::provinces()
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| n)
        .unwrap_or_default();
    let place = if province.starts_with("Thành phố") {
        province.replacen("Thành phố", "thành phố", 1)
    } else {
        format!("tỉnh {province}")
    };
    Ok(match issuer.as_str() {
        "ubnd" => format!("Ủy ban nhân dân {place}"),
        _ => format!("Sở Khoa học và Công nghệ {place}"),
    })
}

/// Sets the province's target of an indicator for a year (`value` in the indicator's
/// own unit: a percent where it has a base), for every commune or the one of `code`.
pub fn set(
    store: &mut Store,
    year: i32,
    indicator: &str,
    value: f64,
    code: Option<u32>,
) -> Result<()> {
    let (province, _) = province_of(store)?;
    let list = catalogue();
    let Some(ind) = list
        .iter()
        .find(|i| i.code.eq_ignore_ascii_case(indicator.trim()))
    else {
        let codes: Vec<&str> = list.iter().map(|i| i.code.as_str()).collect();
        return Err(Error::invalid(FieldError::new(
            Field::Indicator,
            format!(
                "không có chỉ tiêu mã “{indicator}”; các mã: {}",
                codes.join(", ")
            ),
            format!(
                "there is no indicator “{indicator}”; the codes: {}",
                codes.join(", ")
            ),
        )));
    };
    if !value.is_finite() || value < 0.0 || (ind.base != Base::None && value > 100.0) {
        return Err(Error::invalid(FieldError::new(
            Field::Target,
            if ind.base != Base::None {
                format!("“{}” là tỷ lệ phần trăm: cần số từ 0 đến 100", ind.name)
            } else {
                format!("“{}”: cần số không âm", ind.name)
            },
            if ind.base != Base::None {
                format!("“{}” is a percentage: a number from 0 to 100", ind.name)
            } else {
                format!("“{}”: a number from 0 up", ind.name)
            },
        )));
    }
    if let Some(c) = code
        && units::by_code(c).is_none_or(|u| u.province_code != province)
    {
        return Err(Error::invalid(FieldError::new(
            Field::Commune,
            format!("mã {c} không phải một xã, phường của tỉnh này"),
            format!("{c} is not a commune or ward of this province"),
        )));
    }
    store.set_province_target(year, &ind.code, code, Some(value))?;
    Ok(())
}

/// A unit and its targets of the year, in the catalogue's order.
type UnitTargets = (&'static units::Unit, Vec<Option<f64>>);

/// Each unit of the province and its targets of the year.
fn targets_by_unit(store: &Store, year: i32) -> Result<Vec<UnitTargets>> {
    let (province, _) = province_of(store)?;
    let set = store.province_targets(year)?;
    let list = catalogue();
    Ok(units::all()
        .iter()
        .filter(|u| u.province_code == province)
        .map(|u| {
            let values = list
                .iter()
                .map(|i| {
                    let of = |unit: u32| {
                        set.iter()
                            .find(|(c, x, _)| *c == i.code && *x == unit)
                            .map(|(_, _, v)| *v)
                    };
                    of(u.code).or_else(|| of(0))
                })
                .collect();
            (u, values)
        })
        .collect())
}

fn workbook(
    issuer: &str,
    year: i32,
    today: NaiveDate,
    province: u32,
    rows: &[UnitTargets],
) -> Result<Vec<u8>> {
    let e = xlsx_error;
    let mut book = Workbook::new();
    let head = header_cell();
    let cell = times().set_border(FormatBorder::Thin);
    let ws = book.add_worksheet();
    ws.set_name(SHEET).map_err(e)?;
    let list = catalogue();
    ws.write_string_with_format(
        0,
        0,
        format!("CHỈ TIÊU GIAO NĂM {year}"),
        &times().set_bold().set_font_size(14),
    )
    .map_err(e)?;
    ws.write_string_with_format(
        1,
        0,
        format!("{issuer} giao ngày {}", vndate::short(today)),
        &times().set_italic(),
    )
    .map_err(e)?;
    ws.write_string_with_format(3, 0, "Mã đơn vị", &head)
        .map_err(e)?;
    ws.write_string_with_format(3, 1, "Đơn vị", &head)
        .map_err(e)?;
    for (c, i) in list.iter().enumerate() {
        ws.write_string_with_format(
            3,
            2 + c as u16,
            format!("{} ({}) [{}]", i.name, i.unit, i.code),
            &head,
        )
        .map_err(e)?;
    }
    ws.set_row_height(3, 80).map_err(e)?;
    for (r, (u, values)) in rows.iter().enumerate() {
        let r = 4 + r as u32;
        ws.write_number_with_format(r, 0, f64::from(u.code), &cell)
            .map_err(e)?;
        ws.write_string_with_format(r, 1, u.full_name, &cell)
            .map_err(e)?;
        for (c, v) in values.iter().enumerate() {
            let c = 2 + c as u16;
            match v {
                Some(x) => ws.write_number_with_format(r, c, *x, &cell),
                None => ws.write_blank(r, c, &cell),
            }
            .map_err(e)?;
        }
    }
    ws.set_column_width(0, 12).map_err(e)?;
    ws.set_column_width(1, 30).map_err(e)?;
    for c in 0..list.len() {
        ws.set_column_width(2 + c as u16, 18).map_err(e)?;
    }
    let id = book.add_worksheet();
    id.set_name("cnscd").map_err(e)?;
    for (r, (k, v)) in [
        (FORMAT.to_string(), VERSION.to_string()),
        ("province".into(), province.to_string()),
        ("year".into(), year.to_string()),
        ("issued_on".into(), vndate::short(today)),
        ("issuer".into(), issuer.to_string()),
    ]
    .iter()
    .enumerate()
    {
        id.write_string(r as u32, 0, k).map_err(e)?;
        id.write_string(r as u32, 1, v).map_err(e)?;
    }
    id.set_very_hidden(true);
    id.protect();
    book.save_to_buffer().map_err(e)
}

/// Writes the year's targets: into a folder, one file per commune (`Chỉ tiêu 2027 - Xã
/// Cư M’gar.xlsx`, beside any file of that name, never over it); else one workbook with
/// a row per commune. Returns the files written.
pub fn export(store: &Store, year: i32, out: &Path, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let (province, _) = province_of(store)?;
    let issuer = issuer_name(store)?;
    let rows = targets_by_unit(store, year)?;
    if out.is_dir() {
        let mut made = Vec::new();
        for row in &rows {
            made.push((
                Target::free(&out.join(format!("Chỉ tiêu {year} - {}.xlsx", row.0.full_name))),
                workbook(&issuer, year, today, province, std::slice::from_ref(row))?,
            ));
        }
        let mut written = Vec::new();
        for (t, bytes) in &made {
            t.check(store.path())?;
            match output::write_file(&t.path, bytes) {
                Ok(p) => written.push(p),
                Err(err) => {
                    for w in &written {
                        let _ = std::fs::remove_file(w);
                    }
                    return Err(err);
                }
            }
        }
        return Ok(written);
    }
    Ok(vec![
        workbook_to(store, year, &Target::replacing(out), today)?.path,
    ])
}

/// The targets of the year as one workbook, a row per commune, to a checked target.
pub fn workbook_to(
    store: &Store,
    year: i32,
    target: &Target,
    today: NaiveDate,
) -> Result<crate::office::excel_export::Written> {
    let (province, _) = province_of(store)?;
    let issuer = issuer_name(store)?;
    let rows = targets_by_unit(store, year)?;
    target.check(store.path())?;
    let bytes = workbook(&issuer, year, today, province, &rows)?;
    let path = output::write_file(&target.path, &bytes)?;
    Ok(crate::office::excel_export::Written {
        path,
        sheets: vec![(SHEET.to_string(), rows.len())],
        bytes: bytes.len(),
    })
}

/// Takes a target back: for every commune (`code` none) or the one of `code` (which
/// then has the province's target for all again, if any).
pub fn unset(store: &mut Store, year: i32, indicator: &str, code: Option<u32>) -> Result<()> {
    province_of(store)?;
    store.set_province_target(year, indicator, code, None)?;
    Ok(())
}

/// An indicator's targets of a year, as the Targets screen lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetLine {
    pub code: String,
    pub name: String,
    /// A percent of a base (else a number).
    pub percent: bool,
    /// The target for every commune.
    pub all: Option<f64>,
    /// The communes given their own: (code, name, value).
    pub own: Vec<(u32, String, f64)>,
}

/// Every indicator of the catalogue and its targets of `year`.
pub fn of_year(store: &Store, year: i32) -> Result<Vec<TargetLine>> {
    province_of(store)?;
    let set = store.province_targets(year)?;
    Ok(catalogue()
        .into_iter()
        .map(|i| TargetLine {
            all: set
                .iter()
                .find(|(c, u, _)| *c == i.code && *u == 0)
                .map(|t| t.2),
            own: set
                .iter()
                .filter(|(c, u, _)| *c == i.code && *u != 0)
                .map(|(_, u, v)| {
                    let name = units::by_code(*u).map(|x| x.full_name).unwrap_or("?");
                    (*u, name.to_string(), *v)
                })
                .collect(),
            percent: i.base != Base::None,
            code: i.code,
            name: i.name,
        })
        .collect())
}

/// What a commune took in.
#[derive(Debug, Clone)]
pub struct Taken {
    pub year: i32,
    pub source: String,
    /// (indicator name, value).
    pub values: Vec<(String, f64)>,
}

impl Taken {
    pub fn summary(&self) -> Msg {
        Msg::new(
            format!(
                "Đã nhận {} chỉ tiêu năm {} ({}).",
                self.values.len(),
                self.year,
                self.source
            ),
            format!(
                "{} targets of {} taken in ({}).",
                self.values.len(),
                self.year,
                self.source
            ),
        )
    }
}

/// A commune takes its targets in from a file the province sent (its own file, or the
/// workbook of every commune): its targets of the year become those.
pub fn import(store: &mut Store, file: &Path) -> Result<Taken> {
    let shown = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let refused = |vi: String, en: String| {
        Error::Refused(Msg::new(format!("{shown}: {vi}"), format!("{shown}: {en}")))
    };
    let commune = home(store)?;
    let Some(code) = store.unit_code(commune.id)? else {
        return Err(Error::refused(
            "xã chưa gắn với mã trong danh mục đơn vị hành chính 2025: hãy chọn xã trong danh mục ở Cài đặt",
            "the commune is not linked to its code in the official list: pick it in Settings",
        ));
    };
    let sheets = spreadsheet::read(file)?;
    let cell = |s: &spreadsheet::Sheet, r: usize, c: usize| {
        s.rows
            .get(r)
            .and_then(|x| x.get(c))
            .cloned()
            .unwrap_or_default()
    };
    let Some(id) = sheets.iter().find(|s| cell(s, 0, 0) == FORMAT) else {
        return Err(refused(
            "không phải biểu giao chỉ tiêu của tỉnh (không có phần nhận dạng)".into(),
            "not a province's targets sheet (it has no identity part)".into(),
        ));
    };
    if cell(id, 0, 1).trim().parse::<u32>().unwrap_or(0) > VERSION {
        return Err(refused(
            "biểu theo mẫu mới hơn; hãy cập nhật chương trình".into(),
            "a newer layout; update the program".into(),
        ));
    }
    let value = |k: &str| {
        id.rows
            .iter()
            .find(|r| r.first().is_some_and(|x| x == k))
            .and_then(|r| r.get(1).cloned())
            .unwrap_or_default()
    };
    let year: i32 = value("year").trim().parse().map_err(|_| {
        refused(
            "phần nhận dạng hỏng".into(),
            "the identity part is damaged".into(),
        )
    })?;
    let source = format!("{} giao ngày {}", value("issuer"), value("issued_on"));
    let Some(unit) = units::by_code(code) else {
        return Err(Error::refused(
            format!("mã {code} của xã không có trong {}", units::LIST_NAME),
            format!("the commune's code {code} is not in the official list of units (2025)"),
        ));
    };
    if value("province").trim() != unit.province_code.to_string() {
        return Err(refused(
            format!("biểu của tỉnh khác, không phải của {}", unit.province_full),
            format!("a sheet of another province, not of {}", unit.province_full),
        ));
    }
    let Some(table) = sheets.iter().find(|s| {
        s.name == SHEET
            || s.rows
                .iter()
                .any(|r| r.first().is_some_and(|x| fold(x) == "ma don vi"))
    }) else {
        return Err(refused(
            "không tìm thấy bảng chỉ tiêu".into(),
            "the targets' table is not there".into(),
        ));
    };
    let Some(h) = table
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|x| fold(x) == "ma don vi"))
    else {
        return Err(refused(
            "không tìm thấy dòng tiêu đề “Mã đơn vị”".into(),
            "the header row “Mã đơn vị” is not there".into(),
        ));
    };
    let head = &table.rows[h];
    let mine = table
        .rows
        .iter()
        .enumerate()
        .skip(h + 1)
        .find(|(_, r)| r.first().is_some_and(|x| x.trim() == code.to_string()));
    let Some((mine_at, mine)) = mine else {
        let whose: Vec<String> = table
            .rows
            .iter()
            .skip(h + 1)
            .filter_map(|r| r.get(1).cloned())
            .filter(|n| !n.is_empty())
            .take(3)
            .collect();
        return Err(refused(
            format!(
                "biểu giao chỉ tiêu cho {}, không có {} ({code})",
                quote(&whose.join(", ")),
                unit.full_name
            ),
            format!(
                "the targets are for {}, not for {} ({code})",
                quote(&whose.join(", ")),
                unit.full_name
            ),
        ));
    };
    let list = catalogue();
    let ids = store.indicators()?;
    let mut values = Vec::new();
    let mut shown_values = Vec::new();
    let mut cleared = Vec::new();
    for (c, title) in head.iter().enumerate().skip(2) {
        let Some(code) = title
            .rsplit_once('[')
            .and_then(|(_, rest)| rest.strip_suffix(']'))
        else {
            continue;
        };
        let Some(ind) = list.iter().find(|i| i.code == code) else {
            continue;
        };
        let typed = mine
            .get(c)
            .map(|t| t.trim().replace(',', "."))
            .unwrap_or_default();
        let stored = ids.iter().find(|i| i.code == ind.code);
        if table.is_formula_without_value(mine_at, c) {
            let cell = crate::office::limits::cell_name(mine_at, c);
            let m = spreadsheet::formula_without_value();
            return Err(refused(
                format!("ô {cell}: {}", m.vi),
                format!("cell {cell}: {}", m.en),
            ));
        }
        if typed.is_empty() {
            // No target from the province this time: one it sent before goes.
            if let Some(stored) = stored {
                cleared.push(stored.id);
            }
            continue;
        }
        let v: f64 = typed.parse().map_err(|_| {
            refused(
                format!(
                    "ô {}{}: {} không phải một số",
                    crate::office::limits::column_name(c),
                    mine_at + 1,
                    quote(&typed)
                ),
                format!(
                    "cell {}{}: {} is not a number",
                    crate::office::limits::column_name(c),
                    mine_at + 1,
                    quote(&typed)
                ),
            )
        })?;
        let percent = ind.base != Base::None;
        if !v.is_finite() || v < 0.0 || (percent && v > 100.0) {
            let cell = format!("{}{}", crate::office::limits::column_name(c), mine_at + 1);
            return Err(refused(
                format!(
                    "ô {cell}: {} không dùng được cho “{}” ({})",
                    quote(&typed),
                    ind.name,
                    if percent {
                        "cần tỷ lệ từ 0 đến 100"
                    } else {
                        "cần số không âm"
                    }
                ),
                format!(
                    "cell {cell}: {} cannot be a target of “{}” ({})",
                    quote(&typed),
                    ind.name,
                    if percent {
                        "a percentage from 0 to 100"
                    } else {
                        "a number from 0 up"
                    }
                ),
            ));
        }
        if let Some(stored) = stored {
            values.push((stored.id, v));
            shown_values.push((ind.name.clone(), v));
        }
    }
    store.take_targets(commune.id, year, &values, &cleared, &source)?;
    Ok(Taken {
        year,
        source,
        values: shown_values,
    })
}
