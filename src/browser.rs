//! The only module that touches browser-only effects: storage, the service
//! worker, the document, and the panic screen. Everything here degrades
//! quietly when the browser refuses (private mode, old browser): the app
//! keeps working, and whatever matters to the user is shown, not swallowed.

use kalkyl_core::lang::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "kalkyl.lang";

/// Whether the app is cached for offline use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfflineStatus {
    /// The service worker is installing or not yet controlling the page.
    Pending,
    /// A service worker is active: a reload works without the network.
    Ready,
    /// The browser has no service workers (or refused to register one).
    Unavailable,
}

impl OfflineStatus {
    /// A stable name for `data-state`, used by tests and styles.
    pub fn as_str(self) -> &'static str {
        match self {
            OfflineStatus::Pending => "pending",
            OfflineStatus::Ready => "ready",
            OfflineStatus::Unavailable => "unavailable",
        }
    }
}

/// Shows a panic on the page instead of leaving it blank. The crash panel is
/// static HTML in `index.html`, so it works even when the app is gone.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(detail) = document.get_element_by_id("kalkyl-crash-detail") {
            detail.set_text_content(Some(&message));
        }
        if let Some(panel) = document.get_element_by_id("kalkyl-crash") {
            let _ = panel.remove_attribute("hidden");
        }
    }));
}

/// True when the page's query string has `key=value`.
pub fn query_flag(key: &str, value: &str) -> bool {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return false;
    };
    search
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair.split_once('=') == Some((key, value)))
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language the user chose last time, if storage allows.
pub fn stored_lang() -> Option<Lang> {
    local_storage()?
        .get_item(LANG_KEY)
        .ok()
        .flatten()
        .map(|tag| Lang::from_tag(&tag))
}

/// Remembers the language; a refusing storage only means it is not remembered.
pub fn store_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
}

/// Sets `<html lang>` so screen readers and spell checkers follow the switch.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Registers `sw.js` (generated per build by `tools/postbuild.mjs`), and
/// reports when it controls the page.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // `navigator.serviceWorker` is undefined outside secure contexts.
    if container.is_undefined() {
        return;
    }
    let _ = container.register("./sw.js");
}

/// Calls `handler` with the clipboard's `text/plain` and `text/html` when
/// the user pastes anywhere on the page except into a field being edited
/// (a text box, a select, or an editable element), where pasting keeps its
/// ordinary meaning.
pub fn on_paste_outside_inputs(handler: impl Fn(String, Option<String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    crate::dom::on(&window, "paste", move |ev| {
        let ev: web_sys::ClipboardEvent = ev.unchecked_into();
        if aimed_at_field(ev.target()) {
            return;
        }
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let plain = data.get_data("text/plain").unwrap_or_default();
        let html = data
            .get_data("text/html")
            .ok()
            .filter(|h| !h.trim().is_empty());
        if plain.trim().is_empty() && html.is_none() {
            return;
        }
        ev.prevent_default();
        handler(plain, html);
    });
}

/// Whether an event is aimed at a field where keys and pastes have their
/// ordinary meaning (text boxes, selects, editable elements).
fn aimed_at_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

/// Excel's undo and redo keys, outside text fields: Ctrl+Z undoes, Ctrl+Y
/// and Ctrl+Shift+Z redo (Cmd on a Mac).
pub fn on_undo_keys(undo: impl Fn() + 'static, redo: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    crate::dom::on(&window, "keydown", move |ev| {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || aimed_at_field(ev.target()) {
            return;
        }
        match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                undo();
            }
            ("y", _) | ("z", true) => {
                ev.prevent_default();
                redo();
            }
            _ => {}
        }
    });
}

/// Milliseconds since the page started, for measuring work in the browser.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A signal that follows the service worker's state.
pub fn offline_status() -> ReadSignal<OfflineStatus> {
    let (status, set_status) = signal(OfflineStatus::Pending);
    let Some(window) = web_sys::window() else {
        set_status.set(OfflineStatus::Unavailable);
        return status;
    };
    let container = window.navigator().service_worker();
    if container.is_undefined() {
        set_status.set(OfflineStatus::Unavailable);
        return status;
    }
    let Ok(ready) = container.ready() else {
        set_status.set(OfflineStatus::Unavailable);
        return status;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(ready).await;
        let active = result
            .ok()
            .and_then(|reg| reg.dyn_into::<web_sys::ServiceWorkerRegistration>().ok())
            .and_then(|reg| reg.active());
        set_status.set(if active.is_some() {
            OfflineStatus::Ready
        } else {
            OfflineStatus::Unavailable
        });
    });
    status
}
