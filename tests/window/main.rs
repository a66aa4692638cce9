//! The window's tests: the screens driven through iced_test's headless Simulator
//! (tiny-skia, no display), one module per subject. One test binary, as cargo's and
//! ripgrep's suites are laid out; the rest of the program is tested in `tests/suite`.

#[path = "../common/mod.rs"]
mod common;

mod activities;
mod eoffice;
mod export;
mod first_look;
mod flows;
mod forms;
mod import;
mod lang;
mod province;
mod province_home;
mod recovery;
mod register;
mod return_sheets;
mod screens;
mod small_screens;
mod trail;
mod weekly_check;
