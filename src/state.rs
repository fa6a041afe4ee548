//! The app's state: the workspace and the computed state of its sheets.
//!
//! [`Ctx`] is the one way a sheet changes ([`Ctx::mutate`]), so every change
//! is a core command (undoable) and the results follow it incrementally.
//! The view reads sheets through it and computes nothing itself.

use kalkyl_core::calc::{Figure, IncrementalCalc, Results};
use kalkyl_core::checks::{check_table, Check};
use kalkyl_core::edit::{pasted, EditError, Effect as Change};
use kalkyl_core::read::{needs_line_layout, ReadChoices};
use kalkyl_core::workspace::{Sheet, Workspace};
use leptos::prelude::*;

use crate::on_demand::OnDemand;

/// Which computed columns have something to show: bit `k` for
/// `Figure::ALL[k]`, and [`STATUS_BIT`] for the status.
pub type Presence = u16;

/// The status column's bit in a [`Presence`].
pub const STATUS_BIT: Presence = 1 << Figure::ALL.len();

/// What the given rows (and the totals) have to show.
pub fn presence_in(results: &Results, rows: &mut dyn Iterator<Item = usize>) -> Presence {
    let all = (STATUS_BIT << 1) - 1;
    let mut found: Presence = 0;
    for (k, f) in Figure::ALL.iter().enumerate() {
        if !results.totals.computed.figure(*f).is_blank() {
            found |= 1 << k;
        }
    }
    for row in rows {
        if found == all {
            break;
        }
        let Some(r) = results.rows.get(row) else {
            continue;
        };
        for (k, f) in Figure::ALL.iter().enumerate() {
            if !r.figure(*f).is_blank() {
                found |= 1 << k;
            }
        }
        if r.status.is_some() {
            found |= STATUS_BIT;
        }
    }
    found
}

/// A sheet's computed state: results that follow edits incrementally, and
/// the checks of the report's own (pasted) figures.
pub struct SheetCalc {
    /// Deviations, forecasts and totals.
    pub calc: IncrementalCalc,
    /// Checks of the figures as pasted; edits do not change them.
    pub checks: Vec<Check>,
    /// Which computed columns the grid shows. A cell edit only adds
    /// columns (a figure that appears), so that it costs the edited rows
    /// and not a scan of the table; a column emptied by edits stays until
    /// the next full computation.
    pub presence: Presence,
}

impl SheetCalc {
    /// Computes a table from scratch.
    pub fn new(table: &kalkyl_core::model::Table) -> SheetCalc {
        let calc = IncrementalCalc::new(table);
        let presence = presence_in(calc.results(), &mut (0..table.rows.len()));
        SheetCalc {
            calc,
            checks: check_table(&pasted(table)),
            presence,
        }
    }

    /// Follows a change of the table in the results.
    pub fn follow(&mut self, table: &kalkyl_core::model::Table, effect: &Change) {
        self.calc.update(table, effect);
        let results = self.calc.results();
        self.presence = match effect {
            Change::Nothing => self.presence,
            Change::Cells(changes) => {
                // The edited rows and the subtotal and total rows (the
                // engine lists them), not a scan of the table.
                let summing = results.sums.iter().map(|s| s.row);
                self.presence
                    | presence_in(results, &mut changes.iter().map(|c| c.row).chain(summing))
            }
            Change::Row(row) => self.presence | presence_in(results, &mut std::iter::once(*row)),
            Change::All => presence_in(results, &mut (0..table.rows.len())),
        };
        // A role or the convention changes what the report's figures mean.
        if matches!(effect, Change::All) {
            self.checks = check_table(&pasted(table));
        }
    }
}

/// What a sheet operation returns that may have changed the table.
pub trait Outcome {
    /// The change to follow, if the table changed.
    fn effect(&self) -> Option<&Change>;
}

impl Outcome for Result<Change, EditError> {
    fn effect(&self) -> Option<&Change> {
        self.as_ref().ok()
    }
}

impl Outcome for Option<Change> {
    fn effect(&self) -> Option<&Change> {
        self.as_ref()
    }
}

/// The workspace and the computed state of its sheets. Copy it freely.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// Everything the user has open.
    pub workspace: RwSignal<Workspace>,
    /// The on-demand module, which lays out text without delimiters.
    pub module: OnDemand,
    /// Each sheet's computed state by sheet id. A workspace holds a few
    /// sheets, so a list is enough; a map type would add its own code to
    /// the download.
    calcs: StoredValue<Vec<(u64, SheetCalc)>, LocalStorage>,
}

impl Ctx {
    /// An empty workspace.
    pub fn new() -> Ctx {
        Ctx {
            workspace: RwSignal::new(Workspace::default()),
            module: OnDemand::new(),
            calcs: StoredValue::new_local(Vec::new()),
        }
    }

    fn calc_of<R>(&self, sheet: &Sheet, f: impl FnOnce(&Sheet, &SheetCalc) -> R) -> Option<R> {
        // Computed on first use. `f` runs under a shared borrow only, so a
        // memo evaluated inside `f` may read a sheet too (a write borrow
        // here would make that nested read fail).
        self.ensure_calc(sheet);
        self.calcs
            .try_with_value(|m| {
                m.iter()
                    .find(|(id, _)| *id == sheet.id)
                    .map(|(_, c)| f(sheet, c))
            })
            .flatten()
    }

