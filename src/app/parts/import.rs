//! The import assistant on the Members screen: a spreadsheet (.xlsx, .xls, .ods, .csv)
//! chosen or typed, the team the lines join, then a preview before anything is
//! written — the sheet, how its columns were matched (changeable as `field=column`),
//! every line with what will become of it and its problems by field — and "Nhập" writes
//! all lines in one step (or the good ones, when asked to leave the bad ones out).

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::member_form::TeamChoice;
use crate::app::{UI_FONT_STRONG, parts::widgets, style};
use crate::domain::Lang;
use crate::office::member_import::{self, ImportRequest, Outcome, Preview};

/// Lines shown in the preview; the rest are counted.
const SHOWN: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Import {
    pub path: String,
    pub team: Option<TeamChoice>,
    pub sheet: Option<String>,
    /// Changes to the column matching: `phone=E; notes=` (field=column, `;` between).
    pub map: String,
    pub skip_bad: bool,
    pub preview: Option<Preview>,
    pub busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Path(String),
    Browse,
    Browsed(Option<PathBuf>),
    Team(TeamChoice),
    Sheet(String),
    Map(String),
    SkipBad(bool),
    Preview,
    Import,
    Close,
}

/// What the assistant asks of the Members screen.
pub enum Event {
    /// Ask the desktop for a file.
    Browse,
    /// Read the file and show what would be done (nothing written).
    Preview(ImportRequest),
    /// Write the lines.
    Import(ImportRequest),
    Close,
}

impl Import {
    pub fn new(team: Option<TeamChoice>) -> Self {
        Self {
            team,
            ..Self::default()
        }
    }

    fn request(&self, lang: Lang) -> Option<ImportRequest> {
        let team = self.team.as_ref()?.id;
        let path = self.path.trim();
        if path.is_empty() {
            return None;
        }
        let map = self
            .map
            .split([';', '\n'])
            .filter_map(|pair| {
                let (field, column) = pair.split_once('=')?;
                Some((field.trim().to_string(), column.trim().to_string()))
            })
            .filter(|(f, _)| !f.is_empty())
            .collect();
        Some(ImportRequest {
            file: PathBuf::from(path),
            team,
            sheet: self.sheet.clone(),
            map,
            skip_bad: self.skip_bad,
            lang,
            ..ImportRequest::default()
        })
    }

    pub fn update(&mut self, message: Message, lang: Lang) -> Option<Event> {
        match message {
            Message::Path(p) => {
                self.path = p;
                self.preview = None;
                self.sheet = None;
            }
            Message::Browse => return Some(Event::Browse),
            Message::Browsed(p) => {
                if let Some(p) = p {
                    self.path = p.display().to_string();
                    self.preview = None;
                    self.sheet = None;
                }
            }
            Message::Team(t) => {
                self.team = Some(t);
                self.preview = None;
            }
            Message::Sheet(s) => {
                self.sheet = Some(s);
                return self.request(lang).map(Event::Preview);
            }
            Message::Map(m) => {
                // Another matching of columns: what was previewed no longer holds, and
                // nothing is imported until it is previewed again.
                self.map = m;
                self.preview = None;
            }
            Message::SkipBad(b) => self.skip_bad = b,
            Message::Preview => return self.request(lang).map(Event::Preview),
            Message::Import => {
                if self.preview.is_some() && !self.busy {
                    return self.request(lang).map(Event::Import);
                }
            }
            Message::Close => return Some(Event::Close),
        }
        None
    }

    pub fn view<'a>(&'a self, l: Lang, teams: &'a [TeamChoice]) -> Element<'a, Message> {
        let mut col = column![
            row![
                text(tr(l, T::ImportTitle))
                    .size(style::HEADING)
                    .font(UI_FONT_STRONG)
                    .width(Length::Fill),
                button(text(tr(l, T::DetailClose)))
                    .style(button::secondary)
                    .on_press(Message::Close),
            ]
            .spacing(10),
            row![
                text_input(tr(l, T::ImportPath), &self.path)
                    .id("import_path")
                    .on_input(Message::Path)
                    .on_submit(Message::Preview)
                    .padding(style::PAD_FIELD)
                    .width(Length::FillPortion(3)),
                button(text(tr(l, T::ImportBrowse)))
                    .style(button::secondary)
                    .on_press(Message::Browse),
                widgets::picker(
                    teams,
                    self.team.clone(),
                    Some(tr(l, T::ImportTeam)),
                    Length::FillPortion(2),
                    Message::Team
                ),
                button(text(tr(l, T::ImportPreview)))
                    .style(button::primary)
                    .on_press_maybe(
                        (!self.busy && self.team.is_some() && !self.path.trim().is_empty())
                            .then_some(Message::Preview)
                    ),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(10);
        let Some(p) = &self.preview else {
            col = col.push(text(tr(l, T::ImportHint)).color(style::MUTED));
            return container(col)
                .padding(14)
                .style(container::bordered_box)
                .width(Length::Fill)
                .into();
        };
        col = col.push(
            row![
                text(tr(l, T::ImportSheet)),
                widgets::picker(
                    p.sheets.as_slice(),
                    Some(p.sheet.clone()),
                    None,
                    Length::Fixed(260.0),
                    Message::Sheet
                ),
                text(format!("{} {}", tr(l, T::ImportHeaderRow), p.header_row)).color(style::MUTED),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        );
        let mut mapping = column![text(tr(l, T::ImportMapping)).font(UI_FONT_STRONG)].spacing(2);
        for line in p.mapping_lines(l) {
            mapping = mapping.push(text(line.replace('\t', "  ←  ")).size(style::LABEL));
        }
        col = col.push(mapping);
        col = col.push(
            text_input(tr(l, T::ImportMap), &self.map)
                .on_input(Message::Map)
                .on_submit(Message::Preview)
                .padding(style::PAD_FIELD),
        );
        let c = p.counts();
        let counts = match l {
            Lang::Vi => format!(
                "Sẽ thêm {} người, liên kết {} người đã có, bỏ qua {} dòng, {} dòng có lỗi.",
                c.added, c.linked, c.skipped, c.bad
            ),
            Lang::En => format!(
                "Will add {}, link {} already known, skip {}; {} with errors.",
                c.added, c.linked, c.skipped, c.bad
            ),
        };
        col = col.push(text(counts).font(UI_FONT_STRONG));
        let can_import = !self.busy && (c.bad == 0 || self.skip_bad) && c.added + c.linked > 0;
        col = col.push(
            row![
                checkbox(self.skip_bad)
                    .label(tr(l, T::ImportSkipBad))
                    .on_toggle(Message::SkipBad),
                button(text(tr(l, T::ImportRun)))
                    .style(button::primary)
                    .on_press_maybe(can_import.then_some(Message::Import)),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        );
        let mut lines = column![].spacing(2);
        for line in p.lines.iter().take(SHOWN) {
            let (what, why) = member_import::describe(&line.outcome, l);
            let color = match line.outcome {
                Outcome::Bad(_) => style::ERROR,
                Outcome::Skip(_) => style::MUTED,
                _ => iced::Color::BLACK,
            };
            lines = lines.push(
                text(format!("{}  {}  {what}  {why}", line.row, line.name))
                    .size(style::LABEL)
                    .color(color),
            );
        }
        if p.lines.len() > SHOWN {
            lines = lines.push(text(format!("… {}", p.lines.len() - SHOWN)).color(style::MUTED));
        }
        col = col.push(scrollable(lines).height(Length::Fill));
        container(col)
            .padding(14)
            .style(container::bordered_box)
            .width(Length::Fill)
            .into()
    }
}
