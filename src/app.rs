//! The application: header, language switch, the paste box, the tables of
//! the workspace with their settings, grid, checks and what-if tools.
//!
//! Components render `kalkyl-core` state and turn user actions into core
//! commands; they compute nothing themselves. [`Ctx`] is the one way a
//! sheet changes, so every change is undoable and the results follow it.

use std::fmt::Write as _;

use gloo_timers::callback::Timeout;
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::edit::{compare_with_pasted, Adjustment, Command};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Role, SignConvention, StatusThresholds};
use kalkyl_core::number::{read_number, DecimalMark, Reading, Unit};
use kalkyl_core::read::{needs_line_layout, ReadChoices};
use kalkyl_core::workspace::{Sheet, Workspace};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::autosave;
use crate::browser;
use crate::dom;
use crate::files::FileBar;
use crate::findings::Findings;
use crate::forms::{alert_html, focus_grid, method_key, method_of_key, method_options};
use crate::grid::{grid, push_escaped, Selection};
use crate::i18n::texts;
use crate::on_demand::Drawn;
use crate::paste_box::PasteBox;
use crate::shell::{EmptyState, Footer, Header, Removed, SheetTabs};
use crate::state::{Ctx, SheetCalc};

/// The sample table offered to a first-time user: seed 000's income
/// statement (net costs, outcome against budget); a test keeps it equal to
/// the fixture's paste.
fn sample_paste() -> &'static str {
    "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
     Regionkontoret\t-297,2\t-305,0\t7,8\n\
     Förtroendevalda\t-38,1\t-40,0\t1,9\n\
     Oförutsett Regionstyrelsen\t-2,1\t-4,4\t2,3\n\
     Utvecklingsmedel\t-82,9\t-136,6\t53,7\n\
     Totalt\t-420,3\t-486,0\t65,7\n"
}

/// Builds the app into `body`: the header with the language switch, the
/// workspace (empty state, paste box, tabs, the active table) and the footer.
pub fn mount(body: &Element) {
    let (lang, set_lang) = signal(browser::stored_lang().unwrap_or_default());
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_lang(lang);
        browser::store_lang(lang);
    });
    let offline = browser::offline_status();
    let ctx = Ctx::new();
    let workspace = ctx.workspace;
    let active = RwSignal::new(None::<u64>);
    // How long the last paste took to read and compute, for the benchmark.
    let (read_ms, set_read_ms) = signal(None::<f64>);
    // A paste waiting for the on-demand module (text without delimiters).
    let waiting = RwSignal::new(false);
    let read_now = move |plain: String, html: Option<String>| {
        let mut id = None;
        let start = browser::now_ms();
        workspace.update(|w| id = Some(w.add_paste(&plain, html.as_deref())));
        if let Some(id) = id {
            // Computed now, so the figure includes the results.
            ctx.with_sheet_untracked(id, |_, _| ());
        }
        set_read_ms.set(Some(browser::now_ms() - start));
        active.set(id);
    };
    // Text without delimiters is laid out by the on-demand module: the
    // paste waits for it the first time (if it cannot be loaded, each line
    // is kept whole and a diagnostic says so).
    let add_paste = move |plain: String, html: Option<String>| {
        let loaded = ctx.module.ready().is_some();
        if loaded || !needs_line_layout(&plain, html.as_deref(), &ReadChoices::default()) {
            read_now(plain, html);
            return;
        }
        waiting.set(true);
        ctx.module.then(move |_| {
            waiting.set(false);
            read_now(plain, html);
        });
    };
    browser::on_paste_outside_inputs(add_paste);
    browser::on_undo_keys(
        move || {
            if let Some(id) = active.get_untracked() {
                ctx.mutate(id, Sheet::undo);
            }
        },
        move || {
            if let Some(id) = active.get_untracked() {
                ctx.mutate(id, Sheet::redo);
            }
        },
    );
    dom::mount_view(body, view! { <Header lang set_lang /> });
    let main = dom::element(
        body,
        "main",
        &[("class", "workspace"), ("data-testid", "workspace")],
    );
    dom::bind_attr(&main, "data-read-ms", move || {
        read_ms.get().map(|ms| (ms.round() as i64).to_string())
    });
    let removed = Removed::new();
    // A stored workspace replaces the one shown (the empty one on start,
    // or another tab's save); the table in view stays in view if it is
    // there. A table deleted before can no longer be brought back into it
    // (its id may be taken).
    let replace = move |ws: Workspace| {
        let shown = active
            .get_untracked()
            .filter(|id| ws.sheets.iter().any(|s| s.id == *id));
        let first = ws.sheets.first().map(|s| s.id);
        removed.clear();
        ctx.replace(ws);
        active.set(shown.or(first));
    };
    let saving = autosave::start(&main, ctx, lang, replace);
    let new_table = move || {
        let name = texts(lang.get_untracked()).new_table_name;
        let mut id = None;
        workspace.update(|w| id = Some(w.add_blank(name)));
        active.set(id);
    };
    dom::mount_view(
        &main,
        view! {
            <EmptyState
                ctx
                lang
                on_sample=move || add_paste(sample_paste().to_string(), None)
                on_new=new_table
            />
        },
    );
    dom::mount_view(&main, view! { <PasteBox ctx lang on_read=add_paste /> });
    dom::mount_view(
        &main,
        view! {
            <p class="hint" role="status" data-testid="read-status" hidden=move || !waiting.get()>
                {move || texts(lang.get()).lines_loading}
            </p>
        },
    );
    dom::mount_view(
        &main,
        view! { <FileBar ctx active lang add_paste save_state=saving /> },
    );
    dom::mount_view(
        &main,
        view! { <SheetTabs ctx active lang removed on_new=new_table /> },
    );
    let sheet = dom::element(&main, "div", &[]);
    dom::swap(
        &sheet,
        move || active.get(),
        move |slot, id| {
            if let Some(id) = id {
                sheet_view(slot, ctx, id, lang);
            }
        },
    );
    // The year in one view: a module of its own, loaded on demand.
    crate::year::mount(&main, ctx, lang);
    dom::mount_view(body, view! { <Footer lang offline /> });
    warm_up_soon(ctx);
}

