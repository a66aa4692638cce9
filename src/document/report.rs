//! The periodic report (`BÁO CÁO`) of a village team or of the commune: results against
//! the indicators (a table and a chart), the teams' activity, difficulties, proposals and
//! good practices — Decree 30 layout through the same engine as the decisions.

use chrono::NaiveDate;

use super::model::{
    Align, Block, Chart, Column, Document, Face, Header, Meta, ParaStyle, Paragraph, Signature,
    Table, body_place_lines,
};
use crate::domain::indicator::{Indicator, Progress};
use crate::domain::period::Period;
use crate::domain::place::{Commune, VillageKind};
use crate::domain::{Field, FieldError, number, text, vndate};

/// Who issues the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issuer {
    /// The commune's committee (the commune team's results rolled up).
    Commune,
    /// A team, named in full (`Tổ công nghệ số cộng đồng thôn 1`).
    Team(String),
}

/// A village team's line in the commune's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLine {
    pub name: String,
    pub reported: bool,
    pub activities: Option<i64>,
    pub people: Option<i64>,
    pub households: Option<i64>,
}

/// The figures a report is made of.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub lines: Vec<(Indicator, Progress)>,
    pub activities: Option<i64>,
    pub people: Option<i64>,
    pub households: Option<i64>,
    /// The village teams (commune reports only).
    pub teams: Vec<TeamLine>,
    /// The commune's own team, when it has one (commune reports only): the commune's
    /// report speaks of it, or else of the teams on its territory.
    pub commune_team: Option<String>,
    /// Where the year's targets came from, when they were sent down (`Sở Khoa học và
    /// Công nghệ tỉnh … giao ngày …`).
    pub target_source: Option<String>,
}

/// What the clerk edits.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDraft {
    pub period: Period,
    pub number: Option<u32>,
    pub date: NaiveDate,
    pub issuer: Issuer,
    /// `Ủy ban nhân dân xã Đắk Nia` — printed after `Kính gửi:`.
    pub addressees: Vec<String>,
    /// The activities of the period, prefilled from their notes.
    pub activities_text: String,
    pub difficulties: String,
    pub proposals: String,
    pub good_practices: String,
    /// `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH`, or none.
    pub mark: Option<String>,
    /// `CHỦ TỊCH`, `TỔ TRƯỞNG`.
    pub title: String,
    pub signer: String,
    pub recipients: Vec<String>,
}

/// `Số: 05/BC-UBND` (commune) or `Số: 05/BC-TCNSCĐ` (a team).
pub fn number_line(issuer: &Issuer, n: Option<u32>) -> String {
    let code = match issuer {
        Issuer::Commune => "BC-UBND",
        Issuer::Team(_) => "BC-TCNSCĐ",
    };
    super::model::number_line(n, code)
}

/// Whose work the report is about: the team, the commune's team, or (a commune without
/// a team of its own) the teams on its territory.
fn whose(commune: &Commune, issuer: &Issuer, commune_team: Option<&str>) -> String {
    match (issuer, commune_team) {
        (Issuer::Team(name), _) => name.clone(),
        (Issuer::Commune, Some(team)) => team.to_string(),
        (Issuer::Commune, None) => format!(
            "các Tổ công nghệ số cộng đồng trên địa bàn {}",
            commune.full_name()
        ),
    }
}

/// `Kết quả hoạt động của Tổ công nghệ số cộng đồng thôn 1 tháng 10 năm 2026`.
pub fn subject(
    commune: &Commune,
    issuer: &Issuer,
    commune_team: Option<&str>,
    period: Period,
) -> String {
    format!(
        "Kết quả hoạt động của {} {}",
        whose(commune, issuer, commune_team),
        period.label_vi()
    )
}

/// The day the provincial Department of Science and Technology took over the
/// Department of Information and Communications (Sở TT&TT merged into Sở KH&CN).
pub fn departments_merged() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).expect("a valid day")
}

/// The day districts ceased to exist (two-level local government).
pub fn districts_abolished() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a valid day")
}

/// Where a commune's report goes on `date`: the People's Committee of its district
/// while districts existed and the commune has one, else the province's department
/// in charge of digital transformation (Sở Thông tin và Truyền thông before 1 March
/// 2025, Sở Khoa học và Công nghệ from then).
pub fn level_above(commune: &Commune, date: NaiveDate) -> String {
    match &commune.district {
        Some(d) if date < districts_abolished() => {
            format!("Ủy ban nhân dân {} {}", d.kind.word(), d.name)
        }
        _ => {
            let department = if date < departments_merged() {
                "Sở Thông tin và Truyền thông"
            } else {
                "Sở Khoa học và Công nghệ"
            };
            format!("{department} {}", commune.province_full_name())
        }
    }
}

