//! Reading a file of any version: limits, migration, and errors at JSON
//! paths.

use super::*;

/// A step of a JSON path.
#[derive(Clone, Copy)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
    /// The key of an object keyed by index: `["3"]`.
    Entry(usize),
}

/// Where a value is: a path kept as a chain on the stack and written out
/// only for an error.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    pub(super) parent: Option<&'a At<'a>>,
    pub(super) step: Option<Step<'a>>,
}

pub(super) const ROOT: At<'static> = At {
    parent: None,
    step: None,
};

impl<'a> At<'a> {
    pub(super) fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Key(key)),
        }
    }

    pub(super) fn index(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Index(i)),
        }
    }

    pub(super) fn entry(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Entry(i)),
        }
    }

    pub(super) fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            steps.extend(a.step);
            at = a.parent;
        }
        let mut out = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Key(k) if k.bytes().all(|b| b.is_ascii_digit()) => {
                    out.push_str("[\"");
                    out.push_str(k);
                    out.push_str("\"]");
                }
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&num(i as u64));
                    out.push(']');
                }
                Step::Entry(i) => {
                    out.push_str("[\"");
                    out.push_str(&num(i as u64));
                    out.push_str("\"]");
                }
            }
        }
        out
    }

    #[inline(never)]
    pub(super) fn err(&self, kind: ErrorKind) -> Box<FileError> {
        let path = self.path();
        let place = if path.is_empty() {
            Place::Nowhere
        } else {
            Place::Path(path)
        };
        Box::new(FileError::new(kind, place))
    }

    pub(super) fn wrong(&self, expected: Expected) -> Box<FileError> {
        self.err(ErrorKind::WrongType { expected })
    }

    pub(super) fn too_many(&self, what: Counted, limit: usize) -> Box<FileError> {
        self.err(ErrorKind::TooMany { what, limit })
    }
}

/// Errors are boxed while reading: results stay small.
pub(super) type Res<T> = Result<T, Box<FileError>>;

/// A serde_json error's message without its " at line … column …".
pub(super) fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(bare) => bare.to_string(),
        None => text,
    }
}

/// The names between backticks in a serde message: `` `a`, `b` `` → `a, b`.
pub(super) fn quoted_names(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a serde "expected …" says a value should have been.
pub(super) fn expected_kind(expected: &str) -> Option<Expected> {
    let e = expected.trim();
    Some(if e.starts_with("a string") || e == "string" {
        Expected::String
    } else if e.starts_with("a sequence") {
        Expected::Array
    } else if e.starts_with("struct ") || e.starts_with("a map") || e.ends_with("enum") {
        Expected::Object
    } else if e.starts_with('u') && e.len() <= 5 {
        // u8, u32, u64, usize.
        Expected::Integer
    } else if e.starts_with("a boolean") {
        Expected::Bool
    } else {
        return None;
    })
}

/// The kind of a data error: serde's messages ("missing field `x`",
/// "unknown variant `x`, expected one of …", "invalid type: …, expected …")
/// carry what Kalkyl's messages say in Swedish and English.
pub(super) fn data_kind(message: &str) -> ErrorKind {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return ErrorKind::Missing { key: key.into() };
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return ErrorKind::Syntax(Syntax::DuplicateKey(key.into()));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((found, names)) = rest.split_once("`, expected ") {
            return ErrorKind::Unknown {
                found: found.into(),
                expected: quoted_names(names),
            };
        }
    }
    let typed = ["invalid type: ", "invalid value: ", "invalid length "]
        .iter()
        .any(|p| message.starts_with(p));
    if typed {
        if let Some((_, expected)) = message.rsplit_once(", expected ") {
            if let Some(expected) = expected_kind(expected) {
                return ErrorKind::WrongType { expected };
            }
        }
    }
    if message == "expected value" {
        // serde_json's answer when a name (an enum) is not a string.
        return ErrorKind::WrongType {
            expected: Expected::String,
        };
    }
    ErrorKind::Malformed
}

