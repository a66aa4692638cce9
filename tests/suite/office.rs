//! The office's jobs, driven directly: no window, no process. Each job either does all
//! it says or nothing, and refusals name the field.

use std::path::Path;

use chrono::NaiveDate;
use cnscd::domain::Lang;
use cnscd::domain::period::Period;
use cnscd::office::decisions::{self, DecisionRequest, Teams};
use cnscd::office::output::Target;
use cnscd::office::{
    Error, deadlines, demo, fonts, issue_notes, member_lists, output, reports, roster,
};
use cnscd::render::Fonts;
use cnscd::store::{MemberQuery, Store};

fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("cnscd.db")).unwrap();
    demo::dak_nia(&mut store).unwrap();
    store
}

fn seed_004() -> DecisionRequest {
    DecisionRequest {
        number: Some(23),
        date: NaiveDate::from_ymd_opt(2022, 7, 27),
        created: output::parse_created("2022-07-27T08:00:00").ok(),
        ..DecisionRequest::for_team(1)
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn building_a_decision_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let before = files_in(dir.path());
    let built = decisions::build(&store, &seed_004()).unwrap();
    assert_eq!(built.team_ids, vec![1]);
    assert_eq!(built.draft.number, Some(23));
    let laid = decisions::layout(&built.doc, &Fonts::bundled());
    assert!(laid.text().contains("Số: 23/QĐ-UBND"));
    assert!(store.issued_decisions(1).unwrap().is_empty());
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn a_saved_draft_is_not_registered_and_an_issued_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let out = dir.path().join("out");
    let draft = decisions::save(
        &store,
        &seed_004(),
        &Target::new(out.join("du-thao.pdf")),
        &fonts,
    )
    .unwrap();
    assert!(draft.path.exists());
    assert_eq!(draft.issued, None);
    assert!(store.issued_decisions(1).unwrap().is_empty());

    let issued = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(out.join("qd-23.pdf")),
        &fonts,
    )
    .unwrap();
    let (id, reference) = issued.issued.clone().unwrap();
    assert_eq!(reference, "23/QĐ-UBND ngày 27/07/2022");
    let register = store.issued_decisions(1).unwrap();
    assert_eq!(register.len(), 1);
    let bytes = std::fs::read(out.join("qd-23.pdf")).unwrap();
    assert_eq!(decisions::sha256(&bytes), register[0].pdf_sha256);
    // No temporary file is left beside the two PDFs.
    assert_eq!(files_in(&out), vec!["du-thao.pdf", "qd-23.pdf"]);

    // The same number again is refused, naming the field; nothing more is registered.
    let e = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(out.join("again.pdf")),
        &fonts,
    )
    .unwrap_err();
    assert!(e.message(Lang::Vi).starts_with("Số văn bản:"), "{e}");
    assert_eq!(store.issued_decisions(1).unwrap().len(), 1);
    assert!(!out.join("again.pdf").exists());

    // Printed again: the very bytes that were issued.
    let again = decisions::reprint(&store, id, &Target::new(out.join("lai.pdf")), &fonts).unwrap();
    assert_eq!(again.same_as_issued, Some(true));
    assert_eq!(std::fs::read(out.join("lai.pdf")).unwrap(), bytes);
    assert!(again.summary().vi.contains("trùng khớp"));
}

#[test]
fn issuing_without_a_number_takes_the_next_free_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    for (n, name) in [(1, "a.pdf"), (2, "b.pdf")] {
        let req = DecisionRequest {
            number: None,
            ..seed_004()
        };
        let saved = decisions::issue(
            &mut store,
            &req,
            &Target::new(dir.path().join(name)),
            &fonts,
        )
        .unwrap();
        assert!(
            saved
                .issued
                .unwrap()
                .1
                .starts_with(&format!("{n:02}/QĐ-UBND"))
        );
    }
}

#[test]
fn a_failed_write_registers_nothing_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    // The folder the PDF should go into is a file: writing fails.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let e = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(blocker.join("qd.pdf")),
        &fonts,
    )
    .unwrap_err();
    assert!(matches!(e, Error::File { .. }), "{e:?}");
    assert!(
        store.issued_decisions(1).unwrap().is_empty(),
        "no number used"
    );
    assert_eq!(store.next_decision_number(1, 2022).unwrap(), 1);
}

