//! Web copies with one cell per line, in the shapes that real pages give:
//! cells split by blank lines (an extra blank line is an empty cell), by lines
//! holding only "|" (an HTML table flattened), or by nothing but the line end;
//! some rows may still carry their values on one line (a mixed copy).

use super::aligned::is_code_in_parentheses;
use super::split::{fit, splits, splits_greedy};
use super::together::glued_tail;
use super::web_headings::stream_headings;
use super::words::{
    glued_years, is_note_list, is_numeric_word, is_year, shape, single_value, value_then_label,
    words, year_in, Shape,
};
use super::{layout_diagnostic, Line, MAX_SUM_ROWS};
use rust_decimal::Decimal;

use crate::convention::half_unit;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::exact::Exact;
use crate::grid::Grid;
use crate::latin;
use crate::model::Role;
use crate::number::{self, DecimalMark, Reading};
use crate::read::headings::{clean_heading, is_note_heading, role_of, unit_of};
use crate::read::{RawCell, RawRow, RawTable};

/// A web page copied with every cell on a line of its own: a heading of n
/// lines, then rows of a label line and n − 1 value lines.
pub(super) fn one_cell_per_line(lines: &[Line]) -> Option<RawTable<'static>> {
    let body: Vec<&Line> = lines.iter().filter(|l| !l.heading).collect();
    // Cells split by blank lines, where a cell may wrap over lines, are
    // read by [`cells_per_line`].
    if body.iter().filter(|l| l.blank_after).count() * 2 > body.len() {
        return None;
    }
    let single_value = |l: &Line| {
        [DecimalMark::Comma, DecimalMark::Point]
            .into_iter()
            .any(|m| {
                matches!(
                    number::read_number(&l.text, m),
                    Ok(Reading::Number(_) | Reading::Nothing)
                )
            })
    };
    let mut value_lines = 0;
    let mut unit_words = false;
    for l in &body {
        if single_value(l) {
            value_lines += 1;
            continue;
        }
        for w in words(&l.text) {
            match shape(&w) {
                // A figure beside words is a row of another layout.
                Shape::Number { .. } | Shape::Dash => return None,
                // A unit or "%" alone is a heading's word ("Belopp i tkr",
                // "Soliditet %").
                Shape::Suffix => unit_words = true,
                Shape::Text => {}
            }
        }
    }
    if value_lines < 2 {
        return None;
    }
    let first = body.iter().position(|l| single_value(l))?;
    let run = body[first..].iter().take_while(|l| single_value(l)).count();
    if first == 0 {
        return None;
    }
    if first + run == body.len() {
        if let Some(raw) = rows_of_years(lines, &body, first) {
            return Some(raw);
        }
    }
    let width = run + 1;
    // Lines before the first label: the heading (with or without a heading
    // for the label column), and any title above it.
    let before = first - 1;
    let (title_lines, headings): (usize, Vec<String>) = if before >= width {
        (
            before - width,
            body[before - width..before]
                .iter()
                .map(|l| clean_heading(&l.text))
                .collect(),
        )
    } else if before == width - 1 {
        let mut h = vec![String::new()];
        h.extend(body[..before].iter().map(|l| clean_heading(&l.text)));
        (0, h)
    } else {
        return None;
    };
    let rest = &body[before..];
    // One row under lines naming a unit may be a heading with no label
    // column ("Belopp i mnkr" / "Helårsprognos" / "Budget" / "90" / "70"):
    // the other layouts tell.
    if !rest.len().is_multiple_of(width) || (unit_words && rest.len() == width) {
        return None;
    }
    let mut rows = Vec::new();
    for chunk in rest.chunks(width) {
        let (label, values) = chunk.split_first()?;
        if single_value(label) || !values.iter().all(|l| single_value(l)) {
            return None;
        }
        rows.push(RawRow {
            line: label.line,
            cells: chunk
                .iter()
                .map(|l| RawCell::plain(l.text.clone()))
                .collect(),
        });
    }
    let title = body[..title_lines]
        .last()
        .map(|l| (l.text.clone(), l.line))
        .or_else(|| {
            lines
                .iter()
                .find(|l| l.heading)
                .map(|l| (l.text.clone(), l.line))
        });
    let context = lines
        .iter()
        .filter(|l| !single_value(l))
        .take(before + 1)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(RawTable {
        title,
        headings,
        rows,
        context,
        diagnostics: Vec::new(),
        from_lines: false,
    })
}

