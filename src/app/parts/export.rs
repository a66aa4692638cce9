//! "Xuất Excel": the button every list has to write what it shows to a workbook the
//! clerk chooses. The part asks where (the system's save dialog,
//! suggesting a name in the documents folder), never replaces a file without asking,
//! and says what was written with a button to open it. The screen owns the job: it
//! is told the target and runs the office's writer with its own filter.
//!
//! When no dialog answers (cancelled, or no desktop portal on Linux) the status line
//! offers the suggested place in one click; that name is always a new file.

use std::path::PathBuf;

use iced::widget::{button, text};
use iced::{Element, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::dialogs::FileKind;
use crate::app::{Context, parts::widgets, style};
use crate::domain::{Lang, Msg};
use chrono::NaiveDate;

use crate::office::output::Target;
use crate::office::spreadsheet::Table;
use crate::office::{Error, excel_export};
use crate::store::Store;

#[derive(Debug, Default)]
pub struct Export {
    pub busy: bool,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    /// The chosen file exists: asked whether to replace it.
    pub confirm_replace: Option<PathBuf>,
    /// No place was chosen: the suggested one, offered in the status line.
    pub offer: Option<PathBuf>,
    /// The file just written, to open.
    pub saved: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The button: ask where.
    Ask,
    Chosen(Option<PathBuf>),
    /// The clerk's answer to "replace the existing file?".
    Replace(bool),
    /// Write to the offered place.
    UseOffer,
    /// Not now: the offered place or the question goes away.
    Dismiss,
    /// What the screen's job wrote (the file and what to say), or why not.
    Done(Result<(PathBuf, Msg), Error>),
    Open,
    Opened(Result<(), Error>),
}

impl Export {
    /// Is there something to say (the screen shows [`Export::status`] instead of its
    /// own line)?
    pub fn speaks(&self) -> bool {
        self.notice.is_some()
            || self.error.is_some()
            || self.confirm_replace.is_some()
            || self.offer.is_some()
    }

    /// The clerk did something else on the screen: what the last file came to goes
    /// (a question still waiting for an answer stays).
    pub fn settle(&mut self) {
        if self.confirm_replace.is_none() && self.offer.is_none() {
            self.notice = None;
            self.error = None;
        }
    }

    /// Forget what was said (the clerk moved on).
    pub fn quiet(&mut self) {
        self.notice = None;
        self.error = None;
        self.confirm_replace = None;
        self.offer = None;
    }

    /// Handles a message; a target comes back when the screen must write there now
    /// (and answer with [`Message::Done`]). `what` names the content (the suggested
    /// file's name is made from it).
    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
        what: &str,
    ) -> (Task<Message>, Option<Target>) {
        match message {
            Message::Ask => {
                self.quiet();
                let suggested = suggested(ctx.folder, what);
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::DialogSaveExcel).to_string();
                let task = Task::perform(
                    async move { dialogs.save_file(&title, &suggested) },
                    Message::Chosen,
                );
                (task, None)
            }
            Message::Chosen(None) => {
                self.offer = Some(Target::free(&suggested(ctx.folder, what)).path);
                (Task::none(), None)
            }
            Message::Chosen(Some(path)) => {
                let path = FileKind::Excel.complete(path);
                if path.exists() {
                    self.confirm_replace = Some(path);
                    return (Task::none(), None);
                }
                self.start(Target::new(path))
            }
            Message::Replace(yes) => match self.confirm_replace.take() {
                Some(path) if yes => self.start(Target::replacing(path)),
                _ => (Task::none(), None),
            },
            Message::Dismiss => {
                self.quiet();
                (Task::none(), None)
            }
            Message::UseOffer => match self.offer.take() {
                // Free again at this moment: a file made meanwhile is never replaced.
                Some(path) => self.start(Target::free(&path)),
                None => (Task::none(), None),
            },
            Message::Done(Ok((path, said))) => {
                self.busy = false;
                self.notice = Some(said);
                self.saved = Some(path);
                (Task::none(), None)
            }
            Message::Done(Err(e)) | Message::Opened(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::Opened(Ok(())) => (Task::none(), None),
            Message::Open => {
                let Some(path) = self.saved.clone() else {
                    return (Task::none(), None);
                };
                let dialogs = ctx.dialogs.clone();
                let task = Task::perform(async move { dialogs.open_file(&path) }, Message::Opened);
                (task, None)
            }
        }
    }

    /// Handles a message and, once the clerk has said where, writes the workbook the
    /// screen's `tables` make (on the database's side, dated today): the file and what
    /// to say come back as [`Message::Done`]. `tables` is what the screen's filter asks
    /// for, or why it cannot be written (a field the screen checks itself).
    pub fn write<M, F>(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
        what: &str,
        tables: Result<F, Error>,
        wrap: fn(Message) -> M,
    ) -> Task<M>
    where
        M: Send + 'static,
        F: FnOnce(&Store, NaiveDate) -> crate::office::Result<Vec<Table>> + Send + 'static,
    {
        let job = tables.map(|tables| {
            move |s: &Store, target: &Target, made| {
                let tables = tables(s, made)?;
                excel_export::write(s, &tables, target)
            }
        });
        self.write_with(message, ctx, what, job, wrap)
    }

    /// [`Export::write`] with the screen's own writer of the workbook (one with a chart).
    pub fn write_with<M, F>(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
        what: &str,
        job: Result<F, Error>,
        wrap: fn(Message) -> M,
    ) -> Task<M>
    where
        M: Send + 'static,
        F: FnOnce(&Store, &Target, NaiveDate) -> crate::office::Result<excel_export::Written>
            + Send
            + 'static,
    {
        let (task, target) = self.update(message, ctx, what);
        let task = task.map(wrap);
        let Some(target) = target else {
            return task;
        };
        let job = match job {
            Ok(j) => j,
            Err(e) => {
                self.busy = false;
                self.error = Some(e);
                return task;
            }
        };
        let write = crate::app::query(
            ctx.db,
            move |s| {
                let w = job(s, &target, chrono::Local::now().date_naive())?;
                Ok((w.path.clone(), w.summary()))
            },
            move |r| wrap(Message::Done(r)),
        );
        Task::batch([task, write])
    }

    fn start(&mut self, target: Target) -> (Task<Message>, Option<Target>) {
        self.busy = true;
        self.error = None;
        self.notice = None;
        (Task::none(), Some(target))
    }

    /// The "Xuất Excel" button, waiting while a file is being written.
    pub fn button(&self, l: Lang) -> Element<'static, Message> {
        button(text(tr(l, T::ExportExcel)))
            .style(button::secondary)
            .on_press_maybe((!self.busy).then_some(Message::Ask))
            .into()
    }

    /// The status line while the part has something to say: the question about
    /// replacing, the offered place, or what came of the last file.
    pub fn status(&self, l: Lang) -> Element<'_, Message> {
        let no = (tr(l, T::QuitNo), Message::Dismiss);
        if let Some(path) = &self.confirm_replace {
            let said = format!("{} {}", tr(l, T::OutputReplaceAsk), path.display());
            let yes = (tr(l, T::OutputReplace), Message::Replace(true));
            return widgets::question(said, yes, true, (no.0, Message::Replace(false)));
        }
        if let Some(path) = &self.offer {
            let said = format!("{} {}", tr(l, T::ExportNoPlace), path.display());
            let yes = (tr(l, T::ExportUseOffer), Message::UseOffer);
            return widgets::question(said, yes, false, no);
        }
        let open = (self.saved.is_some() && self.error.is_none()).then(|| {
            button(text(tr(l, T::ExportOpen)).size(style::LABEL))
                .style(button::secondary)
                .on_press(Message::Open)
                .into()
        });
        widgets::status_with(l, self.notice.as_ref(), self.error.as_ref(), open)
    }
}

/// `Danh-sach-thanh-vien-29-11-2026.xlsx` in `folder`: a name from what is written and
/// the day, with no accents or spaces (a name every system and e-mail keeps).
pub fn suggested(folder: &std::path::Path, what: &str) -> PathBuf {
    let day = chrono::Local::now().date_naive().format("%d-%m-%Y");
    let words: Vec<String> = crate::domain::text::fold(what)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let mut stem = words.join("-");
    if let Some(first) = stem.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    folder.join(format!("{stem}-{day}.xlsx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggested_name_has_no_accents_or_spaces() {
        let p = suggested(std::path::Path::new("/d"), "Nhật ký hoạt động, Tổ thôn 1");
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("Nhat-ky-hoat-dong-to-thon-1-"), "{name}");
        assert!(name.ends_with(".xlsx") && name.is_ascii(), "{name}");
    }
}
