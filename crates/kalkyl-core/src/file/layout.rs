//! How the workspace file is laid out: serde_json writes it, these
//! formatters place the line ends.
//!
//! Two spaces of indentation and one member per line, except that a
//! container whose members are scalars or containers of scalars is written
//! on one line (`[{"text": "A"}, "1.5", null]`, `{"sv": "…", "en": "…"}`)
//! unless it is the outermost value; `": "` after keys and `", "` between
//! members on one line. A row of a table is then a few lines and a cell
//! never has a line of its own, which keeps a large file readable and
//! about half the size of serde_json's pretty form.
//!
//! Whether a container fits on one line depends on what follows it, and a
//! serde_json `Formatter` only sees what came before. So the value is
//! written twice: [`Measure`] records the height of every container, in
//! the order they open, and [`Layout`] writes with them.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, Serializer};

/// Writes `value` laid out as described in the module documentation,
/// followed by a line end. `None` when serialisation fails (it cannot for
/// the file's types, which hold no maps with non-string keys and no
/// floats).
pub(crate) fn write_laid_out<T: Serialize>(value: &T) -> Option<String> {
    let mut heights = Vec::new();
    let mut bytes = 0;
    let measure = Measure {
        heights: &mut heights,
        open: Vec::new(),
        bytes: &mut bytes,
    };
    value
        .serialize(&mut Serializer::with_formatter(io::sink(), measure))
        .ok()?;
    // Room for the text, its indentation and separators.
    let mut out = Vec::with_capacity(bytes + heights.len() * 16);
    let layout = Layout {
        heights: &heights,
        next: 0,
        frames: Vec::new(),
    };
    value
        .serialize(&mut Serializer::with_formatter(&mut out, layout))
        .ok()?;
    out.push(b'\n');
    String::from_utf8(out).ok()
}

/// Writes `value` on one line without spaces (the stored form), followed
/// by a line end.
pub(crate) fn write_compact<T: Serialize>(value: &T) -> Option<String> {
    let mut out = Vec::new();
    value
        .serialize(&mut Serializer::with_formatter(&mut out, Escapes))
        .ok()?;
    out.push(b'\n');
    String::from_utf8(out).ok()
}

/// Escapes a backspace and a form feed as `\u0008` and `\u000c`, like
/// every other control character but line ends and tabs (serde_json would
/// write `\b` and `\f`); everything else as serde_json's compact form.
#[inline(never)]
fn escape<W: ?Sized + Write>(writer: &mut W, escape: CharEscape) -> io::Result<()> {
    match escape {
        CharEscape::Backspace => writer.write_all(b"\\u0008"),
        CharEscape::FormFeed => writer.write_all(b"\\u000c"),
        other => CompactFormatter.write_char_escape(writer, other),
    }
}

/// The compact form with Kalkyl's escapes.
struct Escapes;

impl Formatter for Escapes {
    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        escape(writer, char_escape)
    }
}

/// Records the height of each container (1 for one of scalars or an empty
/// one) in the order the containers open.
struct Measure<'m> {
    heights: &'m mut Vec<u8>,
    /// Open containers: (index in `heights`, the highest member so far).
    open: Vec<(usize, u8)>,
    /// How many bytes of text the strings have, for the output's capacity.
    bytes: &'m mut usize,
}

impl Measure<'_> {
    fn begin(&mut self) {
        self.open.push((self.heights.len(), 0));
        self.heights.push(1);
    }

    fn end(&mut self) {
        if let Some((at, highest)) = self.open.pop() {
            let height = highest.saturating_add(1);
            if let Some(h) = self.heights.get_mut(at) {
                *h = height;
            }
            if let Some(parent) = self.open.last_mut() {
                parent.1 = parent.1.max(height);
            }
        }
    }
}

impl Formatter for Measure<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.begin();
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.end();
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.begin();
        Ok(())
    }

    fn end_object<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.end();
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, _: &mut W, s: &str) -> io::Result<()> {
        *self.bytes += s.len();
        Ok(())
    }
}

/// Writes with the heights [`Measure`] found.
struct Layout<'h> {
    heights: &'h [u8],
    /// The index in `heights` of the next container to open.
    next: usize,
    /// Open containers: (one member per line, members so far).
    frames: Vec<(bool, usize)>,
}

impl Layout<'_> {
    fn newline<W: ?Sized + Write>(writer: &mut W, indent: usize) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        writer.write_all(b"\n")?;
        let mut left = indent;
        while left > 0 {
            let n = left.min(SPACES.len());
            writer.write_all(SPACES.get(..n).unwrap_or_default())?;
            left -= n;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        let height = self.heights.get(self.next).copied().unwrap_or(1);
        self.next += 1;
        let block = self.frames.is_empty() || height > 2;
        self.frames.push((block, 0));
        writer.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        if let Some((block, count)) = self.frames.pop() {
            if block && count > 0 {
                Self::newline(writer, self.frames.len() * 2)?;
            }
        }
        writer.write_all(bracket)
    }

    /// Before a member: a comma after the previous one, then a line end or
    /// a space.
    fn member<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let depth = self.frames.len();
        let Some((block, count)) = self.frames.last_mut() else {
            return Ok(());
        };
        let first = *count == 0;
        *count += 1;
        if *block {
            if !first {
                writer.write_all(b",")?;
            }
            Self::newline(writer, depth * 2)
        } else if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }
}

impl Formatter for Layout<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, _: bool) -> io::Result<()> {
        self.member(writer)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, _: bool) -> io::Result<()> {
        self.member(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        escape(writer, char_escape)
    }
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
            compact,
            "{\"a\":[{\"x\":[1,2]},{}],\"b\":{\"c\":\"q\\\"\\u0001\\u0008\\u000c\\n\"},\"d\":[],\"e\":[[[1]]]}\n"
        );
    }
}
