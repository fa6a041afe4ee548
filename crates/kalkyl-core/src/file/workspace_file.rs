//! The JSON workspace file, version 2, and the migration from version 1.
//! `docs/file-format.md` describes every field.
//!
//! What is stored is the workspace: per table the pasted source, the read
//! choices, the table as read with the user's edits (and the pasted
//! original of every edited cell), the settings and the reader's
//! diagnostics. What is derived is written too, for readers without
//! Kalkyl, and ignored on import: each row's `label` and `computed`
//! figures, subtotal `sums`, the `totals`, the `checks`, the detected sign
//! convention and the diagnostics' messages. Import recomputes them, so a
//! file that is read and written again gives the same bytes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::json::{self, Counted, Doc, Value};
use super::{num, DecimalProblem, ErrorKind, Expected, FileError, Place};
use crate::calc::{compute, Computed, Figure, RowResult};
use crate::checks::check_table;
use crate::convention::detect_convention;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::grid::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::lang::Lang;
use crate::model::{
    Cell, Column, ForecastMethod, Role, Row, RowKind, SignConvention, Table, TableSettings,
};
use crate::number::{format_decimal, DecimalMark, NumberStyle, Unit};
use crate::read::{read_paste, ReadChoices};
use crate::workspace::{PastedSource, Sheet, Workspace};

/// The value of `format`.
pub const FORMAT: &str = "kalkyl-workspace";

/// The version [`write_workspace_file`] writes.
pub const VERSION: u64 = 2;

/// The oldest version [`read_workspace_file`] reads (and migrates).
pub const OLDEST_VERSION: u64 = 1;

/// The most tables a workspace file may hold.
pub const MAX_TABLES: usize = 1_000;

/// The most decimals a table may be displayed with.
const MAX_DISPLAY_DECIMALS: u64 = 28;

// Stable names, in the order of their enum's variants; each `*_KEYS` read
// back beside its `*_VALUES` (the tests have those of the written-only ones).
const UNIT_KEYS: [&str; 4] = ["kr", "tkr", "mnkr", "mdkr"];
const UNIT_VALUES: [Unit; 4] = [Unit::Kr, Unit::Tkr, Unit::Mnkr, Unit::Mdkr];
const CONVENTION_KEYS: [&str; 3] = [
    "outcome_minus_budget",
    "budget_minus_outcome",
    "outcome_plus_budget",
];
const CONVENTION_VALUES: [SignConvention; 3] = [
    SignConvention::OutcomeMinusBudget,
    SignConvention::BudgetMinusOutcome,
    SignConvention::OutcomePlusBudget,
];
const METHOD_KEYS: [&str; 4] = ["run_rate", "remaining_budget", "seasonal", "manual"];
const METHOD_VALUES: [ForecastMethod; 4] = [
    ForecastMethod::RunRate,
    ForecastMethod::RemainingBudget,
    ForecastMethod::Seasonal,
    ForecastMethod::Manual,
];
const BASIS_KEYS: [&str; 5] = [
    "run_rate",
    "remaining_budget",
    "seasonal",
    "manual",
    "full_year_outcome",
];
const STATUS_KEYS: [&str; 3] = ["met", "acceptable", "large"];
const CALC_ERROR_KEYS: [&str; 2] = ["overflow", "division_by_zero"];
const MARK_KEYS: [&str; 2] = ["comma", "point"];
const MARK_VALUES: [DecimalMark; 2] = [DecimalMark::Comma, DecimalMark::Point];
const KIND_KEYS: [&str; 4] = ["heading", "item", "subtotal", "total"];
const KIND_VALUES: [RowKind; 4] = [
    RowKind::Heading,
    RowKind::Item,
    RowKind::Subtotal,
    RowKind::Total,
];
/// The `kind` of each diagnostic, in [`DiagnosticKind`] order.
const DIAGNOSTIC_KINDS: [&str; 15] = [
    "read_as_text",
    "guessed_decimal_mark",
    "contradicting_decimal_mark",
    "guessed_role",
    "unit_converted",
    "unit_not_convertible",
    "unit_unknown",
    "percent_mismatch",
    "short_row",
    "long_row",
    "ambiguous_split",
    "unsplittable_line",
    "title_taken",
    "layout",
    "source",
];