#[test]
fn the_database_is_never_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let db = dir.path().join("cnscd.db");
    let size = std::fs::metadata(&db).unwrap().len();
    let fonts = Fonts::bundled();
    for path in [
        db.clone(),
        dir.path().join("cnscd.db-wal"),
        dir.path().to_path_buf(),
    ] {
        let target = Target::replacing(&path);
        let e = decisions::issue(&mut store, &seed_004(), &target, &fonts).unwrap_err();
        assert!(
            e.message(Lang::Vi).starts_with("Lưu vào:"),
            "{}: {e}",
            path.display()
        );
        let e = reports::save(
            &store,
            &reports::ReportRequest::new(Period::Month(2026, 10), None),
            &target,
            &fonts,
        )
        .unwrap_err();
        assert!(e.message(Lang::En).starts_with("Save to:"), "{e}");
    }
    assert!(store.issued_decisions(1).unwrap().is_empty());
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    assert!(std::fs::metadata(&db).unwrap().len() >= size);
    Store::open(&db).unwrap();
}

#[test]
fn numbers_have_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    for n in [0, decisions::MAX_NUMBER + 1, u32::MAX] {
        let req = DecisionRequest {
            number: Some(n),
            ..seed_004()
        };
        let e = decisions::build(&store, &req).unwrap_err();
        assert!(e.message(Lang::Vi).starts_with("Số văn bản:"), "{n}: {e}");
    }
}

#[test]
fn all_village_teams_in_one_decision() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let built = decisions::build(
        &store,
        &DecisionRequest {
            teams: Teams::AllVillages,
            ..seed_004()
        },
    )
    .unwrap();
    assert_eq!(built.team_ids, store.village_team_ids(1).unwrap());
    assert!(built.team_ids.len() >= 2);
}

#[test]
fn the_decision_form_offers_the_register_and_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let form = decisions::form(&mut store).unwrap().unwrap();
    assert_eq!(
        decisions::RegisterLine::next_number(&form.register, 2022, 0),
        1
    );
    assert!(!form.bases.is_empty() && !form.recipients.is_empty());
    assert!(form.teams.iter().any(|t| t.id == 1));
    decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(dir.path().join("qd.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    let form = decisions::form(&mut store).unwrap().unwrap();
    assert_eq!(
        decisions::RegisterLine::next_number(&form.register, 2022, 0),
        24
    );
    assert_eq!(form.register.len(), 1);
    assert!(
        form.register[0]
            .line
            .starts_with("23/QĐ-UBND ngày 27/07/2022 — ")
    );
    // No commune yet: no form.
    let mut empty = Store::open_in_memory().unwrap();
    assert!(decisions::form(&mut empty).unwrap().is_none());
}

#[test]
fn a_report_is_built_issued_with_its_own_numbering_and_printed_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let mut req = reports::ReportRequest::new(Period::Month(2026, 10), None);
    req.date = NaiveDate::from_ymd_opt(2026, 11, 19);
    req.created = output::parse_created("2026-11-19T08:00:00").ok();
    let built = reports::build(&store, &req).unwrap();
    assert_eq!(built.team_id, 0);
    assert!(
        store.issued_reports(1).unwrap().is_empty(),
        "building writes nothing"
    );
    let saved = reports::issue(
        &mut store,
        &req,
        &Target::new(dir.path().join("bc.pdf")),
        &fonts,
    )
    .unwrap();
    let (id, reference) = saved.issued.clone().unwrap();
    assert_eq!(reference, "01/BC-UBND");
    // A team's report has its own register: it starts at 01 too.
    let team = store.village_team_ids(1).unwrap()[0];
    let mut team_req = reports::ReportRequest::new(Period::Month(2026, 10), Some(team));
    team_req.date = req.date;
    let saved_team = reports::issue(
        &mut store,
        &team_req,
        &Target::new(dir.path().join("bc-to.pdf")),
        &fonts,
    )
    .unwrap();
    assert!(saved_team.issued.unwrap().1.starts_with("01/"));
    let again =
        reports::reprint(&store, id, &Target::new(dir.path().join("lai.pdf")), &fonts).unwrap();
    assert_eq!(again.same_as_issued, Some(true));
    let form = reports::form(&store).unwrap();
    assert_eq!(form.register.len(), 2);
    assert!(form.scopes.len() >= 2);
    // The texts are prefilled from the period's notes.
    let texts = reports::prefill_home(&store, None, Period::Month(2026, 10)).unwrap();
    assert!(
        texts.activities.starts_with("- Ngày "),
        "{}",
        texts.activities
    );
}

