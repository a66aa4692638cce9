//! Widgets every screen shares: the labelled field and the pager.

use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};

use super::style;

/// A labelled text field with its refusal (if any) under it, in red.
pub fn field<'a, M: Clone + 'a>(
    label: impl text::IntoFragment<'a>,
    id: &'static str,
    value: &'a str,
    error: Option<String>,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: M,
) -> Element<'a, M> {
    let input = text_input("", value)
        .id(id)
        .on_input(on_input)
        .on_submit(on_submit)
        .padding(style::PAD_FIELD);
    let mut col = column![text(label).size(style::LABEL), input].spacing(style::SPACE_TIGHT);
    if let Some(e) = error {
        col = col.push(text(e).size(style::LABEL).color(style::ERROR));
    }
    col.width(Length::Fill).into()
}

/// Any control with its label above it.
pub fn labelled<'a, M: 'a>(
    label: impl text::IntoFragment<'a>,
    control: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    column![text(label).size(style::LABEL), control.into()]
        .spacing(style::SPACE_TIGHT)
        .into()
}

/// `‹  Trang 2 / 7  ›`: the page (from 0), the number of pages when known, and the
/// message that goes to another page. `more` enables "next" when the count is unknown.
pub fn pager<'a, M: Clone + 'a>(
    label: &'a str,
    page: usize,
    pages: Option<usize>,
    more: bool,
    go: impl Fn(usize) -> M + 'a,
) -> Element<'a, M> {
    let has_next = match pages {
        Some(n) => page + 1 < n,
        None => more,
    };
    let of = match pages {
        Some(n) => format!("{label} {} / {n}", page + 1),
        None => format!("{label} {}", page + 1),
    };
    row![
        button(text("‹"))
            .style(button::secondary)
            .on_press_maybe((page > 0).then(|| go(page - 1))),
        text(of),
        button(text("›"))
            .style(button::secondary)
            .on_press_maybe(has_next.then(|| go(page + 1))),
    ]
    .spacing(style::SPACE)
    .align_y(iced::Alignment::Center)
    .into()
}
