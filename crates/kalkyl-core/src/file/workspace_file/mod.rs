//! The JSON workspace file, version 4, and the migration from versions 1
//! to 3. `docs/file-format.md` describes every field.
//!
//! What is stored is the workspace: per table the pasted source, the read
//! choices, the table as read with the user's edits (and the pasted
//! original of every edited cell), the settings and the reader's
//! diagnostics. What is derived is written too, for readers without
//! Kalkyl, and ignored on import: each row's `label` and `computed`
//! figures, subtotal `sums`, the `totals`, the `checks`, the detected sign
//! convention and the diagnostics' messages, and each follow-up's rows,
//! total and unmatched rows. Import recomputes them, so a file that is read
//! and written again gives the same bytes.
//!
//! The file's types below are written and read by serde; each key and each
//! name is written once, in them or in the derive of the enum it names.
//! Cells and decimals are read as raw JSON and interpreted here, so that a
//! number is never read through a float and every error names its path.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::layout::{path_at, write_compact, write_laid_out};
use super::{num, Counted, DecimalProblem, ErrorKind, Expected, FileError, Place, Syntax};
use crate::calc::{compute, CalcError, Computed, Figure, Results, RowResult};
use crate::checks::{check_table, CheckKind};
use crate::convention::detect_convention;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::followup::{
    self, FollowUp, FollowUpResult, Line, MatchOverride, MatchTarget, ReportKind, ReportSettings,
    RowRef, UnmatchedReason,
};
use crate::grid::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::lang::Lang;
use crate::model::{
    Cell, Column, ForecastMethod, Role, Row, RowKind, SignConvention, StatusThresholds, Table,
    TableSettings,
};
use crate::number::{format_decimal, DecimalMark, NumberStyle, Unit};
use crate::read::{read_paste, Orientation, ReadChoices};
use crate::workspace::{PastedSource, Sheet, Workspace};

/// The value of `format`.
pub const FORMAT: &str = "kalkyl-workspace";

/// The version [`write_workspace_file`] writes.
pub const VERSION: u64 = 4;

/// The oldest version [`read_workspace_file`] reads (and migrates).
pub const OLDEST_VERSION: u64 = 1;

/// The most tables a workspace file may hold.
pub const MAX_TABLES: usize = 1_000;

/// The largest text [`read_workspace_file`] reads: 64 MiB, checked before
/// parsing.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// The deepest nesting of arrays and objects: serde_json's recursion
/// limit, which keeps the stack safe.
pub const MAX_DEPTH: usize = 128;

/// The longest string of the file Kalkyl keeps, in bytes: 32 MiB (a pasted
/// source can be large).
pub const MAX_STRING_BYTES: usize = 32 << 20;

/// The most members of a list or map without a limit of its own
/// (diagnostics, maps keyed by index): [`crate::grid::MAX_CELLS`].
pub const MAX_ITEMS: usize = MAX_CELLS;

/// The most follow-ups a workspace file may hold.
pub const MAX_FOLLOW_UPS: usize = 1_000;

/// The most reports one follow-up may have: one per table.
pub const MAX_REPORTS: usize = MAX_TABLES;

/// The most matches one follow-up may keep (and rows one match may name):
/// one per row of a table.
pub const MAX_MATCHES: usize = MAX_ROWS;

/// The most decimals a table may be displayed with.
const MAX_DISPLAY_DECIMALS: u64 = 28;

mod read;
mod types;
mod write;

#[cfg(test)]
mod tests;

pub use read::*;
use types::*;
pub use write::*;
