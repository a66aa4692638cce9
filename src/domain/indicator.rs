//! Indicators and the progress arithmetic: counted results against a baseline (the
//! households, the population, …) and the year's target. A figure nobody recorded is
//! missing — printed `—`, never 0.

use serde::{Deserialize, Serialize};

use super::number;

/// What an indicator's share is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Base {
    Households,
    Population,
    /// People aged 15 and over.
    Population15,
    /// People of working age.
    WorkingAge,
    /// OCOP products of the commune.
    OcopProducts,
    /// A plain count with no baseline (its target is a number, not a share).
    None,
}

impl Base {
    pub const MEASURED: [Self; 5] = [
        Self::Households,
        Self::Population,
        Self::Population15,
        Self::WorkingAge,
        Self::OcopProducts,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Households => "households",
            Self::Population => "population",
            Self::Population15 => "population15",
            Self::WorkingAge => "working_age",
            Self::OcopProducts => "ocop_products",
            Self::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::MEASURED
            .into_iter()
            .chain([Self::None])
            .find(|b| b.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Households => "Số hộ gia đình",
            Self::Population => "Dân số",
            Self::Population15 => "Dân số từ 15 tuổi trở lên",
            Self::WorkingAge => "Dân số trong độ tuổi lao động",
            Self::OcopProducts => "Số sản phẩm OCOP",
            Self::None => "Không có mẫu số",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Households => "Households",
            Self::Population => "Population",
            Self::Population15 => "Population aged 15+",
            Self::WorkingAge => "Working-age population",
            Self::OcopProducts => "OCOP products",
            Self::None => "No baseline",
        }
    }
}

/// An indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub base: Base,
    /// The usual target: a share in percent of the base, or a number when there is no base.
    pub default_target: Option<f64>,
    /// Where the indicator and its usual target come from.
    pub source: String,
}

/// The catalogue as the seeds give it (domain.md, "Indicators and targets").
pub fn catalogue() -> Vec<Indicator> {
    let i =
        |code: &str, name: &str, unit: &str, base, target: Option<f64>, source: &str| Indicator {
            id: 0,
            code: code.into(),
            name: name.into(),
            unit: unit.into(),
            base,
            default_target: target,
            source: source.into(),
        };
    vec![
        i(
            "epay_households",
            "Hộ gia đình có tài khoản thanh toán điện tử hoặc ví điện tử",
            "hộ",
            Base::Households,
            Some(30.0),
            "Kế hoạch 000 (≥ 30 % số hộ)",
        ),
        i(
            "ocop_ecommerce",
            "Sản phẩm OCOP được đưa lên sàn thương mại điện tử",
            "sản phẩm",
            Base::OcopProducts,
            Some(100.0),
            "Kế hoạch 000 (100 % sản phẩm OCOP)",
        ),
        i(
            "eid_working_age",
            "Người trong độ tuổi lao động có định danh điện tử dùng trong thủ tục",
            "người",
            Base::WorkingAge,
            Some(60.0),
            "Kế hoạch 003 (60 %)",
        ),
        i(
            "smartphone_apps",
            "Người từ 15 tuổi có điện thoại thông minh và ứng dụng thiết yếu (VNeID, sổ sức khỏe điện tử, VssID)",
            "người",
            Base::Population15,
            Some(50.0),
            "Kế hoạch 003 (50 %)",
        ),
        i(
            "online_services",
            "Người được hướng dẫn sử dụng dịch vụ công trực tuyến",
            "lượt người",
            Base::None,
            None,
            "Kế hoạch 000, 003",
        ),
    ]
}

/// One indicator's figures for a place and a period.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// The year's target: percent of the base, or a number when there is no base.
    pub target: Option<f64>,
    /// Counted in the period; `None` when nothing was recorded.
    pub period: Option<i64>,
    /// Counted from 1 January to the period's end; `None` when nothing was recorded.
    pub cumulative: Option<i64>,
    /// The baseline (households, population, …); `None` when not entered or no base.
    pub base: Option<i64>,
    pub has_base: bool,
}

