//! The province's side: the official list of units, a province of 168 communes taking
//! in sheets written by the program and blank templates filled by hand (with the
//! troubles people make), the communes that did not send named, a newer sheet
//! replacing the older, another province's sheet refused, and the round trip from a
//! commune's database to the province's through the file alone.

use crate::common::xlsx::{Val, fill, values_only};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cnscd::domain::period::Period;
use cnscd::domain::units;
use cnscd::office::province::{self, IndicatorFigures, ProvinceFigures, Status};
use cnscd::store::Store;

/// Thành phố Hồ Chí Minh: 168 units.
const HCM: u32 = 79;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
}

pub(crate) fn period() -> Period {
    Period::parse("2026-11").unwrap()
}

/// A commune's figures as the program would write them, made up from its place in the
/// list.
pub(crate) fn figures(u: &units::Unit, i: usize) -> ProvinceFigures {
    let i = i as i64;
    ProvinceFigures {
        code: u.code,
        unit: u.full_name.to_string(),
        province: u.province_full.to_string(),
        period: period().code(),
        report_number: format!("{:02}/BC-UBND", i % 40 + 1),
        report_date: NaiveDate::from_ymd_opt(2026, 12, 10),
        teams: Some(3 + i % 5),
        members: Some(20 + i),
        leaders: Some(3 + i % 5),
        deputies: Some(4),
        others: Some(13 + i - i % 5),
        kinds: vec![
            ("Họp Tổ".into(), Some(2)),
            ("Tuyên truyền, họp dân".into(), Some(i % 7)),
        ],
        activities: Some(2 + i % 7),
        people: Some(100 + 3 * i),
        households: if i % 10 == 0 { None } else { Some(40 + i) },
        indicators: cnscd::domain::indicator::catalogue()
            .into_iter()
            .map(|c| IndicatorFigures {
                code: c.code,
                name: c.name,
                unit: c.unit,
                period: Some(i % 9),
                cumulative: Some(10 + i),
                base: Some(1000),
                share: Some((10 + i) as f64 / 10.0),
                target: Some(80.0),
            })
            .collect(),
        texts: ["Sóng yếu".into(), String::new(), "Họp dân buổi tối".into()],
    }
}