/// The stable name of a value, by its place in its enum: each `*_VALUES`
/// lists its enum's variants in declaration order (a test checks it).
fn key_at(keys: &[&'static str], index: usize) -> &'static str {
    keys.get(index).copied().unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------
//
// The file is pushed as tokens into a [`Doc`], member by member in the
// documented order; [`Doc::write`] lays it out as [`json::write`] would.

/// `key: "text"`.
#[inline(never)]
fn put_str<'a>(d: &mut Doc<'a>, key: &'a str, text: &'a str) {
    d.key(key);
    d.str(text);
}

/// `key: "text"` or `key: null`.
#[inline(never)]
fn put_opt_str<'a>(d: &mut Doc<'a>, key: &'a str, text: Option<&'a str>) {
    d.key(key);
    d.opt_str(text);
}

/// `key: n` or `key: null`.
#[inline(never)]
fn put_opt_int(d: &mut Doc<'_>, key: &'static str, n: Option<usize>) {
    d.key(key);
    d.opt_uint(n.map(|n| n as u64));
}

/// `key: n`.
#[inline(never)]
fn put_int(d: &mut Doc<'_>, key: &'static str, n: u64) {
    d.key(key);
    d.uint(n);
}

/// `key: "-297.2"`.
#[inline(never)]
fn put_dec(d: &mut Doc<'_>, key: &'static str, x: Decimal) {
    d.key(key);
    dec(d, x);
}

/// An exact decimal as a string: `-297.2`, zero without a sign.
#[inline(never)]
fn dec(d: &mut Doc<'_>, x: Decimal) {
    d.string(format_decimal(x, &NumberStyle::neutral()));
}

#[inline(never)]
fn cell<'a>(d: &mut Doc<'a>, c: &'a Cell) {
    match c {
        Cell::Empty => d.raw("null"),
        Cell::Number(x) => dec(d, *x),
        Cell::Text(t) => {
            d.open(b'{');
            put_str(d, "text", t);
            d.close(b'}');
        }
    }
}

/// A computed figure; `null` when blank.
#[inline(never)]
fn computed(d: &mut Doc<'_>, c: Computed) {
    match c {
        Computed::Blank => d.raw("null"),
        Computed::Value(x) => dec(d, x),
        Computed::Error(e) => {
            d.open(b'{');
            put_str(d, "error", key_at(&CALC_ERROR_KEYS, e as usize));
            d.close(b'}');
        }
    }
}

#[inline(never)]
fn sums(d: &mut Doc<'_>, columns: &[Computed]) {
    d.open(b'[');
    for c in columns {
        computed(d, *c);
    }
    d.close(b']');
}

#[inline(never)]
fn result(d: &mut Doc<'_>, r: &RowResult) {
    d.open(b'{');
    for f in Figure::ALL {
        let c = r.figure(f);
        if c != Computed::Blank {
            d.key(f.key());
            computed(d, c);
        }
    }
    if let Some(b) = r.forecast_basis {
        put_str(d, "forecast_basis", key_at(&BASIS_KEYS, b as usize));
    }
    if let Some(s) = r.status {
        put_str(d, "status", key_at(&STATUS_KEYS, s as usize));
    }
    d.close(b'}');
}

/// `"message": {"sv": …, "en": …}`.
#[inline(never)]
fn message(d: &mut Doc<'_>, sv: String, en: String) {
    d.key("message");
    d.open(b'{');
    d.key("sv");
    d.string(sv);
    d.key("en");
    d.string(en);
    d.close(b'}');
}

/// `key: {"3": …}`, an object keyed by index.
fn map_of<'a, T>(
    d: &mut Doc<'a>,
    key: &'static str,
    map: &'a BTreeMap<usize, T>,
    value: fn(&mut Doc<'a>, &'a T),
) {
    d.key(key);
    d.open(b'{');
    for (k, v) in map {
        d.key_owned(num(*k as u64));
        value(d, v);
    }
    d.close(b'}');
}

fn mark(d: &mut Doc<'_>, m: &DecimalMark) {
    d.str(key_at(&MARK_KEYS, *m as usize));
}

fn method(d: &mut Doc<'_>, m: &ForecastMethod) {
    d.str(key_at(&METHOD_KEYS, *m as usize));
}

#[inline(never)]
fn diagnostic<'a>(d: &mut Doc<'a>, diag: &'a Diagnostic, derived: bool) {
    use DiagnosticKind as K;
    let index = match &diag.kind {
        K::ReadAsText { .. } => 0,
        K::GuessedDecimalMark { .. } => 1,
        K::ContradictingDecimalMark { .. } => 2,
        K::GuessedRole { .. } => 3,
        K::UnitConverted { .. } => 4,
        K::UnitNotConvertible { .. } => 5,
        K::UnitUnknown => 6,
        K::PercentMismatch => 7,
        K::ShortRow { .. } => 8,
        K::LongRow { .. } => 9,
        K::AmbiguousSplit { .. } => 10,
        K::UnsplittableLine => 11,
        K::TitleTaken => 12,
        K::Layout { .. } => 13,
        K::Source { .. } => 14,
    };
    d.open(b'{');
    put_opt_int(d, "row", diag.row);
    put_opt_int(d, "column", diag.column);
    put_opt_int(d, "line", diag.line);
    put_str(d, "seen", &diag.seen);
    put_str(d, "kind", DIAGNOSTIC_KINDS[index]);
    match &diag.kind {
        K::ReadAsText {
            reason_en,
            reason_sv,
        } => {
            put_str(d, "reason_en", reason_en);
            put_str(d, "reason_sv", reason_sv);
        }
        K::GuessedDecimalMark { mark } | K::ContradictingDecimalMark { mark } => {
            put_str(d, "mark", key_at(&MARK_KEYS, *mark as usize));
        }
        K::GuessedRole { role } => put_str(d, "role", role.key()),
        K::UnitConverted { from, to } | K::UnitNotConvertible { from, to } => {
            put_str(d, "from", from.symbol());
            put_str(d, "to", to.symbol());
        }
        K::ShortRow { expected, found } | K::LongRow { expected, found } => {
            put_int(d, "expected", *expected as u64);
            put_int(d, "found", *found as u64);
        }
        K::AmbiguousSplit { candidates } => put_int(d, "candidates", *candidates as u64),
        K::Layout { what_en, what_sv } | K::Source { what_en, what_sv } => {
            put_str(d, "what_en", what_en);
            put_str(d, "what_sv", what_sv);
        }
        K::UnitUnknown | K::PercentMismatch | K::UnsplittableLine | K::TitleTaken => {}
    }
    if derived {
        message(d, diag.kind.message(Lang::Sv), diag.kind.message(Lang::En));
    }
    d.close(b'}');
}

