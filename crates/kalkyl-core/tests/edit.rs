//! What-if edits: the originals rule, adjustments and their scales, the
//! settings commands and their checks, undo and redo (exact, with a capacity),
//! and pasted-versus-changed totals.

mod support;

use std::collections::BTreeMap;

use kalkyl_core::calc::{Computed, Figure};
use kalkyl_core::edit::{
    adjust_value, apply, compare_totals, compare_with_pasted, pasted, Adjustment, Command,
    EditError, Effect, History,
};
use kalkyl_core::model::{Cell, ForecastMethod, Role, SignConvention, StatusThresholds, Table};
use kalkyl_core::number::Unit;
use proptest::prelude::*;
use rust_decimal::Decimal;
use support::fixture::load_named;
use support::gen::{command, picture, session, table, Step};
use support::table::fixture_table;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

fn num(s: &str) -> Cell {
    Cell::Number(d(s))
}

/// Seed 000's result table: Regionkontoret -297,2 / -305,0 / 7,8 first.
fn seed_table() -> Table {
    fixture_table(&load_named("000-5.1.1-resultatrakning"))
}

#[test]
fn set_cell_keeps_the_pasted_original_and_setting_it_back_removes_it() {
    let mut t = seed_table();
    let set = |t: &mut Table, v: &str| {
        apply(
            t,
            &Command::SetCell {
                row: 0,
                column: 1,
                cell: num(v),
            },
        )
        .expect("valid")
    };
    set(&mut t, "-290.0");
    assert_eq!(t.rows[0].cells[1], num("-290.0"));
    assert_eq!(t.rows[0].originals, BTreeMap::from([(1, num("-297.2"))]));
    set(&mut t, "-280");
    assert_eq!(t.rows[0].originals, BTreeMap::from([(1, num("-297.2"))]));
    // The same value with other decimals is the original again, as pasted.
    set(&mut t, "-297.20");
    assert!(t.rows[0].originals.is_empty());
    assert_eq!(picture(&t.rows[0].cells[1]), picture(&num("-297.2")));
    assert_eq!(picture(&t), picture(&seed_table()));
    // Setting a cell to what it already is changes nothing.
    let change = set(&mut t, "-297.2");
    assert!(change.is_empty());
    assert_eq!(change.effect(), Effect::Nothing);
}

#[test]
fn reset_cell_and_reset_table() {
    let mut t = seed_table();
    let mut h = History::default();
    for (row, v) in [(0, "1"), (1, "2"), (2, "3")] {
        h.apply(
            &mut t,
            &Command::SetCell {
                row,
                column: 2,
                cell: num(v),
            },
        )
        .expect("valid");
    }
    let effect = h
        .apply(&mut t, &Command::ResetCell { row: 1, column: 2 })
        .expect("valid");
    assert_eq!(effect.cells(), vec![(1, 2)]);
    assert!(matches!(&effect, Effect::Cells(c) if c[0].previous == num("2")));
    assert_eq!(t.rows[1].cells[2], num("-40.0"));
    assert!(t.rows[1].originals.is_empty());
    let effect = h.apply(&mut t, &Command::ResetTable).expect("valid");
    assert_eq!(effect.cells(), vec![(0, 2), (2, 2)]);
    assert_eq!(picture(&t), picture(&seed_table()));
    assert_eq!(picture(&pasted(&t)), picture(&seed_table()));
    // Resetting what was never changed is no step.
    assert_eq!(h.apply(&mut t, &Command::ResetTable), Ok(Effect::Nothing));
    assert_eq!(h.undo_len(), 5);
}

#[test]
fn clearing_a_range_is_one_step_that_keeps_the_originals() {
    let mut t = seed_table();
    let mut h = History::default();
    let cells = vec![(0, 1), (0, 2), (1, 1), (0, 1)];
    let effect = h
        .apply(&mut t, &Command::ClearCells { cells })
        .expect("valid");
    assert_eq!(effect.cells(), vec![(0, 1), (0, 2), (1, 1)]);
    assert_eq!(t.rows[0].cells[1], Cell::Empty);
    assert_eq!(t.rows[0].originals.get(&1), Some(&num("-297.2")));
    assert_eq!(h.undo_len(), 1);
    h.undo(&mut t);
    assert_eq!(picture(&t), picture(&seed_table()));
    // A cell outside the table refuses the whole step.
    assert_eq!(
        h.apply(
            &mut t,
            &Command::ClearCells {
                cells: vec![(0, 1), (999, 1)]
            }
        ),
        Err(EditError::NoSuchRow(999))
    );
    assert_eq!(picture(&t), picture(&seed_table()));
}

