//! Files and clipboard flavours Kalkyl writes (issue 6, "Share by email").
//!
//! - [`write_workspace_file`] and [`read_workspace_file`]: the JSON
//!   workspace file (`"format": "kalkyl-workspace"`, version
//!   [`VERSION`]), documented field by field in `docs/file-format.md` with
//!   a JSON Schema in `docs/kalkyl-workspace.schema.json`. The same text is
//!   what the app keeps in IndexedDB. Export, import and export again gives
//!   the same bytes.
//! - [`csv::table_csv`]: one table as CSV for Excel with a Swedish locale or
//!   for anything else, with the computed columns and a computed totals row.
//! - [`html::table_html`] and [`html::table_tsv`]: one table for "Copy
//!   table", as the `text/html` and `text/plain` clipboard flavours.
//! - [`export_file_name`] makes names such as `kalkyl-2026-11-23.json`.
//!
//! serde_json reads and writes the workspace file; `layout` places its
//! line ends. Reading never panics: every problem is a [`FileError`] saying what and
//! where, in Swedish or English.

pub mod csv;
pub mod follow_up;
pub mod html;
mod layout;
mod workspace_file;

use crate::calc::{Computed, Figure, Results, RowResult, Status};
use crate::lang::Lang;
use crate::model::{Cell, Row, Table};
use crate::number::Unit;

pub use workspace_file::{
    read_workspace_file, write_sheet_store_pieces, write_workspace_file, write_workspace_store,
    write_workspace_store_pieces, FORMAT, MAX_DEPTH, MAX_FOLLOW_UPS, MAX_INPUT_BYTES, MAX_ITEMS,
    MAX_MATCHES, MAX_REPORTS, MAX_STRING_BYTES, MAX_TABLES, OLDEST_VERSION, VERSION,
};

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
    /// Follow-ups in a workspace.
    FollowUps,
    /// Reports of a follow-up.
    Reports,
    /// Matches a follow-up keeps.
    Matches,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// What was wrong.
    pub kind: ErrorKind,
    /// Where.
    pub place: Place,
}

/// Where in a file an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    Nowhere,
    /// A position in the text (1-based; the column counts characters).
    Text {
        /// Line.
        line: usize,
        /// Character in the line.
        column: usize,
    },
    /// A JSON path: `tables[2].rows[14].values[3]`.
    Path(String),
}

/// A JSON syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Syntax {
    /// The text ends in the middle of a value: a cut-off file.
    Truncated,
    /// A character that cannot come here.
    Unexpected(char),
    /// A number that is not written as JSON numbers are.
    BadNumber,
    /// A backslash escape that JSON does not have.
    BadEscape,
    /// A `\u` escape of half a surrogate pair.
    LoneSurrogate,
    /// A control character (below U+0020) inside a string.
    ControlCharacter,
    /// More text after the value.
    TrailingText,
    /// A key that appears twice in one object.
    DuplicateKey(String),
}

/// What a value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A string.
    String,
    /// A non-negative integer.
    Integer,
    /// `true` or `false`.
    Bool,
    /// An exact decimal, as a string (`"-297.2"`).
    Decimal,
    /// A cell: `null`, a decimal string or `{"text": …}`.
    Cell,
}

/// Why a decimal was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalProblem {
    /// Not of the form `-297.2` (digits, an optional minus, an optional
    /// decimal point followed by digits; no exponent, no grouping).
    Malformed,
    /// More than 28 decimals.
    TooManyDecimals,
    /// More significant digits than a `Decimal` holds exactly (its mantissa
    /// is below 2^96, about 7.9 × 10^28).
    TooManyDigits,
}

