//! The first stage of pasting: what the clipboard holds becomes a raw grid of
//! cell texts.
//!
//! A controller copies a table from Excel, Word, a PDF or a web page. The
//! browser offers the copy as plain text and often as HTML too. This module
//! reads either into a [`Grid`]: rows of cells holding cleaned-up text, plus
//! the bold and italic emphasis that sets totals and subtotals apart. It does
//! not interpret numbers or headings; the next stage does.
//!
//! - [`read_clipboard`] prefers the HTML flavour when it holds a table.
//! - [`read_text`] reads plain text: tab-separated (Excel, Google Sheets,
//!   LibreOffice, Word), Markdown pipe tables, semicolon or comma CSV, or
//!   else one cell per line (text copied from a PDF).
//! - [`read_html`] reads `<table>` markup with a small, tolerant scanner.
//!
//! Nothing here panics, whatever the input. Time is linear in the size of the
//! input, and [`MAX_COLUMNS`], [`MAX_ROWS`] and [`MAX_CELLS`] bound the grid.
//! Anything unusual becomes a [`GridNote`].

use std::borrow::Cow;

/// At most this many cells are kept in one row; the rest are dropped and a
/// [`GridNote::ColumnsCut`] says so.
pub const MAX_COLUMNS: usize = 1_000;

/// At most this many rows (empty ones included) are read; a
/// [`GridNote::RowsCut`] says where reading stopped.
pub const MAX_ROWS: usize = 200_000;

/// At most this many cells in all are read; a [`GridNote::RowsCut`] says
/// where reading stopped.
pub const MAX_CELLS: usize = 1_000_000;

/// At most this many notes are kept; a final [`GridNote::NotesCut`] counts
/// the rest.
pub const MAX_NOTES: usize = 100;

/// Elements nested deeper than this inside one HTML cell lose their styling.
const MAX_DEPTH: usize = 256;

/// Tables nested deeper than this are read as siblings of the innermost one.
const MAX_TABLE_DEPTH: usize = 32;

/// What was pasted, as rows of cell texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid<'a> {
    /// The rows in paste order. Empty rows (no cells) are kept where the
    /// paste had empty lines, or between two HTML tables: they separate
    /// tables and the parts of headings that PDF text wraps. Trailing empty
    /// rows are dropped.
    pub rows: Vec<GridRow<'a>>,
    /// Which flavour and delimiter the rows were read with.
    pub source: Source,
    /// Number-format hints found in Excel's HTML; empty for plain text.
    pub hints: Hints,
    /// Anything unusual met while reading, in the order found (ragged rows
    /// last).
    pub notes: Vec<GridNote>,
}

/// One row of a [`Grid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow<'a> {
    /// Where the row starts: the 1-based line in the plain text, or the
    /// 1-based index of its `<tr>` in the HTML (counted over the whole
    /// document; an empty row between two tables and a table caption take
    /// the index of the row that follows them).
    pub line: usize,
    /// The cells, trailing empty ones included (the next stage decides what
    /// they mean). No cells at all for an empty line.
    pub cells: Vec<GridCell<'a>>,
    /// `true` when the cells are final: the line was cut at delimiters, it is
    /// an HTML table row, or it is a heading. `false` when the line had no
    /// delimiter at all, so its single cell may hold several columns that
    /// PDF text runs together with spaces, and the next stage may split it.
    pub split: bool,
    /// `true` for a Markdown heading line (`## 5.1 Ekonomi`) or an HTML table
    /// caption: a single bold cell that is a title, never table data.
    pub heading: bool,
}

/// One cell of a [`GridRow`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GridCell<'a> {
    /// The cell's text: markup removed, entities and escapes decoded, runs of
    /// whitespace folded to one space, trimmed. A no-break space (U+00A0) or
    /// narrow no-break space (U+202F) standing alone between two digits is
    /// kept as it is ("1\u{a0}234,5"), since the number reader accepts them;
    /// anywhere else it becomes an ordinary space.
    pub text: Cow<'a, str>,
    /// All of the cell's text is bold (`<b>`, `<strong>`, `**x**`, `<th>`, a
    /// bold CSS style). Never set on an empty cell, except a heading's.
    pub bold: bool,
    /// All of the cell's text is italic (`<i>`, `<em>`, `*x*`, an italic CSS
    /// style). Never set on an empty cell.
    pub italic: bool,
}

