//! Scores how the table reader does on annotated tables (the seed fixtures
//! and the corpus of real tables in `tests/corpus/`), as
//! `tests/corpus/README.md` describes: numbers under the right role and
//! unit, the unit, the sign convention, the stated inconsistencies flagged,
//! and alarms on consistent tables.
//!
//! Rows are matched by label (normalised, with the occurrence counted so two
//! rows named "Summa" stay apart); a table without labels is matched by row
//! position. Values are compared in kronor, so a table read in the wrong unit
//! scores nothing for its amounts.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use kalkyl_core::checks::check_table;
use kalkyl_core::convention::detect_convention;
use kalkyl_core::model::{Role, SignConvention, Table};
use kalkyl_core::number::Unit;
use kalkyl_core::read::{read_paste, ReadChoices};
use rust_decimal::Decimal;

use super::fixture::{ExpectedCell, Fixture};

/// One table's score.
#[derive(Debug, Clone, Default)]
pub struct TableScore {
    /// Expected number cells.
    pub numbers: usize,
    /// Of those, read with the right value in kronor under the right role.
    pub numbers_right: usize,
    /// Whether the unit was read right (None, `-` and `none` agree).
    pub unit_right: bool,
    /// `Some(right)` when the expected convention is known.
    pub convention_right: Option<bool>,
    /// Expected inconsistencies.
    pub inconsistencies: usize,
    /// Of those, reported by the checks at the same row and column.
    pub flagged: usize,
    /// The table is consistent but the checks report something.
    pub alarm: bool,
    /// The number of checks reported (to show alarms).
    pub reported: usize,
    /// Short notes on what went wrong, for the detailed listing.
    pub notes: Vec<String>,
}

/// Label text as compared: lower case, no spaces, no leading dash or marks,
/// no colon or comma at the end ("Summa:" is the row "Summa").
fn normalise(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ')' | '(' | '¹' | '²' | '³'))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_start_matches(['-', '–', '—'])
        .trim_end_matches([':', ','])
        .to_string()
}

fn unit_factor(unit: Option<&str>) -> Decimal {
    match unit {
        Some("tkr") => Decimal::ONE_THOUSAND,
        Some("mnkr") => Decimal::from(1_000_000),
        Some("mdkr") => Decimal::from(1_000_000_000),
        _ => Decimal::ONE,
    }
}

fn reader_factor(unit: Option<Unit>) -> Decimal {
    unit.map(Unit::factor).unwrap_or(Decimal::ONE)
}

/// Keys rows by (normalised label, occurrence), or by position without labels.
fn row_keys(labels: impl Iterator<Item = Option<String>>) -> Vec<(String, usize)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    labels
        .enumerate()
        .map(|(i, label)| match label {
            Some(l) => {
                let n = normalise(&l);
                let count = seen.entry(n.clone()).or_default();
                *count += 1;
                (n, *count)
            }
            None => (format!("#{i}"), 0),
        })
        .collect()
}

fn sign_key(c: SignConvention) -> &'static str {
    match c {
        SignConvention::OutcomeMinusBudget => "outcome_minus_budget",
        SignConvention::BudgetMinusOutcome => "budget_minus_outcome",
        SignConvention::OutcomePlusBudget => "outcome_plus_budget",
    }
}

/// The choices the app starts a paste with: none but the year it was
/// pasted in, taken as the report's year (a controller pastes a report the
/// year it comes out).
pub fn first_choices(f: &Fixture) -> ReadChoices {
    ReadChoices {
        year_pasted: f.year(),
        ..ReadChoices::default()
    }
}

/// Reads the fixture's paste as the app does and scores the reading.
pub fn score(f: &Fixture) -> (TableScore, Table) {
    let table = read_paste(&f.paste, None, &first_choices(f));
    (score_table(f, &table), table)
}

