//! The window's words for what the program ships in Vietnamese: the usual activity
//! kinds, the preset's indicators and their units, periods, place kinds, and counts
//! with their plural forms. What the clerk typed (a kind of their own, names of people
//! and places) is shown as typed.

use std::borrow::Cow;

use crate::domain::Lang;
use crate::domain::activity::DEFAULT_TYPES;

/// The usual activity kinds in English, in the order of [`DEFAULT_TYPES`].
const KINDS_EN: [&str; 9] = [
    "Information meetings with residents",
    "Guidance at home (household by household)",
    "Training classes",
    "Help with online public services",
    "Help with electronic identification (VNeID)",
    "Help with electronic payment",
    "Products put on e-commerce platforms",
    "Team meeting",
    "Other",
];

/// The preset's indicators in English.
const INDICATORS_EN: [(&str, &str); 5] = [
    (
        "Hộ gia đình có tài khoản thanh toán điện tử hoặc ví điện tử",
        "Households with an electronic payment account or e-wallet",
    ),
    (
        "Sản phẩm OCOP được đưa lên sàn thương mại điện tử",
        "OCOP products on e-commerce platforms",
    ),
    (
        "Người trong độ tuổi lao động có định danh điện tử dùng trong thủ tục",
        "Working-age people using electronic identification in procedures",
    ),
    (
        "Người từ 15 tuổi có điện thoại thông minh và ứng dụng thiết yếu (VNeID, sổ sức khỏe điện tử, VssID)",
        "People aged 15 and over with a smartphone and the essential apps (VNeID, e-health book, VssID)",
    ),
    (
        "Người được hướng dẫn sử dụng dịch vụ công trực tuyến",
        "People guided in using online public services",
    ),
];

/// Units: Vietnamese, English singular, English plural.
const UNITS: [(&str, &str, &str); 6] = [
    ("hộ", "household", "households"),
    ("người", "person", "people"),
    ("lượt người", "person-visit", "person-visits"),
    ("lượt hộ gia đình", "household visit", "household visits"),
    ("sản phẩm", "product", "products"),
    ("%", "%", "%"),
];

/// An activity kind as the window shows it: a usual kind in the interface's language,
/// a kind the commune added as typed.
pub fn kind(l: Lang, name: &str) -> Cow<'_, str> {
    match l {
        Lang::Vi => Cow::Borrowed(name),
        Lang::En => DEFAULT_TYPES
            .iter()
            .position(|k| *k == name)
            .map_or(Cow::Borrowed(name), |i| Cow::Borrowed(KINDS_EN[i])),
    }
}

/// An indicator's name in the interface's language (one the commune added: as typed).
pub fn indicator(l: Lang, name: &str) -> Cow<'_, str> {
    match l {
        Lang::Vi => Cow::Borrowed(name),
        Lang::En => INDICATORS_EN
            .iter()
            .find(|(vi, _)| *vi == name)
            .map_or(Cow::Borrowed(name), |(_, en)| Cow::Borrowed(*en)),
    }
}

/// A unit for `n` of it: Vietnamese has no plural; English has.
pub fn unit(l: Lang, unit: &str, n: i64) -> Cow<'_, str> {
    match l {
        Lang::Vi => Cow::Borrowed(unit),
        Lang::En => UNITS
            .iter()
            .find(|(vi, _, _)| *vi == unit)
            .map_or(Cow::Borrowed(unit), |(_, one, many)| {
                Cow::Borrowed(if n == 1 { *one } else { *many })
            }),
    }
}

