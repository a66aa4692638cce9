//! Decision: pick the team and kind, fill every part, and see the pages as they will
//! print — the preview draws the same laid-out pages the PDF is written from. The jobs
//! (build, save, issue, reprint) are the office's (`office::decisions`).

use std::path::PathBuf;

use iced::widget::{
    button, checkbox, column, container, row, scrollable, text, text_editor, text_input,
};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::document_output::{self, Output};
use crate::app::{Context, UI_FONT_STRONG, parts::widgets, query, style};
use crate::document::decision::{DecisionKind, Signing};
use crate::domain::{Field, FieldError, Lang, number, vndate};
use crate::office::Error;
use crate::office::decisions::RegisterLine;
use crate::office::decisions::{self, DecisionRequest, Duties, Form, TeamChoice, Teams};
use crate::store::LibraryKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub DecisionKind, pub Lang);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = match self.0 {
            DecisionKind::Establish => T::DecisionEstablish,
            DecisionKind::Change => T::DecisionChange,
        };
        f.write_str(tr(self.1, t))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningChoice(pub Signing);

impl std::fmt::Display for SigningChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Signing::Committee => "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
            Signing::Chairman => "CHỦ TỊCH",
            Signing::ViceChairman => "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        })
    }
}

/// A team in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPick(pub TeamChoice);

impl std::fmt::Display for TeamPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::app::parts::names::team(&self.0.name))
    }
}

#[derive(Default)]
pub struct State {
    pub teams: Vec<TeamPick>,
    pub team: Option<TeamPick>,
    pub kind: Option<DecisionKind>,
    pub number: String,
    pub date: String,
    pub subject: String,
    pub proposal: String,
    pub signing: Option<Signing>,
    pub signer: String,
    pub replaces: String,
    /// The form's data from the office: library, signers, next number, defaults.
    pub library: Option<Form>,
    /// Save to, Save PDF, Issue, the register and the preview.
    pub output: Output,
    pub show_articles: bool,
    pub leader: text_editor::Content,
    pub deputy: text_editor::Content,
    pub members: text_editor::Content,
    pub executors: text_editor::Content,
    pub new_basis: String,
    pub new_recipient: String,
    /// Typed since the last save or issue.
    pub dirty: bool,
    /// The clerk typed the number: it is kept through every reload until issued.
    pub number_typed: bool,
    /// The clerk ticked or unticked an entry: this draft's ticks stay as they are.
    pub ticks_edited: bool,
    /// A library entry being corrected: its id and the text as typed.
    pub editing_entry: Option<(i64, String)>,
}

/// The part of Articles 2–3 being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    Leader,
    Deputy,
    Members,
    Executors,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Option<Box<Form>>, Error>),
    Team(TeamPick),
    Kind(KindChoice),
    Number(String),
    Date(String),
    Subject(String),
    Proposal(String),
    Signing(SigningChoice),
    Signer(String),
    Base(usize, bool),
    Recipient(usize, bool),
    Replaces(String),
    ShowArticles(bool),
    Edit(Article, text_editor::Action),
    ResetArticles,
    NewBasis(String),
    NewRecipient(String),
    AddBasis,
    AddRecipient,
    LibraryChanged(Result<(), Error>),
    /// Take an entry out of the library (issued documents keep it).
    Retire(i64),
    /// Correct a library entry's text.
    EditEntry(i64),
    EntryText(String),
    SaveEntry,
    CancelEntry,
    Built(Result<std::sync::Arc<crate::render::Laid>, Error>),
    Output(document_output::Message),
}

/// The office's decision jobs, as the output part runs them.
const JOBS: document_output::Jobs<DecisionRequest> = document_output::Jobs {
    save: decisions::save,
    issue: decisions::issue,
    reprint_name: decisions::reprint_name,
    reprint: decisions::reprint,
    void: decisions::void,
    word: crate::office::word::decision,
    issued_word: crate::office::word::issued_decision,
    for_numbering: |s, r, t, f| {
        // The e-office gives the number: the one the form proposes is left out.
        let mut r = r.clone();
        r.number = None;
        crate::office::eoffice::draft(s, &crate::office::eoffice::DraftRequest::Decision(r), t, f)
    },
    doc: crate::store::DocKind::Decision,
};

