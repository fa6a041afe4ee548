//! Text without delimiters: a PDF copy, or a web page copied so that every
//! cell landed on a line of its own.
//!
//! PDF text uses one space both between columns and inside numbers
//! ("Regionkontoret 0 1 400 1 400 0" is four values), breaks heading words
//! over lines ("Årsprog" / "nos") and wraps labels. The rules used:
//! - a line that ends in a letter with no space, followed by a line that
//!   starts with a lowercase letter, is one word broken in two;
//! - a digit group after the first has exactly three digits, a sign starts
//!   a new number, and a decimal part, `%` or a unit ends one;
//! - the number of value columns is the one that most rows can be split
//!   into, nudged by the heading's word count; where a row still splits
//!   several ways, the split that makes a stated total add up wins;
//! - heading words start a new column at a capitalised word.
//!
//! The layouts, each in its own file, tried in this order by [`layout`]:
//! - `web`: one cell per line (cells split by blank lines, "|" lines or the
//!   line end; mixed copies with a row's values on one line), with the
//!   stacked headings of such copies read in `web_headings`;
//! - `together`: cells run together with no separator, cut where the
//!   table's own deviation holds;
//! - `sum_together`: run-together rows cut by the table's sums, with the
//!   cuts of glued figures and notes in `figures`;
//! - `series`: a time series run together, and a table flattened onto one
//!   line;
//! - `spaced`: cells set apart by two spaces or more;
//! - `aligned`: PDF text laid out in columns (`pdftotext -layout`), read
//!   by where each figure, heading word and wrapped label stands;
//! - `pdf`: PDF text, split into values by the three-digit rule (`split`),
//!   its heading found among the lines above the data (`heading_lines`) and
//!   cut into column headings (`heading_words`), note references taken out
//!   (`notes`).
//!
//! The shapes of words and cell texts are in `words`; the table's own sums
//! settle what a layout leaves open (rows short of figures, rows that split
//! several ways) in `sums`.

mod aligned;
mod figures;
mod heading_lines;
mod heading_words;
mod notes;
mod pdf;
mod sentences;
mod series;
mod spaced;
mod split;
mod sum_together;
mod sums;
#[cfg(test)]
mod tests;
mod together;
mod web;
mod web_headings;
mod words;

#[cfg(test)]
pub(super) use heading_lines::is_footnote_line;
#[cfg(test)]
pub(super) use words::value_then_label;

use self::aligned::aligned_columns;
use self::figures::FiguresClosed;
use self::pdf::pdf_layout;
use self::sentences::sentence_rows;
use self::series::{one_line_box, one_line_list, series_together, unflatten};
use self::spaced::spaced_cells;
use self::sum_together::sum_together;
use self::sums::place_short_rows;
use self::together::run_together;
use self::web::{cells_per_line, one_cell_per_line};
use super::headings::starts_with_month;
use super::{RawTable, ReadChoices};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::grid::Grid;
use crate::latin;

/// A physical line of the paste, after broken words are glued.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    line: usize,
    trailing_space: bool,
    /// Two or more spaces at the end: empty cells, not a wrap.
    padded: bool,
    blank_after: bool,
    heading: bool,
}

impl Line {
    /// A line of text made by a layout (a flattened table cut back into
    /// lines): no spaces at its end, no blank line after it.
    fn plain(text: String, line: usize) -> Line {
        Line {
            text,
            line,
            trailing_space: false,
            padded: false,
            blank_after: false,
            heading: false,
        }
    }
}

