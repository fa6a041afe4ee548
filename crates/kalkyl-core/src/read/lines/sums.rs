//! The table's own sums settle what the words leave open: where the figures
//! of a row short of figures belong, and which split of a row that splits
//! several ways is the reading (the one under which a stated total adds up).

use rust_decimal::Decimal;

use super::{layout_diagnostic, Run, MAX_SUM_ROWS};
use crate::exact::Exact;
use crate::latin;
use crate::number::{self, DecimalMark, Reading};
use crate::read::headings::is_note_heading;
use crate::read::{sum_kind, RawCell, RawRow, RawTable, ReadChoices};

/// At most this many combinations of ambiguous rows are tried against a total.
pub(super) const MAX_COMBINATIONS: usize = 4096;

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
pub(super) fn place_short_rows(raw: &mut RawTable<'_>) {
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
            .is_some_and(|r| sum_kind(cell(r, 0)).is_some());
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

/// Picks one split per row: the user's choice, the only candidate, or the
/// combination that makes a stated total add up in the most columns.
pub(super) fn choose_splits(
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
pub(super) fn settled_by_sums(
    candidates: &[Vec<Vec<String>>],
    chosen: &[Option<usize>],
) -> Vec<bool> {
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
