//! `cnscd bench`: figures on a generated database. Timings are printed, never asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::domain::{Lang, Msg};
use crate::store::{MemberQuery, Store};

use super::{demo, store_msg};

/// Median and 95th percentile of `runs` timings of `f`.
fn measure(runs: usize, mut f: impl FnMut(usize) -> usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    f(0); // warm the caches once
    for i in 0..runs.max(1) {
        let t = Instant::now();
        rows = f(i);
        times.push(t.elapsed());
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    (times[times.len() / 2], p95, rows)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

pub fn run(db: Option<&Path>, members: u32, runs: usize, lang: Lang) -> Result<(), Msg> {
    let err = |e: crate::store::StoreError| store_msg(&e);
    let dir = tempfile_dir()?;
    let (mut store, path) = match db {
        Some(p) => (Store::open(p).map_err(err)?, p.to_path_buf()),
        None => {
            let p = dir.join("bench.db");
            (Store::open(&p).map_err(err)?, p)
        }
    };
    if store.home_commune().map_err(err)?.is_none() {
        // 100 communes × (villages + 1) teams × 10 members.
        let per_commune = (members / 100).max(1);
        let villages = (per_commune / 10).max(1) - 1;
        let t = Instant::now();
        let msg = demo::generate(&mut store, 100, villages, 10, 1).map_err(err)?;
        println!("generate\t{} ms\t{}", ms(t.elapsed()), msg.get(lang));
    }
    let total = store.count_members(&MemberQuery::default()).map_err(err)?;
    println!("database\t{}\t{total} current members", path.display());

    let queries = [
        "ngoc",
        "NGOC",
        "Ngọc",
        "nguyen thi anh",
        "tuan",
        "dak",
        "hoang van hung",
        "0912",
    ];
    let (med, p95, rows) = measure(runs, |i| {
        let q = MemberQuery {
            search: queries[i % queries.len()].into(),
            limit: Some(100),
            ..Default::default()
        };
        store.members(&q).map(|r| r.len()).unwrap_or(0)
    });
    println!(
        "search (first page of 100, accent-free)\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );

    let (med, p95, rows) = measure(runs, |i| {
        let q = MemberQuery {
            search: queries[i % queries.len()].into(),
            ..Default::default()
        };
        store.count_members(&q).unwrap_or(0)
    });
    println!(
        "search (count of all matches)\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );

    let (med, p95, rows) = measure(runs, |_| {
        let q = MemberQuery {
            search: "bich ngoc".into(),
            ..Default::default()
        };
        store.members(&q).map(|r| r.len()).unwrap_or(0)
    });
    println!(
        "search \"bich ngoc\" (all matches)\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );

    let team_ids: Vec<i64> = (1..=200).map(|i| i * 37 % 1000 + 1).collect();
    let (med, p95, rows) = measure(runs, |i| {
        let q = MemberQuery {
            team_id: Some(team_ids[i % team_ids.len()]),
            ..Default::default()
        };
        store.members(&q).map(|r| r.len()).unwrap_or(0)
    });
    println!(
        "list one team sorted\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );

    let (med, p95, rows) = measure(runs, |i| {
        let q = MemberQuery {
            limit: Some(100),
            offset: (i * 997) % (total.max(1)),
            ..Default::default()
        };
        store.members(&q).map(|r| r.len()).unwrap_or(0)
    });
    println!(
        "page of 100 in the whole roster\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    super::print::bench(lang).map_err(err)?;
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf, Msg> {
    let dir = std::env::temp_dir().join(format!("cnscd-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| {
        Msg::new(
            format!("Không tạo được thư mục tạm: {e}"),
            format!("Could not create a temporary folder: {e}"),
        )
    })?;
    Ok(dir)
}

/// `cnscd bench --activities N`: the commune's yearly report and the activity log on a
/// database of N generated activities.
pub fn run_activities(db: Option<&Path>, n: u64, runs: usize, lang: Lang) -> Result<(), Msg> {
    use crate::domain::period::Period;
    use crate::store::ActivityQuery;
    let err = |e: crate::store::StoreError| store_msg(&e);
    let dir = tempfile_dir()?;
    let path = db
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join("activities.db"));
    let mut store = Store::open(&path).map_err(err)?;
    if store.home_commune().map_err(err)?.is_none() {
        demo::dak_nia(&mut store).map_err(err)?;
    }
    let commune = store
        .home_commune()
        .map_err(err)?
        .map(|c| c.id)
        .unwrap_or_default();
    let all = ActivityQuery {
        commune_id: commune,
        ..Default::default()
    };
    let have = store.count_activities(&all).map_err(err)? as u64;
    if have < n {
        let msg = super::demo_activities::generate(&mut store, n - have, 7).map_err(err)?;
        println!("generate\t{}", msg.get(lang));
    }
    let total = store.count_activities(&all).map_err(err)?;
    println!("database\t{}\t{total} activities", path.display());
    let fonts = crate::render::Fonts::bundled();
    let out = dir.join("bao-cao-nam.pdf");
    let year = Period::Year(2026);
    let (med, p95, pages) = measure(runs, |_| {
        let req = super::report::ReportRequest::new(year, None);
        super::report::print_report(&mut store, &req, false, &out, &fonts)
            .map(|_| 1)
            .unwrap_or(0)
    });
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "yearly commune report, built and written\tmedian {} ms\tp95 {} ms\t{pages} ok\t{} KB",
        ms(med),
        ms(p95),
        bytes / 1024
    );
    let (med, p95, _) = measure(runs, |_| {
        store
            .period_figures(crate::store::Scope::Commune(commune), year)
            .map(|f| f.lines.len())
            .unwrap_or(0)
    });
    println!(
        "yearly figures alone\tmedian {} ms\tp95 {} ms",
        ms(med),
        ms(p95)
    );
    let teams: Vec<i64> = store
        .teams(commune)
        .map_err(err)?
        .iter()
        .map(|t| t.id)
        .collect();
    let queries = [
        ("log, first page of 50", None, None),
        ("log, one team", Some(teams[teams.len() - 1]), None),
        ("log, one month", None, Some(Period::Month(2026, 10))),
        (
            "log, one team and month",
            Some(teams[0]),
            Some(Period::Month(2026, 3)),
        ),
    ];
    for (label, team, month) in queries {
        let q = ActivityQuery {
            commune_id: commune,
            team_id: team,
            from: month.map(|m| m.first_day()),
            to: month.map(|m| m.last_day()),
            limit: Some(50),
            ..Default::default()
        };
        let (med, p95, rows) =
            measure(runs, |_| store.activities(&q).map(|r| r.len()).unwrap_or(0));
        let (cmed, _, count) = measure(runs, |_| {
            store
                .count_activities(&ActivityQuery {
                    limit: None,
                    ..q.clone()
                })
                .unwrap_or(0)
        });
        println!(
            "{label}\tmedian {} ms\tp95 {} ms\t{rows} rows\tcount {count} in {} ms",
            ms(med),
            ms(p95),
            ms(cmed)
        );
    }
    drop(store);
    if db.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
