//! Spreadsheets in and out. Reading: `.xlsx`, `.xls`, `.ods` (calamine) and `.csv` in
//! UTF-8, UTF-16 or the old Vietnamese Windows code page, with `;`, `,` or tabs — every
//! cell as text, dates as `dd/mm/yyyy`, a merged cell's value in each cell it covers.
//! Writing: `.xlsx` tables (rust_xlsxwriter) with a title block, Vietnamese headers, a
//! frozen header row, widths that fit, real dates shown `dd/mm/yyyy`, counts with `.`
//! for thousands, shares as percentages and the missing figure `—`, never 0.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Chart, ChartType, Format, FormatAlign, FormatBorder, Workbook};

use super::{Error, Result};
use crate::domain::Msg;

/// One sheet read as text: `rows[r][c]` is the cell at row `r`, column `c`, both counted
/// from 0 at the sheet's top left (so row `r` is the sheet's row `r + 1`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    /// Cells (row, column) holding a formula saved without the value it computes:
    /// they read as empty, and a reader says so where it needs their value.
    pub formulas_without_value: Vec<(usize, usize)>,
}

impl Sheet {
    /// Whether the cell at row `r`, column `c` is a formula with no value.
    pub fn is_formula_without_value(&self, r: usize, c: usize) -> bool {
        self.formulas_without_value.contains(&(r, c))
    }
}

use super::limits::{MAX_CELL_CHARS, long_cell, past_the_limits, quote};
pub use super::limits::{MAX_COLUMNS, MAX_FILE_BYTES as MAX_BYTES, MAX_ROWS};

/// A file that cannot be read as a sheet: what it is, and why.
fn unreadable(shown: &str, why: &str, why_en: &str) -> Error {
    Error::Refused(Msg::new(
        format!("Không đọc được tệp {shown}: {why}"),
        format!("The file {shown} could not be read: {why_en}"),
    ))
}

fn too_large(shown: &str) -> Error {
    unreadable(
        shown,
        &format!("tệp quá lớn (hơn {} MB)", MAX_BYTES >> 20),
        &format!("the file is too large (over {} MB)", MAX_BYTES >> 20),
    )
}

/// Reads every sheet of a workbook, or a CSV file as one sheet.
pub fn read(path: &Path) -> Result<Vec<Sheet>> {
    read_hashed(path).map(|(sheets, _)| sheets)
}

/// [`read`], with the SHA-256 of the very bytes read (a file taken in is known by it:
/// the same file sent twice is never counted twice), the file read once.
pub fn read_hashed(path: &Path) -> Result<(Vec<Sheet>, String)> {
    use sha2::{Digest, Sha256};
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::file(path, &e))?;
    if meta.len() > MAX_BYTES as u64 {
        return Err(too_large(&shown));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sheets = read_named(&bytes, &stem, &shown)?;
    Ok((sheets, format!("{:x}", Sha256::digest(&bytes))))
}

/// Reads a workbook or CSV from its bytes; a CSV's one sheet is called `name`.
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Vec<Sheet>> {
    read_named(bytes, name, name)
}

/// What a file that is not a sheet is, when it says so itself.
fn not_a_sheet(bytes: &[u8], shown: &str) -> Option<Error> {
    let is = |vi: &str, en: &str| {
        Some(unreadable(
            shown,
            &format!("đây là {vi}, không phải bảng tính; hãy chọn tệp Excel (.xlsx), ODS hay CSV"),
            &format!("it is {en}, not a spreadsheet; choose an Excel (.xlsx), ODS or CSV file"),
        ))
    };
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if ole && holds(&utf16("EncryptedPackage")) {
        return Some(unreadable(
            shown,
            "bảng tính được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ) rồi lưu lại",
            "the workbook is protected by a password; open it in Excel, remove the password (File › Info › Protect) and save it again",
        ));
    }
    if ole && holds(&utf16("WordDocument")) {
        return is("tệp Word cũ (.doc)", "an old Word file (.doc)");
    }
    if bytes.starts_with(b"%PDF") {
        return is("tệp PDF", "a PDF file");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if holds(b"word/document.xml") {
            return is("tệp Word (.docx)", "a Word file (.docx)");
        }
        if holds(b"ppt/presentation.xml") {
            return is("tệp PowerPoint (.pptx)", "a PowerPoint file (.pptx)");
        }
        if !holds(b"xl/workbook") && !holds(b"content.xml") {
            return is("tệp nén (zip)", "a zip archive");
        }
    }
    for (magic, vi, en) in [
        (&[0xFF, 0xD8, 0xFF][..], "ảnh JPEG", "a JPEG picture"),
        (&[0x89, b'P', b'N', b'G'][..], "ảnh PNG", "a PNG picture"),
        (&b"SQLite format 3\0"[..], "một cơ sở dữ liệu", "a database"),
    ] {
        if bytes.starts_with(magic) {
            return is(vi, en);
        }
    }
    None
}

