//! Members brought in from a spreadsheet: the people already known are looked up and
//! every line is written in one transaction that takes the write lock first, so what
//! the plan was made from cannot change before the commit — all lines or none.

use rusqlite::{Connection, params};

use super::people::{insert_membership, insert_person_from};
use super::{Result, Store};
use crate::domain::member_sheet::Known;
use crate::domain::people::{Joining, Person};

/// One line an import writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWrite {
    /// A new person joins the team.
    New { person: Person, joining: Joining },
    /// A person already in the database joins the team.
    Link { person_id: i64, joining: Joining },
}

/// The commune of a team (refused naming the team when there is none).
fn commune_of(conn: &Connection, team_id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT commune_id FROM teams WHERE id = ?1")?
        .query_row([team_id], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => super::teams::no_team(team_id),
            e => e.into(),
        })
}

/// The people of the team's commune, marked when they are in the team now.
fn known_in(conn: &Connection, team_id: i64, commune_id: i64) -> Result<Known> {
    let in_team: std::collections::HashSet<i64> = conn
        .prepare_cached("SELECT person_id FROM memberships WHERE team_id = ?1 AND left_on IS NULL")?
        .query_map([team_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut known = Known::default();
    let mut st = conn.prepare_cached(
        "SELECT id, full_name, position, phone, birth_year, citizen_id FROM people \
         WHERE commune_id = ?1",
    )?;
    let rows = st.query_map([commune_id], |r| {
        Ok(Person {
            id: r.get(0)?,
            commune_id,
            full_name: r.get(1)?,
            position: r.get(2)?,
            phone: r.get(3)?,
            birth_year: r.get(4)?,
            citizen_id: r.get(5)?,
            ..Default::default()
        })
    })?;
    for p in rows {
        let p = p?;
        let member = in_team.contains(&p.id);
        known.add(&p, member);
    }
    Ok(known)
}

impl Store {
    /// The people of the team's commune, as an import looks them up (reads only).
    pub fn known_people(&self, team_id: i64) -> Result<Known> {
        known_in(self.conn(), team_id, commune_of(self.conn(), team_id)?)
    }

    /// Plans an import from the people known inside one transaction, then writes every
    /// line the plan returns: all of them, or — on any error — none. Returns the new
    /// membership ids, in the plan's order, and what the plan returned beside.
    pub fn import_members<T>(
        &mut self,
        team_id: i64,
        source: &str,
        plan: impl FnOnce(&Known) -> Result<(Vec<ImportWrite>, T)>,
    ) -> Result<(Vec<i64>, T)> {
        self.write(|tx| {
            let commune_id = commune_of(tx, team_id)?;
            let known = known_in(tx, team_id, commune_id)?;
            let (writes, beside) = plan(&known)?;
            let mut ids = Vec::with_capacity(writes.len());
            for w in &writes {
                let id = match w {
                    ImportWrite::New { person, joining } => {
                        let person_id = insert_person_from(tx, commune_id, person, source)?;
                        insert_membership(tx, team_id, person_id, joining)?
                    }
                    ImportWrite::Link { person_id, joining } => {
                        let same_commune: bool = tx
                            .prepare_cached(
                                "SELECT count(*) FROM people WHERE id = ?1 AND commune_id = ?2",
                            )?
                            .query_row(params![person_id, commune_id], |r| r.get(0))?;
                        if !same_commune {
                            return Err(super::StoreError::refused(
                                format!("Không có người số {person_id} trong xã của Tổ"),
                                format!("There is no person {person_id} in the team's commune"),
                            ));
                        }
                        insert_membership(tx, team_id, *person_id, joining)?
                    }
                };
                ids.push(id);
            }
            Ok((ids, beside))
        })
    }
}