/// Reads `raw` as a `T`, with errors at paths below `at`. The path is
/// found from the error's line and column only when there is an error.
pub(super) fn typed<'a, T: Deserialize<'a>>(raw: &'a RawValue, at: &At) -> Res<T> {
    serde_json::from_str(raw.get()).map_err(|e| {
        let message = bare_message(&e);
        let text = raw.get();
        let offset = byte_offset(text, e.line(), e.column());
        let kind = data_kind(&message);
        let whole_object = matches!(
            kind,
            ErrorKind::Missing { .. } | ErrorKind::Syntax(Syntax::DuplicateKey(_))
        );
        let mut path = at.path();
        for segment in path_at(text, offset, whole_object) {
            match segment.strip_prefix('.') {
                Some(key) if path.is_empty() => path.push_str(key),
                _ => path.push_str(&segment),
            }
        }
        let place = if path.is_empty() {
            Place::Nowhere
        } else {
            Place::Path(path)
        };
        Box::new(FileError::new(kind, place))
    })
}

/// The byte offset of serde_json's line and column (both from 1; the column
/// is the byte where the error was seen, so the offset is just past the
/// value being read).
pub(super) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

/// The place of a syntax error: serde_json counts columns in bytes, Kalkyl
/// in characters. `bom` adds the byte order mark taken off the first line.
pub(super) fn text_place(
    text: &str,
    line: usize,
    column: usize,
    bom: bool,
) -> (Place, Option<char>) {
    let line_text = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or_default();
    let mut end = column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let before = line_text.get(..end).unwrap_or_default();
    let at = line_text.get(end..).and_then(|s| s.chars().next());
    let mut column = before.chars().count() + 1;
    if bom && line == 1 {
        column += 1;
    }
    (Place::Text { line, column }, at)
}

/// A syntax error of the first reading, with its line and column.
pub(super) fn syntax_error(e: &serde_json::Error, text: &str, bom: bool) -> Box<FileError> {
    let (place, at) = text_place(text, e.line(), e.column(), bom);
    let message = bare_message(e);
    let kind = match (e.classify(), message.as_str()) {
        (Category::Eof, _) => ErrorKind::Syntax(Syntax::Truncated),
        (_, "recursion limit exceeded") => ErrorKind::TooDeep { limit: MAX_DEPTH },
        (_, "trailing characters") => ErrorKind::Syntax(Syntax::TrailingText),
        (_, "invalid escape" | "unexpected end of hex escape") => {
            ErrorKind::Syntax(Syntax::BadEscape)
        }
        (_, "lone leading surrogate in hex escape" | "invalid unicode code point") => {
            ErrorKind::Syntax(Syntax::LoneSurrogate)
        }
        (_, m) if m.starts_with("control character") => ErrorKind::Syntax(Syntax::ControlCharacter),
        (_, "invalid number" | "number out of range") => ErrorKind::Syntax(Syntax::BadNumber),
        _ => match at {
            Some(c) => ErrorKind::Syntax(Syntax::Unexpected(c)),
            None => ErrorKind::Syntax(Syntax::Truncated),
        },
    };
    Box::new(FileError::new(kind, place))
}

/// A string the file may hold: at most [`MAX_STRING_BYTES`].
#[inline(never)]
pub(super) fn text(s: Cow<'_, str>, at: &At, key: &'static str) -> Res<String> {
    if s.len() > MAX_STRING_BYTES {
        return Err(at.key(key).err(ErrorKind::TooLong {
            limit: MAX_STRING_BYTES,
        }));
    }
    Ok(s.into_owned())
}

pub(super) fn opt_text(s: Option<Cow<'_, str>>, at: &At, key: &'static str) -> Res<Option<String>> {
    s.map(|s| text(s, at, key)).transpose()
}

/// A non-negative integer at most `max`.
#[inline(never)]
pub(super) fn at_most(n: Option<u64>, at: &At, key: &'static str, max: u64) -> Res<Option<u64>> {
    match n {
        Some(n) if n > max => Err(at.key(key).err(ErrorKind::OutOfRange {
            found: num(n),
            min: 0,
            max,
        })),
        _ => Ok(n),
    }
}

/// An index or count that fits a `u32`.
pub(super) fn index(n: Option<u64>, at: &At, key: &'static str) -> Res<Option<usize>> {
    Ok(at_most(n, at, key, u32::MAX.into())?.map(|n| n as usize))
}

