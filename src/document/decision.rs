//! Decisions (Quyết định) establishing or re-organising a team, in the Decree 30 form.
//! Defaults follow decision 23/QĐ-UBND of Đắk Nia (seed 004); every text is editable.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::*;
use crate::domain::people::{Gender, Role};
use crate::domain::place::Commune;
use crate::domain::{Field, FieldError, number, text, vndate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionKind {
    /// Thành lập.
    Establish,
    /// Kiện toàn: re-organises a team and replaces an earlier decision.
    Change,
}

impl DecisionKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Establish => "establish",
            Self::Change => "change",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "establish" => Some(Self::Establish),
            "change" => Some(Self::Change),
            _ => None,
        }
    }

    /// `thành lập` / `kiện toàn`.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Establish => "thành lập",
            Self::Change => "kiện toàn",
        }
    }
}

/// Who signs, and so how the signing block and authority line read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Signing {
    /// `TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`: the committee decides as a body.
    #[default]
    Committee,
    /// `CHỦ TỊCH`: the chairman decides in person.
    Chairman,
    /// `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`: a vice-chairman signs for the chairman.
    ViceChairman,
}

impl Signing {
    pub fn code(self) -> &'static str {
        match self {
            Self::Committee => "tm",
            Self::Chairman => "ct",
            Self::ViceChairman => "kt",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Committee, Self::Chairman, Self::ViceChairman]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// One member as Article 1 and the annex list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub name: String,
    pub gender: Option<Gender>,
    pub position: String,
    pub role: Role,
    pub duties: String,
    pub phone: String,
}

impl Listed {
    /// `Bà Quản Thị Ngọc, Phó Chủ tịch UBND xã`, or the position alone for a slot.
    fn line(&self) -> String {
        if self.name.is_empty() {
            return self.position.clone();
        }
        let who = match self.gender {
            Some(g) => format!("{} {}", g.honorific(), self.name),
            None => format!("Ông (bà) {}", self.name),
        };
        if self.position.is_empty() {
            who
        } else {
            format!("{who}, {}", text::position_in_sentence(&self.position))
        }
    }
}

/// One team in a decision, with its members as of the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPart {
    pub team_id: i64,
    /// `Tổ công nghệ số cộng đồng xã Đắk Nia`.
    pub name: String,
    /// `xã` for the commune team, `thôn` etc. for a village team.
    pub place_word: String,
    pub members: Vec<Listed>,
    /// Changes since the decision replaced (change decisions only).
    pub joined: Vec<Listed>,
    pub left: Vec<(Listed, String)>,
}

/// Everything the clerk fills in for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionDraft {
    pub kind: DecisionKind,
    /// Number in the year's register; `None` prints `Số:     /QĐ-UBND` for a draft.
    pub number: Option<u32>,
    pub date: NaiveDate,
    pub subject: String,
    pub legal_bases: Vec<String>,
    pub proposal: String,
    pub purpose: String,
    pub working_regime: Vec<String>,
    pub leader_duties: String,
    pub deputy_duties: Vec<String>,
    pub member_duties: Vec<String>,
    pub executors: String,
    /// The decision a change decision replaces (`23/QĐ-UBND ngày 27/7/2022`).
    pub replaces: Option<String>,
    /// How the replaced decision was signed: a decision of the committee (`TM.`) is
    /// "của Ủy ban nhân dân xã …", one the chairman or a vice-chairman signed is "của
    /// Chủ tịch Ủy ban nhân dân xã …".
    #[serde(default)]
    pub replaced_signing: Signing,
    pub signing: Signing,
    pub signer: String,
    pub recipients: Vec<String>,
    /// More members than this go to an attached list.
    pub annex_threshold: usize,
}

/// Where the teams of a decision work, in the words its default texts use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The team(s) as the subject of a sentence: `Tổ công nghệ số cộng đồng xã`,
    /// `Tổ công nghệ số cộng đồng thôn Hạ Thanh`, `Các Tổ công nghệ số cộng đồng thôn, ấp`.
    pub teams: String,
    /// The area after `trên địa bàn`: `xã` (the commune's own team, as seed 004
    /// writes it), `thôn Hạ Thanh`, `các thôn, ấp của xã Tân Phú`.
    pub area: String,
    /// Where the households are: `trong thôn, bon` (the commune's village kinds),
    /// `trong thôn Hạ Thanh`, `trong các thôn, ấp`.
    pub among: String,
    /// `các thôn, bon, cụm dân cư` — the places the propaganda reaches.
    pub places: String,
}

