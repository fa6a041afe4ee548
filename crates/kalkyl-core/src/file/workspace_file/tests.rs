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
