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
use kalkyl_core::display::{default_decimals, DisplayFormat};
use kalkyl_core::followup::{
    compute, FollowUp, FollowUpResult, Line, MatchOverride, MatchTarget, ReportKind, RowRef,
};
use kalkyl_core::lang::Lang;
use kalkyl_core::number::NumberStyle;
use leptos::prelude::*;

use crate::i18n::{follow_up_texts, FollowUpTexts};
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
    let count = Memo::new(move |_| year.workspace.with(|w| w.follow_ups.len()));
    view! {
        <For each=move || 0..count.get() key=|i| *i let:index>
            <FollowUpView year lang index />
        </For>
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
    view! {
        <article class="follow-up" data-testid="follow-up-view">
            <div class="follow-up-head">
                <h3>{name}</h3>
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
            <FollowUpTable lang result />
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

/// A column of the follow-up table: a figure of one report, or of the year.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Figure {
    Budget(usize),
    Forecast(usize),
    ForecastChange(usize),
    Deviation(usize),
    DeviationPercent(usize),
    Outcome,
    Accuracy,
    FirstWithin,
}

impl Figure {
    fn key(self) -> &'static str {
        match self {
            Figure::Budget(_) => "budget",
            Figure::Forecast(_) => "forecast",
            Figure::ForecastChange(_) => "forecast-change",
            Figure::Deviation(_) => "deviation",
            Figure::DeviationPercent(_) => "deviation-percent",
            Figure::Outcome => "outcome",
            Figure::Accuracy => "accuracy",
            Figure::FirstWithin => "first-within",
        }
    }

    fn report(self) -> Option<usize> {
        match self {
            Figure::Budget(r)
            | Figure::Forecast(r)
            | Figure::ForecastChange(r)
            | Figure::Deviation(r)
            | Figure::DeviationPercent(r) => Some(r),
            _ => None,
        }
    }

    fn heading(self, t: &FollowUpTexts) -> &'static str {
        match self {
            Figure::Budget(_) => t.budget,
            Figure::Forecast(_) => t.forecast,
            Figure::ForecastChange(_) => t.forecast_change,
            Figure::Deviation(_) => t.deviation,
            Figure::DeviationPercent(_) => t.deviation_percent,
            Figure::Outcome => t.outcome,
            Figure::Accuracy => t.accuracy,
            Figure::FirstWithin => t.first_within,
        }
    }

    /// The figure of a line, blank when it has none.
    fn of(self, line: &Line) -> Computed {
        let at = |v: &Vec<Computed>, r: usize| v.get(r).copied().unwrap_or_default();
        match self {
            Figure::Budget(r) => at(&line.budgets, r),
            Figure::Forecast(r) => at(&line.forecasts, r),
            Figure::ForecastChange(r) => at(&line.forecast_changes, r),
            Figure::Deviation(r) => line.deviations.get(r).map(|d| d.value).unwrap_or_default(),
            Figure::DeviationPercent(r) => line
                .deviations
                .get(r)
                .map(|d| d.percent)
                .unwrap_or_default(),
            Figure::Outcome => line.outcome,
            Figure::Accuracy => line.accuracy.mean_absolute,
            Figure::FirstWithin => Computed::Blank,
        }
    }

    /// Changes and deviations carry their sign: "+1,5".
    fn signed(self) -> bool {
        matches!(self, Figure::ForecastChange(_) | Figure::Deviation(_))
    }
}

/// The columns that have something to show, report by report.
fn columns(result: &FollowUpResult) -> Vec<Figure> {
    let lines = || result.rows.iter().map(|r| &r.line).chain([&result.total]);
    let shown = |f: Figure| lines().any(|l| !f.of(l).is_blank());
    let mut out = Vec::new();
    for r in 0..result.reports.len() {
        for f in [
            Figure::Budget(r),
            Figure::Forecast(r),
            Figure::ForecastChange(r),
            Figure::Deviation(r),
            Figure::DeviationPercent(r),
        ] {
            if shown(f) {
                out.push(f);
            }
        }
    }
    for f in [Figure::Outcome, Figure::Accuracy] {
        if shown(f) {
            out.push(f);
        }
    }
    if lines().any(|l| l.accuracy.first_within.is_some()) {
        out.push(Figure::FirstWithin);
    }
    out
}

