//! Reading and writing single number cells, exactly.
//!
//! Every value is a [`Decimal`]; nothing here ever goes through binary
//! floating point, and nothing rounds unless a [`NumberStyle`] asks for a
//! fixed number of decimals.
//!
//! # Reading
//!
//! [`read_number`] reads one cell with a [`DecimalMark`] that the caller has
//! decided for the whole column, usually with [`decide_decimal_mark`]. A cell
//! is [`Reading::Blank`], [`Reading::Nothing`] (a lone dash) or a
//! [`Reading::Number`]; anything else is a [`NumberError`] and the caller keeps
//! the cell as text. Reading never panics and does not allocate, except to
//! name an unknown unit in its error.
//!
//! The accepted forms, for a comma column (swap `,` and `.` for a point
//! column):
//!
//! | form | example | notes |
//! |---|---|---|
//! | plain | `1864,1`, `24`, `0,0` | any number of integer digits when not grouped |
//! | grouped | `1 864,1`, `12 345 678,9`, `1.234,5` | separator: space, U+00A0, U+202F, U+2009 or the other mark; the first group has 1–3 digits, every later group exactly 3; one kind of separator per number |
//! | leading decimal | `,5` | read as 0,5 |
//! | minus | `-5`, `−5`, `–5`, `- 5` | hyphen-minus, U+2212 or en dash, optionally followed by whitespace |
//! | plus | `+28,7`, `+ 3,0` | recorded as [`Sign::Plus`] |
//! | zero with ± | `±0`, `+/-0`, `+/- 0,0` | only for zero |
//! | parentheses | `(1 234)`, `(5 tkr)`, `(5) tkr` | a negative value; no sign inside or before them |
//! | percent | `26,5%`, `-2,2 %` | the value is the number written (26.5), with [`Number::percent`] set |
//! | unit | `26 350tkr`, `-237 112 tkr`, `0,0Mnkr` | see [`Unit::from_word`]; with or without whitespace before it |
//! | surrounding whitespace | ` 5 ` | any Unicode whitespace |
//!
//! Not accepted: a decimal mark without digits after it (`5,`), groups of the
//! wrong size (`1 40`, `1234 567`), two numbers in one cell (`1 400 1 400`),
//! signs after the digits (`5-`, `4011+ 4081`), text around the number
//! (`101 (1)`, `ca 5`), grouped decimals (`3,141 59`), `±` before anything
//! but zero, and an em dash as a minus (a lone em dash is
//! [`Reading::Nothing`]).
//!
//! # Writing
//!
//! [`format_decimal`] writes a value in a [`NumberStyle`]; whatever it writes,
//! [`read_number`] reads back to the same value with the style's mark.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The largest mantissa a [`Decimal`] holds: 2^96 − 1.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// Powers of ten from 10^0 to 10^28 (the largest scale a [`Decimal`] has).
const POW10: [u128; 29] = {
    let mut table = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// 10^n for n ≤ 28, or `None`.
#[inline(always)]
fn pow10(n: u32) -> Option<u128> {
    POW10.get(usize::try_from(n).ok()?).copied()
}

// ---------------------------------------------------------------------------
// Decimal mark
// ---------------------------------------------------------------------------

/// Which character separates the integer part from the decimals. A column
/// uses one or the other, never both; the other one may group thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecimalMark {
    /// Decimal comma, as in Swedish: `1 234,5`.
    #[default]
    Comma,
    /// Decimal point, as written by English-locale tools: `1,234.5`.
    Point,
}

impl DecimalMark {
    /// The mark itself: `,` or `.`.
    pub fn as_char(self) -> char {
        match self {
            DecimalMark::Comma => ',',
            DecimalMark::Point => '.',
        }
    }

    /// The other mark, which may group thousands in this column.
    pub fn other(self) -> DecimalMark {
        match self {
            DecimalMark::Comma => DecimalMark::Point,
            DecimalMark::Point => DecimalMark::Comma,
        }
    }
}

/// What [`decide_decimal_mark`] decided for a column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarkDecision {
    /// The mark to read the column with.
    pub mark: DecimalMark,
    /// No cell proved either mark, so the mark is the hint or, without one,
    /// [`DecimalMark::Comma`]. The caller reports it when
    /// [`MarkDecision::ambiguous`] is not empty (otherwise the choice changes
    /// nothing).
    pub guessed: bool,
    /// Indices of the cells whose value depends on the mark (`1,234`,
    /// `1.234`). Filled whether or not the mark was guessed.
    pub ambiguous: Vec<usize>,
    /// Indices of the cells that prove the other mark (`12,50` in a point
    /// column). A column is never mixed, so each of these is a mistake to
    /// report; read with [`MarkDecision::mark`] they are errors or wrong.
    pub contradicting: Vec<usize>,
}

/// Decides the decimal mark of a whole column from its cells.
///
/// A cell proves a mark when it reads as a number with that mark only:
/// `1 234,5`, `12,50` and `0,5` prove a comma; `1,234.5` and `0.5` a point.
/// The mark most cells prove wins (a tie goes to the hint, or to the comma),
/// and the cells that prove the other are listed in
/// [`MarkDecision::contradicting`]. When no cell proves anything (`1,234`,
/// `1.234`, integers, text) the mark is `hint`, or [`DecimalMark::Comma`]
/// without one, and [`MarkDecision::guessed`] is set.
///
/// Cells with an unknown unit or a value too large for [`Decimal`] still
/// count as evidence: their shape is a number.
pub fn decide_decimal_mark<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    hint: Option<DecimalMark>,
) -> MarkDecision {
    let mut comma = Vec::new();
    let mut point = Vec::new();
    let mut ambiguous = Vec::new();
    for (index, cell) in cells.into_iter().enumerate() {
        match (
            shape(cell, DecimalMark::Comma),
            shape(cell, DecimalMark::Point),
        ) {
            (Some(a), Some(b)) => {
                if a.is_none() || a != b {
                    ambiguous.push(index);
                }
            }
            (Some(_), None) => comma.push(index),
            (None, Some(_)) => point.push(index),
            (None, None) => {}
        }
    }
    let fallback = hint.unwrap_or_default();
    let (mark, guessed) = if comma.is_empty() && point.is_empty() {
        (fallback, true)
    } else if comma.len() > point.len() {
        (DecimalMark::Comma, false)
    } else if point.len() > comma.len() {
        (DecimalMark::Point, false)
    } else {
        (fallback, false)
    };
    let contradicting = match mark {
        DecimalMark::Comma => point,
        DecimalMark::Point => comma,
    };
    MarkDecision {
        mark,
        guessed,
        ambiguous,
        contradicting,
    }
}

/// `None` when the cell is not shaped like a number with this mark (or is
/// blank or a dash); otherwise its value and shown decimals, if they fit.
fn shape(cell: &str, mark: DecimalMark) -> Option<Option<(Decimal, u32)>> {
    match scan(cell.trim(), mark) {
        Ok(Scan::Number(s)) => Some(s.value.ok().map(|v| (v, s.decimals))),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// A money unit, written in a heading ("Belopp i mnkr") or after each value
/// ("26 350tkr").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Kronor.
    Kr,
    /// Thousand kronor (tusen kronor).
    Tkr,
    /// Million kronor (miljoner kronor).
    Mnkr,
    /// Billion kronor (miljarder kronor).
    Mdkr,
}

/// The words that name each unit, compared case-insensitively and word by
/// word (any whitespace between words).
const UNIT_WORDS: &[(&[&str], Unit)] = &[
    (&["kr"], Unit::Kr),
    (&["kronor"], Unit::Kr),
    (&["sek"], Unit::Kr),
    (&["tkr"], Unit::Tkr),
    (&["tusen", "kronor"], Unit::Tkr),
    (&["tsek"], Unit::Tkr),
    (&["ksek"], Unit::Tkr),
    (&["mnkr"], Unit::Mnkr),
    (&["mkr"], Unit::Mnkr),
    (&["miljoner", "kronor"], Unit::Mnkr),
    (&["miljoner"], Unit::Mnkr),
    (&["msek"], Unit::Mnkr),
    (&["mdkr"], Unit::Mdkr),
    (&["miljarder", "kronor"], Unit::Mdkr),
    (&["miljarder"], Unit::Mdkr),
];

impl Unit {
    /// Every unit, smallest first.
    pub const ALL: [Unit; 4] = [Unit::Kr, Unit::Tkr, Unit::Mnkr, Unit::Mdkr];

    /// The power of ten that turns one of this unit into kronor: 0, 3, 6, 9.
    pub fn exponent(self) -> u32 {
        match self {
            Unit::Kr => 0,
            Unit::Tkr => 3,
            Unit::Mnkr => 6,
            Unit::Mdkr => 9,
        }
    }

    /// How many kronor one of this unit is, exactly: 1, 1 000, 1 000 000 or
    /// 1 000 000 000.
    pub fn factor(self) -> Decimal {
        match self {
            Unit::Kr => Decimal::ONE,
            Unit::Tkr => Decimal::ONE_THOUSAND,
            Unit::Mnkr => Decimal::from(1_000_000u32),
            Unit::Mdkr => Decimal::from(1_000_000_000u32),
        }
    }

    /// Reads a unit from heading or cell words, case-insensitively and with
    /// any whitespace between words: `kr`, `kronor`, `SEK`; `tkr`, `tusen
    /// kronor`, `tSEK`, `KSEK`; `mnkr`, `Mkr`, `Mnkr`, `miljoner kronor`,
    /// `miljoner`, `MSEK`; `mdkr`, `miljarder kronor`, `miljarder`.
    /// Anything else is `None`.
    pub fn from_word(word: &str) -> Option<Unit> {
        // Fast path: one short ASCII word, as glued to most cells.
        let bytes = word.as_bytes();
        if bytes.len() <= 6 && bytes.iter().all(u8::is_ascii_alphabetic) {
            let mut lower = [0u8; 6];
            for (l, b) in lower.iter_mut().zip(bytes) {
                *l = b.to_ascii_lowercase();
            }
            return match lower.get(..bytes.len()).unwrap_or_default() {
                b"kr" | b"kronor" | b"sek" => Some(Unit::Kr),
                b"tkr" | b"tsek" | b"ksek" => Some(Unit::Tkr),
                b"mnkr" | b"mkr" | b"msek" => Some(Unit::Mnkr),
                b"mdkr" => Some(Unit::Mdkr),
                _ => None,
            };
        }
        UNIT_WORDS.iter().find_map(|(words, unit)| {
            let mut given = word.split_whitespace();
            let matches = words
                .iter()
                .all(|w| given.next().is_some_and(|g| g.eq_ignore_ascii_case(w)))
                && given.next().is_none();
            matches.then_some(*unit)
        })
    }

    /// The short form Kalkyl writes: `kr`, `tkr`, `mnkr`, `mdkr`.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kr => "kr",
            Unit::Tkr => "tkr",
            Unit::Mnkr => "mnkr",
            Unit::Mdkr => "mdkr",
        }
    }

    /// The unit spelled out, for headings and explanations.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Unit::Kr => "kronor",
            Unit::Tkr => lang.pick("tusen kronor", "thousand kronor"),
            Unit::Mnkr => lang.pick("miljoner kronor", "million kronor"),
            Unit::Mdkr => lang.pick("miljarder kronor", "billion kronor"),
        }
    }
}

