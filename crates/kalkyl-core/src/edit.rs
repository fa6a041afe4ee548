//! What-if edits with undo and redo.
//!
//! A [`Command`] changes a table: a cell, a whole column's chosen rows by a
//! percentage or an amount, a role, or a setting. [`apply`] carries it out
//! and returns a [`Change`] that remembers the state before and after every
//! part it touched, so that [`Change::undo`] and [`Change::redo`] restore
//! exactly (the same values with the same scales, the same originals).
//! [`History`] keeps the changes for undo and redo, up to a capacity (the
//! oldest is dropped).
//!
//! The pasted figure of every edited cell is kept in
//! [`Row::originals`] the first time the cell changes; setting the cell back
//! to that figure (the same value, whatever the decimals typed) restores
//! the pasted cell and removes the entry. [`pasted`] gives the table as
//! pasted, and [`compare_totals`] puts pasted and changed totals side by
//! side.
//!
//! Every change reports an [`Effect`], which tells
//! [`crate::calc::IncrementalCalc::update`] how much to recompute.

use std::borrow::Cow;
use std::collections::{BTreeSet, VecDeque};

use rust_decimal::Decimal;

use crate::calc::{compute, Computed, Figure, Totals};
use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::{
    Cell, ForecastMethod, Role, SignConvention, StatusThresholds, Table, TableSettings,
};
use crate::number::Unit;

pub use crate::change::{CellChange, Effect};
pub use crate::model::pasted_cell;

/// A change to the figures of a column: "+3 %" or "+1,5".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// Change by this many percent: `3` makes 100 into 103.
    Percent(Decimal),
    /// Add this amount, in the table's unit.
    Amount(Decimal),
}

/// An edit of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Sets a cell. The pasted cell is kept in the row's originals.
    SetCell {
        /// Row index.
        row: usize,
        /// Column index.
        column: usize,
        /// The new content.
        cell: Cell,
    },
    /// Empties several cells as one step (Delete on a selected range).
    /// Cells that are already empty are left alone.
    ClearCells {
        /// The cells, as (row, column).
        cells: Vec<(usize, usize)>,
    },
    /// Puts a cell back as pasted.
    ResetCell {
        /// Row index.
        row: usize,
        /// Column index.
        column: usize,
    },
    /// Puts every edited cell back as pasted.
    ResetTable,
    /// Changes the numbers of chosen rows of a column by a percentage or an
    /// amount ("Personalkostnader +3 %"). Cells without a number are left
    /// alone. The result is exact; it keeps at least the decimals the cell
    /// had, without trailing zeros beyond them (100 + 3 % is 103,
    /// -174,1 + 3 % is -179,323).
    Adjust {
        /// Column index.
        column: usize,
        /// The rows to change (duplicates count once).
        rows: Vec<usize>,
        /// The change.
        adjustment: Adjustment,
    },
    /// Changes what a column holds.
    SetRole {
        /// Column index.
        column: usize,
        /// The new role.
        role: Role,
    },
    /// Sets or clears (detect again) the sign convention.
    SetConvention(Option<SignConvention>),
    /// Sets or clears (choose from the columns) the table's forecast method.
    SetForecastMethod(Option<ForecastMethod>),
    /// Sets or clears one row's forecast method.
    SetRowForecastMethod {
        /// Row index.
        row: usize,
        /// The method, or `None` for the table's.
        method: Option<ForecastMethod>,
    },
    /// Sets or clears the display unit.
    SetDisplayUnit(Option<Unit>),
    /// Sets or clears the number of decimals displayed (at most 28).
    SetDisplayDecimals(Option<u32>),
    /// Sets the status thresholds (not negative; met within at most
    /// acceptable within).
    SetThresholds(StatusThresholds),
    /// Sets or clears the months elapsed (1 to 12).
    SetMonths(Option<u8>),
}

/// Why a command was refused. A refused command changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    /// The table has no such row.
    NoSuchRow(usize),
    /// The table has no such column.
    NoSuchColumn(usize),
    /// An adjusted value would be too large.
    Overflow {
        /// Row of the cell.
        row: usize,
        /// Column of the cell.
        column: usize,
    },
    /// Months must be 1 to 12.
    InvalidMonths(u8),
    /// At most 28 decimals can be displayed.
    InvalidDecimals(u32),
    /// Thresholds must not be negative, and "met" must be within "acceptable".
    InvalidThresholds,
}

