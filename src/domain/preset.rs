//! Rule presets: how big a team should be and who should lead it, by the province's
//! guidance. Checking a team returns warnings that name the rule and its source; they
//! never block saving (the chairman may decide otherwise).

use serde::{Deserialize, Serialize};

use super::lang::Msg;
use super::people::Role;
use super::team::Level;
use super::text;

/// Who may fill a role: the position must contain one of these words (compared
/// without accents or case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRule {
    pub any_of: Vec<String>,
    /// `Chủ tịch hoặc Phó Chủ tịch UBND xã`.
    pub description: Msg,
}

impl PositionRule {
    fn new(words: &[&str], vi: &str, en: &str) -> Self {
        Self {
            any_of: words.iter().map(|w| text::fold(w)).collect(),
            description: Msg::new(vi, en),
        }
    }

    pub fn matches(&self, position: &str) -> bool {
        let p = text::fold(position);
        self.any_of.iter().any(|w| p.contains(w.as_str()))
    }
}

/// The rules for one level of team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LevelRule {
    pub min_members: Option<u32>,
    pub max_members: Option<u32>,
    pub leader: Option<PositionRule>,
    pub min_deputies: u32,
    pub max_deputies: Option<u32>,
    pub deputy: Option<PositionRule>,
    /// Positions the team must include (`1 Đoàn, 1 Hội LHPN, …`).
    pub required: Vec<PositionRule>,
}

/// A preset: the rules of one source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    pub code: String,
    pub name: Msg,
    /// The document the rules come from, as printed in warnings.
    pub source: Msg,
    pub commune: LevelRule,
    pub village: LevelRule,
    /// One person may not be in two teams at once.
    pub exclusive_membership: bool,
    /// Every village should have its team.
    pub team_per_village: bool,
}

/// One member as the checker sees them.
#[derive(Debug, Clone)]
pub struct MemberFacts {
    pub person_id: i64,
    pub name: String,
    pub role: Role,
    pub position: String,
    /// Names of the other teams this person is currently in.
    pub other_teams: Vec<String>,
}

/// A warning about a team or the commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable code for scripts: `size.max`, `leader.missing`, …
    pub code: &'static str,
    pub msg: Msg,
}

const CODES: [&str; 6] = [
    "ministry-001",
    "binh-phuoc-000",
    "quang-tri-002",
    "kien-giang-003",
    "dak-nia-004",
    "custom",
];

fn village_leader() -> PositionRule {
    PositionRule::new(
        &[
            "trưởng thôn",
            "trưởng ấp",
            "trưởng bản",
            "trưởng bon",
            "trưởng buôn",
            "trưởng làng",
            "trưởng khu phố",
            "tổ trưởng tổ dân phố",
            "trưởng tổ dân phố",
        ],
        "Trưởng thôn, ấp, bản, khu phố hoặc Tổ trưởng tổ dân phố",
        "the village head (Trưởng thôn / ấp / khu phố, Tổ trưởng tổ dân phố)",
    )
}

fn youth_union(vi: &str, en: &str) -> PositionRule {
    PositionRule::new(&["đoàn"], vi, en)
}

fn commune_leadership() -> PositionRule {
    PositionRule::new(
        &["chủ tịch ubnd", "chủ tịch ủy ban", "chủ tịch uỷ ban"],
        "Chủ tịch hoặc Phó Chủ tịch UBND xã",
        "the chairman or a vice-chairman of the commune People's Committee",
    )
}

