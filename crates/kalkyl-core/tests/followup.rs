//! The year in one view on the seed chain of Region Halland's
//! Regionkontoret 2021: the plan (002), the follow-up after April (001), the
//! forecast after August (003) and the annual report (000), read from their
//! pastes as a user would paste them. The figures are the ones the issue
//! names.

mod support;

use kalkyl_core::calc::Computed;
use kalkyl_core::chart_followup::{
    forecast_deviations, forecast_paths, Point, MAX_DEVIATION_ROWS, MAX_PATHS,
};
use kalkyl_core::chart_followup_svg::{deviations_svg, paths_svg};
use kalkyl_core::checks::CheckKind;
use kalkyl_core::edit::Command;
use kalkyl_core::file::follow_up::display_format;
use kalkyl_core::followup::{
    compute, FollowUp, FollowUpResult, MatchOverride, MatchTarget, NoteKind, ReportKind, ResultRow,
    RowRef, SheetTable, Target, UnmatchedReason,
};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{SignConvention, Table};
use kalkyl_core::number::Unit;
use kalkyl_core::read::{read_paste, ReadChoices};
use kalkyl_core::workspace::Workspace;
use rust_decimal::Decimal;
use support::fixture::load_named;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

fn v(s: &str) -> Computed {
    Computed::Value(d(s))
}

const B: Computed = Computed::Blank;

/// A seed table read from its paste, as the app reads a paste.
fn read(name: &str) -> Table {
    read_paste(&load_named(name).paste, None, &ReadChoices::default())
}

const APRIL: &str = "001-5.1.1-resultatrakning";
const AUGUST: &str = "003-5.1.2-analys-av-prognosen";
const AUGUST_RESULTS: &str = "003-5.2.1-resultatrakning";
const ANNUAL: &str = "000-5.1.1-resultatrakning";

/// The plan's budget per unit, as a user pastes it: seed 002's table has
/// the units as columns and the budget frame ("Budgetram") as its last
/// row, so the user pastes that row as a column. The cells are the seed's
/// text; the plan states no unit, so the user says tkr (`unit`).
fn plan_paste() -> String {
    let f = load_named("002-5.1-driftbudget");
    let lines: Vec<&str> = f.paste.lines().collect();
    let headings: Vec<&str> = lines[0].split('\t').collect();
    let frame: Vec<&str> = lines.last().expect("budget frame").split('\t').collect();
    assert_eq!(frame[0], "Budgetram");
    let mut text = String::from("Uppdrag\tBudget 2021\n");
    for (h, value) in headings.iter().zip(&frame).skip(1) {
        text.push_str(&format!("{h}\t{value}\n"));
    }
    text
}

fn plan(unit: Option<Unit>) -> Table {
    let choices = ReadChoices {
        unit: unit.map(Some),
        ..ReadChoices::default()
    };
    read_paste(&plan_paste(), None, &choices)
}

/// Sheets with ids 1, 2, … in the order given.
fn sheets(tables: &[Table]) -> Vec<SheetTable<'_>> {
    tables
        .iter()
        .enumerate()
        .map(|(i, table)| SheetTable {
            id: i as u64 + 1,
            name: "",
            table,
        })
        .collect()
}

/// A follow-up of the tables with the kinds proposed and the months set.
fn follow_up(tables: &[Table], months: &[Option<u8>]) -> FollowUp {
    let mut f = FollowUp::from_sheets("Regionkontoret 2021", &sheets(tables));
    f.unit = Unit::Mnkr;
    for (report, m) in f.reports.iter_mut().zip(months) {
        report.months = *m;
    }
    f
}

fn row<'a>(result: &'a FollowUpResult, label: &str) -> &'a ResultRow {
    result
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no row {label}: {:?}", labels(result)))
}

fn labels(result: &FollowUpResult) -> Vec<&str> {
    result.rows.iter().map(|r| r.label.as_str()).collect()
}

fn deviations(row: &ResultRow) -> Vec<Computed> {
    row.line.deviations.iter().map(|d| d.value).collect()
}

fn unmatched(result: &FollowUpResult, report: usize) -> Vec<(&str, &UnmatchedReason)> {
    result
        .unmatched
        .iter()
        .filter(|u| u.report == report)
        .map(|u| (u.label.as_str(), &u.reason))
        .collect()
}

fn notes(result: &FollowUpResult) -> Vec<NoteKind> {
    result.notes.iter().map(|n| n.kind).collect()
}

/// The rows of one report whose labels begin with a word.
fn rows_named(table: &Table, prefix: &str) -> Vec<RowRef> {
    (0..table.rows.len())
        .filter(|&r| table.label(r).starts_with(prefix))
        .map(|r| RowRef {
            row: r,
            label: table.label(r).to_string(),
        })
        .collect()
}

#[test]
fn kinds_and_months_are_proposed_from_the_headings() {
    for (name, kind, months) in [
        (ANNUAL, ReportKind::Annual, Some(12)),
        ("000-5.2-investeringar", ReportKind::Annual, Some(12)),
        (APRIL, ReportKind::FollowUp, None),
        (
            "001-5.2-prognos-budgetavvikelse",
            ReportKind::FollowUp,
            None,
        ),
        (AUGUST, ReportKind::FollowUp, None),
        (AUGUST_RESULTS, ReportKind::FollowUp, None),
        ("003-5.3-investeringar", ReportKind::FollowUp, Some(8)),
        ("002-5.2-investeringsbudget", ReportKind::Plan, None),
    ] {
        let p = kalkyl_core::followup::propose_report(&read(name));
        assert_eq!((p.kind, p.months), (kind, months), "{name}");
    }
    let p = kalkyl_core::followup::propose_report(&plan(Some(Unit::Tkr)));
    assert_eq!((p.kind, p.months), (ReportKind::Plan, None));
    // Months in a title: "januari - april" with an outcome is a follow-up.
    let april = read_paste(
        "Uppföljning januari - april\nUppdrag\tUtfall\tBudget\nA\t-1,0\t-2,0\n",
        None,
        &ReadChoices::default(),
    );
    let p = kalkyl_core::followup::propose_report(&april);
    assert_eq!((p.kind, p.months), (ReportKind::FollowUp, Some(4)));
    // A table's months of 0 is no period: the title's are used (a file
    // refuses a report of 0 months).
    let mut zero = april.clone();
    zero.months = Some(0);
    let p = kalkyl_core::followup::propose_report(&zero);
    assert_eq!((p.kind, p.months), (ReportKind::FollowUp, Some(4)));
}

