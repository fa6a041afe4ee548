//! The file's types: what serde reads and writes, with the names of the
//! file format.

use super::*;

/// The top level. Written with the values (`&str`, `u64`, the tables, the
/// follow-ups) and read with raw JSON (`Option<&RawValue>`), so that
/// `format` and `version` are checked before the tables are read with the
/// types of their version.
#[derive(Serialize, Deserialize)]
pub(super) struct Root<S, I, T, F> {
    pub(super) format: S,
    pub(super) version: I,
    pub(super) name: S,
    pub(super) saved_at: Option<S>,
    pub(super) next_id: I,
    #[serde(skip_deserializing)]
    pub(super) settings: WorkspaceSettings,
    pub(super) tables: T,
    /// Version 4.
    pub(super) follow_ups: F,
}

/// Workspace settings: none yet, written as `{}`.
#[derive(Serialize, Default)]
pub(super) struct WorkspaceSettings {}

/// What the top level is read as.
pub(super) type RawRoot<'a> =
    Root<Option<&'a RawValue>, Option<&'a RawValue>, Option<&'a RawValue>, Option<&'a RawValue>>;

/// A table of version 2 to 4. Fields marked `skip_deserializing` are the
/// derived ones: written when there are some, ignored on import.
#[derive(Serialize, Deserialize)]
pub(super) struct TableFile<'a, R = Vec<RowFile<'a>>> {
    pub(super) id: u64,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) name: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) title: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) unit: Option<Unit>,
    #[serde(default)]
    pub(super) display_unit: Option<Unit>,
    #[serde(default)]
    pub(super) display_decimals: Option<u64>,
    #[serde(default)]
    pub(super) months: Option<u64>,
    /// Version 3: the convention in use (chosen, else detected; `null` in
    /// the stored form when not chosen). Version 2: the chosen one or
    /// `null`.
    #[serde(default)]
    pub(super) sign_convention: Option<SignConvention>,
    /// Version 3: whether the user chose `sign_convention`.
    #[serde(default)]
    pub(super) sign_convention_chosen: Option<bool>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) sign_convention_detected: Option<SignConvention>,
    #[serde(default)]
    pub(super) forecast_method: Option<ForecastMethod>,
    #[serde(default, deserialize_with = "nullable")]
    pub(super) row_forecast_methods: Keyed<ForecastMethod>,
    #[serde(borrow, default, deserialize_with = "object")]
    pub(super) status_thresholds: Option<Thresholds<'a>>,
    #[serde(borrow, default, deserialize_with = "object")]
    pub(super) source: Option<SourceFile<'a>>,
    #[serde(default, deserialize_with = "object")]
    pub(super) read_choices: Option<ChoicesFile>,
    #[serde(borrow)]
    pub(super) columns: Vec<ColumnFile<'a>>,
    /// Read as `Vec<RowFile>`, written as [`RowsOut`].
    pub(super) rows: R,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) totals: Option<TotalsOut>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) checks: Option<Vec<CheckOut>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) diagnostics: Vec<DiagnosticFile<'a>>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Thresholds<'a> {
    #[serde(borrow)]
    pub(super) met_within: Dec<'a>,
    #[serde(borrow)]
    pub(super) acceptable_within: Dec<'a>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SourceFile<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) plain: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) html: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ChoicesFile {
    #[serde(default, deserialize_with = "nullable")]
    pub(super) roles: Keyed<Role>,
    #[serde(default, deserialize_with = "nullable")]
    pub(super) decimal_marks: Keyed<DecimalMark>,
    #[serde(default)]
    pub(super) unit: Option<UnitChoice>,
    #[serde(default)]
    pub(super) months: Option<u64>,
    #[serde(default, deserialize_with = "nullable")]
    pub(super) splits: Keyed<u64>,
    #[serde(default, deserialize_with = "nullable")]
    pub(super) prefer_plain: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) orientation: Option<Orientation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) year_pasted: Option<u64>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ColumnFile<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) label: Cow<'a, str>,
    pub(super) role: Role,
}

/// A table's rows to be written, one row at a time: writing never holds
/// every row as a [`RowFile`] (at 100 000 rows they would cost about
/// 25 MiB, and a WebAssembly tab's memory never shrinks after such a peak).
pub(super) struct RowsOut<'a> {
    pub(super) table: &'a Table,
    /// The computed figures, when the file has them.
    pub(super) results: Option<Box<Results>>,
}

