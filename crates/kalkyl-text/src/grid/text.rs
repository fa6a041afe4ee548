//! Plain text: its cells (inline markup, Markdown emphasis), and its
//! lines and delimiters (tabs, CSV, pipe tables, one cell per line).

use super::*;

/// Reads one text cell: inline markup, entities, escapes, whole-cell
/// Markdown emphasis.
pub(super) fn text_cell(raw: &str) -> GridCell<'_> {
    if let Some(cell) = plain_cell(raw) {
        return cell;
    }
    decoded_cell(raw)
}

/// [`text_cell`] the full way: markup, entities, escapes and whitespace
/// decoded character by character.
pub(super) fn decoded_cell(raw: &str) -> GridCell<'static> {
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
/// stands; so is a figure grouped with single no-break spaces between
/// digits ("1\u{a0}864,1", as Excel copies it), which the full way keeps.
/// Anything else (markup, entities, escapes, stars, other whitespace,
/// control characters) goes the full way in [`decoded_cell`].
pub(super) fn plain_cell(raw: &str) -> Option<GridCell<'_>> {
    let text = raw.trim();
    let mut previous_space = false;
    let mut previous_digit = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let plain = if c == ' ' {
            !previous_space
        } else if c == '\u{a0}' || c == '\u{202f}' {
            previous_digit && chars.peek().is_some_and(char::is_ascii_digit)
        } else if c.is_ascii() {
            c.is_ascii_graphic() && !matches!(c, '<' | '&' | '\\' | '*')
        } else {
            crate::latin::is_letter(c)
        };
        if !plain {
            return None;
        }
        previous_space = c == ' ';
        previous_digit = c.is_ascii_digit();
    }
    Some(GridCell {
        text: Cow::Borrowed(text),
        bold: false,
        italic: false,
    })
}

/// `**x**` (bold), `*x*` (italic) or `***x***` (both) around a whole,
/// trimmed cell: the inner text and the emphasis.
pub(super) fn markdown_emphasis(s: &str) -> (&str, bool, bool) {
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
pub(super) enum Inline {
    Bold(bool),
    Italic(bool),
    Block,
    Other,
}

/// Recognises a known tag at the start of `s` (which starts with `<`): its
/// meaning and byte length. Anything else ("<5 %") is text.
pub(super) fn inline_tag(s: &str) -> Option<(Inline, usize)> {
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
pub(super) fn markdown_heading(line: &str) -> Option<&str> {
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

pub(super) fn heading_row(line: usize, text: &str) -> GridRow<'static> {
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
pub(super) fn text_row(line: usize, mut cells: Vec<GridCell<'_>>, split: bool) -> GridRow<'_> {
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
pub(super) struct PhysicalLines<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) line: usize,
}

impl<'a> PhysicalLines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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
pub(super) fn after_line_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'\r') if bytes.get(at + 1) == Some(&b'\n') => at + 2,
        Some(_) => at + 1,
        None => bytes.len(),
    }
}

