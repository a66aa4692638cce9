//! Helpers shared by the integration tests that run the `cnscd` binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `cnscd --db DB ARGS…` with Vietnamese messages.
pub fn cnscd(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CNSCD_LANG")
        .output()
        .expect("run cnscd")
}

/// The standard output of a run that must succeed.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}
