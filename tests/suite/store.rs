//! The store on temporary files: migrations, reopening, refusals, history, search.

use cnscd::domain::people::{JoinInput, LeaveInput, PersonInput};
use cnscd::domain::place::{CommuneKind, VillageKind};
use cnscd::domain::{Field, Lang};
use cnscd::store::{MemberQuery, NewCommune, Store, StoreError, schema};

fn commune() -> NewCommune {
    NewCommune {
        province: "Đắk Nông".into(),
        district: None,
        kind: CommuneKind::Xa,
        name: "Đắk Nia".into(),
        place_name: String::new(),
        chairman: "Trần Đình Tuấn".into(),
        vice_chairmen: vec![],
        preset: "binh-phuoc-000".into(),
    }
}

fn new_person(name: &str) -> cnscd::domain::people::Person {
    PersonInput {
        full_name: name.into(),
        position: "Người dân".into(),
        ..Default::default()
    }
    .check(2026)
    .expect("valid person")
    .person
}

fn member_join(role: &str) -> cnscd::domain::people::Joining {
    JoinInput {
        role: role.into(),
        joined_on: "01/03/2024".into(),
        ..Default::default()
    }
    .check()
    .expect("valid joining")
}

#[test]
fn migrates_from_empty_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/cnscd.db");
    {
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), schema::VERSION);
        let c = s.create_commune(&commune()).unwrap();
        assert_eq!(
            c.place_name, "Đắk Nia",
            "place name defaults to the commune"
        );
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::VERSION);
    assert_eq!(s.communes().unwrap().len(), 1);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    // Nothing was backed up: there was no migration of existing data.
    assert!(!dir.path().join("sub/dir/backups").exists());
}

#[test]
fn refuses_a_newer_schema_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", schema::VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err:?}");
    assert!(err.message(Lang::Vi).contains("phiên bản mới hơn"));
    assert!(err.message(Lang::En).contains("newer version"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was not changed"
    );
}

#[test]
fn refuses_a_foreign_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE accounts (id INTEGER)")
            .unwrap();
    }
    assert!(matches!(
        Store::open(&path).unwrap_err(),
        StoreError::Foreign { .. }
    ));
}