#[test]
fn a_member_list_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let saved = member_lists::save(
        &store,
        1,
        output::parse_created("2026-11-20T08:00:00").ok(),
        &Target::new(dir.path().join("ds.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    assert!(saved.pages >= 1 && saved.path.exists());
    let e = member_lists::build(&store, 9999, None).unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e:?}");
}

#[test]
fn the_roster_counts_up_to_its_cap() {
    let mut store = Store::open_in_memory().unwrap();
    demo::generate(&mut store, 2, 12, 60, 3).unwrap();
    let all = MemberQuery::default();
    let page = roster::page(&store, &all, 0, 50).unwrap();
    assert_eq!(page.lines.len(), 50);
    assert_eq!(page.total, roster::Total::MoreThan(roster::COUNT_CAP));
    assert_eq!(page.total.pages(50), None);
    let one_team = MemberQuery {
        team_id: Some(page.lines[0].team_id),
        ..Default::default()
    };
    let page = roster::page(&store, &one_team, 0, 50).unwrap();
    assert_eq!(page.total, roster::Total::Exact(60));
    assert_eq!(page.total.pages(50), Some(2));
    let second = roster::page(&store, &one_team, 1, 50).unwrap();
    assert_eq!(second.lines.len(), 10);
    let search = MemberQuery {
        search: "zzzz".into(),
        ..Default::default()
    };
    assert_eq!(
        roster::page(&store, &search, 0, 50).unwrap().total,
        roster::Total::Exact(0)
    );
}

#[test]
fn reporting_days_are_checked_and_saved_together() {
    let mut store = Store::open_in_memory().unwrap();
    let e = deadlines::set_report_days(&mut store, "18", "31").unwrap_err();
    assert_eq!(
        e.message(Lang::Vi),
        "Hạn xã gửi tỉnh: phải là một ngày từ 1 đến 28 (đang ghi “31”)"
    );
    assert_eq!(
        deadlines::report_days(&store).unwrap(),
        (18, 20),
        "nothing saved"
    );
    deadlines::set_report_days(&mut store, " 15 ", "17").unwrap();
    assert_eq!(deadlines::report_days(&store).unwrap(), (15, 17));
}

#[test]
fn the_document_font_is_checked() {
    let mut store = Store::open_in_memory().unwrap();
    let e = fonts::parse("arial").unwrap_err();
    assert!(e.message(Lang::En).starts_with("Document font:"), "{e}");
    fonts::choose(&mut store, fonts::parse("bundled").unwrap()).unwrap();
    assert_eq!(fonts::chosen(&store).unwrap().code(), "bundled");
    assert_eq!(
        fonts::load(&store, None).unwrap().family,
        Fonts::bundled().family
    );
}

#[test]
fn a_typed_number_is_issued_as_typed_and_a_used_one_warns_before_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let typed = DecisionRequest {
        number: Some(15),
        date: NaiveDate::from_ymd_opt(2022, 3, 15),
        ..seed_004()
    };
    let saved = decisions::issue(
        &mut store,
        &typed,
        &Target::new(dir.path().join("a.pdf")),
        &fonts,
    )
    .unwrap();
    assert!(
        saved
            .issued
            .unwrap()
            .1
            .starts_with("15/QĐ-UBND ngày 15/03/2022")
    );
    let register = decisions::register(&store, 1).unwrap();
    assert_eq!(decisions::RegisterLine::next_number(&register, 2022, 0), 16);
    assert_eq!(decisions::RegisterLine::next_number(&register, 2026, 0), 1);
    assert!(decisions::RegisterLine::holding(&register, 2022, 0, 15).is_some());
    // The same number builds (the preview shows it with a warning) but is not issued.
    decisions::build(&store, &typed).unwrap();
    let e = decisions::issue(
        &mut store,
        &typed,
        &Target::new(dir.path().join("b.pdf")),
        &fonts,
    )
    .unwrap_err();
    assert!(
        e.message(Lang::Vi).contains("số trống tiếp theo là 16"),
        "{e}"
    );
    assert!(!dir.path().join("b.pdf").exists());
}

