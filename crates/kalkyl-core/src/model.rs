//! The table model: what a pasted report table is once it has been read.
//!
//! Values are stored exactly, in the table's unit, as `Decimal`s whose scale
//! is the number of decimals the report showed (`7,8` is 7.8 with scale 1,
//! `0,0` is 0.0 with scale 1). That scale is what the report checks use for
//! rounding: a shown figure is within half a unit of its last decimal.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::number::Unit;
pub use crate::role::Role;

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A section heading with no numbers: "Regionfastigheter nya projekt".
    Heading,
    /// An ordinary row.
    Item,
    /// A sum that closes a section: "Summa Regionkontoret", "Summa intäkter".
    Subtotal,
    /// The table's total: "Summa", "Totalt", "Resultat".
    Total,
}

impl RowKind {
    /// The stable name used in files.
    pub fn key(self) -> &'static str {
        match self {
            RowKind::Heading => "heading",
            RowKind::Item => "item",
            RowKind::Subtotal => "subtotal",
            RowKind::Total => "total",
        }
    }

    /// Reads a stable name back.
    pub fn from_key(key: &str) -> Option<RowKind> {
        [
            RowKind::Heading,
            RowKind::Item,
            RowKind::Subtotal,
            RowKind::Total,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }

    /// Whether the row states a sum of other rows (and so is checked, not added).
    pub fn is_sum(self) -> bool {
        matches!(self, RowKind::Subtotal | RowKind::Total)
    }
}

/// One cell's content.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing: an empty cell, or a lone dash meaning no value.
    #[default]
    Empty,
    /// A number in the table's unit (or a percentage in a percent column);
    /// its scale is the number of decimals shown.
    Number(#[serde(with = "decimal_bytes")] Decimal),
    /// Text: a label, a text column, or a cell that could not be read as a
    /// number (which then also has a diagnostic).
    Text(String),
}

impl Cell {
    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Cell::Number(d) => Some(*d),
            Cell::Empty | Cell::Text(_) => None,
        }
    }

    /// The text, if the cell holds text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            Cell::Empty | Cell::Number(_) => None,
        }
    }

    /// Whether the cell is empty.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The heading as read, joined and cleaned ("Budgetavvikelse"); empty
    /// when the table had none.
    pub heading: String,
    /// What the column holds.
    pub role: Role,
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// 0 for top-level rows, 1 for the rows listed under a "…, varav" row:
    /// they break their parent down and are never added to a total again.
    pub level: u8,
    /// A footnote marker that followed the label ("*", "**)"), kept apart so
    /// the label reads cleanly.
    pub note: Option<String>,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// The pasted original of every cell the user has edited, by column.
    pub originals: BTreeMap<usize, Cell>,
}

/// How a deviation is signed. The names are the stable ones used in the
/// JSON workspace file (`tables[].sign_convention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignConvention {
    /// Net-cost tables (costs negative): outcome − budget, positive is favourable.
    OutcomeMinusBudget,
    /// Gross tables (amounts positive): budget − outcome, positive is an underspend.
    BudgetMinusOutcome,
    /// The budget is printed as a positive allocation beside negative net
    /// costs: outcome + budget.
    OutcomePlusBudget,
}

/// How the full-year forecast is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastMethod {
    /// outcome × 12 / months elapsed.
    RunRate,
    /// The remaining budget holds: outcome + annual budget − accumulated budget.
    RemainingBudget,
    /// Seasonal profile: outcome × annual budget / accumulated budget.
    Seasonal,
    /// The forecast column as pasted or typed.
    Manual,
}

/// Thresholds for the status marks ● ◆ ■, in percent of the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusThresholds {
    /// Favourable, or unfavourable by at most this much: ●.
    #[serde(with = "decimal_bytes")]
    pub met_within: Decimal,
    /// Unfavourable by at most this much: ◆; worse: ■.
    #[serde(with = "decimal_bytes")]
    pub acceptable_within: Decimal,
}

impl Default for StatusThresholds {
    fn default() -> Self {
        StatusThresholds {
            met_within: Decimal::ONE,
            acceptable_within: Decimal::new(5, 0),
        }
    }
}

/// The user's choices for a table. `None` means "as detected".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TableSettings {
    /// The sign convention; `None` uses the detected one.
    pub sign_convention: Option<SignConvention>,
    /// The forecast method for the table; `None` picks one from the columns.
    pub forecast_method: Option<ForecastMethod>,
    /// Per-row overrides of the forecast method, by row index.
    pub row_forecast_methods: BTreeMap<usize, ForecastMethod>,
    /// The unit to display amounts in; `None` is the table's unit.
    pub display_unit: Option<Unit>,
    /// Decimals to display; `None` is the unit's usual (mnkr 1, tkr 0, kr 0).
    pub display_decimals: Option<u32>,
    /// Thresholds for the status marks.
    pub status: StatusThresholds,
}