impl fmt::Display for Unit {
    /// Writes [`Unit::symbol`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Why [`convert`] could not give an exact result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConvertError {
    /// The result is larger than a [`Decimal`] holds.
    Overflow,
    /// The result needs more than 28 decimals, so it would have to be rounded.
    Inexact,
}

impl ConvertError {
    /// The message for the user.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            ConvertError::Overflow => lang.pick(
                "beloppet blir för stort i den nya enheten",
                "the amount is too large in the new unit",
            ),
            ConvertError::Inexact => lang.pick(
                "beloppet kan inte räknas om exakt (fler än 28 decimaler)",
                "the amount cannot be converted exactly (more than 28 decimals)",
            ),
        }
    }
}

impl fmt::Display for ConvertError {
    /// Writes the English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for ConvertError {}

/// Converts an amount from one unit to another, exactly.
///
/// Only the scale and mantissa change (multiplying or dividing by a power of
/// ten), with checked arithmetic: a result larger than [`Decimal::MAX`] is
/// [`ConvertError::Overflow`], and one that would need more than 28 decimals
/// is [`ConvertError::Inexact`]; nothing is ever rounded.
pub fn convert(value: Decimal, from: Unit, to: Unit) -> Result<Decimal, ConvertError> {
    let mantissa = value.mantissa();
    let scale = value.scale();
    if from.exponent() >= to.exponent() {
        // Multiply by 10^k: lower the scale, or grow the mantissa.
        let k = from.exponent() - to.exponent();
        if scale >= k {
            return Decimal::try_from_i128_with_scale(mantissa, scale - k)
                .map_err(|_| ConvertError::Overflow);
        }
        let grown = pow10(k - scale)
            .and_then(|p| i128::try_from(p).ok())
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or(ConvertError::Overflow)?;
        Decimal::try_from_i128_with_scale(grown, 0).map_err(|_| ConvertError::Overflow)
    } else {
        // Divide by 10^k: raise the scale, after dropping trailing zeros if
        // that is needed to stay within 28 decimals.
        let k = to.exponent() - from.exponent();
        let value = if scale + k > Decimal::MAX_SCALE {
            value.normalize()
        } else {
            value
        };
        let new_scale = value.scale() + k;
        if new_scale > Decimal::MAX_SCALE {
            return Err(ConvertError::Inexact);
        }
        Decimal::try_from_i128_with_scale(value.mantissa(), new_scale)
            .map_err(|_| ConvertError::Inexact)
    }
}

// ---------------------------------------------------------------------------
// Readings and errors
// ---------------------------------------------------------------------------

/// What one cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Empty or only whitespace.
    Blank,
    /// A lone dash (`-`, `–`, `—` or `−`): the report says there is no value.
    Nothing,
    /// A number.
    Number(Number),
}

impl Reading {
    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<&Number> {
        match self {
            Reading::Number(n) => Some(n),
            Reading::Blank | Reading::Nothing => None,
        }
    }
}

/// The sign written before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sign {
    /// No sign.
    #[default]
    None,
    /// An explicit plus: `+28,7`.
    Plus,
    /// A minus (hyphen-minus, U+2212 or en dash). The value of `-0` is zero,
    /// so this is the only trace of its minus.
    Minus,
    /// `±` or `+/-`, only ever before zero.
    PlusMinus,
}

/// A number read from a cell, with how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The exact value as written: `26,5%` is 26.5, `(1 234)` is −1234, and a
    /// unit does not change it (`5 tkr` is 5). Its scale is the number of
    /// decimals shown whenever that fits (`7,80` is 7.80), otherwise it has
    /// no trailing zeros; zero is never negative.
    pub value: Decimal,
    /// How many decimals were shown: `7,8` → 1, `0,0` → 1, `1 400` → 0. A
    /// rounded figure is within half a unit of its last shown decimal.
    pub decimals: u32,
    /// Written with a percent sign.
    pub percent: bool,
    /// The unit written in the cell, if any.
    pub unit: Option<Unit>,
    /// The sign written before the number.
    pub sign: Sign,
    /// Written in parentheses, which makes it negative: `(1 234)`.
    pub parenthesized: bool,
}

impl Number {
    /// Whether an explicit plus sign was written (`+24`).
    pub fn explicit_plus(&self) -> bool {
        self.sign == Sign::Plus
    }
}

/// Why a cell is not shaped like a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotNumberReason {
    /// There are no digits: `Re`, `+`, `%`.
    NoDigits,
    /// Letters before the number, or after it but followed by something
    /// other than the end: `ca 5`, `5 kr/st`.
    Letters,
    /// Thousands groups of the wrong size, or digits after a space that do
    /// not form a group: `1 40`, `1234 567`, `1 400 1 400`, `3,141 59`.
    BadGrouping,
    /// Two different thousands separators in one number: `1 234.567`.
    MixedSeparators,
    /// The decimal mark twice: `1,2,3` in a comma column.
    TwoDecimalMarks,
    /// The other mark after the decimal mark, a sign the column's mark is
    /// wrong: `1,234.5` in a comma column.
    MixedMarks,
    /// A decimal mark without digits after it: `5,`.
    MarkWithoutDigits,
    /// Two signs, or a sign with parentheses: `--5`, `+-5`, `-(5)`, `(-5)`.
    TwoSigns,
    /// A sign after the digits: `5-`, `4011+ 4081`.
    MisplacedSign,
    /// Parentheses that do not pair up: `(5`, `5)`.
    Parentheses,
    /// `±` or `+/-` before something other than zero: `±5`.
    PlusMinusNotZero,
    /// Any other character where it does not belong: `101 (1)`.
    Unexpected(char),
}

impl NotNumberReason {
    /// A short explanation for the user.
    pub fn message(self, lang: Lang) -> String {
        let text = match self {
            NotNumberReason::NoDigits => lang.pick("inga siffror", "no digits"),
            NotNumberReason::Letters => lang.pick("innehåller bokstäver", "contains letters"),
            NotNumberReason::BadGrouping => lang.pick(
                "felaktig tusentalsgruppering (grupperna efter den första ska ha tre siffror)",
                "bad thousands grouping (the groups after the first must have three digits)",
            ),
            NotNumberReason::MixedSeparators => lang.pick(
                "olika tusentalsavgränsare i samma tal",
                "different thousands separators in one number",
            ),
            NotNumberReason::TwoDecimalMarks => lang.pick("två decimaltecken", "two decimal marks"),
            NotNumberReason::MixedMarks => lang.pick(
                "både decimalkomma och decimalpunkt, i fel ordning för kolumnen",
                "both decimal comma and decimal point, in the wrong order for the column",
            ),
            NotNumberReason::MarkWithoutDigits => lang.pick(
                "decimaltecken utan siffror efter",
                "a decimal mark without digits after it",
            ),
            NotNumberReason::TwoSigns => lang.pick("två förtecken", "two signs"),
            NotNumberReason::MisplacedSign => {
                lang.pick("förtecken efter siffrorna", "a sign after the digits")
            }
            NotNumberReason::Parentheses => {
                lang.pick("parenteserna går inte ihop", "unbalanced parentheses")
            }
            NotNumberReason::PlusMinusNotZero => {
                lang.pick("± används bara framför noll", "± is only used before zero")
            }
            NotNumberReason::Unexpected(c) => {
                return match lang {
                    Lang::Sv => format!("oväntat tecken «{c}»"),
                    Lang::En => format!("unexpected character «{c}»"),
                }
            }
        };
        text.to_string()
    }
}

/// Why [`read_number`] did not read a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NumberError {
    /// The cell is not shaped like a number; the caller keeps it as text.
    NotANumber {
        /// What is wrong.
        reason: NotNumberReason,
        /// Byte offset in the cell's text where the problem was found (always
        /// on a character boundary, at most the text's length).
        at: usize,
    },
    /// The number is larger than [`Decimal::MAX`] (about 7.9 × 10^28).
    TooLarge,
    /// The number fits, but its digits do not: more than 28 significant
    /// decimals, or more significant digits than a [`Decimal`] holds. It is
    /// never rounded.
    TooPrecise,
    /// A well-formed number followed by words that are not a known unit:
    /// `12 st`.
    UnknownUnit {
        /// The words, as written.
        unit: String,
    },
}

