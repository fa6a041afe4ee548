//! Tables that lost their separators or line breaks entirely: a time series
//! run together, and a list of labels and figures on one line.

use super::figures::{figure_cuts, figure_unevenness, glued_figures, Figure};
use super::heading_words::segment_heading;
use super::split::splits;
use super::words::{glued_years, pdf_words, shape, Shape};
use super::{layout_diagnostic, Line, MAX_SUM_ROWS};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::model::Role;
use crate::read::headings::role_of;
use crate::read::{RawCell, RawRow, RawTable};

/// A time series run together: a web report's multi-year table copied with
/// no separator at all. A corner heading glued to its years
/// ("Belopp20192018201720162015"), then per measure a label with its
/// figures glued to it or on the lines below ("Soliditet %17,215,714,9..."
/// or "Nettoomsättning" / "586 551572 644529 ..."); a label with no figures
/// before the next label is a section heading. Nothing sums in such a
/// table, so each row's figures are cut into one per year (thousands
/// spaces and decimals kept, see [`figure_cuts`]) by evenness alone: the
/// most even cut when it is the only one, else the row stays text with a
/// diagnostic. `None` when the heading is not a corner and years, or when
/// most rows do not cut one way.
pub(super) fn series_together(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let (at, corner, years) = body.iter().enumerate().take(3).find_map(|(i, l)| {
        let (label, tail) = glued_figures(&l.text)?;
        let years = glued_years(tail)?;
        Some((i, label.trim().to_string(), years))
    })?;
    let n = years.len();
    // (line, label, pieces of figures); a line of figures alone goes on
    // with the row above.
    let mut rows: Vec<(usize, String, Vec<String>)> = Vec::new();
    for l in body.get(at + 1..).unwrap_or(&[]) {
        match glued_figures(&l.text) {
            Some(("", tail)) => rows.last_mut()?.2.push(tail.to_string()),
            Some((label, tail)) => {
                rows.push((l.line, label.trim().to_string(), vec![tail.to_string()]));
            }
            None => rows.push((l.line, l.text.trim().to_string(), Vec::new())),
        }
    }
    if rows.len() > MAX_SUM_ROWS {
        return None;
    }
    let grouped = rows.iter().flat_map(|r| &r.2).any(|t| t.contains(' '));
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let (mut figured, mut cut) = (0usize, 0usize);
    for (line, label, pieces) in rows {
        let row = raw.rows.len();
        if pieces.is_empty() {
            raw.rows.push(RawRow {
                line,
                cells: vec![RawCell::plain(label)],
            });
            continue;
        }
        figured += 1;
        let parts: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let cuts: Vec<Vec<Figure>> = (0..=2)
            .flat_map(|decimals| figure_cuts(&parts, n, decimals, grouped).unwrap_or_default())
            .collect();
        let least = cuts.iter().map(|c| figure_unevenness(c)).min();
        let mut even = cuts.iter().filter(|c| Some(figure_unevenness(c)) == least);
        match (even.next(), even.next()) {
            (Some(one), None) => {
                cut += 1;
                let cells = std::iter::once(label)
                    .chain(one.iter().map(|f| f.0.clone()))
                    .map(RawCell::plain)
                    .collect();
                raw.rows.push(RawRow { line, cells });
            }
            (first, _) => {
                let seen = std::iter::once(label)
                    .chain(pieces)
                    .collect::<Vec<_>>()
                    .join(" ");
                raw.diagnostics.push(Diagnostic {
                    row: Some(row),
                    column: None,
                    line: Some(line),
                    seen: seen.clone(),
                    kind: match first {
                        None => DiagnosticKind::UnsplittableLine,
                        Some(_) => DiagnosticKind::AmbiguousSplit {
                            candidates: cuts.len(),
                        },
                    },
                });
                raw.rows.push(RawRow {
                    line,
                    cells: vec![RawCell::plain(seen)],
                });
            }
        }
    }
    if cut < 2 || cut * 2 < figured {
        return None;
    }
    let heading_line = body.get(at)?;
    raw.headings = std::iter::once(corner).chain(years).collect();
    raw.title = at
        .checked_sub(1)
        .and_then(|i| body.get(i))
        .map(|l| (l.text.trim().to_string(), l.line));
    raw.context = heading_line.text.clone();
    raw.diagnostics.insert(
        0,
        layout_diagnostic(
            None,
            Some(heading_line.line),
            heading_line.text.clone(),
            format!("Cells run together with no separator; the heading was read as {n} years and each row's figures cut into one per year, the most even way."),
            format!("Cellerna sitter ihop utan avgränsare; rubriken lästes som {n} år och varje rads siffror delades i en per år, så jämnt som möjligt."),
        ),
    );
    Some(raw)
}

