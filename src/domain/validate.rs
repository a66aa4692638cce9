//! Checks of single fields. Every refusal names the field and the rule it breaks.

use super::lang::{Field, FieldError, Msg};
use super::text;

/// A value that passed, maybe with a warning that does not block saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub value: String,
    pub warning: Option<Msg>,
}

impl Checked {
    fn ok(value: String) -> Self {
        Self {
            value,
            warning: None,
        }
    }
}

const MOBILE_PREFIXES: [&str; 5] = ["03", "05", "07", "08", "09"];

/// A phone number: mobile `0` + 9 digits starting 03/05/07/08/09, or a landline
/// `02x` with 11 digits; `+84` / `84` become `0`. Empty is allowed.
pub fn phone(s: &str) -> Result<Option<Checked>, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    let compact: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    if compact.chars().any(|c| c.is_alphabetic()) {
        return Err(FieldError::new(
            Field::Phone,
            format!("“{t}” có chữ cái; chỉ được gồm chữ số"),
            format!("“{t}” contains letters; digits only"),
        ));
    }
    let national = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{rest}")
    } else if compact.starts_with("84") && compact.len() == 11 {
        format!("0{}", &compact[2..])
    } else {
        compact.clone()
    };
    if !national.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            Field::Phone,
            format!("“{t}” chỉ được gồm chữ số (có thể bắt đầu bằng +84)"),
            format!("“{t}” may hold only digits (and a leading +84)"),
        ));
    }
    let n = national.len();
    if national.starts_with("02") {
        if n == 11 {
            return Ok(Some(Checked::ok(national)));
        }
        return Err(FieldError::new(
            Field::Phone,
            format!("số cố định phải có 11 chữ số (đang có {n})"),
            format!("a landline number needs 11 digits ({n} given)"),
        ));
    }
    if n != 10 {
        return Err(FieldError::new(
            Field::Phone,
            format!("số di động phải có 10 chữ số (đang có {n})"),
            format!("a mobile number needs 10 digits ({n} given)"),
        ));
    }
    if !MOBILE_PREFIXES.iter().any(|p| national.starts_with(p)) {
        return Err(FieldError::new(
            Field::Phone,
            format!(
                "số di động phải bắt đầu bằng {}",
                MOBILE_PREFIXES.join(", ")
            ),
            format!(
                "a mobile number must start with {}",
                MOBILE_PREFIXES.join(", ")
            ),
        ));
    }
    Ok(Some(Checked::ok(national)))
}

/// A citizen ID (CCCD): 12 digits; an old 9-digit ID (CMND) passes with a warning.
pub fn citizen_id(s: &str) -> Result<Option<Checked>, FieldError> {
    let t: String = text::clean(s).chars().filter(|c| *c != ' ').collect();
    if t.is_empty() {
        return Ok(None);
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            Field::CitizenId,
            "chỉ được gồm chữ số",
            "may hold only digits",
        ));
    }
    match t.len() {
        12 => Ok(Some(Checked::ok(t))),
        9 => Ok(Some(Checked {
            value: t,
            warning: Some(Msg::new(
                "Số CCCD: đây là số CMND cũ 9 chữ số; nên cập nhật số CCCD 12 chữ số",
                "Citizen ID: this is an old 9-digit ID number; update it to the 12-digit one",
            )),
        })),
        n => Err(FieldError::new(
            Field::CitizenId,
            format!("phải có 12 chữ số (đang có {n})"),
            format!("needs 12 digits ({n} given)"),
        )),
    }
}

/// Shows only the last three digits: `*********789`.
pub fn mask_citizen_id(id: &str) -> String {
    let n = id.chars().count();
    let keep = n.min(3);
    let masked: String = "*".repeat(n - keep);
    let tail: String = id.chars().skip(n - keep).collect();
    format!("{masked}{tail}")
}

/// An email address; empty is allowed.
pub fn email(s: &str) -> Result<Option<String>, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || {
        FieldError::new(
            Field::Email,
            format!("“{t}” không đúng dạng tên@miền, ví dụ xadaknia@gmail.com"),
            format!("“{t}” is not of the form name@domain, e.g. xadaknia@gmail.com"),
        )
    };
    let mut parts = t.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok || t.contains(' ') {
        return Err(bad());
    }
    Ok(Some(t))
}

