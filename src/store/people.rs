//! People, memberships and the member lists. Leaving ends a membership; nothing here
//! deletes one.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::teams::no_team;
use super::{Result, Store, StoreError, log_changes};
use crate::domain::Field;
use crate::domain::audit::{self, Change};
use crate::domain::people::{Gender, Joining, Leaving, Membership, Person, Role};
use crate::domain::team::TeamStatus;
use crate::domain::text;

const PERSON_COLS: &str = "p.id, p.commune_id, p.full_name, p.given_name, p.gender, p.birth_year, \
                           p.position, p.phone, p.email, p.citizen_id, p.notes";
const MEMBERSHIP_COLS: &str = "m.id, m.team_id, m.person_id, m.role, m.duties, m.joined_on, \
                               m.joined_by, m.left_on, m.leave_reason, m.left_by";

fn person_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(at)?,
        commune_id: r.get(at + 1)?,
        full_name: r.get(at + 2)?,
        given_name: r.get(at + 3)?,
        gender: r.get::<_, Option<i64>>(at + 4)?.and_then(Gender::from_code),
        birth_year: r.get(at + 5)?,
        position: r.get(at + 6)?,
        phone: r.get(at + 7)?,
        email: r.get(at + 8)?,
        citizen_id: r.get(at + 9)?,
        notes: r.get(at + 10)?,
    })
}

fn membership_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Membership> {
    let role: String = r.get(at + 3)?;
    Ok(Membership {
        id: r.get(at)?,
        team_id: r.get(at + 1)?,
        person_id: r.get(at + 2)?,
        role: Role::from_code(&role).unwrap_or(Role::Member),
        duties: r.get(at + 4)?,
        joined_on: r.get(at + 5)?,
        joined_by: r.get(at + 6)?,
        left_on: r.get(at + 7)?,
        leave_reason: r.get(at + 8)?,
        left_by: r.get(at + 9)?,
    })
}

/// One line of a member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub membership: Membership,
    pub person: Person,
}

/// One line of a person's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub membership: Membership,
    pub team_name: String,
}

/// The column a member list is sorted by; names sort the Vietnamese way (given name,
/// then middle, then family name) and break every other tie.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum MemberSort {
    #[default]
    Name,
    /// Leader, deputies, members.
    Role,
    /// The commune team first, then village teams in the order they were set up.
    Team,
    Joined,
}

impl MemberSort {
    fn order_by(self, descending: bool) -> String {
        let dir = if descending { " DESC" } else { "" };
        let first = match self {
            Self::Name => return format!("m.sort_key{dir}, m.id{dir}"),
            Self::Role => "CASE m.role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END",
            Self::Team => "m.team_id",
            Self::Joined => "coalesce(m.joined_on, '')",
        };
        format!("{first}{dir}, m.sort_key, m.id")
    }
}

/// Which members to list.
#[derive(Debug, Clone, Default)]
pub struct MemberQuery {
    pub commune_id: Option<i64>,
    pub team_id: Option<i64>,
    pub role: Option<Role>,
    /// Typed search text, any accents or case.
    pub search: String,
    /// Include those who have left.
    pub include_left: bool,
    pub limit: Option<usize>,
    pub offset: usize,
    pub sort: MemberSort,
    pub descending: bool,
}

/// The typed search as folded words (accents and case dropped). Groups of digits one
/// after another are one number, as a phone is typed in pieces (`0935 111`, `0935.111`).
fn search_words(search: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut last_digits = false;
    for w in text::fold(search)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let digits = w.bytes().all(|b| b.is_ascii_digit());
        match words.last_mut() {
            Some(prev) if digits && last_digits => prev.push_str(w),
            _ => words.push(w.to_string()),
        }
        last_digits = digits;
    }
    words
}

