//! A sheet's settings, as a Leptos component: its name, the unit, display
//! unit, decimals, months, sign convention, forecast method and status
//! thresholds in one place, how the sign convention was decided, and undo,
//! redo and reset of the table.
//!
//! Everything shown comes from one memo of the sheet's settings, choices
//! and undo state, split into a memo per part: a cell edit that changes
//! none of them touches nothing here.

use kalkyl_core::edit::Command;
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{SignConvention, StatusThresholds};
use kalkyl_core::number::{format_decimal, read_number, DecimalMark, NumberStyle, Reading, Unit};
use kalkyl_core::workspace::Sheet;
use leptos::prelude::*;

use crate::dom;
use crate::forms::{
    focus_grid, method_key, method_of_key, method_options, part, text, Choice, Options,
};
use crate::i18n::{texts, Texts};
use crate::state::{Ctx, SheetCalc};

/// What the settings panel shows of a sheet.
#[derive(Clone, PartialEq, Default)]
struct Shown {
    name: String,
    units: Options,
    unit: String,
    display_units: Options,
    display_unit: String,
    months: String,
    conventions: Options,
    convention: String,
    methods: Options,
    method: String,
    decimals_options: Options,
    decimals: String,
    met: String,
    acceptable: String,
    /// The paste had an HTML flavour, so it can be read as plain text.
    has_html: bool,
    prefer_plain: bool,
    note: String,
    can_undo: bool,
    can_redo: bool,
    edited: bool,
}

/// `(key, label)` options from static pairs.
fn options(pairs: &[(&str, &str)]) -> Options {
    pairs
        .iter()
        .map(|(key, label)| (key.to_string(), label.to_string()))
        .collect()
}

impl Shown {
    fn of(sheet: &Sheet, calc: &SheetCalc, lang: Lang) -> Shown {
        let t = texts(lang);
        let table = &sheet.table;
        let settings = &table.settings;
        let auto = format!(
            "{} ({})",
            t.unit_auto,
            table.unit.map_or(t.unit_none, |u| u.symbol())
        );
        let mut units = vec![
            ("auto".to_string(), auto),
            ("none".to_string(), t.unit_none.to_string()),
        ];
        units.extend(
            Unit::ALL
                .iter()
                .map(|u| (u.symbol().to_string(), u.symbol().to_string())),
        );
        let unit = match sheet.choices.unit {
            None => "auto",
            Some(None) => "none",
            Some(Some(u)) => u.symbol(),
        };
        let plain = NumberStyle::swedish_plain();
        Shown {
            name: sheet.name.clone(),
            units,
            unit: unit.to_string(),
            display_units: options(&[
                ("auto", t.unit_auto),
                ("kr", "kr"),
                ("tkr", "tkr"),
                ("mnkr", "mnkr"),
            ]),
            display_unit: settings
                .display_unit
                .map_or("auto", |u| u.symbol())
                .to_string(),
            months: table.months.map(|m| m.to_string()).unwrap_or_default(),
            conventions: options(&[
                ("auto", t.convention_auto),
                ("outcome_minus_budget", t.convention_outcome_minus_budget),
                ("budget_minus_outcome", t.convention_budget_minus_outcome),
                ("outcome_plus_budget", t.convention_outcome_plus_budget),
            ]),
            convention: convention_key(settings.sign_convention).to_string(),
            methods: options(&method_options(t)),
            method: method_key(settings.forecast_method).to_string(),
            decimals_options: options(&[
                ("auto", t.unit_auto),
                ("0", "0"),
                ("1", "1"),
                ("2", "2"),
                ("3", "3"),
            ]),
            decimals: settings
                .display_decimals
                .map_or_else(|| "auto".to_string(), |d| d.to_string()),
            met: format_decimal(settings.status.met_within, &plain),
            acceptable: format_decimal(settings.status.acceptable_within, &plain),
            has_html: sheet.source.html.is_some(),
            prefer_plain: sheet.choices.prefer_plain,
            note: calc.calc.results().detected.describe(lang),
            can_undo: sheet.history.can_undo(),
            can_redo: sheet.history.can_redo(),
            edited: table.rows.iter().any(|r| !r.originals.is_empty()),
        }
    }
}

fn convention_key(c: Option<SignConvention>) -> &'static str {
    match c {
        None => "auto",
        Some(SignConvention::OutcomeMinusBudget) => "outcome_minus_budget",
        Some(SignConvention::BudgetMinusOutcome) => "budget_minus_outcome",
        Some(SignConvention::OutcomePlusBudget) => "outcome_plus_budget",
    }
}

