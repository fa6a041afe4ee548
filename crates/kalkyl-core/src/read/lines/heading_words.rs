//! A PDF heading's words cut into column headings: at capitals and years,
//! group headings spread over a line of years or units, and extra segments
//! joined where they name the columns best.

use super::heading_lines::{is_one_period, is_period_word, is_year_word};
use crate::latin;
use crate::model::Role;
use crate::number::Unit;
use crate::read::headings::{
    clean_heading, is_note_heading, is_part_of_year, months_of, names_kinds_of_units, role_of,
    unglue_heading, unit_of, year_of,
};

/// Splits heading words into column headings at capitalised words.
/// A year starts a new heading after a heading that has a year already,
/// or names the label or note column ("Belopp i tkr Not 2020 2019").
///
/// The kind of unit over a line of years ("Kommun/Region 2008 2009 ...",
/// a time series per municipality) heads the label column alone; as a
/// group heading ("Belopp i mnkr Kommun 2019 Koncern 2019") it takes its
/// year.
pub(super) fn segment_heading(text: &str) -> Vec<String> {
    let unglued = unglue_heading(text);
    let mut words = unglued.split_whitespace();
    let units_over_years = words.next().is_some_and(names_kinds_of_units)
        && words.clone().next().is_some()
        && words.all(is_year_word);
    // A run of three years or more ends the line ("PROFIT/LOSS ITEMS 2018
    // 2017 2016 2015 2014"): after words that name no figure, the years
    // head columns of their own and the words the labels.
    let all: Vec<&str> = unglued.split_whitespace().collect();
    let run = all.iter().rev().take_while(|w| is_year_word(w)).count();
    let years_from = if run >= 3 {
        all.len() - run
    } else {
        usize::MAX
    };
    let mut segments: Vec<String> = Vec::new();
    let mut words = unglued.split_whitespace().peekable();
    let mut at = 0;
    while let Some(word) = words.next() {
        at += 1;
        let first_letter = word.chars().find(|c| latin::is_letter(*c));
        // A capitalised unit that starts a ratio ("Kronor per elev") is a
        // heading of its own, not the unit of the heading before it.
        let ratio = words.peek().is_some_and(|next| *next == "per");
        // A part of a year before it ("Q1 2024", "Kv3 2023", "T2 2024")
        // heads with it.
        let part_of_year = segments.last().is_some_and(|last| is_part_of_year(last));
        let starts = if is_year_word(word) {
            !part_of_year
                && (units_over_years
                    || segments
                        .last()
                        .is_none_or(|last| year_of(last).is_some() || takes_no_year(last))
                    || at > years_from
                        && segments.last().is_some_and(|last| {
                            role_of(last).is_none() && months_of(last).is_none()
                        }))
        } else if first_letter.is_some_and(latin::is_lower) {
            // A group's name in lower case, repeated before each of its
            // years, starts a heading after one that has its year or takes
            // none ("mnkr kommunen 2021-12-31 kommunen 2020-12-31");
            // "Utfall jan-aug 2019" and "Belopp i tkr 2019" stay one.
            words.peek().is_some_and(|next| is_year_word(next))
                && unglued
                    .split_whitespace()
                    .filter(|w| *w == word)
                    .nth(1)
                    .is_some()
                && segments
                    .last()
                    .is_some_and(|last| year_of(last).is_some() || takes_no_year(last))
        } else if segments
            .last()
            .is_some_and(|last| role_of(last) == Some(Role::StatedVariance))
            && is_formula(word)
        {
            // The formula of a deviation ("Avvikelse Budget-Utfall",
            // "Avvikelse (Utfall-Budget)") goes with it.
            false
        } else {
            first_letter.is_some()
                && (ratio
                    || Unit::from_word(word.trim_matches(|c: char| !latin::is_letter_or_digit(c)))
                        .is_none())
        };
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

/// Headings that print their year before the name ("Miljoner kronor 2023
/// Intäkter 2023 Kostnader ... 2022 Budget"), cut as if each year ended a
/// heading ("2023", "Intäkter 2023", ..., "Budget"): a bare year right
/// after the label's heading and a last heading without one say so, and
/// each year is put back before the name after it.
fn years_before_names(segments: &[String]) -> Option<Vec<String>> {
    let lead = usize::from(segments.first().is_some_and(|s| takes_no_year(s)));
    let rest = segments.get(lead..)?;
    let (first, after) = rest.split_first()?;
    let (last, middle) = after.split_last()?;
    if !is_year_word(first) || year_of(last).is_some() || middle.len() < 2 {
        return None;
    }
    if !middle.iter().all(|s| {
        let mut words = s.split_whitespace();
        words.next_back().is_some_and(is_year_word) && words.next().is_some()
    }) {
        return None;
    }
    let mut out: Vec<String> = segments.get(..lead)?.to_vec();
    for word in rest.iter().flat_map(|s| s.split_whitespace()) {
        let started = out.len() > lead;
        match out.last_mut() {
            Some(current) if started && !is_year_word(word) => {
                current.push(' ');
                current.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    Some(out)
}

/// More headings than columns, each dated heading followed by what it
/// measures ("Bokslut 2017 Nettokostnad Budget 2018 Nettokostnad Budget
/// 2019 Intäkter ..."): each pair is one column's heading. The label's
/// heading first, or an empty one when the pairs alone name the `needed`
/// columns but one; `None` unless the headings pair up so exactly.
pub(super) fn measures_after_each(segments: &[String], needed: usize) -> Option<Vec<String>> {
    let lead = usize::from(segments.first().is_some_and(|s| takes_no_year(s)));
    let rest = segments.get(lead..)?;
    if rest.len() < 4 || rest.len() % 2 != 0 {
        return None;
    }
    let mut out: Vec<String> = segments.get(..lead)?.to_vec();
    for pair in rest.chunks(2) {
        let [dated, measure] = pair else {
            return None;
        };
        if year_of(dated).is_none() || year_of(measure).is_some() || takes_no_year(measure) {
            return None;
        }
        out.push(format!("{dated} {measure}"));
    }
    if out.len() + 1 == needed && lead == 0 {
        out.insert(0, String::new());
    }
    (out.len() == needed).then_some(out)
}

/// Two words joined by a minus, the formula of a deviation: "Budget-Utfall",
/// "(Utfall–Budget)".
fn is_formula(word: &str) -> bool {
    let word = word.trim_matches(|c| c == '(' || c == ')');
    word.split_once(['-', '–', '−']).is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|w| w.chars().count() >= 3 && w.chars().all(latin::is_letter))
    })
}

/// A heading that names the label column or its unit ("Belopp i mnkr",
/// "(tkr)", "Mnkr") or the note column: no year goes with it.
fn takes_no_year(segment: &str) -> bool {
    is_note_heading(segment)
        || unit_of(segment).is_some()
        || matches!(role_of(segment), Some(Role::Label))
}

/// The column headings of a heading block. A last line of years under
/// group headings is spread over them ("Kommunen Koncernen" over "2013 2014
/// 2013 2014" gives "Kommunen 2013", "Kommunen 2014", "Koncernen 2013",
/// "Koncernen 2014"); words before the years head the label or note
/// column. Otherwise the words are segmented at capitals and years.
pub(super) fn block_headings(texts: &[&str]) -> Vec<String> {
    join_date_spans(headings_of_block(texts))
}

/// A period written as its first and last day ("2016-01-01" "2016-12-31",
/// on one line or wrapped one date per line) is one heading: a date on the
/// first of a month followed by one at a month's end within the year
/// after it. Two closing days ("2016-12-31 2015-12-31") stay two.
fn join_date_spans(headings: Vec<String>) -> Vec<String> {
    fn date(text: &str) -> Option<(u32, u32, u32)> {
        let mut parts = text.trim().split('-');
        let mut part = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let (y, m, d) = (part(4)?, part(2)?, part(2)?);
        parts.next().is_none().then_some((y, m, d))
    }
    let spans = |a: &str, b: &str| match (date(a), date(b)) {
        (Some((y1, m1, 1)), Some((y2, m2, d2))) => {
            let months = (y2 * 12 + m2).checked_sub(y1 * 12 + m1);
            d2 >= 28 && months.is_some_and(|m| m <= 11)
        }
        _ => false,
    };
    let mut out: Vec<String> = Vec::with_capacity(headings.len());
    let mut rest = headings.into_iter().peekable();
    while let Some(heading) = rest.next() {
        match rest.next_if(|next| spans(&heading, next)) {
            Some(end) => out.push(format!("{heading} {end}")),
            None => out.push(heading),
        }
    }
    out
}

fn headings_of_block(texts: &[&str]) -> Vec<String> {
    if let Some(cells) = one_period_per_line(texts) {
        return cells;
    }
    if let Some((last, above)) = texts.split_last() {
        if let Some(spread) = spread_units(last, above) {
            return spread;
        }
        if let Some(spread) = spread_years(last, above) {
            return spread;
        }
    }
    if let Some(spread) = periods_under_years(texts) {
        return spread;
    }
    if let Some(spread) = spread_names_over_years(texts) {
        return spread;
    }
    if let Some(stacked) = qualifiers_over_names(texts) {
        return stacked;
    }
    if let Some(corner_first) = corner_line_below(texts) {
        return corner_first;
    }
    let segments = segment_heading(&texts.join(" "));
    let segments = years_before_names(&segments).unwrap_or(segments);
    spread_groups(&segments)
        .or_else(|| groups_before_each(&segments))
        .unwrap_or(segments)
}

/// Heading cells one per line, each naming one period ("jan– mar 2013" /
/// "jan– mar 2012" / "helår 2012", a web page's cells one per paragraph,
/// its unit above them taken as the caption): each line heads one column.
fn one_period_per_line(texts: &[&str]) -> Option<Vec<String>> {
    if texts.len() < 2 || !texts.iter().all(|t| is_one_period(t)) {
        return None;
    }
    Some(
        std::iter::once(String::new())
            .chain(texts.iter().map(|t| clean_heading(t)))
            .collect(),
    )
}

/// A line of years over a line of the periods they cover ("Koncernen 2017
/// 2016 2016" / "jan-apr jan-apr jan-dec", or "jan aug jan aug jan dec"
/// with the spans' dashes lost): each year takes its share of the periods,
/// in order ("2017 jan-apr"); the words before the years head the labels.
pub(super) fn periods_under_years(texts: &[&str]) -> Option<Vec<String>> {
    let (periods_line, above) = texts.split_last()?;
    let (years_line, caption) = above.split_last()?;
    let words: Vec<&str> = years_line.split_whitespace().collect();
    let first_year = words.iter().position(|w| is_year_word(w))?;
    let (corner, years) = words.split_at(first_year);
    let periods: Vec<&str> = periods_line.split_whitespace().collect();
    if years.len() < 2
        || !caption.is_empty()
        || !years.iter().all(|w| is_year_word(w))
        || !periods.iter().all(|w| is_period_word(w))
    {
        return None;
    }
    let each = periods.len() / years.len();
    if !(1..=2).contains(&each) || each * years.len() != periods.len() {
        return None;
    }
    let mut out = vec![corner.join(" ")];
    for (year, period) in years.iter().zip(periods.chunks(each)) {
        out.push(format!("{year} {}", period.join(" ")));
    }
    Some(out)
}

/// A group's name before each of its dated headings, on one line
/// ("(mnkr) Not Kommunen Bokslut 2020 Kommunen Bokslut 2021 Sammanställd
/// redovisning Bokslut 2020"): each name goes with the heading after it.
/// The label's and note's headings first; every other heading dated, or a
/// name (no year, no role of figures) right before a dated one; two names
/// at least.
fn groups_before_each(segments: &[String]) -> Option<Vec<String>> {
    let lead = segments.iter().take_while(|s| takes_no_year(s)).count();
    let mut out: Vec<String> = segments.get(..lead)?.to_vec();
    let mut names: Vec<&String> = Vec::new();
    let mut rest = segments.get(lead..)?.iter().peekable();
    while let Some(s) = rest.next() {
        if year_of(s).is_some() {
            out.push(s.clone());
        } else if !role_of(s).is_some_and(Role::is_numeric)
            && rest.peek().is_some_and(|next| year_of(next).is_some())
        {
            let dated = rest.next()?;
            out.push(format!("{s} {dated}"));
            names.push(s);
        } else {
            return None;
        }
    }
    // One name is a group's when it also starts dated headings of its own
    // ("Kommunen Budget 2023 Kommunen 2023 Kommunen 2022").
    let group_of_others = |name: &String| {
        segments.iter().any(|s| {
            year_of(s).is_some()
                && s.strip_prefix(name.as_str())
                    .is_some_and(|r| r.starts_with(' '))
        })
    };
    (names.len() >= 2 || names.iter().all(|n| group_of_others(n)) && !names.is_empty())
        .then_some(out)
}

/// A line of column names over lines of their years and periods
/// ("Resultat Utfall Budget Avvikelse Utfall Prognos Budget Avvikelse
/// Avvikelse Bokslut" / "Mkr 2019 2019 2018 2019 2019 procent 2018" /
/// "jan-aug jan-aug jan-aug"): a lower line prints a year or period only
/// under the names that take one, never under a deviation, so its years go
/// to the other names in order; a word that is no year ("procent") goes to
/// the last deviation, and a unit first on a line ("Mkr") to the first name,
/// the label column's.
fn spread_names_over_years(texts: &[&str]) -> Option<Vec<String>> {
    let (names_line, lower) = texts.split_first()?;
    if lower.is_empty() || names_line.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut names = segment_heading(names_line);
    if names.len() < 3 || !lower.iter().any(|l| l.split_whitespace().any(is_year_word)) {
        return None;
    }
    let deviations: Vec<bool> = names
        .iter()
        .map(|n| matches!(role_of(n), Some(Role::StatedVariance)))
        .collect();
    let deviation = |i: usize| deviations.get(i).copied().unwrap_or(false);
    let mut label_unit = false;
    for line in lower {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if words
            .first()
            .is_some_and(|w| takes_no_year(w) && !is_year_word(w))
        {
            let unit = words.remove(0);
            let first = names.first_mut()?;
            first.push(' ');
            first.push_str(unit);
            label_unit = true;
        }
        let mut at = usize::from(label_unit);
        for word in words {
            let dated = is_year_word(word) || word.contains(['-', '–']);
            let to = if dated {
                let i = (at..names.len()).find(|&i| !deviation(i))?;
                at = i + 1;
                i
            } else {
                (usize::from(label_unit)..names.len())
                    .rev()
                    .find(|&i| deviation(i))?
            };
            let name = names.get_mut(to)?;
            name.push(' ');
            name.push_str(word);
        }
    }
    label_unit.then_some(names)
}

/// A line of qualifiers over a line of names that starts with the label
/// column's heading ("Delårs Innev. Föreg. Årsbudget Avvikelse" over
/// "Resultaträkning i Mkr Bokslut bokslut Prognos Prognos prog - budg"):
/// the upper words sit over the last columns, so they are matched with
/// the names from the right. An upper word heads the name below it unless
/// both name different figures ("Årsbudget" over "Prognos"): then it is a
/// column of its own. Each name and upper word is one word ("prog - budg"
/// is one: a dash joins); a name in lowercase must get an upper word (it
/// continues it), and no year is on either line.
fn qualifiers_over_names(texts: &[&str]) -> Option<Vec<String>> {
    let [.., upper, lower] = texts else {
        return None;
    };
    if texts.iter().any(|t| t.split_whitespace().any(is_year_word)) {
        return None;
    }
    let corner = segment_heading(lower).into_iter().next()?;
    unit_of(&corner)?;
    let words_of = |text: &str| {
        let mut out: Vec<String> = Vec::new();
        let mut join = false;
        for w in text.split_whitespace() {
            let dash = matches!(w, "-" | "–");
            match out.last_mut() {
                Some(last) if dash || join => {
                    last.push(' ');
                    last.push_str(w);
                }
                _ => out.push(w.to_string()),
            }
            join = dash;
        }
        out
    };
    let skip = corner.split_whitespace().count();
    let names = words_of(
        &lower
            .split_whitespace()
            .skip(skip)
            .collect::<Vec<_>>()
            .join(" "),
    );
    let uppers = words_of(upper);
    if names.len() < 2 || uppers.len() < 2 {
        return None;
    }
    let figure = |h: &str| role_of(h).filter(|r| r.is_numeric() && *r != Role::Other);
    let lowercase = |h: &str| h.chars().next().is_some_and(latin::is_lower);
    let (mut u, mut n) = (uppers.len(), names.len());
    let mut columns: Vec<String> = Vec::new();
    while u > 0 || n > 0 {
        let up = u.checked_sub(1).and_then(|i| uppers.get(i));
        let name = n.checked_sub(1).and_then(|i| names.get(i));
        match (up, name) {
            (Some(a), Some(b))
                if figure(a).is_some() && figure(b).is_some() && figure(a) != figure(b) =>
            {
                columns.push(a.clone());
                u -= 1;
            }
            (Some(a), Some(b)) => {
                columns.push(format!("{a} {b}"));
                (u, n) = (u - 1, n - 1);
            }
            (Some(a), None) => {
                columns.push(a.clone());
                u -= 1;
            }
            (None, Some(b)) if !lowercase(b) => {
                columns.push(b.clone());
                n -= 1;
            }
            _ => return None,
        }
    }
    if uppers.iter().any(|w| lowercase(w)) {
        return None;
    }
    columns.push(corner);
    columns.reverse();
    Some(columns)
}

/// The headings of a line that names only the label and note columns:
/// one or two headings ("tkr Not", "Not"), each a unit, label or note
/// heading without a year, one of them the note's.
pub(super) fn corner_headings(text: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let segments = segment_heading(text);
    let corner = if segments.len() == 1 && words.len() == 2 {
        words.iter().map(|w| clean_heading(w)).collect()
    } else {
        segments
    };
    ((1..=2).contains(&corner.len())
        && corner
            .iter()
            .all(|h| takes_no_year(h) && year_of(h).is_none())
        && corner.iter().any(|h| is_note_heading(h)))
    .then_some(corner)
}

/// A last heading line that names only the label and note columns ("tkr
/// Not" under "2017-01-01-2017-12-31 2016-01-01-2016-12-31"): web reports
/// stack the period headings over the corner's line, but the label and the
/// note come first in every row, so that line's headings come first. The
/// line holds two headings or one, each a unit, label or note heading, and
/// no year; the lines above hold some year.
fn corner_line_below(texts: &[&str]) -> Option<Vec<String>> {
    let (last, above) = texts.split_last()?;
    if above.is_empty() {
        return None;
    }
    let corner = corner_headings(last)?;
    let periods = segment_heading(&above.join(" "));
    if !periods.iter().any(|h| year_of(h).is_some()) {
        return None;
    }
    Some(corner.into_iter().chain(periods).collect())
}

/// Group headings before dated headings that repeat under each group
/// ("Kommunen", "Sammanställd redovisning" before "Utfall 2017-12-31",
/// "Utfall 2016-12-31" twice): each group heads its share of the dated
/// headings. Two groups at least, none with a year; the label's heading
/// (a unit, "Belopp") stays first.
fn spread_groups(segments: &[String]) -> Option<Vec<String>> {
    let dated_from = segments.iter().position(|s| year_of(s).is_some())?;
    let (before, dated) = segments.split_at(dated_from);
    if !dated.iter().all(|s| year_of(s).is_some()) {
        return None;
    }
    // The label's heading may also stand last, right before the years
    // ("Jan.-June SEKm 2019 2018 2019 2018").
    let (label, tops) = match (before.split_first(), before.split_last()) {
        (Some((first, rest)), _) if takes_no_year(first) => (first.clone(), rest),
        (_, Some((last, rest))) if unit_of(last).is_some() => (last.clone(), rest),
        _ => (String::new(), before),
    };
    // The note's heading among them ("(mnkr) Not Kommunen Sammanställd
    // redovisning") heads the note column, after the label's.
    let note: Vec<String> = tops
        .iter()
        .filter(|t| is_note_heading(t))
        .cloned()
        .collect();
    let tops: Vec<&String> = tops.iter().filter(|t| !is_note_heading(t)).collect();
    if tops.len() < 2 || dated.len() <= tops.len() {
        return None;
    }
    // Each group's share starts as the first's ("Utfall 2017", "Utfall
    // 2016"): a group begins where the first dated heading comes again.
    // Only the first group may have more ("Bokslut 2015 | Bokslut 2016 |
    // Budget 2016", then "Bokslut 2015 | Bokslut 2016"): the other groups'
    // shares repeat the start of the first's.
    let starts: Vec<usize> = (0..dated.len())
        .filter(|i| dated.get(*i) == dated.first())
        .collect();
    if starts.len() != tops.len() {
        return None;
    }
    let mut out = vec![label];
    out.extend(note);
    for (g, (top, at)) in tops.iter().zip(&starts).enumerate() {
        let end = starts.get(g + 1).copied().unwrap_or(dated.len());
        let share = dated.get(*at..end)?;
        if !share.iter().zip(dated).all(|(a, b)| a == b) {
            return None;
        }
        out.extend(share.iter().map(|d| format!("{top} {d}")));
    }
    Some(out)
}

/// A word naming a column's unit: a money unit, `%`, or a rate of one
/// ("kr/kvm", "%/kvm", "tkr/inv").
fn is_unit_word(word: &str) -> bool {
    let head = word.split('/').next().unwrap_or(word);
    head == "%" || Unit::from_word(head).is_some()
}

/// A heading line of units alone, one per value column, under a line of
/// group headings: two words or more, each a unit word.
pub(super) fn is_units_line(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    ws.clone().nth(1).is_some() && ws.all(is_unit_word)
}

/// At most this many ways to share units among group headings are tried.
const MAX_UNIT_SHARES: usize = 4096;

/// Two-level headings whose lower level is a unit per column: group
/// headings with years ("Bokslut 2018 Bokslut 2017 Förändring 2017–2018")
/// over "tkr kr/kvm tkr kr/kvm %/kvm". Each group heads a run of the units;
/// the runs are cut so that the most groups carry the same units (a
/// report repeats one group's sub-columns), and a tie is no reading. The
/// segments before the first one with a year head the label column.
fn spread_units(last: &str, above: &[&str]) -> Option<Vec<String>> {
    if above.is_empty() || !is_units_line(last) {
        return None;
    }
    let units: Vec<&str> = last.split_whitespace().collect();
    let segments = segment_heading(&above.join(" "));
    let first_group = segments.iter().position(|s| year_of(s).is_some())?;
    let (label, groups) = segments.split_at(first_group);
    let g = groups.len();
    let lens = share_among_groups(&units, g)?;
    let mut out = vec![label.join(" ")];
    let mut at = 0;
    for (group, len) in groups.iter().zip(lens) {
        let run = units.get(at..at + len).unwrap_or(&[]);
        at += len;
        out.extend(run.iter().map(|u| format!("{group} {u}")));
    }
    Some(out)
}

/// How `g` group headings share a row of sub-headings, as run lengths:
/// the cut under which the most groups carry the same sub-headings (a
/// report repeats one group's sub-columns) and end in the same one (each
/// group closes with its net or total). A tie is no reading.
pub(super) fn share_among_groups<T: PartialEq>(items: &[T], g: usize) -> Option<Vec<usize>> {
    fn go(left: usize, parts: usize, current: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if out.len() >= MAX_UNIT_SHARES {
            return;
        }
        if parts == 1 {
            current.push(left);
            out.push(current.clone());
            current.pop();
            return;
        }
        for len in 1..=left.saturating_sub(parts - 1) {
            current.push(len);
            go(left - len, parts - 1, current, out);
            current.pop();
        }
    }
    if g < 2 || g > items.len() {
        return None;
    }
    let mut shares = Vec::new();
    go(items.len(), g, &mut Vec::new(), &mut shares);
    let score = |lens: &[usize]| {
        let mut at = 0;
        let runs: Vec<&[T]> = lens
            .iter()
            .map(|len| {
                let run = items.get(at..at + len).unwrap_or(&[]);
                at += len;
                run
            })
            .collect();
        let pairs = |same: &dyn Fn(&[T], &[T]) -> bool| {
            runs.iter()
                .map(|a| runs.iter().filter(|b| same(a, b)).count() - 1)
                .sum::<usize>()
        };
        pairs(&|a, b| a == b) + pairs(&|a, b| a.last() == b.last())
    };
    let best = shares.iter().map(|s| score(s)).max()?;
    let mut winners = shares.into_iter().filter(|s| score(s) == best);
    match (winners.next(), winners.next()) {
        (Some(lens), None) => Some(lens),
        _ => None,
    }
}

fn spread_years(last: &str, above: &[&str]) -> Option<Vec<String>> {
    if above.is_empty() {
        return None;
    }
    let ws: Vec<&str> = last.split_whitespace().collect();
    let first_year = ws.iter().position(|w| is_year_word(w))?;
    let years = ws.get(first_year..)?;
    if years.len() < 2 || !years.iter().all(|w| is_year_word(w)) {
        return None;
    }
    let mut tops = segment_heading(&above.join(" "));
    if tops.iter().any(|t| year_of(t).is_some()) {
        return None;
    }
    let mut label: Option<String> = None;
    let mut note: Option<String> = None;
    let prefix = ws.get(..first_year).unwrap_or(&[]).join(" ");
    // A lowercase word before the years continues the note heading above
    // it ("Not" / "nr 2003 2002"): the heading words stand over each other.
    let mut note_rest: Option<String> = None;
    for seg in segment_heading(&prefix) {
        if is_note_heading(&seg) {
            note = Some(seg);
        } else if seg.starts_with(latin::is_lower) {
            note_rest = Some(seg);
        } else {
            label = Some(seg);
        }
    }
    if let Some(i) = tops.iter().position(|t| is_note_heading(t)) {
        let top = tops.remove(i);
        note = Some(match note_rest.take() {
            Some(rest) => format!("{top} {rest}"),
            None => top,
        });
    }
    if let Some(rest) = note_rest {
        label = Some(rest);
    }
    if label.is_none() && tops.first().is_some_and(|t| takes_no_year(t)) {
        label = Some(tops.remove(0));
    }
    if label.is_none() && tops.len() >= 2 && !years.len().is_multiple_of(tops.len()) {
        label = Some(tops.remove(0));
    }
    if tops.is_empty() || !years.len().is_multiple_of(tops.len()) {
        return None;
    }
    let span = years.len() / tops.len();
    let mut out = vec![label.unwrap_or_default()];
    out.extend(note);
    for (i, year) in years.iter().enumerate() {
        let top = tops.get(i / span.max(1))?;
        out.push(format!("{top} {year}"));
    }
    Some(out)
}

/// How well headings name their columns: a value heading that names a
/// role, or a year, counts; so does each role named once; a heading with
/// two years, or a label heading that names a figure, was merged wrongly.
fn headings_score(headings: &[String]) -> i32 {
    let mut score = 0i32;
    let mut seen: Vec<Role> = Vec::new();
    for (j, h) in headings.iter().enumerate() {
        let role = role_of(h);
        let years = h.split_whitespace().filter(|w| is_year_word(w)).count();
        if years > 1 {
            score -= 3;
        }
        if j == 0 {
            if role.is_some_and(Role::is_numeric) {
                score -= 2;
            }
            continue;
        }
        match role {
            Some(r) if r.is_numeric() => {
                score += 2;
                if !seen.contains(&r) {
                    seen.push(r);
                    score += 1;
                }
            }
            _ if years == 1 => score += 1,
            _ => {}
        }
    }
    score
}

/// More heading segments than columns ("Tkr Utfall 2013 Budget 2013
/// Avvikelse Budget-Utfall" over three values): the adjacent segments are
/// joined so that there are exactly `needed` headings, the way that names
/// the columns best by [`headings_score`]. On a tie the extra segments go
/// to the label's heading (`None` then, and when there are too many ways).
pub(super) fn merge_headings(segments: &[String], needed: usize) -> Option<Vec<String>> {
    /// Ways to join tried at most (segments choose cuts).
    const MAX_WAYS: usize = 512;
    fn go(
        segments: &[String],
        needed: usize,
        current: &mut Vec<String>,
        best: &mut (i32, Option<Vec<String>>),
        tried: &mut usize,
    ) {
        if *tried >= MAX_WAYS {
            return;
        }
        if needed == 0 || segments.is_empty() {
            if needed == 0 && segments.is_empty() {
                *tried += 1;
                let score = headings_score(current);
                if score > best.0 {
                    *best = (score, Some(current.clone()));
                }
            }
            return;
        }
        // The next heading takes the next `take` segments; the label's
        // heading (the first) tries the most first, so that it wins ties.
        let most = segments.len().saturating_sub(needed - 1);
        let first = current.is_empty();
        for step in 0..most {
            let take = if first { most - step } else { step + 1 };
            let (head, rest) = segments.split_at(take);
            current.push(head.join(" "));
            go(rest, needed - 1, current, best, tried);
            current.pop();
        }
    }
    if needed == 0 || segments.len() <= needed {
        return None;
    }
    let extra = segments.len() - needed;
    let mut default = vec![segments.get(..=extra)?.join(" ")];
    default.extend(segments.get(extra + 1..)?.iter().cloned());
    let mut best = (headings_score(&default), None);
    let mut tried = 0;
    go(segments, needed, &mut Vec::new(), &mut best, &mut tried);
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A group's name in lower case before each of its years (Västervik's
        // notes), against a unit or a period in lower case before a year.
        let table: &[(&str, &[&str])] = &[
            (
                "mnkr kommunen 2021-12-31 kommunen 2020-12-31 koncernen 2021-12-31 koncernen 2020-12-31",
                &[
                    "mnkr",
                    "kommunen 2021-12-31",
                    "kommunen 2020-12-31",
                    "koncernen 2021-12-31",
                    "koncernen 2020-12-31",
                ],
            ),
            ("Belopp i tkr 2019 2018", &["Belopp i tkr", "2019", "2018"]),
            // A part of a year heads with it; a corner naming no figure
            // before a run of years heads the labels.
            ("Q1 2024 2023 2022 2021", &["Q1 2024", "2023", "2022", "2021"]),
            ("PROFIT/LOSS ITEMS 2018 2017 2016", &["PROFIT/LOSS", "ITEMS", "2018", "2017", "2016"]),
            ("Utfall 2019 2018 2017", &["Utfall 2019", "2018", "2017"]),
            ("Utfall jan-aug 2019 Budget 2019", &["Utfall jan-aug 2019", "Budget 2019"]),
            // A deviation's formula goes with it.
            (
                "Tkr Utfall 2013 Budget 2013 Avvikelse Budget-Utfall",
                &["Tkr", "Utfall 2013", "Budget 2013", "Avvikelse Budget-Utfall"],
            ),
        ];
        for (text, want) in table {
            assert_eq!(segment_heading(text), *want, "{text:?}");
        }
    }

    #[test]
    fn periods_under_years_go_with_them() {
        let table: &[(&[&str], &[&str])] = &[
            (
                &["Koncernen 2017 2016 2016", "jan-apr jan-apr jan-dec"],
                &["Koncernen", "2017 jan-apr", "2016 jan-apr", "2016 jan-dec"],
            ),
            (
                &["KONCERNEN 2011 2010 2010", "jan aug jan aug jan dec"],
                &["KONCERNEN", "2011 jan aug", "2010 jan aug", "2010 jan dec"],
            ),
            (
                &["2013 2014", "helår jan-aug"],
                &["", "2013 helår", "2014 jan-aug"],
            ),
        ];
        for (texts, want) in table {
            assert_eq!(block_headings(texts), *want, "{texts:?}");
        }
        // Not periods, or not one share each: no such heading.
        assert_eq!(
            periods_under_years(&["Mnkr 2019 2018", "Utfall Budget"]),
            None
        );
        assert_eq!(
            periods_under_years(&["Mnkr 2019 2018", "jan-aug jan-aug jan-dec"]),
            None
        );
    }

    #[test]
    fn years_printed_before_their_names_go_with_them() {
        let segments = segment_heading(
            "Miljoner kronor 2023 Intäkter 2023 Kostnader 2023 Netto 2022 Intäkter 2022 Netto",
        );
        assert_eq!(
            years_before_names(&segments),
            Some(
                [
                    "Miljoner kronor",
                    "2023 Intäkter",
                    "2023 Kostnader",
                    "2023 Netto",
                    "2022 Intäkter",
                    "2022 Netto"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        // Names before their years, or years alone, stay as they are.
        for text in [
            "Mnkr Utfall 2023 Budget 2023 Avvikelse",
            "Mnkr 2023 2022 2021",
        ] {
            assert_eq!(years_before_names(&segment_heading(text)), None, "{text:?}");
        }
    }

    #[test]
    fn measures_after_each_dated_heading_go_with_it() {
        let segments = |t: &str| segment_heading(t);
        let text = "Bokslut 2017 Nettokostnad Budget 2018 Nettokostnad Budget 2019 Intäkter";
        assert_eq!(
            measures_after_each(&segments(text), 4).as_deref(),
            Some(
                &[
                    String::new(),
                    "Bokslut 2017 Nettokostnad".to_string(),
                    "Budget 2018 Nettokostnad".to_string(),
                    "Budget 2019 Intäkter".to_string()
                ][..]
            )
        );
        // As many columns as headings: nothing to pair.
        assert_eq!(measures_after_each(&segments(text), 7), None);
        // A heading of two years is no pair.
        assert_eq!(
            measures_after_each(
                &segments("Mnkr Utfall 2019 Budget 2019 Avvikelse Prognos"),
                3
            ),
            None
        );
    }

    #[test]
    fn groups_spread_over_their_years_with_the_labels_heading_first_or_last() {
        let table: &[(&str, Option<&[&str]>)] = &[
            (
                "Mkr Kommunen Koncernen 2013 2014 2013 2014",
                Some(&[
                    "Mkr",
                    "Kommunen 2013",
                    "Kommunen 2014",
                    "Koncernen 2013",
                    "Koncernen 2014",
                ]),
            ),
            (
                "April-June Jan.-June SEKm 2019 2018 2019 2018",
                Some(&[
                    "SEKm",
                    "April-June 2019",
                    "April-June 2018",
                    "Jan.-June 2019",
                    "Jan.-June 2018",
                ]),
            ),
            // One group is no spread.
            ("Jan.-June SEKm 2019 2018", None),
        ];
        for (text, want) in table {
            let segments = segment_heading(text);
            assert_eq!(
                spread_groups(&segments).as_deref(),
                want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    .as_deref(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn group_names_before_each_dated_heading_go_with_it() {
        let table: &[(&str, Option<&[&str]>)] = &[
            (
                "(mnkr) Not Kommunen Bokslut 2020 Kommunen Budget 2021 Sammanställd redovisning Bokslut 2020",
                Some(&[
                    "(mnkr)",
                    "Not",
                    "Kommunen Bokslut 2020",
                    "Kommunen Budget 2021",
                    "Sammanställd redovisning Bokslut 2020",
                ]),
            ),
            // One name is a caption's word, not a group, unless it starts
            // dated headings too.
            ("Mnkr Kommunen Bokslut 2020 Budget 2021", None),
            (
                "miljoner kronor Not Kommunen Budget 2023 Kommunen 2023 Koncernen 2023",
                Some(&[
                    "miljoner kronor",
                    "Not",
                    "Kommunen Budget 2023",
                    "Kommunen 2023",
                    "Koncernen 2023",
                ]),
            ),
            // A heading of figures without a year is no group's name.
            ("Mnkr Utfall Budget 2021 Avvikelse Prognos 2021", None),
        ];
        for (text, want) in table {
            let segments = segment_heading(text);
            assert_eq!(
                groups_before_each(&segments).as_deref(),
                want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    .as_deref(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn group_headings_spread_over_a_line_of_units() {
        let table: &[(&str, &str, Option<&[&str]>)] = &[
            (
                "Kostnad per elev Utfall 2024 Utfall 2023 Förändring % Budget 2025",
                "tkr kr/elev tkr kr/elev %/elev tkr kr/elev",
                Some(&[
                    "Kostnad per elev",
                    "Utfall 2024 tkr",
                    "Utfall 2024 kr/elev",
                    "Utfall 2023 tkr",
                    "Utfall 2023 kr/elev",
                    "Förändring % %/elev",
                    "Budget 2025 tkr",
                    "Budget 2025 kr/elev",
                ]),
            ),
            (
                "Mnkr Utfall 2024 Budget 2024",
                "mnkr % mnkr %",
                Some(&[
                    "Mnkr",
                    "Utfall 2024 mnkr",
                    "Utfall 2024 %",
                    "Budget 2024 mnkr",
                    "Budget 2024 %",
                ]),
            ),
            // Two units under two groups split one way only; three under two
            // split two ways equally well: no reading.
            (
                "Utfall 2024 Budget 2024",
                "tkr tkr",
                Some(&["", "Utfall 2024 tkr", "Budget 2024 tkr"]),
            ),
            ("Utfall 2024 Budget 2024", "tkr % kr/inv", None),
            // Groups that end in the same unit.
            (
                "Utfall 2024 Budget 2024",
                "tkr kr/inv tkr",
                Some(&[
                    "",
                    "Utfall 2024 tkr",
                    "Budget 2024 kr/inv",
                    "Budget 2024 tkr",
                ]),
            ),
            // Words that are not units: no line of units.
            ("Utfall 2024 Budget 2024", "Intäkter Kostnader", None),
        ];
        for (above, last, want) in table {
            let got = spread_units(last, &[above]);
            let want = want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "{above:?} / {last:?}");
        }
    }

    #[test]
    fn heading_blocks_spread_years_over_group_headings() {
        let table: &[(&[&str], &[&str])] = &[
            (
                &["Staden Bolagen", "2024 2023 2024 2023"],
                &[
                    "",
                    "Staden 2024",
                    "Staden 2023",
                    "Bolagen 2024",
                    "Bolagen 2023",
                ],
            ),
            (
                &["(tkr) Staden Bolagen", "NOT 2024 2023 2024 2023"],
                &[
                    "(tkr)",
                    "NOT",
                    "Staden 2024",
                    "Staden 2023",
                    "Bolagen 2024",
                    "Bolagen 2023",
                ],
            ),
            (
                &["Miljoner kronor Staden Bolagen", "2023 2024 2023 2024"],
                &[
                    "Miljoner kronor",
                    "Staden 2023",
                    "Staden 2024",
                    "Bolagen 2023",
                    "Bolagen 2024",
                ],
            ),
            (
                &[
                    "Staden",
                    "Hela koncernen",
                    "Belopp i mnkr 2023 2024 2023 2024",
                ],
                &[
                    "Belopp i mnkr",
                    "Staden 2023",
                    "Staden 2024",
                    "Hela koncernen 2023",
                    "Hela koncernen 2024",
                ],
            ),
            (
                &["Utfall Budget Avvikelse", "2023 2023 2023"],
                &["", "Utfall 2023", "Budget 2023", "Avvikelse 2023"],
            ),
            // One year per line: the year goes with the heading above it.
            (
                &["(mnkr) Bokslut", "2023", "Budget", "2024", "Plan", "2025"],
                &["(mnkr)", "Bokslut 2023", "Budget 2024", "Plan 2025"],
            ),
            (
                &["Belopp i tkr Not BUDGET", "2024", "2024 2023 2022"],
                &["Belopp i tkr", "Not", "BUDGET 2024", "2024", "2023", "2022"],
            ),
            (
                &["Belopp angivna i tkr Not 2024 2023"],
                &["Belopp angivna i tkr", "Not", "2024", "2023"],
            ),
            (&["Mnkr 2024 2023 2022"], &["Mnkr", "2024", "2023", "2022"]),
            // A note heading over two lines: the lowercase word before the
            // years continues it.
            (
                &["Specifikation Not Bokslut Bokslut", "nr 2003 2002"],
                &["Specifikation", "Not nr", "Bokslut 2003", "Bokslut 2002"],
            ),
            // Qualifiers over names, matched from the right; a budget over
            // a forecast is a column of its own.
            (
                &[
                    "Delårs Innev. Föreg. Årsbudget Avvikelse",
                    "Resultaträkning i Mkr Bokslut bokslut Prognos Prognos prog - budg",
                ],
                &[
                    "Resultaträkning i Mkr",
                    "Bokslut",
                    "Delårs bokslut",
                    "Innev. Prognos",
                    "Föreg. Prognos",
                    "Årsbudget",
                    "Avvikelse prog - budg",
                ],
            ),
        ];
        for (texts, want) in table {
            assert_eq!(block_headings(texts), *want, "{texts:?}");
        }
    }

    #[test]
    fn extra_heading_segments_are_joined_where_they_name_columns_best() {
        let table: &[(&str, usize, &[&str])] = &[
            (
                "Tkr Utfall 2024 Budget 2024 Avvikelse Budget-Utfall",
                4,
                &[
                    "Tkr",
                    "Utfall 2024",
                    "Budget 2024",
                    "Avvikelse Budget-Utfall",
                ],
            ),
            (
                "Nämnd Område Utfall Budget Avvikelse",
                4,
                &["Nämnd Område", "Utfall", "Budget", "Avvikelse"],
            ),
        ];
        for (text, needed, want) in table {
            let segments = segment_heading(text);
            let got = merge_headings(&segments, *needed).unwrap_or_else(|| {
                // No better way than the label's: the extras join it.
                let extra = segments.len() - needed;
                let mut h = vec![segments[..=extra].join(" ")];
                h.extend(segments[extra + 1..].iter().cloned());
                h
            });
            assert_eq!(got, *want, "{text:?}");
        }
    }
}
