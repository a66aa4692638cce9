//! The limits every reader of a file made by someone else keeps, and the checks that
//! hold a workbook to them before anything is allocated for it.
//!
//! A file from a phone, another office or a stick may be damaged or made to hurt: a
//! cell at XFD1048576 would make a table of 17 billion cells, a few hundred kilobytes
//! may inflate to gigabytes. So before a workbook is read its zip is walked: every part
//! is inflated through a counter that stops at the limit (the sizes the zip declares
//! are not trusted), each sheet's cells are located without keeping them, and the
//! text they hold is added up (a shared string counts once per cell that uses it).
//! A file over a limit is refused whole, naming the file, the sheet, the cell and the
//! limit; values are quoted to a few dozen characters at most.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{Error, Result};
use crate::domain::Msg;

/// A file larger than this is refused before it is read.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// An exchange bundle (a whole commune's data as JSON) larger than this is refused
/// before it is read: a commune of 100,000 members makes a few tens of megabytes.
pub const MAX_BUNDLE_BYTES: u64 = 256 * 1024 * 1024;
/// One part of a zip (a sheet, the shared strings), inflated.
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;
/// All the parts of a zip together, inflated.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// Rows of one sheet.
pub const MAX_ROWS: usize = 200_000;
/// Columns of one sheet.
pub const MAX_COLUMNS: usize = 200;
/// The cells of a sheet's used area (rows × columns from its first to its last value).
pub const MAX_CELLS: u64 = 4_000_000;
/// The characters of one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The text all the cells of a workbook hold together.
pub const MAX_TEXT_BYTES: u64 = 256 * 1024 * 1024;
pub use crate::domain::text::{QUOTE_CHARS, quote};

/// `A1`-style name of the cell at row `r`, column `c` (both from 0).
pub fn cell_name(r: usize, c: usize) -> String {
    format!("{}{}", column_name(c), r + 1)
}

/// `A`, …, `Z`, `AA`, … for the column `c` (from 0).
pub fn column_name(c: usize) -> String {
    let mut n = c + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A file over a limit: the file, where, and the limit, in both languages.
pub fn over(shown: &str, what_vi: String, what_en: String) -> Error {
    Error::Refused(Msg::new(
        format!("Không đọc tệp {shown}: {what_vi}; không có gì được ghi"),
        format!("The file {shown} was not read: {what_en}; nothing was written"),
    ))
}

/// A sheet whose values reach past the rows or columns read: refused, never cut.
pub fn past_the_limits(shown: &str, sheet: &str, r: usize, c: usize) -> Error {
    let sheet = quote(sheet);
    over(
        shown,
        format!(
            "trang {sheet} có giá trị ở ô {} — quá giới hạn {} hàng, {} cột",
            cell_name(r, c),
            thousands(MAX_ROWS as u64),
            MAX_COLUMNS
        ),
        format!(
            "sheet {sheet} has a value in cell {} — past the limit of {MAX_ROWS} rows and {MAX_COLUMNS} columns",
            cell_name(r, c)
        ),
    )
}

/// A cell longer than a cell may be.
pub fn long_cell(shown: &str, sheet: &str, r: usize, c: usize, n: usize) -> Error {
    let sheet = quote(sheet);
    over(
        shown,
        format!(
            "ô {} của trang {sheet} dài {} ký tự — quá giới hạn {} ký tự một ô",
            cell_name(r, c),
            thousands(n as u64),
            thousands(MAX_CELL_CHARS as u64)
        ),
        format!(
            "cell {} of sheet {sheet} holds {n} characters — past the limit of {MAX_CELL_CHARS} a cell",
            cell_name(r, c)
        ),
    )
}

fn thousands(n: u64) -> String {
    crate::domain::number::int(n as i64)
}

/// What the walk found in a workbook that its values alone do not say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    /// Per sheet (by name): the cells (row, column from 0) holding a formula without
    /// the value it computed (a generator that never ran it): read, they are empty.
    pub formulas_without_value: Vec<(String, Vec<(usize, usize)>)>,
}

