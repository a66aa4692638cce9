//! Checks of single fields. Every refusal names the field and the rule it breaks, in
//! both languages; a value that passes comes back cleaned (NFC, single spaces).

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

/// The number in national form: `+84`, `0084` or a bare `84` in front of a 9- or
/// 10-digit number become `0` (also `+84 (0) 912…`, where the zero was kept).
fn national(compact: &str) -> String {
    let rest = compact
        .strip_prefix("+84")
        .or_else(|| compact.strip_prefix("0084"))
        .or_else(|| {
            // A domestic number starts with 0, so a bare 84 of the right length is the
            // country code.
            compact
                .strip_prefix("84")
                .filter(|r| matches!(compact.len(), 11 | 12) && !r.starts_with('0'))
        });
    match rest {
        Some(r) if r.starts_with('0') => r.to_string(),
        Some(r) => format!("0{r}"),
        None => compact.to_string(),
    }
}

/// A phone number: mobile `0` + 9 digits starting 03/05/07/08/09, or a landline
/// `02x` with 11 digits; `+84` / `84` become `0`; spaces, dots, dashes and parentheses
/// are dropped. Empty is allowed.
pub fn phone(s: &str) -> Result<Option<Checked>, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    let compact: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    if compact.chars().any(char::is_alphabetic) {
        return Err(FieldError::new(
            Field::Phone,
            format!("“{t}” có chữ cái; chỉ được gồm chữ số"),
            format!("“{t}” contains letters; digits only"),
        ));
    }
    let national = national(&compact);
    if national.is_empty() || !national.bytes().all(|b| b.is_ascii_digit()) {
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
        // Nine digits that would be a mobile number with a zero in front.
        let (hint_vi, hint_en) = if n == 9 && national.starts_with(['3', '5', '7', '8', '9']) {
            ("; thiếu số 0 ở đầu?", "; is the leading 0 missing?")
        } else {
            ("", "")
        };
        return Err(FieldError::new(
            Field::Phone,
            format!("số di động phải có 10 chữ số (đang có {n}){hint_vi}"),
            format!("a mobile number needs 10 digits ({n} given){hint_en}"),
        ));
    }
    if !MOBILE_PREFIXES.iter().any(|p| national.starts_with(p)) {
        return Err(FieldError::new(
            Field::Phone,
            format!(
                "số di động phải bắt đầu bằng {} (số cố định: 02, 11 chữ số)",
                MOBILE_PREFIXES.join(", ")
            ),
            format!(
                "a mobile number must start with {} (landlines: 02, 11 digits)",
                MOBILE_PREFIXES.join(", ")
            ),
        ));
    }
    Ok(Some(Checked::ok(national)))
}

