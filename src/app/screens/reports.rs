//! Reports: pick the period and the commune or a team, edit the text sections (prefilled
//! from the period's activity notes) beside the live preview, save the PDF, issue it.
//! The jobs are the office's (`office::reports`).

use std::path::PathBuf;

use chrono::Datelike;

use iced::widget::{button, column, container, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::document_output::{self, Output};
use crate::app::{Context, Db, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang, vndate};
use crate::office::reports::{self, ReportRequest, ReportTexts, ScopeLine};
use crate::office::{Error, decisions::MAX_NUMBER, excel_export};
use crate::store::Scope;

/// A text section of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Activities,
    Difficulties,
    Proposals,
    GoodPractices,
}

/// A scope in the picker: the commune's report, or a village team's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopePick(pub ScopeLine);

impl std::fmt::Display for ScopePick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.name)
    }
}

#[derive(Default)]
pub struct State {
    pub scopes: Vec<ScopePick>,
    pub scope: Option<ScopePick>,
    pub period: String,
    pub date: String,
    pub number: String,
    pub activities: text_editor::Content,
    pub difficulties: text_editor::Content,
    pub proposals: text_editor::Content,
    pub good_practices: text_editor::Content,
    /// Save to, Save PDF, Issue, the register and the preview.
    pub output: Output,
    /// The texts were edited since they were prefilled, saved or issued.
    pub dirty: bool,
    /// Prefilling for the latest choice of scope and period (older answers are dropped).
    prefill_generation: u64,
    /// "Xuất Excel": the report's tables as a workbook.
    pub export: crate::app::parts::export::Export,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<reports::Form>, Error>),
    Scope(ScopePick),
    Period(String),
    Date(String),
    Number(String),
    Prefilled(u64, Result<ReportTexts, Error>),
    Prefill,
    Edit(Section, text_editor::Action),
    Built(Result<std::sync::Arc<crate::render::Laid>, Error>),
    Output(document_output::Message),
    Export(crate::app::parts::export::Message),
    /// "Biểu gửi tỉnh": the commune's sheet for the province of the form's period.
    ProvinceSheet,
    ProvinceSheetDone(Result<crate::domain::Msg, Error>),
}

/// The office's report jobs, as the output part runs them.
const JOBS: document_output::Jobs<ReportRequest> = document_output::Jobs {
    save: reports::save,
    issue: reports::issue,
    reprint_name,
    reprint: reports::reprint,
    void: reports::void,
    word: crate::office::word::report,
    issued_word: crate::office::word::issued_report,
    for_numbering: |s, r, t, f| {
        // The e-office gives the number: one typed is left out.
        let mut r = r.clone();
        r.number = None;
        crate::office::eoffice::draft(s, &crate::office::eoffice::DraftRequest::Report(r), t, f)
    },
    doc: crate::store::DocKind::Report,
};

/// `BC-ban-hanh-3-ban-in-lai.pdf`: the file name of a reprint of report 3.
fn reprint_name(_: &crate::store::Store, id: i64) -> crate::office::Result<String> {
    Ok(format!("BC-ban-hanh-{id}-ban-in-lai.pdf"))
}

