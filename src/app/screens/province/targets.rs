//! The province's Targets: each indicator's target of the year for all its communes,
//! and the communes given their own; written down as one workbook (a row per commune)
//! or a file per commune into a folder, for the communes to take in.

use std::path::PathBuf;

use chrono::Datelike;
use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::export::{self, Export};
use crate::app::parts::{names, widgets};
use crate::app::{Context, UI_FONT_STRONG, query, style};
use crate::domain::{Field, FieldError, Lang, Msg, number};
use crate::office::Error;
use crate::office::province::targets::{self, TargetLine};

#[derive(Debug, Default)]
pub struct State {
    pub year: String,
    /// The year whose targets are listed (what is saved goes under it).
    pub shown_year: Option<i32>,
    pub lines: Vec<TargetLine>,
    /// The value typed for all communes, an indicator each (the lines' order).
    pub values: Vec<String>,
    /// A commune's own target: the commune, the indicator (by its place) and the value.
    pub commune: Option<(u32, &'static str)>,
    pub indicator: Option<usize>,
    pub own: String,
    /// The province's communes, for the picker.
    pub units: Vec<(u32, &'static str)>,
    pub export: Export,
    pub busy: bool,
    pub notice: Option<Msg>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Year(String),
    Show,
    Loaded(i32, Result<Vec<TargetLine>, Error>),
    Value(usize, String),
    SaveAll(usize),
    Commune((u32, &'static str)),
    Indicator(usize),
    Own(String),
    SaveOwn,
    /// Take back the target of the indicator for all (`None`) or for one commune.
    Unset(usize, Option<u32>),
    Saved(Result<Msg, Error>),
    Export(export::Message),
    ToFolder,
    FolderPicked(Option<PathBuf>),
    Written(Result<Msg, Error>),
}

impl State {
    pub fn new() -> Self {
        Self {
            year: chrono::Local::now().year().to_string(),
            ..Default::default()
        }
    }

    fn year(&self) -> Result<i32, Error> {
        self.year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (2020..=2100).contains(y))
            .ok_or_else(|| {
                Error::invalid(FieldError::new(
                    Field::Period,
                    format!("“{}”: cần một năm, ví dụ 2026", self.year.trim()),
                    format!("“{}”: a year, e.g. 2026", self.year.trim()),
                ))
            })
    }

    pub fn load(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let code = crate::app::lock(ctx.db)
            .province_home()
            .ok()
            .flatten()
            .map(|p| p.0);
        self.units = crate::domain::units::all()
            .iter()
            .filter(|u| Some(u.province_code) == code)
            .map(|u| (u.code, u.full_name))
            .collect();
        match self.year() {
            Ok(y) => query(
                ctx.db,
                move |s| targets::of_year(s, y),
                move |r| Message::Loaded(y, r),
            ),
            Err(e) => {
                self.lines.clear();
                self.shown_year = None;
                self.error = Some(e);
                Task::none()
            }
        }
    }

    fn save(
        &mut self,
        ctx: &Context<'_>,
        job: impl FnOnce(&mut crate::store::Store, i32) -> crate::office::Result<Msg> + Send + 'static,
    ) -> Task<Message> {
        // Saved under the year listed, whatever is typed in the year's field meanwhile.
        let Some(year) = self.shown_year else {
            return Task::none();
        };
        self.busy = true;
        query(ctx.db, move |s| job(s, year), Message::Saved)
    }

    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::Year(y) => {
                self.year = y;
                Task::none()
            }
            Message::Show => self.load(ctx),
            Message::Loaded(year, Ok(lines)) => {
                self.shown_year = Some(year);
                self.values = lines
                    .iter()
                    .map(|t| t.all.map(|v| number::decimal(v, 2)).unwrap_or_default())
                    .collect();
                self.lines = lines;
                self.error = None;
                Task::none()
            }
            Message::Loaded(_, Err(e)) => {
                self.shown_year = None;
                self.lines.clear();
                self.error = Some(e);
                Task::none()
            }
            Message::Value(i, v) => {
                if let Some(x) = self.values.get_mut(i) {
                    *x = v;
                }
                Task::none()
            }
            Message::SaveAll(i) => {
                let Some(line) = self.lines.get(i).cloned() else {
                    return Task::none();
                };
                let typed = self.values.get(i).cloned().unwrap_or_default();
                match number::typed_target(&typed, line.percent, &line.name) {
                    Err(e) => {
                        self.error = Some(Error::invalid(e));
                        Task::none()
                    }
                    Ok(None) => self.save(ctx, move |s, y| {
                        targets::unset(s, y, &line.code, None)?;
                        Ok(Msg::new(
                            format!("Đã bỏ chỉ tiêu chung “{}” năm {y}.", line.name),
                            format!(
                                "The target of “{}” for all is taken back for {y}.",
                                line.name
                            ),
                        ))
                    }),
                    Ok(Some(v)) => self.save(ctx, move |s, y| {
                        targets::set(s, y, &line.code, v, None)?;
                        Ok(Msg::new(
                            format!(
                                "Đã giao chỉ tiêu “{}” năm {y} cho mọi xã, phường.",
                                line.name
                            ),
                            format!(
                                "The target of “{}” for {y} is set for every commune.",
                                line.name
                            ),
                        ))
                    }),
                }
            }
            Message::Commune(c) => {
                self.commune = Some(c);
                Task::none()
            }
            Message::Indicator(i) => {
                self.indicator = Some(i);
                Task::none()
            }
            Message::Own(v) => {
                self.own = v;
                Task::none()
            }
            Message::SaveOwn => {
                let (Some((code, unit)), Some(line)) = (
                    self.commune,
                    self.indicator.and_then(|i| self.lines.get(i).cloned()),
                ) else {
                    self.error = Some(Error::invalid(FieldError::new(
                        Field::Commune,
                        "cần chọn xã, phường và chỉ tiêu",
                        "choose the commune and the indicator",
                    )));
                    return Task::none();
                };
                match number::typed_target(&self.own, line.percent, &line.name) {
                    Ok(Some(v)) => self.save(ctx, move |s, y| {
                        targets::set(s, y, &line.code, v, Some(code))?;
                        Ok(Msg::new(
                            format!("Đã giao chỉ tiêu “{}” năm {y} riêng cho {unit}.", line.name),
                            format!(
                                "The target of “{}” for {y} is set for {unit} alone.",
                                line.name
                            ),
                        ))
                    }),
                    Ok(None) => {
                        self.error = Some(Error::invalid(FieldError::new(
                            Field::Target,
                            format!("“{}”: cần giá trị chỉ tiêu", line.name),
                            format!("“{}”: type the target", line.name),
                        )));
                        Task::none()
                    }
                    Err(e) => {
                        self.error = Some(Error::invalid(e));
                        Task::none()
                    }
                }
            }
            Message::Unset(i, code) => {
                let Some(line) = self.lines.get(i).cloned() else {
                    return Task::none();
                };
                self.save(ctx, move |s, y| {
                    targets::unset(s, y, &line.code, code)?;
                    Ok(Msg::new(
                        format!("Đã bỏ chỉ tiêu riêng “{}” năm {y}.", line.name),
                        format!(
                            "The commune's own target of “{}” for {y} is taken back.",
                            line.name
                        ),
                    ))
                })
            }
            Message::Saved(r) => {
                self.busy = false;
                match r {
                    Ok(said) => {
                        self.notice = Some(said);
                        self.error = None;
                        self.own.clear();
                        self.load(ctx)
                    }
                    Err(e) => {
                        self.error = Some(e);
                        Task::none()
                    }
                }
            }
            Message::Export(m) => {
                let job = self.year().map(|y| {
                    move |s: &crate::store::Store, target: &crate::office::output::Target, made| {
                        targets::workbook_to(s, y, target, made)
                    }
                });
                let what = format!("Chỉ tiêu giao năm {}", self.year.trim());
                self.export.write_with(m, ctx, &what, job, Message::Export)
            }
            Message::ToFolder => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::ProvinceTargetsFolder).to_string();
                Task::perform(
                    async move { dialogs.pick_folder(&title) },
                    Message::FolderPicked,
                )
            }
            Message::FolderPicked(None) => Task::none(),
            Message::FolderPicked(Some(dir)) => {
                let year = match self.year() {
                    Ok(y) => y,
                    Err(e) => {
                        self.error = Some(e);
                        return Task::none();
                    }
                };
                self.busy = true;
                query(
                    ctx.db,
                    move |s| {
                        let today = chrono::Local::now().date_naive();
                        let written = targets::export(s, year, &dir, today)?;
                        let d = dir.display();
                        Ok(Msg::new(
                            format!("Đã ghi {} tệp chỉ tiêu vào thư mục {d}.", written.len()),
                            format!("Wrote {} target files into the folder {d}.", written.len()),
                        ))
                    },
                    Message::Written,
                )
            }
            Message::Written(r) => {
                self.busy = false;
                match r {
                    Ok(m) => {
                        self.notice = Some(m);
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
        }
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let idle = |m: Message| (!self.busy).then_some(m);
        let shown = |v: f64, percent: bool| {
            let s = if percent {
                number::percent(v, 2)
            } else {
                number::decimal(v, 2)
            };
            names::figure(l, &s).into_owned()
        };
        let mut list = column![].spacing(style::SPACE);
        for (i, t) in self.lines.iter().enumerate() {
            let mut card = column![
                text(names::indicator(l, &t.name).into_owned()).font(UI_FONT_STRONG),
                row![
                    text(tr(
                        l,
                        if t.percent {
                            T::ProvinceTargetAllPercent
                        } else {
                            T::ProvinceTargetAll
                        }
                    ))
                    .size(style::LABEL),
                    text_input("", self.values.get(i).map_or("", String::as_str))
                        .on_input(move |v| Message::Value(i, v))
                        .on_submit(Message::SaveAll(i))
                        .padding(style::PAD_FIELD)
                        .width(100),
                    button(text(tr(l, T::FormSave)).size(style::LABEL))
                        .style(button::secondary)
                        .on_press_maybe(idle(Message::SaveAll(i))),
                ]
                .spacing(style::SPACE)
                .align_y(iced::Alignment::Center),
            ]
            .spacing(style::SPACE_TIGHT);
            for (code, unit, v) in &t.own {
                card = card.push(
                    row![
                        text(format!(
                            "{}: {}",
                            names::place(l, unit),
                            shown(*v, t.percent)
                        ))
                        .size(style::LABEL),
                        button(text(tr(l, T::ProvinceUnset)).size(style::LABEL))
                            .style(button::text)
                            .on_press_maybe(idle(Message::Unset(i, Some(*code)))),
                    ]
                    .spacing(style::SPACE)
                    .align_y(iced::Alignment::Center),
                );
            }
            list = list.push(
                container(card)
                    .padding(style::PAD_BOX)
                    .style(container::bordered_box),
            );
        }
        let indicators: Vec<usize> = (0..self.lines.len()).collect();
        let own = column![
            text(tr(l, T::ProvinceTargetOwn)).font(UI_FONT_STRONG),
            widgets::picker_with(
                &self.units,
                self.commune.as_ref(),
                |(_, n)| names::place(l, n).into_owned(),
                Some(tr(l, T::ProvinceTargetCommune)),
                Length::Fill,
                Message::Commune,
            ),
            widgets::picker_with(
                &indicators,
                self.indicator.as_ref(),
                |i| self
                    .lines
                    .get(*i)
                    .map(|t| names::indicator(l, &t.name).into_owned())
                    .unwrap_or_default(),
                Some(tr(l, T::ProvinceTargetIndicator)),
                Length::Fill,
                Message::Indicator,
            ),
            row![
                text_input(tr(l, T::ProvinceTargetValue), &self.own)
                    .on_input(Message::Own)
                    .on_submit(Message::SaveOwn)
                    .padding(style::PAD_FIELD)
                    .width(140),
                button(text(tr(l, T::FormSave)))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::SaveOwn)),
            ]
            .spacing(style::SPACE),
        ]
        .spacing(style::SPACE);
        let col = column![
            text(tr(l, T::ProvinceNavTargets))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            row![
                text(tr(l, T::ProvinceYear)),
                text_input("2026", &self.year)
                    .on_input(Message::Year)
                    .on_submit(Message::Show)
                    .padding(style::PAD_FIELD)
                    .width(80),
                button(text(tr(l, T::ProvinceShow)))
                    .style(button::secondary)
                    .on_press(Message::Show),
                self.export.button(l).map(Message::Export),
                button(text(tr(l, T::ProvinceTargetsToFolder)))
                    .style(button::secondary)
                    .on_press_maybe(idle(Message::ToFolder)),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center)
            .wrap(),
            self.export.status(l).map(Message::Export),
            widgets::status(l, self.notice.as_ref(), self.error.as_ref()),
            list,
            container(own)
                .padding(style::PAD_BOX)
                .style(container::bordered_box),
        ]
        .spacing(style::SPACE);
        scrollable(col.padding(style::PAD_SCROLLED).max_width(900))
            .height(Length::Fill)
            .into()
    }
}