/// A birth year of a living adult: 4 digits, 10 to 100 years before `this_year`.
pub fn birth_year(s: &str, this_year: i32) -> Result<Option<i32>, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (lo, hi) = (this_year - 100, this_year - 10);
    match t.parse::<i32>() {
        Ok(y) if t.len() == 4 && (lo..=hi).contains(&y) => Ok(Some(y)),
        _ => Err(FieldError::new(
            Field::BirthYear,
            format!("phải là năm có 4 chữ số, từ {lo} đến {hi}"),
            format!("must be a 4-digit year from {lo} to {hi}"),
        )),
    }
}

/// A person's full name: letters, spaces, apostrophes, hyphens and dots; ≤ 80 characters.
pub fn full_name(s: &str) -> Result<String, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Err(FieldError::new(
            Field::FullName,
            "không được để trống",
            "must not be empty",
        ));
    }
    if let Some(c) = t
        .chars()
        .find(|c| !(c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-' | '.')))
    {
        return Err(FieldError::new(
            Field::FullName,
            format!("không được có ký tự “{c}”; chỉ gồm chữ cái, dấu cách, dấu nháy và gạch nối"),
            format!("must not contain “{c}”; letters, spaces, apostrophes and hyphens only"),
        ));
    }
    let n = t.chars().count();
    if n > 80 {
        return Err(FieldError::new(
            Field::FullName,
            format!("dài tối đa 80 ký tự (đang có {n})"),
            format!("at most 80 characters ({n} given)"),
        ));
    }
    Ok(t)
}

/// A field that must not be empty.
pub fn required(s: &str, field: Field) -> Result<String, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Err(FieldError::new(
            field,
            "không được để trống",
            "must not be empty",
        ));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    fn value(r: Result<Option<Checked>, FieldError>) -> String {
        r.unwrap().unwrap().value
    }

    #[test]
    fn phones_accepted() {
        assert_eq!(value(phone("0912 345 678")), "0912345678");
        assert_eq!(value(phone("+84 912 345 678")), "0912345678");
        assert_eq!(value(phone("84912345678")), "0912345678");
        assert_eq!(value(phone("091.234.5678")), "0912345678");
        assert_eq!(value(phone("(0261) 3 822 345")), "02613822345");
        assert_eq!(phone("  ").unwrap(), None);
    }

    #[test]
    fn phones_refused_naming_the_field_and_rule() {
        let e = phone("091234567").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "Số điện thoại: số di động phải có 10 chữ số (đang có 9)"
        );
        assert_eq!(
            e.message(Lang::En),
            "Phone number: a mobile number needs 10 digits (9 given)"
        );
        let e = phone("0123456789").unwrap_err();
        assert!(e.message(Lang::Vi).contains("03, 05, 07, 08, 09"));
        let e = phone("09l2345678").unwrap_err();
        assert!(e.message(Lang::Vi).contains("chữ cái"));
        let e = phone("0261382234").unwrap_err();
        assert!(e.message(Lang::Vi).contains("11 chữ số"));
        assert!(phone("+1 555 1234").is_err());
    }

    #[test]
    fn citizen_ids() {
        assert_eq!(value(citizen_id("067 089 001 234")), "067089001234");
        let old = citizen_id("245123456").unwrap().unwrap();
        assert!(old.warning.unwrap().vi.contains("9 chữ số"));
        let e = citizen_id("12345").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "Số CCCD: phải có 12 chữ số (đang có 5)"
        );
        assert!(citizen_id("06708900123X").is_err());
        assert_eq!(mask_citizen_id("067089001234"), "*********234");
        assert_eq!(mask_citizen_id("12"), "12");
    }

    #[test]
    fn emails_and_years() {
        assert_eq!(
            email("xa@gmail.com").unwrap().as_deref(),
            Some("xa@gmail.com")
        );
        assert_eq!(email("").unwrap(), None);
        for bad in ["xa", "xa@", "@gmail.com", "xa@gmail", "a@b@c.vn", "a@.vn"] {
            assert_eq!(email(bad).unwrap_err().field, Field::Email, "{bad}");
        }
        assert_eq!(birth_year("1978", 2026).unwrap(), Some(1978));
        assert!(birth_year("78", 2026).is_err());
        assert!(birth_year("2020", 2026).is_err());
        assert!(birth_year("1900", 2026).is_err());
    }

    #[test]
    fn names() {
        assert_eq!(full_name(" ksor  H'Thoan ").unwrap(), "ksor H'Thoan");
        assert_eq!(full_name("Lê Văn 3").unwrap_err().field, Field::FullName);
        assert!(full_name(&"A".repeat(81)).is_err());
        assert!(full_name("").is_err());
        assert_eq!(
            required(" ", Field::Signer).unwrap_err().message(Lang::Vi),
            "Người ký: không được để trống"
        );
    }
}
