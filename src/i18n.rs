//! Every text the app shows, in one place per language.

use kalkyl_core::lang::Lang;

/// The user-visible texts of the app in one language. A field per text, so
/// a text missing in one language is a compile error.
#[allow(missing_docs)]
pub struct Texts {
    pub app_tagline: &'static str,
    pub language_label: &'static str,
    pub empty_title: &'static str,
    pub empty_line_1: &'static str,
    pub empty_line_2: &'static str,
    pub offline_ready: &'static str,
    pub offline_pending: &'static str,
    pub offline_unavailable: &'static str,
    pub privacy_note: &'static str,
    pub paste_box_label: &'static str,
    pub paste_box_placeholder: &'static str,
    pub paste_apply: &'static str,
    pub paste_empty: &'static str,
    pub tables_label: &'static str,
    pub role_label: &'static str,
    pub mark_label: &'static str,
    pub unit_label: &'static str,
    pub unit_auto: &'static str,
    pub unit_none: &'static str,
    pub months_label: &'static str,
    pub months_unknown: &'static str,
    pub diagnostics_title: &'static str,
    pub no_diagnostics: &'static str,
    pub split_next: &'static str,
    pub read_as_plain: &'static str,
    pub rows_shown: &'static str,
    pub table_caption: &'static str,
}

const SV: Texts = Texts {
    app_tagline: "Budgetuppföljning för controllers",
    language_label: "Språk",
    empty_title: "Klistra in en tabell för att börja",
    empty_line_1: "Kopiera en tabell med utfall och budget från Excel, Word eller en PDF-rapport.",
    empty_line_2:
        "Klistra in den här (Ctrl+V): Kalkyl räknar om avvikelser, prognoser och summor direkt.",
    offline_ready: "Fungerar offline",
    offline_pending: "Förbereder offlineläge …",
    offline_unavailable: "Offlineläge är inte tillgängligt i den här webbläsaren",
    privacy_note: "Allt stannar i din webbläsare: inget skickas till någon server.",
    paste_box_label: "Eller klistra in eller skriv tabellen här",
    paste_box_placeholder: "Uppdrag\tUtfall\tBudget …",
    paste_apply: "Läs in tabellen",
    paste_empty: "Rutan är tom: klistra in en tabell först.",
    tables_label: "Tabeller",
    role_label: "Kolumnens innehåll",
    mark_label: "Decimaltecken",
    unit_label: "Enhet",
    unit_auto: "som inläst",
    unit_none: "ingen",
    months_label: "Månader",
    months_unknown: "okänt",
    diagnostics_title: "Att kontrollera",
    no_diagnostics: "Allt lästes utan osäkerhet.",
    split_next: "Prova nästa delning",
    read_as_plain: "Läs den vanliga texten i stället för HTML",
    rows_shown: "Visar de första {shown} av {total} raderna.",
    table_caption: "Inläst tabell",
};

const EN: Texts = Texts {
    app_tagline: "Budget follow-up for controllers",
    language_label: "Language",
    empty_title: "Paste a table to begin",
    empty_line_1: "Copy a table of outcome and budget from Excel, Word or a PDF report.",
    empty_line_2:
        "Paste it here (Ctrl+V): Kalkyl recomputes deviations, forecasts and totals at once.",
    offline_ready: "Works offline",
    offline_pending: "Preparing offline mode …",
    offline_unavailable: "Offline mode is not available in this browser",
    privacy_note: "Everything stays in your browser: nothing is sent to any server.",
    paste_box_label: "Or paste or type the table here",
    paste_box_placeholder: "Unit\tOutcome\tBudget …",
    paste_apply: "Read the table",
    paste_empty: "The box is empty: paste a table first.",
    tables_label: "Tables",
    role_label: "Column content",
    mark_label: "Decimal mark",
    unit_label: "Unit",
    unit_auto: "as read",
    unit_none: "none",
    months_label: "Months",
    months_unknown: "unknown",
    diagnostics_title: "To check",
    no_diagnostics: "Everything was read without doubt.",
    split_next: "Try the next split",
    read_as_plain: "Read the plain text instead of the HTML",
    rows_shown: "Showing the first {shown} of {total} rows.",
    table_caption: "Table as read",
};

/// The texts for a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
