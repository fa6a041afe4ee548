//! Diagnostics: one entry per cell or decision that was not certain when a
//! table was read. Each says where (row, column, source line), the text it
//! saw, and what Kalkyl did with it, in Swedish or English.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::number::{DecimalMark, Unit};
use crate::role::Role;

/// How much a diagnostic matters to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A decision worth knowing about; the result is very likely right.
    Info,
    /// A guess or a repair the user should look at.
    Warning,
}

/// What happened, with the facts needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// A cell in a numeric column could not be read as a number; it is kept
    /// as text and left out of every calculation.
    ReadAsText {
        /// Why, in English (the Swedish text is rendered from `reason_sv`).
        reason_en: String,
        /// Why, in Swedish.
        reason_sv: String,
    },
    /// No cell of the column showed which decimal mark it uses.
    GuessedDecimalMark {
        /// The mark chosen.
        mark: DecimalMark,
    },
    /// A cell is written with the other decimal mark than its column; it
    /// is kept as text (a column never mixes marks).
    ContradictingDecimalMark {
        /// The column's mark.
        mark: DecimalMark,
    },
    /// The heading did not name a known role; the role was guessed.
    GuessedRole {
        /// The role chosen.
        role: Role,
    },
    /// A cell gave its own unit, and the value was converted exactly.
    UnitConverted {
        /// The cell's unit.
        from: Unit,
        /// The table's unit.
        to: Unit,
    },
    /// A cell's unit could not be converted exactly; kept as text.
    UnitNotConvertible {
        /// The cell's unit.
        from: Unit,
        /// The table's unit.
        to: Unit,
    },
    /// Nothing said which unit the amounts are in.
    UnitUnknown,
    /// A percentage in a column of amounts, or an amount in a percent column.
    PercentMismatch,
    /// A row had fewer cells than the heading; the missing ones are empty.
    ShortRow {
        /// Cells expected.
        expected: usize,
        /// Cells found.
        found: usize,
    },
    /// A row had more cells than the heading; columns were added for them.
    LongRow {
        /// Cells expected.
        expected: usize,
        /// Cells found.
        found: usize,
    },
    /// A line of text with single spaces (a PDF copy) could be split into
    /// columns in more than one way; the most likely split was taken.
    AmbiguousSplit {
        /// How many splits fitted.
        candidates: usize,
    },
    /// A line of text could not be split into the table's columns; it is
    /// kept whole as the row's label.
    UnsplittableLine,
    /// A line above the table was taken as its title.
    TitleTaken,
    /// Whether the table lies on its side (periods as columns, measures
    /// as rows) was guessed, or chosen by the user; the other reading is
    /// one choice away (`ReadChoices::orientation`).
    Orientation {
        /// Whether it was turned back.
        turned: bool,
        /// Whether the user chose it (else Kalkyl guessed).
        chosen: bool,
    },
    /// A guess about where the cells of text without delimiters begin and
    /// end (one cell per line, cells run together, stacked headings).
    Layout {
        /// What was seen and done, in English.
        what_en: String,
        /// What was seen and done, in Swedish.
        what_sv: String,
    },
    /// Something about the pasted text itself (BOM, quoting, size limits).
    Source {
        /// What, in English.
        what_en: String,
        /// What, in Swedish.
        what_sv: String,
    },
}

