//! The calculation engine: deviations, forecasts, year-over-year changes,
//! investment follow-up, status marks and totals, with exact decimals.
//!
//! Every figure is a [`Computed`]: a value, a blank (an input is missing, or
//! a percentage has a zero base) or a visible [`CalcError`] (overflow,
//! division by zero). Arithmetic is checked everywhere; nothing panics and
//! nothing silently becomes zero. Divisions keep [`Decimal`]'s full 28
//! digits: rounding happens only when a value is displayed
//! ([`crate::display`]).
//!
//! [`compute`] computes a whole table; [`IncrementalCalc`] keeps the results
//! and adjusts them when cells change, by recomputing the changed rows and
//! moving each total by the difference. Both give identical [`Results`].
//!
//! # The rules
//!
//! - Deviations follow the table's sign convention
//!   ([`crate::convention::effective_convention`]):
//!   outcome − budget, budget − outcome or outcome + budget ([`deviation`]).
//! - The budget deviation uses the `budget` column, or the `annual_budget`
//!   column when the table has no `budget` column (a full-year table).
//! - Percentages are `deviation / |base| × 100` ([`percent_of`]), blank on a
//!   zero or missing base.
//! - The forecast follows the method of the row, the table or the default
//!   ([`ForecastBasis`]); its deviation is against the annual budget, and its
//!   change is against the `previous_forecast` column, which holds the
//!   previous report's forecast deviation.
//! - Investment follow-up compares the forecast (or the outcome where there
//!   is no forecast) with the annual budget and the total project budget, in
//!   the table's convention (investment tables are detected as gross).
//! - Only `item` rows are computed from their cells. A subtotal or total row
//!   shows the aggregate of the rows it closes (its pasted figures are
//!   checked by [`crate::checks`], never used), a heading row nothing.
//! - Totals add the top-level `item` rows ("varav" children, level 1, are
//!   part of their parent and never added twice). Additive figures are
//!   summed; percentages of a total are the summed deviation over the summed
//!   bases of the same rows; the status follows from that.

mod engine;
mod sum;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::convention::Detected;
use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::{SignConvention, StatusThresholds, Table};

pub(crate) use engine::section_start;
pub use engine::IncrementalCalc;

pub use crate::arith::{deviation, mul_div, percent_of, CalcError};

/// One computed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Computed {
    /// Nothing to show: an input is missing, or a percentage has a zero base.
    #[default]
    Blank,
    /// The exact value.
    Value(Decimal),
    /// The figure could not be computed; shown as an error in its cell.
    Error(CalcError),
}

impl Computed {
    /// The value, if there is one.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Computed::Value(d) => Some(d),
            Computed::Blank | Computed::Error(_) => None,
        }
    }

    /// The error, if there is one.
    pub fn error(self) -> Option<CalcError> {
        match self {
            Computed::Error(e) => Some(e),
            Computed::Blank | Computed::Value(_) => None,
        }
    }

    /// Whether there is nothing.
    pub fn is_blank(self) -> bool {
        matches!(self, Computed::Blank)
    }

    /// A value from an optional number: `None` is blank.
    pub fn from_option(value: Option<Decimal>) -> Computed {
        value.map_or(Computed::Blank, Computed::Value)
    }

    /// A value or an error from a result.
    pub fn from_result(result: Result<Decimal, CalcError>) -> Computed {
        match result {
            Ok(d) => Computed::Value(d),
            Err(e) => Computed::Error(e),
        }
    }

    /// Combines two figures: an error in either is the result, a blank in
    /// either gives a blank, otherwise `f` of both values.
    pub fn zip_with(
        self,
        other: Computed,
        f: impl FnOnce(Decimal, Decimal) -> Result<Decimal, CalcError>,
    ) -> Computed {
        match (self, other) {
            (Computed::Error(e), _) | (_, Computed::Error(e)) => Computed::Error(e),
            (Computed::Value(a), Computed::Value(b)) => Computed::from_result(f(a, b)),
            _ => Computed::Blank,
        }
    }
}

