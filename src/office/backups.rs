//! Backups, restore and the health check ("nothing lost").
//!
//! - Once a day, on the first open of a file database that holds a commune, a copy
//!   labelled `tu-dong` goes into `backups/` beside the database. Automatic copies are
//!   kept on a schedule — the newest of each of the last 7 days, of each of the last 4
//!   ISO weeks and of each of the last 12 months — and the others are removed. Copies
//!   with another label (before a migration, an import or a restore, or asked for by
//!   the clerk) are never removed.
//! - [`back_up_to`] writes a copy into any folder (a USB stick) under a time-stamped
//!   name, never overwriting a file.
//! - [`list`] reads what each copy holds by opening it read-only; a damaged copy is
//!   listed as damaged.
//! - [`restore`] puts a verified copy in place of the database, keeping the replaced
//!   file aside (see [`crate::store::restore_file`]).
//! - [`health`] checks the database file and names the copies that could replace it.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{Error, Result};
use crate::domain::{Lang, Msg};
use crate::store::{self, Contents, Restored, Store, Unusable};

/// A copy of the database found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken: from its name, else from the file's time.
    pub taken: NaiveDateTime,
    /// Taken automatically (pruned on the schedule).
    pub automatic: bool,
    /// What it holds, or why it cannot be used.
    pub contents: std::result::Result<Contents, Unusable>,
}

impl Backup {
    pub fn usable(&self) -> bool {
        self.contents.is_ok()
    }

    /// One line for the clerk: date and contents, or what is wrong with it.
    pub fn describe(&self, lang: Lang) -> String {
        let date = self.taken.format("%d/%m/%Y %H:%M");
        match (&self.contents, lang) {
            (Ok(c), Lang::Vi) => format!(
                "{date}: {} xã, {} thành viên, {} quyết định đã ban hành",
                c.communes, c.members, c.decisions
            ),
            (Ok(c), Lang::En) => {
                let n = |k: i64, one: &str, many: &str| {
                    format!("{k} {}", if k == 1 { one } else { many })
                };
                format!(
                    "{date}: {}, {}, {}",
                    n(c.communes, "commune", "communes"),
                    n(c.members, "member", "members"),
                    n(c.decisions, "issued decision", "issued decisions")
                )
            }
            (Err(u), _) => format!("{date}: {}", unusable_text(u).get(lang)),
        }
    }
}

fn unusable_text(u: &Unusable) -> Msg {
    match u {
        Unusable::Damaged(why) => Msg::new(format!("bị hỏng ({why})"), format!("damaged ({why})")),
        Unusable::Foreign => Msg::new("không phải cơ sở dữ liệu cnscd", "not a cnscd database"),
        Unusable::Newer(v) => Msg::new(
            format!("của phiên bản mới hơn (lược đồ {v})"),
            format!("from a newer version (schema {v})"),
        ),
    }
}

/// The time stamp `YYYYMMDD-HHMMSS` in a copy's name (`cnscd-tu-dong-20261129-153000.db`,
/// possibly followed by `-2`).
pub fn stamp_in_name(name: &str) -> Option<NaiveDateTime> {
    let base = name.strip_suffix(".db")?;
    let bytes = base.as_bytes();
    // The last 15-character run "DDDDDDDD-DDDDDD" in the name.
    (0..=bytes.len().checked_sub(15)?).rev().find_map(|i| {
        let s = base.get(i..i + 15)?;
        NaiveDateTime::parse_from_str(s, "%Y%m%d-%H%M%S").ok()
    })
}

fn is_automatic(name: &str) -> bool {
    name.contains(&format!("-{}-", store::DAILY_LABEL))
}

/// Which automatic copies the schedule keeps, given when each was taken: the newest of
/// each of the last 7 days, of each of the last 4 ISO weeks and of each of the last 12
/// months (all counted back from `today`, today included). Copies dated after today
/// (a clock set back) are kept.
pub fn keep_on_schedule(taken: &[NaiveDateTime], today: NaiveDate) -> Vec<bool> {
    use std::collections::HashMap;
    let week_of = |d: NaiveDate| {
        let w = d.iso_week();
        (w.year(), w.week())
    };
    let month_index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let this_week_monday = today - chrono::Days::new(today.weekday().num_days_from_monday() as u64);
    let oldest_week = week_of(this_week_monday - chrono::Days::new(7 * 3));
    let oldest_month = month_index(today) - 11;
    let oldest_day = today - chrono::Days::new(6);
    let mut newest: HashMap<(u8, i64), usize> = HashMap::new();
    let mut keep = vec![false; taken.len()];
    for (i, t) in taken.iter().enumerate() {
        let d = t.date();
        if d > today {
            keep[i] = true;
            continue;
        }
        let mut buckets = Vec::new();
        if d >= oldest_day {
            buckets.push((0u8, d.num_days_from_ce() as i64));
        }
        let w = week_of(d);
        if w >= oldest_week {
            buckets.push((1, w.0 as i64 * 100 + w.1 as i64));
        }
        if month_index(d) >= oldest_month {
            buckets.push((2, month_index(d) as i64));
        }
        for b in buckets {
            let e = newest.entry(b).or_insert(i);
            if taken[*e] < *t {
                *e = i;
            }
        }
    }
    for i in newest.into_values() {
        keep[i] = true;
    }
    keep
}

