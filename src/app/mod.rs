//! The window (iced). A thin layer over the core: each screen keeps its state, turns
//! messages into tasks that run database work off the window's thread, and draws.

pub mod activities;
pub mod activity_form;
pub mod commune_form;
pub mod decision;
pub mod detail;
pub mod dialogs;
pub mod i18n;
pub mod member_form;
pub mod overview;
pub mod preview;
pub mod progress;
pub mod reports;
pub mod roster;
pub mod settings;
pub mod setup;
pub mod style;
pub mod teams;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, center, column, container, opaque, row, stack, text};
use iced::{Element, Font, Length, Subscription, Task, window};

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
    /// First run: no commune yet.
    Setup,
    Overview,
    Teams,
    Roster,
    Decision,
    Activities,
    Progress,
    Reports,
    Settings,
}

pub struct App {
    pub db: Db,
    pub lang: Lang,
    pub screen: Screen,
    pub setup: setup::State,
    pub overview: overview::State,
    pub teams: teams::State,
    pub roster: roster::State,
    pub decision: decision::State,
    pub activities: activities::State,
    pub progress: progress::State,
    pub reports: reports::State,
    pub settings: settings::State,
    pub dialogs: Arc<dyn dialogs::Dialogs>,
    /// The window asked to close while edits were unsaved: ask first.
    pub confirm_quit: Option<window::Id>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Navigate(Screen),
    Setup(setup::Message),
    Overview(overview::Message),
    Teams(teams::Message),
    Roster(roster::Message),
    Decision(decision::Message),
    Activities(activities::Message),
    Progress(progress::Message),
    Reports(reports::Message),
    Settings(settings::Message),
    Key(keyboard::Event),
    CloseRequested(window::Id),
    Quit(bool),
}

impl App {
    /// The app on an open database, with the tasks that load the first screens.
    pub fn new(store: Store, lang: Lang) -> (Self, Task<Message>) {
        Self::with_dialogs(store, lang, Arc::new(dialogs::System))
    }

    /// The app with the given desktop dialogs (tests pass a scripted stand-in).
    pub fn with_dialogs(
        store: Store,
        lang: Lang,
        dialogs: Arc<dyn dialogs::Dialogs>,
    ) -> (Self, Task<Message>) {
        let path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        // An empty database starts with the setup; the check is one indexed row.
        let first_run = matches!(store.home_commune(), Ok(None));
        let db: Db = Arc::new(Mutex::new(store));
        let mut app = Self {
            lang,
            screen: if first_run {
                Screen::Setup
            } else {
                Screen::Overview
            },
            setup: setup::State::default(),
            overview: overview::State::default(),
            teams: teams::State::default(),
            roster: roster::State::default(),
            decision: decision::State::default(),
            activities: activities::State::default(),
            progress: progress::State::default(),
            reports: reports::State::default(),
            settings: settings::State::new(path),
            dialogs,
            confirm_quit: None,
            db,
        };
        let task = if first_run {
            Task::none()
        } else {
            app.load_all()
        };
        (app, task)
    }

    /// Reads every screen's data (start-up, after the setup, after commune changes).
    fn load_all(&mut self) -> Task<Message> {
        Task::batch([
            self.overview.load(&self.db).map(Message::Overview),
            self.teams.load(&self.db).map(Message::Teams),
            self.roster.load_teams(&self.db).map(Message::Roster),
            self.roster.reload(&self.db).map(Message::Roster),
            self.settings.load(&self.db).map(Message::Settings),
            self.activities
                .load_lists(&self.db)
                .map(Message::Activities),
        ])
    }

    /// Some form holds typed edits that are not saved.
    pub fn unsaved(&self) -> bool {
        self.setup.form.dirty
            || self.roster.unsaved()
            || self.teams.unsaved()
            || self.decision.unsaved()
            || self.activities.unsaved()
            || self.progress.unsaved()
            || self.reports.unsaved()
            || self.settings.unsaved()
    }

