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

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::headings::{
    clean_heading, compact, is_note_heading, role_of, starts_with_month, unglue_heading, unit_of,
    year_of,
};
use super::{RawCell, RawRow, RawTable, ReadChoices};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::exact::Exact;
use crate::grid::Grid;
use crate::latin;
use crate::model::Role;
use crate::number::{self, is_minus_char, DecimalMark, Reading, Unit};

/// At most this many splits of one line are considered.
const MAX_CANDIDATES: usize = 32;
/// At most this many combinations of ambiguous rows are tried against a total.
const MAX_COMBINATIONS: usize = 4096;

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

/// The shape of a word that may be (part of) a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Digits, maybe signed, maybe with decimals, `%` or a unit.
    Number {
        signed: bool,
        int_digits: usize,
        decimals: bool,
        suffix: bool,
    },
    /// A unit or `%` on its own, closing the number before it.
    Suffix,
    /// A lone dash: no value.
    Dash,
    /// Anything else.
    Text,
}

fn is_sign(c: char) -> bool {
    c == '+' || c == '±' || is_minus_char(c)
}

/// A lone minus-like character or an em dash: an empty cell. So are ".."
/// and "…", which statistics tables print for a figure not available.
fn is_lone_dash(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(word, ".." | "…")
        || matches!((chars.next(), chars.next()), (Some(c), None) if c == '—' || is_minus_char(c))
}

fn shape(word: &str) -> Shape {
    if is_lone_dash(word) {
        return Shape::Dash;
    }
    if word == "%" || Unit::from_word(word).is_some() {
        return Shape::Suffix;
    }
    let mut chars = word.chars().peekable();
    let mut signed = false;
    while chars.peek().is_some_and(|c| is_sign(*c) || *c == '/') {
        signed = true;
        chars.next();
    }
    let rest: String = chars.collect();
    let int_digits = rest.chars().take_while(char::is_ascii_digit).count();
    if int_digits == 0 {
        return Shape::Text;
    }
    let after = &rest[int_digits..];
    let (decimals, tail) = match after.strip_prefix([',', '.']) {
        Some(d) => {
            let n = d.chars().take_while(char::is_ascii_digit).count();
            if n == 0 {
                return Shape::Text;
            }
            (true, &d[n..])
        }
        None => (false, after),
    };
    let suffix = !tail.is_empty();
    if suffix && tail != "%" && Unit::from_word(tail).is_none() {
        return Shape::Text;
    }
    Shape::Number {
        signed,
        int_digits,
        decimals,
        suffix,
    }
}

/// Whether a value ending in this word may take another digit group.
fn open(word: &str) -> bool {
    matches!(
        shape(word),
        Shape::Number {
            decimals: false,
            suffix: false,
            ..
        }
    )
}

/// Whether a unit or `%` may still be attached to this word.
fn takes_suffix(word: &str) -> bool {
    matches!(shape(word), Shape::Number { suffix: false, .. })
}

/// The words of a line.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        push_word(&mut out, word);
    }
    out
}

/// The words of a PDF line, where a lone minus followed by one space and a
/// digit is that number's sign ("– 423 231", "− 6"): PDF copies set the
/// sign apart. Two spaces or more keep it a dash for an empty cell
/// ("−  −  24").
fn pdf_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending_sign: Option<&str> = None;
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let next = after.trim_start();
        let one_space = after.len().saturating_sub(next.len()) == 1 && after.starts_with(' ');
        rest = next;
        if let Some(sign) = pending_sign.take() {
            push_word(&mut out, &format!("{sign}{word}"));
            continue;
        }
        if is_lone_dash(word)
            && word.chars().next().is_some_and(is_minus_char)
            && one_space
            && next.starts_with(|c: char| c.is_ascii_digit())
        {
            pending_sign = Some(word);
            continue;
        }
        push_word(&mut out, word);
    }
    out
}

/// Pushes one word. Splits "13,0%Medarbetare" into "13,0%" and
/// "Medarbetare"; keeps "0,0Mnkr" and "26 350tkr" whole, since the letters
/// are a unit.
fn push_word(out: &mut Vec<String>, word: &str) {
    {
        let numeric_end = word
            .char_indices()
            .find(|(_, c)| latin::is_letter(*c))
            .map(|(i, _)| i);
        match numeric_end {
            Some(i) if i > 0 => {
                let (head, tail) = word.split_at(i);
                let head_is_number = matches!(shape(head), Shape::Number { .. });
                let tail_is_unit = Unit::from_word(tail).is_some();
                if head_is_number && !tail_is_unit && !lettered_note(word) {
                    out.push(head.to_string());
                    out.push(tail.to_string());
                } else {
                    out.push(word.to_string());
                }
            }
            _ => out.push(word.to_string()),
        }
    }
}

fn is_numeric_word(word: &str) -> bool {
    !matches!(shape(word), Shape::Text)
}

