//! The window (iced), a thin front end over [`crate::office`]. Each screen keeps its
//! state, turns messages into tasks that run the office's jobs away from the window's
//! thread, draws itself, and tells the window what changed through an `Event`.
//!
//! Every screen has the same contract: `update(&mut self, message, &Context) ->
//! (Task<Message>, Option<Event>)`; keyboard shortcuts arrive as a [`Shortcut`] for the
//! screen in front.

pub mod i18n;
pub mod parts;
pub mod screens;
pub mod style;

use parts::{dialogs, document_output, member_form, preview, tab_focus};
use screens::{
    activities, decision, overview, progress, province, recovery, reports, roster, settings, setup,
    teams,
};

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard};

use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, center, column, container, opaque, row, stack, text};
use iced::{Element, Font, Length, Subscription, Task, window};

use crate::domain::Lang;
use crate::office::{Error, database};
use crate::store::Store;
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

/// Runs `f` (a job of the office) on the database away from the window and maps its
/// result to a message. The error stays typed until a view puts it into words.
pub fn query<T: Send + 'static, M: Send + 'static>(
    db: &Db,
    f: impl FnOnce(&mut Store) -> Result<T, Error> + Send + 'static,
    done: impl Fn(Result<T, Error>) -> M + Send + 'static,
) -> Task<M> {
    let db = db.clone();
    Task::perform(
        async move {
            let mut store = lock(&db);
            f(&mut store)
        },
        done,
    )
}

/// What every screen's `update` is given: the database, the desktop's dialogs, the
/// interface language and the home commune.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub db: &'a Db,
    pub dialogs: &'a Arc<dyn dialogs::Dialogs>,
    pub lang: Lang,
    /// The home commune's id; `None` before the first-run setup.
    pub commune: Option<i64>,
    /// Where files are suggested: the documents folder, else `Văn bản` beside the
    /// database.
    pub folder: &'a Path,
}

/// The [`Context`] of an [`App`], borrowing only the fields it needs (so a screen of
/// the same app can be borrowed mutably beside it).
macro_rules! context {
    ($app:expr) => {
        Context {
            db: &$app.db,
            dialogs: &$app.dialogs,
            lang: $app.lang,
            commune: $app.commune,
            folder: &$app.folder,
        }
    };
}

/// A keyboard shortcut, from keys no field took (so Unikey's keys are never stolen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+N: a new record (a member; an activity on the Activities screen).
    New,
    /// Ctrl+F: search the roster.
    Find,
    /// Ctrl+P: save the decision or report in front as PDF.
    SaveDocument,
    /// Ctrl+Shift+P: send the PDF just written to the printer.
    Print,
    /// Esc: close the form or dialog in front.
    Cancel,
    /// Ctrl+Q.
    Quit,
}

impl Shortcut {
    /// The shortcut a key press means, if any.
    pub fn from_event(event: keyboard::Event) -> Option<Self> {
        let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
            return None;
        };
        match (key.as_ref(), modifiers.command()) {
            (Key::Character("p" | "P"), true) if modifiers.shift() => Some(Self::Print),
            (Key::Character("n"), true) => Some(Self::New),
            (Key::Character("f"), true) => Some(Self::Find),
            (Key::Character("p"), true) => Some(Self::SaveDocument),
            (Key::Character("q"), true) => Some(Self::Quit),
            (Key::Named(Named::Escape), _) => Some(Self::Cancel),
            _ => None,
        }
    }
}

/// Esc pressed in a field, which took the key (text fields do): still the form's
/// Cancel. Esc no field took comes through [`Shortcut::from_event`].
pub fn escape_in_field(
    event: iced::Event,
    status: iced::event::Status,
    _window: window::Id,
) -> Option<Message> {
    match (event, status) {
        (
            iced::Event::Keyboard(keyboard::Event::KeyPressed {
                key: Key::Named(Named::Escape),
                ..
            }),
            iced::event::Status::Captured,
        ) => Some(Message::Shortcut(Shortcut::Cancel)),
        _ => None,
    }
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
    /// A screen of a province's database.
    Province(province::Screen),
}

