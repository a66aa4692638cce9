//! The member list of a team as a stand-alone document (danh sách thành viên).

use chrono::NaiveDate;

use super::decision::{TeamPart, annex_table};
use super::model::*;
use crate::domain::place::Commune;
use crate::domain::vndate;

pub fn build(commune: &Commune, team: &TeamPart, date: NaiveDate, created: &str) -> Document {
    let title = format!("Danh sách thành viên {}", team.name);
    Document {
        header: Header {
            parent_body: None,
            body: std::iter::once("ỦY BAN NHÂN DÂN".to_string())
                .chain(body_place_lines(commune.kind.word(), &commune.name))
                .collect(),
            number_line: String::new(),
            summary: None,
            place_date: vndate::place_date(&commune.place_name, date),
        },
        title: Some("DANH SÁCH".into()),
        subject: vec![format!("Thành viên {}", team.name)],
        addressees: Vec::new(),
        authority: None,
        body: annex_table(std::slice::from_ref(team)),
        signature: None,
        recipients: Vec::new(),
        annexes: Vec::new(),
        meta: Meta {
            layout: super::model::LAYOUT,
            title: title.clone(),
            author: commune.committee_name(),
            subject: title,
            created: created.into(),
        },
    }
}
