//! The on-demand module (`crates/kalkyl-year`): what the first screen does
//! not need and the first load has no room for. It draws the year in one
//! view ([`crate::year`]) and a table's charts ([`OnDemand::charts`]), and lays out
//! text without delimiters (PDF and web copies) for the reader
//! ([`lay_out_lines`], registered with the core at start). One
//! [`OnDemand`] loads it once for all of them (`on_demand.js` shares the
//! one import), and says where the load is so that the screens can show it.
//!
//! It also reads workspace files ([`OnDemand::read_workspace`]): the file's
//! reader is not in the first load either.
//!
//! The modules share no memory: they pass text (the workspace's stored
//! form) and bytes (a layout, a read workspace: `kalkyl_core::handover`).

use std::cell::RefCell;

use kalkyl_core::file::{write_sheet_store_pieces, write_workspace_store_pieces};
use kalkyl_core::handover::{read_handover, read_line_layout, write_choices};
use kalkyl_core::lang::Lang;
use kalkyl_core::read::{LaidOut, ReadChoices};
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::storage::joined_text;

#[wasm_bindgen(module = "/src/on_demand.js")]
extern "C" {
    /// Loads the module once (later calls share the load; a failed one
    /// may be tried again) and resolves with its exports.
    fn module_import() -> js_sys::Promise;

    /// The year view (`YearView`) of the loaded module `year`, mounted
    /// into `slot` in language `lang`: see [`crate::year`].
    pub(crate) fn year_view(
        year: &JsValue,
        slot: &Element,
        lang: &str,
        on_change: &JsValue,
        download: &JsValue,
        copy: &JsValue,
    ) -> JsValue;

    /// The charts of the one table in `workspace` (the stored form of one
    /// sheet), drawn by the loaded module `year`: HTML, empty when the
    /// table has nothing to chart.
    fn table_charts(year: &JsValue, workspace: &JsValue, lang: &str) -> String;

    /// The layout of text without delimiters
    /// (`kalkyl_core::handover::write_line_layout`) with read choices
    /// `choices` (`write_choices`), by the loaded module `year`; nothing if
    /// the text has delimiters.
    fn line_layout(year: &JsValue, plain: &str, choices: &[u8]) -> Option<Vec<u8>>;

    /// The workspace file to export, from its stored form `store`, by the
    /// loaded module `year`; nothing if it could not be written.
    fn workspace_file(year: &JsValue, store: &JsValue, saved_at: &str) -> Option<String>;

    /// The one table of `sheet` (the stored form of one sheet) as `kind`
    /// (`csv-sv`, `csv`: one text; `copy`: HTML and plain text), by the
    /// loaded module `year`; empty if nothing could be written.
    fn table_file(year: &JsValue, sheet: &JsValue, kind: &str, lang: &str) -> js_sys::Array;

    /// The workspace file `file` read by the loaded module `year`, in the
    /// form `kalkyl_core::handover::read_handover` reads; thrown, why it
    /// cannot be read, in language `lang`.
    #[wasm_bindgen(catch)]
    fn read_workspace(year: &JsValue, file: &str, lang: &str) -> Result<Vec<u8>, JsValue>;
}

/// Where the module is.
#[derive(Clone, PartialEq)]
pub enum Module {
    /// Not asked for yet.
    Idle,
    /// Being fetched and compiled.
    Loading,
    /// There, with its exports.
    Ready(JsValue),
    /// Could not be loaded (offline before it was cached); may be tried
    /// again.
    Failed,
}