impl EditError {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EditError::NoSuchRow(r), Lang::Sv) => format!("Rad {} finns inte.", r + 1),
            (EditError::NoSuchRow(r), Lang::En) => format!("Row {} does not exist.", r + 1),
            (EditError::NoSuchColumn(c), Lang::Sv) => format!("Kolumn {} finns inte.", c + 1),
            (EditError::NoSuchColumn(c), Lang::En) => {
                format!("Column {} does not exist.", c + 1)
            }
            (EditError::Overflow { row, column }, Lang::Sv) => format!(
                "Rad {}, kolumn {}: beloppet blir för stort; inget ändrades.",
                row + 1,
                column + 1
            ),
            (EditError::Overflow { row, column }, Lang::En) => format!(
                "Row {}, column {}: the amount becomes too large; nothing was changed.",
                row + 1,
                column + 1
            ),
            (EditError::InvalidMonths(m), Lang::Sv) => {
                format!("Antal månader ska vara 1–12, inte {m}.")
            }
            (EditError::InvalidMonths(m), Lang::En) => {
                format!("Months must be 1–12, not {m}.")
            }
            (EditError::InvalidDecimals(d), Lang::Sv) => {
                format!("Högst 28 decimaler kan visas, inte {d}.")
            }
            (EditError::InvalidDecimals(d), Lang::En) => {
                format!("At most 28 decimals can be shown, not {d}.")
            }
            (EditError::InvalidThresholds, Lang::Sv) => {
                "Gränserna får inte vara negativa, och «uppfyllt» måste ligga inom «mindre avvikelse».".into()
            }
            (EditError::InvalidThresholds, Lang::En) => {
                "Thresholds must not be negative, and «met» must be within «small deviation».".into()
            }
        }
    }
}

impl Effect {
    /// The (row, column) of every changed cell, for an effect on cells.
    pub fn cells(&self) -> Vec<(usize, usize)> {
        match self {
            Effect::Cells(changes) => changes.iter().map(|c| (c.row, c.column)).collect(),
            Effect::Nothing | Effect::Row(_) | Effect::All => Vec::new(),
        }
    }
}

impl std::fmt::Display for EditError {
    /// Writes the English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

/// A cell and its pasted original.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CellState {
    cell: Cell,
    original: Option<Cell>,
}

/// One cell's state before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CellEdit {
    row: usize,
    column: usize,
    before: CellState,
    after: CellState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ChangeKind {
    Cells(Vec<CellEdit>),
    Role {
        column: usize,
        before: Role,
        after: Role,
    },
    Settings {
        before: Box<TableSettings>,
        after: Box<TableSettings>,
        effect: Effect,
    },
    Months {
        before: Option<u8>,
        after: Option<u8>,
    },
}

/// A change carried out on a table, with everything needed to undo and
/// redo it exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    kind: ChangeKind,
}

impl Change {
    /// Whether the command changed nothing.
    pub fn is_empty(&self) -> bool {
        match &self.kind {
            ChangeKind::Cells(edits) => edits.is_empty(),
            ChangeKind::Role { before, after, .. } => before == after,
            ChangeKind::Settings { before, after, .. } => before == after,
            ChangeKind::Months { before, after } => before == after,
        }
    }

    /// What the change affects when it is done (or redone).
    pub fn effect(&self) -> Effect {
        self.effect_of(true)
    }

    /// What the change affects done (`forward`) or undone: the changed
    /// cells with what they held before that.
    fn effect_of(&self, forward: bool) -> Effect {
        match &self.kind {
            ChangeKind::Cells(edits) if edits.is_empty() => Effect::Nothing,
            ChangeKind::Cells(edits) => Effect::Cells(
                edits
                    .iter()
                    .map(|e| CellChange {
                        row: e.row,
                        column: e.column,
                        previous: if forward {
                            e.before.cell.clone()
                        } else {
                            e.after.cell.clone()
                        },
                    })
                    .collect(),
            ),
            ChangeKind::Role { .. } | ChangeKind::Months { .. } => Effect::All,
            ChangeKind::Settings { effect, .. } => effect.clone(),
        }
    }

    /// Undoes the change on the table it was made on (in the state right
    /// after it).
    pub fn undo(&self, table: &mut Table) -> Effect {
        match &self.kind {
            ChangeKind::Cells(edits) => {
                for e in edits.iter().rev() {
                    write_state(table, e.row, e.column, &e.before);
                }
            }
            ChangeKind::Role { column, before, .. } => {
                if let Some(c) = table.columns.get_mut(*column) {
                    c.role = *before;
                }
            }
            ChangeKind::Settings { before, .. } => table.settings = (**before).clone(),
            ChangeKind::Months { before, .. } => table.months = *before,
        }
        self.effect_of(false)
    }