impl Preset {
    pub fn codes() -> &'static [&'static str] {
        &CODES
    }

    /// The built-in preset with this code (`custom` starts as an empty rule set).
    pub fn builtin(code: &str) -> Option<Self> {
        let p = match code {
            "ministry-001" => Self {
                code: code.into(),
                name: Msg::new("Hướng dẫn thí điểm của Bộ TT&TT", "Ministry pilot guidance"),
                source: Msg::new(
                    "hướng dẫn của Bộ TT&TT, văn bản 001",
                    "ministry guidance, document 001",
                ),
                commune: LevelRule::default(),
                village: LevelRule {
                    min_members: Some(3),
                    leader: Some(village_leader()),
                    ..Default::default()
                },
                exclusive_membership: false,
                team_per_village: true,
            },
            "binh-phuoc-000" => Self {
                code: code.into(),
                name: Msg::new("Bình Phước", "Bình Phước"),
                source: Msg::new(
                    "hướng dẫn của UBND tỉnh Bình Phước, văn bản 000",
                    "Bình Phước guidance, document 000",
                ),
                commune: LevelRule {
                    max_members: Some(10),
                    leader: Some(commune_leadership()),
                    min_deputies: 1,
                    deputy: Some(youth_union(
                        "Bí thư xã đoàn",
                        "the commune Youth Union secretary",
                    )),
                    ..Default::default()
                },
                village: LevelRule {
                    max_members: Some(7),
                    leader: Some(village_leader()),
                    min_deputies: 1,
                    deputy: Some(youth_union(
                        "Bí thư Đoàn thanh niên thôn",
                        "the village Youth Union secretary",
                    )),
                    ..Default::default()
                },
                exclusive_membership: false,
                team_per_village: true,
            },
            "quang-tri-002" => Self {
                code: code.into(),
                name: Msg::new("Quảng Trị", "Quảng Trị"),
                source: Msg::new(
                    "Kế hoạch của UBND tỉnh Quảng Trị, văn bản 002",
                    "Quảng Trị plan, document 002",
                ),
                commune: LevelRule {
                    min_members: Some(5),
                    max_members: Some(5),
                    leader: Some(commune_leadership()),
                    required: vec![
                        youth_union(
                            "01 Bí thư hoặc Phó Bí thư Đoàn",
                            "a Youth Union secretary or deputy",
                        ),
                        PositionRule::new(
                            &["phụ nữ", "lhpn"],
                            "01 Chủ tịch hoặc Phó Chủ tịch Hội LHPN",
                            "a Women's Union chair or deputy",
                        ),
                        PositionRule::new(
                            &["cải cách hành chính", "cchc"],
                            "01 công chức đầu mối cải cách hành chính",
                            "the administrative-reform officer",
                        ),
                        PositionRule::new(
                            &["văn hóa", "văn hoá", "công an"],
                            "01 công chức Văn hóa - xã hội (hoặc Công an xã)",
                            "the culture-society officer (or the commune police)",
                        ),
                    ],
                    ..Default::default()
                },
                village: LevelRule {
                    min_members: Some(5),
                    max_members: Some(8),
                    leader: Some(village_leader()),
                    min_deputies: 1,
                    deputy: Some(youth_union(
                        "Bí thư Đoàn thanh niên cấp thôn",
                        "the village Youth Union secretary",
                    )),
                    ..Default::default()
                },
                exclusive_membership: false,
                team_per_village: false,
            },
            "kien-giang-003" => Self {
                code: code.into(),
                name: Msg::new("Kiên Giang", "Kiên Giang"),
                source: Msg::new(
                    "Kế hoạch của UBND tỉnh Kiên Giang, văn bản 003",
                    "Kiên Giang plan, document 003",
                ),
                commune: LevelRule::default(),
                village: LevelRule {
                    max_members: Some(10),
                    leader: Some(village_leader()),
                    min_deputies: 1,
                    max_deputies: Some(1),
                    deputy: Some(youth_union(
                        "01 đoàn viên thanh niên",
                        "one Youth Union member",
                    )),
                    ..Default::default()
                },
                exclusive_membership: true,
                team_per_village: true,
            },
            "dak-nia-004" => Self {
                code: code.into(),
                name: Msg::new("Theo Quyết định của xã Đắk Nia", "As the Đắk Nia decision"),
                source: Msg::new(
                    "Quyết định 23/QĐ-UBND xã Đắk Nia, văn bản 004",
                    "Đắk Nia decision 23/QĐ-UBND, document 004",
                ),
                commune: LevelRule {
                    leader: Some(PositionRule::new(
                        &["phó chủ tịch ubnd", "phó chủ tịch ủy ban"],
                        "Phó Chủ tịch UBND xã",
                        "a vice-chairman of the commune People's Committee",
                    )),
                    min_deputies: 4,
                    max_deputies: Some(4),
                    required: vec![
                        youth_union("Bí thư Đoàn Thanh niên xã", "the Youth Union secretary"),
                        PositionRule::new(
                            &["phụ nữ"],
                            "Chủ tịch Hội Liên hiệp phụ nữ xã",
                            "the Women's Union chair",
                        ),
                        PositionRule::new(
                            &["nông dân"],
                            "Chủ tịch Hội Nông dân xã",
                            "the Farmers' Union chair",
                        ),
                        PositionRule::new(
                            &["cựu chiến binh"],
                            "Chủ tịch Hội Cựu Chiến binh xã",
                            "the Veterans' Association chair",
                        ),
                    ],
                    ..Default::default()
                },
                village: LevelRule::default(),
                exclusive_membership: false,
                team_per_village: false,
            },
            "custom" => Self::custom(),
            _ => return None,
        };
        Some(p)
    }

    /// The commune's own rules: nothing expected until the clerk sets it.
    pub fn custom() -> Self {
        Self {
            code: "custom".into(),
            name: Msg::new("Tùy chỉnh", "Custom"),
            source: Msg::new("quy định riêng của xã", "the commune's own rules"),
            commune: LevelRule::default(),
            village: LevelRule::default(),
            exclusive_membership: false,
            team_per_village: false,
        }
    }

    pub fn rule(&self, level: Level) -> &LevelRule {
        match level {
            Level::Commune => &self.commune,
            Level::Village => &self.village,
        }
    }

    fn warn(&self, code: &'static str, vi: String, en: String) -> Warning {
        Warning {
            code,
            msg: Msg::new(
                format!("{vi} (theo {})", self.source.vi),
                format!("{en} (per the {})", self.source.en),
            ),
        }
    }

    /// The warnings for one team's current members.
    pub fn check_team(&self, level: Level, members: &[MemberFacts]) -> Vec<Warning> {
        let rule = self.rule(level);
        let mut out = Vec::new();
        let n = members.len() as u32;
        if let Some(max) = rule.max_members
            && n > max
        {
            out.push(self.warn(
                "size.max",
                format!("Tổ có {n} thành viên, vượt quá tối đa {max}"),
                format!("the team has {n} members, more than the maximum of {max}"),
            ));
        }
        if let Some(min) = rule.min_members
            && n < min
        {
            out.push(self.warn(
                "size.min",
                format!("Tổ có {n} thành viên, ít hơn tối thiểu {min}"),
                format!("the team has {n} members, fewer than the minimum of {min}"),
            ));
        }
        let leaders: Vec<&MemberFacts> =
            members.iter().filter(|m| m.role == Role::Leader).collect();
        match leaders.as_slice() {
            [] => out.push(Warning {
                code: "leader.missing",
                msg: Msg::new("Tổ chưa có Tổ trưởng", "the team has no leader"),
            }),
            [one] => {
                if let Some(r) = &rule.leader
                    && !r.matches(&one.position)
                {
                    out.push(self.warn(
                        "leader.position",
                        format!(
                            "Tổ trưởng {} ({}) nên là {}",
                            one.name,
                            or_blank_vi(&one.position),
                            r.description.vi
                        ),
                        format!(
                            "the leader {} ({}) should be {}",
                            one.name,
                            or_blank_en(&one.position),
                            r.description.en
                        ),
                    ));
                }
            }
            many => out.push(Warning {
                code: "leader.many",
                msg: Msg::new(
                    format!("Tổ có {} Tổ trưởng; chỉ nên có một", many.len()),
                    format!("the team has {} leaders; it should have one", many.len()),
                ),
            }),
        }
        let deputies: Vec<&MemberFacts> =
            members.iter().filter(|m| m.role == Role::Deputy).collect();
        let d = deputies.len() as u32;
        if d < rule.min_deputies {
            out.push(self.warn(
                "deputy.missing",
                format!("Tổ có {d} Tổ phó, cần ít nhất {}", rule.min_deputies),
                format!(
                    "the team has {d} deputies, at least {} expected",
                    rule.min_deputies
                ),
            ));
        }
        if let Some(max) = rule.max_deputies
            && d > max
        {
            out.push(self.warn(
                "deputy.many",
                format!("Tổ có {d} Tổ phó, nhiều hơn {max}"),
                format!("the team has {d} deputies, more than {max}"),
            ));
        }
        if let Some(r) = &rule.deputy
            && !deputies.is_empty()
            && !deputies.iter().any(|m| r.matches(&m.position))
        {
            out.push(self.warn(
                "deputy.position",
                format!("Tổ phó nên có {}", r.description.vi),
                format!("a deputy should be {}", r.description.en),
            ));
        }
        for req in &rule.required {
            if !members.iter().any(|m| req.matches(&m.position)) {
                out.push(self.warn(
                    "composition.missing",
                    format!("Thành phần còn thiếu: {}", req.description.vi),
                    format!("the team lacks {}", req.description.en),
                ));
            }
        }
        if self.exclusive_membership {
            for m in members.iter().filter(|m| !m.other_teams.is_empty()) {
                out.push(self.warn(
                    "member.two_teams",
                    format!(
                        "{} đồng thời ở {}; không được tham gia hai Tổ",
                        m.name,
                        m.other_teams.join(", ")
                    ),
                    format!(
                        "{} is also in {}; nobody may be in two teams",
                        m.name,
                        m.other_teams.join(", ")
                    ),
                ));
            }
        }
        out
    }

    /// Commune-wide warnings: villages that still have no team.
    pub fn check_commune(&self, villages_without_team: &[String]) -> Vec<Warning> {
        if !self.team_per_village || villages_without_team.is_empty() {
            return Vec::new();
        }
        let list = villages_without_team.join(", ");
        vec![self.warn(
            "village.no_team",
            format!("Chưa thành lập Tổ ở: {list}"),
            format!("no team yet in: {list}"),
        )]
    }
}

