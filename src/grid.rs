//! The grid of one table: input columns, computed columns and the computed
//! totals, drawn as escaped HTML for the rows in view only (so a table of
//! 100 000 rows scrolls and edits as fast as one of ten), with Excel's
//! keyboard habits handled by one delegated listener.
//!
//! Everything shown comes from `kalkyl-core`; every change is a core
//! [`Command`] through [`Ctx::mutate`], so undo covers it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kalkyl_core::calc::{Computed, Figure, Results};
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::edit::{Command, EditError};
pub use kalkyl_core::file::html::push_escaped;
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, Role, RowKind, Table};
use kalkyl_core::number::{
    convert, format_decimal, read_number, DecimalMark, NumberStyle, Reading, Suffix, Unit,
};
use kalkyl_core::read::ReadChoices;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{self, NodeHandle};
use crate::i18n::texts;
#[cfg(test)]
use crate::state::presence_in;
use crate::state::{Ctx, Presence, SheetCalc, STATUS_BIT};

/// The height of a body row in pixels; `style/main.css` fixes it, so the
/// rows in view follow from the scroll position alone.
pub const ROW_HEIGHT: f64 = 28.0;
/// Rows drawn above and below those in view, so fast scrolling shows no gap.
const OVERSCAN: usize = 10;

/// A column of the grid as shown: an input column, a computed figure, or
/// the status mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridColumn {
    /// Input column `j` of the table.
    Input(usize),
    /// A computed figure.
    Figure(Figure),
    /// The status mark (●, ◆, ■).
    Status,
}

impl GridColumn {
    /// The `data-col` value: the index of an input column, the name of a
    /// computed one.
    pub fn key(self) -> String {
        match self {
            GridColumn::Input(j) => j.to_string(),
            GridColumn::Figure(f) => f.key().to_string(),
            GridColumn::Status => "status".to_string(),
        }
    }
}

/// The columns to show: every input column (input column `j` is grid
/// column `j`, which the panels rely on), then each computed figure that
/// has a value (or an error) in some row or in the totals, then the status.
#[cfg(test)]
pub fn grid_columns(table: &Table, results: &Results) -> Vec<GridColumn> {
    columns_for(table, presence_in(results, &mut (0..results.rows.len())))
}

/// The columns to show for a [`Presence`] (see [`grid_columns`]).
pub fn columns_for(table: &Table, presence: Presence) -> Vec<GridColumn> {
    let mut columns: Vec<GridColumn> = (0..table.columns.len()).map(GridColumn::Input).collect();
    for (k, f) in Figure::ALL.iter().enumerate() {
        if presence & (1 << k) != 0 {
            columns.push(GridColumn::Figure(*f));
        }
    }
    if presence & STATUS_BIT != 0 {
        columns.push(GridColumn::Status);
    }
    columns
}

/// How a cell reads on screen: Swedish format with the value's own decimals.
pub fn display_cell(cell: &Cell, role: Role) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Number(value) => {
            let mut style = NumberStyle::swedish_display().with_decimals(Some(value.scale()));
            if role == Role::StatedPercent {
                style = style.with_suffix(Suffix::Percent);
            }
            format_decimal(*value, &style)
        }
    }
}

/// An input cell as the grid shows it: amounts in the display unit when the
/// user chose one, everything else exactly as stored.
fn input_text(
    table: &Table,
    format: &DisplayFormat,
    cell: &Cell,
    role: Role,
    lang: Lang,
) -> String {
    let converted =
        table.settings.display_unit.is_some() || table.settings.display_decimals.is_some();
    match cell {
        Cell::Number(v) if converted && role.is_amount() => format
            .amount(*v)
            .unwrap_or_else(|e| e.message(lang).to_string()),
        _ => display_cell(cell, role),
    }
}

/// A computed figure as shown.
fn computed_text(format: &DisplayFormat, figure: Figure, value: Computed, lang: Lang) -> String {
    if figure.is_percent() {
        format.computed_percent(value, lang)
    } else {
        format.computed(value, lang)
    }
}

