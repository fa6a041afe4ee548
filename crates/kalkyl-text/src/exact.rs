//! Checked `Decimal` arithmetic, compiled once.
//!
//! rust_decimal marks `checked_add` and its kin `#[inline(always)]`, down
//! to the whole add, multiply and divide algorithms, so every call site
//! carries its own copy (a kilobyte or more of WebAssembly each, and the
//! browser download has a budget). These are the same operations behind
//! one call each in the browser build; native builds (opt-level 3, the
//! benchmarks) keep rust_decimal's inlining.

use rust_decimal::Decimal;

/// `Decimal`'s checked operations, not inlined: `None` on overflow (and
/// on division by zero).
pub trait Exact: Sized {
    /// `self + other`.
    fn add_exact(self, other: Self) -> Option<Self>;
    /// `self - other`.
    fn sub_exact(self, other: Self) -> Option<Self>;
    /// `self × other`.
    fn mul_exact(self, other: Self) -> Option<Self>;
    /// `self / other`.
    fn div_exact(self, other: Self) -> Option<Self>;
    /// `self + other`, held at the largest or smallest value on overflow
    /// (for running sums whose overflow only means "does not match").
    fn add_saturating(self, other: Self) -> Self;
}

impl Exact for Decimal {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn add_exact(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn sub_exact(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn mul_exact(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn div_exact(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn add_saturating(self, other: Decimal) -> Decimal {
        self.saturating_add(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_rust_decimal() {
        let big = Decimal::MAX;
        let cases = [
            (Decimal::new(15, 1), Decimal::new(-25, 2)),
            (big, Decimal::ONE),
            (Decimal::MIN, Decimal::NEGATIVE_ONE),
            (Decimal::ONE, Decimal::ZERO),
            (Decimal::new(1, 28), Decimal::new(3, 0)),
        ];
        for (a, b) in cases {
            assert_eq!(a.add_exact(b), a.checked_add(b));
            assert_eq!(a.sub_exact(b), a.checked_sub(b));
            assert_eq!(a.mul_exact(b), a.checked_mul(b));
            assert_eq!(a.div_exact(b), a.checked_div(b));
        }
    }
}
