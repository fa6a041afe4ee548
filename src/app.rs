//! The application: header, language switch, the paste box, the tables of
//! the workspace and what Kalkyl was unsure about when reading them.
//!
//! Components render `kalkyl-core` state and turn user actions into core
//! calls; they compute nothing themselves.

use std::collections::HashMap;

use kalkyl_core::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Cell, Role, RowKind, Table};
use kalkyl_core::number::{format_decimal, DecimalMark, NumberStyle, Suffix, Unit};
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

/// Writes `text` with the five characters that matter in HTML escaped, so
/// that pasted text can never become markup.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The rows of the grid as HTML: each cell carries `data-row` and
/// `data-col`, its classes (number, negative, flagged, indented child) and
/// its diagnostics as a tooltip; a footnote marker is a `<sup>`.
fn body_html(
    table: &Table,
    messages: &HashMap<(Option<usize>, Option<usize>), Vec<String>>,
    shown: usize,
) -> String {
    use std::fmt::Write as _;
    let mut out =
        String::with_capacity(shown.saturating_mul(table.columns.len()).saturating_mul(48));
    for (i, row) in table.rows.iter().take(shown).enumerate() {
        let class = match row.kind {
            RowKind::Heading => "kind-heading",
            RowKind::Item => "kind-item",
            RowKind::Subtotal => "kind-subtotal",
            RowKind::Total => "kind-total",
        };
        let _ = write!(out, "<tr data-row=\"{i}\" class=\"{class}\">");
        for (j, cell) in row.cells.iter().enumerate() {
            let role = table.columns.get(j).map_or(Role::Other, |c| c.role);
            let mut classes = Vec::new();
            if matches!(cell, Cell::Number(_)) {
                classes.push("num");
            }
            if cell
                .number()
                .is_some_and(|v| v.is_sign_negative() && !v.is_zero())
            {
                classes.push("neg");
            }
            let flagged = messages.get(&(Some(i), Some(j)));
            if flagged.is_some_and(|m| !m.is_empty()) {
                classes.push("flagged");
            }
            if row.level > 0 && role == Role::Label {
                classes.push("indent");
            }
            let _ = write!(out, "<td data-row=\"{i}\" data-col=\"{j}\"");
            if !classes.is_empty() {
                let _ = write!(out, " class=\"{}\"", classes.join(" "));
            }
            if let Some(m) = flagged.filter(|m| !m.is_empty()) {
                out.push_str(" title=\"");
                push_escaped(&mut out, &m.join("\n"));
                out.push('"');
            }
            out.push('>');
            push_escaped(&mut out, &display_cell(cell, role));
            if let Some(note) = row.note.as_ref().filter(|_| role == Role::Label) {
                out.push_str("<sup class=\"note\">");
                push_escaped(&mut out, note);
                out.push_str("</sup>");
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out
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

/// One table: its settings, its grid and what to check.
#[component]
fn SheetView(workspace: RwSignal<Workspace>, id: u64, lang: ReadSignal<Lang>) -> impl IntoView {
    let t = move || texts(lang.get());
    let change = move |f: Box<dyn FnOnce(&mut kalkyl_core::read::ReadChoices)>| {
        workspace.update(|w| {
            if let Some(sheet) = w.sheet_mut(id) {
                sheet.change_choices(f);
            }
        });
    };
    let settings = move || {
        workspace.with(|w| {
            let sheet = w.sheet(id)?;
            let unit_choice = match sheet.choices.unit {
                None => "auto".to_string(),
                Some(None) => "none".to_string(),
                Some(Some(u)) => u.symbol().to_string(),
            };
            Some((
                sheet.name.clone(),
                unit_choice,
                sheet.table.unit,
                sheet.table.months,
                sheet.choices.prefer_plain,
                sheet.source.html.is_some(),
            ))
        })
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
        let months = value
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|m| (1..=12).contains(m));
        change(Box::new(move |c| c.months = months));
    };
    view! {
        <section class="sheet" data-testid="sheet" data-sheet-id=id>
            {move || settings().map(|(name, unit_choice, unit, months, prefer_plain, has_html)| view! {
                <h2 class="sheet-name">{name}</h2>
                <div class="sheet-settings">
                    <label>
                        {move || t().unit_label} " "
                        <select data-testid="unit" on:change=on_unit>
                            <option value="auto" selected={unit_choice == "auto"}>
                                {format!("{} ({})", t().unit_auto, unit.map_or(t().unit_none, |u| u.symbol()))}
                            </option>
                            <option value="none" selected={unit_choice == "none"}>{t().unit_none}</option>
                            {Unit::ALL.into_iter().map(|u| {
                                let selected = unit_choice == u.symbol();
                                view! { <option value=u.symbol() selected=selected>{u.symbol()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {move || t().months_label} " "
                        <input
                            type="number"
                            min="1"
                            max="12"
                            data-testid="months"
                            placeholder=move || t().months_unknown
                            prop:value=months.map(|m| m.to_string()).unwrap_or_default()
                            on:change=on_months
                        />
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
                            " " {move || t().read_as_plain}
                        </label>
                    </Show>
                </div>
            })}
            {move || workspace.with(|w| w.sheet(id).map(|s| table_view(&s.table, &s.choices, lang.get(), change)))}
        </section>
    }
}

/// The grid of one table, with role and decimal-mark controls per column
/// and the list of diagnostics.
fn table_view(
    table: &Table,
    choices: &kalkyl_core::read::ReadChoices,
    lang: Lang,
    change: impl Fn(Box<dyn FnOnce(&mut kalkyl_core::read::ReadChoices)>) + Copy + 'static,
) -> impl IntoView {
    let t = texts(lang);
    let messages = cell_messages(table, lang);
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
                            <option value="auto" selected=mark.is_none()>"auto"</option>
                            <option value="comma" selected={mark == Some(DecimalMark::Comma)}>"1 234,5"</option>
                            <option value="point" selected={mark == Some(DecimalMark::Point)}>"1,234.5"</option>
                        </select>
                    })}
                </th>
            }
        })
        .collect_view();
    let shown = table.rows.len().min(MAX_SHOWN_ROWS);
    let rows = body_html(table, &messages, shown);
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
    view! {
        <div class="grid-wrap">
            <table class="grid" data-testid="grid" aria-label=t.table_caption>
                <thead><tr>{header}</tr></thead>
                // One escaped HTML string rather than a view per cell: far less
                // code in the download, and large tables draw much faster.
                <tbody inner_html=rows></tbody>
            </table>
        </div>
        {more.map(|m| view! { <p class="rows-shown">{m}</p> })}
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

/// One diagnostic in the list, with an action where Kalkyl can offer one.
fn diagnostic_item(
    d: &Diagnostic,
    choices: &kalkyl_core::read::ReadChoices,
    lang: Lang,
    change: impl Fn(Box<dyn FnOnce(&mut kalkyl_core::read::ReadChoices)>) + Copy + 'static,
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

#[cfg(test)]
mod tests {
    use super::*;
    use kalkyl_core::read::{read_paste, ReadChoices};

    #[test]
    fn rows_render_as_escaped_html_with_their_classes_and_notes() {
        let table = read_paste(
            "Belopp i mnkr\tUtfall\tBudget\nHälsovalsenheten, varav\t-1 864,1\t-1 917,1\n- A & <b>B</b> \"c\"*\t-1,5\t2\nX\t1 40\t3\n",
            None,
            &ReadChoices::default(),
        );
        let html = body_html(&table, &cell_messages(&table, Lang::Sv), 10);
        assert!(html.starts_with("<tr data-row=\"0\" class=\"kind-item\"><td data-row=\"0\" data-col=\"0\">Hälsovalsenheten, varav</td>"));
        assert!(
            html.contains("<td data-row=\"0\" data-col=\"1\" class=\"num neg\">-1\u{a0}864,1</td>"),
            "{html}"
        );
        // The child row: indented, text escaped, footnote apart.
        assert!(
            html.contains("<td data-row=\"1\" data-col=\"0\" class=\"indent\">A &amp; B &quot;c&quot;<sup class=\"note\">*</sup></td>"),
            "{html}"
        );
        // An unreadable cell is flagged, with its message as an escaped tooltip.
        assert!(
            html.contains(
                "<td data-row=\"2\" data-col=\"1\" class=\"flagged\" title=\"Rad 3, kolumn 2"
            ),
            "{html}"
        );
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        let mut out = String::new();
        push_escaped(&mut out, "<img src=x onerror='alert(1)'> & \"q\"");
        assert_eq!(
            out,
            "&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &quot;q&quot;"
        );
    }
}