fn province_db(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("tinh.db")).unwrap();
    province::set_home(&mut store, HCM, "so").unwrap();
    store
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_province_of_168_takes_in_program_sheets_and_hand_filled_templates_and_names_the_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = province_db(dir.path());
    let units: Vec<&units::Unit> = units::all()
        .iter()
        .filter(|u| u.province_code == HCM)
        .collect();
    assert_eq!(units.len(), 168);
    let folder = dir.path().join("bieu");
    std::fs::create_dir_all(&folder).unwrap();
    // 160 sheets written by the program.
    for (i, u) in units.iter().take(160).enumerate() {
        let bytes = province::sheet_bytes(&figures(u, i), false).unwrap();
        write(&folder, &format!("bieu-{:03}.xlsx", i), &bytes);
    }
    // 5 blank templates filled by hand: numbers as text, `—`, empty cells, a row moved.
    let mut hand = Vec::new();
    for (k, u) in units.iter().skip(160).take(5).enumerate() {
        let blank = province::sheet_bytes(&blank_of(u.code), true).unwrap();
        let filled = fill(
            &blank,
            &[
                ("B12", Val::Text("4 Tổ")),
                ("B13", Val::Text("1.234")),
                ("B14", Val::Num(4.0)),
                ("B15", Val::Text("—")),
                ("B23", Val::Text("12 người")),
            ],
        );
        // The last one: the members' rows moved below the teams' title by hand.
        let filled = if k == 4 {
            values_only(&filled, |name, rows| {
                if name == "Biểu tổng hợp" {
                    let moved = rows.remove(12);
                    rows.insert(16, moved);
                }
            })
        } else {
            filled
        };
        hand.push(write(&folder, &format!("tay-{k}.xlsx"), &filled));
    }
    let done = province::take_in(&mut store, std::slice::from_ref(&folder), today()).unwrap();
    assert_eq!(done.sheets.len(), 165);
    let (due, lines) = province::submissions(&store, period()).unwrap();
    assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
    let missing: Vec<&str> = lines
        .iter()
        .filter(|l| l.status == Status::Missing)
        .map(|l| l.unit.as_str())
        .collect();
    assert_eq!(missing.len(), 3, "{missing:?}");
    for u in units.iter().skip(165) {
        assert!(missing.contains(&u.full_name), "{} is named", u.full_name);
    }
    assert_eq!(
        lines.iter().filter(|l| l.status == Status::OnTime).count(),
        165
    );
    // A hand-filled sheet as read: text numbers read, `—` and empty cells missing.
    let s = store.submissions("2026-11").unwrap();
    let one = s.iter().find(|r| r.unit_code == units[160].code).unwrap();
    assert!(one.blank);
    let f: ProvinceFigures = serde_json::from_str(&one.figures).unwrap();
    assert_eq!(f.teams, Some(4));
    assert_eq!(f.members, Some(1234));
    assert_eq!(f.leaders, Some(4));
    assert_eq!(f.deputies, None, "`—` is missing, never 0");
    assert_eq!(f.others, None);
    assert_eq!(f.people, Some(12));
    assert_eq!(f.households, None);
    // The moved row still found by its label.
    let moved = s.iter().find(|r| r.unit_code == units[164].code).unwrap();
    let f: ProvinceFigures = serde_json::from_str(&moved.figures).unwrap();
    assert_eq!(f.members, Some(1234));
    // A program sheet reads back as written.
    let first = s.iter().find(|r| r.unit_code == units[0].code).unwrap();
    let f: ProvinceFigures = serde_json::from_str(&first.figures).unwrap();
    let want = figures(units[0], 0);
    assert_eq!(f.members, want.members);
    assert_eq!(f.households, None);
    assert_eq!(f.indicators, want.indicators);
    assert_eq!(f.texts, want.texts);
}

fn blank_of(code: u32) -> ProvinceFigures {
    let u = units::by_code(code).unwrap();
    let mut f = figures(u, 0);
    f.report_number.clear();
    f.report_date = None;
    for n in [
        &mut f.teams,
        &mut f.members,
        &mut f.leaders,
        &mut f.deputies,
        &mut f.others,
    ] {
        *n = None;
    }
    f.kinds = f.kinds.into_iter().map(|(k, _)| (k, None)).collect();
    f.activities = None;
    f.people = None;
    f.households = None;
    for i in &mut f.indicators {
        *i = IndicatorFigures {
            period: None,
            cumulative: None,
            base: None,
            share: None,
            target: None,
            ..i.clone()
        };
    }
    f.texts = Default::default();
    f
}

