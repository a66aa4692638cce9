//! Loading many records in one transaction (demo and generated data): one commit, one
//! sync, and all or nothing. The transaction takes the write lock when it begins, so
//! the checks a job makes first (is the database empty?) still hold when it commits,
//! and data derived from what it writes (the monthly totals) is rebuilt before the
//! commit, in the same transaction.

use std::cell::Cell;

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

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
    /// Activities were added: the monthly totals are rebuilt before the commit.
    activities: Cell<bool>,
}

impl Store {
    /// Runs `f` in one transaction (`BEGIN IMMEDIATE`) and commits if it succeeds; on
    /// an error nothing is saved.
    pub fn import<T>(&mut self, f: impl FnOnce(&Import<'_>) -> Result<T>) -> Result<T> {
        let import = Import {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
            activities: Cell::new(false),
        };
        let out = f(&import)?;
        if import.activities.get() {
            super::activities::rebuild_monthly_in(&import.tx)?;
        }
        import.tx.commit()?;
        Ok(out)
    }
}

impl Import<'_> {
    /// The first commune of the database (id, full name), read inside the transaction.
    pub fn home_commune(&self) -> Result<Option<(i64, String)>> {
        let id: Option<i64> = self
            .tx
            .query_row("SELECT id FROM communes ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        let c = self.tx.query_row(
            &format!(
                "SELECT {} FROM communes WHERE id = ?1",
                super::places::COMMUNE_COLS
            ),
            [id],
            super::places::commune_row,
        )?;
        Ok(Some((id, c.full_name())))
    }

    /// The teams of a commune (id, village), in the order of [`Store::teams`].
    pub fn teams(&self, commune_id: i64) -> Result<Vec<(i64, Option<i64>)>> {
        let mut st = self.tx.prepare_cached(
            "SELECT id, village_id FROM teams WHERE commune_id = ?1 \
             ORDER BY level = 'village', status = 'dissolved', id",
        )?;
        let rows = st.query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The active villages of a commune, in the order of [`Store::villages`].
    pub fn village_ids(&self, commune_id: i64) -> Result<Vec<i64>> {
        let mut st = self.tx.prepare_cached(&format!(
            "SELECT {} FROM villages WHERE commune_id = ?1 AND status = 'active'",
            super::places::VILLAGE_COLS
        ))?;
        let mut v: Vec<crate::domain::place::Village> = st
            .query_map([commune_id], super::places::village_row)?
            .collect::<rusqlite::Result<_>>()?;
        v.sort_by_cached_key(|v| super::places::natural_key(&v.full_name()));
        Ok(v.into_iter().map(|v| v.id).collect())
    }

    /// The commune's kinds of activity (the usual ones are added if it has none).
    pub fn activity_types(&self, commune_id: i64) -> Result<Vec<(i64, String)>> {
        super::activities::types_in(&self.tx, commune_id)
    }

    /// The indicator catalogue: (code, id).
    pub fn indicator_ids(&self) -> Result<Vec<(String, i64)>> {
        let mut st = self.tx.prepare_cached(
            "SELECT code, id FROM indicators WHERE active = 1 ORDER BY position, id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An item of the commune's library of legal bases or recipients, at the end.
    pub fn library_item(
        &self,
        commune_id: i64,
        kind: super::LibraryKind,
        text_in: &str,
        chosen: bool,
    ) -> Result<i64> {
        let t = crate::domain::text::clean(text_in);
        let t = t.trim_end_matches([';', '.']).to_string();
        let kind = match kind {
            super::LibraryKind::LegalBasis => "legal_basis",
            super::LibraryKind::Recipient => "recipient",
        };
        self.tx.execute(
            "INSERT INTO library (commune_id, kind, text, position, chosen) VALUES (?1, ?2, ?3, \
             (SELECT coalesce(max(position), 0) + 1 FROM library WHERE commune_id = ?1 AND kind = ?2), ?4)",
            params![commune_id, kind, t, chosen as i64],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

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

    /// An activity; the monthly totals are rebuilt once, before the import commits.
    pub fn activity(&self, a: &crate::domain::activity::Activity) -> Result<i64> {
        self.activities.set(true);
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