impl NumberError {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NumberError::NotANumber { reason, .. } => {
                let prefix = lang.pick("inte ett tal", "not a number");
                format!("{prefix}: {}", reason.message(lang))
            }
            NumberError::TooLarge => lang
                .pick(
                    "talet är för stort (högst 79 228 162 514 264 337 593 543 950 335)",
                    "the number is too large (at most 79,228,162,514,264,337,593,543,950,335)",
                )
                .to_string(),
            NumberError::TooPrecise => lang
                .pick(
                    "talet har för många siffror (högst 28 decimaler och 29 siffror)",
                    "the number has too many digits (at most 28 decimals and 29 digits)",
                )
                .to_string(),
            NumberError::UnknownUnit { unit } => match lang {
                Lang::Sv => format!("okänd enhet «{unit}»"),
                Lang::En => format!("unknown unit «{unit}»"),
            },
        }
    }
}

impl fmt::Display for NumberError {
    /// Writes the English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for NumberError {}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Reads one cell as a number, with the column's decimal mark.
///
/// See the [module documentation](self) for every accepted form. Never
/// panics, whatever the input, and allocates only for
/// [`NumberError::UnknownUnit`].
pub fn read_number(text: &str, mark: DecimalMark) -> Result<Reading, NumberError> {
    if let Some(number) = read_plain(text.as_bytes(), mark) {
        return Ok(Reading::Number(number));
    }
    read_number_general(text, mark)
}

/// Most digits the fast path takes; the value always fits a `Decimal`.
const PLAIN_MAX_DIGITS: usize = 27;

/// The fast path for the shape nearly every pasted cell has: ASCII digits,
/// an optional leading hyphen-minus, thousands grouped by single spaces
/// (first group 1–3 digits, later ones exactly 3) or not at all, and an
/// optional decimal part after the column's mark: `-1 234,5`, `7,8`, `400`.
/// Anything else (other spaces, signs, units, percent, parentheses, errors)
/// returns `None` and goes the general way, which gives the same reading
/// for these shapes (a property test compares the two).
fn read_plain(bytes: &[u8], mark: DecimalMark) -> Option<Number> {
    let start = bytes.iter().position(|b| *b != b' ')?;
    let end = bytes.iter().rposition(|b| *b != b' ')? + 1;
    let body = bytes.get(start..end)?;
    let (negative, digits_part) = match body.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, body),
    };
    let mark_byte = mark.as_char() as u8;
    let mut mantissa: i128 = 0;
    let mut digits = 0usize;
    let mut group = 0usize;
    let mut grouped = false;
    let mut decimals: Option<u32> = None;
    let mut previous_space = false;
    for &b in digits_part {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i128::from(b - b'0');
                digits += 1;
                if digits > PLAIN_MAX_DIGITS {
                    return None;
                }
                match decimals.as_mut() {
                    Some(d) => *d += 1,
                    None => group += 1,
                }
                previous_space = false;
            }
            b' ' if decimals.is_none() && !previous_space && group > 0 => {
                if grouped {
                    if group != 3 {
                        return None;
                    }
                } else {
                    if group > 3 {
                        return None;
                    }
                    grouped = true;
                }
                group = 0;
                previous_space = true;
            }
            b if b == mark_byte && decimals.is_none() && !previous_space && group > 0 => {
                decimals = Some(0);
            }
            _ => return None,
        }
    }
    if previous_space || group == 0 && !grouped && decimals.is_none() {
        return None;
    }
    if grouped && group != 3 {
        return None;
    }
    let decimals = decimals.unwrap_or(0);
    if decimals == 0 && digits_part.last() == Some(&mark_byte) {
        return None;
    }
    if digits == 0 {
        return None;
    }
    let signed = if negative { -mantissa } else { mantissa };
    let value = Decimal::try_from_i128_with_scale(signed, decimals).ok()?;
    Some(Number {
        value,
        decimals,
        percent: false,
        unit: None,
        sign: if negative { Sign::Minus } else { Sign::None },
        parenthesized: false,
    })
}

/// The full reader: every form [`read_number`] accepts, with the reason
/// when the text is not a number.
fn read_number_general(text: &str, mark: DecimalMark) -> Result<Reading, NumberError> {
    let trimmed = text.trim_start();
    let base = text.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    let scanned = match scan(trimmed, mark) {
        Ok(Scan::Blank) => return Ok(Reading::Blank),
        Ok(Scan::Nothing) => return Ok(Reading::Nothing),
        Ok(Scan::Number(s)) => s,
        Err((reason, at)) => {
            return Err(NumberError::NotANumber {
                reason,
                at: base + at,
            })
        }
    };
    let unit = match scanned.unit {
        UnitSuffix::None => None,
        UnitSuffix::Known(unit) => Some(unit),
        UnitSuffix::Unknown { start, end } => {
            let unit = trimmed.get(start..end).unwrap_or_default().to_string();
            return Err(NumberError::UnknownUnit { unit });
        }
    };
    let value = scanned.value.map_err(|m| match m {
        Magnitude::TooLarge => NumberError::TooLarge,
        Magnitude::TooPrecise => NumberError::TooPrecise,
    })?;
    Ok(Reading::Number(Number {
        value,
        decimals: scanned.decimals,
        percent: scanned.percent,
        unit,
        sign: scanned.sign,
        parenthesized: scanned.parenthesized,
    }))
}

/// A value that does not fit in a [`Decimal`].
#[derive(Debug, Clone, Copy)]
enum Magnitude {
    TooLarge,
    TooPrecise,
}

/// The unit after a number, as positions in the trimmed text.
#[derive(Debug, Clone, Copy)]
enum UnitSuffix {
    None,
    Known(Unit),
    Unknown { start: usize, end: usize },
}

/// A number-shaped cell, before its value and unit are judged.
#[derive(Debug, Clone, Copy)]
struct Scanned {
    value: Result<Decimal, Magnitude>,
    decimals: u32,
    percent: bool,
    unit: UnitSuffix,
    sign: Sign,
    parenthesized: bool,
}

#[derive(Debug, Clone, Copy)]
enum Scan {
    Blank,
    Nothing,
    Number(Scanned),
}

/// A position in a `&str` that only ever moves by whole characters.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<char> {
        self.char_at(self.pos)
    }

    #[inline(always)]
    fn char_at(&self, pos: usize) -> Option<char> {
        match self.text.as_bytes().get(pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.text.get(pos..)?.chars().next(),
            None => None,
        }
    }

    #[inline(always)]
    fn digit_at(&self, pos: usize) -> bool {
        self.text
            .as_bytes()
            .get(pos)
            .is_some_and(u8::is_ascii_digit)
    }

    /// Whether the character after the current one is an ASCII digit.
    #[inline(always)]
    fn digit_after(&self, c: char) -> bool {
        self.digit_at(self.pos + c.len_utf8())
    }

    #[inline(always)]
    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    #[inline(always)]
    fn eat(&mut self, s: &str) -> bool {
        let found = self.text.get(self.pos..).is_some_and(|r| r.starts_with(s));
        if found {
            self.pos += s.len();
        }
        found
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    /// Eats a run of ASCII digits, folding them into `acc` (leading zeros
    /// ignored); sets `overflow` once `acc` passes [`MAX_MANTISSA`]. Returns
    /// how many digits it ate.
    fn int_digits(&mut self, acc: &mut u128, overflow: &mut bool) -> usize {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        while let Some(&b) = bytes.get(self.pos) {
            if !b.is_ascii_digit() {
                break;
            }
            if !*overflow {
                *acc = *acc * 10 + u128::from(b - b'0');
                if *acc > MAX_MANTISSA {
                    *overflow = true;
                }
            }
            self.pos += 1;
        }
        self.pos - start
    }
}

/// Separators that may group thousands whatever the mark.
#[inline(always)]
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

#[inline(always)]
fn is_sign_char(c: char) -> bool {
    c == '+' || c == '\u{2014}' || c == '±' || is_minus_char(c)
}

/// The characters printed as a minus sign before a number: the hyphen-minus,
/// the minus sign, the en dash, and the Unicode hyphens U+2010 and U+2011
/// (statistics web tables print U+2011, the non-breaking hyphen, so that a
/// negative figure never wraps after its sign).
#[inline(always)]
pub fn is_minus_char(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}' | '\u{2010}' | '\u{2011}')
}

/// Why the character at the cursor cannot follow a complete number.
fn trailing_reason(c: &Cursor<'_>) -> NotNumberReason {
    match c.peek() {
        None => NotNumberReason::NoDigits,
        Some(ch) if ch.is_ascii_digit() => NotNumberReason::BadGrouping,
        Some(ch) if is_sign_char(ch) => NotNumberReason::MisplacedSign,
        Some(ch) if crate::latin::is_letter(ch) => NotNumberReason::Letters,
        Some(')') => NotNumberReason::Parentheses,
        Some(ch) => NotNumberReason::Unexpected(ch),
    }
}

/// Why the character at the cursor cannot start a number's digits.
fn leading_reason(c: &Cursor<'_>, mark: DecimalMark) -> NotNumberReason {
    match c.peek() {
        None | Some(')' | '%') => NotNumberReason::NoDigits,
        Some(ch) if ch == mark.as_char() => NotNumberReason::NoDigits,
        Some(ch) if ch == mark.other().as_char() => NotNumberReason::BadGrouping,
        Some(ch) if crate::latin::is_letter(ch) => NotNumberReason::Letters,
        Some('(') => NotNumberReason::Parentheses,
        Some(ch) => NotNumberReason::Unexpected(ch),
    }
}