/// What was wrong with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not valid JSON.
    Syntax(Syntax),
    /// The file is larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A string longer than [`MAX_STRING_BYTES`].
    TooLong {
        /// The limit in bytes.
        limit: usize,
    },
    /// Too many of something.
    TooMany {
        /// Of what.
        what: Counted,
        /// The most allowed.
        limit: usize,
    },
    /// Not a Kalkyl workspace file (`format` is missing or different).
    NotKalkyl,
    /// The file was made by a newer Kalkyl.
    NewerVersion {
        /// The version in the file, as written.
        version: String,
    },
    /// `version` is not a positive integer.
    BadVersion,
    /// A required key is missing.
    Missing {
        /// The key.
        key: String,
    },
    /// A value of the wrong type.
    WrongType {
        /// What it should be.
        expected: Expected,
    },
    /// A decimal Kalkyl cannot hold exactly.
    BadDecimal {
        /// The text as written.
        text: String,
        /// Why.
        problem: DecimalProblem,
    },
    /// A name Kalkyl does not know (a role, a unit, a row kind …).
    Unknown {
        /// The name as written.
        found: String,
        /// The names allowed, comma-separated.
        expected: String,
    },
    /// A number outside its range (months, decimals, an index).
    OutOfRange {
        /// The number as written.
        found: String,
        /// The smallest allowed.
        min: u64,
        /// The largest allowed.
        max: u64,
    },
    /// A row's `values` do not match the table's columns.
    LengthMismatch {
        /// The number of columns.
        expected: usize,
        /// The number of values.
        found: usize,
    },
    /// Two tables have the same id.
    DuplicateId {
        /// The id.
        id: u64,
    },
    /// A follow-up's report names a table that is not in the file.
    UnknownSheet {
        /// The id.
        id: u64,
    },
    /// A value of another form than its place needs, that no other kind
    /// describes.
    Malformed,
}

impl FileError {
    /// An error at a place.
    pub fn new(kind: ErrorKind, place: Place) -> FileError {
        FileError { kind, place }
    }

    /// The full message: where, then what.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = match &self.place {
            Place::Nowhere => String::new(),
            Place::Text { line, column } => fill(
                lang.pick("Rad {0}, tecken {1}: ", "Line {0}, column {1}: "),
                &[&num(*line as u64), &num(*column as u64)],
            ),
            Place::Path(p) => fill(lang.pick("Vid {0}: ", "At {0}: "), &[p]),
        };
        out.push_str(&self.kind.message(lang));
        out
    }
}

