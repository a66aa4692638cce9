//! The window (iced). A thin layer over the core: each screen keeps its state, turns
//! messages into tasks that run database work off the window's thread, and draws.

pub mod decision;
pub mod detail;
pub mod i18n;
pub mod member_form;
pub mod overview;
pub mod preview;
pub mod roster;
pub mod settings;
pub mod style;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, column, container, row, text};
use iced::{Element, Font, Length, Subscription, Task};

use crate::domain::{Lang, Msg};
use crate::store::{Store, StoreError};
use i18n::{T, tr};

/// The database, shared with the tasks that query it.
pub type Db = Arc<Mutex<Store>>;

/// The window's font: Liberation Sans renamed (assets/fonts/ui/README.md).
pub const UI_FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/ui/CNSCDSans-Regular.ttf");
pub const UI_FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/ui/CNSCDSans-Bold.ttf");
pub const UI_FONT: Font = Font::with_name("CNSCD Sans");
pub const UI_FONT_STRONG: Font = Font {
    weight: iced::font::Weight::Bold,
    ..UI_FONT
};

/// Locks the database; a poisoned lock (a panicked task) still gives the data back.
pub fn lock(db: &Db) -> MutexGuard<'_, Store> {
    db.lock().unwrap_or_else(|p| p.into_inner())
}

/// Runs `f` on the database away from the window and maps its result to a message.
pub fn query<T: Send + 'static, M: Send + 'static>(
    db: &Db,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    done: impl Fn(Result<T, Msg>) -> M + Send + 'static,
) -> Task<M> {
    let db = db.clone();
    Task::perform(
        async move {
            let mut store = lock(&db);
            f(&mut store).map_err(|e| Msg::new(e.message(Lang::Vi), e.message(Lang::En)))
        },
        done,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Roster,
    Decision,
    Settings,
}

pub struct App {
    pub db: Db,
    pub lang: Lang,
    pub screen: Screen,
    pub overview: overview::State,
    pub roster: roster::State,
    pub decision: decision::State,
    pub settings: settings::State,
}

#[derive(Debug, Clone)]
pub enum Message {
    Navigate(Screen),
    Overview(overview::Message),
    Roster(roster::Message),
    Decision(decision::Message),
    Settings(settings::Message),
    Key(keyboard::Event),
}

impl App {
    /// The app on an open database, with the tasks that load the first screens.
    pub fn new(store: Store, lang: Lang) -> (Self, Task<Message>) {
        let path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let db: Db = Arc::new(Mutex::new(store));
        let mut app = Self {
            lang,
            screen: Screen::Overview,
            overview: overview::State::default(),
            roster: roster::State::default(),
            decision: decision::State::default(),
            settings: settings::State::new(path),
            db,
        };
        let task = Task::batch([
            app.overview.load(&app.db).map(Message::Overview),
            app.roster.load_teams(&app.db).map(Message::Roster),
            app.roster.reload(&app.db).map(Message::Roster),
        ]);
        (app, task)
    }

    pub fn title(&self) -> String {
        format!("cnscd — {}", tr(self.lang, T::AppTitle))
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Navigate(screen) => self.navigate(screen),
            Message::Overview(m) => self.overview.update(m).map(Message::Overview),
            Message::Roster(m) => self.roster_update(m),
            Message::Decision(m) => self.decision.update(m, &self.db).map(Message::Decision),
            Message::Settings(m) => self.settings_update(m),
            Message::Key(event) => self.shortcut(event),
        }
    }

    fn navigate(&mut self, screen: Screen) -> Task<Message> {
        self.screen = screen;
        match screen {
            // The overview is read again: members may have changed meanwhile.
            Screen::Overview => self.overview.load(&self.db).map(Message::Overview),
            // The decision screen reads the roster and the register again.
            Screen::Decision => self.decision.load(&self.db).map(Message::Decision),
            Screen::Roster | Screen::Settings => Task::none(),
        }
    }

    fn roster_update(&mut self, m: roster::Message) -> Task<Message> {
        self.roster
            .update(m, &self.db, self.lang)
            .map(Message::Roster)
    }

    fn settings_update(&mut self, m: settings::Message) -> Task<Message> {
        if let settings::Message::Language(lang) = m {
            self.lang = lang;
        }
        self.settings.update(m, &self.db).map(Message::Settings)
    }

    /// Shortcuts. Only key presses no widget took reach here, so typing in a field
    /// (and Unikey's keys) is never stolen.
    fn shortcut(&mut self, event: keyboard::Event) -> Task<Message> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
            return Task::none();
        };
        match (key.as_ref(), modifiers.command()) {
            (Key::Character("n"), true) => {
                self.screen = Screen::Roster;
                self.roster_update(roster::Message::Add)
            }
            (Key::Character("q"), true) => iced::exit(),
            (Key::Character("f"), true) => {
                self.screen = Screen::Roster;
                iced::widget::operation::focus(roster::SEARCH_ID)
            }
            (Key::Named(Named::Escape), _) if self.roster.form.is_some() => {
                self.roster_update(roster::Message::Form(member_form::Message::Cancel))
            }
            (Key::Named(Named::Tab), _) => {
                if modifiers.shift() {
                    iced::widget::operation::focus_previous()
                } else {
                    iced::widget::operation::focus_next()
                }
            }
            _ => Task::none(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        keyboard::listen().map(Message::Key)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let l = self.lang;
        let nav = |label: T, screen: Screen| {
            let b = button(text(tr(l, label)))
                .width(Length::Fill)
                .padding([8, 12]);
            let b = b.on_press(Message::Navigate(screen));
            if self.screen == screen {
                b.style(button::primary)
            } else {
                b.style(button::text)
            }
        };
        let sidebar = container(
            column![
                text("cnscd").size(22).font(UI_FONT_STRONG),
                text(tr(l, T::AppTitle)).size(13),
                nav(T::NavOverview, Screen::Overview),
                nav(T::NavRoster, Screen::Roster),
                nav(T::NavDecision, Screen::Decision),
                nav(T::NavSettings, Screen::Settings),
            ]
            .spacing(8)
            .width(210),
        )
        .padding(12)
        .height(Length::Fill)
        .style(container::rounded_box);
        let body: Element<'_, Message> = match self.screen {
            Screen::Overview => self.overview.view(l).map(Message::Overview),
            Screen::Roster => self.roster.view(l).map(Message::Roster),
            Screen::Decision => self.decision.view(l).map(Message::Decision),
            Screen::Settings => self.settings.view(l).map(Message::Settings),
        };
        row![
            sidebar,
            container(body)
                .padding(16)
                .width(Length::Fill)
                .height(Length::Fill)
        ]
        .into()
    }
}

