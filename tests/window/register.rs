//! The number is the văn thư's: typed, kept through every rebuild, issued as typed; a
//! number already in the register warns (and is never replaced); a wrong issued
//! decision is voided and kept; an existing file is replaced only when the clerk says so.

use crate::common::pdf;
use crate::common::ui;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{Message, Screen};
use iced::keyboard::key::Named;
use iced::widget::Id;
use iced_test::Simulator;
use ui::{act, send, shows};

/// Empties a text field and types `text` into it, as the clerk would.
fn retype(ui: &mut Simulator<'_, Message>, id: &'static str, text: &str) {
    ui.click(Id::new(id)).expect("the field");
    ui.tap_key(Named::End);
    for _ in 0..20 {
        ui.tap_key(Named::Backspace);
    }
    ui.typewrite(text);
}

#[test]
fn the_typed_number_is_issued_a_used_one_warns_and_voiding_keeps_the_entry() {
    let (mut app, dir) = ui::demo_app_with(Scripted::new(None));
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    let out = dir.path().join("qd.pdf");
    act(&mut app, |ui| retype(ui, "decision_number", "15"));
    act(&mut app, |ui| retype(ui, "decision_date", "15/03/2022"));
    act(&mut app, |ui| {
        ui.click(Id::new("decision_subject")).expect("subject");
        ui.typewrite("Về việc kiện toàn Tổ công nghệ số cộng đồng xã");
    });
    assert_eq!(app.decision.number, "15", "kept through every rebuild");
    assert!(app.decision.preview_text().contains("Số: 15/QĐ-UBND"));

    act(&mut app, |ui| {
        ui.click("Ban hành (vào sổ)").expect("issue");
    });
    let register = cnscd::app::lock(&app.db).issued_decisions(1).unwrap();
    assert_eq!(register.len(), 1, "{:?}", app.decision.output.error);
    assert_eq!((register[0].number, register[0].year), (15, 2022));
    let text = pdf::tool("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(text.contains("Số: 15/QĐ-UBND"), "{text}");
    assert!(text.contains("ngày 15 tháng 3 năm 2022"), "{text}");
    // The next draft starts from today (issue 20: nothing of the decision just issued
    // is offered again), with the next free number of today's year.
    let today = cnscd::domain::vndate::short(chrono::Local::now().date_naive());
    assert_eq!(app.decision.date, today);
    assert!(app.decision.subject.is_empty());
    assert_eq!(app.decision.number, "1");
    // Back in 2022, the next free number is 16.
    act(&mut app, |ui| retype(ui, "decision_date", "15/03/2022"));
    assert_eq!(app.decision.number, "16");

    // Typing the used number again warns; the number stays as typed.
    act(&mut app, |ui| retype(ui, "decision_number", "15"));
    assert_eq!(app.decision.number, "15");
    assert!(shows(
        &app,
        "Số 15/QĐ-UBND năm 2022 đã có trong sổ; số trống tiếp theo là 16"
    ));
    // Issuing it anyway is refused, naming the field; nothing more is registered.
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(
                cnscd::app::parts::document_output::Message::OutPath(
                    dir.path().join("lan-hai.pdf").display().to_string(),
                ),
            ),
        )],
    );
    act(&mut app, |ui| {
        ui.click("Ban hành (vào sổ)").expect("issue");
    });
    let e = app.decision.output.error.clone().expect("refused");
    assert!(
        e.message(cnscd::domain::Lang::Vi)
            .starts_with("Số văn bản:"),
        "{e}"
    );
    assert_eq!(
        cnscd::app::lock(&app.db).issued_decisions(1).unwrap().len(),
        1
    );
    assert!(!dir.path().join("lan-hai.pdf").exists());

    // Voiding asks for the reason and keeps the entry, marked. (The register is at the
    // foot of the scrolled form: its "Hủy bỏ…" button is pressed by its message.)
    assert!(shows(&app, "Hủy bỏ…"));
    let id = app.decision.output.register[0].id;
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(
                cnscd::app::parts::document_output::Message::VoidAsk(id),
            ),
        )],
    );
    act(&mut app, |ui| {
        ui.click("Xác nhận hủy").expect("confirm");
    });
    let e = app
        .decision
        .output
        .error
        .clone()
        .expect("a reason is needed");
    assert!(
        e.message(cnscd::domain::Lang::Vi).starts_with("Lý do:"),
        "{e}"
    );
    act(&mut app, |ui| {
        ui.click(Id::new("void_reason")).expect("reason");
        ui.typewrite("Ghi sai ngày ký");
        ui.tap_key(Named::Enter);
    });
    let register = cnscd::app::lock(&app.db).issued_decisions(1).unwrap();
    assert_eq!(register.len(), 1, "nothing deleted");
    assert_eq!(register[0].voided.as_ref().unwrap().1, "Ghi sai ngày ký");
    assert!(app.decision.output.register[0].line.contains("ĐÃ HỦY"));
    assert!(app.decision.output.register[0].voided);
}

