//! Exports to `.xlsx`, read back with calamine and compared with the database: every
//! row, every header, numbers as numbers, dates as dates, `—` apart from 0, the citizen
//! ID masked unless asked for; and the roster exported then imported into a fresh
//! commune gives the same people.

use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use cnscd::domain::people::{Gender, Joining, Person, Role};
use cnscd::domain::period::Period;
use cnscd::office::excel_export::{self, ROSTER_HEADERS};
use cnscd::office::member_import::{self, ImportRequest};
use cnscd::office::output::Target;
use cnscd::office::setup::{self, CommuneInput};
use cnscd::office::{demo, spreadsheet};
use cnscd::store::{ActivityQuery, MemberQuery, Store};

fn open_xlsx(path: &Path) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap()
}

fn range(path: &Path, sheet: &str) -> calamine::Range<Data> {
    open_xlsx(path).worksheet_range(sheet).unwrap()
}

/// The row index of the header (the row whose first cell is `STT`).
fn header_at(r: &calamine::Range<Data>) -> usize {
    r.rows()
        .position(|row| row.first() == Some(&Data::String("STT".into())))
        .expect("a header row")
}

fn made() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 5).unwrap()
}

#[test]
fn the_roster_comes_back_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let out = dir.path().join("ds.xlsx");
    let tables = excel_export::roster(&store, false, made()).unwrap();
    let written = excel_export::write(&store, &tables, &Target::new(&out)).unwrap();
    let mut book = open_xlsx(&out);
    let names = book.sheet_names();
    assert_eq!(names[0], "Toàn xã");
    assert_eq!(names.last().unwrap(), "Đã rời Tổ");
    let teams = store.teams(1).unwrap();
    assert_eq!(names.len(), teams.len() + 2, "{names:?}");
    assert_eq!(written.sheets.len(), names.len());
    let current = store
        .members(&MemberQuery {
            commune_id: Some(1),
            ..Default::default()
        })
        .unwrap();
    let r = book.worksheet_range("Toàn xã").unwrap();
    let h = header_at(&r);
    let header: Vec<String> = r
        .rows()
        .nth(h)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, ROSTER_HEADERS);
    let title: Vec<String> = r
        .rows()
        .take(h)
        .filter_map(|row| row.first().map(|c| c.to_string()))
        .collect();
    assert!(title[0].contains("ỦY BAN NHÂN DÂN XÃ ĐẮK NIA"), "{title:?}");
    assert!(title.iter().any(|t| t == "Ngày lập: 05/02/2026"));
    let rows: Vec<&[Data]> = r.rows().skip(h + 1).collect();
    assert_eq!(rows.len(), current.len());
    for row in &rows {
        // STT a number; the person's id a number; found in the database.
        assert!(matches!(row[0], Data::Float(_)), "{row:?}");
        let Data::Float(id) = row[13] else {
            panic!("{row:?}")
        };
        let m = current
            .iter()
            .find(|m| m.person.id == id as i64)
            .expect("a current member");
        assert_eq!(row[1].to_string(), m.person.full_name);
        assert_eq!(row[3].to_string(), m.membership.role.label_vi());
        assert_eq!(row[4].to_string(), m.person.position);
        match m.membership.joined_on {
            Some(d) => {
                let Data::DateTime(x) = &row[10] else {
                    panic!("a real date: {row:?}")
                };
                assert_eq!(x.as_datetime().map(|t| t.date()), Some(d));
            }
            None => assert!(matches!(row[10], Data::Empty), "{row:?}"),
        }
        if let Some(cid) = &m.person.citizen_id {
            assert_ne!(row[8].to_string(), *cid, "masked");
        }
    }
    // The sum of the team sheets is the commune sheet.
    let team_rows: usize = names[1..names.len() - 1]
        .iter()
        .map(|n| {
            let r = book.worksheet_range(n).unwrap();
            r.rows().count() - header_at(&r) - 1
        })
        .sum();
    assert_eq!(team_rows, current.len());
}

