//! Autosave: the workspace is restored from the browser's storage on start
//! and saved there shortly after every change (0.3 s; a workspace so large
//! that writing it blocks the page waits for a pause in the editing) and
//! when the page is hidden.
//!
//! The stored text is the workspace file without its derived parts
//! (`kalkyl_core::file::write_workspace_store`, versioned, older versions
//! migrated by the reader). Saves never overlap, and the
//! newest state is always the one saved last. A save that finds another
//! tab's newer save writes nothing ([`StorageError::Conflict`]): autosave
//! then stops in this tab, and the banner says so and offers the two ways
//! out. A failing storage (private mode, full quota) is shown at once,
//! with the advice to export a file; the app keeps working.

use std::rc::Rc;

use kalkyl_core::file::{read_workspace_file, write_workspace_store};
use kalkyl_core::lang::Lang;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::state::Ctx;
use crate::browser;
use crate::dom;
use crate::grid::push_escaped;
use crate::i18n::texts;
use crate::storage::{on_saved_elsewhere, SaveState, StorageError, Store};

/// Quiet time after a change before it is saved: edits in a burst are
/// saved together, and always well within a second.
const SAVE_AFTER_MS: f64 = 300.0;

/// Writing the stored form of a very large workspace blocks the page for a
/// while (about 0.3 s for 100 000 rows; the full file took 1.5 s and was
/// too large for one IndexedDB record). Above this cost a save waits for a pause
/// in the editing instead, three times as long as the last write took.
const SLOW_WRITE_MS: f64 = 100.0;

/// The longest pause a slow save waits for.
const LONGEST_WAIT_MS: f64 = 10_000.0;

/// What writing the file costs per table row, about, in the browser:
/// before the first save has been timed, a large workspace is known to
/// be slow by its size.
const WRITE_MS_PER_ROW: f64 = 0.004;

