//! Settings: language, the data file, and a backup on demand.

use iced::widget::{button, column, row, text};
use iced::{Element, Task};

use super::i18n::{T, tr};
use super::{Db, UI_FONT_STRONG, query, style};
use crate::domain::{Lang, Msg};

#[derive(Debug, Default)]
pub struct State {
    pub path: String,
    pub notice: Option<Msg>,
    pub error: Option<Msg>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(Lang),
    Backup,
    BackedUp(Result<String, Msg>),
}

impl State {
    pub fn new(path: String) -> Self {
        Self {
            path,
            ..Default::default()
        }
    }

    pub fn update(&mut self, message: Message, db: &Db) -> Task<Message> {
        match message {
            Message::Language(lang) => query(
                db,
                move |s| s.set_setting("ui.language", lang.code()),
                |_| Message::BackedUp(Ok(String::new())),
            ),
            Message::Backup => query(
                db,
                |s| Ok(s.backup_now("sao-luu")?.display().to_string()),
                Message::BackedUp,
            ),
            Message::BackedUp(Ok(p)) if p.is_empty() => Task::none(),
            Message::BackedUp(Ok(p)) => {
                self.notice = Some(Msg::new(p.clone(), p));
                Task::none()
            }
            Message::BackedUp(Err(e)) => {
                self.error = Some(e);
                Task::none()
            }
        }
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let lang_button = |label: &'static str, lang: Lang| {
            let b = button(text(label));
            if l == lang {
                b.style(button::primary)
            } else {
                b.style(button::secondary).on_press(Message::Language(lang))
            }
        };
        let mut col = column![
            text(tr(l, T::NavSettings)).size(22).font(UI_FONT_STRONG),
            text(tr(l, T::SettingsLanguage)).font(UI_FONT_STRONG),
            row![
                lang_button("Tiếng Việt", Lang::Vi),
                lang_button("English", Lang::En)
            ]
            .spacing(10),
            text(tr(l, T::SettingsDatabase)).font(UI_FONT_STRONG),
            text(&self.path),
            button(text(tr(l, T::SettingsBackup)))
                .style(button::secondary)
                .on_press(Message::Backup),
        ]
        .spacing(10);
        if let Some(n) = &self.notice {
            col = col.push(
                text(format!("{} {}", tr(l, T::SettingsBackupDone), n.get(l))).color(style::OK),
            );
        }
        if let Some(e) = &self.error {
            col = col
                .push(text(format!("{}: {}", tr(l, T::ErrorPrefix), e.get(l))).color(style::ERROR));
        }
        col.into()
    }
}
