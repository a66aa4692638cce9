//! The window as a clerk finds it (issue 12), in iced_test's headless Simulator:
//! messages in a place of their own that never moves the buttons, drop-downs that show
//! their new text after a change.

use crate::common::ui;

use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use iced::Rectangle;
use ui::{act, demo_app, send, settings, shows};

/// Where the text `label` is drawn in the current view.
fn bounds_of(app: &App, label: &str) -> Rectangle {
    let mut ui = iced_test::Simulator::with_settings(settings(), app.view());
    ui.find(label)
        .unwrap_or_else(|_| panic!("{label} is shown"))
        .bounds()
}

/// How many texts of the view read exactly `label`.
fn times_shown(app: &App, label: &str) -> usize {
    let mut ui = iced_test::Simulator::with_settings(settings(), app.view());
    let mut n = 0;
    let _ = ui.find(|c: iced_test::selector::Candidate<'_>| {
        if let iced_test::selector::Candidate::Text { content, .. } = c
            && content == label
        {
            n += 1;
        }
        None::<()>
    });
    n
}

#[test]
fn a_refusal_or_a_notice_never_moves_the_buttons() {
    use cnscd::app::screens::teams::Message as Tm;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    let create = "Lập Tổ cho thôn";
    let add = "Thêm thôn";
    let before = (bounds_of(&app, create), bounds_of(&app, add));

    // A refusal appears…
    act(&mut app, |ui| {
        ui.click(create).expect("create");
    });
    assert!(shows(
        &app,
        "Lỗi: Thôn, ấp, khu phố: cần chọn thôn cho Tổ mới"
    ));
    assert_eq!(
        (bounds_of(&app, create), bounds_of(&app, add)),
        before,
        "a refusal moved the buttons"
    );

    // …then a notice in its place.
    let village = ui::village(&app, "Thôn 3", true);
    send(
        &mut app,
        [
            Message::Teams(Tm::NewTeamVillage(village)),
            Message::Teams(Tm::CreateVillageTeam),
        ],
    );
    assert!(shows(&app, "Đã lập Tổ công nghệ số cộng đồng thôn 3"));
    assert!(!shows(
        &app,
        "Lỗi: Thôn, ấp, khu phố: cần chọn thôn cho Tổ mới"
    ));
    assert_eq!(
        (bounds_of(&app, create), bounds_of(&app, add)),
        before,
        "a notice moved the buttons"
    );
}

#[test]
fn a_notice_goes_once_the_clerk_moves_on() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let add = "Thêm thành viên (Ctrl+N)";
    let before = bounds_of(&app, add);
    app.roster.notice = Some(cnscd::domain::Msg::new("Đã lưu: An", "Saved: An"));
    assert!(shows(&app, "Đã lưu: An"));
    assert_eq!(bounds_of(&app, add), before, "the notice moved the button");
    send(
        &mut app,
        [
            Message::Navigate(Screen::Overview),
            Message::Navigate(Screen::Roster),
        ],
    );
    assert!(!shows(&app, "Đã lưu: An"), "\"Đã lưu\" stays for ever");
}

#[test]
fn drop_downs_show_their_new_text_after_the_language_changes() {
    use cnscd::app::screens::settings::Message as Sm;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    assert!(
        shows(&app, "Mọi vai trò"),
        "the role filter's text is shown"
    );
    send(
        &mut app,
        [
            Message::Navigate(Screen::Settings),
            Message::Settings(Sm::Language(Lang::En)),
        ],
    );
    assert!(shows(
        &app,
        "Automatic: Times New Roman if installed, else the bundled font"
    ));
    assert!(!shows(
        &app,
        "Tự động: Times New Roman nếu máy có, nếu không dùng phông kèm theo"
    ));
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    assert!(shows(&app, "All roles"));
    assert!(!shows(&app, "Mọi vai trò"), "the old text is still drawn");
}

#[test]
fn the_village_picker_is_empty_again_after_a_team_is_set_up() {
    use cnscd::app::screens::teams::Message as Tm;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    let village = ui::village(&app, "Thôn 3", true);
    // "Thôn 3" is in the list of villages; chosen, it is in the picker too.
    let listed = times_shown(&app, "Thôn 3");
    send(&mut app, [Message::Teams(Tm::NewTeamVillage(village))]);
    assert_eq!(
        times_shown(&app, "Thôn 3"),
        listed + 1,
        "the chosen village is shown"
    );
    send(&mut app, [Message::Teams(Tm::CreateVillageTeam)]);
    assert!(shows(&app, "Chọn thôn chưa có Tổ"), "the picker asks again");
    assert_eq!(
        times_shown(&app, "Thôn 3"),
        listed,
        "the village that has its team now is still drawn in the picker"
    );
}

#[test]
fn a_saved_decision_is_sent_to_the_printer_or_the_clerk_is_told_why_not() {
    use cnscd::app::parts::dialogs::Scripted;
    let dialogs = Scripted::new(None);
    let (mut app, dir) = ui::demo_app_with(dialogs.clone());
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    act(&mut app, |ui| {
        ui.click("Lưu PDF (Ctrl+P)").expect("save");
    });
    let file = dir.path().join("qd.pdf");
    assert!(file.exists(), "{:?}", app.decision.output.error);
    act(&mut app, |ui| {
        ui.click("In (Ctrl+Shift+P)").expect("print");
    });
    assert_eq!(
        *dialogs.printed.lock().unwrap(),
        std::slice::from_ref(&file)
    );
    assert!(shows(
        &app,
        &format!("Đã gửi tới máy in: {}", file.display())
    ));

    // No printer: said, in the clerk's language; the file stays to be opened.
    *dialogs.no_printer.lock().unwrap() = true;
    act(&mut app, |ui| {
        ui.click("In (Ctrl+Shift+P)").expect("print");
    });
    assert!(shows(
        &app,
        "Lỗi: Máy này chưa có máy in hoặc lệnh in (lp, lpr)."
    ));
    // No viewer either: said so, with the folder the file is in.
    *dialogs.no_viewer.lock().unwrap() = true;
    act(&mut app, |ui| {
        ui.click("Mở tệp PDF").expect("open");
    });
    assert!(shows(
        &app,
        &format!(
            "Lỗi: Máy chưa có chương trình xem PDF. Tệp đã lưu trong thư mục {}",
            dir.path().display()
        )
    ));
}

