//! Reading a member list typed in a spreadsheet: which row is the header, which column
//! holds which field (from the Vietnamese headers, with or without accents), and the
//! cell values the way clerks type them (roles written many ways, phones with spaces,
//! dots or a lost leading zero, birth years or whole dates). Pure: the cells come in as
//! text.

use std::collections::{HashMap, HashSet};

use super::lang::{Lang, Msg};
use super::people::{Person, Role};
use super::text;

/// A field a column of the sheet can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// `STT`: the line number, read only to tell member lines from others.
    Number,
    FullName,
    /// `Họ và tên đệm` when the given name has its own column.
    FamilyMiddle,
    /// `Tên` beside `Họ và tên đệm`.
    GivenName,
    Position,
    /// `Đơn vị`: joined to the position (`Phó Chủ tịch` + `UBND xã`).
    Unit,
    Role,
    Duties,
    Phone,
    /// `Năm sinh` or `Ngày sinh`: the year is kept.
    Birth,
    Gender,
    CitizenId,
    /// `Thôn/Tổ`: kept in the notes.
    Village,
    Email,
    Notes,
    JoinedOn,
}

impl Column {
    pub const ALL: [Self; 16] = [
        Self::Number,
        Self::FullName,
        Self::FamilyMiddle,
        Self::GivenName,
        Self::Position,
        Self::Unit,
        Self::Role,
        Self::Duties,
        Self::Phone,
        Self::Birth,
        Self::Gender,
        Self::CitizenId,
        Self::Village,
        Self::Email,
        Self::Notes,
        Self::JoinedOn,
    ];

    /// The word `--map` takes (`phone=E`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Number => "stt",
            Self::FullName => "name",
            Self::FamilyMiddle => "family",
            Self::GivenName => "given",
            Self::Position => "position",
            Self::Unit => "unit",
            Self::Role => "role",
            Self::Duties => "duties",
            Self::Phone => "phone",
            Self::Birth => "birth",
            Self::Gender => "gender",
            Self::CitizenId => "cccd",
            Self::Village => "village",
            Self::Email => "email",
            Self::Notes => "notes",
            Self::JoinedOn => "joined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let f = text::fold(code);
        let f = match f.as_str() {
            "citizen-id" | "citizen_id" | "cmnd" => "cccd",
            "full-name" | "ho-ten" => "name",
            other => other,
        };
        Self::ALL.into_iter().find(|c| c.code() == f)
    }

    pub fn label(self) -> Msg {
        let (vi, en) = match self {
            Self::Number => ("STT", "No."),
            Self::FullName => ("Họ và tên", "Full name"),
            Self::FamilyMiddle => ("Họ và tên đệm", "Family and middle names"),
            Self::GivenName => ("Tên", "Given name"),
            Self::Position => ("Chức vụ", "Position"),
            Self::Unit => ("Đơn vị", "Organisation"),
            Self::Role => ("Nhiệm vụ trong Tổ", "Role in the team"),
            Self::Duties => ("Nhiệm vụ được phân công", "Duties"),
            Self::Phone => ("Số điện thoại", "Phone"),
            Self::Birth => ("Năm sinh", "Birth year"),
            Self::Gender => ("Giới tính", "Gender"),
            Self::CitizenId => ("Số CCCD", "Citizen ID"),
            Self::Village => ("Thôn, tổ dân phố", "Village"),
            Self::Email => ("Thư điện tử", "Email"),
            Self::Notes => ("Ghi chú", "Notes"),
            Self::JoinedOn => ("Ngày tham gia", "Joined on"),
        };
        Msg::new(vi, en)
    }

    /// The field a header names, accents, case and punctuation aside.
    pub fn recognise(header: &str) -> Option<Self> {
        let h = words(header);
        if h.is_empty() {
            return None;
        }
        let has = |w: &str| contains_words(&h, w);
        let is = |w: &str| h == w;
        let c = if ["stt", "tt", "so tt", "so thu tu", "thu tu"]
            .iter()
            .any(|w| is(w))
        {
            Self::Number
        } else if has("trong to")
            || is("nhiem vu")
            || is("vai tro")
            || is("chuc danh trong to")
            || is("role")
        {
            Self::Role
        } else if has("phan cong") || is("nhiem vu duoc giao") || is("duties") {
            Self::Duties
        } else if is("ho va ten dem") || is("ho dem") || is("ho va dem") || is("ho") {
            Self::FamilyMiddle
        } else if is("ten") || is("ten goi") {
            Self::GivenName
        } else if has("ho va ten") || has("ho ten") || is("ten thanh vien") || is("full name") {
            Self::FullName
        } else if has("dien thoai") || is("sdt") || is("dt") || has("di dong") || is("phone") {
            Self::Phone
        } else if has("sinh") || is("birth year") || is("date of birth") {
            Self::Birth
        } else if has("gioi tinh") || is("nam nu") || is("gioi") || is("gender") {
            Self::Gender
        } else if has("cccd")
            || has("can cuoc")
            || has("cmnd")
            || has("dinh danh")
            || has("chung minh")
        {
            Self::CitizenId
        } else if has("email") || has("thu dien tu") || is("mail") {
            Self::Email
        } else if has("ghi chu") || is("notes") {
            Self::Notes
        } else if has("ngay tham gia") || has("ngay vao") {
            Self::JoinedOn
        } else if has("chuc vu") || has("chuc danh") || is("position") {
            // `Chức vụ, đơn vị` is the position column of the decision's list.
            Self::Position
        } else if has("don vi") || has("co quan") || has("noi cong tac") {
            Self::Unit
        } else if [
            "thon",
            "ap",
            "ban",
            "buon",
            "bon",
            "khu pho",
            "to dan pho",
            "dia chi",
        ]
        .iter()
        .any(|w| h.starts_with(w))
        {
            Self::Village
        } else {
            return None;
        };
        Some(c)
    }
}

