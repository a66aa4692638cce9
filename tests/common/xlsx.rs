//! Workbooks as a village leader fills them, in tests: cells typed into the program's
//! own sheet in place (its validations, styles and identity part kept), and the same
//! workbook rewritten by a writer that keeps only the cells' values, as phone apps do.

use std::io::{Read, Write};

/// A value typed into a cell.
#[derive(Debug, Clone, Copy)]
pub enum Val<'a> {
    Text(&'a str),
    Num(f64),
    /// A formula saved without the value it computes (a tool that never recalculates).
    Formula(&'a str),
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Types `cells` (`("B9", Val::Text("Họp Tổ"))`) into the first sheet of an `.xlsx`,
/// over what the cell held: the rest of the file as it was.
pub fn fill(bytes: &[u8], cells: &[(&str, Val<'_>)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (at, v) in cells {
                xml = set_cell(&xml, at, *v);
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The cell `at` of a sheet's XML set to `v`, its style kept (a cell the sheet does
/// not have is added at the end of its row).
fn set_cell(xml: &str, at: &str, v: Val<'_>) -> String {
    let open = format!("<c r=\"{at}\"");
    let body = |style: &str| match v {
        Val::Text(t) => format!(
            "<c r=\"{at}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            esc(t)
        ),
        Val::Num(n) => format!("<c r=\"{at}\"{style}><v>{n}</v></c>"),
        Val::Formula(f) => format!("<c r=\"{at}\"{style}><f>{}</f></c>", esc(f)),
    };
    if let Some(start) = xml.find(&open) {
        let tag_end = start + xml[start..].find('>').unwrap();
        let tag = &xml[start..=tag_end];
        let style = tag
            .find(" s=\"")
            .map(|i| {
                let rest = &tag[i + 4..];
                format!(" s=\"{}\"", &rest[..rest.find('"').unwrap()])
            })
            .unwrap_or_default();
        let end = if tag.ends_with("/>") {
            tag_end + 1
        } else {
            tag_end + xml[tag_end..].find("</c>").unwrap() + 4
        };
        return format!("{}{}{}", &xml[..start], body(&style), &xml[end..]);
    }
    let row: String = at.chars().filter(char::is_ascii_digit).collect();
    let row_open = format!("<row r=\"{row}\"");
    match xml.find(&row_open) {
        Some(r) => {
            let close = r + xml[r..].find("</row>").unwrap();
            format!("{}{}{}", &xml[..close], body(""), &xml[close..])
        }
        // A row below the sheet's last (rows are written in order).
        None => {
            let end = xml.find("</sheetData>").expect("a sheet");
            format!(
                "{}<row r=\"{row}\">{}</row>{}",
                &xml[..end],
                body(""),
                &xml[end..]
            )
        }
    }
}

/// The workbook rewritten with only its cells' values (every sheet, visible, no
/// styles, validations, merges or protection; a date kept as the number Excel stores);
/// `map` may change a sheet's cells first.
pub fn values_only(bytes: &[u8], map: impl Fn(&str, &mut Vec<Vec<calamine::Data>>)) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut wb =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Data>> = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut cells = vec![Data::Empty; c0 as usize];
            cells.extend(row.iter().cloned());
            rows.push(cells);
        }
        map(&name, &mut rows);
        let ws = book.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Data::String(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Data::Float(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    Data::Int(n) => {
                        ws.write_number(r, c, *n as f64).unwrap();
                    }
                    Data::DateTime(d) => {
                        ws.write_number(r, c, d.as_f64()).unwrap();
                    }
                    Data::Bool(b) => {
                        ws.write_boolean(r, c, *b).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}
