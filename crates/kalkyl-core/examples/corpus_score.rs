//! Scores the table reader on the corpus of real report tables
//! (`tests/corpus/`) and on the seed fixtures: per layout and orientation,
//! the share of numbers read under the right role and unit, units and sign
//! conventions right, stated inconsistencies flagged, and alarms on
//! consistent tables.
//!
//! ```text
//! cargo run -p kalkyl-core --example corpus_score            # summary
//! cargo run -p kalkyl-core --example corpus_score -- --detail  # every table
//! cargo run -p kalkyl-core --example corpus_score -- --seeds   # the seed fixtures
//! cargo run -p kalkyl-core --example corpus_score -- DIR       # another folder of .table files
//! cargo run -p kalkyl-core --example corpus_score -- --show NAME # one table's reading
//! cargo run -p kalkyl-core --example corpus_score -- --as pdf    # every table in another layout
//! ```
//!
//! `--as tab|pdf|lines|html` writes each table again from its annotation
//! (title, a "Belopp i" line when neither title nor headings name the unit,
//! the headings, the rows) in another layout, as another copy of the same
//! table would give it: Excel's tabs, a PDF viewer's single spaces (empty
//! cells dropped), one cell per line, or an HTML table beside its tab text.
//! The same table in another layout should read as well; the score says
//! where it does not. Annotations leave out what the paste had besides
//! (units printed beside figures, "%", note marks), so it is a probe for
//! finding weak layouts, not a measure of the reader.

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use std::path::Path;

use support::fixture::{ExpectedCell, Fixture};

/// A decimal written the Swedish way: "-1 234,5".
fn swedish(d: &rust_decimal::Decimal) -> String {
    let text = d.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = sign.to_string();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if !decimals.is_empty() {
        out.push(',');
        out.push_str(decimals);
    }
    out
}

/// The table written again from its annotation in `layout`.
fn rewritten(f: &Fixture, layout: &str) -> String {
    let headings: Vec<String> = f
        .headings
        .iter()
        .map(|h| h.clone().unwrap_or_default())
        .collect();
    let rows: Vec<Vec<String>> = f
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| match c {
                    ExpectedCell::Empty => String::new(),
                    ExpectedCell::Number(d) => swedish(d),
                    ExpectedCell::Text(t) => t.clone(),
                    ExpectedCell::Label {
                        text,
                        note: Some(n),
                    } => format!("{text} {n}"),
                    ExpectedCell::Label { text, note: None } => text.clone(),
                })
                .collect()
        })
        .collect();
    let mut out = String::new();
    if let Some(title) = &f.title {
        out.push_str(title);
        out.push('\n');
    }
    if let Some(unit) = f.unit.as_deref().filter(|u| !matches!(*u, "none" | "-")) {
        let named = f
            .title
            .iter()
            .chain(f.headings.iter().flatten())
            .any(|t| t.to_lowercase().contains(unit));
        if !named {
            out.push_str(&format!("Belopp i {unit}\n"));
        }
    }
    let line = |cells: &[String]| match layout {
        "pdf" => {
            cells
                .iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
                + "\n"
        }
        "lines" => cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    "-\n".to_string()
                } else {
                    format!("{c}\n")
                }
            })
            .collect(),
        _ => cells.join("\t") + "\n",
    };
    out.push_str(&line(&headings));
    for r in &rows {
        out.push_str(&line(r));
    }
    out
}

/// The HTML flavour of a tab-separated copy: lines above the table as
/// paragraphs, the first row as heading cells.
fn html_of(tab: &str) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let lines: Vec<&str> = tab.lines().collect();
    let first = lines.iter().position(|l| l.contains('\t')).unwrap_or(0);
    let mut out = String::from("<html><body>");
    for l in lines.get(..first).unwrap_or(&[]) {
        out.push_str(&format!("<p>{}</p>", escape(l)));
    }
    out.push_str("<table>");
    for (i, l) in lines.iter().skip(first).enumerate() {
        let tag = if i == 0 { "th" } else { "td" };
        out.push_str("<tr>");
        for cell in l.split('\t') {
            out.push_str(&format!("<{tag}>{}</{tag}>", escape(cell)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></body></html>");
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let detail = args.iter().any(|a| a == "--detail");
    let seeds = args.iter().any(|a| a == "--seeds");
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1));
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            !a.starts_with("--") && (*i == 0 || !matches!(args[i - 1].as_str(), "--show" | "--as"))
        })
        .map(|(_, a)| a);
    let fixtures = match (dir, seeds) {
        (Some(dir), _) => support::fixture::load_from(Path::new(dir)),
        (None, true) => support::fixture::load_all(),
        (None, false) => support::fixture::load_corpus(),
    };
    let layout = args
        .iter()
        .position(|a| a == "--as")
        .and_then(|i| args.get(i + 1));
    if let Some(layout) = layout {
        let mut all = support::score::Tally::default();
        let mut details = String::new();
        for f in &fixtures {
            let mut again = f.clone();
            again.paste = rewritten(f, if layout == "html" { "tab" } else { layout });
            let html = (layout == "html").then(|| html_of(&again.paste));
            let table = kalkyl_core::read::read_paste(
                &again.paste,
                html.as_deref(),
                &support::score::first_choices(f),
            );
            let s = support::score::score_table(&again, &table);
            all.add(&s, f.checks.is_empty());
            if show.is_some_and(|n| f.name.contains(n.as_str())) {
                print!("{}\n{}", again.paste, support::score::show(&again));
            }
            if detail && s.numbers_right < s.numbers {
                details.push_str(&format!(
                    "{:<52} {:>4}/{:<4} {}\n",
                    f.name,
                    s.numbers_right,
                    s.numbers,
                    s.notes.join("; ")
                ));
            }
        }
        println!(
            "{}\n{}",
            support::score::HEADER,
            all.line(&format!("as {layout}"))
        );
        print!("{details}");
        return;
    }
    if let Some(name) = show {
        for f in fixtures.iter().filter(|f| f.name.contains(name.as_str())) {
            print!("{}", support::score::show(f));
        }
        return;
    }
    let (report, _) = support::score::report(&fixtures, detail);
    print!("{report}");
}
