//! The change log in the window: a member's page lists what was changed, by whom, each
//! field before and after, and puts the latest wrong edit back.

use crate::common::ui;

use cnscd::app::{Message, Screen, lock};
use cnscd::store::MemberQuery;
use ui::{act, demo_app, send, shows};

#[test]
fn a_wrong_phone_is_seen_in_the_log_and_put_back() {
    let mut app = demo_app();
    let (person_id, phone) = {
        let store = lock(&app.db);
        let row = store
            .members(&MemberQuery::default())
            .unwrap()
            .into_iter()
            .find(|r| r.person.full_name == "Nguyễn Văn Hùng")
            .unwrap();
        (row.person.id, row.person.phone.clone().unwrap())
    };
    {
        let mut store = lock(&app.db);
        store.set_user("thu-ky").unwrap();
        let mut p = store.person(person_id).unwrap();
        p.phone = Some("0900000000".into());
        store.update_person(&p).unwrap();
    }
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    act(&mut app, |ui| {
        ui.click("Nguyễn Văn Hùng").expect("open the member");
    });
    assert!(shows(&app, "Nhật ký thay đổi"));
    assert!(shows(&app, &format!("Số điện thoại: {phone} → 0900000000")));
    act(&mut app, |ui| {
        ui.click("Đặt lại như trước").expect("put back");
    });
    let now = lock(&app.db).person(person_id).unwrap();
    assert_eq!(now.phone.as_deref(), Some(phone.as_str()));
    // The putting back is itself in the log, and offers to undo it in turn.
    assert!(shows(&app, &format!("Số điện thoại: 0900000000 → {phone}")));
}

/// A person entered by mistake is deleted after a confirmation; one whom a decision
/// names (or who has any history) is refused, saying why, and stays.
#[test]
fn a_member_entered_by_mistake_is_deleted_and_one_with_a_history_is_not() {
    use cnscd::domain::people::{Joining, Person, Role};
    let mut app = demo_app();
    {
        let mut store = lock(&app.db);
        let person = Person {
            id: 0,
            commune_id: 1,
            full_name: "Trần Văn Nhầm".into(),
            given_name: "Nhầm".into(),
            gender: None,
            birth_year: None,
            position: String::new(),
            phone: None,
            email: None,
            citizen_id: None,
            notes: String::new(),
        };
        let joining = Joining {
            role: Role::Member,
            duties: String::new(),
            joined_on: None,
            joined_by: String::new(),
        };
        store.add_member(1, &person, &joining).unwrap();
    }
    send(
        &mut app,
        [
            Message::Navigate(Screen::Roster),
            Message::Roster(cnscd::app::screens::roster::Message::Search("nham".into())),
        ],
    );
    act(&mut app, |ui| {
        ui.click("Trần Văn Nhầm").expect("open the member");
    });
    act(&mut app, |ui| {
        ui.click("Xoá người nhập nhầm…").expect("delete");
    });
    assert!(shows(
        &app,
        "Xoá hẳn người này khỏi danh sách? Chỉ làm khi nhập nhầm; nhật ký vẫn giữ lại."
    ));
    act(&mut app, |ui| {
        ui.click("Xoá").expect("confirm");
    });
    let left = lock(&app.db)
        .members(&MemberQuery {
            include_left: true,
            ..MemberQuery::default()
        })
        .unwrap();
    assert!(left.iter().all(|r| r.person.full_name != "Trần Văn Nhầm"));
    assert!(app.roster.detail.is_none());

    // Nguyễn Văn Hùng joined by decision 31/QĐ-UBND: refused, and kept.
    send(
        &mut app,
        [Message::Roster(
            cnscd::app::screens::roster::Message::Search("nguyen van hung".into()),
        )],
    );
    act(&mut app, |ui| {
        ui.click("Nguyễn Văn Hùng").expect("open the member");
    });
    act(&mut app, |ui| {
        ui.click("Xoá người nhập nhầm…").expect("delete");
    });
    act(&mut app, |ui| {
        ui.click("Xoá").expect("confirm");
    });
    let said = app
        .roster
        .error
        .as_ref()
        .map(|e| e.message(cnscd::domain::Lang::Vi))
        .unwrap_or_default();
    assert!(said.contains("hãy ghi nhận rời Tổ thay vì xoá"), "{said}");
    assert!(
        lock(&app.db)
            .members(&MemberQuery::default())
            .unwrap()
            .iter()
            .any(|r| r.person.full_name == "Nguyễn Văn Hùng")
    );
}
