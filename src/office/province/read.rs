//! Reading a commune's sheet for the province, bounded (the workbook is held to
//! `office::limits` first): the identity part (code, period, layout version), then
//! every value found by its label in column A wherever its row moved, read with the
//! care of the members import — `1.234`, `12 người`, `74,75 %`, `—` and an empty cell
//! (missing, never 0); a word where a number belongs named by row and column.

use std::path::Path;

use super::{FORMAT, IndicatorFigures, ProvinceFigures, VERSION, labels};
use crate::domain::text::{clean, fold};
use crate::domain::{Lang, Msg, units, vndate};
use crate::office::limits::{column_name, quote};
use crate::office::spreadsheet::{self, Sheet};
use crate::office::{Error, Result};

/// A problem of a cell: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    /// From 1, as the sheet shows it.
    pub row: usize,
    pub column: String,
    pub what: Msg,
}

impl SheetProblem {
    pub fn message(&self, l: Lang) -> String {
        match l {
            Lang::Vi => format!("ô {}{}: {}", self.column, self.row, self.what.vi),
            Lang::En => format!("cell {}{}: {}", self.column, self.row, self.what.en),
        }
    }
}

/// A sheet read: its figures, whether it was a blank template filled by hand, and the
/// problems of its cells.
#[derive(Debug, Clone)]
pub struct ReadSheet {
    pub figures: ProvinceFigures,
    pub blank: bool,
    pub problems: Vec<SheetProblem>,
}

fn refused(shown: &str, vi: impl AsRef<str>, en: impl AsRef<str>) -> Error {
    Error::Refused(Msg::new(
        format!("{shown}: {}", vi.as_ref()),
        format!("{shown}: {}", en.as_ref()),
    ))
}

fn cell(s: &Sheet, r: usize, c: usize) -> &str {
    s.rows
        .get(r)
        .and_then(|x| x.get(c))
        .map_or("", String::as_str)
}

/// The row whose first non-empty cell starts (folded) with `label`, searched from
/// `from`: its index, and the first non-empty cell after the label (column, text).
fn labelled(s: &Sheet, label: &str, from: usize) -> Option<(usize, Option<(usize, String)>)> {
    let want = fold(label);
    for (r, row) in s.rows.iter().enumerate().skip(from) {
        let Some((c, first)) = row.iter().enumerate().find(|(_, t)| !t.trim().is_empty()) else {
            continue;
        };
        if fold(first).starts_with(&want) {
            let v = row
                .iter()
                .enumerate()
                .skip(c + 1)
                .find(|(_, t)| !t.trim().is_empty() && t.trim() != first.trim())
                .map(|(c, t)| (c, t.trim().to_string()));
            return Some((r, v));
        }
    }
    None
}

/// A commune's figure: a count, at most a billion (a slip past it; sums stay in range).
fn count(t: &str) -> std::result::Result<Option<i64>, Msg> {
    crate::domain::number::typed_count(t, 1_000_000_000)
}

/// A share or a target: `74,75`, `74.75`, `74,75 %`; empty or `—` is missing.
fn decimal(t: &str) -> std::result::Result<Option<f64>, Msg> {
    let t = clean(t);
    let t = t.trim_end_matches('%').trim();
    if t.is_empty() || t == "-" || t == "—" {
        return Ok(None);
    }
    // `1.200` is a thousand two hundred, as the counts read it; `74.75` a decimal.
    let grouped = !t.contains(',')
        && t.contains('.')
        && t.split('.').enumerate().all(|(i, g)| {
            g.chars().all(|c| c.is_ascii_digit())
                && if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                }
        });
    let normal = if t.contains(',') || grouped {
        t.replace('.', "").replace(',', ".")
    } else {
        t.to_string()
    };
    match normal.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        _ => Err(Msg::new(
            format!("{} không phải một số (ví dụ 74,75)", quote(t)),
            format!("{} is not a number (e.g. 74.75)", quote(t)),
        )),
    }
}

/// Reads a file as a commune's sheet for the province.
pub fn read(path: &Path) -> Result<ReadSheet> {
    read_hashed(path).map(|(sheet, _)| sheet)
}

/// [`read`], with the SHA-256 of the bytes read (the file read once).
pub fn read_hashed(path: &Path) -> Result<(ReadSheet, String)> {
    let shown = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let (sheets, sha) = spreadsheet::read_hashed(path)?;
    Ok((parse(&sheets, &shown)?, sha))
}

