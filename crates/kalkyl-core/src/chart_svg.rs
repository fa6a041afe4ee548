//! The two charts of a table as SVG markup, from the core's chart
//! data ([`crate::chart`]): the deviation per row as horizontal bars,
//! and a waterfall ("brygga") from the budget total to the outcome or
//! forecast total.
//!
//! Both are complete `<svg>` strings, for the app's `inner_html` and for
//! export: scaled by their `viewBox` to the width of their container,
//! `role="img"` with a `<title>` and an `aria-label`, every label escaped,
//! colours by class only (`fav`, `unfav`, `total`; the CSP forbids inline
//! styles, `style/main.css` has the rules). Values are written by the
//! table's [`DisplayFormat`] (display unit and decimals, Swedish style).
//!
//! Coordinates are whole pixels computed from exact decimals and written
//! as integers: formatting an `f64` would pull float printing into the
//! download.

use std::fmt::Write as _;

use crate::calc::{Computed, Figure};
use crate::chart::{Bar, BarChart, Waterfall};
use crate::display::DisplayFormat;
use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::Role;
use rust_decimal::Decimal;

use crate::file::html::push_escaped;

/// The chart's own words, per language.
pub(crate) struct ChartTexts {
    chart_per_row: &'static str,
    chart_waterfall: &'static str,
    chart_other: &'static str,
    pub(crate) chart_not_shown: &'static str,
    chart_row: &'static str,
}

pub(crate) fn texts(lang: Lang) -> ChartTexts {
    ChartTexts {
        chart_per_row: lang.pick(" per rad", " per row"),
        chart_waterfall: lang.pick("Brygga {start} – {end}", "Bridge {start} – {end}"),
        chart_other: lang.pick("Övriga rader ({n})", "Other rows ({n})"),
        chart_not_shown: lang.pick("{n} rader visas inte", "{n} rows not shown"),
        chart_row: lang.pick("Rad {n}", "Row {n}"),
    }
}

/// Most bars drawn; a longer chart keeps the rows with the largest
/// deviations and says how many it leaves out.
pub const MAX_BARS: usize = 40;

/// The width of the drawing, in `viewBox` units (pixels at full size).
pub(crate) const WIDTH: i64 = 720;
/// Row labels end here (right-aligned).
pub(crate) const LABEL_END: i64 = 192;
/// The plotting area, with room on both sides for the values at the bar ends.
pub(crate) const PLOT_LEFT: i64 = 280;
pub(crate) const PLOT_RIGHT: i64 = WIDTH - 80;
/// The height of one row, and of a bar within it.
const ROW: i64 = 24;
const BAR: i64 = 16;
/// The margin above the first row and below the last.
pub(crate) const MARGIN: i64 = 8;
/// The height of the note line under a chart.
pub(crate) const NOTE: i64 = 20;
/// Longest label drawn in full; longer ones are cut with "…" (the full
/// label is in the row's tooltip).
const LABEL_CHARS: usize = 30;

/// Maps amounts to x coordinates over the plotting area, for the range
/// `lo..=hi` (which contains zero). Works on halves so that no difference
/// of two decimals can overflow.
pub(crate) struct Scale {
    lo: Decimal,
    span: Decimal,
}

impl Scale {
    pub(crate) fn new(lo: Decimal, hi: Decimal) -> Scale {
        let lo = half(lo);
        Scale {
            lo,
            span: half(hi).sub_exact(lo).unwrap_or(Decimal::ZERO),
        }
    }

    /// The x coordinate of an amount.
    pub(crate) fn x(&self, value: Decimal) -> i64 {
        let width = PLOT_RIGHT - PLOT_LEFT;
        let offset = half(value)
            .sub_exact(self.lo)
            .and_then(|v| v.div_exact(self.span))
            .and_then(|ratio| ratio.mul_exact(Decimal::from(width)))
            .and_then(|px| i64::try_from(px.round()).ok())
            .unwrap_or(0);
        PLOT_LEFT + offset.clamp(0, width)
    }
}

pub(crate) fn half(value: Decimal) -> Decimal {
    value.div_exact(Decimal::TWO).unwrap_or(value)
}

/// An amount as the table shows it (display unit and decimals), or the
/// message why it cannot be shown.
pub(crate) fn amount(format: &DisplayFormat, value: Decimal, lang: Lang) -> String {
    format.computed(Computed::Value(value), lang)
}

