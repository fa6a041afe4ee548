//! The engine behind [`super::compute`] and [`IncrementalCalc`]: a plan of
//! the table (which column plays which role, which rows each total adds),
//! per-row computation, and exact running totals.

use rust_decimal::Decimal;

use super::sum::ExactSum;
use super::{
    deviation, percent_figure, remaining_budget, run_rate, seasonal, status_figure, Computed,
    ForecastBasis, Results, RowResult, RowTotals, Totals,
};
use crate::change::{CellChange, Effect};
use crate::convention::{effective_convention, Detected};
use crate::exact::Exact;
use crate::model::{
    Cell, ForecastMethod, Role, Row, RowKind, SignConvention, StatusThresholds, Table,
};

/// The columns the formulas read: the first column of each role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Columns {
    label: Option<usize>,
    outcome: Option<usize>,
    /// The budget deviation's base: `budget`, or `annual_budget` without one.
    base: Option<usize>,
    budget: Option<usize>,
    annual: Option<usize>,
    forecast: Option<usize>,
    prior: Option<usize>,
    previous: Option<usize>,
    total_budget: Option<usize>,
}

impl Columns {
    fn of(table: &Table) -> Columns {
        let budget = table.column_of(Role::Budget);
        let annual = table.column_of(Role::AnnualBudget);
        // A part-year outcome is not compared with the annual budget: what
        // is left of it is shown instead (`RowResult::remaining`).
        let full_year_base = annual.filter(|_| !is_part_year(table.months));
        Columns {
            label: table.column_of(Role::Label),
            outcome: table.column_of(Role::Outcome),
            base: budget.or(full_year_base),
            budget,
            annual,
            forecast: table.column_of(Role::Forecast),
            prior: table.column_of(Role::PriorOutcome),
            previous: table.column_of(Role::PreviousForecast),
            total_budget: table.column_of(Role::TotalBudget),
        }
    }
}

/// Whether an outcome of `months` covers part of the year: 1 to 11 months
/// known.
fn is_part_year(months: Option<u8>) -> bool {
    matches!(months, Some(1..=11))
}

/// What does not change when a number changes: the convention, the
/// columns, the settings that apply to every row, and which rows each
/// subtotal or total adds.
#[derive(Debug, Clone)]
struct Plan {
    detected: Detected,
    columns: Columns,
    /// The amount columns (every numeric role but `stated_percent`).
    amount_columns: Vec<usize>,
    /// The forecast method when neither the row nor the table sets one.
    default_basis: Option<ForecastBasis>,
    months: Option<u8>,
    thresholds: StatusThresholds,
    /// The subtotal and total rows, in order; aggregate `k` belongs to `sum_rows[k]`.
    sum_rows: Vec<usize>,
    /// For row `i`, `feeds[feed_start[i]..feed_start[i + 1]]` are the
    /// aggregates it is added to (besides the table's totals).
    feed_start: Vec<usize>,
    feeds: Vec<usize>,
    /// For aggregate `k`, the rows `from..to` it adds (its top-level items).
    ranges: Vec<(usize, usize)>,
    /// Table shape when planned.
    rows: usize,
    column_count: usize,
}

/// Whether a row is added to totals: a top-level item.
fn is_summed(row: &Row) -> bool {
    row.kind == RowKind::Item && row.level == 0
}

