//! Checks the table fixtures themselves (not the parser): they load, their
//! shapes agree, their numbers are in their pastes, their pastes are the
//! seeds' bytes, and their `=== checks` sections are exactly the stated figures
//! that their own rows do not reproduce, recomputed here with exact decimals.
//! The rules are those of `tests/fixtures/tables/README.md`. The corpus of
//! real tables (`tests/corpus/`) is held to the same rules.

mod support;

use std::collections::{BTreeSet, HashSet};

use rust_decimal::Decimal;
use support::fixture::{
    load_all, load_corpus, load_every, seeds_dir, ExpectedCell, ExpectedCheck, Fixture,
};

/// Roles whose column a total adds up.
const SUMMED: &[&str] = &[
    "outcome",
    "budget",
    "annual_budget",
    "forecast",
    "prior_outcome",
    "previous_forecast",
    "stated_variance",
    "total_budget",
    "other",
];

#[test]
fn at_least_thirty_fixtures_load_with_unique_names() {
    let all = load_all();
    assert!(all.len() >= 30, "only {} fixtures", all.len());
    let mut names = HashSet::new();
    for f in &all {
        assert!(names.insert(f.name.clone()), "duplicate name {}", f.name);
        let prefix = f.seed.get(..3).unwrap_or_default();
        assert!(
            f.seed.len() > 4
                && f.seed.ends_with(".txt")
                && f.name.starts_with(&format!("{prefix}-")),
            "{}: the name starts with the seed's number, the seed is a .txt file ({})",
            f.name,
            f.seed
        );
        assert!(!f.section.is_empty(), "{}: empty section", f.name);
    }
}

#[test]
fn corpus_files_are_named_by_organisation_and_year() {
    let mut names = HashSet::new();
    for f in load_corpus() {
        assert!(names.insert(f.name.clone()), "duplicate name {}", f.name);
        let ascii = f
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        let year = f
            .name
            .split('-')
            .any(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()));
        assert!(
            ascii && year,
            "{}: a corpus name is `<organisation>-<year>-<table>`, ASCII lower case",
            f.name
        );
        let source = f.corpus.as_ref().expect("a corpus file has its source");
        assert!(
            source.source.starts_with("http"),
            "{}: `source:` is the address the text came from",
            f.name
        );
        assert!(!f.paste.trim().is_empty(), "{}: empty paste", f.name);
    }
}

#[test]
fn shapes_roles_and_kinds_agree() {
    for f in load_every() {
        let n = &f.name;
        assert_eq!(
            f.columns.len(),
            f.headings.len(),
            "{n}: columns vs headings"
        );
        assert!(!f.rows.is_empty(), "{n}: no rows");
        let label = f.column("label");
        let numeric = |c: usize| !matches!(f.columns[c].as_str(), "label" | "text");
        assert!(
            (0..f.columns.len()).any(numeric),
            "{n}: a table without a numeric column"
        );
        for (r, row) in f.rows.iter().enumerate() {
            assert_eq!(row.cells.len(), f.columns.len(), "{n} row {r}: cell count");
            for (c, cell) in row.cells.iter().enumerate() {
                match (f.columns[c].as_str(), cell) {
                    (_, ExpectedCell::Empty) => {}
                    ("label", ExpectedCell::Label { text, note }) => {
                        assert_eq!(text.trim(), text, "{n} row {r}: label not trimmed");
                        assert!(
                            !text.contains("<b>") && !text.contains("<i>"),
                            "{n} row {r}: markup"
                        );
                        assert!(
                            !text.starts_with("- "),
                            "{n} row {r}: child label keeps its '- '"
                        );
                        if let Some(note) = note {
                            assert!(
                                note.chars().all(|ch| ch == '*' || ch == ')'),
                                "{n} row {r}: odd footnote marker {note:?}"
                            );
                        }
                    }
                    ("text", ExpectedCell::Text(_)) => {}
                    (role, ExpectedCell::Number(_) | ExpectedCell::Text(_))
                        if role != "label" && role != "text" => {}
                    (role, cell) => panic!("{n} row {r} col {c}: {cell:?} in a {role} column"),
                }
            }
            let numbers = (0..f.columns.len())
                .filter(|&c| numeric(c))
                .filter(|&c| !matches!(row.cells[c], ExpectedCell::Empty))
                .count();
            match row.kind.as_str() {
                "heading" => {
                    assert_eq!(numbers, 0, "{n} row {r}: a heading row has no numbers");
                    assert!(
                        label.is_some() && f.label(r).is_some(),
                        "{n} row {r}: a heading needs a label"
                    );
                }
                "subtotal" | "total" => {
                    assert_eq!(row.level, 0, "{n} row {r}: totals are top level")
                }
                _ => {}
            }
            assert!(row.level <= 1, "{n} row {r}: level {}", row.level);
            if row.level == 1 {
                let parent = (0..r).rev().find(|&p| f.rows[p].level == 0);
                // A child may say it itself: "varav jämförelsestörande
                // poster" under "Verksamhetens intäkter".
                let own_varav = f
                    .label(r)
                    .is_some_and(|l| l.to_lowercase().starts_with("varav "));
                let ok = own_varav
                    || parent.is_some_and(|p| {
                        f.rows[p].kind == "item"
                            && f.label(p)
                                .is_some_and(|l| l.trim_end_matches(':').ends_with("varav"))
                    });
                assert!(
                    ok,
                    "{n} row {r}: a level 1 row must follow a '…, varav' row"
                );
            }
        }
        assert!(
            f.sign.is_some()
                || stated_variances(&f)
                    .iter()
                    .all(|v| v.formula == Formula::YearOverYear),
            "{n}: a stated deviation with operands needs a sign convention"
        );
    }
}

