//! A member's details: their history in every team, the citizen ID masked unless
//! revealed, recording that they leave (date, reason, approving decision), and the
//! change log (what, when, by whom, before and after) with putting an edit back.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::widgets;
use crate::app::{UI_FONT_STRONG, style};
use crate::domain::people::{LeaveInput, Leaving, Person};
use crate::domain::{Field, FieldError, Lang, vndate};
use crate::office::history::Entry;
use crate::store::HistoryRow;

#[derive(Debug, Clone)]
pub struct Detail {
    pub membership_id: i64,
    pub person: Person,
    pub history: Vec<HistoryRow>,
    /// The change log, newest first.
    pub trail: Vec<Entry>,
    pub reveal_id: bool,
    /// "Delete (entered by mistake)" was pressed: asking to confirm.
    pub confirm_delete: bool,
    pub leave: LeaveInput,
    pub errors: Vec<FieldError>,
    pub tried: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    RevealId(bool),
    LeaveInput(Field, String),
    Leave,
    Edit,
    PutBack(i64),
    /// Delete the person entered by mistake: `false` asks first, `true` confirms.
    Delete(bool),
    CancelDelete,
    Close,
}

pub enum Event {
    /// Record that the member left, as the leaving form says.
    Leave {
        membership_id: i64,
        leaving: Leaving,
    },
    /// Correct the details or change the role.
    Edit {
        membership_id: i64,
        person: Box<Person>,
        role: crate::domain::people::Role,
        team_id: i64,
        team_name: String,
    },
    /// Delete the person entered by mistake (the office refuses when anything refers
    /// to them).
    Delete {
        membership_id: i64,
    },
    /// Put the details back as they were before this edit (the trail entry's id).
    PutBack {
        membership_id: i64,
        entry_id: i64,
    },
    Close,
}

impl Detail {
    pub fn new(
        membership_id: i64,
        person: Person,
        history: Vec<HistoryRow>,
        trail: Vec<Entry>,
    ) -> Self {
        Self {
            membership_id,
            person,
            history,
            trail,
            reveal_id: false,
            confirm_delete: false,
            leave: LeaveInput::default(),
            errors: Vec::new(),
            tried: false,
        }
    }

