//! How the workspace file is laid out: serde_json writes it compact, and
//! one pass over that text places the line ends.
//!
//! Two spaces of indentation and one member per line, except that a
//! container whose members are scalars or containers of scalars is written
//! on one line (`[{"text": "A"}, "1.5", null]`, `{"sv": "…", "en": "…"}`)
//! unless it is the outermost value; `": "` after keys and `", "` between
//! members on one line. A row of a table is then a few lines and a cell
//! never has a line of its own, which keeps a large file readable and
//! about half the size of serde_json's pretty form.
//!
//! Whether a container fits on one line depends on what follows it, which
//! a serde_json `Formatter` cannot see. Laying out the compact text instead
//! lets [`container_heights`] look ahead, and serialises the file's types
//! once: a formatter per layout would compile every `Serialize` impl again.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, Serializer};

/// Writes `value` laid out as described in the module documentation,
/// followed by a line end. `None` when serialisation fails (it cannot for
/// the file's types, which hold no maps with non-string keys and no
/// floats).
pub(crate) fn write_laid_out<T: Serialize>(value: &T) -> Option<String> {
    let compact = write_compact(value)?.concat();
    Some(lay_out(compact.trim_end_matches('\n')))
}

/// Writes `value` on one line without spaces (the stored form), followed
/// by a line end, in pieces of about [`PIECE`] bytes: see [`Pieces`].
pub(crate) fn write_compact<T: Serialize>(value: &T) -> Option<Vec<String>> {
    let mut out = Pieces::default();
    value
        .serialize(&mut Serializer::with_formatter(&mut out, Escapes))
        .ok()?;
    out.write_all(b"\n").ok()?;
    out.finish()
}

/// The size of a piece of written text.
pub(crate) const PIECE: usize = 1 << 20;

/// Text written in pieces of about [`PIECE`] bytes, each cut between two
/// writes (a single longer write, such as a pasted source, makes one
/// longer piece).
/// One growing buffer would be copied each time it doubled, holding three
/// times the text at once (48 MiB for a 100 000-row table's 16 MiB), and a
/// WebAssembly tab's memory never shrinks after such a peak; pieces can
/// also be handed to the browser one by one.
#[derive(Default)]
pub(crate) struct Pieces {
    done: Vec<String>,
    current: Vec<u8>,
}

impl Pieces {
    /// Ends the current piece. serde_json writes whole characters (string
    /// slices cut at ASCII escapes), so a piece ends between two; if one
    /// ever did not, the write fails rather than give broken text.
    fn cut(&mut self) -> io::Result<()> {
        let piece = std::mem::replace(&mut self.current, Vec::with_capacity(PIECE));
        // A plain error kind: wrapping the UTF-8 error would link its
        // formatting code into the download.
        let piece = String::from_utf8(piece).map_err(|_| io::ErrorKind::InvalidData)?;
        self.done.push(piece);
        Ok(())
    }

    /// Every piece, the last one included; `None` if a piece was not
    /// whole UTF-8.
    fn finish(mut self) -> Option<Vec<String>> {
        self.cut().ok()?;
        Some(self.done)
    }
}

impl Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    // One call, not inlined: serde_json writes through it from every
    // `Serialize` impl of the file, and each copy would cost download size.
    #[inline(never)]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.current.len() + buf.len() > PIECE && !self.current.is_empty() {
            self.cut()?;
        }
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Escapes a backspace and a form feed as `\u0008` and `\u000c`, like
/// every other control character but line ends and tabs (serde_json would
/// write `\b` and `\f`); everything else as serde_json's compact form.
struct Escapes;

impl Formatter for Escapes {
    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        match char_escape {
            CharEscape::Backspace => writer.write_all(b"\\u0008"),
            CharEscape::FormFeed => writer.write_all(b"\\u000c"),
            other => CompactFormatter.write_char_escape(writer, other),
        }
    }
}

/// The parts of compact JSON text that the layout sees: the structure and
/// the rest, with strings kept whole (their brackets and commas are text).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// A string with its quotes, or a number, `true`, `false` or `null`.
    Scalar(&'a str),
}

