//! The villages' return sheets on the Activities screen: "Xuất phiếu cho các thôn"
//! writes every village team's sheet of a month into a folder (one file each, to send
//! in the team's Zalo group); "Nhập phiếu báo cáo của thôn…" takes filled sheets in —
//! one or many files chosen, typed or dropped on the window, a preview of every line
//! and every problem by row and column, then all in one transaction.

use std::path::PathBuf;

use chrono::Datelike;
use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::{Context, UI_FONT_STRONG, query, style};
use crate::domain::period::Period;
use crate::domain::{Lang, Msg, vndate};
use crate::office::Error;
use crate::office::return_sheet::{self, ExportRequest, SheetPreview, TakeInRequest, Teams};

/// Lines of a sheet the preview lists (the rest are counted).
const SHOWN_LINES: usize = 60;

#[derive(Debug, Default)]
pub struct Panel {
    pub open: bool,
    /// The month of the sheets to write (`2026-11`).
    pub month: String,
    pub folder: String,
    /// The filled sheets, one path a line.
    pub files: String,
    pub previews: Option<Vec<SheetPreview>>,
    pub replace: bool,
    pub add_kinds: bool,
    pub busy: bool,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Toggle,
    Month(String),
    Folder(String),
    BrowseFolder,
    FolderPicked(Option<PathBuf>),
    Export,
    Exported(Result<Msg, Error>),
    Files(String),
    Browse,
    Picked(Vec<PathBuf>),
    Preview,
    Previewed(Result<Vec<SheetPreview>, Error>),
    Replace(bool),
    AddKinds(bool),
    TakeIn,
    TakenIn(Result<Msg, Error>),
}

/// What the panel tells the screen.
pub enum Event {
    /// Activities were added or replaced.
    Changed,
}

/// The month before today's (the one the sheets of this month's deadline are for).
pub fn last_month() -> String {
    let today = chrono::Local::now().date_naive();
    let first = today.with_day(1).unwrap_or(today);
    Period::month_of(first.pred_opt().unwrap_or(today)).code()
}

impl Panel {
    /// Opens the panel for a month (the Overview's deadline list), or the last one.
    pub fn open_for(&mut self, month: Option<&str>) {
        self.open = true;
        self.month = month.map_or_else(last_month, str::to_string);
    }

    /// A file dropped on the window: added to the sheets to take in.
    pub fn dropped(&mut self, path: PathBuf) {
        if !self.open {
            self.open_for(None);
        }
        self.add_files(vec![path]);
    }

    fn add_files(&mut self, paths: Vec<PathBuf>) {
        for p in paths {
            let p = p.display().to_string();
            if !self.files.lines().any(|l| l.trim() == p) {
                if !self.files.trim().is_empty() && !self.files.ends_with('\n') {
                    self.files.push('\n');
                }
                self.files.push_str(&p);
            }
        }
        self.previews = None;
    }

