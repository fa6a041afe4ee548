//! Showing values: the only place where figures are rounded.
//!
//! An amount is converted exactly to the display unit
//! ([`crate::number::convert`]) and then written with the display decimals
//! ([`crate::number::format_decimal`], half away from zero). The defaults
//! are the reports' own: mnkr with 1 decimal, tkr and kr with 0, mdkr with 2.
//! A table without a unit (counts) shows its figures with their own
//! decimals, at most [`UNITLESS_MAX_DECIMALS`]. Percentages show
//! [`PERCENT_DECIMALS`] decimals.

use rust_decimal::Decimal;

use crate::calc::Computed;
use crate::lang::Lang;
use crate::model::Table;
use crate::number::{convert, format_decimal, ConvertError, NumberStyle, Suffix, Unit};

/// Decimals shown for percentages.
pub const PERCENT_DECIMALS: u32 = 1;

/// Most decimals shown for a figure of a table without a unit (a computed
/// run rate has 28).
pub const UNITLESS_MAX_DECIMALS: u32 = 2;

/// The decimals a unit is usually shown with: mnkr 1, tkr 0, kr 0, mdkr 2.
pub fn default_decimals(unit: Unit) -> u32 {
    match unit {
        Unit::Kr | Unit::Tkr => 0,
        Unit::Mnkr => 1,
        Unit::Mdkr => 2,
    }
}

/// How a table's amounts are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayFormat {
    /// The unit the values are stored in.
    pub from: Option<Unit>,
    /// The unit they are shown in (the table's when it has none set, or
    /// when the table has no unit to convert from).
    pub unit: Option<Unit>,
    /// Fixed decimals, or `None` for each value's own (at most
    /// [`UNITLESS_MAX_DECIMALS`]).
    pub decimals: Option<u32>,
    /// How numbers are written.
    pub style: NumberStyle,
}

impl DisplayFormat {
    /// The format a table's settings ask for, in Swedish style.
    pub fn of(table: &Table) -> DisplayFormat {
        let from = table.unit;
        let unit = match (from, table.settings.display_unit) {
            (Some(_), Some(u)) => Some(u),
            (f, _) => f,
        };
        let decimals = table
            .settings
            .display_decimals
            .or_else(|| unit.map(default_decimals));
        DisplayFormat {
            from,
            unit,
            decimals,
            style: NumberStyle::swedish_display(),
        }
    }

    /// The same format with another number style.
    pub fn with_style(self, style: NumberStyle) -> DisplayFormat {
        DisplayFormat { style, ..self }
    }

    /// An amount in the display unit, exactly (not rounded).
    pub fn convert(&self, value: Decimal) -> Result<Decimal, ConvertError> {
        match (self.from, self.unit) {
            (Some(from), Some(to)) => convert(value, from, to),
            _ => Ok(value),
        }
    }

    fn decimals_for(&self, value: Decimal) -> u32 {
        self.decimals
            .unwrap_or_else(|| value.scale().min(UNITLESS_MAX_DECIMALS))
    }

    /// An amount converted and written: `-297,2`.
    pub fn amount(&self, value: Decimal) -> Result<String, ConvertError> {
        let shown = self.convert(value)?;
        let style = self.style.with_decimals(Some(self.decimals_for(shown)));
        Ok(format_decimal(shown, &style))
    }

    /// An amount with its unit: `-297,2 mnkr`.
    pub fn amount_with_unit(&self, value: Decimal) -> Result<String, ConvertError> {
        let shown = self.convert(value)?;
        let mut style = self.style.with_decimals(Some(self.decimals_for(shown)));
        if let Some(u) = self.unit {
            style = style.with_suffix(Suffix::Unit(u));
        }
        Ok(format_decimal(shown, &style))
    }

    /// A percentage (not converted): `2,6 %`.
    pub fn percent(&self, value: Decimal) -> String {
        let style = self
            .style
            .with_decimals(Some(PERCENT_DECIMALS))
            .with_suffix(Suffix::Percent);
        format_decimal(value, &style)
    }

    /// A computed amount: blank as "", an error as its message.
    pub fn computed(&self, value: Computed, lang: Lang) -> String {
        match value {
            Computed::Blank => String::new(),
            Computed::Value(v) => self
                .amount(v)
                .unwrap_or_else(|e| e.message(lang).to_string()),
            Computed::Error(e) => e.message(lang).to_string(),
        }
    }

