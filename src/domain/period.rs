//! Reporting periods: a month, a quarter, a half-year or a year, with their first and
//! last days, the way reports name them, and the reporting deadlines.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::{Field, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
}

impl Period {
    /// `2026-10`, `2026-Q3`, `2026-H1`, `2026` (case and spaces ignored).
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let refuse = || {
            FieldError::new(
                Field::Period,
                format!(
                    "“{}” không phải kỳ báo cáo; ghi 2026-10, 2026-Q3, 2026-H1 hoặc 2026",
                    s.trim()
                ),
                format!(
                    "“{}” is not a period; write 2026-10, 2026-Q3, 2026-H1 or 2026",
                    s.trim()
                ),
            )
        };
        let t: String = s.trim().to_uppercase().replace(' ', "");
        let (year, rest) = match t.split_once(['-', '/']) {
            Some((y, r)) => (y, Some(r)),
            None => (t.as_str(), None),
        };
        let year: i32 = year.parse().map_err(|_| refuse())?;
        if !(2000..=2100).contains(&year) {
            return Err(refuse());
        }
        let p = match rest {
            None => Self::Year(year),
            Some(r) if r.starts_with('Q') => {
                Self::Quarter(year, r[1..].parse().map_err(|_| refuse())?)
            }
            Some(r) if r.starts_with('H') => {
                Self::Half(year, r[1..].parse().map_err(|_| refuse())?)
            }
            Some(r) => Self::Month(year, r.parse().map_err(|_| refuse())?),
        };
        let ok = match p {
            Self::Month(_, m) => (1..=12).contains(&m),
            Self::Quarter(_, q) => (1..=4).contains(&q),
            Self::Half(_, h) => (1..=2).contains(&h),
            Self::Year(_) => true,
        };
        if ok { Ok(p) } else { Err(refuse()) }
    }

    pub fn month_of(date: NaiveDate) -> Self {
        Self::Month(date.year(), date.month())
    }

    pub fn year(self) -> i32 {
        match self {
            Self::Month(y, _) | Self::Quarter(y, _) | Self::Half(y, _) | Self::Year(y) => y,
        }
    }

    /// The months covered, first and last (1–12).
    fn months(self) -> (u32, u32) {
        match self {
            Self::Month(_, m) => (m, m),
            Self::Quarter(_, q) => (q * 3 - 2, q * 3),
            Self::Half(_, h) => (h * 6 - 5, h * 6),
            Self::Year(_) => (1, 12),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let (m, _) = self.months();
        NaiveDate::from_ymd_opt(self.year(), m, 1).expect("a valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        let (_, m) = self.months();
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(self.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year(), m + 1, 1)
        };
        next.expect("a valid month")
            .pred_opt()
            .expect("a day before")
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.first_day() <= d && d <= self.last_day()
    }

    /// `YYYY-MM` of every month covered, in order.
    pub fn month_keys(self) -> Vec<String> {
        let (a, b) = self.months();
        (a..=b).map(|m| format!("{}-{m:02}", self.year())).collect()
    }

    /// From 1 January to the period's end: what "cumulative" counts.
    pub fn year_to_date(self) -> (NaiveDate, NaiveDate) {
        (
            NaiveDate::from_ymd_opt(self.year(), 1, 1).expect("1 January"),
            self.last_day(),
        )
    }

    /// `tháng 10 năm 2026`, `quý III năm 2026`, `6 tháng đầu năm 2026`, `năm 2026`.
    pub fn label_vi(self) -> String {
        match self {
            Self::Month(y, m) => format!("tháng {m} năm {y}"),
            Self::Quarter(y, q) => {
                format!("quý {} năm {y}", ["I", "II", "III", "IV"][q as usize - 1])
            }
            Self::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Self::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Self::Year(y) => format!("năm {y}"),
        }
    }

    pub fn label_en(self) -> String {
        match self {
            Self::Month(y, m) => format!("{y}-{m:02}"),
            Self::Quarter(y, q) => format!("Q{q} {y}"),
            Self::Half(y, h) => format!("H{h} {y}"),
            Self::Year(y) => format!("{y}"),
        }
    }

    /// The code `parse` reads back.
    pub fn code(self) -> String {
        match self {
            Self::Month(y, m) => format!("{y}-{m:02}"),
            Self::Quarter(y, q) => format!("{y}-Q{q}"),
            Self::Half(y, h) => format!("{y}-H{h}"),
            Self::Year(y) => format!("{y}"),
        }
    }

    /// The report of this period is due on `day` of the month after it ends (the village
    /// teams' day 18, the commune's day 20: domain.md, reporting cycle).
    pub fn due(self, day: u32) -> NaiveDate {
        let after = self.last_day().succ_opt().expect("a next day");
        let last = Self::month_of(after).last_day().day();
        NaiveDate::from_ymd_opt(after.year(), after.month(), day.clamp(1, last))
            .expect("a day of the month")
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label_vi())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_parse_and_print_back() {
        for code in [
            "2026-10", "2026-01", "2026-Q3", "2026-H1", "2026-H2", "2026",
        ] {
            assert_eq!(Period::parse(code).unwrap().code(), code);
        }
        assert_eq!(
            Period::parse(" 2026-q4 ").unwrap(),
            Period::Quarter(2026, 4)
        );
        assert_eq!(Period::parse("2026/3").unwrap(), Period::Month(2026, 3));
        for bad in [
            "2026-13",
            "2026-Q5",
            "2026-H3",
            "26",
            "2026-Q",
            "tháng 10",
            "",
        ] {
            let e = Period::parse(bad).unwrap_err();
            assert_eq!(e.field, Field::Period, "{bad}");
        }
    }

    #[test]
    fn boundaries_of_each_kind_of_period() {
        let feb = Period::Month(2024, 2);
        assert_eq!(
            (feb.first_day(), feb.last_day()),
            (d(2024, 2, 1), d(2024, 2, 29))
        );
        assert_eq!(Period::Month(2026, 2).last_day(), d(2026, 2, 28));
        assert_eq!(Period::Month(2026, 12).last_day(), d(2026, 12, 31));
        let q3 = Period::Quarter(2026, 3);
        assert_eq!(
            (q3.first_day(), q3.last_day()),
            (d(2026, 7, 1), d(2026, 9, 30))
        );
        assert!(q3.contains(d(2026, 7, 1)) && q3.contains(d(2026, 9, 30)));
        assert!(!q3.contains(d(2026, 6, 30)) && !q3.contains(d(2026, 10, 1)));
        let h2 = Period::Half(2026, 2);
        assert_eq!(
            (h2.first_day(), h2.last_day()),
            (d(2026, 7, 1), d(2026, 12, 31))
        );
        let y = Period::Year(2026);
        assert_eq!(
            (y.first_day(), y.last_day()),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(q3.month_keys(), ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(q3.year_to_date(), (d(2026, 1, 1), d(2026, 9, 30)));
    }

    #[test]
    fn labels_and_deadlines() {
        assert_eq!(Period::Month(2026, 10).label_vi(), "tháng 10 năm 2026");
        assert_eq!(Period::Quarter(2026, 3).label_vi(), "quý III năm 2026");
        assert_eq!(Period::Half(2026, 1).label_vi(), "6 tháng đầu năm 2026");
        assert_eq!(Period::Year(2026).label_vi(), "năm 2026");
        assert_eq!(Period::Month(2026, 10).due(18), d(2026, 11, 18));
        assert_eq!(Period::Month(2026, 12).due(20), d(2027, 1, 20));
        // A day past the month's end falls on its last day.
        assert_eq!(Period::Month(2026, 1).due(31), d(2026, 2, 28));
    }
}
