//! More of the window in iced_test's headless Simulator: the first run, teams, editing
//! and sorting members, the decision's articles and files, closing with unsaved edits.

use crate::common::ui;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use cnscd::domain::people::Role;
use cnscd::store::Store;
use iced::widget::Id;
use ui::{act, demo_app, demo_app_with, send, settle, shows};

#[test]
fn first_run_asks_for_the_commune_refuses_what_is_missing_and_saves_it() {
    let store = Store::open_in_memory().unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    assert_eq!(
        app.screen,
        Screen::Setup,
        "an empty database opens the setup"
    );
    assert!(shows(&app, "Thiết lập lần đầu"));

    // Saving an empty form names each missing field; nothing is saved.
    act(&mut app, |ui| {
        ui.click("Lưu và bắt đầu").expect("save");
    });
    assert!(shows(&app, "Tỉnh, thành phố: không được để trống"));
    assert!(shows(
        &app,
        "Chủ tịch UBND: cần có họ tên người ký quyết định"
    ));
    assert!(cnscd::app::lock(&app.db).home_commune().unwrap().is_none());
    // Other screens wait for the commune.
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    assert_eq!(app.screen, Screen::Setup);

    act(&mut app, |ui| {
        ui.click(Id::new("commune_province")).unwrap();
        ui.typewrite("Lâm Đồng");
        ui.click(Id::new("commune_name")).unwrap();
        ui.typewrite("Quảng Sơn");
        ui.click(Id::new("commune_chairman")).unwrap();
        ui.typewrite("Nguyễn Văn An");
        ui.click(Id::new("commune_vice")).unwrap();
        ui.typewrite("Trần Thị Bình, Lê Văn Cường");
    });
    assert!(app.unsaved(), "typed and not saved");
    act(&mut app, |ui| {
        ui.click("Lưu và bắt đầu").expect("save");
    });
    assert_eq!(app.screen, Screen::Overview);
    assert!(!app.unsaved());
    let c = cnscd::app::lock(&app.db).home_commune().unwrap().unwrap();
    assert_eq!(c.full_name(), "xã Quảng Sơn");
    assert_eq!(c.place_name, "Quảng Sơn", "the place defaults to the name");
    assert_eq!(c.vice_chairmen, ["Trần Thị Bình", "Lê Văn Cường"]);
    assert!(c.district.is_none(), "no district unless asked");
    assert!(shows(&app, "Ủy ban nhân dân xã Quảng Sơn"));

    // Editable later in Settings: the same details, filled in.
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    let (_, form) = app.settings.commune.as_ref().expect("the commune form");
    assert_eq!(form.chairman, "Nguyễn Văn An");
}

#[test]
fn first_run_can_open_the_demo_commune() {
    let store = Store::open_in_memory().unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    act(&mut app, |ui| {
        ui.click("Mở xã mẫu (Đắk Nia)").expect("demo");
    });
    assert_eq!(app.screen, Screen::Overview);
    assert!(shows(&app, "Tổ công nghệ số cộng đồng xã Đắk Nia"));
    assert!(!app.roster.lines.is_empty(), "the roster was loaded");
}

#[test]
fn settings_refuse_an_empty_chairman_and_keep_the_saved_commune() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    act(&mut app, |ui| {
        ui.click(Id::new("commune_chairman")).unwrap();
        for _ in 0..20 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.click("Lưu (Enter)").expect("save");
    });
    assert!(shows(
        &app,
        "Chủ tịch UBND: cần có họ tên người ký quyết định"
    ));
    let c = cnscd::app::lock(&app.db).home_commune().unwrap().unwrap();
    assert_eq!(c.chairman, "Trần Đình Tuấn", "nothing saved");
}