/// Writes a table; `derived` adds what import ignores and recomputes.
#[inline(never)]
fn sheet<'a>(d: &mut Doc<'a>, sheet: &'a Sheet, derived: bool) {
    let t = &sheet.table;
    let s = &t.settings;
    d.open(b'{');
    put_int(d, "id", sheet.id);
    put_str(d, "name", &sheet.name);
    put_opt_str(d, "title", t.title.as_deref());
    put_opt_str(d, "unit", t.unit.map(Unit::symbol));
    put_opt_str(d, "display_unit", s.display_unit.map(Unit::symbol));
    d.key("display_decimals");
    d.opt_uint(s.display_decimals.map(u64::from));
    put_opt_int(d, "months", t.months.map(usize::from));
    put_opt_str(
        d,
        "sign_convention",
        s.sign_convention
            .map(|c| key_at(&CONVENTION_KEYS, c as usize)),
    );
    if derived {
        put_str(
            d,
            "sign_convention_detected",
            key_at(&CONVENTION_KEYS, detect_convention(t).convention as usize),
        );
    }
    put_opt_str(
        d,
        "forecast_method",
        s.forecast_method.map(|m| key_at(&METHOD_KEYS, m as usize)),
    );
    map_of(d, "row_forecast_methods", &s.row_forecast_methods, method);
    d.key("status_thresholds");
    d.open(b'{');
    put_dec(d, "met_within", s.status.met_within);
    put_dec(d, "acceptable_within", s.status.acceptable_within);
    d.close(b'}');
    d.key("source");
    d.open(b'{');
    put_str(d, "plain", &sheet.source.plain);
    put_opt_str(d, "html", sheet.source.html.as_deref());
    d.close(b'}');
    let c = &sheet.choices;
    d.key("read_choices");
    d.open(b'{');
    map_of(d, "roles", &c.roles, |d, r| d.str(r.key()));
    map_of(d, "decimal_marks", &c.decimal_marks, mark);
    put_opt_str(d, "unit", c.unit.map(|u| u.map_or("none", Unit::symbol)));
    put_opt_int(d, "months", c.months.map(usize::from));
    map_of(d, "splits", &c.splits, |d, n| d.uint(*n as u64));
    d.key("prefer_plain");
    d.raw(if c.prefer_plain { "true" } else { "false" });
    d.close(b'}');
    d.key("columns");
    d.open(b'[');
    for col in &t.columns {
        d.open(b'{');
        put_str(d, "label", &col.heading);
        put_str(d, "role", col.role.key());
        d.close(b'}');
    }
    d.close(b']');
    let results = derived.then(|| compute(t));
    let default_result = RowResult::default();
    d.key("rows");
    d.open(b'[');
    for (i, row) in t.rows.iter().enumerate() {
        d.open(b'{');
        if derived {
            put_str(d, "label", t.label(i));
        }
        put_str(d, "kind", row.kind.key());
        put_int(d, "level", row.level.into());
        put_opt_str(d, "note", row.note.as_deref());
        d.key("values");
        d.open(b'[');
        for c in &row.cells {
            cell(d, c);
        }
        d.close(b']');
        map_of(d, "originals", &row.originals, cell);
        if let Some(results) = &results {
            d.key("computed");
            result(d, results.rows.get(i).unwrap_or(&default_result));
            if let Some(totals) = results.sum_of(i) {
                d.key("sums");
                sums(d, &totals.columns);
            }
        }
        d.close(b'}');
    }
    d.close(b']');
    if let Some(results) = &results {
        d.key("totals");
        d.open(b'{');
        d.key("sums");
        sums(d, &results.totals.columns);
        d.key("computed");
        result(d, &results.totals.computed);
        d.close(b'}');
        d.key("checks");
        d.open(b'[');
        for c in check_table(t) {
            d.open(b'{');
            put_int(d, "row", c.row as u64);
            put_int(d, "column", c.column as u64);
            put_str(d, "kind", c.kind.key());
            put_dec(d, "stated", c.stated);
            put_dec(d, "recomputed", c.recomputed);
            d.key("difference");
            computed(d, c.difference);
            message(d, c.message_sv, c.message_en);
            d.close(b'}');
        }
        d.close(b']');
    }
    d.key("diagnostics");
    d.open(b'[');
    for diag in &t.diagnostics {
        diagnostic(d, diag, derived);
    }
    d.close(b']');
    d.close(b'}');
}

/// Writes a workspace as a version-[`VERSION`] file: UTF-8 JSON, two-space
/// indentation (see [`json::write`]), keys in a fixed order, ending in a
/// line end. `saved_at` (an ISO 8601 time, as the app passes it) is written
/// as given, or `null`. The session's undo history is not written.
pub fn write_workspace_file(ws: &Workspace, saved_at: Option<&str>) -> String {
    write(ws, saved_at, true)
}