    pub fn title(&self) -> String {
        format!("cnscd — {}", tr(self.lang, T::AppTitle))
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Navigate(screen) => self.navigate(screen),
            Message::Setup(m) => self.setup_update(m),
            Message::Overview(m) => self.overview.update(m).map(Message::Overview),
            Message::Teams(m) => self.teams_update(m),
            Message::Roster(m) => self.roster_update(m),
            Message::Decision(m) => self.decision_update(m),
            Message::Activities(m) => self.activities_update(m),
            Message::Progress(m) => self.progress.update(m, &self.db).map(Message::Progress),
            Message::Reports(m) => self
                .reports
                .update(m, &self.db, &self.dialogs)
                .map(Message::Reports),
            Message::Settings(m) => self.settings_update(m),
            Message::Key(event) => self.shortcut(event),
            Message::CloseRequested(id) => self.close_requested(id),
            Message::Quit(really) => self.quit(really),
        }
    }

    fn navigate(&mut self, screen: Screen) -> Task<Message> {
        if self.screen == Screen::Setup {
            // Nothing else exists before the commune does.
            return Task::none();
        }
        self.screen = screen;
        match screen {
            // The overview is read again: members may have changed meanwhile.
            Screen::Overview => self.overview.load(&self.db).map(Message::Overview),
            Screen::Teams => self.teams.load(&self.db).map(Message::Teams),
            // The decision screen reads the roster and the register again.
            Screen::Decision => self.decision.load(&self.db).map(Message::Decision),
            Screen::Settings => self.settings.load(&self.db).map(Message::Settings),
            Screen::Activities => self
                .activities
                .load_lists(&self.db)
                .map(Message::Activities),
            Screen::Progress => self.progress.load_scopes(&self.db).map(Message::Progress),
            Screen::Reports => self.reports.load(&self.db).map(Message::Reports),
            Screen::Roster | Screen::Setup => Task::none(),
        }
    }

    fn setup_update(&mut self, m: setup::Message) -> Task<Message> {
        let (task, event) = self.setup.update(m, &self.db);
        let task = task.map(Message::Setup);
        match event {
            Some(setup::Event::Ready) => {
                self.screen = Screen::Overview;
                Task::batch([task, self.load_all()])
            }
            None => task,
        }
    }

    fn teams_update(&mut self, m: teams::Message) -> Task<Message> {
        let (task, event) = self.teams.update(m, &self.db);
        let task = task.map(Message::Teams);
        match event {
            Some(teams::Event::Changed) => Task::batch([
                task,
                self.roster.load_teams(&self.db).map(Message::Roster),
                self.overview.load(&self.db).map(Message::Overview),
            ]),
            None => task,
        }
    }

    fn decision_update(&mut self, m: decision::Message) -> Task<Message> {
        self.decision
            .update(m, &self.db, &self.dialogs)
            .map(Message::Decision)
    }

    /// The window's close button (or Ctrl+Q): closes, or asks first when typed edits
    /// are unsaved. There is one window, so closing it ends the program.
    fn activities_update(&mut self, m: activities::Message) -> Task<Message> {
        let (task, event) = self.activities.update(m, &self.db, &self.dialogs);
        let task = task.map(Message::Activities);
        match event {
            // Progress and the overview's figures follow the log.
            Some(activities::Event::Changed) => Task::batch([
                task,
                self.progress.reload(&self.db).map(Message::Progress),
                self.overview.load(&self.db).map(Message::Overview),
            ]),
            None => task,
        }
    }

    fn close_requested(&mut self, id: window::Id) -> Task<Message> {
        if self.unsaved() {
            self.confirm_quit = Some(id);
            Task::none()
        } else {
            iced::exit()
        }
    }

    fn quit(&mut self, really: bool) -> Task<Message> {
        self.confirm_quit = None;
        if really { iced::exit() } else { Task::none() }
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
        let (task, event) = self.settings.update(m, &self.db);
        let task = task.map(Message::Settings);
        match event {
            Some(settings::Event::Changed) => Task::batch([
                task,
                self.overview.load(&self.db).map(Message::Overview),
                self.teams.load(&self.db).map(Message::Teams),
                self.roster.load_teams(&self.db).map(Message::Roster),
                self.decision.load(&self.db).map(Message::Decision),
            ]),
            None => task,
        }
    }

    /// Shortcuts. Only key presses no widget took reach here, so typing in a field
    /// (and Unikey's keys) is never stolen.
    fn shortcut(&mut self, event: keyboard::Event) -> Task<Message> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
            return Task::none();
        };
        if self.confirm_quit.is_some() {
            return match key.as_ref() {
                Key::Named(Named::Escape) => self.quit(false),
                _ => Task::none(),
            };
        }
        if self.screen == Screen::Setup {
            return match key.as_ref() {
                Key::Named(Named::Tab) if modifiers.shift() => {
                    iced::widget::operation::focus_previous()
                }
                Key::Named(Named::Tab) => iced::widget::operation::focus_next(),
                Key::Character("q") if modifiers.command() => self.close_or_ask(),
                _ => Task::none(),
            };
        }
        match (key.as_ref(), modifiers.command()) {
            (Key::Character("p"), true) => match self.screen {
                Screen::Decision => self.decision_update(decision::Message::SavePdf),
                Screen::Reports => self.update(Message::Reports(reports::Message::SavePdf)),
                _ => self.navigate(Screen::Decision),
            },
            (Key::Character("n"), true) if self.screen == Screen::Activities => {
                self.activities_update(activities::Message::New)
            }
            (Key::Named(Named::Escape), _)
                if self.screen == Screen::Activities && self.activities.form.is_some() =>
            {
                self.activities_update(activities::Message::Cancel)
            }
            (Key::Character("n"), true) => {
                self.screen = Screen::Roster;
                self.roster_update(roster::Message::Add)
            }
            (Key::Character("q"), true) => self.close_or_ask(),
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

    /// Ctrl+Q: quits, or asks first when something typed is unsaved.
    fn close_or_ask(&mut self) -> Task<Message> {
        if self.unsaved() {
            window::latest()
                .map(|id| Message::CloseRequested(id.unwrap_or_else(window::Id::unique)))
        } else {
            iced::exit()
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::listen().map(Message::Key),
            window::close_requests().map(Message::CloseRequested),
        ])
    }

    fn confirm_view(&self) -> Element<'_, Message> {
        let l = self.lang;
        let dialog = container(
            column![
                text(tr(l, T::QuitTitle)).size(20).font(UI_FONT_STRONG),
                text(tr(l, T::QuitText)),
                row![
                    button(text(tr(l, T::QuitNo)))
                        .style(button::primary)
                        .on_press(Message::Quit(false)),
                    button(text(tr(l, T::QuitYes)))
                        .style(button::danger)
                        .on_press(Message::Quit(true)),
                ]
                .spacing(12),
            ]
            .spacing(14),
        )
        .padding(20)
        .max_width(460)
        .style(container::bordered_box);
        opaque(center(dialog).style(|_| container::Style {
            background: Some(iced::Color::from_rgba(0.0, 0.0, 0.0, 0.35).into()),
            ..Default::default()
        }))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let page = self.page();
        match self.confirm_quit {
            Some(_) => stack![page, self.confirm_view()].into(),
            None => page,
        }
    }

    fn page(&self) -> Element<'_, Message> {
        let l = self.lang;
        if self.screen == Screen::Setup {
            return self.setup.view(l).map(Message::Setup);
        }
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
                nav(T::NavTeams, Screen::Teams),
                nav(T::NavRoster, Screen::Roster),
                nav(T::NavDecision, Screen::Decision),
                nav(T::NavActivities, Screen::Activities),
                nav(T::NavProgress, Screen::Progress),
                nav(T::NavReports, Screen::Reports),
                nav(T::NavSettings, Screen::Settings),
            ]
            .spacing(8)
            .width(210),
        )
        .padding(12)
        .height(Length::Fill)
        .style(container::rounded_box);
        let body: Element<'_, Message> = match self.screen {
            Screen::Setup | Screen::Overview => self.overview.view(l).map(Message::Overview),
            Screen::Teams => self.teams.view(l).map(Message::Teams),
            Screen::Roster => self.roster.view(l).map(Message::Roster),
            Screen::Decision => self.decision.view(l).map(Message::Decision),
            Screen::Activities => self.activities.view(l).map(Message::Activities),
            Screen::Progress => self.progress.view(l).map(Message::Progress),
            Screen::Reports => self.reports.view(l).map(Message::Reports),
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

