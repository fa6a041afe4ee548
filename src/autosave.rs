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
//! unsaved changes gets the conflict banner ([`next_step`]). A save that
//! finds another tab's newer save writes nothing
//! ([`StorageError::Conflict`]) and raises the banner too. While it is
//! shown, autosave stops in this tab; the banner offers the two ways out:
//! load the saved workspace, or keep this one (the save loop's next write
//! then replaces whatever is stored, and an edit made while it runs is
//! saved after it, like any other). A failing storage (private mode, full
//! quota) is shown at once, with the advice to export a file; the app
//! keeps working.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use kalkyl_core::file::write_workspace_store_pieces;
use kalkyl_core::lang::Lang;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;

use crate::browser;
use crate::dom;
use crate::i18n::texts;
use crate::on_demand::Unread;
use crate::state::Ctx;
use crate::storage::{joined_text, on_saved_elsewhere, SaveState, StorageError, Store};

/// This tab's changes, counted, against the stored workspace (what the
/// indicator may say), and the newest save another tab announced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    /// Changes made in this tab since it started.
    changes: u64,
    /// How many of them the stored workspace holds: the count when the last
    /// write took the workspace's text, or when a stored one was shown.
    stored: u64,
    /// The newest revision another tab announced (0: none).
    heard: u64,
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

/// The save loop's next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Show the stored workspace, with this in the indicator.
    Take(SaveState),
    /// Show the conflict banner: this tab's changes would be lost.
    Conflict,
    /// Write this tab's workspace.
    Save,
    /// Nothing to do.
    Done,
}

