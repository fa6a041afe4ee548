//! The checks and the convention detection on small hand-made tables, one
//! rule per case: what is flagged, what is within rounding, what cannot be
//! recomputed and so is left alone.

mod support;

use kalkyl_core::checks::{check_table, variance_bases, CheckKind};
use kalkyl_core::convention::{detect_convention, effective_convention, Basis, VarianceBasis};
use kalkyl_core::edit::{apply, Command};
use kalkyl_core::model::{Cell, Role, SignConvention};
use rust_decimal::Decimal;
use support::table::inline_table;

use Role::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

type Row<'a> = (&'a str, u8, &'a str, &'a [&'a str]);

/// (name, roles, headings, rows, expected checks as (kind, row, column, stated, recomputed))
type Case<'a> = (
    &'a str,
    &'a [Role],
    &'a [&'a str],
    &'a [Row<'a>],
    &'a [(CheckKind, usize, usize, &'a str, &'a str)],
);

#[test]
fn checks_on_hand_made_tables() {
    use CheckKind::*;
    let cases: &[Case] = &[
        (
            "consistent net-cost table",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-297.2", "-305.0", "7.8"]),
                ("item", 0, "B", &["-38.1", "-40.0", "1.9"]),
                ("total", 0, "Totalt", &["-335.3", "-345.0", "9.7"]),
            ],
            &[],
        ),
        (
            "a wrong deviation among right ones",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-297.2", "-305.0", "7.8"]),
                ("item", 0, "B", &["-38.1", "-40.0", "1.9"]),
                ("item", 0, "C", &["-10.0", "-12.0", "3.0"]),
            ],
            &[(VarianceMismatch, 2, 3, "3.0", "2.0")],
        ),
        (
            "within rounding: 1,4 computed, 1,5 stated (three figures: 0,15)",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-24.5", "-25.9", "1.5"]),
                ("item", 0, "B", &["-142.1", "-178.2", "36.0"]),
            ],
            &[],
        ),
        (
            "beyond rounding: 0,2 off with three one-decimal figures",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-24.5", "-25.9", "1.6"]),
                ("item", 0, "B", &["-142.1", "-178.2", "36.1"]),
                ("item", 0, "C", &["-1.0", "-2.0", "1.0"]),
            ],
            &[(VarianceMismatch, 0, 3, "1.6", "1.4")],
        ),
        (
            "a missing minus on the outcome: one sign suspect, the total then holds",
            &[Forecast, AnnualBudget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["243.8", "-272.5", "28.7"]),
                ("item", 0, "B", &["-39.6", "-39.1", "-0.5"]),
                ("item", 0, "C", &["-4.4", "-4.4", "0.0"]),
                ("total", 0, "Totalt", &["-287.8", "-316.0", "28.2"]),
            ],
            &[(SignSuspect, 0, 1, "243.8", "-243.8")],
        ),
        (
            "a missing minus on the budget",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-297.2", "305.0", "7.8"]),
                ("item", 0, "B", &["-38.1", "-40.0", "1.9"]),
                ("item", 0, "C", &["-2.1", "-4.4", "2.3"]),
            ],
            &[(SignSuspect, 0, 2, "305.0", "-305.0")],
        ),
        (
            "a missing minus on the deviation",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-297.2", "-305.0", "7.8"]),
                ("item", 0, "B", &["-42.1", "-40.0", "2.1"]),
                ("item", 0, "C", &["-2.1", "-4.4", "2.3"]),
            ],
            &[(SignSuspect, 1, 3, "2.1", "-2.1")],
        ),
        (
            "a wrong total; varav children are not added",
            &[Outcome, Budget],
            &[],
            &[
                ("item", 0, "A, varav", &["-10", "-12"]),
                ("item", 1, "A1", &["-4", "-5"]),
                ("item", 0, "B", &["-5", "-6"]),
                ("total", 0, "Summa", &["-19", "-18"]),
            ],
            &[(TotalMismatch, 3, 1, "-19", "-15")],
        ),
        (
            "rounding adds up: five one-decimal rows and the total (6 × 0,05)",
            &[Outcome],
            &[],
            &[
                ("item", 0, "A", &["1.1"]),
                ("item", 0, "B", &["1.1"]),
                ("item", 0, "C", &["1.1"]),
                ("item", 0, "D", &["1.1"]),
                ("item", 0, "E", &["1.1"]),
                ("total", 0, "Summa", &["5.8"]),
            ],
            &[],
        ),
        (
            "just beyond the added rounding",
            &[Outcome],
            &[],
            &[
                ("item", 0, "A", &["1.1"]),
                ("item", 0, "B", &["1.1"]),
                ("total", 0, "Summa", &["2.4"]),
            ],
            &[(TotalMismatch, 2, 1, "2.4", "2.2")],
        ),
        (
            "a named section: Summa X closes heading X with its sub-headings",
            &[Budget],
            &[],
            &[
                ("heading", 0, "Fastigheter", &["_"]),
                ("item", 0, "A", &["10.0"]),
                ("heading", 0, "Fastigheter nya", &["_"]),
                ("item", 0, "B", &["5.0"]),
                ("subtotal", 0, "Summa Fastigheter", &["15.0"]),
            ],
            &[],
        ),
        (
            "a wrong subtotal is flagged once; the total uses its stated value",
            &[Outcome],
            &[],
            &[
                ("item", 0, "Intäkter", &["100"]),
                ("subtotal", 0, "Summa intäkter", &["110"]),
                ("item", 0, "Kostnader", &["-50"]),
                ("subtotal", 0, "Summa kostnader", &["-50"]),
                ("total", 0, "Resultat", &["60"]),
            ],
            &[(TotalMismatch, 1, 1, "110", "100")],
        ),
        (
            "an empty subtotal counts with its rows' sum",
            &[Outcome],
            &[],
            &[
                ("item", 0, "A", &["1"]),
                ("item", 0, "B", &["2"]),
                ("subtotal", 0, "Summa", &["_"]),
                ("item", 0, "C", &["4"]),
                ("total", 0, "Totalt", &["10"]),
            ],
            &[(TotalMismatch, 4, 1, "10", "7")],
        ),
        (
            "year over year by the heading, budget deviation beside it",
            &[
                Outcome,
                Budget,
                PriorOutcome,
                StatedVariance,
                StatedVariance,
            ],
            &[
                "Utfall",
                "Budget",
                "Utfall 2020",
                "Budgetavvikelse",
                "Utfallsavvikelse",
            ],
            &[
                ("item", 0, "A", &["-6.8", "-10.6", "-7.8", "3.8", "1.0"]),
                ("item", 0, "B", &["-21.6", "-28.1", "-19.2", "6.5", "-2.4"]),
                (
                    "item",
                    0,
                    "C",
                    &["-67.5", "-104.6", "-59.6", "37.1", "-9.9"],
                ),
            ],
            &[(VarianceMismatch, 2, 5, "-9.9", "-7.9")],
        ),
        (
            "a deviation of a forecast the table does not show is not checked",
            &[Outcome, Budget, StatedVariance, StatedVariance],
            &["Utfall", "Budget", "Avvikelse", "Prognostiserad avvikelse"],
            &[
                ("item", 0, "A", &["-24.5", "-25.9", "1.4", "-0.5"]),
                ("item", 0, "B", &["-142.1", "-178.2", "36.1", "28.7"]),
                ("item", 0, "C", &["-13.6", "-63.9", "50.3", "50.0"]),
            ],
            &[],
        ),
        (
            "a percentage of |budget|: one wrong, one on a zero base",
            &[Forecast, AnnualBudget, StatedVariance, StatedPercent],
            &[],
            &[
                ("item", 0, "A", &["-39.6", "-39.1", "-0.5", "-1.3"]),
                ("item", 0, "B", &["-45.8", "-95.8", "50.0", "52.2"]),
                ("item", 0, "C", &["-10.0", "-20.0", "10.0", "55.0"]),
                ("item", 0, "D", &["0.0", "0.0", "0.0", "0.0"]),
                ("item", 0, "E", &["-9.0", "-10.0", "1.0", "10.0"]),
            ],
            &[(PercentMismatch, 2, 4, "55.0", "50")],
        ),
        (
            "a percentage of a signed base (cost development)",
            &[Outcome, PriorOutcome, StatedVariance, StatedPercent],
            &[],
            &[
                ("item", 0, "A", &["-56.4", "-60.7", "4.3", "-7.1"]),
                ("item", 0, "B", &["-0.5", "-0.6", "0.1", "-16.7"]),
                ("item", 0, "C", &["-9.5", "-7.0", "-2.5", "35.7"]),
                ("item", 0, "D", &["-0.3", "-0.6", "0.3", "50.0"]),
            ],
            &[(PercentMismatch, 3, 4, "50.0", "-50")],
        ),
        (
            "a percentage a formula reproduces on three rows of five is left alone",
            &[Outcome, Budget, StatedPercent],
            &[],
            &[
                ("item", 0, "A", &["10", "20", "50"]),
                ("item", 0, "B", &["30", "60", "50"]),
                ("item", 0, "C", &["5", "10", "50"]),
                ("item", 0, "D", &["8", "10", "55"]),
                ("item", 0, "E", &["9", "10", "33"]),
            ],
            &[],
        ),
        (
            "a percentage no formula reproduces is left alone",
            &[Outcome, Budget, StatedPercent],
            &[],
            &[
                ("item", 0, "A", &["10", "20", "12.5"]),
                ("item", 0, "B", &["30", "20", "71.0"]),
            ],
            &[],
        ),
        (
            "a result standing first heads its parts: the sum under it is one of them",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("total", 0, "Årets resultat", &["-149", "-79", "-70"]),
                ("total", 0, "Nettokostnad", &["-15432", "-15233", "-199"]),
                ("item", 0, "Skatter och bidrag", &["15196", "15185", "11"]),
                ("item", 0, "Finansnetto", &["87", "-31", "118"]),
            ],
            &[],
        ),
        (
            "a result standing first starts a running result that is checked",
            &[Outcome, PriorOutcome],
            &[],
            &[
                ("total", 0, "Årets resultat", &["2568", "2115"]),
                ("item", 0, "Avgår realisationsvinster", &["-318", "-257"]),
                ("total", 0, "Årets balanskravsresultat", &["2250", "1800"]),
            ],
            &[(TotalMismatch, 2, 2, "1800", "1858")],
        ),
    ];
    for (name, roles, headings, rows, expected) in cases {
        let table = inline_table(roles, headings, rows);
        let got: Vec<(CheckKind, usize, usize, Decimal, Decimal)> = check_table(&table)
            .into_iter()
            .map(|c| (c.kind, c.row, c.column, c.stated, c.recomputed))
            .collect();
        let want: Vec<(CheckKind, usize, usize, Decimal, Decimal)> = expected
            .iter()
            .map(|(k, r, c, s, x)| (*k, *r, *c, d(s), d(x)))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn check_messages_name_the_figures_in_both_languages() {
    let table = inline_table(
        &[Outcome, Budget, StatedVariance],
        &["Utfall", "Budget", "Avvikelse"],
        &[
            ("item", 0, "A", &["-1297.2", "-1305.0", "7.8"]),
            ("item", 0, "B", &["-10.0", "-12.0", "3.0"]),
            ("item", 0, "C", &["-10.0", "-12.0", "2.0"]),
            ("total", 0, "Summa", &["-1317.2", "-1329.0", "13.8"]),
        ],
    );
    let checks = check_table(&table);
    assert_eq!(checks.len(), 2, "{checks:?}");
    let v = &checks[0];
    assert_eq!(v.kind, CheckKind::VarianceMismatch);
    assert!(
        v.message_sv.contains("Utfall − Budget ger 2,0"),
        "{}",
        v.message_sv
    );
    assert!(
        v.message_en.contains("Utfall − Budget gives 2.0"),
        "{}",
        v.message_en
    );
    assert_eq!(v.difference, kalkyl_core::calc::Computed::Value(d("1.0")));
    let t = &checks[1];
    assert_eq!((t.kind, t.row, t.column), (CheckKind::TotalMismatch, 3, 3));
    assert!(
        t.message_sv.contains("ger 12,8") && t.message_sv.contains("anger 13,8"),
        "{}",
        t.message_sv
    );
    assert!(t.message_en.contains("give 12.8"), "{}", t.message_en);
    assert_ne!(
        t.message(kalkyl_core::lang::Lang::Sv),
        t.message(kalkyl_core::lang::Lang::En)
    );
}

#[test]
fn what_each_deviation_column_compares() {
    let table = inline_table(
        &[
            Outcome,
            Budget,
            PriorOutcome,
            StatedVariance,
            StatedVariance,
            StatedVariance,
        ],
        &[
            "Utfall",
            "Budget",
            "Utfall 2020",
            "Avvikelse",
            "Förändring",
            "Prognosavvikelse",
        ],
        &[
            (
                "item",
                0,
                "A",
                &["-6.8", "-10.6", "-7.8", "3.8", "1.0", "9.9"],
            ),
            (
                "item",
                0,
                "B",
                &["-21.6", "-28.1", "-19.2", "6.5", "-2.4", "-3.3"],
            ),
        ],
    );
    assert_eq!(
        variance_bases(&table),
        vec![
            (4, Some(VarianceBasis::OutcomeVsBudget)),
            (5, Some(VarianceBasis::YearOverYear)),
            (6, None),
        ]
    );
}

/// (name, roles, headings, rows, convention, basis)
type DetectionCase<'a> = (
    &'a str,
    &'a [Role],
    &'a [&'a str],
    &'a [Row<'a>],
    SignConvention,
    Basis,
);

