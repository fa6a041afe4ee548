//! The application: header, language switch, the paste box, the tables of
//! the workspace and what Kalkyl was unsure about when reading them.
//!
//! Components render `kalkyl-core` state and turn user actions into core
//! calls; they compute nothing themselves.

use std::collections::HashMap;

use kalkyl_core::calc::{compute, Computed, Figure};
use kalkyl_core::checks::check_table;
use kalkyl_core::convention::detect_convention;
use kalkyl_core::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::edit::{pasted, Command, EditError};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, ForecastMethod, Role, RowKind, SignConvention, Table};
use kalkyl_core::number::{
    convert, format_decimal, read_number, DecimalMark, NumberStyle, Reading, Suffix, Unit,
};
use kalkyl_core::read::ReadChoices;
use kalkyl_core::workspace::Workspace;
use leptos::prelude::*;

use crate::browser::{self, OfflineStatus};
use crate::i18n::texts;

/// At most this many rows are drawn per table until rows are virtualised.
const MAX_SHOWN_ROWS: usize = 2_000;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(browser::stored_lang().unwrap_or_default());
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_lang(lang);
        browser::store_lang(lang);
    });
    let offline = browser::offline_status();
    let workspace = RwSignal::new(Workspace::default());
    let active = RwSignal::new(None::<u64>);
    // How long the last paste took to read, for the browser benchmark.
    let (read_ms, set_read_ms) = signal(None::<f64>);
    let add_paste = move |plain: String, html: Option<String>| {
        let mut id = None;
        let start = browser::now_ms();
        workspace.update(|w| id = Some(w.add_paste(&plain, html.as_deref())));
        set_read_ms.set(Some(browser::now_ms() - start));
        active.set(id);
    };
    browser::on_paste_outside_inputs(add_paste);
    let on_active = move |f: fn(&mut kalkyl_core::workspace::Sheet) -> bool| {
        if let Some(id) = active.get_untracked() {
            workspace.update(|w| {
                if let Some(sheet) = w.sheet_mut(id) {
                    f(sheet);
                }
            });
        }
    };
    browser::on_undo_keys(move || on_active(|s| s.undo()), move || on_active(|s| s.redo()));
    let t = move || texts(lang.get());
    let empty = move || workspace.with(|w| w.sheets.is_empty());

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"Kalkyl"</span>
                <span class="brand-tagline">{move || t().app_tagline}</span>
            </div>
            <LanguageSwitch lang set_lang />
        </header>
        <main
            class="workspace"
            data-testid="workspace"
            data-read-ms=move || read_ms.get().map(|ms| format!("{ms:.1}"))
        >
            <Show when=empty>
                <section class="empty-state" data-testid="empty-state">
                    <h1>{move || t().empty_title}</h1>
                    <p>{move || t().empty_line_1}</p>
                    <p>{move || t().empty_line_2}</p>
                </section>
            </Show>
            <PasteBox lang on_read=add_paste />
            <SheetTabs workspace active lang />
            {move || active.get().map(|id| view! { <SheetView workspace id lang /> })}
        </main>
        <footer class="app-footer">
            <span class="privacy">{move || t().privacy_note}</span>
            <span
                class="offline-status"
                data-testid="offline-status"
                data-state=move || offline.get().as_str()
            >
                {move || match offline.get() {
                    OfflineStatus::Ready => t().offline_ready,
                    OfflineStatus::Pending => t().offline_pending,
                    OfflineStatus::Unavailable => t().offline_unavailable,
                }}
            </span>
        </footer>
    }
}

/// Two buttons, one per language; the current one is pressed.
#[component]
fn LanguageSwitch(lang: ReadSignal<Lang>, set_lang: WriteSignal<Lang>) -> impl IntoView {
    let button = move |choice: Lang, label: &'static str| {
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
        <div class="language-switch" role="group" aria-label=move || texts(lang.get()).language_label>
            {button(Lang::Sv, "Svenska")}
            {button(Lang::En, "English")}
        </div>
    }
}