/// Counts what is inflated out of one part, and stops at the limits.
struct Counted<'a, R> {
    inner: R,
    part: u64,
    total: &'a mut u64,
    name: String,
    failed: Option<String>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.part += n as u64;
        *self.total += n as u64;
        if self.part > MAX_PART_BYTES || *self.total > MAX_INFLATED_BYTES {
            self.failed = Some(self.name.clone());
            return Err(std::io::Error::other("inflated past the limit"));
        }
        Ok(n)
    }
}

fn too_large_inflated(shown: &str, part: &str) -> Error {
    over(
        shown,
        format!(
            "phần {} giải nén ra hơn {} MB (giới hạn {} MB một phần, {} MB cả tệp)",
            quote(part),
            MAX_PART_BYTES >> 20,
            MAX_PART_BYTES >> 20,
            MAX_INFLATED_BYTES >> 20
        ),
        format!(
            "its part {} inflates past the limit ({} MB a part, {} MB the whole file)",
            quote(part),
            MAX_PART_BYTES >> 20,
            MAX_INFLATED_BYTES >> 20
        ),
    )
}

fn damaged(shown: &str, why: &str) -> Error {
    Error::Refused(Msg::new(
        format!(
            "Không đọc được tệp {shown}: tệp bảng tính bị hỏng ({})",
            quote(why)
        ),
        format!(
            "The file {shown} could not be read: the workbook is damaged ({})",
            quote(why)
        ),
    ))
}

/// Inflates every part of a zip through the counter (nothing kept): a zip whose parts
/// inflate past the limits is refused, whatever sizes it declares.
pub fn check_zip(bytes: &[u8], shown: &str) -> Result<()> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(shown, &e.to_string()))?;
    let mut total = 0u64;
    let mut sink = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let file = zip
            .by_index(i)
            .map_err(|e| damaged(shown, &e.to_string()))?;
        let name = file.name().to_string();
        let mut counted = Counted {
            inner: file,
            part: 0,
            total: &mut total,
            name,
            failed: None,
        };
        loop {
            match counted.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => {}
                Err(_) if counted.failed.is_some() => {
                    return Err(too_large_inflated(shown, &counted.name));
                }
                Err(e) => return Err(damaged(shown, &e.to_string())),
            }
        }
    }
    Ok(())
}

/// Walks an `.xlsx`: every part within the inflated limits, every sheet's values
/// within the rows, columns and cells, every cell within its length, all the text
/// within its limit. Returns what the values alone do not say.
pub fn check_xlsx(bytes: &[u8], shown: &str) -> Result<Findings> {
    check_zip(bytes, shown)?;
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(shown, &e.to_string()))?;
    let shared = match zip.by_name("xl/sharedStrings.xml") {
        Ok(f) => shared_string_lengths(BufReader::new(f)).map_err(|e| damaged(shown, &e))?,
        Err(_) => Vec::new(),
    };
    let sheets = sheet_parts(&mut zip);
    let mut findings = Findings::default();
    let mut text = 0u64;
    for (name, part) in sheets {
        let Ok(file) = zip.by_name(&part) else {
            continue;
        };
        let walked = walk_sheet(BufReader::new(file), &shared, &mut text)
            .map_err(|e| e.into_error(shown, &name))?;
        if !walked.is_empty() {
            findings.formulas_without_value.push((name, walked));
        }
    }
    Ok(findings)
}