/// The example: the August forecast table of 003 and the annual
/// report's results table of 000.
#[test]
fn august_forecast_against_the_annual_outcome() {
    let tables = [read(AUGUST), read(ANNUAL)];
    let f = follow_up(&tables, &[Some(8), Some(12)]);
    assert_eq!(
        f.reports.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [ReportKind::FollowUp, ReportKind::Annual]
    );
    let result = compute(&f, &sheets(&tables));
    assert_eq!(result.outcome_report, Some(1));

    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.forecasts, [v("-39.6"), v("-38.1")]);
    assert_eq!(r.line.outcome, v("-38.1"));
    assert_eq!(deviations(r), [v("1.5"), B]);
    assert_eq!(
        r.line.deviations[0].percent,
        v("3.75"),
        "1,5 of a budget of 40,0"
    );
    assert_eq!(r.line.budgets, [v("-39.1"), v("-40.0")]);
    assert_eq!(r.line.budget_changes, [B, v("-0.9")]);
    assert_eq!(r.line.forecast_changes, [B, v("1.5")]);

    let r = row(&result, "Oförutsett Regionstyrelsen");
    assert_eq!(r.line.forecasts, [v("-4.4"), v("-2.1")]);
    assert_eq!(r.line.outcome, v("-2.1"));
    assert_eq!(deviations(r), [v("2.3"), B]);

    // The four August "Utvecklingsmedel …" lines: their budgets (-151,7)
    // do not add up to the annual report's -136,6 (the budget moved), so
    // nothing confirms that they are its parts: listed, never matched one
    // to one.
    assert!(unmatched(&result, 1).contains(&("Utvecklingsmedel", &UnmatchedReason::NoCounterpart)));
    let august = unmatched(&result, 0);
    let parts: Vec<&str> = august
        .iter()
        .filter(|(_, reason)| {
            **reason
                == UnmatchedReason::PossiblePart {
                    of: "Utvecklingsmedel".into(),
                }
        })
        .map(|(label, _)| *label)
        .collect();
    assert_eq!(
        parts,
        [
            "Utvecklingsmedel Regional utveckling",
            "Utvecklingsmedel Hälso- och sjukvård",
            "Utvecklingsmedel ePlan",
            "Utvecklingsmedel Regiongemenensamt",
        ]
    );
    for r in &result.rows {
        if r.members[1].is_empty() || r.members[0].is_empty() {
            continue;
        }
        for &m in &r.members[0] {
            assert!(
                !tables[0].label(m).starts_with("Utvecklingsmedel"),
                "{}",
                r.label
            );
        }
    }
    assert!(august.contains(&("Regionbidrag", &UnmatchedReason::NoCounterpart)));
    assert!(august.contains(&(
        "Drift av utvecklingsprojekt",
        &UnmatchedReason::NoCounterpart
    )));
    assert_eq!(
        labels(&result),
        [
            "Förtroendevalda",
            "Oförutsett Regionstyrelsen",
            "Regionkontoret"
        ]
    );

    // The sign slip in the August forecast is carried over, not corrected.
    let k = result
        .rows
        .iter()
        .position(|r| r.label == "Regionkontoret")
        .unwrap();
    let r = &result.rows[k];
    assert_eq!(r.line.forecasts, [v("243.8"), v("-297.2")]);
    assert_eq!(deviations(r), [v("-541.0"), B]);
    let w: Vec<_> = result.warnings_at(Target::Row(k)).collect();
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].report, w[0].kind), (0, CheckKind::SignSuspect));
    assert!(w[0].message_sv.contains("243,8"), "{}", w[0].message_sv);

    // The totals cover different rows (August's includes the
    // Regionbidrag): shown, not compared.
    assert_eq!(result.total.forecasts, [v("78.2"), v("-420.3")]);
    assert_eq!(deviations_of(&result.total), [B, B]);
    assert!(notes(&result).contains(&NoteKind::TotalScope));
}

fn deviations_of(line: &kalkyl_core::followup::Line) -> Vec<Computed> {
    line.deviations.iter().map(|d| d.value).collect()
}

/// The user matches three of the August lines to the annual report's one
/// "Utvecklingsmedel": their sum is compared, −98,7 against −82,9.
#[test]
fn the_user_matches_the_utvecklingsmedel_lines_together() {
    let tables = [read(AUGUST), read(ANNUAL)];
    let mut f = follow_up(&tables, &[Some(8), Some(12)]);
    let mut three = rows_named(&tables[0], "Utvecklingsmedel");
    three.retain(|r| !r.label.ends_with("Regiongemenensamt"));
    assert_eq!(three.len(), 3);
    f.set_match(MatchOverride {
        sheet: 1,
        rows: three,
        target: MatchTarget::Row {
            label: "Utvecklingsmedel".into(),
        },
    });
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Utvecklingsmedel");
    assert_eq!(r.members[0].len(), 3);
    assert_eq!(r.line.forecasts, [v("-98.7"), v("-82.9")]);
    assert_eq!(deviations(r), [v("15.8"), B]);
    assert_eq!(r.line.budgets, [v("-148.7"), v("-136.6")]);
    // The fourth line alone would be one part for the whole: listed.
    assert_eq!(
        unmatched(&result, 0)
            .into_iter()
            .filter(|(l, _)| l.starts_with("Utvecklingsmedel"))
            .collect::<Vec<_>>(),
        [(
            "Utvecklingsmedel Regiongemenensamt",
            &UnmatchedReason::PossiblePart {
                of: "Utvecklingsmedel".into()
            }
        )]
    );

    // The user can also take a row out of a match.
    let k = tables[1].rows.iter().position(|_| true).unwrap();
    f.set_match(MatchOverride {
        sheet: 2,
        rows: vec![RowRef {
            row: k,
            label: tables[1].label(k).to_string(),
        }],
        target: MatchTarget::Unmatched,
    });
    let result = compute(&f, &sheets(&tables));
    assert!(!labels(&result).contains(&"Regionkontoret"));
    assert!(unmatched(&result, 1).contains(&("Regionkontoret", &UnmatchedReason::ByUser)));

    // A match whose row has changed its label is dropped, and said.
    let mut changed = tables.clone();
    changed[1].rows.remove(0);
    let result = compute(&f, &sheets(&changed));
    assert!(notes(&result).contains(&NoteKind::DroppedMatch));
}