/// Scans trimmed text. Errors carry byte offsets into `t`.
fn scan(t: &str, mark: DecimalMark) -> Result<Scan, (NotNumberReason, usize)> {
    if t.is_empty() {
        return Ok(Scan::Blank);
    }
    // A dash, or ".." / "…" as statistics tables print a figure not available.
    let mut chars = t.chars();
    let lone_minus = matches!((chars.next(), chars.next()), (Some(ch), None) if is_minus_char(ch));
    if lone_minus || matches!(t, "\u{2014}" | ".." | "\u{2026}") {
        return Ok(Scan::Nothing);
    }
    let dec = mark.as_char();
    let other = mark.other().as_char();
    let mut c = Cursor { text: t, pos: 0 };

    // Opening parenthesis and sign.
    let parenthesized = c.eat("(");
    if parenthesized {
        c.skip_ws();
    }
    let sign_pos = c.pos;
    let sign = match c.peek() {
        Some('+') => {
            c.bump();
            if c.eat("/-") || c.eat("/\u{2212}") || c.eat("/\u{2013}") {
                Sign::PlusMinus
            } else {
                Sign::Plus
            }
        }
        Some('±') => {
            c.bump();
            Sign::PlusMinus
        }
        Some(ch) if is_minus_char(ch) => {
            c.bump();
            Sign::Minus
        }
        _ => Sign::None,
    };
    if sign != Sign::None {
        if parenthesized {
            return Err((NotNumberReason::TwoSigns, sign_pos));
        }
        c.skip_ws();
        if let Some(ch) = c.peek() {
            if is_sign_char(ch) || ch == '(' {
                return Err((NotNumberReason::TwoSigns, c.pos));
            }
        }
    }

    // Integer part, with its groups.
    let mut mantissa: u128 = 0;
    let mut too_large = false;
    let int_digits = c.int_digits(&mut mantissa, &mut too_large);
    if int_digits == 0 && !(c.peek() == Some(dec) && c.digit_after(dec)) {
        return Err((leading_reason(&c, mark), c.pos));
    }
    let mut separator: Option<bool> = None; // Some(true): the other mark
    while let Some(ch) = c.peek() {
        let is_mark = if is_space_separator(ch) {
            false
        } else if ch == other {
            true
        } else {
            break;
        };
        if !c.digit_after(ch) {
            break;
        }
        let at = c.pos;
        match separator {
            Some(kind) if kind != is_mark => return Err((NotNumberReason::MixedSeparators, at)),
            Some(_) => {}
            None if int_digits > 3 => return Err((NotNumberReason::BadGrouping, at)),
            None => separator = Some(is_mark),
        }
        c.bump();
        if c.int_digits(&mut mantissa, &mut too_large) != 3 {
            return Err((NotNumberReason::BadGrouping, at));
        }
    }

    // Decimals. Zeros are held back until a later digit is not zero, so
    // trailing zeros never cost precision.
    let mut decimals: usize = 0;
    let mut scale: u32 = 0;
    let mut zeros: usize = 0;
    let mut too_precise = false;
    if c.peek() == Some(dec) {
        if !c.digit_after(dec) {
            return Err((NotNumberReason::MarkWithoutDigits, c.pos));
        }
        c.bump();
        let bytes = t.as_bytes();
        while let Some(&b) = bytes.get(c.pos) {
            if !b.is_ascii_digit() {
                break;
            }
            c.pos += 1;
            decimals += 1;
            if b == b'0' {
                zeros += 1;
                continue;
            }
            if !too_precise && !too_large {
                let step = u32::try_from(zeros + 1).ok();
                let new_scale = step.and_then(|s| scale.checked_add(s));
                let grown = step
                    .and_then(pow10)
                    .and_then(|p| mantissa.checked_mul(p))
                    .and_then(|m| m.checked_add(u128::from(b - b'0')))
                    .filter(|m| *m <= MAX_MANTISSA);
                match (new_scale, grown) {
                    (Some(s), Some(m)) if s <= Decimal::MAX_SCALE => {
                        scale = s;
                        mantissa = m;
                    }
                    _ => too_precise = true,
                }
            }
            zeros = 0;
        }
        if let Some(ch) = c.peek() {
            if c.digit_after(ch) {
                if ch == dec {
                    return Err((NotNumberReason::TwoDecimalMarks, c.pos));
                }
                if ch == other {
                    return Err((NotNumberReason::MixedMarks, c.pos));
                }
                if is_space_separator(ch) {
                    return Err((NotNumberReason::BadGrouping, c.pos));
                }
            }
        }
    }

    // Closing parenthesis, percent or unit, closing parenthesis.
    c.skip_ws();
    let mut closed = false;
    if parenthesized && c.eat(")") {
        closed = true;
        c.skip_ws();
    }
    let mut percent = false;
    let mut unit = UnitSuffix::None;
    match c.peek() {
        Some('%') => {
            percent = true;
            c.bump();
        }
        Some(ch) if crate::latin::is_letter(ch) => {
            let start = c.pos;
            while let Some(ch) = c.peek() {
                if !(crate::latin::is_letter(ch) || ch.is_whitespace()) {
                    break;
                }
                c.bump();
            }
            let word = t.get(start..c.pos).unwrap_or_default().trim_end();
            match c.peek() {
                None => {}
                Some(')') if parenthesized && !closed => {}
                Some(_) => return Err((NotNumberReason::Letters, start)),
            }
            unit = match Unit::from_word(word) {
                Some(u) => UnitSuffix::Known(u),
                None => UnitSuffix::Unknown {
                    start,
                    end: start + word.len(),
                },
            };
        }
        _ => {}
    }
    c.skip_ws();
    if parenthesized && !closed {
        if !c.eat(")") {
            let reason = match c.peek() {
                None => NotNumberReason::Parentheses,
                Some(_) => trailing_reason(&c),
            };
            return Err((reason, c.pos));
        }
        c.skip_ws();
    }
    if c.pos < t.len() {
        return Err((trailing_reason(&c), c.pos));
    }

    if sign == Sign::PlusMinus && (mantissa != 0 || too_large) {
        return Err((NotNumberReason::PlusMinusNotZero, sign_pos));
    }

    let decimals_u32 = u32::try_from(decimals).unwrap_or(u32::MAX);
    let value = if too_large {
        Err(Magnitude::TooLarge)
    } else if too_precise {
        Err(Magnitude::TooPrecise)
    } else {
        // Show the written decimals in the scale when they fit.
        let (mantissa, scale) = if decimals_u32 <= Decimal::MAX_SCALE {
            match decimals_u32
                .checked_sub(scale)
                .and_then(pow10)
                .and_then(|p| mantissa.checked_mul(p))
                .filter(|m| *m <= MAX_MANTISSA)
            {
                Some(m) => (m, decimals_u32),
                None => (mantissa, scale),
            }
        } else {
            (mantissa, scale)
        };
        let negative = sign == Sign::Minus || parenthesized;
        let signed = i128::try_from(mantissa).unwrap_or(i128::MAX);
        let signed = if negative { -signed } else { signed };
        Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| Magnitude::TooLarge)
    };
    Ok(Scan::Number(Scanned {
        value,
        decimals: decimals_u32,
        percent,
        unit,
        sign,
        parenthesized,
    }))
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// How thousands are grouped when writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Grouping {
    /// No grouping: `1234567`.
    #[default]
    None,
    /// A plain space: `1 234 567`.
    Space,
    /// A no-break space, U+00A0.
    NoBreakSpace,
    /// A narrow no-break space, U+202F.
    NarrowNoBreakSpace,
    /// The mark that is not the decimal mark: `1.234.567,5` or
    /// `1,234,567.5`.
    OtherMark,
}

/// The space written between a number and its percent sign or unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Gap {
    /// Nothing: `26,5%`, `6 000tkr`.
    None,
    /// A plain space.
    #[default]
    Space,
    /// A no-break space, U+00A0.
    NoBreakSpace,
    /// A narrow no-break space, U+202F.
    NarrowNoBreakSpace,
}

impl Gap {
    fn as_char(self) -> Option<char> {
        match self {
            Gap::None => None,
            Gap::Space => Some(' '),
            Gap::NoBreakSpace => Some('\u{a0}'),
            Gap::NarrowNoBreakSpace => Some('\u{202f}'),
        }
    }
}

/// The character written for a minus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MinusSign {
    /// ASCII hyphen-minus `-`, which every spreadsheet reads.
    #[default]
    HyphenMinus,
    /// The typographic minus U+2212 `−`.
    Minus,
}

/// What follows the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Suffix {
    /// Nothing.
    #[default]
    None,
    /// A percent sign.
    Percent,
    /// A unit, written as its [`Unit::symbol`].
    Unit(Unit),
}

/// How [`format_decimal`] writes a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NumberStyle {
    /// The decimal mark.
    pub mark: DecimalMark,
    /// The thousands separator.
    pub grouping: Grouping,
    /// A fixed number of decimals (rounded half away from zero, or padded
    /// with zeros; at most 28, larger numbers count as 28), or `None` for as
    /// many as the value's scale has (`7.80` writes `7,80`).
    pub decimals: Option<u32>,
    /// The minus character.
    pub minus: MinusSign,
    /// Write `+` before values above zero.
    pub explicit_plus: bool,
    /// Write negative values in parentheses instead of with a minus.
    pub parentheses: bool,
    /// A percent sign or unit after the number.
    pub suffix: Suffix,
    /// The space between the number and its suffix.
    pub gap: Gap,
}

impl Default for NumberStyle {
    /// [`NumberStyle::swedish_display`].
    fn default() -> Self {
        NumberStyle::swedish_display()
    }
}

impl NumberStyle {
    /// Swedish for the screen and for reports: decimal comma, thousands
    /// grouped by a no-break space, hyphen-minus: `-1 864,1` (with U+00A0).
    pub fn swedish_display() -> Self {
        NumberStyle {
            mark: DecimalMark::Comma,
            grouping: Grouping::NoBreakSpace,
            decimals: None,
            minus: MinusSign::HyphenMinus,
            explicit_plus: false,
            parentheses: false,
            suffix: Suffix::None,
            gap: Gap::NoBreakSpace,
        }
    }

