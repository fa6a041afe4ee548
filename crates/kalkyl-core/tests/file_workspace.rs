//! The JSON workspace file: export, import and export again gives the same
//! bytes and an equal workspace (for every seed table, with what-if edits,
//! and for random workspaces); version 1 files migrate; broken, hostile and
//! newer files give clear errors and never a panic.

mod support;

use std::collections::BTreeMap;

use kalkyl_core::calc::Computed;
use kalkyl_core::diagnostics::{Diagnostic, DiagnosticKind};
use kalkyl_core::edit::{Adjustment, Command, History};
use kalkyl_core::file::{
    read_workspace_file, write_workspace_file, write_workspace_store, DecimalProblem, ErrorKind,
    Expected, FileError, Place, Syntax,
};
use kalkyl_core::followup::{
    compute, FollowUp, MatchOverride, MatchTarget, ReportKind, ReportSettings, RowRef,
};
use kalkyl_core::handover::{read_follow_ups, read_handover, write_follow_ups, write_handover};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, ForecastMethod, Role, SignConvention, StatusThresholds};
use kalkyl_core::number::{DecimalMark, Unit};
use kalkyl_core::read::Orientation;
use kalkyl_core::workspace::{PastedSource, Sheet, Workspace};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use support::fixture::load_all;
use support::gen::{command, method, role, table};

/// The workspace without its session-only undo history.
fn without_history(ws: &Workspace) -> Workspace {
    let mut out = ws.clone();
    for sheet in &mut out.sheets {
        sheet.history = History::default();
    }
    out
}

/// Exports, imports and exports again: same bytes, equal workspace. The
/// stored form (the browser's autosave) reads back to the same workspace,
/// is one line and is never larger than the file.
fn assert_round_trip(ws: &Workspace, saved_at: Option<&str>) -> String {
    let first = write_workspace_file(ws, saved_at);
    let back =
        read_workspace_file(&first).unwrap_or_else(|e| panic!("{}\n{first}", e.message(Lang::En)));
    assert_eq!(back, without_history(ws), "import differs");
    let second = write_workspace_file(&back, saved_at);
    assert_eq!(first, second, "re-export differs");
    let stored = write_workspace_store(ws, saved_at);
    let restored = read_workspace_file(&stored)
        .unwrap_or_else(|e| panic!("{}\n{stored}", e.message(Lang::En)));
    assert_eq!(
        restored,
        without_history(ws),
        "the stored form reads back differently"
    );
    assert_eq!(write_workspace_store(&restored, saved_at), stored);
    assert_eq!(stored.trim_end().lines().count(), 1, "{stored}");
    assert!(stored.len() <= first.len());
    first
}

/// Every seed table as pasted, in one workspace.
fn seed_workspace() -> Workspace {
    let mut ws = Workspace {
        follow_ups: Vec::new(),
        name: "Delårsrapport april".into(),
        ..Workspace::default()
    };
    for f in load_all() {
        ws.add_paste(&f.paste, None);
    }
    ws
}

/// What-if edits on a sheet: the first numeric cell set, a column adjusted
/// by 3 %, a text typed over a number, settings of every kind.
fn edit(sheet: &mut Sheet) {
    let t = &sheet.table;
    let numeric: Vec<usize> = (0..t.columns.len())
        .filter(|&c| t.columns[c].role.is_numeric())
        .collect();
    let rows = t.rows.len();
    let mut commands = vec![
        Command::SetConvention(Some(SignConvention::BudgetMinusOutcome)),
        Command::SetDisplayUnit(Some(Unit::Tkr)),
        Command::SetDisplayDecimals(Some(2)),
        Command::SetForecastMethod(Some(ForecastMethod::Seasonal)),
        Command::SetRowForecastMethod {
            row: 0,
            method: Some(ForecastMethod::Manual),
        },
        Command::SetThresholds(StatusThresholds {
            met_within: Decimal::new(15, 1),
            acceptable_within: Decimal::new(60, 1),
        }),
        Command::SetMonths(Some(4)),
    ];
    if let Some(&c) = numeric.first() {
        commands.push(Command::SetCell {
            row: 0,
            column: c,
            cell: Cell::Number(Decimal::new(-12345, 2)),
        });
        commands.push(Command::Adjust {
            column: c,
            rows: (0..rows).collect(),
            adjustment: Adjustment::Percent(Decimal::new(3, 0)),
        });
    }
    if let Some(&c) = numeric.last() {
        commands.push(Command::SetCell {
            row: rows.saturating_sub(1),
            column: c,
            cell: Cell::Text("=okänt \"värde\"".into()),
        });
    }
    for command in &commands {
        // Some commands do not apply to every table (no such row).
        let _ = sheet.apply(command);
    }
}

#[test]
fn every_seed_table_round_trips_as_pasted_and_after_edits() {
    let mut ws = seed_workspace();
    assert_round_trip(&ws, None);
    for sheet in &mut ws.sheets {
        edit(sheet);
    }
    assert!(
        ws.sheets
            .iter()
            .all(|s| s.table.rows.iter().any(|r| !r.originals.is_empty())),
        "every table has an edited cell"
    );
    let text = assert_round_trip(&ws, Some("2026-11-23T10:15:00Z"));
    assert!(text.starts_with(
        "{\n  \"format\": \"kalkyl-workspace\",\n  \"version\": 4,\n  \"name\": \"Delårsrapport april\",\n  \"saved_at\": \"2026-11-23T10:15:00Z\",\n"
    ));
    // A sheet whose read choices changed also round-trips.
    let sheet = &mut ws.sheets[0];
    sheet.change_choices(|c| {
        c.roles.insert(1, Role::Other);
        c.decimal_marks.insert(2, DecimalMark::Point);
        c.unit = Some(None);
        c.months = Some(8);
        c.splits.insert(0, 1);
        c.prefer_plain = true;
    });
    assert_round_trip(&ws, None);
}

#[test]
fn seed_000_is_written_as_documented() {
    let f = load_all()
        .into_iter()
        .find(|f| f.name == "000-5.1.1-resultatrakning")
        .expect("fixture");
    let mut ws = Workspace::default();
    let id = ws.add_paste(&f.paste, None);
    let sheet = ws.sheet_mut(id).expect("sheet");
    sheet
        .apply(&Command::SetCell {
            row: 0,
            column: 1,
            cell: Cell::Number(Decimal::new(-2900, 1)),
        })
        .expect("edit");
    let text = write_workspace_file(&ws, None);
    let root: Value = serde_json::from_str(&text).expect("json");
    let table = &root["tables"][0];
    let row = &table["rows"][0];
    assert_eq!(row["label"], "Regionkontoret");
    assert_eq!(
        row["values"],
        json!([{"text": "Regionkontoret"}, "-290.0", "-305.0", "7.8"])
    );
    // The written text keeps the values and figures in this order, on one
    // line each.
    assert!(text
        .contains("\"values\": [{\"text\": \"Regionkontoret\"}, \"-290.0\", \"-305.0\", \"7.8\"]"));
    assert_eq!(row["originals"], json!({"1": "-297.2"}));
    assert!(text.contains(
        "\"computed\": {\"variance\": \"15.0\", \"variance_pct\": \"4.9180327868852459016393442623\", \"status\": \"met\"}"
    ));
    assert_eq!(table["sign_convention_detected"], "outcome_minus_budget");
    // Not chosen: the detected convention is the one in use.
    assert_eq!(table["sign_convention"], "outcome_minus_budget");
    assert_eq!(table["sign_convention_chosen"], false);
    // The edit makes the stated deviation 7,8 wrong: a check says so.
    let checks = table["checks"].to_string();
    assert!(
        checks.contains("\"kind\":\"variance_mismatch\""),
        "{checks}"
    );
}