/// The FTS5 query for typed text: every word, as a prefix, all required.
fn fts_query(search: &str) -> Option<String> {
    let words: Vec<String> = search_words(search)
        .iter()
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What the full-text query means, checked on one person's folded search text: every
/// word begins one of the text's words.
fn words_match(words: &[String], search_text: &str) -> bool {
    words.iter().all(|w| {
        search_text
            .split(|c: char| !c.is_alphanumeric())
            .any(|t| t.starts_with(w.as_str()))
    })
}

pub(super) fn insert_person(tx: &Transaction<'_>, commune_id: i64, p: &Person) -> Result<i64> {
    insert_person_from(tx, commune_id, p, "")
}

/// [`insert_person`], its arrival logged with where it came from (`source`: the
/// spreadsheet of an import; empty when typed).
pub(super) fn insert_person_from(
    tx: &Transaction<'_>,
    commune_id: i64,
    p: &Person,
    source: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO people (commune_id, full_name, given_name, gender, birth_year, position, \
         phone, email, citizen_id, notes, search_text, sort_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        commune_id,
        p.full_name,
        p.given_name,
        p.gender.map(Gender::code),
        p.birth_year,
        p.position,
        p.phone,
        p.email,
        p.citizen_id,
        p.notes,
        p.search_text(),
        p.sort_key(),
    ])?;
    let id = tx.last_insert_rowid();
    log_created(tx, id, p, source)?;
    Ok(id)
}

/// Saves a person's details; with `expected`, only if they still are that (a
/// conflict otherwise). Records each changed field.
fn save_person_tx(
    tx: &Transaction<'_>,
    person: &Person,
    expected: Option<&Person>,
    action: &str,
) -> Result<()> {
    let old = tx
        .prepare_cached(&format!(
            "SELECT {PERSON_COLS} FROM people p WHERE p.id = ?1"
        ))?
        .query_row([person.id], |r| person_at(r, 0))
        .optional()?
        .ok_or_else(|| {
            StoreError::not_found(
                format!("Không có người số {}", person.id),
                format!("There is no person with id {}", person.id),
            )
        })?;
    if expected.is_some_and(|e| *e != old) {
        return Err(StoreError::Conflict(crate::domain::Msg::new(
            "Thông tin của người này vừa được sửa; hãy xem lại rồi làm lại",
            "This person's details were just changed; look again, then retry",
        )));
    }
    tx.execute(
        "UPDATE people SET full_name = ?2, given_name = ?3, gender = ?4, birth_year = ?5, \
         position = ?6, phone = ?7, email = ?8, citizen_id = ?9, notes = ?10, \
         search_text = ?11, sort_key = ?12 WHERE id = ?1",
        params![
            person.id,
            person.full_name,
            person.given_name,
            person.gender.map(Gender::code),
            person.birth_year,
            person.position,
            person.phone,
            person.email,
            person.citizen_id,
            person.notes,
            person.search_text(),
            person.sort_key(),
        ],
    )?;
    tx.execute(
        "UPDATE memberships SET sort_key = ?2 WHERE person_id = ?1",
        params![person.id, person.sort_key()],
    )?;
    let changes = audit::person_changes(&old, person);
    if changes.is_empty() {
        return Ok(());
    }
    log_changes(tx, "person", person.id, action, "", &changes)
}

/// Changes a current membership's role and duties, recording both.
fn role_tx(tx: &Transaction<'_>, m: &Membership, role: Role, duties: &str) -> Result<()> {
    tx.execute(
        "UPDATE memberships SET role = ?2, duties = ?3 WHERE id = ?1",
        params![m.id, role.code(), duties],
    )?;
    let changes = audit::role_changes(m, role, duties);
    log_changes(tx, "membership", m.id, "role", role.code(), &changes)
}

/// A person added (by the clerk, an import, the demo): every field given, as the
/// trail's "after", in the same transaction as the person.
fn log_created(tx: &Transaction<'_>, id: i64, person: &Person, source: &str) -> Result<()> {
    let changes: Vec<Change> = audit::person_fields(person)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(field, v)| Change::new(field, "", v))
        .collect();
    log_changes(tx, "person", id, "create", source, &changes)
}

