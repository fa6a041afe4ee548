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

#[test]
fn rows_render_as_escaped_html_with_their_classes_and_notes() {
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
        selection: None,
    };
    let html = body_html(&input, 0, 10);
    assert!(html.starts_with("<tr data-row=\"0\" aria-rowindex=\"2\" class=\"kind-item\"><td data-row=\"0\" data-col=\"0\" class=\"label\" title=\"Hälsovalsenheten, varav\">Hälsovalsenheten, varav</td>"), "{html}");
    assert!(
        html.contains("<td data-row=\"0\" data-col=\"1\" class=\"num neg\">-1\u{a0}864,1</td>"),
        "{html}"
    );
    // The child row: indented, text escaped, footnote apart.
    assert!(
        html.contains("<td data-row=\"1\" data-col=\"0\" class=\"label indent\" title=\"A &amp; B &quot;c&quot;\">A &amp; B &quot;c&quot;<sup class=\"note\">*</sup></td>"),
        "{html}"
    );
    // An unreadable cell is flagged, with its message as an escaped tooltip.
    assert!(
        html.contains(
            "<td data-row=\"2\" data-col=\"1\" class=\"flagged\" title=\"Rad 3, kolumn 2"
        ),
        "{html}"
    );
    // Net costs: outcome − budget, 53,0 favourable, shown as computed.
    assert!(
        html.contains("<td data-row=\"0\" data-col=\"variance\" class=\"computed num\">53,0</td>"),
        "{html}"
    );
    assert!(!html.contains("<b>"));
    // Only the rows asked for.
    assert_eq!(body_html(&input, 1, 2).matches("<tr ").count(), 1);
}

#[test]
fn the_active_cell_and_the_range_are_marked() {
    let table = sample();
    let calc = SheetCalc::new(&table);
    let columns = grid_columns(&table, calc.calc.results());
    let messages = CellMessages::new();
    let selection = Selection {
        active: (1, 2),
        anchor: (0, 1),
    };
    let input = BodyInput {
        table: &table,
        results: calc.calc.results(),
        columns: &columns,
        messages: &messages,
        lang: Lang::Sv,
        selection: Some(selection),
    };
    let html = body_html(&input, 0, 3);
    assert_eq!(html.matches("id=\"kalkyl-active\"").count(), 1);
    assert!(html.contains("<td id=\"kalkyl-active\" data-row=\"1\" data-col=\"2\""));
    assert_eq!(html.matches("aria-selected=\"true\"").count(), 4);
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
        selection: None,
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