/// The physical lines, with broken words glued back together.
fn glued_lines(grid: &Grid<'_>, plain: &str) -> Vec<Line> {
    let source: Vec<&str> = plain.split('\n').collect();
    let mut lines: Vec<Line> = Vec::new();
    for row in &grid.rows {
        let text: String = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            if let Some(last) = lines.last_mut() {
                last.blank_after = true;
            }
            continue;
        }
        let raw = source
            .get(row.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r'))
            .unwrap_or("");
        let trailing_space = raw.ends_with(char::is_whitespace);
        let padded = raw
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .nth(1)
            .is_some();
        let leading_space = raw.starts_with(char::is_whitespace);
        let starts_lower = text.chars().next().is_some_and(latin::is_lower);
        if let Some(last) = lines.last_mut() {
            let ends_letter = last.text.chars().last().is_some_and(latin::is_letter);
            // Across a blank line only a stub joins ("90 381 t" / "" / "kr",
            // "årsbudg" / "" / "et"); a title's last word does not ("3
            // Avskrivningar" / "" / "mnkr kommunen 2021-12-31 ...").
            let short = |w: Option<&str>| {
                w.is_some_and(|w| w.chars().filter(|c| latin::is_letter(*c)).count() <= 2)
            };
            // A lower heading line that names years under the words above
            // ("Specifikation Not Bokslut Bokslut" / "" / "nr 2003 2002")
            // is a second heading line, its first word a column's own
            // ("Not" / "nr"), not the rest of a word broken across lines.
            let stub = (short(last.text.split_whitespace().last())
                || short(text.split_whitespace().next()))
                && !heading_lines::is_year_line(&text);
            // A whole word before a line that starts with a unit
            // ("Verksamhetens kostnader" / "mnkr Kommunkoncernen 2021 ...")
            // is no word broken across lines: the unit heads the corner.
            let unit_starts = text
                .split_whitespace()
                .next()
                .is_some_and(|w| crate::number::Unit::from_word(w).is_some())
                && !short(last.text.split_whitespace().last());
            // A code of letters and digits ("ap.7 66 3 % 0" under "28:37
            // ... inom kulturområdet") starts an item, no word's rest.
            let code_starts = text
                .split_whitespace()
                .next()
                .is_some_and(|w| w.contains(|c: char| c.is_ascii_digit()));
            if ends_letter
                && !unit_starts
                && !code_starts
                && (!last.blank_after || stub)
                && !last.trailing_space
                && starts_lower
                && !leading_space
                && !row.heading
                && !starts_with_month(&text)
            {
                last.text.push_str(&text);
                last.trailing_space = trailing_space;
                last.padded = padded;
                last.blank_after = false;
                continue;
            }
        }
        lines.push(Line {
            text,
            line: row.line,
            trailing_space,
            padded,
            blank_after: false,
            heading: row.heading,
        });
    }
    lines
}

/// Lays out text without delimiters.
pub(super) fn layout(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    let mut raw = layout_rows(grid, plain, choices);
    place_short_rows(&mut raw);
    raw
}

/// Lays out text without delimiters, before short rows are placed.
fn layout_rows(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    let mut lines = glued_lines(grid, plain);
    let bullets = drop_list_bullets(&mut lines);
    let starred = lines
        .iter()
        .flat_map(|l| l.text.split_whitespace())
        .filter(|w| words::is_starred_figure(w))
        .count();
    let mut raw = layout_bulleted(lines, grid, plain, choices);
    if starred > 0 {
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            format!(
                "{starred} figures carried a footnote's star (*); each figure was read without it."
            ),
            format!("{starred} tal bar en fotnots stjärna (*); varje tal lästes utan den."),
        ));
    }
    if bullets > 0 {
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            format!("{bullets} lines began with a list bullet (•) or dash (-); it was left out, and each line read as a row."),
            format!("{bullets} rader började med en punkt (•) eller ett streck (-) för en lista; det lämnades bort, och varje rad lästes som en tabellrad."),
        ));
    }
    raw
}

/// Leaves out the bullet a list item begins with ("• Grundskola 22", "•
/// 35 kr Vård och omsorg": a web page's list of where the money goes):
/// no cell of the table. Returns how many lines had one.
fn drop_list_bullets(lines: &mut [Line]) -> usize {
    const BULLETS: [char; 9] = ['•', '◦', '▪', '▫', '●', '■', '‣', '⁃', '∙'];
    let mut dropped = 0;
    for line in lines.iter_mut() {
        let text = line.text.trim_start();
        // A dash before a letter is a list's dash ("-Tillväxtenheten 1,0
        // 0,9", "– varav löner 12"): a minus stands before a digit.
        let dashed = text
            .strip_prefix(['-', '–', '—'])
            .filter(|rest| rest.trim_start().starts_with(latin::is_letter));
        if let Some(rest) = text.strip_prefix(BULLETS).or(dashed) {
            line.text = rest.trim_start().to_string();
            dropped += 1;
        }
    }
    dropped
}

