//! The exchange bundle: export then import into an empty database gives the same data,
//! table by table; a database that holds the commune refuses it; bad bundles are
//! refused with a clear message and change nothing; no input makes the reader panic.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use cnscd::domain::Lang;
use cnscd::domain::period::Period;
use cnscd::office::{Error, demo, demo_activities, exchange, output, reports};
use cnscd::render::Fonts;
use cnscd::store::Store;
use rusqlite::Connection;
use serde_json::Value as Json;

/// A commune with something in every table: a left member, a report issued with its
/// frozen model, targets, participants, evidence, settings.
fn full_commune(dir: &Path) -> PathBuf {
    let db = dir.join("source.db");
    let mut store = Store::open(&db).unwrap();
    demo::dak_nia(&mut store).unwrap();
    demo_activities::generate(&mut store, 150, 3).unwrap();
    let (mut a, _) = store.activity(1).unwrap();
    a.id = 0;
    a.participants = vec![2, 3];
    let id = store.add_activity(&a).unwrap();
    let photo = dir.join("anh.txt");
    std::fs::write(&photo, b"evidence").unwrap();
    store.add_evidence(id, &photo).unwrap();
    let ind = store.indicator_list().unwrap()[0].id;
    let village = store.villages(1, false).unwrap()[0].id;
    store.set_target(1, None, ind, 2026, Some(80.0)).unwrap();
    store
        .set_target(1, Some(village), ind, 2026, Some(75.5))
        .unwrap();
    store.set_setting("ui.language", "en").unwrap();
    // Thôn 1's return sheet of September taken in (its lines, its texts).
    let (_, sheet) = cnscd::office::return_sheet::sheet_for(
        &mut store,
        2,
        Period::Month(2026, 9),
        NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(),
    )
    .unwrap();
    use crate::common::xlsx::{Val, fill};
    let sheet = fill(
        &sheet,
        &[
            ("A9", Val::Text("14/09/2026")),
            ("B9", Val::Text("Họp Tổ")),
            ("C50", Val::Text("Thiếu điện thoại thông minh")),
        ],
    );
    let file = dir.join("phieu.xlsx");
    std::fs::write(&file, sheet).unwrap();
    cnscd::office::return_sheet::take_in(
        &mut store,
        &cnscd::office::return_sheet::TakeInRequest {
            files: vec![file],
            replace: false,
            add_kinds: false,
            today: NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(),
        },
    )
    .unwrap();
    let mut req = reports::ReportRequest::new(Period::Month(2026, 10), None);
    req.date = NaiveDate::from_ymd_opt(2026, 11, 19);
    req.created = output::parse_created("2026-11-19T08:00:00").ok();
    reports::issue(
        &mut store,
        &req,
        &cnscd::office::output::Target::new(dir.join("bc.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    // September's report issued in the e-office, its signed copy kept; August's still
    // waiting for its number.
    use cnscd::office::eoffice;
    let fonts = Fonts::bundled();
    let mut draft_of = |month: u32| {
        let mut req = reports::ReportRequest::new(Period::Month(2026, month), None);
        req.date = NaiveDate::from_ymd_opt(2026, 11, 20);
        req.created = output::parse_created("2026-11-20T08:00:00").ok();
        let out = dir.join(format!("bc-{month}-cho-so.pdf"));
        let target = cnscd::office::output::Target::new(&out);
        eoffice::draft(
            &mut store,
            &eoffice::DraftRequest::Report(req),
            &target,
            &fonts,
        )
        .unwrap()
        .id
    };
    let september = draft_of(9);
    draft_of(8);
    let done = eoffice::register(
        &mut store,
        &eoffice::RegisterRequest {
            draft: september,
            number: Some(12),
            date: NaiveDate::from_ymd_opt(2026, 11, 21),
            signed: None,
            anyway: false,
        },
        &fonts,
    )
    .unwrap();
    let signed = dir.join("bc-9-da-ky.pdf");
    reports::reprint(
        &store,
        done.entry,
        &cnscd::office::output::Target::new(&signed),
        &fonts,
    )
    .unwrap();
    eoffice::attach(
        &mut store,
        cnscd::store::DocKind::Report,
        done.entry,
        &signed,
        false,
    )
    .unwrap();
    db
}

/// Every row of every table, as text, table by table (history without its own ids).
fn tables(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open(db).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'people_fts%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let sql = if t == "history" {
                "SELECT at, entity, entity_id, action, detail FROM history ORDER BY 1, 2, 3, 4, 5"
                    .to_string()
            } else {
                format!("SELECT * FROM \"{t}\" ORDER BY 1, 2")
            };
            let mut st = conn.prepare(&sql).unwrap();
            let n = st.column_count();
            let rows = st
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join("|"))
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (t, rows)
        })
        .collect()
}