/// Whether a line ends with a value (so it carries a row's numbers).
fn is_data_line(text: &str) -> bool {
    let ws = pdf_words(text);
    match ws.last().map(|w| shape(w)) {
        Some(Shape::Number { .. }) | Some(Shape::Dash) => true,
        Some(Shape::Suffix) => ws
            .len()
            .checked_sub(2)
            .and_then(|i| ws.get(i))
            .is_some_and(|w| matches!(shape(w), Shape::Number { .. })),
        _ => false,
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
            let stub =
                short(last.text.split_whitespace().last()) || short(text.split_whitespace().next());
            if ends_letter
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

/// At most this many placements of a block's short rows are tried.
const MAX_PLACEMENTS: usize = 4096;

/// Rows short of figures: a PDF or web copy drops empty cells, so a row's
/// figures land in the first columns ("Omrubricering -113" under four
/// years, where -113 is the third year's). The table's sums place them:
/// of the placements of a block's short rows (their order kept), the one
/// under which the sum closing the block (a later full row; the block
/// runs from the last sum, alone or after it as a running result's first
/// term) holds in the most columns: in all, or in two or more and most of
/// them (a report's own error may break one), each short row's figures
/// mostly in columns that hold, and no other placement as good.
/// Otherwise the rows stay as they are (and say that they are short).
fn place_short_rows(raw: &mut RawTable<'_>) {
    let width = raw.headings.len();
    let columns: Vec<usize> = (1..width)
        .filter(|j| !raw.headings.get(*j).is_some_and(|h| is_note_heading(h)))
        .collect();
    let m = columns.len();
    if m < 2 || raw.rows.len() > MAX_SUM_ROWS {
        return;
    }
    let number = |text: &str| match number::read_number(text, DecimalMark::Comma) {
        Ok(Reading::Number(n)) if !n.percent => Some(n.value),
        _ => None,
    };
    fn cell<'r>(r: &'r RawRow<'_>, j: usize) -> &'r str {
        r.cells.get(j).map_or("", |c| c.text.trim())
    }
    // Per row: its figures, and whether it is full or short (packed left).
    let figures: Vec<Vec<Option<Decimal>>> = raw
        .rows
        .iter()
        .map(|r| columns.iter().map(|j| number(cell(r, *j))).collect())
        .collect();
    let labelled = |r: usize| {
        raw.rows
            .get(r)
            .is_some_and(|row| number(cell(row, 0)).is_none() && !cell(row, 0).is_empty())
    };
    let full = |r: usize| {
        figures
            .get(r)
            .is_some_and(|f| f.iter().all(Option::is_some))
    };
    let short = |r: usize| {
        let Some(f) = figures.get(r) else {
            return false;
        };
        let k = f.iter().take_while(|v| v.is_some()).count();
        labelled(r)
            && (1..m).contains(&k)
            && columns
                .iter()
                .skip(k)
                .all(|j| raw.rows.get(r).is_some_and(|row| cell(row, *j).is_empty()))
    };
    let last = raw.rows.len().saturating_sub(1);
    // The columns in which a sum holds (with how far off it is, within
    // rounding), the short rows placed by `pick`.
    let holding = |block: &[usize],
                   shorts: &[usize],
                   pick: &[&Vec<usize>],
                   t: usize|
     -> Vec<Option<Decimal>> {
        (0..m)
            .map(|col| {
                let stated = figures.get(t).and_then(|f| f.get(col)).copied().flatten()?;
                let mut sum = Decimal::ZERO;
                let mut tolerance = crate::convention::half_unit(stated);
                for r in block {
                    let value = match shorts.iter().position(|s| s == r) {
                        Some(i) => pick
                            .get(i)
                            .and_then(|p| p.iter().position(|c| *c == col))
                            .and_then(|at| {
                                figures.get(*r).and_then(|f| f.get(at)).copied().flatten()
                            }),
                        None => figures.get(*r).and_then(|f| f.get(col)).copied().flatten(),
                    };
                    if let Some(v) = value {
                        match (
                            sum.add_exact(v),
                            tolerance.add_exact(crate::convention::half_unit(v)),
                        ) {
                            (Some(s), Some(tol)) => (sum, tolerance) = (s, tol),
                            _ => return None,
                        }
                    }
                }
                stated
                    .sub_exact(sum)
                    .map(|d| d.abs())
                    .filter(|d| *d <= tolerance)
            })
            .collect()
    };
    let mut start = 0;
    let mut previous: Option<usize> = None;
    let mut moves: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    for t in 0..raw.rows.len() {
        if !full(t) {
            continue;
        }
        let named = raw
            .rows
            .get(t)
            .is_some_and(|r| super::sum_kind(cell(r, 0)).is_some());
        // The block since the last sum, alone or after that sum as a
        // running result's first term.
        let mut blocks: Vec<Vec<usize>> = vec![(start..t).collect()];
        if let Some(p) = previous {
            blocks.push(std::iter::once(p).chain(start..t).collect());
        }
        let mut placed = false;
        for block in &blocks {
            let shorts: Vec<usize> = block.iter().copied().filter(|r| short(*r)).collect();
            if shorts.is_empty() || shorts.len() > 4 {
                continue;
            }
            let options: Vec<Vec<Vec<usize>>> = shorts
                .iter()
                .map(|r| {
                    let k = figures
                        .get(*r)
                        .map_or(0, |f| f.iter().filter(|v| v.is_some()).count());
                    let mut out = Vec::new();
                    fn choose(
                        from: usize,
                        m: usize,
                        k: usize,
                        current: &mut Vec<usize>,
                        out: &mut Vec<Vec<usize>>,
                    ) {
                        if current.len() == k {
                            out.push(current.clone());
                            return;
                        }
                        for p in from..m {
                            if out.len() >= MAX_PLACEMENTS {
                                return;
                            }
                            current.push(p);
                            choose(p + 1, m, k, current, out);
                            current.pop();
                        }
                    }
                    choose(0, m, k, &mut Vec::new(), &mut out);
                    out
                })
                .collect();
            let combos = options
                .iter()
                .try_fold(1usize, |acc, o| acc.checked_mul(o.len()))
                .filter(|c| *c <= MAX_PLACEMENTS);
            let Some(combos) = combos else { continue };
            // (columns holding, how far off, pick)
            let mut best: Option<(usize, Decimal, Vec<&Vec<usize>>)> = None;
            let mut tied = false;
            for combo in 0..combos {
                let mut rest = combo;
                let pick: Vec<&Vec<usize>> = options
                    .iter()
                    .filter_map(|o| {
                        let len = o.len().max(1);
                        let p = o.get(rest % len);
                        rest /= len;
                        p
                    })
                    .collect();
                let off = holding(block, &shorts, &pick, t);
                let holds: Vec<bool> = off.iter().map(Option::is_some).collect();
                // Within rounding, the placement that adds up most exactly
                // wins ("1 27 -13 -4" of seven years, where a first-column
                // placement is off by one and the last four are exact).
                let miss = off
                    .iter()
                    .flatten()
                    .try_fold(Decimal::ZERO, |a, d| a.add_exact(*d))
                    .unwrap_or(Decimal::MAX);
                // Each short row's figures mostly in columns that hold.
                let confirmed = pick.iter().all(|place| {
                    let ok = place
                        .iter()
                        .filter(|c| holds.get(**c).copied().unwrap_or(false))
                        .count();
                    ok * 2 > place.len()
                });
                let count = holds.iter().filter(|h| **h).count();
                if !confirmed || !(count == m || (count >= 2 && count * 2 > m)) {
                    continue;
                }
                match &best {
                    Some((b, _, _)) if count < *b => {}
                    Some((b, bm, _)) if count == *b && miss > *bm => {}
                    Some((b, bm, _)) if count == *b && miss == *bm => tied = true,
                    _ => {
                        best = Some((count, miss, pick));
                        tied = false;
                    }
                }
            }
            let Some((count, _, pick)) = best.filter(|_| !tied) else {
                continue;
            };
            for (r, place) in shorts.iter().zip(pick) {
                if place.iter().enumerate().any(|(i, c)| i != *c) {
                    moves.push((*r, place.clone(), count));
                }
            }
            placed = true;
            break;
        }
        if placed || named || t == last {
            previous = Some(t);
            start = t + 1;
        }
    }
    for (r, place, count) in moves {
        let Some(row) = raw.rows.get_mut(r) else {
            continue;
        };
        let placed: Vec<String> = columns
            .iter()
            .take(place.len())
            .map(|j| {
                row.cells
                    .get(*j)
                    .map_or(String::new(), |c| c.text.to_string())
            })
            .collect();
        row.cells.resize(width, RawCell::plain(String::new()));
        for j in &columns {
            if let Some(c) = row.cells.get_mut(*j) {
                *c = RawCell::plain(String::new());
            }
        }
        for (text, p) in placed.iter().zip(&place) {
            if let Some(c) = columns.get(*p).and_then(|j| row.cells.get_mut(*j)) {
                *c = RawCell::plain(text.clone());
            }
        }
        let line = row.line;
        raw.diagnostics.push(layout_diagnostic(
            Some(r),
            Some(line),
            placed.join(" "),
            format!("The row has {} figures for {m} columns; they were placed where the sum below holds ({count} of {m} columns).", placed.len()),
            format!("Raden har {} tal för {m} kolumner; de placerades där summan nedanför stämmer ({count} av {m} kolumner).", placed.len()),
        ));
    }
}

/// Lays out text without delimiters, before short rows are placed.
fn layout_rows(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    let lines = glued_lines(grid, plain);
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
    if let Some(raw) = series_together(&lines) {
        return raw;
    }
    if let Some(raw) = spaced_cells(&lines, plain) {
        return raw;
    }
    if let Some(raw) = one_line_list(&lines) {
        return raw;
    }
    pdf_layout(lines, choices)
}

/// A web page copied with every cell on a line of its own: a heading of n
/// lines, then rows of a label line and n − 1 value lines.
fn one_cell_per_line(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    // Cells split by blank lines, where a cell may wrap over lines, are
    // read by [`cells_per_line`].
    if body.iter().filter(|l| l.blank_after).count() * 2 > body.len() {
        return None;
    }
    let single_value = |l: &Line| {
        [DecimalMark::Comma, DecimalMark::Point]
            .into_iter()
            .any(|m| {
                matches!(
                    number::read_number(&l.text, m),
                    Ok(Reading::Number(_) | Reading::Nothing)
                )
            })
    };
    let mut value_lines = 0;
    for l in &body {
        if single_value(l) {
            value_lines += 1;
        } else if words(&l.text).iter().any(|w| is_numeric_word(w)) {
            return None;
        }
    }
    if value_lines < 2 {
        return None;
    }
    let first = body.iter().position(|l| single_value(l))?;
    let run = body[first..].iter().take_while(|l| single_value(l)).count();
    let width = run + 1;
    if first == 0 {
        return None;
    }
    // Lines before the first label: the heading (with or without a heading
    // for the label column), and any title above it.
    let before = first - 1;
    let (title_lines, headings): (usize, Vec<String>) = if before >= width {
        (
            before - width,
            body[before - width..before]
                .iter()
                .map(|l| clean_heading(&l.text))
                .collect(),
        )
    } else if before == width - 1 {
        let mut h = vec![String::new()];
        h.extend(body[..before].iter().map(|l| clean_heading(&l.text)));
        (0, h)
    } else {
        return None;
    };
    let rest = &body[before..];
    if !rest.len().is_multiple_of(width) {
        return None;
    }
    let mut rows = Vec::new();
    for chunk in rest.chunks(width) {
        let (label, values) = chunk.split_first()?;
        if single_value(label) || !values.iter().all(|l| single_value(l)) {
            return None;
        }
        rows.push(RawRow {
            line: label.line,
            cells: chunk
                .iter()
                .map(|l| RawCell::plain(l.text.clone()))
                .collect(),
        });
    }
    let title = body[..title_lines]
        .last()
        .map(|l| (l.text.clone(), l.line))
        .or_else(|| {
            lines
                .iter()
                .find(|l| l.heading)
                .map(|l| (l.text.clone(), l.line))
        });
    let context = lines
        .iter()
        .filter(|l| !single_value(l))
        .take(before + 1)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(RawTable {
        title,
        headings,
        rows,
        context,
        diagnostics: Vec::new(),
        from_lines: false,
    })
}

/// Splits heading words into column headings at capitalised words.
/// A year starts a new heading after a heading that has a year already,
/// or names the label or note column ("Belopp i tkr Not 2020 2019").
fn segment_heading(text: &str) -> Vec<String> {
    let mut segments: Vec<String> = Vec::new();
    for word in unglue_heading(text).split_whitespace() {
        let first_letter = word.chars().find(|c| latin::is_letter(*c));
        let starts = if is_year_word(word) {
            segments
                .last()
                .is_none_or(|last| year_of(last).is_some() || takes_no_year(last))
        } else {
            first_letter.is_some_and(|c| !latin::is_lower(c))
                && Unit::from_word(word.trim_matches(|c: char| !latin::is_letter_or_digit(c)))
                    .is_none()
        };
        match segments.last_mut() {
            Some(last) if !starts => {
                last.push(' ');
                last.push_str(word);
            }
            _ => segments.push(word.to_string()),
        }
    }
    segments.into_iter().map(|s| clean_heading(&s)).collect()
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

/// Every way to group a run of number words into exactly `n` values, up to
/// [`MAX_CANDIDATES`]. A word continues the value before it only when it is
/// an unsigned group of exactly three digits, and the value so far has no
/// decimals, `%` or unit, and began with at most three digits. When the row
/// writes decimals or units, splits where every value ends in one are
/// preferred ("78 200 tkr" is one value, not "78" and "200 tkr").
///
/// The candidates come most likely first: figures of one row are of one
/// size, so splits whose values have the most even numbers of digits lead
/// ("112 513 108 678" is 112 513 and 108 678, not 112 513 108 and 678).
fn splits(words: &[String], n: usize) -> Vec<Vec<String>> {
    let (all, strict) = split_candidates(words, n);
    let mut out = if strict.is_empty() { all } else { strict };
    // Stable: equally even splits keep the search's order.
    if out.len() > 1 {
        crate::order::sort_by(&mut out, |a, b| unevenness(a).cmp(&unevenness(b)));
    }
    out
}

/// How far the digit counts of a split's values are apart (largest minus
/// smallest); dashes and values without digits do not count.
fn unevenness(split: &[String]) -> usize {
    let digits = split
        .iter()
        .map(|v| v.chars().filter(char::is_ascii_digit).count())
        .filter(|d| *d > 0);
    let (lo, hi) = digits.fold((usize::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)));
    hi.saturating_sub(lo)
}

/// All splits into `n` values, and those of them that are strict (see
/// [`splits`]); without decimals or units in the row every split is strict.
fn split_candidates(words: &[String], n: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    // Attach lone suffixes to the word before them first.
    let mut tokens: Vec<String> = Vec::new();
    for w in words {
        match (shape(w), tokens.last_mut()) {
            // Glued, so that the token keeps one word's shape ("200tkr").
            (Shape::Suffix, Some(prev)) if takes_suffix(prev) => prev.push_str(w),
            _ => tokens.push(w.clone()),
        }
    }
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    search(&tokens, 0, n, &mut current, &mut out);
    // The search stops at MAX_CANDIDATES, exploring long values first, so
    // in a long row of six-digit figures ("284 406 444 049 475 240 404 313
    // 124 615": 51 splits into five) the even split may never be reached:
    // it is sought directly and added, as the most likely candidate.
    if out.len() >= MAX_CANDIDATES {
        if let Some(even) = most_even_split(&tokens, n) {
            if !out.contains(&even) {
                out.push(even);
            }
        }
    }
    let closed = |w: &str| {
        matches!(
            shape(w),
            Shape::Number { decimals: true, .. } | Shape::Number { suffix: true, .. }
        )
    };
    if !tokens.iter().any(|t| closed(t)) {
        return (out.clone(), out);
    }
    let strict = out
        .iter()
        .filter(|split| {
            split.iter().all(|v| {
                closed(v.split_whitespace().last().unwrap_or("")) || matches!(shape(v), Shape::Dash)
            })
        })
        .cloned()
        .collect();
    (out, strict)
}

/// Whether a value is closed by decimals, `%` or a unit.
fn is_closed_value(value: &str) -> bool {
    matches!(
        shape(value.split_whitespace().last().unwrap_or("")),
        Shape::Number { decimals: true, .. } | Shape::Number { suffix: true, .. }
    )
}

/// Columns keep their shape down a table: a column whose figures carry
/// decimals or `%` on the rows that split one way only carries them on
/// the others, and its figures are of one size (a kronor column beside a
/// kr/kvm one). The candidates of a row that splits several ways are put
/// in the order of how well they keep that shape, stably (equally fitting
/// ones keep their order). Only with two such rows at least.
fn order_by_columns(candidates: &mut [Vec<Vec<String>>]) {
    let digits = |v: &str| {
        v.split([',', '.'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .count()
    };
    // Per column: (rows, closed ones, digits in all).
    let mut columns: Vec<(usize, usize, usize)> = Vec::new();
    let width = candidates
        .iter()
        .find(|c| c.len() > 1)
        .and_then(|c| c.first())
        .map_or(0, Vec::len);
    for c in candidates.iter() {
        let [only] = c.as_slice() else { continue };
        if only.len() != width {
            continue;
        }
        columns.resize(width, (0, 0, 0));
        for (col, v) in columns.iter_mut().zip(only) {
            col.0 += 1;
            col.1 += usize::from(is_closed_value(v));
            col.2 += digits(v);
        }
    }
    if columns.first().is_none_or(|c| c.0 < 2) {
        return;
    }
    let misfit = |split: &Vec<String>| -> usize {
        split
            .iter()
            .zip(&columns)
            .map(|(v, (rows, closed, sum))| {
                let shape_off = is_closed_value(v) != (closed * 2 > *rows);
                let size = (sum + rows / 2) / rows.max(&1);
                10 * usize::from(shape_off) + digits(v).abs_diff(size)
            })
            .sum()
    };
    for c in candidates.iter_mut().filter(|c| c.len() > 1) {
        crate::order::sort_by(c, |a, b| misfit(a).cmp(&misfit(b)));
    }
}

/// The split of `tokens` into `n` values whose digit counts are closest to
/// one another (see [`unevenness`]), found without listing the splits: for
/// each band of digit counts, narrowest first, a walk over the tokens says
/// whether the row can be cut into `n` values that all fall in the band.
fn most_even_split(tokens: &[String], n: usize) -> Option<Vec<String>> {
    let len = tokens.len();
    if n == 0 || n > len {
        return None;
    }
    // values[i]: every value that starts at token i, as (end, text, digits);
    // a value runs on while the next token continues it.
    let values: Vec<Vec<(usize, String, usize)>> = (0..len)
        .map(|i| {
            let mut out = Vec::new();
            if !tokens.get(i).is_some_and(|t| starts_value(t)) {
                return out;
            }
            let mut text = tokens.get(i).cloned().unwrap_or_default();
            let mut end = i + 1;
            loop {
                out.push((
                    end,
                    text.clone(),
                    text.chars().filter(char::is_ascii_digit).count(),
                ));
                match tokens.get(end) {
                    Some(next) if continues(&text, next) => {
                        text.push(' ');
                        text.push_str(next);
                        end += 1;
                    }
                    _ => break,
                }
            }
            out
        })
        .collect();
    let mut counts: Vec<usize> = values.iter().flatten().map(|v| v.2).collect();
    counts.sort_unstable();
    counts.dedup();
    let mut bands: Vec<(usize, usize)> = Vec::new();
    for (i, lo) in counts.iter().enumerate() {
        for hi in counts.iter().skip(i) {
            bands.push((*lo, *hi));
        }
    }
    crate::order::sort_by(&mut bands, |a, b| (a.1 - a.0).cmp(&(b.1 - b.0)));
    for (lo, hi) in bands {
        // reach[k][i]: token i can be reached with k values in the band;
        // from[k][i] is the value that reached it.
        let mut from: Vec<Vec<Option<(usize, usize)>>> = vec![vec![None; len + 1]; n + 1];
        let mut reach = vec![vec![false; len + 1]; n + 1];
        if let Some(first) = reach.get_mut(0).and_then(|r| r.get_mut(0)) {
            *first = true;
        }
        for k in 0..n {
            for i in 0..len {
                if !reach
                    .get(k)
                    .and_then(|r| r.get(i))
                    .copied()
                    .unwrap_or(false)
                {
                    continue;
                }
                for (v, (end, _, digits)) in values.get(i).into_iter().flatten().enumerate() {
                    let fits = (lo..=hi).contains(digits) || *digits == 0;
                    if let (true, Some(slot)) =
                        (fits, reach.get_mut(k + 1).and_then(|r| r.get_mut(*end)))
                    {
                        if !*slot {
                            *slot = true;
                            if let Some(f) = from.get_mut(k + 1).and_then(|r| r.get_mut(*end)) {
                                *f = Some((i, v));
                            }
                        }
                    }
                }
            }
        }
        if !reach
            .get(n)
            .and_then(|r| r.get(len))
            .copied()
            .unwrap_or(false)
        {
            continue;
        }
        let mut split = Vec::with_capacity(n);
        let mut at = len;
        for k in (1..=n).rev() {
            let (start, v) = from.get(k).and_then(|r| r.get(at)).copied().flatten()?;
            split.push(values.get(start)?.get(v)?.1.clone());
            at = start;
        }
        split.reverse();
        return Some(split);
    }
    None
}

fn search(
    tokens: &[String],
    at: usize,
    n: usize,
    current: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
) {
    if out.len() >= MAX_CANDIDATES {
        return;
    }
    let remaining = tokens.len().saturating_sub(at);
    if at == tokens.len() {
        if current.len() == n {
            out.push(current.clone());
        }
        return;
    }
    // Too few tokens left for the values still needed, or too many values.
    if current.len() > n || remaining + current.len() < n {
        return;
    }
    let Some(token) = tokens.get(at) else { return };
    // Continue the last value?
    if let Some(last) = current.last() {
        if continues(last, token) {
            let mut joined = last.clone();
            joined.push(' ');
            joined.push_str(token);
            let saved = current.pop().unwrap_or_default();
            current.push(joined);
            search(tokens, at + 1, n, current, out);
            current.pop();
            current.push(saved);
        }
    }
    // Start a new value.
    if !starts_value(token) {
        return;
    }
    current.push(token.clone());
    search(tokens, at + 1, n, current, out);
    current.pop();
}

/// Whether a word may start a value: a digit group with a leading zero
/// ("064" in "– 16 064") only continues a number, since no printed figure
/// of two or more integer digits starts with 0.
fn starts_value(word: &str) -> bool {
    let mut digits = word.trim_start_matches(is_sign).chars();
    !(digits.next() == Some('0') && digits.next().is_some_and(|c| c.is_ascii_digit()))
}

/// How well a run splits into `n` values: 2 with a strict split, 1 with
/// any split, 0 with none.
fn fit(words: &[String], n: usize) -> usize {
    let (all, strict) = split_candidates(words, n);
    if !strict.is_empty() {
        2
    } else {
        usize::from(!all.is_empty())
    }
}

/// A word that is a year or a date and nothing else: "2021", "2012/2013",
/// "2021-12-31", "12/31/2021".
fn is_year_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        && year_of(word).is_some()
}

/// A heading line that names years: every number on it is a year
/// ("2013 2014 2013 2014", "NOT 2019 2018", "Budget 2023"), and it ends in
/// one. A data row with amounts between 1900 and 2100 in every column would
/// read so too; it is taken as a heading only above the first data line.
fn is_year_line(text: &str) -> bool {
    let ws = pdf_words(text);
    ws.last().is_some_and(|w| is_year_word(w))
        && ws
            .iter()
            .all(|w| is_year_word(w) || !matches!(shape(w), Shape::Number { .. }))
}

/// A caption dated by "år" ("Resultaträkning för kommunsektorn år 2016"):
/// it names the table's year in prose, three words or more ending in "år"
/// (or "året") and a year. No column heading reads so, and it is no row.
fn is_dated_caption(text: &str) -> bool {
    let ws = pdf_words(text);
    ws.len() >= 3
        && ws.last().is_some_and(|w| is_year_word(w))
        && ws
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|w| matches!(latin::lowercase(w).as_str(), "år" | "året"))
}

fn has_year_word(text: &str) -> bool {
    text.split_whitespace().any(is_year_word)
}

/// "Kommunen 2012" as "Kommunen" and "2012".
fn split_label_year(heading: &str) -> Option<[String; 2]> {
    let (words, year) = heading.trim().rsplit_once(' ')?;
    (is_year_word(year) && !words.trim().is_empty())
        .then(|| [words.trim().to_string(), year.to_string()])
}

/// A line of years and nothing else but a note heading ("NOT 2019 2018").
fn only_years(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| is_year_word(w) || is_note_heading(w))
}

/// Cuts the lines above the first data line into the heading, the title
/// lines above it, and lines that belong to the body. Blank lines cut them
/// into blocks (a heading wrapped in its cells may have blank lines inside
/// it, as Word copies do). With a line of years, the heading ends there:
/// the last block holding one is the heading; lines below the years are
/// body lines, blocks above it titles. Without, blocks before the first with two or more headings are
/// titles, and a last block of one capitalised line is a section heading
/// of the body ("STADSDELSNÄMNDER" between the heading and the rows).
fn split_header(lines: &[Line], first_data: usize) -> (Vec<Line>, Vec<Line>, Vec<Line>) {
    let header = lines.get(..first_data).unwrap_or(&[]);
    let mut blocks: Vec<&[Line]> = Vec::new();
    let mut start = 0;
    for (i, l) in header.iter().enumerate() {
        if l.blank_after || i + 1 == header.len() {
            blocks.push(header.get(start..=i).unwrap_or(&[]));
            start = i + 1;
        }
    }
    let segments = |b: &[Line]| {
        let texts: Vec<&str> = b.iter().map(|l| l.text.as_str()).collect();
        segment_heading(&texts.join(" ")).len()
    };
    // A line of years ends the heading, unless a block of headings with
    // years follows ("Jämfört med budget 2013" above "Tkr Utfall 2013
    // Budget 2013 Avvikelse").
    let with_years = blocks
        .iter()
        .rposition(|b| {
            b.iter()
                .any(|l| is_year_line(&l.text) && !is_dated_caption(&l.text))
        })
        .filter(|i| {
            blocks
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .all(|b| segments(b) < 2 || !b.iter().any(|l| has_year_word(&l.text)))
        });
    let mut last = match with_years {
        Some(i) => i,
        None => blocks.len().saturating_sub(1),
    };
    // A block of years alone heads the columns named in the block above it.
    let first = match with_years {
        // ...unless that block is one line naming one thing over a series
        // of three years or more ("Ekonomisk femårsöversikt" / "2020 2019
        // 2018 2017 2016"): one heading over every year tells the columns
        // nothing apart; it is the table's caption.
        Some(i)
            if blocks
                .get(i)
                .is_some_and(|b| b.iter().all(|l| only_years(&l.text)))
                && !blocks.get(i.wrapping_sub(1)).is_some_and(|above| {
                    above.len() == 1
                        && segments(above) == 1
                        && !above.iter().any(|l| has_year_word(&l.text))
                        && blocks.get(i).is_some_and(|b| {
                            b.iter().map(|l| pdf_words(&l.text).len()).sum::<usize>() >= 3
                        })
                }) =>
        {
            i.saturating_sub(1)
        }
        Some(i) => i,
        None => blocks
            .iter()
            .take(last + 1)
            .position(|b| segments(b) >= 2)
            .unwrap_or(0),
    };
    if with_years.is_none() {
        while last > first
            && blocks.get(last).is_some_and(|b| {
                b.len() == 1
                    && segments(b) == 1
                    && b.iter().all(|l| {
                        l.text
                            .chars()
                            .find(|c| latin::is_letter(*c))
                            .is_some_and(|c| !latin::is_lower(c))
                    })
            })
        {
            last -= 1;
        }
    }
    let titles: Vec<Line> = blocks
        .get(..first)
        .unwrap_or(&[])
        .iter()
        .flat_map(|b| b.iter().cloned())
        .collect();
    let mut heading: Vec<Line> = blocks
        .get(first..=last)
        .unwrap_or(&[])
        .iter()
        .flat_map(|b| b.iter().cloned())
        .collect();
    // Footnotes between the caption and the heading are no heading: the
    // heading is what follows the last of them; they and the caption above
    // them are titles.
    let mut titles = titles;
    if let Some(end) = heading.iter().rposition(|l| is_footnote_line(&l.text)) {
        if heading.get(end + 1..).is_some_and(|rest| !rest.is_empty()) {
            titles.extend(heading.drain(..=end));
        }
    }
    let mut body: Vec<Line> = Vec::new();
    if with_years.is_some() {
        if let Some(end) = heading.iter().rposition(|l| is_year_line(&l.text)) {
            // A line naming the label and note columns right under the
            // years ("tkr Not") still heads the table.
            // So does a line of units under group headings ("tkr kr/kvm
            // tkr kr/kvm %/kvm").
            let corner = heading
                .get(end + 1)
                .is_some_and(|l| corner_headings(&l.text).is_some() || is_units_line(&l.text));
            body.extend(heading.drain(end + 1 + usize::from(corner)..));
        }
    }
    for b in blocks.get(last + 1..).unwrap_or(&[]) {
        body.extend(b.iter().cloned());
    }
    body.extend(lines.get(first_data..).unwrap_or(&[]).iter().cloned());
    (heading, titles, body)
}

/// A footnote or source note printed between a table's caption and its
/// heading ("1 Nettolånebehovet motsvarar budgetsaldot med omvänt
/// tecken.", "² Exklusive jämförelsestörande poster", "Källa: SCB"): a
/// footnote mark (one or two digits, a superscript digit, "*") or a
/// "Källa:"/"Anm.:" word, then prose, three words or more, most of them
/// lowercase, and no value at the end. Such a line is never a heading,
/// whatever its position, nor a row.
pub(super) fn is_footnote_line(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    let Some(first) = ws.next() else {
        return false;
    };
    let rest: Vec<&str> = ws.collect();
    let mark = first.chars().all(|c| {
        c.is_ascii_digit() || super::headings::is_superscript(c) || matches!(c, '*' | ')')
    }) && first.chars().filter(|c| c.is_ascii_digit()).count() <= 2;
    // A mark glued to the first word ("¹Nettolånebehovet").
    let glued_mark =
        first.starts_with(super::headings::is_superscript) && first.chars().any(latin::is_letter);
    let source = matches!(
        compact(first).as_str(),
        "källa" | "källor" | "anm" | "anmärkning" | "not"
    ) && first.ends_with(':');
    if !(mark || glued_mark || source) || is_data_line(text) {
        return false;
    }
    let prose: Vec<&str> = if glued_mark {
        let mut all = vec![first];
        all.extend(rest.iter().copied());
        all
    } else {
        rest
    };
    let starts_word = prose
        .first()
        .and_then(|w| {
            w.trim_start_matches(super::headings::is_superscript)
                .chars()
                .next()
        })
        .is_some_and(latin::is_letter);
    let lower = prose
        .iter()
        .filter(|w| w.chars().next().is_some_and(latin::is_lower))
        .count();
    starts_word && prose.len() >= 3 && lower * 2 >= prose.len()
}

/// A heading that names the label column or its unit ("Belopp i mnkr",
/// "(tkr)", "Mnkr") or the note column: no year goes with it.
fn takes_no_year(segment: &str) -> bool {
    is_note_heading(segment)
        || unit_of(segment).is_some()
        || matches!(role_of(segment), Some(Role::Label))
}

/// The column headings of a heading block. A last line of years under
/// group headings is spread over them ("Kommunen Koncernen" over "2013 2014
/// 2013 2014" gives "Kommunen 2013", "Kommunen 2014", "Koncernen 2013",
/// "Koncernen 2014"); words before the years head the label or note
/// column. Otherwise the words are segmented at capitals and years.
fn block_headings(texts: &[&str]) -> Vec<String> {
    if let Some((last, above)) = texts.split_last() {
        if let Some(spread) = spread_units(last, above) {
            return spread;
        }
        if let Some(spread) = spread_years(last, above) {
            return spread;
        }
    }
    if let Some(corner_first) = corner_line_below(texts) {
        return corner_first;
    }
    let segments = segment_heading(&texts.join(" "));
    spread_groups(&segments).unwrap_or(segments)
}

/// The headings of a line that names only the label and note columns:
/// one or two headings ("tkr Not", "Not"), each a unit, label or note
/// heading without a year, one of them the note's.
fn corner_headings(text: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let segments = segment_heading(text);
    let corner = if segments.len() == 1 && words.len() == 2 {
        words.iter().map(|w| clean_heading(w)).collect()
    } else {
        segments
    };
    ((1..=2).contains(&corner.len())
        && corner
            .iter()
            .all(|h| takes_no_year(h) && year_of(h).is_none())
        && corner.iter().any(|h| is_note_heading(h)))
    .then_some(corner)
}

/// A last heading line that names only the label and note columns ("tkr
/// Not" under "2017-01-01-2017-12-31 2016-01-01-2016-12-31"): web reports
/// stack the period headings over the corner's line, but the label and the
/// note come first in every row, so that line's headings come first. The
/// line holds two headings or one, each a unit, label or note heading, and
/// no year; the lines above hold some year.
fn corner_line_below(texts: &[&str]) -> Option<Vec<String>> {
    let (last, above) = texts.split_last()?;
    if above.is_empty() {
        return None;
    }
    let corner = corner_headings(last)?;
    let periods = segment_heading(&above.join(" "));
    if !periods.iter().any(|h| year_of(h).is_some()) {
        return None;
    }
    Some(corner.into_iter().chain(periods).collect())
}

/// Group headings before dated headings that repeat under each group
/// ("Kommunen", "Sammanställd redovisning" before "Utfall 2017-12-31",
/// "Utfall 2016-12-31" twice): each group heads its share of the dated
/// headings. Two groups at least, none with a year; the label's heading
/// (a unit, "Belopp") stays first.
fn spread_groups(segments: &[String]) -> Option<Vec<String>> {
    let dated_from = segments.iter().position(|s| year_of(s).is_some())?;
    let (before, dated) = segments.split_at(dated_from);
    if !dated.iter().all(|s| year_of(s).is_some()) {
        return None;
    }
    let (label, tops) = match before.split_first() {
        Some((first, rest)) if takes_no_year(first) => (first.clone(), rest),
        _ => (String::new(), before),
    };
    // The note's heading among them ("(mnkr) Not Kommunen Sammanställd
    // redovisning") heads the note column, after the label's.
    let note: Vec<String> = tops
        .iter()
        .filter(|t| is_note_heading(t))
        .cloned()
        .collect();
    let tops: Vec<&String> = tops.iter().filter(|t| !is_note_heading(t)).collect();
    if tops.len() < 2 || dated.len() <= tops.len() {
        return None;
    }
    // Each group's share starts as the first's ("Utfall 2017", "Utfall
    // 2016"): a group begins where the first dated heading comes again.
    // Only the first group may have more ("Bokslut 2015 | Bokslut 2016 |
    // Budget 2016", then "Bokslut 2015 | Bokslut 2016"): the other groups'
    // shares repeat the start of the first's.
    let starts: Vec<usize> = (0..dated.len())
        .filter(|i| dated.get(*i) == dated.first())
        .collect();
    if starts.len() != tops.len() {
        return None;
    }
    let mut out = vec![label];
    out.extend(note);
    for (g, (top, at)) in tops.iter().zip(&starts).enumerate() {
        let end = starts.get(g + 1).copied().unwrap_or(dated.len());
        let share = dated.get(*at..end)?;
        if !share.iter().zip(dated).all(|(a, b)| a == b) {
            return None;
        }
        out.extend(share.iter().map(|d| format!("{top} {d}")));
    }
    Some(out)
}

/// A word naming a column's unit: a money unit, `%`, or a rate of one
/// ("kr/kvm", "%/kvm", "tkr/inv").
fn is_unit_word(word: &str) -> bool {
    let head = word.split('/').next().unwrap_or(word);
    head == "%" || Unit::from_word(head).is_some()
}

/// A heading line of units alone, one per value column, under a line of
/// group headings: two words or more, each a unit word.
fn is_units_line(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    ws.clone().nth(1).is_some() && ws.all(is_unit_word)
}

/// At most this many ways to share units among group headings are tried.
const MAX_UNIT_SHARES: usize = 4096;

/// Two-level headings whose lower level is a unit per column: group
/// headings with years ("Bokslut 2018 Bokslut 2017 Förändring 2017–2018")
/// over "tkr kr/kvm tkr kr/kvm %/kvm". Each group heads a run of the units;
/// the runs are cut so that the most groups carry the same units (a
/// report repeats one group's sub-columns), and a tie is no reading. The
/// segments before the first one with a year head the label column.
fn spread_units(last: &str, above: &[&str]) -> Option<Vec<String>> {
    if above.is_empty() || !is_units_line(last) {
        return None;
    }
    let units: Vec<&str> = last.split_whitespace().collect();
    let segments = segment_heading(&above.join(" "));
    let first_group = segments.iter().position(|s| year_of(s).is_some())?;
    let (label, groups) = segments.split_at(first_group);
    let g = groups.len();
    let lens = share_among_groups(&units, g)?;
    let mut out = vec![label.join(" ")];
    let mut at = 0;
    for (group, len) in groups.iter().zip(lens) {
        let run = units.get(at..at + len).unwrap_or(&[]);
        at += len;
        out.extend(run.iter().map(|u| format!("{group} {u}")));
    }
    Some(out)
}

/// How `g` group headings share a row of sub-headings, as run lengths:
/// the cut under which the most groups carry the same sub-headings (a
/// report repeats one group's sub-columns) and end in the same one (each
/// group closes with its net or total). A tie is no reading.
fn share_among_groups<T: PartialEq>(items: &[T], g: usize) -> Option<Vec<usize>> {
    fn go(left: usize, parts: usize, current: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if out.len() >= MAX_UNIT_SHARES {
            return;
        }
        if parts == 1 {
            current.push(left);
            out.push(current.clone());
            current.pop();
            return;
        }
        for len in 1..=left.saturating_sub(parts - 1) {
            current.push(len);
            go(left - len, parts - 1, current, out);
            current.pop();
        }
    }
    if g < 2 || g > items.len() {
        return None;
    }
    let mut shares = Vec::new();
    go(items.len(), g, &mut Vec::new(), &mut shares);
    let score = |lens: &[usize]| {
        let mut at = 0;
        let runs: Vec<&[T]> = lens
            .iter()
            .map(|len| {
                let run = items.get(at..at + len).unwrap_or(&[]);
                at += len;
                run
            })
            .collect();
        let pairs = |same: &dyn Fn(&[T], &[T]) -> bool| {
            runs.iter()
                .map(|a| runs.iter().filter(|b| same(a, b)).count() - 1)
                .sum::<usize>()
        };
        pairs(&|a, b| a == b) + pairs(&|a, b| a.last() == b.last())
    };
    let best = shares.iter().map(|s| score(s)).max()?;
    let mut winners = shares.into_iter().filter(|s| score(s) == best);
    match (winners.next(), winners.next()) {
        (Some(lens), None) => Some(lens),
        _ => None,
    }
}

fn spread_years(last: &str, above: &[&str]) -> Option<Vec<String>> {
    if above.is_empty() {
        return None;
    }
    let ws: Vec<&str> = last.split_whitespace().collect();
    let first_year = ws.iter().position(|w| is_year_word(w))?;
    let years = ws.get(first_year..)?;
    if years.len() < 2 || !years.iter().all(|w| is_year_word(w)) {
        return None;
    }
    let mut tops = segment_heading(&above.join(" "));
    if tops.iter().any(|t| year_of(t).is_some()) {
        return None;
    }
    let mut label: Option<String> = None;
    let mut note: Option<String> = None;
    let prefix = ws.get(..first_year).unwrap_or(&[]).join(" ");
    for seg in segment_heading(&prefix) {
        if is_note_heading(&seg) {
            note = Some(seg);
        } else {
            label = Some(seg);
        }
    }
    if let Some(i) = tops.iter().position(|t| is_note_heading(t)) {
        note = Some(tops.remove(i));
    }
    if label.is_none() && tops.first().is_some_and(|t| takes_no_year(t)) {
        label = Some(tops.remove(0));
    }
    if label.is_none() && tops.len() >= 2 && !years.len().is_multiple_of(tops.len()) {
        label = Some(tops.remove(0));
    }
    if tops.is_empty() || !years.len().is_multiple_of(tops.len()) {
        return None;
    }
    let span = years.len() / tops.len();
    let mut out = vec![label.unwrap_or_default()];
    out.extend(note);
    for (i, year) in years.iter().enumerate() {
        let top = tops.get(i / span.max(1))?;
        out.push(format!("{top} {year}"));
    }
    Some(out)
}

fn pdf_layout(lines: Vec<Line>, choices: &ReadChoices) -> RawTable<'static> {
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let titles: Vec<&Line> = lines.iter().filter(|l| l.heading).collect();
    raw.title = titles.last().map(|l| (l.text.clone(), l.line));
    let lines: Vec<Line> = lines.into_iter().filter(|l| !l.heading).collect();
    // Heading lines of years ("2013 2014 2013 2014", "Budget" / "2023")
    // end in a number but are no data.
    let Some(first_data) = lines.iter().position(|l| {
        is_data_line(&l.text) && !is_year_line(&l.text) && !is_dated_caption(&l.text)
    }) else {
        // No numbers at all: a list of labels.
        raw.rows = lines
            .iter()
            .map(|l| RawRow {
                line: l.line,
                cells: vec![RawCell::plain(l.text.clone())],
            })
            .collect();
        return raw;
    };
    let (mut header, titles, body) = split_header(&lines, first_data);
    if raw.title.is_none() {
        // The caption, not the footnotes under it.
        raw.title = titles
            .iter()
            .rev()
            .find(|l| !is_footnote_line(&l.text))
            .or(titles.last())
            .map(|l| (l.text.clone(), l.line));
    }
    let title_text = titles
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");

    // Body rows: a run of label words, then a run of number words.
    let mut runs: Vec<Run> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut line_of_row = body.first().map_or(0, |l| l.line);
    let mut headings_in_body: Vec<(usize, String, usize)> = Vec::new(); // (runs index, text, line)
    let mut previous_labelled = false;
    for (i, l) in body.iter().enumerate() {
        // A line of numbers after a line with a label and its numbers is a
        // row of its own (an unlabelled subtotal), not more of that row. A
        // line holding one number (a note) may go on below.
        let values = numbers
            .iter()
            .filter(|w| matches!(shape(w), Shape::Number { .. }))
            .count();
        if values >= 2 && previous_labelled {
            runs.push(Run {
                label: std::mem::take(&mut label),
                numbers: std::mem::take(&mut numbers),
                line: line_of_row,
                note: String::new(),
            });
            line_of_row = l.line;
        }
        let ws = pdf_words(&l.text);
        previous_labelled = ws.iter().any(|w| !is_numeric_word(w));
        // A whole number that starts a line before words is the row's code
        // ("25 Allmänna bidrag", "1:1" reads so already).
        let mut label_on_line = ws.first().is_some_and(|w| {
            matches!(
                shape(w),
                Shape::Number {
                    signed: false,
                    decimals: false,
                    suffix: false,
                    ..
                }
            )
        }) && ws.get(1).is_some_and(|w| !is_numeric_word(w));
        if label_on_line {
            if let Some(code) = ws.first() {
                close_run(&mut runs, &mut label, &mut numbers, line_of_row);
                if label.is_empty() {
                    line_of_row = l.line;
                }
                label.push(code.clone());
            }
        }
        for (k, w) in ws.iter().enumerate().skip(usize::from(label_on_line)) {
            // A unit or "%" with no number before it ends the label
            // ("Skattekraft, % 87,5"); so does a dash before words.
            let numeric = is_numeric_word(w)
                && !(matches!(shape(w), Shape::Suffix) && numbers.is_empty())
                && !(matches!(shape(w), Shape::Dash)
                    && numbers.is_empty()
                    && ws.get(k + 1).is_some_and(|n| !is_numeric_word(n)));
            if numeric {
                numbers.push(w.clone());
            } else {
                // One small number between words of a line is part of the
                // label ("Antal invånare 31 december 18 306", "Utfall 8 mån").
                let inside = label_on_line
                    && numbers.len() == 1
                    && numbers.first().is_some_and(|n| {
                        matches!(
                            shape(n),
                            Shape::Number {
                                signed: false,
                                int_digits: 1..=2,
                                decimals: false,
                                suffix: false
                            }
                        )
                    });
                if inside {
                    label.append(&mut numbers);
                } else {
                    close_run(&mut runs, &mut label, &mut numbers, line_of_row);
                }
                if label.is_empty() {
                    line_of_row = l.line;
                }
                label.push(w.clone());
                label_on_line = true;
            }
        }
        // A label line that stands alone before an empty line, or before a
        // capitalised line without a space at its end (a wrapped label
        // ends in one, or goes on in lowercase), is a heading. A line
        // padded with spaces ends in empty cells, not in a wrap.
        let next_capital = body.get(i + 1).is_some_and(|n| {
            n.text
                .chars()
                .find(|c| latin::is_letter(*c))
                .is_some_and(|c| !latin::is_lower(c))
                // "Not 1 112 246": the label's note reference, below it.
                && !n.text.split_whitespace().next().is_some_and(is_note_heading)
        });
        let wraps = l.trailing_space && !l.padded;
        if numbers.is_empty() && !label.is_empty() && (l.blank_after || next_capital) && !wraps {
            headings_in_body.push((runs.len(), label.join(" "), line_of_row));
            label.clear();
        }
    }
    if !numbers.is_empty() || !label.is_empty() {
        runs.push(Run {
            label: std::mem::take(&mut label),
            numbers: std::mem::take(&mut numbers),
            line: line_of_row,
            note: String::new(),
        });
    }
    let has_label = runs.iter().any(|r| !r.label.is_empty());

    // How many value columns: what most rows can be split into, nudged by
    // the heading's word count.
    let header_texts: Vec<&str> = header.iter().map(|l| l.text.as_str()).collect();
    let header_headings = block_headings(&header_texts);
    let note_column = has_label && header_headings.iter().any(|h| is_note_heading(h));
    if note_column {
        take_notes(&mut runs);
    }
    let glued_notes =
        has_label && !note_column && (take_marked_notes(&mut runs) || take_glued_notes(&mut runs));
    let has_note = note_column || glued_notes;
    if !has_note {
        keep_label_notes(&mut runs);
    }
    let from_header = header_headings
        .len()
        .saturating_sub(usize::from(has_label) + usize::from(note_column));
    let with_numbers: Vec<&Run> = runs.iter().filter(|r| !r.numbers.is_empty()).collect();
    let labelless = !has_label && with_numbers.len() == 1;
    let max_words = with_numbers
        .iter()
        .map(|r| r.numbers.len())
        .max()
        .unwrap_or(0);
    let mut best: Option<(usize, usize, usize)> = None; // (fit, -distance, n)
    for n in 1..=max_words.min(64) {
        let fit = if labelless && from_header > 0 {
            // One long run of values without labels: rows of `from_header` values.
            usize::from(n == from_header)
        } else {
            with_numbers.iter().map(|r| fit(&r.numbers, n)).sum()
        };
        let distance = n.abs_diff(from_header);
        let better = match best {
            None => true,
            Some((f, d, _)) => fit > f || (fit == f && distance < d),
        };
        if better {
            best = Some((fit, distance, n));
        }
    }
    let mut n = best.map_or(1, |(_, _, n)| n);
    // Rows may fill only the first columns that the heading names (a
    // note's items give the municipality's two years, its sum row those of
    // the group too: "Kommunen Koncernen" over "2013 2014 2013 2014"): the
    // heading's count holds when a row fills it exactly and the other rows,
    // most of the table, cannot be read as that many values at all but fit
    // fewer as they are.
    if from_header > n && !labelless {
        let fills = with_numbers
            .iter()
            .any(|r| fit(&r.numbers, from_header) == 2);
        let short = |r: &Run| {
            fit(&r.numbers, from_header) == 0 && (1..from_header).any(|k| fit(&r.numbers, k) == 2)
        };
        let others_fit = with_numbers
            .iter()
            .all(|r| fit(&r.numbers, from_header) == 2 || short(r));
        // Most rows short: figures without decimals split into any count,
        // so rows that could fill the heading prove little.
        let shorts = with_numbers.iter().filter(|r| short(r)).count();
        let filled = with_numbers.len() - shorts;
        if fills && others_fit && shorts >= filled {
            n = from_header;
        }
    }

    // Heading lines beyond what the columns need start the first row's label.
    let needed = n + usize::from(has_label) + usize::from(has_note);
    let mut moved: Vec<String> = Vec::new();
    while header.len() > 1 {
        let text = header
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let segs = segment_heading(&text).len();
        let Some(last) = header.last() else { break };
        let without = segment_heading(
            &header[..header.len() - 1]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
        .len();
        if segs > needed && without >= needed.saturating_sub(1) && last.trailing_space {
            moved.insert(0, last.text.clone());
            header.pop();
        } else {
            break;
        }
    }
    let header_texts: Vec<&str> = header.iter().map(|l| l.text.as_str()).collect();
    let header_text = header_texts.join(" ");
    let mut headings = block_headings(&header_texts);
    if glued_notes {
        // The notes found after the labels get a column of their own, after
        // the label's (or first, when the heading has none for the labels).
        let at = usize::from(headings.len() > n);
        headings.insert(at.min(headings.len()), "Not".to_string());
    }
    let found = headings.len();
    // The heading words did not fall into one heading per column: say so,
    // since joining or padding them is a guess.
    if found != needed && found > 0 {
        raw.diagnostics.push(layout_diagnostic(
            None,
            header.first().map(|l| l.line),
            header_text.clone(),
            format!(
                "The heading words read as {found} headings for {needed} columns; Kalkyl joined or added headings where they name the columns best. Check the headings."
            ),
            format!(
                "Rubrikorden lästes som {found} rubriker för {needed} kolumner; Kalkyl slog ihop eller lade till rubriker där de bäst namnger kolumnerna. Kontrollera rubrikerna."
            ),
        ));
    }
    // Too many segments: text columns come first, so with a label column
    // the segments before the last n values make up the label's heading.
    if has_label && headings.len() > needed {
        if let Some(merged) = merge_headings(&headings, needed) {
            headings = merged;
        }
    }
    if has_label && headings.len() > needed {
        let extra = headings.len() - needed;
        let label: Vec<String> = headings.drain(..=extra).collect();
        headings.insert(0, label.join(" "));
    }
    while headings.len() > needed {
        let fold = (1..headings.len())
            .rev()
            .find(|i| role_of(&headings[*i]).is_none())
            .unwrap_or(headings.len() - 1);
        let part = headings.remove(fold);
        if let Some(prev) = headings.get_mut(fold - 1) {
            prev.push(' ');
            prev.push_str(&part);
        }
    }
    // One heading short, and the first ends in a year as the other
    // headings are years: the words before that year head the labels
    // ("Kommunkoncernen" / "2012" / "2013" ...).
    if has_label && headings.len() + 1 == needed {
        if let Some(split) = headings.first().and_then(|h| split_label_year(h)) {
            if headings.iter().skip(1).any(|h| is_year_word(h)) {
                headings.splice(0..1, split);
            }
        }
    }
    if headings.len() < needed && has_label {
        headings.insert(0, String::new());
    }
    // A title glued to the corner's unit ("BalansräkningTKR").
    if has_label {
        if let Some((title, unit)) = headings.first().and_then(|h| unglue_unit(h)) {
            if raw.title.is_none() {
                raw.title = header.first().map(|l| (title, l.line));
            }
            if let Some(first) = headings.first_mut() {
                *first = unit;
            }
        }
    }
    while headings.len() < needed {
        headings.push(String::new());
    }
    raw.headings = headings;
    raw.context = if title_text.is_empty() {
        header_text
    } else {
        format!("{title_text}\n{header_text}")
    };

    // Split every run into values.
    let mut value_runs: Vec<Run> = Vec::new();
    if labelless {
        if let Some(run) = with_numbers.first() {
            // Chunk a long run into rows of n values.
            let all = splits_greedy(&run.numbers, n);
            for chunk in all {
                value_runs.push(Run {
                    label: Vec::new(),
                    numbers: chunk,
                    line: run.line,
                    note: String::new(),
                });
            }
        }
    } else {
        value_runs = runs;
    }
    if let Some(first) = value_runs.first_mut() {
        if !moved.is_empty() {
            let mut label: Vec<String> = moved
                .iter()
                .flat_map(|m| m.split_whitespace().map(str::to_string))
                .collect();
            label.append(&mut first.label);
            first.label = label;
        }
    }

    let candidates: Vec<Vec<Vec<String>>> = value_runs
        .iter()
        .map(|r| {
            if labelless {
                vec![r.numbers.clone()]
            } else {
                splits(&r.numbers, n)
            }
        })
        .collect();
    let mut candidates = candidates;
    if !labelless {
        order_by_columns(&mut candidates);
    }
    let chosen = choose_splits(&value_runs, &candidates, choices);
    let settled = settled_by_sums(&candidates, &chosen);

    let mut heading_iter = headings_in_body.into_iter().peekable();
    for (i, run) in value_runs.iter().enumerate() {
        while let Some((at, text, line)) = heading_iter.peek().cloned() {
            if at > i {
                break;
            }
            heading_iter.next();
            raw.rows.push(RawRow {
                line,
                cells: vec![RawCell::plain(text)],
            });
        }
        let row_index = raw.rows.len();
        let label = run.label.join(" ");
        let values: Vec<String> = match (candidates.get(i), chosen.get(i)) {
            (Some(c), Some(Some(k))) if !c.is_empty() => c.get(*k).cloned().unwrap_or_default(),
            _ => {
                if !run.numbers.is_empty() {
                    raw.diagnostics.push(Diagnostic {
                        row: Some(row_index),
                        column: None,
                        line: Some(run.line),
                        seen: run.numbers.join(" "),
                        kind: DiagnosticKind::UnsplittableLine,
                    });
                }
                // Nothing is lost: the widest reading, one value per word
                // group, fills the columns (extra ones are added).
                splits_greedy(&run.numbers, usize::MAX)
                    .into_iter()
                    .flatten()
                    .collect()
            }
        };
        if settled.get(i).copied().unwrap_or(false) {
            let count = candidates.get(i).map_or(0, Vec::len);
            raw.diagnostics.push(layout_diagnostic(
                Some(row_index),
                Some(run.line),
                run.numbers.join(" "),
                format!("Spaces separate both columns and thousands; the row can be split {count} ways, and the table's sums settle which."),
                format!("Mellanslag skiljer både kolumner och tusental; raden kan delas på {count} sätt, och tabellens summor avgör vilket."),
            ));
        } else if candidates.get(i).is_some_and(|c| c.len() > 1) {
            raw.diagnostics.push(Diagnostic {
                row: Some(row_index),
                column: None,
                line: Some(run.line),
                seen: run.numbers.join(" "),
                kind: DiagnosticKind::AmbiguousSplit {
                    candidates: candidates.get(i).map_or(0, Vec::len),
                },
            });
        }
        let mut values = values;
        let mut note = run.note.clone();
        if has_note && super::sum_kind(&label).is_some() {
            if let Some(first) = values.first_mut() {
                let at = usize::from(has_label) + 1;
                match note_or_amount(&raw.rows, at, &note, first) {
                    Some(true) => {}
                    Some(false) => {
                        *first = format!("{note} {first}");
                        note.clear();
                    }
                    None => raw.diagnostics.push(Diagnostic {
                        row: Some(row_index),
                        column: None,
                        line: Some(run.line),
                        seen: run.numbers.join(" "),
                        kind: DiagnosticKind::AmbiguousSplit { candidates: 2 },
                    }),
                }
            }
        }
        let mut cells = Vec::new();
        if has_label {
            cells.push(RawCell::plain(label));
        }
        if has_note {
            cells.push(RawCell::plain(note));
        }
        cells.extend(values.into_iter().map(RawCell::plain));
        raw.rows.push(RawRow {
            line: run.line,
            cells,
        });
    }
    for (_, text, line) in heading_iter {
        raw.rows.push(RawRow {
            line,
            cells: vec![RawCell::plain(text)],
        });
    }
    raw
}

/// A sum line's note taken from its amounts ("Årets resultat 10 107 046"
/// after "107 046" is note 10; "RESULTAT EFTER FINANSIELLA POSTER 8 935"
/// after 9 163, 656 and -884 is 8 935): sums carry notes too, so the rows
/// right above decide. `Some(true)`: a run of rows ending right above adds
/// up to the amount without the note and none to the one with it (kept a
/// note); `Some(false)`: the other way (the note is the amount's first
/// group); `None`: neither or both, so the line's sums are left unchecked.
/// A sum without a first group to give back is a note.
fn note_or_amount(rows: &[RawRow<'_>], at: usize, note: &str, first: &str) -> Option<bool> {
    if note_number(note).is_none() || note.ends_with(',') || !continues(note, first) {
        return Some(true);
    }
    let number = |text: &str| match number::read_number(text, DecimalMark::Comma) {
        Ok(Reading::Number(n)) if !n.percent => Some(n.value),
        _ => None,
    };
    let joined = format!("{note} {first}");
    let (Some(without), Some(with)) = (number(first), number(&joined)) else {
        return None;
    };
    let (mut holds_without, mut holds_with) = (false, false);
    let mut sum = Decimal::ZERO;
    for row in rows.iter().rev().take(MAX_SUM_ROWS) {
        let Some(v) = row.cells.get(at).and_then(|c| number(c.text.trim())) else {
            // A heading line ("Extraordinära poster") interrupts no sum.
            continue;
        };
        sum = sum.add_exact(v)?;
        holds_without |= sum == without;
        holds_with |= sum == with;
    }
    match (holds_without, holds_with) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// How well headings name their columns: a value heading that names a
/// role, or a year, counts; so does each role named once; a heading with
/// two years, or a label heading that names a figure, was merged wrongly.
fn headings_score(headings: &[String]) -> i32 {
    let mut score = 0i32;
    let mut seen: Vec<Role> = Vec::new();
    for (j, h) in headings.iter().enumerate() {
        let role = role_of(h);
        let years = h.split_whitespace().filter(|w| is_year_word(w)).count();
        if years > 1 {
            score -= 3;
        }
        if j == 0 {
            if role.is_some_and(Role::is_numeric) {
                score -= 2;
            }
            continue;
        }
        match role {
            Some(r) if r.is_numeric() => {
                score += 2;
                if !seen.contains(&r) {
                    seen.push(r);
                    score += 1;
                }
            }
            _ if years == 1 => score += 1,
            _ => {}
        }
    }
    score
}

/// More heading segments than columns ("Tkr Utfall 2013 Budget 2013
/// Avvikelse Budget-Utfall" over three values): the adjacent segments are
/// joined so that there are exactly `needed` headings, the way that names
/// the columns best by [`headings_score`]. On a tie the extra segments go
/// to the label's heading (`None` then, and when there are too many ways).
fn merge_headings(segments: &[String], needed: usize) -> Option<Vec<String>> {
    /// Ways to join tried at most (segments choose cuts).
    const MAX_WAYS: usize = 512;
    fn go(
        segments: &[String],
        needed: usize,
        current: &mut Vec<String>,
        best: &mut (i32, Option<Vec<String>>),
        tried: &mut usize,
    ) {
        if *tried >= MAX_WAYS {
            return;
        }
        if needed == 0 || segments.is_empty() {
            if needed == 0 && segments.is_empty() {
                *tried += 1;
                let score = headings_score(current);
                if score > best.0 {
                    *best = (score, Some(current.clone()));
                }
            }
            return;
        }
        // The next heading takes the next `take` segments; the label's
        // heading (the first) tries the most first, so that it wins ties.
        let most = segments.len().saturating_sub(needed - 1);
        let first = current.is_empty();
        for step in 0..most {
            let take = if first { most - step } else { step + 1 };
            let (head, rest) = segments.split_at(take);
            current.push(head.join(" "));
            go(rest, needed - 1, current, best, tried);
            current.pop();
        }
    }
    if needed == 0 || segments.len() <= needed {
        return None;
    }
    let extra = segments.len() - needed;
    let mut default = vec![segments.get(..=extra)?.join(" ")];
    default.extend(segments.get(extra + 1..)?.iter().cloned());
    let mut best = (headings_score(&default), None);
    let mut tried = 0;
    go(segments, needed, &mut Vec::new(), &mut best, &mut tried);
    best.1
}

/// A note number: an unsigned whole number of one or two digits, 1 or more
/// ("3" in "Hyresintäkter 3 799 990 796 936"). Part of a list when it ends
/// in a comma ("8," in "8, 9").
fn note_number(word: &str) -> Option<u32> {
    let digits = word.strip_suffix(',').unwrap_or(word);
    if (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<u32>().ok().filter(|n| *n >= 1)
    } else {
        None
    }
}

/// Takes the note references out of the rows of a table with a note column.
/// A list ("8, 9", "11, 12, 13") is a note; a lone small whole number right
/// after the label is one when the notes so far run in order: notes are
/// numbered down the statement, so a candidate below the last note, or
/// above a candidate within the next rows that is above the last note,
/// or far above the last note, is the first digit group of an amount ("7
/// 148" after note 5 and before note 6, "39 547" after note 16). A note is
/// never an amount.
fn take_notes(runs: &mut [Run]) {
    let taken = note_rows(runs, false);
    apply_notes(runs, &taken);
}

/// Notes glued before the first amount in a table without a note column
/// ("Verksamhetens intäkter 2 812,4 790,1"): in a table of decimal figures,
/// a small whole number right after the label of a row of decimal figures,
/// in order with the others as in [`take_notes`]. Two such notes
/// at least, or none is taken. Returns whether any was.
fn take_glued_notes(runs: &mut [Run]) -> bool {
    // Most rows end in a figure with decimals.
    let (mut rows, mut decimal_rows) = (0usize, 0usize);
    for r in runs.iter().filter(|r| !r.numbers.is_empty()) {
        rows += 1;
        decimal_rows += usize::from(
            r.numbers
                .last()
                .is_some_and(|w| matches!(shape(w), Shape::Number { decimals: true, .. })),
        );
    }
    if decimal_rows * 2 <= rows {
        return false;
    }
    let taken = note_rows(runs, true);
    if taken.iter().filter(|t| **t).count() < 2 {
        return false;
    }
    apply_notes(runs, &taken);
    true
}

/// Notes written "Not 2" at the end of the label, on two rows or more, in a
/// table without a note column ("Verksamhetens kostnader Not 2 – 509 532"):
/// the word goes, the number is the note. Returns whether any was taken.
fn take_marked_notes(runs: &mut [Run]) -> bool {
    let marked = |r: &Run| {
        r.label.len() >= 2
            && r.label.last().is_some_and(|w| is_note_heading(w))
            && r.numbers.first().and_then(|w| note_number(w)).is_some()
    };
    if runs.iter().filter(|r| marked(r)).count() < 2 {
        return false;
    }
    for run in runs.iter_mut().filter(|r| marked(r)) {
        run.label.pop();
        if !run.numbers.is_empty() {
            run.note = run.numbers.remove(0);
        }
    }
    true
}

/// A label ending in a reference to a note ("Jämförelsestörande poster -se
/// not 3 149,4 55,0") in a table without a note column: the number after
/// the word is the reference's, part of the label, never the first digit
/// group of an amount.
fn keep_label_notes(runs: &mut [Run]) {
    for run in runs.iter_mut() {
        let marked = run.label.len() >= 2
            && run.label.last().is_some_and(|w| is_note_heading(w))
            && run.numbers.len() >= 2
            && run.numbers.first().and_then(|w| note_number(w)).is_some();
        if marked {
            let note = run.numbers.remove(0);
            run.label.push(note);
        }
    }
}

/// Which rows carry a note (see [`take_notes`]). `glued`: the table has no
/// note column, so only a number in a row of decimal figures may be a note,
/// and lists are not looked for.
fn note_rows(runs: &[Run], glued: bool) -> Vec<bool> {
    /// How many rows ahead a lower note proves a candidate wrong.
    const LOOKAHEAD: usize = 3;
    /// Notes skipped between two rows: a statement refers to most of its notes.
    const MAX_GAP: u32 = 5;
    let candidate = |r: &Run| -> Option<u32> {
        if !glued && list_len(r) > 0 {
            return r.label.last().and_then(|w| note_number(w));
        }

        if glued
            && (r.numbers.len() < 2
                || !r
                    .numbers
                    .last()
                    .is_some_and(|w| matches!(shape(w), Shape::Number { decimals: true, .. })))
        {
            return None;
        }
        r.numbers
            .first()
            .filter(|w| !w.ends_with(','))
            .and_then(|w| note_number(w))
    };
    let candidates: Vec<Option<u32>> = runs.iter().map(candidate).collect();
    let mut taken = vec![false; runs.len()];
    let mut last = 0u32;
    for (i, (run, slot)) in runs.iter().zip(taken.iter_mut()).enumerate() {
        let listed = if glued { 0 } else { list_len(run) };
        if listed > 0 {
            let at = run.label.len().saturating_sub(listed);
            // A list's first note keeps the order: the later ones are
            // notes shared by several rows ("3, 9, 28" before "4").
            let first = run
                .numbers
                .first()
                .filter(|_| !run.label.last().is_some_and(|w| lettered_note(w)))
                .and_then(|w| note_number(w));
            last = run
                .label
                .get(at..)
                .unwrap_or(&[])
                .iter()
                .filter_map(|w| note_number(w))
                .chain(first)
                .min()
                .unwrap_or(last)
                .max(last);
            *slot = true;
            continue;
        }
        let Some(c) = candidates.get(i).copied().flatten() else {
            continue;
        };
        // Any of the next item rows with a note between the last and this
        // one proves this one wrong (figures alone, "7 7", read as note 7
        // before notes 3 and 4). Sums and unlabelled lines carry no notes:
        // their first digit group proves nothing.
        let item = |r: &Run| !r.label.is_empty() && super::sum_kind(&r.label.join(" ")).is_none();
        let skipped = runs
            .iter()
            .zip(&candidates)
            .skip(i + 1)
            .take(LOOKAHEAD)
            .filter(|(r, _)| item(r))
            .filter_map(|(_, c)| *c)
            .any(|d| d > last && d < c);
        let too_far = last > 0 && c > last.saturating_add(MAX_GAP);
        if c < last || too_far || skipped {
            continue;
        }
        last = c;
        *slot = true;
    }
    taken
}

/// A note numbered with a letter, a sub-note ("1A" after note 1): one or
/// two digits and one capital.
fn lettered_note(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && word.len() == digits + 1
        && word.bytes().last().is_some_and(|b| b.is_ascii_uppercase())
}

/// How many words at the end of a label are a note list's ("8," of "8, 9"),
/// or 1 for a lettered note ("1A").
fn list_len(r: &Run) -> usize {
    if r.label.len() >= 2 && r.label.last().is_some_and(|w| lettered_note(w)) {
        return 1;
    }
    r.label
        .iter()
        .rev()
        .take_while(|w| w.ends_with(',') && note_number(w).is_some())
        .count()
}

/// Moves the notes [`note_rows`] found from the labels and numbers into
/// each row's note.
fn apply_notes(runs: &mut [Run], taken: &[bool]) {
    for (run, take) in runs.iter_mut().zip(taken) {
        if !*take {
            continue;
        }
        let at = run.label.len().saturating_sub(list_len(run));
        let mut parts: Vec<String> = run.label.drain(at..).collect();
        let lettered = parts.last().is_some_and(|w| lettered_note(w));
        if !lettered && run.numbers.first().and_then(|w| note_number(w)).is_some() {
            parts.push(run.numbers.remove(0));
        }
        run.note = parts.join(" ");
    }
}

/// Whether `word` may join the value written so far as its next digit
/// group: an unsigned group of exactly three digits, after a value with no
/// decimals, `%` or unit that began with at most three digits.
fn continues(value: &str, word: &str) -> bool {
    let first_word = value.split_whitespace().next().unwrap_or("");
    let last_word = value.split_whitespace().last().unwrap_or("");
    matches!(
        shape(word),
        Shape::Number {
            signed: false,
            int_digits: 3,
            ..
        }
    ) && open(last_word)
        && matches!(
            shape(first_word),
            Shape::Number {
                int_digits: 1..=3,
                ..
            }
        )
}

/// Groups number words into values, merging whenever [`continues`] allows
/// and attaching lone units, then cuts the values into rows of `n` (for a
/// block of values without labels). With `n == usize::MAX` it returns one
/// row of all values.
fn splits_greedy(words: &[String], n: usize) -> Vec<Vec<String>> {
    let mut values: Vec<String> = Vec::new();
    for w in words {
        let merge = values.last().is_some_and(|last| match shape(w) {
            Shape::Suffix => takes_suffix(last.split_whitespace().last().unwrap_or("")),
            _ => continues(last, w),
        });
        match values.last_mut() {
            Some(last) if merge => {
                last.push(' ');
                last.push_str(w);
            }
            _ => values.push(w.clone()),
        }
    }
    if n == usize::MAX || n == 0 {
        return vec![values];
    }
    values.chunks(n).map(<[String]>::to_vec).collect()
}

/// Picks one split per row: the user's choice, the only candidate, or the
/// combination that makes a stated total add up in the most columns.
fn choose_splits(
    runs: &[Run],
    candidates: &[Vec<Vec<String>>],
    choices: &ReadChoices,
) -> Vec<Option<usize>> {
    let mut chosen: Vec<Option<usize>> = candidates
        .iter()
        .map(|c| if c.is_empty() { None } else { Some(0) })
        .collect();
    let total_at = runs.iter().rposition(|r| {
        let label = latin::lowercase(&r.label.join(" "));
        label.starts_with("summa") || label.starts_with("total")
    });
    // The total row may itself read several ways: it joins the search.
    let ambiguous: Vec<usize> = (0..candidates.len())
        .filter(|i| candidates.get(*i).is_some_and(|c| c.len() > 1))
        .filter(|i| total_at.is_some_and(|t| *i <= t))
        .collect();
    if let Some(t) = total_at {
        if candidates.get(t).is_some_and(|c| !c.is_empty()) && !ambiguous.is_empty() {
            let combos = ambiguous
                .iter()
                .try_fold(1usize, |acc, i| {
                    acc.checked_mul(candidates.get(*i).map_or(1, Vec::len))
                })
                .unwrap_or(usize::MAX);
            if combos <= MAX_COMBINATIONS {
                let mut best = (0usize, 0usize);
                for combo in 0..combos {
                    let mut pick = chosen.clone();
                    let mut rest = combo;
                    for i in &ambiguous {
                        let len = candidates.get(*i).map_or(1, Vec::len).max(1);
                        if let Some(slot) = pick.get_mut(*i) {
                            *slot = Some(rest % len);
                        }
                        rest /= len;
                    }
                    let score = total_matches(candidates, &pick, t);
                    if score > best.0 {
                        best = (score, combo);
                    }
                }
                let mut rest = best.1;
                for i in &ambiguous {
                    let len = candidates.get(*i).map_or(1, Vec::len).max(1);
                    if let Some(slot) = chosen.get_mut(*i) {
                        *slot = Some(rest % len);
                    }
                    rest /= len;
                }
            }
        }
    }
    for (row, k) in &choices.splits {
        if let (Some(slot), Some(c)) = (chosen.get_mut(*row), candidates.get(*row)) {
            if *k < c.len() {
                *slot = Some(*k);
            }
        }
    }
    chosen
}

/// At most this many rows are searched for sums that settle splits.
const MAX_SETTLE_ROWS: usize = 300;

/// The rows whose chosen split the table's sums settle: the split is
/// certain when every column in which the row's candidates differ holds in
/// an exact sum of the chosen splits (a run of two rows or more right above
/// or right below a row adds up to it, and not to zero), the row being a
/// term or the sum. Checks may then run over the row: a sum that fails in
/// another column is the report's, not the split's.
fn settled_by_sums(candidates: &[Vec<Vec<String>>], chosen: &[Option<usize>]) -> Vec<bool> {
    let rows = candidates.len();
    let mut settled = vec![false; rows];
    if rows > MAX_SETTLE_ROWS || !candidates.iter().any(|c| c.len() > 1) {
        return settled;
    }
    let picked = |i: usize| -> Option<&Vec<String>> { candidates.get(i)?.get((*chosen.get(i)?)?) };
    let width = (0..rows)
        .filter_map(picked)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let values: Vec<Vec<Option<Decimal>>> = (0..rows)
        .map(|i| {
            (0..width)
                .map(
                    |j| match number::read_number(picked(i)?.get(j)?, DecimalMark::Comma) {
                        Ok(Reading::Number(n)) => Some(n.value),
                        _ => None,
                    },
                )
                .collect()
        })
        .collect();
    let value = |i: usize, j: usize| values.get(i).and_then(|v| v.get(j)).copied().flatten();
    let mut confirmed = vec![vec![false; width]; rows];
    for t in 0..rows {
        for j in 0..width {
            let Some(stated) = value(t, j).filter(|v| !v.is_zero()) else {
                continue;
            };
            // Runs right above t, then right below it.
            for run in [
                (0..t).rev().collect::<Vec<_>>(),
                (t + 1..rows).collect::<Vec<_>>(),
            ] {
                let mut sum = Decimal::ZERO;
                for (k, &i) in run.iter().enumerate() {
                    let Some(s) = value(i, j).and_then(|v| sum.add_exact(v)) else {
                        break;
                    };
                    sum = s;
                    if k >= 1 && sum == stated {
                        for &m in run.get(..=k).unwrap_or(&[]).iter().chain([&t]) {
                            if let Some(c) = confirmed.get_mut(m).and_then(|c| c.get_mut(j)) {
                                *c = true;
                            }
                        }
                    }
                }
            }
        }
    }
    for (i, slot) in settled.iter_mut().enumerate() {
        let (Some(c), Some(pick)) = (candidates.get(i), picked(i)) else {
            continue;
        };
        if c.len() < 2 {
            continue;
        }
        *slot = (0..width).all(|j| {
            let differ = c.iter().any(|other| other.get(j) != pick.get(j));
            !differ
                || confirmed
                    .get(i)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(false)
        });
    }
    settled
}

/// How many columns of the total row equal the sum of the rows above it.
fn total_matches(candidates: &[Vec<Vec<String>>], pick: &[Option<usize>], total: usize) -> usize {
    let value = |row: usize, col: usize| -> Option<Decimal> {
        let text = candidates.get(row)?.get((*pick.get(row)?)?)?.get(col)?;
        match number::read_number(text, DecimalMark::Comma) {
            Ok(Reading::Number(n)) => Some(n.value),
            _ => None,
        }
    };
    let width = candidates
        .get(total)
        .and_then(|c| c.get((*pick.get(total)?)?))
        .map_or(0, Vec::len);
    (0..width)
        .filter(|col| {
            let mut sum = Decimal::ZERO;
            for row in 0..total {
                if let Some(v) = value(row, *col) {
                    sum = sum.add_exact(v).unwrap_or(sum);
                }
            }
            value(total, *col) == Some(sum)
        })
        .count()
}

// ---------------------------------------------------------------------------
// Web copies with one cell per line, in the shapes that real pages give:
// cells split by blank lines (an extra blank line is an empty cell), by lines
// holding only "|" (an HTML table flattened), or by nothing but the line end;
// some rows may still carry their values on one line (a mixed copy).
// ---------------------------------------------------------------------------

/// How the cells of a one-cell-per-line copy are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// A line holding only "|" ends every cell; two in a row are an empty cell.
    Pipe,
    /// A blank line between cells; every further blank line is an empty cell.
    Blank,
    /// Each line is a cell.
    Line,
}

/// One cell of a one-cell-per-line copy.
#[derive(Debug, Clone)]
struct StreamCell {
    text: String,
    line: usize,
}

/// What a cell holds, for grouping cells into rows.
#[derive(Debug, Clone)]
enum Piece {
    /// No text: an empty cell (pipe or extra blank line).
    Empty,
    /// One value: a number, a dash, or a note reference ("1, 2").
    Value(String),
    /// Several number words on one line: values still to be split.
    Numbers(Vec<String>),
}

/// A label and the cells after it.
#[derive(Debug, Clone)]
struct StreamRow {
    label: String,
    line: usize,
    /// Index of the label's cell in the cell list.
    at: usize,
    pieces: Vec<Piece>,
}

/// Years written without a space between them, one after another
/// ("20202019201820172016" is 2020, 2019, 2018, 2017 and 2016): two or more
/// years, each one more or one less than the one before.
fn glued_years(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.len() < 8 || !t.len().is_multiple_of(4) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let years: Vec<u16> = (0..t.len() / 4)
        .filter_map(|i| t.get(i * 4..i * 4 + 4)?.parse::<u16>().ok())
        .collect();
    let in_range = years.iter().all(|y| (1900..=2100).contains(y));
    let steps = years.windows(2).all(|w| match w {
        [a, b] => a.abs_diff(*b) == 1,
        _ => false,
    });
    (in_range && steps && years.len() * 4 == t.len())
        .then(|| years.iter().map(u16::to_string).collect())
}

/// A value glued to a label after it, when a copy lost the line break
/// between a row's last figure and the next row's label ("246,7Bolagens
/// externa kostnader", "-140,6SUMMA", "70 989Stab"): a number with
/// decimals (or a sign, or thousands spaces) before a word of three letters
/// or more, or a number of two digits or more before a capitalised word.
/// A unit is no label ("26 350tkr", "0,0Mnkr" and "13,0%" are values), nor
/// is a one-digit code or a year glued to its label ("4Kommunstyrelsen",
/// "2021Kommunen").
pub(super) fn value_then_label(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let (at, first) = t.char_indices().find(|(_, c)| latin::is_letter(*c))?;
    let (value, label) = t.split_at(at);
    let word: String = label.chars().take_while(|c| latin::is_letter(*c)).collect();
    let letters = word.chars().count();
    let formatted = value.contains(',') || value.starts_with(is_sign) || value.contains(' ');
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let shaped =
        (formatted && letters >= 3) || (!latin::is_lower(first) && letters >= 2 && digits >= 2);
    (shaped
        && !is_year(value)
        && unit_of(&word).is_none()
        && single_value(value)
        && value.ends_with(|c: char| c.is_ascii_digit()))
    .then_some((value, label))
}

/// A year 1900–2100 written alone ("2021").
fn is_year(text: &str) -> bool {
    let t = text.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// The year a heading names, if any ("Budget 2021", "2021-12-31").
fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// A note reference list: "1, 2" or "2, 5, 6" (each a small number).
fn is_note_list(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a cell's text is exactly one value (or a dash for none).
fn single_value(text: &str) -> bool {
    [DecimalMark::Comma, DecimalMark::Point]
        .into_iter()
        .any(|m| {
            matches!(
                number::read_number(text, m),
                Ok(Reading::Number(_) | Reading::Nothing)
            )
        })
}

/// The non-empty lines of the paste and the blank lines before each. A web
/// copy that writes an empty cell as a line holding a space, each followed
/// by the blank line that separates cells ("3117" / "" / " " / "" / " " /
/// "" / "-3041"), has one empty cell per such line: the gap counts as that
/// many empty cells plus the separator, not as every blank line.
fn text_lines(grid: &Grid<'_>, plain: &str) -> Vec<(String, usize, usize)> {
    let source: Vec<&str> = plain.split('\n').collect();
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut previous: Option<usize> = None;
    for row in &grid.rows {
        if row.heading {
            continue;
        }
        let text: String = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            continue;
        }
        let mut blanks = previous.map_or(0, |p| row.line.saturating_sub(p + 1));
        if let Some(p) = previous {
            // Lines are numbered from 1: the gap is source[p..line - 1].
            let gap = source.get(p..row.line.saturating_sub(1)).unwrap_or(&[]);
            let spaced = gap
                .iter()
                .filter(|l| {
                    let l = l.trim_end_matches('\r');
                    !l.is_empty() && l.trim().is_empty()
                })
                .count();
            // A line that itself starts with spaces pads its cells with
            // spaces (a mixed copy): its gap keeps the blank-line count.
            let padded = source
                .get(row.line.saturating_sub(1))
                .is_some_and(|l| l.starts_with(char::is_whitespace));
            if spaced >= 1 && blanks == 2 * spaced + 1 && !padded {
                blanks = spaced + 1;
            }
        }
        previous = Some(row.line);
        out.push((text, row.line, blanks));
    }
    out
}

/// Splits the lines into cells by the separator the copy uses.
fn stream_cells(lines: &[(String, usize, usize)]) -> (Separator, Vec<StreamCell>) {
    let pipes = lines.iter().filter(|(t, _, _)| t == "|").count();
    let gaps = lines.iter().skip(1).filter(|(_, _, b)| *b > 0).count();
    let separator = if pipes > 0 && pipes * 4 >= lines.len() {
        Separator::Pipe
    } else if lines.len() > 2 && gaps * 2 >= lines.len() - 1 {
        Separator::Blank
    } else {
        Separator::Line
    };
    let mut cells: Vec<StreamCell> = Vec::new();
    match separator {
        Separator::Pipe => {
            let mut open: Option<StreamCell> = None;
            for (text, line, _) in lines {
                if text == "|" {
                    cells.push(open.take().unwrap_or(StreamCell {
                        text: String::new(),
                        line: *line,
                    }));
                } else if let Some(cell) = open.as_mut() {
                    cell.text.push(' ');
                    cell.text.push_str(text);
                } else {
                    open = Some(StreamCell {
                        text: text.clone(),
                        line: *line,
                    });
                }
            }
            cells.extend(open);
        }
        Separator::Blank => {
            for (i, (text, line, blanks)) in lines.iter().enumerate() {
                let starts_lower = text.chars().next().is_some_and(latin::is_lower);
                let previous_is_text = cells.last().is_some_and(|c| {
                    !c.text.is_empty() && !c.text.chars().any(|ch| ch.is_ascii_digit())
                });
                // A heading wrapped inside its cell ("Budget" / "2021") or a
                // label wrapped before a lowercase word.
                // A period glued under its heading with no blank line
                // between is more of that cell ("Utfall" / "12-mån.").
                let wrapped = *blanks == 0
                    && (starts_lower
                        || (is_year(text) && previous_is_text)
                        || (previous_is_text
                            && text.starts_with(|c: char| c.is_ascii_digit())
                            && !single_value(text)
                            && !is_note_list(text)));
                if let (true, Some(last)) = (wrapped && i > 0, cells.last_mut()) {
                    last.text.push(' ');
                    last.text.push_str(text);
                    continue;
                }
                if i > 0 {
                    for _ in 1..*blanks {
                        cells.push(StreamCell {
                            text: String::new(),
                            line: *line,
                        });
                    }
                }
                cells.push(StreamCell {
                    text: text.clone(),
                    line: *line,
                });
            }
        }
        Separator::Line => cells.extend(lines.iter().map(|(text, line, _)| StreamCell {
            text: text.clone(),
            line: *line,
        })),
    }
    (separator, cells)
}

/// A label with values on the same line (a mixed copy): the label and the
/// number words that end the line. A year alone at the end stays in the
/// label ("Kommunen 2016").
fn label_and_numbers(text: &str) -> Option<(String, Vec<String>)> {
    let ws = words(text);
    let mut first_number = ws
        .iter()
        .rposition(|w| !is_numeric_word(w))
        .map_or(0, |i| i + 1);
    // A unit or dash after the label belongs to it ("i miljoner kronor").
    while ws
        .get(first_number)
        .is_some_and(|w| !matches!(shape(w), Shape::Number { .. }))
    {
        first_number += 1;
    }
    if first_number == 0 || first_number >= ws.len() {
        return None;
    }
    let numbers = ws[first_number..].to_vec();
    if numbers.len() == 1 && is_year(&numbers[0]) {
        return None;
    }
    Some((ws[..first_number].join(" "), numbers))
}

/// How many values a piece holds at the widest reading.
fn piece_width(piece: &Piece) -> usize {
    match piece {
        Piece::Empty | Piece::Value(_) => 1,
        Piece::Numbers(ws) => splits_greedy(ws, usize::MAX).first().map_or(0, Vec::len),
    }
}

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

/// A web table copied with one cell per line (see [`Separator`]): rows are
/// a label and the cells after it; the number of value columns is what most
/// rows hold; the cells before the first full row are the heading, read as
/// stacked rows (group headings over repeated periods) with a title above.
fn cells_per_line(grid: &Grid<'_>, plain: &str) -> Option<RawTable<'static>> {
    let lines = text_lines(grid, plain);
    // Decide the shape first: lines holding one value must outnumber lines
    // holding a label and values (those are PDF rows, read by pdf_layout).
    let singles = lines
        .iter()
        .filter(|(t, _, _)| !is_year(t) && t != "-" && single_value(t))
        .count();
    let same_line = lines
        .iter()
        .filter(|(t, _, _)| label_and_numbers(t).is_some())
        .count();
    // Labels glued to their figures are a run-together copy, not this (a
    // line of figures alone, "17,6 133,0 190,3", has no label).
    let glued = lines
        .iter()
        .filter(|(t, _, _)| {
            glued_tail(t, false).is_some_and(|(label, _)| label.chars().any(latin::is_letter))
                && !single_value(t)
        })
        .count();
    if singles < 2 || singles < same_line || glued > singles {
        return None;
    }
    let (separator, mut cells) = stream_cells(&lines);
    // Year headings run together ("20202019201820172016") are one per cell.
    if cells.iter().any(|c| glued_years(&c.text).is_some()) {
        cells = cells
            .into_iter()
            .flat_map(|c| match glued_years(&c.text) {
                Some(years) => years
                    .into_iter()
                    .map(|text| StreamCell { text, line: c.line })
                    .collect(),
                None => vec![c],
            })
            .collect();
    }
    // A row's last figure run into the next row's label, when the row's
    // other cells are absent ("246,7Bolagens externa kostnader",
    // "-140,6SUMMA"): a value cell and a label cell.
    if cells.iter().any(|c| value_then_label(&c.text).is_some()) {
        cells = cells
            .into_iter()
            .flat_map(|c| match value_then_label(&c.text) {
                Some((value, label)) => vec![
                    StreamCell {
                        text: value.to_string(),
                        line: c.line,
                    },
                    StreamCell {
                        text: label.to_string(),
                        line: c.line,
                    },
                ],
                None => vec![c],
            })
            .collect();
    }

    // Group the cells into rows: a text cell starts a row.
    let mut rows: Vec<StreamRow> = Vec::new();
    for (at, cell) in cells.iter().enumerate() {
        let t = cell.text.as_str();
        // A dash then a number ("-  4,0") is a cell without value and the
        // next value in a mixed copy, or one negative number: the row's
        // width decides below.
        let dash_then_number = {
            let ws = words(t);
            ws.len() == 2 && matches!(shape(&ws[0]), Shape::Dash)
        };
        let piece = if t.is_empty() {
            Some(Piece::Empty)
        } else if (single_value(t) && !dash_then_number) || is_note_list(t) {
            Some(Piece::Value(t.to_string()))
        } else if words(t).iter().all(|w| is_numeric_word(w))
            && words(t)
                .iter()
                .any(|w| matches!(shape(w), Shape::Number { .. }))
        {
            Some(Piece::Numbers(words(t)))
        } else {
            None
        };
        match (piece, rows.last_mut()) {
            (Some(p), Some(row)) => row.pieces.push(p),
            (Some(p), None) => rows.push(StreamRow {
                label: String::new(),
                line: cell.line,
                at,
                pieces: vec![p],
            }),
            (None, _) => {
                let (label, pieces) = match label_and_numbers(t) {
                    Some((label, numbers)) => (label, vec![Piece::Numbers(numbers)]),
                    None => (t.to_string(), Vec::new()),
                };
                rows.push(StreamRow {
                    label,
                    line: cell.line,
                    at,
                    pieces,
                });
            }
        }
    }
    // The number of value columns: the count most rows hold (ties: more).
    let widths: Vec<usize> = rows
        .iter()
        .map(|r| r.pieces.iter().map(piece_width).sum())
        .collect();
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for w in widths.iter().filter(|w| **w > 0) {
        match tally.iter_mut().find(|(k, _)| k == w) {
            Some((_, n)) => *n += 1,
            None => tally.push((*w, 1)),
        }
    }
    let (values, support) = tally.iter().copied().max_by_key(|(w, n)| (*n, *w))?;
    if support < 2 {
        return None;
    }
    // The first full row whose values are not all years starts the body.
    // The years may stand one per cell or on one line after a title line
    // ("LUNDS KOMMUNS FASTIGHETS AB BOKSLUT 2019-12-31" over "2019 2018
    // 2017 2016 2015" in a mixed copy): a line of years alone is a heading.
    let all_years = |r: &StreamRow| {
        let texts: Vec<&str> = r
            .pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Value(v) => std::slice::from_ref(v),
                Piece::Numbers(ws) => ws.as_slice(),
                Piece::Empty => &[],
            })
            .map(String::as_str)
            .collect();
        !texts.is_empty() && texts.iter().all(|t| is_year(t))
    };
    // A row of figures on the label's line counts as full when its words
    // can be cut into that many values ("782 754 731 704 685" is five
    // values of three digits, though the widest reading joins them).
    let full = |r: &StreamRow, w: usize| {
        w == values || matches!(r.pieces.as_slice(), [Piece::Numbers(ws)] if fit(ws, values) > 0)
    };
    let first = rows
        .iter()
        .zip(&widths)
        .position(|(r, w)| full(r, *w) && !r.label.is_empty() && !all_years(r))?;
    // Section rows right above the first full row (a label and only empty
    // cells: "Skattefinansierade investeringsutgifter", "Investeringsobjekt
    // <3 mnkr") open the body: they are no column headings, which stand
    // above them.
    let section = |r: &StreamRow| {
        !r.label.is_empty()
            && !r.pieces.is_empty()
            && r.pieces.iter().all(|p| matches!(p, Piece::Empty))
            && !role_of(&r.label).is_some_and(Role::is_numeric)
    };
    let mut first = first;
    while first > 1 && rows.get(first - 1).is_some_and(section) {
        first -= 1;
    }
    let first_at = rows.get(first)?.at;
    let mut diagnostics = Vec::new();
    let (title, headings) = stream_headings(&cells[..first_at], values, &mut diagnostics);
    diagnostics.insert(
        0,
        layout_diagnostic(
            None,
            cells.get(first_at).map(|c| c.line),
            String::new(),
            format!(
                "The text has one cell per line ({}); each row was read as a label and the {values} values after it.",
                match separator {
                    Separator::Pipe => "cells ended by lines with \"|\"",
                    Separator::Blank => "cells split by blank lines, an extra blank line an empty cell",
                    Separator::Line => "a cell on each line",
                }
            ),
            format!(
                "Texten har en cell per rad ({}); varje rad lästes som en benämning och de {values} värdena efter den.",
                match separator {
                    Separator::Pipe => "celler avslutade av rader med \"|\"",
                    Separator::Blank => "celler åtskilda av tomma rader, en extra tom rad en tom cell",
                    Separator::Line => "en cell på varje rad",
                }
            ),
        ),
    );
    // A note column ("Not") may be left out of a row without a trace.
    let note_column = headings.iter().skip(1).position(|h| {
        matches!(
            latin::lowercase(h.trim()).as_str(),
            "not" | "noter" | "not nr"
        )
    });

    let mut raw_rows: Vec<RawRow<'static>> = Vec::new();
    for row in &rows[first..] {
        let row_index = raw_rows.len();
        let fixed = row
            .pieces
            .iter()
            .filter(|p| !matches!(p, Piece::Numbers(_)))
            .count();
        let multi = row
            .pieces
            .iter()
            .filter(|p| matches!(p, Piece::Numbers(_)))
            .count();
        let mut cells_out: Vec<String> = Vec::new();
        for piece in &row.pieces {
            match piece {
                Piece::Empty => cells_out.push(String::new()),
                Piece::Value(v) => cells_out.push(v.clone()),
                Piece::Numbers(ws) => {
                    let n = values.saturating_sub(fixed);
                    let candidates = if multi == 1 && n > 0 {
                        splits(ws, n)
                    } else {
                        Vec::new()
                    };
                    if candidates.len() > 1 {
                        diagnostics.push(Diagnostic {
                            row: Some(row_index),
                            column: None,
                            line: Some(row.line),
                            seen: ws.join(" "),
                            kind: DiagnosticKind::AmbiguousSplit {
                                candidates: candidates.len(),
                            },
                        });
                    }
                    match candidates.into_iter().next() {
                        Some(split) => cells_out.extend(split),
                        None if n == 1 && single_value(&ws.join(" ")) => {
                            cells_out.push(ws.join(" "));
                        }
                        None => {
                            cells_out.extend(splits_greedy(ws, usize::MAX).into_iter().flatten())
                        }
                    }
                }
            }
        }
        let found = cells_out.len();
        if found + 1 == values && found > 0 {
            if let Some(j) = note_column.filter(|j| {
                // The note is the missing cell when the row's first value
                // is an amount, not a note number.
                cells_out
                    .get(*j)
                    .is_some_and(|c| !is_note_list(c) && c.len() > 2)
            }) {
                cells_out.insert(j, String::new());
                diagnostics.push(layout_diagnostic(
                    Some(row_index),
                    Some(row.line),
                    row.label.clone(),
                    format!("The row has one value less than the columns; its note cell (\"{}\") was taken as the empty one.", headings.get(j + 1).map_or("", String::as_str)),
                    format!("Raden har ett värde mindre än kolumnerna; dess notcell (\"{}\") togs som den tomma.", headings.get(j + 1).map_or("", String::as_str)),
                ));
            }
        }
        let found = cells_out.len();
        if found > 0 && found != values {
            diagnostics.push(Diagnostic {
                row: Some(row_index),
                column: None,
                line: Some(row.line),
                seen: String::new(),
                kind: if found < values {
                    DiagnosticKind::ShortRow {
                        expected: values + 1,
                        found: found + 1,
                    }
                } else {
                    DiagnosticKind::LongRow {
                        expected: values + 1,
                        found: found + 1,
                    }
                },
            });
        }
        let mut out = vec![RawCell::plain(row.label.clone())];
        out.extend(cells_out.into_iter().map(RawCell::plain));
        raw_rows.push(RawRow {
            line: row.line,
            cells: out,
        });
    }
    let context = cells[..first_at]
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(RawTable {
        title,
        headings,
        rows: raw_rows,
        context,
        diagnostics,
        from_lines: true,
    })
}

/// Splits a unit glued to the end of a title ("Resultaträkningmnkr": a
/// title and the corner heading run together) into the two.
fn unglue_unit(text: &str) -> Option<(String, String)> {
    for unit in ["mnkr", "mkr", "tkr", "mdkr"] {
        let Some(at) = text.len().checked_sub(unit.len()) else {
            continue;
        };
        let glued = text.get(at..).filter(|t| t.eq_ignore_ascii_case(unit));
        if let (Some(unit), Some(head)) = (glued, text.get(..at)) {
            let before = head.chars().last();
            if head.chars().filter(|c| latin::is_letter(*c)).count() >= 4
                && before.is_some_and(latin::is_lower)
            {
                return Some((head.to_string(), unit.to_string()));
            }
        }
    }
    None
}

/// Splits one heading line into `n` headings that each end with a period
/// ("mnkr kommunen 2021-12-31 kommunen 2020-12-31"): the headings have the
/// same shape, so the first one has as many words as the others and the
/// words before it are the corner heading.
fn split_at_periods(text: &str, n: usize) -> Option<(String, Vec<String>)> {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let ends: Vec<usize> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| year_in(w).is_some())
        .map(|(i, _)| i)
        .collect();
    if ends.len() != n || n < 2 || ends.last() != Some(&(ws.len() - 1)) {
        return None;
    }
    let shape = ends[1] - ends[0];
    let start = (ends[0] + 1).checked_sub(shape)?;
    let mut headings = vec![ws[start..=ends[0]].join(" ")];
    for pair in ends.windows(2) {
        headings.push(ws[pair[0] + 1..=pair[1]].join(" "));
    }
    Some((ws[..start].join(" "), headings))
}

/// The title and headings (corner first) from the cells before the body.
fn stream_headings(
    cells: &[StreamCell],
    values: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<(String, usize)>, Vec<String>) {
    let mut texts: Vec<(String, usize)> = cells.iter().map(|c| (c.text.clone(), c.line)).collect();
    // A title glued to the corner's unit.
    if let Some((text, line)) = texts.first().cloned() {
        if let Some((title, unit)) = unglue_unit(&text) {
            diagnostics.push(layout_diagnostic(
                None,
                Some(line),
                text.clone(),
                format!("A title and a unit ran together; read as the title \"{title}\" and the heading \"{unit}\"."),
                format!("En rubrik och en enhet satt ihop; lästes som rubriken \"{title}\" och kolumnrubriken \"{unit}\"."),
            ));
            texts[0] = (title, line);
            texts.insert(1, (unit, line));
        }
    }
    // Footnotes between the caption and the heading are no heading.
    texts.retain(|(t, _)| !is_footnote_line(t));
    // One heading line for several columns.
    let non_empty: Vec<usize> = (0..texts.len())
        .filter(|i| !texts[*i].0.is_empty())
        .collect();
    // Headings run together on one line ("Utfall juniPrognos
    // juniDifferens juni..."): the line whose words split into one heading
    // per value column (and maybe the corner's), most of them naming a
    // figure, is the heading, whatever lines stand above it.
    if non_empty.len() < values + 1 {
        if let Some(&last) = non_empty.last() {
            let segments = segment_heading(&texts[last].0);
            let named = segments
                .iter()
                .filter(|h| role_of(h).is_some_and(Role::is_numeric))
                .count();
            if (segments.len() == values || segments.len() == values + 1) && named * 2 >= values {
                let mut headings = Vec::with_capacity(values + 1);
                if segments.len() == values {
                    headings.push(String::new());
                }
                headings.extend(segments);
                let title = non_empty
                    .first()
                    .filter(|i| **i != last)
                    .and_then(|i| texts.get(*i).cloned());
                return (title, headings);
            }
        }
    }
    if non_empty.len() < values + 1 {
        // The line of periods may have a section heading of the body under
        // it ("2019 2018 2017 2016 2015" over "RESULTATRÄKNING (MKR)"): the
        // last cell that splits into the columns' periods is the heading,
        // lines of text after it head no column.
        let periods = non_empty
            .iter()
            .rev()
            .take(3)
            .take_while(|i| {
                !texts[**i].0.contains(|c: char| c.is_ascii_digit())
                    || split_at_periods(&texts[**i].0, values).is_some()
            })
            .find(|i| split_at_periods(&texts[**i].0, values).is_some());
        if let Some(&last) = periods {
            if let Some((corner, split)) = split_at_periods(&texts[last].0, values) {
                let line = texts[last].1;
                let title = non_empty
                    .iter()
                    .rev()
                    .skip_while(|i| **i != last)
                    .nth(1)
                    .map(|i| texts[*i].clone());
                let mut headings = vec![clean_heading(&corner)];
                headings.extend(split.iter().map(|h| clean_heading(h)));
                diagnostics.push(layout_diagnostic(
                    None,
                    Some(line),
                    texts[last].0.clone(),
                    format!("One heading line for {values} columns; split after each period."),
                    format!("En rubrikrad för {values} kolumner; delad efter varje period."),
                ));
                return (title, headings);
            }
        }
    }
    let bottom_start = texts.len().saturating_sub(values);
    // Footnote marks go ("Ack. diff.1").
    let mut bottom: Vec<String> = texts[bottom_start..]
        .iter()
        .map(|(t, _)| clean_heading(&unglue_heading(t)))
        .collect();
    while bottom.len() < values {
        bottom.insert(0, String::new());
    }
    let corner_at = bottom_start.checked_sub(1);
    let corner = corner_at.map_or(String::new(), |i| clean_heading(&texts[i].0));
    let mut rest: Vec<(String, usize)> = texts[..corner_at.unwrap_or(0)]
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .cloned()
        .collect();
    // Stacked headings: a row of periods that starts again (the year rises:
    // "2021 2020 2021 2020") sits under as many group headings, the last
    // text cells above it ("Kommunen", "Koncernen").
    let years: Vec<Option<u16>> = bottom.iter().map(|h| year_in(h)).collect();
    let skip = years.iter().take_while(|y| y.is_none()).count();
    if skip < years.len() && years[skip..].iter().all(Option::is_some) {
        let mut starts = vec![skip];
        for i in skip + 1..years.len() {
            if years[i] > years[i - 1] {
                starts.push(i);
            }
        }
        let groups = starts.len();
        // A heading that names a figure ("Budget") stacked between the group
        // headings and the periods is no group: it heads the first period
        // of the first group, where it stands ("Kommunen" / "Budget" /
        // "2023 2023 2022": "Kommunen Budget 2023").
        let names_figure = |t: &str| role_of(t).is_some_and(Role::is_numeric);
        let stacked = rest
            .get(rest.len().saturating_sub(groups + 1)..)
            .unwrap_or(&[]);
        let figure_words = stacked.iter().filter(|(t, _)| names_figure(t)).count();
        let mut sub: Option<String> = None;
        if figure_words == 1
            && stacked.len() == groups + 1
            && rest.last().is_some_and(|(t, _)| names_figure(t))
        {
            sub = rest.pop().map(|(t, _)| t);
        }
        if groups >= 2 && rest.len() >= groups {
            let labels: Vec<(String, usize)> = rest.split_off(rest.len() - groups);
            if let (Some(sub), Some(h)) =
                (sub.take(), starts.first().and_then(|s| bottom.get_mut(*s)))
            {
                *h = clean_heading(&format!("{sub} {h}"));
            }
            for (g, start) in starts.iter().enumerate() {
                let end = starts.get(g + 1).copied().unwrap_or(bottom.len());
                for h in &mut bottom[*start..end] {
                    *h = clean_heading(&format!("{} {h}", labels[g].0));
                }
            }
            diagnostics.push(layout_diagnostic(
                None,
                labels.first().map(|l| l.1),
                labels.iter().map(|l| l.0.as_str()).collect::<Vec<_>>().join(" | "),
                format!("The periods in the heading start again {groups} times; each group was given the heading above it."),
                format!("Perioderna i rubriken börjar om {groups} gånger; varje grupp fick rubriken ovanför sig."),
            ));
        }
        if let Some(sub) = sub {
            rest.push((sub, 0));
        }
    }
    // Group headings over a row of headings that starts again ("2023" and
    // "2022" over "Intäkter | Kostnader | Netto | Budget | Avvikelse |
    // Intäkter | Kostnader | Netto | Budget"): the row splits where its first
    // heading recurs, each later group repeating the first group's headings
    // (it may lack the last ones), and each group takes the group heading
    // above it, in order: the last text cells above the row.
    if years.iter().all(Option::is_none) {
        let keys: Vec<String> = bottom.iter().map(|h| compact(h)).collect();
        let first_key = keys.first().cloned().unwrap_or_default();
        let starts: Vec<usize> = (0..keys.len())
            .filter(|i| !first_key.is_empty() && keys.get(*i) == Some(&first_key))
            .collect();
        let groups = starts.len();
        let repeats = starts.iter().enumerate().all(|(g, start)| {
            let end = starts.get(g + 1).copied().unwrap_or(keys.len());
            let first_end = starts.get(1).copied().unwrap_or(keys.len());
            let span = end.saturating_sub(*start);
            span <= first_end && keys.get(*start..end) == keys.get(..span)
        });
        let tops_fit = rest.len() >= groups
            && rest
                .get(rest.len().saturating_sub(groups)..)
                .is_some_and(|tops| {
                    tops.iter().all(|(t, _)| {
                        unit_of(t).is_none()
                            && t.split_whitespace().count() <= 3
                            && !role_of(t).is_some_and(Role::is_numeric)
                    })
                });
        if groups >= 2 && starts.first() == Some(&0) && repeats && tops_fit {
            let labels: Vec<(String, usize)> = rest.split_off(rest.len() - groups);
            for (g, start) in starts.iter().enumerate() {
                let end = starts.get(g + 1).copied().unwrap_or(bottom.len());
                let top = labels.get(g).map_or("", |l| l.0.as_str());
                for h in bottom.get_mut(*start..end).unwrap_or(&mut []) {
                    *h = clean_heading(&format!("{top} {h}"));
                }
            }
        }
    }
    // Dated group headings stacked over a row of undated ones ("Bokslut" /
    // "2017" / "Budget" / "2018" / "Budget" / "2019" over "Nettokostnad |
    // Nettokostnad | Intäkter | Kostnader | Nettokostnad"): the groups are
    // the last cells above the row, a year joined to the word above it,
    // and they share the row as [`share_among_groups`] finds.
    if years.iter().all(Option::is_none) && bottom.iter().all(|h| !h.is_empty()) {
        let mut tops: Vec<String> = Vec::new();
        let mut taken = 0;
        while let Some((t, _)) = rest.len().checked_sub(taken + 1).and_then(|i| rest.get(i)) {
            let word_above = rest
                .len()
                .checked_sub(taken + 2)
                .and_then(|i| rest.get(i))
                .filter(|(w, _)| year_in(w).is_none());
            match (is_year(t), word_above) {
                (true, Some((w, _))) => {
                    tops.insert(0, format!("{w} {t}"));
                    taken += 2;
                }
                (false, _) if year_in(t).is_some() => {
                    tops.insert(0, t.clone());
                    taken += 1;
                }
                _ => break,
            }
        }
        let lens = (tops.len() < bottom.len())
            .then(|| share_among_groups(&bottom, tops.len()))
            .flatten();
        if let Some(lens) = lens {
            rest.truncate(rest.len() - taken);
            let mut at = 0;
            for (top, len) in tops.iter().zip(lens) {
                for h in bottom.get_mut(at..at + len).unwrap_or(&mut []) {
                    *h = clean_heading(&format!("{top} {h}"));
                }
                at += len;
            }
        }
    }
    // A note heading stacked above an empty first heading ("Not" over the
    // empty cell beside the years, or over the notes of the heading itself,
    // "1, 2") heads that column.
    if bottom
        .first()
        .is_some_and(|h| h.is_empty() || is_note_list(h))
        && rest.last().is_some_and(|(t, _)| is_note_heading(t))
    {
        if let (Some((note, _)), Some(first)) = (rest.pop(), bottom.first_mut()) {
            *first = note;
        }
    }
    // An empty corner cell under a title and a unit line ("Not 5" /
    // "mnkr" / group headings): the unit heads the labels.
    let mut corner = corner;
    if corner.is_empty()
        && rest.len() >= 2
        && rest.last().is_some_and(|(t, _)| unit_of(t).is_some())
    {
        if let Some((unit, _)) = rest.pop() {
            corner = clean_heading(&unit);
        }
    }
    // A lone line above headings one per line is a caption (the copy drops
    // the table's empty corner cell): the title, not the corner heading.
    let (title, corner) = match (rest.first().cloned(), corner_at) {
        (None, Some(0)) if !corner.is_empty() => (texts.first().cloned(), String::new()),
        (title, _) => (title, corner),
    };
    let mut headings = vec![corner];
    headings.extend(bottom);
    (title, headings)
}

// ---------------------------------------------------------------------------
// Cells run together: a web table copied with no separator at all, so that
// each row is a label glued to its figures ("Servicenämnd673235") under a
// heading glued the same way ("BokslutBudgetAvvikelse"). The digits alone
// can be cut many ways; the table's own arithmetic decides: a stated
// deviation is the difference of two other columns.
// ---------------------------------------------------------------------------

/// At most this many cuts of one row's digits are considered.
const MAX_GLUED_CUTS: usize = 4096;
/// At most this many steps are taken to cut one row's figures.
const MAX_CUT_STEPS: usize = 5_000;
/// Run-together tables longer than this are not cut by their sums.
const MAX_SUM_ROWS: usize = 1_000;

/// The label and the figures glued to its end ("Teknisk nämnd-12-3321" is
/// "Teknisk nämnd" and "-12-3321"): a tail of signs and digits that starts
/// right after a non-space character (or after a space with `spaced`).
fn glued_tail(text: &str, spaced: bool) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || is_sign(*c))
        .last()
        .map(|(i, _)| i)?;
    let mut tail = &text[start..];
    // Signs before the first digit: one belongs to the first figure; any
    // before it are the label's ("rea-/expl." keeps its own dash).
    while tail.chars().next().is_some_and(is_sign) && tail.chars().nth(1).is_some_and(is_sign) {
        let first = tail.chars().next().map_or(1, char::len_utf8);
        tail = &tail[first..];
    }
    let label = &text[..text.len() - tail.len()];
    let before = label.chars().last()?;
    if (before.is_whitespace() && !spaced) || !tail.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((label, tail))
}