#[test]
fn voiding_keeps_the_entry_and_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let saved = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(dir.path().join("a.pdf")),
        &fonts,
    )
    .unwrap();
    let id = saved.issued.unwrap().0;
    let e = decisions::void(&mut store, id, "  ").unwrap_err();
    assert!(e.message(Lang::Vi).starts_with("Lý do:"), "{e}");
    let msg = decisions::void(&mut store, id, "Sai tên thành viên").unwrap();
    assert!(msg.vi.contains("vẫn giữ trong sổ"));
    let register = decisions::register(&store, 1).unwrap();
    assert_eq!(register.len(), 1, "nothing deleted");
    assert!(register[0].voided);
    assert!(register[0].line.contains("ĐÃ HỦY"), "{}", register[0].line);
    assert!(register[0].line.ends_with("Sai tên thành viên"));
    // The voided number is not proposed again, and cannot be voided twice.
    assert_eq!(decisions::RegisterLine::next_number(&register, 2022, 0), 24);
    assert!(decisions::void(&mut store, id, "lần nữa").is_err());
    // A change decision no longer replaces a voided one.
    assert!(store.last_decision_for(1, 1).unwrap().is_none());
    // Reports are voided the same way.
    let mut req = reports::ReportRequest::new(Period::Month(2026, 10), None);
    req.date = NaiveDate::from_ymd_opt(2026, 11, 19);
    let r = reports::issue(
        &mut store,
        &req,
        &Target::new(dir.path().join("bc.pdf")),
        &fonts,
    )
    .unwrap();
    reports::void(&mut store, r.issued.unwrap().0, "Số liệu sai").unwrap();
    assert!(reports::register(&store, 1).unwrap()[0].voided);
    assert!(
        store.reported(1, "2026-10").unwrap().is_empty(),
        "a voided report does not count"
    );
}

