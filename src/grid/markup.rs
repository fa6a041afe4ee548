//! The grid's markup: which columns it shows, each cell's text and
//! classes, and the escaped HTML of the rows in view, the heading and the
//! totals.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kalkyl_core::calc::{Computed, Figure, Results};
use kalkyl_core::display::DisplayFormat;
pub use kalkyl_core::file::html::push_escaped;
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, Role, RowKind, Table};
use kalkyl_core::number::{format_decimal, DecimalMark, NumberStyle, Suffix};
use kalkyl_core::read::ReadChoices;

use crate::i18n::texts;
#[cfg(test)]
use crate::state::presence_in;
use crate::state::{Presence, SheetCalc, STATUS_BIT};

/// The height of a body row in pixels; `style/main.css` fixes it, so the
/// rows in view follow from the scroll position alone.
pub const ROW_HEIGHT: f64 = 28.0;
/// Rows drawn above and below those in view, so fast scrolling shows no gap.
pub(super) const OVERSCAN: usize = 10;

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