/// Reads an exact decimal written `-297.2` (with `mark` as the decimal
/// mark): an optional minus, digits without needless leading zeros, and
/// optionally the mark and at least one digit; at most 28 decimals and a
/// mantissa below 2^96. A negative zero reads as zero.
pub(crate) fn parse_decimal(text: &str, mark: u8) -> Result<Decimal, DecimalProblem> {
    let bytes = text.as_bytes();
    let (negative, body) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let int_len = body.iter().take_while(|b| b.is_ascii_digit()).count();
    let (int, rest) = body.split_at(int_len);
    if int.is_empty() || (int.len() > 1 && int.first() == Some(&b'0')) {
        return Err(DecimalProblem::Malformed);
    }
    let frac = match rest.split_first() {
        None => &[][..],
        Some((m, f)) if *m == mark && !f.is_empty() && f.iter().all(u8::is_ascii_digit) => f,
        Some(_) => return Err(DecimalProblem::Malformed),
    };
    if frac.len() > 28 {
        return Err(DecimalProblem::TooManyDecimals);
    }
    pub(super) const LIMIT: u128 = (1 << 96) - 1;
    let mut mantissa: u128 = 0;
    for &d in int.iter().chain(frac) {
        mantissa = mantissa * 10 + u128::from(d - b'0');
        if mantissa > LIMIT {
            return Err(DecimalProblem::TooManyDigits);
        }
    }
    // Below 2^96, so it fits an i128.
    let signed = if negative {
        -(mantissa as i128)
    } else {
        mantissa as i128
    };
    Decimal::try_from_i128_with_scale(signed, frac.len() as u32)
        .map_err(|_| DecimalProblem::TooManyDigits)
}

/// A decimal from raw JSON: a string `"-297.2"`, or a JSON number without
/// an exponent, read exactly from its text.
#[inline(never)]
pub(super) fn read_decimal(raw: &RawValue, at: &At) -> Res<Decimal> {
    let s = raw.get();
    let t: Cow<str> = match s.as_bytes().first() {
        Some(b'"') => json_string(raw, at)?,
        Some(b'-' | b'0'..=b'9') => Cow::Borrowed(s),
        _ => return Err(at.wrong(Expected::Decimal)),
    };
    parse_decimal(&t, b'.').map_err(|problem| {
        at.err(ErrorKind::BadDecimal {
            text: t.into_owned(),
            problem,
        })
    })
}

/// The text of a raw JSON string; only one with escapes is decoded.
pub(super) fn json_string<'a>(raw: &'a RawValue, at: &At) -> Res<Cow<'a, str>> {
    let s = raw.get();
    match s.get(1..s.len().saturating_sub(1)) {
        Some(inner) if !inner.contains('\\') => Ok(Cow::Borrowed(inner)),
        _ => typed::<String>(raw, at).map(Cow::Owned),
    }
}

/// A cell: `null`, a decimal, or `{"text": …}`.
#[inline(never)]
pub(super) fn read_cell(cell: &CellFile, at: &At) -> Res<Cell> {
    let CellFile::In(raw) = cell else {
        return Err(at.wrong(Expected::Cell));
    };
    match raw.get().as_bytes().first() {
        Some(b'n') => Ok(Cell::Empty),
        Some(b'"' | b'-' | b'0'..=b'9') => read_decimal(raw, at).map(Cell::Number),
        Some(b'{') => {
            let t: TextCell = typed(raw, at)?;
            Ok(Cell::Text(text(t.text, at, "text")?))
        }
        _ => Err(at.wrong(Expected::Cell)),
    }
}

/// A version 1 cell: a string; empty is an empty cell; in a numeric column
/// a decimal-comma number (`-297,2`) is a number; anything else is text.
pub(super) fn read_v1_cell(t: &str, at: &At, numeric: bool) -> Res<Cell> {
    if t.is_empty() {
        return Ok(Cell::Empty);
    }
    if numeric {
        match parse_decimal(t, b',') {
            Ok(d) => return Ok(Cell::Number(d)),
            Err(DecimalProblem::Malformed) => {}
            Err(problem) => {
                return Err(at.err(ErrorKind::BadDecimal {
                    text: t.to_string(),
                    problem,
                }))
            }
        }
    }
    if t.len() > MAX_STRING_BYTES {
        return Err(at.err(ErrorKind::TooLong {
            limit: MAX_STRING_BYTES,
        }));
    }
    Ok(Cell::Text(t.to_string()))
}

