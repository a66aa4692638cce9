//! Types and rules of the commune's teams. Pure: no I/O.

pub mod activity;
pub mod audit;
pub mod collate;
pub mod indicator;
pub mod lang;
pub mod legal;
pub mod member_sheet;
pub mod number;
pub mod people;
pub mod period;
pub mod place;
pub mod preset;
pub mod team;
pub mod text;
pub mod units;
pub mod validate;
pub mod vndate;

pub use lang::{Field, FieldError, Lang, Msg};