impl Area {
    /// The commune's own team.
    pub fn commune(commune: &Commune) -> Self {
        let w = commune.kind.word();
        let villages = commune.village_words();
        Self {
            teams: format!("Tổ công nghệ số cộng đồng {w}"),
            area: w.to_string(),
            among: format!("trong {villages}"),
            places: format!("các {villages}, cụm dân cư"),
        }
    }

    /// The teams of a decision: the commune's, one village's, or several villages'.
    pub fn of(commune: &Commune, teams: &[TeamPart]) -> Self {
        match teams {
            [one] if one.place_word == commune.kind.word() => Self::commune(commune),
            [one] => {
                let place = one
                    .name
                    .strip_prefix(crate::domain::team::TEAM_WORDS)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| one.place_word.clone());
                Self {
                    teams: one.name.clone(),
                    among: format!("trong {place}"),
                    places: format!("{place}, các cụm dân cư"),
                    area: place,
                }
            }
            many => {
                let words = village_words(many);
                Self {
                    teams: format!("Các Tổ công nghệ số cộng đồng {words}"),
                    area: format!("các {words} của {}", commune.full_name()),
                    among: format!("trong các {words}"),
                    places: format!("các {words}, cụm dân cư"),
                }
            }
        }
    }
}

/// The kinds of the teams' places, each once, in order: `thôn, tổ dân phố`.
fn village_words(teams: &[TeamPart]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for t in teams {
        if !words.contains(&t.place_word.as_str()) {
            words.push(&t.place_word);
        }
    }
    words.join(", ")
}

/// The texts of a draft that depend on where the teams work.
struct AreaTexts {
    purpose: String,
    working_regime: Vec<String>,
    leader_duties: String,
    deputy_duties: Vec<String>,
    member_duties: Vec<String>,
}

