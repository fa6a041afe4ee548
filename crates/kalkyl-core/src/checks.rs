//! Checks of the figures a report states: totals, deviations, percentages
//! and signs, recomputed from the table's own rows.
//!
//! [`check_table`] lists every stated figure that its rows do not reproduce
//! beyond rounding. Rounding allows half a unit of the last shown decimal of
//! each figure involved (each [`Decimal`]'s scale), and these add up.
//!
//! - **Deviations** (`stated_variance` columns) are checked on `item` rows.
//!   What a column compares (budget deviation, forecast deviation, outcome
//!   against the annual budget, year over year, outcome − forecast) is
//!   decided per column by the basis that reproduces most of its rows; a
//!   column that no basis reproduces for more than half of its rows is not
//!   checked (it is the deviation of something the table does not show).
//!   Convention-dependent bases use the table's effective convention.
//! - **Signs**: a row whose deviation fails but holds when exactly one of
//!   its three figures changes sign gives one `sign_suspect` on that figure
//!   instead of a `variance_mismatch`, and every later check uses the
//!   corrected sign, so the one missing minus does not also show up as a
//!   wrong total.
//! - **Totals** are checked in every amount column (every numeric role but
//!   `stated_percent`). A subtotal adds the top-level rows of its section
//!   (back to the heading named like it without "Summa ", else back to the
//!   nearest heading, subtotal or total); a total adds every top-level row
//!   above it; an earlier subtotal or total counts instead of the rows it
//!   closes, with its stated value; "varav" children are never added; empty
//!   cells add nothing. A sum that closes no row is not checked.
//! - **Percentages** (`stated_percent` columns): the formula of a column is
//!   the `numerator / base × 100` (base signed or absolute; numerator a
//!   column or a deviation computed from two) that reproduces most rows,
//!   provided it reproduces more than half of the rows with a non-zero base.
//!   A percentage on a zero base is not recomputable and not flagged. A
//!   percentage is within rounding when some choice of the rounded inputs
//!   gives it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::convention::{
    choose_variance_basis, effective_convention, half_unit, reproduces, VarianceBasis, SAMPLE_ROWS,
};
use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::{Cell, Role, RowKind, SignConvention, Table};
use crate::number::{format_decimal, NumberStyle};

/// What kind of stated figure failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A total or subtotal against the sum of the rows it closes.
    TotalMismatch,
    /// A stated deviation against the one its columns give.
    VarianceMismatch,
    /// A stated percentage against the recomputed one.
    PercentMismatch,
    /// A value whose sign alone breaks its row.
    SignSuspect,
}

impl CheckKind {
    /// The stable name: `total_mismatch`, `variance_mismatch`,
    /// `percent_mismatch`, `sign_suspect`.
    pub fn key(self) -> &'static str {
        match self {
            CheckKind::TotalMismatch => "total_mismatch",
            CheckKind::VarianceMismatch => "variance_mismatch",
            CheckKind::PercentMismatch => "percent_mismatch",
            CheckKind::SignSuspect => "sign_suspect",
        }
    }
}

/// A stated figure that the table's own rows do not reproduce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The row of the stated figure.
    pub row: usize,
    /// The column of the stated figure.
    pub column: usize,
    /// What failed.
    pub kind: CheckKind,
    /// The figure as stated.
    pub stated: Decimal,
    /// What the rows give (for a sign suspect: the value with the other sign).
    pub recomputed: Decimal,
    /// `stated − recomputed`, or an overflow error.
    pub difference: crate::calc::Computed,
    /// The explanation in Swedish.
    pub message_sv: String,
    /// The explanation in English.
    pub message_en: String,
}

impl Check {
    /// The explanation in a language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.message_sv,
            Lang::En => &self.message_en,
        }
    }
}

/// A stated figure Kalkyl did not check because the reading it depends on
/// is not certain: an alarm on a misread table would be worse than none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    /// The row of the stated figure.
    pub row: usize,
    /// The column of the stated figure.
    pub column: usize,
    /// Why it was not checked, in Swedish.
    pub reason_sv: String,
    /// Why it was not checked, in English.
    pub reason_en: String,
}

impl Unchecked {
    /// Why it was not checked, in a language.
    pub fn reason(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.reason_sv,
            Lang::En => &self.reason_en,
        }
    }
}

/// What checking a table found: the mismatches, and the stated figures that
/// could not be checked with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Stated figures the rows do not reproduce, by row, then column.
    pub checks: Vec<Check>,
    /// Stated figures left unchecked, by row, then column.
    pub unchecked: Vec<Unchecked>,
}

