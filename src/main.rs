// No console window behind the program on Windows release builds.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

/// A verb runs the command line; no verb opens the window.
fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    console::attach_to_parent();
    let cli = cnscd::cli::parse();
    match cli.verb {
        Some(_) => cnscd::cli::run(cli),
        None => cnscd::app::main(cli.db.as_deref(), cli.language()),
    }
}

/// A Windows program without a console of its own writes nothing when started from
/// `cmd` or PowerShell: when its output goes nowhere, it borrows the console of
/// whoever started it (output already redirected to a file or a pipe is left alone;
/// started from the Start menu there is no such console and nothing happens).
#[cfg(windows)]
#[allow(unsafe_code)]
mod console {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
        fn GetStdHandle(which: u32) -> isize;
    }

    pub fn attach_to_parent() {
        // SAFETY: both calls take plain integers and touch no memory of this program.
        unsafe {
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            if out == 0 || out == -1 {
                AttachConsole(ATTACH_PARENT_PROCESS);
            }
        }
    }
}