/// Folded words separated by single spaces: `Họ và tên (1)` → `ho va ten 1`.
fn words(s: &str) -> String {
    text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    format!(" {hay} ").contains(&format!(" {needle} "))
}

/// Which column holds which field; columns are counted from 0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Vec<(Column, usize)>,
}

impl Mapping {
    /// The column of a field, if the sheet has one.
    pub fn column(&self, field: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    /// Sets (or, with `None`, drops) the column of a field; a column holds one field.
    pub fn set(&mut self, field: Column, column: Option<usize>) {
        self.columns
            .retain(|(f, c)| *f != field && Some(*c) != column);
        if let Some(c) = column {
            self.columns.push((field, c));
        }
        self.columns.sort_by_key(|(_, c)| *c);
    }

    /// Can members be read with it: a name (whole or in two parts) or a position.
    pub fn usable(&self) -> bool {
        self.column(Column::FullName).is_some()
            || self.column(Column::GivenName).is_some()
            || self.column(Column::Position).is_some()
    }
}

/// The mapping the headers of a row propose (the first column naming a field wins).
pub fn propose(header: &[String]) -> Mapping {
    let mut m = Mapping::default();
    let mut seen = HashSet::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = Column::recognise(h)
            && seen.insert(c)
        {
            m.columns.push((c, i));
        }
    }
    // `Tên` alone, with no `Họ` column, is the whole name.
    if m.column(Column::GivenName).is_some()
        && m.column(Column::FamilyMiddle).is_none()
        && m.column(Column::FullName).is_none()
    {
        for (f, _) in &mut m.columns {
            if *f == Column::GivenName {
                *f = Column::FullName;
            }
        }
    }
    m
}

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 40;

/// The header row under the title block: among the first rows, the one naming the most
/// fields, with a name or a position among them. Returns its index and the mapping.
pub fn find_header(rows: &[Vec<String>]) -> Option<(usize, Mapping)> {
    let mut best: Option<(usize, Mapping)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let m = propose(row);
        if !m.usable() || m.columns.len() < 2 {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|(_, b)| m.columns.len() > b.columns.len())
        {
            best = Some((i, m));
        }
    }
    best
}

/// A column given as a number counted from 1, its header's text (accents and case
/// aside), or a letter (`C`, `AB`).
pub fn parse_column(typed: &str, header: &[String]) -> Option<usize> {
    let t = typed.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<usize>() {
        return n.checked_sub(1);
    }
    let want = words(t);
    if let Some(i) = header.iter().position(|h| words(h) == want) {
        return Some(i);
    }
    if t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        let n = t
            .to_ascii_uppercase()
            .bytes()
            .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
        return Some(n - 1);
    }
    None
}

