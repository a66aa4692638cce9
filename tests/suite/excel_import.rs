//! Members brought in from messy spreadsheets built here: a title block and merged
//! cells, an STT column, roles written many ways, NFD text, duplicate rows, a person
//! already in the database, bad phones, an empty name, CSV in UTF-16 with `;` — each
//! with the expected added, linked and skipped counts and reasons; all lines or none.

use std::path::{Path, PathBuf};

use cnscd::domain::people::{Person, Role};
use cnscd::domain::{Field, Lang};
use cnscd::office::member_import::{self, ImportRequest, Outcome};
use cnscd::office::output::Target;
use cnscd::office::setup;
use cnscd::office::{Error, spreadsheet};
use cnscd::store::{MemberQuery, Store};
use rust_xlsxwriter::{Format, Workbook};

fn commune(dir: &Path) -> (Store, i64) {
    crate::common::one_village_commune(
        dir,
        ("Lâm Đồng", "Đắk Nia", "Nguyễn Văn Chủ"),
        ("thon", "Nam Rạ"),
    )
}

fn request(file: &Path, team: i64) -> ImportRequest {
    ImportRequest {
        file: file.to_path_buf(),
        team,
        this_year: Some(2026),
        ..Default::default()
    }
}

fn members(store: &Store, team: i64) -> Vec<(String, Role, Option<String>)> {
    store
        .members(&MemberQuery {
            team_id: Some(team),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.person.display_name().to_string(),
                r.membership.role,
                r.person.phone.clone(),
            )
        })
        .collect()
}

fn people_count(store: &Store) -> usize {
    store
        .members(&MemberQuery {
            include_left: true,
            ..Default::default()
        })
        .unwrap()
        .len()
}

