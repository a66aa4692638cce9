//! Activities, indicators and reports in the window (headless Simulator): an activity
//! with indicator counts moves the progress; a bad count is refused naming it; deleting
//! asks first; the report's preview shows what the clerk types.

use crate::common::ui;

use cnscd::app::{App, Message, Screen};
use iced::widget::Id;
use ui::{act, demo_app, send, shows};

fn epay_period(app: &App) -> Option<i64> {
    app.progress
        .figures
        .as_ref()
        .expect("figures loaded")
        .lines
        .iter()
        .find(|l| l.indicator.code == "epay_households")
        .unwrap()
        .progress
        .period
}

fn activities(app: &App) -> usize {
    let db = cnscd::app::lock(&app.db);
    let c = db.home_commune().unwrap().unwrap().id;
    db.count_activities(&cnscd::store::ActivityQuery {
        commune_id: c,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn an_activity_with_counts_moves_the_progress_and_a_bad_count_is_refused() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Progress)]);
    let before = epay_period(&app);
    let total = activities(&app);

    send(&mut app, [Message::Navigate(Screen::Activities)]);
    act(&mut app, |ui| {
        ui.click("Ghi hoạt động (Ctrl+N)").expect("new activity");
    });
    let form = app.activities.form.as_ref().expect("the form");
    assert!(form.team.is_some(), "a team is proposed");
    let kind = app.activities.lists.kinds[5].clone();
    send(
        &mut app,
        [Message::Activities(
            cnscd::app::screens::activities::Message::FormKind(kind),
        )],
    );
    // The first count is the e-payment households.
    act(&mut app, |ui| {
        ui.click(Id::new("activity_people")).unwrap();
        ui.typewrite("35");
        ui.click(Id::new(cnscd::app::screens::activities::COUNT_IDS[0]))
            .unwrap();
        ui.typewrite("12a");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(
        shows(
            &app,
            "Kết quả theo chỉ tiêu: “Hộ gia đình có tài khoản thanh toán điện tử hoặc ví điện tử” — “12a” không phải số đếm (chỉ gồm chữ số, ví dụ 1.234)"
        ),
        "{:?}",
        app.activities.form.as_ref().unwrap().errors
    );
    assert_eq!(activities(&app), total, "nothing saved");

    // Tick who of the team took part.
    let (who, name) = app
        .activities
        .members
        .first()
        .cloned()
        .expect("the team's members");
    act(&mut app, |ui| {
        ui.click(name.as_str()).expect("the member's box");
    });
    assert_eq!(
        app.activities.form.as_ref().unwrap().input.participants,
        [who]
    );
    act(&mut app, |ui| {
        ui.click(Id::new(cnscd::app::screens::activities::COUNT_IDS[0]))
            .unwrap();
        ui.tap_key(iced::keyboard::key::Named::Backspace);
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert_eq!(activities(&app), total + 1, "{:?}", app.activities.error);
    let newest = app.activities.lines[0].id;
    let (saved, _) = cnscd::app::lock(&app.db).activity(newest).unwrap();
    assert_eq!(saved.participants, [who], "who took part is kept");
    // Quick entry: the form stays, with the day, team and kind, the figures cleared.
    let form = app.activities.form.as_ref().expect("still open");
    assert!(form.input.people.is_empty() && form.kind.is_some());
    assert!(shows(
        &app,
        "+12 hộ (Hộ gia đình có tài khoản thanh toán điện tử hoặc ví điện tử)"
    ));

    send(&mut app, [Message::Navigate(Screen::Progress)]);
    assert_eq!(
        epay_period(&app),
        Some(before.unwrap_or(0) + 12),
        "the month's progress moved by 12"
    );
}

#[test]
fn deleting_an_activity_asks_first() {
    use cnscd::app::screens::activities::Message as A;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Activities)]);
    let total = activities(&app);
    let first = app.activities.lines[0].clone();
    send(
        &mut app,
        [Message::Activities(A::Delete(
            first.id,
            first.version,
            first.date.clone(),
        ))],
    );
    assert!(shows(&app, &format!("Xóa hẳn hoạt động {}?", first.date)));
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("keep it");
    });
    assert_eq!(activities(&app), total);
    send(
        &mut app,
        [
            Message::Activities(A::Delete(first.id, first.version, first.date.clone())),
            Message::Activities(A::ConfirmDelete(true)),
        ],
    );
    assert_eq!(activities(&app), total - 1);
    // The list of kinds is editable: an empty name is refused naming the field.
    act(&mut app, |ui| {
        ui.click("Thêm vào danh sách").expect("add kind");
    });
    assert!(
        app.activities
            .error
            .as_ref()
            .unwrap()
            .message(cnscd::domain::Lang::Vi)
            .starts_with("Loại hoạt động:")
    );
    let kinds = app.activities.lists.kinds.len();
    act(&mut app, |ui| {
        ui.click(Id::new("new_kind")).unwrap();
        ui.typewrite("Hỗ trợ cài VssID");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert_eq!(app.activities.lists.kinds.len(), kinds + 1);
    assert!(
        app.activities
            .lists
            .kinds
            .iter()
            .any(|k| k.name == "Hỗ trợ cài VssID")
    );
    // Filtering by month: a wrong month is said, naming the field.
    act(&mut app, |ui| {
        ui.click(Id::new("activity_month")).unwrap();
        ui.typewrite("2026-13");
    });
    assert!(
        app.activities
            .error
            .as_ref()
            .unwrap()
            .message(cnscd::domain::Lang::Vi)
            .starts_with("Kỳ báo cáo:")
    );
}

#[test]
fn the_report_preview_shows_a_text_edit_and_baselines_are_checked() {
    use cnscd::app::screens::reports::{Message as R, Section};
    use iced::widget::text_editor::{Action, Edit};
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Reports)]);
    let before = app.reports.preview_text();
    assert!(before.contains("BÁO CÁO"), "{before}");
    assert!(before.contains("Kết quả hoạt động của Tổ công nghệ số cộng đồng"));
    let typed = "Sóng điện thoại yếu ở bon Bu Prâng";
    let mut msgs = Vec::new();
    for c in typed.chars() {
        msgs.push(Message::Reports(R::Edit(
            Section::Difficulties,
            Action::Edit(Edit::Insert(c)),
        )));
    }
    send(&mut app, msgs);
    let after = app.reports.preview_text();
    assert!(after.contains(typed), "{after}");
    assert!(app.unsaved(), "typed, not saved");

    // Issue it: numbered, frozen, listed, printable again.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bc.pdf");
    send(
        &mut app,
        [
            Message::Reports(R::Output(
                cnscd::app::parts::document_output::Message::OutPath(out.display().to_string()),
            )),
            Message::Reports(R::Output(
                cnscd::app::parts::document_output::Message::Issue,
            )),
        ],
    );
    assert!(out.exists(), "{:?}", app.reports.output.error);
    assert!(!app.unsaved());
    assert_eq!(app.reports.output.register.len(), 1);
    assert!(
        app.reports.output.register[0]
            .line
            .starts_with("Số: 01/BC-UBND"),
        "{:?}",
        app.reports.output.register
    );
    let id = app.reports.output.register[0].id;
    send(
        &mut app,
        [Message::Reports(R::Output(
            cnscd::app::parts::document_output::Message::Reprint(id),
        ))],
    );
    let again = app.reports.output.saved.clone().unwrap();
    assert!(again.exists() && again != out);
    assert!(
        app.reports
            .output
            .notice
            .as_ref()
            .unwrap()
            .vi
            .contains("trùng khớp"),
        "{:?}",
        app.reports.output.notice
    );

    // Baselines: a bad figure is refused naming the field and nothing is saved.
    send(&mut app, [Message::Navigate(Screen::Progress)]);
    send(
        &mut app,
        [
            Message::Progress(cnscd::app::screens::progress::Message::Base(
                0,
                "4.2".into(),
            )),
            Message::Progress(cnscd::app::screens::progress::Message::Save),
        ],
    );
    assert!(
        shows(
            &app,
            "Số liệu gốc: Số hộ gia đình — “4.2” không phải số đếm (chỉ gồm chữ số, ví dụ 1.234)"
        ) || app.progress.errors.iter().any(|e| e
            .message(cnscd::domain::Lang::Vi)
            .starts_with("Số liệu gốc: Số hộ gia đình")),
        "{:?}",
        app.progress.errors
    );
}

