//! One table for "Copy table": the `text/html` clipboard flavour that Word
//! and Outlook paste as a formatted table, and the `text/plain` flavour
//! with the same content, tab-separated.
//!
//! The content is what the screen shows: the table's columns, the computed
//! columns that apply (as in [`super::csv`]) and a computed totals row
//! ("Summa" / "Total"), numbers in Swedish format (decimal comma, thousands
//! grouped by a no-break space) in the display unit with the display
//! decimals ([`DisplayFormat`]), percentages with one decimal and a `%`,
//! the status as its mark (● ◆ ■), "varav" rows with `– ` before their
//! label. A caption line gives the title and the display unit ("Resultat
//! (mnkr)", the title alone when it names that unit, or "Belopp i mnkr").
//!
//! The HTML uses inline styles only (Word and Outlook drop style sheets):
//! collapsed thin borders, right-aligned numbers that do not wrap, bold
//! heading, subtotal, total and totals rows, indented "varav" rows. All text
//! is escaped. The tab-separated text has one line per row, ends lines in
//! CRLF, and replaces tabs and line ends inside a cell with spaces. Neither
//! flavour neutralises formulas: they are for documents, and a "- varav"
//! label must paste as written.

use crate::calc::Results;
use crate::display::DisplayFormat;
use crate::lang::Lang;
use crate::model::{Row, RowKind, Table};

use super::{export_cells, export_columns, figure_heading, label_column, ExportColumn, Out};

/// The parts of a table every flavour writes: the caption, the headings
/// (each with whether its column holds numbers) and the columns.
struct Head {
    caption: Option<String>,
    headings: Vec<(String, bool)>,
    columns: Vec<ExportColumn>,
    fmt: DisplayFormat,
}

fn head(table: &Table, results: &Results, lang: Lang) -> Head {
    let columns = export_columns(table, results);
    let fmt = DisplayFormat::of(table);
    let caption = match (&table.title, fmt.unit) {
        (Some(t), Some(u)) if crate::read::headings::unit_of(t) != Some(u) => {
            Some(format!("{t} ({u})"))
        }
        (Some(t), _) => Some(t.clone()),
        (None, Some(u)) => Some(format!("{} {u}", lang.pick("Belopp i", "Amounts in"))),
        (None, None) => None,
    };
    let headings = columns
        .iter()
        .map(|col| match col {
            ExportColumn::Input(c) => table.columns.get(*c).map_or((String::new(), false), |c| {
                (c.heading.clone(), c.role.is_numeric())
            }),
            ExportColumn::Figure(f) => (figure_heading(*f, lang, fmt.unit), true),
            ExportColumn::Status => ("Status".to_string(), false),
        })
        .collect();
    Head {
        caption,
        headings,
        columns,
        fmt,
    }
}

