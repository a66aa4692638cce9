//! The province's side: the commune's sheet for the province (biểu tổng hợp) — written
//! from a commune's data, or as a blank template a commune without the program fills
//! in Excel — and a database whose home is a province, which takes those sheets in,
//! one, many or a folder at once, and says who has sent the period's sheet. The
//! layout: `docs/province.md`.

pub mod communes;
pub mod home;
mod read;
pub mod report;
mod sheet;
pub mod targets;

pub use home::{
    Status, Submission, SubmissionLine, TakeInDone, preview, set_home, submissions, take_in,
};
pub use read::{ReadSheet, SheetProblem, parse, read, read_hashed};
pub use sheet::{ExportRequest, commune_figures, export, sheet_bytes};

use serde::{Deserialize, Serialize};

/// What the identity part's first cell says.
pub const FORMAT: &str = "cnscd-province-sheet";
/// The layout's version; a sheet of a larger one is refused.
pub const VERSION: u32 = 1;
/// The identity part's sheet (very hidden, protected).
pub const IDENTITY_SHEET: &str = "cnscd";
/// The visible sheet.
pub const SHEET: &str = "Biểu tổng hợp";

/// The labels of column A a reader finds the values by (folded, their start).
pub mod labels {
    pub const CODE: &str = "Mã đơn vị hành chính";
    pub const UNIT: &str = "Đơn vị";
    pub const PROVINCE: &str = "Tỉnh, thành phố";
    pub const PERIOD: &str = "Kỳ báo cáo";
    pub const REPORT_NUMBER: &str = "Báo cáo số";
    pub const REPORT_DATE: &str = "Ngày báo cáo";
    pub const TEAMS: &str = "Số Tổ công nghệ số cộng đồng";
    pub const MEMBERS: &str = "Số thành viên";
    pub const LEADERS: &str = "Trong đó, Tổ trưởng";
    pub const DEPUTIES: &str = "Tổ phó";
    pub const OTHERS: &str = "Tổ viên";
    pub const KINDS: &str = "Loại hoạt động";
    pub const ACTIVITIES: &str = "Tổng số hoạt động";
    pub const PEOPLE: &str = "Số người được hỗ trợ, tiếp cận";
    pub const HOUSEHOLDS: &str = "Số hộ được hỗ trợ, tiếp cận";
    pub const INDICATORS: &str = "Mã chỉ tiêu";
    pub const TEXTS: [&str; 3] = [
        "IV. Khó khăn, vướng mắc",
        "V. Đề xuất, kiến nghị",
        "VI. Cách làm hay, mô hình hiệu quả",
    ];
}

/// One indicator's figures of the period, as the commune's report prints them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFigures {
    /// The catalogue's code (`epay_households`).
    pub code: String,
    pub name: String,
    pub unit: String,
    pub period: Option<i64>,
    pub cumulative: Option<i64>,
    pub base: Option<i64>,
    /// In percent; missing without a base.
    pub share: Option<f64>,
    /// A percent where the indicator has a base, else a number.
    pub target: Option<f64>,
}

/// What a commune's sheet says for a period. A figure the sheet leaves empty (or
/// writes `—`) is `None`: missing, never 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceFigures {
    /// The unit's code in the official list.
    pub code: u32,
    pub unit: String,
    pub province: String,
    /// `2026-11`, `2026-Q3`, `2026`.
    pub period: String,
    pub report_number: String,
    pub report_date: Option<chrono::NaiveDate>,
    pub teams: Option<i64>,
    pub members: Option<i64>,
    pub leaders: Option<i64>,
    pub deputies: Option<i64>,
    pub others: Option<i64>,
    /// (kind of activity, activities of it).
    pub kinds: Vec<(String, Option<i64>)>,
    pub activities: Option<i64>,
    pub people: Option<i64>,
    pub households: Option<i64>,
    pub indicators: Vec<IndicatorFigures>,
    /// Difficulties, proposals, good practices.
    pub texts: [String; 3],
}
