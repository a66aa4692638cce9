//! The province on the command line: `province set`, `export province-sheet` (a
//! commune's, or a blank template), `import province-sheet`, `submissions`.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, Out};
use crate::domain::period::Period;
use crate::domain::{Lang, Msg, vndate};
use crate::office::Error;
use crate::office::province::{self, ExportRequest, Status};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum ProvinceVerb {
    /// Make this database a province's (its code in the official list: `cnscd units`
    /// lists a province's communes with it); a commune's database is refused.
    Set {
        #[arg(long, value_name = "N")]
        code: u32,
        /// Who issues the province's reports: so (the Sở KH&CN) or ubnd (the UBND tỉnh).
        #[arg(long, value_name = "so|ubnd", default_value = "so")]
        issuer: String,
    },
}

/// `export province-sheet --period P --out F.xlsx [--blank --code N]`.
#[derive(Debug, clap::Args)]
pub struct ExportSheet {
    /// 2026-11 (month), 2026-Q3, 2026-H1 or 2026.
    #[arg(long, value_name = "PERIOD")]
    period: String,
    #[arg(long, value_name = "FILE.xlsx")]
    out: PathBuf,
    /// A blank template for a commune without the program to fill (needs --code).
    #[arg(long, requires = "code")]
    blank: bool,
    /// The unit of the blank template, by its code in the official list.
    #[arg(long, value_name = "N", requires = "blank")]
    code: Option<u32>,
}

/// `import province-sheet FILE|DIR… [--dry-run]`.
#[derive(Debug, clap::Args)]
pub struct ImportSheet {
    #[arg(value_name = "FILE|DIR", required = true)]
    files: Vec<PathBuf>,
    /// Show what would be taken in, write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub(super) fn run(
    store: &mut Store,
    verb: ProvinceVerb,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let ProvinceVerb::Set { code, issuer } = verb;
    let name = province::set_home(store, code, &issuer)?;
    let msg = Msg::new(
        format!("Cơ sở dữ liệu của {name} (mã {code})."),
        format!("The database of {name} (code {code})."),
    );
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}

pub(super) fn export(store: &Store, what: ExportSheet, out: &mut Out<'_>) -> Result<(), Failure> {
    let period = Period::parse(&what.period)?;
    let path = province::export(
        store,
        &ExportRequest {
            period,
            out: what.out,
            blank: what.blank.then_some(what.code).flatten(),
        },
    )?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}

pub(super) fn import(
    store: &mut Store,
    what: ImportSheet,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    if what.dry_run {
        let previews = province::preview(store, &what.files)?;
        let mut held = false;
        for p in &previews {
            for r in p.reasons(lang) {
                held = true;
                writeln!(out, "{}: {r}", Msg::new("lỗi", "error").get(lang))?;
            }
            if let (None, Some(s)) = (&p.refusal, &p.sheet) {
                let f = &s.figures;
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    p.file.display(),
                    f.code,
                    f.unit,
                    f.period,
                    match (p.replaces, lang) {
                        (Some(d), Lang::Vi) => format!("thay biểu nhận ngày {}", vndate::short(d)),
                        (Some(d), Lang::En) =>
                            format!("replaces the sheet of {}", vndate::short(d)),
                        (None, Lang::Vi) => "mới".into(),
                        (None, Lang::En) => "new".into(),
                    }
                )?;
            }
        }
        return super::dry_run_end(
            held,
            Msg::new("sẽ không nhận biểu nào", "no sheet would be taken in"),
            out,
            lang,
        );
    }
    let done = province::take_in(store, &what.files, chrono::Local::now().date_naive())?;
    writeln!(out, "{}", done.summary().get(lang))?;
    Ok(())
}

pub(super) fn submissions(
    store: &Store,
    period: &str,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let period = Period::parse(period)?;
    let (due, lines) = province::submissions(store, period)?;
    for l in &lines {
        let status = match (l.status, lang) {
            (Status::OnTime, Lang::Vi) => "đúng hạn",
            (Status::Late, Lang::Vi) => "muộn",
            (Status::Missing, Lang::Vi) => "chưa gửi",
            (Status::OnTime, Lang::En) => "on time",
            (Status::Late, Lang::En) => "late",
            (Status::Missing, Lang::En) => "missing",
        };
        writeln!(
            out,
            "{}\t{}\t{status}\t{}\t{}",
            l.code,
            l.unit,
            l.received_on.map(vndate::short).unwrap_or_default(),
            l.file
        )?;
    }
    let n = |s: Status| lines.iter().filter(|l| l.status == s).count();
    let msg = Msg::new(
        format!(
            "Hạn {}: {} đúng hạn, {} muộn, {} chưa gửi (của {} xã, phường).",
            vndate::short(due),
            n(Status::OnTime),
            n(Status::Late),
            n(Status::Missing),
            lines.len()
        ),
        format!(
            "Due {}: {} on time, {} late, {} missing (of {} communes and wards).",
            vndate::short(due),
            n(Status::OnTime),
            n(Status::Late),
            n(Status::Missing),
            lines.len()
        ),
    );
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum TargetVerb {
    /// The province sets an indicator's target of a year: for every commune, or for
    /// one (`--code N`); the value in the indicator's own unit (a percent where it has
    /// a base).
    Set {
        #[arg(long, value_name = "YEAR")]
        year: i32,
        #[arg(long, value_name = "CODE")]
        indicator: String,
        #[arg(long, value_name = "V")]
        value: String,
        #[arg(long, value_name = "N")]
        code: Option<u32>,
    },
}

/// `export targets --year Y --out F.xlsx|DIR`.
#[derive(Debug, clap::Args)]
pub struct ExportTargets {
    #[arg(long, value_name = "YEAR")]
    year: i32,
    /// One workbook (a row per commune), or a folder (a file per commune).
    #[arg(long, value_name = "FILE.xlsx|DIR")]
    out: PathBuf,
}

/// `import targets F.xlsx`: a commune takes its targets in.
#[derive(Debug, clap::Args)]
pub struct ImportTargets {
    #[arg(value_name = "FILE.xlsx")]
    file: PathBuf,
}

pub(super) fn target(
    store: &mut Store,
    verb: TargetVerb,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let TargetVerb::Set {
        year,
        indicator,
        value,
        code,
    } = verb;
    let v: f64 = value.trim().replace(',', ".").parse().map_err(|_| {
        Error::invalid(crate::domain::FieldError::new(
            crate::domain::Field::Target,
            format!("“{value}” không phải một số"),
            format!("“{value}” is not a number"),
        ))
    })?;
    province::targets::set(store, year, &indicator, v, code)?;
    let msg = Msg::new(
        format!("Đã đặt chỉ tiêu năm {year}."),
        format!("Target of {year} set."),
    );
    writeln!(out, "{}", msg.get(lang))?;
    Ok(())
}

pub(super) fn export_targets(
    store: &Store,
    what: ExportTargets,
    out: &mut Out<'_>,
) -> Result<(), Failure> {
    for f in province::targets::export(
        store,
        what.year,
        &what.out,
        chrono::Local::now().date_naive(),
    )? {
        writeln!(out, "{}", f.display())?;
    }
    Ok(())
}

pub(super) fn import_targets(
    store: &mut Store,
    what: ImportTargets,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let taken = province::targets::import(store, &what.file)?;
    for (name, v) in &taken.values {
        writeln!(out, "{name}\t{v}")?;
    }
    writeln!(out, "{}", taken.summary().get(lang))?;
    Ok(())
}