pub struct App {
    pub db: Db,
    pub lang: Lang,
    pub screen: Screen,
    /// The home commune's id; `None` until the setup made one.
    pub commune: Option<i64>,
    pub setup: setup::State,
    pub overview: overview::State,
    pub teams: teams::State,
    pub roster: roster::State,
    pub decision: decision::State,
    pub activities: activities::State,
    pub progress: progress::State,
    pub reports: reports::State,
    pub settings: settings::State,
    /// A province's database: its screens (`None` for a commune's).
    pub province: Option<province::Home>,
    pub dialogs: Arc<dyn dialogs::Dialogs>,
    /// Where files are suggested (see [`Context::folder`]).
    pub folder: PathBuf,
    /// The window asked to close while edits were unsaved: ask first.
    pub confirm_quit: Option<window::Id>,
    /// The database could not be opened: the recovery screen stands in for the app
    /// (which runs on an empty in-memory database meanwhile).
    pub recovery: Option<recovery::State>,
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
    Province(province::Message),
    Recovery(recovery::Message),
    /// A file dropped on the window.
    FileDropped(std::path::PathBuf),
    /// The weekly full check ended (`None`: not due).
    FullCheck(Result<Option<crate::office::backups::Health>, Error>),
    Shortcut(Shortcut),
    CloseRequested(window::Id),
    Quit(bool),
}