/// `A`, `B`, …, `Z`, `AA`: the letter of a column counted from 0.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A role as sheets write it: `Tổ trưởng`, `TT`, `tổ trưởng`, `Trưởng`, `Tổ phó`,
/// `TP`, `Phó tổ trưởng`, `Tổ viên`, `TV`, `Thành viên`, `Ủy viên`, `leader`, …; empty
/// is a member. `None` when it is none of these.
pub fn role(typed: &str) -> Option<Role> {
    let w = words(typed);
    if w.is_empty() {
        return Some(Role::Member);
    }
    if let Some(r) = Role::parse(typed) {
        return Some(r);
    }
    let has = |n: &str| contains_words(&w, n);
    if w == "tp" || w == "pho" || has("to pho") || has("pho to") || has("pho to truong") {
        Some(Role::Deputy)
    } else if w == "tt" || w == "truong" || has("to truong") || has("truong to") {
        Some(Role::Leader)
    } else if w == "tv"
        || has("to vien")
        || has("thanh vien")
        || has("uy vien")
        || has("vien")
        || has("member")
    {
        Some(Role::Member)
    } else {
        None
    }
}

/// A phone as typed, with a leading zero put back when the sheet kept it as a number
/// (`912345678` → `0912345678`); the rest is checked by the person's rules.
pub fn phone(typed: &str) -> String {
    let t = text::clean(typed);
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let only_digits = t.chars().all(|c| c.is_ascii_digit() || " .-()".contains(c));
    if only_digits && digits.len() == 9 && digits.starts_with(['3', '5', '7', '8', '9']) {
        return format!("0{digits}");
    }
    if only_digits && digits.len() == 10 && digits.starts_with('2') {
        return format!("0{digits}");
    }
    t
}

/// A citizen ID kept as a number loses its leading zero: 11 digits get it back.
/// A masked one (`*********789`, as exports show it) is no ID at all.
pub fn citizen_id(typed: &str) -> String {
    let t = text::clean(typed);
    if t.contains('*') {
        return String::new();
    }
    // A sheet that kept the number as a number lost its leading zero (every CCCD
    // starts with 0): 11 digits not starting with 0 get it back. Eleven that already
    // start with 0 lost another digit, which no one can guess: left for the rules
    // to refuse.
    if t.len() == 11 && t.chars().all(|c| c.is_ascii_digit()) && !t.starts_with('0') {
        return format!("0{t}");
    }
    t
}

/// The birth year out of a year (`1985`), a date (`15/03/1985`, `1985-03-15`,
/// `15.3.1985`) or a month and year (`3/1985`); anything else as typed, for the
/// person's rules to name.
pub fn birth_year(typed: &str) -> String {
    let t = text::clean(typed);
    let parts: Vec<&str> = t
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let year = if parts[0].len() == 4 {
            parts[0]
        } else {
            parts[parts.len() - 1]
        };
        if year.len() == 4 {
            return year.to_string();
        }
    }
    t
}

/// A line that is not a member: the column numbers under a header (`(1)`, `(2)`, `3`),
/// or the header repeated on the next printed page.
pub fn is_furniture(row: &[String]) -> bool {
    let cells: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
    if cells.is_empty() {
        return true;
    }
    let numbering = cells.iter().all(|c| {
        let t = c.trim().trim_start_matches('(').trim_end_matches(')');
        !t.is_empty() && t.len() <= 3 && t.chars().all(|ch| ch.is_ascii_digit())
    });
    (numbering && cells.len() > 1) || propose(row).columns.len() >= 3
}

/// The people a commune already has, as the import looks them up.
#[derive(Debug, Clone, Default)]
pub struct Known {
    by_citizen_id: HashMap<String, i64>,
    by_name_phone: HashMap<(String, String), i64>,
    by_name_year: HashMap<(String, i32), i64>,
    names: HashMap<i64, String>,
    /// People who are current members of the team imported into.
    in_team: HashSet<i64>,
}

/// How a checked person relates to those already known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Nobody like them: a new person.
    New,
    /// The same person (id, name as kept, why we think so).
    Same(i64, String, Msg),
    /// The citizen ID of someone known under another name (id, name as kept): not
    /// linked in silence — one of the two is mistyped.
    OtherName(i64, String),
}

