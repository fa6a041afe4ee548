//! The engine on small hand-made tables: forecast methods and their
//! defaults, forecast change, investment follow-up, status marks, totals
//! of sections, and errors that stay visible instead of becoming zero.

mod support;

use kalkyl_core::calc::{
    compute, CalcError, Computed, Figure, ForecastBasis, IncrementalCalc, Status,
};
use kalkyl_core::edit::{Command, History};
use kalkyl_core::model::{Cell, ForecastMethod, Role, SignConvention, Table};
use rust_decimal::Decimal;
use support::table::inline_table;

use Role::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

fn value(s: &str) -> Computed {
    Computed::Value(d(s))
}

/// Outcome, accumulated budget, annual budget; -100 after 4 months of -300.
fn forecast_table(months: Option<u8>, forecast_column: bool) -> Table {
    let mut roles = vec![Outcome, Budget, AnnualBudget];
    let mut cells = vec!["-100", "-120", "-300"];
    if forecast_column {
        roles.push(Forecast);
        cells.push("-290");
    }
    let rows: &[(&str, u8, &str, &[&str])] = &[("item", 0, "A", &cells)];
    let mut t = inline_table(&roles, &[], rows);
    t.months = months;
    t.settings.sign_convention = Some(SignConvention::OutcomeMinusBudget);
    t
}

/// (months, forecast column, table method, row method, basis, forecast, deviation)
type ForecastCase = (
    Option<u8>,
    bool,
    Option<ForecastMethod>,
    Option<ForecastMethod>,
    Option<ForecastBasis>,
    Computed,
    Computed,
);

#[test]
fn forecast_methods_and_defaults() {
    use ForecastMethod::*;
    let cases: &[ForecastCase] = &[
        (
            Some(4),
            true,
            None,
            None,
            Some(ForecastBasis::Manual),
            value("-290"),
            value("10"),
        ),
        (
            Some(4),
            false,
            None,
            None,
            Some(ForecastBasis::RunRate),
            value("-300"),
            value("0"),
        ),
        (
            Some(12),
            false,
            None,
            None,
            Some(ForecastBasis::FullYearOutcome),
            value("-100"),
            value("200"),
        ),
        // Months unknown, an accumulated and an annual budget: part-year, and
        // the budget's own profile gives the forecast without the months.
        (
            None,
            false,
            None,
            None,
            Some(ForecastBasis::Seasonal),
            value("-250"),
            value("50"),
        ),
        (
            Some(4),
            true,
            Some(RunRate),
            None,
            Some(ForecastBasis::RunRate),
            value("-300"),
            value("0"),
        ),
        (
            Some(4),
            true,
            Some(RunRate),
            Some(RemainingBudget),
            Some(ForecastBasis::RemainingBudget),
            value("-280"),
            value("20"),
        ),
        (
            Some(4),
            false,
            Some(Seasonal),
            None,
            Some(ForecastBasis::Seasonal),
            value("-250"),
            value("50"),
        ),
        (
            Some(4),
            false,
            Some(Manual),
            None,
            None,
            Computed::Blank,
            Computed::Blank,
        ),
        (
            None,
            false,
            Some(RunRate),
            None,
            None,
            Computed::Blank,
            Computed::Blank,
        ),
        (
            Some(7),
            false,
            None,
            None,
            Some(ForecastBasis::RunRate),
            value("-171.42857142857142857142857143"),
            value("128.57142857142857142857142857"),
        ),
    ];
    for (i, (months, column, method, row_method, basis, forecast, deviation)) in
        cases.iter().enumerate()
    {
        let mut t = forecast_table(*months, *column);
        t.settings.forecast_method = *method;
        if let Some(m) = row_method {
            t.settings.row_forecast_methods.insert(0, *m);
        }
        let r = compute(&t);
        assert_eq!(r.rows[0].forecast_basis, *basis, "case {i}");
        assert_eq!(r.rows[0].forecast, *forecast, "case {i}");
        assert_eq!(r.rows[0].forecast_variance, *deviation, "case {i}");
    }
}

