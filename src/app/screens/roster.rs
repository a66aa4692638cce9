//! Roster: the members, sorted the Vietnamese way, searched as the clerk types
//! (accents optional), filtered by team, paged so a 100,000-member roster stays quick.

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::member_form::{self, Form, TeamChoice};
use crate::app::screens::detail::{self, Detail};
use crate::app::{Context, Db, Shortcut, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::people::Role;
use crate::domain::{Lang, Msg};
use crate::office::Error;
use crate::office::roster::{self as office_roster, Total};
use crate::store::{MemberQuery, MemberSort};

/// A role to filter by, or every role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleFilter(pub Option<Role>, pub Lang);

impl std::fmt::Display for RoleFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match (self.0, self.1) {
            (None, l) => tr(l, T::RosterAllRoles),
            (Some(r), Lang::Vi) => r.label_vi(),
            (Some(r), Lang::En) => r.label_en(),
        })
    }
}

pub const SEARCH_ID: &str = "roster_search";
pub const PAGE: usize = 50;

pub use crate::office::roster::{Line, Page};

#[derive(Debug, Default)]
pub struct State {
    pub search: String,
    pub include_left: bool,
    pub team: Option<TeamChoice>,
    pub role: Option<Role>,
    pub sort: MemberSort,
    pub descending: bool,
    pub page: usize,
    pub lines: Vec<Line>,
    pub total: Total,
    pub teams: Vec<TeamChoice>,
    team_names: std::collections::HashMap<i64, String>,
    pub form: Option<Form>,
    pub detail: Option<Detail>,
    /// The spreadsheet import assistant, when open.
    pub import: Option<crate::app::parts::import::Import>,
    /// "Xuất Excel": the whole roster as a workbook.
    pub export: crate::app::parts::export::Export,
    /// The workbook carries citizen IDs in full (masked unless the clerk ticks it).
    pub export_full_id: bool,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    /// Results of older queries (typed over) are dropped.
    generation: u64,
    /// The joining date, decision and role of the member added last, and when: the
    /// next one added in the same sitting starts with them (members are often added
    /// several from one decision), never one added months later.
    pub last_joining: Option<(
        crate::domain::people::JoinInput,
        crate::domain::people::Role,
        std::time::Instant,
    )>,
}

/// How long after adding a member the next one is still "added in a row".
const SAME_SITTING: std::time::Duration = std::time::Duration::from_secs(30 * 60);

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    IncludeLeft(bool),
    Team(TeamChoice),
    AllTeams,
    Role(RoleFilter),
    SortBy(MemberSort),
    Page(usize),
    Loaded(u64, Result<Page, Error>),
    TeamsLoaded(Result<(Vec<TeamChoice>, std::collections::HashMap<i64, String>), Error>),
    Add,
    Form(member_form::Message),
    Saved(Result<String, Error>),
    Open(i64),
    Opened(Result<Box<Detail>, Error>),
    Detail(detail::Message),
    Left(Result<i64, Error>),
    PutBack(Result<i64, Error>),
    Deleted(Result<String, Error>),
    /// "Nhập từ Excel…": opens the import assistant.
    OpenImport,
    Import(crate::app::parts::import::Message),
    Previewed(Result<Box<crate::office::member_import::Preview>, Error>),
    Imported(Result<Msg, Error>),
    Export(crate::app::parts::export::Message),
    ExportFullId(bool),
}

/// What the roster tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A member was added, corrected, or left a team.
    MembersChanged,
}

