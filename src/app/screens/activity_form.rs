//! The activity form: day, team, kind, who took part, people and households reached,
//! what it adds to each indicator, notes — every refusal under its field.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::widgets;
use crate::app::screens::activities::{COUNT_IDS, Form, Lists, Message};
use crate::app::{UI_FONT_STRONG, style};
use crate::domain::{Field, Lang};

pub fn view<'a>(
    l: Lang,
    f: &'a Form,
    lists: &'a Lists,
    members: &'a [(i64, String)],
) -> Element<'a, Message> {
    let err = |field: Field| -> Option<String> {
        if !f.tried {
            return None;
        }
        let msgs: Vec<String> = f
            .errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message(l))
            .collect();
        (!msgs.is_empty()).then(|| msgs.join("\n"))
    };
    let input = |label: T, id: &'static str, field: Field, value: &'a str| {
        widgets::field(
            tr(l, label),
            id,
            value,
            err(field),
            move |v| Message::Input(field, v),
            Message::Save,
        )
    };
    let pick_col = |label: T, pick: Element<'a, Message>, field: Field| {
        let mut c =
            column![text(tr(l, label)).size(style::LABEL), pick].spacing(style::SPACE_TIGHT);
        if let Some(e) = err(field) {
            c = c.push(text(e).size(style::LABEL).color(style::ERROR));
        }
        c.width(Length::Fill)
    };
    let mut counts = column![text(tr(l, T::ActivityCounts)).size(style::LABEL)].spacing(4);
    for (i, (_, name, typed)) in f.input.counts.iter().enumerate() {
        let unit = lists
            .indicators
            .get(i)
            .map(|(_, _, u)| u.as_str())
            .unwrap_or("");
        counts = counts.push(
            row![
                text(format!(
                    "{} ({})",
                    crate::app::parts::names::indicator(l, name),
                    crate::app::parts::names::unit(l, unit, 2)
                ))
                .size(style::LABEL)
                .width(Length::FillPortion(4)),
                text_input("", typed)
                    .id(COUNT_IDS[i.min(COUNT_IDS.len() - 1)])
                    .on_input(move |v| Message::Count(i, v))
                    .on_submit(Message::Save)
                    .padding(4)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(8),
        );
    }
    if let Some(e) = err(Field::Indicator) {
        counts = counts.push(text(e).size(style::LABEL).color(style::ERROR));
    }
    let title = if f.editing.is_some() {
        T::ActivityEditTitle
    } else {
        T::ActivityNewTitle
    };
    let save = button(text(tr(l, T::FormSave))).style(button::primary);
    let save = if f.saving {
        save
    } else {
        save.on_press(Message::Save)
    };
    // Who of the team took part: a box for each current member.
    // The line stays for a team without members (what is under it never moves).
    let mut participants =
        column![text(tr(l, T::ActivityParticipants)).size(style::LABEL)].spacing(4);
    if members.is_empty() {
        participants = participants.push(
            text(tr(l, T::ActivityNoMembers))
                .size(style::LABEL)
                .color(style::MUTED),
        );
    } else {
        let mut who = iced::widget::Row::new().spacing(12);
        for (id, name) in members {
            let id = *id;
            who = who.push(
                iced::widget::checkbox(f.input.participants.contains(&id))
                    .label(name.as_str())
                    .text_size(style::LABEL)
                    .on_toggle(move |on| Message::Participant(id, on)),
            );
        }
        participants = participants.push(who.wrap());
    }
    let mut col = column![
        text(tr(l, title)).size(style::HEADING).font(UI_FONT_STRONG),
        row![
            input(
                T::ActivityDate,
                "activity_date",
                Field::Date,
                &f.input.on_date
            ),
            pick_col(
                T::FormTeam,
                widgets::picker(
                    lists.teams.as_slice(),
                    f.team.clone(),
                    None,
                    Length::Fill,
                    Message::FormTeam
                ),
                Field::Team
            ),
            pick_col(
                T::ActivityKind,
                widgets::picker_with(
                    &lists.kinds,
                    f.kind.as_ref(),
                    |k| crate::app::parts::names::kind(l, &k.name).into_owned(),
                    None,
                    Length::Fill,
                    Message::FormKind
                ),
                Field::ActivityType
            ),
        ]
        .spacing(10),
        participants,
        row![
            input(
                T::ActivityPeople,
                "activity_people",
                Field::People,
                &f.input.people
            ),
            input(
                T::ActivityHouseholds,
                "activity_households",
                Field::Households,
                &f.input.households
            ),
        ]
        .spacing(10),
        counts,
        input(
            T::ActivityNote,
            "activity_note",
            Field::Notes,
            &f.input.note
        ),
    ]
    .spacing(8);
    if f.tried && !f.errors.is_empty() {
        col = col.push(text(tr(l, T::FormFix)).color(style::ERROR));
    }
    col = col.push(
        row![
            save,
            button(text(tr(l, T::FormCancel)))
                .style(button::secondary)
                .on_press(Message::Cancel)
        ]
        .spacing(10),
    );
    container(col)
        .padding(12)
        .style(container::bordered_box)
        .into()
}
