//! Puts a document on pages: the Decree 30 header, the body with keep-with-next and no
//! lone lines, tables that repeat their header, the signing block kept whole, page
//! numbers from page 2, annexes numbered on their own.

use super::fonts::Fonts;
use super::layout::{
    Item, LineBox, Page, PageSetup, ascent, break_lines, draw_line, line_height, mm,
};
use crate::document::model::*;

/// The laid-out document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Laid {
    pub setup: PageSetup,
    pub pages: Vec<Page>,
}

impl Laid {
    pub fn text(&self) -> String {
        self.pages
            .iter()
            .map(Page::text)
            .collect::<Vec<_>>()
            .join("\u{c}")
    }
}

const RULE: f32 = 0.6;

struct Flow<'a> {
    setup: PageSetup,
    fonts: &'a Fonts,
    pages: Vec<Page>,
    /// Index of the first page of the current numbering sequence.
    sequence_start: usize,
    /// Page numbers to draw: (page index, number).
    numbers: Vec<(usize, usize)>,
    y: f32,
    /// The document's layout rules (see `Meta::layout`).
    layout: u32,
}

impl<'a> Flow<'a> {
    fn new(setup: PageSetup, fonts: &'a Fonts, layout: u32) -> Self {
        Self {
            setup,
            fonts,
            pages: vec![Page::new(&setup)],
            sequence_start: 0,
            numbers: Vec::new(),
            y: setup.top(),
            layout,
        }
    }

