//! The member form: checks every field as the clerk types and says what is wrong, in
//! the interface language; nothing is saved until every field is right.

use std::fmt;

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::widgets;
use crate::app::{UI_FONT_STRONG, style};
use crate::domain::people::{JoinInput, Joining, Person, PersonInput, Role};
use crate::domain::{Field, FieldError, Lang};

/// A team to choose in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChoice {
    pub id: i64,
    pub name: String,
}

/// A team in a drop-down, by [`crate::app::parts::names::team`].
impl fmt::Display for TeamChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::app::parts::names::team(&self.name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleChoice(pub Role, pub Lang);

impl fmt::Display for RoleChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.1 {
            Lang::Vi => self.0.label_vi(),
            Lang::En => self.0.label_en(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub person: PersonInput,
    pub join: JoinInput,
    pub team: Option<TeamChoice>,
    pub role: Role,
    /// Errors are shown for a field once it was typed in, and for all after a save try.
    pub touched: Vec<Field>,
    pub tried: bool,
    pub errors: Vec<FieldError>,
    pub saving: bool,
    /// Editing a saved member: (membership, the person as saved).
    pub editing: Option<(i64, Box<Person>)>,
    /// Something was typed since the form opened.
    pub dirty: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Input(Field, String),
    Team(TeamChoice),
    Role(RoleChoice),
    Save,
    Cancel,
}

/// What the form asks of the roster.
pub enum Event {
    /// Add a new member to a team.
    Save {
        team_id: i64,
        person: Box<Person>,
        joining: Joining,
    },
    /// A saved member's details and role changed.
    Update {
        membership_id: i64,
        person: Box<Person>,
        role: Role,
    },
    Cancel,
}

impl Form {
    pub fn new(team: Option<TeamChoice>) -> Self {
        let mut f = Self {
            person: PersonInput::default(),
            join: JoinInput::default(),
            team,
            role: Role::Member,
            touched: Vec::new(),
            tried: false,
            errors: Vec::new(),
            saving: false,
            editing: None,
            dirty: false,
        };
        f.check();
        f
    }

    /// The form filled with a saved member, to correct their details or change role.
    pub fn edit(membership_id: i64, person: Person, role: Role, team: TeamChoice) -> Self {
        let mut f = Self::new(Some(team));
        f.person = PersonInput::from_person(&person);
        f.role = role;
        f.editing = Some((membership_id, Box::new(person)));
        f.check();
        f
    }

    fn field(&mut self, field: Field) -> Option<&mut String> {
        let p = &mut self.person;
        Some(match field {
            Field::FullName => &mut p.full_name,
            Field::GivenName => &mut p.given_name,
            Field::Gender => &mut p.gender,
            Field::BirthYear => &mut p.birth_year,
            Field::Position => &mut p.position,
            Field::Phone => &mut p.phone,
            Field::Email => &mut p.email,
            Field::CitizenId => &mut p.citizen_id,
            Field::JoinedOn => &mut self.join.joined_on,
            Field::Decision => &mut self.join.joined_by,
            _ => return None,
        })
    }

    /// Checks everything; returns the checked values when all is right.
    pub fn check(&mut self) -> Option<(i64, Person, Joining)> {
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        self.join.role = self.role.code().into();
        let mut errors = Vec::new();
        let person = self
            .person
            .check(this_year)
            .map_err(|e| errors.extend(e))
            .ok();
        let joining = if self.editing.is_some() {
            // Joining is not edited here; its saved record stays as it is.
            Some(Joining {
                role: self.role,
                duties: String::new(),
                joined_on: None,
                joined_by: String::new(),
            })
        } else {
            self.join.check().map_err(|e| errors.extend(e)).ok()
        };
        if self.team.is_none() {
            errors.push(FieldError::new(Field::Team, "cần chọn Tổ", "choose a team"));
        }
        self.errors = errors;
        match (person, joining, &self.team) {
            (Some(p), Some(j), Some(t)) => Some((t.id, p.person, j)),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Input(field, value) => {
                if let Some(slot) = self.field(field) {
                    *slot = value;
                }
                if !self.touched.contains(&field) {
                    self.touched.push(field);
                }
                self.dirty = true;
                self.check();
                None
            }
            Message::Team(t) => {
                self.dirty = true;
                self.team = Some(t);
                self.check();
                None
            }
            Message::Role(r) => {
                self.dirty = true;
                self.role = r.0;
                self.check();
                None
            }
            Message::Save => {
                self.tried = true;
                let checked = self.check()?;
                self.saving = true;
                if let Some((membership_id, saved)) = &self.editing {
                    let mut person = checked.1;
                    person.id = saved.id;
                    person.commune_id = saved.commune_id;
                    person.notes = saved.notes.clone();
                    return Some(Event::Update {
                        membership_id: *membership_id,
                        person: Box::new(person),
                        role: self.role,
                    });
                }
                Some(Event::Save {
                    team_id: checked.0,
                    person: Box::new(checked.1),
                    joining: checked.2,
                })
            }
            Message::Cancel => Some(Event::Cancel),
        }
    }

    fn error_for(&self, field: Field) -> Option<&FieldError> {
        if !self.tried && !self.touched.contains(&field) {
            return None;
        }
        self.errors.iter().find(|e| e.field == field)
    }

    fn input<'a>(
        &'a self,
        l: Lang,
        label: T,
        field: Field,
        value: &'a str,
    ) -> Element<'a, Message> {
        let error = self.error_for(field).map(|e| e.message(l));
        widgets::field(
            tr(l, label),
            field_id(field),
            value,
            error,
            move |v| Message::Input(field, v),
            Message::Save,
        )
    }

    /// Gender as a choice: not said, Nam, Nữ (`Male`, `Female` in English).
    fn gender(&self, l: Lang) -> Element<'_, Message> {
        let options = ["", "Nam", "Nữ"];
        let label = |g: &&str| match *g {
            "Nam" => tr(l, T::FormMale).to_string(),
            "Nữ" => tr(l, T::FormFemale).to_string(),
            _ => "—".to_string(),
        };
        let chosen = options.iter().find(|g| {
            crate::domain::text::fold(g) == crate::domain::text::fold(&self.person.gender)
        });
        let mut col = column![
            text(tr(l, T::FormGender)).size(style::LABEL),
            widgets::picker_with(&options, chosen, label, None, Length::Fill, |g: &str| {
                Message::Input(Field::Gender, g.to_string())
            }),
        ]
        .spacing(style::SPACE_TIGHT)
        .width(Length::Fill);
        if let Some(e) = self.error_for(Field::Gender) {
            col = col.push(text(e.message(l)).size(style::LABEL).color(style::ERROR));
        }
        col.into()
    }

    pub fn view<'a>(&'a self, l: Lang, teams: &'a [TeamChoice]) -> Element<'a, Message> {
        let p = &self.person;
        let roles: Vec<RoleChoice> = Role::ALL.iter().map(|r| RoleChoice(*r, l)).collect();
        let team_widget: Element<'a, Message> = if self.editing.is_some() {
            // A member moves team by leaving one and joining another: not here.
            text(self.team.as_ref().map(|t| t.name.as_str()).unwrap_or(""))
                .size(14)
                .into()
        } else {
            widgets::picker(teams, self.team.clone(), None, Length::Fill, Message::Team)
        };
        let mut team_col = column![text(tr(l, T::FormTeam)).size(style::LABEL), team_widget]
            .spacing(style::SPACE_TIGHT)
            .width(Length::Fill);
        if let Some(e) = self.error_for(Field::Team) {
            team_col = team_col.push(text(e.message(l)).size(style::LABEL).color(style::ERROR));
        }
        let mut col = column![
            text(tr(
                l,
                if self.editing.is_some() {
                    T::FormTitleEdit
                } else {
                    T::FormTitleNew
                }
            ))
            .size(20)
            .font(UI_FONT_STRONG),
            row![
                self.input(l, T::FormFullName, Field::FullName, &p.full_name),
                self.input(l, T::FormGivenName, Field::GivenName, &p.given_name)
            ]
            .spacing(12),
            row![
                self.gender(l),
                self.input(l, T::FormBirthYear, Field::BirthYear, &p.birth_year)
            ]
            .spacing(12),
            self.input(l, T::FormPosition, Field::Position, &p.position),
            row![
                self.input(l, T::FormPhone, Field::Phone, &p.phone),
                self.input(l, T::FormEmail, Field::Email, &p.email)
            ]
            .spacing(12),
            self.input(l, T::FormCitizenId, Field::CitizenId, &p.citizen_id),
            row![
                team_col,
                column![
                    text(tr(l, T::FormRole)).size(style::LABEL),
                    widgets::picker(
                        roles,
                        Some(RoleChoice(self.role, l)),
                        None,
                        Length::Fill,
                        Message::Role
                    )
                ]
                .spacing(style::SPACE_TIGHT)
                .width(Length::Fill),
            ]
            .spacing(12),
        ]
        .spacing(10);
        if self.editing.is_none() {
            col = col.push(
                row![
                    self.input(l, T::FormJoinedOn, Field::JoinedOn, &self.join.joined_on),
                    self.input(l, T::FormJoinedBy, Field::Decision, &self.join.joined_by)
                ]
                .spacing(12),
            );
        }
        let mut buttons = column![].spacing(10);
        if self.tried && !self.errors.is_empty() {
            buttons = buttons.push(text(tr(l, T::FormFix)).color(style::ERROR));
        }
        let save = button(text(tr(l, T::FormSave)));
        let save = if self.saving {
            save
        } else {
            save.on_press(Message::Save)
        };
        buttons = buttons.push(
            row![
                save.style(button::primary),
                button(text(tr(l, T::FormCancel)))
                    .style(button::secondary)
                    .on_press(Message::Cancel)
            ]
            .spacing(10),
        );
        // The fields scroll; Lưu and Hủy stay under them, in sight.
        container(
            column![
                scrollable(col.padding(style::PAD_SCROLLED)).height(Length::Fill),
                buttons
            ]
            .spacing(10),
        )
        .padding(14)
        .style(container::bordered_box)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
    }
}

/// The widget id of a field's input (tests click it; Ctrl+F focuses the search).
pub fn field_id(field: Field) -> &'static str {
    match field {
        Field::FullName => "full_name",
        Field::GivenName => "given_name",
        Field::Gender => "gender",
        Field::BirthYear => "birth_year",
        Field::Position => "position",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::CitizenId => "citizen_id",
        Field::JoinedOn => "joined_on",
        Field::Decision => "joined_by",
        _ => "other",
    }
}
