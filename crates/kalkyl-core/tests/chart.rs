//! The chart data (issue 5) on the seed tables and on hand-made ones: the
//! bars' order and colours under each sign convention, and waterfalls that
//! add up exactly. Every test name starts with `chart_` so that
//! `cargo test -p kalkyl-core chart` runs them all.

mod support;

use kalkyl_core::calc::{compute, Figure, Results};
use kalkyl_core::chart::{deviation_bars, waterfall, BarChart, Waterfall};
use kalkyl_core::model::{Role, RowKind, SignConvention, Table};
use proptest::prelude::*;
use rust_decimal::Decimal;
use support::fixture::{load_all, load_named};
use support::table::{fixture_table, inline_table};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

/// The bars as (row, value, favourable).
fn bars(chart: &BarChart) -> Vec<(usize, Decimal, bool)> {
    chart
        .bars
        .iter()
        .map(|b| (b.row, b.value, b.favourable))
        .collect()
}

/// The steps as (row, delta, favourable).
fn steps(w: &Waterfall) -> Vec<(Option<usize>, Decimal, bool)> {
    w.steps
        .iter()
        .map(|s| (s.row, s.delta, s.favourable))
        .collect()
}

/// The invariants every chart holds, whatever the table.
fn assert_invariants(table: &Table, results: &Results, max_steps: usize) {
    let top = |r: usize| {
        table
            .rows
            .get(r)
            .is_some_and(|row| row.kind == RowKind::Item && row.level == 0)
    };
    let chart = deviation_bars(table, results);
    for pair in chart.bars.windows(2) {
        assert!(
            (pair[0].value, pair[0].row) < (pair[1].value, pair[1].row),
            "bars out of order: {pair:?}"
        );
    }
    for bar in &chart.bars {
        assert!(top(bar.row), "bar for row {} is no top-level item", bar.row);
        assert_eq!(
            results.rows[bar.row].figure(chart.figure).value(),
            Some(bar.value)
        );
        assert_eq!(bar.favourable, bar.value >= Decimal::ZERO);
        assert_eq!(bar.label, table.label(bar.row));
    }
    if let Some(w) = waterfall(table, results, max_steps) {
        let mut position = w.start;
        for s in &w.steps {
            position = position.checked_add(s.delta).expect("no overflow");
        }
        assert_eq!(position, w.end, "the steps do not add up: {w:?}");
        let rows: Vec<&_> = w.steps.iter().filter(|s| s.row.is_some()).collect();
        assert!(rows.len() <= max_steps);
        for s in &rows {
            assert!(top(s.row.unwrap_or(usize::MAX)), "{s:?}");
            assert!(!s.delta.is_zero(), "{s:?}");
        }
        for pair in rows.windows(2) {
            assert!(pair[0].delta.abs() >= pair[1].delta.abs(), "{pair:?}");
        }
        let others = w.steps.iter().filter(|s| s.row.is_none()).count();
        assert!(others <= 1);
        if others == 1 {
            assert!(w.steps.last().is_some_and(|s| s.row.is_none()));
        }
        if w.other_rows > 0 {
            assert_eq!(others, 1);
        }
    }
}

#[test]
fn chart_seed_000_net_cost_bars_are_sorted_and_favourable() {
    let table = fixture_table(&load_named("000-5.1.1-resultatrakning"));
    let results = compute(&table);
    let chart = deviation_bars(&table, &results);
    assert_eq!(chart.figure, Figure::Variance);
    // Regionkontoret -297,2 against -305,0 gives +7,8; the total row has no bar.
    assert_eq!(
        bars(&chart),
        vec![
            (1, d("1.9"), true),
            (2, d("2.3"), true),
            (0, d("7.8"), true),
            (3, d("53.7"), true),
        ]
    );
    assert_eq!(chart.bars[2].label, "Regionkontoret");
}

