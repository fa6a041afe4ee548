//! What the grid shows, as data: which columns, and for each cell of a
//! body row, the totals and the heading its text, classes and tooltip.
//! Pure functions of the table and its results, tested natively; the
//! components in `mod.rs` only put them on screen.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kalkyl_core::calc::{Computed, Figure, Results};
use kalkyl_core::display::DisplayFormat;
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

    /// What the selection marks in body row `row`: the active cell's grid
    /// column if it is in this row, and the selected columns if the range
    /// covers this row. Each drawn row keeps this as its own memo, so a move
    /// redraws only the rows whose marks changed.
    pub fn row_marks(&self, row: usize) -> RowMarks {
        let ((r0, r1), columns) = self.range();
        RowMarks {
            active: (self.active.0 == row).then_some(self.active.1),
            selected: (r0..=r1).contains(&row).then_some(columns),
        }
    }
}

/// The selection's marks in one row (see [`Selection::row_marks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowMarks {
    /// The active cell's grid column, if it is in this row.
    pub active: Option<usize>,
    /// The selected grid columns (inclusive), if the range covers the row.
    pub selected: Option<(usize, usize)>,
}

impl RowMarks {
    /// Whether grid column `g` is selected.
    pub fn is_selected(&self, g: usize) -> bool {
        self.selected.is_some_and(|(c0, c1)| (c0..=c1).contains(&g))
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
}

/// What one cell shows: its text, a footnote marker, its classes (without
/// the selection's) and its tooltip.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellShown {
    /// The `data-col` value (see [`GridColumn::key`]).
    pub key: String,
    /// The text as shown.
    pub text: String,
    /// A footnote marker after the text (a label's note).
    pub note: Option<String>,
    /// The classes, space-separated: number, negative, flagged, edited,
    /// label and indented child, computed, unfavourable, error, status.
    pub class: String,
    /// The tooltip: messages, the pasted original, a label's full text.
    pub title: String,
}

/// What one body row shows: its kind's class and its cells, one per grid
/// column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowShown {
    /// `kind-item`, `kind-heading`, `kind-subtotal` or `kind-total`.
    pub kind: &'static str,
    /// The cells, in grid column order.
    pub cells: Vec<CellShown>,
}

/// Body row `i` as shown, or `None` past the end of the table: each cell's
/// text and classes (number, negative, flagged, edited, indented child,
/// computed, unfavourable), its messages and pasted original as a tooltip,
/// a label's footnote apart.
pub fn row_shown(input: &BodyInput, i: usize) -> Option<RowShown> {
    let BodyInput {
        table,
        results,
        columns,
        messages,
        lang,
    } = *input;
    let t = texts(lang);
    let format = DisplayFormat::of(table);
    let row = table.rows.get(i)?;
    let kind = match row.kind {
        RowKind::Heading => "kind-heading",
        RowKind::Item => "kind-item",
        RowKind::Subtotal => "kind-subtotal",
        RowKind::Total => "kind-total",
    };
    let result = results.rows.get(i);
    let mut classes: Vec<&str> = Vec::with_capacity(6);
    let cells = columns
        .iter()
        .map(|column| {
            classes.clear();
            let mut title = String::new();
            let mut note = None;
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
                        note = row.note.clone();
                    }
                    let text = input_text(table, &format, cell, role, lang);
                    if role == Role::Label && title.is_empty() {
                        title.push_str(&text);
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
            CellShown {
                key: column.key(),
                text,
                note,
                class: classes.join(" "),
                title,
            }
        })
        .collect();
    Some(RowShown { kind, cells })
}

/// What a heading cell shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadShown {
    /// The `data-col` value (see [`GridColumn::key`]).
    pub key: String,
    /// The heading's text: the pasted heading or the computed figure's name.
    pub text: String,
    /// The classes, space-separated (`label`, `flagged`, `computed`).
    pub class: String,
    /// The reader's messages about the whole column.
    pub title: String,
    /// For an input column, what Kalkyl takes it for (changeable).
    pub input: Option<HeadInput>,
}

/// An input column's choices in the heading: its role and, for numbers,
/// its decimal mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadInput {
    /// The input column.
    pub column: usize,
    /// The column's role.
    pub role: Role,
    /// The decimal mark's key (`auto`, `comma`, `point`) for a numeric
    /// column; `None` for others, which have no such choice.
    pub mark: Option<&'static str>,
}

/// The decimal marks as `(key, label)`, `auto` first.
pub const MARK_OPTIONS: [(&str, &str); 3] =
    [("auto", "auto"), ("comma", "1 234,5"), ("point", "1,234.5")];

/// The heading row as shown: each input column's heading with what Kalkyl
/// takes it for and, for numbers, the decimal mark; then the computed
/// columns.
pub fn head_shown(
    table: &Table,
    choices: &ReadChoices,
    columns: &[GridColumn],
    lang: Lang,
) -> Vec<HeadShown> {
    let t = texts(lang);
    columns
        .iter()
        .filter_map(|column| {
            Some(match *column {
                GridColumn::Input(j) => {
                    let c = table.columns.get(j)?;
                    let messages: Vec<String> = table
                        .diagnostics
                        .iter()
                        .filter(|d| d.row.is_none() && d.column == Some(j))
                        .map(|d| d.message(lang))
                        .collect();
                    let class = match (c.role == Role::Label, messages.is_empty()) {
                        (true, true) => "label",
                        (true, false) => "label flagged",
                        (false, false) => "flagged",
                        (false, true) => "",
                    };
                    let mark = c
                        .role
                        .is_numeric()
                        .then(|| match choices.decimal_marks.get(&j) {
                            None => "auto",
                            Some(DecimalMark::Comma) => "comma",
                            Some(DecimalMark::Point) => "point",
                        });
                    HeadShown {
                        key: column.key(),
                        text: c.heading.clone(),
                        class: class.to_string(),
                        title: messages.join("\n"),
                        input: Some(HeadInput {
                            column: j,
                            role: c.role,
                            mark,
                        }),
                    }
                }
                GridColumn::Figure(f) => HeadShown {
                    key: column.key(),
                    text: f.name(lang).to_string(),
                    class: "computed".to_string(),
                    title: String::new(),
                    input: None,
                },
                GridColumn::Status => HeadShown {
                    key: column.key(),
                    text: t.status_heading.to_string(),
                    class: "computed".to_string(),
                    title: String::new(),
                    input: None,
                },
            })
        })
        .collect()
}

/// The computed totals row as shown, one cell per grid column: the label
/// column says what the row is, the amounts are the computed totals.
pub fn totals_shown(input: &BodyInput) -> Vec<CellShown> {
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
    columns
        .iter()
        .map(|column| {
            let (text, class) = match *column {
                GridColumn::Input(j) if Some(j) == label => {
                    (t.computed_totals.to_string(), "label")
                }
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
            CellShown {
                key: column.key(),
                text,
                note: None,
                class: class.to_string(),
                title: String::new(),
            }
        })
        .collect()
}