#[test]
fn follow_ups_of_a_table_not_in_the_workspace_are_refused_with_their_path() {
    let text = r#"{"format": "kalkyl-workspace", "version": 4, "tables": [
        {"id": 1, "columns": [], "rows": []}],
        "follow_ups": [{"name": "År", "unit": "mnkr",
                        "reports": [{"sheet": 7, "kind": "plan", "months": null}]}]}"#;
    let e = read_workspace_file(text).expect_err("sheet 7 is not there");
    assert_eq!(e.kind, ErrorKind::UnknownSheet { id: 7 });
    assert_eq!(path(&e), "follow_ups[0].reports[0].sheet");
}

/// The year view hands back follow-ups the app takes only if their tables
/// are still open and their months are months; anything else is not a
/// hand-over.
#[test]
fn follow_ups_handed_back_are_taken_only_for_open_tables() {
    let report = |sheet, months| ReportSettings {
        sheet,
        kind: ReportKind::Plan,
        months,
        convention: None,
    };
    let follow_up = |reports| FollowUp {
        name: "År".into(),
        unit: Unit::Mnkr,
        convention: SignConvention::OutcomeMinusBudget,
        reports,
        matches: Vec::new(),
        status: StatusThresholds::default(),
    };
    let cases: [(Vec<FollowUp>, &[u64], bool); 5] = [
        (vec![follow_up(vec![report(7, Some(4))])], &[1, 7], true),
        (vec![follow_up(vec![report(7, None)])], &[1, 2], false),
        (vec![follow_up(vec![report(1, Some(13))])], &[1], false),
        (vec![follow_up(vec![report(1, Some(0))])], &[1], false),
        (Vec::new(), &[], true),
    ];
    for (list, ids, taken) in cases {
        let bytes = write_follow_ups(&list).expect("written");
        assert_eq!(
            read_follow_ups(&bytes, ids).is_some(),
            taken,
            "{list:?} {ids:?}"
        );
    }
    let one = write_follow_ups(&[follow_up(vec![report(1, None)])]).expect("written");
    let garbage: [&[u8]; 3] = [&[0xff; 9], &one[..one.len() - 1], b"[{}]"];
    for bytes in garbage {
        assert!(read_follow_ups(bytes, &[1]).is_none(), "{bytes:?}");
    }
}

/// The seed tables, read from their file by the on-demand module, reach
/// the app as the same workspace, diagnostics and all.
#[test]
fn a_workspace_handed_over_is_the_workspace_read() {
    let ws = seed_workspace();
    assert!(ws.sheets.iter().any(|s| !s.table.diagnostics.is_empty()));
    let bytes = write_handover(&ws).expect("written");
    assert_eq!(read_handover(&bytes), Some(without_history(&ws)));
    // Cut short or from elsewhere: refused, never half read.
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(read_handover(&bytes[..cut]).is_none(), "cut at {cut}");
    }
    assert!(read_handover(b"{\"format\": \"kalkyl-workspace\"}").is_none());
}

#[test]
fn an_empty_workspace_round_trips() {
    let text = assert_round_trip(&Workspace::default(), None);
    assert_eq!(
        text,
        "{\n  \"format\": \"kalkyl-workspace\",\n  \"version\": 4,\n  \"name\": \"\",\n  \"saved_at\": null,\n  \"next_id\": 0,\n  \"settings\": {},\n  \"tables\": [],\n  \"follow_ups\": []\n}\n"
    );
}

const V1_EXAMPLE: &str = include_str!("fixtures/files/v1-example.json");

#[test]
fn a_version_1_file_migrates() {
    let ws = read_workspace_file(V1_EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ws.name, "");
    assert_eq!(ws.next_id, 2);
    assert_eq!(ws.sheets.len(), 2);
    let s = &ws.sheets[0];
    assert_eq!((s.id, s.name.as_str()), (1, "Resultat per uppdrag"));
    assert_eq!(s.source.html, None);
    let t = &s.table;
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.months, Some(4));
    assert_eq!(t.settings.sign_convention, None);
    assert_eq!(t.columns[3].role, Role::StatedVariance);
    assert_eq!(t.rows[0].cells[0], Cell::Text("Regionkontoret".into()));
    assert_eq!(t.rows[0].cells[1], Cell::Number(Decimal::new(-2900, 1)));
    assert_eq!(
        t.rows[0].originals.get(&1),
        Some(&Cell::Number(Decimal::new(-2972, 1)))
    );
    assert_eq!(t.rows[1].cells[2], Cell::Empty);
    assert_eq!(t.rows[2].cells[1], Cell::Text("ej klart".into()));
    // A role the user changed in version 1 became a read choice, so that
    // reading the source again keeps it.
    assert_eq!(s.choices.roles.get(&2), Some(&Role::AnnualBudget));
    let again = s.clone();
    let mut reread = again;
    reread.change_choices(|_| {});
    assert_eq!(reread.table.columns[2].role, Role::AnnualBudget);
    let inv = &ws.sheets[1];
    assert_eq!(inv.id, 2);
    assert_eq!(
        inv.table.settings.sign_convention,
        Some(SignConvention::BudgetMinusOutcome)
    );
    // Edited workspaces write as version 4 and round-trip.
    let v4 = assert_round_trip(&ws, None);
    assert!(v4.contains("\"version\": 4"));
}

fn error(text: &str) -> FileError {
    match read_workspace_file(text) {
        Ok(_) => panic!("read: {text}"),
        Err(e) => e,
    }
}

fn path(e: &FileError) -> &str {
    match &e.place {
        Place::Path(p) => p,
        _ => "",
    }
}

/// A valid one-table file to break in the error tests.
fn valid() -> String {
    let mut ws = Workspace::default();
    ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t-1,5\t-2\nB\t3\t4\n", None);
    ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t1\t2\n", None);
    write_workspace_file(&ws, None)
}