/// A list of labels and figures on one line: a text layer that lost the
/// table's line breaks ("Skatteintäkter 12 Utjämning och generella
/// statsbidrag -23 Förvaltningarnas resultat inkl LLS -76 ..."). Each run
/// of words is the label of the figure after it (capitals inside a label
/// are common: "inkl LLS", "Tro, hoppet o kärleken"); the words before the
/// first figure hold rows without one, split at capitalised words; the
/// last of them naming a figure heads the column. Only for one line of
/// four figures or more, each one value by the three-digit rule; two are
/// enough when bullets ("- Socialnämnden -16,9 mnkr - Kommunstyrelsen +
/// 22,6 mnkr") set the items apart: a bullet before the first item ends
/// the caption. A unit after a figure is that figure's.
pub(super) fn one_line_list(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let [line] = body.as_slice() else {
        return None;
    };
    let mut rows: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut caption = String::new();
    let mut bullets = 0;
    let words = pdf_words(&line.text);
    for (k, w) in words.iter().enumerate() {
        let bullet = matches!(w.as_str(), "-" | "–" | "•")
            && words
                .get(k + 1)
                .and_then(|n| n.chars().next())
                .is_some_and(crate::latin::is_upper);
        if bullet {
            bullets += 1;
            if !numbers.is_empty() {
                rows.push((std::mem::take(&mut label), std::mem::take(&mut numbers)));
            } else if rows.is_empty() {
                caption = std::mem::take(&mut label).join(" ");
            }
        } else if matches!(shape(w), Shape::Number { .. })
            || (matches!(shape(w), Shape::Suffix) && !numbers.is_empty())
        {
            numbers.push(w.clone());
        } else {
            if !numbers.is_empty() {
                rows.push((std::mem::take(&mut label), std::mem::take(&mut numbers)));
            }
            label.push(w.clone());
        }
    }
    if !numbers.is_empty() {
        rows.push((label, numbers));
    } else if !label.is_empty() {
        return None;
    }
    let fewest = if bullets + 1 >= rows.len() { 2 } else { 4 };
    if rows.len() < fewest
        || rows
            .iter()
            .any(|(l, n)| l.is_empty() || splits(n, 1).is_empty())
    {
        return None;
    }
    let mut raw = RawTable {
        from_lines: true,
        headings: vec![String::new(), String::new()],
        ..RawTable::default()
    };
    for (i, (words, numbers)) in rows.into_iter().enumerate() {
        let mut labels = vec![words.join(" ")];
        if i == 0 {
            labels = segment_heading(&words.join(" "));
        }
        let own = labels.pop().unwrap_or_default();
        // The last of them that names a figure ("Större budgetavvikelser")
        // heads the rows below: it names the column's figure.
        if let Some(h) = labels
            .iter()
            .rev()
            .find(|l| role_of(l).is_some_and(Role::is_numeric))
        {
            if let Some(slot) = raw.headings.get_mut(1) {
                slot.clone_from(h);
            }
        }
        for l in labels {
            raw.rows.push(RawRow {
                line: line.line,
                cells: vec![RawCell::plain(l)],
            });
        }
        raw.rows.push(RawRow {
            line: line.line,
            cells: vec![RawCell::plain(own), RawCell::plain(numbers.join(" "))],
        });
    }
    if !caption.is_empty() {
        // A caption that names the figure ("Större avvikelser mot budget")
        // heads the column too.
        if role_of(&caption).is_some_and(Role::is_numeric) {
            if let Some(slot) = raw.headings.get_mut(1) {
                slot.clone_from(&caption);
            }
        }
        raw.title = Some((caption, line.line));
    }
    raw.context = line.text.clone();
    raw.diagnostics.push(layout_diagnostic(
        None,
        Some(line.line),
        line.text.chars().take(80).collect(),
        "The whole table is on one line; each run of words was read as the label of the figure after it.".to_string(),
        "Hela tabellen står på en rad; varje följd av ord lästes som etikett till talet efter den.".to_string(),
    ));
    Some(raw)
}

