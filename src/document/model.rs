//! The document model: what an official document says and how its parts are styled,
//! knowing nothing of PDF. Decisions, member lists and reports are all built of these.

use serde::{Deserialize, Serialize};

/// The font face of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Face {
    pub bold: bool,
    pub italic: bool,
}

impl Face {
    pub const REGULAR: Self = Self {
        bold: false,
        italic: false,
    };
    pub const BOLD: Self = Self {
        bold: true,
        italic: false,
    };
    pub const ITALIC: Self = Self {
        bold: false,
        italic: true,
    };
    pub const BOLD_ITALIC: Self = Self {
        bold: true,
        italic: true,
    };
}

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    pub face: Face,
}

impl Run {
    pub fn new(text: impl Into<String>, face: Face) -> Self {
        Self {
            text: text.into(),
            face,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// How a paragraph is set. Sizes in points, distances in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParaStyle {
    pub size: f32,
    pub align: Align,
    /// First-line indent.
    pub indent_mm: f32,
    /// Indent of every line after the first (hanging lists).
    pub left_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
    /// Never end a page right after this paragraph.
    pub keep_with_next: bool,
}

impl ParaStyle {
    /// Body text: 14 pt, justified, first line indented 1.27 cm, 6 pt after.
    pub const BODY: Self = Self {
        size: 14.0,
        align: Align::Justify,
        indent_mm: 12.7,
        left_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 6.0,
        line_height: 1.15,
        keep_with_next: false,
    };

    pub fn centred(size: f32) -> Self {
        Self {
            size,
            align: Align::Center,
            indent_mm: 0.0,
            ..Self::BODY
        }
    }
}

/// A paragraph: runs of text set in one style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub style: ParaStyle,
}

impl Paragraph {
    pub fn new(runs: Vec<Run>, style: ParaStyle) -> Self {
        Self { runs, style }
    }

    pub fn plain(text: impl Into<String>, face: Face, style: ParaStyle) -> Self {
        Self::new(vec![Run::new(text, face)], style)
    }

    /// The text without faces.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A column of a table: its title and share of the width.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

/// A bordered table; split across pages with its header row repeated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub size: f32,
}

/// Bars of a chart, drawn as vector graphics (reports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    /// (label, value in percent 0–100+, target percent).
    pub bars: Vec<(String, Option<f32>, Option<f32>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Para(Paragraph),
    Table(Table),
    Chart(Chart),
    /// A short centred rule under the previous line (`width_mm` long).
    Rule {
        width_mm: f32,
    },
    /// Start the next block on a new page.
    PageBreak,
}

/// The two-column header of Decree 30.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The body above the issuing body, if any (upright, not bold).
    pub parent_body: Option<String>,
    /// Issuing body, in capitals, one line each (`ỦY BAN NHÂN DÂN`, `XÃ ĐẮK NIA`).
    pub body: Vec<String>,
    /// `Số: 23/QĐ-UBND`.
    pub number_line: String,
    /// `V/v …` under the number (dispatches only).
    pub summary: Option<String>,
    /// `Đắk Nia, ngày 27 tháng 7 năm 2022`.
    pub place_date: String,
}

/// The longest issuing-body line (in letters) the header's column holds at 13 pt: a
/// longer place goes on two lines, its kind on the first (`THỊ TRẤN` / `NÔNG TRƯỜNG
/// MỘC CHÂU`), so the line breaks between words of sense, never inside the name.
pub const BODY_LINE_LETTERS: usize = 25;

/// The room a draft leaves for the number written in by hand (or stamped by the
/// e-office): no-break spaces, which the layout keeps as they are (plain spaces
/// between words are one space wide however many were typed).
pub const NUMBER_ROOM: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// `Số: 23/CODE`, or `Số:` with the room for the number while it is not given.
pub fn number_line(number: Option<u32>, code: &str) -> String {
    match number {
        Some(n) => format!("Số: {}/{code}", crate::domain::number::doc_number(n)),
        None => format!("Số: {NUMBER_ROOM}/{code}"),
    }
}

