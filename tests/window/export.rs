//! "Xuất Excel" on every list and "Lưu Word" on the documents, in the window: the file
//! the clerk chose is written (read back here), an existing one is replaced only when
//! the clerk says so, and with no dialog the suggested place is offered and never
//! replaces anything. The teams screen opens the import assistant for a team.

use crate::common::ui;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Reader};
use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, Screen, lock};
use cnscd::store::{ActivityQuery, MemberQuery};
use ui::{act, demo_app_with, send, shows};

fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let r = book.worksheet_range(sheet).unwrap();
    let rows: Vec<Vec<Data>> = r.rows().map(|r| r.to_vec()).collect();
    let header = rows
        .iter()
        .position(|row| row.first() == Some(&Data::String("STT".into())))
        .expect("a header row");
    rows[header + 1..].to_vec()
}

fn sheet_names(path: &Path) -> Vec<String> {
    let book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    book.sheet_names()
}

fn answer(dialogs: &Scripted, path: Option<&Path>) {
    *dialogs.answer.lock().unwrap() = path.map(Path::to_path_buf);
}

/// The demo app with scripted dialogs, its suggested folder in a temporary one.
fn app() -> (App, Arc<Scripted>, tempfile::TempDir) {
    let dialogs = Scripted::new(None);
    let (mut app, dir) = demo_app_with(dialogs.clone());
    app.folder = dir.path().to_path_buf();
    (app, dialogs, dir)
}

#[test]
fn the_roster_goes_to_the_chosen_workbook_and_replaces_only_when_told() {
    let (mut app, dialogs, dir) = app();
    let out = dir.path().join("danh sách");
    answer(&dialogs, Some(&out));
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    // The name typed without an extension gets `.xlsx`.
    let file = dir.path().join("danh sách.xlsx");
    assert!(file.is_file(), "{:?}", app.roster.export.error);
    let current = lock(&app.db)
        .count_members(&MemberQuery::default())
        .unwrap();
    assert_eq!(sheet_rows(&file, "Toàn xã").len(), current);
    assert_eq!(sheet_names(&file).last().unwrap(), "Đã rời Tổ");
    let said = app.roster.export.notice.clone().expect("what was written");
    assert!(said.vi.starts_with("Đã ghi"), "{}", said.vi);
    assert!(shows(&app, "Mở tệp"));
    act(&mut app, |ui| {
        ui.click("Mở tệp").expect("open");
    });
    assert_eq!(*dialogs.opened.lock().unwrap(), vec![file.clone()]);

    // The same file again: asked first; "Quay lại" leaves it as it was.
    std::fs::write(&file, b"not a workbook").unwrap();
    answer(&dialogs, Some(&file));
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    assert!(app.roster.export.confirm_replace.is_some());
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("no");
    });
    assert_eq!(std::fs::read(&file).unwrap(), b"not a workbook");
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    act(&mut app, |ui| {
        ui.click("Ghi đè").expect("replace");
    });
    assert_eq!(sheet_rows(&file, "Toàn xã").len(), current);

    // Citizen IDs are masked unless the clerk ticks "Ghi đủ số CCCD".
    let ids = ["066185001234".to_string()];
    {
        let mut store = lock(&app.db);
        let first = store.members(&MemberQuery::default()).unwrap()[0].clone();
        let mut person = first.person;
        person.citizen_id = Some(ids[0].clone());
        store.update_person(&person).unwrap();
    }
    let column = |file: &Path| -> Vec<String> {
        sheet_rows(file, "Toàn xã")
            .iter()
            .map(|r| r[8].to_string())
            .collect()
    };
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    act(&mut app, |ui| {
        ui.click("Ghi đè").expect("replace");
    });
    assert!(ids.iter().all(|id| !column(&file).contains(id)), "masked");
    let full = dir.path().join("đủ.xlsx");
    answer(&dialogs, Some(&full));
    act(&mut app, |ui| {
        ui.click("Ghi đủ số CCCD").expect("the full-ID box");
    });
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    assert!(ids.iter().all(|id| column(&full).contains(id)), "in full");
}

