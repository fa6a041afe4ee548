//! A follow-up's two charts as SVG markup, from [`crate::chart_followup`],
//! in the style of [`crate::chart_svg`]: complete `<svg>` strings for the
//! year view's `inner_html`, `role="img"` with a title, labels escaped,
//! colours by class only (`style/main.css`), integer coordinates computed
//! from exact decimals, values written in the follow-up's unit by its
//! [`DisplayFormat`].
//!
//! - The forecast paths are small multiples: one panel per row, the
//!   reports across in the year's order. Each panel has its own vertical
//!   scale: rows differ a hundredfold in size (a unit of 300 mnkr beside a
//!   reserve of 4), and the question is how each row's forecast moved, not
//!   how the rows compare. The budget is a dashed step line (it holds
//!   until a report changes it, to the year's end), the forecasts a line
//!   with a point per report, the outcome a square at the annual report
//!   with a thin line across the panel, so that each forecast's distance
//!   from it is its forecast deviation.
//! - The forecast deviations are horizontal bars on one common scale (the
//!   rows are compared here): a group per row, one bar per report, green
//!   when the outcome was better than the forecast.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::chart_followup::{DeviationChart, PathChart, Point};
use crate::chart_svg::{
    amount, half, open_svg, short_label, texts, with_unit, Scale, LABEL_END, MARGIN, NOTE, WIDTH,
};
use crate::display::DisplayFormat;
use crate::exact::Exact;
use crate::file::html::push_escaped;
use crate::followup::{ReportInfo, ReportKind};
use crate::lang::Lang;

/// The forecast paths' x range: the first and the last report's points
/// (room on both sides for the values written centred over them).
const PATH_LEFT: i64 = 240;
const PATH_RIGHT: i64 = 660;
/// The line of report names (and the legend) above the panels.
const HEADER: i64 = 22;
/// One row's panel, and the band its points lie in: below the room for
/// the values written over the points, above the next panel.
const PANEL: i64 = 60;
const BAND_TOP: i64 = 20;
const BAND_BOTTOM: i64 = 50;
/// A deviation group's lines (its label, then one per bar) and bars.
const LINE: i64 = 18;
const THIN_BAR: i64 = 12;
/// The space between two deviation groups.
const GAP: i64 = 6;

const MONTHS_SV: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A report's short name on the chart: "Plan", "jan–aug" (the months a
/// follow-up covers), "Årsredovisning".
pub fn report_tag(report: &ReportInfo, lang: Lang) -> String {
    match (report.kind, report.months) {
        (ReportKind::FollowUp, Some(m @ 1..=12)) => {
            let names = match lang {
                Lang::Sv => &MONTHS_SV,
                Lang::En => &MONTHS_EN,
            };
            let last = names.get(usize::from(m) - 1).copied().unwrap_or_default();
            if m == 1 {
                last.to_string()
            } else {
                format!("{}–{last}", names.first().copied().unwrap_or_default())
            }
        }
        (kind, _) => kind.name(lang).to_string(),
    }
}

/// The name a path or group has: its label, or "Summa" for the total.
fn row_name(row: Option<usize>, label: &str, lang: Lang) -> String {
    match row {
        None => lang.pick("Summa", "Total").to_string(),
        Some(_) => short_label(label, row, lang),
    }
}

/// `data-row`: the follow-up row's index, or `total`.
fn row_key(row: Option<usize>) -> String {
    row.map_or_else(|| "total".to_string(), |r| r.to_string())
}

/// Maps amounts in `lo..=hi` to pixels `from..=to` (either way round),
/// on halves so that no difference of two decimals can overflow. A range
/// of one value maps to the middle.
struct Axis {
    lo: Decimal,
    span: Decimal,
    from: i64,
    to: i64,
}

impl Axis {
    fn new(lo: Decimal, hi: Decimal, from: i64, to: i64) -> Axis {
        let lo_half = half(lo);
        Axis {
            lo: lo_half,
            span: half(hi).sub_exact(lo_half).unwrap_or(Decimal::ZERO),
            from,
            to,
        }
    }

    fn at(&self, value: Decimal) -> i64 {
        let length = self.to - self.from;
        if self.span.is_zero() {
            return self.from + length / 2;
        }
        let offset = half(value)
            .sub_exact(self.lo)
            .and_then(|v| v.div_exact(self.span))
            .and_then(|ratio| ratio.mul_exact(Decimal::from(length)))
            .and_then(|px| i64::try_from(px.round()).ok())
            .unwrap_or(0);
        self.from + offset.clamp(length.min(0), length.max(0))
    }
}

