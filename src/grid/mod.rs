//! The grid of one table: input columns, computed columns and the computed
//! totals, as Leptos components that draw the rows in view only (so a table
//! of 100 000 rows scrolls and edits as fast as one of ten), with Excel's
//! keyboard habits.
//!
//! Everything shown comes from `kalkyl-core`; every change is a core
//! [`Command`] through [`Ctx::mutate`], so undo covers it.
//!
//! `markup` decides what each cell, the heading and the totals show (pure
//! functions, tested natively); `edit` turns keys into commands and moves;
//! this file puts them on screen and handles the events. The body is a
//! keyed `<For>` over the rows in view; each drawn row keeps a memo of what
//! it shows and one of the selection's marks in it, so an edit redraws the
//! cells it changed and a move of the active cell the two rows it left and
//! entered.

mod edit;
mod markup;
mod sections;

pub use edit::*;
pub use markup::*;

use kalkyl_core::edit::{Command, EditError};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::Role;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::forms::text;
use crate::state::Ctx;

/// A length in whole CSS pixels. Written as an integer: formatting an `f64`
/// would pull float printing (about 10 KB) into the download.
fn px(value: f64) -> String {
    format!("{}px", value.round() as i64)
}

/// The cell a mouse event happened in: `(row, data-col)`.
fn event_cell(ev: &web_sys::Event) -> Option<(usize, String)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let cell = target.closest("td[data-row]").ok()??;
    let row = cell.get_attribute("data-row")?.parse().ok()?;
    Some((row, cell.get_attribute("data-col")?))
}

use sections::{BodyRow, CellInfo, Heading, Totals};

/// The number of body rows and the columns shown.
type Shape = (usize, Vec<GridColumn>);

/// The rows drawn (`start..end`) of all `rows`, and the number of columns.
#[derive(Clone, Copy, PartialEq, Default)]
struct Window {
    start: usize,
    end: usize,
    rows: usize,
    columns: usize,
}

/// A text that follows the drawn window (a spacer's height, a count): one
/// closure type for all of them, so the view code that shows one is
/// compiled once.
fn window_text(
    window: Memo<Window>,
    pick: fn(&Window) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || window.with(pick)
}

/// What the grid's parts share: small `Copy` handles.
#[derive(Clone, Copy)]
struct Parts {
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
    shape: Memo<Shape>,
    window: Memo<Window>,
    /// The reader's and the checks' messages of the rows in view.
    messages: Memo<CellMessages>,
}

/// The grid of one sheet: the active cell's information line, the
/// scrolling table (heading, the rows in view between two spacers, the
/// totals) with the cell editor over it, and the editor's error.
#[component]
pub fn Grid(
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
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
    let scroller = NodeRef::<leptos::html::Div>::new();
    let table_ref = NodeRef::<leptos::html::Table>::new();
    let editor_ref = NodeRef::<leptos::html::Input>::new();

    // Shape of the table, read without tracking the selection.
    let shape = Memo::new(move |_| {
        ctx.with_sheet(id, |sheet, calc| {
            (
                sheet.table.rows.len(),
                columns_for(&sheet.table, calc.presence),
            )
        })
        .unwrap_or_default()
    });

    // The rows drawn: those in view and OVERSCAN more on either side.
    let window = Memo::new(move |_| {
        let first = first_row.get();
        let (rows, columns) = shape.with(|s| (s.0, s.1.len()));
        let start = first.saturating_sub(OVERSCAN).min(rows);
        let end = (first + rows_in_view.get() + OVERSCAN).min(rows);
        Window {
            start,
            end,
            rows,
            columns,
        }
    });
    // Only the drawn rows' messages are formatted.
    let messages = Memo::new(move |_| {
        let lang = lang.get();
        let Window { start, end, .. } = window.get();
        ctx.with_sheet(id, |sheet, calc| {
            cell_messages(&sheet.table, calc, lang, start..end)
        })
        .unwrap_or_default()
    });
    let parts = Parts {
        ctx,
        id,
        lang,
        selection,
        shape,
        window,
        messages,
    };
    // Also called a frame after the grid is built, when it may be gone
    // (the warm-up's grid, or a table deleted at once): then it does nothing.
    let measure = move || {
        if let Some(el) = scroller.try_get_untracked().flatten() {
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
            let Some(el) = scroller.get_untracked() else {
                return;
            };
            let height = |section: Option<web_sys::HtmlTableSectionElement>| {
                section.map_or(0.0, |h| f64::from(h.offset_height()))
            };
            let table = table_ref.get_untracked();
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
                    if let Some(el) = scroller.get_untracked() {
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
        let (Some(el), Some(input)) = (scroller.get_untracked(), editor_ref.get_untracked()) else {
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
        let Some(input) = editor_ref.get_untracked() else {
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
        if let Some(t) = table_ref.get_untracked() {
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

    let on_editor_key = move |ev: web_sys::KeyboardEvent| {
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

    let on_key = move |ev: web_sys::KeyboardEvent| {
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
    let on_mouse_down = move |ev: web_sys::MouseEvent| {
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
    let on_double_click = move |ev: web_sys::MouseEvent| {
        if event_cell(&ev).is_some() {
            open_editor(None);
        }
    };
    let on_copy = move |ev: web_sys::ClipboardEvent| {
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
                        messages: &CellMessages::new(),
                        lang,
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

    let reset_active = move || {
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

    let spacer_above = window_text(window, |w| px(w.start as f64 * ROW_HEIGHT));
    let spacer_below = window_text(window, |w| {
        px(w.rows.saturating_sub(w.end) as f64 * ROW_HEIGHT)
    });
    // Size the window to the scroller once it is laid out (reading it now
    // would force a layout of the half-built page).
    request_animation_frame(measure);

    view! {
        <CellInfo parts on_reset=Callback::new(move |()| reset_active()) />
        <div class="grid-scroll" node_ref=scroller on:scroll=move |_| measure()>
            <table
                class="grid"
                data-testid="grid"
                role="grid"
                tabindex="0"
                aria-activedescendant="kalkyl-active"
                aria-multiselectable="true"
                aria-label=text(lang, |t| t.table_caption)
                aria-rowcount=window_text(window, |w| (w.rows + 2).to_string())
                aria-colcount=window_text(window, |w| w.columns.to_string())
                node_ref=table_ref
                on:keydown=on_key
                on:mousedown=on_mouse_down
                on:dblclick=on_double_click
                on:copy=on_copy
            >
                <Heading parts />
                // Spacers stand for the rows above and below those drawn;
                // their heights go through the CSSOM (`style:`), which the
                // page's CSP allows.
                <tbody class="pad" aria-hidden="true">
                    <tr>
                        <td style:height=spacer_above></td>
                    </tr>
                </tbody>
                <tbody>
                    <For
                        each=move || window.with(|w| w.start..w.end)
                        key=|i| *i
                        children=move |i| view! { <BodyRow parts i /> }
                    />
                </tbody>
                <tbody class="pad" aria-hidden="true">
                    <tr>
                        <td style:height=spacer_below></td>
                    </tr>
                </tbody>
                <Totals parts />
            </table>
            <input
                class="cell-editor"
                data-testid="cell-editor"
                hidden=move || editing.with(Option::is_none)
                aria-label=text(lang, |t| t.edit_cell)
                node_ref=editor_ref
                on:input=move |ev| editing.set(Some(dom::target_value(&ev)))
                on:keydown=on_editor_key
                on:blur=move |_| {
                    if editing.get_untracked().is_some() {
                        commit();
                    }
                }
            />
        </div>
        <div>
            {move || {
                editor_error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="cell-error" role="alert" data-testid="cell-error">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests;