#[test]
fn a_team_is_set_up_for_a_village_renamed_and_its_status_changed() {
    use cnscd::app::screens::teams::Message as Tm;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    let before = app.teams.data.teams.len();
    // Creating without choosing a village names the field.
    act(&mut app, |ui| {
        ui.click("Lập Tổ cho thôn").expect("create");
    });
    assert!(shows(
        &app,
        "Lỗi: Thôn, ấp, khu phố: cần chọn thôn cho Tổ mới"
    ));
    let village = ui::village(&app, "Thôn 3", true);
    send(
        &mut app,
        [
            Message::Teams(Tm::NewTeamVillage(village)),
            Message::Teams(Tm::CreateVillageTeam),
        ],
    );
    assert_eq!(app.teams.data.teams.len(), before + 1);
    assert!(shows(&app, "Đã lập Tổ công nghệ số cộng đồng thôn 3"));
    assert!(
        app.roster
            .teams
            .iter()
            .any(|t| t.name == "Tổ công nghệ số cộng đồng thôn 3"),
        "the roster's team filter knows it"
    );

    // A village typed without its kind is refused; with it, it is added.
    act(&mut app, |ui| {
        ui.click(Id::new("new_village")).unwrap();
        ui.typewrite("Phú Lợi");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(
        app.teams
            .error
            .as_ref()
            .unwrap()
            .message(cnscd::domain::Lang::Vi)
            .contains("Thôn 3")
    );
    assert_eq!(app.teams.new_village, "Phú Lợi", "what was typed stays");
    act(&mut app, |ui| {
        ui.click(Id::new("new_village")).unwrap();
        for _ in 0..10 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("Thôn Phú Lợi");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(
        app.teams
            .data
            .without_team
            .iter()
            .any(|v| v.name == "Thôn Phú Lợi")
    );

    // Rename and mark it as being re-organised.
    let id = app
        .teams
        .data
        .teams
        .iter()
        .find(|t| t.name.ends_with("thôn 3"))
        .unwrap()
        .id;
    send(&mut app, [Message::Teams(Tm::Edit(id))]);
    act(&mut app, |ui| {
        ui.click(Id::new("team_name")).unwrap();
        for _ in 0..40 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("Tổ công nghệ số thôn 3 mở rộng");
    });
    assert!(app.unsaved(), "the edit is pending");
    send(
        &mut app,
        [
            Message::Teams(Tm::EditStatus(cnscd::app::screens::teams::StatusChoice(
                cnscd::domain::team::TeamStatus::Reorganising,
                Lang::Vi,
            ))),
            Message::Teams(Tm::SaveEdit),
        ],
    );
    let line = app.teams.data.teams.iter().find(|t| t.id == id).unwrap();
    assert_eq!(line.name, "Tổ công nghệ số thôn 3 mở rộng");
    assert_eq!(line.status, cnscd::domain::team::TeamStatus::Reorganising);
    assert!(shows(&app, "Đang kiện toàn"));
    // The Zalo group name is offered to copy.
    act(&mut app, |ui| {
        ui.click("Chép tên nhóm Zalo").expect("copy");
    });
    assert!(
        app.teams
            .notice
            .as_ref()
            .unwrap()
            .vi
            .starts_with("Đã chép: CNCĐ_")
    );
}

#[test]
fn a_member_is_edited_and_the_role_changed_then_the_roster_sorts_by_role() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    act(&mut app, |ui| {
        ui.click("Nguyễn Văn Hùng").expect("open");
    });
    act(&mut app, |ui| {
        ui.click("Sửa").expect("edit");
    });
    let form = app.roster.form.as_ref().expect("the form, filled");
    assert_eq!(form.person.full_name, "Nguyễn Văn Hùng");
    assert!(shows(&app, "Sửa thông tin thành viên"));
    // A bad phone is refused naming the field, nothing saved.
    act(&mut app, |ui| {
        ui.click(Id::new("phone")).unwrap();
        for _ in 0..12 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("09");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(app.roster.form.is_some());
    assert!(shows(
        &app,
        "Số điện thoại: số di động phải có 10 chữ số (đang có 2)"
    ));
    act(&mut app, |ui| {
        ui.click(Id::new("phone")).unwrap();
        ui.typewrite("78 111 222");
    });
    send(
        &mut app,
        [
            Message::Roster(cnscd::app::screens::roster::Message::Form(
                cnscd::app::parts::member_form::Message::Role(
                    cnscd::app::parts::member_form::RoleChoice(Role::Deputy, Lang::Vi),
                ),
            )),
            Message::Roster(cnscd::app::screens::roster::Message::Form(
                cnscd::app::parts::member_form::Message::Save,
            )),
        ],
    );
    assert!(app.roster.form.is_none(), "saved");
    let line = app
        .roster
        .lines
        .iter()
        .find(|l| l.name == "Nguyễn Văn Hùng")
        .expect("still listed");
    assert_eq!(line.phone, "0978111222");
    assert_eq!(line.role, Role::Deputy);
    // The history keeps one membership (the same one, role changed).
    let db = cnscd::app::lock(&app.db);
    let m = db.membership(line.membership_id).unwrap();
    assert_eq!(db.person_history(m.person_id).unwrap().len(), 1);
    drop(db);

    // Sort by role: leaders first; again: members first.
    act(&mut app, |ui| {
        ui.click("Nhiệm vụ").expect("role header");
    });
    assert_eq!(app.roster.lines[0].role, Role::Leader);
    act(&mut app, |ui| {
        ui.click("Nhiệm vụ ▲").expect("sorted header");
    });
    assert_eq!(app.roster.lines[0].role, Role::Member);
    // Filter by role.
    send(
        &mut app,
        [Message::Roster(cnscd::app::screens::roster::Message::Role(
            cnscd::app::screens::roster::RoleFilter(Some(Role::Leader), Lang::Vi),
        ))],
    );
    assert!(!app.roster.lines.is_empty());
    assert!(app.roster.lines.iter().all(|l| l.role == Role::Leader));
}

#[test]
fn the_articles_are_edited_beside_the_preview_and_the_pdf_saved_where_asked() {
    use cnscd::app::screens::decision::Message as D;
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("chon-noi-luu.pdf");
    let dialogs = Scripted::new(Some(chosen.clone()));
    let (mut app, _out) = demo_app_with(dialogs.clone());
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    let all_text = |app: &App| {
        app.decision
            .output
            .laid
            .as_ref()
            .map(|l| l.pages.iter().map(|p| p.text()).collect::<String>())
            .unwrap_or_default()
    };
    // Today's offices (after 1 July 2025) carry the decision out.
    assert!(
        all_text(&app).contains("Văn hóa - Xã hội, các ban ngành"),
        "{}",
        all_text(&app)
    );
    assert!(!all_text(&app).contains("Văn phòng - Thống kê"));
    act(&mut app, |ui| {
        ui.click("Sửa Điều 2 (nhiệm vụ) và Điều 3 (thi hành)")
            .expect("articles");
    });
    send(&mut app, [Message::Decision(D::ResetArticles)]);
    app.decision.executors = iced::widget::text_editor::Content::with_text(
        "Văn phòng HĐND và UBND xã và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    );
    send(
        &mut app,
        [Message::Decision(D::Edit(
            cnscd::app::screens::decision::Article::Executors,
            iced::widget::text_editor::Action::Edit(iced::widget::text_editor::Edit::Insert(' ')),
        ))],
    );
    let text = all_text(&app);
    assert!(text.contains("Văn phòng HĐND và UBND xã"), "{text}");
    assert!(!text.contains("các ban ngành đoàn thể"));
    assert!(app.unsaved());

    // "Choose…" asks where (the scripted dialog answers) and saves there.
    act(&mut app, |ui| {
        ui.click("Chọn nơi lưu…").expect("browse");
    });
    assert!(chosen.exists(), "{:?}", app.decision.output.error);
    assert!(!app.unsaved(), "saved");
    act(&mut app, |ui| {
        ui.click("Mở tệp PDF").expect("open");
    });
    assert_eq!(
        *dialogs.opened.lock().unwrap(),
        std::slice::from_ref(&chosen)
    );

    // Ctrl+P saves to the path in the field.
    let typed = dir.path().join("ctrl-p.pdf");
    send(
        &mut app,
        [
            Message::Decision(D::Output(
                cnscd::app::parts::document_output::Message::OutPath(typed.display().to_string()),
            )),
            Message::Shortcut(
                cnscd::app::Shortcut::from_event(iced::keyboard::Event::KeyPressed {
                    key: iced::keyboard::Key::Character("p".into()),
                    modified_key: iced::keyboard::Key::Character("p".into()),
                    physical_key: iced::keyboard::key::Physical::Unidentified(
                        iced::keyboard::key::NativeCode::Unidentified,
                    ),
                    location: iced::keyboard::Location::Standard,
                    modifiers: iced::keyboard::Modifiers::CTRL,
                    text: None,
                    repeat: false,
                })
                .expect("Ctrl+P is a shortcut"),
            ),
        ],
    );
    assert!(typed.exists());
    // An issued decision can be printed again. (Issued under the draft's name: the
    // window asks before replacing the draft, and the clerk agrees.)
    send(
        &mut app,
        [Message::Decision(D::Output(
            cnscd::app::parts::document_output::Message::Issue,
        ))],
    );
    assert!(app.decision.output.confirm_replace.is_some(), "asked first");
    send(
        &mut app,
        [Message::Decision(D::Output(
            cnscd::app::parts::document_output::Message::Replace(true),
        ))],
    );
    let issued = app.decision.output.register.clone();
    assert_eq!(issued.len(), 1);
    send(
        &mut app,
        [Message::Decision(D::Output(
            cnscd::app::parts::document_output::Message::Reprint(issued[0].id),
        ))],
    );
    let again = app.decision.output.saved.clone().unwrap();
    assert!(again.exists() && again.to_string_lossy().contains("ban-in-lai"));
    assert!(
        app.decision
            .output
            .notice
            .as_ref()
            .unwrap()
            .vi
            .contains("Đã ghi"),
        "{:?}",
        app.decision.output.notice
    );
}

#[test]
fn closing_with_unsaved_edits_asks_first() {
    let mut app = demo_app();
    // Nothing typed: the window closes at once.
    let id = iced::window::Id::unique();
    send(&mut app, [Message::CloseRequested(id)]);
    assert!(app.confirm_quit.is_none());

    send(&mut app, [Message::Navigate(Screen::Roster)]);
    act(&mut app, |ui| {
        ui.click("Thêm thành viên (Ctrl+N)").unwrap();
    });
    act(&mut app, |ui| {
        ui.click(Id::new("full_name")).unwrap();
        ui.typewrite("Y Bih");
    });
    // Switching screens keeps what was typed.
    send(
        &mut app,
        [
            Message::Navigate(Screen::Overview),
            Message::Navigate(Screen::Roster),
        ],
    );
    assert_eq!(app.roster.form.as_ref().unwrap().person.full_name, "Y Bih");
    send(&mut app, [Message::CloseRequested(id)]);
    assert_eq!(app.confirm_quit, Some(id));
    assert!(shows(&app, "Có nội dung chưa lưu"));
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("go back");
    });
    assert!(app.confirm_quit.is_none());
    assert_eq!(app.roster.form.as_ref().unwrap().person.full_name, "Y Bih");
}

#[test]
fn first_run_finds_the_commune_in_the_official_list_and_settings_keep_its_code() {
    let store = Store::open_in_memory().unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    act(&mut app, |ui| {
        ui.click(Id::new("commune_unit_search")).unwrap();
        ui.typewrite("cu mgar");
    });
    let code = cnscd::domain::units::search("cu mgar", 1)[0].code;
    let shown = format!("Xã Cư M’gar — Đắk Lắk (mã {code})");
    assert!(shows(&app, &shown), "the match with its province and code");
    act(&mut app, |ui| {
        ui.click(shown.as_str()).expect("pick it");
    });
    assert_eq!(app.setup.form.province, "Đắk Lắk");
    assert_eq!(app.setup.form.name, "Cư M’gar");
    act(&mut app, |ui| {
        ui.click(Id::new("commune_chairman")).unwrap();
        ui.typewrite("Y Thông Byă");
    });
    act(&mut app, |ui| {
        ui.click("Lưu và bắt đầu").expect("save");
    });
    assert_eq!(app.screen, Screen::Overview);
    let s = cnscd::app::lock(&app.db);
    let c = s.home_commune().unwrap().unwrap();
    assert_eq!(c.full_name(), "xã Cư M’gar");
    assert_eq!(s.unit_code(c.id).unwrap(), Some(code));
    drop(s);
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    let (_, form) = app.settings.commune.as_ref().unwrap();
    assert_eq!(form.code, Some(code));
    assert!(shows(
        &app,
        &format!("mã {code} — Danh mục đơn vị hành chính 2025 (34 tỉnh, thành phố)")
    ));
}
