//! The JSON workspace file, version 3, and the migration from versions 1
//! and 2. `docs/file-format.md` describes every field.
//!
//! What is stored is the workspace: per table the pasted source, the read
//! choices, the table as read with the user's edits (and the pasted
//! original of every edited cell), the settings and the reader's
//! diagnostics. What is derived is written too, for readers without
//! Kalkyl, and ignored on import: each row's `label` and `computed`
//! figures, subtotal `sums`, the `totals`, the `checks`, the detected sign
//! convention and the diagnostics' messages. Import recomputes them, so a
//! file that is read and written again gives the same bytes.
//!
//! The file's types below are written and read by serde; each key and each
//! name is written once, in them or in the derive of the enum it names.
//! Cells and decimals are read as raw JSON and interpreted here, so that a
//! number is never read through a float and every error names its path.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::layout::{path_at, write_compact, write_laid_out};
use super::{num, Counted, DecimalProblem, ErrorKind, Expected, FileError, Place, Syntax};
use crate::calc::{compute, CalcError, Computed, Figure, RowResult};
use crate::checks::{check_table, CheckKind};
use crate::convention::detect_convention;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::followup::FollowUp;
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
pub const VERSION: u64 = 3;

/// The oldest version [`read_workspace_file`] reads (and migrates).
pub const OLDEST_VERSION: u64 = 1;

/// The most tables a workspace file may hold.
pub const MAX_TABLES: usize = 1_000;

/// The largest text [`read_workspace_file`] reads: 64 MiB, checked before
/// parsing.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// The deepest nesting of arrays and objects: serde_json's recursion
/// limit, which keeps the stack safe.
pub const MAX_DEPTH: usize = 128;

/// The longest string of the file Kalkyl keeps, in bytes: 32 MiB (a pasted
/// source can be large).
pub const MAX_STRING_BYTES: usize = 32 << 20;

/// The most members of a list or map without a limit of its own
/// (diagnostics, maps keyed by index): [`crate::grid::MAX_CELLS`].
pub const MAX_ITEMS: usize = MAX_CELLS;

/// The most decimals a table may be displayed with.
const MAX_DISPLAY_DECIMALS: u64 = 28;

// ---------------------------------------------------------------------------
// The file's types
// ---------------------------------------------------------------------------

/// The top level. Written with the values (`&str`, `u64`, the tables) and
/// read with raw JSON (`Option<&RawValue>`), so that `format` and `version`
/// are checked before the tables are read with the types of their version.
#[derive(Serialize, Deserialize)]
struct Root<S, I, T, F> {
    format: S,
    version: I,
    name: S,
    saved_at: Option<S>,
    next_id: I,
    #[serde(skip_deserializing)]
    settings: WorkspaceSettings,
    tables: T,
    /// The year views' settings; left out when there are none, so a
    /// workspace without them is written as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_ups: Option<F>,
}

/// Workspace settings: none yet, written as `{}`.
#[derive(Serialize, Default)]
struct WorkspaceSettings {}

/// What the top level is read as.
type RawRoot<'a> =
    Root<Option<&'a RawValue>, Option<&'a RawValue>, Option<&'a RawValue>, &'a RawValue>;

/// A table of version 2 or 3. Fields marked `skip_deserializing` are the
/// derived ones: written when there are some, ignored on import.
#[derive(Serialize, Deserialize)]
struct TableFile<'a> {
    id: u64,
    #[serde(borrow, default, deserialize_with = "nullable")]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(default)]
    unit: Option<Unit>,
    #[serde(default)]
    display_unit: Option<Unit>,
    #[serde(default)]
    display_decimals: Option<u64>,
    #[serde(default)]
    months: Option<u64>,
    /// Version 3: the convention in use (chosen, else detected; `null` in
    /// the stored form when not chosen). Version 2: the chosen one or
    /// `null`.
    #[serde(default)]
    sign_convention: Option<SignConvention>,
    /// Version 3: whether the user chose `sign_convention`.
    #[serde(default)]
    sign_convention_chosen: Option<bool>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    sign_convention_detected: Option<SignConvention>,
    #[serde(default)]
    forecast_method: Option<ForecastMethod>,
    #[serde(default, deserialize_with = "nullable")]
    row_forecast_methods: Keyed<ForecastMethod>,
    #[serde(borrow, default, deserialize_with = "object")]
    status_thresholds: Option<Thresholds<'a>>,
    #[serde(borrow, default, deserialize_with = "object")]
    source: Option<SourceFile<'a>>,
    #[serde(default, deserialize_with = "object")]
    read_choices: Option<ChoicesFile>,
    #[serde(borrow)]
    columns: Vec<ColumnFile<'a>>,
    #[serde(borrow)]
    rows: Vec<RowFile<'a>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    totals: Option<TotalsOut>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    checks: Option<Vec<CheckOut>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    diagnostics: Vec<DiagnosticFile<'a>>,
}