/// Lays out the lines, their list bullets left out.
fn layout_bulleted(
    mut lines: Vec<Line>,
    grid: &Grid<'_>,
    plain: &str,
    choices: &ReadChoices,
) -> RawTable<'static> {
    // Only a whole table flattened onto one line: pastes of several lines
    // with glued figures are cut by their sums (`sum_together`).
    let one_line = lines.iter().filter(|l| !l.heading).nth(1).is_none();
    let Some((texts, what_en, what_sv)) = one_line.then(|| one_line_cut(&lines)).flatten() else {
        return layout_lines(lines, grid, plain, choices);
    };
    for (line, text) in lines.iter_mut().zip(texts) {
        line.text = text;
    }
    let mut raw = layout_lines(lines, grid, plain, choices);
    raw.diagnostics.push(layout_diagnostic(
        None,
        None,
        String::new(),
        what_en,
        what_sv,
    ));
    raw
}

/// A one-line table's glued figures cut apart: at their decimal commas, or
/// else at their minus signs. The lines' new texts, and what was done in
/// English and Swedish; `None` when neither cut applies.
fn one_line_cut(lines: &[Line]) -> Option<(Vec<String>, String, String)> {
    let mut texts: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
    if let Some(decimals) = figures::cut_glued_decimals(&mut texts) {
        return Some((
            texts,
            format!("The figures were glued to each other at their decimal commas; each was cut after its {decimals} decimal(s), as every figure of the paste has."),
            format!("Talen satt ihop vid sina decimalkommatecken; vart och ett skars efter sina {decimals} decimal(er), som alla tal i texten har."),
        ));
    }
    let at = lines.iter().position(|l| !l.heading)?;
    let (text, cuts) = figures::cut_glued_negatives(&lines.get(at)?.text)?;
    *texts.get_mut(at)? = text;
    Some((
        texts,
        format!("{cuts} figures were glued to the figure before them at their minus sign; a space was set before each minus."),
        format!("{cuts} tal satt ihop med talet före vid sitt minustecken; ett mellanslag sattes före varje minustecken."),
    ))
}

/// Lays out the lines of text without delimiters.
fn layout_lines(
    lines: Vec<Line>,
    grid: &Grid<'_>,
    plain: &str,
    choices: &ReadChoices,
) -> RawTable<'static> {
    if let Some(raw) = one_cell_per_line(&lines) {
        return raw;
    }
    if let Some(raw) = cells_per_line(grid, plain) {
        return raw;
    }
    if let Some(raw) = run_together(&lines) {
        return raw;
    }
    if let Some(raw) = sum_together(&lines, grid) {
        return raw;
    }
    if let Some(rows) = unit_ended_rows(&lines) {
        let mut raw = pdf_layout(rows, choices);
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            "The figures were glued to their labels (and to each other); each was cut where its unit, % or the line ends it, and starts after the label's last letter, parenthesis or date.".into(),
            "Talen satt ihop med sina benämningar (och med varandra); vart och ett skars där dess enhet, % eller raden slutar det, och börjar efter benämningens sista bokstav, parentes eller datum.".into(),
        ));
        return raw;
    }
    if let Some(raw) = series_together(&lines) {
        return raw;
    }
    if let Some(raw) = spaced_cells(&lines, plain) {
        return raw;
    }
    if let Some(raw) = aligned_columns(plain) {
        return raw;
    }
    if let Some(rows) = unflatten(&lines) {
        return pdf_layout(rows, choices);
    }
    if let Some(raw) = one_line_list(&lines) {
        return raw;
    }
    if let Some(rows) = one_line_box(&lines) {
        return pdf_layout(rows, choices);
    }
    if let Some(rows) = labels_last(&lines) {
        let mut raw = pdf_layout(rows, choices);
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            "Each row's label stood after its figures; it was read as the first column, and the heading's last word as the labels' heading.".into(),
            "Varje rads benämning stod efter dess tal; den lästes som första kolumnen, och rubrikens sista ord som benämningarnas rubrik.".into(),
        ));
        return raw;
    }
    if let Some(rows) = sentences::colon_rows(&lines) {
        let mut raw = pdf_layout(rows, choices);
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            "Each row was written as its label, a colon and its figures, then a description; the figures were read with their units, one in parentheses as the next column, and the description left out.".into(),
            "Varje rad var skriven som benämning, kolon och tal, sedan en beskrivning; talen lästes med sina enheter, ett tal inom parentes som nästa kolumn, och beskrivningen lämnades bort.".into(),
        ));
        return raw;
    }
    if let Some(rows) = sentence_rows(&lines) {
        let mut raw = pdf_layout(rows, choices);
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            "Each row was a sentence of one pattern; the words every row shares were left out, the words before the first figure read as the label and the figures in order, each with its unit.".into(),
            "Varje rad var en mening efter ett mönster; orden som alla rader delar lämnades bort, orden före första talet lästes som benämning och talen i ordning, vart och ett med sin enhet.".into(),
        ));
        return raw;
    }
    pdf_layout(lines, choices)
}

