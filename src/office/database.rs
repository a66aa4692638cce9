//! Which file is the database, and opening it: `--db PATH`, else `CNSCD_DB`, else
//! `cnscd.db` in the user's data folder.

use std::path::{Path, PathBuf};

use super::{Error, Result, backups};
use crate::domain::{Lang, Msg};
use crate::store::{self, Store};

/// The setting that keeps the interface language.
pub const LANGUAGE_SETTING: &str = "ui.language";
/// The setting that asks the window to draw without the GPU.
pub const SOFTWARE_SETTING: &str = "ui.software_rendering";

/// The database path the flag, the environment or the defaults name.
pub fn resolve(flag: Option<&Path>) -> Result<PathBuf> {
    store::resolve_path(flag).ok_or_else(|| {
        Error::refused(
            "Không tìm được thư mục dữ liệu của người dùng; hãy chỉ rõ --db ĐƯỜNG_DẪN",
            "No user data folder was found; give --db PATH",
        )
    })
}

/// Opens the database at `path`, creating it when it does not exist yet.
///
/// After an unclean stop ([`backups::stopped_uncleanly`]) the file is checked first
/// (`quick_check`, read-only); a damaged file is refused with the finding and the
/// backups that could replace it. Then the copy of the day is taken if there is none
/// yet (a failure there does not stop the work: the database itself is sound).
pub fn open(path: &Path) -> Result<Store> {
    open_noting(path).map(|(store, _)| store)
}

/// [`open`], with what was done on the way in for the front end to say (derived data
/// rebuilt after an unclean stop, a daily copy that could not be made).
pub fn open_noting(path: &Path) -> Result<(Store, Vec<Msg>)> {
    open_checked(path, true)
}

/// [`open_noting`], and whether to rebuild the derived data after an unclean stop
/// (`cnscd check` reports it instead).
fn open_checked(path: &Path, repair: bool) -> Result<(Store, Vec<Msg>)> {
    let mut notes = Vec::new();
    let unclean = backups::stopped_uncleanly(path);
    if unclean {
        let health = backups::health(path, false)?;
        if !health.ok() {
            return Err(Error::Store(health.message()));
        }
    }
    // Another program using the file may be issuing right now: its noted file is not a
    // leftover. The notes are settled by the next start that has the file to itself.
    // A program with the file open keeps its `-wal` beside it: without one, the file is
    // ours alone and the lock need not be asked for.
    let alone = !unclean || !crate::store::in_use_elsewhere(path);
    let mut store = Store::open(path)?;
    if alone {
        notes.extend(super::issue_notes::settle(&mut store));
        crate::store::sweep_leftovers(path);
    }
    if unclean && repair {
        // What the database keeps beside its records is recounted, and rebuilt where
        // it disagrees (in one transaction).
        // Read first (the `-wal` may only mean another program has the file open);
        // write only when something disagrees.
        let repaired = match super::repair::check(&mut store) {
            Ok(r) if !r.is_clean() => super::repair::derived(&mut store).map(Some),
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        };
        match repaired {
            Ok(Some(r)) => notes.push(r.msg()),
            Ok(None) => {}
            Err(e) => notes.push(e.to_msg()),
        }
    }
    if let Err(e) = backups::daily(&store) {
        notes.push(e.to_msg());
    }
    Ok((store, notes))
}

/// Opens an existing database for `cnscd check`: what disagrees is reported, not
/// silently rebuilt on the way in.
pub fn open_for_check(path: &Path) -> Result<Store> {
    if !path.exists() {
        return open_existing(path);
    }
    open_checked(path, false).map(|(store, _)| store)
}

/// Opens a database that must already exist: a verb that only reads never creates
/// an empty database under a mistyped name.
pub fn open_existing(path: &Path) -> Result<Store> {
    open_existing_noting(path).map(|(store, _)| store)
}

/// [`open_existing`], with the notes of [`open_noting`].
pub fn open_existing_noting(path: &Path) -> Result<(Store, Vec<Msg>)> {
    if !path.exists() {
        return Err(Error::not_found(
            format!(
                "Không có cơ sở dữ liệu {}; hãy kiểm tra đường dẫn (--db)",
                path.display()
            ),
            format!(
                "There is no database {}; check the path (--db)",
                path.display()
            ),
        ));
    }
    open_noting(path)
}

/// The interface language kept in the database, if any.
pub fn language(store: &Store) -> Option<Lang> {
    store
        .setting(LANGUAGE_SETTING)
        .ok()
        .flatten()
        .and_then(|c| Lang::parse(&c))
}

/// Whether the clerk asked for drawing without the GPU.
pub fn software_rendering(store: &Store) -> bool {
    store.setting(SOFTWARE_SETTING).ok().flatten().as_deref() == Some("on")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_database_is_not_created_by_a_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        assert!(matches!(open_existing(&path), Err(Error::NotFound(_))));
        assert!(!path.exists());
        drop(open(&path).unwrap());
        open_existing(&path).unwrap();
    }
}
