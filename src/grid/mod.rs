//! The grid of one table: input columns, computed columns and the computed
//! totals, drawn as escaped HTML for the rows in view only (so a table of
//! 100 000 rows scrolls and edits as fast as one of ten), with Excel's
//! keyboard habits handled by one delegated listener.
//!
//! Everything shown comes from `kalkyl-core`; every change is a core
//! [`Command`] through [`Ctx::mutate`], so undo covers it.
//!
//! `markup` makes the HTML of the rows in view, the heading and the totals;
//! `edit` turns keys into commands and moves; this file draws the grid and
//! handles its events.

mod edit;
mod markup;

pub use edit::*;
pub use markup::*;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kalkyl_core::edit::{Command, EditError};
pub use kalkyl_core::file::html::push_escaped;
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Role, RowKind};
use kalkyl_core::number::DecimalMark;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{self, NodeHandle};
use crate::i18n::texts;
use crate::state::Ctx;

/// A length in whole CSS pixels. Written as an integer: formatting an `f64`
/// would pull float printing (about 10 KB) into the download.
fn px(value: f64) -> String {
    format!("{}px", value.round() as i64)
}

/// The cell a mouse or keyboard event happened in: `(row, data-col)`.
fn event_cell(ev: &web_sys::Event) -> Option<(usize, String)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let cell = target.closest("td[data-row]").ok()??;
    let row = cell.get_attribute("data-row")?.parse().ok()?;
    Some((row, cell.get_attribute("data-col")?))
}

