//! Widgets every screen shares: the labelled field, the pager, the status line and
//! the drop-down list.

use iced::widget::{button, column, container, pick_list, row, stack, text, text_input, tooltip};
use iced::{Element, Length, Padding};

use crate::app::i18n::{T, tr};
use crate::app::style;
use crate::domain::{Lang, Msg};
use crate::office::Error;

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

/// The height a status line always takes (two lines of small print), whether or not
/// it says anything: a message appearing or going never moves what is under it.
pub const STATUS_HEIGHT: f32 = 36.0;

/// A screen's status line: the last notice (green) or refusal (red, with its prefix),
/// in a place of fixed height that is there even when empty.
pub fn status<'a, M: 'a>(
    l: Lang,
    notice: Option<&'a Msg>,
    error: Option<&'a Error>,
) -> Element<'a, M> {
    status_with(l, notice, error, None)
}

/// [`status`] with a control at its end (a button that acts on the message).
pub fn status_with<'a, M: 'a>(
    l: Lang,
    notice: Option<&'a Msg>,
    error: Option<&'a Error>,
    control: Option<Element<'a, M>>,
) -> Element<'a, M> {
    let line = match (error, notice) {
        (Some(e), _) => text(format!("{}: {}", tr(l, T::ErrorPrefix), e.message(l)))
            .size(style::LABEL)
            .color(style::ERROR),
        (None, Some(n)) => text(n.get(l)).size(style::LABEL).color(style::OK),
        (None, None) => text(""),
    };
    let mut r = row![line.width(Length::Fill)]
        .spacing(style::SPACE)
        .align_y(iced::Alignment::Center);
    if let Some(c) = control {
        r = r.push(c);
    }
    container(r)
        .height(STATUS_HEIGHT)
        .width(Length::Fill)
        .align_y(iced::alignment::Vertical::Center)
        .clip(true)
        .into()
}

/// A question in the status line's place, of the same height: what is asked, a
/// button that does it (red when it destroys something, such as replacing a file) and
/// one that leaves it.
pub fn question<'a, M: Clone + 'a>(
    said: String,
    yes: (&'a str, M),
    danger: bool,
    no: (&'a str, M),
) -> Element<'a, M> {
    container(
        row![
            text(said)
                .size(style::LABEL)
                .color(style::WARNING)
                .width(Length::Fill),
            button(text(yes.0).size(style::LABEL))
                .style(if danger {
                    button::danger
                } else {
                    button::primary
                })
                .on_press(yes.1),
            button(text(no.0).size(style::LABEL))
                .style(button::secondary)
                .on_press(no.1),
        ]
        .spacing(style::SPACE)
        .align_y(iced::Alignment::Center),
    )
    .height(STATUS_HEIGHT)
    .align_y(iced::alignment::Vertical::Center)
    .into()
}

/// A drop-down list. iced's own draws its chosen text so that after a change (another
/// language, a new list) the window may repaint only half of it, old and new text on
/// top of each other; here the chosen text is an ordinary text laid over the list,
/// which repaints whole (and which tests can read).
pub fn picker<'a, T, L, M>(
    options: L,
    selected: Option<T>,
    placeholder: Option<&'a str>,
    width: impl Into<Length>,
    on_select: impl Fn(T) -> M + 'a,
) -> Element<'a, M>
where
    T: ToString + PartialEq + Clone + 'a,
    L: std::borrow::Borrow<[T]> + 'a,
    M: Clone + 'a,
{
    let width = width.into();
    let (label, color) = match (&selected, placeholder) {
        (Some(s), _) => (s.to_string(), None),
        (None, Some(p)) => (p.to_string(), Some(style::MUTED)),
        (None, None) => (String::new(), None),
    };
    let list = pick_list(options, None::<T>, on_select).width(Length::Fill);
    // A long name (a team, a kind) may not fit: the whole of it shows on hover.
    let whole = (label.chars().count() > 40).then(|| label.clone());
    let mut shown = text(label).wrapping(text::Wrapping::None);
    if let Some(c) = color {
        shown = shown.color(c);
    }
    // The inner box clips the text before the arrow; the outer one places it.
    let shown = container(shown).width(Length::Fill).clip(true);
    let over = container(shown)
        .padding(Padding {
            top: 0.0,
            bottom: 0.0,
            left: 10.0,
            right: 30.0,
        })
        .width(Length::Fill)
        .height(Length::Fill)
        .align_y(iced::alignment::Vertical::Center)
        .clip(true);
    let picker = stack![list, over].width(width);
    match whole {
        Some(whole) => tooltip(
            picker,
            container(text(whole).size(style::LABEL))
                .padding(style::PAD_BOX)
                .style(container::bordered_box),
            tooltip::Position::Bottom,
        )
        .into(),
        None => picker.into(),
    }
}

/// An option of a drop-down with the text the interface's language gives it.
#[derive(Debug, Clone)]
pub struct Shown<T> {
    pub value: T,
    pub label: String,
}

impl<T: PartialEq> PartialEq for Shown<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> std::fmt::Display for Shown<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// [`picker`] whose options are shown by `label` (a name in the interface's language).
pub fn picker_with<'a, T, M>(
    options: &[T],
    selected: Option<&T>,
    label: impl Fn(&T) -> String,
    placeholder: Option<&'a str>,
    width: impl Into<Length>,
    on_select: impl Fn(T) -> M + 'a,
) -> Element<'a, M>
where
    T: PartialEq + Clone + 'a,
    M: Clone + 'a,
{
    let shown = |t: &T| Shown {
        value: t.clone(),
        label: label(t),
    };
    let list: Vec<Shown<T>> = options.iter().map(shown).collect();
    let selected = selected.map(shown);
    picker(list, selected, placeholder, width, move |s: Shown<T>| {
        on_select(s.value)
    })
}