impl std::fmt::Display for FileError {
    /// Writes the English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FileError {}

/// Fills a message template: `{0}`, `{1}` … become the arguments. One
/// routine instead of a `format!` per message keeps the wasm small.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let arg = after
            .find('}')
            .and_then(|close| Some((after.get(..close)?.parse::<usize>().ok()?, close)));
        match arg {
            Some((i, close)) => {
                out.push_str(args.get(i).copied().unwrap_or_default());
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl ErrorKind {
    /// What was wrong, without the place.
    pub fn message(&self, lang: Lang) -> String {
        // Up to three arguments; most messages have none or one.
        let mut a: [String; 3] = Default::default();
        let (sv, en) = match self {
            ErrorKind::Syntax(s) => return syntax_message(s, lang),
            ErrorKind::TooLarge { limit } => {
                a[0] = num((*limit >> 20) as u64);
                (
                    "Filen är större än de {0} MiB som Kalkyl läser.",
                    "The file is larger than the {0} MiB Kalkyl reads.",
                )
            }
            ErrorKind::TooDeep { limit } => {
                a[0] = num(*limit as u64);
                (
                    "Filen är nästlad djupare än {0} nivåer; det är ingen Kalkyl-fil.",
                    "The file nests deeper than {0} levels; it is not a Kalkyl file.",
                )
            }
            ErrorKind::TooLong { limit } => {
                a[0] = num((*limit >> 20) as u64);
                (
                    "En text är längre än {0} MiB.",
                    "A text is longer than {0} MiB.",
                )
            }
            ErrorKind::TooMany { what, limit } => {
                a[0] = num(*limit as u64);
                match what {
                    Counted::Items => (
                        "En lista har fler än {0} element.",
                        "A list has more than {0} items.",
                    ),
                    Counted::Tables => (
                        "Arbetsytan har fler än {0} tabeller.",
                        "The workspace has more than {0} tables.",
                    ),
                    Counted::Rows => (
                        "Tabellen har fler än {0} rader.",
                        "The table has more than {0} rows.",
                    ),
                    Counted::Columns => (
                        "Tabellen har fler än {0} kolumner.",
                        "The table has more than {0} columns.",
                    ),
                    Counted::Cells => (
                        "Tabellen har fler än {0} celler.",
                        "The table has more than {0} cells.",
                    ),
                    Counted::FollowUps => (
                        "Arbetsytan har fler än {0} uppföljningar.",
                        "The workspace has more than {0} follow-ups.",
                    ),
                    Counted::Reports => (
                        "Uppföljningen har fler än {0} rapporter.",
                        "The follow-up has more than {0} reports.",
                    ),
                    Counted::Matches => (
                        "Uppföljningen har fler än {0} valda matchningar.",
                        "The follow-up has more than {0} chosen matches.",
                    ),
                }
            }
            ErrorKind::NotKalkyl => (
                "Filen är ingen Kalkyl-fil: \"format\" ska vara \"kalkyl-workspace\".",
                "The file is not a Kalkyl file: \"format\" must be \"kalkyl-workspace\".",
            ),
            ErrorKind::NewerVersion { version } => {
                a[0].push_str(version);
                a[1] = num(OLDEST_VERSION);
                a[2] = num(VERSION);
                (
                    "Filen har version {0} och är gjord av en nyare Kalkyl; den här läser version {1}–{2}. Ladda om sidan för att få den nya versionen.",
                    "The file has version {0} and was made by a newer Kalkyl; this one reads versions {1}–{2}. Reload the page to get the new version.",
                )
            }
            ErrorKind::BadVersion => (
                "\"version\" ska vara ett positivt heltal.",
                "\"version\" must be a positive integer.",
            ),
            ErrorKind::Missing { key } => {
                a[0].push_str(key);
                ("Nyckeln «{0}» saknas.", "The key «{0}» is missing.")
            }
            ErrorKind::WrongType { expected } => match expected {
                Expected::Object => ("Ska vara ett objekt {…}.", "Must be an object {…}."),
                Expected::Array => ("Ska vara en lista […].", "Must be an array […]."),
                Expected::String => ("Ska vara en text.", "Must be a string."),
                Expected::Integer => (
                    "Ska vara ett heltal (0 eller större).",
                    "Must be an integer (0 or more).",
                ),
                Expected::Bool => ("Ska vara true eller false.", "Must be true or false."),
                Expected::Decimal => (
                    "Ska vara ett decimaltal skrivet som text, till exempel \"-297.2\".",
                    "Must be a decimal written as a string, such as \"-297.2\".",
                ),
                Expected::Cell => (
                    "Ska vara null, ett decimaltal som text (\"-297.2\") eller {\"text\": \"…\"}.",
                    "Must be null, a decimal as a string (\"-297.2\") or {\"text\": \"…\"}.",
                ),
            },
            ErrorKind::BadDecimal { text, problem } => {
                a[0].push_str(text);
                match problem {
                    DecimalProblem::Malformed => (
                        "«{0}» är inget decimaltal av formen -297.2.",
                        "«{0}» is not a decimal of the form -297.2.",
                    ),
                    DecimalProblem::TooManyDecimals => (
                        "«{0}» har fler än 28 decimaler, mer än Kalkyl räknar exakt med.",
                        "«{0}» has more than 28 decimals, more than Kalkyl computes with exactly.",
                    ),
                    DecimalProblem::TooManyDigits => (
                        "«{0}» har fler siffror än Kalkyl räknar exakt med (högst 28–29).",
                        "«{0}» has more digits than Kalkyl computes with exactly (at most 28–29).",
                    ),
                }
            }
            ErrorKind::Unknown { found, expected } => {
                a[0].push_str(found);
                a[1].push_str(expected);
                (
                    "«{0}» känns inte igen; möjliga värden: {1}.",
                    "«{0}» is not known; possible values: {1}.",
                )
            }
            ErrorKind::OutOfRange { found, min, max } => {
                a[0].push_str(found);
                a[1] = num(*min);
                a[2] = num(*max);
                (
                    "{0} ligger utanför det tillåtna {1}–{2}.",
                    "{0} is outside the allowed {1}–{2}.",
                )
            }
            ErrorKind::LengthMismatch { expected, found } => {
                a[0] = num(*expected as u64);
                a[1] = num(*found as u64);
                (
                    "Raden har {1} värden men tabellen har {0} kolumner.",
                    "The row has {1} values but the table has {0} columns.",
                )
            }
            ErrorKind::DuplicateId { id } => {
                a[0] = num(*id);
                ("Två tabeller har id {0}.", "Two tables have id {0}.")
            }
            ErrorKind::UnknownSheet { id } => {
                a[0] = num(*id);
                (
                    "Rapporten hänvisar till tabell {0}, som inte finns i filen.",
                    "The report refers to table {0}, which is not in the file.",
                )
            }
            ErrorKind::Malformed => (
                "Värdet har inte den form Kalkyl väntar sig här.",
                "The value does not have the form Kalkyl expects here.",
            ),
        };
        fill(lang.pick(sv, en), &[&a[0], &a[1], &a[2]])
    }
}

/// A character as shown in a message: control characters and spaces as
/// `U+000A`.
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// A number as decimal digits. One routine for every number in a message.
#[inline(never)]
pub(crate) fn num(n: u64) -> String {
    n.to_string()
}

fn syntax_message(s: &Syntax, lang: Lang) -> String {
    let (sv, en, arg) = match s {
        Syntax::Truncated => (
            "den tar slut mitt i ett värde; den är troligen avkortad.",
            "it ends in the middle of a value; it is probably cut off.",
            String::new(),
        ),
        Syntax::Unexpected(c) => (
            "tecknet «{0}» kan inte stå här.",
            "the character «{0}» cannot stand here.",
            shown(*c),
        ),
        Syntax::BadNumber => (
            "ett tal är felaktigt skrivet.",
            "a number is malformed.",
            String::new(),
        ),
        Syntax::BadEscape => (
            "en text har en ogiltig \\-sekvens.",
            "a string has an invalid \\ escape.",
            String::new(),
        ),
        Syntax::LoneSurrogate => (
            "en \\u-sekvens anger ett halvt tecken (ett ensamt surrogat).",
            "a \\u escape gives half a character (a lone surrogate).",
            String::new(),
        ),
        Syntax::ControlCharacter => (
            "en text innehåller ett styrtecken (som radbrytning) utan \\-sekvens.",
            "a string holds a control character (such as a line end) without an escape.",
            String::new(),
        ),
        Syntax::TrailingText => (
            "det står mer text efter slutet.",
            "there is more text after the end.",
            String::new(),
        ),
        Syntax::DuplicateKey(k) => (
            "nyckeln «{0}» står två gånger i samma objekt.",
            "the key «{0}» appears twice in the same object.",
            k.clone(),
        ),
    };
    let mut out = String::from(lang.pick(
        "Filen är inte giltig JSON: ",
        "The file is not valid JSON: ",
    ));
    out.push_str(&fill(lang.pick(sv, en), &[&arg]));
    out
}

/// A file name for an export: the workspace name as a slug (lowercase
/// ASCII letters and digits, `å`/`ä` as `a`, `ö` as `o`, `é` as `e`,
/// spaces, `-` and `_` as one `-`, everything else dropped, at most 60
/// characters; `kalkyl` when nothing is left), then the date (an ISO time
/// is cut at its `T`; only digits and `-` are kept) and the extension: `export_file_name("Delårsrapport
/// april", "2026-11-23", "json")` is `delarsrapport-april-2026-11-23.json`.
pub fn export_file_name(workspace_name: &str, date_iso: &str, ext: &str) -> String {
    let mut slug = String::new();
    for c in workspace_name.chars() {
        let mapped = match c {
            'a'..='z' | '0'..='9' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'å' | 'ä' | 'á' | 'à' | 'Å' | 'Ä' | 'Á' | 'À' => Some('a'),
            'ö' | 'ó' | 'ø' | 'Ö' | 'Ó' | 'Ø' => Some('o'),
            'é' | 'è' | 'É' | 'È' => Some('e'),
            'ü' | 'Ü' => Some('u'),
            c if c.is_whitespace() || c == '-' || c == '_' => Some('-'),
            _ => None,
        };
        match mapped {
            Some('-') if slug.is_empty() || slug.ends_with('-') => {}
            Some(m) if slug.len() < 60 => slug.push(m),
            _ => {}
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("kalkyl");
    }
    let date: String = date_iso
        .split('T')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    if !date.is_empty() {
        slug.push('-');
        slug.push_str(&date);
    }
    let ext = ext.trim_start_matches('.');
    if !ext.is_empty() {
        slug.push('.');
        slug.push_str(ext);
    }
    slug
}

/// A column of an exported table (CSV, HTML, tab-separated text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportColumn {
    /// A column of the table, by index.
    Input(usize),
    /// A computed figure.
    Figure(Figure),
    /// The status mark.
    Status,
}

/// The columns of an export: the table's own, then every computed figure
/// that has a value or an error in some row or in the totals, then the
/// status when some row has one.
pub(crate) fn export_columns(table: &Table, results: &Results) -> Vec<ExportColumn> {
    let mut out: Vec<ExportColumn> = (0..table.columns.len()).map(ExportColumn::Input).collect();
    let all = || {
        results
            .rows
            .iter()
            .chain(std::iter::once(&results.totals.computed))
    };
    for figure in Figure::ALL {
        if all().any(|r| r.figure(figure) != Computed::Blank) {
            out.push(ExportColumn::Figure(figure));
        }
    }
    if all().any(|r| r.status.is_some()) {
        out.push(ExportColumn::Status);
    }
    out
}

/// A cell of an exported table before formatting, or a row's start or end.
pub(crate) enum Out<'a> {
    /// A row starts: a table row, or `None` for the computed totals row.
    Start(Option<&'a Row>),
    /// A number of the table or a computed figure; `true` for a percentage.
    Figure(Computed, bool),
    /// Text (a heading, a label, a note, an unreadable cell; `""` for an
    /// empty cell).
    Text(&'a str),
    /// The status mark of a row.
    Status(Option<Status>),
    /// The row ends.
    End,
}

/// Calls `f` for every row and cell of an export in `columns`: the table's
/// rows, then the computed totals row labelled "Summa" / "Total" in the
/// label column. The CSV, HTML and tab-separated writers format the same
/// cells, so they share this.
pub(crate) fn export_cells(
    table: &Table,
    results: &Results,
    columns: &[ExportColumn],
    lang: Lang,
    f: &mut dyn FnMut(Out<'_>),
) {
    let label = label_column(table);
    let blank = RowResult::default();
    for (r, row) in table.rows.iter().enumerate() {
        let result = results.rows.get(r).unwrap_or(&blank);
        f(Out::Start(Some(row)));
        for col in columns {
            match col {
                ExportColumn::Input(c) => {
                    let percent = table
                        .columns
                        .get(*c)
                        .is_some_and(|c| c.role == crate::model::Role::StatedPercent);
                    match row.cells.get(*c) {
                        Some(Cell::Number(d)) => f(Out::Figure(Computed::Value(*d), percent)),
                        cell if Some(*c) == label => f(Out::Text(&export_label(
                            row,
                            cell.and_then(Cell::text).unwrap_or_default(),
                        ))),
                        Some(Cell::Text(t)) => f(Out::Text(t)),
                        None | Some(Cell::Empty) => f(Out::Text("")),
                    }
                }
                ExportColumn::Figure(fig) => f(Out::Figure(result.figure(*fig), fig.is_percent())),
                ExportColumn::Status => f(Out::Status(result.status)),
            }
        }
        f(Out::End);
    }
    let totals = &results.totals;
    f(Out::Start(None));
    for col in columns {
        match col {
            ExportColumn::Input(c) if Some(*c) == label => f(Out::Text(totals_label(lang))),
            ExportColumn::Input(c) => f(Out::Figure(
                totals.columns.get(*c).copied().unwrap_or_default(),
                false,
            )),
            ExportColumn::Figure(fig) => {
                f(Out::Figure(totals.computed.figure(*fig), fig.is_percent()))
            }
            ExportColumn::Status => f(Out::Status(totals.computed.status)),
        }
    }
    f(Out::End);
}

/// The heading of a computed column in an export, with the unit of an
/// amount: "Avvikelse (mnkr)", "Avvikelse %". Not [`Figure::name`]: these
/// avoid words the reader takes for the period ("helår") when the export is
/// pasted back, and the unit sets them apart from the table's own
/// "Avvikelse".
pub(crate) fn figure_heading(figure: Figure, lang: Lang, unit: Option<Unit>) -> String {
    let mut heading = figure_name(figure, lang).to_string();
    if let (Some(u), false) = (unit, figure.is_percent()) {
        heading.push_str(" (");
        heading.push_str(u.symbol());
        heading.push(')');
    }
    heading
}

fn figure_name(figure: Figure, lang: Lang) -> &'static str {
    let (sv, en) = match figure {
        Figure::Variance => ("Avvikelse", "Deviation"),
        Figure::VariancePct => ("Avvikelse %", "Deviation %"),
        Figure::Remaining => ("Återstår", "Remaining"),
        Figure::Forecast => ("Beräknad årsprognos", "Computed full-year forecast"),
        Figure::ForecastVariance => ("Prognosavvikelse", "Forecast deviation"),
        Figure::ForecastVariancePct => ("Prognosavvikelse %", "Forecast deviation %"),
        Figure::ForecastChange => ("Prognosförändring", "Forecast change"),
        Figure::YoyChange => ("Förändring mot fg år", "Change on prior year"),
        Figure::YoyPct => ("Förändring mot fg år %", "Change on prior year %"),
        Figure::InvestmentVariance => ("Avvikelse mot årsbudget", "Deviation from annual budget"),
        Figure::TotalBudgetVariance => (
            "Avvikelse mot total projektbudget",
            "Deviation from total project budget",
        ),
    };
    lang.pick(sv, en)
}

/// A label cell as exported: a "varav" row (level 1) starts with an en
/// dash and a space, as the reports print them and as the reader takes
/// them back (an en dash, unlike `-`, does not start a spreadsheet
/// formula); a footnote marker follows the label.
pub(crate) fn export_label(row: &Row, text: &str) -> String {
    let mut out = String::new();
    if row.level > 0 {
        out.push_str("– ");
    }
    out.push_str(text);
    if let Some(note) = &row.note {
        out.push_str(note);
    }
    out
}

/// The label of the computed totals row: "Summa" or "Total".
pub(crate) fn totals_label(lang: Lang) -> &'static str {
    lang.pick("Summa", "Total")
}

/// The column that gets the totals row's label: the first label column,
/// else the first text column (none: the row has no label).
pub(crate) fn label_column(table: &Table) -> Option<usize> {
    use crate::model::Role;
    table
        .column_of(Role::Label)
        .or_else(|| table.column_of(Role::Text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs_with_date_and_extension() {
        let cases = [
            ("", "2026-11-23", "json", "kalkyl-2026-11-23.json"),
            ("   ", "2026-11-23", "json", "kalkyl-2026-11-23.json"),
            (
                "Delårsrapport april",
                "2026-11-23",
                "csv",
                "delarsrapport-april-2026-11-23.csv",
            ),
            ("Ö/Ä: Å!", "2026-01-02", ".json", "oa-a-2026-01-02.json"),
            ("Region  Örebro län", "", "json", "region-orebro-lan.json"),
            (
                "--a__b--",
                "2026-11-23T10:00:00Z",
                "json",
                "a-b-2026-11-23.json",
            ),
            ("???", "2026-11-23", "", "kalkyl-2026-11-23"),
            (
                "Résumé Müller",
                "2026-11-23",
                "json",
                "resume-muller-2026-11-23.json",
            ),
        ];
        for (name, date, ext, expected) in cases {
            assert_eq!(export_file_name(name, date, ext), expected, "{name:?}");
        }
        let long = "a".repeat(200);
        assert_eq!(export_file_name(&long, "", "json").len(), 60 + 5);
    }

    #[test]
    fn unexpected_characters_are_shown_as_written_or_as_code_points() {
        for c in [
            'a', 'ä', '\n', '\u{0}', '\u{85}', '\u{a0}', '\u{3000}', '\u{feff}', '😀',
        ] {
            let expected = if c.is_control() || c.is_whitespace() {
                format!("U+{:04X}", u32::from(c))
            } else {
                c.to_string()
            };
            assert_eq!(shown(c), expected, "{c:?}");
            let e = FileError::new(
                ErrorKind::Syntax(Syntax::Unexpected(c)),
                Place::Text {
                    line: 12,
                    column: 345,
                },
            );
            assert_eq!(
                e.message(Lang::En),
                format!("Line 12, column 345: The file is not valid JSON: the character «{expected}» cannot stand here.")
            );
        }
    }

    #[test]
    fn messages_come_from_the_right_templates() {
        let cases = [
            (
                ErrorKind::TooMany {
                    what: Counted::Columns,
                    limit: 7,
                },
                "Tabellen har fler än 7 kolumner.",
                "The table has more than 7 columns.",
            ),
            (
                ErrorKind::WrongType {
                    expected: Expected::Cell,
                },
                "Ska vara null, ett decimaltal som text (\"-297.2\") eller {\"text\": \"…\"}.",
                "Must be null, a decimal as a string (\"-297.2\") or {\"text\": \"…\"}.",
            ),
            (
                ErrorKind::BadDecimal {
                    text: "1e5".into(),
                    problem: DecimalProblem::TooManyDigits,
                },
                "«1e5» har fler siffror än Kalkyl räknar exakt med (högst 28–29).",
                "«1e5» has more digits than Kalkyl computes with exactly (at most 28–29).",
            ),
            (
                ErrorKind::NewerVersion {
                    version: "5".into(),
                },
                "Filen har version 5 och är gjord av en nyare Kalkyl; den här läser version 1–4. Ladda om sidan för att få den nya versionen.",
                "The file has version 5 and was made by a newer Kalkyl; this one reads versions 1–4. Reload the page to get the new version.",
            ),
            (
                ErrorKind::LengthMismatch {
                    expected: 3,
                    found: 2,
                },
                "Raden har 2 värden men tabellen har 3 kolumner.",
                "The row has 2 values but the table has 3 columns.",
            ),
            (
                ErrorKind::Syntax(Syntax::DuplicateKey("k".into())),
                "Filen är inte giltig JSON: nyckeln «k» står två gånger i samma objekt.",
                "The file is not valid JSON: the key «k» appears twice in the same object.",
            ),
            (
                ErrorKind::Syntax(Syntax::TrailingText),
                "Filen är inte giltig JSON: det står mer text efter slutet.",
                "The file is not valid JSON: there is more text after the end.",
            ),
            (
                ErrorKind::DuplicateId { id: 2 },
                "Två tabeller har id 2.",
                "Two tables have id 2.",
            ),
            (
                ErrorKind::UnknownSheet { id: 7 },
                "Rapporten hänvisar till tabell 7, som inte finns i filen.",
                "The report refers to table 7, which is not in the file.",
            ),
            (
                ErrorKind::TooMany {
                    what: Counted::Reports,
                    limit: 1000,
                },
                "Uppföljningen har fler än 1000 rapporter.",
                "The follow-up has more than 1000 reports.",
            ),
        ];
        for (kind, sv, en) in cases {
            assert_eq!(kind.message(Lang::Sv), sv);
            assert_eq!(kind.message(Lang::En), en);
        }
        let e = FileError::new(ErrorKind::BadVersion, Place::Nowhere);
        assert_eq!(
            e.message(Lang::Sv),
            "\"version\" ska vara ett positivt heltal."
        );
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let kinds = vec![
            ErrorKind::Syntax(Syntax::Truncated),
            ErrorKind::Syntax(Syntax::Unexpected('\n')),
            ErrorKind::Syntax(Syntax::BadNumber),
            ErrorKind::Syntax(Syntax::BadEscape),
            ErrorKind::Syntax(Syntax::LoneSurrogate),
            ErrorKind::Syntax(Syntax::ControlCharacter),
            ErrorKind::Syntax(Syntax::TrailingText),
            ErrorKind::Syntax(Syntax::DuplicateKey("k".into())),
            ErrorKind::TooLarge { limit: 64 << 20 },
            ErrorKind::TooDeep { limit: 64 },
            ErrorKind::TooLong { limit: 32 << 20 },
            ErrorKind::TooMany {
                what: Counted::Rows,
                limit: 5,
            },
            ErrorKind::NotKalkyl,
            ErrorKind::NewerVersion {
                version: "3".into(),
            },
            ErrorKind::BadVersion,
            ErrorKind::Missing { key: "rows".into() },
            ErrorKind::WrongType {
                expected: Expected::Cell,
            },
            ErrorKind::BadDecimal {
                text: "1e5".into(),
                problem: DecimalProblem::Malformed,
            },
            ErrorKind::Unknown {
                found: "x".into(),
                expected: "a, b".into(),
            },
            ErrorKind::OutOfRange {
                found: "13".into(),
                min: 0,
                max: 12,
            },
            ErrorKind::LengthMismatch {
                expected: 3,
                found: 2,
            },
            ErrorKind::DuplicateId { id: 2 },
            ErrorKind::UnknownSheet { id: 2 },
            ErrorKind::TooMany {
                what: Counted::FollowUps,
                limit: 5,
            },
            ErrorKind::TooMany {
                what: Counted::Reports,
                limit: 5,
            },
            ErrorKind::TooMany {
                what: Counted::Matches,
                limit: 5,
            },
            ErrorKind::Malformed,
        ];
        for kind in kinds {
            let e = FileError::new(kind, Place::Path("tables[0]".into()));
            let (sv, en) = (e.message(Lang::Sv), e.message(Lang::En));
            assert!(sv.starts_with("Vid tables[0]: ") && en.starts_with("At tables[0]: "));
            assert_ne!(sv, en, "{e:?}");
        }
        let e = FileError::new(ErrorKind::NotKalkyl, Place::Text { line: 2, column: 5 });
        assert!(e.message(Lang::Sv).starts_with("Rad 2, tecken 5: "));
        assert_eq!(e.to_string(), e.message(Lang::En));
    }
}
