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