#[test]
fn errors_stay_visible_in_rows_and_totals() {
    // Seasonal on a zero accumulated budget divides by zero.
    let mut t = inline_table(
        &[Outcome, Budget, AnnualBudget],
        &[],
        &[
            ("item", 0, "A", &["-50", "0", "-300"]),
            ("item", 0, "B", &["-50", "-100", "-300"]),
        ],
    );
    t.settings.forecast_method = Some(ForecastMethod::Seasonal);
    let r = compute(&t);
    assert_eq!(
        r.rows[0].forecast,
        Computed::Error(CalcError::DivisionByZero)
    );
    assert_eq!(
        r.rows[0].forecast_variance,
        Computed::Error(CalcError::DivisionByZero)
    );
    assert_eq!(r.rows[1].forecast, value("-150"));
    assert_eq!(
        r.totals.computed.forecast,
        Computed::Error(CalcError::DivisionByZero)
    );
    assert_eq!(
        r.totals.computed.forecast_variance_pct,
        Computed::Error(CalcError::DivisionByZero)
    );
    assert_eq!(r.totals.computed.status, None);
    // The budget deviation is unaffected: 0 on a zero budget has no percentage.
    assert_eq!(r.rows[0].variance, value("-50"));
    assert_eq!(r.rows[0].variance_pct, Computed::Blank);
    assert_eq!(r.totals.computed.variance, value("0"));

    // Overflow of a row's deviation and of a column total.
    let mut t = inline_table(
        &[Outcome, Budget],
        &[],
        &[
            (
                "item",
                0,
                "A",
                &[&Decimal::MAX.to_string(), &Decimal::MIN.to_string()],
            ),
            ("item", 0, "B", &["1", "0"]),
        ],
    );
    t.settings.sign_convention = Some(SignConvention::OutcomeMinusBudget);
    let r = compute(&t);
    assert_eq!(r.rows[0].variance, Computed::Error(CalcError::Overflow));
    assert_eq!(r.rows[1].variance, value("1"));
    assert_eq!(r.totals.columns[1], Computed::Error(CalcError::Overflow));
    assert_eq!(r.totals.columns[2], Computed::Value(Decimal::MIN));
    assert_eq!(
        r.totals.computed.variance,
        Computed::Error(CalcError::Overflow)
    );

    // A run rate after 0 months.
    let mut t = forecast_table(Some(0), false);
    t.settings.forecast_method = Some(ForecastMethod::RunRate);
    assert_eq!(
        compute(&t).rows[0].forecast,
        Computed::Error(CalcError::DivisionByZero)
    );
}

#[test]
fn forecast_change_investments_year_over_year_and_status() {
    let t = inline_table(
        &[
            Outcome,
            Forecast,
            AnnualBudget,
            PreviousForecast,
            TotalBudget,
            PriorOutcome,
        ],
        &[],
        &[
            (
                "item",
                0,
                "Projekt A",
                &["8.0", "40.0", "35.9", "-2.0", "56.0", "10.0"],
            ),
            (
                "item",
                0,
                "Projekt B",
                &["1.0", "_", "3.0", "_", "_", "0.0"],
            ),
        ],
    );
    let mut gross = t.clone();
    gross.settings.sign_convention = Some(SignConvention::BudgetMinusOutcome);
    let r = compute(&gross);
    let a = &r.rows[0];
    // (figure, expected)
    let cases = [
        (Figure::Forecast, value("40.0")),
        (Figure::ForecastVariance, value("-4.1")),
        (Figure::ForecastChange, value("-2.1")),
        (Figure::InvestmentVariance, value("-4.1")),
        (Figure::TotalBudgetVariance, value("16.0")),
        (Figure::YoyChange, value("-2.0")),
        (Figure::YoyPct, value("-20")),
    ];
    for (figure, expected) in cases {
        assert_eq!(a.figure(figure), expected, "{}", figure.key());
    }
    // -4,1 of 35,9 is -11,4 %: large.
    assert_eq!(a.status, Some(Status::Large));
    // Without a forecast, the investment follow-up uses the outcome.
    assert_eq!(r.rows[1].investment_variance, value("2.0"));
    assert_eq!(r.rows[1].forecast, Computed::Blank);
    assert_eq!(r.rows[1].yoy_pct, Computed::Blank);
    // Its budget deviation falls back to the annual budget: 3,0 - 1,0.
    assert_eq!(r.rows[1].variance, value("2.0"));
    assert_eq!(r.rows[1].status, Some(Status::Met));
    // Totals: sums of the rows; the percentage over the summed base.
    assert_eq!(r.totals.computed.investment_variance, value("-2.1"));
    assert_eq!(r.totals.computed.forecast_variance, value("-4.1"));
    assert_eq!(
        r.totals.computed.forecast_variance_pct,
        value("-11.420612813370473537604456825")
    );
}

#[test]
fn status_thresholds_are_adjustable() {
    // (outcome, budget, met within, acceptable within, status)
    let cases = [
        ("-101", "-100", "1", "5", Status::Met),
        ("-103", "-100", "1", "5", Status::Acceptable),
        ("-103", "-100", "3", "5", Status::Met),
        ("-106", "-100", "1", "5", Status::Large),
        ("-106", "-100", "1", "10", Status::Acceptable),
        ("-90", "-100", "0", "0", Status::Met),
    ];
    for (o, b, met, acceptable, status) in cases {
        let mut t = inline_table(&[Outcome, Budget], &[], &[("item", 0, "A", &[o, b])]);
        t.settings.status.met_within = d(met);
        t.settings.status.acceptable_within = d(acceptable);
        t.settings.sign_convention = Some(SignConvention::OutcomeMinusBudget);
        assert_eq!(
            compute(&t).rows[0].status,
            Some(status),
            "{o} {b} {met} {acceptable}"
        );
    }
}

