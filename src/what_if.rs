//! The what-if panel: an adjustment (an amount or a percentage) applied to
//! the selected rows of one amount column as an undoable command, and on
//! request the totals as pasted beside the totals now.

use std::fmt::Write as _;

use kalkyl_core::display::DisplayFormat;
use kalkyl_core::edit::{compare_with_pasted, Adjustment, Command};
use kalkyl_core::lang::Lang;
use kalkyl_core::number::{read_number, DecimalMark, Reading, Unit};
use kalkyl_core::workspace::Sheet;
use leptos::prelude::*;
use web_sys::Element;

use crate::dom;
use crate::forms::acted;
use crate::grid::{push_escaped, Selection};
use crate::i18n::texts;
use crate::state::Ctx;

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
pub(crate) fn what_if(
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
