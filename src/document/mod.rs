//! Document models: decisions, member lists and reports, built from domain data.
//! Knows Decree 30, knows nothing of PDF.

pub mod decision;
pub mod members;
pub mod model;
pub mod numbering;
pub mod province_report;
pub mod report;
