//! The province's report (BÁO CÁO of the Sở KH&CN or the UBND tỉnh) of a period, in
//! Decree 30's format: who reported and who did not (named), the totals of those that
//! did — each the sum of the rows under it —, one row per commune, each indicator's
//! share and whether it is reached, and what the communes wrote of their difficulties,
//! proposals and good practices. A missing figure is `—`, never 0.

use chrono::NaiveDate;

use super::model::*;
use super::report::{heading, p, paragraphs};
use crate::domain::period::Period;
use crate::domain::{number, text, vndate};

/// Who issues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceIssuer {
    /// Sở Khoa học và Công nghệ.
    So,
    /// Ủy ban nhân dân tỉnh.
    Ubnd,
}

/// A commune's line: its figures as its sheet gave them (`None`: missing).
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneLine {
    pub unit: String,
    pub teams: Option<i64>,
    pub members: Option<i64>,
    pub activities: Option<i64>,
    pub people: Option<i64>,
    pub households: Option<i64>,
    /// Each indicator's share (percent) and target, in the order of `indicators`.
    pub shares: Vec<(Option<f64>, Option<f64>)>,
    /// Difficulties, proposals, good practices.
    pub texts: [String; 3],
}

/// What the report is made of.
#[derive(Debug, Clone)]
pub struct ProvinceReport {
    /// As the list writes it: `Đắk Lắk`, `Thành phố Hồ Chí Minh`.
    pub province: String,
    pub issuer: ProvinceIssuer,
    pub period: Period,
    pub date: NaiveDate,
    pub number: Option<u32>,
    pub signer: String,
    /// The indicators' short names, in the order of each line's `shares`.
    pub indicators: Vec<String>,
    /// The communes that sent their sheet.
    pub lines: Vec<CommuneLine>,
    /// The communes that did not.
    pub missing: Vec<String>,
    /// How many units the province has.
    pub units: usize,
}

/// The province's name as a place in a sentence: `tỉnh Đắk Lắk`, `Thành phố Hồ Chí
/// Minh` stays a city.
fn place(province: &str) -> String {
    if province.starts_with("Thành phố") {
        province.replacen("Thành phố", "thành phố", 1)
    } else {
        format!("tỉnh {province}")
    }
}

/// The sum of the figures present; missing when every one is.
fn total(values: impl Iterator<Item = Option<i64>>) -> Option<i64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0).saturating_add(v)))
}

fn dash(v: Option<i64>) -> String {
    number::or_dash(v.map(number::int))
}

fn share_cell(share: Option<f64>, target: Option<f64>) -> String {
    match share {
        None => number::MISSING.to_string(),
        Some(s) => {
            let verdict = match target {
                Some(t) if s + 1e-9 >= t => " (đạt)",
                Some(_) => " (chưa đạt)",
                None => "",
            };
            format!("{}{verdict}", number::percent(s, 2))
        }
    }
}