/// Reads and computes a small generated table once, soon after start, and
/// drops it. The browser first runs WebAssembly as baseline code and
/// optimises a function only after it has run for a while, and a function
/// already running keeps its baseline code: without this, the user's first
/// paste would run the reader's loops unoptimised from start to end (about
/// four times slower for 10 000 rows). Skipped once a table is open: a
/// paste or a restored workspace has warmed the reader already.
fn warm_up_soon(ctx: Ctx) {
    /// Late enough for the first screen to be drawn first.
    const WARM_UP_AFTER_MS: u32 = 300;
    Timeout::new(WARM_UP_AFTER_MS, move || {
        if ctx.workspace.with_untracked(|w| !w.sheets.is_empty()) {
            return;
        }
        let mut text = String::from("Enhet\tUtfall\tBudget\tÅrsbudget\n");
        for i in 0..2_000u32 {
            let _ = writeln!(
                text,
                "Enhet {i}\t-{}\u{a0}{:03},{}\t-{}\u{a0}{:03},0\t-{}\u{a0}{:03},0",
                i % 9 + 1,
                i * 7 % 1000,
                i % 10,
                i % 7 + 1,
                i * 3 % 1000,
                i % 5 + 2,
                i * 11 % 1000,
            );
        }
        let sheet = Sheet::from_paste(0, &text, None);
        drop(SheetCalc::new(&sheet.table));
    })
    .forget();
}

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
fn settings_html(sheet: &Sheet, calc: &SheetCalc, lang: Lang) -> String {
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

fn convention_key(c: Option<SignConvention>) -> &'static str {
    match c {
        None => "auto",
        Some(SignConvention::OutcomeMinusBudget) => "outcome_minus_budget",
        Some(SignConvention::BudgetMinusOutcome) => "budget_minus_outcome",
        Some(SignConvention::OutcomePlusBudget) => "outcome_plus_budget",
    }
}

/// The element an event came from, and the nearest one with a `data-act`.
fn acted(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-act]")
        .ok()?
}

