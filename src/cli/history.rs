//! `cnscd history member|decision|report ID` and `cnscd history put-back ENTRY`: the
//! audit trail, one change a line (entry id, when, the computer's user, what was done),
//! each changed field indented below it, citizen IDs masked.

use std::io::Write;

use clap::Subcommand;

use super::{Failure, Out};
use crate::domain::Lang;
use crate::office::{self, history::Entry};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum HistoryWhat {
    /// A member's trail: their details and every team they were in (the person's id,
    /// the second column of `cnscd members`).
    Member { id: i64 },
    /// An issued decision's trail (its id in `cnscd decisions`).
    Decision { id: i64 },
    /// An issued report's trail (its id in `cnscd reports`).
    Report { id: i64 },
    /// Put a person's details back as they were before an edit (the entry's id, the
    /// first column of `cnscd history member`); only the latest edit, and only while
    /// nothing was changed since.
    PutBack { entry: i64 },
}

pub(super) fn run(
    store: &mut Store,
    what: HistoryWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let entries = match what {
        HistoryWhat::Member { id } => office::history::of_person(store, id)?,
        HistoryWhat::Decision { id } => office::history::of_decision(store, id)?,
        HistoryWhat::Report { id } => {
            let commune = office::home(store)?;
            office::history::of_report(store, commune.id, id)?
        }
        HistoryWhat::PutBack { entry } => {
            let person = office::history::put_back(store, entry)?;
            let said = match lang {
                Lang::Vi => format!(
                    "Đã đặt lại thông tin của {} như trước",
                    person.display_name()
                ),
                Lang::En => format!("{}'s details are back as before", person.display_name()),
            };
            writeln!(out, "{said}")?;
            return Ok(());
        }
    };
    for e in &entries {
        write_entry(e, out, lang)?;
    }
    Ok(())
}

fn write_entry(e: &Entry, out: &mut Out<'_>, lang: Lang) -> Result<(), Failure> {
    writeln!(out, "{}\t{}\t{}\t{}", e.id, e.at, e.user, e.what.get(lang))?;
    for line in e.lines(lang) {
        writeln!(out, "\t{line}")?;
    }
    Ok(())
}
