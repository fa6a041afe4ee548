//! Pieces shared by a sheet's panels (`settings`, `findings`, `what_if`,
//! `charts`) and the grid's information line (`grid`): the forecast
//! methods' keys and labels, a reactive text, a part of a panel's state as
//! its own memo, the one `<select>` component they use, and focusing the
//! grid. Here so that the panels and the grid never
//! import each other.

use kalkyl_core::lang::Lang;
use kalkyl_core::model::ForecastMethod;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::i18n::{texts, Texts};

/// A text of the chosen language, following it: `text(lang, |t| t.undo)`.
/// One closure type for every text of the panels, so the view code that
/// shows a reactive text is compiled once.
pub fn text(
    lang: ReadSignal<Lang>,
    pick: fn(&Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(texts(lang.get()))
}

/// A part of a panel's state, as its own memo: what shows it updates only
/// when that part changed. Not a closure per part, so the memo's code is
/// compiled once per value type.
pub fn part<S, T>(state: Memo<S>, pick: fn(&S) -> T) -> Memo<T>
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| state.with(pick))
}

/// A choice's options: each option's key (its `value`) and label.
pub type Options = Vec<(String, String)>;

/// A labelled `<select>` whose options are data: `on_pick` gets the key
/// chosen; the option whose key is `selected` shows as chosen.
#[component]
pub fn Choice(
    testid: &'static str,
    lang: ReadSignal<Lang>,
    label: fn(&Texts) -> &'static str,
    options: Memo<Options>,
    selected: Memo<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let label = text(lang, label);
    view! {
        <label>
            {label}
            " "
            <select
                data-testid=testid
                aria-label=label
                on:change=move |ev| on_pick.run(dom::target_value(&ev))
            >
                {move || {
                    let selected = selected.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(key, label)| {
                            let chosen = key == selected;
                            view! {
                                <option value=key selected=chosen>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Focuses the grid, so the keyboard acts on it after a button or a list.
pub fn focus_grid() {
    let grid = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=grid]").ok().flatten());
    if let Some(grid) = grid.and_then(|g| g.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = grid.focus();
    }
}

/// The forecast methods as `(key, label)`, `auto` first.
pub fn method_options(t: &crate::i18n::Texts) -> [(&'static str, &'static str); 5] {
    [
        ("auto", t.forecast_auto),
        ("run_rate", t.forecast_run_rate),
        ("remaining_budget", t.forecast_remaining_budget),
        ("seasonal", t.forecast_seasonal),
        ("manual", t.forecast_manual),
    ]
}

/// The method a key names; `None` for `auto` (or anything else).
pub fn method_of_key(key: &str) -> Option<ForecastMethod> {
    match key {
        "run_rate" => Some(ForecastMethod::RunRate),
        "remaining_budget" => Some(ForecastMethod::RemainingBudget),
        "seasonal" => Some(ForecastMethod::Seasonal),
        "manual" => Some(ForecastMethod::Manual),
        _ => None,
    }
}

/// The key of a method; `auto` for none.
pub fn method_key(m: Option<ForecastMethod>) -> &'static str {
    match m {
        None => "auto",
        Some(ForecastMethod::RunRate) => "run_rate",
        Some(ForecastMethod::RemainingBudget) => "remaining_budget",
        Some(ForecastMethod::Seasonal) => "seasonal",
        Some(ForecastMethod::Manual) => "manual",
    }
}
