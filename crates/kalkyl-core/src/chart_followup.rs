//! The data behind a follow-up's two charts (issue 14): each row's forecast
//! path across the year's reports against its budget and outcome, and each
//! report's forecast deviation from the outcome per row. Pure data with
//! exact [`Decimal`]s from a [`FollowUpResult`]; `chart_followup_svg`
//! draws them.
//!
//! Every amount is already in the follow-up's unit and sign convention,
//! and a forecast deviation (outcome − forecast in the net-cost reference)
//! is positive when favourable in every convention, so favourable is
//! simply "zero or positive" here. Blank figures (a report that states no
//! forecast) and errors (shown as such in the table) leave a gap: a chart
//! never draws a value the table does not have.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::calc::Computed;
use crate::followup::{FollowUpResult, Line, ReportInfo, Target};

/// Most rows drawn as forecast paths besides the total. One small panel a
/// row: beyond about eight the chart no longer fits a screen, and the rows
/// whose forecasts missed most are the ones a controller asks about.
pub const MAX_PATHS: usize = 8;

/// Most rows drawn in the forecast deviation chart besides the total:
/// each row is a group of one bar per report, so a dozen groups already
/// make a tall chart.
pub const MAX_DEVIATION_ROWS: usize = 12;

/// One figure of a row in one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// The report's index in the follow-up.
    pub report: usize,
    /// The figure, exact, in the follow-up's unit and convention.
    pub value: Decimal,
}

/// One row's (or the total's) path over the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The follow-up row, or `None` for the total.
    pub row: Option<usize>,
    /// The row's label ("" for the total: the view names it).
    pub label: String,
    /// The annual budget each report states, in report order.
    pub budgets: Vec<Point>,
    /// Each report's full-year forecast (a plan's budget, a follow-up's
    /// forecast, the annual report's outcome), in report order.
    pub forecasts: Vec<Point>,
    /// The outcome, at the report it comes from.
    pub outcome: Option<Point>,
    /// Whether a report's own figures for the row disagree (a follow-up
    /// warning): a wild point is then the report's, not the chart's.
    pub warned: bool,
}

/// The forecast paths of a follow-up: the total first, then the rows
/// whose forecasts missed most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathChart {
    /// The reports, in the follow-up's order (the chart's x axis).
    pub reports: Vec<ReportInfo>,
    /// The paths drawn.
    pub paths: Vec<Path>,
    /// How many rows with figures are not drawn.
    pub other_rows: usize,
}

/// One report's forecast deviation for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviationBar {
    /// The report's index in the follow-up.
    pub report: usize,
    /// Outcome − forecast, positive when the outcome was better.
    pub value: Decimal,
    /// The value as a percentage of the budget, when there is one.
    pub percent: Option<Decimal>,
    /// Whether the forecast was cautious or right (zero or positive).
    pub favourable: bool,
}

/// A row's (or the total's) forecast deviations, one bar per report that
/// has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviationGroup {
    /// The follow-up row, or `None` for the total.
    pub row: Option<usize>,
    /// The row's label ("" for the total).
    pub label: String,
    /// The bars, in report order.
    pub bars: Vec<DeviationBar>,
    /// Whether a report's own figures for the row disagree.
    pub warned: bool,
}

/// The forecast deviations of a follow-up per row and report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviationChart {
    /// The reports, in the follow-up's order.
    pub reports: Vec<ReportInfo>,
    /// The groups: the total first, then the rows by their largest
    /// deviation (by size), largest first.
    pub groups: Vec<DeviationGroup>,
    /// How many rows with a deviation are not drawn.
    pub other_rows: usize,
}

/// The values of a per-report figure, skipping blanks and errors.
fn points(values: &[Computed]) -> Vec<Point> {
    values
        .iter()
        .enumerate()
        .filter_map(|(report, v)| v.value().map(|value| Point { report, value }))
        .collect()
}

/// Whether the follow-up carries a report's warning for a row (or the
/// total).
fn warned(result: &FollowUpResult, row: Option<usize>) -> bool {
    let target = row.map_or(Target::Total, Target::Row);
    result.warnings_at(target).next().is_some()
}