/// Starts autosave: restores the stored workspace through `replace`, then
/// saves every change. Draws its banner into `parent`; returns the state
/// for the indicator (saved, saving, not saved).
pub fn start(
    parent: &Element,
    ctx: Ctx,
    lang: ReadSignal<Lang>,
    replace: impl Fn(Workspace) + Copy + 'static,
) -> RwSignal<SaveState> {
    let state = RwSignal::new(SaveState::Saving);
    let problem = RwSignal::new(None::<StorageError>);
    // Set when the stored text could not be read and was put aside.
    let unreadable = RwSignal::new(false);
    let store = StoredValue::new_local(None::<Rc<Store>>);
    // Saves start only once the stored workspace is restored.
    let ready = StoredValue::new_local(false);
    // A change made by restoring is not saved back.
    let restoring = StoredValue::new_local(false);
    let busy = StoredValue::new_local(false);
    let again = StoredValue::new_local(false);
    let timer = StoredValue::new_local(None::<i32>);
    // How long the last file took to write, in milliseconds.
    let write_cost = StoredValue::new_local(0.0f64);

    let text_now = move || {
        ctx.workspace
            .with_untracked(|w| write_workspace_store(w, Some(&browser::now_iso())))
    };
    let saving_allowed =
        move || ready.get_value() && problem.with_untracked(|p| p != &Some(StorageError::Conflict));
    // Shows how a save ended.
    let settle = move |result: Result<(), StorageError>| match result {
        Ok(()) => {
            state.set(SaveState::Saved);
            problem.set(None);
        }
        Err(e) => {
            state.set(SaveState::Unsaved);
            problem.set(Some(e));
        }
    };
    // Saves now, or as soon as the running save is done.
    let save_now = move || {
        let Some(store) = store.get_value() else {
            return;
        };
        if !saving_allowed() {
            return;
        }
        if busy.get_value() {
            again.set_value(true);
            return;
        }
        busy.set_value(true);
        state.set(SaveState::Saving);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                again.set_value(false);
                let start = browser::now_ms();
                let text = text_now();
                write_cost.set_value(browser::now_ms() - start);
                let result = store.save(&text).await;
                if result.is_ok() && again.get_value() && saving_allowed() {
                    continue;
                }
                settle(result);
                break;
            }
            busy.set_value(false);
        });
    };
    // After a change: save once the burst is over; a slow save waits for
    // a pause in the editing.
    let schedule = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let rows: usize = ctx
            .workspace
            .with_untracked(|w| w.sheets.iter().map(|s| s.table.rows.len()).sum());
        let cost = write_cost.get_value().max(rows as f64 * WRITE_MS_PER_ROW);
        let slow = cost > SLOW_WRITE_MS;
        if let Some(pending) = timer.get_value() {
            if !slow {
                return;
            }
            window.clear_timeout_with_handle(pending);
        }
        let wait = if slow {
            (cost * 3.0).min(LONGEST_WAIT_MS)
        } else {
            SAVE_AFTER_MS
        };
        let fire = dom::once(move || {
            timer.set_value(None);
            save_now();
        });
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                fire.unchecked_ref(),
                wait as i32,
            )
            .ok();
        timer.set_value(handle);
    };
    Effect::new(move |_| {
        ctx.workspace.track();
        if !ready.get_value() {
            return;
        }
        if restoring.get_value() {
            restoring.set_value(false);
            return;
        }
        if saving_allowed() && store.with_value(Option::is_some) {
            state.set(SaveState::Saving);
            schedule();
        } else {
            state.set(SaveState::Unsaved);
        }
    });
    // Hidden or closed: save what is pending at once.
    let flush = move |_| {
        if let Some(pending) = timer.get_value() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(pending);
            }
            timer.set_value(None);
            save_now();
        }
    };
    if let Some(window) = web_sys::window() {
        dom::on(&window, "pagehide", flush);
    }
    dom::on(&dom::document(), "visibilitychange", flush);

    // Puts a stored workspace on screen without saving it back.
    let show_stored = move |ws: Workspace| {
        restoring.set_value(true);
        replace(ws);
        state.set(SaveState::Saved);
        problem.set(None);
    };
    wasm_bindgen_futures::spawn_local(async move {
        let opened = match Store::open().await {
            Ok(s) => Rc::new(s),
            Err(e) => {
                state.set(SaveState::Unsaved);
                problem.set(Some(e));
                return;
            }
        };
        let loaded = opened.load().await;
        store.set_value(Some(opened.clone()));
        match loaded {
            Ok(Some(text)) => match read_workspace_file(&text) {
                Ok(ws) => {
                    ready.set_value(true);
                    show_stored(ws);
                }
                Err(_) => {
                    // Nothing is lost: the text stays in storage, aside.
                    let _ = opened.keep_aside(&text).await;
                    unreadable.set(true);
                    ready.set_value(true);
                    state.set(SaveState::Unsaved);
                }
            },
            Ok(None) => {
                ready.set_value(true);
                state.set(SaveState::Saved);
            }
            Err(e) => {
                state.set(SaveState::Unsaved);
                problem.set(Some(e));
            }
        }
    });
    on_saved_elsewhere(move || {
        if ready.get_value() && problem.with_untracked(|p| p != &Some(StorageError::Conflict)) {
            state.set(SaveState::Unsaved);
            problem.set(Some(StorageError::Conflict));
        }
    });

    let banner = dom::element(parent, "div", &[]);
    dom::bind_html(&banner, move || {
        let lang = lang.get();
        let t = texts(lang);
        let mut out = String::new();
        if unreadable.get() {
            out.push_str("<p class=\"notice\" role=\"status\" data-testid=\"storage-unreadable\">");
            push_escaped(&mut out, t.storage_unreadable);
            out.push_str("</p>");
        }
        problem.with(|p| {
            let Some(p) = p else { return };
            let kind = match p {
                StorageError::Unavailable(_) => "unavailable",
                StorageError::Quota(_) => "quota",
                StorageError::Conflict => "conflict",
                StorageError::Other(_) => "other",
            };
            let _ = std::fmt::Write::write_fmt(
                &mut out,
                format_args!(
                    "<div class=\"storage-problem\" role=\"alert\" data-testid=\"storage-problem\" data-kind=\"{kind}\"><p>"
                ),
            );
            push_escaped(&mut out, p.message(lang));
            out.push_str("</p>");
            if let Some((load, keep)) = p.choices(lang) {
                out.push_str("<p><button type=\"button\" data-act=\"load-saved\" data-testid=\"load-saved\">");
                push_escaped(&mut out, load);
                out.push_str("</button> <button type=\"button\" class=\"secondary\" data-act=\"keep-mine\" data-testid=\"keep-mine\">");
                push_escaped(&mut out, keep);
                out.push_str("</button></p>");
            }
            out.push_str("</div>");
        });
        out
    });
    dom::on(&banner, "click", move |ev| {
        let act = dom::target_element(&ev).and_then(|el| el.get_attribute("data-act"));
        let Some(store) = store.get_value() else {
            return;
        };
        match act.as_deref() {
            Some("load-saved") => wasm_bindgen_futures::spawn_local(async move {
                match store.load().await {
                    Ok(Some(text)) => match read_workspace_file(&text) {
                        Ok(ws) => show_stored(ws),
                        Err(e) => {
                            problem.set(Some(StorageError::Other(e.message(Lang::En))));
                        }
                    },
                    Ok(None) => problem.set(None),
                    Err(e) => problem.set(Some(e)),
                }
            }),
            Some("keep-mine") => wasm_bindgen_futures::spawn_local(async move {
                state.set(SaveState::Saving);
                settle(store.overwrite(&text_now()).await);
            }),
            _ => {}
        }
    });
    state
}
