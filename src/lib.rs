//! cnscd — quản lý Tổ công nghệ số cộng đồng (Community Digital Technology Teams).
//!
//! - `domain`: types and rules, Vietnamese text; pure, no I/O.
//! - `store`: the embedded SQLite database; the only SQL.
//! - `document`: domain data → document models (Decree 30); knows no PDF.
//! - `render`: layout engine and the PDF back end; the preview's pages.
//! - `office`: what the commune office does, one module per job.
//! - `app` (the window) and `cli` (the verbs): two thin front ends over `office`;
//!   neither imports the other, and `main.rs` picks one.
//!
//! Nothing below `app` touches the GUI toolkit.

pub mod app;
pub mod cli;
pub mod document;
pub mod domain;
pub mod office;
pub mod render;
pub mod store;
