//! A sheet's settings panel as HTML (its name, unit, display unit,
//! decimals, months, sign convention, forecast method, status thresholds,
//! how the sign convention was decided, and undo, redo and reset). The
//! sheet view's delegated listeners turn its controls (`data-act`) into
//! core commands (issue 13 moves it to a component when the first load has
//! room: measured +11.6 KiB gzip).

use std::fmt::Write as _;

use kalkyl_core::lang::Lang;
use kalkyl_core::model::SignConvention;
use kalkyl_core::number::Unit;
use kalkyl_core::workspace::Sheet;

use crate::forms::{method_key, method_options};
use crate::grid::push_escaped;
use crate::i18n::texts;
use crate::state::SheetCalc;

/// Writes a `<select>` whose change the sheet's delegated listener turns
/// into a command by its `data-act`.
fn push_select(
    out: &mut String,
    act: &str,
    extra: &str,
    label: &str,
    options: &[(&str, &str)],
    selected: &str,
) {
    let _ = write!(
        out,
        "<select data-act=\"{act}\" data-testid=\"{act}\"{extra} aria-label=\""
    );
    push_escaped(out, label);
    out.push_str("\">");
    for (key, text) in options {
        let _ = write!(out, "<option value=\"{key}\"");
        if *key == selected {
            out.push_str(" selected");
        }
        out.push('>');
        push_escaped(out, text);
        out.push_str("</option>");
    }
    out.push_str("</select>");
}

/// The sheet's name, its settings in one place, how the sign convention
/// was decided, and undo, redo and reset, as HTML with `data-act` controls.
pub(crate) fn settings_html(sheet: &Sheet, calc: &SheetCalc, lang: Lang) -> String {
    let t = texts(lang);
    let table = &sheet.table;
    let settings = &table.settings;
    let mut out = String::with_capacity(4096);
    out.push_str("<h2 class=\"sheet-name\">");
    push_escaped(&mut out, &sheet.name);
    out.push_str("</h2><div class=\"sheet-settings\"><label>");
    push_escaped(&mut out, t.unit_label);
    out.push(' ');
    let auto = format!(
        "{} ({})",
        t.unit_auto,
        table.unit.map_or(t.unit_none, |u| u.symbol())
    );
    let mut units: Vec<(&str, &str)> = vec![("auto", &auto), ("none", t.unit_none)];
    units.extend(Unit::ALL.iter().map(|u| (u.symbol(), u.symbol())));
    let unit_choice = match sheet.choices.unit {
        None => "auto",
        Some(None) => "none",
        Some(Some(u)) => u.symbol(),
    };
    push_select(&mut out, "unit", "", t.unit_label, &units, unit_choice);
    out.push_str("</label><label>");
    push_escaped(&mut out, t.display_unit_label);
    out.push(' ');
    let shown = [
        ("auto", t.unit_auto),
        ("kr", "kr"),
        ("tkr", "tkr"),
        ("mnkr", "mnkr"),
    ];
    push_select(
        &mut out,
        "display-unit",
        "",
        t.display_unit_label,
        &shown,
        settings.display_unit.map_or("auto", |u| u.symbol()),
    );
    out.push_str("</label><label>");
    push_escaped(&mut out, t.months_label);
    let _ = write!(
        out,
        " <input type=\"number\" min=\"1\" max=\"12\" data-act=\"months\" data-testid=\"months\" placeholder=\"{}\" value=\"{}\"></label><label>",
        t.months_unknown,
        table.months.map(|m| m.to_string()).unwrap_or_default()
    );
    push_escaped(&mut out, t.convention_label);
    out.push(' ');
    let conventions = [
        ("auto", t.convention_auto),
        ("outcome_minus_budget", t.convention_outcome_minus_budget),
        ("budget_minus_outcome", t.convention_budget_minus_outcome),
        ("outcome_plus_budget", t.convention_outcome_plus_budget),
    ];
    push_select(
        &mut out,
        "convention",
        "",
        t.convention_label,
        &conventions,
        convention_key(settings.sign_convention),
    );
    out.push_str("</label><label>");
    push_escaped(&mut out, t.forecast_label);
    out.push(' ');
    let methods = method_options(t);
    push_select(
        &mut out,
        "forecast-method",
        "",
        t.forecast_label,
        &methods,
        method_key(settings.forecast_method),
    );
    out.push_str("</label><label>");
    push_escaped(&mut out, t.decimals_label);
    out.push(' ');
    let decimals = settings.display_decimals.map(|d| d.to_string());
    push_select(
        &mut out,
        "decimals",
        "",
        t.decimals_label,
        &[
            ("auto", t.unit_auto),
            ("0", "0"),
            ("1", "1"),
            ("2", "2"),
            ("3", "3"),
        ],
        decimals.as_deref().unwrap_or("auto"),
    );
    out.push_str("</label><span class=\"thresholds\">");
    push_escaped(&mut out, t.thresholds_label);
    let plain = kalkyl_core::number::NumberStyle::swedish_plain();
    for (act, mark, value) in [
        ("met", "●", settings.status.met_within),
        ("acceptable", "◆", settings.status.acceptable_within),
    ] {
        let _ = write!(
            out,
            " <label>{mark} <input data-act=\"{act}\" data-testid=\"threshold-{act}\" inputmode=\"decimal\" size=\"4\" value=\"{}\"> %</label>",
            kalkyl_core::number::format_decimal(value, &plain)
        );
    }
    out.push_str("</span>");
    if sheet.source.html.is_some() {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" data-act=\"prefer-plain\" data-testid=\"prefer-plain\"{}> ",
            if sheet.choices.prefer_plain { " checked" } else { "" }
        );
        push_escaped(&mut out, t.read_as_plain);
        out.push_str("</label>");
    }
    out.push_str("</div><p class=\"convention-note\" data-testid=\"convention-note\">");
    push_escaped(&mut out, &calc.calc.results().detected.describe(lang));
    out.push_str("</p><div class=\"sheet-actions\">");
    let edited = table.rows.iter().any(|r| !r.originals.is_empty());
    for (act, class, label, enabled) in [
        ("undo", "", t.undo, sheet.history.can_undo()),
        ("redo", "", t.redo, sheet.history.can_redo()),
        ("reset-table", " class=\"secondary\"", t.reset_table, edited),
    ] {
        let _ = write!(
            out,
            "<button type=\"button\" data-act=\"{act}\" data-testid=\"{act}\"{class}{}>",
            if enabled { "" } else { " disabled" }
        );
        push_escaped(&mut out, label);
        out.push_str("</button>");
    }
    out.push_str("<span class=\"edit-hint\">");
    push_escaped(&mut out, t.edit_hint);
    out.push_str("</span></div>");
    out
}

/// The key of a sign convention choice in the settings' select.
fn convention_key(c: Option<SignConvention>) -> &'static str {
    match c {
        None => "auto",
        Some(SignConvention::OutcomeMinusBudget) => "outcome_minus_budget",
        Some(SignConvention::BudgetMinusOutcome) => "budget_minus_outcome",
        Some(SignConvention::OutcomePlusBudget) => "outcome_plus_budget",
    }
}
