//! The documentation of the workspace file matches the writer:
//!
//! - every key the writer writes (for every seed table, with edits, every
//!   kind of diagnostic and computed errors) is in the JSON Schema
//!   (`docs/kalkyl-workspace.schema.json`), every key the schema requires is
//!   written, and every name written is one of the schema's `enum`s: a
//!   small structural check, not a full validator;
//! - every key of the schema is named in `docs/file-format.md`;
//! - the example in `docs/file-format.md` is exactly what the writer writes
//!   for it, and the version 1 example there is the checked-in one.

mod support;

use kalkyl_core::diagnostics::{Diagnostic, DiagnosticKind};
use kalkyl_core::edit::Command;
use kalkyl_core::file::{read_workspace_file, write_workspace_file};
use kalkyl_core::followup::{sheet_tables, FollowUp, MatchOverride, MatchTarget, RowRef};
use kalkyl_core::model::{Cell, Role, SignConvention};
use kalkyl_core::number::{DecimalMark, Unit};
use kalkyl_core::workspace::Workspace;
use rust_decimal::Decimal;
use serde_json::Value;
use support::fixture::load_all;

fn docs(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Follows `$ref`s and flattens `oneOf`/`anyOf` into the schemas a value
/// may match.
fn candidates<'v>(schema: &'v Value, root: &'v Value, out: &mut Vec<&'v Value>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local ref");
        let target = root
            .get("$defs")
            .and_then(|d| d.get(name))
            .unwrap_or_else(|| panic!("no $defs/{name}"));
        return candidates(target, root, out);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alternatives)) = schema.get(key) {
            for a in alternatives {
                candidates(a, root, out);
            }
            return;
        }
    }
    out.push(schema);
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether one schema (no `$ref`, no `oneOf`) accepts a value's type and,
/// for `enum` and `const`, its value.
fn accepts(schema: &Value, v: &Value) -> bool {
    if let Some(Value::Array(names)) = schema.get("enum") {
        return names.contains(v);
    }
    if let Some(c) = schema.get("const") {
        return c == v;
    }
    let t = type_name(v);
    match schema.get("type") {
        Some(Value::String(s)) => s == t || (s == "number" && t == "integer"),
        Some(Value::Array(types)) => types.iter().any(|s| s.as_str() == Some(t)),
        _ => match v {
            Value::Object(_) => schema.get("properties").is_some(),
            Value::Array(_) => schema.get("items").is_some(),
            _ => false,
        },
    }
}

