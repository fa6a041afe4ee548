//! The application: header, language switch, the paste box, the tables of
//! the workspace with their settings, grid, checks and what-if tools.
//!
//! Components render `kalkyl-core` state and turn user actions into core
//! commands; they compute nothing themselves. [`Ctx`] is the one way a
//! sheet changes, so every change is undoable and the results follow it.

use std::fmt::Write as _;

use gloo_timers::callback::Timeout;
use kalkyl_core::lang::Lang;
use kalkyl_core::read::{needs_line_layout, ReadChoices};
use kalkyl_core::workspace::{Sheet, Workspace};
use leptos::prelude::*;

use crate::autosave;
use crate::browser;
use crate::charts::Charts;
use crate::files::FileBar;
use crate::findings::Findings;
use crate::grid::{Grid, Selection};
use crate::i18n::texts;
use crate::paste_box::PasteBox;
use crate::settings::SheetSettings;
use crate::shell::{EmptyState, Footer, Header, Removed, SheetTabs};
use crate::state::{Ctx, SheetCalc};
use crate::what_if::WhatIf;
use crate::year::FollowUps;

/// The sample table offered to a first-time user: seed 000's income
/// statement (net costs, outcome against budget); a test keeps it equal to
/// the fixture's paste.
fn sample_paste() -> &'static str {
    "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
     Regionkontoret\t-297,2\t-305,0\t7,8\n\
     Förtroendevalda\t-38,1\t-40,0\t1,9\n\
     Oförutsett Regionstyrelsen\t-2,1\t-4,4\t2,3\n\
     Utvecklingsmedel\t-82,9\t-136,6\t53,7\n\
     Totalt\t-420,3\t-486,0\t65,7\n"
}

/// The app: the header with the language switch, the workspace (empty
/// state, paste box, tabs, the active table, the year view) and the footer.
#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(browser::stored_lang().unwrap_or_default());
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_lang(lang);
        browser::store_lang(lang);
    });
    let offline = browser::offline_status();
    let ctx = Ctx::new();
    let workspace = ctx.workspace;
    let active = RwSignal::new(None::<u64>);
    // How long the last paste took to read and compute, for the benchmark.
    let (read_ms, set_read_ms) = signal(None::<f64>);
    // A paste waiting for the on-demand module (text without delimiters).
    let waiting = RwSignal::new(false);
    let read_now = move |plain: String, html: Option<String>| {
        let mut id = None;
        let start = browser::now_ms();
        let year = browser::this_year();
        workspace.update(|w| id = Some(w.add_paste_of(&plain, html.as_deref(), year)));
        if let Some(id) = id {
            // Computed now, so the figure includes the results.
            ctx.with_sheet_untracked(id, |_, _| ());
        }
        set_read_ms.set(Some(browser::now_ms() - start));
        active.set(id);
    };
    // Text without delimiters is laid out by the on-demand module: the
    // paste waits for it the first time (if it cannot be loaded, each line
    // is kept whole and a diagnostic says so).
    let add_paste = move |plain: String, html: Option<String>| {
        let loaded = ctx.module.ready().is_some();
        if loaded || !needs_line_layout(&plain, html.as_deref(), &ReadChoices::default()) {
            read_now(plain, html);
            return;
        }
        waiting.set(true);
        ctx.module.then(move |_| {
            waiting.set(false);
            read_now(plain, html);
        });
    };
    browser::on_paste_outside_inputs(add_paste);
    browser::on_undo_keys(
        move || {
            if let Some(id) = active.get_untracked() {
                ctx.mutate(id, Sheet::undo);
            }
        },
        move || {
            if let Some(id) = active.get_untracked() {
                ctx.mutate(id, Sheet::redo);
            }
        },
    );
    let removed = Removed::new();
    // A stored workspace replaces the one shown (the empty one on start,
    // or another tab's save); the table in view stays in view if it is
    // there. A table deleted before can no longer be brought back into it
    // (its id may be taken).
    let replace = move |ws: Workspace| {
        let shown = active
            .get_untracked()
            .filter(|id| ws.sheets.iter().any(|s| s.id == *id));
        let first = ws.sheets.first().map(|s| s.id);
        removed.clear();
        ctx.replace(ws);
        active.set(shown.or(first));
    };
    let (saving, storage_notices) = autosave::start(ctx, lang, replace);
    let new_table = move || {
        let name = texts(lang.get_untracked()).new_table_name;
        let mut id = None;
        workspace.update(|w| id = Some(w.add_blank(name)));
        active.set(id);
    };
    // The table in view is built again only when another one is chosen.
    let shown = Memo::new(move |_| active.get());
    warm_up_soon(ctx, lang);
    view! {
        <Header lang set_lang />
        <main
            class="workspace"
            data-testid="workspace"
            data-read-ms=move || read_ms.get().map(|ms| (ms.round() as i64).to_string())
        >
            {storage_notices}
            <EmptyState
                ctx
                lang
                on_sample=move || add_paste(sample_paste().to_string(), None)
                on_new=new_table
            />
            <PasteBox ctx lang on_read=add_paste />
            <p class="hint" role="status" data-testid="read-status" hidden=move || !waiting.get()>
                {move || texts(lang.get()).lines_loading}
            </p>
            <FileBar ctx active lang add_paste save_state=saving />
            <SheetTabs ctx active lang removed on_new=new_table />
            {move || shown.get().map(|id| view! { <SheetView ctx id lang /> })}
            // The year in one view: a module of its own, loaded on demand.
            <FollowUps ctx lang />
        </main>
        <Footer lang offline />
    }
}

