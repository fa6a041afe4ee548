//! A follow-up's table as the screen shows it, as CSV (both flavours, like
//! a table's: [`crate::file::csv`]) and for "Copy table" (HTML for Word and
//! Outlook, tab-separated text: [`crate::file::html`]). Here, not in
//! `followup`, which the file module already depends on.
//!
//! The columns are the figures that have something to show, report by
//! report ([`columns`]): each report's budget, forecast, the forecast's
//! change from the report before, and its deviation from the outcome (in
//! money and as a percentage of the budget); then the year's outcome, the
//! mean absolute deviation and the first report whose forecast came within
//! the status threshold. One line per follow-up row, then the total.
//!
//! Export headings are one line: "Rapport · Slag (n mån): Prognos (mnkr)".
//! CSV values are exact, in the follow-up's unit (no rounding, no grouping);
//! the copy shows what the screen shows (display decimals, Swedish format,
//! a sign on changes and deviations).

use super::csv::{CsvFlavour, Writer};
use super::html::{copy_cell, plain, push_escaped, TABLE_STYLE};
use crate::calc::Computed;
use crate::display::{default_decimals, DisplayFormat};
use crate::lang::Lang;
use crate::number::NumberStyle;

use crate::followup::{FollowUpResult, Line, ReportInfo};

/// A column of the follow-up table: a figure of one report (by index), or
/// of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The report's budget for the year.
    Budget(usize),
    /// The report's full-year forecast.
    Forecast(usize),
    /// The forecast's change from the previous report's.
    ForecastChange(usize),
    /// Outcome − forecast.
    Deviation(usize),
    /// The deviation as a percentage of the budget.
    DeviationPercent(usize),
    /// The outcome (from the annual report).
    Outcome,
    /// The mean absolute forecast deviation over the year.
    Accuracy,
    /// The first report whose forecast came within the threshold.
    FirstWithin,
}

impl Column {
    /// A stable name for the column's kind (`data-figure` on screen).
    pub fn key(self) -> &'static str {
        match self {
            Column::Budget(_) => "budget",
            Column::Forecast(_) => "forecast",
            Column::ForecastChange(_) => "forecast-change",
            Column::Deviation(_) => "deviation",
            Column::DeviationPercent(_) => "deviation-percent",
            Column::Outcome => "outcome",
            Column::Accuracy => "accuracy",
            Column::FirstWithin => "first-within",
        }
    }

    /// The report the figure belongs to, if one.
    pub fn report(self) -> Option<usize> {
        match self {
            Column::Budget(r)
            | Column::Forecast(r)
            | Column::ForecastChange(r)
            | Column::Deviation(r)
            | Column::DeviationPercent(r) => Some(r),
            _ => None,
        }
    }

    /// The figure's name.
    pub fn name(self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            Column::Budget(_) => ("Budget", "Budget"),
            Column::Forecast(_) => ("Prognos", "Forecast"),
            Column::ForecastChange(_) => ("Ändring", "Change"),
            Column::Deviation(_) => ("Prognosavvikelse", "Forecast deviation"),
            Column::DeviationPercent(_) => ("Avvikelse % av budget", "Deviation % of budget"),
            Column::Outcome => ("Utfall", "Outcome"),
            Column::Accuracy => ("Medelavvikelse", "Mean deviation"),
            Column::FirstWithin => ("Först inom gränsen", "First within threshold"),
        };
        lang.pick(sv, en)
    }

    /// The figure of a line, blank when it has none (always blank for
    /// [`Column::FirstWithin`], which is a report's name).
    pub fn of(self, line: &Line) -> Computed {
        let at = |v: &Vec<Computed>, r: usize| v.get(r).copied().unwrap_or_default();
        match self {
            Column::Budget(r) => at(&line.budgets, r),
            Column::Forecast(r) => at(&line.forecasts, r),
            Column::ForecastChange(r) => at(&line.forecast_changes, r),
            Column::Deviation(r) => line.deviations.get(r).map(|d| d.value).unwrap_or_default(),
            Column::DeviationPercent(r) => line
                .deviations
                .get(r)
                .map(|d| d.percent)
                .unwrap_or_default(),
            Column::Outcome => line.outcome,
            Column::Accuracy => line.accuracy.mean_absolute,
            Column::FirstWithin => Computed::Blank,
        }
    }

    /// Changes and deviations are shown with their sign: "+1,5".
    pub fn signed(self) -> bool {
        matches!(self, Column::ForecastChange(_) | Column::Deviation(_))
    }

    /// Whether the column holds amounts in the follow-up's unit.
    pub fn is_amount(self) -> bool {
        !matches!(self, Column::DeviationPercent(_) | Column::FirstWithin)
    }
}

/// The columns that have something to show, report by report.
pub fn columns(result: &FollowUpResult) -> Vec<Column> {
    let lines = || result.rows.iter().map(|r| &r.line).chain([&result.total]);
    let shown = |c: Column| lines().any(|l| !c.of(l).is_blank());
    let mut out = Vec::new();
    for r in 0..result.reports.len() {
        for c in [
            Column::Budget(r),
            Column::Forecast(r),
            Column::ForecastChange(r),
            Column::Deviation(r),
            Column::DeviationPercent(r),
        ] {
            if shown(c) {
                out.push(c);
            }
        }
    }
    for c in [Column::Outcome, Column::Accuracy] {
        if shown(c) {
            out.push(c);
        }
    }
    if lines().any(|l| l.accuracy.first_within.is_some()) {
        out.push(Column::FirstWithin);
    }
    out
}

/// A report's heading: "Delår augusti · Uppföljning (8 mån)".
pub fn report_heading(report: &ReportInfo, lang: Lang) -> String {
    let mut out = format!("{} · {}", report.name, report.kind.name(lang));
    if let Some(m) = report.months {
        out.push_str(&format!(" ({m} {})", lang.pick("mån", "months")));
    }
    out
}

