//! Backups, restore and the health check: nothing the clerk entered is lost.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cnscd::domain::Lang;
use cnscd::office::backups;
use cnscd::store::{Store, StoreError, backup_dir};
use common::{cnscd, ok};
use rusqlite::types::Value;

/// Every table of the database at `path`, row by row, read-only.
fn dump(path: &Path) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut st = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid"))
                .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1")))
                .unwrap();
            let n = st.column_count();
            let rows: Vec<Vec<Value>> = st
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (t, rows)
        })
        .collect()
}

/// The Đắk Nia demo in a file database, closed again.
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("data").join("cnscd.db");
    let mut store = Store::open(&db).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    drop(store);
    db
}

/// Writes garbage over the file's pages after the first (the header stays, so SQLite
/// still opens it and then finds the damage).
fn damage(db: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    f.seek(SeekFrom::Start(4096)).unwrap();
    f.write_all(&[0xA5; 4096 * 6]).unwrap();
}

#[test]
fn a_backup_restored_gives_back_every_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = dump(&db);
    let store = Store::open(&db).unwrap();
    let copy = backups::back_up_now(&store).unwrap();
    let mut store = store;
    store.set_setting("sau.sao.luu", "đổi").unwrap();
    let restored = backups::restore_open(&mut store, &copy).unwrap();
    drop(store);
    assert_eq!(dump(&db), before);
    let aside = restored.kept_aside.expect("the replaced file is kept");
    assert!(aside.to_string_lossy().contains("cnscd.db.hong-"));
    // The replaced file holds the change made after the copy, and was copied too.
    assert_ne!(dump(&aside), before);
    assert!(restored.copy_before.unwrap().exists());
}

#[test]
fn a_copy_to_a_folder_never_overwrites_and_lists_its_contents() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let store = Store::open(&db).unwrap();
    let a = backups::back_up_to(&store, &usb).unwrap();
    let b = backups::back_up_to(&store, &usb).unwrap();
    assert_ne!(a, b, "a second copy in the same second takes another name");
    std::fs::write(usb.join("cnscd-hong-20260101-080000.db"), b"not a database").unwrap();
    let list = backups::list(&db, Some(&usb));
    let on_usb: Vec<_> = list.iter().filter(|x| x.path.starts_with(&usb)).collect();
    assert_eq!(on_usb.len(), 3);
    let good = on_usb.iter().find(|x| x.path == a).unwrap();
    let c = good.contents.as_ref().unwrap();
    assert_eq!((c.communes, c.decisions), (1, 0));
    assert!(c.members > 0);
    assert!(good.describe(Lang::Vi).contains("thành viên"));
    let bad = on_usb.iter().find(|x| !x.usable()).unwrap();
    assert!(bad.describe(Lang::En).contains("damaged"));
    // Listing left nothing beside the copies.
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 3);
}

#[test]
fn automatic_copies_are_kept_seven_days_four_weeks_twelve_months() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(); // a Sunday
    let mut day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    while day <= today {
        for hour in ["08", "17"] {
            let name = format!("cnscd-tu-dong-{}-{hour}0000.db", day.format("%Y%m%d"));
            std::fs::write(folder.join(name), b"").unwrap();
        }
        day = day.succ_opt().unwrap();
    }
    // A copy the clerk asked for, and one before a migration: never pruned.
    std::fs::write(folder.join("cnscd-sao-luu-20250601-090000.db"), b"").unwrap();
    std::fs::write(
        folder.join("cnscd-truoc-nang-cap-v2-20250602-090000.db"),
        b"",
    )
    .unwrap();
    backups::prune(&folder, today).unwrap();
    let mut kept: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    let auto: Vec<&String> = kept.iter().filter(|n| n.contains("tu-dong")).collect();
    // 7 days (23–29 Nov), 3 more Sundays (8, 15, 22 Nov), 11 more month ends
    // (Dec 2025 – Oct 2026): the newest copy of each.
    assert_eq!(auto.len(), 21, "{kept:#?}");
    for want in [
        "cnscd-tu-dong-20261129-170000.db",
        "cnscd-tu-dong-20261123-170000.db",
        "cnscd-tu-dong-20261122-170000.db",
        "cnscd-tu-dong-20261108-170000.db",
        "cnscd-tu-dong-20261031-170000.db",
        "cnscd-tu-dong-20251231-170000.db",
        "cnscd-sao-luu-20250601-090000.db",
        "cnscd-truoc-nang-cap-v2-20250602-090000.db",
    ] {
        assert!(kept.iter().any(|k| k == want), "{want} kept: {kept:#?}");
    }
    assert!(!kept.iter().any(|k| k.contains("20261129-080000")));
    assert!(!kept.iter().any(|k| k.contains("20261101")));
    assert!(!kept.iter().any(|k| k.contains("20251130")));
    // Pruning again changes nothing.
    assert!(backups::prune(&folder, today).unwrap().is_empty());
}

