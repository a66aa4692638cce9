//! Numbers the Vietnamese way: `.` groups thousands, `,` marks decimals (`5.233`,
//! `74,75 %`); a missing figure is `—`, never 0.

use super::lang::{Field, FieldError};

/// The mark for a figure that is missing.
pub const MISSING: &str = "—";

/// `1234567` → `1.234.567` (ASCII digits in, grouped digits out).
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

/// A file's size as people read it, in Vietnamese and in English: `812 byte` /
/// `812 bytes`, `63 KB`, `1,2 MB` / `1.2 MB`.
pub fn size(bytes: u64) -> (String, String) {
    if bytes < 1024 {
        (format!("{bytes} byte"), format!("{bytes} bytes"))
    } else if bytes < 1024 * 1024 {
        let k = (bytes + 512) / 1024;
        (format!("{} KB", int(k as i64)), format!("{k} KB"))
    } else {
        let m = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        (format!("{} MB", m.replace('.', ",")), format!("{m} MB"))
    }
}

/// `74,75`, `1.234,5`; rounds half away from zero; never `-0`; `—` for NaN or infinity.
///
/// Rounding works on the shortest decimal form of `x` (what the user typed or a
/// calculation meant), so `1.005` rounds to `1,01` although its binary value is a little
/// below; and it never overflows, whatever the size of `x`.
pub fn decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return MISSING.to_string();
    }
    // `Display` for f64 is the shortest round-trip form and never uses an exponent.
    let repr = x.abs().to_string();
    let (whole, frac) = repr.split_once('.').unwrap_or((&repr, ""));
    let mut digits: Vec<u8> = whole.bytes().map(|b| b - b'0').collect();
    let frac: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    digits.extend((0..places).map(|i| frac.get(i).copied().unwrap_or(0)));
    let mut whole_len = whole.len();
    if frac.get(places).is_some_and(|&d| d >= 5) {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                whole_len += 1;
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let negative = x < 0.0 && digits.iter().any(|&d| d != 0);
    let text: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    let mut s = String::with_capacity(text.len() + text.len() / 3 + 2);
    if negative {
        s.push('-');
    }
    s.push_str(&group(&text[..whole_len]));
    if places > 0 {
        s.push(',');
        s.push_str(&text[whole_len..]);
    }
    s
}

/// A target as typed in a form (`30`, `74,75`, `74,75 %`; empty: none), checked: a
/// percentage from 0 to 100 where the indicator has a base, else a number from 0 up.
/// `name` is the indicator's, for the refusal.
pub fn typed_target(typed: &str, percent: bool, name: &str) -> Result<Option<f64>, FieldError> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parsed: Option<f64> = t
        .trim_end_matches('%')
        .trim()
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0 && (!percent || *v <= 100.0));
    parsed.map(Some).ok_or_else(|| {
        FieldError::new(
            Field::Target,
            format!(
                "“{name}”: “{t}” {}",
                if percent {
                    "phải là tỷ lệ phần trăm từ 0 đến 100, ví dụ 30 hoặc 74,75"
                } else {
                    "phải là số không âm"
                }
            ),
            format!(
                "“{name}”: “{t}” {}",
                if percent {
                    "must be a percentage from 0 to 100, e.g. 30 or 74,75"
                } else {
                    "must be a number from 0 up"
                }
            ),
        )
    })
}

/// `74,75 %`. Official reports put a space between the figure and the sign; it is an
/// ordinary ASCII space. NaN or infinity is `—` alone.
pub fn percent(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return MISSING.to_string();
    }
    format!("{} %", decimal(x, places))
}

/// A count as a person types it into a sheet: `12`, `1.234`, `12 hộ`, `12 người`
/// (digits, then words of its unit); empty, `-` or `—` is missing (never 0); words
/// (`mười`), decimals and negatives are refused, and so is a count past `max`.
pub fn typed_count(text: &str, max: i64) -> Result<Option<i64>, crate::domain::Msg> {
    use crate::domain::Msg;
    let t = super::text::clean(text);
    if t.is_empty() || t == "-" || t == "—" {
        return Ok(None);
    }
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (num, rest) = t.split_at(end);
    if num.is_empty() || !rest.trim().chars().all(|c| c.is_alphabetic() || c == ' ') {
        let q = super::text::quote(&t);
        let q = format!("“{}”", q.trim_matches(['“', '”']));
        return Err(Msg::new(
            format!(
                "{q} không phải một số; cần ghi bằng chữ số, ví dụ 12 (để trống nếu không có số liệu)"
            ),
            format!(
                "{q} is not a number; write it in figures, e.g. 12 (leave it empty when there is none)"
            ),
        ));
    }
    let n = parse_count(num.trim_end_matches('.'), super::Field::People).map_err(|e| e.rule)?;
    if n > max {
        return Err(Msg::new(
            format!("{} là quá lớn (tối đa {})", int(n), int(max)),
            format!("{n} is too large (at most {max})"),
        ));
    }
    Ok(Some(n))
}

