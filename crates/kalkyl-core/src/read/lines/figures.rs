//! Figures glued to a label and to each other, with thousands spaces and
//! decimals: every cut of a row's digits into the table's columns, the note
//! a cut may start with, and the order notes keep down a statement.

use std::borrow::Cow;

use super::heading_lines::{has_year_word, is_year_line};
use super::together::{MAX_CUT_STEPS, MAX_GLUED_CUTS};
use super::words::is_sign;
use crate::grid::Grid;
use crate::latin;
use crate::number::is_minus_char;
use crate::read::headings::is_note_heading;

/// A figure of a cut row: its text (sign, digits, decimals) and its value in
/// units of the last decimal.
pub(super) type Figure = (String, i64);

/// One cut per row, or none for a row no sum decides.
pub(super) type Picks = Vec<Option<Vec<Figure>>>;

/// The note each cut of a row starts with, if any.
pub(super) type RowNotes = Vec<Option<String>>;

/// A label with figures glued to its end, the figures allowed to carry
/// thousands spaces and decimal commas: (label, figures).
pub(super) fn glued_figures(text: &str) -> Option<(&str, &str)> {
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
    let (label, tail) = text.split_at(after_unit_exponent(text, at));
    if tail.is_empty() || label.ends_with(char::is_whitespace) {
        return None;
    }
    Some((label, tail))
}

/// Where the figures glued to a label start, given that they seem to start
/// at byte `at` of `text`: one digit later when the label ends in an area's
/// or a volume's unit whose exponent lost its superscript ("Lägenheter,
/// m²" copied as "m2", "kr/m³" as "kr/m3"). The exponent is the unit's, not
/// the first figure's first digit: "kr/m21 068" is 1 068 kr/m².
pub(super) fn after_unit_exponent(text: &str, at: usize) -> usize {
    let (Some(label), Some(tail)) = (text.get(..at), text.get(at..)) else {
        return at;
    };
    let unit_before = label
        .strip_suffix('m')
        .map(|rest| rest.strip_suffix('k').unwrap_or(rest))
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(latin::is_letter));
    let exponent = tail.starts_with(['2', '3'])
        && tail[1..].starts_with(|c: char| c.is_ascii_digit() || is_sign(c));
    if unit_before && exponent {
        at + 1
    } else {
        at
    }
}

