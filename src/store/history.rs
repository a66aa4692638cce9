//! Reading the audit trail back: what was changed, when, by whom, before and after.

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError};
use crate::domain::audit::{self, Change};

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEntry {
    pub id: i64,
    /// `YYYY-MM-DD HH:MM:SS`, local time.
    pub at: String,
    /// The computer's user who made it; empty before the trail recorded users.
    pub user: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub detail: String,
    /// For a membership's entry, its team.
    pub team_id: Option<i64>,
    pub changes: Vec<Change>,
}

const COLS: &str = "h.id, h.at, h.os_user, h.entity, h.entity_id, h.action, h.detail, \
                    m.team_id, h.old_values, h.new_values";
const FROM: &str = "FROM history h LEFT JOIN memberships m \
                    ON h.entity = 'membership' AND m.id = h.entity_id";

fn entry_at(r: &Row<'_>) -> rusqlite::Result<TrailEntry> {
    let old: String = r.get(8)?;
    let new: String = r.get(9)?;
    Ok(TrailEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: r.get(5)?,
        detail: r.get(6)?,
        team_id: r.get(7)?,
        changes: audit::decode(&old, &new),
    })
}

impl Store {
    /// Everything recorded about a person: their details and each of their
    /// memberships, newest first.
    pub fn person_trail(&self, person_id: i64) -> Result<Vec<TrailEntry>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLS} {FROM} WHERE (h.entity = 'person' AND h.entity_id = ?1) \
             OR (h.entity = 'membership' AND m.person_id = ?1) ORDER BY h.id DESC"
        ))?;
        let rows = st.query_map([person_id], entry_at)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything recorded about one thing (`decision`, `report`, `team`…), newest
    /// first.
    pub fn trail(&self, entity: &str, id: i64) -> Result<Vec<TrailEntry>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLS} {FROM} WHERE h.entity = ?1 AND h.entity_id = ?2 ORDER BY h.id DESC"
        ))?;
        let rows = st.query_map(params![entity, id], entry_at)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything recorded about every `entity` (`decision`, `report`…), newest first:
    /// one query for a whole register.
    pub fn trails(&self, entity: &str) -> Result<Vec<TrailEntry>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLS} {FROM} WHERE h.entity = ?1 ORDER BY h.id DESC"
        ))?;
        let rows = st.query_map([entity], entry_at)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entry of the trail.
    pub fn trail_entry(&self, id: i64) -> Result<TrailEntry> {
        self.conn()
            .prepare_cached(&format!("SELECT {COLS} {FROM} WHERE h.id = ?1"))?
            .query_row([id], entry_at)
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có mục nhật ký số {id}"),
                    format!("There is no history entry {id}"),
                )
            })
    }
}