/// The members of an object keyed by index, as a map: keys are canonical
/// integers (`"3"`, not `"03"`) below `bound`, each once.
#[inline(never)]
pub(super) fn keyed<V, T>(
    map: Keyed<V>,
    at: &At,
    key: &'static str,
    bound: usize,
    mut value: impl FnMut(V, &At) -> Res<T>,
) -> Res<BTreeMap<usize, T>> {
    let at = at.key(key);
    if map.0.len() > MAX_ITEMS {
        return Err(at.too_many(Counted::Items, MAX_ITEMS));
    }
    let mut out = BTreeMap::new();
    for (k, v) in map.0 {
        let canonical = k.bytes().all(|b| b.is_ascii_digit()) && (k == "0" || !k.starts_with('0'));
        let i = match k.parse::<usize>() {
            Ok(i) if canonical && i < bound => i,
            _ => {
                return Err(at.key(&k).err(ErrorKind::OutOfRange {
                    found: k.clone(),
                    min: 0,
                    max: bound.saturating_sub(1) as u64,
                }))
            }
        };
        let x = value(v, &at.entry(i))?;
        if out.insert(i, x).is_some() {
            return Err(at.err(ErrorKind::Syntax(Syntax::DuplicateKey(k))));
        }
    }
    Ok(out)
}

/// Checks the number of columns, rows and cells.
pub(super) fn check_size(at: &At, columns: usize, rows: usize) -> Res<()> {
    if columns > MAX_COLUMNS {
        return Err(at.key("columns").too_many(Counted::Columns, MAX_COLUMNS));
    }
    let here = at.key("rows");
    if rows > MAX_ROWS {
        return Err(here.too_many(Counted::Rows, MAX_ROWS));
    }
    if rows.saturating_mul(columns) > MAX_CELLS {
        return Err(here.too_many(Counted::Cells, MAX_CELLS));
    }
    Ok(())
}

/// An empty sheet to fill.
pub(super) fn blank_sheet(id: u64) -> Sheet {
    Sheet {
        id,
        name: String::new(),
        source: PastedSource::default(),
        choices: ReadChoices::default(),
        table: Table {
            title: None,
            unit: None,
            months: None,
            columns: Vec::new(),
            rows: Vec::new(),
            diagnostics: Vec::new(),
            settings: TableSettings::default(),
        },
        history: Default::default(),
    }
}

/// A row's kind, level and note (the same in every version).
pub(super) fn row_parts(
    kind: Option<RowKind>,
    level: Option<u64>,
    note: Option<Cow<'_, str>>,
    at: &At,
) -> Res<Row> {
    Ok(Row {
        kind: kind.unwrap_or(RowKind::Item),
        level: at_most(level, at, "level", u8::MAX.into())?.unwrap_or(0) as u8,
        note: opt_text(note, at, "note")?,
        cells: Vec::new(),
        originals: BTreeMap::new(),
    })
}

/// A length mismatch between a row's values and the columns.
pub(super) fn check_width(found: usize, width: usize, at: &At) -> Res<()> {
    if found != width {
        return Err(at.key("values").err(ErrorKind::LengthMismatch {
            expected: width,
            found,
        }));
    }
    Ok(())
}