#[derive(Serialize, Deserialize)]
struct Thresholds<'a> {
    #[serde(borrow)]
    met_within: Dec<'a>,
    #[serde(borrow)]
    acceptable_within: Dec<'a>,
}

#[derive(Serialize, Deserialize)]
struct SourceFile<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    plain: Cow<'a, str>,
    #[serde(borrow, default)]
    html: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct ChoicesFile {
    #[serde(default, deserialize_with = "nullable")]
    roles: Keyed<Role>,
    #[serde(default, deserialize_with = "nullable")]
    decimal_marks: Keyed<DecimalMark>,
    #[serde(default)]
    unit: Option<UnitChoice>,
    #[serde(default)]
    months: Option<u64>,
    #[serde(default, deserialize_with = "nullable")]
    splits: Keyed<u64>,
    #[serde(default, deserialize_with = "nullable")]
    prefer_plain: bool,
}

#[derive(Serialize, Deserialize)]
struct ColumnFile<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    label: Cow<'a, str>,
    role: Role,
}

#[derive(Serialize, Deserialize)]
struct RowFile<'a> {
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(default)]
    kind: Option<RowKind>,
    #[serde(default)]
    level: Option<u64>,
    #[serde(borrow, default)]
    note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    values: Vec<CellFile<'a>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    originals: Keyed<CellFile<'a>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    computed: Option<ResultOut>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    sums: Option<Vec<ComputedOut>>,
}

/// A diagnostic: where and what was seen, then its kind with the kind's
/// facts (the names are `DiagnosticKind`'s own).
#[derive(Serialize, Deserialize)]
struct DiagnosticFile<'a> {
    #[serde(default)]
    row: Option<u64>,
    #[serde(default)]
    column: Option<u64>,
    #[serde(default)]
    line: Option<u64>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    seen: Cow<'a, str>,
    #[serde(flatten)]
    kind: Cow<'a, DiagnosticKind>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

/// `{"sv": …, "en": …}`.
#[derive(Serialize, Default)]
struct Message {
    sv: String,
    en: String,
}

/// The totals of a table (derived).
#[derive(Serialize, Default)]
struct TotalsOut {
    sums: Vec<ComputedOut>,
    computed: ResultOut,
}

/// A check (derived).
#[derive(Serialize)]
struct CheckOut {
    row: usize,
    column: usize,
    kind: CheckKind,
    stated: Dec<'static>,
    recomputed: Dec<'static>,
    difference: ComputedOut,
    message: Message,
}

/// `{"text": …}`: a cell holding text.
#[derive(Serialize, Deserialize)]
struct TextCell<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

/// `{"error": …}`: a figure that could not be computed.
#[derive(Serialize)]
struct ErrorOut {
    error: CalcError,
}

/// A version 1 table.
#[derive(Deserialize)]
struct TableV1<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    source: Cow<'a, str>,
    #[serde(default)]
    unit: Option<Unit>,
    #[serde(default)]
    months: Option<u64>,
    #[serde(default)]
    sign_convention: Option<ConventionV1>,
    #[serde(borrow)]
    columns: Vec<ColumnV1<'a>>,
    #[serde(borrow)]
    rows: Vec<RowV1<'a>>,
}

#[derive(Deserialize)]
struct ColumnV1<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    heading: Cow<'a, str>,
    role: Role,
}

#[derive(Deserialize)]
struct RowV1<'a> {
    #[serde(default)]
    kind: Option<RowKind>,
    #[serde(default)]
    level: Option<u64>,
    #[serde(borrow, default)]
    note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    values: Vec<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    originals: Keyed<Cow<'a, str>>,
}