fn or_blank_vi(s: &str) -> &str {
    if s.is_empty() {
        "chưa ghi chức vụ"
    } else {
        s
    }
}

fn or_blank_en(s: &str) -> &str {
    if s.is_empty() { "no position given" } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: i64, role: Role, position: &str) -> MemberFacts {
        MemberFacts {
            person_id: id,
            name: format!("Người {id}"),
            role,
            position: position.into(),
            other_teams: vec![],
        }
    }

    fn codes(w: &[Warning]) -> Vec<&'static str> {
        w.iter().map(|w| w.code).collect()
    }

    #[test]
    fn every_code_has_a_builtin() {
        for c in Preset::codes() {
            assert_eq!(Preset::builtin(c).unwrap().code, *c);
        }
        assert!(Preset::builtin("nowhere").is_none());
    }

    #[test]
    fn binh_phuoc_village_over_seven_warns_with_source() {
        let p = Preset::builtin("binh-phuoc-000").unwrap();
        let mut team = vec![
            m(1, Role::Leader, "Trưởng thôn"),
            m(2, Role::Deputy, "Bí thư Đoàn thanh niên thôn"),
        ];
        team.extend((3..=8).map(|i| m(i, Role::Member, "Người dân")));
        let w = p.check_team(Level::Village, &team);
        assert_eq!(codes(&w), vec!["size.max"]);
        assert!(w[0].msg.vi.contains("tối đa 7"));
        assert!(w[0].msg.vi.contains("văn bản 000"));
        assert!(w[0].msg.en.contains("document 000"));
    }

    #[test]
    fn leader_position_is_checked_without_accents() {
        let p = Preset::builtin("binh-phuoc-000").unwrap();
        let team = vec![
            m(1, Role::Leader, "PHO CHU TICH UBND XA"),
            m(2, Role::Deputy, "Bí thư xã đoàn"),
        ];
        assert!(p.check_team(Level::Commune, &team).is_empty());
        let team = vec![
            m(1, Role::Leader, "Giáo viên"),
            m(2, Role::Deputy, "Bí thư xã đoàn"),
        ];
        assert_eq!(
            codes(&p.check_team(Level::Commune, &team)),
            vec!["leader.position"]
        );
    }

    #[test]
    fn missing_and_extra_leaders() {
        let p = Preset::builtin("custom").unwrap();
        assert_eq!(
            codes(&p.check_team(Level::Village, &[m(1, Role::Member, "")])),
            vec!["leader.missing"]
        );
        let two = [m(1, Role::Leader, ""), m(2, Role::Leader, "")];
        assert_eq!(
            codes(&p.check_team(Level::Village, &two)),
            vec!["leader.many"]
        );
    }

    #[test]
    fn quang_tri_commune_is_exactly_five_with_its_composition() {
        let p = Preset::builtin("quang-tri-002").unwrap();
        let team = vec![
            m(1, Role::Leader, "Phó Chủ tịch UBND xã"),
            m(2, Role::Member, "Bí thư Đoàn xã"),
            m(3, Role::Member, "Chủ tịch Hội LHPN xã"),
            m(4, Role::Member, "Công chức đầu mối cải cách hành chính"),
            m(5, Role::Member, "Trưởng Công an xã"),
        ];
        assert!(p.check_team(Level::Commune, &team).is_empty());
        let w = p.check_team(Level::Commune, &team[..4]);
        assert_eq!(codes(&w), vec!["size.min", "composition.missing"]);
    }

    #[test]
    fn kien_giang_forbids_two_teams_and_two_deputies() {
        let p = Preset::builtin("kien-giang-003").unwrap();
        let mut vnpt = m(3, Role::Member, "Nhân viên VNPT");
        vnpt.other_teams = vec!["Tổ công nghệ số cộng đồng ấp 2".into()];
        let team = vec![
            m(1, Role::Leader, "Trưởng ấp"),
            m(2, Role::Deputy, "Đoàn viên"),
            m(4, Role::Deputy, "Đoàn viên"),
            vnpt,
        ];
        let w = p.check_team(Level::Village, &team);
        assert_eq!(codes(&w), vec!["deputy.many", "member.two_teams"]);
        assert!(w[1].msg.vi.contains("ấp 2"));
    }

    #[test]
    fn dak_nia_expects_four_deputies() {
        let p = Preset::builtin("dak-nia-004").unwrap();
        let team = vec![
            m(1, Role::Leader, "Phó Chủ tịch UBND xã"),
            m(2, Role::Deputy, "Bí thư Đoàn Thanh niên xã"),
            m(3, Role::Deputy, "Chủ tịch Hội Liên hiệp phụ nữ xã"),
            m(4, Role::Deputy, "Chủ tịch Hội Nông dân xã"),
            m(5, Role::Deputy, "Chủ tịch Hội Cựu Chiến binh xã"),
        ];
        assert!(p.check_team(Level::Commune, &team).is_empty());
    }

    #[test]
    fn villages_without_team() {
        let p = Preset::builtin("ministry-001").unwrap();
        let w = p.check_commune(&["thôn 4".into(), "bon Bu Sop".into()]);
        assert_eq!(codes(&w), vec!["village.no_team"]);
        assert!(w[0].msg.vi.contains("bon Bu Sop"));
        assert!(
            Preset::builtin("quang-tri-002")
                .unwrap()
                .check_commune(&["thôn 4".into()])
                .is_empty()
        );
    }

    #[test]
    fn custom_preset_survives_json() {
        let mut p = Preset::builtin("custom").unwrap();
        p.village.max_members = Some(6);
        let back: Preset = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