/// A table of version 2 (the chosen convention or `null`) or 3 and 4
/// (the convention in use and `sign_convention_chosen`).
#[inline(never)]
pub(super) fn read_sheet(t: TableFile, at: &At, version: u64) -> Res<Sheet> {
    let mut sheet = blank_sheet(t.id);
    let width = t.columns.len();
    check_size(at, width, t.rows.len())?;
    let table = &mut sheet.table;
    let columns_at = at.key("columns");
    for (i, c) in t.columns.into_iter().enumerate() {
        table.columns.push(Column {
            heading: text(c.label, &columns_at.index(i), "label")?,
            role: c.role,
        });
    }
    let rows_at = at.key("rows");
    for (r, row) in t.rows.into_iter().enumerate() {
        let at = rows_at.index(r);
        check_width(row.values.len(), width, &at)?;
        let mut out = row_parts(row.kind, row.level, row.note, &at)?;
        let values_at = at.key("values");
        for (c, x) in row.values.iter().enumerate() {
            out.cells.push(read_cell(x, &values_at.index(c))?);
        }
        out.originals = keyed(row.originals, &at, "originals", width, |x, at| {
            read_cell(&x, at)
        })?;
        table.rows.push(out);
    }
    let s = &mut table.settings;
    s.status = read_thresholds(t.status_thresholds, at)?;
    // Version 3 writes the convention in use; only a chosen one is kept.
    s.sign_convention = match version {
        2 => t.sign_convention,
        _ => t
            .sign_convention
            .filter(|_| t.sign_convention_chosen == Some(true)),
    };
    s.forecast_method = t.forecast_method;
    s.row_forecast_methods = keyed(
        t.row_forecast_methods,
        at,
        "row_forecast_methods",
        MAX_ROWS,
        |m, _| Ok(m),
    )?;
    s.display_unit = t.display_unit;
    s.display_decimals = at_most(
        t.display_decimals,
        at,
        "display_decimals",
        MAX_DISPLAY_DECIMALS,
    )?
    .map(|d| d as u32);
    if let Some(src) = t.source {
        let at = at.key("source");
        sheet.source.plain = text(src.plain, &at, "plain")?;
        sheet.source.html = opt_text(src.html, &at, "html")?;
    }
    if let Some(c) = t.read_choices {
        let at = at.key("read_choices");
        let choices = &mut sheet.choices;
        choices.roles = keyed(c.roles, &at, "roles", MAX_COLUMNS, |r, _| Ok(r))?;
        choices.decimal_marks = keyed(
            c.decimal_marks,
            &at,
            "decimal_marks",
            MAX_COLUMNS,
            |m, _| Ok(m),
        )?;
        choices.unit = c.unit.map(|u| u.0);
        choices.months = at_most(c.months, &at, "months", 12)?.map(|m| m as u8);
        choices.splits = keyed(c.splits, &at, "splits", MAX_ROWS, |n, at| {
            Ok(index(Some(n), at, "")?.unwrap_or(0))
        })?;
        choices.prefer_plain = c.prefer_plain;
        choices.orientation = c.orientation;
        choices.year_pasted =
            at_most(c.year_pasted, &at, "year_pasted", u16::MAX.into())?.map(|y| y as u16);
    }
    let diagnostics_at = at.key("diagnostics");
    if t.diagnostics.len() > MAX_ITEMS {
        return Err(diagnostics_at.too_many(Counted::Items, MAX_ITEMS));
    }
    for (i, d) in t.diagnostics.into_iter().enumerate() {
        let at = diagnostics_at.index(i);
        sheet.table.diagnostics.push(Diagnostic {
            row: index(d.row, &at, "row")?,
            column: index(d.column, &at, "column")?,
            line: index(d.line, &at, "line")?,
            seen: text(d.seen.clone(), &at, "seen")?,
            kind: diagnostic_kind(d, &at)?,
        });
    }
    let table = &mut sheet.table;
    table.title = opt_text(t.title, at, "title")?;
    table.unit = t.unit;
    table.months = at_most(t.months, at, "months", 12)?.map(|m| m as u8);
    sheet.name = text(t.name, at, "name")?;
    Ok(sheet)
}

