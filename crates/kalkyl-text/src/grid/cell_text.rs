//! Cell text: whitespace, invisible characters and HTML entities, as a
//! cell of the grid keeps them.

use super::*;

/// Whitespace waiting to be written between two visible characters.
#[derive(Default, Clone, Copy)]
pub(super) enum Gap {
    #[default]
    None,
    Space,
    /// A single no-break space, kept if it stands between two digits.
    Keep(char),
}

/// Builds a cell's text: folds whitespace, trims, drops invisible
/// characters and tracks whether all visible text was bold or italic.
#[derive(Default)]
pub(super) struct CellText {
    pub(super) text: String,
    pub(super) gap: Gap,
    pub(super) visible: bool,
    pub(super) some_plain: bool,
    pub(super) some_upright: bool,
}

impl CellText {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        CellText {
            text: String::with_capacity(capacity),
            ..CellText::default()
        }
    }

    pub(super) fn push(&mut self, c: char, bold: bool, italic: bool) {
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
    pub(super) fn gap(&mut self, c: char) {
        if self.text.is_empty() {
            return;
        }
        self.gap = match self.gap {
            Gap::None if c == '\u{a0}' || c == '\u{202f}' => Gap::Keep(c),
            _ => Gap::Space,
        };
    }

    /// The cell; `bold`/`italic` force the emphasis for the whole cell.
    pub(super) fn finish(self, bold: bool, italic: bool) -> GridCell<'static> {
        GridCell {
            bold: self.visible && (bold || !self.some_plain),
            italic: self.visible && (italic || !self.some_upright),
            text: Cow::Owned(self.text),
        }
    }
}

/// Characters that are dropped from cell text: control characters, soft
/// hyphens, zero-width spaces and marks, byte order marks.
pub(super) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}' | '\u{feff}'
        )
}

/// Decodes the character reference at the start of `s` (which starts with
/// `&`): its character and byte length. Named references need their `;`.
pub(super) fn entity(s: &str) -> Option<(char, usize)> {
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
pub(super) fn named_entity(name: &str) -> Option<char> {
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
pub(super) fn push_html_text(cell: &mut CellText, s: &str, bold: bool, italic: bool) {
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
pub(super) fn decode_entities(s: &str) -> String {
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