#[test]
fn broken_files_give_errors_that_say_what_and_where() {
    let good = valid();
    let replace = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1)
    };
    // (file, expected kind, expected path)
    let cases: Vec<(String, ErrorKind, &str)> = vec![
        ("".into(), ErrorKind::Syntax(Syntax::Truncated), ""),
        (good[..good.len() / 2].into(), ErrorKind::Syntax(Syntax::Truncated), ""),
        ("[1, 2]".into(), ErrorKind::NotKalkyl, ""),
        (replace("kalkyl-workspace", "kalkyl-table"), ErrorKind::NotKalkyl, ""),
        (
            replace("\"version\": 4", "\"version\": 5"),
            ErrorKind::NewerVersion { version: "5".into() },
            "version",
        ),
        (
            replace("\"version\": 4", "\"version\": 12345678901234567890123"),
            ErrorKind::NewerVersion { version: "12345678901234567890123".into() },
            "version",
        ),
        (replace("\"version\": 4", "\"version\": \"2\""), ErrorKind::BadVersion, "version"),
        (replace("\"version\": 4", "\"version\": 0"), ErrorKind::BadVersion, "version"),
        (replace("\"version\": 4", "\"version\": 2.0"), ErrorKind::BadVersion, "version"),
        (
            replace("\"role\": \"budget\"", "\"role\": \"budgett\""),
            ErrorKind::Unknown {
                found: "budgett".into(),
                expected: "label, outcome, budget, annual_budget, forecast, prior_outcome, previous_forecast, stated_variance, stated_percent, total_budget, text, other".into(),
            },
            "tables[0].columns[2].role",
        ),
        (
            replace("\"-1.5\"", "\"-1,5\""),
            ErrorKind::BadDecimal { text: "-1,5".into(), problem: DecimalProblem::Malformed },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\"", "\"1e5\""),
            ErrorKind::BadDecimal { text: "1e5".into(), problem: DecimalProblem::Malformed },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\"", "1e5"),
            ErrorKind::BadDecimal { text: "1e5".into(), problem: DecimalProblem::Malformed },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\"", "\"0.12345678901234567890123456789\""),
            ErrorKind::BadDecimal {
                text: "0.12345678901234567890123456789".into(),
                problem: DecimalProblem::TooManyDecimals,
            },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\"", "\"79228162514646337593543950336\""),
            ErrorKind::BadDecimal {
                text: "79228162514646337593543950336".into(),
                problem: DecimalProblem::TooManyDigits,
            },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\"", "true"),
            ErrorKind::WrongType { expected: Expected::Cell },
            "tables[0].rows[0].values[1]",
        ),
        (
            replace("\"-1.5\", ", ""),
            ErrorKind::LengthMismatch { expected: 3, found: 2 },
            "tables[0].rows[0].values",
        ),
        (
            replace("\"originals\": {}", "\"originals\": {\"7\": null}"),
            ErrorKind::OutOfRange { found: "7".into(), min: 0, max: 2 },
            "tables[0].rows[0].originals[\"7\"]",
        ),
        (
            replace("\"months\": null", "\"months\": 13"),
            ErrorKind::OutOfRange { found: "13".into(), min: 0, max: 12 },
            "tables[0].months",
        ),
        (
            replace("\"display_decimals\": null", "\"display_decimals\": 29"),
            ErrorKind::OutOfRange { found: "29".into(), min: 0, max: 28 },
            "tables[0].display_decimals",
        ),
        (
            replace("\"level\": 0", "\"level\": -1"),
            ErrorKind::WrongType { expected: Expected::Integer },
            "tables[0].rows[0].level",
        ),
        (
            replace("\"kind\": \"item\"", "\"kind\": \"itme\""),
            ErrorKind::Unknown {
                found: "itme".into(),
                expected: "heading, item, subtotal, total".into(),
            },
            "tables[0].rows[0].kind",
        ),
        (
            replace("\"id\": 2", "\"id\": 1"),
            ErrorKind::DuplicateId { id: 1 },
            "tables[1].id",
        ),
        (
            replace("\"columns\": ", "\"kolumner\": "),
            ErrorKind::Missing { key: "columns".into() },
            "tables[0]",
        ),
        (
            replace("\"columns\": [", "\"columns\": \"x\", \"c\": ["),
            ErrorKind::WrongType { expected: Expected::Array },
            "tables[0].columns",
        ),
        (
            replace("\"tables\": [", "\"tables\": 1, \"t\": ["),
            ErrorKind::WrongType { expected: Expected::Array },
            "tables",
        ),
        (
            replace("\"source\": {", "\"source\": [], \"s\": {"),
            ErrorKind::WrongType { expected: Expected::Object },
            "tables[0].source",
        ),
        (
            // serde checks each value as it reads it, so the first "plain"
            // must be valid for the second to be found.
            replace("\"source\": {", "\"source\": {\"plain\": \"x\", "),
            ErrorKind::Syntax(Syntax::DuplicateKey("plain".into())),
            "tables[0].source",
        ),
        (
            replace("\"unit\": null", "\"unit\": \"kronor\""),
            ErrorKind::Unknown { found: "kronor".into(), expected: "kr, tkr, mnkr, mdkr".into() },
            "tables[0].unit",
        ),
    ];
    for (text, kind, at) in cases {
        let e = error(&text);
        assert_eq!(e.kind, kind, "{}", e.message(Lang::En));
        assert_eq!(path(&e), at, "{}", e.message(Lang::En));
        let (sv, en) = (e.message(Lang::Sv), e.message(Lang::En));
        assert!(!sv.is_empty() && sv != en);
    }
    let e = error(&replace("\"-1.5\"", "\"1e5\""));
    assert_eq!(
        e.message(Lang::En),
        "At tables[0].rows[0].values[1]: «1e5» is not a decimal of the form -297.2."
    );
    assert_eq!(
        e.message(Lang::Sv),
        "Vid tables[0].rows[0].values[1]: «1e5» är inget decimaltal av formen -297.2."
    );
    let e = error(&replace("\"version\": 4", "\"version\": 5"));
    assert!(e.message(Lang::En).contains("made by a newer Kalkyl"));
    let e = error("{\"format\": \"kalkyl-workspace\",\n \"version\": 3,\n \"tables\": [}");
    assert_eq!(
        e.place,
        Place::Text {
            line: 3,
            column: 13
        }
    );
}

#[test]
fn files_with_only_the_required_keys_read_with_defaults() {
    let text = r#"{"format": "kalkyl-workspace", "version": 3, "tables": [
        {"id": 5, "columns": [{"role": "label"}, {"label": "Utfall", "role": "outcome"}],
         "rows": [{"values": [{"text": "A"}, 12.50]}, {"values": [null, "-0"]}]}
    ]}"#;
    let ws = read_workspace_file(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ws.next_id, 5, "next_id is at least the largest id");
    let t = &ws.sheets[0].table;
    assert_eq!(t.rows[0].cells[1], Cell::Number(Decimal::new(1250, 2)));
    assert_eq!(t.rows[0].cells[1].number().map(|d| d.scale()), Some(2));
    assert!(!t.rows[1].cells[1]
        .number()
        .expect("zero")
        .is_sign_negative());
    assert_round_trip(&ws, None);
}