/// Version 1 sign conventions; `auto` is "not chosen".
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum ConventionV1 {
    Auto,
    NetCost,
    Gross,
    Allocation,
}

impl ConventionV1 {
    fn migrated(self) -> Option<SignConvention> {
        match self {
            ConventionV1::Auto => None,
            ConventionV1::NetCost => Some(SignConvention::OutcomeMinusBudget),
            ConventionV1::Gross => Some(SignConvention::BudgetMinusOutcome),
            ConventionV1::Allocation => Some(SignConvention::OutcomePlusBudget),
        }
    }
}

/// A missing key and `null` both give the default.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An optional object. serde's derived structs also read arrays (by
/// position); Kalkyl's files have none, so an array here is refused as the
/// wrong type rather than read as a struct of defaults.
fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Object<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_none<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            d.deserialize_map(self)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_option(Object(std::marker::PhantomData))
}

/// An object keyed by index (`{"3": …}`): written from a map in increasing
/// order, read as its members in file order (the keys are checked when
/// the table is built, against bounds only it knows).
struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    fn of<'m, T>(map: &'m BTreeMap<usize, T>, value: impl Fn(&'m T) -> V) -> Keyed<V> {
        Keyed(
            map.iter()
                .map(|(k, v)| (num(*k as u64), value(v)))
                .collect(),
        )
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Members<V> {
            type Value = Keyed<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keyed<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(member) = map.next_entry::<String, V>()? {
                    out.push(member);
                }
                Ok(Keyed(out))
            }
        }
        d.deserialize_map(Members(std::marker::PhantomData))
    }
}

/// A cell: written from the table's, read as raw JSON and interpreted by
/// [`read_cell`] (a JSON number is read from its text, never a float).
enum CellFile<'a> {
    Out(&'a Cell),
    In(&'a RawValue),
}

impl Serialize for CellFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CellFile::Out(Cell::Empty) => s.serialize_unit(),
            CellFile::Out(Cell::Number(x)) => s.serialize_str(&decimal_text(*x)),
            CellFile::Out(Cell::Text(t)) => TextCell {
                text: Cow::Borrowed(t),
            }
            .serialize(s),
            CellFile::In(raw) => raw.serialize(s),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CellFile<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&RawValue>::deserialize(d).map(CellFile::In)
    }
}

/// An exact decimal: written as a string, read as raw JSON (a string or a
/// number's text).
enum Dec<'a> {
    Out(Decimal),
    In(&'a RawValue),
}

impl Serialize for Dec<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Dec::Out(x) => s.serialize_str(&decimal_text(*x)),
            Dec::In(raw) => raw.serialize(s),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Dec<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&RawValue>::deserialize(d).map(Dec::In)
    }
}

/// The unit read choice: `"none"` (the table has no unit) or a unit.
struct UnitChoice(Option<Unit>);

/// The names [`UnitChoice`] reads; a test holds them to `Unit`'s.
const UNIT_CHOICES: &[&str] = &["none", "kr", "tkr", "mnkr", "mdkr"];

impl Serialize for UnitChoice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => s.serialize_str("none"),
            Some(u) => u.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for UnitChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::IntoDeserializer;
        let name = String::deserialize(d)?;
        if name == "none" {
            return Ok(UnitChoice(None));
        }
        let unit: Result<Unit, de::value::Error> =
            Unit::deserialize(name.as_str().into_deserializer());
        unit.map(|u| UnitChoice(Some(u)))
            .map_err(|_| de::Error::unknown_variant(&name, UNIT_CHOICES))
    }
}

/// A computed figure (derived): `null` when blank.
#[derive(Clone, Copy)]
struct ComputedOut(Computed);

impl Serialize for ComputedOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Computed::Blank => s.serialize_unit(),
            Computed::Value(x) => s.serialize_str(&decimal_text(x)),
            Computed::Error(error) => ErrorOut { error }.serialize(s),
        }
    }
}

/// A row's computed figures (derived): each figure that is not blank,
/// named as [`Figure`] names it, then the forecast basis and the status.
#[derive(Default)]
struct ResultOut(RowResult);

