//! Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
//! x y (f j w z in their Latin places for foreign names), digits before letters.
//!
//! Four levels, each compared over the whole string before the next:
//! 1. base letters, digit by digit for numbers (`10` before `2`; natural order of numbers
//!    is the caller's business), words in order; apostrophes, hyphens, dots and other
//!    punctuation are ignored here;
//! 2. tones, one per syllable, in the order none, huyền, sắc, hỏi, ngã, nặng. The tone
//!    belongs to the syllable, not to the letter that carries it, so the old and new
//!    accent placements (`Hòa` / `Hoà`, `Thủy` / `Thuỷ`) are equal at this level;
//! 3. case: small before capital (`an` < `An`);
//! 4. the cleaned NFC text itself, so that different names never get equal keys.
//!
//! Letters from other scripts sort after `z`, by code point. The look-alike `Ð` (U+00D0,
//! left by old TCVN3 conversions) counts as `Đ`. Input may be NFC or NFD, with any
//! spacing: [`text::clean`] is applied first.
//!
//! Keys compare as bytes, the way SQLite compares BLOBs, so the database can sort by
//! them. The levels are separated by `0x00` and the parts of a [`person_key`] by `0x01`;
//! every other byte of a key is `0x02` or more, so a shorter name (`An`) always sorts
//! before a longer one that starts with it (`Anh`), also inside a person's key.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::text;

/// The version of the key format. Keys stored in a database (the `sort_key` columns)
/// must be recomputed when it changes. 1: tones per letter; 2: tones per syllable, a
/// fourth level with the text itself, `Ð` as `Đ`.
pub const KEY_VERSION: u32 = 2;

/// The Vietnamese alphabet with f, j, w, z in their Latin places.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Between the levels of one key.
const LEVEL_GAP: u8 = 0x00;
/// Between the parts of a person's key.
const PART_GAP: u8 = 0x01;
/// Between words, at the first level: below every digit and letter.
const WORD_GAP: u8 = 0x02;
const DIGIT: u8 = 0x10;
const LETTER: u8 = 0x20;
/// Lead byte of a letter of another script; three bytes of its code point follow.
const FOREIGN: u8 = 0xF0;
const TONE: u8 = 0x10;
const SMALL: u8 = 0x10;
const CAPITAL: u8 = 0x11;