impl DiagnosticKind {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        match self {
            DiagnosticKind::UnitConverted { .. }
            | DiagnosticKind::TitleTaken
            | DiagnosticKind::Orientation { .. } => Severity::Info,
            _ => Severity::Warning,
        }
    }

    /// What happened and what Kalkyl did, without the location.
    pub fn message(&self, lang: Lang) -> String {
        let mark_name = |mark: &DecimalMark| match (mark, lang) {
            (DecimalMark::Comma, Lang::Sv) => "decimalkomma",
            (DecimalMark::Point, Lang::Sv) => "decimalpunkt",
            (DecimalMark::Comma, Lang::En) => "decimal comma",
            (DecimalMark::Point, Lang::En) => "decimal point",
        };
        match (self, lang) {
            (DiagnosticKind::ReadAsText { reason_sv, .. }, Lang::Sv) => {
                format!("Kunde inte läsas som tal ({reason_sv}); behålls som text och räknas inte med.")
            }
            (DiagnosticKind::ReadAsText { reason_en, .. }, Lang::En) => {
                format!("Could not be read as a number ({reason_en}); kept as text and left out of calculations.")
            }
            (DiagnosticKind::GuessedDecimalMark { mark }, Lang::Sv) => format!(
                "Inget tal i kolumnen visar decimaltecknet; Kalkyl antog {}. Ändra det om det är fel.",
                mark_name(mark)
            ),
            (DiagnosticKind::GuessedDecimalMark { mark }, Lang::En) => format!(
                "No number in the column shows its decimal mark; Kalkyl assumed a {}. Change it if that is wrong.",
                mark_name(mark)
            ),
            (DiagnosticKind::ContradictingDecimalMark { mark }, Lang::Sv) => format!(
                "Skrivet med annat decimaltecken än resten av kolumnen, som har {}; en kolumn blandar aldrig decimaltecken. Byt kolumnens decimaltecken om det är fel.",
                mark_name(mark)
            ),
            (DiagnosticKind::ContradictingDecimalMark { mark }, Lang::En) => format!(
                "Written with another decimal mark than the rest of the column, which has a {}; a column never mixes them. Change the column's decimal mark if that is wrong.",
                mark_name(mark)
            ),
            (DiagnosticKind::GuessedRole { role }, l) => match l {
                Lang::Sv => format!(
                    "Rubriken känns inte igen; kolumnen tolkades som «{}». Ändra det om det är fel.",
                    role.name(l)
                ),
                Lang::En => format!(
                    "The heading is not recognised; the column was taken as «{}». Change it if that is wrong.",
                    role.name(l)
                ),
            },
            (DiagnosticKind::UnitConverted { from, to }, Lang::Sv) => {
                format!("Angivet i {from}; omräknat exakt till tabellens {to}.")
            }
            (DiagnosticKind::UnitConverted { from, to }, Lang::En) => {
                format!("Given in {from}; converted exactly to the table's {to}.")
            }
            (DiagnosticKind::UnitNotConvertible { from, to }, Lang::Sv) => {
                format!("Angivet i {from} och kan inte räknas om exakt till {to}; behålls som text.")
            }
            (DiagnosticKind::UnitNotConvertible { from, to }, Lang::En) => {
                format!("Given in {from} and cannot be converted exactly to {to}; kept as text.")
            }
            (DiagnosticKind::UnitUnknown, Lang::Sv) => {
                "Tabellen anger ingen enhet; beloppen visas som de står. Välj enhet om den behövs.".into()
            }
            (DiagnosticKind::UnitUnknown, Lang::En) => {
                "The table states no unit; amounts are shown as written. Choose a unit if needed.".into()
            }
            (DiagnosticKind::PercentMismatch, Lang::Sv) => {
                "Procent och belopp blandas i kolumnen; värdet lästes som det står.".into()
            }
            (DiagnosticKind::PercentMismatch, Lang::En) => {
                "Percentages and amounts are mixed in the column; the value was read as written.".into()
            }
            (DiagnosticKind::ShortRow { expected, found }, Lang::Sv) => {
                format!("Raden har {found} celler men rubriken {expected}; de saknade lämnades tomma.")
            }
            (DiagnosticKind::ShortRow { expected, found }, Lang::En) => {
                format!("The row has {found} cells but the heading {expected}; the missing ones were left empty.")
            }
            (DiagnosticKind::LongRow { expected, found }, Lang::Sv) => {
                format!("Raden har {found} celler men rubriken {expected}; kolumner lades till så att inget går förlorat.")
            }
            (DiagnosticKind::LongRow { expected, found }, Lang::En) => {
                format!("The row has {found} cells but the heading {expected}; columns were added so nothing is lost.")
            }
            (DiagnosticKind::AmbiguousSplit { candidates }, Lang::Sv) => format!(
                "Mellanslag skiljer både kolumner och tusental; raden kan delas på {candidates} sätt. Kalkyl valde den mest sannolika delningen: kontrollera talen."
            ),
            (DiagnosticKind::AmbiguousSplit { candidates }, Lang::En) => format!(
                "Spaces separate both columns and thousands; the row can be split {candidates} ways. Kalkyl chose the most likely split: check the numbers."
            ),
            (DiagnosticKind::UnsplittableLine, Lang::Sv) => {
                "Raden gick inte att dela upp i tabellens kolumner; hela texten behölls som benämning.".into()
            }
            (DiagnosticKind::UnsplittableLine, Lang::En) => {
                "The line could not be split into the table's columns; the whole text was kept as the label.".into()
            }
            (DiagnosticKind::Orientation { turned, chosen }, l) => {
                let text = match (turned, chosen, l) {
                    (true, false, Lang::Sv) => "Kalkyl är osäker på tabellens riktning: den verkar ligga på sidan (perioder som kolumner, belopp som rader) och vändes så att varje period blev en rad.",
                    (true, false, Lang::En) => "Kalkyl is unsure which way the table lies: it seems to lie on its side (periods as columns, figures as rows) and was turned so that each period is a row.",
                    (false, false, Lang::Sv) => "Kalkyl är osäker på tabellens riktning: raderna heter som belopp (utfall, budget), men tabellen lästes som den klistrades in.",
                    (false, false, Lang::En) => "Kalkyl is unsure which way the table lies: the rows are named like figures (outcome, budget), but the table was read as pasted.",
                    (true, true, Lang::Sv) => "Tabellen vändes som du valde: varje period är en rad.",
                    (true, true, Lang::En) => "The table was turned as you chose: each period is a row.",
                    (false, true, Lang::Sv) => "Tabellen lästes som den klistrades in, som du valde.",
                    (false, true, Lang::En) => "The table was read as pasted, as you chose.",
                };
                text.into()
            }
            (DiagnosticKind::TitleTaken, Lang::Sv) => "Raden ovanför tabellen blev dess rubrik.".into(),
            (DiagnosticKind::TitleTaken, Lang::En) => {
                "The line above the table became its title.".into()
            }
            (DiagnosticKind::Layout { what_sv, .. }, Lang::Sv) => what_sv.clone(),
            (DiagnosticKind::Layout { what_en, .. }, Lang::En) => what_en.clone(),
            (DiagnosticKind::Source { what_sv, .. }, Lang::Sv) => what_sv.clone(),
            (DiagnosticKind::Source { what_en, .. }, Lang::En) => what_en.clone(),
        }
    }
}

