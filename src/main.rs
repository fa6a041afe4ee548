//! Kalkyl's browser app: a thin layer over `kalkyl-core`, on Leptos's
//! reactive system.
//!
//! `app` renders state and turns user actions into core commands, `grid`
//! draws a table's rows in view and handles Excel's keys, `on_demand`
//! loads the module of what the first screen does not need
//! (`crates/kalkyl-year`: the year in one view, whose heading is `year`,
//! the table charts and the layout of PDF text), `dom` binds
//! elements to signals, `i18n` holds every user-visible text per language,
//! and `browser` is the only module that touches browser effects (storage,
//! service worker, panics).

mod app;
mod autosave;
mod browser;
mod charts;
mod dom;
mod files;
mod findings;
mod forms;
mod grid;
mod i18n;
mod on_demand;
mod paste_box;
mod settings;
mod shell;
mod state;
mod storage;
mod what_if;
mod year;

use leptos::prelude::Owner;

fn main() {
    // First, so that even a panic during start-up shows a message.
    browser::install_panic_hook();
    // Effects run as tasks on the browser's microtask queue.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    // Text without delimiters is laid out by the on-demand module.
    kalkyl_core::read::set_line_reader(on_demand::lay_out_lines);
    // The root of every signal and binding; it lives as long as the page.
    let owner = Owner::new();
    owner.set();
    if let Some(body) = dom::document().body() {
        dom::mount_view(&body, leptos::view! { <app::App /> });
    }
    std::mem::forget(owner);
    browser::register_service_worker();
    if browser::query_flag("selftest", "panic") {
        // Lets the end-to-end tests prove that a panic is shown, not swallowed.
        panic!("selftest: deliberate panic requested by ?selftest=panic");
    }
}
