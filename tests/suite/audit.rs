//! The audit trail: every change to a member, a decision or a report is recorded with
//! when, the computer's user, and each field before and after; a wrong edit of a
//! person's details can be put back, and only while nothing was changed since.

use std::path::Path;

use chrono::NaiveDate;
use cnscd::domain::people::{Leaving, Role};
use cnscd::domain::{Field, Lang};
use cnscd::office::decisions::{self, DecisionRequest};
use cnscd::office::output::Target;
use cnscd::office::{Error, demo, history, roster};
use cnscd::render::Fonts;
use cnscd::store::{MemberQuery, Store};

fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    store.set_user("thu-ky-xa").unwrap();
    store
}

/// The first current member of team 1: (membership id, person id).
fn a_member(store: &Store) -> (i64, i64) {
    let q = MemberQuery {
        team_id: Some(1),
        ..MemberQuery::default()
    };
    let row = store.members(&q).unwrap().remove(0);
    (row.membership.id, row.person.id)
}

#[test]
fn an_edit_is_recorded_field_by_field_with_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (membership, person_id) = a_member(&store);
    let before = store.person(person_id).unwrap();
    let mut edited = before.clone();
    edited.phone = Some("0987654321".into());
    edited.citizen_id = Some("011090001234".into());
    roster::edit_member(&mut store, membership, &edited, Role::Deputy).unwrap();

    let trail = history::of_person(&store, person_id).unwrap();
    // Newest first: the role change, then the details, then the joining (demo).
    assert_eq!(trail[0].what.get(Lang::Vi).split(' ').next(), Some("Đổi"));
    assert_eq!(trail[0].user, "thu-ky-xa");
    let role_lines = trail[0].lines(Lang::Vi);
    assert!(
        role_lines.iter().any(|l| l.ends_with("→ Tổ phó")),
        "{role_lines:?}"
    );
    let details = &trail[1];
    assert_eq!(details.what.get(Lang::En), "Details edited");
    assert_eq!(details.user, "thu-ky-xa");
    let lines = details.lines(Lang::Vi);
    let phone_before = before.phone.clone().unwrap();
    assert!(
        lines.contains(&format!("Số điện thoại: {phone_before} → 0987654321")),
        "{lines:?}"
    );
    // The citizen ID is never shown in full in the trail.
    assert!(
        lines.iter().any(|l| l.contains("*********234")),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains("011090001234")));
    assert!(
        details.at.len() == 16 && details.at.contains('/'),
        "{}",
        details.at
    );
    assert!(
        trail
            .iter()
            .any(|e| e.what.get(Lang::Vi).starts_with("Tham gia"))
    );
    // However a person came in (here the demo's one-transaction load), the trail
    // starts with their arrival.
    assert_eq!(
        trail.last().map(|e| e.what.get(Lang::Vi)),
        Some("Thêm vào danh sách")
    );
}

#[test]
fn the_latest_edit_is_put_back_and_that_too_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (membership, person_id) = a_member(&store);
    let original = store.person(person_id).unwrap();
    let role = store.membership(membership).unwrap().role;
    let mut wrong = original.clone();
    wrong.full_name = "Nhập Nhầm Tên".into();
    wrong.given_name = "Tên".into();
    wrong.birth_year = None;
    roster::edit_member(&mut store, membership, &wrong, role).unwrap();

    let edit = history::of_person(&store, person_id).unwrap().remove(0);
    assert!(edit.can_put_back);
    let back = history::put_back(&mut store, edit.id).unwrap();
    assert_eq!(back, original);
    assert_eq!(store.person(person_id).unwrap(), original);

    let trail = history::of_person(&store, person_id).unwrap();
    assert_eq!(trail[0].what.get(Lang::Vi), "Đặt lại giá trị cũ");
    // Only the newest edit offers putting back; the older one is a conflict now.
    assert!(!trail[1].can_put_back);
    assert!(matches!(
        history::put_back(&mut store, edit.id),
        Err(Error::Conflict(_))
    ));
    assert_eq!(store.person(person_id).unwrap(), original);
}

#[test]
fn putting_back_after_a_later_change_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (_, person_id) = a_member(&store);
    let original = store.person(person_id).unwrap();
    let mut first = original.clone();
    first.phone = Some("0911111111".into());
    store.update_person(&first).unwrap();
    let first_edit = history::of_person(&store, person_id).unwrap()[0].id;
    let mut second = first.clone();
    second.phone = Some("0922222222".into());
    store.update_person(&second).unwrap();

    let got = history::put_back(&mut store, first_edit);
    assert!(matches!(got, Err(Error::Conflict(_))), "{got:?}");
    assert_eq!(store.person(person_id).unwrap(), second);
    // An entry that is not an edit of details is refused by name.
    let joining = history::of_person(&store, person_id)
        .unwrap()
        .into_iter()
        .find(|e| e.what.get(Lang::Vi).starts_with("Tham gia"))
        .unwrap();
    assert!(!joining.can_put_back);
    assert!(matches!(
        history::put_back(&mut store, joining.id),
        Err(Error::Refused(_))
    ));
}

