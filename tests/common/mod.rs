//! Helpers shared by the two test binaries (`tests/window`, `tests/suite`): running
//! the `cnscd` binary, reading PDFs (`pdf`), driving the window (`ui`).
#![allow(dead_code)]

pub mod pdf;
pub mod ui;
pub mod xlsx;

use std::path::{Path, PathBuf};
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

/// `print decision` of seed 004's decision (the commune team's, 23/QĐ-UBND of 27 July
/// 2022), followed by `more`.
pub fn seed_004_decision<'a>(more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "print",
        "decision",
        "--team",
        "1",
        "--number",
        "23",
        "--date",
        "2022-07-27",
    ];
    args.extend_from_slice(more);
    args
}

/// A commune set up as the first-run setup would (`province`, `name`, its chairman),
/// with one village of `kind` and that village's team: (store, team id).
pub fn one_village_commune(
    dir: &Path,
    (province, name, chairman): (&str, &str, &str),
    (kind, village): (&str, &str),
) -> (cnscd::store::Store, i64) {
    use cnscd::office::setup::{self, CommuneInput};
    let mut store = cnscd::store::Store::open(&dir.join("cnscd.db")).unwrap();
    setup::set_commune(
        &mut store,
        &CommuneInput {
            province: province.into(),
            kind: "xa".into(),
            name: name.into(),
            chairman: chairman.into(),
            ..Default::default()
        },
    )
    .unwrap();
    setup::add_villages(&mut store, kind, &[village.to_string()]).unwrap();
    let (team, _) = setup::add_team(&mut store, Some(village)).unwrap();
    (store, team.id)
}

/// `rounds` damaged copies of a good file, the same every run (a xorshift from
/// `seed`): bytes changed here and there, the file cut short, or random bytes after a
/// zip's signature — what a fuzz test feeds a reader.
pub fn damaged_copies(good: &[u8], rounds: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut x = seed.max(1);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..rounds)
        .map(|round| {
            let mut bytes = good.to_vec();
            match round % 3 {
                0 => {
                    for _ in 0..(1 + next() % 16) {
                        let i = (next() as usize) % bytes.len();
                        bytes[i] = next() as u8;
                    }
                }
                1 => bytes.truncate((next() as usize) % bytes.len()),
                _ => {
                    bytes = b"PK\x03\x04".to_vec();
                    bytes.extend((0..(next() % 4000)).map(|_| next() as u8));
                }
            }
            bytes
        })
        .collect()
}

/// `a.docx`, `b.docx`… → `a.pdf`, `b.pdf`… through one start of LibreOffice, with a
/// profile of its own (so a LibreOffice the user has open does not interfere).
pub fn libre_office(docs: &[&Path]) -> Vec<PathBuf> {
    let dir = docs[0].parent().unwrap();
    let profile = dir.join("lo-profile");
    let o = Command::new("timeout")
        .arg("300")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(docs)
        .output()
        .expect("coreutils' timeout");
    let pdfs: Vec<PathBuf> = docs.iter().map(|d| d.with_extension("pdf")).collect();
    assert!(
        o.status.success() && pdfs.iter().all(|p| p.is_file()),
        "LibreOffice (libreoffice-writer-nogui) is needed to print the Word copy: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    pdfs
}