#[test]
fn an_existing_file_is_replaced_only_when_the_clerk_says_so() {
    let (mut app, dir) = ui::demo_app_with(Scripted::new(None));
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    let out = dir.path().join("qd.pdf");
    std::fs::write(&out, b"a letter the clerk keeps").unwrap();
    act(&mut app, |ui| {
        ui.click("Lưu PDF (Ctrl+P)").expect("save");
    });
    assert!(shows(&app, "Ghi đè"), "asked first");
    assert_eq!(std::fs::read(&out).unwrap(), b"a letter the clerk keeps");
    // "Back" keeps the file.
    act(&mut app, |ui| {
        ui.click("Quay lại").expect("no");
    });
    assert_eq!(std::fs::read(&out).unwrap(), b"a letter the clerk keeps");
    act(&mut app, |ui| {
        ui.click("Lưu PDF (Ctrl+P)").expect("save");
    });
    act(&mut app, |ui| {
        ui.click("Ghi đè").expect("replace");
    });
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert!(!app.unsaved());
}

#[test]
fn the_ticks_belong_to_the_draft_and_bases_out_of_force_are_warned_edited_or_retired() {
    use cnscd::app::screens::decision::Message as D;
    use cnscd::store::LibraryKind;
    let (mut app, _dir) = ui::demo_app_with(Scripted::new(None));
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    send(&mut app, [Message::Decision(D::Date("20/11/2026".into()))]);
    let bases = app.decision.library.as_ref().unwrap().bases.clone();
    let law = bases
        .iter()
        .position(|b| {
            b.text
                .contains("Luật Tổ chức chính quyền địa phương ngày 19/6/2015")
        })
        .expect("the 2015 law");
    assert!(!bases[law].chosen, "not in force on 20/11/2026");
    assert!(shows(
        &app,
        "⚠ hết hiệu lực từ sau ngày 15/06/2025; thay bằng Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
    ));
    assert!(!app.decision.preview_text().contains("19/6/2015"));
    // Ticking it anyway belongs to this draft: the library is unchanged, and the tick
    // survives the screen being read again.
    let before = cnscd::app::lock(&app.db)
        .library(1, LibraryKind::LegalBasis)
        .unwrap();
    send(&mut app, [Message::Decision(D::Base(law, true))]);
    send(
        &mut app,
        [
            Message::Navigate(Screen::Overview),
            Message::Navigate(Screen::Decision),
        ],
    );
    assert!(app.decision.library.as_ref().unwrap().bases[law].chosen);
    let stored = cnscd::app::lock(&app.db)
        .library(1, LibraryKind::LegalBasis)
        .unwrap();
    assert_eq!(stored, before, "the library's own ticks are untouched");

    // An entry is corrected in place, and another taken out of the list.
    let id = bases[law].id;
    send(
        &mut app,
        [
            Message::Decision(D::EditEntry(id)),
            Message::Decision(D::EntryText(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025".into(),
            )),
            Message::Decision(D::SaveEntry),
        ],
    );
    let stored = cnscd::app::lock(&app.db)
        .library(1, LibraryKind::LegalBasis)
        .unwrap();
    let edited = stored.iter().find(|b| b.id == id).unwrap();
    assert!(edited.text.ends_with("ngày 16 tháng 6 năm 2025"));
    assert!(
        edited
            .facts
            .offered_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    );
    let last = stored.last().unwrap().id;
    send(&mut app, [Message::Decision(D::Retire(last))]);
    let after = cnscd::app::lock(&app.db)
        .library(1, LibraryKind::LegalBasis)
        .unwrap();
    assert_eq!(after.len(), stored.len() - 1);
    assert!(
        app.decision
            .library
            .as_ref()
            .unwrap()
            .bases
            .iter()
            .all(|b| b.id != last)
    );
}
