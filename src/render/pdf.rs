//! The PDF back end: writes laid-out pages with printpdf, the fonts embedded and
//! subset. The same pages and creation time give the same bytes.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix,
    WindingOrder,
};
use sha2::{Digest, Sha256};

use super::compose::Laid;
use super::fonts::Fonts;
use super::layout::Item;
use crate::document::model::{Face, Meta};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font {0} could not be read")]
    Font(String),
}

fn font_key(face: Face) -> &'static str {
    match (face.bold, face.italic) {
        (false, false) => "CNSDRG",
        (true, false) => "CNSDBD",
        (false, true) => "CNSDIT",
        (true, true) => "CNSDBI",
    }
}

fn black() -> Color {
    Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None))
}

fn grey(v: f32) -> Color {
    Color::Rgb(Rgb::new(v, v, v, None))
}

/// The creation time as printpdf writes it (UTC); an unreadable one becomes 1970-01-01,
/// never "now", so output stays deterministic.
fn pdf_date(created: &str) -> printpdf::DateTime {
    use chrono::{Datelike, Timelike};
    let d = chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%dT%H:%M:%S").unwrap_or_default();
    printpdf::DateTime {
        date: printpdf::Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time: printpdf::Time {
            hour: d.hour() as u8,
            minute: d.minute() as u8,
            second: d.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Writes the pages to PDF bytes.
pub fn write(laid: &Laid, fonts: &Fonts, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&meta.title);
    // Register only the faces the pages use, under fixed names.
    let mut used = [false; 4];
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text { face, .. } = item {
                used[face_slot(*face)] = true;
            }
        }
    }
    for (face, font) in fonts.all() {
        if !used[face_slot(face)] {
            continue;
        }
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&font.bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font(font.name.clone()))?;
        doc.resources.fonts.map.insert(
            FontId(font_key(face).into()),
            printpdf::PdfFont::new(parsed),
        );
    }
    let mut pages = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
        let h = page.height;
        let mut ops = Vec::new();
        let mut text_ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    text,
                    word_extra,
                } => {
                    let mut items = Vec::new();
                    let offset = -word_extra * 1000.0 / size;
                    if *word_extra != 0.0 {
                        let mut buf = String::new();
                        for ch in text.chars() {
                            buf.push(ch);
                            if ch == ' ' {
                                items.push(TextItem::Text(std::mem::take(&mut buf)));
                                items.push(TextItem::Offset(offset));
                            }
                        }
                        if !buf.is_empty() {
                            items.push(TextItem::Text(buf));
                        }
                    } else {
                        items.push(TextItem::Text(text.clone()));
                    }
                    text_ops.push(Op::SetFont {
                        font: PdfFontHandle::External(FontId(font_key(*face).into())),
                        size: Pt(*size),
                    });
                    text_ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)),
                    });
                    text_ops.push(Op::ShowText { items });
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    ops.push(Op::SetOutlineColor { col: black() });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(h - y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(h - y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    grey: g,
                } => {
                    ops.push(Op::SetFillColor { col: grey(*g) });
                    let (x0, y0, x1, y1) = (*x, h - y - rh, x + w, h - y);
                    let pt = |x: f32, y: f32| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    };
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: vec![pt(x0, y0), pt(x1, y0), pt(x1, y1), pt(x0, y1)],
                            }],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
            }
        }
        if !text_ops.is_empty() {
            ops.push(Op::SetFillColor { col: black() });
            ops.push(Op::StartTextSection);
            ops.extend(text_ops);
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(
            Mm(laid.setup.width_mm),
            Mm(laid.setup.height_mm),
            ops,
        ));
    }
    doc.with_pages(pages);
    let date = pdf_date(&meta.created);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "cnscd".into();
    info.producer = format!("cnscd {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let bytes = doc.save(&opts, &mut warnings);
    Ok(fix_ids(bytes))
}

fn face_slot(face: Face) -> usize {
    match (face.bold, face.italic) {
        (false, false) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
    }
}

/// printpdf writes random file identifiers in the trailer; replace them with a hash of
/// the rest of the file so the same document always gives the same bytes.
fn fix_ids(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(pos) = find(&bytes, b"/ID") else {
        return bytes;
    };
    // Find the two literal strings after /ID.
    let mut spans = Vec::new();
    let mut i = pos;
    while spans.len() < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b')')
                .map(|p| start + p);
            match end {
                Some(e) => {
                    spans.push((start, e));
                    i = e + 1;
                }
                None => break,
            }
        } else {
            i += 1;
        }
    }
    if spans.len() != 2 {
        return bytes;
    }
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..spans[0].0]);
    hasher.update(&bytes[spans[1].1..]);
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for (start, end) in spans.into_iter().rev() {
        let len = end - start;
        let replacement: Vec<u8> = hex.bytes().cycle().take(len).collect();
        bytes.splice(start..end, replacement);
    }
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The SHA-256 of a PDF, in hex (kept in the register when a decision is issued).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
