//! HTML: `<table>` markup read with a small, tolerant scanner, with the
//! emphasis and visibility its styles give.

use super::*;

/// Emphasis and visibility from a tag's `style` and `class`.
#[derive(Default, Clone, Copy)]
pub(super) struct Look {
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) hidden: bool,
}

impl Look {
    pub(super) fn merge(&mut self, other: Look) {
        self.bold = other.bold.or(self.bold);
        self.italic = other.italic.or(self.italic);
        self.hidden |= other.hidden;
    }
}

/// An element open inside a cell, with the emphasis in effect inside it.
pub(super) struct Frame<'a> {
    pub(super) name: &'a str,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) hidden: bool,
}

pub(super) struct Cell<'a> {
    pub(super) text: CellText,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) hidden: bool,
    pub(super) colspan: usize,
    pub(super) rowspan: usize,
    pub(super) stack: Vec<Frame<'a>>,
}

impl Cell<'_> {
    /// Bold, italic, hidden in effect for text at this point.
    pub(super) fn current(&self) -> (bool, bool, bool) {
        self.stack
            .last()
            .map_or((self.bold, self.italic, self.hidden), |f| {
                (f.bold, f.italic, f.hidden)
            })
    }
}

pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) cells: Vec<GridCell<'static>>,
    pub(super) overflow: bool,
    pub(super) hidden_cells: bool,
    pub(super) look: Look,
    pub(super) cell: Option<Cell<'a>>,
}

impl Row<'_> {
    pub(super) fn new(line: usize, look: Look) -> Self {
        Row {
            line,
            cells: Vec::new(),
            overflow: false,
            hidden_cells: false,
            look,
            cell: None,
        }
    }

    pub(super) fn push(&mut self, cell: GridCell<'static>) {
        if self.cells.len() < MAX_COLUMNS {
            self.cells.push(cell);
        } else {
            self.overflow = true;
        }
    }
}

#[derive(Default)]
pub(super) struct Table<'a> {
    pub(super) row: Option<Row<'a>>,
    /// Rows started so far (the index of the open row).
    pub(super) rows: usize,
    /// Per column, the row index from which it is no longer taken by a
    /// `rowspan` from above.
    pub(super) busy: Vec<usize>,
    pub(super) busy_max: usize,
    pub(super) caption: Option<CellText>,
}

pub(super) struct HtmlReader<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    pub(super) sink: Sink<'static>,
    pub(super) tables: Vec<Table<'a>>,
    pub(super) trs: usize,
    pub(super) need_separator: bool,
    /// CSS classes' looks, sorted by class name for binary search (a
    /// hash map would bring a hasher into the download for this alone).
    pub(super) classes: Vec<(String, Look)>,
    pub(super) hints: Hints,
    pub(super) last_double_quote: Option<usize>,
    pub(super) last_single_quote: Option<usize>,
}

pub(super) fn is_any(name: &str, list: &[&str]) -> bool {
    list.iter().any(|n| name.eq_ignore_ascii_case(n))
}

pub(super) const BLOCK_TAGS: &[&str] = &[
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

pub(super) const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Finds `needle` in `hay` from `from`.
pub(super) fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
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

pub(super) fn find_byte(hay: &[u8], from: usize, byte: u8) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|r| from + r)
}

/// The value of attribute `want` in a tag's attribute text.
pub(super) fn attr<'a>(attrs: &'a str, want: &str) -> Option<&'a str> {
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
pub(super) fn number_attr(attrs: &str, name: &str) -> Option<usize> {
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
pub(super) fn declarations(body: &str) -> impl Iterator<Item = &str> {
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
pub(super) fn read_declarations(body: &str, hints: &mut Hints) -> Look {
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
pub(super) fn css_char(value: &str) -> Option<char> {
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
pub(super) fn css_unescape(s: &str) -> String {
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
pub(super) fn selector_class(selector: &str) -> Option<&str> {
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
pub(super) fn strip_css_comments(css: &str) -> String {
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
    pub(super) fn new(src: &'a str) -> Self {
        HtmlReader {
            src,
            pos: 0,
            sink: Sink::default(),
            tables: Vec::new(),
            trs: 0,
            need_separator: false,
            classes: Vec::new(),
            hints: Hints::default(),
            last_double_quote: src.rfind('"'),
            last_single_quote: src.rfind('\''),
        }
    }

    pub(super) fn run(&mut self) {
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
    pub(super) fn markup(&mut self, p: usize) {
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
    pub(super) fn tag_end(&self, from: usize) -> usize {
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
    pub(super) fn raw_text(&mut self, name: &str) -> &'a str {
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

    pub(super) fn start_tag(&mut self, name: &'a str, attrs: &'a str) {
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

    pub(super) fn end_tag(&mut self, name: &str) {
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

    pub(super) fn open_cell_mut(&mut self) -> Option<&mut Cell<'a>> {
        self.tables.last_mut()?.row.as_mut()?.cell.as_mut()
    }

    pub(super) fn open_caption_mut(&mut self) -> Option<&mut CellText> {
        self.tables.last_mut()?.caption.as_mut()
    }

    pub(super) fn inline_start(&mut self, name: &'a str, attrs: &'a str) {
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
    pub(super) fn look(&mut self, attrs: &str) -> Look {
        let mut look = Look::default();
        if let Some(class) = attr(attrs, "class") {
            for name in class.split_ascii_whitespace() {
                let lower;
                let key = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower = name.to_ascii_lowercase();
                    lower.as_str()
                } else {
                    name
                };
                if let Ok(at) = self.classes.binary_search_by(|(c, _)| c.as_str().cmp(key)) {
                    if let Some((_, class_look)) = self.classes.get(at) {
                        look.merge(*class_look);
                    }
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
    pub(super) fn read_css(&mut self, css: &str) {
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
                    let class = class.to_ascii_lowercase();
                    match self.classes.binary_search_by(|(c, _)| c.cmp(&class)) {
                        Ok(at) => {
                            if let Some((_, known)) = self.classes.get_mut(at) {
                                known.merge(look);
                            }
                        }
                        Err(at) => self.classes.insert(at, (class, look)),
                    }
                }
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
    }

    pub(super) fn open_table(&mut self, attrs: &str) {
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

    pub(super) fn close_table(&mut self) {
        self.close_row();
        self.close_caption();
        self.tables.pop();
        self.need_separator = true;
        if let Some(cell) = self.open_cell_mut() {
            cell.text.gap(' ');
        }
    }

    pub(super) fn ensure_table(&mut self) {
        if self.tables.is_empty() {
            self.tables.push(Table::default());
            self.need_separator = true;
        }
    }

    pub(super) fn open_row(&mut self, attrs: &str) {
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

    pub(super) fn open_cell(&mut self, attrs: &str, th: bool) {
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

    pub(super) fn close_cell(&mut self) {
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

    pub(super) fn close_row(&mut self) {
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

    pub(super) fn open_caption(&mut self) {
        if self.tables.is_empty() {
            return;
        }
        self.close_row();
        self.close_caption();
        if let Some(table) = self.tables.last_mut() {
            table.caption = Some(CellText::default());
        }
    }

    pub(super) fn close_caption(&mut self) {
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

    pub(super) fn emit(&mut self, row: GridRow<'static>) {
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
    pub(super) fn text(&mut self, start: usize, end: usize) {
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
pub(super) fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes
        .get(i)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
    {
        i += 1;
    }
    i
}
