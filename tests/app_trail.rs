//! The change log in the window: a member's page lists what was changed, by whom, each
//! field before and after, and puts the latest wrong edit back.

#[path = "common/ui.rs"]
mod ui;

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
