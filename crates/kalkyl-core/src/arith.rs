//! Exact, checked arithmetic shared by the calculations, the sign
//! conventions and the checks: an overflow or a division by zero is a
//! [`CalcError`], never a panic or a wrong figure.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::SignConvention;

/// Why a figure could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalcError {
    /// The result is larger than a [`Decimal`] holds (about 7.9 × 10^28).
    Overflow,
    /// The formula divides by zero (a run rate after 0 months, a seasonal
    /// forecast on a zero accumulated budget).
    DivisionByZero,
}

impl CalcError {
    /// The message for the user.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            CalcError::Overflow => lang.pick(
                "talet blir för stort för att räknas exakt",
                "the number is too large to compute exactly",
            ),
            CalcError::DivisionByZero => lang.pick(
                "division med noll (underlaget är noll)",
                "division by zero (the base is zero)",
            ),
        }
    }
}

impl std::fmt::Display for CalcError {
    /// Writes the English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for CalcError {}

/// One hundred.
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A deviation by the sign convention: `actual` is the outcome (or forecast),
/// `budget` the budget it is compared with.
pub fn deviation(
    convention: SignConvention,
    actual: Decimal,
    budget: Decimal,
) -> Result<Decimal, CalcError> {
    match convention {
        SignConvention::OutcomeMinusBudget => actual.sub_exact(budget),
        SignConvention::BudgetMinusOutcome => budget.sub_exact(actual),
        SignConvention::OutcomePlusBudget => actual.add_exact(budget),
    }
    .ok_or(CalcError::Overflow)
}

/// `a × b / c` with full precision: multiplies first, and divides first only
/// when the product alone would overflow. A zero `c` is a division by zero.
pub fn mul_div(a: Decimal, b: Decimal, c: Decimal) -> Result<Decimal, CalcError> {
    if c.is_zero() {
        return Err(CalcError::DivisionByZero);
    }
    a.mul_exact(b)
        .and_then(|p| p.div_exact(c))
        .or_else(|| a.div_exact(c).and_then(|q| q.mul_exact(b)))
        .ok_or(CalcError::Overflow)
}

/// `value / |base| × 100`; `Ok(None)` (blank) on a zero base.
pub fn percent_of(value: Decimal, base: Decimal) -> Result<Option<Decimal>, CalcError> {
    if base.is_zero() {
        return Ok(None);
    }
    mul_div(value, HUNDRED, base.abs()).map(Some)
}
