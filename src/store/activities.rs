//! Activities and the monthly totals kept with them; activity types; evidence files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, Store, StoreError, log, now_text};
use crate::domain::activity::{Activity, DEFAULT_TYPES};
use crate::domain::{Field, FieldError, Msg, text, vndate};

/// Pseudo-indicators of the monthly totals.
pub const ACTIVITIES: i64 = 0;
pub const PEOPLE: i64 = -1;
pub const HOUSEHOLDS: i64 = -2;

/// One line of the activity log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    pub activity: Activity,
    pub version: i64,
    pub type_name: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: i64,
    pub name: String,
    pub path: PathBuf,
    pub bytes: i64,
    /// A small PNG beside the file, for photos (JPEG, PNG) that could be read.
    pub thumbnail: Option<PathBuf>,
}

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL: u32 = 160;

fn thumbnail_path(stored: &Path) -> PathBuf {
    stored.with_extension("thumb.png")
}

/// Writes the thumbnail of a photo; anything that is not a readable JPEG or PNG has
/// none (the file itself is kept all the same).
fn make_thumbnail(bytes: &[u8], stored: &Path) -> Option<PathBuf> {
    let picture = image::load_from_memory(bytes).ok()?;
    let thumb = picture.thumbnail(THUMBNAIL, THUMBNAIL);
    let path = thumbnail_path(stored);
    let part = path.with_extension("part");
    thumb
        .save_with_format(&part, image::ImageFormat::Png)
        .ok()?;
    std::fs::rename(&part, &path).ok()?;
    Some(path)
}

fn existing_thumbnail(stored: &Path) -> Option<PathBuf> {
    let t = thumbnail_path(stored);
    t.exists().then_some(t)
}

/// Which activities to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ActivityQuery {
    pub commune_id: i64,
    pub team_id: Option<i64>,
    pub village_id: Option<i64>,
    pub type_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// (commune, month, team, indicator, total, entries).
pub type MonthlyRow = (i64, String, i64, i64, i64, i64);

fn month(d: NaiveDate) -> String {
    format!("{}-{:02}", d.year(), d.month())
}

/// Adds (sign 1) or takes away (sign -1) an activity from the monthly totals.
pub(super) fn bump(tx: &Transaction<'_>, a: &Activity, sign: i64) -> Result<()> {
    let m = month(a.on_date);
    let mut lines: Vec<(i64, i64)> = vec![(ACTIVITIES, 1)];
    lines.extend(a.people.map(|n| (PEOPLE, n)));
    lines.extend(a.households.map(|n| (HOUSEHOLDS, n)));
    lines.extend(a.counts.iter().copied());
    let mut up = tx.prepare_cached(
        "INSERT INTO monthly (commune_id, month, team_id, indicator_id, total, entries) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT DO UPDATE SET total = total + excluded.total, entries = entries + excluded.entries",
    )?;
    for (indicator, n) in lines {
        up.execute(params![
            a.commune_id,
            m,
            a.team_id,
            indicator,
            sign * n,
            sign
        ])?;
    }
    if sign < 0 {
        tx.prepare_cached(
            "DELETE FROM monthly WHERE commune_id = ?1 AND month = ?2 AND entries <= 0",
        )?
        .execute(params![a.commune_id, m])?;
    }
    Ok(())
}

fn insert_parts(tx: &Transaction<'_>, id: i64, a: &Activity) -> Result<()> {
    let mut c = tx.prepare_cached(
        "INSERT INTO activity_counts (activity_id, indicator_id, count) VALUES (?1, ?2, ?3)",
    )?;
    for (indicator, n) in &a.counts {
        c.execute(params![id, indicator, n])?;
    }
    let mut p = tx.prepare_cached(
        "INSERT OR IGNORE INTO activity_people (activity_id, person_id) VALUES (?1, ?2)",
    )?;
    for person in &a.participants {
        p.execute(params![id, person])?;
    }
    Ok(())
}

/// Inserts a checked activity and counts it in the monthly totals.
fn insert_activity(tx: &Transaction<'_>, a: &Activity) -> Result<i64> {
    let id = insert_raw(tx, a)?;
    bump(tx, a, 1)?;
    Ok(id)
}

/// Inserts an activity without counting it (bulk imports rebuild the totals after).
pub(super) fn insert_raw(tx: &Transaction<'_>, a: &Activity) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO activities (commune_id, team_id, village_id, on_date, type_id, people, \
         households, note, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.commune_id,
        a.team_id,
        a.village_id,
        a.on_date,
        a.type_id,
        a.people,
        a.households,
        a.note,
        now_text()
    ])?;
    let id = tx.last_insert_rowid();
    insert_parts(tx, id, a)?;
    Ok(id)
}

