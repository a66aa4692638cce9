//! The notes an issue leaves before it puts its PDF in place (see `store/pending.rs`),
//! and what the next start does with them.
//!
//! A note names files by path, and the next start removes what it names, so a note is
//! acted on only when this program wrote it, on this computer, for this user: each note
//! carries a seal, a hash of its paths and its file's hash under a key that lives in the
//! user's data folder (owner only), never in the database. A database from a stick, a
//! backup or a bundle, or one made by hand, brings notes whose seal does not match:
//! they are forgotten and reported, and no file is touched. Even a sealed note only
//! ever removes the program's own temporary file (`.NAME.PID.part` beside its target)
//! and a `.pdf` target whose bytes are exactly the unregistered issue's.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::Result;
use crate::domain::Msg;
use crate::store::{PendingFile, Store};

/// The key file's name in the user's data folder.
const KEY_FILE: &str = "khoa-ghi-chu-ban-hanh";

/// Notes that the file written at `staged` is about to be put at `target`, sealed.
pub fn note(store: &mut Store, staged: &Path, target: &Path, sha256: &str) -> Result<()> {
    let seal = seal(staged, target, sha256).unwrap_or_default();
    Ok(store.note_pending_file(staged, target, sha256, &seal)?)
}

/// Deals with the notes of issues that were stopped midway: an issue that committed
/// keeps its file; one that did not leaves no PDF behind whose number is not in the
/// register, and no temporary file. A note this program did not write here touches
/// nothing. Says what it removed and what it ignored.
pub fn settle(store: &mut Store) -> Vec<Msg> {
    let mut notes = Vec::new();
    let Ok(pending) = store.pending_files() else {
        return notes;
    };
    for p in pending {
        if !trusted(&p) {
            let t = p.target.display();
            notes.push(Msg::new(
                format!(
                    "Cơ sở dữ liệu có ghi chú về một lần ban hành dở dang (tệp {t}) không do chương trình này ghi trên máy này: đã bỏ ghi chú, không xoá tệp nào."
                ),
                format!(
                    "The database holds a note of an unfinished issue (file {t}) that this program did not write on this computer: the note was dropped and no file was removed."
                ),
            ));
            let _ = store.forget_pending_note(p.id);
            continue;
        }
        let _ = std::fs::remove_file(&p.staged);
        let registered = store.is_registered(&p.sha256).unwrap_or(true);
        if !registered && file_hash(&p.target).as_deref() == Some(p.sha256.as_str()) {
            if std::fs::remove_file(&p.target).is_ok() {
                let t = p.target.display();
                notes.push(Msg::new(
                    format!("Lần ban hành trước bị ngắt giữa chừng và chưa vào sổ: đã xoá tệp {t} của lần đó; hãy ban hành lại."),
                    format!("The last issue was stopped midway and never registered: its file {t} was removed; issue it again."),
                ));
            } else {
                continue;
            }
        }
        let _ = store.forget_pending_note(p.id);
    }
    notes
}

/// Whether the note was sealed here and names only what an issue of this program
/// writes: a `.pdf` target, and its temporary name beside it.
fn trusted(p: &PendingFile) -> bool {
    let sealed = seal(&p.staged, &p.target, &p.sha256).is_some_and(|s| s == p.seal);
    sealed && is_pdf(&p.target) && is_own_temporary(&p.staged, &p.target)
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// `staged` is `.NAME.PID.part` in the folder of `target` (whose name is NAME).
fn is_own_temporary(staged: &Path, target: &Path) -> bool {
    let (Some(name), Some(temp)) = (target.file_name(), staged.file_name()) else {
        return false;
    };
    let folder = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
    if folder(staged) != folder(target) {
        return false;
    }
    let (name, temp) = (name.to_string_lossy(), temp.to_string_lossy());
    temp.strip_prefix('.')
        .and_then(|t| t.strip_prefix(name.as_ref()))
        .and_then(|t| t.strip_prefix('.'))
        .and_then(|t| t.strip_suffix(".part"))
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// The seal of a note: SHA-256 over the key and the hash of what the note says.
fn seal(staged: &Path, target: &Path, sha256: &str) -> Option<String> {
    let key = key()?;
    let mut said = Sha256::new();
    for part in [
        staged.to_string_lossy().as_bytes(),
        target.to_string_lossy().as_bytes(),
        sha256.as_bytes(),
    ] {
        said.update((part.len() as u64).to_le_bytes());
        said.update(part);
    }
    let mut sealed = Sha256::new();
    sealed.update(key);
    sealed.update(said.finalize());
    Some(format!("{:x}", sealed.finalize()))
}

/// This user's key, made once (32 bytes from the system's randomness) and kept in the
/// user's data folder, owner only. None when there is no such folder or it cannot be
/// written: then notes are unsealed, and the next start forgets them untouched.
fn key() -> Option<&'static [u8; 32]> {
    static KEY: OnceLock<Option<[u8; 32]>> = OnceLock::new();
    KEY.get_or_init(|| {
        // The user's data folder: where the default database lives.
        let dir = crate::store::default_path()?.parent()?.to_path_buf();
        load_or_make_key(&dir)
    })
    .as_ref()
}

fn load_or_make_key(dir: &Path) -> Option<[u8; 32]> {
    let path = dir.join(KEY_FILE);
    if let Some(k) = read_key(&path) {
        return Some(k);
    }
    crate::store::create_private_dir(dir).ok()?;
    // Written whole under a name of its own, then linked into place: a second program
    // making its key at the same moment reads one whole key, never a part.
    let temp: PathBuf = dir.join(format!(".{KEY_FILE}.{}.part", std::process::id()));
    std::fs::write(&temp, fresh_key()).ok()?;
    crate::store::make_private(&temp).ok()?;
    let _ = std::fs::hard_link(&temp, &path);
    let _ = std::fs::remove_file(&temp);
    read_key(&path)
}

fn read_key(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path).ok()?.try_into().ok()
}

/// 32 bytes drawn from the system's randomness (the standard library's hash keys are
/// seeded from it), mixed with the time and the process.
pub(crate) fn fresh_key() -> [u8; 32] {
    use std::hash::{BuildHasher, Hasher};
    let mut h = Sha256::new();
    for i in 0..8u64 {
        let mut s = std::collections::hash_map::RandomState::new().build_hasher();
        s.write_u64(i);
        h.update(s.finish().to_le_bytes());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    h.update(now.as_nanos().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.finalize().into()
}

fn file_hash(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(format!("{:x}", Sha256::digest(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_program_s_own_temporary_name_beside_the_target_counts() {
        let t = Path::new("/d/Văn bản/qd-23.pdf");
        assert!(is_own_temporary(
            Path::new("/d/Văn bản/.qd-23.pdf.812.part"),
            t
        ));
        for other in [
            "/d/Văn bản/qd-23.pdf",
            "/d/.qd-23.pdf.812.part",
            "/d/Văn bản/.qd-23.pdf..part",
            "/d/Văn bản/.qd-23.pdf.81x.part",
            "/d/Văn bản/.qd-24.pdf.812.part",
            "/home/u/.bashrc",
        ] {
            assert!(!is_own_temporary(Path::new(other), t), "{other}");
        }
        assert!(is_pdf(t) && is_pdf(Path::new("a.PDF")));
        assert!(!is_pdf(Path::new("/home/u/luan-van.docx")));
    }

    #[test]
    fn a_key_is_made_once_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("cnscd");
        let a = load_or_make_key(&folder).unwrap();
        let b = load_or_make_key(&folder).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, fresh_key());
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            1,
            "no temporary left"
        );
    }
}