impl GridCell<'_> {
    /// The same cell, owning its text.
    pub fn into_owned(self) -> GridCell<'static> {
        GridCell {
            text: Cow::Owned(self.text.into_owned()),
            bold: self.bold,
            italic: self.italic,
        }
    }
}

/// The flavour and delimiter a [`Grid`] was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Source {
    /// HTML `<table>` markup.
    Html,
    /// Tab-separated text (Excel, Google Sheets, LibreOffice, Word).
    Tab,
    /// Semicolon-separated CSV (Swedish-locale exports).
    Semicolon,
    /// Comma-separated CSV (English-locale exports, point decimals).
    Comma,
    /// A Markdown pipe table.
    Pipe,
    /// No delimiter: one cell per line, as in text copied from a PDF.
    #[default]
    Lines,
}

/// Number-format hints that Excel writes into the HTML it puts on the
/// clipboard (`mso-displayed-decimal-separator:"\,"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hints {
    /// The decimal separator Excel displayed the numbers with.
    pub decimal_separator: Option<char>,
    /// The thousands separator Excel displayed the numbers with.
    pub thousands_separator: Option<char>,
}

/// Something unusual met while reading a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridNote {
    /// A byte order mark at the start of the text was removed.
    BomRemoved,
    /// The HTML flavour held no table, so the plain text was read instead.
    HtmlWithoutTable,
    /// The row has another number of cells than most rows of its table (a
    /// run of delimited rows between empty lines, undelimited lines,
    /// headings or, in HTML, table boundaries).
    RaggedRow {
        /// The row's line.
        line: usize,
        /// How many cells the row has.
        cells: usize,
        /// How many cells most rows of its table have.
        expected: usize,
    },
    /// A field opened a quote that is never closed; the quote was read as
    /// ordinary text.
    UnterminatedQuote {
        /// The line of the field.
        line: usize,
    },
    /// From this line on, quotes were read as ordinary text: too many of
    /// them were malformed to keep looking for their ends.
    QuotesIgnored {
        /// The line where quote handling stopped.
        line: usize,
    },
    /// A hidden HTML row or cell (`display:none`, `mso-hide:all`) was left out.
    HiddenSkipped {
        /// The row's `<tr>` index.
        line: usize,
    },
    /// The row had more than `limit` cells; the rest were dropped.
    ColumnsCut {
        /// The row's line.
        line: usize,
        /// The number of cells kept ([`MAX_COLUMNS`]).
        limit: usize,
    },
    /// The paste had more than [`MAX_ROWS`] rows or [`MAX_CELLS`] cells;
    /// reading stopped before this line.
    RowsCut {
        /// The first line not read.
        line: usize,
    },
    /// More than [`MAX_NOTES`] notes: this many more were not recorded.
    NotesCut {
        /// How many notes were left out.
        omitted: usize,
    },
}

/// Reads a paste from both clipboard flavours: the HTML one when it holds a
/// table (Excel, Word, Google Sheets and web pages all put one there), with
/// the plain text's lines above its first tab (a caption and unit copied
/// along), else the plain text (with a [`GridNote::HtmlWithoutTable`] when
/// HTML was given but had no table).
pub fn read_clipboard<'a>(plain: &'a str, html: Option<&str>) -> Grid<'a> {
    let html = html.filter(|h| !h.trim().is_empty());
    let table = html.and_then(read_html);
    // With the table from HTML, the plain flavour gives only the caption
    // and unit lines a copy takes along above it ("5.2 Resultat", "Belopp
    // i mnkr"): its lines before the first tab. One reading of plain text
    // for every case keeps the download small.
    let text = match table {
        Some(_) => {
            // Byte scans: `str::rfind` would bring a searcher of its own.
            let bytes = plain.as_bytes();
            let tab = bytes.iter().position(|&b| b == b'\t').unwrap_or(0);
            let end = bytes
                .get(..tab)
                .and_then(|head| head.iter().rposition(|&b| b == b'\n'))
                .unwrap_or(0);
            plain.get(..end).unwrap_or("")
        }
        None => plain,
    };
    let mut grid = read_text(text);
    match table {
        Some(mut table) => {
            if grid.rows.iter().any(|r| !r.cells.is_empty()) {
                grid.rows.push(GridRow {
                    line: table.rows.first().map_or(1, |r| r.line),
                    cells: Vec::new(),
                    split: false,
                    heading: false,
                });
                grid.rows.append(&mut table.rows);
                table.rows = grid.rows;
            }
            table
        }
        None => {
            if html.is_some() {
                grid.notes.insert(0, GridNote::HtmlWithoutTable);
            }
            grid
        }
    }
}

