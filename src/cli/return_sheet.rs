//! The villages' return sheets on the command line: `export return-sheet`, `import
//! return-sheet`, and `activity add` (one activity, with the form's checks).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, Out};
use crate::domain::activity::ActivityInput;
use crate::domain::period::Period;
use crate::domain::text::fold;
use crate::domain::{Field, FieldError, Lang, Msg};
use crate::office::return_sheet::{self, ExportRequest, TakeInRequest, Teams};
use crate::office::{Error, home};
use crate::store::Store;

/// `export return-sheet (--team ID | --all-villages) --period YYYY-MM --out FILE|DIR`.
#[derive(Debug, clap::Args)]
pub struct ExportSheet {
    /// The team whose sheet it is.
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "all_villages",
        conflicts_with = "all_villages"
    )]
    team: Option<i64>,
    /// One sheet for every village team, into the folder --out names.
    #[arg(long)]
    all_villages: bool,
    /// The month: 2026-11.
    #[arg(long, value_name = "YYYY-MM")]
    period: String,
    /// The sheet's file (.xlsx), or a folder (with --all-villages).
    #[arg(long, value_name = "FILE.xlsx|DIR")]
    out: PathBuf,
}

/// `import return-sheet FILE… [--dry-run] [--replace] [--add-kinds]`.
#[derive(Debug, clap::Args)]
pub struct ImportSheet {
    #[arg(value_name = "FILE.xlsx", required = true)]
    files: Vec<PathBuf>,
    /// Show what would be taken in, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// A month already taken in: replace exactly the lines of the earlier sheet.
    #[arg(long)]
    replace: bool,
    /// Add the kinds of activity the sheets name that the commune does not have.
    #[arg(long)]
    add_kinds: bool,
}