    fn current(&self) -> Option<&HistoryRow> {
        self.history
            .iter()
            .find(|h| h.membership.id == self.membership_id && h.membership.is_current())
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::RevealId(b) => self.reveal_id = b,
            Message::LeaveInput(field, v) => {
                match field {
                    Field::LeftOn => self.leave.left_on = v,
                    Field::Reason => self.leave.reason = v,
                    _ => self.leave.left_by = v,
                }
                if self.tried {
                    self.check();
                }
            }
            Message::Leave => {
                self.tried = true;
                if let Some(leaving) = self.check() {
                    return Some(Event::Leave {
                        membership_id: self.membership_id,
                        leaving,
                    });
                }
            }
            Message::Edit => {
                let h = self.current()?;
                return Some(Event::Edit {
                    membership_id: self.membership_id,
                    person: Box::new(self.person.clone()),
                    role: h.membership.role,
                    team_id: h.membership.team_id,
                    team_name: h.team_name.clone(),
                });
            }
            Message::Delete(false) => self.confirm_delete = true,
            Message::Delete(true) => {
                self.confirm_delete = false;
                return Some(Event::Delete {
                    membership_id: self.membership_id,
                });
            }
            Message::CancelDelete => self.confirm_delete = false,
            Message::PutBack(entry_id) => {
                return Some(Event::PutBack {
                    membership_id: self.membership_id,
                    entry_id,
                });
            }
            Message::Close => return Some(Event::Close),
        }
        None
    }

    fn check(&mut self) -> Option<Leaving> {
        let joined = self.current().and_then(|h| h.membership.joined_on);
        match self.leave.check(joined) {
            Ok(l) => {
                self.errors.clear();
                Some(l)
            }
            Err(e) => {
                self.errors = e;
                None
            }
        }
    }

    fn field<'a>(
        &'a self,
        l: Lang,
        label: T,
        field: Field,
        value: &'a str,
    ) -> Element<'a, Message> {
        let error = self
            .errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message(l));
        widgets::field(
            tr(l, label),
            leave_id(field),
            value,
            error,
            move |v| Message::LeaveInput(field, v),
            Message::Leave,
        )
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let p = &self.person;
        let mut col = column![
            row![
                text(tr(l, T::DetailTitle))
                    .size(20)
                    .font(UI_FONT_STRONG)
                    .width(Length::Fill),
                button(text(tr(l, T::DetailEdit)))
                    .style(button::primary)
                    .on_press_maybe(self.current().map(|_| Message::Edit)),
                button(text(tr(l, T::DetailClose)))
                    .style(button::secondary)
                    .on_press(Message::Close)
            ]
            .spacing(10),
            text(p.display_name())
                .size(style::HEADING)
                .font(UI_FONT_STRONG),
        ]
        .spacing(8);
        if !p.is_slot() && !p.position.is_empty() {
            col = col.push(text(&p.position));
        }
        if let Some(id) = &p.citizen_id {
            let shown = if self.reveal_id {
                id.clone()
            } else {
                p.masked_citizen_id()
            };
            let toggle = if self.reveal_id {
                T::DetailHideId
            } else {
                T::DetailShowId
            };
            col = col.push(
                row![
                    text(format!("CCCD: {shown}")),
                    button(text(tr(l, toggle)))
                        .style(button::text)
                        .on_press(Message::RevealId(!self.reveal_id))
                ]
                .spacing(10),
            );
        }
        col = col.push(text(tr(l, T::DetailHistory)).font(UI_FONT_STRONG));
        for h in &self.history {
            let m = &h.membership;
            let role = match l {
                Lang::Vi => m.role.label_vi(),
                Lang::En => m.role.label_en(),
            };
            let mut line = format!("{} — {role}", h.team_name);
            if let Some(j) = m.joined_on {
                line.push_str(&format!(
                    ", {} {}",
                    tr(l, T::DetailJoined),
                    vndate::short(j)
                ));
            }
            if !m.joined_by.is_empty() {
                line.push_str(&format!(" ({})", m.joined_by));
            }
            if let Some(d) = m.left_on {
                line.push_str(&format!(", {} {}", tr(l, T::DetailLeft), vndate::short(d)));
                if !m.leave_reason.is_empty() {
                    line.push_str(&format!(
                        " — {}: {}",
                        tr(l, T::DetailReason),
                        m.leave_reason
                    ));
                }
            }
            col = col.push(text(line).color(if m.is_current() {
                style::OK
            } else {
                style::MUTED
            }));
        }
        if self.current().is_some() {
            col = col.push(text(tr(l, T::LeaveTitle)).font(UI_FONT_STRONG));
            col = col.push(
                row![
                    self.field(l, T::LeaveDate, Field::LeftOn, &self.leave.left_on),
                    self.field(l, T::LeaveBy, Field::Decision, &self.leave.left_by)
                ]
                .spacing(10),
            );
            col = col.push(self.field(l, T::LeaveReason, Field::Reason, &self.leave.reason));
            col = col.push(
                button(text(tr(l, T::LeaveSave)))
                    .style(button::danger)
                    .on_press(Message::Leave),
            );
        }
        col = col.push(self.delete_view(l));
        col = col.push(self.trail_view(l));
        container(col)
            .padding(14)
            .style(container::bordered_box)
            .width(Length::Fill)
            .into()
    }
}

impl Detail {
    /// "Delete (entered by mistake)", then its confirmation.
    fn delete_view(&self, l: Lang) -> Element<'_, Message> {
        if self.confirm_delete {
            row![
                text(tr(l, T::DetailDeleteAsk)).width(Length::Fill),
                button(text(tr(l, T::DetailDeleteConfirm)))
                    .style(button::danger)
                    .on_press(Message::Delete(true)),
                button(text(tr(l, T::DetailDeleteCancel)))
                    .style(button::secondary)
                    .on_press(Message::CancelDelete),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center)
            .into()
        } else {
            button(text(tr(l, T::DetailDelete)))
                .style(button::text)
                .on_press(Message::Delete(false))
                .into()
        }
    }

    /// The change log: one block per change, newest first.
    fn trail_view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![text(tr(l, T::DetailTrail)).font(UI_FONT_STRONG)].spacing(6);
        if self.trail.is_empty() {
            col = col.push(text(tr(l, T::DetailTrailEmpty)).color(style::MUTED));
        }
        for e in &self.trail {
            let mut head = row![
                text(format!("{}  ·  {}  ·  {}", e.at, e.user, e.what.get(l))).width(Length::Fill)
            ]
            .spacing(10);
            if e.can_put_back {
                head = head.push(
                    button(text(tr(l, T::DetailPutBack)))
                        .style(button::secondary)
                        .on_press(Message::PutBack(e.id)),
                );
            }
            let mut block = column![head].spacing(2);
            for line in e.lines(l) {
                block = block.push(
                    container(text(line).color(style::MUTED)).padding(iced::padding::left(16)),
                );
            }
            col = col.push(block);
        }
        col.into()
    }
}

pub fn leave_id(field: Field) -> &'static str {
    match field {
        Field::LeftOn => "left_on",
        Field::Reason => "leave_reason",
        _ => "left_by",
    }
}