/// A setting the user changes in the panel.
#[derive(Clone, Copy)]
enum Setting {
    Unit,
    DisplayUnit,
    Months,
    Convention,
    Method,
    Decimals,
    Met,
    Acceptable,
    PreferPlain,
}

/// The sheet the panel belongs to, and where a refusal is said.
#[derive(Clone, Copy)]
struct Target {
    ctx: Ctx,
    id: u64,
    lang: ReadSignal<Lang>,
    /// Why the last command was refused, until the next one.
    notice: RwSignal<Option<String>>,
}

impl Target {
    /// Runs a command on the sheet; a refusal becomes the notice.
    fn command(self, c: Command) {
        let refused = self
            .ctx
            .mutate(self.id, |s| s.apply(&c))
            .and_then(Result::err);
        self.notice
            .set(refused.map(|e| e.message(self.lang.get_untracked())));
    }

    /// The user set `setting` to `value` (a choice's key, a typed text, or
    /// "true"/"false" for the checkbox).
    fn set(self, setting: Setting, value: String) {
        let (ctx, id) = (self.ctx, self.id);
        match setting {
            Setting::Unit => {
                let choice = match value.as_str() {
                    "auto" => None,
                    "none" => Some(None),
                    other => Unit::from_word(other).map(Some),
                };
                ctx.reread(id, move |c| c.unit = choice);
            }
            Setting::DisplayUnit => self.command(Command::SetDisplayUnit(Unit::from_word(&value))),
            Setting::Months => {
                let months = value
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m));
                self.command(Command::SetMonths(months));
            }
            Setting::Convention => self.command(Command::SetConvention(match value.as_str() {
                "outcome_minus_budget" => Some(SignConvention::OutcomeMinusBudget),
                "budget_minus_outcome" => Some(SignConvention::BudgetMinusOutcome),
                "outcome_plus_budget" => Some(SignConvention::OutcomePlusBudget),
                _ => None,
            })),
            Setting::Method => self.command(Command::SetForecastMethod(method_of_key(&value))),
            Setting::Decimals => self.command(Command::SetDisplayDecimals(value.parse().ok())),
            Setting::Met | Setting::Acceptable => {
                let lang = self.lang.get_untracked();
                let typed = match read_number(&value, DecimalMark::Comma) {
                    Ok(Reading::Number(n)) => n.value,
                    Ok(_) => {
                        self.notice.set(Some(texts(lang).adjust_empty.to_string()));
                        return;
                    }
                    Err(e) => {
                        self.notice.set(Some(e.message(lang)));
                        return;
                    }
                };
                let current = ctx
                    .with_sheet_untracked(id, |s, _| s.table.settings.status)
                    .unwrap_or_default();
                let thresholds = if matches!(setting, Setting::Met) {
                    StatusThresholds {
                        met_within: typed,
                        ..current
                    }
                } else {
                    StatusThresholds {
                        acceptable_within: typed,
                        ..current
                    }
                };
                self.command(Command::SetThresholds(thresholds));
            }
            Setting::PreferPlain => {
                let checked = value == "true";
                ctx.reread(id, move |c| c.prefer_plain = checked);
            }
        }
    }

    /// `set` for one setting, as a choice's callback.
    fn on(self, setting: Setting) -> Callback<String> {
        Callback::new(move |value| self.set(setting, value))
    }
}

