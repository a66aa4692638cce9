//! Teams: the commune team and the village teams.

use serde::{Deserialize, Serialize};

use super::place::{Commune, Village, capitalise_first};

/// The words every team name starts with.
pub const TEAM_WORDS: &str = "Tổ công nghệ số cộng đồng";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Commune,
    Village,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Self::Commune => "commune",
            Self::Village => "village",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "commune" => Some(Self::Commune),
            "village" => Some(Self::Village),
            _ => None,
        }
    }

    /// `cấp xã` / `cấp thôn`.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Commune => "cấp xã",
            Self::Village => "cấp thôn",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamStatus {
    Active,
    /// Being re-organised (kiện toàn).
    Reorganising,
    Dissolved,
}

impl TeamStatus {
    pub const ALL: [Self; 3] = [Self::Active, Self::Reorganising, Self::Dissolved];

    pub fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Reorganising => "reorganising",
            Self::Dissolved => "dissolved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Active => "Đang hoạt động",
            Self::Reorganising => "Đang kiện toàn",
            Self::Dissolved => "Đã giải thể",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Reorganising => "Being re-organised",
            Self::Dissolved => "Dissolved",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub commune_id: i64,
    pub level: Level,
    /// Set for village teams only.
    pub village_id: Option<i64>,
    /// A name the clerk typed; `None` means the derived name.
    pub custom_name: Option<String>,
    pub status: TeamStatus,
}

impl Team {
    /// The custom name, or the derived one.
    pub fn name(&self, commune: &Commune, village: Option<&Village>) -> String {
        match &self.custom_name {
            Some(n) if !n.trim().is_empty() => n.clone(),
            _ => default_name(commune, village),
        }
    }
}

/// `Tổ công nghệ số cộng đồng xã Đắk Nia` or `Tổ công nghệ số cộng đồng thôn 1`.
pub fn default_name(commune: &Commune, village: Option<&Village>) -> String {
    match village {
        Some(v) => format!("{TEAM_WORDS} {}", v.full_name()),
        None => format!("{TEAM_WORDS} {}", commune.full_name()),
    }
}

/// The Zalo group name by the convention of seed 000 §3e:
/// commune `CNCĐ_<xã>_<huyện>` (the district part dropped when there is none),
/// village `CNCĐ_<thôn>_<xã>`.
pub fn zalo_group_name(commune: &Commune, village: Option<&Village>) -> String {
    match village {
        Some(v) => format!("CNCĐ_{}_{}", v.title(), commune.name),
        None => match &commune.district {
            Some(d) => format!("CNCĐ_{}_{}", commune.name, d.name),
            None => format!("CNCĐ_{}", commune.name),
        },
    }
}

/// `CNCĐ_<tỉnh>`.
pub fn zalo_province_group(province: &str) -> String {
    format!("CNCĐ_{}", capitalise_first(province))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::place::*;

    fn commune(district: bool) -> Commune {
        Commune {
            id: 1,
            province: "Đắk Nông".into(),
            district: district.then(|| District {
                kind: DistrictKind::ThanhPho,
                name: "Gia Nghĩa".into(),
            }),
            kind: CommuneKind::Xa,
            name: "Đắk Nia".into(),
            place_name: "Đắk Nia".into(),
            chairman: String::new(),
            vice_chairmen: vec![],
            preset: "ministry-001".into(),
            village_kinds: vec![],
        }
    }

    fn village() -> Village {
        Village {
            id: 3,
            commune_id: 1,
            kind: VillageKind::Thon,
            name: "1".into(),
            status: VillageStatus::Active,
            merged_into: None,
        }
    }

    #[test]
    fn derived_names() {
        let c = commune(false);
        assert_eq!(
            default_name(&c, None),
            "Tổ công nghệ số cộng đồng xã Đắk Nia"
        );
        assert_eq!(
            default_name(&c, Some(&village())),
            "Tổ công nghệ số cộng đồng thôn 1"
        );
    }

    #[test]
    fn custom_name_wins_unless_blank() {
        let c = commune(false);
        let mut t = Team {
            id: 1,
            commune_id: 1,
            level: Level::Commune,
            village_id: None,
            custom_name: Some("  ".into()),
            status: TeamStatus::Active,
        };
        assert_eq!(t.name(&c, None), "Tổ công nghệ số cộng đồng xã Đắk Nia");
        t.custom_name = Some("Tổ CNSCĐ xã".into());
        assert_eq!(t.name(&c, None), "Tổ CNSCĐ xã");
    }

    #[test]
    fn zalo_names_drop_missing_district() {
        assert_eq!(
            zalo_group_name(&commune(true), None),
            "CNCĐ_Đắk Nia_Gia Nghĩa"
        );
        assert_eq!(zalo_group_name(&commune(false), None), "CNCĐ_Đắk Nia");
        assert_eq!(
            zalo_group_name(&commune(false), Some(&village())),
            "CNCĐ_Thôn 1_Đắk Nia"
        );
        assert_eq!(zalo_province_group("Bình Phước"), "CNCĐ_Bình Phước");
    }
}
