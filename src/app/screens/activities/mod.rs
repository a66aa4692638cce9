//! Activities: the log (filtered by team, village, month, kind; paged) and a quick entry
//! form that keeps the day, team and kind after saving, for typing many in a row.
//! Edits are checked against the version read; deleting asks first.

use std::fmt;
use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

pub mod return_sheets;

use crate::app::i18n::{T, tr};
use crate::app::parts::member_form::TeamChoice;
use crate::app::screens::activity_form;
use crate::app::{Context, Db, Shortcut, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::activity::ActivityInput;
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang, Msg, number, vndate};
use crate::office::Error;
use crate::store::{ActivityQuery, Evidence};

pub const PAGE: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindChoice {
    pub id: i64,
    pub name: String,
}

impl fmt::Display for KindChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// One line of the log.
#[derive(Debug, Clone)]
pub struct Line {
    pub id: i64,
    pub version: i64,
    pub date: String,
    pub team: String,
    pub kind: String,
    pub people: String,
    pub households: String,
    /// (count, unit, indicator's name) of what the activity adds.
    pub counts: Vec<(i64, String, String)>,
    pub note: String,
    pub participants: usize,
    pub evidence: Vec<Evidence>,
}

/// What the screen needs to know once.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub commune_id: i64,
    pub teams: Vec<TeamChoice>,
    /// Each team's village.
    pub villages: Vec<(i64, Option<i64>)>,
    pub kinds: Vec<KindChoice>,
    /// (id, name, unit).
    pub indicators: Vec<(i64, String, String)>,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub input: ActivityInput,
    pub team: Option<TeamChoice>,
    pub kind: Option<KindChoice>,
    /// Editing a saved activity: (id, version read).
    pub editing: Option<(i64, i64)>,
    pub errors: Vec<FieldError>,
    pub tried: bool,
    pub saving: bool,
    pub dirty: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub lists: Lists,
    pub team: Option<TeamChoice>,
    pub kind: Option<KindChoice>,
    /// `2026-10`: the month shown; empty for every month.
    pub month: String,
    pub page: usize,
    pub lines: Vec<Line>,
    pub total: usize,
    pub form: Option<Form>,
    pub confirm_delete: Option<(i64, i64, String)>,
    /// A new kind of activity being typed.
    pub new_kind: String,
    /// The current members of the form's team: (person id, name).
    pub members: Vec<(i64, String)>,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    generation: u64,
    /// The kind of the activity saved last: a new record starts on it.
    pub last_kind: Option<KindChoice>,
    /// "Xuất Excel": the log as the filter shows it, every page.
    pub export: crate::app::parts::export::Export,
    /// The villages' return sheets.
    pub sheets: return_sheets::Panel,
}

#[derive(Debug, Clone)]
pub enum Message {
    ListsLoaded(Result<Lists, Error>),
    Team(TeamChoice),
    AllTeams,
    Kind(KindChoice),
    AllKinds,
    Month(String),
    Page(usize),
    Loaded(u64, Result<(Vec<Line>, usize), Error>),
    New,
    Edit(i64),
    Opened(Result<Box<(crate::domain::activity::Activity, i64)>, Error>),
    Input(Field, String),
    Count(usize, String),
    FormTeam(TeamChoice),
    FormKind(KindChoice),
    Save,
    Cancel,
    Saved(Result<Msg, Error>),
    Delete(i64, i64, String),
    ConfirmDelete(bool),
    AddEvidence(i64),
    EvidencePicked(i64, Option<PathBuf>),
    OpenEvidence(PathBuf),
    MembersLoaded(i64, Result<Vec<(i64, String)>, Error>),
    Participant(i64, bool),
    NewKind(String),
    AddKind,
    KindAdded(Result<Msg, Error>),
    Finished(Result<(), Error>),
    Export(crate::app::parts::export::Message),
    Sheets(return_sheets::Message),
}

/// What the screen tells the window.
pub enum Event {
    /// Activities changed: progress and reports read them again.
    Changed,
}

pub const COUNT_IDS: [&str; 8] = [
    "count_0", "count_1", "count_2", "count_3", "count_4", "count_5", "count_6", "count_7",
];

