//! The part the decision and report screens share: where the PDF goes (typed, or
//! chosen in the system's dialog), Save PDF, Issue, what came of it, opening the file,
//! the register with "print again", and the live preview of the pages.
//!
//! The preview is laid out away from the window and outside the database lock: the
//! screen builds the document under the lock, then the layout runs on its own. One
//! rebuild is in flight at a time; edits made meanwhile mark the preview stale and
//! one more rebuild follows (as iced's todos example saves).

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, canvas, column, container, row, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::preview::{PagePreview, Request, Zoom};
use crate::app::parts::signing::{self, Signing};
use crate::app::{Context, Db, UI_FONT_STRONG, lock, parts::widgets, style};
use crate::document::model::Document;
use crate::domain::{Lang, Msg};
use crate::office::decisions::{RegisterLine, Saved, Way};
use crate::office::eoffice::{self, DraftSaved, Metadata};
use crate::office::output::Target;
use crate::office::word::WordSaved;
use crate::office::{self, Error};
use crate::render::{Fonts, Laid};
use crate::store::Store;

/// The preview's place on the decision and report screens (tests find it by this).
pub const PREVIEW_ID: &str = "document_preview";

#[derive(Debug, Default)]
pub struct State {
    /// Where Save PDF writes; suggested by the screen until the clerk edits it.
    pub out_path: String,
    pub out_edited: bool,
    /// The last file written, to open in the viewer.
    pub saved: Option<PathBuf>,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    pub laid: Option<Arc<Laid>>,
    pub page: usize,
    /// How big the preview draws the page (fit page until the clerk zooms).
    pub zoom: Zoom,
    pub fonts: Option<Fonts>,
    /// Issued documents, newest first.
    pub register: Vec<RegisterLine>,
    /// A job (save, issue, reprint) is running: its buttons wait.
    pub busy: bool,
    /// The file exists: asked whether to replace it (and with which job).
    pub confirm_replace: Option<(PathBuf, Job)>,
    /// Voiding an issued entry: its id and the reason being typed.
    pub voiding: Option<(i64, String)>,
    /// What is being voided is a draft waiting for its number (set aside, not voided).
    pub voiding_draft: bool,
    /// The register entry whose change log is shown.
    pub trail_open: Option<i64>,
    /// No draft for the e-office to number (the province's reports): no such button.
    pub no_numbering: bool,
    /// The commune usually issues in the e-office: "for numbering" is the first choice.
    pub eoffice_first: bool,
    /// The last draft for numbering's Appendix VI fields, to copy into the e-office.
    pub meta: Option<Metadata>,
    /// The e-office's number being recorded, or a signed copy being attached.
    pub signing: Option<Signing>,
    building: bool,
    stale: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    OutPath(String),
    /// "Bản chờ cấp số": the draft for the văn thư, kept as waiting for its number.
    ForNumbering,
    Drafted(Result<Box<DraftSaved>, Error>),
    /// Copy one of the e-office's fields.
    CopyField(String),
    /// Record the number of a waiting draft (`true`) or attach to an entry.
    SigningAsk(i64, bool),
    SigningNumber(String),
    SigningDate(String),
    SigningFile(String),
    SigningAnyway(bool),
    SigningBrowse,
    SigningPicked(Option<PathBuf>),
    /// The number and date read from the signed PDF chosen.
    SigningRead(Option<u32>, Option<chrono::NaiveDate>),
    SigningConfirm,
    SigningCancel,
    Signed(Result<Msg, Error>),
    Browse,
    Browsed(Option<PathBuf>),
    Save,
    Issue,
    /// "Lưu Word": the draft as a Word copy beside the PDF's name.
    SaveWord,
    Reprint(i64),
    /// The Word copy of the issued entry, from its frozen model.
    IssuedWord(i64),
    Done(Result<Saved, Error>),
    WordDone(Result<WordSaved, Error>),
    /// A copy of an issued entry was written (a reprint, a Word copy): the file and
    /// what to say. The draft on the screen is untouched (its unsaved edits stay so).
    Copied(Result<(PathBuf, Msg), Error>),
    OpenPdf,
    Opened(Result<(), Error>),
    /// Send the file just written to the printer.
    Print,
    Printed(Result<PathBuf, Error>),
    Page(usize),
    Zoom(Zoom),
    /// "+" or "−": one zoom step from the zoom shown.
    ZoomStep(bool),
    /// What the preview itself asks (PageDown at a page's end, Ctrl+wheel).
    Preview(Request),
    /// The clerk's answer to "replace the existing file?".
    Replace(bool),
    VoidAsk(i64),
    /// Set a draft waiting for its number aside (a reason asked, as for voiding).
    DropAsk(i64),
    VoidReason(String),
    VoidConfirm,
    VoidCancel,
    Voided(Result<Msg, Error>),
    /// Show or hide an entry's change log.
    Trail(i64),
}