/// Every way to cut a run of signs and digits into `n` whole numbers (no
/// leading zeros, at most 12 digits each), up to [`MAX_GLUED_CUTS`].
fn glued_cuts(tail: &str, n: usize) -> Vec<Vec<i64>> {
    fn go(rest: &[char], n: usize, current: &mut Vec<i64>, out: &mut Vec<Vec<i64>>) {
        if out.len() >= MAX_GLUED_CUTS {
            return;
        }
        if rest.is_empty() {
            if current.len() == n {
                out.push(current.clone());
            }
            return;
        }
        if current.len() >= n {
            return;
        }
        let (negative, digits) = match rest.first() {
            Some(c) if is_sign(*c) => (*c != '+' && *c != '±', &rest[1..]),
            _ => (false, rest),
        };
        let sign_len = rest.len() - digits.len();
        let run = digits.iter().take_while(|c| c.is_ascii_digit()).count();
        for len in 1..=run.min(12) {
            if len > 1 && digits.first() == Some(&'0') {
                break;
            }
            let value: i64 = digits[..len]
                .iter()
                .fold(0i64, |acc, c| acc * 10 + i64::from(*c as u8 - b'0'));
            current.push(if negative { -value } else { value });
            go(&rest[sign_len + len..], n, current, out);
            current.pop();
        }
    }
    let chars: Vec<char> = tail.chars().collect();
    let mut out = Vec::new();
    go(&chars, n, &mut Vec::new(), &mut out);
    out
}