/// A table on its side copied one cell per line: the heading lines name the
/// columns, then each row is a year and its values ("Belopp" / "Nettoomsättning"
/// / … / "2019" / "586 551" / … / "2018" / …). Every line after the heading
/// is a value, so the rows show only where the years stand: the narrowest
/// width at which every row starts with a year, the years distinct and in
/// order, and the heading lines number the width (with the label column's
/// heading) or one less (without it).
pub(super) fn rows_of_years(
    lines: &[Line],
    body: &[&Line],
    first: usize,
) -> Option<RawTable<'static>> {
    let rest = &body[first..];
    let year_of = |l: &Line| is_year(&l.text).then(|| l.text.trim().parse::<u16>().ok())?;
    year_of(rest[0])?;
    let width = (2..=first + 1).find(|&width| {
        if !rest.len().is_multiple_of(width) || rest.len() / width < 2 {
            return false;
        }
        let years: Option<Vec<u16>> = rest.chunks(width).map(|c| year_of(c[0])).collect();
        let Some(years) = years else {
            return false;
        };
        let rising = years.windows(2).all(|w| w[0] < w[1]);
        let falling = years.windows(2).all(|w| w[0] > w[1]);
        (rising || falling)
            && rest
                .chunks(width)
                .any(|c| c[1..].iter().any(|l| year_of(l).is_none()))
    })?;
    let (title_lines, headings) = if first >= width {
        (
            first - width,
            body[first - width..first]
                .iter()
                .map(|l| clean_heading(&l.text))
                .collect(),
        )
    } else {
        let mut h = vec![String::new()];
        h.extend(body[..first].iter().map(|l| clean_heading(&l.text)));
        (0, h)
    };
    let rows = rest
        .chunks(width)
        .map(|chunk| RawRow {
            line: chunk[0].line,
            cells: chunk
                .iter()
                .map(|l| RawCell::plain(l.text.clone()))
                .collect(),
        })
        .collect();
    let title = body[..title_lines]
        .last()
        .map(|l| (l.text.clone(), l.line))
        .or_else(|| {
            lines
                .iter()
                .find(|l| l.heading)
                .map(|l| (l.text.clone(), l.line))
        });
    let context = body[..first]
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(RawTable {
        title,
        headings,
        rows,
        context,
        diagnostics: Vec::new(),
        from_lines: false,
    })
}

/// How the cells of a one-cell-per-line copy are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// A line holding only "|" ends every cell; two in a row are an empty cell.
    Pipe,
    /// A blank line between cells; every further blank line is an empty cell.
    Blank,
    /// Each line is a cell.
    Line,
}

/// One cell of a one-cell-per-line copy.
#[derive(Debug, Clone)]
pub(super) struct StreamCell {
    pub(super) text: String,
    pub(super) line: usize,
}

/// What a cell holds, for grouping cells into rows.
#[derive(Debug, Clone)]
enum Piece {
    /// No text: an empty cell (pipe or extra blank line).
    Empty,
    /// One value: a number, a dash, or a note reference ("1, 2").
    Value(String),
    /// Several number words on one line: values still to be split.
    Numbers(Vec<String>),
}

/// A label and the cells after it.
#[derive(Debug, Clone)]
struct StreamRow {
    label: String,
    line: usize,
    /// Index of the label's cell in the cell list.
    at: usize,
    pieces: Vec<Piece>,
}