    fn page(&mut self) -> &mut Page {
        let i = self.pages.len() - 1;
        &mut self.pages[i]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::new(&self.setup));
        let idx = self.pages.len() - 1;
        let n = idx - self.sequence_start + 1;
        self.numbers.push((idx, n));
        self.y = self.setup.top();
    }

    /// Starts a new numbering sequence on a new page (annexes).
    fn new_sequence(&mut self) {
        self.pages.push(Page::new(&self.setup));
        self.sequence_start = self.pages.len() - 1;
        self.y = self.setup.top();
    }

    fn room(&self) -> f32 {
        self.setup.bottom() - self.y
    }

    fn at_top(&self) -> bool {
        (self.y - self.setup.top()).abs() < 0.01
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32) {
        self.page().items.push(Item::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            width: RULE,
        });
    }

    /// Lines of a paragraph set in a column `[x, x + width]` starting at the flow's y.
    fn lines_at(&mut self, lines: &[LineBox], style: &ParaStyle, x: f32) {
        let lh = line_height(style);
        let asc = ascent(style, self.fonts);
        for l in lines {
            let y = self.y + asc;
            let mut items = Vec::new();
            draw_line(l, x, y, style, &mut items);
            self.page().items.extend(items);
            self.y += lh;
        }
    }

    /// A paragraph in the body, split across pages with no lone first or last line.
    fn paragraph(&mut self, p: &Paragraph, keep_next: f32) {
        let st = p.style;
        if !self.at_top() {
            self.y += st.space_before_pt;
        }
        let lines = break_lines(p, self.setup.frame_width(), self.fonts);
        let lh = line_height(&st);
        let n = lines.len();
        let fits = ((self.room() + 0.01) / lh).floor().max(0.0) as usize;
        let whole = n as f32 * lh;
        if whole + keep_next <= self.room() + 0.01 || (self.at_top() && fits >= n) {
            self.lines_at(&lines, &st, self.setup.left());
        } else {
            // Split: at least two lines on each side, else move it whole.
            let mut k = fits.min(n);
            if n - k == 1 {
                k = k.saturating_sub(1);
            }
            if k < 2 || n < 4 || keep_next > 0.0 && k == n {
                if !self.at_top() {
                    self.new_page();
                }
                self.place_split(&lines, &st);
            } else {
                self.lines_at(&lines[..k], &st, self.setup.left());
                self.new_page();
                self.place_split(&lines[k..], &st);
            }
        }
        self.y += st.space_after_pt;
    }

    /// Lines that may still be longer than a page.
    fn place_split(&mut self, lines: &[LineBox], st: &ParaStyle) {
        let lh = line_height(st);
        let mut rest = lines;
        while !rest.is_empty() {
            let fits = ((self.room() + 0.01) / lh).floor().max(1.0) as usize;
            let k = fits.min(rest.len());
            self.lines_at(&rest[..k], st, self.setup.left());
            rest = &rest[k..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
    }

    /// Height a paragraph's first lines need (for keep-with-next).
    fn head_height(&self, block: Option<&Block>) -> f32 {
        match block {
            Some(Block::Para(p)) => {
                let n = break_lines(p, self.setup.frame_width(), self.fonts)
                    .len()
                    .min(2);
                p.style.space_before_pt + n as f32 * line_height(&p.style)
            }
            Some(Block::Table(t)) => 3.0 * line_height(&cell_style(t.size, Align::Left)) + mm(6.0),
            _ => 0.0,
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Para(p) => {
                    let keep = if p.style.keep_with_next {
                        self.head_height(blocks.get(i + 1))
                    } else {
                        0.0
                    };
                    self.paragraph(p, keep);
                }
                Block::Table(t) => self.table(t),
                Block::Chart(c) => self.chart(c),
                Block::Rule { width_mm } => {
                    let w = mm(*width_mm);
                    let cx = self.setup.left() + self.setup.frame_width() / 2.0;
                    let y = self.y + 1.0;
                    self.rule(cx - w / 2.0, cx + w / 2.0, y);
                    self.y += 6.0;
                }
                Block::PageBreak => self.new_page(),
            }
        }
    }

    /// The narrowest each column may be: its title's and cells' longest word, and the
    /// whole of a figure (`74,75 %`, `1.234`) or a number (`STT`), which never wrap.
    fn column_needs(&self, t: &Table, pad: f32) -> Vec<f32> {
        let unbreakable = |s: &str| !s.chars().any(char::is_alphabetic) || s.len() <= 4;
        let widest = |s: &str, face: Face| -> f32 {
            if unbreakable(s) {
                self.fonts.width(s, face, t.size)
            } else {
                s.split_whitespace()
                    .map(|w| self.fonts.width(w, face, t.size))
                    .fold(0.0, f32::max)
            }
        };
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let cells = t
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|s| widest(s, Face::REGULAR))
                    .fold(0.0, f32::max);
                widest(&c.title, Face::BOLD).max(cells) + 2.0 * pad + 1.0
            })
            .collect()
    }

    fn table(&mut self, t: &Table) {
        let frame = self.setup.frame_width();
        let total: f32 = t.columns.iter().map(|c| c.width).sum::<f32>().max(0.01);
        let pad = mm(1.5);
        let mut widths: Vec<f32> = t.columns.iter().map(|c| c.width / total * frame).collect();
        if self.layout >= 2 {
            let need = self.column_needs(t, pad);
            fit_columns(&mut widths, &need);
        }
        let header: Vec<Vec<LineBox>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                cell_lines(
                    &c.title,
                    Face::BOLD,
                    t.size,
                    Align::Center,
                    w - 2.0 * pad,
                    self.fonts,
                )
            })
            .collect();
        let header_style = cell_style(t.size, Align::Center);
        let lh = line_height(&header_style);
        let row_h = |cells: &[Vec<LineBox>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad
        };
        let header_h = row_h(&header);
        if self.room() < header_h + lh * 2.0 + 2.0 * pad {
            self.new_page();
        }
        let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
        self.row(
            &header,
            &widths,
            &vec![Align::Center; widths.len()],
            t.size,
            header_h,
            pad,
        );
        for r in &t.rows {
            let cells: Vec<Vec<LineBox>> = r
                .iter()
                .zip(&widths)
                .zip(&aligns)
                .map(|((text, w), a)| {
                    cell_lines(text, Face::REGULAR, t.size, *a, w - 2.0 * pad, self.fonts)
                })
                .collect();
            let h = row_h(&cells);
            if h > self.room() + 0.01 {
                self.new_page();
                self.row(
                    &header,
                    &widths,
                    &vec![Align::Center; widths.len()],
                    t.size,
                    header_h,
                    pad,
                );
            }
            self.row(&cells, &widths, &aligns, t.size, h, pad);
        }
        self.y += 6.0;
    }

    fn row(
        &mut self,
        cells: &[Vec<LineBox>],
        widths: &[f32],
        aligns: &[Align],
        size: f32,
        h: f32,
        pad: f32,
    ) {
        let top = self.y;
        let mut x = self.setup.left();
        let right = self.setup.left() + widths.iter().sum::<f32>();
        let page = self.pages.len() - 1;
        for ((lines, w), a) in cells.iter().zip(widths).zip(aligns) {
            let st = cell_style(size, *a);
            let asc = ascent(&st, self.fonts);
            let lh = line_height(&st);
            for (i, l) in lines.iter().enumerate() {
                let mut items = Vec::new();
                draw_line(l, x + pad, top + pad + asc + i as f32 * lh, &st, &mut items);
                self.pages[page].items.extend(items);
            }
            let _ = w;
            x += w;
        }
        // Borders: top, bottom, and every vertical.
        let bottom = top + h;
        let items = &mut self.pages[page].items;
        items.push(Item::Line {
            x1: self.setup.left(),
            y1: top,
            x2: right,
            y2: top,
            width: 0.5,
        });
        items.push(Item::Line {
            x1: self.setup.left(),
            y1: bottom,
            x2: right,
            y2: bottom,
            width: 0.5,
        });
        let mut vx = self.setup.left();
        items.push(Item::Line {
            x1: vx,
            y1: top,
            x2: vx,
            y2: bottom,
            width: 0.5,
        });
        for w in widths {
            vx += w;
            items.push(Item::Line {
                x1: vx,
                y1: top,
                x2: vx,
                y2: bottom,
                width: 0.5,
            });
        }
        self.y = bottom;
    }

    /// A horizontal bar chart of percentages, drawn as boxes and rules.
    fn chart(&mut self, c: &Chart) {
        let bar_h = mm(5.0);
        let gap = mm(2.5);
        let title_style = cell_style(13.0, Align::Center);
        let needed = line_height(&title_style) + c.bars.len() as f32 * (bar_h + gap) + mm(8.0);
        if needed > self.room() {
            self.new_page();
        }
        let title = Paragraph::plain(
            c.title.clone(),
            Face::BOLD,
            ParaStyle {
                space_after_pt: 4.0,
                ..title_style
            },
        );
        self.paragraph(&title, 0.0);
        let label_w = self.setup.frame_width() * 0.38;
        let x0 = self.setup.left() + label_w;
        let full = self.setup.frame_width() - label_w - mm(18.0);
        let page = self.pages.len() - 1;
        for (label, value, target) in &c.bars {
            let y = self.y;
            let st = cell_style(11.0, Align::Left);
            let asc = ascent(&st, self.fonts);
            let lines = cell_lines(
                label,
                Face::REGULAR,
                11.0,
                Align::Left,
                label_w - mm(2.0),
                self.fonts,
            );
            if let Some(first) = lines.first() {
                let mut items = Vec::new();
                draw_line(first, self.setup.left(), y + asc, &st, &mut items);
                self.pages[page].items.extend(items);
            }
            let items = &mut self.pages[page].items;
            items.push(Item::Rect {
                x: x0,
                y,
                w: full,
                h: bar_h,
                grey: 0.92,
            });
            if let Some(v) = value {
                let w = (v.clamp(0.0, 100.0) / 100.0) * full;
                items.push(Item::Rect {
                    x: x0,
                    y,
                    w,
                    h: bar_h,
                    grey: 0.35,
                });
            }
            if let Some(t) = target {
                let tx = x0 + (t.clamp(0.0, 100.0) / 100.0) * full;
                items.push(Item::Line {
                    x1: tx,
                    y1: y - 1.5,
                    x2: tx,
                    y2: y + bar_h + 1.5,
                    width: 1.2,
                });
            }
            let label = value
                .map(|v| crate::domain::number::percent(f64::from(v), 1))
                .unwrap_or_else(|| "—".into());
            items.push(Item::Text {
                x: x0 + full + mm(1.5),
                y: y + asc,
                size: 11.0,
                face: Face::REGULAR,
                text: label,
                word_extra: 0.0,
            });
            self.y += bar_h + gap;
        }
        self.y += mm(4.0);
    }
}