impl Serialize for RowsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let results = self.results.as_deref();
        s.collect_seq(
            self.table
                .rows
                .iter()
                .enumerate()
                .map(|row| row_file(self.table, results, row)),
        )
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct RowFile<'a> {
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) label: Option<&'a str>,
    #[serde(default)]
    pub(super) kind: Option<RowKind>,
    #[serde(default)]
    pub(super) level: Option<u64>,
    #[serde(borrow, default)]
    pub(super) note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) values: Vec<CellFile<'a>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) originals: Keyed<CellFile<'a>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) computed: Option<ResultOut>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) sums: Option<Vec<ComputedOut>>,
}

/// A diagnostic: where and what was seen, the kind's name and the kind's
/// facts, in one flat object (the names are `DiagnosticKind`'s own; a test
/// holds them together). Flat rather than a flattened internally tagged
/// enum: serde reads those by buffering every value, which cost the first
/// load about 30 KB of code. A kind has only its own facts, so the keys are
/// written in the order the enum's fields have.
#[derive(Serialize, Deserialize, Default)]
pub(super) struct DiagnosticFile<'a> {
    #[serde(default)]
    pub(super) row: Option<u64>,
    #[serde(default)]
    pub(super) column: Option<u64>,
    #[serde(default)]
    pub(super) line: Option<u64>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) seen: Cow<'a, str>,
    pub(super) kind: KindName,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub(super) reason_en: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub(super) reason_sv: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) mark: Option<DecimalMark>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) from: Option<Unit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) to: Option<Unit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) expected: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) found: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) candidates: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) turned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) chosen: Option<bool>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub(super) what_en: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub(super) what_sv: Option<Cow<'a, str>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) message: Option<Message>,
}

/// The names of [`DiagnosticKind`]'s variants as the file has them: the
/// same identifiers under the same `rename_all`.
#[derive(Serialize, Deserialize, Default, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(super) enum KindName {
    ReadAsText,
    GuessedDecimalMark,
    ContradictingDecimalMark,
    GuessedRole,
    UnitConverted,
    UnitNotConvertible,
    UnitUnknown,
    PercentMismatch,
    ShortRow,
    LongRow,
    AmbiguousSplit,
    UnsplittableLine,
    // Only the `Default` that struct update syntax needs; always replaced.
    #[default]
    TitleTaken,
    Orientation,
    Layout,
    Source,
}

impl<'a> DiagnosticFile<'a> {
    /// A diagnostic as the file holds it, borrowed, without its message.
    pub(super) fn of(d: &'a Diagnostic) -> Self {
        DiagnosticFile {
            row: d.row.map(|n| n as u64),
            column: d.column.map(|n| n as u64),
            line: d.line.map(|n| n as u64),
            seen: Cow::Borrowed(&d.seen),
            ..DiagnosticFile::of_kind(&d.kind)
        }
    }