    /// A computed percentage: blank as "", an error as its message.
    pub fn computed_percent(&self, value: Computed, lang: Lang) -> String {
        match value {
            Computed::Blank => String::new(),
            Computed::Value(v) => self.percent(v),
            Computed::Error(e) => e.message(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableSettings;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("test decimal")
    }

    fn table(unit: Option<Unit>, display: Option<Unit>, decimals: Option<u32>) -> Table {
        Table {
            title: None,
            unit,
            months: None,
            columns: vec![],
            rows: vec![],
            diagnostics: vec![],
            settings: TableSettings {
                display_unit: display,
                display_decimals: decimals,
                ..TableSettings::default()
            },
        }
    }

    #[test]
    fn amounts_convert_exactly_and_round_only_when_shown() {
        let nb = '\u{a0}';
        // (table unit, display unit, decimals, value, shown)
        let cases = [
            (Some(Unit::Mnkr), None, None, "-297.2", "-297,2".to_string()),
            (Some(Unit::Mnkr), None, None, "7.85", "7,9".to_string()),
            (Some(Unit::Mnkr), None, None, "-7.85", "-7,9".to_string()),
            (
                Some(Unit::Tkr),
                None,
                None,
                "-420314",
                format!("-420{nb}314"),
            ),
            (
                Some(Unit::Tkr),
                Some(Unit::Mnkr),
                None,
                "-420314",
                "-420,3".to_string(),
            ),
            (
                Some(Unit::Mnkr),
                Some(Unit::Tkr),
                None,
                "-297.2",
                format!("-297{nb}200"),
            ),
            (
                Some(Unit::Mnkr),
                Some(Unit::Kr),
                None,
                "1.5",
                format!("1{nb}500{nb}000"),
            ),
            (
                Some(Unit::Mnkr),
                None,
                Some(3),
                "2.5573770491803278688524590164",
                "2,557".to_string(),
            ),
            (
                Some(Unit::Tkr),
                Some(Unit::Mdkr),
                None,
                "1234567",
                "1,23".to_string(),
            ),
            (None, None, None, "17031", format!("17{nb}031")),
            (
                None,
                None,
                None,
                "33.333333333333333333333333333",
                "33,33".to_string(),
            ),
            (None, Some(Unit::Mnkr), None, "2.7", "2,7".to_string()),
        ];
        for (unit, display, decimals, value, shown) in cases {
            let f = DisplayFormat::of(&table(unit, display, decimals));
            assert_eq!(
                f.amount(d(value)).expect("converts"),
                shown,
                "{unit:?} {display:?} {value}"
            );
        }
    }

    #[test]
    fn units_percentages_and_computed_figures() {
        let nb = '\u{a0}';
        let f = DisplayFormat::of(&table(Some(Unit::Mnkr), None, None));
        assert_eq!(
            f.amount_with_unit(d("-297.2")).expect("converts"),
            format!("-297,2{nb}mnkr")
        );
        assert_eq!(
            f.percent(d("2.5573770491803278688524590164")),
            format!("2,6{nb}%")
        );
        assert_eq!(f.computed(Computed::Blank, Lang::Sv), "");
        assert_eq!(f.computed(Computed::Value(d("7.8")), Lang::Sv), "7,8");
        assert_eq!(
            f.computed(Computed::Error(crate::calc::CalcError::Overflow), Lang::En),
            crate::calc::CalcError::Overflow.message(Lang::En)
        );
        assert_eq!(
            f.computed_percent(Computed::Value(d("-1.25")), Lang::Sv),
            format!("-1,3{nb}%")
        );
        let too_big = DisplayFormat::of(&table(Some(Unit::Mdkr), Some(Unit::Kr), None));
        assert_eq!(too_big.amount(Decimal::MAX), Err(ConvertError::Overflow));
        assert_eq!(
            too_big.computed(Computed::Value(Decimal::MAX), Lang::Sv),
            ConvertError::Overflow.message(Lang::Sv)
        );
    }

    #[test]
    fn default_decimals_per_unit() {
        let cases = [
            (Unit::Kr, 0),
            (Unit::Tkr, 0),
            (Unit::Mnkr, 1),
            (Unit::Mdkr, 2),
        ];
        for (u, n) in cases {
            assert_eq!(default_decimals(u), n, "{u:?}");
        }
    }
}
