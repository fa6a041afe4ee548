//! The year in one view: follow-ups that compare the reports of a year
//! (plan, follow-ups, annual report) row by row, as Leptos components.
//!
//! A follow-up's settings live in the app's workspace (so they are saved
//! with it); this module keeps a copy ([`Year::workspace`]) that the app
//! replaces after each change, and hands every change of the settings back
//! ([`Year::edit`]). Everything shown is `kalkyl_core::followup::compute`
//! of those settings and the sheets, recomputed when either changes, so an
//! edit in a sheet reaches the follow-up at once.

use kalkyl_core::calc::Computed;
use kalkyl_core::chart_followup::{
    forecast_deviations, forecast_paths, MAX_DEVIATION_ROWS, MAX_PATHS,
};
use kalkyl_core::chart_followup_svg::{deviations_svg, paths_svg};
use kalkyl_core::file::csv::CsvFlavour;
use kalkyl_core::file::follow_up::{
    caption, columns, display_format, follow_up_csv, follow_up_html, follow_up_tsv, report_heading,
    shown_text, Column,
};
use kalkyl_core::followup::{
    compute, FollowUp, FollowUpResult, Line, MatchOverride, MatchTarget, ReportKind, RowRef,
};
use kalkyl_core::lang::Lang;
use kalkyl_core::number::Unit;
use leptos::prelude::*;

use crate::i18n::follow_up_texts;
use crate::Year;

/// Changes follow-up `index` of the workspace.
fn edit(year: Year, index: usize, change: impl FnOnce(&mut FollowUp)) {
    year.edit(|w| {
        if let Some(f) = w.follow_ups.get_mut(index) {
            change(f);
        }
    });
}

/// The follow-ups of the workspace, one after the other. The heading and
/// the button that makes one are the app's (they are on the first screen).
#[component]
pub fn FollowUps(year: Year, lang: ReadSignal<Lang>) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    let count = Memo::new(move |_| year.workspace.with(|w| w.follow_ups.len()));
    let can_undo = move || year.history.with(|h| h.can_undo());
    let can_redo = move || year.history.with(|h| h.can_redo());
    // Ctrl+Z and Ctrl+Y (or Ctrl+Shift+Z) here undo the view's changes,
    // not the sheet's (the app listens on the window).
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let redo = match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => false,
            ("y", _) | ("z", true) => true,
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        if redo {
            year.redo();
        } else {
            year.undo();
        }
    };
    view! {
        <div class="follow-ups-body" on:keydown=keys>
            <p class="follow-up-history" hidden=move || !can_undo() && !can_redo()>
                <button type="button" class="secondary" data-testid="follow-up-undo"
                    disabled=move || !can_undo() on:click=move |_| year.undo()>
                    {move || t().undo}
                </button>
                " "
                <button type="button" class="secondary" data-testid="follow-up-redo"
                    disabled=move || !can_redo() on:click=move |_| year.redo()>
                    {move || t().redo}
                </button>
            </p>
            <For each=move || 0..count.get() key=|i| *i let:index>
                <FollowUpView year lang index />
            </For>
        </div>
    }
}

