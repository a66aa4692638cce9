//! The e-office way in the window: the commune's usual way set in Settings puts "Bản
//! chờ cấp số" first; the draft is written and waits in the register with its fields
//! to copy; the number and date the văn thư gave are recorded; the signed PDF is
//! attached and marked kept.

use crate::common::ui;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::parts::document_output::Message as D;
use cnscd::app::screens::decision::Message as Q;
use cnscd::app::{Message, Screen};
use cnscd::office::decisions::Way;
use ui::{act, send, shows};

fn out(m: D) -> Message {
    Message::Decision(Q::Output(m))
}

#[test]
fn a_decision_is_drafted_for_numbering_numbered_and_its_signed_copy_kept() {
    let (mut app, dir) = ui::demo_app_with(Scripted::new(None));
    app.folder = dir.path().to_path_buf();
    // The commune issues in the e-office: that way is offered first.
    send(
        &mut app,
        [
            Message::Navigate(Screen::Settings),
            Message::Settings(cnscd::app::screens::settings::Message::Way(true)),
            Message::Navigate(Screen::Decision),
        ],
    );
    assert!(app.decision.output.eoffice_first);
    act(&mut app, |ui| {
        ui.click("Bản chờ cấp số (ký số)").expect("the first way");
    });
    let o = &app.decision.output;
    assert!(o.error.is_none(), "{:?}", o.error);
    let written = o.saved.clone().expect("written");
    assert!(
        written.to_string_lossy().ends_with("-cho-cap-so.pdf"),
        "{written:?}"
    );
    assert!(written.is_file());
    let meta = o.meta.as_ref().expect("the fields to copy");
    assert_eq!(meta.so_ky_hieu, "…/QĐ-UBND");
    assert!(shows(&app, "Thông tin nhập vào hệ thống văn bản điện tử"));
    let waiting = o
        .register
        .iter()
        .find(|r| r.way == Way::Waiting)
        .expect("waiting");
    let draft = waiting.id;
    assert!(
        waiting.line.starts_with("Chờ cấp số — "),
        "{}",
        waiting.line
    );
    // The number and date the văn thư gave.
    // (The register is at the foot of the form: its button, as clicked.)
    send(&mut app, [out(D::SigningAsk(draft, true))]);
    assert!(shows(
        &app,
        "Số, ngày văn thư đã cấp trên hệ thống văn bản điện tử"
    ));
    let today = chrono::Local::now().date_naive();
    send(
        &mut app,
        [
            out(D::SigningNumber("15".into())),
            out(D::SigningDate(cnscd::domain::vndate::short(today))),
            out(D::SigningConfirm),
        ],
    );
    let o = &app.decision.output;
    assert!(o.error.is_none(), "{:?}", o.error);
    let entry = o
        .register
        .iter()
        .find(|r| r.number == 15)
        .expect("registered");
    assert_eq!(entry.way, Way::Eoffice { signed: false });
    assert!(
        !o.register
            .iter()
            .any(|r| r.way == Way::Waiting && r.id == draft)
    );
    let id = entry.id;
    // The signed copy attached (here the program's own print of the entry).
    let signed = dir.path().join("da-ky.pdf");
    {
        let store = cnscd::app::lock(&app.db);
        cnscd::office::decisions::reprint(
            &store,
            id,
            &cnscd::office::output::Target::new(&signed),
            &cnscd::render::Fonts::bundled(),
        )
        .unwrap();
    }
    send(
        &mut app,
        [
            out(D::SigningAsk(id, false)),
            out(D::SigningFile(signed.display().to_string())),
            out(D::SigningConfirm),
        ],
    );
    let o = &app.decision.output;
    assert!(o.error.is_none(), "{:?}", o.error);
    let entry = o
        .register
        .iter()
        .find(|r| r.id == id && r.way != Way::Waiting)
        .unwrap();
    assert_eq!(entry.way, Way::Eoffice { signed: true });
    assert!(shows(
        &app,
        "Bản đã ký: đã giữ (In lại cho ra đúng bản này)"
    ));
}

#[test]
fn the_number_and_date_are_read_from_the_signed_copy_for_the_clerk_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let signed = dir.path().join("da-ky.pdf");
    let (mut app, tmp) = ui::demo_app_with(Scripted::new(Some(signed.clone())));
    app.folder = tmp.path().to_path_buf();
    send(
        &mut app,
        [Message::Navigate(Screen::Decision), out(D::ForNumbering)],
    );
    let draft = app
        .decision
        .output
        .register
        .iter()
        .find(|r| r.way == Way::Waiting)
        .expect("waiting")
        .id;
    // The e-office's signed copy: the draft numbered 21 and dated today.
    let today = chrono::Local::now().date_naive();
    {
        let store = cnscd::app::lock(&app.db);
        let d = store.numbering_draft(draft).unwrap();
        let model = cnscd::document::numbering::numbered(&d.model, 21, today).unwrap();
        let (_, bytes) =
            cnscd::office::decisions::pdf(&model, &cnscd::render::Fonts::bundled()).unwrap();
        std::fs::write(&signed, bytes).unwrap();
    }
    send(
        &mut app,
        [
            out(D::SigningAsk(draft, true)),
            out(D::SigningDate(String::new())),
            out(D::SigningBrowse),
        ],
    );
    let f = app.decision.output.signing.clone().expect("the form");
    assert_eq!(f.number, "21");
    assert_eq!(f.date, cnscd::domain::vndate::short(today));
    assert!(
        app.decision
            .output
            .notice
            .as_ref()
            .unwrap()
            .vi
            .contains("hãy kiểm tra"),
        "said to check"
    );
    send(&mut app, [out(D::SigningConfirm)]);
    let o = &app.decision.output;
    assert!(o.error.is_none(), "{:?}", o.error);
    let entry = o
        .register
        .iter()
        .find(|r| r.number == 21)
        .expect("registered");
    assert_eq!(entry.way, Way::Eoffice { signed: true });
}
