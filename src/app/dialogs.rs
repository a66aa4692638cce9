//! The system's file dialog and PDF viewer, behind a small interface that tests replace.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the window asks of the desktop.
pub trait Dialogs: Send + Sync + 'static {
    /// Asks where to save a file; `None` when the clerk cancels (or, on Linux, when no
    /// desktop portal answers — the path field still works then).
    fn save_file(&self, title: &str, suggested: &Path) -> Option<PathBuf>;
    /// Asks for a file to open (evidence); `None` when cancelled.
    fn pick_file(&self, title: &str) -> Option<PathBuf>;
    /// Asks for a folder (where to put a backup); `None` when cancelled.
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// Asks for a database file to open; `None` when cancelled.
    fn pick_database(&self, title: &str) -> Option<PathBuf>;
    /// Opens a file in the program the system uses for it.
    fn open_file(&self, path: &Path) -> std::io::Result<()>;
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

    fn pick_database(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("cnscd", &["db"])
            .add_filter("Mọi tệp", &["*"])
            .pick_file()
    }

    fn open_file(&self, path: &Path) -> std::io::Result<()> {
        use std::process::{Command, Stdio};
        let mut cmd = if cfg!(windows) {
            // `start` is a command of cmd.exe; the empty title keeps a quoted path whole.
            let mut c = Command::new("cmd");
            c.args(["/C", "start", ""]).arg(path);
            c
        } else if cfg!(target_os = "macos") {
            let mut c = Command::new("open");
            c.arg(path);
            c
        } else {
            let mut c = Command::new("xdg-open");
            c.arg(path);
            c
        };
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(|_| ())
    }
}

/// A stand-in for tests: answers every dialog with a fixed path and records what was
/// opened.
#[derive(Default)]
pub struct Scripted {
    pub answer: Mutex<Option<PathBuf>>,
    pub opened: Mutex<Vec<PathBuf>>,
}

impl Scripted {
    pub fn new(answer: Option<PathBuf>) -> Arc<Self> {
        Arc::new(Self {
            answer: Mutex::new(answer),
            opened: Mutex::new(Vec::new()),
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

    fn pick_database(&self, _title: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn open_file(&self, path: &Path) -> std::io::Result<()> {
        if let Ok(mut o) = self.opened.lock() {
            o.push(path.to_path_buf());
        }
        Ok(())
    }
}