#[test]
fn activities_and_progress_keep_numbers_dates_and_the_dash() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let q = ActivityQuery {
        commune_id: 1,
        ..Default::default()
    };
    let expected = store.activities(&q).unwrap();
    assert!(!expected.is_empty());
    let out = dir.path().join("hd.xlsx");
    let table = excel_export::activities(&store, q, made()).unwrap();
    excel_export::write(&store, &[table], &Target::new(&out)).unwrap();
    let r = range(&out, "Nhật ký hoạt động");
    let h = header_at(&r);
    let rows: Vec<&[Data]> = r.rows().skip(h + 1).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, a) in rows.iter().zip(&expected) {
        let Data::DateTime(d) = &row[1] else {
            panic!("{row:?}")
        };
        assert_eq!(d.as_datetime().unwrap().date(), a.activity.on_date);
        match a.activity.people {
            Some(n) => assert_eq!(row[4], Data::Float(n as f64)),
            None => assert_eq!(row[4], Data::String("—".into())),
        }
    }

    let out = dir.path().join("tiendo.xlsx");
    let period = Period::parse("2025").unwrap();
    let table = excel_export::progress(&store, None, period, made()).unwrap();
    let figures = store
        .period_figures(cnscd::store::Scope::Commune(1), period)
        .unwrap();
    excel_export::write(&store, &[table], &Target::new(&out)).unwrap();
    let mut book = open_xlsx(&out);
    let name = book.sheet_names()[0].clone();
    let r = book.worksheet_range(&name).unwrap();
    let h = header_at(&r);
    let rows: Vec<&[Data]> = r.rows().skip(h + 1).collect();
    assert_eq!(rows.len(), figures.lines.len() + 3);
    for (row, l) in rows.iter().zip(&figures.lines) {
        assert_eq!(row[1].to_string(), l.indicator.name);
        match l.progress.cumulative {
            Some(n) => assert_eq!(row[5], Data::Float(n as f64)),
            None => assert_eq!(row[5], Data::String("—".into())),
        }
        match l.progress.share() {
            Some(s) => assert!(matches!(row[7], Data::Float(x) if (x - s).abs() < 1e-9)),
            None => assert_eq!(row[7], Data::String("—".into())),
        }
    }
}

#[test]
fn a_report_s_tables_come_out_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let req = cnscd::office::reports::ReportRequest::new(Period::parse("2025").unwrap(), None);
    let tables = excel_export::report_tables(&store, None, Some(&req), made()).unwrap();
    let built = cnscd::office::reports::build(&store, &req).unwrap();
    let doc_tables: Vec<&cnscd::document::model::Table> = built
        .doc
        .body
        .iter()
        .filter_map(|b| match b {
            cnscd::document::model::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), doc_tables.len());
    let out = dir.path().join("bc.xlsx");
    excel_export::write(&store, &tables, &Target::new(&out)).unwrap();
    let r = range(&out, "Bảng 1");
    let h = header_at(&r);
    assert_eq!(r.rows().count() - h - 1, doc_tables[0].rows.len());
    // Every figure reads back as the document prints it.
    for (row, doc_row) in r.rows().skip(h + 1).zip(&doc_tables[0].rows) {
        for (cell, text) in row.iter().zip(doc_row) {
            match cell {
                Data::Float(x) => assert!(
                    matches!(excel_export::typed_cell(text),
                        spreadsheet::Cell::Count(n) if n as f64 == *x)
                        || matches!(excel_export::typed_cell(text),
                        spreadsheet::Cell::Percent(p) if (p - x).abs() < 1e-9),
                    "{x} for {text}"
                ),
                Data::Empty => assert!(text.is_empty()),
                other => assert_eq!(other.to_string(), *text),
            }
        }
    }
}