// ---------------------------------------------------------------------------
// Random workspaces
// ---------------------------------------------------------------------------

/// Text with quotes, backslashes, control characters, non-ASCII and
/// astral characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-ZåäöÅÄÖ 0-9,.;-]{0,12}",
        1 => "[\"\\\\\\u{0}-\\u{1f}\\u{7f}\\u{2028}\\u{feff}€😀=+@-]{0,8}",
        1 => any::<String>(),
    ]
}

fn diagnostic() -> impl Strategy<Value = Diagnostic> {
    let kind = prop_oneof![
        (any_text(), any_text()).prop_map(|(reason_en, reason_sv)| DiagnosticKind::ReadAsText {
            reason_en,
            reason_sv
        }),
        Just(DiagnosticKind::GuessedDecimalMark {
            mark: DecimalMark::Point
        }),
        Just(DiagnosticKind::ContradictingDecimalMark {
            mark: DecimalMark::Comma
        }),
        role().prop_map(|role| DiagnosticKind::GuessedRole { role }),
        Just(DiagnosticKind::UnitConverted {
            from: Unit::Kr,
            to: Unit::Mdkr
        }),
        Just(DiagnosticKind::UnitNotConvertible {
            from: Unit::Tkr,
            to: Unit::Mnkr
        }),
        Just(DiagnosticKind::UnitUnknown),
        Just(DiagnosticKind::PercentMismatch),
        (0usize..9, 0usize..9)
            .prop_map(|(expected, found)| DiagnosticKind::ShortRow { expected, found }),
        (0usize..9, 0usize..9)
            .prop_map(|(expected, found)| DiagnosticKind::LongRow { expected, found }),
        (0usize..40).prop_map(|candidates| DiagnosticKind::AmbiguousSplit { candidates }),
        Just(DiagnosticKind::UnsplittableLine),
        Just(DiagnosticKind::TitleTaken),
        (any::<bool>(), any::<bool>())
            .prop_map(|(turned, chosen)| DiagnosticKind::Orientation { turned, chosen }),
        (any_text(), any_text())
            .prop_map(|(what_en, what_sv)| DiagnosticKind::Layout { what_en, what_sv }),
        (any_text(), any_text())
            .prop_map(|(what_en, what_sv)| DiagnosticKind::Source { what_en, what_sv }),
    ];
    (
        prop::option::of(0usize..20),
        prop::option::of(0usize..20),
        prop::option::of(1usize..100),
        any_text(),
        kind,
    )
        .prop_map(|(row, column, line, seen, kind)| Diagnostic {
            row,
            column,
            line,
            seen,
            kind,
        })
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(Unit::ALL.to_vec())
}

/// A random sheet: a random table from the engine's generator, with texts
/// of every kind in its cells, title, headings and notes, a session of
/// edits (so originals appear), random read choices, settings, source and
/// diagnostics.
fn sheet(id: u64) -> impl Strategy<Value = Sheet> {
    table(5).prop_flat_map(move |t| {
        let (rows, columns) = (t.rows.len(), t.columns.len());
        let texts = prop::collection::vec((0..rows, 0..columns, any_text()), 0..4);
        let commands = prop::collection::vec(command(rows, columns), 0..6);
        let headings = prop::collection::vec(any_text(), columns);
        let notes = prop::collection::vec(prop::option::weighted(0.2, any_text()), rows);
        let choices = (
            prop::collection::btree_map(0..columns + 2, role(), 0..2),
            prop::collection::btree_map(0..columns + 2, prop_oneof![Just(DecimalMark::Comma), Just(DecimalMark::Point)], 0..2),
            prop::option::of(prop::option::of(unit())),
            prop::option::of(1u8..=12),
            prop::collection::btree_map(0..rows + 2, 0usize..5, 0..2),
            (
                any::<bool>(),
                prop::option::of(prop_oneof![
                    Just(Orientation::AsPasted),
                    Just(Orientation::Turned)
                ]),
                prop::option::of(any::<u16>()),
            ),
        );
        let meta = (
            any_text(),
            prop::option::of(any_text()),
            prop::option::of(unit()),
            prop::option::of(unit()),
            prop::option::of(0u32..=28),
            (any_text(), prop::option::of(any_text())),
            prop::collection::vec(diagnostic(), 0..3),
            prop::option::of(method()),
        );
        (Just(t), texts, commands, headings, notes, choices, meta)
    })
    .prop_map(move |(mut t, texts, commands, headings, notes, choices, meta)| {
        let (name, title, unit, display_unit, decimals, (plain, html), diagnostics, method) = meta;
        for (r, c, text) in texts {
            t.rows[r].cells[c] = Cell::Text(text);
        }
        for (column, heading) in t.columns.iter_mut().zip(headings) {
            column.heading = heading;
        }
        for (row, note) in t.rows.iter_mut().zip(notes) {
            row.note = note;
        }
        t.title = title;
        t.unit = unit;
        t.diagnostics = diagnostics;
        let mut sheet = Sheet {
            id,
            name,
            source: PastedSource { plain, html },
            choices: kalkyl_core::read::ReadChoices {
                roles: choices.0,
                decimal_marks: choices.1,
                unit: choices.2,
                months: choices.3,
                splits: choices.4,
                prefer_plain: choices.5 .0,
                orientation: choices.5 .1,
                year_pasted: choices.5 .2,
            },
            table: t,
            history: History::default(),
        };
        for command in commands
            .into_iter()
            .chain([
                Command::SetDisplayUnit(display_unit),
                Command::SetDisplayDecimals(decimals),
                Command::SetForecastMethod(method),
            ])
        {
            let _ = sheet.apply(&command);
        }
        sheet
    })
}

fn convention() -> impl Strategy<Value = SignConvention> {
    prop::sample::select(vec![
        SignConvention::OutcomeMinusBudget,
        SignConvention::BudgetMinusOutcome,
        SignConvention::OutcomePlusBudget,
    ])
}

