//! The e-office's part of the decision and report screens: what the văn thư's system
//! gave, typed (the number, the date, the signed PDF), checked before the screen's job
//! records it, and the Appendix VI fields of a draft for numbering, each to copy.

use std::path::PathBuf;

use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::document_output::{Event, Message};
use crate::app::{UI_FONT_STRONG, style};
use crate::domain::Lang;
use crate::office::Error;
use crate::office::eoffice::{self, Metadata};

/// What the văn thư's system gave, as it is being typed: for a waiting draft (its
/// number, date and the signed PDF), or the signed PDF of an entry in the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signing {
    /// The waiting draft's id, or the entry's.
    pub id: i64,
    pub waiting: bool,
    pub number: String,
    pub date: String,
    pub file: String,
    /// Keep a signed copy that does not match all the same.
    pub anyway: bool,
}

/// The e-office's number and date (or the signed copy alone) checked as typed, then
/// recorded by the screen's job.
pub fn confirm(f: &Signing) -> Result<Event, Error> {
    use crate::domain::{Field, FieldError};
    let file = f.file.trim().trim_matches('"');
    let file = (!file.is_empty()).then(|| PathBuf::from(file));
    if !f.waiting {
        let Some(file) = file else {
            return Err(Error::invalid(FieldError::new(
                Field::OutFile,
                "cần chọn tệp PDF đã ký",
                "choose the signed PDF",
            )));
        };
        return Ok(Event::Attach {
            id: f.id,
            file,
            anyway: f.anyway,
        });
    }
    let number = match f.number.trim() {
        "" => None,
        n => match crate::domain::number::parse_count(n, Field::Number) {
            Ok(v) => u32::try_from(v).ok(),
            Err(e) => return Err(Error::invalid(e)),
        },
    };
    let date = match f.date.trim() {
        "" => None,
        d => match crate::domain::vndate::parse(d, Field::Date) {
            Ok(v) => Some(v),
            Err(e) => return Err(Error::invalid(e)),
        },
    };
    Ok(Event::Register(eoffice::RegisterRequest {
        draft: f.id,
        number,
        date,
        signed: file,
        anyway: f.anyway,
    }))
}

/// What the văn thư's system gave: the number, the date and the signed PDF for a
/// waiting draft; the signed PDF alone for an entry.
pub fn view(l: Lang, f: &Signing, busy: bool) -> Element<'_, Message> {
    let idle = |m: Message| (!busy).then_some(m);
    let mut col = column![
        text(tr(
            l,
            if f.waiting {
                T::SigningTitle
            } else {
                T::SigningAttachTitle
            }
        ))
        .size(style::LABEL)
        .font(UI_FONT_STRONG),
    ]
    .spacing(style::SPACE_TIGHT);
    if f.waiting {
        col = col.push(
            row![
                text_input(tr(l, T::DecisionNumber), &f.number)
                    .id("signing_first")
                    .on_input(Message::SigningNumber)
                    .padding(style::PAD_FIELD)
                    .width(90),
                text_input(tr(l, T::DecisionDate), &f.date)
                    .on_input(Message::SigningDate)
                    .padding(style::PAD_FIELD)
                    .width(120),
            ]
            .spacing(style::SPACE),
        );
    }
    col = col.push(
        row![
            text_input(
                tr(
                    l,
                    if f.waiting {
                        T::SigningFile
                    } else {
                        T::SigningFileNeeded
                    }
                ),
                &f.file
            )
            .id(if f.waiting {
                "signing_file"
            } else {
                "signing_first"
            })
            .on_input(Message::SigningFile)
            .padding(style::PAD_FIELD),
            button(text(tr(l, T::DecisionBrowse)).size(style::LABEL))
                .style(button::secondary)
                .on_press_maybe(idle(Message::SigningBrowse)),
        ]
        .spacing(style::SPACE),
    );
    if f.waiting {
        col = col.push(
            text(tr(l, T::SigningHint))
                .size(style::HINT)
                .color(style::MUTED),
        );
    }
    col = col.push(
        iced::widget::checkbox(f.anyway)
            .label(tr(l, T::SigningAnyway))
            .on_toggle(Message::SigningAnyway)
            .size(14)
            .text_size(style::LABEL),
    );
    col = col.push(
        row![
            button(
                text(tr(
                    l,
                    if f.waiting {
                        T::SigningConfirm
                    } else {
                        T::SigningKeep
                    }
                ))
                .size(style::LABEL)
            )
            .style(button::primary)
            .on_press_maybe(idle(Message::SigningConfirm)),
            button(text(tr(l, T::QuitNo)).size(style::LABEL))
                .style(button::secondary)
                .on_press(Message::SigningCancel),
        ]
        .spacing(style::SPACE),
    );
    col.into()
}

/// The e-office's fields of the last draft for numbering, each with a button to copy it.
pub fn meta_view(l: Lang, meta: &Metadata) -> Element<'_, Message> {
    let mut col = column![
        text(tr(l, T::SigningMeta))
            .size(style::LABEL)
            .font(UI_FONT_STRONG)
    ]
    .spacing(2);
    for (label, value) in meta.lines(l) {
        col = col.push(
            row![
                text(format!("{label}: {value}"))
                    .size(style::HINT)
                    .width(Length::Fill),
                button(text(tr(l, T::SigningCopy)).size(style::HINT))
                    .style(button::text)
                    .padding(0)
                    .on_press(Message::CopyField(value)),
            ]
            .spacing(style::SPACE),
        );
    }
    col.into()
}
