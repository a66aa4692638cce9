//! The villages' return sheets in the window: the panel on Activities (and from the
//! Overview's deadline list), the sheets written into a folder, a filled sheet typed,
//! dropped or chosen, its preview, and taking it in — or, for a bad one, the problems
//! by row and column and no button to take it in.

use crate::common::ui;
use crate::common::xlsx::{Val, fill};

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::screens::activities::Message as A;
use cnscd::app::screens::activities::return_sheets::Message as S;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use cnscd::store::Store;
use ui::{send, settings, settle, shows};

fn sheets(m: S) -> Message {
    Message::Activities(A::Sheets(m))
}

/// The demo commune on a file, thôn 1's sheet of last month filled with one line.
fn app_and_sheet(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let mut store = Store::open(&dir.join("cnscd.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let month = cnscd::app::screens::activities::return_sheets::last_month();
    let period = cnscd::domain::period::Period::parse(&month).unwrap();
    let today = chrono::Local::now().date_naive();
    let (_, bytes) = cnscd::office::return_sheet::sheet_for(&mut store, 2, period, today).unwrap();
    let day = cnscd::domain::vndate::short(period.first_day());
    let filled = fill(
        &bytes,
        &[
            ("A9", Val::Text(&day)),
            ("B9", Val::Text("Họp Tổ")),
            ("C9", Val::Num(11.0)),
            ("K9", Val::Text("Họp Tổ đầu tháng")),
        ],
    );
    let path = dir.join("phieu-thon-1.xlsx");
    std::fs::write(&path, filled).unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    (app, path)
}

fn texts(app: &App) -> String {
    let mut ui = iced_test::Simulator::with_size(settings(), (1366.0, 768.0), app.view());
    let mut found = Vec::new();
    let _ = ui.find(|c: iced_test::selector::Candidate<'_>| {
        if let iced_test::selector::Candidate::Text { content, .. } = c {
            found.push(content.to_string());
        }
        None::<()>
    });
    found.join("\n")
}

#[test]
fn a_dropped_sheet_is_previewed_then_taken_in_and_the_log_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = app_and_sheet(dir.path());
    // Dropped on the Overview: the Activities screen opens with the panel and the file.
    send(
        &mut app,
        [
            Message::Navigate(Screen::Overview),
            Message::FileDropped(path.clone()),
        ],
    );
    assert_eq!(app.screen, Screen::Activities);
    assert!(app.activities.sheets.open);
    assert!(app.activities.sheets.files.contains("phieu-thon-1.xlsx"));
    // "Nhập các phiếu" comes with the preview only.
    assert!(!shows(&app, "Nhập các phiếu"));
    send(&mut app, [sheets(S::Preview)]);
    let shown = texts(&app);
    assert!(
        shown.contains("phieu-thon-1.xlsx — Tổ công nghệ số cộng đồng thôn 1"),
        "{shown}"
    );
    assert!(
        shown.contains("Dòng 9:") && shown.contains("Họp Tổ đầu tháng"),
        "{shown}"
    );
    let before = app.activities.total;
    let mut ui = iced_test::Simulator::with_size(settings(), (1366.0, 768.0), app.view());
    ui.click("Nhập các phiếu")
        .expect("the button to take the sheets in");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let shown = texts(&app);
    assert!(shown.contains("Đã nhập 1 phiếu"), "{shown}");
    assert_eq!(app.activities.total, before + 1);
    // The same file again: refused, its reason shown, nothing taken in.
    send(
        &mut app,
        [
            sheets(S::Files(path.display().to_string())),
            sheets(S::Preview),
        ],
    );
    let shown = texts(&app);
    assert!(shown.contains("đã nhập ngày"), "{shown}");
    assert!(!app.activities.sheets.previews.as_ref().unwrap()[0].ready());
    assert_eq!(app.activities.total, before + 1);
}

#[test]
fn the_deadline_list_opens_the_sheets_and_choosing_without_a_dialog_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_and_sheet(dir.path());
    send(&mut app, [Message::Navigate(Screen::Overview)]);
    let mut ui = iced_test::Simulator::with_size(settings(), (1366.0, 768.0), app.view());
    ui.click("Nhập phiếu báo cáo của thôn…")
        .expect("under the deadlines");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    assert_eq!(app.screen, Screen::Activities);
    assert_eq!(
        app.activities.sheets.month,
        cnscd::app::screens::activities::return_sheets::last_month()
    );
    // No dialog can open (the scripted one answers nothing): the field is named.
    send(&mut app, [sheets(S::Browse)]);
    assert!(shows(
        &app,
        "Không mở được hộp chọn: hãy gõ đường dẫn vào ô."
    ));
    // The sheets written into a typed folder.
    let folder = dir.path().join("gui-thon");
    send(
        &mut app,
        [
            sheets(S::Folder(folder.display().to_string())),
            sheets(S::Export),
        ],
    );
    let shown = texts(&app);
    assert!(shown.contains("Đã ghi 3 phiếu báo cáo"), "{shown}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 3);
}
