//! The layout engine: measures with the font files, breaks lines, justifies, paginates.
//! Its output — pages of positioned text, rules and boxes — is plain data that the PDF
//! back end writes and the window's preview draws.

use serde::{Deserialize, Serialize};

use super::fonts::Fonts;
use crate::document::model::{Align, Face, ParaStyle, Paragraph, Run};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Page size and margins, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageSetup {
    pub width_mm: f32,
    pub height_mm: f32,
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

impl PageSetup {
    /// A4 portrait with Decree 30 margins: top 20, bottom 20, left 30, right 15 mm.
    pub const DECREE_30: Self = Self {
        width_mm: 210.0,
        height_mm: 297.0,
        top_mm: 20.0,
        bottom_mm: 20.0,
        left_mm: 30.0,
        right_mm: 15.0,
    };

    pub fn width(&self) -> f32 {
        mm(self.width_mm)
    }

    pub fn height(&self) -> f32 {
        mm(self.height_mm)
    }

    pub fn left(&self) -> f32 {
        mm(self.left_mm)
    }

    pub fn right(&self) -> f32 {
        self.width() - mm(self.right_mm)
    }

    pub fn top(&self) -> f32 {
        mm(self.top_mm)
    }

    pub fn bottom(&self) -> f32 {
        self.height() - mm(self.bottom_mm)
    }

    pub fn frame_width(&self) -> f32 {
        self.right() - self.left()
    }
}

/// Something drawn on a page. Coordinates in points from the page's top-left corner;
/// `y` of text is its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
        /// Points added after each space (justification).
        word_extra: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled box (`grey` 0 = black, 1 = white).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Page {
    pub fn new(setup: &PageSetup) -> Self {
        Self {
            width: setup.width(),
            height: setup.height(),
            items: Vec::new(),
        }
    }

    /// The page's text in drawing order (tests, search).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }
}

/// A piece of a word in one face.
#[derive(Debug, Clone)]
struct Piece {
    face: Face,
    text: String,
    width: f32,
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// Width of the space after this word (in the face of its last piece).
    space: f32,
}

/// One broken line of a paragraph.
#[derive(Debug, Clone)]
pub struct LineBox {
    words: Vec<Word>,
    natural: f32,
    /// Last line of its paragraph (never stretched).
    last: bool,
    /// x offset of this line inside the paragraph (indent).
    indent: f32,
    /// Width available to this line.
    avail: f32,
}

impl LineBox {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.pieces.iter().map(|p| p.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn words_of(runs: &[Run], size: f32, fonts: &Fonts) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let flush = |current: &mut Vec<Piece>, words: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let pieces = std::mem::take(current);
        let width = pieces.iter().map(|p| p.width).sum();
        let last_face = pieces.last().map(|p| p.face).unwrap_or_default();
        words.push(Word {
            pieces,
            width,
            space: fonts.width(" ", last_face, size),
        });
    };
    for run in runs {
        let mut buf = String::new();
        for ch in run.text.chars() {
            // A no-break space belongs to its word: kept, never stretched or broken
            // at (the room a draft leaves for its number).
            if ch.is_whitespace() && ch != '\u{a0}' {
                if !buf.is_empty() {
                    let w = fonts.width(&buf, run.face, size);
                    current.push(Piece {
                        face: run.face,
                        text: std::mem::take(&mut buf),
                        width: w,
                    });
                }
                flush(&mut current, &mut words);
            } else {
                buf.push(ch);
            }
        }
        if !buf.is_empty() {
            let w = fonts.width(&buf, run.face, size);
            current.push(Piece {
                face: run.face,
                text: buf,
                width: w,
            });
        }
    }
    flush(&mut current, &mut words);
    words
}

/// Splits a word wider than `avail` into pieces that fit (long URLs, codes).
fn split_long(word: Word, avail: f32, size: f32, fonts: &Fonts) -> Vec<Word> {
    if word.width <= avail {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut width = 0.0;
    for piece in word.pieces {
        let mut buf = String::new();
        for ch in piece.text.chars() {
            let w = fonts.width(&ch.to_string(), piece.face, size);
            if width + w > avail && (width > 0.0 || !buf.is_empty()) {
                if !buf.is_empty() {
                    let bw = fonts.width(&buf, piece.face, size);
                    pieces.push(Piece {
                        face: piece.face,
                        text: std::mem::take(&mut buf),
                        width: bw,
                    });
                }
                out.push(Word {
                    width: pieces.iter().map(|p| p.width).sum(),
                    pieces: std::mem::take(&mut pieces),
                    space: 0.0,
                });
                width = 0.0;
            }
            buf.push(ch);
            width += w;
        }
        if !buf.is_empty() {
            let bw = fonts.width(&buf, piece.face, size);
            pieces.push(Piece {
                face: piece.face,
                text: buf,
                width: bw,
            });
        }
    }
    out.push(Word {
        width: pieces.iter().map(|p| p.width).sum(),
        pieces,
        space: word.space,
    });
    out
}

/// Breaks a paragraph into lines that fit `width` points.
pub fn break_lines(p: &Paragraph, width: f32, fonts: &Fonts) -> Vec<LineBox> {
    let st = &p.style;
    let first_indent = mm(st.indent_mm);
    let rest_indent = mm(st.left_mm);
    let mut lines: Vec<LineBox> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut natural = 0.0f32;
    let avail_for = |n: usize| {
        if n == 0 {
            width - first_indent
        } else {
            width - rest_indent
        }
    };
    let narrow = width - first_indent.max(rest_indent);
    let all: Vec<Word> = words_of(&p.runs, st.size, fonts)
        .into_iter()
        .flat_map(|w| split_long(w, narrow, st.size, fonts))
        .collect();
    for word in all {
        let avail = avail_for(lines.len());
        let needed = if words.is_empty() {
            word.width
        } else {
            natural + words.last().map(|w| w.space).unwrap_or(0.0) + word.width
        };
        if needed > avail + 0.001 && !words.is_empty() {
            let n = lines.len();
            lines.push(LineBox {
                words: std::mem::take(&mut words),
                natural,
                last: false,
                indent: if n == 0 { first_indent } else { rest_indent },
                avail,
            });
            natural = word.width;
            words.push(word);
        } else {
            natural = needed;
            words.push(word);
        }
    }
    let n = lines.len();
    lines.push(LineBox {
        words,
        natural,
        last: true,
        indent: if n == 0 { first_indent } else { rest_indent },
        avail: avail_for(n),
    });
    lines
}

/// Draws one line at baseline `y`, its box starting at `x`.
pub fn draw_line(line: &LineBox, x: f32, y: f32, style: &ParaStyle, out: &mut Vec<Item>) {
    let spaces = line.words.len().saturating_sub(1);
    let slack = (line.avail - line.natural).max(0.0);
    let (mut cx, extra) = match style.align {
        Align::Justify if !line.last && spaces > 0 => (x + line.indent, slack / spaces as f32),
        Align::Center => (x + line.indent + slack / 2.0, 0.0),
        Align::Right => (x + line.indent + slack, 0.0),
        _ => (x + line.indent, 0.0),
    };
    // Consecutive pieces in one face become one text item.
    let mut cur: Option<(f32, Face, String)> = None;
    for (wi, word) in line.words.iter().enumerate() {
        let last_word = wi + 1 == line.words.len();
        for (pi, piece) in word.pieces.iter().enumerate() {
            let trailing_space = !last_word && pi + 1 == word.pieces.len();
            match &mut cur {
                Some((_, face, text)) if *face == piece.face => text.push_str(&piece.text),
                _ => {
                    if let Some((sx, face, text)) = cur.take() {
                        out.push(Item::Text {
                            x: sx,
                            y,
                            size: style.size,
                            face,
                            text,
                            word_extra: extra,
                        });
                    }
                    cur = Some((cx, piece.face, piece.text.clone()));
                }
            }
            cx += piece.width;
            if trailing_space {
                if let Some((_, _, text)) = &mut cur {
                    text.push(' ');
                }
                cx += word.space + extra;
            }
        }
    }
    if let Some((sx, face, text)) = cur {
        out.push(Item::Text {
            x: sx,
            y,
            size: style.size,
            face,
            text,
            word_extra: extra,
        });
    }
}

/// Height of one line of a paragraph.
pub fn line_height(style: &ParaStyle) -> f32 {
    style.size * style.line_height
}

/// Distance from a line's top to its baseline.
pub fn ascent(style: &ParaStyle, fonts: &Fonts) -> f32 {
    style.size * fonts.face(Face::REGULAR).ascender.max(0.8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, align: Align) -> Paragraph {
        Paragraph::plain(
            text,
            Face::REGULAR,
            ParaStyle {
                align,
                ..ParaStyle::BODY
            },
        )
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let fonts = Fonts::bundled();
        let text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương ngày 22/11/2019;";
        let p = para(text, Align::Justify);
        let lines = break_lines(&p, 400.0, &fonts);
        assert!(lines.len() >= 3);
        for l in &lines {
            assert!(l.natural <= l.avail + 0.01, "{} > {}", l.natural, l.avail);
        }
        let joined: Vec<String> = lines.iter().map(LineBox::text).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn justified_lines_end_exactly_at_the_margin() {
        let fonts = Fonts::bundled();
        let p = para(
            &"Tổ công nghệ số cộng đồng hỗ trợ người dân. ".repeat(8),
            Align::Justify,
        );
        let lines = break_lines(&p, 450.0, &fonts);
        for l in &lines[..lines.len() - 1] {
            let mut items = Vec::new();
            draw_line(l, 100.0, 50.0, &p.style, &mut items);
            let Some(Item::Text {
                x,
                text,
                word_extra,
                size,
                face,
                ..
            }) = items.last()
            else {
                panic!("no text")
            };
            let spaces = text.matches(' ').count() as f32;
            let end = x + fonts.width(text, *face, *size) + spaces * word_extra;
            assert!((end - 550.0).abs() < 0.01, "line ends at {end}");
        }
    }

    #[test]
    fn an_overlong_word_is_split() {
        let fonts = Fonts::bundled();
        let p = para(&"x".repeat(400), Align::Left);
        let lines = break_lines(&p, 200.0, &fonts);
        assert!(lines.len() > 1);
        assert_eq!(
            lines.iter().map(LineBox::text).collect::<String>(),
            "x".repeat(400)
        );
    }
}