/// The whole chain: plan, April, August, annual report.
#[test]
fn budget_and_forecast_paths_over_the_year() {
    let tables = [
        plan(Some(Unit::Tkr)),
        read(APRIL),
        read(AUGUST),
        read(ANNUAL),
    ];
    let mut f = follow_up(&tables, &[None, Some(4), Some(8), Some(12)]);
    assert_eq!(
        f.reports.iter().map(|r| r.kind).collect::<Vec<_>>(),
        [
            ReportKind::Plan,
            ReportKind::FollowUp,
            ReportKind::FollowUp,
            ReportKind::Annual
        ]
    );
    let result = compute(&f, &sheets(&tables));
    assert!(result.reports.iter().all(|r| r.usable && r.comparable));
    // The plan is in tkr with costs positive (budget − outcome): converted
    // exactly to mnkr and net cost.
    assert_eq!(
        result.reports[0].convention,
        Some(SignConvention::BudgetMinusOutcome)
    );

    let r = row(&result, "Förtroendevalda");
    // April states no annual budget or forecast, only the forecast's
    // deviation against the budget (+0,7).
    assert_eq!(r.line.budgets, [v("-39.993"), B, v("-39.1"), v("-40.0")]);
    assert_eq!(r.line.budget_changes, [B, B, v("0.893"), v("-0.9")]);
    assert_eq!(r.line.forecasts, [v("-39.993"), B, v("-39.6"), v("-38.1")]);
    assert_eq!(r.line.forecast_changes, [B, B, v("0.393"), v("1.5")]);
    assert_eq!(
        r.line.forecast_variances,
        [B, v("0.7"), v("-0.5"), v("1.9")]
    );
    assert_eq!(deviations(r), [v("1.893"), B, v("1.5"), B]);
    assert_eq!(r.line.deviations[0].percent, v("4.7325"));
    assert_eq!(r.line.accuracy.mean_absolute, v("1.6965"));
    assert_eq!(
        r.line.accuracy.first_within, None,
        "within 1 % of the budget"
    );

    let r = row(&result, "Regionkontoret");
    assert_eq!(r.line.budgets, [v("-300.533"), B, v("-272.5"), v("-305.0")]);
    assert_eq!(r.line.budget_changes, [B, B, v("28.033"), v("-32.5")]);
    assert_eq!(
        r.line.forecast_variances,
        [B, v("0.0"), v("516.3"), v("7.8")]
    );

    let r = row(&result, "Utvecklingsmedel");
    assert_eq!(r.line.forecast_variances, [B, v("24"), B, v("53.7")]);

    // The plan names two units otherwise: listed until the user matches them.
    let plan_unmatched = unmatched(&result, 0);
    assert!(plan_unmatched.contains(&("Utveckling", &UnmatchedReason::NoCounterpart)));
    assert!(plan_unmatched.contains(&(
        "RS anslag för oförutsedda kostnader",
        &UnmatchedReason::NoCounterpart
    )));
    for (prefix, label) in [
        ("Utveckling", "Utvecklingsmedel"),
        ("RS anslag", "Oförutsett Regionstyrelsen"),
    ] {
        let rows: Vec<RowRef> = rows_named(&tables[0], prefix)
            .into_iter()
            .filter(|r| r.label == prefix || prefix != "Utveckling")
            .collect();
        assert_eq!(rows.len(), 1, "{prefix}");
        f.set_match(MatchOverride {
            sheet: 1,
            rows,
            target: MatchTarget::Row {
                label: label.into(),
            },
        });
    }
    f.status.met_within = d("4");
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Oförutsett Regionstyrelsen");
    assert_eq!(r.line.budgets, [v("-4.390"), B, v("-4.4"), v("-4.4")]);
    assert_eq!(deviations(r), [v("2.29"), B, v("2.3"), B]);
    let r = row(&result, "Utvecklingsmedel");
    assert_eq!(r.line.budgets, [v("-136.557"), B, B, v("-136.6")]);
    assert_eq!(deviations(r)[0], v("53.657"));
    // Within 4 % of the budget: August is the first (3,75 %; the plan was
    // 4,73 % off).
    assert_eq!(
        row(&result, "Förtroendevalda").line.accuracy.first_within,
        Some(2)
    );
    // The August sign slip is still carried (report 2).
    assert!(result
        .warnings
        .iter()
        .any(|w| w.report == 2 && w.kind == CheckKind::SignSuspect));
}

/// tkr against mnkr: the same figures in the follow-up's unit, exactly.
#[test]
fn units_are_reconciled_exactly() {
    let tables = [plan(Some(Unit::Tkr)), read(ANNUAL)];
    let mut f = follow_up(&tables, &[None, Some(12)]);
    f.unit = Unit::Tkr;
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [v("-39993"), v("-40000")]);
    assert_eq!(r.line.outcome, v("-38100"));
    assert_eq!(deviations(r), [v("1893"), B]);
    f.unit = Unit::Mnkr;
    let result = compute(&f, &sheets(&tables));
    assert_eq!(deviations(row(&result, "Förtroendevalda")), [v("1.893"), B]);

    // A plan whose unit is unknown cannot be compared: said, not guessed.
    let tables = [plan(None), read(ANNUAL)];
    let f = follow_up(&tables, &[None, Some(12)]);
    let result = compute(&f, &sheets(&tables));
    assert!(!result.reports[0].usable);
    assert!(notes(&result).contains(&NoteKind::UnknownUnit));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [B, v("-40.0")]);
    assert_eq!(deviations(r), [B, B]);
}