/// Digits of a number as a report prints them (decimal comma or point).
/// A number as a paste may print it without its spaces: Swedish ("1234,5"),
/// with a decimal point ("1234.5"), and, where `english` (the paste shows a
/// decimal point elsewhere, as an English edition does), with commas
/// grouping its thousands ("1,234.5").
fn digit_forms(d: Decimal, english: bool) -> Vec<String> {
    let plain = d.abs().to_string();
    let mut forms = vec![plain.replace('.', ","), plain.clone()];
    let (whole, decimals) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(w, f)| (w, Some(f)));
    if english && whole.len() > 3 {
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if let Some(decimals) = decimals {
            grouped.push('.');
            grouped.push_str(decimals);
        }
        forms.push(grouped);
    }
    forms
}

/// Whether a paste prints a decimal point ("-2.9", "2.2%").
fn shows_decimal_point(paste: &str) -> bool {
    let chars: Vec<char> = paste.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
}

fn is_minus(c: char) -> bool {
    // U+2011 (non-breaking hyphen) is how SCB's web tables print a minus.
    matches!(c, '-' | '\u{2212}' | '\u{2013}' | '\u{2011}')
}

/// Whether `digits` occurs in `text` with the sign of the number: after a
/// minus for a negative number, not after one for a positive number.
fn occurs_with_sign(text: &[char], digits: &str, negative: bool) -> bool {
    let digits: Vec<char> = digits.chars().collect();
    (0..text.len().saturating_sub(digits.len() - 1)).any(|i| {
        let minus_before = i > 0 && is_minus(text[i - 1]);
        text[i..i + digits.len()] == digits[..] && minus_before == negative
    })
}

#[test]
fn every_number_appears_in_its_paste() {
    for f in load_every() {
        // Loose: drop blanks (line breaks and no-break spaces too), plus signs
        // and dashes that are not a minus sign (not followed by a digit), so
        // "-308 \n552 tkr" still shows "-308552", "+28,7" "28,7", "80 -\t16 854" "16854".
        // A dash then one space then a digit is a minus as many reports print
        // it ("– 37 264", "- 41"), except in a tab-separated paste where
        // "80 -\t16" is an empty cell.
        let chars: Vec<char> = f.paste.chars().collect();
        let squeezed: Vec<char> = (0..chars.len())
            .filter(|&i| {
                let c = chars[i];
                let next = chars.get(i + 1);
                let spaced_minus = next == Some(&' ')
                    && chars.get(i + 2).is_some_and(char::is_ascii_digit)
                    && (i == 0 || chars[i - 1] != '\t');
                let sign = is_minus(c) && (next.is_some_and(char::is_ascii_digit) || spaced_minus);
                !c.is_whitespace() && c != '+' && (sign || !is_minus(c))
            })
            .map(|i| chars[i])
            .collect();
        let english = shows_decimal_point(&f.paste);
        for (r, row) in f.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if let ExpectedCell::Number(d) = cell {
                    assert!(
                        digit_forms(*d, english).iter().any(|s| occurs_with_sign(
                            &squeezed,
                            s,
                            d.is_sign_negative() && !d.is_zero()
                        )),
                        "{} row {r} col {c}: {d} is not in the paste (digits and sign)",
                        f.name
                    );
                }
            }
        }
        for (r, row) in f.rows.iter().enumerate() {
            for cell in &row.cells {
                if let ExpectedCell::Text(t) = cell {
                    assert!(
                        f.paste.contains(t.as_str()),
                        "{} row {r}: text {t:?} not in the paste",
                        f.name
                    );
                }
            }
        }
    }
}

