//! Kalkyl's domain library: everything that is not the browser.
//!
//! It reads the text a controller pastes, models the table, computes every
//! deviation and forecast with exact decimals, checks the figures a report
//! states, and writes the export formats. It has no web dependency and never
//! panics on user input: every uncertainty becomes a [`diagnostics`] entry.

pub mod arith;
pub mod calc;
pub mod change;
pub mod chart;
pub mod chart_followup;
pub mod chart_followup_svg;
pub mod chart_svg;
pub mod checks;
pub mod convention;
pub mod diagnostics;
pub mod display;
pub mod edit;
pub mod file;
pub mod followup;
pub mod handover;
pub mod model;
pub mod order;
pub mod read;
pub mod role;
pub mod workspace;

// Built for speed in the browser; see kalkyl-text's documentation.
pub use kalkyl_text::{exact, grid, lang, latin, number};
