//! The headings of a one-cell-per-line web copy: a title above, the corner
//! heading, and headings stacked in rows (group headings over repeated
//! periods, units glued to titles).

use super::heading_lines::is_footnote_line;
use super::heading_words::{segment_heading, share_among_groups};
use super::layout_diagnostic;
use super::web::StreamCell;
use super::words::{is_note_list, is_year, year_in};
use crate::diagnostics::Diagnostic;
use crate::latin;
use crate::model::Role;
use crate::read::headings::{
    clean_heading, compact, is_note_heading, role_of, unglue_heading, unit_of,
};

/// Splits a unit glued to the end of a title ("Resultaträkningmnkr": a
/// title and the corner heading run together) into the two.
pub(super) fn unglue_unit(text: &str) -> Option<(String, String)> {
    for unit in ["mnkr", "mkr", "tkr", "mdkr"] {
        let Some(at) = text.len().checked_sub(unit.len()) else {
            continue;
        };
        let glued = text.get(at..).filter(|t| t.eq_ignore_ascii_case(unit));
        if let (Some(unit), Some(head)) = (glued, text.get(..at)) {
            let before = head.chars().last();
            if head.chars().filter(|c| latin::is_letter(*c)).count() >= 4
                && before.is_some_and(latin::is_lower)
            {
                return Some((head.to_string(), unit.to_string()));
            }
        }
    }
    None
}

/// Splits one heading line into `n` headings that each end with a period
/// ("mnkr kommunen 2021-12-31 kommunen 2020-12-31"): the headings have the
/// same shape, so the first one has as many words as the others and the
/// words before it are the corner heading.
fn split_at_periods(text: &str, n: usize) -> Option<(String, Vec<String>)> {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let ends: Vec<usize> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| year_in(w).is_some())
        .map(|(i, _)| i)
        .collect();
    if ends.len() != n || n < 2 || ends.last() != Some(&(ws.len() - 1)) {
        return None;
    }
    let shape = ends[1] - ends[0];
    let start = (ends[0] + 1).checked_sub(shape)?;
    let mut headings = vec![ws[start..=ends[0]].join(" ")];
    for pair in ends.windows(2) {
        headings.push(ws[pair[0] + 1..=pair[1]].join(" "));
    }
    Some((ws[..start].join(" "), headings))
}