#[test]
fn an_existing_file_is_not_replaced_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let path = dir.path().join("qd.pdf");
    std::fs::write(&path, b"the clerk's own file").unwrap();
    let e = decisions::save(&store, &seed_004(), &Target::new(&path), &fonts).unwrap_err();
    assert!(e.message(Lang::Vi).contains("đã có"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the clerk's own file");
    decisions::save(&store, &seed_004(), &Target::replacing(&path), &fonts).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_draft_offers_the_bases_and_addressees_in_force_on_its_date() {
    let mut store = Store::open_in_memory().unwrap();
    demo::generate(&mut store, 1, 2, 5, 9).unwrap();
    let team = store.teams(1).unwrap()[0].id;
    let text_on = |store: &Store, y, m, d| {
        let req = DecisionRequest {
            date: NaiveDate::from_ymd_opt(y, m, d),
            ..DecisionRequest::for_team(team)
        };
        decisions::layout(
            &decisions::build(store, &req).unwrap().doc,
            &Fonts::bundled(),
        )
        .text()
    };
    let old = text_on(&store, 2024, 5, 10);
    assert!(old.contains("ngày 19 tháng 6 năm 2015"), "{old}");
    assert!(!old.contains("ngày 16 tháng 6 năm 2025"));
    assert!(
        !old.contains("01-KH/BCĐTW"),
        "a plan of 2025 is not a basis in 2024"
    );
    assert!(old.contains("Sở Thông tin và Truyền thông"));
    assert!(!old.contains("Sở Khoa học và Công nghệ"));
    let new = text_on(&store, 2026, 11, 20);
    assert!(new.contains("ngày 16 tháng 6 năm 2025"), "{new}");
    assert!(!new.contains("ngày 19 tháng 6 năm 2015"));
    assert!(new.contains("Sở Khoa học và Công nghệ"));
    assert!(!new.contains("Sở Thông tin và Truyền thông"));
    // The law comes before the Prime Minister's decisions, and filing is last.
    let law = new.find("Căn cứ Luật").unwrap();
    let ttg = new.find("749/QĐ-TTg").unwrap();
    assert!(law < ttg);
    let recipients = &new[new.find("Nơi nhận").unwrap()..];
    let items: Vec<&str> = recipients.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(items.last(), Some(&"- Lưu: VT."), "{recipients}");

    // The library keeps the dates; a retired entry is no longer offered.
    let mut form = decisions::form(&mut store).unwrap().unwrap();
    let old_law = form
        .bases
        .iter()
        .find(|b| b.text.contains("ngày 19 tháng 6 năm 2015"))
        .unwrap()
        .clone();
    let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert!(
        old_law
            .facts
            .warning(on)
            .unwrap()
            .vi
            .starts_with("hết hiệu lực")
    );
    assert_eq!(form.bases[0].facts.rank, 1, "laws first");
    let ttg = form
        .bases
        .iter()
        .position(|b| b.text.contains("749/QĐ-TTg"))
        .unwrap();
    decisions::retire_library_item(&mut store, form.bases[ttg].id).unwrap();
    form = decisions::form(&mut store).unwrap().unwrap();
    assert!(form.bases.iter().all(|b| !b.text.contains("749/QĐ-TTg")));
    assert!(!text_on(&store, 2026, 11, 20).contains("749/QĐ-TTg"));
}

/// Documents issued by the program before the layout rules changed (a database written
/// by that version, schema 4: two decisions with attached lists and a report) print
/// again byte for byte: each keeps the rules it was issued with.
#[test]
fn everything_issued_before_prints_again_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cnscd.db");
    std::fs::copy("tests/fixtures/issued-layout-1.db", &db).unwrap();
    let store = Store::open(&db).unwrap();
    let fonts = Fonts::bundled();
    let decisions_issued = store.issued_decisions(1).unwrap();
    assert_eq!(decisions_issued.len(), 2);
    for d in decisions_issued {
        let target = Target::new(dir.path().join(format!("qd-{}.pdf", d.id)));
        let again = decisions::reprint(&store, d.id, &target, &fonts).unwrap();
        assert_eq!(again.same_as_issued, Some(true), "{}", d.reference());
    }
    let reports_issued = store.issued_reports(1).unwrap();
    assert_eq!(reports_issued.len(), 1);
    let target = Target::new(dir.path().join("bc.pdf"));
    let again = reports::reprint(&store, reports_issued[0].id, &target, &fonts).unwrap();
    assert_eq!(again.same_as_issued, Some(true));
}

/// An issue killed after its PDF was renamed into place but before the register's
/// commit leaves a PDF whose number is not in the register: the next start removes it
/// (and any temporary file), and keeps the file of an issue that did commit.
#[test]
fn the_next_start_removes_the_file_of_an_issue_stopped_before_its_commit() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let db = dir.path().join("cnscd.db");
    // A committed issue: its note went with the commit; its file stays.
    let issued = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(dir.path().join("qd-23.pdf")),
        &Fonts::bundled(),
    )
    .unwrap();
    assert!(store.pending_files().unwrap().is_empty());
    // An issue stopped midway: noted, its file renamed into place, never registered.
    let stray = dir.path().join("qd-24.pdf");
    let part = dir.path().join(".qd-24.pdf.99.part");
    let bytes = b"%PDF-1.7 not registered".to_vec();
    let sha = format!("{:x}", Sha256::digest(&bytes));
    issue_notes::note(&mut store, &part, &stray, &sha).unwrap();
    std::fs::write(&stray, &bytes).unwrap();
    // And one stopped before its rename: only the temporary file exists.
    let part2 = dir.path().join(".qd-25.pdf.98.part");
    std::fs::write(&part2, b"partial").unwrap();
    issue_notes::note(&mut store, &part2, &dir.path().join("qd-25.pdf"), "abc").unwrap();
    // While another program has the file open (it may be issuing right now), its
    // noted files are not leftovers: nothing is touched.
    let (other, notes) = cnscd::office::database::open_noting(&db).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert!(stray.exists() && part2.exists());
    drop(other);
    drop(store);

    let (store, notes) = cnscd::office::database::open_noting(&db).unwrap();
    assert!(!stray.exists(), "the unregistered PDF is removed");
    assert!(!part2.exists(), "the temporary file is removed");
    assert!(issued.path.exists(), "the issued PDF stays");
    assert!(store.pending_files().unwrap().is_empty());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].vi.contains("qd-24.pdf"), "{}", notes[0].vi);
    // A file the clerk put there with other bytes is never touched.
    drop(store);
    let mut store = Store::open(&db).unwrap();
    let theirs = dir.path().join("qd-26.pdf");
    std::fs::write(&theirs, b"the clerk's own file").unwrap();
    issue_notes::note(&mut store, &dir.path().join(".x.part"), &theirs, &sha).unwrap();
    drop(store);
    drop(cnscd::office::database::open(&db).unwrap());
    assert!(theirs.exists());
}

