//! Decision: pick the team and kind, fill every part, and see the pages as they will
//! print — the preview draws the same laid-out pages the PDF is written from.

use std::sync::Arc;

use chrono::Datelike;
use iced::widget::{
    button, canvas, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Element, Length, Task};

use super::i18n::{T, tr};
use super::member_form::TeamChoice;
use super::preview::PagePreview;
use super::{Db, UI_FONT_STRONG, query, style};
use crate::cli::print::{self, DecisionRequest};
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
    pub issued: Vec<String>,
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
    pub library: Option<Library>,
    pub laid: Option<Arc<Laid>>,
    pub page: usize,
    pub error: Option<Msg>,
    pub notice: Option<Msg>,
    generation: u64,
    fonts: Option<Fonts>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<(Vec<TeamChoice>, Library), Msg>),
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
    Built(u64, Result<Arc<Laid>, Msg>),
    Page(usize),
    SavePdf,
    Issue,
    Done(Result<String, Msg>),
}

impl State {
    pub fn load(&self, db: &Db) -> Task<Message> {
        let year = chrono::Local::now().date_naive().year();
        query(
            db,
            move |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok((
                        Vec::new(),
                        Library {
                            bases: vec![],
                            recipients: vec![],
                            chairman: String::new(),
                            vice: String::new(),
                            next_number: 1,
                            issued: vec![],
                        },
                    ));
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
                        .map(|d| format!("{} — {}", d.reference(), d.subject))
                        .collect(),
                };
                Ok((teams, lib))
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
        Some(DecisionRequest {
            team: self.team.as_ref().map(|t| t.id),
            kind: self.kind.map(|k| k.code().to_string()),
            number: self.checked_number().ok().flatten(),
            date: Some(self.date.clone()),
            subject: Some(self.subject.clone()),
            signing: self.signing.map(|s| s.code().to_string()),
            signer: Some(self.signer.clone()),
            proposal: Some(self.proposal.clone()),
            legal_bases: Some(
                lib.bases
                    .iter()
                    .filter(|b| b.chosen)
                    .map(|b| b.text.clone())
                    .collect(),
            ),
            recipients: Some(
                lib.recipients
                    .iter()
                    .filter(|b| b.chosen)
                    .map(|b| b.text.clone())
                    .collect(),
            ),
            ..Default::default()
        })
    }

    /// Builds and lays out the decision away from the window; older results are dropped.
    fn rebuild(&mut self, db: &Db) -> Task<Message> {
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
        let fonts = self.fonts.get_or_insert_with(Fonts::bundled).clone();
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

    pub fn update(&mut self, message: Message, db: &Db) -> Task<Message> {
        match message {
            Message::Loaded(Ok((teams, lib))) => {
                if self.date.is_empty() {
                    self.date = vndate::short(chrono::Local::now().date_naive());
                    self.proposal = "Theo đề nghị của công chức Văn phòng - Thống kê.".into();
                    self.signer = lib.chairman.clone();
                    self.number = lib.next_number.to_string();
                }
                self.team = self.team.clone().or_else(|| teams.first().cloned());
                self.teams = teams;
                self.library = Some(lib);
                self.rebuild(db)
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Team(t) => {
                self.team = Some(t);
                self.rebuild(db)
            }
            Message::Kind(k) => {
                self.kind = Some(k.0);
                self.rebuild(db)
            }
            Message::Number(n) => {
                self.number = n;
                self.rebuild(db)
            }
            Message::Date(d) => {
                self.date = d;
                self.rebuild(db)
            }
            Message::Subject(s) => {
                self.subject = s;
                self.rebuild(db)
            }
            Message::Proposal(p) => {
                self.proposal = p;
                self.rebuild(db)
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
                self.rebuild(db)
            }
            Message::Signer(s) => {
                self.signer = s;
                self.rebuild(db)
            }
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
                        |_| Message::Page(0),
                    ),
                    self.rebuild(db),
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
            Message::SavePdf | Message::Issue => {
                let issue = matches!(message, Message::Issue);
                if let Err(e) = self.checked_number() {
                    self.error = Some(e);
                    return Task::none();
                }
                let Some(req) = self.request() else {
                    return Task::none();
                };
                let fonts = self.fonts.get_or_insert_with(Fonts::bundled).clone();
                let dir = directories::UserDirs::new()
                    .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
                    .unwrap_or_else(std::env::temp_dir);
                let name = format!(
                    "QD-{}-{}.pdf",
                    self.number.trim(),
                    self.date.replace('/', "-")
                );
                let path = dir.join(name);
                query(
                    db,
                    move |s| {
                        let msg = print::print_decision(s, &req, issue, &path, &fonts)?;
                        Ok(msg.vi)
                    },
                    Message::Done,
                )
            }
            Message::Done(Ok(m)) => {
                self.notice = Some(Msg::new(m.clone(), m));
                self.load(db)
            }
            Message::Done(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
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

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
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
            form = form.push(text(tr(l, T::DecisionRecipients)).font(UI_FONT_STRONG));
            for (i, r) in lib.recipients.iter().enumerate() {
                form = form.push(
                    checkbox(r.chosen)
                        .label(r.text.as_str())
                        .text_size(13)
                        .on_toggle(move |on| Message::Recipient(i, on)),
                );
            }
            if !lib.issued.is_empty() {
                form = form.push(text(tr(l, T::DecisionIssued)).font(UI_FONT_STRONG));
                for d in &lib.issued {
                    form = form.push(text(d.as_str()).size(13));
                }
            }
        }
        form = form.push(
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
            form = form.push(text(n.get(l)).color(style::OK));
        }
        if let Some(e) = &self.error {
            form = form
                .push(text(format!("{}: {}", tr(l, T::ErrorPrefix), e.get(l))).color(style::ERROR));
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
            scrollable(form.padding(4)).width(Length::FillPortion(2)),
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