/// Deviations below zero are unfavourable under every sign convention.
fn is_deviation(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::Variance
            | Figure::VariancePct
            | Figure::ForecastVariance
            | Figure::ForecastVariancePct
            | Figure::InvestmentVariance
            | Figure::TotalBudgetVariance
    )
}

fn negative(value: Option<rust_decimal::Decimal>) -> bool {
    value.is_some_and(|v| v.is_sign_negative() && !v.is_zero())
}

/// Messages per cell (`(row, column)`, either may be absent for a message
/// about a whole row or column) from the reader and the report checks.
pub type CellMessages = BTreeMap<(Option<usize>, Option<usize>), Vec<String>>;

/// Collects the reader's diagnostics and the report checks of the cells in
/// `rows` (the rows drawn): only their messages are written out.
pub fn cell_messages(
    table: &Table,
    calc: &SheetCalc,
    lang: Lang,
    rows: std::ops::Range<usize>,
) -> CellMessages {
    let mut map: CellMessages = BTreeMap::new();
    for d in &table.diagnostics {
        if d.row.is_some_and(|r| rows.contains(&r)) {
            map.entry((d.row, d.column))
                .or_default()
                .push(d.message(lang));
        }
    }
    for c in &calc.checks {
        if rows.contains(&c.row) {
            map.entry((Some(c.row), Some(c.column)))
                .or_default()
                .push(c.message(lang).to_string());
        }
    }
    map
}

/// The selection: the active cell and the other corner of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// The cell keys act on (row, grid column index).
    pub active: (usize, usize),
    /// The corner the range extends from.
    pub anchor: (usize, usize),
}

impl Selection {
    /// The rows and grid columns of the range, inclusive.
    pub fn range(&self) -> ((usize, usize), (usize, usize)) {
        let (r0, r1) = (
            self.active.0.min(self.anchor.0),
            self.active.0.max(self.anchor.0),
        );
        let (c0, c1) = (
            self.active.1.min(self.anchor.1),
            self.active.1.max(self.anchor.1),
        );
        ((r0, r1), (c0, c1))
    }

    fn contains(&self, row: usize, col: usize) -> bool {
        let ((r0, r1), (c0, c1)) = self.range();
        (r0..=r1).contains(&row) && (c0..=c1).contains(&col)
    }
}

/// What one render of the body needs.
pub struct BodyInput<'a> {
    /// The table.
    pub table: &'a Table,
    /// Its results.
    pub results: &'a Results,
    /// The columns shown.
    pub columns: &'a [GridColumn],
    /// Messages per cell.
    pub messages: &'a CellMessages,
    /// The language.
    pub lang: Lang,
    /// The selection, if the grid has one to show.
    pub selection: Option<Selection>,
}