/// Writes the workspace as the browser keeps it between visits: the file of
/// [`write_workspace_file`] without what import ignores and recomputes (row
/// labels, computed figures, sums, totals, checks, the detected sign
/// convention, messages) and without indentation. [`read_workspace_file`]
/// reads it back to the same workspace. A large table's file is several
/// times smaller this way, which keeps it within what the browser stores in
/// one record and makes the save far quicker.
pub fn write_workspace_store(ws: &Workspace, saved_at: Option<&str>) -> String {
    write(ws, saved_at, false)
}

#[inline(never)]
fn write(ws: &Workspace, saved_at: Option<&str>, derived: bool) -> String {
    let mut d = Doc::default();
    d.compact = !derived;
    d.open(b'{');
    put_str(&mut d, "format", FORMAT);
    put_int(&mut d, "version", VERSION);
    put_str(&mut d, "name", &ws.name);
    put_opt_str(&mut d, "saved_at", saved_at);
    put_int(&mut d, "next_id", ws.next_id);
    d.key("settings");
    d.open(b'{');
    d.close(b'}');
    d.key("tables");
    d.open(b'[');
    for s in &ws.sheets {
        sheet(&mut d, s, derived);
    }
    d.close(b']');
    d.close(b'}');
    let mut out = String::new();
    d.write(&mut out);
    out
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------
//
// The helpers below are small and not generic, and the readers use plain
// loops: the code runs once per file and its size in the wasm matters more
// than its speed (the crate is built at opt-level 2, which would inline and
// duplicate generic helpers per caller).

/// A step of a JSON path.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
    /// The key of an object keyed by index: `["3"]`.
    Entry(usize),
}

/// Where a value is: a path kept as a chain on the stack and written out
/// only for an error.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Option<Step<'a>>,
}

const ROOT: At<'static> = At {
    parent: None,
    step: None,
};

impl<'a> At<'a> {
    fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Key(key)),
        }
    }

    fn index(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Index(i)),
        }
    }

    fn entry(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Some(Step::Entry(i)),
        }
    }

    fn path(&self) -> String {
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
    fn err(&self, kind: ErrorKind) -> Box<FileError> {
        let path = self.path();
        let place = if path.is_empty() {
            Place::Nowhere
        } else {
            Place::Path(path)
        };
        Box::new(FileError::new(kind, place))
    }

    fn wrong(&self, expected: Expected) -> Box<FileError> {
        self.err(ErrorKind::WrongType { expected })
    }

    fn too_many(&self, what: Counted, limit: usize) -> Box<FileError> {
        self.err(ErrorKind::TooMany { what, limit })
    }
}

/// Errors are boxed while reading: results stay small.
type Res<T> = Result<T, Box<FileError>>;

#[inline(never)]
fn items<'v, 'a>(v: &'v Value<'a>, at: &At) -> Res<&'v [Value<'a>]> {
    match v {
        Value::Array(items) => Ok(items),
        _ => Err(at.wrong(Expected::Array)),
    }
}

/// Checks that a value is an object.
#[inline(never)]
fn object(v: &Value, at: &At) -> Res<()> {
    match v {
        Value::Object(_) => Ok(()),
        _ => Err(at.wrong(Expected::Object)),
    }
}

/// A required member of an object (already checked to be one).
#[inline(never)]
fn field<'v, 'a>(v: &'v Value<'a>, key: &'static str, at: &At) -> Res<&'v Value<'a>> {
    v.get(key).ok_or_else(|| at.err(ErrorKind::Missing { key }))
}

/// An optional member: `None` when missing or `null`.
fn opt<'v, 'a>(v: &'v Value<'a>, key: &str) -> Option<&'v Value<'a>> {
    v.get(key).filter(|v| !v.is_null())
}

#[inline(never)]
fn text<'v>(v: &'v Value, at: &At) -> Res<&'v str> {
    v.as_str().ok_or_else(|| at.wrong(Expected::String))
}

#[inline(never)]
fn opt_text<'v>(v: &'v Value, key: &'static str, at: &At) -> Res<Option<&'v str>> {
    match opt(v, key) {
        Some(x) => text(x, &at.key(key)).map(Some),
        None => Ok(None),
    }
}

#[inline(never)]
fn owned_text(v: &Value, key: &'static str, at: &At) -> Res<String> {
    Ok(opt_text(v, key, at)?.unwrap_or_default().to_string())
}

fn opt_owned_text(v: &Value, key: &'static str, at: &At) -> Res<Option<String>> {
    Ok(opt_text(v, key, at)?.map(str::to_string))
}

/// A non-negative integer at most `max`.
#[inline(never)]
fn integer(v: &Value, at: &At, max: u64) -> Res<u64> {
    let Value::Number(n) = v else {
        return Err(at.wrong(Expected::Integer));
    };
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(at.wrong(Expected::Integer));
    }
    match n.parse::<u64>() {
        Ok(x) if x <= max => Ok(x),
        _ => Err(at.err(ErrorKind::OutOfRange {
            found: n.to_string(),
            min: 0,
            max,
        })),
    }
}

