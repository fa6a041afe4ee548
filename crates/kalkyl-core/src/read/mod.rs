//! Reading a paste: clipboard text (and HTML) becomes a typed [`Table`].
//!
//! The stages: [`crate::grid`] turns the clipboard into rows of cell texts;
//! a layout step finds the title, the heading (one or more rows, or heading
//! words wrapped over many lines in PDF text) and the body rows, splitting
//! PDF lines where single spaces separate both columns and thousands
//! ([`lines`]); then the columns get roles from their headings and contents
//! ([`headings`]), numbers are read per column with one decimal mark, units
//! converted exactly to the table's unit, and rows get their kind, level and
//! footnote. Every guess leaves a [`Diagnostic`]; nothing is dropped.
//!
//! Every guess can be overridden with [`ReadChoices`], and the same source is
//! read again with them.

pub(crate) mod headings;
#[cfg(feature = "line-layouts")]
mod lines;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::convention::half_unit;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::exact::Exact;
use crate::grid::{self, Grid, GridNote, GridRow, Hints, Source};
use crate::lang::Lang;
use crate::model::{Cell, Column, Role, Row, RowKind, Table, TableSettings};
use crate::number::{self, DecimalMark, Reading, Unit};

use headings::{clean_heading, months_of, role_of, unit_of, year_of};

/// The user's answers to the guesses a read makes. Empty means "guess".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReadChoices {
    /// A role per column index.
    pub roles: BTreeMap<usize, Role>,
    /// A decimal mark per column index.
    pub decimal_marks: BTreeMap<usize, DecimalMark>,
    /// The table's unit: `Some(None)` says "no unit", `None` means guess.
    pub unit: Option<Option<Unit>>,
    /// Months elapsed.
    pub months: Option<u8>,
    /// For a PDF line that can be split in several ways: which split (index
    /// into the candidates, by table row).
    pub splits: BTreeMap<usize, usize>,
    /// Read the plain text even when the HTML flavour holds a table.
    pub prefer_plain: bool,
    /// Whether the table lies on its side (periods as columns, measures as
    /// rows) and is turned back; `None` means guess.
    pub orientation: Option<Orientation>,
    /// The calendar year the table was pasted in, by the user's clock: a
    /// column headed by a later year is a plan, never an outcome. Kept with
    /// the choices so that reading the paste again reads it the same;
    /// `None` when not known (no year is then later than the paste).
    #[serde(default)]
    pub year_pasted: Option<u16>,
}

/// How a table lies, as the user chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// As pasted: items are rows, figures are columns.
    AsPasted,
    /// On its side: periods are columns and measures rows; turned back.
    Turned,
}

/// Reads what was pasted (the clipboard's `text/plain` and, if present,
/// `text/html`) into a table. Never fails and never panics: what cannot be
/// read is kept as text with a diagnostic.
pub fn read_paste(plain: &str, html: Option<&str>, choices: &ReadChoices) -> Table {
    let grid = if choices.prefer_plain {
        grid::read_text(plain)
    } else {
        grid::read_clipboard(plain, html)
    };
    read_grid(grid, plain, choices)
}

/// Reads an already split grid. `plain` is the text the grid came from (used
/// to see where PDF lines end in a space, which grid cells trim away).
pub fn read_grid(grid: Grid<'_>, plain: &str, choices: &ReadChoices) -> Table {
    let laid = (grid.source == Source::Lines).then(|| lay_out_lines(&grid, plain, choices));
    read_laid_out(grid, laid, choices)
}

/// Types a grid: `laid` is its layout when the grid is text without
/// delimiters, `None` to lay out a delimited grid here.
pub(crate) fn read_laid_out(
    grid: Grid<'_>,
    laid: Option<RawTable<'static>>,
    choices: &ReadChoices,
) -> Table {
    let hints = grid.hints;
    let notes: Vec<Diagnostic> = grid.notes.iter().filter_map(note_diagnostic).collect();
    let mut raw = match laid {
        Some(raw) => raw,
        None => layout_delimited(grid),
    };
    raw.diagnostics.extend(notes);
    maybe_transpose(&mut raw, choices);
    build(raw, hints, choices)
}

/// Lays out text without delimiters with [`lines`], linked in.
#[cfg(feature = "line-layouts")]
fn lay_out_lines(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    lines::layout(grid, plain, choices)
}