/// The heading of the group a column is in: its report's, or "the year".
pub fn group_heading(result: &FollowUpResult, column: Column, lang: Lang) -> String {
    match column.report().and_then(|r| result.reports.get(r)) {
        Some(report) => report_heading(report, lang),
        None => lang.pick("Året", "The year").to_string(),
    }
}

/// A column's heading in one line, for exports: "Delår · Uppföljning
/// (8 mån): Prognos (mnkr)".
pub fn export_heading(result: &FollowUpResult, column: Column, lang: Lang) -> String {
    let mut out = group_heading(result, column, lang);
    out.push_str(": ");
    out.push_str(column.name(lang));
    if column.is_amount() {
        out.push_str(&format!(" ({})", result.unit.symbol()));
    }
    out
}

/// How the screen and the copy show the follow-up's figures: in its unit,
/// with that unit's usual decimals, Swedish style.
pub fn display_format(result: &FollowUpResult) -> DisplayFormat {
    DisplayFormat {
        from: Some(result.unit),
        unit: Some(result.unit),
        decimals: Some(default_decimals(result.unit)),
        style: NumberStyle::swedish_display(),
    }
}

/// A figure as the screen shows it.
pub fn shown_text(
    format: &DisplayFormat,
    column: Column,
    line: &Line,
    result: &FollowUpResult,
    lang: Lang,
) -> String {
    if column == Column::FirstWithin {
        return line
            .accuracy
            .first_within
            .and_then(|r| result.reports.get(r))
            .map(|r| r.name.clone())
            .unwrap_or_default();
    }
    let value = column.of(line);
    if matches!(column, Column::DeviationPercent(_)) {
        return format.computed_percent(value, lang);
    }
    let text = format.computed(value, lang);
    match value {
        Computed::Value(v) if column.signed() && v.is_sign_positive() && !v.is_zero() => {
            format!("+{text}")
        }
        _ => text,
    }
}

/// The caption: "Budget, prognoser och utfall över året (mnkr)".
pub fn caption(result: &FollowUpResult, lang: Lang) -> String {
    format!(
        "{} ({})",
        lang.pick(
            "Budget, prognoser och utfall över året",
            "Budget, forecasts and outcome over the year"
        ),
        result.unit.symbol()
    )
}

/// The lines of the table: each row's label and figures, then the total's.
fn lines(result: &FollowUpResult, lang: Lang) -> impl Iterator<Item = (&str, &Line)> {
    let total = lang.pick("Summa", "Total");
    result
        .rows
        .iter()
        .map(|r| (r.label.as_str(), &r.line))
        .chain([(total, &result.total)])
}

/// The follow-up as CSV (see the module documentation and
/// [`crate::file::csv`] for the flavours, quoting and formula
/// neutralisation).
pub fn follow_up_csv(result: &FollowUpResult, flavour: CsvFlavour) -> String {
    let lang = flavour.lang();
    let columns = columns(result);
    let mut w = Writer::new(flavour);
    w.text(lang.pick("Rad", "Row"));
    for &c in &columns {
        w.text(&export_heading(result, c, lang));
    }
    w.end_line();
    for (label, line) in lines(result, lang) {
        w.text(label);
        for &c in &columns {
            if c == Column::FirstWithin {
                let name = line
                    .accuracy
                    .first_within
                    .and_then(|r| result.reports.get(r))
                    .map_or("", |r| r.name.as_str());
                w.text(name);
            } else {
                w.computed(c.of(line));
            }
        }
        w.end_line();
    }
    w.finish()
}

/// The follow-up as an HTML table with inline styles, for Word and Outlook
/// (as [`crate::file::html::table_html`]).
pub fn follow_up_html(result: &FollowUpResult, lang: Lang) -> String {
    let columns = columns(result);
    let format = display_format(result);
    let mut out = String::from("<table style=\"");
    out.push_str(TABLE_STYLE);
    out.push_str("\"><caption style=\"text-align:left;font-weight:bold;padding:2px 0\">");
    push_escaped(&mut out, &caption(result, lang));
    out.push_str("</caption><thead><tr>");
    copy_cell(&mut out, "th", lang.pick("Rad", "Row"), false, true, false);
    for &c in &columns {
        let heading = export_heading(result, c, lang);
        copy_cell(&mut out, "th", &heading, true, true, false);
    }
    out.push_str("</tr></thead><tbody>");
    let count = result.rows.len();
    for (i, (label, line)) in lines(result, lang).enumerate() {
        let bold = i == count;
        out.push_str("<tr>");
        copy_cell(&mut out, "td", label, false, bold, false);
        for &c in &columns {
            let text = shown_text(&format, c, line, result, lang);
            copy_cell(&mut out, "td", &text, c != Column::FirstWithin, bold, false);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The same content as [`follow_up_html`] as tab-separated text, the
/// caption on its own first line.
pub fn follow_up_tsv(result: &FollowUpResult, lang: Lang) -> String {
    let columns = columns(result);
    let format = display_format(result);
    let mut out = String::new();
    plain(&caption(result, lang), &mut out);
    out.push_str("\r\n");
    plain(lang.pick("Rad", "Row"), &mut out);
    for &c in &columns {
        out.push('\t');
        plain(&export_heading(result, c, lang), &mut out);
    }
    out.push_str("\r\n");
    for (label, line) in lines(result, lang) {
        plain(label, &mut out);
        for &c in &columns {
            out.push('\t');
            plain(&shown_text(&format, c, line, result, lang), &mut out);
        }
        out.push_str("\r\n");
    }
    out
}
