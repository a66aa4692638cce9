//! Reports: pick the period and the commune or a team, edit the text sections (prefilled
//! from the period's activity notes) beside the live preview, save the PDF, issue it.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Datelike;

use iced::widget::{
    button, canvas, column, container, pick_list, row, scrollable, text, text_editor, text_input,
};
use iced::{Element, Length, Task};

use super::dialogs::Dialogs;
use super::i18n::{T, tr};
use super::preview::PagePreview;
use super::progress::ScopeChoice;
use super::{Db, UI_FONT_STRONG, query, style};
use crate::cli::report::{self, ReportRequest, ReportTexts};
use crate::domain::period::Period;
use crate::domain::{Field, Lang, Msg, vndate};
use crate::render::{self, Fonts, Laid};
use crate::store::Scope;

/// A text section of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Activities,
    Difficulties,
    Proposals,
    GoodPractices,
}

#[derive(Default)]
pub struct State {
    pub scopes: Vec<ScopeChoice>,
    pub scope: Option<ScopeChoice>,
    pub period: String,
    pub date: String,
    pub number: String,
    pub activities: text_editor::Content,
    pub difficulties: text_editor::Content,
    pub proposals: text_editor::Content,
    pub good_practices: text_editor::Content,
    pub laid: Option<Arc<Laid>>,
    pub page: usize,
    pub out_path: String,
    pub saved: Option<PathBuf>,
    /// Issued reports: id and their line in the list.
    pub issued: Vec<(i64, String)>,
    pub notice: Option<Msg>,
    pub error: Option<Msg>,
    /// The texts were edited since they were prefilled, saved or issued.
    pub dirty: bool,
    fonts: Option<Fonts>,
    generation: u64,
}

/// The choices, the register's lines and the document font.
pub type Lists = (Vec<ScopeChoice>, Vec<(i64, String)>, Fonts);

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Lists>, Msg>),
    Scope(ScopeChoice),
    Period(String),
    Date(String),
    Number(String),
    Prefilled(u64, Result<ReportTexts, Msg>),
    Prefill,
    Edit(Section, text_editor::Action),
    Built(u64, Result<Arc<Laid>, Msg>),
    Page(usize),
    OutPath(String),
    Browse,
    Browsed(Option<PathBuf>),
    SavePdf,
    Issue,
    Reprint(i64),
    Done(Result<(Msg, PathBuf), Msg>),
    OpenPdf,
    Finished(Result<(), Msg>),
}