#[test]
fn an_unchanged_save_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (_, person_id) = a_member(&store);
    let n = history::of_person(&store, person_id).unwrap().len();
    let same = store.person(person_id).unwrap();
    store.update_person(&same).unwrap();
    assert_eq!(history::of_person(&store, person_id).unwrap().len(), n);
}

#[test]
fn leaving_and_a_new_member_are_in_their_trail() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (membership, person_id) = a_member(&store);
    store
        .leave(
            membership,
            &Leaving {
                left_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                reason: "Chuyển công tác".into(),
                left_by: "45/QĐ-UBND".into(),
            },
        )
        .unwrap();
    let trail = history::of_person(&store, person_id).unwrap();
    assert!(
        trail[0]
            .what
            .get(Lang::Vi)
            .starts_with("Rời Tổ công nghệ số")
    );
    let lines = trail[0].lines(Lang::En);
    assert!(
        lines.contains(&"Left on: 20/11/2026".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"Reason: Chuyển công tác".to_string()));
    assert!(lines.contains(&"Decision: 45/QĐ-UBND".to_string()));
    assert!(
        trail
            .iter()
            .all(|e| e.changes.iter().all(|c| c.field != Field::Team))
    );
}

#[test]
fn a_decision_shows_who_issued_and_voided_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let request = DecisionRequest {
        number: Some(23),
        date: NaiveDate::from_ymd_opt(2022, 7, 27),
        ..DecisionRequest::for_team(1)
    };
    let saved = decisions::issue(
        &mut store,
        &request,
        &Target::new(dir.path().join("qd.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    let (id, _) = saved.issued.unwrap();
    store.set_user("pho-chu-tich").unwrap();
    decisions::void(&mut store, id, "Ghi sai ngày").unwrap();

    let trail = history::of_decision(&store, id).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[0].user, "pho-chu-tich");
    assert_eq!(trail[0].what.get(Lang::Vi), "Huỷ bỏ (lý do: Ghi sai ngày)");
    assert_eq!(trail[1].user, "thu-ky-xa");
    assert_eq!(trail[1].what.get(Lang::En), "Issued 23/QĐ-UBND");
    let register = decisions::register(&store, 1).unwrap();
    assert_eq!(register[0].trail, trail);
    assert!(matches!(
        history::of_decision(&store, 999),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_database_from_before_the_trail_reads_its_old_entries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    std::fs::copy("tests/fixtures/issued-layout-1.db", &db).unwrap();
    let store = Store::open(&db).unwrap();
    let issued = store.issued_decisions(1).unwrap();
    let trail = history::of_decision(&store, issued[0].id).unwrap();
    assert!(!trail.is_empty());
    assert!(trail.iter().all(|e| e.user == "—" && e.changes.is_empty()));
}

/// A trail entry from elsewhere (a bundle, a crafted file) may hold values the form
/// would refuse: putting it back is held to the form's rules, names the field and
/// changes nothing.
#[test]
fn putting_back_a_forged_entry_is_held_to_the_form_s_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let (membership, person_id) = a_member(&store);
    let original = store.person(person_id).unwrap();
    let role = store.membership(membership).unwrap().role;
    let mut edited = original.clone();
    edited.phone = Some("0911111111".into());
    edited.citizen_id = None;
    roster::edit_member(&mut store, membership, &edited, role).unwrap();
    let edit = history::of_person(&store, person_id).unwrap().remove(0);
    let after_edit = store.person(person_id).unwrap();
    drop(store);
    for (field, forged) in [
        ("Phone", "không có số"),
        ("CitizenId", "abc"),
        ("FullName", "Tên 123 ;"),
    ] {
        let conn = rusqlite::Connection::open(dir.path().join("cnscd.db")).unwrap();
        conn.execute(
            "UPDATE history SET old_values = json_set(old_values, '$.' || ?1, ?2), \
             new_values = json_set(new_values, '$.' || ?1, ?3) WHERE id = ?4",
            rusqlite::params![
                field,
                forged,
                match field {
                    "Phone" => "0911111111".to_string(),
                    "CitizenId" => String::new(),
                    _ => after_edit.full_name.clone(),
                },
                edit.id
            ],
        )
        .unwrap();
        drop(conn);
        let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
        let refused = history::put_back(&mut store, edit.id);
        let Err(Error::Invalid(errors)) = &refused else {
            panic!("{field} = {forged:?}: refused by the form's rules, got {refused:?}")
        };
        assert!(
            errors.iter().any(|e| e.field.code() == field),
            "{field}: {errors:?}"
        );
        assert_eq!(store.person(person_id).unwrap(), after_edit, "{field}");
    }
}
