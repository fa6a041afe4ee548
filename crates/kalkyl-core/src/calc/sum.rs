//! An exact, order-independent running sum of [`Computed`] values that can
//! take values out again: the building block of totals that are adjusted by
//! the difference when one cell changes.
//!
//! The sum keeps, for every scale that occurs, the sum of the mantissas of
//! the values with that scale (an `i128`) and how many there are. Adding and
//! removing are integer operations, so a sum that had a value added and
//! removed again is exactly the sum it was before, and the state depends only
//! on the values in it, never on the order they came in. That is what makes
//! an incrementally kept total equal to a total recomputed from scratch.
//!
//! Mantissa sums use wrapping `i128` arithmetic on purpose: a mantissa is
//! below 2^96, so the true sum of fewer than 2^31 values always fits an
//! `i128`, and wrapping arithmetic (exact modulo 2^128) then gives exactly
//! that true sum whatever the intermediate states were. No table has 2^31
//! rows. Only [`ExactSum::total`] turns the parts into a [`Decimal`], with
//! checked arithmetic: a total that does not fit is
//! [`CalcError::Overflow`].

use rust_decimal::Decimal;

use super::{CalcError, Computed};
use crate::exact::Exact;

/// The mantissas of the values of one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    scale: u32,
    count: u32,
    mantissa: i128,
}

/// An exact running sum of values, blanks and errors (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExactSum {
    /// One part per scale present, sorted by scale.
    parts: Vec<Part>,
    /// How many values are in the sum.
    values: u32,
    /// How many overflow errors are in the sum.
    overflows: u32,
    /// How many division-by-zero errors are in the sum.
    divisions: u32,
}

impl ExactSum {
    /// Adds a computed value: a value joins the sum, an error makes the
    /// total that error, a blank changes nothing.
    pub(crate) fn add(&mut self, value: Computed) {
        match value {
            Computed::Blank => {}
            Computed::Value(d) => self.add_number(d),
            Computed::Error(CalcError::Overflow) => {
                self.overflows = self.overflows.wrapping_add(1);
            }
            Computed::Error(CalcError::DivisionByZero) => {
                self.divisions = self.divisions.wrapping_add(1);
            }
        }
    }

    /// Takes out a computed value that was added before.
    pub(crate) fn remove(&mut self, value: Computed) {
        match value {
            Computed::Blank => {}
            Computed::Value(d) => self.remove_number(d),
            Computed::Error(CalcError::Overflow) => {
                self.overflows = self.overflows.wrapping_sub(1);
            }
            Computed::Error(CalcError::DivisionByZero) => {
                self.divisions = self.divisions.wrapping_sub(1);
            }
        }
    }

    /// Adds a number, or nothing for `None`.
    pub(crate) fn add_option(&mut self, value: Option<Decimal>) {
        if let Some(d) = value {
            self.add_number(d);
        }
    }

    /// Takes out a number added before, or nothing for `None`.
    pub(crate) fn remove_option(&mut self, value: Option<Decimal>) {
        if let Some(d) = value {
            self.remove_number(d);
        }
    }

    fn add_number(&mut self, d: Decimal) {
        self.values = self.values.wrapping_add(1);
        self.add_part(d.scale(), 1, d.mantissa());
    }

    fn remove_number(&mut self, d: Decimal) {
        self.values = self.values.wrapping_sub(1);
        self.add_part(d.scale(), u32::MAX, d.mantissa().wrapping_neg());
    }

    /// Adds `count` values (wrapping: `u32::MAX` takes one away) whose
    /// mantissas sum to `mantissa` at `scale`; a part left with no value
    /// goes, so that the parts depend only on the values in the sum.
    fn add_part(&mut self, scale: u32, count: u32, mantissa: i128) {
        // Most sums have one or two scales: look at the last one first.
        let found = match self.parts.last() {
            Some(p) if p.scale == scale => Ok(self.parts.len() - 1),
            _ => self.parts.binary_search_by_key(&scale, |p| p.scale),
        };
        match found {
            Ok(i) => {
                let empty = match self.parts.get_mut(i) {
                    Some(p) => {
                        p.count = p.count.wrapping_add(count);
                        p.mantissa = p.mantissa.wrapping_add(mantissa);
                        p.count == 0
                    }
                    None => false,
                };
                if empty {
                    self.parts.remove(i);
                }
            }
            Err(i) => {
                if count != 0 {
                    self.parts.insert(
                        i,
                        Part {
                            scale,
                            count,
                            mantissa,
                        },
                    );
                }
            }
        }
    }

    /// Takes out every value of `other`, which must have been added to this
    /// sum (a sum over a range of rows is the running sum at its end minus
    /// the running sum at its start).
    pub(crate) fn subtract(&mut self, other: &ExactSum) {
        for p in &other.parts {
            self.add_part(p.scale, p.count.wrapping_neg(), p.mantissa.wrapping_neg());
        }
        self.values = self.values.wrapping_sub(other.values);
        self.overflows = self.overflows.wrapping_sub(other.overflows);
        self.divisions = self.divisions.wrapping_sub(other.divisions);
    }