/// A random follow-up of the sheets `ids` (none when there are none):
/// reports of every kind, months and convention, matches into rows and
/// out, on sheets in it or not, with texts of every kind.
fn follow_up(ids: Vec<u64>) -> impl Strategy<Value = FollowUp> {
    let n = ids.len();
    let report = (
        0..n.max(1),
        prop::sample::select(vec![
            ReportKind::Plan,
            ReportKind::FollowUp,
            ReportKind::Annual,
        ]),
        prop::option::of(1u8..=12),
        prop::option::of(convention()),
    );
    let matched = (
        prop_oneof![(0..n.max(1)).prop_map(Some), Just(None),],
        0u64..2_000,
        prop::collection::vec((0usize..30, any_text()), 0..3),
        prop::option::of(any_text()),
    );
    (
        any_text(),
        unit(),
        convention(),
        prop::collection::vec(report, if n == 0 { 0..1 } else { 0..5 }),
        prop::collection::vec(matched, 0..4),
        (0i64..100, 0i64..1_000),
    )
        .prop_map(
            move |(name, unit, convention, reports, matches, (met, acceptable))| FollowUp {
                name,
                unit,
                convention,
                reports: reports
                    .into_iter()
                    .map(|(i, kind, months, convention)| ReportSettings {
                        sheet: ids[i],
                        kind,
                        months,
                        convention,
                    })
                    .collect(),
                matches: matches
                    .into_iter()
                    .map(|(i, other, rows, target)| MatchOverride {
                        sheet: i.and_then(|i| ids.get(i).copied()).unwrap_or(other),
                        rows: rows
                            .into_iter()
                            .map(|(row, label)| RowRef { row, label })
                            .collect(),
                        target: target
                            .map_or(MatchTarget::Unmatched, |label| MatchTarget::Row { label }),
                    })
                    .collect(),
                status: StatusThresholds {
                    met_within: Decimal::new(met, 1),
                    acceptable_within: Decimal::new(acceptable, 2),
                },
            },
        )
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        any_text(),
        prop::collection::vec((1u64..1_000, any::<bool>()), 0..3),
        0u64..5,
        0usize..3,
    )
        .prop_flat_map(|(name, ids, extra, follow_ups)| {
            // Distinct ids in order of creation.
            let mut seen = std::collections::BTreeSet::new();
            let ids: Vec<u64> = ids
                .into_iter()
                .map(|(id, _)| id)
                .filter(|id| seen.insert(*id))
                .collect();
            let next_id = ids.iter().copied().max().unwrap_or(0) + extra;
            let sheets: Vec<_> = ids.iter().copied().map(sheet).collect();
            let follow_ups: Vec<_> = (0..follow_ups).map(|_| follow_up(ids.clone())).collect();
            (Just(name), sheets, Just(next_id), follow_ups)
        })
        .prop_map(|(name, sheets, next_id, follow_ups)| Workspace {
            follow_ups,
            name,
            sheets,
            next_id,
        })
}

/// PROPTEST_CASES (default 256), at most 25 000: a case of the round trip
/// generates up to two sheets with edits and computes and checks each
/// table twice, about 0.4 ms in release, so 100 000 cases would take 40 s.
fn round_trip_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
        .min(25_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(round_trip_cases()))]
    #[test]
    fn random_workspaces_round_trip(ws in workspace(), saved_at in prop::option::of(any_text())) {
        assert_round_trip(&ws, saved_at.as_deref());
    }

    /// The year module hands the follow-ups the user changed to the app.
    #[test]
    fn follow_ups_handed_to_the_app_read_back_the_same(ws in workspace()) {
        let ids: Vec<u64> = ws.sheets.iter().rev().map(|s| s.id).collect();
        let bytes = write_follow_ups(&ws.follow_ups).expect("written");
        let read = read_follow_ups(&bytes, &ids);
        prop_assert_eq!(read.as_ref(), Some(&ws.follow_ups));
    }

    /// The on-demand module hands the workspace it read to the app: the
    /// same workspace, read choices, edits' originals and diagnostics
    /// included.
    #[test]
    fn workspaces_handed_to_the_app_read_back_the_same(ws in workspace()) {
        let bytes = write_handover(&ws).expect("written");
        prop_assert_eq!(read_handover(&bytes), Some(without_history(&ws)));
    }

}

// The number of cases follows PROPTEST_CASES.
proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = read_workspace_file(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = read_workspace_file(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_valid_files_never_panic(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, any_text()), 1..4),
        follow_ups in any::<bool>(),
    ) {
        // With follow-ups, the cuts are in them.
        let mut text = if follow_ups { valid_follow_up() } else { valid() };
        let start = if follow_ups { text.find("\"follow_ups\"").unwrap_or(0) } else { 0 };
        for (at, len, insert) in cuts {
            let mut i = (start + at.index(text.len() + 1 - start)).min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let mut end = (i + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(i..end, &insert);
        }
        if let Err(e) = read_workspace_file(&text) {
            prop_assert!(!e.message(Lang::Sv).is_empty());
        }
    }
}

#[test]
fn map_keys_and_all_key_sets_survive() {
    // A row forecast method beyond the rows (kept after a re-read shrank
    // the table) is kept.
    let mut ws = Workspace::default();
    let id = ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t1\t2\n", None);
    let sheet = ws.sheet_mut(id).expect("sheet");
    sheet
        .table
        .settings
        .row_forecast_methods
        .insert(40, ForecastMethod::RunRate);
    let mut originals = BTreeMap::new();
    originals.insert(2, Cell::Text("x".into()));
    sheet.table.rows[0].originals = originals;
    assert_round_trip(&ws, None);
}

#[test]
fn syntax_errors_and_limits_say_what_and_where() {
    use kalkyl_core::file::{Counted, MAX_DEPTH, MAX_INPUT_BYTES, MAX_STRING_BYTES};
    // (text, kind, line, column); positions as serde_json finds them, in
    // characters.
    let cases: Vec<(&str, Syntax, usize, usize)> = vec![
        ("", Syntax::Truncated, 1, 1),
        ("Det här är ingen JSON", Syntax::Unexpected('D'), 1, 1),
        ("[1 2]", Syntax::Unexpected('2'), 1, 4),
        ("{\"a\" 1}", Syntax::Unexpected('1'), 1, 6),
        ("{a: 1}", Syntax::Unexpected('a'), 1, 2),
        ("[1,]", Syntax::Unexpected(']'), 1, 4),
        ("[-]", Syntax::BadNumber, 1, 3),
        ("[1e400]", Syntax::BadNumber, 1, 6),
        ("[\"a\\x\"]", Syntax::BadEscape, 1, 5),
        ("[\"a\nb\"]", Syntax::ControlCharacter, 2, 1),
        ("[1] x", Syntax::TrailingText, 1, 5),
        ("[\"å\", ä]", Syntax::Unexpected('ä'), 1, 7),
    ];
    for (text, what, line, column) in cases {
        let e = error(text);
        assert_eq!(e.kind, ErrorKind::Syntax(what), "{text:?}");
        assert_eq!(e.place, Place::Text { line, column }, "{text:?}");
    }
    // 5 000 levels do not overflow the stack: serde_json's limit stops them.
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    assert_eq!(error(&deep).kind, ErrorKind::TooDeep { limit: MAX_DEPTH });
    let hidden = valid().replacen("\"settings\": {}", &format!("\"settings\": {deep}"), 1);
    assert_eq!(error(&hidden).kind, ErrorKind::TooDeep { limit: MAX_DEPTH });
    let big = " ".repeat(MAX_INPUT_BYTES + 1);
    assert_eq!(
        error(&big).kind,
        ErrorKind::TooLarge {
            limit: MAX_INPUT_BYTES
        }
    );
    let long = valid().replacen(
        "\"name\": \"Uppdrag\"",
        &format!("\"name\": \"{}\"", "a".repeat(MAX_STRING_BYTES + 1)),
        1,
    );
    let e = error(&long);
    assert_eq!(
        (e.kind.clone(), path(&e).to_string()),
        (
            ErrorKind::TooLong {
                limit: MAX_STRING_BYTES
            },
            "tables[0].name".to_string()
        )
    );
    let mut tables = String::from("[");
    for i in 0..=kalkyl_core::file::MAX_TABLES {
        tables.push_str(&format!("{{\"id\": {i}, \"columns\": [], \"rows\": []}},"));
    }
    tables.pop();
    tables.push(']');
    let many =
        format!("{{\"format\": \"kalkyl-workspace\", \"version\": 3, \"tables\": {tables}}}");
    let e = error(&many);
    assert!(matches!(
        e.kind,
        ErrorKind::TooMany {
            what: Counted::Tables,
            ..
        }
    ));
    // A decimal Decimal cannot hold, as the browser test writes it.
    let e = error(&valid().replacen("\"-1.5\"", "\"1e400\"", 1));
    assert_eq!(path(&e), "tables[0].rows[0].values[1]");
    assert!(e.message(Lang::Sv).contains("1e400"));
}

