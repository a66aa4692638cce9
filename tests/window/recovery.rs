//! The recovery screen: a database that does not open brings it up instead of an
//! empty app, and restoring a backup there continues on the restored database.

use crate::common::ui;

use std::io::{Seek, SeekFrom, Write};

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Screen, lock};
use cnscd::domain::Lang;
use cnscd::office::database;
use cnscd::store::Store;
use ui::{act, settle, shows};

#[test]
fn a_damaged_database_opens_the_recovery_screen_and_restores_the_latest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cnscd.db");
    let mut store = Store::open(&path).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    store.backup_now("sao-luu").unwrap();
    drop(store);
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.seek(SeekFrom::Start(4096)).unwrap();
    f.write_all(&[0x5A; 4096 * 6]).unwrap();
    drop(f);

    // As `run` does it.
    assert!(database::open(&path).is_err());
    let mut app = ui::started(&path, Lang::Vi);
    assert!(app.recovery.is_some());
    assert!(shows(&app, "Không mở được cơ sở dữ liệu"));
    assert!(shows(&app, "Khôi phục bản này"));
    assert!(shows(&app, "Tạo cơ sở dữ liệu mới"));

    act(&mut app, |ui| {
        ui.click("Khôi phục bản này").unwrap();
    });
    assert!(
        app.recovery.is_none(),
        "{:?}",
        app.recovery.as_ref().map(|r| &r.error)
    );
    assert_eq!(app.screen, Screen::Overview);
    assert!(app.commune.is_some());
    {
        let store = lock(&app.db);
        assert_eq!(store.path(), Some(path.as_path()));
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("cnscd.db.hong-")
    }));
}

#[test]
fn starting_a_new_database_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cnscd.db");
    std::fs::write(&path, vec![3u8; 9000]).unwrap();
    let mut app = ui::started(&path, Lang::En);
    assert!(shows(&app, "No backup was found in the backups folder."));
    act(&mut app, |ui| {
        ui.click("Start a new database").unwrap();
    });
    assert!(app.recovery.is_none());
    assert_eq!(app.screen, Screen::Setup);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".hong-"))
        .collect();
    assert_eq!(std::fs::read(&kept[0]).unwrap(), vec![3u8; 9000]);
}

#[test]
fn settings_back_up_to_a_folder_and_restore_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cnscd.db");
    let mut store = Store::open(&path).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    drop(store);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let dialogs = Scripted::new(Some(usb.clone()));
    let (mut app, task) = App::start(path.clone(), database::open(&path), Lang::Vi, dialogs);
    settle(&mut app, task);
    assert!(app.recovery.is_none());
    ui::send(
        &mut app,
        [
            cnscd::app::Message::Navigate(Screen::Settings),
            cnscd::app::Message::Settings(cnscd::app::screens::settings::Message::BackupTo),
        ],
    );
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1);
    // The automatic copy of the day is listed with what it holds.
    assert!(!app.settings.backups.is_empty());
    assert!(shows(&app, "Khôi phục từ bản sao lưu"));
    lock(&app.db).set_setting("sau.sao.luu", "x").unwrap();
    ui::send(
        &mut app,
        [cnscd::app::Message::Settings(
            cnscd::app::screens::settings::Message::Restore(0),
        )],
    );
    assert!(app.settings.error.is_none(), "{:?}", app.settings.error);
    let store = lock(&app.db);
    assert_eq!(store.setting("sau.sao.luu").unwrap(), None);
    assert_eq!(store.path(), Some(path.as_path()));
    drop(store);
    assert!(app.commune.is_some());
}
