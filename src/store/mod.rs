//! The embedded SQLite database: migrations, queries, transactions, backups.
//!
//! Every write runs in a transaction; the journal is WAL with `synchronous = FULL`, so a
//! committed record survives a killed process and a power cut.

pub mod activities;
mod backup;
mod decisions;
mod derived;
mod eoffice;
mod exchange;
mod history;
mod import;
mod indicators;
mod members_import;
mod pending;
mod people;
mod places;
mod province;
mod reports;
mod return_sheets;
pub mod schema;
mod teams;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::domain::{FieldError, Lang, Msg, audit};

pub use activities::{ActivityQuery, ActivityRow, Evidence};
pub use backup::{
    Contents, DAILY_LABEL, Restored, Unusable, backup_dir, check_file, create_private_dir,
    in_use_elsewhere, inspect, make_private, restore_file, set_aside, sidecar, sweep_leftovers,
};
pub use decisions::{
    IssuedDecision, LibraryItem, LibraryKind, NewIssue, USUAL_BASES, USUAL_RECIPIENTS,
    usual_recipients,
};
pub use derived::DerivedReport;
pub use eoffice::{DocKind, NewDraft, NewSigned, NumberingDraft, SignedCopy};
pub use exchange::{BUNDLE_FORMAT, BUNDLE_VERSION, BundleSummary};
pub use history::TrailEntry;
pub use import::Import;
pub use indicators::{PeriodFigures, ProgressLine, Scope};
pub use members_import::ImportWrite;
pub use pending::PendingFile;
pub use people::{HistoryRow, MemberQuery, MemberRow, MemberSort};
pub use places::NewCommune;
pub use province::{NewSubmission, SubmissionRow};
pub use reports::{IssuedReport, NewReport, TeamTotals};
pub use return_sheets::{NewReturnSheet, ReturnSheetRow, TakenIn};
pub use teams::TeamSummary;

/// Marks a file as a cnscd database (`PRAGMA application_id`): "CNSC".
pub const APPLICATION_ID: i64 = 0x434E_5343;

/// The variable that overrides the database path.
pub const DB_ENV: &str = "CNSCD_DB";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path} has schema version {found}; this program knows up to {supported}")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path} is not a cnscd database")]
    Foreign { path: String },
    #[error("{}", .0.iter().map(|e| e.message(Lang::Vi)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("{}", .0.vi)]
    NotFound(Msg),
    #[error("{}", .0.vi)]
    Refused(Msg),
    /// The record changed since it was read; nothing was saved.
    #[error("{}", .0.vi)]
    Conflict(Msg),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub fn invalid(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }

    pub fn not_found(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::NotFound(Msg::new(vi, en))
    }

    pub fn refused(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::Refused(Msg::new(vi, en))
    }

    /// The message for the clerk, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Self::NewerSchema {
                    path,
                    found,
                    supported,
                },
                Lang::Vi,
            ) => format!(
                "Cơ sở dữ liệu {path} do phiên bản mới hơn của chương trình tạo ra (lược đồ {found}, \
                 phiên bản này chỉ biết đến {supported}). Không mở để tránh làm hỏng dữ liệu: \
                 hãy cập nhật chương trình."
            ),
            (
                Self::NewerSchema {
                    path,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "The database {path} was written by a newer version of the program (schema {found}, \
                 this version knows up to {supported}). It was not opened, so nothing is damaged: \
                 please update the program."
            ),
            (Self::Foreign { path }, Lang::Vi) => {
                format!("Tệp {path} không phải cơ sở dữ liệu của cnscd; không mở.")
            }
            (Self::Foreign { path }, Lang::En) => {
                format!("The file {path} is not a cnscd database; it was not opened.")
            }
            (Self::Invalid(errors), _) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            (Self::NotFound(m) | Self::Refused(m) | Self::Conflict(m), _) => {
                m.get(lang).to_string()
            }
            (Self::Io { context, source }, Lang::Vi) => format!("Lỗi tệp ({context}): {source}"),
            (Self::Io { context, source }, Lang::En) => format!("File error ({context}): {source}"),
            (Self::Sqlite(e), _) => sqlite_message(e, lang),
        }
    }
}