#[test]
fn a_newer_sheet_replaces_the_older_and_bad_sheets_are_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = province_db(dir.path());
    let u = units::all()
        .iter()
        .find(|u| u.province_code == HCM)
        .unwrap();
    let first = write(
        dir.path(),
        "a.xlsx",
        &province::sheet_bytes(&figures(u, 1), false).unwrap(),
    );
    province::take_in(&mut store, std::slice::from_ref(&first), today()).unwrap();
    let digest = store.digest().unwrap();
    // The same file again: never counted twice.
    let e = province::take_in(&mut store, std::slice::from_ref(&first), today()).unwrap_err();
    assert!(e.to_string().contains("không tính hai lần"), "{e}");
    assert_eq!(store.digest().unwrap(), digest);
    // Another province's sheet, and a word where a number belongs: refused, nothing
    // written (the good sheet beside them waits too).
    let other = units::all().iter().find(|x| x.province_code == 12).unwrap();
    let foreign = write(
        dir.path(),
        "khac.xlsx",
        &province::sheet_bytes(&figures(other, 2), false).unwrap(),
    );
    let u2 = units::all()
        .iter()
        .filter(|u| u.province_code == HCM)
        .nth(1)
        .unwrap();
    let blank = province::sheet_bytes(&blank_of(u2.code), true).unwrap();
    let word = write(
        dir.path(),
        "chu.xlsx",
        &fill(&blank, &[("B13", Val::Text("mười"))]),
    );
    let e = province::take_in(&mut store, &[foreign, word.clone()], today()).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("khac.xlsx") && m.contains("không thuộc tỉnh này"),
        "{m}"
    );
    assert!(m.contains("chu.xlsx, ô B13") && m.contains("mười"), "{m}");
    assert_eq!(store.digest().unwrap(), digest);
    // A corrected sheet replaces the first, which stays in the history.
    let mut newer = figures(u, 1);
    newer.members = Some(99);
    let second = write(
        dir.path(),
        "b.xlsx",
        &province::sheet_bytes(&newer, false).unwrap(),
    );
    let done = province::take_in(&mut store, &[second], today()).unwrap();
    assert!(done.sheets[0].2, "replaced");
    let now = store.submissions("2026-11").unwrap();
    assert_eq!(now.len(), 1);
    let f: ProvinceFigures = serde_json::from_str(&now[0].figures).unwrap();
    assert_eq!(f.members, Some(99));
    let history = store.submission_history(u.code).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].replaced_by, Some(history[0].id));
    // The older file sent again never counts over the newer.
    let digest = store.digest().unwrap();
    let e = province::take_in(&mut store, std::slice::from_ref(&first), today()).unwrap_err();
    assert!(
        e.to_string().contains("đã được thay bằng biểu mới hơn"),
        "{e}"
    );
    assert_eq!(store.digest().unwrap(), digest);
    // A commune cannot be set up in the province's database, nor the other way round.
    let e = cnscd::office::setup::set_commune(
        &mut store,
        &cnscd::office::setup::CommuneInput {
            province: "Đắk Lắk".into(),
            kind: "xa".into(),
            name: "Ea Kar".into(),
            chairman: "A B".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("của tỉnh"), "{e}");
}

#[test]
fn a_commune_s_sheet_travels_to_the_province_by_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    // The commune, linked to its code, with the demo's people and a month of work.
    let commune_db = dir.path().join("xa.db");
    let mut xa = Store::open(&commune_db).unwrap();
    cnscd::office::demo::dak_nia(&mut xa).unwrap();
    let code = units::search("quang son lam dong", 1)[0].code;
    xa.set_unit_code(1, Some(code)).unwrap();
    let p = Period::parse("2026-10").unwrap();
    let before = province::commune_figures(&xa, p).unwrap();
    // A member who joins after the period: not in its figures (as the period ended).
    let team = xa.teams(1).unwrap()[0].id;
    let joins = cnscd::domain::people::Joining {
        role: cnscd::domain::people::Role::Member,
        duties: String::new(),
        joined_on: NaiveDate::from_ymd_opt(2026, 11, 5),
        joined_by: String::new(),
    };
    let person = cnscd::domain::people::Person {
        full_name: "Y Mới Niê".into(),
        ..Default::default()
    };
    xa.add_member(team, &person, &joins).unwrap();
    let want = province::commune_figures(&xa, p).unwrap();
    assert!(want.members.unwrap() > 0);
    assert_eq!(want.members, before.members, "as the period ended");
    assert_eq!(want.others, before.others);
    let november = province::commune_figures(&xa, Period::parse("2026-11").unwrap()).unwrap();
    assert_eq!(november.members, want.members.map(|n| n + 1));
    let out = dir.path().join("bieu-xa.xlsx");
    province::export(
        &xa,
        &province::ExportRequest {
            period: p,
            out: out.clone(),
            blank: None,
        },
    )
    .unwrap();
    drop(xa);
    // The province of Lâm Đồng takes it in.
    let mut tinh = Store::open(&dir.path().join("tinh.db")).unwrap();
    province::set_home(&mut tinh, units::by_code(code).unwrap().province_code, "so").unwrap();
    province::take_in(&mut tinh, &[out], today()).unwrap();
    let got = tinh.submissions("2026-10").unwrap();
    let f: ProvinceFigures = serde_json::from_str(&got[0].figures).unwrap();
    let round = |x: Option<f64>| x.map(|v| (v * 100.0).round() / 100.0);
    assert_eq!(f.code, want.code);
    assert_eq!(f.members, want.members);
    assert_eq!(f.leaders, want.leaders);
    assert_eq!(f.activities, want.activities);
    assert_eq!(f.people, want.people);
    assert_eq!(f.kinds, want.kinds);
    for (a, b) in f.indicators.iter().zip(&want.indicators) {
        assert_eq!(
            (a.period, a.cumulative, a.base),
            (b.period, b.cumulative, b.base)
        );
        assert_eq!(round(a.share), round(b.share));
        assert_eq!(a.target, b.target);
    }
    assert_eq!(f.texts, want.texts);
}

