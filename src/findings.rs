//! What Kalkyl found in a sheet, as Leptos components: the checks of the
//! report's own figures and the reader's diagnostics. Each message is a
//! button that leads to its cell; an uncertain reading offers the other
//! reading in one click (the next split of a PDF line, the table turned or
//! as pasted), which reads the sheet again with that choice.
//!
//! Both lists change only when the sheet is read or computed afresh, never
//! on a cell edit: they are drawn from a memo, so an edit redraws nothing
//! here.

use kalkyl_core::diagnostics::{DiagnosticKind, Severity};
use kalkyl_core::lang::Lang;
use kalkyl_core::read::Orientation;
use kalkyl_core::workspace::Sheet;
use leptos::either::Either;
use leptos::prelude::*;

use crate::forms::{focus_grid, text};
use crate::grid::Selection;
use crate::i18n::{texts, Texts};
use crate::state::{Ctx, SheetCalc};

/// Picks a text of the chosen language.
type Pick = fn(&Texts) -> &'static str;

/// At most this many diagnostics or checks are listed; the cells still
/// carry all of them.
const MAX_LISTED: usize = 200;

/// The other reading an uncertain decision offers.
#[derive(Clone, Copy, PartialEq)]
enum Other {
    /// Split a PDF line the next possible way.
    Split { row: usize, next: usize },
    /// Turn the table on its side back (`true`) or read it as pasted.
    Orientation { turn: bool },
}

/// One listed message.
#[derive(Clone, PartialEq)]
struct Finding {
    /// `data-kind`: the check's kind, or the diagnostic's severity.
    kind: &'static str,
    row: Option<usize>,
    column: Option<usize>,
    message: String,
    other: Option<Other>,
}

/// Both lists, at most [`MAX_LISTED`] each, with how many there are.
#[derive(Clone, PartialEq, Default)]
struct Listed {
    checks: Vec<Finding>,
    all_checks: usize,
    diagnostics: Vec<Finding>,
    all_diagnostics: usize,
}

impl Listed {
    fn of(sheet: &Sheet, calc: &SheetCalc, lang: Lang) -> Listed {
        let checks = calc
            .checks
            .iter()
            .take(MAX_LISTED)
            .map(|c| Finding {
                kind: c.kind.key(),
                row: Some(c.row),
                column: Some(c.column),
                message: c.message(lang).to_string(),
                other: None,
            })
            .collect();
        let diagnostics = &sheet.table.diagnostics;
        let listed = diagnostics
            .iter()
            .take(MAX_LISTED)
            .map(|d| Finding {
                kind: match d.severity() {
                    Severity::Info => "info",
                    Severity::Warning => "warning",
                },
                row: d.row,
                column: d.column,
                message: d.message(lang),
                other: match (&d.kind, d.row) {
                    (DiagnosticKind::AmbiguousSplit { candidates }, Some(row)) => {
                        let chosen = sheet.choices.splits.get(&row).copied().unwrap_or(0);
                        Some(Other::Split {
                            row,
                            next: (chosen + 1) % (*candidates).max(1),
                        })
                    }
                    (DiagnosticKind::Orientation { turned, .. }, _) => {
                        Some(Other::Orientation { turn: !turned })
                    }
                    _ => None,
                },
            })
            .collect();
        Listed {
            checks,
            all_checks: calc.checks.len(),
            diagnostics: listed,
            all_diagnostics: diagnostics.len(),
        }
    }
}

/// The checks and diagnostics of sheet `id`; "go to" a message selects
/// its cell in the grid.
#[component]
pub fn Findings(
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
    // Built again after any change of the sheet, but drawn again only
    // when a message changed: a cell edit leaves both lists as they are.
    let listed = Memo::new(move |_| {
        let lang = lang.get();
        ctx.with_sheet(id, |s, calc| Listed::of(s, calc, lang))
            .unwrap_or_default()
    });
    let act = Callback::new(move |other: Other| match other {
        Other::Split { row, next } => ctx.reread(id, move |c| {
            c.splits.insert(row, next);
        }),
        Other::Orientation { turn } => ctx.reread(id, move |c| {
            c.orientation = Some(if turn {
                Orientation::Turned
            } else {
                Orientation::AsPasted
            });
        }),
    });
    let go = Callback::new(move |(row, column): (Option<usize>, Option<usize>)| {
        let Some(row) = row else { return };
        // Input column j is grid column j (see `grid_columns`).
        let g = column.unwrap_or(0);
        selection.set(Selection {
            active: (row, g),
            anchor: (row, g),
        });
        focus_grid();
    });
    view! {
        <div class="findings">
            {finding_list(
                ("checks", "check"),
                (|t| t.checks_title, |t| t.no_checks),
                lang,
                Memo::new(move |_| listed.with(|l| (l.checks.clone(), l.all_checks))),
                go,
                act,
            )}
            {finding_list(
                ("diagnostics", "diagnostic"),
                (|t| t.diagnostics_title, |t| t.no_diagnostics),
                lang,
                Memo::new(move |_| listed.with(|l| (l.diagnostics.clone(), l.all_diagnostics))),
                go,
                act,
            )}
        </div>
    }
}

/// One list (`section`: `checks` or `diagnostics`, each item a `li.{item}`),
/// with its title, what it says when empty, and how many are not listed.
/// A function, not a component: both lists share its compiled view code.
fn finding_list(
    (section, item): (&'static str, &'static str),
    (title, none): (Pick, Pick),
    lang: ReadSignal<Lang>,
    items: Memo<(Vec<Finding>, usize)>,
    go: Callback<(Option<usize>, Option<usize>)>,
    act: Callback<Other>,
) -> impl IntoView {
    let list = move || {
        let (items, all) = items.get();
        if items.is_empty() {
            return Either::Left(view! { <p class=format!("no-{section}")>{text(lang, none)}</p> });
        }
        let more = (all > MAX_LISTED).then(|| {
            let n = (all - MAX_LISTED).to_string();
            view! { <p>{move || texts(lang.get()).more_not_listed.replace("{n}", &n)}</p> }
        });
        let items = items
            .into_iter()
            .map(|f| finding(f, item, lang, go, act))
            .collect_view();
        Either::Right(view! {
            <ul>{items}</ul>
            {more}
        })
    };
    view! {
        <section class=section data-testid=section>
            <h3>{text(lang, title)}</h3>
            {list}
        </section>
    }
}

/// A listed message: a button to its cell, and the other reading if any.
fn finding(
    f: Finding,
    item: &'static str,
    lang: ReadSignal<Lang>,
    go: Callback<(Option<usize>, Option<usize>)>,
    act: Callback<Other>,
) -> impl IntoView {
    let (row, column) = (f.row, f.column);
    let other = f.other.map(|other| {
        let (testid, label): (&str, Pick) = match other {
            Other::Split { .. } => ("split-next", |t| t.split_next),
            Other::Orientation { turn: false } => ("orientation", |t| t.read_as_pasted),
            Other::Orientation { turn: true } => ("orientation", |t| t.read_turned),
        };
        view! {
            " "
            <button
                type="button"
                class="secondary"
                data-testid=testid
                on:click=move |_| act.run(other)
            >
                {text(lang, label)}
            </button>
        }
    });
    view! {
        <li class=item data-testid=item data-kind=f.kind data-row=row data-col=column>
            <button type="button" class="link" on:click=move |_| go.run((row, column))>
                {f.message}
            </button>
            {other}
        </li>
    }
}
