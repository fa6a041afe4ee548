//! The page around the tables, as Leptos components: the header with the
//! language switch, the empty state, the sheet tabs (choose, rename, move,
//! delete with undo, add) and the footer.

use kalkyl_core::lang::Lang;
use kalkyl_core::workspace::Sheet;
use leptos::prelude::*;

use crate::browser::OfflineStatus;
use crate::i18n::texts;
use crate::state::Ctx;

/// The brand and the language switch.
#[component]
pub fn Header(lang: ReadSignal<Lang>, set_lang: WriteSignal<Lang>) -> impl IntoView {
    let t = move || texts(lang.get());
    let choice = move |choice: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                lang=choice.tag()
                data-testid=format!("lang-{}", choice.tag())
                aria-pressed=move || (lang.get() == choice).to_string()
                on:click=move |_| set_lang.set(choice)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"Kalkyl"</span>
                <span class="brand-tagline">{move || t().app_tagline}</span>
            </div>
            <div class="language-switch" role="group" aria-label=move || t().language_label>
                {choice(Lang::Sv, "Svenska")}
                {choice(Lang::En, "English")}
            </div>
        </header>
    }
}

/// What a first-time user sees before any table: a sample and a blank
/// table to start from.
#[component]
pub fn EmptyState(
    ctx: Ctx,
    lang: ReadSignal<Lang>,
    on_sample: impl Fn() + Copy + Send + Sync + 'static,
    on_new: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = move || texts(lang.get());
    let empty = Memo::new(move |_| ctx.workspace.with(|w| w.sheets.is_empty()));
    move || {
        empty.get().then(move || {
            view! {
                <section class="empty-state" data-testid="empty-state">
                    <h1>{move || t().empty_title}</h1>
                    <p>{move || t().empty_line_1}</p>
                    <p>{move || t().empty_line_2}</p>
                    <p>
                        <button type="button" data-testid="sample" on:click=move |_| on_sample()>
                            {move || t().sample_button}
                        </button>
                        " "
                        <button
                            type="button"
                            class="secondary"
                            data-testid="new-table"
                            on:click=move |_| on_new()
                        >
                            {move || t().new_table}
                        </button>
                    </p>
                </section>
            }
        })
    }
}

/// Sheets the user deleted this session, newest last, so that a deletion
/// can be undone. Copy it freely.
#[derive(Clone, Copy)]
pub struct Removed {
    sheets: StoredValue<Vec<(usize, Sheet)>, LocalStorage>,
    /// The name of the last one, for the notice.
    last_name: RwSignal<Option<String>>,
}

impl Removed {
    /// None removed.
    pub fn new() -> Removed {
        Removed {
            sheets: StoredValue::new_local(Vec::new()),
            last_name: RwSignal::new(None),
        }
    }

    /// Forgets them (another workspace took this one's place: their ids may
    /// be taken).
    pub fn clear(self) {
        self.sheets.update_value(Vec::clear);
        self.last_name.set(None);
    }
}