    /// The kind's name and facts, borrowed.
    pub(super) fn of_kind(kind: &'a DiagnosticKind) -> Self {
        use DiagnosticKind as K;
        let text = |s: &'a String| Some(Cow::Borrowed(s.as_str()));
        let count = |n: &usize| Some(*n as u64);
        match kind {
            K::ReadAsText {
                reason_en,
                reason_sv,
            } => DiagnosticFile {
                kind: KindName::ReadAsText,
                reason_en: text(reason_en),
                reason_sv: text(reason_sv),
                ..Default::default()
            },
            K::GuessedDecimalMark { mark } => DiagnosticFile {
                kind: KindName::GuessedDecimalMark,
                mark: Some(*mark),
                ..Default::default()
            },
            K::ContradictingDecimalMark { mark } => DiagnosticFile {
                kind: KindName::ContradictingDecimalMark,
                mark: Some(*mark),
                ..Default::default()
            },
            K::GuessedRole { role } => DiagnosticFile {
                kind: KindName::GuessedRole,
                role: Some(*role),
                ..Default::default()
            },
            K::UnitConverted { from, to } => DiagnosticFile {
                kind: KindName::UnitConverted,
                from: Some(*from),
                to: Some(*to),
                ..Default::default()
            },
            K::UnitNotConvertible { from, to } => DiagnosticFile {
                kind: KindName::UnitNotConvertible,
                from: Some(*from),
                to: Some(*to),
                ..Default::default()
            },
            K::UnitUnknown => DiagnosticFile {
                kind: KindName::UnitUnknown,
                ..Default::default()
            },
            K::PercentMismatch => DiagnosticFile {
                kind: KindName::PercentMismatch,
                ..Default::default()
            },
            K::ShortRow { expected, found } => DiagnosticFile {
                kind: KindName::ShortRow,
                expected: count(expected),
                found: count(found),
                ..Default::default()
            },
            K::LongRow { expected, found } => DiagnosticFile {
                kind: KindName::LongRow,
                expected: count(expected),
                found: count(found),
                ..Default::default()
            },
            K::AmbiguousSplit { candidates } => DiagnosticFile {
                kind: KindName::AmbiguousSplit,
                candidates: count(candidates),
                ..Default::default()
            },
            K::UnsplittableLine => DiagnosticFile {
                kind: KindName::UnsplittableLine,
                ..Default::default()
            },
            K::Orientation { turned, chosen } => DiagnosticFile {
                kind: KindName::Orientation,
                turned: Some(*turned),
                chosen: Some(*chosen),
                ..Default::default()
            },
            K::TitleTaken => DiagnosticFile {
                kind: KindName::TitleTaken,
                ..Default::default()
            },
            K::Layout { what_en, what_sv } => DiagnosticFile {
                kind: KindName::Layout,
                what_en: text(what_en),
                what_sv: text(what_sv),
                ..Default::default()
            },
            K::Source { what_en, what_sv } => DiagnosticFile {
                kind: KindName::Source,
                what_en: text(what_en),
                what_sv: text(what_sv),
                ..Default::default()
            },
        }
    }
}

/// `{"sv": …, "en": …}`.
#[derive(Serialize, Default)]
pub(super) struct Message {
    pub(super) sv: String,
    pub(super) en: String,
}

/// The totals of a table (derived).
#[derive(Serialize, Default)]
pub(super) struct TotalsOut {
    pub(super) sums: Vec<ComputedOut>,
    pub(super) computed: ResultOut,
}

/// A check (derived).
#[derive(Serialize)]
pub(super) struct CheckOut {
    pub(super) row: usize,
    pub(super) column: usize,
    pub(super) kind: CheckKind,
    pub(super) stated: Dec<'static>,
    pub(super) recomputed: Dec<'static>,
    pub(super) difference: ComputedOut,
    pub(super) message: Message,
}

/// A follow-up (version 4): the user's settings, stored, and what
/// [`followup::compute`] gives, derived.
#[derive(Serialize, Deserialize)]
pub(super) struct FollowUpFile<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) name: Cow<'a, str>,
    pub(super) unit: Unit,
    #[serde(default)]
    pub(super) convention: Option<SignConvention>,
    #[serde(borrow, default, deserialize_with = "object")]
    pub(super) status_thresholds: Option<Thresholds<'a>>,
    pub(super) reports: Vec<ReportFile>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) matches: Vec<MatchFile<'a>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) rows: Option<Vec<LineOut<'a>>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) total: Option<LineOut<'a>>,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub(super) unmatched: Option<Vec<UnmatchedOut<'a>>>,
}

/// A report of a follow-up: a table by id, its kind and months, and the
/// convention when the user set one here.
#[derive(Serialize, Deserialize)]
pub(super) struct ReportFile {
    pub(super) sheet: u64,
    pub(super) kind: ReportKind,
    #[serde(default)]
    pub(super) months: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) convention: Option<SignConvention>,
}

/// A match the user chose: rows of one report's table `into` a follow-up
/// row by its label, or out of every row (`null`).
#[derive(Serialize, Deserialize)]
pub(super) struct MatchFile<'a> {
    pub(super) sheet: u64,
    #[serde(borrow)]
    pub(super) rows: Vec<RowRefFile<'a>>,
    #[serde(borrow, default)]
    pub(super) into: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RowRefFile<'a> {
    pub(super) row: u64,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) label: Cow<'a, str>,
}

