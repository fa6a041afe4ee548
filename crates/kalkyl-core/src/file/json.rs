//! A small JSON reader and writer, enough for Kalkyl's own files and
//! without the size of a general serialisation library in the wasm.
//!
//! - [`parse`] reads RFC 8259 JSON into a [`Value`] tree. Numbers are kept
//!   as their source text (nothing becomes a float); strings borrow from the
//!   input unless they hold escapes, which are all decoded (`\uXXXX` with
//!   surrogate pairs; a lone surrogate is an error). Duplicate keys in an
//!   object are an error (found in about linear time, even in large
//!   maps). Hard limits ([`MAX_INPUT_BYTES`], [`MAX_DEPTH`],
//!   [`MAX_STRING_BYTES`], [`MAX_ITEMS`]) give an error, never a panic or
//!   a stack overflow, and every error says where (line and column).
//! - [`write`] writes a tree deterministically: keys in the tree's order,
//!   two-space indentation, one member per line, except that a container
//!   whose members are scalars or containers of scalars is written on one
//!   line (`[{"text": "A"}, "1.5", null]`, `{"sv": "…", "en": "…"}`) unless
//!   it is the outermost value; `": "` after keys and `", "` between
//!   members on one line; non-ASCII text as UTF-8, and only `"`, `\` and
//!   control characters escaped. The same tree always gives the same bytes.
//!   [`write_compact`] writes everything on one line without spaces.

use std::borrow::Cow;

use super::{ErrorKind, FileError, Place, Syntax};

/// The largest text [`parse`] reads: 64 MiB.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// The deepest nesting of arrays and objects [`parse`] reads.
pub const MAX_DEPTH: usize = 64;

/// The longest string [`parse`] reads, in bytes as written: 32 MiB (a
/// pasted source can be large).
pub const MAX_STRING_BYTES: usize = 32 << 20;

/// The most members of one array or object: [`crate::grid::MAX_CELLS`].
pub const MAX_ITEMS: usize = crate::grid::MAX_CELLS;

/// A JSON value. Text borrows from the parsed input where it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (`-297.2`, `1e5`).
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object: its members in order (keys are unique when parsed).
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// A string value that borrows.
    pub fn str(s: &'a str) -> Value<'a> {
        Value::String(Cow::Borrowed(s))
    }

    /// A non-negative integer.
    pub fn uint(n: u64) -> Value<'static> {
        Value::Number(Cow::Owned(n.to_string()))
    }

    /// The member of an object by key (`None` for a missing key or a value
    /// that is not an object).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Reads a JSON text. A leading byte order mark is skipped.