/// Conventions: every figure in the follow-up's convention; deviations
/// positive when favourable in every one.
#[test]
fn conventions_are_reconciled() {
    let tables = [read(AUGUST), read(ANNUAL)];
    let mut f = follow_up(&tables, &[Some(8), Some(12)]);
    f.convention = SignConvention::BudgetMinusOutcome;
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [v("39.1"), v("40.0")]);
    assert_eq!(r.line.forecasts, [v("39.6"), v("38.1")]);
    assert_eq!(r.line.outcome, v("38.1"));
    assert_eq!(deviations(r), [v("1.5"), B]);
    assert_eq!(r.line.forecast_variances, [v("-0.5"), v("1.9")]);

    // An allocation table (the budget printed positive beside net costs).
    let allocation = read_paste(
        "Uppdrag, belopp i mnkr\tÅrsbudget\tÅrsprognos\nFörtroendevalda\t39,1\t-39,6\n",
        None,
        &ReadChoices::default(),
    );
    let tables = [allocation, read(ANNUAL)];
    let mut f = follow_up(&tables, &[Some(8), Some(12)]);
    f.reports[0].convention = Some(SignConvention::OutcomePlusBudget);
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [v("-39.1"), v("-40.0")]);
    assert_eq!(r.line.forecast_variances, [v("-0.5"), v("1.9")]);
    assert_eq!(deviations(r), [v("1.5"), B]);
    f.convention = SignConvention::OutcomePlusBudget;
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [v("39.1"), v("40.0")]);
    assert_eq!(r.line.forecasts, [v("-39.6"), v("-38.1")]);

    // Seed 002 as pasted: nothing decides its convention.
    let choices = ReadChoices {
        unit: Some(Some(Unit::Tkr)),
        ..ReadChoices::default()
    };
    let raw = read_paste(&load_named("002-5.1-driftbudget").paste, None, &choices);
    let tables = [raw, read(ANNUAL)];
    let f = follow_up(&tables, &[None, Some(12)]);
    let result = compute(&f, &sheets(&tables));
    assert!(notes(&result).contains(&NoteKind::UnknownConvention));
    assert!(!result.reports[0].usable);
}

/// A year in progress: budgets, forecasts and their changes; no outcome yet.
#[test]
fn a_year_in_progress() {
    let tables = [plan(Some(Unit::Tkr)), read(APRIL), read(AUGUST)];
    let f = follow_up(&tables, &[None, Some(4), Some(8)]);
    let result = compute(&f, &sheets(&tables));
    assert_eq!(result.outcome_report, None);
    assert!(notes(&result).contains(&NoteKind::InProgress));
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.budgets, [v("-39.993"), B, v("-39.1")]);
    assert_eq!(r.line.forecasts, [v("-39.993"), B, v("-39.6")]);
    assert_eq!(r.line.forecast_changes, [B, B, v("0.393")]);
    assert_eq!(r.line.outcome, B);
    assert_eq!(deviations(r), [B, B, B]);
    assert_eq!(r.line.accuracy.mean_absolute, B);
}

/// Two reports claiming the same period are not compared with anything.
#[test]
fn two_reports_of_one_period_are_not_compared() {
    let tables = [read(AUGUST), read(AUGUST_RESULTS), read(ANNUAL)];
    let f = follow_up(&tables, &[Some(8), Some(8), Some(12)]);
    let result = compute(&f, &sheets(&tables));
    assert!(notes(&result).contains(&NoteKind::SamePeriod));
    assert!(!result.reports[0].comparable && !result.reports[1].comparable);
    let r = row(&result, "Förtroendevalda");
    assert_eq!(r.line.forecasts[0], v("-39.6"), "shown");
    assert_eq!(deviations(r), [B, B, B], "not compared");
    assert_eq!(r.line.forecast_changes, [B, B, B]);
}

/// Parts are matched to their whole when their budgets add up to its
/// budget; one part alone never is.
#[test]
fn parts_are_grouped_only_when_their_sum_is_the_whole() {
    let august = "Uppdrag, belopp i mnkr\tÅrsprognos\tÅrsbudget\n\
        Utvecklingsmedel Regional utveckling\t-27,7\t-27,7\n\
        Utvecklingsmedel Hälso- och sjukvård\t-45,8\t-95,8\n\
        Utvecklingsmedel ePlan\t-25,2\t-25,2\n\
        IT-stöd Hälso- och sjukvård\t-1,0\t-1,0\n";
    let annual = "Uppdrag, belopp i mnkr\tUtfall\tBudget\n\
        Utvecklingsmedel\t-82,9\t-148,7\n\
        IT-stöd\t-1,2\t-1,0\n";
    let tables = [
        read_paste(august, None, &ReadChoices::default()),
        read_paste(annual, None, &ReadChoices::default()),
    ];
    let f = follow_up(&tables, &[Some(8), Some(12)]);
    let result = compute(&f, &sheets(&tables));
    let r = row(&result, "Utvecklingsmedel");
    assert_eq!(r.members, [vec![0, 1, 2], vec![0]]);
    assert_eq!(r.line.forecasts, [v("-98.7"), v("-82.9")]);
    assert_eq!(deviations(r), [v("15.8"), B]);
    assert!(!labels(&result).contains(&"IT-stöd"));
    assert_eq!(
        unmatched(&result, 0),
        [(
            "IT-stöd Hälso- och sjukvård",
            &UnmatchedReason::PossiblePart {
                of: "IT-stöd".into()
            }
        )]
    );
}