/// A diagnostic's kind from its name and the facts that kind needs; a
/// missing fact is named at the diagnostic's path.
pub(super) fn diagnostic_kind(d: DiagnosticFile, at: &At) -> Res<DiagnosticKind> {
    fn fact<T>(value: Option<T>, at: &At, key: &str) -> Res<T> {
        value.ok_or_else(|| at.err(ErrorKind::Missing { key: key.into() }))
    }
    let words = |value: Option<Cow<str>>, key: &'static str| -> Res<String> {
        text(fact(value, at, key)?, at, key)
    };
    let count = |value: Option<u64>, key: &'static str| -> Res<usize> {
        Ok(index(Some(fact(value, at, key)?), at, key)?.unwrap_or(0))
    };
    use DiagnosticKind as K;
    Ok(match d.kind {
        KindName::ReadAsText => K::ReadAsText {
            reason_en: words(d.reason_en, "reason_en")?,
            reason_sv: words(d.reason_sv, "reason_sv")?,
        },
        KindName::GuessedDecimalMark => K::GuessedDecimalMark {
            mark: fact(d.mark, at, "mark")?,
        },
        KindName::ContradictingDecimalMark => K::ContradictingDecimalMark {
            mark: fact(d.mark, at, "mark")?,
        },
        KindName::GuessedRole => K::GuessedRole {
            role: fact(d.role, at, "role")?,
        },
        KindName::UnitConverted => K::UnitConverted {
            from: fact(d.from, at, "from")?,
            to: fact(d.to, at, "to")?,
        },
        KindName::UnitNotConvertible => K::UnitNotConvertible {
            from: fact(d.from, at, "from")?,
            to: fact(d.to, at, "to")?,
        },
        KindName::UnitUnknown => K::UnitUnknown,
        KindName::PercentMismatch => K::PercentMismatch,
        KindName::ShortRow => K::ShortRow {
            expected: count(d.expected, "expected")?,
            found: count(d.found, "found")?,
        },
        KindName::LongRow => K::LongRow {
            expected: count(d.expected, "expected")?,
            found: count(d.found, "found")?,
        },
        KindName::AmbiguousSplit => K::AmbiguousSplit {
            candidates: count(d.candidates, "candidates")?,
        },
        KindName::UnsplittableLine => K::UnsplittableLine,
        KindName::TitleTaken => K::TitleTaken,
        KindName::Orientation => K::Orientation {
            turned: fact(d.turned, at, "turned")?,
            chosen: fact(d.chosen, at, "chosen")?,
        },
        KindName::Layout => K::Layout {
            what_en: words(d.what_en, "what_en")?,
            what_sv: words(d.what_sv, "what_sv")?,
        },
        KindName::Source => K::Source {
            what_en: words(d.what_en, "what_en")?,
            what_sv: words(d.what_sv, "what_sv")?,
        },
    })
}

/// `status_thresholds`: the defaults when missing.
pub(super) fn read_thresholds(th: Option<Thresholds>, at: &At) -> Res<StatusThresholds> {
    let mut out = StatusThresholds::default();
    if let Some(th) = th {
        let at = at.key("status_thresholds");
        out.met_within = dec_field(th.met_within, &at, "met_within")?;
        out.acceptable_within = dec_field(th.acceptable_within, &at, "acceptable_within")?;
    }
    Ok(out)
}

/// The follow-ups of a version 4 file; `ids` are the tables' ids, sorted.
#[inline(never)]
pub(super) fn follow_ups_of(raw: &RawValue, ids: &[u64]) -> Res<Vec<FollowUp>> {
    let at = ROOT.key("follow_ups");
    let list: Vec<FollowUpFile> = typed(raw, &at)?;
    if list.len() > MAX_FOLLOW_UPS {
        return Err(at.too_many(Counted::FollowUps, MAX_FOLLOW_UPS));
    }
    list.into_iter()
        .enumerate()
        .map(|(i, f)| read_follow_up(f, &at.index(i), ids))
        .collect()
}

/// A follow-up: each report's table must be in the file and its months
/// 1–12.
pub(super) fn read_follow_up(f: FollowUpFile, at: &At, ids: &[u64]) -> Res<FollowUp> {
    let reports_at = at.key("reports");
    if f.reports.len() > MAX_REPORTS {
        return Err(reports_at.too_many(Counted::Reports, MAX_REPORTS));
    }
    let mut reports = Vec::with_capacity(f.reports.len());
    for (i, r) in f.reports.into_iter().enumerate() {
        let at = reports_at.index(i);
        if ids.binary_search(&r.sheet).is_err() {
            return Err(at.key("sheet").err(ErrorKind::UnknownSheet { id: r.sheet }));
        }
        if let Some(m) = r.months.filter(|m| !(1..=12).contains(m)) {
            return Err(at.key("months").err(ErrorKind::OutOfRange {
                found: num(m),
                min: 1,
                max: 12,
            }));
        }
        reports.push(ReportSettings {
            sheet: r.sheet,
            kind: r.kind,
            months: r.months.map(|m| m as u8),
            convention: r.convention,
        });
    }
    let matches_at = at.key("matches");
    if f.matches.len() > MAX_MATCHES {
        return Err(matches_at.too_many(Counted::Matches, MAX_MATCHES));
    }
    let mut matches = Vec::with_capacity(f.matches.len());
    for (i, m) in f.matches.into_iter().enumerate() {
        let at = matches_at.index(i);
        let rows_at = at.key("rows");
        if m.rows.len() > MAX_MATCHES {
            return Err(rows_at.too_many(Counted::Items, MAX_MATCHES));
        }
        let mut rows = Vec::with_capacity(m.rows.len());
        for (r, row) in m.rows.into_iter().enumerate() {
            let at = rows_at.index(r);
            rows.push(RowRef {
                row: index(Some(row.row), &at, "row")?.unwrap_or(0),
                label: text(row.label, &at, "label")?,
            });
        }
        let target = match opt_text(m.into, &at, "into")? {
            Some(label) => MatchTarget::Row { label },
            None => MatchTarget::Unmatched,
        };
        matches.push(MatchOverride {
            sheet: m.sheet,
            rows,
            target,
        });
    }
    Ok(FollowUp {
        name: text(f.name, at, "name")?,
        unit: f.unit,
        convention: f.convention.unwrap_or(SignConvention::OutcomeMinusBudget),
        reports,
        matches,
        status: read_thresholds(f.status_thresholds, at)?,
    })
}

