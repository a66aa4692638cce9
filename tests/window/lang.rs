//! Every text the window shows comes from the translations: walked screen by screen in
//! English, no Vietnamese word shows except data (names of people, places and teams,
//! the library's legal texts, notes — what the database holds as typed); walked in
//! Vietnamese, no sentence of the English interface shows.

use crate::common::ui;

use std::collections::HashSet;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, Screen};
use cnscd::domain::Lang;
use cnscd::store::Store;
use iced_test::selector::Candidate;
use ui::{send, settings, settle};

/// The texts the view shows at 1280×800 (not what is typed in fields).
fn visible_texts(app: &App) -> Vec<String> {
    let mut ui = iced_test::Simulator::with_size(settings(), (1280.0, 800.0), app.view());
    let mut found = Vec::new();
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c {
            found.push(content.to_string());
        }
        None::<()>
    });
    found
}

const SCREENS: [Screen; 8] = [
    Screen::Overview,
    Screen::Teams,
    Screen::Roster,
    Screen::Decision,
    Screen::Activities,
    Screen::Progress,
    Screen::Reports,
    Screen::Settings,
];

/// Letters only Vietnamese has (English text never carries them).
fn vietnamese(word: &str) -> bool {
    word.chars().any(|c| {
        "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The demo commune in a file, the window on it, and every word of data it holds as
/// typed — everything but the shipped lists (activity kinds, indicators) the window
/// translates.
fn demo_on_file() -> (App, HashSet<String>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cnscd.db");
    let mut store = Store::open(&path).unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| !["activity_types", "indicators", "settings"].contains(&t.as_str()))
        .collect();
    let mut data = HashSet::new();
    for t in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                if let Ok(Some(s)) = row.get::<_, Option<String>>(i) {
                    data.extend(words(&s));
                }
            }
        }
    }
    // Place kinds are part of a place's name (`xã Đắk Nia`, `thôn 1`).
    for k in [
        "xã",
        "phường",
        "thị",
        "trấn",
        "thôn",
        "bon",
        "buôn",
        "bản",
        "ấp",
        "tổ",
        "dân",
        "phố",
        // A team's name as the drop-downs shorten it (`Tổ CNSCĐ thôn 1`).
        "cnscđ",
    ] {
        data.insert(k.to_string());
    }
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    (app, data, dir)
}

#[test]
fn the_english_window_shows_no_vietnamese_but_data() {
    let (mut app, data, _dir) = demo_on_file();
    send(
        &mut app,
        [Message::Settings(
            cnscd::app::screens::settings::Message::Language(Lang::En),
        )],
    );
    let mut wrong = Vec::new();
    for s in SCREENS {
        send(&mut app, [Message::Navigate(s)]);
        for t in visible_texts(&app) {
            // The language's own name stays in its language; a Zalo group's name
            // is a name.
            if t == "Tiếng Việt" || t.starts_with("Zalo: ") {
                continue;
            }
            let strange: Vec<String> = words(&t)
                .filter(|w| vietnamese(w) && !data.contains(w))
                .collect();
            if !strange.is_empty() {
                wrong.push(format!("{s:?}: {t:?} ({})", strange.join(", ")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "Vietnamese in English:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_vietnamese_window_shows_no_english_sentence() {
    let (mut app, _, _dir) = demo_on_file();
    // Every English text of the interface that no Vietnamese text shares.
    let en = cnscd::app::i18n::parse(include_str!("../../i18n/en.txt"));
    let vi = cnscd::app::i18n::parse(include_str!("../../i18n/vi.txt"));
    let english: HashSet<&str> = en
        .iter()
        .filter(|(k, v)| vi.get(*k) != Some(v) && v.contains(' '))
        .map(|(_, v)| *v)
        .collect();
    let mut wrong = Vec::new();
    for s in SCREENS {
        send(&mut app, [Message::Navigate(s)]);
        for t in visible_texts(&app) {
            if english.iter().any(|e| t.contains(e)) {
                wrong.push(format!("{s:?}: {t:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "English in Vietnamese:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_english_window_names_places_references_and_figures_the_english_way() {
    let (mut app, _, dir) = demo_on_file();
    // One issued decision for the Overview's list (a second handle on the same file).
    let mut store = Store::open(&dir.path().join("cnscd.db")).unwrap();
    let req = cnscd::office::decisions::DecisionRequest {
        number: Some(5),
        date: chrono::NaiveDate::from_ymd_opt(2026, 2, 5),
        ..cnscd::office::decisions::DecisionRequest::for_team(1)
    };
    cnscd::office::decisions::issue(
        &mut store,
        &req,
        &cnscd::office::output::Target::new(dir.path().join("qd.pdf")),
        &cnscd::render::Fonts::bundled(),
    )
    .unwrap();
    drop(store);
    send(
        &mut app,
        [Message::Settings(
            cnscd::app::screens::settings::Message::Language(Lang::En),
        )],
    );
    let all = |app: &App| visible_texts(app).join("\n");
    send(&mut app, [Message::Navigate(Screen::Overview)]);
    let overview = all(&app);
    assert!(
        overview.contains("People's Committee of Đắk Nia Commune"),
        "{overview}"
    );
    assert!(!overview.contains("UBND xã"), "{overview}");
    // The latest decisions: `05/QĐ-UBND of 05/02/2026 — …`, never `ngày`.
    let decisions: Vec<&str> = overview
        .lines()
        .filter(|t| t.contains("/QĐ-UBND"))
        .collect();
    assert!(!decisions.is_empty(), "{overview}");
    assert!(
        decisions
            .iter()
            .all(|d| d.contains("/QĐ-UBND of ") && !d.contains("ngày")),
        "{decisions:?}"
    );
    send(&mut app, [Message::Navigate(Screen::Progress)]);
    let progress = all(&app);
    assert!(progress.contains("All of Đắk Nia Commune"), "{progress}");
    // The figures (`74.75%`), not the labels that name a unit `(%)`.
    let shares: Vec<&str> = progress
        .lines()
        .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()) && t.contains('%'))
        .collect();
    assert!(!shares.is_empty(), "{progress}");
    for s in &shares {
        assert!(
            !s.contains(" %") && !s.contains(','),
            "a share written the Vietnamese way: {s}"
        );
    }
    send(
        &mut app,
        [
            Message::Navigate(Screen::Activities),
            Message::Activities(cnscd::app::screens::activities::Message::New),
        ],
    );
    let form = all(&app);
    assert!(
        form.contains("Households with an electronic payment account or e-wallet (households)"),
        "{form}"
    );
    assert!(!form.contains("Hộ gia đình có tài khoản"), "{form}");
}