#[test]
fn a_file_dialog_that_does_not_open_says_the_path_can_be_typed() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    act(&mut app, |ui| {
        ui.click("Chọn nơi lưu…").expect("browse");
    });
    assert!(shows(
        &app,
        "Chưa chọn nơi lưu. Nếu hộp chọn tệp không hiện ra, hãy gõ đường dẫn vào ô “Lưu vào” rồi bấm Lưu PDF."
    ));
    // Files are never suggested in a temporary folder.
    let suggested = std::path::PathBuf::from(&app.decision.output.out_path);
    assert!(
        !suggested.starts_with(std::env::temp_dir()),
        "{suggested:?}"
    );
}

/// The decision screen at 1280×800, as a clerk's window shows it.
fn decision_at_1280x800(app: &App) -> iced_test::Simulator<'_, Message> {
    iced_test::Simulator::with_size(settings(), (1280.0, 800.0), app.view())
}

#[test]
fn the_preview_shows_a_whole_page_at_fit_page_and_zooms_scrolls_and_turns_pages() {
    use cnscd::app::parts::document_output::{Message as O, PREVIEW_ID};
    use cnscd::app::parts::preview::Zoom;
    use iced::keyboard::key::Named;
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Decision)]);
    let laid = app
        .decision
        .output
        .laid
        .clone()
        .expect("the preview is laid out");
    assert!(laid.pages.len() >= 2, "the demo decision has an annex page");
    assert_eq!(app.decision.output.zoom, Zoom::FitPage, "fit page first");

    {
        let mut ui = decision_at_1280x800(&app);
        let place = ui
            .find(iced::widget::Id::new(PREVIEW_ID))
            .expect("the preview");
        let bounds = place.bounds();
        assert_eq!(
            place.visible_bounds(),
            Some(bounds),
            "the preview reaches out of the window"
        );
        // The whole page is drawn inside what the window shows.
        let page = &laid.pages[0];
        let canvas = iced::Size::new(bounds.width, bounds.height - 40.0);
        let scale = Zoom::FitPage.scale(page.width, page.height, canvas);
        assert!(page.height * scale <= canvas.height && page.width * scale <= canvas.width);
        assert!(
            page.height * scale > 0.8 * canvas.height,
            "the page fills the height"
        );
        assert!(shows(&app, &format!("Trang 1 / {}", laid.pages.len())));

        // The screenshot the README shows (kept under target/ by the test run).
        let shot = ui.snapshot(&iced::Theme::Light).expect("a snapshot");
        // iced_test names the file after the renderer too: decision-1280x800-tiny-skia.png.
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        let png = dir.join("decision-1280x800.png");
        let written = |e: &std::fs::DirEntry| {
            e.file_name()
                .to_string_lossy()
                .starts_with("decision-1280x800-")
        };
        for e in std::fs::read_dir(dir).unwrap().flatten().filter(written) {
            std::fs::remove_file(e.path()).unwrap();
        }
        assert!(shot.matches_image(&png).unwrap());
        assert!(
            std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .any(|e| written(&e)),
            "the screenshot was written"
        );
    }

    // Fit width, then zoom steps from the printed size.
    act(&mut app, |ui| {
        ui.click("Vừa chiều rộng").expect("fit width");
    });
    assert_eq!(app.decision.output.zoom, Zoom::FitWidth);
    let out = |m: O| Message::Decision(cnscd::app::screens::decision::Message::Output(m));
    send(&mut app, [out(O::ZoomStep(true))]);
    assert_eq!(app.decision.output.zoom, Zoom::Percent(125));
    assert!(shows(&app, "125 %"));
    send(&mut app, [out(O::ZoomStep(false)), out(O::ZoomStep(false))]);
    assert_eq!(app.decision.output.zoom, Zoom::Percent(90));

    // PageDown scrolls to the page's end, then turns to the next page; PageUp back.
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(O::Zoom(Zoom::FitPage)),
        )],
    );
    act(&mut app, |ui| {
        ui.tap_key(Named::PageDown);
    });
    assert_eq!(
        app.decision.output.page, 1,
        "PageDown at fit page turns the page"
    );
    assert!(shows(&app, &format!("Trang 2 / {}", laid.pages.len())));
    act(&mut app, |ui| {
        ui.tap_key(Named::PageUp);
    });
    assert_eq!(app.decision.output.page, 0);
}

#[test]
fn a_click_on_a_drop_down_s_text_reaches_the_list_under_it() {
    let mut app = demo_app();
    send(&mut app, [Message::Navigate(Screen::Roster)]);
    let shown = bounds_of(&app, "Mọi vai trò");
    let mut ui = iced_test::Simulator::with_settings(settings(), app.view());
    // Nothing else is under the text: only the list opening takes the click. (The
    // Simulator cannot lay out the menu that opens, so choosing is not clicked here.)
    ui.point_at(shown.center());
    let status = ui.simulate(iced_test::simulator::click());
    assert_eq!(status.first(), Some(&iced::event::Status::Captured));
}