pub(super) fn dec_field(d: Dec, at: &At, key: &'static str) -> Res<Decimal> {
    match d {
        Dec::In(raw) => read_decimal(raw, &at.key(key)),
        Dec::Out(x) => Ok(x),
    }
}

/// A version 1 table, with the id it gets.
#[inline(never)]
pub(super) fn read_v1_sheet(t: TableV1, at: &At, id: u64) -> Res<Sheet> {
    let mut sheet = blank_sheet(id);
    let width = t.columns.len();
    check_size(at, width, t.rows.len())?;
    let table = &mut sheet.table;
    let columns_at = at.key("columns");
    for (i, c) in t.columns.into_iter().enumerate() {
        table.columns.push(Column {
            heading: text(c.heading, &columns_at.index(i), "heading")?,
            role: c.role,
        });
    }
    let numeric: Vec<bool> = table.columns.iter().map(|c| c.role.is_numeric()).collect();
    let is_numeric = |c: usize| numeric.get(c) == Some(&true);
    let rows_at = at.key("rows");
    for (r, row) in t.rows.into_iter().enumerate() {
        let at = rows_at.index(r);
        check_width(row.values.len(), width, &at)?;
        let mut out = row_parts(row.kind, row.level, row.note, &at)?;
        let values_at = at.key("values");
        for (c, x) in row.values.iter().enumerate() {
            out.cells
                .push(read_v1_cell(x, &values_at.index(c), is_numeric(c))?);
        }
        let mut column = 0;
        out.originals = keyed(row.originals, &at, "originals", width, |x, at| {
            // `keyed` checks the key before the value: the entry's index is
            // the last step of `at`.
            if let Some(Step::Entry(c)) = at.step {
                column = c;
            }
            read_v1_cell(&x, at, is_numeric(column))
        })?;
        table.rows.push(out);
    }
    table.settings.sign_convention = t.sign_convention.and_then(ConventionV1::migrated);
    table.title = opt_text(t.title, at, "title")?;
    table.unit = t.unit;
    table.months = at_most(t.months, at, "months", 12)?.map(|m| m as u8);
    sheet.source.plain = text(t.source, at, "source")?;
    sheet.name = text(t.name, at, "name")?;
    // Version 1 kept no read choices: the roles it stored were the truth.
    // A role that differs from what the source reads as becomes a choice,
    // so that reading the source again keeps it; the diagnostics come from
    // that reading.
    let t = &mut sheet.table;
    let plain = &sheet.source.plain;
    let choices = &mut sheet.choices;
    let fresh = read_paste(plain, None, choices);
    if fresh.columns.len() == t.columns.len() {
        for (i, (old, new)) in t.columns.iter().zip(&fresh.columns).enumerate() {
            if old.role != new.role {
                choices.roles.insert(i, old.role);
            }
        }
        t.diagnostics = if choices.roles.is_empty() {
            fresh.diagnostics
        } else {
            read_paste(plain, None, choices).diagnostics
        };
    }
    Ok(sheet)
}

/// Which version a file is: 1 to [`VERSION`], from `version` as written.
pub(super) fn version_of(raw: Option<&RawValue>) -> Res<u64> {
    let at = ROOT.key("version");
    let Some(raw) = raw else {
        return Err(ROOT.err(ErrorKind::Missing {
            key: "version".into(),
        }));
    };
    let v = raw.get();
    if !v.bytes().all(|b| b.is_ascii_digit()) || v.starts_with('0') || v.is_empty() {
        return Err(at.err(ErrorKind::BadVersion));
    }
    match v.parse::<u64>() {
        Ok(n) if (OLDEST_VERSION..=VERSION).contains(&n) => Ok(n),
        _ => Err(at.err(ErrorKind::NewerVersion {
            version: v.to_string(),
        })),
    }
}

