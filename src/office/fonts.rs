//! The document font: the bundled Liberation Serif, or the system's Times New Roman
//! where it is installed (`auto` prefers it).

use super::{Error, Result};
use crate::domain::{Field, FieldError};
use crate::render::{FontChoice, Fonts};
use crate::store::Store;

/// The setting that keeps the clerk's choice.
pub const SETTING: &str = "document.font";

/// Reads a choice as the command line and the settings spell it.
pub fn parse(code: &str) -> Result<FontChoice> {
    FontChoice::from_code(code).ok_or_else(|| {
        Error::invalid(FieldError::new(
            Field::DocumentFont,
            format!("phông “{code}” không có; chọn auto, bundled hoặc times"),
            format!("no font “{code}”; use auto, bundled or times"),
        ))
    })
}

/// The clerk's choice (`auto` when none was made).
pub fn chosen(store: &Store) -> Result<FontChoice> {
    Ok(store
        .setting(SETTING)?
        .and_then(|c| FontChoice::from_code(&c))
        .unwrap_or_default())
}

/// Remembers the clerk's choice.
pub fn choose(store: &mut Store, choice: FontChoice) -> Result<()> {
    Ok(store.set_setting(SETTING, choice.code())?)
}

/// The fonts to lay documents out with: `choice`, else the clerk's.
pub fn load(store: &Store, choice: Option<FontChoice>) -> Result<Fonts> {
    let choice = match choice {
        Some(c) => c,
        None => chosen(store)?,
    };
    Ok(Fonts::load(choice))
}
