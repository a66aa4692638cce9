//! The verbs about copies of the database: `backup`, `backups`, `restore`, and the
//! integrity check that `check` runs first.

use std::io::Write;
use std::path::Path;

use super::{Failure, Out};
use crate::domain::{Lang, Msg};
use crate::office::{Error, backups, database};

/// `cnscd backup [--to DIR]`: prints the path written.
pub fn backup(db: &Path, to: Option<&Path>, out: &mut Out<'_>) -> Result<(), Failure> {
    let store = database::open_existing(db)?;
    let path = match to {
        Some(dir) => backups::back_up_to(&store, dir)?,
        None => backups::back_up_now(&store)?,
    };
    writeln!(out, "{}", path.display())?;
    Ok(())
}

/// `cnscd backups [--in DIR]`: path, date, communes, members, decisions — or the
/// reason a copy cannot be used (`damaged`, `foreign`, `newer`).
pub fn list(db: &Path, more: Option<&Path>, out: &mut Out<'_>) -> Result<(), Failure> {
    for b in backups::list(db, more) {
        let date = b.taken.format("%Y-%m-%d %H:%M:%S");
        match &b.contents {
            Ok(c) => writeln!(
                out,
                "{}\t{date}\t{}\t{}\t{}",
                b.path.display(),
                c.communes,
                c.members,
                c.decisions
            )?,
            Err(u) => {
                let why = match u {
                    crate::store::Unusable::Damaged(_) => "damaged",
                    crate::store::Unusable::Foreign => "foreign",
                    crate::store::Unusable::Newer(_) => "newer",
                };
                writeln!(out, "{}\t{date}\t{why}", b.path.display())?
            }
        }
    }
    Ok(())
}

/// `cnscd restore FILE`: prints what was kept aside.
pub fn restore(db: &Path, from: &Path, out: &mut Out<'_>, lang: Lang) -> Result<(), Failure> {
    let restored = backups::restore(db, from)?;
    let msg = match (&restored.kept_aside, &restored.copy_before) {
        (Some(aside), copy) => Msg::new(
            format!(
                "Đã khôi phục {} từ {}. Tệp cũ được giữ lại: {}{}",
                db.display(),
                from.display(),
                aside.display(),
                copy.as_ref()
                    .map(|c| format!(" (bản sao: {})", c.display()))
                    .unwrap_or_default()
            ),
            format!(
                "Restored {} from {}. The old file was kept aside: {}{}",
                db.display(),
                from.display(),
                aside.display(),
                copy.as_ref()
                    .map(|c| format!(" (copy: {})", c.display()))
                    .unwrap_or_default()
            ),
        ),
        (None, _) => Msg::new(
            format!("Đã khôi phục {} từ {}.", db.display(), from.display()),
            format!("Restored {} from {}.", db.display(), from.display()),
        ),
    };
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}

/// The first part of `cnscd check`: the integrity check, read-only. A damaged file
/// is an error naming the backups that could be restored.
pub fn integrity(db: &Path, full: bool) -> Result<(), Failure> {
    let health = backups::health(db, full)?;
    if health.ok() {
        return Ok(());
    }
    Err(Failure::Office(Error::Store(health.message())))
}