#[inline(never)]
fn opt_integer(v: &Value, key: &'static str, at: &At, max: u64) -> Res<Option<u64>> {
    match opt(v, key) {
        Some(x) => integer(x, &at.key(key), max).map(Some),
        None => Ok(None),
    }
}

/// An index or count that fits a `u32`.
fn opt_usize(v: &Value, key: &'static str, at: &At) -> Res<Option<usize>> {
    Ok(opt_integer(v, key, at, u32::MAX.into())?.map(|n| n as usize))
}

/// A required count that fits a `u32`.
fn count(v: &Value, key: &'static str, at: &At) -> Res<usize> {
    Ok(integer(field(v, key, at)?, &at.key(key), u32::MAX.into())? as usize)
}

/// Which of `keys` a string value is.
#[inline(never)]
fn pick(v: &Value, at: &At, keys: &[&'static str]) -> Res<usize> {
    let found = text(v, at)?;
    keys.iter().position(|k| *k == found).ok_or_else(|| {
        at.err(ErrorKind::Unknown {
            found: found.to_string(),
            expected: keys.join(", "),
        })
    })
}

#[inline(never)]
fn opt_pick(v: &Value, key: &'static str, at: &At, keys: &[&'static str]) -> Res<Option<usize>> {
    match opt(v, key) {
        Some(x) => pick(x, &at.key(key), keys).map(Some),
        None => Ok(None),
    }
}

fn req_pick(v: &Value, key: &'static str, at: &At, keys: &[&'static str]) -> Res<usize> {
    pick(field(v, key, at)?, &at.key(key), keys)
}

fn opt_unit(v: &Value, key: &'static str, at: &At) -> Res<Option<Unit>> {
    Ok(opt_pick(v, key, at, &UNIT_KEYS)?.map(|i| UNIT_VALUES[i]))
}

fn role_keys() -> [&'static str; 12] {
    Role::ALL.map(Role::key)
}

