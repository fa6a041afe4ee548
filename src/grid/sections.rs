//! The grid's sections: the heading (with each input column's role and
//! decimal mark to change), a drawn body row, the totals, and the active
//! cell's information line. Each draws itself from memos, so that an edit
//! or a move of the selection redraws only what it changed.

use kalkyl_core::model::{Role, RowKind};
use kalkyl_core::number::DecimalMark;
use leptos::either::Either;
use leptos::prelude::*;

use super::*;
use crate::forms::{method_key, method_of_key, method_options, part, text, Choice, Options};
use crate::i18n::texts;
use crate::state::Ctx;

/// A heading's role chosen: the sheet is read again with it.
fn role_chosen(ctx: Ctx, id: u64, column: usize, key: &str) {
    if let Some(role) = Role::from_key(key) {
        ctx.reread(id, move |c| {
            c.roles.insert(column, role);
        });
    }
}

/// A heading's decimal mark chosen (`auto` leaves it to the reader): the
/// sheet is read again with it.
fn mark_chosen(ctx: Ctx, id: u64, column: usize, key: &str) {
    let mark = match key {
        "point" => Some(DecimalMark::Point),
        "comma" => Some(DecimalMark::Comma),
        _ => None,
    };
    ctx.reread(id, move |c| match mark {
        Some(m) => {
            c.decimal_marks.insert(column, m);
        }
        None => {
            c.decimal_marks.remove(&column);
        }
    });
}