/// Scores a reading against the fixture.
pub fn score_table(f: &Fixture, table: &Table) -> TableScore {
    let mut s = TableScore::default();
    let want_factor = unit_factor(f.unit.as_deref());
    let got_factor = reader_factor(table.unit);
    let want_unit = match f.unit.as_deref() {
        Some("none") | None => None,
        Some(u) => Some(u.to_string()),
    };
    let got_unit = table.unit.map(|u| u.symbol().to_string());
    s.unit_right = want_unit == got_unit;
    if !s.unit_right {
        s.notes
            .push(format!("unit: got {got_unit:?}, want {want_unit:?}"));
    }

    // Rows of the reading, by key.
    let has_label = table.column_of(Role::Label).is_some();
    let got_keys =
        row_keys((0..table.rows.len()).map(|r| has_label.then(|| table.label(r).to_string())));
    let got_row: HashMap<&(String, usize), usize> =
        got_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let want_label_col = f.column("label");
    // An empty label cell (`_`) of a table with labels is an unlabelled
    // line (a subtotal printed without text); the reading holds it as an
    // empty label, so both are keyed as empty labels, counted in order.
    let want_keys = row_keys(f.rows.iter().map(|row| {
        want_label_col.map(|c| {
            row.cells[c]
                .label_text()
                .map(str::to_string)
                .unwrap_or_default()
        })
    }));

    let value_at = |r: usize, c: usize| -> Option<Decimal> {
        let v = table.number(r, c)?;
        v.checked_mul(got_factor)
    };
    let mut missing_rows = 0;
    let mut wrong_cells: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in f.rows.iter().enumerate() {
        let mapped = got_row.get(&want_keys[i]).copied();
        if mapped.is_none() {
            missing_rows += 1;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            let ExpectedCell::Number(want) = cell else {
                continue;
            };
            s.numbers += 1;
            let Some(want_kr) = want.checked_mul(want_factor) else {
                continue;
            };
            let role = f.columns[c].as_str();
            let right = mapped.is_some_and(|r| {
                table
                    .columns
                    .iter()
                    .enumerate()
                    .filter(|(_, col)| col.role.key() == role)
                    .any(|(gc, _)| value_at(r, gc) == Some(want_kr))
            });
            if right {
                s.numbers_right += 1;
            } else if mapped.is_some() {
                *wrong_cells.entry(role.to_string()).or_default() += 1;
            }
        }
    }
    if missing_rows > 0 {
        s.notes.push(format!(
            "{missing_rows} of {} rows not found by label",
            f.rows.len()
        ));
    }
    if !wrong_cells.is_empty() {
        let got_roles: Vec<&str> = table.columns.iter().map(|c| c.role.key()).collect();
        s.notes.push(format!(
            "misread by role {wrong_cells:?}; roles read {got_roles:?}, want {:?}",
            f.columns
        ));
    }

    if let Some(want) = f.sign.as_deref() {
        let want = match want {
            "outcome_minus_forecast" => "outcome_minus_budget",
            other => other,
        };
        let got = sign_key(detect_convention(table).convention);
        s.convention_right = Some(got == want);
        if got != want {
            s.notes.push(format!("convention: got {got}, want {want}"));
        }
    }

    let checks = check_table(table);
    s.reported = checks.len();
    s.inconsistencies = f.checks.len();
    for want in &f.checks {
        let mapped = got_row.get(&want_keys[want.row]).copied();
        let role = f.columns[want.column].as_str();
        let hit = mapped.is_some_and(|r| {
            checks.iter().any(|c| {
                c.row == r
                    && table
                        .columns
                        .get(c.column)
                        .is_some_and(|col| col.role.key() == role)
            })
        });
        if hit {
            s.flagged += 1;
        } else {
            s.notes.push(format!(
                "not flagged: {} at row {} col {}",
                want.kind, want.row, want.column
            ));
        }
    }
    s.alarm = f.checks.is_empty() && !checks.is_empty();
    if s.alarm {
        let first: Vec<String> = checks
            .iter()
            .take(3)
            .map(|c| format!("{} r{} c{}", c.kind.key(), c.row, c.column))
            .collect();
        s.notes.push(format!(
            "alarm: {} checks ({})",
            checks.len(),
            first.join(", ")
        ));
    }
    s
}

/// Sums of table scores for one class of tables.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub tables: usize,
    pub numbers: usize,
    pub numbers_right: usize,
    pub units_right: usize,
    pub conventions: usize,
    pub conventions_right: usize,
    pub inconsistencies: usize,
    pub flagged: usize,
    pub consistent: usize,
    pub alarms: usize,
}