/// Splits run-together heading cells: at a lowercase letter followed by a
/// capital ("BokslutBudget"), and after a year followed by a letter
/// ("Intäkter 2022Intäkter 2023"); four-digit years glued to each other
/// ("201620152014") are separate headings.
fn split_glued_heading(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut digits = 0usize;
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let cut = match prev {
            Some(p) if latin::is_lower(p) && latin::is_letter(*c) && !latin::is_lower(*c) => true,
            Some(p) if p.is_ascii_digit() && latin::is_letter(*c) && digits >= 4 => true,
            Some(p) if latin::is_letter(p) && c.is_ascii_digit() && digits == 0 => {
                // A year glued after a word ("Not2016") starts a new heading
                // only when more years follow it.
                chars[i..].iter().take_while(|d| d.is_ascii_digit()).count() >= 8
            }
            Some(p) if p.is_ascii_digit() && c.is_ascii_digit() && digits == 4 => true,
            _ => false,
        };
        if cut && !current.trim().is_empty() {
            out.push(current.trim().to_string());
            current.clear();
            digits = 0;
        }
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        current.push(*c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// A table whose rows run together (see above): `None` when most lines are
/// not a label glued to digits.
fn run_together(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let first = body
        .iter()
        .position(|l| glued_tail(&l.text, false).is_some())?;
    let rows = &body[first..];
    let glued = rows
        .iter()
        .filter(|l| glued_tail(&l.text, false).is_some())
        .count();
    if glued < 2 || glued * 4 < rows.len() * 3 {
        return None;
    }
    let heading_line = first.checked_sub(1).and_then(|i| body.get(i))?;
    let segments = split_glued_heading(&heading_line.text);
    if segments.len() < 2 {
        return None;
    }
    // Which columns the deviation is the difference of, and how many value
    // columns there are: the reading under which most rows hold.
    let mut best: Option<(usize, usize, [usize; 3])> = None; // (rows, n, relation)
    for n in [segments.len(), segments.len() - 1] {
        if n < 3 {
            continue;
        }
        let cuts: Vec<Vec<Vec<i64>>> = rows
            .iter()
            .map(|l| glued_tail(&l.text, true).map_or(Vec::new(), |(_, t)| glued_cuts(t, n)))
            .collect();
        for r in (0..n).rev() {
            for p in 0..n {
                for q in 0..n {
                    if p == q || p == r || q == r {
                        continue;
                    }
                    let holds = cuts
                        .iter()
                        .filter(|c| c.iter().any(|v| v[p].checked_sub(v[q]) == Some(v[r])))
                        .count();
                    if best.is_none_or(|(b, _, _)| holds > b) {
                        best = Some((holds, n, [p, q, r]));
                    }
                }
            }
        }
    }
    let (holds, n, [p, q, r]) = best?;
    if holds * 2 < glued {
        return None;
    }
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let corner = if segments.len() > n {
        segments[0].clone()
    } else {
        String::new()
    };
    raw.headings = std::iter::once(corner)
        .chain(segments[segments.len() - n..].iter().cloned())
        .map(|h| clean_heading(&h))
        .collect();
    raw.title = body[..first - 1]
        .last()
        .map(|l| (l.text.trim().to_string(), l.line));
    raw.context = heading_line.text.clone();
    let name = |i: usize| raw.headings.get(i + 1).cloned().unwrap_or_default();
    raw.diagnostics.push(layout_diagnostic(
        None,
        Some(heading_line.line),
        heading_line.text.clone(),
        format!(
            "Cells run together with no separator; the heading was split into {n} columns and each row's digits where \"{}\" = \"{}\" − \"{}\".",
            name(r), name(p), name(q)
        ),
        format!(
            "Cellerna sitter ihop utan avgränsare; rubriken delades i {n} kolumner och varje rads siffror där \"{}\" = \"{}\" − \"{}\".",
            name(r), name(p), name(q)
        ),
    ));
    for l in rows {
        let row_index = raw.rows.len();
        let Some((label, tail)) = glued_tail(&l.text, true) else {
            raw.rows.push(RawRow {
                line: l.line,
                cells: vec![RawCell::plain(l.text.trim().to_string())],
            });
            continue;
        };
        let fitting: Vec<Vec<i64>> = glued_cuts(tail, n)
            .into_iter()
            .filter(|v| v[p].checked_sub(v[q]) == Some(v[r]))
            .collect();
        match fitting.as_slice() {
            [one] => {
                let mut cells = vec![RawCell::plain(label.trim().to_string())];
                cells.extend(one.iter().map(|v| RawCell::plain(v.to_string())));
                raw.rows.push(RawRow {
                    line: l.line,
                    cells,
                });
            }
            _ => {
                // None or several cuts keep the deviation: never a silent guess.
                raw.diagnostics.push(Diagnostic {
                    row: Some(row_index),
                    column: None,
                    line: Some(l.line),
                    seen: l.text.clone(),
                    kind: if fitting.is_empty() {
                        DiagnosticKind::UnsplittableLine
                    } else {
                        DiagnosticKind::AmbiguousSplit {
                            candidates: fitting.len(),
                        }
                    },
                });
                raw.rows.push(RawRow {
                    line: l.line,
                    cells: vec![RawCell::plain(l.text.trim().to_string())],
                });
            }
        }
    }
    Some(raw)
}

// ---------------------------------------------------------------------------
// Run-together rows held by sums: no separator between a label and its
// figures or between the figures, and no deviation column to split by. A
// space survives only inside a number (a thousands space, so three digits
// follow it) and every figure has the table's number of decimals; a line of
// figures alone continues the row above after a whole cell. Each row's
// digits are cut into the heading's number of columns every way these rules
// allow; the table's arithmetic then picks one cut per row: a column that is
// the sum of the others on most rows, or a total row that the rows above or
// below add up to, column by column, within the rounding of its rows.
// ---------------------------------------------------------------------------

/// A figure of a cut row: its text (sign, digits, decimals) and its value in
/// units of the last decimal.
type Figure = (String, i64);

/// One cut per row, or none for a row no sum decides.
type Picks = Vec<Option<Vec<Figure>>>;

/// The note each cut of a row starts with, if any.
type RowNotes = Vec<Option<String>>;

/// A label with figures glued to its end, the figures allowed to carry
/// thousands spaces and decimal commas: (label, figures).
fn glued_figures(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = chars.len();
    while let Some(i) = start.checked_sub(1) {
        let c = chars.get(i).map_or(' ', |p| p.1);
        let digit_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|p| p.1.is_ascii_digit())
        };
        let ok = c.is_ascii_digit()
            || is_sign(c)
            || c == ','
            || (c == ' ' && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)));
        if !ok {
            break;
        }
        start = i;
    }
    // The figures start with a digit or one sign; signs and commas before
    // are the label's.
    while let Some((_, c)) = chars.get(start) {
        let next_digit = chars.get(start + 1).is_some_and(|p| p.1.is_ascii_digit());
        if c.is_ascii_digit() || (is_sign(*c) && next_digit) {
            break;
        }
        start += 1;
    }
    let at = chars.get(start).map_or(text.len(), |p| p.0);
    let (label, tail) = text.split_at(at);
    if tail.is_empty() || label.ends_with(char::is_whitespace) {
        return None;
    }
    Some((label, tail))
}