/// The monthly totals recounted from the activities, as `SELECT` rows of
/// (commune, month, team, indicator, total, entries).
pub(super) const RECOUNT: &str = "\
    SELECT commune_id, substr(on_date, 1, 7), team_id, 0, count(*), count(*)
      FROM activities GROUP BY 1, 2, 3
    UNION ALL
    SELECT commune_id, substr(on_date, 1, 7), team_id, -1, sum(people), count(people)
      FROM activities WHERE people IS NOT NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT commune_id, substr(on_date, 1, 7), team_id, -2, sum(households), count(households)
      FROM activities WHERE households IS NOT NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT a.commune_id, substr(a.on_date, 1, 7), a.team_id, c.indicator_id, sum(c.count), count(*)
      FROM activity_counts c JOIN activities a ON a.id = c.activity_id GROUP BY 1, 2, 3, 4";

/// Rebuilds the monthly totals from the activities inside the caller's transaction.
pub(super) fn rebuild_monthly_in(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM monthly", [])?;
    tx.execute(
        &format!(
            "INSERT INTO monthly (commune_id, month, team_id, indicator_id, total, entries) {RECOUNT}"
        ),
        [],
    )?;
    Ok(())
}

/// The commune's active kinds of activity; the usual ones are added (inside the
/// caller's transaction) when it has none.
pub(super) fn types_in(tx: &Transaction<'_>, commune_id: i64) -> Result<Vec<(i64, String)>> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM activity_types WHERE commune_id = ?1",
        [commune_id],
        |r| r.get(0),
    )?;
    if n == 0 {
        for (i, name) in DEFAULT_TYPES.iter().enumerate() {
            tx.execute(
                "INSERT INTO activity_types (commune_id, name, position) VALUES (?1, ?2, ?3)",
                params![commune_id, name, i as i64],
            )?;
        }
    }
    let mut st = tx.prepare_cached(
        "SELECT id, name FROM activity_types WHERE commune_id = ?1 AND active = 1 ORDER BY position, id",
    )?;
    let rows = st.query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn stale() -> StoreError {
    StoreError::Conflict(Msg::new(
        "Hoạt động này vừa được sửa hoặc xóa ở nơi khác; hãy mở lại để xem bản mới nhất. Chưa lưu gì.",
        "This activity was changed or deleted meanwhile; open it again to see the latest. Nothing was saved.",
    ))
}

