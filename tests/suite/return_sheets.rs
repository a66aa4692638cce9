//! The villages' return sheets: written by the program, filled as a village leader
//! fills them (in place, or on a phone that keeps only the values, or saved again by
//! LibreOffice), taken in — activities, texts and the reported mark compared — and the
//! sheets that must be refused: another commune's, another program's file, a closed
//! month, a deleted header, the same month twice; every refusal writes nothing.

use crate::common::xlsx::{Val, fill, values_only};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cnscd::domain::period::Period;
use cnscd::office::return_sheet::{self, LinePreview, TakeInRequest};
use cnscd::office::{Error, deadlines, reports};
use cnscd::store::{ActivityQuery, Store};

/// The day the sheets are taken in.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn november() -> Period {
    Period::parse("2026-11").unwrap()
}

/// The demo commune in a file; thôn 1's team is team 2.
fn demo(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("cnscd.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    store
}

const THON_1: i64 = 2;

/// Thôn 1's November sheet, as the program writes it.
fn blank(store: &mut Store) -> Vec<u8> {
    return_sheet::sheet_for(store, THON_1, november(), today())
        .unwrap()
        .1
}

/// The sheet filled as thôn 1's leader would: three activities (a date typed as
/// text, one without its year, one a real date; `12 hộ` in a number cell), a note
/// continued on the next line, a name of the team, and the month's three texts.
fn filled(store: &mut Store) -> Vec<u8> {
    let b = blank(store);
    fill(
        &b,
        &[
            ("A9", Val::Text("05/11/2026")),
            ("B9", Val::Text("Tuyên truyền, họp dân")),
            ("C9", Val::Num(40.0)),
            ("D9", Val::Text("12 hộ")),
            ("E9", Val::Num(3.0)),
            ("J9", Val::Text("Võ Đức Anh, Người Lạ")),
            ("K9", Val::Text("Họp dân tại nhà văn hóa")),
            ("K10", Val::Text("phát tờ rơi VNeID")),
            ("A11", Val::Text("7/11")),
            ("B11", Val::Text("hướng dẫn tại nhà (đến từng hộ)")),
            ("C11", Val::Text("15")),
            // 20 November 2026 as Excel keeps a date.
            ("A12", Val::Num(46346.0)),
            ("B12", Val::Text("Họp Tổ")),
            ("C50", Val::Text("Sóng điện thoại yếu ở xóm trên")),
            ("C51", Val::Text("Xin thêm tờ rơi")),
            ("C52", Val::Text("Họp dân buổi tối")),
        ],
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn req(files: Vec<PathBuf>) -> TakeInRequest {
    TakeInRequest {
        files,
        replace: false,
        add_kinds: false,
        today: today(),
    }
}

/// Thôn 1's November activities: (date, kind id, people, households, counts, note,
/// participants).
fn november_of(store: &Store, team: i64) -> Vec<cnscd::domain::activity::Activity> {
    let mut rows: Vec<_> = store
        .activities(&ActivityQuery {
            commune_id: 1,
            team_id: Some(team),
            from: Some(november().first_day()),
            to: Some(november().last_day()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.activity)
        .collect();
    rows.sort_by_key(|a| (a.on_date, a.id));
    rows
}

fn refusal(e: Error) -> String {
    e.message(cnscd::domain::Lang::Vi)
}

#[test]
fn a_filled_sheet_becomes_the_team_s_activities_texts_and_reported_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let before = november_of(&store, THON_1).len();
    let f = write(dir.path(), "phieu.xlsx", &filled(&mut store));
    let previews = return_sheet::preview(&mut store, &req(vec![f.clone()])).unwrap();
    let p = &previews[0];
    assert!(p.ready(), "{:?}", p.reasons(cnscd::domain::Lang::Vi));
    assert_eq!(p.lines.len(), 3, "{:?}", p.lines);
    assert_eq!(
        p.lines.iter().map(|l| l.row).collect::<Vec<_>>(),
        [9, 11, 12]
    );
    // Nothing is written by a preview.
    assert_eq!(november_of(&store, THON_1).len(), before);
    let done = return_sheet::take_in(&mut store, &req(vec![f])).unwrap();
    assert!(
        done.summary().vi.contains("3 hoạt động"),
        "{:?}",
        done.summary()
    );
    let after = november_of(&store, THON_1);
    assert_eq!(after.len(), before + 3);
    let first = after
        .iter()
        .find(|a| {
            a.on_date == NaiveDate::from_ymd_opt(2026, 11, 5).unwrap() && a.people == Some(40)
        })
        .expect("the line of 05/11");
    assert_eq!(first.households, Some(12));
    assert_eq!(first.note, "Họp dân tại nhà văn hóa; phát tờ rơi VNeID");
    assert_eq!(first.counts.len(), 1, "{:?}", first.counts);
    assert_eq!(first.counts[0].1, 3);
    // Võ Đức Anh is of thôn 1's team; the stranger is left out (and said so).
    assert_eq!(first.participants.len(), 1);
    assert!(
        p.notes
            .iter()
            .any(|n| n.message(cnscd::domain::Lang::Vi).contains("Người Lạ"))
    );
    assert!(after.iter().any(
        |a| a.on_date == NaiveDate::from_ymd_opt(2026, 11, 7).unwrap() && a.people == Some(15)
    ));
    assert!(
        after
            .iter()
            .any(|a| a.on_date == NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    );
    // The texts go to the team's report of the month; the commune's names the team.
    let texts = reports::prefill_home(&store, Some(THON_1), november()).unwrap();
    assert_eq!(texts.difficulties, "Sóng điện thoại yếu ở xóm trên");
    assert_eq!(texts.proposals, "Xin thêm tờ rơi");
    assert_eq!(texts.good_practices, "Họp dân buổi tối");
    let commune = reports::prefill_home(&store, None, november()).unwrap();
    assert!(
        commune.difficulties.contains("thôn 1: Sóng điện thoại"),
        "{}",
        commune.difficulties
    );
    // Reported, with the day the sheet was taken in.
    let dl = deadlines::of_month_just_ended(&store, 1, today()).unwrap();
    let thon1 = dl
        .villages
        .iter()
        .find(|v| v.0.ends_with("thôn 1"))
        .unwrap();
    assert!(thon1.1, "{dl:?}");
    assert_eq!(dl.sheets.len(), 1);
    assert_eq!(dl.sheets[0].1, "03/12/2026");
    let thon2 = dl
        .villages
        .iter()
        .find(|v| v.0.ends_with("thôn 2"))
        .unwrap();
    assert!(!thon2.1);
}

#[test]
fn the_same_month_twice_is_refused_and_replace_swaps_exactly_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let sheet = filled(&mut store);
    let f = write(dir.path(), "phieu.xlsx", &sheet);
    return_sheet::take_in(&mut store, &req(vec![f.clone()])).unwrap();
    let once = november_of(&store, THON_1);
    let digest = store.digest().unwrap();
    // The very file again, and the same file twice in one go: refused, nothing written.
    let e = return_sheet::take_in(&mut store, &req(vec![f.clone()])).unwrap_err();
    assert!(refusal(e).contains("đã nhập ngày 03/12/2026"));
    assert_eq!(store.digest().unwrap(), digest);
    // An activity the clerk typed for the month stays through a replacement.
    let typed = cnscd::domain::activity::Activity {
        id: 0,
        commune_id: 1,
        team_id: THON_1,
        village_id: once[0].village_id,
        on_date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        type_id: once[0].type_id,
        people: Some(7),
        households: None,
        counts: Vec::new(),
        note: "Gõ tay".into(),
        participants: Vec::new(),
    };
    store.add_activity(&typed).unwrap();
    // A corrected sheet: one line instead of three.
    let corrected = fill(
        &blank(&mut store),
        &[
            ("A9", Val::Text("06/11/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("C9", Val::Num(9.0)),
        ],
    );
    let g = write(dir.path(), "phieu-sua.xlsx", &corrected);
    let e = return_sheet::take_in(&mut store, &req(vec![g.clone()])).unwrap_err();
    assert!(refusal(e).contains("--replace"));
    let done = return_sheet::take_in(
        &mut store,
        &TakeInRequest {
            replace: true,
            ..req(vec![g])
        },
    )
    .unwrap();
    assert_eq!(done.sheets[0].2, 1);
    assert_eq!(done.sheets[0].3, 3, "the first sheet's three lines removed");
    let now = november_of(&store, THON_1);
    assert_eq!(now.len(), once.len() - 3 + 1 + 1);
    assert!(now.iter().any(|a| a.note == "Gõ tay"));
    assert!(now.iter().any(|a| a.people == Some(9)));
    assert!(!now.iter().any(|a| a.people == Some(40)));
    // The monthly totals follow (the derived tables recounted agree).
    assert!(store.check_derived(false).unwrap().is_clean());
    // The log says so.
    let trail = store.trail("return_sheet", done_id(&store)).unwrap();
    assert!(
        trail
            .iter()
            .any(|t| t.action == "replace" && t.detail.contains("thay 3 hoạt động")),
        "{trail:?}"
    );
}

fn done_id(store: &Store) -> i64 {
    store.return_sheet(THON_1, "2026-11").unwrap().unwrap().id
}

#[test]
fn sheets_that_cannot_be_taken_in_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let good = filled(&mut store);
    // Another commune's sheet (its own key: made by its own database).
    let other_dir = tempfile::tempdir().unwrap();
    let (mut other, team) = crate::common::one_village_commune(
        other_dir.path(),
        ("Đắk Lắk", "Cư M'gar", "Y Thông Byă"),
        ("buon", "Sút M'đưr"),
    );
    let foreign = fill(
        &return_sheet::sheet_for(&mut other, team, november(), today())
            .unwrap()
            .1,
        &[("A9", Val::Text("05/11/2026")), ("B9", Val::Text("Họp Tổ"))],
    );
    // The header row deleted.
    let no_header = fill(
        &good,
        &[
            ("A7", Val::Text("")),
            ("B7", Val::Text("")),
            ("C7", Val::Text("")),
        ],
    );
    // An identity part edited (the team changed by hand, the seal left).
    let forged = values_only(&good, |name, rows| {
        if name == "cnscd" {
            for r in rows.iter_mut() {
                if matches!(r.first(), Some(calamine::Data::String(k)) if k == "team") {
                    r[1] = calamine::Data::String("3".into());
                }
            }
        }
    });
    // Another program's workbook, and a Word file named .xlsx.
    let mut plain = rust_xlsxwriter::Workbook::new();
    plain.add_worksheet().write_string(0, 0, "Ngày").unwrap();
    let plain = plain.save_to_buffer().unwrap();
    let word = std::fs::read(write(dir.path(), "w.docx", b"PK\x03\x04word/document.xml")).unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("khac.xlsx", &foreign, "không phải của xã này"),
        ("mat-tieu-de.xlsx", &no_header, "dòng tiêu đề"),
        ("sua.xlsx", &forged, "bị sửa"),
        (
            "excel-khac.xlsx",
            &plain,
            "không phải phiếu báo cáo do chương trình lập",
        ),
        ("word.xlsx", &word, "Word"),
    ];
    let digest = store.digest().unwrap();
    for (name, bytes, said) in cases {
        let f = write(dir.path(), name, bytes);
        // With a good sheet beside it: all or nothing.
        let g = write(dir.path(), "tot.xlsx", &good);
        let e = return_sheet::take_in(&mut store, &req(vec![g, f])).unwrap_err();
        let m = refusal(e);
        assert!(m.contains(said) && m.contains(name), "{name}: {m}");
        assert_eq!(
            store.digest().unwrap(),
            digest,
            "{name}: something was written"
        );
    }
    // A month closed by the team's issued report.
    let mut r = reports::ReportRequest::new(november(), Some(THON_1));
    r.date = NaiveDate::from_ymd_opt(2026, 12, 1);
    reports::issue(
        &mut store,
        &r,
        &cnscd::office::output::Target::new(dir.path().join("bc.pdf")),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    let digest = store.digest().unwrap();
    let f = write(dir.path(), "tot.xlsx", &good);
    let m = refusal(return_sheet::take_in(&mut store, &req(vec![f])).unwrap_err());
    assert!(m.contains("đã khép lại") && m.contains("/BC-UBND"), "{m}");
    assert_eq!(store.digest().unwrap(), digest);
}

#[test]
fn each_problem_is_named_by_row_and_column_and_a_new_kind_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let b = blank(&mut store);
    let bad = fill(
        &b,
        &[
            ("A9", Val::Text("05/11/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("C9", Val::Text("mười")),
            ("A10", Val::Text("05/10/2026")),
            ("B10", Val::Text("Họp Tổ")),
            ("A11", Val::Text("09/11/2026")),
            ("B11", Val::Text("Thi tìm hiểu chuyển đổi số")),
            ("K12", Val::Text("chỉ ghi chú")),
        ],
    );
    let f = write(dir.path(), "loi.xlsx", &bad);
    let digest = store.digest().unwrap();
    let m = refusal(return_sheet::take_in(&mut store, &req(vec![f.clone()])).unwrap_err());
    assert!(
        m.contains("dòng 9, cột C") && m.contains("“mười” không phải một số"),
        "{m}"
    );
    assert!(
        m.contains("dòng 10, cột A") && m.contains("không thuộc tháng 11/2026"),
        "{m}"
    );
    assert!(
        m.contains("dòng 11, cột B") && m.contains("--add-kinds"),
        "{m}"
    );
    assert_eq!(store.digest().unwrap(), digest);
    // In English too.
    let p = return_sheet::preview(&mut store, &req(vec![f])).unwrap();
    let en = p[0].reasons(cnscd::domain::Lang::En).join("\n");
    assert!(
        en.contains("row 9, column C") && en.contains("is not a number"),
        "{en}"
    );
    assert_eq!(p[0].new_kinds, ["Thi tìm hiểu chuyển đổi số"]);
    // Fixed, and the new kind agreed to: taken in, the kind added with it.
    let fixed = fill(
        &b,
        &[
            ("A9", Val::Text("05/11/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("A11", Val::Text("09/11/2026")),
            ("B11", Val::Text("Thi tìm hiểu chuyển đổi số")),
        ],
    );
    let g = write(dir.path(), "sua.xlsx", &fixed);
    return_sheet::take_in(
        &mut store,
        &TakeInRequest {
            add_kinds: true,
            ..req(vec![g])
        },
    )
    .unwrap();
    let kinds = store.activity_types(1).unwrap();
    assert!(kinds.iter().any(|(_, n)| n == "Thi tìm hiểu chuyển đổi số"));
}

#[test]
fn a_formula_saved_without_its_value_is_named_not_read_as_an_empty_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let b = blank(&mut store);
    let bad = fill(
        &b,
        &[
            ("A9", Val::Text("05/11/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("C9", Val::Formula("SUM(C10:C12)")),
        ],
    );
    let f = write(dir.path(), "cong-thuc.xlsx", &bad);
    let digest = store.digest().unwrap();
    let m = refusal(return_sheet::take_in(&mut store, &req(vec![f])).unwrap_err());
    assert!(
        m.contains("dòng 9, cột C") && m.contains("công thức chưa có giá trị"),
        "{m}"
    );
    assert_eq!(store.digest().unwrap(), digest, "nothing taken in");
}

/// The lines of a sheet as they will be taken in.
fn lines_of(store: &mut Store, dir: &Path, name: &str, bytes: &[u8]) -> Vec<LinePreview> {
    let f = write(dir, name, bytes);
    let p = return_sheet::preview(store, &req(vec![f])).unwrap();
    assert!(
        p[0].ready(),
        "{name}: {:?}",
        p[0].reasons(cnscd::domain::Lang::Vi)
    );
    p[0].lines.clone()
}

#[test]
fn libre_office_a_phone_and_moved_columns_read_the_same_as_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let original = filled(&mut store);
    let want = lines_of(&mut store, dir.path(), "goc.xlsx", &original);
    // A phone app that keeps only the values (dates as Excel's numbers).
    let phone = values_only(&original, |_, _| {});
    assert_eq!(
        lines_of(&mut store, dir.path(), "dien-thoai.xlsx", &phone),
        want
    );
    // Columns moved by hand: people and households swapped, a column inserted first.
    let moved = values_only(&original, |name, rows| {
        if name == "Phiếu báo cáo" {
            for r in rows.iter_mut() {
                if r.len() > 3 {
                    r.swap(2, 3);
                }
                r.insert(0, calamine::Data::Empty);
            }
        }
    });
    assert_eq!(
        lines_of(&mut store, dir.path(), "doi-cot.xlsx", &moved),
        want
    );
    // Saved again by LibreOffice.
    let src = write(dir.path(), "lo-in.xlsx", &original);
    let out = dir.path().join("lo");
    std::fs::create_dir_all(&out).unwrap();
    let profile = dir.path().join("lo-profile");
    let o = std::process::Command::new("timeout")
        .arg("300")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&src)
        .output()
        .unwrap();
    let saved = out.join("lo-in.xlsx");
    assert!(
        o.status.success() && saved.is_file(),
        "LibreOffice Calc (libreoffice-calc-nogui) is needed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&saved).unwrap();
    assert_eq!(lines_of(&mut store, dir.path(), "lo.xlsx", &bytes), want);
}

#[test]
fn every_village_team_gets_its_own_sheet_and_no_file_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let out = dir.path().join("phieu");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("Phiếu báo cáo 2026-11 - thôn 1.xlsx"), b"keep").unwrap();
    let req = return_sheet::ExportRequest {
        teams: return_sheet::Teams::AllVillages,
        period: november(),
        out: out.clone(),
        today: today(),
    };
    let done = return_sheet::export(&mut store, &req).unwrap();
    assert_eq!(done.files.len(), 3);
    assert_eq!(
        std::fs::read(out.join("Phiếu báo cáo 2026-11 - thôn 1.xlsx")).unwrap(),
        b"keep"
    );
    assert!(out.join("Phiếu báo cáo 2026-11 - thôn 1-2.xlsx").is_file());
    assert!(
        out.join("Phiếu báo cáo 2026-11 - bon Bu Sop.xlsx")
            .is_file()
    );
    // Each sheet knows its team: taken in together, each team's lines go to it.
    let files: Vec<PathBuf> = done
        .files
        .iter()
        .map(|f| {
            let b = fill(
                &std::fs::read(f).unwrap(),
                &[("A9", Val::Text("10/11/2026")), ("B9", Val::Text("Họp Tổ"))],
            );
            write(
                dir.path(),
                &format!("f-{}", f.file_name().unwrap().to_string_lossy()),
                &b,
            )
        })
        .collect();
    let done = return_sheet::take_in(&mut store, &self::req(files)).unwrap();
    assert_eq!(done.sheets.len(), 3);
    let dl = deadlines::of_month_just_ended(&store, 1, today()).unwrap();
    assert!(dl.villages.iter().all(|v| v.1), "{dl:?}");
    // A quarter is no month for a sheet.
    let e = return_sheet::export(
        &mut store,
        &return_sheet::ExportRequest {
            period: Period::parse("2026-Q4").unwrap(),
            ..req
        },
    )
    .unwrap_err();
    assert!(refusal(e).contains("phiếu tháng"));
}

#[test]
fn broken_and_random_files_never_panic_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let good = filled(&mut store);
    let digest = store.digest().unwrap();
    let mut taken = 0;
    let mut digest = digest;
    for (round, bytes) in crate::common::damaged_copies(&good, 120, 0x9E37_79B9_7F4A_7C15)
        .into_iter()
        .enumerate()
    {
        let f = write(dir.path(), "hong.xlsx", &bytes);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            return_sheet::take_in(&mut store, &req(vec![f.clone()]))
        }));
        let r = r.unwrap_or_else(|_| panic!("round {round}: a panic"));
        if r.is_err() {
            assert_eq!(store.digest().unwrap(), digest, "round {round}");
        } else {
            // A change that left the sheet whole (a byte of a file's date, say): taken
            // in once as the sheet it still is; every later one is refused as a
            // second sheet of the month.
            taken += 1;
            digest = store.digest().unwrap();
        }
    }
    assert!(taken <= 1, "{taken} damaged files taken in");
}

#[test]
fn the_command_line_writes_a_sheet_tries_it_takes_it_in_once_and_adds_an_activity() {
    use crate::common::{cnscd, ok};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    ok(&cnscd(&db, &["demo"]));
    let sheet = dir.path().join("phieu.xlsx");
    let s = sheet.to_str().unwrap();
    let out = ok(&cnscd(
        &db,
        &[
            "export",
            "return-sheet",
            "--team",
            "2",
            "--period",
            "2026-11",
            "--out",
            s,
        ],
    ));
    assert!(out.contains("Đã ghi 1 phiếu báo cáo."), "{out}");
    let bytes = fill(
        &std::fs::read(&sheet).unwrap(),
        &[
            ("A9", Val::Text("05/11/2026")),
            ("B9", Val::Text("Hop To")),
            ("C9", Val::Num(8.0)),
        ],
    );
    std::fs::write(&sheet, bytes).unwrap();
    let count = |db: &Path| {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM activities", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    let before = count(&db);
    // A dry run shows the line (the kind matched without its accents), writes nothing.
    let out = ok(&cnscd(&db, &["import", "return-sheet", "--dry-run", s]));
    assert!(out.contains("9\t05/11/2026\tHọp Tổ"), "{out}");
    assert!(out.contains("chưa ghi gì"), "{out}");
    assert_eq!(count(&db), before);
    let out = ok(&cnscd(&db, &["import", "return-sheet", s]));
    assert!(out.contains("1 hoạt động"), "{out}");
    assert_eq!(count(&db), before + 1);
    let again = cnscd(&db, &["import", "return-sheet", s]);
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("đã nhập ngày") && err.contains("--replace"),
        "{err}"
    );
    assert_eq!(count(&db), before + 1);
    // One activity typed on the command line, with the form's checks.
    let out = ok(&cnscd(
        &db,
        &[
            "activity",
            "add",
            "--team",
            "3",
            "--date",
            "2026-11-12",
            "--kind",
            "hop to",
            "--people",
            "14",
            "--count",
            "epay_households=4",
            "--note",
            "Họp Tổ tháng 11",
        ],
    ));
    assert!(out.contains("Đã ghi hoạt động ngày 12/11/2026."), "{out}");
    assert_eq!(count(&db), before + 2);
    let bad = cnscd(
        &db,
        &[
            "activity",
            "add",
            "--team",
            "3",
            "--date",
            "2026-11-12",
            "--kind",
            "Họp Tổ",
            "--people",
            "mười",
        ],
    );
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("mười"), "{err}");
    let bad = cnscd(
        &db,
        &[
            "activity",
            "add",
            "--team",
            "3",
            "--date",
            "2026-11-12",
            "--kind",
            "Nhảy dây",
        ],
    );
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("không có loại “Nhảy dây”"), "{err}");
    assert_eq!(count(&db), before + 2);
}