/// The non-empty lines of the paste and the blank lines before each. A web
/// copy that writes an empty cell as a line holding a space, each followed
/// by the blank line that separates cells ("3117" / "" / " " / "" / " " /
/// "" / "-3041"), has one empty cell per such line: the gap counts as that
/// many empty cells plus the separator, not as every blank line.
fn text_lines(grid: &Grid<'_>, plain: &str) -> Vec<(String, usize, usize)> {
    let source: Vec<&str> = plain.split('\n').collect();
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut previous: Option<usize> = None;
    for row in &grid.rows {
        if row.heading {
            continue;
        }
        let text: String = row
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            continue;
        }
        let mut blanks = previous.map_or(0, |p| row.line.saturating_sub(p + 1));
        if let Some(p) = previous {
            // Lines are numbered from 1: the gap is source[p..line - 1].
            let gap = source.get(p..row.line.saturating_sub(1)).unwrap_or(&[]);
            let spaced = gap
                .iter()
                .filter(|l| {
                    let l = l.trim_end_matches('\r');
                    !l.is_empty() && l.trim().is_empty()
                })
                .count();
            // A line that itself starts with spaces pads its cells with
            // spaces (a mixed copy): its gap keeps the blank-line count.
            let padded = source
                .get(row.line.saturating_sub(1))
                .is_some_and(|l| l.starts_with(char::is_whitespace));
            if spaced >= 1 && blanks == 2 * spaced + 1 && !padded {
                blanks = spaced + 1;
            }
        }
        previous = Some(row.line);
        out.push((text, row.line, blanks));
    }
    out
}

/// Splits the lines into cells by the separator the copy uses.
fn stream_cells(lines: &[(String, usize, usize)]) -> (Separator, Vec<StreamCell>) {
    let pipes = lines.iter().filter(|(t, _, _)| t == "|").count();
    let gaps = lines.iter().skip(1).filter(|(_, _, b)| *b > 0).count();
    let separator = if pipes > 0 && pipes * 4 >= lines.len() {
        Separator::Pipe
    } else if lines.len() > 2 && gaps * 2 >= lines.len() - 1 {
        Separator::Blank
    } else {
        Separator::Line
    };
    let mut cells: Vec<StreamCell> = Vec::new();
    match separator {
        Separator::Pipe => {
            let mut open: Option<StreamCell> = None;
            for (text, line, _) in lines {
                if text == "|" {
                    cells.push(open.take().unwrap_or(StreamCell {
                        text: String::new(),
                        line: *line,
                    }));
                } else if let Some(cell) = open.as_mut() {
                    cell.text.push(' ');
                    cell.text.push_str(text);
                } else {
                    open = Some(StreamCell {
                        text: text.clone(),
                        line: *line,
                    });
                }
            }
            cells.extend(open);
        }
        Separator::Blank => {
            for (i, (text, line, blanks)) in lines.iter().enumerate() {
                let starts_lower = text.chars().next().is_some_and(latin::is_lower);
                let previous_is_text = cells.last().is_some_and(|c| {
                    !c.text.is_empty() && !c.text.chars().any(|ch| ch.is_ascii_digit())
                });
                // A heading wrapped inside its cell ("Budget" / "2021") or a
                // label wrapped before a lowercase word.
                // A period glued under its heading with no blank line
                // between is more of that cell ("Utfall" / "12-mån.").
                // A label's number in parentheses on the line below it
                // ("Ny inredning, biblioteket" / "(6014)") closes that label.
                let wrapped = *blanks == 0
                    && (starts_lower
                        || (previous_is_text && is_code_in_parentheses(text))
                        || (is_year(text) && previous_is_text)
                        || (previous_is_text
                            && text.starts_with(|c: char| c.is_ascii_digit())
                            && !single_value(text)
                            && !is_note_list(text)));
                if let (true, Some(last)) = (wrapped && i > 0, cells.last_mut()) {
                    last.text.push(' ');
                    last.text.push_str(text);
                    continue;
                }
                if i > 0 {
                    for _ in 1..*blanks {
                        cells.push(StreamCell {
                            text: String::new(),
                            line: *line,
                        });
                    }
                }
                cells.push(StreamCell {
                    text: text.clone(),
                    line: *line,
                });
            }
        }
        Separator::Line => cells.extend(lines.iter().map(|(text, line, _)| StreamCell {
            text: text.clone(),
            line: *line,
        })),
    }
    (separator, cells)
}