/// `n` and its noun: `1 activity`, `2 activities`; `2 hoạt động`.
pub fn count(l: Lang, n: i64, one: &str, many: &str) -> String {
    match l {
        Lang::Vi => format!("{n} {one}"),
        Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A period's Vietnamese label (`tháng 10 năm 2026`, `quý III năm 2026`, `6 tháng đầu
/// năm 2026`, `năm 2026`) in the interface's language: `October 2026`, `Q3 2026`,
/// `first half of 2026`, `2026`.
pub fn period(l: Lang, label: &str) -> Cow<'_, str> {
    if l == Lang::Vi {
        return Cow::Borrowed(label);
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let en = match words.as_slice() {
        ["tháng", m, "năm", y] => m
            .parse::<usize>()
            .ok()
            .and_then(|m| MONTHS_EN.get(m.wrapping_sub(1)))
            .map(|m| format!("{m} {y}")),
        ["quý", q, "năm", y] => ["I", "II", "III", "IV"]
            .iter()
            .position(|r| r == q)
            .map(|i| format!("Q{} {y}", i + 1)),
        ["6", "tháng", "đầu", "năm", y] => Some(format!("first half of {y}")),
        ["6", "tháng", "cuối", "năm", y] => Some(format!("second half of {y}")),
        ["năm", y] => Some((*y).to_string()),
        _ => None,
    };
    en.map_or(Cow::Borrowed(label), Cow::Owned)
}

/// A report's scope as the office names it (`Báo cáo của UBND xã Đắk Nia`): in
/// English, `Report of the People's Committee of xã Đắk Nia`; a team by its name.
pub fn report_scope(l: Lang, name: &str) -> String {
    match (l, name.strip_prefix("Báo cáo của UBND ")) {
        (Lang::En, Some(place)) => format!("Report of the People's Committee of {place}"),
        _ => name.to_string(),
    }
}

/// A place kind word (`thành phố`, `xã`, `thị trấn`…) in the interface's language.
pub fn place_kind(l: Lang, word: &str) -> Cow<'_, str> {
    const EN: [(&str, &str); 11] = [
        ("tỉnh", "Province"),
        ("thành phố", "City"),
        ("huyện", "District"),
        ("thị xã", "Town"),
        ("quận", "Urban district"),
        ("xã", "Commune"),
        ("phường", "Ward"),
        ("thị trấn", "Township"),
        ("đặc khu", "Special zone"),
        ("thôn", "Village"),
        ("tổ dân phố", "Residential group"),
    ];
    let lower = word.to_lowercase();
    match l {
        Lang::Vi => Cow::Owned(crate::domain::place::capitalise_first(word)),
        Lang::En => EN
            .iter()
            .find(|(vi, _)| *vi == lower)
            .map_or(Cow::Borrowed(word), |(_, en)| Cow::Borrowed(*en)),
    }
}

/// A team in a drop-down: `Tổ CNSCĐ buôn Sút M'đưr` for `Tổ công nghệ số cộng đồng buôn
/// Sút M'đưr` (the abbreviation the offices write), so the place that tells the teams
/// apart fits the list; a name of the commune's own making as it is.
/// A team's name is the team's in either language, as the other names of places and
/// people are.
pub fn team(name: &str) -> Cow<'_, str> {
    match name
        .strip_prefix(crate::domain::team::TEAM_WORDS)
        .filter(|rest| rest.starts_with(' '))
    {
        Some(rest) => Cow::Owned(format!("Tổ CNSCĐ{rest}")),
        None => Cow::Borrowed(name),
    }
}

/// Kind words a place's name starts with, and their English, longest first.
const PLACE_KINDS_EN: [(&str, &str); 19] = [
    ("tổ dân phố", "Residential Group"),
    ("thành phố", "City"),
    ("thị trấn", "Township"),
    ("khu phố", "Quarter"),
    ("đặc khu", "Special Zone"),
    ("thị xã", "Town"),
    ("phường", "Ward"),
    ("huyện", "District"),
    ("quận", "Urban District"),
    ("tỉnh", "Province"),
    ("thôn", "Village"),
    ("buôn", "Village"),
    ("làng", "Village"),
    ("bon", "Village"),
    ("bản", "Village"),
    ("sóc", "Village"),
    ("xóm", "Hamlet"),
    ("ấp", "Hamlet"),
    ("xã", "Commune"),
];

/// A place as the window names it: `xã Cư M'gar` is `Cư M'gar Commune` in English,
/// `thôn 1` `Village 1`; a list (`buôn Ea Kmar, thôn 1`) place by place. A name without a
/// kind word is shown as written.
pub fn place(l: Lang, name: &str) -> Cow<'_, str> {
    if l == Lang::Vi {
        return Cow::Borrowed(name);
    }
    let one = |part: &str| -> String {
        let part = part.trim();
        let lower = part.to_lowercase();
        for (vi, en) in PLACE_KINDS_EN {
            if let Some(rest) = lower.strip_prefix(vi)
                && rest.starts_with(' ')
            {
                let proper = part[part.len() - rest.len()..].trim();
                return if proper.starts_with(|c: char| c.is_ascii_digit()) {
                    format!("{en} {proper}")
                } else {
                    format!("{proper} {en}")
                };
            }
        }
        part.to_string()
    };
    Cow::Owned(name.split(',').map(one).collect::<Vec<_>>().join(", "))
}