/// One follow-up: its reports with their kind and months, what cannot be
/// compared, the table of budgets, forecasts, outcome and deviations, and
/// the rows no report row matched.
#[component]
fn FollowUpView(year: Year, lang: ReadSignal<Lang>, index: usize) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    let settings = Memo::new(move |_| year.workspace.with(|w| w.follow_ups.get(index).cloned()));
    let result = Memo::new(move |_| {
        year.workspace.with(|w| {
            w.follow_ups
                .get(index)
                .map(|f| compute(f, &w.sheet_tables()))
        })
    });
    // The row whose forecast path the user asked to see (by label, which
    // survives a recomputation; a row index may not).
    let chosen = RwSignal::new(None::<String>);
    let report_count =
        Memo::new(move |_| settings.with(|s| s.as_ref().map_or(0, |f| f.reports.len())));
    let name = move || settings.with(|s| s.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let remove = move |_| {
        year.edit(|w| {
            if index < w.follow_ups.len() {
                w.follow_ups.remove(index);
            }
        })
    };
    // The sheets that are not in the follow-up, to add.
    let addable = move || {
        year.workspace.with(|w| {
            let inside = |id: u64| {
                w.follow_ups
                    .get(index)
                    .is_some_and(|f| f.reports.iter().any(|r| r.sheet == id))
            };
            w.sheets
                .iter()
                .filter(|s| !inside(s.id))
                .map(|s| (s.id, s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let add = move |ev: leptos::ev::Event| {
        let Ok(id) = event_target_value(&ev).parse::<u64>() else {
            return;
        };
        year.edit(|w| {
            let table = w
                .sheets
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.table.clone());
            if let (Some(f), Some(table)) = (w.follow_ups.get_mut(index), table) {
                f.add_report(id, &table);
            }
        });
    };
    // The unit every figure is shown in: proposed from the first table
    // that states one, the user's to change (figures convert exactly).
    let unit = move || settings.with(|s| s.as_ref().map(|f| f.unit));
    let set_unit = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if let Some(u) = Unit::ALL.into_iter().find(|u| u.symbol() == chosen) {
            edit(year, index, |f| f.unit = u);
        }
    };
    let unit_option = move |u: Unit| {
        view! {
            <option value=u.symbol() prop:selected=move || unit() == Some(u)>
                {move || u.name(lang.get())}
            </option>
        }
    };
    view! {
        <article class="follow-up" data-testid="follow-up-view">
            <div class="follow-up-head">
                <h3>{name}</h3>
                <label class="follow-up-unit">
                    {move || t().unit}
                    " "
                    <select data-testid="follow-up-unit" on:change=set_unit>
                        {Unit::ALL.into_iter().map(unit_option).collect_view()}
                    </select>
                </label>
                <button type="button" class="secondary" data-testid="follow-up-remove" on:click=remove>
                    {move || t().remove}
                </button>
            </div>
            <ol class="follow-up-reports" aria-label=move || t().reports>
                <For each=move || 0..report_count.get() key=|i| *i let:report>
                    <ReportControls year lang index report result />
                </For>
            </ol>
            <p class="follow-up-add" hidden=move || addable().is_empty()>
                <label>
                    {move || t().add_report}
                    " "
                    <select data-testid="follow-up-add" on:change=add prop:value="">
                        <option value="">"…"</option>
                        {move || {
                            addable()
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            </p>
            <Notes lang result />
            <Exports year lang result name=Signal::derive(name) />
            <FollowUpTable lang result chosen />
            <FollowUpCharts lang result chosen />
            <MatchedRows year lang index result />
            <UnmatchedRows year lang index result />
        </article>
    }
}

/// A report's name, kind and months, and its place in the year.
#[component]
fn ReportControls(
    year: Year,
    lang: ReadSignal<Lang>,
    index: usize,
    report: usize,
    result: Memo<Option<FollowUpResult>>,
) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    let setting = Memo::new(move |_| {
        year.workspace.with(|w| {
            w.follow_ups
                .get(index)
                .and_then(|f| f.reports.get(report))
                .map(|r| (r.kind, r.months))
        })
    });
    let name = move || {
        result.with(|r| {
            r.as_ref()
                .and_then(|r| r.reports.get(report))
                .map(|r| r.name.clone())
                .unwrap_or_default()
        })
    };
    let kind = move || setting.get().map(|(k, _)| k);
    let months_text = move || {
        setting
            .get()
            .and_then(|(_, m)| m)
            .map(|m| m.to_string())
            .unwrap_or_default()
    };
    // Months typed that are not 1–12 stay in the field, marked, and change
    // nothing until they are mended.
    let months_invalid = RwSignal::new(false);
    let set_kind = move |ev: leptos::ev::Event| {
        let kind = match event_target_value(&ev).as_str() {
            "plan" => ReportKind::Plan,
            "annual" => ReportKind::Annual,
            _ => ReportKind::FollowUp,
        };
        edit(year, index, |f| {
            if let Some(r) = f.reports.get_mut(report) {
                r.kind = kind;
                if kind == ReportKind::Annual {
                    r.months = Some(12);
                }
            }
        });
    };
    let set_months = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let text = text.trim();
        let months = if text.is_empty() {
            Some(None)
        } else {
            text.parse::<u8>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .map(Some)
        };
        months_invalid.set(months.is_none());
        if let Some(months) = months {
            edit(year, index, |f| {
                if let Some(r) = f.reports.get_mut(report) {
                    r.months = months;
                }
            });
        }
    };
    let shift = move |delta: isize| {
        edit(year, index, |f| {
            f.move_report(report, delta);
        })
    };
    let remove = move |_| {
        edit(year, index, |f| {
            f.remove_report(report);
        })
    };
    let option = move |value: ReportKind| {
        view! {
            <option value=value.key() prop:selected=move || kind() == Some(value)>
                {move || value.name(lang.get())}
            </option>
        }
    };
    view! {
        <li class="follow-up-report">
            <span class="report-name">{name}</span>
            <label>
                {move || t().kind}
                " "
                <select data-testid="report-kind" on:change=set_kind>
                    {option(ReportKind::Plan)}
                    {option(ReportKind::FollowUp)}
                    {option(ReportKind::Annual)}
                </select>
            </label>
            <label>
                {move || t().months}
                " "
                <input
                    type="text"
                    inputmode="numeric"
                    size="3"
                    data-testid="report-months"
                    placeholder="1–12"
                    aria-invalid=move || months_invalid.get().then_some("true")
                    prop:value=months_text
                    on:input=set_months
                />
            </label>
            <span class="report-actions">
                <button type="button" class="secondary" title=move || t().earlier on:click=move |_| shift(-1)>
                    "↑"
                </button>
                <button type="button" class="secondary" title=move || t().later on:click=move |_| shift(1)>
                    "↓"
                </button>
                <button type="button" class="secondary" title=move || t().remove_report on:click=remove>
                    "×"
                </button>
            </span>
            <span class="field-error" role="alert" hidden=move || !months_invalid.get()>
                {move || t().months_invalid}
            </span>
        </li>
    }
}

/// What cannot be compared, and the reports' own inconsistencies.
#[component]
fn Notes(lang: ReadSignal<Lang>, result: Memo<Option<FollowUpResult>>) -> impl IntoView {
    let items = move || {
        let lang = lang.get();
        result.with(|r| {
            let Some(r) = r else {
                return Vec::new();
            };
            let notes = r
                .notes
                .iter()
                .map(|n| ("note", n.message(lang).to_string()));
            let warnings = r.warnings.iter().map(|w| {
                let report = r
                    .reports
                    .get(w.report)
                    .map(|i| i.name.as_str())
                    .unwrap_or_default();
                ("warning", format!("{report}: {}", w.message(lang)))
            });
            notes.chain(warnings).collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="follow-up-notes" data-testid="follow-up-notes">
            {move || {
                items()
                    .into_iter()
                    .map(|(class, text)| view! { <li class=class>{text}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// Budgets, forecasts and their changes, the outcome and each forecast's
/// deviation from it, per row and for the total. A row's label is a
/// button that puts its forecast path in the chart (`chosen`).
#[component]
fn FollowUpTable(
    lang: ReadSignal<Lang>,
    result: Memo<Option<FollowUpResult>>,
    chosen: RwSignal<Option<String>>,
) -> impl IntoView {
    let table = move || {
        let lang = lang.get();
        let t = follow_up_texts(lang);
        result.with(|r| {
            let r = r.as_ref()?;
            let columns = columns(r);
            let format = display_format(r);
            // Report headings over their columns.
            let mut groups: Vec<(Option<usize>, usize)> = Vec::new();
            for c in &columns {
                match groups.last_mut() {
                    Some((report, span)) if *report == c.report() => *span += 1,
                    _ => groups.push((c.report(), 1)),
                }
            }
            let group_heads = groups
                .into_iter()
                .map(|(report, span)| {
                    let name = match report.and_then(|i| r.reports.get(i)) {
                        Some(info) => report_heading(info, lang),
                        None => t.year.to_string(),
                    };
                    view! { <th scope="colgroup" colspan=span.to_string()>{name}</th> }
                })
                .collect_view();
            let heads = columns
                .iter()
                .map(|c| view! { <th scope="col">{c.name(lang)}</th> })
                .collect_view();
            let line_cells = |line: &Line| {
                columns
                    .iter()
                    .map(|c| {
                        let changed = matches!(c, Column::Budget(i)
                            if line.budget_changes.get(*i).and_then(|v| v.value()).is_some_and(|v| !v.is_zero()));
                        view! {
                            <td
                                data-figure=c.key()
                                data-report=c.report().map(|i| i.to_string())
                                class:changed=changed
                                class:negative=matches!(c.of(line), Computed::Value(v) if c.signed() && v.is_sign_negative() && !v.is_zero())
                                title=changed.then_some(t.budget_changed)
                            >
                                {shown_text(&format, *c, line, r, lang)}
                            </td>
                        }
                    })
                    .collect_view()
            };
            let rows = r
                .rows
                .iter()
                .map(|row| {
                    view! {
                        <tr data-label=row.label.clone()>
                            <th scope="row">
                                <RowButton label=row.label.clone() chosen title=t.chart_row />
                            </th>
                            {line_cells(&row.line)}
                        </tr>
                    }
                })
                .collect_view();
            let total = view! {
                <tr class="total" data-label="total">
                    <th scope="row">{t.total}</th>
                    {line_cells(&r.total)}
                </tr>
            };
            let caption = caption(r, lang);
            Some(view! {
                <div class="follow-up-scroll">
                    <table class="follow-up-table" data-testid="follow-up">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <td></td>
                                {group_heads}
                            </tr>
                            <tr>
                                <th scope="col">{t.row}</th>
                                {heads}
                            </tr>
                        </thead>
                        <tbody>{rows}{total}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! { {table} }
}

/// A row's label in the table, as a button that shows the row's forecast
/// path in the chart (and, pressed again, leaves the choice to the chart).
#[component]
fn RowButton(
    label: String,
    chosen: RwSignal<Option<String>>,
    title: &'static str,
) -> impl IntoView {
    let pressed = {
        let label = label.clone();
        move || chosen.with(|c| c.as_ref() == Some(&label))
    };
    let toggle = {
        let label = label.clone();
        move |_| {
            chosen.update(|c| {
                *c = if c.as_ref() == Some(&label) {
                    None
                } else {
                    Some(label.clone())
                }
            })
        }
    };
    view! {
        <button
            type="button"
            class="link"
            data-testid="follow-up-row-chart"
            title=title
            aria-pressed=move || pressed().to_string()
            on:click=toggle
        >
            {label}
        </button>
    }
}

/// The follow-up's two charts, drawn by the core as SVG: each row's
/// forecast path against its budget and outcome (the row chosen in the
/// table first), and the forecast deviations per row and report (only
/// once there is an outcome). They read the same memo as the table, so an
/// edit in a sheet redraws them.
#[component]
fn FollowUpCharts(
    lang: ReadSignal<Lang>,
    result: Memo<Option<FollowUpResult>>,
    chosen: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    // A memo: the markup is replaced only when it changed.
    let svgs = Memo::new(move |_| {
        let lang = lang.get();
        result.with(|r| {
            let Some(r) = r else {
                return String::new();
            };
            let row = chosen.with(|c| {
                c.as_ref()
                    .and_then(|c| r.rows.iter().position(|row| row.label == *c))
            });
            let paths = forecast_paths(r, MAX_PATHS, row);
            if paths.paths.is_empty() {
                return String::new();
            }
            let format = display_format(r);
            let mut out = paths_svg(&paths, &format, lang);
            let deviations = forecast_deviations(r, MAX_DEVIATION_ROWS);
            if !deviations.groups.is_empty() {
                out.push_str(&deviations_svg(&deviations, &format, lang));
            }
            out
        })
    });
    view! {
        <section class="charts follow-up-charts" data-testid="follow-up-charts" hidden=move || svgs.with(String::is_empty)>
            <h4>{move || t().charts}</h4>
            <div class="chart-row" inner_html=move || svgs.get()></div>
        </section>
    }
}

/// Labels a report row can join: the follow-up's rows and the unmatched
/// rows, each once.
fn row_labels(r: &FollowUpResult) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for l in r
        .rows
        .iter()
        .map(|x| &x.label)
        .chain(r.unmatched.iter().map(|u| &u.label))
    {
        if !l.is_empty() && !labels.contains(l) {
            labels.push(l.clone());
        }
    }
    labels
}

/// Puts row `row` (labelled `label`) of sheet `sheet` into the follow-up
/// row labelled `target`, or out of every row when `target` is empty. The
/// user's choice wins over the proposal.
fn rematch(year: Year, index: usize, sheet: u64, row: usize, label: String, target: String) {
    let target = if target.is_empty() {
        MatchTarget::Unmatched
    } else {
        MatchTarget::Row { label: target }
    };
    edit(year, index, |f| {
        f.set_match(MatchOverride {
            sheet,
            rows: vec![RowRef { row, label }],
            target,
        })
    });
}

/// Rows of a report in no row of the follow-up, each with its reason and a
/// choice of the row to add it to (or to leave it out).
#[component]
fn UnmatchedRows(
    year: Year,
    lang: ReadSignal<Lang>,
    index: usize,
    result: Memo<Option<FollowUpResult>>,
) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    let targets = move || result.with(|r| r.as_ref().map(row_labels).unwrap_or_default());
    let choose = move |sheet, row, label, target| rematch(year, index, sheet, row, label, target);
    let items = move || {
        let lang = lang.get();
        let t = follow_up_texts(lang);
        let options = targets();
        result.with(|r| {
            let Some(r) = r else {
                return Vec::new();
            };
            r.unmatched
                .iter()
                .map(|u| {
                    let report = r.reports.get(u.report);
                    let sheet = report.map(|i| i.sheet).unwrap_or_default();
                    let report_name = report.map(|i| i.name.clone()).unwrap_or_default();
                    let (row, label) = (u.row, u.label.clone());
                    // Its own label too: the row of that name, or a row of
                    // its own when there is none.
                    let choices = options
                        .iter()
                        .map(|o| view! { <option value=o.clone()>{o.clone()}</option> })
                        .collect_view();
                    let on_change = move |ev: leptos::ev::Event| {
                        choose(sheet, row, label.clone(), event_target_value(&ev))
                    };
                    view! {
                        <li data-label=u.label.clone() data-report=u.report.to_string()>
                            <span>{format!("{report_name}: {} ({})", u.label, u.reason.describe(lang))}</span>
                            " "
                            <label>
                                {t.match_to}
                                " "
                                <select data-testid="unmatched-target" on:change=on_change>
                                    <option value="">{t.leave_unmatched}</option>
                                    {choices}
                                </select>
                            </label>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let empty = move || result.with(|r| r.as_ref().is_none_or(|r| r.unmatched.is_empty()));
    view! {
        <section class="follow-up-unmatched" hidden=empty>
            <h4>{move || t().unmatched}</h4>
            <ul data-testid="follow-up-unmatched">{move || items().into_iter().collect_view()}</ul>
        </section>
    }
}

/// The report rows in each follow-up row, each with a choice to move it to
/// another row or leave it out: every match Kalkyl proposed can be changed.
/// Drawn only while open: a follow-up of long tables has many.
#[component]
fn MatchedRows(
    year: Year,
    lang: ReadSignal<Lang>,
    index: usize,
    result: Memo<Option<FollowUpResult>>,
) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    let open = RwSignal::new(false);
    let count = move || {
        result.with(|r| {
            r.as_ref().map_or(0, |r| {
                r.rows
                    .iter()
                    .map(|row| row.members.iter().map(Vec::len).sum::<usize>())
                    .sum::<usize>()
            })
        })
    };
    let items = move || {
        if !open.get() {
            return Vec::new();
        }
        let t = follow_up_texts(lang.get());
        result.with(|r| {
            let Some(r) = r else {
                return Vec::new();
            };
            let options = row_labels(r);
            let mut items = Vec::new();
            for row in &r.rows {
                for (report, members) in row.members.iter().enumerate() {
                    let Some(info) = r.reports.get(report) else {
                        continue;
                    };
                    let sheet = info.sheet;
                    for &source in members {
                        let label = year.workspace.with_untracked(|w| {
                            w.sheets
                                .iter()
                                .find(|s| s.id == sheet)
                                .map(|s| s.table.label(source).to_string())
                                .unwrap_or_default()
                        });
                        let choices = options
                            .iter()
                            .map(|o| {
                                let here = *o == row.label;
                                view! { <option value=o.clone() selected=here>{o.clone()}</option> }
                            })
                            .collect_view();
                        let moved = label.clone();
                        let on_change = move |ev: leptos::ev::Event| {
                            rematch(year, index, sheet, source, moved.clone(), event_target_value(&ev))
                        };
                        items.push(view! {
                            <li data-label=row.label.clone() data-member=label.clone() data-report=report.to_string()>
                                <span>{format!("{}: {label}", info.name)}</span>
                                " → "
                                <select data-testid="member-target" aria-label=t.match_to on:change=on_change>
                                    {choices}
                                    <option value="">{t.leave_unmatched}</option>
                                </select>
                            </li>
                        });
                    }
                }
            }
            items
        })
    };
    let toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let details = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
        open.set(details.is_some_and(|d| d.open()));
    };
    view! {
        <details class="follow-up-matches" data-testid="follow-up-matches" on:toggle=toggle hidden=move || count() == 0>
            <summary>{move || format!("{} ({})", t().matched, count())}</summary>
            <p class="hint">{move || t().matched_hint}</p>
            <ul>{move || items().into_iter().collect_view()}</ul>
        </details>
    }
}

/// The follow-up's table as CSV (for Swedish Excel, and international) and
/// copied as a table for Word and Outlook, as a table's file bar offers.
#[component]
fn Exports(
    year: Year,
    lang: ReadSignal<Lang>,
    result: Memo<Option<FollowUpResult>>,
    name: Signal<String>,
) -> impl IntoView {
    let t = move || follow_up_texts(lang.get());
    // What the last action did: (succeeded, message).
    let status = RwSignal::new(None::<(bool, String)>);
    let save = move |flavour: CsvFlavour| {
        let t = follow_up_texts(lang.get_untracked());
        let Some(text) = result.with_untracked(|r| r.as_ref().map(|r| follow_up_csv(r, flavour)))
        else {
            return;
        };
        status.set(Some(
            match year.download(&name.get_untracked(), "csv", "text/csv", &text) {
                Some(file) => (true, t.exported.replace("{name}", &file)),
                None => (false, t.download_failed.to_string()),
            },
        ));
    };
    let copy = move |_| {
        let lang = lang.get_untracked();
        let t = follow_up_texts(lang);
        let texts = result.with_untracked(|r| {
            r.as_ref()
                .map(|r| (follow_up_html(r, lang), follow_up_tsv(r, lang)))
        });
        let Some((html, plain)) = texts else {
            return;
        };
        status.set(Some(if year.copy(&html, &plain) {
            (true, t.copied.to_string())
        } else {
            (false, t.copy_failed.to_string())
        }));
    };
    view! {
        <p class="follow-up-exports">
            <button type="button" class="secondary" data-testid="follow-up-csv-sv" on:click=move |_| save(CsvFlavour::ExcelSwedish)>
                {move || t().export_csv_sv}
            </button>
            " "
            <button type="button" class="secondary" data-testid="follow-up-csv" on:click=move |_| save(CsvFlavour::International)>
                {move || t().export_csv}
            </button>
            " "
            <button type="button" class="secondary" data-testid="follow-up-copy" on:click=copy>
                {move || t().copy_table}
            </button>
            " "
            <span
                role="status"
                data-testid="follow-up-export-status"
                class:field-error=move || status.with(|s| s.as_ref().is_some_and(|(ok, _)| !ok))
            >
                {move || status.with(|s| s.as_ref().map(|(_, m)| m.clone()).unwrap_or_default())}
            </span>
        </p>
    }
}
