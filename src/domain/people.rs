//! People and their memberships. A member may be a named person or only a position
//! slot ("Bí thư Đoàn Thanh niên xã"), as seed 004 lists most members.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lang::{Field, FieldError, Msg};
use super::{collate, text, validate, vndate};

/// Gender codes as in public data: 1 Nam, 2 Nữ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Male = 1,
    Female = 2,
}

impl Gender {
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Male),
            2 => Some(Self::Female),
            _ => None,
        }
    }

    /// `Nam` / `Nữ`.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Male => "Nam",
            Self::Female => "Nữ",
        }
    }

    /// How a decision addresses the person: `Ông` / `Bà`.
    pub fn honorific(self) -> &'static str {
        match self {
            Self::Male => "Ông",
            Self::Female => "Bà",
        }
    }

    /// Reads `1`, `2`, `nam`, `nữ`, `nu`, `male`, `female`, `m`, `f`.
    pub fn parse(s: &str) -> Option<Self> {
        match text::fold(s).as_str() {
            "1" | "nam" | "male" | "m" => Some(Self::Male),
            "2" | "nu" | "female" | "f" => Some(Self::Female),
            _ => None,
        }
    }
}

/// A person as kept in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Person {
    pub id: i64,
    pub commune_id: i64,
    /// Empty when the member is only a position slot.
    pub full_name: String,
    pub given_name: String,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    /// Position / organisation (chức vụ, đơn vị).
    pub position: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub citizen_id: Option<String>,
    pub notes: String,
}

impl Person {
    /// A member known only by position.
    pub fn is_slot(&self) -> bool {
        self.full_name.is_empty()
    }

    /// The name, or the position for a slot.
    pub fn display_name(&self) -> &str {
        if self.is_slot() {
            &self.position
        } else {
            &self.full_name
        }
    }

    /// The text searched without accents: name, position and phone.
    pub fn search_text(&self) -> String {
        let mut s = text::fold(&self.full_name);
        for part in [Some(self.position.as_str()), self.phone.as_deref()]
            .into_iter()
            .flatten()
        {
            if !part.is_empty() {
                s.push(' ');
                s.push_str(&text::fold(part));
            }
        }
        s
    }

    /// The Vietnamese sort key: given name, middle names, family name.
    pub fn sort_key(&self) -> Vec<u8> {
        if self.is_slot() {
            // Slots sort after named people, by their position.
            let mut k = vec![0xFF];
            k.extend(collate::key(&self.position));
            k
        } else {
            collate::person_key(&self.full_name, &self.given_name)
        }
    }

    /// `*********789`, or nothing.
    pub fn masked_citizen_id(&self) -> String {
        self.citizen_id
            .as_deref()
            .map(validate::mask_citizen_id)
            .unwrap_or_default()
    }
}

/// What the clerk typed in the person form, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonInput {
    pub full_name: String,
    /// Empty means "the last word of the full name".
    pub given_name: String,
    pub gender: String,
    pub birth_year: String,
    pub position: String,
    pub phone: String,
    pub email: String,
    pub citizen_id: String,
    pub notes: String,
}

/// A checked person and the warnings that do not block saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPerson {
    pub person: Person,
    pub warnings: Vec<Msg>,
}

impl PersonInput {
    /// Checks every field; returns every refusal at once, each naming its field.
    pub fn check(&self, this_year: i32) -> Result<CheckedPerson, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let position = text::clean(&self.position);
        let full_name = if text::clean(&self.full_name).is_empty() {
            if position.is_empty() {
                errors.push(FieldError::new(
                    Field::FullName,
                    "cần họ và tên, hoặc ít nhất chức vụ nếu thành viên chỉ ghi theo chức vụ",
                    "needs a name, or at least a position for a member known only by position",
                ));
            }
            String::new()
        } else {
            validate::full_name(&self.full_name).unwrap_or_else(|e| {
                errors.push(e);
                String::new()
            })
        };
        let mut given_name = text::clean(&self.given_name);
        if given_name.is_empty() {
            given_name = text::default_given_name(&full_name);
        } else if !full_name.is_empty()
            && !text::fold(&full_name).contains(&text::fold(&given_name))
        {
            errors.push(FieldError::new(
                Field::GivenName,
                format!("“{given_name}” không có trong họ và tên “{full_name}”"),
                format!("“{given_name}” is not part of the full name “{full_name}”"),
            ));
        }
        let gender = if self.gender.trim().is_empty() {
            None
        } else {
            match Gender::parse(&self.gender) {
                Some(g) => Some(g),
                None => {
                    errors.push(FieldError::new(
                        Field::Gender,
                        "chỉ nhận Nam (1) hoặc Nữ (2)",
                        "must be Nam (1) or Nữ (2)",
                    ));
                    None
                }
            }
        };
        let birth_year = validate::birth_year(&self.birth_year, this_year).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let mut take = |r: Result<Option<validate::Checked>, FieldError>| match r {
            Ok(Some(c)) => {
                warnings.extend(c.warning);
                Some(c.value)
            }
            Ok(None) => None,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let phone = take(validate::phone(&self.phone));
        let citizen_id = take(validate::citizen_id(&self.citizen_id));
        let email = match validate::email(&self.email) {
            Ok(e) => e,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CheckedPerson {
            person: Person {
                id: 0,
                commune_id: 0,
                full_name,
                given_name,
                gender,
                birth_year,
                position,
                phone,
                email,
                citizen_id,
                notes: text::clean_multiline(&self.notes),
            },
            warnings,
        })
    }