/// The status mark of a row or total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// ● Met: favourable, or unfavourable by at most
    /// [`StatusThresholds::met_within`] percent.
    Met,
    /// ◆ A small, acceptable deviation: unfavourable by at most
    /// [`StatusThresholds::acceptable_within`] percent.
    Acceptable,
    /// ■ A large negative deviation.
    Large,
}

impl Status {
    /// The mark: ●, ◆ or ■.
    pub fn symbol(self) -> char {
        match self {
            Status::Met => '●',
            Status::Acceptable => '◆',
            Status::Large => '■',
        }
    }

    /// What the mark means.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Status::Met => lang.pick("uppfyllt", "met"),
            Status::Acceptable => lang.pick("mindre avvikelse", "small deviation"),
            Status::Large => lang.pick("stor negativ avvikelse", "large negative deviation"),
        }
    }
}

/// How a row's forecast was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastBasis {
    /// outcome × 12 / months.
    RunRate,
    /// outcome + (annual budget − accumulated budget).
    RemainingBudget,
    /// outcome × annual budget / accumulated budget.
    Seasonal,
    /// The forecast column.
    Manual,
    /// The outcome itself: the table covers the whole year (12 months).
    FullYearOutcome,
}

/// Everything computed for one row (or for a total: see [`Totals`]). The
/// field names are the stable ones used in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowResult {
    /// Budget deviation: outcome against the budget (or the annual budget in
    /// a table without a budget column), by the sign convention.
    pub variance: Computed,
    /// The budget deviation in percent of |budget|; blank on a zero budget.
    pub variance_pct: Computed,
    /// What is left of the annual budget after a part-year outcome (months
    /// 1–11 known): annual budget − outcome ("Återstår"). A part-year
    /// outcome is not compared with the annual budget as a deviation.
    pub remaining: Computed,
    /// The full-year forecast.
    pub forecast: Computed,
    /// How the forecast was made; `None` when there is none.
    pub forecast_basis: Option<ForecastBasis>,
    /// Forecast deviation: the forecast against the annual budget.
    pub forecast_variance: Computed,
    /// The forecast deviation in percent of |annual budget|.
    pub forecast_variance_pct: Computed,
    /// The forecast deviation minus the previous report's
    /// (`previous_forecast` column).
    pub forecast_change: Computed,
    /// Outcome minus prior-year outcome.
    pub yoy_change: Computed,
    /// The year-over-year change in percent of |prior-year outcome|.
    pub yoy_pct: Computed,
    /// Investment follow-up: the forecast (or the outcome where there is no
    /// forecast) against the annual budget.
    pub investment_variance: Computed,
    /// The forecast (or outcome) against the total project budget.
    pub total_budget_variance: Computed,
    /// The status mark, from the forecast deviation when there is one, else
    /// from the budget deviation.
    pub status: Option<Status>,
}

/// A computed figure of a [`RowResult`], by its stable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// [`RowResult::variance`].
    Variance,
    /// [`RowResult::variance_pct`].
    VariancePct,
    /// [`RowResult::remaining`].
    Remaining,
    /// [`RowResult::forecast`].
    Forecast,
    /// [`RowResult::forecast_variance`].
    ForecastVariance,
    /// [`RowResult::forecast_variance_pct`].
    ForecastVariancePct,
    /// [`RowResult::forecast_change`].
    ForecastChange,
    /// [`RowResult::yoy_change`].
    YoyChange,
    /// [`RowResult::yoy_pct`].
    YoyPct,
    /// [`RowResult::investment_variance`].
    InvestmentVariance,
    /// [`RowResult::total_budget_variance`].
    TotalBudgetVariance,
}

impl Figure {
    /// Every figure, in the order a table shows them.
    pub const ALL: [Figure; 11] = [
        Figure::Variance,
        Figure::VariancePct,
        Figure::Remaining,
        Figure::Forecast,
        Figure::ForecastVariance,
        Figure::ForecastVariancePct,
        Figure::ForecastChange,
        Figure::YoyChange,
        Figure::YoyPct,
        Figure::InvestmentVariance,
        Figure::TotalBudgetVariance,
    ];

