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

use rust_decimal::Decimal;

use super::headings::{clean_heading, role_of};
use super::{RawCell, RawRow, RawTable, ReadChoices};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::grid::Grid;
use crate::latin;
use crate::number::{self, DecimalMark, Reading, Unit};

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
    matches!(c, '-' | '+' | '−' | '–' | '±')
}

fn shape(word: &str) -> Shape {
    if matches!(word, "-" | "–" | "—" | "−") {
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

/// Splits "13,0%Medarbetare" into "13,0%" and "Medarbetare"; keeps
/// "0,0Mnkr" and "26 350tkr" whole, since the letters are a unit.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let numeric_end = word
            .char_indices()
            .find(|(_, c)| latin::is_letter(*c))
            .map(|(i, _)| i);
        match numeric_end {
            Some(i) if i > 0 => {
                let (head, tail) = word.split_at(i);
                let head_is_number = matches!(shape(head), Shape::Number { .. });
                let tail_is_unit = Unit::from_word(tail).is_some();
                if head_is_number && !tail_is_unit {
                    out.push(head.to_string());
                    out.push(tail.to_string());
                } else {
                    out.push(word.to_string());
                }
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

fn is_numeric_word(word: &str) -> bool {
    !matches!(shape(word), Shape::Text)
}

/// Whether a line ends with a value (so it carries a row's numbers).
fn is_data_line(text: &str) -> bool {
    let ws = words(text);
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
        let leading_space = raw.starts_with(char::is_whitespace);
        let starts_lower = text.chars().next().is_some_and(latin::is_lower);
        if let Some(last) = lines.last_mut() {
            let ends_letter = last.text.chars().last().is_some_and(latin::is_letter);
            if ends_letter && !last.trailing_space && starts_lower && !leading_space && !row.heading
            {
                last.text.push_str(&text);
                last.trailing_space = trailing_space;
                last.blank_after = false;
                continue;
            }
        }
        lines.push(Line {
            text,
            line: row.line,
            trailing_space,
            blank_after: false,
            heading: row.heading,
        });
    }
    lines
}

/// Lays out text without delimiters.
pub(super) fn layout(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    let lines = glued_lines(grid, plain);
    if let Some(raw) = one_cell_per_line(&lines) {
        return raw;
    }
    pdf_layout(lines, choices)
}

/// A web page copied with every cell on a line of its own: a heading of n
/// lines, then rows of a label line and n − 1 value lines.
fn one_cell_per_line(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
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
fn segment_heading(text: &str) -> Vec<String> {
    let mut segments: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let first_letter = word.chars().find(|c| latin::is_letter(*c));
        let starts = first_letter.is_some_and(|c| !latin::is_lower(c))
            && Unit::from_word(word.trim_matches(|c: char| !latin::is_letter_or_digit(c)))
                .is_none();
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
}

/// Every way to group a run of number words into exactly `n` values, up to
/// [`MAX_CANDIDATES`]. A word continues the value before it only when it is
/// an unsigned group of exactly three digits, and the value so far has no
/// decimals, `%` or unit, and began with at most three digits. When the row
/// writes decimals or units, splits where every value ends in one are
/// preferred ("78 200 tkr" is one value, not "78" and "200 tkr").
fn splits(words: &[String], n: usize) -> Vec<Vec<String>> {
    let (all, strict) = split_candidates(words, n);
    if strict.is_empty() {
        all
    } else {
        strict
    }
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
    current.push(token.clone());
    search(tokens, at + 1, n, current, out);
    current.pop();
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

fn pdf_layout(lines: Vec<Line>, choices: &ReadChoices) -> RawTable<'static> {
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let titles: Vec<&Line> = lines.iter().filter(|l| l.heading).collect();
    raw.title = titles.last().map(|l| (l.text.clone(), l.line));
    let lines: Vec<Line> = lines.into_iter().filter(|l| !l.heading).collect();
    let Some(first_data) = lines.iter().position(|l| is_data_line(&l.text)) else {
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
    let mut header: Vec<Line> = lines[..first_data].to_vec();
    let body: Vec<Line> = lines[first_data..].to_vec();

    // Body rows: a run of label words, then a run of number words.
    let mut runs: Vec<Run> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut line_of_row = body.first().map_or(0, |l| l.line);
    let mut headings_in_body: Vec<(usize, String, usize)> = Vec::new(); // (runs index, text, line)
    for l in &body {
        let ws = words(&l.text);
        for (k, w) in ws.iter().enumerate() {
            let numeric = is_numeric_word(w)
                && !(matches!(shape(w), Shape::Dash | Shape::Suffix)
                    && numbers.is_empty()
                    && k + 1 < ws.len()
                    && !is_numeric_word(&ws[k + 1]));
            if numeric {
                numbers.push(w.clone());
            } else {
                if !numbers.is_empty() {
                    runs.push(Run {
                        label: std::mem::take(&mut label),
                        numbers: std::mem::take(&mut numbers),
                        line: line_of_row,
                    });
                }
                if label.is_empty() {
                    line_of_row = l.line;
                }
                label.push(w.clone());
            }
        }
        // A label line that stands alone before an empty line is a heading.
        if numbers.is_empty() && !label.is_empty() && l.blank_after && !l.trailing_space {
            headings_in_body.push((runs.len(), label.join(" "), line_of_row));
            label.clear();
        }
    }
    if !numbers.is_empty() || !label.is_empty() {
        runs.push(Run {
            label: std::mem::take(&mut label),
            numbers: std::mem::take(&mut numbers),
            line: line_of_row,
        });
    }
    let has_label = runs.iter().any(|r| !r.label.is_empty());

    // How many value columns: what most rows can be split into, nudged by
    // the heading's word count.
    let header_text = header
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let header_segments = segment_heading(&header_text).len();
    let from_header = header_segments.saturating_sub(usize::from(has_label));
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
    let n = best.map_or(1, |(_, _, n)| n);

    // Heading lines beyond what the columns need start the first row's label.
    let needed = n + usize::from(has_label);
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
    let header_text = header
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut headings = segment_heading(&header_text);
    // Too many segments: text columns come first, so with a label column
    // the segments before the last n values make up the label's heading.
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
    if headings.len() < needed && has_label {
        headings.insert(0, String::new());
    }
    while headings.len() < needed {
        headings.push(String::new());
    }
    raw.headings = headings;
    raw.context = header_text;

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
    let chosen = choose_splits(&value_runs, &candidates, choices);

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
        if candidates.get(i).is_some_and(|c| c.len() > 1) {
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
        let mut cells = Vec::new();
        if has_label {
            cells.push(RawCell::plain(label));
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
                    sum = sum.checked_add(v).unwrap_or(sum);
                }
            }
            value(total, *col) == Some(sum)
        })
        .count()
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
}