/// A sheet as clerks make them: the committee and title merged over the columns, an
/// empty line, the header, the column numbers, then the members; a village merged
/// down over three lines; the signature block under the table.
fn messy_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("DS Tổ").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 7, "ỦY BAN NHÂN DÂN XÃ ĐẮK NIA", &f)
        .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        7,
        "DANH SÁCH TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG THÔN NAM RẠ",
        &f,
    )
    .unwrap();
    let header = [
        "STT",
        "Ho\u{323} va\u{300} te\u{302}n", // NFD, as some keyboards leave it
        "Chức vụ",
        "Đơn vị",
        "Nhiệm vụ trong Tổ",
        "Số điện thoại",
        "Năm sinh",
        "Thôn/Tổ",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for c in 0..8u16 {
        ws.write_string(4, c, format!("({})", c + 1)).unwrap();
    }
    let rows: [[&str; 7]; 6] = [
        [
            "1",
            "Nguye\u{302}\u{303}n Va\u{306}n An",
            "Trưởng thôn",
            "Thôn Nam Rạ",
            "TT",
            "0912 345 678",
            "1975",
        ],
        [
            "2",
            "Trần Thị Bình",
            "Bí thư Chi đoàn",
            "",
            "tổ phó",
            "0987.654.321",
            "15/03/1990",
        ],
        [
            "3",
            "Lê Văn Cường",
            "Công an viên",
            "",
            "Tổ viên",
            "912111222",
            "",
        ],
        [
            "4",
            "Phạm Thị Dung",
            "Nhân viên",
            "Bưu điện xã",
            "Thành viên",
            "",
            "1988",
        ],
        [
            "5",
            "Lê Văn Cường",
            "Công an viên",
            "",
            "Tổ viên",
            "912111222",
            "",
        ],
        ["6", "Hoàng Văn Em", "Người dân", "", "", "0123", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = 5 + r as u32;
        for (c, v) in row.iter().enumerate() {
            if c == 0 {
                ws.write_number(r, 0, v.parse::<f64>().unwrap()).unwrap();
            } else if c == 5 && !v.contains(['.', ' ']) && !v.is_empty() {
                // A phone kept as a number: its leading zero is gone.
                ws.write_number(r, 5, v.parse::<f64>().unwrap()).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    }
    ws.merge_range(5, 7, 7, 7, "Nam Rạ", &f).unwrap();
    ws.write_string(12, 5, "Đắk Nia, ngày 05 tháng 02 năm 2026")
        .unwrap();
    ws.write_string(13, 5, "NGƯỜI LẬP BIỂU").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_messy_sheet_is_read_as_the_clerk_meant_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let file = dir.path().join("danh-sach.xlsx");
    messy_xlsx(&file);
    let p = member_import::preview(&store, &request(&file, team)).unwrap();
    assert_eq!(p.sheet, "DS Tổ");
    assert_eq!(p.header_row, 4);
    let c = p.counts();
    assert_eq!(
        (c.added, c.linked, c.skipped, c.bad),
        (4, 0, 1, 1),
        "{p:#?}"
    );
    let an = &p.lines[0];
    let Outcome::Add {
        person, joining, ..
    } = &an.outcome
    else {
        panic!("{an:?}")
    };
    assert_eq!(person.full_name, "Nguyễn Văn An", "NFC");
    assert_eq!(person.position, "Trưởng thôn Thôn Nam Rạ");
    assert_eq!(person.phone.as_deref(), Some("0912345678"));
    assert_eq!(person.birth_year, Some(1975));
    assert!(person.notes.contains("Nam Rạ"), "merged village cell");
    assert_eq!(joining.role, Role::Leader);
    let Outcome::Add {
        person, joining, ..
    } = &p.lines[1].outcome
    else {
        panic!()
    };
    assert_eq!(
        (person.birth_year, joining.role),
        (Some(1990), Role::Deputy)
    );
    let Outcome::Add { person, .. } = &p.lines[2].outcome else {
        panic!()
    };
    assert_eq!(person.phone.as_deref(), Some("0912111222"), "zero put back");
    assert_eq!(
        p.lines[4].outcome,
        Outcome::Skip(cnscd::domain::Msg::new(
            "trùng với dòng 8",
            "the same person as row 8"
        ))
    );
    let Outcome::Bad(errors) = &p.lines[5].outcome else {
        panic!()
    };
    assert_eq!(errors[0].field, Field::Phone);
    assert!(
        p.ignored.contains(&5),
        "the column numbers: {:?}",
        p.ignored
    );
    assert!(
        p.ignored.contains(&13) && p.ignored.contains(&14),
        "the signature block"
    );

    // A bad line refuses the whole import, naming the line and the field.
    let before = people_count(&store);
    let e = member_import::run(&mut store, &request(&file, team)).unwrap_err();
    let msg = e.message(Lang::Vi);
    assert!(
        msg.contains("Dòng 11") && msg.contains("Số điện thoại"),
        "{msg}"
    );
    assert!(e.message(Lang::En).contains("Phone number"));
    assert_eq!(people_count(&store), before, "nothing written");

    // The clerk chooses to skip bad lines: the rest goes in, the skipped are saved.
    let mut req = request(&file, team);
    req.skip_bad = true;
    let done = member_import::run(&mut store, &req).unwrap();
    assert_eq!(done.memberships.len(), 4);
    // A person brought in has one arrival in the trail, saying where from.
    let person = store.membership(done.memberships[0]).unwrap().person_id;
    let trail = cnscd::office::history::of_person(&store, person).unwrap();
    let arrivals: Vec<String> = trail
        .iter()
        .map(|e| e.what.get(cnscd::domain::Lang::Vi).to_string())
        .filter(|w| w.starts_with("Thêm vào danh sách"))
        .collect();
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert!(arrivals[0].contains("danh-sach.xlsx"), "{arrivals:?}");
    let got = members(&store, team);
    assert_eq!(got.len(), 4);
    assert!(got.contains(&(
        "Nguyễn Văn An".into(),
        Role::Leader,
        Some("0912345678".into())
    )));
    let skipped = done.skipped_file.clone().unwrap();
    assert_eq!(skipped, dir.path().join("danh-sach-bo-qua.xlsx"));
    let sheets = spreadsheet::read(&skipped).unwrap();
    let rows = &sheets[0].rows;
    let lines: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|c| c == "10" || c == "11"))
        .collect();
    assert_eq!(lines.len(), 2, "{rows:?}");
    assert!(lines[1][1].contains("Số điện thoại"));
    assert!(lines[1].iter().any(|c| c == "Hoàng Văn Em"));

    // Imported again: everybody is already a member; a new skipped file, never the old.
    let again = member_import::run(&mut store, &req).unwrap();
    let c = again.preview.counts();
    assert_eq!((c.added, c.linked, c.skipped), (0, 0, 5));
    assert_eq!(
        again.skipped_file.unwrap(),
        dir.path().join("danh-sach-bo-qua-2.xlsx")
    );
    assert_eq!(members(&store, team).len(), 4);
}

#[test]
fn people_already_known_are_linked_not_duplicated() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    // Someone in the commune team already, and someone who left the village team.
    let (commune_team, _) = setup::add_team(&mut store, None).unwrap();
    let known = Person {
        full_name: "Trần Thị Bình".into(),
        given_name: "Bình".into(),
        phone: Some("0987654321".into()),
        citizen_id: Some("066190000123".into()),
        ..Default::default()
    };
    let joining = cnscd::domain::people::Joining {
        role: Role::Member,
        duties: String::new(),
        joined_on: None,
        joined_by: String::new(),
    };
    let row = store.add_member(commune_team.id, &known, &joining).unwrap();
    let csv = "Họ tên,Điện thoại,CCCD,Vai trò\n\
               TRẦN THỊ BÌNH,0987 654 321,,Tổ phó\n\
               Bình Trần,,066190000123,TV\n\
               Võ Văn Giàu,0901234567,,TT\n";
    let file = dir.path().join("ds.csv");
    std::fs::write(&file, csv).unwrap();
    let done = member_import::run(&mut store, &request(&file, team)).unwrap();
    let c = done.preview.counts();
    assert_eq!(
        (c.added, c.linked, c.skipped, c.bad),
        (1, 1, 1, 0),
        "{:#?}",
        done.preview
    );
    let Outcome::Link { person_id, .. } = &done.preview.lines[0].outcome else {
        panic!()
    };
    assert_eq!(*person_id, row.person.id);
    let Outcome::Skip(why) = &done.preview.lines[1].outcome else {
        panic!()
    };
    assert!(why.vi.contains("dòng 2"), "{why:?}");
    // One person in two teams, not two people.
    let history = store.person_history(row.person.id).unwrap();
    assert_eq!(history.len(), 2);
}