    /// The total: an error if any error is in the sum, blank if no value is,
    /// otherwise the exact sum with the largest scale of its values
    /// (`7.8 + 1.9 = 9.7`, `1.5 + -1.5 = 0.0`), or an overflow error when
    /// that does not fit a [`Decimal`].
    pub(crate) fn total(&self) -> Computed {
        if self.overflows != 0 {
            return Computed::Error(CalcError::Overflow);
        }
        if self.divisions != 0 {
            return Computed::Error(CalcError::DivisionByZero);
        }
        if self.values == 0 {
            return Computed::Blank;
        }
        let mut total = Decimal::ZERO;
        for part in &self.parts {
            match decimal_of(part.mantissa, part.scale).and_then(|d| total.add_exact(d)) {
                Some(t) => total = t,
                None => return Computed::Error(CalcError::Overflow),
            }
        }
        Computed::Value(total)
    }
}

/// `mantissa × 10^-scale` as a [`Decimal`], splitting a mantissa too wide for
/// a [`Decimal`] into parts; `None` when the value itself is too large.
fn decimal_of(mantissa: i128, scale: u32) -> Option<Decimal> {
    if let Ok(d) = Decimal::try_from_i128_with_scale(mantissa, scale) {
        return Some(d);
    }
    const SPLIT: u32 = 10;
    if scale >= SPLIT {
        let p = 10i128.checked_pow(SPLIT)?;
        let high = decimal_of(mantissa.checked_div(p)?, scale - SPLIT)?;
        let low = Decimal::try_from_i128_with_scale(mantissa.checked_rem(p)?, scale).ok()?;
        high.add_exact(low)
    } else {
        let p = 10i128.checked_pow(scale)?;
        let high = Decimal::try_from_i128_with_scale(mantissa.checked_div(p)?, 0).ok()?;
        let low = Decimal::try_from_i128_with_scale(mantissa.checked_rem(p)?, scale).ok()?;
        high.add_exact(low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("test decimal")
    }

    #[test]
    fn sums_keep_the_largest_scale_and_are_exact() {
        let cases: &[(&[&str], &str)] = &[
            (&["7.8", "1.9"], "9.7"),
            (&["1.5", "-1.5"], "0.0"),
            (&["1", "0.25", "-0.125"], "1.125"),
            (&["-297.2", "-38.1", "-2.1", "-82.9"], "-420.3"),
            (
                &["0.0000000000000000000000000001", "1"],
                "1.0000000000000000000000000001",
            ),
        ];
        for (values, expected) in cases {
            let mut sum = ExactSum::default();
            for v in *values {
                sum.add(Computed::Value(d(v)));
            }
            let total = sum.total().value().expect("a value");
            assert_eq!(total, d(expected), "{values:?}");
            assert_eq!(total.scale(), d(expected).scale(), "{values:?}");
        }
    }

    #[test]
    fn removing_restores_the_state_exactly() {
        let mut sum = ExactSum::default();
        sum.add(Computed::Value(d("1.5")));
        let before = sum.clone();
        sum.add(Computed::Value(d("2.125")));
        sum.add(Computed::Error(CalcError::Overflow));
        sum.remove(Computed::Error(CalcError::Overflow));
        sum.remove(Computed::Value(d("2.125")));
        assert_eq!(sum, before);
    }

    #[test]
    fn a_range_is_the_difference_of_two_running_sums() {
        let values = ["1.5", "-2", "0.25", "3", "-0.125", "7.80"];
        let mut running = vec![ExactSum::default()];
        for v in values {
            let mut next = running.last().cloned().unwrap_or_default();
            next.add(Computed::Value(d(v)));
            running.push(next);
        }
        for from in 0..values.len() {
            for to in from..=values.len() {
                let mut direct = ExactSum::default();
                for v in &values[from..to] {
                    direct.add(Computed::Value(d(v)));
                }
                let mut range = running[to].clone();
                range.subtract(&running[from]);
                assert_eq!(range, direct, "{from}..{to}");
            }
        }
    }

    #[test]
    fn blanks_errors_and_overflow() {
        let mut sum = ExactSum::default();
        assert_eq!(sum.total(), Computed::Blank);
        sum.add(Computed::Blank);
        assert_eq!(sum, ExactSum::default());
        sum.add(Computed::Value(Decimal::MAX));
        assert_eq!(sum.total(), Computed::Value(Decimal::MAX));
        sum.add(Computed::Value(Decimal::ONE));
        assert_eq!(sum.total(), Computed::Error(CalcError::Overflow));
        // Order does not matter: MAX + 1 - 1 is MAX again.
        sum.add(Computed::Value(-Decimal::ONE));
        assert_eq!(sum.total(), Computed::Value(Decimal::MAX));
        sum.add(Computed::Error(CalcError::DivisionByZero));
        assert_eq!(sum.total(), Computed::Error(CalcError::DivisionByZero));
    }

    #[test]
    fn wide_mantissas_at_large_scales_still_give_the_value() {
        // Three values near 2^96 at scale 20: the mantissa sum is wider than a
        // Decimal holds, the value (about 2.4e9) is not.
        let big = Decimal::from_i128_with_scale((1i128 << 96) - 1, 20);
        let mut sum = ExactSum::default();
        for _ in 0..3 {
            sum.add(Computed::Value(big));
        }
        let total = sum.total().value().expect("fits");
        // 3 × 792 281 625.142 643 375 935 439 503 35, to Decimal's 28 digits.
        let expected = d("2376844875.4279301278063185100");
        assert!(
            (total - expected).abs() <= d("0.00000000000000001"),
            "{total}"
        );
    }
}
