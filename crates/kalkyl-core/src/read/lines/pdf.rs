//! PDF text: the heading found above the first data line, the body lines
//! gathered into rows of a label and number words, the notes taken out, and
//! every row split into the table's number of value columns.

use rust_decimal::Decimal;

use super::heading_lines::{
    figure_roles, is_dated_caption, is_footnote_line, is_year_line, is_year_word,
    names_a_value_column, names_figures, split_header, split_label_year,
};
use super::heading_words::{
    block_headings, is_units_line, measures_after_each, merge_headings, periods_under_years,
    segment_heading,
};
use super::notes::{
    keep_label_notes, note_number, notes_by_sums, take_glued_notes, take_marked_notes, take_notes,
};
use super::split::{
    continues, fit, leave_percent_column_empty, order_by_columns, splits, splits_greedy,
};
use super::sums::{choose_splits, settled_by_sums};
use super::web_headings::unglue_unit;
use super::words::{
    glued_years, is_bound, is_data_line, is_numeric_word, is_year, pdf_words, shape, Shape,
};
use super::{close_run, layout_diagnostic, Line, Run, MAX_SUM_ROWS};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::exact::Exact;
use crate::latin;
use crate::number::{self, DecimalMark, Reading};
use crate::read::headings::{is_note_heading, month_of_word, role_of, unit_of, year_of};
use crate::read::{sum_kind, RawCell, RawRow, RawTable, ReadChoices};
use crate::role::Role;

