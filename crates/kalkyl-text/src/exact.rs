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
        #[cfg(target_arch = "wasm32")]
        return sub_by_adding(self, other);
        #[cfg(not(target_arch = "wasm32"))]
        return self.checked_sub(other);
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
        #[cfg(target_arch = "wasm32")]
        return add_held_at_the_bounds(self, other);
        #[cfg(not(target_arch = "wasm32"))]
        return self.saturating_add(other);
    }
}

// The browser build's forms, on the one copy of the add algorithm behind
// `add_exact` (each of rust_decimal's own carries a copy of its own, about
// 1.75 KB of WebAssembly). Native builds keep rust_decimal's, which run
// about 4 % fewer instructions in a read (no Option, no extra call); the
// tests check these forms against rust_decimal's on every target.

/// `a - b` as `a + (-b)`: exact, since the range is symmetric, and what
/// rust_decimal does inside.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sub_by_adding(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.add_exact(-b)
}

/// `a + b` held at the largest or smallest value on overflow: only two
/// figures of one sign overflow, toward that sign.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn add_held_at_the_bounds(a: Decimal, b: Decimal) -> Decimal {
    a.add_exact(b).unwrap_or(if b.is_sign_negative() {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any `Decimal`: a 96-bit mantissa, a sign and a scale of 0 to 28.
    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28,
        )
            .prop_map(|(lo, mid, hi, negative, scale)| {
                Decimal::from_parts(lo, mid, hi, negative, scale)
            })
    }

    proptest! {
        /// Subtraction by the negation and the saturating sum built on the
        /// checked one give rust_decimal's own results, overflow included.
        #[test]
        fn sub_and_saturating_add_as_rust_decimal(a in any_decimal(), b in any_decimal()) {
            prop_assert_eq!(sub_by_adding(a, b), a.checked_sub(b));
            prop_assert_eq!(add_held_at_the_bounds(a, b), a.saturating_add(b));
        }
    }

    #[test]
    fn same_as_rust_decimal() {
        let big = Decimal::MAX;
        let cases = [
            (Decimal::new(15, 1), Decimal::new(-25, 2)),
            (big, Decimal::ONE),
            (Decimal::MIN, Decimal::NEGATIVE_ONE),
            (Decimal::ONE, Decimal::ZERO),
            (Decimal::new(1, 28), Decimal::new(3, 0)),
            (Decimal::MIN, Decimal::ONE),
            (big, Decimal::NEGATIVE_ONE),
            (Decimal::MIN, Decimal::MIN),
            (big, big),
            (Decimal::new(-7, 3), Decimal::new(7, 3)),
        ];
        for (a, b) in cases {
            assert_eq!(a.add_exact(b), a.checked_add(b));
            assert_eq!(a.sub_exact(b), a.checked_sub(b));
            assert_eq!(a.mul_exact(b), a.checked_mul(b));
            assert_eq!(a.div_exact(b), a.checked_div(b));
            assert_eq!(a.add_saturating(b), a.saturating_add(b));
            assert_eq!(sub_by_adding(a, b), a.checked_sub(b));
            assert_eq!(sub_by_adding(b, a), b.checked_sub(a));
            assert_eq!(add_held_at_the_bounds(a, b), a.saturating_add(b));
            assert_eq!(add_held_at_the_bounds(b, a), b.saturating_add(a));
        }
    }
}
