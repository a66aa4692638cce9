//! Places: the province, the (optional, abolished since 1 July 2025) district, the
//! commune and its villages.

use serde::{Deserialize, Serialize};

use super::text;

/// Folds a typed kind (`thi-xa`, `thị xã`, `Thi_Xa`) to compare with codes and words.
fn fold_kind(typed: &str) -> String {
    text::fold(typed)
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

fn parse_kind<K: Copy>(
    typed: &str,
    all: &[K],
    code: fn(K) -> &'static str,
    word: fn(K) -> &'static str,
) -> Option<K> {
    let f = fold_kind(typed);
    all.iter()
        .copied()
        .find(|k| f == code(*k) || f == fold_kind(word(*k)))
}

/// The kind of commune-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommuneKind {
    Xa,
    Phuong,
    ThiTran,
    DacKhu,
}

impl CommuneKind {
    pub const ALL: [Self; 4] = [Self::Xa, Self::Phuong, Self::ThiTran, Self::DacKhu];

    /// The word as written before the name, lower case: `xã`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Xa => "xã",
            Self::Phuong => "phường",
            Self::ThiTran => "thị trấn",
            Self::DacKhu => "đặc khu",
        }
    }

    /// Stable code used in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Xa => "xa",
            Self::Phuong => "phuong",
            Self::ThiTran => "thi_tran",
            Self::DacKhu => "dac_khu",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Reads a code or a word as typed: `thi-tran`, `thị trấn`, `phuong`.
    pub fn parse(typed: &str) -> Option<Self> {
        parse_kind(typed, &Self::ALL, Self::code, Self::word)
    }
}

/// The kind of district (before 1 July 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DistrictKind {
    Huyen,
    ThiXa,
    ThanhPho,
    Quan,
}

impl DistrictKind {
    pub const ALL: [Self; 4] = [Self::Huyen, Self::ThiXa, Self::ThanhPho, Self::Quan];

    pub fn word(self) -> &'static str {
        match self {
            Self::Huyen => "huyện",
            Self::ThiXa => "thị xã",
            Self::ThanhPho => "thành phố",
            Self::Quan => "quận",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Huyen => "huyen",
            Self::ThiXa => "thi_xa",
            Self::ThanhPho => "thanh_pho",
            Self::Quan => "quan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Reads a code or a word as typed: `thi-xa`, `thành phố`, `huyen`.
    pub fn parse(typed: &str) -> Option<Self> {
        parse_kind(typed, &Self::ALL, Self::code, Self::word)
    }

    /// `Huyện`, `Thị xã`, `Thành phố`, `Quận`: the label of the district's line.
    pub fn label(self) -> String {
        capitalise_first(self.word())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    pub kind: DistrictKind,
    pub name: String,
}

/// A commune (xã, phường, thị trấn, đặc khu) and the people who sign for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub id: i64,
    pub province: String,
    /// `None` for communes set up after the two-level reform: never printed empty.
    pub district: Option<District>,
    pub kind: CommuneKind,
    pub name: String,
    /// The place written before the date line (`Đắk Nia, ngày …`).
    pub place_name: String,
    pub chairman: String,
    pub vice_chairmen: Vec<String>,
    /// The code of the rule preset the commune follows.
    pub preset: String,
    /// The kinds of its active villages, in the order of [`VillageKind::ALL`] (read
    /// with the commune, for the documents' wording: `thôn, bon`).
    #[serde(default)]
    pub village_kinds: Vec<VillageKind>,
}

impl Commune {
    /// `xã Đắk Nia`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.word(), self.name)
    }

    /// `Ủy ban nhân dân xã Đắk Nia`.
    pub fn committee_name(&self) -> String {
        format!("Ủy ban nhân dân {}", self.full_name())
    }

    /// `ỦY BAN NHÂN DÂN XÃ ĐẮK NIA`.
    pub fn committee_name_upper(&self) -> String {
        self.committee_name().to_uppercase()
    }