/// A non-empty text, or no attribute.
fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The heading row: each input column's heading with what Kalkyl takes it
/// for and, for numbers, the decimal mark (both changeable: the sheet is
/// read again); then the computed columns. Drawn again only when what it
/// shows changed (a reading, the columns shown, the language).
#[component]
pub(super) fn Heading(parts: Parts) -> impl IntoView {
    let Parts {
        ctx,
        id,
        lang,
        shape,
        ..
    } = parts;
    let shown = Memo::new(move |_| {
        let lang = lang.get();
        ctx.with_sheet(id, |sheet, _| {
            shape.with(|(_, columns)| head_shown(&sheet.table, &sheet.choices, columns, lang))
        })
        .unwrap_or_default()
    });
    let cell = move |head: HeadShown| {
        let lang = lang.get_untracked();
        let t = texts(lang);
        let class = non_empty(head.class);
        let title = non_empty(head.title);
        match head.input {
            Some(input) => {
                let j = input.column;
                let roles = Role::ALL
                    .iter()
                    .map(|role| {
                        view! {
                            <option value=role.key() selected={*role == input.role}>
                                {role.name(lang)}
                            </option>
                        }
                    })
                    .collect_view();
                let mark = input.mark.map(|mark| {
                    let options = MARK_OPTIONS
                        .iter()
                        .map(|(key, label)| {
                            view! {
                                <option value={*key} selected={*key == mark}>
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view();
                    view! {
                        <select
                            data-testid=format!("mark-{j}")
                            aria-label=t.mark_label
                            on:change=move |ev| mark_chosen(ctx, id, j, &dom::target_value(&ev))
                        >
                            {options}
                        </select>
                    }
                });
                Either::Left(view! {
                    <th scope="col" data-col=head.key class=class title=title>
                        <span class="heading-text">{head.text}</span>
                        <select
                            data-testid=format!("role-{j}")
                            aria-label=t.role_label
                            on:change=move |ev| role_chosen(ctx, id, j, &dom::target_value(&ev))
                        >
                            {roles}
                        </select>
                        {mark}
                    </th>
                })
            }
            None => Either::Right(view! {
                <th scope="col" class=class data-col=head.key>
                    {head.text}
                </th>
            }),
        }
    };
    view! {
        <thead>
            <tr aria-rowindex="1">
                {move || shown.get().into_iter().map(cell).collect_view()}
            </tr>
        </thead>
    }
}

/// One body row in view. What it shows is one memo (so an edit elsewhere
/// leaves it alone, and in it only the cells whose text, classes or
/// tooltip changed are touched); the selection's marks in it another (so
/// a move redraws only the rows it left and entered).
#[component]
pub(super) fn BodyRow(parts: Parts, i: usize) -> impl IntoView {
    let Parts {
        ctx,
        id,
        lang,
        selection,
        shape,
        messages,
        ..
    } = parts;
    let shown = Memo::new(move |_| {
        let lang = lang.get();
        messages
            .with(|messages| {
                shape.with(|(_, columns)| {
                    ctx.with_sheet(id, |sheet, calc| {
                        row_shown(
                            &BodyInput {
                                table: &sheet.table,
                                results: calc.calc.results(),
                                columns,
                                messages,
                                lang,
                            },
                            i,
                        )
                    })
                })
            })
            .flatten()
            .unwrap_or_default()
    });
    let marks = Memo::new(move |_| selection.with(|s| s.row_marks(i)));
    view! {
        <tr
            data-row=i.to_string()
            aria-rowindex={(i + 2).to_string()}
            class=move || shown.with(|r| r.kind)
        >
            {row_cells(shown, Some(marks), i.to_string())}
        </tr>
    }
}

/// The cells of a body row (`row` is its `data-row`: an index, or `total`
/// for the totals), drawn from the row's memo and the selection's marks in
/// it. One render effect per row: it runs only when one of the two
/// changed, and then writes only the texts, classes and titles that differ
/// from what is on screen. (A reactive closure per attribute would wake
/// thousands of effects on every edit, to find most of them unchanged.)
/// The active cell has the id the grid's `aria-activedescendant` names.
fn row_cells(shown: Memo<RowShown>, marks: Option<Memo<RowMarks>>, row: String) -> impl IntoView {
    move || {
        let marks = marks.map(|m| m.get()).unwrap_or_default();
        shown.with(|r| {
            r.cells
                .iter()
                .enumerate()
                .map(|(g, cell)| {
                    let selected = marks.is_selected(g);
                    let class = match (selected, cell.class.is_empty()) {
                        (false, _) => cell.class.clone(),
                        (true, true) => "selected".to_string(),
                        (true, false) => format!("{} selected", cell.class),
                    };
                    let note = cell
                        .note
                        .clone()
                        .map(|note| view! { <sup class="note">{note}</sup> });
                    view! {
                        <td
                            id=(marks.active == Some(g)).then_some("kalkyl-active")
                            data-row=row.clone()
                            data-col=cell.key.clone()
                            class=class
                            aria-selected=selected.then_some("true")
                            title=non_empty(cell.title.clone())
                        >
                            {cell.text.clone()}
                            {note}
                        </td>
                    }
                })
                .collect_view()
        })
    }
}

/// The computed totals row, sticking at the bottom of the box; drawn
/// with the body's cells, each touched only when its figure changed.
#[component]
pub(super) fn Totals(parts: Parts) -> impl IntoView {
    let Parts {
        ctx,
        id,
        lang,
        shape,
        window,
        ..
    } = parts;
    let shown = Memo::new(move |_| {
        let lang = lang.get();
        let cells = ctx.with_sheet(id, |sheet, calc| {
            shape.with(|(_, columns)| {
                totals_shown(&BodyInput {
                    table: &sheet.table,
                    results: calc.calc.results(),
                    columns,
                    messages: &CellMessages::new(),
                    lang,
                })
            })
        });
        RowShown {
            kind: "computed-total",
            cells: cells.unwrap_or_default(),
        }
    });
    view! {
        <tfoot>
            <tr
                class="computed-total"
                data-row="total"
                aria-rowindex=window_text(window, |w| (w.rows + 2).to_string())
            >
                {row_cells(shown, None, "total".to_string())}
            </tr>
        </tfoot>
    }
}

/// What the information line shows of the active cell.
#[derive(Clone, PartialEq, Default)]
struct Info {
    /// The row's label and column's heading, the cell's messages and its
    /// pasted original.
    text: String,
    /// The cell was edited, so it can be reset.
    edited: bool,
    /// An item row's forecast method's key (`auto` for the table's): only
    /// item rows may have their own.
    method: Option<&'static str>,
}

/// The active cell's information line: what it holds and why it is marked
/// (for keyboard users, who cannot hover), an item row's own forecast
/// method, and the reset of an edited cell.
#[component]
pub(super) fn CellInfo(parts: Parts, on_reset: Callback<()>) -> impl IntoView {
    let Parts {
        ctx,
        id,
        lang,
        selection,
        shape,
        ..
    } = parts;
    let info = Memo::new(move |_| {
        let lang = lang.get();
        let (row, g) = selection.with(|s| s.active);
        let Some(column) = shape.with(|(_, cols)| cols.get(g).copied()) else {
            return Info::default();
        };
        ctx.with_sheet(id, |sheet, calc| {
            let t = texts(lang);
            let mut lines = Vec::new();
            let label = sheet.table.label(row).to_string();
            let heading = match column {
                GridColumn::Input(j) => sheet
                    .table
                    .columns
                    .get(j)
                    .map(|c| c.heading.clone())
                    .unwrap_or_default(),
                GridColumn::Figure(f) => f.name(lang).to_string(),
                GridColumn::Status => t.status_heading.to_string(),
            };
            lines.push(format!("{label} · {heading}"));
            let mut edited = false;
            if let GridColumn::Input(j) = column {
                for d in sheet
                    .table
                    .diagnostics
                    .iter()
                    .filter(|d| d.row == Some(row) && d.column == Some(j))
                {
                    lines.push(d.message(lang));
                }
                for c in calc.checks.iter().filter(|c| c.row == row && c.column == j) {
                    lines.push(c.message(lang).to_string());
                }
                if let Some(original) = sheet.table.rows.get(row).and_then(|r| r.originals.get(&j))
                {
                    let role = sheet.table.columns.get(j).map_or(Role::Other, |c| c.role);
                    let shown = display_cell(original, role);
                    lines.push(format!(
                        "{}: {}",
                        t.pasted_value,
                        if shown.is_empty() { "–" } else { &shown }
                    ));
                    edited = true;
                }
            }
            // Each item row may have its own forecast method.
            let method = sheet
                .table
                .rows
                .get(row)
                .filter(|r| r.kind == RowKind::Item)
                .map(|_| method_key(sheet.table.settings.row_forecast_methods.get(&row).copied()));
            Info {
                text: lines.join(" — "),
                edited,
                method,
            }
        })
        .unwrap_or_default()
    });
    let has_method = part(info, |i| i.method.is_some());
    let method = part(info, |i| i.method.unwrap_or("auto").to_string());
    let edited = part(info, |i| i.edited);
    let methods = Memo::new(move |_| -> Options {
        let t = texts(lang.get());
        method_options(t)
            .iter()
            .map(|(key, label)| {
                let label = if *key == "auto" {
                    t.row_method_table
                } else {
                    label
                };
                (key.to_string(), label.to_string())
            })
            .collect()
    });
    let set_method = Callback::new(move |key: String| {
        let row = selection.get_untracked().active.0;
        let method = method_of_key(&key);
        let _ = ctx.mutate(id, |s| {
            s.apply(&Command::SetRowForecastMethod { row, method })
        });
    });
    view! {
        <div class="cell-info" data-testid="cell-info" aria-live="polite">
            <span class="cell-info-text">{part(info, |i| i.text.clone())}</span>
            {move || {
                has_method
                    .get()
                    .then(|| {
                        view! {
                            <Choice
                                testid="row-method"
                                lang
                                label=|t| t.row_method_label
                                options=methods
                                selected=method
                                on_pick=set_method
                            />
                        }
                    })
            }}
            {move || {
                edited
                    .get()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                data-testid="reset-cell"
                                on:click=move |_| on_reset.run(())
                            >
                                {text(lang, |t| t.reset_cell)}
                            </button>
                        }
                    })
            }}
        </div>
    }
}