/// The label shown for a row: its text cut to [`LABEL_CHARS`], or "Rad n".
pub(crate) fn short_label(label: &str, row: Option<usize>, lang: Lang) -> String {
    let label = label.trim();
    if label.is_empty() {
        return match row {
            Some(r) => texts(lang).chart_row.replace("{n}", &(r + 1).to_string()),
            None => String::new(),
        };
    }
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Opens the `<svg>` with its title (escaped, also the accessible name).
pub(crate) fn open_svg(out: &mut String, testid: &str, height: i64, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-testid=\"{testid}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\""
    );
    push_escaped(out, title);
    out.push_str("\"><title>");
    push_escaped(out, title);
    out.push_str("</title>");
}

/// A chart's title with the display unit: "Budgetavvikelse per rad, mnkr".
pub(crate) fn with_unit(mut title: String, format: &DisplayFormat) -> String {
    if let Some(u) = format.unit {
        title.push_str(", ");
        title.push_str(u.symbol());
    }
    title
}

/// One row of a chart: its tooltip, label, bar and value.
struct Drawn<'a> {
    /// `data-row`: the row index, or `start`, `end`, `other`.
    key: &'a str,
    /// `fav`, `unfav` or `total`.
    class: &'a str,
    label: &'a str,
    /// The bar's two ends, in any order.
    from: i64,
    to: i64,
    /// The value written at the bar's outer end.
    value: &'a str,
    /// Whether the value goes to the right of the bar (else to the left).
    value_right: bool,
}

fn draw_row(out: &mut String, k: i64, row: &Drawn) {
    let top = MARGIN + k * ROW;
    let text_y = top + ROW / 2 + 4;
    let (left, right) = (row.from.min(row.to), row.from.max(row.to));
    let width = (right - left).max(1);
    out.push_str("<g><title>");
    push_escaped(out, row.label);
    out.push_str(": ");
    push_escaped(out, row.value);
    let _ = write!(
        out,
        "</title><text class=\"label\" x=\"{LABEL_END}\" y=\"{text_y}\" text-anchor=\"end\">"
    );
    push_escaped(out, row.label);
    let _ = write!(
        out,
        "</text><rect class=\"{}\" data-row=\"{}\" x=\"{left}\" y=\"{}\" width=\"{width}\" height=\"{BAR}\"/>",
        row.class,
        row.key,
        top + (ROW - BAR) / 2
    );
    let (x, anchor) = if row.value_right {
        (left + width + 4, "start")
    } else {
        (left - 4, "end")
    };
    let _ = write!(
        out,
        "<text class=\"value\" x=\"{x}\" y=\"{text_y}\" text-anchor=\"{anchor}\">"
    );
    push_escaped(out, row.value);
    out.push_str("</text></g>");
}

/// The vertical zero line over `rows` rows.
fn zero_line(out: &mut String, x: i64, rows: i64) {
    let _ = write!(
        out,
        "<line class=\"zero\" x1=\"{x}\" y1=\"{MARGIN}\" x2=\"{x}\" y2=\"{}\"/>",
        MARGIN + rows * ROW
    );
}

/// The bars of [`MAX_BARS`] or fewer: the most extreme ones, in the chart's
/// order (most unfavourable first).
fn shown_bars(chart: &BarChart) -> Vec<&Bar> {
    let bars = &chart.bars;
    if bars.len() <= MAX_BARS {
        return bars.iter().collect();
    }
    let size = |i: usize| bars.get(i).map_or(Decimal::ZERO, |bar| bar.value.abs());
    let mut by_size = crate::order::stable_order(bars.len(), &|a, b| size(b).cmp(&size(a)));
    by_size.truncate(MAX_BARS);
    // Back in the chart's order (the same `usize` sort as the engine's).
    by_size.sort_unstable();
    by_size.iter().filter_map(|&i| bars.get(i)).collect()
}

