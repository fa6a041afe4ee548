//! What a column of a table holds: its role.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// What a column holds. The names are the stable ones used in the JSON
/// workspace file (`tables[].columns[].role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The row label: "Uppdrag", "Investering", "Konto", "Belopp i mnkr".
    Label,
    /// Outcome (actuals), often accumulated for the period: "Utfall", "Ack. utfall".
    Outcome,
    /// Budget for the same period as the outcome: "Budget", "Ack. budget".
    Budget,
    /// Budget for the whole year: "Årsbudget", "Helårsbudget", and "Budget
    /// 2021" in a table that covers part of the year.
    AnnualBudget,
    /// Full-year forecast: "Årsprognos", "Prognos".
    Forecast,
    /// Outcome of the previous year: "Utfall 2020", "Ack utfall föregående år".
    PriorOutcome,
    /// The forecast deviation stated in the previous report:
    /// "Budgetavvikelse prognos april".
    PreviousForecast,
    /// A deviation the report states, to be recomputed and checked:
    /// "Avvikelse", "Budgetavvikelse", "Utfallsavvikelse".
    StatedVariance,
    /// A percentage the report states: "Avvikelsen i % av årsbudget", "Förändring %".
    StatedPercent,
    /// An investment project's whole budget over several years.
    TotalBudget,
    /// Text that is not a label: "Re/ny".
    Text,
    /// A numeric column Kalkyl keeps and shows but does not compute with:
    /// "Omsättning", counts.
    Other,
}

impl Role {
    /// Every role, in the order a role menu shows them.
    pub const ALL: [Role; 12] = [
        Role::Label,
        Role::Outcome,
        Role::Budget,
        Role::AnnualBudget,
        Role::Forecast,
        Role::PriorOutcome,
        Role::PreviousForecast,
        Role::StatedVariance,
        Role::StatedPercent,
        Role::TotalBudget,
        Role::Text,
        Role::Other,
    ];

    /// The stable name used in files: `annual_budget`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Label => "label",
            Role::Outcome => "outcome",
            Role::Budget => "budget",
            Role::AnnualBudget => "annual_budget",
            Role::Forecast => "forecast",
            Role::PriorOutcome => "prior_outcome",
            Role::PreviousForecast => "previous_forecast",
            Role::StatedVariance => "stated_variance",
            Role::StatedPercent => "stated_percent",
            Role::TotalBudget => "total_budget",
            Role::Text => "text",
            Role::Other => "other",
        }
    }

    /// Reads a stable name back.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The name a user sees.
    pub fn name(self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            Role::Label => ("Benämning", "Label"),
            Role::Outcome => ("Utfall", "Outcome"),
            Role::Budget => ("Budget", "Budget"),
            Role::AnnualBudget => ("Årsbudget", "Annual budget"),
            Role::Forecast => ("Prognos", "Forecast"),
            Role::PriorOutcome => ("Utfall föregående år", "Prior-year outcome"),
            Role::PreviousForecast => ("Föregående prognos", "Previous forecast"),
            Role::StatedVariance => ("Angiven avvikelse", "Stated deviation"),
            Role::StatedPercent => ("Angiven procent", "Stated percentage"),
            Role::TotalBudget => ("Total projektbudget", "Total project budget"),
            Role::Text => ("Text", "Text"),
            Role::Other => ("Övrigt tal", "Other number"),
        };
        lang.pick(sv, en)
    }

    /// Whether the column's cells are numbers (everything but label and text).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Role::Label | Role::Text)
    }

    /// Whether the column holds amounts in the table's unit (numeric, and not
    /// a percentage).
    pub fn is_amount(self) -> bool {
        self.is_numeric() && self != Role::StatedPercent
    }
}