/// A follow-up row or its total (derived): per report, the table rows that
/// make it, the budget and forecast, the outcome and the forecast
/// deviations there are.
#[derive(Serialize)]
pub(super) struct LineOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) label: Option<&'a str>,
    pub(super) members: Vec<&'a [usize]>,
    pub(super) budget: Vec<ComputedOut>,
    pub(super) forecasts: Vec<ComputedOut>,
    pub(super) outcome: ComputedOut,
    pub(super) forecast_deviations: Vec<DeviationOut>,
}

/// A report's forecast deviation from the outcome (derived).
#[derive(Serialize)]
pub(super) struct DeviationOut {
    pub(super) report: usize,
    pub(super) value: ComputedOut,
    pub(super) percent: ComputedOut,
}

/// A report's row in no follow-up row (derived).
#[derive(Serialize)]
pub(super) struct UnmatchedOut<'a> {
    pub(super) report: usize,
    pub(super) row: usize,
    pub(super) label: &'a str,
    pub(super) reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) of: Option<&'a str>,
    pub(super) message: Message,
}

/// `{"text": …}`: a cell holding text.
#[derive(Serialize, Deserialize)]
pub(super) struct TextCell<'a> {
    #[serde(borrow)]
    pub(super) text: Cow<'a, str>,
}

/// `{"error": …}`: a figure that could not be computed.
#[derive(Serialize)]
pub(super) struct ErrorOut {
    pub(super) error: CalcError,
}

/// A version 1 table.
#[derive(Deserialize)]
pub(super) struct TableV1<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) name: Cow<'a, str>,
    #[serde(borrow, default)]
    pub(super) title: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) source: Cow<'a, str>,
    #[serde(default)]
    pub(super) unit: Option<Unit>,
    #[serde(default)]
    pub(super) months: Option<u64>,
    #[serde(default)]
    pub(super) sign_convention: Option<ConventionV1>,
    #[serde(borrow)]
    pub(super) columns: Vec<ColumnV1<'a>>,
    #[serde(borrow)]
    pub(super) rows: Vec<RowV1<'a>>,
}

#[derive(Deserialize)]
pub(super) struct ColumnV1<'a> {
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) heading: Cow<'a, str>,
    pub(super) role: Role,
}

#[derive(Deserialize)]
pub(super) struct RowV1<'a> {
    #[serde(default)]
    pub(super) kind: Option<RowKind>,
    #[serde(default)]
    pub(super) level: Option<u64>,
    #[serde(borrow, default)]
    pub(super) note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) values: Vec<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "nullable")]
    pub(super) originals: Keyed<Cow<'a, str>>,
}

/// Version 1 sign conventions; `auto` is "not chosen".
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub(super) enum ConventionV1 {
    Auto,
    NetCost,
    Gross,
    Allocation,
}

impl ConventionV1 {
    pub(super) fn migrated(self) -> Option<SignConvention> {
        match self {
            ConventionV1::Auto => None,
            ConventionV1::NetCost => Some(SignConvention::OutcomeMinusBudget),
            ConventionV1::Gross => Some(SignConvention::BudgetMinusOutcome),
            ConventionV1::Allocation => Some(SignConvention::OutcomePlusBudget),
        }
    }
}

/// A missing key and `null` both give the default.
pub(super) fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// An optional object. serde's derived structs also read arrays (by
/// position); Kalkyl's files have none, so an array here is refused as the
/// wrong type rather than read as a struct of defaults.
pub(super) fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
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
pub(super) struct Keyed<V>(pub(super) Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    pub(super) fn of<'m, T>(map: &'m BTreeMap<usize, T>, value: impl Fn(&'m T) -> V) -> Keyed<V> {
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
pub(super) enum CellFile<'a> {
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
pub(super) enum Dec<'a> {
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
pub(super) struct UnitChoice(pub(super) Option<Unit>);

/// The names [`UnitChoice`] reads; a test holds them to `Unit`'s.
pub(super) const UNIT_CHOICES: &[&str] = &["none", "kr", "tkr", "mnkr", "mdkr"];

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
pub(super) struct ComputedOut(pub(super) Computed);

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
pub(super) struct ResultOut(pub(super) RowResult);

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
pub(super) struct Depth;

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
pub(super) fn decimal_text(x: Decimal) -> String {
    format_decimal(x, &NumberStyle::neutral())
}