/// Reads the sheets of a workbook as a commune's sheet for the province.
pub fn parse(sheets: &[Sheet], shown: &str) -> Result<ReadSheet> {
    let Some(id) = sheets.iter().find(|s| cell(s, 0, 0) == FORMAT) else {
        return Err(refused(
            shown,
            "không phải biểu tổng hợp gửi tỉnh (không có phần nhận dạng của biểu); hãy dùng biểu do chương trình xuất, hoặc mẫu trống (`export province-sheet --blank`)",
            "not a commune's sheet for the province (it has no identity part); use a sheet the program wrote, or the blank template (`export province-sheet --blank`)",
        ));
    };
    let version: u32 = cell(id, 0, 1).trim().parse().unwrap_or(0);
    if version == 0 {
        return Err(refused(
            shown,
            "phần nhận dạng của biểu hỏng (mẫu)",
            "the sheet's identity part is damaged (layout)",
        ));
    }
    if version > VERSION {
        return Err(refused(
            shown,
            format!("biểu theo mẫu mới hơn (mẫu {version}); hãy cập nhật chương trình"),
            format!("the sheet is of a newer layout ({version}); update the program"),
        ));
    }
    let value = |k: &str| -> String {
        id.rows
            .iter()
            .find(|r| r.first().is_some_and(|x| x == k))
            .and_then(|r| r.get(1).cloned())
            .unwrap_or_default()
    };
    let damaged = || {
        refused(
            shown,
            "phần nhận dạng của biểu hỏng",
            "the sheet's identity part is damaged",
        )
    };
    let code: u32 = value("code").trim().parse().map_err(|_| damaged())?;
    let unit = units::by_code(code).ok_or_else(|| {
        refused(
            shown,
            format!("mã {code} không có trong {}", units::LIST_NAME),
            format!("the code {code} is not in the official list of units (2025)"),
        )
    })?;
    let period = crate::domain::period::Period::parse(&value("period")).map_err(|_| damaged())?;
    let blank = value("blank") == "1";
    let Some(s) = sheets
        .iter()
        .find(|s| cell(s, 0, 0) != FORMAT && labelled(s, labels::CODE, 0).is_some())
    else {
        return Err(refused(
            shown,
            format!(
                "không tìm thấy dòng {} trong biểu; có thể đã bị xóa",
                quote(labels::CODE)
            ),
            format!(
                "the row {} is not in the sheet; it may have been deleted",
                quote(labels::CODE)
            ),
        ));
    };
    let mut problems = Vec::new();
    let at = |r: usize, c: usize, m: Msg, problems: &mut Vec<SheetProblem>| {
        problems.push(SheetProblem {
            row: r + 1,
            column: column_name(c),
            what: m,
        });
    };
    // A formula saved without its value would read as empty: a figure lost.
    for &(r, c) in &s.formulas_without_value {
        at(
            r,
            c,
            crate::office::spreadsheet::formula_without_value(),
            &mut problems,
        );
    }
    // A figure by its label (missing when the label's row or its value is).
    let figure = |label: &str, from: usize, problems: &mut Vec<SheetProblem>| -> Option<i64> {
        let (r, v) = labelled(s, label, from)?;
        let (c, t) = v?;
        match count(&t) {
            Ok(n) => n,
            Err(m) => {
                at(r, c, m, problems);
                None
            }
        }
    };
    if let Some((r, Some((c, t)))) = labelled(s, labels::CODE, 0)
        && t.trim().trim_end_matches(".0") != code.to_string()
    {
        problems.push(SheetProblem {
            row: r + 1,
            column: column_name(c),
            what: Msg::new(
                format!(
                    "mã {} khác mã của biểu ({code}, {}); biểu này là của {}",
                    quote(&t),
                    unit.full_name,
                    unit.full_name
                ),
                format!(
                    "the code {} is not the sheet's ({code}, {}); this sheet is {}'s",
                    quote(&t),
                    unit.full_name,
                    unit.full_name
                ),
            ),
        });
    }
    let report_number = labelled(s, labels::REPORT_NUMBER, 0)
        .and_then(|(_, v)| v)
        .map(|(_, t)| t)
        .unwrap_or_default();
    let report_date = match labelled(s, labels::REPORT_DATE, 0) {
        Some((_, Some((_, t)))) if t == "-" || t == "—" => None,
        Some((r, Some((c, t)))) => match vndate::parse(&t, crate::domain::Field::Date) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(SheetProblem {
                    row: r + 1,
                    column: column_name(c),
                    what: e.rule,
                });
                None
            }
        },
        _ => None,
    };
    let teams = figure(labels::TEAMS, 0, &mut problems);
    let members = figure(labels::MEMBERS, 0, &mut problems);
    let leaders = figure(labels::LEADERS, 0, &mut problems);
    let deputies = figure(labels::DEPUTIES, 0, &mut problems);
    let others = figure(labels::OTHERS, 0, &mut problems);
    // The kinds: the rows between their header and the total.
    let mut kinds = Vec::new();
    let kinds_at = labelled(s, labels::KINDS, 0).map(|(r, _)| r);
    let total_at = labelled(s, labels::ACTIVITIES, 0).map(|(r, _)| r);
    if let (Some(k), Some(t)) = (kinds_at, total_at) {
        for r in k + 1..t {
            let row = &s.rows[r];
            let Some((c0, name)) = row.iter().enumerate().find(|(_, x)| !x.trim().is_empty())
            else {
                continue;
            };
            let v = row
                .iter()
                .enumerate()
                .skip(c0 + 1)
                .find(|(_, x)| !x.trim().is_empty());
            let n = match v {
                Some((c, x)) => match count(x) {
                    Ok(n) => n,
                    Err(m) => {
                        at(r, c, m, &mut problems);
                        None
                    }
                },
                None => None,
            };
            kinds.push((clean(name), n));
        }
    }
    let activities = figure(labels::ACTIVITIES, 0, &mut problems);
    let people = figure(labels::PEOPLE, 0, &mut problems);
    let households = figure(labels::HOUSEHOLDS, 0, &mut problems);
    // The indicators: the rows under their header, each by its code in column A.
    let mut indicators = Vec::new();
    if let Some((h, _)) = labelled(s, labels::INDICATORS, 0) {
        let head = &s.rows[h];
        let col = |words: &str| head.iter().position(|x| fold(x).starts_with(&fold(words)));
        let cols = [
            col("Trong kỳ"),
            col("Lũy kế"),
            col("Cơ sở"),
            col("Tỷ lệ"),
            col("Chỉ tiêu giao"),
        ];
        let first = head.iter().position(|x| !x.trim().is_empty()).unwrap_or(0);
        let catalogue = crate::domain::indicator::catalogue();
        for r in h + 1..s.rows.len() {
            let code = cell(s, r, first).trim().to_string();
            // An empty row inside the table is passed over; the texts end it.
            if code.is_empty() {
                continue;
            }
            if labels::TEXTS
                .iter()
                .any(|l| fold(&code).starts_with(&fold(l)))
                || fold(&code).starts_with("iv.")
            {
                break;
            }
            let Some(ind) = catalogue
                .iter()
                .find(|i| i.code.eq_ignore_ascii_case(&code))
            else {
                at(
                    r,
                    first,
                    Msg::new(
                        format!("{} không phải mã chỉ tiêu của danh mục", quote(&code)),
                        format!("{} is not an indicator code of the catalogue", quote(&code)),
                    ),
                    &mut problems,
                );
                continue;
            };
            let whole = |c: Option<usize>, problems: &mut Vec<SheetProblem>| -> Option<i64> {
                let c = c?;
                count(cell(s, r, c))
                    .map_err(|m| at(r, c, m, problems))
                    .ok()
                    .flatten()
            };
            let period_n = whole(cols[0], &mut problems);
            let cumulative = whole(cols[1], &mut problems);
            let base = whole(cols[2], &mut problems);
            let dec = |c: Option<usize>, problems: &mut Vec<SheetProblem>| -> Option<f64> {
                let c = c?;
                decimal(cell(s, r, c))
                    .map_err(|m| at(r, c, m, problems))
                    .ok()
                    .flatten()
            };
            let share = dec(cols[3], &mut problems);
            let target = dec(cols[4], &mut problems);
            indicators.push(IndicatorFigures {
                code: ind.code.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                period: period_n,
                cumulative,
                base,
                share,
                target,
            });
        }
    }
    let mut texts: [String; 3] = Default::default();
    for (i, l) in labels::TEXTS.iter().enumerate() {
        if let Some((r, _)) = labelled(s, l, 0)
            && let Some(t) = s
                .rows
                .get(r + 1)
                .and_then(|row| row.iter().find(|x| !x.trim().is_empty()))
            && !labels::TEXTS
                .iter()
                .any(|other| fold(t).starts_with(&fold(other)))
        {
            texts[i] = crate::domain::text::clean_multiline(t);
        }
    }
    Ok(ReadSheet {
        figures: ProvinceFigures {
            code,
            unit: unit.full_name.to_string(),
            province: unit.province_full.to_string(),
            period: period.code(),
            report_number,
            report_date,
            teams,
            members,
            leaders,
            deputies,
            others,
            kinds,
            activities,
            people,
            households,
            indicators,
            texts,
        },
        blank,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_shares_as_a_person_types_them() {
        assert_eq!(count("1.234"), Ok(Some(1234)));
        assert_eq!(count("12 người"), Ok(Some(12)));
        assert_eq!(count("—"), Ok(None));
        assert_eq!(count(""), Ok(None));
        assert!(count("mười").is_err());
        assert!(count("12,5").is_err());
        assert!(count("1.23").is_err());
        assert_eq!(decimal("74,75 %"), Ok(Some(74.75)));
        assert_eq!(decimal("74.75"), Ok(Some(74.75)));
        assert_eq!(decimal("—"), Ok(None));
        assert!(decimal("nhiều").is_err());
        assert_eq!(
            decimal("1.200"),
            Ok(Some(1200.0)),
            "thousands, as counts read them"
        );
    }
}