pub fn parse(text: &str) -> Result<Value<'_>, FileError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(FileError::new(
            ErrorKind::TooLarge {
                limit: MAX_INPUT_BYTES,
            },
            Place::Nowhere,
        ));
    }
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = Parser {
        src: text,
        bytes: text.as_bytes(),
        pos: offset,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    if p.pos < p.bytes.len() {
        return Err(p.error(ErrorKind::Syntax(Syntax::TrailingText)));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, kind: ErrorKind) -> FileError {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = before
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        FileError::new(kind, Place::Text { line, column })
    }

    /// The error for the byte at the position: the end of the text, or an
    /// unexpected character.
    fn unexpected(&self) -> FileError {
        match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            None => self.error(ErrorKind::Syntax(Syntax::Truncated)),
            Some(c) => self.error(ErrorKind::Syntax(Syntax::Unexpected(c))),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), FileError> {
        self.space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn value(&mut self) -> Result<Value<'a>, FileError> {
        self.space();
        match self.peek() {
            Some(b'{') => self.container(true),
            Some(b'[') => self.container(false),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected()),
        }
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, FileError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.unexpected());
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value<'a>, FileError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let bad = |p: &Self| match p.peek() {
            None => p.error(ErrorKind::Syntax(Syntax::Truncated)),
            Some(_) => p.error(ErrorKind::Syntax(Syntax::BadNumber)),
        };
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(bad(self)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(bad(self));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(bad(self));
            }
        }
        let text = self.src.get(start..self.pos).unwrap_or_default();
        Ok(Value::Number(Cow::Borrowed(text)))
    }

    fn enter(&mut self) -> Result<(), FileError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(ErrorKind::TooDeep { limit: MAX_DEPTH }));
        }
        self.pos += 1;
        Ok(())
    }

    /// An array or (`object`) an object, from its opening bracket: one
    /// loop for both.
    fn container(&mut self, object: bool) -> Result<Value<'a>, FileError> {
        let start = self.pos;
        self.enter()?;
        let close = if object { b'}' } else { b']' };
        let mut items: Vec<Value<'a>> = Vec::new();
        let mut members: Vec<(Cow<'a, str>, Value<'a>)> = Vec::new();
        self.space();
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                if items.len() + members.len() >= MAX_ITEMS {
                    return Err(self.error(ErrorKind::TooMany {
                        what: Counted::Items,
                        limit: MAX_ITEMS,
                    }));
                }
                if object {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(self.unexpected());
                    }
                    let key = self.string()?;
                    self.expect(b':')?;
                    let value = self.value()?;
                    members.push((key, value));
                } else {
                    items.push(self.value()?);
                }
                self.space();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b) if b == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected()),
                }
            }
            // A duplicate is reported at the object's opening brace.
            if let Some(i) = duplicate(&members) {
                let key = members.get(i).map(|m| m.0.to_string()).unwrap_or_default();
                self.pos = start;
                return Err(self.error(ErrorKind::Syntax(Syntax::DuplicateKey(key))));
            }
        }
        self.depth -= 1;
        Ok(if object {
            Value::Object(members)
        } else {
            Value::Array(items)
        })
    }

    fn hex4(&mut self) -> Result<u32, FileError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => char::from(b).to_digit(16),
                None => return Err(self.error(ErrorKind::Syntax(Syntax::Truncated))),
            };
            let Some(d) = digit else {
                return Err(self.error(ErrorKind::Syntax(Syntax::BadEscape)));
            };
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// A string starting at its opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, FileError> {
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let skip = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            self.pos += skip;
            if self.pos - start > MAX_STRING_BYTES {
                return Err(self.error(ErrorKind::TooLong {
                    limit: MAX_STRING_BYTES,
                }));
            }
            let chunk = self.src.get(run..self.pos).unwrap_or_default();
            match self.peek() {
                None => return Err(self.error(ErrorKind::Syntax(Syntax::Truncated))),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(chunk),
                        Some(mut s) => {
                            s.push_str(chunk);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(chunk);
                    self.pos += 1;
                    let c = self.escape()?;
                    owned.get_or_insert_with(String::new).push(c);
                    run = self.pos;
                }
                Some(_) => return Err(self.error(ErrorKind::Syntax(Syntax::ControlCharacter))),
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, FileError> {
        let Some(b) = self.peek() else {
            return Err(self.error(ErrorKind::Syntax(Syntax::Truncated)));
        };
        self.pos += 1;
        let simple = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let at = self.pos - 2;
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    let lone = |p: &mut Self| {
                        p.pos = at;
                        p.error(ErrorKind::Syntax(Syntax::LoneSurrogate))
                    };
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(lone(self));
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(lone(self));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                return char::from_u32(code).ok_or_else(|| {
                    self.pos = at;
                    self.error(ErrorKind::Syntax(Syntax::LoneSurrogate))
                });
            }
            _ => {
                self.pos -= 1;
                return Err(self.error(ErrorKind::Syntax(Syntax::BadEscape)));
            }
        };
        Ok(simple)
    }
}

