//! Review of a team's coding: units (which claims of different coders cover the same passage)
//! and the agreement measures over them. Pure functions over plain data: the caller reads the
//! claims from the project; nothing here knows of SQL.

pub mod alpha;
pub mod figure;
pub mod kappa;
pub mod report;
pub mod rng;
pub mod spans;
pub mod units;
pub mod view;

pub use figure::Figure;
pub use report::{agreement, Agreement, AgreementInput};
pub use units::{units, CodedSpan, Unit};
