//! Every economy table of the seed reports, pasted as text/plain exactly as
//! it appears in the seed, must read into the expected table: roles, unit,
//! months, headings, row kinds and levels, labels, footnotes and every number
//! with its shown decimals.

mod support;

use kalkyl_core::model::{Cell, Table};
use kalkyl_core::read::{read_paste, ReadChoices};
use support::fixture::{load_all, ExpectedCell, Fixture};

/// Compares one fixture; returns every difference found.
fn differences(fx: &Fixture, table: &Table) -> Vec<String> {
    let mut out = Vec::new();
    let roles: Vec<&str> = table.columns.iter().map(|c| c.role.key()).collect();
    if roles != fx.columns.iter().map(String::as_str).collect::<Vec<_>>() {
        out.push(format!("roles: got {roles:?}, want {:?}", fx.columns));
    }
    let headings: Vec<Option<String>> = table
        .columns
        .iter()
        .map(|c| (!c.heading.is_empty()).then(|| c.heading.clone()))
        .collect();
    if headings != fx.headings {
        out.push(format!(
            "headings: got {headings:?}, want {:?}",
            fx.headings
        ));
    }
    let unit = table.unit.map(|u| u.symbol().to_string());
    let want_unit = match fx.unit.as_deref() {
        Some("none") | None => None,
        Some(u) => Some(u.to_string()),
    };
    if unit != want_unit {
        out.push(format!("unit: got {unit:?}, want {want_unit:?}"));
    }
    if table.months.map(u32::from) != fx.months {
        out.push(format!(
            "months: got {:?}, want {:?}",
            table.months, fx.months
        ));
    }
    if table.title != fx.title {
        out.push(format!("title: got {:?}, want {:?}", table.title, fx.title));
    }
    if table.rows.len() != fx.rows.len() {
        out.push(format!(
            "rows: got {}, want {}",
            table.rows.len(),
            fx.rows.len()
        ));
    }
    for (i, (row, want)) in table.rows.iter().zip(&fx.rows).enumerate() {
        if row.kind.key() != want.kind || row.level != want.level {
            out.push(format!(
                "row {i} ({}): kind/level got {} {}, want {} {}",
                table.label(i),
                row.kind.key(),
                row.level,
                want.kind,
                want.level
            ));
        }
        for (j, want_cell) in want.cells.iter().enumerate() {
            let got = row.cells.get(j).cloned().unwrap_or_default();
            let same = match (want_cell, &got) {
                (ExpectedCell::Empty, Cell::Empty) => true,
                // Same value and the same shown decimals.
                (ExpectedCell::Number(w), Cell::Number(g)) => w == g && w.scale() == g.scale(),
                (ExpectedCell::Text(w), Cell::Text(g)) => w == g,
                (ExpectedCell::Label { text, note }, Cell::Text(g)) => {
                    text == g && *note == row.note
                }
                (ExpectedCell::Label { text, note }, Cell::Empty) => {
                    text.is_empty() && note.is_none()
                }
                _ => false,
            };
            if !same {
                out.push(format!(
                    "row {i} col {j}: got {got:?} (note {:?}), want {want_cell}",
                    row.note
                ));
            }
        }
        if row.cells.len() != want.cells.len() {
            out.push(format!(
                "row {i}: {} cells, want {}",
                row.cells.len(),
                want.cells.len()
            ));
        }
    }
    out
}

#[test]
fn every_seed_table_reads_as_expected() {
    let fixtures = load_all();
    assert!(fixtures.len() >= 30);
    let mut failures = Vec::new();
    for fx in &fixtures {
        let table = read_paste(&fx.paste, None, &ReadChoices::default());
        let diffs = differences(fx, &table);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", fx.name, diffs.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}
