//! The year in one view as a WebAssembly module of its own, which the app
//! (`src/year.rs`) loads only when the user asks for a follow-up or the
//! workspace has one: it is not part of the first load. It also draws a
//! table's charts ([`table_charts`]), the other feature that the first
//! screen does not need and the first load has no room for.
//!
//! The two modules share no memory; they pass text and bytes. The app gives the
//! workspace as its stored form (`kalkyl_core::file::write_workspace_store`)
//! after every change, and this module reads it with `read_workspace_file`
//! and computes the follow-ups. When the user changes a follow-up here, the
//! new follow-ups go back (`kalkyl_core::handover::write_follow_ups`), so
//! that the app keeps them in its workspace and saves them. Workspace files
//! the app opens or restores are read here too (`read_workspace`).

mod i18n;
mod view;

use std::collections::VecDeque;

use kalkyl_core::calc::compute;
use kalkyl_core::chart::{deviation_bars, waterfall};
use kalkyl_core::chart_svg::{bars_svg, waterfall_svg};
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::file::csv::{table_csv, CsvFlavour};
use kalkyl_core::file::html::{table_html, table_tsv};
use kalkyl_core::file::{read_workspace_file, write_workspace_file};
use kalkyl_core::followup::FollowUp;
use kalkyl_core::handover::{read_choices, write_follow_ups, write_handover, write_line_layout};
use kalkyl_core::lang::Lang;
use kalkyl_core::read::lay_out;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated, before the app calls it.
fn main() {
    install_panic_hook();
    // Effects run as tasks on the browser's microtask queue.
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

/// Shows a panic in the page's crash panel (static HTML in `index.html`),
/// as the app does for its own.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(detail) = document.get_element_by_id("kalkyl-crash-detail") {
            detail.set_text_content(Some(&message));
        }
        if let Some(panel) = document.get_element_by_id("kalkyl-crash") {
            let _ = panel.remove_attribute("hidden");
        }
    }));
}

/// The workspace file to export (`write_workspace_file`: with every
/// derived figure, the follow-ups' computed rows included) of the workspace
/// whose stored form is `store`, saved at `saved_at` (ISO 8601). The app's
/// first load has no room for what only an export writes. Nothing if
/// `store` cannot be read (the console says why).
#[wasm_bindgen]
pub fn workspace_file(store: &str, saved_at: &str) -> Option<String> {
    let ws = read_logged(store)?;
    Some(write_workspace_file(&ws, Some(saved_at)))
}

/// The one table of `sheet_store` (the stored form of one sheet) as the
/// app exports it: `kind` is `csv-sv` (Swedish Excel), `csv`
/// (international) or `copy` (HTML and tab-separated text for the
/// clipboard, in language `lang`). The figures are recomputed from the
/// table, as the app computes them. Empty if nothing could be written.
#[wasm_bindgen]
pub fn table_file(sheet_store: &str, kind: &str, lang: &str) -> Vec<String> {
    let Some(ws) = read_logged(sheet_store) else {
        return Vec::new();
    };
    let Some(sheet) = ws.sheets.first() else {
        return Vec::new();
    };
    let results = compute(&sheet.table);
    let lang = Lang::from_tag(lang);
    match kind {
        "csv-sv" => vec![table_csv(&sheet.table, &results, CsvFlavour::ExcelSwedish)],
        "csv" => vec![table_csv(&sheet.table, &results, CsvFlavour::International)],
        "copy" => vec![
            table_html(&sheet.table, &results, lang),
            table_tsv(&sheet.table, &results, lang),
        ],
        _ => Vec::new(),
    }
}

/// Reads a workspace file (one the user opened, or the one the browser
/// stored) for the app, whose first load has no room for the file's reader:
/// the workspace in the form `kalkyl_core::handover::read_handover` reads,
/// or, thrown, why the file cannot be read, in language `lang` (`sv`,
/// `en`), saying where.
#[wasm_bindgen]
pub fn read_workspace(file: &str, lang: &str) -> Result<Vec<u8>, String> {
    let ws = read_workspace_file(file).map_err(|e| e.message(Lang::from_tag(lang)))?;
    write_handover(&ws).ok_or_else(|| "the workspace could not be handed over".into())
}

/// Reads a workspace the app wrote, saying in the console why not.
fn read_logged(text: &str) -> Option<Workspace> {
    read_workspace_file(text)
        .map_err(|e| web_sys::console::error_1(&e.message(Lang::En).into()))
        .ok()
}

