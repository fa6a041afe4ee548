//! Cells set apart by two spaces or more (a web table copied as padded
//! text), some rows of which ran together with no separator at all, or
//! none, with thousands set apart by one space ("183 017  175 345").

use super::figures::{figure_cuts, figure_unevenness, glued_figures};
use super::heading_lines::{has_year_word, is_footnote_line};
use super::{layout_diagnostic, Line};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::latin;
use crate::number::{self, DecimalMark, Reading};
use crate::read::headings::clean_heading;
use crate::read::{RawCell, RawRow, RawTable};

/// A footnote mark: stars with a closing parenthesis or not ("*)", "**").
fn is_star_mark(word: &str) -> bool {
    word.starts_with('*') && word.trim_end_matches(')').chars().all(|c| c == '*')
}

/// Headings marked with a footnote ("2021*)", "2020**)") whose footnote
/// under the table says what the column holds ("*) Budgeterat resultat för
/// 2021 **) Resultat för 2020 är helårsprognos per augusti"): the note's
/// words join the heading in parentheses, so that they name its figure.
fn explain_marked_headings(headings: &mut [String], footnotes: &[&str]) {
    let words: Vec<&str> = footnotes
        .iter()
        .flat_map(|f| f.split_whitespace())
        .collect();
    for h in headings.iter_mut() {
        let Some(at) = h.find('*') else { continue };
        let mark = h.get(at..).unwrap_or("").to_string();
        if !is_star_mark(&mark) {
            continue;
        }
        let Some(start) = words.iter().position(|w| *w == mark) else {
            continue;
        };
        let text: Vec<&str> = words
            .iter()
            .skip(start + 1)
            .take_while(|w| !is_star_mark(w))
            .copied()
            .collect();
        if !text.is_empty() {
            *h = format!("{h} ({})", text.join(" ").trim_end_matches('.'));
        }
    }
}

