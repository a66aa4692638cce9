//! The e-office way of issuing on the command line: `print … --for-numbering` (in
//! print.rs), `register decision|report ID --number N --date D [--signed F.pdf]`,
//! `attach decision|report ID F.pdf`, `drafts` (those waiting for their number).

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, Out, date_flag, font_flag};
use crate::domain::Lang;
use crate::office::eoffice::{self, RegisterRequest};
use crate::store::{DocKind, Store};

#[derive(Debug, Subcommand)]
pub enum RegisterWhat {
    /// A decision drafted for numbering (its id from `print decision … --for-numbering`).
    Decision {
        id: i64,
        #[command(flatten)]
        given: Given,
    },
    /// A report drafted for numbering.
    Report {
        id: i64,
        #[command(flatten)]
        given: Given,
    },
}

/// What the văn thư's system gave.
#[derive(Debug, clap::Args)]
pub struct Given {
    /// The number the e-office gave (read from --signed when not given).
    #[arg(long, value_name = "N")]
    number: Option<u32>,
    /// The date of issue (DD/MM/YYYY; read from --signed when not given).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The signed PDF downloaded from the e-office, kept byte for byte.
    #[arg(long, value_name = "FILE.pdf")]
    signed: Option<PathBuf>,
    /// Keep a signed PDF whose text does not match the draft all the same.
    #[arg(long)]
    anyway: bool,
    #[arg(long)]
    font: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AttachWhat {
    /// The signed PDF of an issued decision (its id in `cnscd decisions`).
    Decision {
        id: i64,
        file: PathBuf,
        #[arg(long)]
        anyway: bool,
    },
    /// The signed PDF of an issued report (its id in `cnscd reports`).
    Report {
        id: i64,
        file: PathBuf,
        #[arg(long)]
        anyway: bool,
    },
}

pub(super) fn register(
    store: &mut Store,
    what: RegisterWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let (id, given, doc) = match what {
        RegisterWhat::Decision { id, given } => (id, given, DocKind::Decision),
        RegisterWhat::Report { id, given } => (id, given, DocKind::Report),
    };
    let draft = store.numbering_draft(id)?;
    if draft.doc != doc {
        let (vi, en, verb) = match draft.doc {
            DocKind::Decision => ("quyết định", "a decision", "decision"),
            DocKind::Report => ("báo cáo", "a report", "report"),
        };
        return Err(crate::office::Error::refused(
            format!("Bản nháp {id} là {vi}: dùng `cnscd register {verb} {id}`"),
            format!("Draft {id} is {en}: use `cnscd register {verb} {id}`"),
        )
        .into());
    }
    let fonts = font_flag(store, given.font.as_deref())?;
    let done = eoffice::register(
        store,
        &RegisterRequest {
            draft: id,
            number: given.number,
            date: date_flag(given.date.as_deref())?,
            signed: given.signed,
            anyway: given.anyway,
        },
        &fonts,
    )?;
    writeln!(out, "{}\t{}", done.entry, done.reference)?;
    writeln!(out, "{}", done.summary().get(lang))?;
    Ok(())
}

pub(super) fn attach(
    store: &mut Store,
    what: AttachWhat,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let (doc, id, file, anyway) = match what {
        AttachWhat::Decision { id, file, anyway } => (DocKind::Decision, id, file, anyway),
        AttachWhat::Report { id, file, anyway } => (DocKind::Report, id, file, anyway),
    };
    let said = eoffice::attach(store, doc, id, &file, anyway)?;
    writeln!(out, "{}", said.get(lang))?;
    Ok(())
}

/// The drafts waiting for their number: id, kind, the draft's day, subject.
pub(super) fn drafts(store: &Store, out: &mut Out<'_>) -> Result<(), Failure> {
    let Some(c) = store.home_commune()? else {
        return Ok(());
    };
    for doc in [DocKind::Decision, DocKind::Report] {
        for d in store.waiting_drafts(c.id, doc)? {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                d.id,
                doc.code(),
                d.drafted_on,
                d.subject
            )?;
        }
    }
    Ok(())
}

/// The e-office column of a register line: `eoffice` and the signed copy's SHA-256
/// when there is one; nothing for one signed on paper.
pub(super) fn way_column(store: &Store, doc: DocKind, id: i64) -> Result<String, Failure> {
    if store.issued_way(doc, id)? != "eoffice" {
        return Ok(String::new());
    }
    Ok(match store.signed_copy(doc, id)? {
        Some(s) => format!("\teoffice signed {}", s.sha256),
        None => "\teoffice".into(),
    })
}
