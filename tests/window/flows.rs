//! The window's main flows in iced_test's headless Simulator (tiny-skia, no display).

use crate::common::ui;

use cnscd::app::{App, Message, Screen};
use cnscd::store::MemberQuery;
use iced::keyboard::key::Named;
use iced_test::Simulator;
use ui::{demo_app, send, settings};

fn members(app: &App) -> usize {
    cnscd::app::lock(&app.db)
        .count_members(&MemberQuery {
            include_left: true,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn add_a_member_with_a_bad_phone_then_fix_it_and_find_them_without_accents() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let before = members(&app);

    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click("Thêm thành viên (Ctrl+N)").expect("add button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    assert!(app.roster.form.is_some(), "the form opened");

    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click(iced::widget::Id::new("full_name"))
        .expect("name field");
    ui.typewrite("Lò Văn Ửng");
    ui.click(iced::widget::Id::new("phone"))
        .expect("phone field");
    ui.typewrite("0123 456");
    ui.click("Lưu (Enter)").expect("save button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);

    // The message names the field and the rule; nothing was saved.
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(
        ui.find("Số điện thoại: số di động phải có 10 chữ số (đang có 7)")
            .is_ok(),
        "phone refusal shown"
    );
    assert!(ui.find("Chưa lưu: hãy sửa các ô báo lỗi.").is_ok());
    assert_eq!(members(&app), before, "nothing saved");

    // Fix it: erase and type again, then press Enter in the field.
    ui.click(iced::widget::Id::new("phone"))
        .expect("phone field");
    for _ in 0..8 {
        ui.tap_key(Named::Backspace);
    }
    ui.typewrite("0912 345 999");
    ui.tap_key(Named::Enter);
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    assert!(app.roster.form.is_none(), "the form closed after saving");
    assert_eq!(members(&app), before + 1);

    // Find them by typing the name without accents.
    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click(iced::widget::Id::new(
        cnscd::app::screens::roster::SEARCH_ID,
    ))
    .expect("search");
    ui.typewrite("lo van ung");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    assert_eq!(app.roster.lines.len(), 1, "{:?}", app.roster.lines);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Lò Văn Ửng").is_ok());
    assert!(ui.find("0912345999").is_ok(), "the phone was normalised");
}

#[test]
fn those_who_left_show_only_when_asked() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Phan Văn Tài").is_err(), "not a current member");
    ui.click("Hiện cả người đã rời Tổ").expect("toggle");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Phan Văn Tài").is_ok(), "kept in the history");
    assert!(ui.find("Đã rời ngày 01/03/2024").is_ok());
}

#[test]
fn switching_the_language_changes_the_labels() {
    let mut app = demo_app();
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Danh sách thành viên").is_ok());
    ui.click("Cài đặt").expect("settings");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click("English").expect("English");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Members").is_ok());
    assert!(ui.find("Danh sách thành viên").is_err());
    assert_eq!(
        cnscd::app::lock(&app.db)
            .setting("ui.language")
            .unwrap()
            .as_deref(),
        Some("en"),
        "remembered"
    );
}

#[test]
fn overview_shows_teams_warnings_and_villages_without_a_team() {
    let app = demo_app();
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Tổ công nghệ số cộng đồng xã Đắk Nia").is_ok());
    assert!(ui.find("9 thành viên").is_ok());
    assert!(ui.find("Zalo: CNCĐ_Đắk Nia_Gia Nghĩa").is_ok());
    assert!(
        ui.find("bon Bu Prâng, bon Ding Plei, thôn 3, thôn Nghĩa Thuận, thôn Phú Xuân")
            .is_ok()
    );
}

#[test]
fn a_member_leaves_and_stays_in_the_history() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click("Nguyễn Văn Hùng").expect("open the member");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Quá trình tham gia").is_ok());
    // A date before joining is refused, naming the field; nothing changes.
    ui.click(iced::widget::Id::new("left_on"))
        .expect("date field");
    ui.typewrite("01/01/2020");
    ui.click("Ghi nhận rời Tổ").expect("leave button");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(
        ui.find("Ngày rời Tổ: không được trước ngày tham gia (15/08/2022)")
            .is_ok()
    );
    assert!(ui.find("Lý do: cần ghi lý do rời Tổ").is_ok());
    ui.click(iced::widget::Id::new("left_on"))
        .expect("date field");
    for _ in 0..10 {
        ui.tap_key(Named::Backspace);
    }
    ui.typewrite("20/11/2026");
    ui.click(iced::widget::Id::new("leave_reason"))
        .expect("reason");
    ui.typewrite("Chuyển công tác");
    ui.tap_key(Named::Enter);
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    // Not a current member any more, still in the history with the reason.
    assert!(!app.roster.lines.iter().any(|l| l.name == "Nguyễn Văn Hùng"));
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.find("Tổ công nghệ số cộng đồng thôn 1 — Tổ trưởng, tham gia 15/08/2022 (31/QĐ-UBND), rời Tổ 20/11/2026 — lý do: Chuyển công tác").is_ok());
}

#[test]
fn the_decision_preview_changes_when_the_subject_is_edited() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    let first = app.decision.preview_text();
    assert!(first.contains("QUYẾT ĐỊNH"), "{first}");
    assert!(first.contains("Về việc thành lập Tổ công nghệ số cộng đồng xã Đắk Nia"));
    assert_eq!(
        app.decision.number, "1",
        "the next free number of the year is proposed"
    );
    let mut ui = Simulator::with_settings(settings(), app.view());
    ui.click(iced::widget::Id::new("decision_subject"))
        .expect("subject field");
    ui.typewrite("Về việc kiện toàn Tổ công nghệ số cộng đồng xã Đắk Nia năm 2026");
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(&mut app, msgs);
    let after = app.decision.preview_text();
    assert!(
        after.contains("Về việc kiện toàn Tổ công nghệ số cộng đồng xã Đắk Nia năm 2026"),
        "{after}"
    );
    assert!(!after.contains("Về việc thành lập"));
    // The preview is drawn (a snapshot renders without error).
    let mut ui = Simulator::with_settings(settings(), app.view());
    assert!(ui.snapshot(&iced::Theme::Light).is_ok());
}