#[test]
fn adjustments_are_exact_and_keep_a_sensible_scale() {
    // (value, adjustment, expected as written: the scale matters)
    let cases = [
        ("100", Adjustment::Percent(d("3")), "103"),
        ("-174.1", Adjustment::Percent(d("3")), "-179.323"),
        ("200.0", Adjustment::Percent(d("2.5")), "205.0"),
        ("1864.1", Adjustment::Percent(d("-10")), "1677.69"),
        ("-305.0", Adjustment::Percent(d("0")), "-305.0"),
        ("50", Adjustment::Percent(d("-100")), "0"),
        ("24", Adjustment::Amount(d("1.5")), "25.5"),
        ("7.8", Adjustment::Amount(d("-7.8")), "0.0"),
        ("-420314", Adjustment::Amount(d("1000")), "-419314"),
        ("0.10", Adjustment::Amount(d("0.90")), "1.00"),
    ];
    for (value, adjustment, expected) in cases {
        let got = adjust_value(d(value), adjustment).expect("fits");
        assert_eq!(got.to_string(), expected, "{value} {adjustment:?}");
    }
    assert_eq!(
        adjust_value(Decimal::MAX, Adjustment::Percent(d("10"))),
        None
    );
    assert_eq!(
        adjust_value(Decimal::MAX, Adjustment::Amount(Decimal::ONE)),
        None
    );
}

#[test]
fn adjust_changes_chosen_rows_once_and_refuses_overflow_whole() {
    let mut t = seed_table();
    t.rows[2].cells[1] = Cell::Empty;
    let command = Command::Adjust {
        column: 1,
        rows: vec![0, 2, 0, 3],
        adjustment: Adjustment::Percent(d("3")),
    };
    let effect = History::default().apply(&mut t, &command).expect("valid");
    assert_eq!(effect.cells(), vec![(0, 1), (3, 1)]);
    assert_eq!(picture(&t.rows[0].cells[1]), picture(&num("-306.116")));
    assert_eq!(t.rows[2].cells[1], Cell::Empty);
    assert_eq!(picture(&t.rows[3].cells[1]), picture(&num("-85.387")));

    let mut t = seed_table();
    t.rows[3].cells[1] = Cell::Number(Decimal::MAX);
    let before = picture(&t);
    let command = Command::Adjust {
        column: 1,
        rows: vec![0, 3],
        adjustment: Adjustment::Amount(d("1")),
    };
    assert_eq!(
        apply(&mut t, &command),
        Err(EditError::Overflow { row: 3, column: 1 })
    );
    assert_eq!(picture(&t), before);
}

#[test]
fn commands_are_checked_and_refusals_change_nothing() {
    let t0 = seed_table();
    let bad = [
        (
            Command::SetCell {
                row: 9,
                column: 0,
                cell: Cell::Empty,
            },
            EditError::NoSuchRow(9),
        ),
        (
            Command::SetCell {
                row: 0,
                column: 9,
                cell: Cell::Empty,
            },
            EditError::NoSuchColumn(9),
        ),
        (
            Command::ResetCell { row: 0, column: 4 },
            EditError::NoSuchColumn(4),
        ),
        (
            Command::Adjust {
                column: 4,
                rows: vec![0],
                adjustment: Adjustment::Amount(d("1")),
            },
            EditError::NoSuchColumn(4),
        ),
        (
            Command::Adjust {
                column: 1,
                rows: vec![0, 7],
                adjustment: Adjustment::Amount(d("1")),
            },
            EditError::NoSuchRow(7),
        ),
        (
            Command::SetRole {
                column: 4,
                role: Role::Budget,
            },
            EditError::NoSuchColumn(4),
        ),
        (
            Command::SetRowForecastMethod {
                row: 5,
                method: Some(ForecastMethod::RunRate),
            },
            EditError::NoSuchRow(5),
        ),
        (Command::SetMonths(Some(0)), EditError::InvalidMonths(0)),
        (Command::SetMonths(Some(13)), EditError::InvalidMonths(13)),
        (
            Command::SetDisplayDecimals(Some(29)),
            EditError::InvalidDecimals(29),
        ),
        (
            Command::SetThresholds(StatusThresholds {
                met_within: d("6"),
                acceptable_within: d("5"),
            }),
            EditError::InvalidThresholds,
        ),
        (
            Command::SetThresholds(StatusThresholds {
                met_within: d("-1"),
                acceptable_within: d("5"),
            }),
            EditError::InvalidThresholds,
        ),
    ];
    for (command, error) in bad {
        let mut t = t0.clone();
        let mut h = History::default();
        assert_eq!(h.apply(&mut t, &command), Err(error), "{command:?}");
        assert_eq!(picture(&t), picture(&t0), "{command:?}");
        assert!(!h.can_undo());
        assert_ne!(
            error.message(kalkyl_core::lang::Lang::Sv),
            error.message(kalkyl_core::lang::Lang::En)
        );
    }
}

