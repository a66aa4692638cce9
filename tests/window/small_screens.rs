//! Every screen on a 1366×768 laptop and a 1024×768 screen: no text cut at its side
//! (a drop-down's chosen team, a setting), the forms' buttons inside the window or
//! reachable by scrolling, the pager there.

use crate::common::ui;

use std::collections::HashMap;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use cnscd::store::Store;
use iced_test::selector::Candidate;
use ui::{send, settings, settle};

const SIZES: [(f32, f32); 2] = [(1366.0, 768.0), (1024.0, 768.0)];

/// The demo commune with a buôn of a long Ê-đê name and its team.
fn buon_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    cnscd::office::setup::add_villages(&mut store, "buon", &["Sút M'đưr".to_string()]).unwrap();
    cnscd::office::setup::add_team(&mut store, Some("Sút M'đưr")).unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    app
}

/// The letter sizes the window uses (iced's default 16 among them).
const LETTER_SIZES: [f32; 9] = [11.0, 12.0, 13.0, 14.0, 16.0, 17.0, 20.0, 22.0, 24.0];

/// How wide `content` is on one line at `size`, in the narrower of the window's two
/// faces (so a text is called cut only when even that face would not fit).
fn natural_width(content: &str, size: f32, cache: &mut HashMap<(String, u32), f32>) -> f32 {
    *cache
        .entry((content.to_string(), size.to_bits()))
        .or_insert_with(|| {
            [cnscd::app::UI_FONT, cnscd::app::UI_FONT_STRONG]
                .into_iter()
                .map(|font| {
                    let view: iced::Element<'_, ()> = iced::widget::text(content.to_string())
                        .size(size)
                        .font(font)
                        .wrapping(iced::widget::text::Wrapping::None)
                        .into();
                    let mut ui =
                        iced_test::Simulator::with_size(settings(), (20000.0, 200.0), view);
                    let mut w = f32::MAX;
                    let _ = ui.find(|c: Candidate<'_>| {
                        if let Candidate::Text { bounds, .. } = c {
                            w = bounds.width;
                        }
                        None::<()>
                    });
                    w
                })
                .fold(f32::MAX, f32::min)
        })
}

/// Texts laid out on one line narrower than they are — cut by the box that holds them
/// (a drop-down's chosen item, a label beside a field): (text, its width, the room).
fn cut_texts(
    app: &App,
    size: (f32, f32),
    cache: &mut HashMap<(String, u32), f32>,
) -> Vec<(String, f32, f32)> {
    let mut ui = iced_test::Simulator::with_size(settings(), size, app.view());
    let mut texts = Vec::new();
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = c
            && !content.trim().is_empty()
        {
            texts.push((content.to_string(), bounds.width, bounds.height));
        }
        None::<()>
    });
    // A text's height is some number of lines of its size (1.3 × the size each): it
    // fits when one reading of it does — several lines (it wrapped), or one line as
    // wide as the room; cut when the only readings are one line wider than the room.
    texts
        .into_iter()
        .filter_map(|(content, room, height)| {
            let readings: Vec<(f32, f32)> = LETTER_SIZES
                .iter()
                .filter_map(|s| {
                    let lines = (height / (s * 1.3)).round();
                    (lines >= 1.0 && (height - lines * s * 1.3).abs() < 0.2).then_some((*s, lines))
                })
                .collect();
            let mut widest = 0.0f32;
            let fits = readings.is_empty()
                || readings.iter().any(|(s, lines)| {
                    let natural = natural_width(&content, *s, cache);
                    widest = widest.max(natural);
                    *lines >= 2.0 || natural <= room + 1.0
                });
            (!fits).then_some((content, widest, room))
        })
        .collect()
}