/// The layout of text without delimiters (a PDF or web copy) in the form
/// `kalkyl_core::handover::read_line_layout` reads, for the app, whose
/// first load has no room for that part of the reader: `plain` is the
/// pasted text and `choices` its read choices
/// (`kalkyl_core::handover::write_choices`). Nothing when the text has
/// delimiters or the choices cannot be read.
#[wasm_bindgen]
pub fn line_layout(plain: &str, choices: &[u8]) -> Option<Vec<u8>> {
    let Some(choices) = read_choices(choices) else {
        web_sys::console::error_1(&"the app's read choices could not be read".into());
        return None;
    };
    write_line_layout(&lay_out(plain, &choices)?)
}

/// The charts of the one table in `workspace` (the stored form of one
/// sheet, `kalkyl_core::file::write_sheet_store_pieces`) in language
/// `lang` (`sv`, `en`): the deviation per row and the bridge from the
/// budget total to the outcome or forecast total, as SVG in a
/// `div.chart-row`; empty when the table has nothing to chart (the app
/// says so). The figures are the app's: the same table, computed the same
/// way (the incremental engine equals the full computation).
#[wasm_bindgen]
pub fn table_charts(workspace: &str, lang: &str) -> String {
    let ws = match read_workspace_file(workspace) {
        Ok(ws) => ws,
        Err(e) => {
            web_sys::console::error_1(&e.message(Lang::En).into());
            return String::new();
        }
    };
    let Some(sheet) = ws.sheets.first() else {
        return String::new();
    };
    let lang = Lang::from_tag(lang);
    let table = &sheet.table;
    let results = compute(table);
    let format = DisplayFormat::of(table);
    let bars = deviation_bars(table, &results);
    let bridge = waterfall(table, &results, WATERFALL_STEPS);
    if bars.bars.is_empty() && bridge.is_none() {
        return String::new();
    }
    let mut out = String::from("<div class=\"chart-row\">");
    if !bars.bars.is_empty() {
        out.push_str(&bars_svg(&bars, &format, lang));
    }
    if let Some(bridge) = bridge {
        out.push_str(&waterfall_svg(&bridge, &format, lang));
    }
    out.push_str("</div>");
    out
}

/// The rows a bridge shows one by one; the rest are one step.
const WATERFALL_STEPS: usize = 8;

/// The view's state: the copy of the app's workspace and how to tell the
/// app about a change. Copy it freely.
#[derive(Clone, Copy)]
pub struct Year {
    /// The app's workspace as last given.
    pub workspace: RwSignal<Workspace>,
    on_change: StoredValue<js_sys::Function, LocalStorage>,
    /// The app's `download(stem, ext, mime, text) -> name` and `copy(html,
    /// plain) -> bool`: browser effects stay in the app's one module.
    effects: StoredValue<(js_sys::Function, js_sys::Function), LocalStorage>,
    /// The follow-ups before each change, and after each undone one.
    pub history: RwSignal<History>,
}

/// Undo and redo of the changes made in the view: the follow-ups are
/// small settings, so each step keeps them whole.
#[derive(Clone, Default)]
pub struct History {
    undo: VecDeque<Vec<FollowUp>>,
    redo: Vec<Vec<FollowUp>>,
}

impl History {
    /// How many steps are kept each way.
    const DEPTH: usize = 100;

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone change to make again.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

impl Year {
    /// Changes the follow-ups (the settings, never a sheet), keeps the
    /// step for undo and hands them to the app.
    pub fn edit(&self, change: impl FnOnce(&mut Workspace)) {
        let before = self.workspace.with_untracked(|w| w.follow_ups.clone());
        self.workspace.update(change);
        let changed = self.workspace.with_untracked(|w| w.follow_ups != before);
        if changed {
            self.history.update(|h| {
                h.undo.push_back(before);
                if h.undo.len() > History::DEPTH {
                    h.undo.pop_front();
                }
                h.redo.clear();
            });
            self.send();
        }
    }

    /// Brings back the follow-ups before the last change.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Makes the last undone change again.
    pub fn redo(&self) {
        self.step(false);
    }

    /// One step back (undo) or forward (redo): the follow-ups come off one
    /// list, and the current ones go onto the other.
    fn step(&self, back: bool) {
        let taken = self.history.try_update(|h| {
            if back {
                h.undo.pop_back()
            } else {
                h.redo.pop()
            }
        });
        let Some(follow_ups) = taken.flatten() else {
            return;
        };
        let now = self
            .workspace
            .try_update(|w| std::mem::replace(&mut w.follow_ups, follow_ups));
        self.history.update(|h| {
            if back {
                h.redo.extend(now);
            } else {
                h.undo.extend(now);
            }
        });
        self.send();
    }

