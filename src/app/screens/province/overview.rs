//! The province's Overview: the period's sheets received on time, late and missing
//! (whom to remind), and "Nhận biểu của xã…": sheets taken in — one, many or a folder,
//! chosen, typed or dropped on the window — with a preview of each (what it replaces,
//! every problem by row and column), then all or none.

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::{names, widgets};
use crate::app::{Context, UI_FONT_STRONG, query, style};
use crate::domain::period::Period;
use crate::domain::{Lang, Msg, vndate};
use crate::office::Error;
use crate::office::province::{self, Status, Submission, SubmissionLine};

#[derive(Debug, Default)]
pub struct State {
    /// The period shown (`2026-11`).
    pub period: String,
    pub due: Option<NaiveDate>,
    pub lines: Vec<SubmissionLine>,
    /// The sheets to take in.
    pub files: Vec<PathBuf>,
    /// A path typed (for when no dialog opens).
    pub typed: String,
    pub previews: Option<Vec<Submission>>,
    pub busy: bool,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Period(String),
    Show,
    Loaded(Result<(NaiveDate, Vec<SubmissionLine>), Error>),
    Browse,
    BrowseFolder,
    Picked(Vec<PathBuf>),
    Typed(String),
    AddTyped,
    /// Leave the files that would be refused out.
    DropRefused,
    Clear,
    Previewed(Result<Vec<Submission>, Error>),
    TakeIn,
    TakenIn(Result<Msg, Error>),
}

/// What the Overview tells the province's screens.
pub enum Event {
    /// Sheets were taken in: the Communes and Reports read again.
    SheetsTaken,
}

impl State {
    pub fn new() -> Self {
        Self {
            period: crate::app::screens::activities::return_sheets::last_month(),
            ..Default::default()
        }
    }

    pub fn load(&self, ctx: &Context<'_>) -> Task<Message> {
        match Period::parse(&self.period) {
            Ok(p) => query(
                ctx.db,
                move |s| province::submissions(s, p),
                Message::Loaded,
            ),
            Err(e) => Task::done(Message::Loaded(Err(Error::invalid(e)))),
        }
    }

    /// A spreadsheet dropped on the window.
    pub fn dropped(&mut self, path: PathBuf, ctx: &Context<'_>) -> Task<Message> {
        self.add(vec![path]);
        self.preview(ctx)
    }

    fn add(&mut self, paths: Vec<PathBuf>) {
        for p in paths {
            if !self.files.contains(&p) {
                self.files.push(p);
            }
        }
        self.previews = None;
        self.notice = None;
    }