#[test]
fn chart_seed_000_waterfall_goes_from_budget_to_outcome() {
    let table = fixture_table(&load_named("000-5.1.1-resultatrakning"));
    let results = compute(&table);
    let w = waterfall(&table, &results, 2).expect("waterfall");
    assert_eq!(w.figure, Figure::Variance);
    assert_eq!(w.start_role, Role::Budget);
    assert_eq!((w.start, w.end), (d("-486.0"), d("-420.3")));
    assert_eq!(
        steps(&w),
        vec![
            (Some(3), d("53.7"), true),
            (Some(0), d("7.8"), true),
            (None, d("4.2"), true),
        ]
    );
    assert_eq!(w.other_rows, 2);
    assert_eq!(w.steps[0].label, "Utvecklingsmedel");
    assert_eq!(w.steps[2].label, "");
    // Room for every row: no rest step.
    let all = waterfall(&table, &results, 10).expect("waterfall");
    assert_eq!(all.steps.len(), 4);
    assert_eq!(all.other_rows, 0);
    // No room at all: one step with everything.
    let none = waterfall(&table, &results, 0).expect("waterfall");
    assert_eq!(steps(&none), vec![(None, d("65.7"), true)]);
    assert_eq!(none.other_rows, 4);
}

#[test]
fn chart_seed_001_forecast_indicator_uses_the_forecast_deviation() {
    let table = fixture_table(&load_named("001-5.2-prognos-budgetavvikelse"));
    let results = compute(&table);
    let chart = deviation_bars(&table, &results);
    assert_eq!(chart.figure, Figure::ForecastVariance);
    assert_eq!(bars(&chart), vec![(0, d("24700"), true)]);
    let w = waterfall(&table, &results, 5).expect("waterfall");
    assert_eq!(w.figure, Figure::ForecastVariance);
    assert_eq!(w.start_role, Role::AnnualBudget);
    assert_eq!((w.start, w.end), (d("-814918"), d("-790218")));
    assert_eq!(steps(&w), vec![(Some(0), d("24700"), true)]);
}

#[test]
fn chart_every_seed_table_holds_the_invariants() {
    let mut waterfalls = 0;
    for f in load_all() {
        let table = fixture_table(&f);
        let results = compute(&table);
        for max_steps in [0, 1, 3, 40] {
            assert_invariants(&table, &results, max_steps);
        }
        if waterfall(&table, &results, 5).is_some() {
            waterfalls += 1;
        }
    }
    assert!(
        waterfalls >= 15,
        "only {waterfalls} seed tables have a waterfall"
    );
}

/// The table in the net-cost convention, whatever detection would say.
fn net_cost(mut t: Table) -> Table {
    t.settings.sign_convention = Some(SignConvention::OutcomeMinusBudget);
    t
}

/// Rows A (110 against 100) and B (90 against 100), in a convention.
fn two_rows(convention: SignConvention, a: &str, b: &str) -> Table {
    let mut t = inline_table(
        &[Role::Outcome, Role::Budget],
        &[],
        &[("item", 0, "A", &[a, "100"]), ("item", 0, "B", &[b, "100"])],
    );
    t.settings.sign_convention = Some(convention);
    t
}

#[test]
fn chart_favourable_follows_each_convention() {
    use SignConvention::*;
    // Net cost: outcome − budget; A is over budget, which is favourable.
    let t = two_rows(OutcomeMinusBudget, "110", "90");
    let r = compute(&t);
    assert_eq!(
        bars(&deviation_bars(&t, &r)),
        vec![(1, d("-10"), false), (0, d("10"), true)]
    );
    let w = waterfall(&t, &r, 5).expect("waterfall");
    assert_eq!(
        steps(&w),
        vec![(Some(0), d("10"), true), (Some(1), d("-10"), false)]
    );

    // Gross: budget − outcome; A overspends.
    let t = two_rows(BudgetMinusOutcome, "110", "90");
    let r = compute(&t);
    assert_eq!(
        bars(&deviation_bars(&t, &r)),
        vec![(0, d("-10"), false), (1, d("10"), true)]
    );
    let w = waterfall(&t, &r, 5).expect("waterfall");
    // The steps stay raw (outcome − budget), only the colour follows the convention.
    assert_eq!(
        steps(&w),
        vec![(Some(0), d("10"), false), (Some(1), d("-10"), true)]
    );
    let rest = waterfall(&t, &r, 0).expect("waterfall");
    assert_eq!(steps(&rest), vec![(None, d("0"), true)]);
    assert_eq!(rest.other_rows, 2);

    // Allocation: outcome + budget, the budget printed positive.
    let t = two_rows(OutcomePlusBudget, "-90", "-110");
    let r = compute(&t);
    assert_eq!(
        bars(&deviation_bars(&t, &r)),
        vec![(1, d("-10"), false), (0, d("10"), true)]
    );
    let w = waterfall(&t, &r, 5).expect("waterfall");
    assert_eq!((w.start, w.end), (d("200"), d("-200")));
    assert_eq!(
        steps(&w),
        vec![(Some(1), d("-210"), false), (Some(0), d("-190"), true)]
    );
}