/// Widens the columns narrower than they need, taking the room from the columns with
/// some to spare, in proportion to what they spare. The total stays the same.
fn fit_columns(widths: &mut [f32], need: &[f32]) {
    let deficit: f32 = widths.iter().zip(need).map(|(w, n)| (n - w).max(0.0)).sum();
    if deficit <= 0.0 {
        return;
    }
    let spare: f32 = widths.iter().zip(need).map(|(w, n)| (w - n).max(0.0)).sum();
    if spare <= 0.0 {
        return;
    }
    let take = (deficit / spare).min(1.0);
    for (w, n) in widths.iter_mut().zip(need) {
        if *w < *n {
            // Widened by what the others can give (all of the deficit when they can).
            *w += (*n - *w) * (spare / deficit).min(1.0);
        } else {
            *w -= (*w - *n) * take;
        }
    }
}

fn cell_style(size: f32, align: Align) -> ParaStyle {
    ParaStyle {
        size,
        align,
        indent_mm: 0.0,
        left_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        line_height: 1.15,
        keep_with_next: false,
    }
}

fn cell_lines(
    text: &str,
    face: Face,
    size: f32,
    align: Align,
    width: f32,
    fonts: &Fonts,
) -> Vec<LineBox> {
    let p = Paragraph::plain(text, face, cell_style(size, align));
    break_lines(&p, width.max(10.0), fonts)
}

