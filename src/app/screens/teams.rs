//! Teams: the commune team and the village teams — create, rename, move to another
//! village, change status; villages added; the Zalo group name copied with one click.

use std::fmt;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::{Context, Db, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::place::VillageKind;
use crate::domain::team::{Level, TeamStatus};
use crate::domain::{Field, FieldError, Lang, Msg};

/// The height of the line that offers the commune team (a button's), kept once it is set up.
const COMMUNE_LINE: f32 = 34.0;
use crate::office::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageChoice {
    pub id: i64,
    pub name: String,
}

impl fmt::Display for VillageChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChoice(pub TeamStatus, pub Lang);

impl fmt::Display for StatusChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.1 {
            Lang::Vi => self.0.label_vi(),
            Lang::En => self.0.label_en(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    pub id: i64,
    pub name: String,
    pub custom_name: Option<String>,
    pub level: Level,
    pub village: Option<VillageChoice>,
    pub status: TeamStatus,
    pub zalo: String,
    pub members: usize,
    /// The rule preset's warnings for the team.
    pub warnings: Vec<Msg>,
}

#[derive(Debug, Clone, Default)]
pub struct Data {
    pub commune_id: i64,
    pub teams: Vec<Line>,
    pub villages: Vec<VillageChoice>,
    pub without_team: Vec<VillageChoice>,
    /// The label of the village pick list, from the commune's own village kinds
    /// (`Thôn, tổ dân phố`).
    pub village_label: String,
}

/// The team being edited.
#[derive(Debug, Clone)]
pub struct Edit {
    pub id: i64,
    pub name: String,
    pub level: Level,
    pub village: Option<VillageChoice>,
    pub status: TeamStatus,
}

#[derive(Debug, Default)]
pub struct State {
    pub data: Data,
    pub edit: Option<Edit>,
    pub new_team_village: Option<VillageChoice>,
    pub new_village: String,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    /// The team whose warnings are shown (its warning count was clicked).
    pub warnings_of: Option<i64>,
    /// A village being renamed: its id and the name as typed (`Thôn Phú Lợi`).
    pub renaming: Option<(i64, String)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Data, Error>),
    NewTeamVillage(VillageChoice),
    CreateVillageTeam,
    CreateCommuneTeam,
    NewVillage(String),
    AddVillage,
    Edit(i64),
    EditName(String),
    EditVillage(VillageChoice),
    EditStatus(StatusChoice),
    SaveEdit,
    CancelEdit,
    CopyZalo(String),
    /// Import members from a spreadsheet into this team (its id and name).
    ImportMembers(i64, String),
    Done(Result<Msg, Error>),
    /// Show or hide a team's warnings.
    Warnings(i64),
    RenameVillage(i64),
    VillageName(String),
    SaveVillage,
    CancelVillage,
}

/// What the screen tells the window.
pub enum Event {
    /// Teams or villages changed: the other screens read them again.
    Changed,
    /// "Nhập thành viên từ Excel…" on a team: the import assistant, for that team
    /// (its id and name as this screen shows them).
    ImportMembers { team: i64, name: String },
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Data::default());
                };
                let village = |v: &crate::domain::place::Village| VillageChoice {
                    id: v.id,
                    name: v.title(),
                };
                let teams = s
                    .team_summaries(c.id)?
                    .into_iter()
                    .map(|t| Line {
                        id: t.team.id,
                        custom_name: t.team.custom_name.clone(),
                        level: t.team.level,
                        village: t.village.as_ref().map(village),
                        status: t.team.status,
                        zalo: t.zalo_group,
                        members: t.member_count,
                        warnings: t.warnings.into_iter().map(|w| w.msg).collect(),
                        name: t.name,
                    })
                    .collect();
                let all = s.villages(c.id, false)?;
                Ok(Data {
                    commune_id: c.id,
                    teams,
                    village_label: crate::domain::place::capitalise_first(
                        &crate::domain::place::VillageKind::words_of(&all),
                    ),
                    villages: all.iter().map(village).collect(),
                    without_team: s.villages_without_team(c.id)?.iter().map(village).collect(),
                })
            },
            Message::Loaded,
        )
    }

    /// The edit panel has changes not yet saved.
    pub fn unsaved(&self) -> bool {
        let Some(e) = &self.edit else { return false };
        self.data.teams.iter().any(|t| {
            t.id == e.id
                && (t.custom_name.clone().unwrap_or_else(|| t.name.clone()) != e.name
                    || t.village != e.village
                    || t.status != e.status)
        })
    }

    fn change(
        &mut self,
        db: &Db,
        f: impl FnOnce(&mut crate::store::Store) -> Result<Msg, Error> + Send + 'static,
    ) -> Task<Message> {
        self.error = None;
        query(db, f, Message::Done)
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let db = ctx.db;
        let commune = self.data.commune_id;
        let task = match message {
            Message::Loaded(Ok(d)) => {
                self.data = d;
                Task::none()
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::NewTeamVillage(v) => {
                self.new_team_village = Some(v);
                Task::none()
            }
            Message::CreateVillageTeam => {
                let Some(v) = self.new_team_village.take() else {
                    self.error = Some(refusal(FieldError::new(
                        Field::Village,
                        "cần chọn thôn cho Tổ mới",
                        "choose the village of the new team",
                    )));
                    return (Task::none(), None);
                };
                self.change(db, move |s| {
                    let t = s.create_team(commune, Some(v.id), None)?;
                    let name = s.team_name(&t)?;
                    Ok(Msg::new(
                        format!("Đã lập {name}"),
                        format!("Created {name}"),
                    ))
                })
            }
            Message::CreateCommuneTeam => self.change(db, move |s| {
                let t = s.create_team(commune, None, None)?;
                let name = s.team_name(&t)?;
                Ok(Msg::new(
                    format!("Đã lập {name}"),
                    format!("Created {name}"),
                ))
            }),
            Message::NewVillage(v) => {
                self.new_village = v;
                Task::none()
            }
            Message::Warnings(id) => {
                self.warnings_of = (self.warnings_of != Some(id)).then_some(id);
                Task::none()
            }
            Message::RenameVillage(id) => {
                let typed = self
                    .data
                    .villages
                    .iter()
                    .find(|v| v.id == id)
                    .map(|v| v.name.clone())
                    .unwrap_or_default();
                self.renaming = Some((id, typed));
                iced::widget::operation::focus("village_name")
            }
            Message::VillageName(n) => {
                if let Some((_, typed)) = &mut self.renaming {
                    *typed = n;
                }
                Task::none()
            }
            Message::CancelVillage => {
                self.renaming = None;
                Task::none()
            }
            Message::SaveVillage => {
                let Some((id, typed)) = self.renaming.clone() else {
                    return (Task::none(), None);
                };
                match typed_village(&typed) {
                    Ok((kind, name)) => {
                        self.renaming = None;
                        self.change(db, move |s| {
                            let v = s.rename_village(id, kind, &name)?;
                            let n = v.title();
                            Ok(Msg::new(
                                format!("Đã đổi tên thành {n}"),
                                format!("Renamed to {n}"),
                            ))
                        })
                    }
                    Err(e) => {
                        self.error = Some(e);
                        Task::none()
                    }
                }
            }
            Message::AddVillage => match typed_village(&self.new_village) {
                Ok((kind, name)) => {
                    self.new_village.clear();
                    self.change(db, move |s| {
                        let v = s.add_village(commune, kind, &name)?;
                        let n = v.title();
                        Ok(Msg::new(format!("Đã thêm {n}"), format!("Added {n}")))
                    })
                }
                Err(e) => {
                    self.error = Some(e);
                    Task::none()
                }
            },
            Message::Edit(id) => {
                self.edit = self.data.teams.iter().find(|t| t.id == id).map(|t| Edit {
                    id,
                    name: t.custom_name.clone().unwrap_or_else(|| t.name.clone()),
                    level: t.level,
                    village: t.village.clone(),
                    status: t.status,
                });
                Task::none()
            }
            Message::EditName(n) => {
                if let Some(e) = &mut self.edit {
                    e.name = n;
                }
                Task::none()
            }
            Message::EditVillage(v) => {
                if let Some(e) = &mut self.edit {
                    e.village = Some(v);
                }
                Task::none()
            }
            Message::EditStatus(st) => {
                if let Some(e) = &mut self.edit {
                    e.status = st.0;
                }
                Task::none()
            }
            Message::CancelEdit => {
                self.edit = None;
                Task::none()
            }
            Message::SaveEdit => {
                let Some(e) = self.edit.clone() else {
                    return (Task::none(), None);
                };
                let Some(before) = self.data.teams.iter().find(|t| t.id == e.id).cloned() else {
                    return (Task::none(), None);
                };
                self.change(db, move |s| {
                    // The derived name is kept as no custom name: it follows the village.
                    let custom = (e.name.trim() != before.name).then_some(e.name.as_str());
                    if custom != before.custom_name.as_deref() {
                        s.rename_team(e.id, custom)?;
                    }
                    if let Some(v) = &e.village
                        && Some(v) != before.village.as_ref()
                    {
                        s.move_team(e.id, v.id)?;
                    }
                    if e.status != before.status {
                        s.set_team_status(e.id, e.status)?;
                    }
                    let name = s.team_name(&s.team(e.id)?)?;
                    Ok(Msg::new(format!("Đã lưu {name}"), format!("Saved {name}")))
                })
            }
            Message::ImportMembers(team, name) => {
                return (Task::none(), Some(Event::ImportMembers { team, name }));
            }
            Message::CopyZalo(name) => {
                self.notice = Some(Msg::new(
                    format!("Đã chép: {name}"),
                    format!("Copied: {name}"),
                ));
                return (iced::clipboard::write(name), None);
            }
            Message::Done(Ok(m)) => {
                self.notice = Some(m);
                self.edit = None;
                return (self.load(db), Some(Event::Changed));
            }
            Message::Done(Err(e)) => {
                // The edit panel stays as typed.
                self.error = Some(e);
                Task::none()
            }
        };
        (task, None)
    }

    fn edit_view<'a>(&'a self, l: Lang, e: &'a Edit) -> Element<'a, Message> {
        let statuses: Vec<StatusChoice> = TeamStatus::ALL
            .into_iter()
            .map(|s| StatusChoice(s, l))
            .collect();
        let mut col = column![
            text(tr(l, T::TeamsEdit)).font(UI_FONT_STRONG),
            text(tr(l, T::TeamsName)).size(style::LABEL),
            text_input("", &e.name)
                .id("team_name")
                .on_input(Message::EditName)
                .on_submit(Message::SaveEdit)
                .padding(style::PAD_FIELD),
        ]
        .spacing(6);
        if e.level == Level::Village {
            let label = match l {
                Lang::Vi => self.data.village_label.as_str(),
                Lang::En => tr(l, T::TeamsVillage),
            };
            col = col.push(text(label).size(style::LABEL));
            col = col.push(widgets::picker(
                self.data.villages.as_slice(),
                e.village.clone(),
                None,
                Length::Fill,
                Message::EditVillage,
            ));
        }
        col = col.push(text(tr(l, T::TeamsStatus)).size(style::LABEL));
        col = col.push(widgets::picker(
            statuses,
            Some(StatusChoice(e.status, l)),
            None,
            Length::Fill,
            Message::EditStatus,
        ));
        col = col.push(
            row![
                button(text(tr(l, T::FormSave)))
                    .style(button::primary)
                    .on_press(Message::SaveEdit),
                button(text(tr(l, T::FormCancel)))
                    .style(button::secondary)
                    .on_press(Message::CancelEdit),
            ]
            .spacing(10),
        );
        container(col)
            .padding(12)
            .style(container::bordered_box)
            .into()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![
            text(tr(l, T::NavTeams))
                .size(style::TITLE)
                .font(UI_FONT_STRONG)
        ]
        .spacing(10);
        // The status line is always there, so a message never moves what is under it.
        col = col.push(widgets::status(
            l,
            self.notice.as_ref(),
            self.error.as_ref(),
        ));
        if let Some(e) = &self.edit {
            col = col.push(self.edit_view(l, e));
        }
        let has_commune_team = self.data.teams.iter().any(|t| t.level == Level::Commune);
        // The commune team's button beside the card's title, in a line as tall with it
        // or without it (what is under it never moves once the team is set up).
        let commune_line: Element<'_, Message> = if has_commune_team {
            text(tr(l, T::TeamsCommuneTeamExists))
                .size(style::LABEL)
                .color(style::MUTED)
                .into()
        } else {
            button(text(tr(l, T::TeamsCreateCommune)))
                .style(button::primary)
                .on_press(Message::CreateCommuneTeam)
                .into()
        };
        let mut create = column![
            row![
                text(tr(l, T::TeamsCreate)).size(17).font(UI_FONT_STRONG),
                commune_line
            ]
            .spacing(16)
            .height(COMMUNE_LINE)
            .align_y(iced::Alignment::Center)
        ]
        .spacing(8);
        create = create.push(
            row![
                widgets::picker(
                    self.data.without_team.as_slice(),
                    self.new_team_village.clone(),
                    Some(tr(l, T::TeamsPickVillage)),
                    Length::Fill,
                    Message::NewTeamVillage
                ),
                button(text(tr(l, T::TeamsCreateVillage)))
                    .style(button::primary)
                    .on_press(Message::CreateVillageTeam),
            ]
            .spacing(10),
        );
        create = create.push(
            row![
                text_input(tr(l, T::TeamsNewVillage), &self.new_village)
                    .id("new_village")
                    .on_input(Message::NewVillage)
                    .on_submit(Message::AddVillage)
                    .padding(style::PAD_FIELD)
                    .width(Length::Fill),
                button(text(tr(l, T::TeamsAddVillage)))
                    .style(button::secondary)
                    .on_press(Message::AddVillage),
            ]
            .spacing(10),
        );
        col = col.push(container(create).padding(10).style(container::bordered_box));
        for t in &self.data.teams {
            let status_color = match t.status {
                TeamStatus::Active => style::OK,
                TeamStatus::Reorganising => style::WARNING,
                TeamStatus::Dissolved => style::MUTED,
            };
            let mut info = row![
                text(format!("{} {}", t.members, tr(l, T::OverviewMembers))).size(style::LABEL),
                text(StatusChoice(t.status, l).to_string())
                    .size(style::LABEL)
                    .color(status_color),
            ]
            .spacing(14);
            if !t.warnings.is_empty() {
                // The count opens the warnings it counts.
                info = info.push(
                    button(
                        text(format!(
                            "⚠ {}",
                            crate::app::parts::names::count(
                                l,
                                t.warnings.len() as i64,
                                tr(l, T::TeamsWarningOne),
                                tr(l, T::TeamsWarnings)
                            )
                        ))
                        .size(style::LABEL)
                        .color(style::WARNING),
                    )
                    .style(button::text)
                    .padding(0)
                    .on_press(Message::Warnings(t.id)),
                );
            }
            let mut card = column![
                row![
                    text(&t.name).font(UI_FONT_STRONG).width(Length::Fill),
                    button(text(tr(l, T::TeamsImport)))
                        .style(button::secondary)
                        .on_press(Message::ImportMembers(t.id, t.name.clone())),
                    button(text(tr(l, T::TeamsEdit)))
                        .style(button::secondary)
                        .on_press(Message::Edit(t.id)),
                ]
                .spacing(10),
                info,
                row![
                    text(format!("Zalo: {}", t.zalo))
                        .size(style::LABEL)
                        .color(style::MUTED)
                        .width(Length::Fill),
                    button(text(tr(l, T::TeamsCopyZalo)).size(style::LABEL))
                        .style(button::text)
                        .on_press(Message::CopyZalo(t.zalo.clone())),
                ]
                .spacing(10),
            ]
            .spacing(4);
            if self.warnings_of == Some(t.id) {
                for w in &t.warnings {
                    card = card.push(
                        text(format!("⚠ {}", w.get(l)))
                            .size(style::LABEL)
                            .color(style::WARNING),
                    );
                }
            }
            col = col.push(
                container(card)
                    .padding(10)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            );
        }
        col = col.push(self.villages_view(l));
        scrollable(col.padding(4)).height(Length::Fill).into()
    }

    /// The commune's villages, each with its team (if any) and "rename".
    fn villages_view(&self, l: Lang) -> Element<'_, Message> {
        let mut list =
            column![text(tr(l, T::TeamsVillages)).size(17).font(UI_FONT_STRONG)].spacing(6);
        for v in &self.data.villages {
            let line: Element<'_, Message> = match &self.renaming {
                Some((id, typed)) if *id == v.id => row![
                    text_input("", typed)
                        .id("village_name")
                        .on_input(Message::VillageName)
                        .on_submit(Message::SaveVillage)
                        .padding(style::PAD_FIELD),
                    button(text(tr(l, T::FormSave)))
                        .style(button::primary)
                        .on_press(Message::SaveVillage),
                    button(text(tr(l, T::FormCancel)))
                        .style(button::secondary)
                        .on_press(Message::CancelVillage),
                ]
                .spacing(style::SPACE)
                .into(),
                _ => {
                    let team = self
                        .data
                        .teams
                        .iter()
                        .find(|t| t.village.as_ref().is_some_and(|tv| tv.id == v.id))
                        .map(|t| t.name.clone())
                        .unwrap_or_else(|| tr(l, T::TeamsNoTeam).to_string());
                    row![
                        text(v.name.as_str()).width(Length::FillPortion(2)),
                        text(team)
                            .size(style::LABEL)
                            .color(style::MUTED)
                            .width(Length::FillPortion(3)),
                        button(text(tr(l, T::TeamsRename)).size(style::LABEL))
                            .style(button::text)
                            .on_press(Message::RenameVillage(v.id)),
                    ]
                    .spacing(style::SPACE)
                    .align_y(iced::Alignment::Center)
                    .into()
                }
            };
            list = list.push(line);
        }
        container(list)
            .padding(10)
            .width(Length::Fill)
            .style(container::bordered_box)
            .into()
    }
}

fn refusal(e: FieldError) -> Error {
    Error::invalid(e)
}

/// A village as the clerk types it, its kind first (`Thôn 3`, `Tổ dân phố 2`); refused
/// naming the field when the kind or the name is missing.
fn typed_village(typed: &str) -> Result<(VillageKind, String), Error> {
    match VillageKind::split_typed(typed) {
        Some((kind, name)) if !name.is_empty() => Ok((kind, name)),
        _ => Err(refusal(FieldError::new(
            Field::Village,
            "ghi cả loại và tên, ví dụ “Thôn 3”, “Bon Bu Prăng”, “Tổ dân phố 2”",
            "write the kind and the name, e.g. “Thôn 3”, “Bon Bu Prăng”",
        ))),
    }
}
