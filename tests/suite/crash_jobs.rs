//! Every writing job is one transaction: a child process running it is SIGKILLed at
//! random moments (0–300 ms after it starts), and the database must be intact, hold
//! all of the job's rows or none, and keep its invariants (monthly totals equal a
//! recount of the activities; every issued number has its frozen model).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Datelike;
use rusqlite::{Connection, OpenFlags};

const ROUNDS: usize = 20;

/// The tables a job writes (the indicator catalogue is seeded when a database opens).
const TABLES: &[&str] = &[
    "communes",
    "villages",
    "teams",
    "people",
    "memberships",
    "library",
    "baselines",
    "targets",
    "activity_types",
    "activities",
    "activity_counts",
    "activity_people",
    "monthly",
    "decisions",
    "reports",
    "return_sheets",
    "report_drafts",
    "submissions",
    "numbering_drafts",
    "signed_copies",
];

/// A small deterministic generator of kill delays, 0–300 ms.
fn delays(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    std::iter::from_fn(move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        Some(x % 301)
    })
}

fn cnscd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
    c.arg("--db").arg(db).args(args);
    c
}

/// Runs a job to its end.
fn run(db: &Path, args: &[&str]) {
    let out = cnscd(db, args).output().expect("run cnscd");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Starts a job and SIGKILLs it after `ms` milliseconds if it is still running; a job
/// that ends sooner is not waited for any longer (the round is the same: the kill
/// would have found it finished).
fn kill_after(db: &Path, args: &[&str], ms: u64) -> bool {
    let mut child = cnscd(db, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cnscd");
    let deadline = Instant::now() + Duration::from_millis(ms);
    let finished = loop {
        if child.try_wait().expect("wait").is_some() {
            break true;
        }
        let now = Instant::now();
        if now >= deadline {
            break false;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(2)));
    };
    let _ = child.kill();
    let _ = child.wait();
    finished
}

/// Row counts of the tables a job writes (all zero before the schema exists).
fn counts(db: &Path) -> BTreeMap<&'static str, i64> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap();
    TABLES
        .iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap_or(0);
            (*t, n)
        })
        .collect()
}

/// Integrity, references, monthly totals equal to a recount, issued numbers frozen.
fn check_invariants(db: &Path, what: &str) {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{what}: integrity");
    let has_schema: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'monthly'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if has_schema == 0 {
        return;
    }
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "{what}: dangling references");
    drop(conn);
    let mut store = cnscd::store::Store::open(db).unwrap();
    let found = store.check_derived(false).unwrap();
    assert!(
        found.is_clean(),
        "{what}: derived data disagrees: {found:?}"
    );
    let conn = Connection::open(db).unwrap();
    for table in ["decisions", "reports"] {
        let unfrozen: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE model = '' OR pdf_sha256 = ''"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unfrozen, 0, "{what}: an issued number without its model");
    }
}

fn empty(reference: &BTreeMap<&'static str, i64>) -> BTreeMap<&'static str, i64> {
    reference.keys().map(|k| (*k, 0)).collect()
}

/// Kills `args` on copies of `start` (or on new files) at random moments; each must
/// end with `before` or with `after`, nothing between.
fn kill_rounds(name: &str, start: Option<&Path>, args: &[&str], seed: u64) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let fresh = |i: usize| -> PathBuf {
        let db = dir.path().join(format!("{name}-{i}.db"));
        if let Some(s) = start {
            std::fs::copy(s, &db).unwrap();
        }
        db
    };
    let reference = fresh(9999);
    let before = if start.is_some() {
        counts(&reference)
    } else {
        BTreeMap::new()
    };
    run(&reference, args);
    let after = counts(&reference);
    let before = if start.is_some() {
        before
    } else {
        empty(&after)
    };
    assert_ne!(before, after, "{name}: the job wrote nothing");
    let (mut none, mut all) = (0, 0);
    for (round, ms) in delays(seed).take(ROUNDS).enumerate() {
        let db = fresh(round);
        kill_after(&db, args, ms);
        let what = format!("{name}, round {round}, killed after {ms} ms");
        if !db.exists() {
            none += 1;
            continue;
        }
        check_invariants(&db, &what);
        let got = counts(&db);
        if got == before {
            none += 1;
        } else if got == after {
            all += 1;
        } else {
            panic!("{what}: half done:\n{got:?}\nbefore {before:?}\nafter {after:?}");
        }
        let _ = std::fs::remove_file(&db);
    }
    eprintln!("{name}: {none} rounds left nothing, {all} finished");
    (none, all)
}