#[test]
fn utf16_csv_with_semicolons_and_a_title_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let text = "DANH SÁCH THÀNH VIÊN;;;\r\n\
                STT;Họ và tên đệm;Tên;Nhiệm vụ\r\n\
                1;Nguyễn Thị;Ngọc;Tổ trưởng\r\n\
                2;Ksor;H'Thoan;Tổ viên\r\n\
                ;;;\r\n\
                Tổng cộng: 2 người;;;\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let file = dir.path().join("ds.csv");
    std::fs::write(&file, bytes).unwrap();
    let done = member_import::run(&mut store, &request(&file, team)).unwrap();
    assert_eq!(done.preview.counts().added, 2, "{:#?}", done.preview);
    assert!(done.skipped_file.is_none(), "nothing skipped, no file");
    let rows = store
        .members(&MemberQuery {
            team_id: Some(team),
            ..Default::default()
        })
        .unwrap();
    let thoan = rows
        .iter()
        .find(|r| r.person.full_name == "Ksor H'Thoan")
        .unwrap();
    assert_eq!(
        thoan.person.given_name, "H'Thoan",
        "the given name's own column"
    );
}

#[test]
fn a_dry_run_writes_nothing_and_a_mapping_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let file = dir.path().join("ds.csv");
    std::fs::write(&file, "A,B,C\nLê Văn Tám,0912000111,Tổ trưởng\n").unwrap();
    let db_before = std::fs::read(dir.path().join("cnscd.db")).unwrap();
    let e = member_import::preview(&store, &request(&file, team)).unwrap_err();
    assert!(e.message(Lang::En).contains("--map name="), "{e}");
    let mut req = request(&file, team);
    req.header_row = Some(1);
    req.map = vec![
        ("name".into(), "A".into()),
        ("phone".into(), "2".into()),
        ("role".into(), "C".into()),
    ];
    req.dry_run = true;
    let done = member_import::run(&mut store, &req).unwrap();
    assert!(done.dry_run);
    assert_eq!(done.preview.counts().added, 1);
    assert!(members(&store, team).is_empty());
    assert_eq!(
        std::fs::read(dir.path().join("cnscd.db")).unwrap(),
        db_before
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("bo-qua")), "{names:?}");
    req.dry_run = false;
    member_import::run(&mut store, &req).unwrap();
    assert_eq!(
        members(&store, team),
        vec![("Lê Văn Tám".into(), Role::Leader, Some("0912000111".into()))]
    );
    // An unknown field is refused with the list of fields.
    req.map = vec![("telephone".into(), "B".into())];
    let e = member_import::run(&mut store, &req).unwrap_err();
    assert!(matches!(e, Error::Refused(_)) && e.message(Lang::Vi).contains("phone"));
    // A header row outside the sheet is refused naming the rows it has (0 too).
    req.map.clear();
    for row in [0, 99] {
        req.header_row = Some(row);
        let e = member_import::run(&mut store, &req).unwrap_err();
        let said = e.message(Lang::En);
        assert!(said.contains(&format!("--header-row {row}")), "{said}");
        assert!(said.contains("has rows 1 to"), "{said}");
    }
}