/// The tabs of the workspace's tables and what can be done to the one in
/// view; the notice of a deleted table with its undo.
#[component]
pub fn SheetTabs(
    ctx: Ctx,
    active: RwSignal<Option<u64>>,
    lang: ReadSignal<Lang>,
    removed: Removed,
    on_new: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let workspace = ctx.workspace;
    let t = move || texts(lang.get());
    let rename = move || {
        // The browser's own prompt: a rename is rare.
        let Some(id) = active.get_untracked() else {
            return;
        };
        let name = workspace.with_untracked(|w| w.sheet(id).map(|s| s.name.clone()));
        let typed = web_sys::window().and_then(|w| {
            w.prompt_with_message_and_default(
                texts(lang.get_untracked()).rename_table,
                &name.unwrap_or_default(),
            )
            .ok()
            .flatten()
        });
        if let Some(typed) = typed {
            workspace.maybe_update(|w| w.rename(id, &typed));
        }
    };
    let shift = move |delta: isize| {
        if let Some(id) = active.get_untracked() {
            workspace.maybe_update(|w| w.move_sheet(id, delta));
        }
    };
    let delete = move || {
        let Some(id) = active.get_untracked() else {
            return;
        };
        let mut taken = None;
        workspace.maybe_update(|w| {
            taken = w.remove(id);
            taken.is_some()
        });
        if let Some((at, sheet)) = taken {
            removed.last_name.set(Some(sheet.name.clone()));
            removed.sheets.update_value(|r| r.push((at, sheet)));
            let next = workspace.with_untracked(|w| {
                w.sheets
                    .get(at.min(w.sheets.len().saturating_sub(1)))
                    .map(|s| s.id)
            });
            active.set(next);
        }
    };
    let undo_delete = move || {
        let last = removed.sheets.try_update_value(|r| r.pop()).flatten();
        if let Some((at, sheet)) = last {
            let id = sheet.id;
            workspace.update(|w| w.restore(at, sheet));
            active.set(Some(id));
        }
        let next = removed
            .sheets
            .with_value(|r| r.last().map(|(_, s)| s.name.clone()));
        removed.last_name.set(next);
    };
    // The tabs are keyed by sheet id and name: a rename or a move redraws
    // the tabs, an edit in a sheet does not.
    let tabs = Memo::new(move |_| {
        workspace.with(|w| {
            w.sheets
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || {
            removed
                .last_name
                .get()
                .map(|name| {
                    view! {
                        <p class="notice" role="status">
                            {move || t().table_removed.replace("{name}", &name)}
                            " "
                            <button
                                type="button"
                                class="secondary"
                                data-testid="undo-delete"
                                on:click=move |_| undo_delete()
                            >
                                {move || t().undo}
                            </button>
                        </p>
                    }
                })
        }}
        {move || {
            (!tabs.with(Vec::is_empty))
                .then(|| {
                    view! {
                        <nav class="sheet-tabs" aria-label=move || t().tables_label>
                            <For
                                each=move || tabs.get()
                                key=|tab| tab.clone()
                                children=move |(id, name)| {
                                    view! {
                                        <button
                                            type="button"
                                            class="sheet-tab"
                                            data-testid="sheet-tab"
                                            data-sheet=id.to_string()
                                            aria-current=move || {
                                                (active.get() == Some(id)).then_some("page")
                                            }
                                            on:click=move |_| active.set(Some(id))
                                        >
                                            {name}
                                        </button>
                                    }
                                }
                            />
                            <span class="tab-actions">
                                {tab_action(
                                    "rename-table",
                                    move || t().rename_table,
                                    move || t().rename_table,
                                    rename,
                                )}
                                {tab_action("move-left-table", || "◀", move || t().move_left, move || shift(-1))}
                                {tab_action("move-right-table", || "▶", move || t().move_right, move || shift(1))}
                                {tab_action(
                                    "delete-table",
                                    move || t().delete_table,
                                    move || t().delete_table,
                                    delete,
                                )}
                                {tab_action("new-table", move || t().new_table, move || t().new_table, on_new)}
                            </span>
                        </nav>
                    }
                })
        }}
    }
}

/// A button of the tab bar: `title` is also its accessible name (the
/// arrows say nothing by themselves).
fn tab_action(
    testid: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    title: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    act: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="secondary"
            data-testid=testid
            title=title
            aria-label=title
            on:click=move |_| act()
        >
            {label}
        </button>
    }
}

/// The privacy note and whether the app works offline.
#[component]
pub fn Footer(lang: ReadSignal<Lang>, offline: ReadSignal<OfflineStatus>) -> impl IntoView {
    let t = move || texts(lang.get());
    view! {
        <footer class="app-footer">
            <span class="privacy">{move || t().privacy_note}</span>
            <span
                class="offline-status"
                data-testid="offline-status"
                data-state=move || offline.get().as_str()
            >
                {move || {
                    let t = t();
                    match offline.get() {
                        OfflineStatus::Ready => t.offline_ready,
                        OfflineStatus::Pending => t.offline_pending,
                        OfflineStatus::Unavailable => t.offline_unavailable,
                    }
                }}
            </span>
        </footer>
    }
}
