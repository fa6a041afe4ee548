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
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Hints {
    /// The decimal separator Excel displayed the numbers with.
    pub decimal_separator: Option<char>,
    /// The thousands separator Excel displayed the numbers with.
    pub thousands_separator: Option<char>,
}

/// Something unusual met while reading a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
/// table (Excel, Word, Google Sheets and web pages all put one there), else
/// the plain text (with a [`GridNote::HtmlWithoutTable`] when HTML was
/// given but had no table).
pub fn read_clipboard<'a>(plain: &'a str, html: Option<&str>) -> Grid<'a> {
    let Some(html) = html.filter(|h| !h.trim().is_empty()) else {
        return read_text(plain);
    };
    if let Some(grid) = read_html(html) {
        return grid;
    }
    let mut grid = read_text(plain);
    grid.notes.insert(0, GridNote::HtmlWithoutTable);
    grid
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
/// ignored: the displayed text is what counts.
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
        let mut widths: HashMap<usize, usize> = HashMap::new();
        for row in block {
            *widths.entry(row.cells.len()).or_insert(0) += 1;
        }
        let expected = widths
            .iter()
            .max_by_key(|&(width, count)| (*count, *width))
            .map_or(0, |(width, _)| *width);
        for row in block.iter().filter(|r| r.cells.len() != expected) {
            notes.push(GridNote::RaggedRow {
                line: row.line,
                cells: row.cells.len(),
                expected,
            });
        }
    }
}

// ---------------------------------------------------------------------------
// Cell text

/// Whitespace waiting to be written between two visible characters.
#[derive(Default, Clone, Copy)]
enum Gap {
    #[default]
    None,
    Space,
    /// A single no-break space, kept if it stands between two digits.
    Keep(char),
}

/// Builds a cell's text: folds whitespace, trims, drops invisible
/// characters and tracks whether all visible text was bold or italic.
#[derive(Default)]
struct CellText {
    text: String,
    gap: Gap,
    visible: bool,
    some_plain: bool,
    some_upright: bool,
}

impl CellText {
    fn with_capacity(capacity: usize) -> Self {
        CellText {
            text: String::with_capacity(capacity),
            ..CellText::default()
        }
    }

    fn push(&mut self, c: char, bold: bool, italic: bool) {
        if c.is_whitespace() {
            self.gap(c);
            return;
        }
        if is_invisible(c) {
            return;
        }
        match std::mem::take(&mut self.gap) {
            Gap::None => {}
            Gap::Space => self.text.push(' '),
            Gap::Keep(kept) => {
                let after_digit = self.text.as_bytes().last().is_some_and(u8::is_ascii_digit);
                self.text.push(if after_digit && c.is_ascii_digit() {
                    kept
                } else {
                    ' '
                });
            }
        }
        self.text.push(c);
        self.visible = true;
        self.some_plain |= !bold;
        self.some_upright |= !italic;
    }

    /// Whitespace, or a block boundary (pass `' '`).
    fn gap(&mut self, c: char) {
        if self.text.is_empty() {
            return;
        }
        self.gap = match self.gap {
            Gap::None if c == '\u{a0}' || c == '\u{202f}' => Gap::Keep(c),
            _ => Gap::Space,
        };
    }

    /// The cell; `bold`/`italic` force the emphasis for the whole cell.
    fn finish(self, bold: bool, italic: bool) -> GridCell<'static> {
        GridCell {
            bold: self.visible && (bold || !self.some_plain),
            italic: self.visible && (italic || !self.some_upright),
            text: Cow::Owned(self.text),
        }
    }
}

/// Characters that are dropped from cell text: control characters, soft
/// hyphens, zero-width spaces and marks, byte order marks.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}' | '\u{feff}'
        )
}

/// Decodes the character reference at the start of `s` (which starts with
/// `&`): its character and byte length. Named references need their `;`.
fn entity(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let (radix, start) = if hex { (16, 3) } else { (10, 2) };
        let mut i = start;
        let mut value: u32 = 0;
        while let Some(digit) = bytes.get(i).and_then(|&b| char::from(b).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(digit);
            i += 1;
        }
        if i == start {
            return None;
        }
        if bytes.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match value {
            // Windows-1252 code points that Word HTML sometimes writes.
            128 => '€',
            133 => '…',
            145 => '‘',
            146 => '’',
            147 => '“',
            148 => '”',
            149 => '•',
            150 => '–',
            151 => '—',
            0 => '\u{fffd}',
            _ => char::from_u32(value).unwrap_or('\u{fffd}'),
        };
        return Some((c, i));
    }
    let semicolon = bytes.iter().skip(1).take(10).position(|&b| b == b';')? + 1;
    let c = named_entity(s.get(1..semicolon)?)?;
    Some((c, semicolon + 1))
}

/// The named character references common in Swedish report text.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "auml" => 'ä',
        "ouml" => 'ö',
        "aring" => 'å',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Aring" => 'Å',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "plusmn" => '±',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "shy" => '\u{ad}',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "sect" => '§',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "permil" => '‰',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "rarr" => '→',
        "larr" => '←',
        "uarr" => '↑',
        "darr" => '↓',
        "nearr" => '↗',
        "searr" => '↘',
        _ => return None,
    })
}

/// Feeds HTML text (entities still encoded) into a cell.
fn push_html_text(cell: &mut CellText, s: &str, bold: bool, italic: bool) {
    let mut i = 0;
    while let Some(rest) = s.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                cell.push(decoded, bold, italic);
                i += len;
                continue;
            }
        }
        cell.push(c, bold, italic);
        i += c.len_utf8();
    }
}

/// Decodes all character references in `s`.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(rest) = s.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                out.push(decoded);
                i += len;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

// ---------------------------------------------------------------------------
// Plain text: cells

/// Reads one text cell: inline markup, entities, escapes, whole-cell
/// Markdown emphasis.
fn text_cell(raw: &str) -> GridCell<'_> {
    if let Some(cell) = plain_cell(raw) {
        return cell;
    }
    let (inner, em_bold, em_italic) = markdown_emphasis(raw.trim());
    let mut cell = CellText::with_capacity(inner.len());
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut i = 0;
    while let Some(rest) = inner.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        match c {
            '<' => {
                if let Some((tag, len)) = inline_tag(rest) {
                    match tag {
                        Inline::Bold(true) => bold = bold.saturating_add(1),
                        Inline::Bold(false) => bold = bold.saturating_sub(1),
                        Inline::Italic(true) => italic = italic.saturating_add(1),
                        Inline::Italic(false) => italic = italic.saturating_sub(1),
                        Inline::Block => cell.gap(' '),
                        Inline::Other => {}
                    }
                    i += len;
                    continue;
                }
            }
            '&' => {
                if let Some((decoded, len)) = entity(rest) {
                    cell.push(decoded, bold > 0, italic > 0);
                    i += len;
                    continue;
                }
            }
            '\\' => {
                let escaped = rest.get(1..).and_then(|r| r.chars().next());
                if let Some(e) = escaped.filter(char::is_ascii_punctuation) {
                    cell.push(e, bold > 0, italic > 0);
                    i += 1 + e.len_utf8();
                    continue;
                }
            }
            _ => {}
        }
        cell.push(c, bold > 0, italic > 0);
        i += c.len_utf8();
    }
    cell.finish(em_bold, em_italic)
}

/// The common case, quickly: a cell of printable characters and single
/// spaces, with nothing to decode, fold or drop, is its trimmed text as it
/// stands. Anything else (markup, entities, escapes, stars, other
/// whitespace, control characters) goes the full way in [`text_cell`].
fn plain_cell(raw: &str) -> Option<GridCell<'_>> {
    let text = raw.trim();
    let mut previous_space = false;
    for c in text.chars() {
        let plain = if c == ' ' {
            !previous_space
        } else if c.is_ascii() {
            c.is_ascii_graphic() && !matches!(c, '<' | '&' | '\\' | '*')
        } else {
            crate::latin::is_letter(c)
        };
        if !plain {
            return None;
        }
        previous_space = c == ' ';
    }
    Some(GridCell {
        text: Cow::Borrowed(text),
        bold: false,
        italic: false,
    })
}

/// `**x**` (bold), `*x*` (italic) or `***x***` (both) around a whole,
/// trimmed cell: the inner text and the emphasis.
fn markdown_emphasis(s: &str) -> (&str, bool, bool) {
    let lead = s.bytes().take_while(|&b| b == b'*').count();
    let trail = s.bytes().rev().take_while(|&b| b == b'*').count();
    if lead == 0 || lead != trail || lead > 3 || lead + trail >= s.len() {
        return (s, false, false);
    }
    let Some(inner) = s.get(lead..s.len() - trail) else {
        return (s, false, false);
    };
    if inner.starts_with(char::is_whitespace)
        || inner.ends_with(char::is_whitespace)
        || inner.ends_with('\\')
    {
        return (s, false, false);
    }
    (inner, lead >= 2, lead != 2)
}

/// An inline HTML tag met in plain text.
enum Inline {
    Bold(bool),
    Italic(bool),
    Block,
    Other,
}

/// Recognises a known tag at the start of `s` (which starts with `<`): its
/// meaning and byte length. Anything else ("<5 %") is text.
fn inline_tag(s: &str) -> Option<(Inline, usize)> {
    let bytes = s.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let start = if closing { 2 } else { 1 };
    let mut i = start;
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = s.get(start..i)?;
    let tag = if is_any(name, &["b", "strong"]) {
        Inline::Bold(!closing)
    } else if is_any(name, &["i", "em"]) {
        Inline::Italic(!closing)
    } else if is_any(name, &["br", "p", "div", "li", "ul", "ol"]) {
        Inline::Block
    } else if is_any(
        name,
        &[
            "span", "u", "s", "sup", "sub", "font", "a", "small", "mark", "del", "ins",
        ],
    ) {
        Inline::Other
    } else {
        return None;
    };
    let rest = bytes.get(i..)?;
    if !matches!(rest.first(), Some(b'>' | b'/' | b' ' | b'\t')) {
        return None;
    }
    let end = rest
        .iter()
        .take(300)
        .position(|&b| matches!(b, b'>' | b'<' | b'\n' | b'\r'))?;
    if rest.get(end) != Some(&b'>') {
        return None;
    }
    Some((tag, i + end + 1))
}

/// The text of a Markdown ATX heading line (`## 5.1 Ekonomi ##`).
fn markdown_heading(line: &str) -> Option<&str> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let t = line.get(indent..)?;
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = t.get(hashes..)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim();
    let unclosed = text.trim_end_matches('#');
    if unclosed.len() != text.len() && (unclosed.is_empty() || unclosed.ends_with([' ', '\t'])) {
        return Some(unclosed.trim_end());
    }
    Some(text)
}

fn heading_row(line: usize, text: &str) -> GridRow<'static> {
    let mut cell = text_cell(text).into_owned();
    cell.bold = true;
    GridRow {
        line,
        cells: vec![cell],
        split: true,
        heading: true,
    }
}

/// A row of text cells; an undelimited line with no text is an empty row.
fn text_row(line: usize, mut cells: Vec<GridCell<'_>>, split: bool) -> GridRow<'_> {
    if !split && cells.iter().all(|c| c.text.is_empty()) {
        cells.clear();
    }
    GridRow {
        line,
        cells,
        split,
        heading: false,
    }
}

// ---------------------------------------------------------------------------
// Plain text: lines and delimiters

/// The physical lines of a text with their 1-based numbers; LF, CRLF and CR
/// all end a line.
struct PhysicalLines<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> PhysicalLines<'a> {
    fn new(text: &'a str) -> Self {
        PhysicalLines {
            text,
            pos: 0,
            line: 1,
        }
    }
}

