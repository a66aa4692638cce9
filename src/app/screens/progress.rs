//! Indicators: progress of the commune or a team over a period against the baselines and
//! the year's targets (a table and bars), and where baselines and targets are entered.

use std::fmt;

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::{Context, Db, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::indicator::Base;
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang, Msg, number};
use crate::office::Error;
use crate::store::{PeriodFigures, Scope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChoice {
    pub scope: Scope,
    /// The village whose baselines and targets apply (none: the commune's).
    pub village: Option<i64>,
    pub name: String,
}

impl fmt::Display for ScopeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl ScopeChoice {
    /// `Toàn xã Đắk Nia` / `All of xã Đắk Nia` for the commune; a team by its name.
    pub fn label(&self, l: Lang) -> String {
        match self.scope {
            Scope::Commune(_) => format!(
                "{} {}",
                tr(l, T::ProgressWhole),
                crate::app::parts::names::place(l, &self.name)
            ),
            Scope::Team(_) => self.name.clone(),
        }
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub commune_id: i64,
    pub scopes: Vec<ScopeChoice>,
    pub scope: Option<ScopeChoice>,
    pub period: String,
    pub figures: Option<PeriodFigures>,
    /// Baselines as typed, in `Base::MEASURED` order.
    pub bases: Vec<String>,
    /// (indicator id, name, typed target of the year).
    pub targets: Vec<(i64, String, bool, String)>,
    pub errors: Vec<FieldError>,
    pub notice: Option<Msg>,
    /// The file of targets the province sent, to take in.
    pub targets_file: String,
    /// Where the targets shown came from, when sent down.
    pub target_source: Option<String>,
    pub error: Option<Error>,
    pub dirty: bool,
    generation: u64,
    /// "Xuất Excel": the progress table of the scope and period shown.
    pub export: crate::app::parts::export::Export,
}

/// What one load brings.
#[derive(Debug, Clone)]
pub struct Loaded {
    figures: PeriodFigures,
    bases: Vec<String>,
    targets: Vec<(i64, String, bool, String)>,
    /// Where the commune's targets of the year came from, when sent down.
    source: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Scopes(Result<(i64, Vec<ScopeChoice>), Error>),
    Scope(ScopeChoice),
    Period(String),
    Loaded(u64, Result<Box<Loaded>, Error>),
    Base(usize, String),
    Target(usize, String),
    Save,
    Saved(Result<(), Error>),
    Export(crate::app::parts::export::Message),
    /// The file of targets the province sent, typed or chosen.
    TargetsFile(String),
    BrowseTargets,
    TargetsPicked(Option<std::path::PathBuf>),
    /// "Nhận chỉ tiêu tỉnh giao": the commune's targets of the year become those.
    TakeTargets,
    TargetsTaken(Result<Msg, Error>),
}

/// What the indicators screen tells the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Baselines or targets were saved.
    FiguresChanged,
}

impl State {
    pub fn load_scopes(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let Some(c) = s.home_commune()? else {
                    return Ok((0, Vec::new()));
                };
                let names = s.team_names()?;
                let mut out = vec![ScopeChoice {
                    scope: Scope::Commune(c.id),
                    village: None,
                    name: c.full_name(),
                }];
                for t in s.teams(c.id)? {
                    if t.village_id.is_some() {
                        out.push(ScopeChoice {
                            scope: Scope::Team(t.id),
                            village: t.village_id,
                            name: names.get(&t.id).cloned().unwrap_or_default(),
                        });
                    }
                }
                Ok((c.id, out))
            },
            Message::Scopes,
        )
    }

    fn period(&self) -> Result<Period, Error> {
        Ok(Period::parse(&self.period)?)
    }

    /// Reads the figures, baselines and targets again (after activities change too).
    pub fn reload(&mut self, db: &Db) -> Task<Message> {
        let Some(scope) = self.scope.clone() else {
            return Task::none();
        };
        let period = match self.period() {
            Ok(p) => p,
            Err(e) => {
                self.error = Some(e);
                return Task::none();
            }
        };
        self.error = None;
        self.generation += 1;
        let g = self.generation;
        let commune = self.commune_id;
        query(
            db,
            move |s| {
                let figures = s.period_figures(scope.scope, period)?;
                let entered = s.baselines(commune, scope.village)?;
                let bases = Base::MEASURED
                    .iter()
                    .map(|b| entered.get(b).map(|v| v.to_string()).unwrap_or_default())
                    .collect();
                let mut targets = Vec::new();
                for line in &figures.lines {
                    let t =
                        s.target_of(commune, scope.village, line.indicator.id, period.year())?;
                    targets.push((
                        line.indicator.id,
                        line.indicator.name.clone(),
                        line.indicator.base != Base::None,
                        t.map(|v| number::decimal(v, if v.fract() == 0.0 { 0 } else { 2 }))
                            .unwrap_or_default(),
                    ));
                }
                let source = match scope.village {
                    None => s.target_source(commune, period.year())?,
                    Some(_) => None,
                };
                Ok(Box::new(Loaded {
                    figures,
                    bases,
                    targets,
                    source,
                }))
            },
            move |r| Message::Loaded(g, r),
        )
    }

    pub fn unsaved(&self) -> bool {
        self.dirty
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
            Message::TargetsFile(f) => {
                self.targets_file = f;
                (Task::none(), None)
            }
            Message::BrowseTargets => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::ProgressTakeTargets).to_string();
                (
                    Task::perform(
                        async move { dialogs.pick_sheet(&title) },
                        Message::TargetsPicked,
                    ),
                    None,
                )
            }
            Message::TargetsPicked(Some(p)) => {
                self.targets_file = p.display().to_string();
                (Task::none(), None)
            }
            Message::TargetsPicked(None) => {
                self.notice = Some(Msg::new(
                    tr(Lang::Vi, T::SheetsNoDialog),
                    tr(Lang::En, T::SheetsNoDialog),
                ));
                (iced::widget::operation::focus("targets_file"), None)
            }
            Message::TakeTargets => {
                let file = std::path::PathBuf::from(self.targets_file.trim());
                self.error = None;
                (
                    query(
                        ctx.db,
                        move |s| {
                            crate::office::province::targets::import(s, &file).map(|t| t.summary())
                        },
                        Message::TargetsTaken,
                    ),
                    None,
                )
            }
            Message::TargetsTaken(Ok(m)) => {
                self.notice = Some(m);
                self.targets_file.clear();
                self.dirty = false;
                (self.reload(ctx.db), Some(Event::FiguresChanged))
            }
            Message::TargetsTaken(Err(e)) => {
                self.error = Some(e);
                (Task::none(), None)
            }
            other => self.update_rest(other, ctx),
        }
    }

    fn update_rest(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        // Anything else the clerk does: the last export's message makes way.
        self.export.settle();
        let changed = matches!(message, Message::Saved(Ok(())));
        let task = self.handle(message, ctx.db);
        (task, changed.then_some(Event::FiguresChanged))
    }

    /// "Xuất Excel": the progress of the scope and period shown.
    fn export_update(
        &mut self,
        m: crate::app::parts::export::Message,
        ctx: &Context<'_>,
    ) -> Task<Message> {
        let team = match self.scope.as_ref().map(|s| s.scope) {
            Some(Scope::Team(t)) => Some(t),
            _ => None,
        };
        let tables = self.period().map(|period| {
            move |s: &crate::store::Store, made| {
                Ok(vec![crate::office::excel_export::progress(
                    s, team, period, made,
                )?])
            }
        });
        self.export
            .write(m, ctx, "Tiến độ chỉ tiêu", tables, Message::Export)
    }

    fn handle(&mut self, message: Message, db: &Db) -> Task<Message> {
        match message {
            // `update` handles these (they need the dialogs).
            Message::Export(_)
            | Message::TargetsFile(_)
            | Message::BrowseTargets
            | Message::TargetsPicked(_)
            | Message::TakeTargets
            | Message::TargetsTaken(_) => Task::none(),
            Message::Scopes(Ok((c, scopes))) => {
                self.commune_id = c;
                if self.period.is_empty() {
                    self.period = Period::month_of(chrono::Local::now().date_naive()).code();
                }
                self.scope = self
                    .scope
                    .clone()
                    .filter(|s| scopes.contains(s))
                    .or_else(|| scopes.first().cloned());
                self.scopes = scopes;
                self.reload(db)
            }
            Message::Scopes(Err(e)) | Message::Saved(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
            Message::Scope(s) => {
                self.scope = Some(s);
                self.dirty = false;
                self.reload(db)
            }
            Message::Period(p) => {
                self.period = p;
                if self.period.trim().len() >= 4 {
                    self.reload(db)
                } else {
                    Task::none()
                }
            }
            Message::Loaded(g, r) if g == self.generation => {
                match r {
                    Ok(l) => {
                        self.figures = Some(l.figures);
                        // What the clerk is typing is not replaced by a reload.
                        if !self.dirty {
                            self.bases = l.bases;
                            self.targets = l.targets;
                        }
                        self.target_source = l.source;
                    }
                    Err(e) => self.error = Some(e),
                }
                Task::none()
            }
            Message::Loaded(..) => Task::none(),
            Message::Base(i, v) => {
                if let Some(b) = self.bases.get_mut(i) {
                    *b = v;
                    self.dirty = true;
                }
                Task::none()
            }
            Message::Target(i, v) => {
                if let Some(t) = self.targets.get_mut(i) {
                    t.3 = v;
                    self.dirty = true;
                }
                Task::none()
            }
            Message::Save => self.save(db),
            Message::Saved(Ok(())) => {
                self.dirty = false;
                self.errors.clear();
                self.notice = Some(Msg::new(
                    "Đã lưu số liệu gốc và chỉ tiêu.",
                    "Baselines and targets saved.",
                ));
                self.reload(db)
            }
        }
    }

    fn save(&mut self, db: &Db) -> Task<Message> {
        let Some(scope) = self.scope.clone() else {
            return Task::none();
        };
        let year = match self.period() {
            Ok(p) => p.year(),
            Err(e) => {
                self.error = Some(e);
                return Task::none();
            }
        };
        let mut errors = Vec::new();
        let mut bases = Vec::new();
        for (b, typed) in Base::MEASURED.iter().zip(&self.bases) {
            if typed.trim().is_empty() {
                bases.push((*b, None));
                continue;
            }
            match number::parse_count(typed, Field::Baseline) {
                Ok(v) => bases.push((*b, Some(v))),
                Err(e) => errors.push(FieldError::new(
                    Field::Baseline,
                    format!("{} — {}", b.label_vi(), e.rule.vi),
                    format!("{} — {}", b.label_en(), e.rule.en),
                )),
            }
        }
        let mut targets = Vec::new();
        for (id, name, percent, typed) in &self.targets {
            match crate::domain::number::typed_target(typed, *percent, name) {
                Ok(v) => targets.push((*id, v)),
                Err(e) => errors.push(e),
            }
        }
        self.errors = errors;
        if !self.errors.is_empty() {
            return Task::none();
        }
        let commune = self.commune_id;
        query(
            db,
            move |s| {
                for (b, v) in bases {
                    s.set_baseline(commune, scope.village, b, v)?;
                }
                for (id, v) in targets {
                    s.set_target(commune, scope.village, id, year, v)?;
                }
                Ok(())
            },
            Message::Saved,
        )
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let mut col = column![
            text(tr(l, T::NavProgress))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            row![
                column![
                    text(tr(l, T::ProgressScope)).size(style::LABEL),
                    widgets::picker_with(
                        &self.scopes,
                        self.scope.as_ref(),
                        |s| s.label(l),
                        None,
                        Length::Fill,
                        Message::Scope
                    )
                ]
                .spacing(style::SPACE_TIGHT)
                .width(Length::FillPortion(3)),
                column![
                    text(tr(l, T::ReportPeriod)).size(style::LABEL),
                    text_input(tr(l, T::ActivityMonth), &self.period)
                        .id("progress_period")
                        .on_input(Message::Period)
                        .padding(style::PAD_FIELD)
                ]
                .spacing(style::SPACE_TIGHT)
                .width(Length::FillPortion(1)),
            ]
            .spacing(10),
            row![
                text(tr(l, T::ProgressPeriodHint))
                    .size(style::HINT)
                    .color(style::MUTED)
                    .width(Length::Fill),
                self.export.button(l).map(Message::Export),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(10);
        // The status line is always there, so a message never moves what is under it.
        col = col.push(if self.export.speaks() {
            self.export.status(l).map(Message::Export)
        } else {
            widgets::status(l, self.notice.as_ref(), self.error.as_ref())
        });
        if let Some(f) = &self.figures {
            let dash = |v: Option<i64>| {
                crate::app::parts::names::figure(l, &number::or_dash(v.map(number::int)))
                    .into_owned()
            };
            col = col.push(text(format!(
                "{}: {} · {}: {} · {}: {}",
                tr(l, T::ProgressActivities),
                dash(f.activities),
                tr(l, T::ActivityPeople),
                dash(f.people),
                tr(l, T::ActivityHouseholds),
                dash(f.households)
            )));
            let head = |t: T, w: u16| {
                text(tr(l, t))
                    .size(style::LABEL)
                    .font(UI_FONT_STRONG)
                    .width(Length::FillPortion(w))
            };
            let mut table = column![
                row![
                    head(T::ProgressIndicator, 6),
                    head(T::ProgressTarget, 2),
                    head(T::ProgressPeriod, 2),
                    head(T::ProgressCumulative, 2),
                    head(T::ProgressBase, 2),
                    head(T::ProgressShare, 2),
                    head(T::ProgressReached, 2),
                ]
                .spacing(6)
            ]
            .spacing(6);
            for line in &f.lines {
                let [target, period, cumulative, share, _] = line
                    .progress
                    .cells()
                    .map(|c| crate::app::parts::names::figure(l, &c).into_owned());
                let reached = match line.progress.reached() {
                    Some(true) => tr(l, T::ProgressYes).to_string(),
                    Some(false) => tr(l, T::ProgressNo).to_string(),
                    None => crate::domain::number::MISSING.to_string(),
                };
                let reached_color = match line.progress.reached() {
                    Some(true) => style::OK,
                    Some(false) => style::WARNING,
                    None => style::MUTED,
                };
                let mut name = column![
                    text(format!(
                        "{} ({})",
                        crate::app::parts::names::indicator(l, &line.indicator.name),
                        crate::app::parts::names::unit(l, &line.indicator.unit, 2)
                    ))
                    .size(style::LABEL)
                ];
                // Every row keeps the bar's room, so a row with a share is no taller.
                name = name.push(match line.progress.share() {
                    Some(s) => {
                        Element::from(progress_bar(0.0..=100.0, s.min(100.0) as f32).girth(6))
                    }
                    None => Element::from(iced::widget::Space::new().height(6)),
                });
                table = table.push(
                    row![
                        name.width(Length::FillPortion(6)),
                        text(target)
                            .size(style::LABEL)
                            .width(Length::FillPortion(2)),
                        text(period)
                            .size(style::LABEL)
                            .width(Length::FillPortion(2)),
                        text(cumulative)
                            .size(style::LABEL)
                            .width(Length::FillPortion(2)),
                        text(
                            crate::app::parts::names::figure(
                                l,
                                &number::or_dash(line.progress.base.map(number::int))
                            )
                            .into_owned()
                        )
                        .size(style::LABEL)
                        .width(Length::FillPortion(2)),
                        text(share).size(style::LABEL).width(Length::FillPortion(2)),
                        text(reached)
                            .size(style::LABEL)
                            .color(reached_color)
                            .width(Length::FillPortion(2)),
                    ]
                    .spacing(6),
                );
            }
            col = col.push(container(table).padding(8).style(container::bordered_box));
        }
        let err = |field: Field| -> Vec<String> {
            self.errors
                .iter()
                .filter(|e| e.field == field)
                .map(|e| e.message(l))
                .collect()
        };
        let mut bases = column![text(tr(l, T::ProgressBaselines)).font(UI_FONT_STRONG)].spacing(4);
        for (i, (b, typed)) in Base::MEASURED.iter().zip(&self.bases).enumerate() {
            let label = match l {
                Lang::Vi => b.label_vi(),
                Lang::En => b.label_en(),
            };
            bases = bases.push(
                row![
                    text(label).size(style::LABEL).width(Length::FillPortion(3)),
                    text_input("—", typed)
                        .on_input(move |v| Message::Base(i, v))
                        .on_submit(Message::Save)
                        .padding(4)
                        .width(Length::FillPortion(1)),
                ]
                .spacing(8),
            );
        }
        for e in err(Field::Baseline) {
            bases = bases.push(text(e).size(style::LABEL).color(style::ERROR));
        }
        let mut targets = column![text(tr(l, T::ProgressTargets)).font(UI_FONT_STRONG)].spacing(4);
        for (i, (_, name, percent, typed)) in self.targets.iter().enumerate() {
            targets = targets.push(
                row![
                    text(format!(
                        "{}{}",
                        crate::app::parts::names::indicator(l, name),
                        if *percent { " (%)" } else { "" }
                    ))
                    .size(style::LABEL)
                    .width(Length::FillPortion(3)),
                    text_input("—", typed)
                        .id(if i == 0 { "target_0" } else { "target_n" })
                        .on_input(move |v| Message::Target(i, v))
                        .on_submit(Message::Save)
                        .padding(4)
                        .width(Length::FillPortion(1)),
                ]
                .spacing(8),
            );
        }
        for e in err(Field::Target) {
            targets = targets.push(text(e).size(style::LABEL).color(style::ERROR));
        }
        if let Some(source) = &self.target_source {
            targets = targets.push(
                text(format!("{}: {source}", tr(l, T::ProgressTargetSource)))
                    .size(style::LABEL)
                    .color(style::MUTED),
            );
        }
        // The targets the province sent (its file), taken in at once.
        targets = targets.push(
            row![
                text_input(tr(l, T::ProgressTargetsFile), &self.targets_file)
                    .id("targets_file")
                    .on_input(Message::TargetsFile)
                    .on_submit(Message::TakeTargets)
                    .padding(4)
                    .width(Length::Fill),
                button(text(tr(l, T::SheetsChooseFiles)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press(Message::BrowseTargets),
                button(text(tr(l, T::ProgressTakeTargets)).size(style::LABEL))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.targets_file.trim().is_empty()).then_some(Message::TakeTargets)
                    ),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center),
        );
        col = col.push(
            container(
                column![
                    row![bases.width(Length::Fill), targets.width(Length::Fill)].spacing(16),
                    button(text(tr(l, T::FormSave)))
                        .style(button::primary)
                        .on_press(Message::Save),
                ]
                .spacing(10),
            )
            .padding(10)
            .style(container::bordered_box),
        );
        scrollable(col.padding(style::PAD_SCROLLED))
            .height(Length::Fill)
            .into()
    }
}
