//! What kind of report a table comes from, and the months it covers,
//! proposed from its headings and title (the user can change both).

use crate::latin;
use crate::model::{Role, Table};
use crate::read::headings::months_of;

use super::ReportKind;

/// A proposed kind and period for a report's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    /// The kind of report.
    pub kind: ReportKind,
    /// Months covered: 12 for an annual report, the months of the outcome
    /// so far for a follow-up when the table says ("jan–aug", "Utfall 8
    /// mån"), `None` for a plan or when the table does not say.
    pub months: Option<u8>,
}

/// Whether a heading names a forecast or its deviation ("Årsprognos",
/// "Prognostiserad avvikelse mot budget", "Budgetavvikelse prognos april").
pub(crate) fn names_forecast(heading: &str) -> bool {
    latin::lowercase(heading).contains("prognos")
}

/// Proposes a report's kind and months from a table:
///
/// - a forecast, or a stated deviation of one, makes it a follow-up (a
///   plan has no forecast, and an annual report's forecast is its outcome);
/// - an outcome without a forecast is an annual report, unless the table
///   says it covers fewer than 12 months ("Utfall 8 mån");
/// - budgets alone (or nothing Kalkyl recognises) make a plan.
///
/// The months are the table's own ([`Table::months`]) when 1 to 12, else
/// what its title and headings say ("januari - april", "Helår").
pub fn propose_report(table: &Table) -> Proposal {
    let mut text = table.title.clone().unwrap_or_default();
    for column in &table.columns {
        text.push(' ');
        text.push_str(&column.heading);
    }
    // Zero months (a table's months may be 0) is no period.
    let months = table
        .months
        .filter(|m| (1..=12).contains(m))
        .or_else(|| months_of(&text));
    let forecast = table.columns.iter().any(|c| {
        matches!(c.role, Role::Forecast | Role::PreviousForecast)
            || (c.role == Role::StatedVariance && names_forecast(&c.heading))
    });
    let outcome = table.column_of(Role::Outcome).is_some();
    if forecast {
        return Proposal {
            kind: ReportKind::FollowUp,
            months,
        };
    }
    if outcome {
        return match months {
            Some(m) if m < 12 => Proposal {
                kind: ReportKind::FollowUp,
                months: Some(m),
            },
            _ => Proposal {
                kind: ReportKind::Annual,
                months: Some(12),
            },
        };
    }
    Proposal {
        kind: ReportKind::Plan,
        months: None,
    }
}