fn area_texts(commune: &Commune, a: &Area, date: NaiveDate) -> AreaTexts {
    let Area {
        teams,
        area,
        among,
        places,
    } = a;
    let w = commune.kind.word();
    // PC-COVID was retired at the end of 2022; the app people install since is VNeID.
    let apps = if date < era(Era::VNeID) {
        "ứng dụng PC-COVID"
    } else {
        "ứng dụng định danh điện tử VNeID"
    };
    AreaTexts {
        purpose: format!(
            "để hướng dẫn, hỗ trợ, kiểm tra, theo dõi, đôn đốc, báo cáo tiến độ Chuyển đổi số trên địa bàn {area}"
        ),
        working_regime: vec![
            format!("{teams} làm việc theo chế độ kiêm nhiệm. Nhiệm vụ của các Tổ viên do Tổ trưởng phân công. Tổ công nghệ số cộng đồng được quản lý dựa trên các nền tảng số Việt Nam miễn phí và thông dụng như Facebook, Zalo, Mocha, ..."),
            "Thành viên Tổ công nghệ số cộng đồng được bồi dưỡng, tập huấn trực tiếp hoặc trực tuyến thường xuyên, nhiều lần để thành thạo các bước cài đặt, hướng dẫn sử dụng, hỗ trợ giải đáp thắc mắc về nền tảng số, công nghệ số để lan tỏa, hướng dẫn đến toàn dân.".into(),
        ],
        leader_duties: format!("Điều hành hoạt động của Tổ, xây dựng kế hoạch, phân công nhiệm vụ và thời gian cụ thể cho các Tổ viên triển khai hướng dẫn, hỗ trợ, theo dõi, giám sát quá trình chuyển đổi số trên địa bàn {area}. Chịu trách nhiệm trước UBND {w}, Ban chỉ đạo chuyển đổi số {w} về kết quả thực hiện nhiệm vụ phân công."),
        deputy_duties: vec![
            "- Giúp Tổ trưởng điều hành hoạt động của Tổ.".into(),
            format!("- Trực tiếp theo dõi, đôn đốc các Tổ viên trong việc hướng dẫn, hỗ trợ, theo dõi, giám sát quá trình chuyển đổi số trên địa bàn {area}."),
            format!("- Định kỳ, đột xuất báo cáo kết quả chuyển đổi số trên địa bàn {area} cho Tổ trưởng và các cấp."),
        ],
        member_duties: vec![
            format!("- Trực tiếp triển khai các nền tảng số, trực tiếp làm mẫu, bồi dưỡng, tập huấn, hướng dẫn lại cho cá nhân, hộ gia đình {among} (cài ứng dụng số sức khỏe điện tử, {apps}, dịch vụ công, xem thông tin đất đai,...). Tạo nhóm mạng xã hội (lập nhóm Facebook, Zalo, Mocha, ...) chuyển đổi số gồm tất cả các hộ gia đình/người dân {among} để hỗ trợ, tương tác, thông tin chuyển đổi số và hướng dẫn thường xuyên."),
            "- Tuyên truyền, hướng dẫn người dân:".into(),
            format!("+ Các chủ trương, đường lối của Đảng, chính sách, pháp luật của nhà nước về chuyển đổi số đến các hộ gia đình, người dân trong {places};"),
            "+ Về chính quyền số: Hướng dẫn người dân sử dụng dịch vụ công trực tuyến; sử dụng các dịch vụ số và tương tác với chính quyền qua các nền tảng số được đánh giá và lựa chọn.".into(),
            "+ Về kinh tế số: Hướng dẫn doanh nghiệp, hộ kinh doanh, người dân trên địa bàn đăng ký tham gia các sàn thương mại điện tử như: “voso.vn”, “postmart”,... mở tài khoản thanh toán điện tử; hướng dẫn ứng dụng công nghệ số trong các hoạt động sản xuất, kinh doanh phù hợp điều kiện kinh tế - xã hội của địa phương.".into(),
            "+ Về xã hội số: hướng dẫn người dân tiếp cận, cài đặt, sử dụng các dịch vụ số phục vụ cho các nhu cầu thiết yếu như: Y tế, giáo dục, chính sách xã hội,... thông qua các nền tảng số.".into(),
            "- Định kỳ, thường xuyên tổng hợp báo cáo qua mạng xã hội (nhóm Facebook, Zalo, Mocha,...) kết quả thực hiện các chỉ tiêu, nhiệm vụ triển khai việc sử dụng nền tảng số, công nghệ số để chính quyền nắm bắt, chỉ đạo và xử lý kịp thời các đề xuất, vướng mắc của địa phương.".into(),
        ],
    }
}

/// The times the default texts changed: what the documents of each time said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// Until the end of 2022: seed 004's words (PC-COVID).
    Covid,
    /// From 2023: VNeID where PC-COVID was.
    VNeID,
    /// From 1 July 2025: the commune's offices after the reorganisation (two levels
    /// of local government): no công chức Văn phòng - Thống kê; the Phòng Văn hóa -
    /// Xã hội is the focal office for digital transformation.
    Offices2025,
}

const ERAS: [Era; 3] = [Era::Covid, Era::VNeID, Era::Offices2025];