fn role(v: &Value, at: &At) -> Res<Role> {
    Ok(Role::ALL[pick(v, at, &role_keys())?])
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
    const LIMIT: u128 = (1 << 96) - 1;
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

/// A decimal: a string `"-297.2"`, or a JSON number without an exponent
/// (read exactly from its text).
#[inline(never)]
fn decimal(v: &Value, at: &At) -> Res<Decimal> {
    let (Value::String(t) | Value::Number(t)) = v else {
        return Err(at.wrong(Expected::Decimal));
    };
    parse_decimal(t, b'.').map_err(|problem| {
        at.err(ErrorKind::BadDecimal {
            text: t.to_string(),
            problem,
        })
    })
}

fn req_decimal(v: &Value, key: &'static str, at: &At) -> Res<Decimal> {
    decimal(field(v, key, at)?, &at.key(key))
}

/// A cell: `null`, a decimal, or `{"text": …}`.
#[inline(never)]
fn read_cell(v: &Value, at: &At) -> Res<Cell> {
    match v {
        Value::Null => Ok(Cell::Empty),
        Value::String(_) | Value::Number(_) => decimal(v, at).map(Cell::Number),
        Value::Object(_) => Ok(Cell::Text(
            text(field(v, "text", at)?, &at.key("text"))?.to_string(),
        )),
        _ => Err(at.wrong(Expected::Cell)),
    }
}

/// The members of an optional object keyed by index (`{"3": …}`), in the
/// file's order: keys are canonical integers (`"3"`, not `"03"`) below
/// `bound`. The JSON reader has refused duplicate keys already.
#[inline(never)]
fn entries<'v, 'a>(
    v: &'v Value<'a>,
    key: &'static str,
    at: &At,
    bound: usize,
) -> Res<Vec<(usize, &'v Value<'a>)>> {
    let Some(map) = opt(v, key) else {
        return Ok(Vec::new());
    };
    let at = at.key(key);
    let Value::Object(members) = map else {
        return Err(at.wrong(Expected::Object));
    };
    let mut out = Vec::with_capacity(members.len());
    for (k, value) in members {
        let canonical = k.bytes().all(|b| b.is_ascii_digit()) && (k == "0" || !k.starts_with('0'));
        match k.parse::<usize>() {
            Ok(i) if canonical && i < bound => out.push((i, value)),
            _ => {
                return Err(at.key(k).err(ErrorKind::OutOfRange {
                    found: k.to_string(),
                    min: 0,
                    max: bound.saturating_sub(1) as u64,
                }))
            }
        }
    }
    Ok(out)
}

/// An object keyed by index whose values are among `keys`.
fn picked_map<T: Copy>(
    v: &Value,
    key: &'static str,
    at: &At,
    bound: usize,
    keys: &[&'static str],
    values: &[T],
) -> Res<BTreeMap<usize, T>> {
    let mut out = BTreeMap::new();
    for (i, x) in entries(v, key, at, bound)? {
        out.insert(i, values[pick(x, &at.key(key).entry(i), keys)?]);
    }
    Ok(out)
}

#[inline(never)]
fn read_choices(v: &Value, at: &At) -> Res<ReadChoices> {
    object(v, at)?;
    // Filled in place, in the order the members are checked.
    let mut c = ReadChoices::default();
    if let Some(u) = opt(v, "unit") {
        c.unit = match pick(u, &at.key("unit"), &["none", "kr", "tkr", "mnkr", "mdkr"])? {
            0 => Some(None),
            i => Some(Some(UNIT_VALUES[i - 1])),
        };
    }
    for (i, x) in entries(v, "splits", at, MAX_ROWS)? {
        let n = integer(x, &at.key("splits").entry(i), u32::MAX.into())? as usize;
        c.splits.insert(i, n);
    }
    c.prefer_plain = match opt(v, "prefer_plain") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(at.key("prefer_plain").wrong(Expected::Bool)),
    };
    c.roles = picked_map(v, "roles", at, MAX_COLUMNS, &role_keys(), &Role::ALL)?;
    c.decimal_marks = picked_map(
        v,
        "decimal_marks",
        at,
        MAX_COLUMNS,
        &MARK_KEYS,
        &MARK_VALUES,
    )?;
    c.months = opt_integer(v, "months", at, 12)?.map(|m| m as u8);
    Ok(c)
}

#[inline(never)]
fn read_diagnostic(v: &Value, at: &At) -> Res<Diagnostic> {
    use DiagnosticKind as K;
    object(v, at)?;
    let s = |k: &'static str| owned_text(v, k, at);
    // Kinds that differ only in their name share their reading.
    let kind = match req_pick(v, "kind", at, &DIAGNOSTIC_KINDS)? {
        k @ (0 | 13 | 14) => {
            let (en, sv) = if k == 0 {
                ("reason_en", "reason_sv")
            } else {
                ("what_en", "what_sv")
            };
            let (en, sv) = (s(en)?, s(sv)?);
            if k == 0 {
                K::ReadAsText {
                    reason_en: en,
                    reason_sv: sv,
                }
            } else if k == 13 {
                K::Layout {
                    what_en: en,
                    what_sv: sv,
                }
            } else {
                K::Source {
                    what_en: en,
                    what_sv: sv,
                }
            }
        }
        k @ (1 | 2) => {
            let mark = MARK_VALUES[req_pick(v, "mark", at, &MARK_KEYS)?];
            if k == 1 {
                K::GuessedDecimalMark { mark }
            } else {
                K::ContradictingDecimalMark { mark }
            }
        }
        3 => K::GuessedRole {
            role: role(field(v, "role", at)?, &at.key("role"))?,
        },
        k @ (4 | 5) => {
            let from = UNIT_VALUES[req_pick(v, "from", at, &UNIT_KEYS)?];
            let to = UNIT_VALUES[req_pick(v, "to", at, &UNIT_KEYS)?];
            if k == 4 {
                K::UnitConverted { from, to }
            } else {
                K::UnitNotConvertible { from, to }
            }
        }
        6 => K::UnitUnknown,
        7 => K::PercentMismatch,
        k @ (8 | 9) => {
            let expected = count(v, "expected", at)?;
            let found = count(v, "found", at)?;
            if k == 8 {
                K::ShortRow { expected, found }
            } else {
                K::LongRow { expected, found }
            }
        }
        10 => K::AmbiguousSplit {
            candidates: count(v, "candidates", at)?,
        },
        11 => K::UnsplittableLine,
        _ => K::TitleTaken,
    };
    Ok(Diagnostic {
        row: opt_usize(v, "row", at)?,
        column: opt_usize(v, "column", at)?,
        line: opt_usize(v, "line", at)?,
        seen: s("seen")?,
        kind,
    })
}

/// The columns; `key` names the heading (`label`, or `heading` in
/// version 1).
fn read_columns(v: &Value, at: &At, key: &'static str) -> Res<Vec<Column>> {
    let here = at.key("columns");
    let list = items(field(v, "columns", at)?, &here)?;
    if list.len() > MAX_COLUMNS {
        return Err(here.too_many(Counted::Columns, MAX_COLUMNS));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        let at = here.index(i);
        object(c, &at)?;
        out.push(Column {
            heading: owned_text(c, key, &at)?,
            role: role(field(c, "role", &at)?, &at.key("role"))?,
        });
    }
    Ok(out)
}

/// A cell of a row: `numeric` is `None` in version 2 ([`read_cell`]), and
/// in version 1 whether each column is numeric ([`read_v1_cell`]).
fn row_cell(x: &Value, at: &At, numeric: Option<&[bool]>, c: usize) -> Res<Cell> {
    match numeric {
        None => read_cell(x, at),
        Some(n) => read_v1_cell(x, at, n.get(c) == Some(&true)),
    }
}

/// The rows, with one cell per column in `values` and the originals.
fn read_rows(v: &Value, at: &At, width: usize, numeric: Option<&[bool]>) -> Res<Vec<Row>> {
    let here = at.key("rows");
    let list = items(field(v, "rows", at)?, &here)?;
    if list.len() > MAX_ROWS {
        return Err(here.too_many(Counted::Rows, MAX_ROWS));
    }
    if list.len().saturating_mul(width) > MAX_CELLS {
        return Err(here.too_many(Counted::Cells, MAX_CELLS));
    }
    let mut rows = Vec::with_capacity(list.len());
    for (r, row) in list.iter().enumerate() {
        let at = here.index(r);
        object(row, &at)?;
        let values_at = at.key("values");
        let values = items(field(row, "values", &at)?, &values_at)?;
        if values.len() != width {
            return Err(values_at.err(ErrorKind::LengthMismatch {
                expected: width,
                found: values.len(),
            }));
        }
        // Filled in place, in the order the members are checked.
        let mut r = Row {
            kind: RowKind::Item,
            level: 0,
            note: None,
            cells: Vec::with_capacity(width),
            originals: BTreeMap::new(),
        };
        for (c, x) in values.iter().enumerate() {
            r.cells.push(row_cell(x, &values_at.index(c), numeric, c)?);
        }
        for (c, x) in entries(row, "originals", &at, width)? {
            let cell = row_cell(x, &at.key("originals").entry(c), numeric, c)?;
            r.originals.insert(c, cell);
        }
        r.kind = opt_pick(row, "kind", &at, &KIND_KEYS)?.map_or(RowKind::Item, |i| KIND_VALUES[i]);
        r.level = opt_integer(row, "level", &at, u8::MAX.into())?.unwrap_or(0) as u8;
        r.note = opt_owned_text(row, "note", &at)?;
        rows.push(r);
    }
    Ok(rows)
}

/// The settings, source, read choices and diagnostics of a version 2
/// table, in the order they are checked, into `sheet`.
#[inline(never)]
fn read_v2_parts(v: &Value, at: &At, sheet: &mut Sheet) -> Res<()> {
    let s = &mut sheet.table.settings;
    if let Some(t) = opt(v, "status_thresholds") {
        let at = at.key("status_thresholds");
        object(t, &at)?;
        s.status.met_within = req_decimal(t, "met_within", &at)?;
        s.status.acceptable_within = req_decimal(t, "acceptable_within", &at)?;
    }
    s.sign_convention =
        opt_pick(v, "sign_convention", at, &CONVENTION_KEYS)?.map(|i| CONVENTION_VALUES[i]);
    s.forecast_method = opt_pick(v, "forecast_method", at, &METHOD_KEYS)?.map(|i| METHOD_VALUES[i]);
    s.row_forecast_methods = picked_map(
        v,
        "row_forecast_methods",
        at,
        MAX_ROWS,
        &METHOD_KEYS,
        &METHOD_VALUES,
    )?;
    s.display_unit = opt_unit(v, "display_unit", at)?;
    s.display_decimals =
        opt_integer(v, "display_decimals", at, MAX_DISPLAY_DECIMALS)?.map(|d| d as u32);
    if let Some(src) = opt(v, "source") {
        let at = at.key("source");
        object(src, &at)?;
        sheet.source.plain = owned_text(src, "plain", &at)?;
        sheet.source.html = opt_owned_text(src, "html", &at)?;
    }
    if let Some(c) = opt(v, "read_choices") {
        sheet.choices = read_choices(c, &at.key("read_choices"))?;
    }
    if let Some(d) = opt(v, "diagnostics") {
        let at = at.key("diagnostics");
        for (i, d) in items(d, &at)?.iter().enumerate() {
            sheet
                .table
                .diagnostics
                .push(read_diagnostic(d, &at.index(i))?);
        }
    }
    Ok(())
}

/// A table of either version: `v1_id` is the id a version 1 table gets
/// (version 2 tables have theirs in the file). The sheet is filled in
/// place, so that every early return drops one value.
#[inline(never)]
fn read_sheet(v: &Value, at: &At, v1_id: Option<u64>) -> Res<Sheet> {
    object(v, at)?;
    let mut sheet = Sheet {
        id: 0,
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
    };
    sheet.id = match v1_id {
        Some(id) => id,
        None => integer(field(v, "id", at)?, &at.key("id"), u64::MAX)?,
    };
    let v1 = v1_id.is_some();
    let t = &mut sheet.table;
    t.columns = read_columns(v, at, if v1 { "heading" } else { "label" })?;
    let numeric: Vec<bool> = t.columns.iter().map(|c| c.role.is_numeric()).collect();
    t.rows = read_rows(v, at, t.columns.len(), v1.then_some(&numeric[..]))?;
    if v1 {
        sheet.source.plain = owned_text(v, "source", at)?;
        sheet.table.settings.sign_convention =
            opt_pick(v, "sign_convention", at, &V1_CONVENTION_KEYS)?
                .and_then(|i| V1_CONVENTION_VALUES[i]);
    } else {
        read_v2_parts(v, at, &mut sheet)?;
    }
    let t = &mut sheet.table;
    t.title = opt_owned_text(v, "title", at)?;
    t.unit = opt_unit(v, "unit", at)?;
    t.months = opt_integer(v, "months", at, 12)?.map(|m| m as u8);
    if v1 {
        // Version 1 kept no read choices: the roles it stored were the
        // truth. A role that differs from what the source reads as becomes
        // a choice, so that reading the source again keeps it; the
        // diagnostics come from that reading.
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
    }
    sheet.name = owned_text(v, "name", at)?;
    Ok(sheet)
}

/// The tables array, checked against [`MAX_TABLES`].
fn table_list<'v, 'a>(root: &'v Value<'a>) -> Res<&'v [Value<'a>]> {
    let at = ROOT.key("tables");
    let list = items(field(root, "tables", &ROOT)?, &at)?;
    if list.len() > MAX_TABLES {
        return Err(at.too_many(Counted::Tables, MAX_TABLES));
    }
    Ok(list)
}