/// A database from elsewhere (a stick, a crafted file) may carry notes naming any
/// file on the disk with its right hash: the next start removes none of them, drops
/// the notes and says so. Notes sealed here but naming what an issue never writes (a
/// file that is not a PDF, a "temporary" file that is not the program's) touch nothing
/// either.
#[test]
fn notes_not_written_here_never_remove_a_file() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let db = dir.path().join("cnscd.db");
    let sha = |p: &Path| format!("{:x}", Sha256::digest(std::fs::read(p).unwrap()));
    let victim = dir.path().join("hop-dong.pdf");
    std::fs::write(&victim, b"%PDF-1.7 the clerk's contract").unwrap();
    let other = dir.path().join("luan-van.docx");
    std::fs::write(&other, b"a thesis").unwrap();
    let notes_file = dir.path().join("ghi-chu.txt");
    std::fs::write(&notes_file, b"notes").unwrap();
    // Forged: any seal but this computer's.
    store
        .note_pending_file(&other, &victim, &sha(&victim), "forged")
        .unwrap();
    store
        .note_pending_file(&notes_file, &victim, &sha(&victim), "")
        .unwrap();
    // Sealed here, but not what an issue writes.
    issue_notes::note(&mut store, &notes_file, &other, &sha(&other)).unwrap();
    let part = dir.path().join(".luan-van.docx.77.part");
    std::fs::write(&part, b"x").unwrap();
    issue_notes::note(&mut store, &part, &other, &sha(&other)).unwrap();
    drop(store);

    let (store, notes) = cnscd::office::database::open_noting(&db).unwrap();
    for f in [&victim, &other, &notes_file, &part] {
        assert!(f.exists(), "{} was removed", f.display());
    }
    assert!(
        store.pending_files().unwrap().is_empty(),
        "the notes are dropped"
    );
    assert_eq!(notes.len(), 4, "{notes:?}");
    assert!(
        notes.iter().all(|n| n.vi.contains("không xoá tệp nào")),
        "{notes:?}"
    );
}

/// A restored copy brings no notes: a backup taken while an issue was under way
/// would otherwise make the next start remove files of that moment.
#[test]
fn a_restore_brings_no_notes_of_unfinished_issues() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let db = dir.path().join("cnscd.db");
    let target = dir.path().join("qd-30.pdf");
    let part = dir.path().join(".qd-30.pdf.5.part");
    issue_notes::note(&mut store, &part, &target, "abc").unwrap();
    let copy = dir.path().join("ban-sao.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    drop(conn);
    drop(store);
    cnscd::office::backups::restore(&db, &copy).unwrap();
    let store = Store::open(&db).unwrap();
    assert!(store.pending_files().unwrap().is_empty());
}

/// A frozen model changed in the database after it was issued (by hand, by a tool):
/// the reprint and the Word copy are refused, saying so, and `check` names the entry;
/// the rest of the register still lists.
#[test]
fn a_frozen_document_changed_after_its_issue_is_never_printed_as_the_issued_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(dir.path());
    let fonts = Fonts::bundled();
    let issued = decisions::issue(
        &mut store,
        &seed_004(),
        &Target::new(dir.path().join("qd-23.pdf")),
        &fonts,
    )
    .unwrap();
    let id = issued.issued.as_ref().unwrap().0;
    let again =
        decisions::reprint(&store, id, &Target::new(dir.path().join("a.pdf")), &fonts).unwrap();
    assert_eq!(again.same_as_issued, Some(true));
    assert!(again.text_checked);
    assert!(store.damage().unwrap().is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("cnscd.db")).unwrap();
    let model: String = conn
        .query_row("SELECT model FROM decisions WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    let forged = model.replacen("Tổ trưởng", "Tổ phó", 1);
    assert_ne!(forged, model);
    conn.execute(
        "UPDATE decisions SET model = ?1 WHERE id = ?2",
        rusqlite::params![forged, id],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    let e =
        decisions::reprint(&store, id, &Target::new(dir.path().join("b.pdf")), &fonts).unwrap_err();
    assert!(
        e.message(Lang::Vi).contains("đã bị sửa sau khi ban hành"),
        "{}",
        e.message(Lang::Vi)
    );
    assert!(!dir.path().join("b.pdf").exists());
    let e = cnscd::office::word::issued_decision(
        &store,
        id,
        &Target::new(dir.path().join("b.docx")),
        &fonts,
    )
    .unwrap_err();
    assert!(e.message(Lang::En).contains("changed after it was issued"));
    let damage = store.damage().unwrap();
    assert_eq!(damage.len(), 1, "{damage:?}");
    assert!(
        damage[0].vi.contains("Quyết định số 23"),
        "{}",
        damage[0].vi
    );
    assert_eq!(store.issued_decisions(1).unwrap().len(), 1);
}