/// Every cut of a row's pieces of figures into `n` figures with `decimals`
/// decimals each; `grouped`: numbers of four digits or more carry thousands
/// spaces. `None` when there are more than [`MAX_GLUED_CUTS`].
fn figure_cuts(
    pieces: &[&str],
    n: usize,
    decimals: usize,
    grouped: bool,
) -> Option<Vec<Vec<Figure>>> {
    fn go(
        rest: &[char],
        n: usize,
        (decimals, grouped): (usize, bool),
        current: &mut Vec<Figure>,
        (out, steps): (&mut Vec<Vec<Figure>>, &mut usize),
    ) -> bool {
        *steps += 1;
        if *steps > MAX_CUT_STEPS {
            return false;
        }
        let rest = rest.strip_prefix(&['|']).unwrap_or(rest);
        let left = rest.iter().filter(|c| c.is_ascii_digit()).count();
        if left > 14 * n.saturating_sub(current.len()) {
            return true;
        }
        if rest.is_empty() {
            if current.len() == n {
                if out.len() >= MAX_GLUED_CUTS {
                    return false;
                }
                out.push(current.clone());
            }
            return true;
        }
        if current.len() >= n {
            return true;
        }
        // A dash with no digits after it is an empty cell ("5626245-":
        // the last year has no figure).
        if rest.first().is_some_and(|c| is_minus_char(*c))
            && !rest.get(1).is_some_and(char::is_ascii_digit)
        {
            current.push((String::new(), 0));
            let more = go(
                rest.get(1..).unwrap_or(&[]),
                n,
                (decimals, grouped),
                current,
                (out, steps),
            );
            current.pop();
            return more;
        }
        let (negative, body) = match rest.first() {
            Some(c) if is_sign(*c) => (*c != '+' && *c != '±', rest.get(1..).unwrap_or(&[])),
            _ => (false, rest),
        };
        // The integer part ends at `end`: digits, a space only before three digits.
        let mut digits = 0usize;
        let mut group = 0usize;
        let mut spaced = false;
        for (end, c) in body.iter().enumerate() {
            match c {
                d if d.is_ascii_digit() => {
                    digits += 1;
                    group += 1;
                }
                ' ' if group <= 3 && (spaced || group >= 1) => {
                    spaced = true;
                    group = 0;
                    continue;
                }
                _ => break,
            }
            if digits > 12 || (group > 3 && (spaced || grouped)) {
                break;
            }
            if (spaced && group != 3) || (digits > 1 && body.first() == Some(&'0')) {
                continue;
            }
            let after = body.get(end + 1..).unwrap_or(&[]);
            if after.first() == Some(&' ') {
                continue;
            }
            let (fraction, next) = if decimals == 0 {
                if after.first() == Some(&',') {
                    continue;
                }
                (&[][..], after)
            } else {
                let frac = after.get(1..=decimals).unwrap_or(&[]);
                if after.first() != Some(&',')
                    || frac.len() != decimals
                    || !frac.iter().all(char::is_ascii_digit)
                {
                    continue;
                }
                (frac, after.get(decimals + 1..).unwrap_or(&[]))
            };
            let int: String = body
                .get(..=end)
                .unwrap_or(&[])
                .iter()
                .filter(|c| c.is_ascii_digit())
                .collect();
            let all: String = int.chars().chain(fraction.iter().copied()).collect();
            let Ok(value) = all.parse::<i64>() else {
                continue;
            };
            let mut text = String::from(if negative { "-" } else { "" });
            text.push_str(&int);
            if decimals > 0 {
                text.push(',');
                text.extend(fraction.iter());
            }
            current.push((text, if negative { -value } else { value }));
            let more = go(next, n, (decimals, grouped), current, (out, steps));
            current.pop();
            if !more {
                return false;
            }
        }
        true
    }
    let chars: Vec<char> = pieces.join("|").chars().collect();
    let mut out = Vec::new();
    let mut steps = 0;
    go(
        &chars,
        n,
        (decimals, grouped),
        &mut Vec::new(),
        (&mut out, &mut steps),
    )
    .then_some(out)
}