impl State {
    pub fn load_lists(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Lists::default());
                };
                let names = s.team_names()?;
                let teams_all = s.teams(c.id)?;
                Ok(Lists {
                    commune_id: c.id,
                    teams: teams_all
                        .iter()
                        .map(|t| TeamChoice {
                            id: t.id,
                            name: names.get(&t.id).cloned().unwrap_or_default(),
                        })
                        .collect(),
                    villages: teams_all.iter().map(|t| (t.id, t.village_id)).collect(),
                    kinds: s
                        .activity_types(c.id)?
                        .into_iter()
                        .map(|(id, name)| KindChoice { id, name })
                        .collect(),
                    indicators: s
                        .indicators()?
                        .into_iter()
                        .map(|i| (i.id, i.name, i.unit))
                        .collect(),
                })
            },
            Message::ListsLoaded,
        )
    }

    fn query(&self) -> Result<ActivityQuery, Error> {
        let (from, to) = if self.month.trim().is_empty() {
            (None, None)
        } else {
            let p = Period::parse(&self.month)?;
            (Some(p.first_day()), Some(p.last_day()))
        };
        Ok(ActivityQuery {
            commune_id: self.lists.commune_id,
            team_id: self.team.as_ref().map(|t| t.id),
            type_id: self.kind.as_ref().map(|k| k.id),
            from,
            to,
            limit: Some(PAGE),
            offset: self.page * PAGE,
            ..Default::default()
        })
    }

    /// "Xuất Excel": every activity the filter finds (not only the page shown).
    /// The return sheets' panel; sheets taken in: the log and the lists read again.
    fn sheets_update(
        &mut self,
        m: return_sheets::Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let (task, event) = self.sheets.update(m, ctx);
        let task = task.map(Message::Sheets);
        match event {
            Some(return_sheets::Event::Changed) => (
                Task::batch([task, self.load_lists(ctx.db), self.reload(ctx.db)]),
                Some(Event::Changed),
            ),
            None => (task, None),
        }
    }

    fn export_update(
        &mut self,
        m: crate::app::parts::export::Message,
        ctx: &Context<'_>,
    ) -> Task<Message> {
        let tables = self.query().map(|mut q| {
            q.limit = None;
            q.offset = 0;
            move |s: &crate::store::Store, made| {
                Ok(vec![crate::office::excel_export::activities(s, q, made)?])
            }
        });
        self.export
            .write(m, ctx, "Nhật ký hoạt động", tables, Message::Export)
    }

    pub fn reload(&mut self, db: &Db) -> Task<Message> {
        let q = match self.query() {
            Ok(q) => q,
            Err(e) => {
                self.error = Some(e);
                return Task::none();
            }
        };
        self.error = None;
        self.generation += 1;
        let g = self.generation;
        let teams: std::collections::HashMap<i64, String> = self
            .lists
            .teams
            .iter()
            .map(|t| (t.id, t.name.clone()))
            .collect();
        let units: std::collections::HashMap<i64, (String, String)> = self
            .lists
            .indicators
            .iter()
            .map(|(id, name, unit)| (*id, (unit.clone(), name.clone())))
            .collect();
        query(
            db,
            move |s| {
                let rows = s.activities(&q)?;
                let total = s.count_activities(&ActivityQuery {
                    limit: None,
                    offset: 0,
                    ..q.clone()
                })?;
                let dash = |v: Option<i64>| number::or_dash(v.map(number::int));
                let lines = rows
                    .into_iter()
                    .map(|r| {
                        let a = r.activity;
                        Line {
                            id: a.id,
                            version: r.version,
                            date: vndate::short(a.on_date),
                            team: teams.get(&a.team_id).cloned().unwrap_or_default(),
                            kind: r.type_name,
                            people: dash(a.people),
                            households: dash(a.households),
                            counts: a
                                .counts
                                .iter()
                                .map(|(i, n)| {
                                    let (unit, name) = units.get(i).cloned().unwrap_or_default();
                                    (*n, unit, name)
                                })
                                .collect(),
                            participants: a.participants.len(),
                            note: a.note,
                            evidence: r.evidence,
                        }
                    })
                    .collect();
                Ok((lines, total))
            },
            move |r| Message::Loaded(g, r),
        )
    }

    fn blank_form(&self) -> Form {
        Form {
            input: ActivityInput {
                on_date: vndate::short(chrono::Local::now().date_naive()),
                counts: self
                    .lists
                    .indicators
                    .iter()
                    .map(|(id, name, _)| (*id, name.clone(), String::new()))
                    .collect(),
                ..Default::default()
            },
            team: self
                .team
                .clone()
                .or_else(|| self.lists.teams.first().cloned()),
            kind: self.kind.clone().or_else(|| self.last_kind.clone()),
            editing: None,
            errors: Vec::new(),
            tried: false,
            saving: false,
            dirty: false,
        }
    }

    fn check(&self, f: &mut Form) -> Option<crate::domain::activity::Activity> {
        f.input.team_id = f.team.as_ref().map(|t| t.id);
        f.input.type_id = f.kind.as_ref().map(|k| k.id);
        f.input.village_id = f
            .input
            .team_id
            .and_then(|t| self.lists.villages.iter().find(|(id, _)| *id == t))
            .and_then(|(_, v)| *v);
        match f
            .input
            .check(self.lists.commune_id, chrono::Local::now().date_naive())
        {
            Ok(a) => {
                f.errors.clear();
                Some(a)
            }
            Err(e) => {
                f.errors = e;
                None
            }
        }
    }

    /// Reads the current members of the form's team, to tick who took part.
    fn load_members(&self, db: &Db) -> Task<Message> {
        let Some(team) = self
            .form
            .as_ref()
            .and_then(|f| f.team.as_ref())
            .map(|t| t.id)
        else {
            return Task::none();
        };
        query(
            db,
            move |s| {
                Ok(s.members(&crate::store::MemberQuery {
                    team_id: Some(team),
                    ..Default::default()
                })?
                .into_iter()
                .filter(|r| !r.person.is_slot())
                .map(|r| (r.person.id, r.person.full_name))
                .collect())
            },
            move |r| Message::MembersLoaded(team, r),
        )
    }

    /// The form holds typed edits that are not saved.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.dirty)
    }

    /// A shortcut while the activities are in front: Ctrl+N a new record, Esc closes
    /// the form.
    pub fn shortcut(&mut self, s: Shortcut, ctx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        match s {
            Shortcut::New => self.update(Message::New, ctx),
            Shortcut::Cancel if self.form.is_some() => self.update(Message::Cancel, ctx),
            _ => (Task::none(), None),
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let (db, dialogs) = (ctx.db, ctx.dialogs);
        if let Message::Export(m) = message {
            return (self.export_update(m, ctx), None);
        }
        if let Message::Sheets(m) = message {
            return self.sheets_update(m, ctx);
        }
        // Anything else the clerk does: the last export's message makes way.
        self.export.settle();
        let task = match message {
            Message::ListsLoaded(Ok(l)) => {
                self.lists = l;
                self.reload(db)
            }
            Message::ListsLoaded(Err(e)) | Message::Finished(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Finished(Ok(())) | Message::Export(_) | Message::Sheets(_) => Task::none(),
            Message::Team(t) => {
                self.team = Some(t);
                self.page = 0;
                self.reload(db)
            }
            Message::AllTeams => {
                self.team = None;
                self.page = 0;
                self.reload(db)
            }
            Message::Kind(k) => {
                self.kind = Some(k);
                self.page = 0;
                self.reload(db)
            }
            Message::AllKinds => {
                self.kind = None;
                self.page = 0;
                self.reload(db)
            }
            Message::Month(m) => {
                self.month = m;
                self.page = 0;
                // A half-typed month waits; a wrong one is said once complete.
                let t = self.month.trim();
                if t.is_empty() || t.len() >= 7 {
                    self.reload(db)
                } else {
                    Task::none()
                }
            }
            Message::Page(p) => {
                self.page = p;
                self.reload(db)
            }
            Message::Loaded(g, r) if g == self.generation => {
                match r {
                    Ok((lines, total)) => {
                        self.lines = lines;
                        self.total = total;
                    }
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::Loaded(..) => Task::none(),
            Message::New => {
                if self.form.is_none() {
                    self.form = Some(self.blank_form());
                }
                self.notice = None;
                Task::batch([
                    self.load_members(db),
                    iced::widget::operation::focus("activity_date"),
                ])
            }
            Message::Edit(id) => query(db, move |s| Ok(Box::new(s.activity(id)?)), Message::Opened),
            Message::Opened(Ok(b)) => {
                let (a, version) = *b;
                let names: Vec<(i64, String)> = self
                    .lists
                    .indicators
                    .iter()
                    .map(|(id, n, _)| (*id, n.clone()))
                    .collect();
                let mut f = self.blank_form();
                f.input = ActivityInput::from_activity(&a, &names);
                f.team = self.lists.teams.iter().find(|t| t.id == a.team_id).cloned();
                f.kind = self.lists.kinds.iter().find(|k| k.id == a.type_id).cloned();
                f.editing = Some((a.id, version));
                self.form = Some(f);
                self.error = None;
                self.load_members(db)
            }
            Message::Opened(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Input(field, v) => {
                if let Some(f) = &mut self.form {
                    match field {
                        Field::Date => f.input.on_date = v,
                        Field::People => f.input.people = v,
                        Field::Households => f.input.households = v,
                        _ => f.input.note = v,
                    }
                    f.dirty = true;
                }
                self.recheck();
                Task::none()
            }
            Message::Count(i, v) => {
                if let Some(slot) = self.form.as_mut().and_then(|f| f.input.counts.get_mut(i)) {
                    slot.2 = v;
                }
                if let Some(f) = &mut self.form {
                    f.dirty = true;
                }
                self.recheck();
                Task::none()
            }
            Message::FormTeam(t) => {
                if let Some(f) = &mut self.form {
                    // Who took part belongs to the team chosen before.
                    if f.team.as_ref() != Some(&t) {
                        f.input.participants.clear();
                    }
                    f.team = Some(t);
                    f.dirty = true;
                }
                self.recheck();
                self.load_members(db)
            }
            Message::MembersLoaded(team, r) => {
                if self
                    .form
                    .as_ref()
                    .and_then(|f| f.team.as_ref())
                    .map(|t| t.id)
                    == Some(team)
                {
                    match r {
                        Ok(m) => self.members = m,
                        Err(e) => self.error = Some(e),
                    }
                }
                Task::none()
            }
            Message::Participant(id, on) => {
                if let Some(f) = &mut self.form {
                    f.input.participants.retain(|p| *p != id);
                    if on {
                        f.input.participants.push(id);
                    }
                    f.dirty = true;
                }
                Task::none()
            }
            Message::FormKind(k) => {
                if let Some(f) = &mut self.form {
                    f.kind = Some(k);
                    f.dirty = true;
                }
                self.recheck();
                Task::none()
            }
            Message::Save => self.save(db),
            Message::Cancel => {
                self.form = None;
                Task::none()
            }
            Message::Saved(Ok(m)) => {
                self.notice = Some(m);
                self.error = None;
                if let Some(kind) = self.form.as_ref().and_then(|f| f.kind.clone()) {
                    self.last_kind = Some(kind);
                }
                // Quick entry: keep the day, team and kind; clear the figures.
                if let Some(f) = &mut self.form {
                    if f.editing.is_some() {
                        self.form = None;
                    } else {
                        f.saving = false;
                        f.dirty = false;
                        f.tried = false;
                        f.input.people.clear();
                        f.input.households.clear();
                        f.input.note.clear();
                        for c in &mut f.input.counts {
                            c.2.clear();
                        }
                    }
                }
                let focus = if self.form.is_some() {
                    iced::widget::operation::focus("activity_people")
                } else {
                    Task::none()
                };
                return (Task::batch([self.reload(db), focus]), Some(Event::Changed));
            }
            Message::Saved(Err(e)) => {
                // The form keeps everything typed.
                if let Some(f) = &mut self.form {
                    f.saving = false;
                }
                self.error = Some(e);
                Task::none()
            }
            Message::Delete(id, version, label) => {
                self.confirm_delete = Some((id, version, label));
                Task::none()
            }
            Message::ConfirmDelete(false) => {
                self.confirm_delete = None;
                Task::none()
            }
            Message::ConfirmDelete(true) => {
                let Some((id, version, _)) = self.confirm_delete.take() else {
                    return (Task::none(), None);
                };
                query(
                    db,
                    move |s| {
                        s.delete_activity(id, version)?;
                        Ok(Msg::new("Đã xóa hoạt động.", "The activity was deleted."))
                    },
                    Message::Saved,
                )
            }
            Message::AddEvidence(id) => {
                let dialogs = dialogs.clone();
                let title = crate::app::i18n::tr(ctx.lang, T::DialogPickEvidence).to_string();
                Task::perform(async move { dialogs.pick_file(&title) }, move |p| {
                    Message::EvidencePicked(id, p)
                })
            }
            Message::EvidencePicked(_, None) => Task::none(),
            Message::EvidencePicked(id, Some(path)) => query(
                db,
                move |s| {
                    let e = s.add_evidence(id, &path)?;
                    Ok(Msg::new(
                        format!("Đã lưu minh chứng {}", e.name),
                        format!("Evidence {} kept", e.name),
                    ))
                },
                Message::Saved,
            ),
            Message::NewKind(k) => {
                self.new_kind = k;
                Task::none()
            }
            Message::AddKind => {
                let name = self.new_kind.clone();
                let commune = self.lists.commune_id;
                query(
                    db,
                    move |s| {
                        s.add_activity_type(commune, &name)?;
                        let n = crate::domain::text::clean(&name);
                        Ok(Msg::new(
                            format!("Đã thêm loại hoạt động “{n}”"),
                            format!("Kind of activity “{n}” added"),
                        ))
                    },
                    Message::KindAdded,
                )
            }
            Message::KindAdded(Ok(m)) => {
                self.new_kind.clear();
                self.notice = Some(m);
                self.error = None;
                self.load_lists(db)
            }
            Message::KindAdded(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::OpenEvidence(path) => {
                let dialogs = dialogs.clone();
                Task::perform(async move { dialogs.open_file(&path) }, Message::Finished)
            }
        };
        (task, None)
    }

    fn recheck(&mut self) {
        if let Some(mut f) = self.form.take() {
            if f.tried {
                self.check(&mut f);
            }
            self.form = Some(f);
        }
    }

    fn save(&mut self, db: &Db) -> Task<Message> {
        let Some(mut f) = self.form.take() else {
            return Task::none();
        };
        f.tried = true;
        let checked = self.check(&mut f);
        let editing = f.editing;
        if checked.is_some() {
            f.saving = true;
        }
        self.form = Some(f);
        let Some(mut a) = checked else {
            return Task::none();
        };
        query(
            db,
            move |s| match editing {
                Some((id, version)) => {
                    a.id = id;
                    s.update_activity(&a, version)?;
                    Ok(Msg::new("Đã lưu thay đổi.", "Changes saved."))
                }
                None => {
                    s.add_activity(&a)?;
                    Ok(Msg::new(
                        format!("Đã ghi hoạt động ngày {}.", vndate::short(a.on_date)),
                        format!("Activity of {} recorded.", vndate::short(a.on_date)),
                    ))
                }
            },
            Message::Saved,
        )
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![
            row![
                text(tr(l, T::NavActivities))
                    .size(style::TITLE)
                    .font(UI_FONT_STRONG)
                    .width(Length::Fill),
                row![
                    button(text(tr(l, T::SheetsOpen)))
                        .style(if self.sheets.open {
                            button::primary
                        } else {
                            button::secondary
                        })
                        .on_press(Message::Sheets(return_sheets::Message::Toggle)),
                    self.export.button(l).map(Message::Export),
                    button(text(tr(l, T::ActivityNew)))
                        .style(button::primary)
                        .on_press(Message::New),
                ]
                .spacing(style::SPACE),
            ],
            row![
                widgets::picker(
                    self.lists.teams.as_slice(),
                    self.team.clone(),
                    Some(tr(l, T::RosterAllTeams)),
                    Length::FillPortion(3),
                    Message::Team
                ),
                button(text("×"))
                    .style(button::text)
                    .on_press(Message::AllTeams),
                widgets::picker_with(
                    &self.lists.kinds,
                    self.kind.as_ref(),
                    |k| crate::app::parts::names::kind(l, &k.name).into_owned(),
                    Some(tr(l, T::ActivityAllKinds)),
                    Length::FillPortion(3),
                    Message::Kind
                ),
                button(text("×"))
                    .style(button::text)
                    .on_press(Message::AllKinds),
                text_input(tr(l, T::ActivityMonth), &self.month)
                    .id("activity_month")
                    .on_input(Message::Month)
                    .padding(style::PAD_FIELD)
                    .width(Length::FillPortion(2)),
                text(crate::app::parts::names::count(
                    l,
                    self.total as i64,
                    tr(l, T::ActivityCountOne),
                    tr(l, T::ActivityCount)
                ))
                .color(style::MUTED),
            ]
            .spacing(8),
        ]
        .spacing(10);
        // Someone changed the record meanwhile: offer to read it again.
        let editing = self.form.as_ref().and_then(|f| f.editing).map(|(id, _)| id);
        let reload = match (&self.error, editing) {
            (Some(e), Some(id)) if e.is_conflict() => Some(
                button(text(tr(l, T::ActivityReload)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press(Message::Edit(id))
                    .into(),
            ),
            _ => None,
        };
        // The status line is always there, so a message never moves what is under it.
        col = col.push(if self.export.speaks() {
            self.export.status(l).map(Message::Export)
        } else {
            widgets::status_with(l, self.notice.as_ref(), self.error.as_ref(), reload)
        });
        if let Some((_, _, label)) = &self.confirm_delete {
            col = col.push(
                container(
                    row![
                        text(format!("{} {label}?", tr(l, T::ActivityDeleteAsk)))
                            .width(Length::Fill),
                        button(text(tr(l, T::QuitNo)))
                            .style(button::secondary)
                            .on_press(Message::ConfirmDelete(false)),
                        button(text(tr(l, T::ActivityDeleteYes)))
                            .style(button::danger)
                            .on_press(Message::ConfirmDelete(true)),
                    ]
                    .spacing(10),
                )
                .padding(10)
                .style(container::bordered_box),
            );
        }
        if self.sheets.open {
            col = col.push(self.sheets.view(l).map(Message::Sheets));
        }
        if let Some(f) = &self.form {
            col = col.push(activity_form::view(l, f, &self.lists, &self.members));
        }
        let mut table = column![].spacing(6);
        if self.lines.is_empty() {
            table = table.push(text(tr(l, T::ActivityEmpty)).color(style::MUTED));
        }
        for line in &self.lines {
            let mut card = column![
                row![
                    text(format!(
                        "{} — {}",
                        line.date,
                        crate::app::parts::names::kind(l, &line.kind)
                    ))
                    .font(UI_FONT_STRONG)
                    .width(Length::Fill),
                    button(text(tr(l, T::DetailEdit)).size(style::LABEL))
                        .style(button::text)
                        .on_press(Message::Edit(line.id)),
                    button(text(tr(l, T::ActivityEvidence)).size(style::LABEL))
                        .style(button::text)
                        .on_press(Message::AddEvidence(line.id)),
                    button(text(tr(l, T::ActivityDelete)).size(style::LABEL))
                        .style(button::text)
                        .on_press(Message::Delete(
                            line.id,
                            line.version,
                            format!(
                                "{} — {}",
                                line.date,
                                crate::app::parts::names::kind(l, &line.kind)
                            )
                        )),
                ]
                .spacing(6),
                text(format!(
                    "{} · {} {} · {}: {} · {}: {}",
                    line.team,
                    line.participants,
                    tr(l, T::ActivityTookPart),
                    tr(l, T::ActivityPeople),
                    crate::app::parts::names::figure(l, &line.people),
                    tr(l, T::ActivityHouseholds),
                    crate::app::parts::names::figure(l, &line.households)
                ))
                .size(style::LABEL)
                .color(style::MUTED),
            ]
            .spacing(2);
            if !line.counts.is_empty() {
                let counts = line
                    .counts
                    .iter()
                    .map(|(n, unit, name)| {
                        format!(
                            "+{} {} ({})",
                            crate::app::parts::names::figure(l, &number::int(*n)),
                            crate::app::parts::names::unit(l, unit, *n),
                            crate::app::parts::names::indicator(l, name)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                card = card.push(text(counts).size(style::LABEL).color(style::OK));
            }
            if !line.note.is_empty() {
                card = card.push(text(&line.note).size(style::LABEL));
            }
            if !line.evidence.is_empty() {
                let mut files = row![].spacing(6);
                for e in &line.evidence {
                    let face: Element<'_, Message> = match &e.thumbnail {
                        Some(t) => column![
                            iced::widget::image(iced::widget::image::Handle::from_path(t))
                                .width(72)
                                .height(72)
                                .content_fit(iced::ContentFit::Cover),
                            text(e.name.as_str()).size(11),
                        ]
                        .spacing(2)
                        .width(90)
                        .into(),
                        None => text(e.name.as_str()).size(style::HINT).into(),
                    };
                    files = files.push(
                        button(face)
                            .style(button::secondary)
                            .on_press(Message::OpenEvidence(e.path.clone())),
                    );
                }
                card = card.push(files);
            }
            table = table.push(
                container(card)
                    .padding(8)
                    .width(Length::Fill)
                    .style(container::bordered_box),
            );
        }
        col = col.push(scrollable(table).height(Length::Fill));
        col = col.push(
            row![
                text_input(tr(l, T::ActivityNewKind), &self.new_kind)
                    .id("new_kind")
                    .on_input(Message::NewKind)
                    .on_submit(Message::AddKind)
                    .padding(5)
                    .width(Length::FillPortion(3)),
                button(text(tr(l, T::ActivityAddKind)))
                    .style(button::secondary)
                    .on_press(Message::AddKind),
            ]
            .spacing(8),
        );
        col = col.push(widgets::pager(
            tr(l, T::RosterPage),
            self.page,
            Some(self.total.div_ceil(PAGE).max(1)),
            false,
            Message::Page,
        ));
        col.into()
    }
}
