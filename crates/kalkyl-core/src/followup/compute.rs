//! The computed follow-up: per row and for the total, the budget and the
//! forecast of each report and their changes, the outcome, and each
//! report's forecast deviation from the outcome.
//!
//! Every figure is converted exactly to the follow-up's unit
//! ([`crate::number::convert`]) and sign convention. Conventions are
//! reconciled through the net-cost reference (costs negative): a gross
//! table (budget − outcome) has every amount negated, an allocation table
//! (outcome + budget) its budgets. Deviations are then the same in every
//! convention: positive is favourable.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::calc::{percent_of, CalcError, Computed};
use crate::checks::{check_table, CheckKind};
use crate::convention::{effective_convention, half_unit, Basis};
use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::{Cell, Role, RowKind, SignConvention, Table};
use crate::number::{convert, Unit};

use super::matching::{match_rows, Candidate, ReportRows, Unmatched};
use super::propose::names_forecast;
use super::{FollowUp, ReportKind, SheetTable};

/// A report of the follow-up as computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInfo {
    /// The sheet's id.
    pub sheet: u64,
    /// The sheet's name ("" when the sheet is gone).
    pub name: String,
    /// The kind the follow-up uses.
    pub kind: ReportKind,
    /// The months the follow-up uses.
    pub months: Option<u8>,
    /// The table's unit.
    pub unit: Option<Unit>,
    /// The convention its figures are read in; `None` when unknown.
    pub convention: Option<SignConvention>,
    /// Whether its figures can be converted (sheet, unit and convention
    /// known); when not, they are blank and a note says why.
    pub usable: bool,
    /// Whether its figures are compared with other reports' (usable, and
    /// no other report claims the same period).
    pub comparable: bool,
}

/// A forecast's deviation from the outcome ("prognosavvikelse").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deviation {
    /// Outcome − forecast in the net-cost reference: positive when the
    /// outcome was better than the forecast, in every convention.
    pub value: Computed,
    /// The value as a percentage of the outcome report's budget (its
    /// absolute value); blank on a zero budget.
    pub percent: Computed,
}

/// How good a row's forecasts were over the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accuracy {
    /// The mean absolute forecast deviation over the reports that have
    /// one (rounded to 28 digits when the division does not end).
    pub mean_absolute: Computed,
    /// The mean absolute percentage of the budget.
    pub mean_absolute_percent: Computed,
    /// The first report (index) whose forecast was within the follow-up's
    /// status threshold (`met_within` percent of the budget) of the outcome.
    pub first_within: Option<usize>,
}

/// The figures of one row (or the total), one entry per report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The annual budget each report states.
    pub budgets: Vec<Computed>,
    /// Change from the previous report that states a budget.
    pub budget_changes: Vec<Computed>,
    /// Each report's full-year forecast: the forecast of a follow-up, the
    /// budget of a plan, the outcome of the annual report.
    pub forecasts: Vec<Computed>,
    /// Change from the previous report that states a forecast.
    pub forecast_changes: Vec<Computed>,
    /// The forecast's deviation against the report's own budget (positive
    /// favourable), computed, or as the report states it when it shows no
    /// forecast ("Budgetavvikelse prognos april"); for the annual report,
    /// its outcome against its budget.
    pub forecast_variances: Vec<Computed>,
    /// The outcome, from the annual report.
    pub outcome: Computed,
    /// Each report's forecast deviation from the outcome (blank for the
    /// annual report itself and while there is no outcome).
    pub deviations: Vec<Deviation>,
    /// Accuracy over the year.
    pub accuracy: Accuracy,
}

/// A row of the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The label.
    pub label: String,
    /// Per report, the table rows that make it (several: added together).
    pub members: Vec<Vec<usize>>,
    /// Its figures.
    pub line: Line,
}

/// Where a warning belongs in the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A row of the follow-up, by index.
    Row(usize),
    /// The total.
    Total,
    /// A row of the report that is in no follow-up row.
    Unmatched,
}

