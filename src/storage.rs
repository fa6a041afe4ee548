//! Autosave: the workspace (the JSON text that
//! `kalkyl_core::file::write_workspace_store` writes: the workspace file
//! without its derived parts) kept in the browser's
//! IndexedDB, so that a reload or a closed tab loses nothing.
//!
//! One database `kalkyl` (version 1) with one object store `workspace`. The
//! record under the key `current` is `{revision, tab, saved_at, text}`; the
//! revision goes up by one per save. Texts that this version of the app
//! cannot read are put aside under `unreadable-<ISO time>` with the same
//! shape ([`Store::keep_aside`]).
//!
//! Two tabs: a save is a compare-and-swap inside one read-write transaction
//! (IndexedDB runs read-write transactions on a store one at a time, across
//! tabs): it reads the stored record and writes only if its revision is the
//! one this tab last loaded or wrote, so a tab never silently overwrites
//! another tab's save; it gets [`StorageError::Conflict`] instead. After a
//! save the tab posts `"<tab id> <revision>"` on the BroadcastChannel
//! `kalkyl-workspace`, so the others hear of it at once
//! ([`on_saved_elsewhere`]) and can tell news from a save they have already
//! seen or overwritten ([`Store::is_news`]).
//!
//! The IndexedDB calls themselves are a few lines of JavaScript in
//! `storage.js` (wasm-bindgen ships it as a snippet module; Trunk preloads it
//! from `index.html`, so the size test counts it, and the service worker
//! caches it). Measured with a minimal caller, the whole module costs about
//! 4.4 KiB gzip on the first load, the texts included; the same calls
//! through web-sys cost about 6.0 KiB. Unlike unused web-sys bindings, the
//! snippet (0.8 KiB) ships even while nothing calls it. The JavaScript only
//! moves data; every decision (the revision to write or a conflict, the
//! classification of failures) is made here, in plain functions with native
//! tests. `save` reads in one call and writes in the next, within the same
//! transaction: the Rust code between them runs in microtasks of the read's
//! success event, while the transaction is still active.
//!
//! Every browser failure becomes a [`StorageError`]; nothing here panics.

use std::cell::Cell;

use js_sys::{Promise, Reflect};
use kalkyl_core::lang::Lang;
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::texts;

#[wasm_bindgen(module = "/src/storage.js")]
extern "C" {
    /// Opens (on first use creates) the database and resolves with the
    /// connection, which closes itself when a newer version of the app
    /// needs to upgrade. Rejects with the DOMException, or `{name:
    /// "blocked"}` when an older connection does not close.
    fn idb_open() -> Promise;

    /// Starts a transaction (read-write if `write`) and reads `current`:
    /// resolves with `{store, record, mine}`, where `record` is `undefined`
    /// when nothing is stored and `mine` says whether this tab wrote it.
    fn idb_read(db: &JsValue, write: bool) -> Promise;

    /// Puts `{revision, tab, saved_at, text}` under `current`, or under
    /// `unreadable-<saved_at>` if `aside`, in `store`'s transaction; resolves
    /// once it committed (then announces a save of `current`), rejects with
    /// the transaction's error if it aborted.
    fn idb_put(store: &JsValue, aside: bool, revision: f64, text: &JsValue) -> Promise;

    /// Calls `f` with the revision of each announcement from another tab;
    /// throws without a BroadcastChannel.
    #[wasm_bindgen(catch)]
    fn idb_listen(f: &JsValue) -> Result<(), JsValue>;
}

/// Why the browser's storage did not do what was asked. The strings are
/// technical details (the DOMException's name and message) for a
/// "technical details" fold or the console; [`StorageError::message`] is
/// what the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage: IndexedDB missing or refused (private mode, settings),
    /// the database could not be opened or its connection was closed.
    Unavailable(String),
    /// The browser's storage quota is used up (`QuotaExceededError`).
    Quota(String),
    /// Another tab saved since this tab last loaded or saved; nothing was
    /// written.
    Conflict,
    /// Any other failure of a read or a write.
    Other(String),
}

impl StorageError {
    /// What happened, for the user, with the advice to export the workspace
    /// as a file (JSON) so that nothing is lost.
    pub fn message(&self, lang: Lang) -> &'static str {
        let t = texts(lang);
        match self {
            StorageError::Unavailable(_) => t.storage_unavailable,
            StorageError::Quota(_) => t.storage_quota,
            StorageError::Conflict => t.storage_conflict,
            StorageError::Other(_) => t.storage_failed,
        }
    }

    /// The two buttons of a conflict notice: load the saved workspace
    /// ([`Store::peek`]), or keep this tab's and save it
    /// ([`Store::overwrite`]). `None` for the other errors.
    pub fn choices(&self, lang: Lang) -> Option<(&'static str, &'static str)> {
        let t = texts(lang);
        (*self == StorageError::Conflict).then_some((t.storage_load_saved, t.storage_keep_mine))
    }
}