/// The row after which a subtotal's section starts, or `None` for the start
/// of the table: the nearest heading named like the subtotal without
/// "Summa " ("Summa Regionfastigheter" closes "Regionfastigheter" with its
/// sub-headings), else the nearest heading, subtotal or total above it.
/// A total's section is the whole table above it.
pub(crate) fn section_start(table: &Table, row: usize) -> Option<usize> {
    let kind = table.rows.get(row)?.kind;
    if kind != RowKind::Subtotal {
        return None;
    }
    let label = crate::latin::lowercase(table.label(row));
    let name = label.trim_end_matches(':');
    let name = name.strip_prefix("summa ").unwrap_or(name).trim();
    let above = table.rows.get(..row).unwrap_or_default();
    above
        .iter()
        .enumerate()
        .rev()
        .find(|(p, r)| {
            r.kind == RowKind::Heading && crate::latin::lowercase(table.label(*p)) == name
        })
        .or_else(|| {
            above
                .iter()
                .enumerate()
                .rev()
                .find(|(_, r)| r.kind != RowKind::Item)
        })
        .map(|(p, _)| p)
        // A sum right under another sum closes the sums above: the grand
        // total ("Summa pågående projekt" / "Summa investeringsprojekt").
        .filter(|p| p + 1 < row || above.get(*p).is_none_or(|r| r.kind != RowKind::Subtotal))
}