/// A label with values on the same line (a mixed copy): the label and the
/// number words that end the line. A year alone at the end stays in the
/// label ("Kommunen 2016").
fn label_and_numbers(text: &str) -> Option<(String, Vec<String>)> {
    let ws = words(text);
    let mut first_number = ws
        .iter()
        .rposition(|w| !is_numeric_word(w))
        .map_or(0, |i| i + 1);
    // A unit or dash after the label belongs to it ("i miljoner kronor").
    while ws
        .get(first_number)
        .is_some_and(|w| !matches!(shape(w), Shape::Number { .. }))
    {
        first_number += 1;
    }
    if first_number == 0 || first_number >= ws.len() {
        return None;
    }
    let numbers = ws[first_number..].to_vec();
    if numbers.len() == 1 && is_year(&numbers[0]) {
        return None;
    }
    Some((ws[..first_number].join(" "), numbers))
}

/// How many values a piece holds at the widest reading.
fn piece_width(piece: &Piece) -> usize {
    match piece {
        Piece::Empty | Piece::Value(_) => 1,
        Piece::Numbers(ws) => splits_greedy(ws, usize::MAX).first().map_or(0, Vec::len),
    }
}

/// A web table copied with one cell per line (see [`Separator`]): rows are
/// a label and the cells after it; the number of value columns is what most
/// rows hold; the cells before the first full row are the heading, read as
/// stacked rows (group headings over repeated periods) with a title above.
pub(super) fn cells_per_line(grid: &Grid<'_>, plain: &str) -> Option<RawTable<'static>> {
    let lines = text_lines(grid, plain);
    // Decide the shape first: lines holding one value must outnumber lines
    // holding a label and values (those are PDF rows, read by pdf_layout).
    let singles = lines
        .iter()
        .filter(|(t, _, _)| !is_year(t) && t != "-" && single_value(t))
        .count();
    let same_line = lines
        .iter()
        .filter(|(t, _, _)| label_and_numbers(t).is_some())
        .count();
    // Labels glued to their figures are a run-together copy, not this (a
    // line of figures alone, "17,6 133,0 190,3", has no label).
    let glued = lines
        .iter()
        .filter(|(t, _, _)| {
            glued_tail(t, false).is_some_and(|(label, _)| label.chars().any(latin::is_letter))
                && !single_value(t)
        })
        .count();
    if singles < 2 || singles < same_line || glued > singles {
        return None;
    }
    let (separator, mut cells) = stream_cells(&lines);
    // Year headings run together ("20202019201820172016") are one per cell.
    if cells.iter().any(|c| glued_years(&c.text).is_some()) {
        cells = cells
            .into_iter()
            .flat_map(|c| match glued_years(&c.text) {
                Some(years) => years
                    .into_iter()
                    .map(|text| StreamCell { text, line: c.line })
                    .collect(),
                None => vec![c],
            })
            .collect();
    }
    // A row's last figure run into the next row's label, when the row's
    // other cells are absent ("246,7Bolagens externa kostnader",
    // "-140,6SUMMA"): a value cell and a label cell.
    if cells.iter().any(|c| value_then_label(&c.text).is_some()) {
        cells = cells
            .into_iter()
            .flat_map(|c| match value_then_label(&c.text) {
                Some((value, label)) => vec![
                    StreamCell {
                        text: value.to_string(),
                        line: c.line,
                    },
                    StreamCell {
                        text: label.to_string(),
                        line: c.line,
                    },
                ],
                None => vec![c],
            })
            .collect();
    }

    // Group the cells into rows: a text cell starts a row.
    let mut rows: Vec<StreamRow> = Vec::new();
    for (at, cell) in cells.iter().enumerate() {
        let t = cell.text.as_str();
        // A dash then a number ("-  4,0") is a cell without value and the
        // next value in a mixed copy, or one negative number: the row's
        // width decides below.
        let dash_then_number = {
            let ws = words(t);
            ws.len() == 2 && matches!(shape(&ws[0]), Shape::Dash)
        };
        let piece = if t.is_empty() {
            Some(Piece::Empty)
        } else if (single_value(t) && !dash_then_number)
            || is_note_list(t)
            || (!rows.is_empty() && is_word_for_a_value(t))
        {
            Some(Piece::Value(t.to_string()))
        } else if words(t).iter().all(|w| is_numeric_word(w))
            && words(t)
                .iter()
                .any(|w| matches!(shape(w), Shape::Number { .. }))
        {
            Some(Piece::Numbers(words(t)))
        } else {
            None
        };
        match (piece, rows.last_mut()) {
            (Some(p), Some(row)) => row.pieces.push(p),
            (Some(p), None) => rows.push(StreamRow {
                label: String::new(),
                line: cell.line,
                at,
                pieces: vec![p],
            }),
            (None, _) => {
                let (label, pieces) = match label_and_numbers(t) {
                    Some((label, numbers)) => (label, vec![Piece::Numbers(numbers)]),
                    None => (t.to_string(), Vec::new()),
                };
                rows.push(StreamRow {
                    label,
                    line: cell.line,
                    at,
                    pieces,
                });
            }
        }
    }
    // A label wrapped over two cells ("Koncessioner, patent, licenser,
    // varumärken" / "samt liknande rättigheter" / the values): a label with
    // no values followed by one that starts in lower case and has values is
    // one label. A part row ("varav ...") is its own row.
    let mut wrapped: Vec<(usize, String)> = Vec::new();
    let mut k = 1;
    while k < rows.len() {
        let continues = |r: &StreamRow| {
            r.label.chars().next().is_some_and(latin::is_lower)
                && r.pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Value(_) | Piece::Numbers(_)))
                && !r.label.split_whitespace().next().is_some_and(|w| {
                    matches!(
                        latin::lowercase(w.trim_end_matches(':')).as_str(),
                        "varav" | "därav"
                    )
                })
        };
        let (before, after) = rows.split_at_mut(k);
        match (before.last(), after.first_mut()) {
            (Some(prev), Some(next))
                if prev.pieces.is_empty() && !prev.label.trim().is_empty() && continues(next) =>
            {
                next.label = format!("{} {}", prev.label.trim_end(), next.label.trim());
                (next.line, next.at) = (prev.line, prev.at);
                wrapped.push((prev.line, next.label.clone()));
                rows.remove(k - 1);
            }
            _ => k += 1,
        }
    }
    // The number of value columns: the count most rows hold (ties: more).
    let widths: Vec<usize> = rows
        .iter()
        .map(|r| r.pieces.iter().map(piece_width).sum())
        .collect();
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for w in widths.iter().filter(|w| **w > 0) {
        match tally.iter_mut().find(|(k, _)| k == w) {
            Some((_, n)) => *n += 1,
            None => tally.push((*w, 1)),
        }
    }
    let (values, support) = tally.iter().copied().max_by_key(|(w, n)| (*n, *w))?;
    if support < 2 {
        return None;
    }
    // The first full row whose values are not all years starts the body.
    // The years may stand one per cell or on one line after a title line
    // ("LUNDS KOMMUNS FASTIGHETS AB BOKSLUT 2019-12-31" over "2019 2018
    // 2017 2016 2015" in a mixed copy): a line of years alone is a heading.
    let all_years = |r: &StreamRow| {
        let texts: Vec<&str> = r
            .pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Value(v) => std::slice::from_ref(v),
                Piece::Numbers(ws) => ws.as_slice(),
                Piece::Empty => &[],
            })
            .map(String::as_str)
            .collect();
        !texts.is_empty() && texts.iter().all(|t| is_year(t))
    };
    // A row of figures on the label's line counts as full when its words
    // can be cut into that many values ("782 754 731 704 685" is five
    // values of three digits, though the widest reading joins them).
    let full = |r: &StreamRow, w: usize| {
        w == values || matches!(r.pieces.as_slice(), [Piece::Numbers(ws)] if fit(ws, values) > 0)
    };
    let first = rows
        .iter()
        .zip(&widths)
        .position(|(r, w)| full(r, *w) && !r.label.is_empty() && !all_years(r))?;
    // Section rows right above the first full row (a label and only empty
    // cells: "Skattefinansierade investeringsutgifter", "Investeringsobjekt
    // <3 mnkr") open the body: they are no column headings, which stand
    // above them.
    let section = |r: &StreamRow| {
        !r.label.is_empty()
            && !r.pieces.is_empty()
            && r.pieces.iter().all(|p| matches!(p, Piece::Empty))
            && !role_of(&r.label).is_some_and(Role::is_numeric)
    };
    let mut first = first;
    while first > 1 && rows.get(first - 1).is_some_and(section) {
        first -= 1;
    }
    let first_at = rows.get(first)?.at;
    let mut diagnostics = Vec::new();
    let (title, headings) =
        match periods_then_sections(rows.get(..first).unwrap_or(&[]), &cells, values) {
            Some((heading_cells, body)) => {
                first = body;
                stream_headings(&heading_cells, values, &mut diagnostics)
            }
            None => stream_headings(&cells[..first_at], values, &mut diagnostics),
        };
    let first_at = rows.get(first)?.at;
    diagnostics.insert(
        0,
        layout_diagnostic(
            None,
            cells.get(first_at).map(|c| c.line),
            String::new(),
            format!(
                "The text has one cell per line ({}); each row was read as a label and the {values} values after it.",
                match separator {
                    Separator::Pipe => "cells ended by lines with \"|\"",
                    Separator::Blank => "cells split by blank lines, an extra blank line an empty cell",
                    Separator::Line => "a cell on each line",
                }
            ),
            format!(
                "Texten har en cell per rad ({}); varje rad lästes som en benämning och de {values} värdena efter den.",
                match separator {
                    Separator::Pipe => "celler avslutade av rader med \"|\"",
                    Separator::Blank => "celler åtskilda av tomma rader, en extra tom rad en tom cell",
                    Separator::Line => "en cell på varje rad",
                }
            ),
        ),
    );
    for (line, label) in wrapped {
        diagnostics.push(layout_diagnostic(
            None,
            Some(line),
            label,
            "A label wrapped over two lines was joined: the first line has no values, the second starts in lower case.".to_string(),
            "En benämning bruten över två rader sattes ihop: första raden har inga värden, den andra börjar med liten bokstav.".to_string(),
        ));
    }
    // A note column ("Not") may be left out of a row without a trace.
    let note_column = headings.iter().skip(1).position(|h| {
        matches!(
            latin::lowercase(h.trim()).as_str(),
            "not" | "noter" | "not nr"
        )
    });

    let mut raw_rows: Vec<RawRow<'static>> = Vec::new();
    for row in &rows[first..] {
        let row_index = raw_rows.len();
        let fixed = row
            .pieces
            .iter()
            .filter(|p| !matches!(p, Piece::Numbers(_)))
            .count();
        let multi = row
            .pieces
            .iter()
            .filter(|p| matches!(p, Piece::Numbers(_)))
            .count();
        let mut cells_out: Vec<String> = Vec::new();
        for piece in &row.pieces {
            match piece {
                Piece::Empty => cells_out.push(String::new()),
                Piece::Value(v) => cells_out.push(v.clone()),
                Piece::Numbers(ws) => {
                    let n = values.saturating_sub(fixed);
                    let candidates = if multi == 1 && n > 0 {
                        splits(ws, n)
                    } else {
                        Vec::new()
                    };
                    if candidates.len() > 1 {
                        diagnostics.push(Diagnostic {
                            row: Some(row_index),
                            column: None,
                            line: Some(row.line),
                            seen: ws.join(" "),
                            kind: DiagnosticKind::AmbiguousSplit {
                                candidates: candidates.len(),
                            },
                        });
                    }
                    match candidates.into_iter().next() {
                        Some(split) => cells_out.extend(split),
                        None if n == 1 && single_value(&ws.join(" ")) => {
                            cells_out.push(ws.join(" "));
                        }
                        None => {
                            cells_out.extend(splits_greedy(ws, usize::MAX).into_iter().flatten())
                        }
                    }
                }
            }
        }
        // A row with twice its values: the second half is an unlabelled sum
        // line when it adds up rows above ("Övriga rörelseintäkter" /
        // "15 563" / "21 495" / "474 342" / "508 408").
        let sum_line = (values > 0 && cells_out.len() == 2 * values)
            .then(|| cells_out.split_off(values))
            .filter(|sum| {
                let ok = closes_rows_above(&raw_rows, &cells_out, sum);
                if !ok {
                    cells_out.extend(sum.iter().cloned());
                }
                ok
            });
        let found = cells_out.len();
        if found + 1 == values && found > 0 {
            if let Some(j) = note_column.filter(|j| {
                // The note is the missing cell when the row's first value
                // is an amount, not a note number.
                cells_out
                    .get(*j)
                    .is_some_and(|c| !is_note_list(c) && c.len() > 2)
            }) {
                cells_out.insert(j, String::new());
                diagnostics.push(layout_diagnostic(
                    Some(row_index),
                    Some(row.line),
                    row.label.clone(),
                    format!("The row has one value less than the columns; its note cell (\"{}\") was taken as the empty one.", headings.get(j + 1).map_or("", String::as_str)),
                    format!("Raden har ett värde mindre än kolumnerna; dess notcell (\"{}\") togs som den tomma.", headings.get(j + 1).map_or("", String::as_str)),
                ));
            }
        }
        let found = cells_out.len();
        if found > 0 && found != values {
            diagnostics.push(Diagnostic {
                row: Some(row_index),
                column: None,
                line: Some(row.line),
                seen: String::new(),
                kind: if found < values {
                    DiagnosticKind::ShortRow {
                        expected: values + 1,
                        found: found + 1,
                    }
                } else {
                    DiagnosticKind::LongRow {
                        expected: values + 1,
                        found: found + 1,
                    }
                },
            });
        }
        let mut out = vec![RawCell::plain(row.label.clone())];
        out.extend(cells_out.into_iter().map(RawCell::plain));
        raw_rows.push(RawRow {
            line: row.line,
            cells: out,
        });
        if let Some(sum) = sum_line {
            diagnostics.push(layout_diagnostic(
                Some(raw_rows.len()),
                Some(row.line),
                sum.join(" | "),
                format!("Row {} had {} values, twice the columns; the last {values} add up the rows above it and were read as a sum line of their own, without a label.", row_index + 1, 2 * values),
                format!("Rad {} hade {} värden, dubbelt så många som kolumnerna; de sista {values} summerar raderna ovanför och lästes som en egen summarad utan benämning.", row_index + 1, 2 * values),
            ));
            let mut out = vec![RawCell::plain(String::new())];
            out.extend(sum.into_iter().map(RawCell::plain));
            raw_rows.push(RawRow {
                line: row.line,
                cells: out,
            });
        }
    }
    let context = cells[..first_at]
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Some(RawTable {
        title,
        headings,
        rows: raw_rows,
        context,
        diagnostics,
        from_lines: true,
    })
}