fn read_named(bytes: &[u8], name: &str, shown: &str) -> Result<Vec<Sheet>> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(shown));
    }
    if let Some(e) = not_a_sheet(bytes, shown) {
        return Err(e);
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        // Held to the limits before calamine allocates anything for it.
        let findings = if zip {
            super::limits::check_xlsx(bytes, shown)?
        } else {
            super::limits::Findings::default()
        };
        // A damaged workbook must not take the program down with it.
        let read = std::panic::catch_unwind(|| workbook(bytes, shown));
        let mut sheets = match read {
            Ok(r) => r?,
            Err(_) => {
                return Err(unreadable(
                    shown,
                    "tệp bảng tính bị hỏng",
                    "the workbook is damaged",
                ));
            }
        };
        for (name, cells) in findings.formulas_without_value {
            if let Some(sheet) = sheets.iter_mut().find(|s| s.name == name) {
                sheet.formulas_without_value = cells;
            }
        }
        return Ok(sheets);
    }
    Ok(vec![Sheet {
        name: name.to_string(),
        rows: csv_rows(&decode(bytes), shown)?,
        ..Default::default()
    }])
}

/// The marks a copy and paste leaves inside a word (a zero-width space, a byte-order
/// mark, a NUL): each stands where a space was, so it becomes one, and two words are
/// never joined.
pub fn clean_cell(s: &str) -> String {
    if !s.chars().any(is_invisible) {
        return s.to_string();
    }
    let spaced: String = s
        .chars()
        .map(|c| if is_invisible(c) { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(spaced.len());
    for (i, w) in spaced.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\0' | '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}'
    )
}

fn workbook(bytes: &[u8], shown: &str) -> Result<Vec<Sheet>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        unreadable(
            shown,
            "không phải tệp Excel hay ODS đọc được",
            &format!(
                "not a readable Excel or ODS file ({})",
                quote(&e.to_string())
            ),
        )
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            unreadable(
                shown,
                &format!("trang {} hỏng", quote(&name)),
                &format!(
                    "sheet {} is damaged ({})",
                    quote(&name),
                    quote(&e.to_string())
                ),
            )
        })?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        if let Some((r1, c1)) = range.end() {
            let (r1, c1) = (r1 as usize, c1 as usize);
            if r1 >= MAX_ROWS || c1 >= MAX_COLUMNS {
                return Err(past_the_limits(shown, &name, r1, c1));
            }
        }
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0];
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![String::new(); c0];
            for (j, d) in row.iter().enumerate() {
                let text = cell_text(d);
                let n = text.chars().count();
                if n > MAX_CELL_CHARS {
                    return Err(long_cell(shown, &name, r0 + i, c0 + j, n));
                }
                cells.push(clean_cell(&text));
            }
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        let merged = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_merge_cells(&name)
                .and_then(|r| r.ok())
                .unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        // Each merged area's value fills the cells it covers, within the sheet's read
        // rows and columns and at most as many cells in all as a sheet may hold.
        let mut filled = 0u64;
        for m in merged.iter().take(10_000) {
            let (top, left) = (m.start.0 as usize, m.start.1 as usize);
            let (bottom, right) = (m.end.0 as usize, m.end.1 as usize);
            let Some(value) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
                continue;
            };
            if value.is_empty() || right >= MAX_COLUMNS {
                continue;
            }
            let bottom = bottom.min(rows.len().saturating_sub(1));
            filled +=
                (bottom.saturating_sub(top) + 1) as u64 * (right.saturating_sub(left) + 1) as u64;
            if filled > super::limits::MAX_CELLS {
                break;
            }
            for row in rows.iter_mut().take(bottom + 1).skip(top) {
                if row.len() <= right {
                    row.resize(right + 1, String::new());
                }
                for cell in row.iter_mut().take(right + 1).skip(left) {
                    if cell.is_empty() {
                        *cell = value.clone();
                    }
                }
            }
        }
        out.push(Sheet {
            name,
            rows,
            ..Default::default()
        });
    }
    Ok(out)
}