#[test]
fn a_deleted_column_or_lines_under_the_texts_never_bring_in_the_example_or_stray_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(dir.path());
    let sheet = fill(
        &blank(&mut store),
        &[
            ("A9", Val::Text("12/11/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("C9", Val::Num(6.0)),
        ],
    );
    // An activity written below the texts (C51 left empty): not read as a line, and
    // not dropped unsaid either.
    let under = fill(
        &sheet,
        &[
            ("A54", Val::Text("13/11/2026")),
            ("B54", Val::Text("Họp Tổ")),
        ],
    );
    let u = write(dir.path(), "duoi.xlsx", &under);
    let p = return_sheet::preview(&mut store, &req(vec![u])).unwrap();
    let said = p[0].reasons(cnscd::domain::Lang::Vi).join("\n");
    assert!(
        said.contains("dòng 54") && said.contains("chuyển lên bảng"),
        "{said}"
    );
    assert_eq!(p[0].lines.len(), 1);
    // The households column deleted by hand (every cell after it moves left).
    let cut = values_only(&sheet, |name, rows| {
        if name == "Phiếu báo cáo" {
            for r in rows.iter_mut() {
                if r.len() > 3 {
                    r.remove(3);
                }
            }
        }
    });
    let lines = lines_of(&mut store, dir.path(), "mat-cot.xlsx", &cut);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].people, Some(6));
    assert_eq!(lines[0].households, None);
    let f = write(dir.path(), "mat-cot.xlsx", &cut);
    let p = return_sheet::preview(&mut store, &req(vec![f])).unwrap();
    assert!(
        p[0].notes
            .iter()
            .any(|n| n.message(cnscd::domain::Lang::Vi).contains("Số hộ")),
        "{:?}",
        p[0].notes
    );
}
