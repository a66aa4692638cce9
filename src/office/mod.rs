//! What the commune office does, one module per job. Each job is a typed request and
//! a typed result over the store, the documents and the renderer; the window (`app`)
//! and the command line (`cli`) are two thin front ends over these, and tests drive
//! them without either.
//!
//! - [`decisions`]: draft, build, lay out, write, issue and reprint a decision.
//! - [`member_lists`]: a team's member list as a document.
//! - [`reports`]: the period's report — prefill, build, issue, reprint.
//! - [`roster`]: the roster's pages and counts as the screens ask for them.
//! - [`setup`]: the home commune, its villages, teams and members (command line).
//! - [`deadlines`]: the reporting days and who has reported.
//! - [`demo`], [`demo_activities`]: the demo commune and generated data sets.
//! - [`fonts`]: the document font the clerk chose.
//! - [`backups`]: daily copies, copies to a folder, restore and the health check.
//! - [`database`]: which file is the database, and opening it.
//! - [`output`]: writing a finished file safely.
//! - [`issue_notes`]: the sealed notes an issue leaves before it puts its file in place.
//! - [`eoffice`]: drafts for the văn thư to number in the e-office, the number and
//!   date recorded, the signed PDF kept as the valid copy.
//! - [`exchange`]: a commune's whole state in one bundle file, out and in.
//! - [`history`]: the audit trail of a member, a decision or a report; putting an
//!   edit back.
//! - [`member_import`]: members brought in from a spreadsheet, all lines or none.
//! - [`limits`]: the limits every reader of another's file keeps, and the walk that
//!   holds a workbook to them before it is read.
//! - [`spreadsheet`], [`excel_export`]: sheets read and `.xlsx` written.
//! - [`word`]: Word copies (`.docx`) from the same document models as the PDF.
//! - [`repair`]: checking and rebuilding derived data (monthly totals, sort keys).
//!
//! Building a document never writes anything; laying it out (for the preview) and
//! writing the PDF are separate steps, so the preview and the PDF share the first two.

pub mod backups;
pub mod database;
pub mod deadlines;
pub mod decisions;
pub mod demo;
pub mod demo_activities;
pub mod eoffice;
mod error;
pub mod excel_export;
pub mod exchange;
pub mod fonts;
pub mod history;
pub mod issue_notes;
pub mod limits;
pub mod member_import;
pub mod member_lists;
pub mod output;
pub mod printing;
pub mod province;
pub mod repair;
pub mod reports;
pub mod return_sheet;
pub mod roster;
pub mod setup;
pub mod spreadsheet;
pub mod word;

pub use error::{Error, Result};

/// The office's own commune, or the refusal every job gives before there is one.
pub fn home(store: &crate::store::Store) -> Result<crate::domain::place::Commune> {
    store
        .home_commune()?
        .ok_or_else(|| Error::not_found("Chưa có xã nào", "No commune yet"))
}
