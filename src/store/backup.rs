//! Copies of the database: before every migration, and whenever the clerk asks.

use std::path::{Path, PathBuf};

use super::{Result, Store, StoreError};

/// The folder beside the database where copies go.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

impl Store {
    /// Writes a consistent copy of the open database to `dest` (the SQLite backup API:
    /// safe while the database is in use, and includes what is still in the WAL).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                context: dir.display().to_string(),
                source,
            })?;
        }
        let mut target = rusqlite::Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(self.conn(), &mut target)?;
        backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
        Ok(())
    }

    /// A copy into the backup folder with a time stamp; returns its path.
    pub fn backup_now(&self, label: &str) -> Result<PathBuf> {
        let Some(db) = self.path() else {
            return Err(StoreError::refused(
                "Cơ sở dữ liệu trong bộ nhớ không có tệp để sao lưu",
                "An in-memory database has no file to back up",
            ));
        };
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cnscd".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let dir = backup_dir(db);
        let mut dest = dir.join(format!("{stem}-{label}-{stamp}.db"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = dir.join(format!("{stem}-{label}-{stamp}-{n}.db"));
        }
        self.backup_to(&dest)?;
        Ok(dest)
    }

    pub(super) fn backup_before_migration(&self, from: i64) -> Result<PathBuf> {
        self.backup_now(&format!("truoc-nang-cap-v{from}"))
    }
}