#[test]
fn a_formula_saved_without_its_value_is_named_not_read_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let u = units::all()
        .iter()
        .find(|u| u.province_code == HCM)
        .unwrap();
    let good = province::sheet_bytes(&figures(u, 4), false).unwrap();
    let path = write(dir.path(), "tot.xlsx", &good);
    // The teams' figure: the cell after the label, as a person sees it.
    let sheets = cnscd::office::spreadsheet::read(&path).unwrap();
    let s = sheets.iter().find(|s| s.name == province::SHEET).unwrap();
    let r = s
        .rows
        .iter()
        .position(|r| {
            r.first()
                .is_some_and(|c| c.starts_with(province::labels::TEAMS))
        })
        .unwrap();
    let c = (1..s.rows[r].len())
        .find(|&c| !s.rows[r][c].is_empty())
        .unwrap();
    let at = cnscd::office::limits::cell_name(r, c);
    let bad = crate::common::xlsx::fill(
        &good,
        &[(at.as_str(), crate::common::xlsx::Val::Formula("3+4"))],
    );
    let read = province::read(&write(dir.path(), "cong-thuc.xlsx", &bad)).unwrap();
    let said: Vec<String> = read
        .problems
        .iter()
        .map(|p| p.message(cnscd::domain::Lang::Vi))
        .collect();
    assert!(
        said.iter()
            .any(|m| m.starts_with(&format!("ô {at}:")) && m.contains("công thức chưa có giá trị")),
        "{said:?}"
    );
}

#[test]
fn a_blank_template_reads_back_with_every_figure_missing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tinh.db")).unwrap();
    let code = units::search("cu mgar", 1)[0].code;
    let out = dir.path().join("mau.xlsx");
    province::export(
        &store,
        &province::ExportRequest {
            period: period(),
            out: out.clone(),
            blank: Some(code),
        },
    )
    .unwrap();
    let read = province::read(&out).unwrap();
    assert!(read.blank);
    // Sent back as it is, it is refused: nothing was filled in.
    let mut tinh = Store::open(&dir.path().join("dak-lak.db")).unwrap();
    province::set_home(&mut tinh, 66, "so").unwrap();
    let e = province::take_in(&mut tinh, std::slice::from_ref(&out), today()).unwrap_err();
    assert!(e.to_string().contains("chưa điền"), "{e}");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let f = read.figures;
    assert_eq!(f.unit, "Xã Cư M’gar");
    assert_eq!(f.kinds.len(), cnscd::domain::activity::DEFAULT_TYPES.len());
    assert!(f.kinds.iter().all(|(_, n)| n.is_none()));
    assert_eq!(
        f.indicators.len(),
        cnscd::domain::indicator::catalogue().len()
    );
    assert!(
        f.indicators
            .iter()
            .all(|i| i.period.is_none() && i.target.is_none())
    );
    assert_eq!((f.members, f.activities), (None, None));
}

#[test]
fn the_province_sheet_reader_never_panics_on_broken_files() {
    let u = units::all()
        .iter()
        .find(|u| u.province_code == HCM)
        .unwrap();
    let good = province::sheet_bytes(&figures(u, 3), false).unwrap();
    for (round, bytes) in crate::common::damaged_copies(&good, 120, 0xA5A5_5A5A_1234_5678)
        .into_iter()
        .enumerate()
    {
        let r = std::panic::catch_unwind(|| {
            cnscd::office::spreadsheet::read_bytes(&bytes, "x")
                .map(|s| province::parse(&s, "x.xlsx"))
        });
        assert!(r.is_ok(), "round {round}: a panic");
    }
}

