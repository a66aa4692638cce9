//! Helpers for the window's tests: the Simulator's settings, and running the tasks
//! that messages start, as the runtime would.
#![allow(dead_code)]

use std::sync::Arc;

use cnscd::app::parts::dialogs::Scripted;
use cnscd::app::{App, Message, UI_FONT, UI_FONT_BOLD, UI_FONT_REGULAR};
use cnscd::domain::Lang;
use cnscd::store::Store;
use iced::Task;
use iced_test::futures::futures::{StreamExt, executor::block_on};

pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: [UI_FONT_REGULAR, UI_FONT_BOLD]
            .into_iter()
            .map(Into::into)
            .chain(
                cnscd::app::parts::preview::doc_fonts()
                    .iter()
                    .map(|f| f.as_slice().into()),
            )
            .collect(),
        default_font: UI_FONT,
        ..Default::default()
    }
}

/// Runs a task and every task its messages lead to, as the runtime would.
pub fn settle(app: &mut App, task: Task<Message>) {
    let mut queue = vec![task];
    while let Some(t) = queue.pop() {
        let Some(stream) = iced_test::runtime::task::into_stream(t) else {
            continue;
        };
        for action in block_on(stream.collect::<Vec<_>>()) {
            if let iced_test::runtime::Action::Output(m) = action {
                queue.push(app.update(m));
            }
        }
    }
}

pub fn send(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let t = app.update(m);
        settle(app, t);
    }
}

/// The demo commune (Đắk Nia) with dialogs that are always cancelled.
pub fn demo_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, Scripted::new(None));
    settle(&mut app, task);
    app
}

/// The demo commune with scripted dialogs; PDFs go to a temporary folder.
pub fn demo_app_with(dialogs: Arc<Scripted>) -> (App, tempfile::TempDir) {
    let mut store = Store::open_in_memory().unwrap();
    cnscd::office::demo::dak_nia(&mut store).unwrap();
    let (mut app, task) = App::with_dialogs(store, Lang::Vi, dialogs);
    settle(&mut app, task);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("qd.pdf").display().to_string();
    send(
        &mut app,
        [Message::Decision(
            cnscd::app::screens::decision::Message::Output(
                cnscd::app::parts::document_output::Message::OutPath(out),
            ),
        )],
    );
    (app, dir)
}

/// Clicks and typing done in a simulator on the current view, then their messages run.
pub fn act(app: &mut App, f: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let mut ui = iced_test::Simulator::with_settings(settings(), app.view());
    f(&mut ui);
    let msgs: Vec<Message> = ui.into_messages().collect();
    send(app, msgs);
}

/// Whether the current view shows this exact text.
pub fn shows(app: &App, text: &str) -> bool {
    let mut ui = iced_test::Simulator::with_settings(settings(), app.view());
    ui.find(text).is_ok()
}

/// The village named `name` on the teams screen: among those without a team, or among
/// all the commune's villages.
pub fn village(
    app: &App,
    name: &str,
    without_team: bool,
) -> cnscd::app::screens::teams::VillageChoice {
    let data = &app.teams.data;
    let list = if without_team {
        &data.without_team
    } else {
        &data.villages
    };
    list.iter()
        .find(|v| v.name == name)
        .cloned()
        .unwrap_or_else(|| panic!("no village {name} (without a team: {without_team})"))
}

/// The window as `run` starts it on the file at `path` (opened, or the recovery screen
/// when it cannot be), with dialogs that are always cancelled.
pub fn started(path: &std::path::Path, lang: Lang) -> App {
    let opened = cnscd::office::database::open(path);
    let (mut app, task) = App::start(path.to_path_buf(), opened, lang, Scripted::new(None));
    settle(&mut app, task);
    app
}
