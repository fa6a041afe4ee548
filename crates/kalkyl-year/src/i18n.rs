//! Every user-visible text of the year view, one table per language. The
//! heading above it and the button that makes a follow-up are the app's
//! (`src/i18n.rs`): they are on the first screen.

use kalkyl_core::lang::Lang;

/// The texts of the follow-up view (`view.rs`) in one language.
#[allow(missing_docs)]
pub struct FollowUpTexts {
    pub default_name: &'static str,
    pub remove: &'static str,
    pub reports: &'static str,
    pub add_report: &'static str,
    pub kind: &'static str,
    pub months: &'static str,
    pub months_short: &'static str,
    pub months_invalid: &'static str,
    pub earlier: &'static str,
    pub later: &'static str,
    pub remove_report: &'static str,
    pub budget: &'static str,
    pub forecast: &'static str,
    pub forecast_change: &'static str,
    pub deviation: &'static str,
    pub deviation_percent: &'static str,
    pub outcome: &'static str,
    pub accuracy: &'static str,
    pub first_within: &'static str,
    pub budget_changed: &'static str,
    pub year: &'static str,
    pub row: &'static str,
    pub total: &'static str,
    pub caption: &'static str,
    pub unmatched: &'static str,
    pub match_to: &'static str,
    pub leave_unmatched: &'static str,
}

const FOLLOW_UP_SV: FollowUpTexts = FollowUpTexts {
    default_name: "Uppföljning",
    remove: "Ta bort uppföljningen",
    reports: "Rapporter i årets ordning",
    add_report: "Lägg till tabell:",
    kind: "Slag",
    months: "Månader",
    months_short: "mån",
    months_invalid: "Ange antal månader 1–12, eller lämna tomt om det inte är känt.",
    earlier: "Flytta tidigare",
    later: "Flytta senare",
    remove_report: "Ta bort ur uppföljningen",
    budget: "Budget",
    forecast: "Prognos",
    forecast_change: "Ändring",
    deviation: "Prognosavvikelse",
    deviation_percent: "Avvikelse % av budget",
    outcome: "Utfall",
    accuracy: "Medelavvikelse",
    first_within: "Först inom gränsen",
    budget_changed: "Budgeten ändrades i denna rapport",
    year: "Året",
    row: "Rad",
    total: "Summa",
    caption: "Budget, prognoser och utfall över året",
    unmatched: "Rader utan motsvarighet",
    match_to: "Lägg till i raden",
    leave_unmatched: "(ingen, lämna utanför)",
};

const FOLLOW_UP_EN: FollowUpTexts = FollowUpTexts {
    default_name: "Follow-up",
    remove: "Remove the follow-up",
    reports: "Reports in the order of the year",
    add_report: "Add table:",
    kind: "Kind",
    months: "Months",
    months_short: "months",
    months_invalid: "Enter the number of months 1–12, or leave it empty if unknown.",
    earlier: "Move earlier",
    later: "Move later",
    remove_report: "Remove from the follow-up",
    budget: "Budget",
    forecast: "Forecast",
    forecast_change: "Change",
    deviation: "Forecast deviation",
    deviation_percent: "Deviation % of budget",
    outcome: "Outcome",
    accuracy: "Mean deviation",
    first_within: "First within threshold",
    budget_changed: "The budget changed in this report",
    year: "The year",
    row: "Row",
    total: "Total",
    caption: "Budget, forecasts and outcome over the year",
    unmatched: "Rows without a match",
    match_to: "Add to the row",
    leave_unmatched: "(none, leave out)",
};

/// The follow-up view's texts for a language.
pub fn follow_up_texts(lang: Lang) -> &'static FollowUpTexts {
    match lang {
        Lang::Sv => &FOLLOW_UP_SV,
        Lang::En => &FOLLOW_UP_EN,
    }
}