/// 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
fn tone_of(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(1),
        '\u{301}' => Some(2),
        '\u{309}' => Some(3),
        '\u{303}' => Some(4),
        '\u{323}' => Some(5),
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

fn push_primary(base: char, out: &mut Vec<u8>) {
    if base.is_ascii_digit() {
        out.push(DIGIT + (base as u8 - b'0'));
    } else if let Some(i) = ALPHABET.iter().position(|&c| c == base) {
        out.push(LETTER + i as u8);
    } else {
        // Seven bits at a time with the high bit set: order-preserving, never low.
        let cp = base as u32;
        out.push(FOREIGN);
        out.extend([14, 7, 0].map(|shift| 0x80 | ((cp >> shift) & 0x7F) as u8));
    }
}

enum Unit {
    /// A space between words.
    Gap,
    /// Punctuation: ignored, but it ends a syllable.
    Other,
    Letter {
        base: char,
        tone: u8,
        capital: bool,
    },
}

/// Splits cleaned text into letters (with base, tone and case), gaps and punctuation.
fn units(cleaned: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(cleaned.len());
    for c in cleaned.nfd() {
        if is_combining_mark(c) {
            if let Some(Unit::Letter { base, tone, .. }) = out.last_mut() {
                if let Some(t) = tone_of(c) {
                    if *tone == 0 {
                        *tone = t;
                    }
                } else if let Some(m) = modified(*base, c) {
                    *base = m;
                }
            }
            continue;
        }
        if c.is_whitespace() {
            out.push(Unit::Gap);
            continue;
        }
        let base = match c {
            'Đ' | 'Ð' | 'ð' => 'đ',
            _ => c.to_lowercase().next().unwrap_or(c),
        };
        out.push(if base.is_alphanumeric() {
            Unit::Letter {
                base,
                tone: 0,
                capital: c.is_uppercase(),
            }
        } else {
            Unit::Other
        });
    }
    out
}

/// A byte key whose byte order is the Vietnamese order (see the module documentation).
pub fn key(s: &str) -> Vec<u8> {
    let cleaned = text::clean(s);
    let mut primary = Vec::with_capacity(cleaned.len());
    let mut tones = Vec::new();
    let mut cases = Vec::with_capacity(cleaned.len());
    let mut gap_due = false;
    let mut syllable: Option<u8> = None;
    for unit in units(&cleaned) {
        match unit {
            Unit::Gap | Unit::Other => {
                if let Some(t) = syllable.take() {
                    tones.push(TONE + t);
                }
                if matches!(unit, Unit::Gap) && !primary.is_empty() {
                    gap_due = true;
                }
            }
            Unit::Letter {
                base,
                tone,
                capital,
            } => {
                if gap_due {
                    primary.push(WORD_GAP);
                    gap_due = false;
                }
                push_primary(base, &mut primary);
                syllable = Some(match syllable {
                    None | Some(0) => tone,
                    Some(t) => t,
                });
                cases.push(if capital { CAPITAL } else { SMALL });
            }
        }
    }
    if let Some(t) = syllable {
        tones.push(TONE + t);
    }
    let mut k = primary;
    k.reserve(tones.len() + cases.len() + cleaned.len() + 3);
    k.push(LEVEL_GAP);
    k.extend(tones);
    k.push(LEVEL_GAP);
    k.extend(cases);
    k.push(LEVEL_GAP);
    k.extend(cleaned.bytes());
    k
}

/// Finds the given name among the words of the full name (the last occurrence, compared
/// without accents, case or apostrophe style) and returns it with the other words.
/// An empty given name means the last word; one not found is taken as typed.
fn split_off_given<'a>(words: &[&'a str], given: &str) -> (String, Vec<&'a str>) {
    if given.is_empty() {
        return match words.split_last() {
            Some((last, rest)) => ((*last).to_string(), rest.to_vec()),
            None => (String::new(), Vec::new()),
        };
    }
    let wanted: Vec<String> = given.split(' ').map(text::fold).collect();
    let folded: Vec<String> = words.iter().map(|w| text::fold(w)).collect();
    match folded
        .windows(wanted.len())
        .rposition(|w| w == wanted.as_slice())
    {
        Some(p) => {
            let end = p + wanted.len();
            let mut rest = words[..p].to_vec();
            rest.extend_from_slice(&words[end..]);
            (words[p..end].join(" "), rest)
        }
        None => (given.to_string(), words.to_vec()),
    }
}

/// Sorts people by given name, then middle names, then family name; each part is
/// compared completely (letters, tones, case) before the next, and the whole name last,
/// so different names never tie. The given name is the last word unless `given_name`
/// says otherwise (`Ksor H'Thoan` / `H'Thoan`); family = the first of the other words,
/// middle = the rest.
pub fn person_key(full_name: &str, given_name: &str) -> Vec<u8> {
    let full = text::clean(full_name);
    let words: Vec<&str> = full.split(' ').filter(|w| !w.is_empty()).collect();
    let (given, rest) = split_off_given(&words, &text::clean(given_name));
    let (family, middle) = match rest.split_first() {
        Some((f, m)) => ((*f).to_string(), m.join(" ")),
        None => (String::new(), String::new()),
    };
    let mut k = key(&given);
    for part in [&middle, &family, &full] {
        k.push(PART_GAP);
        k.extend(key(part));
    }
    k
}