#[test]
fn pastes_are_the_seed_lines_byte_for_byte() {
    let Some(dir) = seeds_dir() else {
        eprintln!(
            "note: shared/seeds not found beside the repository; paste-vs-seed comparison skipped"
        );
        return;
    };
    for f in load_all() {
        let path = dir.join(&f.seed);
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {}: {e}", f.name, path.display()));
        let text =
            String::from_utf8(bytes).unwrap_or_else(|_| panic!("{}: seed is not UTF-8", f.name));
        let mut lines: Vec<&str> = text.split('\n').collect();
        if text.ends_with('\n') {
            lines.pop();
        }
        let (a, b) = f.lines;
        assert!(
            b <= lines.len(),
            "{}: lines {a}-{b} beyond the seed's {} lines",
            f.name,
            lines.len()
        );
        let expected = lines[a - 1..b].join("\n");
        if f.paste != expected {
            let at = f
                .paste
                .split('\n')
                .zip(expected.split('\n'))
                .position(|(x, y)| x != y)
                .map(|i| a + i);
            panic!(
                "{}: the paste differs from {} lines {a}-{b} (first at line {at:?})",
                f.name, f.seed
            );
        }
        let first = f.paste.split('\n').next().unwrap_or_default();
        let last = f.paste.split('\n').next_back().unwrap_or_default();
        assert!(
            !first.trim().is_empty() && !last.trim().is_empty(),
            "{}: the range starts or ends with a blank line",
            f.name
        );
    }
}

// ---------------------------------------------------------------- recomputation

/// Half a unit of the last decimal shown: 0.05 for "12.3", 0.5 for "24".
fn half_unit(d: Decimal) -> Decimal {
    Decimal::new(5, d.scale() + 1)
}

/// How a stated deviation column is recomputed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Formula {
    /// outcome - prior_outcome ("Utfalls- avvikelse", "Skillnad mot föregående år").
    YearOverYear,
    /// By the table's `sign:` convention, from the columns `a` (outcome or
    /// forecast) and `b` (budget or annual budget).
    Convention,
}

struct VarianceColumn {
    column: usize,
    formula: Formula,
    a: usize,
    b: usize,
}

