//! The window's look as named tokens: colours, text sizes, spacing and padding. Screens
//! use these names, never bare numbers, so the look changes in one place.

use iced::Color;

pub const WARNING: Color = Color::from_rgb(0.70, 0.35, 0.0);
pub const ERROR: Color = Color::from_rgb(0.75, 0.10, 0.10);
pub const MUTED: Color = Color::from_rgb(0.40, 0.40, 0.45);
pub const OK: Color = Color::from_rgb(0.10, 0.45, 0.20);
/// A lesser action written as a link (blue, as the clerk knows links).
pub const LINK: Color = Color::from_rgb(0.10, 0.30, 0.75);

/// A screen's title.
pub const TITLE: u32 = 22;
/// A section's heading inside a screen.
pub const HEADING: u32 = 17;
/// A field's label, a hint, a table's small print.
pub const LABEL: u32 = 13;
/// A hint under a field.
pub const HINT: u32 = 12;

/// Between a label and its field.
pub const SPACE_TIGHT: u32 = 3;
/// Between fields of a form.
pub const SPACE: u32 = 8;
/// Between the parts of a screen.
pub const SPACE_WIDE: u32 = 16;
/// Inside a text field.
pub const PAD_FIELD: u16 = 6;
/// Inside a bordered box.
pub const PAD_BOX: u16 = 8;
/// Around a scrolled form: room on the right for the scroll bar, so it never covers a
/// field or a button.
pub const PAD_SCROLLED: iced::Padding = iced::Padding {
    top: 4.0,
    right: 18.0,
    bottom: 4.0,
    left: 4.0,
};