/// The first day of an era.
fn era(e: Era) -> NaiveDate {
    let (y, m) = match e {
        Era::Covid => (2000, 1),
        Era::VNeID => (2023, 1),
        Era::Offices2025 => (2025, 7),
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
}

/// Who proposes the decision and who carries it out, as the commune's offices of the
/// date were named.
pub fn office_texts(commune: &Commune, date: NaiveDate) -> (String, String) {
    let tail = "các ban ngành đoàn thể, đơn vị có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.";
    if date < era(Era::Offices2025) {
        (
            "Theo đề nghị của công chức Văn phòng - Thống kê.".into(),
            format!("Văn phòng - Thống kê, {tail}"),
        )
    } else {
        let w = commune.kind.word();
        (
            "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.".into(),
            format!(
                "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {w}, Trưởng phòng Văn hóa - Xã hội, {tail}"
            ),
        )
    }
}

/// The commune's default texts (seed 004) for its own team, for a new draft. A draft
/// about village teams whose texts are still these gets the teams' own words when it
/// is built (see [`build`]).
pub fn default_draft(commune: &Commune, kind: DecisionKind, date: NaiveDate) -> DecisionDraft {
    let t = area_texts(commune, &Area::commune(commune), date);
    let (proposal, executors) = office_texts(commune, date);
    DecisionDraft {
        kind,
        number: None,
        date,
        subject: String::new(),
        legal_bases: Vec::new(),
        proposal,
        purpose: t.purpose,
        working_regime: t.working_regime,
        leader_duties: t.leader_duties,
        deputy_duties: t.deputy_duties,
        member_duties: t.member_duties,
        executors,
        replaces: None,
        replaced_signing: Signing::Committee,
        signing: Signing::Committee,
        signer: commune.chairman.clone(),
        recipients: Vec::new(),
        annex_threshold: 10,
    }
}

/// The draft with the texts it kept from the commune's defaults put in the words of
/// the teams it is about and of its date (the offices and apps of that time): a text
/// still as some default wrote it follows the teams and the date; texts the clerk
/// edited stay as they are.
fn in_teams_words(commune: &Commune, teams: &[TeamPart], draft: &DecisionDraft) -> DecisionDraft {
    let area = Area::of(commune, teams);
    let usual = Area::commune(commune);
    let mut d = draft.clone();
    let to = area_texts(commune, &area, draft.date);
    let (proposal, executors) = office_texts(commune, draft.date);
    for e in ERAS {
        for from_area in [&usual, &area] {
            let from = area_texts(commune, from_area, era(e));
            if text::clean(&d.purpose) == from.purpose {
                d.purpose = to.purpose.clone();
            }
            if d.working_regime == from.working_regime {
                d.working_regime = to.working_regime.clone();
            }
            if text::clean(&d.leader_duties) == from.leader_duties {
                d.leader_duties = to.leader_duties.clone();
            }
            if d.deputy_duties == from.deputy_duties {
                d.deputy_duties = to.deputy_duties.clone();
            }
            if d.member_duties == from.member_duties {
                d.member_duties = to.member_duties.clone();
            }
        }
        let (p, x) = office_texts(commune, era(e));
        if text::clean(&d.proposal) == p {
            d.proposal = proposal.clone();
        }
        if text::clean(&d.executors) == x {
            d.executors = executors.clone();
        }
    }
    d
}

/// `Số: 23/QĐ-UBND`, or `Số:      /QĐ-UBND` (room for the number) while it is not given.
pub fn number_line(number: Option<u32>) -> String {
    super::model::number_line(number, "QĐ-UBND")
}

/// The subject the draft gets when the clerk has not typed one.
pub fn default_subject(kind: DecisionKind, teams: &[TeamPart], commune: &Commune) -> String {
    let what = match teams {
        [one] => one.name.clone(),
        many => format!(
            "Tổ công nghệ số cộng đồng các {} trên địa bàn {}",
            village_words(many),
            commune.full_name()
        ),
    };
    format!("Về việc {} {what}", kind.verb())
}

fn p(text: impl Into<String>, face: Face, style: ParaStyle) -> Block {
    Block::Para(Paragraph::plain(text, face, style))
}

fn body(text: impl Into<String>) -> Block {
    p(text, Face::REGULAR, ParaStyle::BODY)
}

fn heading(text: impl Into<String>) -> Block {
    p(
        text,
        Face::BOLD,
        ParaStyle {
            keep_with_next: true,
            ..ParaStyle::BODY
        },
    )
}

fn lead_in(bold: &str, rest: &str) -> Block {
    Block::Para(Paragraph::new(
        vec![Run::new(bold, Face::BOLD), Run::new(rest, Face::REGULAR)],
        ParaStyle::BODY,
    ))
}

/// Items `- a;` … the last ending with `end`.
fn dash_items(items: &[String], end: char) -> Vec<Block> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim_end_matches([';', '.', ',']);
            body(format!("- {s}{}", if i + 1 == n { end } else { ';' }))
        })
        .collect()
}

