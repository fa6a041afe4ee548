//! Builds a [`Table`] from a fixture's expected reading (its `=== rows`),
//! so that the engine and the checks can be tested on exactly the table the
//! reader should produce, independently of the reader.

use std::collections::BTreeMap;

use kalkyl_core::model::SignConvention;
use kalkyl_core::model::{Cell, Column, Role, Row, RowKind, Table, TableSettings};
use kalkyl_core::number::Unit;

use super::fixture::{ExpectedCell, Fixture};

/// The table a fixture describes: columns with their roles and headings,
/// rows with their kinds, levels, footnotes and cells, no diagnostics and
/// default settings.
pub fn fixture_table(f: &Fixture) -> Table {
    let columns = f
        .columns
        .iter()
        .zip(&f.headings)
        .map(|(role, heading)| Column {
            heading: heading.clone().unwrap_or_default(),
            role: Role::from_key(role).unwrap_or_else(|| panic!("{}: unknown role {role}", f.name)),
        })
        .collect();
    let rows = f
        .rows
        .iter()
        .map(|row| {
            let mut note = None;
            let cells = row
                .cells
                .iter()
                .map(|cell| match cell {
                    ExpectedCell::Empty => Cell::Empty,
                    ExpectedCell::Number(d) => Cell::Number(*d),
                    ExpectedCell::Text(t) => Cell::Text(t.clone()),
                    ExpectedCell::Label { text, note: n } => {
                        note = n.clone();
                        Cell::Text(text.clone())
                    }
                })
                .collect();
            Row {
                kind: RowKind::from_key(&row.kind)
                    .unwrap_or_else(|| panic!("{}: unknown kind {}", f.name, row.kind)),
                level: row.level,
                note,
                cells,
                originals: BTreeMap::new(),
            }
        })
        .collect();
    Table {
        title: f.title.clone(),
        unit: f.unit.as_deref().and_then(Unit::from_word),
        months: f.months.map(|m| u8::try_from(m).expect("months fit a u8")),
        columns,
        rows,
        diagnostics: Vec::new(),
        settings: TableSettings::default(),
    }
}

/// The convention a fixture's `sign:` names, when the model has it
/// (`outcome_minus_forecast` is a basis of a deviation column, not a table
/// convention).
pub fn fixture_convention(sign: &str) -> Option<SignConvention> {
    match sign {
        "outcome_minus_budget" => Some(SignConvention::OutcomeMinusBudget),
        "budget_minus_outcome" => Some(SignConvention::BudgetMinusOutcome),
        "outcome_plus_budget" => Some(SignConvention::OutcomePlusBudget),
        _ => None,
    }
}

/// A small table written inline: `roles` for the columns after the label
/// column (headings in `headings`, or the role names), and rows as
/// `(kind, level, label, cells)`, a cell `"_"` being empty and `"x:text"`
/// text.
pub fn inline_table(
    roles: &[Role],
    headings: &[&str],
    rows: &[(&str, u8, &str, &[&str])],
) -> Table {
    let mut columns = vec![Column {
        heading: "Uppdrag".into(),
        role: Role::Label,
    }];
    for (i, role) in roles.iter().enumerate() {
        columns.push(Column {
            heading: headings
                .get(i)
                .map_or_else(|| role.key().to_string(), |h| h.to_string()),
            role: *role,
        });
    }
    let rows = rows
        .iter()
        .map(|(kind, level, label, cells)| {
            let mut all = vec![Cell::Text(label.to_string())];
            all.extend(cells.iter().map(|c| {
                match *c {
                    "_" => Cell::Empty,
                    t if t.starts_with("x:") => Cell::Text(t[2..].to_string()),
                    n => Cell::Number(
                        rust_decimal::Decimal::from_str_exact(n)
                            .unwrap_or_else(|_| panic!("bad number {n}")),
                    ),
                }
            }));
            assert_eq!(all.len(), columns.len(), "row {label}: cell count");
            Row {
                kind: RowKind::from_key(kind).unwrap_or_else(|| panic!("kind {kind}")),
                level: *level,
                note: None,
                cells: all,
                originals: BTreeMap::new(),
            }
        })
        .collect();
    Table {
        title: None,
        unit: Some(Unit::Mnkr),
        months: None,
        columns,
        rows,
        diagnostics: Vec::new(),
        settings: TableSettings::default(),
    }
}