/// The settings of sheet `id`, its undo, redo and reset, and why the last
/// command was refused.
#[component]
pub fn SheetSettings(ctx: Ctx, id: u64, lang: ReadSignal<Lang>) -> impl IntoView {
    let target = Target {
        ctx,
        id,
        lang,
        notice: RwSignal::new(None),
    };
    let shown = Memo::new(move |_| {
        let lang = lang.get();
        ctx.with_sheet(id, |s, calc| Shown::of(s, calc, lang))
            .unwrap_or_default()
    });
    let choice = move |testid: &'static str,
                       label: fn(&Texts) -> &'static str,
                       options: fn(&Shown) -> Options,
                       selected: fn(&Shown) -> String,
                       setting: Setting| {
        view! {
            <Choice
                testid
                lang
                label
                options=part(shown, options)
                selected=part(shown, selected)
                on_pick=target.on(setting)
            />
        }
    };
    let has_html = part(shown, |s| s.has_html);
    let prefer_plain = part(shown, |s| s.prefer_plain);
    view! {
        <div class="sheet-head">
            <h2 class="sheet-name">{part(shown, |s| s.name.clone())}</h2>
            <div class="sheet-settings">
                {choice("unit", |t| t.unit_label, |s| s.units.clone(), |s| s.unit.clone(), Setting::Unit)}
                {choice(
                    "display-unit",
                    |t| t.display_unit_label,
                    |s| s.display_units.clone(),
                    |s| s.display_unit.clone(),
                    Setting::DisplayUnit,
                )}
                <label>
                    {text(lang, |t| t.months_label)}
                    " "
                    <input
                        type="number"
                        min="1"
                        max="12"
                        data-testid="months"
                        placeholder=text(lang, |t| t.months_unknown)
                        prop:value=part(shown, |s| s.months.clone())
                        on:change=move |ev| target.set(Setting::Months, dom::target_value(&ev))
                    />
                </label>
                {choice(
                    "convention",
                    |t| t.convention_label,
                    |s| s.conventions.clone(),
                    |s| s.convention.clone(),
                    Setting::Convention,
                )}
                {choice(
                    "forecast-method",
                    |t| t.forecast_label,
                    |s| s.methods.clone(),
                    |s| s.method.clone(),
                    Setting::Method,
                )}
                {choice(
                    "decimals",
                    |t| t.decimals_label,
                    |s| s.decimals_options.clone(),
                    |s| s.decimals.clone(),
                    Setting::Decimals,
                )}
                <span class="thresholds">
                    {text(lang, |t| t.thresholds_label)}
                    {threshold("threshold-met", "●", part(shown, |s| s.met.clone()), target.on(Setting::Met))}
                    {threshold(
                        "threshold-acceptable",
                        "◆",
                        part(shown, |s| s.acceptable.clone()),
                        target.on(Setting::Acceptable),
                    )}
                </span>
                {move || {
                    has_html
                        .get()
                        .then(|| {
                            view! {
                                <label>
                                    <input
                                        type="checkbox"
                                        data-testid="prefer-plain"
                                        prop:checked=prefer_plain
                                        on:change=move |ev| {
                                            let checked = dom::target_checked(&ev);
                                            target.set(Setting::PreferPlain, checked.to_string());
                                        }
                                    />
                                    " "
                                    {text(lang, |t| t.read_as_plain)}
                                </label>
                            }
                        })
                }}
            </div>
            <p class="convention-note" data-testid="convention-note">
                {part(shown, |s| s.note.clone())}
            </p>
            <div class="sheet-actions">
                {action(
                    "undo",
                    "",
                    text(lang, |t| t.undo),
                    part(shown, |s| s.can_undo),
                    Callback::new(move |()| {
                        ctx.mutate(id, Sheet::undo);
                        focus_grid();
                    }),
                )}
                {action(
                    "redo",
                    "",
                    text(lang, |t| t.redo),
                    part(shown, |s| s.can_redo),
                    Callback::new(move |()| {
                        ctx.mutate(id, Sheet::redo);
                        focus_grid();
                    }),
                )}
                {action(
                    "reset-table",
                    "secondary",
                    text(lang, |t| t.reset_table),
                    part(shown, |s| s.edited),
                    Callback::new(move |()| target.command(Command::ResetTable)),
                )}
                <span class="edit-hint">{text(lang, |t| t.edit_hint)}</span>
            </div>
        </div>
        {move || {
            target
                .notice
                .get()
                .map(|m| {
                    view! {
                        <p class="cell-error" role="alert" data-testid="sheet-error">
                            {m}
                        </p>
                    }
                })
        }}
    }
}

/// A status threshold in percent, typed (`1,5`).
fn threshold(
    testid: &'static str,
    mark: &'static str,
    value: Memo<String>,
    on_set: Callback<String>,
) -> impl IntoView {
    view! {
        " "
        <label>
            {mark}
            " "
            <input
                data-testid=testid
                inputmode="decimal"
                size="4"
                prop:value=value
                on:change=move |ev| on_set.run(dom::target_value(&ev))
            />
            " %"
        </label>
    }
}

/// A button of the sheet's actions, enabled while `enabled` holds.
fn action(
    testid: &'static str,
    class: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    enabled: Memo<bool>,
    act: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            data-testid=testid
            class=class
            disabled=move || !enabled.get()
            on:click=move |_| act.run(())
        >
            {label}
        </button>
    }
}
