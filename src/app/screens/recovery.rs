//! The recovery screen: shown instead of the app when the database cannot be opened
//! (damaged, from a newer version, locked, a missing folder…). It says what is wrong,
//! lists the backups found with their dates and contents, and offers to restore one
//! (the current file is kept aside), to open another file, or to start a new database
//! (the old file is renamed, never deleted). Whatever succeeds hands the window an open
//! database to continue on.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::{Context, UI_FONT_STRONG, parts::widgets, style};
use crate::domain::{Lang, Msg};
use crate::office::{Error, backups, database};
use crate::store::Store;

/// An opened database travelling in a message (messages are `Clone`; the store is
/// taken out once by the window).
#[derive(Clone)]
pub struct Opened(Arc<Mutex<Option<Store>>>);

impl Opened {
    pub fn new(store: Store) -> Self {
        Self(Arc::new(Mutex::new(Some(store))))
    }

    pub fn take(&self) -> Option<Store> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opened")
    }
}

#[derive(Debug)]
pub struct State {
    /// The database file that could not be opened.
    pub path: PathBuf,
    /// Why it could not be opened.
    pub problem: Error,
    pub backups: Vec<backups::Backup>,
    /// The path typed for "open another file".
    pub other: String,
    pub busy: bool,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Listed(Vec<backups::Backup>),
    Restore(usize),
    OtherPath(String),
    Browse,
    Browsed(Option<PathBuf>),
    OpenOther,
    StartNew,
    Done(Result<(Opened, Msg), Error>),
}

/// What the recovery screen tells the window.
#[derive(Debug, Clone)]
pub enum Event {
    /// A database is open: continue on it; the message says what was done.
    Opened(Opened, Msg),
}

impl State {
    pub fn new(path: PathBuf, problem: Error) -> Self {
        Self {
            path,
            problem,
            backups: Vec::new(),
            other: String::new(),
            busy: false,
            error: None,
        }
    }

    /// Reads the backup folder (opening each copy read-only), away from the window.
    pub fn load(&self) -> Task<Message> {
        let path = self.path.clone();
        Task::perform(async move { backups::list(&path, None) }, Message::Listed)
    }

