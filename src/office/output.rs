//! Writing a finished file: checked before any work, written beside its place under a
//! temporary name, flushed to the disk, then renamed — a crash or a full disk never
//! leaves half a file under the clerk's name, and the database is never a target.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::{Error, Result};
use crate::domain::{Field, FieldError};

/// Where a job writes its file, and whether an existing file there may be replaced
/// (the clerk named it on the command line, or said yes when asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub replace: bool,
}

impl Target {
    /// A file that must not exist yet.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            replace: false,
        }
    }

    /// A file the clerk agreed to replace (or named on the command line).
    pub fn replacing(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            replace: true,
        }
    }

    /// A file beside `path` that does not exist yet: `path` itself, else `name-2.pdf`,
    /// `name-3.pdf`, …
    pub fn free(path: &Path) -> Self {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        let mut candidate = path.to_path_buf();
        let mut n = 2;
        while candidate.exists() {
            candidate = path.with_file_name(format!("{stem}-{n}{ext}"));
            n += 1;
        }
        Self::new(candidate)
    }

    /// Checks the target before any work (see [`check_target`]), and refuses to replace
    /// an existing file unless allowed.
    pub fn check(&self, database: Option<&Path>) -> Result<()> {
        check_target(&self.path, database)?;
        if !self.replace && self.path.exists() {
            return Err(Error::invalid(FieldError::new(
                Field::OutFile,
                format!(
                    "tệp {} đã có; hãy chọn tên khác hoặc đồng ý ghi đè",
                    self.path.display()
                ),
                format!(
                    "the file {} already exists; choose another name or agree to replace it",
                    self.path.display()
                ),
            )));
        }
        Ok(())
    }
}

/// Refuses an output path that is a folder, the database itself, one of SQLite's files
/// beside it, or inside its backup folder — before anything is built or registered.
pub fn check_target(path: &Path, database: Option<&Path>) -> Result<()> {
    let refuse =
        |vi: String, en: String| Err(Error::invalid(FieldError::new(Field::OutFile, vi, en)));
    if path.as_os_str().is_empty() {
        return refuse(
            "cần chọn nơi lưu tệp".into(),
            "choose where the file goes".into(),
        );
    }
    if path.is_dir() {
        return refuse(
            format!("{} là một thư mục; hãy ghi cả tên tệp", path.display()),
            format!("{} is a folder; give a file name", path.display()),
        );
    }
    // The file is written beside its place and renamed over it: a link, a device or a
    // pipe (`/dev/stdout`) would be replaced, not written to.
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return refuse(
            format!(
                "{} không phải một tệp thường (liên kết, thiết bị); hãy chọn tên tệp khác",
                path.display()
            ),
            format!(
                "{} is not a plain file (a link or a device); choose another file name",
                path.display()
            ),
        );
    }
    let Some(db) = database else {
        return Ok(());
    };
    let target = absolute(path);
    let db = absolute(db);
    let mut guarded: Vec<PathBuf> = vec![db.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = db.clone().into_os_string();
        s.push(suffix);
        guarded.push(PathBuf::from(s));
    }
    if guarded.iter().any(|g| same_file(g, &target)) {
        return refuse(
            format!(
                "{} là tệp cơ sở dữ liệu của chương trình; hãy chọn tên khác",
                path.display()
            ),
            format!(
                "{} is the program's database; choose another name",
                path.display()
            ),
        );
    }
    let backups = absolute(&crate::store::backup_dir(&db));
    if target.parent().is_some_and(|p| same_file(p, &backups)) {
        return refuse(
            format!(
                "{} nằm trong thư mục sao lưu; hãy chọn nơi khác",
                path.display()
            ),
            format!(
                "{} is inside the backup folder; choose another place",
                path.display()
            ),
        );
    }
    Ok(())
}

/// The path made absolute, its existing part resolved through links.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    let (a, b) = (absolute(a), absolute(b));
    if cfg!(windows) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}

/// A file written under a temporary name beside its place; [`Staged::commit`] renames
/// it into place. Dropped without a commit, the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl Staged {
    /// Writes `bytes` beside `path` and flushes them to the disk.
    pub fn write(path: &Path, bytes: &[u8]) -> Result<Self> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&dir).map_err(|e| Error::file(&dir, &e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cnscd".into());
        let tmp = Self::temp_name(&dir, &name);
        let mut staged = Self {
            tmp,
            path: path.to_path_buf(),
            done: false,
        };
        sweep_stale_temporaries(&dir, &name);
        let mut file = create_private(&staged.tmp).map_err(|e| Error::file(path, &e))?;
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        drop(file);
        if let Err(e) = written {
            let _ = std::fs::remove_file(&staged.tmp);
            staged.done = true;
            return Err(Error::file(path, &e));
        }
        Ok(staged)
    }

    /// `.NAME.PID.part` in the target's folder.
    fn temp_name(dir: &Path, name: &str) -> PathBuf {
        dir.join(format!(".{name}.{}.part", std::process::id()))
    }

    /// The temporary name [`Staged::write`] will use for `path` (to note it before the
    /// file exists).
    pub fn temp_for(path: &Path) -> PathBuf {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cnscd".into());
        Self::temp_name(&dir, &name)
    }

    /// Puts the file in its place (replacing what the clerk chose to replace).
    pub fn commit(mut self) -> Result<PathBuf> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::file(&self.path, &e))?;
        self.done = true;
        Ok(self.path.clone())
    }

    /// The same as [`Staged::commit`], for the store's transactions.
    pub fn commit_store(self) -> crate::store::Result<()> {
        let path = self.path.clone();
        self.commit()
            .map(|_| ())
            .map_err(|e| crate::store::StoreError::Io {
                context: path.display().to_string(),
                source: std::io::Error::other(e.message(crate::domain::Lang::Vi)),
            })
    }
}