#[test]
fn detection_rules_in_order() {
    use SignConvention::*;
    // (name, roles, headings, rows, convention, basis)
    let cases: &[DetectionCase] = &[
        (
            "the allocation convention reproduces the stated deviations",
            &[Outcome, Budget, StatedVariance],
            &[],
            &[
                ("item", 0, "A", &["-95.0", "100.0", "5.0"]),
                ("item", 0, "B", &["-210.0", "200.0", "-10.0"]),
            ],
            OutcomePlusBudget,
            Basis::StatedVariance {
                column: 3,
                reproduced: 2,
            },
        ),
        (
            "numbers win over a heading's words",
            &[Outcome, Budget, StatedVariance],
            &["Utfall", "Budget", "Avvikelse (Budget - Utfall)"],
            &[
                ("item", 0, "A", &["-333.4", "-451.0", "117.6"]),
                ("item", 0, "B", &["-1864.1", "-1917.1", "53.0"]),
            ],
            OutcomeMinusBudget,
            Basis::StatedVariance {
                column: 3,
                reproduced: 2,
            },
        ),
        (
            "a heading's formula decides when the numbers cannot",
            &[Outcome, Budget, StatedVariance],
            &["Utfall", "Budget", "Avvikelse (Budget - Utfall)"],
            &[("item", 0, "A", &["-10.0", "-10.0", "0.0"])],
            BudgetMinusOutcome,
            Basis::Heading { column: 3 },
        ),
        (
            "a heading's formula without the amounts it names counts for nothing",
            &[StatedVariance],
            &["Budgetavvikelse 2021 (Budget 2021 - Utfall 2021)"],
            &[("item", 0, "A", &["117.6"]), ("item", 0, "B", &["53.0"])],
            OutcomeMinusBudget,
            Basis::Default,
        ),
        (
            "an investment table is gross",
            &[Outcome, AnnualBudget],
            &["Investeringar utfall", "Årsbudget"],
            &[("item", 0, "Investering A", &["-1", "-2"])],
            BudgetMinusOutcome,
            Basis::Investment,
        ),
        (
            "a positive budget beside negative outcomes is an allocation",
            &[Outcome, Budget],
            &[],
            &[
                ("item", 0, "A", &["-95.0", "100.0"]),
                ("item", 0, "B", &["-210.0", "200.0"]),
                ("item", 0, "C", &["5.0", "4.0"]),
            ],
            OutcomePlusBudget,
            Basis::AllocationSigns,
        ),
        (
            "mostly negative amounts are net costs",
            &[Outcome, Budget],
            &[],
            &[
                ("item", 0, "A", &["-5", "-6"]),
                ("item", 0, "B", &["1", "-1"]),
            ],
            OutcomeMinusBudget,
            Basis::NegativeAmounts,
        ),
        (
            "mostly positive amounts are gross",
            &[Outcome, Budget],
            &[],
            &[
                ("item", 0, "A", &["5", "6"]),
                ("item", 0, "B", &["1", "-1"]),
            ],
            BudgetMinusOutcome,
            Basis::PositiveAmounts,
        ),
        (
            "incomes positive and costs negative are signed both ways: net cost",
            &[Outcome, StatedVariance],
            &[],
            &[
                ("item", 0, "Intäkter", &["100", "5"]),
                ("item", 0, "Kostnader", &["-300", "-10"]),
                ("item", 0, "Skatter", &["250", "2"]),
            ],
            OutcomeMinusBudget,
            Basis::Default,
        ),
        (
            "a zero budget ties net cost and allocation: net cost",
            &[Forecast, AnnualBudget, StatedVariance],
            &[],
            &[("item", 0, "A", &["78200", "0", "78200"])],
            OutcomeMinusBudget,
            Basis::StatedVariance {
                column: 3,
                reproduced: 1,
            },
        ),
        (
            "deviations beside positive gross costs, no budget: budget - outcome",
            &[Other, Other, StatedVariance],
            &[
                "Verksamhetens intäkter",
                "Verksamhetens kostnader",
                "Budgetavvikelse",
            ],
            &[
                ("item", 0, "2017", &["3.1", "5.2", "0.5"]),
                ("item", 0, "2018", &["0.4", "2.9", "0.4"]),
            ],
            BudgetMinusOutcome,
            Basis::PositiveAmounts,
        ),
        (
            "deviations beside negative gross costs, no budget: outcome - budget",
            &[Other, Other, StatedVariance],
            &["Intäkter", "Kostnader", "Avvikelse"],
            &[
                ("item", 0, "2017", &["3.1", "-5.2", "0.5"]),
                ("item", 0, "2018", &["0.4", "-2.9", "0.4"]),
            ],
            OutcomeMinusBudget,
            Basis::NegativeAmounts,
        ),
        (
            "nothing to decide from",
            &[Other],
            &[],
            &[("item", 0, "A", &["5"])],
            OutcomeMinusBudget,
            Basis::Default,
        ),
    ];
    for (name, roles, headings, rows, convention, basis) in cases {
        let table = inline_table(roles, headings, rows);
        let detected = detect_convention(&table);
        assert_eq!(
            (detected.convention, detected.basis),
            (*convention, *basis),
            "{name}"
        );
    }
}

