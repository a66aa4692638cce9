//! Loading many records in one transaction (demo and generated data): one commit, one
//! sync, and all or nothing.

use rusqlite::{Transaction, params};

use super::people::{insert_membership, insert_person};
use super::places::{insert_commune, insert_village};
use super::teams::insert_team;
use super::{Result, Store, StoreError};
use crate::domain::people::{Joining, Leaving, Person};
use crate::domain::place::VillageKind;

use super::places::NewCommune;

/// The open transaction of an import.
pub struct Import<'a> {
    tx: Transaction<'a>,
}

impl Store {
    /// Runs `f` in one transaction and commits if it succeeds.
    pub fn import<T>(&mut self, f: impl FnOnce(&Import<'_>) -> Result<T>) -> Result<T> {
        let import = Import {
            tx: self.conn.transaction()?,
        };
        let out = f(&import)?;
        import.tx.commit()?;
        Ok(out)
    }
}

impl Import<'_> {
    pub fn commune(&self, new: &NewCommune) -> Result<i64> {
        let c = new.check().map_err(StoreError::Invalid)?;
        insert_commune(&self.tx, &c)
    }

    pub fn village(&self, commune_id: i64, kind: VillageKind, name: &str) -> Result<i64> {
        insert_village(&self.tx, commune_id, kind, name)
    }

    pub fn team(&self, commune_id: i64, village_id: Option<i64>) -> Result<i64> {
        insert_team(&self.tx, commune_id, village_id, None)
    }

    /// A new person joining a team; returns (person id, membership id).
    pub fn member(
        &self,
        commune_id: i64,
        team_id: i64,
        person: &Person,
        joining: &Joining,
    ) -> Result<(i64, i64)> {
        let person_id = insert_person(&self.tx, commune_id, person)?;
        let membership_id = insert_membership(&self.tx, team_id, person_id, joining)?;
        Ok((person_id, membership_id))
    }

    pub fn leave(&self, membership_id: i64, leaving: &Leaving) -> Result<()> {
        self.tx.execute(
            "UPDATE memberships SET left_on = ?2, leave_reason = ?3, left_by = ?4 \
             WHERE id = ?1 AND left_on IS NULL",
            params![
                membership_id,
                leaving.left_on,
                leaving.reason,
                leaving.left_by
            ],
        )?;
        Ok(())
    }

    /// An activity, without touching the monthly totals: call
    /// [`Store::rebuild_monthly`] once the import is committed.
    pub fn activity(&self, a: &crate::domain::activity::Activity) -> Result<i64> {
        super::activities::insert_raw(&self.tx, a)
    }

    pub fn baseline(&self, commune_id: i64, village_id: i64, base: &str, value: i64) -> Result<()> {
        self.tx.execute(
            "INSERT INTO baselines (commune_id, village_id, base, value) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT DO UPDATE SET value = excluded.value",
            params![commune_id, village_id, base, value],
        )?;
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}