/// A report's own inconsistency, carried over as it is (never corrected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The report's index.
    pub report: usize,
    /// The row in its table.
    pub row: usize,
    /// The column in its table.
    pub column: usize,
    /// What the check found.
    pub kind: CheckKind,
    /// Where it shows in the follow-up.
    pub target: Target,
    /// The check's message in Swedish.
    pub message_sv: String,
    /// The check's message in English.
    pub message_en: String,
}

impl Warning {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_sv, &self.message_en)
    }
}

/// What a note says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// The report's sheet is not open.
    MissingSheet,
    /// The report's table states no unit.
    UnknownUnit,
    /// Nothing decides the report's sign convention.
    UnknownConvention,
    /// A follow-up report without its months.
    UnknownPeriod,
    /// Two reports claim the same period.
    SamePeriod,
    /// The reports are not in the order of their periods.
    OutOfOrder,
    /// Two reports' totals cover different rows.
    TotalScope,
    /// A match the user chose no longer fits the table (dropped).
    DroppedMatch,
    /// No annual report yet: forecast deviations come with the outcome.
    InProgress,
}

/// Something the follow-up cannot compare, said rather than guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What.
    pub kind: NoteKind,
    /// The report it concerns, if one.
    pub report: Option<usize>,
    /// In Swedish.
    pub message_sv: String,
    /// In English.
    pub message_en: String,
}

impl Note {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_sv, &self.message_en)
    }
}

/// The follow-up computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpResult {
    /// The unit of every amount.
    pub unit: Unit,
    /// The convention of every amount.
    pub convention: SignConvention,
    /// The reports, in the follow-up's order.
    pub reports: Vec<ReportInfo>,
    /// The index of the report whose outcome is the year's, if any.
    pub outcome_report: Option<usize>,
    /// The rows.
    pub rows: Vec<ResultRow>,
    /// Per report, the table row of its total.
    pub total_members: Vec<Option<usize>>,
    /// The total.
    pub total: Line,
    /// Rows of the reports in no row of the follow-up.
    pub unmatched: Vec<Unmatched>,
    /// The reports' own inconsistencies.
    pub warnings: Vec<Warning>,
    /// What cannot be compared.
    pub notes: Vec<Note>,
}

impl FollowUpResult {
    /// The warnings shown at a target.
    pub fn warnings_at(&self, target: Target) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(move |w| w.target == target)
    }
}

/// A report's table and how to read its figures.
struct Source<'a> {
    table: &'a Table,
    unit: Unit,
    convention: SignConvention,
    budget: Option<usize>,
    forecast: Option<usize>,
    outcome: Option<usize>,
    stated_variance: Option<usize>,
    kind: ReportKind,
}

impl Source<'_> {
    /// The sum of a column over rows, in the table's unit; blank when no
    /// row has a number (an empty cell adds nothing, as in a total).
    fn sum(&self, rows: &[usize], column: Option<usize>) -> Result<Option<Decimal>, CalcError> {
        let Some(column) = column else {
            return Ok(None);
        };
        let mut sum: Option<Decimal> = None;
        for &r in rows {
            if let Some(v) = self.table.number(r, column) {
                let s = sum.unwrap_or(Decimal::ZERO);
                sum = Some(s.add_exact(v).ok_or(CalcError::Overflow)?);
            }
        }
        Ok(sum)
    }

    /// Into the follow-up's unit.
    fn to_unit(&self, v: Decimal, unit: Unit) -> Result<Decimal, CalcError> {
        // An inexact conversion needs more than 28 decimals: as large a
        // failure as an overflow, and shown the same way.
        convert(v, self.unit, unit).map_err(|_| CalcError::Overflow)
    }

    /// An amount in the follow-up's unit and the net-cost reference.
    fn amount(
        &self,
        rows: &[usize],
        column: Option<usize>,
        budget_like: bool,
        unit: Unit,
    ) -> Result<Option<Decimal>, CalcError> {
        match self.sum(rows, column)? {
            Some(v) => Ok(Some(to_reference(
                self.convention,
                budget_like,
                self.to_unit(v, unit)?,
            ))),
            None => Ok(None),
        }
    }

    /// The rounding tolerance of a sum of shown figures, in the follow-up's unit.
    fn tolerance(&self, rows: &[usize], column: usize, unit: Unit) -> Option<Decimal> {
        let mut t = Decimal::ZERO;
        for &r in rows {
            if let Some(v) = self.table.number(r, column) {
                t = t.add_exact(half_unit(v))?;
            }
        }
        convert(t, self.unit, unit).ok()
    }
}

