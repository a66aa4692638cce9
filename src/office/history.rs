//! The audit trail as the clerk reads it: on a member's page and beside an issued
//! decision or report — what was done, when, by which of the computer's users, each
//! field before and after — and putting a wrong edit of a person's details back.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::{Error, Result};
use crate::domain::audit::{self, Change};
use crate::domain::people::{Person, PersonInput};
use crate::domain::{Field, Lang, Msg};
use crate::store::{Store, TrailEntry};

/// One change, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    /// When, `dd/mm/yyyy HH:MM`.
    pub at: String,
    /// The computer's user, or `—` when the change was recorded before users were.
    pub user: String,
    /// What was done (`Sửa thông tin`, `Tham gia Tổ …`, `Ban hành số 12`).
    pub what: Msg,
    pub changes: Vec<Change>,
    /// An edit of a person's details that can be put back.
    pub can_put_back: bool,
}

impl Entry {
    /// Each changed field on one line: `Số điện thoại: 0912… → 0987…`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.changes
            .iter()
            .map(|c| {
                let name = c.field.name();
                if c.before.is_empty() {
                    format!("{}: {}", name.get(lang), c.shown_after(lang))
                } else {
                    format!(
                        "{}: {} → {}",
                        name.get(lang),
                        c.shown_before(lang),
                        c.shown_after(lang)
                    )
                }
            })
            .collect()
    }
}

fn when(at: &str) -> String {
    NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S")
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn what(e: &TrailEntry, team: &str) -> Msg {
    let d = e.detail.as_str();
    match (e.entity.as_str(), e.action.as_str()) {
        ("person", "create") if d.is_empty() => Msg::new("Thêm vào danh sách", "Added"),
        ("person", "create") => Msg::new(
            format!("Thêm vào danh sách (nhập từ {d})"),
            format!("Added (imported from {d})"),
        ),
        ("person", "update") => Msg::new("Sửa thông tin", "Details edited"),
        ("person", "put_back") => Msg::new("Đặt lại giá trị cũ", "Put back as before"),
        ("person", "delete") => Msg::new("Xoá (nhập nhầm)", "Deleted (entered by mistake)"),
        ("membership", "join") => Msg::new(format!("Tham gia {team}"), format!("Joined {team}")),
        ("membership", "leave") => Msg::new(format!("Rời {team}"), format!("Left {team}")),
        ("membership", "role") => Msg::new(
            format!("Đổi nhiệm vụ trong {team}"),
            format!("Role changed in {team}"),
        ),
        ("decision" | "report", "issue") => {
            Msg::new(format!("Ban hành {d}"), format!("Issued {d}"))
        }
        ("decision" | "report", "void") => Msg::new(
            format!("Huỷ bỏ (lý do: {d})"),
            format!("Voided (reason: {d})"),
        ),
        (_, action) => Msg::new(action.to_string(), action.to_string()),
    }
}

fn worded(store: &Store, entries: Vec<TrailEntry>) -> Result<Vec<Entry>> {
    Ok(worded_with(&store.team_names()?, entries))
}

fn worded_with(names: &HashMap<i64, String>, entries: Vec<TrailEntry>) -> Vec<Entry> {
    let latest_edit = entries
        .iter()
        .find(|e| e.entity == "person" && matches!(e.action.as_str(), "update" | "put_back"))
        .map(|e| e.id);
    entries
        .into_iter()
        .map(|e| {
            let team = e
                .team_id
                .and_then(|t| names.get(&t).cloned())
                .unwrap_or_default();
            // A membership's team is in the title; its id is not worth a line.
            let changes: Vec<Change> = e
                .changes
                .iter()
                .filter(|c| c.field != Field::Team)
                .cloned()
                .collect();
            Entry {
                id: e.id,
                at: when(&e.at),
                user: if e.user.is_empty() {
                    "—".into()
                } else {
                    e.user.clone()
                },
                what: what(&e, &team),
                can_put_back: Some(e.id) == latest_edit && !changes.is_empty(),
                changes,
            }
        })
        .collect()
}

/// The trails of a whole register (`decision` or `report`), by entry id, newest first
/// in each: one query, the team names read once.
pub fn of_register(store: &Store, entity: &str) -> Result<HashMap<i64, Vec<Entry>>> {
    let names = store.team_names()?;
    let mut by_id: HashMap<i64, Vec<TrailEntry>> = HashMap::new();
    for e in store.trails(entity)? {
        by_id.entry(e.entity_id).or_default().push(e);
    }
    Ok(by_id
        .into_iter()
        .map(|(id, entries)| (id, worded_with(&names, entries)))
        .collect())
}

/// A member's whole trail (their details and every team they were in), newest first.
pub fn of_person(store: &Store, person_id: i64) -> Result<Vec<Entry>> {
    let trail = store.person_trail(person_id)?;
    if trail.is_empty() {
        // No trail: say whether the person exists at all (a deleted one keeps theirs).
        store.person(person_id)?;
    }
    worded(store, trail)
}

/// An issued decision's trail (issued, voided), newest first.
pub fn of_decision(store: &Store, id: i64) -> Result<Vec<Entry>> {
    store.issued_decision(id)?;
    worded(store, store.trail("decision", id)?)
}

/// An issued report's trail, newest first.
pub fn of_report(store: &Store, commune_id: i64, id: i64) -> Result<Vec<Entry>> {
    store.issued_report(commune_id, id)?;
    worded(store, store.trail("report", id)?)
}

/// Puts the person's details back as they were before the edit `entry_id`, which must
/// be the latest edit of that person. Refused when any field was changed again since
/// (a conflict: read the page again). The putting back is itself recorded.
pub fn put_back(store: &mut Store, entry_id: i64) -> Result<Person> {
    let entry = store.trail_entry(entry_id)?;
    if entry.entity != "person"
        || !matches!(entry.action.as_str(), "update" | "put_back")
        || entry.changes.is_empty()
    {
        return Err(Error::refused(
            "Chỉ đặt lại được một lần sửa thông tin của một người",
            "Only an edit of a person's details can be put back",
        ));
    }
    let now = store.person(entry.entity_id)?;
    let current = audit::person_fields(&now);
    let changed_since = entry.changes.iter().any(|c| {
        current
            .iter()
            .find(|(f, _)| *f == c.field)
            .is_none_or(|(_, v)| *v != c.after)
    });
    if changed_since {
        return Err(Error::Conflict(Msg::new(
            "Thông tin đã được sửa tiếp sau lần này; hãy xem lại trang của người này",
            "The details were edited again after this; look at the person's page again",
        )));
    }
    let values: Vec<(Field, &str)> = entry
        .changes
        .iter()
        .map(|c| (c.field, c.before.as_str()))
        .collect();
    let back = audit::apply_to_person(&now, &values).ok_or_else(|| {
        Error::refused(
            "Nhật ký của lần sửa này không đọc được; không đặt lại",
            "This edit's record cannot be read; nothing was put back",
        )
    })?;
    // What is put back is held to the form's rules: a trail entry from elsewhere (a
    // bundle, a crafted file) never writes a value the form would refuse.
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    PersonInput::from_person(&back)
        .check(this_year)
        .map_err(Error::Invalid)?;
    Ok(store.put_back_person(&now, &back)?)
}
