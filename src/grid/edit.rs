//! What the grid's keys do to the table: the selection as tab-separated
//! text (Ctrl+C), typed text read as a cell's new value, and where the
//! arrows, Tab and Enter move the active cell.

use kalkyl_core::calc::Computed;
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, Role};
use kalkyl_core::number::{
    convert, format_decimal, read_number, DecimalMark, NumberStyle, Reading, Unit,
};

use super::markup::{BodyInput, GridColumn, Selection};

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