/// The net-cost reference from a convention (and back: each is its own
/// inverse). Negation cannot overflow a `Decimal`.
fn to_reference(convention: SignConvention, budget_like: bool, v: Decimal) -> Decimal {
    match convention {
        SignConvention::OutcomeMinusBudget => v,
        SignConvention::BudgetMinusOutcome => -v,
        SignConvention::OutcomePlusBudget if budget_like => -v,
        SignConvention::OutcomePlusBudget => v,
    }
}

fn computed(r: Result<Option<Decimal>, CalcError>) -> Computed {
    match r {
        Ok(v) => Computed::from_option(v),
        Err(e) => Computed::Error(e),
    }
}

fn sub(a: Computed, b: Computed) -> Computed {
    a.zip_with(b, |x, y| x.sub_exact(y).ok_or(CalcError::Overflow))
}

/// The columns that give a report's figures, by its kind: a plan's budget
/// is its forecast; a follow-up's budget is the annual one only (its
/// "Budget" is the period's); the annual report's outcome is its forecast.
fn source<'a>(
    table: &'a Table,
    kind: ReportKind,
    unit: Unit,
    convention: SignConvention,
) -> Source<'a> {
    let annual_budget = table.column_of(Role::AnnualBudget);
    let budget = match kind {
        ReportKind::Plan | ReportKind::Annual => annual_budget.or(table.column_of(Role::Budget)),
        ReportKind::FollowUp => annual_budget,
    };
    let outcome = match kind {
        ReportKind::Annual => table.column_of(Role::Outcome),
        _ => None,
    };
    let forecast = match kind {
        ReportKind::Plan => budget,
        ReportKind::FollowUp => table.column_of(Role::Forecast),
        ReportKind::Annual => outcome,
    };
    let stated_variance = match kind {
        ReportKind::FollowUp => table.columns.iter().position(|c| {
            c.role == Role::PreviousForecast
                || (c.role == Role::StatedVariance && names_forecast(&c.heading))
        }),
        _ => None,
    };
    Source {
        table,
        unit,
        convention,
        budget,
        forecast,
        outcome,
        stated_variance,
        kind,
    }
}

fn note(kind: NoteKind, report: Option<usize>, sv: String, en: String) -> Note {
    Note {
        kind,
        report,
        message_sv: sv,
        message_en: en,
    }
}

fn period_sv(kind: ReportKind, months: Option<u8>) -> String {
    match (kind, months) {
        (ReportKind::Plan, _) => "planen".into(),
        (ReportKind::Annual, _) => "helåret".into(),
        (ReportKind::FollowUp, Some(m)) => format!("{m} månader"),
        (ReportKind::FollowUp, None) => "okänd period".into(),
    }
}

fn period_en(kind: ReportKind, months: Option<u8>) -> String {
    match (kind, months) {
        (ReportKind::Plan, _) => "the plan".into(),
        (ReportKind::Annual, _) => "the full year".into(),
        (ReportKind::FollowUp, Some(m)) => format!("{m} months"),
        (ReportKind::FollowUp, None) => "an unknown period".into(),
    }
}

/// Where a report stands in the year: a plan first, then follow-ups by
/// months, the annual report last; `None` for a follow-up of unknown months.
fn rank(kind: ReportKind, months: Option<u8>) -> Option<u16> {
    match kind {
        ReportKind::Plan => Some(0),
        ReportKind::FollowUp => months.map(u16::from),
        ReportKind::Annual => Some(13),
    }
}