/// The members of one team as Article 1 lists them.
fn roster_blocks(team: &TeamPart, last: bool) -> Vec<Block> {
    // The leader's line is a sentence of its own; the lists end with `;`, the last `.`.
    let mut out = Vec::new();
    let leaders: Vec<&Listed> = team
        .members
        .iter()
        .filter(|m| m.role == Role::Leader)
        .collect();
    let deputies: Vec<String> = team
        .members
        .iter()
        .filter(|m| m.role == Role::Deputy)
        .map(Listed::line)
        .collect();
    let members: Vec<String> = team
        .members
        .iter()
        .filter(|m| m.role == Role::Member)
        .map(Listed::line)
        .collect();
    let mut n = 0;
    for leader in &leaders {
        n += 1;
        out.push(heading(format!("{n}. Tổ trưởng:")));
        let line = leader.line();
        out.push(body(format!("{line}, Tổ trưởng {}.", team.name)));
    }
    if !deputies.is_empty() {
        n += 1;
        out.push(heading(format!("{n}. Tổ phó:")));
        out.extend(dash_items(
            &deputies,
            if members.is_empty() && last { '.' } else { ';' },
        ));
    }
    if !members.is_empty() {
        n += 1;
        out.push(heading(format!("{n}. Các Tổ viên:")));
        out.extend(dash_items(&members, if last { '.' } else { ';' }));
    }
    out
}

/// The attached list: STT, name, position, role, phone.
pub(crate) fn annex_table(teams: &[TeamPart]) -> Vec<Block> {
    let columns = vec![
        Column {
            title: "STT".into(),
            width: 0.08,
            align: Align::Center,
        },
        Column {
            title: "Họ và tên".into(),
            width: 0.25,
            align: Align::Left,
        },
        Column {
            title: "Chức vụ / đơn vị".into(),
            width: 0.32,
            align: Align::Left,
        },
        Column {
            title: "Nhiệm vụ trong Tổ".into(),
            width: 0.17,
            align: Align::Center,
        },
        Column {
            title: "Số điện thoại".into(),
            width: 0.18,
            align: Align::Center,
        },
    ];
    let mut blocks = Vec::new();
    for team in teams {
        if teams.len() > 1 {
            blocks.push(p(
                text::clean(&team.name),
                Face::BOLD,
                ParaStyle {
                    indent_mm: 0.0,
                    keep_with_next: true,
                    space_before_pt: 6.0,
                    ..ParaStyle::BODY
                },
            ));
        }
        let mut rows = Vec::new();
        let mut ordered: Vec<&Listed> = team.members.iter().collect();
        ordered.sort_by_key(|m| m.role);
        for (i, m) in ordered.iter().enumerate() {
            let (name, position) = if m.name.is_empty() {
                (String::new(), m.position.clone())
            } else {
                (m.name.clone(), m.position.clone())
            };
            rows.push(vec![
                (i + 1).to_string(),
                name,
                position,
                m.role.label_vi().to_string(),
                m.phone.clone(),
            ]);
        }
        blocks.push(Block::Table(Table {
            columns: columns.clone(),
            rows,
            size: 13.0,
        }));
    }
    blocks
}