impl Serialize for ResultOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.0;
        let mut map = s.serialize_map(None)?;
        for f in Figure::ALL {
            let c = r.figure(f);
            if c != Computed::Blank {
                map.serialize_entry(&f, &ComputedOut(c))?;
            }
        }
        if let Some(b) = r.forecast_basis {
            map.serialize_entry("forecast_basis", &b)?;
        }
        if let Some(st) = r.status {
            map.serialize_entry("status", &st)?;
        }
        map.end()
    }
}

/// Any JSON value, read only for its depth: values skipped by serde_json
/// (unknown keys, raw values) are skipped without its recursion limit, so
/// the whole text is read once this way first. It also finds every syntax
/// error, with its line and column.
struct Depth;

impl<'de> Deserialize<'de> for Depth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Depth;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_str<E>(self, _: &str) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_unit<E>(self) -> Result<Depth, E> {
                Ok(Depth)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Depth, A::Error> {
                while seq.next_element::<Depth>()?.is_some() {}
                Ok(Depth)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Depth, A::Error> {
                while map.next_entry::<IgnoredAny, Depth>()?.is_some() {}
                Ok(Depth)
            }
        }
        d.deserialize_any(V)
    }
}

/// An exact decimal as the file writes it: `-297.2`, zero without a sign.
#[inline(never)]
fn decimal_text(x: Decimal) -> String {
    format_decimal(x, &NumberStyle::neutral())
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// A table as the file holds it; `derived` adds what import ignores and
/// recomputes.
fn table_file(sheet: &Sheet, derived: bool) -> TableFile<'_> {
    let t = &sheet.table;
    let s = &t.settings;
    let results = derived.then(|| compute(t));
    let detected = derived.then(|| detect_convention(t).convention);
    let default_result = RowResult::default();
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowFile {
            label: derived.then(|| t.label(i)),
            kind: Some(row.kind),
            level: Some(row.level.into()),
            note: row.note.as_deref().map(Cow::Borrowed),
            values: row.cells.iter().map(CellFile::Out).collect(),
            originals: Keyed::of(&row.originals, CellFile::Out),
            computed: results
                .as_ref()
                .map(|r| ResultOut(*r.rows.get(i).unwrap_or(&default_result))),
            sums: results
                .as_ref()
                .and_then(|r| r.sum_of(i))
                .map(|totals| totals.columns.iter().copied().map(ComputedOut).collect()),
        })
        .collect();
    let c = &sheet.choices;
    TableFile {
        id: sheet.id,
        name: Cow::Borrowed(&sheet.name),
        title: t.title.as_deref().map(Cow::Borrowed),
        unit: t.unit,
        display_unit: s.display_unit,
        display_decimals: s.display_decimals.map(u64::from),
        months: t.months.map(u64::from),
        sign_convention: s.sign_convention.or(detected),
        sign_convention_chosen: Some(s.sign_convention.is_some()),
        sign_convention_detected: detected,
        forecast_method: s.forecast_method,
        row_forecast_methods: Keyed::of(&s.row_forecast_methods, |m| *m),
        status_thresholds: Some(Thresholds {
            met_within: Dec::Out(s.status.met_within),
            acceptable_within: Dec::Out(s.status.acceptable_within),
        }),
        source: Some(SourceFile {
            plain: Cow::Borrowed(&sheet.source.plain),
            html: sheet.source.html.as_deref().map(Cow::Borrowed),
        }),
        read_choices: Some(ChoicesFile {
            roles: Keyed::of(&c.roles, |r| *r),
            decimal_marks: Keyed::of(&c.decimal_marks, |m| *m),
            unit: c.unit.map(UnitChoice),
            months: c.months.map(u64::from),
            splits: Keyed::of(&c.splits, |n| *n as u64),
            prefer_plain: c.prefer_plain,
        }),
        columns: t
            .columns
            .iter()
            .map(|col| ColumnFile {
                label: Cow::Borrowed(&col.heading),
                role: col.role,
            })
            .collect(),
        rows,
        totals: results.as_ref().map(|r| TotalsOut {
            sums: r.totals.columns.iter().copied().map(ComputedOut).collect(),
            computed: ResultOut(r.totals.computed),
        }),
        checks: derived.then(|| {
            check_table(t)
                .into_iter()
                .map(|c| CheckOut {
                    row: c.row,
                    column: c.column,
                    kind: c.kind,
                    stated: Dec::Out(c.stated),
                    recomputed: Dec::Out(c.recomputed),
                    difference: ComputedOut(c.difference),
                    message: Message {
                        sv: c.message_sv,
                        en: c.message_en,
                    },
                })
                .collect()
        }),
        diagnostics: t
            .diagnostics
            .iter()
            .map(|d| DiagnosticFile {
                row: d.row.map(|n| n as u64),
                column: d.column.map(|n| n as u64),
                line: d.line.map(|n| n as u64),
                seen: Cow::Borrowed(&d.seen),
                kind: Cow::Borrowed(&d.kind),
                message: derived.then(|| Message {
                    sv: d.kind.message(Lang::Sv),
                    en: d.kind.message(Lang::En),
                }),
            })
            .collect(),
    }
}

