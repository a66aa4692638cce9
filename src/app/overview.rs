//! Overview: the commune at a glance — teams, member counts, warnings, villages
//! without a team.

use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length, Task};

use super::i18n::{T, tr};
use super::{Db, UI_FONT_STRONG, query, style};
use crate::domain::{Lang, Msg};

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
    /// The latest issued decisions, newest first.
    pub decisions: Vec<String>,
    pub deadlines: Option<Deadlines>,
}

/// The monthly reports of the month just ended: who has reported, and by when.
#[derive(Debug, Clone, Default)]
pub struct Deadlines {
    pub period: String,
    pub village_due: String,
    pub commune_due: String,
    /// (team name, reported, overdue).
    pub villages: Vec<(String, bool, bool)>,
    pub commune_reported: bool,
    pub commune_overdue: bool,
    /// The next reporting day from today.
    pub next: String,
}

/// The reporting days (settings; domain.md: the 18th and the 20th).
pub fn report_days(s: &crate::store::Store) -> Result<(u32, u32), crate::store::StoreError> {
    let day = |key: &str, default: u32| -> Result<u32, crate::store::StoreError> {
        Ok(s.setting(key)?
            .and_then(|v| v.parse().ok())
            .filter(|d| (1..=28).contains(d))
            .unwrap_or(default))
    };
    Ok((
        day("report.village_day", 18)?,
        day("report.commune_day", 20)?,
    ))
}

fn deadlines(
    s: &crate::store::Store,
    commune_id: i64,
    today: chrono::NaiveDate,
) -> Result<Deadlines, crate::store::StoreError> {
    use crate::domain::period::Period;
    let (vday, cday) = report_days(s)?;
    // The month just ended: its reports are due this month (and overdue once past).
    let this = Period::month_of(today);
    let period = Period::month_of(this.first_day().pred_opt().unwrap_or(today));
    let next = [period.due(vday), period.due(cday), this.due(vday)]
        .into_iter()
        .find(|d| *d >= today)
        .unwrap_or(this.due(vday));
    let reported = s.reported(commune_id, &period.code())?;
    let names = s.team_names()?;
    let vdue = period.due(vday);
    let cdue = period.due(cday);
    let mut villages = Vec::new();
    for t in s.teams(commune_id)? {
        if t.village_id.is_some() && t.status != crate::domain::team::TeamStatus::Dissolved {
            let done = reported.contains(&t.id);
            villages.push((
                names.get(&t.id).cloned().unwrap_or_default(),
                done,
                !done && today > vdue,
            ));
        }
    }
    Ok(Deadlines {
        period: period.label_vi(),
        village_due: crate::domain::vndate::short(vdue),
        commune_due: crate::domain::vndate::short(cdue),
        villages,
        commune_reported: reported.contains(&0),
        commune_overdue: !reported.contains(&0) && today > cdue,
        next: crate::domain::vndate::short(next),
    })
}