pub fn build(r: &ProvinceReport, created: &str) -> Document {
    let where_ = place(&r.province);
    let upper = where_.to_uppercase();
    let (parent_body, body, code, reporter, mark, title) = match r.issuer {
        ProvinceIssuer::So => (
            Some(format!("UBND {upper}")),
            vec!["SỞ KHOA HỌC VÀ CÔNG NGHỆ".to_string()],
            "BC-SKHCN",
            "Sở Khoa học và Công nghệ",
            None,
            "GIÁM ĐỐC",
        ),
        ProvinceIssuer::Ubnd => (
            None,
            vec!["ỦY BAN NHÂN DÂN".to_string(), upper.clone()],
            "BC-UBND",
            "Ủy ban nhân dân",
            Some("TM. ỦY BAN NHÂN DÂN".to_string()),
            "CHỦ TỊCH",
        ),
    };
    let label = r.period.label_vi();
    let subject = format!(
        "Kết quả hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn {where_} {label}"
    );
    let mut blocks = vec![p(
        format!(
            "Thực hiện nhiệm vụ được giao, {reporter} {where_} báo cáo kết quả hoạt động {label} của các Tổ công nghệ số cộng đồng trên địa bàn {where_} như sau:"
        ),
        Face::REGULAR,
        ParaStyle::BODY,
    )];
    blocks.push(heading("I. KẾT QUẢ THỰC HIỆN"));
    blocks.push(heading("1. Tình hình báo cáo của các xã, phường, đặc khu"));
    let sent = r.lines.len();
    blocks.push(p(
        if r.missing.is_empty() {
            format!("Tất cả {} xã, phường, đặc khu đã gửi báo cáo.", r.units)
        } else {
            format!(
                "{sent} trên {} xã, phường, đặc khu đã gửi báo cáo; {} chưa gửi: {}.",
                r.units,
                r.missing.len(),
                r.missing.join("; ")
            )
        },
        Face::REGULAR,
        ParaStyle::BODY,
    ));
    let sum = |f: fn(&CommuneLine) -> Option<i64>| total(r.lines.iter().map(f));
    let (teams, members, activities, people, households) = (
        sum(|l| l.teams),
        sum(|l| l.members),
        sum(|l| l.activities),
        sum(|l| l.people),
        sum(|l| l.households),
    );
    blocks.push(heading("2. Tổng hợp của các xã, phường đã báo cáo"));
    blocks.push(p(
        format!(
            "Các xã, phường đã báo cáo có {} Tổ công nghệ số cộng đồng với {} thành viên; trong kỳ đã tổ chức {} hoạt động, hỗ trợ, tiếp cận {} lượt người và {} lượt hộ (số liệu từng đơn vị tại bảng dưới; “—”: đơn vị không có số liệu).",
            dash(teams),
            dash(members),
            dash(activities),
            dash(people),
            dash(households)
        ),
        Face::REGULAR,
        ParaStyle::BODY,
    ));
    let col = |title: &str, width: f32, align: Align| Column {
        title: title.into(),
        width,
        align,
    };
    let mut rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.unit.clone(),
                dash(l.teams),
                dash(l.members),
                dash(l.activities),
                dash(l.people),
                dash(l.households),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "Tổng cộng".into(),
        dash(teams),
        dash(members),
        dash(activities),
        dash(people),
        dash(households),
    ]);
    blocks.push(Block::Table(Table {
        columns: vec![
            col("STT", 5.0, Align::Center),
            col("Đơn vị", 31.0, Align::Left),
            col("Số Tổ", 8.0, Align::Right),
            col("Thành viên", 11.0, Align::Right),
            col("Hoạt động", 11.0, Align::Right),
            col("Lượt người", 12.0, Align::Right),
            col("Lượt hộ", 11.0, Align::Right),
        ],
        rows,
        size: 11.0,
    }));
    if !r.indicators.is_empty() {
        blocks.push(heading(
            "3. Kết quả thực hiện các chỉ tiêu (tỷ lệ lũy kế so với mẫu số)",
        ));
        let legend: Vec<String> = r
            .indicators
            .iter()
            .enumerate()
            .map(|(i, n)| format!("CT{}: {n}", i + 1))
            .collect();
        blocks.push(p(
            format!("{}.", legend.join("; ")),
            Face::ITALIC,
            ParaStyle::BODY,
        ));
        let mut columns = vec![
            col("STT", 5.0, Align::Center),
            col("Đơn vị", 25.0, Align::Left),
        ];
        let w = 60.0 / r.indicators.len() as f32;
        for i in 0..r.indicators.len() {
            columns.push(col(&format!("CT{}", i + 1), w, Align::Right));
        }
        let rows = r
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut row = vec![(i + 1).to_string(), l.unit.clone()];
                for k in 0..r.indicators.len() {
                    let (s, t) = l.shares.get(k).copied().unwrap_or((None, None));
                    row.push(share_cell(s, t));
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns,
            rows,
            size: 10.0,
        }));
    }
    let heads = [
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "IV. CÁCH LÀM HAY, MÔ HÌNH HIỆU QUẢ",
    ];
    for (i, h) in heads.iter().enumerate() {
        blocks.push(heading(*h));
        let said: Vec<String> = r
            .lines
            .iter()
            .filter(|l| !l.texts[i].trim().is_empty())
            .map(|l| {
                format!(
                    "- {}: {}",
                    l.unit,
                    text::clean(&l.texts[i].replace('\n', "; "))
                )
            })
            .collect();
        blocks.extend(paragraphs(&said.join("\n"), "Không có."));
    }
    blocks.push(p(
        format!(
            "Trên đây là báo cáo kết quả hoạt động của các Tổ công nghệ số cộng đồng trên địa bàn {where_} {label}./."
        ),
        Face::REGULAR,
        ParaStyle::BODY,
    ));
    let addressees: Vec<String> = match r.issuer {
        ProvinceIssuer::So => vec![
            format!("Ủy ban nhân dân {where_}"),
            format!("Ban Chỉ đạo chuyển đổi số {where_}"),
        ],
        ProvinceIssuer::Ubnd => vec!["Bộ Khoa học và Công nghệ".to_string()],
    };
    let number_line = super::model::number_line(r.number, code);
    let bare = r
        .province
        .strip_prefix("Thành phố ")
        .unwrap_or(&r.province)
        .to_string();
    Document {
        header: Header {
            parent_body,
            body,
            number_line: number_line.clone(),
            summary: None,
            place_date: vndate::place_date(&bare, r.date),
        },
        title: Some("BÁO CÁO".into()),
        subject: vec![subject.clone()],
        addressees: match addressees.as_slice() {
            [one] => vec![format!("Kính gửi: {one}.")],
            many => std::iter::once("Kính gửi:".to_string())
                .chain(many.iter().map(|a| format!("- {a};")))
                .collect(),
        },
        authority: None,
        body: blocks,
        signature: Some(Signature {
            mark,
            title: title.into(),
            signer: text::clean(&r.signer),
        }),
        recipients: vec!["Như trên".into(), "Lưu: VT".into()],
        annexes: Vec::new(),
        meta: Meta {
            layout: super::model::LAYOUT,
            title: format!("{number_line} – {subject}"),
            author: format!("{reporter} {where_}"),
            subject,
            created: created.into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(unit: &str, members: Option<i64>) -> CommuneLine {
        CommuneLine {
            unit: unit.into(),
            teams: Some(2),
            members,
            activities: Some(3),
            people: None,
            households: Some(5),
            shares: vec![(Some(74.75), Some(70.0)), (None, Some(50.0))],
            texts: ["Sóng yếu".into(), String::new(), String::new()],
        }
    }

    #[test]
    fn totals_are_the_sums_of_the_rows_and_the_missing_are_named() {
        let r = ProvinceReport {
            province: "Đắk Lắk".into(),
            issuer: ProvinceIssuer::So,
            period: Period::parse("2026-11").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
            number: None,
            signer: "Nguyễn Văn A".into(),
            indicators: vec!["Hộ có thanh toán điện tử".into(), "OCOP lên sàn".into()],
            lines: vec![line("Xã Cư M’gar", Some(20)), line("Xã Ea Kar", None)],
            missing: vec!["Xã Krông Nô".into()],
            units: 3,
        };
        let d = build(&r, "2026-12-22T08:00:00");
        let t = d.plain_text();
        assert!(
            t.contains("2 trên 3 xã, phường, đặc khu đã gửi báo cáo; 1 chưa gửi: Xã Krông Nô."),
            "{t}"
        );
        assert!(
            t.contains("có 4 Tổ công nghệ số cộng đồng với 20 thành viên"),
            "{t}"
        );
        assert!(t.contains("6 hoạt động"), "{t}");
        assert!(
            t.contains("— lượt người"),
            "a missing figure is a dash: {t}"
        );
        assert!(t.contains("74,75 % (đạt)"), "{t}");
        assert!(t.contains("- Xã Cư M’gar: Sóng yếu"), "{t}");
        assert_eq!(d.header.parent_body.as_deref(), Some("UBND TỈNH ĐẮK LẮK"));
        assert!(d.header.number_line.ends_with("/BC-SKHCN"));
        assert!(
            d.addressees
                .iter()
                .any(|a| a.contains("Ban Chỉ đạo chuyển đổi số tỉnh Đắk Lắk"))
        );
    }
}
