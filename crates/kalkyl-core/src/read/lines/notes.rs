//! Note references in income statements: a "Not" column, notes glued before
//! the first amount, "Not 2" at the end of a label. Notes are numbered down
//! the statement, so a number that breaks their order is an amount.

use rust_decimal::Decimal;

use super::split::splits;
use super::words::{shape, Shape};
use super::Run;
use crate::convention::half_unit;
use crate::exact::Exact;
use crate::latin;
use crate::number::{self, DecimalMark, Reading};
use crate::read::headings::is_note_heading;
use crate::read::sum_kind;

/// A note number: an unsigned whole number of one or two digits, 1 or more
/// ("3" in "Hyresintäkter 3 799 990 796 936"). Part of a list when it ends
/// in a comma ("8," in "8, 9").
pub(super) fn note_number(word: &str) -> Option<u32> {
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
pub(super) fn take_notes(runs: &mut [Run], settled: &[Option<bool>]) {
    let taken = note_rows(runs, false, settled);
    apply_notes(runs, &taken);
    take_letter_note(runs);
}

/// A note named by a letter at the end of a label, in a table with a note
/// column ("RESULTAT EFTER SKATTEINTÄKTER OCH FINANSNETTO A 55 021"): a
/// lone capital letter after two words or more, on one row only (a series
/// of rows ending in letters, "Nämnd A", "Nämnd B", names units) and on a
/// row with no note of its own.
fn take_letter_note(runs: &mut [Run]) {
    let lettered = |r: &Run| {
        r.label.len() >= 2
            && r.note.is_empty()
            && !r.numbers.is_empty()
            && r.label
                .last()
                .is_some_and(|w| w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase()))
    };
    let mut rows = runs.iter_mut().filter(|r| lettered(r));
    if let (Some(run), None) = (rows.next(), rows.next()) {
        run.note = run.label.pop().unwrap_or_default();
    }
}

/// Notes glued before the first amount in a table without a note column
/// ("Verksamhetens intäkter 2 812,4 790,1"): in a table of decimal figures,
/// a small whole number right after the label of a row of decimal figures,
/// in order with the others as in [`take_notes`]. Two such notes
/// at least, one of them on an item, or none is taken. Returns whether any was.
pub(super) fn take_glued_notes(runs: &mut [Run]) -> bool {
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
    let taken = note_rows(runs, true, &[]);
    // Notes refer from items; on sums alone ("Summa nämnder 1 851,5
    // 1 926,8"), a small first number is the sum's first digit group.
    let on_items = runs
        .iter()
        .zip(&taken)
        .filter(|(r, t)| **t && sum_kind(&r.label.join(" ")).is_none())
        .count();
    if taken.iter().filter(|t| **t).count() < 2 || on_items == 0 {
        return false;
    }
    apply_notes(runs, &taken);
    true
}

