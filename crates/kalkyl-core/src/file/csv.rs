//! One table as CSV, with the computed columns and a computed totals row.
//!
//! - One header row: the table's column headings, then the computed
//!   columns that apply to the table (a figure that has a value or an error
//!   in some row or in the totals; the status when some row has one), named
//!   in Swedish for [`CsvFlavour::ExcelSwedish`] and in English for
//!   [`CsvFlavour::International`]. Computed amount columns carry the
//!   table's unit in their heading ("Avvikelse (mnkr)").
//! - One line per table row, pasted subtotal and total rows included, as
//!   they are part of the table (their computed columns hold what their
//!   rows add up to). A footnote marker is written back after its label,
//!   and a "varav" row's label starts with `– ` (en dash), as in the
//!   reports.
//! - A last line labelled "Summa" / "Total" with the totals computed from
//!   the rows (never the pasted sums), in the label column (else the first
//!   text column).
//! - Values in the table's stored unit, exact: every decimal the value has,
//!   no rounding, no grouping, `-` for minus (`-1864,1` or `-1864.1`).
//!   Percentages are numbers of percent without the sign (`2,5`).
//!   A figure that could not be computed is its message, as text.
//! - Fields with the separator, a quote, CR or LF are quoted, quotes
//!   doubled (RFC 4180). Lines end in CRLF in both flavours (RFC 4180, and
//!   what Excel writes).
//! - Formula neutralisation: a text field whose first character is `=`,
//!   `+`, `-`, `@`, tab, CR or LF gets a leading `'`. Excel and other
//!   spreadsheets run such a field as a formula (CSV injection: a pasted
//!   label `=HYPERLINK(…)` would become a live link or command). Numbers
//!   are written as numbers and never neutralised, negative ones included;
//!   only text (headings, labels, notes, unreadable cells) can carry a
//!   formula. The apostrophe shows in the spreadsheet; that is the price
//!   of safety ("- Vårdval" labels of "varav" rows read "'- Vårdval").
//!
//! Importing a CSV file is a paste: `Workspace::add_paste(text, None)` reads
//! either flavour (the byte order mark is removed with a note), and the
//! computed columns come back as extra columns.

use crate::calc::{Computed, Results, Status};
use crate::lang::Lang;
use crate::model::Table;
use crate::number::{format_decimal, NumberStyle};

use super::{export_cells, export_columns, figure_heading, ExportColumn, Out};

/// Which kind of CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvFlavour {
    /// For Excel with a Swedish locale: `;` between fields, decimal comma,
    /// UTF-8 with a byte order mark (so Excel reads å, ä, ö), CRLF, Swedish
    /// headings.
    ExcelSwedish,
    /// For everything else: `,` between fields, decimal point, UTF-8
    /// without a byte order mark, CRLF, English headings.
    International,
}

impl CsvFlavour {
    /// The field separator.
    pub fn separator(self) -> char {
        match self {
            CsvFlavour::ExcelSwedish => ';',
            CsvFlavour::International => ',',
        }
    }

    /// The language of the computed headings and the totals label.
    pub fn lang(self) -> Lang {
        match self {
            CsvFlavour::ExcelSwedish => Lang::Sv,
            CsvFlavour::International => Lang::En,
        }
    }

    fn style(self) -> NumberStyle {
        match self {
            CsvFlavour::ExcelSwedish => NumberStyle::swedish_plain(),
            CsvFlavour::International => NumberStyle::neutral(),
        }
    }
}

/// Whether a text field would start a formula in a spreadsheet.
pub fn needs_neutralising(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')
    )
}

/// Writes CSV field by field (see the module documentation).
pub(crate) struct Writer {
    out: String,
    separator: char,
    style: NumberStyle,
    lang: Lang,
    first: bool,
}

