//! Demo data: the Đắk Nia commune of seed 004, and large generated data sets for
//! benchmarks (deterministic: the same seed gives the same database).

use chrono::NaiveDate;

use crate::domain::Msg;
use crate::domain::people::{Gender, Joining, Leaving, Person, Role};
use crate::domain::place::{CommuneKind, District, DistrictKind, VillageKind};
use crate::domain::text;
use crate::store::{Import, LibraryKind, NewCommune, Result, Store, StoreError};

/// The legal bases of decision 23/QĐ-UBND (seed 004), as printed there.
const SEED_BASES: &[&str] = &[
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương ngày 22/11/2019",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ về việc phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
    "Căn cứ Quyết định số 570/QĐ-UBND ngày 21 tháng 3 năm 2022 của UBND tỉnh Đắk Nông ban hành Kế hoạch triển khai thực hiện Nghị quyết số 09-NQ/TU ngày 01/11/2021 của Tỉnh ủy về Chuyển đổi số tỉnh Đắk Nông đến năm 2025, định hướng đến năm 2030",
    "Căn cứ Quyết định số 602/QĐ-UBND ngày 13 tháng 5 năm 2022 của UBND thành phố Gia Nghĩa ban hành Kế hoạch triển khai thực hiện Nghị quyết số 09-NQ/TU ngày 01/11/2021 của Tỉnh ủy về Chuyển đổi số tỉnh Đắk Nông đến năm 2025, định hướng đến năm 2030",
    "Căn cứ Kế hoạch số 37-KH/ĐU, ngày 02 tháng 7 năm 2022 của Đảng ủy xã Đắk Nia về việc triển khai thực hiện Kế hoạch số 45-KH/ThU, ngày 20/01/2022 của Ban Thường vụ Thành ủy về thực hiện Nghị quyết số 09-NQ/TU, ngày 01/11/2021 của Tỉnh ủy Đắk Nông về chuyển đổi số tỉnh Đắk Nông đến năm 2025 và định hướng đến năm 2030",
    "Căn cứ Kế hoạch số 61/KH-UBND, ngày 26 tháng 7 năm 2022 của Ủy ban nhân dân xã Đắk Nia về triển khai Nghị quyết số 09-NQ/TU, ngày 01/11/2021 của Tỉnh ủy Đắk Nông về chuyển đổi số tỉnh Đắk Nông đến năm 2025 và định hướng đến năm 2030",
];

/// The recipients of decision 23/QĐ-UBND (seed 004).
const SEED_RECIPIENTS: &[&str] = &[
    "UBND TP Gia Nghĩa (b/c)",
    "Phòng VH TT TP (b/c)",
    "TT Đảng ủy xã (b/c)",
    "TT HĐND xã (b/c)",
    "Như Điều 3",
    "Lưu: VP",
];

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn person(
    name: &str,
    gender: Option<Gender>,
    birth_year: Option<i32>,
    position: &str,
    phone: Option<&str>,
) -> Person {
    let full_name = text::clean(name);
    Person {
        given_name: text::default_given_name(&full_name),
        full_name,
        gender,
        birth_year,
        position: position.into(),
        phone: phone.map(Into::into),
        ..Default::default()
    }
}

fn slot(position: &str) -> Person {
    person("", None, None, position, None)
}

fn joining(role: Role, on: Option<NaiveDate>, by: &str) -> Joining {
    Joining {
        role,
        duties: String::new(),
        joined_on: on,
        joined_by: by.into(),
    }
}

/// What a demo job did when asked to fill only an empty database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// The database was empty: the summary of what was created.
    Created(Msg),
    /// The database already held a commune: nothing was written.
    Kept(Msg),
}

impl Filled {
    pub fn msg(&self) -> &Msg {
        match self {
            Self::Created(m) | Self::Kept(m) => m,
        }
    }
}