/// What is written of the screen's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// The draft as PDF.
    Pdf,
    /// Issued into the register, then written as PDF.
    Issue,
    /// The draft as a Word copy (never issued: the register keeps the PDF).
    Word,
    /// A draft for the văn thư to number, kept as waiting.
    ForNumbering,
}

/// What the screen is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Write the document to `target` as `job` says.
    Write { target: Target, job: Job },
    /// Print the issued document `id` again into `folder`.
    Reprint { id: i64, folder: PathBuf },
    /// Write the Word copy of the issued document `id` into `folder`.
    IssuedWord { id: i64, folder: PathBuf },
    /// A file was written (and, with an id, issued as that register entry).
    Written { issued: Option<i64> },
    /// Void the issued entry `id` for `reason`.
    Void { id: i64, reason: String },
    /// An entry was voided: read the register again.
    Voided,
    /// Record what the e-office gave a waiting draft.
    Register(eoffice::RegisterRequest),
    /// Keep the signed copy of entry `id`.
    Attach {
        id: i64,
        file: PathBuf,
        anyway: bool,
    },
    /// Set the waiting draft `id` aside.
    DropDraft { id: i64, reason: String },
}

impl State {
    pub fn fonts(&self) -> Fonts {
        self.fonts.clone().unwrap_or_else(Fonts::bundled)
    }

    /// The path where the next file goes, with `.pdf` added when it has no extension.
    fn target(&self) -> Option<PathBuf> {
        let path = PathBuf::from(self.out_path.trim());
        if path.as_os_str().is_empty() {
            return None;
        }
        Some(if path.extension().is_none() {
            path.with_extension("pdf")
        } else {
            path
        })
    }

