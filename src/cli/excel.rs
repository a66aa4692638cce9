//! Excel and Word in and out: `import members`, `export roster|activities|progress|
//! report|decision` (`print … --out FILE.docx` is in `print.rs`, by extension).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{Failure, Out, date_flag, font_flag};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang};
use crate::office::member_import::{self, ImportRequest, Outcome};
use crate::office::output::Target;
use crate::office::{Error, excel_export, reports, word};
use crate::store::{ActivityQuery, Store};

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The roster as .xlsx: the whole commune, one sheet per team, those who left.
    #[command(alias = "members")]
    Roster {
        /// Citizen IDs in full (masked by default).
        #[arg(long)]
        full_id: bool,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// The activity log as .xlsx, with the filters of `cnscd activities`.
    Activities {
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// The kind of activity (its id).
        #[arg(long, value_name = "ID")]
        kind: Option<i64>,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// The indicators' progress of a period as .xlsx: the commune's, or a team's.
    Progress {
        /// 2026-10 (month), 2026-Q3, 2026-H1 or 2026.
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
    },
    /// A report's tables as .xlsx (--out) or the report as Word (--docx): an issued
    /// one by its id, or the draft of a period.
    Report {
        /// An issued report's id (see `cnscd reports`).
        #[arg(value_name = "ID", conflicts_with = "period")]
        id: Option<i64>,
        #[arg(long, value_name = "PERIOD", required_unless_present = "id")]
        period: Option<String>,
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        #[arg(long, value_name = "FILE.xlsx", required_unless_present = "docx")]
        out: Option<PathBuf>,
        #[arg(long, value_name = "FILE.docx")]
        docx: Option<PathBuf>,
        #[arg(long)]
        font: Option<String>,
    },
    /// An issued decision as Word, from its frozen model (drafts: `print decision …
    /// --out FILE.docx`).
    Decision {
        /// The decision's id (see `cnscd decisions`).
        id: i64,
        #[arg(long, value_name = "FILE.docx")]
        docx: PathBuf,
        #[arg(long)]
        font: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Members from a spreadsheet (.xlsx, .xls, .ods, .csv) into a team: previewed,
    /// then all lines in one transaction, or none.
    Members {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "ID")]
        team: i64,
        /// The sheet to read (the first with a recognised header by default).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The header's row, counted from 1, when it is not found on its own.
        #[arg(long, value_name = "N")]
        header_row: Option<usize>,
        /// A column for a field: name, family, given, position, unit, role, duties,
        /// phone, birth, gender, cccd, village, email, notes, joined, stt — and a
        /// column letter, number or header (`--map phone=E`, `--map notes=` for none).
        #[arg(long, value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// Import the good lines and leave the lines with errors out.
        #[arg(long)]
        skip_bad: bool,
        /// Only show what would be done; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Where the lines left out go (beside FILE, under a new name, by default).
        #[arg(long, value_name = "FILE.xlsx")]
        skipped_out: Option<PathBuf>,
    },
}

fn xlsx_target(path: &Path) -> Result<Target, Error> {
    let ok = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("xlsx"));
    if !ok {
        return Err(Error::invalid(FieldError::new(
            Field::OutFile,
            format!("{} cần đuôi .xlsx", path.display()),
            format!("{} must end in .xlsx", path.display()),
        )));
    }
    Ok(Target::replacing(path))
}

fn docx_target(path: &Path) -> Result<Target, Error> {
    if !word::is_docx(path) {
        return Err(Error::invalid(FieldError::new(
            Field::OutFile,
            format!("{} cần đuôi .docx", path.display()),
            format!("{} must end in .docx", path.display()),
        )));
    }
    Ok(Target::replacing(path))
}

