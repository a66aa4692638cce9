//! The layout engine and its back ends: PDF now, the window's preview from the same
//! laid-out pages.

pub mod compose;
pub mod docx;
pub mod fonts;
pub mod layout;
pub mod pdf;

pub use compose::{Laid, compose};
pub use fonts::{FontChoice, Fonts};
pub use layout::PageSetup;

use crate::document::model::Document;

/// Lays out and writes a document in one go.
pub fn document_pdf(doc: &Document, fonts: &Fonts) -> Result<(Laid, Vec<u8>), pdf::PdfError> {
    let laid = compose(doc, fonts, PageSetup::DECREE_30);
    let bytes = pdf::write(&laid, fonts, &doc.meta)?;
    Ok((laid, bytes))
}