/// Centred lines in a column, returning the y after them.
fn column_lines(
    flow: &mut Flow<'_>,
    lines: &[(&str, Face, f32)],
    x: f32,
    width: f32,
    y: f32,
) -> (f32, Vec<(f32, f32)>) {
    let mut y = y;
    let mut extents = Vec::new();
    for (text, face, size) in lines {
        let st = cell_style(*size, Align::Center);
        let p = Paragraph::plain(*text, *face, st);
        let broken = break_lines(&p, width, flow.fonts);
        for l in &broken {
            let mut items = Vec::new();
            draw_line(l, x, y + ascent(&st, flow.fonts), &st, &mut items);
            flow.page().items.extend(items);
            let w = flow.fonts.width(&l.text(), *face, *size);
            extents.push((x + (width - w) / 2.0, w));
            y += line_height(&st);
        }
    }
    (y, extents)
}

/// The header's left column: its width and the size of the issuing body's letters, in
/// a frame `frame` points wide. The issuing body's lines are broken by sense in the
/// document (`TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG` / `THÔN HẠ THANH`): the column widens to hold
/// the longest, as far as the national motto allows, then the letters shrink to 12 pt
/// before a line wraps. Documents laid out before (layout 1) keep a third of the frame
/// at 13 pt. The PDF and the Word copy both use it.
pub fn header_column(doc: &Document, fonts: &Fonts, frame: f32) -> (f32, f32) {
    let h = &doc.header;
    let motto = fonts.width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Face::BOLD, 12.5) + mm(4.0);
    let widest_at = |size: f32| -> f32 {
        h.parent_body
            .iter()
            .map(|p| fonts.width(p, Face::REGULAR, size))
            .chain(h.body.iter().map(|b| fonts.width(b, Face::BOLD, size)))
            .fold(0.0, f32::max)
            + mm(2.0)
    };
    let most = (frame - motto).max(frame * 0.38);
    if doc.meta.layout >= 2 {
        let lw = widest_at(13.0).clamp(frame * 0.38, most);
        let size = [13.0, 12.5, 12.0]
            .into_iter()
            .find(|s| widest_at(*s) <= lw)
            .unwrap_or(12.0);
        (lw, size)
    } else {
        (frame * 0.38, 13.0)
    }
}