#[test]
fn chart_varav_children_headings_and_sums_are_no_rows() {
    let t = inline_table(
        &[Role::Outcome, Role::Budget],
        &[],
        &[
            ("heading", 0, "Drift", &["_", "_"]),
            ("item", 0, "Hälsoval, varav", &["-50", "-60"]),
            ("item", 1, "- Vårdval", &["-40", "-10"]),
            ("item", 0, "Tandvård", &["-30", "-20"]),
            ("subtotal", 0, "Summa Drift", &["-80", "-80"]),
            ("total", 0, "Totalt", &["-80", "-80"]),
        ],
    );
    let t = net_cost(t);
    let r = compute(&t);
    assert_eq!(
        bars(&deviation_bars(&t, &r)),
        vec![(3, d("-10"), false), (1, d("10"), true)]
    );
    let w = waterfall(&t, &r, 5).expect("waterfall");
    assert_eq!((w.start, w.end), (d("-80"), d("-80")));
    assert_eq!(
        steps(&w),
        vec![(Some(1), d("10"), true), (Some(3), d("-10"), false)]
    );
}

#[test]
fn chart_ties_keep_row_order_and_zero_is_favourable() {
    let t = inline_table(
        &[Role::Outcome, Role::Budget],
        &[],
        &[
            ("item", 0, "A", &["-5", "-3"]),
            ("item", 0, "B", &["-4", "-4"]),
            ("item", 0, "C", &["-1", "-3"]),
            ("item", 0, "D", &["-6", "-4"]),
        ],
    );
    let t = net_cost(t);
    let r = compute(&t);
    assert_eq!(
        bars(&deviation_bars(&t, &r)),
        vec![
            (0, d("-2"), false),
            (3, d("-2"), false),
            (1, d("0"), true),
            (2, d("2"), true),
        ]
    );
    let w = waterfall(&t, &r, 5).expect("waterfall");
    // B's zero difference is no step.
    assert_eq!(
        steps(&w),
        vec![
            (Some(0), d("-2"), false),
            (Some(2), d("2"), true),
            (Some(3), d("-2"), false),
        ]
    );
}

#[test]
fn chart_a_missing_side_counts_as_zero_in_the_waterfall() {
    let t = inline_table(
        &[Role::Outcome, Role::Budget],
        &[],
        &[
            ("item", 0, "Ny verksamhet", &["-7", "_"]),
            ("item", 0, "Avvecklad", &["_", "-3"]),
            ("item", 0, "Tom", &["_", "_"]),
        ],
    );
    let t = net_cost(t);
    let r = compute(&t);
    assert!(deviation_bars(&t, &r).bars.is_empty());
    let w = waterfall(&t, &r, 5).expect("waterfall");
    assert_eq!((w.start, w.end), (d("-3"), d("-7")));
    assert_eq!(
        steps(&w),
        vec![(Some(0), d("-7"), false), (Some(1), d("3"), true)]
    );
}

#[test]
fn chart_full_year_forecast_waterfall_starts_at_the_annual_budget() {
    let t = inline_table(
        &[
            Role::Outcome,
            Role::Budget,
            Role::AnnualBudget,
            Role::Forecast,
        ],
        &[],
        &[
            ("item", 0, "A", &["-40", "-45", "-100", "-95"]),
            ("item", 0, "B", &["-20", "-15", "-50", "-58"]),
        ],
    );
    let t = net_cost(t);
    let r = compute(&t);
    // The bars keep the budget deviation; the waterfall explains the forecast.
    let chart = deviation_bars(&t, &r);
    assert_eq!(chart.figure, Figure::Variance);
    assert_eq!(bars(&chart), vec![(1, d("-5"), false), (0, d("5"), true)]);
    let w = waterfall(&t, &r, 5).expect("waterfall");
    assert_eq!(w.figure, Figure::ForecastVariance);
    assert_eq!(w.start_role, Role::AnnualBudget);
    assert_eq!((w.start, w.end), (d("-150"), d("-153")));
    assert_eq!(
        steps(&w),
        vec![(Some(1), d("-8"), false), (Some(0), d("5"), true)]
    );
}