/// A box of key figures on one line: its captions, then one figure under
/// each ("SAMMANFATTNING Resultat januari augusti Jämförelse, resultat per
/// augusti 2016 Prognos för resultat helår Budget + 155,8 mnkr + 167,5
/// mnkr + 70,2 mnkr + 32,9 mnkr"). The words fall into one heading per
/// figure, and one more for a caption when there is one; they become the
/// title and the heading line, the figures a row without a label.
pub(super) fn one_line_box(lines: &[Line]) -> Option<Vec<Line>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let [line] = body.as_slice() else {
        return None;
    };
    let words = pdf_words(&line.text);
    let is_figure = |w: &String| matches!(shape(w), Shape::Number { .. } | Shape::Suffix);
    let start = words.iter().rposition(|w| !is_figure(w))? + 1;
    let (head, figures) = words.split_at(start);
    let values = figures
        .iter()
        .filter(|w| matches!(shape(w), Shape::Number { .. }))
        .count();
    let mut headings = segment_heading(&head.join(" "));
    if values < 2
        || !(values..=values + 1).contains(&headings.len())
        || splits(figures, values).is_empty()
        || head.iter().any(|w| {
            matches!(shape(w), Shape::Number { .. }) && !super::heading_lines::is_year_word(w)
        })
    {
        return None;
    }
    let make = |text: String| Line::plain(text, line.line);
    let mut out: Vec<Line> = lines.iter().filter(|l| l.heading).cloned().collect();
    // A heading more than the figures: the caption ("SAMMANFATTNING").
    if headings.len() > values {
        out.push(Line {
            heading: true,
            ..make(headings.remove(0))
        });
    }
    out.push(make(headings.join(" ")));
    out.push(make(figures.join(" ")));
    Some(out)
}