/// Puts an SQLite error into plain words for the clerk: what happened and what to do,
/// never SQLite's own text; a short technical code ends the message in parentheses.
pub fn sqlite_message(e: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode as C;
    let vi_en = |vi: &str, en: &str| match lang {
        Lang::Vi => vi.to_string(),
        Lang::En => en.to_string(),
    };
    let Some(code) = e.sqlite_error_code() else {
        let tech = match e {
            rusqlite::Error::QueryReturnedNoRows => "no rows".to_string(),
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..) => "type".to_string(),
            _ => "internal".to_string(),
        };
        return vi_en(
            &format!("Không đọc được dữ liệu như mong đợi; hãy chạy \"cnscd check\" ({tech})"),
            &format!("The data could not be read as expected; run \"cnscd check\" ({tech})"),
        );
    };
    let text = match code {
        C::DatabaseCorrupt | C::NotADatabase => vi_en(
            "Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu. Đừng ghi thêm: hãy chạy \
             \"cnscd check\" để kiểm tra rồi khôi phục một bản sao lưu (\"cnscd backups\", \
             \"cnscd restore TỆP\" hoặc màn hình khôi phục)",
            "The database file is damaged or is not a database. Do not write to it: run \
             \"cnscd check\", then restore a backup (\"cnscd backups\", \"cnscd restore FILE\" \
             or the recovery screen)",
        ),
        C::ConstraintViolation => vi_en(
            "Dữ liệu trái quy tắc của cơ sở dữ liệu (trùng hoặc thiếu bản ghi liên quan); không lưu gì",
            "The data breaks a rule of the database (a duplicate or a missing related record); nothing was saved",
        ),
        C::DatabaseBusy | C::DatabaseLocked => vi_en(
            "Một chương trình khác đang dùng cơ sở dữ liệu; hãy thử lại sau ít phút",
            "Another program is using the database; try again in a moment",
        ),
        C::DiskFull => vi_en(
            "Ổ đĩa đã đầy; không lưu được. Hãy giải phóng chỗ trống rồi thử lại",
            "The disk is full; nothing was saved. Free some space, then try again",
        ),
        C::ReadOnly | C::PermissionDenied => vi_en(
            "Không được phép ghi vào tệp cơ sở dữ liệu (chỉ đọc hoặc thiếu quyền); hãy kiểm tra quyền của tệp và thư mục",
            "The database file cannot be written (read-only or no permission); check the file's and folder's permissions",
        ),
        C::CannotOpen => vi_en(
            "Không mở được tệp cơ sở dữ liệu; hãy kiểm tra đường dẫn và thư mục chứa nó",
            "The database file could not be opened; check the path and its folder",
        ),
        C::SystemIoFailure => vi_en(
            "Không đọc ghi được ổ đĩa — thường vì ổ đã đầy hoặc USB bị rút ra; hãy xem chỗ trống của ổ (và cắm lại USB) rồi thử lại. Không có gì đã lưu dở",
            "The disk could not be read or written — most often it is full, or a USB stick was pulled out; check the free space (and put the stick back), then try again. Nothing was half saved",
        ),
        C::TooBig => vi_en(
            "Dữ liệu quá lớn; không lưu",
            "The data is too large; nothing was saved",
        ),
        _ => vi_en(
            "Cơ sở dữ liệu không làm được việc này; hãy thử lại, nếu vẫn lỗi hãy chạy \"cnscd check\"",
            "The database could not do this; try again, and if it fails again run \"cnscd check\"",
        ),
    };
    let tech = match e {
        rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
        _ => 0,
    };
    format!("{text} (SQLite {code:?}/{tech})")
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// The default database: `cnscd.db` in the user's data folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "cnscd", "cnscd").map(|d| d.data_dir().join("cnscd.db"))
}

/// `--db PATH`, else `CNSCD_DB`, else the default.
pub fn resolve_path(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_path)
}