/// Document numbers under 10 take a zero: `05`; others as they are (`23`, `105`).
pub fn doc_number(n: u32) -> String {
    format!("{n:02}")
}

/// The figure, or `—` when missing (also when it is blank): never 0.
pub fn or_dash(v: Option<String>) -> String {
    match v {
        Some(s) if !s.trim().is_empty() => s,
        _ => MISSING.to_string(),
    }
}

/// A count typed by the clerk: `1.234`, `1234`, ` 12 `. Dots must group thousands
/// (`1.23` and `0.123` are refused: they look like decimals); no sign, no decimals.
pub fn parse_count(s: &str, field: Field) -> Result<i64, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(
            field,
            "không được để trống",
            "must not be empty",
        ));
    }
    if t.starts_with(['-', '\u{2212}', '–']) {
        return Err(FieldError::new(
            field,
            format!("“{t}” là số âm; số đếm không được âm"),
            format!("“{t}” is negative; a count cannot be"),
        ));
    }
    if t.contains(',') {
        return Err(FieldError::new(
            field,
            format!("“{t}” phải là số nguyên, không có phần thập phân"),
            format!("“{t}” must be a whole number, without decimals"),
        ));
    }
    let groups: Vec<&str> = t.split('.').collect();
    let well_grouped = groups.len() == 1
        || groups.iter().enumerate().all(|(i, g)| {
            if i == 0 {
                (1..=3).contains(&g.len()) && !g.starts_with('0')
            } else {
                g.len() == 3
            }
        });
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(
            field,
            format!("“{t}” không phải số đếm (chỉ gồm chữ số, ví dụ 1.234)"),
            format!("“{t}” is not a count (digits only, e.g. 1.234)"),
        ));
    }
    if !well_grouped {
        return Err(FieldError::new(
            field,
            format!("“{t}”: dấu chấm chỉ dùng để tách hàng nghìn, ví dụ 1.234"),
            format!("“{t}”: a dot may only separate thousands, e.g. 1.234"),
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

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(812), ("812 byte".into(), "812 bytes".into()));
        assert_eq!(size(64_716).0, "63 KB");
        assert_eq!(size(1_300_000), ("1,2 MB".into(), "1.2 MB".into()));
    }

    use super::*;
    use crate::domain::Lang;

    #[test]
    fn integers() {
        assert_eq!(int(0), "0");
        assert_eq!(int(7), "7");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1.000");
        assert_eq!(int(5233), "5.233");
        assert_eq!(int(99_999), "99.999");
        assert_eq!(int(100_000), "100.000");
        assert_eq!(int(1_234_567), "1.234.567");
        assert_eq!(int(-1), "-1");
        assert_eq!(int(-999), "-999");
        assert_eq!(int(-1000), "-1.000");
        assert_eq!(int(i64::MAX), "9.223.372.036.854.775.807");
        assert_eq!(int(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(74.75, 2), "74,75");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(1234.5, 0), "1.235");
        assert_eq!(decimal(0.0, 2), "0,00");
        assert_eq!(decimal(5.0, 2), "5,00");
        assert_eq!(decimal(0.5, 3), "0,500");
        assert_eq!(decimal(1e6, 0), "1.000.000");
        assert_eq!(decimal(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(decimal(2.0 / 3.0 * 100.0, 2), "66,67");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(decimal(0.125, 2), "0,13");
        assert_eq!(decimal(2.5, 0), "3");
        assert_eq!(decimal(3.5, 0), "4");
        assert_eq!(decimal(-2.5, 0), "-3");
        assert_eq!(decimal(-0.125, 2), "-0,13");
        // Halves that binary floating point stores a little low.
        assert_eq!(decimal(1.005, 2), "1,01");
        assert_eq!(decimal(74.745, 2), "74,75");
        assert_eq!(decimal(0.285, 2), "0,29");
        // Just under a half stays down.
        assert_eq!(decimal(0.1249, 2), "0,12");
        // A carry through every digit and into a new group.
        assert_eq!(decimal(999.995, 2), "1.000,00");
        assert_eq!(decimal(99.96, 1), "100,0");
        assert_eq!(decimal(-999_999.5, 0), "-1.000.000");
    }

    #[test]
    fn never_minus_zero() {
        assert_eq!(decimal(-0.0, 2), "0,00");
        assert_eq!(decimal(-0.001, 2), "0,00");
        assert_eq!(decimal(-0.004, 2), "0,00");
        assert_eq!(decimal(-0.4, 0), "0");
        assert_eq!(decimal(-0.005, 2), "-0,01");
        assert_eq!(percent(-0.0, 1), "0,0 %");
    }

    #[test]
    fn huge_tiny_and_missing() {
        assert_eq!(decimal(1e20, 0), "100.000.000.000.000.000.000");
        assert_eq!(decimal(1e-9, 2), "0,00");
        assert_eq!(decimal(5e-7, 6), "0,000001");
        assert_eq!(decimal(0.1, 20), format!("0,1{}", "0".repeat(19)));
        assert_eq!(decimal(f64::NAN, 2), "—");
        assert_eq!(decimal(f64::INFINITY, 2), "—");
        assert_eq!(percent(f64::NAN, 2), "—");
        assert_eq!(percent(f64::NEG_INFINITY, 2), "—");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(74.75, 2), "74,75 %");
        assert_eq!(percent(100.0, 0), "100 %");
        assert_eq!(percent(30.0, 1), "30,0 %");
        assert_eq!(percent(33.333_333, 1), "33,3 %");
        assert_eq!(percent(1234.5, 1), "1.234,5 %");
    }

    #[test]
    fn document_numbers_and_missing() {
        assert_eq!(doc_number(0), "00");
        assert_eq!(doc_number(1), "01");
        assert_eq!(doc_number(5), "05");
        assert_eq!(doc_number(9), "09");
        assert_eq!(doc_number(10), "10");
        assert_eq!(doc_number(23), "23");
        assert_eq!(doc_number(105), "105");
        assert_eq!(or_dash(None), "—");
        assert_eq!(or_dash(Some("   ".into())), "—");
        assert_eq!(or_dash(Some("0".into())), "0");
        assert_eq!(or_dash(Some(int(5233))), "5.233");
    }

    #[test]
    fn counts_accepted() {
        for (s, n) in [
            (" 12 ", 12),
            ("1.234", 1234),
            ("1234", 1234),
            ("0", 0),
            ("007", 7),
            ("12.345.678", 12_345_678),
            ("\u{a0}5\t", 5),
            ("9.223.372.036.854.775.807", i64::MAX),
        ] {
            assert_eq!(parse_count(s, Field::Number).unwrap(), n, "{s}");
        }
    }

    #[test]
    fn counts_refused_naming_the_field() {
        for bad in [
            "-3", "−3", "1,5", "12a", "1.23", ".123", "1..234", "1234.567", "0.123", "1.234.",
            "+5", "", "  ", "mười", "1 234", "٣",
        ] {
            let e = parse_count(bad, Field::Village).unwrap_err();
            assert_eq!(e.field, Field::Village, "{bad}");
            assert!(!e.rule.vi.is_empty() && !e.rule.en.is_empty(), "{bad}");
        }
        let e = parse_count("-3", Field::Number).unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "Số văn bản: “-3” là số âm; số đếm không được âm"
        );
        assert!(
            parse_count("1,5", Field::Number)
                .unwrap_err()
                .rule
                .en
                .contains("whole number")
        );
        assert!(
            parse_count("1.23", Field::Number)
                .unwrap_err()
                .rule
                .vi
                .contains("hàng nghìn")
        );
        assert!(
            parse_count("12a", Field::Number)
                .unwrap_err()
                .rule
                .vi
                .contains("không phải số đếm")
        );
        assert!(
            parse_count("99999999999999999999", Field::Number)
                .unwrap_err()
                .rule
                .en
                .contains("too large")
        );
    }
}
