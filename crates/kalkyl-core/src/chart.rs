//! The data behind a table's two charts (issue 5): a bar chart of the
//! deviation per row and a waterfall from the budget total to the outcome
//! or forecast total. Pure data with exact [`Decimal`]s; drawing is the
//! app's business.
//!
//! Both charts take the table's top-level `item` rows only: a "varav" child
//! (level 1) is part of its parent, and headings, subtotals and totals are
//! not rows of their own. Both follow the table's effective sign convention
//! ([`Results::convention`]): a bar or step is favourable when its
//! convention-signed deviation is zero or positive.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::calc::{deviation, Computed, Figure, Results};
use crate::exact::Exact;
use crate::model::{Role, RowKind, Table};

/// One bar of the deviation chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The row's index in the table.
    pub row: usize,
    /// The row's label ("" when the table has no label).
    pub label: String,
    /// The deviation, exact, in the table's unit and signed by the table's
    /// convention (positive is favourable).
    pub value: Decimal,
    /// Whether the deviation is favourable (zero or positive).
    pub favourable: bool,
}

/// The deviation per row, sorted from the most unfavourable to the most
/// favourable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    /// Which figure the bars show: [`Figure::Variance`] (the budget
    /// deviation), or [`Figure::ForecastVariance`] for a table with a
    /// forecast deviation and no budget deviation.
    pub figure: Figure,
    /// The bars, most unfavourable first (ties in row order).
    pub bars: Vec<Bar>,
}

/// One step of a waterfall: a row's contribution, or the rest of the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The row, or `None` for the step of the rows not shown one by one.
    pub row: Option<usize>,
    /// The row's label; "" for the rest (the app names it in its language).
    pub label: String,
    /// The raw difference, end side − start side (missing values count as
    /// zero), not signed by the convention: the steps add up from
    /// [`Waterfall::start`] to [`Waterfall::end`].
    pub delta: Decimal,
    /// Whether the step is favourable by the table's convention: the sign
    /// of the row's convention-signed deviation (for the rest, of the sum
    /// of theirs).
    pub favourable: bool,
}

/// A waterfall from a budget total to an outcome or forecast total.
/// `start` plus every step's `delta`, added in order, is exactly `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waterfall {
    /// The deviation the waterfall explains: [`Figure::Variance`] (outcome
    /// against the budget) or [`Figure::ForecastVariance`] (forecast
    /// against the annual budget).
    pub figure: Figure,
    /// The role of the start column: [`Role::Budget`] or
    /// [`Role::AnnualBudget`].
    pub start_role: Role,
    /// The computed total of the start column.
    pub start: Decimal,
    /// The computed total of the outcome column, or of the forecasts.
    pub end: Decimal,
    /// The largest row differences by size, then the rest (if any).
    pub steps: Vec<Step>,
    /// How many rows the last step ("other rows") stands for; 0 without one.
    pub other_rows: usize,
}

/// Whether a row is one of the chart's rows: a top-level item.
fn is_chart_row(table: &Table, row: usize) -> bool {
    table
        .rows
        .get(row)
        .is_some_and(|r| r.kind == RowKind::Item && r.level == 0)
}

/// Whether a convention-signed deviation is favourable: zero or positive.
fn is_favourable(value: Decimal) -> bool {
    value.is_zero() || value.is_sign_positive()
}

/// The bars of one figure: every chart row where it is a value.
fn bars_of(table: &Table, results: &Results, figure: Figure) -> Vec<Bar> {
    results
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| is_chart_row(table, *i))
        .filter_map(|(i, r)| {
            let value = r.figure(figure).value()?;
            Some(Bar {
                row: i,
                label: table.label(i).to_string(),
                value,
                favourable: is_favourable(value),
            })
        })
        .collect()
}

/// The deviation per top-level item row, sorted from the most unfavourable
/// to the most favourable (ties in row order).
///
/// The bars show the budget deviation (`variance`) of every row where it is
/// a value. A table where no row has one, but some row has a forecast
/// deviation, shows that instead; [`BarChart::figure`] says which. Rows
/// whose figure is blank or an error have no bar.
pub fn deviation_bars(table: &Table, results: &Results) -> BarChart {
    let mut figure = Figure::Variance;
    let mut bars = bars_of(table, results, figure);
    if bars.is_empty() {
        let forecast = bars_of(table, results, Figure::ForecastVariance);
        if !forecast.is_empty() {
            figure = Figure::ForecastVariance;
            bars = forecast;
        }
    }
    crate::order::sort_by(&mut bars, |a, b| {
        a.value.cmp(&b.value).then(a.row.cmp(&b.row))
    });
    BarChart { figure, bars }
}

/// A row's two sides and their difference.
struct RowStep {
    row: usize,
    delta: Decimal,
    /// The convention-signed deviation (missing sides count as zero).
    signed: Decimal,
}