impl Known {
    pub fn add(&mut self, p: &Person, in_team: bool) {
        if let Some(cid) = &p.citizen_id {
            self.by_citizen_id.insert(cid.clone(), p.id);
        }
        let name = text::fold(&p.full_name);
        if !name.is_empty() {
            if let Some(phone) = &p.phone {
                self.by_name_phone
                    .insert((name.clone(), phone.clone()), p.id);
            }
            if let Some(y) = p.birth_year {
                self.by_name_year.insert((name, y), p.id);
            }
        }
        self.names.insert(p.id, p.display_name().to_string());
        if in_team {
            self.in_team.insert(p.id);
        }
    }

    pub fn is_in_team(&self, person_id: i64) -> bool {
        self.in_team.contains(&person_id)
    }

    /// The same citizen ID, or the same name with the same phone or birth year.
    pub fn find(&self, p: &Person) -> Match {
        let name_of = |id: i64| self.names.get(&id).cloned().unwrap_or_default();
        if let Some(cid) = &p.citizen_id
            && let Some(&id) = self.by_citizen_id.get(cid)
        {
            let kept = name_of(id);
            if !p.full_name.is_empty() && !kept.is_empty() && !same_name(&kept, &p.full_name) {
                return Match::OtherName(id, kept);
            }
            return Match::Same(
                id,
                name_of(id),
                Msg::new("cùng số CCCD", "the same citizen ID"),
            );
        }
        let name = text::fold(&p.full_name);
        if name.is_empty() {
            return Match::New;
        }
        if let Some(phone) = &p.phone
            && let Some(&id) = self.by_name_phone.get(&(name.clone(), phone.clone()))
        {
            return Match::Same(
                id,
                name_of(id),
                Msg::new("cùng họ tên và số điện thoại", "the same name and phone"),
            );
        }
        if let Some(y) = p.birth_year
            && let Some(&id) = self.by_name_year.get(&(name, y))
        {
            return Match::Same(
                id,
                name_of(id),
                Msg::new("cùng họ tên và năm sinh", "the same name and birth year"),
            );
        }
        Match::New
    }
}

