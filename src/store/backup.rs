//! Copies of the database: once a day on first use, before every migration, import and
//! restore, and whenever the clerk asks; reading what a copy holds; putting a copy back.
//!
//! Every copy is a whole database in one file (rollback journal, no `-wal`), written
//! with the SQLite backup API, so it is consistent even while the database is in use.
//! On Unix the database, its `-wal`/`-shm`, the copies and the backup folder are
//! readable by the owner only (0600 / 0700), set when they are created.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Result, Store, StoreError, schema};

/// The folder beside the database where copies go.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

/// The label of the copies taken automatically once a day.
pub const DAILY_LABEL: &str = "tu-dong";

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        context: path.display().to_string(),
        source,
    }
}

/// Creates a folder (and its parents) readable by the owner only on Unix.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| io(dir, e))
}

/// Makes `path` readable by the owner only (0600 on Unix; nothing elsewhere).
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| io(path, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates an empty file readable by the owner only; refuses an existing one.
fn create_private_file(path: &Path) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map(drop).map_err(|e| io(path, e))
}

/// `cnscd.db` → `cnscd.db-wal` (or any other suffix).
pub fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// What a copy holds, read from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub communes: i64,
    /// Current memberships (members who have not left).
    pub members: i64,
    pub decisions: i64,
    pub schema: i64,
}

/// Why a copy cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// SQLite could not read it, or its check found problems (the first is kept).
    Damaged(String),
    /// Not a cnscd database.
    Foreign,
    /// Written by a newer version of the program.
    Newer(i64),
}

/// Opens `path` read-only without creating or changing anything.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Another connection (another cnscd window, a command running now) has the database
/// open. Asked with an exclusive lock that is let go at once: an open WAL connection
/// holds a shared lock on the file for as long as it is open, so the exclusive one is
/// refused while any is. A file that cannot be opened at all (missing, damaged) is held
/// by no one usable.
pub fn in_use_elsewhere(db: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return false;
    };
    if conn.busy_timeout(std::time::Duration::ZERO).is_err()
        || conn
            .pragma_update(None, "locking_mode", "EXCLUSIVE")
            .is_err()
    {
        return false;
    }
    match conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;") {
        Err(rusqlite::Error::SqliteFailure(e, _)) => matches!(
            e.code,
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
        ),
        _ => false,
    }
}

fn refuse_if_in_use(db: &Path) -> Result<()> {
    if in_use_elsewhere(db) {
        return Err(StoreError::refused(
            format!(
                "Cơ sở dữ liệu {} đang được một chương trình khác mở (một cửa sổ cnscd khác, hoặc một lệnh đang chạy); hãy đóng chương trình đó rồi làm lại. Chưa có gì thay đổi.",
                db.display()
            ),
            format!(
                "The database {} is open in another program (another cnscd window, or a command still running); close it, then try again. Nothing was changed.",
                db.display()
            ),
        ));
    }
    Ok(())
}