impl Store {
    /// Opens (creating if needed) the database at `path`, upgrading its schema after
    /// taking a copy. A database from a newer version is refused untouched.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            backup::create_private_dir(dir)?;
        }
        let display = path.display().to_string();
        let created = !path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Read before anything writes to the file, in one statement: one snapshot. Read
        // one by one, another program creating the same new file could commit its first
        // migration in between, and the file would look foreign (its tables, but the
        // application id read before they were made).
        let (version, app_id, tables): (i64, i64, i64) = conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), \
                    (SELECT application_id FROM pragma_application_id), \
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if version > schema::VERSION {
            return Err(StoreError::NewerSchema {
                path: display,
                found: version,
                supported: schema::VERSION,
            });
        }
        if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
            return Err(StoreError::Foreign { path: display });
        }
        let mut store = Self {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        if created {
            backup::make_private(path)?;
        }
        // The journal files hold the same data: owner only, like the database.
        for suffix in ["-wal", "-shm"] {
            backup::make_private(&sidecar(path, suffix))?;
        }
        if version > 0 && version < schema::VERSION {
            store.backup_before_migration(version)?;
        }
        store.migrate(version)?;
        store.refresh_keys()?;
        // The indicator catalogue exists from the first open, so reading never seeds.
        store.indicators()?;
        Ok(store)
    }

    /// Sort keys and folded search text are derived from names; when the way they are
    /// made changes (`collate::KEY_VERSION`), they are rebuilt in one transaction.
    fn refresh_keys(&mut self) -> Result<()> {
        let want = crate::domain::collate::KEY_VERSION.to_string();
        if self.setting("collate.key_version")?.as_deref() == Some(want.as_str()) {
            return Ok(());
        }
        let people: Vec<crate::domain::people::Person> = {
            let mut st = self
                .conn
                .prepare("SELECT id, full_name, given_name, position, phone FROM people")?;
            st.query_map([], |r| {
                Ok(crate::domain::people::Person {
                    id: r.get(0)?,
                    full_name: r.get(1)?,
                    given_name: r.get(2)?,
                    position: r.get(3)?,
                    phone: r.get(4)?,
                    ..Default::default()
                })
            })?
            .collect::<std::result::Result<_, _>>()?
        };
        self.write(|tx| {
            for p in &people {
                let key = p.sort_key();
                tx.prepare_cached(
                    "UPDATE people SET sort_key = ?2, search_text = ?3 WHERE id = ?1",
                )?
                .execute(rusqlite::params![p.id, key, p.search_text()])?;
                tx.prepare_cached("UPDATE memberships SET sort_key = ?2 WHERE person_id = ?1")?
                    .execute(rusqlite::params![p.id, key])?;
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('collate.key_version', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&want],
            )?;
            Ok(())
        })
    }

    /// A database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        let mut store = Self {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.configure()?;
        store.migrate(0)?;
        store.indicators()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if self.path.is_some() {
            let mode: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
        }
        // FULL: a committed transaction survives a power cut, not only a crash.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // 32 MB of page cache keeps a 100k-member roster in memory.
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        // Who makes this connection's changes, for the audit trail: a table of this
        // connection only, never written to the file.
        self.conn
            .execute_batch("CREATE TEMP TABLE IF NOT EXISTS os_user (name TEXT NOT NULL)")?;
        self.set_user(&system_user())
    }

    /// Names the user whose changes this connection records (the system's user by
    /// default).
    pub fn set_user(&self, name: &str) -> Result<()> {
        self.conn.execute("DELETE FROM temp.os_user", [])?;
        self.conn
            .execute("INSERT INTO temp.os_user (name) VALUES (?1)", [name])?;
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            // Immediate: another process opening the same new file waits here, then
            // sees the version this one wrote and skips what is already done.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now > i as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            if i == schema::MODEL_HASHES {
                decisions::seal_models(&tx)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one transaction: all of it is saved, or none. The transaction takes
    /// the write lock when it begins (`BEGIN IMMEDIATE`), so what `f` reads to decide
    /// cannot be changed by another writer before it commits, and a busy database is
    /// met before anything is done (never half-way).
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Read access for the store's own queries; no other module sees the connection.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA integrity_check`: `ok` or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows.join("\n"))
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }
}

impl Store {
    /// Saves several settings in one transaction: all of them, or none.
    pub fn set_settings(&mut self, pairs: &[(&str, &str)]) -> Result<()> {
        self.write(|tx| {
            for (key, value) in pairs {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )?;
            }
            Ok(())
        })
    }
}

/// Records a change in the history table, inside the caller's transaction.
pub(crate) fn log(
    tx: &Transaction<'_>,
    entity: &str,
    id: i64,
    action: &str,
    detail: &str,
) -> Result<()> {
    log_changes(tx, entity, id, action, detail, &[])
}

/// Records a change with each changed field's value before and after, and the
/// computer's user who made it (see [`Store::set_user`]).
pub(crate) fn log_changes(
    tx: &Transaction<'_>,
    entity: &str,
    id: i64,
    action: &str,
    detail: &str,
    changes: &[audit::Change],
) -> Result<()> {
    let (old_values, new_values) = audit::encode(changes);
    tx.prepare_cached(
        "INSERT INTO history (at, entity, entity_id, action, detail, os_user, old_values, new_values) \
         VALUES (?1, ?2, ?3, ?4, ?5, coalesce((SELECT name FROM temp.os_user LIMIT 1), ''), ?6, ?7)",
    )?
    .execute(rusqlite::params![
        now_text(),
        entity,
        id,
        action,
        detail,
        old_values,
        new_values
    ])?;
    Ok(())
}

/// Who is using the computer, as the system names them (`USERNAME` on Windows, `USER`
/// or `LOGNAME` elsewhere, else the name of their home folder); empty when none is set.
pub fn system_user() -> String {
    let named = ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty());
    named
        .or_else(|| {
            ["USERPROFILE", "HOME"]
                .iter()
                .filter_map(std::env::var_os)
                .find_map(|home| {
                    Path::new(&home)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
        })
        .unwrap_or_default()
}

pub(crate) fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}
