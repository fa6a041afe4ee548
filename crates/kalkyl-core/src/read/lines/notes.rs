//! Note references in income statements: a "Not" column, notes glued before
//! the first amount, "Not 2" at the end of a label. Notes are numbered down
//! the statement, so a number that breaks their order is an amount.

use super::words::{shape, Shape};
use super::Run;
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
pub(super) fn take_notes(runs: &mut [Run]) {
    let taken = note_rows(runs, false);
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
/// at least, or none is taken. Returns whether any was.
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
}
