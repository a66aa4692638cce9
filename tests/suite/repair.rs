//! Derived data (monthly totals, sort keys, search text, search index) is compared
//! with a recount, and rebuilt in one transaction.

use cnscd::office::{demo, repair};
use cnscd::store::{MemberQuery, Store};
use rusqlite::Connection;

#[test]
fn a_fresh_demo_agrees_with_its_recount() {
    let mut store = Store::open_in_memory().unwrap();
    demo::dak_nia(&mut store).unwrap();
    cnscd::office::demo_activities::generate(&mut store, 300, 5).unwrap();
    let r = repair::check(&mut store).unwrap();
    assert!(r.is_clean(), "{r:?}");
    assert!(r.msg().en.contains("agrees"));
}

#[test]
fn wrong_monthly_totals_and_keys_are_reported_then_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let mut store = Store::open(&db).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let good = store.monthly_snapshot().unwrap();
    drop(store);
    {
        // What a split job used to leave: activities without their totals, and a name
        // changed behind the program's back.
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "DELETE FROM monthly WHERE month = '2026-03';
             UPDATE monthly SET total = total + 200000 WHERE indicator_id = -1 AND month = '2026-05';
             UPDATE people SET sort_key = x'00', search_text = 'x' WHERE id IN (SELECT id FROM people LIMIT 2);
             UPDATE memberships SET sort_key = x'01' WHERE id = (SELECT min(id) FROM memberships);",
        )
        .unwrap();
    }
    let mut store = Store::open(&db).unwrap();
    let found = repair::check(&mut store).unwrap();
    assert!(found.found.monthly > 0, "{found:?}");
    assert_eq!(found.found.people_keys, 2);
    assert!(found.found.membership_keys >= 1);
    assert!(!found.found.repaired);
    assert!(
        found.msg().en.contains("Not repaired"),
        "{}",
        found.msg().en
    );
    assert_ne!(
        store.monthly_snapshot().unwrap(),
        good,
        "check changed nothing"
    );

    let fixed = repair::derived(&mut store).unwrap();
    assert!(fixed.found.repaired);
    assert_eq!(fixed.found.monthly, found.found.monthly);
    assert!(fixed.msg().vi.contains("Đã dựng lại"));
    assert_eq!(store.monthly_snapshot().unwrap(), good);
    assert!(repair::check(&mut store).unwrap().is_clean());
    // The search finds the repaired people again.
    let q = MemberQuery {
        search: "hung".into(),
        include_left: true,
        ..Default::default()
    };
    assert!(!store.members(&q).unwrap().is_empty());
}

#[test]
fn check_says_when_derived_data_disagrees_and_repair_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cnscd"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("CNSCD_LANG")
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    assert!(run(&["check"]).status.success());
    Connection::open(&db)
        .unwrap()
        .execute_batch("DELETE FROM monthly WHERE month = '2026-03';")
        .unwrap();
    let o = run(&["check"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cnscd check --repair"), "{err}");
    let o = run(&["check", "--repair"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Đã dựng lại"));
    assert!(run(&["check"]).status.success());
}