impl<'a> Iterator for PhysicalLines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(self.pos..).filter(|r| !r.is_empty())?;
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |r| self.pos + r);
        let text = self.text.get(self.pos..end).unwrap_or("");
        let line = self.line;
        self.pos = after_line_end(bytes, end);
        self.line += 1;
        Some((line, text))
    }
}

/// The position after the line end at `at` (CRLF counts as one).
fn after_line_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(_) => at + 1,
        None => bytes.len(),
    }
}

/// Chooses the delimiter for the whole paste (see [`read_text`]).
fn detect(text: &str) -> Source {
    if text.contains('\t') {
        Source::Tab
    } else if looks_like_pipe_table(text) {
        Source::Pipe
    } else if csv_fits(text, b';') {
        Source::Semicolon
    } else if csv_fits(text, b',') {
        Source::Comma
    } else {
        Source::Lines
    }
}

fn looks_like_pipe_table(text: &str) -> bool {
    text.contains('|')
        && PhysicalLines::new(text).any(|(_, line)| {
            let t = line.trim();
            is_pipe_separator(t)
                || (t.len() >= 2
                    && t.starts_with('|')
                    && t.ends_with('|')
                    && t.bytes().filter(|&b| b == b'|').count() >= 3)
        })
}

/// A Markdown table separator line: `|---|:--:|`.
fn is_pipe_separator(t: &str) -> bool {
    t.contains('|')
        && t.contains('-')
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// Whether `delim` splits the text consistently as CSV (see [`read_text`]).
fn csv_fits(text: &str, delim: u8) -> bool {
    if !text.as_bytes().contains(&delim) {
        return false;
    }
    let bytes = text.as_bytes();
    let mut tokens = Tokenizer::new(text, delim);
    let mut fields = Vec::new();
    let mut widths: HashMap<usize, usize> = HashMap::new();
    let (mut records, mut boundaries, mut spaced, mut delimited, mut decimal) = (0, 0, 0, 0, 0);
    while let Some(record) = tokens.next_record(&mut fields) {
        if matches!(record, Record::Heading(..)) {
            continue;
        }
        let blank = match fields.as_slice() {
            [only] => {
                !only.quoted
                    && bytes
                        .get(only.start..only.end)
                        .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
            }
            _ => false,
        };
        if blank {
            continue;
        }
        records += 1;
        *widths.entry(fields.len()).or_insert(0) += 1;
        if fields.len() < 2 {
            continue;
        }
        delimited += 1;
        for pair in fields.windows(2) {
            if let [_, next] = pair {
                boundaries += 1;
                if !next.quoted
                    && bytes
                        .get(next.start)
                        .is_some_and(|&b| b == b' ' || b == b'\t')
                {
                    spaced += 1;
                }
            }
        }
        if delim == b',' && reads_as_decimals(bytes, &fields) {
            decimal += 1;
        }
    }
    let Some((&width, &count)) = widths.iter().max_by_key(|&(w, c)| (*c, *w)) else {
        return false;
    };
    width >= 2 && count * 5 >= records * 4 && spaced * 2 <= boundaries && decimal * 10 <= delimited
}

/// Whether every comma of a record sits where a Swedish decimal comma would:
/// a digit before it, one or two digits after it that end the number
/// ("-297,2 -305,0 7,8").
fn reads_as_decimals(bytes: &[u8], fields: &[Span]) -> bool {
    let last = fields.len().saturating_sub(1);
    fields.windows(2).enumerate().all(|(k, pair)| {
        let [before, after] = pair else { return false };
        if before.quoted || after.quoted || before.end <= before.start {
            return false;
        }
        if !bytes.get(before.end - 1).is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let digits = bytes
            .get(after.start..after.end)
            .map_or(0, |f| f.iter().take_while(|b| b.is_ascii_digit()).count());
        if !(1..=2).contains(&digits) {
            return false;
        }
        let next = after.start + digits;
        if next >= after.end {
            k + 1 == last
        } else {
            !matches!(bytes.get(next), Some(b'0'..=b'9' | b'.' | b','))
        }
    })
}

/// A field of a delimited record: a byte range of the text. For a quoted
/// field, the range between the quotes (doubled quotes still doubled).
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    quoted: bool,
}

/// What [`Tokenizer::next_record`] found.
enum Record<'a> {
    /// A Markdown heading line: its line and text.
    Heading(usize, &'a str),
    /// Delimited fields (in the caller's buffer).
    Fields(RecordInfo),
}

struct RecordInfo {
    line: usize,
    delimiters: usize,
    overflow: bool,
    unterminated: bool,
    quotes_off: bool,
}

/// The outcome of looking for a quoted field's end.
enum Quoted {
    Closed {
        end: usize,
        after: usize,
        newlines: usize,
    },
    Broken {
        scanned: usize,
        unterminated: bool,
    },
}

/// Splits text into delimited records, RFC 4180 style.
struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delim: u8,
    quotes: bool,
    /// Bytes that failed quote look-aheads may still scan; keeps time linear.
    budget: usize,
}

impl<'a> Tokenizer<'a> {
    fn new(text: &'a str, delim: u8) -> Self {
        Tokenizer {
            text,
            pos: 0,
            line: 1,
            delim,
            quotes: true,
            budget: text.len().saturating_add(4096),
        }
    }

    fn next_record(&mut self, fields: &mut Vec<Span>) -> Option<Record<'a>> {
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let line = self.line;
        fields.clear();
        let indent = bytes
            .get(self.pos..)
            .map_or(0, |r| r.iter().take(4).take_while(|&&b| b == b' ').count());
        if bytes.get(self.pos + indent) == Some(&b'#') {
            let end = bytes
                .get(self.pos..)
                .and_then(|r| r.iter().position(|&b| b == b'\n' || b == b'\r'))
                .map_or(bytes.len(), |r| self.pos + r);
            if let Some(heading) = self.text.get(self.pos..end).and_then(markdown_heading) {
                self.pos = after_line_end(bytes, end);
                self.line += 1;
                return Some(Record::Heading(line, heading));
            }
        }
        let mut info = RecordInfo {
            line,
            delimiters: 0,
            overflow: false,
            unterminated: false,
            quotes_off: false,
        };
        loop {
            let span = self.field(&mut info);
            if fields.len() < MAX_COLUMNS {
                fields.push(span);
            } else {
                info.overflow = true;
            }
            match bytes.get(self.pos) {
                Some(&b) if b == self.delim => {
                    self.pos += 1;
                    info.delimiters += 1;
                }
                Some(_) => {
                    self.pos = after_line_end(bytes, self.pos);
                    self.line += 1;
                    break;
                }
                None => break,
            }
        }
        Some(Record::Fields(info))
    }

    /// Reads one field, leaving `pos` at the delimiter, line end or end.
    fn field(&mut self, info: &mut RecordInfo) -> Span {
        let bytes = self.text.as_bytes();
        if self.quotes {
            let mut p = self.pos;
            while bytes.get(p) == Some(&b' ') && self.delim != b' ' {
                p += 1;
            }
            // A quote right before a delimiter or line end is a cell of its
            // own (a ditto mark), not the start of a quoted field.
            let opens = bytes.get(p) == Some(&b'"')
                && bytes
                    .get(p + 1)
                    .is_some_and(|&b| b != self.delim && b != b'\n' && b != b'\r');
            if opens {
                match self.quoted(p + 1) {
                    Quoted::Closed {
                        end,
                        after,
                        newlines,
                    } => {
                        self.line += newlines;
                        self.pos = after;
                        return Span {
                            start: p + 1,
                            end,
                            quoted: true,
                        };
                    }
                    Quoted::Broken {
                        scanned,
                        unterminated,
                    } => {
                        info.unterminated |= unterminated;
                        self.budget = self.budget.saturating_sub(scanned);
                        if self.budget == 0 {
                            self.quotes = false;
                            info.quotes_off = true;
                        }
                    }
                }
            }
        }
        let start = self.pos;
        let delim = self.delim;
        self.pos = bytes
            .get(start..)
            .and_then(|r| {
                r.iter()
                    .position(|&b| b == delim || b == b'\n' || b == b'\r')
            })
            .map_or(bytes.len(), |r| start + r);
        Span {
            start,
            end: self.pos,
            quoted: false,
        }
    }

    /// Looks for the end of a quoted field whose text starts at `start`.
    fn quoted(&self, start: usize) -> Quoted {
        let bytes = self.text.as_bytes();
        let unterminated = Quoted::Broken {
            scanned: bytes.len().saturating_sub(start),
            unterminated: true,
        };
        let mut i = start;
        let mut newlines = 0;
        loop {
            let Some(r) = bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(|&b| matches!(b, b'"' | b'\n' | b'\r')))
            else {
                return unterminated;
            };
            i += r;
            if bytes.get(i) != Some(&b'"') {
                newlines += 1;
                i = after_line_end(bytes, i);
                continue;
            }
            if bytes.get(i + 1) == Some(&b'"') {
                i += 2;
                continue;
            }
            let end = i;
            let mut after = i + 1;
            while bytes.get(after) == Some(&b' ') && self.delim != b' ' {
                after += 1;
            }
            return match bytes.get(after) {
                Some(&b) if b != self.delim && b != b'\n' && b != b'\r' => Quoted::Broken {
                    scanned: after - start,
                    unterminated: false,
                },
                _ => Quoted::Closed {
                    end,
                    after,
                    newlines,
                },
            };
        }
    }
}

/// Reads tab-, semicolon- or comma-separated text.
fn read_delimited<'a>(text: &'a str, delim: u8, sink: &mut Sink<'a>) {
    let mut tokens = Tokenizer::new(text, delim);
    let mut fields = Vec::new();
    while let Some(record) = tokens.next_record(&mut fields) {
        let row = match record {
            Record::Heading(line, heading) => heading_row(line, heading),
            Record::Fields(info) => {
                if info.unterminated {
                    sink.notes
                        .push(GridNote::UnterminatedQuote { line: info.line });
                }
                if info.quotes_off {
                    sink.notes.push(GridNote::QuotesIgnored { line: info.line });
                }
                if info.overflow {
                    sink.notes.push(GridNote::ColumnsCut {
                        line: info.line,
                        limit: MAX_COLUMNS,
                    });
                }
                let cells = fields.iter().map(|span| span_cell(text, span)).collect();
                text_row(info.line, cells, info.delimiters > 0)
            }
        };
        if !sink.row(row) {
            break;
        }
    }
}

fn span_cell<'a>(text: &'a str, span: &Span) -> GridCell<'a> {
    let raw = text.get(span.start..span.end).unwrap_or("");
    if span.quoted && raw.contains("\"\"") {
        text_cell(&raw.replace("\"\"", "\"")).into_owned()
    } else {
        text_cell(raw)
    }
}

/// Reads a Markdown pipe table (and the lines around it).
fn read_pipe<'a>(text: &'a str, sink: &mut Sink<'a>) {
    for (line, content) in PhysicalLines::new(text) {
        let row = if let Some(heading) = markdown_heading(content) {
            heading_row(line, heading)
        } else if is_pipe_separator(content.trim()) {
            continue;
        } else {
            pipe_row(line, content.trim(), &mut sink.notes)
        };
        if !sink.row(row) {
            break;
        }
    }
}

