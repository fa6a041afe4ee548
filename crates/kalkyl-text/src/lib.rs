//! Kalkyl's text layer: the cells of what was pasted ([`grid`]) and the
//! numbers in them, Swedish or not ([`number`]), with messages in both
//! languages ([`lang`]).
//!
//! It is the part of reading that runs per character on pastes of 100 000
//! rows, so the release profile builds this crate for speed while the rest
//! of the app is built for size. `kalkyl-core` re-exports these modules
//! under the same names; use them from there.

pub mod exact;
pub mod grid;
pub mod lang;
pub mod latin;
pub mod number;