/// A database holding the finished Đắk Nia demo.
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    run(&db, &["demo"]);
    db
}

#[test]
fn killed_demo_leaves_no_commune_or_all_of_it() {
    let t = Instant::now();
    kill_rounds("demo", None, &["demo"], 0xD3A0_0001);
    eprintln!("demo: {:?}", t.elapsed());
}

#[test]
fn killed_demo_if_empty_leaves_no_commune_or_all_of_it() {
    let t = Instant::now();
    kill_rounds("demo-if-empty", None, &["demo", "--if-empty"], 0xD3A0_0005);
    eprintln!("demo --if-empty: {:?}", t.elapsed());
}

#[test]
fn killed_generated_communes_are_all_there_or_none() {
    let t = Instant::now();
    let args = [
        "demo",
        "--communes",
        "6",
        "--villages",
        "10",
        "--members",
        "8",
    ];
    kill_rounds("communes", None, &args, 0xD3A0_0002);
    eprintln!("demo --communes: {:?}", t.elapsed());
}

#[test]
fn killed_generated_activities_come_with_their_monthly_totals_or_not_at_all() {
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let start = demo_db(dir.path());
    kill_rounds(
        "activities",
        Some(&start),
        &["demo", "--activities", "4000"],
        0xD3A0_0003,
    );
    eprintln!("demo --activities: {:?}", t.elapsed());
}

#[test]
fn killed_activities_on_an_empty_database_leave_nothing_or_everything() {
    let t = Instant::now();
    kill_rounds(
        "activities-empty",
        None,
        &["demo", "--activities", "2000"],
        0xD3A0_0004,
    );
    eprintln!("demo --activities on empty: {:?}", t.elapsed());
}

#[test]
fn killed_bundle_import_leaves_nothing_or_the_whole_commune() {
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    run(&source, &["demo", "--activities", "3000"]);
    let bundle = dir.path().join("xa.cnscd");
    run(
        &source,
        &["export", "bundle", "--out", bundle.to_str().unwrap()],
    );
    let (_, _) = kill_rounds(
        "import",
        None,
        &["import", "bundle", bundle.to_str().unwrap()],
        0xD3A0_0006,
    );
    eprintln!("import bundle: {:?}", t.elapsed());
}

#[test]
fn killed_attaching_keeps_the_signed_copy_whole_or_not_at_all() {
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let start = demo_db(dir.path());
    // A decision drafted for numbering and registered; its signed PDF to attach.
    let draft = dir.path().join("nhap.pdf");
    run(
        &start,
        &[
            "print",
            "decision",
            "--team",
            "2",
            "--date",
            "01/11/2026",
            "--for-numbering",
            "--out",
            draft.to_str().unwrap(),
        ],
    );
    run(
        &start,
        &[
            "register",
            "decision",
            "1",
            "--number",
            "9",
            "--date",
            "02/11/2026",
        ],
    );
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let file = crate::eoffice::signed(&start, 1, 9, date, &dir.path().join("da-ky.pdf"));
    let want = std::fs::read(&file).unwrap();
    let args = ["attach", "decision", "1", file.to_str().unwrap()];
    let (_, all) = kill_rounds("attach", Some(&start), &args, 0xD3A0_000A);
    assert!(all > 0 || ROUNDS < 5, "some rounds finish");
    // Where it finished, the copy kept is the file's bytes exactly.
    let db = dir.path().join("whole.db");
    std::fs::copy(&start, &db).unwrap();
    run(&db, &args);
    let kept: Vec<u8> = Connection::open(&db)
        .unwrap()
        .query_row("SELECT content FROM signed_copies", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, want);
    eprintln!("attach: {:?}", t.elapsed());
}