fn attr_usize(el: &web_sys::Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// One table: its settings in one place, its grid, the checks and what
/// Kalkyl was unsure of, and the what-if tools. The settings, headings and
/// lists are HTML strings; one listener per event type turns their
/// controls (`data-act`) into core commands.
fn sheet_view(parent: &Element, ctx: Ctx, id: u64, lang: ReadSignal<Lang>) {
    let selection = RwSignal::new(Selection::default());
    // Why the last command was refused, until the next one.
    let notice = RwSignal::new(None::<String>);
    let command = move |c: Command| {
        let refused = ctx.mutate(id, |s| s.apply(&c)).and_then(Result::err);
        notice.set(refused.map(|e| e.message(lang.get_untracked())));
    };
    let on_change = move |ev: web_sys::Event| {
        let Some(el) = acted(&ev) else { return };
        let act = el.get_attribute("data-act").unwrap_or_default();
        let value = dom::target_value(&ev);
        let column = attr_usize(&el, "data-col");
        match act.as_str() {
            "unit" => {
                let choice = match value.as_str() {
                    "auto" => None,
                    "none" => Some(None),
                    other => Unit::from_word(other).map(Some),
                };
                ctx.reread(id, move |c| c.unit = choice);
            }
            "display-unit" => command(Command::SetDisplayUnit(Unit::from_word(&value))),
            "months" => {
                let months = value
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m));
                command(Command::SetMonths(months));
            }
            "convention" => command(Command::SetConvention(match value.as_str() {
                "outcome_minus_budget" => Some(SignConvention::OutcomeMinusBudget),
                "budget_minus_outcome" => Some(SignConvention::BudgetMinusOutcome),
                "outcome_plus_budget" => Some(SignConvention::OutcomePlusBudget),
                _ => None,
            })),
            "forecast-method" => command(Command::SetForecastMethod(method_of_key(&value))),
            "decimals" => command(Command::SetDisplayDecimals(value.parse().ok())),
            "met" | "acceptable" => {
                let lang = lang.get_untracked();
                let typed = match read_number(&value, DecimalMark::Comma) {
                    Ok(Reading::Number(n)) => n.value,
                    Ok(_) => {
                        notice.set(Some(texts(lang).adjust_empty.to_string()));
                        return;
                    }
                    Err(e) => {
                        notice.set(Some(e.message(lang)));
                        return;
                    }
                };
                let current = ctx
                    .with_sheet_untracked(id, |s, _| s.table.settings.status)
                    .unwrap_or_default();
                let thresholds = if act == "met" {
                    StatusThresholds {
                        met_within: typed,
                        ..current
                    }
                } else {
                    StatusThresholds {
                        acceptable_within: typed,
                        ..current
                    }
                };
                command(Command::SetThresholds(thresholds));
            }
            "prefer-plain" => {
                let checked = dom::target_checked(&ev);
                ctx.reread(id, move |c| c.prefer_plain = checked);
            }
            "role" => {
                if let (Some(j), Some(role)) = (column, Role::from_key(&value)) {
                    ctx.reread(id, move |c| {
                        c.roles.insert(j, role);
                    });
                }
            }
            "mark" => {
                if let Some(j) = column {
                    let mark = match value.as_str() {
                        "point" => Some(DecimalMark::Point),
                        "comma" => Some(DecimalMark::Comma),
                        _ => None,
                    };
                    ctx.reread(id, move |c| match mark {
                        Some(m) => {
                            c.decimal_marks.insert(j, m);
                        }
                        None => {
                            c.decimal_marks.remove(&j);
                        }
                    });
                }
            }
            _ => {}
        }
    };
    let on_click = move |ev: web_sys::Event| {
        let Some(el) = acted(&ev) else { return };
        if el.tag_name() != "BUTTON" {
            return;
        }
        match el.get_attribute("data-act").unwrap_or_default().as_str() {
            "undo" => {
                ctx.mutate(id, Sheet::undo);
                focus_grid();
            }
            "redo" => {
                ctx.mutate(id, Sheet::redo);
                focus_grid();
            }
            "reset-table" => command(Command::ResetTable),
            _ => {}
        }
    };
    let settings = move || {
        let lang = lang.get();
        ctx.with_sheet(id, |s, calc| settings_html(s, calc, lang))
            .unwrap_or_default()
    };
    let section = dom::element(
        parent,
        "section",
        &[
            ("class", "sheet"),
            ("data-testid", "sheet"),
            ("data-sheet-id", &id.to_string()),
        ],
    );
    dom::on(&section, "change", on_change);
    dom::on(&section, "click", on_click);
    let head = dom::element(&section, "div", &[("class", "sheet-head")]);
    dom::bind_html(&head, settings);
    let notice_slot = dom::element(&section, "div", &[]);
    dom::bind_html(&notice_slot, move || {
        notice.with(|m| alert_html("sheet-error", m.as_deref()))
    });
    grid(&section, ctx, id, lang, selection);
    what_if(&section, ctx, id, lang, selection);
    charts(&section, ctx, id, lang);
    dom::mount_view(&section, view! { <Findings ctx id lang selection /> });
}

