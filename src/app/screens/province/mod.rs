//! The screens of a province's database (the Sở KH&CN's or the UBND tỉnh's): Overview
//! (the period's sheets on time, late, missing; taking sheets in), Communes, Reports
//! and Targets. Settings is the commune's screen, which shows the province's card in
//! place of the commune's. Each screen's `update` returns what the others must read
//! again, as the commune's screens do.

pub mod communes;
pub mod overview;
pub mod reports;
pub mod targets;

use iced::{Element, Task};

use crate::app::Context;
use crate::domain::Lang;

/// A screen of the province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Overview,
    Communes,
    Reports,
    Targets,
}

/// The province's screens and whose they are.
pub struct Home {
    /// The province's code and name in the official list.
    pub code: u32,
    pub name: String,
    pub overview: overview::State,
    pub communes: communes::State,
    pub reports: reports::State,
    pub targets: targets::State,
}

#[derive(Debug, Clone)]
pub enum Message {
    Overview(overview::Message),
    Communes(communes::Message),
    Reports(reports::Message),
    Targets(targets::Message),
}

impl Home {
    pub fn new(code: u32) -> Self {
        let name = crate::domain::units::provinces()
            .into_iter()
            .find(|(c, _)| *c == code)
            .map(|(_, n)| n.to_string())
            .unwrap_or_default();
        Self {
            code,
            name,
            overview: overview::State::new(),
            communes: communes::State::new(),
            reports: reports::State::new(),
            targets: targets::State::new(),
        }
    }

    /// Reads every screen's data (start-up, after sheets were taken in).
    pub fn load(&mut self, ctx: &Context<'_>) -> Task<Message> {
        Task::batch([
            self.overview.load(ctx).map(Message::Overview),
            self.communes.load(ctx).map(Message::Communes),
            self.reports.load(ctx).map(Message::Reports),
            self.targets.load(ctx).map(Message::Targets),
        ])
    }

    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::Overview(m) => self.overview_update(m, ctx),
            Message::Communes(m) => self.communes.update(m, ctx).map(Message::Communes),
            Message::Reports(m) => self.reports.update(m, ctx).map(Message::Reports),
            Message::Targets(m) => self.targets.update(m, ctx).map(Message::Targets),
        }
    }

    fn overview_update(&mut self, m: overview::Message, ctx: &Context<'_>) -> Task<Message> {
        let (task, event) = self.overview.update(m, ctx);
        let task = task.map(Message::Overview);
        match event {
            // The communes' figures and the report follow the sheets.
            Some(overview::Event::SheetsTaken) => Task::batch([
                task,
                self.communes.load(ctx).map(Message::Communes),
                self.reports.rebuild(ctx).map(Message::Reports),
            ]),
            None => task,
        }
    }

    /// A spreadsheet dropped on the window: a commune's sheet to take in.
    pub fn dropped(&mut self, path: std::path::PathBuf, ctx: &Context<'_>) -> Task<Message> {
        self.overview.dropped(path, ctx).map(Message::Overview)
    }

    pub fn view(&self, screen: Screen, l: Lang) -> Element<'_, Message> {
        match screen {
            Screen::Overview => self.overview.view(l, &self.name).map(Message::Overview),
            Screen::Communes => self.communes.view(l).map(Message::Communes),
            Screen::Reports => self.reports.view(l).map(Message::Reports),
            Screen::Targets => self.targets.view(l).map(Message::Targets),
        }
    }
}
