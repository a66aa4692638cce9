//! First run: an empty database asks for the commune (province, kind and name, an
//! optional district, the place for date lines, the chairman and vice-chairmen, the
//! rule preset, its villages) — or opens the demo commune. Everything is editable later in Settings.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length, Task};

use super::commune_form::{self, CommuneForm};
use super::i18n::{T, tr};
use super::{Context, UI_FONT_STRONG, query, style, widgets};
use crate::domain::Lang;
use crate::office::{self, Error};

#[derive(Debug, Default)]
pub struct State {
    pub form: CommuneForm,
    pub busy: bool,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Form(commune_form::Message),
    OpenDemo,
    Done(Result<i64, Error>),
}

/// What the setup tells the window.
pub enum Event {
    /// A commune now exists: load the screens.
    Ready { commune_id: i64 },
}

impl State {
    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Form(m) => match self.form.update(m) {
                Some(new) => {
                    self.busy = true;
                    let villages = self.form.villages.clone();
                    let code = self.form.code;
                    let task = query(
                        ctx.db,
                        move |s| office::setup::create_with_villages(s, &new, code, &villages),
                        Message::Done,
                    );
                    (task, None)
                }
                None => (Task::none(), None),
            },
            Message::OpenDemo => {
                self.busy = true;
                let task = query(
                    ctx.db,
                    |s| {
                        office::demo::dak_nia(s)?;
                        s.home_commune()?
                            .map(|c| c.id)
                            .ok_or_else(|| Error::not_found("Chưa có xã", "No commune yet"))
                    },
                    Message::Done,
                );
                (task, None)
            }
            Message::Done(Ok(commune_id)) => {
                self.busy = false;
                self.form.dirty = false;
                (Task::none(), Some(Event::Ready { commune_id }))
            }
            Message::Done(Err(e)) => {
                // Everything typed stays in the form.
                self.busy = false;
                self.form.saving = false;
                self.error = Some(e);
                (Task::none(), None)
            }
        }
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let save = button(text(tr(l, T::SetupSave))).style(button::primary);
        let demo = button(text(tr(l, T::SetupDemo))).style(button::secondary);
        let (save, demo) = if self.busy {
            (save, demo)
        } else {
            (
                save.on_press(Message::Form(commune_form::Message::Save)),
                demo.on_press(Message::OpenDemo),
            )
        };
        let mut col = column![
            text(tr(l, T::SetupTitle)).size(24).font(UI_FONT_STRONG),
            text(tr(l, T::SetupIntro)).color(style::MUTED),
            self.form.view(l).map(Message::Form),
            self.form.villages_view(l).map(Message::Form),
        ]
        .spacing(14)
        .max_width(760);
        if self.form.tried && !self.form.errors.is_empty() {
            col = col.push(text(tr(l, T::FormFix)).color(style::ERROR));
        }
        col = col.push(widgets::status(l, None, self.error.as_ref()));
        col = col.push(row![save, demo].spacing(12));
        scrollable(container(col).padding(24).center_x(Length::Fill))
            .height(Length::Fill)
            .into()
    }
}
