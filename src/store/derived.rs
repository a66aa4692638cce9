//! Data kept beside what it is derived from: the monthly totals (from the activities),
//! the people's sort keys and folded search text (from their names), the memberships'
//! copy of the sort key, and the search index. Each is written in the transaction that
//! writes its source; this checks them against a recount and rebuilds them.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::activities::{RECOUNT, rebuild_monthly_in};
use super::{Result, Store};
use crate::domain::people::Person;

/// What disagreed with a recount (and, when repaired, was rebuilt).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DerivedReport {
    /// Monthly total rows missing, extra or different from a recount of the activities.
    pub monthly: usize,
    /// People whose sort key or search text differs from the one made from their name.
    pub people_keys: usize,
    /// Memberships whose copy of the person's sort key differs.
    pub membership_keys: usize,
    /// The search index failed its integrity check.
    pub search_index: bool,
    /// The disagreements were rebuilt (in one transaction).
    pub repaired: bool,
}

impl DerivedReport {
    /// Everything agreed.
    pub fn is_clean(&self) -> bool {
        self.monthly == 0
            && self.people_keys == 0
            && self.membership_keys == 0
            && !self.search_index
    }
}

fn people(tx: &Transaction<'_>) -> Result<Vec<(Person, Vec<u8>, String)>> {
    let mut st = tx.prepare(
        "SELECT id, full_name, given_name, position, phone, sort_key, search_text FROM people",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            Person {
                id: r.get(0)?,
                full_name: r.get(1)?,
                given_name: r.get(2)?,
                position: r.get(3)?,
                phone: r.get(4)?,
                ..Default::default()
            },
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Compares the derived data with a recount inside `tx`, and rebuilds what disagrees
/// when `repair` is set.
pub(super) fn check_in(tx: &Transaction<'_>, repair: bool) -> Result<DerivedReport> {
    let mut report = DerivedReport::default();
    let monthly: i64 = tx.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM (SELECT * FROM monthly EXCEPT SELECT * FROM ({RECOUNT}))) \
             + (SELECT count(*) FROM (SELECT * FROM ({RECOUNT}) EXCEPT SELECT * FROM monthly))"
        ),
        [],
        |r| r.get(0),
    )?;
    report.monthly = monthly as usize;
    let mut keys: HashMap<i64, Vec<u8>> = HashMap::new();
    let mut wrong_people = Vec::new();
    for (p, key, search) in people(tx)? {
        let want_key = p.sort_key();
        let want_search = p.search_text();
        if key != want_key || search != want_search {
            wrong_people.push((p.id, want_key.clone(), want_search));
        }
        keys.insert(p.id, want_key);
    }
    report.people_keys = wrong_people.len();
    let mut wrong_memberships = Vec::new();
    {
        let mut st = tx.prepare("SELECT id, person_id, sort_key FROM memberships")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, person, key) = row?;
            if let Some(want) = keys.get(&person).filter(|w| **w != key) {
                wrong_memberships.push((id, want.clone()));
            }
        }
    }
    report.membership_keys = wrong_memberships.len();
    report.search_index = tx
        .execute(
            "INSERT INTO people_fts (people_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .is_err();
    if repair && !report.is_clean() {
        if report.monthly > 0 {
            rebuild_monthly_in(tx)?;
        }
        for (id, key, search) in &wrong_people {
            tx.prepare_cached("UPDATE people SET sort_key = ?2, search_text = ?3 WHERE id = ?1")?
                .execute(params![id, key, search])?;
        }
        for (id, key) in &wrong_memberships {
            tx.prepare_cached("UPDATE memberships SET sort_key = ?2 WHERE id = ?1")?
                .execute(params![id, key])?;
        }
        if report.search_index || !wrong_people.is_empty() {
            tx.execute("INSERT INTO people_fts (people_fts) VALUES ('rebuild')", [])?;
        }
        report.repaired = true;
    }
    Ok(report)
}

impl Store {
    /// Checks the derived data against a recount, in one transaction; with `repair`,
    /// rebuilds what disagrees in that same transaction (all of it, or nothing).
    pub fn check_derived(&mut self, repair: bool) -> Result<DerivedReport> {
        if repair {
            return self.write(|tx| check_in(tx, true));
        }
        // Only reading: a deferred transaction, so a writer elsewhere is not waited for.
        let tx = self.conn.unchecked_transaction()?;
        let report = check_in(&tx, false)?;
        tx.rollback()?;
        Ok(report)
    }
}
