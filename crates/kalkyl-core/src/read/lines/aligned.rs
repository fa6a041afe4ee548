//! PDF text laid out by position (`pdftotext -layout`, or a viewer that
//! keeps the page's columns): every column of figures stands at the same
//! place on every line, so the place, not the word count, says which column
//! a figure is in. Three things only the place tells:
//! - a heading printed over several lines ("Bokslut" over "2023", "Budget-"
//!   over "avvikelse", a group heading over its columns): the words of one
//!   column are those standing above it, line by line;
//! - a row that fills only some columns (blank cells to the left or between
//!   its figures): each figure goes to the column it stands in;
//! - a wrapped label: a line with no figures right below a row, starting
//!   in lowercase or carrying the row's number in parentheses ("(6014)"),
//!   continues that row's label.

use super::heading_lines::{is_dated_caption, is_year_line, is_year_word};
use super::layout_diagnostic;
use super::words::{is_sign, shape, Shape};
use crate::latin;
use crate::number::is_minus_char;
use crate::read::{RawCell, RawRow, RawTable};

/// A word of a line and the character columns it stands in (end exclusive).
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    start: usize,
    end: usize,
}

impl Placed {
    fn overlap(&self, start: usize, end: usize) -> usize {
        self.end.min(end).saturating_sub(self.start.max(start))
    }

    fn center2(&self) -> usize {
        self.start + self.end
    }
}

/// The words of a raw line with their character positions.
fn placed_words(line: &str) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    let mut current: Option<Placed> = None;
    for (i, c) in line.chars().enumerate() {
        if c.is_whitespace() {
            if let Some(word) = current.take() {
                out.push(word);
            }
        } else if let Some(word) = current.as_mut() {
            word.text.push(c);
            word.end = i + 1;
        } else {
            current = Some(Placed {
                text: c.to_string(),
                start: i,
                end: i + 1,
            });
        }
    }
    out.extend(current);
    out
}

/// A footnote mark after a figure ("-400*"): the figure without it.
fn without_mark(word: &str) -> &str {
    let bare = word.trim_end_matches('*');
    if bare.len() < word.len() && matches!(shape(bare), Shape::Number { .. }) {
        bare
    } else {
        word
    }
}

/// Whether a word is a figure (or a dash for an empty cell).
fn is_figure(word: &str) -> bool {
    matches!(
        shape(without_mark(word)),
        Shape::Number { .. } | Shape::Dash
    )
}

/// The items of a line: figures with their thousands groups joined ("-1
/// 568": a group of three digits one space after a number without
/// decimals), a lone minus joined to the digits one space after it, and
/// words. `(item, is_figure)`.
fn items(words: Vec<Placed>) -> Vec<(Placed, bool)> {
    let mut out: Vec<(Placed, bool)> = Vec::new();
    for word in words {
        let figure = is_figure(&word.text);
        if let Some((last, last_figure)) = out.last_mut() {
            let one_space = word.start == last.end + 1;
            let lone_minus = last.text.chars().count() == 1
                && last.text.chars().all(is_minus_char)
                && word.text.starts_with(|c: char| c.is_ascii_digit());
            let group = *last_figure
                && figure
                && matches!(
                    shape(&last.text),
                    Shape::Number {
                        decimals: false,
                        suffix: false,
                        ..
                    }
                )
                && last
                    .text
                    .rsplit(' ')
                    .next()
                    .is_some_and(|g| g.trim_start_matches(is_sign).len() <= 3)
                && matches!(
                    shape(without_mark(&word.text)),
                    Shape::Number {
                        signed: false,
                        int_digits: 3,
                        ..
                    }
                );
            if one_space && (group || lone_minus) {
                last.text.push_str(if lone_minus { "" } else { " " });
                last.text.push_str(&word.text);
                last.end = word.end;
                *last_figure = true;
                continue;
            }
        }
        out.push((word, figure));
    }
    out
}

/// One line of the paste, cut into its label words and its other items.
#[derive(Debug, Clone)]
struct LaidLine {
    line: usize,
    /// The words before the first figure (all words when there is none).
    label: Vec<Placed>,
    /// Figures and words after the label.
    rest: Vec<(Placed, bool)>,
    blank_before: bool,
}