    /// The words of its village kinds as a list: `thôn, tổ dân phố`; `khu dân cư` while
    /// it has no village.
    pub fn village_words(&self) -> String {
        let words: Vec<&str> = VillageKind::ALL
            .into_iter()
            .filter(|k| self.village_kinds.contains(k))
            .map(VillageKind::word)
            .collect();
        if words.is_empty() {
            "khu dân cư".into()
        } else {
            words.join(", ")
        }
    }

    /// `tỉnh Đắk Nông`, or `thành phố Hà Nội` for a centrally-run city.
    pub fn province_full_name(&self) -> String {
        province_full_name(&self.province)
    }

    /// `thành phố Gia Nghĩa, tỉnh Đắk Nông` or only `tỉnh Đắk Nông`: never an empty district.
    pub fn where_line(&self) -> String {
        match &self.district {
            Some(d) => format!(
                "{} {}, {}",
                d.kind.word(),
                d.name,
                self.province_full_name()
            ),
            None => self.province_full_name(),
        }
    }
}

/// The centrally-run cities (thành phố trực thuộc trung ương), folded.
const CENTRAL_CITIES: [&str; 6] = [
    "ha noi",
    "ho chi minh",
    "hai phong",
    "da nang",
    "can tho",
    "hue",
];

/// `tỉnh Đắk Nông`; `thành phố Hà Nội` for a centrally-run city (or one typed with
/// `thành phố`).
pub fn province_full_name(province: &str) -> String {
    let p = text::clean(province);
    let folded = text::fold(&p);
    if let Some(rest) = folded.strip_prefix("thanh pho ") {
        let skip = p.chars().count() - rest.chars().count();
        return format!("thành phố {}", p.chars().skip(skip).collect::<String>());
    }
    if CENTRAL_CITIES.contains(&folded.as_str()) {
        format!("thành phố {p}")
    } else {
        format!("tỉnh {p}")
    }
}

/// The kind of village-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VillageKind {
    Thon,
    Ap,
    Ban,
    Bon,
    Buon,
    Lang,
    KhuPho,
    ToDanPho,
}

impl VillageKind {
    pub const ALL: [Self; 8] = [
        Self::Thon,
        Self::Ap,
        Self::Ban,
        Self::Bon,
        Self::Buon,
        Self::Lang,
        Self::KhuPho,
        Self::ToDanPho,
    ];

