//! PDF lines where one space separates both columns and thousands: the ways
//! a run of number words groups into values (the three-digit rule), ordered
//! by how well they keep the columns' shape, and how well a run fits a
//! column count.

use super::words::{is_sign, open, shape, takes_suffix, Shape};

/// At most this many splits of one line are considered.
const MAX_CANDIDATES: usize = 32;
/// At most this many steps are taken to list one run's splits: a long run
/// of three-digit groups that cannot end in `n` values has exponentially
/// many dead ends (a table copied one cell per line and read as one run).
const MAX_SEARCH_STEPS: usize = 5_000;
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
pub(super) fn splits(words: &[String], n: usize) -> Vec<Vec<String>> {
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
    let mut steps = 0;
    search(&tokens, 0, n, &mut current, &mut out, &mut steps);
    // The search stops at MAX_CANDIDATES, exploring long values first, so
    // in a long row of six-digit figures ("284 406 444 049 475 240 404 313
    // 124 615": 51 splits into five) the even split may never be reached:
    // it is sought directly and added, as the most likely candidate. So
    // it is when the search ran out of steps.
    if out.len() >= MAX_CANDIDATES || steps >= MAX_SEARCH_STEPS {
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
pub(super) fn order_by_columns(candidates: &mut [Vec<Vec<String>>]) {
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

/// A column of percentages is left empty by a row that prints no `%`:
/// when every row that has a `%` has it in the same column of its most
/// likely split (two such rows at least), a row without one is split into one value
/// fewer and that column left empty. A result line under a percentage
/// column has no percentage ("Verksamhetens resultat 4 246 ... 101 3 131":
/// 3 131 is the last column's, not "3 %" and 131).
pub(super) fn leave_percent_column_empty(
    numbers: &[&[String]],
    candidates: &mut [Vec<Vec<String>>],
    n: usize,
) {
    let has_percent = |words: &[String]| words.iter().any(|w| w.contains('%'));
    let mut column: Option<usize> = None;
    let mut rows = 0usize;
    for (words, c) in numbers.iter().zip(candidates.iter()) {
        if !has_percent(words) {
            continue;
        }
        let at = c
            .first()
            .and_then(|split| split.iter().position(|v| v.contains('%')));
        let Some(p) = at else { return };
        // A row of percentages ("Net debt ratio 103% -3% 103% -3%", a
        // table of figures per period) makes no column of them.
        let in_one_value = c
            .first()
            .is_some_and(|split| split.iter().filter(|v| v.contains('%')).count() == 1);
        if !in_one_value {
            return;
        }
        if column.is_some_and(|k| k != p) {
            return;
        }
        column = Some(p);
        rows += 1;
    }
    let (Some(p), true, Some(fewer)) = (column, rows >= 2, n.checked_sub(1)) else {
        return;
    };
    for (words, c) in numbers.iter().zip(candidates.iter_mut()) {
        if has_percent(words) || fewer == 0 {
            continue;
        }
        let shorter = splits(words, fewer);
        if shorter.is_empty() {
            continue;
        }
        *c = shorter
            .into_iter()
            .map(|mut split| {
                split.insert(p.min(split.len()), String::new());
                split
            })
            .collect();
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
    let digits_of = |t: &str| t.chars().filter(char::is_ascii_digit).count();
    // values[i]: every value that starts at token i, as (end, digits); a
    // value runs on while the next token continues it.
    let values: Vec<Vec<(usize, usize)>> = (0..len)
        .map(|i| {
            let mut out = Vec::new();
            let Some(first) = tokens.get(i).filter(|t| starts_value(t)) else {
                return out;
            };
            let mut text = first.clone();
            let mut digits = digits_of(first);
            let mut end = i + 1;
            loop {
                out.push((end, digits));
                match tokens.get(end) {
                    Some(next) if continues(&text, next) => {
                        text.push(' ');
                        text.push_str(next);
                        digits += digits_of(next);
                        end += 1;
                    }
                    _ => break,
                }
            }
            out
        })
        .collect();
    // reach[k * (len + 1) + i]: token i can be reached with k values in the
    // band; from[..] is where the value that reached it started.
    let cells = (n + 1) * (len + 1);
    let mut reach = vec![false; cells];
    let mut from: Vec<Option<usize>> = vec![None; cells];
    let at = |k: usize, i: usize| k * (len + 1) + i;
    let walk = |lo: usize, hi: usize, reach: &mut [bool], from: &mut [Option<usize>]| {
        reach.iter_mut().for_each(|r| *r = false);
        if let Some(first) = reach.get_mut(0) {
            *first = true;
        }
        for k in 0..n {
            for i in 0..len {
                if !reach.get(at(k, i)).copied().unwrap_or(false) {
                    continue;
                }
                for (end, digits) in values.get(i).into_iter().flatten() {
                    let fits = (lo..=hi).contains(digits) || *digits == 0;
                    let slot = at(k + 1, *end);
                    if fits && reach.get(slot) == Some(&false) {
                        if let Some(r) = reach.get_mut(slot) {
                            *r = true;
                        }
                        if let Some(f) = from.get_mut(slot) {
                            *f = Some(i);
                        }
                    }
                }
            }
        }
        reach.get(at(n, len)).copied().unwrap_or(false)
    };
    let mut counts: Vec<usize> = values.iter().flatten().map(|v| v.1).collect();
    counts.sort_unstable();
    counts.dedup();
    // With every band at once first: most column counts a run is tried at
    // cannot be reached at all.
    let (&min, &max) = (counts.first()?, counts.last()?);
    if !walk(min, max, &mut reach, &mut from) {
        return None;
    }
    let mut bands: Vec<(usize, usize)> = Vec::new();
    for (i, lo) in counts.iter().enumerate() {
        for hi in counts.iter().skip(i) {
            bands.push((*lo, *hi));
        }
    }
    crate::order::sort_by(&mut bands, |a, b| (a.1 - a.0).cmp(&(b.1 - b.0)));
    for (lo, hi) in bands {
        if !walk(lo, hi, &mut reach, &mut from) {
            continue;
        }
        let mut split = Vec::with_capacity(n);
        let mut end = len;
        for k in (1..=n).rev() {
            let start = from.get(at(k, end)).copied().flatten()?;
            split.push(tokens.get(start..end)?.join(" "));
            end = start;
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
    steps: &mut usize,
) {
    if out.len() >= MAX_CANDIDATES || *steps >= MAX_SEARCH_STEPS {
        return;
    }
    *steps += 1;
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
            search(tokens, at + 1, n, current, out, steps);
            current.pop();
            current.push(saved);
        }
    }
    // Start a new value.
    if !starts_value(token) {
        return;
    }
    current.push(token.clone());
    search(tokens, at + 1, n, current, out, steps);
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
pub(super) fn fit(words: &[String], n: usize) -> usize {
    let (all, strict) = split_candidates(words, n);
    if !strict.is_empty() {
        2
    } else {
        usize::from(!all.is_empty())
    }
}

/// Whether `word` may join the value written so far as its next digit
/// group: an unsigned group of exactly three digits, after a value with no
/// decimals, `%` or unit that began with at most three digits.
pub(super) fn continues(value: &str, word: &str) -> bool {
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
pub(super) fn splits_greedy(words: &[String], n: usize) -> Vec<Vec<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::lines::w;

    #[test]
    fn a_long_run_that_cannot_split_into_n_values_ends_its_search() {
        // Thirty three-digit groups, then 25 figures with decimals that
        // each start a value: no split into 20 values exists, and there are
        // about 2^30 ways to find that out word by word. The search gives
        // up within its steps; the one split into 26 values (the groups as
        // one figure) is still found.
        let mut words = vec!["1".to_string()];
        words.extend(std::iter::repeat_n("234".to_string(), 30));
        words.extend((0..25).map(|k| format!("{k},5")));
        assert!(splits(&words, 20).is_empty());
        let grouped: String = std::iter::once("1")
            .chain(std::iter::repeat_n("234", 30))
            .collect::<Vec<_>>()
            .join(" ");
        let all = splits(&words, 26);
        assert_eq!(all.len(), 1);
        assert_eq!(
            all.first().and_then(|s| s.first()).map(String::as_str),
            Some(grouped.as_str())
        );
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
    fn a_row_without_a_percentage_leaves_the_percent_column_empty() {
        // (rows, the most likely split of each row without a `%`)
        let table: &[(&[&str], &[&str])] = &[
            (
                &["454 6,5 % 23 576", "26 -2,0 % -92 450", "101 3 131"],
                &["101", "", "3 131"],
            ),
            // One row with a `%` does not make a percent column.
            (&["454 6,5 % 23 576", "101 3 131"], &["101", "3", "131"]),
            // Nor do rows with it in different columns.
            (
                &["6,5 % 454 23 576", "26 -2,0 % -92 450", "101 3 131"],
                &["101", "3", "131"],
            ),
            // Nor rows of percentages, one in every column (a key figure
            // per period): "68 257" there is two figures.
            (
                &["103% -3% 103%", "2.2% -12.4% 2.2%", "68 257 -6"],
                &["68", "257", "-6"],
            ),
        ];
        for (rows, expected) in table {
            let words: Vec<Vec<String>> = rows.iter().map(|r| w(r)).collect();
            let numbers: Vec<&[String]> = words.iter().map(Vec::as_slice).collect();
            let mut candidates: Vec<Vec<Vec<String>>> =
                words.iter().map(|r| splits(r, 3)).collect();
            leave_percent_column_empty(&numbers, &mut candidates, 3);
            let got = candidates.last().and_then(|c| c.first()).cloned();
            let expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(got, Some(expected), "{rows:?}");
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
}
