//! Proptest strategies for random tables and random edits: small tables
//! with every role, row kind and cell kind, numbers of every scale (and now
//! and then near the largest a Decimal holds, to reach overflow), and
//! commands of every kind, valid or not.

use std::collections::BTreeMap;

use kalkyl_core::edit::{Adjustment, Command};
use kalkyl_core::model::{
    Cell, Column, ForecastMethod, Role, Row, RowKind, SignConvention, StatusThresholds, Table,
    TableSettings,
};
use kalkyl_core::number::Unit;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Roles a random numeric column gets.
const ROLES: [Role; 11] = [
    Role::Outcome,
    Role::Budget,
    Role::AnnualBudget,
    Role::Forecast,
    Role::PriorOutcome,
    Role::PreviousForecast,
    Role::StatedVariance,
    Role::StatedPercent,
    Role::TotalBudget,
    Role::Other,
    Role::Text,
];

/// Labels that make named sections ("Summa A" closes heading "A").
const LABELS: [&str; 6] = ["A", "B", "Summa A", "Summa B", "Drift", "Totalt"];

/// A decimal: usually small with 0 to 3 decimals, sometimes with many
/// decimals, sometimes huge.
pub fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        8 => (-100_000i64..100_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (any::<i64>(), 0u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (any::<bool>(), 0u32..3).prop_map(|(neg, k)| {
            let big = Decimal::MAX - Decimal::from(k);
            if neg { -big } else { big }
        }),
    ]
}

/// A cell: mostly numbers, some empty, a little text.
pub fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        7 => decimal().prop_map(Cell::Number),
        2 => Just(Cell::Empty),
        1 => Just(Cell::Text("x".into())),
    ]
}

fn row_kind() -> impl Strategy<Value = RowKind> {
    prop_oneof![
        7 => Just(RowKind::Item),
        1 => Just(RowKind::Heading),
        1 => Just(RowKind::Subtotal),
        1 => Just(RowKind::Total),
    ]
}

fn convention() -> impl Strategy<Value = SignConvention> {
    prop_oneof![
        Just(SignConvention::OutcomeMinusBudget),
        Just(SignConvention::BudgetMinusOutcome),
        Just(SignConvention::OutcomePlusBudget),
    ]
}

/// A forecast method.
pub fn method() -> impl Strategy<Value = ForecastMethod> {
    prop_oneof![
        Just(ForecastMethod::RunRate),
        Just(ForecastMethod::RemainingBudget),
        Just(ForecastMethod::Seasonal),
        Just(ForecastMethod::Manual),
    ]
}

/// Any role.
pub fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

/// A random table of up to `max_rows` rows: a label column and 1 to 6
/// other columns, rows of every kind (level 1 only under an item).
pub fn table(max_rows: usize) -> impl Strategy<Value = Table> {
    let columns = prop::collection::vec(prop::sample::select(ROLES.to_vec()), 1..7);
    (columns, 1..=max_rows).prop_flat_map(|(roles, n)| {
        let width = roles.len() + 1;
        let rows = prop::collection::vec(
            (
                row_kind(),
                any::<bool>(),
                prop::sample::select(LABELS.to_vec()),
                prop::collection::vec(cell(), width - 1),
            ),
            n,
        );
        let settings = (
            prop::option::weighted(0.3, convention()),
            prop::option::weighted(0.3, method()),
            prop::collection::btree_map(0..n, method(), 0..3),
        );
        (
            Just(roles),
            rows,
            prop::option::of(0u8..=12),
            settings,
            any::<bool>(),
        )
            .prop_map(
                |(roles, rows, months, (conv, method, row_methods), investment)| {
                    let mut columns = vec![Column {
                        heading: if investment {
                            "Investering".into()
                        } else {
                            "Uppdrag".into()
                        },
                        role: Role::Label,
                    }];
                    columns.extend(roles.iter().map(|&role| Column {
                        heading: role.key().into(),
                        role,
                    }));
                    let mut previous_item = false;
                    let rows = rows
                        .into_iter()
                        .map(|(kind, child, label, cells)| {
                            let level = u8::from(kind == RowKind::Item && child && previous_item);
                            previous_item = kind == RowKind::Item;
                            let mut all = vec![Cell::Text(label.to_string())];
                            all.extend(roles.iter().zip(cells).map(|(role, c)| {
                                if *role == Role::Text || kind == RowKind::Heading {
                                    Cell::Empty
                                } else {
                                    c
                                }
                            }));
                            Row {
                                kind,
                                level,
                                note: None,
                                cells: all,
                                originals: BTreeMap::new(),
                            }
                        })
                        .collect();
                    Table {
                        title: None,
                        unit: Some(Unit::Mnkr),
                        months,
                        columns,
                        rows,
                        diagnostics: Vec::new(),
                        settings: TableSettings {
                            sign_convention: conv,
                            forecast_method: method,
                            row_forecast_methods: row_methods,
                            ..TableSettings::default()
                        },
                    }
                },
            )
    })
}