/// Runs `PRAGMA quick_check` (or the full `integrity_check`) on a connection: the
/// problems found, empty when the file is sound.
fn check_conn(conn: &Connection, full: bool) -> rusqlite::Result<Vec<String>> {
    let sql = if full {
        "PRAGMA integrity_check"
    } else {
        "PRAGMA quick_check"
    };
    let rows: Vec<String> = conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// Checks the database file at `path` read-only, without opening it as a [`Store`]
/// (which would write): the problems found, empty when sound. A file SQLite cannot
/// read at all is one problem, not an error; a missing file is an error.
pub fn check_file(path: &Path, full: bool) -> Result<Vec<String>> {
    if !path.exists() {
        return Err(io(path, std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    let run = || -> rusqlite::Result<Vec<String>> {
        let conn = open_read_only(path)?;
        check_conn(&conn, full)
    };
    match run() {
        Ok(problems) => Ok(problems),
        Err(e) if is_damage(&e) => Ok(vec![technical(&e)]),
        Err(e) => Err(e.into()),
    }
}

/// SQLite's short name for an error, for the end of a message.
/// SQLite's code only, never its English text: `SQLite DatabaseCorrupt/11`.
pub(super) fn technical(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("SQLite {:?}/{}", f.code, f.extended_code),
        _ => "SQLite".to_string(),
    }
}

/// The file is damaged or not a database at all.
pub(super) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Reads what the copy at `path` holds, opening it read-only and checking it.
pub fn inspect(path: &Path) -> std::result::Result<Contents, Unusable> {
    let damaged = |e: rusqlite::Error| Unusable::Damaged(technical(&e));
    let conn = open_read_only(path).map_err(damaged)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(damaged)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    if app_id != APPLICATION_ID {
        return Err(Unusable::Foreign);
    }
    if version > schema::VERSION {
        return Err(Unusable::Newer(version));
    }
    let problems = check_conn(&conn, false).map_err(damaged)?;
    if let Some(first) = problems.into_iter().next() {
        return Err(Unusable::Damaged(first));
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let contents = (|| -> rusqlite::Result<Contents> {
        Ok(Contents {
            communes: count("SELECT count(*) FROM communes")?,
            members: count("SELECT count(*) FROM memberships WHERE left_on IS NULL")?,
            decisions: if version >= 2 {
                count("SELECT count(*) FROM decisions")?
            } else {
                0
            },
            schema: version,
        })
    })();
    contents.map_err(damaged)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The database file that was replaced, moved aside (never deleted); `None` when
    /// there was no file.
    pub kept_aside: Option<PathBuf>,
    /// A copy of the replaced database in the backup folder, when it could be read.
    pub copy_before: Option<PathBuf>,
}

/// Removes what a restore, a setting aside or a copy killed midway left behind: the
/// restore's copy beside the database (`cnscd.db.khoi-phuc-…`), a half-copied file set
/// aside (`cnscd.db.hong-….tmp`) and a half-made backup (`backups/….db.tmp`). Called
/// only while no other program has the database open (none can be writing them).
/// Returns what it removed.
pub fn sweep_leftovers(db: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return removed;
    };
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let beside = |f: &str| {
        f.strip_prefix(name.as_str()).is_some_and(|rest| {
            rest.starts_with(".khoi-phuc-")
                || (rest.starts_with(".hong-")
                    && (rest.ends_with(".tmp") || rest.contains(".tmp-")))
        })
    };
    let in_backups = |f: &str| f.ends_with(".db.tmp") || f.ends_with(".db.tmp-journal");
    for (folder, leftover) in [
        (dir, &beside as &dyn Fn(&str) -> bool),
        (backup_dir(db), &in_backups),
    ] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let f = entry.file_name().to_string_lossy().into_owned();
            if leftover(&f) && entry.path().is_file() && std::fs::remove_file(entry.path()).is_ok()
            {
                removed.push(entry.path());
            }
        }
    }
    removed
}

/// A restored copy brings no notes of unfinished issues (see `store/pending.rs`): they
/// were the state of another moment, perhaps of another computer, and the files they
/// name are not this database's to remove.
fn forget_issue_notes(copy: &Path) -> Result<()> {
    let conn = Connection::open(copy)?;
    let has_notes: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'pending_files'",
        [],
        |r| r.get(0),
    )?;
    if has_notes > 0 {
        conn.execute("DELETE FROM pending_files", [])?;
    }
    Ok(())
}