/// What the decision screen tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A decision was issued into the register.
    Issued { decision_id: i64 },
}

impl State {
    pub fn load(&self, db: &crate::app::Db) -> Task<Message> {
        query(
            db,
            move |s| decisions::form(s).map(|f| f.map(Box::new)),
            Message::Loaded,
        )
    }

    /// The typed number: empty is none (a draft), anything else must be a whole number
    /// from 1 up; a refusal names the field.
    fn checked_number(&self) -> Result<Option<u32>, Error> {
        if self.number.trim().is_empty() {
            return Ok(None);
        }
        let n = number::parse_count(&self.number, Field::Number)?;
        match u32::try_from(n) {
            Ok(n) if (1..=decisions::MAX_NUMBER).contains(&n) => Ok(Some(n)),
            _ => Err(Error::invalid(FieldError::new(
                Field::Number,
                format!("phải là số từ 1 đến {}", decisions::MAX_NUMBER),
                format!("must be a number from 1 to {}", decisions::MAX_NUMBER),
            ))),
        }
    }

    /// The typed date, or today while it does not read.
    fn date_or_today(&self) -> chrono::NaiveDate {
        vndate::parse(&self.date, Field::Date).unwrap_or_else(|_| chrono::Local::now().date_naive())
    }

    /// Ticks the library's usual entries that are in force on the decision's date —
    /// unless the clerk ticked this draft's entries, whose ticks then carry over.
    fn tick_by_date(&mut self, previous: Option<&Form>) {
        let date = self.date_or_today();
        let edited = self.ticks_edited;
        let Some(lib) = self.library.as_mut() else {
            return;
        };
        let before = |list: fn(&Form) -> &Vec<crate::store::LibraryItem>, id: i64| {
            previous.and_then(|p| list(p).iter().find(|i| i.id == id).map(|i| i.chosen))
        };
        for item in &mut lib.bases {
            item.chosen = match (edited, before(|f| &f.bases, item.id)) {
                (true, Some(was)) => was,
                _ => item.chosen && item.facts.offered_on(date),
            };
        }
        for item in &mut lib.recipients {
            item.chosen = match (edited, before(|f| &f.recipients, item.id)) {
                (true, Some(was)) => was,
                _ => item.chosen && item.facts.offered_on(date),
            };
        }
    }

    /// The year of the typed date (this year while the date does not read).
    fn year(&self) -> i32 {
        vndate::parse(&self.date, Field::Date)
            .map(|d| chrono::Datelike::year(&d))
            .unwrap_or_else(|_| chrono::Datelike::year(&chrono::Local::now().date_naive()))
    }

    /// Proposes the next number of the date's year, unless the clerk typed one.
    fn propose_number(&mut self) {
        if !self.number_typed {
            let n = RegisterLine::next_number(&self.output.register, self.year(), 0);
            self.number = n.to_string();
        }
    }

    /// A warning (never a change) when the number shown is already in the register.
    pub fn number_warning(&self) -> Option<crate::domain::Msg> {
        let n = self.checked_number().ok().flatten()?;
        decisions::used_number_warning(&self.output.register, self.year(), n)
    }

    /// The request the form describes; a refusal names the field.
    fn request(&self) -> Result<Option<DecisionRequest>, Error> {
        let number = self.checked_number()?;
        let date = vndate::parse(&self.date, Field::Date)?;
        let (Some(lib), Some(team)) = (&self.library, &self.team) else {
            return Ok(None);
        };
        let chosen = |items: &[crate::store::LibraryItem]| -> Vec<String> {
            items
                .iter()
                .filter(|b| b.chosen)
                .map(|b| b.text.clone())
                .collect()
        };
        let lines = |c: &text_editor::Content| -> Vec<String> {
            c.text().lines().map(str::to_string).collect()
        };
        Ok(Some(DecisionRequest {
            teams: Teams::One(team.0.id),
            kind: self.kind.unwrap_or(DecisionKind::Establish),
            number,
            date: Some(date),
            subject: Some(self.subject.clone()),
            signing: self.signing,
            signer: Some(self.signer.clone()),
            proposal: Some(self.proposal.clone()),
            legal_bases: Some(chosen(&lib.bases)),
            recipients: Some(chosen(&lib.recipients)),
            replaces: Some(self.replaces.trim().to_string()).filter(|r| !r.is_empty()),
            duties: Some(Duties {
                leader: self.leader.text(),
                deputy: lines(&self.deputy),
                member: lines(&self.members),
                executors: self.executors.text(),
            }),
            ..DecisionRequest::for_team(team.0.id)
        }))
    }