/// The x of report `report` of `count`, spread evenly over the panel.
fn report_x(report: usize, count: usize) -> i64 {
    if count <= 1 {
        return (PATH_LEFT + PATH_RIGHT) / 2;
    }
    let (k, n) = (
        i64::try_from(report).unwrap_or(0),
        i64::try_from(count - 1).unwrap_or(1),
    );
    PATH_LEFT + (PATH_RIGHT - PATH_LEFT) * k.min(n) / n
}

/// `<text>` with escaped content.
fn text(out: &mut String, class: &str, x: i64, y: i64, anchor: &str, content: &str) {
    let _ = write!(
        out,
        "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\">"
    );
    push_escaped(out, content);
    out.push_str("</text>");
}

/// What a warned row's label says on hover.
fn warned_note(lang: Lang) -> &'static str {
    lang.pick(
        "Rapportens egna siffror går inte ihop: se varningarna.",
        "The report's own figures disagree: see the warnings.",
    )
}

/// A row's label; a row whose reports' own figures disagree is marked
/// (`class="… warned"`, "⚠") with `warning` as its tooltip.
fn row_label(
    out: &mut String,
    (x, y): (i64, i64),
    anchor: &str,
    class: &str,
    name: &str,
    warning: Option<&str>,
) {
    let Some(warning) = warning else {
        text(out, class, x, y, anchor, name);
        return;
    };
    let _ = write!(
        out,
        "<text class=\"{class} warned\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\"><title>"
    );
    push_escaped(out, warning);
    out.push_str("</title>⚠ ");
    push_escaped(out, name);
    out.push_str("</text>");
}

/// A note under a chart: how many rows it leaves out.
fn not_shown(out: &mut String, hidden: usize, y: i64, lang: Lang) {
    if hidden > 0 {
        let note = texts(lang)
            .chart_not_shown
            .replace("{n}", &hidden.to_string());
        text(out, "chart-note", 0, y, "start", &note);
    }
}

