//! `export bundle` and `import bundle`: a commune's whole state in one file.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, Out};
use crate::domain::Lang;
use crate::office;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The home commune's whole state as one bundle file (docs/exchange.md).
    Bundle {
        #[arg(long, value_name = "FILE.cnscd")]
        out: PathBuf,
    },
    /// A village team's monthly return sheet (.xlsx) to fill and send back, or every
    /// village team's into a folder (docs/return-sheet.md).
    ReturnSheet(super::return_sheet::ExportSheet),
    /// The commune's sheet for the province (biểu tổng hợp) of a period, or a blank
    /// template for a commune without the program (docs/province.md).
    ProvinceSheet(super::province::ExportSheet),
    /// The province's targets of a year: one workbook (a row per commune) or a folder
    /// (a file per commune).
    Targets(super::province::ExportTargets),
    #[command(flatten)]
    Excel(super::excel::ExportWhat),
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// A bundle file, into a database that holds no commune (all of it, or nothing).
    Bundle {
        #[arg(value_name = "FILE.cnscd")]
        file: PathBuf,
    },
    /// Filled return sheets: their lines become the teams' activities of the month, all
    /// of them or none; a month already taken in is refused unless --replace.
    ReturnSheet(super::return_sheet::ImportSheet),
    /// The communes' sheets, into a province's database: files, or folders of them; all
    /// or none; a newer sheet of a commune's period replaces the older.
    ProvinceSheet(super::province::ImportSheet),
    /// The targets the province sent: the commune's targets of the year become those.
    Targets(super::province::ImportTargets),
    #[command(flatten)]
    Excel(super::excel::ImportWhat),
}

pub(super) fn export(
    store: &mut Store,
    what: ExportWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let path = match what {
        ExportWhat::Bundle { out: path } => path,
        ExportWhat::ReturnSheet(w) => return super::return_sheet::export(store, w, out, lang),
        ExportWhat::ProvinceSheet(w) => return super::province::export(store, w, out),
        ExportWhat::Targets(w) => return super::province::export_targets(store, w, out),
        ExportWhat::Excel(w) => return super::excel::export(store, w, out, lang),
    };
    let done = office::exchange::export(store, &path)?;
    writeln!(out, "{}", done.msg.get(lang))?;
    Ok(())
}

pub(super) fn import(
    store: &mut Store,
    what: ImportWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let file = match what {
        ImportWhat::Bundle { file } => file,
        ImportWhat::ReturnSheet(w) => return super::return_sheet::import(store, w, out, lang),
        ImportWhat::ProvinceSheet(w) => return super::province::import(store, w, out, lang),
        ImportWhat::Targets(w) => return super::province::import_targets(store, w, out, lang),
        ImportWhat::Excel(w) => return super::excel::import(store, w, out, lang),
    };
    let done = office::exchange::import(store, &file)?;
    writeln!(out, "{}", done.msg.get(lang))?;
    for (table, n) in &done.rows {
        writeln!(out, "{table}\t{n}")?;
    }
    Ok(())
}