/// Puts the copy `from` in place of the database `db`, which must not be open.
///
/// The copy is verified first (it opens, its check is clean, it is a cnscd database
/// not from a newer version). The current file is then copied to the backup folder
/// when SQLite can still read it, and moved aside with its `-wal`/`-shm` as
/// `cnscd.db.hong-YYYYMMDD-HHMMSS` (never deleted); the copy is written beside the
/// database under a temporary name and renamed into place, so the database is never
/// half-written. Works when the current file is damaged or cannot be opened at all.
pub fn restore_file(db: &Path, from: &Path) -> Result<Restored> {
    match inspect(from) {
        Ok(_) => {}
        Err(Unusable::Damaged(why)) => {
            return Err(StoreError::refused(
                format!(
                    "Bản sao lưu {} bị hỏng, không khôi phục ({why})",
                    from.display()
                ),
                format!(
                    "The backup {} is damaged; nothing restored ({why})",
                    from.display()
                ),
            ));
        }
        Err(Unusable::Foreign) => {
            return Err(StoreError::Foreign {
                path: from.display().to_string(),
            });
        }
        Err(Unusable::Newer(found)) => {
            return Err(StoreError::NewerSchema {
                path: from.display().to_string(),
                found,
                supported: schema::VERSION,
            });
        }
    }
    if same_file(db, from) {
        return Err(StoreError::refused(
            "Bản được chọn chính là cơ sở dữ liệu đang dùng",
            "The chosen copy is the database in use",
        ));
    }
    // On Windows the rename below fails while the file is open; elsewhere it would
    // succeed and the other program would go on writing into the copy set aside.
    refuse_if_in_use(db)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    if let Some(dir) = db.parent() {
        create_private_dir(dir)?;
    }
    // Every step leaves the database's own path holding either the old database whole
    // or the restored one whole: killed anywhere, nothing is half restored and the
    // path is never empty (a new, empty database would be made there on next open).
    // 1. The copy to put in place, written beside the database and synced.
    let temp = sidecar(db, &format!(".khoi-phuc-{stamp}"));
    let _ = std::fs::remove_file(&temp);
    let written = (|| -> Result<()> {
        create_private_file(&temp)?;
        std::fs::copy(from, &temp).map_err(|e| io(&temp, e))?;
        forget_issue_notes(&temp)?;
        make_private(&temp)?;
        sync_file(&temp).map_err(|e| io(&temp, e))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    let mut copy_before = None;
    let mut kept_aside = None;
    if db.exists() {
        // 2. A sound current file is copied into the backup folder, where the list
        //    shows it, and its journal folded in (its -wal then holds nothing).
        if let Ok(conn) = open_read_only(db)
            && check_conn(&conn, false).is_ok_and(|p| p.is_empty())
        {
            let dest = free_name(&backup_dir(db), &stem(db), "truoc-khoi-phuc", &stamp);
            if copy_conn(&conn, &dest).is_ok() {
                copy_before = Some(dest);
            }
            drop(conn);
            if let Ok(rw) = Connection::open_with_flags(
                db,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ) {
                let _ = rw.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            }
        }
        // 3. The file as it is (damaged or not) is copied aside, never moved: a copy
        //    under a temporary name, renamed when whole.
        let result = copy_aside(db, &stamp);
        let aside = match result {
            Ok(a) => a,
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                return Err(e);
            }
        };
        kept_aside = Some(aside);
        // 4. The old journal must not be replayed into the restored file (the copy
        //    aside keeps it). Refused here, the restored copy is not left behind.
        for suffix in ["-wal", "-shm"] {
            let side = sidecar(db, suffix);
            if side.exists()
                && let Err(e) = std::fs::remove_file(&side)
            {
                let _ = std::fs::remove_file(&temp);
                return Err(io(&side, e));
            }
        }
    }
    // 5. One rename puts the restored file in place.
    if let Err(e) = std::fs::rename(&temp, db).map_err(|e| io(db, e)) {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(db);
    Ok(Restored {
        kept_aside,
        copy_before,
    })
}

/// Copies the database file `db` (not open) with its `-wal`/`-shm` to
/// `cnscd.db.hong-YYYYMMDD-HHMMSS` (each under a temporary name until whole); returns
/// the new name. The original stays where it is.
fn copy_aside(db: &Path, stamp: &str) -> Result<PathBuf> {
    let mut aside = sidecar(db, &format!(".hong-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = sidecar(db, &format!(".hong-{stamp}-{n}"));
    }
    for (from, to) in [
        (sidecar(db, "-wal"), sidecar(&aside, "-wal")),
        (sidecar(db, "-shm"), sidecar(&aside, "-shm")),
        (db.to_path_buf(), aside.clone()),
    ] {
        if !from.exists() {
            continue;
        }
        let part = sidecar(&to, ".tmp");
        let _ = std::fs::remove_file(&part);
        create_private_file(&part)?;
        std::fs::copy(&from, &part)
            .and_then(|_| sync_file(&part))
            .and_then(|_| std::fs::rename(&part, &to))
            .map_err(|e| {
                let _ = std::fs::remove_file(&part);
                io(&to, e)
            })?;
    }
    Ok(aside)
}

/// Flushes a written file to the disk. Opened for writing: Windows refuses to flush
/// a file opened only for reading ("Access denied").
fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// Makes a rename in `path`'s folder durable (Unix; Windows has no such call).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Moves the database file `db` (not open) with its `-wal`/`-shm` aside as
/// `cnscd.db.hong-YYYYMMDD-HHMMSS` (never deleting anything); returns the new name.
pub fn set_aside(db: &Path) -> Result<PathBuf> {
    refuse_if_in_use(db)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut aside = sidecar(db, &format!(".hong-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = sidecar(db, &format!(".hong-{stamp}-{n}"));
    }
    std::fs::rename(db, &aside).map_err(|e| io(db, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = sidecar(db, suffix);
        if side.exists() {
            std::fs::rename(&side, sidecar(&aside, suffix)).map_err(|e| io(&side, e))?;
        }
    }
    Ok(aside)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cnscd".into())
}

/// `dir/{stem}-{label}-{stamp}.db`, with `-2`, `-3`… when that name is taken.
fn free_name(dir: &Path, stem: &str, label: &str, stamp: &str) -> PathBuf {
    let mut dest = dir.join(format!("{stem}-{label}-{stamp}.db"));
    let mut n = 1;
    while dest.exists() || sidecar(&dest, ".tmp").exists() {
        n += 1;
        dest = dir.join(format!("{stem}-{label}-{stamp}-{n}.db"));
    }
    dest
}

/// Copies the database behind `source` into the new file `dest` (never overwriting
/// one): written under a temporary name, made a single file, then renamed.
fn copy_conn(source: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(io(
            dest,
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    if let Some(dir) = dest.parent() {
        create_private_dir(dir)?;
    }
    let temp = sidecar(dest, ".tmp");
    create_private_file(&temp)?;
    let result = (|| -> Result<()> {
        {
            let mut target = Connection::open(&temp)?;
            {
                let backup = rusqlite::backup::Backup::new(source, &mut target)?;
                backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
            }
            // One self-contained file: no -wal beside the copy.
            let _: String =
                target.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        }
        make_private(&temp)?;
        sync_file(&temp).map_err(|e| io(&temp, e))?;
        if dest.exists() {
            return Err(io(
                dest,
                std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            ));
        }
        std::fs::rename(&temp, dest).map_err(|e| io(dest, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        let _ = std::fs::remove_file(sidecar(&temp, "-journal"));
    }
    result
}

impl Store {
    /// Writes a consistent copy of the open database to the new file `dest` (the SQLite
    /// backup API: safe while the database is in use, and includes what is still in
    /// the WAL). An existing file is never overwritten.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_conn(self.conn(), dest)
    }

    /// A copy into `dir` named `{stem}-{label}-YYYYMMDD-HHMMSS.db`; returns its path.
    pub fn backup_into(&self, dir: &Path, label: &str) -> Result<PathBuf> {
        let Some(db) = self.path() else {
            return Err(StoreError::refused(
                "Cơ sở dữ liệu trong bộ nhớ không có tệp để sao lưu",
                "An in-memory database has no file to back up",
            ));
        };
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        let dest = free_name(dir, &stem(db), label, &stamp);
        self.backup_to(&dest)?;
        Ok(dest)
    }

    /// A copy into the backup folder with a time stamp; returns its path.
    pub fn backup_now(&self, label: &str) -> Result<PathBuf> {
        let Some(db) = self.path() else {
            return self.backup_into(Path::new(""), label);
        };
        self.backup_into(&backup_dir(db), label)
    }

    pub(super) fn backup_before_migration(&self, from: i64) -> Result<PathBuf> {
        self.backup_now(&format!("truoc-nang-cap-v{from}"))
    }

    /// `PRAGMA quick_check` (or the full `integrity_check`): the problems found.
    pub fn health_check(&self, full: bool) -> Result<Vec<String>> {
        Ok(check_conn(self.conn(), full)?)
    }
}