/// The deviation per row as horizontal bars from a zero line: the row's
/// label at the left, the value at the bar's end, favourable bars
/// `class="fav"` and unfavourable ones `class="unfav"`, each `rect` with
/// the row's `data-row`. At most [`MAX_BARS`] bars (the largest
/// deviations); a note under the chart says how many rows are not shown.
/// The `svg` has `data-testid="chart-bars"`.
pub fn bars_svg(chart: &BarChart, format: &DisplayFormat, lang: Lang) -> String {
    let t = texts(lang);
    let bars = shown_bars(chart);
    let hidden = chart.bars.len() - bars.len();
    let n = i64::try_from(bars.len()).unwrap_or(0);
    let height = 2 * MARGIN + n * ROW + if hidden > 0 { NOTE } else { 0 };
    let title = with_unit(
        format!("{}{}", chart.figure.name(lang), t.chart_per_row),
        format,
    );
    let mut out = String::with_capacity(256 + bars.len() * 320);
    open_svg(&mut out, "chart-bars", height, &title);

    let lo = bars
        .first()
        .map_or(Decimal::ZERO, |b| b.value.min(Decimal::ZERO));
    let hi = bars
        .last()
        .map_or(Decimal::ZERO, |b| b.value.max(Decimal::ZERO));
    let scale = Scale::new(lo, hi);
    let zero = scale.x(Decimal::ZERO);
    for (k, bar) in (0i64..).zip(&bars) {
        let label = short_label(&bar.label, Some(bar.row), lang);
        let value = amount(format, bar.value, lang);
        let key = bar.row.to_string();
        let end = scale.x(bar.value);
        draw_row(
            &mut out,
            k,
            &Drawn {
                key: &key,
                class: if bar.favourable { "fav" } else { "unfav" },
                label: &label,
                from: zero,
                to: end,
                value: &value,
                value_right: !bar.value.is_sign_negative() || bar.value.is_zero(),
            },
        );
    }
    zero_line(&mut out, zero, n);
    if hidden > 0 {
        let _ = write!(
            out,
            "<text class=\"chart-note\" x=\"0\" y=\"{}\">",
            height - MARGIN
        );
        push_escaped(
            &mut out,
            &t.chart_not_shown.replace("{n}", &hidden.to_string()),
        );
        out.push_str("</text>");
    }
    out.push_str("</svg>");
    out
}

/// A waterfall as horizontal floating bars, one row each: the start total
/// from zero (`class="total"`, `data-row="start"`), each step from where
/// the previous one ended (`fav`/`unfav`, `data-row` the row index or
/// `other`), and the end total from zero (`total`, `data-row="end"`), with
/// a connector line from each bar's end to the next bar. The `svg` has
/// `data-testid="chart-waterfall"`.
pub fn waterfall_svg(w: &Waterfall, format: &DisplayFormat, lang: Lang) -> String {
    let t = texts(lang);
    let start_name = w.start_role.name(lang);
    let end_name = if w.figure == Figure::ForecastVariance {
        Figure::Forecast.name(lang)
    } else {
        Role::Outcome.name(lang)
    };
    let title = with_unit(
        t.chart_waterfall
            .replace("{start}", start_name)
            .replace("{end}", end_name),
        format,
    );
    let steps = i64::try_from(w.steps.len()).unwrap_or(0);
    let rows = steps + 2;
    let height = 2 * MARGIN + rows * ROW;
    let mut out = String::with_capacity(256 + w.steps.len() * 360);
    open_svg(&mut out, "chart-waterfall", height, &title);

    // The range covers zero and every point the bars pass through.
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ZERO);
    let mut ends = Vec::with_capacity(w.steps.len());
    let mut position = w.start;
    for p in std::iter::once(w.start).chain(std::iter::once(w.end)) {
        lo = lo.min(p);
        hi = hi.max(p);
    }
    for s in &w.steps {
        position = position.add_exact(s.delta).unwrap_or(position);
        lo = lo.min(position);
        hi = hi.max(position);
        ends.push(position);
    }
    let scale = Scale::new(lo, hi);
    let zero = scale.x(Decimal::ZERO);

    let total_row = |out: &mut String, k: i64, key: &str, name: &str, value: Decimal| {
        let text = amount(format, value, lang);
        draw_row(
            out,
            k,
            &Drawn {
                key,
                class: "total",
                label: name,
                from: zero,
                to: scale.x(value),
                value: &text,
                value_right: !value.is_sign_negative() || value.is_zero(),
            },
        );
    };
    total_row(&mut out, 0, "start", start_name, w.start);
    let mut previous = scale.x(w.start);
    for (k, (step, &end)) in (1i64..).zip(w.steps.iter().zip(&ends)) {
        connector(&mut out, previous, k);
        let label = match step.row {
            Some(_) => short_label(&step.label, step.row, lang),
            None => t.chart_other.replace("{n}", &w.other_rows.to_string()),
        };
        let key = step
            .row
            .map_or_else(|| "other".to_string(), |r| r.to_string());
        let mut value = amount(format, step.delta, lang);
        let up = !step.delta.is_sign_negative() || step.delta.is_zero();
        if up && !step.delta.is_zero() {
            value.insert(0, '+');
        }
        let to = scale.x(end);
        draw_row(
            &mut out,
            k,
            &Drawn {
                key: &key,
                class: if step.favourable { "fav" } else { "unfav" },
                label: &label,
                from: previous,
                to,
                value: &value,
                value_right: up,
            },
        );
        previous = to;
    }
    connector(&mut out, previous, rows - 1);
    total_row(&mut out, rows - 1, "end", end_name, w.end);
    zero_line(&mut out, zero, rows);
    out.push_str("</svg>");
    out
}

