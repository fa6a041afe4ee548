//! Properties of the engine and the checks on random tables:
//!
//! - after every step of a random editing session, the incrementally kept
//!   results equal a full recompute, to the last decimal;
//! - the totals are the plain sums of the top-level item rows;
//! - a table whose stated figures are right gets no check, and a table with
//!   one wrong total gets exactly that one.
//!
//! The number of cases follows PROPTEST_CASES.

mod support;

use kalkyl_core::calc::{compute, Computed, IncrementalCalc};
use kalkyl_core::checks::{check_table, CheckKind};
use kalkyl_core::edit::History;
use kalkyl_core::model::{Cell, Column, Role, Row, RowKind, SignConvention, Table, TableSettings};
use kalkyl_core::number::Unit;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use support::gen::{picture, session, table, Step};

proptest! {
    #[test]
    fn incremental_results_equal_a_full_recompute_after_every_step(
        (start, steps) in session(10, 16)
    ) {
        let mut table = start;
        let mut history = History::new(8);
        let mut calc = IncrementalCalc::new(&table);
        prop_assert_eq!(picture(calc.results()), picture(&compute(&table)));
        for step in &steps {
            let effect = match step {
                Step::Do(command) => history.apply(&mut table, command).ok(),
                Step::Undo => history.undo(&mut table),
                Step::Redo => history.redo(&mut table),
            };
            if let Some(effect) = effect {
                calc.update(&table, &effect);
            }
            prop_assert_eq!(
                picture(calc.results()),
                picture(&compute(&table)),
                "after {:?}",
                step
            );
        }
    }

    #[test]
    fn totals_are_the_sums_of_the_top_level_items(t in table(12)) {
        let results = compute(&t);
        for (c, column) in t.columns.iter().enumerate() {
            // Beyond 10^20, or with many decimals, a sum can need more than
            // Decimal's 28 digits and be rounded, differently in another
            // order of addition.
            let small = Decimal::from(10u64.pow(19)) * Decimal::TEN;
            let mut sum = Some(Decimal::ZERO);
            let mut any = false;
            for row in t.rows.iter().filter(|r| r.kind == RowKind::Item && r.level == 0) {
                if let Some(v) = row.cells.get(c).and_then(Cell::number) {
                    any = true;
                    sum = sum.and_then(|s| s.checked_add(v)).filter(|_| v.abs() < small && v.scale() <= 10);
                }
            }
            let got = results.totals.columns[c];
            if !column.role.is_amount() || !any {
                prop_assert_eq!(got, Computed::Blank);
            } else if let Some(s) = sum {
                // Without overflow on the way, the exact sum is the plain one.
                if let Computed::Value(g) = got {
                    prop_assert_eq!(g, s);
                }
            }
        }
        // The computed deviation's total is the sum of the rows' deviations.
        let mut variance = Computed::Blank;
        let mut error = None;
        for (i, row) in t.rows.iter().enumerate() {
            if row.kind != RowKind::Item || row.level != 0 {
                continue;
            }
            match results.rows[i].variance {
                Computed::Value(v) if v.abs() >= Decimal::from(10u64.pow(19)) || v.scale() > 10 => {
                    return Ok(())
                }
                Computed::Value(v) => {
                    variance = match variance {
                        Computed::Blank => Computed::Value(v),
                        Computed::Value(s) => s.checked_add(v).map_or(variance, Computed::Value),
                        e => e,
                    }
                }
                Computed::Error(e) => error = Some(e),
                Computed::Blank => {}
            }
        }
        match (error, results.totals.computed.variance) {
            (Some(_), got) => prop_assert!(got.error().is_some()),
            (None, Computed::Value(g)) => prop_assert_eq!(Computed::Value(g), variance),
            (None, got) => prop_assert!(got.is_blank() || got.error().is_some()),
        }
    }

    #[test]
    fn a_consistent_table_gets_no_check_and_one_wrong_total_gets_one(
        rows in prop::collection::vec(
            ((-99_999i64..99_999, 0u32..3), (-99_999i64..99_999, 0u32..3), 0u8..4),
            1..12,
        ),
        convention in prop_oneof![
            Just(SignConvention::OutcomeMinusBudget),
            Just(SignConvention::BudgetMinusOutcome),
            Just(SignConvention::OutcomePlusBudget),
        ],
        section in any::<bool>(),
        wrong in prop::option::of((0usize..3, 10i64..1000)),
    ) {
        let (mut table, total_row) = consistent_table(&rows, convention, section);
        prop_assert_eq!(check_table(&table), vec![]);
        // A total off by 10 or more is beyond rounding: at most 13 figures
        // of half a unit each.
        if let Some((column, delta)) = wrong {
            let column = column + 1;
            let cell = &mut table.rows[total_row].cells[column];
            let stated = cell.number().unwrap_or_default();
            let off = stated + Decimal::new(delta, 0);
            *cell = Cell::Number(off);
            let checks = check_table(&table);
            prop_assert_eq!(checks.len(), 1, "{:?}", checks);
            prop_assert_eq!(checks[0].kind, CheckKind::TotalMismatch);
            prop_assert_eq!((checks[0].row, checks[0].column), (total_row, column));
            prop_assert_eq!(checks[0].stated, off);
            prop_assert_eq!(checks[0].recomputed, stated);
        }
    }
}