    /// The stable name, the field name of [`RowResult`]: `variance_pct`.
    pub fn key(self) -> &'static str {
        match self {
            Figure::Variance => "variance",
            Figure::VariancePct => "variance_pct",
            Figure::Remaining => "remaining",
            Figure::Forecast => "forecast",
            Figure::ForecastVariance => "forecast_variance",
            Figure::ForecastVariancePct => "forecast_variance_pct",
            Figure::ForecastChange => "forecast_change",
            Figure::YoyChange => "yoy_change",
            Figure::YoyPct => "yoy_pct",
            Figure::InvestmentVariance => "investment_variance",
            Figure::TotalBudgetVariance => "total_budget_variance",
        }
    }

    /// Whether the figure is a percentage (not an amount in the table's unit).
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            Figure::VariancePct | Figure::ForecastVariancePct | Figure::YoyPct
        )
    }

    /// The name a user sees.
    pub fn name(self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            Figure::Variance => ("Budgetavvikelse", "Budget deviation"),
            Figure::VariancePct => ("Budgetavvikelse %", "Budget deviation %"),
            Figure::Remaining => ("Återstår av årsbudget", "Left of annual budget"),
            Figure::Forecast => ("Prognos", "Forecast"),
            Figure::ForecastVariance => ("Prognosavvikelse", "Forecast deviation"),
            Figure::ForecastVariancePct => ("Prognosavvikelse %", "Forecast deviation %"),
            Figure::ForecastChange => ("Prognosförändring", "Forecast change"),
            Figure::YoyChange => ("Förändring mot föregående år", "Change on prior year"),
            Figure::YoyPct => ("Förändring %", "Change %"),
            Figure::InvestmentVariance => {
                ("Avvikelse mot årsbudget", "Deviation from annual budget")
            }
            Figure::TotalBudgetVariance => (
                "Avvikelse mot total projektbudget",
                "Deviation from total project budget",
            ),
        };
        lang.pick(sv, en)
    }
}

impl RowResult {
    /// One figure by name.
    pub fn figure(&self, figure: Figure) -> Computed {
        match figure {
            Figure::Variance => self.variance,
            Figure::VariancePct => self.variance_pct,
            Figure::Remaining => self.remaining,
            Figure::Forecast => self.forecast,
            Figure::ForecastVariance => self.forecast_variance,
            Figure::ForecastVariancePct => self.forecast_variance_pct,
            Figure::ForecastChange => self.forecast_change,
            Figure::YoyChange => self.yoy_change,
            Figure::YoyPct => self.yoy_pct,
            Figure::InvestmentVariance => self.investment_variance,
            Figure::TotalBudgetVariance => self.total_budget_variance,
        }
    }
}

/// The computed totals of a set of rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    /// One entry per table column: the sum of an amount column (every
    /// numeric role but `stated_percent`), blank for the others.
    pub columns: Vec<Computed>,
    /// The totals of the computed figures.
    pub computed: RowResult,
}

/// The computed totals of the rows a pasted subtotal or total row closes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowTotals {
    /// The subtotal or total row.
    pub row: usize,
    /// What its rows add up to (computed, never the pasted figures).
    pub totals: Totals,
}

/// Everything computed for a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The sign convention used, and how it was decided.
    pub detected: Detected,
    /// One entry per table row: computed from the cells for an `item` row;
    /// the aggregate of the rows it closes for a subtotal or total row; all
    /// blank for a heading.
    pub rows: Vec<RowResult>,
    /// For every subtotal and total row, in row order, what its rows add up to.
    pub sums: Vec<RowTotals>,
    /// The table's computed totals: every top-level `item` row.
    pub totals: Totals,
}

impl Results {
    /// The sign convention used.
    pub fn convention(&self) -> SignConvention {
        self.detected.convention
    }

    /// The computed sums of a subtotal or total row.
    pub fn sum_of(&self, row: usize) -> Option<&Totals> {
        self.sums
            .binary_search_by_key(&row, |s| s.row)
            .ok()
            .and_then(|i| self.sums.get(i))
            .map(|s| &s.totals)
    }
}