/// The title and headings (corner first) from the cells before the body.
pub(super) fn stream_headings(
    cells: &[StreamCell],
    values: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<(String, usize)>, Vec<String>) {
    let mut texts: Vec<(String, usize)> = cells.iter().map(|c| (c.text.clone(), c.line)).collect();
    // A title glued to the corner's unit.
    if let Some((text, line)) = texts.first().cloned() {
        if let Some((title, unit)) = unglue_unit(&text) {
            diagnostics.push(layout_diagnostic(
                None,
                Some(line),
                text.clone(),
                format!("A title and a unit ran together; read as the title \"{title}\" and the heading \"{unit}\"."),
                format!("En rubrik och en enhet satt ihop; lästes som rubriken \"{title}\" och kolumnrubriken \"{unit}\"."),
            ));
            texts[0] = (title, line);
            texts.insert(1, (unit, line));
        }
    }
    // Footnotes between the caption and the heading are no heading.
    texts.retain(|(t, _)| !is_footnote_line(t));
    // One heading line for several columns.
    let non_empty: Vec<usize> = (0..texts.len())
        .filter(|i| !texts[*i].0.is_empty())
        .collect();
    // Headings run together on one line ("Utfall juniPrognos
    // juniDifferens juni..."): the line whose words split into one heading
    // per value column (and maybe the corner's), most of them naming a
    // figure, is the heading, whatever lines stand above it.
    if non_empty.len() < values + 1 {
        if let Some(&last) = non_empty.last() {
            let segments = segment_heading(&texts[last].0);
            let named = segments
                .iter()
                .filter(|h| role_of(h).is_some_and(Role::is_numeric))
                .count();
            if (segments.len() == values || segments.len() == values + 1) && named * 2 >= values {
                let mut headings = Vec::with_capacity(values + 1);
                if segments.len() == values {
                    headings.push(String::new());
                }
                headings.extend(segments);
                let title = non_empty
                    .first()
                    .filter(|i| **i != last)
                    .and_then(|i| texts.get(*i).cloned());
                return (title, headings);
            }
        }
    }
    if non_empty.len() < values + 1 {
        // The line of periods may have a section heading of the body under
        // it ("2019 2018 2017 2016 2015" over "RESULTATRÄKNING (MKR)"): the
        // last cell that splits into the columns' periods is the heading,
        // lines of text after it head no column.
        let periods = non_empty
            .iter()
            .rev()
            .take(3)
            .take_while(|i| {
                !texts[**i].0.contains(|c: char| c.is_ascii_digit())
                    || split_at_periods(&texts[**i].0, values).is_some()
            })
            .find(|i| split_at_periods(&texts[**i].0, values).is_some());
        if let Some(&last) = periods {
            if let Some((corner, split)) = split_at_periods(&texts[last].0, values) {
                let line = texts[last].1;
                let title = non_empty
                    .iter()
                    .rev()
                    .skip_while(|i| **i != last)
                    .nth(1)
                    .map(|i| texts[*i].clone());
                let mut headings = vec![clean_heading(&corner)];
                headings.extend(split.iter().map(|h| clean_heading(h)));
                diagnostics.push(layout_diagnostic(
                    None,
                    Some(line),
                    texts[last].0.clone(),
                    format!("One heading line for {values} columns; split after each period."),
                    format!("En rubrikrad för {values} kolumner; delad efter varje period."),
                ));
                return (title, headings);
            }
        }
    }
    let bottom_start = texts.len().saturating_sub(values);
    // Footnote marks go ("Ack. diff.1").
    let mut bottom: Vec<String> = texts[bottom_start..]
        .iter()
        .map(|(t, _)| clean_heading(&unglue_heading(t)))
        .collect();
    while bottom.len() < values {
        bottom.insert(0, String::new());
    }
    let corner_at = bottom_start.checked_sub(1);
    let corner = corner_at.map_or(String::new(), |i| clean_heading(&texts[i].0));
    let mut rest: Vec<(String, usize)> = texts[..corner_at.unwrap_or(0)]
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .cloned()
        .collect();
    // Stacked headings: a row of periods that starts again (the year rises:
    // "2021 2020 2021 2020") sits under as many group headings, the last
    // text cells above it ("Kommunen", "Koncernen").
    let years: Vec<Option<u16>> = bottom.iter().map(|h| year_in(h)).collect();
    let skip = years.iter().take_while(|y| y.is_none()).count();
    if skip < years.len() && years[skip..].iter().all(Option::is_some) {
        let mut starts = vec![skip];
        for i in skip + 1..years.len() {
            if years[i] > years[i - 1] {
                starts.push(i);
            }
        }
        let groups = starts.len();
        // A heading that names a figure ("Budget") stacked between the group
        // headings and the periods is no group: it heads the first period
        // of the first group, where it stands ("Kommunen" / "Budget" /
        // "2023 2023 2022": "Kommunen Budget 2023").
        let names_figure = |t: &str| role_of(t).is_some_and(Role::is_numeric);
        let stacked = rest
            .get(rest.len().saturating_sub(groups + 1)..)
            .unwrap_or(&[]);
        let figure_words = stacked.iter().filter(|(t, _)| names_figure(t)).count();
        let mut sub: Option<String> = None;
        if figure_words == 1
            && stacked.len() == groups + 1
            && rest.last().is_some_and(|(t, _)| names_figure(t))
        {
            sub = rest.pop().map(|(t, _)| t);
        }
        if groups >= 2 && rest.len() >= groups {
            let labels: Vec<(String, usize)> = rest.split_off(rest.len() - groups);
            if let (Some(sub), Some(h)) =
                (sub.take(), starts.first().and_then(|s| bottom.get_mut(*s)))
            {
                *h = clean_heading(&format!("{sub} {h}"));
            }
            for (g, start) in starts.iter().enumerate() {
                let end = starts.get(g + 1).copied().unwrap_or(bottom.len());
                for h in &mut bottom[*start..end] {
                    *h = clean_heading(&format!("{} {h}", labels[g].0));
                }
            }
            diagnostics.push(layout_diagnostic(
                None,
                labels.first().map(|l| l.1),
                labels.iter().map(|l| l.0.as_str()).collect::<Vec<_>>().join(" | "),
                format!("The periods in the heading start again {groups} times; each group was given the heading above it."),
                format!("Perioderna i rubriken börjar om {groups} gånger; varje grupp fick rubriken ovanför sig."),
            ));
        }
        if let Some(sub) = sub {
            rest.push((sub, 0));
        }
    }
    // Group headings over a row of headings that starts again ("2023" and
    // "2022" over "Intäkter | Kostnader | Netto | Budget | Avvikelse |
    // Intäkter | Kostnader | Netto | Budget"): the row splits where its first
    // heading recurs, each later group repeating the first group's headings
    // (it may lack the last ones), and each group takes the group heading
    // above it, in order: the last text cells above the row.
    if years.iter().all(Option::is_none) {
        let keys: Vec<String> = bottom.iter().map(|h| compact(h)).collect();
        let first_key = keys.first().cloned().unwrap_or_default();
        let starts: Vec<usize> = (0..keys.len())
            .filter(|i| !first_key.is_empty() && keys.get(*i) == Some(&first_key))
            .collect();
        let groups = starts.len();
        let repeats = starts.iter().enumerate().all(|(g, start)| {
            let end = starts.get(g + 1).copied().unwrap_or(keys.len());
            let first_end = starts.get(1).copied().unwrap_or(keys.len());
            let span = end.saturating_sub(*start);
            span <= first_end && keys.get(*start..end) == keys.get(..span)
        });
        let tops_fit = rest.len() >= groups
            && rest
                .get(rest.len().saturating_sub(groups)..)
                .is_some_and(|tops| {
                    tops.iter().all(|(t, _)| {
                        unit_of(t).is_none()
                            && t.split_whitespace().count() <= 3
                            && !role_of(t).is_some_and(Role::is_numeric)
                    })
                });
        if groups >= 2 && starts.first() == Some(&0) && repeats && tops_fit {
            let labels: Vec<(String, usize)> = rest.split_off(rest.len() - groups);
            for (g, start) in starts.iter().enumerate() {
                let end = starts.get(g + 1).copied().unwrap_or(bottom.len());
                let top = labels.get(g).map_or("", |l| l.0.as_str());
                for h in bottom.get_mut(*start..end).unwrap_or(&mut []) {
                    *h = clean_heading(&format!("{top} {h}"));
                }
            }
        }
    }
    // Dated group headings stacked over a row of undated ones ("Bokslut" /
    // "2017" / "Budget" / "2018" / "Budget" / "2019" over "Nettokostnad |
    // Nettokostnad | Intäkter | Kostnader | Nettokostnad"): the groups are
    // the last cells above the row, a year joined to the word above it,
    // and they share the row as [`share_among_groups`] finds.
    if years.iter().all(Option::is_none) && bottom.iter().all(|h| !h.is_empty()) {
        let mut tops: Vec<String> = Vec::new();
        let mut taken = 0;
        while let Some((t, _)) = rest.len().checked_sub(taken + 1).and_then(|i| rest.get(i)) {
            let word_above = rest
                .len()
                .checked_sub(taken + 2)
                .and_then(|i| rest.get(i))
                .filter(|(w, _)| year_in(w).is_none());
            match (is_year(t), word_above) {
                (true, Some((w, _))) => {
                    tops.insert(0, format!("{w} {t}"));
                    taken += 2;
                }
                (false, _) if year_in(t).is_some() => {
                    tops.insert(0, t.clone());
                    taken += 1;
                }
                _ => break,
            }
        }
        let lens = (tops.len() < bottom.len())
            .then(|| share_among_groups(&bottom, tops.len()))
            .flatten();
        if let Some(lens) = lens {
            rest.truncate(rest.len() - taken);
            let mut at = 0;
            for (top, len) in tops.iter().zip(lens) {
                for h in bottom.get_mut(at..at + len).unwrap_or(&mut []) {
                    *h = clean_heading(&format!("{top} {h}"));
                }
                at += len;
            }
        }
    }
    // A note heading stacked above an empty first heading ("Not" over the
    // empty cell beside the years, or over the notes of the heading itself,
    // "1, 2") heads that column.
    if bottom
        .first()
        .is_some_and(|h| h.is_empty() || is_note_list(h))
        && rest.last().is_some_and(|(t, _)| is_note_heading(t))
    {
        if let (Some((note, _)), Some(first)) = (rest.pop(), bottom.first_mut()) {
            *first = note;
        }
    }
    // An empty corner cell under a title and a unit line ("Not 5" /
    // "mnkr" / group headings): the unit heads the labels.
    let mut corner = corner;
    if corner.is_empty()
        && rest.len() >= 2
        && rest.last().is_some_and(|(t, _)| unit_of(t).is_some())
    {
        if let Some((unit, _)) = rest.pop() {
            corner = clean_heading(&unit);
        }
    }
    // A lone line above headings one per line is a caption (the copy drops
    // the table's empty corner cell): the title, not the corner heading.
    let (title, corner) = match (rest.first().cloned(), corner_at) {
        (None, Some(0)) if !corner.is_empty() => (texts.first().cloned(), String::new()),
        (title, _) => (title, corner),
    };
    let mut headings = vec![corner];
    headings.extend(bottom);
    (title, headings)
}