    /// Builds the decision under the database and lays it out outside it; one rebuild
    /// at a time, edits made meanwhile bring one more.
    fn rebuild(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.output.suggest(self.suggested_path(ctx.folder));
        let req = match self.request() {
            Ok(Some(r)) => r,
            Ok(None) => return Task::none(),
            Err(e) => {
                self.output.refuse_preview(e);
                return Task::none();
            }
        };
        if !self.output.begin_preview() {
            return Task::none();
        }
        document_output::lay_out(
            ctx.db,
            self.output.fonts(),
            move |s| decisions::build(s, &req).map(|b| b.doc),
            Message::Built,
        )
    }

    /// `QD-12-22-11-2026.pdf` in the clerk's documents folder.
    fn suggested_path(&self, folder: &std::path::Path) -> PathBuf {
        let number = self.number.trim();
        let number = if number.is_empty() { "du-thao" } else { number };
        folder.join(format!(
            "QD-{number}-{}.pdf",
            self.date.trim().replace(['/', '.', ' '], "-")
        ))
    }

    fn fill_articles(&mut self, d: &Duties) {
        self.leader = text_editor::Content::with_text(&d.leader);
        self.deputy = text_editor::Content::with_text(&d.deputy.join("\n"));
        self.members = text_editor::Content::with_text(&d.member.join("\n"));
        self.executors = text_editor::Content::with_text(&d.executors);
    }

    /// Typed edits not yet saved as a PDF or issued.
    pub fn unsaved(&self) -> bool {
        self.dirty
    }

    fn edited(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.dirty = true;
        self.output.notice = None;
        // The file written before no longer shows what the form says.
        self.output.saved = None;
        self.rebuild(ctx)
    }

    fn add_to_library(&mut self, ctx: &Context<'_>, kind: LibraryKind) -> Task<Message> {
        let Some(lib) = &self.library else {
            return Task::none();
        };
        let commune = lib.commune_id;
        let typed = match kind {
            LibraryKind::LegalBasis => std::mem::take(&mut self.new_basis),
            LibraryKind::Recipient => std::mem::take(&mut self.new_recipient),
        };
        query(
            ctx.db,
            move |s| decisions::add_to_library(s, commune, kind, &typed).map(|_| ()),
            Message::LibraryChanged,
        )
    }

    fn loaded(&mut self, form: Option<Box<Form>>, ctx: &Context<'_>) -> Task<Message> {
        let Some(form) = form else {
            return Task::none();
        };
        if self.date.is_empty() {
            self.date = vndate::short(chrono::Local::now().date_naive());
            self.proposal = form.proposal.clone();
            self.signer = form.chairman.clone();
            self.fill_articles(&form.duties);
        }
        self.teams = form.teams.iter().cloned().map(TeamPick).collect();
        self.team = self
            .team
            .clone()
            .filter(|t| self.teams.contains(t))
            .or_else(|| self.teams.first().cloned());
        self.output.register = form.register.clone();
        self.output.eoffice_first = form.eoffice_first;
        self.output.fonts = Some(form.fonts.clone());
        let previous = self.library.replace(*form);
        self.tick_by_date(previous.as_ref());
        // A number the clerk typed stays; otherwise the register proposes one.
        self.propose_number();
        self.rebuild(ctx)
    }