/// A table with several figures per row flattened onto one line: a text
/// layer that lost the line breaks ("Delårs Innev. ... prog - budg
/// Kommunledning 41,6 32,8 48,7 46,4 47,3-1,4 Utbildning 395,4 ..."). Each
/// run of words before two figure words or more starts a row; a lone
/// number between words stays in the label ("Pensionsförpliktelser före
/// 1998 (mkr)"), and runs of years before the first row belong to the
/// heading. The words before the first row's label (from its last
/// capitalised word) are the heading. Only for one line of four rows or
/// more, at least half of them more than one value (a list of one figure
/// per row is [`one_line_list`]'s). Returns the lines to lay out as PDF text.
pub(super) fn unflatten(lines: &[Line]) -> Option<Vec<Line>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    let [line] = body.as_slice() else {
        return None;
    };
    let is_year = |w: &str| super::heading_lines::is_year_word(w);
    let mut rows: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for w in pdf_words(&line.text) {
        let figure = match shape(&w) {
            Shape::Number { .. } => true,
            Shape::Suffix | Shape::Dash => !numbers.is_empty(),
            Shape::Text => false,
        };
        if figure {
            numbers.push(w);
            continue;
        }
        let years_in_heading = rows.is_empty() && numbers.iter().all(|n| is_year(n));
        if numbers.len() >= 2 && !years_in_heading {
            rows.push((std::mem::take(&mut label), std::mem::take(&mut numbers)));
        } else {
            label.append(&mut numbers);
        }
        label.push(w);
    }
    if numbers.len() < 2 || label.is_empty() {
        return None;
    }
    rows.push((label, numbers));
    let several = rows.iter().filter(|(_, n)| splits(n, 1).is_empty()).count();
    if rows.len() < 4 || several * 2 < rows.len() || rows.iter().any(|(l, _)| l.is_empty()) {
        return None;
    }
    let (first, _) = rows.first_mut()?;
    let make = |text: String| Line::plain(text, line.line);
    let mut out: Vec<Line> = Vec::new();
    out.extend(lines.iter().filter(|l| l.heading).cloned());
    if let Some((caption, heading)) = years_over_names(first) {
        if !caption.is_empty() {
            out.push(Line {
                heading: true,
                ..make(caption)
            });
        }
        // A blank line after it: a line of words below is a section
        // heading of the body, not more heading.
        let last = heading.len().saturating_sub(1);
        for (i, text) in heading.into_iter().enumerate() {
            out.push(Line {
                blank_after: i == last,
                ..make(text)
            });
        }
    } else {
        let starts_row = first
            .iter()
            .rposition(|w| w.chars().next().is_some_and(crate::latin::is_upper))?;
        let mut heading: Vec<String> = first.drain(..starts_row).collect();
        let section = group_row_after_heading(&mut heading, &rows);
        for part in heading_lines_run_together(&heading) {
            out.push(make(part.join(" ")));
        }
        if !section.is_empty() {
            // Blank lines around it: a block of its own, below the heading.
            if let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
            out.push(Line {
                blank_after: true,
                ..make(section.join(" "))
            });
        }
    }
    for (mut label, numbers) in rows {
        // A code inside the words ("Utgiftsområde 5 Internationell samverkan
        // 1:2 Freds- och ...") starts the row: the words before it are a
        // section heading.
        if let Some(code) = label.iter().skip(1).position(|w| is_code(w)) {
            let section: Vec<String> = label.drain(..=code).collect();
            out.push(make(section.join(" ")));
        }
        out.push(make(format!("{} {}", label.join(" "), numbers.join(" "))));
    }
    Some(out)
}

/// A code of an appropriation or account with a colon ("1:1", "1:18").
fn is_code(word: &str) -> bool {
    let mut parts = word.split(':');
    let digits =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
}