fn refusal(e: crate::domain::FieldError) -> Msg {
    Msg::new(e.message(Lang::Vi), e.message(Lang::En))
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Box::new((Vec::new(), Vec::new(), Fonts::bundled())));
                };
                let names = s.team_names()?;
                let mut scopes = vec![ScopeChoice {
                    scope: Scope::Commune(c.id),
                    village: None,
                    name: format!("Báo cáo của UBND {}", c.full_name()),
                }];
                for t in s.teams(c.id)? {
                    if t.village_id.is_some() {
                        scopes.push(ScopeChoice {
                            scope: Scope::Team(t.id),
                            village: t.village_id,
                            name: names.get(&t.id).cloned().unwrap_or_default(),
                        });
                    }
                }
                let issued = s
                    .issued_reports(c.id)?
                    .iter()
                    .map(|r| {
                        (
                            r.id,
                            format!(
                                "{} ({}) — {}",
                                r.model.header.number_line,
                                vndate::short(r.issued_on),
                                r.subject
                            ),
                        )
                    })
                    .collect();
                Ok(Box::new((
                    scopes,
                    issued,
                    crate::cli::print::fonts_for(s, None)?,
                )))
            },
            Message::Loaded,
        )
    }

    fn request(&self) -> Result<ReportRequest, Msg> {
        let period = Period::parse(&self.period).map_err(refusal)?;
        let team = match self.scope.as_ref().map(|s| s.scope) {
            Some(Scope::Team(t)) => Some(t),
            _ => None,
        };
        let mut req = ReportRequest::new(period, team);
        req.date = Some(vndate::parse(&self.date, Field::Date).map_err(refusal)?);
        req.number = if self.number.trim().is_empty() {
            None
        } else {
            let n =
                crate::domain::number::parse_count(&self.number, Field::Number).map_err(refusal)?;
            Some(u32::try_from(n).ok().filter(|n| *n > 0).ok_or_else(|| {
                refusal(crate::domain::FieldError::new(
                    Field::Number,
                    "phải là số từ 1 trở lên",
                    "must be a number from 1 up",
                ))
            })?)
        };
        req.texts = Some(ReportTexts {
            activities: self.activities.text(),
            difficulties: self.difficulties.text(),
            proposals: self.proposals.text(),
            good_practices: self.good_practices.text(),
        });
        Ok(req)
    }

    fn rebuild(&mut self, db: &Db) -> Task<Message> {
        let req = match self.request() {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e);
                return Task::none();
            }
        };
        if self.out_path.is_empty() || !self.out_path.ends_with(".pdf") {
            self.out_path = self.suggested_path(&req).display().to_string();
        }
        self.generation += 1;
        let g = self.generation;
        let fonts = self.fonts.clone().unwrap_or_else(Fonts::bundled);
        query(
            db,
            move |s| {
                let (doc, _) = report::build_report(s, &req)?;
                Ok(Arc::new(render::compose(
                    &doc,
                    &fonts,
                    render::PageSetup::DECREE_30,
                )))
            },
            move |r| Message::Built(g, r),
        )
    }

    fn suggested_path(&self, req: &ReportRequest) -> PathBuf {
        let dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
            .unwrap_or_else(std::env::temp_dir);
        let who = match req.team {
            Some(t) => format!("to-{t}"),
            None => "xa".into(),
        };
        dir.join(format!("BC-{who}-{}.pdf", req.period.code()))
    }

    /// Fills the text sections from the period's activity notes (when nothing typed).
    fn prefill(&mut self, db: &Db) -> Task<Message> {
        let Ok(req) = self.request() else {
            return self.rebuild(db);
        };
        self.generation += 1;
        let g = self.generation;
        query(
            db,
            move |s| {
                let c = s.home_commune()?.ok_or_else(|| {
                    crate::store::StoreError::not_found("Chưa có xã", "No commune")
                })?;
                report::prefill(s, c.id, req.team, req.period)
            },
            move |r| Message::Prefilled(g, r),
        )
    }

    pub fn unsaved(&self) -> bool {
        self.dirty
    }

    fn changed_choice(&mut self, db: &Db) -> Task<Message> {
        self.out_path.clear();
        if self.dirty {
            self.rebuild(db)
        } else {
            self.prefill(db)
        }
    }

    fn write(&mut self, db: &Db, issue: bool) -> Task<Message> {
        let req = match self.request() {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e);
                return Task::none();
            }
        };
        let path = PathBuf::from(self.out_path.trim());
        let fonts = self.fonts.clone().unwrap_or_else(Fonts::bundled);
        self.error = None;
        query(
            db,
            move |s| Ok((report::print_report(s, &req, issue, &path, &fonts)?, path)),
            Message::Done,
        )
    }

    pub fn update(
        &mut self,
        message: Message,
        db: &Db,
        dialogs: &Arc<dyn Dialogs>,
    ) -> Task<Message> {
        match message {
            Message::Loaded(Ok(b)) => {
                let (scopes, issued, fonts) = *b;
                if self.period.is_empty() {
                    // Reports are written for the month just ended.
                    let today = chrono::Local::now().date_naive();
                    let last_month = today
                        .with_day0(0)
                        .and_then(|d| d.pred_opt())
                        .unwrap_or(today);
                    self.period = Period::month_of(last_month).code();
                    self.date = vndate::short(today);
                }
                self.scope = self
                    .scope
                    .clone()
                    .filter(|s| scopes.contains(s))
                    .or_else(|| scopes.first().cloned());
                self.scopes = scopes;
                self.issued = issued;
                self.fonts = Some(fonts);
                if self.dirty {
                    self.rebuild(db)
                } else {
                    self.prefill(db)
                }
            }
            Message::Loaded(Err(e)) | Message::Finished(Err(e)) | Message::Done(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Finished(Ok(())) => Task::none(),
            Message::Scope(s) => {
                self.scope = Some(s);
                self.changed_choice(db)
            }
            Message::Period(p) => {
                self.period = p;
                if Period::parse(&self.period).is_ok() {
                    self.changed_choice(db)
                } else {
                    Task::none()
                }
            }
            Message::Date(d) => {
                self.date = d;
                self.rebuild(db)
            }
            Message::Number(n) => {
                self.number = n;
                self.rebuild(db)
            }
            Message::Prefill => {
                self.dirty = false;
                self.prefill(db)
            }
            Message::Prefilled(g, r) if g == self.generation => match r {
                Ok(t) => {
                    self.activities = text_editor::Content::with_text(&t.activities);
                    self.rebuild(db)
                }
                Err(e) => {
                    self.error = Some(e);
                    Task::none()
                }
            },
            Message::Prefilled(..) => Task::none(),
            Message::Edit(section, action) => {
                let edit = action.is_edit();
                let c = match section {
                    Section::Activities => &mut self.activities,
                    Section::Difficulties => &mut self.difficulties,
                    Section::Proposals => &mut self.proposals,
                    Section::GoodPractices => &mut self.good_practices,
                };
                c.perform(action);
                if edit {
                    self.dirty = true;
                    self.rebuild(db)
                } else {
                    Task::none()
                }
            }
            Message::Built(g, r) if g == self.generation => {
                match r {
                    Ok(laid) => {
                        self.page = self.page.min(laid.pages.len().saturating_sub(1));
                        self.laid = Some(laid);
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::Built(..) => Task::none(),
            Message::Page(p) => {
                self.page = p;
                Task::none()
            }
            Message::OutPath(p) => {
                self.out_path = p;
                Task::none()
            }
            Message::Browse => {
                let dialogs = dialogs.clone();
                let suggested = PathBuf::from(self.out_path.trim());
                Task::perform(
                    async move { dialogs.save_file("Lưu báo cáo (PDF)", &suggested) },
                    Message::Browsed,
                )
            }
            Message::Browsed(Some(p)) => {
                self.out_path = p.display().to_string();
                self.write(db, false)
            }
            Message::Browsed(None) => Task::none(),
            Message::SavePdf => self.write(db, false),
            Message::Issue => self.write(db, true),
            Message::Reprint(id) => {
                let dir = PathBuf::from(self.out_path.trim())
                    .parent()
                    .map(PathBuf::from)
                    .unwrap_or_else(std::env::temp_dir);
                let fonts = self.fonts.clone().unwrap_or_else(Fonts::bundled);
                query(
                    db,
                    move |s| {
                        let path = dir.join(format!("BC-ban-hanh-{id}-ban-in-lai.pdf"));
                        Ok((report::print_issued(s, id, &path, &fonts)?, path))
                    },
                    Message::Done,
                )
            }
            Message::Done(Ok((m, path))) => {
                self.notice = Some(m);
                self.saved = Some(path);
                self.dirty = false;
                self.load(db)
            }
            Message::OpenPdf => {
                let Some(path) = self.saved.clone() else {
                    return Task::none();
                };
                let dialogs = dialogs.clone();
                Task::perform(
                    async move {
                        dialogs.open_file(&path).map_err(|e| {
                            Msg::new(
                                format!("Không mở được {}: {e}", path.display()),
                                format!("Could not open {}: {e}", path.display()),
                            )
                        })
                    },
                    Message::Finished,
                )
            }
        }
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

    pub fn view<'a>(&'a self, l: Lang) -> Element<'a, Message> {
        let editor = |label: T, content: &'a text_editor::Content, section: Section, h: f32| {
            column![
                text(tr(l, label)).size(13),
                text_editor(content)
                    .on_action(move |a| Message::Edit(section, a))
                    .height(h)
                    .padding(6)
            ]
            .spacing(3)
        };
        let field = |label: T, id: &'static str, value: &'a str, on: fn(String) -> Message| {
            column![
                text(tr(l, label)).size(13),
                text_input("", value).id(id).on_input(on).padding(6)
            ]
            .spacing(3)
            .width(Length::Fill)
        };
        let mut bar = column![
            text(tr(l, T::DecisionSaveTo)).size(13),
            row![
                text_input("", &self.out_path)
                    .on_input(Message::OutPath)
                    .padding(6),
                button(text(tr(l, T::DecisionBrowse)))
                    .style(button::secondary)
                    .on_press(Message::Browse),
            ]
            .spacing(6),
            row![
                button(text(tr(l, T::DecisionSavePdf)))
                    .style(button::secondary)
                    .on_press(Message::SavePdf),
                button(text(tr(l, T::DecisionIssue)))
                    .style(button::primary)
                    .on_press(Message::Issue),
            ]
            .spacing(10),
        ]
        .spacing(6);
        if let Some(n) = &self.notice {
            bar = bar.push(text(n.get(l)).color(style::OK));
            if self.saved.is_some() {
                bar = bar.push(
                    button(text(tr(l, T::DecisionOpenPdf)))
                        .style(button::secondary)
                        .on_press(Message::OpenPdf),
                );
            }
        }
        if let Some(e) = &self.error {
            bar = bar
                .push(text(format!("{}: {}", tr(l, T::ErrorPrefix), e.get(l))).color(style::ERROR));
        }
        let mut form = column![
            text(tr(l, T::NavReports)).size(22).font(UI_FONT_STRONG),
            column![
                text(tr(l, T::ProgressScope)).size(13),
                pick_list(self.scopes.as_slice(), self.scope.clone(), Message::Scope)
                    .width(Length::Fill)
            ]
            .spacing(3),
            row![
                field(
                    T::ReportPeriod,
                    "report_period",
                    &self.period,
                    Message::Period
                ),
                field(
                    T::DecisionNumber,
                    "report_number",
                    &self.number,
                    Message::Number
                ),
                field(T::DecisionDate, "report_date", &self.date, Message::Date),
            ]
            .spacing(8),
            text(tr(l, T::ProgressPeriodHint))
                .size(12)
                .color(style::MUTED),
            editor(
                T::ReportActivities,
                &self.activities,
                Section::Activities,
                150.0
            ),
            button(text(tr(l, T::ReportPrefill)).size(13))
                .style(button::text)
                .on_press(Message::Prefill),
            editor(
                T::ReportDifficulties,
                &self.difficulties,
                Section::Difficulties,
                90.0
            ),
            editor(
                T::ReportProposals,
                &self.proposals,
                Section::Proposals,
                90.0
            ),
            editor(
                T::ReportGoodPractices,
                &self.good_practices,
                Section::GoodPractices,
                90.0
            ),
        ]
        .spacing(8);
        if !self.issued.is_empty() {
            form = form.push(text(tr(l, T::ReportIssued)).font(UI_FONT_STRONG));
            for (id, r) in &self.issued {
                form = form.push(
                    row![
                        text(r.as_str()).size(13).width(Length::Fill),
                        button(text(tr(l, T::DecisionReprint)).size(13))
                            .style(button::text)
                            .on_press(Message::Reprint(*id)),
                    ]
                    .spacing(6),
                );
            }
        }
        let preview: Element<'_, Message> = match &self.laid {
            Some(laid) => {
                let pages = laid.pages.len();
                column![
                    row![
                        button(text("‹"))
                            .style(button::secondary)
                            .on_press_maybe((self.page > 0).then(|| Message::Page(self.page - 1))),
                        text(format!(
                            "{} {} / {pages}",
                            tr(l, T::DecisionPage),
                            self.page + 1
                        )),
                        button(text("›")).style(button::secondary).on_press_maybe(
                            (self.page + 1 < pages).then(|| Message::Page(self.page + 1))
                        ),
                    ]
                    .spacing(10),
                    canvas(PagePreview {
                        laid: laid.clone(),
                        page: self.page,
                        fonts: self.fonts.clone().unwrap_or_else(Fonts::bundled),
                    })
                    .width(Length::Fill)
                    .height(Length::Fill),
                ]
                .spacing(6)
                .into()
            }
            None => text("").into(),
        };
        row![
            column![
                container(bar).padding(8).style(container::bordered_box),
                scrollable(form.padding(4)).height(Length::Fill)
            ]
            .spacing(8)
            .width(Length::FillPortion(2)),
            container(preview)
                .width(Length::FillPortion(3))
                .height(Length::Fill),
        ]
        .spacing(16)
        .into()
    }
}