impl Store {
    /// The kinds of activity of a commune; the usual ones are added on first use.
    pub fn activity_types(&mut self, commune_id: i64) -> Result<Vec<(i64, String)>> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM activity_types WHERE commune_id = ?1",
            [commune_id],
            |r| r.get(0),
        )?;
        if n == 0 {
            // Checked again inside the transaction: two processes never both add them.
            self.write(|tx| types_in(tx, commune_id).map(|_| ()))?;
        }
        let mut st = self.conn().prepare_cached(
            "SELECT id, name FROM activity_types WHERE commune_id = ?1 AND active = 1 ORDER BY position, id",
        )?;
        let rows = st.query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a kind of activity to the commune's list.
    pub fn add_activity_type(&mut self, commune_id: i64, name: &str) -> Result<i64> {
        let name = text::clean(name);
        if name.is_empty() {
            return Err(StoreError::invalid(FieldError::new(
                Field::ActivityType,
                "tên loại hoạt động không được để trống",
                "the name must not be empty",
            )));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO activity_types (commune_id, name, position) VALUES \
                 (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM activity_types WHERE commune_id = ?1))",
                params![commune_id, name],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn add_activity(&mut self, a: &Activity) -> Result<i64> {
        let team = self.team(a.team_id)?;
        if team.commune_id != a.commune_id {
            return Err(StoreError::invalid(FieldError::new(
                Field::Team,
                "Tổ không thuộc xã này",
                "the team is not of this commune",
            )));
        }
        let id = self.write(|tx| {
            let id = insert_activity(tx, a)?;
            log(tx, "activity", id, "add", &vndate::short(a.on_date))?;
            Ok(id)
        })?;
        Ok(id)
    }

    /// Saves changes to an activity read at `version`; refused (nothing saved) when it
    /// changed meanwhile, so nothing is silently overwritten.
    pub fn update_activity(&mut self, a: &Activity, version: i64) -> Result<i64> {
        let (old, current) = self.activity(a.id)?;
        if current != version {
            return Err(stale());
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE activities SET team_id = ?2, village_id = ?3, on_date = ?4, type_id = ?5, \
                 people = ?6, households = ?7, note = ?8, version = version + 1, updated = ?9 \
                 WHERE id = ?1 AND version = ?10",
                params![
                    a.id,
                    a.team_id,
                    a.village_id,
                    a.on_date,
                    a.type_id,
                    a.people,
                    a.households,
                    a.note,
                    now_text(),
                    version
                ],
            )?;
            if n == 0 {
                return Err(stale());
            }
            tx.execute("DELETE FROM activity_counts WHERE activity_id = ?1", [a.id])?;
            tx.execute("DELETE FROM activity_people WHERE activity_id = ?1", [a.id])?;
            insert_parts(tx, a.id, a)?;
            bump(tx, &old, -1)?;
            bump(tx, a, 1)?;
            log(tx, "activity", a.id, "update", &vndate::short(a.on_date))
        })?;
        Ok(version + 1)
    }

    /// Deletes an activity read at `version` (its counts and evidence records go with it).
    pub fn delete_activity(&mut self, id: i64, version: i64) -> Result<()> {
        let (old, current) = self.activity(id)?;
        if current != version {
            return Err(stale());
        }
        self.write(|tx| {
            tx.execute("DELETE FROM activities WHERE id = ?1", [id])?;
            bump(tx, &old, -1)?;
            log(tx, "activity", id, "delete", &vndate::short(old.on_date))
        })
    }

    /// An activity and its version.
    pub fn activity(&self, id: i64) -> Result<(Activity, i64)> {
        activity_on(self.conn(), id)
    }

    fn activity_where(q: &ActivityQuery) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut wh = Vec::new();
        let mut args = Vec::new();
        let mut push = |sql: &str, v: Value| {
            args.push(v);
            wh.push(format!("{sql} ?{}", args.len()));
        };
        // A team belongs to one commune: its own index (team, day) answers alone, where
        // adding the commune would lead SQLite to walk the whole commune's log.
        match q.team_id {
            Some(t) => push("a.team_id =", Value::Integer(t)),
            None => push("a.commune_id =", Value::Integer(q.commune_id)),
        }
        if let Some(v) = q.village_id {
            push("a.village_id =", Value::Integer(v));
        }
        if let Some(t) = q.type_id {
            push("a.type_id =", Value::Integer(t));
        }
        if let Some(d) = q.from {
            push(
                "a.on_date >=",
                Value::Text(d.format("%Y-%m-%d").to_string()),
            );
        }
        if let Some(d) = q.to {
            push(
                "a.on_date <=",
                Value::Text(d.format("%Y-%m-%d").to_string()),
            );
        }
        (wh.join(" AND "), args)
    }

    /// The log, newest first, filtered and paged.
    pub fn activities(&self, q: &ActivityQuery) -> Result<Vec<ActivityRow>> {
        let (wh, args) = Self::activity_where(q);
        let mut sql =
            format!("SELECT a.id FROM activities a WHERE {wh} ORDER BY a.on_date DESC, a.id DESC");
        if let Some(l) = q.limit {
            sql.push_str(&format!(" LIMIT {l} OFFSET {}", q.offset));
        }
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let types: HashMap<i64, String> = self
            .conn()
            .prepare_cached("SELECT id, name FROM activity_types WHERE commune_id = ?1")?
            .query_map([q.commune_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| {
                let (activity, version) = self.activity(id)?;
                Ok(ActivityRow {
                    type_name: types.get(&activity.type_id).cloned().unwrap_or_default(),
                    evidence: self.evidence(id)?,
                    activity,
                    version,
                })
            })
            .collect()
    }

    pub fn count_activities(&self, q: &ActivityQuery) -> Result<usize> {
        let (wh, args) = Self::activity_where(q);
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) FROM activities a WHERE {wh}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Totals per indicator (and the pseudo-indicators) over months `from..=to`
    /// (`YYYY-MM`), for the given teams or the whole commune: (total, entries).
    pub fn monthly_totals(
        &self,
        commune_id: i64,
        team_ids: Option<&[i64]>,
        from: &str,
        to: &str,
    ) -> Result<HashMap<i64, (i64, i64)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT team_id, indicator_id, total, entries FROM monthly \
             WHERE commune_id = ?1 AND month BETWEEN ?2 AND ?3",
        )?;
        let mut out: HashMap<i64, (i64, i64)> = HashMap::new();
        let rows = st.query_map(params![commune_id, from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (team, indicator, total, entries) = row?;
            if team_ids.is_some_and(|t| !t.contains(&team)) {
                continue;
            }
            let e = out.entry(indicator).or_default();
            e.0 += total;
            e.1 += entries;
        }
        Ok(out)
    }

    /// Rebuilds the monthly totals from the activities, in one transaction.
    pub fn rebuild_monthly(&mut self) -> Result<()> {
        self.write(rebuild_monthly_in)
    }

    /// Every monthly total, sorted: two equal lists mean the totals are right.
    pub fn monthly_snapshot(&self) -> Result<Vec<MonthlyRow>> {
        let mut st = self.conn().prepare(
            "SELECT commune_id, month, team_id, indicator_id, total, entries FROM monthly ORDER BY 1, 2, 3, 4",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The folder evidence files are copied into, beside the database.
    fn evidence_dir(&self) -> Result<PathBuf> {
        let db = self.path().ok_or_else(|| {
            StoreError::refused(
                "Cơ sở dữ liệu tạm (trong bộ nhớ) không lưu được tệp minh chứng",
                "An in-memory database cannot keep evidence files",
            )
        })?;
        Ok(db.parent().unwrap_or(Path::new(".")).join("minh-chung"))
    }

    /// Copies a file as evidence of an activity: named by its content's hash, so the
    /// same photo added twice is stored once, and never overwritten.
    pub fn add_evidence(&mut self, activity_id: i64, source: &Path) -> Result<Evidence> {
        use sha2::{Digest, Sha256};
        self.activity(activity_id)?;
        let context = source.display().to_string();
        let io = |e: std::io::Error| StoreError::Io {
            context: context.clone(),
            source: e,
        };
        let bytes = std::fs::read(source).map_err(io)?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "tep".into());
        let hash = format!("{:x}", Sha256::digest(&bytes));
        let ext = source
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        let dir = self.evidence_dir()?;
        std::fs::create_dir_all(&dir).map_err(io)?;
        let stored = dir.join(format!("{}{ext}", &hash[..32]));
        if !stored.exists() {
            let part = stored.with_extension("part");
            std::fs::write(&part, &bytes).map_err(io)?;
            std::fs::rename(&part, &stored).map_err(io)?;
        }
        let thumbnail = existing_thumbnail(&stored).or_else(|| make_thumbnail(&bytes, &stored));
        let stored_text = stored.display().to_string();
        let len = bytes.len() as i64;
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO evidence (activity_id, name, stored, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![activity_id, name, stored_text, len],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(Evidence {
            id,
            name,
            path: stored,
            bytes: len,
            thumbnail,
        })
    }

    pub fn evidence(&self, activity_id: i64) -> Result<Vec<Evidence>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, name, stored, bytes FROM evidence WHERE activity_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([activity_id], |r| {
            let path = PathBuf::from(r.get::<_, String>(2)?);
            Ok(Evidence {
                id: r.get(0)?,
                name: r.get(1)?,
                thumbnail: existing_thumbnail(&path),
                path,
                bytes: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// An activity and its version, read on a connection (or inside a transaction).
pub(super) fn activity_on(conn: &rusqlite::Connection, id: i64) -> Result<(Activity, i64)> {
    let row = conn
        .prepare_cached(
            "SELECT id, commune_id, team_id, village_id, on_date, type_id, people, households, \
             note, version FROM activities WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                Activity {
                    id: r.get(0)?,
                    commune_id: r.get(1)?,
                    team_id: r.get(2)?,
                    village_id: r.get(3)?,
                    on_date: r.get(4)?,
                    type_id: r.get(5)?,
                    people: r.get(6)?,
                    households: r.get(7)?,
                    counts: Vec::new(),
                    note: r.get(8)?,
                    participants: Vec::new(),
                },
                r.get::<_, i64>(9)?,
            ))
        })
        .optional()?;
    let Some((mut a, version)) = row else {
        return Err(StoreError::not_found(
            format!("Không có hoạt động số {id} (có thể đã bị xóa)"),
            format!("There is no activity {id} (it may have been deleted)"),
        ));
    };
    let mut c = conn.prepare_cached(
        "SELECT indicator_id, count FROM activity_counts WHERE activity_id = ?1 ORDER BY indicator_id",
    )?;
    a.counts = c
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut p =
        conn.prepare_cached("SELECT person_id FROM activity_people WHERE activity_id = ?1")?;
    a.participants = p
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((a, version))
}
