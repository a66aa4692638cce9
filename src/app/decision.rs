//! Decision: pick the team and kind, fill every part, and see the pages as they will
//! print — the preview draws the same laid-out pages the PDF is written from.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Datelike;
use iced::widget::{
    button, canvas, checkbox, column, container, pick_list, row, scrollable, text, text_editor,
    text_input,
};
use iced::{Element, Length, Task};

use super::dialogs::Dialogs;
use super::i18n::{T, tr};
use super::member_form::TeamChoice;
use super::preview::PagePreview;
use super::{Db, UI_FONT_STRONG, query, style};
use crate::cli::print::{self, DecisionRequest, Duties};
use crate::document::decision::{DecisionKind, Signing};
use crate::domain::{Lang, Msg, vndate};
use crate::render::{self, Fonts, Laid};
use crate::store::{LibraryItem, LibraryKind};

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

#[derive(Debug, Clone)]
pub struct Library {
    pub bases: Vec<LibraryItem>,
    pub recipients: Vec<LibraryItem>,
    pub chairman: String,
    pub vice: String,
    pub next_number: u32,
    /// Issued decisions: id and `số … ngày … — subject`.
    pub issued: Vec<(i64, String)>,
    pub commune_id: i64,
    pub duties: Duties,
    pub fonts: Fonts,
}