/// A citizen ID (CCCD): 12 digits; an old 9-digit ID (CMND) passes with a warning.
/// Spaces, dots and dashes are dropped. Empty is allowed.
pub fn citizen_id(s: &str) -> Result<Option<Checked>, FieldError> {
    let t: String = text::clean(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::new(
            Field::CitizenId,
            "chỉ được gồm chữ số (12 chữ số)",
            "may hold only digits (12 of them)",
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

/// Shows only the last three characters: `*********789`. Three characters or fewer are
/// shown as they are; empty stays empty.
pub fn mask_citizen_id(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    let hidden = chars.len().saturating_sub(3);
    "*".repeat(hidden) + &chars[hidden..].iter().collect::<String>()
}

/// An email address: one `@`, a non-empty name before it, a domain with a dot after it
/// (letters, digits, hyphens), no spaces, no accented letters. Empty is allowed.
pub fn email(s: &str) -> Result<Option<String>, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(c) = t.chars().find(|c| !c.is_ascii()) {
        // Usually the Vietnamese keyboard left on: `dd` typed as `đ`.
        return Err(FieldError::new(
            Field::Email,
            format!(
                "“{t}” có chữ “{c}”; địa chỉ thư chỉ dùng chữ không dấu (hãy tắt bộ gõ tiếng Việt)"
            ),
            format!(
                "“{t}” contains “{c}”; an email address has no accented letters (switch the Vietnamese keyboard off)"
            ),
        ));
    }
    let bad = || {
        FieldError::new(
            Field::Email,
            format!("“{t}” không đúng dạng tên@miền, ví dụ xadaknia@gmail.com"),
            format!("“{t}” is not of the form name@domain, e.g. xadaknia@gmail.com"),
        )
    };
    let (local, domain) = t.split_once('@').ok_or_else(bad)?;
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains([' ', ',', ';', '<', '>', '(', ')', '[', ']', '\\', '"']);
    if !local_ok || !domain_ok {
        return Err(bad());
    }
    Ok(Some(t))
}

/// A birth year of a living adult: 4 digits, 10 to 100 years before `this_year`.
/// Empty is allowed.
pub fn birth_year(s: &str, this_year: i32) -> Result<Option<i32>, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    let (lo, hi) = (this_year - 100, this_year - 10);
    let year = (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse::<i32>().ok())
        .flatten();
    match year {
        Some(y) if (lo..=hi).contains(&y) => Ok(Some(y)),
        Some(y) => Err(FieldError::new(
            Field::BirthYear,
            format!("năm {y} không hợp lý; phải từ {lo} đến {hi}"),
            format!("the year {y} is not plausible; it must be from {lo} to {hi}"),
        )),
        None => Err(FieldError::new(
            Field::BirthYear,
            format!("phải là năm có 4 chữ số, từ {lo} đến {hi}"),
            format!("must be a 4-digit year from {lo} to {hi}"),
        )),
    }
}

/// The longest full name accepted, in characters.
const NAME_MAX: usize = 80;

/// A person's full name: letters, spaces, apostrophes, hyphens and dots, at least one
/// letter, at most 80 characters. Comes back cleaned (NFC, single spaces).
pub fn full_name(s: &str) -> Result<String, FieldError> {
    let t = text::clean(s);
    if t.is_empty() {
        return Err(FieldError::new(
            Field::FullName,
            "không được để trống",
            "must not be empty",
        ));
    }
    if let Some(c) = t.chars().find(char::is_ascii_digit) {
        return Err(FieldError::new(
            Field::FullName,
            format!("không được có chữ số (“{c}”)"),
            format!("must not contain digits (“{c}”)"),
        ));
    }
    if let Some(c) = t
        .chars()
        .find(|&c| !(c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '-' | '.')))
    {
        return Err(FieldError::new(
            Field::FullName,
            format!(
                "không được có ký tự “{c}”; chỉ gồm chữ cái, dấu cách, dấu nháy, gạch nối và dấu chấm"
            ),
            format!("must not contain “{c}”; letters, spaces, apostrophes, hyphens and dots only"),
        ));
    }
    if !t.chars().any(char::is_alphabetic) {
        return Err(FieldError::new(
            Field::FullName,
            "phải có ít nhất một chữ cái",
            "must contain at least one letter",
        ));
    }
    let n = t.chars().count();
    if n > NAME_MAX {
        return Err(FieldError::new(
            Field::FullName,
            format!("dài tối đa {NAME_MAX} ký tự (đang có {n})"),
            format!("at most {NAME_MAX} characters ({n} given)"),
        ));
    }
    Ok(t)
}

