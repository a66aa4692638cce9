//! Settings: the commune's details and rule preset, the document font, the language,
//! software rendering, the data file and a backup on demand.

use std::fmt;

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::commune_form::{self, CommuneForm};
use crate::app::{Context, Db, UI_FONT_STRONG, parts::widgets, query, style};
use crate::domain::{Lang, Msg};
use crate::office::{Error, backups, database, deadlines, fonts};
use crate::render::FontChoice;

/// The setting that asks the window to draw without the GPU.
pub use crate::office::database::SOFTWARE_SETTING;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontPick(pub FontChoice, pub Lang);

impl fmt::Display for FontPick {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = match self.0 {
            FontChoice::Auto => T::SettingsFontAuto,
            FontChoice::Bundled => T::SettingsFontBundled,
            FontChoice::TimesNewRoman => T::SettingsFontTimes,
        };
        f.write_str(tr(self.1, t))
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub path: String,
    pub commune: Option<(i64, CommuneForm)>,
    /// A province's database: its code, name and whether the UBND tỉnh issues its
    /// reports (else the Sở KH&CN).
    pub province: Option<(u32, String, bool)>,
    pub font: FontChoice,
    /// The commune usually issues in the e-office.
    pub eoffice: bool,
    pub software: bool,
    /// The reporting days as typed (village teams, the commune).
    pub days: (String, String),
    pub notice: Option<Msg>,
    pub error: Option<Error>,
    /// What came of the last backup, shown under its buttons (where the clerk looked).
    pub backup_notice: Option<Msg>,
    pub backup_error: Option<Error>,
    /// A folder typed to back up into (a USB stick), for when no dialog can open.
    pub backup_folder: String,
    /// The copies in the backup folder, newest first.
    pub backups: Vec<backups::Backup>,
    /// A restore is running.
    pub restoring: bool,
    /// The day of the last full check that found no damage.
    pub last_check: Option<chrono::NaiveDate>,
    /// A full check is running.
    pub checking: bool,
}

/// What was loaded for the screen.
#[derive(Debug, Clone)]
pub struct Loaded {
    commune: Option<crate::domain::place::Commune>,
    province: Option<(u32, String)>,
    /// The commune's code in the official list of units, when linked.
    code: Option<u32>,
    font: FontChoice,
    eoffice: bool,
    software: bool,
    days: (u32, u32),
    last_check: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Loaded, Error>),
    Language(Lang),
    /// The province's reports issued by the UBND tỉnh (else the Sở KH&CN).
    Ubnd(bool),
    ProvinceSaved(Result<(), Error>),
    Commune(commune_form::Message),
    CommuneSaved(Result<(), Error>),
    Font(FontPick),
    /// The usual way of issuing: in the e-office (`true`) or on paper.
    Way(bool),
    Software(bool),
    VillageDay(String),
    CommuneDay(String),
    SaveDays,
    DaysSaved(Result<(), Error>),
    Backup,
    /// "Back up to…": a folder chosen with the dialog.
    BackupTo,
    BackupFolder(Option<std::path::PathBuf>),
    /// The folder typed beside "Back up to…", and its button.
    BackupFolderTyped(String),
    BackupToTyped,
    Listed(Vec<backups::Backup>),
    Restore(usize),
    Restored(Result<Msg, Error>),
    Done(Result<Option<Msg>, Error>),
    /// "Check the whole database" now.
    CheckNow,
    Checked(Result<backups::Health, Error>),
    BackedUp(Result<Option<Msg>, Error>),
}

/// What the settings tell the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The commune's details, the document font or the reporting days changed: the
    /// screens read them again.
    CommuneChanged,
    /// The interface language changed.
    LanguageChanged { lang: Lang },
    /// Who issues the province's reports changed: its report is built again.
    ProvinceChanged,
    /// A backup was restored: every screen reads the database again.
    Restored,
    /// The full check found the file damaged: nothing more goes into it; the recovery
    /// screen offers the backups.
    Damaged {
        path: std::path::PathBuf,
        found: Msg,
    },
}

impl State {
    pub fn new(path: String) -> Self {
        Self {
            path,
            ..Default::default()
        }
    }

    pub fn load(&self, db: &Db) -> Task<Message> {
        Task::batch([self.load_details(db), self.list_backups()])
    }

