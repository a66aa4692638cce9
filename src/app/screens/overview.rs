//! Overview: the commune at a glance — teams, member counts, warnings, villages
//! without a team.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::{Context, Db, Screen, UI_FONT_STRONG, query, style};
use crate::domain::{Lang, Msg};
use crate::office::Error;
use crate::office::deadlines::{self, Deadlines};

#[derive(Debug, Clone, Default)]
pub struct TeamLine {
    pub id: i64,
    pub name: String,
    pub members: usize,
    pub warnings: Vec<Msg>,
    pub zalo: String,
}

#[derive(Debug, Clone, Default)]
pub struct Data {
    pub commune: String,
    pub teams: Vec<TeamLine>,
    pub villages_without_team: Vec<String>,
    /// The latest issued decisions, newest first: reference and subject.
    pub decisions: Vec<(String, String)>,
    pub deadlines: Option<Deadlines>,
}

#[derive(Debug, Default)]
pub struct State {
    pub data: Option<Data>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, Error>),
    Open(Screen),
    /// "Lập báo cáo" under a deadline: the commune's report of that period.
    WriteReport(String),
    /// "Nhập phiếu báo cáo của thôn…" under a deadline: the villages' sheets of that
    /// month.
    TakeInSheets(String),
}

/// What the overview asks of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Go to the screen where the clerk acts on what the overview shows.
    Open { screen: Screen },
    /// Write the commune's report of this period (`2026-11`).
    WriteReport { period: String },
    /// Take in the village teams' return sheets of this month.
    TakeInSheets { period: String },
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Box::default());
                };
                let teams = s
                    .team_summaries(c.id)?
                    .into_iter()
                    .map(|t| TeamLine {
                        id: t.team.id,
                        name: t.name,
                        members: t.member_count,
                        warnings: t.warnings.into_iter().map(|w| w.msg).collect(),
                        zalo: t.zalo_group,
                    })
                    .collect();
                let villages_without_team = s
                    .villages_without_team(c.id)?
                    .iter()
                    .map(|v| v.full_name())
                    .collect();
                // Already newest first.
                let decisions = s
                    .issued_decisions(c.id)?
                    .iter()
                    .take(5)
                    .map(|d| (d.reference(), d.subject.clone()))
                    .collect();
                Ok(Box::new(Data {
                    commune: c.committee_name(),
                    teams,
                    villages_without_team,
                    decisions,
                    deadlines: Some(deadlines::of_month_just_ended(
                        s,
                        c.id,
                        chrono::Local::now().date_naive(),
                    )?),
                }))
            },
            Message::Loaded,
        )
    }

    pub fn update(
        &mut self,
        message: Message,
        _ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Loaded(Ok(d)) => {
                self.data = Some(*d);
                self.error = None;
            }
            Message::Loaded(Err(e)) => self.error = Some(e),
            Message::Open(screen) => return (Task::none(), Some(Event::Open { screen })),
            Message::TakeInSheets(period) => {
                return (Task::none(), Some(Event::TakeInSheets { period }));
            }
            Message::WriteReport(period) => {
                return (Task::none(), Some(Event::WriteReport { period }));
            }
        }
        (Task::none(), None)
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![].spacing(10);
        if let Some(e) = &self.error {
            col = col.push(
                text(format!("{}: {}", tr(l, T::ErrorPrefix), e.message(l))).color(style::ERROR),
            );
        }
        let Some(d) = &self.data else {
            return col.into();
        };
        let commune = crate::app::parts::names::committee(l, &d.commune);
        col = col.push(text(commune.to_string()).size(24).font(UI_FONT_STRONG));
        if let Some(dl) = &d.deadlines {
            let mut card = column![
                text(format!(
                    "{} — {}",
                    tr(l, T::OverviewDeadlines),
                    crate::app::parts::names::period(l, &dl.period)
                ))
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
                text(format!(
                    "{}: {} · {}: {} · {}: {}",
                    tr(l, T::SettingsVillageDay),
                    dl.village_due,
                    tr(l, T::SettingsCommuneDay),
                    dl.commune_due,
                    tr(l, T::OverviewNextDeadline),
                    dl.next
                ))
                .size(style::LABEL),
            ]
            .spacing(4);
            let status = |done: bool, overdue: bool| {
                if done {
                    (tr(l, T::OverviewReported), style::OK)
                } else if overdue {
                    (tr(l, T::OverviewOverdue), style::ERROR)
                } else {
                    (tr(l, T::OverviewMissing), style::WARNING)
                }
            };
            for (name, done, overdue) in &dl.villages {
                let (word, color) = status(*done, *overdue);
                let sheet = dl
                    .sheets
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, day)| format!(" ({} {day})", tr(l, T::OverviewSheetTakenIn)))
                    .unwrap_or_default();
                card = card.push(
                    text(format!(
                        "{}: {word}{sheet}",
                        crate::app::parts::names::place(l, name)
                    ))
                    .size(style::LABEL)
                    .color(color),
                );
            }
            let (word, color) = status(dl.commune_reported, dl.commune_overdue);
            card = card.push(
                text(format!("{commune}: {word}"))
                    .size(style::LABEL)
                    .color(color),
            );
            card = card.push(
                row![
                    button(text(tr(l, T::SheetsOpen)).size(style::LABEL))
                        .style(button::secondary)
                        .on_press(Message::TakeInSheets(dl.code.clone())),
                    button(text(tr(l, T::OverviewWriteReport)).size(style::LABEL))
                        .style(button::secondary)
                        .on_press(Message::WriteReport(dl.code.clone())),
                ]
                .spacing(style::SPACE),
            );
            col = col.push(
                container(card)
                    .padding(10)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            );
        }
        col = col.push(
            text(tr(l, T::OverviewTeams))
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
        );
        // A heading never stands over nothing: without a team, where to set one up.
        if d.teams.is_empty() {
            col = col.push(
                row![
                    text(tr(l, T::OverviewNoTeams)).color(style::MUTED),
                    button(text(tr(l, T::NavTeams)).size(style::LABEL))
                        .style(button::secondary)
                        .on_press(Message::Open(Screen::Teams)),
                ]
                .spacing(style::SPACE)
                .align_y(iced::Alignment::Center),
            );
        }
        for t in &d.teams {
            let mut card = column![
                row![
                    text(&t.name).font(UI_FONT_STRONG).width(Length::Fill),
                    text(format!("{} {}", t.members, tr(l, T::OverviewMembers))),
                ]
                .spacing(12),
                text(format!("Zalo: {}", t.zalo))
                    .size(style::LABEL)
                    .color(style::MUTED),
            ]
            .spacing(4);
            if t.warnings.is_empty() {
                card = card.push(
                    text(tr(l, T::OverviewNoWarnings))
                        .size(style::LABEL)
                        .color(style::OK),
                );
            }
            for w in &t.warnings {
                card = card.push(
                    text(format!("⚠ {}", w.get(l)))
                        .size(style::LABEL)
                        .color(style::WARNING),
                );
            }
            col = col.push(
                container(card)
                    .padding(10)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            );
        }
        col = col.push(
            text(tr(l, T::OverviewVillagesWithoutTeam))
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
        );
        let villages = if d.villages_without_team.is_empty() {
            tr(l, T::OverviewNone).to_string()
        } else {
            crate::app::parts::names::place(l, &d.villages_without_team.join(", ")).into_owned()
        };
        col = col.push(text(villages));
        col = col.push(
            text(tr(l, T::OverviewLatestDecisions))
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
        );
        if d.decisions.is_empty() {
            col = col.push(text(tr(l, T::OverviewNone)).color(style::MUTED));
        }
        col = col.push(
            button(text(tr(l, T::OverviewDraftDecision)).size(style::LABEL))
                .style(button::secondary)
                .on_press(Message::Open(Screen::Decision)),
        );
        for (reference, subject) in &d.decisions {
            col = col.push(text(format!(
                "{} — {subject}",
                crate::app::parts::names::reference(l, reference)
            )));
        }
        scrollable(col.padding(4)).height(Length::Fill).into()
    }
}
