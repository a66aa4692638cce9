//! Vietnamese text: NFC on every input, accent- and case-free folding for search, names.
//!
//! Whatever keyboard the clerk uses (Unikey, ibus, macOS; NFD or NFC) and whatever was
//! pasted (Word, Zalo, a web page), [`clean`] gives the one form that is stored: NFC, no
//! invisible characters, single ASCII spaces.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that take no room and carry no meaning in a name or a number, but often
/// come along with pasted text: soft hyphen, zero-width space/joiners, direction marks
/// (phone contacts wrap numbers in them), word joiner, byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Dropped by [`clean`] and [`fold`]: invisible characters and control characters that
/// are not whitespace.
fn is_dropped(c: char) -> bool {
    is_invisible(c) || (c.is_control() && !c.is_whitespace())
}

/// A tone mark that stacks above the letter: huyền, sắc, ngã, hỏi.
fn is_tone_above(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}')
}

/// A vowel modifier that stacks above the letter: circumflex (â ê ô), breve (ă).
fn is_modifier_above(c: char) -> bool {
    matches!(c, '\u{302}' | '\u{306}')
}

/// NFC, also when the tone was typed before the vowel's circumflex or breve
/// (`e` + `◌̃` + `◌̂`): Unicode does not treat that order as the same text as `ễ`, but
/// every Vietnamese reader does, so the marks are put in the composable order first.
fn nfc(s: &str) -> String {
    if !s.chars().any(is_modifier_above) {
        return s.nfc().collect();
    }
    let mut v: Vec<char> = s.nfd().collect();
    let mut i = 1;
    while i < v.len() {
        if is_tone_above(v[i - 1]) && is_modifier_above(v[i]) {
            v.swap(i - 1, i);
            i = (i - 1).max(1);
        } else {
            i += 1;
        }
    }
    v.into_iter().nfc().collect()
}

/// NFC, trimmed, every run of whitespace (tabs, newlines, no-break spaces) made one
/// ASCII space; invisible and control characters dropped.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in nfc(s).chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
        } else if !is_dropped(c) {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// NFC for text with lines (notes, duties): `\n` line ends (also for `\r\n`, `\r`, the
/// Unicode line/paragraph separators and the `\v` that Word puts for a manual line
/// break), no trailing spaces on any line, the whole trimmed. Spaces inside a line are
/// kept as typed.
pub fn clean_multiline(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let normal = nfc(s);
    let mut chars = normal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                text.push('\n');
            }
            '\n' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => text.push('\n'),
            c if is_dropped(c) => {}
            c => text.push(c),
        }
    }
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

/// Accent- and case-free form for search: `Nguyễn Thị Bích Ngọc` → `nguyen thi bich ngoc`,
/// `Đắk` → `dak`. Also folds the look-alike `Ð` (U+00D0, left by old TCVN3 conversions)
/// to `d`, and typographic apostrophes (`’`, `ʼ`) to `'`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.nfd() {
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if is_combining_mark(c) || is_dropped(c) {
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        match c {
            'đ' | 'Đ' | 'Ð' | 'ð' => out.push('d'),
            '’' | 'ʼ' | '‘' => out.push('\''),
            // `İ` lowercases to `i` + a combining dot: keep the letter only.
            _ => out.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
        }
    }
    out
}

/// Every word of the query occurs in the folded text (empty query matches all).
/// `haystack_folded` must already be [`fold`]ed; the query is folded here.
pub fn matches(haystack_folded: &str, query: &str) -> bool {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack_folded.contains(w))
}

/// (family, middle, given): first word, the words between, last word. A single word is
/// the given name. The parts are cleaned (NFC, single spaces).
pub fn split_name(full: &str) -> (String, String, String) {
    let cleaned = clean(full);
    let words: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [] => (String::new(), String::new(), String::new()),
        [one] => (String::new(), String::new(), (*one).to_string()),
        [first, middle @ .., last] => ((*first).to_string(), middle.join(" "), (*last).to_string()),
    }
}

/// The given name a form proposes (the clerk may change it): in Ê-đê, M'nông and Jarai
/// names the word marked by `Y` (men) or `H'` (women) wherever it stands — the clan
/// name may come last (`H'Hen Niê`, `Y Thông Byă`) or first (`Ksor H'Thoan`); else the
/// last word, as Kinh names have it.
pub fn default_given_name(full: &str) -> String {
    let cleaned = clean(full);
    let words: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if w.eq_ignore_ascii_case("y")
            && let Some(next) = words.get(i + 1)
        {
            return (*next).to_string();
        }
        for prefix in ["H'", "H’", "h'", "h’"] {
            if let Some(rest) = w.strip_prefix(prefix)
                && rest.chars().next().is_some_and(char::is_alphabetic)
            {
                return rest.to_string();
            }
        }
    }
    split_name(full).2
}