    /// Computes a sheet's state if it has none yet. Not generic, so that the
    /// many readers of sheets share this code.
    #[inline(never)]
    fn ensure_calc(&self, sheet: &Sheet) {
        if self
            .calcs
            .try_with_value(|m| m.iter().any(|(id, _)| *id == sheet.id))
            == Some(false)
        {
            // The states of sheets deleted since go first, so that this
            // one reuses their memory (a WebAssembly tab's never shrinks).
            self.workspace.with_untracked(|w| {
                self.calcs
                    .update_value(|m| m.retain(|(id, _)| w.sheet(*id).is_some()))
            });
            let calc = SheetCalc::new(&sheet.table);
            self.calcs.update_value(|m| put(m, sheet.id, calc));
        }
    }

    /// Reads a sheet and its computed state, tracking changes.
    pub fn with_sheet<R>(&self, id: u64, f: impl FnOnce(&Sheet, &SheetCalc) -> R) -> Option<R> {
        self.workspace
            .with(|w| w.sheet(id).and_then(|s| self.calc_of(s, f)))
    }

    /// Reads a sheet and its computed state without tracking.
    pub fn with_sheet_untracked<R>(
        &self,
        id: u64,
        f: impl FnOnce(&Sheet, &SheetCalc) -> R,
    ) -> Option<R> {
        self.workspace
            .with_untracked(|w| w.sheet(id).and_then(|s| self.calc_of(s, f)))
    }

    /// Changes a sheet through the core (a command, undo or redo) and
    /// follows the change in its results. Views update only if it changed.
    pub fn mutate<R: Outcome>(&self, id: u64, f: impl FnOnce(&mut Sheet) -> R) -> Option<R> {
        let mut outcome = None;
        self.workspace.maybe_update(|w| {
            let Some(sheet) = w.sheet_mut(id) else {
                return false;
            };
            let result = f(sheet);
            let changed = match result.effect() {
                Some(effect) => {
                    let effect = effect.clone();
                    self.calcs
                        .update_value(|m| match m.iter_mut().find(|(of, _)| *of == id) {
                            Some((_, calc)) => calc.follow(&sheet.table, &effect),
                            None => m.push((id, SheetCalc::new(&sheet.table))),
                        });
                    true
                }
                None => false,
            };
            outcome = Some(result);
            changed
        });
        outcome
    }

    /// Puts another workspace in place of this one (restored from storage),
    /// computing its sheets afresh.
    pub fn replace(&self, ws: Workspace) {
        self.calcs.update_value(|m| m.clear());
        self.workspace.set(ws);
    }

    /// Changes the read choices of a sheet: the text is read again (once
    /// the on-demand module is there, if the text needs its layout).
    pub fn reread(self, id: u64, change: impl FnOnce(&mut ReadChoices) + 'static) {
        self.reread_boxed(id, Box::new(change));
    }

    /// The body of [`Ctx::reread`], compiled once for every caller's change
    /// (five callers cost 3 KB of WebAssembly more as generic code).
    fn reread_boxed(self, id: u64, change: Box<dyn FnOnce(&mut ReadChoices)>) {
        let needs_module = self.workspace.with_untracked(|w| {
            w.sheet(id).is_some_and(|s| {
                let mut choices = s.choices.clone();
                // The choice may be the one that says "read the plain text".
                choices.prefer_plain = true;
                needs_line_layout(&s.source.plain, s.source.html.as_deref(), &choices)
            })
        });
        if needs_module && self.module.ready().is_none() {
            self.module.then(move |_| self.reread_now(id, change));
        } else {
            self.reread_now(id, change);
        }
    }

    fn reread_now(self, id: u64, change: Box<dyn FnOnce(&mut ReadChoices)>) {
        self.workspace.update(|w| {
            if let Some(sheet) = w.sheet_mut(id) {
                sheet.change_choices(change);
                let calc = SheetCalc::new(&sheet.table);
                self.calcs.update_value(|m| put(m, id, calc));
            }
        });
    }
}

/// Sets the computed state of sheet `id`, replacing any it had.
fn put(calcs: &mut Vec<(u64, SheetCalc)>, id: u64, calc: SheetCalc) {
    match calcs.iter_mut().find(|(of, _)| *of == id) {
        Some((_, old)) => *old = calc,
        None => calcs.push((id, calc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kalkyl_core::edit::Command;

    #[test]
    fn a_cell_edit_adds_the_columns_a_full_computation_would_show() {
        use kalkyl_core::model::Cell;
        use rust_decimal::Decimal;
        let mut ws = Workspace::default();
        let id = ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t-1\t\nB\t-2\t\n", None);
        let sheet = ws.sheet_mut(id).expect("sheet");
        let mut calc = SheetCalc::new(&sheet.table);
        let before = calc.presence;
        let effect = sheet
            .apply(&Command::SetCell {
                row: 1,
                column: 2,
                cell: Cell::Number(Decimal::new(-5, 0)),
            })
            .expect("edit");
        calc.follow(&sheet.table, &effect);
        let full = presence_in(calc.calc.results(), &mut (0..sheet.table.rows.len()));
        assert_ne!(before, full, "the budget brings the deviation columns");
        assert_eq!(calc.presence, full);
    }
}