#[test]
fn version_2_sign_conventions_migrate_and_version_3_keeps_the_choice() {
    let v3 = valid().replacen("\"version\": 4", "\"version\": 3", 1);
    // Version 2: null was "not chosen", a name a choice.
    let v2 = v3
        .replacen("\"version\": 3", "\"version\": 2", 1)
        .replace("\"sign_convention_chosen\": false,\n", "");
    let not_chosen = v2.replacen(
        "\"sign_convention\": \"outcome_minus_budget\"",
        "\"sign_convention\": null",
        1,
    );
    let ws = read_workspace_file(&not_chosen).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ws.sheets[0].table.settings.sign_convention, None);
    let ws = read_workspace_file(&v2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ws.sheets[0].table.settings.sign_convention,
        Some(SignConvention::OutcomeMinusBudget)
    );
    // Version 3: the convention in use is only a choice when chosen.
    let ws = read_workspace_file(&v3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ws.sheets[0].table.settings.sign_convention, None);
    let chosen = v3.replacen(
        "\"sign_convention\": \"outcome_minus_budget\",\n      \"sign_convention_chosen\": false",
        "\"sign_convention\": \"outcome_plus_budget\",\n      \"sign_convention_chosen\": true",
        1,
    );
    let ws = read_workspace_file(&chosen).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ws.sheets[0].table.settings.sign_convention,
        Some(SignConvention::OutcomePlusBudget)
    );
    // The stored form writes null when not chosen (nothing derived).
    let stored = write_workspace_store(&ws, None);
    assert!(stored.contains("\"sign_convention\":null,\"sign_convention_chosen\":false"));
}

// ---------------------------------------------------------------------------
// Follow-ups (version 4)
// ---------------------------------------------------------------------------

/// The seed chain of Regionkontoret 2021 (April, August, the annual
/// report) in one follow-up, with a row the user took out and one put
/// into another.
fn follow_up_workspace() -> Workspace {
    let mut ws = Workspace {
        name: "Året".into(),
        ..Workspace::default()
    };
    for name in [
        "001-5.1.1-resultatrakning",
        "003-5.1.2-analys-av-prognosen",
        "000-5.1.1-resultatrakning",
    ] {
        ws.add_paste(&support::fixture::load_named(name).paste, None);
    }
    let mut f = FollowUp::from_sheets("Uppföljning 2021", &ws.sheet_tables());
    let label = |row: usize| ws.sheets[0].table.label(row).to_string();
    f.set_match(MatchOverride {
        sheet: 1,
        rows: vec![RowRef {
            row: 0,
            label: label(0),
        }],
        target: MatchTarget::Unmatched,
    });
    f.set_match(MatchOverride {
        sheet: 1,
        rows: vec![RowRef {
            row: 1,
            label: label(1),
        }],
        target: MatchTarget::Row {
            label: "Hälso- och sjukvård".into(),
        },
    });
    f.reports[0].convention = Some(SignConvention::OutcomeMinusBudget);
    ws.follow_ups.push(f);
    ws
}

#[test]
fn follow_ups_round_trip_with_their_computed_rows() {
    let ws = follow_up_workspace();
    let text = assert_round_trip(&ws, None);
    let root: Value = serde_json::from_str(&text).expect("json");
    let f = &root["follow_ups"][0];
    assert_eq!(f["name"], "Uppföljning 2021");
    assert_eq!(f["reports"].as_array().map(Vec::len), Some(3));
    assert_eq!(f["reports"][0]["convention"], "outcome_minus_budget");
    assert!(f["reports"][1].get("convention").is_none());
    assert_eq!(f["matches"][0]["into"], Value::Null);
    assert_eq!(f["matches"][1]["into"], "Hälso- och sjukvård");
    // The derived parts are followup::compute's figures.
    let result = compute(&ws.follow_ups[0], &ws.sheet_tables());
    let rows = f["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), result.rows.len());
    assert!(!rows.is_empty());
    let mut deviations = 0;
    for (written, row) in rows.iter().zip(&result.rows) {
        assert_eq!(written["label"], row.label.as_str());
        assert_eq!(written["members"], json!(row.members));
        assert_eq!(written["budget"].as_array().map(Vec::len), Some(3));
        assert_eq!(written["forecasts"].as_array().map(Vec::len), Some(3));
        match row.line.outcome {
            Computed::Value(v) => assert_eq!(written["outcome"], v.to_string()),
            Computed::Blank => assert_eq!(written["outcome"], Value::Null),
            Computed::Error(_) => assert!(written["outcome"]["error"].is_string()),
        }
        for d in written["forecast_deviations"].as_array().expect("list") {
            let report = d["report"].as_u64().expect("report") as usize;
            let Computed::Value(v) = row.line.deviations[report].value else {
                panic!("{d}");
            };
            assert_eq!(d["value"], v.to_string());
            deviations += 1;
        }
    }
    assert!(deviations > 0, "the chain has forecast deviations");
    assert_eq!(f["total"]["members"].as_array().map(Vec::len), Some(3));
    let unmatched = f["unmatched"].as_array().expect("unmatched");
    assert_eq!(unmatched.len(), result.unmatched.len());
    assert!(unmatched
        .iter()
        .any(|u| u["reason"] == "by_user" && u["report"] == 0 && u["row"] == 0));
    assert!(unmatched.iter().all(|u| u["message"]["sv"].is_string()));
    // The stored form keeps the settings only.
    let stored = write_workspace_store(&ws, None);
    let root: Value = serde_json::from_str(&stored).expect("json");
    let f = root["follow_ups"][0].as_object().expect("follow-up");
    let keys: Vec<&str> = f.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "convention",
            "matches",
            "name",
            "reports",
            "status_thresholds",
            "unit"
        ]
    );
    // Derived values in a file change nothing on import.
    let edited = text.replacen("\"outcome\": \"", "\"outcome\": \"1", 1);
    assert_ne!(edited, text);
    let back = read_workspace_file(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(write_workspace_file(&back, None), text);
}

