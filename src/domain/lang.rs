//! Messages in the two interface languages. The core never picks a language on its own:
//! it returns a [`Msg`] holding both, and whoever shows it picks one.

use std::fmt;

/// The interface language. Vietnamese is the default.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Parses `vi` / `en` (any case); anything else is `None`.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vn" | "vie" => Some(Self::Vi),
            "en" | "eng" => Some(Self::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Msg {
    pub vi: String,
    pub en: String,
}

impl Msg {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Msg {
    /// Displays the Vietnamese text; use [`Msg::get`] for the other language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// A form field, named as the clerk sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FullName,
    GivenName,
    Gender,
    BirthYear,
    Position,
    Phone,
    Email,
    CitizenId,
    Notes,
    Team,
    Role,
    Duties,
    JoinedOn,
    LeftOn,
    Reason,
    Decision,
    Province,
    District,
    Commune,
    Village,
    TeamName,
    Date,
    Number,
    Signer,
    Subject,
    DocumentFont,
    Chairman,
    ViceChairmen,
    PlaceName,
    Preset,
    Period,
    ActivityType,
    People,
    Households,
    Indicator,
    Baseline,
    Target,
    Section,
    OutFile,
    VillageDay,
    CommuneDay,
}

impl Field {
    /// Every field, for reading stored codes back.
    pub const ALL: [Self; 41] = [
        Self::FullName,
        Self::GivenName,
        Self::Gender,
        Self::BirthYear,
        Self::Position,
        Self::Phone,
        Self::Email,
        Self::CitizenId,
        Self::Notes,
        Self::Team,
        Self::Role,
        Self::Duties,
        Self::JoinedOn,
        Self::LeftOn,
        Self::Reason,
        Self::Decision,
        Self::Province,
        Self::District,
        Self::Commune,
        Self::Village,
        Self::TeamName,
        Self::Date,
        Self::Number,
        Self::Signer,
        Self::Subject,
        Self::DocumentFont,
        Self::Chairman,
        Self::ViceChairmen,
        Self::PlaceName,
        Self::Preset,
        Self::Period,
        Self::ActivityType,
        Self::People,
        Self::Households,
        Self::Indicator,
        Self::Baseline,
        Self::Target,
        Self::Section,
        Self::OutFile,
        Self::VillageDay,
        Self::CommuneDay,
    ];

    /// A stable name for storing (the audit trail): never translated, never renamed.
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn name(self) -> Msg {
        let (vi, en) = match self {
            Self::FullName => ("Họ và tên", "Full name"),
            Self::GivenName => ("Tên gọi", "Given name"),
            Self::Gender => ("Giới tính", "Gender"),
            Self::BirthYear => ("Năm sinh", "Birth year"),
            Self::Position => ("Chức vụ, đơn vị", "Position, organisation"),
            Self::Phone => ("Số điện thoại", "Phone number"),
            Self::Email => ("Thư điện tử", "Email"),
            Self::CitizenId => ("Số CCCD", "Citizen ID"),
            Self::Notes => ("Ghi chú", "Notes"),
            Self::Team => ("Tổ", "Team"),
            Self::Role => ("Nhiệm vụ trong Tổ", "Role in the team"),
            Self::Duties => ("Nhiệm vụ được phân công", "Duties"),
            Self::JoinedOn => ("Ngày tham gia", "Joined on"),
            Self::LeftOn => ("Ngày rời Tổ", "Left on"),
            Self::Reason => ("Lý do", "Reason"),
            Self::Decision => ("Quyết định", "Decision"),
            Self::Province => ("Tỉnh, thành phố", "Province"),
            Self::District => ("Huyện", "District"),
            Self::Commune => ("Xã, phường", "Commune"),
            Self::Village => ("Thôn, ấp, khu phố", "Village"),
            Self::TeamName => ("Tên Tổ", "Team name"),
            Self::Date => ("Ngày", "Date"),
            Self::Number => ("Số văn bản", "Document number"),
            Self::Signer => ("Người ký", "Signer"),
            Self::Subject => ("Trích yếu", "Subject"),
            Self::DocumentFont => ("Phông chữ văn bản", "Document font"),
            Self::Chairman => ("Chủ tịch UBND", "Chairman"),
            Self::ViceChairmen => ("Phó Chủ tịch UBND", "Vice-chairmen"),
            Self::PlaceName => (
                "Địa danh ghi ở dòng ngày tháng",
                "Place name for the date line",
            ),
            Self::Preset => ("Bộ quy tắc", "Rule preset"),
            Self::Period => ("Kỳ báo cáo", "Period"),
            Self::ActivityType => ("Loại hoạt động", "Kind of activity"),
            Self::People => ("Số người được tiếp cận", "People reached"),
            Self::Households => ("Số hộ được tiếp cận", "Households reached"),
            Self::Indicator => ("Kết quả theo chỉ tiêu", "Result for an indicator"),
            Self::Baseline => ("Số liệu gốc", "Baseline"),
            Self::Target => ("Chỉ tiêu năm", "Target for the year"),
            Self::Section => ("Nội dung báo cáo", "Report section"),
            Self::OutFile => ("Lưu vào", "Save to"),
            Self::VillageDay => ("Hạn Tổ thôn gửi xã", "Village teams' deadline"),
            Self::CommuneDay => ("Hạn xã gửi tỉnh", "The commune's deadline"),
        };
        Msg::new(vi, en)
    }
}

/// A refusal of one field's value: names the field and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    /// The rule, without the field name (`"phải có 10 chữ số"`).
    pub rule: Msg,
}

impl FieldError {
    pub fn new(field: Field, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field,
            rule: Msg::new(vi, en),
        }
    }

    /// `Số điện thoại: phải có 10 chữ số` — the field, then the rule.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.field.name().get(lang), self.rule.get(lang))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_names_field_in_both_languages() {
        let e = FieldError::new(Field::Phone, "phải có 10 chữ số", "must have 10 digits");
        assert_eq!(e.message(Lang::Vi), "Số điện thoại: phải có 10 chữ số");
        assert_eq!(e.message(Lang::En), "Phone number: must have 10 digits");
    }

    #[test]
    fn lang_codes_round_trip() {
        for l in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::parse(l.code()), Some(l));
        }
        assert_eq!(Lang::parse("fr"), None);
    }
}
