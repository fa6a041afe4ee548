//! Run-together rows held by sums: no separator between a label and its
//! figures or between the figures, and no deviation column to split by. A
//! space survives only inside a number (a thousands space, so three digits
//! follow it) and every figure has the table's number of decimals; a line of
//! figures alone continues the row above after a whole cell. Each row's
//! digits are cut into the heading's number of columns every way these rules
//! allow; the table's arithmetic then picks one cut per row: a column that is
//! the sum of the others on most rows, or a total row that the rows above or
//! below add up to, column by column, within the rounding of its rows.

use super::figures::{
    figure_cuts, figure_unevenness, glued_figures, join_note_lists, note_prefixes, order_notes,
    wrapped_heading_cells, Figure, Picks, RowNotes,
};
use super::sums::MAX_COMBINATIONS;
use super::together::{split_glued_heading, MAX_CUT_STEPS};
use super::words::glued_years;
use super::{layout_diagnostic, Line, MAX_SUM_ROWS};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::grid::Grid;
use crate::latin;
use crate::read::headings::{clean_heading, is_note_heading};
use crate::read::{sum_kind, RawCell, RawRow, RawTable};

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

/// A table of run-together rows held by its sums (see above): `None` when
/// most lines are not labels glued to figures or no sum holds.
pub(super) fn sum_together(lines: &[Line], grid: &Grid<'_>) -> Option<RawTable<'static>> {
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
            rows.get(*i).is_some_and(|r| sum_kind(&r.1).is_some())
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
