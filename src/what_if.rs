//! What-if, as a Leptos component: an adjustment of the selected rows
//! ("Personalkostnader +3 %"), one undoable command, and on request the
//! totals as pasted beside the totals now, with the difference.

use kalkyl_core::display::DisplayFormat;
use kalkyl_core::edit::{compare_with_pasted, Adjustment, Command};
use kalkyl_core::lang::Lang;
use kalkyl_core::number::{convert, read_number, DecimalMark, Reading, Unit};
use kalkyl_core::workspace::Sheet;
use leptos::prelude::*;

use crate::dom;
use crate::forms::{text, Choice, Options};
use crate::grid::Selection;
use crate::i18n::texts;
use crate::state::Ctx;

/// Reads an adjustment as typed: `+3 %` or `3%` is a percentage, `-500`
/// or `1 000 tkr` an amount (converted to the table's unit).
fn parse_adjustment(text: &str, unit: Option<Unit>, lang: Lang) -> Result<Adjustment, String> {
    let t = texts(lang);
    match read_number(text, DecimalMark::Comma) {
        Ok(Reading::Number(n)) if n.percent => Ok(Adjustment::Percent(n.value)),
        Ok(Reading::Number(n)) => match (n.unit, unit) {
            (Some(from), Some(to)) if from != to => convert(n.value, from, to)
                .map(Adjustment::Amount)
                .map_err(|e| e.message(lang).to_string()),
            _ => Ok(Adjustment::Amount(n.value)),
        },
        Ok(_) => Err(t.adjust_empty.to_string()),
        Err(e) => Err(e.message(lang)),
    }
}

/// One line of the comparison: what it is, as pasted, now, the difference,
/// and whether it changed.
#[derive(Clone, PartialEq)]
struct Compared {
    name: String,
    figures: [String; 3],
    changed: bool,
}

/// The totals as pasted against the totals now.
fn compared(sheet: &Sheet, lang: Lang) -> Vec<Compared> {
    let table = &sheet.table;
    let format = DisplayFormat::of(table);
    compare_with_pasted(table)
        .differences
        .iter()
        .filter(|d| !(d.original.is_blank() && d.current.is_blank()))
        .map(|d| {
            let name = match (d.column, d.figure) {
                (Some(j), _) => table
                    .columns
                    .get(j)
                    .map(|c| c.heading.clone())
                    .unwrap_or_default(),
                (None, Some(f)) => f.name(lang).to_string(),
                _ => String::new(),
            };
            let show = |v| match d.figure {
                Some(f) if f.is_percent() => format.computed_percent(v, lang),
                _ => format.computed(v, lang),
            };
            Compared {
                name,
                figures: [show(d.original), show(d.current), show(d.difference)],
                changed: d.difference.value().is_some_and(|v| !v.is_zero()),
            }
        })
        .collect()
}

/// The what-if panel of sheet `id`: the adjustment acts on the rows
/// selected in the grid; selecting a cell in an amount column picks that
/// column.
#[component]
pub fn WhatIf(
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
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
    // The amount columns: (index, heading). Looked at again after an edit,
    // which changes none of them, so nothing is redrawn.
    let columns = Memo::new(move |_| {
        ctx.with_sheet(id, |s, _| {
            s.table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.role.is_amount())
                .map(|(j, c)| (j.to_string(), c.heading.clone()))
                .collect::<Options>()
        })
        .unwrap_or_default()
    });
    let chosen = Memo::new(move |_| {
        let picked = column.get().map(|j| j.to_string());
        columns.with(|cols| match picked {
            Some(j) if cols.iter().any(|(k, _)| *k == j) => j,
            _ => cols.first().map(|(k, _)| k.clone()).unwrap_or_default(),
        })
    });
    let apply_now = move || {
        let lang = lang.get_untracked();
        let Some(j) = chosen.get_untracked().parse::<usize>().ok() else {
            message.set(Some(texts(lang).adjust_no_column.to_string()));
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
        let result = ctx.mutate(id, |s| {
            s.apply(&Command::Adjust {
                column: j,
                rows: (r0..=r1).collect(),
                adjustment,
            })
        });
        message.set(match result {
            Some(Err(e)) => Some(e.message(lang)),
            _ => None,
        });
    };
    let rows = Memo::new(move |_| {
        let ((r0, r1), _) = selection.get().range();
        r1 - r0 + 1
    });
    // Redrawn whole when the comparison, the figures or the language
    // change: it is a few lines, and one view type keeps the code small.
    let table = move || {
        compare.get().then(|| {
            let lang = lang.get();
            let t = texts(lang);
            let lines = ctx
                .with_sheet(id, |s, _| compared(s, lang))
                .unwrap_or_default();
            view! {
                <table class="compare" data-testid="compare">
                    <thead>
                        <tr>
                            <th></th>
                            <th scope="col">{t.as_pasted}</th>
                            <th scope="col">{t.as_changed}</th>
                            <th scope="col">{t.difference}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|line| {
                                let [pasted, now, difference] = line.figures;
                                view! {
                                    <tr data-testid="compare-row" class:changed=line.changed>
                                        <th scope="row">{line.name}</th>
                                        <td class="num">{pasted}</td>
                                        <td class="num">{now}</td>
                                        <td class="num">{difference}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
        })
    };
    view! {
        <section class="what-if" data-testid="what-if">
            <h3>{text(lang, |t| t.what_if_title)}</h3>
            <div class="adjust">
                <Choice
                    testid="adjust-column"
                    lang
                    label=|t| t.adjust_column
                    options=columns
                    selected=chosen
                    on_pick=Callback::new(move |key: String| column.set(key.parse().ok()))
                />
                <label>
                    {text(lang, |t| t.adjust_by)}
                    " "
                    <input
                        data-testid="adjust-value"
                        placeholder="+3 %"
                        prop:value=amount
                        on:input=move |ev| amount.set(dom::target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                apply_now();
                            }
                        }
                    />
                </label>
                <button type="button" data-testid="adjust-apply" on:click=move |_| apply_now()>
                    {move || texts(lang.get()).adjust_apply.replace("{n}", &rows.get().to_string())}
                </button>
                {move || {
                    message
                        .get()
                        .map(|m| {
                            view! {
                                <span class="cell-error" role="alert" data-testid="adjust-error">
                                    {m}
                                </span>
                            }
                        })
                }}
            </div>
            <button
                type="button"
                class="secondary"
                data-testid="compare-toggle"
                aria-expanded=move || compare.get().to_string()
                on:click=move |_| compare.update(|c| *c = !*c)
            >
                {text(lang, |t| t.compare_title)}
            </button>
            {table}
        </section>
    }
}