/// Chooses the delimiter for the whole paste (see [`read_text`]).
pub(super) fn detect(text: &str) -> Source {
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

pub(super) fn looks_like_pipe_table(text: &str) -> bool {
    if !text.contains('|') {
        return false;
    }
    // Lines closed by a pipe on one side only ("Rörelseresultat | 2 955 |
    // 3 128 |", a grid as some sites print it) count when they are at least
    // half the text's lines: a line or two of breadcrumbs are no table.
    let (mut lines, mut one_sided) = (0, 0);
    for (_, line) in PhysicalLines::new(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let pipes = t.bytes().filter(|&b| b == b'|').count();
        let (open, close) = (t.starts_with('|'), t.ends_with('|'));
        if is_pipe_separator(t) || (t.len() >= 2 && open && close && pipes >= 3) {
            return true;
        }
        lines += 1;
        if pipes >= 2 && (open || close) {
            one_sided += 1;
        }
    }
    one_sided >= 2 && one_sided * 2 >= lines
}

/// A Markdown table separator line: `|---|:--:|`.
pub(super) fn is_pipe_separator(t: &str) -> bool {
    t.contains('|')
        && t.contains('-')
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// Whether `delim` splits the text consistently as CSV (see [`read_text`]).
pub(super) fn csv_fits(text: &str, delim: u8) -> bool {
    if !text.as_bytes().contains(&delim) {
        return false;
    }
    let bytes = text.as_bytes();
    let mut tokens = Tokenizer::new(text, delim);
    let mut fields = Vec::new();
    let mut widths = Tally::default();
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
        widths.count(fields.len());
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
    let Some((width, count)) = widths.most_common() else {
        return false;
    };
    // One line with commas is no comma CSV: a PDF text layer that lost its
    // line breaks writes decimal commas glued to the next figure
    // ("239,2248,6240,0"), which no record-by-record check can tell.
    let enough_records = delim != b',' || records >= 2;
    width >= 2
        && enough_records
        && count * 5 >= records * 4
        && spaced * 2 <= boundaries
        && decimal * 10 <= delimited
}

/// Whether every comma of a record sits where a Swedish decimal comma would:
/// a digit before it, one or two digits after it that end the number
/// ("-297,2 -305,0 7,8"). A prose comma (a letter before it, a space after
/// it: "Prognos budgetavvikelser, mkr Kommunstyrelsen 0,8 ...", a caption on
/// the line of its figures) says nothing either way; one decimal comma at
/// least must be there.
pub(super) fn reads_as_decimals(bytes: &[u8], fields: &[Span]) -> bool {
    let last = fields.len().saturating_sub(1);
    let mut decimals = 0usize;
    let every = fields.windows(2).enumerate().all(|(k, pair)| {
        let [before, after] = pair else { return false };
        if before.quoted || after.quoted || before.end <= before.start {
            return false;
        }
        let ends = bytes.get(before.end - 1);
        if ends.is_some_and(u8::is_ascii_alphabetic) && bytes.get(after.start) == Some(&b' ') {
            return true;
        }
        if !ends.is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let digits = bytes
            .get(after.start..after.end)
            .map_or(0, |f| f.iter().take_while(|b| b.is_ascii_digit()).count());
        if !(1..=2).contains(&digits) {
            return false;
        }
        decimals += 1;
        let next = after.start + digits;
        if next >= after.end {
            k + 1 == last
        } else {
            !matches!(bytes.get(next), Some(b'0'..=b'9' | b'.' | b','))
        }
    });
    every && decimals > 0
}

/// A field of a delimited record: a byte range of the text. For a quoted
/// field, the range between the quotes (doubled quotes still doubled).
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) quoted: bool,
}

/// What [`Tokenizer::next_record`] found.
pub(super) enum Record<'a> {
    /// A Markdown heading line: its line and text.
    Heading(usize, &'a str),
    /// Delimited fields (in the caller's buffer).
    Fields(RecordInfo),
}

pub(super) struct RecordInfo {
    pub(super) line: usize,
    pub(super) delimiters: usize,
    pub(super) overflow: bool,
    pub(super) unterminated: bool,
    pub(super) quotes_off: bool,
}

/// The outcome of looking for a quoted field's end.
pub(super) enum Quoted {
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
pub(super) struct Tokenizer<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) line: usize,
    pub(super) delim: u8,
    pub(super) quotes: bool,
    /// Bytes that failed quote look-aheads may still scan; keeps time linear.
    pub(super) budget: usize,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(text: &'a str, delim: u8) -> Self {
        Tokenizer {
            text,
            pos: 0,
            line: 1,
            delim,
            quotes: true,
            budget: text.len().saturating_add(4096),
        }
    }

    pub(super) fn next_record(&mut self, fields: &mut Vec<Span>) -> Option<Record<'a>> {
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
    pub(super) fn field(&mut self, info: &mut RecordInfo) -> Span {
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
    pub(super) fn quoted(&self, start: usize) -> Quoted {
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
pub(super) fn read_delimited<'a>(text: &'a str, delim: u8, sink: &mut Sink<'a>) {
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

pub(super) fn span_cell<'a>(text: &'a str, span: &Span) -> GridCell<'a> {
    let raw = text.get(span.start..span.end).unwrap_or("");
    if span.quoted && raw.contains("\"\"") {
        text_cell(&raw.replace("\"\"", "\"")).into_owned()
    } else {
        text_cell(raw)
    }
}

/// Reads a Markdown pipe table (and the lines around it).
pub(super) fn read_pipe<'a>(text: &'a str, sink: &mut Sink<'a>) {
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

pub(super) fn pipe_row<'a>(line: usize, t: &'a str, notes: &mut Notes) -> GridRow<'a> {
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
pub(super) fn read_lines<'a>(text: &'a str, sink: &mut Sink<'a>) {
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
