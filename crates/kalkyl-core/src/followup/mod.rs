//! The year in one view: the tables of several reports of one year (plan,
//! follow-ups, annual report), each a sheet, put side by side row by row.
//!
//! A [`FollowUp`] is the user's settings: which sheets are its reports, in
//! which order, of which kind and period, and the matches the user changed.
//! [`compute()`] is a pure function of those settings and the sheets' tables,
//! so an edit or a what-if in a sheet is seen by computing again:
//!
//! 1. each report's kind and months are proposed from its table
//!    ([`propose_report`]) when it joins, and the user may change them;
//! 2. rows are matched across reports by their normalised labels
//!    ([`normalise_label`]); several rows of one report stand for one row
//!    of another only when their labels begin with its name and their
//!    budgets add up to its budget ([`matching`]); anything else ambiguous
//!    is listed as unmatched, never matched to a part of what it stands for;
//! 3. every figure is converted exactly to the follow-up's unit and sign
//!    convention, and the budgets, forecasts, outcome and forecast
//!    deviations are computed per row and for the total, with the reports'
//!    own check findings carried over as warnings and what cannot be
//!    compared said in notes ([`compute()`]).
//!
//! The parts of one match always come from one report's table, so they
//! share its unit (the reader converts cells with their own unit to the
//! table's); a report whose unit or convention is unknown is not compared
//! at all ([`NoteKind::UnknownUnit`], [`NoteKind::UnknownConvention`]).
//!
//! Invariants: no float, checked arithmetic (an overflow is a visible
//! [`crate::calc::Computed::Error`]), no panic on any table.

pub mod compute;
pub mod label;
pub mod matching;
pub mod propose;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{SignConvention, StatusThresholds, Table};
use crate::number::Unit;

pub use compute::{
    compute, Accuracy, Deviation, FollowUpResult, Line, Note, NoteKind, ReportInfo, ResultRow,
    Target, Warning,
};
pub use label::normalise_label;
pub use matching::{Unmatched, UnmatchedReason};
pub use propose::{propose_report, Proposal};

/// What a report is in the year's chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The plan (verksamhetsplan, budget): sets the budget; its budget is
    /// also its forecast.
    Plan,
    /// A follow-up (uppföljningsrapport, delårsrapport): an outcome so far
    /// and a full-year forecast.
    FollowUp,
    /// The annual report (årsredovisning): the outcome of the year.
    Annual,
}

impl ReportKind {
    /// The stable name used in files: `plan`, `follow_up`, `annual`.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Plan => "plan",
            ReportKind::FollowUp => "follow_up",
            ReportKind::Annual => "annual",
        }
    }

    /// The name a user sees.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ReportKind::Plan => lang.pick("Plan", "Plan"),
            ReportKind::FollowUp => lang.pick("Uppföljning", "Follow-up"),
            ReportKind::Annual => lang.pick("Årsredovisning", "Annual report"),
        }
    }
}

/// One report of a follow-up: a sheet and what the user says it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSettings {
    /// The sheet's id ([`crate::workspace::Sheet::id`]).
    pub sheet: u64,
    /// The kind of report.
    pub kind: ReportKind,
    /// Months covered (see [`Proposal::months`]).
    pub months: Option<u8>,
    /// The report's sign convention when the user sets it here; `None`
    /// uses the sheet's effective convention.
    pub convention: Option<SignConvention>,
}

/// A row of a report's table, by index, with the label it had when the
/// user chose: a match whose row now has another label is dropped (the
/// table was read again) rather than applied to the wrong row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRef {
    /// The row index in the sheet's table.
    pub row: usize,
    /// The row's label.
    pub label: String,
}

/// Where the user puts rows of one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchTarget {
    /// Into the follow-up row with this label (compared normalised); a new
    /// row when there is none. Several rows are added together.
    Row {
        /// The follow-up row's label.
        label: String,
    },
    /// Out of every follow-up row: listed as unmatched.
    Unmatched,
}

/// A match the user chose, which wins over the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchOverride {
    /// The sheet of the report the rows belong to.
    pub sheet: u64,
    /// The rows.
    pub rows: Vec<RowRef>,
    /// Where they go.
    pub target: MatchTarget,
}

/// A follow-up: the user's settings for one year in one view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Its name.
    pub name: String,
    /// The unit every figure is shown in.
    pub unit: Unit,
    /// The sign convention every figure is shown in.
    pub convention: SignConvention,
    /// The reports, in the order of the year.
    pub reports: Vec<ReportSettings>,
    /// The matches the user chose, applied in order.
    pub matches: Vec<MatchOverride>,
    /// When a forecast is "within" the outcome: `met_within` percent of the
    /// budget, as for the sheets' status marks.
    pub status: StatusThresholds,
}

/// A sheet's table as the follow-up reads it.
#[derive(Debug, Clone, Copy)]
pub struct SheetTable<'a> {
    /// The sheet's id.
    pub id: u64,
    /// The sheet's name, to name the report.
    pub name: &'a str,
    /// The table.
    pub table: &'a Table,
}

impl FollowUp {
    /// A follow-up of the given sheets, in their order, each with its
    /// proposed kind and months. The unit is the first unit the tables
    /// state (mnkr without one); the convention is net cost, the reports'
    /// reference.
    pub fn from_sheets(name: &str, sheets: &[SheetTable<'_>]) -> FollowUp {
        let unit = sheets
            .iter()
            .find_map(|s| s.table.unit)
            .unwrap_or(Unit::Mnkr);
        let mut follow_up = FollowUp {
            name: name.to_string(),
            unit,
            convention: SignConvention::OutcomeMinusBudget,
            reports: Vec::new(),
            matches: Vec::new(),
            status: StatusThresholds::default(),
        };
        for sheet in sheets {
            follow_up.add_report(sheet.id, sheet.table);
        }
        follow_up
    }

    /// Adds a sheet as the last report, with its proposed kind and months.
    pub fn add_report(&mut self, sheet: u64, table: &Table) {
        let proposal = propose_report(table);
        self.reports.push(ReportSettings {
            sheet,
            kind: proposal.kind,
            months: proposal.months,
            convention: None,
        });
    }

    /// Removes the report at `index` and the matches the user chose in it;
    /// returns it.
    pub fn remove_report(&mut self, index: usize) -> Option<ReportSettings> {
        if index >= self.reports.len() {
            return None;
        }
        let removed = self.reports.remove(index);
        if !self.reports.iter().any(|r| r.sheet == removed.sheet) {
            self.matches.retain(|m| m.sheet != removed.sheet);
        }
        Some(removed)
    }

    /// Moves the report at `index` by `delta` places; false when it cannot.
    pub fn move_report(&mut self, index: usize, delta: isize) -> bool {
        let Some(to) = index.checked_add_signed(delta) else {
            return false;
        };
        if index >= self.reports.len() || to >= self.reports.len() {
            return false;
        }
        let report = self.reports.remove(index);
        self.reports.insert(to, report);
        true
    }

    /// Sets where rows of a report go, replacing earlier choices for any of
    /// these rows.
    pub fn set_match(&mut self, choice: MatchOverride) {
        for m in &mut self.matches {
            if m.sheet == choice.sheet {
                m.rows
                    .retain(|r| !choice.rows.iter().any(|c| c.row == r.row));
            }
        }
        self.matches.retain(|m| !m.rows.is_empty());
        self.matches.push(choice);
    }
}