/// A place in the header's issuing body, in capitals: one line, or the kind and the
/// name on two when it is too long for one.
pub fn body_place_lines(kind_word: &str, name: &str) -> Vec<String> {
    let kind = kind_word.to_uppercase();
    let name = name.to_uppercase();
    let one = format!("{kind} {name}");
    if one.chars().count() <= BODY_LINE_LETTERS || kind.is_empty() {
        vec![one]
    } else {
        vec![kind, name]
    }
}

/// Signing mark, title and signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, or none.
    pub mark: Option<String>,
    /// `CHỦ TỊCH`, `PHÓ CHỦ TỊCH`.
    pub title: String,
    pub signer: String,
}

/// An annex (phụ lục / danh sách kèm theo): its own title and page numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annex {
    /// `Phụ lục` or `Phụ lục I` (none for a plain attached list).
    pub label: Option<String>,
    /// In capitals.
    pub title: Vec<String>,
    /// `(Kèm theo Quyết định số …/QĐ-UBND ngày … của …)`.
    pub reference: String,
    pub blocks: Vec<Block>,
}

/// Metadata written into the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:SS`: fixed, so the same document gives the
    /// same bytes.
    pub created: String,
    /// The layout rules it is laid out with. An issued document keeps the rules it was
    /// issued with, so it prints again byte for byte: 1 — the first rules (a fixed
    /// header column, table columns by their share, a 40 mm rule under the subject);
    /// 2 — the header column fits the issuing body, table columns never wrap a number,
    /// the subject's rule is 0.4 of its longest line.
    #[serde(default = "first_layout")]
    pub layout: u32,
}

/// The layout rules of new documents.
pub const LAYOUT: u32 = 2;

fn first_layout() -> u32 {
    1
}

/// A whole official document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub header: Header,
    /// `QUYẾT ĐỊNH`, `BÁO CÁO`, or none for a stand-alone list.
    pub title: Option<String>,
    /// The subject lines under the title (`Về việc …`), bold, centred.
    pub subject: Vec<String>,
    /// `Kính gửi: …` lines (reports), centred.
    pub addressees: Vec<String>,
    /// The authority line of a decision (`ỦY BAN NHÂN DÂN XÃ ĐẮK NIA`).
    pub authority: Option<String>,
    pub body: Vec<Block>,
    pub signature: Option<Signature>,
    /// `Nơi nhận:` items, each printed `- …;`, the last ending `.`.
    pub recipients: Vec<String>,
    pub annexes: Vec<Annex>,
    pub meta: Meta,
}

impl Document {
    /// The document's words in reading order, for tests and for the hash of an issue.
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        let h = &self.header;
        out.extend(h.parent_body.iter().cloned());
        out.extend(h.body.iter().cloned());
        out.push(h.number_line.clone());
        out.extend(h.summary.iter().cloned());
        out.push(h.place_date.clone());
        out.extend(self.title.iter().cloned());
        out.extend(self.subject.iter().cloned());
        out.extend(self.addressees.iter().cloned());
        out.extend(self.authority.iter().cloned());
        blocks_text(&self.body, &mut out);
        if !self.recipients.is_empty() {
            out.push("Nơi nhận:".into());
            out.extend(self.recipients.iter().cloned());
        }
        if let Some(s) = &self.signature {
            out.extend(s.mark.iter().cloned());
            out.push(s.title.clone());
            out.push(s.signer.clone());
        }
        for a in &self.annexes {
            out.extend(a.label.iter().cloned());
            out.extend(a.title.iter().cloned());
            out.push(a.reference.clone());
            blocks_text(&a.blocks, &mut out);
        }
        out.join("\n")
    }
}

fn blocks_text(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p.text()),
            Block::Table(t) => {
                out.push(
                    t.columns
                        .iter()
                        .map(|c| c.title.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                );
                for r in &t.rows {
                    out.push(r.join(" | "));
                }
            }
            Block::Chart(c) => out.push(c.title.clone()),
            Block::Rule { .. } | Block::PageBreak => {}
        }
    }
}