/// Writes a workspace as a version-[`VERSION`] file: UTF-8 JSON laid out
/// with two-space indentation (see `docs/file-format.md`), keys in a fixed
/// order, ending in a line end. `saved_at` (an ISO 8601 time, as the app
/// passes it) is written as given, or `null`. The session's undo history
/// is not written.
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
    let root = Root {
        format: FORMAT,
        version: VERSION,
        name: ws.name.as_str(),
        saved_at,
        next_id: ws.next_id,
        settings: WorkspaceSettings {},
        tables: ws
            .sheets
            .iter()
            .map(|s| table_file(s, derived))
            .collect::<Vec<_>>(),
        follow_ups: (!ws.follow_ups.is_empty()).then_some(ws.follow_ups.as_slice()),
    };
    // Serialising these types cannot fail: every map key is a string.
    let text = if derived {
        write_laid_out(&root)
    } else {
        write_compact(&root)
    };
    text.unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------
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

/// A serde_json error's message without its " at line … column …".
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(bare) => bare.to_string(),
        None => text,
    }
}

/// The names between backticks in a serde message: `` `a`, `b` `` → `a, b`.
fn quoted_names(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a serde "expected …" says a value should have been.
fn expected_kind(expected: &str) -> Option<Expected> {
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
fn data_kind(message: &str) -> ErrorKind {
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
fn typed<'a, T: Deserialize<'a>>(raw: &'a RawValue, at: &At) -> Res<T> {
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
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

/// The place of a syntax error: serde_json counts columns in bytes, Kalkyl
/// in characters. `bom` adds the byte order mark taken off the first line.
fn text_place(text: &str, line: usize, column: usize, bom: bool) -> (Place, Option<char>) {
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
fn syntax_error(e: &serde_json::Error, text: &str, bom: bool) -> Box<FileError> {
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
fn text(s: Cow<'_, str>, at: &At, key: &'static str) -> Res<String> {
    if s.len() > MAX_STRING_BYTES {
        return Err(at.key(key).err(ErrorKind::TooLong {
            limit: MAX_STRING_BYTES,
        }));
    }
    Ok(s.into_owned())
}

fn opt_text(s: Option<Cow<'_, str>>, at: &At, key: &'static str) -> Res<Option<String>> {
    s.map(|s| text(s, at, key)).transpose()
}

/// A non-negative integer at most `max`.
#[inline(never)]
fn at_most(n: Option<u64>, at: &At, key: &'static str, max: u64) -> Res<Option<u64>> {
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
fn index(n: Option<u64>, at: &At, key: &'static str) -> Res<Option<usize>> {
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

/// A decimal from raw JSON: a string `"-297.2"`, or a JSON number without
/// an exponent, read exactly from its text.
#[inline(never)]
fn read_decimal(raw: &RawValue, at: &At) -> Res<Decimal> {
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
fn json_string<'a>(raw: &'a RawValue, at: &At) -> Res<Cow<'a, str>> {
    let s = raw.get();
    match s.get(1..s.len().saturating_sub(1)) {
        Some(inner) if !inner.contains('\\') => Ok(Cow::Borrowed(inner)),
        _ => typed::<String>(raw, at).map(Cow::Owned),
    }
}

/// A cell: `null`, a decimal, or `{"text": …}`.
#[inline(never)]
fn read_cell(cell: &CellFile, at: &At) -> Res<Cell> {
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
fn read_v1_cell(t: &str, at: &At, numeric: bool) -> Res<Cell> {
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
fn keyed<V, T>(
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
fn check_size(at: &At, columns: usize, rows: usize) -> Res<()> {
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
fn blank_sheet(id: u64) -> Sheet {
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
fn row_parts(
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
fn check_width(found: usize, width: usize, at: &At) -> Res<()> {
    if found != width {
        return Err(at.key("values").err(ErrorKind::LengthMismatch {
            expected: width,
            found,
        }));
    }
    Ok(())
}

/// A table of version 2 (`chosen_key` false) or 3.
#[inline(never)]
fn read_sheet(t: TableFile, at: &At, version: u64) -> Res<Sheet> {
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
    if let Some(th) = t.status_thresholds {
        let at = at.key("status_thresholds");
        s.status.met_within = dec_field(th.met_within, &at, "met_within")?;
        s.status.acceptable_within = dec_field(th.acceptable_within, &at, "acceptable_within")?;
    }
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
            seen: text(d.seen, &at, "seen")?,
            kind: d.kind.into_owned(),
        });
    }
    let table = &mut sheet.table;
    table.title = opt_text(t.title, at, "title")?;
    table.unit = t.unit;
    table.months = at_most(t.months, at, "months", 12)?.map(|m| m as u8);
    sheet.name = text(t.name, at, "name")?;
    Ok(sheet)
}

fn dec_field(d: Dec, at: &At, key: &'static str) -> Res<Decimal> {
    match d {
        Dec::In(raw) => read_decimal(raw, &at.key(key)),
        Dec::Out(x) => Ok(x),
    }
}

/// A version 1 table, with the id it gets.
#[inline(never)]
fn read_v1_sheet(t: TableV1, at: &At, id: u64) -> Res<Sheet> {
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
fn version_of(raw: Option<&RawValue>) -> Res<u64> {
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

fn read(file: &str) -> Res<Workspace> {
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
    let follow_ups: Vec<FollowUp> = match root.follow_ups {
        Some(raw) => typed(raw, &ROOT.key("follow_ups"))?,
        None => Vec::new(),
    };
    if follow_ups.len() > MAX_TABLES {
        return Err(ROOT.key("follow_ups").too_many(Counted::Items, MAX_TABLES));
    }
    let largest = sheets.iter().map(|s| s.id).max().unwrap_or(0);
    Ok(Workspace {
        follow_ups,
        name: text(name.unwrap_or_default(), &ROOT, "name")?,
        next_id: next_id.unwrap_or(0).max(largest),
        sheets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::{ForecastBasis, Status};

    #[test]
    fn names_written_by_serde_are_the_keys_the_app_uses() {
        fn name<T: Serialize>(v: T) -> String {
            serde_json::to_string(&v).unwrap_or_default()
        }
        for r in Role::ALL {
            assert_eq!(name(r), format!("\"{}\"", r.key()));
        }
        for k in [
            RowKind::Heading,
            RowKind::Item,
            RowKind::Subtotal,
            RowKind::Total,
        ] {
            assert_eq!(name(k), format!("\"{}\"", k.key()));
        }
        for f in Figure::ALL {
            assert_eq!(name(f), format!("\"{}\"", f.key()));
        }
        for k in [
            CheckKind::TotalMismatch,
            CheckKind::VarianceMismatch,
            CheckKind::PercentMismatch,
            CheckKind::SignSuspect,
        ] {
            assert_eq!(name(k), format!("\"{}\"", k.key()));
        }
        let units: Vec<String> = Unit::ALL.iter().map(name).collect();
        let choices: Vec<String> = UNIT_CHOICES[1..]
            .iter()
            .map(|u| format!("\"{u}\""))
            .collect();
        assert_eq!(units, choices);
        for u in Unit::ALL {
            assert_eq!(name(u), format!("\"{}\"", u.symbol()));
        }
        assert_eq!(
            name(ForecastBasis::FullYearOutcome),
            "\"full_year_outcome\""
        );
        assert_eq!(name(Status::Acceptable), "\"acceptable\"");
    }
}