/// Rows whose label stands after their figures ("26,4 kr (29,0)
/// Äldreomsorg", a web page's "how a hundred kronor is spent"), under a
/// heading naming the labels last ("Kronor Område"): the same lines with
/// the label first and the heading's last word first. Three such rows at
/// least, and no row ending in a figure; `None` otherwise.
fn labels_last(lines: &[Line]) -> Option<Vec<Line>> {
    // Where the figures of a label-last line end, by its words.
    let figures_end = |text: &str| -> Option<usize> {
        let ws = words::pdf_words(text);
        let figures = ws
            .iter()
            .take_while(|w| !matches!(words::shape(w), words::Shape::Text))
            .count();
        let first_is_figure = ws
            .first()
            .is_some_and(|w| matches!(words::shape(w), words::Shape::Number { .. }));
        let rest_is_text = ws.get(figures..).is_some_and(|r| {
            !r.is_empty()
                && r.iter()
                    .all(|w| matches!(words::shape(w), words::Shape::Text))
        });
        (first_is_figure && rest_is_text).then_some(figures)
    };
    if lines.iter().any(|l| words::is_data_line(&l.text)) {
        return None;
    }
    let ends: Vec<Option<usize>> = lines.iter().map(|l| figures_end(&l.text)).collect();
    let first = ends.iter().position(Option::is_some)?;
    if ends.iter().flatten().count() < 3 {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len());
    for (i, (l, end)) in lines.iter().zip(ends).enumerate() {
        let ws = words::pdf_words(&l.text);
        let text = match end {
            Some(n) => {
                let (figures, label) = ws.split_at(n.min(ws.len()));
                format!("{} {}", label.join(" "), without_dash(figures).join(" "))
            }
            // The heading right above the rows: its last word names the
            // labels.
            None if i + 1 == first && ws.len() >= 2 => {
                let (head, last) = ws.split_at(ws.len() - 1);
                format!("{} {}", last.join(" "), without_dash(head).join(" "))
            }
            None => l.text.clone(),
        };
        out.push(Line { text, ..l.clone() });
    }
    Some(out)
}

/// A label-last line's figures without the dash that set the label apart
/// ("22,95 kr - Vård och omsorg", and its heading "Andel - Verksamhet"):
/// punctuation, not a figure's dash for nothing.
fn without_dash<T: AsRef<str>>(words: &[T]) -> &[T] {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && matches!(last.as_ref(), "-" | "–" | "—") => {
            rest
        }
        _ => words,
    }
}