/// Runs `fill` in one transaction that takes the write lock first and then checks the
/// database is empty: two jobs at once never both fill it, and a job killed half-way
/// leaves nothing. A database that holds a commune is refused, or kept with
/// `if_empty`.
fn fill_empty(
    store: &mut Store,
    if_empty: bool,
    fill: impl FnOnce(&Import<'_>) -> Result<Msg>,
) -> Result<Filled> {
    store.import(|db| {
        if let Some((_, name)) = db.home_commune()? {
            if if_empty {
                return Ok(Filled::Kept(Msg::new(
                    format!("Cơ sở dữ liệu đã có {name}; giữ nguyên."),
                    format!("The database already holds {name}; left as it is."),
                )));
            }
            return Err(StoreError::refused(
                format!(
                    "Cơ sở dữ liệu đã có dữ liệu ({name}); không ghi đè. Hãy dùng --db với một tệp mới."
                ),
                format!(
                    "The database already holds data ({name}); nothing overwritten. Use --db with a new file."
                ),
            ));
        }
        fill(db).map(Filled::Created)
    })
}

/// The Đắk Nia commune: its commune team as decision 23/QĐ-UBND lists it, a few
/// village teams with plausible members, its library and a year of activities, all in
/// one transaction. Refused (nothing written) when the database holds a commune.
pub fn dak_nia(store: &mut Store) -> Result<Msg> {
    Ok(fill_empty(store, false, dak_nia_in)?.msg().clone())
}

/// [`dak_nia`], or nothing (and no error) when the database already holds a commune.
pub fn dak_nia_if_empty(store: &mut Store) -> Result<Filled> {
    fill_empty(store, true, dak_nia_in)
}

/// The Đắk Nia commune, written in the caller's transaction.
pub(crate) fn dak_nia_in(db: &Import<'_>) -> Result<Msg> {
    let decided = date(2022, 7, 27);
    let by = "23/QĐ-UBND";
    let c = {
        let c = db.commune(&NewCommune {
            province: "Đắk Nông".into(),
            district: Some(District {
                kind: DistrictKind::ThanhPho,
                name: "Gia Nghĩa".into(),
            }),
            kind: CommuneKind::Xa,
            name: "Đắk Nia".into(),
            place_name: "Đắk Nia".into(),
            chairman: "Trần Đình Tuấn".into(),
            vice_chairmen: vec!["Quản Thị Ngọc".into()],
            preset: "dak-nia-004".into(),
        })?;
        let team = db.team(c, None)?;
        let leader = person(
            "Quản Thị Ngọc",
            Some(Gender::Female),
            Some(1978),
            "Phó Chủ tịch UBND xã - Phó Trưởng ban Thường trực",
            Some("0915 234 567"),
        );
        db.member(c, team, &leader, &joining(Role::Leader, decided, by))?;
        for position in [
            "Bí thư Đoàn Thanh niên xã",
            "Chủ tịch Hội Liên hiệp phụ nữ xã",
            "Chủ tịch Hội Nông dân xã",
            "Chủ tịch Hội Cựu Chiến binh xã",
        ] {
            db.member(
                c,
                team,
                &slot(position),
                &joining(Role::Deputy, decided, by),
            )?;
        }
        for position in [
            "Công chức Văn phòng – Thông kê phụ trách công nghệ thông tin",
            "Các trường học mỗi trường cử 01 cán bộ tham gia tổ",
            "Công an, y tế cử 01 cán bộ tham gia tổ",
            "Trưởng các thôn, bon",
        ] {
            db.member(
                c,
                team,
                &slot(position),
                &joining(Role::Member, decided, by),
            )?;
        }
        let mut villages = Vec::new();
        for (kind, name) in [
            (VillageKind::Thon, "1"),
            (VillageKind::Thon, "2"),
            (VillageKind::Thon, "3"),
            (VillageKind::Thon, "Nghĩa Thuận"),
            (VillageKind::Thon, "Phú Xuân"),
            (VillageKind::Bon, "Bu Sop"),
            (VillageKind::Bon, "Bu Prâng"),
            (VillageKind::Bon, "Ding Plei"),
        ] {
            villages.push(db.village(c, kind, name)?);
        }
        let founded = date(2022, 8, 15);
        let by_village = "31/QĐ-UBND";
        type Row<'a> = (&'a str, Gender, i32, &'a str, &'a str, Role);
        let rosters: [(usize, &[Row<'_>]); 3] = [
            (
                0,
                &[
                    (
                        "Nguyễn Văn Hùng",
                        Gender::Male,
                        1970,
                        "Trưởng thôn 1",
                        "0912 345 678",
                        Role::Leader,
                    ),
                    (
                        "Lê Thị Hồng Nhung",
                        Gender::Female,
                        1996,
                        "Bí thư Chi đoàn thôn 1",
                        "0386 112 233",
                        Role::Deputy,
                    ),
                    (
                        "Phạm Minh Tuấn",
                        Gender::Male,
                        1988,
                        "Công an viên thôn 1",
                        "0978 001 122",
                        Role::Member,
                    ),
                    (
                        "Trần Thị Bích Ngọc",
                        Gender::Female,
                        1990,
                        "Giáo viên Trường Tiểu học Nguyễn Du",
                        "0355 667 788",
                        Role::Member,
                    ),
                    (
                        "Võ Đức Anh",
                        Gender::Male,
                        1993,
                        "Nhân viên VNPT Đắk Nông",
                        "0949 223 344",
                        Role::Member,
                    ),
                ],
            ),
            (
                1,
                &[
                    (
                        "Hoàng Văn Dũng",
                        Gender::Male,
                        1968,
                        "Trưởng thôn 2",
                        "0905 778 899",
                        Role::Leader,
                    ),
                    (
                        "Đặng Thị Ánh",
                        Gender::Female,
                        1998,
                        "Bí thư Chi đoàn thôn 2",
                        "0867 334 455",
                        Role::Deputy,
                    ),
                    (
                        "Bùi Văn Ân",
                        Gender::Male,
                        1975,
                        "Chi hội trưởng Chi hội Nông dân thôn 2",
                        "0398 556 677",
                        Role::Member,
                    ),
                    (
                        "Đỗ Thị Thu Hà",
                        Gender::Female,
                        1985,
                        "Nhân viên Bưu điện văn hóa xã",
                        "0834 990 011",
                        Role::Member,
                    ),
                ],
            ),
            (
                5,
                &[
                    (
                        "Điểu Xuân",
                        Gender::Male,
                        1972,
                        "Trưởng bon Bu Sop",
                        "0971 445 566",
                        Role::Leader,
                    ),
                    (
                        "Thị Hương",
                        Gender::Female,
                        1997,
                        "Bí thư Chi đoàn bon Bu Sop",
                        "0367 889 900",
                        Role::Deputy,
                    ),
                    (
                        "Điểu Thị Hoa",
                        Gender::Female,
                        1989,
                        "Nhân viên y tế bon",
                        "0944 556 677",
                        Role::Member,
                    ),
                    (
                        "Lý Văn Sáng",
                        Gender::Male,
                        1991,
                        "Nhân viên Viettel Đắk Nông",
                        "0868 112 299",
                        Role::Member,
                    ),
                ],
            ),
        ];
        for (village, roster) in rosters {
            let team = db.team(c, Some(villages[village]))?;
            for &(name, gender, year, position, phone, role) in roster {
                db.member(
                    c,
                    team,
                    &person(name, Some(gender), Some(year), position, Some(phone)),
                    &joining(role, founded, by_village),
                )?;
            }
            if village == 0 {
                // A member who left: the history keeps them.
                let (_, m) = db.member(
                    c,
                    team,
                    &person(
                        "Phan Văn Tài",
                        Some(Gender::Male),
                        Some(1980),
                        "Chi hội trưởng Chi hội Cựu chiến binh thôn 1",
                        Some("0913 556 677"),
                    ),
                    &joining(Role::Member, founded, by_village),
                )?;
                let left = Leaving {
                    left_on: date(2024, 3, 1).unwrap_or_default(),
                    reason: "Chuyển nơi cư trú".into(),
                    left_by: "15/QĐ-UBND".into(),
                };
                db.leave(m, &left)?;
            }
        }
        c
    };
    for base in SEED_BASES {
        db.library_item(c, LibraryKind::LegalBasis, base, true)?;
    }
    for base in crate::store::USUAL_BASES {
        db.library_item(c, LibraryKind::LegalBasis, base, false)?;
    }
    for r in SEED_RECIPIENTS {
        db.library_item(c, LibraryKind::Recipient, r, true)?;
    }
    let activities = super::demo_activities::demo_year(db)?;
    Ok(Msg::new(
        format!(
            "Đã tạo dữ liệu mẫu xã Đắk Nia: Tổ cấp xã (Quyết định 23/QĐ-UBND), 3 Tổ cấp thôn và {activities} hoạt động năm 2026."
        ),
        format!(
            "Created the Đắk Nia demo commune: the commune team (decision 23/QĐ-UBND), 3 village teams and {activities} activities of 2026."
        ),
    ))
}

/// SplitMix64: small, fast, and the same on every machine.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FAMILIES: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Điểu", "Quản", "Y",
];
const MIDDLES_M: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Đình", "Ngọc",
];
const MIDDLES_F: &[&str] = &[
    "Thị", "Thị", "Ngọc", "Thu", "Bích", "Hồng", "Thanh", "Mai", "Kim", "Thùy",
];
const GIVENS_M: &[&str] = &[
    "An", "Anh", "Ân", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Khánh", "Long",
    "Minh", "Nam", "Phong", "Quân", "Sơn", "Tài", "Tâm", "Thắng", "Tuấn", "Việt", "Vinh", "Ưng",
];
const GIVENS_F: &[&str] = &[
    "An", "Anh", "Ánh", "Chi", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc",
    "Nhung", "Phương", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Xuân", "Yến", "Ửng",
];
const PROVINCES: &[&str] = &[
    "Lâm Đồng",
    "Đồng Nai",
    "Quảng Trị",
    "An Giang",
    "Gia Lai",
    "Tây Ninh",
    "Lào Cai",
];
const PLACE_WORDS: &[&str] = &[
    "Tân", "Phú", "Hòa", "Bình", "An", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Lộc", "Hưng", "Mỹ",
    "Long", "Phước", "Đắk", "Quảng", "Thuận", "Vĩnh", "Xuân",
];
const MEMBER_POSITIONS: &[&str] = &[
    "Công an viên",
    "Giáo viên",
    "Nhân viên y tế",
    "Nhân viên VNPT",
    "Nhân viên Viettel",
    "Nhân viên Bưu điện",
    "Chi hội trưởng Hội Nông dân",
    "Chi hội trưởng Hội Phụ nữ",
    "Người dân",
    "Học sinh",
    "Nhân viên ngân hàng Agribank",
];
const PREFIXES: &[&str] = &["03", "05", "07", "08", "09"];