/// How uneven a cut's figures are: the widest less the narrowest (empty
/// cells do not count).
fn figure_unevenness(cut: &[Figure]) -> usize {
    let widths = cut
        .iter()
        .map(|(t, _)| t.chars().filter(char::is_ascii_digit).count())
        .filter(|w| *w > 0);
    widths.clone().max().unwrap_or(0) - widths.min().unwrap_or(0)
}

/// A column that is the sum of the others in `cut`.
fn sums_others(cut: &[Figure], column: usize) -> bool {
    let mut sum = 0i64;
    for (i, (_, v)) in cut.iter().enumerate() {
        if i != column {
            match sum.checked_add(*v) {
                Some(s) => sum = s,
                None => return false,
            }
        }
    }
    cut.get(column).is_some_and(|(_, v)| *v == sum)
}

/// Picks one cut per row so that the total row's figures are the sums of the
/// other rows' within `tolerance` each; `None` when no pick (or more than one
/// best pick) does.
fn pick_by_total(cuts: &[Vec<Vec<Figure>>], total: usize, n: usize) -> Option<Vec<usize>> {
    let items = cuts.len().saturating_sub(1) as i64;
    let tolerance = (items + 1) / 2;
    let misfit = |pick: &[usize]| -> Option<i64> {
        let mut worst = 0i64;
        let mut off = 0i64;
        for col in 0..n {
            let mut sum = 0i64;
            let mut stated = 0i64;
            for (row, p) in pick.iter().enumerate() {
                let v = cuts.get(row)?.get(*p)?.get(col)?.1;
                if row == total {
                    stated = v;
                } else {
                    sum = sum.checked_add(v)?;
                }
            }
            let d = stated.checked_sub(sum)?.checked_abs()?;
            worst = worst.max(d);
            off = off.checked_add(d)?;
        }
        (worst <= tolerance).then_some(off)
    };
    // The plausible cuts of a row: the most even ones, most even first (a
    // row with a note has many cuts off by one digit).
    let plausible: Vec<Vec<usize>> = cuts
        .iter()
        .map(|c| {
            let least = c.iter().map(|v| figure_unevenness(v)).min().unwrap_or(0);
            let mut even: Vec<(usize, usize)> = (0..c.len())
                .filter_map(|i| c.get(i).map(|v| (figure_unevenness(v), i)))
                .filter(|(u, _)| *u <= least + 1)
                .collect();
            crate::order::sort_by(&mut even, |a, b| a.0.cmp(&b.0));
            even.into_iter().map(|(_, i)| i).take(6).collect()
        })
        .collect();
    let combos = plausible
        .iter()
        .try_fold(1usize, |acc, p| acc.checked_mul(p.len()))
        .filter(|c| *c > 0 && *c <= MAX_COMBINATIONS)
        .filter(|c| c.saturating_mul(cuts.len()).saturating_mul(n) <= MAX_CUT_STEPS * 40)?;
    let mut best: Option<(i64, Vec<usize>)> = None;
    let mut tied = false;
    for combo in 0..combos {
        let mut rest = combo;
        let pick: Vec<usize> = plausible
            .iter()
            .map(|p| {
                let len = p.len().max(1);
                let i = p.get(rest % len).copied().unwrap_or(0);
                rest /= len;
                i
            })
            .collect();
        if let Some(off) = misfit(&pick) {
            match &best {
                Some((b, _)) if off > *b => {}
                Some((b, _)) if off == *b => tied = true,
                _ => {
                    best = Some((off, pick));
                    tied = false;
                }
            }
        }
    }
    best.filter(|_| !tied).map(|(_, p)| p)
}

/// The heading cells on the lines `from..=to` of the paste: a blank line
/// or a capitalised line starts the next cell, a line starting in lower
/// case continues the cell above (a heading wrapped in its cell).
fn wrapped_heading_cells(grid: &Grid<'_>, from: usize, to: usize) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    let mut open = false;
    for row in grid.rows.iter().filter(|r| r.line >= from && r.line <= to) {
        let text = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            open = false;
            continue;
        }
        // A year right under a heading word is that heading's
        // ("Budgetavvikelse" / "2016").
        let year_under = is_year_line(&text)
            && cells
                .last()
                .is_some_and(|c| !has_year_word(c) && !is_note_heading(c));
        let continues = open && (text.chars().next().is_some_and(latin::is_lower) || year_under);
        match cells.last_mut() {
            Some(cell) if continues => {
                cell.push(' ');
                cell.push_str(&text);
            }
            _ => cells.push(text),
        }
        open = true;
    }
    cells
}

/// The first number of a note reference ("2, 3" → 2).
fn note_value(note: &str) -> Option<u32> {
    note.split(',').next()?.trim().parse().ok()
}

/// Notes are numbered down the statement: a row no sum decides keeps the
/// one cut whose note (or lack of one) fits between the notes of the
/// decided rows above and below it ("Skattenetto900790" is 900 | 790, not
/// note 90 and 0 | 790, between notes 6 and 7). Only once the sums have
/// decided some rows.
fn order_notes(chosen: &mut [Option<usize>], notes: &[RowNotes]) {
    if chosen.iter().all(Option::is_none) {
        return;
    }
    let decided = |i: usize| -> Option<u32> {
        let k = (*chosen.get(i)?)?;
        note_value(notes.get(i)?.get(k)?.as_deref()?)
    };
    let mut fits: Vec<Option<usize>> = vec![None; chosen.len()];
    for (i, slot) in fits.iter_mut().enumerate() {
        if chosen.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let Some(row_notes) = notes.get(i).filter(|n| n.len() >= 2) else {
            continue;
        };
        let above = (0..i).rev().find_map(decided).unwrap_or(0);
        let below = (i + 1..chosen.len()).find_map(decided).unwrap_or(u32::MAX);
        let mut fitting = row_notes.iter().enumerate().filter(|(_, note)| match note {
            None => true,
            Some(text) => note_value(text).is_some_and(|v| v > above && v < below),
        });
        if let (Some((k, _)), None) = (fitting.next(), fitting.next()) {
            *slot = Some(k);
        }
    }
    for (slot, fit) in chosen.iter_mut().zip(fits) {
        if fit.is_some() {
            *slot = fit;
        }
    }
}

/// Note lists glued before a row's figures keep their commas next to the
/// digits ("kostnader2, 3-11 200" as "kostnader2,3-11 200"), and a note
/// set apart from the label by one space is glued to it ("poster
/// 5-1163191" as "poster5-1163191"), so that the figures are read as one
/// run.
fn join_note_lists(text: &str) -> String {
    let text = text.trim_end();
    let glued_after_space = text.rfind(' ').filter(|at| {
        let (label, rest) = text.split_at(*at);
        let rest = rest.trim_start();
        label.chars().last().is_some_and(latin::is_letter)
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || is_sign(c) || c == ',')
    });
    let text: Cow<'_, str> = match glued_after_space {
        Some(at) => {
            let (label, rest) = text.split_at(at);
            Cow::Owned([label, rest.trim_start()].concat())
        }
        None => Cow::Borrowed(text),
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == ' '
            && prev == Some(',')
            && chars.peek().is_some_and(char::is_ascii_digit)
            && out.chars().rev().nth(1).is_some_and(|d| d.is_ascii_digit())
        {
            prev = Some(c);
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The ways a run of figures may start with a note reference: one or two
/// digits (or a list of them, "2,3"), not 0, with a digit or a sign right
/// after; (the note as printed, "2, 3", and the rest of the run).
fn note_prefixes(run: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (end, _) in run.char_indices().skip(1).take(8) {
        let (head, rest) = run.split_at(end);
        let starts_figure = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || is_sign(c));
        let is_note = head.split(',').all(|part| {
            (1..=2).contains(&part.len())
                && part.bytes().all(|b| b.is_ascii_digit())
                && !part.starts_with('0')
        });
        if starts_figure && is_note {
            out.push((head.split(',').collect::<Vec<_>>().join(", "), rest));
        }
    }
    out
}

/// A table of run-together rows held by its sums (see above): `None` when
/// most lines are not labels glued to figures or no sum holds.
fn sum_together(lines: &[Line], grid: &Grid<'_>) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    fn glued(l: &Line) -> Option<(&str, &str)> {
        glued_figures(&l.text).filter(|(label, _)| label.chars().any(latin::is_letter))
    }
    // A heading of years glued to each other and to the note heading
    // ("Not201620152014") is no row.
    let years_only = |l: &Line| {
        glued_figures(&l.text).is_some_and(|(label, tail)| {
            (label.trim().is_empty() || is_note_heading(label)) && glued_years(tail).is_some()
        })
    };
    let first = body
        .iter()
        .position(|l| glued(l).is_some() && !years_only(l))?;
    let heading_line = first.checked_sub(1).and_then(|i| body.get(i))?;
    let mut segments = split_glued_heading(&heading_line.text);
    // Headings wrapped in their cells, one cell after another under the
    // title ("Ingående" / "redovisat" / "resultat 1)" / "Disposition av" /
    // "resultat" / "" / "Kommunbidrag 2)"): the lines between the title and
    // the first row, a capitalised line starting the next heading.
    let mut title_at = first.checked_sub(2);
    if segments.len() < 2 && first >= 3 {
        let from = body.get(1).map_or(0, |l| l.line);
        let to = body.get(first).map_or(0, |l| l.line.saturating_sub(1));
        let cells = wrapped_heading_cells(grid, from, to);
        if cells.len() >= 2 && body.first().is_some_and(|l| l.blank_after) {
            segments = cells;
            title_at = Some(0);
        }
    }
    // A note column ("Not201620152014"): each row may start its figures
    // with a note reference ("Verksamhetens intäkter16 0435 3905 327" is
    // note 1, then 6 043 | 5 390 | 5 327; "kostnader2, 3-11 200" is notes
    // 2 and 3, then -11 200), which the sums leave out.
    let note_at = segments.iter().take(2).position(|h| is_note_heading(h));
    // Rows: (line, label, pieces of figures); a line of figures alone continues the row above.
    let mut rows: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut figured = 0usize;
    for l in body.get(first..).unwrap_or(&[]) {
        let joined;
        let l = if note_at.is_some() {
            joined = Line {
                text: join_note_lists(&l.text),
                ..(*l).clone()
            };
            &joined
        } else {
            l
        };
        match (glued(l), glued_figures(&l.text)) {
            (Some((label, tail)), _) => {
                figured += 1;
                rows.push((l.line, label.trim().to_string(), vec![tail.to_string()]));
            }
            (None, Some(("", tail))) if rows.last().is_some_and(|r| !r.2.is_empty()) => {
                figured += 1;
                if let Some(r) = rows.last_mut() {
                    r.2.push(tail.to_string());
                }
            }
            _ => rows.push((l.line, l.text.trim().to_string(), Vec::new())),
        }
    }
    let lines_after = body.len() - first;
    if lines_after > MAX_SUM_ROWS {
        return None;
    }
    if segments.len() < 2 || figured < 3 || figured * 4 < lines_after * 3 {
        return None;
    }
    let grouped = rows.iter().flat_map(|r| &r.2).any(|t| t.contains(' '));
    // A comma may be a decimal comma, or one of a note list's ("2,3").
    let decimal_options: &[usize] = if rows.iter().flat_map(|r| &r.2).any(|t| t.contains(',')) {
        if note_at.is_some() {
            &[0, 1, 2]
        } else {
            &[1, 2]
        }
    } else {
        &[0]
    };
    // (rows placed, n, picks)
    let mut best: Option<(usize, usize, Picks)> = None;
    let widths = match note_at {
        Some(at) => [segments.len().saturating_sub(at + 1), 0],
        None => [segments.len(), segments.len() - 1],
    };
    for n in widths {
        if n < 2 {
            continue;
        }
        for decimals in decimal_options {
            // Every cut of every row, each with the note it starts with.
            let (notes, cuts): (Vec<RowNotes>, Vec<Vec<Vec<Figure>>>) = rows
                .iter()
                .map(|(_, _, pieces)| {
                    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                    let mut notes: Vec<Option<String>> = Vec::new();
                    let mut cuts: Vec<Vec<Figure>> = Vec::new();
                    let Some((head, tail)) = pieces.split_first() else {
                        return (notes, cuts);
                    };
                    for cut in figure_cuts(&pieces, n, *decimals, grouped).unwrap_or_default() {
                        notes.push(None);
                        cuts.push(cut);
                    }
                    if note_at.is_some() {
                        for (note, rest) in note_prefixes(head) {
                            let mut rest_pieces = vec![rest];
                            rest_pieces.extend(tail.iter().copied());
                            for cut in
                                figure_cuts(&rest_pieces, n, *decimals, grouped).unwrap_or_default()
                            {
                                notes.push(Some(note.clone()));
                                cuts.push(cut);
                            }
                        }
                    }
                    (notes, cuts)
                })
                .unzip();
            let mut chosen = pick_cuts(&rows, &cuts, n);
            if note_at.is_some() {
                order_notes(&mut chosen, &notes);
            }
            let picks: Picks = chosen
                .into_iter()
                .zip(cuts.into_iter().zip(notes))
                .map(|(pick, (cuts, notes))| {
                    let k = pick?;
                    let figures = cuts.into_iter().nth(k)?;
                    if note_at.is_none() {
                        return Some(figures);
                    }
                    let note = notes.into_iter().nth(k).flatten().unwrap_or_default();
                    Some(std::iter::once((note, 0)).chain(figures).collect())
                })
                .collect();
            let placed = picks.iter().filter(|p| p.is_some()).count();
            let columns = n + usize::from(note_at.is_some());
            if placed > 0 && best.as_ref().is_none_or(|b| placed > b.0) {
                best = Some((placed, columns, picks));
            }
        }
    }
    let (placed, n, picks) = best?;
    // Half the rows with figures at least (a row may take several lines).
    let figured_rows = rows.iter().filter(|r| !r.2.is_empty()).count();
    if placed * 2 < figured_rows {
        return None;
    }
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let corner = if segments.len() > n {
        segments.first().cloned().unwrap_or_default()
    } else {
        String::new()
    };
    raw.headings = std::iter::once(corner)
        .chain(
            segments
                .get(segments.len() - n..)
                .unwrap_or(&[])
                .iter()
                .cloned(),
        )
        .map(|h| clean_heading(&h))
        .collect();
    raw.title = title_at
        .and_then(|i| body.get(i))
        .map(|l| (l.text.trim().to_string(), l.line));
    raw.context = heading_line.text.clone();
    raw.diagnostics.push(layout_diagnostic(
        None,
        Some(heading_line.line),
        heading_line.text.clone(),
        format!("Cells run together with no separator; the heading was split into {n} columns and each row's digits where the table's sums hold."),
        format!("Cellerna sitter ihop utan avgränsare; rubriken delades i {n} kolumner och varje rads siffror där tabellens summor stämmer."),
    ));
    for ((line, label, pieces), pick) in rows.into_iter().zip(picks) {
        let row = raw.rows.len();
        let cells = match pick {
            Some(figures) => std::iter::once(label)
                .chain(figures.into_iter().map(|f| f.0))
                .map(RawCell::plain)
                .collect(),
            None if pieces.is_empty() => vec![RawCell::plain(label)],
            None => {
                let seen = std::iter::once(label)
                    .chain(pieces)
                    .collect::<Vec<_>>()
                    .join(" ");
                raw.diagnostics.push(Diagnostic {
                    row: Some(row),
                    column: None,
                    line: Some(line),
                    seen: seen.clone(),
                    kind: DiagnosticKind::UnsplittableLine,
                });
                vec![RawCell::plain(seen)]
            }
        };
        raw.rows.push(RawRow { line, cells });
    }
    Some(raw)
}