/// Computes a whole table from scratch.
pub fn compute(table: &Table) -> Results {
    IncrementalCalc::new(table).into_results()
}

// ---------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------

/// Run rate: `outcome × 12 / months`.
pub fn run_rate(outcome: Decimal, months: u8) -> Result<Decimal, CalcError> {
    mul_div(outcome, Decimal::from(12u8), Decimal::from(months))
}

/// The remaining budget holds: `outcome + (annual − accumulated)`.
pub fn remaining_budget(
    outcome: Decimal,
    annual: Decimal,
    accumulated: Decimal,
) -> Result<Decimal, CalcError> {
    annual
        .sub_exact(accumulated)
        .and_then(|rest| outcome.add_exact(rest))
        .ok_or(CalcError::Overflow)
}

/// Seasonal profile: `outcome × annual / accumulated`.
pub fn seasonal(
    outcome: Decimal,
    annual: Decimal,
    accumulated: Decimal,
) -> Result<Decimal, CalcError> {
    mul_div(outcome, annual, accumulated)
}

/// The status of a deviation and its percentage.
///
/// A favourable (zero or positive) deviation is met. An unfavourable one is
/// judged on its percentage: within `met_within` met, within
/// `acceptable_within` acceptable, else large. An unfavourable deviation on
/// a zero base (no percentage) is large.
pub fn status_of(
    deviation: Decimal,
    percent: Option<Decimal>,
    thresholds: &StatusThresholds,
) -> Status {
    if !deviation.is_sign_negative() || deviation.is_zero() {
        return Status::Met;
    }
    match percent {
        Some(p) => {
            let shortfall = p.abs();
            if shortfall <= thresholds.met_within {
                Status::Met
            } else if shortfall <= thresholds.acceptable_within {
                Status::Acceptable
            } else {
                Status::Large
            }
        }
        None => Status::Large,
    }
}

/// The percentage figure of a deviation over a base.
pub(crate) fn percent_figure(deviation: Computed, base: Computed) -> Computed {
    match (deviation, base) {
        (Computed::Error(e), _) | (_, Computed::Error(e)) => Computed::Error(e),
        (Computed::Value(v), Computed::Value(b)) => match percent_of(v, b) {
            Ok(Some(p)) => Computed::Value(p),
            Ok(None) => Computed::Blank,
            Err(e) => Computed::Error(e),
        },
        _ => Computed::Blank,
    }
}

