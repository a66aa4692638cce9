//! Activities in the store (temporary files): monthly totals kept right through adds,
//! edits and deletes; edits of a stale version refused; progress against baselines and
//! targets, rolled up from the villages; evidence kept beside the database.

use chrono::NaiveDate;
use cnscd::domain::activity::Activity;
use cnscd::domain::indicator::Base;
use cnscd::domain::period::Period;
use cnscd::store::{ActivityQuery, Scope, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An empty commune with two village teams (no demo activities).
fn commune() -> (tempfile::TempDir, Store, i64, Vec<(i64, i64)>) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("a.db")).unwrap();
    let c = s
        .create_commune(&cnscd::store::NewCommune {
            province: "Lâm Đồng".into(),
            district: None,
            kind: cnscd::domain::place::CommuneKind::Xa,
            name: "Quảng Sơn".into(),
            place_name: String::new(),
            chairman: "Nguyễn Văn An".into(),
            vice_chairmen: vec![],
            preset: "ministry-001".into(),
        })
        .unwrap();
    let mut teams = Vec::new();
    for name in ["1", "2"] {
        let v = s
            .add_village(c.id, cnscd::domain::place::VillageKind::Thon, name)
            .unwrap();
        let t = s.create_team(c.id, Some(v.id), None).unwrap();
        teams.push((t.id, v.id));
    }
    (dir, s, c.id, teams)
}

fn activity(
    s: &mut Store,
    c: i64,
    team: (i64, i64),
    on: NaiveDate,
    counts: Vec<(i64, i64)>,
) -> Activity {
    let kind = s.activity_types(c).unwrap()[0].0;
    Activity {
        id: 0,
        commune_id: c,
        team_id: team.0,
        village_id: Some(team.1),
        on_date: on,
        type_id: kind,
        people: Some(10),
        households: None,
        counts,
        note: "ghi chú".into(),
        participants: vec![],
    }
}

fn indicator(s: &mut Store, code: &str) -> i64 {
    s.indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.code == code)
        .unwrap()
        .id
}

#[test]
fn monthly_totals_follow_adds_edits_and_deletes() {
    let (_dir, mut s, c, teams) = commune();
    let epay = indicator(&mut s, "epay_households");
    let a1 = activity(&mut s, c, teams[0], d(2026, 9, 30), vec![(epay, 12)]);
    let id1 = s.add_activity(&a1).unwrap();
    let a2 = activity(&mut s, c, teams[1], d(2026, 10, 1), vec![(epay, 5)]);
    let id2 = s.add_activity(&a2).unwrap();
    let snapshot = s.monthly_snapshot().unwrap();
    s.rebuild_monthly().unwrap();
    assert_eq!(s.monthly_snapshot().unwrap(), snapshot, "kept = rebuilt");

    // Move the first into October with another count; delete the second.
    let (mut e, v) = s.activity(id1).unwrap();
    e.on_date = d(2026, 10, 2);
    e.counts = vec![(epay, 7)];
    e.people = None;
    s.update_activity(&e, v).unwrap();
    // The version read before is stale now: refused, nothing saved.
    let err = s.update_activity(&e, v).unwrap_err();
    assert!(
        err.message(cnscd::domain::Lang::Vi)
            .contains("vừa được sửa")
    );
    let (_, v2) = s.activity(id2).unwrap();
    s.delete_activity(id2, v2).unwrap();
    let kept = s.monthly_snapshot().unwrap();
    s.rebuild_monthly().unwrap();
    assert_eq!(s.monthly_snapshot().unwrap(), kept);

    let f = s
        .period_figures(Scope::Commune(c), Period::Month(2026, 10))
        .unwrap();
    let line = f.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(line.progress.period, Some(7));
    assert_eq!(f.activities, Some(1));
    assert_eq!(f.people, None, "people not counted is missing, not 0");
    // September is empty now: missing, not zero.
    let sep = s
        .period_figures(Scope::Commune(c), Period::Month(2026, 9))
        .unwrap();
    assert_eq!(sep.activities, None);
    assert!(sep.lines.iter().all(|l| l.progress.period.is_none()));
    assert_eq!(
        s.count_activities(&ActivityQuery {
            commune_id: c,
            ..Default::default()
        })
        .unwrap(),
        1
    );
}