#[test]
fn no_text_is_cut_on_a_small_screen() {
    let mut app = buon_app();
    let mut wrong = Vec::new();
    let mut cache = HashMap::new();
    let screens = [
        Screen::Overview,
        Screen::Teams,
        Screen::Roster,
        Screen::Decision,
        Screen::Activities,
        Screen::Progress,
        Screen::Reports,
        Screen::Settings,
    ];
    for s in screens {
        send(&mut app, [Message::Navigate(s)]);
        for size in SIZES {
            for c in cut_texts(&app, size, &mut cache) {
                wrong.push(format!("{s:?} at {size:?}: {c:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "cut:\n{}", wrong.join("\n"));
}

/// The bounds of the first text `content` shows at `size`.
fn where_is(app: &App, size: (f32, f32), content: &str) -> Option<iced::Rectangle> {
    let mut ui = iced_test::Simulator::with_size(settings(), size, app.view());
    ui.find(content).ok().map(|t| t.bounds())
}

/// Whether `content` shows whole inside a window of `size` (not below its edge, not
/// scrolled out of sight).
fn in_sight(app: &App, size: (f32, f32), content: &str) -> bool {
    let mut ui = iced_test::Simulator::with_size(settings(), size, app.view());
    ui.find(content).ok().is_some_and(|t| {
        t.visible_bounds().is_some_and(|v| {
            v.y >= 0.0 && v.y + v.height <= size.1 && v.height + 0.5 >= t.bounds().height
        })
    })
}

#[test]
fn the_forms_save_buttons_and_long_team_names_show_on_a_small_screen() {
    use cnscd::app::parts::member_form::Message as F;
    use cnscd::app::screens::activities::Message as A;
    use cnscd::app::screens::roster::Message as R;
    let mut cache = HashMap::new();
    for size in SIZES {
        // The member form with its refusals under the fields: Lưu still in sight.
        let mut app = buon_app();
        send(
            &mut app,
            [
                Message::Navigate(Screen::Roster),
                Message::Roster(R::Add),
                Message::Roster(R::Form(F::Save)),
            ],
        );
        assert!(!app.roster.form.as_ref().unwrap().errors.is_empty());
        assert!(
            in_sight(&app, size, "Lưu (Enter)"),
            "member form at {size:?}"
        );
        assert!(cut_texts(&app, size, &mut cache).is_empty(), "{size:?}");
        // The activity form on the buôn's team: its name whole, Lưu in sight.
        let mut app = buon_app();
        send(
            &mut app,
            [
                Message::Navigate(Screen::Activities),
                Message::Activities(A::New),
            ],
        );
        let team = app
            .activities
            .lists
            .teams
            .iter()
            .find(|t| t.name.ends_with("buôn Sút M'đưr"))
            .cloned()
            .unwrap();
        send(&mut app, [Message::Activities(A::FormTeam(team))]);
        assert!(where_is(&app, size, "Tổ CNSCĐ buôn Sút M'đưr").is_some());
        let cut = cut_texts(&app, size, &mut cache);
        assert!(cut.is_empty(), "activity form at {size:?}: {cut:?}");
        assert!(
            in_sight(&app, size, "Lưu (Enter)"),
            "activity form at {size:?}"
        );
        // A team without members keeps the line of who took part, and says why.
        assert!(where_is(&app, size, "Thành viên của Tổ tham gia").is_some());
        assert!(
            where_is(
                &app,
                size,
                "Tổ chưa có thành viên: thêm ở màn hình Thành viên"
            )
            .is_some()
        );
    }
}

#[test]
fn what_is_under_the_pointer_does_not_move() {
    let size = SIZES[0];
    // The Teams card: the village team's button stays where it was once the commune
    // team is set up (the demo has one: a commune without it first).
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = crate::common::one_village_commune(
        dir.path(),
        ("Đắk Lắk", "Cư M'gar", "Y Thông Byă"),
        ("buon", "Sút M'đưr"),
    );
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    send(&mut app, [Message::Navigate(Screen::Teams)]);
    let before = where_is(&app, size, "Lập Tổ cho thôn").unwrap();
    send(
        &mut app,
        [Message::Teams(
            cnscd::app::screens::teams::Message::CreateCommuneTeam,
        )],
    );
    assert!(
        app.teams.data.teams.len() >= 2,
        "the commune team was set up"
    );
    let after = where_is(&app, size, "Lập Tổ cho thôn").unwrap();
    assert!((before.y - after.y).abs() < 0.5, "{before:?} → {after:?}");
    // Progress: every indicator's row as tall, with a bar (a share) or without.
    let mut app = buon_app();
    send(&mut app, [Message::Navigate(Screen::Progress)]);
    let f = app.progress.figures.as_ref().unwrap();
    let names: Vec<String> = f
        .lines
        .iter()
        .map(|line| format!("{} ({})", line.indicator.name, line.indicator.unit))
        .collect();
    assert!(f.lines.iter().any(|l| l.progress.share().is_some()));
    assert!(f.lines.iter().any(|l| l.progress.share().is_none()));
    let ys: Vec<f32> = names
        .iter()
        .map(|n| {
            where_is(&app, (1366.0, 2000.0), n)
                .unwrap_or_else(|| panic!("{n}"))
                .y
        })
        .collect();
    let steps: Vec<f32> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps.iter().all(|s| (s - steps[0]).abs() < 0.5),
        "rows of different heights: {steps:?}"
    );
}

#[test]
fn no_heading_stands_over_nothing_and_an_old_joining_date_is_not_offered_again() {
    // A commune without a team: the Overview says where to set one up.
    let mut store = Store::open_in_memory().unwrap();
    cnscd::office::setup::set_commune(
        &mut store,
        &cnscd::office::setup::CommuneInput {
            province: "Đắk Lắk".into(),
            kind: "xa".into(),
            name: "Cư M'gar".into(),
            chairman: "Y Thông Byă".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    send(&mut app, [Message::Navigate(Screen::Overview)]);
    assert!(ui::shows(
        &app,
        "Chưa có Tổ nào: lập Tổ cấp xã và Tổ của các thôn ở màn hình"
    ));
    // The joining of a member added long ago is not the next one's.
    let mut app = buon_app();
    let join = cnscd::domain::people::JoinInput {
        joined_on: "05/02/2026".into(),
        joined_by: "05/QĐ-UBND".into(),
        ..Default::default()
    };
    let long_ago = std::time::Instant::now()
        .checked_sub(std::time::Duration::from_secs(3 * 3600))
        .unwrap();
    app.roster.last_joining = Some((join.clone(), cnscd::domain::people::Role::Member, long_ago));
    send(
        &mut app,
        [
            Message::Navigate(Screen::Roster),
            Message::Roster(cnscd::app::screens::roster::Message::Add),
        ],
    );
    assert_eq!(app.roster.form.as_ref().unwrap().join.joined_on, "");
    // Added just now: offered again (several from one decision).
    send(
        &mut app,
        [Message::Roster(cnscd::app::screens::roster::Message::Form(
            cnscd::app::parts::member_form::Message::Cancel,
        ))],
    );
    app.roster.last_joining = Some((
        join,
        cnscd::domain::people::Role::Member,
        std::time::Instant::now(),
    ));
    send(
        &mut app,
        [Message::Roster(cnscd::app::screens::roster::Message::Add)],
    );
    assert_eq!(
        app.roster.form.as_ref().unwrap().join.joined_on,
        "05/02/2026"
    );
}
