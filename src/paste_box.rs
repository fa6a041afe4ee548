//! The paste box, as a Leptos component: a visible place for typed,
//! dropped or pasted text, read on demand. Once a table exists it folds
//! into a button (a paste anywhere still reads a table), so that the tables
//! start near the top of the screen.

use kalkyl_core::lang::Lang;
use leptos::html::Textarea;
use leptos::prelude::*;

use crate::i18n::texts;
use crate::state::Ctx;

/// The paste box; `on_read` reads the text as a pasted table.
#[component]
pub fn PasteBox(
    ctx: Ctx,
    lang: ReadSignal<Lang>,
    on_read: impl Fn(String, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = move || texts(lang.get());
    let message = RwSignal::new(None::<&'static str>);
    let unfolded = RwSignal::new(false);
    let has_tables = Memo::new(move |_| ctx.workspace.with(|w| !w.sheets.is_empty()));
    let folded = move || has_tables.get() && !unfolded.get();
    let area = NodeRef::<Textarea>::new();
    let unfold = move |_| {
        unfolded.set(true);
        if let Some(area) = area.get_untracked() {
            let _ = area.focus();
        }
    };
    let apply = move |_| {
        let Some(area) = area.get_untracked() else {
            return;
        };
        let value = area.value();
        if value.trim().is_empty() {
            message.set(Some(texts(lang.get_untracked()).paste_empty));
            return;
        }
        message.set(None);
        on_read(value, None);
        area.set_value("");
        unfolded.set(false);
    };
    view! {
        <section class="paste-box">
            <button
                type="button"
                class="secondary paste-unfold"
                data-testid="paste-unfold"
                hidden=move || !folded()
                on:click=unfold
            >
                {move || t().paste_unfold}
            </button>
            <label for="paste-text" hidden=folded>
                {move || t().paste_box_label}
            </label>
            <textarea
                id="paste-text"
                data-testid="paste-text"
                rows="4"
                spellcheck="false"
                placeholder=move || t().paste_box_placeholder.replace("\\t", "  ")
                hidden=folded
                node_ref=area
            ></textarea>
            <div class="paste-actions" hidden=folded>
                <button type="button" data-testid="paste-apply" on:click=apply>
                    {move || t().paste_apply}
                </button>
                <span class="paste-message" role="status">
                    {move || message.get()}
                </span>
            </div>
        </section>
    }
}
