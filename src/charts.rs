//! A table's two charts, as a Leptos component: the deviation per row and
//! the bridge from the budget total to the outcome or forecast total. The
//! on-demand module draws them as SVG (the chart code is not in the first
//! load); this frame shows them, or that they are loading, could not be
//! loaded (with a retry) or have nothing to show.

use gloo_timers::callback::Timeout;
use kalkyl_core::lang::Lang;
use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::forms::text;
use crate::i18n::texts;
use crate::on_demand::Drawn;
use crate::state::Ctx;

/// Tables up to this many rows show their charts at once; larger ones on
/// request, so that an edit in a very large table does not wait for two
/// charts (sorting every row) nobody looks at.
pub(crate) const CHARTS_OPEN_UP_TO: usize = 2_000;

/// How long after an edit the charts follow it, in milliseconds.
const CHARTS_AFTER_MS: u32 = 150;

/// The charts of sheet `id`. They follow every edit, a moment later.
#[component]
pub fn Charts(ctx: Ctx, id: u64, lang: ReadSignal<Lang>) -> impl IntoView {
    let rows = ctx
        .with_sheet_untracked(id, |s, _| s.table.rows.len())
        .unwrap_or(0);
    let open = RwSignal::new(rows <= CHARTS_OPEN_UP_TO);
    // The charts follow edits a moment later: drawing them is a pass over
    // the table in the on-demand module, which a keystroke must not wait
    // for. Edits typed together are drawn once.
    let settled = RwSignal::new(0u32);
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |first: Option<()>| {
        ctx.workspace.track();
        if first.is_none() || timer.with_value(Option::is_some) {
            return;
        }
        timer.set_value(Some(Timeout::new(CHARTS_AFTER_MS, move || {
            timer.set_value(None);
            settled.update(|n| *n = n.wrapping_add(1));
        })));
    });
    let drawn = move || {
        if !open.get() {
            return None;
        }
        settled.track();
        let lang = lang.get();
        let t = texts(lang);
        let drawn = ctx
            .workspace
            .with_untracked(|w| ctx.module.charts(w, id, lang));
        Some(match drawn {
            // The module's SVG: the one place the app sets inner HTML.
            Drawn::Html(html) if !html.is_empty() => {
                EitherOf4::A(view! { <div inner_html=html></div> })
            }
            Drawn::Html(_) => EitherOf4::B(view! {
                <p class="no-charts" data-testid="no-charts">{t.charts_none}</p>
            }),
            Drawn::Loading => EitherOf4::C(view! {
                <p class="hint" role="status" data-testid="charts-loading">
                    {t.charts_loading}
                </p>
            }),
            Drawn::Failed => EitherOf4::D(view! {
                <p class="hint" role="status" data-testid="charts-failed">
                    {t.charts_failed}
                    " "
                    <button
                        type="button"
                        class="secondary"
                        data-testid="charts-retry"
                        on:click=move |_| ctx.module.load()
                    >
                        {t.try_again}
                    </button>
                </p>
            }),
        })
    };
    view! {
        <section class="charts" data-testid="charts">
            <h3>
                {text(lang, |t| t.charts_title)}
                " "
                <button
                    type="button"
                    class="secondary"
                    data-testid="charts-toggle"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || {
                        let t = texts(lang.get());
                        if open.get() { t.charts_hide } else { t.charts_show }
                    }}
                </button>
            </h3>
            {drawn}
        </section>
    }
}