/// Tables up to this many rows show their charts at once; larger ones on
/// request, so that an edit in a very large table does not wait for two
/// charts (sorting every row) nobody looks at.
const CHARTS_OPEN_UP_TO: usize = 2_000;

/// How long after an edit the charts follow it, in milliseconds.
const CHARTS_AFTER_MS: u32 = 150;

/// The table's two charts, drawn by the core as SVG: the deviation per row
/// and the bridge from the budget total to the outcome or forecast total.
/// They follow every edit.
fn charts(parent: &Element, ctx: Ctx, id: u64, lang: ReadSignal<Lang>) {
    let rows = ctx
        .with_sheet_untracked(id, |s, _| s.table.rows.len())
        .unwrap_or(0);
    let open = RwSignal::new(rows <= CHARTS_OPEN_UP_TO);
    // The charts follow edits a moment later: drawing them is a pass over
    // the table in the on-demand module, which a keystroke must not wait
    // for. Edits typed together are drawn once.
    let settled = RwSignal::new(0u32);
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |first: Option<()>| {
        ctx.workspace.track();
        if first.is_none() || timer.with_value(Option::is_some) {
            return;
        }
        timer.set_value(Some(Timeout::new(CHARTS_AFTER_MS, move || {
            timer.set_value(None);
            settled.update(|n| *n = n.wrapping_add(1));
        })));
    });
    let section = dom::element(
        parent,
        "section",
        &[("class", "charts"), ("data-testid", "charts")],
    );
    dom::bind_html(&section, move || {
        let lang = lang.get();
        let t = texts(lang);
        let open = open.get();
        let mut out = String::from("<h3>");
        push_escaped(&mut out, t.charts_title);
        let _ = write!(
            out,
            " <button type=\"button\" class=\"secondary\" data-testid=\"charts-toggle\" aria-expanded=\"{open}\">"
        );
        push_escaped(&mut out, if open { t.charts_hide } else { t.charts_show });
        out.push_str("</button></h3>");
        if !open {
            return out;
        }
        settled.track();
        match ctx
            .workspace
            .with_untracked(|w| ctx.module.charts(w, id, lang))
        {
            Drawn::Html(html) if !html.is_empty() => out.push_str(&html),
            Drawn::Html(_) => {
                out.push_str("<p class=\"no-charts\" data-testid=\"no-charts\">");
                push_escaped(&mut out, t.charts_none);
                out.push_str("</p>");
            }
            Drawn::Loading => {
                out.push_str("<p class=\"hint\" role=\"status\" data-testid=\"charts-loading\">");
                push_escaped(&mut out, t.charts_loading);
                out.push_str("</p>");
            }
            Drawn::Failed => {
                out.push_str("<p class=\"hint\" role=\"status\" data-testid=\"charts-failed\">");
                push_escaped(&mut out, t.charts_failed);
                out.push_str(
                    " <button type=\"button\" class=\"secondary\" data-testid=\"charts-retry\">",
                );
                push_escaped(&mut out, t.charts_retry);
                out.push_str("</button></p>");
            }
        }
        out
    });
    dom::on(&section, "click", move |ev| {
        let on_toggle = dom::target_element(&ev)
            .is_some_and(|el| el.get_attribute("data-testid").as_deref() == Some("charts-toggle"));
        if on_toggle {
            open.update(|o| *o = !*o);
        }
        let on_retry = dom::target_element(&ev)
            .is_some_and(|el| el.get_attribute("data-testid").as_deref() == Some("charts-retry"));
        if on_retry {
            ctx.module.load();
        }
    });
}

