//! Checking and rebuilding the data the database keeps beside what it derives from
//! (monthly totals, sort keys, search text, search index). The command line's
//! `check --repair` and the window call these.

use crate::domain::Msg;
use crate::store::{DerivedReport, Store};

use super::Result;

/// What a check found (and, for [`derived`], rebuilt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairReport {
    pub found: DerivedReport,
}

impl RepairReport {
    /// Everything agreed with a recount.
    pub fn is_clean(&self) -> bool {
        self.found.is_clean()
    }

    /// One line per kind of disagreement, in both languages.
    pub fn msg(&self) -> Msg {
        let f = &self.found;
        if f.is_clean() {
            return Msg::new(
                "Số liệu tổng hợp khớp với dữ liệu gốc (tổng theo tháng, khóa sắp xếp, chỉ mục tìm kiếm).",
                "The derived data agrees with its source (monthly totals, sort keys, search index).",
            );
        }
        let mut vi = Vec::new();
        let mut en = Vec::new();
        if f.monthly > 0 {
            vi.push(format!(
                "{} dòng tổng theo tháng không khớp với nhật ký hoạt động",
                f.monthly
            ));
            en.push(format!(
                "{} monthly total rows disagreed with the activity log",
                f.monthly
            ));
        }
        if f.people_keys > 0 {
            vi.push(format!(
                "{} người có khóa sắp xếp hoặc chữ tìm kiếm sai",
                f.people_keys
            ));
            en.push(format!(
                "{} people had a wrong sort key or search text",
                f.people_keys
            ));
        }
        if f.membership_keys > 0 {
            vi.push(format!(
                "{} lượt tham gia Tổ có khóa sắp xếp sai",
                f.membership_keys
            ));
            en.push(format!(
                "{} memberships had a wrong sort key",
                f.membership_keys
            ));
        }
        if f.search_index {
            vi.push("chỉ mục tìm kiếm bị hỏng".to_string());
            en.push("the search index was damaged".to_string());
        }
        let (vi_end, en_end) = if f.repaired {
            ("Đã dựng lại.", "Rebuilt.")
        } else {
            ("Chưa sửa.", "Not repaired.")
        };
        Msg::new(
            format!("{}. {vi_end}", vi.join("; ")),
            format!("{}. {en_end}", en.join("; ")),
        )
    }
}

/// Compares the derived data with a recount; changes nothing.
pub fn check(store: &mut Store) -> Result<RepairReport> {
    Ok(RepairReport {
        found: store.check_derived(false)?,
    })
}

/// Compares the derived data with a recount and rebuilds what disagrees, in one
/// transaction: after it returns, the reports count what the log holds.
pub fn derived(store: &mut Store) -> Result<RepairReport> {
    Ok(RepairReport {
        found: store.check_derived(true)?,
    })
}
