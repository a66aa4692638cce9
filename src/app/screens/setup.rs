//! First run: an empty database asks whose it is. A commune's (xã, phường): the
//! commune (province, kind and name, an optional district, the place for date lines,
//! the chairman and vice-chairmen, the rule preset, its villages) — or the demo
//! commune. A province's (the Sở KH&CN or the UBND tỉnh): the province from the
//! official list and who issues its reports. Everything is editable later in Settings.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::commune_form::{self, CommuneForm};
use crate::app::{Context, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::Lang;
use crate::office::{self, Error};

/// Whose database it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Home {
    #[default]
    Commune,
    /// The Sở KH&CN or the UBND tỉnh.
    Province,
}

#[derive(Debug, Default)]
pub struct State {
    pub home: Home,
    pub form: CommuneForm,
    /// The province picked (its code and name in the official list).
    pub province: Option<(u32, &'static str)>,
    /// The province's reports are the UBND tỉnh's (else the Sở KH&CN's).
    pub ubnd: bool,
    pub busy: bool,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Home(Home),
    Form(commune_form::Message),
    OpenDemo,
    Done(Result<i64, Error>),
    Province((u32, &'static str)),
    Ubnd(bool),
    SaveProvince,
    ProvinceDone(Result<u32, Error>),
}

/// What the setup tells the window.
pub enum Event {
    /// A commune now exists: load the screens.
    Ready { commune_id: i64 },
    /// The database is now the province's of `code`: the province's screens.
    ProvinceReady { code: u32 },
}

impl State {
    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Home(h) => {
                self.home = h;
                self.error = None;
                (Task::none(), None)
            }
            Message::Province(p) => {
                self.province = Some(p);
                self.error = None;
                (Task::none(), None)
            }
            Message::Ubnd(u) => {
                self.ubnd = u;
                (Task::none(), None)
            }
            Message::SaveProvince => {
                let Some((code, _)) = self.province else {
                    self.error = Some(Error::invalid(crate::domain::FieldError::new(
                        crate::domain::Field::Province,
                        "cần chọn tỉnh, thành phố trong danh mục",
                        "choose the province from the list",
                    )));
                    return (Task::none(), None);
                };
                self.busy = true;
                let issuer = if self.ubnd { "ubnd" } else { "so" };
                let task = query(
                    ctx.db,
                    move |s| office::province::set_home(s, code, issuer).map(|_| code),
                    Message::ProvinceDone,
                );
                (task, None)
            }
            Message::ProvinceDone(Ok(code)) => {
                self.busy = false;
                (Task::none(), Some(Event::ProvinceReady { code }))
            }
            Message::ProvinceDone(Err(e)) => {
                self.busy = false;
                self.error = Some(e);
                (Task::none(), None)
            }
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
        let choice = |label: T, home: Home| {
            let b = button(text(tr(l, label)));
            if self.home == home {
                b.style(button::primary)
            } else {
                b.style(button::secondary).on_press(Message::Home(home))
            }
        };
        let col = column![
            text(tr(l, T::SetupTitle)).size(24).font(UI_FONT_STRONG),
            row![
                text(tr(l, T::SetupWhose)),
                choice(T::SetupHomeCommune, Home::Commune),
                choice(T::SetupHomeProvince, Home::Province)
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center)
            .wrap(),
        ]
        .spacing(14)
        .max_width(760);
        let (col, buttons) = match self.home {
            Home::Commune => self.commune_view(col, l),
            Home::Province => self.province_view(col, l),
        };
        // The buttons stay in sight under the form, however far it scrolls.
        column![
            scrollable(container(col).padding(24).center_x(Length::Fill)).height(Length::Fill),
            container(buttons.max_width(760))
                .padding([12, 24])
                .center_x(Length::Fill),
        ]
        .into()
    }

    fn commune_view<'a>(
        &'a self,
        col: iced::widget::Column<'a, Message>,
        l: Lang,
    ) -> (
        iced::widget::Column<'a, Message>,
        iced::widget::Column<'a, Message>,
    ) {
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
        let col = col
            .push(text(tr(l, T::SetupIntro)).color(style::MUTED))
            .push(self.form.view(l).map(Message::Form))
            .push(self.form.villages_view(l).map(Message::Form));
        let mut under = column![].spacing(8);
        if self.form.tried && !self.form.errors.is_empty() {
            under = under.push(text(tr(l, T::FormFix)).color(style::ERROR));
        }
        let under = under
            .push(widgets::status(l, None, self.error.as_ref()))
            .push(row![save, demo].spacing(12));
        (col, under)
    }

    fn province_view<'a>(
        &'a self,
        col: iced::widget::Column<'a, Message>,
        l: Lang,
    ) -> (
        iced::widget::Column<'a, Message>,
        iced::widget::Column<'a, Message>,
    ) {
        let issuer = |label: T, ubnd: bool| {
            let b = button(text(tr(l, label)));
            if self.ubnd == ubnd {
                b.style(button::primary)
            } else {
                b.style(button::secondary).on_press(Message::Ubnd(ubnd))
            }
        };
        let provinces = crate::domain::units::provinces();
        let save = button(text(tr(l, T::SetupSave))).style(button::primary);
        let col = col
            .push(text(tr(l, T::SetupProvinceIntro)).color(style::MUTED))
            .push(text(tr(l, T::SetupProvince)).size(style::LABEL))
            .push(widgets::picker_with(
                &provinces,
                self.province.as_ref(),
                |(_, name)| crate::app::parts::names::place(l, name).into_owned(),
                Some(tr(l, T::SetupProvincePick)),
                Length::Fixed(420.0),
                Message::Province,
            ))
            .push(text(tr(l, T::SetupIssuer)).size(style::LABEL))
            .push(
                row![
                    issuer(T::SetupIssuerSo, false),
                    issuer(T::SetupIssuerUbnd, true)
                ]
                .spacing(12),
            );
        let under = column![
            widgets::status(l, None, self.error.as_ref()),
            save.on_press_maybe((!self.busy).then_some(Message::SaveProvince)),
        ]
        .spacing(8);
        (col, under)
    }
}