/// A table as Kalkyl holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// A title line above the table, if the paste had one.
    pub title: Option<String>,
    /// The unit the amounts are stored in; `None` when the table holds no
    /// money (counts) or says nothing about it.
    pub unit: Option<Unit>,
    /// Months elapsed, when the text says ("januari - april" is 4).
    pub months: Option<u8>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows below the heading.
    pub rows: Vec<Row>,
    /// Everything uncertain about how the table was read.
    pub diagnostics: Vec<Diagnostic>,
    /// The user's choices.
    pub settings: TableSettings,
}

impl Table {
    /// The index of the first column with this role.
    pub fn column_of(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    /// The indices of every column with this role.
    pub fn columns_of(&self, role: Role) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role == role)
            .map(|(i, _)| i)
            .collect()
    }

    /// A row's label: the text of its label column, or "" without one.
    pub fn label(&self, row: usize) -> &str {
        self.column_of(Role::Label)
            .and_then(|c| self.rows.get(row)?.cells.get(c)?.text())
            .unwrap_or("")
    }

    /// The cell at (row, column), if both exist.
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        self.rows.get(row)?.cells.get(column)
    }

    /// The number at (row, column), if the cell holds one.
    pub fn number(&self, row: usize, column: usize) -> Option<Decimal> {
        self.cell(row, column)?.number()
    }
}

/// The cell as pasted: its original if it was edited, else the cell.
pub fn pasted_cell(row: &Row, column: usize) -> Option<&Cell> {
    row.originals.get(&column).or_else(|| row.cells.get(column))
}

/// A decimal in the model's serde form: its 16 bytes (scale and sign, then
/// the mantissa). Exact, and with no text to parse or print: the first load
/// carries no decimal parser for the hand-over (see `crate::handover`).
/// Bytes no decimal has (a scale over 28, flag bits a decimal never sets)
/// are refused.
pub(crate) mod decimal_bytes {
    use rust_decimal::Decimal;
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    /// The flag bits a decimal sets: the sign and the scale.
    const FLAGS: u32 = 0x80FF_0000;

    pub(crate) fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        value.serialize().serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let bytes = <[u8; 16]>::deserialize(d)?;
        let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if flags & !FLAGS != 0 || (flags >> 16) & 0xFF > Decimal::MAX_SCALE {
            return Err(D::Error::custom("not a decimal"));
        }
        Ok(Decimal::deserialize(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_keys_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
            let json = format!("\"{}\"", role.key());
            let parsed: Role = serde_json_free_parse(&json);
            assert_eq!(parsed, role);
        }
        assert_eq!(Role::from_key("nonsense"), None);
    }

    /// serde's own string deserializer is enough to prove that the file's
    /// names are the keys.
    fn serde_json_free_parse(json: &str) -> Role {
        use serde::de::value::{Error, StrDeserializer};
        use serde::de::IntoDeserializer;
        let name = json.trim_matches('"');
        let de: StrDeserializer<'_, Error> = name.into_deserializer();
        Role::deserialize(de).expect("known role")
    }

    #[test]
    fn row_kind_keys_round_trip() {
        for kind in [
            RowKind::Heading,
            RowKind::Item,
            RowKind::Subtotal,
            RowKind::Total,
        ] {
            assert_eq!(RowKind::from_key(kind.key()), Some(kind));
        }
        assert!(RowKind::Total.is_sum() && RowKind::Subtotal.is_sum());
        assert!(!RowKind::Item.is_sum() && !RowKind::Heading.is_sum());
    }

    #[test]
    fn numeric_and_amount_roles() {
        assert!(!Role::Label.is_numeric() && !Role::Text.is_numeric());
        assert!(Role::StatedPercent.is_numeric() && !Role::StatedPercent.is_amount());
        assert!(Role::Outcome.is_amount() && Role::Other.is_amount());
    }

    #[test]
    fn table_lookups() {
        let table = Table {
            title: None,
            unit: Some(Unit::Mnkr),
            months: None,
            columns: vec![
                Column {
                    heading: "Uppdrag".into(),
                    role: Role::Label,
                },
                Column {
                    heading: "Utfall".into(),
                    role: Role::Outcome,
                },
            ],
            rows: vec![Row {
                kind: RowKind::Item,
                level: 0,
                note: None,
                cells: vec![
                    Cell::Text("Regionkontoret".into()),
                    Cell::Number(Decimal::new(-2972, 1)),
                ],
                originals: BTreeMap::new(),
            }],
            diagnostics: vec![],
            settings: TableSettings::default(),
        };
        assert_eq!(table.label(0), "Regionkontoret");
        assert_eq!(table.label(5), "");
        assert_eq!(table.number(0, 1), Some(Decimal::new(-2972, 1)));
        assert_eq!(table.number(0, 0), None);
        assert_eq!(table.column_of(Role::Outcome), Some(1));
        assert_eq!(table.columns_of(Role::Budget), Vec::<usize>::new());
    }
}