/// The follow-up is made from the open sheets in tab order, and an edit
/// in a sheet is seen by computing again.
#[test]
fn made_from_the_workspace_and_live_with_its_edits() {
    let mut ws = Workspace::default();
    for name in [AUGUST, ANNUAL] {
        ws.add_paste(&load_named(name).paste, None);
    }
    let mut f = FollowUp::from_sheets("2021", &ws.sheet_tables());
    assert_eq!(f.reports.len(), 2);
    assert_eq!(f.unit, Unit::Mnkr);
    f.reports[0].months = Some(8);
    let before = compute(&f, &ws.sheet_tables());
    assert_eq!(before, compute(&f, &ws.sheet_tables()), "pure");
    assert_eq!(deviations(row(&before, "Förtroendevalda")), [v("1.5"), B]);

    // What if the annual outcome of Förtroendevalda had been -39,0?
    let annual = ws.sheets[1].id;
    let k = (0..ws.sheets[1].table.rows.len())
        .find(|&r| ws.sheets[1].table.label(r) == "Förtroendevalda")
        .unwrap();
    let outcome = ws.sheets[1]
        .table
        .column_of(kalkyl_core::model::Role::Outcome)
        .unwrap();
    ws.sheet_mut(annual)
        .unwrap()
        .apply(&Command::SetCell {
            row: k,
            column: outcome,
            cell: kalkyl_core::model::Cell::Number(d("-39.0")),
        })
        .unwrap();
    let after = compute(&f, &ws.sheet_tables());
    assert_eq!(deviations(row(&after, "Förtroendevalda")), [v("0.6"), B]);

    // Reordered, removed, and a sheet that is gone.
    assert!(f.move_report(1, -1));
    assert!(!f.move_report(0, -1));
    let moved = compute(&f, &ws.sheet_tables());
    assert!(notes(&moved).contains(&NoteKind::OutOfOrder));
    assert!(f.remove_report(5).is_none());
    ws.remove(annual);
    let gone = compute(&f, &ws.sheet_tables());
    assert!(notes(&gone).contains(&NoteKind::MissingSheet));
    assert_eq!(gone.outcome_report, None);
}

/// The follow-up's table as CSV (both flavours) and as the copy's HTML and
/// tab-separated text: the same columns as the screen, exact values in the
/// CSV, the screen's text in the copy, a line per row and the total.
#[test]
fn the_follow_up_exports_as_csv_and_copies_as_a_table() {
    use kalkyl_core::file::csv::CsvFlavour;
    use kalkyl_core::file::follow_up::{
        columns, display_format, follow_up_csv, follow_up_html, follow_up_tsv, shown_text, Column,
    };
    use kalkyl_core::lang::Lang;

    let tables = [read(AUGUST), read(ANNUAL)];
    let f = follow_up(&tables, &[Some(8), Some(12)]);
    let named: Vec<SheetTable> = sheets(&tables)
        .into_iter()
        .zip(["Delår augusti", "Årsredovisning"])
        .map(|(s, name)| SheetTable { name, ..s })
        .collect();
    let result = compute(&f, &named);
    let cols = columns(&result);
    let at = |c: Column| 1 + cols.iter().position(|x| *x == c).expect("column shown");
    let field_of = |text: &str, sep: char, label: &str, c: Column| -> String {
        let line = text
            .split("\r\n")
            .find(|l| l.split(sep).next() == Some(label))
            .unwrap_or_else(|| panic!("no line {label} in {text}"));
        line.split(sep).nth(at(c)).unwrap_or_default().to_string()
    };
    // (flavour, separator, Förtroendevalda's forecast, outcome and
    // deviation, Oförutsett's deviation, first heading, total's label)
    let cases = [
        (
            CsvFlavour::ExcelSwedish,
            ';',
            "-39,6",
            "-38,1",
            "1,5",
            "2,3",
            "Rad",
            "Summa",
        ),
        (
            CsvFlavour::International,
            ',',
            "-39.6",
            "-38.1",
            "1.5",
            "2.3",
            "Row",
            "Total",
        ),
    ];
    for (flavour, sep, forecast, outcome, deviation, oforutsett, first, total) in cases {
        let csv = follow_up_csv(&result, flavour);
        assert_eq!(
            csv.starts_with('\u{feff}'),
            flavour == CsvFlavour::ExcelSwedish
        );
        let head: Vec<&str> = csv
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .next()
            .unwrap_or_default()
            .split(sep)
            .collect();
        assert_eq!(head.len(), cols.len() + 1);
        assert_eq!(head[0], first);
        let field =
            |label: &str, c: Column| field_of(csv.trim_start_matches('\u{feff}'), sep, label, c);
        assert_eq!(field("Förtroendevalda", Column::Forecast(0)), forecast);
        assert_eq!(field("Förtroendevalda", Column::Outcome), outcome);
        assert_eq!(field("Förtroendevalda", Column::Deviation(0)), deviation);
        assert_eq!(
            field("Oförutsett Regionstyrelsen", Column::Deviation(0)),
            oforutsett
        );
        assert!(
            csv.contains(&format!("\r\n{total}{sep}")),
            "a total line: {csv}"
        );
        assert_eq!(csv.matches("\r\n").count(), result.rows.len() + 2);
    }
    let sv_heading = &follow_up_csv(&result, CsvFlavour::ExcelSwedish);
    assert!(
        sv_heading.contains(";Delår augusti · Uppföljning (8 mån): Prognos (mnkr);"),
        "{sv_heading}"
    );

    let format = display_format(&result);
    let r = row(&result, "Förtroendevalda");
    let shown = |c: Column| shown_text(&format, c, &r.line, &result, Lang::Sv);
    assert_eq!(shown(Column::Deviation(0)), "+1,5");
    let tsv = follow_up_tsv(&result, Lang::Sv);
    assert!(tsv.starts_with("Budget, prognoser och utfall över året (mnkr)\r\n"));
    for c in [Column::Forecast(0), Column::Outcome, Column::Deviation(0)] {
        assert_eq!(field_of(&tsv, '\t', "Förtroendevalda", c), shown(c));
    }
    let html = follow_up_html(&result, Lang::En);
    assert!(html.starts_with("<table style="), "{html}");
    assert!(html.contains(": Forecast deviation (mnkr)<"), "{html}");
    assert_eq!(html.matches("<tr>").count(), result.rows.len() + 2);
    assert!(html.contains(">+1,5<"), "{html}");
}

