//! The application shell: header, language switch, workspace area, status.

use kalkyl_core::lang::Lang;
use leptos::prelude::*;

use crate::browser::{self, OfflineStatus};
use crate::i18n::texts;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(browser::stored_lang().unwrap_or_default());
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_lang(lang);
        browser::store_lang(lang);
    });
    let offline = browser::offline_status();
    let t = move || texts(lang.get());

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"Kalkyl"</span>
                <span class="brand-tagline">{move || t().app_tagline}</span>
            </div>
            <LanguageSwitch lang set_lang />
        </header>
        <main class="workspace" data-testid="workspace">
            <section class="empty-state" data-testid="empty-state">
                <h1>{move || t().empty_title}</h1>
                <p>{move || t().empty_line_1}</p>
                <p>{move || t().empty_line_2}</p>
            </section>
        </main>
        <footer class="app-footer">
            <span class="privacy">{move || t().privacy_note}</span>
            <span
                class="offline-status"
                data-testid="offline-status"
                data-state=move || offline.get().as_str()
            >
                {move || match offline.get() {
                    OfflineStatus::Ready => t().offline_ready,
                    OfflineStatus::Pending => t().offline_pending,
                    OfflineStatus::Unavailable => t().offline_unavailable,
                }}
            </span>
        </footer>
    }
}

/// Two buttons, one per language; the current one is pressed.
#[component]
fn LanguageSwitch(lang: ReadSignal<Lang>, set_lang: WriteSignal<Lang>) -> impl IntoView {
    let button = move |choice: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                lang=choice.tag()
                data-testid=format!("lang-{}", choice.tag())
                aria-pressed=move || (lang.get() == choice).to_string()
                on:click=move |_| set_lang.set(choice)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="language-switch" role="group" aria-label=move || texts(lang.get()).language_label>
            {button(Lang::Sv, "Svenska")}
            {button(Lang::En, "English")}
        </div>
    }
}