#[test]
fn takes_a_copy_before_migrating_an_older_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A database as version 1 of the schema left it, with a commune in it.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(schema::MIGRATIONS[0]).unwrap();
        c.pragma_update(None, "application_id", cnscd::store::APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute(
            "INSERT INTO communes (province, kind, name, place_name) VALUES ('Đắk Nông', 'xa', 'Đắk Nia', 'Đắk Nia')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::VERSION);
    assert_eq!(s.communes().unwrap()[0].name, "Đắk Nia", "data kept");
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    assert!(backups[0].to_string_lossy().contains("truoc-nang-cap-v1"));
    // The copy is the old database, whole and unchanged.
    let copy = rusqlite::Connection::open(&backups[0]).unwrap();
    let v: i64 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    let n: i64 = copy
        .query_row("SELECT count(*) FROM communes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn nfd_input_is_stored_nfc_and_found_without_accents() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Bi\u{301}ch Ngo\u{323}c";
    s.add_member(team.id, &new_person(nfd), &member_join("Tổ trưởng"))
        .unwrap();
    s.add_member(
        team.id,
        &new_person("Trần Văn Ngô"),
        &member_join("to vien"),
    )
    .unwrap();
    let stored = s.members(&MemberQuery::default()).unwrap();
    assert!(
        stored
            .iter()
            .any(|r| r.person.full_name == "Nguyễn Thị Bích Ngọc")
    );
    for q in ["ngoc", "NGOC", "Ngọc", "bich ngoc", "nguyen ng"] {
        let found = s
            .members(&MemberQuery {
                search: q.into(),
                ..Default::default()
            })
            .unwrap();
        let names: Vec<_> = found.iter().map(|r| r.person.full_name.as_str()).collect();
        assert!(names.contains(&"Nguyễn Thị Bích Ngọc"), "{q}: {names:?}");
        if q != "nguyen ng" {
            assert!(
                !names.contains(&"Trần Văn Ngô"),
                "{q} must not find Ngô: {names:?}"
            );
        }
    }
}

#[test]
fn dak_finds_the_village_and_the_commune_in_positions() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    let mut p = new_person("Điểu Xuân");
    p.position = "Trưởng bon Đắk Búk So".into();
    s.add_member(team.id, &p, &member_join("Tổ viên")).unwrap();
    let found = s
        .members(&MemberQuery {
            search: "dak".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    let found = s
        .members(&MemberQuery {
            search: "dieu".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn members_sort_the_vietnamese_way() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    for name in [
        "Lê Văn Ưng",
        "Trần Văn Dũng",
        "Phạm Thị Ân",
        "Ngô Văn Anh",
        "Hồ Bình",
        "Vũ Thị Ánh",
        "Trần Văn An",
        "Nguyễn Văn An",
        "Đỗ Đức",
        "Bùi Văn Ửng",
    ] {
        s.add_member(team.id, &new_person(name), &member_join("Tổ viên"))
            .unwrap();
    }
    let names: Vec<String> = s
        .members(&MemberQuery {
            team_id: Some(team.id),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.person.full_name)
        .collect();
    assert_eq!(
        names,
        [
            "Nguyễn Văn An",
            "Trần Văn An",
            "Ngô Văn Anh",
            "Vũ Thị Ánh",
            "Phạm Thị Ân",
            "Hồ Bình",
            "Trần Văn Dũng",
            "Đỗ Đức",
            "Lê Văn Ưng",
            "Bùi Văn Ửng",
        ]
    );
}

#[test]
fn a_member_who_leaves_stays_in_the_history() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    let row = s
        .add_member(
            team.id,
            &new_person("Phan Văn Tài"),
            &member_join("Tổ viên"),
        )
        .unwrap();
    let bad = LeaveInput {
        left_on: "01/02/2024".into(),
        reason: "Chuyển công tác".into(),
        left_by: String::new(),
    };
    let errs = bad.check(row.membership.joined_on).unwrap_err();
    assert_eq!(errs[0].field, Field::LeftOn);
    let leaving = LeaveInput {
        left_on: "15/06/2024".into(),
        reason: "Chuyển công tác".into(),
        left_by: "15/QĐ-UBND".into(),
    }
    .check(row.membership.joined_on)
    .unwrap();
    s.leave(row.membership.id, &leaving).unwrap();
    // Not current any more…
    let current = s
        .members(&MemberQuery {
            team_id: Some(team.id),
            ..Default::default()
        })
        .unwrap();
    assert!(current.is_empty());
    // …but in the full list and in the person's history, with reason and decision.
    let all = s
        .members(&MemberQuery {
            team_id: Some(team.id),
            include_left: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.len(), 1);
    let history = s.person_history(row.person.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].membership.leave_reason, "Chuyển công tác");
    assert_eq!(history[0].membership.left_by, "15/QĐ-UBND");
    assert_eq!(history[0].team_name, "Tổ công nghệ số cộng đồng xã Đắk Nia");
    // Leaving twice is refused, and the record is unchanged.
    assert!(matches!(
        s.leave(row.membership.id, &leaving),
        Err(StoreError::Refused(_))
    ));
    // The person can join again: a second membership, the first kept.
    s.join(team.id, row.person.id, &member_join("Tổ phó"))
        .unwrap();
    assert_eq!(s.person_history(row.person.id).unwrap().len(), 2);
}

#[test]
fn constraint_violations_come_back_as_clear_errors() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    let row = s
        .add_member(team.id, &new_person("Lê Thị Hoa"), &member_join("Tổ viên"))
        .unwrap();
    // The same person twice in one team.
    let e = s
        .join(team.id, row.person.id, &member_join("Tổ viên"))
        .unwrap_err();
    assert!(
        e.message(Lang::Vi).contains("đang là thành viên"),
        "{}",
        e.message(Lang::Vi)
    );
    assert!(e.message(Lang::En).contains("already a current member"));
    // No such team.
    let e = s
        .join(9999, row.person.id, &member_join("Tổ viên"))
        .unwrap_err();
    assert!(e.message(Lang::Vi).contains("Không có Tổ số 9999"));
    // A second commune team while the first is active.
    let e = s.create_team(c.id, None, None).unwrap_err();
    assert!(e.message(Lang::Vi).contains("đã có Tổ"));
    // A village name used twice.
    s.add_village(c.id, VillageKind::Thon, "1").unwrap();
    let e = s.add_village(c.id, VillageKind::Thon, " 1 ").unwrap_err();
    assert!(
        e.message(Lang::Vi).starts_with("Thôn, ấp, khu phố:"),
        "{}",
        e.message(Lang::Vi)
    );
    // A raw constraint from the schema is reported, not a panic, and nothing is saved.
    let e = s
        .write(|tx| {
            tx.execute(
                "INSERT INTO people (commune_id, search_text, sort_key) VALUES (1, '', x'')",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    assert!(
        e.message(Lang::Vi).contains("không lưu"),
        "{}",
        e.message(Lang::Vi)
    );
    assert_eq!(
        s.count_members(&MemberQuery {
            include_left: true,
            ..Default::default()
        })
        .unwrap(),
        1
    );
    // An empty commune name names the field.
    let mut bad = commune();
    bad.name = "  ".into();
    let e = s.create_commune(&bad).unwrap_err();
    assert!(
        e.message(Lang::Vi).starts_with("Xã, phường:"),
        "{}",
        e.message(Lang::Vi)
    );
}

#[test]
fn villages_rename_merge_and_teams_move() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let a = s.add_village(c.id, VillageKind::Thon, "1").unwrap();
    let b = s.add_village(c.id, VillageKind::Thon, "2").unwrap();
    let team = s.create_team(c.id, Some(a.id), None).unwrap();
    assert_eq!(
        s.team_name(&team).unwrap(),
        "Tổ công nghệ số cộng đồng thôn 1"
    );
    s.rename_village(a.id, VillageKind::Bon, "Bu Sop").unwrap();
    assert_eq!(
        s.team_name(&team).unwrap(),
        "Tổ công nghệ số cộng đồng bon Bu Sop"
    );
    s.merge_village(a.id, b.id, true).unwrap();
    let moved = s.team(team.id).unwrap();
    assert_eq!(moved.village_id, Some(b.id));
    assert_eq!(s.villages(c.id, false).unwrap().len(), 1);
    assert_eq!(s.villages(c.id, true).unwrap().len(), 2);
    // A team cannot be created in a merged village.
    assert!(s.create_team(c.id, Some(a.id), None).is_err());
}

#[test]
fn warnings_follow_the_preset() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let v = s.add_village(c.id, VillageKind::Ap, "3").unwrap();
    s.add_village(c.id, VillageKind::Ap, "4").unwrap();
    let team = s.create_team(c.id, Some(v.id), None).unwrap();
    let w = s.check_team(team.id).unwrap();
    let codes: Vec<_> = w.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["leader.missing", "deputy.missing"]);
    for i in 0..8 {
        let role = if i == 0 {
            "Tổ trưởng"
        } else if i == 1 {
            "Tổ phó"
        } else {
            "Tổ viên"
        };
        let mut p = new_person(&format!(
            "Người Số {}",
            ["An", "Bình", "Chi", "Dung", "Em", "Giang", "Hà", "Khoa"][i]
        ));
        p.position = match i {
            0 => "Trưởng ấp 3".into(),
            1 => "Bí thư Đoàn thanh niên ấp".into(),
            _ => "Người dân".into(),
        };
        s.add_member(team.id, &p, &member_join(role)).unwrap();
    }
    let w = s.check_team(team.id).unwrap();
    assert_eq!(w.iter().map(|w| w.code).collect::<Vec<_>>(), ["size.max"]);
    let commune_w = s.check_commune(c.id).unwrap();
    assert!(commune_w[0].msg.vi.contains("ấp 4"), "{:?}", commune_w);
}

#[test]
fn a_page_of_a_broad_search_is_the_start_of_the_full_sorted_result() {
    let mut s = Store::open_in_memory().unwrap();
    let c = s.create_commune(&commune()).unwrap();
    let team = s.create_team(c.id, None, None).unwrap();
    let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Dương", "Bùi", "Võ"];
    let middles = ["Thị", "Văn", "Bích", "Hồng", "Minh"];
    let givens = ["Ngọc", "Ngoc", "Ngà", "Anh"];
    s.import(|db| {
        let j = member_join("Tổ viên");
        for i in 0..2400usize {
            let name = format!(
                "{} {} {}",
                families[i % 8],
                middles[(i / 8) % 5],
                givens[(i / 40) % 4]
            );
            db.member(c.id, team.id, &new_person(&name), &j)?;
        }
        Ok(())
    })
    .unwrap();
    let full = s
        .members(&MemberQuery {
            search: "ngoc".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(full.len(), 1200, "Ngọc and Ngoc, not Ngà or Anh");
    for (offset, limit) in [(0, 100), (150, 50), (1180, 100)] {
        let page = s
            .members(&MemberQuery {
                search: "NGỌC".into(),
                limit: Some(limit),
                offset,
                ..Default::default()
            })
            .unwrap();
        let expect: Vec<_> = full.iter().skip(offset).take(limit).collect();
        assert_eq!(page.iter().collect::<Vec<_>>(), expect, "offset {offset}");
    }
    // A page of the whole roster is the start of the whole sorted roster.
    let all = s.members(&MemberQuery::default()).unwrap();
    let page = s
        .members(&MemberQuery {
            limit: Some(30),
            offset: 600,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.as_slice(), &all[600..630]);
}

#[test]
fn sort_keys_are_rebuilt_when_the_way_they_are_made_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.db");
    {
        let mut s = Store::open(&path).unwrap();
        let c = s.create_commune(&commune()).unwrap();
        let team = s.create_team(c.id, None, None).unwrap();
        for name in ["Trần Văn Bình", "Lê Thị An"] {
            s.add_member(team.id, &new_person(name), &member_join("Tổ viên"))
                .unwrap();
        }
    }
    {
        // Spoil the keys as an older version of the program might have left them.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "UPDATE people SET sort_key = x'00', search_text = 'x';
             UPDATE memberships SET sort_key = x'00';
             UPDATE settings SET value = '0' WHERE key = 'collate.key_version';",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let names: Vec<String> = s
        .members(&MemberQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.person.full_name)
        .collect();
    assert_eq!(names, ["Lê Thị An", "Trần Văn Bình"]);
    assert_eq!(
        s.members(&MemberQuery {
            search: "binh".into(),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );
}

/// Every way a search is answered (the matches' keys sorted, the roster walked for a
/// broad one, whole rows for an unpaged list; with or without the commune, a team, a
/// role, those who left) gives the pages of the same sorted list, and the counts agree.
#[test]
fn every_search_path_pages_the_same_sorted_list() {
    use cnscd::store::MemberSort;
    let mut s = Store::open_in_memory().unwrap();
    // 3 communes × 4 teams × 300 members: 3,600 people, names spread and clustered.
    cnscd::office::demo::generate(&mut s, 3, 3, 300, 7).unwrap();
    let commune = s.communes().unwrap()[0].id;
    let team = s.teams(commune).unwrap()[1].id;
    let searches = ["ngoc", "n", "thi", "hoang v", "tuan", "09", "xyz"];
    let sorts = [
        MemberSort::Name,
        MemberSort::Role,
        MemberSort::Team,
        MemberSort::Joined,
    ];
    let ids = |rows: Vec<cnscd::store::MemberRow>| -> Vec<i64> {
        rows.into_iter().map(|r| r.membership.id).collect()
    };
    for search in searches {
        for sort in sorts {
            for (commune_id, team_id, include_left) in [
                (None, None, false),
                (Some(commune), None, false),
                (None, Some(team), true),
            ] {
                let q = MemberQuery {
                    search: search.into(),
                    sort,
                    commune_id,
                    team_id,
                    include_left,
                    ..Default::default()
                };
                let full = ids(s.members(&q).unwrap());
                assert_eq!(s.count_members(&q).unwrap(), full.len(), "{search}");
                assert_eq!(
                    s.count_members_upto(&q, 50).unwrap(),
                    full.len().min(50),
                    "{search}"
                );
                for (offset, limit) in [(0, 50), (37, 20), (full.len().saturating_sub(5), 50)] {
                    let page = ids(s
                        .members(&MemberQuery {
                            limit: Some(limit),
                            offset,
                            ..q.clone()
                        })
                        .unwrap());
                    let want: Vec<i64> = full.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(
                        page, want,
                        "{search} {sort:?} {commune_id:?} {team_id:?} @{offset}"
                    );
                }
            }
        }
    }
}