    /// Reads the backup folder beside the database (each copy opened read-only).
    pub fn list_backups(&self) -> Task<Message> {
        if self.path.is_empty() {
            return Task::none();
        }
        let path = std::path::PathBuf::from(&self.path);
        Task::perform(async move { backups::list(&path, None) }, Message::Listed)
    }

    fn load_details(&self, db: &Db) -> Task<Message> {
        query(
            db,
            |s| {
                let commune = s.home_commune()?;
                let code = match &commune {
                    Some(c) => s.unit_code(c.id)?,
                    None => None,
                };
                Ok(Loaded {
                    province: s.province_home()?,
                    commune,
                    code,
                    font: fonts::chosen(s)?,
                    eoffice: crate::office::decisions::eoffice_first(s),
                    software: database::software_rendering(s),
                    days: deadlines::report_days(s)?,
                    last_check: backups::last_full_check(s)?,
                })
            },
            Message::Loaded,
        )
    }

    /// The commune form has typed edits not yet saved.
    pub fn unsaved(&self) -> bool {
        self.commune.as_ref().is_some_and(|(_, f)| f.dirty)
    }

    pub fn update(
        &mut self,
        message: Message,
        ctx: &Context<'_>,
    ) -> (Task<Message>, Option<Event>) {
        let db = ctx.db;
        let none = |t| (t, None);
        match message {
            Message::Loaded(Ok(l)) => {
                // Unsaved typing in the form is kept over a reload.
                if !self.unsaved() {
                    self.commune = l.commune.map(|c| {
                        let mut form = CommuneForm::from_commune(&c);
                        form.code = l.code;
                        (c.id, form)
                    });
                }
                self.province = l.province.map(|(code, issuer)| {
                    let name = crate::domain::units::provinces()
                        .into_iter()
                        .find(|(c, _)| *c == code)
                        .map(|(_, n)| n.to_string())
                        .unwrap_or_default();
                    (code, name, issuer == "ubnd")
                });
                self.font = l.font;
                self.eoffice = l.eoffice;
                self.software = l.software;
                self.days = (l.days.0.to_string(), l.days.1.to_string());
                self.last_check = l.last_check;
                none(Task::none())
            }
            Message::Loaded(Err(e)) | Message::CommuneSaved(Err(e)) | Message::Done(Err(e)) => {
                if let Some((_, f)) = &mut self.commune {
                    f.saving = false;
                }
                self.error = Some(e);
                none(Task::none())
            }
            Message::Language(lang) => (
                self.set(db, database::LANGUAGE_SETTING, lang.code()),
                Some(Event::LanguageChanged { lang }),
            ),
            Message::Ubnd(ubnd) => {
                let Some((code, _, _)) = self.province else {
                    return none(Task::none());
                };
                let issuer = if ubnd { "ubnd" } else { "so" };
                none(query(
                    db,
                    move |s| crate::office::province::set_home(s, code, issuer).map(|_| ()),
                    Message::ProvinceSaved,
                ))
            }
            Message::ProvinceSaved(Ok(())) => {
                self.error = None;
                self.notice = Some(Msg::new(
                    "Đã lưu cơ quan ban hành báo cáo của tỉnh.",
                    "Who issues the province's reports is saved.",
                ));
                (self.load_details(db), Some(Event::ProvinceChanged))
            }
            Message::ProvinceSaved(Err(e)) => {
                self.error = Some(e);
                none(Task::none())
            }
            Message::Commune(m) => {
                let Some((id, form)) = &mut self.commune else {
                    return none(Task::none());
                };
                let id = *id;
                match form.update(m) {
                    Some(new) => {
                        let code = form.code;
                        none(query(
                            db,
                            move |s| Ok(s.save_commune(Some(id), &new, code).map(|_| ())?),
                            Message::CommuneSaved,
                        ))
                    }
                    None => none(Task::none()),
                }
            }
            Message::CommuneSaved(Ok(())) => {
                if let Some((_, f)) = &mut self.commune {
                    f.saving = false;
                    f.dirty = false;
                }
                self.error = None;
                self.notice = Some(Msg::new(
                    "Đã lưu thông tin xã.",
                    "The commune's details are saved.",
                ));
                (Task::none(), Some(Event::CommuneChanged))
            }
            Message::Way(eoffice) => {
                self.eoffice = eoffice;
                let value = if eoffice { "eoffice" } else { "paper" };
                (
                    self.set(db, crate::office::decisions::WAY_SETTING, value),
                    Some(Event::CommuneChanged),
                )
            }
            Message::Font(f) => {
                self.font = f.0;
                (
                    self.set(db, fonts::SETTING, f.0.code()),
                    Some(Event::CommuneChanged),
                )
            }
            Message::Software(on) => {
                self.software = on;
                self.notice = Some(Msg::new(
                    "Thay đổi có hiệu lực từ lần mở chương trình sau.",
                    "The change takes effect the next time the program starts.",
                ));
                none(self.set(db, SOFTWARE_SETTING, if on { "on" } else { "off" }))
            }
            Message::VillageDay(d) => {
                self.days.0 = d;
                none(Task::none())
            }
            Message::CommuneDay(d) => {
                self.days.1 = d;
                none(Task::none())
            }
            Message::SaveDays => {
                let (v, c) = self.days.clone();
                self.error = None;
                (
                    query(
                        db,
                        move |s| deadlines::set_report_days(s, &v, &c).map(|_| ()),
                        Message::DaysSaved,
                    ),
                    None,
                )
            }
            Message::DaysSaved(Ok(())) => {
                self.notice = Some(Msg::new("Đã lưu hạn báo cáo.", "Deadlines saved."));
                (Task::none(), Some(Event::CommuneChanged))
            }
            Message::DaysSaved(Err(e)) => {
                self.error = Some(e);
                none(Task::none())
            }
            Message::Backup => none(query(
                db,
                |s| Ok(backed_up(&backups::back_up_now(s)?)),
                Message::BackedUp,
            )),
            Message::BackupTo => {
                let dialogs = ctx.dialogs.clone();
                let title = tr(ctx.lang, T::DialogPickFolder).to_string();
                none(Task::perform(
                    async move { dialogs.pick_folder(&title) },
                    Message::BackupFolder,
                ))
            }
            Message::BackupFolder(None) => {
                // Cancelled, or no dialog could open (no desktop portal): the folder
                // can be typed, and the clerk is told so.
                (self.backup_notice, self.backup_error) = (
                    Some(Msg::new(
                        "Chưa chọn thư mục. Nếu hộp chọn thư mục không hiện ra, hãy gõ đường dẫn thư mục (ví dụ ổ USB) vào ô bên dưới rồi bấm “Sao lưu vào thư mục này”.",
                        "No folder was chosen. If no folder dialog appeared, type the folder's path (a USB stick, say) in the box below and press “Back up to this folder”.",
                    )),
                    None,
                );
                none(iced::widget::operation::focus("backup_folder"))
            }
            Message::BackupFolderTyped(f) => {
                self.backup_folder = f;
                none(Task::none())
            }
            Message::BackupToTyped => {
                let dir = std::path::PathBuf::from(self.backup_folder.trim());
                if dir.as_os_str().is_empty() {
                    return none(iced::widget::operation::focus("backup_folder"));
                }
                none(query(
                    db,
                    move |s| Ok(backed_up(&backups::back_up_to(s, &dir)?)),
                    Message::BackedUp,
                ))
            }
            Message::BackupFolder(Some(dir)) => none(query(
                db,
                move |s| Ok(backed_up(&backups::back_up_to(s, &dir)?)),
                Message::BackedUp,
            )),
            Message::Listed(list) => {
                self.backups = list;
                none(Task::none())
            }
            Message::Restore(i) => {
                let Some(from) = self.backups.get(i).map(|b| b.path.clone()) else {
                    return none(Task::none());
                };
                self.restoring = true;
                self.error = None;
                none(query(
                    db,
                    move |s| {
                        let r = backups::restore_open(s, &from)?;
                        let f = from.display();
                        let aside = r
                            .kept_aside
                            .map(|a| a.display().to_string())
                            .unwrap_or_default();
                        Ok(Msg::new(
                            format!("Đã khôi phục từ {f}; tệp cũ được giữ lại là {aside}"),
                            format!("Restored from {f}; the old file is kept as {aside}"),
                        ))
                    },
                    Message::Restored,
                ))
            }
            Message::Restored(r) => {
                self.restoring = false;
                match r {
                    Ok(msg) => {
                        self.notice = Some(msg);
                        self.commune = None;
                        (self.list_backups(), Some(Event::Restored))
                    }
                    Err(e) => {
                        self.error = Some(e);
                        none(self.list_backups())
                    }
                }
            }
            Message::CheckNow => {
                self.checking = true;
                (self.backup_notice, self.backup_error) = (None, None);
                let today = chrono::Local::now().date_naive();
                none(query(
                    db,
                    move |s| backups::full_check(s, today),
                    Message::Checked,
                ))
            }
            Message::Checked(Ok(health)) => {
                self.checking = false;
                if health.ok() {
                    self.last_check = Some(chrono::Local::now().date_naive());
                    (self.backup_notice, self.backup_error) = (Some(health.message()), None);
                    none(Task::none())
                } else {
                    let event = Event::Damaged {
                        path: health.path.clone(),
                        found: health.message(),
                    };
                    (Task::none(), Some(event))
                }
            }
            Message::Checked(Err(e)) => {
                self.checking = false;
                (self.backup_notice, self.backup_error) = (None, Some(e));
                none(Task::none())
            }
            Message::BackedUp(r) => {
                (self.backup_notice, self.backup_error) = match r {
                    Ok(n) => (n, None),
                    Err(e) => (None, Some(e)),
                };
                none(self.list_backups())
            }
            Message::Done(Ok(n)) => {
                if n.is_some() {
                    self.notice = n;
                }
                none(self.list_backups())
            }
        }
    }