/// Lines whose figures end in units or `%` glued to their labels and
/// to each other, set apart by spaces (`figures::unit_ended_figures`); two
/// such rows at least make the table. Rows whose one figure the line's end
/// closes count only when one of them has thousands spaces: a few headings
/// glued to a small number ("Etapp1", "Etapp2") are no table of amounts.
fn unit_ended_rows(lines: &[Line]) -> Option<Vec<Line>> {
    // A glue is a letter, `)` or `%` right before a digit: most lines of
    // most pastes have none, and are passed by one scan of their bytes.
    // So is a date's last digit right before another, read by the cut.
    // So is a minus between a letter and a digit ("Omsorgsnämnden-15,8").
    let glued = |l: &Line| {
        let letter = |a: u8| a.is_ascii_alphabetic() || a >= 0x80;
        let bytes = l.text.as_bytes();
        bytes.windows(2).any(|w| {
            matches!(w, [a, b] if b.is_ascii_digit() && (letter(*a) || matches!(*a, b'%' | b')')))
        }) || bytes
            .windows(3)
            .any(|w| matches!(w, [a, b'-', d] if d.is_ascii_digit() && letter(*a)))
            || l.text.len() > 10 && bytes.get(4) == Some(&b'-')
    };
    let cut: Vec<Option<(String, FiguresClosed)>> = lines
        .iter()
        .map(|l| {
            glued(l)
                .then(|| figures::unit_ended_figures(&l.text))
                .flatten()
        })
        .collect();
    let closed = || cut.iter().flatten().map(|(_, closed)| *closed);
    let by_units = closed()
        .filter(|c| matches!(c, FiguresClosed::ByUnits | FiguresClosed::AfterDate))
        .count();
    let by_line_end = closed().count() - by_units;
    // Figures glued at their decimal commas on some line ("%17,215,714,9",
    // a series run together) say that single decimals glued to labels
    // elsewhere are the same series' ("(%)23,0" / "23,518,6…"), cut by
    // `series_together`.
    let series_glued = || {
        lines.iter().any(|l| {
            l.text
                .split(|c: char| !(c.is_ascii_digit() || c == ','))
                .any(|run| run.matches(',').count() >= 2)
        })
    };
    let grouped =
        closed().any(|c| c == FiguresClosed::ByLineEnd { grouped: true }) && !series_glued();
    // A table copied with no separator glues every row: one figure set
    // apart at a line's end ("Bostadsyta m2 136 084 136 084" beside
    // "Resultat 23 498 114 617") says the glued digits are the label's.
    let set_apart = || {
        lines
            .iter()
            .zip(&cut)
            .any(|(l, cut)| cut.is_none() && ends_in_figure_set_apart(&l.text))
    };
    let line_ends = if grouped && !set_apart() {
        by_line_end
    } else {
        0
    };
    if by_units + line_ends < 2 {
        return None;
    }
    let mut out = lines.to_vec();
    for (l, cut) in out.iter_mut().zip(cut) {
        match cut {
            Some((text, FiguresClosed::ByUnits | FiguresClosed::AfterDate)) => l.text = text,
            Some((text, FiguresClosed::ByLineEnd { .. })) if line_ends > 0 => l.text = text,
            _ => {}
        }
    }
    Some(out)
}

/// Whether a line ends in a figure set apart from a label by a space
/// ("Resultat 23 498"), a year ("Utfall 2023") and a code ("1:4") aside.
fn ends_in_figure_set_apart(text: &str) -> bool {
    let mut words = text.split_whitespace().rev();
    let Some(last) = words.next() else {
        return false;
    };
    let digits = last.trim_start_matches(words::is_sign);
    let figure = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == ',')
        && digits.starts_with(|c: char| c.is_ascii_digit());
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    figure && !year && words.any(|w| w.chars().any(latin::is_letter))
}

/// One row of PDF body text before its numbers are split.
#[derive(Debug, Clone)]
struct Run {
    label: Vec<String>,
    numbers: Vec<String>,
    line: usize,
    /// The note reference, when the table has a note column ("3", "8, 9").
    note: String,
}

/// Ends the run being read, when it has figures: its label and figures
/// become a run of `line`, and both are emptied for the next.
fn close_run(runs: &mut Vec<Run>, label: &mut Vec<String>, numbers: &mut Vec<String>, line: usize) {
    if !numbers.is_empty() {
        runs.push(Run {
            label: std::mem::take(label),
            numbers: std::mem::take(numbers),
            line,
            note: String::new(),
        });
    }
}

/// A diagnostic about the layout: what was seen and what was done with it.
fn layout_diagnostic(
    row: Option<usize>,
    line: Option<usize>,
    seen: String,
    en: String,
    sv: String,
) -> Diagnostic {
    Diagnostic {
        row,
        column: None,
        line,
        seen,
        kind: DiagnosticKind::Layout {
            what_en: en,
            what_sv: sv,
        },
    }
}

/// At most this many rows are searched for the sums that settle a reading
/// (short rows placed, a sum line's note, run-together rows cut): longer
/// tables are not cut by their sums.
const MAX_SUM_ROWS: usize = 1_000;

/// The words of a test's text, split at spaces.
#[cfg(test)]
fn w(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}
