//! Document models: decisions and member lists (reports later), built from domain data.
//! Knows Decree 30, knows nothing of PDF.

pub mod decision;
pub mod members;
pub mod model;