/// Checks the draft: every refusal names the field.
pub fn check(draft: &DecisionDraft, teams: &[TeamPart]) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if text::clean(&draft.signer).is_empty() {
        errors.push(FieldError::new(
            Field::Signer,
            "không được để trống",
            "must not be empty",
        ));
    }
    if teams.is_empty() {
        errors.push(FieldError::new(
            Field::Team,
            "cần chọn ít nhất một Tổ",
            "choose at least one team",
        ));
    }
    for t in teams {
        if !t.members.iter().any(|m| m.role == Role::Leader) {
            errors.push(FieldError::new(
                Field::Team,
                format!(
                    "{} chưa có Tổ trưởng; cần có Tổ trưởng trước khi ra quyết định",
                    t.name
                ),
                format!("{} has no leader; a decision needs one", t.name),
            ));
        }
    }
    if draft.kind == DecisionKind::Change
        && draft
            .replaces
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
    {
        errors.push(FieldError::new(
            Field::Decision,
            "quyết định kiện toàn cần ghi quyết định được thay thế",
            "a change decision must name the decision it replaces",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Builds the decision's document model.
pub fn build(
    commune: &Commune,
    teams: &[TeamPart],
    draft: &DecisionDraft,
    created: &str,
) -> Result<Document, Vec<FieldError>> {
    check(draft, teams)?;
    let draft = &in_teams_words(commune, teams, draft);
    let body_upper = commune.committee_name_upper();
    let place_word = commune.kind.word();
    let subject = if text::clean(&draft.subject).is_empty() {
        default_subject(draft.kind, teams, commune)
    } else {
        text::clean(&draft.subject)
    };
    let number = number_line(draft.number);
    let mut blocks: Vec<Block> = Vec::new();
    let n_bases = draft.legal_bases.len();
    for (i, base) in draft.legal_bases.iter().enumerate() {
        let b = text::clean(base);
        let b = b.trim_end_matches([';', '.']);
        let b = if text::fold(b).starts_with("can cu") {
            b.to_string()
        } else {
            format!("Căn cứ {b}")
        };
        // Each basis ends with `;`, the last with `.` unless the proposal line follows.
        let last = i + 1 == n_bases && draft.proposal.trim().is_empty();
        blocks.push(p(
            format!("{b}{}", if last { "." } else { ";" }),
            Face::ITALIC,
            ParaStyle::BODY,
        ));
    }
    // With no legal bases, the proposal line follows the authority directly.
    if !draft.proposal.trim().is_empty() {
        let prop = text::clean(&draft.proposal);
        let prop = prop.trim_end_matches([';', '.']);
        blocks.push(p(format!("{prop}."), Face::ITALIC, ParaStyle::BODY));
    }
    blocks.push(p(
        "QUYẾT ĐỊNH:",
        Face::BOLD,
        ParaStyle {
            space_before_pt: 6.0,
            keep_with_next: true,
            ..ParaStyle::centred(14.0)
        },
    ));
    let total: usize = teams.iter().map(|t| t.members.len()).sum();
    let attached = total > draft.annex_threshold;
    let verb = crate::domain::place::capitalise_first(draft.kind.verb());
    let what = match teams {
        [one] => format!("{} (sau đây gọi tắt là Tổ công nghệ số)", one.name),
        many => format!(
            "Tổ công nghệ số cộng đồng tại {} {} trên địa bàn {}",
            many.len(),
            village_words(many),
            commune.full_name()
        ),
    };
    let purpose = text::clean(&draft.purpose);
    let purpose = if purpose.is_empty() {
        String::new()
    } else {
        format!(" {purpose}")
    };
    if attached {
        lead_para(
            &mut blocks,
            "Điều 1.",
            &format!(
                " {verb} {what}{purpose}, gồm các ông (bà) có tên trong danh sách kèm theo Quyết định này."
            ),
        );
    } else {
        lead_para(
            &mut blocks,
            "Điều 1.",
            &format!(" {verb} {what}{purpose}, gồm các ông (bà) có tên sau:"),
        );
        for (i, team) in teams.iter().enumerate() {
            if teams.len() > 1 {
                blocks.push(heading(format!("{}. {}:", roman(i + 1), team.name)));
            }
            blocks.extend(roster_blocks(team, i + 1 == teams.len()));
        }
    }
    if draft.kind == DecisionKind::Change {
        for team in teams {
            if !team.left.is_empty() {
                let names: Vec<String> = team
                    .left
                    .iter()
                    .map(|(m, reason)| {
                        if reason.is_empty() {
                            m.line()
                        } else {
                            format!("{} (lý do: {reason})", m.line())
                        }
                    })
                    .collect();
                blocks.push(body(format!(
                    "Thôi tham gia {}: {}.",
                    team.name,
                    names.join("; ")
                )));
            }
            if !team.joined.is_empty() {
                let names: Vec<String> = team
                    .joined
                    .iter()
                    .map(|m| format!("{} – {}", m.line(), m.role.label_vi()))
                    .collect();
                blocks.push(body(format!(
                    "Bổ sung vào {}: {}.",
                    team.name,
                    names.join("; ")
                )));
            }
        }
    }
    blocks.push(heading(
        "Điều 2. Chế độ làm việc và nhiệm vụ của Tổ công nghệ số:",
    ));
    blocks.push(heading("1. Chế độ làm việc:"));
    for line in &draft.working_regime {
        let l = text::clean(line);
        let l = l.trim_start_matches("- ");
        blocks.push(body(format!("- {l}")));
    }
    blocks.push(heading("2. Nhiệm vụ:"));
    lead_para(
        &mut blocks,
        "a) Tổ trưởng:",
        &format!(" {}", text::clean(&draft.leader_duties)),
    );
    // A decision about teams with no deputy gives no deputies' duties.
    let deputies = teams
        .iter()
        .any(|t| t.members.iter().any(|m| m.role == Role::Deputy));
    if deputies && !draft.deputy_duties.is_empty() {
        blocks.push(heading("b) Tổ phó:"));
        blocks.extend(draft.deputy_duties.iter().map(|d| body(text::clean(d))));
        blocks.push(heading("c) Tổ viên:"));
    } else {
        blocks.push(heading("b) Tổ viên:"));
    }
    blocks.extend(draft.member_duties.iter().map(|d| body(text::clean(d))));
    let effect = match (&draft.kind, &draft.replaces) {
        (DecisionKind::Change, Some(r)) => format!(
            " Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số {} của {}.",
            text::clean(r).trim_end_matches('.'),
            match draft.replaced_signing {
                Signing::Committee => commune.committee_name(),
                Signing::Chairman | Signing::ViceChairman =>
                    format!("Chủ tịch {}", commune.committee_name()),
            }
        ),
        _ => " Quyết định này có hiệu lực thi hành kể từ ngày ký.".to_string(),
    };
    lead_para(&mut blocks, "Điều 3.", &effect);
    blocks.push(body(text::clean(&draft.executors)));

    let (mark, title) = match draft.signing {
        Signing::Committee => (Some("TM. ỦY BAN NHÂN DÂN".to_string()), "CHỦ TỊCH"),
        Signing::Chairman => (None, "CHỦ TỊCH"),
        Signing::ViceChairman => (Some("KT. CHỦ TỊCH".to_string()), "PHÓ CHỦ TỊCH"),
    };
    let authority = match draft.signing {
        Signing::Committee => body_upper.clone(),
        _ => format!("CHỦ TỊCH {body_upper}"),
    };
    let date_long = vndate::long(draft.date);
    let reference = format!(
        "(Kèm theo Quyết định số {}/QĐ-UBND {date_long} của {})",
        draft
            .number
            .map(number::doc_number)
            .unwrap_or_else(|| super::model::NUMBER_ROOM.into()),
        commune.committee_name()
    );
    let annexes = if attached {
        vec![Annex {
            label: None,
            title: vec![
                "DANH SÁCH".into(),
                format!(
                    "THÀNH VIÊN {}",
                    match teams {
                        [one] => one.name.to_uppercase(),
                        many => format!(
                            "TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG CÁC {} {}",
                            village_words(many).to_uppercase(),
                            commune.full_name().to_uppercase()
                        ),
                    }
                ),
            ],
            reference,
            blocks: annex_table(teams),
        }]
    } else {
        Vec::new()
    };
    Ok(Document {
        header: Header {
            parent_body: None,
            body: std::iter::once("ỦY BAN NHÂN DÂN".to_string())
                .chain(body_place_lines(place_word, &commune.name))
                .collect(),
            number_line: number.clone(),
            summary: None,
            place_date: vndate::place_date(&commune.place_name, draft.date),
        },
        title: Some("QUYẾT ĐỊNH".into()),
        subject: vec![subject.clone()],
        addressees: Vec::new(),
        authority: Some(authority),
        body: blocks,
        signature: Some(Signature {
            mark,
            title: title.into(),
            signer: text::clean(&draft.signer),
        }),
        recipients: draft
            .recipients
            .iter()
            .map(|r| text::clean(r))
            .filter(|r| !r.is_empty())
            .collect(),
        annexes,
        meta: Meta {
            layout: super::model::LAYOUT,
            title: format!("{} – {subject}", number),
            author: commune.committee_name(),
            subject,
            created: created.into(),
        },
    })
}

fn lead_para(blocks: &mut Vec<Block>, bold: &str, rest: &str) {
    blocks.push(lead_in(bold, rest));
}

fn roman(n: usize) -> String {
    const R: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}