/// A new file readable by its owner only on Unix (0600): what the program writes may
/// hold citizen IDs and phone numbers. On Windows it goes where the user chose.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let file = o.open(path)?;
    // A file left under the same name keeps its mode when opened: set it again.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Removes the temporary files (`.NAME.PID.part`) an earlier write of the same file
/// left when it was killed: those whose process is gone (where that can be told) or
/// that are over an hour old. Another program's write in progress is left alone.
fn sweep_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    let own = std::process::id().to_string();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".part"))
        else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || pid == own {
            continue;
        }
        let gone = cfg!(target_os = "linux") && !Path::new("/proc").join(pid).exists();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if gone || old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes a whole file safely (temporary name, flush, rename).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    Staged::write(path, bytes)?.commit()
}

/// A written file as a message names it: its name first, then its folder shortened to
/// its last two parts (`…/cnscd/Văn bản`), so the whole message fits the two lines of
/// a screen's status (the file itself opens with "Mở tệp").
pub fn named(path: &Path) -> (String, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A relative folder (`.`, the command line's) by its own name, not as a dot the
    // sentence's full stop then follows.
    let folder = &std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let parts: Vec<String> = folder
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let shown = if parts.len() > 3 {
        let sep = std::path::MAIN_SEPARATOR;
        format!(
            "…{sep}{}{sep}{}",
            parts[parts.len() - 2],
            parts[parts.len() - 1]
        )
    } else {
        folder.display().to_string()
    };
    (name, shown)
}

/// The creation time written into a document: the one given, or now.
pub fn created_stamp(given: Option<NaiveDateTime>) -> String {
    given
        .unwrap_or_else(|| chrono::Local::now().naive_local())
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// Parses `YYYY-MM-DDTHH:MM:SS` (the command line's `--created`).
pub fn parse_created(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").map_err(|_| {
        Error::invalid(FieldError::new(
            Field::Date,
            format!("“{s}” cần dạng 2026-02-05T08:30:00"),
            format!("“{s}” must look like 2026-02-05T08:30:00"),
        ))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_message_names_the_file_first_and_a_short_folder() {
        let (name, folder) = named(Path::new(
            "/home/thu-ky/.local/share/cnscd/Văn bản/QD-23.pdf",
        ));
        assert_eq!(name, "QD-23.pdf");
        assert_eq!(folder, "…/cnscd/Văn bản");
        assert_eq!(named(Path::new("/tmp/a.pdf")).1, "/tmp");
        // A name without a folder: the working folder's own name, never `.`.
        let here = std::env::current_dir().unwrap();
        let last = here.file_name().unwrap().to_string_lossy().into_owned();
        let (_, folder) = named(Path::new("a.pdf"));
        assert!(folder.ends_with(&last) && folder != ".", "{folder}");
    }

    use super::*;

    #[test]
    fn the_database_and_its_companions_are_never_targets() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cnscd.db");
        std::fs::write(&db, b"x").unwrap();
        for name in ["cnscd.db", "cnscd.db-wal", "cnscd.db-shm"] {
            let e = check_target(&dir.path().join(name), Some(&db)).unwrap_err();
            assert!(matches!(e, Error::Invalid(_)), "{name}: {e}");
        }
        // The same file through another spelling of its path.
        let odd = dir.path().join(".").join("cnscd.db");
        assert!(check_target(&odd, Some(&db)).is_err());
        assert!(check_target(dir.path(), Some(&db)).is_err());
        let backups = dir.path().join("backups");
        std::fs::create_dir(&backups).unwrap();
        assert!(check_target(&backups.join("a.pdf"), Some(&db)).is_err());
        check_target(&dir.path().join("qd.pdf"), Some(&db)).unwrap();
    }

    #[test]
    fn a_staged_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        let staged = Staged::write(&path, b"one").unwrap();
        assert!(!path.exists());
        drop(staged);
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no stray file"
        );
        write_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qd.pdf");
        Target::new(&path).check(None).unwrap();
        std::fs::write(&path, b"x").unwrap();
        let e = Target::new(&path).check(None).unwrap_err();
        assert!(
            e.message(crate::domain::Lang::Vi)
                .starts_with("Lưu vào: tệp ")
        );
        Target::replacing(&path).check(None).unwrap();
        let free = Target::free(&path);
        assert_eq!(free.path, dir.path().join("qd-2.pdf"));
        assert!(!free.replace);
    }

    #[test]
    fn created_stamps_parse_and_print_alike() {
        let t = parse_created("2022-07-27T08:00:00").unwrap();
        assert_eq!(created_stamp(Some(t)), "2022-07-27T08:00:00");
        assert!(parse_created("27/7/2022").is_err());
    }
}