/// One step of an editing session.
#[derive(Debug, Clone)]
pub enum Step {
    /// Apply a command (maybe refused).
    Do(Command),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
}

fn thresholds() -> impl Strategy<Value = StatusThresholds> {
    (0i64..20, 0i64..20, 0u32..2).prop_map(|(a, b, s)| StatusThresholds {
        met_within: Decimal::new(a.min(b), s),
        acceptable_within: Decimal::new(a.max(b), s),
    })
}

/// A random command for a table of `rows` × `columns` (indices may be one
/// past the end, to exercise refusals). Cell edits dominate.
pub fn command(rows: usize, columns: usize) -> impl Strategy<Value = Command> {
    let r = 0..=rows;
    let c = 0..=columns;
    prop_oneof![
        10 => (r.clone(), c.clone(), cell())
            .prop_map(|(row, column, cell)| Command::SetCell { row, column, cell }),
        3 => (r.clone(), c.clone()).prop_map(|(row, column)| Command::ResetCell { row, column }),
        2 => prop::collection::vec((r.clone(), c.clone()), 0..4)
            .prop_map(|cells| Command::ClearCells { cells }),
        1 => Just(Command::ResetTable),
        3 => (
            c.clone(),
            prop::collection::vec(r.clone(), 0..4),
            prop_oneof![
                (-50i64..50, 0u32..2).prop_map(|(m, s)| Adjustment::Percent(Decimal::new(m, s))),
                decimal().prop_map(Adjustment::Amount),
            ]
        )
            .prop_map(|(column, rows, adjustment)| Command::Adjust { column, rows, adjustment }),
        1 => (c.clone(), role()).prop_map(|(column, role)| Command::SetRole { column, role }),
        1 => prop::option::of(convention()).prop_map(Command::SetConvention),
        1 => prop::option::of(method()).prop_map(Command::SetForecastMethod),
        2 => (r, prop::option::of(method()))
            .prop_map(|(row, method)| Command::SetRowForecastMethod { row, method }),
        1 => prop::option::of(prop::sample::select(Unit::ALL.to_vec())).prop_map(Command::SetDisplayUnit),
        1 => prop::option::of(0u32..31).prop_map(Command::SetDisplayDecimals),
        1 => thresholds().prop_map(Command::SetThresholds),
        1 => prop::option::of(0u8..14).prop_map(Command::SetMonths),
    ]
}

/// A random table and a session of up to `max_steps` steps on it.
pub fn session(max_rows: usize, max_steps: usize) -> impl Strategy<Value = (Table, Vec<Step>)> {
    table(max_rows).prop_flat_map(move |t| {
        let (rows, columns) = (t.rows.len(), t.columns.len());
        let step = prop_oneof![
            8 => command(rows, columns).prop_map(Step::Do),
            1 => Just(Step::Undo),
            1 => Just(Step::Redo),
        ];
        (Just(t), prop::collection::vec(step, 0..=max_steps))
    })
}

/// A strict picture of a table: `Debug` writes every decimal with its scale,
/// so two tables with the same picture are the same to the last zero.
pub fn picture<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}
