//! Two writers at once: the check that guards a job (is the database empty?) runs in
//! the job's own transaction, which takes the write lock first; a job that fails
//! (refused, or busy) has changed nothing, so trying again never duplicates rows.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;

fn cnscd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
    c.arg("--db").arg(db).arg("--lang").arg("en").args(args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn both(db: &Path, args: &[&str]) -> [Output; 2] {
    let a = cnscd(db, args).spawn().unwrap();
    let b = cnscd(db, args).spawn().unwrap();
    [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()]
}

#[test]
fn two_demos_at_once_make_one_commune_and_the_other_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..4 {
        let db = dir.path().join(format!("two-{round}.db"));
        let outs = both(&db, &["demo"]);
        let ok = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(ok, 1, "round {round}: exactly one demo succeeds");
        let refused = outs.iter().find(|o| !o.status.success()).unwrap();
        let msg = String::from_utf8_lossy(&refused.stderr);
        // Refused as not empty — or, when the first holds the database longer than the
        // second waits (5 s), told to try again. Never a second commune.
        assert!(
            (msg.contains("already holds data") && msg.contains("nothing overwritten"))
                || msg.contains("try again"),
            "round {round}: a clear refusal, got {msg:?}"
        );
        assert_eq!(count(&db, "communes"), 1, "round {round}");
    }
}

#[test]
fn two_demos_if_empty_at_once_both_succeed_with_one_commune() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("if-empty.db");
    let outs = both(&db, &["demo", "--if-empty"]);
    for o in &outs {
        // Done, or kept as it is; at worst told to try again after waiting 5 s.
        let msg = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() || msg.contains("try again"), "{msg}");
    }
    assert!(outs.iter().any(|o| o.status.success()));
    assert_eq!(count(&db, "communes"), 1);
    let reference = dir.path().join("one.db");
    assert!(
        cnscd(&reference, &["demo"])
            .output()
            .unwrap()
            .status
            .success()
    );
    for t in ["people", "memberships", "library", "activities", "monthly"] {
        assert_eq!(count(&db, t), count(&reference, t), "{t}");
    }
}

#[test]
fn a_busy_job_changed_nothing_so_its_retry_does_not_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    assert!(cnscd(&db, &["demo"]).output().unwrap().status.success());
    let before = count(&db, "activities");
    let monthly = count(&db, "monthly");
    // Another program holds the write lock longer than the job waits (5 s).
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = cnscd(&db, &["demo", "--activities", "50"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("try again"), "{msg}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(
        count(&db, "activities"),
        before,
        "the busy job saved nothing"
    );
    assert_eq!(count(&db, "monthly"), monthly);
    // The retry adds the 50 activities once.
    let out = cnscd(&db, &["demo", "--activities", "50"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "activities"), before + 50);
    let mut store = cnscd::store::Store::open(&db).unwrap();
    assert!(store.check_derived(false).unwrap().is_clean());
}

#[test]
fn a_refused_demo_changed_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("refused.db");
    assert!(
        cnscd(
            &db,
            &[
                "demo",
                "--communes",
                "1",
                "--villages",
                "1",
                "--members",
                "3"
            ]
        )
        .output()
        .unwrap()
        .status
        .success()
    );
    let people = count(&db, "people");
    for args in [&["demo"][..], &["demo", "--communes", "2"][..]] {
        let out = cnscd(&db, args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(count(&db, "communes"), 1, "{args:?}");
        assert_eq!(count(&db, "people"), people, "{args:?}");
        assert_eq!(count(&db, "activity_types"), 0, "{args:?}");
    }
}