/// Removes the automatic copies in `dir` the schedule no longer keeps; returns them.
pub fn prune(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let autos: Vec<(PathBuf, NaiveDateTime)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let t = stamp_in_name(&name).filter(|_| is_automatic(&name))?;
            Some((e.path(), t))
        })
        .collect();
    let taken: Vec<NaiveDateTime> = autos.iter().map(|(_, t)| *t).collect();
    let keep = keep_on_schedule(&taken, today);
    let mut removed = Vec::new();
    for ((path, _), keep) in autos.into_iter().zip(keep) {
        if !keep {
            std::fs::remove_file(&path).map_err(|e| Error::file(&path, &e))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// The automatic copy of the day: taken when the database (a file holding a commune)
/// has none dated today, then the older ones are pruned. Returns the new copy.
pub fn daily(store: &Store) -> Result<Option<PathBuf>> {
    let Some(db) = store.path() else {
        return Ok(None);
    };
    if store.home_commune()?.is_none() {
        return Ok(None);
    }
    let dir = store::backup_dir(db);
    let now = chrono::Local::now().naive_local();
    let today = now.date();
    let has_today = std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            is_automatic(&name) && stamp_in_name(&name).is_some_and(|t| t.date() == today)
        })
    });
    if has_today {
        return Ok(None);
    }
    let path = store.backup_now(store::DAILY_LABEL)?;
    prune(&dir, today)?;
    Ok(Some(path))
}

/// A copy into `folder` (a USB stick), named `cnscd-sao-luu-YYYYMMDD-HHMMSS.db`; an
/// existing file is never overwritten. Returns the path written.
pub fn back_up_to(store: &Store, folder: &Path) -> Result<PathBuf> {
    if !folder.is_dir() {
        return Err(Error::not_found(
            format!("Không có thư mục {}", folder.display()),
            format!("There is no folder {}", folder.display()),
        ));
    }
    Ok(store.backup_into(folder, "sao-luu")?)
}

/// A copy into the backup folder beside the database.
pub fn back_up_now(store: &Store) -> Result<PathBuf> {
    Ok(store.backup_now("sao-luu")?)
}

/// The copies in the backup folder of `db` and in `more` (if given), newest first.
pub fn list(db: &Path, more: Option<&Path>) -> Vec<Backup> {
    let mut found = list_folder(&store::backup_dir(db));
    if let Some(dir) = more {
        for b in list_folder(dir) {
            if !found.iter().any(|f| f.path == b.path) {
                found.push(b);
            }
        }
    }
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.path.cmp(&a.path)));
    found
}

fn list_folder(dir: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".db") {
                return None;
            }
            let taken = stamp_in_name(&name).or_else(|| {
                let modified = e.metadata().ok()?.modified().ok()?;
                Some(chrono::DateTime::<chrono::Local>::from(modified).naive_local())
            })?;
            let path = e.path();
            Some(Backup {
                contents: store::inspect(&path),
                automatic: is_automatic(&name),
                taken,
                path,
            })
        })
        .collect()
}

/// Puts the copy `from` in place of the database file `db`, which must not be open
/// (see [`crate::store::restore_file`]); works when `db` is damaged or unreadable.
pub fn restore(db: &Path, from: &Path) -> Result<Restored> {
    Ok(store::restore_file(db, from)?)
}

/// Restores `from` over the database `store` has open: closes it, restores, and opens
/// the restored database in its place. When the restore fails, the old one is opened
/// again (or stays closed, in memory, if even that fails, and the error is returned).
pub fn restore_open(store: &mut Store, from: &Path) -> Result<Restored> {
    let Some(db) = store.path().map(Path::to_path_buf) else {
        return Err(Error::refused(
            "Cơ sở dữ liệu trong bộ nhớ không khôi phục được",
            "An in-memory database cannot be restored",
        ));
    };
    let placeholder = Store::open_in_memory()?;
    drop(std::mem::replace(store, placeholder));
    let restored = restore(&db, from);
    *store = Store::open(&db)?;
    restored
}

/// Starts a new, empty database at `db`: an existing file is moved aside first
/// (`cnscd.db.hong-…`, never deleted). Returns the new database and the old file's
/// new name.
pub fn start_new(db: &Path) -> Result<(Store, Option<PathBuf>)> {
    let aside = if db.exists() {
        Some(store::set_aside(db)?)
    } else {
        None
    };
    Ok((Store::open(db)?, aside))
}

/// What the health check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub path: PathBuf,
    /// SQLite's findings, empty when the file is sound.
    pub problems: Vec<String>,
    /// The usable copies that could be restored, newest first.
    pub backups: Vec<Backup>,
}