/// Reads, computes and draws generated tables once, soon after start, and
/// drops them. The browser compiles each WebAssembly function the first
/// time it runs, on the page's one thread, first as baseline code, and
/// optimises it only after it has run for a while; a function already
/// running keeps its baseline code. Without this, the user's first paste
/// would wait for the reader's, the grid's and the panels' code to compile
/// (16-35 ms measured) and run the reader's loops unoptimised from start to
/// end (about four times slower for 10 000 rows). Skipped once a table is
/// open: a paste or a restored workspace has warmed them already.
fn warm_up_soon(ctx: Ctx, lang: ReadSignal<Lang>) {
    // After the next frame: the first screen is drawn first, and a paste
    // made at once finds the code as warm as it can be by then.
    request_animation_frame(move || warm_up_later(ctx, lang, 0));
}

/// Step `step` of the warm-up in a task of its own: a key or a click in
/// between waits for one step, not for all of them.
fn warm_up_later(ctx: Ctx, lang: ReadSignal<Lang>, step: u32) {
    Timeout::new(0, move || warm_up(ctx, lang, step)).forget();
}

/// See [`warm_up_soon`].
fn warm_up(ctx: Ctx, lang: ReadSignal<Lang>, step: u32) {
    if ctx.workspace.with_untracked(|w| !w.sheets.is_empty()) {
        return;
    }
    // The drawing first: compiling is what a paste in between would wait
    // for longest. Then four small tables rather than one large: the
    // browser swaps in a function's optimised code when it is next called.
    if step == 0 {
        warm_up_drawing(lang);
    } else {
        let sheet = warm_up_sheet((step - 1) * 500..step * 500);
        drop(SheetCalc::new(&sheet.table));
    }
    if step < 4 {
        warm_up_later(ctx, lang, step + 1);
    }
}

/// A generated sheet of rows `numbers`, shaped as a pasted budget table.
fn warm_up_sheet(numbers: std::ops::Range<u32>) -> Sheet {
    let mut text = String::from("Enhet\tUtfall\tBudget\tÅrsbudget\n");
    for i in numbers {
        let _ = writeln!(
            text,
            "Enhet {i}\t-{}\u{a0}{:03},{}\t-{}\u{a0}{:03},0\t-{}\u{a0}{:03},0",
            i % 9 + 1,
            i * 7 % 1000,
            i % 10,
            i % 7 + 1,
            i * 3 % 1000,
            i % 5 + 2,
            i * 11 % 1000,
        );
    }
    Sheet::from_paste(0, &text, None, None)
}

/// Builds a generated table's view, in a workspace of its own, into an
/// element that is never in the page, and drops it at once: building runs
/// the code, and nothing needs to be shown. Larger than the charts open
/// for, so the on-demand module is not asked for them.
fn warm_up_drawing(lang: ReadSignal<Lang>) {
    let Some(host) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    let owner = Owner::new();
    owner.with(|| {
        let scratch = Ctx::new();
        let sheet = warm_up_sheet(0..crate::charts::CHARTS_OPEN_UP_TO as u32 + 1);
        let id = sheet.id;
        scratch.workspace.update(|w| w.sheets.push(sheet));
        crate::dom::mount_view(&host, view! { <SheetView ctx=scratch id lang /> });
    });
    owner.cleanup();
}

/// One table: its settings in one place, its grid, the checks and what
/// Kalkyl was unsure of, and the what-if tools.
#[component]
fn SheetView(ctx: Ctx, id: u64, lang: ReadSignal<Lang>) -> impl IntoView {
    let selection = RwSignal::new(Selection::default());
    view! {
        <section class="sheet" data-testid="sheet" data-sheet-id=id.to_string()>
            <SheetSettings ctx id lang />
            <Grid ctx id lang selection />
            <WhatIf ctx id lang selection />
            <Charts ctx id lang />
            <Findings ctx id lang selection />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_seed_000_as_its_fixture_pastes_it() {
        let fixture = include_str!(
            "../crates/kalkyl-core/tests/fixtures/tables/000-5.1.1-resultatrakning.table"
        );
        let paste = fixture
            .split_once("=== paste\n")
            .and_then(|(_, rest)| rest.split_once("=== rows"))
            .map(|(paste, _)| paste);
        assert_eq!(Some(sample_paste()), paste);
    }
}
