//! What is left outside `view!`: the document, the app mounted into its
//! body, listeners on the window or document (paste anywhere, undo keys,
//! drop, autosave's flush when the page is hidden), and an event's value.
//!
//! Ownership follows Leptos: a mounted view and a listener belong to the
//! reactive owner current when they were made, and are dropped when that
//! owner is cleaned up.

use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use web_sys::{Element, Event, EventTarget};

/// The page's document.
///
/// The app runs only in a browser window, where there always is one; in a
/// worker it would have nothing to draw on anyway.
pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .unwrap_or_else(|| wasm_bindgen::throw_str("Kalkyl needs a document"))
}

/// Builds a Leptos view under the current reactive owner and appends it to
/// `parent`. It lives as long as the owner: the page, or the view that
/// made it.
pub fn mount_view(parent: &Element, view: impl IntoView + 'static) {
    use leptos::tachys::view::{Mountable, Render};
    let mut state = view.into_view().build();
    state.mount(parent, None);
    keep(state);
}

/// Keeps `value` alive until the current reactive owner is cleaned up.
fn keep<T: 'static>(value: T) {
    let _ = StoredValue::new_local(value);
}

/// Calls `handler` for each `event` on `target` until the current reactive
/// owner is cleaned up.
pub fn on(target: &EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    on_boxed(target, event, Box::new(handler));
}

/// One instantiation of the listener for every [`on`]. The listener removes
/// itself when dropped, so a closure freed by Rust is never called by the
/// page. It is not passive: handlers may prevent the browser's default.
#[inline(never)]
fn on_boxed(target: &EventTarget, event: &str, mut handler: Box<dyn FnMut(Event)>) {
    let event = event.to_string();
    let options = EventListenerOptions::enable_prevent_default();
    keep(EventListener::new_with_options(
        target,
        event,
        options,
        move |ev| handler(ev.clone()),
    ));
}

/// The `value` of the element an event came from (an input, a select or a
/// text area), or an empty string.
pub fn target_value(ev: &Event) -> String {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn target_checked(ev: &Event) -> bool {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