pub(super) fn pdf_layout(lines: Vec<Line>, choices: &ReadChoices) -> RawTable<'static> {
    let mut raw = RawTable {
        from_lines: true,
        ..RawTable::default()
    };
    let titles: Vec<&Line> = lines.iter().filter(|l| l.heading).collect();
    raw.title = titles.last().map(|l| (l.text.clone(), l.line));
    // Years run together in a heading line ("(KSEK) 20152014201320122011")
    // are set apart, as a text layer that kept its spaces prints them.
    let lines: Vec<Line> = lines
        .into_iter()
        .filter(|l| !l.heading)
        .map(|mut l| {
            if l.text.split_whitespace().any(|w| glued_years(w).is_some()) {
                l.text = l
                    .text
                    .split_whitespace()
                    .map(|w| glued_years(w).map_or_else(|| w.to_string(), |years| years.join(" ")))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            l
        })
        .collect();
    // Heading lines of years ("2013 2014 2013 2014", "Budget" / "2023")
    // end in a number but are no data.
    let Some(first_data) = lines.iter().position(|l| {
        is_data_line(&l.text) && !is_year_line(&l.text) && !is_dated_caption(&l.text)
    }) else {
        // No numbers at all: a list of labels.
        raw.rows = lines
            .iter()
            .map(|l| RawRow {
                line: l.line,
                cells: vec![RawCell::plain(l.text.clone())],
            })
            .collect();
        return raw;
    };
    let (mut header, titles, mut body) = split_header(&lines, first_data);
    // A blank line after every line of the body (each line a paragraph of
    // its own: "Kommunstyrelsen<br />" / "" / "3,3 -3,0<br />") sets
    // nothing apart: it ends no section and no row.
    if body.len() >= 4 && body.iter().rev().skip(1).all(|l| l.blank_after) {
        for line in &mut body {
            line.blank_after = false;
        }
    }
    if let Some(repeated) = repeated_years(&header, &mut body) {
        raw.diagnostics.push(layout_diagnostic(
            None,
            Some(repeated.1),
            repeated.0.clone(),
            "The heading's years stood again inside the table, after a section's name; they were read as that section's heading, not as figures.".to_string(),
            "Rubrikens år stod igen inne i tabellen, efter ett avsnitts namn; de lästes som avsnittets rubrik, inte som tal.".to_string(),
        ));
    }
    if let Some(joined) = labels_over_figures(&mut body) {
        raw.diagnostics.push(layout_diagnostic(
            None,
            body.first().map(|l| l.line),
            String::new(),
            format!("{joined} labels stood on a line of their own with their figures on the next line; each label and its figures were read as one row."),
            format!("{joined} benämningar stod på en egen rad med sina tal på raden under; varje benämning och dess tal lästes som en rad."),
        ));
    }
    if let Some(moved) = realign_shifted_figures(&mut body) {
        raw.diagnostics.push(layout_diagnostic(
            None,
            body.first().map(|l| l.line),
            String::new(),
            format!("The figures stand off their labels: {moved} labels have no figures beside them and as many lines of figures follow the last label. Read in order, each line of figures was given the label of its place in the list; check the rows."),
            format!("Talen står förskjutna från sina benämningar: {moved} benämningar saknar tal bredvid sig och lika många rader med tal följer efter den sista. I ordning fick varje rad med tal benämningen på sin plats i listan; kontrollera raderna."),
        ));
    }
    if raw.title.is_none() {
        // The caption, not the footnotes under it.
        raw.title = titles
            .iter()
            .rev()
            .find(|l| !is_footnote_line(&l.text))
            .or(titles.last())
            .map(|l| (l.text.clone(), l.line));
    }
    let mut title_text = titles
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");

    // Lines above the heading with no blank line between that are its
    // caption (see `is_caption`) go to the title: a PDF copy keeps no blank
    // line to set a caption apart.
    let labelled_rows = body
        .first()
        .is_some_and(|l| l.text.starts_with(|c: char| latin::is_letter(c)));
    while header.len() > 1 {
        let Some((first, rest)) = header.split_first() else {
            break;
        };
        if !is_caption(first, rest, labelled_rows) {
            break;
        }
        let line = header.remove(0);
        if raw.title.is_none() || title_text.is_empty() {
            raw.title = Some((line.text.clone(), line.line));
        }
        if !title_text.is_empty() {
            title_text.push('\n');
        }
        title_text.push_str(&line.text);
    }

    // A line in capitals at the heading's end, one word or name and no
    // digit ("STADSDELSNÄMNDER" under "Belopp i mnkr Intäkter Kostnader
    // ..."), is the first section of the body, as it is when a blank line
    // sets it apart.
    if header.len() > 1
        && header.last().is_some_and(|l| {
            segment_heading(&l.text).len() == 1
                && !l.text.contains(|c: char| c.is_ascii_digit())
                && l.text.chars().filter(|c| latin::is_letter(*c)).count() >= 3
                && !l.text.chars().any(latin::is_lower)
        })
    {
        if let Some(line) = header.pop() {
            body.insert(0, line);
        }
    }
    // An item's name led by its code right under the heading ("90:1
    // Kungliga hov- och slottsstaten" under "Anslag/ap Anslagskredit
    // ..."), naming no column of figures, is the body's first section.
    let coded = |l: &Line| {
        l.text.split_whitespace().next().is_some_and(|w| {
            w.contains([':', '.'])
                && w.starts_with(|c: char| c.is_ascii_digit())
                && w.chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        }) && !names_a_value_column(&l.text)
    };
    if header.len() > 1
        && header.last().is_some_and(coded)
        && header
            .iter()
            .rev()
            .skip(1)
            .any(|l| names_a_value_column(&l.text))
    {
        if let Some(line) = header.pop() {
            body.insert(0, line);
        }
    }
    // Rows labelled by their years ("2018 21,08 10,69 31,77", a tax rate
    // per year): three lines or more start with a year and figures, the
    // years one apart in the order of the lines. The year is the label.
    let body_words: Vec<Vec<String>> = body.iter().map(|l| pdf_words(&l.text)).collect();
    let leading_year = |ws: &[String]| ws.first().is_some_and(|w| is_year(w));
    let year_rows = {
        let years: Vec<u16> = body_words
            .iter()
            .filter_map(|ws| {
                let first = ws.first().filter(|w| is_year(w))?;
                let figures = ws.get(1..)?;
                (!figures.is_empty() && figures.iter().all(|w| is_numeric_word(w)))
                    .then(|| first.parse::<u16>().ok())
                    .flatten()
            })
            .collect();
        years.len() >= 3
            && (years.windows(2).all(|w| w[1] == w[0] + 1)
                || years.windows(2).all(|w| w[0] == w[1] + 1))
    };
    // Body rows: a run of label words, then a run of number words.
    let mut runs: Vec<Run> = Vec::new();
    let mut label: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    let mut line_of_row = body.first().map_or(0, |l| l.line);
    let mut headings_in_body: Vec<(usize, String, usize)> = Vec::new(); // (runs index, text, line)
    let mut previous_labelled = false;
    for (i, l) in body.iter().enumerate() {
        let ws = body_words.get(i).map_or(&[][..], Vec::as_slice);
        // The rest of a label wrapped below its figures ("-Sektorn för 0,6
        // -4,0" / "välfärd", "Miljö- och" / "0,1 0,0" / "byggnadsnämnden"):
        // words in lowercase after a row whose label cannot end where it
        // does (in "för", "och" or a hyphen).
        if !numbers.is_empty()
            && label.last().is_some_and(|w| label_goes_on(w))
            && ws.first().is_some_and(|w| w.starts_with(latin::is_lower))
            && !ws.iter().any(|w| is_numeric_word(w))
        {
            label.extend(ws.iter().cloned());
            continue;
        }
        // A line of numbers after a line with a label and its numbers is a
        // row of its own (an unlabelled subtotal), not more of that row. A
        // line holding one number (a note) may go on below.
        let values = numbers
            .iter()
            .filter(|w| matches!(shape(w), Shape::Number { .. }))
            .count();
        if values >= 2 && previous_labelled {
            runs.push(Run {
                label: std::mem::take(&mut label),
                numbers: std::mem::take(&mut numbers),
                line: line_of_row,
                note: String::new(),
            });
            line_of_row = l.line;
        }
        previous_labelled = ws.iter().any(|w| !is_numeric_word(w));
        // A whole number that starts a line before words is the row's code
        // ("25 Allmänna bidrag", "1:1" reads so already).
        let mut label_on_line = ws.first().is_some_and(|w| {
            matches!(
                shape(w),
                Shape::Number {
                    signed: false,
                    decimals: false,
                    suffix: false,
                    ..
                }
            )
        }) && ws.get(1).is_some_and(|w| !is_numeric_word(w))
            || year_rows && leading_year(ws);
        if label_on_line {
            if let Some(code) = ws.first() {
                close_run(&mut runs, &mut label, &mut numbers, line_of_row);
                if label.is_empty() {
                    line_of_row = l.line;
                }
                label.push(code.clone());
            }
        }
        for (k, w) in ws.iter().enumerate().skip(usize::from(label_on_line)) {
            // A unit or "%" with no number before it ends the label
            // ("Skattekraft, % 87,5"); so does a dash before words.
            let numeric = is_numeric_word(w)
                && !(matches!(shape(w), Shape::Suffix) && numbers.is_empty())
                && !(is_bound(w)
                    && ws
                        .get(k + 1)
                        .is_some_and(|n| matches!(shape(n), Shape::Suffix)))
                && !(matches!(shape(w), Shape::Dash)
                    && numbers.is_empty()
                    && ws.get(k + 1).is_some_and(|n| !is_numeric_word(n)));
            if numeric {
                numbers.push(w.clone());
            } else {
                // One small number or a year between words of a line is
                // part of the label ("Antal invånare 31 december 18 306",
                // "Utfall 8 mån", "Pensionsförpliktelser före 1998 (mkr)").
                let inside = label_on_line
                    && numbers.len() == 1
                    && numbers.first().is_some_and(|n| {
                        is_year_word(n)
                            || matches!(
                                shape(n),
                                Shape::Number {
                                    signed: false,
                                    int_digits: 1..=2,
                                    decimals: false,
                                    suffix: false
                                }
                            )
                    });
                if inside {
                    label.append(&mut numbers);
                } else {
                    close_run(&mut runs, &mut label, &mut numbers, line_of_row);
                }
                if label.is_empty() {
                    line_of_row = l.line;
                }
                match label.last_mut() {
                    Some(last) if k == 0 && continues_hyphenated(last, w) => {
                        last.pop();
                        last.push_str(w);
                    }
                    _ => label.push(w.clone()),
                }
                label_on_line = true;
            }
        }
        // A label line that stands alone before an empty line, or before a
        // capitalised line without a space at its end (a wrapped label
        // ends in one, or goes on in lowercase), is a heading. A line
        // padded with spaces ends in empty cells, not in a wrap.
        let next_capital = body.get(i + 1).is_some_and(|n| {
            n.text
                .chars()
                .find(|c| latin::is_letter(*c))
                .is_some_and(|c| !latin::is_lower(c))
                // "Not 1 112 246": the label's note reference, below it.
                && !n.text.split_whitespace().next().is_some_and(is_note_heading)
                // An item's code of letters and digits ("ap.7 66 3 % 0"
                // under "28:37 Forsknings- och utvecklingsinsatser"): a
                // new row, however it is written.
                || n.text.split_whitespace().next().is_some_and(|w| {
                    w.contains(|c: char| c.is_ascii_digit()) && w.contains(latin::is_letter)
                })
        });
        // A word broken with a hyphen goes on below, whatever the case.
        let hyphenated = label.last().is_some_and(|last| {
            body.get(i + 1)
                .and_then(|n| n.text.split_whitespace().next())
                .is_some_and(|next| continues_hyphenated(last, next))
        });
        let wraps = l.trailing_space && !l.padded
            || numbers.is_empty() && (hyphenated || capitals_wrap(&body, i));
        if numbers.is_empty() && !label.is_empty() && (l.blank_after || next_capital) && !wraps {
            headings_in_body.push((runs.len(), label.join(" "), line_of_row));
            label.clear();
        }
    }
    if !numbers.is_empty() || !label.is_empty() {
        runs.push(Run {
            label: std::mem::take(&mut label),
            numbers: std::mem::take(&mut numbers),
            line: line_of_row,
            note: String::new(),
        });
    }
    let stacked = stacked_period_blocks(&header, &mut runs, &mut headings_in_body);
    if stacked > 0 {
        raw.diagnostics.push(layout_diagnostic(
            None,
            None,
            String::new(),
            format!("The table is {} blocks stacked one per period under the heading's words; each block's line with its year was read as that block's heading, not as a row.", stacked + 1),
            format!("Tabellen är {} block staplade ett per period under rubrikens ord; varje blocks rad med dess år lästes som blockets rubrik, inte som en rad.", stacked + 1),
        ));
    }
    let has_label = runs.iter().any(|r| !r.label.is_empty());

    // How many value columns: what most rows can be split into, nudged by
    // the heading's word count.
    let header_texts: Vec<&str> = header.iter().map(|l| l.text.as_str()).collect();
    let header_headings = block_headings(&header_texts);
    let note_column = has_label && header_headings.iter().any(|h| is_note_heading(h));
    if note_column {
        // Notes glued before the first amount like a digit group: the
        // table's sums decide where they can, the notes' order elsewhere.
        let headings_at: Vec<usize> = headings_in_body.iter().map(|h| h.0).collect();
        let columns = header_headings.len().saturating_sub(2);
        let (settled, unsettled) = notes_by_sums(&runs, &headings_at, columns);
        for s in unsettled {
            if let Some(run) = runs.get(s) {
                let label = run.label.join(" ");
                raw.diagnostics.push(layout_diagnostic(
                    None,
                    Some(run.line),
                    label.clone(),
                    format!("The sum «{label}» holds under no reading of the note numbers before the amounts above it (each a note or an amount's first digits); the notes there were read by their order alone."),
                    format!("Summan «{label}» stämmer med ingen läsning av nottalen före beloppen ovanför (vart och ett en not eller beloppets första siffror); noterna där lästes enbart efter sin ordning."),
                ));
            }
        }
        take_notes(&mut runs, &settled);
    }
    let glued_notes =
        has_label && !note_column && (take_marked_notes(&mut runs) || take_glued_notes(&mut runs));
    let has_note = note_column || glued_notes;
    if !has_note {
        keep_label_notes(&mut runs);
    }
    // A header that names no value column (no role word for figures, year,
    // unit or month: a caption, a section line, an appropriation's name
    // above the rows) gives no count of columns: the rows' figures alone
    // do, so that "49 612" stays one figure and is not cut to fill columns
    // it invented.
    let names_columns = header_headings.iter().any(|h| names_figures(h));
    let from_header = if names_columns || header_headings.len() < 2 {
        header_headings
            .len()
            .saturating_sub(usize::from(has_label) + usize::from(note_column))
    } else {
        0
    };
    let with_numbers: Vec<&Run> = runs.iter().filter(|r| !r.numbers.is_empty()).collect();
    let labelless = !has_label && with_numbers.len() == 1;
    let max_words = with_numbers
        .iter()
        .map(|r| r.numbers.len())
        .max()
        .unwrap_or(0);
    let mut best: Option<(usize, usize, usize)> = None; // (fit, -distance, n)
    for n in 1..=max_words.min(64) {
        let fit = if labelless && from_header > 0 {
            // One long run of values without labels: rows of `from_header` values.
            usize::from(n == from_header)
        } else {
            with_numbers.iter().map(|r| fit(&r.numbers, n)).sum()
        };
        let distance = n.abs_diff(from_header);
        let better = match best {
            None => true,
            Some((f, d, _)) => fit > f || (fit == f && distance < d),
        };
        if better {
            best = Some((fit, distance, n));
        }
    }
    let mut n = best.map_or(1, |(_, _, n)| n);
    // Rows may fill only the first columns that the heading names (a
    // note's items give the municipality's two years, its sum row those of
    // the group too: "Kommunen Koncernen" over "2013 2014 2013 2014"): the
    // heading's count holds when a row fills it exactly and the other rows,
    // most of the table, cannot be read as that many values at all but fit
    // fewer as they are.
    if from_header > n && !labelless {
        let fills = with_numbers
            .iter()
            .any(|r| fit(&r.numbers, from_header) == 2);
        let short = |r: &Run| {
            fit(&r.numbers, from_header) == 0 && (1..from_header).any(|k| fit(&r.numbers, k) == 2)
        };
        let others_fit = with_numbers
            .iter()
            .all(|r| fit(&r.numbers, from_header) == 2 || short(r));
        // Most rows short: figures without decimals split into any count,
        // so rows that could fill the heading prove little.
        let shorts = with_numbers.iter().filter(|r| short(r)).count();
        let filled = with_numbers.len() - shorts;
        if fills && others_fit && shorts >= filled {
            n = from_header;
        }
    }

    let needed = n + usize::from(has_label) + usize::from(has_note);
    // Heading lines beyond what the columns need start the first row's label.
    let mut moved: Vec<String> = Vec::new();
    while header.len() > 1 {
        let text = header
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let segs = segment_heading(&text).len();
        let Some(last) = header.last() else { break };
        let without = segment_heading(
            &header[..header.len() - 1]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
        .len();
        if segs > needed && without >= needed.saturating_sub(1) && last.trailing_space {
            moved.insert(0, last.text.clone());
            header.pop();
        } else {
            break;
        }
    }
    let header_texts: Vec<&str> = header.iter().map(|l| l.text.as_str()).collect();
    let header_text = header_texts.join(" ");
    let mut headings = block_headings(&header_texts);
    if glued_notes {
        // The notes found after the labels get a column of their own, after
        // the label's (or first, when the heading has none for the labels).
        let at = usize::from(headings.len() > n);
        headings.insert(at.min(headings.len()), "Not".to_string());
    }
    let found = headings.len();
    // The heading words did not fall into one heading per column: say so,
    // since joining or padding them is a guess.
    if found != needed && found > 0 {
        raw.diagnostics.push(layout_diagnostic(
            None,
            header.first().map(|l| l.line),
            header_text.clone(),
            format!(
                "The heading words read as {found} headings for {needed} columns; Kalkyl joined or added headings where they name the columns best. Check the headings."
            ),
            format!(
                "Rubrikorden lästes som {found} rubriker för {needed} kolumner; Kalkyl slog ihop eller lade till rubriker där de bäst namnger kolumnerna. Kontrollera rubrikerna."
            ),
        ));
    }
    // Too many segments: text columns come first, so with a label column
    // the segments before the last n values make up the label's heading.
    if has_label && headings.len() > needed {
        if let Some(paired) = measures_after_each(&headings, needed) {
            headings = paired;
        } else if let Some(merged) = merge_headings(&headings, needed) {
            headings = merged;
        }
    }
    if has_label && headings.len() > needed {
        let extra = headings.len() - needed;
        let label: Vec<String> = headings.drain(..=extra).collect();
        headings.insert(0, label.join(" "));
    }
    while headings.len() > needed {
        let fold = (1..headings.len())
            .rev()
            .find(|i| role_of(&headings[*i]).is_none())
            .unwrap_or(headings.len() - 1);
        let part = headings.remove(fold);
        if let Some(prev) = headings.get_mut(fold - 1) {
            prev.push(' ');
            prev.push_str(&part);
        }
    }
    // One heading short, and the first ends in a year as the other
    // headings are years: the words before that year head the labels
    // ("Kommunkoncernen" / "2012" / "2013" ...).
    if has_label && headings.len() + 1 == needed {
        if let Some(split) = headings.first().and_then(|h| split_label_year(h)) {
            if headings.iter().skip(1).any(|h| is_year_word(h)) {
                headings.splice(0..1, split);
            }
        }
    }
    if headings.len() < needed && has_label {
        headings.insert(0, String::new());
    }
    // A title glued to the corner's unit ("BalansräkningTKR").
    if has_label {
        if let Some((title, unit)) = headings.first().and_then(|h| unglue_unit(h)) {
            if raw.title.is_none() {
                raw.title = header.first().map(|l| (title, l.line));
            }
            if let Some(first) = headings.first_mut() {
                *first = unit;
            }
        }
    }
    while headings.len() < needed {
        headings.push(String::new());
    }
    raw.headings = headings;
    raw.context = if title_text.is_empty() {
        header_text
    } else {
        format!("{title_text}\n{header_text}")
    };
    // A line of unit words after its label among the rows ("Valuta KSEK
    // KSEK KSEK KSEK" under the years): the table's unit, as a line above
    // the table would give it.
    for (_, text, _) in &headings_in_body {
        if text
            .split_once(' ')
            .is_some_and(|(_, units)| is_units_line(units))
        {
            raw.context.push('\n');
            raw.context.push_str(text);
        }
    }

    // Split every run into values.
    let mut value_runs: Vec<Run> = Vec::new();
    if labelless {
        if let Some(run) = with_numbers.first() {
            // Chunk a long run into rows of n values.
            let all = splits_greedy(&run.numbers, n);
            for chunk in all {
                value_runs.push(Run {
                    label: Vec::new(),
                    numbers: chunk,
                    line: run.line,
                    note: String::new(),
                });
            }
        }
    } else {
        value_runs = runs;
    }
    if let Some(first) = value_runs.first_mut() {
        if !moved.is_empty() {
            let mut label: Vec<String> = moved
                .iter()
                .flat_map(|m| m.split_whitespace().map(str::to_string))
                .collect();
            label.append(&mut first.label);
            first.label = label;
        }
    }

    // Without a note column: there such a number is the note's (a year
    // is never a note).
    if !labelless {
        for run in &mut value_runs {
            keep_item_number_in_label(run, n, has_note);
        }
    }
    // The one body line that sets a sign apart from its figure, if only
    // one does (see `dash_for_an_empty_cell`); looked for when a row first
    // fails to split.
    let sign_apart_once = std::cell::OnceCell::new();
    let only_sign_apart = || {
        *sign_apart_once.get_or_init(|| {
            let mut apart = body.iter().filter(|l| sets_a_sign_apart(&l.text));
            match (apart.next(), apart.next()) {
                (Some(line), None) => Some(line),
                _ => None,
            }
        })
    };
    let candidates: Vec<Vec<Vec<String>>> = value_runs
        .iter()
        .map(|r| {
            if labelless {
                return vec![r.numbers.clone()];
            }
            let found = splits(&r.numbers, n);
            match only_sign_apart() {
                Some(line) if found.is_empty() && line.line == r.line => {
                    dash_for_an_empty_cell(&r.numbers, &line.text, n)
                }
                _ => found,
            }
        })
        .collect();
    let mut candidates = candidates;
    if !labelless {
        order_by_columns(&mut candidates);
        let numbers: Vec<&[String]> = value_runs.iter().map(|r| r.numbers.as_slice()).collect();
        leave_percent_column_empty(&numbers, &mut candidates, n);
    }
    let chosen = choose_splits(&value_runs, &candidates, choices);
    let settled = settled_by_sums(&candidates, &chosen);

    let mut heading_iter = headings_in_body.into_iter().peekable();
    for (i, run) in value_runs.iter().enumerate() {
        while let Some((at, text, line)) = heading_iter.peek().cloned() {
            if at > i {
                break;
            }
            heading_iter.next();
            raw.rows.push(RawRow {
                line,
                cells: vec![RawCell::plain(text)],
            });
        }
        let row_index = raw.rows.len();
        // A comma or colon between the label and its figures ("Äldreomsorg,
        // 17 kr", "Kommunstyrelsen: 107,9 miljoner", "Summa: 250 000", a
        // list written as sentences) is the sentence's, not the label's.
        let joined = run.label.join(" ");
        let label = match joined.strip_suffix([',', ':']) {
            Some(bare) if bare.ends_with(|c: char| crate::latin::is_letter(c) || c == ')') => {
                bare.to_string()
            }
            _ => joined,
        };
        let values: Vec<String> = match (candidates.get(i), chosen.get(i)) {
            (Some(c), Some(Some(k))) if !c.is_empty() => c.get(*k).cloned().unwrap_or_default(),
            _ => {
                if !run.numbers.is_empty() {
                    raw.diagnostics.push(Diagnostic {
                        row: Some(row_index),
                        column: None,
                        line: Some(run.line),
                        seen: run.numbers.join(" "),
                        kind: DiagnosticKind::UnsplittableLine,
                    });
                }
                // Nothing is lost: the widest reading, one value per word
                // group, fills the columns (extra ones are added).
                splits_greedy(&run.numbers, usize::MAX)
                    .into_iter()
                    .flatten()
                    .collect()
            }
        };
        if settled.get(i).copied().unwrap_or(false) {
            let count = candidates.get(i).map_or(0, Vec::len);
            raw.diagnostics.push(layout_diagnostic(
                Some(row_index),
                Some(run.line),
                run.numbers.join(" "),
                format!("Spaces separate both columns and thousands; the row can be split {count} ways, and the table's sums settle which."),
                format!("Mellanslag skiljer både kolumner och tusental; raden kan delas på {count} sätt, och tabellens summor avgör vilket."),
            ));
        } else if candidates.get(i).is_some_and(|c| c.len() > 1) {
            raw.diagnostics.push(Diagnostic {
                row: Some(row_index),
                column: None,
                line: Some(run.line),
                seen: run.numbers.join(" "),
                kind: DiagnosticKind::AmbiguousSplit {
                    candidates: candidates.get(i).map_or(0, Vec::len),
                },
            });
        }
        let mut values = values;
        let mut note = run.note.clone();
        if has_note && sum_kind(&label).is_some() {
            if let Some(first) = values.first_mut() {
                let at = usize::from(has_label) + 1;
                match note_or_amount(&raw.rows, at, &note, first) {
                    Some(true) => {}
                    Some(false) => {
                        *first = format!("{note} {first}");
                        note.clear();
                    }
                    None => raw.diagnostics.push(Diagnostic {
                        row: Some(row_index),
                        column: None,
                        line: Some(run.line),
                        seen: run.numbers.join(" "),
                        kind: DiagnosticKind::AmbiguousSplit { candidates: 2 },
                    }),
                }
            }
        }
        let mut cells = Vec::new();
        if has_label {
            cells.push(RawCell::plain(label));
        }
        if has_note {
            cells.push(RawCell::plain(note));
        }
        cells.extend(values.into_iter().map(RawCell::plain));
        raw.rows.push(RawRow {
            line: run.line,
            cells,
        });
    }
    for (_, text, line) in heading_iter {
        raw.rows.push(RawRow {
            line,
            cells: vec![RawCell::plain(text)],
        });
    }
    raw
}

/// Whether a line sets a minus apart from its figure by a space ("– 423
/// 231", "- 10").
fn sets_a_sign_apart(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).any(|w| {
        matches!(w, [a, b] if a.chars().count() == 1
            && a.chars().all(crate::number::is_minus_char)
            && b.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// A row's splits into `n` values with its signs set apart read as the
/// dashes of empty cells ("- 10 0,1" under three columns). A sign set
/// apart is a minus ("– 423 231") unless the row then falls a value short
/// and no other row of the table sets a sign apart: the caller asks only
/// then.
fn dash_for_an_empty_cell(numbers: &[String], text: &str, n: usize) -> Vec<Vec<String>> {
    let apart: Vec<String> = numbers
        .iter()
        .flat_map(|w| {
            let mut chars = w.chars();
            let sign = chars.next().filter(|c| crate::number::is_minus_char(*c));
            let rest = chars.as_str();
            match sign {
                Some(sign) if text.contains(&format!("{sign} {rest}")) => {
                    vec![sign.to_string(), rest.to_string()]
                }
                _ => vec![w.clone()],
            }
        })
        .collect();
    if apart.len() > numbers.len() {
        splits(&apart, n)
    } else {
        Vec::new()
    }
}

/// Blocks stacked one per period under the same words: a heading of one
/// line, words and a year ("Skatten 2018"), and rows further down that are
/// the same words with another year and nothing more ("Skatten 2017"): each
/// starts a block, a heading of the body, not a row with a year for its
/// figure. Returns how many such rows became headings.
fn stacked_period_blocks(
    header: &[Line],
    runs: &mut Vec<Run>,
    headings_in_body: &mut Vec<(usize, String, usize)>,
) -> usize {
    let [line] = header else {
        return 0;
    };
    let mut words = pdf_words(&line.text);
    if words.len() < 2
        || !words.last().is_some_and(|w| is_year_word(w))
        || words
            .iter()
            .rev()
            .skip(1)
            .any(|w| w.contains(|c: char| c.is_ascii_digit()))
    {
        return 0;
    }
    words.pop();
    let mut found = 0;
    let mut k = 0;
    while k < runs.len() {
        let block = runs.get(k).is_some_and(|r| {
            r.label == words && matches!(r.numbers.as_slice(), [year] if is_year_word(year))
        });
        if !block {
            k += 1;
            continue;
        }
        let run = runs.remove(k);
        for h in headings_in_body.iter_mut().filter(|h| h.0 > k) {
            h.0 -= 1;
        }
        let at = headings_in_body.partition_point(|h| h.0 <= k);
        let text = format!("{} {}", words.join(" "), run.numbers.join(" "));
        headings_in_body.insert(at, (k, text, run.line));
        found += 1;
    }
    found
}

/// Body lines that repeat the heading's years after a section's name
/// ("CASH FLOW 2018 2017 2016 2015 2014" under "PROFIT/LOSS ITEMS 2018
/// 2017 ... 2014"): the section's name alone, a heading of the body.
/// Three years at least, the same years in the same order. Returns the
/// first such line's text and line.
fn repeated_years(header: &[Line], body: &mut Vec<Line>) -> Option<(String, usize)> {
    let years: Vec<String> = header
        .iter()
        .flat_map(|l| pdf_words(&l.text))
        .filter(|w| is_year_word(w))
        .collect();
    if years.len() < 3 {
        return None;
    }
    let last_year = years.last()?.clone();
    let mut first = None;
    for line in body.iter_mut() {
        if !line.text.trim_end().ends_with(last_year.as_str()) {
            continue;
        }
        let ws = pdf_words(&line.text);
        let Some(tail) = ws.len().checked_sub(years.len()) else {
            continue;
        };
        if tail > 0 && ws.get(tail..) == Some(years.as_slice()) {
            first.get_or_insert((line.text.clone(), line.line));
            line.text = ws.get(..tail).unwrap_or(&[]).join(" ");
        }
    }
    // The same years on lines of their own, each maybe under its date
    // ("Dec 31," / "2018" / "Dec 31," / "2017" ...), under a section's
    // name: that section's heading, no rows.
    let dating = |w: &String| {
        is_year_word(w)
            || month_of_word(w.trim_end_matches([',', '.'])).is_some()
            || w.trim_end_matches([',', '.'])
                .parse::<u8>()
                .is_ok_and(|day| (1..=31).contains(&day))
    };
    let mut i = 0;
    while i < body.len() {
        let run = body
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|l| {
                // Short lines only: a date and a year.
                l.text.len() <= 24 && {
                    let ws = pdf_words(&l.text);
                    !ws.is_empty() && ws.iter().all(dating)
                }
            })
            .count();
        let found: Vec<String> = body
            .get(i..i + run)
            .unwrap_or(&[])
            .iter()
            .flat_map(|l| pdf_words(&l.text))
            .filter(|w| is_year_word(w))
            .collect();
        if run >= 2 && found == years {
            first.get_or_insert_with(|| {
                let text: Vec<&str> = body
                    .get(i..i + run)
                    .unwrap_or(&[])
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect();
                (text.join(" "), body.get(i).map_or(0, |l| l.line))
            });
            body.drain(i..i + run);
            continue;
        }
        i += run.max(1);
    }
    first
}

/// Labels on lines of their own, each followed by a line of its figures
/// alone (a PDF whose table cells are text boxes: "Säkerställda
/// kreditfaciliteter" / "1 000 300 4,0"), three such pairs at least and
/// no row with its label and figures on one line: each pair is one row.
/// A label followed by another label stays (a section heading). Returns
/// how many pairs were joined.
fn labels_over_figures(body: &mut Vec<Line>) -> Option<usize> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Label,
        Figures,
        Row,
    }
    let kind = |l: &Line| {
        let ws = pdf_words(&l.text);
        let numeric = ws.iter().filter(|w| is_numeric_word(w)).count();
        if numeric == 0 {
            Kind::Label
        } else if numeric == ws.len() && ws.iter().any(|w| matches!(shape(w), Shape::Number { .. }))
        {
            Kind::Figures
        } else {
            Kind::Row
        }
    };
    // Three lines without a digit at least, each followed by one that
    // starts as figures do, found by a scan of bytes before any line is
    // taken apart.
    let starts_as_figures = |l: &Line| {
        l.text.trim_start().starts_with(|c: char| {
            c.is_ascii_digit()
                || crate::number::is_minus_char(c)
                || matches!(c, '+' | '<' | '>' | '.' | '…')
        })
    };
    let candidate_pairs = body
        .windows(2)
        .filter(|w| matches!(w, [a, b] if !a.text.bytes().any(|c| c.is_ascii_digit()) && starts_as_figures(b)))
        .count();
    if candidate_pairs < 3 {
        return None;
    }
    let kinds: Vec<Kind> = body.iter().map(kind).collect();
    let pairs = kinds
        .windows(2)
        .filter(|w| w == &[Kind::Label, Kind::Figures])
        .count();
    let orphans = kinds
        .iter()
        .enumerate()
        .filter(|(i, k)| {
            **k == Kind::Figures && (*i == 0 || kinds.get(i - 1) != Some(&Kind::Label))
        })
        .count();
    let rows = kinds.iter().filter(|k| **k == Kind::Row).count();
    if pairs < 3 || orphans > 1 || rows >= pairs {
        return None;
    }
    let mut out: Vec<Line> = Vec::with_capacity(body.len());
    let mut lines = std::mem::take(body).into_iter().zip(kinds).peekable();
    while let Some((mut line, k)) = lines.next() {
        if k == Kind::Label && lines.peek().is_some_and(|(_, next)| *next == Kind::Figures) {
            if let Some((figures, _)) = lines.next() {
                line.text = format!("{} {}", line.text.trim_end(), figures.text.trim());
                line.blank_after = figures.blank_after;
                line.trailing_space = false;
            }
        }
        out.push(line);
    }
    *body = out;
    Some(pairs)
}

/// A PDF text layer that has shifted the figures off their labels: the
/// labels stand one per line, every other one without figures (never two
/// such in a row), and after the last label come as many lines of figures
/// alone as labels went without, two at least. Read in order, figure line
/// k belongs to label k: the body is rewritten so. Returns how many labels
/// stood without figures.
fn realign_shifted_figures(body: &mut Vec<Line>) -> Option<usize> {
    let numeric_from = |text: &str| {
        let ws = pdf_words(text);
        let start = ws
            .iter()
            .rposition(|w| !is_numeric_word(w))
            .map_or(0, |i| i + 1);
        (ws, start)
    };
    // (label words, figure words) per line.
    let parts: Vec<(Vec<String>, Vec<String>)> = body
        .iter()
        .map(|l| {
            let (mut ws, start) = numeric_from(&l.text);
            let figures = ws.split_off(start.min(ws.len()));
            (ws, figures)
        })
        .collect();
    let labels_end = parts.iter().rposition(|(label, _)| !label.is_empty())?;
    let bare = parts
        .get(..=labels_end)?
        .iter()
        .filter(|(_, figures)| figures.is_empty())
        .count();
    let trailing = parts.get(labels_end + 1..)?;
    let alternating = parts
        .windows(2)
        .take(labels_end)
        .all(|w| !matches!(w, [a, b] if a.1.is_empty() && b.1.is_empty()));
    let labelled_first = parts
        .first()
        .is_some_and(|(l, f)| !l.is_empty() && !f.is_empty());
    if bare < 2
        || trailing.len() != bare
        || !alternating
        || !labelled_first
        || trailing.iter().any(|(l, f)| !l.is_empty() || f.is_empty())
    {
        return None;
    }
    let labels: Vec<(String, usize)> = parts
        .get(..=labels_end)?
        .iter()
        .zip(body.iter())
        .map(|((label, _), l)| (label.join(" "), l.line))
        .collect();
    let figures: Vec<String> = parts
        .iter()
        .filter(|(_, f)| !f.is_empty())
        .map(|(_, f)| f.join(" "))
        .collect();
    if figures.len() != labels.len() {
        return None;
    }
    for (slot, (label, figures)) in body.iter_mut().zip(labels.into_iter().zip(figures)) {
        slot.text = format!("{} {figures}", label.0);
        slot.trailing_space = false;
    }
    body.truncate(labels_end + 1);
    Some(bare)
}

/// A label in capitals wrapped over lines ("VERKSAMHETENS" /
/// "NETTOKOSTNAD -657 564", "RESULTAT EFTER SKATTE-" / "INTÄKTER OCH" /
/// "FINANSNETTO A 55 021"): a line of capitals without figures, followed by
/// lines of capitals that end in one with figures (or are followed by a
/// line of figures alone), is one label, not a
/// section heading (a section heading in capitals is followed by a row
/// in ordinary case, or stands alone). At most three lines.
fn capitals_wrap(body: &[Line], at: usize) -> bool {
    let capitals = |words: &[String]| {
        words.iter().any(|w| w.chars().any(latin::is_letter))
            && !words.iter().any(|w| w.chars().any(latin::is_lower))
    };
    let label_words = |l: &Line| -> (Vec<String>, bool) {
        let ws = pdf_words(&l.text);
        let end = ws.iter().position(|w| is_numeric_word(w));
        let label = ws.get(..end.unwrap_or(ws.len())).unwrap_or(&[]).to_vec();
        (label, end.is_some())
    };
    let Some(line) = body.get(at) else {
        return false;
    };
    let (label, figures) = label_words(line);
    if figures || !capitals(&label) {
        return false;
    }
    for next in body.iter().skip(at + 1).take(3) {
        let (label, figures) = label_words(next);
        // The figures may stand alone below the label's last line
        // ("VERKSAMHETENS" / "NETTOKOSTNADER" / "1 863,3 1 970,4").
        if label.is_empty() && figures {
            return true;
        }
        if !capitals(&label) {
            return false;
        }
        if figures {
            return true;
        }
    }
    false
}

/// A label's last word after which it cannot end: a preposition or a
/// conjunction ("Sektorn för", "Miljö- och"), or a word broken with a
/// hyphen.
fn label_goes_on(word: &str) -> bool {
    word.ends_with('-')
        || matches!(
            latin::lowercase(word).as_str(),
            "för"
                | "och"
                | "av"
                | "i"
                | "till"
                | "med"
                | "samt"
                | "inom"
                | "vid"
                | "på"
                | "om"
                | "från"
                | "mot"
                | "under"
                | "över"
                | "eller"
                | "the"
                | "of"
                | "and"
                | "for"
        )
}

/// A word broken with a hyphen at a line's end goes on at the next line's
/// start ("SKATTE-" / "INTÄKTER"); a hyphen before "och", "eller" or
/// "samt" shortens a compound ("Av- och nedskrivningar") and stays.
fn continues_hyphenated(last: &str, next: &str) -> bool {
    last.ends_with('-')
        && last.chars().rev().nth(1).is_some_and(latin::is_letter)
        && next.starts_with(latin::is_letter)
        && !matches!(
            latin::lowercase(next).as_str(),
            "och" | "eller" | "samt" | "resp" | "respektive"
        )
}

/// A numbered item's number before its figures ("Inre säkerhetsfonden,
/// anslagspost 1 61 108 100 100 30" in five columns): one word too many,
/// the first a number of one or two digits that stands alone in every
/// split (it cannot open a thousands group: "1 61" is no number), while the
/// other words are the columns' values one by one. The number is the
/// label's. So is a year ending the label the same way ("varav pensioner
/// intjänade före 1998 635,4 638,2" in two columns), also in a table with
/// a note column (`has_note`), where an item number would be a note.
fn keep_item_number_in_label(run: &mut Run, n: usize, has_note: bool) {
    let Some((first, rest)) = run.numbers.split_first() else {
        return;
    };
    // Items are numbered from 1: a "0" is a figure ("Årets resultat 0 0
    // -31 841 0 ..." in ten columns).
    let item_number = first.len() <= 2 && !first.starts_with('0') && !has_note;
    let year = first.len() == 4 && is_year_word(first);
    if run.numbers.len() != n + 1
        || run.label.is_empty()
        || !(item_number || year)
        || !first.chars().all(|c| c.is_ascii_digit())
    {
        return;
    }
    let one_each = splits(rest, n) == [rest.to_vec()];
    let all = splits(&run.numbers, n);
    let stands_alone = all.iter().all(|split| split.first() == Some(first));
    if one_each && stands_alone {
        let number = run.numbers.remove(0);
        run.label.push(number);
    }
}

/// A sum line's note taken from its amounts ("Årets resultat 10 107 046"
/// after "107 046" is note 10; "RESULTAT EFTER FINANSIELLA POSTER 8 935"
/// after 9 163, 656 and -884 is 8 935): sums carry notes too, so the rows
/// right above decide. `Some(true)`: a run of rows ending right above adds
/// up to the amount without the note and none to the one with it (kept a
/// note); `Some(false)`: the other way (the note is the amount's first
/// group); `None`: neither or both, so the line's sums are left unchecked.
/// A sum without a first group to give back is a note.
fn note_or_amount(rows: &[RawRow<'_>], at: usize, note: &str, first: &str) -> Option<bool> {
    if note_number(note).is_none() || note.ends_with(',') || !continues(note, first) {
        return Some(true);
    }
    let number = |text: &str| match number::read_number(text, DecimalMark::Comma) {
        Ok(Reading::Number(n)) if !n.percent => Some(n.value),
        _ => None,
    };
    let joined = format!("{note} {first}");
    let (Some(without), Some(with)) = (number(first), number(&joined)) else {
        return None;
    };
    let (mut holds_without, mut holds_with) = (false, false);
    let mut sum = Decimal::ZERO;
    for row in rows.iter().rev().take(MAX_SUM_ROWS) {
        let Some(v) = row.cells.get(at).and_then(|c| number(c.text.trim())) else {
            // A heading line ("Extraordinära poster") interrupts no sum.
            continue;
        };
        sum = sum.add_exact(v)?;
        holds_without |= sum == without;
        holds_with |= sum == with;
    }
    match (holds_without, holds_with) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Whether `first`, a heading line with `rest` below it and no blank line
/// between, is the table's caption: a numbered caption or a line that only
/// names the unit ("5.2 Resultat" / "Belopp i mnkr" over "Resultat Mkr
/// Utfall 2019 jan-aug Budget ..."), or a one-piece title over a unit line
/// (with its year: "Driftsredovisning 2023 (miljoner kronor)") or over one
/// heading line that names columns of figures by their roles
/// ("Resultaträkning" / "Tkr Utfall 2013 Budget 2013 Avvikelse"), the
/// latter only over labelled rows (rows led by their years take the
/// caption's place as the corner). The lines below must name columns of
/// figures on their own. Group headings ("Kommunen Koncernen", over years
/// or over a line of headings) stay: a group heading never stands over a
/// unit line.
fn is_caption(first: &Line, rest: &[Line], labelled_rows: bool) -> bool {
    let names_figures =
        |h: &String| role_of(h).is_some_and(Role::is_numeric) || year_of(h).is_some();
    let over_named_columns = rest.len() == 1
        && labelled_rows
        && rest.first().is_some_and(|l| figure_roles(&l.text) >= 2);
    let over_unit = rest.first().is_some_and(|l| is_unit_caption(&l.text));
    let digits_in_years = first.text.split_whitespace().all(|w| {
        is_year_word(w.trim_matches(|c: char| !c.is_ascii_digit()))
            || !w.contains(|c: char| c.is_ascii_digit())
    });
    let one_segment = segment_heading(&first.text).len() == 1
        || over_unit
            && segment_heading(&first.text)
                .iter()
                .all(|h| !role_of(h).is_some_and(Role::is_numeric));
    let title = (over_named_columns || over_unit)
        && one_segment
        && if over_unit {
            digits_in_years
        } else {
            !first.text.contains(|c: char| c.is_ascii_digit())
        };
    let texts: Vec<&str> = rest.iter().map(|l| l.text.as_str()).collect();
    // A line naming no figure over years and the periods under them
    // ("Stockholms Hamnar i sammandrag" / "Koncernen 2017 2016 2016" /
    // "jan-apr jan-apr jan-dec") is their caption.
    let over_periods = || {
        periods_under_years(&texts).is_some()
            && !first.text.contains(|c: char| c.is_ascii_digit())
            && !segment_heading(&first.text).iter().any(names_figures)
    };
    if !(title
        || is_numbered_caption(&first.text)
        || is_unit_caption(&first.text)
        || over_periods())
    {
        return false;
    }
    let below = block_headings(&texts);
    below.len() >= 2 && below.iter().any(names_figures)
}

/// A caption numbered as a section, note or table of its report ("5.2
/// Resultat", "3.1. Driftredovisning", "1 Verksamhetens intäkter", "Not 4
/// Verksamhetens kostnader", "Tabell 3 Nettokostnader"): a number with a
/// dot, a bare one with no other digit after it, or "Not" or "Tabell" and
/// a number, then a capitalised word.
fn is_numbered_caption(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| matches!(latin::lowercase(w).as_str(), "not" | "tabell"))
    {
        words.next();
        if !words
            .next()
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        {
            return false;
        }
    } else {
        // A bare number numbers a note's caption ("1 Verksamhetens
        // intäkter") only when no other digit follows: "2 Kommunen 2021"
        // is a heading.
        let number = words.next().unwrap_or_default();
        let bare = !number.is_empty()
            && number.len() <= 2
            && number.chars().all(|c| c.is_ascii_digit())
            && !number.starts_with('0')
            && !words
                .clone()
                .any(|w| w.contains(|c: char| c.is_ascii_digit()));
        if !(bare
            || number.contains('.')
                && number.chars().all(|c| c.is_ascii_digit() || c == '.')
                && number.starts_with(|c: char| c.is_ascii_digit()))
        {
            return false;
        }
    }
    words
        .next()
        .and_then(|w| w.chars().next())
        .is_some_and(|c| latin::is_letter(c) && !latin::is_lower(c))
}

/// A line that only names the table's unit: "Belopp i mnkr", "(tkr)",
/// "Miljoner kronor", "Belopp angivna i tusental kronor". Group headings
/// beside the unit ("(tkr) Koncernen Moderbolaget") make it a heading.
fn is_unit_caption(text: &str) -> bool {
    const FILLER: [&str; 11] = [
        "belopp",
        "i",
        "angivna",
        "anges",
        "alla",
        "uppgifter",
        "siffror",
        "tusen",
        "tusental",
        "miljoner",
        "kronor",
    ];
    unit_of(text).is_some()
        && text.split_whitespace().all(|w| {
            let letters = latin::lowercase(w.trim_matches(|c: char| !latin::is_letter(c)));
            !w.contains(|c: char| c.is_ascii_digit())
                && (letters.is_empty()
                    || FILLER.contains(&letters.as_str())
                    || number::Unit::from_word(&letters).is_some())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_number_before_the_figures_stays_in_the_label() {
        // (label, figures, columns, note column, label and figures after)
        let table: &[(&str, &str, usize, bool, &str, &str)] = &[
            (
                "anslagspost",
                "1 61 108 100 100 30",
                5,
                false,
                "anslagspost 1",
                "61 108 100 100 30",
            ),
            // "5 120" can be one value: the number may be the first figure.
            (
                "Post",
                "5 120 300 400 500 600",
                5,
                false,
                "Post",
                "5 120 300 400 500 600",
            ),
            // As many words as columns: nothing to move.
            (
                "Post",
                "1 61 108 100 100",
                5,
                false,
                "Post",
                "1 61 108 100 100",
            ),
            // With a note column an item number is the note's.
            (
                "Post",
                "1 61 108 100 100 30",
                5,
                true,
                "Post",
                "1 61 108 100 100 30",
            ),
            // Items are numbered from 1: a "0" is the first figure, and the
            // grouped figure after it stays whole.
            (
                "Årets resultat",
                "0 0 -31 841 0 0 0 0 0 0 0",
                10,
                false,
                "Årets resultat",
                "0 0 -31 841 0 0 0 0 0 0 0",
            ),
            // A year ending the label, with a note column too.
            (
                "varav intjänade före",
                "1998 635,4 638,2",
                2,
                true,
                "varav intjänade före 1998",
                "635,4 638,2",
            ),
        ];
        for (label, figures, n, has_note, want_label, want_figures) in table {
            let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            let mut run = Run {
                label: words(label),
                numbers: words(figures),
                line: 1,
                note: String::new(),
            };
            keep_item_number_in_label(&mut run, *n, *has_note);
            assert_eq!(run.label.join(" "), *want_label, "{label} {figures}");
            assert_eq!(run.numbers.join(" "), *want_figures, "{label} {figures}");
        }
    }
}