#[test]
fn exported_then_imported_into_a_fresh_commune_gives_the_same_people() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = |name: &str| {
        let mut store = Store::open(&dir.path().join(name)).unwrap();
        setup::set_commune(
            &mut store,
            &CommuneInput {
                province: "Hà Tĩnh".into(),
                kind: "phuong".into(),
                name: "Thạch Linh".into(),
                chairman: "Nguyễn Văn An".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let (team, _) = setup::add_team(&mut store, None).unwrap();
        (store, team.id)
    };
    let (mut a, team_a) = fresh("a.db");
    let people = [
        (
            "Phạm Văn Dũng",
            Role::Leader,
            Some("0912345678"),
            Some(1970),
            Some(Gender::Male),
            Some("042070000111"),
        ),
        (
            "Trần Thị Bình",
            Role::Deputy,
            Some("0987654321"),
            Some(1992),
            Some(Gender::Female),
            None,
        ),
        (
            "Ksor H'Thoan",
            Role::Member,
            None,
            Some(1999),
            None,
            Some("066199000222"),
        ),
        (
            "Lê Văn Tám",
            Role::Member,
            Some("0355000111"),
            None,
            Some(Gender::Male),
            None,
        ),
    ];
    for (name, role, phone, year, gender, cid) in people {
        let p = Person {
            full_name: name.into(),
            given_name: cnscd::domain::text::default_given_name(name),
            phone: phone.map(String::from),
            birth_year: year,
            gender,
            citizen_id: cid.map(String::from),
            position: format!("Cán bộ {name}"),
            email: Some("to@xa.gov.vn".into()),
            ..Default::default()
        };
        let j = Joining {
            role,
            duties: String::new(),
            joined_on: NaiveDate::from_ymd_opt(2024, 3, 1),
            joined_by: "12/QĐ-UBND".into(),
        };
        a.add_member(team_a, &p, &j).unwrap();
    }
    let out = dir.path().join("roster.xlsx");
    let tables = excel_export::roster(&a, true, made()).unwrap();
    excel_export::write(&a, &tables, &Target::new(&out)).unwrap();

    let (mut b, team_b) = fresh("b.db");
    let done = member_import::run(
        &mut b,
        &ImportRequest {
            file: out.clone(),
            team: team_b,
            sheet: Some("toan xa".into()),
            this_year: Some(2026),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(done.preview.counts().added, 4, "{:#?}", done.preview);
    let key = |s: &Store, t: i64| {
        let mut v: Vec<_> = s
            .members(&MemberQuery {
                team_id: Some(t),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|r| {
                let p = r.person;
                (
                    p.full_name,
                    p.given_name,
                    p.position,
                    p.phone,
                    p.birth_year,
                    p.gender.map(|g| g.code()),
                    p.citizen_id,
                    p.email,
                    r.membership.role,
                    r.membership.joined_on,
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&b, team_b), key(&a, team_a));

    // Masked IDs (the default export) read back as no ID, never as a wrong one.
    let masked = dir.path().join("masked.xlsx");
    let tables = excel_export::roster(&a, false, made()).unwrap();
    excel_export::write(&a, &tables, &Target::new(&masked)).unwrap();
    let sheets = spreadsheet::read(&masked).unwrap();
    assert!(
        sheets[0]
            .rows
            .iter()
            .any(|r| r.iter().any(|c| c.starts_with("*********")))
    );
    let (mut c, team_c) = fresh("c.db");
    member_import::run(
        &mut c,
        &ImportRequest {
            file: masked,
            team: team_c,
            this_year: Some(2026),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(key(&c, team_c).iter().all(|k| k.6.is_none()));
}

#[test]
fn an_export_never_replaces_what_the_clerk_did_not_name_or_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    let mut store = Store::open(&db).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let tables = excel_export::roster(&store, false, made()).unwrap();
    let e = excel_export::write(&store, &tables, &Target::replacing(&db)).unwrap_err();
    assert!(matches!(e, cnscd::office::Error::Invalid(_)));
    let mine = dir.path().join("mine.xlsx");
    std::fs::write(&mine, b"mine").unwrap();
    assert!(excel_export::write(&store, &tables, &Target::new(&mine)).is_err());
    assert_eq!(std::fs::read(&mine).unwrap(), b"mine");
}
