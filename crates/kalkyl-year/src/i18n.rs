//! Every user-visible text of the year view, one table per language. The
//! heading above it and the button that makes a follow-up are the app's
//! (`src/i18n.rs`): they are on the first screen.

use kalkyl_core::lang::Lang;

/// The texts of the follow-up view (`view.rs`) in one language.
#[allow(missing_docs)]
pub struct FollowUpTexts {
    pub default_name: &'static str,
    pub remove: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub reports: &'static str,
    pub add_report: &'static str,
    pub kind: &'static str,
    pub months: &'static str,
    pub months_invalid: &'static str,
    pub earlier: &'static str,
    pub later: &'static str,
    pub remove_report: &'static str,
    pub budget_changed: &'static str,
    pub year: &'static str,
    pub row: &'static str,
    pub total: &'static str,
    pub unmatched: &'static str,
    pub match_to: &'static str,
    pub leave_unmatched: &'static str,
    pub matched: &'static str,
    pub matched_hint: &'static str,
    pub export_csv_sv: &'static str,
    pub export_csv: &'static str,
    pub copy_table: &'static str,
    pub exported: &'static str,
    pub download_failed: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub charts: &'static str,
    pub chart_row: &'static str,
}

const FOLLOW_UP_SV: FollowUpTexts = FollowUpTexts {
    default_name: "Uppföljning",
    remove: "Ta bort uppföljningen",
    undo: "Ångra i uppföljningen",
    redo: "Gör om",
    reports: "Rapporter i årets ordning",
    add_report: "Lägg till tabell:",
    kind: "Slag",
    months: "Månader",
    months_invalid: "Ange antal månader 1–12, eller lämna tomt om det inte är känt.",
    earlier: "Flytta tidigare",
    later: "Flytta senare",
    remove_report: "Ta bort ur uppföljningen",
    budget_changed: "Budgeten ändrades i denna rapport",
    year: "Året",
    row: "Rad",
    total: "Summa",
    unmatched: "Rader utan motsvarighet",
    match_to: "Lägg till i raden",
    leave_unmatched: "(ingen, lämna utanför)",
    matched: "Matchade rader",
    matched_hint: "Varje rapportrad och raden i uppföljningen den räknas till. Flytta en rad till en annan rad eller lämna den utanför.",
    export_csv_sv: "CSV för Excel (svenska)",
    export_csv: "CSV (internationell)",
    copy_table: "Kopiera tabellen",
    exported: "Sparade {name}.",
    download_failed: "Webbläsaren tillät inte att filen sparades.",
    copied: "Tabellen är kopierad, med formatering för Word och Outlook.",
    copy_failed: "Webbläsaren tillät inte kopiering. Markera cellerna och tryck Ctrl+C.",
    charts: "Diagram",
    chart_row: "Visa radens prognoser först i diagrammet",
};

const FOLLOW_UP_EN: FollowUpTexts = FollowUpTexts {
    default_name: "Follow-up",
    remove: "Remove the follow-up",
    undo: "Undo in the follow-up",
    redo: "Redo",
    reports: "Reports in the order of the year",
    add_report: "Add table:",
    kind: "Kind",
    months: "Months",
    months_invalid: "Enter the number of months 1–12, or leave it empty if unknown.",
    earlier: "Move earlier",
    later: "Move later",
    remove_report: "Remove from the follow-up",
    budget_changed: "The budget changed in this report",
    year: "The year",
    row: "Row",
    total: "Total",
    unmatched: "Rows without a match",
    match_to: "Add to the row",
    leave_unmatched: "(none, leave out)",
    matched: "Matched rows",
    matched_hint: "Each report row and the follow-up row it counts in. Move a row to another row or leave it out.",
    export_csv_sv: "CSV for Excel (Swedish)",
    export_csv: "CSV (international)",
    copy_table: "Copy the table",
    exported: "Saved {name}.",
    download_failed: "The browser did not allow the file to be saved.",
    copied: "The table is copied, formatted for Word and Outlook.",
    copy_failed: "The browser did not allow copying. Select the cells and press Ctrl+C.",
    charts: "Charts",
    chart_row: "Show the row's forecasts first in the chart",
};

/// The follow-up view's texts for a language.
pub fn follow_up_texts(lang: Lang) -> &'static FollowUpTexts {
    match lang {
        Lang::Sv => &FOLLOW_UP_SV,
        Lang::En => &FOLLOW_UP_EN,
    }
}
