//! Files an issue is about to put in place, noted (and committed) before the issue's
//! own transaction. The issue renames its PDF into place inside that transaction, so a
//! process killed after the rename but before the commit would leave a PDF whose number
//! is not in the register; the note lets the next start find and remove such a file
//! (and a left-over temporary one). A committed issue removes its note in its own
//! transaction.

use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{Result, Store};

/// A file an issue meant to put in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFile {
    pub id: i64,
    /// The temporary name it was written under.
    pub staged: PathBuf,
    /// Where it was to go.
    pub target: PathBuf,
    /// The SHA-256 of its bytes, as the register keeps it.
    pub sha256: String,
    /// What vouches for the note (see `office/issue_notes.rs`); the store keeps it.
    pub seal: String,
}

impl Store {
    /// Notes that the file at `staged` is about to be put at `target` by an issue.
    pub fn note_pending_file(
        &mut self,
        staged: &Path,
        target: &Path,
        sha256: &str,
        seal: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pending_files (staged, target, sha256, seal) VALUES (?1, ?2, ?3, ?4)",
                params![
                    staged.to_string_lossy(),
                    target.to_string_lossy(),
                    sha256,
                    seal
                ],
            )?;
            Ok(())
        })
    }

    /// Forgets the notes of the file with this hash (an issue that failed cleanly).
    pub fn forget_pending_file(&mut self, sha256: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM pending_files WHERE sha256 = ?1", [sha256])?;
            Ok(())
        })
    }

    /// The notes left by issues that did not finish.
    pub fn pending_files(&self) -> Result<Vec<PendingFile>> {
        let mut st = self
            .conn()
            .prepare("SELECT id, staged, target, sha256, seal FROM pending_files ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(PendingFile {
                id: r.get(0)?,
                staged: PathBuf::from(r.get::<_, String>(1)?),
                target: PathBuf::from(r.get::<_, String>(2)?),
                sha256: r.get(3)?,
                seal: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether an issued decision or report has a PDF with this hash.
    pub fn is_registered(&self, sha256: &str) -> Result<bool> {
        let n: i64 = self.conn().query_row(
            "SELECT (SELECT count(*) FROM decisions WHERE pdf_sha256 = ?1) \
             + (SELECT count(*) FROM reports WHERE pdf_sha256 = ?1)",
            [sha256],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Removes a note once its file was dealt with.
    pub fn forget_pending_note(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM pending_files WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

/// Inside an issue's transaction: its file is in place, its note goes with the commit.
pub(super) fn settled(tx: &rusqlite::Transaction<'_>, sha256: &str) -> Result<()> {
    tx.execute("DELETE FROM pending_files WHERE sha256 = ?1", [sha256])?;
    Ok(())
}
