//! The roster as the screens ask for it: one page of members in Vietnamese order, and
//! how many match — counted only up to [`COUNT_CAP`], so a keystroke in the search
//! never waits for counting tens of thousands of matches.

use std::collections::HashMap;

use super::Result;
use crate::domain::people::{Person, Role};
use crate::domain::vndate;
use crate::store::{MemberQuery, Store};

/// Matches are counted up to this many; beyond it the roster says "more than".
pub const COUNT_CAP: usize = 1000;

/// One line of the roster table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub membership_id: i64,
    pub name: String,
    pub position: String,
    pub role: Role,
    pub team_id: i64,
    pub phone: String,
    pub joined_on: Option<String>,
    pub left_on: Option<String>,
}

/// How many members match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exact(usize),
    /// More than this many (the count stopped at the cap).
    MoreThan(usize),
}

impl Default for Total {
    fn default() -> Self {
        Self::Exact(0)
    }
}

impl Total {
    /// The number of pages of `size` lines, when it is known.
    pub fn pages(self, size: usize) -> Option<usize> {
        match self {
            Self::Exact(n) => Some(n.div_ceil(size.max(1)).max(1)),
            Self::MoreThan(_) => None,
        }
    }
}

/// A page of the roster and the count of all matches.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub lines: Vec<Line>,
    pub total: Total,
}

/// The page `page` (from 0) of `size` lines of the members `query` selects.
pub fn page(store: &Store, query: &MemberQuery, page: usize, size: usize) -> Result<Page> {
    let q = MemberQuery {
        limit: Some(size),
        offset: page * size,
        ..query.clone()
    };
    let rows = store.members(&q)?;
    let counted = store.count_members_upto(
        &MemberQuery {
            limit: None,
            offset: 0,
            ..query.clone()
        },
        COUNT_CAP + 1,
    )?;
    let total = if counted > COUNT_CAP {
        Total::MoreThan(COUNT_CAP)
    } else {
        Total::Exact(counted)
    };
    let lines = rows
        .into_iter()
        .map(|r| Line {
            membership_id: r.membership.id,
            name: r.person.display_name().to_string(),
            position: if r.person.is_slot() {
                String::new()
            } else {
                r.person.position.clone()
            },
            role: r.membership.role,
            team_id: r.membership.team_id,
            phone: r.person.phone.clone().unwrap_or_default(),
            joined_on: r.membership.joined_on.map(vndate::short),
            left_on: r.membership.left_on.map(vndate::short),
        })
        .collect();
    Ok(Page { lines, total })
}

/// A team the roster's filter offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
}

/// The home commune's teams for the filter, and every team's name for the table.
pub fn teams(store: &Store) -> Result<(Vec<TeamChoice>, HashMap<i64, String>)> {
    let names = store.team_names()?;
    let mut out = Vec::new();
    if let Some(c) = store.home_commune()? {
        for t in store.teams(c.id)? {
            if let Some(name) = names.get(&t.id) {
                out.push(TeamChoice {
                    id: t.id,
                    name: name.clone(),
                });
            }
        }
    }
    Ok((out, names))
}

/// Corrects a member's details and role in one step: both are saved or neither, and
/// each changed field goes into the change log.
pub fn edit_member(
    store: &mut Store,
    membership_id: i64,
    person: &Person,
    role: Role,
) -> Result<Person> {
    Ok(store.edit_member(membership_id, person, role)?)
}

/// Deletes a member entered by mistake (the person and their one membership), while
/// nothing refers to them; otherwise refused, saying why.
pub fn delete_member(store: &mut Store, membership_id: i64) -> Result<Person> {
    let m = store.membership(membership_id)?;
    Ok(store.delete_person(m.person_id)?)
}