#[test]
fn settings_override_and_edits_do_not_flip_the_detection() {
    let mut table = inline_table(
        &[Outcome, Budget, StatedVariance],
        &[],
        &[
            ("item", 0, "A", &["-297.2", "-305.0", "7.8"]),
            ("item", 0, "B", &["-38.1", "-40.0", "1.9"]),
        ],
    );
    // What-if edits that would read as gross keep the pasted figures' convention.
    for (row, value) in [(0, "305.0"), (1, "40.0")] {
        apply(
            &mut table,
            &Command::SetCell {
                row,
                column: 2,
                cell: Cell::Number(d(value)),
            },
        )
        .expect("valid");
    }
    assert_eq!(
        detect_convention(&table).convention,
        SignConvention::OutcomeMinusBudget
    );
    apply(
        &mut table,
        &Command::SetConvention(Some(SignConvention::BudgetMinusOutcome)),
    )
    .expect("valid");
    let effective = effective_convention(&table);
    assert_eq!(effective.convention, SignConvention::BudgetMinusOutcome);
    assert_eq!(effective.basis, Basis::Settings);
    // Everything follows: the checks now use budget − outcome.
    let table = inline_table(
        &[Outcome, Budget, StatedVariance],
        &[],
        &[("item", 0, "A", &["-297.2", "-305.0", "7.8"])],
    );
    let mut overridden = table.clone();
    overridden.settings.sign_convention = Some(SignConvention::BudgetMinusOutcome);
    assert!(check_table(&table).is_empty());
    let checks = check_table(&overridden);
    assert_eq!(checks.len(), 1);
    assert_eq!(
        (checks[0].kind, checks[0].column),
        (CheckKind::SignSuspect, 3)
    );
}