/// Checks a table with its effective sign convention (the user's, else the
/// detected one). The checks are sorted by row, then column.
pub fn check_table(table: &Table) -> Vec<Check> {
    check_table_with(table, effective_convention(table).convention)
}

/// Like [`check_table`], with the figures that could not be checked.
pub fn check_report(table: &Table) -> CheckReport {
    check_report_with(table, effective_convention(table).convention)
}

/// A numerator of a percentage: a column, or a deviation computed from two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numerator {
    Column(usize),
    Derived(VarianceBasis, usize, usize),
}

/// A percentage formula: `numerator / base × 100`, the base absolute or signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PercentFormula {
    numerator: Numerator,
    base: usize,
    absolute: bool,
}

/// Checks a table with a given sign convention.
pub fn check_table_with(table: &Table, convention: SignConvention) -> Vec<Check> {
    check_report_with(table, convention).checks
}

/// Checks a table with a given sign convention, keeping the unchecked figures.
pub fn check_report_with(table: &Table, convention: SignConvention) -> CheckReport {
    let width = table.columns.len();
    let mut values: Vec<Option<Decimal>> = Vec::with_capacity(table.rows.len() * width);
    for row in &table.rows {
        for c in 0..width {
            values.push(row.cells.get(c).and_then(Cell::number));
        }
    }
    let mut checker = Checker {
        table,
        convention,
        width,
        values,
        checks: Vec::new(),
        unchecked: Vec::new(),
        doubtful_rows: doubtful_rows(table),
    };
    checker.deviations();
    checker.totals();
    checker.percentages();
    let mut checks = checker.checks;
    crate::order::sort_by(&mut checks, |a, b| {
        (a.row, a.column).cmp(&(b.row, b.column))
    });
    let mut unchecked = checker.unchecked;
    crate::order::sort_by(&mut unchecked, |a, b| {
        (a.row, a.column).cmp(&(b.row, b.column))
    });
    CheckReport { checks, unchecked }
}

/// Which kind of stated figure was left unchecked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    Total,
    Deviation,
}

/// Why a row makes the sums over it uncertain, if it does: the reader could
/// not place its cells, or it is not an amount row at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doubt {
    /// A line that could not be split into the columns, that could be split
    /// several ways, or that had more or fewer cells than the heading: its
    /// figures may sit in the wrong columns.
    Layout,
    /// Its figures are all years: a heading line read as a row.
    Years,
    /// Its label names a ratio or a count ("Soliditet, %", "Antal
    /// anställda"): adding it to amounts means nothing.
    NotAmounts,
    /// A sum that does not close the rows the reading gives it, but is
    /// exactly the sum of the last few rows above it: a group sum the table
    /// marks with no heading ("Summa" under two of five rows). Which rows it
    /// closes is uncertain, so it is not checked. Never for a sum whose
    /// section starts at a heading: the heading bounds it.
    Extent,
    /// A row taken for a sum by its label, with no heading above to bound
    /// it, which misses the rows above it by more than half its own size
    /// in every column (two at least): a figure of its own ("Resultat
    /// efter finansiella poster" under a key-figure table's selection of
    /// amounts), not a sum Kalkyl understood. A misprint misses in one
    /// column, or by little.
    NotASum,
    /// A sum right under another sum that is the sum above with one of
    /// its rows left out: another selection of
    /// the same rows ("Totalt, ej medlem" under "Totalt, medlem", the
    /// church fee left out), not a sum of the line above.
    SumUnderSum,
}

/// The doubt on each row, from the reader's diagnostics and the row itself.
fn doubtful_rows(table: &Table) -> Vec<Option<Doubt>> {
    use crate::diagnostics::DiagnosticKind as K;
    let mut doubts: Vec<Option<Doubt>> = vec![None; table.rows.len()];
    for d in &table.diagnostics {
        // A split chosen among several is uncertain too: when the sums over
        // it fail, the split is the likelier culprit than the report. So is
        // a row with fewer cells than the heading: its figures were placed
        // from the left, and may belong further right.
        if let (
            Some(r),
            K::UnsplittableLine | K::LongRow { .. } | K::ShortRow { .. } | K::AmbiguousSplit { .. },
        ) = (d.row, &d.kind)
        {
            if let Some(slot) = doubts.get_mut(r) {
                *slot = Some(Doubt::Layout);
            }
        }
    }
    let label_column = table.column_of(Role::Label);
    let (first_year, last_year) = (Decimal::from(1900), Decimal::from(2100));
    for (r, row) in table.rows.iter().enumerate() {
        if doubts[r].is_some() {
            continue;
        }
        let year = |d: Decimal| d.scale() == 0 && d >= first_year && d <= last_year;
        let mut count = 0usize;
        let all_years = row.cells.iter().filter_map(Cell::number).all(|d| {
            count += 1;
            year(d)
        });
        if all_years && count >= 2 {
            doubts[r] = Some(Doubt::Years);
            continue;
        }
        let label = label_column
            .and_then(|c| row.cells.get(c))
            .and_then(Cell::text)
            .unwrap_or("");
        if names_ratio_or_count(label) {
            doubts[r] = Some(Doubt::NotAmounts);
        }
    }
    doubts
}

