//! Autosave: the workspace file (the JSON text that
//! `kalkyl_core::file::write_workspace_file` writes) kept in the browser's
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
//! `kalkyl-workspace`, so the others can say so at once
//! ([`on_saved_elsewhere`]).
//!
//! Waiting: each IndexedDB request or transaction gets a promise whose
//! `resolve` and `reject` are themselves the event handlers (no Rust
//! closures). The code after an `await` runs in a microtask of that event's
//! dispatch, while the transaction is still active, which is what lets
//! `save` read and then write in one transaction.
//!
//! Every browser failure becomes a [`StorageError`]; nothing here panics.

// Not called by the app yet; remove when it is wired in.
#![allow(dead_code)]

use std::cell::Cell;

use js_sys::{Date, Function, Object, Promise, Reflect};
use kalkyl_core::lang::Lang;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, IdbDatabase, IdbTransactionMode};

use crate::i18n::texts;

const DB_NAME: &str = "kalkyl";
const DB_VERSION: u32 = 1;
const STORE: &str = "workspace";
const CURRENT: &str = "current";
const CHANNEL: &str = "kalkyl-workspace";

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
    /// ([`Store::load`]), or keep this tab's and save it
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
}

impl SaveState {
    /// The indicator's text.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = texts(lang);
        match self {
            SaveState::Saved => t.save_saved,
            SaveState::Saving => t.save_saving,
            SaveState::Unsaved => t.save_unsaved,
        }
    }

    /// A stable name for `data-state`, used by tests and styles.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Saving => "saving",
            SaveState::Unsaved => "unsaved",
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
    db: IdbDatabase,
    /// The revision this tab last loaded or wrote; `None` until it has seen
    /// a stored record.
    known: Cell<Option<u64>>,
    /// Where saves are announced; `None` if the browser has no
    /// BroadcastChannel (the compare-and-swap still protects the saves).
    channel: Option<BroadcastChannel>,
}

impl Store {
    /// Opens (and on first use creates) the database.
    pub async fn open() -> Result<Store, StorageError> {
        let factory = web_sys::window()
            .ok_or_else(|| StorageError::Unavailable("no window".into()))?
            .indexed_db()
            .map_err(unavailable)?
            .ok_or_else(|| StorageError::Unavailable("no indexedDB".into()))?;
        let request: JsValue = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(unavailable)?
            .into();
        // `upgradeneeded` resolves too, to create the store; `blocked`: a
        // connection of an older version did not close.
        let opened = || {
            settle(
                &request,
                &["onsuccess", "onupgradeneeded"],
                &["onerror", "onblocked"],
            )
        };
        let first = opened().await.map_err(unavailable)?;
        let db: IdbDatabase = prop(&request, "result").unchecked_into();
        if prop(&first, "type") == "upgradeneeded" {
            // A new database: create the store while the upgrade
            // transaction is active, then wait for the open to succeed.
            db.create_object_store(STORE).map_err(unavailable)?;
            opened().await.map_err(unavailable)?;
        }
        // A newer version of the app may need to upgrade the database: this
        // connection then closes (its next use reports `Unavailable`)
        // instead of blocking the newer tab.
        let close = prop(&db, "close");
        if close.is_function() {
            let close = close.unchecked_into::<Function>().bind0(&db);
            let _ = Reflect::set(&db, &JsValue::from_str("onversionchange"), &close);
        }
        Ok(Store {
            db,
            known: Cell::new(None),
            channel: BroadcastChannel::new(CHANNEL).ok(),
        })
    }

    /// The revision this tab last loaded or saved, if any.
    pub fn revision(&self) -> Option<u64> {
        self.known.get()
    }

    /// The saved workspace text, if any; its revision becomes this tab's
    /// ([`Store::revision`]), so the next [`Store::save`] builds on it.
    pub async fn load(&self) -> Result<Option<String>, StorageError> {
        self.exchange("", Op::Load).await
    }

    /// Saves `text` only if the stored revision is still the one this tab
    /// last loaded or saved (or this tab wrote it, or nothing is stored):
    /// the check and the write are one read-write transaction. Otherwise
    /// `Err(Conflict)` and nothing is written.
    pub async fn save(&self, text: &str) -> Result<(), StorageError> {
        self.exchange(text, Op::Save).await.map(drop)
    }

    /// Saves `text` whatever is stored (the user chose to keep this tab's
    /// workspace), and takes the new revision.
    pub async fn overwrite(&self, text: &str) -> Result<(), StorageError> {
        self.exchange(text, Op::Overwrite).await.map(drop)
    }

    /// Puts a stored text that this version of the app cannot read aside,
    /// under `unreadable-<ISO time>`, so that nothing is lost silently; the
    /// next save may then replace `current`.
    pub async fn keep_aside(&self, text: &str) -> Result<(), StorageError> {
        self.exchange(text, Op::Aside).await.map(drop)
    }

