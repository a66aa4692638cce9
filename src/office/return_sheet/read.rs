//! Reading a return sheet back, bounded (the workbook is held to `office::limits`
//! before anything is read): the sealed identity part, the table found by its header
//! wherever it moved (columns moved or inserted by hand are found by their headers),
//! every line as the cells' text with its sheet row, and the month's three texts.
//! What a line means is decided by `take_in`; here only what the sheet holds.

use super::{Column, FORMAT, IDENTITY_SHEET, TEXT_LABELS, VERSION, fingerprint, seal};
use crate::domain::Msg;
use crate::domain::text::fold;
use crate::office::limits::quote;
use crate::office::spreadsheet::Sheet;
use crate::office::{Error, Result};

/// What the identity part says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub commune: String,
    pub commune_name: String,
    pub team: i64,
    pub team_name: String,
    pub period: String,
    pub sheet: String,
    pub columns: Vec<Column>,
    pub headers: Vec<String>,
    pub example: Vec<String>,
}

/// A line of the table: its row on the sheet (from 1, as the sheet shows it), and the
/// text of each column the header named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLine {
    pub row: usize,
    pub cells: Vec<(Column, usize, String)>,
}

impl RawLine {
    /// The text of a column (empty when the sheet has no such column).
    pub fn get(&self, c: &Column) -> &str {
        self.cells
            .iter()
            .find(|(col, _, _)| col == c)
            .map_or("", |(_, _, t)| t.trim())
    }

    /// The sheet's column letter of a column (`E`), when the sheet has it.
    pub fn letter(&self, c: &Column) -> Option<String> {
        self.cells
            .iter()
            .find(|(col, _, _)| col == c)
            .map(|(_, i, _)| crate::office::limits::column_name(*i))
    }
}

/// A sheet read.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub identity: Identity,
    /// The table's sheet.
    pub sheet_name: String,
    /// The columns the header names, with where each is.
    pub found: Vec<(Column, usize)>,
    /// The columns the sheet was written with that its header no longer has.
    pub missing: Vec<String>,
    pub lines: Vec<RawLine>,
    /// Difficulties, proposals, good practices (empty when left blank).
    pub texts: [String; 3],
    /// Rows under the texts that hold a day or a kind (an activity written there).
    pub below: Vec<usize>,
    /// The table's cells (row and column, from 0) holding a formula saved without its
    /// value: read, they would be empty.
    pub formulas: Vec<(usize, usize)>,
}

fn refused(shown: &str, vi: impl AsRef<str>, en: impl AsRef<str>) -> Error {
    Error::Refused(Msg::new(
        format!("{shown}: {}", vi.as_ref()),
        format!("{shown}: {}", en.as_ref()),
    ))
}

fn cell(sheet: &Sheet, r: usize, c: usize) -> &str {
    sheet
        .rows
        .get(r)
        .and_then(|row| row.get(c))
        .map_or("", String::as_str)
}

/// The identity part's values, checked against this commune's key (`None`: the
/// commune never wrote a sheet, so none can be its own).
fn identity(sheets: &[Sheet], key: Option<&str>, shown: &str) -> Result<Identity> {
    let Some(id) = sheets
        .iter()
        .find(|s| cell(s, 0, 0) == FORMAT)
        .or_else(|| sheets.iter().find(|s| s.name == IDENTITY_SHEET))
    else {
        return Err(refused(
            shown,
            "không phải phiếu báo cáo do chương trình lập (không có phần nhận dạng của phiếu); \
             hãy gửi cho Tổ phiếu xuất từ chương trình (Hoạt động › Xuất phiếu cho thôn) và nhập phiếu đó",
            "not a return sheet this program made (it has no identity part); send the team a \
             sheet exported by the program (Activities › Sheets for the villages) and take that one in",
        ));
    };
    let version: u32 = cell(id, 0, 1).trim().parse().unwrap_or(0);
    if version > VERSION {
        return Err(refused(
            shown,
            format!(
                "phiếu do phiên bản mới hơn của chương trình lập (mẫu {version}); hãy cập nhật chương trình"
            ),
            format!(
                "the sheet was made by a newer version of the program (layout {version}); update the program"
            ),
        ));
    }
    let damaged = || {
        refused(
            shown,
            "phần nhận dạng của phiếu bị sửa hoặc hỏng; hãy xuất lại phiếu cho Tổ",
            "the sheet's identity part was altered or is damaged; export the sheet for the team again",
        )
    };
    if version < 1 {
        return Err(damaged());
    }
    let value = |key: &str| -> Option<String> {
        id.rows
            .iter()
            .find(|r| r.first().is_some_and(|k| k == key))
            .and_then(|r| r.get(1).cloned())
    };
    let keys = [
        "commune",
        "commune_name",
        "team",
        "team_name",
        "period",
        "sheet",
        "made",
        "columns",
        "headers",
        "example",
    ];
    let mut values = vec![FORMAT.to_string(), "1".to_string()];
    for k in keys {
        // A cell left empty reads as nothing: the example of a team without members
        // has empty cells, kept as written.
        values.push(value(k).unwrap_or_default());
    }
    let sealed = value("seal").ok_or_else(damaged)?;
    let other = || {
        refused(
            shown,
            format!(
                "đây là phiếu của {} — không phải của xã này; không nhập phiếu của xã khác",
                quote(&values[3])
            ),
            format!(
                "this sheet belongs to {} — not to this commune; a sheet of another commune is not taken in",
                quote(&values[3])
            ),
        )
    };
    let Some(key) = key else {
        return Err(other());
    };
    if values[2] != fingerprint(key) {
        return Err(other());
    }
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    if seal(key, &refs) != sealed.trim() {
        return Err(damaged());
    }
    let list = |v: &str| serde_json::from_str::<Vec<String>>(v).map_err(|_| damaged());
    let columns: Option<Vec<Column>> = list(&values[9])?
        .iter()
        .map(|c| Column::from_code(c))
        .collect();
    let columns = columns.ok_or_else(damaged)?;
    let headers = list(&values[10])?;
    let example = list(&values[11])?;
    if headers.len() != columns.len() || example.len() != columns.len() {
        return Err(damaged());
    }
    Ok(Identity {
        commune: values[2].clone(),
        commune_name: values[3].clone(),
        team: values[4].trim().parse().map_err(|_| damaged())?,
        team_name: values[5].clone(),
        period: values[6].clone(),
        sheet: values[7].clone(),
        columns,
        headers,
        example,
    })
}

