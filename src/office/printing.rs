//! What the office asks of the computer for a finished PDF: where files are suggested
//! (the clerk's documents folder, else a `Văn bản` folder beside the database — never a
//! temporary folder), opening it in the system's viewer and sending it to the printer.
//! Each says plainly what is missing when the computer cannot do it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::Error;

/// The folder files are suggested in: the user's documents folder when there is one,
/// else `Văn bản` beside the database (`database` is its path; an in-memory database
/// has none, and then the current folder's `Văn bản`).
pub fn output_folder(database: Option<&Path>) -> PathBuf {
    let documents = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .filter(|d| d.is_dir() && !is_temporary(d));
    documents.unwrap_or_else(|| beside_database(database))
}

/// `Văn bản` in the database's folder.
pub fn beside_database(database: Option<&Path>) -> PathBuf {
    database
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map(|p| p.join("Văn bản"))
        .unwrap_or_else(|| PathBuf::from("Văn bản"))
}

fn is_temporary(dir: &Path) -> bool {
    dir.starts_with(std::env::temp_dir()) || dir.starts_with("/tmp")
}

/// The program named `name` on the PATH, if any (`.exe` added on Windows).
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        let candidate = dir.join(name);
        let with_exe = candidate.with_extension("exe");
        [candidate, with_exe].into_iter().find(|c| c.is_file())
    })
}

/// How a PDF is sent to the printer on this computer, if it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintCommand {
    /// Windows: the program registered for PDF prints it (`Start-Process -Verb Print`).
    PowerShell(PathBuf),
    /// CUPS: `lp` or `lpr` to the default printer.
    Spooler(PathBuf),
}

/// The way this computer prints, or `None` when it has none.
pub fn print_command() -> Option<PrintCommand> {
    if cfg!(windows) {
        find_program("powershell").map(PrintCommand::PowerShell)
    } else {
        find_program("lp")
            .or_else(|| find_program("lpr"))
            .map(PrintCommand::Spooler)
    }
}

/// Sends `file` to the default printer (on Windows through the PDF program's own print
/// command, which may show its print dialog). Refused, in words, when the computer has
/// no way to print or the printer refused.
pub fn print(file: &Path) -> Result<(), Error> {
    if !file.is_file() {
        return Err(Error::refused(
            format!("Không có tệp để in: {}", file.display()),
            format!("There is no file to print: {}", file.display()),
        ));
    }
    let Some(how) = print_command() else {
        return Err(no_printing());
    };
    let mut cmd = match &how {
        PrintCommand::PowerShell(ps) => {
            let mut c = Command::new(ps);
            let quoted = file.display().to_string().replace('\'', "''");
            c.args([
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                &format!("Start-Process -FilePath '{quoted}' -Verb Print"),
            ]);
            no_console(&mut c);
            c
        }
        PrintCommand::Spooler(lp) => {
            let mut c = Command::new(lp);
            if lp.file_name() == Some(OsStr::new("lp")) {
                c.arg("--");
            }
            c.arg(file);
            c
        }
    };
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::file(file, &e))?;
    if out.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    Err(Error::refused(
        format!(
            "Máy in không nhận tệp ({said}). Hãy kiểm tra máy in mặc định, hoặc mở tệp PDF rồi in từ chương trình xem PDF."
        ),
        format!(
            "The printer did not take the file ({said}). Check the default printer, or open the PDF and print it from the viewer."
        ),
    ))
}

fn no_printing() -> Error {
    if cfg!(windows) {
        Error::refused(
            "Máy này không có lệnh in (thiếu PowerShell). Hãy mở tệp PDF rồi in từ chương trình xem PDF.",
            "This computer has no print command (PowerShell is missing). Open the PDF and print it from the viewer.",
        )
    } else {
        Error::refused(
            "Máy này chưa có máy in hoặc lệnh in (lp, lpr). Hãy cài máy in, hoặc mở tệp PDF rồi in từ chương trình xem PDF.",
            "This computer has no printer or print command (lp, lpr). Set up a printer, or open the PDF and print it from the viewer.",
        )
    }
}

/// On Windows, a helper program runs without flashing a console window.
fn no_console(cmd: &mut Command) {
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        cmd.creation_flags(CREATE_NO_WINDOW);
    }
    #[cfg(not(windows))]
    let _ = cmd;
}

/// The command that opens `file` in the program the system uses for it.
fn viewer_command(file: &Path) -> Command {
    if cfg!(windows) {
        // `start` is a command of cmd.exe; the empty title keeps a quoted path whole.
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]).arg(file);
        no_console(&mut c);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(file);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(file);
        c
    }
}

/// Opens `file` in the system's viewer. When there is no viewer (no opener program,
/// or it ends at once saying it found no program for PDF), the refusal says so and
/// names the folder the file is in, so the clerk can find it.
pub fn open_in_viewer(file: &Path) -> Result<(), Error> {
    if !file.is_file() {
        return Err(Error::refused(
            format!("Tệp không còn ở đó: {}", file.display()),
            format!("The file is no longer there: {}", file.display()),
        ));
    }
    let no_viewer = || {
        let folder = file.parent().unwrap_or(Path::new(".")).display();
        let (vi, en) = match file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref()
        {
            Some("xlsx") => ("mở tệp Excel (.xlsx)", "opens Excel files (.xlsx)"),
            Some("docx") => ("mở tệp Word (.docx)", "opens Word files (.docx)"),
            _ => ("xem PDF", "shows PDF files"),
        };
        Error::refused(
            format!("Máy chưa có chương trình {vi}. Tệp đã lưu trong thư mục {folder}"),
            format!("No program that {en} is installed. The file is saved in the folder {folder}"),
        )
    };
    let mut child = match viewer_command(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(no_viewer()),
        Err(e) => return Err(Error::file(file, &e)),
    };
    // An opener that finds no program ends at once with a failure; one that found a
    // viewer either ends well or keeps running with it. Waiting a little tells which;
    // the window is not held, this runs away from it.
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(_)) => return Err(no_viewer()),
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(Error::file(file, &e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_folder_is_beside_the_database_never_a_temporary_one() {
        let db = Path::new("/srv/xa/cnscd.db");
        assert_eq!(beside_database(Some(db)), Path::new("/srv/xa/Văn bản"));
        assert_eq!(beside_database(None), Path::new("Văn bản"));
        assert!(!is_temporary(&output_folder(Some(db))));
    }
}