/// Reads an adjustment as typed: `+3 %` or `3%` is a percentage, `-500`
/// or `1 000 tkr` an amount (converted to the table's unit).
fn parse_adjustment(text: &str, unit: Option<Unit>, lang: Lang) -> Result<Adjustment, String> {
    let t = texts(lang);
    match read_number(text, DecimalMark::Comma) {
        Ok(Reading::Number(n)) if n.percent => Ok(Adjustment::Percent(n.value)),
        Ok(Reading::Number(n)) => match (n.unit, unit) {
            (Some(from), Some(to)) if from != to => kalkyl_core::number::convert(n.value, from, to)
                .map(Adjustment::Amount)
                .map_err(|e| e.message(lang).to_string()),
            _ => Ok(Adjustment::Amount(n.value)),
        },
        Ok(_) => Err(t.adjust_empty.to_string()),
        Err(e) => Err(e.message(lang)),
    }
}

/// What the what-if panel shows besides the table.
struct WhatIfState<'a> {
    column: Option<usize>,
    amount: &'a str,
    message: Option<&'a str>,
    rows: usize,
    compare: bool,
}

/// The what-if panel as HTML: the adjustment form, and on request the totals
/// as pasted beside the totals now, with the difference.
fn what_if_html(sheet: &Sheet, state: &WhatIfState, lang: Lang) -> String {
    let t = texts(lang);
    let table = &sheet.table;
    let mut out = String::with_capacity(2048);
    out.push_str("<h3>");
    push_escaped(&mut out, t.what_if_title);
    out.push_str("</h3><div class=\"adjust\"><label>");
    push_escaped(&mut out, t.adjust_column);
    out.push_str(" <select data-act=\"adjust-column\" data-testid=\"adjust-column\">");
    let amounts = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role.is_amount());
    let chosen = state
        .column
        .filter(|j| table.columns.get(*j).is_some_and(|c| c.role.is_amount()));
    for (n, (j, c)) in amounts.enumerate() {
        let selected = chosen.map_or(n == 0, |k| k == j);
        let _ = write!(
            out,
            "<option value=\"{j}\"{}>",
            if selected { " selected" } else { "" }
        );
        push_escaped(&mut out, &c.heading);
        out.push_str("</option>");
    }
    out.push_str("</select></label><label>");
    push_escaped(&mut out, t.adjust_by);
    out.push_str(" <input data-act=\"adjust-value\" data-testid=\"adjust-value\" placeholder=\"+3 %\" value=\"");
    push_escaped(&mut out, state.amount);
    out.push_str("\"></label><button type=\"button\" data-act=\"adjust-apply\" data-testid=\"adjust-apply\">");
    push_escaped(
        &mut out,
        &t.adjust_apply.replace("{n}", &state.rows.to_string()),
    );
    out.push_str("</button>");
    if let Some(m) = state.message {
        out.push_str("<span class=\"cell-error\" role=\"alert\" data-testid=\"adjust-error\">");
        push_escaped(&mut out, m);
        out.push_str("</span>");
    }
    let _ = write!(
        out,
        "</div><button type=\"button\" class=\"secondary\" data-act=\"compare\" data-testid=\"compare-toggle\" aria-expanded=\"{}\">",
        state.compare
    );
    push_escaped(&mut out, t.compare_title);
    out.push_str("</button>");
    if state.compare {
        let format = DisplayFormat::of(table);
        let cmp = compare_with_pasted(table);
        out.push_str("<table class=\"compare\" data-testid=\"compare\"><thead><tr><th></th>");
        for h in [t.as_pasted, t.as_changed, t.difference] {
            out.push_str("<th scope=\"col\">");
            push_escaped(&mut out, h);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for d in &cmp.differences {
            if d.original.is_blank() && d.current.is_blank() {
                continue;
            }
            let name = match (d.column, d.figure) {
                (Some(j), _) => table
                    .columns
                    .get(j)
                    .map(|c| c.heading.as_str())
                    .unwrap_or(""),
                (None, Some(f)) => f.name(lang),
                _ => "",
            };
            let show = |v| match d.figure {
                Some(f) if f.is_percent() => format.computed_percent(v, lang),
                _ => format.computed(v, lang),
            };
            let changed = d.difference.value().is_some_and(|v| !v.is_zero());
            let _ = write!(
                out,
                "<tr data-testid=\"compare-row\"{}><th scope=\"row\">",
                if changed { " class=\"changed\"" } else { "" }
            );
            push_escaped(&mut out, name);
            out.push_str("</th>");
            for v in [d.original, d.current, d.difference] {
                out.push_str("<td class=\"num\">");
                push_escaped(&mut out, &show(v));
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out
}

/// What-if: an adjustment of the selected rows ("Personalkostnader
/// +3 %"), and the totals as pasted beside the totals now.
fn what_if(
    parent: &Element,
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
) {
    let column = RwSignal::new(None::<usize>);
    let amount = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let compare = RwSignal::new(false);
    // Selecting a cell in an amount column picks that column.
    Effect::new(move |_| {
        let g = selection.get().active.1;
        // Input column j is grid column j (see `grid_columns`); a check of
        // the role only, so moving through a large table costs nothing.
        let amount = ctx.with_sheet_untracked(id, |s, _| {
            s.table.columns.get(g).is_some_and(|c| c.role.is_amount())
        });
        if amount == Some(true) {
            column.set(Some(g));
        }
    });
    let apply = move || {
        let lang = lang.get_untracked();
        let t = texts(lang);
        let j = column.get_untracked().or_else(|| {
            ctx.with_sheet_untracked(id, |s, _| {
                s.table.columns.iter().position(|c| c.role.is_amount())
            })
            .flatten()
        });
        let Some(j) = j else {
            message.set(Some(t.adjust_no_column.to_string()));
            return;
        };
        let unit = ctx.with_sheet_untracked(id, |s, _| s.table.unit).flatten();
        let adjustment = match parse_adjustment(&amount.get_untracked(), unit, lang) {
            Ok(a) => a,
            Err(e) => {
                message.set(Some(e));
                return;
            }
        };
        let ((r0, r1), _) = selection.get_untracked().range();
        let rows: Vec<usize> = (r0..=r1).collect();
        let result = ctx.mutate(id, |s| {
            s.apply(&Command::Adjust {
                column: j,
                rows,
                adjustment,
            })
        });
        message.set(match result {
            Some(Err(e)) => Some(e.message(lang)),
            _ => None,
        });
    };
    let html = move || {
        let lang = lang.get();
        let ((r0, r1), _) = selection.get().range();
        let message = message.get();
        let state = WhatIfState {
            column: column.get(),
            amount: &amount.get_untracked(),
            message: message.as_deref(),
            rows: r1 - r0 + 1,
            compare: compare.get(),
        };
        ctx.with_sheet(id, |s, _| what_if_html(s, &state, lang))
            .unwrap_or_default()
    };
    let section = dom::element(
        parent,
        "section",
        &[("class", "what-if"), ("data-testid", "what-if")],
    );
    dom::bind_html(&section, html);
    dom::on(&section, "input", move |ev| {
        if acted(&ev)
            .is_some_and(|el| el.get_attribute("data-act").as_deref() == Some("adjust-value"))
        {
            amount.set(dom::target_value(&ev));
        }
    });
    dom::on(&section, "change", move |ev| {
        if acted(&ev)
            .is_some_and(|el| el.get_attribute("data-act").as_deref() == Some("adjust-column"))
        {
            column.set(dom::target_value(&ev).parse().ok());
        }
    });
    dom::on(&section, "click", move |ev| {
        match acted(&ev)
            .and_then(|el| el.get_attribute("data-act"))
            .as_deref()
        {
            Some("adjust-apply") => apply(),
            Some("compare") => compare.update(|c| *c = !*c),
            _ => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_seed_000_as_its_fixture_pastes_it() {
        let fixture = include_str!(
            "../crates/kalkyl-core/tests/fixtures/tables/000-5.1.1-resultatrakning.table"
        );
        let paste = fixture
            .split_once("=== paste\n")
            .and_then(|(_, rest)| rest.split_once("=== rows"))
            .map(|(paste, _)| paste);
        assert_eq!(Some(sample_paste()), paste);
    }
}