/// Computes a follow-up from its settings and the sheets' tables. Pure and
/// cheap (one pass over each table, plus its checks), so that it can run
/// again after every edit.
pub fn compute(follow_up: &FollowUp, sheets: &[SheetTable<'_>]) -> FollowUpResult {
    let unit = follow_up.unit;
    let n = follow_up.reports.len();
    let mut notes: Vec<Note> = Vec::new();
    let mut infos: Vec<ReportInfo> = Vec::with_capacity(n);
    let mut sources: Vec<Option<Source<'_>>> = Vec::with_capacity(n);
    let mut tables: Vec<Option<&Table>> = Vec::with_capacity(n);

    for (i, report) in follow_up.reports.iter().enumerate() {
        let sheet = sheets.iter().find(|s| s.id == report.sheet);
        let number = i + 1;
        let mut info = ReportInfo {
            sheet: report.sheet,
            name: sheet.map(|s| s.name.to_string()).unwrap_or_default(),
            kind: report.kind,
            months: report.months,
            unit: None,
            convention: None,
            usable: false,
            comparable: false,
        };
        tables.push(sheet.map(|s| s.table));
        let Some(sheet) = sheet else {
            notes.push(note(
                NoteKind::MissingSheet,
                Some(i),
                format!("Rapport {number}: bladet finns inte längre."),
                format!("Report {number}: its sheet is no longer open."),
            ));
            infos.push(info);
            sources.push(None);
            continue;
        };
        let table = sheet.table;
        info.unit = table.unit;
        let convention = match report.convention {
            Some(c) => Some(c),
            None => {
                let detected = effective_convention(table);
                (detected.basis != Basis::Default).then_some(detected.convention)
            }
        };
        info.convention = convention;
        if table.unit.is_none() {
            notes.push(note(
                NoteKind::UnknownUnit,
                Some(i),
                format!(
                    "Rapport {number} ({}): tabellens enhet är okänd, så dess belopp kan inte jämföras. Ange enheten i bladet.",
                    sheet.name
                ),
                format!(
                    "Report {number} ({}): the table's unit is unknown, so its amounts cannot be compared. Set the unit in the sheet.",
                    sheet.name
                ),
            ));
        }
        if convention.is_none() {
            notes.push(note(
                NoteKind::UnknownConvention,
                Some(i),
                format!(
                    "Rapport {number} ({}): inget i tabellen avgör teckenregeln, så dess belopp kan inte jämföras. Välj teckenregel.",
                    sheet.name
                ),
                format!(
                    "Report {number} ({}): nothing in the table decides its sign convention, so its amounts cannot be compared. Choose one.",
                    sheet.name
                ),
            ));
        }
        if report.kind == ReportKind::FollowUp && report.months.is_none() {
            notes.push(note(
                NoteKind::UnknownPeriod,
                Some(i),
                format!(
                    "Rapport {number} ({}): vilka månader uppföljningen avser är inte angivet.",
                    sheet.name
                ),
                format!(
                    "Report {number} ({}): the months the follow-up covers are not set.",
                    sheet.name
                ),
            ));
        }
        match (table.unit, convention) {
            (Some(u), Some(c)) => {
                info.usable = true;
                info.comparable = true;
                sources.push(Some(source(table, report.kind, u, c)));
            }
            _ => sources.push(None),
        }
        infos.push(info);
    }

    // Two reports claiming the same period are not compared with anything.
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (&follow_up.reports[i], &follow_up.reports[j]);
            let same = a.kind == b.kind
                && match a.kind {
                    ReportKind::FollowUp => a.months.is_some() && a.months == b.months,
                    _ => true,
                };
            if same {
                for k in [i, j] {
                    if let Some(info) = infos.get_mut(k) {
                        info.comparable = false;
                    }
                }
                let period_sv = period_sv(a.kind, a.months);
                let period_en = period_en(a.kind, a.months);
                notes.push(note(
                    NoteKind::SamePeriod,
                    Some(j),
                    format!(
                        "Rapport {} och {} avser samma period ({period_sv}): ingen av dem jämförs. Ändra period eller ta bort den ena.",
                        i + 1,
                        j + 1
                    ),
                    format!(
                        "Reports {} and {} claim the same period ({period_en}): neither is compared. Change a period or remove one.",
                        i + 1,
                        j + 1
                    ),
                ));
            }
        }
    }
    let ranks: Vec<Option<u16>> = follow_up
        .reports
        .iter()
        .map(|r| rank(r.kind, r.months))
        .collect();
    let known: Vec<u16> = ranks.iter().flatten().copied().collect();
    if known.windows(2).any(|w| w[0] > w[1]) {
        notes.push(note(
            NoteKind::OutOfOrder,
            None,
            "Rapporterna står inte i årets ordning; förändringar räknas mot rapporten före i listan.".into(),
            "The reports are not in the order of the year; changes are against the report before in the list.".into(),
        ));
    }
    let outcome_report =
        (0..n).find(|&i| follow_up.reports[i].kind == ReportKind::Annual && infos[i].comparable);
    if !follow_up
        .reports
        .iter()
        .any(|r| r.kind == ReportKind::Annual)
    {
        notes.push(note(
            NoteKind::InProgress,
            None,
            "Ingen årsredovisning ännu: prognosavvikelserna visas när utfallet finns.".into(),
            "No annual report yet: forecast deviations appear when the outcome arrives.".into(),
        ));
    }

    // Matching, with the budgets that confirm a group.
    let report_rows: Vec<ReportRows> = follow_up
        .reports
        .iter()
        .enumerate()
        .map(|(i, report)| {
            let Some(table) = tables[i] else {
                return ReportRows {
                    sheet: report.sheet,
                    rows: Vec::new(),
                };
            };
            let src = sources[i].as_ref();
            let rows = table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| row.kind != RowKind::Heading)
                .map(|(r, row)| Candidate {
                    row: r,
                    label: table.label(r).to_string(),
                    kind: row.kind,
                    budget: src.and_then(|s| {
                        let v = s.amount(&[r], s.budget, true, unit).ok()??;
                        let t = s.tolerance(&[r], s.budget?, unit)?;
                        Some((v, t))
                    }),
                })
                .collect();
            ReportRows {
                sheet: report.sheet,
                rows,
            }
        })
        .collect();
    let matching = match_rows(&report_rows, &follow_up.matches);
    for &d in &matching.dropped {
        notes.push(note(
            NoteKind::DroppedMatch,
            None,
            format!(
                "Matchning {} gäller inte längre: raderna har ändrats.",
                d + 1
            ),
            format!("Match {} no longer applies: its rows have changed.", d + 1),
        ));
    }

    let ctx = Ctx {
        follow_up,
        sources: &sources,
        infos: &infos,
        outcome_report,
    };
    let rows: Vec<ResultRow> = matching
        .rows
        .iter()
        .map(|m| ResultRow {
            label: m.label.clone(),
            members: m.members.clone(),
            line: ctx.line(&m.members, &|_, _| true),
        })
        .collect();

    // The total: each report's stated total, compared only between reports
    // whose totals cover the same rows.
    let scopes: Vec<Option<BTreeSet<usize>>> = (0..n)
        .map(|i| scope(i, &matching.rows, &matching.unmatched, tables[i]))
        .collect();
    let total_members: Vec<Vec<usize>> = matching
        .totals
        .iter()
        .map(|t| t.iter().copied().collect())
        .collect();
    let same_scope = |a: usize, b: usize| match (scopes.get(a), scopes.get(b)) {
        (Some(Some(x)), Some(Some(y))) => x == y,
        _ => false,
    };
    let total = ctx.line(&total_members, &same_scope);
    let with_total: Vec<usize> = (0..n)
        .filter(|&i| infos[i].comparable && matching.totals[i].is_some())
        .collect();
    if with_total.windows(2).any(|w| !same_scope(w[0], w[1]))
        || outcome_report.is_some_and(|o| with_total.iter().any(|&i| !same_scope(i, o)))
    {
        notes.push(note(
            NoteKind::TotalScope,
            None,
            "Rapporternas totaler omfattar olika rader (rader utan motsvarighet eller med olika indelning), så de jämförs inte.".into(),
            "The reports' totals cover different rows (rows without a counterpart or split differently), so they are not compared.".into(),
        ));
    }

    // Warnings: each report's checks, where they show.
    let mut warnings = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        let Some(table) = table else { continue };
        for check in check_table(table) {
            let target = if matching.totals.get(i) == Some(&Some(check.row)) {
                Target::Total
            } else if let Some(k) = matching
                .rows
                .iter()
                .position(|m| m.members.get(i).is_some_and(|ms| ms.contains(&check.row)))
            {
                Target::Row(k)
            } else {
                Target::Unmatched
            };
            warnings.push(Warning {
                report: i,
                row: check.row,
                column: check.column,
                kind: check.kind,
                target,
                message_sv: check.message_sv,
                message_en: check.message_en,
            });
        }
    }

    FollowUpResult {
        unit,
        convention: follow_up.convention,
        reports: infos,
        outcome_report,
        rows,
        total_members: matching.totals,
        total,
        unmatched: matching.unmatched,
        warnings,
        notes,
    }
}