fn generated_person(rng: &mut Rng, position: String) -> Person {
    let female = rng.below(2) == 1;
    let family = rng.pick(FAMILIES);
    let (middles, givens) = if female {
        (MIDDLES_F, GIVENS_F)
    } else {
        (MIDDLES_M, GIVENS_M)
    };
    let middle = rng.pick(middles);
    let given = rng.pick(givens);
    let name = if rng.below(5) == 0 {
        format!("{family} {middle} {} {given}", rng.pick(middles))
    } else {
        format!("{family} {middle} {given}")
    };
    let phone = format!("{}{:08}", rng.pick(PREFIXES), rng.next() % 100_000_000);
    Person {
        given_name: given.to_string(),
        full_name: name,
        gender: Some(if female { Gender::Female } else { Gender::Male }),
        birth_year: Some(1960 + rng.below(45) as i32),
        position,
        phone: Some(phone),
        ..Default::default()
    }
}

/// `communes` × (`villages` village teams + 1 commune team) × `members` members, in
/// one transaction. Refused (nothing written) when the database holds a commune.
pub fn generate(
    store: &mut Store,
    communes: u32,
    villages: u32,
    members: u32,
    seed: u64,
) -> Result<Msg> {
    Ok(
        generate_filled(store, communes, villages, members, seed, false)?
            .msg()
            .clone(),
    )
}