impl Plan {
    fn new(table: &Table) -> Plan {
        let columns = Columns::of(table);
        let amount_columns = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role.is_amount())
            .map(|(i, _)| i)
            .collect();
        let default_basis = if columns.forecast.is_some() {
            Some(ForecastBasis::Manual)
        } else {
            match table.months {
                Some(m) if m < 12 => Some(ForecastBasis::RunRate),
                Some(12) => Some(ForecastBasis::FullYearOutcome),
                // Months unknown, but an accumulated budget beside the annual
                // one: the table is part-year, and the budget's own profile
                // (outcome × annual / accumulated) needs no months.
                _ if columns.budget.is_some() && columns.annual.is_some() => {
                    Some(ForecastBasis::Seasonal)
                }
                _ => None,
            }
        };
        let sum_rows: Vec<usize> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind.is_sum())
            .map(|(i, _)| i)
            .collect();
        // Which aggregates each row feeds, as a compressed list: count, then fill.
        let n = table.rows.len();
        let ranges: Vec<(usize, usize)> = sum_rows
            .iter()
            .map(|&r| (section_start(table, r).map_or(0, |s| s + 1), r))
            .collect();
        let mut counts = vec![0usize; n + 1];
        for &(from, to) in &ranges {
            for (i, row) in table.rows.iter().enumerate().take(to).skip(from) {
                if is_summed(row) {
                    if let Some(c) = counts.get_mut(i + 1) {
                        *c += 1;
                    }
                }
            }
        }
        let mut feed_start = counts;
        for i in 1..feed_start.len() {
            let before = feed_start.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = feed_start.get_mut(i) {
                *c += before;
            }
        }
        let mut feeds = vec![0usize; feed_start.last().copied().unwrap_or(0)];
        let mut next = feed_start.clone();
        for (k, &(from, to)) in ranges.iter().enumerate() {
            for (i, row) in table.rows.iter().enumerate().take(to).skip(from) {
                if is_summed(row) {
                    if let Some(slot) = next.get_mut(i) {
                        if let Some(f) = feeds.get_mut(*slot) {
                            *f = k;
                        }
                        *slot += 1;
                    }
                }
            }
        }
        Plan {
            detected: effective_convention(table),
            columns,
            amount_columns,
            default_basis,
            months: table.months,
            thresholds: table.settings.status,
            sum_rows,
            feed_start,
            feeds,
            ranges,
            rows: n,
            column_count: table.columns.len(),
        }
    }

    fn convention(&self) -> SignConvention {
        self.detected.convention
    }

    /// The aggregates row `i` feeds (besides the table's totals).
    fn feeds_of(&self, i: usize) -> &[usize] {
        let from = self.feed_start.get(i).copied().unwrap_or(0);
        let to = self.feed_start.get(i + 1).copied().unwrap_or(from);
        self.feeds.get(from..to).unwrap_or_default()
    }

    /// The forecast method of a row: its own, the table's, or the default.
    fn basis(&self, table: &Table, row: usize) -> Option<ForecastBasis> {
        let settings = &table.settings;
        match settings
            .row_forecast_methods
            .get(&row)
            .or(settings.forecast_method.as_ref())
        {
            Some(ForecastMethod::RunRate) => Some(ForecastBasis::RunRate),
            Some(ForecastMethod::RemainingBudget) => Some(ForecastBasis::RemainingBudget),
            Some(ForecastMethod::Seasonal) => Some(ForecastBasis::Seasonal),
            Some(ForecastMethod::Manual) => Some(ForecastBasis::Manual),
            None => self.default_basis,
        }
    }

    /// Computes an item row from its cells: its results, and the bases its
    /// percentages use in totals (budget, annual budget, prior outcome;
    /// each only where the matching deviation is a value).
    fn compute_row(&self, table: &Table, i: usize, row: &Row) -> (RowResult, Bases) {
        let get = |c: Option<usize>| {
            Computed::from_option(c.and_then(|c| row.cells.get(c)).and_then(Cell::number))
        };
        let cols = &self.columns;
        let conv = self.convention();
        let dev = |a: Decimal, b: Decimal| deviation(conv, a, b);
        let sub = |a: Decimal, b: Decimal| a.sub_exact(b).ok_or(super::CalcError::Overflow);

        let outcome = get(cols.outcome);
        let base = get(cols.base);
        let budget = get(cols.budget);
        let annual = get(cols.annual);
        let prior = get(cols.prior);

        let variance = outcome.zip_with(base, dev);
        let variance_pct = percent_figure(variance, base);
        let remaining = if is_part_year(self.months) {
            annual.zip_with(outcome, sub)
        } else {
            Computed::Blank
        };

        let forecast_basis = self.basis(table, i);
        let forecast = match forecast_basis {
            None => Computed::Blank,
            Some(ForecastBasis::Manual) => get(cols.forecast),
            Some(ForecastBasis::FullYearOutcome) => outcome,
            Some(ForecastBasis::RunRate) => match (outcome, self.months) {
                (Computed::Value(o), Some(m)) => Computed::from_result(run_rate(o, m)),
                (Computed::Error(e), _) => Computed::Error(e),
                _ => Computed::Blank,
            },
            Some(ForecastBasis::RemainingBudget) => zip3(outcome, annual, budget, remaining_budget),
            Some(ForecastBasis::Seasonal) => zip3(outcome, annual, budget, seasonal),
        };
        let forecast_basis = if forecast.is_blank() {
            None
        } else {
            forecast_basis
        };
        let forecast_variance = forecast.zip_with(annual, dev);
        let forecast_variance_pct = percent_figure(forecast_variance, annual);
        let forecast_change = match cols.previous {
            Some(_) => forecast_variance.zip_with(get(cols.previous), sub),
            None => Computed::Blank,
        };
        let yoy_change = outcome.zip_with(prior, sub);
        let yoy_pct = percent_figure(yoy_change, prior);
        let spend = if forecast.is_blank() {
            outcome
        } else {
            forecast
        };
        let investment_variance = spend.zip_with(annual, dev);
        let total_budget_variance = spend.zip_with(get(cols.total_budget), dev);

        let mut result = RowResult {
            variance,
            variance_pct,
            remaining,
            forecast,
            forecast_basis,
            forecast_variance,
            forecast_variance_pct,
            forecast_change,
            yoy_change,
            yoy_pct,
            investment_variance,
            total_budget_variance,
            status: None,
        };
        result.status = status_figure(&result, &self.thresholds);
        let when = |figure: Computed, base: Computed| match figure {
            Computed::Value(_) => base.value(),
            _ => None,
        };
        let bases = [
            when(variance, base),
            when(forecast_variance, annual),
            when(yoy_change, prior),
        ];
        (result, bases)
    }
}