/// Lays out a whole document.
pub fn compose(doc: &Document, fonts: &Fonts, setup: PageSetup) -> Laid {
    let mut flow = Flow::new(setup, fonts, doc.meta.layout);
    let left = setup.left();
    let frame = setup.frame_width();
    // Header: the issuing body's column, the motto's the rest.
    let h = &doc.header;
    let (lw, size) = header_column(doc, fonts, frame);
    let rx = left + lw;
    let rw = frame - lw;
    let mut left_lines: Vec<(&str, Face, f32)> = Vec::new();
    if let Some(parent) = &h.parent_body {
        left_lines.push((parent.as_str(), Face::REGULAR, size));
    }
    for b in &h.body {
        left_lines.push((b.as_str(), Face::BOLD, size));
    }
    let top = flow.y;
    let (ly, lext) = column_lines(&mut flow, &left_lines, left, lw, top);
    let (ry, rext) = column_lines(
        &mut flow,
        &[
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Face::BOLD, 12.5),
            ("Độc lập - Tự do - Hạnh phúc", Face::BOLD, 13.5),
        ],
        rx,
        rw,
        top,
    );
    // Rules: under the body a third of its last line's width; under the motto its full width.
    if let Some((x, w)) = lext.last() {
        let rw3 = w * 0.4;
        let cx = x + w / 2.0;
        flow.rule(cx - rw3 / 2.0, cx + rw3 / 2.0, ly + 3.0);
    }
    if let Some((x, w)) = rext.last() {
        flow.rule(*x, x + w, ry + 3.0);
    }
    let mut y = ly.max(ry) + mm(3.0);
    let (ly2, _) = column_lines(
        &mut flow,
        &[(h.number_line.as_str(), Face::REGULAR, 13.0)],
        left,
        lw,
        y,
    );
    let mut after_left = ly2;
    if let Some(summary) = &h.summary {
        let (y2, _) = column_lines(
            &mut flow,
            &[(summary.as_str(), Face::REGULAR, 12.0)],
            left,
            lw,
            ly2,
        );
        after_left = y2;
    }
    let (ry2, _) = column_lines(
        &mut flow,
        &[(h.place_date.as_str(), Face::ITALIC, 14.0)],
        rx,
        rw,
        y,
    );
    y = after_left.max(ry2) + mm(6.0);
    flow.y = y;
    // Title, subject with a short rule, authority.
    if let Some(title) = &doc.title {
        let fy = flow.y;
        let (y2, _) = column_lines(
            &mut flow,
            &[(title.as_str(), Face::BOLD, 14.0)],
            left,
            frame,
            fy,
        );
        flow.y = y2;
    }
    if !doc.subject.is_empty() {
        let lines: Vec<(&str, Face, f32)> = doc
            .subject
            .iter()
            .map(|s| (s.as_str(), Face::BOLD, 14.0))
            .collect();
        let fy = flow.y;
        let (y2, extents) = column_lines(&mut flow, &lines, left + mm(10.0), frame - mm(20.0), fy);
        // The rule: 0.4 of the subject's longest line (Decree 30: a third to a half),
        // centred on it.
        let longest = extents.iter().map(|(_, w)| *w).fold(0.0, f32::max);
        let half = if doc.meta.layout >= 2 {
            (longest * 0.4).max(mm(20.0)) / 2.0
        } else {
            mm(20.0)
        };
        let cx = left + frame / 2.0;
        flow.rule(cx - half, cx + half, y2 + 4.0);
        flow.y = y2 + mm(6.0);
    }
    if !doc.addressees.is_empty() {
        let lines: Vec<(&str, Face, f32)> = doc
            .addressees
            .iter()
            .map(|s| (s.as_str(), Face::REGULAR, 14.0))
            .collect();
        let fy = flow.y;
        let (y2, _) = column_lines(&mut flow, &lines, left, frame, fy);
        flow.y = y2 + mm(3.0);
    }
    if let Some(a) = &doc.authority {
        let fy = flow.y;
        let (y2, _) = column_lines(
            &mut flow,
            &[(a.as_str(), Face::BOLD, 14.0)],
            left,
            frame,
            fy,
        );
        flow.y = y2 + mm(3.0);
    }
    flow.blocks(&doc.body);
    signing(&mut flow, doc);
    for annex in &doc.annexes {
        flow.new_sequence();
        let mut lines: Vec<(&str, Face, f32)> = Vec::new();
        if let Some(l) = &annex.label {
            lines.push((l.as_str(), Face::BOLD, 14.0));
        }
        for t in &annex.title {
            lines.push((t.as_str(), Face::BOLD, 14.0));
        }
        let fy = flow.y;
        let (y2, _) = column_lines(&mut flow, &lines, left, frame, fy);
        let (y3, ext) = column_lines(
            &mut flow,
            &[(annex.reference.as_str(), Face::ITALIC, 14.0)],
            left,
            frame,
            y2,
        );
        if let Some((x, w)) = ext.last() {
            let cx = x + w / 2.0;
            let rw = (w * 0.3).min(mm(40.0));
            flow.rule(cx - rw / 2.0, cx + rw / 2.0, y3 + 4.0);
        }
        flow.y = y3 + mm(5.0);
        flow.blocks(&annex.blocks);
    }
    // Page numbers: centred in the top margin, from the second page of each sequence.
    let numbers = std::mem::take(&mut flow.numbers);
    for (idx, n) in numbers {
        let text = n.to_string();
        let w = fonts.width(&text, Face::REGULAR, 14.0);
        let x = left + (frame - w) / 2.0;
        flow.pages[idx].items.push(Item::Text {
            x,
            y: setup.top() / 2.0 + 5.0,
            size: 14.0,
            face: Face::REGULAR,
            text,
            word_extra: 0.0,
        });
    }
    Laid {
        setup,
        pages: flow.pages,
    }
}

