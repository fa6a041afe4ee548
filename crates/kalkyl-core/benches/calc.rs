//! Benchmarks of the engine at 100 000 rows: one cell edit with the totals
//! adjusted (target under 0.1 ms), and a full recompute (target under 50 ms).
//!
//! Run with `cargo bench -p kalkyl-core --bench calc`.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kalkyl_core::calc::{compute, IncrementalCalc};
use kalkyl_core::edit::{Command, History};
use kalkyl_core::model::{Cell, Column, Role, Row, RowKind, Table, TableSettings};
use kalkyl_core::number::Unit;
use rust_decimal::Decimal;

const ROWS: usize = 100_000;

/// A result table of `rows` rows in sections of 1 000 (heading, items,
/// subtotal) and a total: outcome, budget, annual budget, forecast, prior
/// outcome and a stated deviation, with one-decimal amounts.
fn big_table(rows: usize) -> Table {
    let roles = [
        ("Uppdrag", Role::Label),
        ("Utfall", Role::Outcome),
        ("Budget", Role::Budget),
        ("Årsbudget", Role::AnnualBudget),
        ("Årsprognos", Role::Forecast),
        ("Utfall 2020", Role::PriorOutcome),
        ("Avvikelse", Role::StatedVariance),
    ];
    let columns = roles
        .iter()
        .map(|(h, r)| Column {
            heading: (*h).into(),
            role: *r,
        })
        .collect();
    let row = |kind: RowKind, label: String, cells: Vec<Cell>| Row {
        kind,
        level: 0,
        note: None,
        cells: std::iter::once(Cell::Text(label)).chain(cells).collect(),
        originals: BTreeMap::new(),
    };
    let mut out = Vec::with_capacity(rows + rows / 500 + 1);
    let mut i = 0usize;
    let mut section = 0usize;
    while i < rows {
        out.push(row(
            RowKind::Heading,
            format!("Enhet {section}"),
            vec![Cell::Empty; 6],
        ));
        for _ in 0..1000 {
            if i >= rows {
                break;
            }
            let k = i64::try_from(i % 997).unwrap_or(0);
            let outcome = Decimal::new(-1000 - k * 7, 1);
            let budget = Decimal::new(-1100 - k * 7, 1);
            let cells = vec![
                Cell::Number(outcome),
                Cell::Number(budget),
                Cell::Number(Decimal::new(-3300 - k * 21, 1)),
                Cell::Number(Decimal::new(-3000 - k * 21, 1)),
                Cell::Number(Decimal::new(-950 - k * 6, 1)),
                Cell::Number(outcome - budget),
            ];
            out.push(row(RowKind::Item, format!("Rad {i}"), cells));
            i += 1;
        }
        out.push(row(
            RowKind::Subtotal,
            format!("Summa Enhet {section}"),
            vec![Cell::Empty; 6],
        ));
        section += 1;
    }
    out.push(row(RowKind::Total, "Totalt".into(), vec![Cell::Empty; 6]));
    Table {
        title: None,
        unit: Some(Unit::Mnkr),
        months: Some(8),
        columns,
        rows: out,
        diagnostics: Vec::new(),
        settings: TableSettings::default(),
    }
}

fn bench(c: &mut Criterion) {
    let table = big_table(ROWS);

    c.bench_function("full recompute, 100 000 rows", |b| {
        b.iter(|| black_box(compute(black_box(&table))))
    });

    let mut edited = table.clone();
    let mut calc = IncrementalCalc::new(&edited);
    let mut history = History::default();
    let mut n: i64 = 0;
    c.bench_function("one cell edit with totals, 100 000 rows", |b| {
        b.iter(|| {
            n += 1;
            let row = 1 + usize::try_from(n % 50_000).unwrap_or(0) * 2;
            let command = Command::SetCell {
                row,
                column: 1,
                cell: Cell::Number(Decimal::new(-1234 - n % 100, 1)),
            };
            if let Ok(effect) = history.apply(&mut edited, &command) {
                calc.update(&edited, &effect);
            }
            black_box(&calc.results().totals);
        })
    });
    // The incremental results are still those of a full recompute.
    assert_eq!(calc.results(), &compute(&edited));
}

criterion_group!(benches, bench);
criterion_main!(benches);