/// A cell as text: whole numbers without a decimal part, dates `dd/mm/yyyy`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => d.format("%d/%m/%Y").to_string(),
            _ => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => d.format("%d/%m/%Y").to_string(),
                Err(_) => s.clone(),
            }
        }
        Data::DurationIso(s) => s.clone(),
    }
}

/// Text from a CSV's bytes: UTF-8 (with or without its mark), UTF-16 with its mark (or
/// without, when every other byte is zero), else the Vietnamese Windows code page.
pub fn decode(bytes: &[u8]) -> String {
    use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1258};
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return UTF_16LE.decode_with_bom_removal(bytes).0.into_owned();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return UTF_16BE.decode_with_bom_removal(bytes).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    // Two files glued together: the second's UTF-8 mark stands at a line's start of a
    // file in the old code page, where it would read as `ï»¿`.
    let unmarked;
    let bytes = if bytes.windows(3).any(|w| w == [0xEF, 0xBB, 0xBF]) {
        unmarked = strip_glued_marks(bytes);
        &unmarked[..]
    } else {
        bytes
    };
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let half = sample.len() / 4;
    if sample.len() >= 4 && zeros_at(1) > half {
        return UTF_16LE.decode_without_bom_handling(bytes).0.into_owned();
    }
    if sample.len() >= 4 && zeros_at(0) > half {
        return UTF_16BE.decode_without_bom_handling(bytes).0.into_owned();
    }
    WINDOWS_1258
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// `bytes` without the UTF-8 marks that begin a line.
fn strip_glued_marks(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let line_start = i == 0 || matches!(bytes[i - 1], b'\n' | b'\r');
        if line_start && bytes[i..].starts_with(&[0xEF, 0xBB, 0xBF]) {
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The separator of a CSV: the one of `;`, `,` and tab that most lines of its first
/// twenty hold most of.
fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let score = |sep: char| -> usize {
        let mut counts: Vec<usize> = lines.iter().map(|l| l.matches(sep).count()).collect();
        counts.sort_unstable();
        // The count most lines reach (the header and the members), times how many do.
        counts.get(counts.len() / 2).copied().unwrap_or(0) * 100
            + counts.iter().filter(|&&n| n > 0).count()
    };
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|&s| score(s as char))
        .unwrap_or(b',')
}

/// A bare carriage return inside a file whose lines end in line feeds is no line's end
/// (a cell typed with Alt+Enter on an old Mac, a paste): it is a space. A file with
/// carriage returns only keeps them as its line ends.
fn bare_returns_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') || !text.contains('\r') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.into()
}

fn csv_rows(text: &str, shown: &str) -> Result<Vec<Vec<String>>> {
    let text = bare_returns_as_spaces(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            unreadable(
                shown,
                &format!("dòng CSV {} không đọc được", r + 1),
                &format!(
                    "CSV line {} could not be read ({})",
                    r + 1,
                    quote(&e.to_string())
                ),
            )
        })?;
        let mut cells: Vec<String> = Vec::with_capacity(record.len().min(MAX_COLUMNS));
        for (c, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                cells.push(String::new());
                continue;
            }
            if r >= MAX_ROWS || c >= MAX_COLUMNS {
                return Err(past_the_limits(shown, "CSV", r, c));
            }
            let n = field.chars().count();
            if n > MAX_CELL_CHARS {
                return Err(long_cell(shown, "CSV", r, c, n));
            }
            cells.push(clean_cell(field));
        }
        cells.truncate(MAX_COLUMNS);
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if r < MAX_ROWS {
            rows.push(cells);
        }
    }
    Ok(rows)
}

