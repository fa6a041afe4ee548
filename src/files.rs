//! The file bar, as a Leptos component: save the workspace (JSON), the
//! table in view as CSV (Swedish Excel or international) or on the
//! clipboard (HTML and text), open a workspace file or a delimited text
//! file (chosen, or dropped anywhere on the page), and the saved-state
//! indicator.
//!
//! What an export writes beyond the stored workspace (every derived
//! figure, the follow-ups' rows, CSV and HTML) is written by the on-demand
//! module ([`crate::on_demand::OnDemand::workspace_file`]): the first load
//! has no room for it.

use kalkyl_core::file::export_file_name;
use kalkyl_core::lang::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::i18n::texts;
use crate::on_demand::Unread;
use crate::state::Ctx;
use crate::storage::SaveState;

/// What the last file action did.
#[derive(Clone, PartialEq)]
enum FileStatus {
    Done(String),
    Failed(String),
}

/// The file bar. `add_paste` reads a text file as a pasted table.
#[component]
pub fn FileBar(
    ctx: Ctx,
    active: RwSignal<Option<u64>>,
    lang: ReadSignal<Lang>,
    add_paste: impl Fn(String, Option<String>) + Copy + Send + Sync + 'static,
    save_state: RwSignal<SaveState>,
) -> impl IntoView {
    let workspace = ctx.workspace;
    let t = move || texts(lang.get());
    let status = RwSignal::new(None::<FileStatus>);
    let has_sheet = move || active.get().is_some();
    let has_any = Memo::new(move |_| workspace.with(|w| !w.sheets.is_empty()));
    let file_name = move |ext: &str| {
        let name = workspace.with_untracked(|w| w.name.clone());
        export_file_name(&name, &browser::today_iso(), ext)
    };
    // Hands a written file to the browser; `None`: the module could not
    // write it.
    let save = move |name: String, mime: &'static str, text: Option<String>| {
        let t = texts(lang.get_untracked());
        status.set(Some(match text {
            None => FileStatus::Failed(t.export_failed.to_string()),
            Some(text) if browser::download(&name, mime, &text) => {
                FileStatus::Done(t.exported.replace("{name}", &name))
            }
            Some(_) => FileStatus::Failed(t.download_failed.to_string()),
        }));
    };
    let export_json = move || {
        let name = file_name("json");
        workspace.with_untracked(|w| {
            ctx.module
                .workspace_file(w, browser::now_iso(), move |text| {
                    save(name, "application/json", text)
                });
        });
    };
    let export_csv = move |kind: &'static str| {
        let Some(id) = active.get_untracked() else {
            return;
        };
        let name = file_name("csv");
        workspace.with_untracked(|w| {
            ctx.module
                .table_file(w, id, kind, lang.get_untracked(), move |written| {
                    save(name, "text/csv", written.into_iter().next())
                });
        });
    };
    let copy_table = move || {
        let Some(id) = active.get_untracked() else {
            return;
        };
        let lang = lang.get_untracked();
        workspace.with_untracked(|w| {
            ctx.module.table_file(w, id, "copy", lang, move |written| {
                let t = texts(lang);
                status.set(Some(match written.as_slice() {
                    [html, plain] if browser::copy_rich(html, plain) => {
                        FileStatus::Done(t.copied.to_string())
                    }
                    [_, _] => FileStatus::Failed(t.copy_failed.to_string()),
                    _ => FileStatus::Failed(t.export_failed.to_string()),
                }));
            });
        });
    };
    // Opens a file's text: a workspace file (JSON) joins the open tables;
    // anything else is read as a pasted table.
    let open = move |name: String, text: Result<String, String>| async move {
        let t = texts(lang.get_untracked());
        let failed = |reason: &str| {
            let reason = if reason.is_empty() {
                t.file_unreadable
            } else {
                reason
            };
            FileStatus::Failed(
                t.import_failed
                    .replace("{file}", &name)
                    .replace("{reason}", reason),
            )
        };
        let text = match text {
            Ok(text) => text,
            Err(e) => {
                status.set(Some(failed(&e)));
                return;
            }
        };
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') || name.to_ascii_lowercase().ends_with(".json") {
            // The file's reader is in the on-demand module.
            if ctx.module.ready().is_none() {
                status.set(Some(FileStatus::Done(t.opening.replace("{file}", &name))));
            }
            match ctx.module.read_workspace(&text, lang.get_untracked()).await {
                Ok(imported) => {
                    let mut ids = Vec::new();
                    workspace.update(|w| ids = w.absorb(imported));
                    status.set(Some(FileStatus::Done(
                        t.imported
                            .replace("{file}", &name)
                            .replace("{n}", &ids.len().to_string()),
                    )));
                    if let Some(first) = ids.first() {
                        active.set(Some(*first));
                    }
                }
                Err(Unread::File(why)) => status.set(Some(failed(&why))),
                Err(Unread::NoModule) => status.set(Some(failed(t.reader_unloaded))),
            }
        } else if body.is_empty() {
            status.set(Some(failed("")));
        } else {
            add_paste(text, None);
            if let Some(id) = active.get_untracked() {
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_str(), |(stem, _)| stem);
                workspace.maybe_update(|w| w.rename(id, stem));
            }
            status.set(Some(FileStatus::Done(
                t.imported_table.replace("{file}", &name),
            )));
        }
    };
    let open_file = move |file: web_sys::File| {
        let name = file.name();
        wasm_bindgen_futures::spawn_local(async move {
            let text = browser::file_text(&file).await;
            open(name, text).await;
        });
    };
    let on_chosen = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file);
        }
        // The same file may be chosen again later.
        input.set_value("");
    };
    browser::on_file_drop(open_file);
    let button = move |testid: &'static str,
                       label: fn(&crate::i18n::Texts) -> &'static str,
                       enabled: Signal<bool>,
                       act: Box<dyn Fn()>| {
        view! {
            <button
                type="button"
                class="secondary"
                data-testid=testid
                disabled=move || !enabled.get()
                on:click=move |_| act()
            >
                {move || label(t())}
            </button>
        }
    };
    view! {
        <div class="file-bar" data-testid="file-bar">
            // The file input is never redrawn: a redraw while the browser's
            // file dialog is open would lose the user's choice.
            <div role="toolbar" aria-label=move || t().files_label>
                <span class="file-actions">
                    {button(
                        "export-json",
                        |t| t.export_json,
                        Signal::derive(move || has_any.get()),
                        Box::new(export_json),
                    )}
                    {button(
                        "export-csv-sv",
                        |t| t.export_csv_sv,
                        Signal::derive(has_sheet),
                        Box::new(move || export_csv("csv-sv")),
                    )}
                    {button(
                        "export-csv",
                        |t| t.export_csv,
                        Signal::derive(has_sheet),
                        Box::new(move || export_csv("csv")),
                    )}
                    {button(
                        "copy-table",
                        |t| t.copy_table,
                        Signal::derive(has_sheet),
                        Box::new(copy_table),
                    )}
                </span>
                <label class="file-open" title=move || t().import_hint>
                    <span>{move || t().import_file}</span>
                    <input
                        type="file"
                        data-testid="import-file"
                        accept=".json,.csv,.tsv,.txt,application/json,text/csv,text/plain"
                        on:change=on_chosen
                    />
                </label>
                <span
                    class="save-state"
                    role="status"
                    data-testid="save-state"
                    data-state=move || save_state.get().as_str()
                >
                    {move || save_state.get().label(lang.get())}
                </span>
            </div>
            {move || {
                status
                    .get()
                    .map(|s| match s {
                        FileStatus::Done(m) => {
                            view! {
                                <p class="file-status" role="status" data-testid="file-status">
                                    {m}
                                </p>
                            }
                                .into_any()
                        }
                        FileStatus::Failed(m) => {
                            view! {
                                <p class="cell-error" role="alert" data-testid="import-error">
                                    {m}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}