/// The status from the forecast deviation when there is one, else from the
/// budget deviation; `None` when the one it uses is not a value (a forecast
/// that could not be computed leaves the status unknown).
pub(crate) fn status_figure(result: &RowResult, thresholds: &StatusThresholds) -> Option<Status> {
    let (dev, pct) = match result.forecast_variance {
        Computed::Value(fv) => (fv, result.forecast_variance_pct),
        Computed::Error(_) => return None,
        Computed::Blank => (result.variance.value()?, result.variance_pct),
    };
    match pct {
        Computed::Error(_) => None,
        Computed::Value(p) => Some(status_of(dev, Some(p), thresholds)),
        Computed::Blank => Some(status_of(dev, None, thresholds)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("test decimal")
    }

    #[test]
    fn deviations_by_convention() {
        use SignConvention::*;
        // (convention, actual, budget, expected)
        let cases = [
            (OutcomeMinusBudget, "-297.2", "-305.0", "7.8"),
            (BudgetMinusOutcome, "40.0", "35.9", "-4.1"),
            (OutcomePlusBudget, "-95.0", "100.0", "5.0"),
            (OutcomeMinusBudget, "0", "0.0", "0.0"),
            (BudgetMinusOutcome, "895", "1440", "545"),
        ];
        for (c, a, b, e) in cases {
            let got = deviation(c, d(a), d(b)).expect("fits");
            assert_eq!(got, d(e), "{c:?} {a} {b}");
            assert_eq!(got.scale(), d(e).scale(), "{c:?} {a} {b}");
        }
        assert_eq!(
            deviation(OutcomeMinusBudget, Decimal::MAX, Decimal::MIN),
            Err(CalcError::Overflow)
        );
        assert_eq!(
            deviation(OutcomePlusBudget, Decimal::MAX, Decimal::ONE),
            Err(CalcError::Overflow)
        );
    }

    #[test]
    fn percentages_keep_full_precision_and_blank_on_zero() {
        // (value, base, expected)
        let cases = [
            ("7.8", "-305.0", Some("2.5573770491803278688524590164")),
            ("-0.5", "39.1", Some("-1.2787723785166240409207161125")),
            ("50", "-100", Some("50")),
            ("1", "3", Some("33.333333333333333333333333333")),
            ("5", "0", None),
            ("5", "0.00", None),
        ];
        for (v, b, e) in cases {
            let got = percent_of(d(v), d(b)).expect("no error");
            assert_eq!(got, e.map(d), "{v} / {b}");
        }
        assert_eq!(
            percent_of(Decimal::MAX, d("0.001")),
            Err(CalcError::Overflow)
        );
        // Too large to multiply first, fine to divide first.
        assert_eq!(
            percent_of(Decimal::MAX, d("1000")),
            Ok(Some(Decimal::MAX / d("10")))
        );
    }

    #[test]
    fn forecast_formulas() {
        assert_eq!(run_rate(d("-100.0"), 4), Ok(d("-300")));
        assert_eq!(
            run_rate(d("10"), 7).map(|x| x.round_dp(6)),
            Ok(d("17.142857"))
        );
        assert_eq!(run_rate(d("10"), 0), Err(CalcError::DivisionByZero));
        assert_eq!(run_rate(Decimal::MAX, 1), Err(CalcError::Overflow));
        assert_eq!(
            remaining_budget(d("-142.1"), d("-272.5"), d("-178.2")),
            Ok(d("-236.4"))
        );
        assert_eq!(seasonal(d("-50"), d("-300"), d("-100")), Ok(d("-150")));
        assert_eq!(
            seasonal(d("-50"), d("-300"), d("0.0")),
            Err(CalcError::DivisionByZero)
        );
    }

    #[test]
    fn status_marks_by_threshold() {
        let t = StatusThresholds::default(); // 1 % and 5 %
                                             // (deviation, percent, expected)
        let cases = [
            ("7.8", Some("2.6"), Status::Met),
            ("0", Some("0"), Status::Met),
            ("-0.5", Some("-1.0"), Status::Met),
            ("-0.5", Some("-1.3"), Status::Acceptable),
            ("-2", Some("-5"), Status::Acceptable),
            ("-2", Some("-5.01"), Status::Large),
            ("3", None, Status::Met),
            ("-3", None, Status::Large),
        ];
        for (dev, pct, e) in cases {
            assert_eq!(status_of(d(dev), pct.map(d), &t), e, "{dev} {pct:?}");
        }
        assert_eq!(Status::Met.symbol(), '●');
        assert_eq!(Status::Acceptable.symbol(), '◆');
        assert_eq!(Status::Large.symbol(), '■');
    }

    #[test]
    fn zip_with_prefers_errors_then_blanks() {
        let v = Computed::Value(Decimal::ONE);
        let e = Computed::Error(CalcError::Overflow);
        let add = |a: Decimal, b: Decimal| a.checked_add(b).ok_or(CalcError::Overflow);
        assert_eq!(v.zip_with(v, add), Computed::Value(Decimal::TWO));
        assert_eq!(v.zip_with(Computed::Blank, add), Computed::Blank);
        assert_eq!(Computed::Blank.zip_with(e, add), e);
        assert_eq!(e.zip_with(v, add), e);
    }

    #[test]
    fn messages_differ_by_language() {
        for e in [CalcError::Overflow, CalcError::DivisionByZero] {
            assert_ne!(e.message(Lang::Sv), e.message(Lang::En));
        }
        for s in [Status::Met, Status::Acceptable, Status::Large] {
            assert_ne!(s.name(Lang::Sv), s.name(Lang::En));
        }
    }
}
