//! The commune's screens, one module each (the sidebar's order), and the first-run
//! setup and the recovery screen that stand in for them.

pub mod activities;
pub mod activity_form;
pub mod decision;
pub mod detail;
pub mod overview;
pub mod progress;
pub mod province;
pub mod recovery;
pub mod reports;
pub mod roster;
pub mod settings;
pub mod setup;
pub mod teams;