/// Notes written "Not 2" at the end of the label, on two rows or more, in a
/// table without a note column ("Verksamhetens kostnader Not 2 – 509 532"):
/// the word goes, the number is the note. Returns whether any was taken.
pub(super) fn take_marked_notes(runs: &mut [Run]) -> bool {
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
pub(super) fn keep_label_notes(runs: &mut [Run]) {
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
/// and lists are not looked for. `settled`: rows whose note the table's
/// sums decided ([`notes_by_sums`]): they keep it, and the order goes on
/// from it.
fn note_rows(runs: &[Run], glued: bool, settled: &[Option<bool>]) -> Vec<bool> {
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
        // A note stands before a whole figure: not before a digit group
        // that no figure starts with ("1 008": never note 1 and 8), nor
        // before a figure closed by a unit ("1 370 mkr": the unit closes
        // the whole figure; statements with notes print no unit after
        // their figures), and a number a unit closes is a figure ("22
        // mkr").
        let money_unit = |w: &str| w != "%" && matches!(shape(w), Shape::Suffix);
        let next = r.numbers.get(1).map_or("", String::as_str);
        let after = r.numbers.get(2).map_or("", String::as_str);
        let group_only =
            next.len() > 1 && next.starts_with('0') && next.chars().all(|c| c.is_ascii_digit());
        let unit_closed = matches!(shape(next), Shape::Number { suffix: true, .. })
            && !next.ends_with('%')
            || money_unit(next)
            || money_unit(after);
        if group_only || unit_closed {
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
        match settled.get(i).copied().flatten() {
            Some(true) => {
                last = c;
                *slot = true;
                continue;
            }
            Some(false) => continue,
            None => {}
        }
        // Any of the next item rows with a note between the last and this
        // one proves this one wrong (figures alone, "7 7", read as note 7
        // before notes 3 and 4). Sums and unlabelled lines carry no notes:
        // their first digit group proves nothing.
        let item = |r: &Run| !r.label.is_empty() && sum_kind(&r.label.join(" ")).is_none();
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

/// The notes the table's sums decide, in a table with a note column whose
/// notes are glued before the first amount by one space, like a digit group
/// ("Övriga intäkter 6 023 5 640": note 6 and 23, or 6 023?). For each sum
/// row (a "Summa" line), the rows of its block (after the last heading or
/// sum; a running result's block starts with the sum before it) are read
/// with and without a note wherever the first word may be one, each split
/// into `n` values every way it can: when the readings under which the sum
/// holds in every column agree on a row, that row's note is settled. A
/// block where no reading holds is returned in the second list (the sum
/// rows' indices), to be said in a diagnostic.
pub(super) fn notes_by_sums(
    runs: &[Run],
    headings_at: &[usize],
    n: usize,
) -> (Vec<Option<bool>>, Vec<usize>) {
    let mut settled: Vec<Option<bool>> = vec![None; runs.len()];
    let mut unsettled = Vec::new();
    if n == 0 || runs.len() > super::MAX_SUM_ROWS {
        return (settled, unsettled);
    }
    let number = |t: &str| match number::read_number(t, DecimalMark::Comma) {
        Ok(Reading::Number(v)) if !v.percent => Some(v.value),
        _ => None,
    };
    // Per row: the readings (note taken, values) it may have.
    let readings: Vec<Vec<(bool, Vec<Decimal>)>> = runs
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            let glued = r.numbers.len() >= 2
                && r.numbers
                    .first()
                    .is_some_and(|w| note_number(w).is_some() && !w.ends_with(','));
            let ways: &[(bool, &[String])] = &[
                (false, r.numbers.as_slice()),
                (true, r.numbers.get(1..).unwrap_or(&[])),
            ];
            for (note, words) in ways.iter().take(1 + usize::from(glued)) {
                for split in splits(words, n) {
                    if let Some(values) =
                        split.iter().map(|t| number(t)).collect::<Option<Vec<_>>>()
                    {
                        out.push((*note, values));
                    }
                }
            }
            out
        })
        .collect();
    let no_readings: &[(bool, Vec<Decimal>)] = &[];
    let reading = |i: usize| readings.get(i).map_or(no_readings, Vec::as_slice);
    let is_sum = |i: usize| {
        runs.get(i)
            .is_some_and(|r| !r.label.is_empty() && sum_kind(&r.label.join(" ")).is_some())
    };
    let mut block_start = 0usize;
    let mut previous_sum: Option<usize> = None;
    for s in 0..runs.len() {
        if headings_at.contains(&s) {
            block_start = s;
            previous_sum = None;
        }
        // A label with a note and no amounts ("Finansiella poster 6") heads
        // a block too.
        if reading(s).is_empty() && runs.get(s).is_some_and(|r| r.numbers.len() == 1) {
            block_start = s + 1;
            previous_sum = None;
            continue;
        }
        if !is_sum(s) {
            continue;
        }
        // A part row ("varav ...") details the row above: never a term.
        let part = |i: usize| {
            runs.get(i)
                .and_then(|r| r.label.first())
                .is_some_and(|w| matches!(latin::lowercase(w).as_str(), "varav" | "därav"))
        };
        let block: Vec<usize> = (block_start..s)
            .filter(|i| !reading(*i).is_empty() && !part(*i))
            .collect();
        let flippable = block
            .iter()
            .chain([&s])
            .any(|i| reading(*i).iter().any(|r| r.0) && reading(*i).iter().any(|r| !r.0));
        let attempts: Vec<Vec<usize>> = match previous_sum {
            Some(p) if !block.is_empty() => vec![block.clone(), [vec![p], block.clone()].concat()],
            _ => vec![block.clone()],
        };
        let enough = block.len() + usize::from(previous_sum.is_some()) >= 2;
        block_start = s + 1;
        previous_sum = Some(s);
        if !enough || !flippable {
            continue;
        }
        let mut found = false;
        for terms in attempts {
            let rows: Vec<usize> = terms.iter().copied().chain([s]).collect();
            let combos = rows
                .iter()
                .try_fold(1usize, |acc, i| acc.checked_mul(reading(*i).len().max(1)))
                .unwrap_or(usize::MAX);
            if combos > super::sums::MAX_COMBINATIONS {
                continue;
            }
            // Per row: the note decision of every holding reading.
            let mut agree: Vec<Option<Option<bool>>> = vec![None; rows.len()];
            for combo in 0..combos {
                let mut rest = combo;
                let pick: Vec<&(bool, Vec<Decimal>)> = rows
                    .iter()
                    .filter_map(|i| {
                        let len = reading(*i).len().max(1);
                        let k = rest % len;
                        rest /= len;
                        reading(*i).get(k)
                    })
                    .collect();
                let Some((total, parts)) = pick.split_last() else {
                    continue;
                };
                if pick.len() != rows.len() || !holds(&total.1, parts) {
                    continue;
                }
                for (slot, p) in agree.iter_mut().zip(&pick) {
                    *slot = match *slot {
                        None => Some(Some(p.0)),
                        Some(Some(d)) if d == p.0 => Some(Some(d)),
                        _ => Some(None),
                    };
                }
            }
            if agree.iter().any(Option::is_some) {
                found = true;
                for (i, a) in rows.iter().zip(agree) {
                    if let (Some(slot), Some(Some(d))) = (settled.get_mut(*i), a) {
                        *slot = Some(d);
                    }
                }
                break;
            }
        }
        if !found {
            unsettled.push(s);
        }
    }
    (settled, unsettled)
}

/// Whether `total` is the sum of `parts` in every column, within rounding.
fn holds(total: &[Decimal], parts: &[&(bool, Vec<Decimal>)]) -> bool {
    total.iter().enumerate().all(|(j, stated)| {
        let mut sum = Decimal::ZERO;
        let mut tolerance = half_unit(*stated);
        for p in parts {
            let Some(v) = p.1.get(j) else { continue };
            match (sum.add_exact(*v), tolerance.add_exact(half_unit(*v))) {
                (Some(a), Some(b)) => (sum, tolerance) = (a, b),
                _ => return false,
            }
        }
        stated
            .sub_exact(sum)
            .is_some_and(|off| off.abs() <= tolerance)
    })
}

/// A note numbered with a letter, a sub-note ("1A" after note 1): one or
/// two digits and one capital.
pub(super) fn lettered_note(word: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::lines::w;

    fn run(label: &str, numbers: &str) -> Run {
        Run {
            label: w(label),
            numbers: w(numbers),
            line: 0,
            note: String::new(),
        }
    }

    /// Each run's note and the numbers left, as the table's rows say:
    /// (label, number words, note taken, numbers left).
    fn assert_notes(runs: &[Run], table: &[(&str, &str, &str, &str)]) {
        assert_eq!(runs.len(), table.len());
        for (r, (label, numbers, note, left)) in runs.iter().zip(table) {
            assert_eq!(r.note, *note, "note of {label} {numbers}");
            assert_eq!(r.numbers, w(left), "numbers of {label} {numbers}");
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
        take_notes(&mut runs, &[]);
        assert_notes(&runs, table);
    }

    /// Notes glued before the first amount like a digit group, out of
    /// order with the notes below them: the block sums decide.
    #[test]
    fn notes_glued_like_digit_groups_are_settled_by_the_sums() {
        // (label, number words, note taken, numbers left)
        let table: &[(&str, &str, &str, &str)] = &[
            ("Intäkter", "2", "2", ""),
            ("Avgifter", "8 231 7 230", "", "8 231 7 230"),
            // 6 and 7 would be in order after note 2; the sum says amounts.
            ("Övriga intäkter", "6 023 5 640", "", "6 023 5 640"),
            ("Aktiverat arbete", "7 367 1 877", "", "7 367 1 877"),
            ("Summa intäkter", "21 621 14 747", "", "21 621 14 747"),
            // 3 is a note: the costs add up so only.
            (
                "Personalkostnader",
                "3 -60 894 -56 894",
                "3",
                "-60 894 -56 894",
            ),
            ("Jämförelsestörande post", "4 467 2 228", "4", "467 2 228"),
            ("Summa kostnader", "-60 427 -54 666", "", "-60 427 -54 666"),
        ];
        let mut runs: Vec<Run> = table.iter().map(|(l, n, _, _)| run(l, n)).collect();
        let (settled, unsettled) = notes_by_sums(&runs, &[], 2);
        assert!(unsettled.is_empty(), "{unsettled:?}");
        take_notes(&mut runs, &settled);
        assert_notes(&runs, table);
        // No reading makes the sum hold: said, and left to the order.
        let runs: Vec<Run> = [
            ("Hyror", "5 100 90"),
            ("Avgifter", "20 10"),
            ("Summa", "999 999"),
        ]
        .iter()
        .map(|(l, n)| run(l, n))
        .collect();
        let (settled, unsettled) = notes_by_sums(&runs, &[], 2);
        assert_eq!(unsettled, [2]);
        assert!(settled.iter().all(Option::is_none));
    }
}