/// A visible box for typed, dropped or pasted text, read on demand.
#[component]
fn PasteBox(
    lang: ReadSignal<Lang>,
    on_read: impl Fn(String, Option<String>) + Copy + 'static,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let (message, set_message) = signal(None::<&'static str>);
    let t = move || texts(lang.get());
    let read = move |_| {
        let value = text.get_untracked();
        if value.trim().is_empty() {
            set_message.set(Some(t().paste_empty));
            return;
        }
        set_message.set(None);
        on_read(value, None);
        text.set(String::new());
    };
    view! {
        <section class="paste-box">
            <label for="paste-text">{move || t().paste_box_label}</label>
            <textarea
                id="paste-text"
                data-testid="paste-text"
                rows="4"
                spellcheck="false"
                placeholder=move || t().paste_box_placeholder.replace("\\t", "  ")
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <div class="paste-actions">
                <button type="button" data-testid="paste-apply" on:click=read>
                    {move || t().paste_apply}
                </button>
                <span class="paste-message" role="status">
                    {move || message.get()}
                </span>
            </div>
        </section>
    }
}

/// The list of tables; choosing one shows it.
#[component]
fn SheetTabs(
    workspace: RwSignal<Workspace>,
    active: RwSignal<Option<u64>>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let tabs = move || {
        workspace.with(|w| {
            w.sheets
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || workspace.with(|w| !w.sheets.is_empty())>
            <nav class="sheet-tabs" aria-label=move || texts(lang.get()).tables_label>
                <For each=tabs key=|(id, name)| (*id, name.clone()) let((id, name))>
                    <button
                        type="button"
                        class="sheet-tab"
                        data-testid="sheet-tab"
                        aria-current=move || (active.get() == Some(id)).then_some("page")
                        on:click=move |_| active.set(Some(id))
                    >
                        {name}
                    </button>
                </For>
            </nav>
        </Show>
    }
}

/// How a cell reads on screen: Swedish format with the shown decimals.
fn display_cell(cell: &Cell, role: Role) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Number(value) => {
            let mut style = NumberStyle::swedish_display().with_decimals(Some(value.scale()));
            if role == Role::StatedPercent {
                style = style.with_suffix(Suffix::Percent);
            }
            format_decimal(*value, &style)
        }
    }
}

/// Messages for each flagged cell, and those that concern a whole column.
fn cell_messages(
    table: &Table,
    lang: Lang,
) -> HashMap<(Option<usize>, Option<usize>), Vec<String>> {
    let mut map: HashMap<_, Vec<String>> = HashMap::new();
    for d in &table.diagnostics {
        map.entry((d.row, d.column))
            .or_default()
            .push(d.message(lang));
    }
    map
}

/// A change to the read choices of a sheet (role, unit, decimal mark ...).
type ChoiceChange = Box<dyn FnOnce(&mut ReadChoices)>;

