//! Shared bits of look.

use iced::widget::{column, text, text_input};
use iced::{Color, Element, Length};

pub const WARNING: Color = Color::from_rgb(0.70, 0.35, 0.0);
pub const ERROR: Color = Color::from_rgb(0.75, 0.10, 0.10);
pub const MUTED: Color = Color::from_rgb(0.40, 0.40, 0.45);
pub const OK: Color = Color::from_rgb(0.10, 0.45, 0.20);

/// A labelled text field with its refusal (if any) under it, in red.
pub fn field<'a, M: Clone + 'a>(
    label: impl iced::widget::text::IntoFragment<'a>,
    id: &'static str,
    value: &'a str,
    error: Option<String>,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: M,
) -> Element<'a, M> {
    let mut col = column![
        text(label).size(13),
        text_input("", value)
            .id(id)
            .on_input(on_input)
            .on_submit(on_submit)
            .padding(6),
    ]
    .spacing(3);
    if let Some(e) = error {
        col = col.push(text(e).size(13).color(ERROR));
    }
    col.width(Length::Fill).into()
}