/// Reads plain text into a grid.
///
/// A leading byte order mark is removed; LF, CRLF and lone CR all end a line.
/// One delimiter is chosen for the whole paste, in this order:
///
/// 1. **Tab**, if any line holds a tab: Excel, Google Sheets, LibreOffice and
///    Word all copy tables tab-separated.
/// 2. **Pipe**, if some line is a Markdown table row (`| a | b |`, at least
///    three pipes, starting and ending with one) or a Markdown separator line
///    (`|---|:--:|`). Separator lines are skipped; `\|` is a literal pipe.
/// 3. **Semicolon**, then **comma**, read as RFC 4180 CSV, when the delimiter
///    splits the non-empty lines consistently: the most common field count is
///    at least 2 and at least 4 lines in 5 have it, and at most half of the
///    fields after a delimiter start with a space (prose). A comma must
///    moreover not look like a decimal comma: a line whose every comma sits
///    between a digit and one or two digits that end the number
///    ("Regionkontoret -297,2 -305,0 7,8") reads as Swedish numbers, and
///    if more than one comma line in ten reads so, commas are not delimiters.
/// 4. Else **Lines**: one cell per line, `split: false`.
///
/// With any delimiter, a field that starts with `"` is quoted when its closing
/// quote is followed by a delimiter or a line end: doubled quotes, delimiters
/// and line ends inside are then part of the text (Excel quotes cells holding
/// line breaks, also in tab-separated text). Otherwise the quote is ordinary
/// text.
///
/// Lines without the delimiter become one-cell rows with `split: false`;
/// empty lines become rows without cells. Markdown headings (`## 5.1
/// Ekonomi`) become heading rows. In every cell, `<b>`/`<strong>` and a
/// whole-cell `**x**` mark bold, `<i>`/`<em>` and a whole-cell `*x*` mark
/// italic (a footnote star as in "idrottshall*" stays), `<p>`, `<br>` and
/// other common tags are removed (block tags leave a space), entities such
/// as `&amp;` are decoded and backslash escapes (`\*`) drop the backslash.
pub fn read_text(plain: &str) -> Grid<'_> {
    let mut sink = Sink::default();
    let text = match plain.strip_prefix('\u{feff}') {
        Some(rest) => {
            sink.notes.push(GridNote::BomRemoved);
            rest
        }
        None => plain,
    };
    let source = detect(text);
    match source {
        Source::Tab => read_delimited(text, b'\t', &mut sink),
        Source::Semicolon => read_delimited(text, b';', &mut sink),
        Source::Comma => read_delimited(text, b',', &mut sink),
        Source::Pipe => read_pipe(text, &mut sink),
        Source::Lines | Source::Html => read_lines(text, &mut sink),
    }
    sink.finish(source, Hints::default())
}