#[test]
fn with_no_dialog_the_suggested_place_is_offered_and_never_replaces() {
    let (mut app, _dialogs, dir) = app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let mut written = Vec::new();
    for _ in 0..2 {
        act(&mut app, |ui| {
            ui.click("Xuất Excel").expect("the export button");
        });
        let offered = app.roster.export.offer.clone().expect("a place offered");
        assert_eq!(offered.parent(), Some(dir.path()));
        let name = offered.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("Danh-sach-thanh-vien-") && name.ends_with(".xlsx"),
            "{name}"
        );
        assert!(
            !offered.exists(),
            "nothing written before the clerk says so"
        );
        act(&mut app, |ui| {
            ui.click("Lưu vào đây").expect("save here");
        });
        assert!(offered.is_file(), "{:?}", app.roster.export.error);
        written.push(offered);
    }
    // The second took a new name beside the first.
    assert_ne!(written[0], written[1]);
    // What was written makes way for what the clerk does next.
    assert!(app.roster.export.notice.is_some());
    act(&mut app, |ui| {
        ui.click(iced::widget::Id::new("roster_search"))
            .expect("search");
        ui.typewrite("ngoc");
    });
    assert!(app.roster.export.notice.is_none());
    // An offered place can be turned down: nothing is written, the line is the
    // roster's again.
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("the export button");
    });
    assert!(app.roster.export.offer.is_some());
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("not now");
    });
    assert!(app.roster.export.offer.is_none() && !app.roster.export.speaks());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn activities_progress_and_report_tables_export_what_the_screen_shows() {
    let (mut app, dialogs, dir) = app();

    // Activities: every activity of the filter, not only the page shown.
    let log = dir.path().join("nhật ký.xlsx");
    answer(&dialogs, Some(&log));
    send(&mut app, [Message::Navigate(Screen::Activities)]);
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("activities export");
    });
    assert!(log.is_file(), "{:?}", app.activities.export.error);
    let all = lock(&app.db)
        .count_activities(&ActivityQuery {
            commune_id: app.activities.lists.commune_id,
            ..Default::default()
        })
        .unwrap();
    assert!(all > 50, "the demo has a year of activities: {all}");
    assert_eq!(sheet_rows(&log, "Nhật ký hoạt động").len(), all);

    // Progress of the period shown.
    let progress = dir.path().join("tiến độ.xlsx");
    answer(&dialogs, Some(&progress));
    send(&mut app, [Message::Navigate(Screen::Progress)]);
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("progress export");
    });
    assert!(progress.is_file(), "{:?}", app.progress.export.error);
    let lines = app.progress.figures.as_ref().unwrap().lines.len();
    let rows = sheet_rows(&progress, &sheet_names(&progress)[0]);
    assert!(
        rows.len() >= lines && lines > 0,
        "{} rows, {lines}",
        rows.len()
    );

    // The tables of the report being written.
    let tables = dir.path().join("bảng báo cáo.xlsx");
    answer(&dialogs, Some(&tables));
    send(&mut app, [Message::Navigate(Screen::Reports)]);
    act(&mut app, |ui| {
        ui.click("Xuất Excel").expect("report export");
    });
    assert!(tables.is_file(), "{:?}", app.reports.export.error);
    assert!(!sheet_names(&tables).is_empty());
}

fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn a_decision_is_saved_as_word_beside_its_pdf_and_an_issued_one_from_the_register() {
    let (mut app, _dialogs, dir) = app();
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    act(&mut app, |ui| {
        ui.click("Lưu bản Word (.docx)").expect("save as Word");
    });
    let word = dir.path().join("qd.docx");
    assert!(word.is_file(), "{:?}", app.decision.output.error);
    assert!(!dir.path().join("qd.pdf").exists(), "only the Word copy");
    let xml = docx_text(&word);
    assert!(xml.contains("QUYẾT ĐỊNH"), "the decision's title");
    assert!(xml.contains("Nơi nhận"));
    // A Word copy is opened, not printed from here (the shortcut says why).
    assert!(shows(&app, "Mở tệp"));
    assert!(!shows(&app, "In (Ctrl+Shift+P)"));
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(
                cnscd::app::parts::document_output::Message::Print,
            ),
        )],
    );
    let refused = app.decision.output.error.clone().expect("said why");
    assert!(refused.message(cnscd::domain::Lang::Vi).contains("Lưu PDF"));
    assert!(_dialogs.printed.lock().unwrap().is_empty());
    // Asked before replacing it.
    act(&mut app, |ui| {
        ui.click("Lưu bản Word (.docx)").expect("save as Word");
    });
    assert!(app.decision.output.confirm_replace.is_some());
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("no");
    });

    // Issued, then its Word copy from the register (from the frozen model).
    act(&mut app, |ui| {
        ui.click("Ban hành (vào sổ)").expect("issue");
    });
    let issued = lock(&app.db).issued_decisions(1).unwrap();
    assert_eq!(issued.len(), 1, "{:?}", app.decision.output.error);
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    // The line is far down the form (below the fold of the test's window): the
    // button is there, and its message is sent as a click would. A draft being edited
    // stays unsaved: the copy is of the issued entry, not of the draft.
    assert!(shows(&app, "Bản Word"));
    act(&mut app, |ui| {
        ui.click(iced::widget::Id::new("decision_subject"))
            .expect("subject");
        ui.typewrite("Về việc kiện toàn");
    });
    assert!(app.decision.dirty);
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(
                cnscd::app::parts::document_output::Message::IssuedWord(issued[0].id),
            ),
        )],
    );
    let after: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(after.len(), before + 1, "{after:?}");
    let copy = after
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-ban-word.docx"))
        .expect("the issued copy");
    let number = format!("{}/QĐ-UBND", issued[0].number);
    assert!(docx_text(copy).contains(&number), "{number}");
    assert!(app.decision.dirty, "the draft's edits are still unsaved");
}

#[test]
fn a_team_opens_the_import_assistant_for_itself() {
    let (mut app, _dialogs, _dir) = app();
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    let teams = app.teams.data.teams.clone();
    assert!(teams.len() > 1);
    // The first card's button, clicked.
    act(&mut app, |ui| {
        ui.click("Nhập thành viên từ Excel…")
            .expect("a team's import button");
    });
    assert_eq!(app.screen, Screen::Roster);
    let import = app.roster.import.as_ref().expect("the assistant is open");
    assert_eq!(import.team.as_ref().map(|t| t.id), Some(teams[0].id));
    assert!(shows(&app, "Nhập thành viên từ bảng tính"));
    // Another team's card opens it for that team.
    let last = teams.last().map(|t| (t.id, t.name.clone())).unwrap();
    send(
        &mut app,
        [
            Message::Navigate(Screen::Teams),
            Message::Teams(cnscd::app::screens::teams::Message::ImportMembers(
                last.0,
                last.1.clone(),
            )),
        ],
    );
    let import = app.roster.import.as_ref().expect("the assistant is open");
    assert_eq!(
        import.team.as_ref().map(|t| (t.id, t.name.clone())),
        Some(last.clone())
    );

    // A member half typed on the roster is never thrown away for the assistant.
    send(
        &mut app,
        [
            Message::Roster(cnscd::app::screens::roster::Message::Import(
                cnscd::app::parts::import::Message::Close,
            )),
            Message::Roster(cnscd::app::screens::roster::Message::Add),
        ],
    );
    act(&mut app, |ui| {
        ui.click(iced::widget::Id::new("full_name"))
            .expect("the name field");
        ui.typewrite("Lò Văn Páo");
    });
    assert!(app.roster.unsaved());
    send(
        &mut app,
        [
            Message::Navigate(Screen::Teams),
            Message::Teams(cnscd::app::screens::teams::Message::ImportMembers(
                last.0,
                last.1.clone(),
            )),
        ],
    );
    assert_eq!(app.screen, Screen::Roster);
    assert!(app.roster.import.is_none() && app.roster.unsaved());
    let said = app.roster.notice.clone().expect("says why");
    assert!(said.vi.contains("lưu hoặc đóng"), "{}", said.vi);
}