/// [`generate`]; with `if_empty`, nothing (and no error) when the database already
/// holds a commune.
pub fn generate_filled(
    store: &mut Store,
    communes: u32,
    villages: u32,
    members: u32,
    seed: u64,
    if_empty: bool,
) -> Result<Filled> {
    fill_empty(store, if_empty, |db| {
        generate_in(db, communes, villages, members, seed)
    })
}

fn generate_in(
    db: &Import<'_>,
    communes: u32,
    villages: u32,
    members: u32,
    seed: u64,
) -> Result<Msg> {
    let mut rng = Rng(seed);
    let on = date(2023, 1, 9);
    let total = {
        let mut total = 0u64;
        for i in 0..communes {
            let name = format!(
                "{} {} {}",
                rng.pick(PLACE_WORDS),
                rng.pick(PLACE_WORDS),
                i + 1
            );
            let c = db.commune(&NewCommune {
                province: rng.pick(PROVINCES).into(),
                district: None,
                kind: CommuneKind::Xa,
                name: name.clone(),
                place_name: name,
                chairman: generated_person(&mut rng, String::new()).full_name,
                vice_chairmen: vec![],
                preset: "binh-phuoc-000".into(),
            })?;
            let commune_team = db.team(c, None)?;
            total += fill_team(db, &mut rng, c, commune_team, members, "xã", on)?;
            for v in 0..villages {
                let village = db.village(c, VillageKind::Thon, &(v + 1).to_string())?;
                let team = db.team(c, Some(village))?;
                total += fill_team(
                    db,
                    &mut rng,
                    c,
                    team,
                    members,
                    &format!("thôn {}", v + 1),
                    on,
                )?;
            }
        }
        total
    };
    Ok(Msg::new(
        format!(
            "Đã tạo {communes} xã, {} Tổ, {total} thành viên (hạt giống {seed}).",
            communes * (villages + 1)
        ),
        format!(
            "Created {communes} communes, {} teams, {total} members (seed {seed}).",
            communes * (villages + 1)
        ),
    ))
}

