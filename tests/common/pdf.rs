//! Reading PDFs in tests through poppler-utils: the text with word boxes.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs a poppler tool and returns its output.
pub fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        o.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[derive(Debug)]
pub struct Word {
    pub page: usize,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

pub fn attr(tag: &str, name: &str) -> f32 {
    let k = format!("{name}=\"");
    let i = tag.find(&k).unwrap() + k.len();
    tag[i..].split('"').next().unwrap().parse().unwrap()
}

/// Words and lines (as word lists) of every page.
pub fn bbox(pdf: &Path) -> (Vec<Word>, Vec<Vec<usize>>) {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let mut words = Vec::new();
    let mut lines = Vec::new();
    let mut page = 0;
    let mut current: Vec<usize> = Vec::new();
    for part in xml.split('<').skip(1) {
        if part.starts_with("page ") {
            page += 1;
        } else if part.starts_with("line ") {
            current = Vec::new();
        } else if part.starts_with("/line") {
            lines.push(std::mem::take(&mut current));
        } else if let Some(rest) = part.strip_prefix("word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            current.push(words.len());
            words.push(Word {
                page,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text: text.replace("&amp;", "&"),
            });
        }
    }
    (words, lines)
}

pub const MM: f32 = 72.0 / 25.4;

/// What the Decree 30 format check found on a file.
#[derive(Debug)]
pub struct Format {
    pub pages: usize,
    /// Every word's text, joined by spaces.
    pub all: String,
    /// Body lines that a continuation line follows, each ending on the right margin.
    pub justified: usize,
    /// The page the attached list starts on (`None` without one).
    pub annex_page: Option<usize>,
}

/// Checks a decision's file against Decree 30's page, whoever drew it (this program,
/// or a word processor from the Word copy): A4; every word inside the margins
/// (left 30, right 15, top and bottom 20 mm) but the page numbers, which are in the
/// top margin, centred, from page 2 only and start at `2`; body lines that a
/// continuation follows end on the right margin within `tolerance` points; an
/// attached list's first page carries no number.
pub fn decree_30_format(pdf: &Path, tolerance: f32) -> Format {
    let p = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[p]);
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default();
    assert!(size.ends_with("(A4)"), "{info}");
    let (words, lines) = bbox(pdf);
    let pages = words.iter().map(|w| w.page).max().unwrap();
    let (left, right, top, bottom) = (
        30.0 * MM,
        210.0 * MM - 15.0 * MM,
        20.0 * MM,
        297.0 * MM - 20.0 * MM,
    );
    // Margins: every word inside the frame, but the page numbers in the top margin.
    for w in &words {
        assert!(
            w.x0 >= left - 0.5 && w.x1 <= right + 0.5,
            "outside left/right margin: {w:?}"
        );
        assert!(w.y1 <= bottom + 0.5, "in the bottom margin: {w:?}");
        if w.y0 < top - 0.5 {
            assert!(
                w.page > 1 && w.text.chars().all(|c| c.is_ascii_digit()),
                "only page numbers in the top margin: {w:?}"
            );
        }
    }
    // Page numbers: none on page 1; from page 2, centred.
    let numbers: Vec<(usize, String, f32)> = words
        .iter()
        .filter(|w| w.y0 < top - 0.5)
        .map(|w| (w.page, w.text.clone(), (w.x0 + w.x1) / 2.0))
        .collect();
    assert!(numbers.iter().all(|(p, _, _)| *p > 1));
    for (_, _, cx) in &numbers {
        assert!(
            (cx - (left + right) / 2.0).abs() < 2.0,
            "page number not centred: {cx}"
        );
    }
    assert_eq!(numbers.first().map(|n| n.1.as_str()), Some("2"));
    let all: String = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // The body's size: the commonest word height (each renderer measures a word's box
    // from its own font metrics, so no fixed figure).
    let mut heights = std::collections::HashMap::new();
    for w in &words {
        *heights
            .entry(((w.y1 - w.y0) * 10.0).round() as i32)
            .or_insert(0) += 1;
    }
    let body = heights
        .iter()
        .max_by_key(|(h, n)| (**n, **h))
        .map(|(h, _)| *h as f32 / 10.0)
        .unwrap();
    // Justified body lines end on the right margin (lines that reach past 90 %).
    let mut justified = 0;
    for (i, l) in lines.iter().enumerate() {
        let last = &words[*l.last().unwrap()];
        // A line that a continuation line (starting at the left margin) follows is not
        // the last of its paragraph, so it must be stretched to the right margin.
        let Some(next) = lines.get(i + 1).map(|n| &words[n[0]]) else {
            continue;
        };
        let continued = next.page == last.page
            && (next.x0 - left).abs() < 1.0
            && next.y0 > last.y0
            && next.y0 - last.y0 < 25.0;
        let body_size = last.y1 - last.y0 > body - 0.3;
        if continued && body_size && last.y0 > top && words[l[0]].x0 < right - 200.0 {
            assert!(
                (last.x1 - right).abs() < tolerance,
                "line ends at {} not {right}: {}",
                last.x1,
                l.iter()
                    .map(|i| words[*i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            justified += 1;
        }
    }
    // The attached list: its own title on a page of its own, with no number.
    let annex_page = words.iter().find(|w| w.text == "DANH").map(|w| w.page);
    if let Some(page) = annex_page {
        assert!(
            !numbers.iter().any(|(p, _, _)| *p == page),
            "an annex's first page has no number"
        );
    }
    Format {
        pages,
        all,
        justified,
        annex_page,
    }
}

/// A short horizontal rule drawn on a page: where it is (points from the page's top
/// left) and how far below the ink above it (the letters' lowest point) it runs.
#[derive(Debug)]
pub struct Rule {
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub gap: f32,
}

/// The rules of page `page` at least 8 mm long, found on the page drawn at 288 dpi by
/// pdftoppm (a dark run of pixels; a rule a few pixels thick counts once).
pub fn rules(pdf: &Path, page: usize) -> Vec<Rule> {
    let dpi = 288.0f32;
    let scale = dpi / 72.0;
    let out = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            "288",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(out.status.success());
    let data = out.stdout;
    // A binary PGM: `P5`, width, height, maxval, each followed by white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
    }
    let px = &data[at + 1..];
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let dark = |x: usize, y: usize| px[y * w + x] < 128;
    let least = (8.0 * MM * scale) as usize;
    let mut found: Vec<Rule> = Vec::new();
    for y in 1..h {
        let mut x = 0;
        while x < w {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let x0 = x;
            while x < w && dark(x, y) {
                x += 1;
            }
            // A run at least 8 mm long whose row above is not dark along it (its top).
            if x - x0 < least || (x0..x).filter(|i| dark(*i, y - 1)).count() > (x - x0) / 2 {
                continue;
            }
            let mut above = y - 1;
            while above > 0 && !(x0..x).any(|i| dark(i, above)) {
                above -= 1;
            }
            found.push(Rule {
                y: y as f32 / scale,
                x0: x0 as f32 / scale,
                x1: x as f32 / scale,
                gap: (y - above - 1) as f32 / scale,
            });
        }
    }
    found
}

/// The commonest distance between the tops of two lines that follow each other on a
/// page: the body's line pitch.
pub fn line_pitch(pdf: &Path) -> f32 {
    let (words, lines) = bbox(pdf);
    let mut counts = std::collections::HashMap::new();
    for pair in lines.windows(2) {
        let (a, b) = (&words[pair[0][0]], &words[pair[1][0]]);
        if a.page == b.page && b.y0 > a.y0 {
            *counts
                .entry(((b.y0 - a.y0) * 10.0).round() as i32)
                .or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(d, n)| (*n, *d))
        .map(|(d, _)| d as f32 / 10.0)
        .unwrap()
}