/// A heading of years over one name each, run into the caption before it
/// and the first row after it ("1 Förslag ... perioden 2020 2022 2018 2019
/// 2020 2021 2022 utfall prognos beräknat beräknat beräknat Utgiftsområde
/// 4 ..."): a run of years followed by as many words in lowercase or fewer.
/// The last of the years go with the names in order ("2018 utfall", "2019
/// prognos"), the words before them are the caption, and the words after
/// the names start the body (taken out of `words`). Periods under every
/// year, one word or two each ("2011 2010 2010 jan aug jan aug jan dec"),
/// stay two lines, the years over their periods, as a PDF prints them.
/// `(caption, heading lines)`.
fn years_over_names(words: &mut Vec<String>) -> Option<(String, Vec<String>)> {
    let is_year = |w: &String| super::heading_lines::is_year_word(w);
    let lower = |w: &String| w.chars().next().is_some_and(crate::latin::is_lower);
    let end = words.iter().rposition(is_year)? + 1;
    let names = words.get(end..)?.iter().take_while(|w| lower(w)).count();
    let years = words
        .get(..end)?
        .iter()
        .rev()
        .take_while(|w| is_year(w))
        .count();
    // The periods under the years, one or two words each.
    let periods = words.get(end..end + names)?;
    let each = if names.is_multiple_of(2) && names / 2 <= years && names >= 4 && names > years {
        2
    } else {
        1
    };
    let dated = names / each;
    if dated >= 2
        && dated <= years
        && periods
            .iter()
            .all(|w| super::heading_lines::is_period_word(w))
    {
        let heading = vec![words.get(end - dated..end)?.join(" "), periods.join(" ")];
        let caption = words.get(..end - dated)?.join(" ");
        words.drain(..end + names);
        return Some((caption, heading));
    }
    if names < 2 || years < names {
        return None;
    }
    let start = end - names;
    let heading = words
        .get(start..end)?
        .iter()
        .zip(words.get(end..end + names)?)
        .map(|(y, n)| format!("{y} {n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let caption = words.get(..start)?.join(" ");
    words.drain(..end + names);
    Some((caption, vec![heading]))
}

/// A group row without figures between the heading and the first row of a
/// flattened table ("... Resultat Utfall Utfall Kommunstyrelsen inkl.
/// kollektiven Verksamhetens intäkter 125,2 ..."): the heading then has
/// more headings than the rows have figures (plus the label column's), and
/// the extra ones at its end name no figure. They are cut off the heading
/// and returned, to stand as a section heading of the body.
fn group_row_after_heading(
    heading: &mut Vec<String>,
    rows: &[(Vec<String>, Vec<String>)],
) -> Vec<String> {
    // The number of figures per row: the count the most rows can be split
    // into.
    let widest = rows.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
    let columns = (1..=widest)
        .map(|k| {
            let rows_so = rows
                .iter()
                .filter(|(_, n)| k <= n.len() && !splits(n, k).is_empty())
                .count();
            (rows_so, k)
        })
        .fold((0, 0), |best, c| if c.0 > best.0 { c } else { best })
        .1;
    let starts_heading = |w: &String| {
        w.chars().next().is_some_and(crate::latin::is_upper)
            && crate::number::Unit::from_word(
                w.trim_matches(|c: char| !crate::latin::is_letter_or_digit(c)),
            )
            .is_none()
    };
    let mut headings = segment_heading(&heading.join(" ")).len();
    let mut cut = heading.len();
    while columns > 0 && headings > columns + 1 {
        let Some(start) = heading
            .get(..cut)
            .and_then(|h| h.iter().rposition(starts_heading))
        else {
            break;
        };
        let part_words = heading.get(start..cut).unwrap_or(&[]);
        let part = part_words.join(" ");
        // Years date columns ("Jan.-June SEKm 2019 2018 2019 2018"): no
        // group row has them.
        if start == 0
            || role_of(&part).is_some_and(Role::is_numeric)
            || part_words
                .iter()
                .any(|w| super::heading_lines::is_year_word(w))
        {
            break;
        }
        cut = start;
        headings -= 1;
    }
    if headings > columns + 1 {
        return Vec::new();
    }
    heading.split_off(cut)
}

/// A flattened heading cut back into its lines where two heading lines ran
/// into each other: the lower line starts with the label column's heading
/// and its unit ("Resultaträkning i Mkr Bokslut bokslut Prognos ..."), so a
/// unit word after other words starts that line at the capitalised word
/// before it; above it, the words up to the last one in lowercase are the
/// caption ("Delårsbokslut i sammandrag"), the rest the upper heading line
/// ("Delårs Innev. Föreg. Årsbudget Avvikelse"). Names followed by as many
/// years as there are names or fewer are two lines. Otherwise one line.
fn heading_lines_run_together(heading: &[String]) -> Vec<&[String]> {
    let capital = |w: &String| w.chars().next().is_some_and(crate::latin::is_upper);
    let unit = heading.iter().position(|w| {
        crate::number::Unit::from_word(
            w.trim_matches(|c: char| !crate::latin::is_letter_or_digit(c)),
        )
        .is_some()
    });
    // A period before the unit ("April-June Jan.-June SEKm 2019 2018 ...")
    // is a group over the years, no label heading.
    let corner = unit.and_then(|u| heading.get(..u)?.iter().rposition(capital));
    let corner = corner.filter(|c| {
        heading
            .get(*c)
            .is_some_and(|w| !crate::read::headings::names_parts_of_the_year(w))
    });
    let Some(corner) = corner.filter(|c| *c > 0) else {
        // The names, then a year under each ("(tkr) Budget Prognos
        // Februari 2018 2018 2018"): the line of years below them.
        let years = heading
            .iter()
            .rev()
            .take_while(|w| super::heading_lines::is_year_word(w))
            .count();
        let names = heading.len() - years;
        return if heading.is_empty() {
            Vec::new()
        } else if years >= 2 && names > years {
            let (names, years) = heading.split_at(names);
            vec![names, years]
        } else {
            vec![heading]
        };
    };
    let (above, lower) = heading.split_at(corner);
    let caption_end = above.iter().rposition(|w| !capital(w)).map_or(0, |i| i + 1);
    let (caption, upper) = above.split_at(caption_end);
    [caption, upper, lower]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_lines_run_together_are_cut_at_the_label_heading() {
        let table: &[(&str, &[&str])] = &[
            (
                "Delårsbokslut i sammandrag Delårs Innev. Årsbudget Resultaträkning i Mkr Bokslut bokslut Prognos",
                &[
                    "Delårsbokslut i sammandrag",
                    "Delårs Innev. Årsbudget",
                    "Resultaträkning i Mkr Bokslut bokslut Prognos",
                ],
            ),
            // A unit first, or none: one line.
            ("Mkr Utfall Budget", &["Mkr Utfall Budget"]),
            // The names, then their years: two lines.
            (
                "(tkr) Budget Prognos Februari 2018 2018 2018",
                &["(tkr) Budget Prognos Februari", "2018 2018 2018"],
            ),
            ("Mkr Utfall 2018 2019", &["Mkr Utfall 2018 2019"]),
            ("Delår Utfall Budget", &["Delår Utfall Budget"]),
            // Periods before the unit are groups over the years: one line.
            (
                "April-June Jan.-June SEKm 2019 2018 2019 2018",
                &["April-June Jan.-June SEKm 2019 2018 2019 2018"],
            ),
        ];
        for (text, want) in table {
            let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            let got: Vec<String> = heading_lines_run_together(&words)
                .iter()
                .map(|part| part.join(" "))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn years_over_names_head_the_columns_in_order() {
        // (words, caption and heading, words left for the body)
        type Case<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a str);
        let table: &[Case] = &[
            (
                "1 Förslag perioden 2020 2022 2018 2019 2020 utfall prognos beräknat Utgiftsområde 4",
                Some(("1 Förslag perioden 2020 2022", "2018 utfall 2019 prognos 2020 beräknat")),
                "Utgiftsområde 4",
            ),
            // Fewer years than names, or no names: no such heading.
            ("Mkr 2019 utfall prognos Kommunen", None, "Mkr 2019 utfall prognos Kommunen"),
            ("Mkr 2019 2018 Kommunen", None, "Mkr 2019 2018 Kommunen"),
            // Periods under the years: the years over their periods.
            (
                "Sammandrag Koncernen 2017 2016 2016 jan-apr jan-apr jan-dec Omsättning, Mkr",
                Some(("Sammandrag Koncernen", "2017 2016 2016\njan-apr jan-apr jan-dec")),
                "Omsättning, Mkr",
            ),
            (
                "Sammandrag KONCERNEN 2011 2010 2010 jan aug jan aug jan dec Omsättning, Mkr",
                Some(("Sammandrag KONCERNEN", "2011 2010 2010\njan aug jan aug jan dec")),
                "Omsättning, Mkr",
            ),
        ];
        for (text, want, rest) in table {
            let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            let got = years_over_names(&mut words);
            let want =
                want.map(|(c, h)| (c.to_string(), h.split('\n').map(str::to_string).collect()));
            assert_eq!(got, want, "{text:?}");
            assert_eq!(words.join(" "), *rest, "{text:?}");
        }
    }

    #[test]
    fn codes_have_digits_on_both_sides_of_a_colon() {
        for (word, code) in [
            ("1:1", true),
            ("1:18", true),
            ("1:", false),
            ("ap.2", false),
            ("12:30:00", false),
        ] {
            assert_eq!(is_code(word), code, "{word:?}");
        }
    }
}