/// The autosave indicator's states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// What is shown is what is stored.
    Saved,
    /// A save is under way.
    Saving,
    /// Changes are not stored (a failure, a conflict, or no storage).
    Unsaved,
    /// What is shown is what is stored: another tab saved it, and this tab,
    /// having no change of its own to lose, took it.
    Updated,
}

impl SaveState {
    /// The indicator's text.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = texts(lang);
        match self {
            SaveState::Saved => t.save_saved,
            SaveState::Saving => t.save_saving,
            SaveState::Unsaved => t.save_unsaved,
            SaveState::Updated => t.save_updated,
        }
    }

    /// A stable name for `data-state`, used by tests and styles.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Saving => "saving",
            SaveState::Unsaved => "unsaved",
            SaveState::Updated => "updated",
        }
    }
}

/// An open database and this tab's knowledge of the stored revision.
///
/// The methods take `&self` (the revision is a `Cell`), so the app can keep
/// the store in an `Rc` and call it from `spawn_local` futures without a
/// `RefCell` borrowed across an `await`. Let one save finish before the next
/// starts (keep the newest text and save it when the running save is done).
pub struct Store {
    /// The `IDBDatabase`.
    db: JsValue,
    /// The revision this tab last loaded or wrote; `None` until it has seen
    /// a stored record.
    known: Cell<Option<u64>>,
}

impl Store {
    /// Opens (and on first use creates) the database.
    pub async fn open() -> Result<Store, StorageError> {
        let db = JsFuture::from(idb_open()).await.map_err(unavailable)?;
        Ok(Store {
            db,
            known: Cell::new(None),
        })
    }

    /// The saved workspace, if any, without taking its revision: a tab that
    /// edits while this runs has not seen it, and must not save over it.
    /// [`Store::adopt`] takes it once the workspace is on screen.
    pub async fn peek(&self) -> Result<Option<Stored>, StorageError> {
        self.exchange(&JsValue::UNDEFINED, Op::Load).await
    }

    /// Makes the revision of what [`Store::peek`] read (or nothing stored)
    /// this tab's, so the next [`Store::save`] builds on it.
    pub fn adopt(&self, stored: Option<&Stored>) {
        self.known.set(stored.map(|s| s.revision));
    }

    /// Whether another tab's announced save of `revision` is one this tab
    /// has not seen: newer than what it last loaded or wrote (an older one
    /// was seen, or overwritten by this tab's "keep mine").
    pub fn is_news(&self, revision: u64) -> bool {
        is_news(self.known.get(), revision)
    }

    /// Saves `text` only if the stored revision is still the one this tab
    /// last loaded or saved (or this tab wrote it, or nothing is stored):
    /// the check and the write are one read-write transaction. Otherwise
    /// `Err(Conflict)` and nothing is written.
    pub async fn save(&self, text: &JsValue) -> Result<(), StorageError> {
        self.exchange(text, Op::Save).await.map(drop)
    }

    /// Saves `text` whatever is stored (the user chose to keep this tab's
    /// workspace), and takes the new revision.
    pub async fn overwrite(&self, text: &JsValue) -> Result<(), StorageError> {
        self.exchange(text, Op::Overwrite).await.map(drop)
    }

    /// Puts a stored text that this version of the app cannot read aside,
    /// under `unreadable-<ISO time>`, so that nothing is lost silently; the
    /// next save may then replace `current`.
    pub async fn keep_aside(&self, text: &str) -> Result<(), StorageError> {
        self.exchange(&JsValue::from_str(text), Op::Aside)
            .await
            .map(drop)
    }

    /// Every operation, in one transaction (one function, so one state
    /// machine in the binary): reads `current`; a load takes its revision
    /// and returns its text; a write decides, puts and waits for the commit.
    async fn exchange(&self, text: &JsValue, op: Op) -> Result<Option<Stored>, StorageError> {
        let read = JsFuture::from(idb_read(&self.db, op != Op::Load))
            .await
            .map_err(other)?;
        let record = prop(&read, "record");
        let stored = (!record.is_undefined()).then(|| revision_of(&record));
        let known = self.known.get();
        if op == Op::Load {
            let Some(revision) = stored else {
                return Ok(None);
            };
            let Some(text) = prop(&record, "text").as_string() else {
                return Err(StorageError::Other("the stored record has no text".into()));
            };
            return Ok(Some(Stored { text, revision }));
        }
        let revision = if op == Op::Aside {
            known.unwrap_or(0)
        } else {
            let mine = prop(&read, "mine").as_bool() == Some(true);
            // On a conflict nothing is written: the transaction just ends.
            next_revision(known, stored.map(|r| (r, mine)), op == Op::Overwrite)
                .ok_or(StorageError::Conflict)?
        };
        let store = prop(&read, "store");
        JsFuture::from(idb_put(&store, op == Op::Aside, revision as f64, text))
            .await
            .map_err(other)?;
        if op != Op::Aside {
            self.known.set(Some(revision));
        }
        Ok(None)
    }
}