/// The follow-up rows a report's total covers: the rows it has a non-zero
/// figure in; `None` when a top-level row with a non-zero figure matched
/// nothing (the total then covers something the follow-up does not show).
fn scope(
    report: usize,
    rows: &[super::matching::MatchedRow],
    unmatched: &[Unmatched],
    table: Option<&Table>,
) -> Option<BTreeSet<usize>> {
    let table = table?;
    let nonzero = |r: usize| {
        table.rows.get(r).is_some_and(|row| {
            row.cells.iter().zip(&table.columns).any(|(c, col)| {
                col.role.is_amount() && matches!(c, Cell::Number(v) if !v.is_zero())
            })
        })
    };
    let level0 = |r: usize| table.rows.get(r).is_some_and(|row| row.level == 0);
    if unmatched
        .iter()
        .any(|u| u.report == report && level0(u.row) && nonzero(u.row))
    {
        return None;
    }
    Some(
        rows.iter()
            .enumerate()
            .filter(|(_, m)| {
                m.members
                    .get(report)
                    .is_some_and(|ms| ms.iter().any(|&r| level0(r) && nonzero(r)))
            })
            .map(|(k, _)| k)
            .collect(),
    )
}

struct Ctx<'a, 'b> {
    follow_up: &'a FollowUp,
    sources: &'a [Option<Source<'b>>],
    infos: &'a [ReportInfo],
    outcome_report: Option<usize>,
}