/// Moving one report's row out of a follow-up row of two reports leaves
/// the other report's row with no counterpart: both are listed, neither is
/// compared. Moving it back restores the row as it was.
#[test]
fn a_matched_row_moved_out_and_back() {
    let tables = [read(AUGUST), read(ANNUAL)];
    let mut f = follow_up(&tables, &[Some(8), Some(12)]);
    let before = compute(&f, &sheets(&tables));
    let r = row(&before, "Förtroendevalda");
    let annual = r.members[1][0];
    let label = tables[1].label(annual).to_string();
    f.set_match(MatchOverride {
        sheet: 2,
        rows: vec![RowRef {
            row: annual,
            label: label.clone(),
        }],
        target: MatchTarget::Unmatched,
    });
    let out = compute(&f, &sheets(&tables));
    assert!(!labels(&out).contains(&"Förtroendevalda"));
    assert!(unmatched(&out, 0).contains(&("Förtroendevalda", &UnmatchedReason::NoCounterpart)));
    assert!(unmatched(&out, 1).contains(&("Förtroendevalda", &UnmatchedReason::ByUser)));
    f.set_match(MatchOverride {
        sheet: 2,
        rows: vec![RowRef { row: annual, label }],
        target: MatchTarget::Row {
            label: "Förtroendevalda".into(),
        },
    });
    let back = compute(&f, &sheets(&tables));
    assert_eq!(
        row(&back, "Förtroendevalda").line,
        row(&before, "Förtroendevalda").line
    );
    assert!(unmatched(&back, 0)
        .iter()
        .all(|(l, _)| *l != "Förtroendevalda"));
}

/// `(report, value)` pairs of a chart's points.
fn pts(points: &[Point]) -> Vec<(usize, Decimal)> {
    points.iter().map(|p| (p.report, p.value)).collect()
}

fn at(pairs: &[(usize, &str)]) -> Vec<(usize, Decimal)> {
    pairs.iter().map(|(r, s)| (*r, d(s))).collect()
}

/// The four reports of the year: plan (0), April (1), August (2), annual
/// report (3), in mnkr.
fn the_year() -> (Vec<Table>, FollowUp) {
    let tables = vec![
        plan(Some(Unit::Tkr)),
        read(APRIL),
        read(AUGUST),
        read(ANNUAL),
    ];
    let f = follow_up(&tables, &[None, Some(4), Some(8), Some(12)]);
    (tables, f)
}

/// The forecast paths of the year's chain: the plan's budget (tkr,
/// converted exactly), August's forecast, the annual outcome; April states
/// neither an annual budget nor a forecast, so it is a gap, not a zero.
#[test]
fn chart_forecast_paths_follow_each_row_over_the_year() {
    let (tables, f) = the_year();
    let result = compute(&f, &sheets(&tables));
    let chart = forecast_paths(&result, MAX_PATHS, None);
    assert_eq!(chart.reports.len(), 4);
    assert_eq!(chart.other_rows, 0);
    // The total first, then the rows by how far their forecasts missed:
    // Regionkontoret (August's sign slip, 541,0), Oförutsett (2,3),
    // Förtroendevalda (1,893), Utvecklingsmedel (no forecast compared).
    let order: Vec<(Option<usize>, &str)> = chart
        .paths
        .iter()
        .map(|p| (p.row, p.label.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (None, ""),
            (Some(0), "Regionkontoret"),
            (Some(3), "Oförutsett Regionstyrelsen"),
            (Some(1), "Förtroendevalda"),
            (Some(2), "Utvecklingsmedel"),
        ]
    );
    type Expected<'a> = (
        &'a str,
        &'a [(usize, &'a str)],
        &'a [(usize, &'a str)],
        Option<(usize, &'a str)>,
    );
    let cases: [Expected; 5] = [
        (
            "Förtroendevalda",
            &[(0, "-39.993"), (2, "-39.1"), (3, "-40.0")],
            &[(0, "-39.993"), (2, "-39.6"), (3, "-38.1")],
            Some((3, "-38.1")),
        ),
        (
            "Regionkontoret",
            &[(0, "-300.533"), (2, "-272.5"), (3, "-305.0")],
            &[(0, "-300.533"), (2, "243.8"), (3, "-297.2")],
            Some((3, "-297.2")),
        ),
        (
            "Oförutsett Regionstyrelsen",
            &[(2, "-4.4"), (3, "-4.4")],
            &[(2, "-4.4"), (3, "-2.1")],
            Some((3, "-2.1")),
        ),
        (
            "Utvecklingsmedel",
            &[(3, "-136.6")],
            &[(3, "-82.9")],
            Some((3, "-82.9")),
        ),
        (
            "",
            &[(2, "0.0"), (3, "-486.0")],
            &[(2, "78.2"), (3, "-420.3")],
            Some((3, "-420.3")),
        ),
    ];
    for (label, budgets, forecasts, outcome) in cases {
        let p = chart
            .paths
            .iter()
            .find(|p| p.label == label)
            .unwrap_or_else(|| panic!("no path {label}"));
        assert_eq!(pts(&p.budgets), at(budgets), "{label}: budgets");
        assert_eq!(pts(&p.forecasts), at(forecasts), "{label}: forecasts");
        assert_eq!(
            p.outcome.map(|o| (o.report, o.value)),
            outcome.map(|(r, v)| (r, d(v))),
            "{label}: outcome"
        );
    }

    // August's sign slip in Regionkontoret (a warning of the follow-up)
    // marks its path: the wild point is the report's.
    let warned: Vec<(&str, bool)> = chart
        .paths
        .iter()
        .map(|p| (p.label.as_str(), p.warned))
        .collect();
    assert_eq!(
        warned,
        [
            ("", false),
            ("Regionkontoret", true),
            ("Oförutsett Regionstyrelsen", false),
            ("Förtroendevalda", false),
            ("Utvecklingsmedel", false),
        ]
    );

    // Fewer rows drawn: the ones that missed most, and the rest counted;
    // a row the user chose in the table comes first and takes a place.
    for (max, chosen, labels, other_rows) in [
        (
            2,
            None,
            &["", "Regionkontoret", "Oförutsett Regionstyrelsen"][..],
            2,
        ),
        (
            2,
            Some(2),
            &["", "Utvecklingsmedel", "Regionkontoret"][..],
            2,
        ),
        (1, Some(0), &["", "Regionkontoret"][..], 3),
        (1, Some(99), &["", "Regionkontoret"][..], 3),
        (0, None, &[""][..], 4),
    ] {
        let chart = forecast_paths(&result, max, chosen);
        let got: Vec<&str> = chart.paths.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(got, labels, "{max} {chosen:?}");
        assert_eq!(chart.other_rows, other_rows, "{max} {chosen:?}");
    }
}