/// Joins the pieces of a written workspace into one string in the
/// browser's memory, for [`Store::save`]: the WebAssembly side never holds
/// the whole text at once.
pub fn joined_text(pieces: &[String]) -> JsValue {
    pieces
        .iter()
        .fold(js_sys::JsString::from(""), |text, piece| {
            text.concat(&JsValue::from_str(piece))
        })
        .into()
}

/// The stored workspace text and its revision, as [`Store::peek`] read it.
pub struct Stored {
    /// The workspace file (its stored form).
    pub text: String,
    revision: u64,
}

/// What [`Store::exchange`] does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Read `current`.
    Load,
    /// Compare and swap `current`.
    Save,
    /// Replace `current` whatever it holds.
    Overwrite,
    /// Put the text under `unreadable-<ISO time>`.
    Aside,
}

/// Calls `f` with the revision when another tab of this origin saved the
/// workspace (the announcements carry the tab's id, so a tab ignores its
/// own). Does nothing if the browser has no BroadcastChannel. The listener
/// lives as long as the page.
pub fn on_saved_elsewhere(f: impl Fn(u64) + 'static) {
    let listener = Closure::<dyn FnMut(f64)>::new(move |revision: f64| f(revision as u64));
    if idb_listen(listener.as_ref()).is_ok() {
        listener.forget();
    }
}

/// A record's revision; 0 if it has none that can be read.
fn revision_of(record: &JsValue) -> u64 {
    prop(record, "revision").as_f64().map_or(0, |r| r as u64)
}