/// Every count of the last terms (two or more, other than the `read` ones
/// the reading gave it) that a stated sum adds up to within their rounding,
/// shortest first: the group a sum closes when the table marks no heading
/// for it, or the rows before a group sum the reading took for its start.
/// A term of zero makes two runs equal, so there may be several; the
/// caller keeps the one the other columns confirm. Empty for a sum that is
/// simply wrong. Bounded: at most [`MAX_RUN`] terms back.
fn closing_runs(terms: &[(usize, Decimal, Decimal)], stated: Decimal, read: usize) -> Vec<usize> {
    const MAX_RUN: usize = 200;
    let mut runs = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut tolerance = half_unit(stated);
    for (k, t) in terms.iter().rev().take(MAX_RUN).enumerate() {
        let (Some(s), Some(tol)) = (sum.add_exact(t.1), tolerance.add_exact(t.2)) else {
            break;
        };
        (sum, tolerance) = (s, tol);
        let n = k + 1;
        if n >= 2 && n != read {
            let off = stated.sub_exact(sum).map(|d| d.abs());
            if off.is_some_and(|o| o <= tolerance) {
                runs.push(n);
            }
        }
    }
    runs
}

/// Whether a row label names a ratio or a count rather than an amount:
/// "Soliditet, %", "Antal invånare", "Tillsvidareanställda, st",
/// "Kassalikviditet (procent)", "kr per invånare".
fn names_ratio_or_count(label: &str) -> bool {
    // Runs once per row of every table, 100 000 rows included: no allocation.
    const WORDS: [&str; 7] = [
        "procent",
        "antal",
        "st",
        "årsarbetare",
        "invånare",
        "gånger",
        "ggr",
    ];
    // One pass that stops at the first letter that differs: most words
    // differ in their first.
    let same = |w: &str, k: &str| {
        let (mut w, mut k) = (w.chars(), k.chars());
        loop {
            match (w.next(), k.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if crate::latin::lower(a) == b => {}
                _ => return false,
            }
        }
    };
    label.contains('%')
        || label
            .split(|c: char| !crate::latin::is_letter_or_digit(c))
            .any(|w| !w.is_empty() && WORDS.iter().any(|k| same(w, k)))
}

struct Checker<'a> {
    table: &'a Table,
    convention: SignConvention,
    width: usize,
    /// The numbers, row by row, with suspect signs corrected as found.
    values: Vec<Option<Decimal>>,
    checks: Vec<Check>,
    unchecked: Vec<Unchecked>,
    /// Rows whose reading makes a sum over them uncertain.
    doubtful_rows: Vec<Option<Doubt>>,
}

fn number_sv(d: Decimal) -> String {
    format_decimal(d, &NumberStyle::swedish_display())
}

fn number_en(d: Decimal) -> String {
    let style = NumberStyle {
        grouping: crate::number::Grouping::OtherMark,
        ..NumberStyle::neutral()
    };
    format_decimal(d, &style)
}

