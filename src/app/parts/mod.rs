//! What several screens share: the widgets and dialogs, the document's preview and
//! output bar, the names the window gives things, and the forms more than one screen
//! opens (the commune's, a member's, the import and export dialogs).

pub mod commune_form;
pub mod dialogs;
pub mod document_output;
pub mod export;
pub mod import;
pub mod member_form;
pub mod names;
pub mod preview;
pub mod signing;
pub mod tab_focus;
pub mod widgets;