fn fill_team(
    db: &Import<'_>,
    rng: &mut Rng,
    commune: i64,
    team: i64,
    members: u32,
    place: &str,
    on: Option<NaiveDate>,
) -> Result<u64> {
    for k in 0..members {
        let (role, position) = match k {
            0 if place == "xã" => (Role::Leader, "Phó Chủ tịch UBND xã".to_string()),
            0 => (Role::Leader, format!("Trưởng {place}")),
            1 => (Role::Deputy, format!("Bí thư Đoàn thanh niên {place}")),
            _ => (Role::Member, rng.pick(MEMBER_POSITIONS).to_string()),
        };
        let p = generated_person(rng, position);
        db.member(commune, team, &p, &joining(role, on, ""))?;
    }
    Ok(u64::from(members))
}
/// A generated member sheet of `n` lines as offices keep them (a title block above the
/// header; STT, name, position, phone, birth year, role; the first line the leader),
/// for the import's benchmark and tests. Names repeat every 800 lines; the birth years
/// of the same name never do, so no line is taken for another.
pub fn member_sheet(n: u32) -> super::spreadsheet::Table {
    use super::spreadsheet::{Cell, Table};
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"];
    let given = [
        "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Lan", "Minh", "Ngọc",
    ];
    let rows = (0..n)
        .map(|i| {
            let name = format!(
                "{} {} {}",
                family[(i % 8) as usize],
                given[((i / 8) % 10) as usize],
                given[((i / 80) % 10) as usize]
            );
            vec![
                Cell::Count(i64::from(i) + 1),
                Cell::text(name),
                Cell::text("Tình nguyện viên"),
                Cell::text(format!("09{i:08}")),
                Cell::Number(f64::from(1960 + (i * 7) % 41)),
                Cell::text(if i == 0 {
                    "Tổ trưởng"
                } else {
                    "Tổ viên"
                }),
            ]
        })
        .collect();
    Table {
        sheet: "Danh sách".into(),
        title: vec!["ỦY BAN NHÂN DÂN XÃ".into(), "DANH SÁCH THÀNH VIÊN".into()],
        headers: [
            "STT",
            "Họ và tên",
            "Chức vụ",
            "Số điện thoại",
            "Năm sinh",
            "Nhiệm vụ",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}