impl Checker<'_> {
    /// Whether a sum that closes `run_rows` rather than the `read_rows` the
    /// reading gave it does so in every other amount column where it has a
    /// figure, and in one at least where the two differ: a group the table
    /// does not mark shows in every column, a misprint in one. With no
    /// other figure to ask, the extent stays uncertain.
    fn extent_in_every_column(
        &self,
        r: usize,
        c: usize,
        run_rows: &[usize],
        read_rows: &[usize],
    ) -> bool {
        let sum_of = |rows: &[usize], c2: usize| {
            let mut sum = Decimal::ZERO;
            let mut tolerance = Decimal::ZERO;
            for &row in rows {
                if let Some(v) = self.value(row, c2) {
                    sum = sum.add_exact(v)?;
                    tolerance = tolerance.add_exact(half_unit(v))?;
                }
            }
            Some((sum, tolerance))
        };
        let within = |stated: Decimal, (sum, tolerance): (Decimal, Decimal)| {
            let allowed = tolerance.add_exact(half_unit(stated));
            let off = stated.sub_exact(sum).map(|d| d.abs());
            matches!((off, allowed), (Some(o), Some(a)) if o <= a)
        };
        self.table
            .columns
            .iter()
            .enumerate()
            .filter(|(c2, column)| *c2 != c && column.role.is_amount())
            .filter_map(|(c2, _)| self.value(r, c2).map(|stated| (c2, stated)))
            .try_fold((0usize, 0usize), |(asked, evidence), (c2, stated)| {
                let run = sum_of(run_rows, c2);
                let read = sum_of(read_rows, c2);
                if !run.is_some_and(|x| within(stated, x)) {
                    return None;
                }
                let tells = read.is_some_and(|x| !within(stated, x));
                Some((asked + 1, evidence + usize::from(tells)))
            })
            .is_some_and(|(asked, evidence)| asked == 0 || evidence > 0)
    }

    fn value(&self, r: usize, c: usize) -> Option<Decimal> {
        if c >= self.width {
            return None;
        }
        self.values.get(r * self.width + c).copied().flatten()
    }

    fn set(&mut self, r: usize, c: usize, v: Decimal) {
        if c < self.width {
            if let Some(slot) = self.values.get_mut(r * self.width + c) {
                *slot = Some(v);
            }
        }
    }

    fn heading(&self, c: usize) -> String {
        let h = self
            .table
            .columns
            .get(c)
            .map(|col| col.heading.trim())
            .unwrap_or("");
        if h.is_empty() {
            format!("#{}", c + 1)
        } else {
            h.to_string()
        }
    }

    fn push(
        &mut self,
        kind: CheckKind,
        (row, column): (usize, usize),
        stated: Decimal,
        recomputed: Decimal,
        messages: (String, String),
    ) {
        let difference = crate::calc::Computed::from_result(
            stated
                .sub_exact(recomputed)
                .ok_or(crate::calc::CalcError::Overflow),
        );
        self.checks.push(Check {
            row,
            column,
            kind,
            stated,
            recomputed,
            difference,
            message_sv: messages.0,
            message_en: messages.1,
        });
    }

    fn describe_basis(&self, basis: VarianceBasis) -> String {
        let (a, b) = basis.operands(self.table).unwrap_or((0, 0));
        let (ha, hb) = (self.heading(a), self.heading(b));
        if basis.uses_convention() {
            match self.convention {
                SignConvention::OutcomeMinusBudget => format!("{ha} − {hb}"),
                SignConvention::BudgetMinusOutcome => format!("{hb} − {ha}"),
                SignConvention::OutcomePlusBudget => format!("{ha} + {hb}"),
            }
        } else {
            format!("{ha} − {hb}")
        }
    }

    /// Deviations and sign suspects, row by row.
    fn deviations(&mut self) {
        let table = self.table;
        let columns: Vec<(usize, VarianceBasis, usize, usize)> = table
            .columns_of(Role::StatedVariance)
            .into_iter()
            .filter_map(|v| {
                let value = |r: usize, c: usize| self.value(r, c);
                let basis = choose_variance_basis(table, &value, v)?;
                let (a, b) = basis.operands(table)?;
                Some((v, basis, a, b))
            })
            .collect();
        for (r, row) in table.rows.iter().enumerate() {
            if row.kind != RowKind::Item {
                continue;
            }
            for &(v, basis, a, b) in &columns {
                let (Some(s), Some(x), Some(y)) =
                    (self.value(r, v), self.value(r, a), self.value(r, b))
                else {
                    continue;
                };
                let conv = self.convention;
                if reproduces(basis, conv, s, x, y) {
                    continue;
                }
                if let Some(Doubt::Layout) = self.doubtful_rows.get(r).copied().flatten() {
                    self.leave_unchecked(r, v, (r, Doubt::Layout), Stated::Deviation);
                    continue;
                }
                let flips: Vec<(usize, Decimal)> = [
                    (reproduces(basis, conv, s, -x, y), a, x),
                    (reproduces(basis, conv, s, x, -y), b, y),
                    (reproduces(basis, conv, -s, x, y), v, s),
                ]
                .into_iter()
                .filter(|t| t.0)
                .map(|t| (t.1, t.2))
                .collect();
                if let [(column, value)] = flips.as_slice() {
                    let (column, value) = (*column, *value);
                    let sv = format!(
                        "Tecknet ser fel ut: med {} i stället för {} i «{}» stämmer raden ({} = {}).",
                        number_sv(-value),
                        number_sv(value),
                        self.heading(column),
                        self.describe_basis(basis),
                        number_sv(if column == v { -s } else { s }),
                    );
                    let en = format!(
                        "The sign looks wrong: with {} instead of {} in «{}» the row holds ({} = {}).",
                        number_en(-value),
                        number_en(value),
                        self.heading(column),
                        self.describe_basis(basis),
                        number_en(if column == v { -s } else { s }),
                    );
                    self.push(CheckKind::SignSuspect, (r, column), value, -value, (sv, en));
                    self.set(r, column, -value);
                } else if let Some(computed) = basis.apply(conv, x, y) {
                    let sv = format!(
                        "Avvikelsen stämmer inte: {} ger {}, men tabellen anger {}.",
                        self.describe_basis(basis),
                        number_sv(computed),
                        number_sv(s)
                    );
                    let en = format!(
                        "The deviation does not hold: {} gives {}, but the table states {}.",
                        self.describe_basis(basis),
                        number_en(computed),
                        number_en(s)
                    );
                    self.push(CheckKind::VarianceMismatch, (r, v), s, computed, (sv, en));
                }
            }
        }
    }

    /// Totals and subtotals in every amount column.
    fn totals(&mut self) {
        let table = self.table;
        // Mismatches, reported once every column has been compared: how a
        // sum misses in the other columns tells a misprint from a misread.
        let mut mismatches = Vec::new();
        // Per row: the columns where its sum was compared, and where it
        // missed by more than half the stated figure.
        let mut far = vec![(0usize, 0usize); table.rows.len()];
        for (c, column) in table.columns.iter().enumerate() {
            if !column.role.is_amount() {
                continue;
            }
            // (row, value, tolerance) of the terms so far.
            let mut terms: Vec<(usize, Decimal, Decimal)> = Vec::new();
            let mut leading: Option<usize> = None;
            // The terms the last sum added.
            let mut last_part: Vec<(usize, Decimal, Decimal)> = Vec::new();
            for (r, row) in table.rows.iter().enumerate() {
                let v = self.value(r, c);
                match (row.kind, row.level) {
                    (RowKind::Item, 0) => {
                        if let Some(v) = v {
                            terms.push((r, v, half_unit(v)));
                        }
                    }
                    (RowKind::Subtotal | RowKind::Total, _) => {
                        let start = crate::calc::section_start(table, r);
                        let inside = |t: &(usize, Decimal, Decimal)| start.is_none_or(|s| t.0 > s);
                        let before = terms.clone();
                        let part: Vec<(usize, Decimal, Decimal)> =
                            terms.iter().copied().filter(inside).collect();
                        terms.retain(|t| !inside(t));
                        let parts_above = std::mem::replace(&mut last_part, part.clone());
                        let mut sum = Some(Decimal::ZERO);
                        let mut tolerance = Some(Decimal::ZERO);
                        for t in &part {
                            sum = sum.and_then(|s| s.add_exact(t.1));
                            tolerance = tolerance.and_then(|s| s.add_exact(t.2));
                        }
                        // A sum standing first, with no figures above it,
                        // may head its parts ("Årets resultat" over
                        // "Nettokostnad", "Skatter" and "Finansnetto") or
                        // start a running result ("Årets resultat" over
                        // "Avgår realisationsvinster" and the balance
                        // result). A second sum right under it, adding
                        // nothing else, is then one of its parts, not its
                        // repetition: not checked against it.
                        if part.is_empty() && terms.is_empty() {
                            leading = Some(r);
                        }
                        let only_leading =
                            matches!(part.as_slice(), [(t, _, _)] if Some(*t) == leading);
                        match (v, sum, tolerance) {
                            (Some(stated), Some(sum), Some(tolerance)) => {
                                terms.push((r, stated, half_unit(stated)));
                                if part.is_empty() || only_leading {
                                    continue;
                                }
                                let allowed = tolerance.add_exact(half_unit(stated));
                                let off = stated.sub_exact(sum).map(|d| d.abs());
                                if let (Some(allowed), Some(off)) = (allowed, off) {
                                    if let Some(n) = far.get_mut(r) {
                                        n.0 += 1;
                                        n.1 += usize::from(
                                            off > allowed.max(stated.abs() / Decimal::TWO),
                                        );
                                    }
                                    // Right under another sum, it may be that sum with
                                    // one of its rows left out: another selection of
                                    // the same rows, not a sum of it.
                                    let selection = || match part.last() {
                                        Some((t, above, above_tolerance))
                                            if t + 1 == r
                                                && table
                                                    .rows
                                                    .get(*t)
                                                    .is_some_and(|a| a.kind.is_sum()) =>
                                        {
                                            parts_above.iter().any(|(_, left_out, tol)| {
                                                let gap = above
                                                    .sub_exact(*left_out)
                                                    .and_then(|x| x.sub_exact(stated));
                                                let room = above_tolerance
                                                    .add_exact(*tol)
                                                    .and_then(|x| x.add_exact(half_unit(stated)));
                                                gap.zip(room).is_some_and(|(g, r)| g.abs() <= r)
                                            })
                                        }
                                        _ => false,
                                    };
                                    if off > allowed && selection() {
                                        self.leave_unchecked(
                                            r,
                                            c,
                                            (r, Doubt::SumUnderSum),
                                            Stated::Total,
                                        );
                                    } else if off > allowed {
                                        let doubt = self.doubt_over(r, c, start);
                                        // A heading bounds the section with
                                        // certainty: a sum closing it adds
                                        // every row after it, so a shorter
                                        // run it equals is a misprint, not
                                        // a group the table leaves unmarked.
                                        let headed = start.is_some_and(|s| {
                                            table
                                                .rows
                                                .get(s)
                                                .is_some_and(|h| h.kind == RowKind::Heading)
                                        });
                                        let run = match doubt {
                                            None if headed => None,
                                            // "Resultat efter finansiella poster" adds the
                                            // result above it: never an unmarked group.
                                            None if crate::latin::lowercase(table.label(r))
                                                .starts_with("resultat efter") =>
                                            {
                                                None
                                            }
                                            None => closing_runs(&before, stated, part.len())
                                                .into_iter()
                                                .find(|&k| {
                                                    let run_rows: Vec<usize> = before
                                                        [before.len().saturating_sub(k)..]
                                                        .iter()
                                                        .map(|t| t.0)
                                                        .collect();
                                                    let read_rows: Vec<usize> =
                                                        part.iter().map(|t| t.0).collect();
                                                    self.extent_in_every_column(
                                                        r, c, &run_rows, &read_rows,
                                                    )
                                                }),
                                            Some(_) => None,
                                        };
                                        match (doubt, run) {
                                            (Some(doubt), _) => {
                                                self.leave_unchecked(r, c, doubt, Stated::Total)
                                            }
                                            (None, Some(k)) => {
                                                // The sum closes the last k
                                                // rows; the rows above them
                                                // stay terms of later sums.
                                                let keep = before.len().saturating_sub(k);
                                                let mut kept: Vec<(usize, Decimal, Decimal)> =
                                                    before.get(..keep).unwrap_or(&[]).to_vec();
                                                kept.push((r, stated, half_unit(stated)));
                                                terms = kept;
                                                self.leave_unchecked(
                                                    r,
                                                    c,
                                                    (r, Doubt::Extent),
                                                    Stated::Total,
                                                )
                                            }
                                            (None, None) => mismatches.push((
                                                r,
                                                c,
                                                stated,
                                                sum,
                                                part.len(),
                                                headed,
                                            )),
                                        }
                                    }
                                }
                            }
                            // An empty sum counts with its rows' sum (if it
                            // closes any).
                            (None, Some(sum), Some(tolerance)) if !part.is_empty() => {
                                terms.push((r, sum, tolerance));
                            }
                            // A sum that does not fit a Decimal cannot be
                            // checked; the computed totals show the overflow.
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
        }
        for (r, c, stated, sum, n, headed) in mismatches {
            let not_a_sum = !headed
                && far
                    .get(r)
                    .is_some_and(|&(compared, missed)| compared >= 2 && missed == compared)
                && !table.label(r).trim().is_empty();
            if not_a_sum {
                self.leave_unchecked(r, c, (r, Doubt::NotASum), Stated::Total);
            } else {
                self.total_mismatch(r, c, stated, sum, n);
            }
        }
    }

    /// The doubt on a sum at (r, c) closing the rows after `start`: on the
    /// sum's own row, on a row it adds, or a cell in its column that could
    /// not be read as a number (a term left out).
    fn doubt_over(&self, r: usize, c: usize, start: Option<usize>) -> Option<(usize, Doubt)> {
        let from = start.map_or(0, |s| s + 1);
        (from..=r).find_map(|i| {
            if let Some(doubt) = self.doubtful_rows.get(i).copied().flatten() {
                return Some((i, doubt));
            }
            let unread = self
                .table
                .rows
                .get(i)
                .and_then(|row| row.cells.get(c))
                .is_some_and(|cell| matches!(cell, Cell::Text(_)));
            unread.then_some((i, Doubt::Layout))
        })
    }

    fn leave_unchecked(&mut self, r: usize, c: usize, (at, doubt): (usize, Doubt), what: Stated) {
        let heading = self.heading(c);
        let (what_sv, what_en) = match what {
            Stated::Total => ("Summan", "The total"),
            Stated::Deviation => ("Avvikelsen", "The deviation"),
        };
        let (sv, en) = match doubt {
            Doubt::Layout => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: rad {} kunde inte läsas säkert in i kolumnerna.",
                    at + 1
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: row {} could not be read into the columns with certainty.",
                    at + 1
                ),
            ),
            Doubt::Years => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: rad {} innehåller bara årtal och är troligen en rubrikrad.",
                    at + 1
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: row {} holds only years and is probably a heading line.",
                    at + 1
                ),
            ),
            Doubt::Extent => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: den är summan av raderna närmast ovanför, en grupp som tabellen inte märker ut, så vilka rader den summerar är osäkert."
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: it is the sum of the rows right above it, a group the table does not mark, so which rows it adds is uncertain."
                ),
            ),
            Doubt::NotASum => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: den ligger långt från raderna ovanför i varje kolumn och är troligen ingen summa av dem."
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: it is far from the rows above it in every column and is probably not their sum."
                ),
            ),
            Doubt::SumUnderSum => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: den står direkt under en annan summa och är den summan utan en av dess rader, ett annat urval av samma rader."
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: it stands right under another sum and is that sum with one of its rows left out, another selection of the same rows."
                ),
            ),
            Doubt::NotAmounts => (
                format!(
                    "{what_sv} i «{heading}» kontrollerades inte: rad {} är ett nyckeltal eller antal, inget belopp.",
                    at + 1
                ),
                format!(
                    "{what_en} in «{heading}» was not checked: row {} is a ratio or a count, not an amount.",
                    at + 1
                ),
            ),
        };
        self.unchecked.push(Unchecked {
            row: r,
            column: c,
            reason_sv: sv,
            reason_en: en,
        });
    }

    fn total_mismatch(&mut self, r: usize, c: usize, stated: Decimal, sum: Decimal, n: usize) {
        let sv = format!(
            "Summan stämmer inte: de {n} raderna den summerar ger {}, men tabellen anger {} i «{}».",
            number_sv(sum),
            number_sv(stated),
            self.heading(c)
        );
        let en = format!(
            "The total does not add up: the {n} rows it sums give {}, but the table states {} in «{}».",
            number_en(sum),
            number_en(stated),
            self.heading(c)
        );
        self.push(CheckKind::TotalMismatch, (r, c), stated, sum, (sv, en));
    }

    /// The numerator's value and rounding in a row.
    fn numerator(&self, r: usize, n: Numerator) -> Option<(Decimal, Decimal)> {
        match n {
            Numerator::Column(c) => {
                let v = self.value(r, c)?;
                Some((v, half_unit(v)))
            }
            Numerator::Derived(basis, a, b) => {
                let (x, y) = (self.value(r, a)?, self.value(r, b)?);
                let v = basis.apply(self.convention, x, y)?;
                Some((v, half_unit(x).add_exact(half_unit(y))?))
            }
        }
    }

    /// Whether a stated percentage can come from rounded inputs, and the
    /// exact recomputed percentage. `None` when not recomputable (no
    /// inputs, a zero base, or a base whose rounding reaches zero).
    fn percent_in_row(&self, r: usize, p: usize, f: PercentFormula) -> Option<(bool, Decimal)> {
        let stated = self.value(r, p)?;
        let (x, hx) = self.numerator(r, f.numerator)?;
        let y = self.value(r, f.base)?;
        if y.is_zero() {
            return None;
        }
        let base = if f.absolute { y.abs() } else { y };
        let hy = half_unit(y);
        let (low_base, high_base) = (base.sub_exact(hy)?, base.add_exact(hy)?);
        if low_base.is_zero()
            || high_base.is_zero()
            || low_base.is_sign_negative() != high_base.is_sign_negative()
        {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let exact = crate::calc::mul_div(x, hundred, base).ok()?;
        let mut low: Option<Decimal> = None;
        let mut high: Option<Decimal> = None;
        for xx in [x.sub_exact(hx)?, x.add_exact(hx)?] {
            for yy in [low_base, high_base] {
                let q = crate::calc::mul_div(xx, hundred, yy).ok()?;
                low = Some(low.map_or(q, |l| l.min(q)));
                high = Some(high.map_or(q, |h| h.max(q)));
            }
        }
        let hp = half_unit(stated);
        let holds = stated.add_exact(hp)? >= low? && stated.sub_exact(hp)? <= high?;
        Some((holds, exact))
    }

    /// Every percentage formula the table's columns allow.
    fn percent_formulas(&self) -> Vec<PercentFormula> {
        let table = self.table;
        let mut numerators: Vec<Numerator> = table
            .columns_of(Role::StatedVariance)
            .into_iter()
            .map(Numerator::Column)
            .collect();
        for basis in VarianceBasis::ALL {
            if let Some((a, b)) = basis.operands(table) {
                numerators.push(Numerator::Derived(basis, a, b));
            }
        }
        let amounts: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role.is_amount() && c.role != Role::StatedVariance)
            .map(|(i, _)| i)
            .collect();
        numerators.extend(amounts.iter().map(|&c| Numerator::Column(c)));
        let mut formulas = Vec::new();
        for &numerator in &numerators {
            for &base in &amounts {
                if numerator == Numerator::Column(base) {
                    continue;
                }
                for absolute in [true, false] {
                    formulas.push(PercentFormula {
                        numerator,
                        base,
                        absolute,
                    });
                }
            }
        }
        formulas
    }

    fn describe_formula(&self, f: PercentFormula) -> String {
        let numerator = match f.numerator {
            Numerator::Column(c) => format!("«{}»", self.heading(c)),
            Numerator::Derived(basis, _, _) => {
                format!("({})", self.describe_basis(basis))
            }
        };
        let base = if f.absolute {
            format!("|«{}»|", self.heading(f.base))
        } else {
            format!("«{}»", self.heading(f.base))
        };
        format!("{numerator} / {base} × 100")
    }

    /// Stated percentages against the formula each column follows.
    fn percentages(&mut self) {
        let table = self.table;
        let formulas = self.percent_formulas();
        for p in table.columns_of(Role::StatedPercent) {
            let mut best: Option<(PercentFormula, usize, usize)> = None;
            for &f in &formulas {
                let (mut reproduced, mut rows) = (0usize, 0usize);
                for r in 0..table.rows.len() {
                    if let Some((holds, _)) = self.percent_in_row(r, p, f) {
                        rows += 1;
                        if holds {
                            reproduced += 1;
                        }
                        if rows >= SAMPLE_ROWS {
                            break;
                        }
                    }
                }
                if best.is_none_or(|(_, b, _)| reproduced > b) {
                    best = Some((f, reproduced, rows));
                }
            }
            let Some((f, reproduced, rows)) = best else {
                continue;
            };
            // Three rows in four at least: with many candidate formulas, a
            // small table matches one on half its rows by chance (a
            // five-year overview turned on its side).
            if reproduced == 0 || reproduced * 4 < rows * 3 {
                continue;
            }
            for (r, row) in table.rows.iter().enumerate() {
                if row.kind == RowKind::Heading {
                    continue;
                }
                let Some((false, exact)) = self.percent_in_row(r, p, f) else {
                    continue;
                };
                let Some(stated) = self.value(r, p) else {
                    continue;
                };
                let shown = stated.scale().saturating_add(1);
                let sv = format!(
                    "Procentsatsen stämmer inte: {} ger {} %, men tabellen anger {} %.",
                    self.describe_formula(f),
                    number_sv(exact.round_dp(shown)),
                    number_sv(stated)
                );
                let en = format!(
                    "The percentage does not hold: {} gives {} %, but the table states {} %.",
                    self.describe_formula(f),
                    number_en(exact.round_dp(shown)),
                    number_en(stated)
                );
                self.push(CheckKind::PercentMismatch, (r, p), stated, exact, (sv, en));
            }
        }
    }
}

/// The deviation a stated deviation column compares, per column: `None`
/// for a column no basis in the table recomputes.
pub fn variance_bases(table: &Table) -> Vec<(usize, Option<VarianceBasis>)> {
    let value = |r: usize, c: usize| table.number(r, c);
    table
        .columns_of(Role::StatedVariance)
        .into_iter()
        .map(|c| (c, choose_variance_basis(table, &value, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::names_ratio_or_count;

    #[test]
    fn labels_of_ratios_and_counts_are_told_from_amounts() {
        for (label, expected) in [
            ("Soliditet, %", true),
            ("Antal invånare", true),
            ("ANTAL ANSTÄLLDA", true),
            ("Tillsvidareanställda, st", true),
            ("Kassalikviditet (procent)", true),
            ("Nettokostnad, kr per İnvånare", true),
            ("Årsarbetare", true),
            ("Omsättningshastighet, ggr", true),
            ("Antalet", false),
            ("Stadsbyggnadsnämnden", false),
            ("Kostnader", false),
            ("Enhet 12", false),
            ("", false),
        ] {
            assert_eq!(names_ratio_or_count(label), expected, "{label:?}");
        }
    }
}