/// Every stated deviation column that has operands in the table.
fn stated_variances(f: &Fixture) -> Vec<VarianceColumn> {
    let has = |r: &str| f.column(r).is_some();
    let mut out = Vec::new();
    for column in f.columns_with("stated_variance") {
        let heading = f.headings[column]
            .clone()
            .unwrap_or_default()
            .to_lowercase();
        // A budget deviation ("Budgetavvikelse 2016") whose budget is not
        // printed is never year over year: it cannot be recomputed.
        let yoy = heading.contains("föregående")
            || heading.starts_with("utfalls")
            || (has("prior_outcome")
                && !heading.contains("budget")
                && !has("budget")
                && !has("annual_budget")
                && !has("forecast"));
        let pair = |x: &str, y: &str| Some((f.column(x)?, f.column(y)?));
        let found = if yoy {
            pair("outcome", "prior_outcome").map(|(a, b)| (Formula::YearOverYear, a, b))
        } else if heading.contains("prognos") {
            // A forecast deviation needs a forecast column; without one it
            // cannot be recomputed ("Prognostiserad avvikelse mot årsbudget"
            // beside accumulated figures), so it is not checked.
            pair("forecast", "annual_budget").map(|(a, b)| (Formula::Convention, a, b))
        } else if f.sign.as_deref() == Some("outcome_minus_forecast") {
            pair("outcome", "forecast").map(|(a, b)| (Formula::Convention, a, b))
        } else if f.columns_with("stated_variance").len() >= 2 {
            // Two deviations side by side (the period's and the year's):
            // each compares the pair printed nearest before it.
            [
                pair("forecast", "annual_budget"),
                pair("outcome", "budget"),
                pair("outcome", "annual_budget"),
            ]
            .into_iter()
            .flatten()
            .filter(|&(a, b)| a < column && b < column)
            .max_by_key(|&(a, b)| (a.max(b), a.min(b)))
            .map(|(a, b)| (Formula::Convention, a, b))
        } else {
            pair("forecast", "annual_budget")
                .or_else(|| pair("outcome", "budget"))
                .or_else(|| pair("outcome", "annual_budget"))
                .map(|(a, b)| (Formula::Convention, a, b))
        };
        if let Some((formula, a, b)) = found {
            out.push(VarianceColumn {
                column,
                formula,
                a,
                b,
            });
        }
    }
    out
}

fn deviation(f: &Fixture, formula: Formula, a: Decimal, b: Decimal) -> Decimal {
    match (formula, f.sign.as_deref()) {
        (Formula::YearOverYear, _) => a - b,
        (_, Some("outcome_minus_budget" | "outcome_minus_forecast")) => a - b,
        (_, Some("budget_minus_outcome")) => b - a,
        (_, Some("outcome_plus_budget")) => a + b,
        (_, sign) => panic!("{}: no deviation formula for sign {sign:?}", f.name),
    }
}

/// A finding as (kind, row, column, stated, computed).
type Finding = (String, usize, usize, Decimal, Decimal);

fn cell_numbers(f: &Fixture) -> Vec<Vec<Option<Decimal>>> {
    f.rows
        .iter()
        .map(|row| row.cells.iter().map(ExpectedCell::number).collect())
        .collect()
}

/// Row deviations of item rows, with sign suspects: a row whose deviation
/// fails, and holds once exactly one of its three figures changes sign.
/// Returns the findings and the values with suspect signs corrected.
fn row_findings(f: &Fixture) -> (Vec<Finding>, Vec<Vec<Option<Decimal>>>) {
    let mut values = cell_numbers(f);
    let mut found = Vec::new();
    for (r, row) in f.rows.iter().enumerate() {
        if row.kind != "item" {
            continue;
        }
        for v in stated_variances(f) {
            let (Some(s), Some(x), Some(y)) = (values[r][v.column], values[r][v.a], values[r][v.b])
            else {
                continue;
            };
            let tol = half_unit(s) + half_unit(x) + half_unit(y);
            let holds = |s: Decimal, x: Decimal, y: Decimal| {
                (s - deviation(f, v.formula, x, y)).abs() <= tol
            };
            if holds(s, x, y) {
                continue;
            }
            let flips: Vec<(usize, Decimal)> = [
                (holds(s, -x, y), v.a, x),
                (holds(s, x, -y), v.b, y),
                (holds(-s, x, y), v.column, s),
            ]
            .into_iter()
            .filter(|t| t.0)
            .map(|t| (t.1, t.2))
            .collect();
            if let [(column, value)] = flips.as_slice() {
                found.push(("sign_suspect".to_string(), r, *column, *value, -*value));
                values[r][*column] = Some(-*value);
            } else {
                found.push((
                    "variance_mismatch".to_string(),
                    r,
                    v.column,
                    s,
                    deviation(f, v.formula, x, y),
                ));
            }
        }
    }
    (found, values)
}

