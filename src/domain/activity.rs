//! Activities: what a team did on a day, whom it reached and what it adds to each
//! indicator. The typed form is checked here; every refusal names the field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Field, FieldError, number, text, vndate};

/// The usual kinds of activity (the list is editable per commune).
pub const DEFAULT_TYPES: [&str; 9] = [
    "Tuyên truyền, họp dân",
    "Hướng dẫn tại nhà (đến từng hộ)",
    "Mở lớp tập huấn, bồi dưỡng",
    "Hỗ trợ dịch vụ công trực tuyến",
    "Hỗ trợ định danh điện tử (VNeID)",
    "Hỗ trợ thanh toán điện tử",
    "Đưa sản phẩm lên sàn thương mại điện tử",
    "Họp Tổ",
    "Khác",
];

/// A checked activity, ready to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: i64,
    pub commune_id: i64,
    pub team_id: i64,
    pub village_id: Option<i64>,
    pub on_date: NaiveDate,
    pub type_id: i64,
    /// People reached; `None` when not counted.
    pub people: Option<i64>,
    pub households: Option<i64>,
    /// (indicator id, count added).
    pub counts: Vec<(i64, i64)>,
    pub note: String,
    /// The people of the team who took part.
    pub participants: Vec<i64>,
}

/// The activity as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityInput {
    pub on_date: String,
    pub team_id: Option<i64>,
    pub village_id: Option<i64>,
    pub type_id: Option<i64>,
    pub people: String,
    pub households: String,
    /// (indicator id, indicator name, typed count); an empty count adds nothing.
    pub counts: Vec<(i64, String, String)>,
    pub note: String,
    pub participants: Vec<i64>,
}

/// Counts larger than this are refused as typing slips (a commune has a few thousand
/// households).
pub const MAX_COUNT: i64 = 100_000;

fn count(typed: &str, field: Field) -> Result<Option<i64>, FieldError> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let n = number::parse_count(typed, field)?;
    if n > MAX_COUNT {
        return Err(FieldError::new(
            field,
            format!(
                "{} là quá lớn cho một hoạt động (tối đa {})",
                number::int(n),
                number::int(MAX_COUNT)
            ),
            format!("{n} is too many for one activity (at most {MAX_COUNT})"),
        ));
    }
    Ok(Some(n))
}

impl ActivityInput {
    /// Checks every field; all refusals at once. `today` bounds the date.
    pub fn check(&self, commune_id: i64, today: NaiveDate) -> Result<Activity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let on_date = if self.on_date.trim().is_empty() {
            errors.push(FieldError::new(
                Field::Date,
                "cần ghi ngày hoạt động",
                "the date is needed",
            ));
            None
        } else {
            match vndate::parse(&self.on_date, Field::Date) {
                Ok(d) if d > today => {
                    errors.push(FieldError::new(
                        Field::Date,
                        format!("{} là ngày chưa tới", vndate::short(d)),
                        format!("{} is in the future", vndate::short(d)),
                    ));
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
        if self.team_id.is_none() {
            errors.push(FieldError::new(Field::Team, "cần chọn Tổ", "choose a team"));
        }
        if self.type_id.is_none() {
            errors.push(FieldError::new(
                Field::ActivityType,
                "cần chọn loại hoạt động",
                "choose the kind of activity",
            ));
        }
        let people = count(&self.people, Field::People)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let households = count(&self.households, Field::Households)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let mut counts = Vec::new();
        for (id, name, typed) in &self.counts {
            match count(typed, Field::Indicator) {
                Ok(Some(n)) => counts.push((*id, n)),
                Ok(None) => {}
                Err(e) => errors.push(FieldError::new(
                    Field::Indicator,
                    format!("“{name}” — {}", e.rule.vi),
                    format!("“{name}” — {}", e.rule.en),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Activity {
            id: 0,
            commune_id,
            team_id: self.team_id.unwrap_or_default(),
            village_id: self.village_id,
            on_date: on_date.unwrap_or_default(),
            type_id: self.type_id.unwrap_or_default(),
            people,
            households,
            counts,
            note: text::clean_multiline(&self.note),
            participants: self.participants.clone(),
        })
    }

    /// The form filled with a saved activity (to edit it).
    pub fn from_activity(a: &Activity, names: &[(i64, String)]) -> Self {
        Self {
            on_date: vndate::short(a.on_date),
            team_id: Some(a.team_id),
            village_id: a.village_id,
            type_id: Some(a.type_id),
            people: a.people.map(|n| n.to_string()).unwrap_or_default(),
            households: a.households.map(|n| n.to_string()).unwrap_or_default(),
            counts: names
                .iter()
                .map(|(id, name)| {
                    let typed = a
                        .counts
                        .iter()
                        .find(|(i, _)| i == id)
                        .map(|(_, n)| n.to_string())
                        .unwrap_or_default();
                    (*id, name.clone(), typed)
                })
                .collect(),
            note: a.note.clone(),
            participants: a.participants.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn input() -> ActivityInput {
        ActivityInput {
            on_date: "05/10/2026".into(),
            team_id: Some(2),
            village_id: Some(1),
            type_id: Some(6),
            people: "40".into(),
            households: "".into(),
            counts: vec![
                (1, "Hộ có tài khoản thanh toán điện tử".into(), "12".into()),
                (2, "Sản phẩm OCOP lên sàn".into(), "".into()),
            ],
            note: "Hướng dẫn mở ví điện tử".into(),
            participants: vec![],
        }
    }

    #[test]
    fn a_good_activity_keeps_only_the_counts_typed() {
        let a = input().check(1, today()).unwrap();
        assert_eq!(a.counts, vec![(1, 12)]);
        assert_eq!(a.people, Some(40));
        assert_eq!(a.households, None, "not counted is not zero");
        assert_eq!(a.on_date, NaiveDate::from_ymd_opt(2026, 10, 5).unwrap());
    }

    #[test]
    fn a_bad_count_is_refused_naming_the_indicator() {
        let mut i = input();
        i.counts[1].2 = "3a".into();
        i.people = "-4".into();
        let e = i.check(1, today()).unwrap_err();
        let msgs: Vec<String> = e
            .iter()
            .map(|e| e.message(super::super::Lang::Vi))
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("Kết quả theo chỉ tiêu: “Sản phẩm OCOP lên sàn” — “3a”")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("Số người được tiếp cận:")),
            "{msgs:?}"
        );
        let mut big = input();
        big.counts[0].2 = "250.000".into();
        let e = big.check(1, today()).unwrap_err();
        assert!(e[0].rule.vi.contains("quá lớn"), "{e:?}");
    }

    #[test]
    fn date_team_and_type_are_required_and_the_future_refused() {
        let mut i = input();
        i.on_date = "30/11/2026".into();
        i.team_id = None;
        i.type_id = None;
        let fields: Vec<Field> = i
            .check(1, today())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, [Field::Date, Field::Team, Field::ActivityType]);
    }

    #[test]
    fn the_form_fills_back_from_a_saved_activity() {
        let a = input().check(1, today()).unwrap();
        let names = vec![(1, "A".to_string()), (2, "B".to_string())];
        let back = ActivityInput::from_activity(&a, &names);
        assert_eq!(back.counts[0].2, "12");
        assert_eq!(back.counts[1].2, "");
        assert_eq!(back.check(1, today()).unwrap(), a);
    }
}
