//! The province's Communes: every commune of the official list with its sheet of the
//! period — on time, late or missing, its teams, members, activities and people
//! reached, a bar for its activities beside the others' — found by name without
//! accents; one chosen shows its indicators and the history of every sheet it sent.

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::names;
use crate::app::{Context, UI_FONT_STRONG, query, style};
use crate::domain::period::Period;
use crate::domain::{Lang, vndate};
use crate::office::Error;
use crate::office::province::Status;
use crate::office::province::communes::{self, CommuneLine, HistoryLine};

#[derive(Debug, Default)]
pub struct State {
    pub period: String,
    pub lines: Vec<CommuneLine>,
    pub search: String,
    /// The commune chosen (its code) and the history of its sheets.
    pub chosen: Option<u32>,
    pub history: Vec<HistoryLine>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Period(String),
    Show,
    Loaded(Result<Vec<CommuneLine>, Error>),
    Search(String),
    Choose(u32),
    /// The history of the commune of the code (a late answer for another is dropped).
    History(u32, Result<Vec<HistoryLine>, Error>),
}

/// A figure of a sheet, `—` when the sheet left it empty.
fn figure(l: Lang, v: Option<i64>) -> String {
    v.map_or_else(
        || "—".to_string(),
        |n| names::figure(l, &crate::domain::number::int(n)).into_owned(),
    )
}

impl State {
    pub fn new() -> Self {
        Self {
            period: crate::app::screens::activities::return_sheets::last_month(),
            ..Default::default()
        }
    }

    pub fn load(&self, ctx: &Context<'_>) -> Task<Message> {
        let mut tasks = vec![match Period::parse(&self.period) {
            Ok(p) => query(
                ctx.db,
                move |s| communes::communes(s, p).map(|(_, l)| l),
                Message::Loaded,
            ),
            Err(e) => Task::done(Message::Loaded(Err(Error::invalid(e)))),
        }];
        if let Some(code) = self.chosen {
            tasks.push(query(
                ctx.db,
                move |s| communes::history(s, code),
                move |r| Message::History(code, r),
            ));
        }
        Task::batch(tasks)
    }

    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::Period(p) => {
                self.period = p;
                Task::none()
            }
            Message::Show => self.load(ctx),
            Message::Loaded(Ok(lines)) => {
                self.lines = lines;
                self.error = None;
                Task::none()
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Search(s) => {
                self.search = s;
                Task::none()
            }
            Message::Choose(code) => {
                self.chosen = (self.chosen != Some(code)).then_some(code);
                self.history.clear();
                match self.chosen {
                    Some(code) => query(
                        ctx.db,
                        move |s| communes::history(s, code),
                        move |r| Message::History(code, r),
                    ),
                    None => Task::none(),
                }
            }
            Message::History(code, _) if self.chosen != Some(code) => Task::none(),
            Message::History(_, Ok(h)) => {
                self.history = h;
                Task::none()
            }
            Message::History(_, Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
        }
    }

