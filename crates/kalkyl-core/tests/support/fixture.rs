//! Reader for the table fixtures in `tests/fixtures/tables/*.table`: one
//! pasted table from a seed report with its expected reading (columns, rows,
//! cells) and the stated figures it gets wrong. The format is documented in
//! `tests/fixtures/tables/README.md`.
//!
//! This is test support: malformed input panics with the file and line.

use std::fmt;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

/// Column roles a fixture may use.
pub const ROLES: &[&str] = &[
    "label",
    "outcome",
    "budget",
    "annual_budget",
    "forecast",
    "prior_outcome",
    "previous_forecast",
    "stated_variance",
    "stated_percent",
    "total_budget",
    "text",
    "other",
];

/// Row kinds.
pub const ROW_KINDS: &[&str] = &["heading", "item", "subtotal", "total"];

/// Kinds of `=== checks` lines.
pub const CHECK_KINDS: &[&str] = &[
    "total_mismatch",
    "variance_mismatch",
    "percent_mismatch",
    "sign_suspect",
];

/// Values of `unit:` other than `-` (unit not stated in the paste).
pub const UNITS: &[&str] = &["kr", "tkr", "mnkr", "mdkr", "none"];

/// Values of a corpus file's `kind:`.
pub const ORGANISATION_KINDS: &[&str] = &["kommun", "region", "myndighet", "bolag", "forbund"];

/// Values of a corpus file's `layout:`.
pub const LAYOUTS: &[&str] = &["tab", "pdf", "lines", "runtogether", "mixed"];

/// Values of a corpus file's `orientation:`.
pub const ORIENTATIONS: &[&str] = &["rows", "transposed"];

/// Values of `sign:` other than `-` (no deviation to decide from).
pub const SIGNS: &[&str] = &[
    "outcome_minus_budget",
    "budget_minus_outcome",
    "outcome_plus_budget",
    "outcome_minus_forecast",
];

/// Where a corpus table comes from and how its text is laid out
/// (`tests/corpus/README.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusSource {
    /// The publisher: "Västerviks kommun".
    pub organisation: String,
    /// One of [`ORGANISATION_KINDS`].
    pub kind: String,
    /// The report and the table's place in it.
    pub report: String,
    /// The address the text came from.
    pub source: String,
    /// One of [`LAYOUTS`].
    pub layout: String,
    /// One of [`ORIENTATIONS`].
    pub orientation: String,
}

/// One fixture file: a seed table (`tests/fixtures/tables`) or a corpus
/// table (`tests/corpus`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    /// File name without `.table`, e.g. `000-5.1.1-resultatrakning`.
    pub name: String,
    /// The `#` comment lines before the fields, without the leading `# `.
    pub comments: Vec<String>,
    /// Seed file name, e.g. `000_41c3ab6f285ffb41.txt`; empty for a corpus table.
    pub seed: String,
    /// 1-based inclusive line range of the paste in the seed; `(0, 0)` for a
    /// corpus table.
    pub lines: (usize, usize),
    /// The seed report's section; a corpus table's `report:`.
    pub section: String,
    /// Where a corpus table comes from; `None` for a seed table.
    pub corpus: Option<CorpusSource>,
    pub title: Option<String>,
    /// `kr`, `tkr`, `mnkr` or `none` (no money); `None` when the pasted text
    /// does not state the unit.
    pub unit: Option<String>,
    /// Months elapsed, when the pasted text says it.
    pub months: Option<u32>,
    /// One of [`SIGNS`]; `None` when the table states no deviation to decide from.
    pub sign: Option<String>,
    /// One role per column, from [`ROLES`].
    pub columns: Vec<String>,
    /// The cleaned heading of each column; `None` for an empty heading.
    pub headings: Vec<Option<String>>,
    /// The pasted text: the seed's lines joined with `\n`, no final newline.
    pub paste: String,
    pub rows: Vec<ExpectedRow>,
    pub checks: Vec<ExpectedCheck>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRow {
    /// One of [`ROW_KINDS`].
    pub kind: String,
    /// 0 at top level, 1 for the children of a "…, varav" row.
    pub level: u8,
    /// Exactly one cell per column.
    pub cells: Vec<ExpectedCell>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExpectedCell {
    /// An empty cell or a lone dash.
    Empty,
    /// A number in the table's unit, with the decimals shown (scale kept:
    /// "0.0" has scale 1).
    Number(Decimal),
    /// A cell in a text column, or a cell that is not a number.
    Text(String),
    /// A cell of the label column; `note` is a footnote marker such as `*`.
    Label { text: String, note: Option<String> },
}

/// A stated figure that the table's own rows do not reproduce.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedCheck {
    /// One of [`CHECK_KINDS`].
    pub kind: String,
    /// 0-based index into `rows`.
    pub row: usize,
    /// 0-based index into `columns`.
    pub column: usize,
    pub stated: Decimal,
    pub computed: Decimal,
    pub reason: String,
}

