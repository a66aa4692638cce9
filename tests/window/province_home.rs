//! A province's database in the window: the first-run choice “Sở KH&CN / UBND tỉnh”,
//! its Overview taking the communes' sheets in (a preview, a refused sheet left out,
//! then all at once; a file dropped on the window), its Communes with their figures
//! and history, its Reports (preview, PDF, the workbook with its chart by commune),
//! its Targets, and its card in Settings.

use std::path::{Path, PathBuf};

use crate::common::ui;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::screens::province::{self, Screen as P};
use cnscd::app::screens::setup;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::{Lang, units};
use cnscd::office::province::{IndicatorFigures, ProvinceFigures, Status};
use cnscd::store::Store;
use ui::{act, send, settle, shows};

/// A sheet's figures for a commune (the period: the month just ended).
fn figures(u: &units::Unit, period: &str, n: i64) -> ProvinceFigures {
    ProvinceFigures {
        code: u.code,
        unit: u.full_name.to_string(),
        province: u.province_full.to_string(),
        period: period.to_string(),
        report_number: format!("{n:02}/BC-UBND"),
        report_date: None,
        teams: Some(n),
        members: Some(10 * n),
        leaders: Some(n),
        deputies: Some(n),
        others: Some(8 * n),
        kinds: vec![("Họp Tổ".into(), Some(n))],
        activities: Some(5 * n),
        people: Some(100 * n),
        households: None,
        indicators: cnscd::domain::indicator::catalogue()
            .into_iter()
            .map(|c| IndicatorFigures {
                code: c.code,
                name: c.name,
                unit: c.unit,
                period: Some(n),
                cumulative: Some(10 * n),
                base: Some(100),
                share: Some(10.0 * n as f64),
                target: Some(80.0),
            })
            .collect(),
        texts: [format!("Khó khăn {n}"), String::new(), String::new()],
    }
}

fn sheet(dir: &Path, f: &ProvinceFigures, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, cnscd::office::province::sheet_bytes(f, false).unwrap()).unwrap();
    p
}

fn home(app: &App) -> &province::Home {
    app.province.as_ref().expect("a province's screens")
}