/// Vietnamese order of two strings.
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

    fn nfd(s: &str) -> String {
        s.nfd().collect()
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
    fn every_letter_in_its_place() {
        let letters: Vec<String> = ALPHABET.iter().map(|c| c.to_string()).collect();
        let mut shuffled: Vec<&str> = letters.iter().map(String::as_str).rev().collect();
        shuffled.rotate_left(11);
        assert_eq!(sorted(&shuffled), letters);
        let capitals: Vec<String> = letters.iter().map(|s| s.to_uppercase()).collect();
        let mut shuffled: Vec<&str> = capitals.iter().map(String::as_str).rev().collect();
        shuffled.rotate_left(5);
        assert_eq!(sorted(&shuffled), capitals);
    }

    #[test]
    fn foreign_names_take_their_latin_places() {
        assert_eq!(
            sorted(&[
                "Zô", "Wang", "John", "Fanny", "Yến", "Gấm", "Kim", "Vân", "Xuân", "Êban"
            ]),
            [
                "Êban", "Fanny", "Gấm", "John", "Kim", "Vân", "Wang", "Xuân", "Yến", "Zô"
            ]
        );
        // Other scripts after every Latin letter; a letter with an unknown mark (ç, ü)
        // sorts as its base letter.
        assert_eq!(sorted(&["Ωmega", "Zô", "Çam"]), ["Çam", "Zô", "Ωmega"]);
        assert_eq!(sorted(&["Müller", "Mun", "Mua"]), ["Mua", "Müller", "Mun"]);
    }

    #[test]
    fn tone_order_is_none_huyen_sac_hoi_nga_nang() {
        assert_eq!(
            sorted(&["mạ", "mã", "mả", "má", "mà", "ma"]),
            ["ma", "mà", "má", "mả", "mã", "mạ"]
        );
        assert_eq!(
            sorted(&["Việt", "Viết", "Viềt", "Viêt", "Viễt", "Viểt"]),
            ["Viêt", "Viềt", "Viết", "Viểt", "Viễt", "Việt"]
        );
    }

    #[test]
    fn base_letters_beat_tones_over_the_whole_word() {
        // The second letter's base decides before the first letter's tone.
        assert_eq!(sorted(&["ăa", "ác"]), ["ác", "ăa"]);
        assert_eq!(sorted(&["mạc", "mà", "mac"]), ["mà", "mac", "mạc"]);
        // Over several words, too: tones count only when all letters are equal.
        assert_eq!(
            sorted(&["Hà Nội", "Ha Nôi", "Hạ Nôi"]),
            ["Ha Nôi", "Hà Nội", "Hạ Nôi"]
        );
    }

    #[test]
    fn tone_belongs_to_the_syllable() {
        // Old and new accent placement: all huyền before all sắc.
        let s = sorted(&["Hoá", "Hòa", "Hóa", "Hoà", "Hoa", "Hoạ"]);
        assert_eq!(s[0], "Hoa");
        assert!(s[1..3].contains(&"Hòa".into()) && s[1..3].contains(&"Hoà".into()));
        assert!(s[3..5].contains(&"Hóa".into()) && s[3..5].contains(&"Hoá".into()));
        assert_eq!(s[5], "Hoạ");
        assert_eq!(sorted(&["Thuỷ", "Thúy"]), ["Thúy", "Thuỷ"]);
        // Equal at the first three levels, still different keys.
        assert_ne!(key("Hoà"), key("Hòa"));
        assert_eq!(compare("Hoà", "Hoà"), Ordering::Equal);
    }

    #[test]
    fn case_is_the_third_level() {
        assert_eq!(compare("an", "An"), Ordering::Less);
        // A tone outweighs case, and letters outweigh both.
        assert_eq!(sorted(&["àn", "An", "an"]), ["an", "An", "àn"]);
        assert_eq!(sorted(&["AN", "anh", "An"]), ["An", "AN", "anh"]);
    }

    #[test]
    fn nfd_and_nfc_sort_the_same() {
        for s in [
            "Nguyễn Thị Bích Ngọc",
            "Đặng Hữu Ước",
            "Ksor H'Thoan",
            "Phượng",
            "Ỷ",
        ] {
            assert_eq!(key(&nfd(s)), key(s), "{s}");
        }
        // Marks in a non-canonical order, and half-composed letters.
        assert_eq!(key("Nguye\u{303}\u{302}n"), key("Nguyễn"));
        assert_eq!(key("Nguyê\u{303}n"), key("Nguyễn"));
        assert_eq!(key("Ngu\u{31b}o\u{31b}\u{323}c"), key("Ngược"));
    }

    #[test]
    fn spacing_and_invisible_characters_do_not_count() {
        assert_eq!(key("  An \u{a0} Bình\t"), key("An Bình"));
        assert_eq!(key("Ng\u{200b}ọc"), key("Ngọc"));
        assert_eq!(key(""), key("  "));
    }

    #[test]
    fn lookalike_eth_sorts_as_d_bar() {
        assert_eq!(
            sorted(&["Em", "\u{d0}ạt", "Dũng", "Đào"]),
            ["Dũng", "Đào", "\u{d0}ạt", "Em"]
        );
    }

    #[test]
    fn prefixes_and_digits_come_first() {
        assert_eq!(sorted(&["Anh", "An", "10", "2"]), ["10", "2", "An", "Anh"]);
        assert_eq!(
            sorted(&["Anh", "An Bình", "An", ""]),
            ["", "An", "An Bình", "Anh"]
        );
        assert_eq!(
            sorted(&["Thôn 2", "Thôn", "Thôn A"]),
            ["Thôn", "Thôn 2", "Thôn A"]
        );
    }

    #[test]
    fn punctuation_is_ignored_at_the_first_level() {
        assert_eq!(sorted(&["Hu", "H'Thoan", "Hoa"]), ["Hoa", "H'Thoan", "Hu"]);
        assert_eq!(sorted(&["Marx", "Ma-ri", "Mai"]), ["Mai", "Ma-ri", "Marx"]);
        assert_eq!(sorted(&["Ân", "(An)", "Anh"]), ["(An)", "Anh", "Ân"]);
        // Different strings never tie.
        assert_ne!(key("H'Thoan"), key("HThoan"));
        assert_ne!(key("H'Thoan"), key("H’Thoan"));
    }

    #[test]
    fn key_bytes_respect_the_separator_contract() {
        for s in ["Ωmega Ā", "Nguyễn 12", "Ksor H'Thoan", "Zô-ê", "ø"] {
            let k = key(s);
            let gaps: Vec<usize> = (0..k.len()).filter(|&i| k[i] == LEVEL_GAP).collect();
            assert_eq!(gaps.len(), 3, "{s}: {k:?}");
            assert!(!k.contains(&PART_GAP), "{s}");
        }
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
    fn each_part_is_compared_completely_before_the_next() {
        // The given name's tone outweighs the middle and family names.
        assert_eq!(
            people(&[("An Ánh", ""), ("Vũ Văn Anh", "")]),
            ["Vũ Văn Anh", "An Ánh"]
        );
        // The middle name's tone outweighs the family name's letters.
        assert_eq!(
            people(&[("Anh Thị Hoa", ""), ("Lê Thi Hoa", "")]),
            ["Lê Thi Hoa", "Anh Thị Hoa"]
        );
        // Case of the given name only after everything else is equal in it.
        assert_eq!(
            people(&[("Lê Văn an", ""), ("Lê Văn An", "")]),
            ["Lê Văn an", "Lê Văn An"]
        );
    }

    #[test]
    fn given_name_that_is_not_the_last_word() {
        // Ê Đê names may put the family last: "Y Bhin Niê", given name "Bhin".
        assert_eq!(
            people(&[
                ("Nguyễn Văn Cường", ""),
                ("Y Bhin Niê", "Bhin"),
                ("Ksor H'Thoan", "H'Thoan")
            ]),
            ["Y Bhin Niê", "Nguyễn Văn Cường", "Ksor H'Thoan"]
        );
        // Typed with another case or apostrophe: still found in the full name.
        assert_eq!(
            person_key("Ksor H’Thoan", "h'thoan"),
            person_key("Ksor H’Thoan", "")
        );
        // A given name of two words.
        assert_eq!(
            people(&[("Nguyễn Thị Bích Ngọc", "Bích Ngọc"), ("Lê Thị Cúc", "")]),
            ["Nguyễn Thị Bích Ngọc", "Lê Thị Cúc"]
        );
        // Not in the full name at all: sorts by what was typed, without panicking.
        assert_eq!(
            people(&[("Lê Văn Tám", "Út"), ("Lê Văn Tám", "")]),
            ["Lê Văn Tám", "Lê Văn Tám"]
        );
        assert!(person_key("Lê Văn Tám", "Út") > person_key("Lê Văn Tám", ""));
    }

    #[test]
    fn shorter_given_name_first() {
        assert_eq!(
            people(&[("Lê Anh", ""), ("Trần An", ""), ("Trần An Bình", "An")]),
            ["Trần An", "Trần An Bình", "Lê Anh"]
        );
    }

    #[test]
    fn people_nfd_and_spacing_sort_identically() {
        let a = "Nguyễn Thị Bích Ngọc";
        assert_eq!(person_key(&nfd(a), ""), person_key(a, ""));
        assert_eq!(person_key(&format!("  {a}\u{a0}"), ""), person_key(a, ""));
        assert_eq!(
            person_key(&nfd("Ksor H'Thoan"), &nfd("H'Thoan")),
            person_key("Ksor H'Thoan", "H'Thoan")
        );
    }

    #[test]
    fn equal_parts_still_compare_deterministically() {
        // Same letters, tones and case in every part; the whole name decides.
        let a = person_key("Lê Văn Hoà", "");
        let b = person_key("Lê Văn Hòa", "");
        assert_ne!(a, b);
        assert_eq!(a.cmp(&b), compare("Lê Văn Hoà", "Lê Văn Hòa"));
        // Nobody's key is empty; a foreign initial stays below people.rs's slot byte.
        assert!(!person_key("", "").is_empty());
        assert_eq!(person_key("Ωmega", "")[0], FOREIGN);
    }
}
