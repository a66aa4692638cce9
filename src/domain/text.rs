//! Vietnamese text: NFC on every input, accent- and case-free folding for search, names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC, trimmed, every run of whitespace (tabs, newlines, no-break spaces) made one space.
pub fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// NFC for text with lines (notes, duties): `\n` line ends, no trailing spaces, trimmed.
pub fn clean_multiline(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let text = nfc.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

/// Accent- and case-free form for search: `Nguyễn Thị Bích Ngọc` → `nguyen thi bich ngoc`,
/// `Đắk` → `dak`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || c == '\u{a0}' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Every word of the query occurs in the folded text (empty query matches all).
pub fn matches(haystack_folded: &str, query: &str) -> bool {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack_folded.contains(w))
}

/// (family, middle, given): first word, the words between, last word.
pub fn split_name(full: &str) -> (String, String, String) {
    let cleaned = clean(full);
    let words: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [] => (String::new(), String::new(), String::new()),
        [one] => (String::new(), String::new(), (*one).to_string()),
        [first, middle @ .., last] => ((*first).to_string(), middle.join(" "), (*last).to_string()),
    }
}

/// The given name a form proposes: the last word.
pub fn default_given_name(full: &str) -> String {
    split_name(full).2
}

/// `nguyễn văn đức` → `Nguyễn Văn Đức`; a capital after an apostrophe is kept (`H'Thoan`).
pub fn title_case_name(s: &str) -> String {
    clean(s)
        .split(' ')
        .map(|word| {
            let mut out = String::new();
            let mut prev: Option<char> = None;
            for (i, c) in word.chars().enumerate() {
                if i == 0 || (prev == Some('-')) {
                    out.extend(c.to_uppercase());
                } else if prev == Some('\'') || prev == Some('’') {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                prev = Some(c);
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Bi\u{301}ch Ngo\u{323}c";
        let c = clean(nfd);
        assert_eq!(c, "Nguyễn Thị Bích Ngọc");
        assert_eq!(c.chars().count(), 20);
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(clean("  Lê\u{a0}\tVăn \n Tám  "), "Lê Văn Tám");
        assert_eq!(clean(""), "");
        assert_eq!(clean_multiline(" a  \r\nb\t \r\n"), "a\nb");
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Nguyễn Thị Bích Ngọc"), "nguyen thi bich ngoc");
        assert_eq!(fold("ĐẮK NIA"), "dak nia");
        assert_eq!(fold("Đắk  Nia "), "dak nia");
        assert_eq!(fold("Ưng Ửng ơ"), "ung ung o");
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
        assert_eq!(fold("H'Thoan"), "h'thoan");
    }

    #[test]
    fn matching() {
        let h = fold("Nguyễn Thị Bích Ngọc");
        for q in ["ngoc", "NGOC", "Ngọc", "bich ngoc", "ngọc nguyễn", ""] {
            assert!(matches(&h, q), "{q}");
        }
        assert!(!matches(&h, "ngoc lan"));
    }

    #[test]
    fn names_split() {
        assert_eq!(
            split_name(" Nguyễn  Thị Bích Ngọc"),
            ("Nguyễn".into(), "Thị Bích".into(), "Ngọc".into())
        );
        assert_eq!(
            split_name("Ksor H'Thoan"),
            ("Ksor".into(), "".into(), "H'Thoan".into())
        );
        assert_eq!(split_name("Tâm"), ("".into(), "".into(), "Tâm".into()));
        assert_eq!(default_given_name(""), "");
    }

    #[test]
    fn title_case() {
        assert_eq!(title_case_name("nguyễn văn đức"), "Nguyễn Văn Đức");
        assert_eq!(title_case_name("ĐỖ THỊ ÁNH"), "Đỗ Thị Ánh");
        assert_eq!(title_case_name("ksor H'Thoan"), "Ksor H'Thoan");
    }
}