/// The index of the first member whose key an earlier member has: a
/// linear scan for small objects, an open-addressing table of FNV-1a
/// hashes for large ones (maps by index), so any object is checked in
/// about linear time.
fn duplicate(members: &[(Cow<'_, str>, Value<'_>)]) -> Option<usize> {
    let n = members.len();
    if n <= 16 {
        return (1..n).find(|&i| members[..i].iter().any(|m| m.0 == members[i].0));
    }
    let size = (n * 2).next_power_of_two();
    let mut table = vec![usize::MAX; size];
    for (i, (key, _)) in members.iter().enumerate() {
        let mut h = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        }) as usize;
        loop {
            let slot = &mut table[h & (size - 1)];
            if *slot == usize::MAX {
                *slot = i;
                break;
            }
            if members[*slot].0 == *key {
                return Some(i);
            }
            h = h.wrapping_add(1);
        }
    }
    None
}

/// What a [`ErrorKind::TooMany`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Members of one JSON array or object.
    Items,
    /// Tables in a workspace.
    Tables,
    /// Rows of a table.
    Rows,
    /// Columns of a table.
    Columns,
    /// Cells of a table (rows × columns).
    Cells,
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Writes a value as described in the module documentation, followed by a
/// line end.
pub fn write(value: &Value<'_>, out: &mut String) {
    write_block(value, 0, out);
    out.push('\n');
}

/// Writes a value on one line, without spaces (the compact form).
pub fn write_compact(value: &Value<'_>, out: &mut String) {
    write_inline(value, out, false);
}

/// Whether a value nests at most `levels` containers deep.
fn shallow(value: &Value<'_>, levels: usize) -> bool {
    match value {
        Value::Array(items) => levels > 0 && items.iter().all(|v| shallow(v, levels - 1)),
        Value::Object(members) => levels > 0 && members.iter().all(|(_, v)| shallow(v, levels - 1)),
        _ => true,
    }
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

fn write_at(value: &Value<'_>, indent: usize, out: &mut String) {
    if shallow(value, 2) {
        write_inline(value, out, true);
    } else {
        write_block(value, indent, out);
    }
}

/// Writes a non-empty container one member per line.
fn write_block(value: &Value<'_>, indent: usize, out: &mut String) {
    match value {
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 2);
                write_at(item, indent + 2, out);
            }
            newline(out, indent);
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 2);
                write_string(key, out);
                out.push_str(": ");
                write_at(item, indent + 2, out);
            }
            newline(out, indent);
            out.push('}');
        }
        _ => write_inline(value, out, true),
    }
}

fn write_inline(value: &Value<'_>, out: &mut String, spaced: bool) {
    let (comma, colon) = if spaced { (", ", ": ") } else { (",", ":") };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(comma);
                }
                write_inline(item, out, spaced);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(comma);
                }
                write_string(key, out);
                out.push_str(colon);
                write_inline(item, out, spaced);
            }
            out.push('}');
        }
    }
}

/// A JSON document written as a flat list of tokens and laid out as
/// [`write`] lays out the same tree. The workspace writer uses it instead of
/// a [`Value`] tree: pushing tokens takes far less code in the wasm than
/// building and dropping nested vectors.
#[derive(Default)]
pub(crate) struct Doc<'a> {
    toks: Vec<Tok<'a>>,
    /// Written on one line, without spaces (for storage, not for people).
    pub(crate) compact: bool,
}