fn path(result: &FollowUpResult, row: Option<usize>, label: &str, line: &Line) -> Path {
    let outcome_report = result.outcome_report;
    Path {
        warned: warned(result, row),
        row,
        label: label.to_string(),
        budgets: points(&line.budgets),
        forecasts: points(&line.forecasts),
        outcome: outcome_report
            .zip(line.outcome.value())
            .map(|(report, value)| Point { report, value }),
    }
}

/// The largest absolute value among a line's figures, `None` without one.
fn largest(values: impl Iterator<Item = Computed>) -> Option<Decimal> {
    values.filter_map(|v| v.value()).map(|v| v.abs()).max()
}

/// How far a row's forecasts were from the outcome at worst; while the
/// year is in progress, how far its forecast moved at most.
fn miss(line: &Line) -> Option<Decimal> {
    largest(line.deviations.iter().map(|d| d.value))
        .or_else(|| largest(line.forecast_changes.iter().copied()))
}

/// The rows ranked by a measure, largest first (ties and rows without one
/// in row order, after the rest).
fn ranked(result: &FollowUpResult, measure: impl Fn(&Line) -> Option<Decimal>) -> Vec<usize> {
    let sizes: Vec<Option<Decimal>> = result.rows.iter().map(|r| measure(&r.line)).collect();
    let size = |i: usize| sizes.get(i).copied().flatten();
    crate::order::stable_order(result.rows.len(), &|a, b| match (size(a), size(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    })
}

/// The forecast path of the total and of at most `max_rows` rows: the
/// row the user chose in the table (`chosen`, a follow-up row index)
/// first, then those whose forecasts were farthest from the outcome (or,
/// with no outcome yet, moved most), largest first. Rows and a total
/// without any figure are left out.
pub fn forecast_paths(
    result: &FollowUpResult,
    max_rows: usize,
    chosen: Option<usize>,
) -> PathChart {
    let has_figures = |p: &Path| !p.budgets.is_empty() || !p.forecasts.is_empty();
    let mut paths = Vec::new();
    let total = path(result, None, "", &result.total);
    if has_figures(&total) {
        paths.push(total);
    }
    let chosen = chosen.filter(|&c| c < result.rows.len());
    let order = chosen.into_iter().chain(
        ranked(result, miss)
            .into_iter()
            .filter(|&i| Some(i) != chosen),
    );
    let mut shown = 0;
    let mut other_rows = 0;
    for i in order {
        let Some(row) = result.rows.get(i) else {
            continue;
        };
        let p = path(result, Some(i), &row.label, &row.line);
        if !has_figures(&p) {
            continue;
        }
        if shown < max_rows {
            paths.push(p);
            shown += 1;
        } else {
            other_rows += 1;
        }
    }
    PathChart {
        reports: result.reports.clone(),
        paths,
        other_rows,
    }
}

fn group(result: &FollowUpResult, row: Option<usize>, label: &str, line: &Line) -> DeviationGroup {
    let bars = line
        .deviations
        .iter()
        .enumerate()
        .filter_map(|(report, d)| {
            let value = d.value.value()?;
            Some(DeviationBar {
                report,
                value,
                percent: d.percent.value(),
                favourable: value.is_zero() || value.is_sign_positive(),
            })
        })
        .collect();
    DeviationGroup {
        row,
        label: label.to_string(),
        bars,
        warned: warned(result, row),
    }
}

/// Each report's forecast deviation from the outcome, per row: the total
/// first (when it is compared), then at most `max_rows` rows by their
/// largest deviation, largest first. Rows without any deviation (no
/// outcome, nothing compared) have no group; a follow-up without an
/// outcome has none at all.
pub fn forecast_deviations(result: &FollowUpResult, max_rows: usize) -> DeviationChart {
    let mut groups = Vec::new();
    let total = group(result, None, "", &result.total);
    if !total.bars.is_empty() {
        groups.push(total);
    }
    let deviation = |line: &Line| largest(line.deviations.iter().map(|d| d.value));
    let mut shown = 0;
    let mut other_rows = 0;
    for i in ranked(result, deviation) {
        let Some(row) = result.rows.get(i) else {
            continue;
        };
        let g = group(result, Some(i), &row.label, &row.line);
        if g.bars.is_empty() {
            continue;
        }
        if shown < max_rows {
            groups.push(g);
            shown += 1;
        } else {
            other_rows += 1;
        }
    }
    DeviationChart {
        reports: result.reports.clone(),
        groups,
        other_rows,
    }
}
