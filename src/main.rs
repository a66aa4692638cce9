// No console window behind the program on Windows release builds.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;

/// A verb runs the command line; no verb opens the window.
fn main() -> std::process::ExitCode {
    let cli = cnscd::cli::Cli::parse();
    match cli.verb {
        Some(_) => cnscd::cli::run(cli),
        None => cnscd::app::main(cli.db.as_deref(), cli.language()),
    }
}