#[test]
fn a_failure_half_way_rolls_every_line_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let mut csv = String::from("Họ và tên,Nhiệm vụ\n");
    for i in 0..20 {
        csv.push_str(&format!(
            "Người Thứ {},Tổ viên\n",
            ["Một", "Hai", "Ba", "Bốn", "Năm"][i % 5].to_string() + &"a".repeat(i / 5)
        ));
    }
    let file = dir.path().join("ds.csv");
    std::fs::write(&file, &csv).unwrap();
    // The database refuses the 11th membership (a forced failure inside the import).
    let raw = rusqlite::Connection::open(dir.path().join("cnscd.db")).unwrap();
    raw.execute_batch(
        "CREATE TRIGGER fail_import AFTER INSERT ON memberships \
         WHEN (SELECT count(*) FROM memberships) > 10 \
         BEGIN SELECT RAISE(ABORT, 'forced'); END;",
    )
    .unwrap();
    let e = member_import::run(&mut store, &request(&file, team)).unwrap_err();
    assert!(matches!(e, Error::Store(_) | Error::Refused(_)), "{e:?}");
    assert!(members(&store, team).is_empty(), "all or nothing");
    assert_eq!(people_count(&store), 0);
    raw.execute_batch("DROP TRIGGER fail_import").unwrap();
    let done = member_import::run(&mut store, &request(&file, team)).unwrap();
    assert_eq!(done.memberships.len(), 20);
}

fn five_thousand(path: &Path) {
    let bytes = spreadsheet::xlsx(&[cnscd::office::demo::member_sheet(5000)]).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn five_thousand_rows_in_one_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let file = dir.path().join("lon.xlsx");
    five_thousand(&file);
    // Its time is measured by `cnscd bench --import 5000`, not here.
    let done = member_import::run(&mut store, &request(&file, team)).unwrap();
    assert_eq!(done.memberships.len(), 5000);
    assert_eq!(members(&store, team).len(), 5000);
    let skipped: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("bo-qua"))
        .collect();
    assert!(skipped.is_empty());
}

#[test]
fn the_skipped_sheet_never_replaces_a_file_the_clerk_did_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let file = dir.path().join("ds.csv");
    std::fs::write(
        &file,
        "Họ và tên;Nhiệm vụ\nLê Văn Tám;Tổ viên\nLê Văn Tám;Tổ viên\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ds-bo-qua.xlsx"), b"mine").unwrap();
    let done = member_import::run(&mut store, &request(&file, team)).unwrap();
    assert_eq!(
        done.skipped_file.unwrap(),
        dir.path().join("ds-bo-qua-2.xlsx")
    );
    assert_eq!(
        std::fs::read(dir.path().join("ds-bo-qua.xlsx")).unwrap(),
        b"mine"
    );
    // Nor the database, when named.
    let mut req = request(&file, team);
    req.skipped_to = Some(Target::replacing(dir.path().join("cnscd.db")));
    let e = member_import::run(&mut store, &req).unwrap_err();
    assert!(matches!(e, Error::Invalid(_)), "{e:?}");
}

/// A small deterministic generator for the fuzz test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn arbitrary_bytes_never_panic_and_never_change_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, team) = commune(dir.path());
    let good = dir.path().join("good.xlsx");
    messy_xlsx(&good);
    let xlsx = std::fs::read(&good).unwrap();
    let csv = "STT;Họ và tên;SĐT\n1;Lê Văn Tám;0912000111\n"
        .as_bytes()
        .to_vec();
    let mut rng = Rng(0x5eed_cafe);
    let file = dir.path().join("in.xlsx");
    let mut req = request(&file, team);
    req.skipped_to = Some(Target::replacing(dir.path().join("skipped.xlsx")));
    let db = dir.path().join("cnscd.db");
    let wal = dir.path().join("cnscd.db-wal");
    let read = |p: &Path| std::fs::read(p).unwrap_or_default();
    for i in 0..300 {
        let base = if i % 2 == 0 { &xlsx } else { &csv };
        let mut bytes = base.clone();
        let noise = i % 3 == 2;
        match i % 3 {
            0 => {
                for _ in 0..(1 + rng.next() % 8) {
                    let at = (rng.next() as usize) % bytes.len();
                    bytes[at] = rng.next() as u8;
                }
            }
            1 => bytes.truncate((rng.next() as usize) % bytes.len()),
            _ => bytes = (0..(rng.next() % 2048)).map(|_| rng.next() as u8).collect(),
        }
        std::fs::write(&file, &bytes).unwrap();
        // The preview and the dry run never touch the database.
        let (db_before, wal_before) = (read(&db), read(&wal));
        let _ = member_import::preview(&store, &req);
        let mut dry = req.clone();
        dry.dry_run = true;
        let _ = member_import::run(&mut store, &dry);
        assert!(
            read(&db) == db_before && read(&wal) == wal_before,
            "case {i}"
        );
        // Noise is refused (or finds nobody) and writes nothing either.
        let before = people_count(&store);
        let _ = member_import::run(&mut store, &req);
        if noise {
            assert_eq!(people_count(&store), before, "case {i}");
        }
    }
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