#[derive(Default)]
pub struct State {
    pub teams: Vec<TeamChoice>,
    pub team: Option<TeamChoice>,
    pub kind: Option<DecisionKind>,
    pub number: String,
    pub date: String,
    pub subject: String,
    pub proposal: String,
    pub signing: Option<Signing>,
    pub signer: String,
    pub replaces: String,
    pub library: Option<Library>,
    pub laid: Option<Arc<Laid>>,
    pub page: usize,
    pub error: Option<Msg>,
    pub notice: Option<Msg>,
    /// Where Save PDF writes; filled from the number and date until the clerk edits it.
    pub out_path: String,
    out_edited: bool,
    /// The last PDF written, to open in the viewer.
    pub saved: Option<PathBuf>,
    pub show_articles: bool,
    pub leader: text_editor::Content,
    pub deputy: text_editor::Content,
    pub members: text_editor::Content,
    pub executors: text_editor::Content,
    pub new_basis: String,
    pub new_recipient: String,
    /// Typed since the last save or issue.
    pub dirty: bool,
    generation: u64,
    fonts: Option<Fonts>,
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
    Loaded(Result<Box<(Vec<TeamChoice>, Library)>, Msg>),
    Team(TeamChoice),
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
    LibraryAdded(Result<(), Msg>),
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
    /// A side job (choosing a library item, opening the viewer) finished.
    Finished(Result<(), Msg>),
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        let year = chrono::Local::now().date_naive().year();
        query(
            db,
            move |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok(Box::new((
                        Vec::new(),
                        Library {
                            bases: vec![],
                            recipients: vec![],
                            chairman: String::new(),
                            vice: String::new(),
                            next_number: 1,
                            issued: vec![],
                            commune_id: 0,
                            duties: Duties::default(),
                            fonts: Fonts::bundled(),
                        },
                    )));
                };
                s.ensure_library(c.id)?;
                let teams = s
                    .team_summaries(c.id)?
                    .into_iter()
                    .map(|t| TeamChoice {
                        id: t.team.id,
                        name: t.name,
                    })
                    .collect();
                let lib = Library {
                    bases: s.library(c.id, LibraryKind::LegalBasis)?,
                    recipients: s.library(c.id, LibraryKind::Recipient)?,
                    chairman: c.chairman.clone(),
                    vice: c.vice_chairmen.first().cloned().unwrap_or_default(),
                    next_number: s.next_decision_number(c.id, year)?,
                    issued: s
                        .issued_decisions(c.id)?
                        .iter()
                        .map(|d| (d.id, format!("{} — {}", d.reference(), d.subject)))
                        .collect(),
                    commune_id: c.id,
                    duties: Duties::defaults(&c),
                    fonts: print::fonts_for(s, None)?,
                };
                Ok(Box::new((teams, lib)))
            },
            Message::Loaded,
        )
    }

    /// The typed number: empty is none (a draft), anything else must be a whole number
    /// above 0; a refusal names the field.
    fn checked_number(&self) -> Result<Option<u32>, Msg> {
        if self.number.trim().is_empty() {
            return Ok(None);
        }
        let refuse =
            |e: crate::domain::FieldError| Msg::new(e.message(Lang::Vi), e.message(Lang::En));
        let n = crate::domain::number::parse_count(&self.number, crate::domain::Field::Number)
            .map_err(refuse)?;
        match u32::try_from(n) {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(refuse(crate::domain::FieldError::new(
                crate::domain::Field::Number,
                "phải là số từ 1 trở lên",
                "must be a number from 1 up",
            ))),
        }
    }

    fn request(&self) -> Option<DecisionRequest> {
        let lib = self.library.as_ref()?;
        let chosen = |items: &[LibraryItem]| -> Vec<String> {
            items
                .iter()
                .filter(|b| b.chosen)
                .map(|b| b.text.clone())
                .collect()
        };
        let lines = |c: &text_editor::Content| -> Vec<String> {
            c.text().lines().map(str::to_string).collect()
        };
        Some(DecisionRequest {
            team: self.team.as_ref().map(|t| t.id),
            kind: self.kind.map(|k| k.code().to_string()),
            number: self.checked_number().ok().flatten(),
            date: Some(self.date.clone()),
            subject: Some(self.subject.clone()),
            signing: self.signing.map(|s| s.code().to_string()),
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
            ..Default::default()
        })
    }

    fn doc_fonts(&self) -> Fonts {
        self.library
            .as_ref()
            .map(|l| l.fonts.clone())
            .unwrap_or_else(Fonts::bundled)
    }

    /// Builds and lays out the decision away from the window; older results are dropped.
    fn rebuild(&mut self, db: &Db) -> Task<Message> {
        if !self.out_edited {
            self.out_path = self.suggested_path().display().to_string();
        }
        if let Err(e) = self.checked_number() {
            self.error = Some(e);
            return Task::none();
        }
        let Some(req) = self.request() else {
            return Task::none();
        };
        if req.team.is_none() {
            return Task::none();
        }
        self.generation += 1;
        let g = self.generation;
        let fonts = self.doc_fonts();
        self.fonts = Some(fonts.clone());
        query(
            db,
            move |s| {
                let (doc, _, _) = print::build_decision(s, &req)?;
                Ok(Arc::new(render::compose(
                    &doc,
                    &fonts,
                    render::PageSetup::DECREE_30,
                )))
            },
            move |r| Message::Built(g, r),
        )
    }

    /// `Documents/QD-12-22-11-2026.pdf`: the clerk's documents folder, else the temp one.
    fn suggested_path(&self) -> PathBuf {
        let dir = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
            .unwrap_or_else(std::env::temp_dir);
        let number = self.number.trim();
        let number = if number.is_empty() { "du-thao" } else { number };
        dir.join(format!(
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

    fn edited(&mut self, db: &Db) -> Task<Message> {
        self.dirty = true;
        self.notice = None;
        self.rebuild(db)
    }

    fn add_to_library(&mut self, db: &Db, kind: LibraryKind) -> Task<Message> {
        let Some(lib) = &self.library else {
            return Task::none();
        };
        let commune = lib.commune_id;
        let typed = match kind {
            LibraryKind::LegalBasis => std::mem::take(&mut self.new_basis),
            LibraryKind::Recipient => std::mem::take(&mut self.new_recipient),
        };
        query(
            db,
            move |s| s.add_library_item(commune, kind, &typed, true).map(|_| ()),
            Message::LibraryAdded,
        )
    }

    /// Writes the PDF (and with `issue`, freezes it in the register first).
    fn write(&mut self, db: &Db, issue: bool) -> Task<Message> {
        if let Err(e) = self.checked_number() {
            self.error = Some(e);
            return Task::none();
        }
        let Some(req) = self.request() else {
            return Task::none();
        };
        let path = PathBuf::from(self.out_path.trim());
        if path.as_os_str().is_empty() {
            self.error = Some(Msg::new(
                "Lưu vào: cần chọn nơi lưu tệp PDF",
                "Save to: choose where the PDF goes",
            ));
            return Task::none();
        }
        let path = if path.extension().is_none() {
            path.with_extension("pdf")
        } else {
            path
        };
        let fonts = self.doc_fonts();
        self.error = None;
        query(
            db,
            move |s| {
                let msg = print::print_decision(s, &req, issue, &path, &fonts)?;
                Ok((msg, path))
            },
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
            Message::Loaded(Ok(loaded)) => {
                let (teams, lib) = *loaded;
                if self.date.is_empty() {
                    self.date = vndate::short(chrono::Local::now().date_naive());
                    self.proposal = "Theo đề nghị của công chức Văn phòng - Thống kê.".into();
                    self.signer = lib.chairman.clone();
                    self.number = lib.next_number.to_string();
                    self.fill_articles(&lib.duties);
                } else if !self.dirty {
                    // Nothing typed: the number follows the register.
                    self.number = lib.next_number.to_string();
                }
                self.team = self.team.clone().or_else(|| teams.first().cloned());
                self.teams = teams;
                self.library = Some(lib);
                self.rebuild(db)
            }
            Message::Loaded(Err(e)) | Message::LibraryAdded(Err(e)) | Message::Finished(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::LibraryAdded(Ok(())) => self.load(db),
            Message::Team(t) => {
                self.team = Some(t);
                self.edited(db)
            }
            Message::Kind(k) => {
                self.kind = Some(k.0);
                self.edited(db)
            }
            Message::Number(n) => {
                self.number = n;
                self.edited(db)
            }
            Message::Date(d) => {
                self.date = d;
                self.edited(db)
            }
            Message::Subject(s) => {
                self.subject = s;
                self.edited(db)
            }
            Message::Proposal(p) => {
                self.proposal = p;
                self.edited(db)
            }
            Message::Replaces(r) => {
                self.replaces = r;
                self.edited(db)
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
                self.edited(db)
            }
            Message::Signer(s) => {
                self.signer = s;
                self.edited(db)
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
                    self.edited(db)
                } else {
                    Task::none()
                }
            }
            Message::ResetArticles => {
                if let Some(d) = self.library.as_ref().map(|l| l.duties.clone()) {
                    self.fill_articles(&d);
                }
                self.edited(db)
            }
            Message::NewBasis(t) => {
                self.new_basis = t;
                Task::none()
            }
            Message::NewRecipient(t) => {
                self.new_recipient = t;
                Task::none()
            }
            Message::AddBasis => self.add_to_library(db, LibraryKind::LegalBasis),
            Message::AddRecipient => self.add_to_library(db, LibraryKind::Recipient),
            Message::Base(i, on) | Message::Recipient(i, on) if self.library.is_some() => {
                let is_base = matches!(message, Message::Base(..));
                let lib = self.library.as_mut().expect("checked above");
                let list = if is_base {
                    &mut lib.bases
                } else {
                    &mut lib.recipients
                };
                let Some(item) = list.get_mut(i) else {
                    return Task::none();
                };
                item.chosen = on;
                let id = item.id;
                Task::batch([
                    query(
                        db,
                        move |s| s.choose_library_item(id, on),
                        Message::Finished,
                    ),
                    self.edited(db),
                ])
            }
            Message::Base(..) | Message::Recipient(..) => Task::none(),
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
                self.out_edited = true;
                Task::none()
            }
            Message::Browse => {
                let dialogs = dialogs.clone();
                let suggested = PathBuf::from(self.out_path.trim());
                Task::perform(
                    async move { dialogs.save_file("Lưu quyết định (PDF)", &suggested) },
                    Message::Browsed,
                )
            }
            Message::Browsed(Some(p)) => {
                self.out_path = p.display().to_string();
                self.out_edited = true;
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
                let fonts = self.doc_fonts();
                query(
                    db,
                    move |s| {
                        let d = s.issued_decision(id)?;
                        let path = dir.join(format!(
                            "QD-{}-{}-ban-in-lai.pdf",
                            d.number,
                            d.issued_on.format("%d-%m-%Y")
                        ));
                        let msg = print::print_issued(s, id, &path, &fonts)?;
                        Ok((msg, path))
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
            Message::Done(Err(e)) => {
                self.error = Some(e);
                Task::none()
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
            Message::Finished(Ok(())) => Task::none(),
        }
    }

    fn field<'a>(
        &self,
        label: &'a str,
        value: &'a str,
        on: fn(String) -> Message,
    ) -> Element<'a, Message> {
        column![
            text(label).size(13),
            text_input("", value).on_input(on).padding(6)
        ]
        .spacing(3)
        .into()
    }

    /// Where to save, Save PDF, Issue, and what came of them: always in sight.
    fn actions(&self, l: Lang) -> Element<'_, Message> {
        let mut bar = column![].spacing(8);
        bar = bar.push(
            column![
                text(tr(l, T::DecisionSaveTo)).size(13),
                row![
                    text_input("", &self.out_path)
                        .id("decision_out")
                        .on_input(Message::OutPath)
                        .padding(6),
                    button(text(tr(l, T::DecisionBrowse)))
                        .style(button::secondary)
                        .on_press(Message::Browse),
                ]
                .spacing(6)
            ]
            .spacing(3),
        );
        bar = bar.push(
            row![
                button(text(tr(l, T::DecisionSavePdf)))
                    .style(button::secondary)
                    .on_press(Message::SavePdf),
                button(text(tr(l, T::DecisionIssue)))
                    .style(button::primary)
                    .on_press(Message::Issue),
            ]
            .spacing(10),
        );
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
        container(bar)
            .padding(8)
            .style(container::bordered_box)
            .into()
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
            text(tr(l, T::NavDecision)).size(22).font(UI_FONT_STRONG),
            column![
                text(tr(l, T::DecisionTeam)).size(13),
                pick_list(self.teams.as_slice(), self.team.clone(), Message::Team)
                    .width(Length::Fill)
            ]
            .spacing(3),
            column![
                text(tr(l, T::DecisionKind)).size(13),
                pick_list(
                    kinds,
                    Some(KindChoice(self.kind.unwrap_or(DecisionKind::Establish), l)),
                    Message::Kind
                )
                .width(Length::Fill)
            ]
            .spacing(3),
            row![
                self.field(tr(l, T::DecisionNumber), &self.number, Message::Number),
                self.field(tr(l, T::DecisionDate), &self.date, Message::Date)
            ]
            .spacing(10),
            column![
                text(tr(l, T::DecisionSigning)).size(13),
                pick_list(
                    signings,
                    Some(SigningChoice(self.signing.unwrap_or(Signing::Committee))),
                    Message::Signing
                )
                .width(Length::Fill)
            ]
            .spacing(3),
            self.field(tr(l, T::DecisionSigner), &self.signer, Message::Signer),
            column![
                text(tr(l, T::DecisionSubject)).size(13),
                text_input("", &self.subject)
                    .id("decision_subject")
                    .on_input(Message::Subject)
                    .padding(6)
            ]
            .spacing(3),
            self.field(
                tr(l, T::DecisionProposal),
                &self.proposal,
                Message::Proposal
            ),
        ]
        .spacing(10);
        if self.kind == Some(DecisionKind::Change) {
            form = form.push(
                column![
                    text(tr(l, T::DecisionReplaces)).size(13),
                    text_input(tr(l, T::DecisionReplacesHint), &self.replaces)
                        .on_input(Message::Replaces)
                        .padding(6)
                ]
                .spacing(3),
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
                    text(tr(l, label)).size(13),
                    text_editor(content)
                        .on_action(move |a| Message::Edit(article, a))
                        .height(h)
                        .padding(6)
                ]
                .spacing(3)
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
                button(text(tr(l, T::DecisionResetArticles)).size(13))
                    .style(button::text)
                    .on_press(Message::ResetArticles),
            );
        }
        if let Some(lib) = &self.library {
            form = form.push(text(tr(l, T::DecisionBases)).font(UI_FONT_STRONG));
            for (i, b) in lib.bases.iter().enumerate() {
                form = form.push(
                    checkbox(b.chosen)
                        .label(b.text.as_str())
                        .text_size(13)
                        .on_toggle(move |on| Message::Base(i, on)),
                );
            }
            form = form.push(
                row![
                    text_input(tr(l, T::DecisionAddBasis), &self.new_basis)
                        .on_input(Message::NewBasis)
                        .on_submit(Message::AddBasis)
                        .size(13)
                        .padding(5),
                    button(text("+")).on_press(Message::AddBasis)
                ]
                .spacing(6),
            );
            form = form.push(text(tr(l, T::DecisionRecipients)).font(UI_FONT_STRONG));
            for (i, r) in lib.recipients.iter().enumerate() {
                form = form.push(
                    checkbox(r.chosen)
                        .label(r.text.as_str())
                        .text_size(13)
                        .on_toggle(move |on| Message::Recipient(i, on)),
                );
            }
            form = form.push(
                row![
                    text_input(tr(l, T::DecisionAddRecipient), &self.new_recipient)
                        .on_input(Message::NewRecipient)
                        .on_submit(Message::AddRecipient)
                        .size(13)
                        .padding(5),
                    button(text("+")).on_press(Message::AddRecipient)
                ]
                .spacing(6),
            );
        }
        if let Some(lib) = self.library.as_ref().filter(|l| !l.issued.is_empty()) {
            form = form.push(text(tr(l, T::DecisionIssued)).font(UI_FONT_STRONG));
            for (id, d) in &lib.issued {
                form = form.push(
                    row![
                        text(d.as_str()).size(13).width(Length::Fill),
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
                let prev = button(text("‹")).style(button::secondary);
                let prev = if self.page > 0 {
                    prev.on_press(Message::Page(self.page - 1))
                } else {
                    prev
                };
                let next = button(text("›")).style(button::secondary);
                let next = if self.page + 1 < pages {
                    next.on_press(Message::Page(self.page + 1))
                } else {
                    next
                };
                column![
                    row![
                        prev,
                        text(format!(
                            "{} {} / {pages}",
                            tr(l, T::DecisionPage),
                            self.page + 1
                        )),
                        next
                    ]
                    .spacing(10),
                    canvas(PagePreview {
                        laid: laid.clone(),
                        page: self.page,
                        fonts: self.fonts.clone().unwrap_or_else(Fonts::bundled)
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
                self.actions(l),
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

    /// The text the preview shows on its current page (tests).
    pub fn preview_text(&self) -> String {
        self.laid
            .as_ref()
            .and_then(|l| l.pages.get(self.page))
            .map(|p| p.text())
            .unwrap_or_default()
    }
}
