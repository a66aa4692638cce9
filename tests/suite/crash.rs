//! A child process commits memberships in a loop and prints each id after its commit
//! returns; it is killed with SIGKILL at random moments. Every printed id must survive
//! and the database must stay intact.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cnscd::store::Store;

const ROUNDS: usize = 24;

/// A small deterministic generator for the kill delays.
fn delays(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    std::iter::from_fn(move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        Some(5 + x % 250)
    })
}

#[test]
fn killed_writer_loses_no_committed_membership() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut printed: Vec<i64> = Vec::new();
    for (round, delay) in delays(0x5EED_CAFE).take(ROUNDS).enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cnscd"))
            .args(["--db", db.to_str().unwrap(), "commit-loop"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(id) = line.trim().parse::<i64>() {
                    let _ = tx.send(id);
                }
            }
        });
        // Wait for the first commit of this round (the first round also creates the
        // demo commune), then let it run a random while and kill it.
        if let Ok(id) = rx.recv_timeout(Duration::from_secs(60)) {
            printed.push(id);
        }
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().expect("SIGKILL the writer");
        let _ = child.wait();
        reader.join().unwrap();
        printed.extend(rx.try_iter());
        assert!(
            !printed.is_empty(),
            "round {round}: the writer printed nothing"
        );
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let mut missing = Vec::new();
    for id in &printed {
        if store.membership(*id).is_err() {
            missing.push(*id);
        }
    }
    assert!(missing.is_empty(), "committed but lost: {missing:?}");
    // Many commits happened across the rounds.
    assert!(printed.len() >= ROUNDS, "only {} commits", printed.len());
}
