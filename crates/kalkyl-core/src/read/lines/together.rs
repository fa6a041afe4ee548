//! Cells run together: a web table copied with no separator at all, so that
//! each row is a label glued to its figures ("Servicenämnd673235") under a
//! heading glued the same way ("BokslutBudgetAvvikelse"). The digits alone
//! can be cut many ways; the table's own arithmetic decides: a stated
//! deviation is the difference of two other columns.

use super::words::is_sign;
use super::{layout_diagnostic, Line};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::latin;
use crate::read::headings::clean_heading;
use crate::read::{RawCell, RawRow, RawTable};

/// At most this many cuts of one row's digits are considered.
pub(super) const MAX_GLUED_CUTS: usize = 4096;
/// At most this many steps are taken to cut one row's figures.
pub(super) const MAX_CUT_STEPS: usize = 5_000;
/// The label and the figures glued to its end ("Teknisk nämnd-12-3321" is
/// "Teknisk nämnd" and "-12-3321"): a tail of signs and digits that starts
/// right after a non-space character (or after a space with `spaced`).
pub(super) fn glued_tail(text: &str, spaced: bool) -> Option<(&str, &str)> {
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
    let at = super::figures::after_unit_exponent(text, text.len() - tail.len());
    let (label, tail) = text.split_at(at);
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
pub(super) fn split_glued_heading(text: &str) -> Vec<String> {
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
pub(super) fn run_together(lines: &[Line]) -> Option<RawTable<'static>> {
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