impl ExpectedCell {
    pub fn number(&self) -> Option<Decimal> {
        match self {
            ExpectedCell::Number(d) => Some(*d),
            _ => None,
        }
    }

    pub fn label_text(&self) -> Option<&str> {
        match self {
            ExpectedCell::Label { text, .. } => Some(text),
            _ => None,
        }
    }
}

impl fmt::Display for ExpectedCell {
    /// The cell as written in a fixture file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedCell::Empty => f.write_str("_"),
            ExpectedCell::Number(d) => write!(f, "{d}"),
            ExpectedCell::Text(t) => write!(f, "\"{t}\""),
            ExpectedCell::Label { text, note: None } => f.write_str(text),
            ExpectedCell::Label {
                text,
                note: Some(n),
            } => write!(f, "{text} ^{n}"),
        }
    }
}

impl Fixture {
    /// The report's year, from a corpus file's name
    /// (`<organisation>-<year>-<table>`); `None` for a seed table.
    pub fn year(&self) -> Option<u16> {
        self.name
            .split('-')
            .filter(|part| part.len() == 4)
            .filter_map(|part| part.parse::<u16>().ok())
            .find(|y| (1990..2100).contains(y))
    }

    /// Index of the first column with this role.
    pub fn column(&self, role: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == role)
    }

    /// Indices of every column with this role.
    pub fn columns_with(&self, role: &str) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i] == role)
            .collect()
    }

    /// The label of a row, when the table has a label column.
    pub fn label(&self, row: usize) -> Option<&str> {
        let col = self.column("label")?;
        self.rows[row].cells[col].label_text()
    }

    /// The number in a cell, if it holds one.
    pub fn number(&self, row: usize, column: usize) -> Option<Decimal> {
        self.rows[row].cells[column].number()
    }
}

/// The folder holding the `.table` files.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables")
}

/// The seed reports (`shared/seeds` beside the repository), when present.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// The folder holding the corpus of real tables.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every seed fixture, sorted by file name.
pub fn load_all() -> Vec<Fixture> {
    load_from(&fixtures_dir())
}

/// Every corpus table, sorted by file name.
pub fn load_corpus() -> Vec<Fixture> {
    load_from(&corpus_dir())
}

/// Every seed fixture and corpus table: what the shape and check rules hold for.
pub fn load_every() -> Vec<Fixture> {
    let mut all = load_all();
    all.extend(load_corpus());
    all
}

/// Every `.table` file of a folder, sorted by file name.
pub fn load_from(dir: &Path) -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "table"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

/// One fixture by name (file name without `.table`).
pub fn load_named(name: &str) -> Fixture {
    load(&fixtures_dir().join(format!("{name}.table")))
}

/// Reads and parses one fixture file.
pub fn load(path: &Path) -> Fixture {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_else(|| panic!("{}: bad file name", path.display()))
        .to_string();
    parse(&name, &path.display().to_string(), &text)
}

/// A place in a fixture file, for panic messages.
#[derive(Clone, Copy)]
struct Loc<'a> {
    file: &'a str,
    line: usize,
}

impl Loc<'_> {
    fn fail(self, msg: impl fmt::Display) -> ! {
        panic!("{}:{}: {msg}", self.file, self.line)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Header,
    Paste,
    Rows,
    Checks,
    End,
}

