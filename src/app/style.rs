//! Shared bits of look.

use iced::Color;

pub const WARNING: Color = Color::from_rgb(0.70, 0.35, 0.0);
pub const ERROR: Color = Color::from_rgb(0.75, 0.10, 0.10);
pub const MUTED: Color = Color::from_rgb(0.40, 0.40, 0.45);
pub const OK: Color = Color::from_rgb(0.10, 0.45, 0.20);