fn export(dir: &Path, db: &Path) -> PathBuf {
    let out = dir.join("xa.cnscd");
    let mut store = Store::open(db).unwrap();
    let done = exchange::export(&mut store, &out).unwrap();
    assert!(done.msg.en.contains("Exported"));
    out
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let source = full_commune(dir.path());
    let bundle = export(dir.path(), &source);
    let target = dir.path().join("target.db");
    let mut store = Store::open(&target).unwrap();
    let done = exchange::import(&mut store, &bundle).unwrap();
    assert_eq!(done.commune, "xã Đắk Nia");
    assert!(done.rows.iter().any(|(t, n)| t == "activities" && *n > 150));
    drop(store);
    let (a, b) = (tables(&source), tables(&target));
    assert_eq!(a.len(), b.len());
    for ((ta, ra), (tb, rb)) in a.iter().zip(&b) {
        assert_eq!(ta, tb);
        assert!(
            // No decision is issued in this commune; notes of files being issued
            // belong to one computer and are never in a bundle; a province's own
            // tables are empty in a commune's database.
            !ra.is_empty()
                || [
                    "decisions",
                    "pending_files",
                    "province_home",
                    "province_reports",
                    "province_targets",
                    "submissions"
                ]
                .contains(&ta.as_str()),
            "{ta} is empty in the source"
        );
        assert_eq!(ra, rb, "table {ta} differs");
    }
    // The issued reports print again the same from the imported register (the e-office's
    // one: its signed copy, byte for byte).
    let mut store = Store::open(&target).unwrap();
    let issued = store.issued_reports(1).unwrap();
    assert_eq!(issued.len(), 2);
    let signed = reports::reprint(
        &store,
        issued[0].id,
        &cnscd::office::output::Target::new(dir.path().join("ky-lai.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    assert_eq!(
        std::fs::read(&signed.path).unwrap(),
        std::fs::read(dir.path().join("bc-9-da-ky.pdf")).unwrap()
    );
    let again = reports::reprint(
        &store,
        issued[1].id,
        &cnscd::office::output::Target::new(dir.path().join("lai.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    assert_eq!(again.same_as_issued, Some(true));
    assert!(store.check_derived(false).unwrap().is_clean());
    // The imported database exports the same bundle (but for the time of export).
    let again = dir.path().join("again.cnscd");
    exchange::export(&mut store, &again).unwrap();
    let strip = |p: &Path| {
        let mut v: Json = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        v["exported_at"] = Json::Null;
        v["tables"]["history"] = Json::Null;
        v
    };
    assert_eq!(strip(&bundle), strip(&again));
}

#[test]
fn a_database_that_holds_the_commune_refuses_it_and_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let source = full_commune(dir.path());
    let bundle = export(dir.path(), &source);
    let mut store = Store::open(&source).unwrap();
    let before = store.digest().unwrap();
    let e = exchange::import(&mut store, &bundle).unwrap_err();
    assert!(matches!(e, Error::Refused(_)), "{e:?}");
    let en = e.message(Lang::En);
    assert!(
        en.contains("already holds xã Đắk Nia") && en.contains("nothing is duplicated"),
        "{en}"
    );
    assert!(e.message(Lang::Vi).contains("đã có xã Đắk Nia"));
    assert_eq!(store.digest().unwrap(), before);
}

fn demo_bundle() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let mut store = Store::open(&db).unwrap();
    demo::dak_nia(&mut store).unwrap();
    std::fs::read(export(dir.path(), &db)).unwrap()
}

fn edit(bundle: &[u8], f: impl FnOnce(&mut Json)) -> Vec<u8> {
    let mut v: Json = serde_json::from_slice(bundle).unwrap();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

/// Imports `bytes` into an empty database: the error, with the database unchanged.
fn refused(bytes: &[u8]) -> String {
    let mut store = Store::open_in_memory().unwrap();
    let before = store.digest().unwrap();
    let e = exchange::import_bytes(&mut store, bytes).unwrap_err();
    assert_eq!(
        store.digest().unwrap(),
        before,
        "a refused bundle changed the database"
    );
    assert!(!e.message(Lang::Vi).is_empty());
    e.message(Lang::En)
}

#[test]
fn bad_bundles_are_refused_clearly_and_change_nothing() {
    let good = demo_bundle();
    let m = refused(b"PK\x03\x04 not json");
    assert!(m.contains("not valid JSON"), "{m}");
    let m = refused(&good[..good.len() / 2]);
    assert!(m.contains("truncated"), "{m}");
    let m = refused(&edit(&good, |v| v["format"] = "zip".into()));
    assert!(
        m.contains("format") && m.contains("not a cnscd bundle"),
        "{m}"
    );
    let m = refused(&edit(&good, |v| v["version"] = 2.into()));
    assert!(m.contains("newer program") && m.contains("update"), "{m}");
    let m = refused(&edit(&good, |v| {
        v["tables"].as_object_mut().unwrap().remove("people");
    }));
    assert!(m.contains("table people is missing"), "{m}");
    // An activity of a team that is not in the bundle.
    let m = refused(&edit(&good, |v| {
        v["tables"]["activities"]["rows"][0][2] = 999.into();
    }));
    assert!(m.contains("refers to a row of teams"), "{m}");
    // A member of a person who is not in the bundle.
    let m = refused(&edit(&good, |v| {
        v["tables"]["people"]["rows"]
            .as_array_mut()
            .unwrap()
            .remove(0);
    }));
    assert!(m.contains("not in the bundle"), "{m}");
    // A village of another commune.
    let m = refused(&edit(&good, |v| {
        v["tables"]["villages"]["rows"][0][1] = 7.into();
    }));
    assert!(
        m.contains("villages") && m.contains("not in the bundle"),
        "{m}"
    );
    let m = refused(&edit(&good, |v| {
        v["tables"]["baselines"]["rows"][0][1] = 4242.into();
    }));
    assert!(m.contains("baselines"), "{m}");
    let m = refused(&edit(&good, |v| {
        v["tables"]["teams"]["rows"][0][0] = "one".into();
    }));
    assert!(
        m.contains("table teams, row 1, column id: must be a whole number"),
        "{m}"
    );
    let m = refused(&edit(&good, |v| {
        v["tables"]["teams"]["columns"][0] = "id; DROP TABLE teams".into();
    }));
    assert!(m.contains("has no column"), "{m}");
    let m = refused(&edit(&good, |v| {
        v["tables"]["teams"]["rows"]
            .as_array_mut()
            .unwrap()
            .push(Json::Array(vec![]));
    }));
    assert!(m.contains("must be a list of"), "{m}");
    let m = refused(&edit(&good, |v| {
        let rows = v["tables"]["people"]["rows"].as_array_mut().unwrap();
        let first = rows[0].clone();
        rows.push(first);
    }));
    assert!(m.contains("breaks a rule"), "{m}");
    let m = refused(&edit(&good, |v| {
        v["tables"]["sqlite_master"] = serde_json::json!({"columns": [], "rows": []});
    }));
    assert!(m.contains("not part of version 1"), "{m}");
}

/// SplitMix64, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Deletes one field somewhere in the document (an object's key or an array's item).
fn delete_somewhere(v: &mut Json, rng: &mut Rng) {
    match v {
        Json::Object(o) if !o.is_empty() => {
            let keys: Vec<String> = o.keys().cloned().collect();
            let k = &keys[rng.below(keys.len())];
            if rng.below(3) == 0 {
                o.remove(k);
            } else if let Some(child) = o.get_mut(k) {
                delete_somewhere(child, rng);
            }
        }
        Json::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            if rng.below(3) == 0 {
                a.remove(i);
            } else {
                delete_somewhere(&mut a[i], rng);
            }
        }
        _ => *v = Json::Null,
    }
}

#[test]
fn no_input_makes_the_reader_panic_or_leaves_a_half_import() {
    let good = demo_bundle();
    let mut rng = Rng(0xB0D1E);
    let mut store = Store::open_in_memory().unwrap();
    let empty = store.digest().unwrap();
    let mut imported = 0;
    let mut cases = 0;
    let mut check = |store: &mut Store, bytes: &[u8], what: &str| {
        cases += 1;
        match exchange::import_bytes(store, bytes) {
            Err(e) => {
                assert!(!e.message(Lang::En).is_empty());
                assert_eq!(
                    store.digest().unwrap(),
                    empty,
                    "{what}: a failed import changed the database"
                );
            }
            Ok(_) => {
                // A mutation that is still a whole, consistent bundle: it went in whole.
                imported += 1;
                assert!(store.check_derived(false).unwrap().is_clean(), "{what}");
                assert_eq!(store.integrity_check().unwrap(), "ok");
                *store = Store::open_in_memory().unwrap();
            }
        }
    };
    // Arbitrary bytes, some of them starting like a bundle.
    for i in 0..3000 {
        let len = rng.below(200);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if i % 3 == 0 {
            let mut head =
                br#"{"format":"cnscd-bundle","version":1,"commune":{"id":1},"tables":{"#.to_vec();
            head.append(&mut bytes);
            bytes = head;
        }
        check(&mut store, &bytes, "random bytes");
    }
    // Truncations of a valid bundle.
    for _ in 0..300 {
        let at = rng.below(good.len());
        check(&mut store, &good[..at], "truncated");
    }
    // Flipped bytes.
    for _ in 0..500 {
        let mut bytes = good.clone();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        check(&mut store, &bytes, "flipped");
    }
    // Deleted fields, rows and values.
    let doc: Json = serde_json::from_slice(&good).unwrap();
    for _ in 0..300 {
        let mut v = doc.clone();
        delete_somewhere(&mut v, &mut rng);
        check(&mut store, &serde_json::to_vec(&v).unwrap(), "deleted");
    }
    assert!(cases >= 4000);
    eprintln!("{cases} cases, {imported} still whole bundles that imported");
}

#[cfg(unix)]
#[test]
fn a_link_or_device_is_never_replaced_by_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let mut store = Store::open(&db).unwrap();
    demo::dak_nia(&mut store).unwrap();
    let link = dir.path().join("link.cnscd");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let e = exchange::export(&mut store, &link).unwrap_err();
    assert!(e.message(Lang::En).contains("not a plain file"), "{e:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// The column `name` of `table` in a bundle.
fn column(v: &Json, table: &str, name: &str) -> usize {
    v["tables"][table]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("{table}.{name}"))
}

/// A frozen document edited in the bundle (the text of an issued report), a model
/// left empty, a day that does not exist: each refused naming the table, the entry
/// and the column, nothing written. A bundle of an older program, which keeps no
/// check of the frozen text, still imports, and its reprint never claims the text
/// was compared.
#[test]
fn a_bundle_with_an_edited_document_or_an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let source = full_commune(dir.path());
    let good = std::fs::read(export(dir.path(), &source)).unwrap();
    let forged = edit(&good, |v| {
        let m = column(v, "reports", "model");
        let text = v["tables"]["reports"]["rows"][0][m]
            .as_str()
            .unwrap()
            .replace("Đắk Nia", "Đắk Giả");
        v["tables"]["reports"]["rows"][0][m] = text.into();
    });
    let m = refused(&forged);
    assert!(
        m.contains("changed after it was issued") && m.contains("table reports"),
        "{m}"
    );
    let empty = edit(&good, |v| {
        let m = column(v, "reports", "model");
        v["tables"]["reports"]["rows"][0][m] = "".into();
    });
    assert!(refused(&empty).contains("cannot be read"));
    for (table, col, bad) in [
        ("activities", "on_date", "2026-02-30"),
        ("memberships", "joined_on", "31/12/2025"),
    ] {
        let m = refused(&edit(&good, |v| {
            let c = column(v, table, col);
            v["tables"][table]["rows"][0][c] = bad.into();
        }));
        assert!(
            m.contains(&format!("table {table}")) && m.contains(col) && m.contains(bad),
            "{m}"
        );
    }
    // A name with a tab (it would break the command line's lists) or with digits.
    for bad in ["Lê\tVăn An", "Tên 123 ;"] {
        let m = refused(&edit(&good, |v| {
            let c = column(v, "people", "full_name");
            v["tables"]["people"]["rows"][0][c] = bad.into();
        }));
        assert!(m.contains("table people") && m.contains("full_name"), "{m}");
    }
    // A header that names another commune than the rows bring.
    let m = refused(&edit(&good, |v| {
        v["commune"]["name"] = "xã Cư M'gar".into()
    }));
    assert!(m.contains("header says") && m.contains("Cư M'gar"), "{m}");
    // An older program's bundle: no model_sha256 column.
    let older = edit(&good, |v| {
        for t in ["decisions", "reports"] {
            let c = column(v, t, "model_sha256");
            v["tables"][t]["columns"].as_array_mut().unwrap().remove(c);
            for row in v["tables"][t]["rows"].as_array_mut().unwrap() {
                row.as_array_mut().unwrap().remove(c);
            }
        }
    });
    let mut store = Store::open(&dir.path().join("older.db")).unwrap();
    exchange::import_bytes(&mut store, &older).unwrap();
    let issued = store.issued_reports(1).unwrap();
    // The report printed and signed on paper (September's is the e-office's signed copy).
    let paper = issued.iter().find(|r| r.period == "2026-10").unwrap();
    assert_eq!(paper.model_intact, None);
    let again = reports::reprint(
        &store,
        paper.id,
        &output::Target::new(dir.path().join("older.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    assert!(!again.text_checked);
    assert!(store.damage().unwrap().is_empty());
}