/// Decides the save loop's next step: `load` whether the user asked to load
/// the saved workspace, `news` whether another tab saved what this tab has
/// not seen ([`Store::is_news`]; none while "keep mine" is on its way),
/// `conflict` whether the banner is shown, `unsaved` whether this tab has
/// changes the storage does not hold, `save` whether a save is asked for.
/// Another tab's save is taken quietly by a tab with nothing to lose; a
/// tab with unsaved changes gets the banner, and writes nothing while it
/// is shown.
fn next_step(load: bool, news: bool, conflict: bool, unsaved: bool, save: bool) -> Step {
    match (load, news && !conflict, unsaved) {
        (true, _, _) => Step::Take(SaveState::Saved),
        (false, true, false) => Step::Take(SaveState::Updated),
        (false, true, true) => Step::Conflict,
        _ if save && !conflict => Step::Save,
        _ => Step::Done,
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
/// saves every change. Returns the state for the indicator (saved, saving,
/// not saved, updated from another tab) and the view of its notices (the
/// stored workspace unreadable or unopened, a storage problem, a conflict
/// with another tab's save).
pub fn start(
    ctx: Ctx,
    lang: ReadSignal<Lang>,
    replace: impl Fn(Workspace) + Copy + 'static,
) -> (RwSignal<SaveState>, impl IntoView) {
    let state = RwSignal::new(SaveState::Saving);
    let problem = RwSignal::new(None::<StorageError>);
    // Set when the stored text could not be read and was put aside.
    let unreadable = RwSignal::new(false);
    // Set while the stored text is not read because the module that
    // reads files could not be loaded.
    let unopened = RwSignal::new(false);
    let store = StoredValue::new_local(None::<Rc<Store>>);
    // Saves start only once the stored workspace is restored.
    let ready = StoredValue::new_local(false);
    // A change made by restoring is not saved back.
    let restoring = StoredValue::new_local(false);
    // The save loop is running: its saves and loads never overlap.
    let busy = StoredValue::new_local(false);
    // A save is asked for.
    let again = StoredValue::new_local(false);
    // The user asked to load the saved workspace.
    let load_saved = StoredValue::new_local(false);
    let tally = StoredValue::new_local(Tally::default());
    // "Keep mine" was chosen: the next write replaces whatever is stored.
    let keep_mine = StoredValue::new_local(false);
    let timer = StoredValue::new_local(None::<Timeout>);
    // How long the last file took to write, in milliseconds.
    let write_cost = StoredValue::new_local(0.0f64);

    let text_now = move || {
        ctx.workspace
            .with_untracked(|w| write_workspace_store_pieces(w, Some(&browser::now_iso())))
            .map(|pieces| joined_text(&pieces))
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
    // The one save loop: every write and every load after the start, one
    // at a time, until nothing is left to do (`next_step`).
    let work = move || {
        let Some(store) = store.get_value() else {
            return;
        };
        if busy.get_value() || !ready.get_value() {
            return;
        }
        busy.set_value(true);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let now = tally.get_value();
                let news = !keep_mine.get_value() && now.heard > 0 && store.is_news(now.heard);
                let conflict = problem.with_untracked(|p| p == &Some(StorageError::Conflict));
                let step = next_step(
                    load_saved.get_value(),
                    news,
                    conflict,
                    now.unsaved(),
                    again.get_value() && ready.get_value(),
                );
                match step {
                    Step::Take(shown) => {
                        load_saved.set_value(false);
                        let counted = now.changes;
                        let stored = match store.peek().await {
                            Ok(stored) => stored,
                            Err(e) => {
                                failed(e);
                                break;
                            }
                        };
                        let read = match &stored {
                            Some(s) => Some(ctx.module.read_workspace(&s.text, Lang::En).await),
                            None => None,
                        };
                        if tally.get_value().changes != counted {
                            // Changed while it was read: the stored one is
                            // newer than what the change was made to.
                            failed(StorageError::Conflict);
                            continue;
                        }
                        match read {
                            Some(Ok(ws)) => {
                                store.adopt(stored.as_ref());
                                show_stored(ws, shown);
                            }
                            Some(Err(e)) => {
                                let why = match e {
                                    Unread::File(why) => why,
                                    Unread::NoModule => {
                                        "the file reader could not be loaded".into()
                                    }
                                };
                                failed(StorageError::Other(why));
                                break;
                            }
                            None => {
                                // Nothing stored any more: this tab's is saved.
                                store.adopt(None);
                                tally.update_value(|t| t.heard = 0);
                                problem.set(None);
                                again.set_value(true);
                            }
                        }
                    }
                    Step::Conflict => failed(StorageError::Conflict),
                    Step::Save => {
                        again.set_value(false);
                        state.set(SaveState::Saving);
                        let overwrite = keep_mine.get_value();
                        let counted = now.changes;
                        let start = browser::now_ms();
                        let Some(text) = text_now() else {
                            failed(StorageError::Other(
                                "the workspace could not be written".into(),
                            ));
                            break;
                        };
                        write_cost.set_value(browser::now_ms() - start);
                        let result = if overwrite {
                            store.overwrite(&text).await
                        } else {
                            store.save(&text).await
                        };
                        if let Err(e) = result {
                            failed(e);
                            break;
                        }
                        keep_mine.set_value(false);
                        let mut now = tally.get_value();
                        state.set(now.written(counted));
                        tally.set_value(now);
                        problem.set(None);
                    }
                    Step::Done => break,
                }
            }
            busy.set_value(false);
        });
    };
    // Saves now, or as soon as the running save is done.
    let save_now = move || {
        if saving_allowed() {
            again.set_value(true);
            work();
        }
    };
    // Another tab saved `revision`.
    let hear = move |revision: u64| {
        tally.update_value(|t| t.heard = t.heard.max(revision));
        work();
    };
    // After a change: save once the burst is over; a slow save waits for
    // a pause in the editing.
    let schedule = move || {
        let rows: usize = ctx
            .workspace
            .with_untracked(|w| w.sheets.iter().map(|s| s.table.rows.len()).sum());
        let cost = write_cost.get_value().max(rows as f64 * WRITE_MS_PER_ROW);
        let slow = cost > SLOW_WRITE_MS;
        // A quick save keeps its time; a slow one starts waiting again.
        if timer.with_value(Option::is_some) && !slow {
            return;
        }
        let wait = if slow {
            (cost * 3.0).min(LONGEST_WAIT_MS)
        } else {
            SAVE_AFTER_MS
        };
        // Replacing a pending timeout drops, and so cancels, it.
        timer.set_value(Some(Timeout::new(wait as u32, move || {
            timer.set_value(None);
            save_now();
        })));
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
        // Taking the pending timeout drops, and so cancels, it.
        if timer.try_update_value(Option::take).flatten().is_some() {
            save_now();
        }
    };
    if let Some(window) = web_sys::window() {
        dom::on(&window, "pagehide", flush);
    }
    dom::on(&dom::document(), "visibilitychange", flush);

    // Reads the stored workspace (with the on-demand module, which holds
    // the file's reader) and shows it, then saves and hears other tabs.
    // Whether the user pasted or typed before the stored workspace was
    // known: changes made before saving was ready are not counted, so
    // they are counted here, to be saved.
    let made_before_ready = move || ctx.workspace.with_untracked(|w| !w.sheets.is_empty());
    let save_what_was_made = move || {
        tally.update_value(Tally::changed);
        again.set_value(true);
        state.set(SaveState::Saving);
    };
    let restore = move |opened: Rc<Store>| async move {
        let loaded = opened.peek().await;
        if let Ok(stored) = &loaded {
            opened.adopt(stored.as_ref());
        }
        match loaded.map(|s| s.map(|s| s.text)) {
            Ok(Some(text)) => match ctx.module.read_workspace(&text, Lang::En).await {
                Ok(mut ws) => {
                    ready.set_value(true);
                    unopened.set(false);
                    // Kept beside the stored one, and saved with it.
                    let made_here = made_before_ready();
                    if made_here {
                        ws.absorb(ctx.workspace.get_untracked());
                    }
                    show_stored(ws, SaveState::Saved);
                    if made_here {
                        save_what_was_made();
                    }
                }
                Err(Unread::File(_)) => {
                    // Nothing is lost: the text stays in storage, aside.
                    let _ = opened.keep_aside(&text).await;
                    unreadable.set(true);
                    ready.set_value(true);
                    if made_before_ready() {
                        save_what_was_made();
                    } else {
                        state.set(SaveState::Unsaved);
                    }
                }
                Err(Unread::NoModule) => {
                    // Not read, so not saved over: saves wait until it is.
                    unopened.set(true);
                    state.set(SaveState::Unsaved);
                }
            },
            Ok(None) => {
                ready.set_value(true);
                if made_before_ready() {
                    save_what_was_made();
                } else {
                    state.set(SaveState::Saved);
                }
            }
            Err(e) => failed(e),
        }
        // What another tab saved while this one started.
        work();
    };
    wasm_bindgen_futures::spawn_local(async move {
        let opened = match Store::open().await {
            Ok(s) => Rc::new(s),
            Err(e) => return failed(e),
        };
        store.set_value(Some(opened.clone()));
        restore(opened).await;
    });
    // Tries the restore again (the module may be there now). Kept in a
    // stored value, as `choose` below is.
    let retry_restore = StoredValue::new_local(move || {
        if let Some(opened) = store.get_value() {
            wasm_bindgen_futures::spawn_local(restore(opened));
        }
    });
    let retry_restore = move |_| retry_restore.with_value(|f| f());
    on_saved_elsewhere(hear);

    // The banner's two choices, through the save loop. Kept in a stored
    // value: the save loop is not `Send`, and the banner's reactive parts
    // must be.
    let choose = StoredValue::new_local(move |keep: bool| {
        if keep {
            // Through the save loop: an edit made while this write runs
            // is saved after it, and "saved" waits for that.
            keep_mine.set_value(true);
            problem.set(None);
            again.set_value(true);
        } else {
            load_saved.set_value(true);
        }
        work();
    });
    let choose = move |keep: bool| choose.with_value(|f| f(keep));
    let notices = view! {
        {move || {
            unreadable
                .get()
                .then(|| {
                    view! {
                        <p class="notice" role="status" data-testid="storage-unreadable">
                            {move || texts(lang.get()).storage_unreadable}
                        </p>
                    }
                })
        }}
        {move || {
            unopened
                .get()
                .then(|| {
                    view! {
                        <p class="notice" role="alert" data-testid="storage-unopened">
                            {move || texts(lang.get()).storage_unopened}
                            " "
                            <button type="button" on:click=retry_restore>
                                {move || texts(lang.get()).try_again}
                            </button>
                        </p>
                    }
                })
        }}
        {move || {
            let lang = lang.get();
            problem
                .get()
                .map(|p| {
                    let kind = match p {
                        StorageError::Unavailable(_) => "unavailable",
                        StorageError::Quota(_) => "quota",
                        StorageError::Conflict => "conflict",
                        StorageError::Other(_) => "other",
                    };
                    view! {
                        <div
                            class="storage-problem"
                            role="alert"
                            data-testid="storage-problem"
                            data-kind=kind
                        >
                            <p>{p.message(lang)}</p>
                            {p
                                .choices(lang)
                                .map(|(load, keep)| {
                                    view! {
                                        <p>
                                            <button
                                                type="button"
                                                data-testid="load-saved"
                                                on:click=move |_| choose(false)
                                            >
                                                {load}
                                            </button>
                                            " "
                                            <button
                                                type="button"
                                                class="secondary"
                                                data-testid="keep-mine"
                                                on:click=move |_| choose(true)
                                            >
                                                {keep}
                                            </button>
                                        </p>
                                    }
                                })}
                        </div>
                    }
                })
        }}
    };
    (state, notices)
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
        use SaveState::{Saved, Updated};
        // Nothing unsaved: take it quietly, whether a save is asked or not.
        assert_eq!(
            next_step(false, true, false, false, false),
            Step::Take(Updated)
        );
        assert_eq!(
            next_step(false, true, false, false, true),
            Step::Take(Updated)
        );
        // Unsaved changes: the banner, and no save over the other tab's.
        assert_eq!(next_step(false, true, false, true, true), Step::Conflict);
        assert_eq!(next_step(false, true, false, true, false), Step::Conflict);
        // The banner is shown: nothing more until the user chooses.
        assert_eq!(next_step(false, true, true, true, true), Step::Done);
        assert_eq!(next_step(false, false, true, true, true), Step::Done);
        // Load the saved one, whatever else.
        assert_eq!(next_step(true, true, true, true, true), Step::Take(Saved));
        assert_eq!(
            next_step(true, false, false, false, false),
            Step::Take(Saved)
        );
        // No news (seen already, overwritten by "keep mine", or "keep mine"
        // on its way): this tab's own saves.
        assert_eq!(next_step(false, false, false, true, true), Step::Save);
        assert_eq!(next_step(false, false, false, true, false), Step::Done);
        assert_eq!(next_step(false, false, false, false, false), Step::Done);
    }
}
