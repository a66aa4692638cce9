//! cnscd — quản lý Tổ công nghệ số cộng đồng (Community Digital Technology Teams).
//!
//! The core (`domain`, `store`, `document`, `render`) never touches the GUI toolkit;
//! the command line in `cli` and the window drive the same core.

pub mod app;
pub mod cli;
pub mod document;
pub mod domain;
pub mod render;
pub mod store;