/// `target[key]`, or `undefined` if reading it throws.
fn prop(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A failure after opening.
fn other(failure: JsValue) -> StorageError {
    classify_failure(&failure, false)
}

/// A failure while opening.
fn unavailable(failure: JsValue) -> StorageError {
    classify_failure(&failure, true)
}

/// A rejection (a DOMException, a JavaScript error or `{name}`) as a
/// [`StorageError`].
fn classify_failure(failure: &JsValue, opening: bool) -> StorageError {
    let text = |key| prop(failure, key).as_string().unwrap_or_default();
    classify(&text("name"), &text("message"), opening)
}

/// Classifies a failure by its DOMException name (or `blocked`, `abort`).
/// Everything that goes wrong while opening the database means there is no
/// storage, except a full quota.
fn classify(name: &str, message: &str, opening: bool) -> StorageError {
    let detail = if message.is_empty() {
        name.to_string()
    } else {
        format!("{name}: {message}")
    };
    match name {
        "QuotaExceededError" => StorageError::Quota(detail),
        // Chromium also says UnknownError when one record is too large
        // to store, which is no sign of private mode.
        "UnknownError" if !opening => StorageError::Other(detail),
        "SecurityError" | "InvalidStateError" | "UnknownError" | "VersionError" => {
            StorageError::Unavailable(detail)
        }
        _ if opening => StorageError::Unavailable(detail),
        _ => StorageError::Other(detail),
    }
}

/// Whether an announced save of `revision` is newer than the revision this
/// tab last loaded or wrote (`known`; `None`: it has seen no stored record).
fn is_news(known: Option<u64>, revision: u64) -> bool {
    known.is_none_or(|k| revision > k)
}

/// The revision a write stores, or `None` when it must not write. `known` is
/// the revision this tab last loaded or wrote; `stored` the stored record's
/// revision and whether this tab wrote it. A write goes ahead when forced,
/// when nothing is stored, when the stored revision is the known one, or
/// when this tab wrote it (its own earlier save: no other tab's work is
/// there).
fn next_revision(known: Option<u64>, stored: Option<(u64, bool)>, force: bool) -> Option<u64> {
    match stored {
        None => Some(1),
        Some((revision, mine)) => {
            (force || mine || known == Some(revision)).then(|| revision.saturating_add(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_classified_by_their_name() {
        assert_eq!(
            classify("QuotaExceededError", "full", false),
            StorageError::Quota("QuotaExceededError: full".into())
        );
        assert!(matches!(
            classify("QuotaExceededError", "", true),
            StorageError::Quota(_)
        ));
        for name in [
            "SecurityError",
            "InvalidStateError",
            "UnknownError",
            "VersionError",
        ] {
            assert!(
                matches!(classify(name, "", true), StorageError::Unavailable(_)),
                "{name}"
            );
        }
        for name in ["SecurityError", "InvalidStateError", "VersionError"] {
            assert!(
                matches!(classify(name, "", false), StorageError::Unavailable(_)),
                "{name}"
            );
        }
        // What Chromium says of a record too large to store.
        let too_large = "The serialized keys and/or value are too large";
        assert!(matches!(
            classify("UnknownError", too_large, false),
            StorageError::Other(_)
        ));
        // Anything failing while opening means no storage.
        assert_eq!(
            classify("blocked", "", true),
            StorageError::Unavailable("blocked".into())
        );
        assert!(matches!(
            classify("AbortError", "", true),
            StorageError::Unavailable(_)
        ));
        // After opening, an unknown failure is just that.
        assert_eq!(
            classify("DataCloneError", "no", false),
            StorageError::Other("DataCloneError: no".into())
        );
        assert_eq!(
            classify("abort", "", false),
            StorageError::Other("abort".into())
        );
    }

    #[test]
    fn a_save_never_overwrites_another_tabs_newer_save() {
        // Nothing stored yet: the first revision.
        assert_eq!(next_revision(None, None, false), Some(1));
        assert_eq!(next_revision(Some(4), None, false), Some(1));
        // The stored revision is the one this tab loaded or wrote.
        assert_eq!(next_revision(Some(4), Some((4, false)), false), Some(5));
        assert_eq!(next_revision(Some(4), Some((4, true)), false), Some(5));
        // Another tab saved since.
        assert_eq!(next_revision(Some(4), Some((5, false)), false), None);
        // This tab never loaded, and something is stored.
        assert_eq!(next_revision(None, Some((1, false)), false), None);
        // This tab's own later save (two saves in flight).
        assert_eq!(next_revision(Some(4), Some((5, true)), false), Some(6));
        // Keep mine: whatever is stored, one more.
        assert_eq!(next_revision(Some(4), Some((9, false)), true), Some(10));
        assert_eq!(next_revision(None, Some((9, false)), true), Some(10));
        assert_eq!(next_revision(None, None, true), Some(1));
    }

    #[test]
    fn only_a_save_this_tab_has_not_seen_is_news() {
        // Another tab saved after this tab's last load or save.
        assert!(is_news(Some(4), 5));
        // Nothing was stored when this tab looked: anything saved is new.
        assert!(is_news(None, 1));
        // Seen already, or overwritten since by this tab's "keep mine"
        // (the announcement of 5 arrives after this tab wrote 6).
        assert!(!is_news(Some(4), 4));
        assert!(!is_news(Some(6), 5));
    }

    #[test]
    fn every_failure_is_told_in_both_languages_with_the_way_out() {
        let errors = [
            StorageError::Unavailable(String::new()),
            StorageError::Quota(String::new()),
            StorageError::Conflict,
            StorageError::Other(String::new()),
        ];
        for error in &errors {
            let sv = error.message(Lang::Sv);
            let en = error.message(Lang::En);
            assert_ne!(sv, en, "{error:?}");
            assert!(sv.contains("fil (JSON)"), "{error:?}: {sv}");
            assert!(en.contains("file (JSON)"), "{error:?}: {en}");
        }
        let distinct: std::collections::HashSet<_> =
            errors.iter().map(|e| e.message(Lang::Sv)).collect();
        assert_eq!(distinct.len(), errors.len());
        assert!(StorageError::Conflict
            .message(Lang::Sv)
            .starts_with("Arbetsytan har sparats i en annan flik."));
        assert_eq!(
            StorageError::Conflict.choices(Lang::Sv),
            Some(("Läs in den sparade", "Behåll min och spara"))
        );
        assert_eq!(StorageError::Quota(String::new()).choices(Lang::Sv), None);
        let states = [
            SaveState::Saved,
            SaveState::Saving,
            SaveState::Unsaved,
            SaveState::Updated,
        ];
        for state in states {
            assert_ne!(state.label(Lang::Sv), state.label(Lang::En));
        }
        let names: std::collections::HashSet<_> = states.iter().map(|s| s.as_str()).collect();
        assert_eq!(names.len(), states.len());
        assert_eq!(SaveState::Saving.label(Lang::Sv), "Sparar…");
        assert_eq!(
            SaveState::Updated.label(Lang::Sv),
            "Uppdaterad från en annan flik"
        );
    }
}