/// `Nơi nhận:` on the left and the signing block on the right, kept on one page.
fn signing(flow: &mut Flow<'_>, doc: &Document) {
    let Some(sig) = &doc.signature else {
        return;
    };
    let setup = flow.setup;
    let left = setup.left();
    let frame = setup.frame_width();
    let lw = frame * 0.45;
    let rx = left + lw;
    let rw = frame - lw;
    let rec_style = cell_style(11.0, Align::Left);
    let n = doc.recipients.len();
    let rec_paras: Vec<Paragraph> = doc
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.trim_end_matches([';', '.']);
            Paragraph::plain(
                format!("- {r}{}", if i + 1 == n { "." } else { ";" }),
                Face::REGULAR,
                rec_style,
            )
        })
        .collect();
    let rec_lines: Vec<Vec<LineBox>> = rec_paras
        .iter()
        .map(|p| break_lines(p, lw - mm(2.0), flow.fonts))
        .collect();
    let nn_style = cell_style(12.0, Align::Left);
    let left_h = if n > 0 {
        line_height(&nn_style)
            + rec_lines.iter().map(Vec::len).sum::<usize>() as f32 * line_height(&rec_style)
    } else {
        0.0
    };
    let sig_style = cell_style(14.0, Align::Center);
    let mut sig_lines: Vec<&str> = Vec::new();
    if let Some(m) = &sig.mark {
        sig_lines.push(m);
    }
    sig_lines.push(&sig.title);
    let right_h = (sig_lines.len() + 1) as f32 * line_height(&sig_style) + mm(25.0);
    let needed = left_h.max(right_h) + mm(3.0);
    if needed > flow.room() {
        flow.new_page();
    } else {
        flow.y += mm(3.0);
    }
    let top = flow.y;
    // Left: recipients.
    let mut y = top;
    if n > 0 {
        let asc = ascent(&nn_style, flow.fonts);
        flow.page().items.push(Item::Text {
            x: left,
            y: y + asc,
            size: 12.0,
            face: Face::BOLD_ITALIC,
            text: "Nơi nhận:".into(),
            word_extra: 0.0,
        });
        y += line_height(&nn_style);
        let asc = ascent(&rec_style, flow.fonts);
        for lines in &rec_lines {
            for l in lines {
                let mut items = Vec::new();
                draw_line(l, left, y + asc, &rec_style, &mut items);
                flow.page().items.extend(items);
                y += line_height(&rec_style);
            }
        }
    }
    // Right: the signing block.
    let lines: Vec<(&str, Face, f32)> = sig_lines.iter().map(|s| (*s, Face::BOLD, 14.0)).collect();
    let (y2, _) = column_lines(flow, &lines, rx, rw, top);
    let (y3, _) = column_lines(
        flow,
        &[(sig.signer.as_str(), Face::BOLD, 14.0)],
        rx,
        rw,
        y2 + mm(25.0),
    );
    flow.y = y.max(y3);
}
