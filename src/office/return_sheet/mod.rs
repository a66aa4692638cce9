//! The village teams' monthly return sheets (phiếu báo cáo tháng của Tổ thôn): an
//! `.xlsx` a team fills for one month and sends back by Zalo, and taking it in — every
//! line read as a clerk would read it or named as a problem by row and column, then
//! all in one transaction: the lines become the team's activities of the month, the
//! month's texts go to the team's report draft, and the team is marked as having
//! reported. A sheet is known by a hidden, protected identity part a person cannot
//! break by typing in the visible cells; the same month's sheet sent again is refused,
//! or replaces exactly the lines of the first. The layout: `docs/return-sheet.md`.

mod read;
mod take_in;
mod write;

pub use read::{Identity, Parsed, RawLine, parse};
pub use take_in::{Done, LinePreview, Problem, SheetPreview, TakeInRequest, preview, take_in};
pub use write::{ExportRequest, Exported, Teams, export, sheet_for};

use sha2::{Digest, Sha256};

use super::Result;
use crate::store::Store;

/// What the identity part's first cell says.
pub const FORMAT: &str = "cnscd-return-sheet";
/// The layout's version; a sheet of a larger one is refused (made by a newer program).
pub const VERSION: u32 = 1;
/// The empty lines the table offers (a team writes more below them if it needs).
pub const LINES: usize = 40;
/// The identity part's sheet, very hidden and protected.
pub const IDENTITY_SHEET: &str = "cnscd";
/// The sheet of the team's members, for reference.
pub const MEMBERS_SHEET: &str = "Thành viên";
/// The hidden sheet the kind drop-down reads its list from.
pub const LISTS_SHEET: &str = "Danh mục";

/// The setting that keeps this commune's key: the sheets it writes are sealed with it,
/// and a sheet sealed with another key is another commune's (or was altered).
const KEY_SETTING: &str = "return_sheet_key";

/// The commune's key, made once (in the settings, so a backup or a bundle keeps it).
fn commune_key(store: &mut Store) -> Result<String> {
    if let Some(k) = store.setting(KEY_SETTING)?.filter(|k| k.len() == 64) {
        return Ok(k);
    }
    let key = hex(&super::issue_notes::fresh_key());
    store.set_setting(KEY_SETTING, &key)?;
    Ok(key)
}

/// The key when one was made (reading a sheet never makes one).
fn existing_key(store: &Store) -> Result<Option<String>> {
    Ok(store.setting(KEY_SETTING)?.filter(|k| k.len() == 64))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a sheet says of its commune: a digest of the key, not the key.
fn fingerprint(key: &str) -> String {
    hex(&Sha256::digest(format!("commune\n{key}").as_bytes()))[..16].to_string()
}

/// The seal over the identity's values: only who holds the key can make it.
fn seal(key: &str, values: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(b"seal\n");
    h.update(key.as_bytes());
    for v in values {
        h.update(b"\n");
        h.update(v.as_bytes());
    }
    hex(&h.finalize())[..32].to_string()
}

/// A sheet's own identity: unique per sheet written.
fn sheet_id() -> String {
    hex(&super::issue_notes::fresh_key())[..16].to_string()
}

/// The columns of the table a sheet writes, by the code its identity keeps for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Date,
    Kind,
    People,
    Households,
    /// An indicator by its id.
    Indicator(i64),
    Participants,
    Note,
}

impl Column {
    pub fn code(&self) -> String {
        match self {
            Self::Date => "date".into(),
            Self::Kind => "kind".into(),
            Self::People => "people".into(),
            Self::Households => "households".into(),
            Self::Indicator(id) => format!("indicator:{id}"),
            Self::Participants => "participants".into(),
            Self::Note => "note".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "date" => Self::Date,
            "kind" => Self::Kind,
            "people" => Self::People,
            "households" => Self::Households,
            "participants" => Self::Participants,
            "note" => Self::Note,
            _ => Self::Indicator(code.strip_prefix("indicator:")?.parse().ok()?),
        })
    }
}

/// The labels of the three texts under the table, in the report's order.
pub const TEXT_LABELS: [&str; 3] = [
    "Khó khăn, vướng mắc",
    "Đề xuất, kiến nghị",
    "Cách làm hay, mô hình hiệu quả",
];