/// A value of a table written to a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count: a number, shown with `.` for thousands.
    Count(i64),
    /// A share in percent (`74.75` is shown `74,75 %` in a Vietnamese Excel).
    Percent(f64),
    /// Another number (a target, a baseline), shown as it is.
    Number(f64),
    Date(NaiveDate),
    /// A figure nobody recorded: `—`, never 0.
    Missing,
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    pub fn count(v: Option<i64>) -> Self {
        v.map_or(Self::Missing, Self::Count)
    }

    pub fn date(v: Option<NaiveDate>) -> Self {
        v.map_or(Self::Empty, Self::Date)
    }

    /// How wide it shows, in characters.
    fn width(&self) -> usize {
        match self {
            Self::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Self::Count(n) => crate::domain::number::int(*n).chars().count(),
            Self::Percent(_) => 8,
            Self::Number(x) => format!("{x}").len(),
            Self::Date(_) => 10,
            Self::Missing => 1,
            Self::Empty => 0,
        }
    }
}

/// One sheet of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's tab (cut to Excel's 31 characters, made unique).
    pub sheet: String,
    /// The title block: the commune, what it is, the period, the day it was made.
    pub title: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Counts: `1.234`, `12.345.678` whatever the computer's language.
pub const COUNT_FORMAT: &str = r"[>=1000000]#\.###\.###;[>=1000]#\.###;0";
pub const DATE_FORMAT: &str = "dd/mm/yyyy";
pub const PERCENT_FORMAT: &str = "0.00\" %\"";

/// A tab name Excel accepts: no `[]:*?/\`, at most 31 characters, not used yet.
fn sheet_name(want: &str, used: &mut Vec<String>) -> String {
    let clean: String = want
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = if clean.is_empty() {
        "Sheet".into()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!(
            "{}{suffix}",
            base.chars().take(keep).collect::<String>().trim_end()
        );
        n += 1;
    }
    used.push(name.clone());
    name
}

pub(crate) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Document(Msg::new(
        format!("Không tạo được tệp Excel: {e}"),
        format!("Could not make the Excel file: {e}"),
    ))
}

/// The letters of every sheet the program writes: Times New Roman, 12 pt.
pub(crate) fn times() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

/// A table's header cell in every sheet the program writes: bold, wrapped, centred,
/// bordered, on grey.
pub(crate) fn header_cell() -> Format {
    times()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xE7E6E6)
}

/// What a reader says of a cell holding a formula saved without its value (a tool that
/// never recalculated): read, it would be empty.
pub fn formula_without_value() -> crate::domain::Msg {
    crate::domain::Msg::new(
        "công thức chưa có giá trị (tệp chưa được tính lại): hãy mở tệp bằng Excel hay LibreOffice, lưu lại rồi nhập lại",
        "a formula saved without its value (the file was never recalculated): open it in Excel or LibreOffice, save it and take it in again",
    )
}

/// The `.xlsx` bytes of some tables, one sheet each.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>> {
    xlsx_charted(tables, &[])
}

/// A bar chart of one column of a table, a bar per row (a commune's activities), on a
/// sheet of its own after the tables; it reads its figures from the table's cells.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// The chart's sheet tab.
    pub sheet: String,
    pub title: String,
    /// The table (by its place in the workbook), its column of names and of figures.
    pub table: usize,
    pub labels: u16,
    pub values: u16,
    /// The first rows of the table charted (the totals row after them left out).
    pub rows: usize,
}