thread_local! {
    /// The loaded module, for [`lay_out_lines`], which the core calls
    /// outside any reactive owner.
    static LOADED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The one loader of the module. Copy it freely.
#[derive(Clone, Copy)]
pub struct OnDemand {
    state: RwSignal<Module, LocalStorage>,
}

impl OnDemand {
    /// Nothing loaded yet.
    pub fn new() -> OnDemand {
        OnDemand {
            state: RwSignal::new_local(Module::Idle),
        }
    }

    /// Where the module is (tracked).
    pub fn state(self) -> Module {
        self.state.get()
    }

    /// Where the module is (untracked).
    pub fn state_untracked(self) -> Module {
        self.state.get_untracked()
    }

    /// The module's exports if it is loaded (untracked).
    pub fn ready(self) -> Option<JsValue> {
        match self.state.get_untracked() {
            Module::Ready(year) => Some(year),
            _ => None,
        }
    }

    /// Starts loading the module, unless it is loading or there.
    pub fn load(self) {
        self.then(|_| ());
    }

    /// Runs `f` with the module's exports once it is loaded (at once if it
    /// is), or with `None` if it could not be.
    pub fn then(self, f: impl FnOnce(Option<JsValue>) + 'static) {
        // Boxed, so that the wait below is compiled once, not per caller.
        self.then_boxed(Box::new(f));
    }

    fn then_boxed(self, f: Box<dyn FnOnce(Option<JsValue>)>) {
        if let Some(year) = self.ready() {
            f(Some(year));
            return;
        }
        // Loading from now, not from the task's first step: whoever draws
        // next shows it.
        if self.state.get_untracked() != Module::Loading {
            self.state.set(Module::Loading);
        }
        wasm_bindgen_futures::spawn_local(async move { f(self.loaded().await) });
    }

    /// The module's exports once it is loaded (at once if it is), or
    /// `None` if it could not be.
    pub async fn loaded(self) -> Option<JsValue> {
        if let Some(year) = self.ready() {
            return Some(year);
        }
        if self.state.get_untracked() != Module::Loading {
            self.state.set(Module::Loading);
        }
        let year = match JsFuture::from(module_import()).await {
            Ok(year) => Some(year),
            Err(e) => {
                web_sys::console::error_1(&e);
                None
            }
        };
        // The first to finish says where the module is; the import is
        // shared, so every waiter gets the same answer.
        if self.state.get_untracked() == Module::Loading {
            if let Some(year) = &year {
                LOADED.with(|m| *m.borrow_mut() = Some(year.clone()));
            }
            self.state
                .set(year.clone().map_or(Module::Failed, Module::Ready));
        }
        year
    }

    /// Reads a workspace file (one the user opens, or the one the browser
    /// stored) with the module: the file's reader, its limits and its
    /// error paths are not in the first load. The module hands the
    /// workspace over in the model's own form (`read_handover`).
    pub async fn read_workspace(self, file: &str, lang: Lang) -> Result<Workspace, Unread> {
        let year = self.loaded().await.ok_or(Unread::NoModule)?;
        let bytes = read_workspace(&year, file, lang.tag())
            .map_err(|why| Unread::File(why.as_string().unwrap_or_default()))?;
        read_handover(&bytes).ok_or_else(|| {
            web_sys::console::error_1(&"the on-demand module's workspace could not be read".into());
            Unread::File(String::new())
        })
    }
}

/// Why [`OnDemand::read_workspace`] gave no workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Unread {
    /// The file is not one Kalkyl reads: why and where, in the language
    /// asked for (empty when the module gave no reason).
    File(String),
    /// The module that reads files could not be loaded (offline before
    /// the browser had kept it): nothing was read, and nothing is wrong
    /// with the file.
    NoModule,
}

impl OnDemand {
    /// The workspace file to export, written by the module: the first load
    /// has no room for what only an export writes (every derived figure,
    /// the follow-ups' rows). `done` gets it, or `None` if the module could
    /// not be loaded or the file written. The workspace is taken now.
    pub fn workspace_file(
        self,
        ws: &Workspace,
        saved_at: String,
        done: impl FnOnce(Option<String>) + 'static,
    ) {
        let Some(store) = write_workspace_store_pieces(ws, None) else {
            done(None);
            return;
        };
        let store = joined_text(&store);
        self.then(move |year| done(year.and_then(|y| workspace_file(&y, &store, &saved_at))));
    }

    /// Sheet `id` of `ws` as `kind` (see `table_file` in `on_demand.js`),
    /// written by the module; `done` gets the texts, none if the module
    /// could not be loaded. The sheet is taken now.
    pub fn table_file(
        self,
        ws: &Workspace,
        id: u64,
        kind: &'static str,
        lang: Lang,
        done: impl FnOnce(Vec<String>) + 'static,
    ) {
        let Some(sheet) = write_sheet_store_pieces(ws, id) else {
            done(Vec::new());
            return;
        };
        let sheet = joined_text(&sheet);
        self.then(move |year| {
            let texts = year.map_or_else(Vec::new, |y| {
                table_file(&y, &sheet, kind, lang.tag())
                    .iter()
                    .filter_map(|t| t.as_string())
                    .collect()
            });
            done(texts);
        });
    }
}

/// Lays out text without delimiters with the loaded module (see
/// `kalkyl_core::read::set_line_reader`); `None` when the module is not
/// loaded, and the core then keeps each line whole and says so. The app
/// loads the module before it reads such text ([`OnDemand::then`]).
pub fn lay_out_lines(plain: &str, choices: &ReadChoices) -> Option<LaidOut> {
    let year = LOADED.with(|m| m.borrow().clone())?;
    let choices = write_choices(choices)?;
    let bytes = line_layout(&year, plain, &choices)?;
    let laid = read_line_layout(&bytes);
    if laid.is_none() {
        web_sys::console::error_1(&"the on-demand module's layout could not be read".into());
    }
    laid
}

/// What [`OnDemand::charts`] gives.
pub enum Drawn {
    /// The module is loading.
    Loading,
    /// The module could not be loaded.
    Failed,
    /// The charts' HTML; empty when the table has nothing to chart.
    Html(String),
}

impl OnDemand {
    /// The charts of sheet `id` of `ws`, drawn by the module: the chart
    /// code (about 5 KiB gzip) is not in the first load. Starts loading the
    /// module the first time; tracks its state, so a reactive caller draws
    /// again once it is there ([`OnDemand::load`] tries again after a
    /// failure).
    pub fn charts(self, ws: &Workspace, id: u64, lang: Lang) -> Drawn {
        match self.state() {
            Module::Idle => {
                self.load();
                Drawn::Loading
            }
            Module::Loading => Drawn::Loading,
            Module::Failed => Drawn::Failed,
            Module::Ready(year) => match write_sheet_store_pieces(ws, id) {
                Some(pieces) => Drawn::Html(table_charts(&year, &joined_text(&pieces), lang.tag())),
                None => Drawn::Failed,
            },
        }
    }
}