#[test]
fn chart_missing_columns_and_overflow_give_no_waterfall() {
    let t = inline_table(&[Role::Outcome], &[], &[("item", 0, "A", &["-5"])]);
    let r = compute(&t);
    assert_eq!(waterfall(&t, &r, 5), None);
    assert!(deviation_bars(&t, &r).bars.is_empty());

    let max = Decimal::MAX.to_string();
    let min = Decimal::MIN.to_string();
    let t = inline_table(
        &[Role::Outcome, Role::Budget],
        &[],
        &[
            ("item", 0, "A", &[max.as_str(), min.as_str()]),
            ("item", 0, "B", &["1", "2"]),
        ],
    );
    let r = compute(&t);
    assert_eq!(waterfall(&t, &r, 5), None);
    assert_invariants(&t, &r, 5);
}

/// A small table of outcome and budget in any convention: rows of every
/// kind and level, values small enough never to overflow.
fn small_table() -> impl Strategy<Value = Table> {
    let value = prop_oneof![
        1 => Just("_".to_string()),
        6 => (-100_000i64..100_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
    ];
    let row = (0u8..10, value.clone(), value);
    let convention = prop_oneof![
        Just(SignConvention::OutcomeMinusBudget),
        Just(SignConvention::BudgetMinusOutcome),
        Just(SignConvention::OutcomePlusBudget),
    ];
    (prop::collection::vec(row, 0..25), convention).prop_map(|(rows, convention)| {
        let rows: Vec<(&str, u8, String, Vec<String>)> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (k, o, b))| {
                let (kind, level) = match k {
                    0 => ("heading", 0),
                    1 => ("subtotal", 0),
                    2 | 3 if i > 0 => ("item", 1),
                    _ => ("item", 0),
                };
                (kind, level, format!("R{i}"), vec![o, b])
            })
            .collect();
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.3.iter().map(String::as_str).collect())
            .collect();
        let spec: Vec<(&str, u8, &str, &[&str])> = rows
            .iter()
            .zip(&cells)
            .map(|(r, c)| (r.0, r.1, r.2.as_str(), c.as_slice()))
            .collect();
        let mut t = inline_table(&[Role::Outcome, Role::Budget], &[], &spec);
        t.settings.sign_convention = Some(convention);
        t
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Small tables always have a waterfall (when a top-level row has a
    /// value), and its steps add up from the budget total to the outcome
    /// total exactly, whatever the convention.
    #[test]
    fn chart_waterfall_adds_up_exactly(t in small_table(), max_steps in 0usize..6) {
        let r = compute(&t);
        assert_invariants(&t, &r, max_steps);
        let any_value = t.rows.iter().any(|row| {
            row.kind == RowKind::Item
                && row.level == 0
                && (row.cells[1].number().is_some() || row.cells[2].number().is_some())
        });
        let w = waterfall(&t, &r, max_steps);
        prop_assert_eq!(w.is_some(), any_value);
        if let Some(w) = w {
            prop_assert_eq!(Some(w.start), r.totals.columns[2].value().or(Some(Decimal::ZERO)));
            prop_assert_eq!(Some(w.end), r.totals.columns[1].value().or(Some(Decimal::ZERO)));
            let sum = w.steps.iter().fold(w.start, |p, s| p + s.delta);
            prop_assert_eq!(sum, w.end);
        }
    }

    /// Random tables of every shape (huge numbers, errors, forecasts by
    /// every method) never panic, and what they give holds the invariants.
    #[test]
    fn chart_random_tables_hold_the_invariants(t in support::gen::table(10), max_steps in 0usize..4) {
        let r = compute(&t);
        assert_invariants(&t, &r, max_steps);
    }
}