/// The forecast path of each row in the chart as small multiples (see
/// the module documentation). Each panel is a `g class="path"` with the
/// row's `data-row` (`total` for the total) and `data-label`; each
/// forecast point a `circle class="forecast"`, each budget a `circle
/// class="budget"` and the outcome a `rect class="outcome"`, each with
/// its report's `data-report` and a tooltip, and the forecasts and the
/// outcome written over their points. The `svg` has
/// `data-testid="follow-up-path-chart"`.
pub fn paths_svg(chart: &PathChart, format: &DisplayFormat, lang: Lang) -> String {
    let n = i64::try_from(chart.paths.len()).unwrap_or(0);
    let height = 2 * MARGIN + HEADER + n * PANEL + if chart.other_rows > 0 { NOTE } else { 0 };
    let title = with_unit(
        lang.pick(
            "Prognoser över året per rad",
            "Forecasts over the year per row",
        )
        .to_string(),
        format,
    );
    let mut out = String::with_capacity(1024 + chart.paths.len() * 1200);
    open_svg(&mut out, "follow-up-path-chart", height, &title);
    let forecast_name = lang.pick("Prognos", "Forecast");
    let budget_name = lang.pick("Budget", "Budget");
    let outcome_name = lang.pick("Utfall", "Outcome");

    // The legend, then each report's name over its points.
    let y = MARGIN + 14;
    let _ = write!(
        out,
        "<line class=\"forecast\" x1=\"0\" y1=\"{0}\" x2=\"14\" y2=\"{0}\"/>",
        y - 4
    );
    text(&mut out, "legend", 18, y, "start", forecast_name);
    let _ = write!(
        out,
        "<line class=\"budget\" x1=\"76\" y1=\"{0}\" x2=\"90\" y2=\"{0}\"/>",
        y - 4
    );
    text(&mut out, "legend", 94, y, "start", budget_name);
    let _ = write!(
        out,
        "<rect class=\"outcome\" x=\"144\" y=\"{}\" width=\"8\" height=\"8\"/>",
        y - 8
    );
    text(&mut out, "legend", 156, y, "start", outcome_name);
    let count = chart.reports.len();
    for (i, report) in chart.reports.iter().enumerate() {
        text(
            &mut out,
            "axis",
            report_x(i, count),
            y,
            "middle",
            &report_tag(report, lang),
        );
    }

    for (k, path) in (0i64..).zip(&chart.paths) {
        let top = MARGIN + HEADER + k * PANEL;
        let values = path
            .budgets
            .iter()
            .chain(&path.forecasts)
            .chain(&path.outcome)
            .map(|p| p.value);
        let lo = values.clone().min().unwrap_or(Decimal::ZERO);
        let hi = values.max().unwrap_or(Decimal::ZERO);
        // Larger amounts up: in net cost the better outcome is higher.
        let axis = Axis::new(lo, hi, top + BAND_BOTTOM, top + BAND_TOP);
        let at = |p: &Point| (report_x(p.report, count), axis.at(p.value));
        let name = row_name(path.row, &path.label, lang);

        out.push_str("<g class=\"path\" data-row=\"");
        out.push_str(&row_key(path.row));
        out.push_str("\" data-label=\"");
        push_escaped(&mut out, &name);
        out.push_str("\">");
        let _ = write!(
            out,
            "<line class=\"panel\" x1=\"0\" y1=\"{0}\" x2=\"{WIDTH}\" y2=\"{0}\"/>",
            top + PANEL
        );
        row_label(
            &mut out,
            (LABEL_END, top + PANEL / 2 + 4),
            "end",
            "label",
            &name,
            path.warned.then(|| warned_note(lang)),
        );
        if let Some(outcome) = &path.outcome {
            let y = axis.at(outcome.value);
            let _ = write!(
                out,
                "<line class=\"outcome-line\" x1=\"{PATH_LEFT}\" y1=\"{y}\" x2=\"{PATH_RIGHT}\" y2=\"{y}\"/>"
            );
        }

        // The budget holds from the report that states it until the next
        // one changes it, and to the year's end.
        let mut steps = String::new();
        let mut previous_y = None;
        for p in &path.budgets {
            let (x, y) = at(p);
            if let Some(py) = previous_y {
                let _ = write!(steps, "{x},{py} ");
            }
            let _ = write!(steps, "{x},{y} ");
            previous_y = Some(y);
        }
        if let Some(y) = previous_y {
            let _ = write!(steps, "{PATH_RIGHT},{y}");
            let _ = write!(
                out,
                "<polyline class=\"budget\" points=\"{}\"/>",
                steps.trim_end()
            );
        }
        for p in &path.budgets {
            let (x, y) = at(p);
            let _ = write!(
                out,
                "<circle class=\"budget\" data-report=\"{}\" cx=\"{x}\" cy=\"{y}\" r=\"2\"><title>",
                p.report
            );
            tooltip(&mut out, chart, p, budget_name, format, lang);
            out.push_str("</title></circle>");
        }

        if path.forecasts.len() > 1 {
            out.push_str("<polyline class=\"forecast\" points=\"");
            for (i, p) in path.forecasts.iter().enumerate() {
                let (x, y) = at(p);
                let _ = write!(out, "{}{x},{y}", if i > 0 { " " } else { "" });
            }
            out.push_str("\"/>");
        }
        for p in &path.forecasts {
            // The annual report's forecast is the outcome: marked as such.
            if path.outcome.is_some_and(|o| o.report == p.report) {
                continue;
            }
            let (x, y) = at(p);
            let _ = write!(
                out,
                "<circle class=\"forecast\" data-report=\"{}\" cx=\"{x}\" cy=\"{y}\" r=\"3\"><title>",
                p.report
            );
            tooltip(&mut out, chart, p, forecast_name, format, lang);
            out.push_str("</title></circle>");
            text(
                &mut out,
                "value",
                x,
                y - 6,
                "middle",
                &amount(format, p.value, lang),
            );
        }
        if let Some(p) = &path.outcome {
            let (x, y) = at(p);
            let _ = write!(
                out,
                "<rect class=\"outcome\" data-report=\"{}\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"><title>",
                p.report,
                x - 4,
                y - 4
            );
            tooltip(&mut out, chart, p, outcome_name, format, lang);
            out.push_str("</title></rect>");
            text(
                &mut out,
                "value",
                x,
                y - 7,
                "middle",
                &amount(format, p.value, lang),
            );
        }
        out.push_str("</g>");
    }
    not_shown(&mut out, chart.other_rows, height - MARGIN, lang);
    out.push_str("</svg>");
    out
}

/// "jan–aug · Prognos: -39,6".
fn tooltip(
    out: &mut String,
    chart: &PathChart,
    point: &Point,
    what: &str,
    format: &DisplayFormat,
    lang: Lang,
) {
    if let Some(report) = chart.reports.get(point.report) {
        push_escaped(out, &report_tag(report, lang));
        out.push_str(" · ");
    }
    push_escaped(out, what);
    out.push_str(": ");
    push_escaped(out, &amount(format, point.value, lang));
}