/// A time series run together: a web report's multi-year table copied with
/// no separator at all. A corner heading glued to its years
/// ("Belopp20192018201720162015"), then per measure a label with its
/// figures glued to it or on the lines below ("Soliditet %17,215,714,9..."
/// or "Nettoomsättning" / "586 551572 644529 ..."); a label with no figures
/// before the next label is a section heading. Nothing sums in such a
/// table, so each row's figures are cut into one per year (thousands
/// spaces and decimals kept, see [`figure_cuts`]) by evenness alone: the
/// most even cut when it is the only one, else the row stays text with a
/// diagnostic. `None` when the heading is not a corner and years, or when
/// most rows do not cut one way.
fn series_together(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let (at, corner, years) = body.iter().enumerate().take(3).find_map(|(i, l)| {
        let (label, tail) = glued_figures(&l.text)?;
        let years = glued_years(tail)?;
        Some((i, label.trim().to_string(), years))
    })?;
    let n = years.len();
    // (line, label, pieces of figures); a line of figures alone goes on
    // with the row above.
    let mut rows: Vec<(usize, String, Vec<String>)> = Vec::new();
    for l in body.get(at + 1..).unwrap_or(&[]) {
        match glued_figures(&l.text) {
            Some(("", tail)) => rows.last_mut()?.2.push(tail.to_string()),
            Some((label, tail)) => {
                rows.push((l.line, label.trim().to_string(), vec![tail.to_string()]));
            }
            None => rows.push((l.line, l.text.trim().to_string(), Vec::new())),
        }
    }
    if rows.len() > MAX_SUM_ROWS {
        return None;
    }
    let grouped = rows.iter().flat_map(|r| &r.2).any(|t| t.contains(' '));
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let (mut figured, mut cut) = (0usize, 0usize);
    for (line, label, pieces) in rows {
        let row = raw.rows.len();
        if pieces.is_empty() {
            raw.rows.push(RawRow {
                line,
                cells: vec![RawCell::plain(label)],
            });
            continue;
        }
        figured += 1;
        let parts: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let cuts: Vec<Vec<Figure>> = (0..=2)
            .flat_map(|decimals| figure_cuts(&parts, n, decimals, grouped).unwrap_or_default())
            .collect();
        let least = cuts.iter().map(|c| figure_unevenness(c)).min();
        let mut even = cuts.iter().filter(|c| Some(figure_unevenness(c)) == least);
        match (even.next(), even.next()) {
            (Some(one), None) => {
                cut += 1;
                let cells = std::iter::once(label)
                    .chain(one.iter().map(|f| f.0.clone()))
                    .map(RawCell::plain)
                    .collect();
                raw.rows.push(RawRow { line, cells });
            }
            (first, _) => {
                let seen = std::iter::once(label)
                    .chain(pieces)
                    .collect::<Vec<_>>()
                    .join(" ");
                raw.diagnostics.push(Diagnostic {
                    row: Some(row),
                    column: None,
                    line: Some(line),
                    seen: seen.clone(),
                    kind: match first {
                        None => DiagnosticKind::UnsplittableLine,
                        Some(_) => DiagnosticKind::AmbiguousSplit {
                            candidates: cuts.len(),
                        },
                    },
                });
                raw.rows.push(RawRow {
                    line,
                    cells: vec![RawCell::plain(seen)],
                });
            }
        }
    }
    if cut < 2 || cut * 2 < figured {
        return None;
    }
    let heading_line = body.get(at)?;
    raw.headings = std::iter::once(corner).chain(years).collect();
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
            format!("Cells run together with no separator; the heading was read as {n} years and each row's figures cut into one per year, the most even way."),
            format!("Cellerna sitter ihop utan avgränsare; rubriken lästes som {n} år och varje rads siffror delades i en per år, så jämnt som möjligt."),
        ),
    );
    Some(raw)
}

/// A list of labels and figures on one line: a text layer that lost the
/// table's line breaks ("Skatteintäkter 12 Utjämning och generella
/// statsbidrag -23 Förvaltningarnas resultat inkl LLS -76 ..."). Each run
/// of words is the label of the figure after it (capitals inside a label
/// are common: "inkl LLS", "Tro, hoppet o kärleken"); the words before the
/// first figure hold rows without one, split at capitalised words; the
/// last of them naming a figure heads the column. Only for one line of
/// four figures or more, each one value by the three-digit rule.
fn one_line_list(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let [line] = body.as_slice() else {
        return None;
    };
    let mut rows: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for w in pdf_words(&line.text) {
        if matches!(shape(&w), Shape::Number { .. }) {
            numbers.push(w);
        } else {
            if !numbers.is_empty() {
                rows.push((std::mem::take(&mut label), std::mem::take(&mut numbers)));
            }
            label.push(w);
        }
    }
    if !numbers.is_empty() {
        rows.push((label, numbers));
    } else if !label.is_empty() {
        return None;
    }
    if rows.len() < 4
        || rows
            .iter()
            .any(|(l, n)| l.is_empty() || splits(n, 1).is_empty())
    {
        return None;
    }
    let mut raw = RawTable {
        from_lines: true,
        headings: vec![String::new(), String::new()],
        ..RawTable::default()
    };
    for (i, (words, numbers)) in rows.into_iter().enumerate() {
        let mut labels = vec![words.join(" ")];
        if i == 0 {
            labels = segment_heading(&words.join(" "));
        }
        let own = labels.pop().unwrap_or_default();
        // The last of them that names a figure ("Större budgetavvikelser")
        // heads the rows below: it names the column's figure.
        if let Some(h) = labels
            .iter()
            .rev()
            .find(|l| role_of(l).is_some_and(Role::is_numeric))
        {
            if let Some(slot) = raw.headings.get_mut(1) {
                slot.clone_from(h);
            }
        }
        for l in labels {
            raw.rows.push(RawRow {
                line: line.line,
                cells: vec![RawCell::plain(l)],
            });
        }
        raw.rows.push(RawRow {
            line: line.line,
            cells: vec![RawCell::plain(own), RawCell::plain(numbers.join(" "))],
        });
    }
    raw.context = line.text.clone();
    raw.diagnostics.push(layout_diagnostic(
        None,
        Some(line.line),
        line.text.chars().take(80).collect(),
        "The whole table is on one line; each run of words was read as the label of the figure after it.".to_string(),
        "Hela tabellen står på en rad; varje följd av ord lästes som etikett till talet efter den.".to_string(),
    ));
    Some(raw)
}

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
/// (packed from the left when it has fewer: [`place_short_rows`] places
/// them); a glued row's figures are cut with their thousands spaces kept,
/// the most even cut when it is the only one, else the row stays text.
/// `None` unless a padded heading, padded rows and a glued row are there.
fn spaced_cells(lines: &[Line], plain: &str) -> Option<RawTable<'static>> {
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