    pub fn word(self) -> &'static str {
        match self {
            Self::Thon => "thôn",
            Self::Ap => "ấp",
            Self::Ban => "bản",
            Self::Bon => "bon",
            Self::Buon => "buôn",
            Self::Lang => "làng",
            Self::KhuPho => "khu phố",
            Self::ToDanPho => "tổ dân phố",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Thon => "thon",
            Self::Ap => "ap",
            Self::Ban => "ban",
            Self::Bon => "bon",
            Self::Buon => "buon",
            Self::Lang => "lang",
            Self::KhuPho => "khu_pho",
            Self::ToDanPho => "to_dan_pho",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Reads a code or a word as typed: `to-dan-pho`, `tổ dân phố`, `ap`.
    pub fn parse(typed: &str) -> Option<Self> {
        parse_kind(typed, &Self::ALL, Self::code, Self::word)
    }

    /// The words of the kinds a commune's villages have, in the order of [`Self::ALL`]:
    /// `thôn, tổ dân phố`; `thôn, ấp, khu phố` when the commune has none yet.
    pub fn words_of(villages: &[Village]) -> String {
        let kinds: Vec<&str> = Self::ALL
            .into_iter()
            .filter(|k| villages.iter().any(|v| v.kind == *k))
            .map(Self::word)
            .collect();
        if kinds.is_empty() {
            "thôn, ấp, khu phố".into()
        } else {
            kinds.join(", ")
        }
    }

    /// Recognises the kind word at the start of a typed name (`Thôn 3`, `khu pho 2`).
    pub fn split_typed(typed: &str) -> Option<(Self, String)> {
        let cleaned = text::clean(typed);
        let folded = text::fold(&cleaned);
        // Longest words first so `tổ dân phố` wins over shorter ones.
        let mut kinds = Self::ALL;
        kinds.sort_by_key(|k| std::cmp::Reverse(k.word().len()));
        for kind in kinds {
            let word = text::fold(kind.word());
            if let Some(rest) = folded.strip_prefix(&word)
                && (rest.is_empty() || rest.starts_with(' '))
            {
                let skip = cleaned.chars().count() - rest.chars().count();
                let name: String = cleaned.chars().skip(skip).collect();
                return Some((kind, name.trim().to_string()));
            }
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VillageStatus {
    Active,
    /// Merged into another village; its teams may be moved there.
    Merged,
    Retired,
}

impl VillageStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Merged => "merged",
            Self::Retired => "retired",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Active, Self::Merged, Self::Retired]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Village {
    pub id: i64,
    pub commune_id: i64,
    pub kind: VillageKind,
    /// The name without the kind word: `1`, `Bu Prăng`.
    pub name: String,
    pub status: VillageStatus,
    pub merged_into: Option<i64>,
}

impl Village {
    /// `thôn 1`, `bon Bu Prăng`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.kind.word(), self.name)
    }

    /// `Thôn 1`: the full name with a capital, as at the start of a line.
    pub fn title(&self) -> String {
        capitalise_first(&self.full_name())
    }
}

/// Upper-cases the first letter only (`thôn 1` → `Thôn 1`).
pub fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A commune for the tests of other modules.
#[cfg(test)]
pub mod tests_support {
    use super::*;

    pub fn dak_nia() -> Commune {
        Commune {
            id: 1,
            province: "Đắk Nông".into(),
            district: None,
            kind: CommuneKind::Xa,
            name: "Đắk Nia".into(),
            place_name: "Đắk Nia".into(),
            chairman: "Trần Đình Tuấn".into(),
            vice_chairmen: vec!["Quản Thị Ngọc".into()],
            preset: "dak-nia-004".into(),
            village_kinds: vec![VillageKind::Thon, VillageKind::Bon],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune(district: Option<District>) -> Commune {
        Commune {
            id: 1,
            province: "Đắk Nông".into(),
            district,
            kind: CommuneKind::Xa,
            name: "Đắk Nia".into(),
            place_name: "Đắk Nia".into(),
            chairman: "Trần Đình Tuấn".into(),
            vice_chairmen: vec![],
            preset: "ministry-001".into(),
            village_kinds: vec![],
        }
    }

    #[test]
    fn committee_names() {
        let c = commune(None);
        assert_eq!(c.full_name(), "xã Đắk Nia");
        assert_eq!(c.committee_name_upper(), "ỦY BAN NHÂN DÂN XÃ ĐẮK NIA");
    }

    #[test]
    fn no_district_is_never_printed_empty() {
        assert_eq!(commune(None).where_line(), "tỉnh Đắk Nông");
        let with = commune(Some(District {
            kind: DistrictKind::ThanhPho,
            name: "Gia Nghĩa".into(),
        }));
        assert_eq!(with.where_line(), "thành phố Gia Nghĩa, tỉnh Đắk Nông");
    }

    #[test]
    fn typed_village_names_are_split() {
        assert_eq!(
            VillageKind::split_typed("Thôn 3"),
            Some((VillageKind::Thon, "3".into()))
        );
        assert_eq!(
            VillageKind::split_typed("to dan pho  12"),
            Some((VillageKind::ToDanPho, "12".into()))
        );
        assert_eq!(
            VillageKind::split_typed("Bon Bu Prăng"),
            Some((VillageKind::Bon, "Bu Prăng".into()))
        );
        assert_eq!(VillageKind::split_typed("Bonsai"), None);
    }

    #[test]
    fn codes_round_trip() {
        for k in VillageKind::ALL {
            assert_eq!(VillageKind::from_code(k.code()), Some(k));
        }
        for k in CommuneKind::ALL {
            assert_eq!(CommuneKind::from_code(k.code()), Some(k));
        }
        for k in DistrictKind::ALL {
            assert_eq!(DistrictKind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn village_titles() {
        let v = Village {
            id: 1,
            commune_id: 1,
            kind: VillageKind::KhuPho,
            name: "5".into(),
            status: VillageStatus::Active,
            merged_into: None,
        };
        assert_eq!(v.full_name(), "khu phố 5");
        assert_eq!(v.title(), "Khu phố 5");
    }
}