    /// The communes the search keeps (accents, case and apostrophes aside).
    fn shown(&self) -> Vec<&CommuneLine> {
        let want = crate::domain::units::key(&self.search);
        self.lines
            .iter()
            .filter(|c| {
                want.is_empty()
                    || crate::domain::units::key(&c.unit).contains(&want)
                    || c.code.to_string() == self.search.trim()
            })
            .collect()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let most = self
            .lines
            .iter()
            .filter_map(|c| c.figures.as_ref().and_then(|f| f.activities))
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        let head = |t: T, w: f32| {
            text(tr(l, t))
                .size(style::LABEL)
                .font(UI_FONT_STRONG)
                .width(w)
        };
        let mut table = column![
            row![
                head(T::ProvinceColUnit, 260.0),
                head(T::ProvinceColStatus, 120.0),
                head(T::ProvinceColTeams, 60.0),
                head(T::ProvinceColMembers, 80.0),
                head(T::ProvinceColActivities, 80.0),
                head(T::ProvinceColPeople, 90.0),
                head(T::ProvinceColChart, 140.0),
            ]
            .spacing(style::SPACE)
        ]
        .spacing(2);
        let shown = self.shown();
        for c in &shown {
            let f = c.figures.as_ref();
            let status = match c.status {
                Status::OnTime => (tr(l, T::ProvinceOnTime), style::OK),
                Status::Late => (tr(l, T::ProvinceLate), style::WARNING),
                Status::Missing => (tr(l, T::ProvinceMissing), style::ERROR),
            };
            let cell = |s: String, w: f32| text(s).size(style::LABEL).width(w);
            let activities = f.and_then(|f| f.activities).unwrap_or(0) as f32;
            let line = row![
                cell(names::place(l, &c.unit).into_owned(), 260.0),
                text(status.0.trim_end_matches(':'))
                    .size(style::LABEL)
                    .color(status.1)
                    .width(120.0),
                cell(figure(l, f.and_then(|f| f.teams)), 60.0),
                cell(figure(l, f.and_then(|f| f.members)), 80.0),
                cell(figure(l, f.and_then(|f| f.activities)), 80.0),
                cell(figure(l, f.and_then(|f| f.people)), 90.0),
                progress_bar(0.0..=most, activities).length(140).girth(10),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center);
            let pick = button(line)
                .style(if self.chosen == Some(c.code) {
                    button::secondary
                } else {
                    button::text
                })
                .padding([2, 4])
                .on_press(Message::Choose(c.code));
            table = table.push(pick);
            if self.chosen == Some(c.code) {
                table = table.push(self.chosen_view(l, c));
            }
        }
        let col = column![
            text(tr(l, T::ProvinceNavCommunes))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            row![
                text(tr(l, T::ReportPeriod)),
                text_input("2026-11", &self.period)
                    .on_input(Message::Period)
                    .on_submit(Message::Show)
                    .padding(style::PAD_FIELD)
                    .width(120.0),
                button(text(tr(l, T::ProvinceShow)))
                    .style(button::secondary)
                    .on_press(Message::Show),
                text_input(tr(l, T::ProvinceSearch), &self.search)
                    .id("province_search")
                    .on_input(Message::Search)
                    .padding(style::PAD_FIELD),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center),
            text(format!(
                "{} {} / {}",
                tr(l, T::ProvinceShown),
                shown.len(),
                self.lines.len()
            ))
            .size(style::HINT)
            .color(style::MUTED),
            crate::app::parts::widgets::status(l, None, self.error.as_ref()),
            scrollable(table.padding(style::PAD_SCROLLED)).height(Length::Fill),
        ]
        .spacing(style::SPACE);
        col.into()
    }

    /// The chosen commune: its indicators of the period and every sheet it sent.
    fn chosen_view<'a>(&'a self, l: Lang, c: &'a CommuneLine) -> Element<'a, Message> {
        let mut col = column![].spacing(style::SPACE_TIGHT);
        if let Some(f) = &c.figures {
            if !f.report_number.trim().is_empty() {
                col = col.push(
                    text(format!(
                        "{} {}{}",
                        tr(l, T::ProvinceReportNumber),
                        f.report_number,
                        f.report_date
                            .map(|d| format!(", {}", vndate::short(d)))
                            .unwrap_or_default()
                    ))
                    .size(style::LABEL),
                );
            }
            for i in &f.indicators {
                let share = i.share.map_or("—".to_string(), |s| {
                    names::figure(l, &crate::domain::number::percent(s, 2)).into_owned()
                });
                let target = i
                    .target
                    .map(|t| {
                        format!(
                            " / {} {}",
                            tr(l, T::ProvinceTarget),
                            names::figure(l, &crate::domain::number::decimal(t, 2))
                        )
                    })
                    .unwrap_or_default();
                col = col.push(
                    text(format!("{}: {share}{target}", names::indicator(l, &i.name)))
                        .size(style::LABEL),
                );
            }
        }
        col = col.push(
            text(tr(l, T::ProvinceHistory))
                .size(style::LABEL)
                .font(UI_FONT_STRONG),
        );
        if self.history.is_empty() {
            col = col.push(
                text(tr(l, T::OverviewNone))
                    .size(style::LABEL)
                    .color(style::MUTED),
            );
        }
        for h in &self.history {
            let mut said = format!(
                "{}  ·  {}  ·  {}",
                h.period,
                vndate::short(h.received_on),
                h.file_name
            );
            if h.by_hand {
                said.push_str(&format!("  ·  {}", tr(l, T::ProvinceByHand)));
            }
            if h.replaced {
                said.push_str(&format!("  ·  {}", tr(l, T::ProvinceReplaced)));
            }
            col = col.push(text(said).size(style::LABEL).color(if h.replaced {
                style::MUTED
            } else {
                iced::Color::BLACK
            }));
        }
        container(col)
            .padding(style::PAD_BOX)
            .style(container::bordered_box)
            .width(Length::Fill)
            .into()
    }
}