/// (command, effect, what it sets)
type SettingsCase = (Command, Effect, Box<dyn Fn(&Table) -> bool>);

#[test]
fn settings_commands_and_their_effects() {
    // (command, effect, what it sets)
    let cases: Vec<SettingsCase> = vec![
        (
            Command::SetConvention(Some(SignConvention::BudgetMinusOutcome)),
            Effect::All,
            Box::new(|t| t.settings.sign_convention == Some(SignConvention::BudgetMinusOutcome)),
        ),
        (
            Command::SetForecastMethod(Some(ForecastMethod::Seasonal)),
            Effect::All,
            Box::new(|t| t.settings.forecast_method == Some(ForecastMethod::Seasonal)),
        ),
        (
            Command::SetRowForecastMethod {
                row: 2,
                method: Some(ForecastMethod::RunRate),
            },
            Effect::Row(2),
            Box::new(|t| t.settings.row_forecast_methods.get(&2) == Some(&ForecastMethod::RunRate)),
        ),
        (
            Command::SetDisplayUnit(Some(Unit::Tkr)),
            Effect::Nothing,
            Box::new(|t| t.settings.display_unit == Some(Unit::Tkr)),
        ),
        (
            Command::SetDisplayDecimals(Some(2)),
            Effect::Nothing,
            Box::new(|t| t.settings.display_decimals == Some(2)),
        ),
        (
            Command::SetThresholds(StatusThresholds {
                met_within: d("2"),
                acceptable_within: d("10"),
            }),
            Effect::All,
            Box::new(|t| t.settings.status.acceptable_within == d("10")),
        ),
        (
            Command::SetMonths(Some(4)),
            Effect::All,
            Box::new(|t| t.months == Some(4)),
        ),
        (
            Command::SetRole {
                column: 3,
                role: Role::Other,
            },
            Effect::All,
            Box::new(|t| t.columns[3].role == Role::Other),
        ),
    ];
    for (command, effect, holds) in cases {
        let mut t = seed_table();
        let mut h = History::default();
        assert_eq!(h.apply(&mut t, &command), Ok(effect.clone()), "{command:?}");
        assert!(holds(&t), "{command:?}");
        assert_eq!(h.undo(&mut t), Some(effect.clone()));
        assert_eq!(picture(&t), picture(&seed_table()), "{command:?}");
        assert_eq!(h.redo(&mut t), Some(effect));
        assert!(holds(&t), "{command:?}");
    }
}

#[test]
fn history_keeps_its_capacity_and_a_new_step_clears_redo() {
    let mut t = seed_table();
    let mut h = History::new(3);
    let mut states = vec![picture(&t)];
    for i in 0..5 {
        h.apply(
            &mut t,
            &Command::SetCell {
                row: 0,
                column: 1,
                cell: Cell::Number(Decimal::from(i)),
            },
        )
        .expect("valid");
        states.push(picture(&t));
    }
    assert_eq!(h.undo_len(), 3);
    while h.undo(&mut t).is_some() {}
    assert_eq!(picture(&t), states[2]);
    assert_eq!(h.redo_len(), 3);
    h.redo(&mut t);
    assert_eq!(picture(&t), states[3]);
    h.apply(&mut t, &Command::SetMonths(Some(6)))
        .expect("valid");
    assert!(!h.can_redo());
    h.set_capacity(1);
    assert_eq!(h.undo_len(), 1);
    assert_eq!(
        History::default().capacity(),
        kalkyl_core::edit::DEFAULT_CAPACITY
    );
    const { assert!(kalkyl_core::edit::DEFAULT_CAPACITY >= 100) };
    h.clear();
    assert!(!h.can_undo() && !h.can_redo());
}