/// Combines three figures like [`Computed::zip_with`].
fn zip3(
    a: Computed,
    b: Computed,
    c: Computed,
    f: impl FnOnce(Decimal, Decimal, Decimal) -> Result<Decimal, super::CalcError>,
) -> Computed {
    match (a, b, c) {
        (Computed::Error(e), _, _) | (_, Computed::Error(e), _) | (_, _, Computed::Error(e)) => {
            Computed::Error(e)
        }
        (Computed::Value(x), Computed::Value(y), Computed::Value(z)) => {
            Computed::from_result(f(x, y, z))
        }
        _ => Computed::Blank,
    }
}

/// The bases of a row's percentages: budget, annual budget, prior outcome.
type Bases = [Option<Decimal>; 3];

/// The additive figures of a result, in a fixed order.
fn additive(r: &RowResult) -> [Computed; 8] {
    [
        r.variance,
        r.remaining,
        r.forecast,
        r.forecast_variance,
        r.forecast_change,
        r.yoy_change,
        r.investment_variance,
        r.total_budget_variance,
    ]
}

/// Running exact sums of a set of rows.
#[derive(Debug, Clone, Default)]
struct Aggregate {
    /// One per amount column (in `Plan::amount_columns` order).
    columns: Vec<ExactSum>,
    /// The additive figures, in [`additive`] order.
    figures: [ExactSum; 8],
    /// The percentage bases, in [`Bases`] order.
    bases: [ExactSum; 3],
}

impl Aggregate {
    fn new(amount_columns: usize) -> Aggregate {
        Aggregate {
            columns: vec![ExactSum::default(); amount_columns],
            ..Aggregate::default()
        }
    }

    fn add(&mut self, result: &RowResult, amounts: &[Option<Decimal>], bases: &Bases) {
        for (sum, value) in self.columns.iter_mut().zip(amounts) {
            sum.add_option(*value);
        }
        for (sum, value) in self.figures.iter_mut().zip(additive(result)) {
            sum.add(value);
        }
        for (sum, value) in self.bases.iter_mut().zip(bases) {
            sum.add_option(*value);
        }
    }

    fn remove(&mut self, result: &RowResult, amounts: &[Option<Decimal>], bases: &Bases) {
        for (sum, value) in self.columns.iter_mut().zip(amounts) {
            sum.remove_option(*value);
        }
        for (sum, value) in self.figures.iter_mut().zip(additive(result)) {
            sum.remove(value);
        }
        for (sum, value) in self.bases.iter_mut().zip(bases) {
            sum.remove_option(*value);
        }
    }

    /// Takes out every row of `other`, which must be part of this aggregate.
    fn subtract(&mut self, other: &Aggregate) {
        for (sum, o) in self.columns.iter_mut().zip(&other.columns) {
            sum.subtract(o);
        }
        for (sum, o) in self.figures.iter_mut().zip(&other.figures) {
            sum.subtract(o);
        }
        for (sum, o) in self.bases.iter_mut().zip(&other.bases) {
            sum.subtract(o);
        }
    }

    fn finish(&self, plan: &Plan) -> Totals {
        let mut columns = vec![Computed::Blank; plan.column_count];
        for (sum, &c) in self.columns.iter().zip(&plan.amount_columns) {
            if let Some(slot) = columns.get_mut(c) {
                *slot = sum.total();
            }
        }
        let [variance, remaining, forecast, forecast_variance, forecast_change, yoy_change, investment_variance, total_budget_variance] =
            self.figures.each_ref().map(ExactSum::total);
        let [variance_base, forecast_base, prior_base] = self.bases.each_ref().map(ExactSum::total);
        let mut computed = RowResult {
            variance,
            variance_pct: percent_figure(variance, variance_base),
            remaining,
            forecast,
            forecast_basis: None,
            forecast_variance,
            forecast_variance_pct: percent_figure(forecast_variance, forecast_base),
            forecast_change,
            yoy_change,
            yoy_pct: percent_figure(yoy_change, prior_base),
            investment_variance,
            total_budget_variance,
            status: None,
        };
        computed.status = status_figure(&computed, &plan.thresholds);
        Totals { columns, computed }
    }
}