/// A workspace of either version. Version 1 tables are numbered from 1 in
/// file order (so their ids never repeat) and version 1 had no workspace
/// name.
fn read_tables(root: &Value, v1: bool) -> Res<Workspace> {
    let tables_at = ROOT.key("tables");
    let mut sheets: Vec<Sheet> = Vec::new();
    for (i, t) in table_list(root)?.iter().enumerate() {
        let at = tables_at.index(i);
        let sheet = read_sheet(t, &at, v1.then_some(i as u64 + 1))?;
        if sheets.iter().any(|s| s.id == sheet.id) {
            return Err(at.key("id").err(ErrorKind::DuplicateId { id: sheet.id }));
        }
        sheets.push(sheet);
    }
    if v1 {
        return Ok(Workspace {
            name: String::new(),
            next_id: sheets.len() as u64,
            sheets,
        });
    }
    let largest = sheets.iter().map(|s| s.id).max().unwrap_or(0);
    Ok(Workspace {
        name: owned_text(root, "name", &ROOT)?,
        next_id: opt_integer(root, "next_id", &ROOT, u64::MAX)?
            .unwrap_or(0)
            .max(largest),
        sheets,
    })
}

// ---------------------------------------------------------------------------
// Version 1
// ---------------------------------------------------------------------------

