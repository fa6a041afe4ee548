use super::*;
use crate::state::SheetCalc;
use kalkyl_core::model::{Cell, Table};
use kalkyl_core::number::Unit;
use kalkyl_core::read::{read_paste, ReadChoices};

fn sample() -> Table {
    read_paste(
        "Belopp i mnkr\tUtfall\tBudget\nHälsovalsenheten, varav\t-1 864,1\t-1 917,1\n- A & <b>B</b> \"c\"*\t-1,5\t2\nX\t1 40\t3\n",
        None,
        &ReadChoices::default(),
    )
}

/// A cell as `(text, note, class, title)`, for tables of expected cells.
type Expected = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

fn cell_of(shown: &RowShown, g: usize) -> (String, Option<String>, String, String) {
    let c = &shown.cells[g];
    (
        c.text.clone(),
        c.note.clone(),
        c.class.clone(),
        c.title.clone(),
    )
}

#[test]
fn rows_show_their_texts_classes_titles_and_notes() {
    let table = sample();
    let calc = SheetCalc::new(&table);
    let columns = grid_columns(&table, calc.calc.results());
    let messages = cell_messages(&table, &calc, Lang::Sv, 0..10);
    let input = BodyInput {
        table: &table,
        results: calc.calc.results(),
        columns: &columns,
        messages: &messages,
        lang: Lang::Sv,
    };
    let variance = columns
        .iter()
        .position(|c| c.key() == "variance")
        .expect("a variance column");
    // (row, grid column, expected cell)
    let cases: &[(usize, usize, Expected)] = &[
        (
            0,
            0,
            (
                "Hälsovalsenheten, varav",
                None,
                "label",
                "Hälsovalsenheten, varav",
            ),
        ),
        (0, 1, ("-1\u{a0}864,1", None, "num neg", "")),
        // The child row: indented, its text as pasted (no markup is ever
        // read from it: the view sets it as text), its footnote apart.
        (
            1,
            0,
            ("A & B \"c\"", Some("*"), "label indent", "A & B \"c\""),
        ),
        // Net costs: outcome − budget, 53,0 favourable, shown as computed.
        (0, variance, ("53,0", None, "computed num", "")),
    ];
    for (row, g, (text, note, class, title)) in cases {
        let shown = row_shown(&input, *row).expect("a row");
        assert_eq!(shown.kind, "kind-item", "row {row}");
        assert_eq!(
            cell_of(&shown, *g),
            (
                text.to_string(),
                note.map(str::to_string),
                class.to_string(),
                title.to_string()
            ),
            "row {row}, column {g}"
        );
    }
    // An unreadable cell is flagged, with its message as the tooltip.
    let bad = row_shown(&input, 2).expect("row 2");
    assert_eq!(bad.cells[1].class, "flagged");
    assert!(bad.cells[1].title.starts_with("Rad 3, kolumn 2"), "{bad:?}");
    // One cell per grid column, and nothing past the table's end.
    assert_eq!(bad.cells.len(), columns.len());
    assert_eq!(row_shown(&input, 3), None);
}

#[test]
fn edited_cells_show_their_pasted_original() {
    let mut table = sample();
    table.rows[0].cells[1] = Cell::Number(rust_decimal::Decimal::new(-1800, 0));
    table.rows[0].originals.insert(1, Cell::Empty);
    let calc = SheetCalc::new(&table);
    let columns = grid_columns(&table, calc.calc.results());
    let input = BodyInput {
        table: &table,
        results: calc.calc.results(),
        columns: &columns,
        messages: &CellMessages::new(),
        lang: Lang::Sv,
    };
    let shown = row_shown(&input, 0).expect("row 0");
    assert_eq!(
        cell_of(&shown, 1),
        (
            "-1\u{a0}800".to_string(),
            None,
            "num neg edited".to_string(),
            "Inklistrat värde: –".to_string()
        )
    );
}

#[test]
fn the_heading_and_the_totals_show_what_kalkyl_takes_each_column_for() {
    let table = sample();
    let calc = SheetCalc::new(&table);
    let columns = grid_columns(&table, calc.calc.results());
    let head = head_shown(&table, &ReadChoices::default(), &columns, Lang::Sv);
    assert_eq!(head.len(), columns.len());
    assert_eq!(head[0].class, "label");
    assert_eq!(
        head[0].input.as_ref().map(|i| (i.role, i.mark)),
        Some((Role::Label, None))
    );
    assert_eq!(head[1].text, "Utfall");
    assert_eq!(head[1].input.as_ref().and_then(|i| i.mark), Some("auto"));
    let computed = head.iter().find(|h| h.key == "variance").expect("variance");
    assert_eq!(
        (computed.class.as_str(), computed.input.is_none()),
        ("computed", true)
    );
    let input = BodyInput {
        table: &table,
        results: calc.calc.results(),
        columns: &columns,
        messages: &CellMessages::new(),
        lang: Lang::Sv,
    };
    let totals = totals_shown(&input);
    assert_eq!(totals.len(), columns.len());
    assert_eq!(
        (totals[0].text.as_str(), totals[0].class.as_str()),
        ("Summa (beräknad)", "label")
    );
    assert!(totals[1].class.starts_with("num"), "{totals:?}");
}