/// The characters of each shared string, in order.
fn shared_string_lengths(r: impl std::io::BufRead) -> std::result::Result<Vec<usize>, String> {
    let mut xml = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    let mut in_text = false;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"si" => current = Some(0),
                b"t" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"si" => out.push(0),
            Ok(Event::Text(t)) if in_text => {
                if let Some(n) = current.as_mut() {
                    *n = n.saturating_add(chars(&t));
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"si" => out.extend(current.take()),
                b"t" => in_text = false,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
        buf.clear();
    }
    Ok(out)
}

/// A text event's letters, its entities (`&amp;`) read as the letter they are.
fn unescaped(t: &quick_xml::events::BytesText<'_>) -> String {
    match t.unescape() {
        Ok(s) => s.into_owned(),
        Err(_) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// Characters of a text event, its entities counted as the letter they are.
fn chars(t: &quick_xml::events::BytesText<'_>) -> usize {
    unescaped(t).chars().count()
}

/// The sheets of a workbook, in order: (name, part in the zip).
fn sheet_parts(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(String, String)> {
    let mut targets = std::collections::HashMap::new();
    if let Ok(f) = zip.by_name("xl/_rels/workbook.xml.rels") {
        each_element(BufReader::new(f), b"Relationship", |e| {
            if let (Some(id), Some(t)) = (attr(e, b"Id"), attr(e, b"Target")) {
                let part = match t.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{t}"),
                };
                targets.insert(id, part);
            }
        });
    }
    let mut out = Vec::new();
    if let Ok(f) = zip.by_name("xl/workbook.xml") {
        each_element(BufReader::new(f), b"sheet", |e| {
            let id = e.attributes().flatten().find_map(|a| {
                (a.key.local_name().as_ref() == b"id")
                    .then(|| String::from_utf8_lossy(&a.value).into_owned())
            });
            if let (Some(name), Some(part)) = (attr(e, b"name"), id.and_then(|i| targets.get(&i))) {
                out.push((name, part.clone()));
            }
        });
    }
    out
}

fn each_element(r: impl std::io::BufRead, name: &[u8], mut f: impl FnMut(&BytesStart<'_>)) {
    let mut xml = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == name => f(&e),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// `B7` → (6, 1).
fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].bytes().fold(0usize, |n, b| {
        n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize
    });
    let row: usize = r[letters..].parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// What went wrong in a sheet, before the file's and sheet's names are known.
enum SheetFault {
    Damaged(String),
    OutOfBounds(usize, usize),
    TooManyCells(u64),
    LongCell(usize, usize, usize),
    TooMuchText,
}

impl SheetFault {
    fn into_error(self, shown: &str, named: &str) -> Error {
        let sheet = quote(named);
        match self {
            Self::Damaged(why) => damaged(shown, &why),
            Self::OutOfBounds(r, c) => past_the_limits(shown, named, r, c),
            Self::TooManyCells(n) => over(
                shown,
                format!(
                    "trang {sheet} trải trên {} ô — quá giới hạn {} ô",
                    thousands(n),
                    thousands(MAX_CELLS)
                ),
                format!("sheet {sheet} spans {n} cells — past the limit of {MAX_CELLS} cells"),
            ),
            Self::LongCell(r, c, n) => long_cell(shown, named, r, c, n),
            Self::TooMuchText => over(
                shown,
                format!(
                    "các ô chứa hơn {} MB chữ — quá giới hạn",
                    MAX_TEXT_BYTES >> 20
                ),
                format!(
                    "its cells hold over {} MB of text — past the limit",
                    MAX_TEXT_BYTES >> 20
                ),
            ),
        }
    }
}

/// One cell as the walk sees it.
#[derive(Default)]
struct CellSeen {
    pos: (usize, usize),
    shared: bool,
    value: Option<String>,
    inline_chars: usize,
    inline: bool,
    formula: bool,
}

/// Locates every value of a sheet (as calamine will), checks the bounds and lengths,
/// adds its text to `text`, and returns the formula cells that have no value.
fn walk_sheet(
    r: impl std::io::BufRead,
    shared: &[usize],
    text: &mut u64,
) -> std::result::Result<Vec<(usize, usize)>, SheetFault> {
    let mut xml = quick_xml::Reader::from_reader(r);
    let mut buf = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut first: Option<(usize, usize)> = None;
    let (mut min_col, mut max_col, mut max_row) = (usize::MAX, 0usize, 0usize);
    let mut cell: Option<CellSeen> = None;
    let mut in_v = false;
    let mut in_t = false;
    let mut no_value = Vec::new();
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| SheetFault::Damaged(e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                if let Some(r) = attr(&e, b"r").and_then(|r| r.parse::<usize>().ok()) {
                    row = r.saturating_sub(1);
                }
                col = 0;
            }
            Event::End(e) if e.local_name().as_ref() == b"row" => {
                row += 1;
                col = 0;
            }
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == b"c" => {
                let pos = attr(e, b"r")
                    .and_then(|r| parse_ref(&r))
                    .unwrap_or((row, col));
                col = pos.1;
                let t = attr(e, b"t");
                let seen = CellSeen {
                    pos,
                    shared: t.as_deref() == Some("s"),
                    inline: t.as_deref() == Some("inlineStr"),
                    ..Default::default()
                };
                if matches!(event, Event::Empty(_)) {
                    col += 1;
                } else {
                    cell = Some(seen);
                }
            }
            Event::Start(e) if cell.is_some() => match e.local_name().as_ref() {
                b"v" => in_v = true,
                b"t" => in_t = true,
                b"f" => {
                    if let Some(c) = cell.as_mut() {
                        c.formula = true;
                    }
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"f" => {
                if let Some(c) = cell.as_mut() {
                    c.formula = true;
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    if in_v {
                        let v = c.value.get_or_insert_with(String::new);
                        if v.len() < MAX_CELL_CHARS * 4 {
                            v.push_str(&unescaped(&t));
                        }
                    } else if in_t && c.inline {
                        c.inline_chars = c.inline_chars.saturating_add(chars(&t));
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_v = false,
                b"t" => in_t = false,
                b"c" => {
                    let Some(c) = cell.take() else { continue };
                    col = c.pos.1 + 1;
                    let value = c.value.as_deref().map(str::trim).unwrap_or("");
                    let length = if c.shared {
                        value
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i).copied())
                            .unwrap_or(0)
                    } else if c.inline {
                        c.inline_chars
                    } else {
                        value.chars().count()
                    };
                    let has_value = length > 0 || (!c.shared && !value.is_empty());
                    if !has_value {
                        if c.formula {
                            no_value.push(c.pos);
                        }
                        continue;
                    }
                    let (r, cc) = c.pos;
                    if r >= MAX_ROWS || cc >= MAX_COLUMNS {
                        return Err(SheetFault::OutOfBounds(r, cc));
                    }
                    if length > MAX_CELL_CHARS {
                        return Err(SheetFault::LongCell(r, cc, length));
                    }
                    *text = text.saturating_add(length as u64);
                    if *text > MAX_TEXT_BYTES {
                        return Err(SheetFault::TooMuchText);
                    }
                    first.get_or_insert((r, cc));
                    min_col = min_col.min(cc);
                    max_col = max_col.max(cc);
                    max_row = max_row.max(r);
                    let top = first.map_or(r, |f| f.0.min(r));
                    let area = (max_row - top + 1) as u64 * (max_col - min_col + 1) as u64;
                    if area > MAX_CELLS {
                        return Err(SheetFault::TooManyCells(area));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(no_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("AB12"), Some((11, 27)));
        assert_eq!(parse_ref("A0"), None);
    }

    #[test]
    fn a_quote_is_a_few_dozen_characters_at_most() {
        let long = "ạ".repeat(1000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
        assert_eq!(quote("Nguyễn Văn An"), "Nguyễn Văn An");
    }

    fn sheet(xml: &str) -> std::result::Result<Vec<(usize, usize)>, SheetFault> {
        let mut text = 0;
        walk_sheet(xml.as_bytes(), &[5, 40_000], &mut text)
    }

    #[test]
    fn the_walk_finds_far_cells_long_cells_and_formulas_without_values() {
        let far = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(matches!(
            sheet(far),
            Err(SheetFault::OutOfBounds(1_048_575, 16_383))
        ));
        let long = r#"<worksheet><sheetData><row r="3"><c r="B3" t="s"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(matches!(
            sheet(long),
            Err(SheetFault::LongCell(2, 1, 40_000))
        ));
        let formula = r#"<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c>
            <c r="B2"><f>CONCAT(A2,"x")</f></c><c r="C2"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>"#;
        assert_eq!(sheet(formula).ok(), Some(vec![(1, 1)]));
        // An empty styled cell far out is no value: not out of bounds.
        let styled = r#"<worksheet><sheetData><row r="9000000"><c r="XFD9000000" s="1"/></row></sheetData></worksheet>"#;
        assert_eq!(sheet(styled).ok(), Some(vec![]));
    }

    #[test]
    fn a_wide_and_tall_area_is_refused_before_it_is_made() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>
            <row r="199999"><c r="GR199999"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(matches!(sheet(xml), Err(SheetFault::TooManyCells(_))));
    }
}