/// The first row of the section a subtotal closes (exclusive start), or None
/// for the start of the table: the nearest heading named like the subtotal
/// without "Summa " ("Summa Regionfastigheter" closes "Regionfastigheter"),
/// else the nearest heading, subtotal or total above it.
fn section_start(f: &Fixture, r: usize) -> Option<usize> {
    let name = f.label(r).unwrap_or_default().to_lowercase();
    let name = name.trim_end_matches(':');
    let name = name.strip_prefix("summa ").unwrap_or(name).trim();
    (0..r)
        .rev()
        .find(|&p| {
            f.rows[p].kind == "heading" && f.label(p).is_some_and(|l| l.to_lowercase() == name)
        })
        .or_else(|| (0..r).rev().find(|&p| f.rows[p].kind != "item"))
}

/// What a total or subtotal should be in one column: the terms it closes,
/// their sum and the rounding allowed (the terms' half units).
struct Sum {
    rows: Vec<usize>,
    value: Decimal,
    tolerance: Decimal,
}

/// Totals and subtotals in every summed column. A subtotal adds the top-level
/// rows of its section, a total every top-level row above it; an earlier
/// subtotal or total replaces the rows it closes, varav children are never
/// added, empty cells add nothing.
fn total_sums(f: &Fixture, values: &[Vec<Option<Decimal>>]) -> Vec<(usize, usize, Sum)> {
    let mut out = Vec::new();
    for (c, role) in f.columns.iter().enumerate() {
        if !SUMMED.contains(&role.as_str()) {
            continue;
        }
        // (row, value, tolerance) of the terms so far.
        let mut terms: Vec<(usize, Decimal, Decimal)> = Vec::new();
        for (r, row) in f.rows.iter().enumerate() {
            let v = values[r][c];
            match (row.kind.as_str(), row.level) {
                ("item", 0) => terms.extend(v.map(|v| (r, v, half_unit(v)))),
                ("subtotal" | "total", _) => {
                    let start = if row.kind == "subtotal" {
                        section_start(f, r)
                    } else {
                        None
                    };
                    let inside = |t: &(usize, Decimal, Decimal)| start.is_none_or(|s| t.0 > s);
                    let part: Vec<_> = terms.iter().copied().filter(inside).collect();
                    terms.retain(|t| !inside(t));
                    let sum = Sum {
                        rows: part.iter().map(|t| t.0).collect(),
                        value: part.iter().map(|t| t.1).sum(),
                        tolerance: part.iter().map(|t| t.2).sum(),
                    };
                    terms.push(match v {
                        Some(v) => (r, v, half_unit(v)),
                        None => (r, sum.value, sum.tolerance),
                    });
                    out.push((r, c, sum));
                }
                _ => {}
            }
        }
    }
    out
}

/// Every stated figure the rows do not reproduce (all kinds but percentages).
fn findings(f: &Fixture) -> Vec<Finding> {
    let (mut found, values) = row_findings(f);
    for (r, c, sum) in total_sums(f, &values) {
        let Some(stated) = values[r][c] else { continue };
        if !sum.rows.is_empty() && (stated - sum.value).abs() > sum.tolerance + half_unit(stated) {
            found.push(("total_mismatch".to_string(), r, c, stated, sum.value));
        }
    }
    found
}

fn describe(c: &ExpectedCheck) -> String {
    format!(
        "{} | row {} | col {} | stated {} | computed {}",
        c.kind, c.row, c.column, c.stated, c.computed
    )
}

/// `col A / col B` or `col A / |col B|` in a percent_mismatch reason.
fn percent_formula(reason: &str) -> Option<(usize, usize, bool)> {
    let rest = &reason[reason.find("col ")?..];
    let (a, rest) = rest["col ".len()..].split_once(" / ")?;
    let absolute = rest.starts_with('|');
    let rest = rest.trim_start_matches('|').strip_prefix("col ")?;
    let b: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((a.trim().parse().ok()?, b.parse().ok()?, absolute))
}