impl LaidLine {
    fn figures(&self) -> impl Iterator<Item = &Placed> + '_ {
        self.rest.iter().filter(|(_, f)| *f).map(|(p, _)| p)
    }
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        // A word broken at a hyphen over two lines ("Budget-" / "avvikelse");
        // "Kultur- och" is two words.
        let conjunction = matches!(w, "och" | "eller" | "samt");
        if out.ends_with('-')
            && !out.ends_with(" -")
            && w.starts_with(latin::is_lower)
            && !conjunction
        {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The column spans of the body's figures: spans that overlap on some
/// lines are one column. `None` when two figures of one line fall in one
/// column (the figures do not stand in columns).
fn column_spans(body: &[LaidLine]) -> Option<Vec<(usize, usize)>> {
    let mut spans: Vec<(usize, usize)> = body
        .iter()
        .flat_map(|l| l.figures().map(|p| (p.start, p.end)))
        .collect();
    spans.sort_unstable();
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match columns.last_mut() {
            // Touching spans too: a wide figure set a place to the left
            // ("-1 568" under "-718"), as PDF text of right-aligned figures has.
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => columns.push((start, end)),
        }
    }
    for l in body {
        let mut seen: Vec<usize> = Vec::new();
        for p in l.figures() {
            let at = column_of(&columns, p)?;
            if seen.contains(&at) {
                return None;
            }
            seen.push(at);
        }
    }
    Some(columns)
}

/// The column a figure stands in (the one it overlaps most).
fn column_of(columns: &[(usize, usize)], p: &Placed) -> Option<usize> {
    let (at, most) = columns
        .iter()
        .enumerate()
        .map(|(i, (s, e))| (i, p.overlap(*s, *e)))
        .max_by_key(|(i, o)| (*o, usize::MAX - i))?;
    (most > 0).then_some(at)
}

/// The column nearest a word that stands between columns.
fn nearest_column(columns: &[(usize, usize)], p: &Placed) -> usize {
    columns
        .iter()
        .enumerate()
        .min_by_key(|(_, (s, e))| (s + e).abs_diff(p.center2()))
        .map_or(0, |(i, _)| i)
}

/// The words of the heading line with the most words over the columns,
/// shared among the columns in order, each word to the column nearest it,
/// every column one word at least when there are enough.
fn share_anchor(words: &[&Placed], columns: &[(usize, usize)]) -> Vec<usize> {
    let m = words.len();
    let n = columns.len();
    if m == 0 || n == 0 {
        return Vec::new();
    }
    let cost = |w: usize, c: usize| match (words.get(w), columns.get(c)) {
        (Some(p), Some((s, e))) => (s + e).abs_diff(p.center2()),
        _ => usize::MAX / 4,
    };
    let surjective = m >= n;
    // best[w][c]: least cost of words 0..=w with word w in column c.
    const NONE: usize = usize::MAX / 2;
    let mut best = vec![vec![NONE; n]; m];
    let mut from = vec![vec![0usize; n]; m];
    for c in 0..n {
        if !surjective || c == 0 {
            if let Some(cell) = best.get_mut(0).and_then(|r| r.get_mut(c)) {
                *cell = cost(0, c);
            }
        }
    }
    for w in 1..m {
        for c in 0..n {
            let mut choice: Option<(usize, usize)> = None;
            let lowest = if surjective { c.saturating_sub(1) } else { 0 };
            let highest = if surjective { c } else { c.saturating_sub(1) };
            if !surjective && c == 0 {
                continue;
            }
            for prev in lowest..=highest {
                let before = best
                    .get(w - 1)
                    .and_then(|r| r.get(prev))
                    .copied()
                    .unwrap_or(NONE);
                if before >= NONE {
                    continue;
                }
                if choice.is_none_or(|(v, _)| before < v) {
                    choice = Some((before, prev));
                }
            }
            if let Some((v, prev)) = choice {
                if let (Some(cell), Some(f)) = (
                    best.get_mut(w).and_then(|r| r.get_mut(c)),
                    from.get_mut(w).and_then(|r| r.get_mut(c)),
                ) {
                    *cell = v + cost(w, c);
                    *f = prev;
                }
            }
        }
    }
    let last_row = best.get(m - 1).cloned().unwrap_or_default();
    let end = if surjective {
        Some(n - 1).filter(|c| last_row.get(*c).is_some_and(|v| *v < NONE))
    } else {
        last_row
            .iter()
            .enumerate()
            .filter(|(_, v)| **v < NONE)
            .min_by_key(|(_, v)| **v)
            .map(|(c, _)| c)
    };
    let Some(mut c) = end else {
        return words.iter().map(|p| nearest_column(columns, p)).collect();
    };
    let mut out = vec![0; m];
    for w in (0..m).rev() {
        if let Some(slot) = out.get_mut(w) {
            *slot = c;
        }
        c = from.get(w).and_then(|r| r.get(c)).copied().unwrap_or(0);
    }
    out
}

