//! The program's tests without the window: the store on temporary files, the office's
//! jobs, PDFs read back through poppler, Word and Excel files read back, the command
//! line, and the child processes that are killed or run two at once. One test binary,
//! a module per subject, as cargo's and ripgrep's suites are laid out; the window's
//! tests are in `tests/window`.

#[path = "../common/mod.rs"]
mod common;

mod activities;
mod audit;
mod backups;
mod cli;
mod communes;
mod crash;
mod crash_jobs;
mod decision_pdf;
mod docx;
mod docx_print;
mod eoffice;
mod excel_cli;
mod excel_export;
mod excel_import;
mod exchange;
mod hostile_files;
mod office;
mod province;
mod refusals;
mod repair;
mod report_pdf;
mod return_sheets;
mod store;
mod two_writers;
