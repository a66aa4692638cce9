//! The official list of commune-level units of the 2025 arrangement: the 34 provinces
//! and their 3,321 xã, phường and đặc khu, with the statistics office's codes. Shipped
//! with the program (`assets/units/`, its source and date in `SOURCE.md` beside it);
//! nothing is fetched at run time. Searched without accents, and without apostrophes
//! (`cu mgar` finds `Xã Cư M’gar`; ’ and ' are one).

use std::sync::OnceLock;

use super::place::CommuneKind;
use super::text::fold;

/// The list as shipped: `province_code, province_kind, province_name, code, kind, name`.
const DATA: &str = include_str!("../../assets/units/don-vi-hanh-chinh-2025.tsv");

/// The arrangement the list is of.
pub const LIST_NAME: &str = "Danh mục đơn vị hành chính 2025 (34 tỉnh, thành phố)";

/// A commune-level unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The statistics office's code.
    pub code: u32,
    pub kind: CommuneKind,
    /// The name without its kind: `Cư M’gar`.
    pub name: &'static str,
    /// As the list writes it: `Xã Cư M’gar`.
    pub full_name: &'static str,
    pub province_code: u32,
    /// The province without its kind word, as the commune's details keep it: `Đắk Lắk`,
    /// `Hà Nội`.
    pub province: &'static str,
    /// As the list writes it: `Đắk Lắk`, `Thành phố Hà Nội`.
    pub province_full: &'static str,
    folded: String,
}

/// Folded for matching: accents, case and apostrophes dropped.
pub fn key(s: &str) -> String {
    fold(s).replace('\'', "")
}

fn strip_kind<'a>(name: &'a str, words: &[&str]) -> &'a str {
    for w in words {
        if let Some(rest) = name.strip_prefix(w) {
            return rest.trim_start();
        }
    }
    name
}

/// Every unit, in the order of their codes within their provinces.
pub fn all() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                let [pcode, _pkind, pname, code, kind, name] = f[..] else {
                    return None;
                };
                let kind = match kind {
                    "xa" => CommuneKind::Xa,
                    "phuong" => CommuneKind::Phuong,
                    "dac_khu" => CommuneKind::DacKhu,
                    _ => return None,
                };
                let bare = strip_kind(name, &["Xã", "Phường", "Đặc khu"]);
                let province = strip_kind(pname, &["Thành phố", "Tỉnh"]);
                Some(Unit {
                    code: code.parse().ok()?,
                    kind,
                    name: bare,
                    full_name: name,
                    province_code: pcode.parse().ok()?,
                    province,
                    province_full: pname,
                    folded: key(&format!("{name} {pname}")),
                })
            })
            .collect()
    })
}

/// The unit of a code.
pub fn by_code(code: u32) -> Option<&'static Unit> {
    all().iter().find(|u| u.code == code)
}

/// The units whose name and province hold every word typed (accents, case and
/// apostrophes aside), those whose name starts with the words first; at most `limit`.
pub fn search(typed: &str, limit: usize) -> Vec<&'static Unit> {
    let q = key(typed);
    let words: Vec<&str> = q.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, &'static Unit)> = all()
        .iter()
        .filter(|u| {
            words
                .iter()
                .all(|w| u.folded.split(' ').any(|x| x.starts_with(w)))
        })
        .map(|u| (key(u.name).starts_with(&q), u))
        .collect();
    found.sort_by_key(|(first, u)| (!first, u.province_code, u.code));
    found.into_iter().take(limit).map(|(_, u)| u).collect()
}

/// The provinces: (code, name as the list writes it), by code.
pub fn provinces() -> Vec<(u32, &'static str)> {
    let mut out: Vec<(u32, &'static str)> = Vec::new();
    for u in all() {
        if out.last().is_none_or(|(c, _)| *c != u.province_code) {
            out.push((u.province_code, u.province_full));
        }
    }
    out.sort_by_key(|(c, _)| *c);
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_34_provinces_and_3321_units_of_2025() {
        assert_eq!(all().len(), 3321);
        assert_eq!(provinces().len(), 34);
        let count = |k: CommuneKind| all().iter().filter(|u| u.kind == k).count();
        assert_eq!(count(CommuneKind::Xa), 2621);
        assert_eq!(count(CommuneKind::Phuong), 687);
        assert_eq!(count(CommuneKind::DacKhu), 13);
        let per = |p: &str| all().iter().filter(|u| u.province_full == p).count();
        assert_eq!(per("Thành phố Hồ Chí Minh"), 168);
        assert_eq!(per("Thanh Hóa"), 166);
        assert_eq!(per("Lai Châu"), 38);
        // Every code is one unit's.
        let mut codes: Vec<u32> = all().iter().map(|u| u.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 3321);
    }

    #[test]
    fn search_ignores_accents_case_and_apostrophes() {
        let found = search("cu mgar", 5);
        assert_eq!(found[0].full_name, "Xã Cư M’gar");
        assert_eq!(found[0].province, "Đắk Lắk");
        assert_eq!(found[0].name, "Cư M’gar");
        // The typed apostrophe and the typographic one are one.
        assert_eq!(search("Cư M'gar", 5)[0].code, found[0].code);
        assert_eq!(search("CU M’GAR", 5)[0].code, found[0].code);
        // A province narrows it; a city keeps its name bare for the details.
        let hk = search("hoan kiem ha noi", 5);
        assert_eq!(hk[0].full_name, "Phường Hoàn Kiếm");
        assert_eq!(hk[0].province, "Hà Nội");
        assert_eq!(by_code(hk[0].code), Some(hk[0]));
        assert!(search("", 5).is_empty());
        assert!(search("khong co dau ca", 5).is_empty());
    }
}
