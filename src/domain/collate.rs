//! Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
//! x y (f j w z in their Latin places for foreign names), digits before letters.
//!
//! Three levels, each compared over the whole string before the next: the base letters,
//! then the tones (none, huyền, sắc, hỏi, ngã, nặng), then case (lower before upper).
//! Apostrophes and hyphens count only at the last level. Keys compare as bytes, the way
//! SQLite compares BLOBs, so the database can sort by them.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Byte for a space between words: below every letter and digit.
const WORD_GAP: u8 = 0x02;
/// Between the levels of one key, and between the parts of a person's key.
const LEVEL_GAP: u8 = 0x00;
const PART_GAP: u8 = 0x01;

/// Primary byte of a base letter (0x20…), or of a digit (0x10…).
fn primary(base: char) -> Option<u8> {
    if base.is_ascii_digit() {
        return Some(0x10 + (base as u8 - b'0'));
    }
    ALPHABET
        .chars()
        .position(|c| c == base)
        .map(|i| 0x20 + i as u8)
}

fn tone(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(1), // huyền
        '\u{301}' => Some(2), // sắc
        '\u{309}' => Some(3), // hỏi
        '\u{303}' => Some(4), // ngã
        '\u{323}' => Some(5), // nặng
        _ => None,
    }
}

/// Applies a vowel modifier (breve, circumflex, horn) to a base letter.
fn modified(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

struct Letter {
    primary: Vec<u8>,
    tone: u8,
    upper: bool,
}

/// Splits text into letters with their base, tone and case.
fn letters(s: &str) -> Vec<Letter> {
    let mut out: Vec<Letter> = Vec::new();
    let mut base: Option<char> = None;
    for c in s.nfd() {
        if let Some(t) = tone(c) {
            if let Some(l) = out.last_mut() {
                l.tone = t;
            }
            continue;
        }
        if let (Some(b), true) = (base, unicode_normalization::char::is_combining_mark(c)) {
            if let Some(m) = modified(b, c)
                && let Some(l) = out.last_mut()
                && let Some(p) = primary(m)
            {
                l.primary = vec![p];
                base = Some(m);
            }
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let upper = c.is_uppercase();
        let lower = match c {
            'Đ' => 'đ',
            _ => c.to_lowercase().next().unwrap_or(c),
        };
        base = Some(lower);
        let primary = if c.is_whitespace() {
            vec![WORD_GAP]
        } else if let Some(p) = primary(lower) {
            vec![p]
        } else if lower.is_alphanumeric() {
            // Other scripts: after the Vietnamese letters, by code point.
            let mut v = vec![0xF0];
            v.extend_from_slice(&(lower as u32).to_be_bytes()[1..]);
            v
        } else {
            // Apostrophes, hyphens, dots: ignored at the first two levels.
            Vec::new()
        };
        out.push(Letter {
            primary,
            tone: 0,
            upper,
        });
    }
    // Collapse runs of spaces and drop leading/trailing ones.
    let mut cleaned: Vec<Letter> = Vec::with_capacity(out.len());
    for l in out {
        let gap = l.primary == [WORD_GAP];
        let last_gap = cleaned
            .last()
            .is_none_or(|p: &Letter| p.primary == [WORD_GAP]);
        if gap && last_gap {
            continue;
        }
        cleaned.push(l);
    }
    if cleaned.last().is_some_and(|l| l.primary == [WORD_GAP]) {
        cleaned.pop();
    }
    cleaned
}

/// A byte key whose byte order is the Vietnamese order.
pub fn key(s: &str) -> Vec<u8> {
    let ls = letters(s);
    let mut k = Vec::with_capacity(ls.len() * 3 + 2);
    for l in &ls {
        k.extend_from_slice(&l.primary);
    }
    k.push(LEVEL_GAP);
    for l in ls.iter().filter(|l| !l.primary.is_empty()) {
        k.push(0x10 + l.tone);
    }
    k.push(LEVEL_GAP);
    for l in &ls {
        k.push(if l.upper { 0x11 } else { 0x10 });
    }
    k
}

/// Sorts people by given name, then middle names, then family name; each part is
/// compared completely (letters, tones, case) before the next. The given name is the
/// last word unless `given_name` says otherwise (`Ksor H'Thoan` / `H'Thoan`).
pub fn person_key(full_name: &str, given_name: &str) -> Vec<u8> {
    let full = super::text::clean(full_name);
    let words: Vec<&str> = full.split(' ').filter(|w| !w.is_empty()).collect();
    let given = super::text::clean(given_name);
    let (given, rest): (String, Vec<&str>) = if given.is_empty() {
        match words.split_last() {
            Some((last, rest)) => ((*last).to_string(), rest.to_vec()),
            None => (String::new(), Vec::new()),
        }
    } else {
        let g_words: Vec<&str> = given.split(' ').collect();
        let pos = words
            .windows(g_words.len().max(1))
            .rposition(|w| w == g_words.as_slice());
        match pos {
            Some(p) => {
                let mut rest = words[..p].to_vec();
                rest.extend_from_slice(&words[p + g_words.len()..]);
                (given.clone(), rest)
            }
            None => (given.clone(), words.clone()),
        }
    };
    let (family, middle) = match rest.split_first() {
        Some((f, m)) => ((*f).to_string(), m.join(" ")),
        None => (String::new(), String::new()),
    };
    let mut k = key(&given);
    k.push(PART_GAP);
    k.extend(key(&middle));
    k.push(PART_GAP);
    k.extend(key(&family));
    k.push(PART_GAP);
    k.extend(key(&full));
    k
}

pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(v: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|s| key(s));
        v
    }

    #[test]
    fn alphabet_and_tones() {
        assert_eq!(
            sorted(&[
                "Ưng", "Dũng", "Ân", "Anh", "Bình", "Ánh", "An", "Đức", "Ửng"
            ]),
            [
                "An", "Anh", "Ánh", "Ân", "Bình", "Dũng", "Đức", "Ưng", "Ửng"
            ]
        );
    }

    #[test]
    fn tone_order_is_none_huyen_sac_hoi_nga_nang() {
        assert_eq!(
            sorted(&["mạ", "mã", "mả", "má", "mà", "ma"]),
            ["ma", "mà", "má", "mả", "mã", "mạ"]
        );
    }

    #[test]
    fn base_letters_beat_tones_over_the_whole_word() {
        // "ác" vs "ăa": the second letter decides nothing until the base differs.
        assert_eq!(sorted(&["ăa", "ác"]), ["ác", "ăa"]);
        // Same letters: tones decide, from the left.
        assert_eq!(sorted(&["hòa", "hoà", "hoa"]), ["hoa", "hoà", "hòa"]);
    }

    #[test]
    fn nfd_and_nfc_sort_the_same() {
        assert_eq!(key("Nguye\u{302}\u{303}n"), key("Nguyễn"));
        assert_eq!(key("Đ"), key("Đ"));
    }

    #[test]
    fn prefixes_and_digits_come_first() {
        assert_eq!(sorted(&["Anh", "An", "10", "2"]), ["10", "2", "An", "Anh"]);
        assert_eq!(compare("an", "An"), Ordering::Less);
    }

    fn people(v: &[(&str, &str)]) -> Vec<String> {
        let mut v: Vec<(String, Vec<u8>)> = v
            .iter()
            .map(|(n, g)| (n.to_string(), person_key(n, g)))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn people_by_given_middle_family() {
        assert_eq!(
            people(&[
                ("Trần Văn An", ""),
                ("Phạm Anh", ""),
                ("Lê Thị Ánh", ""),
                ("Nguyễn Văn An", ""),
                ("Nguyễn Thị An", ""),
            ]),
            [
                "Nguyễn Thị An",
                "Nguyễn Văn An",
                "Trần Văn An",
                "Phạm Anh",
                "Lê Thị Ánh"
            ]
        );
    }

    #[test]
    fn only_the_family_name_differs() {
        assert_eq!(
            people(&[
                ("Trần Thị Hoa", ""),
                ("Nguyễn Thị Hoa", ""),
                ("Đỗ Thị Hoa", ""),
                ("Dương Thị Hoa", "")
            ]),
            [
                "Dương Thị Hoa",
                "Đỗ Thị Hoa",
                "Nguyễn Thị Hoa",
                "Trần Thị Hoa"
            ]
        );
    }

    #[test]
    fn only_the_middle_name_differs() {
        assert_eq!(
            people(&[("Lê Văn Hùng", ""), ("Lê Hữu Hùng", ""), ("Lê Hùng", "")]),
            ["Lê Hùng", "Lê Hữu Hùng", "Lê Văn Hùng"]
        );
    }

    #[test]
    fn given_name_that_is_not_the_last_word() {
        // Ê Đê names put the family last: "Y Bhin Niê", given name "Bhin".
        assert_eq!(
            people(&[
                ("Nguyễn Văn Cường", ""),
                ("Y Bhin Niê", "Bhin"),
                ("Ksor H'Thoan", "H'Thoan")
            ]),
            ["Y Bhin Niê", "Nguyễn Văn Cường", "Ksor H'Thoan"]
        );
    }

    #[test]
    fn shorter_given_name_first() {
        assert_eq!(
            people(&[("Lê Anh", ""), ("Trần An", "")]),
            ["Trần An", "Lê Anh"]
        );
    }
}