#[test]
fn progress_rolls_villages_up_against_baselines_and_targets() {
    let (_dir, mut s, c, teams) = commune();
    let epay = indicator(&mut s, "epay_households");
    // Village 1: 200 households, village 2: 200 — the commune 400 (summed).
    s.set_baseline(c, Some(teams[0].1), Base::Households, Some(200))
        .unwrap();
    s.set_baseline(c, Some(teams[1].1), Base::Households, Some(200))
        .unwrap();
    for (team, month, n) in [(0, 3, 100), (0, 7, 50), (1, 8, 99), (1, 10, 50)] {
        let a = activity(&mut s, c, teams[team], d(2026, month, 15), vec![(epay, n)]);
        s.add_activity(&a).unwrap();
    }
    // Q3: 50 + 99 in the period; cumulative to 30/9: 249 of 400 = 62,25 %.
    let q3 = s
        .period_figures(Scope::Commune(c), Period::Quarter(2026, 3))
        .unwrap();
    let line = q3.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(line.progress.period, Some(149));
    assert_eq!(line.progress.cumulative, Some(249));
    assert_eq!(line.progress.base, Some(400));
    assert_eq!(line.progress.cells()[3], "62,25 %");
    assert_eq!(
        line.progress.cells()[4],
        "Đạt",
        "the default target is 30 %"
    );
    // The year: 299 of 400 = 74,75 %.
    let year = s
        .period_figures(Scope::Commune(c), Period::Year(2026))
        .unwrap();
    let line = year.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(line.progress.cells()[3], "74,75 %");
    // A target set for the year replaces the default: 80 % is not reached.
    s.set_target(c, None, epay, 2026, Some(80.0)).unwrap();
    let year = s
        .period_figures(Scope::Commune(c), Period::Year(2026))
        .unwrap();
    let line = year.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(line.progress.cells()[0], "80,00 %");
    assert_eq!(line.progress.cells()[4], "Chưa đạt");
    // One village alone: its own baseline; H1 holds only March.
    let v1 = s
        .period_figures(Scope::Team(teams[0].0), Period::Half(2026, 1))
        .unwrap();
    let line = v1.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(
        (line.progress.period, line.progress.base),
        (Some(100), Some(200))
    );
    assert_eq!(line.progress.cells()[3], "50,00 %");
    // A village without a baseline has no share: a dash.
    s.set_baseline(c, Some(teams[1].1), Base::Households, None)
        .unwrap();
    let v2 = s
        .period_figures(Scope::Team(teams[1].0), Period::Year(2026))
        .unwrap();
    let line = v2.lines.iter().find(|l| l.indicator.id == epay).unwrap();
    assert_eq!(line.progress.cells()[3], "—");
    // An OCOP count nobody recorded stays a dash everywhere.
    let ocop = indicator(&mut s, "ocop_ecommerce");
    let line = year.lines.iter().find(|l| l.indicator.id == ocop).unwrap();
    assert_eq!(line.progress.cells()[1], "—");
}

#[test]
fn evidence_is_copied_beside_the_database_once_per_content() {
    let (dir, mut s, c, teams) = commune();
    let a = activity(&mut s, c, teams[0], d(2026, 10, 3), vec![]);
    let id = s.add_activity(&a).unwrap();
    let photo = dir.path().join("anh lop hoc.jpg");
    std::fs::write(&photo, b"\xFF\xD8\xFF fake jpeg").unwrap();
    let e1 = s.add_evidence(id, &photo).unwrap();
    let e2 = s.add_evidence(id, &photo).unwrap();
    assert_eq!(e1.path, e2.path, "same content, one stored file");
    assert!(e1.path.starts_with(dir.path().join("minh-chung")));
    std::fs::remove_file(&photo).unwrap();
    assert_eq!(
        std::fs::read(&e1.path).unwrap(),
        b"\xFF\xD8\xFF fake jpeg",
        "kept after the original goes"
    );
    let list = s.evidence(id).unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|e| e.thumbnail.is_none()));
    assert_eq!(list[0].name, "anh lop hoc.jpg");
    assert!(e1.thumbnail.is_none(), "not a readable photo: no thumbnail");
    // A real photo gets a small thumbnail beside it, its proportions kept.
    let png = dir.path().join("buoi-tap-huan.png");
    image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .save(&png)
    .unwrap();
    let e3 = s.add_evidence(id, &png).unwrap();
    let thumb = e3.thumbnail.clone().expect("a thumbnail");
    let (w, h) = image::image_dimensions(&thumb).unwrap();
    assert_eq!((w, h), (160, 120));
    assert_eq!(s.evidence(id).unwrap()[2].thumbnail, Some(thumb));
    // Deleting the activity deletes its evidence records.
    let (_, v) = s.activity(id).unwrap();
    s.delete_activity(id, v).unwrap();
    assert!(s.evidence(id).unwrap().is_empty());
}