/// One cut per row (its index), or `None` for a row that no sum decides: by
/// a column that is the sum of the others on most rows, then by the rows
/// named as sums. One such row adds every row above and below it; of
/// several (an income statement's running results), each adds the block
/// since the sum before it, see [`pick_by_blocks`].
fn pick_cuts(
    rows: &[(usize, String, Vec<String>)],
    cuts: &[Vec<Vec<Figure>>],
    n: usize,
) -> Vec<Option<usize>> {
    let with_cuts = cuts.iter().filter(|c| !c.is_empty()).count();
    // A column that is the sum of the others (Totalt first or last).
    let across = (0..n)
        .filter(|_| n >= 3)
        .map(|col| {
            (
                cuts.iter()
                    .filter(|c| c.iter().any(|v| sums_others(v, col)))
                    .count(),
                col,
            )
        })
        .max();
    let by_row = across.filter(|(count, _)| *count >= 2 && count * 2 >= with_cuts);
    // The cuts still allowed per row (indices into `cuts`).
    let mut allowed: Vec<Vec<usize>> = cuts
        .iter()
        .map(|c| match by_row {
            Some((_, col)) => (0..c.len())
                .filter(|i| c.get(*i).is_some_and(|v| sums_others(v, col)))
                .collect(),
            None => (0..c.len()).collect(),
        })
        .collect();
    // The rows named as a total or subtotal, with cuts.
    let totals: Vec<usize> = (0..rows.len())
        .filter(|i| {
            rows.get(*i)
                .is_some_and(|r| super::sum_kind(&r.1).is_some())
                && allowed.get(*i).is_some_and(|a| !a.is_empty())
        })
        .collect();
    let mut held = by_row.is_some();
    if let [total] = totals.as_slice() {
        let figured: Vec<usize> = (0..allowed.len())
            .filter(|i| allowed.get(*i).is_some_and(|c| !c.is_empty()))
            .collect();
        held |= pick_block(cuts, &mut allowed, &figured, *total, n);
    } else if totals.len() >= 2 {
        held |= pick_by_blocks(cuts, &mut allowed, &totals, n);
    }
    if !held {
        return vec![None; cuts.len()];
    }
    allowed
        .into_iter()
        .map(|a| match a.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
        .collect()
}

/// Narrows the rows of `block` (indices of rows, `total` among them) to the
/// one pick of their allowed cuts under which `total` is the sum of the
/// others; whether there was one.
fn pick_block(
    cuts: &[Vec<Vec<Figure>>],
    allowed: &mut [Vec<usize>],
    block: &[usize],
    total: usize,
    n: usize,
) -> bool {
    let sub: Vec<Vec<Vec<Figure>>> = block
        .iter()
        .map(|i| {
            let (Some(c), Some(a)) = (cuts.get(*i), allowed.get(*i)) else {
                return Vec::new();
            };
            a.iter().filter_map(|k| c.get(*k).cloned()).collect()
        })
        .collect();
    let Some(t) = block.iter().position(|i| *i == total) else {
        return false;
    };
    let Some(pick) = pick_by_total(&sub, t, n) else {
        return false;
    };
    for (i, p) in block.iter().zip(pick) {
        if let Some(a) = allowed.get_mut(*i) {
            if let Some(k) = a.get(p).copied() {
                *a = vec![k];
            }
        }
    }
    true
}

/// Several rows named as sums (an income statement's running results:
/// "Verksamhetens nettokostnad", "Resultat före finansiella poster",
/// "Årets resultat"): each adds the rows since the sum before it, either
/// alone or after that sum as the running result's first term; a row right
/// above it that the words do not name as a sum may be the block's own
/// subtotal ("Skattenetto", "Finansnetto") and is then left out. The first
/// of these blocks that holds decides its rows' cuts. Whether any held.
fn pick_by_blocks(
    cuts: &[Vec<Vec<Figure>>],
    allowed: &mut [Vec<usize>],
    totals: &[usize],
    n: usize,
) -> bool {
    let mut held = false;
    let mut previous: Option<usize> = None;
    for &total in totals {
        let between: Vec<usize> = (previous.map_or(0, |p| p + 1)..total)
            .filter(|i| allowed.get(*i).is_some_and(|a| !a.is_empty()))
            .collect();
        let without_last = between
            .get(..between.len().saturating_sub(1))
            .unwrap_or(&[]);
        // (block, the subtotal left out of it)
        let mut variants: Vec<(Vec<usize>, Option<usize>)> = Vec::new();
        for (rows, left_out) in [(&between[..], None), (without_last, between.last())] {
            if rows.is_empty() {
                continue;
            }
            if let Some(p) = previous {
                variants.push((
                    std::iter::once(p)
                        .chain(rows.iter().copied())
                        .chain([total])
                        .collect(),
                    left_out.copied(),
                ));
            }
            variants.push((
                rows.iter().copied().chain([total]).collect(),
                left_out.copied(),
            ));
        }
        if between.is_empty() {
            if let Some(p) = previous {
                variants.push((vec![p, total], None));
            }
        }
        for (block, left_out) in &variants {
            if pick_block(cuts, allowed, block, total, n) {
                held = true;
                // The subtotal left out adds up the block's own rows
                // ("Skattenetto" after the tax rows), without the running
                // result before them.
                if let Some(sub) = left_out {
                    let own: Vec<usize> = without_last.iter().copied().chain([*sub]).collect();
                    pick_block(cuts, allowed, &own, *sub, n);
                }
                break;
            }
        }
        previous = Some(total);
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn shapes_of_words() {
        assert_eq!(
            shape("400"),
            Shape::Number {
                signed: false,
                int_digits: 3,
                decimals: false,
                suffix: false
            }
        );
        assert_eq!(
            shape("-308"),
            Shape::Number {
                signed: true,
                int_digits: 3,
                decimals: false,
                suffix: false
            }
        );
        assert_eq!(
            shape("28,7"),
            Shape::Number {
                signed: false,
                int_digits: 2,
                decimals: true,
                suffix: false
            }
        );
        assert_eq!(
            shape("350tkr"),
            Shape::Number {
                signed: false,
                int_digits: 3,
                decimals: false,
                suffix: true
            }
        );
        assert_eq!(
            shape("13,0%"),
            Shape::Number {
                signed: false,
                int_digits: 2,
                decimals: true,
                suffix: true
            }
        );
        assert_eq!(shape("tkr"), Shape::Suffix);
        assert_eq!(shape("%"), Shape::Suffix);
        assert_eq!(shape("-"), Shape::Dash);
        assert_eq!(shape("Regionkontoret"), Shape::Text);
        assert_eq!(shape("8a"), Shape::Text);
    }

    #[test]
    fn glued_words_are_split_but_units_kept() {
        assert_eq!(
            words("11,0% 13,0%Medarbetare Sjukfrånvaro"),
            w("11,0% 13,0% Medarbetare Sjukfrånvaro")
        );
        assert_eq!(words("0,0Mnkr 26 350tkr"), w("0,0Mnkr 26 350tkr"));
    }

    #[test]
    fn pdf_splits_follow_the_three_digit_rule() {
        let table: &[(&str, usize, &[&[&str]])] = &[
            ("0 1 400 1 400 0", 4, &[&["0", "1 400", "1 400", "0"]]),
            (
                "0 14 500 29 400 14 900",
                4,
                &[&["0", "14 500", "29 400", "14 900"]],
            ),
            (
                "243,8 -272,5 +28,7 +10,5",
                4,
                &[&["243,8", "-272,5", "+28,7", "+10,5"]],
            ),
            (
                "78 200 tkr 0 tkr 78 200 tkr",
                3,
                &[&["78 200tkr", "0tkr", "78 200tkr"]],
            ),
            ("101,0 Mnkr 0,0 Mnkr", 2, &[&["101,0Mnkr", "0,0Mnkr"]]),
            ("1 400 400", 2, &[&["1 400", "400"], &["1", "400 400"]]),
            ("1 400", 3, &[]),
        ];
        for (text, n, expected) in table {
            let got = splits(&w(text), *n);
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|c| c.iter().map(|s| s.to_string()).collect())
                .collect();
            let mut got_sorted = got.clone();
            got_sorted.sort();
            let mut expected_sorted = expected.clone();
            expected_sorted.sort();
            assert_eq!(got_sorted, expected_sorted, "{text:?} into {n}");
        }
    }

    #[test]
    fn the_most_even_split_comes_first() {
        let table: &[(&str, usize, &[&str])] = &[
            ("112 513 108 678", 2, &["112 513", "108 678"]),
            (
                "107 264 105 958 230 685 109 290",
                4,
                &["107 264", "105 958", "230 685", "109 290"],
            ),
            ("1 400 400", 2, &["1 400", "400"]),
            ("6 197 400 437 400", 4, &["6 197", "400", "437", "400"]),
            // More splits than the search lists (51 into five): the even
            // one is found all the same.
            (
                "284 406 444 049 475 240 404 313 124 615",
                5,
                &["284 406", "444 049", "475 240", "404 313", "124 615"],
            ),
            (
                "4 652 158 6 476 813 6 668 160 4 896 216 4 259 178",
                5,
                &[
                    "4 652 158",
                    "6 476 813",
                    "6 668 160",
                    "4 896 216",
                    "4 259 178",
                ],
            ),
        ];
        for (text, n, want) in table {
            let want: Vec<String> = want.iter().map(|v| v.to_string()).collect();
            assert_eq!(splits(&w(text), *n).first(), Some(&want), "{text:?}");
        }
    }

    #[test]
    fn heading_words_split_at_capitals() {
        assert_eq!(
            segment_heading("Uppdrag, belopp i mnkr Årsprognos Årsbudget Prognostiserad avvikelse mot budget Avvikelsen i % av årsbudget"),
            vec!["Uppdrag, belopp i mnkr", "Årsprognos", "Årsbudget", "Prognostiserad avvikelse mot budget", "Avvikelsen i % av årsbudget"]
        );
        assert_eq!(
            segment_heading("Indikator Årsprognos tkr Årsbudget tkr"),
            vec!["Indikator", "Årsprognos tkr", "Årsbudget tkr"]
        );
    }

    #[test]
    fn pdf_minus_set_apart_by_one_space_is_a_sign() {
        let table: &[(&str, &str)] = &[
            (
                "Avskrivningar 3 – 14 991 – 14 879",
                "Avskrivningar 3 –14 991 –14 879",
            ),
            ("Kostnader − 1 116 − 6 33", "Kostnader −1 116 −6 33"),
            // Two spaces: a dash for an empty cell.
            ("Övrigt −  −  24", "Övrigt − − 24"),
            // A dash between words stays a word.
            (
                "Teknisk verksamhet - skattefinansierad 0,5",
                "Teknisk verksamhet - skattefinansierad 0,5",
            ),
            ("Post - 5,0 4,0", "Post -5,0 4,0"),
        ];
        for (text, want) in table {
            assert_eq!(pdf_words(text), w(want), "{text:?}");
        }
    }

    #[test]
    fn lines_of_years_are_headings() {
        let table: &[(&str, bool)] = &[
            ("2013 2014 2013 2014", true),
            ("NOT 2019 2018 2019 2018", true),
            ("Belopp i mnkr 2018 2019 2018 2019", true),
            ("Mnkr 2022 2021 2020", true),
            ("2019", true),
            ("Resultaträkning för verksamhetsåret 1/1 - 31/12 2020", true),
            ("Kommunen 12/31/2021 12/31/2020", true),
            // Amounts beside a year are data.
            ("Verksamhetens intäkter 1 2019 2018", false),
            ("Nämnd A 2 019 1 900", false),
            ("Nämnd A 120,5 2021", false),
            ("Utfall Budget", false),
        ];
        for (text, want) in table {
            assert_eq!(is_year_line(text), *want, "{text:?}");
        }
    }

    #[test]
    fn group_headings_spread_over_a_line_of_units() {
        let table: &[(&str, &str, Option<&[&str]>)] = &[
            (
                "Kostnad per elev Utfall 2024 Utfall 2023 Förändring % Budget 2025",
                "tkr kr/elev tkr kr/elev %/elev tkr kr/elev",
                Some(&[
                    "Kostnad per elev",
                    "Utfall 2024 tkr",
                    "Utfall 2024 kr/elev",
                    "Utfall 2023 tkr",
                    "Utfall 2023 kr/elev",
                    "Förändring % %/elev",
                    "Budget 2025 tkr",
                    "Budget 2025 kr/elev",
                ]),
            ),
            (
                "Mnkr Utfall 2024 Budget 2024",
                "mnkr % mnkr %",
                Some(&[
                    "Mnkr",
                    "Utfall 2024 mnkr",
                    "Utfall 2024 %",
                    "Budget 2024 mnkr",
                    "Budget 2024 %",
                ]),
            ),
            // Two units under two groups split one way only; three under two
            // split two ways equally well: no reading.
            (
                "Utfall 2024 Budget 2024",
                "tkr tkr",
                Some(&["", "Utfall 2024 tkr", "Budget 2024 tkr"]),
            ),
            ("Utfall 2024 Budget 2024", "tkr % kr/inv", None),
            // Groups that end in the same unit.
            (
                "Utfall 2024 Budget 2024",
                "tkr kr/inv tkr",
                Some(&[
                    "",
                    "Utfall 2024 tkr",
                    "Budget 2024 kr/inv",
                    "Budget 2024 tkr",
                ]),
            ),
            // Words that are not units: no line of units.
            ("Utfall 2024 Budget 2024", "Intäkter Kostnader", None),
        ];
        for (above, last, want) in table {
            let got = spread_units(last, &[above]);
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "{above:?} / {last:?}");
        }
    }

    #[test]
    fn heading_blocks_spread_years_over_group_headings() {
        let table: &[(&[&str], &[&str])] = &[
            (
                &["Staden Bolagen", "2024 2023 2024 2023"],
                &[
                    "",
                    "Staden 2024",
                    "Staden 2023",
                    "Bolagen 2024",
                    "Bolagen 2023",
                ],
            ),
            (
                &["(tkr) Staden Bolagen", "NOT 2024 2023 2024 2023"],
                &[
                    "(tkr)",
                    "NOT",
                    "Staden 2024",
                    "Staden 2023",
                    "Bolagen 2024",
                    "Bolagen 2023",
                ],
            ),
            (
                &["Miljoner kronor Staden Bolagen", "2023 2024 2023 2024"],
                &[
                    "Miljoner kronor",
                    "Staden 2023",
                    "Staden 2024",
                    "Bolagen 2023",
                    "Bolagen 2024",
                ],
            ),
            (
                &[
                    "Staden",
                    "Hela koncernen",
                    "Belopp i mnkr 2023 2024 2023 2024",
                ],
                &[
                    "Belopp i mnkr",
                    "Staden 2023",
                    "Staden 2024",
                    "Hela koncernen 2023",
                    "Hela koncernen 2024",
                ],
            ),
            (
                &["Utfall Budget Avvikelse", "2023 2023 2023"],
                &["", "Utfall 2023", "Budget 2023", "Avvikelse 2023"],
            ),
            // One year per line: the year goes with the heading above it.
            (
                &["(mnkr) Bokslut", "2023", "Budget", "2024", "Plan", "2025"],
                &["(mnkr)", "Bokslut 2023", "Budget 2024", "Plan 2025"],
            ),
            (
                &["Belopp i tkr Not BUDGET", "2024", "2024 2023 2022"],
                &["Belopp i tkr", "Not", "BUDGET 2024", "2024", "2023", "2022"],
            ),
            (
                &["Belopp angivna i tkr Not 2024 2023"],
                &["Belopp angivna i tkr", "Not", "2024", "2023"],
            ),
            (&["Mnkr 2024 2023 2022"], &["Mnkr", "2024", "2023", "2022"]),
        ];
        for (texts, want) in table {
            assert_eq!(block_headings(texts), *want, "{texts:?}");
        }
    }

    #[test]
    fn extra_heading_segments_are_joined_where_they_name_columns_best() {
        let table: &[(&str, usize, &[&str])] = &[
            (
                "Tkr Utfall 2024 Budget 2024 Avvikelse Budget-Utfall",
                4,
                &[
                    "Tkr",
                    "Utfall 2024",
                    "Budget 2024",
                    "Avvikelse Budget-Utfall",
                ],
            ),
            (
                "Nämnd Område Utfall Budget Avvikelse",
                4,
                &["Nämnd Område", "Utfall", "Budget", "Avvikelse"],
            ),
        ];
        for (text, needed, want) in table {
            let segments = segment_heading(text);
            let got = merge_headings(&segments, *needed).unwrap_or_else(|| {
                // No better way than the label's: the extras join it.
                let extra = segments.len() - needed;
                let mut h = vec![segments[..=extra].join(" ")];
                h.extend(segments[extra + 1..].iter().cloned());
                h
            });
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn years_run_together_are_split() {
        let table: &[(&str, Option<&[&str]>)] = &[
            (
                "20202019201820172016",
                Some(&["2020", "2019", "2018", "2017", "2016"]),
            ),
            ("20222023", Some(&["2022", "2023"])),
            // Not consecutive, out of range, or no years at all: a number.
            ("20202018", None),
            ("12345678", None),
            ("2020201", None),
            ("2020", None),
        ];
        for (text, want) in table {
            let want = want.map(|w| w.iter().map(|y| y.to_string()).collect::<Vec<_>>());
            assert_eq!(glued_years(text), want, "{text:?}");
        }
    }

    #[test]
    fn headings_joined_by_guess_are_reported() {
        let text = "Tkr Utfall 2024 Budget 2024 Avvikelse Budget-Utfall\nIntäkter 93,7 85,6 8,1\nKostnader -615,6 -600,9 -14,7\n";
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert_eq!(
            raw.headings,
            [
                "Tkr",
                "Utfall 2024",
                "Budget 2024",
                "Avvikelse Budget-Utfall"
            ]
        );
        assert!(raw.diagnostics.iter().any(|d| matches!(
            &d.kind,
            DiagnosticKind::Layout { what_en, .. } if what_en.contains("5 headings for 4 columns")
        )));
        // One heading per column: nothing to report.
        let text = "Tkr Utfall Budget\nIntäkter 93 712 85 611\n";
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert!(!raw
            .diagnostics
            .iter()
            .any(|d| matches!(d.kind, DiagnosticKind::Layout { .. })));
    }

    /// (paste, headings, rows) of PDF text.
    type PdfCase<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);

    fn check_pdf(cases: &[PdfCase<'_>]) {
        for (text, headings, rows) in cases {
            let grid = crate::grid::read_text(text);
            let raw = layout(&grid, text, &ReadChoices::default());
            assert_eq!(raw.headings, *headings, "headings of {text:?}");
            let got: Vec<Vec<String>> = raw
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect();
            let want: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            assert_eq!(got, want, "rows of {text:?}");
        }
    }

    #[test]
    fn zero_led_groups_notes_and_group_headings() {
        check_pdf(&[
            // "045" only continues a number: the short row has two figures,
            // placed where the result below holds (columns 1 and 3).
            (
                "Tkr Not Kommunen Koncernen\n2024 2023 2024 2023\nIntäkter 1 5 100 4 900 6 200 6 000\nKostnader 2 – 4 300 – 4 200 – 5 100 – 5 000\nRESULTAT 800 700 1 100 1 000\nJämförelsestörande poster 3 – 12 045 – 12 045\nÅRETS RESULTAT – 11 245 700 – 10 945 1 000\n",
                &["Tkr", "Not", "Kommunen 2024", "Kommunen 2023", "Koncernen 2024", "Koncernen 2023"],
                &[
                    &["Intäkter", "1", "5 100", "4 900", "6 200", "6 000"],
                    &["Kostnader", "2", "–4 300", "–4 200", "–5 100", "–5 000"],
                    &["RESULTAT", "", "800", "700", "1 100", "1 000"],
                    &["Jämförelsestörande poster", "3", "–12 045", "", "–12 045", ""],
                    &["ÅRETS RESULTAT", "", "–11 245", "700", "–10 945", "1 000"],
                ],
            ),
            // Group headings over repeated period headings, the first group
            // with one more (its budget); the note's heading among the
            // groups; a lettered sub-note.
            (
                "(tkr) Not Staden Bolagen\nUtfall\n2023\nUtfall\n2024\nBudget\n2024\nUtfall\n2023\nUtfall\n2024\nIntäkter 1 500 600 550 900 950\nvarav engångsposter 1A 10 20 0 10 20\nKostnader 2 -400 -450 -500 -800 -850\n",
                &["(tkr)", "Not", "Staden Utfall 2023", "Staden Utfall 2024", "Staden Budget 2024", "Bolagen Utfall 2023", "Bolagen Utfall 2024"],
                &[
                    &["Intäkter", "1", "500", "600", "550", "900", "950"],
                    &["varav engångsposter", "1A", "10", "20", "0", "10", "20"],
                    &["Kostnader", "2", "-400", "-450", "-500", "-800", "-850"],
                ],
            ),
            // A short row placed where the sum below holds exactly: a
            // placement in the first columns holds only within rounding.
            (
                "Mnkr 2024 2023 2022 2021\nResultat 555 1 125 733 854\nSkatt -3 -4 -2 -5\nMinoritetens andel 1 -1\nÅrets resultat 552 1 121 732 848\n",
                &["Mnkr", "2024", "2023", "2022", "2021"],
                &[
                    &["Resultat", "555", "1 125", "733", "854"],
                    &["Skatt", "-3", "-4", "-2", "-5"],
                    &["Minoritetens andel", "", "", "1", "-1"],
                    &["Årets resultat", "552", "1 121", "732", "848"],
                ],
            ),
            // A sum line's first small group is its note or its amount's,
            // as the rows right above add up.
            (
                "Tkr Not 2024 2023\nIntäkter 1 9 163 8 000\nKostnader 2 -228 -100\nRESULTAT 8 935 7 900\nFinansiella poster 3 91 111 100\nRESULTAT EFTER FINANSIELLA POSTER 100 046 8 000\nSkatt 4 0 0\nÅrets resultat 5 100 046 8 000\n",
                &["Tkr", "Not", "2024", "2023"],
                &[
                    &["Intäkter", "1", "9 163", "8 000"],
                    &["Kostnader", "2", "-228", "-100"],
                    &["RESULTAT", "", "8 935", "7 900"],
                    &["Finansiella poster", "3", "91 111", "100"],
                    &["RESULTAT EFTER FINANSIELLA POSTER", "", "100 046", "8 000"],
                    &["Skatt", "4", "0", "0"],
                    &["Årets resultat", "5", "100 046", "8 000"],
                ],
            ),
        ]);
    }

    #[test]
    fn pdf_titles_section_headings_and_unlabelled_sums() {
        check_pdf(&[
            // A title block above, a section heading between blank lines below.
            (
                "Driftredovisning\n\nMnkr Utfall Budget\n\n\nNÄMNDER\n\nNämnd A 10 12\nNämnd B 20 19\n",
                &["Mnkr", "Utfall", "Budget"],
                &[&["NÄMNDER"], &["Nämnd A", "10", "12"], &["Nämnd B", "20", "19"]],
            ),
            // A heading block of years below a title with a year.
            (
                "Resultat för år 2024\n\nMnkr Staden Bolagen\n2024 2023 2024 2023\nIntäkter 10 9 20 19\nKostnader -8 -7 -15 -14\n",
                &["Mnkr", "Staden 2024", "Staden 2023", "Bolagen 2024", "Bolagen 2023"],
                &[
                    &["Intäkter", "10", "9", "20", "19"],
                    &["Kostnader", "-8", "-7", "-15", "-14"],
                ],
            ),
            // A label line before a capitalised line is a heading; a line
            // of numbers after a labelled row is a row of its own.
            (
                "Tkr Not 2024 2023\nIntäkter\nHyror 1 1 474 1 903\nAvgifter 2 112 513 108 678\n113 987 110 581\nKostnader\nLöner 3 -59 510 -62 146\n",
                &["Tkr", "Not", "2024", "2023"],
                &[
                    &["Intäkter"],
                    &["Hyror", "1", "1 474", "1 903"],
                    &["Avgifter", "2", "112 513", "108 678"],
                    &["", "", "113 987", "110 581"],
                    &["Kostnader"],
                    &["Löner", "3", "-59 510", "-62 146"],
                ],
            ),
            // A unit or "%" after the label, and a small number between its
            // words, belong to the label.
            (
                "Mnkr 2023 2024\nAntal invånare 31 december 18 306 18 401\nSoliditet, % 47 51\nUtfall 8 mån, mnkr 1,5 2,5\n",
                &["Mnkr", "2023", "2024"],
                &[
                    &["Antal invånare 31 december", "18 306", "18 401"],
                    &["Soliditet, %", "47", "51"],
                    &["Utfall 8 mån, mnkr", "1,5", "2,5"],
                ],
            ),
            // A heading's second line that starts with a month is no broken
            // word; a code that starts a row's line is its label's.
            (
                "Utfall\njan-aug 2024\nBudget\njan-aug 2024\n25 Bidrag till kommuner 8 797 1 018\n1:1 Utjämning 7 888 415\n",
                &["", "Utfall jan-aug 2024", "Budget jan-aug 2024"],
                &[&["25 Bidrag till kommuner", "8 797", "1 018"], &["1:1 Utjämning", "7 888", "415"]],
            ),
            // Group headings before dated headings that repeat under each;
            // "Not 1" written after each label, its line below the label.
            (
                "(tkr) Staden Bolagen\nUtfall\n2024\nUtfall\n2023\nUtfall\n2024\nUtfall\n2023\nIntäkter\nNot 1 112 246 123 833 232 409 232 770\nKostnader Not 2 -509 532 -499 750 -616 489 -592 708\nNetto -397 286 -375 917 -384 080 -359 938\n",
                &[
                    "(tkr)",
                    "Not",
                    "Staden Utfall 2024",
                    "Staden Utfall 2023",
                    "Bolagen Utfall 2024",
                    "Bolagen Utfall 2023",
                ],
                &[
                    &["Intäkter", "1", "112 246", "123 833", "232 409", "232 770"],
                    &["Kostnader", "2", "-509 532", "-499 750", "-616 489", "-592 708"],
                    &["Netto", "", "-397 286", "-375 917", "-384 080", "-359 938"],
                ],
            ),
            // A title glued to the corner's unit in capitals.
            (
                "BalansräkningTKR STADEN BOLAGEN\nNOT 2024 2023 2024 2023\nFörråd 16 0 0 100 84\n",
                &["TKR", "NOT", "STADEN 2024", "STADEN 2023", "BOLAGEN 2024", "BOLAGEN 2023"],
                &[&["Förråd", "16", "0", "0", "100", "84"]],
            ),
            // Years one per line under a corner heading.
            (
                "Staden\n2022\n2023\n2024\nSkulder, mnkr 101 91 145\nSoliditet, % 58 54 80\n",
                &["Staden", "2022", "2023", "2024"],
                &[&["Skulder, mnkr", "101", "91", "145"], &["Soliditet, %", "58", "54", "80"]],
            ),
            // A label wrapped with a space at its end goes on below.
            (
                "Mnkr Utfall Budget\nUtvecklingsmedel \nRegional utveckling 10 12\nSumma 10 12\n",
                &["Mnkr", "Utfall", "Budget"],
                &[&["Utvecklingsmedel Regional utveckling", "10", "12"], &["Summa", "10", "12"]],
            ),
        ]);
    }

    fn run(label: &str, numbers: &str) -> Run {
        Run {
            label: w(label),
            numbers: w(numbers),
            line: 0,
            note: String::new(),
        }
    }

    #[test]
    fn notes_run_in_order_and_are_never_amounts() {
        // (label, number words, note taken, numbers left)
        let table: &[(&str, &str, &str, &str)] = &[
            ("Intäkter", "1 102 946 101 282", "1", "102 946 101 282"),
            ("Kostnader", "2 -423 231 -417 698", "2", "-423 231 -417 698"),
            ("Avskrivningar", "3 -14 991 -14 879", "3", "-14 991 -14 879"),
            (
                "Nettokostnader",
                "-335 276 -331 295",
                "",
                "-335 276 -331 295",
            ),
            (
                "Skatteintäkter",
                "4 257 951 257 770",
                "4",
                "257 951 257 770",
            ),
            (
                "Generella statsbidrag",
                "5 84 473 86 552",
                "5",
                "84 473 86 552",
            ),
            // 7 after note 5, with note 6 on the next row: an amount.
            ("Verksamhetens resultat", "7 148 13 027", "", "7 148 13 027"),
            ("Finansiella intäkter", "6 812 794", "6", "812 794"),
            (
                "Personalkostnader 8,",
                "9 -141 821 -136 240",
                "8, 9",
                "-141 821 -136 240",
            ),
            // Below the last note: an amount.
            ("Resultat", "6 849 12 043", "", "6 849 12 043"),
            // Far above the last note: an amount.
            ("Resultat före skatt", "36 547 51 059", "", "36 547 51 059"),
            ("Skatt", "10 -574 -373", "10", "-574 -373"),
        ];
        let mut runs: Vec<Run> = table.iter().map(|(l, n, _, _)| run(l, n)).collect();
        take_notes(&mut runs);
        for (r, (label, numbers, note, left)) in runs.iter().zip(table) {
            assert_eq!(r.note, *note, "note of {label} {numbers}");
            assert_eq!(r.numbers, w(left), "numbers of {label} {numbers}");
        }
    }

    /// (paste, title, headings, rows): made-up tables of the shapes real web
    /// copies have, laid out without delimiters.
    type LayoutCase<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a [&'a str]]);

    fn check_layout(cases: &[LayoutCase<'_>]) {
        for (text, title, headings, rows) in cases {
            let grid = crate::grid::read_text(text);
            let raw = layout(&grid, text, &ReadChoices::default());
            assert_eq!(
                raw.title.as_ref().map(|t| t.0.as_str()),
                *title,
                "title of {text:?}"
            );
            assert_eq!(raw.headings, *headings, "headings of {text:?}");
            let got: Vec<Vec<String>> = raw
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect();
            let want: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            assert_eq!(got, want, "rows of {text:?}");
            assert!(
                raw.diagnostics
                    .iter()
                    .any(|d| matches!(d.kind, DiagnosticKind::Layout { .. })),
                "a layout diagnostic for {text:?}"
            );
        }
    }

    #[test]
    fn one_cell_per_line_copies() {
        check_layout(&[
            // Blank lines between cells, a title above one heading per line.
            (
                "Utfall per nämnd, mnkr\n\nBudget\n\nAvvikelse\n\nAndel\n\nNämnd A\n\n120,5\n\n-3,5\n\n-2,9%\n\nNämnd B och C\n\n1 040,0\n\n10,0\n\n1,0%\n\nSumma\n\n1 160,5\n\n6,5\n\n0,6%\n",
                Some("Utfall per nämnd, mnkr"),
                &["", "Budget", "Avvikelse", "Andel"],
                &[
                    &["Nämnd A", "120,5", "-3,5", "-2,9%"],
                    &["Nämnd B och C", "1 040,0", "10,0", "1,0%"],
                    &["Summa", "1 160,5", "6,5", "0,6%"],
                ],
            ),
            // Stacked group headings over restarting years, a note column,
            // an extra blank line for an empty note cell.
            (
                "Resultat\nStaden\n\n\nBolagen\n\nMnkr\n\nNot\n\n2024\n\n2023\n\n2024\n\n2023\n\nIntäkter\n\n1\n\n500\n\n480\n\n900\n\n850\n\nKostnader\n\n2\n\n-400\n\n-390\n\n-800\n\n-760\n\nNetto\n\n\n100\n\n90\n\n100\n\n90\n",
                Some("Resultat"),
                &["Mnkr", "Not", "Staden 2024", "Staden 2023", "Bolagen 2024", "Bolagen 2023"],
                &[
                    &["Intäkter", "1", "500", "480", "900", "850"],
                    &["Kostnader", "2", "-400", "-390", "-800", "-760"],
                    &["Netto", "", "100", "90", "100", "90"],
                ],
            ),
            // A flattened HTML table: "|" ends every cell, note lists.
            (
                "(tkr)\n|\n|\nStaden\n|\n|\nBolaget\n|\n|\n|\nNot\n|\n2024\n|\n2023\n|\n2024\n|\n2023\n|\nIntäkter\n|\n|\n|\n|\n|\n|\nHyror\n|\n1, 2\n|\n10 000\n|\n9 000\n|\n–\n|\n–\n|\nAvgifter\n|\n|\n500\n|\n400\n|\n50\n|\n40\n|\n",
                Some("(tkr)"),
                &["", "Not", "Staden 2024", "Staden 2023", "Bolaget 2024", "Bolaget 2023"],
                &[
                    &["Intäkter", "", "", "", "", ""],
                    &["Hyror", "1, 2", "10 000", "9 000", "–", "–"],
                    &["Avgifter", "", "500", "400", "50", "40"],
                ],
            ),
            // A title glued to the corner's unit, a heading wrapped over two
            // lines ("Budget" / "2024") inside one cell.
            (
                "Översiktmnkr\n\nUtfall 2024\n\nBudget\n2024\n\nPost ett\n\n1,5\n\n2,0\n\nPost två\n\n3,5\n\n3,0\n",
                Some("Översikt"),
                &["mnkr", "Utfall 2024", "Budget 2024"],
                &[&["Post ett", "1,5", "2,0"], &["Post två", "3,5", "3,0"]],
            ),
            // Mixed: the label on its own line, one value alone, the rest
            // on one line; one heading line with a period per column.
            (
                "Not 9 Exempel\n\ntkr staden 2024-12-31 staden 2023-12-31 bolaget 2024-12-31\nAvskrivning A\n\n 2,0\n\n1,5 30,0\nAvskrivning B\n\n 1,0\n\n -  4,0\nSumma\n\n3,0\n\n1,5 34,0\n",
                Some("Not 9 Exempel"),
                &["tkr", "staden 2024-12-31", "staden 2023-12-31", "bolaget 2024-12-31"],
                &[
                    &["Avskrivning A", "2,0", "1,5", "30,0"],
                    &["Avskrivning B", "1,0", "-", "4,0"],
                    &["Summa", "3,0", "1,5", "34,0"],
                ],
            ),
        ]);
    }

    #[test]
    fn mixed_copies_with_decimal_lines_of_figures() {
        check_layout(&[(
            // A numbered title, a blank line, then the heading line: not one
            // word broken in two. Lines of figures with decimals have no
            // label glued to them.
            "3 Avskrivningar\n\nmnkr staden 2024-12-31 staden 2023-12-31 bolaget 2024-12-31 bolaget 2023-12-31\nAvskrivning A\n\n 20,0\n\n17,6 133,0 190,3\nAvskrivning B\n\n 8,3\n\n7,3 85,9 22,0\nSumma\n\n28,3\n\n24,9 218,9 212,3\n",
            Some("3 Avskrivningar"),
            &[
                "mnkr",
                "staden 2024-12-31",
                "staden 2023-12-31",
                "bolaget 2024-12-31",
                "bolaget 2023-12-31",
            ],
            &[
                &["Avskrivning A", "20,0", "17,6", "133,0", "190,3"],
                &["Avskrivning B", "8,3", "7,3", "85,9", "22,0"],
                &["Summa", "28,3", "24,9", "218,9", "212,3"],
            ],
        )]);
    }

    #[test]
    fn words_broken_at_line_ends() {
        // (paste, the lines after gluing)
        let table: &[(&str, &[&str])] = &[
            ("Årsprog\nnos", &["Årsprognos"]),
            // A stub goes on across a blank line.
            ("101 861 t\n\nkr -7 104 tkr", &["101 861 tkr -7 104 tkr"]),
            // A whole word does not, nor before a month.
            (
                "3 Avskrivningar\n\nmnkr staden",
                &["3 Avskrivningar", "mnkr staden"],
            ),
            ("Utfall\njan-aug", &["Utfall", "jan-aug"]),
        ];
        for (text, want) in table {
            let grid = crate::grid::read_text(text);
            let got: Vec<String> = glued_lines(&grid, text)
                .into_iter()
                .map(|l| l.text)
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn run_together_rows_split_by_their_sums() {
        check_layout(&[
            // Years glued in the heading; a total row below decides the cuts
            // (0259 is 0 | 25 | 9, not 0 | 2 | 59); a row broken after its
            // first figure continues on the next line.
            (
                "Intäkter, mnkr\n\n  202320222021\nAvgifter216\n214216\nHyror324311298\nBidrag406657\nVinster0259\nAvgår-43-42-44\nSumma intäkter537574536\n",
                Some("Intäkter, mnkr"),
                &["", "2023", "2022", "2021"],
                &[
                    &["Avgifter", "216", "214", "216"],
                    &["Hyror", "324", "311", "298"],
                    &["Bidrag", "40", "66", "57"],
                    &["Vinster", "0", "25", "9"],
                    &["Avgår", "-43", "-42", "-44"],
                    &["Summa intäkter", "537", "574", "536"],
                ],
            ),
            // Every row run together with its note; the headings one cell
            // per line, a year under its word; a dash alone is an empty
            // cell; a subtotal left out of a running result adds up its
            // own block.
            (
                "Resultat, mnkr\n\n \nNot\n\n2024\nAvvikelse\n2024\n\n2023\n\n2022\nIntäkter11 250501 1801 100\nKostnader2-3 400-120-3 300-3 150\nEngångsposter 3404030-\nNettokostnad-2 110-30-2 090-2 050\nSkatter42 000201 9501 900\nUtjämning530010290280\nSkattenetto2 300302 2402 180\nResultat före finansiella poster1900150130\nFinansiella intäkter6251520110\nFinansiella kostnader7-15-2-12-100\nFinansnetto1013810\nÅrets resultat20013158140\n",
                Some("Resultat, mnkr"),
                &["", "Not", "2024", "Avvikelse 2024", "2023", "2022"],
                &[
                    &["Intäkter", "1", "1250", "50", "1180", "1100"],
                    &["Kostnader", "2", "-3400", "-120", "-3300", "-3150"],
                    &["Engångsposter", "3", "40", "40", "30", ""],
                    &["Nettokostnad", "", "-2110", "-30", "-2090", "-2050"],
                    &["Skatter", "4", "2000", "20", "1950", "1900"],
                    &["Utjämning", "5", "300", "10", "290", "280"],
                    &["Skattenetto", "", "2300", "30", "2240", "2180"],
                    &["Resultat före finansiella poster", "", "190", "0", "150", "130"],
                    &["Finansiella intäkter", "6", "25", "15", "20", "110"],
                    &["Finansiella kostnader", "7", "-15", "-2", "-12", "-100"],
                    &["Finansnetto", "", "10", "13", "8", "10"],
                    &["Årets resultat", "", "200", "13", "158", "140"],
                ],
            ),
            // A total above its parts; thousands spaces stay inside a number.
            (
                "  20232022\nSumma intäkter2 1371 706\nAvgifter1 0001 200\nHyror1 137506\n",
                None,
                &["", "2023", "2022"],
                &[
                    &["Summa intäkter", "2137", "1706"],
                    &["Avgifter", "1000", "1200"],
                    &["Hyror", "1137", "506"],
                ],
            ),
            // A column that is the sum of the others on every row.
            (
                "EnhetTotaltSkolaVård\nIntäkter1 200400800\nKostnader9501 100-150\nÖvrigt250-700950\n",
                None,
                &["Enhet", "Totalt", "Skola", "Vård"],
                &[
                    &["Intäkter", "1200", "400", "800"],
                    &["Kostnader", "950", "1100", "-150"],
                    &["Övrigt", "250", "-700", "950"],
                ],
            ),
            // One decimal everywhere; a row that no cut fits stays whole.
            (
                "Drift, mnkr\n IngåendeDispositionResultat\nNämnd A10,7-3,57,2\nNämnd B5,0\n0,05,0\nNämnd C1,23\nSumma15,7-3,512,2\n",
                Some("Drift, mnkr"),
                &["", "Ingående", "Disposition", "Resultat"],
                &[
                    &["Nämnd A", "10,7", "-3,5", "7,2"],
                    &["Nämnd B", "5,0", "0,0", "5,0"],
                    &["Nämnd C 1,23"],
                    &["Summa", "15,7", "-3,5", "12,2"],
                ],
            ),
        ]);
        // No sum holds: not read as run together (the rows are not guessed).
        let text = "  20232022\nAvgifter1 0001 200\nHyror1 137506\nSumma9999\n";
        let grid = crate::grid::read_text(text);
        assert!(sum_together(&glued_lines(&grid, text), &grid).is_none());
    }

    #[test]
    fn run_together_rows_split_by_their_own_arithmetic() {
        check_layout(&[(
            "Avvikelser, mnkr\n UtfallBudgetAvvikelse\nNämnd A1385\nNämnd B (50 %)-12-3321\nNämnd C0-66\nNämnd D606\nSumma3-4\n",
            Some("Avvikelser, mnkr"),
            &["", "Utfall", "Budget", "Avvikelse"],
            &[
                &["Nämnd A", "13", "8", "5"],
                &["Nämnd B (50 %)", "-12", "-33", "21"],
                &["Nämnd C", "0", "-6", "6"],
                &["Nämnd D", "6", "0", "6"],
                // 3 | -4 has no third figure: kept whole, never guessed.
                &["Summa3-4"],
            ],
        )]);
        assert_eq!(
            split_glued_heading("Intäkter 2022Intäkter 2023Avvikelse"),
            vec!["Intäkter 2022", "Intäkter 2023", "Avvikelse"]
        );
        assert_eq!(
            split_glued_heading("BokslutDelårsrapp jan-augAvvikelse"),
            vec!["Bokslut", "Delårsrapp jan-aug", "Avvikelse"]
        );
    }
}