fn pipe_row<'a>(line: usize, t: &'a str, notes: &mut Notes) -> GridRow<'a> {
    let bytes = t.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut pipes = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'|' => {
                pieces.push(t.get(start..i).unwrap_or(""));
                pipes += 1;
                start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    if pipes == 0 {
        return text_row(line, vec![text_cell(t)], false);
    }
    let tail = t.get(start..).unwrap_or("");
    if !tail.is_empty() {
        pieces.push(tail);
    }
    if t.starts_with('|') && !pieces.is_empty() {
        pieces.remove(0);
    }
    if pieces.len() > MAX_COLUMNS {
        pieces.truncate(MAX_COLUMNS);
        notes.push(GridNote::ColumnsCut {
            line,
            limit: MAX_COLUMNS,
        });
    }
    let cells: Vec<GridCell<'a>> = pieces.into_iter().map(text_cell).collect();
    text_row(line, cells, true)
}

/// Reads text without delimiters: one cell per line.
fn read_lines<'a>(text: &'a str, sink: &mut Sink<'a>) {
    for (line, content) in PhysicalLines::new(text) {
        let row = match markdown_heading(content) {
            Some(heading) => heading_row(line, heading),
            None => text_row(line, vec![text_cell(content)], false),
        };
        if !sink.row(row) {
            break;
        }
    }
}

// ---------------------------------------------------------------------------
// HTML

/// Emphasis and visibility from a tag's `style` and `class`.
#[derive(Default, Clone, Copy)]
struct Look {
    bold: Option<bool>,
    italic: Option<bool>,
    hidden: bool,
}

impl Look {
    fn merge(&mut self, other: Look) {
        self.bold = other.bold.or(self.bold);
        self.italic = other.italic.or(self.italic);
        self.hidden |= other.hidden;
    }
}

/// An element open inside a cell, with the emphasis in effect inside it.
struct Frame<'a> {
    name: &'a str,
    bold: bool,
    italic: bool,
    hidden: bool,
}

struct Cell<'a> {
    text: CellText,
    bold: bool,
    italic: bool,
    hidden: bool,
    colspan: usize,
    rowspan: usize,
    stack: Vec<Frame<'a>>,
}

impl Cell<'_> {
    /// Bold, italic, hidden in effect for text at this point.
    fn current(&self) -> (bool, bool, bool) {
        self.stack
            .last()
            .map_or((self.bold, self.italic, self.hidden), |f| {
                (f.bold, f.italic, f.hidden)
            })
    }
}

struct Row<'a> {
    line: usize,
    cells: Vec<GridCell<'static>>,
    overflow: bool,
    hidden_cells: bool,
    look: Look,
    cell: Option<Cell<'a>>,
}

impl Row<'_> {
    fn new(line: usize, look: Look) -> Self {
        Row {
            line,
            cells: Vec::new(),
            overflow: false,
            hidden_cells: false,
            look,
            cell: None,
        }
    }

    fn push(&mut self, cell: GridCell<'static>) {
        if self.cells.len() < MAX_COLUMNS {
            self.cells.push(cell);
        } else {
            self.overflow = true;
        }
    }
}

#[derive(Default)]
struct Table<'a> {
    row: Option<Row<'a>>,
    /// Rows started so far (the index of the open row).
    rows: usize,
    /// Per column, the row index from which it is no longer taken by a
    /// `rowspan` from above.
    busy: Vec<usize>,
    busy_max: usize,
    caption: Option<CellText>,
}

struct HtmlReader<'a> {
    src: &'a str,
    pos: usize,
    sink: Sink<'static>,
    tables: Vec<Table<'a>>,
    trs: usize,
    need_separator: bool,
    classes: HashMap<String, Look>,
    hints: Hints,
    last_double_quote: Option<usize>,
    last_single_quote: Option<usize>,
}