    /// Every operation, in one transaction (one function, so one state
    /// machine in the binary): reads `current` (unless putting aside); a
    /// load takes its revision and returns its text; a write decides, puts
    /// and waits for the commit.
    async fn exchange(&self, text: &str, op: Op) -> Result<Option<String>, StorageError> {
        let mode = if op == Op::Load {
            IdbTransactionMode::Readonly
        } else {
            IdbTransactionMode::Readwrite
        };
        let tx = self
            .db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(other)?;
        let store = tx.object_store(STORE).map_err(other)?;
        let known = self.known.get();
        let mut stored = JsValue::UNDEFINED;
        if op != Op::Aside {
            let request = store.get(&JsValue::from_str(CURRENT)).map_err(other)?;
            settle(&request, &["onsuccess"], &["onerror"])
                .await
                .map_err(other)?;
            stored = prop(&request, "result");
        }
        let stored_revision = (!stored.is_undefined()).then(|| revision_of(&stored));
        if op == Op::Load {
            let text = prop(&stored, "text").as_string();
            if stored_revision.is_some() && text.is_none() {
                return Err(StorageError::Other("the stored record has no text".into()));
            }
            self.known.set(stored_revision);
            return Ok(text);
        }
        let now: JsValue = Date::new_0().to_iso_string().into();
        let (key, revision) = if op == Op::Aside {
            let key = format!("unreadable-{}", now.as_string().unwrap_or_default());
            (key, known.unwrap_or(0))
        } else {
            let mine = prop(&stored, "tab").as_string() == Some(tab_id());
            let stored = stored_revision.map(|revision| (revision, mine));
            // On a conflict nothing is written: the transaction just ends.
            let next =
                next_revision(known, stored, op == Op::Overwrite).ok_or(StorageError::Conflict)?;
            (CURRENT.to_string(), next)
        };
        store
            .put_with_key(&record(revision, &now, text), &JsValue::from_str(&key))
            .map_err(other)?;
        // Wait for the commit: a full quota often shows only there.
        settle(&tx, &["oncomplete"], &["onabort"])
            .await
            .map_err(other)?;
        if op != Op::Aside {
            self.known.set(Some(revision));
            if let Some(channel) = &self.channel {
                let message = format!("{} {revision}", tab_id());
                let _ = channel.post_message(&JsValue::from_str(&message));
            }
        }
        Ok(None)
    }
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

/// Calls `f` when another tab of this origin saved the workspace. Does
/// nothing if the browser has no BroadcastChannel. The listener lives as
/// long as the page.
pub fn on_saved_elsewhere(f: impl Fn() + 'static) {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let own = tab_id();
    let listener = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        if prop(&event, "data")
            .as_string()
            .is_some_and(|message| from_other_tab(&message, &own))
        {
            f();
        }
    });
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    // An open channel with a listener stays alive; keep the handle too.
    std::mem::forget(channel);
}

thread_local! {
    /// This page's id in the records and messages: random, set on first use.
    static TAB: Cell<u64> = const { Cell::new(0) };
}

fn tab_id() -> String {
    TAB.with(|tab| {
        if tab.get() == 0 {
            tab.set((js_sys::Math::random() * 9_007_199_254_740_992.0) as u64 + 1);
        }
        tab.get()
    })
    .to_string()
}

/// A promise for the first of the events `ok` (resolved with the event) or
/// `fail` (rejected with it) on `target`, a request or a transaction: the
/// promise's own `resolve` and `reject` are the handlers, so no Rust
/// closure is involved.
fn settle(target: &JsValue, ok: &[&str], fail: &[&str]) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        for (handlers, function) in [(ok, &resolve), (fail, &reject)] {
            for handler in handlers {
                let _ = Reflect::set(target, &JsValue::from_str(handler), function);
            }
        }
    }))
}

/// A stored record: `{revision, tab, saved_at, text}`.
fn record(revision: u64, saved_at: &JsValue, text: &str) -> JsValue {
    let record = Object::new();
    let fields = [
        ("revision", &JsValue::from_f64(revision as f64)),
        ("tab", &JsValue::from_str(&tab_id())),
        ("saved_at", saved_at),
        ("text", &JsValue::from_str(text)),
    ];
    for (key, value) in fields {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&record, &JsValue::from_str(key), value);
    }
    record.into()
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

/// A failure as a [`StorageError`]. `failure` is a thrown exception (a
/// DOMException) or an `error`, `abort` or `blocked` event, whose target (a
/// request or a transaction) holds the DOMException in `error`.
fn classify_failure(failure: &JsValue, opening: bool) -> StorageError {
    let error = prop(&prop(failure, "target"), "error");
    let error = if error.is_object() { &error } else { failure };
    let name = prop(error, "name")
        .as_string()
        .or_else(|| prop(error, "type").as_string())
        .unwrap_or_default();
    let message = prop(error, "message").as_string().unwrap_or_default();
    classify(&name, &message, opening)
}

/// Classifies a failure by its DOMException name (or, for an event without
/// one, the event type). Everything that goes wrong while opening the
/// database means there is no storage, except a full quota.
fn classify(name: &str, message: &str, opening: bool) -> StorageError {
    let detail = if message.is_empty() {
        name.to_string()
    } else {
        format!("{name}: {message}")
    };
    match name {
        "QuotaExceededError" => StorageError::Quota(detail),
        "SecurityError" | "InvalidStateError" | "UnknownError" | "VersionError" => {
            StorageError::Unavailable(detail)
        }
        _ if opening => StorageError::Unavailable(detail),
        _ => StorageError::Other(detail),
    }
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

/// Whether a save announcement (`"<tab id> <revision>"`) comes from another
/// tab.
fn from_other_tab(message: &str, own_tab: &str) -> bool {
    message
        .split_once(' ')
        .is_some_and(|(tab, _)| tab != own_tab)
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
                matches!(classify(name, "", false), StorageError::Unavailable(_)),
                "{name}"
            );
        }
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
    fn a_tab_ignores_its_own_announcements() {
        assert!(from_other_tab("123 7", "456"));
        assert!(!from_other_tab("456 7", "456"));
        assert!(!from_other_tab("123", "456"));
        assert!(!from_other_tab("", "456"));
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
        for state in [SaveState::Saved, SaveState::Saving, SaveState::Unsaved] {
            assert_ne!(state.label(Lang::Sv), state.label(Lang::En));
        }
        assert_eq!(SaveState::Saving.label(Lang::Sv), "Sparar…");
    }
}