/// One uncertain cell or decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The table row (0-based, below the heading), or `None` for the heading
    /// or the whole table.
    pub row: Option<usize>,
    /// The column (0-based), or `None` for a whole row or table.
    pub column: Option<usize>,
    /// The 1-based line of the pasted text, when known.
    pub line: Option<usize>,
    /// The text Kalkyl saw there.
    pub seen: String,
    /// What happened.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    /// The full message: where, what was seen, and what was done.
    pub fn message(&self, lang: Lang) -> String {
        let mut place = Vec::new();
        if let Some(row) = self.row {
            place.push(format!("{} {}", lang.pick("rad", "row"), row + 1));
        } else if self.column.is_some() {
            place.push(lang.pick("rubrik", "heading").to_string());
        }
        if let Some(column) = self.column {
            place.push(format!("{} {}", lang.pick("kolumn", "column"), column + 1));
        }
        if let Some(line) = self.line {
            place.push(format!(
                "{} {}",
                lang.pick("inklistrad rad", "pasted line"),
                line
            ));
        }
        let mut out = String::new();
        if !place.is_empty() {
            let mut where_ = place.join(", ");
            // Places start with an ASCII word ("rad", "kolumn", "row").
            if let Some(first) = where_.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            out.push_str(&where_);
            out.push_str(": ");
        }
        if !self.seen.is_empty() {
            out.push('«');
            out.push_str(&self.seen);
            out.push_str("». ");
        }
        out.push_str(&self.kind.message(lang));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_kinds() -> Vec<DiagnosticKind> {
        vec![
            DiagnosticKind::ReadAsText {
                reason_en: "letters".into(),
                reason_sv: "bokstäver".into(),
            },
            DiagnosticKind::GuessedDecimalMark {
                mark: DecimalMark::Comma,
            },
            DiagnosticKind::ContradictingDecimalMark {
                mark: DecimalMark::Point,
            },
            DiagnosticKind::GuessedRole {
                role: Role::Outcome,
            },
            DiagnosticKind::UnitConverted {
                from: Unit::Tkr,
                to: Unit::Mnkr,
            },
            DiagnosticKind::UnitNotConvertible {
                from: Unit::Kr,
                to: Unit::Mdkr,
            },
            DiagnosticKind::UnitUnknown,
            DiagnosticKind::PercentMismatch,
            DiagnosticKind::ShortRow {
                expected: 4,
                found: 2,
            },
            DiagnosticKind::LongRow {
                expected: 4,
                found: 6,
            },
            DiagnosticKind::AmbiguousSplit { candidates: 2 },
            DiagnosticKind::UnsplittableLine,
            DiagnosticKind::TitleTaken,
            DiagnosticKind::Layout {
                what_en: "One cell per line.".into(),
                what_sv: "En cell per rad.".into(),
            },
            DiagnosticKind::Source {
                what_en: "A byte order mark was removed.".into(),
                what_sv: "Ett BOM-tecken togs bort.".into(),
            },
        ]
    }

    #[test]
    fn every_kind_has_a_message_in_both_languages_that_differ() {
        for kind in all_kinds() {
            let sv = kind.message(Lang::Sv);
            let en = kind.message(Lang::En);
            assert!(!sv.is_empty() && !en.is_empty(), "{kind:?}");
            assert_ne!(sv, en, "{kind:?} is not translated");
        }
    }

    #[test]
    fn message_says_where_and_what_was_seen() {
        let d = Diagnostic {
            row: Some(2),
            column: Some(1),
            line: Some(5),
            seen: "1 40".into(),
            kind: DiagnosticKind::ReadAsText {
                reason_en: "a digit group after the first must have three digits".into(),
                reason_sv: "en siffergrupp efter den första ska ha tre siffror".into(),
            },
        };
        assert_eq!(
            d.message(Lang::Sv),
            "Rad 3, kolumn 2, inklistrad rad 5: «1 40». Kunde inte läsas som tal (en siffergrupp efter den första ska ha tre siffror); behålls som text och räknas inte med."
        );
        assert!(d
            .message(Lang::En)
            .starts_with("Row 3, column 2, pasted line 5: «1 40». Could not"));
        let heading = Diagnostic {
            row: None,
            column: Some(0),
            line: None,
            seen: String::new(),
            kind: DiagnosticKind::GuessedRole { role: Role::Label },
        };
        assert!(heading
            .message(Lang::Sv)
            .starts_with("Rubrik, kolumn 1: Rubriken"));
    }
}