/// Lays out text without delimiters with the registered [`LineReader`]
/// (see [`set_line_reader`]); without one, each line is kept whole as
/// text and a diagnostic says why.
#[cfg(not(feature = "line-layouts"))]
fn lay_out_lines(grid: &Grid<'_>, plain: &str, choices: &ReadChoices) -> RawTable<'static> {
    match LINE_READER.get().and_then(|read| read(plain, choices)) {
        Some(LaidOut(raw)) => raw,
        None => lines_kept_whole(grid),
    }
}

/// What the layout of text without delimiters found, to be typed by
/// [`read_grid`]: the form in which a build without the `line-layouts`
/// feature receives it from one with it (`crate::handover`).
#[derive(Debug, Default)]
pub struct LaidOut(pub(crate) RawTable<'static>);

/// Lays out text without delimiters (a PDF copy, a web table copied one
/// cell per line), as [`read_paste`] would read `plain` with `choices`;
/// `None` if the text has delimiters (tabs, CSV), which need no such layout.
#[cfg(feature = "line-layouts")]
pub fn lay_out(plain: &str, choices: &ReadChoices) -> Option<LaidOut> {
    let grid = grid::read_text(plain);
    (grid.source == Source::Lines).then(|| LaidOut(lines::layout(&grid, plain, choices)))
}

/// Lays out text without delimiters for a build without the
/// `line-layouts` feature; `None` when it cannot (not loaded).
pub type LineReader = fn(plain: &str, choices: &ReadChoices) -> Option<LaidOut>;

#[cfg(not(feature = "line-layouts"))]
static LINE_READER: std::sync::OnceLock<LineReader> = std::sync::OnceLock::new();

/// Registers the reader of text without delimiters for a build without
/// the `line-layouts` feature (the browser app's first load, which
/// delegates it to its on-demand module). Only the first call counts; a
/// build with the feature lays such text out itself and ignores it.
pub fn set_line_reader(reader: LineReader) {
    #[cfg(not(feature = "line-layouts"))]
    let _ = LINE_READER.set(reader);
    #[cfg(feature = "line-layouts")]
    let _ = reader;
}

/// Whether reading this paste needs the layout of text without delimiters
/// (see `lay_out`): text with no HTML table and no tab, pipe or CSV
/// delimiter.
pub fn needs_line_layout(plain: &str, html: Option<&str>, choices: &ReadChoices) -> bool {
    // A tab anywhere makes the text tab-separated (Excel's and Word's
    // copies, however large): no need to look further.
    if plain.contains('\t') || plain.trim().is_empty() {
        return false;
    }
    let html_table = !choices.prefer_plain
        && html.is_some_and(|h| !h.trim().is_empty() && grid::read_html(h).is_some());
    !html_table && grid::read_text(plain).source == Source::Lines
}

/// Each line of text without delimiters kept whole as a row's text, when
/// no layout could be made: nothing is lost, and the diagnostic says what
/// to do.
#[cfg(not(feature = "line-layouts"))]
fn lines_kept_whole(grid: &Grid<'_>) -> RawTable<'static> {
    let rows = grid
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.cells.iter().any(|c| !c.text.trim().is_empty()))
        .map(|(i, r)| RawRow {
            line: i + 1,
            cells: vec![RawCell::plain(
                r.cells
                    .iter()
                    .map(|c| c.text.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
            )],
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        return RawTable::default();
    }
    RawTable {
        rows,
        diagnostics: vec![Diagnostic {
            row: None,
            column: None,
            line: None,
            seen: String::new(),
            kind: DiagnosticKind::Layout {
                what_en: "Kalkyl's reader for text without columns (PDF and web copies) could not be loaded, so each line is kept whole as text. Paste the table again when it can be loaded.".into(),
                what_sv: "Kalkyls läsare för text utan kolumner (kopior från pdf och webb) kunde inte läsas in, så varje rad behölls hel som text. Klistra in tabellen igen när den kan läsas in.".into(),
            },
        }],
        from_lines: true,
        ..RawTable::default()
    }
}

/// A table before its cells are typed: what the layout step found.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct RawTable<'a> {
    pub title: Option<(String, usize)>,
    pub headings: Vec<String>,
    pub rows: Vec<RawRow<'a>>,
    /// Text outside the body that may name the period ("januari - april").
    pub context: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether rows came from PDF text, where a number-less row is a heading.
    pub from_lines: bool,
}

/// One body row before typing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct RawRow<'a> {
    pub line: usize,
    pub cells: Vec<RawCell<'a>>,
}

/// One cell before typing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RawCell<'a> {
    pub text: Cow<'a, str>,
    pub bold: bool,
    pub italic: bool,
}

impl<'a> RawCell<'a> {
    pub(crate) fn plain(text: impl Into<Cow<'a, str>>) -> RawCell<'a> {
        RawCell {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

fn note_diagnostic(note: &GridNote) -> Option<Diagnostic> {
    let (line, en, sv) = match note {
        GridNote::BomRemoved => (
            None,
            "A byte order mark at the start of the text was removed.".to_string(),
            "Ett BOM-tecken i början av texten togs bort.".to_string(),
        ),
        GridNote::HtmlWithoutTable => (
            None,
            "The HTML on the clipboard held no table, so the plain text was read.".to_string(),
            "HTML-innehållet hade ingen tabell, så den vanliga texten lästes.".to_string(),
        ),
        GridNote::UnterminatedQuote { line } => (
            Some(*line),
            "A quote is never closed; it was read as an ordinary character.".to_string(),
            "Ett citattecken avslutas aldrig; det lästes som ett vanligt tecken.".to_string(),
        ),
        GridNote::QuotesIgnored { line } => (
            Some(*line),
            "From here on, quotes were read as ordinary characters.".to_string(),
            "Härifrån lästes citattecken som vanliga tecken.".to_string(),
        ),
        GridNote::HiddenSkipped { line } => (
            Some(*line),
            "A hidden row or cell in the copied HTML was left out, as the source program hid it."
                .to_string(),
            "En dold rad eller cell i den kopierade HTML-koden togs inte med, eftersom programmet dolt den."
                .to_string(),
        ),
        // Ragged rows are reported per table row when the table is built.
        GridNote::RaggedRow { .. } => return None,
        GridNote::ColumnsCut { line, limit } => (
            Some(*line),
            format!("The row has more than {limit} cells; the rest were not read."),
            format!("Raden har fler än {limit} celler; resten lästes inte."),
        ),
        GridNote::RowsCut { line } => (
            Some(*line),
            "The paste is larger than Kalkyl reads at once; reading stopped here. Split the table and paste the rest separately.".to_string(),
            "Inklistringen är större än Kalkyl läser på en gång; läsningen slutade här. Dela tabellen och klistra in resten för sig.".to_string(),
        ),
        GridNote::NotesCut { omitted } => (
            None,
            format!("{omitted} more notes about the paste were left out."),
            format!("Ytterligare {omitted} anmärkningar om inklistringen visas inte."),
        ),
    };
    Some(Diagnostic {
        row: None,
        column: None,
        line,
        seen: String::new(),
        kind: DiagnosticKind::Source {
            what_en: en,
            what_sv: sv,
        },
    })
}

/// Whether a cell reads as a number that is data, not a year in a heading
/// ("2021") or a label's digits.
fn is_data_number(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if t.len() == 4 && year_of(t).is_some() {
        return false;
    }
    [DecimalMark::Comma, DecimalMark::Point]
        .into_iter()
        .any(|mark| matches!(number::read_number(t, mark), Ok(Reading::Number(_))))
}

fn non_empty(row: &GridRow) -> usize {
    row.cells
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .count()
}

/// Finds title, heading rows and body in a grid whose cells are final
/// (tab-separated, CSV, pipes or HTML).
fn layout_delimited(grid: Grid<'_>) -> RawTable<'_> {
    let mut raw = RawTable::default();
    let mut owned = grid.rows;
    let rows: Vec<&GridRow> = owned.iter().collect();
    let Some(first) = rows.iter().position(|r| non_empty(r) > 0) else {
        return raw;
    };
    // The heading is the first row with two or more cells; lines above it
    // with one cell are title lines. A one-column table has its heading in
    // the first row.
    let multi = rows[first..].iter().position(|r| non_empty(r) >= 2);
    let header_at = match multi {
        Some(offset) => first + offset,
        None => first,
    };
    // The title is the last of them, but a line that only names the unit
    // ("Resultatbudget" / "Miljoner kronor") leaves it to the line above.
    let mut context = Vec::new();
    for row in &rows[first..header_at] {
        if let Some(cell) = row.cells.iter().find(|c| !c.text.trim().is_empty()) {
            let text = cell.text.trim();
            let unit_only = unit_of(text).is_some() && text.split_whitespace().count() <= 3;
            if raw.title.is_none() || !unit_only {
                raw.title = Some((text.to_string(), row.line));
            }
            context.push(cell.text.to_string());
        }
    }
    let header: &GridRow = rows[header_at];
    let header_is_data = header.cells.iter().skip(1).any(|c| is_data_number(&c.text))
        || (non_empty(header) == 1 && header.cells.iter().any(|c| is_data_number(&c.text)));
    let mut body_from = header_at;
    if !header_is_data {
        let mut heading_rows = vec![header];
        body_from = header_at + 1;
        // More heading rows: first cell empty, no data numbers ("  Antal  Andel").
        while let Some(next) = rows.get(body_from) {
            let first_empty = next.cells.first().is_none_or(|c| c.text.trim().is_empty());
            if first_empty
                && non_empty(next) >= 1
                && !next.cells.iter().any(|c| is_data_number(&c.text))
            {
                heading_rows.push(next);
                body_from += 1;
            } else {
                break;
            }
        }
        raw.headings = merge_heading_rows(&heading_rows);
        // Trailing empty headings are trailing tabs, not columns; a column
        // whose cells hold something comes back through the content width.
        while raw.headings.last().is_some_and(|h| h.is_empty()) {
            raw.headings.pop();
        }
        context.extend(raw.headings.iter().cloned());
    }
    let header_texts: Vec<String> = header
        .cells
        .iter()
        .map(|c| clean_heading(&c.text))
        .collect();
    let header_first = header.cells.first().map(|c| c.text.clone());
    let header_len = header.cells.len();
    drop(rows);
    // The body rows are moved, not copied: a paste can hold a million cells.
    for row in owned.drain(..).skip(body_from) {
        if row.heading {
            context.push(
                row.cells
                    .iter()
                    .map(|c| c.text.as_ref())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            continue;
        }
        if non_empty(&row) == 0 {
            continue;
        }
        // A heading repeated further down (two blocks of one report) is not
        // a row. Compared raw first: cleaning every row would cost more than
        // reading it.
        if !header_is_data
            && row.cells.len() == header_len
            && row.cells.first().map(|c| &c.text) == header_first.as_ref()
            && row
                .cells
                .iter()
                .map(|c| clean_heading(&c.text))
                .eq(header_texts.iter().cloned())
        {
            continue;
        }
        raw.rows.push(RawRow {
            line: row.line,
            cells: row
                .cells
                .into_iter()
                .map(|c| RawCell {
                    text: c.text,
                    bold: c.bold,
                    italic: c.italic,
                })
                .collect(),
        });
    }
    raw.context = context.join("\n");
    shift_periods_past_the_corner(&mut raw);
    raw
}

/// A heading row of periods only ("2012 | 2013 | ... | 2016 | |"), one cell
/// shorter than the rows under it, which start with a label: the heading
/// lost its empty corner cell, so its periods stand one column to the left
/// of their figures. The corner goes back in front.
fn shift_periods_past_the_corner(raw: &mut RawTable<'_>) {
    let width = raw.headings.len();
    if width < 2 || !raw.headings.iter().all(|h| is_year_heading(h)) {
        return;
    }
    let used = |r: &RawRow| {
        r.cells
            .iter()
            .rposition(|c| !c.text.trim().is_empty())
            .map_or(0, |i| i + 1)
    };
    let labelled_longer = raw
        .rows
        .iter()
        .filter(|r| {
            used(r) == width + 1
                && r.cells
                    .first()
                    .is_some_and(|c| !c.text.trim().is_empty() && !is_data_number(&c.text))
        })
        .count();
    if labelled_longer * 2 > raw.rows.len() {
        raw.headings.insert(0, String::new());
    }
}

/// Joins stacked heading rows per column. A top heading spans the empty
/// cells to its right when a lower row names them ("0-4 år" over "Antal",
/// "Andel").
fn merge_heading_rows(rows: &[&GridRow]) -> Vec<String> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut out = vec![String::new(); width];
    for (depth, row) in rows.iter().enumerate() {
        let mut carried = String::new();
        for (j, slot) in out.iter_mut().enumerate() {
            let text = row
                .cells
                .get(j)
                .map(|c| clean_heading(&c.text))
                .unwrap_or_default();
            let below = rows
                .get(depth + 1..)
                .unwrap_or(&[])
                .iter()
                .any(|r| r.cells.get(j).is_some_and(|c| !c.text.trim().is_empty()));
            let part = if !text.is_empty() {
                carried = text.clone();
                text
            } else if j > 0 && below {
                carried.clone()
            } else {
                String::new()
            };
            if !part.is_empty() {
                if !slot.is_empty() {
                    slot.push(' ');
                }
                slot.push_str(&part);
            }
        }
    }
    out
}

/// A table turned on its side has periods as column headings and
/// "Utfall", "Budget", "Avvikelse" as row labels: turn it back. `chosen`
/// is the user's answer, which wins over the guess. A guess either way is
/// said in a diagnostic whenever the rows are named by figures, with the
/// other reading one click away (`ReadChoices::orientation`).
fn maybe_transpose(raw: &mut RawTable<'_>, choices: &ReadChoices) {
    let chosen = choices.orientation;
    let (turn, unsure) = match chosen {
        Some(choice) => (choice == Orientation::Turned, true),
        None => lies_on_its_side(raw, choices.year_pasted),
    };
    let turned = turn && raw.headings.len() >= 2 && !raw.rows.is_empty();
    if turned {
        turn_back(raw);
    }
    if unsure {
        raw.diagnostics.push(Diagnostic {
            row: None,
            column: None,
            line: None,
            seen: String::new(),
            kind: DiagnosticKind::Orientation {
                turned,
                chosen: chosen.is_some(),
            },
        });
    }
}

/// Whether a table lies on its side, and whether that is worth asking
/// (the rows are named by figures, but the guess is "as pasted" or the
/// other way round).
fn lies_on_its_side(raw: &RawTable<'_>, year_pasted: Option<u16>) -> (bool, bool) {
    // A sideways table has a row per figure (outcome, budget, ...): a few
    // rows, never thousands.
    const MAX_SIDEWAYS_ROWS: usize = 40;
    if raw.headings.len() < 2 || raw.rows.len() < 2 || raw.rows.len() > MAX_SIDEWAYS_ROWS {
        return (false, false);
    }
    // Rows named by figures, of two kinds at least (outcome and budget): a
    // table whose rows are all results ("Årets resultat", "Årets
    // balanskravsresultat") is a statement, not a table on its side.
    let mut row_roles = 0usize;
    let mut kinds: Vec<Role> = Vec::new();
    for role in raw
        .rows
        .iter()
        .filter_map(|r| r.cells.first().and_then(|c| role_of(&c.text)))
        .filter(|r| r.is_numeric())
    {
        row_roles += 1;
        if !kinds.contains(&role) {
            kinds.push(role);
        }
    }
    let named_rows = row_roles >= 2 && kinds.len() >= 2;
    let heading_roles = raw
        .headings
        .iter()
        .skip(1)
        .filter(|h| role_of(h).is_some_and(Role::is_numeric))
        .count();
    // One figure over years ("Bokslut 2015 | Bokslut 2014") names periods.
    let values = raw.headings.get(1..).unwrap_or(&[]);
    let periods = values.len() >= 2
        && values
            .iter()
            .all(|h| year_of(h).is_some() && role_of(h) == values.first().and_then(|f| role_of(f)));
    // A note column ("Not") points from items to notes: items are rows.
    // Rows of units ("Kommun | 2016 | 2017 | ...", a time series per
    // municipality) are rows too, however many years head them.
    if raw.headings.iter().any(|h| headings::is_note_heading(h))
        || raw
            .headings
            .first()
            .is_some_and(|h| headings::names_kinds_of_units(h))
    {
        return (false, false);
    }
    if heading_roles > 0 && !periods {
        return (false, named_rows);
    }
    // A time series on its side: four or more year headings and measures as
    // rows (a five-year overview, "nyckeltal 2018 2019 2020 2021"). Two or
    // three years ("2022 | 2021 | 2020") are this year against the years
    // before, with items as rows (a statement, a balance requirement).
    // Years still to come when the table was pasted are a plan by item (a
    // budget bill's reforms by year), not a history of measures.
    let year_headings = raw
        .headings
        .iter()
        .skip(1)
        .filter(|h| is_year_heading(h))
        .filter(|h| !later_than_paste(year_of(h), year_pasted))
        .count();
    // A value column without a heading beside them is a period the
    // heading did not name (a fifth year under four printed ones).
    let unheaded = raw.headings.iter().filter(|h| h.is_empty()).count();
    let series = year_headings >= 4 && year_headings + unheaded.max(1) >= raw.headings.len();
    // Under periods named by a figure the rows must set a budget against it.
    let compared = !periods || heading_roles == 0 || kinds.contains(&Role::Budget);
    // Turned back, the value columns' headings label the rows: with most
    // of them empty, most rows would lose their names (a key-figure box
    // whose periods the copy left out but one). Such a table stays as
    // pasted; the user may turn it.
    let value_columns = raw
        .rows
        .iter()
        .map(|r| r.cells.len().saturating_sub(1))
        .max()
        .unwrap_or(0)
        .max(values.len());
    let headed = values.iter().filter(|h| !h.trim().is_empty()).count() * 2 >= value_columns;
    let turn = series || (named_rows && headed && row_roles * 2 >= raw.rows.len() && compared);
    (turn, turn || named_rows)
}

/// Turns a table on its side back: the paste's rows become columns headed
/// by their labels, its period columns rows labelled by their headings.
fn turn_back(raw: &mut RawTable<'_>) {
    // Section headings among the measures ("Personal", "Balansräkning")
    // hold no figure: they name no column of the turned table.
    raw.rows
        .retain(|r| r.cells.iter().skip(1).any(|c| !c.text.trim().is_empty()));
    let width = raw.headings.len();
    let mut headings = vec![raw.headings.first().cloned().unwrap_or_default()];
    headings.extend(raw.rows.iter().map(|r| {
        r.cells
            .first()
            .map(|c| clean_heading(&c.text))
            .unwrap_or_default()
    }));
    let mut rows = Vec::new();
    for j in 1..width {
        let mut cells = vec![RawCell::plain(
            raw.headings.get(j).cloned().unwrap_or_default(),
        )];
        cells.extend(
            raw.rows
                .iter()
                .map(|r| r.cells.get(j).cloned().unwrap_or_default()),
        );
        rows.push(RawRow {
            line: raw.rows.first().map(|r| r.line).unwrap_or(0),
            cells,
        });
    }
    raw.headings = headings;
    raw.rows = rows;
}

/// Whether a heading's year is still to come when the table was pasted: a
/// plan's year, never an outcome's. False when either is unknown.
fn later_than_paste(year: Option<u16>, year_pasted: Option<u16>) -> bool {
    year.zip(year_pasted).is_some_and(|(y, now)| y > now)
}

/// A heading that is a year and nothing more that names a figure: "2021",
/// "2021-12-31", "Bokslut 2020" is not (it names the outcome).
fn is_year_heading(heading: &str) -> bool {
    // A part of the year before it ("Q1 2024", "jan– mar 2013", "helår
    // 2012") still dates a period.
    let heading = heading.trim();
    let (part, year) = heading.rsplit_once(' ').unwrap_or(("", heading));
    // Or joined to it by a dash ("Q2-2019", "jan–jun-2019").
    let (part, year) = match year.rsplit_once('-') {
        Some((joined, year)) if part.is_empty() && joined.contains(crate::latin::is_letter) => {
            (joined, year)
        }
        _ => (part, year),
    };
    headings::names_parts_of_the_year(part)
        && year_of(year).is_some()
        && role_of(year).is_none()
        && !year.chars().any(crate::latin::is_letter)
}

/// What a column's cells look like.
#[derive(Debug, Default, Clone, Copy)]
struct ContentStats {
    numbers: usize,
    percents: usize,
    texts: usize,
}

fn content_stats(raw: &RawTable<'_>, column: usize) -> ContentStats {
    // A sample is enough to tell text from numbers, and keeps a 100 000-row
    // paste from being parsed once more just for this.
    const SAMPLE: usize = 2_000;
    let mut stats = ContentStats::default();
    for row in raw.rows.iter().take(SAMPLE) {
        let Some(cell) = row.cells.get(column) else {
            continue;
        };
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        // Years in the first column label their rows ("2021", "2020").
        if column == 0 && text.len() == 4 && year_of(text).is_some() {
            stats.texts += 1;
            continue;
        }
        let reading = number::read_number(text, DecimalMark::Comma)
            .or_else(|_| number::read_number(text, DecimalMark::Point));
        match reading {
            Ok(Reading::Number(n)) => {
                stats.numbers += 1;
                if n.percent {
                    stats.percents += 1;
                }
            }
            Ok(Reading::Blank | Reading::Nothing) => {}
            Err(_) => stats.texts += 1,
        }
    }
    stats
}

/// Whether a word of a title ends in one of `endings` (compared in
/// lowercase, see [`headings::compact`]).
fn title_word_ends_in(title: &str, endings: &[&str]) -> bool {
    title
        .split(|c: char| !crate::latin::is_letter(c))
        .any(|word| {
            let word = headings::compact(word);
            endings.iter().any(|e| word.ends_with(e))
        })
}

/// Whether a title names a budget ("Resultatbudget", "Driftbudget 2023",
/// "Budget", "Ramarna för driftsbudgeten"), not something about one
/// ("Budgetavvikelse", "Budgetuppföljning"): a word of it ends in "budget"
/// or "budgeten".
fn names_a_budget(title: &str) -> bool {
    title_word_ends_in(title, &["budget", "budgeten"])
}

/// Whether a title names deviations ("Budgetavvikelser, mkr", "Avvikelse
/// mot budget"): a word of it ends in "avvikelse" or "avvikelser".
fn names_deviations(title: &str) -> bool {
    title_word_ends_in(title, &["avvikelse", "avvikelser"])
}

/// Whether a title names a budget or the plan that follows it
/// ("Investeringsbudget 2025–2029", "Ekonomisk plan 2026–2028",
/// "Flerårsplan"), not something about one ("Planering").
fn names_a_budget_or_plan(title: &str) -> bool {
    names_a_budget(title) || headings::names_a_plan(title)
}

/// Decides each column's role from its heading, its contents and the
/// user's choices.
fn assign_roles(raw: &RawTable<'_>, width: usize, choices: &ReadChoices) -> (Vec<Role>, Vec<bool>) {
    let stats: Vec<ContentStats> = (0..width).map(|j| content_stats(raw, j)).collect();
    let named: Vec<Option<Role>> = (0..width)
        .map(|j| raw.headings.get(j).and_then(|h| role_of(h)))
        .collect();
    let mut roles = vec![Role::Other; width];
    let mut guessed = vec![false; width];
    let mut have_label = false;
    for j in 0..width {
        let s = stats[j];
        let textual = s.texts > s.numbers;
        let role = match named[j] {
            // A heading that names a text column wins over digits in it:
            // account numbers ("4012") are codes, not amounts.
            Some(Role::Text) => Role::Text,
            Some(Role::Label) if textual || s.numbers == 0 => {
                if have_label {
                    Role::Text
                } else {
                    Role::Label
                }
            }
            // "Andel" names a share, a percentage only when the cells say
            // so: "Minoritetens andel i resultat" over 27, -13 is an amount.
            Some(Role::StatedPercent)
                if s.percents == 0
                    && raw.headings.get(j).is_some_and(|h| {
                        let key = headings::compact(h);
                        key.contains("andel") && !key.contains('%') && !key.contains("procent")
                    }) =>
            {
                Role::Other
            }
            Some(r) if r.is_numeric() && !textual => {
                // A key figure its heading names ("Soliditet, %") keeps its
                // role whatever its cells look like.
                if s.percents * 2 > s.numbers && s.numbers > 0 && r != Role::Other {
                    Role::StatedPercent
                } else {
                    r
                }
            }
            _ if textual => {
                if have_label {
                    Role::Text
                } else {
                    Role::Label
                }
            }
            _ if s.numbers == 0 => {
                // An empty column: take the heading's word, else keep it as text.
                named[j].unwrap_or(if have_label { Role::Text } else { Role::Label })
            }
            _ => {
                guessed[j] = true;
                // Percentages beside amounts in one column are key figures
                // per row (a ratio table), not a stated percentage.
                if s.numbers > 0 && s.percents == s.numbers {
                    Role::StatedPercent
                } else {
                    Role::Other
                }
            }
        };
        if role == Role::Label {
            have_label = true;
        }
        roles[j] = role;
    }
    // A table with text but no label column: the first text column labels it.
    if !roles.contains(&Role::Label) {
        if let Some(j) = (0..width).find(|j| roles[*j] == Role::Text && stats[*j].texts > 0) {
            roles[j] = Role::Label;
        }
    }
    // Without any heading, number columns follow the most common layout:
    // outcome, budget, deviation. One figure per row with no heading names
    // nothing to compare: a list of amounts (a state budget's incomes, the
    // kronor of each tax krona), kept as other numbers.
    // The headless layout only renames number columns: which columns hold
    // numbers is the same before and after it.
    let numeric: Vec<usize> = (0..width).filter(|j| roles[*j].is_numeric()).collect();
    let headless = raw.headings.iter().all(|h| h.trim().is_empty());
    if headless && numeric.len() != 1 {
        let mut order = [Role::Outcome, Role::Budget, Role::StatedVariance].into_iter();
        for role in roles.iter_mut().filter(|r| **r == Role::Other) {
            if let Some(r) = order.next() {
                *role = r;
            }
        }
    }
    // One figure per row under no heading, in a table titled as a budget
    // ("Resultatbudget", "Driftbudget 2023"): the figures are that budget.
    // One figure per unit ("Kommun | Kronor per elev"): the units' outcome.
    if let [j] = numeric[..] {
        if roles[j] == Role::Other {
            if named[j].is_none() && raw.title.as_ref().is_some_and(|(t, _)| names_a_budget(t)) {
                roles[j] = Role::Budget;
            } else if raw
                .headings
                .first()
                .is_some_and(|h| headings::names_kinds_of_units(h))
            {
                // Even a key figure ("Kronor per invånare"): it is what
                // the units are compared by.
                roles[j] = Role::Outcome;
            }
        }
    }
    outcome_from_arithmetic(raw, &mut roles, &mut guessed);
    // Gross income or costs beside the net figure under one role ("Budget
    // 2019 Intäkter | Kostnader | Nettokostnad"): the net is compared, the
    // gross figures are other numbers.
    let key = |j: usize| {
        raw.headings
            .get(j)
            .map(|h| headings::compact(h))
            .unwrap_or_default()
    };
    let gross = |j: usize| {
        let k = key(j);
        (k.contains("intäkt") || k.contains("kostnad")) && !k.contains("netto")
    };
    for j in 0..roles.len() {
        let role = roles[j];
        let compared = matches!(
            role,
            Role::Outcome | Role::PriorOutcome | Role::Budget | Role::AnnualBudget | Role::Forecast
        );
        if compared
            && gross(j)
            && (0..roles.len()).any(|k| roles[k] == role && key(k).contains("netto"))
        {
            roles[j] = Role::Other;
        }
    }
    // A share printed without "%" ("Ägarfördelning" over 10,44 ... and a
    // total of 100,00): the parts add up to the whole hundred.
    for j in 0..width {
        if roles[j] == Role::Other
            && stats[j].percents == 0
            && {
                let k = key(j);
                k.contains("fördelning") || k.contains("andel")
            }
            && adds_up_to_a_hundred(&sample_numbers(raw, j, usize::MAX))
        {
            roles[j] = Role::StatedPercent;
        }
    }
    resolve_years(raw, &mut roles, choices.year_pasted);
    // A part year's accounts ("Delårsbokslut", "Delårs bokslut") beside
    // plain "Bokslut": the year is not closed, so the plain accounts are
    // the last year's, and the part year's are the outcome.
    let part = (0..width).find(|j| key(*j) == "delårsbokslut");
    if let (Some(p), Some(w)) = (part, (0..width).find(|j| key(*j) == "bokslut")) {
        roles[p] = Role::Outcome;
        roles[w] = Role::PriorOutcome;
    }
    year_budget_of_a_whole_year(raw, &mut roles);
    budget_beside_a_years_forecast(raw, &mut roles);
    changes_against_a_missing_year(raw, &mut roles);
    roles_from_arithmetic(raw, &mut roles, &mut guessed);
    // Outcomes under a title naming deviations ("Budgetavvikelser, mkr"
    // over "Bokslut 2018 | Bokslut 2017"), with nothing to compare them
    // with: the headings date the figures, the title says what they are,
    // the latest year's deviation and earlier years' as history.
    let compared_with = |r: &Role| {
        matches!(
            r,
            Role::Budget | Role::AnnualBudget | Role::Forecast | Role::StatedVariance
        )
    };
    if !roles.iter().any(compared_with)
        && raw.title.as_ref().is_some_and(|(t, _)| names_deviations(t))
    {
        for role in roles.iter_mut() {
            match role {
                Role::Outcome => *role = Role::StatedVariance,
                Role::PriorOutcome => *role = Role::Other,
                _ => {}
            }
        }
    }
    // A result far smaller than the allocation beside it, with no
    // deviation column ("Kommunbidrag | Intäkter | Kostnader | Årets
    // resultat"): the result against the allocation, its deviation.
    let find = |r: Role| roles.iter().position(|x| *x == r);
    let size = |j: usize| {
        let values = sample_numbers(raw, j, 60).into_iter().flatten();
        values.fold(Decimal::ZERO, |s, d| s.saturating_add(d.abs()))
    };
    let (outcome, budget) = (find(Role::Outcome), find(Role::Budget));
    if let (Some(o), Some(b), None) = (outcome, budget, find(Role::StatedVariance)) {
        if key(o).contains("resultat") && size(o).saturating_mul(Decimal::from(4)) < size(b) {
            roles[o] = Role::StatedVariance;
        }
    }
    // A time series (every row a year, a five-year overview) with nothing
    // to compare with (no budget, forecast or deviation): its measures are
    // key figures of their years. Only the year's result, named so and
    // alone, stays the outcome; a statement turned back (several result
    // lines, a net cost, a result before tax) has none.
    let series = !raw.rows.is_empty()
        && raw
            .rows
            .iter()
            .all(|r| r.cells.first().is_some_and(|c| is_year_heading(&c.text)));
    let compared = roles.iter().any(|r| {
        matches!(
            r,
            Role::Budget | Role::AnnualBudget | Role::Forecast | Role::StatedVariance
        )
    });
    let outcomes: Vec<usize> = (0..roles.len())
        .filter(|j| roles[*j] == Role::Outcome)
        .collect();
    let years_result = |j: &usize| {
        raw.headings
            .get(*j)
            .is_some_and(|h| headings::compact(h).contains("åretsresultat"))
    };
    if series && !compared && !(outcomes.len() == 1 && outcomes.iter().all(years_result)) {
        for j in outcomes {
            roles[j] = Role::Other;
        }
    }
    for (j, role) in choices.roles.iter() {
        if let Some(slot) = roles.get_mut(*j) {
            *slot = *role;
            guessed[*j] = false;
        }
    }
    (roles, guessed)
}

/// Columns that differ only by year: the latest year keeps the role, an
/// earlier outcome is the prior year's, an earlier deviation is history.
/// Two otherwise unknown columns "Antal listade dec 2020 / 2021" become
/// prior outcome and outcome.
fn resolve_years(raw: &RawTable<'_>, roles: &mut [Role], year_pasted: Option<u16>) {
    let years: Vec<Option<u16>> = (0..roles.len())
        .map(|j| raw.headings.get(j).and_then(|h| year_of(h)))
        .collect();
    let undated_stem = |j: usize| -> String {
        raw.headings
            .get(j)
            .map(|h| {
                headings::compact(h)
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect()
            })
            .unwrap_or_default()
    };
    for role in [
        Role::Outcome,
        Role::StatedVariance,
        Role::AnnualBudget,
        Role::Budget,
    ] {
        let cols: Vec<usize> = (0..roles.len()).filter(|j| roles[*j] == role).collect();
        if cols.len() < 2 {
            continue;
        }
        // The same heading bare and with a year ("Avvikelse | Avvikelse
        // 2017", "Utfall | Utfall 2020"): reports leave their own period
        // bare and date the year they compare with, so the dated column is
        // the earlier year's.
        for &j in &cols {
            let bare_twin = years[j].is_some()
                && cols
                    .iter()
                    .any(|&k| k != j && years[k].is_none() && undated_stem(k) == undated_stem(j));
            // A budget or deviation heading repeated with its neighbour (two
            // stacked blocks turned: operations, then investments, each with
            // "Budget | Budgetavvikelse"): the first block keeps the role.
            let h = |k: usize| raw.headings.get(k);
            let block = |k: usize| h(k + 1) == h(j + 1) || k > 0 && h(k - 1) == h(j - 1);
            // An outcome heading repeated bare, not as a block ("Utfall
            // Årsbudget Resultat Utfall Utfall", the years lost): the
            // table's own period comes first, the repeats are earlier years.
            let repeat = cols.iter().any(|&k| {
                k < j
                    && h(k) == h(j)
                    && if role == Role::Outcome {
                        years[j].is_none() && !block(k)
                    } else {
                        block(k)
                    }
            });
            if bare_twin || repeat {
                roles[j] = if role == Role::Outcome {
                    Role::PriorOutcome
                } else {
                    Role::Other
                };
            }
        }
        let cols: Vec<usize> = cols.into_iter().filter(|j| roles[*j] == role).collect();
        if cols.len() < 2 {
            continue;
        }
        let Some(latest) = cols.iter().filter_map(|j| years[*j]).max() else {
            continue;
        };
        for j in cols {
            if years[j].is_some_and(|y| y < latest) {
                roles[j] = if role == Role::Outcome {
                    Role::PriorOutcome
                } else {
                    Role::Other
                };
            }
        }
    }
    // Outcomes of one month and of the period up to it ("Utfall maj 2017 |
    // Utfall jan-maj 2017", "Utfall månad | Ack. utfall"): monthly reports
    // print both, and the accumulated one is the period's outcome; the
    // month's own is another number.
    let accumulated = |j: usize| {
        let heading = raw.headings.get(j).map_or("", String::as_str);
        headings::compact(heading).contains("ack") || months_of(heading).is_some()
    };
    let outcomes: Vec<usize> = (0..roles.len())
        .filter(|j| roles[*j] == Role::Outcome)
        .collect();
    if outcomes.len() >= 2 && outcomes.iter().any(|j| accumulated(*j)) {
        for j in outcomes {
            let heading = raw.headings.get(j).map_or("", String::as_str);
            let one_month = headings::compact(heading).contains("månad")
                || heading
                    .split(|c: char| !crate::latin::is_letter(c))
                    .any(|w| headings::month_of_word(w).is_some());
            if !accumulated(j) && one_month {
                roles[j] = Role::Other;
            }
        }
    }
    // Two outcome columns of the latest year under group headings
    // ("Kommunen Utfall 2017 | ... | Sammanställd redovisning Utfall 2017"):
    // the table's own group keeps the outcome (the municipality's, else
    // the first); the other group's columns are other numbers.
    let outcomes: Vec<usize> = (0..roles.len())
        .filter(|j| roles[*j] == Role::Outcome)
        .collect();
    if outcomes.len() >= 2 {
        let group = |j: usize| {
            let heading = raw.headings.get(j).map_or("", String::as_str);
            let words: Vec<&str> = heading.split_whitespace().collect();
            // The words before the figure's own name.
            let own = words
                .iter()
                .position(|w| role_of(w).is_some_and(Role::is_numeric))
                .unwrap_or(0);
            headings::compact(&words.get(..own).unwrap_or(&[]).join(" "))
        };
        let first = outcomes.first().copied().unwrap_or(0);
        let groups_differ = outcomes.iter().any(|j| group(*j) != group(first));
        if groups_differ {
            let own = outcomes
                .iter()
                .copied()
                .find(|j| group(*j).contains("kommun") && !group(*j).contains("koncern"))
                // A group heading over the year's columns ("Varav årets
                // investeringar") beside a project's lifetime.
                .or_else(|| {
                    let over = |g: &str| (0..roles.len()).filter(|k| group(*k) == g).count();
                    outcomes
                        .iter()
                        .copied()
                        .find(|j| group(*j).contains("årets") && over(&group(*j)) > 1)
                })
                .unwrap_or(first);
            let own_group = group(own);
            for (j, role) in roles.iter_mut().enumerate() {
                if matches!(
                    role,
                    Role::Outcome | Role::PriorOutcome | Role::StatedVariance
                ) && group(j) != own_group
                {
                    *role = Role::Other;
                }
            }
        }
    }
    // Columns that no word names but a year does: "2021 | 2020", "Kommunen
    // 2021 | Kommunen 2020 | Koncernen 2021 | Koncernen 2020", "Antal
    // listade dec 2020 | 2021". The first group of such columns (same words
    // but the year) is the table's own figure over the years: its latest year
    // is the outcome and its earlier years prior outcomes. Other groups (the
    // group of companies beside the municipality) stay other numbers. A year
    // is never a figure of the table, and a year later than every other
    // heading's is a plan, not an outcome, when the table also has a budget.
    if !roles.contains(&Role::Outcome) {
        let stem = |j: usize| {
            raw.headings
                .get(j)
                .map(|h| {
                    headings::compact(h)
                        .chars()
                        .filter(|c| !c.is_ascii_digit())
                        .collect::<String>()
                })
                .unwrap_or_default()
        };
        // Under a title naming a budget or a plan ("Investeringsbudget
        // 2025–2029 | 2025 | 2026 | ...") the years are the budget's year
        // and the plan's years after it: nothing is an outcome.
        let planned = raw
            .title
            .as_ref()
            .is_some_and(|(t, _)| names_a_budget_or_plan(t));
        // A plan's years ("Plan 2025 | Plan 2026") are no outcome series,
        // nor are years still to come when the table was pasted (a budget
        // bill's "2026 | 2027 | 2028" pasted in 2025).
        let dated: Vec<usize> = (0..roles.len())
            .filter(|j| {
                roles[*j] == Role::Other
                    && years[*j].is_some()
                    && (planned || !later_than_paste(years[*j], year_pasted))
                    && !raw
                        .headings
                        .get(*j)
                        .is_some_and(|h| headings::names_a_plan(h))
            })
            .collect();
        // The municipality's own columns before its group of companies'
        // ("Kommunen" beside "Kommunkoncernen"), wherever the report puts
        // them; a company's report has its group ("Koncernen") first.
        let municipality = |j: usize| {
            let s = stem(j);
            s.contains("kommun") && !s.contains("koncern")
        };
        let first = dated.iter().find(|j| municipality(**j)).or(dated.first());
        if let Some(&first) = first {
            let group: Vec<usize> = dated
                .iter()
                .copied()
                .filter(|j| stem(*j) == stem(first))
                .collect();
            // Built by insertion: `collect` into a set sorts, and every sort
            // instantiation costs download size (see `crate::order`).
            let mut distinct = std::collections::BTreeSet::new();
            for y in group.iter().filter_map(|j| years[*j]) {
                distinct.insert(y);
            }
            if group.len() >= 2 && distinct.len() == group.len() {
                let first_year = distinct.iter().next().copied();
                let latest = distinct.iter().next_back().copied();
                for j in group {
                    roles[j] = match (planned, years[j]) {
                        (true, y) if y == first_year => Role::Budget,
                        (true, _) => Role::Other,
                        (false, y) if y == latest => Role::Outcome,
                        (false, _) => Role::PriorOutcome,
                    };
                }
            }
        }
    }
    // One prior outcome: the latest earlier year ("2016 | 2015 | 2014": 2015);
    // the years before it are other numbers. A series of four years or more
    // per unit ("Kommun | 2010 | ... | 2020") is the units' history: every
    // earlier year is a prior outcome.
    let priors = roles.iter().filter(|r| **r == Role::PriorOutcome).count();
    if priors >= 3
        && raw
            .headings
            .first()
            .is_some_and(|h| headings::names_kinds_of_units(h))
    {
        return;
    }
    let prior = (0..roles.len())
        .filter(|j| roles.get(*j) == Some(&Role::PriorOutcome))
        .filter_map(|j| years.get(j).copied().flatten())
        .max();
    if let Some(prior) = prior {
        for (j, role) in roles.iter_mut().enumerate() {
            if *role == Role::PriorOutcome
                && years.get(j).copied().flatten().is_some_and(|y| y < prior)
            {
                *role = Role::Other;
            }
        }
    }
}

/// One plain budget beside a forecast for the year, under an outcome of
/// part of the year ("Resultat januari augusti | Prognos för resultat helår
/// | Budget") or none: the year's budget, which the forecast is compared
/// with, not the period's.
fn budget_beside_a_years_forecast(raw: &RawTable<'_>, roles: &mut [Role]) {
    let heading = |j: usize| raw.headings.get(j).map_or("", String::as_str);
    let of = |role: Role| -> Vec<usize> {
        (0..roles.len())
            .filter(|j| roles.get(*j) == Some(&role))
            .collect()
    };
    // With no outcome at all, the forecast is the table's only view of
    // the year, made part of the way through it ("Helårsprognos utifrån
    // utfallet t o m augusti | Budgeterat helårsresultat").
    let outcomes = of(Role::Outcome);
    let part_year_outcome = if outcomes.is_empty() {
        raw.headings.iter().any(|h| names_part_of_year(h))
            || matches!(months_of(&raw.context), Some(1..=11))
    } else {
        outcomes.iter().any(|j| names_part_of_year(heading(*j)))
    };
    let forecasts = of(Role::Forecast);
    if let ([budget], true, [forecast, ..], []) = (
        of(Role::Budget).as_slice(),
        part_year_outcome,
        forecasts.as_slice(),
        of(Role::AnnualBudget).as_slice(),
    ) {
        // A budget of another year than the forecast's is next year's.
        let years = (year_of(heading(*budget)), year_of(heading(*forecast)));
        let other_year = matches!(years, (Some(b), Some(f)) if b != f);
        if !names_part_of_year(heading(*budget)) && !other_year {
            if let Some(slot) = roles.get_mut(*budget) {
                *slot = Role::AnnualBudget;
            }
        }
    }
}

/// Whether a heading (or the text above a table) says that a figure covers
/// part of a year: "Ack. utfall", "Utfall jan-aug", "Utfall 8 mån",
/// "Utfall maj 2017", "Tertial 2", "Delår", "hittills".
fn names_part_of_year(text: &str) -> bool {
    if matches!(months_of(text), Some(1..=11)) {
        return true;
    }
    let key = headings::compact(text);
    if ["ack", "hittills", "delår", "tertial", "period"]
        .iter()
        .any(|w| key.contains(w))
    {
        return true;
    }
    // A month other than December names a month or a period ending there.
    text.split(|c: char| !crate::latin::is_letter(c))
        .any(|w| headings::month_of_word(w).is_some_and(|m| m < 12))
}

/// A year's budget ("Budget 2019", "BUDGET 2013") is the budget of the
/// period the table covers when nothing in the table covers part of a
/// year: an annual report's income statement or operating statement
/// ("Utfall 2019 | Utfall 2018 | Budget 2019 | Avvikelse") compares the
/// year's outcome with the year's budget, and a budget document ("Bokslut
/// 2019 | Budget 2020 | Budget 2021 | Plan 2022") sets the year's budget
/// beside the last closed year. Only where the table shows part of a year
/// (an accumulated or month-dated outcome, a period budget, a full-year
/// forecast, or months 1 to 11 in the text above) is it the annual budget,
/// with what remains of it instead of a deviation. "Årsbudget" and
/// "Helårsbudget" always name the annual budget. In a budget document the
/// outcome of a year before the budget's is the prior year's outcome.
fn year_budget_of_a_whole_year(raw: &RawTable<'_>, roles: &mut [Role]) {
    let heading = |j: usize| raw.headings.get(j).map_or("", String::as_str);
    // A plain budget word with a year: the heading without its digits names
    // a budget, not an annual one.
    let year_budget = |j: usize| {
        let words: String = heading(j).chars().filter(|c| !c.is_ascii_digit()).collect();
        role_of(&words) == Some(Role::Budget)
    };
    let Some(budget) =
        (0..roles.len()).find(|j| roles.get(*j) == Some(&Role::AnnualBudget) && year_budget(*j))
    else {
        return;
    };
    let Some(year) = year_of(heading(budget)) else {
        return;
    };
    // A forecast of an earlier year (this year's, beside next year's
    // budget in a budget document) says nothing of the budget's year.
    let earlier_forecast =
        |j: usize, r: &Role| *r == Role::Forecast && year_of(heading(j)).is_some_and(|y| y < year);
    // An other number's period (a project's "Ack. Utfall") is not the table's.
    let part_year = roles.iter().enumerate().any(|(j, r)| {
        matches!(r, Role::Budget | Role::PreviousForecast | Role::Forecast)
            && !earlier_forecast(j, r)
    }) || roles.iter().enumerate().any(|(j, r)| {
        *r != Role::Other
            && r.is_numeric()
            && !earlier_forecast(j, r)
            && names_part_of_year(heading(j))
    }) || raw
        .title
        .as_ref()
        .is_some_and(|(t, _)| names_part_of_year(t))
        || matches!(months_of(&raw.context), Some(1..=11));
    if part_year {
        return;
    }
    let outcome_years: Vec<Option<u16>> = (0..roles.len())
        .filter(|j| roles.get(*j) == Some(&Role::Outcome))
        .map(|j| year_of(heading(j)))
        .collect();
    // The outcome is of another, later year: the budget is not its.
    if outcome_years.iter().any(|y| y.is_some_and(|y| y > year)) {
        return;
    }
    // A change stated up to the outcome's year ("Förändring 2017–2018")
    // makes that closed year the table's: a later year's budget beside it
    // is next year's plan, another number (no budget document).
    let closed = outcome_years.iter().flatten().max().map(u16::to_string);
    let compares_closed = closed.is_some_and(|y| {
        (0..roles.len()).any(|j| {
            matches!(
                roles.get(j),
                Some(Role::StatedVariance | Role::StatedPercent)
            ) && heading(j).contains(&y)
        })
    });
    if let Some(slot) = roles.get_mut(budget) {
        if compares_closed {
            *slot = Role::Other;
            return;
        }
        *slot = Role::Budget;
    }
    // A budget document: every outcome is of an earlier year. The latest of
    // them is the prior year's, any older one another number.
    if !outcome_years.is_empty() && outcome_years.iter().all(|y| y.is_some_and(|y| y < year)) {
        let latest = outcome_years.iter().flatten().max().copied();
        for (j, role) in roles.iter_mut().enumerate() {
            if *role == Role::Outcome {
                *role = if year_of(heading(j)) == latest {
                    Role::PriorOutcome
                } else {
                    Role::Other
                };
            } else if *role == Role::PriorOutcome {
                *role = Role::Other;
            }
        }
    }
}

/// A change since an earlier year ("Förändring 2012/2013", "Förändring
/// jämfört med maj 2016") whose earlier year no column of the table shows:
/// nothing in the table recomputes it, so it is another number, not a
/// deviation to check. Reports print such changes beside the year's
/// outcome without the earlier year's figure.
fn changes_against_a_missing_year(raw: &RawTable<'_>, roles: &mut [Role]) {
    let heading = |j: usize| raw.headings.get(j).map_or("", String::as_str);
    let is_change = |j: usize| {
        let key = headings::compact(heading(j));
        ["förändr", "utveckl", "jämfört", "ökning", "minskning"]
            .iter()
            .any(|w| key.contains(w))
            && !["avvik", "budget", "prognos"]
                .iter()
                .any(|w| key.contains(w))
    };
    let shown = |year: u16| {
        (0..roles.len()).any(|k| {
            roles.get(k).is_some_and(|r| {
                r.is_amount() && !matches!(r, Role::StatedVariance | Role::StatedPercent)
            }) && year_of(heading(k)) == Some(year)
        })
    };
    let unchecked: Vec<usize> = (0..roles.len())
        .filter(|j| roles.get(*j) == Some(&Role::StatedVariance) && is_change(*j))
        .filter(|j| year_of(heading(*j)).is_some_and(|y| !shown(y)))
        .collect();
    for j in unchecked {
        if let Some(slot) = roles.get_mut(j) {
            *slot = Role::Other;
        }
    }
}

/// How a stated figure may follow from two others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// `c = a − b`
    Minus,
    /// `c = b − a`
    MinusReversed,
    /// `c = a + b`
    Plus,
}

/// The numbers of a column for a sample of rows, as the reader will read
/// them (decimal comma first, then point).
fn sample_numbers(raw: &RawTable<'_>, column: usize, rows: usize) -> Vec<Option<Decimal>> {
    raw.rows
        .iter()
        .take(rows)
        .map(|row| {
            let text = row.cells.get(column)?.text.as_ref();
            [DecimalMark::Comma, DecimalMark::Point]
                .into_iter()
                .find_map(|mark| match number::read_number(text, mark) {
                    Ok(Reading::Number(n)) if !n.percent => Some(n.value),
                    _ => None,
                })
        })
        .collect()
}

/// Whether the last of `values` is 100 and the others add up to it within
/// the rounding of the parts (half a unit of each one's last decimal).
fn adds_up_to_a_hundred(values: &[Option<Decimal>]) -> bool {
    let values: Vec<Decimal> = values.iter().flatten().copied().collect();
    let Some((last, parts)) = values.split_last() else {
        return false;
    };
    let (mut sum, mut tolerance) = (Some(Decimal::ZERO), Some(Decimal::ZERO));
    for part in parts {
        sum = sum.and_then(|s| s.add_exact(*part));
        tolerance = tolerance.and_then(|t| t.add_exact(half_unit(*part)));
    }
    let off = sum.and_then(|s| s.sub_exact(Decimal::ONE_HUNDRED));
    parts.len() >= 2
        && *last == Decimal::ONE_HUNDRED
        && off.zip(tolerance).is_some_and(|(off, t)| off.abs() <= t)
}

/// Whether `c` follows from `a` and `b` by `relation` on nine rows in ten of
/// those holding all three (at least two such rows, not all zero), within
/// the rounding of the figures shown.
fn relation_holds(
    c: &[Option<Decimal>],
    a: &[Option<Decimal>],
    b: &[Option<Decimal>],
    relation: Relation,
) -> bool {
    let mut tested = 0usize;
    let mut held = 0usize;
    let mut non_zero = false;
    for ((c, a), b) in c.iter().zip(a).zip(b) {
        let (Some(c), Some(a), Some(b)) = (c, a, b) else {
            continue;
        };
        let expected = match relation {
            Relation::Minus => a.sub_exact(*b),
            Relation::MinusReversed => b.sub_exact(*a),
            Relation::Plus => a.add_exact(*b),
        };
        let Some(expected) = expected else {
            continue;
        };
        tested += 1;
        non_zero |= !c.is_zero();
        // Three half units of at most 0.5 each cannot overflow; the
        // difference of two large amounts can, and then the row fails.
        // (Summed by `Exact`: the `+` operator is a copy of the add
        // algorithm of its own in the browser build.)
        let tolerance = half_unit(*c)
            .add_saturating(half_unit(*a))
            .add_saturating(half_unit(*b));
        if c.sub_exact(expected).is_some_and(|d| d.abs() <= tolerance) {
            held += 1;
        }
    }
    tested >= 2 && non_zero && held * 10 >= tested * 9
}

/// The outcome under a heading no word names ("Netto" between "Kostnader"
/// and "Budget", "2023 Netto" under a year group): the column that, with a
/// budget or forecast, gives the stated deviation. The same figure of an
/// earlier year's group ("2022 Netto": the heading but the year) is the
/// prior outcome. Only when no column is named the outcome.
fn outcome_from_arithmetic(raw: &RawTable<'_>, roles: &mut [Role], guessed: &mut [bool]) {
    const SAMPLE: usize = 400;
    /// Wider tables are left to the words: the search is cubic in columns.
    const MAX_WIDTH: usize = 64;
    let width = roles.len();
    if roles.contains(&Role::Outcome) || width > MAX_WIDTH {
        return;
    }
    let is_reference = |r: Role| matches!(r, Role::Budget | Role::AnnualBudget | Role::Forecast);
    let numbers: Vec<Vec<Option<Decimal>>> = (0..width)
        .map(|j| match roles.get(j) {
            Some(Role::StatedVariance | Role::Other) => sample_numbers(raw, j, SAMPLE),
            Some(r) if is_reference(*r) => sample_numbers(raw, j, SAMPLE),
            _ => Vec::new(),
        })
        .collect();
    let mut found = None;
    'search: for v in (0..width).filter(|v| roles[*v] == Role::StatedVariance) {
        for b in (0..width).filter(|b| is_reference(roles[*b])) {
            for a in (0..width).filter(|a| roles[*a] == Role::Other) {
                if [Relation::Minus, Relation::MinusReversed]
                    .into_iter()
                    .any(|r| relation_holds(&numbers[v], &numbers[a], &numbers[b], r))
                {
                    found = Some(a);
                    break 'search;
                }
            }
        }
    }
    let Some(a) = found else {
        return;
    };
    roles[a] = Role::Outcome;
    guessed[a] = false;
    let heading = |j: usize| raw.headings.get(j).map_or("", String::as_str);
    let stem = |j: usize| -> String {
        headings::compact(heading(j))
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect()
    };
    let (Some(year), own) = (year_of(heading(a)), stem(a)) else {
        return;
    };
    let prior = (0..width)
        .filter(|j| roles[*j] == Role::Other && stem(*j) == own)
        .filter_map(|j| year_of(heading(j)).filter(|y| *y < year).map(|y| (y, j)))
        .max();
    if let Some((_, j)) = prior {
        roles[j] = Role::PriorOutcome;
        guessed[j] = false;
    }
}

/// The table's own arithmetic as evidence for roles its words leave open.
/// A column that equals an outcome column minus (or plus) a budget or
/// forecast column is the deviation the report states, whatever its heading
/// says ("Årets resultat" beside "Nettokostnad" and "Kommunbidrag", a bare
/// "Diff"); a column that, with the outcome, reproduces a stated deviation
/// is that deviation's budget. Words are the prior, the arithmetic decides.
fn roles_from_arithmetic(raw: &RawTable<'_>, roles: &mut [Role], guessed: &mut [bool]) {
    const SAMPLE: usize = 400;
    let is_reference = |r: Role| matches!(r, Role::Budget | Role::AnnualBudget | Role::Forecast);
    let numbers: Vec<Vec<Option<Decimal>>> = (0..roles.len())
        .map(|j| {
            if roles[j].is_numeric() && roles[j] != Role::StatedPercent {
                sample_numbers(raw, j, SAMPLE)
            } else {
                Vec::new()
            }
        })
        .collect();
    let relations = [Relation::Minus, Relation::MinusReversed, Relation::Plus];
    let follows = |c: usize, a: usize, b: usize| {
        relations
            .iter()
            .any(|r| relation_holds(&numbers[c], &numbers[a], &numbers[b], *r))
    };
    let follows_plus = |c: usize, a: usize, b: usize| {
        relation_holds(&numbers[c], &numbers[a], &numbers[b], Relation::Plus)
    };
    let width = roles.len();
    let magnitude = |j: usize| -> Decimal {
        numbers[j]
            .iter()
            .flatten()
            .fold(Decimal::ZERO, |sum, v| sum.add_saturating(v.abs()))
    };
    // A deviation stated under another name. Of two columns that each
    // follow from the other (net = result − allocation, result = net +
    // allocation), the deviation is the smaller: it is the difference of
    // figures larger than itself.
    for c in 0..width {
        // A column its heading names a deviation and other rules made other
        // (another group's) is no deviation under another name.
        let named_deviation =
            raw.headings.get(c).and_then(|h| role_of(h)) == Some(Role::StatedVariance);
        if !matches!(roles[c], Role::Other | Role::Outcome)
            || numbers[c].is_empty()
            || named_deviation
        {
            continue;
        }
        let stated = (0..width).any(|a| {
            a != c
                && roles[a] == Role::Outcome
                && magnitude(c) < magnitude(a)
                && (0..width)
                    .any(|b| b != c && b != a && is_reference(roles[b]) && follows(c, a, b))
        });
        if stated {
            roles[c] = Role::StatedVariance;
            guessed[c] = false;
        }
    }
    // Two columns named as the same figure ("Utfall nov" beside "Utfall
    // 12-mån", "Differens" beside "Ack. diff."): the one the table's
    // arithmetic ties to the others (deviation = outcome − reference) is
    // that figure; the others are other numbers. Nothing changes when no
    // column, or every column, is tied.
    let tied = |roles: &[Role], c: usize, a: usize| {
        (0..width).any(|b| {
            b != c
                && b != a
                && (is_reference(roles[b]) || roles[b] == Role::PriorOutcome)
                && follows(c, a, b)
        })
    };
    // A deviation whose heading names what it is measured against
    // ("Prognostiserad avvikelse mot årsbudget" with no forecast shown)
    // cannot be tied, and stays; a bare one ("Ack. diff.", "Avvikelse
    // 2017", "Förändring 2012/2013") is another period's.
    let names_reference = |j: usize| {
        let key = raw.headings.get(j).map(|h| headings::compact(h));
        key.is_some_and(|k| {
            [
                "budget", "prognos", "ram", "bidrag", "utfall", "resultat", "anslag",
            ]
            .iter()
            .any(|w| k.contains(w))
        })
    };
    // The search is cubic in columns: wider tables keep their words.
    const MAX_TIED_WIDTH: usize = 64;
    for role in [Role::Outcome, Role::StatedVariance] {
        let cols: Vec<usize> = (0..width).filter(|j| roles[*j] == role).collect();
        if cols.len() < 2 || width > MAX_TIED_WIDTH {
            continue;
        }
        let now: &[Role] = roles;
        let confirmed: Vec<bool> = cols
            .iter()
            .map(|&j| {
                if role == Role::Outcome {
                    (0..width).any(|c| c != j && now[c] == Role::StatedVariance && tied(now, c, j))
                } else {
                    // A forecast's deviation from the annual budget beside
                    // the period's is the table's too.
                    (0..width).any(|a| {
                        a != j
                            && matches!(now[a], Role::Outcome | Role::Forecast)
                            && tied(now, j, a)
                    })
                }
            })
            .collect();
        if confirmed.contains(&true) && confirmed.contains(&false) {
            for (j, ok) in cols.iter().zip(&confirmed) {
                if !ok && (role == Role::Outcome || !names_reference(*j)) {
                    if let Some(r) = roles.get_mut(*j) {
                        *r = Role::Other;
                    }
                }
            }
        }
    }
    // A budget built from parts ("Urspr budget + Ombudget = Budget 2023"):
    // the budget column that is the sum of two others is the budget, of
    // the kind its parts name; the parts are other numbers. Not the gross
    // figures of one budget (costs = income + net cost).
    let gross = |j: usize| {
        let key = raw.headings.get(j).map(|h| headings::compact(h));
        key.is_some_and(|k| ["intäkt", "kostnad", "netto"].iter().any(|w| k.contains(w)))
    };
    let budget = |r: Role| matches!(r, Role::Budget | Role::AnnualBudget);
    for c in (0..width).filter(|c| budget(roles[*c]) && !gross(*c)) {
        let parts = (0..width)
            .flat_map(|a| (a + 1..width).map(move |b| (a, b)))
            .find(|&(a, b)| {
                a != c && b != c && budget(roles[a]) && budget(roles[b]) && follows_plus(c, a, b)
            });
        if let Some((a, b)) = parts {
            if roles[a] == Role::Budget || roles[b] == Role::Budget {
                roles[c] = Role::Budget;
            }
            roles[a] = Role::Other;
            roles[b] = Role::Other;
            break;
        }
    }
    // A bare deviation that repeats an earlier one in every row (the
    // accumulated difference in the first month after a forecast) is the
    // later period's: the first is the table's deviation.
    for j in 0..width {
        if roles[j] != Role::StatedVariance || names_reference(j) || numbers[j].is_empty() {
            continue;
        }
        let repeats = (0..j).any(|k| {
            roles[k] == Role::StatedVariance
                && numbers[k] == numbers[j]
                && numbers[j].iter().filter(|v| v.is_some()).count() >= 2
        });
        if repeats {
            roles[j] = Role::Other;
        }
    }
    // The budget of a stated deviation, under a heading no word names. In a
    // forecast-accuracy table ("Prognosavvikelse", "Prognossäkerhet") the
    // year's outcome is compared with the forecast an earlier report made,
    // and that column is headed by the report or its period ("Delårsrapport
    // jan-aug", "Tertial 2", "Augusti") beside the outcome of the whole
    // year: it is the forecast.
    let outcome = roles.iter().position(|r| *r == Role::Outcome);
    let has_reference = roles.iter().any(|r| is_reference(*r));
    let heading = |j: usize| raw.headings.get(j).map_or("", String::as_str);
    let about_forecast = |text: &str| headings::compact(text).contains("prognos");
    if let (Some(a), false) = (outcome, has_reference) {
        for v in (0..width).filter(|v| roles[*v] == Role::StatedVariance) {
            if let Some(b) = (0..width)
                .find(|b| roles[*b] == Role::Other && !numbers[*b].is_empty() && follows(v, a, *b))
            {
                let earlier_report =
                    names_part_of_year(heading(b)) && !names_part_of_year(heading(a));
                let forecast_table = about_forecast(heading(v))
                    || raw.title.as_ref().is_some_and(|(t, _)| about_forecast(t));
                roles[b] = if earlier_report || forecast_table {
                    Role::Forecast
                } else {
                    Role::Budget
                };
                guessed[b] = false;
                break;
            }
        }
    }
}

/// The table's unit: the user's choice, a heading or the title, else the
/// unit most cells carry.
fn decide_unit(
    raw: &RawTable<'_>,
    choices: &ReadChoices,
    amount_columns: &[usize],
) -> Option<Unit> {
    if let Some(choice) = choices.unit {
        return choice;
    }
    if let Some(u) = raw.headings.iter().find_map(|h| unit_of(h)) {
        return Some(u);
    }
    if let Some(u) = raw.title.as_ref().and_then(|(t, _)| unit_of(t)) {
        return Some(u);
    }
    // A title line further up ("Resultaträkning 2018 (MKR)" above a note
    // line): the lines above the table, each on its own.
    if let Some(u) = raw.context.lines().find_map(unit_of) {
        return Some(u);
    }
    // A ratio over every figure, in the title or in each amount's heading
    // ("Kronor per elev"): the figures are kronor.
    let mut ratios = amount_columns.iter().map(|j| {
        raw.headings
            .get(*j)
            .and_then(|h| headings::ratio_unit_of(h))
    });
    let over_every = ratios
        .next()
        .flatten()
        .filter(|u| ratios.all(|r| r == Some(*u)));
    if let Some(u) = raw
        .title
        .as_ref()
        .and_then(|(t, _)| headings::ratio_unit_of(t))
        .or(over_every)
    {
        return Some(u);
    }
    // A row label may carry it: "Lönekostnad (40-41) (mnkr)"; not where
    // most cells are percentages: it is then that row's own (key figures).
    let mostly_percents = || {
        let cells = raw.rows.iter().flat_map(|r| r.cells.iter().skip(1));
        let percents = cells.clone().filter(|c| c.text.ends_with('%')).count();
        percents * 2 > cells.count()
    };
    if let Some(u) = raw
        .rows
        .iter()
        .filter_map(|r| r.cells.first())
        .find_map(|c| unit_of(&c.text))
        .filter(|_| !mostly_percents())
    {
        return Some(u);
    }
    // A row or column of unit words beside the figures ("Valuta | KSEK |
    // KSEK | KSEK"): two or more, all the same.
    let words: Vec<Unit> = raw
        .rows
        .iter()
        .take(60)
        .flat_map(|r| r.cells.iter().skip(1))
        .filter(|c| !c.text.bytes().any(|b| b.is_ascii_digit()))
        .filter_map(|c| unit_of(&c.text))
        .collect();
    if let [first, rest @ ..] = words.as_slice() {
        if !rest.is_empty() && rest.iter().all(|u| u == first) {
            return Some(*first);
        }
    }
    let mut counts: BTreeMap<u32, (usize, Unit)> = BTreeMap::new();
    for row in &raw.rows {
        for j in amount_columns {
            // A unit is a word ("tkr", "MSEK"): a cell of bare figures,
            // as nearly all are, carries none and is not read again.
            let Some(cell) = row
                .cells
                .get(*j)
                .filter(|c| c.text.bytes().any(|b| b.is_ascii_alphabetic()))
            else {
                continue;
            };
            for mark in [DecimalMark::Comma, DecimalMark::Point] {
                if let Ok(Reading::Number(n)) = number::read_number(&cell.text, mark) {
                    if let Some(u) = n.unit {
                        counts.entry(u.exponent()).or_insert((0, u)).0 += 1;
                    }
                    break;
                }
            }
        }
    }
    counts.values().max_by_key(|(n, _)| *n).map(|(_, u)| *u)
}

/// The words that make a row a total or a subtotal.
fn sum_kind(label: &str) -> Option<RowKind> {
    // Most labels start with another letter: skip the lowercasing for them.
    let first_letter = label
        .trim_start()
        .chars()
        .next()
        .map(|c| c.to_ascii_lowercase());
    let trimmed = label.trim_end();
    let ends_with = |suffix: &str| {
        trimmed
            .len()
            .checked_sub(suffix.len())
            .and_then(|at| trimmed.get(at..))
            .is_some_and(|t| t.eq_ignore_ascii_case(suffix))
    };
    let ends_net_cost = ends_with("nettokostnad") || ends_with("nettokostnader");
    if !matches!(
        first_letter,
        Some('s' | 't' | 'r' | 'b' | 'n' | 'v' | 'å' | 'Å')
    ) && !ends_net_cost
    {
        return None;
    }
    let lower = crate::latin::lowercase(label.trim().trim_end_matches(':').trim());
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next();
    let rest = second.is_some();
    // "Resultat från andelar i koncernföretag", "Resultat vid försäljning
    // av anläggningstillgångar": the result of a holding or a sale is an
    // income line of the statement, not a running result.
    if first == "resultat" && matches!(second, Some("från" | "av" | "vid")) {
        return None;
    }
    // "S:a" and "S: a" abbreviate "Summa".
    if (first == "s:a" && rest)
        || (first == "s:" && second == Some("a") && words.clone().next().is_some())
    {
        return Some(RowKind::Subtotal);
    }
    match first.trim_end_matches(':') {
        "summa" if rest => Some(RowKind::Subtotal),
        "summa" | "totalt" | "total" => Some(RowKind::Total),
        "resultat" | "budgetram" | "nettokostnad" => Some(RowKind::Total),
        _ if lower.ends_with("nettokostnad")
            || lower.ends_with("nettokostnader")
            || lower.starts_with("årets resultat")
            || (first == "årets" && second.is_some_and(|w| w.ends_with("resultat")))
            || lower.starts_with("totalt ")
            || lower == "resultat"
            // "Verksamhetens resultat", "Verksamhetens nettoresultat": the
            // running result of an income statement.
            || (first == "verksamhetens"
                && words.next().is_none()
                && second.is_some_and(|w| w.ends_with("resultat"))) =>
        {
            Some(RowKind::Total)
        }
        _ => None,
    }
}

/// Splits a footnote marker ("*", "**)", "*)") off the end of a label;
/// also a footnote number set as a superscript ("nettoutlåning³") or glued
/// as one digit to a long lowercase word ("nettoutlåning3", where the PDF
/// copy lost the superscript; "m2" and "CO2" stay).
fn split_note(label: &str) -> (String, Option<String>) {
    let trimmed = label.trim_end();
    let superscripts = trimmed
        .chars()
        .rev()
        .take_while(|c| headings::is_superscript(*c))
        .count();
    let glued_digit = {
        let mut rev = trimmed.chars().rev();
        rev.next().is_some_and(|c| c.is_ascii_digit())
            && rev.take(4).filter(|c| crate::latin::is_lower(*c)).count() == 4
            && trimmed.contains(' ')
    };
    if superscripts > 0 || glued_digit {
        let marks = if glued_digit { 1 } else { superscripts };
        let cut = trimmed
            .char_indices()
            .rev()
            .nth(marks - 1)
            .map_or(0, |(i, _)| i);
        if let (Some(text), Some(marker)) = (trimmed.get(..cut), trimmed.get(cut..)) {
            if !text.trim().is_empty() {
                return (text.trim_end().to_string(), Some(marker.to_string()));
            }
        }
    }
    let without_paren = trimmed.strip_suffix(')').unwrap_or(trimmed);
    let stars = without_paren.len() - without_paren.trim_end_matches('*').len();
    if stars == 0 {
        return (label.to_string(), None);
    }
    let cut = without_paren.len() - stars;
    let (text, marker) = trimmed.split_at(cut);
    let text = text.trim_end();
    if text.is_empty() {
        return (label.to_string(), None);
    }
    (text.to_string(), Some(marker.to_string()))
}

fn build(mut raw: RawTable<'_>, hints: Hints, choices: &ReadChoices) -> Table {
    let header_width = raw.headings.len();
    let content_width = raw
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .rposition(|c| !c.text.trim().is_empty())
                .map_or(0, |p| p + 1)
        })
        .max()
        .unwrap_or(0);
    let width = header_width.max(content_width).max(1);
    let (roles, guessed) = assign_roles(&raw, width, choices);
    let mut diagnostics = std::mem::take(&mut raw.diagnostics);

    for (j, g) in guessed.iter().enumerate() {
        if *g {
            diagnostics.push(Diagnostic {
                row: None,
                column: Some(j),
                line: None,
                seen: raw.headings.get(j).cloned().unwrap_or_default(),
                kind: DiagnosticKind::GuessedRole { role: roles[j] },
            });
        }
    }
    let amount_columns: Vec<usize> = (0..width).filter(|j| roles[*j].is_amount()).collect();
    let unit = decide_unit(&raw, choices, &amount_columns);
    if unit.is_none() && !amount_columns.is_empty() && choices.unit.is_none() {
        diagnostics.push(Diagnostic {
            row: None,
            column: None,
            line: None,
            seen: String::new(),
            kind: DiagnosticKind::UnitUnknown,
        });
    }
    let hint = match hints.decimal_separator {
        Some(',') => Some(DecimalMark::Comma),
        Some('.') => Some(DecimalMark::Point),
        _ => None,
    };
    let mut marks = vec![DecimalMark::Comma; width];
    // Only cells with a ',' or '.' say anything about the mark; a sample
    // of them decides it. A later cell that proves the other mark fails
    // to read and is flagged where it is read.
    const MARK_SAMPLE: usize = 500;
    let marked_cells = |j: usize| -> Vec<&str> {
        raw.rows
            .iter()
            .filter_map(|r| r.cells.get(j))
            .map(|c| c.text.as_ref())
            .filter(|t| t.contains([',', '.']))
            .take(MARK_SAMPLE)
            .collect()
    };
    let cells: Vec<Vec<&str>> = (0..width)
        .map(|j| {
            let free = roles[j].is_numeric() && !choices.decimal_marks.contains_key(&j);
            if free {
                marked_cells(j)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut decisions: Vec<_> = cells
        .iter()
        .map(|c| number::decide_decimal_mark(c.iter().copied(), hint))
        .collect();
    // A column that shows its mark speaks for the table's others: every
    // such column with the point ("-2.9%") makes "4,208" elsewhere a
    // thousand (an English edition turned on its side).
    let shown = || {
        decisions
            .iter()
            .zip(&cells)
            .filter(|(d, c)| !c.is_empty() && !d.guessed)
            .map(|(d, _)| d.mark)
    };
    let point =
        hint.is_none() && shown().next().is_some() && shown().all(|m| m == DecimalMark::Point);
    if point {
        for (d, c) in decisions.iter_mut().zip(&cells) {
            if d.guessed {
                *d = number::decide_decimal_mark(c.iter().copied(), Some(DecimalMark::Point));
            }
        }
    }
    for j in 0..width {
        if !roles[j].is_numeric() {
            continue;
        }
        if let Some(mark) = choices.decimal_marks.get(&j) {
            marks[j] = *mark;
            continue;
        }
        let (Some(decision), Some(cells)) = (decisions.get(j), cells.get(j)) else {
            continue;
        };
        marks[j] = decision.mark;
        if decision.guessed && !decision.ambiguous.is_empty() {
            diagnostics.push(Diagnostic {
                row: None,
                column: Some(j),
                line: None,
                seen: decision
                    .ambiguous
                    .first()
                    .and_then(|i| cells.get(*i))
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                kind: DiagnosticKind::GuessedDecimalMark {
                    mark: decision.mark,
                },
            });
        }
    }

    let label_col = roles.iter().position(|r| *r == Role::Label);
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut in_varav = false;
    let mut block_opened_by_heading = false;
    let mut items_since_sum = false;
    let raw_rows = std::mem::take(&mut raw.rows);
    for (i, mut raw_row) in raw_rows.into_iter().enumerate() {
        let found = raw_row
            .cells
            .iter()
            .rposition(|c| !c.text.trim().is_empty())
            .map_or(0, |p| p + 1);
        let mut cells = Vec::with_capacity(width);
        let mut has_number = false;
        for j in 0..width {
            let cell = if roles[j].is_numeric() {
                let text = raw_row.cells.get(j).map_or("", |c| c.text.as_ref());
                read_cell(
                    text,
                    marks[j],
                    roles[j],
                    unit,
                    i,
                    j,
                    raw_row.line,
                    &mut diagnostics,
                )
            } else {
                // Moved, not copied; grid cells are already trimmed.
                let text = raw_row
                    .cells
                    .get_mut(j)
                    .map(|c| std::mem::take(&mut c.text))
                    .unwrap_or_default();
                if text.trim().is_empty() {
                    Cell::Empty
                } else if text.len() == text.trim().len() {
                    Cell::Text(text.into_owned())
                } else {
                    Cell::Text(text.trim().to_string())
                }
            };
            has_number |= matches!(cell, Cell::Number(_));
            cells.push(cell);
        }
        if header_width > 0 && found > header_width {
            diagnostics.push(Diagnostic {
                row: Some(i),
                column: None,
                line: Some(raw_row.line),
                seen: String::new(),
                kind: DiagnosticKind::LongRow {
                    expected: header_width,
                    found,
                },
            });
        } else if header_width > 0
            && raw_row.cells.len() < header_width
            && has_number
            && !raw.from_lines
        {
            diagnostics.push(Diagnostic {
                row: Some(i),
                column: None,
                line: Some(raw_row.line),
                seen: String::new(),
                kind: DiagnosticKind::ShortRow {
                    expected: header_width,
                    found: raw_row.cells.len(),
                },
            });
        }

        // Label, footnote, level and kind.
        let mut note = None;
        let mut level = 0;
        let mut label = String::new();
        let mut emphasised = false;
        if let Some(lc) = label_col {
            if let Some(Cell::Text(text)) = cells.get(lc).cloned() {
                let mut text = text;
                let child_prefix = ["- ", "– ", "• ", "-\u{a0}"]
                    .iter()
                    .find(|p| text.starts_with(**p));
                if let Some(prefix) = child_prefix {
                    if in_varav {
                        level = 1;
                        text = text[prefix.len()..].trim_start().to_string();
                    }
                } else {
                    in_varav = false;
                }
                // "varav kommunledningskontoret" under "Kommunstyrelsen": a
                // line that starts with "varav" is a part of the row above,
                // whatever that row's label ends in.
                let leads_varav = text
                    .split_whitespace()
                    .next()
                    // A dash may mark it ("-varav överföringsledningar").
                    .is_some_and(|w| {
                        let w = w.trim_end_matches(':');
                        w.strip_prefix('-')
                            .or(w.strip_prefix('–'))
                            .unwrap_or(w)
                            .eq_ignore_ascii_case("varav")
                    });
                if leads_varav && !rows.is_empty() && text.split_whitespace().nth(1).is_some() {
                    level = 1;
                }
                let (clean, marker) = split_note(&text);
                note = marker;
                text = clean;
                let end = text.trim_end_matches([':', ',']).trim_end();
                let tail = end.len().checked_sub(5).and_then(|at| end.get(at..));
                if tail.is_some_and(|t| t.eq_ignore_ascii_case("varav")) {
                    in_varav = true;
                }
                label = text.clone();
                cells[lc] = Cell::Text(text);
            }
            emphasised = raw_row.cells.get(lc).is_some_and(|c| c.bold || c.italic);
        }
        let kind = if let Some(k) = sum_kind(&label) {
            k
        } else if !has_number
            && !label.is_empty()
            && (emphasised || raw.from_lines || label.ends_with(':'))
            && cells
                .iter()
                .enumerate()
                .all(|(j, c)| Some(j) == label_col || c.is_empty())
        {
            RowKind::Heading
        } else {
            RowKind::Item
        };
        // A bare "Summa" closing a block that a heading opens (at the top,
        // or right after a sum) is that block's sum, as the next block's
        // will be: not a sum of all above.
        let kind = if kind == RowKind::Total
            && block_opened_by_heading
            && label.split_whitespace().nth(1).is_none()
        {
            RowKind::Subtotal
        } else {
            kind
        };
        if kind.is_sum() || kind == RowKind::Heading {
            in_varav = false;
        }
        match kind {
            RowKind::Heading => block_opened_by_heading = !items_since_sum,
            RowKind::Item => items_since_sum = true,
            _ => {
                items_since_sum = false;
                block_opened_by_heading = false;
            }
        }
        rows.push(Row {
            kind,
            level,
            note,
            cells,
            originals: BTreeMap::new(),
        });
    }

    mark_unlabelled_sums(&mut rows, label_col, &roles, &mut diagnostics);
    let columns = (0..width)
        .map(|j| Column {
            heading: raw.headings.get(j).cloned().unwrap_or_default(),
            role: roles[j],
        })
        .collect();
    let months = choices.months.or_else(|| {
        let mut text = raw.context.clone();
        if let Some((t, _)) = &raw.title {
            text.push('\n');
            text.push_str(t);
        }
        months_of(&text)
    });
    if let Some((_, line)) = &raw.title {
        diagnostics.push(Diagnostic {
            row: None,
            column: None,
            line: Some(*line),
            seen: raw
                .title
                .as_ref()
                .map(|(t, _)| t.clone())
                .unwrap_or_default(),
            kind: DiagnosticKind::TitleTaken,
        });
    }
    Table {
        title: raw.title.map(|(t, _)| t),
        unit,
        months,
        columns,
        rows,
        diagnostics,
        settings: TableSettings::default(),
    }
}

/// Running sums per amount column: (sum, rounding allowance, whether any
/// term had a figure), and how many rows were added.
struct Sums {
    slots: Vec<(Decimal, Decimal, bool)>,
    /// Per column, how many terms had a figure other than zero.
    nonzero: Vec<usize>,
    terms: usize,
}

impl Sums {
    fn new(width: usize) -> Sums {
        Sums {
            slots: vec![(Decimal::ZERO, Decimal::ZERO, false); width],
            nonzero: vec![0; width],
            terms: 0,
        }
    }

    fn clear(&mut self) {
        for slot in &mut self.slots {
            *slot = (Decimal::ZERO, Decimal::ZERO, false);
        }
        for n in &mut self.nonzero {
            *n = 0;
        }
        self.terms = 0;
    }

    fn add(&mut self, row: &Row, amount: &[usize]) {
        for ((slot, n), &j) in self.slots.iter_mut().zip(&mut self.nonzero).zip(amount) {
            if let Some(v) = row.cells.get(j).and_then(Cell::number) {
                slot.0 = slot.0.add_saturating(v);
                slot.1 = slot.1.add_saturating(half_unit(v));
                slot.2 = true;
                *n += usize::from(!v.is_zero());
            }
        }
        self.terms += 1;
    }

    fn absorb(&mut self, other: &Sums) {
        for (slot, o) in self.slots.iter_mut().zip(&other.slots) {
            slot.0 = slot.0.add_saturating(o.0);
            slot.1 = slot.1.add_saturating(o.1);
            slot.2 |= o.2;
        }
        for (n, o) in self.nonzero.iter_mut().zip(&other.nonzero) {
            *n += o;
        }
        self.terms += other.terms;
    }

    /// How many of the row's figures there are, and whether every one is
    /// this sum (with `other` and the `extra` row added, of two terms or
    /// more) within the rounding of its terms. A row of zeros only is the
    /// sum of nothing in particular (lines that do not apply, "0 0" under
    /// "0 0"): it matches no sum. Adds as it goes: no sum is built for the
    /// question.
    fn matched(
        &self,
        other: Option<&Sums>,
        extra: Option<&Row>,
        row: &Row,
        amount: &[usize],
    ) -> (usize, bool) {
        let terms = self.terms + other.map_or(0, |o| o.terms) + usize::from(extra.is_some());
        if terms < 2 {
            return (0, false);
        }
        let mut figures = 0usize;
        let mut nonzero = false;
        for (k, (&(mut sum, mut allowance, mut any), &j)) in
            self.slots.iter().zip(amount).enumerate()
        {
            let Some(stated) = row.cells.get(j).and_then(Cell::number) else {
                continue;
            };
            figures += 1;
            nonzero |= !stated.is_zero();
            if let Some(&(s, a, y)) = other.and_then(|o| o.slots.get(k)) {
                sum = sum.add_saturating(s);
                allowance = allowance.add_saturating(a);
                any |= y;
            }
            if let Some(v) = extra.and_then(|r| r.cells.get(j)).and_then(Cell::number) {
                sum = sum.add_saturating(v);
                allowance = allowance.add_saturating(half_unit(v));
                any = true;
            }
            let allowed = allowance.add_saturating(half_unit(stated));
            if !(any && stated.sub_exact(sum).is_some_and(|d| d.abs() <= allowed)) {
                return (figures, false);
            }
        }
        (figures, nonzero)
    }

    /// Of the row's figures, how many are this sum within rounding with
    /// weight (a figure other than zero, of two terms other than zero or
    /// more, so that no zero or lone term makes it), and how many are not
    /// this sum at all.
    fn tally(&self, row: &Row, amount: &[usize]) -> (usize, usize) {
        if self.terms < 2 {
            return (0, 0);
        }
        let (mut held, mut missed) = (0usize, 0usize);
        for ((&(sum, allowance, any), &nonzero), &j) in
            self.slots.iter().zip(&self.nonzero).zip(amount)
        {
            let Some(stated) = row.cells.get(j).and_then(Cell::number) else {
                continue;
            };
            let allowed = allowance.add_saturating(half_unit(stated));
            if any && stated.sub_exact(sum).is_some_and(|d| d.abs() <= allowed) {
                held += usize::from(!stated.is_zero() && nonzero >= 2);
            } else {
                missed += 1;
            }
        }
        (held, missed)
    }
}

/// A line of figures with no label, closing rows above it, is a subtotal
/// when the arithmetic says so: in every amount column where it has a
/// figure, it is the sum of the rows since the last heading or sum, within
/// their rounding. Reports print such lines under a block of items without
/// writing "Summa". Income statements do the same with labelled running
/// results; those count when two or more columns add up, either the rows
/// since the last sum with that sum ("Verksamhetens resultat" =
/// nettokostnader + skatter) or, as a total does, every section above with
/// its sum ("Rörelseresultat" = "Summa rörelsens intäkter" + "Summa
/// rörelsens kostnader"), or the rows since the last sum in two columns or
/// more and in at least as many as not (a misprinted column, or a column
/// whose terms the table does not show: the checks report it). A line the
/// arithmetic does not confirm stays an item, with one exception the
/// table's own arithmetic decides: an
/// unlabelled line closing a block of items that the labelled line right
/// under it adds as that block's sum (in two columns or more) is a
/// subtotal even when it is not the sum of its rows (a misprint the checks
/// then report, as in a statement whose cost lines do not add up to the
/// printed sum that the operating result uses).
fn mark_unlabelled_sums(
    rows: &mut [Row],
    label_col: Option<usize>,
    roles: &[Role],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(lc) = label_col else {
        return;
    };
    let amount: Vec<usize> = (0..roles.len()).filter(|j| roles[*j].is_amount()).collect();
    // Per amount column, in one pass so that a paste of 100 000 rows is
    // read fast: `running` since the last heading or sum, a sum line being
    // the first term of the next block; `section`, the items since the last
    // heading or sum; `outside`, the rows above the section as a total adds
    // them (each closed section by its sum; a total replaces all above).
    let mut running = Sums::new(amount.len());
    let mut section = Sums::new(amount.len());
    let mut outside = Sums::new(amount.len());
    let mut outside_has_sum = false;
    // An unlabelled line that did not add up, with what a total below it
    // would be if it were its block's sum.
    let mut pending: Option<usize> = None;
    // Whether the block being summed was opened by a heading row: a sum
    // line closing it is that group's subtotal ("Investeringsobjekt >3
    // mnkr" ... "Investering >3 mkr"), not a sum of everything above.
    let mut opened_by_heading = false;
    for i in 0..rows.len() {
        let Some(row) = rows.get(i) else {
            break;
        };
        if row.kind != RowKind::Item {
            opened_by_heading = row.kind == RowKind::Heading;
            pending = None;
            running.clear();
            if row.kind.is_sum() {
                running.add(row, &amount);
                if row.kind == RowKind::Total {
                    outside.clear();
                }
                outside.add(row, &amount);
                outside_has_sum = true;
            } else {
                outside.absorb(&section);
            }
            section.clear();
            continue;
        }
        let unlabelled = row.cells.get(lc).is_none_or(Cell::is_empty);
        let enough = |figures: usize| {
            if unlabelled {
                figures >= 1
            } else {
                figures >= 2
            }
        };
        let sums_of = |(figures, all): (usize, bool)| all && enough(figures);
        // A labelled line adding only the items of its section is that
        // section's sum ("Skattenetto" under the tax lines, "Finansnetto"
        // under the financial ones), in two columns or more.
        let running_up = sums_of(running.matched(None, None, row, &amount));
        let section_sum = !running_up && sums_of(section.matched(None, None, row, &amount));
        let adds_up = running_up
            || section_sum
            || (!unlabelled
                && outside_has_sum
                && sums_of(outside.matched(Some(&section), None, row, &amount)));
        let confirms = match (pending.and_then(|p| rows.get(p)), unlabelled) {
            (Some(sum_row), false) => {
                let (figures, all) = outside.matched(None, Some(sum_row), row, &amount);
                all && figures >= 2
            }
            _ => false,
        };
        // A labelled line that is the sum of the rows since the last sum in
        // two columns or more (with weight), and in at least as many as it
        // is not, is that sum: two exact sums of figures other than zero are
        // no chance. The other columns are a misprint, or figures the rows
        // do not show; the checks report them.
        let tally = if !adds_up && !confirms && !unlabelled && row.level == 0 {
            running.tally(row, &amount)
        } else {
            (0, 0)
        };
        let near_sum = tally.0 >= 2 && tally.0 >= tally.1;
        let before = pending.take();
        if !adds_up && !confirms && !near_sum {
            if row.level == 0 {
                running.add(row, &amount);
                if unlabelled
                    && section.terms >= 2
                    && row.cells.iter().any(|c| c.number().is_some())
                {
                    pending = Some(i);
                }
                section.add(row, &amount);
            }
            continue;
        }
        let summed = if section_sum {
            section.terms
        } else {
            running.terms
        };
        if confirms {
            if let Some(p) = before {
                if let Some(sum_row) = rows.get_mut(p) {
                    sum_row.kind = RowKind::Subtotal;
                }
                diagnostics.push(Diagnostic {
                    row: Some(p),
                    column: None,
                    line: None,
                    seen: String::new(),
                    kind: DiagnosticKind::Source {
                        what_en: "A line without a label closes the rows above it and the result line below adds it as their sum; it was read as a subtotal, though the rows do not add up to it.".to_string(),
                        what_sv: "En rad utan text avslutar raderna ovanför och resultatraden under räknar den som deras summa; den lästes som en delsumma, fast raderna inte summerar till den.".to_string(),
                    },
                });
            }
        }
        let Some(row) = rows.get_mut(i) else {
            break;
        };
        // A sum of just the block a heading opened is that group's subtotal.
        let subtotal = unlabelled || section_sum || (opened_by_heading && (running_up || near_sum));
        row.kind = if subtotal {
            RowKind::Subtotal
        } else {
            RowKind::Total
        };
        running.clear();
        running.add(row, &amount);
        if !subtotal {
            outside.clear();
        }
        outside.add(row, &amount);
        outside_has_sum = true;
        section.clear();
        opened_by_heading = false;
        let (what_en, what_sv) = if near_sum {
            (
                format!("The line is the sum of the {summed} rows above it in {} of its columns, not in {}; it was read as their sum, and the checks report the columns that do not add up.", tally.0, tally.1),
                format!("Raden är summan av de {summed} raderna ovanför i {} av sina kolumner, inte i {}; den lästes som deras summa, och kontrollerna visar kolumnerna som inte summerar.", tally.0, tally.1),
            )
        } else if unlabelled {
            (
                format!("A line without a label is the sum of the {summed} rows above it; it was read as a subtotal."),
                format!("En rad utan text är summan av de {summed} raderna ovanför; den lästes som en delsumma."),
            )
        } else {
            (
                format!("The line is the sum of the {summed} rows above it; it was read as a result line, not added again."),
                format!("Raden är summan av de {summed} raderna ovanför; den lästes som en resultatrad och räknas inte in igen."),
            )
        };
        diagnostics.push(Diagnostic {
            row: Some(i),
            column: None,
            line: None,
            seen: String::new(),
            kind: DiagnosticKind::Source { what_en, what_sv },
        });
    }
}

/// Reads one cell of a numeric column.
#[allow(clippy::too_many_arguments)]
fn read_cell(
    text: &str,
    mark: DecimalMark,
    role: Role,
    unit: Option<Unit>,
    row: usize,
    column: usize,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Cell {
    let mut note = |kind: DiagnosticKind| {
        diagnostics.push(Diagnostic {
            row: Some(row),
            column: Some(column),
            line: Some(line),
            seen: text.trim().to_string(),
            kind,
        })
    };
    match number::read_number(text, mark) {
        Ok(Reading::Blank | Reading::Nothing) => Cell::Empty,
        Ok(Reading::Number(n)) => {
            if n.percent != (role == Role::StatedPercent) && role != Role::Other {
                note(DiagnosticKind::PercentMismatch);
            }
            match (n.unit, unit) {
                (Some(from), Some(to)) if from != to && !n.percent => {
                    match number::convert(n.value, from, to) {
                        Ok(v) => {
                            note(DiagnosticKind::UnitConverted { from, to });
                            Cell::Number(v)
                        }
                        Err(_) => {
                            note(DiagnosticKind::UnitNotConvertible { from, to });
                            Cell::Text(text.trim().to_string())
                        }
                    }
                }
                _ => Cell::Number(n.value),
            }
        }
        Err(e) => {
            if matches!(
                number::read_number(text, mark.other()),
                Ok(Reading::Number(_))
            ) {
                note(DiagnosticKind::ContradictingDecimalMark { mark });
            }
            note(DiagnosticKind::ReadAsText {
                reason_en: e.message(Lang::En),
                reason_sv: e.message(Lang::Sv),
            });
            Cell::Text(text.trim().to_string())
        }
    }
}

// The reader's tests read PDF text too: they need the whole reader.
#[cfg(all(test, feature = "line-layouts"))]
mod tests;
