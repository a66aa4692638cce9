//! Dates as Decree 30/2020 writes them: `ngày 05 tháng 02 năm 2026`,
//! `ngày 27 tháng 7 năm 2022` — a zero before days under 10 and before months 1 and 2.

use chrono::{Datelike, NaiveDate};

use super::lang::{Field, FieldError};

/// `05`, `27`.
fn day(d: u32) -> String {
    format!("{d:02}")
}

/// `01`, `02`, then `3` … `12`.
fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// `ngày 05 tháng 02 năm 2026`.
pub fn long(d: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        day(d.day()),
        month(d.month()),
        d.year()
    )
}

/// `Đắk Nia, ngày 27 tháng 7 năm 2022`.
pub fn place_date(place: &str, d: NaiveDate) -> String {
    format!("{place}, {}", long(d))
}

/// `05/02/2026`.
pub fn short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `tháng 01`, `tháng 10`.
pub fn month_name(m: u32) -> String {
    format!("tháng {}", month(m))
}

/// `tháng 10 năm 2026`.
pub fn month_year(year: i32, m: u32) -> String {
    format!("{} năm {year}", month_name(m))
}

/// Reads `2026-02-05`, `5/2/2026`, `05/02/2026`, `05-02-2026`, `05.02.2026`.
pub fn parse(s: &str, field: Field) -> Result<NaiveDate, FieldError> {
    let t = s.trim();
    let shape = || {
        FieldError::new(
            field,
            format!("“{t}” không phải ngày; cần dạng ngày/tháng/năm, ví dụ 05/02/2026"),
            format!("“{t}” is not a date; write day/month/year, e.g. 05/02/2026"),
        )
    };
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(shape());
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else if parts[2].len() == 4 {
        (nums[2], nums[1], nums[0])
    } else {
        return Err(shape());
    };
    if !(1900..=2200).contains(&y) {
        return Err(FieldError::new(
            field,
            format!("năm {y} nằm ngoài khoảng 1900–2200"),
            format!("the year {y} is outside 1900–2200"),
        ));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
        FieldError::new(
            field,
            format!("ngày không có thật: {d:02}/{m:02}/{y}"),
            format!("no such date: {d:02}/{m:02}/{y}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn zero_rules() {
        assert_eq!(long(ymd(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(long(ymd(2022, 7, 27)), "ngày 27 tháng 7 năm 2022");
        assert_eq!(long(ymd(2026, 1, 1)), "ngày 01 tháng 01 năm 2026");
        assert_eq!(long(ymd(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
        assert_eq!(long(ymd(2026, 3, 10)), "ngày 10 tháng 3 năm 2026");
        assert_eq!(long(ymd(2026, 9, 30)), "ngày 30 tháng 9 năm 2026");
        assert_eq!(long(ymd(2026, 10, 31)), "ngày 31 tháng 10 năm 2026");
        assert_eq!(long(ymd(2026, 12, 31)), "ngày 31 tháng 12 năm 2026");
        assert_eq!(long(ymd(2024, 2, 29)), "ngày 29 tháng 02 năm 2024");
    }

    #[test]
    fn place_and_month_forms() {
        assert_eq!(
            place_date("Đắk Nia", ymd(2022, 7, 27)),
            "Đắk Nia, ngày 27 tháng 7 năm 2022"
        );
        assert_eq!(month_year(2026, 10), "tháng 10 năm 2026");
        assert_eq!(month_name(2), "tháng 02");
        assert_eq!(short(ymd(2026, 2, 5)), "05/02/2026");
    }

    #[test]
    fn parsing() {
        for s in [
            "2026-02-05",
            "5/2/2026",
            "05/02/2026",
            "05-02-2026",
            "05.02.2026",
            " 5/02/2026 ",
        ] {
            assert_eq!(parse(s, Field::Date).unwrap(), ymd(2026, 2, 5), "{s}");
        }
        assert_eq!(parse("29/02/2024", Field::Date).unwrap(), ymd(2024, 2, 29));
    }

    #[test]
    fn impossible_dates_are_refused_naming_the_field() {
        let e = parse("31/02/2026", Field::JoinedOn).unwrap_err();
        assert_eq!(e.field, Field::JoinedOn);
        assert_eq!(
            e.message(crate::domain::Lang::Vi),
            "Ngày tham gia: ngày không có thật: 31/02/2026"
        );
        assert!(parse("29/02/2025", Field::Date).is_err());
        assert!(parse("00/01/2025", Field::Date).is_err());
        assert!(parse("1/13/2025", Field::Date).is_err());
        let e = parse("hôm qua", Field::Date).unwrap_err();
        assert!(e.rule.vi.contains("05/02/2026"));
        assert!(parse("05/02/26", Field::Date).is_err());
        assert!(parse("05/02/0026", Field::Date).is_err());
    }
}
