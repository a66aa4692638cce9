//! The weekly full check: damage that the quick check at each start cannot see (an
//! index that disagrees with its table) is found by the full check once a week, and
//! the window then lets go of the file and offers the backups; a sound file is
//! remembered as checked and not checked again for a week.

use crate::common::ui;

use std::path::Path;

use chrono::{Duration, Local};
use cnscd::app::{Message, Screen, lock, screens::settings};
use cnscd::domain::Lang;
use cnscd::office::{backups, database};
use cnscd::store::Store;
use ui::{send, shows};

fn demo_db(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("cnscd.db");
    let mut store = Store::open(&path).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    store.backup_now("sao-luu").unwrap();
    path
}

/// Makes an index describe another column than the one it holds: every row is then
/// "missing from the index" for the full check, while the quick check finds nothing.
fn damage_an_index(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX memberships_person ON memberships (team_id)'
         WHERE name = 'memberships_person';",
    )
    .unwrap();
}

#[test]
fn damage_only_the_full_check_sees_brings_up_the_recovery_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    damage_an_index(&path);
    assert!(backups::health(&path, false).unwrap().ok(), "quick check");
    assert!(!backups::health(&path, true).unwrap().ok(), "full check");

    assert!(database::open(&path).is_ok(), "the file still opens");
    let app = ui::started(&path, Lang::Vi);
    assert!(
        app.recovery.is_some(),
        "the full check ran and found the damage"
    );
    assert!(shows(&app, "Khôi phục bản này"));
    // The window let go of the file: the restore offered there can replace it.
    assert_eq!(lock(&app.db).path(), None);
    assert!(!cnscd::store::in_use_elsewhere(&path));
}

#[test]
fn a_sound_file_is_checked_once_a_week() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let today = Local::now().date_naive();
    let mut app = ui::started(&path, Lang::Vi);
    assert!(app.recovery.is_none());
    {
        let store = lock(&app.db);
        assert_eq!(backups::last_full_check(&store).unwrap(), Some(today));
        assert_eq!(backups::full_check_due(&store, today).unwrap(), None);
        let in_six = today + Duration::days(6);
        assert_eq!(backups::full_check_due(&store, in_six).unwrap(), None);
        let in_seven = today + Duration::days(7);
        assert!(backups::full_check_due(&store, in_seven).unwrap().is_some());
        // A clock set back does not put the check off for ever.
        let back = today - Duration::days(1);
        assert!(backups::full_check_due(&store, back).unwrap().is_some());
    }
    // Settings say when, and "check now" runs it again.
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    let when = format!(
        "Lần kiểm tra toàn bộ gần nhất (không thấy lỗi): {}",
        today.format("%d/%m/%Y")
    );
    assert!(shows(&app, &when));
    send(&mut app, [Message::Settings(settings::Message::CheckNow)]);
    let notice = app
        .settings
        .backup_notice
        .clone()
        .expect("the result is said");
    assert!(notice.vi.contains("không có lỗi"), "{}", notice.vi);
}

#[test]
fn check_now_in_settings_finds_damage_and_offers_the_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_db(dir.path());
    let mut app = ui::started(&path, Lang::Vi);
    assert!(app.recovery.is_none());
    // Damaged while the window is open (by another program, a failing disk…).
    damage_an_index(&path);
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    send(&mut app, [Message::Settings(settings::Message::CheckNow)]);
    assert!(app.recovery.is_some());
    assert!(shows(&app, "Khôi phục bản này"));
}
