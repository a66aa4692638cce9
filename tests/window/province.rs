//! The commune's side of the province in the window: the targets the province sent
//! taken in on the Indicators screen (their source shown), and "Biểu gửi tỉnh" on the
//! Reports screen — refused, saying what to do, until the commune is linked to its code.

use crate::common::ui;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use cnscd::store::Store;
use ui::{send, settle, shows};

#[test]
fn the_province_s_targets_are_taken_in_and_the_sheet_for_the_province_written() {
    let dir = tempfile::tempdir().unwrap();
    // The province sends its targets of this year.
    let qs = cnscd::domain::units::search("quang son lam dong", 1)[0];
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let mut tinh = Store::open(&dir.path().join("tinh.db")).unwrap();
    cnscd::office::province::set_home(&mut tinh, qs.province_code, "so").unwrap();
    cnscd::office::province::targets::set(&mut tinh, year, "epay_households", 85.0, None).unwrap();
    let book = dir.path().join("chi-tieu.xlsx");
    cnscd::office::province::targets::export(&tinh, year, &book, chrono::Local::now().date_naive())
        .unwrap();
    // The commune, not linked to its code yet.
    let mut store = Store::open(&dir.path().join("xa.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    // Files go to a folder of the test's own (never the user's documents).
    app.folder = dir.path().join("van-ban");
    send(&mut app, [Message::Navigate(Screen::Reports)]);
    send(
        &mut app,
        [Message::Reports(
            cnscd::app::screens::reports::Message::ProvinceSheet,
        )],
    );
    assert!(
        shows(
            &app,
            "Lỗi: xã chưa gắn với mã trong danh mục đơn vị hành chính 2025: hãy chọn xã trong danh mục ở Cài đặt (hoặc `cnscd commune set --code N`)"
        ),
        "says what to do"
    );
    cnscd::app::lock(&app.db)
        .set_unit_code(1, Some(qs.code))
        .unwrap();
    send(
        &mut app,
        [Message::Reports(
            cnscd::app::screens::reports::Message::ProvinceSheet,
        )],
    );
    let written: Vec<_> = std::fs::read_dir(&app.folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("Biểu gửi tỉnh"))
        .collect();
    assert_eq!(written.len(), 1);
    // The targets taken in on the Indicators screen, their source shown.
    use cnscd::app::screens::progress::Message as P;
    send(
        &mut app,
        [
            Message::Navigate(Screen::Progress),
            Message::Progress(P::TargetsFile(book.display().to_string())),
            Message::Progress(P::TakeTargets),
        ],
    );
    assert!(
        app.progress
            .notice
            .as_ref()
            .unwrap()
            .vi
            .starts_with("Đã nhận 1 chỉ tiêu năm")
    );
    let source = app.progress.target_source.clone().expect("the source");
    assert!(
        source.starts_with("Sở Khoa học và Công nghệ tỉnh Lâm Đồng giao ngày"),
        "{source}"
    );
    assert!(shows(&app, &format!("Chỉ tiêu giao: {source}")));
}