    /// The form filled from a saved person, for editing.
    pub fn from_person(p: &Person) -> Self {
        let default_given = text::default_given_name(&p.full_name);
        Self {
            full_name: p.full_name.clone(),
            given_name: if p.given_name == default_given {
                String::new()
            } else {
                p.given_name.clone()
            },
            gender: p
                .gender
                .map(|g| g.label_vi().to_string())
                .unwrap_or_default(),
            birth_year: p.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            position: p.position.clone(),
            phone: p.phone.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            citizen_id: p.citizen_id.clone().unwrap_or_default(),
            notes: p.notes.clone(),
        }
    }
}

/// The role in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Leader,
    Deputy,
    Member,
}

impl Role {
    pub const ALL: [Self; 3] = [Self::Leader, Self::Deputy, Self::Member];

    pub fn code(self) -> &'static str {
        match self {
            Self::Leader => "leader",
            Self::Deputy => "deputy",
            Self::Member => "member",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// `Tổ trưởng` / `Tổ phó` / `Tổ viên`.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Leader => "Tổ trưởng",
            Self::Deputy => "Tổ phó",
            Self::Member => "Tổ viên",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Leader => "Leader",
            Self::Deputy => "Deputy",
            Self::Member => "Member",
        }
    }

    /// Reads a code, a Vietnamese label with or without accents, or an English one.
    pub fn parse(s: &str) -> Option<Self> {
        let f = text::fold(s);
        Self::ALL.into_iter().find(|r| {
            f == r.code() || f == text::fold(r.label_vi()) || f == text::fold(r.label_en())
        })
    }
}

/// A membership: one person in one team, with its history. Leaving ends a membership;
/// it is never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub id: i64,
    pub team_id: i64,
    pub person_id: i64,
    pub role: Role,
    pub duties: String,
    pub joined_on: Option<NaiveDate>,
    /// The decision that approved joining (`23/QĐ-UBND`).
    pub joined_by: String,
    pub left_on: Option<NaiveDate>,
    pub leave_reason: String,
    /// The decision that approved leaving.
    pub left_by: String,
}

impl Membership {
    pub fn is_current(&self) -> bool {
        self.left_on.is_none()
    }
}

/// What the clerk typed when a member joins.
#[derive(Debug, Clone, Default)]
pub struct JoinInput {
    pub role: String,
    pub duties: String,
    pub joined_on: String,
    pub joined_by: String,
}

/// A checked joining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joining {
    pub role: Role,
    pub duties: String,
    pub joined_on: Option<NaiveDate>,
    pub joined_by: String,
}

impl JoinInput {
    pub fn check(&self) -> Result<Joining, Vec<FieldError>> {
        let mut errors = Vec::new();
        let role = Role::parse(&self.role).unwrap_or_else(|| {
            errors.push(FieldError::new(
                Field::Role,
                "chỉ nhận Tổ trưởng, Tổ phó hoặc Tổ viên",
                "must be Tổ trưởng (leader), Tổ phó (deputy) or Tổ viên (member)",
            ));
            Role::Member
        });
        let joined_on = optional_date(&self.joined_on, Field::JoinedOn, &mut errors);
        if errors.is_empty() {
            Ok(Joining {
                role,
                duties: text::clean_multiline(&self.duties),
                joined_on,
                joined_by: text::clean(&self.joined_by),
            })
        } else {
            Err(errors)
        }
    }
}

