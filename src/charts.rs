//! The frame of a table's charts: the heading that opens and closes them,
//! and the charts themselves, drawn as SVG by the on-demand module a moment
//! after the edits that change them.

use std::fmt::Write as _;

use gloo_timers::callback::Timeout;
use kalkyl_core::lang::Lang;
use leptos::prelude::*;
use web_sys::Element;

use crate::dom;
use crate::grid::push_escaped;
use crate::i18n::texts;
use crate::on_demand::Drawn;
use crate::state::Ctx;

/// Tables up to this many rows show their charts at once; larger ones on
/// request, so that an edit in a very large table does not wait for two
/// charts (sorting every row) nobody looks at.
const CHARTS_OPEN_UP_TO: usize = 2_000;

/// How long after an edit the charts follow it, in milliseconds.
const CHARTS_AFTER_MS: u32 = 150;

/// The table's two charts, drawn by the core as SVG: the deviation per row
/// and the bridge from the budget total to the outcome or forecast total.
/// They follow every edit.
pub(crate) fn charts(parent: &Element, ctx: Ctx, id: u64, lang: ReadSignal<Lang>) {
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
    let section = dom::element(
        parent,
        "section",
        &[("class", "charts"), ("data-testid", "charts")],
    );
    dom::bind_html(&section, move || {
        let lang = lang.get();
        let t = texts(lang);
        let open = open.get();
        let mut out = String::from("<h3>");
        push_escaped(&mut out, t.charts_title);
        let _ = write!(
            out,
            " <button type=\"button\" class=\"secondary\" data-testid=\"charts-toggle\" aria-expanded=\"{open}\">"
        );
        push_escaped(&mut out, if open { t.charts_hide } else { t.charts_show });
        out.push_str("</button></h3>");
        if !open {
            return out;
        }
        settled.track();
        match ctx
            .workspace
            .with_untracked(|w| ctx.module.charts(w, id, lang))
        {
            Drawn::Html(html) if !html.is_empty() => out.push_str(&html),
            Drawn::Html(_) => {
                out.push_str("<p class=\"no-charts\" data-testid=\"no-charts\">");
                push_escaped(&mut out, t.charts_none);
                out.push_str("</p>");
            }
            Drawn::Loading => {
                out.push_str("<p class=\"hint\" role=\"status\" data-testid=\"charts-loading\">");
                push_escaped(&mut out, t.charts_loading);
                out.push_str("</p>");
            }
            Drawn::Failed => {
                out.push_str("<p class=\"hint\" role=\"status\" data-testid=\"charts-failed\">");
                push_escaped(&mut out, t.charts_failed);
                out.push_str(
                    " <button type=\"button\" class=\"secondary\" data-testid=\"charts-retry\">",
                );
                push_escaped(&mut out, t.charts_retry);
                out.push_str("</button></p>");
            }
        }
        out
    });
    dom::on(&section, "click", move |ev| {
        let on_toggle = dom::target_element(&ev)
            .is_some_and(|el| el.get_attribute("data-testid").as_deref() == Some("charts-toggle"));
        if on_toggle {
            open.update(|o| *o = !*o);
        }
        let on_retry = dom::target_element(&ev)
            .is_some_and(|el| el.get_attribute("data-testid").as_deref() == Some("charts-retry"));
        if on_retry {
            ctx.module.load();
        }
    });
}