impl Health {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The finding in both languages, naming the copies that could be restored.
    pub fn message(&self) -> Msg {
        let path = self.path.display();
        if self.ok() {
            return Msg::new(
                format!("Cơ sở dữ liệu {path} không có lỗi."),
                format!("The database {path} has no problems."),
            );
        }
        let first = &self.problems[0];
        let n = self.problems.len();
        let names = |lang: Lang| {
            self.backups
                .iter()
                .map(|b| format!("\n  {}  {}", b.path.display(), b.describe(lang)))
                .collect::<String>()
        };
        let (vi_tail, en_tail) = if self.backups.is_empty() {
            (
                "\nKhông tìm thấy bản sao lưu dùng được trong thư mục backups.".to_string(),
                "\nNo usable backup was found in the backups folder.".to_string(),
            )
        } else {
            (
                format!(
                    "\nCó thể khôi phục một bản sao lưu (cnscd restore TỆP):{}",
                    names(Lang::Vi)
                ),
                format!(
                    "\nA backup can be restored (cnscd restore FILE):{}",
                    names(Lang::En)
                ),
            )
        };
        Msg::new(
            format!(
                "Cơ sở dữ liệu {path} bị hỏng ({n} lỗi; đầu tiên: {first}). Đừng ghi thêm vào tệp này.{vi_tail}"
            ),
            format!(
                "The database {path} is damaged ({n} problems; the first: {first}). Do not write to it.{en_tail}"
            ),
        )
    }
}

/// Checks the database file at `db` read-only (`PRAGMA quick_check`, or the full
/// `integrity_check`); a file SQLite calls malformed is a finding, not an error.
pub fn health(db: &Path, full: bool) -> Result<Health> {
    if !db.exists() {
        return Err(Error::not_found(
            format!(
                "Không có cơ sở dữ liệu {}; hãy kiểm tra đường dẫn (--db)",
                db.display()
            ),
            format!(
                "There is no database {}; check the path (--db)",
                db.display()
            ),
        ));
    }
    let problems = store::check_file(db, full)?;
    let backups = if problems.is_empty() {
        Vec::new()
    } else {
        list(db, None).into_iter().filter(Backup::usable).collect()
    };
    Ok(Health {
        path: db.to_path_buf(),
        problems,
        backups,
    })
}

/// The setting that remembers the day of the last full check that found no damage.
const LAST_FULL_CHECK: &str = "check.full.last";

/// Days between two automatic full checks.
pub const FULL_CHECK_EVERY_DAYS: i64 = 7;

/// The day of the last full check that found the database sound, if any.
pub fn last_full_check(store: &Store) -> Result<Option<NaiveDate>> {
    Ok(store
        .setting(LAST_FULL_CHECK)?
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

/// The file to check fully now: a file database whose last sound full check is a week
/// old or more (or was never done, or is dated after `today`: a clock set back).
pub fn full_check_due(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>> {
    let Some(path) = store.path() else {
        return Ok(None);
    };
    let due = match last_full_check(store)? {
        None => true,
        Some(last) => last > today || (today - last).num_days() >= FULL_CHECK_EVERY_DAYS,
    };
    Ok(due.then(|| path.to_path_buf()))
}

/// Remembers a full check that found no damage (a damaged file is checked again at
/// the next start, until it is restored).
pub fn record_full_check(store: &mut Store, health: &Health, today: NaiveDate) -> Result<()> {
    if health.ok() {
        mark_sound(store, today)?;
    }
    Ok(())
}

/// Remembers that a full check found no damage today.
pub fn mark_sound(store: &mut Store, today: NaiveDate) -> Result<()> {
    Ok(store.set_setting(LAST_FULL_CHECK, &today.format("%Y-%m-%d").to_string())?)
}

/// The whole-file check of an open database, away from its connection (a read-only
/// one of its own), remembered when sound: the weekly check and "check now".
pub fn full_check(store: &mut Store, today: NaiveDate) -> Result<Health> {
    let Some(path) = store.path().map(Path::to_path_buf) else {
        return Err(Error::refused(
            "Cơ sở dữ liệu trong bộ nhớ không cần kiểm tra",
            "An in-memory database has no file to check",
        ));
    };
    let health = health(&path, true)?;
    record_full_check(store, &health, today)?;
    Ok(health)
}

/// The program using the database last did not close it: its `-wal` file is still
/// there. SQLite removes `-wal` when the last connection closes normally, so a `-wal`
/// found before opening means a crash, a power cut or a killed process — or another
/// program that has the database open now, in which case the check costs a moment
/// and finds nothing. No marker of ours is needed, so no stop can forget to write it.
pub fn stopped_uncleanly(db: &Path) -> bool {
    store::sidecar(db, "-wal").exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_stamp_is_read_from_the_name() {
        assert_eq!(
            stamp_in_name("cnscd-tu-dong-20261129-153000.db"),
            Some(at("2026-11-29 15:30"))
        );
        assert_eq!(
            stamp_in_name("cnscd-sao-luu-20261129-153000-2.db"),
            Some(at("2026-11-29 15:30"))
        );
        assert_eq!(stamp_in_name("cnscd.db"), None);
    }

    #[test]
    fn two_copies_of_a_day_keep_the_newest() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let keep = keep_on_schedule(&[at("2026-11-29 08:00"), at("2026-11-29 09:00")], today);
        assert_eq!(keep, vec![false, true]);
    }
}
