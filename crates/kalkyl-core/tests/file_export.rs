//! CSV, HTML and tab-separated exports of tables, pasted back through the
//! same reader as any paste: the input values come back (exactly from CSV,
//! as displayed from the clipboard flavours).

mod support;

use kalkyl_core::calc::compute;
use kalkyl_core::display::DisplayFormat;
use kalkyl_core::file::csv::{table_csv, CsvFlavour};
use kalkyl_core::file::html::{table_html, table_tsv};
use kalkyl_core::lang::Lang;
use kalkyl_core::model::{Role, Table};
use kalkyl_core::number::Unit;
use kalkyl_core::read::{read_paste, ReadChoices};
use kalkyl_core::workspace::Workspace;
use rust_decimal::Decimal;
use support::fixture::load_all;

/// Every seed table as the reader reads it, with its fixture name.
fn seed_tables() -> Vec<(String, Table)> {
    load_all()
        .into_iter()
        .map(|f| {
            let t = read_paste(&f.paste, None, &ReadChoices::default());
            (f.name, t)
        })
        .collect()
}

/// The numbers of a table's first `rows` rows and `columns` columns.
fn numbers(t: &Table, rows: usize, columns: usize) -> Vec<Vec<Option<Decimal>>> {
    (0..rows)
        .map(|r| (0..columns).map(|c| t.number(r, c)).collect())
        .collect()
}

#[test]
fn csv_of_every_seed_table_reads_back_with_the_same_values() {
    for (name, table) in seed_tables() {
        let results = compute(&table);
        for flavour in [CsvFlavour::ExcelSwedish, CsvFlavour::International] {
            let csv = table_csv(&table, &results, flavour);
            assert_eq!(
                csv.starts_with('\u{feff}'),
                flavour == CsvFlavour::ExcelSwedish
            );
            let mut ws = Workspace::default();
            let id = ws.add_paste(&csv, None);
            let back = &ws.sheet(id).expect("sheet").table;
            let (rows, columns) = (table.rows.len(), table.columns.len());
            assert_eq!(back.rows.len(), rows + 1, "{name} {flavour:?}: rows\n{csv}");
            assert!(back.columns.len() >= columns, "{name} {flavour:?}");
            assert_eq!(
                numbers(back, rows, columns),
                numbers(&table, rows, columns),
                "{name} {flavour:?}\n{csv}"
            );
            // Scales too: the CSV keeps every decimal.
            for r in 0..rows {
                for c in 0..columns {
                    if let (Some(a), Some(b)) = (table.number(r, c), back.number(r, c)) {
                        assert_eq!(a.scale(), b.scale(), "{name} {flavour:?} ({r}, {c})");
                    }
                }
            }
            for c in 0..columns {
                assert_eq!(back.columns[c].heading, table.columns[c].heading, "{name}");
            }
            // Labels, footnotes and "varav" levels come back.
            let labelled = table.column_of(Role::Label).is_some();
            for r in 0..rows {
                if labelled {
                    assert_eq!(back.label(r), table.label(r), "{name} {flavour:?} row {r}");
                }
                assert_eq!(back.rows[r].note, table.rows[r].note, "{name} row {r}");
                assert_eq!(back.rows[r].level, table.rows[r].level, "{name} row {r}");
            }
            if flavour == CsvFlavour::ExcelSwedish {
                assert!(
                    back.diagnostics
                        .iter()
                        .any(|d| d.message(Lang::En).contains("byte order mark")),
                    "{name}: the BOM is removed with a note"
                );
            }
            // The unit comes back from the computed amount headings
            // ("Avvikelse (mnkr)"), when there are any.
            if back.columns.len() > columns && table.unit.is_some() {
                assert_eq!(back.unit, table.unit, "{name}: unit\n{csv}");
            }
        }
    }
}

/// A value as the clipboard flavours show it: in the display unit, rounded
/// to the display decimals (percentages to one).
fn as_shown(fmt: &DisplayFormat, value: Decimal, percent: bool) -> Decimal {
    use rust_decimal::RoundingStrategy::MidpointAwayFromZero;
    if percent {
        return value.round_dp_with_strategy(1, MidpointAwayFromZero);
    }
    let v = fmt.convert(value).expect("convertible");
    let decimals = fmt.decimals.unwrap_or(v.scale().min(2));
    v.round_dp_with_strategy(decimals, MidpointAwayFromZero)
}

#[test]
fn copied_tables_paste_back_with_the_numbers_shown() {
    for (name, mut table) in seed_tables() {
        for (display_unit, decimals) in [
            (None, None),
            (Some(Unit::Tkr), None),
            (Some(Unit::Mnkr), Some(2)),
        ] {
            table.settings.display_unit = display_unit;
            table.settings.display_decimals = decimals;
            let results = compute(&table);
            let fmt = DisplayFormat::of(&table);
            for lang in [Lang::Sv, Lang::En] {
                let tsv = table_tsv(&table, &results, lang);
                let html = table_html(&table, &results, lang);
                for (flavour, back) in [
                    ("tsv", read_paste(&tsv, None, &ReadChoices::default())),
                    (
                        "html",
                        read_paste(&tsv, Some(&html), &ReadChoices::default()),
                    ),
                ] {
                    let (rows, columns) = (table.rows.len(), table.columns.len());
                    let what = format!("{name} {display_unit:?} {lang:?} {flavour}");
                    assert_eq!(back.rows.len(), rows + 1, "{what}\n{tsv}");
                    for r in 0..rows {
                        for c in 0..columns {
                            let percent = table.columns[c].role == Role::StatedPercent;
                            let expected = table.number(r, c).map(|v| as_shown(&fmt, v, percent));
                            assert_eq!(back.number(r, c), expected, "{what} ({r}, {c})\n{tsv}");
                        }
                    }
                    // Labels, footnotes and "varav" levels come back.
                    for r in 0..rows {
                        if table.column_of(Role::Label).is_some() {
                            assert_eq!(back.label(r), table.label(r), "{what} row {r}");
                        }
                        assert_eq!(back.rows[r].note, table.rows[r].note, "{what} row {r}");
                        assert_eq!(back.rows[r].level, table.rows[r].level, "{what} row {r}");
                    }
                }
            }
        }
    }
}
