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
    /// Asks for one or more spreadsheets (the villages' return sheets); empty when
    /// cancelled.
    fn pick_sheets(&self, title: &str) -> Vec<PathBuf>;
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

/// What kind of file a save dialog is asked for, read from the suggested name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Excel,
    Word,
}

impl FileKind {
    /// The kind of the suggested file (`.xlsx` Excel, `.docx` Word, else PDF).
    pub fn of(path: &Path) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" => Self::Excel,
            "docx" => Self::Word,
            _ => Self::Pdf,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Excel => "xlsx",
            Self::Word => "docx",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Excel => "Excel",
            Self::Word => "Word",
        }
    }

    /// The chosen path with this kind's extension when the clerk typed a name
    /// without one (or with another kind's: `bao-cao.pdf` asked as Excel becomes
    /// `bao-cao.pdf.xlsx`, never a PDF that is a workbook inside).
    pub fn complete(self, path: PathBuf) -> PathBuf {
        let ok = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(self.extension()));
        if ok {
            return path;
        }
        match path.extension() {
            None => path.with_extension(self.extension()),
            Some(_) => {
                let mut s = path.into_os_string();
                s.push(".");
                s.push(self.extension());
                PathBuf::from(s)
            }
        }
    }
}

/// The real desktop: rfd's dialog, the system's viewer.
pub struct System;

impl Dialogs for System {
    fn save_file(&self, title: &str, suggested: &Path) -> Option<PathBuf> {
        let kind = FileKind::of(suggested);
        let mut d = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.filter_name(), &[kind.extension()]);
        if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            d = d.set_file_name(name.to_string_lossy());
        }
        d.save_file().map(|p| kind.complete(p))
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

    fn pick_sheets(&self, title: &str) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Excel, Calc", &["xlsx", "xls", "ods"])
            .add_filter("Mọi tệp", &["*"])
            .pick_files()
            .unwrap_or_default()
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

    fn pick_sheets(&self, _title: &str) -> Vec<PathBuf> {
        self.answer
            .lock()
            .ok()
            .and_then(|a| a.clone())
            .into_iter()
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_suggested_name_and_completes_the_chosen_one() {
        assert_eq!(FileKind::of(Path::new("a/b.XLSX")), FileKind::Excel);
        assert_eq!(FileKind::of(Path::new("b.docx")), FileKind::Word);
        assert_eq!(FileKind::of(Path::new("b")), FileKind::Pdf);
        let x = FileKind::Excel;
        assert_eq!(x.complete("d/ds".into()), PathBuf::from("d/ds.xlsx"));
        assert_eq!(x.complete("d/ds.Xlsx".into()), PathBuf::from("d/ds.Xlsx"));
        assert_eq!(
            x.complete("d/ds.pdf".into()),
            PathBuf::from("d/ds.pdf.xlsx")
        );
        assert_eq!(
            FileKind::Word.complete("Tổ thôn 1".into()),
            PathBuf::from("Tổ thôn 1.docx")
        );
    }
}