impl Progress {
    /// Cumulative as a share of the base, in percent; missing without both figures.
    pub fn share(&self) -> Option<f64> {
        match (self.cumulative, self.base) {
            (Some(c), Some(b)) if self.has_base && b > 0 => Some(c as f64 * 100.0 / b as f64),
            _ => None,
        }
    }

    /// Reached the target? Missing when the target or the figure is.
    pub fn reached(&self) -> Option<bool> {
        let target = self.target?;
        if self.has_base {
            Some(self.share()? + 1e-9 >= target)
        } else {
            Some(self.cumulative? as f64 + 1e-9 >= target)
        }
    }

    /// The figures as a report prints them: target, period, cumulative, share, reached.
    pub fn cells(&self) -> [String; 5] {
        let target = match self.target {
            Some(t) if self.has_base => number::percent(t, 2),
            Some(t) => number::decimal(t, 0),
            None => number::MISSING.into(),
        };
        [
            target,
            number::or_dash(self.period.map(number::int)),
            number::or_dash(self.cumulative.map(number::int)),
            number::or_dash(self.share().map(|s| number::percent(s, 2))),
            match self.reached() {
                Some(true) => "Đạt".into(),
                Some(false) => "Chưa đạt".into(),
                None => number::MISSING.into(),
            },
        ]
    }
}

/// Adds figures that may be missing: missing only when every one is.
pub fn sum_present(values: impl IntoIterator<Item = Option<i64>>) -> Option<i64> {
    values
        .into_iter()
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0) + v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(target: Option<f64>, cum: Option<i64>, base: Option<i64>) -> Progress {
        Progress {
            target,
            period: cum,
            cumulative: cum,
            base,
            has_base: true,
        }
    }

    #[test]
    fn shares_print_the_vietnamese_way_and_missing_figures_as_dashes() {
        // 299 of 400 households = 74,75 %.
        let x = p(Some(30.0), Some(299), Some(400));
        assert_eq!(x.share(), Some(74.75));
        assert_eq!(
            x.cells(),
            ["30,00 %", "299", "299", "74,75 %", "Đạt"].map(String::from)
        );
        // No baseline entered: the share and the verdict are missing, not 0.
        let y = p(Some(30.0), Some(299), None);
        assert_eq!(y.cells()[3], "—");
        assert_eq!(y.cells()[4], "—");
        // Nothing recorded: every figure is a dash.
        let z = p(None, None, Some(400));
        assert_eq!(z.cells(), ["—", "—", "—", "—", "—"].map(String::from));
        // A recorded zero is a zero.
        let zero = p(Some(30.0), Some(0), Some(400));
        assert_eq!(zero.cells()[1], "0");
        assert_eq!(zero.cells()[3], "0,00 %");
        assert_eq!(zero.cells()[4], "Chưa đạt");
        // Thousands are grouped with dots.
        let big = p(Some(50.0), Some(5233), Some(10466));
        assert_eq!(big.cells()[2], "5.233");
        assert_eq!(big.cells()[3], "50,00 %");
        assert_eq!(big.reached(), Some(true), "exactly on target is reached");
    }

    #[test]
    fn plain_counts_compare_with_a_number() {
        let x = Progress {
            target: Some(1200.0),
            period: Some(80),
            cumulative: Some(1199),
            base: None,
            has_base: false,
        };
        assert_eq!(x.share(), None);
        assert_eq!(x.reached(), Some(false));
        assert_eq!(x.cells()[0], "1.200");
    }

    #[test]
    fn roll_up_keeps_missing_apart_from_zero() {
        assert_eq!(sum_present([Some(3), None, Some(4)]), Some(7));
        assert_eq!(sum_present([None, None]), None);
        assert_eq!(sum_present([None, Some(0)]), Some(0));
    }

    #[test]
    fn bases_round_trip() {
        for b in Base::MEASURED.into_iter().chain([Base::None]) {
            assert_eq!(Base::from_code(b.code()), Some(b));
        }
        assert!(catalogue().iter().all(|i| i.code.is_ascii()));
    }
}