    fn run(
        &mut self,
        job: impl FnOnce() -> Result<(Store, Msg), Error> + Send + 'static,
    ) -> Task<Message> {
        self.busy = true;
        self.error = None;
        Task::perform(
            async move { job().map(|(s, m)| (Opened::new(s), m)) },
            Message::Done,
        )
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let none = |t| (t, None);
        match message {
            Message::Listed(list) => {
                self.backups = list;
                none(Task::none())
            }
            Message::Restore(i) => {
                let Some(from) = self.backups.get(i).map(|b| b.path.clone()) else {
                    return none(Task::none());
                };
                let db = self.path.clone();
                none(self.run(move || {
                    let restored = backups::restore(&db, &from)?;
                    let store = database::open(&db)?;
                    Ok((store, restored_msg(&from, restored.kept_aside.as_deref())))
                }))
            }
            Message::OtherPath(p) => {
                self.other = p;
                none(Task::none())
            }
            Message::Browse => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::DialogPickDatabase).to_string();
                none(Task::perform(
                    async move { dialogs.pick_database(&title) },
                    Message::Browsed,
                ))
            }
            Message::Browsed(p) => {
                if let Some(p) = p {
                    self.other = p.display().to_string();
                }
                none(Task::none())
            }
            Message::OpenOther => {
                let other = PathBuf::from(self.other.trim());
                if other.as_os_str().is_empty() {
                    return none(Task::none());
                }
                none(self.run(move || {
                    let store = database::open_existing(&other)?;
                    let p = other.display();
                    Ok((store, Msg::new(format!("Đã mở {p}"), format!("Opened {p}"))))
                }))
            }
            Message::StartNew => {
                let db = self.path.clone();
                none(self.run(move || {
                    let (store, aside) = backups::start_new(&db)?;
                    let msg = match aside {
                        Some(a) => Msg::new(
                            format!(
                                "Đã tạo cơ sở dữ liệu mới; tệp cũ giữ lại là {}",
                                a.display()
                            ),
                            format!(
                                "A new database was started; the old file is kept as {}",
                                a.display()
                            ),
                        ),
                        None => {
                            Msg::new("Đã tạo cơ sở dữ liệu mới.", "A new database was started.")
                        }
                    };
                    Ok((store, msg))
                }))
            }
            Message::Done(Ok((opened, msg))) => {
                self.busy = false;
                (Task::none(), Some(Event::Opened(opened, msg)))
            }
            Message::Done(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                // The folder may have changed (a copy taken before the attempt).
                none(self.load())
            }
        }
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let heading = |t: T| text(tr(l, t)).size(style::HEADING).font(UI_FONT_STRONG);
        let act = |b, m| enabled(b, m, self.busy);
        let mut col = column![
            text(tr(l, T::RecoveryTitle))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            text(format!(
                "{}: {}",
                tr(l, T::RecoveryFile),
                self.path.display()
            )),
            text(self.problem.message(l)).color(style::ERROR),
        ]
        .spacing(style::SPACE);
        col = col.push(widgets::status(l, None, self.error.as_ref()));
        if self.busy {
            col = col.push(text(tr(l, T::RecoveryWorking)).color(style::MUTED));
        }
        col = col.push(heading(T::RecoveryBackups));
        col = col.push(backup_list(&self.backups, l, self.busy, Message::Restore));
        col = col.push(
            text(tr(l, T::RecoveryKeptAside))
                .size(style::HINT)
                .color(style::MUTED),
        );
        col = col.push(heading(T::RecoveryOpenOther));
        col = col.push(
            row![
                text_input("C:\\...\\cnscd.db", &self.other)
                    .on_input(Message::OtherPath)
                    .on_submit(Message::OpenOther)
                    .padding(style::PAD_FIELD)
                    .width(420),
                act(
                    button(text(tr(l, T::RecoveryBrowse))).style(button::secondary),
                    Message::Browse
                ),
                act(
                    button(text(tr(l, T::RecoveryOpen))).style(button::secondary),
                    Message::OpenOther
                ),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center),
        );
        col = col.push(
            text(tr(l, T::RecoveryNewHint))
                .size(style::HINT)
                .color(style::MUTED),
        );
        col = col.push(act(
            button(text(tr(l, T::RecoveryNew))).style(button::secondary),
            Message::StartNew,
        ));
        container(scrollable(col.padding(style::PAD_BOX).max_width(900)).height(Length::Fill))
            .padding(style::SPACE_WIDE as u16)
            .into()
    }
}

/// The backups with their dates and contents, each usable one with "restore this one";
/// `Restore(i)` names the position in `list`.
pub fn backup_list<'a, M: Clone + 'a>(
    list: &'a [backups::Backup],
    l: Lang,
    busy: bool,
    on_restore: impl Fn(usize) -> M,
) -> Element<'a, M> {
    if list.is_empty() {
        return text(tr(l, T::RecoveryNoBackups)).color(style::MUTED).into();
    }
    let mut col = column![].spacing(style::SPACE_TIGHT);
    for (i, b) in list.iter().enumerate() {
        let name = b
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut line = row![
            column![
                text(b.describe(l)),
                text(name).size(style::HINT).color(style::MUTED)
            ]
            .width(Length::Fill)
        ]
        .spacing(style::SPACE)
        .align_y(iced::Alignment::Center);
        if b.usable() {
            let restore = button(text(tr(l, T::RecoveryRestore))).style(button::primary);
            line = line.push(if busy {
                restore
            } else {
                restore.on_press(on_restore(i))
            });
        }
        col = col.push(line);
    }
    col.into()
}

fn enabled<'a>(
    b: iced::widget::Button<'a, Message>,
    m: Message,
    busy: bool,
) -> iced::widget::Button<'a, Message> {
    if busy { b } else { b.on_press(m) }
}

fn restored_msg(from: &Path, aside: Option<&Path>) -> Msg {
    let f = from.display();
    match aside {
        Some(a) => Msg::new(
            format!(
                "Đã khôi phục từ {f}; tệp cũ được giữ lại là {}",
                a.display()
            ),
            format!("Restored from {f}; the old file is kept as {}", a.display()),
        ),
        None => Msg::new(format!("Đã khôi phục từ {f}"), format!("Restored from {f}")),
    }
}