/// Parses the text of a fixture; `file` is only used in panic messages.
pub fn parse(name: &str, file: &str, text: &str) -> Fixture {
    let at = |line: usize| Loc { file, line };
    let body = text
        .strip_suffix('\n')
        .unwrap_or_else(|| at(0).fail("the file must end with a newline"));

    let mut comments = Vec::new();
    let mut fields: Vec<(usize, String, String)> = Vec::new();
    let mut paste_lines: Vec<&str> = Vec::new();
    let mut row_lines: Vec<(usize, &str)> = Vec::new();
    let mut check_lines: Vec<(usize, &str)> = Vec::new();
    let mut part = Part::Header;

    for (i, line) in body.split('\n').enumerate() {
        let n = i + 1;
        match (part, line) {
            (Part::Header, "=== paste") => part = Part::Paste,
            (Part::Paste, "=== rows") => part = Part::Rows,
            (Part::Rows, "=== checks") => part = Part::Checks,
            (Part::Checks, "=== end") => part = Part::End,
            (Part::Paste, _) => paste_lines.push(line),
            (_, l) if l.starts_with("===") => at(n).fail(format!("unexpected marker {l:?}")),
            (Part::Header, l) if l.starts_with('#') => {
                let c = l.trim_start_matches('#');
                comments.push(c.strip_prefix(' ').unwrap_or(c).to_string());
            }
            (Part::Header, "") => {}
            (Part::Header, l) => {
                let (key, value) = l
                    .split_once(':')
                    .unwrap_or_else(|| at(n).fail(format!("expected `key: value`, got {l:?}")));
                fields.push((n, key.trim().to_string(), value.trim().to_string()));
            }
            (Part::Rows, l) if !l.trim().is_empty() => row_lines.push((n, l)),
            (Part::Checks, l) if !l.trim().is_empty() => check_lines.push((n, l)),
            (Part::Rows | Part::Checks, _) => {}
            (Part::End, l) => at(n).fail(format!("text after `=== end`: {l:?}")),
        }
    }
    if part != Part::End {
        at(0).fail(
            "missing one of `=== paste`, `=== rows`, `=== checks`, `=== end` (in this order)",
        );
    }

    let field = |key: &str| -> (usize, String) {
        let found: Vec<_> = fields.iter().filter(|(_, k, _)| k == key).collect();
        match found.as_slice() {
            [(n, _, v)] => (*n, v.clone()),
            [] => at(0).fail(format!("missing field `{key}:`")),
            _ => at(found[1].0).fail(format!("field `{key}:` given twice")),
        }
    };
    let is_corpus = fields.iter().any(|(_, k, _)| k == "organisation");
    const SEED_KEYS: &[&str] = &["seed", "lines", "section"];
    const CORPUS_KEYS: &[&str] = &[
        "organisation",
        "kind",
        "report",
        "source",
        "layout",
        "orientation",
    ];
    const COMMON_KEYS: &[&str] = &["title", "unit", "months", "sign", "columns", "headings"];
    let origin_keys = if is_corpus { CORPUS_KEYS } else { SEED_KEYS };
    for (n, key, _) in &fields {
        if !origin_keys.contains(&key.as_str()) && !COMMON_KEYS.contains(&key.as_str()) {
            at(*n).fail(format!(
                "unknown field `{key}:` in a {} file",
                if is_corpus { "corpus" } else { "seed fixture" }
            ));
        }
    }
    let dash = |v: String| if v == "-" { None } else { Some(v) };

    let (seed, lines, section, corpus) = if is_corpus {
        let one_of = |key: &str, allowed: &[&str]| -> String {
            let (n, v) = field(key);
            if !allowed.contains(&v.as_str()) {
                at(n).fail(format!("`{key}:` must be one of {allowed:?}, got {v:?}"));
            }
            v
        };
        let given = |key: &str| -> String {
            let (n, v) = field(key);
            if v.is_empty() {
                at(n).fail(format!("empty `{key}:`"));
            }
            v
        };
        let source = CorpusSource {
            organisation: given("organisation"),
            kind: one_of("kind", ORGANISATION_KINDS),
            report: given("report"),
            source: given("source"),
            layout: one_of("layout", LAYOUTS),
            orientation: one_of("orientation", ORIENTATIONS),
        };
        (String::new(), (0, 0), source.report.clone(), Some(source))
    } else {
        let (n, seed) = field("seed");
        if seed.is_empty() {
            at(n).fail("empty seed");
        }
        let (n, lines) = field("lines");
        let lines = lines
            .split_once('-')
            .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
            .filter(|&(a, b): &(usize, usize)| a >= 1 && a <= b)
            .unwrap_or_else(|| {
                at(n).fail(format!(
                    "`lines:` must be `A-B` with 1 <= A <= B, got {lines:?}"
                ))
            });
        let (_, section) = field("section");
        (seed, lines, section, None)
    };
    let title = dash(field("title").1);
    let (n, unit) = field("unit");
    let unit = dash(unit);
    if let Some(u) = &unit {
        if !UNITS.contains(&u.as_str()) {
            at(n).fail(format!("unknown unit {u:?}"));
        }
    }
    let (n, months) = field("months");
    let months = dash(months).map(|m| {
        m.parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .unwrap_or_else(|| at(n).fail(format!("`months:` must be 1..=12 or -, got {m:?}")))
    });
    let (n, sign) = field("sign");
    let sign = dash(sign);
    if let Some(s) = &sign {
        if !SIGNS.contains(&s.as_str()) {
            at(n).fail(format!("unknown sign convention {s:?}"));
        }
    }
    let (n, columns) = field("columns");
    let columns: Vec<String> = columns.split('|').map(|c| c.trim().to_string()).collect();
    for c in &columns {
        if !ROLES.contains(&c.as_str()) {
            at(n).fail(format!("unknown column role {c:?}"));
        }
    }
    if columns.iter().filter(|c| *c == "label").count() > 1 {
        at(n).fail("more than one label column");
    }
    let (n, headings) = field("headings");
    let headings: Vec<Option<String>> = headings
        .split('|')
        .map(|h| dash(h.trim().to_string()))
        .collect();
    if headings.len() != columns.len() {
        at(n).fail(format!(
            "{} headings for {} columns",
            headings.len(),
            columns.len()
        ));
    }

    let rows = row_lines
        .iter()
        .map(|&(line, l)| parse_row(l, &columns, Loc { file, line }))
        .collect();
    let checks = check_lines
        .iter()
        .map(|&(line, l)| parse_check(l, Loc { file, line }))
        .collect();

    Fixture {
        name: name.to_string(),
        comments,
        seed,
        lines,
        section,
        corpus,
        title,
        unit,
        months,
        sign,
        columns,
        headings,
        paste: paste_lines.join("\n"),
        rows,
        checks,
    }
}