#[test]
fn the_active_cell_and_the_range_are_marked_per_row() {
    let selection = Selection {
        active: (1, 2),
        anchor: (0, 1),
    };
    let cases: &[(usize, RowMarks)] = &[
        (
            0,
            RowMarks {
                active: None,
                selected: Some((1, 2)),
            },
        ),
        (
            1,
            RowMarks {
                active: Some(2),
                selected: Some((1, 2)),
            },
        ),
        (2, RowMarks::default()),
    ];
    for (row, marks) in cases {
        assert_eq!(selection.row_marks(*row), *marks, "row {row}");
    }
    // Four cells selected in all, one of them active.
    let selected: usize = (0..3)
        .map(|r| {
            (0..5)
                .filter(|g| selection.row_marks(r).is_selected(*g))
                .count()
        })
        .sum();
    assert_eq!(selected, 4);
}

#[test]
fn copied_ranges_are_tab_separated_swedish_numbers() {
    let table = read_paste(
        "Enhet\tUtfall\tBudget\n=HYPERLINK(\"x\")\t-1 864,1\t-1 917,1\nB\t12 345\t10 000\n",
        None,
        &ReadChoices::default(),
    );
    let calc = SheetCalc::new(&table);
    let columns = grid_columns(&table, calc.calc.results());
    let input = BodyInput {
        table: &table,
        results: calc.calc.results(),
        columns: &columns,
        messages: &CellMessages::new(),
        lang: Lang::Sv,
    };
    let all = Selection {
        active: (1, columns.len() - 1),
        anchor: (0, 0),
    };
    let tsv = selection_tsv(&input, all);
    let lines: Vec<&str> = tsv.split("\r\n").collect();
    assert!(
        lines[0].starts_with("'=HYPERLINK(\"x\")\t-1864,1\t-1917,1\t53,0"),
        "{tsv}"
    );
    assert!(lines[1].starts_with("B\t12345\t10000\t"), "{tsv}");
    assert!(tsv.contains('%'), "{tsv}");
}

#[test]
fn typed_values_are_read_as_swedish_numbers_or_refused() {
    type Case = (&'static str, Role, Option<Unit>, Result<&'static str, ()>);
    let cases: &[Case] = &[
        ("1 234,5", Role::Outcome, None, Ok("1234.5")),
        ("-12", Role::Budget, None, Ok("-12")),
        ("", Role::Budget, None, Ok("")),
        ("2 mnkr", Role::Budget, Some(Unit::Tkr), Ok("2000")),
        ("abc", Role::Outcome, None, Err(())),
        ("Ny rad", Role::Label, None, Ok("Ny rad")),
    ];
    for (typed, role, unit, expected) in cases {
        let got = parse_typed(typed, *role, *unit, Lang::Sv);
        match (got, expected) {
            (Ok(Cell::Number(v)), Ok(e)) => assert_eq!(v.to_string(), *e, "{typed}"),
            (Ok(Cell::Empty), Ok(e)) => assert_eq!("", *e, "{typed}"),
            (Ok(Cell::Text(s)), Ok(e)) => assert_eq!(s, *e, "{typed}"),
            (Err(m), Err(())) => assert!(!m.is_empty()),
            (got, e) => panic!("{typed}: {got:?} vs {e:?}"),
        }
    }
}

#[test]
fn keys_move_like_excel_and_stop_at_the_edges() {
    type Case = (&'static str, bool, (usize, usize), Option<(usize, usize)>);
    let cases: &[Case] = &[
        ("ArrowDown", false, (0, 0), Some((1, 0))),
        ("ArrowDown", false, (9, 0), Some((9, 0))),
        ("ArrowUp", false, (0, 3), Some((0, 3))),
        ("ArrowRight", false, (2, 4), Some((2, 4))),
        ("ArrowLeft", true, (2, 4), Some((2, 0))),
        ("ArrowDown", true, (2, 4), Some((9, 4))),
        ("Home", true, (5, 3), Some((0, 0))),
        ("End", true, (5, 3), Some((9, 4))),
        ("PageDown", false, (5, 3), Some((9, 3))),
        ("PageUp", false, (5, 3), Some((1, 3))),
        ("a", false, (5, 3), None),
    ];
    for (key, ctrl, from, expected) in cases {
        assert_eq!(
            moved(key, *ctrl, *from, 10, 5, 4),
            *expected,
            "{key} {ctrl} {from:?}"
        );
    }
}