/// Version 1 sign conventions.
const V1_CONVENTION_KEYS: [&str; 4] = ["auto", "net_cost", "gross", "allocation"];
const V1_CONVENTION_VALUES: [Option<SignConvention>; 4] = [
    None,
    Some(SignConvention::OutcomeMinusBudget),
    Some(SignConvention::BudgetMinusOutcome),
    Some(SignConvention::OutcomePlusBudget),
];

/// A version 1 cell: a string; empty is an empty cell; in a numeric column
/// a decimal-comma number (`-297,2`) is a number; anything else is text.
fn read_v1_cell(v: &Value, at: &At, numeric: bool) -> Res<Cell> {
    let t = text(v, at)?;
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
    Ok(Cell::Text(t.to_string()))
}

fn read_any(root: &Value) -> Res<Workspace> {
    if root.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ROOT.err(ErrorKind::NotKalkyl));
    }
    let version_at = ROOT.key("version");
    let version = match field(root, "version", &ROOT)? {
        Value::Number(n) => n,
        _ => return Err(version_at.err(ErrorKind::BadVersion)),
    };
    match version.as_ref() {
        "1" => read_tables(root, true),
        "2" => read_tables(root, false),
        v if v.bytes().all(|b| b.is_ascii_digit()) && !v.starts_with('0') => {
            Err(version_at.err(ErrorKind::NewerVersion {
                version: v.to_string(),
            }))
        }
        _ => Err(version_at.err(ErrorKind::BadVersion)),
    }
}

/// Reads a workspace file of any version from [`OLDEST_VERSION`] to
/// [`VERSION`] (older versions are migrated). Computed figures, checks and
/// other derived fields in the file are ignored. Never panics: anything
/// wrong is a [`FileError`] saying what and where.
pub fn read_workspace_file(text: &str) -> Result<Workspace, FileError> {
    let root = json::parse(text)?;
    read_any(&root).map_err(|e| *e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::{CalcError, ForecastBasis, Status};

    // The variants of the enums that are only written, in the order of
    // their names.
    const BASIS_VALUES: [ForecastBasis; 5] = [
        ForecastBasis::RunRate,
        ForecastBasis::RemainingBudget,
        ForecastBasis::Seasonal,
        ForecastBasis::Manual,
        ForecastBasis::FullYearOutcome,
    ];
    const STATUS_VALUES: [Status; 3] = [Status::Met, Status::Acceptable, Status::Large];
    const CALC_ERROR_VALUES: [CalcError; 2] = [CalcError::Overflow, CalcError::DivisionByZero];

    #[test]
    fn value_lists_are_in_declaration_order() {
        fn check<T: Copy>(keys: &[&str], values: &[T], index: fn(T) -> usize) {
            assert_eq!(keys.len(), values.len());
            for (i, v) in values.iter().enumerate() {
                assert_eq!(index(*v), i, "{}", keys[i]);
            }
        }
        check(&UNIT_KEYS, &UNIT_VALUES, |v| v as usize);
        check(&CONVENTION_KEYS, &CONVENTION_VALUES, |v| v as usize);
        check(&METHOD_KEYS, &METHOD_VALUES, |v| v as usize);
        check(&BASIS_KEYS, &BASIS_VALUES, |v| v as usize);
        check(&STATUS_KEYS, &STATUS_VALUES, |v| v as usize);
        check(&CALC_ERROR_KEYS, &CALC_ERROR_VALUES, |v| v as usize);
        check(&MARK_KEYS, &MARK_VALUES, |v| v as usize);
        check(&KIND_KEYS, &KIND_VALUES, |v| v as usize);
    }
}