/// `nguyễn văn đức` → `Nguyễn Văn Đức`: the first letter of each word (and after a
/// hyphen) capital, the rest small; a letter after an apostrophe keeps its case as typed
/// (`H'Thoan` stays, `O'neil` stays).
pub fn title_case_name(s: &str) -> String {
    clean(s)
        .split(' ')
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            let mut prev: Option<char> = None;
            for c in word.chars() {
                match prev {
                    None | Some('-') => out.extend(c.to_uppercase()),
                    Some('\'' | '’' | 'ʼ') => out.push(c),
                    Some(_) => out.extend(c.to_lowercase()),
                }
                prev = Some(c);
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Common nouns a position may start with (`Công chức Văn phòng - Thống kê`): inside a
/// sentence they lose the capital typed at the start. Titles (`Phó Chủ tịch UBND xã`,
/// `Bí thư Đoàn xã`, `Trưởng thôn`) and proper nouns keep theirs.
const COMMON_HEADS: [&str; 22] = [
    "cong chuc",
    "can bo",
    "vien chuc",
    "nhan vien",
    "giao vien",
    "nguoi dan",
    "hoc sinh",
    "sinh vien",
    "doan vien",
    "hoi vien",
    "dang vien",
    "chien si",
    "bac si",
    "y si",
    "dieu duong",
    "thanh vien",
    "cong tac vien",
    "ke toan",
    "tinh nguyen vien",
    "nguoi cao tuoi",
    "chu ho",
    "tieu thuong",
];

/// A position as it reads inside a sentence (`Bà X, công chức Văn phòng - Thống kê`):
/// a common noun at its start loses its capital; the rest stays as typed.
pub fn position_in_sentence(position: &str) -> String {
    let p = clean(position);
    let folded = fold(&p);
    let common = COMMON_HEADS.iter().any(|head| {
        folded
            .strip_prefix(head)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    });
    if !common {
        return p;
    }
    let mut chars = p.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => p,
    }
}

/// How much of a value a message quotes.
pub const QUOTE_CHARS: usize = 40;

/// At most [`QUOTE_CHARS`] characters of `value`, with `…` when it was cut: what a
/// message shows of a value from someone else's file.
pub fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn highland_names_propose_the_word_their_prefix_marks() {
        assert_eq!(default_given_name("H'Hen Niê"), "Hen");
        assert_eq!(default_given_name("Y Thông Byă"), "Thông");
        assert_eq!(default_given_name("Ksor H’Thoan"), "Thoan");
        assert_eq!(default_given_name("Nay Y Blư"), "Blư");
        assert_eq!(default_given_name("Nguyễn Thị Y"), "Y");
        assert_eq!(default_given_name("Nguyễn Văn Hùng"), "Hùng");
    }

    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Bi\u{301}ch Ngo\u{323}c";
        let c = clean(nfd);
        assert_eq!(c, "Nguyễn Thị Bích Ngọc");
        assert_eq!(c.chars().count(), 20);
        assert!(is_nfc(&c));
        // Marks typed in a non-canonical order (tone before the circumflex).
        assert_eq!(clean("Nguye\u{303}\u{302}n"), "Nguyễn");
        assert_eq!(clean("A\u{301}\u{306}"), "Ắ");
        assert_eq!(clean_multiline("o\u{309}\u{302}"), "ổ");
        // Other marks keep their order.
        assert_eq!(clean("e\u{303}\u{304}"), "ẽ\u{304}");
        // Half-composed input: precomposed ê + a combining tilde.
        assert_eq!(clean("Nguyê\u{303}n"), "Nguyễn");
        assert_eq!(clean("Đ\u{1ea1}t"), "Đạt");
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(clean("  Lê\u{a0}\tVăn \n Tám  "), "Lê Văn Tám");
        assert_eq!(clean("Lê\u{2003}\u{202f}Văn\r\n\r\nTám"), "Lê Văn Tám");
        assert_eq!(clean(""), "");
        assert_eq!(clean(" \t\u{a0}\n "), "");
        assert_eq!(clean("a"), "a");
    }

    #[test]
    fn invisible_and_control_characters_are_dropped() {
        // A number copied from phone contacts, wrapped in direction marks.
        assert_eq!(clean("\u{202a}0912 345 678\u{202c}"), "0912 345 678");
        // Zero-width space and soft hyphen inside a word do not split it.
        assert_eq!(clean("Ng\u{200b}ọc Hu\u{ad}ệ"), "Ngọc Huệ");
        assert_eq!(clean("\u{feff}Hà Nội"), "Hà Nội");
        assert_eq!(clean("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn multiline() {
        assert_eq!(clean_multiline(" a  \r\nb\t \r\n"), "a\nb");
        assert_eq!(clean_multiline("a\rb\r\rc"), "a\nb\n\nc");
        assert_eq!(clean_multiline("a\u{b}b\u{2028}c"), "a\nb\nc");
        // Inner spaces and indentation of later lines are kept; blank ends are not.
        assert_eq!(
            clean_multiline("\n\n  - một  hai\n    - ba\u{a0}\n\n"),
            "- một  hai\n    - ba"
        );
        assert_eq!(clean_multiline("Ngo\u{323}c\u{200b}"), "Ngọc");
        assert_eq!(clean_multiline(" \r\n \n"), "");
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Nguyễn Thị Bích Ngọc"), "nguyen thi bich ngoc");
        assert_eq!(fold("Đắk Nia"), "dak nia");
        assert_eq!(fold("ĐẮK NIA"), "dak nia");
        assert_eq!(fold("  Đắk \u{a0} Nia\t"), "dak nia");
        assert_eq!(fold("Ưng Ửng ơ Ợ"), "ung ung o o");
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
        assert_eq!(fold("H'Thoan"), "h'thoan");
        assert_eq!(fold("H’Thoan"), "h'thoan");
        assert_eq!(fold("\u{d0}ắk"), "dak");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Ng\u{200b}ọc"), "ngoc");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_is_the_same_for_nfc_and_nfd() {
        for s in ["Trần Thị Thuỷ", "Phạm Đức Hiếu", "Ksor H'Thoan", "Ỷ Lan"] {
            let nfd: String = s.nfd().collect();
            assert_eq!(fold(s), fold(&nfd), "{s}");
            assert!(fold(s).is_ascii(), "{s}");
        }
    }

    #[test]
    fn matching() {
        let h = fold("Nguyễn Thị Bích Ngọc");
        for q in [
            "ngoc",
            "NGOC",
            "Ngọc",
            "bich ngoc",
            "ngọc nguyễn",
            "",
            "   ",
            "ngu",
            "Ngo\u{323}c",
        ] {
            assert!(matches(&h, q), "{q}");
        }
        assert!(!matches(&h, "ngoc lan"));
        assert!(!matches(&h, "ngocbich"));
        let h = fold("Ksor H’Thoan");
        assert!(matches(&h, "h'thoan"));
        assert!(matches(&fold("Xã Đắk Nia"), "dak"));
        assert!(matches(&fold("Xã Đắk Nia"), "Đ"));
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
        assert_eq!(split_name("  "), ("".into(), "".into(), "".into()));
        assert_eq!(
            split_name("Nguye\u{302}\u{303}n\tVa\u{306}n\u{a0}An"),
            ("Nguyễn".into(), "Văn".into(), "An".into())
        );
        assert_eq!(default_given_name("Lê Văn Tám "), "Tám");
        // The word H' marks, without its mark (issue 20: Ê-đê and Jarai names).
        assert_eq!(default_given_name("Ksor H'Thoan"), "Thoan");
        assert_eq!(default_given_name(""), "");
    }

    #[test]
    fn title_case() {
        assert_eq!(title_case_name("nguyễn văn đức"), "Nguyễn Văn Đức");
        assert_eq!(title_case_name("ĐỖ THỊ ÁNH"), "Đỗ Thị Ánh");
        assert_eq!(title_case_name("ksor H'Thoan"), "Ksor H'Thoan");
        assert_eq!(title_case_name("ksor h'thoan"), "Ksor H'thoan");
        assert_eq!(title_case_name("KSOR H’THOAN"), "Ksor H’Thoan");
        assert_eq!(title_case_name("ưng  ỷ"), "Ưng Ỷ");
        assert_eq!(title_case_name("y-bhin niê"), "Y-Bhin Niê");
        assert_eq!(title_case_name("nguye\u{302}\u{303}n"), "Nguyễn");
        assert_eq!(title_case_name(""), "");
    }

    #[test]
    fn positions_inside_a_sentence() {
        assert_eq!(
            position_in_sentence("Công chức Văn phòng - Thống kê"),
            "công chức Văn phòng - Thống kê"
        );
        assert_eq!(
            position_in_sentence("Phó Chủ tịch UBND xã"),
            "Phó Chủ tịch UBND xã"
        );
        assert_eq!(position_in_sentence("Bí thư Đoàn xã"), "Bí thư Đoàn xã");
        assert_eq!(
            position_in_sentence("Giáo viên Trường Tiểu học Kim Đồng"),
            "giáo viên Trường Tiểu học Kim Đồng"
        );
        assert_eq!(position_in_sentence("Công an xã"), "Công an xã");
    }
}