#[test]
fn killed_return_sheets_are_taken_in_together_or_not_at_all() {
    use crate::common::xlsx::{Val, fill};
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let start = demo_db(dir.path());
    // Every village team's sheet of last month, made by the start database (its key),
    // each filled with forty lines.
    let month = chrono::Local::now()
        .date_naive()
        .with_day(1)
        .and_then(|d| d.pred_opt())
        .unwrap();
    let period = cnscd::domain::period::Period::month_of(month);
    let mut store = cnscd::store::Store::open(&start).unwrap();
    let folder = dir.path().join("phieu");
    std::fs::create_dir_all(&folder).unwrap();
    let done = cnscd::office::return_sheet::export(
        &mut store,
        &cnscd::office::return_sheet::ExportRequest {
            teams: cnscd::office::return_sheet::Teams::AllVillages,
            period,
            out: folder.clone(),
            today: chrono::Local::now().date_naive(),
        },
    )
    .unwrap();
    drop(store);
    let day = cnscd::domain::vndate::short(month.with_day(10).unwrap());
    let mut files = Vec::new();
    for f in &done.files {
        let cells: Vec<(String, Val<'_>)> = (9..49)
            .flat_map(|r| {
                [
                    (format!("A{r}"), Val::Text(&day)),
                    (format!("B{r}"), Val::Text("Họp Tổ")),
                    (format!("C{r}"), Val::Num(f64::from(r))),
                ]
            })
            .collect();
        let cells: Vec<(&str, Val<'_>)> = cells.iter().map(|(a, v)| (a.as_str(), *v)).collect();
        std::fs::write(f, fill(&std::fs::read(f).unwrap(), &cells)).unwrap();
        files.push(f.to_str().unwrap().to_string());
    }
    let mut args = vec!["import", "return-sheet"];
    args.extend(files.iter().map(String::as_str));
    kill_rounds("return-sheets", Some(&start), &args, 0xD3A0_0007);
    eprintln!("import return-sheet: {:?}", t.elapsed());
}

#[test]
fn killed_province_sheets_are_taken_in_together_or_not_at_all() {
    use cnscd::office::province;
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let start = dir.path().join("tinh.db");
    let mut store = cnscd::store::Store::open(&start).unwrap();
    province::set_home(&mut store, 79, "so").unwrap();
    drop(store);
    let folder = dir.path().join("bieu");
    std::fs::create_dir_all(&folder).unwrap();
    let units = cnscd::domain::units::all()
        .iter()
        .filter(|u| u.province_code == 79);
    for (i, u) in units.take(40).enumerate() {
        let bytes = province::sheet_bytes(&crate::province::figures(u, i), false).unwrap();
        std::fs::write(folder.join(format!("{}.xlsx", u.code)), bytes).unwrap();
    }
    let f = folder.to_str().unwrap().to_string();
    kill_rounds(
        "province-sheets",
        Some(&start),
        &["import", "province-sheet", &f],
        0xD3A0_0008,
    );
    eprintln!("import province-sheet: {:?}", t.elapsed());
}

/// Kills an issue (`print … --issue --out PDF`, the PDF's path given by `args`) at
/// random moments on copies of the demo database. After the next start: integrity and
/// the invariants hold; no temporary file is left; either nothing was issued and there
/// is no PDF, or one entry is in `table` and its PDF is in place with the registered
/// hash — never a number without its file, a file without its number, or two entries.
fn kill_issue_rounds(name: &str, table: &str, seed: u64, args: impl Fn(&str) -> Vec<String>) {
    use sha2::{Digest, Sha256};
    let t = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let start = demo_db(dir.path());
    let (mut none, mut all) = (0, 0);
    for (round, ms) in delays(seed).take(ROUNDS).enumerate() {
        let db = dir.path().join(format!("{name}-{round}.db"));
        std::fs::copy(&start, &db).unwrap();
        let pdf = dir.path().join(format!("{name}-{round}.pdf"));
        let args = args(pdf.to_str().unwrap());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        kill_after(&db, &args, ms);
        let what = format!("{name}, round {round}, killed after {ms} ms");
        // The next start settles an issue stopped between putting its file in place
        // and committing: that file goes, as its number never reached the register.
        drop(cnscd::office::database::open(&db).unwrap());
        check_invariants(&db, &what);
        let strays = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".part")
            })
            .count();
        assert_eq!(strays, 0, "{what}: a temporary file left behind");
        let conn = Connection::open(&db).unwrap();
        let issued: Vec<String> = conn
            .prepare(&format!("SELECT pdf_sha256 FROM {table}"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        match issued.as_slice() {
            [] => {
                none += 1;
                assert!(!pdf.exists(), "{what}: a PDF without its register entry");
            }
            [sha] => {
                all += 1;
                let bytes = std::fs::read(&pdf).expect("a registered entry has its PDF");
                assert_eq!(&format!("{:x}", Sha256::digest(&bytes)), sha, "{what}");
            }
            more => panic!("{what}: {} entries in {table} from one issue", more.len()),
        }
    }
    eprintln!(
        "{name}: {none} rounds left nothing, {all} finished; {:?}",
        t.elapsed()
    );
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// Issuing a report: killed at any moment, a registered number always has its frozen
/// model, and its PDF is in place with the registered hash.
#[test]
fn killed_report_issue_never_registers_a_number_without_its_model_and_file() {
    kill_issue_rounds("bc", "reports", 0xD3A0_0007, |pdf| {
        owned(&[
            "print",
            "report",
            "--period",
            "2026-10",
            "--issue",
            "--created",
            "2026-11-19T08:00:00",
            "--out",
            pdf,
        ])
    });
}

/// Issuing a decision: killed at any moment, a registered number always has its
/// frozen model and its PDF with the registered hash; never two for one issue.
#[test]
fn killed_decision_issue_never_registers_a_number_without_its_model_and_file() {
    kill_issue_rounds("qd", "decisions", 0xD3A0_0008, |pdf| {
        owned(&common::seed_004_decision(&[
            "--issue",
            "--created",
            "2022-07-27T08:00:00",
            "--out",
            pdf,
        ]))
    });
}

/// Restoring a backup: killed at any moment, the database's path holds the old
/// database whole or the restored one whole (never nothing, never a mix), and the
/// old one is never lost.
#[test]
fn killed_restore_leaves_the_old_database_or_the_restored_one() {
    let dir = tempfile::tempdir().unwrap();
    let start = dir.path().join("start.db");
    run(&start, &["demo"]);
    let copy = dir.path().join("ban-sao.db");
    run(&start, &["backup", "--to", dir.path().to_str().unwrap()]);
    let made = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().contains("sao-luu"))
        .expect("the backup");
    std::fs::rename(&made, &copy).unwrap();
    // The database moves on after the copy: many activities, a large file to copy.
    run(&start, &["demo", "--activities", "20000"]);
    let old = counts(&start);
    let restored = counts(&copy);
    assert_ne!(old, restored);
    let (mut kept, mut done) = (0, 0);
    for (round, ms) in delays(0xD3A0_0009).take(ROUNDS).enumerate() {
        let sub = dir.path().join(format!("r{round}"));
        std::fs::create_dir(&sub).unwrap();
        let db = sub.join("cnscd.db");
        std::fs::copy(&start, &db).unwrap();
        kill_after(&db, &["restore", copy.to_str().unwrap()], ms);
        let what = format!("restore, round {round}, killed after {ms} ms");
        assert!(db.exists(), "{what}: the database's path is empty");
        check_invariants(&db, &what);
        let got = counts(&db);
        if got == old {
            kept += 1;
        } else if got == restored {
            done += 1;
            // The old database was kept aside whole.
            let aside = std::fs::read_dir(&sub)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy().into_owned();
                    n.contains(".hong-") && !n.ends_with(".tmp") && !n.contains("-wal")
                })
                .unwrap_or_else(|| panic!("{what}: the old database is not kept aside"));
            assert_eq!(counts(&aside), old, "{what}: the copy aside");
        } else {
            panic!("{what}: neither old nor restored:\n{got:?}");
        }
    }
    eprintln!("restore: {kept} rounds kept the old database, {done} restored");
}

/// Importing members from a spreadsheet: killed at any moment, every line is in or
/// none (people and memberships together).
#[test]
fn killed_member_import_brings_every_line_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_db(dir.path());
    let sheet = dir.path().join("danh-sach.xlsx");
    run(
        &source,
        &["export", "roster", "--out", sheet.to_str().unwrap()],
    );
    // Another commune, whose team 1 takes the lines in.
    let start = dir.path().join("khac.db");
    run(
        &start,
        &[
            "demo",
            "--communes",
            "1",
            "--villages",
            "3",
            "--members",
            "2",
        ],
    );
    kill_rounds(
        "import-members",
        Some(&start),
        // The roster lists members known only by position (`Các trường học mỗi
        // trường cử 01 cán bộ`): a sheet's line without a name is refused, so those
        // lines are left out and the named ones come in, all or none.
        &[
            "import",
            "members",
            sheet.to_str().unwrap(),
            "--team",
            "1",
            "--skip-bad",
        ],
        0xD3A0_000A,
    );
}
