//! Demo activities: a plausible year for Đắk Nia (baselines, targets, a few activities a
//! month per team), and N generated activities for benchmarks. Deterministic.

use chrono::{Datelike, NaiveDate};

use super::demo::Rng;
use crate::domain::Msg;
use crate::domain::activity::Activity;
use crate::domain::indicator::Base;
use crate::store::{Import, Result, Store, StoreError};

/// The demo's year runs to this day, whatever today is, so its reports are the same
/// everywhere.
pub const DEMO_UNTIL: (i32, u32, u32) = (2026, 11, 15);

const NOTES: &[&str] = &[
    "Hướng dẫn bà con cài đặt và kích hoạt VNeID mức 2",
    "Hỗ trợ mở tài khoản ngân hàng số, ví điện tử cho hộ kinh doanh",
    "Tuyên truyền Bình dân học vụ số tại nhà văn hóa thôn",
    "Hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia",
    "Chụp ảnh, viết mô tả và đăng sản phẩm cà phê lên sàn postmart.vn",
    "Đi từng hộ hướng dẫn cài sổ sức khỏe điện tử, VssID",
    "Họp Tổ đánh giá kết quả tháng, phân công địa bàn",
    "Mở lớp hướng dẫn sử dụng điện thoại thông minh cho người cao tuổi",
    "",
];

struct Ids {
    commune: i64,
    teams: Vec<(i64, Option<i64>)>,
    types: Vec<(i64, String)>,
    /// Indicator ids by code.
    indicator: std::collections::HashMap<String, i64>,
}

/// The ids a generator needs, read inside the import's transaction.
fn ids(db: &Import<'_>) -> Result<Ids> {
    let (commune, _) = db
        .home_commune()?
        .ok_or_else(|| StoreError::refused("Chưa có xã nào", "No commune yet"))?;
    Ok(Ids {
        commune,
        teams: db.teams(commune)?,
        types: db.activity_types(commune)?,
        indicator: db.indicator_ids()?.into_iter().collect(),
    })
}

/// A plausible activity on `day` by `team`.
fn activity(rng: &mut Rng, ids: &Ids, team: (i64, Option<i64>), day: NaiveDate) -> Activity {
    let t = rng.below(ids.types.len());
    let (type_id, type_name) = &ids.types[t];
    let mut counts = Vec::new();
    let mut add = |code: &str, n: i64| {
        if let Some(id) = ids.indicator.get(code) {
            counts.push((*id, n));
        }
    };
    let k = crate::domain::text::fold(type_name);
    if k.contains("thanh toan") {
        add("epay_households", 5 + rng.below(26) as i64);
    } else if k.contains("thuong mai") {
        // A product reaches a platform now and then, not at every visit.
        add("ocop_ecommerce", i64::from(rng.below(4) == 0));
    } else if k.contains("dinh danh") {
        add("eid_working_age", 5 + rng.below(25) as i64);
    } else if k.contains("dich vu cong") {
        add("online_services", 5 + rng.below(20) as i64);
    } else if k.contains("tai nha") {
        add("smartphone_apps", 2 + rng.below(9) as i64);
        add("online_services", 1 + rng.below(6) as i64);
    }
    let meeting = k.contains("hop to");
    Activity {
        id: 0,
        commune_id: ids.commune,
        team_id: team.0,
        village_id: team.1,
        on_date: day,
        type_id: *type_id,
        people: (!meeting).then(|| 8 + rng.below(70) as i64),
        households: (!meeting && rng.below(3) > 0).then(|| 4 + rng.below(35) as i64),
        counts,
        note: NOTES[rng.below(NOTES.len())].to_string(),
        participants: Vec::new(),
    }
}

/// Baselines of Đắk Nia's villages and the commune's targets for the year.
fn baselines(db: &Import<'_>, ids: &Ids, rng: &mut Rng) -> Result<()> {
    for v in &db.village_ids(ids.commune)? {
        let households = 180 + rng.below(220) as i64;
        db.baseline(ids.commune, *v, Base::Households.code(), households)?;
        db.baseline(ids.commune, *v, Base::Population.code(), households * 4)?;
        db.baseline(ids.commune, *v, Base::Population15.code(), households * 3)?;
        db.baseline(
            ids.commune,
            *v,
            Base::WorkingAge.code(),
            households * 2 + 40,
        )?;
        db.baseline(
            ids.commune,
            *v,
            Base::OcopProducts.code(),
            rng.below(4) as i64,
        )?;
    }
    // The commune's own OCOP count (products are registered by the commune).
    db.baseline(ids.commune, 0, Base::OcopProducts.code(), 9)?;
    Ok(())
}

/// Adds a year of activities to the demo commune, in the caller's transaction (the
/// monthly totals are rebuilt in it before it commits): each team, a few a month.
pub(crate) fn demo_year(db: &Import<'_>) -> Result<usize> {
    let ids = ids(db)?;
    let mut rng = Rng(2026);
    baselines(db, &ids, &mut rng)?;
    let (y, m, d) = DEMO_UNTIL;
    let until = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    let mut n = 0;
    for &team in &ids.teams {
        let mut day = NaiveDate::from_ymd_opt(y, 1, 2).expect("a date");
        while day <= until {
            db.activity(&activity(&mut rng, &ids, team, day))?;
            n += 1;
            day = day
                .checked_add_days(chrono::Days::new(5 + rng.below(8) as u64))
                .expect("a later day");
        }
    }
    Ok(n)
}

/// N generated activities over the demo year, across the home commune's teams, with
/// their monthly totals, in one transaction. On an empty database the Đắk Nia demo
/// commune is created first, in the same transaction.
pub fn generate(store: &mut Store, n: u64, seed: u64) -> Result<Msg> {
    // Adding to a database that holds data: a copy first, kept ("truoc-nhap").
    if store.path().is_some() && store.home_commune()?.is_some() {
        store.backup_now("truoc-nhap")?;
    }
    let start = std::time::Instant::now();
    let created = store.import(|db| {
        let created = match db.home_commune()? {
            None => Some(super::demo::dak_nia_in(db)?),
            Some(_) => None,
        };
        let ids = ids(db)?;
        let mut rng = Rng(seed ^ 0xAC71_7171);
        let (y, m, d) = DEMO_UNTIL;
        let until = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let days = until.ordinal0() as usize + 1;
        for _ in 0..n {
            let team = ids.teams[rng.below(ids.teams.len())];
            let day =
                NaiveDate::from_yo_opt(y, 1 + rng.below(days) as u32).expect("a day of the year");
            db.activity(&activity(&mut rng, &ids, team, day))?;
        }
        Ok(created)
    })?;
    let secs = start.elapsed().as_secs_f64();
    let done = Msg::new(
        format!("Đã tạo {n} hoạt động trong {secs:.1} giây."),
        format!("Generated {n} activities in {secs:.1} s."),
    );
    Ok(match created {
        Some(c) => Msg::new(
            format!("{}\n{}", c.vi, done.vi),
            format!("{}\n{}", c.en, done.en),
        ),
        None => done,
    })
}
