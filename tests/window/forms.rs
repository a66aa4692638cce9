//! The forms as a clerk fills them (issue 12): gender is a choice; the joining date,
//! decision and role stay for the next member added; the activity kind starts on the
//! last used; Esc closes a form at once, even from inside a field.

use crate::common::ui;

use cnscd::app::{Message, Screen, Shortcut};
use cnscd::domain::Field;
use cnscd::domain::people::Role;
use iced::keyboard::key::Named;
use iced::widget::Id;
use ui::{act, demo_app, send, shows};

#[test]
fn gender_is_a_choice_and_the_joining_stays_for_the_next_member() {
    use cnscd::app::parts::member_form::{Message as F, RoleChoice};
    use cnscd::app::screens::roster::Message as R;
    let mut app = demo_app();
    send(
        &mut app,
        [Message::Navigate(Screen::Roster), Message::Roster(R::Add)],
    );
    assert!(shows(&app, "Giới tính"));
    assert!(shows(&app, "—"), "not said until chosen");
    act(&mut app, |ui| {
        ui.click(Id::new("full_name")).unwrap();
        ui.typewrite("Lò Thị Mai");
        ui.click(Id::new("joined_on")).unwrap();
        ui.typewrite("01/02/2026");
        ui.click(Id::new("joined_by")).unwrap();
        ui.typewrite("12/QĐ-UBND");
    });
    send(
        &mut app,
        [
            Message::Roster(R::Form(F::Input(Field::Gender, "Nữ".into()))),
            Message::Roster(R::Form(F::Role(RoleChoice(
                Role::Deputy,
                cnscd::domain::Lang::Vi,
            )))),
        ],
    );
    assert!(shows(&app, "Nữ"), "the choice is shown");
    send(&mut app, [Message::Roster(R::Form(F::Save))]);
    assert!(app.roster.form.is_none(), "saved: {:?}", app.roster.error);
    assert!(shows(&app, "Đã lưu: Lò Thị Mai"));

    // The next member starts with the same joining date, decision and role.
    send(&mut app, [Message::Roster(R::Add)]);
    let form = app.roster.form.as_ref().expect("the form again");
    assert_eq!(form.join.joined_on, "01/02/2026");
    assert_eq!(form.join.joined_by, "12/QĐ-UBND");
    assert_eq!(form.role, Role::Deputy);
    assert!(form.person.full_name.is_empty(), "the person is new");
}

#[test]
fn a_new_activity_starts_on_the_kind_used_last() {
    use cnscd::app::screens::activities::Message as A;
    let mut app = demo_app();
    send(
        &mut app,
        [
            Message::Navigate(Screen::Activities),
            Message::Activities(A::New),
        ],
    );
    let kind = app.activities.lists.kinds[3].clone();
    send(&mut app, [Message::Activities(A::FormKind(kind.clone()))]);
    act(&mut app, |ui| {
        ui.click(Id::new("activity_people")).unwrap();
        ui.typewrite("12");
        ui.tap_key(Named::Enter);
    });
    send(
        &mut app,
        [Message::Activities(A::Cancel), Message::Activities(A::New)],
    );
    let form = app.activities.form.as_ref().expect("the form");
    assert_eq!(form.kind.as_ref(), Some(&kind), "the kind used last");
    assert!(shows(&app, &kind.name));
}

#[test]
fn esc_in_a_field_closes_the_form_at_once() {
    use cnscd::app::screens::roster::Message as R;
    let mut app = demo_app();
    send(
        &mut app,
        [Message::Navigate(Screen::Roster), Message::Roster(R::Add)],
    );
    // The field takes Esc for itself: the window's shortcuts would never see it.
    let mut ui = iced_test::Simulator::with_settings(ui::settings(), app.view());
    ui.click(Id::new("full_name")).unwrap();
    ui.typewrite("Lò");
    let status = ui.tap_key(Named::Escape);
    assert_eq!(status, iced::event::Status::Captured);
    drop(ui);
    // Esc in a field still closes the form, the first time.
    let esc = iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(Named::Escape),
        modified_key: iced::keyboard::Key::Named(Named::Escape),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::default(),
        text: None,
        repeat: false,
    });
    let m = cnscd::app::escape_in_field(
        esc,
        iced::event::Status::Captured,
        iced::window::Id::unique(),
    )
    .expect("Esc in a field is the form's Cancel");
    assert!(matches!(m, Message::Shortcut(Shortcut::Cancel)));
    send(&mut app, [m]);
    assert!(app.roster.form.is_none(), "one Esc closed the form");
}

#[test]
fn the_warning_count_opens_the_warnings_and_villages_are_renamed_on_the_teams_screen() {
    use cnscd::app::screens::teams::Message as Tm;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    // A new team has no members yet: the rule preset warns.
    let thon3 = ui::village(&app, "Thôn 3", true);
    send(
        &mut app,
        [
            Message::Teams(Tm::NewTeamVillage(thon3)),
            Message::Teams(Tm::CreateVillageTeam),
        ],
    );
    let team = app
        .teams
        .data
        .teams
        .iter()
        .find(|t| !t.warnings.is_empty())
        .cloned()
        .expect("a demo team with warnings");
    let first = team.warnings[0].vi.clone();
    assert!(!shows(&app, &format!("⚠ {first}")), "closed at first");
    let count = format!("⚠ {} cảnh báo theo bộ quy tắc", team.warnings.len());
    act(&mut app, |ui| {
        ui.click(count.as_str()).expect("the count is a button");
    });
    assert!(shows(&app, &format!("⚠ {first}")), "the warnings it counts");

    // The villages are listed with "rename"; a name without its kind is refused.
    let village = ui::village(&app, "Thôn 3", false);
    send(
        &mut app,
        [
            Message::Teams(Tm::RenameVillage(village.id)),
            Message::Teams(Tm::VillageName("Phú Lợi".into())),
            Message::Teams(Tm::SaveVillage),
        ],
    );
    assert!(shows(
        &app,
        "Lỗi: Thôn, ấp, khu phố: ghi cả loại và tên, ví dụ “Thôn 3”, “Bon Bu Prăng”, “Tổ dân phố 2”"
    ));
    send(
        &mut app,
        [
            Message::Teams(Tm::RenameVillage(village.id)),
            Message::Teams(Tm::VillageName("Thôn Phú Lợi".into())),
            Message::Teams(Tm::SaveVillage),
        ],
    );
    assert!(shows(&app, "Đã đổi tên thành Thôn Phú Lợi"));
    assert!(
        app.teams
            .data
            .villages
            .iter()
            .any(|v| v.id == village.id && v.name == "Thôn Phú Lợi")
    );
}

#[test]
fn a_letter_typed_right_after_tab_goes_to_the_next_field() {
    use cnscd::app::screens::roster::Message as R;
    let mut app = demo_app();
    send(
        &mut app,
        [Message::Navigate(Screen::Roster), Message::Roster(R::Add)],
    );
    // Tab and the next letters in one go, as fast typing brings them.
    act(&mut app, |ui| {
        ui.click(Id::new("full_name")).unwrap();
        ui.typewrite("Lò Văn A");
        ui.tap_key(Named::Tab);
        ui.typewrite("A");
    });
    let form = app.roster.form.as_ref().expect("the form");
    assert_eq!(form.person.full_name, "Lò Văn A");
    assert_eq!(
        form.person.given_name, "A",
        "the letter went to the next field"
    );
}
