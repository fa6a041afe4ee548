//! Kalkyl's browser app: a thin Leptos layer over `kalkyl-core`.
//!
//! `app` renders state and turns user actions into core commands, `grid`
//! draws a table's rows in view and handles Excel's keys, `i18n`
//! holds every user-visible text per language, and `browser` is the only
//! module that touches browser effects (storage, service worker, panics).

mod app;
mod browser;
mod grid;
mod i18n;
mod storage;

fn main() {
    // First, so that even a panic during start-up shows a message.
    browser::install_panic_hook();
    leptos::mount::mount_to_body(app::App);
    browser::register_service_worker();
    if browser::query_flag("selftest", "panic") {
        // Lets the end-to-end tests prove that a panic is shown, not swallowed.
        panic!("selftest: deliberate panic requested by ?selftest=panic");
    }
}