/// Reads the HTML clipboard flavour; `None` when it holds no table row.
///
/// The rows of every table are taken in document order, with an empty row
/// between two tables; a nested table's rows come before the row of the
/// outer table that holds it. `<th>` cells are bold, `colspan` is filled with
/// empty cells after the spanning cell and `rowspan` with empty cells in the
/// rows below, so columns stay aligned. Missing end tags (`<td>a<td>b`) and
/// table parts outside a `<table>` are tolerated. Inside cells, `<br>` and
/// block tags read as a space; `<b>`, `<strong>`, `<i>`, `<em>` and CSS
/// `font-weight`/`font-style` (inline, or from `<style>` class rules as Excel
/// writes them) give the emphasis; hidden rows and cells (`display:none`,
/// `mso-hide:all`) are left out. Comments, `<style>` and `<script>` are
/// skipped, but Excel's `mso-displayed-decimal-separator` and
/// `mso-displayed-thousand-separator` are read into [`Grid::hints`]. A
/// `<caption>` becomes a heading row. Excel's `x:num` and number formats are
/// ignored: the displayed text is what counts. Text outside the tables is
/// not read here: [`read_clipboard`] takes the lines above the table from
/// the plain flavour.
pub fn read_html(html: &str) -> Option<Grid<'static>> {
    let mut reader = HtmlReader::new(html);
    reader.run();
    let HtmlReader { sink, hints, .. } = reader;
    if !sink.rows.iter().any(|r| !r.heading && !r.cells.is_empty()) {
        return None;
    }
    Some(sink.finish(Source::Html, hints))
}

// ---------------------------------------------------------------------------
// Collecting rows and notes

/// Notes, capped at [`MAX_NOTES`].
#[derive(Default)]
struct Notes {
    list: Vec<GridNote>,
    omitted: usize,
}

impl Notes {
    fn push(&mut self, note: GridNote) {
        if self.list.len() < MAX_NOTES {
            self.list.push(note);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    fn finish(mut self) -> Vec<GridNote> {
        if self.omitted > 0 {
            self.list.push(GridNote::NotesCut {
                omitted: self.omitted,
            });
        }
        self.list
    }
}

/// The rows read so far, capped at [`MAX_ROWS`] and [`MAX_CELLS`].
#[derive(Default)]
struct Sink<'a> {
    rows: Vec<GridRow<'a>>,
    notes: Notes,
    cells: usize,
    full: bool,
}

impl<'a> Sink<'a> {
    /// Adds a row; `false` once the grid is full and reading must stop.
    fn row(&mut self, row: GridRow<'a>) -> bool {
        if self.full {
            return false;
        }
        if self.rows.len() >= MAX_ROWS || self.cells.saturating_add(row.cells.len()) > MAX_CELLS {
            self.full = true;
            self.notes.push(GridNote::RowsCut { line: row.line });
            return false;
        }
        self.cells += row.cells.len();
        self.rows.push(row);
        true
    }

    fn finish(self, source: Source, hints: Hints) -> Grid<'a> {
        let Sink {
            mut rows,
            mut notes,
            ..
        } = self;
        while rows.last().is_some_and(|r| r.cells.is_empty()) {
            rows.pop();
        }
        note_ragged_rows(&rows, &mut notes);
        Grid {
            rows,
            source,
            hints,
            notes: notes.finish(),
        }
    }
}

/// Notes the rows whose width differs from the most common width of their
/// table: a run of delimited, non-heading rows with cells.
fn note_ragged_rows(rows: &[GridRow], notes: &mut Notes) {
    let in_table = |r: &GridRow| r.split && !r.heading && !r.cells.is_empty();
    let mut i = 0;
    while i < rows.len() {
        let start = i;
        while rows.get(i).is_some_and(in_table) {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let block = rows.get(start..i).unwrap_or_default();
        if block.len() < 2 {
            continue;
        }
        let mut widths = Tally::default();
        for row in block {
            widths.count(row.cells.len());
        }
        let expected = widths.most_common().map_or(0, |(width, _)| width);
        for row in block.iter().filter(|r| r.cells.len() != expected) {
            notes.push(GridNote::RaggedRow {
                line: row.line,
                cells: row.cells.len(),
                expected,
            });
        }
    }
}

mod cell_text;
mod html;
mod text;

#[cfg(test)]
mod tests;

/// How often each count was seen (a table's widths: a few distinct ones),
/// in a list: a hash map would bring a hasher into the download.
#[derive(Default)]
struct Tally(Vec<(usize, usize)>);

impl Tally {
    fn count(&mut self, value: usize) {
        match self.0.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => self.0.push((value, 1)),
        }
    }

    /// The value seen most often, the larger on a tie, and how often.
    fn most_common(&self) -> Option<(usize, usize)> {
        self.0.iter().copied().max_by_key(|&(v, n)| (n, v))
    }
}

use cell_text::*;
use html::*;
use text::*;