/// A heading cell that is a period alone: a year, a date ("2022-12-31") or
/// a date range within the year ("2020-01-01 - 2020-12-31",
/// "2019-01-01-2019-12-31"): digits and dashes only, naming a year.
fn is_period_heading(text: &str) -> bool {
    let t = text.trim();
    year_in(t).is_some()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | '.'))
}

/// Heading cells that come before the body in another order than the
/// table's: the `values` period headings in a run, the corner heading and a
/// note heading before or after them ("2020-01-01 - 2020-12-31" /
/// "2019-01-01-2019-12-31" / "BELOPP I TKR" / "Not", or "BELOPP I TKR" /
/// "Not" / the periods), then the first section headings of the body
/// ("Rörelsens intäkter": labels with no values, which head no column).
/// A note heading here heads no column (the rows hold `values` cells, the
/// periods' count). Returns the heading cells in the order the headings
/// reader expects (title lines, corner, periods) and the row the body
/// starts at; `None` when the cells before the body end with the periods.
fn periods_then_sections(
    heads: &[StreamRow],
    cells: &[StreamCell],
    values: usize,
) -> Option<(Vec<StreamCell>, usize)> {
    let bare = |r: &StreamRow| r.pieces.is_empty() && !r.label.trim().is_empty();
    let period = |r: &StreamRow| bare(r) && is_period_heading(&r.label);
    // The periods as rows of their own, or as years after a heading cell
    // ("Not" / "2024" / "2023": the years are values of that row).
    let years_after = |r: &StreamRow| {
        r.pieces.len() == values
            && r.pieces
                .iter()
                .all(|p| matches!(p, Piece::Value(v) if is_year(v)))
    };
    let (periods, end) = (0..heads.len()).rev().find_map(|p| {
        let run = heads
            .get(p..p + values)
            .filter(|run| run.iter().all(period));
        if let Some(last) = run.and_then(|run| run.last()) {
            Some((heads.get(p)?.at..last.at + 1, p + values))
        } else if years_after(heads.get(p)?) {
            // After the heading cell, or from the row's first cell when a
            // year starts it (no cell above the label column).
            let row = heads.get(p)?;
            let at = row.at + usize::from(!row.label.is_empty());
            Some((at..at + values, p + 1))
        } else {
            None
        }
    })?;
    let after = heads.get(end..)?;
    if after.is_empty() || !after.iter().all(bare) || after.iter().any(period) {
        return None;
    }
    let note = |r: &StreamRow| is_note_heading(&r.label);
    // The corner and note headings after the periods: up to the last note
    // heading, or a unit line alone.
    let taken = match after.iter().rposition(note) {
        Some(k) => k + 1,
        None => usize::from(after.first().is_some_and(|r| unit_of(&r.label).is_some())),
    };
    if taken >= after.len() {
        return None;
    }
    let cell = |r: &StreamRow| cells.get(r.at).cloned();
    let mut heading_cells: Vec<StreamCell> = cells
        .get(..periods.start)?
        .iter()
        .filter(|c| !is_note_heading(&c.text))
        .cloned()
        .collect();
    heading_cells.extend(
        after
            .get(..taken)?
            .iter()
            .filter(|r| !note(r))
            .filter_map(cell),
    );
    heading_cells.extend(cells.get(periods)?.iter().cloned());
    Some((heading_cells, end + taken))
}