/// The parts of a line set apart by two spaces or more.
fn spaced_parts(text: &str) -> Vec<&str> {
    text.split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A padded row's parts as its label and figures: the label is the leading
/// parts with letters (a label may hold a double space itself: "Låneskulder
/// kr/m2 summa  yta"), and a footnote star after a figure ("114 617*") is a
/// mark, not part of it. `None` without a label, or when a part after the
/// label is no number.
fn padded_row(parts: &[&str]) -> Option<(String, Vec<String>)> {
    let labels = parts
        .iter()
        .take_while(|p| p.chars().any(latin::is_letter))
        .count();
    let label = parts.get(..labels)?.join(" ");
    let figures: Vec<String> = parts
        .get(labels..)?
        .iter()
        .map(|p| p.trim_end_matches('*').to_string())
        .collect();
    let number = |t: &str| {
        matches!(
            number::read_number(t, DecimalMark::Comma),
            Ok(Reading::Number(_))
        )
    };
    (labels > 0 && figures.iter().all(|f| number(f))).then_some((label, figures))
}

/// Cells set apart by two spaces or more (a web table copied as padded
/// text), where some rows ran together with no separator at all
/// ("resultaträkningen3 000-11 70852 966107 66644 124"). The heading line's
/// parts give the columns; a padded row's parts are its label and figures
/// (packed from the left when it has fewer:
/// [`place_short_rows`](super::sums::place_short_rows) places them); a
/// glued row's figures are cut with their thousands spaces kept, the most
/// even cut when it is the only one, else the row stays text.
/// Without a glued row, the runs of two spaces are the cell boundaries
/// when every line with figures splits at them into a label and single
/// figures and some figure keeps a thousands space. `None` unless a padded
/// heading and padded rows are there, with a glued row or so split.
pub(super) fn spaced_cells(lines: &[Line], plain: &str) -> Option<RawTable<'static>> {
    let source: Vec<&str> = plain.split('\n').collect();
    let raw_text = |l: &Line| {
        source
            .get(l.line.saturating_sub(1))
            .map_or("", |t| t.trim_end_matches('\r'))
    };
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let at = body
        .iter()
        .take(4)
        .position(|l| spaced_parts(raw_text(l)).len() >= 3 && has_year_word(&l.text))?;
    let heading_line = body.get(at)?;
    let mut headings: Vec<String> = spaced_parts(raw_text(heading_line))
        .into_iter()
        .map(clean_heading)
        .collect();
    // A heading of periods only has no corner over the labels.
    if headings
        .first()
        .is_some_and(|h| has_year_word(h) && !h.chars().any(latin::is_letter))
    {
        headings.insert(0, String::new());
    }
    let rest = body.get(at + 1..).unwrap_or(&[]);
    // Where every line with figures splits at its runs of two spaces or
    // more into a label and single figures, and some figure keeps a
    // thousands space ("183 017  175 345"), those runs are the cell
    // boundaries: the table has as many value columns as its widest row,
    // even when the heading names fewer (an unheaded period column).
    let mut widest = Some(0usize);
    let mut thousands = false;
    for l in rest
        .iter()
        .filter(|l| !is_footnote_line(&l.text) && !l.text.starts_with('*'))
    {
        match padded_row(&spaced_parts(raw_text(l))) {
            Some((_, figures)) => {
                thousands |= figures.iter().any(|f| f.contains(' '));
                widest = widest.map(|w| w.max(figures.len()));
            }
            // A line of text cells ("Kultur- och  Ej aktuellt  Ej
            // aktuellt") is a table laid out in columns, not padded cells.
            None if l.text.chars().any(|c| c.is_ascii_digit())
                || spaced_parts(raw_text(l)).len() > 1 =>
            {
                widest = None
            }
            None => {}
        }
    }
    // A heading over two lines (words, then years) is laid out in columns.
    let heading_above = at
        .checked_sub(1)
        .and_then(|i| body.get(i))
        .is_some_and(|l| spaced_parts(raw_text(l)).len() >= 3);
    let all_padded = widest.filter(|_| thousands && !heading_above);
    let n = all_padded.map_or(0, |w| w).max(headings.len() - 1);
    if all_padded.is_some() {
        headings.resize(n + 1, String::new());
    }
    let mut raw = RawTable {
        from_lines: true,
        headings,
        ..RawTable::default()
    };
    let (mut padded, mut glued) = (0usize, 0usize);
    let mut footnotes: Vec<&str> = Vec::new();
    for l in rest {
        if is_footnote_line(&l.text) || l.text.starts_with('*') {
            footnotes.push(&l.text);
            continue;
        }
        let row = raw.rows.len();
        let parts = spaced_parts(raw_text(l));
        if let Some((label, figures)) = padded_row(&parts)
            .filter(|(_, f)| !f.is_empty() && f.len() <= n)
            .filter(|(label, _)| all_padded.is_some() || parts.first() == Some(&label.as_str()))
        {
            padded += 1;
            raw.rows.push(RawRow {
                line: l.line,
                cells: std::iter::once(label)
                    .chain(figures)
                    .map(RawCell::plain)
                    .collect(),
            });
            continue;
        }
        let Some((label, tail)) =
            glued_figures(&l.text).filter(|(label, _)| label.chars().any(latin::is_letter))
        else {
            raw.rows.push(RawRow {
                line: l.line,
                cells: vec![RawCell::plain(l.text.trim().to_string())],
            });
            continue;
        };
        glued += 1;
        let cuts = figure_cuts(&[tail], n, 0, true).unwrap_or_default();
        let least = cuts.iter().map(|c| figure_unevenness(c)).min();
        let mut even = cuts.iter().filter(|c| Some(figure_unevenness(c)) == least);
        match (even.next(), even.next()) {
            (Some(one), None) => {
                let cells = std::iter::once(label.trim().to_string())
                    .chain(one.iter().map(|f| f.0.clone()))
                    .map(RawCell::plain)
                    .collect();
                raw.rows.push(RawRow {
                    line: l.line,
                    cells,
                });
            }
            (first, _) => {
                raw.diagnostics.push(Diagnostic {
                    row: Some(row),
                    column: None,
                    line: Some(l.line),
                    seen: l.text.clone(),
                    kind: match first {
                        None => DiagnosticKind::UnsplittableLine,
                        Some(_) => DiagnosticKind::AmbiguousSplit {
                            candidates: cuts.len(),
                        },
                    },
                });
                raw.rows.push(RawRow {
                    line: l.line,
                    cells: vec![RawCell::plain(l.text.trim().to_string())],
                });
            }
        }
    }
    if padded < 2 || (glued < 1 && all_padded.is_none()) {
        return None;
    }
    explain_marked_headings(&mut raw.headings, &footnotes);
    raw.title = at
        .checked_sub(1)
        .and_then(|i| body.get(i))
        .map(|l| (l.text.trim().to_string(), l.line));
    raw.context = heading_line.text.clone();
    // Section titles of padded cells ("Ekonomi (tkr)") may name the unit
    // of the figures, and a table turned back loses them as rows.
    if all_padded.is_some() {
        for r in raw.rows.iter().filter(|r| r.cells.len() == 1) {
            if let Some(c) = r.cells.first() {
                raw.context.push('\n');
                raw.context.push_str(&c.text);
            }
        }
    }
    let (en, sv) = if glued > 0 {
        ("Cells set apart by two spaces or more, some rows run together; the glued figures were cut with their thousands spaces kept, the most even way.", "Cellerna åtskilda av två mellanslag eller fler, några rader ihopskrivna; de ihopskrivna talen delades med tusentalsmellanrummen kvar, så jämnt som möjligt.")
    } else {
        ("Cells set apart by two spaces or more and thousands by one: the wider gaps were read as the cell boundaries.", "Cellerna åtskilda av två mellanslag eller fler och tusentalen av ett: de bredare mellanrummen lästes som cellgränser.")
    };
    raw.diagnostics.insert(
        0,
        layout_diagnostic(
            None,
            Some(heading_line.line),
            heading_line.text.clone(),
            en.to_string(),
            sv.to_string(),
        ),
    );
    Some(raw)
}