pub(super) fn insert_membership(
    tx: &Transaction<'_>,
    team_id: i64,
    person_id: i64,
    j: &Joining,
) -> Result<i64> {
    let status: Option<String> = tx
        .prepare_cached("SELECT status FROM teams WHERE id = ?1")?
        .query_row([team_id], |r| r.get(0))
        .optional()?;
    match status.as_deref() {
        None => return Err(no_team(team_id)),
        Some(s) if s == TeamStatus::Dissolved.code() => {
            return Err(StoreError::refused(
                "Tổ đã giải thể, không nhận thêm thành viên",
                "The team is dissolved and takes no new members",
            ));
        }
        _ => {}
    }
    let already: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM memberships WHERE team_id = ?1 AND person_id = ?2 AND left_on IS NULL",
        )?
        .query_row(params![team_id, person_id], |r| r.get(0))
        .optional()?;
    if already.is_some() {
        return Err(StoreError::refused(
            "Người này đang là thành viên của Tổ; không thêm lần nữa",
            "This person is already a current member of the team",
        ));
    }
    tx.prepare_cached(
        "INSERT INTO memberships (team_id, person_id, role, duties, joined_on, joined_by, sort_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT sort_key FROM people WHERE id = ?2))",
    )?
    .execute(params![
        team_id,
        person_id,
        j.role.code(),
        j.duties,
        j.joined_on,
        j.joined_by
    ])?;
    let id = tx.last_insert_rowid();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let changes: Vec<Change> = [
        Change::new(Field::Team, "", team_id.to_string()),
        Change::new(Field::Role, "", j.role.code()),
        Change::new(Field::Duties, "", j.duties.clone()),
        Change::new(Field::JoinedOn, "", date(j.joined_on)),
        Change::new(Field::Decision, "", j.joined_by.clone()),
    ]
    .into_iter()
    .filter(|c| !c.after.is_empty())
    .collect();
    log_changes(tx, "membership", id, "join", j.role.code(), &changes)?;
    Ok(id)
}

impl Store {
    /// Saves a new person (already checked by `PersonInput::check`).
    pub fn add_person(&mut self, commune_id: i64, person: &Person) -> Result<Person> {
        self.commune(commune_id)?;
        let id = self.write(|tx| insert_person(tx, commune_id, person))?;
        self.person(id)
    }

    pub fn update_person(&mut self, person: &Person) -> Result<Person> {
        self.person(person.id)?;
        self.save_person(person, None, "update")
    }

    /// Puts a person's details back to `back`, provided they still are `expected`
    /// (checked inside the writing transaction); recorded as a putting back.
    pub fn put_back_person(&mut self, expected: &Person, back: &Person) -> Result<Person> {
        self.save_person(back, Some(expected), "put_back")
    }

    fn save_person(
        &mut self,
        person: &Person,
        expected: Option<&Person>,
        action: &str,
    ) -> Result<Person> {
        self.write(|tx| save_person_tx(tx, person, expected, action))?;
        self.person(person.id)
    }