/// The `Nơi nhận` of a commune's report.
pub fn commune_recipients(commune: &Commune, has_village_teams: bool) -> Vec<String> {
    let w = commune.kind.word();
    let mut r = vec![
        "Như trên".to_string(),
        format!("TT Đảng ủy, HĐND {w} (b/c)"),
    ];
    if has_village_teams {
        r.push(format!(
            "Các Tổ công nghệ số cộng đồng {}",
            commune.village_words()
        ));
    }
    r.push("Lưu: VT".into());
    r
}

/// The `Nơi nhận` of a team's report: the commune's committee for its information
/// when the report goes to the commune's team.
pub fn team_recipients(commune: &Commune, to_commune_team: bool) -> Vec<String> {
    let mut r = vec!["Như trên".to_string()];
    if to_commune_team {
        r.push(format!("UBND {} (b/c)", commune.full_name()));
    }
    r.push("Lưu: Tổ".into());
    r
}

/// A short label for the chart (its labels take one line).
pub fn short_label(ind: &Indicator) -> String {
    match ind.code.as_str() {
        "epay_households" => "Hộ có tài khoản thanh toán điện tử".into(),
        "ocop_ecommerce" => "Sản phẩm OCOP trên sàn TMĐT".into(),
        "eid_working_age" => "Định danh điện tử (tuổi lao động)".into(),
        "smartphone_apps" => "Điện thoại thông minh, ứng dụng".into(),
        _ => ind
            .name
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

pub(super) fn p(text: impl Into<String>, face: Face, style: ParaStyle) -> Block {
    Block::Para(Paragraph::plain(text, face, style))
}

pub(super) fn heading(t: impl Into<String>) -> Block {
    p(
        t,
        Face::BOLD,
        ParaStyle {
            keep_with_next: true,
            ..ParaStyle::BODY
        },
    )
}

/// The clerk's text: one paragraph per line; an empty section says so.
pub(super) fn paragraphs(typed: &str, empty: &str) -> Vec<Block> {
    let lines: Vec<String> = typed
        .lines()
        .map(text::clean)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return vec![p(empty, Face::ITALIC, ParaStyle::BODY)];
    }
    lines
        .into_iter()
        .map(|l| p(l, Face::REGULAR, ParaStyle::BODY))
        .collect()
}

/// How many of the period's activities the village teams did (commune reports): the
/// rest are the commune team's own.
fn village_activities(f: &Figures) -> i64 {
    f.teams.iter().filter_map(|t| t.activities).sum()
}

/// The period's activity in a sentence; a period with none says so. In the commune's
/// report, a total that holds the village teams' work says so, and how much is whose
/// (the village teams' are detailed in section 3, not counted as the commune team's).
fn activity_sentence(f: &Figures, commune: &Commune, commune_report: bool) -> String {
    let Some(n) = f.activities.filter(|n| *n > 0) else {
        return "Trong kỳ chưa có hoạt động nào được ghi nhận.".into();
    };
    let villages = if commune_report {
        village_activities(f)
    } else {
        0
    };
    let words = commune.village_words();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for (v, what) in [(f.people, "lượt người"), (f.households, "lượt hộ gia đình")] {
        match v {
            Some(v) => known.push(format!("{} {what}", number::int(v))),
            None => unknown.push(format!("số {what}")),
        }
    }
    let mut s = if villages > 0 {
        let mut parts = Vec::new();
        if n > villages {
            let own = f
                .commune_team
                .clone()
                .unwrap_or_else(|| format!("Ủy ban nhân dân {}", commune.kind.word()));
            parts.push(format!("{own}: {}", number::int(n - villages)));
        }
        parts.push(format!(
            "các Tổ công nghệ số cộng đồng {words}: {}, chi tiết tại mục 3",
            number::int(villages)
        ));
        format!(
            "Trong kỳ, các Tổ công nghệ số cộng đồng trên địa bàn đã tổ chức {} hoạt động ({})",
            number::int(n),
            parts.join("; ")
        )
    } else {
        format!("Trong kỳ đã tổ chức {} hoạt động", number::int(n))
    };
    if !known.is_empty() {
        s.push_str(&format!(", tiếp cận {}", known.join(" và ")));
    }
    if !unknown.is_empty() {
        s.push_str(&format!("; {} chưa được ghi nhận", unknown.join(" và ")));
    }
    s.push('.');
    s
}

fn check(draft: &ReportDraft) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if text::clean(&draft.signer).is_empty() {
        errors.push(FieldError::new(
            Field::Signer,
            "cần ghi họ tên người ký báo cáo",
            "the name of who signs the report is needed",
        ));
    }
    if draft.number == Some(0) {
        errors.push(FieldError::new(
            Field::Number,
            "phải lớn hơn 0",
            "must be greater than 0",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Builds the report.
pub fn build(
    commune: &Commune,
    figures: &Figures,
    draft: &ReportDraft,
    created: &str,
) -> Result<Document, Vec<FieldError>> {
    check(draft)?;
    let team = figures.commune_team.as_deref();
    let subject = subject(commune, &draft.issuer, team, draft.period);
    let mut blocks = Vec::new();
    let who = whose(commune, &draft.issuer, team);
    let reporter = match &draft.issuer {
        Issuer::Commune => commune.committee_name(),
        Issuer::Team(n) => n.clone(),
    };
    blocks.push(p(
        format!(
            "Thực hiện nhiệm vụ được giao, {reporter} báo cáo kết quả hoạt động {} của {} như sau:",
            draft.period.label_vi(),
            match &draft.issuer {
                Issuer::Commune => who.clone(),
                Issuer::Team(_) => "Tổ".to_string(),
            }
        ),
        Face::REGULAR,
        ParaStyle::BODY,
    ));
    blocks.push(heading("I. KẾT QUẢ THỰC HIỆN"));
    let commune_report = matches!(draft.issuer, Issuer::Commune);
    blocks.push(heading(match (&draft.issuer, team) {
        (Issuer::Commune, None) => "1. Hoạt động của các Tổ",
        (Issuer::Commune, Some(_)) if village_activities(figures) > 0 => "1. Hoạt động của các Tổ",
        _ => "1. Hoạt động của Tổ",
    }));
    blocks.push(p(
        activity_sentence(figures, commune, commune_report),
        Face::REGULAR,
        ParaStyle::BODY,
    ));
    // A period with no activity said so already; notes typed anyway still print.
    if figures.activities.is_some_and(|n| n > 0) || !text::clean(&draft.activities_text).is_empty()
    {
        blocks.extend(paragraphs(
            &draft.activities_text,
            "Không có ghi chép hoạt động trong kỳ.",
        ));
    }
    blocks.push(heading("2. Kết quả thực hiện các chỉ tiêu"));
    let rows: Vec<Vec<String>> = figures
        .lines
        .iter()
        .enumerate()
        .map(|(i, (ind, pr))| {
            let [target, period, cumulative, share, reached] = pr.cells();
            vec![
                (i + 1).to_string(),
                ind.name.clone(),
                ind.unit.clone(),
                target,
                period,
                cumulative,
                share,
                reached,
            ]
        })
        .collect();
    let col = |title: &str, width: f32, align: Align| Column {
        title: title.into(),
        width,
        align,
    };
    blocks.push(Block::Table(Table {
        columns: vec![
            col("STT", 5.0, Align::Center),
            col("Chỉ tiêu", 33.0, Align::Left),
            col("Đơn vị tính", 9.0, Align::Center),
            col("Chỉ tiêu năm", 10.0, Align::Right),
            col("Trong kỳ", 9.0, Align::Right),
            col("Lũy kế từ đầu năm", 10.0, Align::Right),
            col("Tỷ lệ so với mẫu số", 11.0, Align::Right),
            col("Đánh giá", 10.0, Align::Center),
        ],
        rows,
        size: 11.0,
    }));
    if let Some(source) = &figures.target_source {
        blocks.push(p(
            format!("Chỉ tiêu năm {}: {source}.", draft.period.year()),
            Face::ITALIC,
            ParaStyle::BODY,
        ));
    }
    let bars: Vec<(String, Option<f32>, Option<f32>)> = figures
        .lines
        .iter()
        .filter(|(ind, _)| ind.base != crate::domain::indicator::Base::None)
        .map(|(ind, pr)| {
            (
                short_label(ind),
                pr.share().map(|s| s as f32),
                pr.target.map(|t| t as f32),
            )
        })
        .collect();
    if !bars.is_empty() {
        blocks.push(Block::Chart(Chart {
            title: format!(
                "Tỷ lệ đạt được so với mẫu số, lũy kế đến hết {} (vạch đứng: chỉ tiêu năm)",
                draft.period.label_vi()
            ),
            bars,
        }));
    }
    if matches!(draft.issuer, Issuer::Commune) && !figures.teams.is_empty() {
        blocks.push(heading(format!(
            "3. Kết quả của các Tổ công nghệ số cộng đồng {}",
            commune.village_words()
        )));
        let rows = figures
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| {
                vec![
                    (i + 1).to_string(),
                    t.name.clone(),
                    number::or_dash(t.activities.map(number::int)),
                    number::or_dash(t.people.map(number::int)),
                    number::or_dash(t.households.map(number::int)),
                    if t.reported {
                        "Đã báo cáo"
                    } else {
                        "Chưa báo cáo"
                    }
                    .into(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                col("STT", 5.0, Align::Center),
                col("Tổ", 35.0, Align::Left),
                col("Số hoạt động", 12.0, Align::Right),
                col("Lượt người", 12.0, Align::Right),
                col("Lượt hộ", 12.0, Align::Right),
                col("Báo cáo", 14.0, Align::Center),
            ],
            rows,
            size: 11.0,
        }));
        let missing: Vec<&str> = figures
            .teams
            .iter()
            .filter(|t| !t.reported)
            .map(|t| t.name.as_str())
            .collect();
        blocks.push(p(
            if missing.is_empty() {
                "Tất cả các Tổ đã gửi báo cáo đúng kỳ.".to_string()
            } else {
                format!("Các Tổ chưa gửi báo cáo: {}.", missing.join("; "))
            },
            Face::ITALIC,
            ParaStyle::BODY,
        ));
    }
    blocks.push(heading("II. KHÓ KHĂN, VƯỚNG MẮC"));
    blocks.extend(paragraphs(&draft.difficulties, "Không có."));
    blocks.push(heading("III. ĐỀ XUẤT, KIẾN NGHỊ"));
    blocks.extend(paragraphs(&draft.proposals, "Không có."));
    blocks.push(heading("IV. CÁCH LÀM HAY, MÔ HÌNH HIỆU QUẢ"));
    blocks.extend(paragraphs(&draft.good_practices, "Không có."));
    blocks.push(p(
        format!(
            "Trên đây là báo cáo kết quả hoạt động {} của {who}./.",
            draft.period.label_vi()
        ),
        Face::REGULAR,
        ParaStyle::BODY,
    ));

    let upper_commune = format!(
        "{} {}",
        commune.kind.word().to_uppercase(),
        commune.name.to_uppercase()
    );
    let (parent_body, body) = match &draft.issuer {
        Issuer::Commune => (
            None,
            std::iter::once("ỦY BAN NHÂN DÂN".to_string())
                .chain(body_place_lines(commune.kind.word(), &commune.name))
                .collect(),
        ),
        Issuer::Team(name) => {
            // `TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG` on its line, the place (its kind and name,
            // on two lines when long) under it.
            let rest = name
                .strip_prefix(crate::domain::team::TEAM_WORDS)
                .map(str::trim)
                .unwrap_or(name);
            let place = match VillageKind::split_typed(rest) {
                Some((kind, n)) if !n.is_empty() => body_place_lines(kind.word(), &n),
                _ => vec![rest.to_uppercase()],
            };
            let team_words = if rest == name.as_str() {
                Vec::new()
            } else {
                vec![crate::domain::team::TEAM_WORDS.to_uppercase()]
            };
            (
                Some(format!("UBND {upper_commune}")),
                team_words.into_iter().chain(place).collect(),
            )
        }
    };
    let number = number_line(&draft.issuer, draft.number);
    Ok(Document {
        header: Header {
            parent_body,
            body,
            number_line: number.clone(),
            summary: None,
            place_date: vndate::place_date(&commune.place_name, draft.date),
        },
        title: Some("BÁO CÁO".into()),
        subject: vec![subject.clone()],
        addressees: match draft.addressees.as_slice() {
            [] => Vec::new(),
            [one] => vec![format!(
                "Kính gửi: {}.",
                text::clean(one).trim_end_matches('.')
            )],
            many => std::iter::once("Kính gửi:".to_string())
                .chain(
                    many.iter()
                        .map(|a| format!("- {};", text::clean(a).trim_end_matches([';', '.']))),
                )
                .collect(),
        },
        authority: None,
        body: blocks,
        signature: Some(Signature {
            mark: draft.mark.clone(),
            title: draft.title.clone(),
            signer: text::clean(&draft.signer),
        }),
        recipients: draft
            .recipients
            .iter()
            .map(|r| text::clean(r))
            .filter(|r| !r.is_empty())
            .collect(),
        annexes: Vec::new(),
        meta: Meta {
            layout: super::model::LAYOUT,
            title: format!("{number} – {subject}"),
            author: commune.committee_name(),
            subject,
            created: created.into(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::catalogue;

    fn commune() -> Commune {
        crate::domain::place::tests_support::dak_nia()
    }

    fn draft(issuer: Issuer) -> ReportDraft {
        ReportDraft {
            period: Period::Month(2026, 10),
            number: Some(7),
            date: NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
            issuer,
            addressees: vec!["Ủy ban nhân dân xã Đắk Nia".into()],
            activities_text: String::new(),
            difficulties: String::new(),
            proposals: String::new(),
            good_practices: String::new(),
            mark: None,
            title: "TỔ TRƯỞNG".into(),
            signer: "Nguyễn Văn Hùng".into(),
            recipients: vec!["Như trên".into(), "Lưu: Tổ".into()],
        }
    }

    #[test]
    fn a_village_report_names_its_team_and_prints_missing_figures_as_dashes() {
        let figures = Figures {
            lines: catalogue()
                .into_iter()
                .map(|i| (i, Progress::default()))
                .collect(),
            ..Default::default()
        };
        let doc = build(
            &commune(),
            &figures,
            &draft(Issuer::Team("Tổ công nghệ số cộng đồng thôn 1".into())),
            "2026-11-16T08:00:00",
        )
        .unwrap();
        assert_eq!(doc.header.number_line, "Số: 07/BC-TCNSCĐ");
        assert_eq!(doc.header.body, ["TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", "THÔN 1"]);
        assert_eq!(doc.header.parent_body.as_deref(), Some("UBND XÃ ĐẮK NIA"));
        assert_eq!(
            doc.subject,
            ["Kết quả hoạt động của Tổ công nghệ số cộng đồng thôn 1 tháng 10 năm 2026"]
        );
        assert_eq!(doc.addressees, ["Kính gửi: Ủy ban nhân dân xã Đắk Nia."]);
        let text = doc.plain_text();
        assert!(
            text.contains("Trong kỳ chưa có hoạt động nào được ghi nhận."),
            "{text}"
        );
        assert!(!text.contains("— hoạt động"), "{text}");
        assert!(!text.contains(" 0 "), "nothing missing printed as zero");
        assert!(text.contains("II. KHÓ KHĂN, VƯỚNG MẮC"));
    }

    #[test]
    fn the_commune_report_names_the_teams_that_have_not_reported() {
        let figures = Figures {
            teams: vec![
                TeamLine {
                    name: "Tổ công nghệ số cộng đồng thôn 1".into(),
                    reported: true,
                    activities: Some(4),
                    people: Some(120),
                    households: None,
                },
                TeamLine {
                    name: "Tổ công nghệ số cộng đồng bon Bu Prâng".into(),
                    reported: false,
                    activities: None,
                    people: None,
                    households: None,
                },
            ],
            ..Default::default()
        };
        let mut d = draft(Issuer::Commune);
        d.mark = Some("KT. CHỦ TỊCH".into());
        d.title = "PHÓ CHỦ TỊCH".into();
        let doc = build(&commune(), &figures, &d, "2026-11-16T08:00:00").unwrap();
        assert_eq!(doc.header.number_line, "Số: 07/BC-UBND");
        assert_eq!(doc.header.body, ["ỦY BAN NHÂN DÂN", "XÃ ĐẮK NIA"]);
        let text = doc.plain_text();
        assert!(text.contains("Các Tổ chưa gửi báo cáo: Tổ công nghệ số cộng đồng bon Bu Prâng."));
        assert!(text.contains("Chưa báo cáo"));
    }

    #[test]
    fn an_empty_signer_is_refused_naming_the_field() {
        let mut d = draft(Issuer::Commune);
        d.signer = "  ".into();
        let e = build(&commune(), &Figures::default(), &d, "2026-11-16T08:00:00").unwrap_err();
        assert_eq!(e[0].field, Field::Signer);
    }

    #[test]
    fn a_long_place_in_the_header_breaks_after_its_kind() {
        let d = draft(Issuer::Team(
            "Tổ công nghệ số cộng đồng tổ dân phố Nguyễn Thị Minh Khai".into(),
        ));
        let doc = build(&commune(), &Figures::default(), &d, "2026-11-16T08:00:00").unwrap();
        assert_eq!(
            doc.header.body,
            [
                "TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG",
                "TỔ DÂN PHỐ",
                "NGUYỄN THỊ MINH KHAI"
            ]
        );
    }
}
