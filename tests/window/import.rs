//! The import assistant in the window: a spreadsheet typed or chosen, previewed with
//! what will become of each line (nothing written), then imported in one step.

use crate::common::ui;

use cnscd::app::{Message, Screen, lock};
use cnscd::store::MemberQuery;
use ui::{act, demo_app, send, shows};

fn members(app: &cnscd::app::App) -> usize {
    lock(&app.db)
        .count_members(&MemberQuery {
            include_left: true,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn a_sheet_is_previewed_then_imported_and_a_bad_line_holds_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("danh sách tổ.csv");
    std::fs::write(
        &sheet,
        "DANH SÁCH THÀNH VIÊN\n\
         STT;Họ và tên;Chức vụ;Số điện thoại;Nhiệm vụ\n\
         1;Hoàng Thị Mai;Đoàn viên;0912 345 678;Tổ viên\n\
         2;Lò Văn Páo;Trưởng thôn;0987.654.321;Tổ trưởng\n\
         3;Vi Văn Sai;Dân quân;12345;Tổ viên\n",
    )
    .unwrap();
    let mut app = demo_app();
    let before = members(&app);
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    act(&mut app, |ui| {
        ui.click("Nhập từ Excel…").expect("the assistant");
    });
    assert!(shows(&app, "Nhập thành viên từ bảng tính"));
    act(&mut app, |ui| {
        ui.click(iced::widget::Id::new("import_path"))
            .expect("the path");
        ui.typewrite(sheet.to_str().unwrap());
    });
    act(&mut app, |ui| {
        ui.click("Xem trước").expect("preview");
    });
    // The bad phone holds the import back until the clerk leaves bad lines out.
    assert!(
        shows(
            &app,
            "Sẽ thêm 2 người, liên kết 0 người đã có, bỏ qua 0 dòng, 1 dòng có lỗi."
        ),
        "{:?}",
        app.roster.error
    );
    assert_eq!(members(&app), before, "a preview writes nothing");
    act(&mut app, |ui| {
        ui.click("Nhập").expect("import button");
    });
    assert_eq!(members(&app), before, "not with a bad line");
    // Another matching of the columns must be previewed before it imports.
    send(
        &mut app,
        [Message::Roster(
            cnscd::app::screens::roster::Message::Import(cnscd::app::parts::import::Message::Map(
                "phone=D".into(),
            )),
        )],
    );
    assert!(app.roster.import.as_ref().unwrap().preview.is_none());
    send(
        &mut app,
        [Message::Roster(
            cnscd::app::screens::roster::Message::Import(cnscd::app::parts::import::Message::Map(
                String::new(),
            )),
        )],
    );
    act(&mut app, |ui| {
        ui.click("Xem trước").expect("preview again");
    });
    act(&mut app, |ui| {
        ui.click("Bỏ qua các dòng có lỗi").expect("skip bad");
    });
    act(&mut app, |ui| {
        ui.click("Nhập").expect("import");
    });
    assert_eq!(members(&app), before + 2);
    assert!(app.roster.import.is_none());
    let notice = app.roster.notice.clone().expect("a summary");
    assert!(notice.vi.contains("Đã thêm 2"), "{}", notice.vi);
}