impl Writer {
    /// A writer of `flavour`, its byte order mark written.
    pub(crate) fn new(flavour: CsvFlavour) -> Writer {
        let mut out = String::new();
        if flavour == CsvFlavour::ExcelSwedish {
            out.push('\u{feff}');
        }
        Writer {
            out,
            separator: flavour.separator(),
            style: flavour.style(),
            lang: flavour.lang(),
            first: true,
        }
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn start(&mut self) {
        if !self.first {
            self.out.push(self.separator);
        }
        self.first = false;
    }

    pub(crate) fn end_line(&mut self) {
        self.out.push_str("\r\n");
        self.first = true;
    }

    fn empty(&mut self) {
        self.start();
    }

    fn number(&mut self, d: rust_decimal::Decimal) {
        self.start();
        self.out.push_str(&format_decimal(d, &self.style));
    }

    /// A text field: neutralised, then quoted when needed.
    pub(crate) fn text(&mut self, text: &str) {
        self.start();
        let quote = text
            .chars()
            .any(|c| c == self.separator || c == '"' || c == '\r' || c == '\n');
        if quote {
            self.out.push('"');
        }
        if needs_neutralising(text) {
            self.out.push('\'');
        }
        if quote {
            self.out.push_str(&text.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(text);
        }
    }

    /// A computed figure: its exact value, its message, or nothing.
    pub(crate) fn computed(&mut self, c: Computed) {
        match c {
            Computed::Blank => self.empty(),
            Computed::Value(d) => self.number(d),
            Computed::Error(e) => self.text(e.message(self.lang)),
        }
    }

    fn status(&mut self, status: Option<Status>) {
        match status {
            None => self.empty(),
            Some(s) => {
                let mut t = String::from(s.symbol());
                t.push(' ');
                t.push_str(s.name(self.lang));
                self.text(&t);
            }
        }
    }
}

/// Writes one table as CSV (see the module documentation). `results` are
/// the table's computed results ([`crate::calc::compute`]).
pub fn table_csv(table: &Table, results: &Results, flavour: CsvFlavour) -> String {
    let columns = export_columns(table, results);
    let mut w = Writer::new(flavour);
    for col in &columns {
        match col {
            ExportColumn::Input(c) => {
                let heading = table.columns.get(*c).map_or("", |c| c.heading.as_str());
                w.text(heading);
            }
            ExportColumn::Figure(f) => w.text(&figure_heading(*f, w.lang, table.unit)),
            ExportColumn::Status => w.text("Status"),
        }
    }
    w.end_line();
    export_cells(table, results, &columns, w.lang, &mut |o| match o {
        Out::Start(_) => {}
        Out::Figure(c, _) => w.computed(c),
        Out::Text(t) => w.text(t),
        Out::Status(s) => w.status(s),
        Out::End => w.end_line(),
    });
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compute;
    use crate::read::{read_paste, ReadChoices};

    #[test]
    fn text_fields_are_neutralised_and_quoted_numbers_are_not() {
        // (text, Swedish field, international field)
        let cases = [
            ("Regionkontoret", "Regionkontoret", "Regionkontoret"),
            ("=1+1", "'=1+1", "'=1+1"),
            ("+46 8", "'+46 8", "'+46 8"),
            (
                "- Vårdval Hälsoval",
                "'- Vårdval Hälsoval",
                "'- Vårdval Hälsoval",
            ),
            ("@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx", "'\tx"),
            ("\rx", "\"'\rx\"", "\"'\rx\""),
            ("\nx", "\"'\nx\"", "\"'\nx\""),
            ("a;b", "\"a;b\"", "a;b"),
            ("a,b", "a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""),
            ("=\"x\";y", "\"'=\"\"x\"\";y\"", "\"'=\"\"x\"\";y\""),
            ("x=1", "x=1", "x=1"),
            ("−5 (minus sign)", "−5 (minus sign)", "−5 (minus sign)"),
            ("", "", ""),
        ];
        for (text, sv, en) in cases {
            for (flavour, expected) in [
                (CsvFlavour::ExcelSwedish, sv),
                (CsvFlavour::International, en),
            ] {
                let mut w = Writer {
                    out: String::new(),
                    separator: flavour.separator(),
                    style: flavour.style(),
                    lang: flavour.lang(),
                    first: true,
                };
                w.text(text);
                assert_eq!(w.out, expected, "{text:?} {flavour:?}");
            }
        }
    }

    #[test]
    fn a_table_is_written_with_computed_columns_and_totals() {
        let paste = "Uppdrag, mnkr\tUtfall\tBudget\tNot\n=Kansli\t-1 864,1\t-1 900,0\t+x\n- varav IT\t-100,25\t-90\t\nSumma\t-1 864,1\t-1 900,0\t\n";
        let table = read_paste(paste, None, &ReadChoices::default());
        let results = compute(&table);
        let sv = table_csv(&table, &results, CsvFlavour::ExcelSwedish);
        assert_eq!(
            sv,
            "\u{feff}Uppdrag, mnkr;Utfall;Budget;Not;Avvikelse (mnkr);Avvikelse %;Status\r\n\
             '=Kansli;-1864,1;-1900,0;'+x;35,9;1,8894736842105263157894736842;● uppfyllt\r\n\
             '- varav IT;-100,25;-90;;-10,25;-11,388888888888888888888888889;■ stor negativ avvikelse\r\n\
             Summa;-1864,1;-1900,0;;25,65;1,2889447236180904522613065327;● uppfyllt\r\n\
             Summa;-1964,35;-1990,0;;25,65;1,2889447236180904522613065327;● uppfyllt\r\n"
        );
        // The pasted total row keeps its (wrong) pasted sums; its computed
        // columns and the last line hold what the rows add up to.
        let en = table_csv(&table, &results, CsvFlavour::International);
        assert!(en.starts_with("\"Uppdrag, mnkr\",Utfall,Budget,Not,Deviation (mnkr),Deviation %,Status\r\n'=Kansli,-1864.1,-1900.0,'+x,35.9,"));
        assert!(en.ends_with(
            "\r\nTotal,-1964.35,-1990.0,,25.65,1.2889447236180904522613065327,● met\r\n"
        ));
    }
}