    /// Hands the follow-ups to the app, which keeps them in its workspace.
    fn send(&self) {
        let Some(written) = self
            .workspace
            .with_untracked(|w| write_follow_ups(&w.follow_ups))
        else {
            return;
        };
        let bytes = js_sys::Uint8Array::from(written.as_slice());
        let _ = self
            .on_change
            .with_value(|f| f.call1(&JsValue::NULL, &bytes));
    }

    /// Offers `text` as a file download, named as the app names its
    /// exports (`stem`, today's date, `ext`); the file's name, or `None` if
    /// the browser refused.
    pub fn download(&self, stem: &str, ext: &str, mime: &str, text: &str) -> Option<String> {
        self.effects.with_value(|(download, _)| {
            let args = js_sys::Array::of4(&stem.into(), &ext.into(), &mime.into(), &text.into());
            download
                .apply(&JsValue::NULL, &args)
                .ok()
                .and_then(|name| name.as_string())
                .filter(|name| !name.is_empty())
        })
    }

    /// Puts `html` and `plain` on the clipboard (from a user's click);
    /// `false` if the browser refused.
    pub fn copy(&self, html: &str, plain: &str) -> bool {
        self.effects.with_value(|(_, copy)| {
            copy.call2(&JsValue::NULL, &html.into(), &plain.into())
                .is_ok_and(|done| done.is_truthy())
        })
    }
}

/// The year view mounted in an element of the app's page.
#[wasm_bindgen]
pub struct YearView {
    year: Year,
    lang: RwSignal<Lang>,
    // Keeps the view's reactive graph alive as long as the view.
    _owner: Owner,
}

#[wasm_bindgen]
impl YearView {
    /// Mounts the view into `slot`. `lang` is a language tag (`sv`, `en`);
    /// `on_change` is called with the follow-ups (`Uint8Array`, see
    /// `kalkyl_core::handover::read_follow_ups`) after the user
    /// changed them; `download(stem, ext, mime, text)` (the file's name, or
    /// empty if the browser refused) and `copy(html, plain)` (whether it
    /// did) are the app's.
    #[wasm_bindgen(constructor)]
    pub fn new(
        slot: web_sys::HtmlElement,
        lang: &str,
        on_change: js_sys::Function,
        download: js_sys::Function,
        copy: js_sys::Function,
    ) -> YearView {
        let owner = Owner::new();
        let (year, lang) = owner.with(|| {
            let year = Year {
                workspace: RwSignal::new(Workspace::default()),
                on_change: StoredValue::new_local(on_change),
                effects: StoredValue::new_local((download, copy)),
                history: RwSignal::new(History::default()),
            };
            let lang = RwSignal::new(Lang::from_tag(lang));
            let read = lang.read_only();
            let handle = leptos::mount::mount_to(slot, move || {
                view! { <view::FollowUps year lang=read /> }
            });
            // Mounted for the page's life.
            std::mem::forget(handle);
            (year, lang)
        });
        YearView {
            year,
            lang,
            _owner: owner,
        }
    }

    /// Takes the app's workspace, in its stored form. A text that does not
    /// read leaves the view as it was (the app wrote it, so it reads).
    pub fn update(&self, workspace: &str) {
        match read_workspace_file(workspace) {
            Ok(ws) => {
                // Follow-ups changed elsewhere (another tab, an opened
                // file): the steps kept here no longer lead back to them.
                let elsewhere = self
                    .year
                    .workspace
                    .with_untracked(|w| w.follow_ups != ws.follow_ups);
                if elsewhere {
                    self.year.history.set(History::default());
                }
                self.year.workspace.set(ws);
            }
            Err(e) => web_sys::console::error_1(&e.message(Lang::En).into()),
        }
    }

    /// Shows the view in another language (`sv`, `en`).
    pub fn set_lang(&self, lang: &str) {
        self.lang.set(Lang::from_tag(lang));
    }

    /// Adds a follow-up of every sheet, in tab order, with each report's
    /// proposed kind and months.
    pub fn create(&self) {
        let name = i18n::follow_up_texts(self.lang.get_untracked()).default_name;
        self.year.edit(|w| {
            let f = FollowUp::from_sheets(name, &w.sheet_tables());
            w.follow_ups.push(f);
        });
    }
}