/// Results that follow a table's edits: a changed cell recomputes its row
/// and moves every total that row is part of by the difference (O(1) per
/// edit for a table with a fixed number of subtotals); a change of role,
/// convention, forecast method, months or thresholds recomputes everything.
///
/// After any change to the table, call [`IncrementalCalc::update`] with the
/// [`Effect`] that [`crate::edit::History`] returned (or
/// [`IncrementalCalc::refresh`] after changing the table by other means).
/// The results always equal [`super::compute`] of the table.
#[derive(Debug, Clone)]
pub struct IncrementalCalc {
    plan: Plan,
    results: Results,
    totals: Aggregate,
    sums: Vec<Aggregate>,
}

impl IncrementalCalc {
    /// Computes a table from scratch.
    pub fn new(table: &Table) -> IncrementalCalc {
        let plan = Plan::new(table);
        let k = plan.amount_columns.len();
        let n = table.rows.len();
        let mut rows = Vec::with_capacity(n);
        let mut amounts: Vec<Option<Decimal>> = vec![None; k];
        // One running sum over the rows; each subtotal's or total's sums are
        // the running sums at the end of its range minus those at its start.
        let mut totals = Aggregate::new(k);
        let mut endpoints: Vec<usize> = plan.ranges.iter().flat_map(|&(f, t)| [f, t]).collect();
        // The shared sort (`order`): one more instantiation of the
        // standard library's would cost the download more than it saves.
        crate::order::sort_by(&mut endpoints, Ord::cmp);
        endpoints.dedup();
        let mut snapshots: Vec<Aggregate> = Vec::with_capacity(endpoints.len());
        for (i, row) in table.rows.iter().enumerate() {
            while endpoints.get(snapshots.len()) == Some(&i) {
                snapshots.push(totals.clone());
            }
            if row.kind != RowKind::Item {
                rows.push(RowResult::default());
                continue;
            }
            let (result, row_bases) = plan.compute_row(table, i, row);
            if is_summed(row) {
                for (slot, &c) in amounts.iter_mut().zip(&plan.amount_columns) {
                    *slot = row.cells.get(c).and_then(Cell::number);
                }
                totals.add(&result, &amounts, &row_bases);
            }
            rows.push(result);
        }
        while snapshots.len() < endpoints.len() {
            snapshots.push(totals.clone());
        }
        let snapshot = |at: usize| {
            endpoints
                .binary_search(&at)
                .ok()
                .and_then(|i| snapshots.get(i))
        };
        let sums: Vec<Aggregate> = plan
            .ranges
            .iter()
            .map(|&(from, to)| match (snapshot(from), snapshot(to)) {
                (Some(start), Some(end)) => {
                    let mut agg = end.clone();
                    agg.subtract(start);
                    agg
                }
                _ => Aggregate::new(k),
            })
            .collect();
        let mut sum_results = Vec::with_capacity(plan.sum_rows.len());
        for (agg, &r) in sums.iter().zip(&plan.sum_rows) {
            let t = agg.finish(&plan);
            if let Some(slot) = rows.get_mut(r) {
                *slot = t.computed;
            }
            sum_results.push(RowTotals { row: r, totals: t });
        }
        let results = Results {
            detected: plan.detected,
            rows,
            sums: sum_results,
            totals: totals.finish(&plan),
        };
        IncrementalCalc {
            plan,
            results,
            totals,
            sums,
        }
    }

    /// The current results.
    pub fn results(&self) -> &Results {
        &self.results
    }

    /// The current results, taken out.
    pub fn into_results(self) -> Results {
        self.results
    }

    /// Recomputes everything from the table.
    pub fn refresh(&mut self, table: &Table) {
        *self = IncrementalCalc::new(table);
    }

