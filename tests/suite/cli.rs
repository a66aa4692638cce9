//! The command line, as a script would use it.

use crate::common;
use common::{cnscd, ok};

use std::process::Command;

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

#[test]
fn demo_then_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = ok(&cnscd(&db, &["demo"]));
    assert!(out.contains("Đắk Nia"));

    let teams = ok(&cnscd(&db, &["teams"]));
    let lines: Vec<_> = teams.lines().collect();
    assert_eq!(lines.len(), 4, "{teams}");
    let first = fields(lines[0]);
    assert_eq!(first[1], "commune");
    assert_eq!(first[2], "Tổ công nghệ số cộng đồng xã Đắk Nia");
    assert_eq!(first[3], "9", "leader, four deputies, four members");
    assert_eq!(first[4], "0", "the Đắk Nia preset is met: {teams}");
    assert!(teams.contains("Tổ công nghệ số cộng đồng thôn 1\t5\t"));

    // Accent-free search, and the team listing sorted by given name.
    for q in ["ngoc", "NGOC", "Ngọc"] {
        let found = ok(&cnscd(&db, &["members", "--search", q]));
        let names: Vec<_> = found.lines().map(|l| fields(l)[4].to_string()).collect();
        assert!(
            names.contains(&"Trần Thị Bích Ngọc".to_string()),
            "{q}: {names:?}"
        );
        assert!(
            names.contains(&"Quản Thị Ngọc".to_string()),
            "{q}: {names:?}"
        );
    }
    let thon1 = teams
        .lines()
        .find(|l| l.contains("thôn 1"))
        .map(|l| fields(l)[0].to_string())
        .unwrap();
    let members = ok(&cnscd(&db, &["members", "--team", &thon1]));
    let names: Vec<_> = members.lines().map(|l| fields(l)[4].to_string()).collect();
    assert_eq!(
        names,
        [
            "Võ Đức Anh",
            "Nguyễn Văn Hùng",
            "Trần Thị Bích Ngọc",
            "Lê Thị Hồng Nhung",
            "Phạm Minh Tuấn"
        ]
    );
    // The one who left shows with --all, with the date they left.
    let all = ok(&cnscd(&db, &["members", "--team", &thon1, "--all"]));
    let tai = all
        .lines()
        .find(|l| l.contains("Phan Văn Tài"))
        .expect("history kept");
    assert_eq!(fields(tai)[8], "2024-03-01");

    // English output.
    let en = ok(&cnscd(&db, &["--lang", "en", "members", "--team", &thon1]));
    assert!(en.contains("\tLeader\t"));
}

#[test]
fn check_prints_warnings_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    ok(&cnscd(
        &db,
        &[
            "demo",
            "--communes",
            "2",
            "--villages",
            "3",
            "--members",
            "9",
        ],
    ));
    let teams = ok(&cnscd(&db, &["teams"]));
    assert_eq!(teams.lines().count(), 8);
    let check = ok(&cnscd(&db, &["check"]));
    // Bình Phước allows at most 7 in a village team and 10 in the commune team.
    let over: Vec<_> = check.lines().filter(|l| l.contains("size.max")).collect();
    assert_eq!(over.len(), 6, "{check}");
    assert!(over[0].contains("văn bản 000"));
}

#[test]
fn generated_data_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for db in [&a, &b] {
        ok(&cnscd(
            db,
            &[
                "demo",
                "--communes",
                "3",
                "--villages",
                "4",
                "--members",
                "5",
                "--seed",
                "7",
            ],
        ));
    }
    let la = ok(&cnscd(&a, &["members"]));
    let lb = ok(&cnscd(&b, &["members"]));
    assert_eq!(la.lines().count(), 3 * 5 * 5);
    assert_eq!(la, lb);
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ok(&cnscd(&db, &["demo"]));
    let again = cnscd(&db, &["demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có dữ liệu"));
    let none = cnscd(&db, &["members", "--team", "999"]);
    assert!(!none.status.success());
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("Không có Tổ số 999"));
    let en = cnscd(&db, &["--lang", "en", "members", "--team", "999"]);
    assert!(String::from_utf8_lossy(&en.stderr).contains("There is no team with id 999"));
}

#[test]
fn database_path_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let o = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("demo")
        .env("CNSCD_DB", &db)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(db.exists());
}