/// A row's start (`None` for the totals row), a cell's text as the screen
/// shows it, or a row's end.
enum Shown<'a> {
    Start(Option<&'a Row>),
    Cell(&'a str),
    End,
}

/// Calls `f` for every row and cell of the table and the totals row.
fn shown(table: &Table, results: &Results, lang: Lang, h: &Head, f: &mut dyn FnMut(Shown<'_>)) {
    export_cells(table, results, &h.columns, lang, &mut |o| {
        let text = match o {
            Out::Start(row) => return f(Shown::Start(row)),
            Out::End => return f(Shown::End),
            Out::Text(t) => return f(Shown::Cell(t)),
            Out::Figure(c, true) => h.fmt.computed_percent(c, lang),
            Out::Figure(c, false) => h.fmt.computed(c, lang),
            Out::Status(s) => s.map(|s| s.symbol().to_string()).unwrap_or_default(),
        };
        f(Shown::Cell(&text));
    });
}

/// Appends text with `&`, `<`, `>`, `"` and `'` escaped, so that pasted
/// text never becomes markup (here and in the app's HTML strings).
pub fn push_escaped(out: &mut String, text: &str) {
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

/// The copied table's own style (Word and Outlook keep inline styles only).
pub(crate) const TABLE_STYLE: &str =
    "border-collapse:collapse;font-family:Calibri,Arial,sans-serif;font-size:10pt";
const CELL_STYLE: &str = "border:1px solid #808080;padding:2px 6px;vertical-align:top";
const NUMBER_STYLE: &str = ";text-align:right;white-space:nowrap";
const BOLD_STYLE: &str = ";font-weight:bold";
const INDENT_STYLE: &str = ";padding-left:18px";

/// One `<td>` or `<th>` with inline styles, its text escaped.
pub(crate) fn copy_cell(
    out: &mut String,
    tag: &str,
    text: &str,
    number: bool,
    bold: bool,
    indent: bool,
) {
    out.push('<');
    out.push_str(tag);
    out.push_str(" style=\"");
    out.push_str(CELL_STYLE);
    if number {
        out.push_str(NUMBER_STYLE);
    }
    if bold {
        out.push_str(BOLD_STYLE);
    }
    if indent {
        out.push_str(INDENT_STYLE);
    }
    out.push_str("\">");
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// The table as an HTML `<table>` with inline styles (see the module
/// documentation). `results` are the table's computed results.
pub fn table_html(table: &Table, results: &Results, lang: Lang) -> String {
    let h = head(table, results, lang);
    let label = label_column(table);
    let mut out = String::new();
    out.push_str("<table style=\"");
    out.push_str(TABLE_STYLE);
    out.push_str("\">");
    if let Some(c) = &h.caption {
        out.push_str("<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">");
        push_escaped(&mut out, c);
        out.push_str("</caption>");
    }
    out.push_str("<thead><tr>");
    for (heading, number) in &h.headings {
        copy_cell(&mut out, "th", heading, *number, true, false);
    }
    out.push_str("</tr></thead><tbody>");
    let (mut i, mut bold, mut indented) = (0, false, false);
    shown(table, results, lang, &h, &mut |s| match s {
        Shown::Start(row) => {
            out.push_str("<tr>");
            i = 0;
            bold = row.is_none_or(|r| r.kind != RowKind::Item);
            indented = row.is_some_and(|r| r.level > 0);
        }
        Shown::Cell(text) => {
            let number = h.headings.get(i).is_some_and(|h| h.1);
            let indent = indented && Some(i) == label;
            copy_cell(&mut out, "td", text, number, bold, indent);
            i += 1;
        }
        Shown::End => out.push_str("</tr>"),
    });
    out.push_str("</tbody></table>");
    out
}

/// Appends a cell's text with tabs and line ends made spaces.
pub(crate) fn plain(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| {
        if matches!(c, '\t' | '\r' | '\n') {
            ' '
        } else {
            c
        }
    }));
}

/// The same content as [`table_html`] as tab-separated text (the caption
/// on its own first line).
pub fn table_tsv(table: &Table, results: &Results, lang: Lang) -> String {
    let h = head(table, results, lang);
    let mut out = String::new();
    if let Some(c) = &h.caption {
        plain(c, &mut out);
        out.push_str("\r\n");
    }
    for (i, (heading, _)) in h.headings.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        plain(heading, &mut out);
    }
    out.push_str("\r\n");
    let mut first = true;
    shown(table, results, lang, &h, &mut |s| match s {
        Shown::Start(_) => first = true,
        Shown::Cell(text) => {
            if !first {
                out.push('\t');
            }
            first = false;
            plain(text, &mut out);
        }
        Shown::End => out.push_str("\r\n"),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute;
    use crate::read::{read_paste, ReadChoices};

    #[test]
    fn escaping_covers_markup_and_quotes() {
        let mut out = String::new();
        push_escaped(&mut out, "<img src=x onerror='alert(1)'> & \"q\"");
        assert_eq!(
            out,
            "&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn html_escapes_text_and_styles_numbers_and_totals() {
        let paste = "Resultat <jan–apr>\nUppdrag\tUtfall\tBudget\nA & \"B\"\t-1 864,1\t-1 900,0\n<script>x</script>\t2\t1\n";
        let table = read_paste(paste, None, &ReadChoices::default());
        let results = compute(&table);
        let html = table_html(&table, &results, Lang::Sv);
        assert!(html.starts_with("<table style=\"border-collapse:collapse;"));
        assert!(html.contains(">A &amp; &quot;B&quot;</td>"), "{html}");
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("Resultat &lt;jan–apr&gt;</caption>"));
        assert!(html.contains(
            "<td style=\"border:1px solid #808080;padding:2px 6px;vertical-align:top;text-align:right;white-space:nowrap\">-1\u{a0}864,1</td>"
        ), "{html}");
        assert!(html.contains(
            "<td style=\"border:1px solid #808080;padding:2px 6px;vertical-align:top;font-weight:bold\">Summa</td>"
        ));
        let tsv = table_tsv(&table, &results, Lang::En);
        assert!(tsv.starts_with("Resultat <jan–apr>\r\nUppdrag\tUtfall\tBudget\tDeviation\tDeviation %\tComputed full-year forecast\tStatus\r\n"), "{tsv}");
        assert!(
            tsv.ends_with(
                "\r\nTotal\t-1\u{a0}862,1\t-1\u{a0}899,0\t36,9\t1,9\u{a0}%\t-5\u{a0}586,3\t●\r\n"
            ),
            "{tsv}"
        );
    }
}