/// What the clerk typed when a member leaves.
#[derive(Debug, Clone, Default)]
pub struct LeaveInput {
    pub left_on: String,
    pub reason: String,
    pub left_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaving {
    pub left_on: NaiveDate,
    pub reason: String,
    pub left_by: String,
}

impl LeaveInput {
    /// Checks the leaving against the membership it ends.
    pub fn check(&self, joined_on: Option<NaiveDate>) -> Result<Leaving, Vec<FieldError>> {
        let mut errors = Vec::new();
        let left_on = if self.left_on.trim().is_empty() {
            errors.push(FieldError::new(
                Field::LeftOn,
                "không được để trống",
                "must not be empty",
            ));
            None
        } else {
            optional_date(&self.left_on, Field::LeftOn, &mut errors)
        };
        if let (Some(l), Some(j)) = (left_on, joined_on)
            && l < j
        {
            errors.push(FieldError::new(
                Field::LeftOn,
                format!("không được trước ngày tham gia ({})", vndate::short(j)),
                format!("cannot be before the joining date ({})", vndate::short(j)),
            ));
        }
        let reason = text::clean(&self.reason);
        if reason.is_empty() {
            errors.push(FieldError::new(
                Field::Reason,
                "cần ghi lý do rời Tổ",
                "the reason for leaving is required",
            ));
        }
        match (left_on, errors.is_empty()) {
            (Some(left_on), true) => Ok(Leaving {
                left_on,
                reason,
                left_by: text::clean(&self.left_by),
            }),
            _ => Err(errors),
        }
    }
}

fn optional_date(s: &str, field: Field, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        return None;
    }
    vndate::parse(s, field).map_err(|e| errors.push(e)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> PersonInput {
        PersonInput {
            full_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn given_name_defaults_to_last_word_and_can_be_set() {
        let p = input("nguyễn thị bích ngọc").check(2026).unwrap().person;
        assert_eq!(p.given_name, "ngọc");
        let mut i = input("Ksor H'Thoan");
        i.given_name = "H'Thoan".into();
        assert_eq!(i.check(2026).unwrap().person.given_name, "H'Thoan");
    }

    #[test]
    fn nfd_name_is_stored_nfc() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ngo\u{323}c";
        let p = input(nfd).check(2026).unwrap().person;
        assert_eq!(p.full_name, "Nguyễn Thị Ngọc");
    }

    #[test]
    fn slot_needs_position() {
        let errs = input("").check(2026).unwrap_err();
        assert_eq!(errs[0].field, Field::FullName);
        let mut slot = input("");
        slot.position = "Bí thư Đoàn Thanh niên xã".into();
        let p = slot.check(2026).unwrap().person;
        assert!(p.is_slot());
        assert_eq!(p.display_name(), "Bí thư Đoàn Thanh niên xã");
    }

    #[test]
    fn every_bad_field_is_named() {
        let i = PersonInput {
            full_name: "Lê Văn 3".into(),
            phone: "0123".into(),
            citizen_id: "12ab".into(),
            gender: "x".into(),
            ..Default::default()
        };
        let fields: Vec<Field> = i.check(2026).unwrap_err().iter().map(|e| e.field).collect();
        for f in [
            Field::FullName,
            Field::Phone,
            Field::CitizenId,
            Field::Gender,
        ] {
            assert!(fields.contains(&f), "{f:?} missing from {fields:?}");
        }
    }

    #[test]
    fn old_id_warns_but_passes() {
        let mut i = input("Lê Văn Tám");
        i.citizen_id = "123456789".into();
        let c = i.check(2026).unwrap();
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.person.citizen_id.as_deref(), Some("123456789"));
    }

    #[test]
    fn given_name_must_be_in_full_name() {
        let mut i = input("Lê Văn Tám");
        i.given_name = "Hoa".into();
        assert_eq!(i.check(2026).unwrap_err()[0].field, Field::GivenName);
    }

    #[test]
    fn roles_parse_with_or_without_accents() {
        assert_eq!(Role::parse("to truong"), Some(Role::Leader));
        assert_eq!(Role::parse("Tổ phó"), Some(Role::Deputy));
        assert_eq!(Role::parse("member"), Some(Role::Member));
        assert_eq!(Role::parse("chief"), None);
    }

    #[test]
    fn leaving_needs_date_after_joining_and_reason() {
        let j = NaiveDate::from_ymd_opt(2024, 3, 1);
        let bad = LeaveInput {
            left_on: "01/02/2024".into(),
            reason: "".into(),
            left_by: "".into(),
        };
        let fields: Vec<Field> = bad.check(j).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::LeftOn, Field::Reason]);
        let ok = LeaveInput {
            left_on: "2024-05-01".into(),
            reason: "Chuyển công tác".into(),
            left_by: "12/QĐ-UBND".into(),
        };
        assert_eq!(
            ok.check(j).unwrap().left_on,
            NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
        );
    }

    #[test]
    fn form_round_trip_keeps_default_given_name_empty() {
        let p = input("Trần Văn An").check(2026).unwrap().person;
        let back = PersonInput::from_person(&p);
        assert_eq!(back.given_name, "");
        assert_eq!(back.check(2026).unwrap().person, p);
    }
}