#[test]
fn sections_and_varav_rows_in_the_totals() {
    let t = inline_table(
        &[Outcome, Budget],
        &[],
        &[
            ("heading", 0, "Drift", &["_", "_"]),
            ("item", 0, "A, varav", &["-10", "-12"]),
            ("item", 1, "A1", &["-4", "-5"]),
            ("item", 0, "B", &["-5", "-6"]),
            ("subtotal", 0, "Summa Drift", &["-99", "-99"]),
            ("item", 0, "C", &["3", "2"]),
            ("total", 0, "Totalt", &["_", "_"]),
        ],
    );
    let r = compute(&t);
    // The subtotal is computed from its rows, never taken as pasted.
    let sub = r.sum_of(4).expect("a subtotal");
    assert_eq!(sub.columns[1], value("-15"));
    assert_eq!(sub.computed.variance, value("3"));
    assert_eq!(r.rows[4].variance, value("3"));
    assert_eq!(r.rows[2].variance, value("1"));
    let total = r.sum_of(6).expect("a total");
    assert_eq!(total.columns[1], value("-12"));
    assert_eq!(r.totals.columns[1], value("-12"));
    assert_eq!(r.totals.columns[2], value("-16"));
    assert_eq!(r.totals.columns[0], Computed::Blank);
    assert_eq!(r.rows[0].variance, Computed::Blank);
    assert!(r.sum_of(3).is_none());
}

#[test]
fn incremental_edits_follow_the_full_recompute() {
    let mut t = inline_table(
        &[Outcome, Budget, StatedVariance],
        &[],
        &[
            ("heading", 0, "Drift", &["_", "_", "_"]),
            ("item", 0, "A", &["-10", "-12", "2"]),
            ("item", 0, "B", &["-5", "-6", "1"]),
            ("subtotal", 0, "Summa Drift", &["-15", "-18", "3"]),
            ("item", 0, "C", &["3", "2", "1"]),
            ("total", 0, "Totalt", &["-12", "-16", "4"]),
        ],
    );
    let mut calc = IncrementalCalc::new(&t);
    let mut h = History::default();
    let commands = [
        Command::SetCell {
            row: 1,
            column: 1,
            cell: Cell::Number(d("-11.5")),
        },
        Command::SetCell {
            row: 4,
            column: 2,
            cell: Cell::Empty,
        },
        Command::SetCell {
            row: 0,
            column: 0,
            cell: Cell::Text("Annat".into()),
        },
        Command::SetRole {
            column: 2,
            role: Role::AnnualBudget,
        },
        Command::SetRowForecastMethod {
            row: 2,
            method: Some(ForecastMethod::Seasonal),
        },
        Command::SetMonths(Some(6)),
    ];
    for command in &commands {
        let effect = h.apply(&mut t, command).expect("valid");
        calc.update(&t, &effect);
        assert_eq!(calc.results(), &compute(&t), "{command:?}");
    }
    assert_eq!(calc.results().totals.columns[1], value("-13.5"));
    while let Some(effect) = h.undo(&mut t) {
        calc.update(&t, &effect);
        assert_eq!(calc.results(), &compute(&t));
    }
    let mut fresh = calc.clone();
    fresh.refresh(&t);
    assert_eq!(fresh.into_results(), calc.into_results());
}

/// A part-year outcome with only an annual budget: no budget deviation
/// against the annual budget, but what is left of it ("Återstår") and the
/// forecast deviation; a full year (or unknown months) compares as before.
#[test]
fn a_part_year_outcome_is_not_a_deviation_from_the_annual_budget() {
    // (months, variance, remaining, forecast deviation) for -100 of -300.
    let blank = Computed::Blank;
    let cases: &[(Option<u8>, Computed, Computed, Computed)] = &[
        // Run rate: -100 × 12 / 4 = -300, on budget.
        (Some(4), blank, value("-200"), value("0")),
        // -100 × 12 / 8 = -150: 150 better than the annual budget.
        (Some(8), blank, value("-200"), value("150")),
        (Some(12), value("200"), blank, value("200")),
        (None, value("200"), blank, blank),
    ];
    for &(months, variance, remaining, forecast_variance) in cases {
        let rows: &[(&str, u8, &str, &[&str])] = &[("item", 0, "A", &["-100", "-300"])];
        let mut t = inline_table(&[Outcome, AnnualBudget], &[], rows);
        t.months = months;
        t.settings.sign_convention = Some(SignConvention::OutcomeMinusBudget);
        let r = compute(&t);
        let row = &r.rows[0];
        assert_eq!(row.variance, variance, "{months:?} variance");
        assert_eq!(row.remaining, remaining, "{months:?} remaining");
        assert_eq!(
            row.forecast_variance, forecast_variance,
            "{months:?} forecast deviation"
        );
        assert_eq!(
            r.totals.computed.figure(Figure::Remaining),
            remaining,
            "{months:?} total"
        );
    }
}