/// The waterfall of a table: from the computed total of the budget column
/// to the computed total of the outcome column, through the `max_steps`
/// largest row differences and one step for the rest.
///
/// - A table with forecasts (some row has a forecast deviation) goes from
///   the annual budget total to the forecast total instead
///   ([`Waterfall::figure`] is then [`Figure::ForecastVariance`]). The
///   budget comparison uses the `budget` column, or `annual_budget` in a
///   table without one, as the budget deviation does.
/// - Each top-level item row's step is its end-side value minus its
///   start-side value, a missing value counting as zero (the totals add
///   the values there are), unsigned by the convention so that the steps
///   add up; it is favourable by the sign of its convention-signed
///   deviation. Rows with a zero difference are not steps.
/// - The steps are the `max_steps` largest by absolute value, largest
///   first (ties in row order), then, if rows are left, one step with
///   their exact sum ([`Step::row`] `None`).
///
/// `None` when the table lacks the columns, has no top-level item row with
/// a value on either side, a total or a row figure is an error, or the
/// arithmetic overflows (or cannot reproduce the end total exactly).
pub fn waterfall(table: &Table, results: &Results, max_steps: usize) -> Option<Waterfall> {
    let annual = table.column_of(Role::AnnualBudget);
    let forecasts = annual.is_some() && !results.totals.computed.forecast_variance.is_blank();
    let (figure, start_col, end_total) = if forecasts {
        (
            Figure::ForecastVariance,
            annual?,
            results.totals.computed.forecast,
        )
    } else {
        let outcome = table.column_of(Role::Outcome)?;
        (
            Figure::Variance,
            table.column_of(Role::Budget).or(annual)?,
            *results.totals.columns.get(outcome)?,
        )
    };
    let outcome_col = table.column_of(Role::Outcome);
    let start_role = table.columns.get(start_col)?.role;
    let convention = results.convention();

    let mut rows = Vec::new();
    for (i, result) in results.rows.iter().enumerate() {
        if !is_chart_row(table, i) {
            continue;
        }
        let start_side = table.number(i, start_col);
        let end_side = if forecasts {
            match result.forecast {
                Computed::Value(v) => Some(v),
                Computed::Blank => None,
                Computed::Error(_) => return None,
            }
        } else {
            outcome_col.and_then(|c| table.number(i, c))
        };
        if start_side.is_none() && end_side.is_none() {
            continue;
        }
        let (s, e) = (
            start_side.unwrap_or(Decimal::ZERO),
            end_side.unwrap_or(Decimal::ZERO),
        );
        rows.push(RowStep {
            row: i,
            delta: e.sub_exact(s)?,
            signed: deviation(convention, e, s).ok()?,
        });
    }
    if rows.is_empty() {
        return None;
    }
    let start = total_value(results.totals.columns.get(start_col).copied())?;
    let end = total_value(Some(end_total))?;

    rows.retain(|r| !r.delta.is_zero());
    crate::order::sort_by(&mut rows, |a, b| {
        by_size(a.delta, b.delta).then(a.row.cmp(&b.row))
    });
    let shown = rows.len().min(max_steps);
    let (top, rest) = rows.split_at(shown);

    let mut steps = Vec::with_capacity(shown + 1);
    let mut position = start;
    for r in top {
        position = position.add_exact(r.delta)?;
        steps.push(Step {
            row: Some(r.row),
            label: table.label(r.row).to_string(),
            delta: r.delta,
            favourable: is_favourable(r.signed),
        });
    }
    let remainder = end.sub_exact(position)?;
    if !rest.is_empty() || !remainder.is_zero() {
        let signed = rest
            .iter()
            .try_fold(Decimal::ZERO, |sum, r| sum.add_exact(r.signed))?;
        position = position.add_exact(remainder)?;
        steps.push(Step {
            row: None,
            label: String::new(),
            delta: remainder,
            favourable: is_favourable(signed),
        });
    }
    if position != end {
        return None;
    }
    Some(Waterfall {
        figure,
        start_role,
        start,
        end,
        steps,
        other_rows: rest.len(),
    })
}

/// A total that is a value; a blank total (no values) is zero, an error
/// none.
fn total_value(total: Option<Computed>) -> Option<Decimal> {
    match total? {
        Computed::Value(v) => Some(v),
        Computed::Blank => Some(Decimal::ZERO),
        Computed::Error(_) => None,
    }
}

/// Larger absolute value first.
fn by_size(a: Decimal, b: Decimal) -> Ordering {
    b.abs().cmp(&a.abs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute;
    use crate::model::{Cell, Column, Row, TableSettings};
    use std::collections::BTreeMap;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("test decimal")
    }

    fn table(roles: &[Role], rows: &[(RowKind, u8, &str, &[&str])]) -> Table {
        let mut columns = vec![Column {
            heading: "Enhet".into(),
            role: Role::Label,
        }];
        columns.extend(roles.iter().map(|r| Column {
            heading: r.key().into(),
            role: *r,
        }));
        let rows = rows
            .iter()
            .map(|(kind, level, label, cells)| {
                let mut all = vec![Cell::Text((*label).into())];
                all.extend(cells.iter().map(|c| match *c {
                    "_" => Cell::Empty,
                    n => Cell::Number(d(n)),
                }));
                Row {
                    kind: *kind,
                    level: *level,
                    note: None,
                    cells: all,
                    originals: BTreeMap::new(),
                }
            })
            .collect();
        Table {
            title: None,
            unit: None,
            months: None,
            columns,
            rows,
            diagnostics: vec![],
            settings: TableSettings::default(),
        }
    }

    #[test]
    fn chart_empty_table_has_no_bars_and_no_waterfall() {
        let t = table(&[Role::Outcome, Role::Budget], &[]);
        let r = compute(&t);
        assert_eq!(
            deviation_bars(&t, &r),
            BarChart {
                figure: Figure::Variance,
                bars: vec![]
            }
        );
        assert_eq!(waterfall(&t, &r, 5), None);
    }

    #[test]
    fn chart_a_remainder_that_is_zero_with_no_rows_left_is_no_step() {
        use RowKind::Item;
        let t = table(
            &[Role::Outcome, Role::Budget],
            &[
                (Item, 0, "A", &["-10", "-12"]),
                (Item, 0, "B", &["-5", "-5"]),
            ],
        );
        let r = compute(&t);
        let w = waterfall(&t, &r, 3).expect("waterfall");
        assert_eq!(w.steps.len(), 1);
        assert_eq!(w.other_rows, 0);
        assert_eq!((w.start, w.end), (d("-17"), d("-15")));
    }
}