#[test]
fn the_first_open_of_the_day_takes_one_automatic_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    drop(cnscd::office::database::open(&db).unwrap());
    drop(cnscd::office::database::open(&db).unwrap());
    let autos = std::fs::read_dir(backup_dir(&db))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("-tu-dong-")
        })
        .count();
    assert_eq!(autos, 1);
}

#[test]
fn a_damaged_database_is_restored_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let copy = Store::open(&db).unwrap().backup_now("sao-luu").unwrap();
    let before = dump(&copy);
    damage(&db);
    let damaged_bytes = std::fs::read(&db).unwrap();
    // Opening it is refused in plain words, never SQLite's text.
    let err = cnscd::office::database::open(&db).unwrap_err();
    let text = err.message(Lang::Vi);
    assert!(text.contains("cnscd check"), "{text}");
    assert!(!text.contains("malformed"), "{text}");
    let health = backups::health(&db, false).unwrap();
    assert!(!health.ok());
    assert!(health.message().vi.contains(&*copy.to_string_lossy()));

    let restored = backups::restore(&db, &copy).unwrap();
    let aside = restored.kept_aside.unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), damaged_bytes);
    assert!(
        restored.copy_before.is_none(),
        "a damaged file is not copied"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    assert_eq!(dump(&db), before);
}

#[test]
fn a_damaged_or_foreign_copy_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let bad = dir.path().join("hong.db");
    std::fs::write(&bad, vec![7u8; 8192]).unwrap();
    assert!(backups::restore(&db, &bad).is_err());
    let foreign = dir.path().join("khac.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(backups::restore(&db, &foreign).is_err());
    // The database is untouched.
    assert_eq!(Store::open(&db).unwrap().integrity_check().unwrap(), "ok");
    assert!(
        !std::fs::read_dir(db.parent().unwrap()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".hong-"))
    );
}

#[test]
fn restore_works_when_the_file_is_not_a_database_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let copy = Store::open(&db).unwrap().backup_now("sao-luu").unwrap();
    std::fs::write(&db, b"garbage garbage garbage").unwrap();
    assert!(Store::open(&db).is_err());
    let restored = backups::restore(&db, &copy).unwrap();
    assert!(restored.kept_aside.unwrap().exists());
    assert_eq!(Store::open(&db).unwrap().integrity_check().unwrap(), "ok");
}