/// The committee's name (`UBND xã Cư M'gar`): `People's Committee of Cư M'gar Commune`.
pub fn committee(l: Lang, name: &str) -> Cow<'_, str> {
    let place_of = name
        .strip_prefix("UBND ")
        .or_else(|| name.strip_prefix("Ủy ban nhân dân "));
    match (l, place_of) {
        (Lang::En, Some(p)) => Cow::Owned(format!("People's Committee of {}", place(l, p))),
        _ => Cow::Borrowed(name),
    }
}

/// A document's reference (`112/QĐ-UBND ngày 10/11/2026`): `112/QĐ-UBND of
/// 10/11/2026` in English (the number itself is the document's, in any language).
pub fn reference(l: Lang, r: &str) -> Cow<'_, str> {
    match l {
        Lang::En if r.contains(" ngày ") => Cow::Owned(r.replacen(" ngày ", " of ", 1)),
        _ => Cow::Borrowed(r),
    }
}

/// A figure written the Vietnamese way (`1.234,5`, `74,75 %`) as the interface's
/// language writes it: `1,234.5`, `74.75%` in English.
pub fn figure(l: Lang, vi: &str) -> Cow<'_, str> {
    if l == Lang::Vi || !vi.contains(['.', ',', '%']) {
        return Cow::Borrowed(vi);
    }
    let swapped: String = vi
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect();
    Cow::Owned(swapped.replace(" %", "%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_for_what_ships_in_vietnamese() {
        assert_eq!(period(Lang::En, "tháng 10 năm 2026"), "October 2026");
        assert_eq!(period(Lang::En, "quý III năm 2026"), "Q3 2026");
        assert_eq!(period(Lang::Vi, "tháng 10 năm 2026"), "tháng 10 năm 2026");
        assert_eq!(count(Lang::En, 1, "activity", "activities"), "1 activity");
        assert_eq!(count(Lang::En, 2, "activity", "activities"), "2 activities");
        assert_eq!(unit(Lang::En, "người", 8), "people");
        assert_eq!(unit(Lang::En, "người", 1), "person");
        assert_eq!(unit(Lang::Vi, "người", 8), "người");
        assert_eq!(kind(Lang::En, "Khác"), "Other");
        assert_eq!(kind(Lang::En, "Kind of our own"), "Kind of our own");
        assert_eq!(place_kind(Lang::En, "thành phố"), "City");
        assert_eq!(place_kind(Lang::Vi, "xã"), "Xã");
        assert_eq!(KINDS_EN.len(), DEFAULT_TYPES.len());
    }

    #[test]
    fn places_references_and_figures_in_english() {
        assert_eq!(place(Lang::En, "xã Cư M'gar"), "Cư M'gar Commune");
        assert_eq!(
            place(Lang::En, "buôn Ea Kmar, thôn 1"),
            "Ea Kmar Village, Village 1"
        );
        assert_eq!(place(Lang::En, "Tổ dân phố 3"), "Residential Group 3");
        assert_eq!(place(Lang::En, "Xuân Phú"), "Xuân Phú");
        assert_eq!(place(Lang::Vi, "xã Cư M'gar"), "xã Cư M'gar");
        assert_eq!(
            committee(Lang::En, "UBND xã Cư M'gar"),
            "People's Committee of Cư M'gar Commune"
        );
        assert_eq!(committee(Lang::Vi, "UBND xã Cư M'gar"), "UBND xã Cư M'gar");
        assert_eq!(
            reference(Lang::En, "112/QĐ-UBND ngày 10/11/2026"),
            "112/QĐ-UBND of 10/11/2026"
        );
        assert_eq!(figure(Lang::En, "30,00 %"), "30.00%");
        assert_eq!(figure(Lang::En, "1.234,5"), "1,234.5");
        assert_eq!(figure(Lang::Vi, "30,00 %"), "30,00 %");
        assert_eq!(figure(Lang::En, "—"), "—");
    }
}