/// The body rows `first..end` as HTML: each cell carries `data-row` and
/// `data-col`, its classes (number, negative, flagged, edited, indented
/// child, computed, unfavourable), its messages and pasted original as a
/// tooltip; a footnote marker is a `<sup>`; the active cell has the id the
/// grid's `aria-activedescendant` names.
pub fn body_html(input: &BodyInput, first: usize, end: usize) -> String {
    let BodyInput {
        table,
        results,
        columns,
        messages,
        lang,
        selection,
    } = *input;
    let t = texts(lang);
    let format = DisplayFormat::of(table);
    let end = end.min(table.rows.len());
    let mut out = String::with_capacity(
        end.saturating_sub(first)
            .saturating_mul(columns.len())
            .saturating_mul(56),
    );
    let mut classes: Vec<&str> = Vec::with_capacity(6);
    let mut title = String::new();
    for i in first..end {
        let Some(row) = table.rows.get(i) else { break };
        let kind = match row.kind {
            RowKind::Heading => "kind-heading",
            RowKind::Item => "kind-item",
            RowKind::Subtotal => "kind-subtotal",
            RowKind::Total => "kind-total",
        };
        let _ = write!(
            out,
            "<tr data-row=\"{i}\" aria-rowindex=\"{}\" class=\"{kind}\">",
            i + 2
        );
        let result = results.rows.get(i);
        for (g, column) in columns.iter().enumerate() {
            classes.clear();
            title.clear();
            let text = match *column {
                GridColumn::Input(j) => {
                    let role = table.columns.get(j).map_or(Role::Other, |c| c.role);
                    let cell = row.cells.get(j).unwrap_or(&Cell::Empty);
                    if matches!(cell, Cell::Number(_)) {
                        classes.push("num");
                    }
                    if negative(cell.number()) {
                        classes.push("neg");
                    }
                    if let Some(m) = messages.get(&(Some(i), Some(j))).filter(|m| !m.is_empty()) {
                        classes.push("flagged");
                        title.push_str(&m.join("\n"));
                    }
                    if let Some(original) = row.originals.get(&j) {
                        classes.push("edited");
                        if !title.is_empty() {
                            title.push('\n');
                        }
                        let shown = display_cell(original, role);
                        let _ = write!(
                            title,
                            "{}: {}",
                            t.pasted_value,
                            if shown.is_empty() { "–" } else { &shown }
                        );
                    }
                    if role == Role::Label {
                        // Kept in view when scrolling right, and narrow:
                        // the full text is on hover.
                        classes.push("label");
                        if row.level > 0 {
                            classes.push("indent");
                        }
                    }
                    let mut text = input_text(table, &format, cell, role, lang);
                    if role == Role::Label && title.is_empty() {
                        title.push_str(&text);
                    }
                    if let Some(note) = row.note.as_ref().filter(|_| role == Role::Label) {
                        // Marked as a placeholder; escaped below with the text.
                        text.push('\u{0}');
                        text.push_str(note);
                    }
                    text
                }
                GridColumn::Figure(f) => {
                    let value = result.map_or(Computed::Blank, |r| r.figure(f));
                    classes.push("computed");
                    classes.push("num");
                    if is_deviation(f) && negative(value.value()) {
                        classes.push("unfavourable");
                    }
                    if value.error().is_some() {
                        classes.push("error");
                    }
                    computed_text(&format, f, value, lang)
                }
                GridColumn::Status => {
                    classes.push("computed");
                    classes.push("status");
                    match result.and_then(|r| r.status) {
                        Some(s) => {
                            title.push_str(s.name(lang));
                            s.symbol().to_string()
                        }
                        None => String::new(),
                    }
                }
            };
            let selected = selection.is_some_and(|s| s.contains(i, g));
            let active = selection.is_some_and(|s| s.active == (i, g));
            if selected {
                classes.push("selected");
            }
            out.push_str("<td");
            if active {
                out.push_str(" id=\"kalkyl-active\"");
            }
            let _ = write!(out, " data-row=\"{i}\" data-col=\"{}\"", column.key());
            if !classes.is_empty() {
                out.push_str(" class=\"");
                out.push_str(&classes.join(" "));
                out.push('"');
            }
            if selected {
                out.push_str(" aria-selected=\"true\"");
            }
            if !title.is_empty() {
                out.push_str(" title=\"");
                push_escaped(&mut out, &title);
                out.push('"');
            }
            out.push('>');
            match text.split_once('\u{0}') {
                Some((text, note)) => {
                    push_escaped(&mut out, text);
                    out.push_str("<sup class=\"note\">");
                    push_escaped(&mut out, note);
                    out.push_str("</sup>");
                }
                None => push_escaped(&mut out, &text),
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out
}

/// The header row as HTML: each input column's heading with what Kalkyl
/// takes it for and, for numbers, the decimal mark (both changeable, by
/// `data-act` controls the sheet listens to); then the computed columns.
pub fn head_html(
    table: &Table,
    choices: &ReadChoices,
    columns: &[GridColumn],
    lang: Lang,
) -> String {
    let t = texts(lang);
    let mut out = String::from("<tr aria-rowindex=\"1\">");
    for column in columns {
        match *column {
            GridColumn::Input(j) => {
                let Some(c) = table.columns.get(j) else {
                    continue;
                };
                let messages: Vec<String> = table
                    .diagnostics
                    .iter()
                    .filter(|d| d.row.is_none() && d.column == Some(j))
                    .map(|d| d.message(lang))
                    .collect();
                let _ = write!(out, "<th scope=\"col\" data-col=\"{j}\"");
                let class = match (c.role == Role::Label, messages.is_empty()) {
                    (true, true) => Some("label"),
                    (true, false) => Some("label flagged"),
                    (false, false) => Some("flagged"),
                    (false, true) => None,
                };
                if let Some(class) = class {
                    let _ = write!(out, " class=\"{class}\"");
                }
                if !messages.is_empty() {
                    out.push_str(" title=\"");
                    push_escaped(&mut out, &messages.join("\n"));
                    out.push('"');
                }
                out.push_str("><span class=\"heading-text\">");
                push_escaped(&mut out, &c.heading);
                let _ = write!(
                    out,
                    "</span><select data-act=\"role\" data-col=\"{j}\" data-testid=\"role-{j}\" aria-label=\"{}\">",
                    t.role_label
                );
                for role in Role::ALL {
                    let _ = write!(
                        out,
                        "<option value=\"{}\"{}>{}</option>",
                        role.key(),
                        if role == c.role { " selected" } else { "" },
                        role.name(lang)
                    );
                }
                out.push_str("</select>");
                if c.role.is_numeric() {
                    let mark = match choices.decimal_marks.get(&j) {
                        None => "auto",
                        Some(DecimalMark::Comma) => "comma",
                        Some(DecimalMark::Point) => "point",
                    };
                    let _ = write!(
                        out,
                        "<select data-act=\"mark\" data-col=\"{j}\" data-testid=\"mark-{j}\" aria-label=\"{}\">",
                        t.mark_label
                    );
                    for (key, text) in
                        [("auto", "auto"), ("comma", "1 234,5"), ("point", "1,234.5")]
                    {
                        let _ = write!(
                            out,
                            "<option value=\"{key}\"{}>{text}</option>",
                            if key == mark { " selected" } else { "" }
                        );
                    }
                    out.push_str("</select>");
                }
                out.push_str("</th>");
            }
            GridColumn::Figure(f) => {
                let _ = write!(
                    out,
                    "<th scope=\"col\" class=\"computed\" data-col=\"{}\">{}</th>",
                    f.key(),
                    f.name(lang)
                );
            }
            GridColumn::Status => {
                let _ = write!(
                    out,
                    "<th scope=\"col\" class=\"computed\" data-col=\"status\">{}</th>",
                    t.status_heading
                );
            }
        }
    }
    out.push_str("</tr>");
    out
}

/// The computed totals row as HTML (`data-row="total"`).
pub fn totals_html(input: &BodyInput) -> String {
    let BodyInput {
        table,
        results,
        columns,
        lang,
        ..
    } = *input;
    let t = texts(lang);
    let format = DisplayFormat::of(table);
    let label = table.column_of(Role::Label);
    let mut out = format!(
        "<tr class=\"computed-total\" data-row=\"total\" aria-rowindex=\"{}\">",
        table.rows.len() + 2
    );
    for column in columns {
        let (text, class) = match *column {
            GridColumn::Input(j) if Some(j) == label => (t.computed_totals.to_string(), "label"),
            GridColumn::Input(j) => {
                let value = results.totals.columns.get(j).copied().unwrap_or_default();
                let class = if negative(value.value()) {
                    "num neg"
                } else {
                    "num"
                };
                (format.computed(value, lang), class)
            }
            GridColumn::Figure(f) => {
                let value = results.totals.computed.figure(f);
                let class = if is_deviation(f) && negative(value.value()) {
                    "computed num unfavourable"
                } else {
                    "computed num"
                };
                (computed_text(&format, f, value, lang), class)
            }
            GridColumn::Status => (
                results
                    .totals
                    .computed
                    .status
                    .map(|s| s.symbol().to_string())
                    .unwrap_or_default(),
                "computed status",
            ),
        };
        let _ = write!(
            out,
            "<td data-row=\"total\" data-col=\"{}\" class=\"{class}\">",
            column.key()
        );
        push_escaped(&mut out, &text);
        out.push_str("</td>");
    }
    out.push_str("</tr>");
    out
}

/// The selected range as tab-separated text that Swedish Excel reads as
/// numbers: decimal comma, no thousands grouping, percentages as `2,6%`,
/// amounts as shown (display unit and decimals); text that would start a
/// formula is kept as text with a leading apostrophe.
pub fn selection_tsv(input: &BodyInput, selection: Selection) -> String {
    let BodyInput {
        table,
        results,
        columns,
        lang,
        ..
    } = *input;
    let format = DisplayFormat::of(table).with_style(NumberStyle::swedish_plain());
    let ((r0, r1), (c0, c1)) = selection.range();
    let mut out = String::new();
    for i in r0..=r1.min(table.rows.len().saturating_sub(1)) {
        let row = &table.rows[i];
        for g in c0..=c1 {
            if g > c0 {
                out.push('\t');
            }
            let text = match columns.get(g) {
                Some(GridColumn::Input(j)) => {
                    let role = table.columns.get(*j).map_or(Role::Other, |c| c.role);
                    match row.cells.get(*j) {
                        Some(Cell::Number(v)) if role.is_amount() => format
                            .amount(*v)
                            .unwrap_or_else(|e| e.message(lang).to_string()),
                        Some(Cell::Number(v)) => {
                            format_decimal(*v, &format.style.with_decimals(Some(v.scale())))
                                + if role == Role::StatedPercent { "%" } else { "" }
                        }
                        Some(Cell::Text(s)) => {
                            if s.starts_with(['=', '+', '-', '@']) {
                                format!("'{s}")
                            } else {
                                s.clone()
                            }
                        }
                        _ => String::new(),
                    }
                }
                Some(GridColumn::Figure(f)) => {
                    let value = results
                        .rows
                        .get(i)
                        .map_or(Computed::Blank, |r| r.figure(*f));
                    match (f.is_percent(), value) {
                        (true, Computed::Value(v)) => {
                            format_decimal(v, &format.style.with_decimals(Some(1))) + "%"
                        }
                        _ => format.computed(value, lang),
                    }
                }
                Some(GridColumn::Status) => results
                    .rows
                    .get(i)
                    .and_then(|r| r.status)
                    .map(|s| s.symbol().to_string())
                    .unwrap_or_default(),
                None => String::new(),
            };
            // A tab or line break inside a cell would split it in Excel.
            out.push_str(&text.replace(['\t', '\n', '\r'], " "));
        }
        out.push_str("\r\n");
    }
    out
}

/// Reads what the user typed into a cell. Numeric columns take a Swedish
/// number (a unit may be given and is converted exactly to the table's),
/// or nothing to clear the cell; other columns take the text as it is.
pub fn parse_typed(
    text: &str,
    role: Role,
    table_unit: Option<Unit>,
    lang: Lang,
) -> Result<Cell, String> {
    if !role.is_numeric() {
        return Ok(if text.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_string())
        });
    }
    match read_number(text, DecimalMark::Comma) {
        Ok(Reading::Blank | Reading::Nothing) => Ok(Cell::Empty),
        Ok(Reading::Number(n)) => match (n.unit, table_unit) {
            (Some(from), Some(to)) if from != to => convert(n.value, from, to)
                .map(Cell::Number)
                .map_err(|e| e.message(lang).to_string()),
            _ => Ok(Cell::Number(n.value)),
        },
        Err(e) => Err(e.message(lang)),
    }
}

/// Where a key moves the active cell, or `None` when the key is not a move.
/// `page` is the number of rows in view.
pub fn moved(
    key: &str,
    ctrl: bool,
    (row, col): (usize, usize),
    rows: usize,
    cols: usize,
    page: usize,
) -> Option<(usize, usize)> {
    let last_row = rows.saturating_sub(1);
    let last_col = cols.saturating_sub(1);
    Some(match (key, ctrl) {
        ("ArrowUp", false) => (row.saturating_sub(1), col),
        ("ArrowUp", true) => (0, col),
        ("ArrowDown", false) => ((row + 1).min(last_row), col),
        ("ArrowDown", true) => (last_row, col),
        ("ArrowLeft", false) => (row, col.saturating_sub(1)),
        ("ArrowLeft", true) => (row, 0),
        ("ArrowRight", false) => (row, (col + 1).min(last_col)),
        ("ArrowRight", true) => (row, last_col),
        ("Home", false) => (row, 0),
        ("Home", true) => (0, 0),
        ("End", false) => (row, last_col),
        ("End", true) => (last_row, last_col),
        ("PageUp", _) => (row.saturating_sub(page.max(1)), col),
        ("PageDown", _) => ((row + page.max(1)).min(last_row), col),
        _ => return None,
    })
}

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
        dom::next_frame(move || {
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
                dom::next_frame(move || {
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
            dom::next_frame(move || {
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
            let current = crate::app::method_key(method);
            for (key, label) in crate::app::method_options(t) {
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
        let method = crate::app::method_of_key(&dom::target_value(&ev));
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
        editor_error.with(|e| crate::app::alert_html("cell-error", e.as_deref()))
    });
    scroller.set(scroll_el.unchecked_into());
    table_ref.set(table.unchecked_into());
    editor_ref.set(editor.unchecked_into());
    // Size the window to the scroller once it is laid out (reading it now
    // would force a layout of the half-built page).
    dom::next_frame(measure);
}

#[cfg(test)]
mod tests {
    use super::*;
    use kalkyl_core::read::{read_paste, ReadChoices};

    fn sample() -> Table {
        read_paste(
            "Belopp i mnkr\tUtfall\tBudget\nHälsovalsenheten, varav\t-1 864,1\t-1 917,1\n- A & <b>B</b> \"c\"*\t-1,5\t2\nX\t1 40\t3\n",
            None,
            &ReadChoices::default(),
        )
    }

    #[test]
    fn rows_render_as_escaped_html_with_their_classes_and_notes() {
        let table = sample();
        let calc = SheetCalc::new(&table);
        let columns = grid_columns(&table, calc.calc.results());
        let messages = cell_messages(&table, &calc, Lang::Sv, 0..10);
        let input = BodyInput {
            table: &table,
            results: calc.calc.results(),
            columns: &columns,
            messages: &messages,
            lang: Lang::Sv,
            selection: None,
        };
        let html = body_html(&input, 0, 10);
        assert!(html.starts_with("<tr data-row=\"0\" aria-rowindex=\"2\" class=\"kind-item\"><td data-row=\"0\" data-col=\"0\" class=\"label\" title=\"Hälsovalsenheten, varav\">Hälsovalsenheten, varav</td>"), "{html}");
        assert!(
            html.contains("<td data-row=\"0\" data-col=\"1\" class=\"num neg\">-1\u{a0}864,1</td>"),
            "{html}"
        );
        // The child row: indented, text escaped, footnote apart.
        assert!(
            html.contains("<td data-row=\"1\" data-col=\"0\" class=\"label indent\" title=\"A &amp; B &quot;c&quot;\">A &amp; B &quot;c&quot;<sup class=\"note\">*</sup></td>"),
            "{html}"
        );
        // An unreadable cell is flagged, with its message as an escaped tooltip.
        assert!(
            html.contains(
                "<td data-row=\"2\" data-col=\"1\" class=\"flagged\" title=\"Rad 3, kolumn 2"
            ),
            "{html}"
        );
        // Net costs: outcome − budget, 53,0 favourable, shown as computed.
        assert!(
            html.contains(
                "<td data-row=\"0\" data-col=\"variance\" class=\"computed num\">53,0</td>"
            ),
            "{html}"
        );
        assert!(!html.contains("<b>"));
        // Only the rows asked for.
        assert_eq!(body_html(&input, 1, 2).matches("<tr ").count(), 1);
    }

    #[test]
    fn the_active_cell_and_the_range_are_marked() {
        let table = sample();
        let calc = SheetCalc::new(&table);
        let columns = grid_columns(&table, calc.calc.results());
        let messages = CellMessages::new();
        let selection = Selection {
            active: (1, 2),
            anchor: (0, 1),
        };
        let input = BodyInput {
            table: &table,
            results: calc.calc.results(),
            columns: &columns,
            messages: &messages,
            lang: Lang::Sv,
            selection: Some(selection),
        };
        let html = body_html(&input, 0, 3);
        assert_eq!(html.matches("id=\"kalkyl-active\"").count(), 1);
        assert!(html.contains("<td id=\"kalkyl-active\" data-row=\"1\" data-col=\"2\""));
        assert_eq!(html.matches("aria-selected=\"true\"").count(), 4);
    }

    #[test]
    fn copied_ranges_are_tab_separated_swedish_numbers() {
        let table = read_paste(
            "Enhet\tUtfall\tBudget\n=HYPERLINK(\"x\")\t-1 864,1\t-1 917,1\nB\t12 345\t10 000\n",
            None,
            &ReadChoices::default(),
        );
        let calc = SheetCalc::new(&table);
        let columns = grid_columns(&table, calc.calc.results());
        let input = BodyInput {
            table: &table,
            results: calc.calc.results(),
            columns: &columns,
            messages: &CellMessages::new(),
            lang: Lang::Sv,
            selection: None,
        };
        let all = Selection {
            active: (1, columns.len() - 1),
            anchor: (0, 0),
        };
        let tsv = selection_tsv(&input, all);
        let lines: Vec<&str> = tsv.split("\r\n").collect();
        assert!(
            lines[0].starts_with("'=HYPERLINK(\"x\")\t-1864,1\t-1917,1\t53,0"),
            "{tsv}"
        );
        assert!(lines[1].starts_with("B\t12345\t10000\t"), "{tsv}");
        assert!(tsv.contains('%'), "{tsv}");
    }

    #[test]
    fn typed_values_are_read_as_swedish_numbers_or_refused() {
        type Case = (&'static str, Role, Option<Unit>, Result<&'static str, ()>);
        let cases: &[Case] = &[
            ("1 234,5", Role::Outcome, None, Ok("1234.5")),
            ("-12", Role::Budget, None, Ok("-12")),
            ("", Role::Budget, None, Ok("")),
            ("2 mnkr", Role::Budget, Some(Unit::Tkr), Ok("2000")),
            ("abc", Role::Outcome, None, Err(())),
            ("Ny rad", Role::Label, None, Ok("Ny rad")),
        ];
        for (typed, role, unit, expected) in cases {
            let got = parse_typed(typed, *role, *unit, Lang::Sv);
            match (got, expected) {
                (Ok(Cell::Number(v)), Ok(e)) => assert_eq!(v.to_string(), *e, "{typed}"),
                (Ok(Cell::Empty), Ok(e)) => assert_eq!("", *e, "{typed}"),
                (Ok(Cell::Text(s)), Ok(e)) => assert_eq!(s, *e, "{typed}"),
                (Err(m), Err(())) => assert!(!m.is_empty()),
                (got, e) => panic!("{typed}: {got:?} vs {e:?}"),
            }
        }
    }

    #[test]
    fn keys_move_like_excel_and_stop_at_the_edges() {
        type Case = (&'static str, bool, (usize, usize), Option<(usize, usize)>);
        let cases: &[Case] = &[
            ("ArrowDown", false, (0, 0), Some((1, 0))),
            ("ArrowDown", false, (9, 0), Some((9, 0))),
            ("ArrowUp", false, (0, 3), Some((0, 3))),
            ("ArrowRight", false, (2, 4), Some((2, 4))),
            ("ArrowLeft", true, (2, 4), Some((2, 0))),
            ("ArrowDown", true, (2, 4), Some((9, 4))),
            ("Home", true, (5, 3), Some((0, 0))),
            ("End", true, (5, 3), Some((9, 4))),
            ("PageDown", false, (5, 3), Some((9, 3))),
            ("PageUp", false, (5, 3), Some((1, 3))),
            ("a", false, (5, 3), None),
        ];
        for (key, ctrl, from, expected) in cases {
            assert_eq!(
                moved(key, *ctrl, *from, 10, 5, 4),
                *expected,
                "{key} {ctrl} {from:?}"
            );
        }
    }
}
