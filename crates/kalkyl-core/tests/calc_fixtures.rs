//! The engine and the checks on every seed table: the detected sign
//! convention is the fixture's `sign:`, the checks are exactly the fixture's
//! `=== checks`, and the computed figures and totals are the report's.

mod support;

use kalkyl_core::calc::{compute, Computed, Figure, Status};
use kalkyl_core::checks::check_table;
use kalkyl_core::convention::detect_convention;
use rust_decimal::Decimal;
use support::fixture::{load_all, load_named};
use support::table::{fixture_convention, fixture_table};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

#[test]
fn detected_convention_is_the_fixture_sign() {
    let mut decided = 0;
    for f in load_all() {
        let Some(sign) = f.sign.as_deref() else {
            continue;
        };
        let expected = fixture_convention(sign)
            .unwrap_or_else(|| panic!("{}: no table convention for sign {sign}", f.name));
        let detected = detect_convention(&fixture_table(&f));
        assert_eq!(
            detected.convention, expected,
            "{}: detected {detected:?}",
            f.name
        );
        decided += 1;
    }
    assert!(decided >= 20, "only {decided} fixtures have a sign");
}

/// A check as (kind, row, column, stated, recomputed).
type Line = (String, usize, usize, Decimal, Decimal);

#[test]
fn checks_are_exactly_the_fixture_checks() {
    let mut failures = Vec::new();
    let mut listed = 0;
    for f in load_all() {
        let table = fixture_table(&f);
        let mut got: Vec<Line> = check_table(&table)
            .into_iter()
            .map(|c| {
                (
                    c.kind.key().to_string(),
                    c.row,
                    c.column,
                    c.stated,
                    c.recomputed,
                )
            })
            .collect();
        let mut want: Vec<Line> = f
            .checks
            .iter()
            .map(|c| (c.kind.clone(), c.row, c.column, c.stated, c.computed))
            .collect();
        got.sort();
        want.sort();
        listed += want.len();
        // A percentage is recomputed exactly; the fixture writes it rounded
        // to the decimals it gives.
        let same = got.len() == want.len()
            && got.iter().zip(&want).all(|(g, w)| {
                g.0 == w.0
                    && (g.1, g.2) == (w.1, w.2)
                    && g.3 == w.3
                    && g.3.scale() == w.3.scale()
                    && if g.0 == "percent_mismatch" {
                        g.4.round_dp(w.4.scale()) == w.4
                    } else {
                        g.4 == w.4
                    }
            });
        if !same {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", f.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(listed >= 9, "the fixtures list {listed} checks");
}

#[test]
fn every_fixture_computes_and_its_stated_sums_match_the_computed_ones() {
    for f in load_all() {
        let table = fixture_table(&f);
        let results = compute(&table);
        assert_eq!(results.rows.len(), table.rows.len(), "{}", f.name);
        assert_eq!(
            results.totals.columns.len(),
            table.columns.len(),
            "{}",
            f.name
        );
        let checks = check_table(&table);
        if checks.iter().any(|c| c.kind.key() == "sign_suspect") {
            continue;
        }
        for sum in &results.sums {
            for (c, computed) in sum.totals.columns.iter().enumerate() {
                let (Computed::Value(v), Some(stated)) = (computed, table.number(sum.row, c))
                else {
                    continue;
                };
                if checks.iter().any(|k| (k.row, k.column) == (sum.row, c)) {
                    continue;
                }
                // Every figure may be off by half a unit of its last decimal.
                let unit = Decimal::new(5, stated.scale() + 1);
                let allowed = unit * Decimal::from(table.rows.len() + 1);
                assert!(
                    (*v - stated).abs() <= allowed,
                    "{} row {} col {c}: computed {v}, stated {stated}",
                    f.name,
                    sum.row
                );
            }
        }
    }
}

#[test]
fn computed_figures_of_the_seed_tables() {
    // (fixture, row or None for the table's totals, figure, expected)
    let cases: &[(&str, Option<usize>, Figure, Option<&str>)] = &[
        // Net cost: -297,2 - -305,0 = 7,8, in % of |budget|.
        (
            "000-5.1.1-resultatrakning",
            Some(0),
            Figure::Variance,
            Some("7.8"),
        ),
        (
            "000-5.1.1-resultatrakning",
            Some(0),
            Figure::VariancePct,
            Some("2.5573770491803278688524590164"),
        ),
        (
            "000-5.1.1-resultatrakning",
            None,
            Figure::Variance,
            Some("65.7"),
        ),
        (
            "000-5.1.1-resultatrakning",
            Some(4),
            Figure::Variance,
            Some("65.7"),
        ),
        // No months, no forecast column: no forecast.
        ("000-5.1.1-resultatrakning", Some(0), Figure::Forecast, None),
        // Gross, full-year table without a budget column: annual budget - outcome.
        (
            "000-5.2-investeringar",
            Some(0),
            Figure::Variance,
            Some("545"),
        ),
        (
            "000-5.2-investeringar",
            None,
            Figure::Variance,
            Some("19167"),
        ),
        (
            "000-5.2-investeringar",
            Some(0),
            Figure::InvestmentVariance,
            Some("545"),
        ),
        // Gross investments with a forecast column: manual forecast.
        (
            "001-5.3-investeringar",
            Some(5),
            Figure::Forecast,
            Some("40.0"),
        ),
        (
            "001-5.3-investeringar",
            Some(5),
            Figure::ForecastVariance,
            Some("-4.1"),
        ),
        (
            "001-5.3-investeringar",
            None,
            Figure::ForecastVariance,
            Some("-4.1"),
        ),
        (
            "001-5.3-investeringar",
            Some(5),
            Figure::InvestmentVariance,
            Some("-4.1"),
        ),
        // Budget deviation of accumulated figures: 0,5 - ... gross: 4,6 - 0,5.
        (
            "001-5.3-investeringar",
            Some(0),
            Figure::Variance,
            Some("4.1"),
        ),
        // The previous report's forecast deviation cannot change without a forecast.
        (
            "001-5.1.1-resultatrakning",
            Some(0),
            Figure::ForecastChange,
            None,
        ),
        // 8 months with a forecast column: the forecast column.
        (
            "003-5.3-investeringar",
            Some(2),
            Figure::Forecast,
            Some("14500"),
        ),
        (
            "003-5.3-investeringar",
            Some(2),
            Figure::ForecastVariance,
            Some("14900"),
        ),
        (
            "003-5.3-investeringar",
            None,
            Figure::Forecast,
            Some("25850"),
        ),
        // The sign error stays in the computed figures (the check flags it).
        (
            "003-5.1.2-analys-av-prognosen",
            Some(3),
            Figure::ForecastVariance,
            Some("516.3"),
        ),
        (
            "003-5.1.2-analys-av-prognosen",
            Some(4),
            Figure::ForecastVariancePct,
            None,
        ),
        // "Budget 2021" beside "Utfall 2021" is the year's (the period's) budget.
        (
            "004-4.1-resultatrapport-kansli-halsoval-tandvard",
            Some(0),
            Figure::Variance,
            Some("65.5"),
        ),
        (
            "004-4.1-resultatrapport-kansli-halsoval-tandvard",
            Some(0),
            Figure::YoyChange,
            Some("9.6"),
        ),
        (
            "004-4.1-resultatrapport-kansli-halsoval-tandvard",
            None,
            Figure::Variance,
            Some("175.4"),
        ),
        // "Summa kostnader" closes the three cost rows.
        (
            "004-4.1-resultatrapport-kansli-halsoval-tandvard",
            Some(5),
            Figure::Variance,
            Some("109.9"),
        ),
        // Varav children are computed, but the Summa: adds the parents only.
        (
            "004-4.1-resultatrapport-regionstyrelsen",
            Some(1),
            Figure::Variance,
            Some("115.1"),
        ),
        (
            "004-4.1-resultatrapport-regionstyrelsen",
            None,
            Figure::Variance,
            Some("175.4"),
        ),
        (
            "004-4.1-resultatrapport-regionstyrelsen",
            None,
            Figure::YoyChange,
            Some("-122.4"),
        ),
        // Year over year in percent of |prior|: 4,3 / 60,7.
        (
            "004-5.2-kostnadsanalys",
            Some(0),
            Figure::YoyChange,
            Some("4.3"),
        ),
        (
            "004-5.2-kostnadsanalys",
            Some(0),
            Figure::YoyPct,
            Some("7.0840197693574958813838550247"),
        ),
        ("004-5.2-kostnadsanalys", Some(5), Figure::YoyPct, None),
        // Investment plan: only budgets, nothing to compare.
        (
            "002-5.2-investeringsbudget",
            Some(1),
            Figure::Variance,
            None,
        ),
    ];
    for (name, row, figure, expected) in cases {
        let f = load_named(name);
        let results = compute(&fixture_table(&f));
        let got = match row {
            Some(r) => results.rows[*r].figure(*figure),
            None => results.totals.computed.figure(*figure),
        };
        let want = expected.map_or(Computed::Blank, |e| Computed::Value(d(e)));
        assert_eq!(got, want, "{name} row {row:?} {}", figure.key());
        if let (Computed::Value(g), Computed::Value(w)) = (got, want) {
            assert_eq!(
                g.scale(),
                w.scale(),
                "{name} row {row:?} {}: scale",
                figure.key()
            );
        }
    }
}

#[test]
fn column_totals_and_status_of_the_seed_tables() {
    // (fixture, column, expected total)
    let totals = [
        ("000-5.1.1-resultatrakning", 1, "-420.3"),
        ("000-5.1.1-resultatrakning", 2, "-486.0"),
        ("000-5.1.1-resultatrakning", 3, "65.7"),
        ("003-5.3-investeringar", 3, "46750"),
        ("004-4.5-listade-per-lansdel", 3, "223441"),
        ("002-5.2-investeringsbudget", 3, "330.6"),
    ];
    for (name, column, expected) in totals {
        let results = compute(&fixture_table(&load_named(name)));
        assert_eq!(
            results.totals.columns[column],
            Computed::Value(d(expected)),
            "{name} col {column}"
        );
    }
    // (fixture, row, status)
    let marks = [
        ("000-5.1.1-resultatrakning", 0, Some(Status::Met)),
        // IT-utrustning: -4,1 of 35,9 is -11,4 %.
        ("001-5.3-investeringar", 5, Some(Status::Large)),
        // Förtroendevalda: -0,5 of 39,1 is -1,3 %.
        ("003-5.1.2-analys-av-prognosen", 1, Some(Status::Acceptable)),
        ("002-5.2-investeringsbudget", 1, None),
    ];
    for (name, row, status) in marks {
        let results = compute(&fixture_table(&load_named(name)));
        assert_eq!(results.rows[row].status, status, "{name} row {row}");
    }
}