    /// Swedish for CSV files that Excel opens with a Swedish locale: decimal
    /// comma, no grouping: `-1864,1`.
    pub fn swedish_plain() -> Self {
        NumberStyle {
            grouping: Grouping::None,
            gap: Gap::Space,
            ..NumberStyle::swedish_display()
        }
    }

    /// Locale-neutral, for JSON, international CSV and code: decimal point,
    /// no grouping: `-1864.1`.
    pub fn neutral() -> Self {
        NumberStyle {
            mark: DecimalMark::Point,
            ..NumberStyle::swedish_plain()
        }
    }

    /// The same style with a fixed number of decimals (or `None`).
    pub fn with_decimals(self, decimals: Option<u32>) -> Self {
        NumberStyle { decimals, ..self }
    }

    /// The same style with a percent sign or unit after the number.
    pub fn with_suffix(self, suffix: Suffix) -> Self {
        NumberStyle { suffix, ..self }
    }
}

/// Writes a value in a style. Rounds only when the style fixes fewer
/// decimals than the value has (half away from zero); a value that rounds to
/// zero is written without a sign. Whatever it writes, [`read_number`] with
/// the style's mark reads back to the same (rounded) value.
pub fn format_decimal(value: Decimal, style: &NumberStyle) -> String {
    let fixed = style.decimals.map(|d| d.min(Decimal::MAX_SCALE));
    let value = match fixed {
        Some(d) if d < value.scale() => {
            value.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero)
        }
        _ => value,
    };
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    let shown = fixed.map_or(scale, |d| usize::try_from(d).unwrap_or(0));
    let mut magnitude = value.mantissa().unsigned_abs();
    let negative = value.is_sign_negative() && magnitude != 0;

    // The mantissa's digits, right-aligned, with at least one integer digit.
    let mut buf = [b'0'; 40];
    let mut len = 0;
    for slot in buf.iter_mut().rev() {
        // `magnitude % 10` is below 10, so the cast cannot truncate.
        *slot = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        len += 1;
        if magnitude == 0 && len > scale {
            break;
        }
    }
    let digits = buf.get(buf.len() - len..).unwrap_or_default();
    let (int, frac) = digits.split_at(len - scale);

    let mut out = String::with_capacity(len + len / 3 + shown.saturating_sub(scale) + 12);
    if negative {
        if style.parentheses {
            out.push('(');
        } else {
            out.push(match style.minus {
                MinusSign::HyphenMinus => '-',
                MinusSign::Minus => '\u{2212}',
            });
        }
    } else if style.explicit_plus && !value.is_zero() {
        out.push('+');
    }
    let separator = match style.grouping {
        Grouping::None => None,
        Grouping::Space => Some(' '),
        Grouping::NoBreakSpace => Some('\u{a0}'),
        Grouping::NarrowNoBreakSpace => Some('\u{202f}'),
        Grouping::OtherMark => Some(style.mark.other().as_char()),
    };
    for (i, d) in int.iter().enumerate() {
        if let Some(sep) = separator {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(sep);
            }
        }
        out.push(char::from(*d));
    }
    if shown > 0 {
        out.push(style.mark.as_char());
        out.extend(frac.iter().map(|d| char::from(*d)));
        out.extend(std::iter::repeat_n('0', shown.saturating_sub(scale)));
    }
    match style.suffix {
        Suffix::None => {}
        Suffix::Percent => {
            out.extend(style.gap.as_char());
            out.push('%');
        }
        Suffix::Unit(unit) => {
            out.extend(style.gap.as_char());
            out.push_str(unit.symbol());
        }
    }
    if negative && style.parentheses {
        out.push(')');
    }
    out
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    use DecimalMark::{Comma, Point};

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// (input, mark, value, decimals, percent, unit, sign, parenthesized)
    type Case = (
        &'static str,
        DecimalMark,
        &'static str,
        u32,
        bool,
        Option<Unit>,
        Sign,
        bool,
    );

    const N: Sign = Sign::None;
    const P: Sign = Sign::Plus;
    const M: Sign = Sign::Minus;
    const PM: Sign = Sign::PlusMinus;

    #[rustfmt::skip]
    const NUMBERS: &[Case] = &[
        // Plain, decimals shown.
        ("0", Comma, "0", 0, false, None, N, false),
        ("24", Comma, "24", 0, false, None, N, false),
        ("7,8", Comma, "7.8", 1, false, None, N, false),
        ("0,0", Comma, "0.0", 1, false, None, N, false),
        ("12,50", Comma, "12.50", 2, false, None, N, false),
        ("1864,1", Comma, "1864.1", 1, false, None, N, false),
        ("1234567", Comma, "1234567", 0, false, None, N, false),
        ("007", Comma, "7", 0, false, None, N, false),
        ("0.5", Point, "0.5", 1, false, None, N, false),
        ("1864.1", Point, "1864.1", 1, false, None, N, false),
        // Leading decimal mark.
        (",5", Comma, "0.5", 1, false, None, N, false),
        (".25", Point, "0.25", 2, false, None, N, false),
        ("-,5", Comma, "-0.5", 1, false, None, M, false),
        // Grouping by space, no-break space, narrow no-break space, thin space.
        ("1 400", Comma, "1400", 0, false, None, N, false),
        ("-1 864,1", Comma, "-1864.1", 1, false, None, M, false),
        ("12 345 678,9", Comma, "12345678.9", 1, false, None, N, false),
        ("1\u{a0}234\u{a0}567", Comma, "1234567", 0, false, None, N, false),
        ("1\u{202f}234,5", Comma, "1234.5", 1, false, None, N, false),
        ("1\u{2009}234", Comma, "1234", 0, false, None, N, false),
        ("1 234.5", Point, "1234.5", 1, false, None, N, false),
        // Grouping by the other mark.
        ("1.234,5", Comma, "1234.5", 1, false, None, N, false),
        ("1.234.567", Comma, "1234567", 0, false, None, N, false),
        ("1,234.5", Point, "1234.5", 1, false, None, N, false),
        ("1,234,567", Point, "1234567", 0, false, None, N, false),
        ("1,234", Point, "1234", 0, false, None, N, false),
        ("1,234", Comma, "1.234", 3, false, None, N, false),
        ("1.234", Comma, "1234", 0, false, None, N, false),
        ("1.234", Point, "1.234", 3, false, None, N, false),
        // Minus forms.
        ("-5", Comma, "-5", 0, false, None, M, false),
        ("\u{2212}5,5", Comma, "-5.5", 1, false, None, M, false),
        ("\u{2013}3,2", Comma, "-3.2", 1, false, None, M, false),
        ("- 5", Comma, "-5", 0, false, None, M, false),
        ("\u{2013} 3,2", Comma, "-3.2", 1, false, None, M, false),
        // Unicode hyphens as minus (web statistics tables: "\u{2011}531 530").
        ("\u{2011}531 530", Comma, "-531530", 0, false, None, M, false),
        ("\u{2010}20,2", Comma, "-20.2", 1, false, None, M, false),
        ("-0", Comma, "0", 0, false, None, M, false),
        ("-0,0", Comma, "0.0", 1, false, None, M, false),
        // Plus forms.
        ("+28,7", Comma, "28.7", 1, false, None, P, false),
        ("+24", Comma, "24", 0, false, None, P, false),
        ("+ 3,0", Comma, "3.0", 1, false, None, P, false),
        ("+0", Comma, "0", 0, false, None, P, false),
        // Plus-minus zero.
        ("±0", Comma, "0", 0, false, None, PM, false),
        ("± 0", Comma, "0", 0, false, None, PM, false),
        ("±0,0", Comma, "0.0", 1, false, None, PM, false),
        ("+/-0", Comma, "0", 0, false, None, PM, false),
        ("+/- 0", Comma, "0", 0, false, None, PM, false),
        ("+/−0", Comma, "0", 0, false, None, PM, false),
        ("±0 tkr", Comma, "0", 0, false, Some(Unit::Tkr), PM, false),
        // Parentheses.
        ("(1 234)", Comma, "-1234", 0, false, None, N, true),
        ("( 1 234,5 )", Comma, "-1234.5", 1, false, None, N, true),
        ("(0)", Comma, "0", 0, false, None, N, true),
        ("(5 tkr)", Comma, "-5", 0, false, Some(Unit::Tkr), N, true),
        ("(5) tkr", Comma, "-5", 0, false, Some(Unit::Tkr), N, true),
        ("(2,5%)", Comma, "-2.5", 1, true, None, N, true),
        ("(1,234.5)", Point, "-1234.5", 1, false, None, N, true),
        // Percentages.
        ("26,5%", Comma, "26.5", 1, true, None, N, false),
        ("-2,2 %", Comma, "-2.2", 1, true, None, M, false),
        ("2,58%", Comma, "2.58", 2, true, None, N, false),
        ("100%", Comma, "100", 0, true, None, N, false),
        ("0 %", Comma, "0", 0, true, None, N, false),
        ("7,03 %", Comma, "7.03", 2, true, None, N, false),
        ("+5,1%", Comma, "5.1", 1, true, None, P, false),
        ("12.5\u{a0}%", Point, "12.5", 1, true, None, N, false),
        // Units, glued or spaced, any case.
        ("26 350tkr", Comma, "26350", 0, false, Some(Unit::Tkr), N, false),
        ("-237 112 tkr", Comma, "-237112", 0, false, Some(Unit::Tkr), M, false),
        ("0,0Mnkr", Comma, "0.0", 1, false, Some(Unit::Mnkr), N, false),
        ("101,0 Mnkr", Comma, "101.0", 1, false, Some(Unit::Mnkr), N, false),
        ("+78,2 mnkr", Comma, "78.2", 1, false, Some(Unit::Mnkr), P, false),
        ("-11,8 mnkr", Comma, "-11.8", 1, false, Some(Unit::Mnkr), M, false),
        ("2 000 kr", Comma, "2000", 0, false, Some(Unit::Kr), N, false),
        ("3 Mkr", Comma, "3", 0, false, Some(Unit::Mnkr), N, false),
        ("3 MKR", Comma, "3", 0, false, Some(Unit::Mnkr), N, false),
        ("1,5 mdkr", Comma, "1.5", 1, false, Some(Unit::Mdkr), N, false),
        ("4,2 miljoner kronor", Comma, "4.2", 1, false, Some(Unit::Mnkr), N, false),
        ("4,2 miljoner", Comma, "4.2", 1, false, Some(Unit::Mnkr), N, false),
        ("2 miljarder kronor", Comma, "2", 0, false, Some(Unit::Mdkr), N, false),
        ("500 tusen kronor", Comma, "500", 0, false, Some(Unit::Tkr), N, false),
        ("500 tusen\u{a0} kronor", Comma, "500", 0, false, Some(Unit::Tkr), N, false),
        ("12 kronor", Comma, "12", 0, false, Some(Unit::Kr), N, false),
        ("12 SEK", Comma, "12", 0, false, Some(Unit::Kr), N, false),
        ("12tSEK", Comma, "12", 0, false, Some(Unit::Tkr), N, false),
        ("12 KSEK", Comma, "12", 0, false, Some(Unit::Tkr), N, false),
        ("1.5 MSEK", Point, "1.5", 1, false, Some(Unit::Mnkr), N, false),
        // Whitespace around.
        ("  5 ", Comma, "5", 0, false, None, N, false),
        ("\u{a0}5\t", Comma, "5", 0, false, None, N, false),
        ("\n-1 864,1\n", Comma, "-1864.1", 1, false, None, M, false),
        // Extremes.
        ("79 228 162 514 264 337 593 543 950 335", Comma, "79228162514264337593543950335", 0, false, None, N, false),
        ("-79228162514264337593543950335", Comma, "-79228162514264337593543950335", 0, false, None, M, false),
        ("0,0000000000000000000000000001", Comma, "0.0000000000000000000000000001", 28, false, None, N, false),
        ("7,9228162514264337593543950335", Comma, "7.9228162514264337593543950335", 28, false, None, N, false),
        // More decimals shown than a Decimal holds, but only zeros past them.
        ("0,100000000000000000000000000000000", Comma, "0.1", 33, false, None, N, false),
        ("79228162514264337593543950335,0", Comma, "79228162514264337593543950335", 1, false, None, N, false),
    ];

    #[test]
    fn reads_numbers() {
        for &(input, mark, value, decimals, percent, unit, sign, parens) in NUMBERS {
            let got = read_number(input, mark);
            let Ok(Reading::Number(n)) = got else {
                panic!("{input:?} ({mark:?}): {got:?}");
            };
            let want = dec(value);
            assert_eq!(n.value, want, "{input:?} value");
            assert_eq!(n.value.scale(), want.scale(), "{input:?} scale");
            assert!(
                !n.value.is_sign_negative() || !n.value.is_zero(),
                "{input:?} -0"
            );
            assert_eq!(n.decimals, decimals, "{input:?} decimals");
            assert_eq!(n.percent, percent, "{input:?} percent");
            assert_eq!(n.unit, unit, "{input:?} unit");
            assert_eq!(n.sign, sign, "{input:?} sign");
            assert_eq!(n.explicit_plus(), sign == Sign::Plus, "{input:?} plus");
            assert_eq!(n.parenthesized, parens, "{input:?} parentheses");
        }
    }

    #[test]
    fn reads_blank_and_nothing() {
        for input in ["", " ", "\t\n", "\u{a0}\u{202f}"] {
            assert_eq!(read_number(input, Comma), Ok(Reading::Blank), "{input:?}");
        }
        for input in ["-", "–", "—", "−", " - ", "\u{a0}–", "\u{2011}", "..", "…"] {
            assert_eq!(read_number(input, Comma), Ok(Reading::Nothing), "{input:?}");
            assert_eq!(read_number(input, Point), Ok(Reading::Nothing), "{input:?}");
        }
        assert_eq!(Reading::Blank.number(), None);
    }

    use NotNumberReason as R;

    #[rustfmt::skip]
    const NOT_NUMBERS: &[(&str, DecimalMark, NotNumberReason, usize)] = &[
        ("Re", Comma, R::Letters, 0),
        ("Re/ny", Comma, R::Letters, 0),
        ("ca 5", Comma, R::Letters, 0),
        ("+", Comma, R::NoDigits, 1),
        ("%", Comma, R::NoDigits, 0),
        ("()", Comma, R::NoDigits, 1),
        (",", Comma, R::NoDigits, 0),
        ("101 (1)", Comma, R::Unexpected('('), 4),
        ("22 (1) (inköp 1 grunddok)", Comma, R::Unexpected('('), 3),
        ("4011+ 4081", Comma, R::MisplacedSign, 4),
        ("5-", Comma, R::MisplacedSign, 1),
        ("5 -3", Comma, R::MisplacedSign, 2),
        ("1 40", Comma, R::BadGrouping, 1),
        ("1234 567", Comma, R::BadGrouping, 4),
        ("1 2345", Comma, R::BadGrouping, 1),
        ("1 400 1 400", Comma, R::BadGrouping, 5),
        ("0 1 400", Comma, R::BadGrouping, 1),
        ("12  345", Comma, R::BadGrouping, 4),
        ("3,141 59", Comma, R::BadGrouping, 5),
        ("1.5", Comma, R::BadGrouping, 1),
        (".5", Comma, R::BadGrouping, 0),
        ("12,50", Point, R::BadGrouping, 2),
        ("1 234,5", Point, R::MixedSeparators, 5),
        ("1 234.567", Comma, R::MixedSeparators, 5),
        ("1.234 567", Comma, R::MixedSeparators, 5),
        ("1,2,3", Comma, R::TwoDecimalMarks, 3),
        ("1.234.5", Point, R::TwoDecimalMarks, 5),
        ("1,234.5", Comma, R::MixedMarks, 5),
        ("5,", Comma, R::MarkWithoutDigits, 1),
        ("5,-", Comma, R::MarkWithoutDigits, 1),
        ("--5", Comma, R::TwoSigns, 1),
        ("+-5", Comma, R::TwoSigns, 1),
        ("- -5", Comma, R::TwoSigns, 2),
        ("-(5)", Comma, R::TwoSigns, 1),
        ("(-5)", Comma, R::TwoSigns, 1),
        ("(5", Comma, R::Parentheses, 2),
        ("5)", Comma, R::Parentheses, 1),
        ("((5))", Comma, R::Parentheses, 1),
        ("±5", Comma, R::PlusMinusNotZero, 0),
        ("+/-1,0", Comma, R::PlusMinusNotZero, 0),
        ("—5", Comma, R::Unexpected('—'), 0),
        ("5 % tkr", Comma, R::Letters, 4),
        ("5 tkr %", Comma, R::Letters, 2),
        ("5 kr/st", Comma, R::Letters, 2),
        ("5 %%", Comma, R::Unexpected('%'), 3),
        ("\u{ff11}", Comma, R::Unexpected('\u{ff11}'), 0),
        ("x5", Comma, R::Letters, 0),
        ("5 5", Comma, R::BadGrouping, 1),
        ("2021-01-01", Comma, R::MisplacedSign, 4),
        ("1/2", Comma, R::Unexpected('/'), 1),
    ];

    #[test]
    fn rejects_non_numbers() {
        for &(input, mark, reason, at) in NOT_NUMBERS {
            assert_eq!(
                read_number(input, mark),
                Err(NumberError::NotANumber { reason, at }),
                "{input:?} ({mark:?})"
            );
        }
    }

    #[test]
    fn error_offsets_count_from_the_untrimmed_text() {
        assert_eq!(
            read_number("  1 40", Comma),
            Err(NumberError::NotANumber {
                reason: R::BadGrouping,
                at: 3
            })
        );
        assert_eq!(
            read_number("\u{a0}Re", Comma),
            Err(NumberError::NotANumber {
                reason: R::Letters,
                at: 2
            })
        );
    }

    #[test]
    fn rejects_unknown_units_and_sizes() {
        for (input, unit) in [
            ("12 st", "st"),
            ("12st", "st"),
            ("5 år", "år"),
            ("2021 års budget", "års budget"),
            ("3 EUR", "EUR"),
            ("(3 euro)", "euro"),
        ] {
            assert_eq!(
                read_number(input, Comma),
                Err(NumberError::UnknownUnit { unit: unit.into() }),
                "{input:?}"
            );
        }
        for input in [
            "79228162514264337593543950336",
            "100 000 000 000 000 000 000 000 000 000",
            "99999999999999999999999999999999999999999999999999,5",
        ] {
            assert_eq!(
                read_number(input, Comma),
                Err(NumberError::TooLarge),
                "{input:?}"
            );
        }
        for input in [
            "0,00000000000000000000000000001",
            "7,92281625142643375935439503351",
            "79228162514264337593543950335,5",
        ] {
            assert_eq!(
                read_number(input, Comma),
                Err(NumberError::TooPrecise),
                "{input:?}"
            );
        }
    }

    #[test]
    fn error_messages_in_both_languages() {
        let e = read_number("1 40", Comma).unwrap_err();
        assert_eq!(
            e.message(Lang::Sv),
            "inte ett tal: felaktig tusentalsgruppering (grupperna efter den första ska ha tre siffror)"
        );
        assert!(e
            .to_string()
            .starts_with("not a number: bad thousands grouping"));
        let e = read_number("12 st", Comma).unwrap_err();
        assert_eq!(e.message(Lang::Sv), "okänd enhet «st»");
        assert_eq!(e.to_string(), "unknown unit «st»");
        assert!(NumberError::TooLarge
            .message(Lang::Sv)
            .contains("för stort"));
        assert!(R::Unexpected('(').message(Lang::En).contains("«(»"));
        assert!(ConvertError::Inexact.to_string().contains("exactly"));
    }

    #[test]
    fn units_from_words() {
        for (word, unit) in [
            ("kr", Unit::Kr),
            ("KR", Unit::Kr),
            ("kronor", Unit::Kr),
            ("SEK", Unit::Kr),
            ("tkr", Unit::Tkr),
            ("Tkr", Unit::Tkr),
            ("tusen kronor", Unit::Tkr),
            ("tSEK", Unit::Tkr),
            ("KSEK", Unit::Tkr),
            ("mnkr", Unit::Mnkr),
            ("Mkr", Unit::Mnkr),
            ("Mnkr", Unit::Mnkr),
            ("miljoner kronor", Unit::Mnkr),
            (" Miljoner \n kronor ", Unit::Mnkr),
            ("miljoner", Unit::Mnkr),
            ("MSEK", Unit::Mnkr),
            ("mdkr", Unit::Mdkr),
            ("miljarder kronor", Unit::Mdkr),
            ("miljarder", Unit::Mdkr),
        ] {
            assert_eq!(Unit::from_word(word), Some(unit), "{word:?}");
        }
        for word in [
            "",
            "k",
            "kronor kronor",
            "tusen",
            "mn kr",
            "st",
            "tkrx",
            "miljoner kr",
        ] {
            assert_eq!(Unit::from_word(word), None, "{word:?}");
        }
        for (words, unit) in UNIT_WORDS {
            assert_eq!(Unit::from_word(&words.join(" ")), Some(*unit), "{words:?}");
            assert_eq!(
                Unit::from_word(&words.join(" ").to_uppercase()),
                Some(*unit)
            );
        }
        for unit in Unit::ALL {
            assert_eq!(Unit::from_word(unit.symbol()), Some(unit));
            assert_eq!(Unit::from_word(unit.name(Lang::Sv)), Some(unit));
            assert_eq!(unit.to_string(), unit.symbol());
            assert_eq!(unit.factor(), Decimal::from(10u64.pow(unit.exponent())));
        }
        assert_eq!(Unit::Mnkr.name(Lang::En), "million kronor");
    }

    #[test]
    fn converts_exactly() {
        use Unit::*;
        for (value, from, to, want) in [
            ("1", Mnkr, Tkr, "1000"),
            ("1,5", Mnkr, Tkr, "1500"),
            ("-297,2", Mnkr, Kr, "-297200000"),
            ("1400", Tkr, Mnkr, "1.400"),
            ("26350", Tkr, Mnkr, "26.350"),
            ("1", Kr, Mdkr, "0.000000001"),
            ("12,34", Tkr, Tkr, "12.34"),
            ("0,001", Mdkr, Kr, "1000000"),
            // 28 decimals after the division, exactly.
            (
                "0,0000000000000000001",
                Kr,
                Mdkr,
                "0.0000000000000000000000000001",
            ),
            // Trailing zeros make room.
            ("0,1000000000000000000000000000", Tkr, Mdkr, "0.0000001"),
            (
                "79228162514264337593543950,335",
                Tkr,
                Kr,
                "79228162514264337593543950335",
            ),
        ] {
            let got = convert(dec(&value.replace(',', ".")), from, to);
            assert_eq!(got, Ok(dec(want)), "{value} {from} -> {to}");
        }
        assert_eq!(convert(Decimal::MAX, Tkr, Kr), Err(ConvertError::Overflow));
        assert_eq!(
            convert(Decimal::MIN, Kr, Mdkr),
            Ok(dec("-79228162514264337593.543950335"))
        );
        assert_eq!(
            convert(dec("79228162514264337593543951"), Mnkr, Tkr),
            Err(ConvertError::Overflow)
        );
        assert_eq!(
            convert(dec("0.0000000000000000000000000001"), Kr, Tkr),
            Err(ConvertError::Inexact)
        );
        assert_eq!(
            convert(dec("1.2345678901234567890123456789"), Tkr, Mnkr),
            Err(ConvertError::Inexact)
        );
    }

    #[test]
    fn decides_decimal_marks() {
        let d = |cells: &[&str], hint| decide_decimal_mark(cells.iter().copied(), hint);
        let comma = d(&["1 234,5", "24", ""], None);
        assert_eq!((comma.mark, comma.guessed), (Comma, false));
        assert!(comma.contradicting.is_empty() && comma.ambiguous.is_empty());
        assert_eq!(d(&["12,50"], Some(Point)).mark, Comma);
        assert_eq!(d(&["0,5", "-"], Some(Point)).mark, Comma);
        let point = d(&["1,234.5", "7"], None);
        assert_eq!((point.mark, point.guessed), (Point, false));
        assert_eq!(d(&["0.5"], None).mark, Point);
        // Only ambiguous cells: a guess, the hint or Swedish.
        let guess = d(&["1,234", "1.234", "Summa"], None);
        assert_eq!((guess.mark, guess.guessed), (Comma, true));
        assert_eq!(guess.ambiguous, vec![0, 1]);
        let guess = d(&["1,234"], Some(Point));
        assert_eq!((guess.mark, guess.guessed), (Point, true));
        // Integers only: guessed, but nothing depends on it.
        let ints = d(&["1 400", "24", "-5", "+28 tkr"], None);
        assert_eq!((ints.mark, ints.guessed), (Comma, true));
        assert!(ints.ambiguous.is_empty());
        assert!(d(&[], None).guessed);
        // Contradictions: the majority wins, the rest is listed.
        let mixed = d(&["1,5", "2,5", "3.5", "1,234"], None);
        assert_eq!((mixed.mark, mixed.guessed), (Comma, false));
        assert_eq!(mixed.contradicting, vec![2]);
        assert_eq!(mixed.ambiguous, vec![3]);
        let tie = d(&["1,5", "3.5"], Some(Point));
        assert_eq!(
            (tie.mark, tie.guessed, tie.contradicting),
            (Point, false, vec![0])
        );
        // A shape with an unknown unit is still evidence.
        assert_eq!(d(&["12,5 st"], Some(Point)).mark, Comma);
    }

    #[test]
    fn formats() {
        let sv = NumberStyle::swedish_display();
        let plain = NumberStyle::swedish_plain();
        let neutral = NumberStyle::neutral();
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        for (value, style, want) in [
            ("-1864.1", sv, nb("-1 864,1")),
            ("-1864.1", plain, "-1864,1".into()),
            ("-1864.1", neutral, "-1864.1".into()),
            ("0", sv, "0".into()),
            ("7.80", sv, "7,80".into()),
            ("0.05", sv, "0,05".into()),
            ("123", sv, "123".into()),
            ("1234", sv, nb("1 234")),
            ("123456", sv, nb("123 456")),
            ("1234567.125", sv, nb("1 234 567,125")),
            (
                "-79228162514264337593543950335",
                sv,
                nb("-79 228 162 514 264 337 593 543 950 335"),
            ),
            (
                "0.0000000000000000000000000001",
                neutral,
                "0.0000000000000000000000000001".into(),
            ),
            // Fixed decimals, rounded half away from zero.
            ("2.25", plain.with_decimals(Some(1)), "2,3".into()),
            ("-2.25", plain.with_decimals(Some(1)), "-2,3".into()),
            ("2.24", plain.with_decimals(Some(1)), "2,2".into()),
            ("1864.15", plain.with_decimals(Some(0)), "1864".into()),
            ("999.5", sv.with_decimals(Some(0)), nb("1 000")),
            ("7.8", plain.with_decimals(Some(3)), "7,800".into()),
            ("-0.04", plain.with_decimals(Some(1)), "0,0".into()),
            (
                "5",
                plain.with_decimals(Some(40)),
                format!("5,{}", "0".repeat(28)),
            ),
            // Signs, parentheses, minus characters.
            (
                "28.7",
                NumberStyle {
                    explicit_plus: true,
                    ..plain
                },
                "+28,7".into(),
            ),
            (
                "0",
                NumberStyle {
                    explicit_plus: true,
                    ..plain
                },
                "0".into(),
            ),
            (
                "-28.7",
                NumberStyle {
                    explicit_plus: true,
                    ..plain
                },
                "-28,7".into(),
            ),
            (
                "-1234",
                NumberStyle {
                    parentheses: true,
                    ..sv
                },
                nb("(1 234)"),
            ),
            (
                "1234",
                NumberStyle {
                    parentheses: true,
                    ..sv
                },
                nb("1 234"),
            ),
            (
                "-5",
                NumberStyle {
                    minus: MinusSign::Minus,
                    ..plain
                },
                "\u{2212}5".into(),
            ),
            // Grouping variants.
            (
                "1234567.5",
                NumberStyle {
                    grouping: Grouping::Space,
                    ..plain
                },
                "1 234 567,5".into(),
            ),
            (
                "1234567.5",
                NumberStyle {
                    grouping: Grouping::NarrowNoBreakSpace,
                    ..plain
                },
                "1\u{202f}234\u{202f}567,5".into(),
            ),
            (
                "1234567.5",
                NumberStyle {
                    grouping: Grouping::OtherMark,
                    ..plain
                },
                "1.234.567,5".into(),
            ),
            (
                "1234567.5",
                NumberStyle {
                    grouping: Grouping::OtherMark,
                    ..neutral
                },
                "1,234,567.5".into(),
            ),
            // Suffixes.
            ("26.5", plain.with_suffix(Suffix::Percent), "26,5 %".into()),
            (
                "26.5",
                NumberStyle {
                    gap: Gap::None,
                    ..plain
                }
                .with_suffix(Suffix::Percent),
                "26,5%".into(),
            ),
            (
                "26350",
                sv.with_suffix(Suffix::Unit(Unit::Tkr)),
                nb("26 350 tkr"),
            ),
            (
                "-2.5",
                NumberStyle {
                    parentheses: true,
                    ..plain
                }
                .with_suffix(Suffix::Unit(Unit::Mnkr)),
                "(2,5 mnkr)".into(),
            ),
        ] {
            assert_eq!(
                format_decimal(dec(value), &style),
                want,
                "{value} {style:?}"
            );
        }
        assert_eq!(NumberStyle::default(), sv);
    }

    #[test]
    fn seed_cells_read_back_through_the_display_style() {
        for cell in ["-1 864,1", "26 350", "+28,7", "101,0", "0,0", "-237 112"] {
            let n = *read_number(cell, Comma).unwrap().number().unwrap();
            let written = format_decimal(n.value, &NumberStyle::swedish_display());
            assert_eq!(
                written.replace('\u{a0}', " ").trim_start_matches('+'),
                cell.trim_start_matches('+')
            );
        }
    }

    /// A rough throughput check for whole-table parsing: run with
    /// `cargo test --release -p kalkyl-core number::tests::throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let cells = [
            "-1 864,1",
            "26 350tkr",
            "+28,7",
            "±0",
            "2,58%",
            "1 400",
            "Regionkontoret",
            "-",
        ];
        let mut text = Vec::new();
        for i in 0..200_000 {
            text.push(cells[i % cells.len()]);
        }
        let bytes: usize = text.iter().map(|c| c.len() + 1).sum();
        let start = std::time::Instant::now();
        let mut numbers = 0usize;
        for _ in 0..10 {
            for cell in &text {
                if let Ok(Reading::Number(_)) = read_number(std::hint::black_box(cell), Comma) {
                    numbers += 1;
                }
            }
        }
        let micros = start.elapsed().as_micros().max(1);
        // Bytes per microsecond is megabytes per second.
        println!("{numbers} numbers, {} MB/s", (bytes as u128 * 10) / micros);
        for cell in cells {
            let start = std::time::Instant::now();
            for _ in 0..1_000_000 {
                let _ = std::hint::black_box(read_number(std::hint::black_box(cell), Comma));
            }
            println!("{cell:?}: {} ns", start.elapsed().as_nanos() / 1_000_000);
        }
    }

    // ----- Property tests -------------------------------------------------

    fn any_decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (
                any::<u32>(),
                any::<u32>(),
                any::<u32>(),
                any::<bool>(),
                0u32..=28
            )
                .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
            (any::<i64>(), 0u32..=28).prop_map(|(n, s)| Decimal::new(n, s)),
            (-10_000_000i64..10_000_000, 0u32..=3).prop_map(|(n, s)| Decimal::new(n, s)),
        ]
    }

    fn any_style() -> impl Strategy<Value = NumberStyle> {
        let marks = prop_oneof![Just(Comma), Just(Point)];
        let groupings = prop_oneof![
            Just(Grouping::None),
            Just(Grouping::Space),
            Just(Grouping::NoBreakSpace),
            Just(Grouping::NarrowNoBreakSpace),
            Just(Grouping::OtherMark),
        ];
        let minus = prop_oneof![Just(MinusSign::HyphenMinus), Just(MinusSign::Minus)];
        let suffix = prop_oneof![
            Just(Suffix::None),
            Just(Suffix::Percent),
            proptest::sample::select(Unit::ALL.to_vec()).prop_map(Suffix::Unit),
        ];
        let gap = prop_oneof![
            Just(Gap::None),
            Just(Gap::Space),
            Just(Gap::NoBreakSpace),
            Just(Gap::NarrowNoBreakSpace),
        ];
        let decimals = proptest::option::of(0u32..=32);
        (
            marks,
            groupings,
            decimals,
            minus,
            any::<bool>(),
            any::<bool>(),
            suffix,
            gap,
        )
            .prop_map(
                |(mark, grouping, decimals, minus, explicit_plus, parentheses, suffix, gap)| {
                    NumberStyle {
                        mark,
                        grouping,
                        decimals,
                        minus,
                        explicit_plus,
                        parentheses,
                        suffix,
                        gap,
                    }
                },
            )
    }

    proptest! {
        // The fast path and the general reader agree wherever the fast path
        // answers, on number-shaped text and on anything else.
        #[test]
        fn fast_path_answers_for_plain_numbers_only(n in -1_000_000_000i64..1_000_000_000, scale in 0u32..4) {
            let value = Decimal::new(n, scale);
            let text = format_decimal(value, &NumberStyle::swedish_display().with_decimals(Some(scale)));
            let spaced = text.replace('\u{a0}', " ");
            let fast = read_plain(spaced.as_bytes(), DecimalMark::Comma);
            prop_assert!(fast.is_some(), "{}", spaced);
            prop_assert_eq!(fast.map(|f| f.value), Some(value));
            // The no-break space goes the general way.
            prop_assert!(text == spaced || read_plain(text.as_bytes(), DecimalMark::Comma).is_none());
        }

        #[test]
        fn fast_path_agrees_with_the_general_reader(text in "[ ]{0,2}-?[0-9]{0,4}( [0-9]{1,4}){0,3}([,.][0-9]{0,4})?[ ]{0,2}|.{0,12}", comma in any::<bool>()) {
            let mark = if comma { DecimalMark::Comma } else { DecimalMark::Point };
            if let Some(fast) = read_plain(text.as_bytes(), mark) {
                prop_assert_eq!(Ok(Reading::Number(fast)), read_number_general(&text, mark));
            }
        }
    }

    proptest! {
        #[test]
        fn formatted_values_read_back_exactly(value in any_decimal(), style in any_style()) {
            let text = format_decimal(value, &style);
            let reading = read_number(&text, style.mark);
            let Ok(Reading::Number(n)) = reading else {
                return Err(TestCaseError::fail(format!("{text:?}: {reading:?}")));
            };
            let expected = match style.decimals {
                Some(d) => value.round_dp_with_strategy(d.min(28), RoundingStrategy::MidpointAwayFromZero),
                None => value,
            };
            prop_assert_eq!(n.value, expected, "{:?}", text);
            let shown = style.decimals.map_or(value.scale(), |d| d.min(28));
            prop_assert_eq!(n.decimals, shown, "{:?}", text);
            // The read value shows the written decimals when they fit, and
            // drops trailing zeros when they do not.
            let padded_fits = shown
                .checked_sub(expected.scale())
                .and_then(pow10)
                .and_then(|p| expected.mantissa().unsigned_abs().checked_mul(p))
                .is_some_and(|m| m <= MAX_MANTISSA);
            let want_scale = if padded_fits { shown } else { expected.normalize().scale() };
            prop_assert_eq!(n.value.scale(), want_scale, "{:?}", text);
            prop_assert_eq!(n.percent, style.suffix == Suffix::Percent);
            let unit = match style.suffix { Suffix::Unit(u) => Some(u), _ => None };
            prop_assert_eq!(n.unit, unit);
            let negative = expected.is_sign_negative() && !expected.is_zero();
            prop_assert_eq!(n.parenthesized, negative && style.parentheses);
            prop_assert_eq!(n.explicit_plus(), style.explicit_plus && expected > Decimal::ZERO);
            // The same text with Decimal's own parser, for values without
            // decorations.
            if style.grouping == Grouping::None && style.mark == Point && style.suffix == Suffix::None
                && !style.parentheses && style.minus == MinusSign::HyphenMinus && !style.explicit_plus {
                prop_assert_eq!(Decimal::from_str(&text).ok(), Some(expected));
            }
        }

        #[test]
        fn random_strings_never_panic(s in any::<String>(), hint in proptest::option::of(prop_oneof![Just(Comma), Just(Point)])) {
            let _ = read_number(&s, Comma);
            let _ = read_number(&s, Point);
            let _ = decide_decimal_mark([s.as_str()], hint);
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = read_number(&s, Comma);
            let _ = read_number(&s, Point);
            let _ = decide_decimal_mark(s.split('\t'), None);
        }

        /// Strings made of the characters numbers are made of reach the deep
        /// paths; whatever reads as a number writes back to the same value,
        /// and an error offset is a character boundary inside the text.
        #[test]
        fn number_like_strings_are_consistent(
            s in "[0-9 ,.+()%±/tkrmnSEKé\u{a0}\u{202f}\u{2212}\u{2013}\u{2014}-]{0,24}",
            point in any::<bool>(),
        ) {
            let mark = if point { Point } else { Comma };
            match read_number(&s, mark) {
                Ok(Reading::Number(n)) => {
                    let style = NumberStyle { mark, ..NumberStyle::swedish_display() };
                    let again = read_number(&format_decimal(n.value, &style), mark);
                    prop_assert_eq!(again.ok().and_then(|r| r.number().map(|m| m.value)), Some(n.value));
                }
                // Blank, a lone dash, or ".." (a figure not available).
                Ok(_) => prop_assert!(s.trim().chars().count() <= 1 || s.trim() == "..", "{:?}", s),
                Err(NumberError::NotANumber { at, .. }) => {
                    prop_assert!(s.is_char_boundary(at), "{:?} at {}", s, at);
                }
                Err(_) => {}
            }
            let cells: Vec<&str> = s.split('(').collect();
            let decision = decide_decimal_mark(cells.iter().copied(), None);
            prop_assert!(decision.contradicting.iter().all(|i| *i < cells.len()));
        }
    }
}
