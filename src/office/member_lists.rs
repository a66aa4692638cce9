//! A team's member list as a stand-alone document (Danh sách thành viên).

use chrono::NaiveDateTime;

use super::decisions::{Saved, write_document};
use super::output::Target;
use super::{Result, output};
use crate::document::members;
use crate::document::model::Document;
use crate::render::Fonts;
use crate::store::Store;

/// Builds the member list of one team. Reads the store, writes nothing.
pub fn build(store: &Store, team_id: i64, created: Option<NaiveDateTime>) -> Result<Document> {
    let team = store.team(team_id)?;
    let commune = store.commune(team.commune_id)?;
    let parts = store.decision_parts(&[team_id], None)?;
    let created_at = created.unwrap_or_else(|| chrono::Local::now().naive_local());
    Ok(members::build(
        &commune,
        &parts[0],
        created_at.date(),
        &output::created_stamp(Some(created_at)),
    ))
}

/// Saves the member list of a team as PDF.
pub fn save(
    store: &Store,
    team_id: i64,
    created: Option<NaiveDateTime>,
    target: &Target,
    fonts: &Fonts,
) -> Result<Saved> {
    target.check(store.path())?;
    let doc = build(store, team_id, created)?;
    write_document(&doc, target, fonts)
}