/// Whether `sum` is, column by column, the sum of `own` and the figures of
/// the last rows above it (one at least, back to an earlier sum or a
/// figure that is no number), within their rounding.
fn closes_rows_above(rows: &[RawRow<'_>], own: &[String], sum: &[String]) -> bool {
    let number = |t: &str| match number::read_number(t, DecimalMark::Comma) {
        Ok(Reading::Number(n)) => Some(n.value),
        _ => None,
    };
    let Some(stated) = sum.iter().map(|t| number(t)).collect::<Option<Vec<_>>>() else {
        return false;
    };
    let Some(mut totals) = own.iter().map(|t| number(t)).collect::<Option<Vec<_>>>() else {
        return false;
    };
    let mut tolerance: Vec<Decimal> = totals.iter().map(|d| half_unit(*d)).collect();
    let closes = |totals: &[Decimal], tolerance: &[Decimal]| {
        stated
            .iter()
            .zip(totals)
            .zip(tolerance)
            .all(|((s, t), tol)| {
                s.sub_exact(*t)
                    .is_some_and(|off| off.abs() <= tol.saturating_add(half_unit(*s)))
            })
    };
    for row in rows.iter().rev().take(MAX_SUM_ROWS) {
        let figures = row.cells.get(1..).unwrap_or(&[]);
        if figures.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if row.cells.first().is_none_or(|c| c.text.trim().is_empty()) {
            return false;
        }
        if figures.len() != totals.len() {
            return false;
        }
        for ((t, tol), c) in totals.iter_mut().zip(tolerance.iter_mut()).zip(figures) {
            let d = if c.text.trim().is_empty() || c.text.trim() == "-" {
                Decimal::ZERO
            } else {
                match number(&c.text) {
                    Some(d) => d,
                    None => return false,
                }
            };
            match (t.add_exact(d), tol.add_exact(half_unit(d))) {
                (Some(a), Some(b)) => (*t, *tol) = (a, b),
                _ => return false,
            }
        }
        if closes(&totals, &tolerance) {
            return true;
        }
    }
    false
}

/// A short word in lower case standing for a value in a value cell ("neg"
/// for a negative return, "e.t." or "n/a" for none): four characters at
/// most, letters, dots and slashes. No label is so short and lower case.
fn is_word_for_a_value(text: &str) -> bool {
    let t = text.trim();
    (1..=4).contains(&t.chars().count())
        && t.chars().any(latin::is_letter)
        && t.chars()
            .all(|c| latin::is_lower(c) || matches!(c, '.' | '/'))
}