/// Splits JSON text into tokens with the byte offset where each begins;
/// whitespace between tokens is skipped (compact text has none).
fn tokens(json: &str) -> impl Iterator<Item = (usize, Token<'_>)> {
    let bytes = json.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        let start = at;
        let first = *bytes.get(start)?;
        at += 1;
        let token = match first {
            b'[' | b'{' => Token::Open(first),
            b']' | b'}' => Token::Close(first),
            b',' => Token::Comma,
            b':' => Token::Colon,
            b'"' => {
                let mut escaped = false;
                while let Some(&b) = bytes.get(at) {
                    at += 1;
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => break,
                        _ => {}
                    }
                }
                Token::Scalar(json.get(start..at).unwrap_or_default())
            }
            _ => {
                while let Some(b) = bytes.get(at) {
                    if b.is_ascii_whitespace() || b"[]{},:\"".contains(b) {
                        break;
                    }
                    at += 1;
                }
                Token::Scalar(json.get(start..at).unwrap_or_default())
            }
        };
        Some((start, token))
    })
}

/// The height of every container (1 for one of scalars or an empty one),
/// in the order the containers open.
fn container_heights(json: &str) -> Vec<u8> {
    let mut heights = Vec::new();
    // Open containers: (index in `heights`, the highest member so far).
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (_, token) in tokens(json) {
        match token {
            Token::Open(_) => {
                open.push((heights.len(), 0));
                heights.push(1);
            }
            Token::Close(_) => {
                if let Some((at, highest)) = open.pop() {
                    let height = highest.saturating_add(1);
                    if let Some(h) = heights.get_mut(at) {
                        *h = height;
                    }
                    if let Some(parent) = open.last_mut() {
                        parent.1 = parent.1.max(height);
                    }
                }
            }
            _ => {}
        }
    }
    heights
}

/// Lays out compact JSON text as the module documentation says, followed
/// by a line end.
fn lay_out(json: &str) -> String {
    let heights = container_heights(json);
    let mut out = String::with_capacity(json.len() + json.len() / 4 + heights.len() * 8);
    // Open containers: (one member per line, members so far).
    let mut frames: Vec<(bool, usize)> = Vec::new();
    let mut next_height = heights.iter();
    // A member begins at the next value or key (not at a closing bracket).
    let mut member_due = false;
    for (_, token) in tokens(json) {
        if member_due && !matches!(token, Token::Close(_)) {
            member_due = false;
            begin_member(&mut out, &mut frames);
        }
        match token {
            Token::Open(bracket) => {
                let height = next_height.next().copied().unwrap_or(1);
                let block = frames.is_empty() || height > 2;
                frames.push((block, 0));
                out.push(char::from(bracket));
                member_due = true;
            }
            Token::Close(bracket) => {
                member_due = false;
                if let Some((block, count)) = frames.pop() {
                    if block && count > 0 {
                        newline(&mut out, frames.len() * 2);
                    }
                }
                out.push(char::from(bracket));
            }
            Token::Comma => member_due = true,
            Token::Colon => out.push_str(": "),
            Token::Scalar(text) => out.push_str(text),
        }
    }
    out.push('\n');
    out
}

/// Before a member: a comma after the previous one, then a line end or a
/// space.
fn begin_member(out: &mut String, frames: &mut [(bool, usize)]) {
    let depth = frames.len();
    let Some((block, count)) = frames.last_mut() else {
        return;
    };
    let first = *count == 0;
    *count += 1;
    if *block {
        if !first {
            out.push(',');
        }
        newline(out, depth * 2);
    } else if !first {
        out.push_str(", ");
    }
}