    /// Reads every file again and says what taking them in would do.
    fn preview(&mut self, ctx: &Context<'_>) -> Task<Message> {
        if self.files.is_empty() {
            self.previews = None;
            return Task::none();
        }
        self.busy = true;
        let files = self.files.clone();
        query(
            ctx.db,
            move |s| province::preview(s, &files),
            Message::Previewed,
        )
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let lang = ctx.lang;
        let task = match message {
            Message::Period(p) => {
                self.period = p;
                Task::none()
            }
            Message::Show => self.load(ctx),
            Message::Loaded(Ok((due, lines))) => {
                self.due = Some(due);
                self.lines = lines;
                self.error = None;
                Task::none()
            }
            Message::Loaded(Err(e)) => {
                self.lines.clear();
                self.due = None;
                self.error = Some(e);
                Task::none()
            }
            Message::Browse => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(lang, T::ProvinceTakeInTitle).to_string();
                Task::perform(async move { dialogs.pick_sheets(&title) }, Message::Picked)
            }
            Message::BrowseFolder => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(lang, T::ProvinceTakeInTitle).to_string();
                Task::perform(
                    async move { dialogs.pick_folder(&title).into_iter().collect() },
                    Message::Picked,
                )
            }
            Message::Picked(paths) => {
                if paths.is_empty() {
                    // Cancelled, or no dialog could open: the path can be typed.
                    self.notice = Some(Msg::new(
                        "Chưa chọn tệp. Nếu hộp chọn tệp không hiện ra, hãy gõ đường dẫn của tệp hoặc thư mục rồi bấm Thêm.",
                        "No file was chosen. If no file dialog appeared, type the path of a file or folder and press Add.",
                    ));
                    return (iced::widget::operation::focus("province_sheet_path"), None);
                }
                self.add(paths);
                self.preview(ctx)
            }
            Message::Typed(t) => {
                self.typed = t;
                Task::none()
            }
            Message::AddTyped => {
                let typed = self.typed.trim().trim_matches('"').to_string();
                if typed.is_empty() {
                    return (Task::none(), None);
                }
                self.typed.clear();
                self.add(vec![PathBuf::from(typed)]);
                self.preview(ctx)
            }
            Message::DropRefused => {
                if let Some(previews) = &self.previews {
                    let refused: Vec<PathBuf> = previews
                        .iter()
                        .filter(|p| !p.reasons(lang).is_empty())
                        .map(|p| p.file.clone())
                        .collect();
                    // A folder stays unless every sheet of it was refused.
                    self.files.retain(|f| !refused.contains(f));
                }
                self.preview(ctx)
            }
            Message::Clear => {
                self.files.clear();
                self.previews = None;
                self.error = None;
                Task::none()
            }
            Message::Previewed(r) => {
                self.busy = false;
                match r {
                    Ok(p) => {
                        self.previews = Some(p);
                        self.error = None;
                    }
                    Err(e) => {
                        self.previews = None;
                        self.error = Some(e);
                    }
                }
                Task::none()
            }
            Message::TakeIn => {
                self.busy = true;
                let files = self.files.clone();
                let today = chrono::Local::now().date_naive();
                query(
                    ctx.db,
                    move |s| province::take_in(s, &files, today).map(|d| d.summary()),
                    Message::TakenIn,
                )
            }
            Message::TakenIn(Ok(said)) => {
                self.busy = false;
                self.files.clear();
                self.previews = None;
                self.error = None;
                self.notice = Some(said);
                return (self.load(ctx), Some(Event::SheetsTaken));
            }
            Message::TakenIn(Err(e)) => {
                // Nothing was taken in; the list stays to mend.
                self.busy = false;
                self.error = Some(e);
                Task::none()
            }
        };
        (task, None)
    }

    fn count(&self, status: Status) -> usize {
        self.lines.iter().filter(|l| l.status == status).count()
    }

    pub fn view(&self, l: Lang, province: &str) -> Element<'_, Message> {
        let mut col = column![
            text(format!(
                "{} — {}",
                tr(l, T::NavOverview),
                names::place(l, province)
            ))
            .size(style::TITLE)
            .font(UI_FONT_STRONG),
            row![
                text(tr(l, T::ReportPeriod)),
                text_input("2026-11", &self.period)
                    .id("province_period")
                    .on_input(Message::Period)
                    .on_submit(Message::Show)
                    .padding(style::PAD_FIELD)
                    .width(120),
                button(text(tr(l, T::ProvinceShow)))
                    .style(button::secondary)
                    .on_press(Message::Show),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center),
            text(tr(l, T::ProgressPeriodHint))
                .size(style::HINT)
                .color(style::MUTED),
        ]
        .spacing(style::SPACE);
        if let Some(due) = self.due {
            let n = |s| self.count(s).to_string();
            col = col.push(
                text(format!(
                    "{} {}  ·  {} {}  ·  {} {}  ·  {} {}",
                    tr(l, T::ProvinceOnTime),
                    n(Status::OnTime),
                    tr(l, T::ProvinceLate),
                    n(Status::Late),
                    tr(l, T::ProvinceMissing),
                    n(Status::Missing),
                    tr(l, T::ProvinceDue),
                    vndate::short(due),
                ))
                .font(UI_FONT_STRONG),
            );
            let late: Vec<String> = self
                .lines
                .iter()
                .filter(|x| x.status == Status::Late)
                .map(|x| {
                    format!(
                        "{} ({})",
                        names::place(l, &x.unit),
                        x.received_on.map(vndate::short).unwrap_or_default()
                    )
                })
                .collect();
            if !late.is_empty() {
                col = col.push(
                    text(format!(
                        "{} {}",
                        tr(l, T::ProvinceLateList),
                        late.join(", ")
                    ))
                    .size(style::LABEL),
                );
            }
            let missing: Vec<String> = self
                .lines
                .iter()
                .filter(|x| x.status == Status::Missing)
                .map(|x| names::place(l, &x.unit).into_owned())
                .collect();
            col = col.push(text(tr(l, T::ProvinceRemind)).font(UI_FONT_STRONG));
            col = col.push(
                text(if missing.is_empty() {
                    tr(l, T::OverviewNone).to_string()
                } else {
                    missing.join(", ")
                })
                .size(style::LABEL),
            );
        }
        col = col.push(self.take_in_view(l));
        col = col.push(widgets::status(
            l,
            self.notice.as_ref(),
            self.error.as_ref(),
        ));
        scrollable(col.padding(style::PAD_SCROLLED).max_width(980))
            .height(Length::Fill)
            .into()
    }

    fn take_in_view(&self, l: Lang) -> Element<'_, Message> {
        let idle = |m: Message| (!self.busy).then_some(m);
        let mut card = column![
            text(tr(l, T::ProvinceTakeIn)).font(UI_FONT_STRONG),
            text(tr(l, T::ProvinceTakeInHint))
                .size(style::HINT)
                .color(style::MUTED),
            row![
                button(text(tr(l, T::ProvinceChooseFiles)))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::Browse)),
                button(text(tr(l, T::ProvinceChooseFolder)))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::BrowseFolder)),
            ]
            .spacing(style::SPACE),
            row![
                text_input(tr(l, T::ProvinceTypePath), &self.typed)
                    .id("province_sheet_path")
                    .on_input(Message::Typed)
                    .on_submit(Message::AddTyped)
                    .padding(style::PAD_FIELD),
                button(text(tr(l, T::ProvinceAdd)))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::AddTyped)),
            ]
            .spacing(style::SPACE),
        ]
        .spacing(style::SPACE);
        for f in &self.files {
            card = card.push(text(f.display().to_string()).size(style::LABEL));
        }
        if let Some(previews) = &self.previews {
            let mut refused = 0;
            for p in previews {
                let name = p
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let reasons = p.reasons(l);
                if reasons.is_empty() {
                    let f = p.sheet.as_ref().map(|s| &s.figures);
                    let what = f
                        .map(|f| format!("{} — {}", names::place(l, &f.unit), f.period))
                        .unwrap_or_default();
                    let replaces = p
                        .replaces
                        .map(|d| format!(" ({} {})", tr(l, T::ProvinceReplaces), vndate::short(d)))
                        .unwrap_or_default();
                    card = card.push(
                        text(format!("✓ {name}: {what}{replaces}"))
                            .size(style::LABEL)
                            .color(style::OK),
                    );
                } else {
                    refused += 1;
                    for r in reasons {
                        card = card.push(
                            text(format!("✗ {r}"))
                                .size(style::LABEL)
                                .color(style::ERROR),
                        );
                    }
                }
            }
            let mut buttons = row![].spacing(style::SPACE);
            if refused == 0 {
                buttons = buttons.push(
                    button(text(format!(
                        "{} ({})",
                        tr(l, T::ProvinceTakeInNow),
                        previews.len()
                    )))
                    .style(button::primary)
                    .on_press_maybe(idle(Message::TakeIn)),
                );
            } else {
                card = card.push(
                    text(tr(l, T::ProvinceNoneTaken))
                        .size(style::LABEL)
                        .color(style::WARNING),
                );
                buttons = buttons.push(
                    button(text(tr(l, T::ProvinceDropRefused)))
                        .style(button::secondary)
                        .on_press_maybe(idle(Message::DropRefused)),
                );
            }
            buttons = buttons.push(
                button(text(tr(l, T::ProvinceClear)))
                    .style(button::text)
                    .on_press_maybe(idle(Message::Clear)),
            );
            card = card.push(buttons);
        }
        container(card)
            .padding(style::PAD_BOX)
            .style(container::bordered_box)
            .into()
    }
}
