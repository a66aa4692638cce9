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
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// A bundle file, into a database that holds no commune (all of it, or nothing).
    Bundle {
        #[arg(value_name = "FILE.cnscd")]
        file: PathBuf,
    },
}

pub(super) fn export(
    store: &mut Store,
    what: ExportWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let ExportWhat::Bundle { out: path } = what;
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
    let ImportWhat::Bundle { file } = what;
    let done = office::exchange::import(store, &file)?;
    writeln!(out, "{}", done.msg.get(lang))?;
    for (table, n) in &done.rows {
        writeln!(out, "{table}\t{n}")?;
    }
    Ok(())
}