/// A generated row: outcome and budget as (mantissa, scale), and a kind
/// (3 makes a "varav" child).
type GenRow = ((i64, u32), (i64, u32), u8);

/// A table with outcome, budget and a right stated deviation per row
/// (kind 3 of `rows` makes a "varav" child), optionally a headed section
/// closed by its subtotal in the middle, and a right total.
fn consistent_table(rows: &[GenRow], convention: SignConvention, section: bool) -> (Table, usize) {
    let dev = |o: Decimal, b: Decimal| match convention {
        SignConvention::OutcomeMinusBudget => o - b,
        SignConvention::BudgetMinusOutcome => b - o,
        SignConvention::OutcomePlusBudget => o + b,
    };
    let item = |label: &str, level: u8, o: Decimal, b: Decimal| Row {
        kind: RowKind::Item,
        level,
        note: None,
        cells: vec![
            Cell::Text(label.into()),
            Cell::Number(o),
            Cell::Number(b),
            Cell::Number(dev(o, b)),
        ],
        originals: BTreeMap::new(),
    };
    let sum_row = |kind: RowKind, label: &str, sums: [Decimal; 3]| Row {
        kind,
        level: 0,
        note: None,
        cells: vec![
            Cell::Text(label.into()),
            Cell::Number(sums[0]),
            Cell::Number(sums[1]),
            Cell::Number(sums[2]),
        ],
        originals: BTreeMap::new(),
    };
    let add = |sums: &mut [Decimal; 3], o: Decimal, b: Decimal| {
        sums[0] += o;
        sums[1] += b;
        sums[2] += dev(o, b);
    };
    let mut out = Vec::new();
    let mut total = [Decimal::ZERO; 3];
    let mut sub = [Decimal::ZERO; 3];
    let middle = rows.len() / 3;
    let end = 2 * rows.len() / 3;
    let mut last_top = false;
    for (i, &((om, os), (bm, bs), kind)) in rows.iter().enumerate() {
        let in_section = section && i >= middle && i < end;
        if section && i == middle {
            out.push(Row {
                kind: RowKind::Heading,
                level: 0,
                note: None,
                cells: vec![
                    Cell::Text("Drift".into()),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ],
                originals: BTreeMap::new(),
            });
            last_top = false;
        }
        let (o, b) = (Decimal::new(om, os), Decimal::new(bm, bs));
        if kind == 3 && last_top {
            out.push(item("del", 1, o, b));
        } else {
            out.push(item("rad, varav", 0, o, b));
            add(&mut total, o, b);
            if in_section {
                add(&mut sub, o, b);
            }
            last_top = true;
        }
        if section && i + 1 == end {
            out.push(sum_row(RowKind::Subtotal, "Summa Drift", sub));
            last_top = false;
        }
    }
    out.push(sum_row(RowKind::Total, "Totalt", total));
    let total_row = out.len() - 1;
    let table = Table {
        title: None,
        unit: Some(Unit::Mnkr),
        months: None,
        columns: vec![
            Column {
                heading: "Uppdrag".into(),
                role: Role::Label,
            },
            Column {
                heading: "Utfall".into(),
                role: Role::Outcome,
            },
            Column {
                heading: "Budget".into(),
                role: Role::Budget,
            },
            Column {
                heading: "Avvikelse".into(),
                role: Role::StatedVariance,
            },
        ],
        rows: out,
        diagnostics: Vec::new(),
        settings: TableSettings {
            sign_convention: Some(convention),
            ..TableSettings::default()
        },
    };
    (table, total_row)
}
