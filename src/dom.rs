//! The app's view layer: a handful of DOM bindings on Leptos's reactive
//! system (signals, memos and render effects from `leptos::prelude`).
//!
//! Kalkyl draws nearly everything as escaped HTML strings with delegated
//! listeners (see `grid` and `app`), so it needs from a view layer only:
//! create an element, keep its inner HTML, an attribute or a property in
//! step with a reactive closure, listen to an event, and swap a part of the
//! page when a key changes. Leptos's `view!` renderer (tachys) does all
//! that and much more, and cost about as much download as the workspace
//! file code that the first-load budget needed room for; these bindings do
//! the same with the same reactive graph, at a fraction of the size.
//!
//! Ownership follows Leptos: every binding and listener belongs to the
//! reactive owner current when it was made, and is dropped when that owner
//! is cleaned up (for instance when [`swap`] replaces a part of the page).

use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
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

/// Runs `update` now and again whenever a signal it reads changes, with
/// what it returned last time; stops with the current owner.
pub fn bind<T: 'static>(update: impl FnMut(Option<T>) -> T + 'static) {
    keep(RenderEffect::new(update));
}

/// Keeps the inner HTML of `el` equal to what `html` returns. The DOM is
/// touched only when the text changed.
pub fn bind_html(el: &Element, html: impl Fn() -> String + 'static) {
    bind_html_boxed(el, Box::new(html));
}

/// One instantiation of the reactive effect for every [`bind_html`]: the
/// wasm is smaller than with one per caller.
#[inline(never)]
fn bind_html_boxed(el: &Element, html: Box<dyn Fn() -> String>) {
    let el = el.clone();
    bind(move |last: Option<String>| {
        let html = html();
        if last.as_deref() != Some(html.as_str()) {
            el.set_inner_html(&html);
        }
        html
    });
}

/// Like [`bind_html`], for a table section whose HTML is a run of `<tr>`
/// rows of `<td>` cells (escaped text, so `</tr>` and `</td>` only end a
/// row or a cell). While the number of rows stays the same, only the cells
/// whose HTML changed are replaced (or the row, if its own tag changed):
/// an edit or a move of the selection then restyles and repaints a few
/// cells, not every row in view.
pub fn bind_rows(el: &Element, html: impl Fn() -> String + 'static) {
    bind_rows_boxed(el, Box::new(html));
}

/// One instantiation for every [`bind_rows`].
#[inline(never)]
fn bind_rows_boxed(el: &Element, html: Box<dyn Fn() -> String>) {
    let el = el.clone();
    bind(move |last: Option<String>| {
        let html = html();
        let Some(last) = last else {
            el.set_inner_html(&html);
            return html;
        };
        if last != html {
            let old: Vec<&str> = last.split_inclusive("</tr>").collect();
            let new: Vec<&str> = html.split_inclusive("</tr>").collect();
            let changed = old.iter().zip(&new).filter(|(a, b)| a != b).count();
            if old.len() != new.len() || (changed > 1 && changed * 2 > new.len()) {
                el.set_inner_html(&html);
            } else {
                let mut row = el.first_element_child();
                for (a, b) in old.iter().zip(&new) {
                    let Some(current) = row else { break };
                    row = current.next_element_sibling();
                    if a != b {
                        patch_row(&current, a, b);
                    }
                }
            }
        }
        html
    });
}

/// Turns the row `current`, drawn from `old`, into `new`: cell by cell when
/// the row's own tag and its number of cells are unchanged.
fn patch_row(current: &Element, old: &str, new: &str) {
    if let (Some((old_tag, old_cells)), Some((new_tag, new_cells))) =
        (old.split_once('>'), new.split_once('>'))
    {
        let old_cells: Vec<&str> = old_cells.split_inclusive("</td>").collect();
        let new_cells: Vec<&str> = new_cells.split_inclusive("</td>").collect();
        if old_tag == new_tag && old_cells.len() == new_cells.len() {
            let mut cell = current.first_element_child();
            // The last piece is the row's `</tr>`.
            for (a, b) in old_cells.iter().zip(&new_cells) {
                let Some(this) = cell else { return };
                cell = this.next_element_sibling();
                if a != b {
                    this.set_outer_html(b);
                }
            }
            return;
        }
    }
    current.set_outer_html(new);
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

/// The element an event came from.
pub fn target_element(ev: &Event) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()
}

/// A copyable handle to an element made later, for closures that must stay
/// `Copy` (as Leptos's node references are).
pub struct NodeHandle<T: 'static>(StoredValue<Option<T>, LocalStorage>);

impl<T: 'static> Clone for NodeHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for NodeHandle<T> {}

impl<T: Clone + 'static> NodeHandle<T> {
    /// An empty handle, owned by the current reactive owner.
    pub fn new() -> Self {
        NodeHandle(StoredValue::new_local(None))
    }

    /// Points the handle at `node`.
    pub fn set(&self, node: T) {
        self.0.set_value(Some(node));
    }

    /// The node, once set (and while its owner lives).
    pub fn get(&self) -> Option<T> {
        self.0.try_get_value().flatten()
    }
}
