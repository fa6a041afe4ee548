//! Autosave: the workspace is restored from the browser's storage on start
//! and saved there shortly after every change (0.3 s; a workspace so large
//! that writing it blocks the page waits for a pause in the editing) and
//! when the page is hidden.
//!
//! The stored text is the workspace file without its derived parts
//! (`kalkyl_core::file::write_workspace_store`, versioned, older versions
//! migrated by the reader). Every write goes through one save loop: saves
//! never overlap, the newest state is always the one saved last, and the
//! indicator says "saved" only when the stored workspace holds every
//! change made in this tab ([`Tally`]).
//!
//! Another tab's save: a tab with no change of its own to lose takes the
//! stored workspace quietly and says so in the indicator; a tab with
//! unsaved changes gets the conflict banner ([`on_news`]). A save that
//! finds another tab's newer save writes nothing
//! ([`StorageError::Conflict`]) and raises the banner too. While it is
//! shown, autosave stops in this tab; the banner offers the two ways out:
//! load the saved workspace, or keep this one (the save loop's next write
//! then replaces whatever is stored, and an edit made while it runs is
//! saved after it, like any other). A failing storage (private mode, full
//! quota) is shown at once, with the advice to export a file; the app
//! keeps working.

use std::rc::Rc;

use kalkyl_core::file::{read_workspace_file, write_workspace_store};
use kalkyl_core::lang::Lang;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::app::Ctx;
use crate::browser;
use crate::dom;
use crate::grid::push_escaped;
use crate::i18n::texts;
use crate::storage::{on_saved_elsewhere, SaveState, StorageError, Store};

/// This tab's changes, counted, against the stored workspace: what the
/// indicator may say.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    /// Changes made in this tab since it started.
    changes: u64,
    /// How many of them the stored workspace holds: the count when the last
    /// write took the workspace's text, or when a stored one was shown.
    stored: u64,
}

impl Tally {
    /// A change in this tab.
    fn changed(&mut self) {
        self.changes += 1;
    }

    /// Whether a change is not (yet) stored.
    fn unsaved(self) -> bool {
        self.changes != self.stored
    }

    /// The stored workspace is the one on screen.
    fn shown(&mut self) {
        self.stored = self.changes;
    }

    /// A write of the workspace as it was at `counted` changes succeeded:
    /// saved only if nothing changed since it took the text; otherwise the
    /// save of the newer changes is still to come.
    fn written(&mut self, counted: u64) -> SaveState {
        self.stored = counted;
        if self.unsaved() {
            SaveState::Saving
        } else {
            SaveState::Saved
        }
    }
}

/// What a tab does when it hears that another tab saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum News {
    /// A save it has seen or overwritten, or the banner is already shown.
    Ignore,
    /// This tab's own save or load is running: decide when it ends.
    Later,
    /// Nothing of this tab's to lose: show the stored workspace.
    Take,
    /// This tab's changes would be lost: the conflict banner.
    Conflict,
}

