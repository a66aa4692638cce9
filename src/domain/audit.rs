//! The audit trail: what a change did to each field, before and after, so a mistake can
//! be traced and put back. Pure: the store writes these, the office words them.

use super::people::{Gender, Membership, Person, Role};
use super::validate::mask_citizen_id;
use super::{Field, Lang};

/// One field's value before and after a change. Values are kept as the program stores
/// them (a gender or role by its code), so a change can be put back exactly; an empty
/// value means "none".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub before: String,
    pub after: String,
}

impl Change {
    pub fn new(field: Field, before: impl Into<String>, after: impl Into<String>) -> Self {
        Self {
            field,
            before: before.into(),
            after: after.into(),
        }
    }

    /// The value before, as the clerk reads it (a citizen ID masked).
    pub fn shown_before(&self, lang: Lang) -> String {
        shown(self.field, &self.before, lang)
    }

    /// The value after, as the clerk reads it (a citizen ID masked).
    pub fn shown_after(&self, lang: Lang) -> String {
        shown(self.field, &self.after, lang)
    }
}

/// A stored value in the clerk's words: a role or gender by its label, a citizen ID
/// masked, an ISO date as `dd/mm/yyyy`, nothing as `—`.
pub fn shown(field: Field, value: &str, lang: Lang) -> String {
    if value.is_empty() {
        return "—".into();
    }
    match field {
        Field::CitizenId => mask_citizen_id(value),
        Field::Gender => value
            .parse()
            .ok()
            .and_then(Gender::from_code)
            .map(|g| match lang {
                Lang::Vi => g.label_vi().to_string(),
                Lang::En => match g {
                    Gender::Male => "Male".to_string(),
                    Gender::Female => "Female".to_string(),
                },
            })
            .unwrap_or_else(|| value.to_string()),
        Field::Role => Role::from_code(value)
            .map(|r| match lang {
                Lang::Vi => r.label_vi().to_string(),
                Lang::En => r.label_en().to_string(),
            })
            .unwrap_or_else(|| value.to_string()),
        Field::JoinedOn | Field::LeftOn | Field::Date => {
            chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Each field of a person, as stored.
pub fn person_fields(p: &Person) -> Vec<(Field, String)> {
    vec![
        (Field::FullName, p.full_name.clone()),
        (Field::GivenName, p.given_name.clone()),
        (Field::Gender, opt(&p.gender.map(Gender::code))),
        (Field::BirthYear, opt(&p.birth_year)),
        (Field::Position, p.position.clone()),
        (Field::Phone, opt(&p.phone)),
        (Field::Email, opt(&p.email)),
        (Field::CitizenId, opt(&p.citizen_id)),
        (Field::Notes, p.notes.clone()),
    ]
}

/// What changed between two versions of a person, field by field.
pub fn person_changes(old: &Person, new: &Person) -> Vec<Change> {
    person_fields(old)
        .into_iter()
        .zip(person_fields(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| Change::new(field, a, b))
        .collect()
}

/// The fields of a person that a change sets: `None` when the change names a field a
/// person does not have or a value that does not read back (a damaged trail).
pub fn apply_to_person(person: &Person, values: &[(Field, &str)]) -> Option<Person> {
    let mut p = person.clone();
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    for (field, value) in values {
        match field {
            Field::FullName => p.full_name = value.to_string(),
            Field::GivenName => p.given_name = value.to_string(),
            Field::Gender => {
                p.gender = if value.is_empty() {
                    None
                } else {
                    Some(Gender::from_code(value.parse().ok()?)?)
                }
            }
            Field::BirthYear => {
                p.birth_year = if value.is_empty() {
                    None
                } else {
                    Some(value.parse().ok()?)
                }
            }
            Field::Position => p.position = value.to_string(),
            Field::Phone => p.phone = some(value),
            Field::Email => p.email = some(value),
            Field::CitizenId => p.citizen_id = some(value),
            Field::Notes => p.notes = value.to_string(),
            _ => return None,
        }
    }
    Some(p)
}

/// What a role change did.
pub fn role_changes(old: &Membership, role: Role, duties: &str) -> Vec<Change> {
    let mut out = Vec::new();
    if old.role != role {
        out.push(Change::new(Field::Role, old.role.code(), role.code()));
    }
    if old.duties != duties {
        out.push(Change::new(Field::Duties, old.duties.clone(), duties));
    }
    out
}

/// Changes as the two stored columns: a JSON object of field → value before, and one
/// after. Only changed fields are kept.
pub fn encode(changes: &[Change]) -> (String, String) {
    if changes.is_empty() {
        return (String::new(), String::new());
    }
    let side = |pick: fn(&Change) -> &str| {
        let map: serde_json::Map<String, serde_json::Value> = changes
            .iter()
            .map(|c| (c.field.code(), pick(c).into()))
            .collect();
        serde_json::Value::Object(map).to_string()
    };
    (side(|c| &c.before), side(|c| &c.after))
}

/// Reads the two stored columns back. Unknown fields (from a newer version) and
/// unreadable text are skipped rather than refused: the trail is for reading.
pub fn decode(before: &str, after: &str) -> Vec<Change> {
    let read = |s: &str| -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(s).unwrap_or_default()
    };
    let (b, a) = (read(before), read(after));
    let value = |m: &serde_json::Map<String, serde_json::Value>, key: &str| {
        m.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    let mut out: Vec<Change> = keys
        .into_iter()
        .filter_map(|key| {
            let field = Field::from_code(key)?;
            Some(Change::new(field, value(&b, key), value(&a, key)))
        })
        .collect();
    // In the order of the form, not of the stored text.
    out.sort_by_key(|c| Field::ALL.iter().position(|f| *f == c.field));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person {
            id: 7,
            commune_id: 1,
            full_name: "Lò Văn Ửng".into(),
            given_name: "Ửng".into(),
            gender: Some(Gender::Male),
            birth_year: Some(1990),
            position: "Bí thư Chi đoàn".into(),
            phone: Some("0912345678".into()),
            email: None,
            citizen_id: Some("011090001234".into()),
            notes: String::new(),
        }
    }

    #[test]
    fn only_changed_fields_are_kept_and_read_back() {
        let old = person();
        let mut new = old.clone();
        new.phone = Some("0987654321".into());
        new.gender = None;
        let changes = person_changes(&old, &new);
        assert_eq!(
            changes,
            vec![
                Change::new(Field::Gender, "1", ""),
                Change::new(Field::Phone, "0912345678", "0987654321"),
            ]
        );
        let (b, a) = encode(&changes);
        assert_eq!(decode(&b, &a), changes);
    }

    #[test]
    fn putting_back_gives_the_old_person() {
        let old = person();
        let mut new = old.clone();
        new.full_name = "Lò Văn Ưng".into();
        new.birth_year = None;
        new.citizen_id = None;
        let changes = person_changes(&old, &new);
        let back: Vec<(Field, &str)> = changes
            .iter()
            .map(|c| (c.field, c.before.as_str()))
            .collect();
        assert_eq!(apply_to_person(&new, &back), Some(old));
        assert_eq!(apply_to_person(&new, &[(Field::Team, "x")]), None);
        assert_eq!(apply_to_person(&new, &[(Field::BirthYear, "năm")]), None);
    }

    #[test]
    fn shown_values_hide_the_citizen_id_and_name_codes() {
        assert_eq!(
            shown(Field::CitizenId, "011090001234", Lang::Vi),
            "*********234"
        );
        assert_eq!(shown(Field::Gender, "2", Lang::Vi), "Nữ");
        assert_eq!(shown(Field::Gender, "2", Lang::En), "Female");
        assert_eq!(shown(Field::Role, "leader", Lang::Vi), "Tổ trưởng");
        assert_eq!(shown(Field::JoinedOn, "2026-03-01", Lang::En), "01/03/2026");
        assert_eq!(shown(Field::Phone, "", Lang::Vi), "—");
    }

    #[test]
    fn a_damaged_trail_is_read_as_far_as_it_goes() {
        assert!(decode("not json", "{").is_empty());
        let got = decode(r#"{"Phone":"1","Future":"x"}"#, r#"{"Phone":"2"}"#);
        assert_eq!(got, vec![Change::new(Field::Phone, "1", "2")]);
    }
}
