//! Dates as Decree 30/2020 writes them: `ngày 05 tháng 02 năm 2026`,
//! `ngày 27 tháng 7 năm 2022` — a zero before days under 10 and before months 1 and 2.

use chrono::{Datelike, NaiveDate};

use super::lang::{Field, FieldError};
use super::text;

/// Years [`parse`] accepts.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2200;

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
    format!("{}, {}", text::clean(place), long(d))
}

/// `05/02/2026`: always two-digit day and month, four-digit year.
pub fn short(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// `tháng 01`, `tháng 02`, `tháng 3`, `tháng 10` (the month is not checked: callers pass
/// 1–12).
pub fn month_name(m: u32) -> String {
    format!("tháng {}", month(m))
}

/// `tháng 10 năm 2026`, `tháng 01 năm 2026`.
pub fn month_year(year: i32, m: u32) -> String {
    format!("{} năm {year}", month_name(m))
}

/// Reads the long form back: `ngày 5 tháng 2 năm 2026` (any case, with or without
/// accents) → the three numbers as typed.
fn long_parts(t: &str) -> Option<[String; 3]> {
    let f = text::fold(t);
    let words: Vec<&str> = f.split(' ').collect();
    match words.as_slice() {
        ["ngay", d, "thang", m, "nam", y] => Some([d, m, y].map(|s| (*s).to_string())),
        _ => None,
    }
}

/// Reads `2026-02-05`, `5/2/2026`, `05/02/2026`, `05-02-2026`, `05.02.2026` (one kind of
/// separator, spaces around it allowed) and the long form `ngày 05 tháng 02 năm 2026`.
/// The year has four digits, from 1900 to 2200; day and month at most two.
pub fn parse(s: &str, field: Field) -> Result<NaiveDate, FieldError> {
    let t = text::clean(s);
    let shape = || {
        FieldError::new(
            field,
            format!("“{t}” không phải ngày; cần dạng ngày/tháng/năm, ví dụ 05/02/2026"),
            format!("“{t}” is not a date; write day/month/year, e.g. 05/02/2026"),
        )
    };
    if t.is_empty() {
        return Err(FieldError::new(
            field,
            "không được để trống; cần dạng ngày/tháng/năm, ví dụ 05/02/2026",
            "must not be empty; write day/month/year, e.g. 05/02/2026",
        ));
    }
    let parts: Vec<String> = if let Some(p) = long_parts(&t) {
        p.to_vec()
    } else {
        let seps: Vec<char> = t.chars().filter(|c| matches!(c, '/' | '-' | '.')).collect();
        if seps.len() != 2 || seps[0] != seps[1] {
            return Err(shape());
        }
        t.split(seps[0]).map(|p| p.trim().to_string()).collect()
    };
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(shape());
    }
    let ymd = |y: &str, m: &str, d: &str| -> Option<(u32, u32, u32)> {
        let short = |p: &str| p.len() <= 2;
        (y.len() == 4 && short(m) && short(d)).then(|| {
            let n = |p: &str| p.parse::<u32>().unwrap_or(u32::MAX);
            (n(y), n(m), n(d))
        })
    };
    let (y, m, d) = ymd(&parts[0], &parts[1], &parts[2])
        .or_else(|| ymd(&parts[2], &parts[1], &parts[0]))
        .ok_or_else(shape)?;
    if !YEARS.contains(&y) {
        return Err(FieldError::new(
            field,
            format!("năm {y} nằm ngoài khoảng 1900–2200"),
            format!("the year {y} is outside 1900–2200"),
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(FieldError::new(
            field,
            format!("ngày không có thật: {d:02}/{m:02}/{y} (không có tháng {m})"),
            format!("no such date: {d:02}/{m:02}/{y} (there is no month {m})"),
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
    use crate::domain::Lang;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_two_examples() {
        assert_eq!(long(ymd(2026, 2, 5)), "ngày 05 tháng 02 năm 2026");
        assert_eq!(long(ymd(2022, 7, 27)), "ngày 27 tháng 7 năm 2022");
    }

    #[test]
    fn day_zero_rule() {
        for (d, want) in [(1, "01"), (9, "09"), (10, "10"), (31, "31")] {
            assert_eq!(
                long(ymd(2026, 3, d)),
                format!("ngày {want} tháng 3 năm 2026")
            );
        }
        assert_eq!(long(ymd(2026, 12, 31)), "ngày 31 tháng 12 năm 2026");
        assert_eq!(long(ymd(2026, 9, 30)), "ngày 30 tháng 9 năm 2026");
    }

    #[test]
    fn month_zero_rule() {
        for (m, want) in [
            (1, "01"),
            (2, "02"),
            (3, "3"),
            (9, "9"),
            (10, "10"),
            (11, "11"),
            (12, "12"),
        ] {
            assert_eq!(
                long(ymd(2026, m, 10)),
                format!("ngày 10 tháng {want} năm 2026")
            );
            assert_eq!(month_name(m), format!("tháng {want}"));
        }
        assert_eq!(long(ymd(2026, 1, 1)), "ngày 01 tháng 01 năm 2026");
        assert_eq!(long(ymd(2026, 1, 9)), "ngày 09 tháng 01 năm 2026");
        assert_eq!(long(ymd(2026, 9, 9)), "ngày 09 tháng 9 năm 2026");
    }

    #[test]
    fn leap_days() {
        assert_eq!(long(ymd(2024, 2, 29)), "ngày 29 tháng 02 năm 2024");
        assert_eq!(long(ymd(2000, 2, 29)), "ngày 29 tháng 02 năm 2000");
        assert_eq!(parse("29/02/2024", Field::Date).unwrap(), ymd(2024, 2, 29));
        assert_eq!(parse("29/2/2000", Field::Date).unwrap(), ymd(2000, 2, 29));
        // Not leap: not divisible by 4; a century not divisible by 400.
        for bad in ["29/02/2025", "29/02/1900", "29/02/2100", "30/02/2024"] {
            let e = parse(bad, Field::Date).unwrap_err();
            assert!(e.rule.vi.starts_with("ngày không có thật"), "{bad}");
        }
    }

    #[test]
    fn place_and_month_forms() {
        assert_eq!(
            place_date("Đắk Nia", ymd(2022, 7, 27)),
            "Đắk Nia, ngày 27 tháng 7 năm 2022"
        );
        assert_eq!(
            place_date(" \u{110}a\u{306}\u{301}k  Nia ", ymd(2026, 2, 5)),
            "\u{110}\u{1eaf}k Nia, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(month_year(2026, 10), "tháng 10 năm 2026");
        assert_eq!(month_year(2026, 1), "tháng 01 năm 2026");
        assert_eq!(month_year(2026, 3), "tháng 3 năm 2026");
    }

    #[test]
    fn short_form() {
        assert_eq!(short(ymd(2026, 2, 5)), "05/02/2026");
        assert_eq!(short(ymd(2022, 7, 27)), "27/07/2022");
        assert_eq!(short(ymd(2026, 12, 31)), "31/12/2026");
        assert_eq!(short(ymd(999, 1, 1)), "01/01/0999");
    }

    #[test]
    fn parsing() {
        for s in [
            "2026-02-05",
            "2026/2/5",
            "5/2/2026",
            "05/02/2026",
            "05-02-2026",
            "05.02.2026",
            " 5/02/2026 ",
            "5 / 2 / 2026",
            "\u{a0}05.2.2026\t",
            "ngày 05 tháng 02 năm 2026",
            "Ngày 5 Tháng 2 Năm 2026",
            "ngay 5 thang 2 nam 2026",
        ] {
            assert_eq!(parse(s, Field::Date).unwrap(), ymd(2026, 2, 5), "{s}");
        }
        assert_eq!(parse("31/12/2200", Field::Date).unwrap(), ymd(2200, 12, 31));
        assert_eq!(parse("1/1/1900", Field::Date).unwrap(), ymd(1900, 1, 1));
    }

    #[test]
    fn every_written_form_reads_back() {
        let mut d = ymd(2023, 12, 25);
        while d < ymd(2024, 3, 5) {
            assert_eq!(parse(&short(d), Field::Date).unwrap(), d);
            assert_eq!(parse(&long(d), Field::Date).unwrap(), d);
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn impossible_dates_are_refused_naming_the_field() {
        let e = parse("31/02/2026", Field::JoinedOn).unwrap_err();
        assert_eq!(e.field, Field::JoinedOn);
        assert_eq!(
            e.message(Lang::Vi),
            "Ngày tham gia: ngày không có thật: 31/02/2026"
        );
        assert_eq!(e.message(Lang::En), "Joined on: no such date: 31/02/2026");
        for bad in ["31/04/2026", "00/01/2025", "32/01/2025", "31/6/2026"] {
            let e = parse(bad, Field::LeftOn).unwrap_err();
            assert_eq!(e.field, Field::LeftOn, "{bad}");
            assert!(e.rule.en.starts_with("no such date"), "{bad}");
        }
        let e = parse("1/13/2025", Field::Date).unwrap_err();
        assert!(e.rule.vi.contains("không có tháng 13"), "{}", e.rule.vi);
        let e = parse("5/0/2025", Field::Date).unwrap_err();
        assert!(e.rule.en.contains("no month 0"), "{}", e.rule.en);
    }

    #[test]
    fn garbage_is_refused_with_the_expected_form() {
        for bad in [
            "hôm qua",
            "05/02/26",
            "5/2",
            "05022026",
            "2026",
            "05/02-2026",
            "05//2026",
            "05/02/2026/1",
            "5/2/2026 10:30",
            "2026-02-05T00:00",
            "a5/02/2026",
            "005/02/2026",
            "05/002/2026",
            "05/02/20260",
            "ngày 5 tháng 2",
            "٠٥/٠٢/٢٠٢٦",
        ] {
            let e = parse(bad, Field::Date).unwrap_err();
            assert_eq!(e.field, Field::Date, "{bad}");
            assert!(
                e.rule.vi.contains("ví dụ 05/02/2026"),
                "{bad}: {}",
                e.rule.vi
            );
            assert!(e.rule.en.contains("e.g. 05/02/2026"), "{bad}");
        }
        let e = parse("  ", Field::Date).unwrap_err();
        assert!(e.rule.vi.starts_with("không được để trống"));
    }

    #[test]
    fn years_out_of_range() {
        for bad in ["05/02/0026", "31/12/1899", "01/01/2201", "0000-01-01"] {
            let e = parse(bad, Field::Date).unwrap_err();
            assert!(e.rule.en.contains("outside 1900–2200"), "{bad}");
        }
    }
}
