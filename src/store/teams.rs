//! Teams: create, rename, move, change status, summaries and rule checks.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, log};
use crate::domain::place::{Commune, Village, VillageStatus};
use crate::domain::preset::{MemberFacts, Preset, Warning};
use crate::domain::team::{Level, Team, TeamStatus, zalo_group_name};
use crate::domain::{Field, FieldError, text};

const TEAM_COLS: &str = "id, commune_id, level, village_id, custom_name, status";

fn team_row(r: &Row<'_>) -> rusqlite::Result<Team> {
    let level: String = r.get(2)?;
    let status: String = r.get(5)?;
    Ok(Team {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        level: Level::from_code(&level).unwrap_or(Level::Village),
        village_id: r.get(3)?,
        custom_name: r.get(4)?,
        status: TeamStatus::from_code(&status).unwrap_or(TeamStatus::Active),
    })
}

/// A team with what the lists show about it.
#[derive(Debug, Clone)]
pub struct TeamSummary {
    pub team: Team,
    pub name: String,
    pub village: Option<Village>,
    pub zalo_group: String,
    pub member_count: usize,
    pub warnings: Vec<Warning>,
}

impl Store {
    /// Creates a team. A commune team has no village; a village team needs one that is
    /// active and of the same commune.
    pub fn create_team(
        &mut self,
        commune_id: i64,
        village_id: Option<i64>,
        custom_name: Option<&str>,
    ) -> Result<Team> {
        let commune = self.commune(commune_id)?;
        if let Some(v) = village_id {
            let village = self.village(v)?;
            if village.commune_id != commune_id || village.status != VillageStatus::Active {
                return Err(StoreError::invalid(FieldError::new(
                    Field::Village,
                    format!(
                        "{} không còn hoạt động hoặc không thuộc {}",
                        village.full_name(),
                        commune.full_name()
                    ),
                    format!(
                        "{} is not active or not in {}",
                        village.full_name(),
                        commune.full_name()
                    ),
                )));
            }
        }
        let custom = custom_name.map(text::clean).filter(|s| !s.is_empty());
        let id = self.write(|tx| insert_team(tx, commune_id, village_id, custom.as_deref()))?;
        self.team(id)
    }

    pub fn team(&self, id: i64) -> Result<Team> {
        self.conn()
            .prepare_cached(&format!("SELECT {TEAM_COLS} FROM teams WHERE id = ?1"))?
            .query_row([id], team_row)
            .optional()?
            .ok_or_else(|| no_team(id))
    }