#[test]
fn every_check_line_recomputes_from_the_rows() {
    for f in load_every() {
        let n = &f.name;
        let numbers = cell_numbers(&f);
        let (row_found, values) = row_findings(&f);
        let sums = total_sums(&f, &values);
        let mut seen = BTreeSet::new();
        for check in &f.checks {
            let line = describe(check);
            assert!(
                seen.insert((check.row, check.column)),
                "{n}: two checks on one cell: {line}"
            );
            assert!(
                check.row < f.rows.len() && check.column < f.columns.len(),
                "{n}: out of range: {line}"
            );
            let cell = numbers[check.row][check.column];
            assert_eq!(
                cell,
                Some(check.stated),
                "{n}: stated is not the cell's value: {line}"
            );
            assert_eq!(
                cell.map(|d| d.scale()),
                Some(check.stated.scale()),
                "{n}: stated must be written as in the cell: {line}"
            );
            let role = f.columns[check.column].as_str();
            match check.kind.as_str() {
                "total_mismatch" => {
                    let kind = f.rows[check.row].kind.as_str();
                    assert!(
                        kind == "total" || kind == "subtotal",
                        "{n}: not a total row: {line}"
                    );
                    let sum = sums
                        .iter()
                        .find(|(r, c, _)| (*r, *c) == (check.row, check.column))
                        .map(|t| &t.2)
                        .unwrap_or_else(|| panic!("{n}: not a summed column: {line}"));
                    assert_eq!(
                        sum.value, check.computed,
                        "{n}: the rows it closes sum to {}: {line}",
                        sum.value
                    );
                    assert!(
                        (check.stated - sum.value).abs() > sum.tolerance + half_unit(check.stated),
                        "{n}: within rounding: {line}"
                    );
                }
                "variance_mismatch" | "sign_suspect" => {
                    let same = row_found
                        .iter()
                        .find(|x| (x.1, x.2) == (check.row, check.column));
                    let expected = same.map(|x| (x.0.as_str(), x.3, x.4));
                    assert_eq!(
                        expected,
                        Some((check.kind.as_str(), check.stated, check.computed)),
                        "{n}: recomputing the row gives {expected:?}: {line}"
                    );
                    if check.kind == "sign_suspect" {
                        assert_eq!(check.computed, -check.stated, "{n}: {line}");
                    } else {
                        assert_eq!(role, "stated_variance", "{n}: {line}");
                    }
                }
                "percent_mismatch" => {
                    assert_eq!(role, "stated_percent", "{n}: {line}");
                    let (a, b, absolute) = percent_formula(&check.reason).unwrap_or_else(|| {
                        panic!("{n}: the reason must name `col A / col B`: {line}")
                    });
                    let (Some(x), Some(y)) = (numbers[check.row][a], numbers[check.row][b]) else {
                        panic!("{n}: the percentage's operands are not numbers: {line}");
                    };
                    let base = if absolute { y.abs() } else { y };
                    assert!(!base.is_zero(), "{n}: zero base: {line}");
                    let exact = x / base * Decimal::ONE_HUNDRED;
                    assert_eq!(
                        exact.round_dp(check.computed.scale()),
                        check.computed,
                        "{n}: {line}"
                    );
                    // Beyond rounding: no choice of the rounded inputs gives the stated value.
                    let (hx, hy) = (half_unit(x), half_unit(y));
                    let corners: Vec<Decimal> = [x - hx, x + hx]
                        .iter()
                        .flat_map(|xx| {
                            [base - hy, base + hy].map(|yy| xx / yy * Decimal::ONE_HUNDRED)
                        })
                        .collect();
                    let lo = corners.iter().min().copied().unwrap_or_default();
                    let hi = corners.iter().max().copied().unwrap_or_default();
                    let hp = half_unit(check.stated);
                    assert!(
                        check.stated + hp < lo || check.stated - hp > hi,
                        "{n}: within rounding ({lo}..{hi}): {line}"
                    );
                }
                other => panic!("{n}: unknown check kind {other}"),
            }
        }
    }
}

#[test]
fn checks_list_every_mismatch_and_nothing_else() {
    for f in load_every() {
        let listed: BTreeSet<String> = f
            .checks
            .iter()
            .filter(|c| c.kind != "percent_mismatch")
            .map(describe)
            .collect();
        let found: BTreeSet<String> = findings(&f)
            .into_iter()
            .map(|(kind, row, column, stated, computed)| {
                describe(&ExpectedCheck {
                    kind,
                    row,
                    column,
                    stated,
                    computed,
                    reason: String::new(),
                })
            })
            .collect();
        let missing: Vec<_> = found.difference(&listed).collect();
        let extra: Vec<_> = listed.difference(&found).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: not listed: {missing:#?}; listed but not found: {extra:#?}",
            f.name
        );
    }
}