#[test]
fn evidence_is_picked_kept_and_shown_as_a_thumbnail() {
    use cnscd::app::screens::activities::Message as A;
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("lop-hoc.png");
    image::RgbImage::from_fn(320, 240, |x, _| image::Rgb([x as u8, 120, 200]))
        .save(&photo)
        .unwrap();
    let mut store = cnscd::store::Store::open(&dir.path().join("d.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let dialogs = cnscd::app::parts::dialogs::Scripted::new(Some(photo));
    let (mut app, task) = App::with_dialogs(store, cnscd::domain::Lang::Vi, dialogs.clone());
    ui::settle(&mut app, task);
    send(&mut app, [Message::Navigate(Screen::Activities)]);
    let id = app.activities.lines[0].id;
    send(&mut app, [Message::Activities(A::AddEvidence(id))]);
    let line = &app.activities.lines[0];
    assert_eq!(line.evidence.len(), 1, "{:?}", app.activities.error);
    assert!(line.evidence[0].thumbnail.as_ref().unwrap().exists());
    assert!(shows(&app, "lop-hoc.png"));
    // Clicking it opens the kept copy in the system's viewer.
    act(&mut app, |ui| {
        ui.click("lop-hoc.png").expect("the thumbnail's button");
    });
    let opened = dialogs.opened.lock().unwrap().clone();
    assert_eq!(opened, [app.activities.lines[0].evidence[0].path.clone()]);
    let mut sim = iced_test::Simulator::with_settings(ui::settings(), app.view());
    assert!(
        sim.snapshot(&iced::Theme::Light).is_ok(),
        "drawn with the image"
    );
}

#[test]
fn a_record_changed_meanwhile_is_not_overwritten_and_can_be_read_again() {
    use cnscd::app::screens::activities::Message as A;
    use cnscd::domain::Field;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Activities)]);
    let first = app.activities.lines[0].clone();
    send(&mut app, [Message::Activities(A::Edit(first.id))]);
    // Someone else (another window, the command line) saves the same activity.
    {
        let mut store = cnscd::app::lock(&app.db);
        let (mut a, version) = store.activity(first.id).unwrap();
        a.note = "Sửa ở nơi khác".into();
        store.update_activity(&a, version).unwrap();
    }
    send(
        &mut app,
        [
            Message::Activities(A::Input(Field::Notes, "Ghi chú của tôi".into())),
            Message::Activities(A::Save),
        ],
    );
    let e = app.activities.error.clone().expect("refused");
    assert!(e.is_conflict(), "{e:?}");
    let (kept, _) = cnscd::app::lock(&app.db).activity(first.id).unwrap();
    assert_eq!(kept.note, "Sửa ở nơi khác", "nothing overwritten");
    // The form keeps what was typed, and offers to read the record again.
    assert!(app.unsaved());
    act(&mut app, |ui| {
        ui.click("Đọc lại bản mới nhất").expect("reload button");
    });
    assert!(app.activities.error.is_none());
    let form = app.activities.form.as_ref().expect("form open");
    assert_eq!(form.input.note, "Sửa ở nơi khác");
}