    fn set(&self, db: &Db, key: &'static str, value: &str) -> Task<Message> {
        let value = value.to_string();
        query(
            db,
            move |s| Ok(s.set_setting(key, &value).map(|_| None)?),
            Message::Done,
        )
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
        let heading = |t: T| text(tr(l, t)).size(17).font(UI_FONT_STRONG);
        let mut col = column![
            text(tr(l, T::NavSettings))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            heading(T::SettingsLanguage),
            row![
                lang_button("Tiếng Việt", Lang::Vi),
                lang_button("English", Lang::En)
            ]
            .spacing(10),
        ]
        .spacing(10);
        // The status line is always there, so a message never moves what is under it.
        col = col.push(widgets::status(
            l,
            self.notice.as_ref(),
            self.error.as_ref(),
        ));
        if let Some((_, form)) = &self.commune {
            let save = button(text(tr(l, T::FormSave))).style(button::primary);
            let save = if form.saving {
                save
            } else {
                save.on_press(Message::Commune(commune_form::Message::Save))
            };
            let mut card = column![
                heading(T::SettingsCommune),
                form.view(l).map(Message::Commune)
            ]
            .spacing(10);
            if form.tried && !form.errors.is_empty() {
                card = card.push(text(tr(l, T::FormFix)).color(style::ERROR));
            }
            card = card.push(save);
            col = col.push(container(card).padding(12).style(container::bordered_box));
        }
        if let Some((code, name, ubnd)) = &self.province {
            let issuer = |label: T, want: bool| {
                let b = button(text(tr(l, label)));
                if *ubnd == want {
                    b.style(button::primary)
                } else {
                    b.style(button::secondary).on_press(Message::Ubnd(want))
                }
            };
            let card = column![
                heading(T::SettingsProvince),
                text(format!(
                    "{} ({} {code})",
                    crate::app::parts::names::place(l, name),
                    tr(l, T::SettingsProvinceCode)
                )),
                text(tr(l, T::SetupIssuer)).size(style::LABEL),
                row![
                    issuer(T::SetupIssuerSo, false),
                    issuer(T::SetupIssuerUbnd, true)
                ]
                .spacing(10),
            ]
            .spacing(10);
            col = col.push(container(card).padding(12).style(container::bordered_box));
        }
        let fonts: Vec<FontPick> = [
            FontChoice::Auto,
            FontChoice::Bundled,
            FontChoice::TimesNewRoman,
        ]
        .into_iter()
        .map(|f| FontPick(f, l))
        .collect();
        col = col.push(heading(T::SettingsFont));
        col = col.push(widgets::picker(
            fonts,
            Some(FontPick(self.font, l)),
            None,
            Length::Fixed(600.0),
            Message::Font,
        ));
        if self.province.is_none() {
            let way = |label: T, eoffice: bool| {
                let b = button(text(tr(l, label)));
                if self.eoffice == eoffice {
                    b.style(button::primary)
                } else {
                    b.style(button::secondary).on_press(Message::Way(eoffice))
                }
            };
            col = col.push(heading(T::SettingsIssuingWay));
            col = col.push(
                row![
                    way(T::SettingsWayPaper, false),
                    way(T::SettingsWayEoffice, true)
                ]
                .spacing(10)
                .wrap(),
            );
        }
        col = col.push(heading(T::SettingsReportDays));
        // A province's database waits for the communes' sheets only.
        let village: Element<'_, Message> = if self.province.is_some() {
            text("").into()
        } else {
            row![
                text(tr(l, T::SettingsVillageDay)),
                iced::widget::text_input("18", &self.days.0)
                    .on_input(Message::VillageDay)
                    .on_submit(Message::SaveDays)
                    .padding(5)
                    .width(60),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center)
            .into()
        };
        col = col.push(
            row![
                village,
                text(tr(l, T::SettingsCommuneDay)),
                iced::widget::text_input("20", &self.days.1)
                    .on_input(Message::CommuneDay)
                    .on_submit(Message::SaveDays)
                    .padding(5)
                    .width(60),
                button(text(tr(l, T::FormSave)))
                    .style(button::secondary)
                    .on_press(Message::SaveDays),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        );
        col = col.push(heading(T::SettingsRendering));
        // Without the GPU renderer the window always draws in software: the box is
        // ticked and cannot be changed, as the note under it says.
        let gpu = cfg!(feature = "gpu");
        col = col.push(
            checkbox(self.software || !gpu)
                .label(tr(l, T::SettingsSoftware))
                .on_toggle_maybe(gpu.then_some(Message::Software)),
        );
        if !cfg!(feature = "gpu") {
            col = col.push(
                text(tr(l, T::SettingsSoftwareOnly))
                    .size(style::LABEL)
                    .color(style::MUTED),
            );
        }
        col = col.push(heading(T::SettingsDatabase));
        col = col.push(text(&self.path));
        col = col.push(
            row![
                button(text(tr(l, T::SettingsBackup)))
                    .style(button::secondary)
                    .on_press(Message::Backup),
                button(text(tr(l, T::SettingsBackupTo)))
                    .style(button::secondary)
                    .on_press(Message::BackupTo),
                button(text(tr(l, T::SettingsCheckNow)))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.checking && !self.path.is_empty()).then_some(Message::CheckNow)
                    ),
            ]
            .spacing(10),
        );
        col = col.push(
            row![
                text_input(tr(l, T::SettingsBackupFolder), &self.backup_folder)
                    .id("backup_folder")
                    .on_input(Message::BackupFolderTyped)
                    .on_submit(Message::BackupToTyped)
                    .padding(style::PAD_FIELD)
                    .width(Length::Fill),
                button(text(tr(l, T::SettingsBackupToTyped)))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!self.backup_folder.trim().is_empty()).then_some(Message::BackupToTyped)
                    ),
            ]
            .spacing(10),
        );
        let checked = match self.last_check {
            Some(d) => format!("{} {}", tr(l, T::SettingsLastCheck), d.format("%d/%m/%Y")),
            None => tr(l, T::SettingsNeverChecked).to_string(),
        };
        col = col.push(text(checked).size(style::LABEL).color(style::MUTED));
        col = col.push(widgets::status(
            l,
            self.backup_notice.as_ref(),
            self.backup_error.as_ref(),
        ));
        col = col.push(heading(T::SettingsRestore));
        col = col.push(crate::app::screens::recovery::backup_list(
            &self.backups,
            l,
            self.restoring,
            Message::Restore,
        ));
        col = col.push(
            text(tr(l, T::RecoveryKeptAside))
                .size(style::HINT)
                .color(style::MUTED),
        );
        scrollable(col.padding(4).max_width(820))
            .height(Length::Fill)
            .into()
    }
}

fn backed_up(p: &std::path::Path) -> Option<Msg> {
    let p = p.display();
    Some(Msg::new(
        format!("Đã sao lưu vào {p}"),
        format!("Backed up to {p}"),
    ))
}