/// A field that must not be empty; comes back cleaned.
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
        for (typed, want) in [
            ("0912345678", "0912345678"),
            ("0912 345 678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("+84912345678", "0912345678"),
            ("84912345678", "0912345678"),
            ("0084 912 345 678", "0912345678"),
            ("+84 (0) 912 345 678", "0912345678"),
            ("(+84) 912-345-678", "0912345678"),
            ("091.234.5678", "0912345678"),
            ("\u{202a}0912\u{a0}345\u{a0}678\u{202c}", "0912345678"),
            ("0312345678", "0312345678"),
            ("0562345678", "0562345678"),
            ("0762345678", "0762345678"),
            ("0862345678", "0862345678"),
            ("(0261) 3 822 345", "02613822345"),
            ("+84 261 3822 345", "02613822345"),
            ("842613822345", "02613822345"),
        ] {
            let c = phone(typed).unwrap().unwrap();
            assert_eq!(c.value, want, "{typed}");
            assert_eq!(c.warning, None);
        }
        assert_eq!(phone("").unwrap(), None);
        assert_eq!(phone("  \t").unwrap(), None);
    }

    #[test]
    fn phone_length_refusals_say_how_many_digits() {
        let e = phone("091234567").unwrap_err();
        assert_eq!(e.field, Field::Phone);
        assert_eq!(
            e.message(Lang::Vi),
            "Số điện thoại: số di động phải có 10 chữ số (đang có 9)"
        );
        assert_eq!(
            e.message(Lang::En),
            "Phone number: a mobile number needs 10 digits (9 given)"
        );
        // The exact message the window test expects.
        assert_eq!(
            phone("0912345").unwrap_err().message(Lang::Vi),
            "Số điện thoại: số di động phải có 10 chữ số (đang có 7)"
        );
        assert!(
            phone("09123456789")
                .unwrap_err()
                .rule
                .vi
                .contains("(đang có 11)")
        );
        // A dropped leading zero gets a hint.
        let e = phone("912 345 678").unwrap_err();
        assert!(e.rule.vi.contains("thiếu số 0"), "{}", e.rule.vi);
        assert!(e.rule.en.contains("leading 0"));
        let e = phone("0261382234").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "Số điện thoại: số cố định phải có 11 chữ số (đang có 10)"
        );
        assert!(
            phone("+84 91234567")
                .unwrap_err()
                .rule
                .vi
                .contains("đang có 9")
        );
    }

    #[test]
    fn phone_prefix_and_character_refusals() {
        for bad in [
            "0123456789",
            "0412345678",
            "0612345678",
            "0012345678",
            "1912345678",
        ] {
            let e = phone(bad).unwrap_err();
            assert!(e.rule.vi.contains("03, 05, 07, 08, 09"), "{bad}");
            assert!(e.rule.en.contains("03, 05, 07, 08, 09"), "{bad}");
        }
        let e = phone("09l2345678").unwrap_err();
        assert!(e.rule.vi.contains("chữ cái"));
        assert!(phone("không có").unwrap_err().rule.en.contains("letters"));
        for bad in [
            "+1 555 1234",
            "0912#345678",
            "0912/345/678",
            "+",
            "--",
            "０９１２３４５６７８",
        ] {
            let e = phone(bad).unwrap_err();
            assert_eq!(e.field, Field::Phone, "{bad}");
            assert!(
                e.rule.vi.contains("chỉ được gồm chữ số"),
                "{bad}: {}",
                e.rule.vi
            );
        }
    }

    #[test]
    fn citizen_ids() {
        assert_eq!(value(citizen_id("067 089 001 234")), "067089001234");
        assert_eq!(value(citizen_id("067.089.001.234")), "067089001234");
        assert_eq!(value(citizen_id(" 001099012345 ")), "001099012345");
        assert_eq!(citizen_id("").unwrap(), None);
        assert_eq!(citizen_id(" ").unwrap(), None);
        let old = citizen_id("245 123 456").unwrap().unwrap();
        assert_eq!(old.value, "245123456");
        let w = old.warning.unwrap();
        assert!(w.vi.contains("số CMND cũ 9 chữ số; nên cập nhật số CCCD 12 chữ số"));
        assert!(w.en.contains("12-digit"));
        for (bad, n) in [("12345", 5), ("0670890012345", 13), ("0670890012", 10)] {
            let e = citizen_id(bad).unwrap_err();
            assert_eq!(
                e.message(Lang::Vi),
                format!("Số CCCD: phải có 12 chữ số (đang có {n})")
            );
        }
        for bad in ["06708900123X", "O67089001234", "０６７０８９００１２３４"] {
            let e = citizen_id(bad).unwrap_err();
            assert_eq!(e.field, Field::CitizenId);
            assert!(e.rule.vi.contains("chỉ được gồm chữ số"), "{bad}");
        }
    }

    #[test]
    fn masking() {
        assert_eq!(mask_citizen_id("067089001789"), "*********789");
        assert_eq!(mask_citizen_id("245123456"), "******456");
        assert_eq!(mask_citizen_id("1234"), "*234");
        assert_eq!(mask_citizen_id("123"), "123");
        assert_eq!(mask_citizen_id("12"), "12");
        assert_eq!(mask_citizen_id(""), "");
        assert_eq!(mask_citizen_id(" 067089001789 "), "*********789");
    }

    #[test]
    fn emails() {
        for ok in [
            "xa@gmail.com",
            " ubnd.daknia@dakglong.daknong.gov.vn ",
            "a+b_c-d@mail-server.vn",
            "A.B@Yahoo.COM.VN",
        ] {
            assert_eq!(email(ok).unwrap().as_deref(), Some(ok.trim()), "{ok}");
        }
        assert_eq!(email("").unwrap(), None);
        assert_eq!(email("\u{a0}").unwrap(), None);
        for bad in [
            "xa",
            "xa@",
            "@gmail.com",
            "xa@gmail",
            "a@b@c.vn",
            "a@.vn",
            "a@vn.",
            "a@gmail..com",
            "a b@gmail.com",
            "ab@gmail com",
            "a@-gmail.com",
            ".a@gmail.com",
            "a..b@gmail.com",
            "a@gmail,com",
            "a@gmail_x.com",
        ] {
            let e = email(bad).unwrap_err();
            assert_eq!(e.field, Field::Email, "{bad}");
            assert!(e.rule.vi.contains("tên@miền"), "{bad}: {}", e.rule.vi);
        }
        // Telex left on: `dd` became `đ`.
        let e = email("đaknia@gmail.com").unwrap_err();
        assert!(e.rule.vi.contains("“đ”") && e.rule.vi.contains("không dấu"));
        assert!(e.rule.en.contains("keyboard"));
    }

    #[test]
    fn birth_years() {
        assert_eq!(birth_year("1978", 2026).unwrap(), Some(1978));
        assert_eq!(birth_year(" 1978 ", 2026).unwrap(), Some(1978));
        assert_eq!(birth_year("", 2026).unwrap(), None);
        // The bounds are included.
        assert_eq!(birth_year("1926", 2026).unwrap(), Some(1926));
        assert_eq!(birth_year("2016", 2026).unwrap(), Some(2016));
        for bad in ["1925", "2017", "2026", "3000"] {
            let e = birth_year(bad, 2026).unwrap_err();
            assert_eq!(e.field, Field::BirthYear);
            assert!(e.rule.vi.contains("từ 1926 đến 2016"), "{bad}");
            assert!(e.rule.vi.contains(bad), "{bad}");
        }
        for bad in [
            "78",
            "01978",
            "+978",
            "19 78",
            "năm 1978",
            "1978.0",
            "-1978",
        ] {
            let e = birth_year(bad, 2026).unwrap_err();
            assert!(
                e.rule.en.contains("4-digit year from 1926 to 2016"),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_accepted_and_cleaned() {
        assert_eq!(full_name(" ksor  H'Thoan ").unwrap(), "ksor H'Thoan");
        assert_eq!(
            full_name("Nguye\u{302}\u{303}n\tThi\u{323}\u{a0}Ngo\u{323}c").unwrap(),
            "Nguyễn Thị Ngọc"
        );
        for ok in ["Y-Bhin Niê", "H’Thoan", "Phạm T. Hà", "Đinh Thị Ỷ"] {
            assert_eq!(full_name(ok).unwrap(), ok);
        }
        assert_eq!(full_name(&"Á".repeat(80)).unwrap().chars().count(), 80);
    }

    #[test]
    fn names_refused() {
        let e = full_name("Lê Văn 3").unwrap_err();
        assert_eq!(e.field, Field::FullName);
        assert_eq!(e.message(Lang::Vi), "Họ và tên: không được có chữ số (“3”)");
        for bad in ["Lê_Văn", "Lê, Văn", "Lê (Văn)", "Lê/Văn", "Lê@Văn"] {
            let e = full_name(bad).unwrap_err();
            assert!(e.rule.vi.starts_with("không được có ký tự"), "{bad}");
        }
        for bad in ["'", "- . -"] {
            assert!(
                full_name(bad).unwrap_err().rule.en.contains("one letter"),
                "{bad}"
            );
        }
        let e = full_name(&"Á".repeat(81)).unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "Full name: at most 80 characters (81 given)"
        );
        // Counted in characters after cleaning, not bytes or NFD marks.
        let nfd_80: String = "A\u{301}".repeat(80);
        assert!(full_name(&nfd_80).is_ok());
        assert!(full_name(&format!("  {}  ", "a".repeat(80))).is_ok());
        assert_eq!(full_name("").unwrap_err().rule.en, "must not be empty");
        assert_eq!(
            full_name("\u{200b} ").unwrap_err().rule.en,
            "must not be empty"
        );
    }

    #[test]
    fn required_fields() {
        assert_eq!(
            required(" ", Field::Signer).unwrap_err().message(Lang::Vi),
            "Người ký: không được để trống"
        );
        assert_eq!(
            required("\t\u{a0}\n", Field::Subject)
                .unwrap_err()
                .message(Lang::En),
            "Subject: must not be empty"
        );
        assert_eq!(
            required("  Về việc  thành lập\n", Field::Subject).unwrap(),
            "Về việc thành lập"
        );
    }
}