    /// Deletes a person entered by mistake, with their one membership — only while
    /// nothing refers to them: no activity they took part in, no joining or leaving
    /// decision, no other team, and their name in no issued decision or report. Checked
    /// inside the writing transaction; otherwise refused, saying why (end the
    /// membership instead). The change log keeps what was deleted.
    pub fn delete_person(&mut self, person_id: i64) -> Result<Person> {
        let person = self.person(person_id)?;
        let refused = |vi: &str, en: &str| {
            StoreError::refused(
                format!(
                    "Không xoá được {}: {vi}; hãy ghi nhận rời Tổ thay vì xoá",
                    person.display_name()
                ),
                format!(
                    "{} cannot be deleted: {en}; record the leaving instead",
                    person.display_name()
                ),
            )
        };
        self.write(|tx| {
            let activities: i64 = tx.query_row(
                "SELECT count(*) FROM activity_people WHERE person_id = ?1",
                [person_id],
                |r| r.get(0),
            )?;
            if activities > 0 {
                return Err(refused(
                    "đã có trong hoạt động của Tổ",
                    "they took part in recorded activities",
                ));
            }
            let (memberships, decided): (i64, i64) = tx.query_row(
                "SELECT count(*), coalesce(sum(joined_by <> '' OR left_on IS NOT NULL OR left_by <> ''), 0) \
                 FROM memberships WHERE person_id = ?1",
                [person_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if memberships > 1 || decided > 0 {
                return Err(refused(
                    "đã có quá trình tham gia (quyết định, rời Tổ, nhiều Tổ)",
                    "they have a membership history (a decision, a leaving, several teams)",
                ));
            }
            if !person.full_name.is_empty() {
                let pattern = format!("%{}%", person.full_name);
                let named: i64 = tx.query_row(
                    "SELECT (SELECT count(*) FROM decisions WHERE model LIKE ?1) \
                     + (SELECT count(*) FROM reports WHERE model LIKE ?1)",
                    [&pattern],
                    |r| r.get(0),
                )?;
                if named > 0 {
                    return Err(refused(
                        "có tên trong văn bản đã ban hành",
                        "they are named in an issued document",
                    ));
                }
            }
            let gone: Vec<Change> = audit::person_fields(&person)
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(field, v)| Change::new(field, v, ""))
                .collect();
            tx.execute("DELETE FROM memberships WHERE person_id = ?1", [person_id])?;
            tx.execute("DELETE FROM people WHERE id = ?1", [person_id])?;
            log_changes(tx, "person", person_id, "delete", "", &gone)
        })?;
        Ok(person)
    }

    /// Corrects a member's details and role together: both or neither.
    pub fn edit_member(
        &mut self,
        membership_id: i64,
        person: &Person,
        role: Role,
    ) -> Result<Person> {
        let m = self.membership(membership_id)?;
        if m.person_id != person.id {
            return Err(StoreError::refused(
                "Lượt tham gia này không phải của người đang sửa",
                "This membership is not the edited person's",
            ));
        }
        if m.role != role && !m.is_current() {
            return Err(StoreError::refused(
                "Không sửa được vai trò của người đã rời Tổ",
                "The role of someone who has left cannot be changed",
            ));
        }
        self.write(|tx| {
            save_person_tx(tx, person, None, "update")?;
            if m.role != role {
                role_tx(tx, &m, role, &m.duties)?;
            }
            Ok(())
        })?;
        self.person(person.id)
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {PERSON_COLS} FROM people p WHERE p.id = ?1"
            ))?
            .query_row([id], |r| person_at(r, 0))
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có người số {id}"),
                    format!("There is no person with id {id}"),
                )
            })
    }

    /// A person joins a team.
    pub fn join(&mut self, team_id: i64, person_id: i64, joining: &Joining) -> Result<Membership> {
        let person = self.person(person_id)?;
        let team = self.team(team_id)?;
        if person.commune_id != team.commune_id {
            return Err(StoreError::refused(
                "Người và Tổ thuộc hai xã khác nhau",
                "The person and the team belong to different communes",
            ));
        }
        let id = self.write(|tx| insert_membership(tx, team_id, person_id, joining))?;
        self.membership(id)
    }

    /// A new person and their joining, saved together or not at all.
    pub fn add_member(
        &mut self,
        team_id: i64,
        person: &Person,
        joining: &Joining,
    ) -> Result<MemberRow> {
        let team = self.team(team_id)?;
        let id = self.write(|tx| {
            let person_id = insert_person(tx, team.commune_id, person)?;
            insert_membership(tx, team_id, person_id, joining)
        })?;
        self.member_row(id)
    }

    /// Ends a membership. The record stays, with the date, reason and decision.
    pub fn leave(&mut self, membership_id: i64, leaving: &Leaving) -> Result<Membership> {
        let m = self.membership(membership_id)?;
        if !m.is_current() {
            return Err(StoreError::refused(
                "Thành viên này đã rời Tổ trước đó",
                "This member has already left the team",
            ));
        }
        if let Some(j) = m.joined_on
            && leaving.left_on < j
        {
            return Err(StoreError::invalid(crate::domain::FieldError::new(
                crate::domain::Field::LeftOn,
                "không được trước ngày tham gia",
                "cannot be before the joining date",
            )));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE memberships SET left_on = ?2, leave_reason = ?3, left_by = ?4 WHERE id = ?1",
                params![membership_id, leaving.left_on, leaving.reason, leaving.left_by],
            )?;
            let changes: Vec<Change> = [
                Change::new(Field::LeftOn, "", leaving.left_on.to_string()),
                Change::new(Field::Reason, "", leaving.reason.clone()),
                Change::new(Field::Decision, "", leaving.left_by.clone()),
            ]
            .into_iter()
            .filter(|c| !c.after.is_empty())
            .collect();
            log_changes(tx, "membership", membership_id, "leave", &leaving.reason, &changes)
        })?;
        self.membership(membership_id)
    }

    /// Changes the role and duties of a current membership.
    pub fn change_role(
        &mut self,
        membership_id: i64,
        role: Role,
        duties: &str,
    ) -> Result<Membership> {
        let m = self.membership(membership_id)?;
        if !m.is_current() {
            return Err(StoreError::refused(
                "Không sửa được vai trò của người đã rời Tổ",
                "The role of someone who has left cannot be changed",
            ));
        }
        let duties = text::clean_multiline(duties);
        self.write(|tx| role_tx(tx, &m, role, &duties))?;
        self.membership(membership_id)
    }

    pub fn membership(&self, id: i64) -> Result<Membership> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {MEMBERSHIP_COLS} FROM memberships m WHERE m.id = ?1"
            ))?
            .query_row([id], |r| membership_at(r, 0))
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có lượt tham gia số {id}"),
                    format!("There is no membership with id {id}"),
                )
            })
    }

    pub fn member_row(&self, membership_id: i64) -> Result<MemberRow> {
        let membership = self.membership(membership_id)?;
        let person = self.person(membership.person_id)?;
        Ok(MemberRow { membership, person })
    }

    /// Members sorted the Vietnamese way (given name, middle, family), filtered.
    ///
    /// A search with few matches starts from the full-text index; one with many (a
    /// common given name) walks the roster index in order and keeps the matching
    /// people, stopping at the page's end.
    pub fn members(&self, q: &MemberQuery) -> Result<Vec<MemberRow>> {
        if let (Some(limit), Some(fts)) = (q.limit, fts_query(&q.search)) {
            // How many people match, counted no further than the threshold.
            let matches: i64 = self.conn().prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM people_fts WHERE people_fts MATCH ?1 LIMIT ?2)",
            )?
            .query_row(rusqlite::params![fts, WALK_THRESHOLD as i64 + 1], |r| r.get(0))?;
            if matches as usize > WALK_THRESHOLD {
                let words = search_words(&q.search);
                let walk = MemberQuery {
                    search: String::new(),
                    limit: None,
                    offset: 0,
                    ..q.clone()
                };
                let (sql, args) = member_sql(&walk, Select::IdsText);
                let mut st = self.conn().prepare_cached(&sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
                let mut page = Vec::with_capacity(limit);
                let mut skipped = 0;
                while let Some(r) = rows.next()? {
                    let text: String = r.get(1)?;
                    if !words_match(&words, &text) {
                        continue;
                    }
                    if skipped < q.offset {
                        skipped += 1;
                        continue;
                    }
                    page.push(r.get::<_, i64>(0)?);
                    if page.len() == limit {
                        break;
                    }
                }
                return page.into_iter().map(|id| self.member_row(id)).collect();
            }
        }
        let whole_roster = q.search.trim().is_empty() && q.team_id.is_none();
        if q.limit.is_some() && (whole_roster || fts_query(&q.search).is_some()) {
            // A page of the whole roster: skip along the covering index, then read the
            // page. A search with fewer matches than the walk needs sorts only the
            // matches' keys and reads the page's rows alone (not every match's).
            let (sql, args) = member_sql(q, Select::Ids);
            let ids: Vec<i64> = self
                .conn()
                .prepare_cached(&sql)?
                .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            return ids.into_iter().map(|id| self.member_row(id)).collect();
        }
        let (sql, args) = member_sql(q, Select::Rows);
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(MemberRow {
                membership: membership_at(r, 0)?,
                person: person_at(r, 10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many members `members` would list without its limit.
    pub fn count_members(&self, q: &MemberQuery) -> Result<usize> {
        let (sql, args) = member_sql(q, Select::Count);
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The commune's members on a day, by role (leaders, deputies, members): those
    /// who had joined by then (or whose joining day is not known) and had not left.
    pub fn members_on(&self, commune_id: i64, day: chrono::NaiveDate) -> Result<[i64; 3]> {
        let mut st = self.conn().prepare_cached(
            "SELECT m.role, count(*) FROM memberships m JOIN teams t ON t.id = m.team_id \
             WHERE t.commune_id = ?1 AND (m.joined_on IS NULL OR m.joined_on <= ?2) \
             AND (m.left_on IS NULL OR m.left_on > ?2) GROUP BY m.role",
        )?;
        let mut out = [0; 3];
        let rows = st.query_map(rusqlite::params![commune_id, day], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (role, n) = row?;
            let i = match role.as_str() {
                "leader" => 0,
                "deputy" => 1,
                _ => 2,
            };
            out[i] += n;
        }
        Ok(out)
    }

    /// Counts matches up to `cap` and stops there: the roster shows "more than 1.000"
    /// without reading every match on each keystroke.
    pub fn count_members_upto(&self, q: &MemberQuery, cap: usize) -> Result<usize> {
        let (sql, args) = member_sql(q, Select::Count);
        let sql = sql.replacen("SELECT count(*) FROM", "SELECT 1 FROM", 1);
        let sql = format!("SELECT count(*) FROM ({sql} LIMIT {cap})");
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Every membership a person has had, newest first, with the team's name.
    pub fn person_history(&self, person_id: i64) -> Result<Vec<HistoryRow>> {
        let names = self.team_names()?;
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {MEMBERSHIP_COLS} FROM memberships m WHERE m.person_id = ?1 \
             ORDER BY m.left_on IS NULL DESC, coalesce(m.joined_on, '') DESC, m.id DESC"
        ))?;
        let rows = st.query_map([person_id], |r| membership_at(r, 0))?;
        let mut out = Vec::new();
        for m in rows {
            let membership = m?;
            out.push(HistoryRow {
                team_name: names.get(&membership.team_id).cloned().unwrap_or_default(),
                membership,
            });
        }
        Ok(out)
    }
}

/// Above this many matching people, a paged search walks the roster index instead.
const WALK_THRESHOLD: usize = 3_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Select {
    Rows,
    Ids,
    /// The membership's id and the person's folded search text, for walking.
    IdsText,
    Count,
}

fn member_sql(q: &MemberQuery, select: Select) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut args: Vec<Value> = Vec::new();
    let mut wh: Vec<String> = Vec::new();
    let fts = fts_query(&q.search);
    // With a search, start from the full-text index (few rows); else from the team.
    let from = if let Some(f) = fts {
        args.push(Value::Text(f));
        wh.push(format!("people_fts MATCH ?{}", args.len()));
        if matches!(select, Select::Ids | Select::Count) && q.commune_id.is_none() {
            // The memberships hold the sort key: the people's rows are not read.
            "people_fts f CROSS JOIN memberships m ON m.person_id = f.rowid"
        } else {
            "people_fts f CROSS JOIN people p ON p.id = f.rowid \
             CROSS JOIN memberships m ON m.person_id = p.id"
        }
    } else if select == Select::IdsText {
        // In roster order, each person looked up by key.
        "memberships m CROSS JOIN people p ON p.id = m.person_id"
    } else if select == Select::Ids && q.commune_id.is_none() {
        "memberships m"
    } else {
        "memberships m JOIN people p ON p.id = m.person_id"
    };
    if let Some(t) = q.team_id {
        args.push(Value::Integer(t));
        wh.push(format!("m.team_id = ?{}", args.len()));
    }
    if let Some(c) = q.commune_id {
        args.push(Value::Integer(c));
        wh.push(format!("p.commune_id = ?{}", args.len()));
    }
    if let Some(r) = q.role {
        args.push(Value::Text(r.code().into()));
        wh.push(format!("m.role = ?{}", args.len()));
    }
    if !q.include_left {
        wh.push("m.left_on IS NULL".into());
    }
    let where_sql = if wh.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", wh.join(" AND "))
    };
    let cols = match select {
        Select::Count => return (format!("SELECT count(*) FROM {from}{where_sql}"), args),
        Select::Ids => "m.id, m.person_id".to_string(),
        Select::IdsText => "m.id, p.search_text".to_string(),
        Select::Rows => format!("{MEMBERSHIP_COLS}, {PERSON_COLS}"),
    };
    let mut sql = format!(
        "SELECT {cols} FROM {from}{where_sql} ORDER BY {}",
        q.sort.order_by(q.descending)
    );
    if let Some(limit) = q.limit {
        sql.push_str(&format!(" LIMIT {limit} OFFSET {}", q.offset));
    }
    (sql, args)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_phone_typed_in_pieces_is_one_number() {
        use super::search_words;
        assert_eq!(search_words("0935 111"), ["0935111"]);
        assert_eq!(search_words("0935.111.222"), ["0935111222"]);
        assert_eq!(search_words("thôn 1 an"), ["thon", "1", "an"]);
    }

    use super::fts_query;

    #[test]
    fn the_walk_matches_as_the_index_does() {
        use super::{search_words, words_match};
        let text = "nguyen thi bich ngoc cong chuc van hoa 0912345678";
        assert!(words_match(&search_words("Ngọc"), text));
        assert!(words_match(&search_words("bich ng"), text));
        assert!(words_match(&search_words("0912"), text));
        assert!(!words_match(&search_words("gọc"), text), "a word's middle");
        assert!(!words_match(&search_words("ngoc hung"), text), "every word");
    }

    #[test]
    fn search_words_become_prefix_terms() {
        assert_eq!(fts_query("  Ngọc "), Some("\"ngoc\"*".into()));
        assert_eq!(fts_query("Đắk Nia"), Some("\"dak\"* \"nia\"*".into()));
        assert_eq!(fts_query("H'Thoan"), Some("\"h\"* \"thoan\"*".into()));
        assert_eq!(fts_query(" \" * "), None);
    }
}