    /// Does the change again on the table in the state right before it.
    pub fn redo(&self, table: &mut Table) -> Effect {
        match &self.kind {
            ChangeKind::Cells(edits) => {
                for e in edits {
                    write_state(table, e.row, e.column, &e.after);
                }
            }
            ChangeKind::Role { column, after, .. } => {
                if let Some(c) = table.columns.get_mut(*column) {
                    c.role = *after;
                }
            }
            ChangeKind::Settings { after, .. } => table.settings = (**after).clone(),
            ChangeKind::Months { after, .. } => table.months = *after,
        }
        self.effect()
    }
}

/// The table as pasted: every edited cell back to its original, no
/// originals left. Settings and roles stay as they are.
///
/// Borrowed when no cell was edited (the table just pasted, or every edit
/// undone): a copy of a 100 000-row table costs tens of MiB, and a wasm
/// tab's memory never shrinks after such a peak.
pub fn pasted(table: &Table) -> Cow<'_, Table> {
    if table.rows.iter().all(|row| row.originals.is_empty()) {
        return Cow::Borrowed(table);
    }
    let mut out = table.clone();
    for row in &mut out.rows {
        for (c, original) in std::mem::take(&mut row.originals) {
            if let Some(cell) = row.cells.get_mut(c) {
                *cell = original;
            }
        }
    }
    Cow::Owned(out)
}

/// Whether two cells hold the same thing (numbers by value, whatever their
/// decimals).
fn same_content(a: &Cell, b: &Cell) -> bool {
    match (a, b) {
        (Cell::Number(x), Cell::Number(y)) => x == y,
        _ => a == b,
    }
}

fn read_state(table: &Table, row: usize, column: usize) -> Option<CellState> {
    let r = table.rows.get(row)?;
    Some(CellState {
        cell: r.cells.get(column)?.clone(),
        original: r.originals.get(&column).cloned(),
    })
}

fn write_state(table: &mut Table, row: usize, column: usize, state: &CellState) {
    let Some(r) = table.rows.get_mut(row) else {
        return;
    };
    if let Some(cell) = r.cells.get_mut(column) {
        *cell = state.cell.clone();
    }
    match &state.original {
        Some(o) => {
            r.originals.insert(column, o.clone());
        }
        None => {
            r.originals.remove(&column);
        }
    }
}

/// The state a cell gets when set to `new`.
fn target_state(before: &CellState, new: Cell) -> CellState {
    let original = before
        .original
        .clone()
        .unwrap_or_else(|| before.cell.clone());
    if same_content(&new, &original) {
        CellState {
            cell: original,
            original: None,
        }
    } else {
        CellState {
            cell: new,
            original: Some(original),
        }
    }
}

fn check_cell(table: &Table, row: usize, column: usize) -> Result<(), EditError> {
    let r = table.rows.get(row).ok_or(EditError::NoSuchRow(row))?;
    if column >= table.columns.len() || column >= r.cells.len() {
        return Err(EditError::NoSuchColumn(column));
    }
    Ok(())
}

/// An exact result with at least `min_scale` decimals and no trailing zeros
/// beyond them.
fn tidy(value: Decimal, min_scale: u32) -> Decimal {
    let normal = value.normalize();
    if normal.scale() >= min_scale {
        return normal;
    }
    let grow = min_scale - normal.scale();
    10i128
        .checked_pow(grow)
        .and_then(|p| normal.mantissa().checked_mul(p))
        .and_then(|m| Decimal::try_from_i128_with_scale(m, min_scale).ok())
        .unwrap_or(normal)
}

/// Applies an adjustment to one value exactly; `None` on overflow.
pub fn adjust_value(value: Decimal, adjustment: Adjustment) -> Option<Decimal> {
    let raw = match adjustment {
        Adjustment::Percent(p) => {
            let factor = Decimal::ONE_HUNDRED.add_exact(p)?;
            value.mul_exact(factor)?.div_exact(Decimal::ONE_HUNDRED)?
        }
        Adjustment::Amount(a) => value.add_exact(a)?,
    };
    Some(tidy(raw, value.scale()))
}

fn settings_change(table: &Table, settings: TableSettings, effect: Effect) -> ChangeKind {
    ChangeKind::Settings {
        before: Box::new(table.settings.clone()),
        after: Box::new(settings),
        effect,
    }
}

