//! The year in one view, loaded on demand: its heading and the button that
//! makes a follow-up are here (on the first screen); the view itself is a
//! WebAssembly module of its own (`crates/kalkyl-year`, about as large as
//! the rest of the app together), loaded by `year.js` the first time the
//! user asks for a follow-up or the workspace has one.
//!
//! The modules pass text. This one gives the view the workspace in its
//! stored form after every change while there are follow-ups (so an edit in
//! a sheet reaches the follow-up), and takes back the follow-ups the user
//! changed there as JSON, into the workspace, which autosave then keeps.
//! Nothing here computes a follow-up: `kalkyl_core::followup::compute`
//! is linked only into the year module.

use std::fmt::Write as _;

use kalkyl_core::file::{export_file_name, write_sheet_store_pieces, write_workspace_store};
use kalkyl_core::followup::FollowUp;
use kalkyl_core::lang::Lang;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::browser;
use crate::dom;
use crate::grid::push_escaped;
use crate::i18n::texts;
use crate::state::Ctx;
use crate::storage::joined_text;

#[wasm_bindgen(module = "/src/year.js")]
extern "C" {
    /// Loads the year module and mounts its view into `slot` in language
    /// `lang`; resolves with the view. `on_change` is called with the
    /// follow-ups as JSON whenever the user changes them there; the view
    /// saves and copies its table with `download(stem, ext, mime, text)`
    /// (the file's name, empty if the browser refused) and `copy(html,
    /// plain)` (whether it did).
    fn year_load(
        slot: &Element,
        lang: &str,
        on_change: &JsValue,
        download: &JsValue,
        copy: &JsValue,
    ) -> js_sys::Promise;

    /// Loads the module once (later calls share the load; a failed one
    /// may be tried again) and resolves with its exports.
    fn year_import() -> js_sys::Promise;

    /// The charts of the one table in `workspace` (the stored form of one
    /// sheet), drawn by the loaded module `year`: HTML, empty when the
    /// table has nothing to chart.
    fn year_charts(year: &JsValue, workspace: &JsValue, lang: &str) -> String;

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

/// How long after a change the workspace goes to the view, in
/// milliseconds: edits made together are sent once.
const SEND_AFTER_MS: i32 = 50;

/// Where the year module is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Idle,
    Loading,
    Ready,
    Failed,
}