fn is_any(name: &str, list: &[&str]) -> bool {
    list.iter().any(|n| name.eq_ignore_ascii_case(n))
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "center",
];

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Finds `needle` in `hay` from `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    loop {
        let p = i + hay.get(i..)?.iter().position(|&b| b == first)?;
        if hay.get(p..p + needle.len()) == Some(needle) {
            return Some(p);
        }
        i = p + 1;
    }
}

fn find_byte(hay: &[u8], from: usize, byte: u8) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|r| from + r)
}

/// The value of attribute `want` in a tag's attribute text.
fn attr<'a>(attrs: &'a str, want: &str) -> Option<&'a str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    loop {
        while bytes
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'=' && b != b'/')
        {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = attrs.get(start..i).unwrap_or("");
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let from = i + 1;
                    let to = find_byte(bytes, from, quote).unwrap_or(bytes.len());
                    value = attrs.get(from..to).unwrap_or("");
                    i = to + 1;
                }
                _ => {
                    let from = i;
                    while bytes.get(i).is_some_and(|&b| !b.is_ascii_whitespace()) {
                        i += 1;
                    }
                    value = attrs.get(from..i).unwrap_or("");
                }
            }
        }
        if name.eq_ignore_ascii_case(want) {
            return Some(value);
        }
    }
}

/// The leading number of an attribute value.
fn number_attr(attrs: &str, name: &str) -> Option<usize> {
    let value = attr(attrs, name)?.trim();
    let digits = value.bytes().take_while(u8::is_ascii_digit);
    let mut n: usize = 0;
    let mut any = false;
    for d in digits {
        n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
        any = true;
    }
    any.then_some(n)
}

/// Splits CSS declarations at semicolons outside quotes.
fn declarations(body: &str) -> impl Iterator<Item = &str> {
    let mut rest = body;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut quote = None;
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
            } else if c == '"' || c == '\'' {
                quote = Some(c);
            } else if c == ';' {
                end = i;
                break;
            }
        }
        let decl = rest.get(..end).unwrap_or("");
        rest = rest.get(end + 1..).unwrap_or("");
        Some(decl)
    })
}

/// Reads CSS declarations (entities already decoded): emphasis and
/// visibility, and Excel's separator hints.
fn read_declarations(body: &str, hints: &mut Hints) -> Look {
    let mut look = Look::default();
    for decl in declarations(body) {
        let Some((property, value)) = decl.split_once(':') else {
            continue;
        };
        let property = property.trim();
        let value = value.trim();
        let word = value
            .trim_end_matches("!important")
            .trim()
            .to_ascii_lowercase();
        if property.eq_ignore_ascii_case("font-weight") {
            look.bold = match word.as_str() {
                "bold" | "bolder" => Some(true),
                "normal" | "lighter" => Some(false),
                w => w.parse::<u32>().ok().map(|n| n >= 600),
            };
        } else if property.eq_ignore_ascii_case("font-style") {
            look.italic = match word.as_str() {
                "italic" | "oblique" => Some(true),
                "normal" => Some(false),
                _ => None,
            };
        } else if property.eq_ignore_ascii_case("display") {
            look.hidden |= word == "none";
        } else if property.eq_ignore_ascii_case("mso-hide") {
            look.hidden |= word == "all";
        } else if property.eq_ignore_ascii_case("mso-displayed-decimal-separator") {
            if hints.decimal_separator.is_none() {
                hints.decimal_separator = css_char(value);
            }
        } else if property.eq_ignore_ascii_case("mso-displayed-thousand-separator")
            && hints.thousands_separator.is_none()
        {
            hints.thousands_separator = css_char(value);
        }
    }
    look
}

/// A CSS string holding one character: `"\,"`, `'\ '`, `"\00A0"`.
fn css_char(value: &str) -> Option<char> {
    let mut inner = value;
    for quote in ['"', '\''] {
        if let Some(q) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            inner = q;
        }
    }
    let unescaped = css_unescape(inner);
    let mut chars = unescaped.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Resolves CSS backslash escapes.
fn css_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut value: u32 = 0;
        let mut digits = 0;
        while digits < 6 {
            match chars.peek().and_then(|d| d.to_digit(16)) {
                Some(d) => {
                    value = value * 16 + d;
                    digits += 1;
                    chars.next();
                }
                None => break,
            }
        }
        if digits > 0 {
            out.push(
                char::from_u32(value)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}'),
            );
            if chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        } else if let Some(next) = chars.next() {
            out.push(next);
        }
    }
    out
}

/// The class a CSS selector styles (`.xl65`, `td.xl65`), if any.
fn selector_class(selector: &str) -> Option<&str> {
    let last = selector
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '>' | '+' | '~'))
        .find(|s| !s.is_empty())?;
    let (_, class) = last.rsplit_once('.')?;
    let end = class
        .find(|c: char| !(crate::latin::is_letter_or_digit(c) || c == '-' || c == '_'))
        .unwrap_or(class.len());
    class.get(..end).filter(|c| !c.is_empty())
}

/// Removes `/* ... */` comments.
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 2..).unwrap_or("");
        rest = after
            .find("*/")
            .and_then(|e| after.get(e + 2..))
            .unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl<'a> HtmlReader<'a> {
    fn new(src: &'a str) -> Self {
        HtmlReader {
            src,
            pos: 0,
            sink: Sink::default(),
            tables: Vec::new(),
            trs: 0,
            need_separator: false,
            classes: HashMap::new(),
            hints: Hints::default(),
            last_double_quote: src.rfind('"'),
            last_single_quote: src.rfind('\''),
        }
    }

    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        let len = bytes.len();
        while self.pos < len && !self.sink.full {
            let start = self.pos;
            let lt = find_byte(bytes, start, b'<').unwrap_or(len);
            if lt > start {
                self.text(start, lt);
            }
            if lt >= len {
                break;
            }
            self.markup(lt);
        }
        while !self.tables.is_empty() && !self.sink.full {
            self.close_table();
        }
    }

    /// Handles the markup that starts with the `<` at `p`.
    fn markup(&mut self, p: usize) {
        let src = self.src;
        let bytes = src.as_bytes();
        let len = bytes.len();
        let next = bytes.get(p + 1).copied();
        if bytes.get(p..p + 4) == Some(b"<!--") {
            self.pos = find(bytes, p + 4, b"-->").map_or(len, |e| e + 3);
        } else if matches!(next, Some(b'!' | b'?')) {
            self.pos = find_byte(bytes, p + 2, b'>').map_or(len, |e| e + 1);
        } else if next == Some(b'/') && bytes.get(p + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = tag_name_end(bytes, p + 2);
            self.pos = find_byte(bytes, name_end, b'>').map_or(len, |e| e + 1);
            self.end_tag(src.get(p + 2..name_end).unwrap_or(""));
        } else if next.is_some_and(|b| b.is_ascii_alphabetic()) {
            let name_end = tag_name_end(bytes, p + 1);
            let gt = self.tag_end(name_end);
            self.pos = (gt + 1).min(len);
            let name = src.get(p + 1..name_end).unwrap_or("");
            let attrs = src.get(name_end..gt).unwrap_or("");
            self.start_tag(name, attrs);
        } else {
            self.text(p, p + 1);
            self.pos = p + 1;
        }
    }

    /// The `>` that ends a start tag, skipping quoted attribute values.
    fn tag_end(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = from;
        let mut after_equals = false;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'>' => return i,
                b'=' => after_equals = true,
                b'"' | b'\'' if after_equals => {
                    after_equals = false;
                    let last = if b == b'"' {
                        self.last_double_quote
                    } else {
                        self.last_single_quote
                    };
                    if last.is_some_and(|l| l > i) {
                        if let Some(close) = find_byte(bytes, i + 1, b) {
                            i = close;
                        }
                    }
                }
                b if b.is_ascii_whitespace() => {}
                _ => after_equals = false,
            }
            i += 1;
        }
        bytes.len()
    }

    /// Skips a raw-text element's content; returns it.
    fn raw_text(&mut self, name: &str) -> &'a str {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut i = self.pos;
        let close = loop {
            match find(bytes, i, b"</") {
                None => break bytes.len(),
                Some(p) => {
                    let tail = bytes.get(p + 2..p + 2 + name.len());
                    if tail.is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes())) {
                        break p;
                    }
                    i = p + 2;
                }
            }
        };
        let content = src.get(self.pos..close).unwrap_or("");
        self.pos = find_byte(bytes, close, b'>').map_or(bytes.len(), |e| e + 1);
        content
    }

    fn start_tag(&mut self, name: &'a str, attrs: &'a str) {
        if name.eq_ignore_ascii_case("style") {
            let css = self.raw_text("style");
            self.read_css(css);
        } else if is_any(name, &["script", "title", "textarea", "xmp"]) {
            self.raw_text(name);
        } else if name.eq_ignore_ascii_case("table") {
            self.open_table(attrs);
        } else if name.eq_ignore_ascii_case("tr") {
            self.open_row(attrs);
        } else if is_any(name, &["td", "th"]) {
            self.open_cell(attrs, name.eq_ignore_ascii_case("th"));
        } else if name.eq_ignore_ascii_case("caption") {
            self.open_caption();
        } else if !is_any(name, &["thead", "tbody", "tfoot", "colgroup", "col"]) {
            self.inline_start(name, attrs);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if name.eq_ignore_ascii_case("table") {
            if !self.tables.is_empty() {
                self.close_table();
            }
        } else if name.eq_ignore_ascii_case("tr") {
            self.close_row();
        } else if is_any(name, &["td", "th"]) {
            self.close_cell();
        } else if name.eq_ignore_ascii_case("caption") {
            self.close_caption();
        } else if let Some(cell) = self.open_cell_mut() {
            if is_any(name, BLOCK_TAGS) {
                cell.text.gap(' ');
            }
            if let Some(at) = cell
                .stack
                .iter()
                .rposition(|f| f.name.eq_ignore_ascii_case(name))
            {
                cell.stack.truncate(at);
            }
        } else if let Some(caption) = self.open_caption_mut() {
            if is_any(name, BLOCK_TAGS) {
                caption.gap(' ');
            }
        }
    }

    fn open_cell_mut(&mut self) -> Option<&mut Cell<'a>> {
        self.tables.last_mut()?.row.as_mut()?.cell.as_mut()
    }

    fn open_caption_mut(&mut self) -> Option<&mut CellText> {
        self.tables.last_mut()?.caption.as_mut()
    }

    fn inline_start(&mut self, name: &'a str, attrs: &'a str) {
        let block = name.eq_ignore_ascii_case("br") || is_any(name, BLOCK_TAGS);
        let void = is_any(name, VOID_TAGS) || attrs.trim_end().ends_with('/');
        if self.open_cell_mut().is_none() {
            if let Some(caption) = self.open_caption_mut().filter(|_| block) {
                caption.gap(' ');
            }
            return;
        }
        let look = if attrs.is_empty() || void {
            Look::default()
        } else {
            self.look(attrs)
        };
        let Some(cell) = self.open_cell_mut() else {
            return;
        };
        if block {
            cell.text.gap(' ');
        }
        if void || cell.stack.len() >= MAX_DEPTH {
            return;
        }
        let (bold, italic, hidden) = cell.current();
        let tag_bold = is_any(name, &["b", "strong"]).then_some(true);
        let tag_italic = is_any(name, &["i", "em"]).then_some(true);
        cell.stack.push(Frame {
            name,
            bold: look.bold.or(tag_bold).unwrap_or(bold),
            italic: look.italic.or(tag_italic).unwrap_or(italic),
            hidden: hidden || look.hidden,
        });
    }

    /// The look a tag's `class` and `style` give (style wins).
    fn look(&mut self, attrs: &str) -> Look {
        let mut look = Look::default();
        if let Some(class) = attr(attrs, "class") {
            for name in class.split_ascii_whitespace() {
                let found = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                    self.classes.get(&name.to_ascii_lowercase())
                } else {
                    self.classes.get(name)
                };
                if let Some(&class_look) = found {
                    look.merge(class_look);
                }
            }
        }
        if let Some(style) = attr(attrs, "style") {
            let style_look = if style.contains('&') {
                read_declarations(&decode_entities(style), &mut self.hints)
            } else {
                read_declarations(style, &mut self.hints)
            };
            look.merge(style_look);
        }
        look
    }

    /// Reads a `<style>` block: class rules for emphasis, Excel's hints.
    fn read_css(&mut self, css: &str) {
        let mut css = if css.contains('&') {
            decode_entities(css)
        } else {
            css.to_string()
        };
        if css.contains("/*") {
            css = strip_css_comments(&css);
        }
        let mut rest = css.as_str();
        while let Some(open) = rest.find('{') {
            let selectors = rest.get(..open).unwrap_or("");
            let after = rest.get(open + 1..).unwrap_or("");
            let close = after.find('}').unwrap_or(after.len());
            let look = read_declarations(after.get(..close).unwrap_or(""), &mut self.hints);
            if look.bold.is_some() || look.italic.is_some() || look.hidden {
                for class in selectors.split(',').filter_map(selector_class) {
                    self.classes
                        .entry(class.to_ascii_lowercase())
                        .or_default()
                        .merge(look);
                }
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
    }

    fn open_table(&mut self, attrs: &str) {
        let in_cell = self
            .tables
            .last()
            .is_some_and(|t| t.row.as_ref().is_some_and(|r| r.cell.is_some()));
        if !self.tables.is_empty() && (!in_cell || self.tables.len() >= MAX_TABLE_DEPTH) {
            self.close_table();
        }
        // A nested table separates the text before and after it in the outer cell.
        if let Some(cell) = self.open_cell_mut() {
            cell.text.gap(' ');
        }
        if !attrs.is_empty() {
            self.look(attrs);
        }
        self.tables.push(Table::default());
        self.need_separator = true;
    }

    fn close_table(&mut self) {
        self.close_row();
        self.close_caption();
        self.tables.pop();
        self.need_separator = true;
        if let Some(cell) = self.open_cell_mut() {
            cell.text.gap(' ');
        }
    }

    fn ensure_table(&mut self) {
        if self.tables.is_empty() {
            self.tables.push(Table::default());
            self.need_separator = true;
        }
    }

    fn open_row(&mut self, attrs: &str) {
        self.ensure_table();
        self.close_row();
        self.close_caption();
        let look = if attrs.is_empty() {
            Look::default()
        } else {
            self.look(attrs)
        };
        self.trs += 1;
        let line = self.trs;
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(Row::new(line, look));
        }
    }

    fn open_cell(&mut self, attrs: &str, th: bool) {
        self.ensure_table();
        self.close_caption();
        self.close_cell();
        let look = if attrs.is_empty() {
            Look::default()
        } else {
            self.look(attrs)
        };
        let colspan = number_attr(attrs, "colspan").map_or(1, |n| n.clamp(1, MAX_COLUMNS));
        let rowspan = number_attr(attrs, "rowspan").map_or(1, |n| {
            if n == 0 {
                usize::MAX
            } else {
                n.min(65_534)
            }
        });
        let trs = &mut self.trs;
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let row = table.row.get_or_insert_with(|| {
            *trs += 1;
            Row::new(*trs, Look::default())
        });
        row.cell = Some(Cell {
            text: CellText::default(),
            bold: look.bold.or(row.look.bold).unwrap_or(th),
            italic: look.italic.or(row.look.italic).unwrap_or(false),
            hidden: look.hidden,
            colspan,
            rowspan,
            stack: Vec::new(),
        });
    }

    fn close_cell(&mut self) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Table {
            row,
            rows,
            busy,
            busy_max,
            ..
        } = table;
        let Some(row) = row.as_mut() else { return };
        let Some(cell) = row.cell.take() else { return };
        if cell.hidden {
            row.hidden_cells = true;
            return;
        }
        let k = *rows;
        while row.cells.len() < MAX_COLUMNS && busy.get(row.cells.len()).is_some_and(|&e| e > k) {
            row.push(GridCell::default());
        }
        let column = row.cells.len();
        row.push(cell.text.finish(cell.bold, cell.italic));
        let fill = (cell.colspan - 1).min(MAX_COLUMNS.saturating_sub(row.cells.len()));
        for _ in 0..fill {
            row.push(GridCell::default());
        }
        if cell.rowspan > 1 {
            let until = k.saturating_add(cell.rowspan);
            let end = column.saturating_add(cell.colspan).min(MAX_COLUMNS);
            if busy.len() < end {
                busy.resize(end, 0);
            }
            for slot in busy.iter_mut().take(end).skip(column) {
                *slot = (*slot).max(until);
            }
            *busy_max = (*busy_max).max(until);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        let Some(mut row) = table.row.take() else {
            return;
        };
        let k = table.rows;
        table.rows += 1;
        if table.busy_max > k {
            if let Some(last) = table.busy.iter().rposition(|&e| e > k) {
                while row.cells.len() <= last && row.cells.len() < MAX_COLUMNS {
                    row.cells.push(GridCell::default());
                }
            }
        }
        if row.look.hidden || row.hidden_cells {
            self.sink
                .notes
                .push(GridNote::HiddenSkipped { line: row.line });
        }
        if row.look.hidden || row.cells.is_empty() {
            return;
        }
        if row.overflow {
            self.sink.notes.push(GridNote::ColumnsCut {
                line: row.line,
                limit: MAX_COLUMNS,
            });
        }
        self.emit(GridRow {
            line: row.line,
            cells: row.cells,
            split: true,
            heading: false,
        });
    }

    fn open_caption(&mut self) {
        if self.tables.is_empty() {
            return;
        }
        self.close_row();
        self.close_caption();
        if let Some(table) = self.tables.last_mut() {
            table.caption = Some(CellText::default());
        }
    }

    fn close_caption(&mut self) {
        let Some(caption) = self.tables.last_mut().and_then(|t| t.caption.take()) else {
            return;
        };
        let mut cell = caption.finish(true, false);
        if cell.text.is_empty() {
            return;
        }
        cell.bold = true;
        self.emit(GridRow {
            line: self.trs + 1,
            cells: vec![cell],
            split: true,
            heading: true,
        });
    }

    fn emit(&mut self, row: GridRow<'static>) {
        if std::mem::take(&mut self.need_separator)
            && self.sink.rows.last().is_some_and(|r| !r.cells.is_empty())
        {
            self.sink.row(GridRow {
                line: row.line,
                cells: Vec::new(),
                split: false,
                heading: false,
            });
        }
        self.sink.row(row);
    }

    /// Text between tags: into the open cell or caption, else ignored.
    fn text(&mut self, start: usize, end: usize) {
        let Some(s) = self.src.get(start..end) else {
            return;
        };
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        if let Some(cell) = table.row.as_mut().and_then(|r| r.cell.as_mut()) {
            let (bold, italic, hidden) = cell.current();
            if !hidden {
                push_html_text(&mut cell.text, s, bold, italic);
            }
        } else if let Some(caption) = table.caption.as_mut() {
            push_html_text(caption, s, true, false);
        }
    }
}

/// The end of a tag name starting at `from`.
fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes
        .get(i)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A grid as strings: `[b]`, `[i]`, `[bi]` mark emphasis, `[h]` a
    /// heading.
    fn render(grid: &Grid) -> Vec<Vec<String>> {
        grid.rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .map(|c| {
                        let mark = if row.heading {
                            "[h]"
                        } else {
                            match (c.bold, c.italic) {
                                (true, true) => "[bi]",
                                (true, false) => "[b]",
                                (false, true) => "[i]",
                                (false, false) => "",
                            }
                        };
                        format!("{mark}{}", c.text)
                    })
                    .collect()
            })
            .collect()
    }

    /// Rows with text but `split: false`.
    fn unsplit(grid: &Grid) -> Vec<usize> {
        grid.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.split && !r.cells.is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    /// Properties every grid has, whatever the input.
    fn check_invariants(grid: &Grid) {
        assert!(grid.rows.len() <= MAX_ROWS + 1);
        assert!(grid.notes.len() <= MAX_NOTES + 2);
        assert!(grid.rows.last().is_none_or(|r| !r.cells.is_empty()));
        for row in &grid.rows {
            assert!(row.cells.len() <= MAX_COLUMNS);
            assert!(!row.heading || row.cells.len() == 1);
            for cell in &row.cells {
                let t = &cell.text;
                assert_eq!(t.trim(), t, "untrimmed {t:?}");
                assert!(!t.chars().any(|c| c.is_control()), "control in {t:?}");
                let mut previous_space = false;
                for c in t.chars() {
                    let space = c.is_whitespace();
                    assert!(!(space && previous_space), "whitespace run in {t:?}");
                    previous_space = space;
                }
                if t.is_empty() && !row.heading {
                    assert!(!cell.bold && !cell.italic);
                }
            }
        }
    }

    struct Case {
        name: &'static str,
        plain: &'static str,
        html: Option<&'static str>,
        source: Source,
        rows: Vec<Vec<&'static str>>,
        /// Indices of rows with text and `split: false`.
        unsplit: Vec<usize>,
        notes: Vec<GridNote>,
        lines: Option<Vec<usize>>,
        hints: Hints,
    }

    impl Case {
        fn new(name: &'static str, plain: &'static str, source: Source) -> Self {
            Case {
                name,
                plain,
                html: None,
                source,
                rows: Vec::new(),
                unsplit: Vec::new(),
                notes: Vec::new(),
                lines: None,
                hints: Hints::default(),
            }
        }
        fn html(mut self, html: &'static str) -> Self {
            self.html = Some(html);
            self
        }
        fn rows(mut self, rows: &[&[&'static str]]) -> Self {
            self.rows = rows.iter().map(|r| r.to_vec()).collect();
            self
        }
        fn unsplit(mut self, rows: &[usize]) -> Self {
            self.unsplit = rows.to_vec();
            self
        }
        fn notes(mut self, notes: &[GridNote]) -> Self {
            self.notes = notes.to_vec();
            self
        }
        fn lines(mut self, lines: &[usize]) -> Self {
            self.lines = Some(lines.to_vec());
            self
        }
        fn hints(mut self, decimal: char, thousands: char) -> Self {
            self.hints = Hints {
                decimal_separator: Some(decimal),
                thousands_separator: Some(thousands),
            };
            self
        }
    }

    fn text_cases() -> Vec<Case> {
        vec![
            Case::new(
                "Excel TSV with CRLF and a trailing tab",
                "Uppdrag\tUtfall\tBudget\t\r\nRegionkontoret\t-297,2\t-305,0\t\r\nTotalt\t-420,3\t-486,0\t\r\n",
                Source::Tab,
            )
            .rows(&[
                &["Uppdrag", "Utfall", "Budget", ""],
                &["Regionkontoret", "-297,2", "-305,0", ""],
                &["Totalt", "-420,3", "-486,0", ""],
            ])
            .lines(&[1, 2, 3]),
            Case::new(
                "Excel quotes a cell holding a line break, also in TSV",
                "Konto\t\"Budget-\navvikelse\"\tÅr\nA\t\"sa \"\"hej\"\"\"\t2021\r\nB\t1\t2\n",
                Source::Tab,
            )
            .rows(&[
                &["Konto", "Budget- avvikelse", "År"],
                &["A", "sa \"hej\"", "2021"],
                &["B", "1", "2"],
            ])
            .lines(&[1, 3, 4]),
            Case::new(
                "a quote that does not end the field is text",
                "\"Digitalt först\"-satsning\t5\n\"Jag har\" sa 88 %\t6\n",
                Source::Tab,
            )
            .rows(&[
                &["\"Digitalt först\"-satsning", "5"],
                &["\"Jag har\" sa 88 %", "6"],
            ]),
            Case::new(
                "an unterminated quote is text and noted",
                "A\t\"öppen\nB\t2\n",
                Source::Tab,
            )
            .rows(&[&["A", "\"öppen"], &["B", "2"]])
            .notes(&[GridNote::UnterminatedQuote { line: 1 }]),
            Case::new(
                "a lone quote is a ditto mark, not a quoted field",
                "Konto\tEnhet\tBelopp\nA\tmnkr\t1,0\nB\t\"\t2,0\nC\t\"\t\"\n",
                Source::Tab,
            )
            .rows(&[
                &["Konto", "Enhet", "Belopp"],
                &["A", "mnkr", "1,0"],
                &["B", "\"", "2,0"],
                &["C", "\"", "\""],
            ]),
            Case::new(
                "lone CR line ends, BOM",
                "\u{feff}a\tb\rc\td\r\re\tf",
                Source::Tab,
            )
            .rows(&[&["a", "b"], &["c", "d"], &[], &["e", "f"]])
            .lines(&[1, 2, 3, 4])
            .notes(&[GridNote::BomRemoved]),
            Case::new(
                "semicolon CSV with Swedish decimals",
                "Uppdrag;Utfall;Budget;Avvikelse\r\nRegionkontoret;-297,2;-305,0;7,8\r\n\"Säkerhet; övrigt\";2;1 057;1 055\r\n",
                Source::Semicolon,
            )
            .rows(&[
                &["Uppdrag", "Utfall", "Budget", "Avvikelse"],
                &["Regionkontoret", "-297,2", "-305,0", "7,8"],
                &["Säkerhet; övrigt", "2", "1 057", "1 055"],
            ]),
            Case::new(
                "a single semicolon line",
                "Regionkontoret;-297,2;-305,0;7,8",
                Source::Semicolon,
            )
            .rows(&[&["Regionkontoret", "-297,2", "-305,0", "7,8"]]),
            Case::new(
                "comma CSV with point decimals and quotes",
                "Uppdrag,Utfall,Budget,Avvikelse\nRegionkontoret,-297.2,-305.0,7.8\n\"Säkerhet, övrigt\",2,1057,1055\nTotalt,10,20,30\n",
                Source::Comma,
            )
            .rows(&[
                &["Uppdrag", "Utfall", "Budget", "Avvikelse"],
                &["Regionkontoret", "-297.2", "-305.0", "7.8"],
                &["Säkerhet, övrigt", "2", "1057", "1055"],
                &["Totalt", "10", "20", "30"],
            ]),
            Case::new(
                "Swedish decimals are not comma CSV",
                "Regionkontoret -297,2 -305,0 7,8",
                Source::Lines,
            )
            .rows(&[&["Regionkontoret -297,2 -305,0 7,8"]])
            .unsplit(&[0]),
            Case::new(
                "a column of Swedish decimals is not comma CSV",
                "1,5\n2,25\n-3,0\n",
                Source::Lines,
            )
            .rows(&[&["1,5"], &["2,25"], &["-3,0"]])
            .unsplit(&[0, 1, 2]),
            Case::new(
                "prose with commas is not comma CSV",
                "Säkerhet, övrigt 2 1 057 1 055\nSäkerhet, personlarm 1 558 14 100 12 542\n",
                Source::Lines,
            )
            .rows(&[
                &["Säkerhet, övrigt 2 1 057 1 055"],
                &["Säkerhet, personlarm 1 558 14 100 12 542"],
            ])
            .unsplit(&[0, 1]),
            Case::new(
                "Markdown pipe table",
                "Tabell 1\n\n| Uppdrag | Utfall | Budget |\n|---|---:|:---:|\n| Regionkontoret | -297,2 | -305,0 |\n| a \\| b | | **7,8** |\n",
                Source::Pipe,
            )
            .rows(&[
                &["Tabell 1"],
                &[],
                &["Uppdrag", "Utfall", "Budget"],
                &["Regionkontoret", "-297,2", "-305,0"],
                &["a | b", "", "[b]7,8"],
            ])
            .unsplit(&[0])
            .lines(&[1, 2, 3, 5, 6]),
            Case::new(
                "pipe table without outer pipes",
                "Konto | Belopp\n--- | ---\nA | 1\n",
                Source::Pipe,
            )
            .rows(&[&["Konto", "Belopp"], &["A", "1"]]),
            Case::new(
                "markup lines from seed 004",
                "<b>Summa:</b>\t<b>-2 434,7</b>\t<b>-2 610,1</b>\t<b>-2 312,3</b>\t<b>175,4</b>\t<b>-122,4</b>\n\
                 <i>Effekter tidigare års beslut **)</i>\t0\t-32,8\t-72\t32,8\t72\n\
                 <b>Kommentar</b> Under 2021 registrerades 1 545 levnadsvaneformulär.\t\t\n\
                 <p><b>Minst 50 procent.</b></p> <p><i>Kommentar</i> Variationen är 29-54 procent.</p>\t44\t50  \n",
                Source::Tab,
            )
            .rows(&[
                &["[b]Summa:", "[b]-2 434,7", "[b]-2 610,1", "[b]-2 312,3", "[b]175,4", "[b]-122,4"],
                &["[i]Effekter tidigare års beslut **)", "0", "-32,8", "-72", "32,8", "72"],
                &["Kommentar Under 2021 registrerades 1 545 levnadsvaneformulär.", "", ""],
                &["Minst 50 procent. Kommentar Variationen är 29-54 procent.", "44", "50"],
            ])
            .notes(&[
                GridNote::RaggedRow { line: 3, cells: 3, expected: 6 },
                GridNote::RaggedRow { line: 4, cells: 3, expected: 6 },
            ]),
            Case::new(
                "headings, escapes, whole-cell emphasis, footnote stars",
                "# Verksamhetsberättelse\n\n#### *Påverkan av coronapandemin*\n## 1 Inledning ##\n#1 är inte en rubrik\n\
                 \\*) LOU: Lagen om upphandling\n*Budget för regionstyrelsen har minskat.\n*Kursiv rad*\n**Fet rad**\n***Båda***\n\
                 Katrineberg, nybyggnation idrottshall*\nR&amp;D &lt;5 % &#8722;3 &#x2212;4 &minus;5 &auml;&Aring; &bogus; AT&T\n",
                Source::Lines,
            )
            .rows(&[
                &["[h]Verksamhetsberättelse"],
                &[],
                &["[h]Påverkan av coronapandemin"],
                &["[h]1 Inledning"],
                &["#1 är inte en rubrik"],
                &["*) LOU: Lagen om upphandling"],
                &["*Budget för regionstyrelsen har minskat."],
                &["[i]Kursiv rad"],
                &["[b]Fet rad"],
                &["[bi]Båda"],
                &["Katrineberg, nybyggnation idrottshall*"],
                &["R&D <5 % −3 −4 −5 äÅ &bogus; AT&T"],
            ])
            .unsplit(&[4, 5, 6, 7, 8, 9, 10, 11]),
            Case::new(
                "whitespace folding keeps no-break spaces inside numbers",
                "  Belopp \u{a0} i  mnkr\t1\u{a0}234,5\t-2\u{202f}610,1\t5\u{a0}%\t\u{a0}\n",
                Source::Tab,
            )
            .rows(&[&["Belopp i mnkr", "1\u{a0}234,5", "-2\u{202f}610,1", "5 %", ""]]),
            Case::new(
                "ragged rows are noted; prose lines and empty lines end a table",
                "A\tB\tC\n1\t2\n3\t4\t5\nFritext utan tabb\nX\tY\n",
                Source::Tab,
            )
            .rows(&[
                &["A", "B", "C"],
                &["1", "2"],
                &["3", "4", "5"],
                &["Fritext utan tabb"],
                &["X", "Y"],
            ])
            .unsplit(&[3])
            .notes(&[GridNote::RaggedRow { line: 2, cells: 2, expected: 3 }]),
            Case::new("empty paste", "", Source::Lines),
            Case::new("only empty lines", "\n\r\n \n", Source::Lines),
            Case::new(
                "seed 000: Uppdrag table",
                "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
Regionkontoret\t-297,2\t-305,0\t7,8\n\
Förtroendevalda\t-38,1\t-40,0\t1,9\n\
Oförutsett Regionstyrelsen\t-2,1\t-4,4\t2,3\n\
Utvecklingsmedel\t-82,9\t-136,6\t53,7\n\
Totalt\t-420,3\t-486,0\t65,7\n\
",
                Source::Tab,
            )
            .rows(&[
                &["Uppdrag, belopp i mnkr", "Ack. utfall", "Ack. budget", "Ack. budget avvikelse"],
                &["Regionkontoret", "-297,2", "-305,0", "7,8"],
                &["Förtroendevalda", "-38,1", "-40,0", "1,9"],
                &["Oförutsett Regionstyrelsen", "-2,1", "-4,4", "2,3"],
                &["Utvecklingsmedel", "-82,9", "-136,6", "53,7"],
                &["Totalt", "-420,3", "-486,0", "65,7"],
            ]),
            Case::new(
                "seed 001: investment table",
                "Investering (mnkr)\tAck. utfall\tÅrsbudget\tÅrs- prognos\tAvvikelse mot årsbudget\n\
Möbler och utrustning Regionkontoret\t0,5\t4,6\t4,6\t0,0\n\
Kustnära vandringsled\t0,2\t2,7\t2,7\t0,0\n\
Bredbandsutbyggnad i Halland\t0,0\t15,0\t15,0\t0,0\n\
Installation av inbrottslarm i förvaltningarna\t0,4\t0,0\t0,0\t0,0\n\
Framtidens vårdinformationssystem, FVIS\t0,0\t15,0\t15,0\t0,0\n\
IT-utrustning\t12,9\t35,9\t40,0\t-4,1\n\
Summa\t14,0\t73,2\t77,3\t-4,1\n\
",
                Source::Tab,
            )
            .rows(&[
                &["Investering (mnkr)", "Ack. utfall", "Årsbudget", "Års- prognos", "Avvikelse mot årsbudget"],
                &["Möbler och utrustning Regionkontoret", "0,5", "4,6", "4,6", "0,0"],
                &["Kustnära vandringsled", "0,2", "2,7", "2,7", "0,0"],
                &["Bredbandsutbyggnad i Halland", "0,0", "15,0", "15,0", "0,0"],
                &["Installation av inbrottslarm i förvaltningarna", "0,4", "0,0", "0,0", "0,0"],
                &["Framtidens vårdinformationssystem, FVIS", "0,0", "15,0", "15,0", "0,0"],
                &["IT-utrustning", "12,9", "35,9", "40,0", "-4,1"],
                &["Summa", "14,0", "73,2", "77,3", "-4,1"],
            ]),
            Case::new(
                "seed 002: investment plan with empty cells and bold subtotals",
                "Investering\tRe/ny\tTotal projektbudget\tBudget\n\
<b>Regionkontoret</b>\t\t\t\n\
Framtidens vårdinformationssystem, FVIS\tRe\t56,0\t3,0\n\
Säkerhetsinvesteringar larm mm i Region Halland\tRe\t19,4\t6,7\n\
Löpande utbyten av utrustning Regionkontoret\tRe\t\t0,5\n\
Kustnära vandringsled\tNy\t4,0\t1,3\n\
<b>Summa Regionkontoret</b>\t\t\t<b>11,5</b>\n\
\n\
<b>Regionfastigheter nya projekt</b>\t\t\t\n\
Katrineberg, nybyggnation idrottshall*\tRe\t20,0\t20,0\n\
Diverse mindre projekt\tNy/Re\t\t6,2\n\
<b>Summa Regionfastigheter</b>\t\t\t<b>314,1</b>\n\
",
                Source::Tab,
            )
            .rows(&[
                &["Investering", "Re/ny", "Total projektbudget", "Budget"],
                &["[b]Regionkontoret", "", "", ""],
                &["Framtidens vårdinformationssystem, FVIS", "Re", "56,0", "3,0"],
                &["Säkerhetsinvesteringar larm mm i Region Halland", "Re", "19,4", "6,7"],
                &["Löpande utbyten av utrustning Regionkontoret", "Re", "", "0,5"],
                &["Kustnära vandringsled", "Ny", "4,0", "1,3"],
                &["[b]Summa Regionkontoret", "", "", "[b]11,5"],
                &[],
                &["[b]Regionfastigheter nya projekt", "", "", ""],
                &["Katrineberg, nybyggnation idrottshall*", "Re", "20,0", "20,0"],
                &["Diverse mindre projekt", "Ny/Re", "", "6,2"],
                &["[b]Summa Regionfastigheter", "", "", "[b]314,1"],
            ]),
            Case::new(
                "seed 003: PDF text with wrapped headings",
                "Uppdrag, belopp i mnkr Årsprog\n\
nos\n\
\n\
Årsbudg\n\
et\n\
\n\
Prognos\n\
tiserad \n\
\n\
avvikels\n\
e mot \n\
\n\
budget\n\
Regionbidrag 467,7 467,7 0,0 0,0\n\
\x20Förtroendevalda -39,6 -39,1 -0,5 -1,3\n\
\x20Regionkontoret 243,8 -272,5 +28,7 +10,5\n\
\x20Utvecklingsmedel Hälso- och sjukvård -45,8 -95,8 +50,0 +52,2\n\
Total 78,2 0,0 78,2 +16,7\n\
\n\
5.1.3 Prognosförändring sedan föregående rapport\n\
",
                Source::Lines,
            )
            .rows(&[
                &["Uppdrag, belopp i mnkr Årsprog"],
                &["nos"],
                &[],
                &["Årsbudg"],
                &["et"],
                &[],
                &["Prognos"],
                &["tiserad"],
                &[],
                &["avvikels"],
                &["e mot"],
                &[],
                &["budget"],
                &["Regionbidrag 467,7 467,7 0,0 0,0"],
                &["Förtroendevalda -39,6 -39,1 -0,5 -1,3"],
                &["Regionkontoret 243,8 -272,5 +28,7 +10,5"],
                &["Utvecklingsmedel Hälso- och sjukvård -45,8 -95,8 +50,0 +52,2"],
                &["Total 78,2 0,0 78,2 +16,7"],
                &[],
                &["5.1.3 Prognosförändring sedan föregående rapport"],
            ])
            .unsplit(&[0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17, 19])
            .lines(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
            Case::new(
                "seed 003: data lines alone are still not comma CSV",
                "Regionbidrag 467,7 467,7 0,0 0,0\n\
\x20Förtroendevalda -39,6 -39,1 -0,5 -1,3\n\
\x20Oförutsett Regionstyrelsen -4,4 -4,4 0,0 0,0\n\
\x20Regionkontoret 243,8 -272,5 +28,7 +10,5\n\
Total 78,2 0,0 78,2 +16,7\n",
                Source::Lines,
            )
            .rows(&[
                &["Regionbidrag 467,7 467,7 0,0 0,0"],
                &["Förtroendevalda -39,6 -39,1 -0,5 -1,3"],
                &["Oförutsett Regionstyrelsen -4,4 -4,4 0,0 0,0"],
                &["Regionkontoret 243,8 -272,5 +28,7 +10,5"],
                &["Total 78,2 0,0 78,2 +16,7"],
            ])
            .unsplit(&[0, 1, 2, 3, 4]),
            Case::new(
                "seed 004: result table with markup, empty lines and footnotes",
                "<b>Tandvårdsenheten, varav</b>\t<b>-237,2</b>\t<b>-242,0</b>\t<b>-239,1</b>\t<b>4,8</b>\t<b>1,9</b>\n\
- Tandvårdsstöd\t-29,7\t-31,7\t-24,3\t2,0\t-5,4\n\
<b>Summa:</b>\t<b>-2 434,7</b>\t<b>-2 610,1</b>\t<b>-2 312,3</b>\t<b>175,4</b>\t<b>-122,4</b>\n\
\n\
\n\
Belopp i mnkr\tUtfall 2021\tBudget 2021\tUtfall 2020\tBudget- avvikelse\tUtfalls- avvikelse\n\
<b>Övrigt inom regionstyrelsens driftansvar:</b>\t\t\t\t\t\n\
<i>Regionstyrelsens verksamhetskostnad</i>\t-456,7\t-185,1\t168\t-271,6\t-624,7\n\
<i>Effekter tidigare års beslut **)</i>\t0\t-32,8\t-72\t32,8\t72\n\
<b>Totalt resultat regionstyrelsens driftansvar:</b>\t<b>-2 891,4</b>\t<b>-2 954,3</b>\t<b>-2 244,3</b>\t<b>62,9</b>\t<b>-647,1</b>\n\
\n\
\\*\\*\\*) Ännu ej fördelade från beslut ur tidigare års planeringsreserv.\n\
\n\
",
                Source::Tab,
            )
            .rows(&[
                &["[b]Tandvårdsenheten, varav", "[b]-237,2", "[b]-242,0", "[b]-239,1", "[b]4,8", "[b]1,9"],
                &["- Tandvårdsstöd", "-29,7", "-31,7", "-24,3", "2,0", "-5,4"],
                &["[b]Summa:", "[b]-2 434,7", "[b]-2 610,1", "[b]-2 312,3", "[b]175,4", "[b]-122,4"],
                &[],
                &[],
                &["Belopp i mnkr", "Utfall 2021", "Budget 2021", "Utfall 2020", "Budget- avvikelse", "Utfalls- avvikelse"],
                &["[b]Övrigt inom regionstyrelsens driftansvar:", "", "", "", "", ""],
                &["[i]Regionstyrelsens verksamhetskostnad", "-456,7", "-185,1", "168", "-271,6", "-624,7"],
                &["[i]Effekter tidigare års beslut **)", "0", "-32,8", "-72", "32,8", "72"],
                &["[b]Totalt resultat regionstyrelsens driftansvar:", "[b]-2 891,4", "[b]-2 954,3", "[b]-2 244,3", "[b]62,9", "[b]-647,1"],
                &[],
                &["***) Ännu ej fördelade från beslut ur tidigare års planeringsreserv."],
            ])
            .unsplit(&[11]),
            Case::new(
                "seed 004: status table with trailing empty cells",
                "Resultat måluppfyllelse\tUppnått eller överträffat målnivån\tMindre, acceptabel avvikelse från målnivån\tStörre negativ avvikelse från målnivån\n\
\tgrön\tgul\tröd\n\
Effektmål från regionfullmäktige\t4\t4\t\n\
Regionstyrelsens mål\t2\t\t\n\
",
                Source::Tab,
            )
            .rows(&[
                &["Resultat måluppfyllelse", "Uppnått eller överträffat målnivån", "Mindre, acceptabel avvikelse från målnivån", "Större negativ avvikelse från målnivån"],
                &["", "grön", "gul", "röd"],
                &["Effektmål från regionfullmäktige", "4", "4", ""],
                &["Regionstyrelsens mål", "2", "", ""],
            ]),
        ]
    }

    const EXCEL_HTML: &str = r##"<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link id=Main-File rel=Main-File
href="file:///C:/Users/ekonom/AppData/Local/Temp/msohtmlclip1/01/clip.htm">
<link rel=File-List
href="file:///C:/Users/ekonom/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<style>
<!--table
	{mso-displayed-decimal-separator:"\,";
	mso-displayed-thousand-separator:"\ ";}
@page
	{margin:.75in .7in .75in .7in;
	mso-header-margin:.3in;
	mso-footer-margin:.3in;}
tr
	{mso-height-source:auto;}
col
	{mso-width-source:auto;}
br
	{mso-data-placement:same-cell;}
td
	{padding-top:1px;
	padding-right:1px;
	padding-left:1px;
	mso-ignore:padding;
	color:black;
	font-size:11.0pt;
	font-weight:400;
	font-style:normal;
	text-decoration:none;
	font-family:Calibri, sans-serif;
	mso-font-charset:0;
	mso-number-format:General;
	text-align:general;
	vertical-align:bottom;
	border:none;
	mso-background-source:auto;
	mso-pattern:auto;
	mso-protection:locked visible;
	white-space:nowrap;
	mso-rotate:0;}
.xl65
	{mso-number-format:"\#\,\#\#0\.0";}
.xl66
	{font-weight:700;
	mso-number-format:"\#\,\#\#0\.0";}
.xl67
	{font-weight:700;}
.xl68
	{font-style:italic;}
-->
</style>
</head>

<body link="#0563C1" vlink="#954F72">

<table border=0 cellpadding=0 cellspacing=0 width=483 style='border-collapse:
 collapse;width:362pt'>
<!--StartFragment-->
 <col width=227 style='width:170pt'>
 <col width=64 span=4 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl67 width=227 style='height:15.0pt;width:170pt'>Uppdrag,
  belopp i mnkr</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. utfall</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. budget</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. budget avvikelse</td>
  <td width=64 style='width:48pt'></td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>Regionkontoret</td>
  <td class=xl65 align=right x:num="-297.2">-297,2</td>
  <td class=xl65 align=right x:num>-305,0</td>
  <td class=xl65 align=right x:num="7.8000000000000114">7,8</td>
  <td></td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl68 style='height:15.0pt'>Utvecklingsmedel</td>
  <td class=xl65 align=right x:num="-1082.9">-1&nbsp;082,9</td>
  <td class=xl65 align=right x:num="-1136.6">-1 136,6</td>
  <td class=xl65 align=right x:num="53.7">53,7</td>
  <td x:str="Ny&#10;rad">Ny<br>
    rad</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl67 style='height:15.0pt'>Totalt</td>
  <td class=xl66 align=right x:num="-420.3">-420,3</td>
  <td class=xl66 align=right x:num="-486">-486,0</td>
  <td class=xl66 align=right x:num="65.7">65,7</td>
  <td></td>
 </tr>
<!--EndFragment-->
</table>

</body>

</html>
"##;

    const WORD_HTML: &str = r##"<html><head><style><!-- /* Style Definitions */ p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>
<body lang=SV style='tab-interval:65.2pt'>
<!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;
  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='mso-bidi-font-family:Calibri'>Belopp i mnkr<o:p></o:p></span></b></p>
  </td>
  <td width=302 valign=top style='width:226.55pt'>
  <p class=MsoNormal align=right style='text-align:right'><b>Budget-<br>
  avvikelse<o:p></o:p></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=302 valign=top><p class=MsoNormal>Regionstyrelsen och
  regionkansliet<o:p></o:p></p><p class=MsoNormal>(inkl. bilaga)</p></td>
  <td width=302 valign=top><p class=MsoNormal align=right style='text-align:right'>117,6<o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:2'>
  <td><p class=MsoNormal><span style='mso-hide:all'>dold </span>H&auml;lsovalsenheten</p></td>
  <td><p class=MsoNormal align=right>&#8722;2&nbsp;434,7</p></td>
 </tr>
 <tr style='mso-yfti-irow:3'>
  <td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>
  <td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:4;mso-yfti-lastrow:yes'>
  <td><p class=MsoNormal><b>Summa<o:p></o:p></b></p></td>
  <td><p class=MsoNormal align=right><b><span style='font-weight:normal'>(</span>175,4<span style='font-weight:normal'>)</span></b></p></td>
 </tr>
</table>
<!--EndFragment-->
</body></html>"##;

    const WEB_HTML: &str = r##"<!DOCTYPE html><meta charset="utf-8"><h2>Investeringar</h2>
<p>Inledande text som inte är en tabell.</p>
<table class="data">
<caption>Investeringar, <em>mnkr</em></caption>
<thead>
<tr><th rowspan=2>Projekt</th><th colspan="2">2021</th><th rowspan='2'>Avvikelse</th></tr>
<tr><th>Budget</th><th>Prognos</th></tr>
</thead>
<tbody>
<tr><td>IT-utrustning</td><td>35,9</td><td>40,0</td><td>&minus;4,1</td></tr>
<tr><td rowspan=2>Fastigheter</td><td>10,0</td><td>9,0</td><td>1,0</td></tr>
<tr><td>5,0</td><td>5,0</td><td>0,0</td></tr>
<tr style="display: none"><td>Dold</td><td>1</td><td>1</td><td>0</td></tr>
<tr><td colspan=3><strong>Summa</strong></td><td style="font-weight: bold">-3,1</td></tr>
</tbody>
</table>
<p>Text mellan tabellerna.</p>
<table><tr><td>Andra tabellen</td><td>1</td></tr></table>
"##;

    const BROKEN_HTML: &str = "<TABLE BORDER=1><TR><TD>a<TD CLASS=x>b</td></td><tr><td>c<td>d<td>e</table>\
        <table><tr><td title=\"x>y\">1 &amp 2 &#xZZ; &#99999999999; &bogus;</td><td>&lt;b&gt;</td></tr>\
        <tr><td><b>fet<td>inte fet</b></tr></table>\
        <table><tr><td>ofullständig <!-- kommentar utan slut";

    fn html_cases() -> Vec<Case> {
        vec![
            Case::new("Excel for Windows", "ignored\tplain\n", Source::Html)
                .html(EXCEL_HTML)
                .rows(&[
                    &["[b]Uppdrag, belopp i mnkr", "[b]Ack. utfall", "[b]Ack. budget", "[b]Ack. budget avvikelse", ""],
                    &["Regionkontoret", "-297,2", "-305,0", "7,8", ""],
                    &["[i]Utvecklingsmedel", "-1\u{a0}082,9", "-1 136,6", "53,7", "Ny rad"],
                    &["[b]Totalt", "[b]-420,3", "[b]-486,0", "[b]65,7", ""],
                ])
                .lines(&[1, 2, 3, 4])
                .hints(',', ' '),
            Case::new("Word", "", Source::Html).html(WORD_HTML).rows(&[
                &["[b]Belopp i mnkr", "[b]Budget- avvikelse"],
                &["Regionstyrelsen och regionkansliet (inkl. bilaga)", "117,6"],
                &["Hälsovalsenheten", "−2\u{a0}434,7"],
                &["", ""],
                &["[b]Summa", "(175,4)"],
            ]),
            Case::new("web page with th, colspan, rowspan and caption", "", Source::Html)
                .html(WEB_HTML)
                .rows(&[
                    &["[h]Investeringar, mnkr"],
                    &["[b]Projekt", "[b]2021", "", "[b]Avvikelse"],
                    &["", "[b]Budget", "[b]Prognos", ""],
                    &["IT-utrustning", "35,9", "40,0", "−4,1"],
                    &["Fastigheter", "10,0", "9,0", "1,0"],
                    &["", "5,0", "5,0", "0,0"],
                    &["[b]Summa", "", "", "[b]-3,1"],
                    &[],
                    &["Andra tabellen", "1"],
                ])
                .lines(&[1, 1, 2, 3, 4, 5, 7, 8, 8])
                .notes(&[GridNote::HiddenSkipped { line: 6 }]),
            Case::new("broken HTML", "", Source::Html)
                .html(BROKEN_HTML)
                .rows(&[
                    &["a", "b"],
                    &["c", "d", "e"],
                    &[],
                    &["1 &amp 2 &#xZZ; \u{fffd} &bogus;", "<b>"],
                    &["[b]fet", "inte fet"],
                    &[],
                    &["ofullständig"],
                ])
                .notes(&[GridNote::RaggedRow { line: 1, cells: 2, expected: 3 }]),
            Case::new(
                "table parts without a table, inline style, &quot; hints",
                "",
                Source::Html,
            )
            .html(
                "<tr style='mso-displayed-decimal-separator:&quot;\\.&quot;;mso-displayed-thousand-separator:&quot;\\,&quot;'>\
                 <td style='font-weight:700'>Rubrik</td><td style=\"font-style:italic\">x</td></tr><td>a</td>",
            )
            .rows(&[&["[b]Rubrik", "[i]x"], &["a"]])
            .hints('.', ',')
            .notes(&[GridNote::RaggedRow { line: 2, cells: 1, expected: 2 }]),
            Case::new("nested table", "", Source::Html)
                .html("<table><tr><td>yttre<table><tr><td>inre</td><td>1</td></tr></table>slut</td><td>2</td></tr></table>")
                .rows(&[&["inre", "1"], &[], &["yttre slut", "2"]])
                .lines(&[2, 1, 1]),
            Case::new(
                "HTML without a table falls back to the plain text",
                "Regionkontoret\t-297,2\n",
                Source::Tab,
            )
            .html("<p><b>Regionkontoret</b> -297,2</p>")
            .rows(&[&["Regionkontoret", "-297,2"]])
            .notes(&[GridNote::HtmlWithoutTable]),
            Case::new("empty HTML is no HTML", "a;b", Source::Semicolon)
                .html("  \n")
                .rows(&[&["a", "b"]]),
        ]
    }

    #[test]
    fn reads_every_case_as_expected() {
        for case in text_cases().into_iter().chain(html_cases()) {
            let grid = read_clipboard(case.plain, case.html);
            let name = case.name;
            assert_eq!(grid.source, case.source, "{name}: source");
            let expected: Vec<Vec<String>> = case
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            assert_eq!(render(&grid), expected, "{name}: rows");
            assert_eq!(unsplit(&grid), case.unsplit, "{name}: unsplit rows");
            assert_eq!(grid.notes, case.notes, "{name}: notes");
            assert_eq!(grid.hints, case.hints, "{name}: hints");
            if let Some(lines) = &case.lines {
                let got: Vec<usize> = grid.rows.iter().map(|r| r.line).collect();
                assert_eq!(&got, lines, "{name}: lines");
            }
            check_invariants(&grid);
        }
    }

    #[test]
    fn html_is_preferred_and_plain_text_reads_the_same_table() {
        let plain = "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\t\r\n\
                     Regionkontoret\t-297,2\t-305,0\t7,8\t\r\n";
        let from_text = read_text(plain);
        assert_eq!(from_text.source, Source::Tab);
        let from_html = read_clipboard(plain, Some(EXCEL_HTML));
        assert_eq!(from_html.source, Source::Html);
        let strip = |g: &Grid| -> Vec<Vec<String>> {
            g.rows
                .iter()
                .take(2)
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect()
        };
        assert_eq!(strip(&from_text), strip(&from_html));
    }

    #[test]
    fn whole_seed_documents_read_without_surprises() {
        // Kept short: the first lines of seeds 004 (tabs, markup, headings)
        // and 003 (PDF text).
        let seed_004 = "\n\n# Verksamhetsberättelse\n\nRegionstyrelsen 2021\n\n## Innehållsförteckning\n\n\
                        <b>1</b>\t<b>Inledning</b>\t<b>3</b>\n3.1\tSammanfattning resultat av mål och uppdrag\t5\n";
        let grid = read_text(seed_004);
        assert_eq!(grid.source, Source::Tab);
        assert_eq!(
            render(&grid),
            vec![
                vec![],
                vec![],
                vec!["[h]Verksamhetsberättelse".to_string()],
                vec![],
                vec!["Regionstyrelsen 2021".to_string()],
                vec![],
                vec!["[h]Innehållsförteckning".to_string()],
                vec![],
                vec!["[b]1".into(), "[b]Inledning".into(), "[b]3".into()],
                vec![
                    "3.1".into(),
                    "Sammanfattning resultat av mål och uppdrag".into(),
                    "5".into()
                ],
            ]
        );
        let seed_003 = "5.1.1 Prognosindikator\nIndikator Årsprognos tkr Årsbudget tkr Avvikelse tkr\nPrognos \n\
                        budgetavvikelse 78 200 tkr 0 tkr 78 200 tkr\n\n5.1.2 Analys av prognosen\n\
                        Sammantaget prognostiserar Regionkontorets verksamhet en ekonomisk avvikelse på \n\
                        +78,2 mnkr jämfört mot budget för 2020.\n\n\u{f0b7} +8,0 mnkr avser överskott på grund av vakanser och sjukskrivningar.\n";
        let grid = read_text(seed_003);
        assert_eq!(grid.source, Source::Lines);
        assert_eq!(grid.rows.len(), 10);
        assert!(grid.rows.iter().all(|r| !r.split));
        assert!(grid.notes.is_empty());
    }

    #[test]
    fn caps_columns_rows_and_notes() {
        let wide = "x\t".repeat(MAX_COLUMNS + 10);
        let grid = read_text(&wide);
        assert_eq!(grid.rows.first().map(|r| r.cells.len()), Some(MAX_COLUMNS));
        assert_eq!(
            grid.notes,
            vec![GridNote::ColumnsCut {
                line: 1,
                limit: MAX_COLUMNS
            }]
        );

        let wide_html = format!(
            "<table><tr>{}</tr></table>",
            "<td colspan=700>a</td>".repeat(3)
        );
        let grid = read_html(&wide_html).unwrap_or_default();
        assert_eq!(grid.rows.first().map(|r| r.cells.len()), Some(MAX_COLUMNS));
        assert_eq!(
            grid.notes,
            vec![GridNote::ColumnsCut {
                line: 1,
                limit: MAX_COLUMNS
            }]
        );

        let tall = "a\tb\n".repeat(MAX_ROWS + 5);
        let grid = read_text(&tall);
        assert_eq!(grid.rows.len(), MAX_ROWS);
        assert_eq!(grid.notes, vec![GridNote::RowsCut { line: MAX_ROWS + 1 }]);

        let many_cells = "a\tb\tc\td\te\tf\tg\n".repeat(MAX_CELLS / 7 + 5);
        let grid = read_text(&many_cells);
        assert!(grid.rows.len() * 7 <= MAX_CELLS);
        assert!(matches!(grid.notes.as_slice(), [GridNote::RowsCut { .. }]));

        let ragged = "a\tb\tc\n".to_string()
            + &"a\tb\n".repeat(MAX_NOTES + 20)
            + "a\tb\tc\n".repeat(MAX_NOTES + 30).as_str();
        let grid = read_text(&ragged);
        assert_eq!(grid.notes.len(), MAX_NOTES + 1);
        assert_eq!(grid.notes.last(), Some(&GridNote::NotesCut { omitted: 20 }));
    }

    /// A paste of 100 000 rows × 6 columns (about 5 MB).
    fn big_paste() -> String {
        let mut text = String::with_capacity(6_000_000);
        text.push_str("Uppdrag, belopp i mnkr\tUtfall 2021\tBudget 2021\tUtfall 2020\tBudget- avvikelse\tUtfalls- avvikelse\r\n");
        for i in 1..100_000 {
            text.push_str(&format!(
                "Verksamhet nummer {i}\t-1 {:03},{}\t-2 610,1\t<b>-2 312,3</b>\t175,4\t-122,4\r\n",
                i % 1000,
                i % 10
            ));
        }
        text
    }

    #[test]
    fn reads_100_000_rows_quickly() {
        let text = big_paste();
        assert!(text.len() > 5_000_000);
        let started = std::time::Instant::now();
        let grid = read_text(&text);
        let elapsed = started.elapsed();
        assert_eq!(grid.rows.len(), 100_000);
        assert!(grid.rows.iter().all(|r| r.cells.len() == 6));
        assert!(grid.notes.is_empty());
        eprintln!(
            "100 000 rows × 6 columns ({} bytes) read in {elapsed:?}",
            text.len()
        );
        if !cfg!(debug_assertions) {
            assert!(elapsed.as_millis() < 1000, "took {elapsed:?}");
        }

        let mut html = String::from("<table>");
        for i in 0..20_000 {
            html.push_str(&format!(
                "<tr><td class=xl65>Rad {i}</td><td align=right x:num>1&nbsp;234,5</td><td>-2 610,1</td><td><b>-2 312,3</b></td><td>175,4</td><td>-122,4</td></tr>\n"
            ));
        }
        html.push_str("</table>");
        let started = std::time::Instant::now();
        let grid = read_html(&html).unwrap_or_default();
        eprintln!(
            "20 000 HTML rows ({} bytes) read in {:?}",
            html.len(),
            started.elapsed()
        );
        assert_eq!(grid.rows.len(), 20_000);
    }

    #[test]
    fn hostile_inputs_stay_linear() {
        let inputs = [
            "\"\t".repeat(200_000),
            "\"a\"\"\t".repeat(100_000),
            "\t\"\"\"".repeat(100_000),
            "a,\"".repeat(200_000),
            "<td colspan=1000 rowspan=0>".repeat(3_000),
            "<span>".repeat(200_000),
            "<table><tr><td>".repeat(50_000),
            "<td title=\"".repeat(100_000),
            "<!--".repeat(100_000),
            "<style>".repeat(100_000),
            "&#".repeat(200_000) + &"9".repeat(100_000),
            "\n".repeat(1_000_000),
            "|".repeat(1_000_000),
            "<b>".repeat(200_000),
        ];
        for input in &inputs {
            let started = std::time::Instant::now();
            let text = read_clipboard(input, None);
            let html = read_clipboard(input, Some(input));
            check_invariants(&text);
            check_invariants(&html);
            let elapsed = started.elapsed();
            assert!(
                elapsed.as_secs() < 20,
                "{:?}… took {elapsed:?}",
                input.get(..20)
            );
        }
    }

    const HTML_PARTS: &[&str] = &[
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "</th>",
        "<td colspan=3>",
        "<td rowspan=2>",
        "<td rowspan=0 colspan=99999>",
        "<TD CLASS=x>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<strong>",
        "<span style='font-weight:700'>",
        "</span>",
        "<br>",
        "<br/>",
        "<p>",
        "</p>",
        "&nbsp;",
        "&amp;",
        "&#8722;",
        "&#x;",
        "&",
        "<!--",
        "-->",
        "<style>",
        "</style>",
        ".x{font-weight:bold}",
        "{",
        "}",
        "<caption>",
        "</caption>",
        "a",
        "1 234,5",
        " ",
        "\n",
        "\"",
        "'",
        "<",
        ">",
        "=",
        "<td title=\"",
        "<script>",
        "</script>",
        "<!",
        "<?",
        "mso-displayed-decimal-separator:\"\\,\";",
        "<tr style=\"display:none\">",
        "<td style=mso-hide:all>",
        "é",
        "\u{a0}",
        "\t",
        "*",
        "#",
        "|",
        "\\",
    ];

    /// Words of cell texts, tricky ones included; none holds a tab, quote,
    /// line end or markup.
    const WORDS: &[&str] = &[
        "Regionkontoret",
        "Årsbudget",
        "Års-",
        "prognos",
        "(tkr)",
        "mnkr",
        "-297,2",
        "+28,7",
        "1\u{a0}234,5",
        "-2\u{202f}610,1",
        "0,0",
        "2021",
        "1.5",
        "x,y",
        "a;b",
        "%",
        "±0",
        "−4,1",
        "–",
        "FVIS",
        "Re/Ny",
        "26,5%",
        "→",
        "Säkerhet,",
        "övrigt",
        "1",
        "-",
        "+",
        "ö",
    ];

    fn cell_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..4).prop_map(|words| words.join(" "))
    }

    /// Characters that steer the text reader.
    const TEXT_CHARS: &[char] = &[
        '\t', '\n', '\r', '"', ';', ',', '|', ' ', 'a', 'b', '0', '1', '9', '<', '>', '/', '&',
        '#', '*', '\\', '=', '!', '.', '-', '\u{a0}', 'ö', 'b', 'i', 'p', 'r',
    ];
    fn grid_cells() -> impl Strategy<Value = Vec<Vec<String>>> {
        (2usize..7, 1usize..8).prop_flat_map(|(columns, rows)| {
            prop::collection::vec(prop::collection::vec(cell_text(), columns), rows)
        })
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in any::<String>()) {
            check_invariants(&read_clipboard(&s, None));
            check_invariants(&read_clipboard(&s, Some(&s)));
            check_invariants(&read_clipboard("", Some(&s)));
        }

        #[test]
        fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let s = String::from_utf8_lossy(&bytes);
            check_invariants(&read_clipboard(&s, None));
            check_invariants(&read_clipboard(&s, Some(&s)));
        }

        #[test]
        fn never_panics_on_table_like_text(chars in prop::collection::vec(prop::sample::select(TEXT_CHARS), 0..300)) {
            let s: String = chars.into_iter().collect();
            check_invariants(&read_clipboard(&s, None));
            check_invariants(&read_clipboard(&s, Some(&s)));
        }

        #[test]
        fn never_panics_on_html_soup(parts in prop::collection::vec(prop::sample::select(HTML_PARTS), 0..80)) {
            let html = parts.concat();
            check_invariants(&read_clipboard(&html, Some(&html)));
            if let Some(grid) = read_html(&html) {
                check_invariants(&grid);
                prop_assert_eq!(grid.source, Source::Html);
            }
        }

        #[test]
        fn tsv_round_trips(cells in grid_cells(), crlf in any::<bool>(), final_newline in any::<bool>()) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let mut tsv = cells.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join(newline);
            if final_newline {
                tsv.push_str(newline);
            }
            let grid = read_text(&tsv);
            prop_assert_eq!(grid.source, Source::Tab);
            let back: Vec<Vec<String>> = grid
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
                .collect();
            prop_assert_eq!(back, cells);
            prop_assert!(grid.notes.is_empty());
            prop_assert!(grid.rows.iter().all(|r| r.split && r.cells.iter().all(|c| !c.bold && !c.italic)));
        }
    }
}