enum Tok<'a> {
    /// An opening `{` or `[`, with the height of its container once known
    /// (1 for a container of scalars or an empty one).
    Open(u8, u8),
    /// The closing `}` or `]`.
    Close(u8),
    Key(Cow<'a, str>),
    Str(Cow<'a, str>),
    /// A number or a literal, written as is.
    Raw(Cow<'a, str>),
}

impl<'a> Doc<'a> {
    /// Opens an object (`b'{'`) or an array (`b'['`).
    #[inline(never)]
    pub(crate) fn open(&mut self, bracket: u8) {
        self.toks.push(Tok::Open(bracket, 0));
    }

    /// Closes an object (`b'}'`) or an array (`b']'`).
    #[inline(never)]
    pub(crate) fn close(&mut self, bracket: u8) {
        self.toks.push(Tok::Close(bracket));
    }

    /// The key of the next member of an object.
    #[inline(never)]
    pub(crate) fn key(&mut self, key: &'a str) {
        self.toks.push(Tok::Key(Cow::Borrowed(key)));
    }

    /// An owned key (an index as text).
    #[inline(never)]
    pub(crate) fn key_owned(&mut self, key: String) {
        self.toks.push(Tok::Key(Cow::Owned(key)));
    }

    /// A string value.
    #[inline(never)]
    pub(crate) fn str(&mut self, s: &'a str) {
        self.toks.push(Tok::Str(Cow::Borrowed(s)));
    }

    /// An owned string value.
    #[inline(never)]
    pub(crate) fn string(&mut self, s: String) {
        self.toks.push(Tok::Str(Cow::Owned(s)));
    }

    /// A string value, or `null`.
    #[inline(never)]
    pub(crate) fn opt_str(&mut self, s: Option<&'a str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// A literal (`null`, `true`, `false`).
    #[inline(never)]
    pub(crate) fn raw(&mut self, s: &'static str) {
        self.toks.push(Tok::Raw(Cow::Borrowed(s)));
    }

    /// A non-negative integer.
    #[inline(never)]
    pub(crate) fn uint(&mut self, n: u64) {
        self.toks.push(Tok::Raw(Cow::Owned(super::num(n))));
    }

    /// A non-negative integer, or `null`.
    #[inline(never)]
    pub(crate) fn opt_uint(&mut self, n: Option<u64>) {
        match n {
            Some(n) => self.uint(n),
            None => self.raw("null"),
        }
    }

    /// Writes the document as [`write`] writes the same tree.
    #[inline(never)]
    pub(crate) fn write(mut self, out: &mut String) {
        // The height of every container, from its members'.
        let mut open: Vec<(usize, u8)> = Vec::new();
        for i in 0..self.toks.len() {
            match self.toks.get(i) {
                Some(Tok::Open(..)) => open.push((i, 0)),
                Some(Tok::Close(_)) => {
                    let Some((at, members)) = open.pop() else {
                        continue;
                    };
                    let height = members.saturating_add(1);
                    if let Some(Tok::Open(_, h)) = self.toks.get_mut(at) {
                        *h = height;
                    }
                    if let Some(parent) = open.last_mut() {
                        parent.1 = parent.1.max(height);
                    }
                }
                _ => {}
            }
        }
        // (one member per line, indentation, members so far)
        let mut frames: Vec<(bool, usize, usize)> = Vec::new();
        let mut after_key = false;
        for tok in &self.toks {
            if let Tok::Close(bracket) = tok {
                if let Some((block, indent, count)) = frames.pop() {
                    if block && count > 0 {
                        newline(out, indent);
                    }
                }
                out.push(char::from(*bracket));
                continue;
            }
            let mut indent = 0;
            if !after_key {
                if let Some((block, at, count)) = frames.last_mut() {
                    if *block {
                        if *count > 0 {
                            out.push(',');
                        }
                        newline(out, *at + 2);
                    } else if *count > 0 {
                        out.push_str(if self.compact { "," } else { ", " });
                    }
                    *count += 1;
                }
            }
            if let Some((_, at, _)) = frames.last() {
                indent = *at + 2;
            }
            after_key = false;
            match tok {
                Tok::Open(bracket, height) => {
                    out.push(char::from(*bracket));
                    let block = !self.compact && (frames.is_empty() || *height > 2);
                    frames.push((block, indent, 0));
                }
                Tok::Key(k) => {
                    write_string(k, out);
                    out.push_str(if self.compact { ":" } else { ": " });
                    after_key = true;
                }
                Tok::Str(s) => write_string(s, out),
                Tok::Raw(r) => out.push_str(r),
                Tok::Close(_) => {}
            }
        }
        out.push('\n');
    }
}

/// Writes a JSON string: `"`, `\` and control characters escaped
/// (`\n`, `\r`, `\t`, else `\u00XX`), everything else as is.
pub fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escaped: [u8; 6];
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => {
                escaped = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ];
                &escaped
            }
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        out.extend(esc.iter().map(|&e| char::from(e)));
        run = i + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax(text: &str) -> Option<(Syntax, usize, usize)> {
        match parse(text) {
            Err(FileError {
                kind: ErrorKind::Syntax(s),
                place: Place::Text { line, column },
            }) => Some((s, line, column)),
            _ => None,
        }
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(" {\"a\": [1, -2.5e3, 0.25, true, false, null], \"b\": \"x\\n\\u00e5\\ud83d\\ude00\\/\"} ")
            .expect("valid");
        let a = v.get("a").expect("a");
        let Value::Array(items) = a else {
            panic!("array")
        };
        assert_eq!(items[1], Value::Number("-2.5e3".into()));
        assert_eq!(items[3], Value::Bool(true));
        assert_eq!(items[5], Value::Null);
        assert_eq!(v.get("b").and_then(Value::as_str), Some("x\nå😀/"));
        assert!(parse("\u{feff}[]").is_ok());
    }

    #[test]
    fn strings_without_escapes_borrow() {
        let v = parse("[\"plain\", \"esc\\t\"]").expect("valid");
        let Value::Array(items) = v else {
            panic!("array")
        };
        assert!(matches!(&items[0], Value::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Value::String(Cow::Owned(_))));
    }

    #[test]
    fn syntax_errors_say_what_and_where() {
        use Syntax::*;
        let cases: &[(&str, Syntax, usize, usize)] = &[
            ("", Truncated, 1, 1),
            ("{\"a\": 1", Truncated, 1, 8),
            ("[1, 2,", Truncated, 1, 7),
            ("\"abc", Truncated, 1, 5),
            ("[1 2]", Unexpected('2'), 1, 4),
            ("{\"a\" 1}", Unexpected('1'), 1, 6),
            ("{a: 1}", Unexpected('a'), 1, 2),
            ("[1,]", Unexpected(']'), 1, 4),
            ("[01]", Unexpected('1'), 1, 3),
            ("[-]", BadNumber, 1, 3),
            ("[1.]", BadNumber, 1, 4),
            ("[1e]", BadNumber, 1, 4),
            ("[.5]", Unexpected('.'), 1, 2),
            ("[tru]", Unexpected(']'), 1, 5),
            ("nul", Truncated, 1, 4),
            ("[\"a\\x\"]", BadEscape, 1, 5),
            ("[\"\\u12g4\"]", BadEscape, 1, 7),
            ("[\"\\ud800\"]", LoneSurrogate, 1, 3),
            ("[\"\\ud800\\u0041\"]", LoneSurrogate, 1, 3),
            ("[\"\\udc00\"]", LoneSurrogate, 1, 3),
            ("[\"a\nb\"]", ControlCharacter, 1, 4),
            ("[1] x", TrailingText, 1, 5),
            (
                "[0, {\"k\": 1,\n \"k\": 2}]",
                DuplicateKey("k".into()),
                1,
                5,
            ),
            ("[\"å\", ä]", Unexpected('ä'), 1, 7),
        ];
        for (text, what, line, column) in cases {
            assert_eq!(
                syntax(text),
                Some((what.clone(), *line, *column)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn duplicate_keys_in_large_objects_are_found() {
        let mut text = String::from("{");
        for i in 0..1000 {
            text.push_str(&format!("\"{i}\": 0, "));
        }
        text.push_str("\"7\": 1}");
        let unique = text.replace("\"7\": 1}", "\"x\": 1}");
        assert!(parse(&unique).is_ok());
        assert!(matches!(
            syntax(&text),
            Some((Syntax::DuplicateKey(k), _, _)) if k == "7"
        ));
    }

    #[test]
    fn limits_give_errors_not_crashes() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            parse(&deep).map_err(|e| e.kind),
            Err(ErrorKind::TooDeep { .. })
        ));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        // Far deeper than any stack would take by recursion.
        let very_deep = "[".repeat(1_000_000);
        assert!(parse(&very_deep).is_err());
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert!(matches!(
            parse(&big).map_err(|e| e.kind),
            Err(ErrorKind::TooLarge { .. })
        ));
        let many = format!("[{}0]", "0,".repeat(MAX_ITEMS));
        assert!(matches!(
            parse(&many).map_err(|e| e.kind),
            Err(ErrorKind::TooMany {
                what: Counted::Items,
                ..
            })
        ));
        let long = format!("\"{}\"", "a".repeat(MAX_STRING_BYTES + 1));
        assert!(matches!(
            parse(&long).map_err(|e| e.kind),
            Err(ErrorKind::TooLong { .. })
        ));
    }

    #[test]
    fn writer_is_deterministic_and_inlines_shallow_containers() {
        let text =
            "{\"a\":[{\"x\":[1,2]},{}],\"b\":{\"c\":\"q\\\"\\u0001\"},\"d\":[],\"e\":[[[1]]]}";
        let v = parse(text).expect("valid");
        let mut out = String::new();
        write(&v, &mut out);
        assert_eq!(
            out,
            "{\n  \"a\": [\n    {\"x\": [1, 2]},\n    {}\n  ],\n  \"b\": {\"c\": \"q\\\"\\u0001\"},\n  \"d\": [],\n  \"e\": [\n    [[1]]\n  ]\n}\n"
        );
        let again = parse(&out).expect("valid");
        assert_eq!(again, v);
        let mut compact = String::new();
        write_compact(&v, &mut compact);
        assert_eq!(parse(&compact).expect("valid"), v);
    }

    fn tokens<'a>(v: &'a Value<'a>, d: &mut Doc<'a>) {
        match v {
            Value::Null => d.raw("null"),
            Value::Bool(b) => d.raw(if *b { "true" } else { "false" }),
            Value::Number(n) => d.toks.push(Tok::Raw(Cow::Borrowed(n))),
            Value::String(s) => d.str(s),
            Value::Array(items) => {
                d.open(b'[');
                for item in items {
                    tokens(item, d);
                }
                d.close(b']');
            }
            Value::Object(members) => {
                d.open(b'{');
                for (k, item) in members {
                    d.key(k);
                    tokens(item, d);
                }
                d.close(b'}');
            }
        }
    }

    #[test]
    fn a_doc_is_laid_out_as_the_tree_writer_lays_out_its_tree() {
        let texts = [
            "{}",
            "[]",
            "1",
            "\"x\"",
            "[[[1]]]",
            "[1, [2, [3, [4, {}]]], {\"a\": {\"b\": {\"c\": []}}}]",
            "{\"a\":[{\"x\":[1,2]},{}],\"b\":{\"c\":\"q\\\"\\u0001\"},\"d\":[],\"e\":[[[1]]]}",
            "{\"t\": [{\"r\": [{\"v\": [null, {\"text\": \"a\"}], \"o\": {}}, {\"v\": [\"1\"]}], \"n\": true}], \"s\": {}}",
        ];
        for text in texts {
            let v = parse(text).expect("valid");
            let mut tree = String::new();
            write(&v, &mut tree);
            let mut d = Doc::default();
            tokens(&v, &mut d);
            let mut flat = String::new();
            d.write(&mut flat);
            assert_eq!(flat, tree, "{text}");
        }
    }

    #[test]
    fn strings_round_trip_through_the_writer() {
        let samples = [
            "",
            "plain",
            "å ä ö € 😀",
            "\"\\/\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "\u{2028}\u{feff}",
        ];
        for s in samples {
            let mut out = String::new();
            write_string(s, &mut out);
            assert_eq!(parse(&out).expect("valid").as_str(), Some(s), "{s:?}");
        }
    }
}
