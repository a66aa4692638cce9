//! Numbers the Vietnamese way: `.` groups thousands, `,` marks decimals (`5.233`,
//! `74,75 %`); a missing figure is `—`, never 0.

use super::lang::{Field, FieldError};

/// The mark for a figure that is missing.
pub const MISSING: &str = "—";

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `5.233`, `-1.234.567`, `0`.
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    if n < 0 {
        format!("-{}", group(&digits))
    } else {
        group(&digits)
    }
}

/// `74,75`, `1.234,5`; rounds half away from zero; never `-0`.
pub fn decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return MISSING.to_string();
    }
    let factor = 10f64.powi(places as i32);
    let scaled = (x.abs() * factor + 1e-9).round();
    let negative = x < 0.0 && scaled > 0.0;
    let whole = (scaled / factor).trunc() as u64;
    let frac = (scaled - whole as f64 * factor).round() as u64;
    let mut s = group(&whole.to_string());
    if places > 0 {
        s.push(',');
        s.push_str(&format!("{frac:0places$}"));
    }
    if negative { format!("-{s}") } else { s }
}

/// `74,75 %` (with a space before the sign, as official reports print it).
pub fn percent(x: f64, places: usize) -> String {
    format!("{} %", decimal(x, places))
}

/// Document numbers under 10 take a zero: `05`; others as they are.
pub fn doc_number(n: u32) -> String {
    format!("{n:02}")
}

/// The figure, or `—` when missing.
pub fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| MISSING.to_string())
}

/// A count typed by the clerk: `1.234`, `1234`, ` 12 `.
pub fn parse_count(s: &str, field: Field) -> Result<i64, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(
            field,
            "không được để trống",
            "must not be empty",
        ));
    }
    if t.starts_with('-') {
        return Err(FieldError::new(
            field,
            "không được là số âm",
            "cannot be negative",
        ));
    }
    if t.contains(',') {
        return Err(FieldError::new(
            field,
            format!("“{t}” phải là số nguyên, không có phần thập phân"),
            format!("“{t}” must be a whole number"),
        ));
    }
    let grouped_ok = !t.contains('.')
        || t.split('.').enumerate().all(|(i, g)| {
            (if i == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            }) && g.chars().all(|c| c.is_ascii_digit())
        });
    let digits: String = t.chars().filter(|c| *c != '.').collect();
    if !grouped_ok || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            format!("“{t}” không phải số đếm (chỉ gồm chữ số, ví dụ 1.234)"),
            format!("“{t}” is not a count (digits only, e.g. 1.234)"),
        ));
    }
    digits.parse::<i64>().map_err(|_| {
        FieldError::new(
            field,
            format!("“{t}” quá lớn"),
            format!("“{t}” is too large"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(5233), "5.233");
        assert_eq!(int(1_234_567), "1.234.567");
        assert_eq!(int(-1000), "-1.000");
        assert_eq!(int(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals_and_percent() {
        assert_eq!(decimal(74.75, 2), "74,75");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(0.125, 2), "0,13");
        assert_eq!(decimal(-0.001, 2), "0,00");
        assert_eq!(decimal(-2.5, 0), "-3");
        assert_eq!(decimal(1e6, 0), "1.000.000");
        assert_eq!(decimal(f64::NAN, 2), "—");
        assert_eq!(percent(74.75, 2), "74,75 %");
        assert_eq!(percent(100.0, 0), "100 %");
    }

    #[test]
    fn document_numbers_and_missing() {
        assert_eq!(doc_number(5), "05");
        assert_eq!(doc_number(23), "23");
        assert_eq!(doc_number(105), "105");
        assert_eq!(or_dash(None), "—");
        assert_eq!(or_dash(Some("0".into())), "0");
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(" 12 ", Field::Number).unwrap(), 12);
        assert_eq!(parse_count("1.234", Field::Number).unwrap(), 1234);
        assert_eq!(parse_count("1234", Field::Number).unwrap(), 1234);
        for bad in ["-3", "1,5", "12a", "1.23", ".123", "", "1..234"] {
            let e = parse_count(bad, Field::Number).unwrap_err();
            assert_eq!(e.field, Field::Number, "{bad}");
        }
    }
}