    /// Follows a change of the table: recomputes the rows an edit touched
    /// and adjusts the totals by the difference, or everything when the
    /// change affects more (a role, the convention, a forecast method for
    /// the table, months, thresholds, a heading's or subtotal's label, or a
    /// table whose shape differs from the one computed).
    ///
    /// `effect` must be the effect of the change just made to `table` (as
    /// [`crate::edit::History`] and [`crate::edit::apply`] return it): its
    /// previous cell values are what the totals take out.
    pub fn update(&mut self, table: &Table, effect: &Effect) {
        if table.rows.len() != self.plan.rows || table.columns.len() != self.plan.column_count {
            self.refresh(table);
            return;
        }
        match effect {
            Effect::Nothing => {}
            Effect::All => self.refresh(table),
            Effect::Row(r) => self.row_changed(table, *r, &[]),
            Effect::Cells(changes) => {
                let structural = changes.iter().any(|c| {
                    Some(c.column) == self.plan.columns.label
                        && table
                            .rows
                            .get(c.row)
                            .is_some_and(|row| row.kind != RowKind::Item)
                });
                if structural {
                    self.refresh(table);
                    return;
                }
                let mut by_row: Vec<&CellChange> = changes.iter().collect();
                crate::order::sort_by(&mut by_row, |a, b| a.row.cmp(&b.row));
                for group in by_row.chunk_by(|a, b| a.row == b.row) {
                    if let Some(first) = group.first() {
                        self.row_changed(table, first.row, group);
                    }
                }
            }
        }
    }

    /// Recomputes one row from its cells and moves the totals it is part of
    /// by the difference; `previous` holds the cells of the row that changed,
    /// with their values before.
    fn row_changed(&mut self, table: &Table, i: usize, previous: &[&CellChange]) {
        let Some(row) = table.rows.get(i) else {
            return;
        };
        if row.kind != RowKind::Item {
            // Headings and pasted sums are not inputs.
            return;
        }
        let (result, bases) = self.plan.compute_row(table, i, row);
        let old = match self.results.rows.get_mut(i) {
            Some(slot) => std::mem::replace(slot, result),
            None => return,
        };
        if !is_summed(row) {
            return;
        }
        let before = |c: usize| -> Option<Decimal> {
            match previous.iter().find(|p| p.column == c) {
                Some(p) => p.previous.number(),
                None => row.cells.get(c).and_then(Cell::number),
            }
        };
        let now = |c: usize| row.cells.get(c).and_then(Cell::number);
        let old_amounts: Vec<Option<Decimal>> = self
            .plan
            .amount_columns
            .iter()
            .map(|&c| before(c))
            .collect();
        let new_amounts: Vec<Option<Decimal>> =
            self.plan.amount_columns.iter().map(|&c| now(c)).collect();
        let cols = self.plan.columns;
        let when = |figure: Computed, column: Option<usize>| match figure {
            Computed::Value(_) => column.and_then(before),
            _ => None,
        };
        let old_bases = [
            when(old.variance, cols.base),
            when(old.forecast_variance, cols.annual),
            when(old.yoy_change, cols.prior),
        ];
        self.totals.remove(&old, &old_amounts, &old_bases);
        self.totals.add(&result, &new_amounts, &bases);
        self.results.totals = self.totals.finish(&self.plan);
        for &a in self.plan.feeds_of(i) {
            let (Some(agg), Some(&r)) = (self.sums.get_mut(a), self.plan.sum_rows.get(a)) else {
                continue;
            };
            agg.remove(&old, &old_amounts, &old_bases);
            agg.add(&result, &new_amounts, &bases);
            let t = agg.finish(&self.plan);
            if let Some(slot) = self.results.rows.get_mut(r) {
                *slot = t.computed;
            }
            if let Some(slot) = self.results.sums.get_mut(a) {
                slot.totals = t;
            }
        }
    }
}