#[test]
fn a_report_whose_table_is_gone_is_not_written() {
    let mut ws = follow_up_workspace();
    ws.follow_ups[0].reports[2].months = Some(0);
    let expected = {
        let mut f = ws.follow_ups[0].clone();
        f.reports.remove(1);
        f.reports[1].months = None;
        f
    };
    assert!(ws.remove(2).is_some());
    for text in [
        write_workspace_file(&ws, None),
        write_workspace_store(&ws, None),
    ] {
        let back = read_workspace_file(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.follow_ups, vec![expected.clone()]);
    }
    // The derived parts are of the reports written.
    let text = write_workspace_file(&ws, None);
    let root: Value = serde_json::from_str(&text).expect("json");
    let members = &root["follow_ups"][0]["rows"][0]["members"];
    assert_eq!(members.as_array().map(Vec::len), Some(2));
}

#[test]
fn older_files_and_files_without_follow_ups_have_none() {
    let v4 = write_workspace_file(&follow_up_workspace(), None);
    let v3 = v4.replacen("\"version\": 4", "\"version\": 3", 1);
    let ws = read_workspace_file(&v3).unwrap_or_else(|e| panic!("{e}"));
    assert!(ws.follow_ups.is_empty());
    assert_eq!(ws.sheets.len(), 3);
    for text in [
        r#"{"format": "kalkyl-workspace", "version": 4, "tables": []}"#,
        r#"{"format": "kalkyl-workspace", "version": 4, "tables": [], "follow_ups": null}"#,
        r#"{"format": "kalkyl-workspace", "version": 4, "tables": [], "follow_ups": []}"#,
    ] {
        let ws = read_workspace_file(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.follow_ups.is_empty());
    }
    // Only the required keys.
    let text = r#"{"format": "kalkyl-workspace", "version": 4, "tables": [
        {"id": 3, "columns": [], "rows": []}],
        "follow_ups": [{"unit": "tkr", "reports": [{"sheet": 3, "kind": "plan"}],
                        "matches": [{"sheet": 3, "rows": [{"row": 2}]}]}]}"#;
    let ws = read_workspace_file(text).unwrap_or_else(|e| panic!("{e}"));
    let f = &ws.follow_ups[0];
    assert_eq!(f.name, "");
    assert_eq!(f.unit, Unit::Tkr);
    assert_eq!(f.convention, SignConvention::OutcomeMinusBudget);
    assert_eq!(f.status, StatusThresholds::default());
    assert_eq!(f.reports[0].months, None);
    assert_eq!(f.matches[0].target, MatchTarget::Unmatched);
    assert_eq!(f.matches[0].rows[0].label, "");
    assert_round_trip(&ws, None);
}

/// A valid file with two tables and a follow-up of both, with a match, to
/// break in the error tests.
fn valid_follow_up() -> String {
    let mut ws = Workspace::default();
    ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t-1,5\t-2\nB\t3\t4\n", None);
    ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t1\t2\n", None);
    let mut f = FollowUp::from_sheets("År", &ws.sheet_tables());
    f.set_match(MatchOverride {
        sheet: 1,
        rows: vec![RowRef {
            row: 1,
            label: "B".into(),
        }],
        target: MatchTarget::Row { label: "A".into() },
    });
    ws.follow_ups.push(f);
    write_workspace_file(&ws, None)
}

