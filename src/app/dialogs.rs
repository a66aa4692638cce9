//! The system's file dialog, PDF viewer and printer, behind a small interface that
//! tests replace.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::office::{Error, printing};

/// What the window asks of the desktop.
pub trait Dialogs: Send + Sync + 'static {
    /// Asks where to save a file; `None` when the clerk cancels (or, on Linux, when no
    /// desktop portal answers — the path field still works then).
    fn save_file(&self, title: &str, suggested: &Path) -> Option<PathBuf>;
    /// Asks for a file to open (evidence); `None` when cancelled.
    fn pick_file(&self, title: &str) -> Option<PathBuf>;
    /// Asks for a spreadsheet to import members from; `None` when cancelled.
    fn pick_sheet(&self, title: &str) -> Option<PathBuf>;
    /// Asks for a folder (where to put a backup); `None` when cancelled.
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// Asks for a database file to open; `None` when cancelled.
    fn pick_database(&self, title: &str) -> Option<PathBuf>;
    /// Opens a file in the program the system uses for it; refused, saying so and
    /// naming the folder, when there is no such program.
    fn open_file(&self, path: &Path) -> Result<(), Error>;
    /// Sends a PDF to the default printer; refused, saying what is missing, when the
    /// computer cannot print.
    fn print_file(&self, path: &Path) -> Result<(), Error>;
}

/// The real desktop: rfd's dialog, the system's viewer.
pub struct System;

impl Dialogs for System {
    fn save_file(&self, title: &str, suggested: &Path) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title(title)
            .add_filter("PDF", &["pdf"]);
        if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            d = d.set_file_name(name.to_string_lossy());
        }
        d.save_file().map(|p| {
            if p.extension().is_none() {
                p.with_extension("pdf")
            } else {
                p
            }
        })
    }

    fn pick_file(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Ảnh, PDF", &["jpg", "jpeg", "png", "pdf", "heic", "webp"])
            .add_filter("Mọi tệp", &["*"])
            .pick_file()
    }

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }

    fn pick_sheet(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Excel, Calc, CSV", &["xlsx", "xls", "ods", "csv"])
            .add_filter("Mọi tệp", &["*"])
            .pick_file()
    }

    fn pick_database(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("cnscd", &["db"])
            .add_filter("Mọi tệp", &["*"])
            .pick_file()
    }

    fn open_file(&self, path: &Path) -> Result<(), Error> {
        printing::open_in_viewer(path)
    }

    fn print_file(&self, path: &Path) -> Result<(), Error> {
        printing::print(path)
    }
}

/// A stand-in for tests: answers every dialog with a fixed path and records what was
/// opened.
#[derive(Default)]
pub struct Scripted {
    pub answer: Mutex<Option<PathBuf>>,
    pub opened: Mutex<Vec<PathBuf>>,
    pub printed: Mutex<Vec<PathBuf>>,
    /// The computer has no printer (printing is refused) when set.
    pub no_printer: Mutex<bool>,
    /// The computer has no PDF viewer (opening is refused) when set.
    pub no_viewer: Mutex<bool>,
}

impl Scripted {
    pub fn new(answer: Option<PathBuf>) -> Arc<Self> {
        Arc::new(Self {
            answer: Mutex::new(answer),
            ..Self::default()
        })
    }
}

impl Dialogs for Scripted {
    fn save_file(&self, _title: &str, _suggested: &Path) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn pick_file(&self, _title: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn pick_sheet(&self, _title: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn pick_database(&self, _title: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn open_file(&self, path: &Path) -> Result<(), Error> {
        if self.no_viewer.lock().map(|n| *n).unwrap_or(false) {
            let folder = path.parent().unwrap_or(Path::new(".")).display();
            return Err(Error::refused(
                format!("Máy chưa có chương trình xem PDF. Tệp đã lưu trong thư mục {folder}"),
                format!("No PDF viewer is installed. The file is saved in the folder {folder}"),
            ));
        }
        if let Ok(mut o) = self.opened.lock() {
            o.push(path.to_path_buf());
        }
        Ok(())
    }

    fn print_file(&self, path: &Path) -> Result<(), Error> {
        if self.no_printer.lock().map(|n| *n).unwrap_or(false) {
            return Err(Error::refused(
                "Máy này chưa có máy in hoặc lệnh in (lp, lpr).",
                "This computer has no printer or print command (lp, lpr).",
            ));
        }
        if let Ok(mut p) = self.printed.lock() {
            p.push(path.to_path_buf());
        }
        Ok(())
    }
}