/// What a screen's event asks the window to read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Changed {
    Commune,
    Teams,
    Members,
    Activities,
    Figures,
    Register,
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
        let folder = crate::office::printing::output_folder(store.path());
        let db: Db = Arc::new(Mutex::new(store));
        let mut app = Self {
            lang,
            screen: Screen::Setup,
            commune: None,
            setup: setup::State::default(),
            overview: overview::State::default(),
            teams: teams::State::default(),
            roster: roster::State::default(),
            decision: decision::State::default(),
            activities: activities::State::default(),
            progress: progress::State::default(),
            reports: reports::State::default(),
            settings: settings::State::new(path),
            province: None,
            dialogs,
            folder,
            confirm_quit: None,
            recovery: None,
            db,
        };
        let task = app.open_home();
        (app, task)
    }

    /// Whose the database is decides the first screen: a commune's Overview, a
    /// province's, or (an empty database) the setup. The check is one indexed row each.
    fn open_home(&mut self) -> Task<Message> {
        let (commune, province) = {
            let store = lock(&self.db);
            let commune = store.home_commune().ok().flatten().map(|c| c.id);
            let province = store.province_home().ok().flatten().map(|p| p.0);
            (commune, province)
        };
        self.commune = commune;
        self.province = province
            .filter(|_| commune.is_none())
            .map(province::Home::new);
        if self.commune.is_some() {
            self.screen = Screen::Overview;
            self.load_all()
        } else if self.province.is_some() {
            self.screen = Screen::Province(province::Screen::Overview);
            let ctx = context!(self);
            let home = self.province.as_mut().expect("set above");
            Task::batch([
                home.load(&ctx).map(Message::Province),
                self.settings.load(&self.db).map(Message::Settings),
            ])
        } else {
            self.screen = Screen::Setup;
            Task::none()
        }
    }

    /// The app as `run` starts it: on the database if it opened, else on the recovery
    /// screen for `path`, which says why and offers the backups.
    pub fn start(
        path: PathBuf,
        opened: Result<Store, Error>,
        lang: Lang,
        dialogs: Arc<dyn dialogs::Dialogs>,
    ) -> (Self, Task<Message>) {
        match opened {
            Ok(store) => {
                let (app, task) = Self::with_dialogs(store, lang, dialogs);
                let check = app.weekly_check();
                (app, Task::batch([task, check]))
            }
            Err(problem) => {
                // The screens behind the recovery screen need a store; an in-memory
                // database touches no file and does not fail short of memory running out.
                let store = Store::open_in_memory().expect("an in-memory database opens");
                let (mut app, _) = Self::with_dialogs(store, lang, dialogs);
                app.settings.path = path.display().to_string();
                let state = recovery::State::new(path, problem);
                let task = state.load().map(Message::Recovery);
                app.recovery = Some(state);
                (app, task)
            }
        }
    }

    /// Once a week, the whole file is checked (a read-only connection of its own, away
    /// from the window's thread; the window's store is locked only to read and record
    /// the day).
    fn weekly_check(&self) -> Task<Message> {
        use crate::office::backups;
        let db = self.db.clone();
        Task::perform(
            async move {
                let today = chrono::Local::now().date_naive();
                let due = backups::full_check_due(&lock(&db), today)?;
                let Some(path) = due else {
                    return Ok(None);
                };
                let health = backups::health(&path, true)?;
                backups::record_full_check(&mut lock(&db), &health, today)?;
                Ok(Some(health))
            },
            Message::FullCheck,
        )
    }

    /// The file turned out damaged: the window lets go of it (nothing more is written
    /// into it) and the recovery screen says what was found and offers the backups.
    fn damaged(&mut self, path: PathBuf, found: crate::domain::Msg) -> Task<Message> {
        *lock(&self.db) = Store::open_in_memory().expect("an in-memory database opens");
        let state = recovery::State::new(path, Error::Store(found));
        let task = state.load().map(Message::Recovery);
        self.recovery = Some(state);
        task
    }

    /// Continues on another open database (after a restore or the recovery screen):
    /// every screen starts again on it.
    fn continue_on(&mut self, store: Store, notice: Option<crate::domain::Msg>) -> Task<Message> {
        self.settings.path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let folder = crate::office::printing::output_folder(store.path());
        self.folder = folder;
        *lock(&self.db) = store;
        self.recovery = None;
        self.settings.notice = notice;
        self.open_home()
    }

    fn recovery_update(&mut self, m: recovery::Message) -> Task<Message> {
        let ctx = context!(self);
        let Some(state) = self.recovery.as_mut() else {
            return Task::none();
        };
        let (task, event) = state.update(m, &ctx);
        let task = task.map(Message::Recovery);
        match event {
            Some(recovery::Event::Opened(opened, msg)) => match opened.take() {
                Some(store) => Task::batch([task, self.continue_on(store, Some(msg))]),
                None => task,
            },
            None => task,
        }
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
        let what = if self.province.is_some() {
            T::ProvinceAppTitle
        } else {
            T::AppTitle
        };
        format!("cnscd — {}", tr(self.lang, what))
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        if self.recovery.is_some()
            && !matches!(
                message,
                Message::Recovery(_) | Message::CloseRequested(_) | Message::Quit(_)
            )
        {
            // Nothing but the recovery screen exists until a database is open.
            return Task::none();
        }
        match message {
            Message::Recovery(m) => self.recovery_update(m),
            Message::FullCheck(Ok(Some(h))) if !h.ok() => self.damaged(h.path.clone(), h.message()),
            // A sound file, a check not due, or one that could not run (the quick check
            // at each start still guards): nothing to say.
            Message::FullCheck(_) => Task::none(),
            Message::Navigate(screen) => self.navigate(screen),
            Message::FileDropped(path) => self.file_dropped(path),
            Message::Setup(m) => self.setup_update(m),
            Message::Overview(m) => self.overview_update(m),
            Message::Teams(m) => self.teams_update(m),
            Message::Roster(m) => self.roster_update(m),
            Message::Decision(m) => self.decision_update(m),
            Message::Activities(m) => self.activities_update(m),
            Message::Progress(m) => self.progress_update(m),
            Message::Reports(m) => self.reports_update(m),
            Message::Settings(m) => self.settings_update(m),
            Message::Province(m) => self.province_update(m),
            Message::Shortcut(s) => self.shortcut(s),
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
        self.clear_notices();
        match screen {
            Screen::Province(s) => self.province_navigate(s),
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

    /// A notice says what just happened: once the clerk goes to another screen, it has
    /// been seen and goes ("Đã lưu" does not stay for ever). Refusals stay until acted on.
    fn clear_notices(&mut self) {
        self.teams.notice = None;
        self.roster.notice = None;
        self.activities.notice = None;
        self.progress.notice = None;
        self.settings.notice = None;
        self.decision.output.notice = None;
        self.reports.output.notice = None;
        self.roster.export.quiet();
        self.activities.export.quiet();
        self.progress.export.quiet();
        self.reports.export.quiet();
    }

    /// Reads again what a change made stale on the other screens.
    fn refresh(&mut self, changed: Changed) -> Task<Message> {
        let db = &self.db;
        let overview = self.overview.load(db).map(Message::Overview);
        match changed {
            Changed::Commune => Task::batch([
                overview,
                self.teams.load(db).map(Message::Teams),
                self.roster.load_teams(db).map(Message::Roster),
                self.decision.load(db).map(Message::Decision),
            ]),
            Changed::Teams => {
                Task::batch([overview, self.roster.load_teams(db).map(Message::Roster)])
            }
            Changed::Members => overview,
            Changed::Activities => {
                Task::batch([overview, self.progress.reload(db).map(Message::Progress)])
            }
            Changed::Figures | Changed::Register => overview,
        }
    }

    /// A province's screen in front: its data read again.
    fn province_navigate(&mut self, s: province::Screen) -> Task<Message> {
        let ctx = context!(self);
        let Some(home) = self.province.as_mut() else {
            return Task::none();
        };
        let task = match s {
            province::Screen::Overview => home.overview.load(&ctx).map(province::Message::Overview),
            province::Screen::Communes => home.communes.load(&ctx).map(province::Message::Communes),
            province::Screen::Reports => home.reports.load(&ctx).map(province::Message::Reports),
            province::Screen::Targets => home.targets.load(&ctx).map(province::Message::Targets),
        };
        task.map(Message::Province)
    }

    fn province_update(&mut self, m: province::Message) -> Task<Message> {
        let ctx = context!(self);
        match self.province.as_mut() {
            Some(home) => home.update(m, &ctx).map(Message::Province),
            None => Task::none(),
        }
    }

    fn setup_update(&mut self, m: setup::Message) -> Task<Message> {
        let (task, event) = self.setup.update(m, &context!(self));
        let task = task.map(Message::Setup);
        match event {
            Some(setup::Event::ProvinceReady { .. }) => Task::batch([task, self.open_home()]),
            Some(setup::Event::Ready { commune_id }) => {
                self.commune = Some(commune_id);
                self.screen = Screen::Overview;
                Task::batch([task, self.load_all()])
            }
            None => task,
        }
    }

    fn overview_update(&mut self, m: overview::Message) -> Task<Message> {
        let (task, event) = self.overview.update(m, &context!(self));
        let task = task.map(Message::Overview);
        match event {
            Some(overview::Event::Open { screen }) => Task::batch([task, self.navigate(screen)]),
            Some(overview::Event::TakeInSheets { period }) => {
                self.activities.sheets.open_for(Some(&period));
                Task::batch([task, self.navigate(Screen::Activities)])
            }
            Some(overview::Event::WriteReport { period }) => {
                self.reports.start_for(&period);
                Task::batch([task, self.navigate(Screen::Reports)])
            }
            None => task,
        }
    }

    fn teams_update(&mut self, m: teams::Message) -> Task<Message> {
        let (task, event) = self.teams.update(m, &context!(self));
        let task = task.map(Message::Teams);
        match event {
            Some(teams::Event::Changed) => Task::batch([task, self.refresh(Changed::Teams)]),
            Some(teams::Event::ImportMembers { team, name }) => {
                let go = self.navigate(Screen::Roster);
                if self.roster.unsaved() {
                    // The member being typed is kept: the clerk saves or closes it first.
                    self.roster.notice = Some(crate::domain::Msg::new(
                        "Đang nhập dở một thành viên: hãy lưu hoặc đóng biểu mẫu rồi bấm “Nhập từ Excel…”.",
                        "A member is being entered: save or close the form, then press “Import from Excel…”.",
                    ));
                } else {
                    self.roster
                        .open_import(Some(member_form::TeamChoice { id: team, name }));
                }
                Task::batch([task, go])
            }
            None => task,
        }
    }

    fn roster_update(&mut self, m: roster::Message) -> Task<Message> {
        let (task, event) = self.roster.update(m, &context!(self));
        let task = task.map(Message::Roster);
        match event {
            Some(roster::Event::MembersChanged) => {
                Task::batch([task, self.refresh(Changed::Members)])
            }
            None => task,
        }
    }

    fn decision_update(&mut self, m: decision::Message) -> Task<Message> {
        let (task, event) = self.decision.update(m, &context!(self));
        let task = task.map(Message::Decision);
        match event {
            Some(decision::Event::Issued { .. }) => {
                Task::batch([task, self.refresh(Changed::Register)])
            }
            None => task,
        }
    }

    fn activities_update(&mut self, m: activities::Message) -> Task<Message> {
        let (task, event) = self.activities.update(m, &context!(self));
        let task = task.map(Message::Activities);
        match event {
            // Progress and the overview's figures follow the log.
            Some(activities::Event::Changed) => {
                Task::batch([task, self.refresh(Changed::Activities)])
            }
            None => task,
        }
    }

    fn progress_update(&mut self, m: progress::Message) -> Task<Message> {
        let (task, event) = self.progress.update(m, &context!(self));
        let task = task.map(Message::Progress);
        match event {
            Some(progress::Event::FiguresChanged) => {
                Task::batch([task, self.refresh(Changed::Figures)])
            }
            None => task,
        }
    }

    fn reports_update(&mut self, m: reports::Message) -> Task<Message> {
        let (task, event) = self.reports.update(m, &context!(self));
        let task = task.map(Message::Reports);
        match event {
            Some(reports::Event::Issued { .. }) => {
                Task::batch([task, self.refresh(Changed::Register)])
            }
            None => task,
        }
    }

    fn settings_update(&mut self, m: settings::Message) -> Task<Message> {
        let (task, event) = self.settings.update(m, &context!(self));
        let task = task.map(Message::Settings);
        match event {
            Some(settings::Event::LanguageChanged { lang }) => {
                self.lang = lang;
                task
            }
            Some(settings::Event::CommuneChanged) => {
                Task::batch([task, self.refresh(Changed::Commune)])
            }
            // The restored database may hold another commune, a province, or nothing yet.
            Some(settings::Event::Restored) => Task::batch([task, self.open_home()]),
            Some(settings::Event::ProvinceChanged) => {
                Task::batch([task, self.province_navigate(province::Screen::Reports)])
            }
            Some(settings::Event::Damaged { path, found }) => {
                Task::batch([task, self.damaged(path, found)])
            }
            None => task,
        }
    }

    /// The window's close button (or Ctrl+Q): closes, or asks first when typed edits
    /// are unsaved. There is one window, so closing it ends the program.
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

    /// A shortcut: the window's own (fields, quitting), else the screen in front's.
    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        if self.confirm_quit.is_some() {
            return match s {
                Shortcut::Cancel => self.quit(false),
                _ => Task::none(),
            };
        }
        if s == Shortcut::Quit {
            return self.close_or_ask();
        }
        if self.province.is_some() {
            return self.province_shortcut(s);
        }
        let ctx = context!(self);
        match (self.screen, s) {
            (Screen::Setup | Screen::Province(_), _) => Task::none(),
            (Screen::Decision, Shortcut::SaveDocument) => {
                self.decision_update(decision::Message::Output(document_output::Message::Save))
            }
            (Screen::Reports, Shortcut::SaveDocument) => {
                self.reports_update(reports::Message::Output(document_output::Message::Save))
            }
            (_, Shortcut::SaveDocument) => self.navigate(Screen::Decision),
            (Screen::Decision, Shortcut::Print) => {
                self.decision_update(decision::Message::Output(document_output::Message::Print))
            }
            (Screen::Reports, Shortcut::Print) => {
                self.reports_update(reports::Message::Output(document_output::Message::Print))
            }
            (Screen::Activities, Shortcut::New | Shortcut::Cancel) => {
                let (task, _) = self.activities.shortcut(s, &ctx);
                task.map(Message::Activities)
            }
            (_, Shortcut::New | Shortcut::Find) => {
                self.screen = Screen::Roster;
                let (task, _) = self.roster.shortcut(s, &ctx);
                task.map(Message::Roster)
            }
            (Screen::Roster, Shortcut::Cancel) => {
                let (task, _) = self.roster.shortcut(s, &ctx);
                task.map(Message::Roster)
            }
            _ => Task::none(),
        }
    }

    /// A province's shortcuts: Ctrl+P saves its report's PDF, Ctrl+Shift+P prints it.
    fn province_shortcut(&mut self, s: Shortcut) -> Task<Message> {
        use crate::app::screens::province::reports::Message as R;
        let out = match s {
            Shortcut::SaveDocument => document_output::Message::Save,
            Shortcut::Print => document_output::Message::Print,
            _ => return Task::none(),
        };
        let go = if self.screen == Screen::Province(province::Screen::Reports) {
            Task::none()
        } else {
            self.navigate(Screen::Province(province::Screen::Reports))
        };
        let report = self.province_update(province::Message::Reports(R::Output(out)));
        Task::batch([go, report])
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

    /// A spreadsheet dropped on the window goes to the villages' return sheets (the
    /// Activities screen, its panel open); anything else is left alone.
    fn file_dropped(&mut self, path: std::path::PathBuf) -> Task<Message> {
        let sheet = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["xlsx", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()));
        if !sheet || self.screen == Screen::Setup {
            return Task::none();
        }
        if self.province.is_some() {
            // A province takes in the communes' sheets on its Overview.
            let ctx = context!(self);
            let take = match self.province.as_mut() {
                Some(home) => home.dropped(path, &ctx).map(Message::Province),
                None => Task::none(),
            };
            let go = self.navigate(Screen::Province(province::Screen::Overview));
            return Task::batch([take, go]);
        }
        self.activities.sheets.dropped(path);
        if self.screen == Screen::Activities {
            Task::none()
        } else {
            self.navigate(Screen::Activities)
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::listen()
                .filter_map(Shortcut::from_event)
                .map(Message::Shortcut),
            window::close_requests().map(Message::CloseRequested),
            // A field keeps Esc for itself (it only loses focus): Esc closes the form at
            // once all the same.
            iced::event::listen_with(escape_in_field),
            // A file dropped on the window: a village's return sheet to take in.
            iced::event::listen_with(|event, _, _| match event {
                iced::Event::Window(window::Event::FileDropped(path)) => {
                    Some(Message::FileDropped(path))
                }
                _ => None,
            }),
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
        let window = match self.confirm_quit {
            Some(_) => stack![page, self.confirm_view()].into(),
            None => page,
        };
        tab_focus::tab_focus(window).into()
    }

    fn page(&self) -> Element<'_, Message> {
        let l = self.lang;
        if let Some(r) = &self.recovery {
            return r.view(l).map(Message::Recovery);
        }
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
        let buttons = if self.province.is_some() {
            use province::Screen as P;
            column![
                text("cnscd").size(style::TITLE).font(UI_FONT_STRONG),
                text(tr(l, T::ProvinceAppTitle)).size(style::LABEL),
                nav(T::NavOverview, Screen::Province(P::Overview)),
                nav(T::ProvinceNavCommunes, Screen::Province(P::Communes)),
                nav(T::NavReports, Screen::Province(P::Reports)),
                nav(T::ProvinceNavTargets, Screen::Province(P::Targets)),
                nav(T::NavSettings, Screen::Settings),
            ]
        } else {
            column![
                text("cnscd").size(style::TITLE).font(UI_FONT_STRONG),
                text(tr(l, T::AppTitle)).size(style::LABEL),
                nav(T::NavOverview, Screen::Overview),
                nav(T::NavTeams, Screen::Teams),
                nav(T::NavRoster, Screen::Roster),
                nav(T::NavDecision, Screen::Decision),
                nav(T::NavActivities, Screen::Activities),
                nav(T::NavProgress, Screen::Progress),
                nav(T::NavReports, Screen::Reports),
                nav(T::NavSettings, Screen::Settings),
            ]
        };
        let sidebar = container(
            buttons
                .spacing(8)
                // Room to spare for the title: drawn on screen it is a pixel wider than measured.
                .width(224),
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
            Screen::Province(s) => match &self.province {
                Some(home) => home.view(s, l).map(Message::Province),
                None => text("").into(),
            },
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

fn rerun_in_software() -> Result<(), Error> {
    let failed = |e: std::io::Error| {
        Error::refused(
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
        Err(Error::refused(
            format!("Chương trình dừng với mã {status}"),
            format!("The program stopped with {status}"),
        ))
    }
}

/// The window's entry point: opens the database `db` names (or the default one) and
/// runs the window; errors go to stderr.
pub fn main(db: Option<&Path>, lang: Option<Lang>) -> ExitCode {
    let result = database::resolve(db).and_then(|path| run(path, lang));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(lang.unwrap_or_default()));
            ExitCode::FAILURE
        }
    }
}

/// Opens the window on the database at `path`, in `lang` or the language the
/// database remembers.
pub fn run(path: PathBuf, lang: Option<Lang>) -> Result<(), Error> {
    let opened = database::open_noting(&path);
    let lang = lang
        .or_else(|| {
            opened
                .as_ref()
                .ok()
                .and_then(|(s, _)| database::language(s))
        })
        .unwrap_or_default();
    let opened = opened.map(|(store, notes)| {
        for n in notes {
            eprintln!("{}", n.get(lang));
        }
        store
    });
    if cfg!(feature = "gpu")
        && opened.as_ref().is_ok_and(database::software_rendering)
        && std::env::var_os("ICED_BACKEND").is_none()
    {
        // iced picks its renderer from ICED_BACKEND when it starts: run again with it
        // set, so a PC whose GPU driver misbehaves never touches the GPU.
        drop(opened);
        return rerun_in_software();
    }
    // iced asks for the initial state through a closure; the store opened above is
    // handed over once (a second call, if any, opens the file again).
    let opened = Mutex::new(Some(opened));
    let boot = move || {
        let store = opened
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .unwrap_or_else(|| database::open(&path));
        // A database that does not open brings up the recovery screen, not a crash.
        App::start(path.clone(), store, lang, Arc::new(dialogs::System))
    };
    let mut window = iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .font(UI_FONT_REGULAR)
        .font(UI_FONT_BOLD);
    for face in preview::doc_fonts() {
        window = window.font(face.as_slice());
    }
    window
        .default_font(UI_FONT)
        // Opened maximized, the window fits the screen it opens on (a 1366×768 laptop,
        // a 1024×768 office screen); restored, it is small enough for either.
        .window(iced::window::Settings {
            size: iced::Size::new(1000.0, 660.0),
            min_size: Some(iced::Size::new(800.0, 540.0)),
            maximized: true,
            exit_on_close_request: false,
            ..Default::default()
        })
        .run()
        .map_err(|e| {
            Error::refused(
                format!("Không mở được cửa sổ: {e}"),
                format!("Could not open the window: {e}"),
            )
        })
}