#[test]
fn broken_follow_ups_give_errors_that_say_what_and_where() {
    let good = valid_follow_up();
    assert!(read_workspace_file(&good).is_ok());
    let at = good.find("\"follow_ups\"").expect("follow-ups");
    // Replaces in the follow-ups only.
    let replace = |from: &str, to: &str| {
        let (tables, follow_ups) = good.split_at(at);
        assert!(follow_ups.contains(from), "{from}");
        format!("{tables}{}", follow_ups.replacen(from, to, 1))
    };
    let reports = |n: usize| {
        let one = "{\"sheet\": 1, \"kind\": \"plan\"}";
        format!("[{}]", vec![one; n].join(","))
    };
    let report = "\"reports\": [";
    let end = good[at..].find("\"matches\"").expect("matches") + at;
    let many_reports = format!(
        "{}\"reports\": {}, {}",
        &good[..good[at..].find(report).expect("reports") + at],
        reports(kalkyl_core::file::MAX_REPORTS + 1),
        &good[end..]
    );
    let many = |n: usize, one: &str| {
        let list = format!("[{}]", vec![one; n].join(","));
        format!("{{\"format\": \"kalkyl-workspace\", \"version\": 4, \"tables\": [{{\"id\": 1, \"columns\": [], \"rows\": []}}], \"follow_ups\": {list}}}")
    };
    let matches = format!(
        "[{{\"unit\": \"kr\", \"reports\": [], \"matches\": [{}]}}]",
        vec!["{\"sheet\": 1, \"rows\": []}"; kalkyl_core::file::MAX_MATCHES + 1].join(",")
    );
    let many_matches = format!("{{\"format\": \"kalkyl-workspace\", \"version\": 4, \"tables\": [], \"follow_ups\": {matches}}}");
    // (file, expected kind, expected path, expected English message)
    let cases: Vec<(String, ErrorKind, &str, &str)> = vec![
        (
            replace("\"sheet\": 2", "\"sheet\": 9"),
            ErrorKind::UnknownSheet { id: 9 },
            "follow_ups[0].reports[1].sheet",
            "The report refers to table 9, which is not in the file.",
        ),
        (
            replace("\"months\": 12", "\"months\": 13"),
            ErrorKind::OutOfRange { found: "13".into(), min: 1, max: 12 },
            "follow_ups[0].reports[0].months",
            "13 is outside the allowed 1–12.",
        ),
        (
            replace("\"months\": 12", "\"months\": 0"),
            ErrorKind::OutOfRange { found: "0".into(), min: 1, max: 12 },
            "follow_ups[0].reports[0].months",
            "0 is outside the allowed 1–12.",
        ),
        (
            replace("\"months\": 12", "\"months\": \"12\""),
            ErrorKind::WrongType { expected: Expected::Integer },
            "follow_ups[0].reports[0].months",
            "Must be an integer (0 or more).",
        ),
        (
            replace("\"kind\": \"annual\"", "\"kind\": \"annuel\""),
            ErrorKind::Unknown {
                found: "annuel".into(),
                expected: "plan, follow_up, annual".into(),
            },
            "follow_ups[0].reports[0].kind",
            "«annuel» is not known; possible values: plan, follow_up, annual.",
        ),
        (
            replace("\"sheet\": 1, \"kind\"", "\"kind\""),
            ErrorKind::Missing { key: "sheet".into() },
            "follow_ups[0].reports[0]",
            "The key «sheet» is missing.",
        ),
        (
            replace("\"unit\": \"mnkr\"", "\"unit\": \"kronor\""),
            ErrorKind::Unknown { found: "kronor".into(), expected: "kr, tkr, mnkr, mdkr".into() },
            "follow_ups[0].unit",
            "«kronor» is not known; possible values: kr, tkr, mnkr, mdkr.",
        ),
        (
            replace("\"convention\": \"outcome_minus_budget\"", "\"convention\": \"net\""),
            ErrorKind::Unknown {
                found: "net".into(),
                expected: "outcome_minus_budget, budget_minus_outcome, outcome_plus_budget".into(),
            },
            "follow_ups[0].convention",
            "«net» is not known; possible values: outcome_minus_budget, budget_minus_outcome, outcome_plus_budget.",
        ),
        (
            replace("\"reports\": [", "\"rapporter\": ["),
            ErrorKind::Missing { key: "reports".into() },
            "follow_ups[0]",
            "The key «reports» is missing.",
        ),
        (
            replace("\"follow_ups\": [", "\"follow_ups\": 1, \"f\": ["),
            ErrorKind::WrongType { expected: Expected::Array },
            "follow_ups",
            "Must be an array […].",
        ),
        (
            replace("\"row\": 1", "\"row\": -1"),
            ErrorKind::WrongType { expected: Expected::Integer },
            "follow_ups[0].matches[0].rows[0].row",
            "Must be an integer (0 or more).",
        ),
        (
            replace("\"row\": 1", "\"row\": 4294967296"),
            ErrorKind::OutOfRange { found: "4294967296".into(), min: 0, max: 4294967295 },
            "follow_ups[0].matches[0].rows[0].row",
            "4294967296 is outside the allowed 0–4294967295.",
        ),
        (
            replace("\"into\": \"A\"", "\"into\": 7"),
            ErrorKind::WrongType { expected: Expected::String },
            "follow_ups[0].matches[0].into",
            "Must be a string.",
        ),
        (
            replace("\"met_within\": \"1\"", "\"met_within\": \"1,5\""),
            ErrorKind::BadDecimal { text: "1,5".into(), problem: DecimalProblem::Malformed },
            "follow_ups[0].status_thresholds.met_within",
            "«1,5» is not a decimal of the form -297.2.",
        ),
        (
            many_reports,
            ErrorKind::TooMany {
                what: kalkyl_core::file::Counted::Reports,
                limit: kalkyl_core::file::MAX_REPORTS,
            },
            "follow_ups[0].reports",
            "The follow-up has more than 1000 reports.",
        ),
        (
            many(
                kalkyl_core::file::MAX_FOLLOW_UPS + 1,
                "{\"unit\": \"kr\", \"reports\": []}",
            ),
            ErrorKind::TooMany {
                what: kalkyl_core::file::Counted::FollowUps,
                limit: kalkyl_core::file::MAX_FOLLOW_UPS,
            },
            "follow_ups",
            "The workspace has more than 1000 follow-ups.",
        ),
        (
            many_matches,
            ErrorKind::TooMany {
                what: kalkyl_core::file::Counted::Matches,
                limit: kalkyl_core::file::MAX_MATCHES,
            },
            "follow_ups[0].matches",
            "The follow-up has more than 200000 chosen matches.",
        ),
    ];
    for (text, kind, at, message) in cases {
        let e = error(&text);
        assert_eq!(e.kind, kind, "{}", e.message(Lang::En));
        assert_eq!(path(&e), at, "{}", e.message(Lang::En));
        assert_eq!(e.message(Lang::En), format!("At {at}: {message}"));
        let sv = e.message(Lang::Sv);
        assert!(sv.starts_with(&format!("Vid {at}: ")) && sv != e.message(Lang::En));
    }
    let e = error(&replace("\"sheet\": 2", "\"sheet\": 9"));
    assert_eq!(
        e.message(Lang::Sv),
        "Vid follow_ups[0].reports[1].sheet: Rapporten hänvisar till tabell 9, som inte finns i filen."
    );
}

/// A diagnostic's kind and facts are read from one flat object: a fact the
/// kind needs is named when missing, an unknown kind lists the known ones,
/// and facts of other kinds are ignored.
#[test]
fn diagnostics_with_missing_facts_or_unknown_kinds_are_refused_where_they_are() {
    let mut ws = Workspace::default();
    ws.add_paste("Uppdrag\tUtfall\tBudget\nA\t1\t2\t3\n", None);
    let good = write_workspace_file(&ws, None);
    assert!(good.contains("\"kind\": \"long_row\""), "{good}");
    let replace = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        good.replacen(from, to, 1)
    };
    let long_row = ws.sheets[0]
        .table
        .diagnostics
        .iter()
        .position(|d| matches!(d.kind, DiagnosticKind::LongRow { .. }));
    let at = format!("tables[0].diagnostics[{}]", long_row.unwrap_or(usize::MAX));
    let cases: Vec<(String, Option<ErrorKind>)> = vec![
        (good.clone(), None),
        (
            replace("\"found\": 4", "\"funnen\": 4"),
            Some(ErrorKind::Missing {
                key: "found".into(),
            }),
        ),
        (
            replace("\"found\": 4", "\"found\": 4, \"mark\": \"comma\""),
            None,
        ),
        (
            replace("\"kind\": \"long_row\"", "\"kind\": \"lång_rad\""),
            Some(ErrorKind::Unknown {
                found: "lång_rad".into(),
                expected: String::new(),
            }),
        ),
    ];
    for (file, want) in cases {
        match (read_workspace_file(&file), want) {
            (Ok(read), None) => assert_eq!(
                read.sheets[0].table.diagnostics,
                ws.sheets[0].table.diagnostics
            ),
            (Err(e), Some(ErrorKind::Unknown { found, .. })) => {
                assert!(
                    matches!(&e.kind, ErrorKind::Unknown { found: f, expected }
                        if *f == found && expected.contains("long_row")),
                    "{e:?}"
                );
                assert_eq!(path(&e), format!("{at}.kind"));
            }
            (Err(e), Some(kind)) => {
                assert_eq!(e.kind, kind);
                assert_eq!(path(&e), at);
            }
            (got, want) => panic!("got {got:?}, want {want:?}"),
        }
    }
}