/// A deviation chart's bars: (report, value, favourable).
type Bars = Vec<(usize, Decimal, bool)>;
/// Expected groups: label and bars with values as text.
type Groups<'a> = Vec<(&'a str, Vec<(usize, &'a str, bool)>)>;
/// A case: its name, the tables, their months and the expected groups.
type Case<'a> = (&'a str, Vec<Table>, Vec<Option<u8>>, Groups<'a>);

/// The forecast deviations per row and report, outcome − forecast: the
/// issue's figures, green when the outcome was better than the forecast.
#[test]
fn chart_forecast_deviations_per_row_and_report() {
    let cases: [Case; 2] = [
        (
            "August against the annual report",
            vec![read(AUGUST), read(ANNUAL)],
            vec![Some(8), Some(12)],
            vec![
                ("Regionkontoret", vec![(0, "-541.0", false)]),
                ("Oförutsett Regionstyrelsen", vec![(0, "2.3", true)]),
                ("Förtroendevalda", vec![(0, "1.5", true)]),
            ],
        ),
        (
            "the year's four reports",
            the_year().0,
            vec![None, Some(4), Some(8), Some(12)],
            vec![
                (
                    "Regionkontoret",
                    vec![(0, "3.333", true), (2, "-541.0", false)],
                ),
                ("Oförutsett Regionstyrelsen", vec![(2, "2.3", true)]),
                (
                    "Förtroendevalda",
                    vec![(0, "1.893", true), (2, "1.5", true)],
                ),
            ],
        ),
    ];
    for (name, tables, months, want) in cases {
        let f = follow_up(&tables, &months);
        let result = compute(&f, &sheets(&tables));
        let chart = forecast_deviations(&result, MAX_DEVIATION_ROWS);
        // The totals cover different rows (TotalScope): not compared, no
        // group.
        let got: Vec<(&str, Bars)> = chart
            .groups
            .iter()
            .map(|g| {
                (
                    g.label.as_str(),
                    g.bars
                        .iter()
                        .map(|b| (b.report, b.value, b.favourable))
                        .collect(),
                )
            })
            .collect();
        let want: Vec<(&str, Bars)> = want
            .iter()
            .map(|(l, bars)| (*l, bars.iter().map(|(r, v, f)| (*r, d(v), *f)).collect()))
            .collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(chart.other_rows, 0, "{name}");
    }

    // Förtroendevalda's August deviation is 3,75 % of its budget of 40,0.
    let tables = [read(AUGUST), read(ANNUAL)];
    let result = compute(&follow_up(&tables, &[Some(8), Some(12)]), &sheets(&tables));
    let chart = forecast_deviations(&result, 1);
    assert_eq!(chart.groups.len(), 1);
    assert_eq!(chart.other_rows, 2);
    let chart = forecast_deviations(&result, MAX_DEVIATION_ROWS);
    assert_eq!(chart.groups[2].bars[0].percent, Some(d("3.75")));

    // A year in progress has no deviations: no groups; its paths are
    // ranked by how far the forecasts moved (Regionkontoret 544,333 with
    // August's sign slip, Förtroendevalda 0,393).
    let tables = [plan(Some(Unit::Tkr)), read(APRIL), read(AUGUST)];
    let result = compute(
        &follow_up(&tables, &[None, Some(4), Some(8)]),
        &sheets(&tables),
    );
    assert!(forecast_deviations(&result, MAX_DEVIATION_ROWS)
        .groups
        .is_empty());
    let paths = forecast_paths(&result, MAX_PATHS, None);
    assert!(paths.paths.iter().all(|p| p.outcome.is_none()));
    assert_eq!(paths.paths[1].label, "Regionkontoret");
    assert_eq!(paths.paths[2].label, "Förtroendevalda");
}

/// The value of attribute `name` in the first tag that contains `marker`.
fn attr(svg: &str, marker: &str, name: &str) -> i64 {
    let at = svg
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {svg}"));
    let tag_start = svg[..at].rfind('<').expect("tag start");
    let tag = &svg[tag_start..at + svg[at..].find('>').expect("tag end")];
    let key = format!(" {name}=\"");
    let from = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    let len = tag[from..].find('"').expect("closing quote");
    tag[from..from + len].parse().expect("integer")
}

/// The part of an SVG inside the `g` whose `data-label` is `label`.
fn panel<'a>(svg: &'a str, label: &str) -> &'a str {
    let start = svg
        .find(&format!("data-label=\"{label}\""))
        .unwrap_or_else(|| panic!("{label} in {svg}"));
    let rest = &svg[start..];
    let end = rest
        .find("</g><g class=\"path\"")
        .or_else(|| rest.find("</svg>"))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn chart_svgs_draw_the_paths_and_deviations_in_the_follow_up_unit() {
    let (tables, f) = the_year();
    let result = compute(&f, &sheets(&tables));
    let format = display_format(&result);
    let svg = paths_svg(&forecast_paths(&result, MAX_PATHS, None), &format, Lang::Sv);
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains("data-testid=\"follow-up-path-chart\""));
    assert!(
        svg.contains("<title>Prognoser över året per rad, mnkr</title>"),
        "{svg}"
    );
    assert!(!svg.contains("style="));
    for tag in [
        ">Plan</text>",
        ">jan–apr</text>",
        ">jan–aug</text>",
        ">Årsredovisning</text>",
    ] {
        assert!(svg.contains(tag), "{tag}");
    }
    // Förtroendevalda: the plan's -39,993 shown as -40,0 (one decimal in
    // mnkr), August's forecast -39,6, the outcome -38,1; budgets in
    // tooltips.
    let p = panel(&svg, "Förtroendevalda");
    assert!(p.starts_with("data-label=\"Förtroendevalda\""));
    for (what, report, text) in [
        ("circle class=\"forecast\"", 0, "Plan · Prognos: -40,0"),
        ("circle class=\"forecast\"", 2, "jan–aug · Prognos: -39,6"),
        (
            "rect class=\"outcome\"",
            3,
            "Årsredovisning · Utfall: -38,1",
        ),
        ("circle class=\"budget\"", 0, "Plan · Budget: -40,0"),
        ("circle class=\"budget\"", 2, "jan–aug · Budget: -39,1"),
        (
            "circle class=\"budget\"",
            3,
            "Årsredovisning · Budget: -40,0",
        ),
    ] {
        let tag = format!("<{what} data-report=\"{report}\"");
        let at = p.find(&tag).unwrap_or_else(|| panic!("{tag} in {p}"));
        assert!(
            p[at..].contains(&format!("<title>{text}</title>")),
            "{text} in {p}"
        );
    }
    assert!(!p.contains("data-report=\"1\""), "April states no forecast");
    assert!(p.contains(">-39,6</text>") && p.contains(">-38,1</text>"));
    // Its own scale: the outcome (-38,1, the largest) at the band's top,
    // the annual budget (-40,0, the smallest) at its bottom, the outcome
    // line across the panel at the outcome's height.
    let outcome_y = attr(p, "rect class=\"outcome\" data-report=\"3\"", "y") + 4;
    let budget_y = attr(p, "circle class=\"budget\" data-report=\"3\"", "cy");
    assert_eq!(budget_y - outcome_y, 30, "the band is 30 px high");
    assert_eq!(attr(p, "class=\"outcome-line\"", "y1"), outcome_y);
    assert_eq!(
        attr(p, "circle class=\"forecast\" data-report=\"0\"", "cx"),
        240
    );
    assert_eq!(attr(p, "rect class=\"outcome\"", "x") + 4, 660);

    let svg = deviations_svg(
        &forecast_deviations(&result, MAX_DEVIATION_ROWS),
        &format,
        Lang::En,
    );
    assert!(svg.contains("data-testid=\"follow-up-deviation-chart\""));
    assert!(
        svg.contains("<title>Forecast deviation per row and report, mnkr</title>"),
        "{svg}"
    );
    assert!(svg.contains("<rect class=\"unfav\" data-row=\"0\" data-report=\"2\""));
    assert!(svg.contains("<rect class=\"fav\" data-row=\"1\" data-report=\"0\""));
    let percent = format.percent(d("3.75"));
    assert!(
        svg.contains(&format!(
            "<title>Förtroendevalda, Jan–Aug: +1,5 ({percent})</title>"
        )),
        "{svg}"
    );
    assert!(svg.contains(">+1,9</text>") && svg.contains(">-541,0</text>"));
    assert_eq!(svg.matches("<rect ").count(), 5);
    // The sign slip's row is marked, with a tooltip that says why.
    assert!(
        svg.contains("<text class=\"label group warned\" x=\"0\" y=\"21\" text-anchor=\"start\"><title>The report&#39;s own figures disagree: see the warnings.</title>⚠ Regionkontoret</text>"),
        "{svg}"
    );
    assert_eq!(svg.matches("warned").count(), 1);
    // One scale from -541,0 to +3,333: the unfavourable bar spans from the
    // plot's left edge to the zero line.
    let zero = attr(&svg, "class=\"zero\"", "x1");
    assert_eq!(attr(&svg, "data-row=\"0\" data-report=\"2\"", "x"), 280);
    assert_eq!(
        attr(&svg, "data-row=\"0\" data-report=\"2\"", "width"),
        zero - 280
    );
    assert_eq!(attr(&svg, "data-row=\"0\" data-report=\"0\"", "x"), zero);

    // Rows left out are said.
    let svg = deviations_svg(&forecast_deviations(&result, 1), &format, Lang::Sv);
    assert!(svg.contains(">2 rader visas inte</text>"), "{svg}");
}

/// An empty follow-up and hostile labels: valid, escaped SVG, no panic.
#[test]
fn chart_svgs_of_an_empty_follow_up_and_escaped_labels() {
    let empty = FollowUp::from_sheets("", &[]);
    let result = compute(&empty, &[]);
    let format = display_format(&result);
    let paths = forecast_paths(&result, MAX_PATHS, None);
    assert!(paths.paths.is_empty());
    let svg = paths_svg(&paths, &format, Lang::En);
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    let svg = deviations_svg(&forecast_deviations(&result, 3), &format, Lang::En);
    assert!(svg.ends_with("</svg>"));

    let (tables, f) = the_year();
    let mut result = compute(&f, &sheets(&tables));
    result.rows[1].label = "Förtroendevalda <b>&</b> \"'".into();
    let svg = paths_svg(&forecast_paths(&result, MAX_PATHS, None), &format, Lang::Sv);
    assert!(svg.contains("data-label=\"Förtroendevalda &lt;b&gt;&amp;&lt;/b&gt; &quot;&#39;\""));
    assert!(!svg.contains("<b>"));
}