#[test]
fn a_bad_decision_number_is_refused_naming_the_field() {
    use cnscd::app::screens::decision::Message as D;
    let (mut app, _dir) = ui::demo_app_with(cnscd::app::parts::dialogs::Scripted::new(None));
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    send(
        &mut app,
        [
            Message::Decision(D::Number("12a".into())),
            Message::Decision(D::Output(
                cnscd::app::parts::document_output::Message::Issue,
            )),
        ],
    );
    let e = app
        .decision
        .output
        .error
        .as_ref()
        .expect("refused")
        .message(cnscd::domain::Lang::Vi);
    assert!(e.starts_with("Số văn bản:"), "{e}");
    assert!(
        cnscd::app::lock(&app.db)
            .issued_decisions(1)
            .unwrap()
            .is_empty(),
        "nothing issued"
    );
    send(&mut app, [Message::Decision(D::Number("0".into()))]);
    assert!(
        app.decision
            .output
            .error
            .as_ref()
            .unwrap()
            .message(cnscd::domain::Lang::Vi)
            .contains("từ 1 đến")
    );
    // A number already issued this year warns; issuing it again is refused by the
    // register, naming the field.
    send(
        &mut app,
        [
            Message::Decision(D::Number("3".into())),
            Message::Decision(D::Output(
                cnscd::app::parts::document_output::Message::Issue,
            )),
        ],
    );
    assert_eq!(
        cnscd::app::lock(&app.db).issued_decisions(1).unwrap().len(),
        1
    );
    send(&mut app, [Message::Decision(D::Number("3".into()))]);
    let w = app.decision.number_warning().expect("number taken");
    assert!(w.vi.starts_with("Số 03/QĐ-UBND năm "), "{}", w.vi);
    assert_eq!(app.decision.number, "3", "a warning, not a replacement");
    // The PDF of the same name exists: the window asks, the clerk says replace.
    send(
        &mut app,
        [
            Message::Decision(D::Output(
                cnscd::app::parts::document_output::Message::Issue,
            )),
            Message::Decision(D::Output(
                cnscd::app::parts::document_output::Message::Replace(true),
            )),
        ],
    );
    let e = app
        .decision
        .output
        .error
        .as_ref()
        .expect("number taken")
        .message(cnscd::domain::Lang::Vi);
    assert!(e.starts_with("Số văn bản: số 3/QĐ-UBND"), "{e}");
    assert_eq!(
        cnscd::app::lock(&app.db).issued_decisions(1).unwrap().len(),
        1
    );
}