/// One table: its settings, its grid, what to check, and its undo history.
#[component]
fn SheetView(workspace: RwSignal<Workspace>, id: u64, lang: ReadSignal<Lang>) -> impl IntoView {
    let editing = RwSignal::new(None::<(usize, usize)>);
    let change = move |f: ChoiceChange| {
        workspace.update(|w| {
            if let Some(sheet) = w.sheet_mut(id) {
                sheet.change_choices(f);
            }
        });
    };
    let command = move |c: Command| -> Result<(), EditError> {
        let mut result = Ok(());
        workspace.update(|w| {
            if let Some(sheet) = w.sheet_mut(id) {
                result = sheet.apply(&c);
            }
        });
        result
    };
    let on_unit = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let choice = match value.as_str() {
            "auto" => None,
            "none" => Some(None),
            other => Unit::from_word(other).map(Some),
        };
        change(Box::new(move |c| c.unit = choice));
    };
    let on_months = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let months = value.trim().parse::<u8>().ok().filter(|m| (1..=12).contains(m));
        let _ = command(Command::SetMonths(months));
        change(Box::new(move |c| c.months = months));
    };
    let header = move || {
        workspace.with(|w| {
            let sheet = w.sheet(id)?;
            let lang = lang.get();
            let t = texts(lang);
            let unit_choice = match sheet.choices.unit {
                None => "auto".to_string(),
                Some(None) => "none".to_string(),
                Some(Some(u)) => u.symbol().to_string(),
            };
            let table = &sheet.table;
            let settings = &table.settings;
            let detected = detect_convention(table);
            let convention = settings.sign_convention;
            let method = settings.forecast_method;
            let display_unit = settings.display_unit;
            let has_html = sheet.source.html.is_some();
            let prefer_plain = sheet.choices.prefer_plain;
            let can_undo = sheet.history.can_undo();
            let can_redo = sheet.history.can_redo();
            let unit = table.unit;
            let months = table.months;
            let convention_option = move |value: Option<SignConvention>, key: &'static str, label: &'static str| {
                view! { <option value=key selected={convention == value}>{label}</option> }
            };
            let method_option = move |value: Option<ForecastMethod>, key: &'static str, label: &'static str| {
                view! { <option value=key selected={method == value}>{label}</option> }
            };
            Some(view! {
                <h2 class="sheet-name">{sheet.name.clone()}</h2>
                <div class="sheet-settings">
                    <label>
                        {t.unit_label} " "
                        <select data-testid="unit" on:change=on_unit>
                            <option value="auto" selected={unit_choice == "auto"}>
                                {format!("{} ({})", t.unit_auto, unit.map_or(t.unit_none, |u| u.symbol()))}
                            </option>
                            <option value="none" selected={unit_choice == "none"}>{t.unit_none}</option>
                            {Unit::ALL.into_iter().map(|u| {
                                let selected = unit_choice == u.symbol();
                                view! { <option value=u.symbol() selected=selected>{u.symbol()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {t.display_unit_label} " "
                        <select
                            data-testid="display-unit"
                            on:change=move |ev| {
                                let unit = Unit::from_word(&event_target_value(&ev));
                                let _ = command(Command::SetDisplayUnit(unit));
                            }
                        >
                            <option value="auto" selected={display_unit.is_none()}>{t.unit_auto}</option>
                            {[Unit::Kr, Unit::Tkr, Unit::Mnkr].into_iter().map(|u| view! {
                                <option value=u.symbol() selected={display_unit == Some(u)}>{u.symbol()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {t.months_label} " "
                        <input
                            type="number"
                            min="1"
                            max="12"
                            data-testid="months"
                            placeholder=t.months_unknown
                            prop:value=months.map(|m| m.to_string()).unwrap_or_default()
                            on:change=on_months
                        />
                    </label>
                    <label>
                        {t.convention_label} " "
                        <select
                            data-testid="convention"
                            on:change=move |ev| {
                                let value = match event_target_value(&ev).as_str() {
                                    "outcome_minus_budget" => Some(SignConvention::OutcomeMinusBudget),
                                    "budget_minus_outcome" => Some(SignConvention::BudgetMinusOutcome),
                                    "outcome_plus_budget" => Some(SignConvention::OutcomePlusBudget),
                                    _ => None,
                                };
                                let _ = command(Command::SetConvention(value));
                            }
                        >
                            {convention_option(None, "auto", t.convention_auto)}
                            {convention_option(Some(SignConvention::OutcomeMinusBudget), "outcome_minus_budget", t.convention_outcome_minus_budget)}
                            {convention_option(Some(SignConvention::BudgetMinusOutcome), "budget_minus_outcome", t.convention_budget_minus_outcome)}
                            {convention_option(Some(SignConvention::OutcomePlusBudget), "outcome_plus_budget", t.convention_outcome_plus_budget)}
                        </select>
                    </label>
                    <label>
                        {t.forecast_label} " "
                        <select
                            data-testid="forecast-method"
                            on:change=move |ev| {
                                let value = match event_target_value(&ev).as_str() {
                                    "run_rate" => Some(ForecastMethod::RunRate),
                                    "remaining_budget" => Some(ForecastMethod::RemainingBudget),
                                    "seasonal" => Some(ForecastMethod::Seasonal),
                                    "manual" => Some(ForecastMethod::Manual),
                                    _ => None,
                                };
                                let _ = command(Command::SetForecastMethod(value));
                            }
                        >
                            {method_option(None, "auto", t.forecast_auto)}
                            {method_option(Some(ForecastMethod::RunRate), "run_rate", t.forecast_run_rate)}
                            {method_option(Some(ForecastMethod::RemainingBudget), "remaining_budget", t.forecast_remaining_budget)}
                            {method_option(Some(ForecastMethod::Seasonal), "seasonal", t.forecast_seasonal)}
                            {method_option(Some(ForecastMethod::Manual), "manual", t.forecast_manual)}
                        </select>
                    </label>
                    <Show when=move || has_html>
                        <label>
                            <input
                                type="checkbox"
                                data-testid="prefer-plain"
                                prop:checked=prefer_plain
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    change(Box::new(move |c| c.prefer_plain = checked));
                                }
                            />
                            " " {t.read_as_plain}
                        </label>
                    </Show>
                </div>
                <p class="convention-note" data-testid="convention-note">{detected.describe(lang)}</p>
                <div class="sheet-actions">
                    <button type="button" data-testid="undo" disabled=!can_undo
                        on:click=move |_| workspace.update(|w| { if let Some(s) = w.sheet_mut(id) { s.undo(); } })>
                        {"↶ "}{t.undo}
                    </button>
                    <button type="button" data-testid="redo" disabled=!can_redo
                        on:click=move |_| workspace.update(|w| { if let Some(s) = w.sheet_mut(id) { s.redo(); } })>
                        {"↷ "}{t.redo}
                    </button>
                    <button type="button" class="secondary" data-testid="reset-table"
                        on:click=move |_| { let _ = command(Command::ResetTable); }>
                        {t.reset_table}
                    </button>
                    <span class="edit-hint">{t.edit_hint}</span>
                </div>
            })
        })
    };
    view! {
        <section class="sheet" data-testid="sheet" data-sheet-id=id>
            {header}
            {move || {
                let lang = lang.get();
                workspace.with(|w| {
                    w.sheet(id).map(|s| table_view(&s.table, &s.choices, lang, editing, change, command))
                })
            }}
        </section>
    }
}

/// Reads what the user typed into a cell: a Swedish number (a unit may be
/// given and is converted exactly), or nothing to clear it.
fn parse_typed(text: &str, table_unit: Option<Unit>, lang: Lang) -> Result<Cell, String> {
    match read_number(text, DecimalMark::Comma) {
        Ok(Reading::Blank | Reading::Nothing) => Ok(Cell::Empty),
        Ok(Reading::Number(n)) => match (n.unit, table_unit) {
            (Some(from), Some(to)) if from != to => convert(n.value, from, to)
                .map(Cell::Number)
                .map_err(|e| e.message(lang).to_string()),
            _ => Ok(Cell::Number(n.value)),
        },
        Err(e) => Err(e.message(lang)),
    }
}

/// The grid of one table: input columns with their role and decimal-mark
/// controls, computed columns, the computed totals, and the lists of
/// diagnostics and report checks.
fn table_view(
    table: &Table,
    choices: &ReadChoices,
    lang: Lang,
    editing: RwSignal<Option<(usize, usize)>>,
    change: impl Fn(ChoiceChange) + Copy + Send + Sync + 'static,
    command: impl Fn(Command) -> Result<(), EditError> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = texts(lang);
    let messages = cell_messages(table, lang);
    let results = compute(table);
    let checks = check_table(&pasted(table));
    let mut check_messages: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    for c in &checks {
        check_messages
            .entry((c.row, c.column))
            .or_default()
            .push(c.message(lang).to_string());
    }
    let format = DisplayFormat::of(table);
    let exact = table.settings.display_unit.is_none() && table.settings.display_decimals.is_none();
    let figures: Vec<Figure> = Figure::ALL
        .into_iter()
        .filter(|f| {
            results.rows.iter().any(|r| !r.figure(*f).is_blank())
                || !results.totals.computed.figure(*f).is_blank()
        })
        .collect();
    let show_status = results.rows.iter().any(|r| r.status.is_some());
    let computed_text = |figure: Figure, value: Computed| {
        if figure.is_percent() {
            format.computed_percent(value, lang)
        } else {
            format.computed(value, lang)
        }
    };
    let header = table
        .columns
        .iter()
        .enumerate()
        .map(|(j, column)| {
            let current = column.role;
            let numeric = current.is_numeric();
            let mark = choices.decimal_marks.get(&j).copied();
            let flagged = messages.get(&(None, Some(j))).cloned().unwrap_or_default();
            let title = flagged.join("\n");
            view! {
                <th scope="col" data-col=j class:flagged={!flagged.is_empty()} title=title>
                    <span class="heading-text">{column.heading.clone()}</span>
                    <select
                        aria-label=t.role_label
                        data-testid=format!("role-{j}")
                        on:change=move |ev| {
                            if let Some(role) = Role::from_key(&event_target_value(&ev)) {
                                change(Box::new(move |c| { c.roles.insert(j, role); }));
                            }
                        }
                    >
                        {Role::ALL.into_iter().map(|role| view! {
                            <option value=role.key() selected={role == current}>{role.name(lang)}</option>
                        }).collect_view()}
                    </select>
                    {numeric.then(|| view! {
                        <select
                            aria-label=t.mark_label
                            data-testid=format!("mark-{j}")
                            on:change=move |ev| {
                                let mark = match event_target_value(&ev).as_str() {
                                    "point" => Some(DecimalMark::Point),
                                    "comma" => Some(DecimalMark::Comma),
                                    _ => None,
                                };
                                change(Box::new(move |c| match mark {
                                    Some(m) => { c.decimal_marks.insert(j, m); }
                                    None => { c.decimal_marks.remove(&j); }
                                }));
                            }
                        >
                            <option value="auto" selected={mark.is_none()}>"auto"</option>
                            <option value="comma" selected={mark == Some(DecimalMark::Comma)}>"1 234,5"</option>
                            <option value="point" selected={mark == Some(DecimalMark::Point)}>"1,234.5"</option>
                        </select>
                    })}
                </th>
            }
        })
        .collect_view();
    let computed_header = figures
        .iter()
        .map(|f| view! { <th scope="col" class="computed" data-col=f.key()>{f.name(lang)}</th> })
        .collect_view();
    let status_header = show_status.then(|| view! { <th scope="col" class="computed" data-col="status">{t.status_heading}</th> });
    let shown = table.rows.len().min(MAX_SHOWN_ROWS);
    let unit = table.unit;
    let rows = table
        .rows
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, row)| {
            let class = match row.kind {
                RowKind::Heading => "kind-heading",
                RowKind::Item => "kind-item",
                RowKind::Subtotal => "kind-subtotal",
                RowKind::Total => "kind-total",
            };
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(j, cell)| {
                    let role = table.columns.get(j).map_or(Role::Other, |c| c.role);
                    let text = match (cell, exact) {
                        (Cell::Number(v), false) if role.is_amount() => format.amount(*v).unwrap_or_else(|e| e.message(lang).to_string()),
                        _ => display_cell(cell, role),
                    };
                    let numeric = matches!(cell, Cell::Number(_));
                    let editable = role.is_numeric();
                    let original = row.originals.get(&j).map(|o| display_cell(o, role));
                    let mut notes = messages.get(&(Some(i), Some(j))).cloned().unwrap_or_default();
                    let checked = check_messages.get(&(i, j)).cloned().unwrap_or_default();
                    notes.extend(checked.iter().cloned());
                    if let Some(o) = &original {
                        notes.push(format!("{}: {}", t.pasted_value, if o.is_empty() { "–" } else { o }));
                    }
                    let title = notes.join("\n");
                    let note = (role == Role::Label).then(|| row.note.clone()).flatten();
                    let edited = original.is_some();
                    let value_for_editor = display_cell(cell, role);
                    let is_editing = move || editing.get() == Some((i, j));
                    view! {
                        <td
                            data-row=i
                            data-col=j
                            class:num=numeric
                            class:neg={cell.number().is_some_and(|v| v.is_sign_negative() && !v.is_zero())}
                            class:flagged={!messages.get(&(Some(i), Some(j))).is_none_or(Vec::is_empty)}
                            class:check={!checked.is_empty()}
                            class:edited=edited
                            class:indent={row.level > 0 && role == Role::Label}
                            title=title
                            on:dblclick=move |_| { if editable { editing.set(Some((i, j))); } }
                        >
                            <Show
                                when=is_editing
                                fallback={
                                    let text = text.clone();
                                    let note = note.clone();
                                    move || view! { {text.clone()}{note.clone().map(|n| view! { <sup class="note">{n}</sup> })} }
                                }
                            >
                                <CellEditor
                                    initial=value_for_editor.clone()
                                    edited=edited
                                    lang=lang
                                    on_commit=move |typed: String| {
                                        match parse_typed(&typed, unit, lang) {
                                            Ok(cell) => {
                                                match command(Command::SetCell { row: i, column: j, cell }) {
                                                    Ok(()) => { editing.set(None); None }
                                                    Err(e) => Some(e.message(lang)),
                                                }
                                            }
                                            Err(message) => Some(message),
                                        }
                                    }
                                    on_reset=move || { let _ = command(Command::ResetCell { row: i, column: j }); editing.set(None); }
                                    on_cancel=move || editing.set(None)
                                />
                            </Show>
                        </td>
                    }
                })
                .collect_view();
            let result = results.rows.get(i).cloned();
            let computed = figures
                .iter()
                .map(|f| {
                    let value = result.as_ref().map_or(Computed::Blank, |r| r.figure(*f));
                    let unfavourable = matches!(f, Figure::Variance | Figure::VariancePct | Figure::ForecastVariance | Figure::ForecastVariancePct | Figure::InvestmentVariance | Figure::TotalBudgetVariance)
                        && value.value().is_some_and(|v| v.is_sign_negative() && !v.is_zero());
                    view! {
                        <td data-row=i data-col=f.key() class="computed num" class:unfavourable=unfavourable class:error={value.error().is_some()}>
                            {computed_text(*f, value)}
                        </td>
                    }
                })
                .collect_view();
            let status = show_status.then(|| {
                let s = result.as_ref().and_then(|r| r.status);
                view! {
                    <td data-row=i data-col="status" class="computed status" title=s.map(|s| s.name(lang)).unwrap_or_default()>
                        {s.map(|s| s.symbol().to_string()).unwrap_or_default()}
                    </td>
                }
            });
            view! { <tr data-row=i class=class>{cells}{computed}{status}</tr> }
        })
        .collect_view();
    let label_col = table.column_of(Role::Label);
    let total_cells = (0..table.columns.len())
        .map(|j| {
            let value = results.totals.columns.get(j).copied().unwrap_or(Computed::Blank);
            let text = if Some(j) == label_col { t.computed_totals.to_string() } else { format.computed(value, lang) };
            view! { <td data-row="total" data-col=j class:num={value.value().is_some()}>{text}</td> }
        })
        .collect_view();
    let total_computed = figures
        .iter()
        .map(|f| {
            let value = results.totals.computed.figure(*f);
            let unfavourable = !f.is_percent() && value.value().is_some_and(|v| v.is_sign_negative() && !v.is_zero()) && *f != Figure::Forecast && *f != Figure::YoyChange;
            view! { <td data-row="total" data-col=f.key() class="computed num" class:unfavourable=unfavourable>{computed_text(*f, value)}</td> }
        })
        .collect_view();
    let total_status = show_status.then(|| {
        let s = results.totals.computed.status;
        view! { <td data-row="total" data-col="status" class="computed status">{s.map(|s| s.symbol().to_string()).unwrap_or_default()}</td> }
    });
    let more = (table.rows.len() > shown).then(|| {
        t.rows_shown
            .replace("{shown}", &shown.to_string())
            .replace("{total}", &table.rows.len().to_string())
    });
    let diagnostics = table
        .diagnostics
        .iter()
        .map(|d| diagnostic_item(d, choices, lang, change))
        .collect_view();
    let no_diagnostics = table.diagnostics.is_empty();
    let check_items = checks
        .iter()
        .map(|c| view! {
            <li class="check" data-testid="check" data-kind=c.kind.key() data-row=c.row data-col=c.column>
                {c.message(lang).to_string()}
            </li>
        })
        .collect_view();
    let no_checks = checks.is_empty();
    view! {
        <div class="grid-wrap">
            <table class="grid" data-testid="grid" aria-label=t.table_caption>
                <thead><tr>{header}{computed_header}{status_header}</tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr class="computed-total" data-row="total">{total_cells}{total_computed}{total_status}</tr></tfoot>
            </table>
        </div>
        {more.map(|m| view! { <p class="rows-shown">{m}</p> })}
        <section class="checks" data-testid="checks">
            <h3>{t.checks_title}</h3>
            {if no_checks {
                view! { <p class="no-checks">{t.no_checks}</p> }.into_any()
            } else {
                view! { <ul>{check_items}</ul> }.into_any()
            }}
        </section>
        <section class="diagnostics" data-testid="diagnostics">
            <h3>{t.diagnostics_title}</h3>
            {if no_diagnostics {
                view! { <p class="no-diagnostics">{t.no_diagnostics}</p> }.into_any()
            } else {
                view! { <ul>{diagnostics}</ul> }.into_any()
            }}
        </section>
    }
}

/// The editor of one cell: Enter saves, Escape cancels; a value Kalkyl
/// cannot read is refused with a message and the old value is kept.
#[component]
fn CellEditor(
    initial: String,
    edited: bool,
    lang: Lang,
    on_commit: impl Fn(String) -> Option<String> + Copy + 'static,
    on_reset: impl Fn() + Copy + 'static,
    on_cancel: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let value = RwSignal::new(initial);
    let (error, set_error) = signal(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
            el.select();
        }
    });
    view! {
        <span class="cell-editor">
            <input
                node_ref=input
                data-testid="cell-editor"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:keydown=move |ev| match ev.key().as_str() {
                    "Enter" => { ev.prevent_default(); set_error.set(on_commit(value.get_untracked())); }
                    "Escape" => { ev.prevent_default(); on_cancel(); }
                    _ => {}
                }
            />
            {edited.then(|| view! {
                <button type="button" class="secondary" data-testid="reset-cell" on:mousedown=move |ev| { ev.prevent_default(); on_reset(); }>
                    {texts(lang).reset_cell}
                </button>
            })}
            {move || error.get().map(|e| view! { <span class="cell-error" role="alert" data-testid="cell-error">{e}</span> })}
        </span>
    }
}

/// One diagnostic in the list, with an action where Kalkyl can offer one.
fn diagnostic_item(
    d: &Diagnostic,
    choices: &ReadChoices,
    lang: Lang,
    change: impl Fn(ChoiceChange) + Copy + 'static,
) -> impl IntoView {
    let action = match (&d.kind, d.row) {
        (DiagnosticKind::AmbiguousSplit { candidates }, Some(row)) => {
            let candidates = *candidates.max(&1);
            let next = (choices.splits.get(&row).copied().unwrap_or(0) + 1) % candidates;
            Some(view! {
                <button
                    type="button"
                    data-testid="split-next"
                    on:click=move |_| change(Box::new(move |c| { c.splits.insert(row, next); }))
                >
                    {texts(lang).split_next}
                </button>
            })
        }
        _ => None,
    };
    view! {
        <li
            class="diagnostic"
            data-testid="diagnostic"
            data-kind=match d.severity() {
                Severity::Info => "info",
                Severity::Warning => "warning",
            }
            data-row=d.row.map(|r| r.to_string())
            data-col=d.column.map(|c| c.to_string())
        >
            {d.message(lang)}
            " "
            {action}
        </li>
    }
}
