//! The page's frame: a handful of DOM bindings on Leptos's reactive
//! system (signals, memos and render effects from `leptos::prelude`).
//!
//! Every panel, the grid included, is a Leptos `view!` component; what is
//! left here is the page's frame: create an element, keep an attribute in
//! step with a reactive closure, listen to an event, swap a part of the
//! page when a key changes, and mount a component into such a part.
//!
//! Ownership follows Leptos: every binding and listener belongs to the
//! reactive owner current when it was made, and is dropped when that owner
//! is cleaned up (for instance when [`swap`] replaces a part of the page).

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

/// Creates `<tag>` with the given attributes and appends it to `parent`.
pub fn element(parent: &Element, tag: &str, attributes: &[(&str, &str)]) -> Element {
    let el = document()
        .create_element(tag)
        .unwrap_or_else(|_| wasm_bindgen::throw_str("create_element"));
    for (name, value) in attributes {
        let _ = el.set_attribute(name, value);
    }
    let _ = parent.append_child(&el);
    el
}

/// Builds a Leptos view under the current reactive owner and appends it to
/// `parent`. It lives as long as the owner: the page, or a [`swap`]
/// slot's build, which clears the slot before the next build.
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

/// Runs `update` now and again whenever a signal it reads changes, with
/// what it returned last time; stops with the current owner.
pub fn bind<T: 'static>(update: impl FnMut(Option<T>) -> T + 'static) {
    keep(RenderEffect::new(update));
}

/// Keeps attribute `name` of `el` equal to what `value` returns, or absent
/// for `None`.
pub fn bind_attr(el: &Element, name: &'static str, value: impl Fn() -> Option<String> + 'static) {
    bind_attr_boxed(el, name, Box::new(value));
}

/// One instantiation for every [`bind_attr`].
#[inline(never)]
fn bind_attr_boxed(el: &Element, name: &'static str, value: Box<dyn Fn() -> Option<String>>) {
    let el = el.clone();
    bind(move |_: Option<()>| match value() {
        Some(v) => {
            let _ = el.set_attribute(name, &v);
        }
        None => {
            let _ = el.remove_attribute(name);
        }
    });
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

/// Fills `slot` with `build(key)` whenever `key` changes, first cleaning up
/// everything the previous build made (its bindings and listeners).
pub fn swap<K: PartialEq + Clone + Send + Sync + 'static>(
    slot: &Element,
    key: impl Fn() -> K + Send + Sync + 'static,
    build: impl Fn(&Element, K) + 'static,
) {
    let key = Memo::new(move |_| key());
    let slot = slot.clone();
    // A render effect cleans up what its last run owned before it runs
    // again; the memo makes it run only when the key really changed.
    bind(move |_: Option<()>| {
        let key = key.get();
        slot.set_text_content(None);
        untrack(|| build(&slot, key));
    });
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