/// The forecast deviations as horizontal bars from one zero line: per
/// group its row's name, then one bar per report (the report's short name
/// at the left, the value at the bar's end), `class="fav"` when the
/// outcome was better than the forecast and `class="unfav"` when worse,
/// each `rect` with its row's `data-row` (`total` for the total) and its
/// report's `data-report`. The `svg` has
/// `data-testid="follow-up-deviation-chart"`.
pub fn deviations_svg(chart: &DeviationChart, format: &DisplayFormat, lang: Lang) -> String {
    let lines: i64 = chart
        .groups
        .iter()
        .map(|g| 1 + i64::try_from(g.bars.len()).unwrap_or(0))
        .sum();
    let groups = i64::try_from(chart.groups.len()).unwrap_or(0);
    let body = lines * LINE + groups * GAP;
    let height = 2 * MARGIN + body + if chart.other_rows > 0 { NOTE } else { 0 };
    let title = with_unit(
        lang.pick(
            "Prognosavvikelse per rad och rapport",
            "Forecast deviation per row and report",
        )
        .to_string(),
        format,
    );
    let mut out = String::with_capacity(512 + chart.groups.len() * 900);
    open_svg(&mut out, "follow-up-deviation-chart", height, &title);

    let bars = || chart.groups.iter().flat_map(|g| &g.bars);
    let lo = bars()
        .map(|b| b.value)
        .min()
        .unwrap_or(Decimal::ZERO)
        .min(Decimal::ZERO);
    let hi = bars()
        .map(|b| b.value)
        .max()
        .unwrap_or(Decimal::ZERO)
        .max(Decimal::ZERO);
    let scale = Scale::new(lo, hi);
    let zero = scale.x(Decimal::ZERO);

    let mut top = MARGIN;
    for group in &chart.groups {
        let name = row_name(group.row, &group.label, lang);
        let key = row_key(group.row);
        out.push_str("<g class=\"group\" data-row=\"");
        out.push_str(&key);
        out.push_str("\" data-label=\"");
        push_escaped(&mut out, &name);
        out.push_str("\">");
        let y = top + LINE - 5;
        row_label(
            &mut out,
            (0, y),
            "start",
            "label group",
            &name,
            group.warned.then(|| warned_note(lang)),
        );
        top += LINE;
        for bar in &group.bars {
            let tag = chart
                .reports
                .get(bar.report)
                .map(|r| report_tag(r, lang))
                .unwrap_or_default();
            let mut value = amount(format, bar.value, lang);
            let right = !bar.value.is_sign_negative() || bar.value.is_zero();
            if right && !bar.value.is_zero() {
                value.insert(0, '+');
            }
            let end = scale.x(bar.value);
            let (left, width) = (zero.min(end), (zero - end).abs().max(1));
            let text_y = top + LINE / 2 + 4;
            out.push_str("<g><title>");
            push_escaped(&mut out, &name);
            out.push_str(", ");
            push_escaped(&mut out, &tag);
            out.push_str(": ");
            push_escaped(&mut out, &value);
            if let Some(p) = bar.percent {
                out.push_str(" (");
                push_escaped(&mut out, &format.percent(p));
                out.push(')');
            }
            out.push_str("</title>");
            text(&mut out, "label", LABEL_END, text_y, "end", &tag);
            let _ = write!(
                out,
                "<rect class=\"{}\" data-row=\"{key}\" data-report=\"{}\" x=\"{left}\" y=\"{}\" width=\"{width}\" height=\"{THIN_BAR}\"/>",
                if bar.favourable { "fav" } else { "unfav" },
                bar.report,
                top + (LINE - THIN_BAR) / 2
            );
            let (x, anchor) = if right {
                (left + width + 4, "start")
            } else {
                (left - 4, "end")
            };
            text(&mut out, "value", x, text_y, anchor, &value);
            out.push_str("</g>");
            top += LINE;
        }
        out.push_str("</g>");
        top += GAP;
    }
    let _ = write!(
        out,
        "<line class=\"zero\" x1=\"{zero}\" y1=\"{MARGIN}\" x2=\"{zero}\" y2=\"{}\"/>",
        MARGIN + body
    );
    not_shown(&mut out, chart.other_rows, height - MARGIN, lang);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::{CalcError, Computed};
    use crate::chart_followup::{forecast_deviations, forecast_paths};
    use crate::followup::{Deviation, FollowUpResult, Line, ResultRow};
    use crate::model::SignConvention;
    use crate::number::{NumberStyle, Unit};

    fn report(kind: ReportKind, months: Option<u8>) -> ReportInfo {
        ReportInfo {
            sheet: 1,
            name: String::new(),
            kind,
            months,
            unit: Some(Unit::Mnkr),
            convention: Some(SignConvention::OutcomeMinusBudget),
            usable: true,
            comparable: true,
        }
    }

    #[test]
    fn follow_up_chart_report_tags() {
        for (kind, months, sv, en) in [
            (ReportKind::Plan, None, "Plan", "Plan"),
            (ReportKind::FollowUp, Some(1), "jan", "Jan"),
            (ReportKind::FollowUp, Some(4), "jan–apr", "Jan–Apr"),
            (ReportKind::FollowUp, Some(12), "jan–dec", "Jan–Dec"),
            (ReportKind::FollowUp, None, "Uppföljning", "Follow-up"),
            (ReportKind::FollowUp, Some(13), "Uppföljning", "Follow-up"),
            (
                ReportKind::Annual,
                Some(12),
                "Årsredovisning",
                "Annual report",
            ),
        ] {
            let r = report(kind, months);
            assert_eq!(
                (report_tag(&r, Lang::Sv), report_tag(&r, Lang::En)),
                (sv.to_string(), en.to_string()),
                "{kind:?} {months:?}"
            );
        }
    }

    /// The largest and smallest decimals, an error and a lone report:
    /// valid SVG with coordinates inside the drawing, no panic.
    #[test]
    fn follow_up_charts_of_extreme_values_stay_in_the_drawing() {
        let (max, min) = (Decimal::MAX, Decimal::MIN);
        let line = |forecasts: Vec<Computed>, deviation: Computed| Line {
            budgets: vec![Computed::Value(min), Computed::Value(max)],
            forecasts,
            outcome: Computed::Value(max),
            deviations: vec![
                Deviation {
                    value: deviation,
                    percent: Computed::Value(max),
                },
                Deviation::default(),
            ],
            ..Line::default()
        };
        let rows = vec![
            ResultRow {
                label: "A".into(),
                members: vec![vec![0], vec![0]],
                line: line(
                    vec![Computed::Value(min), Computed::Value(max)],
                    Computed::Value(min),
                ),
            },
            ResultRow {
                label: String::new(),
                members: vec![vec![1], vec![1]],
                line: line(
                    vec![Computed::Error(CalcError::Overflow), Computed::Value(max)],
                    Computed::Value(max),
                ),
            },
        ];
        let result = FollowUpResult {
            unit: Unit::Mnkr,
            convention: SignConvention::OutcomeMinusBudget,
            reports: vec![
                report(ReportKind::FollowUp, Some(8)),
                report(ReportKind::Annual, Some(12)),
            ],
            outcome_report: Some(1),
            rows,
            total_members: vec![None, None],
            total: Line::default(),
            unmatched: vec![],
            warnings: vec![],
            notes: vec![],
        };
        let format = DisplayFormat {
            from: Some(Unit::Mnkr),
            unit: Some(Unit::Mnkr),
            decimals: Some(1),
            style: NumberStyle::swedish_display(),
        };
        let paths = forecast_paths(&result, 8, None);
        assert_eq!(paths.paths.len(), 2, "no total: it has no figures");
        // The error is a gap: the second row has only the outcome's point.
        assert_eq!(paths.paths[1].forecasts.len(), 1);
        for lang in [Lang::Sv, Lang::En] {
            let svgs = [
                paths_svg(&paths, &format, lang),
                deviations_svg(&forecast_deviations(&result, 8), &format, lang),
            ];
            for svg in svgs {
                assert!(svg.ends_with("</svg>"));
                assert!(svg.contains("Rad 2") || svg.contains("Row 2"), "{svg}");
                for (name, value) in numbers(&svg) {
                    assert!((0..=WIDTH).contains(&value), "{name}={value} in {svg}");
                }
            }
        }
    }

    /// Every x, y, cx, cy, width and height attribute, and each point of
    /// a polyline, as (name, value).
    fn numbers(svg: &str) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for name in [
            "x", "y", "cx", "cy", "width", "height", "x1", "x2", "y1", "y2",
        ] {
            let key = format!(" {name}=\"");
            for (at, _) in svg.match_indices(&key) {
                let rest = &svg[at + key.len()..];
                let value = &rest[..rest.find('"').expect("quote")];
                out.push((name.to_string(), value.parse().expect("integer")));
            }
        }
        for (at, _) in svg.match_indices(" points=\"") {
            let rest = &svg[at + 9..];
            for pair in rest[..rest.find('"').expect("quote")].split(' ') {
                for v in pair.split(',') {
                    out.push(("points".to_string(), v.parse().expect("integer")));
                }
            }
        }
        out
    }
}
