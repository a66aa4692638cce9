//! Refusals in the clerk's words (issue 19, items 7 and 10): a command-line mistake, a
//! file that cannot be written, a chairman named like no person, a commune's name the
//! size of a page, a report dated before its period, a refused bundle for a new
//! database — each named, in Vietnamese, nothing left behind; and `cnscd check` names
//! what the other verbs would stumble on.

use crate::common::{cnscd, ok};

use chrono::NaiveDate;
use cnscd::domain::period::Period;
use cnscd::domain::{Field, Lang};
use cnscd::office::setup::{self, CommuneInput};
use cnscd::office::{Error, demo, output, reports};
use cnscd::store::Store;

#[test]
fn a_command_line_mistake_is_told_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    let o = cnscd(&db, &["members", "--team", "abc"]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("Lệnh không đúng") && said.contains("--team") && said.contains("abc"),
        "{said}"
    );
    assert!(!said.contains("invalid value"), "{said}");
    let o = cnscd(&db, &["--lang", "en", "members", "--team", "abc"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid value"));
    let o = cnscd(&db, &["nhap-sai"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("không có lệnh “nhap-sai”"));
}

#[test]
fn a_file_that_cannot_be_written_says_why_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mot-tep");
    std::fs::write(&file, b"x").unwrap();
    let e = output::write_file(&file.join("qd.pdf"), b"%PDF").unwrap_err();
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    let vi = e.message(Lang::Vi);
    // The folder to write in is a file: said so, in words.
    assert!(vi.contains("mot-tep") && vi.contains("cùng tên"), "{vi}");
    assert!(!vi.contains("os error"), "{vi}");
}

#[test]
fn the_chairman_is_named_as_a_person_and_a_place_by_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    let input = CommuneInput {
        province: "Đắk Lắk".into(),
        kind: "xa".into(),
        name: "Cư M'gar".into(),
        chairman: "Lê Văn 123".into(),
        ..Default::default()
    };
    let Err(Error::Invalid(errors)) = setup::set_commune(&mut store, &input) else {
        panic!("refused")
    };
    assert!(
        errors.iter().any(|e| e.field == Field::Chairman),
        "{errors:?}"
    );
    let long = CommuneInput {
        name: "Cư M'gar ".repeat(1_200),
        chairman: "Y Thông Byă".into(),
        ..input
    };
    let Err(Error::Invalid(errors)) = setup::set_commune(&mut store, &long) else {
        panic!("refused")
    };
    assert!(
        errors
            .iter()
            .any(|e| e.field == Field::Commune && e.rule.vi.contains("tối đa 60")),
        "{errors:?}"
    );
    assert!(store.home_commune().unwrap().is_none(), "nothing saved");
}

#[test]
fn a_report_dated_before_its_period_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let mut req = reports::ReportRequest::new(Period::Month(2026, 10), None);
    req.date = NaiveDate::from_ymd_opt(2020, 11, 19);
    let Err(Error::Invalid(errors)) = reports::build(&store, &req) else {
        panic!("refused")
    };
    assert_eq!(errors[0].field, Field::Date);
    assert!(errors[0].rule.vi.contains("tháng 10"), "{:?}", errors[0]);
    req.date = NaiveDate::from_ymd_opt(2026, 11, 19);
    assert!(reports::build(&store, &req).is_ok());
}

#[test]
fn a_refused_bundle_for_a_new_database_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("hong.cnscd");
    std::fs::write(&junk, b"{\"format\": \"cnscd-bundle\"").unwrap();
    let db = dir.path().join("moi.db");
    let o = cnscd(&db, &["import", "bundle", junk.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(!db.exists(), "an empty database was left");
    assert!(!dir.path().join("backups").exists());
}

/// A date that is no day and a frozen report that does not read (a damaged file, an
/// older import): `cnscd check` names both and exits non-zero; the register still
/// lists what reads.
#[test]
fn check_names_what_the_other_verbs_would_stumble_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    let pdf = dir.path().join("bc.pdf");
    for month in ["2026-09", "2026-10"] {
        ok(&cnscd(
            &db,
            &[
                "print",
                "report",
                "--period",
                month,
                "--issue",
                "--out",
                pdf.with_file_name(format!("bc-{month}.pdf"))
                    .to_str()
                    .unwrap(),
            ],
        ));
    }
    ok(&cnscd(&db, &["check"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE activities SET on_date = '2026-02-30' WHERE id = (SELECT min(id) FROM activities);
         UPDATE reports SET model = '' WHERE id = (SELECT min(id) FROM reports);",
    )
    .unwrap();
    drop(conn);
    let o = cnscd(&db, &["check"]);
    assert!(!o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let damaged: Vec<&str> = out.lines().filter(|l| l.contains("damaged")).collect();
    assert_eq!(damaged.len(), 2, "{out}");
    assert!(damaged[0].contains("activities") && damaged[0].contains("2026-02-30"));
    assert!(damaged[1].contains("Báo cáo"), "{}", damaged[1]);
    let reports = ok(&cnscd(&db, &["reports"]));
    assert_eq!(
        reports.lines().count(),
        1,
        "the other report still lists: {reports}"
    );
}

/// A bundle past its size is refused before it is read (a sparse file: no disk used).
#[test]
fn a_bundle_too_large_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("lon.cnscd");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(cnscd::office::limits::MAX_BUNDLE_BYTES + 1)
        .unwrap();
    drop(f);
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    let e = cnscd::office::exchange::import(&mut store, &big).unwrap_err();
    let vi = e.message(Lang::Vi);
    assert!(vi.contains("lon.cnscd") && vi.contains("256 MB"), "{vi}");
}