pub(super) fn export(
    store: &mut Store,
    what: ExportWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let today = chrono::Local::now().date_naive();
    let (tables, target) = match what {
        ExportWhat::Roster { full_id, out: path } => (
            excel_export::roster(store, full_id, today)?,
            xlsx_target(&path)?,
        ),
        ExportWhat::Activities {
            team,
            from,
            to,
            kind,
            out: path,
        } => {
            if let Some(t) = team {
                store.team(t)?;
            }
            let q = ActivityQuery {
                team_id: team,
                type_id: kind,
                from: date_flag(from.as_deref())?,
                to: date_flag(to.as_deref())?,
                ..Default::default()
            };
            (
                vec![excel_export::activities(store, q, today)?],
                xlsx_target(&path)?,
            )
        }
        ExportWhat::Progress {
            period,
            team,
            out: path,
        } => {
            let period = Period::parse(&period)?;
            (
                vec![excel_export::progress(store, team, period, today)?],
                xlsx_target(&path)?,
            )
        }
        ExportWhat::Report {
            id,
            period,
            team,
            out: xlsx,
            docx,
            font,
        } => {
            let req = period
                .as_deref()
                .map(|p| Period::parse(p).map(|p| reports::ReportRequest::new(p, team)))
                .transpose()?;
            // One document for both files; every check before the first is written. A
            // province's database: the province's report of the period.
            let province = match (store.province_home()?, &req) {
                (Some(_), Some(r)) => Some(r.period),
                _ => None,
            };
            let doc = match province {
                Some(period) => crate::office::province::report::document(
                    store,
                    &crate::office::province::report::ReportRequest {
                        period,
                        date: None,
                        number: None,
                        signer: None,
                        created: None,
                    },
                )?,
                None => excel_export::report_document(store, id, req.as_ref())?,
            };
            // The province's workbook has its chart by commune.
            if let (Some(period), Some(p)) = (province, &xlsx) {
                let target = xlsx_target(p)?;
                target.check(store.path())?;
                if let Some(d) = &docx {
                    let fonts = font_flag(store, font.as_deref())?;
                    let saved = word::write(&doc, &docx_target(d)?, store.path(), &fonts)?;
                    writeln!(out, "{}", saved.summary().get(lang))?;
                }
                let written = crate::office::province::report::workbook_of(
                    store, &doc, period, &target, today,
                )?;
                writeln!(out, "{}", written.summary().get(lang))?;
                for (sheet, rows) in &written.sheets {
                    writeln!(out, "{sheet}\t{rows}")?;
                }
                return Ok(());
            }
            let xlsx = match xlsx {
                Some(p) => Some((
                    excel_export::tables_of_report(store, &doc, today)?,
                    xlsx_target(&p)?,
                )),
                None => None,
            };
            if let Some((_, t)) = &xlsx {
                t.check(store.path())?;
            }
            if let Some(d) = docx {
                let fonts = font_flag(store, font.as_deref())?;
                let saved = word::write(&doc, &docx_target(&d)?, store.path(), &fonts)?;
                writeln!(out, "{}", saved.summary().get(lang))?;
            }
            match xlsx {
                Some(x) => x,
                None => return Ok(()),
            }
        }
        ExportWhat::Decision { id, docx, font } => {
            let fonts = font_flag(store, font.as_deref())?;
            let saved = word::issued_decision(store, id, &docx_target(&docx)?, &fonts)?;
            writeln!(out, "{}", saved.summary().get(lang))?;
            return Ok(());
        }
    };
    let written = excel_export::write(store, &tables, &target)?;
    writeln!(out, "{}", written.summary().get(lang))?;
    for (sheet, rows) in &written.sheets {
        writeln!(out, "{sheet}\t{rows}")?;
    }
    Ok(())
}

pub(super) fn import(
    store: &mut Store,
    what: ImportWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let ImportWhat::Members {
        file,
        team,
        sheet,
        header_row,
        map,
        skip_bad,
        dry_run,
        skipped_out,
    } = what;
    let mut pairs = Vec::new();
    for m in &map {
        let Some((f, c)) = m.split_once('=') else {
            return Err(Error::refused(
                format!("--map “{m}”: cần dạng trường=cột, ví dụ phone=E"),
                format!("--map “{m}”: write field=column, e.g. phone=E"),
            )
            .into());
        };
        pairs.push((f.trim().to_string(), c.trim().to_string()));
    }
    let req = ImportRequest {
        file,
        team,
        sheet,
        header_row,
        map: pairs,
        skip_bad,
        dry_run,
        skipped_to: skipped_out.map(Target::replacing),
        this_year: None,
        lang,
    };
    let done = member_import::run(store, &req)?;
    let p = &done.preview;
    writeln!(out, "sheet\t{}\t{}", p.sheet, p.header_row)?;
    for l in p.mapping_lines(lang) {
        writeln!(out, "map\t{l}")?;
    }
    for l in &p.lines {
        let (word, detail) = member_import::describe(&l.outcome, lang);
        let role = match &l.outcome {
            Outcome::Add { joining, .. } | Outcome::Link { joining, .. } => match lang {
                Lang::Vi => joining.role.label_vi(),
                Lang::En => joining.role.label_en(),
            },
            _ => "",
        };
        writeln!(out, "{}\t{word}\t{}\t{role}\t{detail}", l.row, l.name)?;
    }
    if !p.ignored.is_empty() {
        let rows: Vec<String> = p.ignored.iter().map(usize::to_string).collect();
        writeln!(out, "ignored\t{}", rows.join(","))?;
    }
    writeln!(out, "{}", done.summary().get(lang))?;
    Ok(())
}