/// A figure as shown: in the follow-up's unit, Swedish style.
fn figure_text(
    format: &DisplayFormat,
    figure: Figure,
    line: &Line,
    result: &FollowUpResult,
    lang: Lang,
) -> String {
    if figure == Figure::FirstWithin {
        return line
            .accuracy
            .first_within
            .and_then(|r| result.reports.get(r))
            .map(|r| r.name.clone())
            .unwrap_or_default();
    }
    let value = figure.of(line);
    if matches!(figure, Figure::DeviationPercent(_)) {
        return format.computed_percent(value, lang);
    }
    let text = format.computed(value, lang);
    match value {
        Computed::Value(v) if figure.signed() && v.is_sign_positive() && !v.is_zero() => {
            format!("+{text}")
        }
        _ => text,
    }
}

/// Budgets, forecasts and their changes, the outcome and each forecast's
/// deviation from it, per row and for the total.
#[component]
fn FollowUpTable(lang: ReadSignal<Lang>, result: Memo<Option<FollowUpResult>>) -> impl IntoView {
    let table = move || {
        let lang = lang.get();
        let t = follow_up_texts(lang);
        result.with(|r| {
            let r = r.as_ref()?;
            let columns = columns(r);
            let format = DisplayFormat {
                from: Some(r.unit),
                unit: Some(r.unit),
                decimals: Some(default_decimals(r.unit)),
                style: NumberStyle::swedish_display(),
            };
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
                    let name = report
                        .and_then(|i| r.reports.get(i))
                        .map(|i| {
                            let months = i.months.map(|m| format!(" ({m} {})", t.months_short)).unwrap_or_default();
                            format!("{} · {}{months}", i.name, i.kind.name(lang))
                        })
                        .unwrap_or_else(|| t.year.to_string());
                    view! { <th scope="colgroup" colspan=span.to_string()>{name}</th> }
                })
                .collect_view();
            let heads = columns
                .iter()
                .map(|c| view! { <th scope="col">{c.heading(t)}</th> })
                .collect_view();
            let line_cells = |line: &Line| {
                columns
                    .iter()
                    .map(|c| {
                        let changed = matches!(c, Figure::Budget(i)
                            if line.budget_changes.get(*i).and_then(|v| v.value()).is_some_and(|v| !v.is_zero()));
                        view! {
                            <td
                                data-figure=c.key()
                                data-report=c.report().map(|i| i.to_string())
                                class:changed=changed
                                class:negative=matches!(c.of(line), Computed::Value(v) if c.signed() && v.is_sign_negative() && !v.is_zero())
                                title=changed.then_some(t.budget_changed)
                            >
                                {figure_text(&format, *c, line, r, lang)}
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
                            <th scope="row">{row.label.clone()}</th>
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
            let caption = format!("{} ({})", t.caption, r.unit.symbol());
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
    // Labels a row can join: the follow-up's rows and the unmatched rows.
    let targets = move || {
        result.with(|r| {
            let mut labels: Vec<String> = Vec::new();
            if let Some(r) = r {
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
            }
            labels
        })
    };
    let choose = move |sheet: u64, row: usize, label: String, target: String| {
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
    };
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
                    let choices = options
                        .iter()
                        .filter(|o| **o != u.label)
                        .map(|o| view! { <option value=o.clone()>{o.clone()}</option> })
                        .collect_view();
                    let on_change = move |ev: leptos::ev::Event| {
                        choose(sheet, row, label.clone(), event_target_value(&ev))
                    };
                    view! {
                        <li data-label=u.label.clone()>
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