/// Decides what hearing of another tab's save means: `news` whether it is
/// a save this tab has not seen ([`Store::is_news`]), `busy` whether one of
/// this tab's saves or loads is running, `conflict` whether the banner is
/// shown, `unsaved` whether this tab has changes the storage does not hold.
fn on_news(news: bool, busy: bool, conflict: bool, unsaved: bool) -> News {
    if !news {
        News::Ignore
    } else if busy {
        News::Later
    } else if conflict {
        News::Ignore
    } else if unsaved {
        News::Conflict
    } else {
        News::Take
    }
}

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
/// for the indicator (saved, saving, not saved, updated from another tab).
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
    // A save or a load of another tab's save is running: they never overlap.
    let busy = StoredValue::new_local(false);
    let again = StoredValue::new_local(false);
    let tally = StoredValue::new_local(Tally::default());
    // "Keep mine" was chosen: the next write replaces whatever is stored.
    let keep_mine = StoredValue::new_local(false);
    // The newest revision another tab announced while this tab was busy.
    let heard = StoredValue::new_local(0u64);
    let timer = StoredValue::new_local(None::<i32>);
    // How long the last file took to write, in milliseconds.
    let write_cost = StoredValue::new_local(0.0f64);

    let text_now = move || {
        ctx.workspace
            .with_untracked(|w| write_workspace_store(w, Some(&browser::now_iso())))
    };
    let saving_allowed =
        move || ready.get_value() && problem.with_untracked(|p| p != &Some(StorageError::Conflict));
    // Shows that a save failed.
    let failed = move |e: StorageError| {
        state.set(SaveState::Unsaved);
        problem.set(Some(e));
    };
    // Puts a stored workspace on screen without saving it back; `shown`
    // is what the indicator then says.
    let show_stored = move |ws: Workspace, shown: SaveState| {
        restoring.set_value(true);
        replace(ws);
        tally.update_value(Tally::shown);
        keep_mine.set_value(false);
        state.set(shown);
        problem.set(None);
    };
    // The one save loop (the `save_now` below) and the loading of another
    // tab's save (`take_stored`) call each other: they meet through these.
    let save_now_slot = StoredValue::new_local(None::<Rc<dyn Fn()>>);
    let save_now = move || {
        if let Some(f) = save_now_slot.get_value() {
            f();
        }
    };
    let heard_slot = StoredValue::new_local(None::<Rc<dyn Fn(u64)>>);
    // Once this tab's save or load ended: what another tab saved meanwhile.
    let news_pending = move |store: &Store| {
        let revision = heard.get_value();
        revision > 0 && store.is_news(revision)
    };
    let hear_later = move || {
        if let (Some(store), Some(hear)) = (store.get_value(), heard_slot.get_value()) {
            if news_pending(&store) {
                hear(heard.get_value());
            }
        }
    };
    // Shows the stored workspace in place of this tab's, with `shown` in
    // the indicator, unless this tab changed its workspace while it was
    // being read: then the banner (the stored one is newer than what the
    // change was made to, so saving it would overwrite another tab's work).
    let take_stored = move |shown: SaveState| {
        let Some(store) = store.get_value() else {
            return;
        };
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        wasm_bindgen_futures::spawn_local(async move {
            let counted = tally.get_value().changes;
            let mut took = false;
            match store.peek().await {
                Ok(stored) if tally.get_value().changes == counted => {
                    let read = stored.as_ref().map(|s| read_workspace_file(&s.text));
                    match read {
                        Some(Err(e)) => failed(StorageError::Other(e.message(Lang::En))),
                        Some(Ok(ws)) => {
                            store.adopt(stored.as_ref());
                            show_stored(ws, shown);
                            took = true;
                        }
                        None => {
                            // Nothing stored any more: this tab's is saved.
                            store.adopt(None);
                            problem.set(None);
                            again.set_value(true);
                        }
                    }
                }
                Ok(_) => failed(StorageError::Conflict),
                Err(e) => failed(e),
            }
            busy.set_value(false);
            if again.get_value() {
                save_now();
            } else if took {
                hear_later();
            }
        });
    };
    // Another tab saved `revision`.
    let hear = move |revision: u64| {
        let (Some(store), true) = (store.get_value(), ready.get_value()) else {
            // Still restoring: decided once the stored workspace is shown.
            heard.update_value(|h| *h = (*h).max(revision));
            return;
        };
        let conflict = problem.with_untracked(|p| p == &Some(StorageError::Conflict));
        let unsaved = tally.get_value().unsaved();
        match on_news(store.is_news(revision), busy.get_value(), conflict, unsaved) {
            News::Ignore => {}
            News::Later => heard.update_value(|h| *h = (*h).max(revision)),
            News::Take => take_stored(SaveState::Updated),
            News::Conflict => failed(StorageError::Conflict),
        }
    };
    heard_slot.set_value(Some(Rc::new(hear)));
    // Saves now, or as soon as the running save is done.
    save_now_slot.set_value(Some(Rc::new(move || {
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
                let overwrite = keep_mine.get_value();
                let counted = tally.get_value().changes;
                let start = browser::now_ms();
                let text = text_now();
                write_cost.set_value(browser::now_ms() - start);
                let result = if overwrite {
                    store.overwrite(&text).await
                } else {
                    store.save(&text).await
                };
                match result {
                    Ok(()) => {
                        keep_mine.set_value(false);
                        let mut now = tally.get_value();
                        let shown = now.written(counted);
                        tally.set_value(now);
                        if again.get_value() && saving_allowed() && !news_pending(&store) {
                            continue;
                        }
                        state.set(shown);
                        problem.set(None);
                    }
                    Err(e) => failed(e),
                }
                break;
            }
            busy.set_value(false);
            hear_later();
        });
    })));
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
        tally.update_value(Tally::changed);
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
                    show_stored(ws, SaveState::Saved);
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
        hear_later();
    });
    on_saved_elsewhere(hear);

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
        match act.as_deref() {
            Some("load-saved") => take_stored(SaveState::Saved),
            Some("keep-mine") => {
                // Through the save loop: an edit made while this write runs
                // is saved after it, and "saved" waits for that.
                keep_mine.set_value(true);
                problem.set(None);
                save_now();
            }
            _ => {}
        }
    });
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_only_when_the_stored_workspace_holds_every_change() {
        let mut tally = Tally::default();
        assert!(!tally.unsaved());
        tally.changed();
        assert!(tally.unsaved());
        // A write takes the text at 1 change; an edit comes while it runs
        // (issue 13: "keep mine", then an edit within half a second).
        let counted = tally.changes;
        tally.changed();
        assert_eq!(tally.written(counted), SaveState::Saving);
        assert!(tally.unsaved());
        // The next write takes that edit too.
        let counted = tally.changes;
        assert_eq!(tally.written(counted), SaveState::Saved);
        assert!(!tally.unsaved());
        // Another tab's workspace on screen: nothing of this tab's is
        // waiting any more.
        tally.changed();
        tally.shown();
        assert!(!tally.unsaved());
    }

    #[test]
    fn another_tabs_save_is_taken_quietly_unless_this_tab_has_changes_to_lose() {
        // Nothing unsaved: take it, whether or not a failure is shown.
        assert_eq!(on_news(true, false, false, false), News::Take);
        // Unsaved changes: the banner.
        assert_eq!(on_news(true, false, false, true), News::Conflict);
        // The banner is there already.
        assert_eq!(on_news(true, false, true, true), News::Ignore);
        assert_eq!(on_news(true, false, true, false), News::Ignore);
        // A save of this tab is running: decided when it ends (it may fail
        // on the conflict, or have been overwritten).
        assert_eq!(on_news(true, true, false, true), News::Later);
        assert_eq!(on_news(true, true, false, false), News::Later);
        // Seen already, or overwritten since by this tab's "keep mine".
        for busy in [false, true] {
            for conflict in [false, true] {
                for unsaved in [false, true] {
                    assert_eq!(on_news(false, busy, conflict, unsaved), News::Ignore);
                }
            }
        }
    }
}