fn check(v: &Value, schema: &Value, root: &Value, path: &str, errors: &mut Vec<String>) {
    let mut all = Vec::new();
    candidates(schema, root, &mut all);
    let fitting: Vec<&Value> = all.into_iter().filter(|s| accepts(s, v)).collect();
    if fitting.is_empty() {
        errors.push(format!("{path}: the schema does not allow {v:?}"));
        return;
    }
    match v {
        Value::Object(members) => {
            for (key, value) in members {
                let sub = fitting
                    .iter()
                    .find_map(|s| s.get("properties").and_then(|p| p.get(key)))
                    .or_else(|| {
                        fitting.iter().find_map(|s| {
                            s.get("additionalProperties")
                                .filter(|a| matches!(a, Value::Object(_)))
                        })
                    });
                match sub {
                    Some(sub) => check(value, sub, root, &format!("{path}.{key}"), errors),
                    None => errors.push(format!("{path}.{key}: not in the schema")),
                }
            }
            for s in &fitting {
                if let Some(Value::Array(required)) = s.get("required") {
                    for r in required {
                        let r = r.as_str().unwrap_or_default();
                        if !members.contains_key(r) {
                            errors.push(format!("{path}: required {r} is not written"));
                        }
                    }
                }
            }
        }
        Value::Array(items) => {
            let Some(item) = fitting.iter().find_map(|s| s.get("items")) else {
                errors.push(format!("{path}: no items schema"));
                return;
            };
            for (i, x) in items.iter().enumerate() {
                check(x, item, root, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

/// Every seed table with edits, plus a table with every kind of diagnostic
/// and computed errors (a run rate over 0 months divides by zero).
fn rich_workspace() -> Workspace {
    let mut ws = Workspace {
        follow_ups: Vec::new(),
        name: "Alla".into(),
        ..Workspace::default()
    };
    for f in load_all() {
        let id = ws.add_paste(&f.paste, None);
        let sheet = ws.sheet_mut(id).expect("sheet");
        let _ = sheet.apply(&Command::SetCell {
            row: 0,
            column: sheet.table.columns.len() - 1,
            cell: Cell::Text("ändrad".into()),
        });
        let _ = sheet.apply(&Command::SetRowForecastMethod {
            row: 0,
            method: Some(kalkyl_core::model::ForecastMethod::Manual),
        });
    }
    let id = ws.add_paste(
        "Uppdrag\tUtfall\tBudget\tÅrsbudget\tUtfall 2020\nA\t-1\t-2\t-6\t-1\nB\t2\t0\t0\t0\n",
        None,
    );
    let sheet = ws.sheet_mut(id).expect("sheet");
    sheet.source.html = Some("<table><tr><td>x</td></tr></table>".into());
    sheet.table.months = Some(0);
    sheet.choices.unit = Some(Some(Unit::Tkr));
    sheet.choices.decimal_marks.insert(1, DecimalMark::Point);
    sheet.choices.roles.insert(2, Role::Budget);
    sheet.choices.splits.insert(0, 1);
    let kinds = [
        DiagnosticKind::ReadAsText {
            reason_en: "e".into(),
            reason_sv: "s".into(),
        },
        DiagnosticKind::GuessedDecimalMark {
            mark: DecimalMark::Comma,
        },
        DiagnosticKind::ContradictingDecimalMark {
            mark: DecimalMark::Point,
        },
        DiagnosticKind::GuessedRole { role: Role::Other },
        DiagnosticKind::UnitConverted {
            from: Unit::Kr,
            to: Unit::Tkr,
        },
        DiagnosticKind::UnitNotConvertible {
            from: Unit::Kr,
            to: Unit::Mdkr,
        },
        DiagnosticKind::UnitUnknown,
        DiagnosticKind::PercentMismatch,
        DiagnosticKind::ShortRow {
            expected: 3,
            found: 2,
        },
        DiagnosticKind::LongRow {
            expected: 3,
            found: 4,
        },
        DiagnosticKind::AmbiguousSplit { candidates: 2 },
        DiagnosticKind::UnsplittableLine,
        DiagnosticKind::TitleTaken,
        DiagnosticKind::Layout {
            what_en: "e".into(),
            what_sv: "s".into(),
        },
        DiagnosticKind::Source {
            what_en: "e".into(),
            what_sv: "s".into(),
        },
    ];
    sheet.table.diagnostics = kinds
        .into_iter()
        .map(|kind| Diagnostic {
            row: Some(0),
            column: None,
            line: Some(2),
            seen: "x".into(),
            kind,
        })
        .collect();
    sheet.table.rows[0].cells[1] = Cell::Number(Decimal::MAX);
    sheet.table.rows[1].cells[1] = Cell::Number(Decimal::MAX);
    // A follow-up of every table, with a convention and both kinds of match.
    let mut follow_up = FollowUp::from_sheets("Året", &sheet_tables(&ws));
    follow_up.reports[0].convention = Some(SignConvention::BudgetMinusOutcome);
    for (row, label, target) in [
        (0, "A", MatchTarget::Row { label: "B".into() }),
        (1, "B", MatchTarget::Unmatched),
    ] {
        follow_up.set_match(MatchOverride {
            sheet: id,
            rows: vec![RowRef {
                row,
                label: label.into(),
            }],
            target,
        });
    }
    ws.follow_ups.push(follow_up);
    ws
}

#[test]
fn every_written_key_is_in_the_schema() {
    let schema_text = docs("kalkyl-workspace.schema.json");
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let text = write_workspace_file(&rich_workspace(), Some("2026-11-23T10:15:00Z"));
    assert!(text.contains("\"division_by_zero\"") && text.contains("\"overflow\""));
    let file: Value = serde_json::from_str(&text).expect("json");
    let mut errors = Vec::new();
    check(&file, &schema, &schema, "$", &mut errors);
    errors.dedup();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The check itself finds keys the schema lacks.
    let mut errors = Vec::new();
    let extra_text = text.replacen("\"settings\": {}", "\"settings\": {\"x\": 1}", 1);
    let extra: Value = serde_json::from_str(&extra_text).expect("json");
    check(&extra, &schema, &schema, "$", &mut errors);
    assert_eq!(errors, vec!["$.settings.x: not in the schema".to_string()]);
}

/// Every property name in the schema.
fn schema_keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(members) => {
            for (k, x) in members {
                if k == "properties" {
                    if let Value::Object(props) = x {
                        out.extend(props.keys().cloned());
                    }
                }
                schema_keys(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| schema_keys(x, out)),
        _ => {}
    }
}

#[test]
fn every_schema_key_is_documented() {
    let schema_text = docs("kalkyl-workspace.schema.json");
    let schema: Value = serde_json::from_str(&schema_text).expect("json");
    let page = docs("file-format.md");
    let mut keys = std::collections::BTreeSet::new();
    schema_keys(&schema, &mut keys);
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !page.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/file-format.md: {missing:?}"
    );
}

/// The text of the fenced block after a marker line in the page.
fn block_after<'a>(page: &'a str, marker: &str) -> &'a str {
    let at = page.find(marker).unwrap_or_else(|| panic!("{marker}"));
    let rest = &page[at..];
    let start = rest.find("```json\n").expect("block") + "```json\n".len();
    let end = rest[start..].find("```").expect("end of block");
    &rest[start..start + end]
}

#[test]
fn the_documented_examples_are_what_kalkyl_writes_and_reads() {
    let page = docs("file-format.md");
    let mut ws = Workspace {
        follow_ups: Vec::new(),
        name: "Delårsrapport april".into(),
        ..Workspace::default()
    };
    let id = ws.add_paste(
        "Resultat januari - april, mnkr\nUppdrag\tUtfall\tBudget\tAvvikelse\nRegionkontoret*\t-297,2\t-305,0\t7,8\nHälso- och sjukvård, varav\t-1 864,1\t-1 900,0\t35,9\n- Vårdval Hälsoval\t-420,3\t-410,0\t-10,3\nSumma\t-2 161,3\t-2 205,0\t43,7\n",
        None,
    );
    ws.sheet_mut(id)
        .expect("sheet")
        .apply(&Command::SetCell {
            row: 0,
            column: 1,
            cell: Cell::Number(Decimal::new(-2900, 1)),
        })
        .expect("edit");
    let written = write_workspace_file(&ws, Some("2026-11-23T10:15:00Z"));
    assert_eq!(block_after(&page, "<!-- example v3 -->"), written);
    let v1 = block_after(&page, "<!-- example v1 -->");
    let checked_in = include_str!("fixtures/files/v1-example.json");
    assert_eq!(v1, checked_in);
    assert!(read_workspace_file(v1).is_ok());
}