/// Carries out a command. A refused command changes nothing; a command that
/// changes nothing gives an empty [`Change`].
pub fn apply(table: &mut Table, command: &Command) -> Result<Change, EditError> {
    let kind = match command {
        Command::SetCell { row, column, cell } => {
            check_cell(table, *row, *column)?;
            let mut edits = Vec::new();
            if let Some(before) = read_state(table, *row, *column) {
                let after = target_state(&before, cell.clone());
                if after != before {
                    edits.push(CellEdit {
                        row: *row,
                        column: *column,
                        before,
                        after,
                    });
                }
            }
            ChangeKind::Cells(edits)
        }
        Command::ClearCells { cells } => {
            // Inserted one by one: `collect` would sort first, with a
            // stable sort compiled for this type alone.
            let mut set = BTreeSet::new();
            for cell in cells {
                set.insert(*cell);
            }
            let cells = set;
            let mut edits = Vec::new();
            for &(row, column) in &cells {
                check_cell(table, row, column)?;
                if let Some(before) = read_state(table, row, column) {
                    let after = target_state(&before, Cell::Empty);
                    if after != before {
                        edits.push(CellEdit {
                            row,
                            column,
                            before,
                            after,
                        });
                    }
                }
            }
            ChangeKind::Cells(edits)
        }
        Command::ResetCell { row, column } => {
            check_cell(table, *row, *column)?;
            let mut edits = Vec::new();
            if let Some(before) = read_state(table, *row, *column) {
                if let Some(original) = before.original.clone() {
                    edits.push(CellEdit {
                        row: *row,
                        column: *column,
                        before,
                        after: CellState {
                            cell: original,
                            original: None,
                        },
                    });
                }
            }
            ChangeKind::Cells(edits)
        }
        Command::ResetTable => {
            let mut edits = Vec::new();
            for (r, row) in table.rows.iter().enumerate() {
                for (&c, original) in &row.originals {
                    if let Some(before) = read_state(table, r, c) {
                        edits.push(CellEdit {
                            row: r,
                            column: c,
                            before,
                            after: CellState {
                                cell: original.clone(),
                                original: None,
                            },
                        });
                    }
                }
            }
            ChangeKind::Cells(edits)
        }
        Command::Adjust {
            column,
            rows,
            adjustment,
        } => {
            if *column >= table.columns.len() {
                return Err(EditError::NoSuchColumn(*column));
            }
            let mut set = BTreeSet::new();
            for row in rows {
                set.insert(*row);
            }
            let rows = set;
            let mut edits = Vec::new();
            for &r in &rows {
                check_cell(table, r, *column)?;
                let Some(before) = read_state(table, r, *column) else {
                    continue;
                };
                let Cell::Number(v) = before.cell else {
                    continue;
                };
                let new = adjust_value(v, *adjustment).ok_or(EditError::Overflow {
                    row: r,
                    column: *column,
                })?;
                let after = target_state(&before, Cell::Number(new));
                if after != before {
                    edits.push(CellEdit {
                        row: r,
                        column: *column,
                        before,
                        after,
                    });
                }
            }
            ChangeKind::Cells(edits)
        }
        Command::SetRole { column, role } => {
            let before = table
                .columns
                .get(*column)
                .ok_or(EditError::NoSuchColumn(*column))?
                .role;
            ChangeKind::Role {
                column: *column,
                before,
                after: *role,
            }
        }
        Command::SetConvention(c) => {
            let mut s = table.settings.clone();
            s.sign_convention = *c;
            settings_change(table, s, Effect::All)
        }
        Command::SetForecastMethod(m) => {
            let mut s = table.settings.clone();
            s.forecast_method = *m;
            settings_change(table, s, Effect::All)
        }
        Command::SetRowForecastMethod { row, method } => {
            if *row >= table.rows.len() {
                return Err(EditError::NoSuchRow(*row));
            }
            let mut s = table.settings.clone();
            match method {
                Some(m) => {
                    s.row_forecast_methods.insert(*row, *m);
                }
                None => {
                    s.row_forecast_methods.remove(row);
                }
            }
            settings_change(table, s, Effect::Row(*row))
        }
        Command::SetDisplayUnit(u) => {
            let mut s = table.settings.clone();
            s.display_unit = *u;
            settings_change(table, s, Effect::Nothing)
        }
        Command::SetDisplayDecimals(d) => {
            if let Some(d) = d {
                if *d > Decimal::MAX_SCALE {
                    return Err(EditError::InvalidDecimals(*d));
                }
            }
            let mut s = table.settings.clone();
            s.display_decimals = *d;
            settings_change(table, s, Effect::Nothing)
        }
        Command::SetThresholds(t) => {
            if t.met_within.is_sign_negative()
                || t.acceptable_within.is_sign_negative()
                || t.met_within > t.acceptable_within
            {
                return Err(EditError::InvalidThresholds);
            }
            let mut s = table.settings.clone();
            s.status = *t;
            settings_change(table, s, Effect::All)
        }
        Command::SetMonths(m) => {
            if let Some(m) = m {
                if *m == 0 || *m > 12 {
                    return Err(EditError::InvalidMonths(*m));
                }
            }
            ChangeKind::Months {
                before: table.months,
                after: *m,
            }
        }
    };
    let change = Change { kind };
    if !change.is_empty() {
        change.redo(table);
    }
    Ok(change)
}