    /// Runs the job the output part asks for; acts on what was written or voided.
    fn output_event(
        &mut self,
        event: document_output::Event,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let request = matches!(event, document_output::Event::Write { .. })
            .then(|| self.request())
            .unwrap_or(Ok(None));
        let (task, back) = self.output.run(event, request, ctx.db, &JOBS);
        let task = task.map(Message::Output);
        match back {
            Some(document_output::Event::Voided) => (Task::batch([task, self.load(ctx.db)]), None),
            Some(document_output::Event::Written { issued }) => {
                self.dirty = false;
                if issued.is_some() {
                    // That number is used now: the register proposes the next, and the
                    // next draft starts from today with the texts of today (nothing of
                    // the decision just issued is offered again but the team).
                    self.number_typed = false;
                    self.date.clear();
                    self.subject.clear();
                    self.replaces.clear();
                }
                let event = issued.map(|decision_id| Event::Issued { decision_id });
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
        let task = match message {
            Message::Loaded(Ok(form)) => self.loaded(form, ctx),
            Message::Loaded(Err(e)) | Message::LibraryChanged(Err(e)) => {
                self.output.refuse(e);
                Task::none()
            }
            Message::LibraryChanged(Ok(())) => self.load(ctx.db),
            Message::Team(t) => {
                self.team = Some(t);
                self.edited(ctx)
            }
            Message::Kind(k) => {
                self.kind = Some(k.0);
                self.edited(ctx)
            }
            Message::Number(n) => {
                self.number = n;
                self.number_typed = true;
                self.edited(ctx)
            }
            Message::Date(d) => {
                self.date = d;
                self.propose_number();
                self.tick_by_date(None);
                self.edited(ctx)
            }
            Message::Subject(s) => {
                self.subject = s;
                self.edited(ctx)
            }
            Message::Proposal(p) => {
                self.proposal = p;
                self.edited(ctx)
            }
            Message::Replaces(r) => {
                self.replaces = r;
                self.edited(ctx)
            }
            Message::Signing(s) => {
                self.signing = Some(s.0);
                if let Some(lib) = &self.library {
                    self.signer = if s.0 == Signing::ViceChairman {
                        lib.vice.clone()
                    } else {
                        lib.chairman.clone()
                    };
                }
                self.edited(ctx)
            }
            Message::Signer(s) => {
                self.signer = s;
                self.edited(ctx)
            }
            Message::ShowArticles(on) => {
                self.show_articles = on;
                Task::none()
            }
            Message::Edit(article, action) => {
                let is_edit = action.is_edit();
                let content = match article {
                    Article::Leader => &mut self.leader,
                    Article::Deputy => &mut self.deputy,
                    Article::Members => &mut self.members,
                    Article::Executors => &mut self.executors,
                };
                content.perform(action);
                if is_edit {
                    self.edited(ctx)
                } else {
                    Task::none()
                }
            }
            Message::ResetArticles => {
                if let Some(d) = self.library.as_ref().map(|l| l.duties.clone()) {
                    self.fill_articles(&d);
                }
                self.edited(ctx)
            }
            Message::NewBasis(t) => {
                self.new_basis = t;
                Task::none()
            }
            Message::NewRecipient(t) => {
                self.new_recipient = t;
                Task::none()
            }
            Message::AddBasis => self.add_to_library(ctx, LibraryKind::LegalBasis),
            Message::AddRecipient => self.add_to_library(ctx, LibraryKind::Recipient),
            Message::Base(i, on) | Message::Recipient(i, on) => {
                let is_base = matches!(message, Message::Base(..));
                let Some(lib) = self.library.as_mut() else {
                    return (Task::none(), None);
                };
                let list = if is_base {
                    &mut lib.bases
                } else {
                    &mut lib.recipients
                };
                let Some(item) = list.get_mut(i) else {
                    return (Task::none(), None);
                };
                // The tick belongs to this draft, not to the library.
                item.chosen = on;
                self.ticks_edited = true;
                self.edited(ctx)
            }
            Message::Retire(id) => query(
                ctx.db,
                move |s| decisions::retire_library_item(s, id),
                Message::LibraryChanged,
            ),
            Message::EditEntry(id) => {
                let text = self
                    .library
                    .iter()
                    .flat_map(|l| l.bases.iter().chain(&l.recipients))
                    .find(|i| i.id == id)
                    .map(|i| i.text.clone())
                    .unwrap_or_default();
                self.editing_entry = Some((id, text));
                iced::widget::operation::focus("library_entry")
            }
            Message::EntryText(t) => {
                if let Some((_, text)) = &mut self.editing_entry {
                    *text = t;
                }
                Task::none()
            }
            Message::CancelEntry => {
                self.editing_entry = None;
                Task::none()
            }
            Message::SaveEntry => match self.editing_entry.take() {
                Some((id, text)) => query(
                    ctx.db,
                    move |s| decisions::edit_library_item(s, id, &text),
                    Message::LibraryChanged,
                ),
                None => Task::none(),
            },
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

    fn field<'a>(
        &self,
        id: &'static str,
        label: &'a str,
        value: &'a str,
        on: fn(String) -> Message,
    ) -> Element<'a, Message> {
        widgets::labelled(
            label,
            text_input("", value)
                .id(id)
                .on_input(on)
                .padding(style::PAD_FIELD),
        )
    }

    /// A library entry: its tick for this draft, a warning when it is not in force on
    /// the decision's date, and "take out of the list".
    fn library_line<'a>(
        &self,
        l: Lang,
        item: &'a crate::store::LibraryItem,
        date: chrono::NaiveDate,
        on: impl Fn(bool) -> Message + 'a,
    ) -> Element<'a, Message> {
        if let Some((id, typed)) = &self.editing_entry
            && *id == item.id
        {
            return row![
                text_input("", typed)
                    .id("library_entry")
                    .on_input(Message::EntryText)
                    .on_submit(Message::SaveEntry)
                    .size(style::LABEL)
                    .padding(style::PAD_FIELD),
                button(text(tr(l, T::DecisionEntrySave)).size(style::LABEL))
                    .style(button::primary)
                    .on_press(Message::SaveEntry),
                button(text(tr(l, T::QuitNo)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press(Message::CancelEntry),
            ]
            .spacing(style::SPACE)
            .into();
        }
        let mut col = column![
            row![
                checkbox(item.chosen)
                    .label(item.text.as_str())
                    .text_size(style::LABEL)
                    .on_toggle(on)
                    .width(Length::Fill),
                button(text(tr(l, T::DecisionEntryEdit)).size(style::HINT))
                    .style(button::text)
                    .on_press(Message::EditEntry(item.id)),
                button(text(tr(l, T::DecisionRetire)).size(style::HINT))
                    .style(button::text)
                    .on_press(Message::Retire(item.id)),
            ]
            .spacing(style::SPACE)
        ];
        if let Some(w) = item.facts.warning(date) {
            col = col.push(
                text(format!("⚠ {}", w.get(l)))
                    .size(style::HINT)
                    .color(style::WARNING)
                    .width(Length::Fill),
            );
        }
        col.width(Length::Fill).into()
    }

    pub fn view<'a>(&'a self, l: Lang) -> Element<'a, Message> {
        let kinds = [
            KindChoice(DecisionKind::Establish, l),
            KindChoice(DecisionKind::Change, l),
        ];
        let signings = [
            SigningChoice(Signing::Committee),
            SigningChoice(Signing::Chairman),
            SigningChoice(Signing::ViceChairman),
        ];
        let mut form = column![
            text(tr(l, T::NavDecision))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            column![
                text(tr(l, T::DecisionTeam)).size(style::LABEL),
                widgets::picker(
                    self.teams.as_slice(),
                    self.team.clone(),
                    None,
                    Length::Fill,
                    Message::Team
                )
            ]
            .spacing(style::SPACE_TIGHT),
            column![
                text(tr(l, T::DecisionKind)).size(style::LABEL),
                widgets::picker(
                    kinds,
                    Some(KindChoice(self.kind.unwrap_or(DecisionKind::Establish), l)),
                    None,
                    Length::Fill,
                    Message::Kind
                )
            ]
            .spacing(style::SPACE_TIGHT),
            row![
                self.field(
                    "decision_number",
                    tr(l, T::DecisionNumber),
                    &self.number,
                    Message::Number
                ),
                self.field(
                    "decision_date",
                    tr(l, T::DecisionDate),
                    &self.date,
                    Message::Date
                )
            ]
            .spacing(10),
            // The number's place for a warning is always there, so nothing moves.
            text(
                self.number_warning()
                    .map(|w| w.get(l).to_string())
                    .unwrap_or_default()
            )
            .size(style::LABEL)
            .color(style::WARNING),
            column![
                text(tr(l, T::DecisionSigning)).size(style::LABEL),
                widgets::picker(
                    signings,
                    Some(SigningChoice(self.signing.unwrap_or(Signing::Committee))),
                    None,
                    Length::Fill,
                    Message::Signing
                )
            ]
            .spacing(style::SPACE_TIGHT),
            self.field(
                "decision_signer",
                tr(l, T::DecisionSigner),
                &self.signer,
                Message::Signer
            ),
            column![
                text(tr(l, T::DecisionSubject)).size(style::LABEL),
                text_input("", &self.subject)
                    .id("decision_subject")
                    .on_input(Message::Subject)
                    .padding(style::PAD_FIELD)
            ]
            .spacing(style::SPACE_TIGHT),
            self.field(
                "decision_proposal",
                tr(l, T::DecisionProposal),
                &self.proposal,
                Message::Proposal
            ),
        ]
        .spacing(10);
        if self.kind == Some(DecisionKind::Change) {
            form = form.push(
                column![
                    text(tr(l, T::DecisionReplaces)).size(style::LABEL),
                    text_input(tr(l, T::DecisionReplacesHint), &self.replaces)
                        .on_input(Message::Replaces)
                        .padding(style::PAD_FIELD)
                ]
                .spacing(style::SPACE_TIGHT),
            );
        }
        form = form.push(
            checkbox(self.show_articles)
                .label(tr(l, T::DecisionArticles))
                .on_toggle(Message::ShowArticles),
        );
        if self.show_articles {
            let editor = |label: T, content: &'a text_editor::Content, article: Article, h: f32| {
                column![
                    text(tr(l, label)).size(style::LABEL),
                    text_editor(content)
                        .on_action(move |a| Message::Edit(article, a))
                        .height(h)
                        .padding(style::PAD_FIELD)
                ]
                .spacing(style::SPACE_TIGHT)
            };
            form = form.push(editor(
                T::DecisionLeaderDuties,
                &self.leader,
                Article::Leader,
                90.0,
            ));
            form = form.push(editor(
                T::DecisionDeputyDuties,
                &self.deputy,
                Article::Deputy,
                110.0,
            ));
            form = form.push(editor(
                T::DecisionMemberDuties,
                &self.members,
                Article::Members,
                160.0,
            ));
            form = form.push(editor(
                T::DecisionExecutors,
                &self.executors,
                Article::Executors,
                70.0,
            ));
            form = form.push(
                button(text(tr(l, T::DecisionResetArticles)).size(style::LABEL))
                    .style(button::text)
                    .on_press(Message::ResetArticles),
            );
        }
        if let Some(lib) = &self.library {
            form = form.push(text(tr(l, T::DecisionBases)).font(UI_FONT_STRONG));
            let date = self.date_or_today();
            for (i, b) in lib.bases.iter().enumerate() {
                form = form.push(self.library_line(l, b, date, move |on| Message::Base(i, on)));
            }
            form = form.push(
                row![
                    text_input(tr(l, T::DecisionAddBasis), &self.new_basis)
                        .on_input(Message::NewBasis)
                        .on_submit(Message::AddBasis)
                        .size(style::LABEL)
                        .padding(5),
                    button(text("+")).on_press(Message::AddBasis)
                ]
                .spacing(6),
            );
            form = form.push(text(tr(l, T::DecisionRecipients)).font(UI_FONT_STRONG));
            for (i, r) in lib.recipients.iter().enumerate() {
                form =
                    form.push(self.library_line(l, r, date, move |on| Message::Recipient(i, on)));
            }
            form = form.push(
                row![
                    text_input(tr(l, T::DecisionAddRecipient), &self.new_recipient)
                        .on_input(Message::NewRecipient)
                        .on_submit(Message::AddRecipient)
                        .size(style::LABEL)
                        .padding(5),
                    button(text("+")).on_press(Message::AddRecipient)
                ]
                .spacing(6),
            );
        }
        if !self.output.register.is_empty() {
            form = form.push(
                self.output
                    .register_view(l, T::DecisionIssued)
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

    /// The text the preview shows on its current page (tests).
    pub fn preview_text(&self) -> String {
        self.output
            .laid
            .as_ref()
            .and_then(|l| l.pages.get(self.output.page))
            .map(|p| p.text())
            .unwrap_or_default()
    }
}