/// Every cut of a row's pieces of figures into `n` figures with `decimals`
/// decimals each; `grouped`: numbers of four digits or more carry thousands
/// spaces. `None` when there are more than [`MAX_GLUED_CUTS`].
pub(super) fn figure_cuts(
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
pub(super) fn figure_unevenness(cut: &[Figure]) -> usize {
    let widths = cut
        .iter()
        .map(|(t, _)| t.chars().filter(char::is_ascii_digit).count())
        .filter(|w| *w > 0);
    widths.clone().max().unwrap_or(0) - widths.min().unwrap_or(0)
}

/// The heading cells on the lines `from..=to` of the paste: a blank line
/// or a capitalised line starts the next cell, a line starting in lower
/// case continues the cell above (a heading wrapped in its cell).
pub(super) fn wrapped_heading_cells(grid: &Grid<'_>, from: usize, to: usize) -> Vec<String> {
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
pub(super) fn order_notes(chosen: &mut [Option<usize>], notes: &[RowNotes]) {
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
pub(super) fn join_note_lists(text: &str) -> String {
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
pub(super) fn note_prefixes(run: &str) -> Vec<(String, &str)> {
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

/// The end of a whole number's digits from `i`: a run of digits, and after
/// it groups of exactly three set apart by one space ("1 344", "57 649
/// 000"). `i` itself when no digit stands there.
fn digit_groups_end(chars: &[char], mut i: usize) -> usize {
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    if !digit_at(i) {
        return i;
    }
    while digit_at(i) {
        i += 1;
    }
    while chars.get(i) == Some(&' ') && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) {
        i += 4;
    }
    i
}

/// How a cut row's figures were closed off from what follows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FiguresClosed {
    /// Each figure by its unit or `%` (the last one maybe by the line's end).
    ByUnits,
    /// One figure, closed by the line's end alone; `grouped`: it carries
    /// thousands spaces or a decimal comma, the shape of an amount, not of
    /// a code glued to a word ("Etapp1").
    ByLineEnd { grouped: bool },
    /// One figure glued after a date that ends the label ("2010-01-2596"):
    /// a date's day has two digits, so the cut is certain.
    AfterDate,
}

/// Whether the ten characters before `at` are a whole date, "2010-01-25",
/// not preceded by a digit.
fn date_ends_at(chars: &[char], at: usize) -> bool {
    let Some(from) = at.checked_sub(10) else {
        return false;
    };
    let Some(date) = chars.get(from..at) else {
        return false;
    };
    let number = |a: usize, b: usize| {
        date.get(a..b)
            .filter(|ds| ds.iter().all(char::is_ascii_digit))
            .map(|ds| {
                ds.iter()
                    .fold(0u32, |n, d| n * 10 + d.to_digit(10).unwrap_or(0))
            })
    };
    date.get(4) == Some(&'-')
        && date.get(7) == Some(&'-')
        && number(0, 4).is_some_and(|y| (1900..=2099).contains(&y))
        && number(5, 7).is_some_and(|m| (1..=12).contains(&m))
        && number(8, 10).is_some_and(|d| (1..=31).contains(&d))
        && !from
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
}

/// A row led by a date with its one figure glued after the day
/// ("2010-01-2596", a payment plan copied with no separator): the date,
/// a space and the figure ("2010-01-25 96").
fn figure_after_date(chars: &[char]) -> Option<String> {
    const AT: usize = 10;
    if !date_ends_at(chars, AT) || !chars.get(AT).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let rest = chars.get(AT..)?;
    let mut end = digit_groups_end(rest, 0);
    if rest.get(end) == Some(&',') {
        end += 1 + rest
            .get(end + 1..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
    }
    if end != rest.len() {
        return None;
    }
    let at = AT;
    let mut out: String = chars.get(..at)?.iter().collect();
    out.push(' ');
    out.extend(rest);
    Some(out)
}

/// A row whose figures each end in a unit or `%`, glued to its label and
/// to each other ("Berg14 044 tkr10,44 %", a web table copied with no
/// separator), or whose one figure is glued to the label and ended by the
/// line ("Disponeras av Boverket20 410", "(Ram)48 617"): the same row with
/// a space between the label and each figure ("Berg 14 044 tkr 10,44 %").
/// A unit or `%` closes a figure, as the line's end closes the last, so
/// the cut is certain; a label's last letter or `)` starts the figure. A
/// bare year at the line's end is no figure ("Prognos2024"), nor digits
/// after a short word ("m2", "CO2"), which are a unit's. `None` when
/// nothing is glued or a figure does not end so.
pub(super) fn unit_ended_figures(text: &str) -> Option<(String, FiguresClosed)> {
    let chars: Vec<char> = text.trim().chars().collect();
    if let Some(cut) = figure_after_date(&chars) {
        return Some((cut, FiguresClosed::AfterDate));
    }
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    // The label ends where the first figure starts: a digit, or a sign
    // right before one, after a letter, a space or a closing parenthesis.
    // A number inside the label ("Låneram (enl 20 § budgetlagen)100 000")
    // is no figure when what follows it is not: the next start glued to
    // the label is tried.
    let figure_at =
        |i: usize| digit_at(i) || (chars.get(i).copied().is_some_and(is_sign) && digit_at(i + 1));
    let glued_at = |i: &usize| {
        figure_at(*i)
            && chars
                .get(*i - 1)
                .is_some_and(|c| latin::is_letter(*c) || *c == ')')
    };
    let first = (1..chars.len())
        .find(|i| glued_at(i) || chars.get(i - 1) == Some(&' ') && figure_at(*i))?;
    figures_from(&chars, first).or_else(|| {
        (first + 1..chars.len())
            .filter(glued_at)
            .find_map(|start| figures_from(&chars, start))
    })
}

/// The row cut with its figures starting at `start` (see
/// [`unit_ended_figures`]), if every word from there is a figure closed by
/// a unit, `%` or the line's end.
fn figures_from(chars: &[char], start: usize) -> Option<(String, FiguresClosed)> {
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let label: String = chars.get(..start)?.iter().collect();
    let glued_to_label = !label.ends_with(' ');
    let mut glued = glued_to_label;
    let mut figures = 0;
    let mut last_figure: &[char] = &[];
    let mut out = label.trim_end().to_string();
    let mut ended_by_unit = false;
    let mut i = start;
    while i < chars.len() {
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        let from = i;
        if chars.get(i).copied().is_some_and(is_sign) {
            i += 1;
        }
        let digits = i;
        i = digit_groups_end(chars, i);
        if i == digits {
            return None;
        }
        if chars.get(i) == Some(&',') && digit_at(i + 1) {
            i += 1;
            while digit_at(i) {
                i += 1;
            }
        }
        let figure_end = i;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        // The line's end closes its last figure too.
        let unit_end = if chars.get(i) == Some(&'%') {
            i + 1
        } else if i >= chars.len() {
            i
        } else {
            let word_end = (i..=chars.len())
                .find(|&k| !chars.get(k).is_some_and(|c| latin::is_letter(*c)))
                .unwrap_or(chars.len());
            let word: String = chars.get(i..word_end)?.iter().collect();
            crate::number::Unit::from_word(&word)?;
            word_end
        };
        ended_by_unit |= unit_end > i;
        glued |= chars.get(unit_end).is_some_and(|c| *c != ' ');
        figures += 1;
        last_figure = chars.get(from..figure_end)?;
        out.push(' ');
        out.extend(chars.get(from..figure_end)?);
        if unit_end > i {
            out.push(' ');
            out.extend(chars.get(i..unit_end)?);
        }
        i = unit_end;
    }
    if glued && ended_by_unit {
        return Some((out, FiguresClosed::ByUnits));
    }
    let year = last_figure.len() == 4
        && matches!(last_figure, ['1', '9', ..] | ['2', '0', ..])
        && last_figure.iter().all(char::is_ascii_digit);
    // A unit with a digit ("m2", "CO2") ends short words; a label's word
    // glued to its figure is a longer one, or a parenthesis.
    let glued_word = label
        .chars()
        .rev()
        .take_while(|c| latin::is_letter(*c))
        .count();
    let word_ends_label = glued_word >= 3 || label.ends_with(')');
    (glued_to_label && figures == 1 && !year && word_ends_label).then(|| {
        // One decimal comma with one or two decimals ("Staben3,79"); a
        // run of figures glued at their commas ("17,215,714,9") is a
        // series, cut elsewhere.
        let parts: Vec<&[char]> = last_figure.split(|c| *c == ',').collect();
        let decimal = matches!(parts[..], [_, decimals] if (1..=2).contains(&decimals.len()));
        let grouped = last_figure.contains(&' ') || decimal;
        (out, FiguresClosed::ByLineEnd { grouped })
    })
}

/// Whole figures glued to each other at a minus sign, in a text layer that
/// dropped the spaces between them ("-544 797-567 657-97 138", "500-21
/// 796"): a minus right between two digits starts the next figure, and a
/// space is set before it. Not between a year and a year or a month
/// ("2017-2018", "2018-12"), nor inside parentheses ("(40-41)"), where the
/// dash is a range's. Returns the cut text and how many cuts, or `None`
/// when fewer than three: a table glued so has a minus in many rows.
pub(super) fn cut_glued_negatives(text: &str) -> Option<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let digits_before = |i: usize| {
        chars
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let digits_after = |i: usize| {
        chars
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let is_year =
        |digits: &[char]| digits.len() == 4 && matches!(digits, ['1', '9', ..] | ['2', '0', ..]);
    let mut out = String::with_capacity(text.len() + 8);
    let mut cuts = 0;
    let mut depth = 0i32;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let (before, after) = match c {
            '-' if depth <= 0 => (digits_before(i), digits_after(i)),
            _ => (0, 0),
        };
        if before > 0 && after > 0 {
            let left = chars.get(i - before..i).unwrap_or(&[]);
            let right = chars.get(i + 1..i + 1 + after).unwrap_or(&[]);
            if !(is_year(left) && (is_year(right) || right.len() <= 2)) {
                out.push(' ');
                cuts += 1;
            }
        }
        out.push(*c);
    }
    (cuts >= 3).then_some((out, cuts))
}

/// Figures glued to each other at their decimal commas, in a text layer
/// that dropped the spaces between them ("Externa intäkter392,2416,6436,3",
/// "kostnader-2 230,2-2 395,0"): when every figure of the paste has the
/// same number of decimals, a figure ends right after them, and the text
/// is cut there, each figure set apart by spaces with its thousands
/// spaces taken out ("392,2 416,6 436,3", "-2230,2 -2395,0"). The number
/// of decimals is the one most figures end with where the end is plain
/// (a space, a letter, a sign or the end). Returns how many decimals, or
/// `None` (nothing changed) when fewer than three figures are glued or
/// any decimal comma is left outside a figure so cut.
pub(super) fn cut_glued_decimals(texts: &mut [String]) -> Option<usize> {
    let decimals = plain_decimals(texts)?;
    let mut cut: Vec<String> = Vec::with_capacity(texts.len());
    let mut glued = 0;
    for text in texts.iter() {
        let (out, n) = cut_at_decimals(text, decimals)?;
        glued += n;
        cut.push(out);
    }
    if glued < 3 {
        return None;
    }
    for (text, out) in texts.iter_mut().zip(cut) {
        *text = out;
    }
    Some(decimals)
}

/// The number of decimals most figures end with where the end is plain:
/// one or two.
fn plain_decimals(texts: &[String]) -> Option<usize> {
    let mut counts = [0usize; 3];
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let digit_before = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
            if *c != ',' || !digit_before {
                continue;
            }
            let n = chars
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            let end = chars.get(i + 1 + n);
            let plain = end.is_none_or(|e| *e == ' ' || latin::is_letter(*e) || is_minus_char(*e));
            if plain {
                if let Some(slot) = counts.get_mut(n) {
                    *slot += 1;
                }
            }
        }
    }
    let (k, _) = counts
        .iter()
        .enumerate()
        .skip(1)
        .max_by_key(|(_, n)| **n)
        .filter(|(_, n)| **n > 0)?;
    Some(k)
}

/// One text cut after every figure's `decimals` decimals; with how many
/// figures were glued to the one before. `None` when a decimal comma
/// stays outside the figures.
fn cut_at_decimals(text: &str, decimals: usize) -> Option<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    // The end of a figure starting at `i`: sign, whole part (thousands
    // after single spaces), comma, exactly `decimals` digits.
    let figure_end = |i: usize| -> Option<usize> {
        let whole = i + usize::from(chars.get(i).copied().is_some_and(is_minus_char));
        let j = digit_groups_end(&chars, whole);
        if j == whole || chars.get(j) != Some(&',') {
            return None;
        }
        let end = j + 1 + decimals;
        ((j + 1..end).all(digit_at)).then_some(end)
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut glued = 0;
    let mut i = 0;
    let mut after_figure = false;
    while let Some(&c) = chars.get(i) {
        let starts = (c.is_ascii_digit() || is_minus_char(c))
            && (after_figure || i == 0 || !chars.get(i - 1).is_some_and(char::is_ascii_digit));
        if let Some(end) = starts.then(|| figure_end(i)).flatten() {
            if after_figure {
                glued += 1;
            }
            out.push(' ');
            out.extend(
                chars
                    .get(i..end)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|c| **c != ' '),
            );
            out.push(' ');
            i = end;
            after_figure = true;
            continue;
        }
        // A decimal comma outside any figure: the cut is not the table's.
        if c == ',' && i > 0 && digit_at(i - 1) && digit_at(i + 1) {
            return None;
        }
        after_figure = false;
        out.push(c);
        i += 1;
    }
    Some((out.split_whitespace().collect::<Vec<_>>().join(" "), glued))
}