/// A stated figure is checked only when the reading it depends on is certain;
/// otherwise it is listed as unchecked with the reason, never as an alarm.
#[test]
fn uncertain_readings_are_left_unchecked_with_a_reason() {
    use kalkyl_core::checks::check_report;
    use kalkyl_core::read::{read_paste, ReadChoices};
    // (case, paste, mismatches expected, unchecked expected, a word of the reason)
    let cases: &[(&str, &str, usize, usize, &str)] = &[
        (
            "a real mismatch in clean rows is flagged",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nSumma\t20\t18\n",
            1,
            0,
            "",
        ),
        (
            "a heading line of years read as a row is not summed into an alarm",
            "Belopp\tKommunen\tKoncernen\nÅr\t2020\t2021\nA\t10\t12\nB\t5\t6\nSumma\t15\t18\n",
            0,
            2,
            "years",
        ),
        (
            "a ratio row among amounts makes the total uncertain",
            "Mnkr\tUtfall\tBudget\nIntäkter\t10\t12\nSoliditet, %\t40\t41\nSumma\t10\t12\n",
            0,
            2,
            "ratio",
        ),
        (
            "a group sum with no heading of its own closes the rows right above it",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nC\t3\t4\nSumma\t8\t10\nD\t1\t1\nTotalt\t19\t23\n",
            0,
            2,
            "group",
        ),
        (
            "a sum under a heading closes its whole section: equal to its last rows only, it is a misprint",
            "Nämnd\tUtfall\tBudget\nKostnader:\nA\t10\t12\nB\t5\t6\nC\t3\t4\nSumma\t8\t10\n",
            2,
            0,
            "",
        ),
        (
            "a zero among the rows makes two runs add up alike: the one every column confirms is the group",
            "Nämnd\tUtfall\tBudget\tIntäkter\nA\t1\t1\t0\nB\t10\t10\t5\nC\t3\t3\t2\nD\t4\t4\t1\nSumma\t7\t7\t3\nE\t2\t2\t4\nSumma X\t20\t20\t12\n",
            0,
            6,
            "group",
        ),
        (
            "a row with fewer cells than the heading may hold its figure in the wrong column",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\nSumma\t20\t18\n",
            0,
            2,
            "certainty",
        ),
        (
            "a sum right under a sum, equal to it with one row left out, is another selection",
            "Skatt\tKronor\tÖre\nKommunen\t17,35\t1735\nRegionen\t12,08\t1208\nKyrkoavgift\t0,70\t70\nBegravningsavgift\t0,25\t25\nSumma medlem\t30,38\t3038\nSumma ej medlem\t29,68\t2968\n",
            0,
            2,
            "left out",
        ),
        (
            "a sum right under a sum that leaves out no single row is flagged",
            "Skatt\tKronor\tÖre\nKommunen\t17,35\t1735\nRegionen\t12,08\t1208\nKyrkoavgift\t0,70\t70\nBegravningsavgift\t0,25\t25\nSumma medlem\t30,38\t3038\nSumma ej medlem\t29,00\t2900\n",
            2,
            0,
            "",
        ),
        (
            "a wrong sum that no run of rows above gives is still flagged",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nC\t3\t4\nSumma\t30\t22\n",
            1,
            0,
            "",
        ),
        (
            "a row named like a sum that the rows above come nowhere near in any column is not their sum",
            "Mnkr\tUtfall\tBudget\nIntäkter\t474\t449\nKostnader\t-600\t-560\nResultat efter finansiella poster\t-60\t-18\n",
            0,
            2,
            "far from the rows above",
        ),
        (
            "a sum missed by far in one column only is a misprint, flagged",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nSumma\t150\t18\n",
            1,
            0,
            "",
        ),
        (
            "a sum missed a little in every column is flagged",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nSumma\t17\t20\n",
            2,
            0,
            "",
        ),
        (
            "a consistent table has neither",
            "Nämnd\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nSumma\t15\t18\n",
            0,
            0,
            "",
        ),
    ];
    for (case, paste, mismatches, unchecked, word) in cases {
        let table = read_paste(paste, None, &ReadChoices::default());
        let report = check_report(&table);
        assert_eq!(
            report.checks.len(),
            *mismatches,
            "{case}: {:?}",
            report.checks
        );
        assert_eq!(
            report.unchecked.len(),
            *unchecked,
            "{case}: {:?}",
            report.unchecked
        );
        for u in &report.unchecked {
            assert!(
                u.reason(kalkyl_core::lang::Lang::En).contains(word),
                "{case}: {}",
                u.reason_en
            );
            assert!(u.reason_sv.contains("kontrollerades inte"), "{case}");
        }
    }
}