/// Whether two spellings name the same person: the words of one are all among the
/// other's, in any order and case, with or without accents (`Bình Trần` and `Trần Thị
/// Bình`); `Lê Văn Cường` and `Nguyễn Thị Hoa` are two people.
fn same_name(a: &str, b: &str) -> bool {
    let set = |s: &str| -> std::collections::BTreeSet<String> {
        words(s)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (set(a), set(b));
    a.is_subset(&b) || b.is_subset(&a)
}

/// `Dòng 7` / `Row 7`.
pub fn row_label(row: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Dòng {row}"),
        Lang::En => format!("Row {row}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_recognised_with_or_without_accents() {
        let cases = [
            ("Họ và tên", Column::FullName),
            ("HO VA TEN", Column::FullName),
            ("Họ tên", Column::FullName),
            ("Chức vụ, đơn vị", Column::Position),
            ("Đơn vị công tác", Column::Unit),
            ("Nhiệm vụ trong Tổ", Column::Role),
            ("Vai trò trong Tổ", Column::Role),
            ("Chức vụ trong Tổ", Column::Role),
            ("Số điện thoại", Column::Phone),
            ("SĐT", Column::Phone),
            ("Năm sinh", Column::Birth),
            ("Ngày, tháng, năm sinh", Column::Birth),
            ("Giới tính", Column::Gender),
            ("Số CCCD", Column::CitizenId),
            ("Thôn/Tổ", Column::Village),
            ("STT", Column::Number),
            ("Ghi chú", Column::Notes),
        ];
        for (h, c) in cases {
            assert_eq!(Column::recognise(h), Some(c), "{h}");
        }
        let nfd = "Ho\u{323} va\u{300} te\u{302}n";
        assert_eq!(Column::recognise(nfd), Some(Column::FullName));
        assert_eq!(Column::recognise("Ký nhận"), None);
    }

    #[test]
    fn the_header_is_found_under_a_title_block() {
        let rows = vec![
            row(&["ỦY BAN NHÂN DÂN XÃ ĐẮK NIA", "", ""]),
            row(&["DANH SÁCH THÀNH VIÊN TỔ CÔNG NGHỆ SỐ", "", ""]),
            row(&["", "", ""]),
            row(&["STT", "Họ và tên", "Chức vụ", "Số điện thoại"]),
            row(&["1", "Nguyễn Văn An", "Trưởng thôn", "0912 345 678"]),
        ];
        let (i, m) = find_header(&rows).unwrap();
        assert_eq!(i, 3);
        assert_eq!(m.column(Column::FullName), Some(1));
        assert_eq!(m.column(Column::Phone), Some(3));
    }

    #[test]
    fn a_name_in_two_columns_or_one() {
        let m = propose(&row(&["Họ và tên đệm", "Tên"]));
        assert_eq!(m.column(Column::FamilyMiddle), Some(0));
        assert_eq!(m.column(Column::GivenName), Some(1));
        let m = propose(&row(&["STT", "Tên"]));
        assert_eq!(m.column(Column::FullName), Some(1));
    }

    #[test]
    fn roles_written_many_ways() {
        for (t, r) in [
            ("Tổ trưởng", Role::Leader),
            ("TT", Role::Leader),
            ("tổ trưởng", Role::Leader),
            ("To Truong", Role::Leader),
            ("Tổ phó", Role::Deputy),
            ("TP", Role::Deputy),
            ("Phó Tổ trưởng", Role::Deputy),
            ("Tổ viên", Role::Member),
            ("Thành viên", Role::Member),
            ("Ủy viên", Role::Member),
            ("", Role::Member),
        ] {
            assert_eq!(role(t), Some(r), "{t}");
        }
        assert_eq!(role("Chủ nhiệm"), None);
    }

    #[test]
    fn phones_ids_and_years_as_sheets_keep_them() {
        assert_eq!(
            citizen_id("01234567890"),
            "01234567890",
            "not padded: a digit is missing"
        );
        assert_eq!(citizen_id("11090001234"), "011090001234");
        assert_eq!(phone("912345678"), "0912345678");
        assert_eq!(phone("0912.345.678"), "0912.345.678");
        assert_eq!(citizen_id("66085000123"), "066085000123");
        assert_eq!(citizen_id("*********123"), "");
        assert_eq!(birth_year("15/03/1985"), "1985");
        assert_eq!(birth_year("1985-03-15"), "1985");
        assert_eq!(birth_year("1985"), "1985");
        assert_eq!(birth_year("ba mươi"), "ba mươi");
    }

    #[test]
    fn columns_by_letter_number_or_header() {
        let h = row(&["STT", "Họ và tên", "SĐT"]);
        assert_eq!(parse_column("C", &h), Some(2));
        assert_eq!(parse_column("2", &h), Some(1));
        assert_eq!(parse_column("ho va ten", &h), Some(1));
        assert_eq!(parse_column("AA", &h), Some(26));
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(2), "C");
    }

    #[test]
    fn column_numbers_and_repeated_headers_are_not_members() {
        assert!(is_furniture(&row(&["(1)", "(2)", "(3)"])));
        assert!(is_furniture(&row(&["STT", "Họ và tên", "Chức vụ", "SĐT"])));
        assert!(!is_furniture(&row(&["1", "Nguyễn Văn An", "", ""])));
    }

    #[test]
    fn known_people_are_found_by_id_or_name_and_phone_or_year() {
        let mut k = Known::default();
        let p = Person {
            id: 7,
            full_name: "Nguyễn Văn An".into(),
            phone: Some("0912345678".into()),
            birth_year: Some(1980),
            citizen_id: Some("001080000001".into()),
            ..Default::default()
        };
        k.add(&p, false);
        let mut q = Person {
            full_name: "NGUYEN VAN AN".into(),
            phone: Some("0912345678".into()),
            ..Default::default()
        };
        assert!(matches!(k.find(&q), Match::Same(7, _, _)));
        q.phone = None;
        assert_eq!(k.find(&q), Match::New);
        q.birth_year = Some(1980);
        assert!(matches!(k.find(&q), Match::Same(7, _, _)));
        let by_id = Person {
            full_name: "nguyen  van AN".into(),
            citizen_id: Some("001080000001".into()),
            ..Default::default()
        };
        assert!(matches!(k.find(&by_id), Match::Same(7, _, _)));
        // The same citizen ID under another name is not linked in silence.
        let other = Person {
            full_name: "Khác Tên".into(),
            ..by_id
        };
        assert_eq!(k.find(&other), Match::OtherName(7, "Nguyễn Văn An".into()));
    }
}