/// The dashed line from the end of the bar in row `k − 1` to row `k`.
fn connector(out: &mut String, x: i64, k: i64) {
    let bottom = MARGIN + (k - 1) * ROW + (ROW + BAR) / 2;
    let _ = write!(
        out,
        "<line class=\"connector\" x1=\"{x}\" y1=\"{bottom}\" x2=\"{x}\" y2=\"{}\"/>",
        bottom + ROW - BAR
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute;
    use crate::chart::{deviation_bars, waterfall};
    use crate::model::Table;
    use crate::read::{read_paste, ReadChoices};

    /// Seed 000's operating result (5.1.1).
    fn seed_000() -> Table {
        read_paste(
            "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
             Regionkontoret\t-297,2\t-305,0\t7,8\n\
             Förtroendevalda\t-38,1\t-40,0\t1,9\n\
             Oförutsett Regionstyrelsen\t-2,1\t-4,4\t2,3\n\
             Utvecklingsmedel\t-82,9\t-136,6\t53,7\n\
             Totalt\t-420,3\t-486,0\t65,7\n",
            None,
            &ReadChoices::default(),
        )
    }

    /// The value of attribute `name` in the first tag that contains `marker`.
    fn attr(svg: &str, marker: &str, name: &str) -> i64 {
        let at = svg
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} in {svg}"));
        let tag_start = svg[..at].rfind('<').expect("tag start");
        let tag = &svg[tag_start..at + svg[at..].find('>').expect("tag end")];
        let key = format!(" {name}=\"");
        let from = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
        let len = tag[from..].find('"').expect("closing quote");
        tag[from..from + len].parse().expect("integer")
    }

    #[test]
    fn charts_bars_for_seed_000_are_one_rect_per_row_escaped_in_swedish() {
        let table = seed_000();
        let results = compute(&table);
        let mut chart = deviation_bars(&table, &results);
        // A hostile label (the reader already drops tags, the chart must
        // escape whatever it gets).
        chart.bars[0].label = "Förtroendevalda <b>&</b> \"'".into();
        let format = DisplayFormat::of(&table);
        let svg = bars_svg(&chart, &format, Lang::Sv);
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("data-testid=\"chart-bars\""));
        assert!(svg.contains("role=\"img\" aria-label=\"Budgetavvikelse per rad, mnkr\""));
        assert!(svg.contains("<title>Budgetavvikelse per rad, mnkr</title>"));
        assert_eq!(svg.matches("<rect ").count(), 4, "{svg}");
        for row in 0..4 {
            assert!(
                svg.contains(&format!("<rect class=\"fav\" data-row=\"{row}\"")),
                "{row}: {svg}"
            );
        }
        assert!(!svg.contains("data-row=\"4\""), "the total has no bar");
        assert!(!svg.contains("unfav"));
        assert!(
            svg.contains(">Förtroendevalda &lt;b&gt;&amp;&lt;/b&gt; &quot;&#39;</text>"),
            "{svg}"
        );
        assert!(!svg.contains("<b>"));
        assert!(
            svg.contains(">7,8</text>") && svg.contains(">53,7</text>"),
            "{svg}"
        );
        assert!(!svg.contains("style="));
        // Sorted: the smallest deviation (1,9) first, the largest last; all
        // grow to the right from the zero line at the left edge.
        assert!(svg.find("data-row=\"1\"") < svg.find("data-row=\"3\""));
        assert_eq!(attr(&svg, "data-row=\"3\"", "x"), PLOT_LEFT);
        assert_eq!(
            attr(&svg, "data-row=\"3\"", "width"),
            PLOT_RIGHT - PLOT_LEFT
        );
        assert_eq!(attr(&svg, "class=\"zero\"", "x1"), PLOT_LEFT);
        // English titles.
        let en = bars_svg(&chart, &format, Lang::En);
        assert!(en.contains("<title>Budget deviation per row, mnkr</title>"));
    }

    #[test]
    fn charts_bars_mix_signs_about_the_zero_line_and_cap_the_count() {
        let mut text = String::from("Enhet\tUtfall\tBudget\n");
        for i in 0..45 {
            // Deviations -22 … 22: row i has outcome − budget = i − 22.
            let _ = writeln!(text, "E{i}\t{}\t-100", i - 122);
        }
        let table = read_paste(&text, None, &ReadChoices::default());
        let results = compute(&table);
        let chart = deviation_bars(&table, &results);
        assert_eq!(chart.bars.len(), 45);
        let svg = bars_svg(&chart, &DisplayFormat::of(&table), Lang::Sv);
        assert_eq!(svg.matches("<rect ").count(), MAX_BARS);
        assert!(svg.contains(">5 rader visas inte</text>"), "{svg}");
        // The five smallest deviations (-2 … 2, rows 20 … 24) are left out.
        for row in 20..25 {
            assert!(!svg.contains(&format!("data-row=\"{row}\"")), "{row}");
        }
        let zero = attr(&svg, "class=\"zero\"", "x1");
        assert_eq!(zero, (PLOT_LEFT + PLOT_RIGHT) / 2);
        // Unfavourable bars end at the zero line, favourable ones start there.
        assert!(svg.contains("<rect class=\"unfav\" data-row=\"0\""));
        assert_eq!(attr(&svg, "data-row=\"0\"", "x"), PLOT_LEFT);
        assert_eq!(attr(&svg, "data-row=\"0\"", "width"), zero - PLOT_LEFT);
        assert_eq!(attr(&svg, "data-row=\"44\"", "x"), zero);
        assert!(svg.contains(">-22</text>") && svg.contains(">22</text>"));
    }

    #[test]
    fn charts_waterfall_for_seed_000_ends_at_the_outcome_total() {
        let table = seed_000();
        let results = compute(&table);
        let w = waterfall(&table, &results, 2).expect("waterfall");
        let format = DisplayFormat::of(&table);
        let svg = waterfall_svg(&w, &format, Lang::Sv);
        assert!(svg.contains("data-testid=\"chart-waterfall\""));
        assert!(
            svg.contains("<title>Brygga Budget – Utfall, mnkr</title>"),
            "{svg}"
        );
        assert_eq!(svg.matches("<rect ").count(), 5, "{svg}");
        assert!(svg.contains("<rect class=\"total\" data-row=\"start\""));
        assert!(svg.contains("<rect class=\"total\" data-row=\"end\""));
        assert!(svg.contains("<rect class=\"fav\" data-row=\"3\""));
        assert!(svg.contains("<rect class=\"fav\" data-row=\"0\""));
        assert!(svg.contains("<rect class=\"fav\" data-row=\"other\""));
        assert!(svg.contains(">Övriga rader (2)</text>"), "{svg}");
        assert!(svg.contains(">+53,7</text>") && svg.contains(">+4,2</text>"));
        assert!(svg.contains(">-486,0</text>") && svg.contains(">-420,3</text>"));
        assert_eq!(svg.matches("class=\"connector\"").count(), 4);
        // The range is -486,0 … 0: the budget bar spans the whole plot.
        assert_eq!(attr(&svg, "data-row=\"start\"", "x"), PLOT_LEFT);
        assert_eq!(
            attr(&svg, "data-row=\"start\"", "width"),
            PLOT_RIGHT - PLOT_LEFT
        );
        // The last step ends where the outcome bar ends, and the last
        // connector joins them there.
        let end_x = attr(&svg, "data-row=\"end\"", "x");
        let other_right =
            attr(&svg, "data-row=\"other\"", "x") + attr(&svg, "data-row=\"other\"", "width");
        assert_eq!(other_right, end_x);
        let last_connector = svg.rfind("<line class=\"connector\"").expect("connector");
        assert_eq!(
            attr(&svg[last_connector..], "class=\"connector\"", "x1"),
            end_x
        );
        // -420,3 of -486,0 from the right edge: 360 × 420,3 / 486 ≈ 311.
        assert_eq!(PLOT_RIGHT - end_x, 311);
        // The first step starts where the budget bar ends.
        assert_eq!(attr(&svg, "data-row=\"3\"", "x"), PLOT_LEFT);
        assert!(!svg.contains("style="));
    }

    #[test]
    fn charts_waterfall_names_the_forecast_and_colours_unfavourable_steps() {
        let table = read_paste(
            "Enhet\tÅrsbudget\tÅrsprognos\nA\t-100\t-95\nB\t-50\t-58\n",
            None,
            &ReadChoices::default(),
        );
        let results = compute(&table);
        let w = waterfall(&table, &results, 5).expect("waterfall");
        let svg = waterfall_svg(&w, &DisplayFormat::of(&table), Lang::En);
        assert!(
            svg.contains("<title>Bridge Annual budget – Forecast</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("<rect class=\"unfav\" data-row=\"1\""),
            "{svg}"
        );
        assert!(svg.contains("<rect class=\"fav\" data-row=\"0\""), "{svg}");
        assert!(
            svg.contains(">-8</text>") && svg.contains(">+5</text>"),
            "{svg}"
        );
    }
}