/// What the report screen tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A report was issued into the register.
    Issued { report_id: i64 },
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        query(db, |s| reports::form(s).map(Box::new), Message::Loaded)
    }

    fn request(&self) -> Result<ReportRequest, Error> {
        let period = Period::parse(&self.period)?;
        let team = match self.scope.as_ref().map(|s| s.0.scope) {
            Some(Scope::Team(t)) => Some(t),
            _ => None,
        };
        let mut req = ReportRequest::new(period, team);
        req.date = Some(vndate::parse(&self.date, Field::Date)?);
        req.number = if self.number.trim().is_empty() {
            None
        } else {
            let n = crate::domain::number::parse_count(&self.number, Field::Number)?;
            Some(
                u32::try_from(n)
                    .ok()
                    .filter(|n| (1..=MAX_NUMBER).contains(n))
                    .ok_or_else(|| {
                        Error::invalid(FieldError::new(
                            Field::Number,
                            format!("phải là số từ 1 đến {MAX_NUMBER}"),
                            format!("must be a number from 1 to {MAX_NUMBER}"),
                        ))
                    })?,
            )
        };
        req.texts = Some(ReportTexts {
            activities: self.activities.text(),
            difficulties: self.difficulties.text(),
            proposals: self.proposals.text(),
            good_practices: self.good_practices.text(),
        });
        Ok(req)
    }

    /// Asked for the commune's report of `period` (the Overview's deadline): the form
    /// turns to it, unless the clerk has typed a draft not yet saved (kept as it is).
    pub fn start_for(&mut self, period: &str) {
        if self.dirty {
            return;
        }
        self.period = period.to_string();
        self.scope = self
            .scopes
            .iter()
            .find(|s| matches!(s.0.scope, Scope::Commune(_)))
            .cloned();
    }

    /// Builds the report under the database and lays it out outside it; one rebuild
    /// at a time.
    fn rebuild(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let req = match self.request() {
            Ok(r) => r,
            Err(e) => {
                self.output.refuse_preview(e);
                return Task::none();
            }
        };
        self.output.suggest(suggested_path(ctx.folder, &req));
        if !self.output.begin_preview() {
            return Task::none();
        }
        document_output::lay_out(
            ctx.db,
            self.output.fonts(),
            move |s| reports::build(s, &req).map(|b| b.doc),
            Message::Built,
        )
    }

    /// Fills the text sections from the period's activity notes (when nothing typed).
    fn prefill(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let Ok(req) = self.request() else {
            return self.rebuild(ctx);
        };
        self.prefill_generation += 1;
        let g = self.prefill_generation;
        query(
            ctx.db,
            move |s| reports::prefill_home(s, req.team, req.period),
            move |r| Message::Prefilled(g, r),
        )
    }

    pub fn unsaved(&self) -> bool {
        self.dirty
    }

    fn changed_choice(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.output.out_edited = false;
        if self.dirty {
            self.rebuild(ctx)
        } else {
            self.prefill(ctx)
        }
    }

    /// Runs the job the output part asks for; acts on what was written or voided.
    fn output_event(
        &mut self,
        event: document_output::Event,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let request = matches!(event, document_output::Event::Write { .. })
            .then(|| self.request().map(Some))
            .unwrap_or(Ok(None));
        let (task, back) = self.output.run(event, request, ctx.db, &JOBS);
        let task = task.map(Message::Output);
        match back {
            Some(document_output::Event::Voided) => (Task::batch([task, self.load(ctx.db)]), None),
            Some(document_output::Event::Written { issued }) => {
                self.dirty = false;
                let event = issued.map(|report_id| Event::Issued { report_id });
                (Task::batch([task, self.load(ctx.db)]), event)
            }
            _ => (task, None),
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        if let Message::Export(m) = message {
            return (self.export_update(m, ctx), None);
        }
        match message {
            Message::ProvinceSheet => {
                let period = match crate::domain::period::Period::parse(&self.period) {
                    Ok(p) => p,
                    Err(e) => {
                        self.export.error = Some(Error::invalid(e));
                        return (Task::none(), None);
                    }
                };
                let out = crate::office::output::Target::free(
                    &ctx.folder
                        .join(format!("Biểu gửi tỉnh {}.xlsx", period.code())),
                )
                .path;
                let folder = ctx.folder.to_path_buf();
                return (
                    query(
                        ctx.db,
                        move |s| {
                            std::fs::create_dir_all(&folder)
                                .map_err(|e| Error::file(&folder, &e))?;
                            let path = crate::office::province::export(
                                s,
                                &crate::office::province::ExportRequest {
                                    period,
                                    out,
                                    blank: None,
                                },
                            )?;
                            let (name, shown) = crate::office::output::named(&path);
                            Ok(crate::domain::Msg::new(
                                format!("Đã ghi {name} (biểu gửi tỉnh), trong thư mục {shown}."),
                                format!(
                                    "Wrote {name} (the sheet for the province), in the folder {shown}."
                                ),
                            ))
                        },
                        Message::ProvinceSheetDone,
                    ),
                    None,
                );
            }
            Message::ProvinceSheetDone(r) => {
                match r {
                    Ok(m) => {
                        self.export.notice = Some(m);
                        self.export.error = None;
                    }
                    Err(e) => self.export.error = Some(e),
                }
                return (Task::none(), None);
            }
            _ => {}
        }
        // Anything else the clerk does: the last export's message makes way.
        self.export.settle();
        let task = match message {
            // Handled above (they need the dialogs or the folder).
            Message::Export(_) | Message::ProvinceSheet | Message::ProvinceSheetDone(_) => {
                Task::none()
            }
            Message::Loaded(Ok(form)) => {
                let form = *form;
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
                let scopes: Vec<ScopePick> = form.scopes.into_iter().map(ScopePick).collect();
                self.scope = self
                    .scope
                    .clone()
                    .filter(|s| scopes.contains(s))
                    .or_else(|| scopes.first().cloned());
                self.scopes = scopes;
                self.output.register = form.register;
                self.output.eoffice_first = form.eoffice_first;
                self.output.fonts = Some(form.fonts);
                if self.dirty {
                    self.rebuild(ctx)
                } else {
                    self.prefill(ctx)
                }
            }
            Message::Loaded(Err(e)) => {
                self.output.refuse(e);
                Task::none()
            }
            Message::Scope(s) => {
                self.scope = Some(s);
                self.changed_choice(ctx)
            }
            Message::Period(p) => {
                self.period = p;
                if Period::parse(&self.period).is_ok() {
                    self.changed_choice(ctx)
                } else {
                    Task::none()
                }
            }
            Message::Date(d) => {
                self.date = d;
                self.rebuild(ctx)
            }
            Message::Number(n) => {
                self.number = n;
                self.rebuild(ctx)
            }
            Message::Prefill => {
                self.dirty = false;
                self.prefill(ctx)
            }
            Message::Prefilled(g, r) if g == self.prefill_generation => match r {
                Ok(t) => {
                    self.activities = text_editor::Content::with_text(&t.activities);
                    self.rebuild(ctx)
                }
                Err(e) => {
                    self.output.refuse(e);
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
                    self.output.notice = None;
                    // The file written before no longer shows what the form says.
                    self.output.saved = None;
                    self.rebuild(ctx)
                } else {
                    Task::none()
                }
            }
            Message::Built(r) => {
                if self.output.finish_preview(r) {
                    self.rebuild(ctx)
                } else {
                    Task::none()
                }
            }
            Message::Output(m) => {
                let (task, event) = self.output.update(m, ctx);
                let task = task.map(Message::Output);
                return match event {
                    Some(e) => {
                        let (more, event) = self.output_event(e, ctx);
                        (Task::batch([task, more]), event)
                    }
                    None => (task, None),
                };
            }
        };
        (task, None)
    }

    /// The text of every page of the preview (tests).
    pub fn preview_text(&self) -> String {
        self.output.preview_text()
    }

    pub fn view<'a>(&'a self, l: Lang) -> Element<'a, Message> {
        let editor = |label: T, content: &'a text_editor::Content, section: Section, h: f32| {
            column![
                text(tr(l, label)).size(style::LABEL),
                text_editor(content)
                    .on_action(move |a| Message::Edit(section, a))
                    .height(h)
                    .padding(style::PAD_FIELD)
            ]
            .spacing(style::SPACE_TIGHT)
        };
        let field = |label: T, id: &'static str, value: &'a str, on: fn(String) -> Message| {
            column![
                text(tr(l, label)).size(style::LABEL),
                text_input("", value)
                    .id(id)
                    .on_input(on)
                    .padding(style::PAD_FIELD)
            ]
            .spacing(style::SPACE_TIGHT)
            .width(Length::Fill)
        };
        let mut form = column![
            text(tr(l, T::NavReports))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            column![
                text(tr(l, T::ProgressScope)).size(style::LABEL),
                widgets::picker_with(
                    &self.scopes,
                    self.scope.as_ref(),
                    |s| crate::app::parts::names::report_scope(l, &s.0.name),
                    None,
                    Length::Fill,
                    Message::Scope
                )
            ]
            .spacing(style::SPACE_TIGHT),
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
                .size(style::HINT)
                .color(style::MUTED)
                .width(Length::Fill),
            row![
                text(tr(l, T::ReportTables))
                    .size(style::LABEL)
                    .width(Length::Fill),
                button(text(tr(l, T::ReportProvinceSheet)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press(Message::ProvinceSheet),
                self.export.button(l).map(Message::Export),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            self.export.status(l).map(Message::Export),
            editor(
                T::ReportActivities,
                &self.activities,
                Section::Activities,
                150.0
            ),
            button(text(tr(l, T::ReportPrefill)).size(style::LABEL))
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
        if !self.output.register.is_empty() {
            form = form.push(
                self.output
                    .register_view(l, T::ReportIssued)
                    .map(Message::Output),
            );
        }
        row![
            column![
                self.output.actions(l).map(Message::Output),
                scrollable(form.padding(style::PAD_SCROLLED)).height(Length::Fill)
            ]
            .spacing(style::SPACE)
            // Half the room each: at 1024 wide a narrower form cut its drop-downs.
            .width(Length::FillPortion(1)),
            container(self.output.preview(l).map(Message::Output))
                .id(document_output::PREVIEW_ID)
                .width(Length::FillPortion(1))
                .height(Length::Fill),
        ]
        .spacing(style::SPACE_WIDE)
        .into()
    }
}

impl State {
    /// "Xuất Excel": the tables of the report as the form describes it.
    fn export_update(
        &mut self,
        m: crate::app::parts::export::Message,
        ctx: &Context<'_>,
    ) -> Task<Message> {
        let tables = self.request().map(|req| {
            move |s: &crate::store::Store, made| {
                excel_export::report_tables(s, None, Some(&req), made)
            }
        });
        self.export
            .write(m, ctx, "Bảng số liệu báo cáo", tables, Message::Export)
    }
}

/// `BC-xa-2026-10.pdf` or `BC-to-3-2026-10.pdf` in the clerk's documents folder.
fn suggested_path(folder: &std::path::Path, req: &ReportRequest) -> PathBuf {
    let who = match req.team {
        Some(t) => format!("to-{t}"),
        None => "xa".into(),
    };
    folder.join(format!("BC-{who}-{}.pdf", req.period.code()))
}
