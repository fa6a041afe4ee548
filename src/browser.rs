//! The only module that touches browser-only effects: storage, the service
//! worker, the document, and the panic screen. Everything here degrades
//! quietly when the browser refuses (private mode, old browser): the app
//! keeps working, and whatever matters to the user is shown, not swallowed.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
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

/// Today's date in the user's time zone, as `YYYY-MM-DD` (for file names).
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// This year in the user's time zone (a paste's year: later years in its
/// headings are plans); `None` if the clock says something impossible.
pub fn this_year() -> Option<u16> {
    u16::try_from(js_sys::Date::new_0().get_full_year()).ok()
}

/// The time now in UTC, as ISO 8601 (for a file's `saved_at`).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Offers `text` as a file download named `name`; `false` if the browser
/// refused. The text is written as UTF-8, as the formats require.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let done = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some();
    // The click has started the download; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}

/// Puts `html` and `plain` on the clipboard as `text/html` and
/// `text/plain`, from a user's click; `false` if the browser refused.
pub fn copy_rich(html: &str, plain: &str) -> bool {
    let Some(document) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return false;
    };
    let filled = std::rc::Rc::new(std::cell::Cell::new(false));
    let (html, plain, flag) = (html.to_string(), plain.to_string(), filled.clone());
    // `copy` is dispatched synchronously by execCommand; this listener runs
    // first (capture on the window) and keeps the grid's own Ctrl+C
    // handler from replacing the table with the selection.
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Not passive: it must be able to prevent the browser's own copy.
    let capture = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    let listener = EventListener::new_with_options(&window, "copy", capture, move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::ClipboardEvent>() else {
            return;
        };
        if let Some(data) = ev.clipboard_data() {
            let ok = data.set_data("text/html", &html).is_ok()
                && data.set_data("text/plain", &plain).is_ok();
            flag.set(ok);
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    let _ = document.exec_command("copy");
    drop(listener);
    filled.get()
}

/// The text of a file the user chose or dropped.
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default()
        })?
        .as_string()
        .ok_or_else(String::new)
}

/// Calls `handler` with a file dropped anywhere on the page (the page
/// itself would otherwise open it and lose the workspace).
pub fn on_file_drop(handler: impl Fn(web_sys::File) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let carries_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .is_some_and(|d| d.types().includes(&"Files".into(), 0))
    };
    crate::dom::on(&window, "dragover", move |ev| {
        let ev: web_sys::DragEvent = ev.unchecked_into();
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    crate::dom::on(&window, "drop", move |ev| {
        let ev: web_sys::DragEvent = ev.unchecked_into();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            handler(file);
        }
    });
}