#[derive(Debug, Default)]
pub struct State {
    pub data: Option<Data>,
    pub error: Option<Msg>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Data, Msg>),
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Data::default());
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
                    .map(|d| format!("{} — {}", d.reference(), d.subject))
                    .collect();
                Ok(Data {
                    commune: c.committee_name(),
                    teams,
                    villages_without_team,
                    decisions,
                    deadlines: Some(deadlines(s, c.id, chrono::Local::now().date_naive())?),
                })
            },
            Message::Loaded,
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Loaded(Ok(d)) => {
                self.data = Some(d);
                self.error = None;
            }
            Message::Loaded(Err(e)) => self.error = Some(e),
        }
        Task::none()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![].spacing(10);
        if let Some(e) = &self.error {
            col = col
                .push(text(format!("{}: {}", tr(l, T::ErrorPrefix), e.get(l))).color(style::ERROR));
        }
        let Some(d) = &self.data else {
            return col.into();
        };
        col = col.push(text(&d.commune).size(24).font(UI_FONT_STRONG));
        if let Some(dl) = &d.deadlines {
            let mut card = column![
                text(format!("{} — {}", tr(l, T::OverviewDeadlines), dl.period))
                    .size(18)
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
                .size(13),
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
                card = card.push(text(format!("{name}: {word}")).size(13).color(color));
            }
            let (word, color) = status(dl.commune_reported, dl.commune_overdue);
            card = card.push(text(format!("{}: {word}", d.commune)).size(13).color(color));
            col = col.push(
                container(card)
                    .padding(10)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            );
        }
        col = col.push(text(tr(l, T::OverviewTeams)).size(18).font(UI_FONT_STRONG));
        for t in &d.teams {
            let mut card = column![
                row![
                    text(&t.name).font(UI_FONT_STRONG).width(Length::Fill),
                    text(format!("{} {}", t.members, tr(l, T::OverviewMembers))),
                ]
                .spacing(12),
                text(format!("Zalo: {}", t.zalo))
                    .size(13)
                    .color(style::MUTED),
            ]
            .spacing(4);
            if t.warnings.is_empty() {
                card = card.push(text(tr(l, T::OverviewNoWarnings)).size(13).color(style::OK));
            }
            for w in &t.warnings {
                card = card.push(
                    text(format!("⚠ {}", w.get(l)))
                        .size(13)
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
                .size(18)
                .font(UI_FONT_STRONG),
        );
        let villages = if d.villages_without_team.is_empty() {
            tr(l, T::OverviewNone).to_string()
        } else {
            d.villages_without_team.join(", ")
        };
        col = col.push(text(villages));
        col = col.push(
            text(tr(l, T::OverviewLatestDecisions))
                .size(18)
                .font(UI_FONT_STRONG),
        );
        if d.decisions.is_empty() {
            col = col.push(text(tr(l, T::OverviewNone)).color(style::MUTED));
        }
        for line in &d.decisions {
            col = col.push(text(line.as_str()));
        }
        scrollable(col.padding(4)).height(Length::Fill).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;

    #[test]
    fn the_month_just_ended_shows_who_reported_and_who_is_overdue() {
        let mut s = crate::store::Store::open_in_memory().unwrap();
        crate::cli::demo::dak_nia(&mut s).unwrap();
        let c = s.home_commune().unwrap().unwrap().id;
        let team = s.village_team_ids(c).unwrap()[0];
        let mut req = crate::cli::report::ReportRequest::new(Period::Month(2026, 10), Some(team));
        req.created = Some("2026-11-15T08:00:00".into());
        let (doc, _) = crate::cli::report::build_report(&mut s, &req).unwrap();
        s.issue_report(&crate::store::NewReport {
            commune_id: c,
            team_id: team,
            period: "2026-10",
            number: 1,
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
            model: &doc,
            pdf_sha256: "x",
        })
        .unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        // On the 17th nothing is late yet.
        let dl = deadlines(&s, c, day(17)).unwrap();
        assert_eq!(dl.period, "tháng 10 năm 2026");
        assert_eq!(
            (dl.village_due.as_str(), dl.commune_due.as_str()),
            ("18/11/2026", "20/11/2026")
        );
        assert_eq!(dl.next, "18/11/2026");
        assert!(dl.villages.iter().all(|(_, _, overdue)| !overdue));
        // On the 19th the village teams that have not reported are overdue; the one
        // that did is not; the commune still has a day.
        let dl = deadlines(&s, c, day(19)).unwrap();
        let done: Vec<bool> = dl.villages.iter().map(|v| v.1).collect();
        assert_eq!(done.iter().filter(|d| **d).count(), 1);
        assert!(
            dl.villages
                .iter()
                .all(|(_, reported, overdue)| *reported != *overdue)
        );
        assert!(!dl.commune_overdue);
        assert_eq!(dl.next, "20/11/2026");
        let dl = deadlines(&s, c, day(22)).unwrap();
        assert!(dl.commune_overdue);
        assert_eq!(dl.next, "18/12/2026");
    }
}