impl Ctx<'_, '_> {
    /// One line: `members` per report; `comparable(a, b)` says whether two
    /// reports' figures on this line may be compared (for the total: the
    /// same scope).
    fn line(&self, members: &[Vec<usize>], comparable: &dyn Fn(usize, usize) -> bool) -> Line {
        let unit = self.follow_up.unit;
        let target = self.follow_up.convention;
        let n = self.infos.len();
        let mut budget_ref = vec![Computed::Blank; n];
        let mut forecast_ref = vec![Computed::Blank; n];
        let mut variances = vec![Computed::Blank; n];
        let mut outcome_ref = Computed::Blank;
        for i in 0..n {
            let (Some(Some(src)), Some(rows)) = (self.sources.get(i), members.get(i)) else {
                continue;
            };
            if rows.is_empty() {
                continue;
            }
            budget_ref[i] = computed(src.amount(rows, src.budget, true, unit));
            // A plan's forecast is its budget: read as a budget, then shown
            // as a forecast.
            let forecast_is_budget = src.kind == ReportKind::Plan;
            forecast_ref[i] = computed(src.amount(rows, src.forecast, forecast_is_budget, unit));
            if Some(i) == self.outcome_report {
                outcome_ref = computed(src.amount(rows, src.outcome, false, unit));
            }
            variances[i] = match src.kind {
                ReportKind::Plan => Computed::Blank,
                _ => {
                    let derived = sub(forecast_ref[i], budget_ref[i]);
                    if derived.is_blank() {
                        // A stated deviation is the same in every convention;
                        // only its unit changes.
                        computed(
                            src.sum(rows, src.stated_variance)
                                .and_then(|v| v.map(|v| src.to_unit(v, unit)).transpose()),
                        )
                    } else {
                        derived
                    }
                }
            };
        }
        let shown = |v: Computed, budget_like: bool| match v {
            Computed::Value(d) => Computed::Value(to_reference(target, budget_like, d)),
            other => other,
        };
        let budgets: Vec<Computed> = budget_ref.iter().map(|v| shown(*v, true)).collect();
        let forecasts: Vec<Computed> = forecast_ref.iter().map(|v| shown(*v, false)).collect();
        let changes = |values: &[Computed]| -> Vec<Computed> {
            let mut out = vec![Computed::Blank; n];
            let mut previous: Option<usize> = None;
            for i in 0..n {
                if !self.infos[i].comparable || values[i].is_blank() {
                    continue;
                }
                if let Some(p) = previous {
                    if comparable(p, i) {
                        out[i] = sub(values[i], values[p]);
                    }
                }
                previous = Some(i);
            }
            out
        };
        let budget_changes = changes(&budgets);
        let forecast_changes = changes(&forecasts);

        let mut deviations = vec![Deviation::default(); n];
        let mut accuracy = Accuracy::default();
        if let Some(o) = self.outcome_report {
            let base = budget_ref[o];
            let mut sum_abs = Decimal::ZERO;
            let mut sum_abs_pct = Decimal::ZERO;
            let mut count = 0u32;
            let mut pct_count = 0u32;
            let mut failed: Option<CalcError> = None;
            for i in 0..n {
                if i == o
                    || !self.infos[i].comparable
                    || self.follow_up.reports[i].kind == ReportKind::Annual
                    || !comparable(i, o)
                {
                    continue;
                }
                let value = sub(outcome_ref, forecast_ref[i]);
                let percent = value.zip_with(base, |v, b| match percent_of(v, b) {
                    Ok(Some(p)) => Ok(p),
                    // A zero budget: blank, as a status mark would be.
                    Ok(None) => Err(CalcError::DivisionByZero),
                    Err(e) => Err(e),
                });
                let percent = match percent {
                    Computed::Error(CalcError::DivisionByZero) => Computed::Blank,
                    p => p,
                };
                deviations[i] = Deviation { value, percent };
                if let Computed::Error(e) = value {
                    failed = Some(e);
                }
                if let Computed::Value(v) = value {
                    match sum_abs.add_exact(v.abs()) {
                        Some(s) => sum_abs = s,
                        None => failed = Some(CalcError::Overflow),
                    }
                    count += 1;
                    let within = match percent {
                        Computed::Value(p) => p.abs() <= self.follow_up.status.met_within,
                        _ => v.is_zero(),
                    };
                    if within && accuracy.first_within.is_none() {
                        accuracy.first_within = Some(i);
                    }
                }
                if let Computed::Value(p) = percent {
                    match sum_abs_pct.add_exact(p.abs()) {
                        Some(s) => sum_abs_pct = s,
                        None => failed = Some(CalcError::Overflow),
                    }
                    pct_count += 1;
                }
            }
            let mean = |sum: Decimal, count: u32| {
                if count == 0 {
                    Computed::Blank
                } else {
                    Computed::from_option(sum.div_exact(Decimal::from(count)))
                }
            };
            accuracy.mean_absolute = match failed {
                Some(e) => Computed::Error(e),
                None => mean(sum_abs, count),
            };
            accuracy.mean_absolute_percent = match failed {
                Some(e) => Computed::Error(e),
                None => mean(sum_abs_pct, pct_count),
            };
        }
        Line {
            budgets,
            budget_changes,
            forecasts,
            forecast_changes,
            forecast_variances: variances,
            outcome: shown(outcome_ref, false),
            deviations,
            accuracy,
        }
    }
}