fn rerun_in_software() -> Result<(), Msg> {
    let failed = |e: std::io::Error| {
        Msg::new(
            format!("Không khởi động lại được chương trình: {e}"),
            format!("Could not start the program again: {e}"),
        )
    };
    let exe = std::env::current_exe().map_err(failed)?;
    let status = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("ICED_BACKEND", "tiny-skia")
        .status()
        .map_err(failed)?;
    if status.success() {
        Ok(())
    } else {
        Err(Msg::new(
            format!("Chương trình dừng với mã {status}"),
            format!("The program stopped with {status}"),
        ))
    }
}

/// Opens the window on the database at `path`.
pub fn run(path: PathBuf, lang: Lang) -> Result<(), Msg> {
    let store =
        Store::open(&path).map_err(|e| Msg::new(e.message(Lang::Vi), e.message(Lang::En)))?;
    let software = store.setting(settings::SOFTWARE_SETTING).ok().flatten();
    if cfg!(feature = "gpu")
        && software.as_deref() == Some("on")
        && std::env::var_os("ICED_BACKEND").is_none()
    {
        // iced picks its renderer from ICED_BACKEND when it starts: run again with it
        // set, so a PC whose GPU driver misbehaves never touches the GPU.
        drop(store);
        return rerun_in_software();
    }
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
        .exit_on_close_request(false)
        .run()
        .map_err(|e| {
            Msg::new(
                format!("Không mở được cửa sổ: {e}"),
                format!("Could not open the window: {e}"),
            )
        })
}