/// The number of steps [`History::default`] keeps.
pub const DEFAULT_CAPACITY: usize = 200;

/// Undo and redo over a table's changes, up to a capacity (the oldest change
/// is dropped when a new one would exceed it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    capacity: usize,
    done: VecDeque<Change>,
    undone: Vec<Change>,
}

impl Default for History {
    /// A history of [`DEFAULT_CAPACITY`] steps.
    fn default() -> Self {
        History::new(DEFAULT_CAPACITY)
    }
}

impl History {
    /// A history that keeps at most `capacity` steps.
    pub fn new(capacity: usize) -> History {
        History {
            capacity,
            done: VecDeque::new(),
            undone: Vec::new(),
        }
    }

    /// How many steps it keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Changes the capacity, dropping the oldest steps beyond it.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity;
        while self.done.len() > capacity {
            self.done.pop_front();
        }
        while self.undone.len() > capacity {
            self.undone.remove(0);
        }
    }

    /// Carries out a command and records it (a command that changes nothing
    /// is not recorded, and keeps the redo steps). Clears the redo steps.
    pub fn apply(&mut self, table: &mut Table, command: &Command) -> Result<Effect, EditError> {
        let change = apply(table, command)?;
        if change.is_empty() {
            return Ok(Effect::Nothing);
        }
        let effect = change.effect();
        self.undone.clear();
        self.push_done(change);
        Ok(effect)
    }

    fn push_done(&mut self, change: Change) {
        if self.capacity == 0 {
            return;
        }
        if self.done.len() >= self.capacity {
            self.done.pop_front();
        }
        self.done.push_back(change);
    }

    /// Undoes the latest step, if any.
    pub fn undo(&mut self, table: &mut Table) -> Option<Effect> {
        let change = self.done.pop_back()?;
        let effect = change.undo(table);
        self.undone.push(change);
        Some(effect)
    }

    /// Redoes the latest undone step, if any.
    pub fn redo(&mut self, table: &mut Table) -> Option<Effect> {
        let change = self.undone.pop()?;
        let effect = change.redo(table);
        self.push_done(change);
        Some(effect)
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.done.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.undone.len()
    }

    /// Whether a step can be undone.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether a step can be redone.
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Forgets every step.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }
}

/// A pasted total beside the changed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalDifference {
    /// The column (for a column total).
    pub column: Option<usize>,
    /// The computed figure (for a total of a computed figure).
    pub figure: Option<Figure>,
    /// The total of the pasted (original) table.
    pub original: Computed,
    /// The total now.
    pub current: Computed,
    /// `current − original`.
    pub difference: Computed,
}

/// Pasted and changed totals side by side: every amount column, then every
/// computed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsComparison {
    /// The computed totals of the original table.
    pub original: Totals,
    /// The computed totals of the current table.
    pub current: Totals,
    /// The differences, amount columns first, then the computed figures.
    pub differences: Vec<TotalDifference>,
}

fn difference(original: Computed, current: Computed) -> Computed {
    current.zip_with(original, |c, o| {
        c.sub_exact(o).ok_or(crate::calc::CalcError::Overflow)
    })
}

/// Computes both tables and puts their totals side by side.
pub fn compare_totals(original: &Table, current: &Table) -> TotalsComparison {
    let before = compute(original).totals;
    let after = compute(current).totals;
    let mut differences = Vec::new();
    for (c, column) in current.columns.iter().enumerate() {
        if !column.role.is_amount() {
            continue;
        }
        let o = before.columns.get(c).copied().unwrap_or_default();
        let n = after.columns.get(c).copied().unwrap_or_default();
        differences.push(TotalDifference {
            column: Some(c),
            figure: None,
            original: o,
            current: n,
            difference: difference(o, n),
        });
    }
    for figure in Figure::ALL {
        let o = before.computed.figure(figure);
        let n = after.computed.figure(figure);
        differences.push(TotalDifference {
            column: None,
            figure: Some(figure),
            original: o,
            current: n,
            difference: difference(o, n),
        });
    }
    TotalsComparison {
        original: before,
        current: after,
        differences,
    }
}

/// The table's totals as pasted beside its totals now.
pub fn compare_with_pasted(table: &Table) -> TotalsComparison {
    compare_totals(&pasted(table), table)
}