/// Group headings over runs of columns ("Utgifter sedan projektets start"
/// over Total projektbudget, Ack. Utfall and Avvikelse; "Varav årets
/// investeringar" over Budget, Utfall and Budgetavvikelse): a heading line
/// above the anchor line with two phrases or more, each over a column of
/// its own, starts a group at each phrase's column, up to the next group.
/// The words above the anchor in a group's first column head every column
/// of the group.
fn spread_group_headings(
    column_words: &mut [Vec<(usize, String)>],
    phrase_columns: &[(usize, usize)],
    anchor: Option<usize>,
) {
    let Some(anchor) = anchor else { return };
    let n = column_words.len();
    let mut starts: Vec<usize> = Vec::new();
    let mut lines: Vec<usize> = phrase_columns.iter().map(|(li, _)| *li).collect();
    lines.dedup();
    for li in lines.into_iter().filter(|li| *li < anchor) {
        let mut cols: Vec<usize> = phrase_columns
            .iter()
            .filter(|(l, _)| *l == li)
            .map(|(_, c)| *c)
            .collect();
        let count = cols.len();
        cols.dedup();
        if count >= 2 && cols.len() == count && count < n {
            starts.extend(cols);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    if starts.len() < 2 {
        return;
    }
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(n);
        let group: Vec<(usize, String)> = column_words
            .get(*start)
            .map(|ws| ws.iter().filter(|(li, _)| *li < anchor).cloned().collect())
            .unwrap_or_default();
        for c in start + 1..end {
            if let Some(col) = column_words.get_mut(c) {
                let mut words = group.clone();
                words.append(col);
                *col = words;
            }
        }
    }
}

/// Whether a word closes with a number in parentheses: the project or
/// account number a label carries ("(6014)", "(6015, 6119)").
pub(super) fn is_code_in_parentheses(text: &str) -> bool {
    let Some(inner) = text
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit('(').next())
    else {
        return false;
    };
    !inner.is_empty()
        && inner.chars().any(|c| c.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
}

/// Whether a line's label stands two spaces or more from what follows it
/// (true when it has no label or nothing after it).
fn set_apart_line(l: &LaidLine) -> bool {
    match (l.label.last(), l.rest.first()) {
        (Some(a), Some((b, _))) => b.start >= a.end + 2,
        _ => true,
    }
}

/// Lays out PDF text whose figures stand in columns by position. `None`
/// unless the lines are so laid out: three rows of figures at least, two
/// columns at least, the label set apart from the figures by two spaces or
/// more on every row, and the figures of every row in distinct columns.
pub(super) fn aligned_columns(plain: &str) -> Option<RawTable<'static>> {
    // No two spaces anywhere: nothing stands apart (most PDF copies).
    if plain.contains('\t') || !plain.contains("  ") {
        return None;
    }
    let mut lines: Vec<LaidLine> = Vec::new();
    let mut blank = false;
    for (i, raw) in plain.split('\n').enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            blank = true;
            continue;
        }
        let all = items(placed_words(raw));
        // A figure between words one space apart is the label's ("Antal
        // invånare 31 december", "Utfall 8 mån").
        let word_at = |i: usize, gap_to: &Placed| {
            all.get(i).is_some_and(|(q, f)| {
                !f && (q.end + 1 == gap_to.start || gap_to.end + 1 == q.start)
            })
        };
        let first_figure = (0..all.len())
            .find(|&i| {
                all.get(i)
                    .is_some_and(|(p, f)| *f && !(i > 0 && word_at(i - 1, p) && word_at(i + 1, p)))
            })
            .unwrap_or(all.len());
        let label: Vec<Placed> = all
            .iter()
            .take(first_figure)
            .map(|(p, _)| p.clone())
            .collect();
        let rest: Vec<(Placed, bool)> = all.into_iter().skip(first_figure).collect();
        lines.push(LaidLine {
            line: i + 1,
            label,
            rest,
            blank_before: blank,
        });
        blank = false;
    }
    let text_of = |l: &LaidLine| {
        join(
            l.label
                .iter()
                .chain(l.rest.iter().map(|(p, _)| p))
                .map(|p| p.text.as_str()),
        )
    };
    let is_data = |l: &LaidLine| {
        let text = text_of(l);
        l.rest.last().is_some_and(|(_, figure)| *figure)
            && !is_year_line(&text)
            && !is_dated_caption(&text)
    };
    let first_data = lines.iter().position(is_data)?;
    let last_data = lines.iter().rposition(is_data)?;
    let data: Vec<LaidLine> = lines
        .get(first_data..=last_data)
        .unwrap_or(&[])
        .iter()
        .filter(|l| is_data(l))
        .cloned()
        .collect();
    if data.len() < 3 || data.iter().filter(|l| l.figures().count() >= 2).count() < 2 {
        return None;
    }
    // The label stands apart from the figures on every row with both.
    let set_apart = data.iter().all(set_apart_line);
    // Words after the first figure are text cells only when they stand
    // alone in a column ("Ej aktuellt"); a unit after a figure ("12 mnkr")
    // is no such layout.
    if !set_apart
        || data.iter().any(|l| {
            l.rest.iter().any(|(p, f)| {
                !f && p.text.chars().any(latin::is_letter)
                    && l.rest.iter().any(|(q, g)| *g && q.end + 1 == p.start)
            })
        })
    {
        return None;
    }
    let columns = column_spans(&data)?;
    let n = columns.len();
    if n < 2 {
        return None;
    }
    let first_column = columns.first().map_or(0, |c| c.0);
    // How far the body's labels reach: header words ending there head the
    // labels.
    let label_reach = lines
        .get(first_data..)
        .unwrap_or(&[])
        .iter()
        .flat_map(|l| l.label.last().map(|p| p.end))
        .filter(|end| *end <= first_column)
        .max()
        .unwrap_or(0);
    let over_columns = |p: &Placed| p.end > label_reach + 1;

    // Title lines: the top lines with nothing over the columns. Heading
    // lines: from the first with words over the columns to the last, the
    // label-only lines after them being section headings of the body.
    let above = lines.get(..first_data).unwrap_or(&[]);
    let words_over = |l: &LaidLine| {
        l.label
            .iter()
            .chain(l.rest.iter().map(|(p, _)| p))
            .any(over_columns)
    };
    // A line of one phrase at the left margin above the heading is a title
    // ("Anläggning, Fritids- och föreningsutveckling"), however long.
    let margin = lines
        .iter()
        .filter_map(|l| l.label.first())
        .map(|p| p.start)
        .min()
        .unwrap_or(0);
    let one_phrase = |l: &LaidLine| {
        let ws: Vec<&Placed> = l
            .label
            .iter()
            .chain(l.rest.iter().map(|(p, _)| p))
            .collect();
        ws.first().is_some_and(|p| p.start == margin)
            && ws.windows(2).all(|w| match (w.first(), w.get(1)) {
                (Some(a), Some(b)) => b.start <= a.end + 1,
                _ => true,
            })
    };
    let head_start = above
        .iter()
        .position(|l| words_over(l) && !one_phrase(l))
        .unwrap_or(above.len());
    let head_end = above
        .iter()
        .rposition(words_over)
        .map_or(head_start, |i| i + 1);
    let titles = above.get(..head_start).unwrap_or(&[]);
    let header = above.get(head_start..head_end).unwrap_or(&[]);
    let body_start = head_end;

    // Headings: the anchor line (most words over the columns, the lowest
    // of equals) shares its words among the columns; the words of other
    // lines go to the column of the anchor words they stand over.
    let header_words: Vec<Vec<Placed>> = header
        .iter()
        .map(|l| {
            l.label
                .iter()
                .chain(l.rest.iter().map(|(p, _)| p))
                .cloned()
                .collect()
        })
        .collect();
    let mut label_heading: Vec<String> = Vec::new();
    let mut column_words: Vec<Vec<(usize, String)>> = vec![Vec::new(); n];
    // (line, column) of every phrase placed whole.
    let mut phrase_columns: Vec<(usize, usize)> = Vec::new();
    let anchor = header_words
        .iter()
        .enumerate()
        .max_by_key(|(i, ws)| (ws.iter().filter(|p| over_columns(p)).count(), *i))
        .map(|(i, _)| i);
    let mut anchor_placed: Vec<(Placed, usize)> = Vec::new();
    if let Some(a) = anchor {
        let ws: Vec<&Placed> = header_words
            .get(a)
            .map(|ws| ws.iter().filter(|p| over_columns(p)).collect())
            .unwrap_or_default();
        // A heading starts at a capitalised word, or at a year when the
        // heading before has one ("Budget 2025 Utfall 2025").
        let mut segments: Vec<Vec<&Placed>> = Vec::new();
        for p in ws {
            let starts = if is_year_word(&p.text) {
                segments
                    .last()
                    .is_none_or(|seg| seg.iter().any(|q| is_year_word(&q.text)))
            } else {
                p.text
                    .chars()
                    .find(|c| latin::is_letter(*c))
                    .is_some_and(|c| !latin::is_lower(c))
            };
            match segments.last_mut() {
                Some(seg) if !starts => seg.push(p),
                _ => segments.push(vec![p]),
            }
        }
        let spans: Vec<Placed> = segments
            .iter()
            .map(|seg| Placed {
                text: String::new(),
                start: seg.first().map_or(0, |p| p.start),
                end: seg.last().map_or(0, |p| p.end),
            })
            .collect();
        let span_refs: Vec<&Placed> = spans.iter().collect();
        let shared = share_anchor(&span_refs, &columns);
        for (seg, c) in segments.into_iter().zip(shared) {
            for p in seg {
                anchor_placed.push((p.clone(), c));
            }
        }
    }
    for (li, ws) in header_words.iter().enumerate() {
        // Phrases: words one space apart.
        let mut phrases: Vec<Vec<&Placed>> = Vec::new();
        for p in ws {
            match phrases.last_mut() {
                Some(ph) if ph.last().is_some_and(|q| p.start <= q.end + 1) => ph.push(p),
                _ => phrases.push(vec![p]),
            }
        }
        for phrase in phrases {
            let words: Vec<&Placed> = phrase.into_iter().collect();
            if Some(li) == anchor {
                for p in words {
                    if !over_columns(p) {
                        label_heading.push(p.text.clone());
                    } else if let Some((_, c)) =
                        anchor_placed.iter().find(|(q, _)| q.start == p.start)
                    {
                        if let Some(col) = column_words.get_mut(*c) {
                            col.push((li, p.text.clone()));
                        }
                    }
                }
                continue;
            }
            let start = words.first().map_or(0, |p| p.start);
            let end = words.last().map_or(0, |p| p.end);
            let span = Placed {
                text: String::new(),
                start,
                end,
            };
            if !over_columns(&span) {
                label_heading.extend(words.iter().map(|p| p.text.clone()));
                continue;
            }
            // A phrase whose every word stands right over (or under) one
            // anchor word of its own column is that many headings ("Budget
            // Bokslut" over "2025 2025").
            let under: Vec<Option<usize>> = words
                .iter()
                .map(|p| {
                    anchor_placed
                        .iter()
                        .find(|(q, _)| {
                            (q.start <= p.start && p.end <= q.end)
                                || (p.start <= q.start && q.end <= p.end)
                        })
                        .map(|(_, c)| *c)
                })
                .collect();
            let each: Vec<usize> = under.iter().flatten().copied().collect();
            if words.len() > 1
                && each.len() == words.len()
                && each.windows(2).all(|w| w.first() < w.get(1))
            {
                for (p, c) in words.iter().zip(each) {
                    if let Some(col) = column_words.get_mut(c) {
                        col.push((li, p.text.clone()));
                    }
                }
                continue;
            }
            let mut by_column = vec![0usize; n];
            for (q, c) in &anchor_placed {
                if let Some(v) = by_column.get_mut(*c) {
                    *v += q.overlap(start, end);
                }
            }
            let most = by_column.iter().copied().max().unwrap_or(0);
            let c = if most > 0 {
                by_column.iter().position(|v| *v == most).unwrap_or(0)
            } else {
                nearest_column(&columns, &span)
            };
            if let Some(col) = column_words.get_mut(c) {
                col.extend(words.iter().map(|p| (li, p.text.clone())));
            }
            phrase_columns.push((li, c));
        }
    }
    spread_group_headings(&mut column_words, &phrase_columns, anchor);
    let mut headings = vec![label_heading.join(" ")];
    for col in &column_words {
        let mut lines_of: Vec<String> = Vec::new();
        let mut last_line = None;
        for (li, t) in col {
            match lines_of.last_mut() {
                Some(text) if last_line == Some(*li) => {
                    text.push(' ');
                    text.push_str(t);
                }
                _ => lines_of.push(t.clone()),
            }
            last_line = Some(*li);
        }
        headings.push(join(lines_of.iter().map(String::as_str)));
    }

    // Body rows.
    let mut raw = RawTable {
        from_lines: true,
        headings,
        ..RawTable::default()
    };
    raw.title = titles.last().map(|l| (text_of(l), l.line));
    raw.context = join(
        titles
            .iter()
            .chain(header.iter())
            .map(text_of)
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    let body = lines.get(body_start..).unwrap_or(&[]);
    // Every line of the body with figures has its label set apart, not
    // only the rows counted above: a line that ends in a year ("Inköp
    // 2000") or in words is a row too, and a figure one space after its
    // label is not one this layout can place.
    if !body.iter().all(set_apart_line) {
        return None;
    }
    // Whether the row last pushed has figures or text cells, and so may
    // take a continued label.
    let mut last_is_row = false;
    let mut pending_label: Vec<String> = Vec::new();
    for (k, l) in body.iter().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); n];
        let mut any_cell = false;
        let mut label: Vec<String> = l.label.iter().map(|p| p.text.clone()).collect();
        // Label-only lines may hold text cells over the columns.
        let mut rest: Vec<&Placed> = l.rest.iter().map(|(p, _)| p).collect();
        if l.figures().next().is_none() {
            // The first phrase (words one space apart) is the label; the
            // phrases after it that stand over the columns are cells.
            let phrase_end = l
                .label
                .windows(2)
                .position(|w| w.get(1).map_or(0, |b| b.start) > w.first().map_or(0, |a| a.end) + 1)
                .map_or(l.label.len(), |i| i + 1);
            let in_label = |i: usize, p: &Placed| i < phrase_end || !over_columns(p);
            label = (l.label.iter().enumerate())
                .filter(|(i, p)| in_label(*i, p))
                .map(|(_, p)| p.text.clone())
                .collect();
            rest = (l.label.iter().enumerate())
                .filter(|(i, p)| !in_label(*i, p))
                .map(|(_, p)| p)
                .collect();
        }
        for p in rest {
            let c = column_of(&columns, p).unwrap_or_else(|| nearest_column(&columns, p));
            if let Some(cell) = cells.get_mut(c) {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(without_mark(&p.text));
                any_cell = true;
            }
        }
        let label_text = label.join(" ");
        let has_figures = l.figures().next().is_some();
        if !has_figures {
            // A wrapped label's next line: right below a row, in lowercase
            // or closing with the row's number in parentheses.
            let continues = last_is_row
                && !l.blank_before
                && (label_text.starts_with(latin::is_lower)
                    || is_code_in_parentheses(&label_text)
                    || label_text.is_empty());
            if continues {
                if let Some(row) = raw.rows.last_mut() {
                    if let Some(first) = row.cells.first_mut() {
                        let joined = join([first.text.as_ref(), label_text.as_str()].into_iter());
                        first.text = joined.trim().to_string().into();
                    }
                    for (c, text) in cells.iter().enumerate() {
                        if text.is_empty() {
                            continue;
                        }
                        if let Some(cell) = row.cells.get_mut(c + 1) {
                            let joined = join([cell.text.as_ref(), text.as_str()].into_iter());
                            cell.text = joined.trim().to_string().into();
                        }
                    }
                }
                continue;
            }
            if !any_cell {
                // A label broken before its row: it ends in a comma or a
                // hyphen, or the row below goes on in lowercase.
                let next = body.get(k + 1);
                let broken = next.is_some_and(|n| {
                    !n.blank_before
                        && n.figures().next().is_some()
                        && (label_text.ends_with([',', '-'])
                            || n.label
                                .first()
                                .is_some_and(|p| p.text.starts_with(latin::is_lower)))
                });
                if broken {
                    pending_label.push(label_text);
                    last_is_row = false;
                    continue;
                }
                raw.rows.push(RawRow {
                    line: l.line,
                    cells: vec![RawCell::plain(label_text)],
                });
                last_is_row = false;
                continue;
            }
        }
        let label_text = if pending_label.is_empty() {
            label_text
        } else {
            pending_label.push(label_text);
            join(
                std::mem::take(&mut pending_label)
                    .iter()
                    .map(String::as_str),
            )
        };
        let mut row_cells = vec![RawCell::plain(label_text)];
        row_cells.extend(cells.into_iter().map(RawCell::plain));
        raw.rows.push(RawRow {
            line: l.line,
            cells: row_cells,
        });
        last_is_row = true;
    }
    for text in pending_label {
        raw.rows.push(RawRow {
            line: body.last().map_or(0, |l| l.line),
            cells: vec![RawCell::plain(text)],
        });
    }
    raw.diagnostics.push(layout_diagnostic(
        None,
        header.first().or(data.first()).map(|l| l.line),
        header.iter().map(text_of).collect::<Vec<_>>().join(" "),
        format!("The figures stand in {n} columns by their place on the line; each figure, heading word and wrapped label was read by where it stands."),
        format!("Talen står i {n} kolumner efter sin plats på raden; varje tal, rubrikord och radbruten etikett lästes efter var det står."),
    ));
    Some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headings and rows (cells joined by " | ") of a laid-out text.
    fn read(text: &str) -> (Vec<String>, Vec<String>) {
        let raw = aligned_columns(text).expect("laid out by position");
        let rows = raw
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text.to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        (raw.headings, rows)
    }

    #[test]
    fn columns_are_read_by_place() {
        // (text, headings, rows)
        let table: &[(&str, &[&str], &[&str])] = &[
            // A heading over two lines, a wrapped label, a footnote mark,
            // thousands set apart by a space.
            (
                "Bidrag, tkr        Bokslut     Budget\n\
                 \x20                    2024       2025\n\
                 Arrangörsbidrag för      -718       -718\n\
                 kulturföreningar\n\
                 Studiebidrag             -400       -400*\n\
                 Totalt                 -1 118     -1 118\n",
                &["Bidrag, tkr", "Bokslut 2024", "Budget 2025"],
                &[
                    "Arrangörsbidrag för kulturföreningar | -718 | -718",
                    "Studiebidrag | -400 | -400",
                    "Totalt | -1 118 | -1 118",
                ],
            ),
            // Rows filling only the right-hand columns, a heading broken at
            // a hyphen, a project number in parentheses on the next line,
            // a section heading after a blank line.
            (
                "Mnkr               Total   Budget Utfall  Budget-\n\
                 \x20                                        avvikelse\n\
                 Inventarier                 0,800 0,617    0,183\n\
                 \n\
                 Pågående projekt\n\
                 Ny inredning        4,827   0,709 0,694    0,015\n\
                 (6014)\n\
                 Summa               4,827   1,509 1,311    0,198\n",
                &["Mnkr", "Total", "Budget", "Utfall", "Budgetavvikelse"],
                &[
                    "Inventarier |  | 0,800 | 0,617 | 0,183",
                    "Pågående projekt",
                    "Ny inredning (6014) | 4,827 | 0,709 | 0,694 | 0,015",
                    "Summa | 4,827 | 1,509 | 1,311 | 0,198",
                ],
            ),
            // A wide figure a place to the left of its column ("-1 568"
            // under "-718"), a small number inside a label.
            (
                "Tkr                        Utfall    Budget\n\
                 Bidrag                     -718        -700\n\
                 Utfall 8 mån               -850        -868\n\
                 Totalt               -1 568          -1 568\n",
                &["Tkr", "Utfall", "Budget"],
                &[
                    "Bidrag | -718 | -700",
                    "Utfall 8 mån | -850 | -868",
                    "Totalt | -1 568 | -1 568",
                ],
            ),
        ];
        for (text, headings, rows) in table {
            let (h, r) = read(text);
            assert_eq!(h, *headings, "{text}");
            assert_eq!(r, *rows, "{text}");
        }
    }

    #[test]
    fn text_not_in_columns_is_left_to_other_layouts() {
        for text in [
            // Single spaces only: no place to read.
            "Intäkter 100 200\nKostnader 300 400\nNetto 400 600\n",
            // Two figures of one row in one column.
            "A     10   20\nB     12345678\nC     30   40\n",
        ] {
            assert!(aligned_columns(text).is_none(), "{text}");
        }
    }

    proptest::proptest! {
        /// Text of words, figures and runs of spaces, as laid-out PDF text
        /// has: the layout never panics, and every row it reads has the
        /// label and one cell per column, or is a heading line.
        #[test]
        fn laid_out_text_never_panics(text in "([A-Za-zåÄ(),*-]{1,6}|[0-9]{1,4}|[0-9],[0-9]{3}|-[0-9 ]{1,5}| {1,9}|\n){0,80}") {
            proptest::prop_assert!(rows_fit(&text));
        }

        /// Rows of a label and figures at varying places, with heading
        /// lines and wrapped labels among them.
        #[test]
        fn rows_at_any_place_never_panic(lines in proptest::collection::vec(
            ("[A-Za-zå(]{0,8}( [a-z0-9)]{1,5})?", proptest::collection::vec((1usize..7, "-?[0-9]{1,3}( [0-9]{3})?(,[0-9]{1,3})?\\*?"), 0..7)),
            0..14,
        )) {
            let text: String = lines
                .iter()
                .map(|(label, cells)| {
                    let mut line = label.clone();
                    for (gap, cell) in cells {
                        line.push_str(&" ".repeat(*gap));
                        line.push_str(cell);
                    }
                    line + "\n"
                })
                .collect();
            proptest::prop_assert!(rows_fit(&text));
        }
    }

    proptest::proptest! {
        /// Figures right-aligned in columns (some cells blank, some figures
        /// a place off), labels wrapped or not: read by place, every figure
        /// stays in its row.
        #[test]
        fn figures_in_columns_stay_in_their_rows(
            columns in 2usize..6,
            rows in proptest::collection::vec((
                "[A-Z][a-zå]{0,9}( [a-z(0-9)]{1,6})?",
                proptest::collection::vec(proptest::option::of("-?[0-9]{1,3}( [0-9]{3})?(,[0-9])?"), 5),
                0usize..2,
            ), 0..12),
        ) {
            let mut text = String::from("Mnkr               Utfall       Budget    Avvikelse      Prognos        Antal\n");
            let mut figures = 0;
            for (label, cells, shift) in &rows {
                let mut line: Vec<char> = label.chars().collect();
                line.resize(16 + 13 * columns, ' ');
                for (k, cell) in cells.iter().take(columns).enumerate() {
                    let Some(cell) = cell else { continue };
                    figures += 1;
                    // Columns 13 wide, figures at most 10: two spaces between.
                    let end = 16 + 13 * (k + 1) - shift;
                    for (i, c) in cell.chars().enumerate() {
                        if let Some(slot) = line.get_mut(end - cell.chars().count() + i) {
                            *slot = c;
                        }
                    }
                }
                text.extend(line);
                text.push('\n');
            }
            proptest::prop_assert!(rows_fit(&text));
            if let Some(raw) = aligned_columns(&text) {
                let read = raw.rows.iter().flat_map(|r| r.cells.iter().skip(1)).filter(|c| !c.text.is_empty()).count();
                proptest::prop_assert_eq!(read, figures);
            }
        }
    }

    /// Whether every row read has the label and one cell per column, or is
    /// a heading line.
    fn rows_fit(text: &str) -> bool {
        aligned_columns(text).is_none_or(|raw| {
            let width = raw.headings.len();
            raw.rows
                .iter()
                .all(|row| row.cells.len() == width || row.cells.len() == 1)
        })
    }
}