/// The words a header is known by when the clerk's sheet retyped it: the start of the
/// header the program wrote, folded.
fn header_words(header: &str) -> String {
    let h = fold(header);
    h.split(" (").next().unwrap_or(&h).trim().to_string()
}

/// Finds the table's header row: the first row naming the date and the kind columns.
fn header_row(sheet: &Sheet, identity: &Identity) -> Option<(usize, Vec<(Column, usize)>)> {
    let wanted: Vec<(Column, String)> = identity
        .columns
        .iter()
        .cloned()
        .zip(identity.headers.iter().map(|h| header_words(h)))
        .collect();
    for (r, row) in sheet.rows.iter().enumerate() {
        let mut found: Vec<(Column, usize)> = Vec::new();
        for (c, text) in row.iter().enumerate() {
            let t = header_words(text);
            if t.is_empty() {
                continue;
            }
            if let Some((col, _)) = wanted.iter().find(|(col, w)| {
                !found.iter().any(|(f, _)| f == col) && (t == *w || t.starts_with(w.as_str()))
            }) {
                found.push((col.clone(), c));
            }
        }
        let has = |c: Column| found.iter().any(|(f, _)| *f == c);
        if has(Column::Date) && has(Column::Kind) {
            return Some((r, found));
        }
    }
    None
}

/// Where the month's texts start: the row whose first non-empty cell is one of their
/// labels.
fn text_label(row: &[String]) -> Option<(usize, usize)> {
    let (c, first) = row.iter().enumerate().find(|(_, t)| !t.trim().is_empty())?;
    let f = fold(first);
    TEXT_LABELS
        .iter()
        .position(|l| f.starts_with(&fold(l)))
        .map(|i| (i, c))
}

/// Reads a sheet's identity, table and texts. `key`: this commune's key (a sheet of
/// another commune, or one altered, is refused here).
pub fn parse(sheets: &[Sheet], key: Option<&str>, shown: &str) -> Result<Parsed> {
    let identity = identity(sheets, key, shown)?;
    let table = sheets
        .iter()
        .filter(|s| cell(s, 0, 0) != FORMAT)
        .find_map(|s| header_row(s, &identity).map(|h| (s, h)));
    let Some((sheet, (head, found))) = table else {
        return Err(refused(
            shown,
            "không tìm thấy dòng tiêu đề của bảng (Ngày, Loại hoạt động…); có thể đã bị xóa — \
             hãy ghi lại dòng tiêu đề như phiếu gốc, hoặc xuất phiếu mới cho Tổ",
            "the table's header row (Ngày, Loại hoạt động…) is not there; it may have been \
             deleted — write it back as in the original sheet, or export a new sheet for the team",
        ));
    };
    let missing: Vec<String> = identity
        .columns
        .iter()
        .zip(&identity.headers)
        .filter(|(c, _)| !found.iter().any(|(f, _)| f == *c))
        .map(|(_, h)| h.clone())
        .collect();
    let mut lines = Vec::new();
    let mut texts: [String; 3] = Default::default();
    // Once the first text's label is met, the table has ended (a label left empty too).
    let mut in_texts = false;
    let mut below = Vec::new();
    let mut r = head + 1;
    while r < sheet.rows.len() {
        let row = &sheet.rows[r];
        if let Some((which, at)) = text_label(row) {
            in_texts = true;
            // The label's own cell may hold the text after its colon; else the cells
            // to its right (a merged area repeats it: taken once).
            let label = row[at].trim();
            let after = label
                .split_once(':')
                .map(|(_, rest)| rest.trim().to_string())
                .unwrap_or_default();
            let mut text = after;
            for t in row.iter().skip(at + 1) {
                let t = t.trim();
                // The label's merged area repeats the label itself.
                if !t.is_empty() && t != text && t != label {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(t);
                    // A merged area repeats its text in each cell it covers.
                    break;
                }
            }
            texts[which] = crate::domain::text::clean_multiline(&text);
            r += 1;
            continue;
        }
        let cell_of = |c: &Column| {
            found
                .iter()
                .find(|(f, _)| f == c)
                .and_then(|(_, i)| row.get(*i))
                .is_some_and(|t| !t.trim().is_empty())
        };
        if in_texts && (cell_of(&Column::Date) || cell_of(&Column::Kind)) {
            // An activity written under the texts: named, never dropped unsaid.
            below.push(r + 1);
        }
        if !in_texts && !row.iter().all(|t| t.trim().is_empty()) {
            let cells: Vec<(Column, usize, String)> = found
                .iter()
                .map(|(col, c)| (col.clone(), *c, row.get(*c).cloned().unwrap_or_default()))
                .collect();
            lines.push(RawLine { row: r + 1, cells });
        }
        r += 1;
    }
    Ok(Parsed {
        below,
        formulas: sheet.formulas_without_value.clone(),
        identity,
        sheet_name: sheet.name.clone(),
        found,
        missing,
        lines,
        texts,
    })
}