#[test]
fn pasted_and_changed_totals_side_by_side() {
    let mut t = seed_table();
    let mut h = History::default();
    // Förtroendevalda -38,1 becomes -40,1: the outcome total and the
    // deviation both fall by 2,0.
    h.apply(
        &mut t,
        &Command::SetCell {
            row: 1,
            column: 1,
            cell: num("-40.1"),
        },
    )
    .expect("valid");
    let cmp = compare_with_pasted(&t);
    let outcome = cmp
        .differences
        .iter()
        .find(|x| x.column == Some(1))
        .expect("outcome");
    assert_eq!(outcome.original, Computed::Value(d("-420.3")));
    assert_eq!(outcome.current, Computed::Value(d("-422.3")));
    assert_eq!(outcome.difference, Computed::Value(d("-2.0")));
    let variance = cmp
        .differences
        .iter()
        .find(|x| x.figure == Some(Figure::Variance))
        .expect("variance");
    assert_eq!(variance.original, Computed::Value(d("65.7")));
    assert_eq!(variance.current, Computed::Value(d("63.7")));
    assert_eq!(variance.difference, Computed::Value(d("-2.0")));
    let budget = cmp
        .differences
        .iter()
        .find(|x| x.column == Some(2))
        .expect("budget");
    assert_eq!(budget.difference, Computed::Value(d("0.0")));
    // The same from two tables.
    assert_eq!(compare_totals(&seed_table(), &t), cmp);
    // Label columns have no total.
    assert!(cmp.differences.iter().all(|x| x.column != Some(0)));
}

proptest! {
    #[test]
    fn undo_all_gives_the_start_and_redo_all_the_end(
        (start, commands) in table(8).prop_flat_map(|t| {
            let (r, c) = (t.rows.len(), t.columns.len());
            (Just(t), prop::collection::vec(command(r, c), 0..24))
        })
    ) {
        let mut t = start.clone();
        let mut h = History::new(commands.len().max(1));
        for command in &commands {
            let _ = h.apply(&mut t, command);
        }
        let end = picture(&t);
        let steps = h.undo_len();
        while h.undo(&mut t).is_some() {}
        prop_assert_eq!(picture(&t), picture(&start));
        prop_assert_eq!(h.redo_len(), steps);
        while h.redo(&mut t).is_some() {}
        prop_assert_eq!(picture(&t), end);
    }

    #[test]
    fn interleaved_undo_and_redo_follow_a_stack_of_states(
        (start, steps) in session(8, 30),
        capacity in 0usize..6,
    ) {
        let mut t = start;
        let mut h = History::new(capacity);
        // Every state reachable by undo and redo, and where we are.
        let mut states = vec![picture(&t)];
        let mut at = 0usize;
        for step in &steps {
            match step {
                Step::Do(command) => {
                    let before = picture(&t);
                    let result = h.apply(&mut t, command);
                    let after = picture(&t);
                    if result.is_err() || after == before {
                        prop_assert_eq!(&after, &before);
                        continue;
                    }
                    states.truncate(at + 1);
                    states.push(after);
                    at += 1;
                    if states.len() > capacity + 1 {
                        let drop = states.len() - capacity - 1;
                        states.drain(..drop);
                        at -= drop;
                    }
                }
                Step::Undo => {
                    let undone = h.undo(&mut t);
                    prop_assert_eq!(undone.is_some(), at > 0);
                    at = at.saturating_sub(usize::from(undone.is_some()));
                }
                Step::Redo => {
                    let redone = h.redo(&mut t);
                    prop_assert_eq!(redone.is_some(), at + 1 < states.len());
                    if redone.is_some() {
                        at += 1;
                    }
                }
            }
            prop_assert_eq!(&picture(&t), &states[at]);
            prop_assert_eq!(h.undo_len(), at);
            prop_assert_eq!(h.redo_len(), states.len() - 1 - at);
        }
    }

    #[test]
    fn pasted_restores_every_original(
        (start, commands) in table(8).prop_flat_map(|t| {
            let (r, c) = (t.rows.len(), t.columns.len());
            (Just(t), prop::collection::vec(command(r, c), 0..16))
        })
    ) {
        let mut t = start.clone();
        for command in &commands {
            let _ = apply(&mut t, command);
        }
        let p = pasted(&t);
        for (row, original) in p.rows.iter().zip(&start.rows) {
            prop_assert!(row.originals.is_empty());
            prop_assert_eq!(picture(&row.cells), picture(&original.cells));
        }
        // Every original is the pasted cell, and an edited cell differs from it.
        for (row, original) in t.rows.iter().zip(&start.rows) {
            for (c, o) in &row.originals {
                prop_assert_eq!(picture(o), picture(&original.cells[*c]));
                prop_assert_ne!(&row.cells[*c], o);
            }
        }
    }
}