#[test]
fn a_province_is_set_up_takes_sheets_in_and_reports_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tinh.db")).unwrap();
    let out = dir.path().join("bang-tinh.xlsx");
    let dialogs = Scripted::new(Some(out.clone()));
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, dialogs.clone());
    settle(&mut app, task);
    app.folder = dir.path().join("van-ban");
    assert_eq!(app.screen, Screen::Setup);
    // The first run offers the province beside the commune.
    act(&mut app, |ui| {
        ui.click("Sở KH&CN / UBND tỉnh").unwrap();
    });
    assert_eq!(app.setup.home, setup::Home::Province);
    assert!(shows(&app, "Chọn tỉnh, thành phố"));
    // Saving without a province names what is missing.
    send(&mut app, [Message::Setup(setup::Message::SaveProvince)]);
    assert!(app.setup.error.is_some());
    let lam_dong = units::provinces()
        .into_iter()
        .find(|(_, n)| n.contains("Lâm Đồng"))
        .unwrap();
    send(
        &mut app,
        [
            Message::Setup(setup::Message::Province(lam_dong)),
            Message::Setup(setup::Message::SaveProvince),
        ],
    );
    assert_eq!(app.screen, Screen::Province(P::Overview));
    assert_eq!(home(&app).code, lam_dong.0);
    for nav in ["Các xã, phường", "Giao chỉ tiêu", "Báo cáo", "Cài đặt"] {
        assert!(shows(&app, nav), "{nav} in the sidebar");
    }
    assert!(!shows(&app, "Danh sách thành viên"), "no commune screens");
    let total = home(&app).overview.lines.len();
    let of_province: Vec<&units::Unit> = units::all()
        .iter()
        .filter(|u| u.province_code == lam_dong.0)
        .collect();
    assert_eq!(total, of_province.len());
    assert!(
        home(&app)
            .overview
            .lines
            .iter()
            .all(|l| l.status == Status::Missing)
    );

    // Two sheets of its communes and one of another province's.
    let period = home(&app).overview.period.clone();
    let a = sheet(dir.path(), &figures(of_province[0], &period, 1), "a.xlsx");
    let b = sheet(dir.path(), &figures(of_province[1], &period, 2), "b.xlsx");
    let other = units::all()
        .iter()
        .find(|u| u.province_code != lam_dong.0)
        .unwrap();
    let c = sheet(dir.path(), &figures(other, &period, 3), "c.xlsx");
    use province::overview::Message as O;
    let o = |m| Message::Province(province::Message::Overview(m));
    send(
        &mut app,
        [o(O::Picked(vec![a.clone(), b.clone(), c.clone()]))],
    );
    let previews = home(&app).overview.previews.as_ref().expect("a preview");
    assert_eq!(previews.len(), 3);
    assert!(
        shows(&app, "Bỏ các tệp bị từ chối"),
        "the refused one named, none taken"
    );
    assert!(
        home(&app)
            .overview
            .lines
            .iter()
            .all(|l| l.status == Status::Missing),
        "nothing taken in by the preview"
    );
    send(&mut app, [o(O::DropRefused)]);
    assert_eq!(home(&app).overview.files, vec![a.clone(), b.clone()]);
    send(&mut app, [o(O::TakeIn)]);
    let said = home(&app)
        .overview
        .notice
        .as_ref()
        .expect("said")
        .vi
        .clone();
    assert!(said.starts_with("Đã nhận 2 biểu"), "{said}");
    let sent = home(&app)
        .overview
        .lines
        .iter()
        .filter(|l| l.status != Status::Missing)
        .count();
    assert_eq!(sent, 2);
    // The same file again is refused: never counted twice.
    send(&mut app, [o(O::Picked(vec![a.clone()]))]);
    let again = home(&app).overview.previews.as_ref().unwrap()[0].reasons(Lang::Vi);
    assert!(again[0].contains("không tính hai lần"), "{again:?}");
    send(&mut app, [o(O::Clear)]);
    // A file dropped on the window goes to the Overview's list.
    send(
        &mut app,
        [
            Message::Navigate(Screen::Province(P::Targets)),
            Message::FileDropped(c.clone()),
        ],
    );
    assert_eq!(app.screen, Screen::Province(P::Overview));
    assert_eq!(home(&app).overview.files, vec![c.clone()]);

    // Communes: the figures of each sheet, the history of one.
    send(&mut app, [Message::Navigate(Screen::Province(P::Communes))]);
    let first = home(&app)
        .communes
        .lines
        .iter()
        .find(|l| l.code == of_province[0].code)
        .unwrap();
    assert_eq!(first.figures.as_ref().unwrap().activities, Some(5));
    use province::communes::Message as C;
    let cm = |m| Message::Province(province::Message::Communes(m));
    send(&mut app, [cm(C::Choose(of_province[0].code))]);
    assert_eq!(home(&app).communes.history.len(), 1);
    assert_eq!(home(&app).communes.history[0].file_name, "a.xlsx");
    // Found without accents.
    let folded = cnscd::domain::text::fold(of_province[1].full_name);
    send(&mut app, [cm(C::Search(folded))]);
    assert!(shows(&app, &format!("Đang hiện 1 / {total}")));

    // Reports: the preview names both communes and the missing; the PDF; the workbook.
    send(&mut app, [Message::Navigate(Screen::Province(P::Reports))]);
    let text = home(&app).reports.preview_text();
    assert!(text.contains("BÁO CÁO"), "{text}");
    assert!(text.contains("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), "{text}");
    assert!(shows(&app, "Ban hành (vào sổ)"));
    assert!(
        !shows(&app, "Bản chờ cấp số (ký số)"),
        "no draft for the e-office here"
    );
    use cnscd::app::parts::document_output::Message as D;
    use province::reports::Message as R;
    let r = |m| Message::Province(province::Message::Reports(m));
    let pdf = dir.path().join("bc-tinh.pdf");
    send(
        &mut app,
        [
            r(R::Output(D::OutPath(pdf.display().to_string()))),
            r(R::Output(D::Save)),
        ],
    );
    assert!(pdf.exists(), "{:?}", home(&app).reports.output.error);
    // Issued into the province's register, listed under the form.
    let issued = dir.path().join("bc-ban-hanh.pdf");
    send(
        &mut app,
        [
            r(R::Output(D::OutPath(issued.display().to_string()))),
            r(R::Output(D::Issue)),
        ],
    );
    let o = &home(&app).reports.output;
    assert!(o.error.is_none(), "{:?}", o.error);
    assert!(issued.exists());
    assert_eq!(o.register.len(), 1);
    assert!(
        o.register[0].line.starts_with("01/BC-SKHCN ngày"),
        "{}",
        o.register[0].line
    );
    send(
        &mut app,
        [r(R::Export(cnscd::app::parts::export::Message::Ask))],
    );
    assert!(out.exists(), "{:?}", home(&app).reports.export.error);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    assert!(
        zip.by_name("xl/charts/chart1.xml").is_ok(),
        "the chart by commune"
    );

    // Targets: one for all, one commune's own.
    use province::targets::Message as T;
    let t = |m| Message::Province(province::Message::Targets(m));
    send(&mut app, [Message::Navigate(Screen::Province(P::Targets))]);
    send(&mut app, [t(T::Value(0, "150".into())), t(T::SaveAll(0))]);
    let first_percent = home(&app).targets.lines[0].percent;
    if first_percent {
        assert!(home(&app).targets.error.is_some(), "150 % refused");
    }
    send(&mut app, [t(T::Value(0, "85".into())), t(T::SaveAll(0))]);
    assert_eq!(home(&app).targets.lines[0].all, Some(85.0));
    send(
        &mut app,
        [
            t(T::Commune((of_province[0].code, of_province[0].full_name))),
            t(T::Indicator(0)),
            t(T::Own("90".into())),
            t(T::SaveOwn),
        ],
    );
    assert_eq!(home(&app).targets.lines[0].own.len(), 1);

    // Settings: the province's card; the UBND tỉnh issues from now on.
    send(&mut app, [Message::Navigate(Screen::Settings)]);
    assert!(shows(&app, "Ủy ban nhân dân tỉnh"));
    send(
        &mut app,
        [Message::Settings(
            cnscd::app::screens::settings::Message::Ubnd(true),
        )],
    );
    assert_eq!(
        cnscd::app::lock(&app.db)
            .province_home()
            .unwrap()
            .unwrap()
            .1,
        "ubnd"
    );
    send(&mut app, [Message::Navigate(Screen::Province(P::Reports))]);
    assert!(
        home(&app)
            .reports
            .preview_text()
            .contains("ỦY BAN NHÂN DÂN")
    );
}

#[test]
fn a_province_s_database_opens_on_its_own_screens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinh.db");
    let mut store = Store::open(&path).unwrap();
    let code = units::provinces()[0].0;
    cnscd::office::province::set_home(&mut store, code, "so").unwrap();
    drop(store);
    let app = ui::started(&path, Lang::En);
    assert_eq!(app.screen, Screen::Province(P::Overview));
    assert!(shows(&app, "Communes"));
    assert!(shows(&app, "Take the communes' sheets in"));
    assert!(app.title().contains("province"));
}
