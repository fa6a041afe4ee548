//! The year in one view, loaded on demand: its heading and the button that
//! makes a follow-up are here (on the first screen); the view itself is a
//! WebAssembly module of its own (`crates/kalkyl-year`, about as large as
//! the rest of the app together), loaded by [`crate::on_demand`] the first
//! time the user asks for a follow-up or the workspace has one.
//!
//! The modules share no memory. This one gives the view the workspace in
//! its stored form after every change while there are follow-ups (so an
//! edit in a sheet reaches the follow-up), and takes back the follow-ups the
//! user changed there (`kalkyl_core::handover`), into the workspace, which
//! autosave then keeps.
//! Nothing here computes a follow-up: `kalkyl_core::followup::compute`
//! is linked only into the year module.

use gloo_timers::callback::Timeout;
use kalkyl_core::file::{export_file_name, write_workspace_store};
use kalkyl_core::handover::read_follow_ups;
use kalkyl_core::lang::Lang;
use leptos::prelude::*;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::texts;
use crate::on_demand::{year_view, Module};
use crate::state::Ctx;

#[wasm_bindgen]
extern "C" {
    /// The year module's view (`YearView` in `crates/kalkyl-year`).
    type YearModule;

    /// Takes the workspace in its stored form.
    #[wasm_bindgen(method)]
    fn update(this: &YearModule, workspace: &str);

    /// Shows the view in a language (`sv`, `en`).
    #[wasm_bindgen(method)]
    fn set_lang(this: &YearModule, lang: &str);

    /// Adds a follow-up of every sheet and hands the follow-ups back.
    #[wasm_bindgen(method)]
    fn create(this: &YearModule);
}

/// How long after a change the workspace goes to the view when its tables
/// are large, in milliseconds: edits made together are sent once.
const SEND_AFTER_MS: u32 = 50;

/// Up to this many rows in all tables together, a change goes to the view
/// at once, so that the follow-up shows an edit in the same frame as the
/// grid (a year's reports are tens of rows each; writing and reading them
/// again takes a millisecond or two). Above it, a change waits
/// [`SEND_AFTER_MS`], so that the grid's own update is never held up.
const SEND_AT_ONCE_ROWS: usize = 5_000;