    /// Since when the team's work is on record: the earliest of the day it was set up
    /// here and a member's joining. `None` when nothing is known.
    pub fn team_since(&self, id: i64) -> Result<Option<chrono::NaiveDate>> {
        let first: Option<String> = self.conn().query_row(
            "SELECT min(d) FROM ( \
               SELECT min(substr(at, 1, 10)) AS d FROM history \
                 WHERE entity = 'team' AND entity_id = ?1 AND action = 'create' \
               UNION ALL SELECT min(joined_on) FROM memberships WHERE team_id = ?1 \
               UNION ALL SELECT min(on_date) FROM activities WHERE team_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        Ok(first.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The teams of a commune: the commune team first, then village teams.
    pub fn teams(&self, commune_id: i64) -> Result<Vec<Team>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {TEAM_COLS} FROM teams WHERE commune_id = ?1 \
             ORDER BY level = 'village', status = 'dissolved', id"
        ))?;
        Ok(st
            .query_map([commune_id], team_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The name a team goes by (custom or derived).
    pub fn team_name(&self, team: &Team) -> Result<String> {
        let commune = self.commune(team.commune_id)?;
        let village = team.village_id.map(|v| self.village(v)).transpose()?;
        Ok(team.name(&commune, village.as_ref()))
    }

    /// Names of every team, for lists that show many members.
    pub fn team_names(&self) -> Result<HashMap<i64, String>> {
        let communes: HashMap<i64, Commune> =
            self.communes()?.into_iter().map(|c| (c.id, c)).collect();
        let mut villages = HashMap::new();
        let mut st = self
            .conn()
            .prepare("SELECT id, commune_id, kind, name, status, merged_into FROM villages")?;
        for v in st.query_map([], super::places::village_row)? {
            let v = v?;
            villages.insert(v.id, v);
        }
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {TEAM_COLS} FROM teams"))?;
        let mut out = HashMap::new();
        for t in st.query_map([], team_row)? {
            let t = t?;
            if let Some(c) = communes.get(&t.commune_id) {
                let v = t.village_id.and_then(|id| villages.get(&id));
                out.insert(t.id, t.name(c, v));
            }
        }
        Ok(out)
    }

    pub fn rename_team(&mut self, id: i64, custom_name: Option<&str>) -> Result<Team> {
        self.team(id)?;
        let custom = custom_name.map(text::clean).filter(|s| !s.is_empty());
        self.write(|tx| {
            let before: Option<String> =
                tx.query_row("SELECT custom_name FROM teams WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "UPDATE teams SET custom_name = ?2 WHERE id = ?1",
                params![id, custom],
            )?;
            let after = custom.clone().unwrap_or_default();
            let change = crate::domain::audit::Change::new(
                Field::TeamName,
                before.unwrap_or_default(),
                after.clone(),
            );
            super::log_changes(tx, "team", id, "rename", &after, &[change])
        })?;
        self.team(id)
    }

    /// Moves a village team to another village of the same commune (after a merger).
    pub fn move_team(&mut self, id: i64, village_id: i64) -> Result<Team> {
        let team = self.team(id)?;
        let village = self.village(village_id)?;
        if team.level != Level::Village {
            return Err(StoreError::refused(
                "Tổ cấp xã không gắn với thôn nào nên không chuyển được",
                "The commune team belongs to no village and cannot be moved",
            ));
        }
        if village.commune_id != team.commune_id || village.status != VillageStatus::Active {
            return Err(StoreError::invalid(FieldError::new(
                Field::Village,
                format!(
                    "{} không còn hoạt động hoặc thuộc xã khác",
                    village.full_name()
                ),
                format!(
                    "{} is not active or belongs to another commune",
                    village.full_name()
                ),
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE teams SET village_id = ?2 WHERE id = ?1",
                params![id, village_id],
            )?;
            log(tx, "team", id, "move", &village.full_name())
        })?;
        self.team(id)
    }

    pub fn set_team_status(&mut self, id: i64, status: TeamStatus) -> Result<Team> {
        self.team(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE teams SET status = ?2 WHERE id = ?1",
                params![id, status.code()],
            )?;
            log(tx, "team", id, "status", status.code())
        })?;
        self.team(id)
    }

    /// The preset the commune follows (a custom preset is kept in the settings).
    pub fn preset(&self, commune: &Commune) -> Result<Preset> {
        if commune.preset == "custom"
            && let Some(json) = self.setting("preset.custom")?
            && let Ok(p) = serde_json::from_str::<Preset>(&json)
        {
            return Ok(p);
        }
        Ok(Preset::builtin(&commune.preset).unwrap_or_else(Preset::custom))
    }

    /// What the rule checker needs about a team's current members.
    pub fn member_facts(&self, team_id: i64) -> Result<Vec<MemberFacts>> {
        let mut st = self.conn().prepare_cached(
            "SELECT p.id, CASE WHEN p.full_name = '' THEN p.position ELSE p.full_name END, \
                    m.role, p.position, \
                    (SELECT group_concat(o.team_id) FROM memberships o \
                     JOIN teams ot ON ot.id = o.team_id \
                     WHERE o.person_id = p.id AND o.left_on IS NULL AND o.team_id <> m.team_id \
                       AND ot.status <> 'dissolved') \
             FROM memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = ?1 AND m.left_on IS NULL",
        )?;
        let rows = st.query_map([team_id], |r| {
            let role: String = r.get(2)?;
            let others: Option<String> = r.get(4)?;
            Ok((r.get(0)?, r.get(1)?, role, r.get(3)?, others))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (person_id, name, role, position, others): (
                i64,
                String,
                String,
                String,
                Option<String>,
            ) = row?;
            out.push(MemberFacts {
                person_id,
                name,
                role: crate::domain::people::Role::from_code(&role)
                    .unwrap_or(crate::domain::people::Role::Member),
                position,
                // Rare (one person in two teams): names looked up one by one.
                other_teams: others
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|id| id.parse::<i64>().ok())
                    .filter_map(|id| self.team(id).and_then(|t| self.team_name(&t)).ok())
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The preset's warnings for one team.
    pub fn check_team(&self, team_id: i64) -> Result<Vec<Warning>> {
        let team = self.team(team_id)?;
        if team.status == TeamStatus::Dissolved {
            return Ok(Vec::new());
        }
        let commune = self.commune(team.commune_id)?;
        let preset = self.preset(&commune)?;
        Ok(preset.check_team(team.level, &self.member_facts(team_id)?))
    }

    /// The commune-wide warnings (villages without a team).
    pub fn check_commune(&self, commune_id: i64) -> Result<Vec<Warning>> {
        let commune = self.commune(commune_id)?;
        let preset = self.preset(&commune)?;
        let names: Vec<String> = self
            .villages_without_team(commune_id)?
            .iter()
            .map(Village::full_name)
            .collect();
        Ok(preset.check_commune(&names))
    }

    pub fn villages_without_team(&self, commune_id: i64) -> Result<Vec<Village>> {
        let covered: Vec<i64> = self
            .teams(commune_id)?
            .into_iter()
            .filter(|t| t.status != TeamStatus::Dissolved)
            .filter_map(|t| t.village_id)
            .collect();
        Ok(self
            .villages(commune_id, false)?
            .into_iter()
            .filter(|v| !covered.contains(&v.id))
            .collect())
    }

    /// Every team of a commune with its name, member count and warnings.
    pub fn team_summaries(&self, commune_id: i64) -> Result<Vec<TeamSummary>> {
        let commune = self.commune(commune_id)?;
        let preset = self.preset(&commune)?;
        let mut out = Vec::new();
        for team in self.teams(commune_id)? {
            let village = team.village_id.map(|v| self.village(v)).transpose()?;
            let facts = self.member_facts(team.id)?;
            let warnings = if team.status == TeamStatus::Dissolved {
                Vec::new()
            } else {
                preset.check_team(team.level, &facts)
            };
            out.push(TeamSummary {
                name: team.name(&commune, village.as_ref()),
                zalo_group: zalo_group_name(&commune, village.as_ref()),
                member_count: facts.len(),
                village,
                warnings,
                team,
            });
        }
        Ok(out)
    }
}

pub(super) fn insert_team(
    tx: &rusqlite::Transaction<'_>,
    commune_id: i64,
    village_id: Option<i64>,
    custom: Option<&str>,
) -> Result<i64> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM teams WHERE commune_id = ?1 AND village_id IS ?2 \
             AND status <> 'dissolved' LIMIT 1",
            params![commune_id, village_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = existing {
        return Err(StoreError::refused(
            format!(
                "Nơi này đã có Tổ (số {other}) đang hoạt động; hãy kiện toàn Tổ đó thay vì lập Tổ mới"
            ),
            format!("This place already has an active team (id {other}); re-organise it instead"),
        ));
    }
    let level = if village_id.is_some() {
        Level::Village
    } else {
        Level::Commune
    };
    tx.execute(
        "INSERT INTO teams (commune_id, level, village_id, custom_name) VALUES (?1, ?2, ?3, ?4)",
        params![commune_id, level.code(), village_id, custom],
    )?;
    let id = tx.last_insert_rowid();
    log(tx, "team", id, "create", "")?;
    Ok(id)
}

pub(super) fn no_team(id: i64) -> StoreError {
    StoreError::not_found(
        format!("Không có Tổ số {id}"),
        format!("There is no team with id {id}"),
    )
}