#[test]
fn check_on_a_damaged_file_exits_non_zero_and_names_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    let written = ok(&cnscd(&db, &["backup"]));
    let copy = PathBuf::from(written.trim());
    assert!(copy.exists());
    ok(&cnscd(&db, &["check"]));
    damage(&db);
    for args in [&["check"][..], &["check", "--full"][..]] {
        let out = cnscd(&db, args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bị hỏng"), "{err}");
        assert!(
            err.contains(&*copy.file_name().unwrap().to_string_lossy()),
            "{err}"
        );
    }
    // A file SQLite calls "not a database" is reported the same way.
    std::fs::write(&db, vec![1u8; 10_000]).unwrap();
    let out = cnscd(&db, &["check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bị hỏng"));
    // Listing shows the copies; restoring prints what was kept aside.
    let list = ok(&cnscd(&db, &["backups"]));
    assert!(
        list.lines()
            .any(|l| l.starts_with(&*copy.to_string_lossy()))
    );
    let line = list.lines().find(|l| l.contains("sao-luu")).unwrap();
    assert_eq!(line.split('\t').count(), 5, "{line}");
    let restored = ok(&cnscd(&db, &["restore", &copy.to_string_lossy()]));
    assert!(restored.contains(".hong-"), "{restored}");
    ok(&cnscd(&db, &["check", "--full"]));
    assert_eq!(ok(&cnscd(&db, &["teams"])).lines().count(), 4);
}

#[test]
fn plain_messages_for_sqlite_errors() {
    let corrupt = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some("database disk image is malformed".into()),
    );
    let e = StoreError::Sqlite(corrupt);
    for lang in [Lang::Vi, Lang::En] {
        let m = e.message(lang);
        assert!(m.contains("cnscd check"), "{m}");
        assert!(!m.contains("malformed"), "{m}");
    }
    let busy = StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("database is locked".into()),
    ));
    assert!(busy.message(Lang::En).contains("Another program"));
    assert!(!busy.message(Lang::En).contains("is locked"));
}

#[cfg(unix)]
#[test]
fn the_database_and_its_copies_are_for_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("cnscd.db");
    let mut store = Store::open(&db).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&cnscd::store::sidecar(&db, "-wal")), 0o600);
    assert_eq!(mode(&cnscd::store::sidecar(&db, "-shm")), 0o600);
    let copy = store.backup_now("sao-luu").unwrap();
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(mode(&backup_dir(&db)), 0o700);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    assert_eq!(mode(&backups::back_up_to(&store, &usb).unwrap()), 0o600);
    drop(store);
    backups::restore(&db, &copy).unwrap();
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn after_an_unclean_stop_the_open_checks_the_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let copy = Store::open(&db).unwrap().backup_now("sao-luu").unwrap();
    assert!(
        !backups::stopped_uncleanly(&db),
        "a clean close removes the -wal"
    );
    damage(&db);
    // What a killed program leaves behind: its -wal file.
    std::fs::write(cnscd::store::sidecar(&db, "-wal"), b"").unwrap();
    assert!(backups::stopped_uncleanly(&db));
    let err = cnscd::office::database::open(&db).unwrap_err();
    let text = err.message(Lang::En);
    assert!(text.contains("damaged"), "{text}");
    assert!(text.contains(&*copy.to_string_lossy()), "{text}");
}

/// Restoring over a database another program has open would leave that program
/// writing into the file set aside: refused, naming the cause, with nothing changed;
/// once the other program closes, the same restore works.
#[test]
fn restore_is_refused_while_another_program_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let store = Store::open(&db).unwrap();
    let copy = backups::back_up_now(&store).unwrap();
    drop(store);
    let other = Store::open(&db).unwrap();
    other.integrity_check().unwrap();
    assert!(cnscd::store::in_use_elsewhere(&db));
    let before = dump(&db);
    let refused = backups::restore(&db, &copy).unwrap_err();
    let said = refused.message(Lang::Vi);
    assert!(
        said.contains("đang được một chương trình khác mở"),
        "{said}"
    );
    assert!(
        refused
            .message(Lang::En)
            .contains("open in another program")
    );
    assert_eq!(dump(&db), before);
    let names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".hong-")), "{names:?}");
    // From the command line too, with a non-zero exit.
    let out = cnscd(&db, &["restore", copy.to_str().unwrap()]);
    assert!(!out.status.success());
    drop(other);
    assert!(!cnscd::store::in_use_elsewhere(&db));
    backups::restore(&db, &copy).unwrap();
    assert_eq!(dump(&db), before);
}
