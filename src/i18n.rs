//! Every text the app shows, in one place per language.

use kalkyl_core::lang::Lang;

/// The user-visible texts of the app in one language.
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
};

/// The texts for a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}