#[derive(Debug, Subcommand)]
pub enum ActivityVerb {
    /// Record one activity, checked as the form checks it.
    Add {
        #[arg(long, value_name = "ID")]
        team: i64,
        /// The day (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// The kind of activity, by its name (accents optional).
        #[arg(long, value_name = "NAME")]
        kind: String,
        #[arg(long, value_name = "N")]
        people: Option<String>,
        #[arg(long, value_name = "N")]
        households: Option<String>,
        /// What it adds to an indicator: its code and a count (`--count epay_households=12`).
        #[arg(long = "count", value_name = "CODE=N")]
        counts: Vec<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

pub(super) fn export(
    store: &mut Store,
    what: ExportSheet,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let period = Period::parse(&what.period)?;
    let teams = match what.team {
        Some(t) => Teams::One(t),
        None => Teams::AllVillages,
    };
    let done = return_sheet::export(
        store,
        &ExportRequest {
            teams,
            period,
            out: what.out,
            today: chrono::Local::now().date_naive(),
        },
    )?;
    for f in &done.files {
        writeln!(out, "{}", f.display())?;
    }
    let n = done.files.len();
    let msg = Msg::new(
        format!("Đã ghi {n} phiếu báo cáo."),
        format!("{n} return sheets written."),
    );
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}

pub(super) fn import(
    store: &mut Store,
    what: ImportSheet,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let req = TakeInRequest {
        files: what.files,
        replace: what.replace,
        add_kinds: what.add_kinds,
        today: chrono::Local::now().date_naive(),
    };
    if what.dry_run {
        let previews = return_sheet::preview(store, &req)?;
        let mut held = false;
        for p in &previews {
            let name = p.file.display();
            for r in p.reasons(lang) {
                held = true;
                writeln!(out, "{}: {r}", Msg::new("lỗi", "error").get(lang))?;
            }
            if p.refusal.is_some() {
                continue;
            }
            let head = match lang {
                Lang::Vi => format!("{name}: {}, {} dòng", p.team_name, p.lines.len()),
                Lang::En => format!("{name}: {}, {} lines", p.team_name, p.lines.len()),
            };
            writeln!(out, "{head}")?;
            for l in &p.lines {
                writeln!(
                    out,
                    "{}\t{}\t{}{}\t{}\t{}\t{}",
                    l.row,
                    crate::domain::vndate::short(l.date),
                    l.kind,
                    if l.new_kind {
                        Msg::new(" (loại mới)", " (new kind)").get(lang).to_string()
                    } else {
                        String::new()
                    },
                    l.people.map(|n| n.to_string()).unwrap_or_default(),
                    l.households.map(|n| n.to_string()).unwrap_or_default(),
                    l.counts
                        .iter()
                        .map(|(n, c)| format!("{n}={c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
            }
            for n in &p.notes {
                writeln!(
                    out,
                    "{}: {}",
                    Msg::new("ghi chú", "note").get(lang),
                    n.message(lang)
                )?;
            }
        }
        return super::dry_run_end(
            held,
            Msg::new("sẽ không nhập phiếu nào", "no sheet would be taken in"),
            out,
            lang,
        );
    }
    let done = return_sheet::take_in(store, &req)?;
    writeln!(out, "{}", done.summary().get(lang))?;
    Ok(())
}

pub(super) fn activity(
    store: &mut Store,
    verb: ActivityVerb,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let ActivityVerb::Add {
        team,
        date,
        kind,
        people,
        households,
        counts,
        note,
    } = verb;
    let commune = home(store)?;
    let t = store.team(team)?;
    if t.commune_id != commune.id {
        return Err(Error::not_found(
            format!("Không có Tổ số {team}"),
            format!("There is no team {team}"),
        )
        .into());
    }
    let kinds = store.activity_types(commune.id)?;
    let type_id = kinds
        .iter()
        .find(|(_, n)| fold(n) == fold(&kind))
        .map(|(id, _)| *id);
    let Some(type_id) = type_id else {
        let list = kinds
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(Error::invalid(FieldError::new(
            Field::ActivityType,
            format!("không có loại “{kind}”; các loại của xã: {list}"),
            format!("there is no kind “{kind}”; the commune's kinds: {list}"),
        ))
        .into());
    };
    let indicators = store.indicators()?;
    let mut typed: Vec<(i64, String, String)> = indicators
        .iter()
        .map(|i| (i.id, i.name.clone(), String::new()))
        .collect();
    for c in &counts {
        let Some((code, n)) = c.split_once('=') else {
            return Err(Error::invalid(FieldError::new(
                Field::Indicator,
                format!(
                    "“{c}” cần dạng MÃ=SỐ, ví dụ {}=12",
                    indicators
                        .first()
                        .map_or("epay_households", |i| i.code.as_str())
                ),
                format!(
                    "“{c}” must look like CODE=N, e.g. {}=12",
                    indicators
                        .first()
                        .map_or("epay_households", |i| i.code.as_str())
                ),
            ))
            .into());
        };
        let Some(slot) = indicators
            .iter()
            .position(|i| i.code.eq_ignore_ascii_case(code.trim()))
        else {
            let list = indicators
                .iter()
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(Error::invalid(FieldError::new(
                Field::Indicator,
                format!("không có chỉ tiêu mã “{code}”; các mã: {list}"),
                format!("there is no indicator “{code}”; the codes: {list}"),
            ))
            .into());
        };
        typed[slot].2 = n.trim().to_string();
    }
    let input = ActivityInput {
        on_date: date,
        team_id: Some(team),
        village_id: t.village_id,
        type_id: Some(type_id),
        people: people.unwrap_or_default(),
        households: households.unwrap_or_default(),
        counts: typed,
        note: note.unwrap_or_default(),
        participants: Vec::new(),
    };
    let a = input
        .check(commune.id, chrono::Local::now().date_naive())
        .map_err(Error::Invalid)?;
    let id = store.add_activity(&a)?;
    writeln!(out, "{id}")?;
    let msg = Msg::new(
        format!(
            "Đã ghi hoạt động ngày {}.",
            crate::domain::vndate::short(a.on_date)
        ),
        format!(
            "Activity of {} recorded.",
            crate::domain::vndate::short(a.on_date)
        ),
    );
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}