fn parse_row(line: &str, columns: &[String], at: Loc) -> ExpectedRow {
    let mut parts = line.split('|').map(str::trim);
    let head = parts.next().unwrap_or_default();
    let (kind, level) = head
        .split_once(' ')
        .unwrap_or_else(|| at.fail(format!("row must start with `kind level`, got {head:?}")));
    if !ROW_KINDS.contains(&kind) {
        at.fail(format!("unknown row kind {kind:?}"));
    }
    let level: u8 = level
        .trim()
        .parse()
        .unwrap_or_else(|_| at.fail(format!("bad level {level:?}")));
    let raw: Vec<&str> = parts.collect();
    if raw.len() != columns.len() {
        at.fail(format!("{} cells for {} columns", raw.len(), columns.len()));
    }
    let cells = raw
        .iter()
        .zip(columns)
        .map(|(c, role)| parse_cell(c, role, at))
        .collect();
    ExpectedRow {
        kind: kind.to_string(),
        level,
        cells,
    }
}

fn parse_cell(cell: &str, role: &str, at: Loc) -> ExpectedCell {
    if cell == "_" {
        return ExpectedCell::Empty;
    }
    if cell.is_empty() {
        at.fail("empty cell: write `_`");
    }
    if role == "label" {
        return match cell.rsplit_once(" ^") {
            Some((text, note)) if !text.is_empty() && !note.is_empty() => ExpectedCell::Label {
                text: text.to_string(),
                note: Some(note.to_string()),
            },
            Some(_) => at.fail(format!("bad footnote marker in label {cell:?}")),
            None => ExpectedCell::Label {
                text: cell.to_string(),
                note: None,
            },
        };
    }
    if let Some(inner) = cell.strip_prefix('"') {
        let text = inner
            .strip_suffix('"')
            .unwrap_or_else(|| at.fail(format!("unterminated text cell {cell:?}")));
        return ExpectedCell::Text(text.to_string());
    }
    if role == "text" {
        at.fail(format!(
            "a text column cell must be quoted or `_`, got {cell:?}"
        ));
    }
    ExpectedCell::Number(parse_decimal(cell).unwrap_or_else(|| {
        at.fail(format!(
            "not a plain decimal (-?digits[.digits]) nor `_` nor \"text\": {cell:?}"
        ))
    }))
}

/// A plain decimal as written in fixtures: `-?[0-9]+(\.[0-9]+)?`, scale kept.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    Decimal::from_str_exact(s).ok()
}

fn parse_check(line: &str, at: Loc) -> ExpectedCheck {
    let parts: Vec<&str> = line.splitn(6, '|').map(str::trim).collect();
    let [kind, row, column, stated, computed, reason] = parts.as_slice() else {
        at.fail("a check is `kind | row N | col N | stated X | computed Y | reason`")
    };
    if !CHECK_KINDS.contains(kind) {
        at.fail(format!("unknown check kind {kind:?}"));
    }
    let prefixed = |part: &str, prefix: &str| -> String {
        part.strip_prefix(prefix)
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| at.fail(format!("expected `{prefix} …`, got {part:?}")))
    };
    let index = |part: &str, prefix: &str| -> usize {
        let v = prefixed(part, prefix);
        v.parse()
            .unwrap_or_else(|_| at.fail(format!("bad index in {part:?}")))
    };
    let number = |part: &str, prefix: &str| -> Decimal {
        let v = prefixed(part, prefix);
        parse_decimal(&v).unwrap_or_else(|| at.fail(format!("bad number in {part:?}")))
    };
    if reason.is_empty() {
        at.fail("a check needs a reason");
    }
    ExpectedCheck {
        kind: kind.to_string(),
        row: index(row, "row "),
        column: index(column, "col "),
        stated: number(stated, "stated "),
        computed: number(computed, "computed "),
        reason: reason.to_string(),
    }
}