/// Opens the window on the database at `path`.
pub fn run(path: PathBuf, lang: Lang) -> Result<(), Msg> {
    let store =
        Store::open(&path).map_err(|e| Msg::new(e.message(Lang::Vi), e.message(Lang::En)))?;
    // iced asks for the initial state through a closure; the store opened above is
    // handed over once (a second call, if any, opens the file again).
    let opened = Mutex::new(Some(store));
    let boot = move || {
        let store = opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .map(Ok)
            .unwrap_or_else(|| Store::open(&path));
        match store {
            Ok(store) => App::new(store, lang),
            Err(e) => {
                // Shown in Settings rather than a crash; the window still opens.
                let (mut app, task) = App::new(
                    Store::open_in_memory().expect("an in-memory database opens"),
                    lang,
                );
                app.settings.error = Some(Msg::new(e.message(Lang::Vi), e.message(Lang::En)));
                (app, task)
            }
        }
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .font(UI_FONT_REGULAR)
        .font(UI_FONT_BOLD)
        .font(preview::DOC_FONTS[0])
        .font(preview::DOC_FONTS[1])
        .font(preview::DOC_FONTS[2])
        .font(preview::DOC_FONTS[3])
        .default_font(UI_FONT)
        .window_size((1200.0, 780.0))
        .run()
        .map_err(|e| {
            Msg::new(
                format!("Không mở được cửa sổ: {e}"),
                format!("Could not open the window: {e}"),
            )
        })
}
