use super::*;
use crate::calc::{ForecastBasis, Status};

#[test]
fn names_written_by_serde_are_the_keys_the_app_uses() {
    fn name<T: Serialize>(v: T) -> String {
        serde_json::to_string(&v).unwrap_or_default()
    }
    for r in Role::ALL {
        assert_eq!(name(r), format!("\"{}\"", r.key()));
    }
    for k in [
        RowKind::Heading,
        RowKind::Item,
        RowKind::Subtotal,
        RowKind::Total,
    ] {
        assert_eq!(name(k), format!("\"{}\"", k.key()));
    }
    for f in Figure::ALL {
        assert_eq!(name(f), format!("\"{}\"", f.key()));
    }
    for k in [
        CheckKind::TotalMismatch,
        CheckKind::VarianceMismatch,
        CheckKind::PercentMismatch,
        CheckKind::SignSuspect,
    ] {
        assert_eq!(name(k), format!("\"{}\"", k.key()));
    }
    let units: Vec<String> = Unit::ALL.iter().map(name).collect();
    let choices: Vec<String> = UNIT_CHOICES[1..]
        .iter()
        .map(|u| format!("\"{u}\""))
        .collect();
    assert_eq!(units, choices);
    for u in Unit::ALL {
        assert_eq!(name(u), format!("\"{}\"", u.symbol()));
    }
    assert_eq!(
        name(ForecastBasis::FullYearOutcome),
        "\"full_year_outcome\""
    );
    assert_eq!(name(Status::Acceptable), "\"acceptable\"");
}

/// The file's kind names and facts are `DiagnosticKind`'s own serde names:
/// written flat through [`DiagnosticFile`], every kind gives the JSON of
/// the enum's serde form (`{"name": {facts}}` or `"name"`) with the name
/// moved in beside the facts as `kind`.
#[test]
fn diagnostic_kinds_are_written_with_the_enums_own_names() {
    use DiagnosticKind as K;
    let text = || "x".to_string();
    let kinds = [
        K::ReadAsText {
            reason_en: text(),
            reason_sv: text(),
        },
        K::GuessedDecimalMark {
            mark: DecimalMark::Comma,
        },
        K::ContradictingDecimalMark {
            mark: DecimalMark::Point,
        },
        K::GuessedRole {
            role: Role::Forecast,
        },
        K::UnitConverted {
            from: Unit::Tkr,
            to: Unit::Mnkr,
        },
        K::UnitNotConvertible {
            from: Unit::Kr,
            to: Unit::Mdkr,
        },
        K::UnitUnknown,
        K::PercentMismatch,
        K::ShortRow {
            expected: 4,
            found: 2,
        },
        K::LongRow {
            expected: 4,
            found: 6,
        },
        K::AmbiguousSplit { candidates: 3 },
        K::UnsplittableLine,
        K::TitleTaken,
        K::Layout {
            what_en: text(),
            what_sv: text(),
        },
        K::Source {
            what_en: text(),
            what_sv: text(),
        },
    ];
    for kind in &kinds {
        let file = DiagnosticFile::of_kind(kind);
        let flat = serde_json::to_value(&file).unwrap_or_default();
        let mut tagged = match serde_json::to_value(kind).unwrap_or_default() {
            serde_json::Value::String(name) => serde_json::json!({ "kind": name }),
            serde_json::Value::Object(outer) => {
                let (name, facts) = outer.into_iter().next().unwrap_or_default();
                let mut facts = facts;
                if let Some(map) = facts.as_object_mut() {
                    map.insert("kind".into(), name.into());
                }
                facts
            }
            other => other,
        };
        if let Some(map) = tagged.as_object_mut() {
            for key in ["row", "column", "line", "seen"] {
                map.insert(key.into(), flat[key].clone());
            }
        }
        assert_eq!(flat, tagged, "{kind:?}");
    }
}

#[test]
fn the_stored_form_in_pieces_reads_back_as_the_workspace() {
    // Labels with letters outside ASCII, so that pieces end between
    // characters of several bytes too.
    let mut text = String::from("Enhet\tUtfall\tBudget");
    for i in 0..40_000 {
        text.push_str(&format!("\nČiekčá ŋšŧž {i}\t{},5\t-{}", i * 7, i * 3));
    }
    let mut ws = Workspace::default();
    ws.add_paste(&text, None);
    let pieces = write_workspace_store_pieces(&ws, Some("2026-12-06T03:00:00Z")).expect("written");
    assert!(pieces.len() > 2, "{} pieces", pieces.len());
    // Only the pasted source, written at once, makes a longer piece.
    let piece = super::super::layout::PIECE;
    let long: Vec<usize> = pieces
        .iter()
        .map(String::len)
        .filter(|&n| n > piece)
        .collect();
    assert!(long.len() <= 1, "long pieces {long:?}");
    assert!(long.iter().all(|&n| n <= text.len() + piece), "{long:?}");
    let joined = pieces.concat();
    assert_eq!(
        joined,
        write_workspace_store(&ws, Some("2026-12-06T03:00:00Z"))
    );
    let back = read_workspace_file(&joined).expect("reads back");
    assert_eq!(
        write_workspace_store(&back, Some("2026-12-06T03:00:00Z")),
        joined
    );
}