/// Draws the year view's section into `parent`: the heading, the button
/// that makes a follow-up and the slot the module mounts into.
pub fn mount(parent: &Element, ctx: Ctx, lang: ReadSignal<Lang>) {
    let workspace = ctx.workspace;
    let section = dom::element(
        parent,
        "section",
        &[("class", "follow-ups"), ("data-testid", "follow-ups")],
    );
    dom::bind_attr(&section, "hidden", move || {
        workspace.with(|w| w.sheets.is_empty()).then(String::new)
    });
    let load = RwSignal::new(Load::Idle);
    let head = dom::element(&section, "div", &[]);
    dom::bind_html(&head, move || {
        let t = texts(lang.get());
        let mut out = String::from("<div class=\"follow-ups-head\"><h2>");
        push_escaped(&mut out, t.year_title);
        out.push_str("</h2><button type=\"button\" class=\"secondary\" data-act=\"year-create\" data-testid=\"follow-up-create\">");
        push_escaped(&mut out, t.year_create);
        out.push_str("</button></div><p class=\"hint\">");
        push_escaped(&mut out, t.year_intro);
        out.push_str("</p>");
        let status = match load.get() {
            Load::Loading => Some(t.year_loading),
            Load::Failed => Some(t.year_failed),
            Load::Idle | Load::Ready => None,
        };
        if let Some(status) = status {
            let _ = write!(
                out,
                "<p class=\"hint\" role=\"status\" data-testid=\"year-status\">"
            );
            push_escaped(&mut out, status);
            out.push_str("</p>");
        }
        out
    });
    let slot = StoredValue::new_local(dom::element(&section, "div", &[]));
    let module = StoredValue::new_local(None::<YearModule>);
    // A follow-up was asked for before the module was there.
    let create_wanted = StoredValue::new_local(false);

    // The follow-ups the user changed in the view, into the workspace.
    let on_change =
        Closure::<dyn FnMut(String)>::new(move |json: String| {
            match serde_json::from_str::<Vec<FollowUp>>(&json) {
                Ok(list) => workspace.maybe_update(|w| {
                    let changed = w.follow_ups != list;
                    if changed {
                        w.follow_ups = list;
                    }
                    changed
                }),
                Err(e) => web_sys::console::error_1(&e.to_string().into()),
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
    let timer = StoredValue::new_local(None::<i32>);
    let send_soon = move || {
        if timer.with_value(Option::is_some) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let fire = dom::once(move || {
            timer.set_value(None);
            send();
        });
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                fire.unchecked_ref(),
                SEND_AFTER_MS,
            )
            .ok();
        timer.set_value(handle);
    };
    let start = move || {
        if matches!(load.get_untracked(), Load::Loading | Load::Ready) {
            return;
        }
        load.set(Load::Loading);
        let promise = slot.with_value(|slot| {
            on_change.with_value(|f| {
                effects.with_value(|(download, copy)| {
                    year_load(slot, lang.get_untracked().tag(), f, download, copy)
                })
            })
        });
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(promise).await {
                Ok(view) => {
                    module.set_value(Some(view.unchecked_into()));
                    send();
                    if std::mem::take(&mut *create_wanted.write_value()) {
                        module.with_value(|m| m.as_ref().map(YearModule::create));
                    }
                    load.set(Load::Ready);
                }
                Err(e) => {
                    web_sys::console::error_1(&e);
                    load.set(Load::Failed);
                }
            }
        });
    };
    dom::on(&head, "click", move |ev| {
        let act = dom::target_element(&ev).and_then(|el| el.closest("[data-act]").ok().flatten());
        if act.and_then(|el| el.get_attribute("data-act")).as_deref() != Some("year-create") {
            return;
        }
        if load.get_untracked() == Load::Ready {
            send();
            module.with_value(|m| m.as_ref().map(YearModule::create));
        } else {
            create_wanted.set_value(true);
            start();
        }
    });
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
        workspace.track();
        if load.get() == Load::Ready && (has_follow_ups.get_untracked() || shown.get_value()) {
            send_soon();
        }
    });
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if load.get() == Load::Ready {
            module.with_value(|m| m.as_ref().map(|m| m.set_lang(tag)));
        }
    });
}

/// Where the on-demand module is, for the table charts.
#[derive(Clone)]
enum Module {
    Idle,
    Loading,
    Ready(JsValue),
    Failed,
}

/// A table's charts, drawn by the on-demand module: the chart code (about
/// 5 KiB gzip) is not in the first load, which has no room for it.
#[derive(Clone, Copy)]
pub struct Charts {
    module: RwSignal<Module, LocalStorage>,
}

/// What [`Charts::draw`] gives.
pub enum Drawn {
    /// The module is loading.
    Loading,
    /// The module could not be loaded.
    Failed,
    /// The charts' HTML; empty when the table has nothing to chart.
    Html(String),
}

impl Charts {
    /// Nothing loaded yet.
    pub fn new() -> Charts {
        Charts {
            module: RwSignal::new_local(Module::Idle),
        }
    }

    /// The charts of sheet `id` of `ws`. Starts loading the module the
    /// first time; tracks its state, so a reactive caller draws again
    /// once it is there.
    pub fn draw(self, ws: &Workspace, id: u64, lang: Lang) -> Drawn {
        match self.module.get() {
            Module::Idle => {
                self.load();
                Drawn::Loading
            }
            Module::Loading => Drawn::Loading,
            Module::Failed => Drawn::Failed,
            Module::Ready(year) => match write_sheet_store_pieces(ws, id) {
                Some(pieces) => Drawn::Html(year_charts(&year, &joined_text(&pieces), lang.tag())),
                None => Drawn::Failed,
            },
        }
    }

    /// Loads the module (again, after a failure).
    pub fn load(self) {
        self.module.set(Module::Loading);
        wasm_bindgen_futures::spawn_local(async move {
            let state = match JsFuture::from(year_import()).await {
                Ok(year) => Module::Ready(year),
                Err(e) => {
                    web_sys::console::error_1(&e);
                    Module::Failed
                }
            };
            self.module.set(state);
        });
    }
}