/// [`xlsx`], with charts of its tables.
pub fn xlsx_charted(tables: &[Table], charts: &[BarChart]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    // (the sheet's name, its header row) for each table, for the charts' ranges.
    let mut placed: Vec<(String, u32)> = Vec::new();
    let title_first = times().set_bold().set_font_size(13);
    let title = times().set_bold().set_font_size(14);
    let title_rest = times().set_italic();
    let header = header_cell();
    let text = times()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let count = times()
        .set_border(FormatBorder::Thin)
        .set_num_format(COUNT_FORMAT)
        .set_align(FormatAlign::Top);
    let number = times()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let percent = times()
        .set_border(FormatBorder::Thin)
        .set_num_format(PERCENT_FORMAT)
        .set_align(FormatAlign::Top);
    let date = times()
        .set_border(FormatBorder::Thin)
        .set_num_format(DATE_FORMAT)
        .set_align(FormatAlign::Top);
    let missing = times()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Right)
        .set_align(FormatAlign::Top);
    let mut used = Vec::new();
    for t in tables {
        let ws = book.add_worksheet();
        let name = sheet_name(&t.sheet, &mut used);
        ws.set_name(&name).map_err(xlsx_error)?;
        let last_col = t.headers.len().saturating_sub(1).min(16_000) as u16;
        for (i, line) in t.title.iter().enumerate() {
            let f = match i {
                0 => &title_first,
                1 => &title,
                _ => &title_rest,
            };
            if last_col > 0 {
                ws.merge_range(i as u32, 0, i as u32, last_col, line, f)
                    .map_err(xlsx_error)?;
            } else {
                ws.write_string_with_format(i as u32, 0, line, f)
                    .map_err(xlsx_error)?;
            }
        }
        let head = t.title.len() as u32 + u32::from(!t.title.is_empty());
        placed.push((name, head));
        let mut widths: Vec<usize> = t
            .headers
            .iter()
            .map(|h| h.chars().count().min(24))
            .collect();
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(head, c as u16, h, &header)
                .map_err(xlsx_error)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = head + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                if c >= widths.len() {
                    widths.push(0);
                }
                widths[c] = widths[c].max(cell.width());
                let c = c as u16;
                match cell {
                    Cell::Text(s) => ws.write_string_with_format(r, c, s, &text),
                    Cell::Count(n) => ws.write_number_with_format(r, c, *n as f64, &count),
                    Cell::Number(x) => ws.write_number_with_format(r, c, *x, &number),
                    Cell::Percent(p) => ws.write_number_with_format(r, c, *p, &percent),
                    Cell::Date(d) => {
                        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            d.year().clamp(1900, 9999) as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xlsx_error)?;
                        ws.write_datetime_with_format(r, c, &dt, &date)
                    }
                    Cell::Missing => ws.write_string_with_format(r, c, "—", &missing),
                    Cell::Empty => ws.write_blank(r, c, &text),
                }
                .map_err(xlsx_error)?;
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let w = (*w).clamp(5, 60) as f64 * 1.15 + 2.0;
            ws.set_column_width(c as u16, w).map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(head + 1, 0).map_err(xlsx_error)?;
        ws.set_repeat_rows(head, head).map_err(xlsx_error)?;
        ws.set_paper_size(9);
        // Printed one page wide, as many pages long as it takes.
        ws.set_print_fit_to_pages(1, 0);
        if t.headers.len() > 6 {
            ws.set_landscape();
        }
    }
    for c in charts {
        let Some((table, head)) = placed.get(c.table) else {
            continue;
        };
        if c.rows == 0 {
            continue;
        }
        let (first, last) = (head + 1, head + c.rows as u32);
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_name(c.title.as_str())
            .set_categories((table.as_str(), first, c.labels, last, c.labels))
            .set_values((table.as_str(), first, c.values, last, c.values));
        chart.title().set_name(&c.title);
        chart.legend().set_hidden();
        // The first commune at the top, as in the table.
        chart.x_axis().set_reverse();
        // A bar a commune: 168 communes need a tall chart to stay readable.
        chart.set_width(900);
        chart.set_height((c.rows as u32 * 18 + 120).min(20_000));
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&c.sheet, &mut used))
            .map_err(xlsx_error)?;
        ws.insert_chart(0, 0, &chart).map_err(xlsx_error)?;
    }
    if tables.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf16_with_semicolons() {
        let text = "Họ và tên;Số điện thoại\nNguyễn Văn An;0912 345 678\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let sheets = read_bytes(&bytes, "ds").unwrap();
        assert_eq!(sheets[0].rows[1], ["Nguyễn Văn An", "0912 345 678"]);
    }

    #[test]
    fn csv_separators_are_guessed() {
        assert_eq!(separator("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(separator("a,b,c\n1,2,3\n"), b',');
        assert_eq!(separator("Danh sách\na\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn sheet_names_are_cut_and_unique() {
        let mut used = Vec::new();
        let long = "Tổ công nghệ số cộng đồng thôn Đắk Lung";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert_ne!(a, b);
        assert_eq!(sheet_name("a/b", &mut used), "a-b");
    }
}