/// Reads a workspace file of any version from [`OLDEST_VERSION`] to
/// [`VERSION`] (older versions are migrated). Computed figures, checks and
/// other derived fields in the file are ignored. Never panics: anything
/// wrong is a [`FileError`] saying what and where.
pub fn read_workspace_file(file: &str) -> Result<Workspace, FileError> {
    read(file).map_err(|e| *e)
}

pub(super) fn read(file: &str) -> Res<Workspace> {
    if file.len() > MAX_INPUT_BYTES {
        return Err(ROOT.err(ErrorKind::TooLarge {
            limit: MAX_INPUT_BYTES,
        }));
    }
    let (body, bom) = match file.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (file, false),
    };
    // Syntax and depth first, for the whole text.
    serde_json::from_str::<Depth>(body).map_err(|e| syntax_error(&e, body, bom))?;
    let root: RawRoot = match serde_json::from_str(body) {
        Ok(root) => root,
        Err(e) => {
            return Err(ROOT.err(match data_kind(&bare_message(&e)) {
                k @ ErrorKind::Syntax(Syntax::DuplicateKey(_)) => k,
                _ => ErrorKind::NotKalkyl,
            }))
        }
    };
    let format: Option<Cow<str>> = root.format.and_then(|f| json_string(f, &ROOT).ok());
    if root.format.map(|f| f.get().starts_with('"')) != Some(true)
        || format.as_deref() != Some(FORMAT)
    {
        return Err(ROOT.err(ErrorKind::NotKalkyl));
    }
    let version = version_of(root.version)?;
    let tables_at = ROOT.key("tables");
    let Some(tables) = root.tables else {
        return Err(ROOT.err(ErrorKind::Missing {
            key: "tables".into(),
        }));
    };
    let mut sheets: Vec<Sheet> = Vec::new();
    if version == 1 {
        let list: Vec<TableV1> = typed(tables, &tables_at)?;
        if list.len() > MAX_TABLES {
            return Err(tables_at.too_many(Counted::Tables, MAX_TABLES));
        }
        for (i, t) in list.into_iter().enumerate() {
            // Numbered from 1 in file order, so ids never repeat.
            sheets.push(read_v1_sheet(t, &tables_at.index(i), i as u64 + 1)?);
        }
        // Version 1 had no workspace name.
        return Ok(Workspace {
            follow_ups: Vec::new(),
            name: String::new(),
            next_id: sheets.len() as u64,
            sheets,
        });
    }
    let list: Vec<TableFile> = typed(tables, &tables_at)?;
    if list.len() > MAX_TABLES {
        return Err(tables_at.too_many(Counted::Tables, MAX_TABLES));
    }
    for (i, t) in list.into_iter().enumerate() {
        let at = tables_at.index(i);
        let sheet = read_sheet(t, &at, version)?;
        if sheets.iter().any(|s| s.id == sheet.id) {
            return Err(at.key("id").err(ErrorKind::DuplicateId { id: sheet.id }));
        }
        sheets.push(sheet);
    }
    let name: Option<Cow<str>> = match root.name {
        Some(raw) => typed(raw, &ROOT.key("name"))?,
        None => None,
    };
    let next_id: Option<u64> = match root.next_id {
        Some(raw) => typed(raw, &ROOT.key("next_id"))?,
        None => None,
    };
    let mut ids: Vec<u64> = sheets.iter().map(|s| s.id).collect();
    crate::order::sort_by(&mut ids, Ord::cmp);
    let largest = ids.last().copied().unwrap_or(0);
    // Versions 1 to 3 had no follow-ups.
    let follow_ups = match root.follow_ups {
        Some(raw) if version >= 4 => follow_ups_of(raw, &ids)?,
        _ => Vec::new(),
    };
    Ok(Workspace {
        follow_ups,
        name: text(name.unwrap_or_default(), &ROOT, "name")?,
        next_id: next_id.unwrap_or(0).max(largest),
        sheets,
    })
}