    fn paths(&self) -> Vec<PathBuf> {
        self.files
            .lines()
            .map(|l| l.trim().trim_matches('"'))
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    fn request(&self) -> TakeInRequest {
        TakeInRequest {
            files: self.paths(),
            replace: self.replace,
            add_kinds: self.add_kinds,
            today: chrono::Local::now().date_naive(),
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let db = ctx.db;
        let lang = ctx.lang;
        let task = match message {
            Message::Toggle => {
                if self.open {
                    self.open = false;
                } else {
                    self.open_for(None);
                }
                Task::none()
            }
            Message::Month(m) => {
                self.month = m;
                Task::none()
            }
            Message::Folder(f) => {
                self.folder = f;
                Task::none()
            }
            Message::BrowseFolder => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(lang, T::SheetsFolder).to_string();
                Task::perform(
                    async move { dialogs.pick_folder(&title) },
                    Message::FolderPicked,
                )
            }
            Message::FolderPicked(Some(p)) => {
                self.folder = p.display().to_string();
                Task::none()
            }
            Message::FolderPicked(None) => {
                self.notice = Some(Msg::new(
                    tr(Lang::Vi, T::SheetsNoDialog),
                    tr(Lang::En, T::SheetsNoDialog),
                ));
                iced::widget::operation::focus("sheets_folder")
            }
            Message::Export => {
                self.error = None;
                self.notice = None;
                let period = match Period::parse(&self.month) {
                    Ok(p) => p,
                    Err(e) => {
                        self.error = Some(Error::invalid(e));
                        return (Task::none(), None);
                    }
                };
                let folder = if self.folder.trim().is_empty() {
                    ctx.folder.to_path_buf()
                } else {
                    PathBuf::from(self.folder.trim())
                };
                let req = ExportRequest {
                    teams: Teams::AllVillages,
                    period,
                    out: folder.clone(),
                    today: chrono::Local::now().date_naive(),
                };
                self.busy = true;
                query(
                    db,
                    move |s| {
                        if !folder.exists() {
                            std::fs::create_dir_all(&folder)
                                .map_err(|e| Error::file(&folder, &e))?;
                        }
                        let done = return_sheet::export(s, &req)?;
                        let (_, shown) = crate::office::output::named(&done.files[0]);
                        let n = done.files.len();
                        Ok(Msg::new(
                            format!("Đã ghi {n} phiếu báo cáo vào thư mục {shown}."),
                            format!("{n} return sheets written into the folder {shown}."),
                        ))
                    },
                    Message::Exported,
                )
            }
            Message::Exported(r) => {
                self.busy = false;
                match r {
                    Ok(m) => self.notice = Some(m),
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::Files(f) => {
                self.files = f;
                self.previews = None;
                Task::none()
            }
            Message::Browse => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(lang, T::SheetsChooseFiles).to_string();
                Task::perform(async move { dialogs.pick_sheets(&title) }, Message::Picked)
            }
            Message::Picked(paths) => {
                if paths.is_empty() {
                    self.notice = Some(Msg::new(
                        tr(Lang::Vi, T::SheetsNoDialog),
                        tr(Lang::En, T::SheetsNoDialog),
                    ));
                    return (iced::widget::operation::focus("sheets_files"), None);
                }
                self.add_files(paths);
                Task::none()
            }
            Message::Replace(on) => {
                self.replace = on;
                self.previews = None;
                Task::none()
            }
            Message::AddKinds(on) => {
                self.add_kinds = on;
                self.previews = None;
                Task::none()
            }
            Message::Preview => {
                self.error = None;
                self.notice = None;
                if self.paths().is_empty() {
                    self.notice = Some(Msg::new(
                        tr(Lang::Vi, T::SheetsNoFiles),
                        tr(Lang::En, T::SheetsNoFiles),
                    ));
                    return (iced::widget::operation::focus("sheets_files"), None);
                }
                let req = self.request();
                self.busy = true;
                query(
                    db,
                    move |s| return_sheet::preview(s, &req),
                    Message::Previewed,
                )
            }
            Message::Previewed(r) => {
                self.busy = false;
                match r {
                    Ok(p) => self.previews = Some(p),
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::TakeIn => {
                self.error = None;
                self.notice = None;
                let req = self.request();
                self.busy = true;
                query(
                    db,
                    move |s| return_sheet::take_in(s, &req).map(|d| d.summary()),
                    Message::TakenIn,
                )
            }
            Message::TakenIn(r) => {
                self.busy = false;
                return match r {
                    Ok(m) => {
                        self.notice = Some(m);
                        self.previews = None;
                        self.files.clear();
                        self.replace = false;
                        self.add_kinds = false;
                        (Task::none(), Some(Event::Changed))
                    }
                    Err(e) => {
                        self.error = Some(e);
                        (Task::none(), None)
                    }
                };
            }
        };
        (task, None)
    }

    fn sheet_view(&self, l: Lang, p: &SheetPreview) -> Element<'_, Message> {
        let name = p
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut col = column![].spacing(3);
        let head = match (&p.refusal, p.period) {
            (Some(_), _) | (_, None) => name.clone(),
            (None, Some(period)) => format!(
                "{name} — {}, {} {:02}/{} — {} {}",
                p.team_name,
                tr(l, T::SheetsMonthWord),
                period.first_day().month(),
                period.year(),
                p.lines.len(),
                tr(l, T::SheetsLines)
            ),
        };
        col = col.push(text(head).font(UI_FONT_STRONG).size(style::LABEL));
        for r in p.reasons(l) {
            col = col.push(text(r).size(style::LABEL).color(style::ERROR));
        }
        if let Some(e) = &p.earlier
            && p.refusal.is_none()
        {
            col = col.push(
                text(match l {
                    Lang::Vi => format!(
                        "Thay phiếu đã nhập ngày {} ({} hoạt động)",
                        vndate::short(e.received_on),
                        e.lines
                    ),
                    Lang::En => format!(
                        "Replaces the sheet taken in on {} ({} activities)",
                        vndate::short(e.received_on),
                        e.lines
                    ),
                })
                .size(style::LABEL)
                .color(style::WARNING),
            );
        }
        for line in p.lines.iter().take(SHOWN_LINES) {
            let mut parts = vec![
                vndate::short(line.date),
                crate::app::parts::names::kind(l, &line.kind).into_owned(),
            ];
            if line.new_kind {
                parts.push(tr(l, T::SheetsNewKind).to_string());
            }
            if let Some(n) = line.people {
                parts.push(format!("{n} {}", tr(l, T::SheetsPeople)));
            }
            if let Some(n) = line.households {
                parts.push(format!("{n} {}", tr(l, T::SheetsHouseholds)));
            }
            for (name, n) in &line.counts {
                parts.push(format!(
                    "+{n} {}",
                    crate::app::parts::names::indicator(l, name)
                ));
            }
            if !line.participants.is_empty() {
                parts.push(line.participants.join(", "));
            }
            if !line.note.is_empty() {
                parts.push(line.note.clone());
            }
            col = col.push(
                text(format!(
                    "{} {}: {}",
                    tr(l, T::SheetsRow),
                    line.row,
                    parts.join(" · ")
                ))
                .size(style::LABEL),
            );
        }
        if p.lines.len() > SHOWN_LINES {
            col = col.push(
                text(format!("… {}", p.lines.len() - SHOWN_LINES))
                    .size(style::LABEL)
                    .color(style::MUTED),
            );
        }
        for n in &p.notes {
            col = col.push(text(n.message(l)).size(style::LABEL).color(style::MUTED));
        }
        container(col)
            .padding(style::PAD_BOX)
            .width(Length::Fill)
            .style(container::bordered_box)
            .into()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![
            text(tr(l, T::SheetsTitle))
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
            text(tr(l, T::SheetsHint))
                .size(style::LABEL)
                .color(style::MUTED)
                .width(Length::Fill),
            row![
                text_input(tr(l, T::SheetsMonth), &self.month)
                    .id("sheets_month")
                    .on_input(Message::Month)
                    .padding(style::PAD_FIELD)
                    .width(Length::FillPortion(1)),
                text_input(tr(l, T::SheetsFolder), &self.folder)
                    .id("sheets_folder")
                    .on_input(Message::Folder)
                    .padding(style::PAD_FIELD)
                    .width(Length::FillPortion(3)),
                button(text(tr(l, T::SheetsChooseFolder)))
                    .style(button::secondary)
                    .on_press(Message::BrowseFolder),
                button(text(tr(l, T::SheetsExport)))
                    .style(button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Export)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            row![
                text_input(tr(l, T::SheetsFiles), &self.files)
                    .id("sheets_files")
                    .on_input(Message::Files)
                    .on_submit(Message::Preview)
                    .padding(style::PAD_FIELD)
                    .width(Length::Fill),
                button(text(tr(l, T::SheetsChooseFiles)))
                    .style(button::secondary)
                    .on_press(Message::Browse),
                button(text(tr(l, T::SheetsPreview)))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::Preview)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(8);
        let shown = |m: &Msg| m.get(l).to_string();
        if let Some(e) = &self.error {
            col = col.push(
                text(format!("{}: {}", tr(l, T::ErrorPrefix), e.message(l)))
                    .size(style::LABEL)
                    .color(style::ERROR),
            );
        } else if let Some(n) = &self.notice {
            col = col.push(text(shown(n)).size(style::LABEL).color(style::OK));
        }
        if let Some(previews) = &self.previews {
            let mut sheets = column![].spacing(6);
            for p in previews {
                sheets = sheets.push(self.sheet_view(l, p));
            }
            col = col.push(scrollable(sheets).height(Length::Fixed(260.0)));
            let earlier = previews.iter().any(|p| p.earlier.is_some());
            let new_kinds: Vec<&str> = previews
                .iter()
                .flat_map(|p| p.new_kinds.iter().map(String::as_str))
                .collect();
            let mut choices = row![].spacing(16);
            if earlier || self.replace {
                choices = choices.push(
                    checkbox(self.replace)
                        .label(tr(l, T::SheetsReplace))
                        .on_toggle(Message::Replace),
                );
            }
            if !new_kinds.is_empty() || self.add_kinds {
                choices = choices.push(
                    checkbox(self.add_kinds)
                        .label(format!(
                            "{} {}",
                            tr(l, T::SheetsAddKinds),
                            new_kinds.join("; ")
                        ))
                        .on_toggle(Message::AddKinds),
                );
            }
            let ready = !previews.is_empty() && previews.iter().all(SheetPreview::ready);
            col = col.push(
                row![
                    choices,
                    iced::widget::space::horizontal(),
                    button(text(tr(l, T::SheetsTakeIn)))
                        .style(button::primary)
                        .on_press_maybe((ready && !self.busy).then_some(Message::TakeIn)),
                ]
                .spacing(12)
                .align_y(iced::Alignment::Center),
            );
        }
        container(col)
            .padding(12)
            .width(Length::Fill)
            .style(container::bordered_box)
            .into()
    }
}
