//! What a change of a table did: the cells it touched, and how much of
//! the results must follow it. Shared by `edit` (which makes changes) and
//! `calc` (which follows them).

use crate::model::Cell;

/// A cell a change touched, with what it held just before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    /// Row index.
    pub row: usize,
    /// Column index.
    pub column: usize,
    /// The cell before the change (what totals must take out).
    pub previous: Cell,
}

/// How much of the results a change affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing computed changes (a display setting, or no change at all).
    Nothing,
    /// These cells changed (each at most once).
    Cells(Vec<CellChange>),
    /// One row's computation changed (its forecast method).
    Row(usize),
    /// Everything may change (a role, the convention, the table's forecast
    /// method, months, thresholds).
    All,
}