#[test]
fn the_province_s_report_totals_its_rows_names_the_missing_and_keeps_the_dashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = province_db(dir.path());
    let units: Vec<&units::Unit> = units::all()
        .iter()
        .filter(|u| u.province_code == HCM)
        .collect();
    let folder = dir.path().join("bieu");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, u) in units.iter().take(12).enumerate() {
        let bytes = province::sheet_bytes(&figures(u, i), false).unwrap();
        write(&folder, &format!("{i}.xlsx"), &bytes);
    }
    province::take_in(&mut store, std::slice::from_ref(&folder), today()).unwrap();
    let req = province::report::ReportRequest {
        period: period(),
        date: NaiveDate::from_ymd_opt(2026, 12, 24),
        number: None,
        signer: Some("Nguyễn Văn Giám".into()),
        created: cnscd::office::output::parse_created("2026-12-24T08:00:00").ok(),
    };
    let pdf = dir.path().join("bc.pdf");
    province::report::save(
        &store,
        &req,
        &cnscd::office::output::Target::new(&pdf),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    let text = crate::common::pdf::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        one_line.contains("12 trên 168 xã, phường, đặc khu đã gửi báo cáo; 156 chưa gửi"),
        "{one_line}"
    );
    assert!(
        one_line.contains(units[167].full_name),
        "the missing are named"
    );
    assert!(one_line.contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ") && one_line.contains("/BC-SKHCN"));
    // The totals are the sums of the rows; a unit without households keeps its dash.
    let members: i64 = (0..12).map(|i| 20 + i).sum();
    let people: i64 = (0..12).map(|i| 100 + 3 * i).sum();
    let households: i64 = (0..12).filter(|i| i % 10 != 0).map(|i| 40 + i).sum();
    let doc = province::report::document(&store, &req).unwrap();
    let cnscd::document::model::Block::Table(t) = doc
        .body
        .iter()
        .find(|b| matches!(b, cnscd::document::model::Block::Table(_)))
        .unwrap()
    else {
        unreachable!()
    };
    let total = t.rows.last().unwrap();
    assert_eq!(total[1], "Tổng cộng");
    let int = |n: i64| cnscd::domain::number::int(n);
    assert_eq!(total[3], int(members));
    assert_eq!(total[5], int(people));
    assert_eq!(total[6], int(households));
    assert_eq!(t.rows[0][6], "—", "missing, never 0");
    // The same tables as a workbook, with a chart by commune.
    let xlsx = dir.path().join("bc.xlsx");
    let target = cnscd::office::output::Target::new(&xlsx);
    province::report::workbook(&store, &req, &target, today()).unwrap();
    let sheets = cnscd::office::spreadsheet::read(&xlsx).unwrap();
    let first = &sheets[0];
    let (row, last) = first
        .rows
        .iter()
        .enumerate()
        .rev()
        .find(|(_, r)| r.iter().any(|c| c == "Tổng cộng"))
        .unwrap();
    assert!(last.contains(&members.to_string()), "{last:?}");
    // The chart's bars: the communes' rows of the activities column, the totals left
    // out (row `row` counted from 0 is the totals; the communes end on the row above).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut chart = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/charts/chart1.xml").unwrap(),
        &mut chart,
    )
    .unwrap();
    assert!(
        chart.contains(&format!("$E${}", row)),
        "the last commune's bar"
    );
    assert!(
        !chart.contains(&format!("$E${}", row + 1)),
        "no bar for the totals"
    );
    assert!(
        chart.contains(&format!("$E${}", row - 11)),
        "the first commune's bar"
    );
    // Issued into the province's register: numbered, printed again the same, voided
    // and kept.
    let issued_pdf = dir.path().join("bc-ban-hanh.pdf");
    let saved = province::report::issue(
        &mut store,
        &req,
        &cnscd::office::output::Target::new(&issued_pdf),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    let (id, reference) = saved.issued.clone().unwrap();
    assert_eq!(reference, "01/BC-SKHCN ngày 24/12/2026");
    let again = province::report::reprint(
        &store,
        id,
        &cnscd::office::output::Target::new(dir.path().join("in-lai.pdf")),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    assert_eq!(again.same_as_issued, Some(true));
    let second = province::report::issue(
        &mut store,
        &req,
        &cnscd::office::output::Target::new(dir.path().join("bc-2.pdf")),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    assert!(
        second.issued.unwrap().1.starts_with("02/BC-SKHCN"),
        "the next free number"
    );
    let mut taken = req.clone();
    taken.number = Some(1);
    let e = province::report::issue(
        &mut store,
        &taken,
        &cnscd::office::output::Target::new(dir.path().join("bc-3.pdf")),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("số 1 đã dùng"), "{e}");
    assert!(!dir.path().join("bc-3.pdf").exists(), "no stray file");
    province::report::void(&mut store, id, "Số liệu nhầm").unwrap();
    let register = province::report::register(&store).unwrap();
    assert_eq!(register.len(), 2);
    assert!(
        register
            .iter()
            .any(|r| r.voided && r.line.contains("Số liệu nhầm"))
    );
    // And the Word copy of the same report.
    let docx = dir.path().join("bc.docx");
    province::report::word(
        &store,
        &req,
        &cnscd::office::output::Target::new(&docx),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(body.contains("BÁO CÁO") && body.contains(units[0].full_name));
}

#[test]
fn targets_go_down_and_the_commune_s_report_shows_them_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    // Lâm Đồng sets the year's targets: for all its communes, and one of its own for
    // Quảng Sơn.
    let qs = units::search("quang son lam dong", 1)[0];
    let mut tinh = Store::open(&dir.path().join("tinh.db")).unwrap();
    province::set_home(&mut tinh, qs.province_code, "so").unwrap();
    province::targets::set(&mut tinh, 2026, "epay_households", 80.0, None).unwrap();
    province::targets::set(&mut tinh, 2026, "epay_households", 90.5, Some(qs.code)).unwrap();
    province::targets::set(&mut tinh, 2026, "ocop_ecommerce", 12.0, None).unwrap();
    let e = province::targets::set(&mut tinh, 2026, "epay_households", 140.0, None).unwrap_err();
    assert!(e.to_string().contains("0 đến 100"), "{e}");
    let other = units::all().iter().find(|u| u.province_code == 1).unwrap();
    assert!(
        province::targets::set(&mut tinh, 2026, "epay_households", 50.0, Some(other.code)).is_err()
    );
    let book = dir.path().join("chi-tieu.xlsx");
    province::targets::export(&tinh, 2026, &book, today()).unwrap();
    let folder = dir.path().join("chi-tieu");
    std::fs::create_dir_all(&folder).unwrap();
    let files = province::targets::export(&tinh, 2026, &folder, today()).unwrap();
    assert_eq!(
        files.len(),
        units::all()
            .iter()
            .filter(|u| u.province_code == qs.province_code)
            .count()
    );
    // The commune takes its own in, from the workbook of every commune.
    let mut xa = Store::open(&dir.path().join("xa.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut xa).unwrap();
    xa.set_unit_code(1, Some(qs.code)).unwrap();
    let taken = province::targets::import(&mut xa, &book).unwrap();
    assert_eq!(taken.values.len(), 2, "{:?}", taken.values);
    assert!(
        taken
            .source
            .starts_with("Sở Khoa học và Công nghệ tỉnh Lâm Đồng giao ngày 15/12/2026"),
        "{}",
        taken.source
    );
    let ids = xa.indicators().unwrap();
    let epay = ids.iter().find(|i| i.code == "epay_households").unwrap().id;
    assert_eq!(xa.target_of(1, None, epay, 2026).unwrap(), Some(90.5));
    // Its report shows them, and where they came from.
    let mut req = cnscd::office::reports::ReportRequest::new(Period::parse("2026").unwrap(), None);
    req.date = NaiveDate::from_ymd_opt(2026, 12, 20);
    let built = cnscd::office::reports::build(&xa, &req).unwrap();
    let text = built.doc.plain_text();
    assert!(text.contains("90,50 %"), "{text}");
    assert!(
        text.contains(
            "Chỉ tiêu năm 2026: Sở Khoa học và Công nghệ tỉnh Lâm Đồng giao ngày 15/12/2026."
        ),
        "{text}"
    );
    // Another commune's own file is refused.
    let foreign = files
        .iter()
        .find(|f| !f.to_string_lossy().contains("Quảng Sơn"))
        .unwrap();
    let e = province::targets::import(&mut xa, foreign).unwrap_err();
    assert!(e.to_string().contains("không có Xã Quảng Sơn"), "{e}");
    // A share past 100 % typed into the file is refused, naming its cell.
    let code = qs.code as f64;
    let bad = values_only(&std::fs::read(&book).unwrap(), |name, rows| {
        if name == "Chỉ tiêu giao" {
            for r in rows.iter_mut() {
                if matches!(r.first(), Some(calamine::Data::Float(c)) if *c == code) {
                    r[2] = calamine::Data::Float(250.0);
                }
            }
        }
    });
    let bad = write(dir.path(), "sai.xlsx", &bad);
    let e = province::targets::import(&mut xa, &bad).unwrap_err();
    assert!(
        e.to_string().contains("ô C") && e.to_string().contains("từ 0 đến 100"),
        "{e}"
    );
    // A target the commune types afterwards is its own again.
    xa.set_target(1, None, epay, 2026, Some(70.0)).unwrap();
    let ocop = ids.iter().find(|i| i.code == "ocop_ecommerce").unwrap().id;
    assert_eq!(xa.target_of(1, None, ocop, 2026).unwrap(), Some(12.0));
    // The province takes a target back: the next file leaves its cell blank, and the
    // target sent before goes (never kept from an older file); the commune's own stays.
    province::targets::unset(&mut tinh, 2026, "ocop_ecommerce", None).unwrap();
    province::targets::unset(&mut tinh, 2026, "epay_households", None).unwrap();
    province::targets::unset(&mut tinh, 2026, "epay_households", Some(qs.code)).unwrap();
    let newer = dir.path().join("chi-tieu-moi.xlsx");
    province::targets::export(&tinh, 2026, &newer, today()).unwrap();
    province::targets::import(&mut xa, &newer).unwrap();
    assert_eq!(xa.target_of(1, None, ocop, 2026).unwrap(), None);
    assert_eq!(xa.target_of(1, None, epay, 2026).unwrap(), Some(70.0));
}

#[test]
fn the_targets_reader_never_panics_and_a_broken_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let qs = units::search("quang son lam dong", 1)[0];
    let mut tinh = Store::open(&dir.path().join("tinh.db")).unwrap();
    province::set_home(&mut tinh, qs.province_code, "so").unwrap();
    province::targets::set(&mut tinh, 2026, "epay_households", 80.0, None).unwrap();
    let book = dir.path().join("chi-tieu.xlsx");
    province::targets::export(&tinh, 2026, &book, today()).unwrap();
    let good = std::fs::read(&book).unwrap();
    let mut xa = Store::open(&dir.path().join("xa.db")).unwrap();
    cnscd::office::demo::dak_nia(&mut xa).unwrap();
    xa.set_unit_code(1, Some(qs.code)).unwrap();
    let mut digest = xa.digest().unwrap();
    let f = dir.path().join("hong.xlsx");
    let mut taken = 0;
    for (round, bytes) in crate::common::damaged_copies(&good, 90, 0x1357_9BDF_2468_ACE0)
        .into_iter()
        .enumerate()
    {
        std::fs::write(&f, &bytes).unwrap();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            province::targets::import(&mut xa, &f)
        }))
        .unwrap_or_else(|_| panic!("round {round}: a panic"));
        match r {
            Err(_) => assert_eq!(xa.digest().unwrap(), digest, "round {round}"),
            // A change that left the workbook whole: the same targets again.
            Ok(_) => {
                taken += 1;
                digest = xa.digest().unwrap();
            }
        }
    }
    assert!(taken < 30, "{taken} damaged files read as whole");
}