/// A heading's role or decimal mark chosen (the `data-act` selects of the
/// heading's HTML): the sheet is read again with that choice.
fn heading_changed(ctx: Ctx, id: u64, ev: &web_sys::Event) {
    let Some(el) = dom::target_element(ev) else {
        return;
    };
    let Some(j) = el
        .get_attribute("data-col")
        .and_then(|c| c.parse::<usize>().ok())
    else {
        return;
    };
    let value = dom::target_value(ev);
    match el.get_attribute("data-act").as_deref() {
        Some("role") => {
            if let Some(role) = Role::from_key(&value) {
                ctx.reread(id, move |c| {
                    c.roles.insert(j, role);
                });
            }
        }
        Some("mark") => {
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
        _ => {}
    }
}

/// The grid of one sheet, with its editor.
pub fn grid(
    parent: &web_sys::Element,
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
) {
    // The text in the editor while a cell is being edited.
    let editing = RwSignal::new(None::<String>);
    let editor_error = RwSignal::new(None::<String>);
    let first_row = RwSignal::new(0usize);
    // Rows the box shows, first estimated from the window (the box is at
    // most the window's height less 16rem, see style/main.css) so that the
    // first measurement seldom draws the rows again; it only ever grows.
    let estimate = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .map_or(30, |h| {
            ((h - 256.0).max(192.0) / ROW_HEIGHT).ceil() as usize + 1
        });
    let rows_in_view = RwSignal::new(estimate);
    let scroller = NodeHandle::<web_sys::HtmlElement>::new();
    let table_ref = NodeHandle::<web_sys::HtmlTableElement>::new();
    let editor_ref = NodeHandle::<web_sys::HtmlInputElement>::new();

    // Shape of the table, read without tracking the selection.
    let shape = move || {
        ctx.with_sheet(id, |sheet, calc| {
            (
                sheet.table.rows.len(),
                columns_for(&sheet.table, calc.presence),
            )
        })
        .unwrap_or_default()
    };
    let shape = Memo::new(move |_| shape());

    let window = move || {
        let first = first_row.get();
        let (rows, _) = shape.with(|s| (s.0, ()));
        let start = first.saturating_sub(OVERSCAN).min(rows);
        let end = (first + rows_in_view.get() + OVERSCAN).min(rows);
        (start, end, rows)
    };
    let body = move || {
        let lang = lang.get();
        let sel = selection.get();
        let (start, end, _) = window();
        ctx.with_sheet(id, |sheet, calc| {
            // Only the drawn rows' messages are formatted.
            let messages = cell_messages(&sheet.table, calc, lang, start..end);
            shape.with(|(_, columns)| {
                body_html(
                    &BodyInput {
                        table: &sheet.table,
                        results: calc.calc.results(),
                        columns,
                        messages: &messages,
                        lang,
                        selection: Some(sel),
                    },
                    start,
                    end,
                )
            })
        })
        .unwrap_or_default()
    };
    let totals = move || {
        let lang = lang.get();
        ctx.with_sheet(id, |sheet, calc| {
            shape.with(|(_, columns)| {
                totals_html(&BodyInput {
                    table: &sheet.table,
                    results: calc.calc.results(),
                    columns,
                    messages: &BTreeMap::new(),
                    lang,
                    selection: None,
                })
            })
        })
        .unwrap_or_default()
    };
    let measure = move || {
        if let Some(el) = scroller.get() {
            let top = (el.scroll_top() as f64 / ROW_HEIGHT).floor() as usize;
            let view = (el.client_height() as f64 / ROW_HEIGHT).ceil() as usize + 1;
            if first_row.get_untracked() != top {
                first_row.set(top);
            }
            if rows_in_view.get_untracked() < view {
                rows_in_view.set(view);
            }
        }
    };

    // Keeps the active cell in view: vertically by the row arithmetic (the
    // row may not be drawn yet), horizontally by the cell once drawn. It
    // reads the layout only in the next frame, when the browser lays the
    // page out anyway: read now, right after a change, it would force an
    // extra layout of the whole grid into every keystroke.
    fn reveal_across(el: &web_sys::HtmlElement) -> bool {
        let Some(cell) = el.query_selector("#kalkyl-active").ok().flatten() else {
            return false;
        };
        let outer = el.get_bounding_client_rect();
        let inner = cell.get_bounding_client_rect();
        if inner.left() < outer.left() {
            el.set_scroll_left(el.scroll_left() - (outer.left() - inner.left()).ceil() as i32);
        } else if inner.right() > outer.right() {
            el.set_scroll_left(el.scroll_left() + (inner.right() - outer.right()).ceil() as i32);
        }
        true
    }
    let reveal = move |row: usize| {
        request_animation_frame(move || {
            let Some(el) = scroller.get() else {
                return;
            };
            let height = |section: Option<web_sys::HtmlTableSectionElement>| {
                section.map_or(0.0, |h| f64::from(h.offset_height()))
            };
            let table = table_ref.get();
            let head = height(table.as_ref().and_then(|t| t.t_head()));
            let foot = height(table.as_ref().and_then(|t| t.t_foot()));
            let top = row as f64 * ROW_HEIGHT;
            let scroll = f64::from(el.scroll_top());
            let visible = f64::from(el.client_height()) - head - foot;
            let before = first_row.get_untracked();
            if top < scroll {
                el.set_scroll_top(top as i32);
            } else if top + ROW_HEIGHT > scroll + visible {
                el.set_scroll_top((top + ROW_HEIGHT - visible).ceil() as i32);
            }
            measure();
            // A row that was not drawn is drawn once the window moved.
            if first_row.get_untracked() != before || !reveal_across(&el) {
                request_animation_frame(move || {
                    if let Some(el) = scroller.get() {
                        reveal_across(&el);
                    }
                });
            }
        });
    };

    let move_to = move |cell: (usize, usize), extend: bool| {
        selection.update(|s| {
            s.active = cell;
            if !extend {
                s.anchor = cell;
            }
        });
    };
    // Whoever moves the selection (keys, mouse, the lists of findings),
    // the active cell comes into view.
    // Not on the first run: a new grid starts at the top, and reading the
    // layout while the page is being built would force an extra layout.
    Effect::new(move |first: Option<()>| {
        let row = selection.get().active.0;
        if first.is_some() {
            reveal(row);
        }
    });

    // The active cell's input column, role and current text, if editable.
    let editable = move |sel: Selection| -> Option<(usize, usize, Role, String)> {
        let (row, g) = sel.active;
        let GridColumn::Input(j) = shape.with_untracked(|(_, cols)| cols.get(g).copied())? else {
            return None;
        };
        ctx.with_sheet_untracked(id, |sheet, _| {
            let role = sheet.table.columns.get(j).map_or(Role::Other, |c| c.role);
            let cell = sheet.table.rows.get(row)?.cells.get(j)?;
            Some((row, j, role, display_cell(cell, role)))
        })
        .flatten()
    };

    // Places the editor over the active cell, through the CSSOM (which the
    // page's CSP allows; inline style attributes it does not).
    let place_editor = move || -> bool {
        let (Some(el), Some(input)) = (scroller.get(), editor_ref.get()) else {
            return false;
        };
        let Some(cell) = el.query_selector("#kalkyl-active").ok().flatten() else {
            return false;
        };
        let outer = el.get_bounding_client_rect();
        let inner = cell.get_bounding_client_rect();
        let style = web_sys::HtmlElement::style(&input);
        let _ = style.set_property(
            "top",
            &px(inner.top() - outer.top() + f64::from(el.scroll_top())),
        );
        let _ = style.set_property(
            "left",
            &px(inner.left() - outer.left() + f64::from(el.scroll_left())),
        );
        let _ = style.set_property("width", &px(inner.width().max(90.0)));
        let _ = style.set_property("height", &px(inner.height()));
        true
    };
    // Opens the editor at once (not after a render), so that keys typed
    // right after the first one land in it.
    let open_editor = move |initial: Option<String>| {
        let sel = selection.get_untracked();
        let Some((row, _, _, text)) = editable(sel) else {
            return;
        };
        reveal(row);
        editor_error.set(None);
        let value = initial.unwrap_or(text);
        editing.set(Some(value.clone()));
        let Some(input) = editor_ref.get() else {
            return;
        };
        input.set_value(&value);
        web_sys::HtmlElement::set_hidden(&input, false);
        let _ = input.focus();
        if !place_editor() {
            // The row was out of view: place it once drawn.
            request_animation_frame(move || {
                place_editor();
            });
        }
    };

    let focus_grid = move || {
        if let Some(t) = table_ref.get() {
            let _ = t.focus();
        }
    };

    // Saves the editor's text into the active cell; `false` (and a message)
    // when Kalkyl cannot read it, and the editor stays open with the text.
    let commit = move || -> bool {
        let Some(text) = editing.get_untracked() else {
            return true;
        };
        let Some((row, column, role, _)) = editable(selection.get_untracked()) else {
            editing.set(None);
            return true;
        };
        let lang = lang.get_untracked();
        let unit = ctx.with_sheet_untracked(id, |s, _| s.table.unit).flatten();
        let result = parse_typed(&text, role, unit, lang).and_then(|cell| {
            ctx.mutate(id, |s| s.apply(&Command::SetCell { row, column, cell }))
                .unwrap_or(Err(EditError::NoSuchRow(row)))
                .map_err(|e: EditError| e.message(lang))
        });
        match result {
            Ok(_) => {
                editing.set(None);
                editor_error.set(None);
                true
            }
            Err(message) => {
                editor_error.set(Some(message));
                false
            }
        }
    };

    let on_editor_key = move |ev: web_sys::Event| {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
        let key = ev.key();
        let step = match key.as_str() {
            "Enter" if ev.shift_key() => Some("ArrowUp"),
            "Enter" => Some("ArrowDown"),
            "Tab" if ev.shift_key() => Some("ArrowLeft"),
            "Tab" => Some("ArrowRight"),
            _ => None,
        };
        if key == "Escape" {
            ev.prevent_default();
            editing.set(None);
            editor_error.set(None);
            focus_grid();
            return;
        }
        if let Some(step) = step {
            ev.prevent_default();
            if commit() {
                let (rows, cols) = shape.with_untracked(|(r, c)| (*r, c.len()));
                let sel = selection.get_untracked();
                if let Some(cell) = moved(step, false, sel.active, rows, cols, 1) {
                    move_to(cell, false);
                }
                focus_grid();
            }
        }
    };

    let clear_selection = move || {
        let sel = selection.get_untracked();
        let ((r0, r1), (c0, c1)) = sel.range();
        let cols = shape.with_untracked(|(_, cols)| cols.clone());
        let mut cells = Vec::new();
        for row in r0..=r1 {
            for g in c0..=c1 {
                if let Some(GridColumn::Input(j)) = cols.get(g) {
                    cells.push((row, *j));
                }
            }
        }
        let lang = lang.get_untracked();
        let refused = ctx.mutate(id, |s| s.apply(&Command::ClearCells { cells }));
        if let Some(Err(e)) = refused {
            editor_error.set(Some(e.message(lang)));
        }
    };

    let on_key = move |ev: web_sys::Event| {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
        if editing.get_untracked().is_some() {
            return;
        }
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let (rows, cols) = shape.with_untracked(|(r, c)| (*r, c.len()));
        if rows == 0 || cols == 0 {
            return;
        }
        let sel = selection.get_untracked();
        if let Some(cell) = moved(
            &key,
            ctrl,
            sel.active,
            rows,
            cols,
            rows_in_view.get_untracked(),
        ) {
            ev.prevent_default();
            move_to(cell, ev.shift_key());
            return;
        }
        match key.as_str() {
            "Tab" => {
                let (row, col) = sel.active;
                let next = if ev.shift_key() {
                    if col > 0 {
                        Some((row, col - 1))
                    } else if row > 0 {
                        Some((row - 1, cols - 1))
                    } else {
                        None
                    }
                } else if col + 1 < cols {
                    Some((row, col + 1))
                } else if row + 1 < rows {
                    Some((row + 1, 0))
                } else {
                    None
                };
                // At either end, Tab leaves the grid as on any web page.
                if let Some(cell) = next {
                    ev.prevent_default();
                    move_to(cell, false);
                }
            }
            "Enter" | "F2" => {
                ev.prevent_default();
                if editable(sel).is_some() {
                    open_editor(None);
                } else if key == "Enter" {
                    if let Some(cell) = moved("ArrowDown", false, sel.active, rows, cols, 1) {
                        move_to(cell, false);
                    }
                }
            }
            "Delete" | "Backspace" => {
                ev.prevent_default();
                clear_selection();
            }
            _ if !ctrl && !ev.alt_key() && key.chars().count() == 1 && editable(sel).is_some() => {
                ev.prevent_default();
                open_editor(Some(key));
            }
            _ => {}
        }
    };

    let grid_column_of =
        move |key: &str| shape.with_untracked(|(_, cols)| cols.iter().position(|c| c.key() == key));
    let on_mouse_down = move |ev: web_sys::Event| {
        let ev: web_sys::MouseEvent = ev.unchecked_into();
        let Some((row, col)) = event_cell(&ev) else {
            return;
        };
        let Some(g) = grid_column_of(&col) else {
            return;
        };
        if editing.get_untracked().is_some() && !commit() {
            return;
        }
        if ev.shift_key() {
            // Shift extends the grid's selection, not the page's text
            // selection, which would take the focus back to a field it
            // began in (the what-if amount, say).
            ev.prevent_default();
            focus_grid();
        }
        move_to((row, g), ev.shift_key());
    };
    let on_double_click = move |ev: web_sys::Event| {
        if event_cell(&ev).is_some() {
            open_editor(None);
        }
    };
    let on_copy = move |ev: web_sys::Event| {
        let ev: web_sys::ClipboardEvent = ev.unchecked_into();
        if editing.get_untracked().is_some() {
            return;
        }
        let lang = lang.get_untracked();
        let text = ctx.with_sheet_untracked(id, |sheet, calc| {
            shape.with_untracked(|(_, columns)| {
                selection_tsv(
                    &BodyInput {
                        table: &sheet.table,
                        results: calc.calc.results(),
                        columns,
                        messages: &BTreeMap::new(),
                        lang,
                        selection: None,
                    },
                    selection.get_untracked(),
                )
            })
        });
        if let (Some(text), Some(data)) = (text, ev.clipboard_data()) {
            if data.set_data("text/plain", &text).is_ok() {
                ev.prevent_default();
            }
        }
    };

    // What the active cell holds and why it is marked: shown for keyboard
    // users, who cannot hover.
    let cell_info = move || {
        let lang = lang.get();
        let sel = selection.get();
        let (row, g) = sel.active;
        let column = shape.with(|(_, cols)| cols.get(g).copied())?;
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
                }
            }
            let edited = match column {
                GridColumn::Input(j) => sheet
                    .table
                    .rows
                    .get(row)
                    .is_some_and(|r| r.originals.contains_key(&j)),
                _ => false,
            };
            // Each item row may have its own forecast method.
            let row_method = sheet
                .table
                .rows
                .get(row)
                .filter(|r| r.kind == RowKind::Item)
                .map(|_| sheet.table.settings.row_forecast_methods.get(&row).copied());
            (lines, edited, row, row_method)
        })
    };

    let reset_active = move |_: ()| {
        let sel = selection.get_untracked();
        if let Some(GridColumn::Input(column)) =
            shape.with_untracked(|(_, cols)| cols.get(sel.active.1).copied())
        {
            let _ = ctx.mutate(id, |s| {
                s.apply(&Command::ResetCell {
                    row: sel.active.0,
                    column,
                })
            });
        }
        focus_grid();
    };

    let header = move || {
        let lang = lang.get();
        ctx.with_sheet(id, |sheet, _| {
            shape.with(|(_, columns)| head_html(&sheet.table, &sheet.choices, columns, lang))
        })
        .unwrap_or_default()
    };

    let info = dom::element(
        parent,
        "div",
        &[
            ("class", "cell-info"),
            ("data-testid", "cell-info"),
            ("aria-live", "polite"),
        ],
    );
    dom::bind_html(&info, move || {
        let t = texts(lang.get());
        let Some((lines, edited, _, row_method)) = cell_info() else {
            return String::new();
        };
        let mut out = String::from("<span class=\"cell-info-text\">");
        push_escaped(&mut out, &lines.join(" — "));
        out.push_str("</span>");
        if let Some(method) = row_method {
            out.push_str("<label>");
            push_escaped(&mut out, t.row_method_label);
            out.push_str(" <select data-testid=\"row-method\">");
            let current = crate::forms::method_key(method);
            for (key, label) in crate::forms::method_options(t) {
                let label = if key == "auto" {
                    t.row_method_table
                } else {
                    label
                };
                let _ = write!(
                    out,
                    "<option value=\"{key}\"{}>",
                    if key == current { " selected" } else { "" }
                );
                push_escaped(&mut out, label);
                out.push_str("</option>");
            }
            out.push_str("</select></label>");
        }
        if edited {
            out.push_str("<button type=\"button\" class=\"secondary\" data-testid=\"reset-cell\">");
            push_escaped(&mut out, t.reset_cell);
            out.push_str("</button>");
        }
        out
    });
    dom::on(&info, "click", move |ev| {
        if dom::target_element(&ev).is_some_and(|el| el.tag_name() == "BUTTON") {
            reset_active(());
        }
    });
    dom::on(&info, "change", move |ev| {
        let row = selection.get_untracked().active.0;
        let method = crate::forms::method_of_key(&dom::target_value(&ev));
        let _ = ctx.mutate(id, |s| {
            s.apply(&Command::SetRowForecastMethod { row, method })
        });
    });

    let scroll_el = dom::element(parent, "div", &[("class", "grid-scroll")]);
    dom::on(&scroll_el, "scroll", move |_| measure());
    let table = dom::element(
        &scroll_el,
        "table",
        &[
            ("class", "grid"),
            ("data-testid", "grid"),
            ("role", "grid"),
            ("tabindex", "0"),
            ("aria-activedescendant", "kalkyl-active"),
            ("aria-multiselectable", "true"),
        ],
    );
    dom::bind_attr(&table, "aria-label", move || {
        Some(texts(lang.get()).table_caption.to_string())
    });
    dom::bind_attr(&table, "aria-rowcount", move || {
        Some(shape.with(|s| s.0 + 2).to_string())
    });
    dom::bind_attr(&table, "aria-colcount", move || {
        Some(shape.with(|s| s.1.len()).to_string())
    });
    dom::on(&table, "keydown", on_key);
    dom::on(&table, "mousedown", on_mouse_down);
    dom::on(&table, "dblclick", on_double_click);
    dom::on(&table, "copy", on_copy);
    let head = dom::element(&table, "thead", &[]);
    dom::bind_html(&head, header);
    dom::on(&head, "change", move |ev| heading_changed(ctx, id, &ev));
    // Spacers stand for the rows above and below those drawn; their heights
    // go through the CSSOM, which the page's CSP allows.
    let spacer = |height: fn(usize, usize, usize) -> f64| {
        let body = dom::element(
            &table,
            "tbody",
            &[("class", "pad"), ("aria-hidden", "true")],
        );
        let row = dom::element(&body, "tr", &[]);
        let cell: web_sys::HtmlElement = dom::element(&row, "td", &[]).unchecked_into();
        dom::bind(move |_: Option<()>| {
            let (start, end, rows) = window();
            let _ = cell
                .style()
                .set_property("height", &px(height(start, end, rows)));
        });
    };
    spacer(|start, _, _| start as f64 * ROW_HEIGHT);
    // One escaped HTML string for the rows in view, rather than a view per
    // cell: far less code, and large tables stay fast.
    let rows_el = dom::element(&table, "tbody", &[]);
    dom::bind_rows(&rows_el, body);
    spacer(|_, end, rows| rows.saturating_sub(end) as f64 * ROW_HEIGHT);
    let foot = dom::element(&table, "tfoot", &[]);
    dom::bind_rows(&foot, totals);
    let editor = dom::element(
        &scroll_el,
        "input",
        &[
            ("class", "cell-editor"),
            ("data-testid", "cell-editor"),
            ("hidden", ""),
        ],
    );
    dom::bind_attr(&editor, "aria-label", move || {
        Some(texts(lang.get()).edit_cell.to_string())
    });
    dom::bind_attr(&editor, "hidden", move || {
        editing.with(Option::is_none).then(String::new)
    });
    dom::on(&editor, "input", move |ev| {
        editing.set(Some(dom::target_value(&ev)))
    });
    dom::on(&editor, "keydown", on_editor_key);
    dom::on(&editor, "blur", move |_| {
        if editing.get_untracked().is_some() {
            commit();
        }
    });
    let error_slot = dom::element(parent, "div", &[]);
    dom::bind_html(&error_slot, move || {
        editor_error.with(|e| crate::forms::alert_html("cell-error", e.as_deref()))
    });
    scroller.set(scroll_el.unchecked_into());
    table_ref.set(table.unchecked_into());
    editor_ref.set(editor.unchecked_into());
    // Size the window to the scroller once it is laid out (reading it now
    // would force a layout of the half-built page).
    request_animation_frame(measure);
}

#[cfg(test)]
mod tests;
