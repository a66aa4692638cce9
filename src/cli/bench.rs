//! `cnscd bench`: figures on a generated database of its own, in a temporary folder
//! (never the clerk's). Timings are printed, never asserted.

use std::time::{Duration, Instant};

/// Prints a line of figures; a reader that went away (`cnscd bench | head`) only stops
/// the printing, never panics.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

use super::Failure;
use crate::domain::Lang;
use crate::office::decisions::{self, DecisionRequest};
use crate::office::{Error, demo, demo_activities, reports, roster};
use crate::store::{MemberQuery, Store};

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

pub fn run(members: u32, runs: usize, lang: Lang) -> Result<(), Failure> {
    let dir = TempDir::new()?;
    let path = dir.0.join("bench.db");
    let mut store = Store::open(&path)?;
    {
        // 100 communes × (villages + 1) teams × 10 members.
        let per_commune = (members / 100).max(1);
        let villages = (per_commune / 10).max(1) - 1;
        let t = Instant::now();
        let msg = demo::generate(&mut store, 100, villages, 10, 1)?;
        say!("generate\t{} ms\t{}", ms(t.elapsed()), msg.get(lang));
    }
    // Closed and opened again, as the clerk's database is: the generated rows leave
    // the write-ahead log for the database file.
    drop(store);
    let store = Store::open(&path)?;
    let total = store.count_members(&MemberQuery::default())?;
    say!("database\t{}\t{total} current members", path.display());

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
    say!(
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
    say!(
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
    say!(
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
    say!(
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
    say!(
        "page of 100 in the whole roster\tmedian {} ms\tp95 {} ms\t{rows} rows",
        ms(med),
        ms(p95)
    );
    roster_keystrokes(&store, runs);
    drop(store);
    decision_benches(runs, lang)?;
    Ok(())
}

/// `cnscd bench --import N`: a generated sheet of N members (a title block above the
/// header, as offices keep them) previewed, then imported into a village team of a new
/// commune — each run on a database of its own, the sheet read from the file each time.
pub fn run_import(n: u32, runs: usize) -> Result<(), Failure> {
    use crate::office::member_import::{self, ImportRequest};
    use crate::office::setup::{self, CommuneInput};
    use crate::office::spreadsheet;
    let dir = TempDir::new()?;
    let table = demo::member_sheet(n);
    let sheet = dir.0.join("danh-sach.xlsx");
    let bytes = spreadsheet::xlsx(&[table])?;
    std::fs::write(&sheet, &bytes).map_err(|e| Failure::Office(Error::file(&sheet, &e)))?;
    say!("sheet	{}	{n} lines, {} bytes", sheet.display(), bytes.len());
    let fresh = |i: usize| -> Result<(Store, i64), Failure> {
        let path = dir.0.join(format!("import-{i}.db"));
        let mut store = Store::open(&path)?;
        setup::set_commune(
            &mut store,
            &CommuneInput {
                province: "Lâm Đồng".into(),
                kind: "xa".into(),
                name: "Thử Nghiệm".into(),
                chairman: "Nguyễn Văn Chủ".into(),
                ..Default::default()
            },
        )?;
        setup::add_villages(&mut store, "thon", &["Một".to_string()])?;
        let (team, _) = setup::add_team(&mut store, Some("Một"))?;
        Ok((store, team.id))
    };
    let request = |team: i64| ImportRequest {
        file: sheet.clone(),
        team,
        ..Default::default()
    };
    let (store, team) = fresh(0)?;
    let preview = measure(runs, |_| {
        member_import::preview(&store, &request(team))
            .map(|p| p.lines.len())
            .unwrap_or(0)
    });
    line(
        "import preview (sheet read, lines checked)",
        (preview.0, preview.1),
        &format!("\t{} lines", preview.2),
    );
    drop(store);
    let mut times = Vec::new();
    let mut added = 0;
    for i in 1..=runs.clamp(1, 11) {
        let (mut store, team) = fresh(i)?;
        let t = Instant::now();
        let done = member_import::run(&mut store, &request(team))?;
        times.push(t.elapsed());
        added = done.memberships.len();
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    line(
        "import run (one transaction, fresh database)",
        (times[times.len() / 2], p95),
        &format!("\t{added} members added"),
    );
    Ok(())
}

/// Villages, and lines a filled sheet has, in the return sheets' benchmark.
const SHEET_VILLAGES: usize = 30;
const SHEET_LINES: usize = 40;

/// The villages' return sheets: writing every village team's sheet of a commune of 30
/// villages, and taking in 30 filled sheets of 40 lines each (one transaction, on a
/// fresh copy of the database each run).
pub fn run_return_sheets(runs: usize) -> Result<(), Failure> {
    use crate::domain::period::Period;
    use crate::office::return_sheet::{self, TakeInRequest};
    use crate::office::setup::{self, CommuneInput};
    let dir = TempDir::new()?;
    let base = dir.0.join("xa.db");
    let mut store = Store::open(&base)?;
    setup::set_commune(
        &mut store,
        &CommuneInput {
            province: "Đắk Lắk".into(),
            kind: "xa".into(),
            name: "Thử Nghiệm".into(),
            chairman: "Nguyễn Văn Chủ".into(),
            ..Default::default()
        },
    )?;
    let names: Vec<String> = (1..=SHEET_VILLAGES).map(|i| i.to_string()).collect();
    setup::add_villages(&mut store, "thon", &names)?;
    let mut teams = Vec::new();
    for n in &names {
        teams.push(setup::add_team(&mut store, Some(n))?.0.id);
    }
    let today = chrono::Local::now().date_naive();
    let period = Period::month_of(
        chrono::Datelike::with_day(&today, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(today),
    );
    let write = measure(runs, |_| {
        teams
            .iter()
            .filter(|t| return_sheet::sheet_for(&mut store, **t, period, today).is_ok())
            .count()
    });
    line(
        "return sheets written (every village team's, in memory)",
        (write.0, write.1),
        &format!("	{} sheets", write.2),
    );
    let day = crate::domain::vndate::short(period.first_day());
    let mut files = Vec::new();
    for (i, t) in teams.iter().enumerate() {
        let (_, bytes) = return_sheet::sheet_for(&mut store, *t, period, today)?;
        let filled = fill_lines(&bytes, &day)?;
        let f = dir.0.join(format!("phieu-{i}.xlsx"));
        std::fs::write(&f, filled).map_err(|e| Failure::Office(Error::file(&f, &e)))?;
        files.push(f);
    }
    drop(store);
    let request = TakeInRequest {
        files,
        replace: false,
        add_kinds: false,
        today,
    };
    let mut times = Vec::new();
    let mut added = 0;
    for i in 0..runs.clamp(1, 11) {
        let copy = dir.0.join(format!("take-in-{i}.db"));
        std::fs::copy(&base, &copy).map_err(|e| Failure::Office(Error::file(&copy, &e)))?;
        let mut s = Store::open(&copy)?;
        let t = Instant::now();
        let done = return_sheet::take_in(&mut s, &request)?;
        times.push(t.elapsed());
        added = done.sheets.iter().map(|d| d.2).sum::<usize>();
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    line(
        "return sheets taken in (30 files read, checked, one transaction)",
        (times[times.len() / 2], p95),
        &format!("	{added} activities"),
    );
    Ok(())
}

/// A return sheet with its 40 lines filled (a day, a kind, people reached), typed
/// into the sheet's cells as a team leader would.
fn fill_lines(bytes: &[u8], day: &str) -> Result<Vec<u8>, Failure> {
    use std::io::{Read, Write};
    let bad = |e: zip::result::ZipError| {
        Failure::Office(Error::refused(format!("zip: {e}"), format!("zip: {e}")))
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(bad)?;
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data)?;
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8_lossy(&data).into_owned();
            for r in 9..9 + SHEET_LINES {
                for (col, value) in [
                    ("A", day.to_string()),
                    ("B", "Họp Tổ".into()),
                    ("C", format!("{r}")),
                ] {
                    let at = format!("<c r=\"{col}{r}\"");
                    if let Some(start) = xml.find(&at) {
                        let end = start + xml[start..].find("/>").unwrap_or(0) + 2;
                        let tag = &xml[start..end];
                        let style = tag
                            .find(" s=\"")
                            .map(|i| tag[i..].split('"').take(2).collect::<Vec<_>>().join("\""))
                            .map(|s| format!("{s}\""))
                            .unwrap_or_default();
                        let cell = format!(
                            "<c r=\"{col}{r}\"{style} t=\"inlineStr\"><is><t>{value}</t></is></c>"
                        );
                        xml.replace_range(start..end, &cell);
                    }
                }
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .map_err(bad)?;
        out.write_all(&data)?;
    }
    Ok(out.finish().map_err(bad)?.into_inner())
}

/// The province: the sheets of the 168 communes and wards of Thành phố Hồ Chí Minh
/// (written by the program from made-up figures, for the year) taken in at once, on a
/// fresh province database each run; then the province's yearly report built from them
/// and written as PDF.
pub fn run_province(runs: usize) -> Result<(), Failure> {
    use crate::domain::units;
    use crate::office::province::{self, IndicatorFigures, ProvinceFigures};
    let dir = TempDir::new()?;
    let folder = dir.0.join("bieu");
    std::fs::create_dir_all(&folder).map_err(|e| Failure::Office(Error::file(&folder, &e)))?;
    let catalogue = crate::domain::indicator::catalogue();
    let list: Vec<&units::Unit> = units::all()
        .iter()
        .filter(|u| u.province_code == 79)
        .collect();
    for (i, u) in list.iter().enumerate() {
        let n = i as i64;
        let f = ProvinceFigures {
            code: u.code,
            unit: u.full_name.to_string(),
            province: u.province_full.to_string(),
            period: "2026".into(),
            report_number: format!("{:02}/BC-UBND", i % 40 + 1),
            report_date: None,
            teams: Some(3 + n % 5),
            members: Some(20 + n),
            leaders: Some(3),
            deputies: Some(4),
            others: Some(13 + n),
            kinds: vec![
                ("Họp Tổ".into(), Some(2)),
                ("Tuyên truyền, họp dân".into(), Some(n % 7)),
            ],
            activities: Some(2 + n % 7),
            people: Some(100 + n),
            households: Some(40 + n),
            indicators: catalogue
                .iter()
                .map(|c| IndicatorFigures {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    unit: c.unit.clone(),
                    period: Some(n % 9),
                    cumulative: Some(10 + n),
                    base: Some(1000),
                    share: Some((10 + n) as f64 / 10.0),
                    target: Some(80.0),
                })
                .collect(),
            texts: Default::default(),
        };
        let p = folder.join(format!("{}.xlsx", u.code));
        let bytes = province::sheet_bytes(&f, false)?;
        std::fs::write(&p, bytes).map_err(|e| Failure::Office(Error::file(&p, &e)))?;
    }
    say!("sheets	{}	{} files", folder.display(), list.len());
    let today = chrono::Local::now().date_naive();
    let mut times = Vec::new();
    let mut taken = 0;
    for i in 0..runs.clamp(1, 11) {
        let mut s = Store::open(&dir.0.join(format!("tinh-{i}.db")))?;
        province::set_home(&mut s, 79, "so")?;
        let t = Instant::now();
        let done = province::take_in(&mut s, std::slice::from_ref(&folder), today)?;
        times.push(t.elapsed());
        taken = done.sheets.len();
    }
    let median_p95 = |times: &mut Vec<std::time::Duration>| {
        times.sort();
        let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
        (times[times.len() / 2], p95)
    };
    line(
        "province sheets taken in (read, checked, one transaction)",
        median_p95(&mut times),
        &format!("	{taken} sheets"),
    );
    // The yearly report of the last database: built from the 168 sheets, laid out and
    // written as PDF.
    let s = Store::open(&dir.0.join(format!("tinh-{}.db", runs.clamp(1, 11) - 1)))?;
    let req = province::report::ReportRequest {
        period: crate::domain::period::Period::parse("2026").map_err(Error::invalid)?,
        date: Some(today),
        number: None,
        signer: None,
        created: None,
    };
    let fonts = crate::render::Fonts::bundled();
    let mut times = Vec::new();
    let (mut bytes, mut pages) = (0, 0);
    for i in 0..runs.clamp(1, 11) {
        let out = dir.0.join(format!("bc-{i}.pdf"));
        let t = Instant::now();
        let saved =
            province::report::save(&s, &req, &crate::office::output::Target::new(&out), &fonts)?;
        times.push(t.elapsed());
        (bytes, pages) = (saved.bytes, saved.pages);
    }
    line(
        "province's yearly report built and written (PDF)",
        median_p95(&mut times),
        &format!("	{pages} pages, {bytes} bytes"),
    );
    Ok(())
}

/// A folder of the benchmark's own, removed when it ends.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Result<Self, Failure> {
        let dir = std::env::temp_dir().join(format!("cnscd-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Failure::Office(Error::file(&dir, &e)))?;
        Ok(Self(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn line(label: &str, (med, p95): (Duration, Duration), rest: &str) {
    say!("{label}\tmedian {} ms\tp95 {} ms{rest}", ms(med), ms(p95));
}

/// What the roster screen does for one keystroke in its search: the first page and
/// the (capped) count, as the clerk types `n`, `ng`, `ngo`, `ngoc`, …
fn roster_keystrokes(store: &Store, runs: usize) {
    let typed = [
        "n", "ng", "ngo", "ngoc", "t", "th", "thu", "h", "hoa", "hoang v",
    ];
    let (med, p95, rows) = measure(runs.max(typed.len()), |i| {
        let q = MemberQuery {
            search: typed[i % typed.len()].into(),
            ..Default::default()
        };
        roster::page(store, &q, 0, 50)
            .map(|p| p.lines.len())
            .unwrap_or(0)
    });
    line(
        "roster keystroke, first page of 50 and capped count",
        (med, p95),
        &format!("\t{rows} rows"),
    );
    // As it was before the count was capped: the page and a count of every match.
    let (med, p95, rows) = measure(runs.max(typed.len()), |i| {
        let q = MemberQuery {
            search: typed[i % typed.len()].into(),
            ..Default::default()
        };
        let page = store.members(&MemberQuery {
            limit: Some(50),
            ..q.clone()
        });
        std::hint::black_box(store.count_members(&q).unwrap_or(0));
        page.map(|p| p.len()).unwrap_or(0)
    });
    line(
        "roster keystroke, first page of 50 and full count (before)",
        (med, p95),
        &format!("\t{rows} rows"),
    );
}

/// Times `f` and prints a line.
fn timed(label: &str, runs: usize, f: impl FnMut(usize) -> usize, unit: &str) {
    let (med, p95, n) = measure(runs, f);
    line(label, (med, p95), &format!("\t{n} {unit}"));
}

/// A team of `n` members in the demo commune.
fn big_team(store: &mut Store, n: usize) -> Result<i64, Failure> {
    use crate::domain::people::{Joining, Person, Role};
    let village = store
        .villages(1, false)?
        .into_iter()
        .find(|v| v.name == "3")
        .map(|v| v.id);
    let team = store.create_team(1, village, None)?;
    for i in 0..n {
        let person = Person {
            full_name: format!("Nguyễn Văn Thành Viên {i}"),
            given_name: format!("Viên {i}"),
            position: "Người dân thôn 3".into(),
            phone: Some(format!("09{i:08}")),
            ..Default::default()
        };
        let role = if i == 0 { Role::Leader } else { Role::Member };
        store.add_member(
            team.id,
            &person,
            &Joining {
                role,
                duties: String::new(),
                joined_on: None,
                joined_by: String::new(),
            },
        )?;
    }
    Ok(team.id)
}

/// Building and writing decisions, and the preview's work for one keystroke in the
/// subject: build the document (under the database) and lay it out (outside it).
fn decision_benches(runs: usize, lang: Lang) -> Result<(), Failure> {
    let mut store = Store::open_in_memory()?;
    demo::dak_nia(&mut store)?;
    let fonts = crate::render::Fonts::bundled();
    let base = DecisionRequest {
        number: Some(23),
        date: chrono::NaiveDate::from_ymd_opt(2022, 7, 27),
        created: crate::office::output::parse_created("2022-07-27T08:00:00").ok(),
        ..DecisionRequest::for_team(1)
    };
    let big = big_team(&mut store, 60)?;
    let demo_label = match lang {
        Lang::Vi => "quyết định mẫu kèm danh sách",
        Lang::En => "demo decision with annex",
    };
    let cases = [
        (demo_label, 1, Some(0)),
        ("60 members, attached list", big, Some(10)),
        ("60 members, listed in Article 1", big, Some(100)),
    ];
    for (label, team, annex) in cases {
        let req = DecisionRequest {
            teams: decisions::Teams::One(team),
            annex_threshold: annex,
            ..base.clone()
        };
        let mut size = 0;
        let (med, p95, pages) = measure(runs, |_| {
            let built = decisions::build(&store, &req).ok();
            built
                .and_then(|b| decisions::pdf(&b.doc, &fonts).ok())
                .map(|(laid, bytes)| {
                    size = bytes.len();
                    laid.pages.len()
                })
                .unwrap_or(0)
        });
        line(
            &format!("{label}, built and written"),
            (med, p95),
            &format!("\t{pages} pages\t{size} bytes"),
        );
    }
    for (label, team) in [
        ("preview keystroke, demo decision", 1),
        ("preview keystroke, 60-member decision", big),
    ] {
        let typed = "Về việc kiện toàn Tổ công nghệ số cộng đồng";
        timed(
            label,
            runs,
            |i| {
                // The subject as it stands after the i-th character typed.
                let end = typed
                    .char_indices()
                    .nth(i % typed.chars().count() + 1)
                    .map(|(b, _)| b)
                    .unwrap_or(typed.len());
                let req = DecisionRequest {
                    teams: decisions::Teams::One(team),
                    subject: Some(typed[..end].to_string()),
                    ..base.clone()
                };
                decisions::build(&store, &req)
                    .map(|b| decisions::layout(&b.doc, &fonts).pages.len())
                    .unwrap_or(0)
            },
            "pages",
        );
        // The part that holds the database: building the document alone.
        timed(
            &format!("{label}, database part (build only)"),
            runs,
            |_| {
                let req = DecisionRequest {
                    teams: decisions::Teams::One(team),
                    subject: Some(typed.to_string()),
                    ..base.clone()
                };
                decisions::build(&store, &req)
                    .map(|b| b.doc.annexes.len() + 1)
                    .unwrap_or(0)
            },
            "parts",
        );
    }
    Ok(())
}

/// `cnscd bench --activities N`: the commune's yearly report and the activity log on a
/// database of N generated activities.
pub fn run_activities(n: u64, runs: usize, lang: Lang) -> Result<(), Failure> {
    use crate::domain::period::Period;
    use crate::store::ActivityQuery;
    let dir = TempDir::new()?;
    let path = dir.0.join("activities.db");
    let mut store = Store::open(&path)?;
    demo::dak_nia(&mut store)?;
    let commune = store.home_commune()?.map(|c| c.id).unwrap_or_default();
    let all = ActivityQuery {
        commune_id: commune,
        ..Default::default()
    };
    let have = store.count_activities(&all)? as u64;
    if have < n {
        let msg = demo_activities::generate(&mut store, n - have, 7)?;
        say!("generate\t{}", msg.get(lang));
    }
    let total = store.count_activities(&all)?;
    say!("database\t{}\t{total} activities", path.display());
    let fonts = crate::render::Fonts::bundled();
    let out = dir.0.join("bao-cao-nam.pdf");
    let year = Period::Year(2026);
    let (med, p95, pages) = measure(runs, |_| {
        let req = reports::ReportRequest::new(year, None);
        reports::save(
            &store,
            &req,
            &crate::office::output::Target::replacing(&out),
            &fonts,
        )
        .map(|_| 1)
        .unwrap_or(0)
    });
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    say!(
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
    say!(
        "yearly figures alone\tmedian {} ms\tp95 {} ms",
        ms(med),
        ms(p95)
    );
    let teams: Vec<i64> = store.teams(commune)?.iter().map(|t| t.id).collect();
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
        say!(
            "{label}\tmedian {} ms\tp95 {} ms\t{rows} rows\tcount {count} in {} ms",
            ms(med),
            ms(p95),
            ms(cmed)
        );
    }
    drop(store);
    drop(dir);
    Ok(())
}