/// Where a reader is in JSON text at byte `offset`: the keys and indexes
/// of the containers open there, innermost last, as `.key` and `[index]`
/// (`["3"]` for a key of digits). serde_json's errors give a line and a
/// column; this names the value there without tracking a path while every
/// file is read. `whole_object`: the place is an object itself (a field it
/// lacks), not its last member.
pub(crate) fn path_at(json: &str, offset: usize, whole_object: bool) -> Vec<String> {
    enum Frame<'a> {
        Array(usize),
        Object(Option<&'a str>),
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut key_due = false;
    for (start, token) in tokens(json) {
        if start >= offset {
            break;
        }
        match token {
            Token::Open(bracket) => {
                frames.push(if bracket == b'[' {
                    Frame::Array(0)
                } else {
                    Frame::Object(None)
                });
                key_due = bracket == b'{';
            }
            Token::Close(_) => {
                frames.pop();
                key_due = false;
            }
            Token::Comma => match frames.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(_)) => key_due = true,
                None => {}
            },
            Token::Colon => {}
            Token::Scalar(text) => {
                if key_due {
                    key_due = false;
                    if let Some(Frame::Object(key)) = frames.last_mut() {
                        *key = Some(text.trim_matches('"'));
                    }
                }
            }
        }
    }
    if whole_object {
        if let Some(Frame::Object(key)) = frames.last_mut() {
            *key = None;
        }
    }
    let mut path = Vec::new();
    for frame in frames {
        match frame {
            Frame::Array(index) => path.push(format!("[{index}]")),
            Frame::Object(Some(key))
                if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) =>
            {
                path.push(format!("[\"{key}\"]"))
            }
            Frame::Object(Some(key)) => path.push(format!(".{key}")),
            Frame::Object(None) => {}
        }
    }
    path
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    fn laid_out(json: &str) -> String {
        let raw: &RawValue = serde_json::from_str(json).expect("json");
        // A RawValue would be written as is: go through a Value.
        let v: serde_json::Value = serde_json::from_str(raw.get()).expect("json");
        write_laid_out(&v).expect("written")
    }

    #[test]
    fn shallow_containers_are_inlined_and_deep_ones_broken() {
        // serde_json's Value keeps keys sorted, which these are.
        let text = "{\"a\":[{\"x\":[1,2]},{}],\"b\":{\"c\":\"q\\\"\\u0001\\b\\f\\n\"},\"d\":[],\"e\":[[[1]]]}";
        assert_eq!(
            laid_out(text),
            "{\n  \"a\": [\n    {\"x\": [1, 2]},\n    {}\n  ],\n  \"b\": {\"c\": \"q\\\"\\u0001\\u0008\\u000c\\n\"},\n  \"d\": [],\n  \"e\": [\n    [[1]]\n  ]\n}\n"
        );
        assert_eq!(laid_out("{}"), "{}\n");
        assert_eq!(laid_out("[]"), "[]\n");
        assert_eq!(laid_out("[1]"), "[\n  1\n]\n");
        assert_eq!(
            laid_out("[1, [2, [3, [4, {}]]], {\"a\": {\"b\": {\"c\": []}}}]"),
            "[\n  1,\n  [\n    2,\n    [\n      3,\n      [4, {}]\n    ]\n  ],\n  {\n    \"a\": {\n      \"b\": {\"c\": []}\n    }\n  }\n]\n"
        );
        let v: serde_json::Value = serde_json::from_str(text).expect("json");
        let compact = write_compact(&v).expect("written");
        assert_eq!(
            compact.concat(),
            "{\"a\":[{\"x\":[1,2]},{}],\"b\":{\"c\":\"q\\\"\\u0001\\u0008\\u000c\\n\"},\"d\":[],\"e\":[[[1]]]}\n"
        );
    }

    #[test]
    fn pieces_are_cut_between_writes_and_bounded() {
        // (what is written, in which writes) -> the pieces' lengths
        let big = PIECE - 1;
        let cases: Vec<(Vec<Vec<u8>>, Vec<usize>)> = vec![
            (vec![b"ab".to_vec()], vec![2]),
            (vec![vec![b'a'; big], b"bc".to_vec()], vec![big, 2]),
            // A write longer than a piece is one piece.
            (
                vec![b"a".to_vec(), vec![b'b'; PIECE + 5]],
                vec![1, PIECE + 5],
            ),
        ];
        for (writes, lengths) in cases {
            let mut out = Pieces::default();
            for w in &writes {
                out.write_all(w).expect("written");
            }
            let pieces = out.finish().expect("whole UTF-8");
            let seen: Vec<usize> = pieces.iter().map(String::len).collect();
            assert_eq!(seen, lengths);
            assert_eq!(pieces.concat().into_bytes(), writes.concat());
        }
        // A character cut between two pieces fails the write: never a
        // broken text.
        let mut out = Pieces::default();
        out.write_all(&vec![b'a'; big]).expect("written");
        out.write_all(&[0xC5]).expect("written");
        assert!(out.write_all(&[0xA1, b'x']).is_err());
        let mut out = Pieces::default();
        out.write_all(&[b'a', 0xC5]).expect("written");
        assert_eq!(out.finish(), None);
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            // Brackets, commas, colons, quotes and escapes inside strings.
            "[\\[\\]{}:,\"\\\\a-z\u{8}\u{c}\n\tå ]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z\\[{\",:]{0,4}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Laying out changes only whitespace outside strings: the text
        /// reads back as the same value, and its lines are those of the
        /// rules (no trailing spaces, two-space indentation).
        #[test]
        fn layout_keeps_the_value(v in json_value()) {
            let laid = write_laid_out(&v).expect("written");
            let back: serde_json::Value = serde_json::from_str(&laid).expect("laid-out text is JSON");
            proptest::prop_assert_eq!(&back, &v);
            for line in laid.lines() {
                proptest::prop_assert!(!line.ends_with(' '), "trailing space in {:?}", line);
                let indent = line.len() - line.trim_start_matches(' ').len();
                proptest::prop_assert_eq!(indent % 2, 0);
            }
        }
    }
}