impl Tally {
    /// Adds one table.
    pub fn add(&mut self, s: &TableScore, consistent: bool) {
        self.tables += 1;
        self.numbers += s.numbers;
        self.numbers_right += s.numbers_right;
        self.units_right += usize::from(s.unit_right);
        if let Some(right) = s.convention_right {
            self.conventions += 1;
            self.conventions_right += usize::from(right);
        }
        self.inconsistencies += s.inconsistencies;
        self.flagged += s.flagged;
        self.consistent += usize::from(consistent);
        self.alarms += usize::from(s.alarm);
    }

    /// Share of numbers right, in percent (100 when there are none).
    pub fn number_share(&self) -> f64 {
        // A score for people to read, not money: a float is fine here.
        if self.numbers == 0 {
            100.0
        } else {
            100.0 * self.numbers_right as f64 / self.numbers as f64
        }
    }

    /// One line of the score table.
    pub fn line(&self, name: &str) -> String {
        format!(
            "{name:<22} {:>6} {:>8} {:>7.1}% {:>9} {:>11} {:>10} {:>9}",
            self.tables,
            self.numbers,
            self.number_share(),
            format!("{}/{}", self.units_right, self.tables),
            format!("{}/{}", self.conventions_right, self.conventions),
            format!("{}/{}", self.flagged, self.inconsistencies),
            format!("{}/{}", self.alarms, self.consistent),
        )
    }
}

/// The heading of [`Tally::line`].
pub const HEADER: &str =
    "class                  tables  numbers   right     units conventions    flagged    alarms";

/// Scores every fixture and renders the report: per class and in all, then
/// (when `detail`) every table with what went wrong.
pub fn report(fixtures: &[Fixture], detail: bool) -> (String, Tally) {
    let mut classes: BTreeMap<String, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    let mut details = String::new();
    for f in fixtures {
        let (s, _) = score(f);
        let consistent = f.checks.is_empty();
        let (layout, orientation) = match &f.corpus {
            Some(c) => (c.layout.clone(), c.orientation.clone()),
            None => ("seed".to_string(), "rows".to_string()),
        };
        classes
            .entry(format!("layout {layout}"))
            .or_default()
            .add(&s, consistent);
        classes
            .entry(format!("orientation {orientation}"))
            .or_default()
            .add(&s, consistent);
        all.add(&s, consistent);
        if detail {
            let _ = writeln!(
                details,
                "{:<52} {:>4}/{:<4} {}",
                f.name,
                s.numbers_right,
                s.numbers,
                s.notes.join("; ")
            );
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "{HEADER}");
    for (name, t) in &classes {
        let _ = writeln!(out, "{}", t.line(name));
    }
    let _ = writeln!(out, "{}", all.line("all"));
    if detail {
        out.push('\n');
        out.push_str(&details);
    }
    (out, all)
}

/// One table's reading beside its expected one, for finding out what went wrong.
pub fn show(f: &Fixture) -> String {
    let (s, table) = score(f);
    let mut out = format!("== {}\n", f.name);
    let _ = writeln!(
        out,
        "title {:?} unit {:?} months {:?}",
        table.title, table.unit, table.months
    );
    let got: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("{}={:?}", c.role.key(), c.heading))
        .collect();
    let _ = writeln!(out, "read:  {}", got.join(" | "));
    let want: Vec<String> = f
        .columns
        .iter()
        .zip(&f.headings)
        .map(|(r, h)| format!("{r}={:?}", h.as_deref().unwrap_or("")))
        .collect();
    let _ = writeln!(out, "want:  {}", want.join(" | "));
    for (i, row) in table.rows.iter().enumerate() {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| match c {
                kalkyl_core::model::Cell::Number(d) => d.to_string(),
                kalkyl_core::model::Cell::Text(t) => format!("{t:?}"),
                kalkyl_core::model::Cell::Empty => "_".to_string(),
            })
            .collect();
        let _ = writeln!(
            out,
            "  {i:>3} {} {} | {}",
            row.kind.key(),
            row.level,
            cells.join(" | ")
        );
    }
    for d in &table.diagnostics {
        let _ = writeln!(out, "  diag: {}", d.message(kalkyl_core::lang::Lang::En));
    }
    let _ = writeln!(
        out,
        "score {}/{}: {}",
        s.numbers_right,
        s.numbers,
        s.notes.join("; ")
    );
    out
}
