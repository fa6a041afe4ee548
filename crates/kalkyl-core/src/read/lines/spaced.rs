//! Cells set apart by two spaces or more (a web table copied as padded
//! text), some rows of which ran together with no separator at all.

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

/// Cells set apart by two spaces or more (a web table copied as padded
/// text), where some rows ran together with no separator at all
/// ("resultaträkningen3 000-11 70852 966107 66644 124"). The heading line's
/// parts give the columns; a padded row's parts are its label and figures
/// (packed from the left when it has fewer:
/// [`place_short_rows`](super::sums::place_short_rows) places them); a
/// glued row's figures are cut with their thousands spaces kept, the most
/// even cut when it is the only one, else the row stays text.
/// `None` unless a padded heading, padded rows and a glued row are there.
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
    let headings: Vec<String> = spaced_parts(raw_text(heading_line))
        .into_iter()
        .map(clean_heading)
        .collect();
    let n = headings.len() - 1;
    let number = |t: &str| {
        matches!(
            number::read_number(t, DecimalMark::Comma),
            Ok(Reading::Number(_))
        )
    };
    let mut raw = RawTable {
        from_lines: true,
        headings,
        ..RawTable::default()
    };
    let (mut padded, mut glued) = (0usize, 0usize);
    let mut footnotes: Vec<&str> = Vec::new();
    for l in body.get(at + 1..).unwrap_or(&[]) {
        if is_footnote_line(&l.text) || l.text.starts_with('*') {
            footnotes.push(&l.text);
            continue;
        }
        let row = raw.rows.len();
        let parts = spaced_parts(raw_text(l));
        let label_first = parts
            .first()
            .is_some_and(|p| p.chars().any(latin::is_letter));
        if parts.len() >= 2
            && parts.len() <= n + 1
            && label_first
            && parts.iter().skip(1).all(|p| number(p))
        {
            padded += 1;
            raw.rows.push(RawRow {
                line: l.line,
                cells: parts
                    .iter()
                    .map(|p| RawCell::plain(p.to_string()))
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
    if padded < 2 || glued < 1 {
        return None;
    }
    explain_marked_headings(&mut raw.headings, &footnotes);
    raw.title = at
        .checked_sub(1)
        .and_then(|i| body.get(i))
        .map(|l| (l.text.trim().to_string(), l.line));
    raw.context = heading_line.text.clone();
    raw.diagnostics.insert(
        0,
        layout_diagnostic(
            None,
            Some(heading_line.line),
            heading_line.text.clone(),
            "Cells set apart by two spaces or more, some rows run together; the glued figures were cut with their thousands spaces kept, the most even way.".to_string(),
            "Cellerna åtskilda av två mellanslag eller fler, några rader ihopskrivna; de ihopskrivna talen delades med tusentalsmellanrummen kvar, så jämnt som möjligt.".to_string(),
        ),
    );
    Some(raw)
}
