//! The follow-up never panics, whatever the tables and settings, and every
//! row of every report ends up in exactly one place: a follow-up row, the
//! total, or the unmatched list.

mod support;

use std::collections::BTreeSet;

use kalkyl_core::followup::{
    compute, FollowUp, MatchOverride, MatchTarget, ReportKind, ReportSettings, RowRef, SheetTable,
};
use kalkyl_core::model::{Cell, RowKind, SignConvention, StatusThresholds, Table};
use kalkyl_core::number::Unit;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Labels that match, split ("A x" of "A") and collide in normalisation.
const LABELS: [&str; 10] = [
    "A",
    "A x",
    "A y",
    "a-x",
    "B",
    "B*",
    "",
    "Totalt",
    "A x, varav",
    "Summa",
];

fn unit() -> impl Strategy<Value = Option<Unit>> {
    prop::option::weighted(0.85, prop::sample::select(Unit::ALL.to_vec()))
}

fn convention() -> impl Strategy<Value = SignConvention> {
    prop::sample::select(vec![
        SignConvention::OutcomeMinusBudget,
        SignConvention::BudgetMinusOutcome,
        SignConvention::OutcomePlusBudget,
    ])
}

fn kind() -> impl Strategy<Value = ReportKind> {
    prop::sample::select(vec![
        ReportKind::Plan,
        ReportKind::FollowUp,
        ReportKind::Annual,
    ])
}

/// A small random table with labels from [`LABELS`] and any unit.
fn table() -> impl Strategy<Value = Table> {
    (
        support::gen::table(6),
        unit(),
        prop::collection::vec(prop::sample::select(LABELS.to_vec()), 6),
    )
        .prop_map(|(mut t, unit, labels)| {
            t.unit = unit;
            for (row, label) in t.rows.iter_mut().zip(labels) {
                if let Some(c) = row.cells.first_mut() {
                    *c = Cell::Text(label.to_string());
                }
            }
            t
        })
}

fn report() -> impl Strategy<Value = ReportSettings> {
    (
        0u64..6,
        kind(),
        prop::option::of(0u8..15),
        prop::option::weighted(0.3, convention()),
    )
        .prop_map(|(sheet, kind, months, convention)| ReportSettings {
            sheet,
            kind,
            months,
            convention,
        })
}

fn choice() -> impl Strategy<Value = MatchOverride> {
    (
        0u64..6,
        prop::collection::vec((0usize..7, prop::sample::select(LABELS.to_vec())), 0..3),
        prop::option::of(prop::sample::select(LABELS.to_vec())),
    )
        .prop_map(|(sheet, rows, target)| MatchOverride {
            sheet,
            rows: rows
                .into_iter()
                .map(|(row, label)| RowRef {
                    row,
                    label: label.to_string(),
                })
                .collect(),
            target: match target {
                Some(label) => MatchTarget::Row {
                    label: label.to_string(),
                },
                None => MatchTarget::Unmatched,
            },
        })
}

fn follow_up() -> impl Strategy<Value = FollowUp> {
    (
        prop::sample::select(Unit::ALL.to_vec()),
        convention(),
        prop::collection::vec(report(), 0..5),
        prop::collection::vec(choice(), 0..4),
        (0i64..20, 0u32..2),
    )
        .prop_map(|(unit, convention, reports, matches, (m, s))| FollowUp {
            name: "År".into(),
            unit,
            convention,
            reports,
            matches,
            status: StatusThresholds {
                met_within: Decimal::new(m, s),
                ..StatusThresholds::default()
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_places_every_row_once(
        tables in prop::collection::vec(table(), 0..5),
        settings in follow_up(),
        proposed in any::<bool>(),
    ) {
        let sheets: Vec<SheetTable<'_>> = tables
            .iter()
            .enumerate()
            .map(|(i, table)| SheetTable { id: i as u64, name: "", table })
            .collect();
        let settings = if proposed {
            let mut f = FollowUp::from_sheets("x", &sheets);
            f.matches = settings.matches.clone();
            f
        } else {
            settings
        };
        let result = compute(&settings, &sheets);
        prop_assert_eq!(&result, &compute(&settings, &sheets));
        let n = settings.reports.len();
        prop_assert_eq!(result.reports.len(), n);
        prop_assert_eq!(result.total.budgets.len(), n);
        for row in &result.rows {
            prop_assert_eq!(row.members.len(), n);
            prop_assert_eq!(row.line.deviations.len(), n);
        }
        for (r, report) in settings.reports.iter().enumerate() {
            let Some(table) = tables.get(report.sheet as usize) else { continue };
            let mut placed = BTreeSet::new();
            let mut count = 0usize;
            for row in &result.rows {
                for &m in &row.members[r] {
                    placed.insert(m);
                    count += 1;
                }
            }
            if let Some(t) = result.total_members[r] {
                placed.insert(t);
                count += 1;
            }
            for u in result.unmatched.iter().filter(|u| u.report == r) {
                placed.insert(u.row);
                count += 1;
            }
            let expected: BTreeSet<usize> = table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| row.kind != RowKind::Heading)
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(count, placed.len(), "a row placed twice");
            prop_assert_eq!(placed, expected);
        }
    }
}