/// The year view's section: the heading, the button that makes a
/// follow-up and the slot the module mounts its view into.
#[component]
pub fn FollowUps(ctx: Ctx, lang: ReadSignal<Lang>) -> impl IntoView {
    let workspace = ctx.workspace;
    // The view was asked for (a follow-up made or shown), and it is there.
    let wanted = RwSignal::new(false);
    let ready = RwSignal::new(false);
    // The module mounts its own view here; Leptos leaves the slot alone.
    let slot = NodeRef::<leptos::html::Div>::new();
    let module = StoredValue::new_local(None::<YearModule>);
    // A follow-up was asked for before the module was there.
    let create_wanted = StoredValue::new_local(false);

    // The follow-ups the user changed in the view, into the workspace.
    let on_change =
        Closure::<dyn FnMut(js_sys::Uint8Array)>::new(move |bytes: js_sys::Uint8Array| {
            let ids: Vec<u64> =
                workspace.with_untracked(|w| w.sheets.iter().map(|s| s.id).collect());
            match read_follow_ups(&bytes.to_vec(), &ids) {
                Some(list) => workspace.maybe_update(|w| {
                    let changed = w.follow_ups != list;
                    if changed {
                        w.follow_ups = list;
                    }
                    changed
                }),
                // A table closed while the view worked: its next hand-over,
                // after the view has the new workspace, is taken.
                None => {
                    web_sys::console::error_1(&"follow-ups not taken from the year view".into())
                }
            }
        });
    // Called for the page's life.
    let on_change = StoredValue::new_local(on_change.into_js_value());
    // The browser effects the view uses, from `browser` like the app's own.
    let download = Closure::<dyn Fn(String, String, String, String) -> String>::new(
        |stem: String, ext: String, mime: String, text: String| {
            let name = export_file_name(&stem, &browser::today_iso(), &ext);
            if browser::download(&name, &mime, &text) {
                name
            } else {
                String::new()
            }
        },
    )
    .into_js_value();
    let copy = Closure::<dyn Fn(String, String) -> bool>::new(|html: String, plain: String| {
        browser::copy_rich(&html, &plain)
    })
    .into_js_value();
    let effects = StoredValue::new_local((download, copy));

    // Whether the view was last given follow-ups to show.
    let shown = StoredValue::new_local(false);
    let send = move || {
        let (text, any) = workspace
            .with_untracked(|w| (write_workspace_store(w, None), !w.follow_ups.is_empty()));
        module.with_value(|m| {
            if let Some(m) = m {
                m.update(&text);
            }
        });
        shown.set_value(any);
    };
    // Changes are sent together a moment later: writing the workspace
    // costs a pass over every table, which must not hold up the grid's
    // own update of an edit.
    let timer = StoredValue::new_local(None::<Timeout>);
    let send_soon = move || {
        if timer.with_value(Option::is_some) {
            return;
        }
        timer.set_value(Some(Timeout::new(SEND_AFTER_MS, move || {
            timer.set_value(None);
            send();
        })));
    };
    let start = move || {
        // Already there, or already waiting for the module.
        let waiting = wanted.get_untracked() && ctx.module.state_untracked() == Module::Loading;
        if ready.get_untracked() || waiting {
            return;
        }
        wanted.set(true);
        ctx.module.then(move |year| {
            let Some(year) = year else { return };
            if ready.get_untracked() {
                return;
            }
            // Mounted before the module can have loaded.
            let Some(slot) = slot.get_untracked() else {
                return;
            };
            let view = on_change.with_value(|f| {
                effects.with_value(|(download, copy)| {
                    year_view(&year, &slot, lang.get_untracked().tag(), f, download, copy)
                })
            });
            module.set_value(Some(view.unchecked_into()));
            send();
            if std::mem::take(&mut *create_wanted.write_value()) {
                module.with_value(|m| m.as_ref().map(YearModule::create));
            }
            ready.set(true);
        });
    };
    let create = move || {
        if ready.get_untracked() {
            send();
            module.with_value(|m| m.as_ref().map(YearModule::create));
        } else {
            create_wanted.set_value(true);
            start();
        }
    };
    // A workspace with follow-ups (restored, opened, or made here) shows
    // them: the module loads, and gets every change of the workspace.
    let has_follow_ups = Memo::new(move |_| workspace.with(|w| !w.follow_ups.is_empty()));
    Effect::new(move |_| {
        if has_follow_ups.get() {
            start();
        }
    });
    // Also when the last follow-up went (another tab's save, an opened
    // file), so that the view does not keep showing it.
    Effect::new(move |_| {
        let rows = workspace.with(|w| w.sheets.iter().map(|s| s.table.rows.len()).sum::<usize>());
        if ready.get() && (has_follow_ups.get_untracked() || shown.get_value()) {
            if rows <= SEND_AT_ONCE_ROWS {
                send();
            } else {
                send_soon();
            }
        }
    });
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if ready.get() {
            module.with_value(|m| m.as_ref().map(|m| m.set_lang(tag)));
        }
    });
    let t = move || texts(lang.get());
    view! {
        <section
            class="follow-ups"
            data-testid="follow-ups"
            hidden=move || workspace.with(|w| w.sheets.is_empty())
        >
            <div class="follow-ups-head">
                <h2>{move || t().year_title}</h2>
                <button
                    type="button"
                    class="secondary"
                    data-testid="follow-up-create"
                    on:click=move |_| create()
                >
                    {move || t().year_create}
                </button>
            </div>
            <p class="hint">{move || t().year_intro}</p>
            {move || {
                let status = match (wanted.get() && !ready.get(), ctx.module.state()) {
                    (true, Module::Failed) => Some(t().year_failed),
                    (true, _) => Some(t().year_loading),
                    (false, _) => None,
                };
                status
                    .map(|status| {
                        view! {
                            <p class="hint" role="status" data-testid="year-status">
                                {status}
                            </p>
                        }
                    })
            }}
            <div node_ref=slot></div>
        </section>
    }
}