impl State {
    pub fn load_teams(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let (teams, names) = office_roster::teams(s)?;
                let teams = teams
                    .into_iter()
                    .map(|t| TeamChoice {
                        id: t.id,
                        name: t.name,
                    })
                    .collect();
                Ok::<_, Error>((teams, names))
            },
            Message::TeamsLoaded,
        )
    }

    /// Runs the current query for the current page.
    pub fn reload(&mut self, db: &Db) -> Task<Message> {
        self.generation += 1;
        let generation = self.generation;
        let q = MemberQuery {
            team_id: self.team.as_ref().map(|t| t.id),
            role: self.role,
            sort: self.sort,
            descending: self.descending,
            search: self.search.clone(),
            include_left: self.include_left,
            ..Default::default()
        };
        let page = self.page;
        query(
            db,
            move |s| office_roster::page(s, &q, page, PAGE),
            move |r| Message::Loaded(generation, r),
        )
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        if let Message::Export(m) = message {
            return (self.export_update(m, ctx), None);
        }
        // Anything else the clerk does: the last export's message makes way.
        self.export.settle();
        if let Message::Import(m) = message {
            return self.import_update(m, ctx);
        }
        let changed = matches!(
            message,
            Message::Saved(Ok(_))
                | Message::Left(Ok(_))
                | Message::Deleted(Ok(_))
                | Message::PutBack(Ok(_))
                | Message::Imported(Ok(_))
        );
        let task = self.handle(message, ctx.db);
        (task, changed.then_some(Event::MembersChanged))
    }

    /// A shortcut while the roster is in front.
    pub fn shortcut(&mut self, s: Shortcut, ctx: &Context<'_>) -> (Task<Message>, Option<Event>) {
        match s {
            Shortcut::New => self.update(Message::Add, ctx),
            Shortcut::Find => (iced::widget::operation::focus(SEARCH_ID), None),
            Shortcut::Cancel if self.form.is_some() => {
                self.update(Message::Form(member_form::Message::Cancel), ctx)
            }
            Shortcut::Cancel if self.detail.is_some() => {
                self.detail = None;
                (Task::none(), None)
            }
            _ => (Task::none(), None),
        }
    }

    fn handle(&mut self, message: Message, db: &Db) -> Task<Message> {
        match message {
            Message::Search(s) => {
                self.search = s;
                self.page = 0;
                self.reload(db)
            }
            Message::IncludeLeft(b) => {
                self.include_left = b;
                self.page = 0;
                self.reload(db)
            }
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
            Message::Role(r) => {
                self.role = r.0;
                self.page = 0;
                self.reload(db)
            }
            Message::SortBy(sort) => {
                // A second click on the same column turns the order round.
                self.descending = self.sort == sort && !self.descending;
                self.sort = sort;
                self.page = 0;
                self.reload(db)
            }
            Message::Page(p) => {
                self.page = p;
                self.reload(db)
            }
            Message::Loaded(g, r) if g == self.generation => {
                match r {
                    Ok(page) => {
                        self.lines = page.lines;
                        self.total = page.total;
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::Loaded(..) => Task::none(),
            Message::TeamsLoaded(Ok((t, names))) => {
                self.team_names = names;
                self.teams = t;
                Task::none()
            }
            Message::TeamsLoaded(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Add => {
                if self.form.is_none() {
                    let team = self.team.clone().or_else(|| self.teams.first().cloned());
                    let mut form = Form::new(team);
                    if let Some((join, role, _)) = self
                        .last_joining
                        .as_ref()
                        .filter(|(_, _, at)| at.elapsed() < SAME_SITTING)
                    {
                        form.join.joined_on = join.joined_on.clone();
                        form.join.joined_by = join.joined_by.clone();
                        form.role = *role;
                        form.check();
                    }
                    self.form = Some(form);
                }
                self.notice = None;
                iced::widget::operation::focus(member_form::field_id(
                    crate::domain::Field::FullName,
                ))
            }
            Message::Form(m) => {
                let Some(form) = &mut self.form else {
                    return Task::none();
                };
                match form.update(m) {
                    None => Task::none(),
                    Some(member_form::Event::Cancel) => {
                        self.form = None;
                        Task::none()
                    }
                    Some(member_form::Event::Update {
                        membership_id,
                        person,
                        role,
                    }) => query(
                        db,
                        move |s| {
                            let saved = crate::office::roster::edit_member(
                                s,
                                membership_id,
                                &person,
                                role,
                            )?;
                            Ok(saved.display_name().to_string())
                        },
                        Message::Saved,
                    ),
                    Some(member_form::Event::Save {
                        team_id: team,
                        person,
                        joining,
                    }) => {
                        if let Some(f) = &self.form {
                            self.last_joining =
                                Some((f.join.clone(), f.role, std::time::Instant::now()));
                        }
                        query(
                            db,
                            move |s| {
                                let row = s.add_member(team, &person, &joining)?;
                                Ok(row.person.display_name().to_string())
                            },
                            Message::Saved,
                        )
                    }
                }
            }
            Message::Saved(Ok(name)) => {
                self.form = None;
                self.notice = Some(Msg::new(
                    format!("Đã lưu: {name}"),
                    format!("Saved: {name}"),
                ));
                Task::batch([self.reload(db), self.load_teams(db)])
            }
            Message::Open(membership_id) => query(
                db,
                move |s| {
                    let m = s.membership(membership_id)?;
                    let person = s.person(m.person_id)?;
                    let history = s.person_history(m.person_id)?;
                    let trail = crate::office::history::of_person(s, m.person_id)?;
                    Ok(Box::new(Detail::new(membership_id, person, history, trail)))
                },
                Message::Opened,
            ),
            Message::Opened(Ok(d)) => {
                self.detail = Some(*d);
                Task::none()
            }
            Message::OpenImport => {
                self.open_import(None);
                Task::none()
            }
            // `update` hands these to `import_update` and `export_update` (they need
            // the dialogs).
            Message::Import(_) | Message::Export(_) => Task::none(),
            Message::ExportFullId(full) => {
                self.export_full_id = full;
                Task::none()
            }
            Message::Previewed(r) => {
                if let Some(i) = &mut self.import {
                    i.busy = false;
                    match r {
                        Ok(p) => {
                            i.sheet = Some(p.sheet.clone());
                            i.preview = Some(*p);
                            self.error = None;
                        }
                        Err(e) => {
                            i.preview = None;
                            self.error = Some(e);
                        }
                    }
                }
                Task::none()
            }
            Message::Imported(Ok(summary)) => {
                self.import = None;
                self.notice = Some(summary);
                Task::batch([self.reload(db), self.load_teams(db)])
            }
            Message::Imported(Err(e)) => {
                if let Some(i) = &mut self.import {
                    i.busy = false;
                }
                self.error = Some(e);
                Task::none()
            }
            Message::Deleted(Ok(name)) => {
                self.detail = None;
                self.notice = Some(Msg::new(
                    format!("Đã xoá {name} (nhập nhầm); nhật ký thay đổi vẫn giữ lại."),
                    format!("{name} was deleted (entered by mistake); the change log keeps them."),
                ));
                Task::batch([self.reload(db), self.load_teams(db)])
            }
            Message::PutBack(Ok(id)) => {
                self.notice = Some(Msg::new(
                    "Đã đặt lại thông tin như trước; việc này cũng được ghi vào nhật ký.",
                    "The details are back as before; this too is in the change log.",
                ));
                Task::batch([self.reload(db), self.handle(Message::Open(id), db)])
            }
            Message::Opened(Err(e))
            | Message::Left(Err(e))
            | Message::PutBack(Err(e))
            | Message::Deleted(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Detail(m) => {
                let Some(d) = &mut self.detail else {
                    return Task::none();
                };
                match d.update(m) {
                    None => Task::none(),
                    Some(detail::Event::Close) => {
                        self.detail = None;
                        Task::none()
                    }
                    Some(detail::Event::Edit {
                        membership_id,
                        person,
                        role,
                        team_id: team,
                        team_name: name,
                    }) => {
                        self.form = Some(Form::edit(
                            membership_id,
                            *person,
                            role,
                            TeamChoice { id: team, name },
                        ));
                        self.detail = None;
                        self.notice = None;
                        iced::widget::operation::focus(member_form::field_id(
                            crate::domain::Field::FullName,
                        ))
                    }
                    Some(detail::Event::Leave {
                        membership_id: id,
                        leaving,
                    }) => query(db, move |s| Ok(s.leave(id, &leaving)?.id), Message::Left),
                    Some(detail::Event::Delete { membership_id }) => query(
                        db,
                        move |s| {
                            let p = crate::office::roster::delete_member(s, membership_id)?;
                            Ok(p.display_name().to_string())
                        },
                        Message::Deleted,
                    ),
                    Some(detail::Event::PutBack {
                        membership_id,
                        entry_id,
                    }) => query(
                        db,
                        move |s| {
                            crate::office::history::put_back(s, entry_id)?;
                            Ok(membership_id)
                        },
                        Message::PutBack,
                    ),
                }
            }
            Message::Left(Ok(id)) => {
                self.notice = Some(Msg::new(
                    "Đã ghi nhận rời Tổ; quá trình tham gia vẫn được giữ.",
                    "Leaving recorded; the history is kept.",
                ));
                Task::batch([self.reload(db), self.handle(Message::Open(id), db)])
            }
            Message::Saved(Err(e)) => {
                // The form stays open with everything typed; nothing was saved.
                if let Some(f) = &mut self.form {
                    f.saving = false;
                }
                self.error = Some(e);
                Task::none()
            }
        }
    }

    /// `120 người`, or `hơn 1.000 người` when the count stopped at its cap.
    fn count_label(&self, l: Lang) -> String {
        match self.total {
            Total::Exact(n) => format!(
                "{} {}",
                crate::app::parts::names::figure(l, &crate::domain::number::int(n as i64)),
                tr(l, T::RosterCount)
            ),
            Total::MoreThan(n) => format!(
                "{} {} {}",
                tr(l, T::RosterMoreThan),
                crate::app::parts::names::figure(l, &crate::domain::number::int(n as i64)),
                tr(l, T::RosterCount)
            ),
        }
    }

    /// The member form has typed edits not yet saved.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.dirty)
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![].spacing(10);
        let mut filters = row![
            text_input(tr(l, T::RosterSearch), &self.search)
                .id(SEARCH_ID)
                .on_input(Message::Search)
                .padding(style::PAD_FIELD)
                .width(Length::FillPortion(3)),
            widgets::picker(
                self.teams.as_slice(),
                self.team.clone(),
                Some(tr(l, T::RosterAllTeams)),
                Length::FillPortion(2),
                Message::Team
            ),
            widgets::picker(
                std::iter::once(None)
                    .chain(Role::ALL.into_iter().map(Some))
                    .map(|r| RoleFilter(r, l))
                    .collect::<Vec<_>>(),
                Some(RoleFilter(self.role, l)),
                None,
                Length::FillPortion(1),
                Message::Role
            ),
        ]
        .spacing(10);
        if self.team.is_some() {
            filters = filters.push(
                button(text(tr(l, T::RosterAllTeams)))
                    .style(button::text)
                    .on_press(Message::AllTeams),
            );
        }
        col = col.push(filters);
        col = col.push(
            row![
                checkbox(self.include_left)
                    .label(tr(l, T::RosterIncludeLeft))
                    .on_toggle(Message::IncludeLeft),
                text(self.count_label(l)).color(style::MUTED),
                iced::widget::space::horizontal(),
                button(text(tr(l, T::RosterAdd)))
                    .style(button::primary)
                    .on_press(Message::Add),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        );
        // Excel in and out on a line of their own (the line above has no room for them
        // in a window 1024 pixels wide).
        col = col.push(
            row![
                button(text(tr(l, T::ImportOpen)))
                    .style(button::secondary)
                    .on_press(Message::OpenImport),
                self.export.button(l).map(Message::Export),
                checkbox(self.export_full_id)
                    .label(tr(l, T::ExportFullId))
                    .on_toggle(Message::ExportFullId),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        );
        // The status line is always there, so a message never moves what is under it.
        col = col.push(if self.export.speaks() {
            self.export.status(l).map(Message::Export)
        } else {
            widgets::status(l, self.notice.as_ref(), self.error.as_ref())
        });
        if let Some(import) = &self.import {
            col = col.push(import.view(l, &self.teams).map(Message::Import));
            return col.into();
        }
        // The form takes the screen below the bar: its fields scroll, its buttons stay
        // in sight on a 768-pixel screen, refusals and all.
        if let Some(form) = &self.form {
            col = col.push(form.view(l, &self.teams).map(Message::Form));
            return col.into();
        }
        if let Some(d) = &self.detail {
            col = col.push(d.view(l).map(Message::Detail));
        }
        let head = |t: T, w: u16| -> Element<'_, Message> {
            text(tr(l, t))
                .font(UI_FONT_STRONG)
                .width(Length::FillPortion(w))
                .into()
        };
        // A sortable column: its header is a button; the sorted one shows its direction.
        let sortable = |t: T, w: u16, sort: MemberSort| -> Element<'_, Message> {
            let mark = match (self.sort == sort, self.descending) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                (false, _) => "",
            };
            button(text(format!("{}{mark}", tr(l, t))).font(UI_FONT_STRONG))
                .style(button::text)
                .padding(0)
                .on_press(Message::SortBy(sort))
                .width(Length::FillPortion(w))
                .into()
        };
        let mut table = column![
            row![
                sortable(T::RosterColName, 3, MemberSort::Name),
                head(T::RosterColPosition, 3),
                sortable(T::RosterColRole, 2, MemberSort::Role),
                sortable(T::RosterColTeam, 3, MemberSort::Team),
                head(T::RosterColPhone, 2),
                sortable(T::RosterColStatus, 2, MemberSort::Joined),
            ]
            .spacing(8)
        ]
        .spacing(6);
        if self.lines.is_empty() {
            // "Nobody matches" only when something was searched for.
            let empty = if self.search.trim().is_empty() && self.team.is_none() {
                T::RosterNobodyYet
            } else {
                T::RosterEmpty
            };
            table = table.push(text(tr(l, empty)).color(style::MUTED));
        }
        for line in &self.lines {
            let status = match (&line.left_on, &line.joined_on) {
                (Some(d), _) => format!("{} {d}", tr(l, T::RosterLeftOn)),
                (None, Some(j)) => format!("{} {j}", tr(l, T::RosterSince)),
                (None, None) => tr(l, T::RosterCurrent).to_string(),
            };
            let role = match l {
                Lang::Vi => line.role.label_vi(),
                Lang::En => line.role.label_en(),
            };
            table = table.push(
                row![
                    button(text(&line.name))
                        .style(button::text)
                        .padding(0)
                        .on_press(Message::Open(line.membership_id))
                        .width(Length::FillPortion(3)),
                    text(&line.position).width(Length::FillPortion(3)),
                    text(role).width(Length::FillPortion(2)),
                    text(
                        self.team_names
                            .get(&line.team_id)
                            .map(String::as_str)
                            .unwrap_or("")
                    )
                    .width(Length::FillPortion(3)),
                    text(&line.phone).width(Length::FillPortion(2)),
                    text(status)
                        .color(if line.left_on.is_some() {
                            style::MUTED
                        } else {
                            style::OK
                        })
                        .width(Length::FillPortion(2)),
                ]
                .spacing(8),
            );
        }
        col = col.push(
            container(scrollable(table))
                .height(Length::Fill)
                .style(container::bordered_box)
                .padding(8),
        );
        col = col.push(widgets::pager(
            tr(l, T::RosterPage),
            self.page,
            self.total.pages(PAGE),
            self.lines.len() == PAGE,
            Message::Page,
        ));
        col.into()
    }
}

impl State {
    /// Opens the import assistant for `team` (from the teams screen, which knows it
    /// even before the roster's list of teams is read again), else for the team the
    /// roster shows, else the first.
    pub fn open_import(&mut self, team: Option<TeamChoice>) {
        let chosen = team
            .or_else(|| self.team.clone())
            .or_else(|| self.teams.first().cloned());
        self.import = Some(crate::app::parts::import::Import::new(chosen));
        self.form = None;
        self.detail = None;
    }

    /// "Xuất Excel": the whole commune's roster (a sheet for the commune, one per team,
    /// one for those who left), citizen IDs masked.
    fn export_update(
        &mut self,
        m: crate::app::parts::export::Message,
        ctx: &Context<'_>,
    ) -> Task<Message> {
        self.notice = None;
        self.error = None;
        let full_id = self.export_full_id;
        let tables = move |s: &crate::store::Store, made| {
            crate::office::excel_export::roster(s, full_id, made)
        };
        self.export
            .write(m, ctx, "Danh sách thành viên", Ok(tables), Message::Export)
    }

    /// The import assistant's messages: the dialog, the preview and the import run as
    /// tasks; the roster reads itself again once lines were written.
    fn import_update(
        &mut self,
        m: crate::app::parts::import::Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        use crate::app::parts::import::{Event as Asked, Message as M};
        let Some(import) = &mut self.import else {
            return (Task::none(), None);
        };
        if matches!(m, M::Browsed(None)) {
            // Cancelled, or no dialog could open (no desktop portal): either way the
            // path can be typed, and the clerk is told so where to.
            self.error = None;
            self.notice = Some(Msg::new(
                "Chưa chọn tệp. Nếu hộp chọn tệp không hiện ra, hãy gõ đường dẫn của tệp vào ô “Tệp bảng tính” rồi bấm Xem trước.",
                "No file was chosen. If no file dialog appeared, type the file's path in the spreadsheet file box and press Preview.",
            ));
            return (iced::widget::operation::focus("import_path"), None);
        }
        match import.update(m, ctx.lang) {
            None => (Task::none(), None),
            Some(Asked::Close) => {
                self.import = None;
                (Task::none(), None)
            }
            Some(Asked::Browse) => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::ImportBrowse).to_string();
                let task = Task::perform(async move { dialogs.pick_sheet(&title) }, |p| {
                    Message::Import(M::Browsed(p))
                });
                (task, None)
            }
            Some(Asked::Preview(req)) => {
                import.busy = true;
                let task = query(
                    ctx.db,
                    move |s| Ok(Box::new(crate::office::member_import::preview(s, &req)?)),
                    Message::Previewed,
                );
                (task, None)
            }
            Some(Asked::Import(req)) => {
                import.busy = true;
                let task = query(
                    ctx.db,
                    move |s| Ok(crate::office::member_import::run(s, &req)?.summary()),
                    Message::Imported,
                );
                (task, None)
            }
        }
    }
}