    /// The folder of the path shown, where reprints and copies go.
    fn target_folder(&self) -> PathBuf {
        self.target()
            .and_then(|p| p.parent().map(PathBuf::from))
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The screen's suggestion, kept only while the clerk has not typed a path.
    pub fn suggest(&mut self, path: PathBuf) {
        if !self.out_edited {
            self.out_path = path.display().to_string();
        }
    }

    /// A rebuild of the preview may start now: `false` when one is in flight (it is
    /// marked stale and another follows when it ends).
    pub fn begin_preview(&mut self) -> bool {
        if self.building {
            self.stale = true;
            return false;
        }
        self.building = true;
        self.stale = false;
        true
    }

    /// A rebuild ended; `true` when edits came meanwhile and another must start.
    pub fn finish_preview(&mut self, result: Result<Arc<Laid>, Error>) -> bool {
        self.building = false;
        match result {
            Ok(laid) => {
                self.page = self.page.min(laid.pages.len().saturating_sub(1));
                self.laid = Some(laid);
                self.error = None;
            }
            // The preview never shows another document than the form's: the last
            // one laid out goes with the form that made it.
            Err(e) => {
                self.error = Some(e);
                self.laid = None;
            }
        }
        std::mem::take(&mut self.stale)
    }

    /// The text of every page of the preview (tests).
    pub fn preview_text(&self) -> String {
        self.laid
            .as_ref()
            .map(|l| {
                l.pages
                    .iter()
                    .map(|p| p.text())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }

    /// A job refused before it ran (a field the screen checks itself).
    pub fn refuse(&mut self, e: Error) {
        self.error = Some(e);
        self.busy = false;
    }

    /// The form cannot make a document as it stands: its preview goes too.
    pub fn refuse_preview(&mut self, e: Error) {
        self.refuse(e);
        self.laid = None;
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::OutPath(p) => {
                self.out_path = p;
                self.out_edited = true;
                (Task::none(), None)
            }
            Message::Browse => {
                let dialogs = ctx.dialogs.clone();
                let suggested = PathBuf::from(self.out_path.trim());
                let title = tr(ctx.lang, T::DialogSavePdf).to_string();
                let task = Task::perform(
                    async move { dialogs.save_file(&title, &suggested) },
                    Message::Browsed,
                );
                (task, None)
            }
            Message::Browsed(Some(p)) => {
                self.out_path = p.display().to_string();
                self.out_edited = true;
                self.write(Job::Pdf)
            }
            Message::Browsed(None) => {
                // Cancelled, or no dialog could open (no desktop portal): either way
                // the path can be typed.
                self.error = None;
                self.notice = Some(Msg::new(
                    "Chưa chọn nơi lưu. Nếu hộp chọn tệp không hiện ra, hãy gõ đường dẫn vào ô “Lưu vào” rồi bấm Lưu PDF.",
                    "No place was chosen. If no file dialog appeared, type the path in the “Save to” box and press Save PDF.",
                ));
                (iced::widget::operation::focus("document_out"), None)
            }
            Message::Save => self.write(Job::Pdf),
            Message::ForNumbering if self.no_numbering => (Task::none(), None),
            Message::ForNumbering => self.write(Job::ForNumbering),
            Message::Drafted(Ok(d)) => {
                self.busy = false;
                self.error = None;
                self.notice = Some(d.summary());
                self.saved = Some(d.saved.path.clone());
                self.meta = Some(d.meta.clone());
                // The register shows it waiting.
                (Task::none(), Some(Event::Voided))
            }
            Message::Drafted(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::CopyField(v) => (iced::clipboard::write(v), None),
            Message::SigningAsk(id, waiting) => {
                self.signing = Some(Signing {
                    id,
                    waiting,
                    ..Default::default()
                });
                (iced::widget::operation::focus("signing_first"), None)
            }
            Message::SigningNumber(v) => {
                if let Some(f) = &mut self.signing {
                    f.number = v;
                }
                (Task::none(), None)
            }
            Message::SigningDate(v) => {
                if let Some(f) = &mut self.signing {
                    f.date = v;
                }
                (Task::none(), None)
            }
            Message::SigningFile(v) => {
                if let Some(f) = &mut self.signing {
                    f.file = v;
                }
                (Task::none(), None)
            }
            Message::SigningAnyway(v) => {
                if let Some(f) = &mut self.signing {
                    f.anyway = v;
                }
                (Task::none(), None)
            }
            Message::SigningBrowse => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::SigningChoose).to_string();
                let task = Task::perform(
                    async move { dialogs.pick_file(&title) },
                    Message::SigningPicked,
                );
                (task, None)
            }
            Message::SigningPicked(p) => {
                let Some((f, p)) = self.signing.as_mut().zip(p) else {
                    return (Task::none(), None);
                };
                f.file = p.display().to_string();
                if !f.waiting {
                    return (Task::none(), None);
                }
                // The number and date the signed copy carries, filled in for the clerk
                // to check (what is typed already stays).
                let task = Task::perform(
                    async move {
                        eoffice::read_signed(&p)
                            .ok()
                            .and_then(|s| s.text)
                            .map(|t| eoffice::number_and_date(&t))
                            .unwrap_or((None, None))
                    },
                    |(n, d)| Message::SigningRead(n, d),
                );
                (task, None)
            }
            Message::SigningRead(n, d) => {
                if let Some(f) = &mut self.signing {
                    if let Some(n) = n.filter(|_| f.number.trim().is_empty()) {
                        f.number = n.to_string();
                    }
                    if let Some(d) = d {
                        f.date = crate::domain::vndate::short(d);
                    }
                    if n.is_some() || d.is_some() {
                        self.notice = Some(Msg::new(
                            "Số và ngày đã đọc từ bản đã ký: hãy kiểm tra rồi bấm Vào sổ.",
                            "The number and date were read from the signed copy: check them, then press Record.",
                        ));
                    }
                }
                (Task::none(), None)
            }
            Message::SigningCancel => {
                self.signing = None;
                (Task::none(), None)
            }
            Message::SigningConfirm => self.signing_confirm(),
            Message::Signed(Ok(msg)) => {
                self.busy = false;
                self.signing = None;
                self.error = None;
                self.notice = Some(msg);
                (Task::none(), Some(Event::Voided))
            }
            Message::Signed(Err(e)) => {
                // What was typed stays, to mend.
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::Issue => self.write(Job::Issue),
            Message::SaveWord => self.write(Job::Word),
            Message::Reprint(id) => {
                let folder = self.target_folder();
                self.busy = true;
                self.error = None;
                (Task::none(), Some(Event::Reprint { id, folder }))
            }
            Message::IssuedWord(id) => {
                let folder = self.target_folder();
                self.busy = true;
                self.error = None;
                (Task::none(), Some(Event::IssuedWord { id, folder }))
            }
            Message::WordDone(Ok(saved)) => {
                self.busy = false;
                self.error = None;
                self.notice = Some(saved.summary());
                self.saved = Some(saved.path);
                (Task::none(), Some(Event::Written { issued: None }))
            }
            Message::WordDone(Err(e)) | Message::Copied(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::Copied(Ok((path, said))) => {
                self.busy = false;
                self.error = None;
                self.notice = Some(said);
                self.saved = Some(path);
                (Task::none(), None)
            }
            Message::Done(Ok(saved)) => {
                self.busy = false;
                self.error = None;
                self.notice = Some(saved.summary());
                self.saved = Some(saved.path.clone());
                let issued = match saved.same_as_issued {
                    None => saved.issued.as_ref().map(|(id, _)| *id),
                    Some(_) => None,
                };
                (Task::none(), Some(Event::Written { issued }))
            }
            Message::Done(Err(e)) | Message::Opened(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::Opened(Ok(())) => (Task::none(), None),
            Message::Print => {
                let Some(path) = self.saved.clone() else {
                    return (Task::none(), None);
                };
                if crate::office::word::is_docx(&path) {
                    // A Word copy is printed from Word, once edited.
                    self.error = Some(Error::refused(
                        "Bản Word được in từ Word sau khi sửa; muốn in ngay thì bấm Lưu PDF rồi In.",
                        "A Word copy is printed from Word once edited; to print now, press Save PDF, then Print.",
                    ));
                    return (Task::none(), None);
                }
                let dialogs = ctx.dialogs.clone();
                let task = Task::perform(
                    async move { dialogs.print_file(&path).map(|()| path) },
                    Message::Printed,
                );
                (task, None)
            }
            Message::Printed(Ok(path)) => {
                let p = path.display();
                self.error = None;
                self.notice = Some(Msg::new(
                    format!("Đã gửi tới máy in: {p}"),
                    format!("Sent to the printer: {p}"),
                ));
                (Task::none(), None)
            }
            Message::Printed(Err(e)) => {
                // The file stays: it can still be opened and printed from the viewer.
                self.error = Some(e);
                (Task::none(), None)
            }
            Message::OpenPdf => {
                let Some(path) = self.saved.clone() else {
                    return (Task::none(), None);
                };
                let dialogs = ctx.dialogs.clone();
                let task = Task::perform(async move { dialogs.open_file(&path) }, Message::Opened);
                (task, None)
            }
            Message::Page(p) | Message::Preview(Request::Page(p)) => {
                let pages = self.laid.as_ref().map_or(1, |l| l.pages.len());
                self.page = p.min(pages.saturating_sub(1));
                (Task::none(), None)
            }
            Message::Zoom(z) => {
                self.zoom = z;
                (Task::none(), None)
            }
            Message::ZoomStep(up) => {
                // From a fit, the steps start at the printed size.
                let now = match self.zoom {
                    Zoom::Percent(p) => p,
                    Zoom::FitPage | Zoom::FitWidth => 100,
                };
                self.zoom = Zoom::step(now as f32 / 100.0 * 96.0 / 72.0, up);
                (Task::none(), None)
            }
            Message::Preview(Request::Zoom(scale, up)) => {
                self.zoom = Zoom::step(scale, up);
                (Task::none(), None)
            }
            Message::Replace(yes) => match self.confirm_replace.take() {
                Some((path, job)) if yes => {
                    self.busy = true;
                    let target = Target::replacing(path);
                    (Task::none(), Some(Event::Write { target, job }))
                }
                _ => (Task::none(), None),
            },
            Message::VoidAsk(id) => {
                self.voiding = Some((id, String::new()));
                self.voiding_draft = false;
                (iced::widget::operation::focus("void_reason"), None)
            }
            Message::DropAsk(id) => {
                self.voiding = Some((id, String::new()));
                self.voiding_draft = true;
                (iced::widget::operation::focus("void_reason"), None)
            }
            Message::VoidReason(r) => {
                if let Some((_, reason)) = &mut self.voiding {
                    *reason = r;
                }
                (Task::none(), None)
            }
            Message::VoidCancel => {
                self.voiding = None;
                (Task::none(), None)
            }
            Message::Trail(id) => {
                self.trail_open = (self.trail_open != Some(id)).then_some(id);
                (Task::none(), None)
            }
            Message::VoidConfirm => match self.voiding.clone() {
                Some((id, reason)) if self.voiding_draft => {
                    self.busy = true;
                    (Task::none(), Some(Event::DropDraft { id, reason }))
                }
                Some((id, reason)) => {
                    self.busy = true;
                    (Task::none(), Some(Event::Void { id, reason }))
                }
                None => (Task::none(), None),
            },
            Message::Voided(Ok(msg)) => {
                self.busy = false;
                self.voiding = None;
                self.error = None;
                self.notice = Some(msg);
                self.saved = None;
                (Task::none(), Some(Event::Voided))
            }
            Message::Voided(Err(e)) => {
                // The reason stays in its field.
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
        }
    }

    fn write(&mut self, job: Job) -> (Task<Message>, Option<Event>) {
        let Some(path) = self.target() else {
            self.error = Some(Error::invalid(crate::domain::FieldError::new(
                crate::domain::Field::OutFile,
                "cần chọn nơi lưu tệp PDF",
                "choose where the PDF goes",
            )));
            return (Task::none(), None);
        };
        // The Word copy goes beside the PDF, under the same name.
        let path = match job {
            Job::Word => path.with_extension("docx"),
            // Beside the draft of the same name: `QD-to-2-cho-cap-so.pdf`.
            Job::ForNumbering => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                path.with_file_name(format!("{stem}-cho-cap-so.pdf"))
            }
            Job::Pdf | Job::Issue => path,
        };
        self.error = None;
        self.notice = None;
        if path.exists() {
            // Never replace a file without asking.
            self.confirm_replace = Some((path, job));
            return (Task::none(), None);
        }
        self.busy = true;
        let target = Target::new(path);
        (Task::none(), Some(Event::Write { target, job }))
    }

    /// The e-office's number and date (or the signed copy alone) checked as typed, then
    /// recorded by the screen's job.
    fn signing_confirm(&mut self) -> (Task<Message>, Option<Event>) {
        let Some(f) = self.signing.clone() else {
            return (Task::none(), None);
        };
        match signing::confirm(&f) {
            Ok(event) => {
                self.busy = true;
                (Task::none(), Some(event))
            }
            Err(e) => {
                self.error = Some(e);
                (Task::none(), None)
            }
        }
    }

    /// Where to save, Save PDF, Issue, and what came of them: always in sight, the
    /// message in a line of its own under the buttons.
    pub fn actions(&self, l: Lang) -> Element<'_, Message> {
        let enabled = |m: Message| (!self.busy).then_some(m);
        // "Lưu Word" sits at the end of the label's line: the buttons' row has room
        // for two at the narrowest window (1024 px) without their text wrapping.
        let mut bar = column![
            column![
                row![
                    text(tr(l, T::DecisionSaveTo))
                        .size(style::LABEL)
                        .width(Length::Fill),
                    button(
                        text(tr(l, T::OutputSaveWord))
                            .size(style::LABEL)
                            .color(style::LINK)
                    )
                    .style(button::text)
                    .padding(0)
                    .on_press_maybe(enabled(Message::SaveWord)),
                ],
                row![
                    text_input("", &self.out_path)
                        .id("document_out")
                        .on_input(Message::OutPath)
                        .padding(style::PAD_FIELD),
                    button(text(tr(l, T::DecisionBrowse)))
                        .style(button::secondary)
                        .on_press_maybe(enabled(Message::Browse)),
                ]
                .spacing(style::SPACE),
            ]
            .spacing(style::SPACE_TIGHT),
            if self.no_numbering {
                Element::from(
                    row![
                        button(text(tr(l, T::DecisionSavePdf)))
                            .style(button::secondary)
                            .on_press_maybe(enabled(Message::Save)),
                        button(text(tr(l, T::DecisionIssue)))
                            .style(button::primary)
                            .on_press_maybe(enabled(Message::Issue)),
                    ]
                    .spacing(style::SPACE),
                )
            } else {
                // The commune's usual way of issuing first; the other beside it.
                let (first, other) = if self.eoffice_first {
                    (
                        (T::OutputForNumbering, Message::ForNumbering),
                        (T::DecisionIssue, Message::Issue),
                    )
                } else {
                    (
                        (T::DecisionIssue, Message::Issue),
                        (T::OutputForNumbering, Message::ForNumbering),
                    )
                };
                row![
                    button(text(tr(l, T::DecisionSavePdf)))
                        .style(button::secondary)
                        .on_press_maybe(enabled(Message::Save)),
                    button(text(tr(l, first.0)))
                        .style(button::primary)
                        .on_press_maybe(enabled(first.1)),
                    button(text(tr(l, other.0)).size(style::LABEL).color(style::LINK))
                        .style(button::text)
                        .on_press_maybe(enabled(other.1)),
                ]
                .spacing(style::SPACE)
                .align_y(iced::Alignment::Center)
                .wrap()
                .vertical_spacing(style::SPACE_TIGHT)
                .into()
            },
        ]
        .spacing(style::SPACE);
        if let Some((id, reason)) = &self.voiding {
            let line = self
                .register
                .iter()
                .find(|r| r.id == *id && (r.way == Way::Waiting) == self.voiding_draft)
                .map(|r| r.line.as_str())
                .unwrap_or_default();
            bar = bar.push(
                column![
                    text(format!("{} {line}", tr(l, T::OutputVoidTitle)))
                        .size(style::LABEL)
                        .color(style::WARNING),
                    row![
                        text_input(tr(l, T::OutputVoidReason), reason)
                            .id("void_reason")
                            .on_input(Message::VoidReason)
                            .on_submit(Message::VoidConfirm)
                            .padding(style::PAD_FIELD),
                        button(text(tr(l, T::OutputVoidConfirm)).size(style::LABEL))
                            .style(button::danger)
                            .on_press_maybe((!self.busy).then_some(Message::VoidConfirm)),
                        button(text(tr(l, T::QuitNo)).size(style::LABEL))
                            .style(button::secondary)
                            .on_press(Message::VoidCancel),
                    ]
                    .spacing(style::SPACE),
                ]
                .spacing(style::SPACE_TIGHT),
            );
        }
        if let Some(f) = &self.signing {
            bar = bar.push(signing::view(l, f, self.busy));
        }
        if let Some(meta) = &self.meta {
            bar = bar.push(signing::meta_view(l, meta));
        }
        // One line of fixed height under the buttons: the question about replacing a
        // file, else what came of the last job — nothing moves when it changes.
        let line: Element<'_, Message> = if let Some((path, _)) = &self.confirm_replace {
            widgets::question(
                format!("{} {}", tr(l, T::OutputReplaceAsk), path.display()),
                (tr(l, T::OutputReplace), Message::Replace(true)),
                true,
                (tr(l, T::QuitNo), Message::Replace(false)),
            )
        } else {
            let open = self.saved.is_some().then(|| self.file_buttons(l));
            widgets::status_with(l, self.notice.as_ref(), self.error.as_ref(), open)
        };
        bar = bar.push(line);
        container(bar)
            .padding(style::PAD_BOX)
            .style(container::bordered_box)
            .into()
    }

    /// "Open PDF" and "Print" for the PDF just written; "Open the file" for a Word
    /// copy (it is printed from Word, once edited).
    fn file_buttons(&self, l: Lang) -> Element<'_, Message> {
        let word = self
            .saved
            .as_deref()
            .is_some_and(crate::office::word::is_docx);
        let open = if word {
            T::ExportOpen
        } else {
            T::DecisionOpenPdf
        };
        let mut r = row![
            button(text(tr(l, open)).size(style::LABEL))
                .style(button::secondary)
                .on_press(Message::OpenPdf),
        ]
        .spacing(style::SPACE);
        if !word {
            r = r.push(
                button(text(tr(l, T::OutputPrint)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press(Message::Print),
            );
        }
        r.into()
    }

    /// The register with "print again" and "void" on each line; a voided entry stays,
    /// marked with its reason.
    pub fn register_view(&self, l: Lang, heading: T) -> Element<'_, Message> {
        let mut col = column![text(tr(l, heading)).font(UI_FONT_STRONG)].spacing(style::SPACE);
        // Each entry: its line across the column, what can be done with it under it (beside
        // it, the line was squeezed to a word a line in the narrow column).
        for r in &self.register {
            col = col.push(text(r.line.as_str()).size(style::LABEL).color(if r.voided {
                style::MUTED
            } else {
                iced::Color::BLACK
            }));
            match r.way {
                Way::Waiting => {
                    // A draft for numbering: record what the văn thư's system gave.
                    let idle = |m: Message| (!self.busy).then_some(m);
                    col = col.push(
                        row![
                            button(text(tr(l, T::SigningRecord)).size(style::LABEL))
                                .style(button::text)
                                .on_press_maybe(idle(Message::SigningAsk(r.id, true))),
                            button(text(tr(l, T::SigningDrop)).size(style::LABEL))
                                .style(button::text)
                                .on_press_maybe(idle(Message::DropAsk(r.id))),
                        ]
                        .spacing(style::SPACE)
                        .wrap(),
                    );
                    continue;
                }
                Way::Eoffice { signed: true } => {
                    col = col.push(
                        text(tr(l, T::SigningKept))
                            .size(style::LABEL)
                            .color(style::OK),
                    );
                }
                Way::Eoffice { signed: false } if !r.voided => {
                    col = col.push(
                        button(text(tr(l, T::SigningAttach)).size(style::LABEL))
                            .style(button::text)
                            .on_press_maybe(
                                (!self.busy).then_some(Message::SigningAsk(r.id, false)),
                            ),
                    );
                }
                _ => {}
            }
            let mut line = row![
                button(text(tr(l, T::DecisionReprint)).size(style::LABEL))
                    .style(button::text)
                    .on_press_maybe((!self.busy).then_some(Message::Reprint(r.id))),
                button(text(tr(l, T::RegisterWord)).size(style::LABEL))
                    .style(button::text)
                    .on_press_maybe((!self.busy).then_some(Message::IssuedWord(r.id))),
            ]
            .spacing(style::SPACE);
            if !r.voided {
                line = line.push(
                    button(text(tr(l, T::OutputVoid)).size(style::LABEL))
                        .style(button::text)
                        .on_press_maybe((!self.busy).then_some(Message::VoidAsk(r.id))),
                );
            }
            line = line.push(
                button(text(tr(l, T::RegisterTrail)).size(style::LABEL))
                    .style(button::text)
                    .on_press(Message::Trail(r.id)),
            );
            col = col.push(line.wrap());
            if self.trail_open == Some(r.id) {
                for e in &r.trail {
                    col = col.push(
                        text(format!("    {}  ·  {}  ·  {}", e.at, e.user, e.what.get(l)))
                            .size(style::LABEL)
                            .color(style::MUTED),
                    );
                }
            }
        }
        col.into()
    }

    /// The pages as they will print: the page count and pager, fit page, fit width
    /// and zoom steps, as a PDF viewer has them; the page scrolls with the wheel and
    /// PageUp / PageDown.
    pub fn preview(&self, l: Lang) -> Element<'_, Message> {
        let Some(laid) = &self.laid else {
            return text("").into();
        };
        let mode = |label: T, zoom: Zoom| {
            button(text(tr(l, label)).size(style::LABEL))
                .style(if self.zoom == zoom {
                    button::primary
                } else {
                    button::secondary
                })
                .on_press(Message::Zoom(zoom))
        };
        let percent = match self.zoom {
            Zoom::Percent(p) => crate::app::parts::names::figure(l, &format!("{p} %")).into_owned(),
            Zoom::FitPage | Zoom::FitWidth => String::new(),
        };
        let bar = row![
            widgets::pager(
                tr(l, T::DecisionPage),
                self.page,
                Some(laid.pages.len()),
                false,
                Message::Page
            ),
            mode(T::PreviewFitPage, Zoom::FitPage),
            mode(T::PreviewFitWidth, Zoom::FitWidth),
            button(text("−"))
                .style(button::secondary)
                .on_press(Message::ZoomStep(false)),
            text(percent).size(style::LABEL).width(48).center(),
            button(text("+"))
                .style(button::secondary)
                .on_press(Message::ZoomStep(true)),
        ]
        .spacing(style::SPACE)
        .align_y(iced::Alignment::Center)
        // On a narrow preview (a 1024-wide screen) the zoom buttons go under the pager.
        .wrap()
        .vertical_spacing(style::SPACE);
        column![
            bar,
            canvas(PagePreview {
                laid: laid.clone(),
                page: self.page,
                fonts: self.fonts(),
                zoom: self.zoom,
                on: Message::Preview,
            })
            .width(Length::Fill)
            .height(Length::Fill),
        ]
        .spacing(style::SPACE)
        .into()
    }
}

/// The office's jobs for one kind of document (decisions, reports): the output part
/// runs them the same way for each.
pub struct Jobs<R> {
    pub save: fn(&Store, &R, &Target, &Fonts) -> office::Result<Saved>,
    pub issue: fn(&mut Store, &R, &Target, &Fonts) -> office::Result<Saved>,
    /// The file name of a reprint of entry `id`.
    pub reprint_name: fn(&Store, i64) -> office::Result<String>,
    pub reprint: fn(&Store, i64, &Target, &Fonts) -> office::Result<Saved>,
    pub void: fn(&mut Store, i64, &str) -> office::Result<Msg>,
    /// The draft as a Word copy.
    pub word: fn(&Store, &R, &Target, &Fonts) -> office::Result<WordSaved>,
    /// The Word copy of an issued entry.
    pub issued_word: fn(&Store, i64, &Target, &Fonts) -> office::Result<WordSaved>,
    /// The draft for the văn thư to number, kept as waiting.
    pub for_numbering: fn(&mut Store, &R, &Target, &Fonts) -> office::Result<DraftSaved>,
    /// Which register the e-office's jobs write to.
    pub doc: crate::store::DocKind,
}

impl State {
    /// Runs the job an [`Event`] asks for. `request` is the screen's document as the
    /// form describes it (needed for a write only; `Ok(None)` while incomplete). The
    /// events the screen acts on itself (`Written`, `Voided`) come back.
    pub fn run<R: Send + 'static>(
        &mut self,
        event: Event,
        request: Result<Option<R>, Error>,
        db: &Db,
        jobs: &Jobs<R>,
    ) -> (Task<Message>, Option<Event>) {
        let fonts = self.fonts();
        let task = match event {
            Event::Write { target, job } => {
                let req = match request {
                    Ok(Some(r)) => r,
                    Ok(None) => {
                        self.busy = false;
                        return (Task::none(), None);
                    }
                    Err(e) => {
                        self.refuse(e);
                        return (Task::none(), None);
                    }
                };
                let (save, issue_it, word) = (jobs.save, jobs.issue, jobs.word);
                let numbering = jobs.for_numbering;
                match job {
                    Job::ForNumbering => crate::app::query(
                        db,
                        move |s| numbering(s, &req, &target, &fonts).map(Box::new),
                        Message::Drafted,
                    ),
                    Job::Word => crate::app::query(
                        db,
                        move |s| word(s, &req, &target, &fonts),
                        Message::WordDone,
                    ),
                    Job::Issue => crate::app::query(
                        db,
                        move |s| issue_it(s, &req, &target, &fonts),
                        Message::Done,
                    ),
                    Job::Pdf => crate::app::query(
                        db,
                        move |s| save(s, &req, &target, &fonts),
                        Message::Done,
                    ),
                }
            }
            Event::IssuedWord { id, folder } => {
                let (name, word) = (jobs.reprint_name, jobs.issued_word);
                crate::app::query(
                    db,
                    move |s| {
                        // `QD-23-27-07-2022-ban-word.docx` beside the reprints.
                        let reprint = name(s, id)?;
                        let stem = reprint.trim_end_matches(".pdf");
                        let stem = stem.trim_end_matches("-ban-in-lai");
                        let path = folder.join(format!("{stem}-ban-word.docx"));
                        let saved = word(s, id, &Target::free(&path), &fonts)?;
                        Ok((saved.path.clone(), saved.summary()))
                    },
                    Message::Copied,
                )
            }
            Event::Reprint { id, folder } => {
                let (name, reprint) = (jobs.reprint_name, jobs.reprint);
                crate::app::query(
                    db,
                    move |s| {
                        let target = Target::free(&folder.join(name(s, id)?));
                        let saved = reprint(s, id, &target, &fonts)?;
                        Ok((saved.path.clone(), saved.summary()))
                    },
                    Message::Copied,
                )
            }
            Event::Void { id, reason } => {
                let void = jobs.void;
                crate::app::query(db, move |s| void(s, id, &reason), Message::Voided)
            }
            Event::DropDraft { id, reason } => crate::app::query(
                db,
                move |s| eoffice::drop_draft(s, id, &reason),
                Message::Voided,
            ),
            Event::Register(req) => crate::app::query(
                db,
                move |s| eoffice::register(s, &req, &fonts).map(|r| r.summary()),
                Message::Signed,
            ),
            Event::Attach { id, file, anyway } => {
                let doc = jobs.doc;
                crate::app::query(
                    db,
                    move |s| eoffice::attach(s, doc, id, &file, anyway),
                    Message::Signed,
                )
            }
            other => return (Task::none(), Some(other)),
        };
        (task, None)
    }
}

/// Builds a document under the database lock, then lays it out without it.
pub fn lay_out<M: Send + 'static>(
    db: &Db,
    fonts: Fonts,
    build: impl FnOnce(&Store) -> office::Result<Document> + Send + 'static,
    done: impl Fn(Result<Arc<Laid>, Error>) -> M + Send + 'static,
) -> Task<M> {
    let db = db.clone();
    Task::perform(
        async move {
            let doc = {
                let store = lock(&db);
                build(&store)?
            };
            Ok(Arc::new(office::decisions::layout(&doc, &fonts)))
        },
        done,
    )
}

/// The decision and report screens' output part.
pub type Output = State;
