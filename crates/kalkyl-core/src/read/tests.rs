//! Unit tests of the reader on hand-written pastes; the seed tables are
//! tested in `tests/read_fixtures.rs`.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::diagnostics::DiagnosticKind as K;

fn read(plain: &str) -> Table {
    read_paste(plain, None, &ReadChoices::default())
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("test decimal")
}

fn roles(t: &Table) -> Vec<&'static str> {
    t.columns.iter().map(|c| c.role.key()).collect()
}

fn has(t: &Table, pred: impl Fn(&Diagnostic) -> bool) -> bool {
    t.diagnostics.iter().any(pred)
}

const RESULT: &str = "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
Regionkontoret\t-297,2\t-305,0\t7,8\n\
Förtroendevalda\t-38,1\t-40,0\t1,9\n\
Totalt\t-335,3\t-345,0\t9,7\n";

#[test]
fn excel_tab_separated_with_crlf_bom_and_trailing_tabs() {
    let pasted = format!("\u{feff}{}", RESULT.replace('\n', "\t\r\n"));
    let t = read(&pasted);
    assert_eq!(roles(&t), ["label", "outcome", "budget", "stated_variance"]);
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.number(0, 1), Some(d("-297.2")));
    assert_eq!(t.rows[2].kind, RowKind::Total);
    assert!(has(
        &t,
        |d| matches!(&d.kind, K::Source { what_en, .. } if what_en.contains("byte order mark"))
    ));
    assert!(!has(&t, |d| matches!(
        d.kind,
        K::LongRow { .. } | K::ShortRow { .. }
    )));
}

#[test]
fn ragged_rows_keep_every_cell_and_say_so() {
    let t = read("Konto\tUtfall\tBudget\nA\t1\t2\t3\tx\nB\t4\n");
    // The long row's extra cells become columns; nothing is dropped.
    assert_eq!(t.columns.len(), 5);
    assert_eq!(t.rows[0].cells[3], Cell::Number(d("3")));
    assert_eq!(t.rows[0].cells[4], Cell::Text("x".into()));
    assert!(has(&t, |d| d.row == Some(0)
        && matches!(
            d.kind,
            K::LongRow {
                expected: 3,
                found: 5
            }
        )));
    // The short row is padded with empty cells, and flagged.
    assert_eq!(t.rows[1].cells[2], Cell::Empty);
    assert!(has(&t, |d| d.row == Some(1)
        && matches!(
            d.kind,
            K::ShortRow {
                expected: 3,
                found: 2
            }
        )));
}

#[test]
fn a_bad_cell_stays_as_text_with_a_message_and_the_rest_is_read() {
    let t = read("Uppdrag\tUtfall\tBudget\nA\t1 40\t-305,0\nB\t12,5\t13\n");
    assert_eq!(t.rows[0].cells[1], Cell::Text("1 40".into()));
    assert_eq!(t.number(0, 2), Some(d("-305.0")));
    assert_eq!(t.number(1, 1), Some(d("12.5")));
    let diag = t
        .diagnostics
        .iter()
        .find(|d| matches!(d.kind, K::ReadAsText { .. }))
        .expect("a diagnostic for the bad cell");
    assert_eq!(
        (diag.row, diag.column, diag.seen.as_str()),
        (Some(0), Some(1), "1 40")
    );
    let msg = diag.message(Lang::Sv);
    assert!(msg.starts_with("Rad 1, kolumn 2"), "{msg}");
    assert!(
        msg.contains("«1 40»") && msg.contains("behålls som text"),
        "{msg}"
    );
}

#[test]
fn empty_lines_inside_a_table_are_skipped_and_a_repeated_heading_is_not_a_row() {
    let t = read(&format!("{RESULT}\n\n{RESULT}"));
    assert_eq!(t.rows.len(), 6);
    assert!(t
        .rows
        .iter()
        .all(|r| r.cells[0] != Cell::Text("Uppdrag, belopp i mnkr".into())));
}

#[test]
fn one_column_tables() {
    let t = read("Utfall\n12,5\n-3\n");
    assert_eq!(roles(&t), ["outcome"]);
    assert_eq!(t.number(0, 0), Some(d("12.5")));
    assert_eq!(t.number(1, 0), Some(d("-3")));
    let labels = read("Regionkontoret\nFörtroendevalda\n");
    assert_eq!(labels.rows.len(), 2);
    assert_eq!(labels.label(1), "Förtroendevalda");
}

#[test]
fn semicolon_and_comma_csv() {
    let sv = read("Uppdrag;Utfall;Budget;Avvikelse\r\nRegionkontoret;-297,2;-305,0;7,8\r\n");
    assert_eq!(sv.number(0, 3), Some(d("7.8")));
    let en = read("Unit,Outcome,Budget,Deviation\nHead office,-297.2,-305.0,7.8\nIT,\"-1,234.5\",-1200,-34.5\n");
    assert_eq!(en.number(0, 1), Some(d("-297.2")));
    assert_eq!(en.number(1, 1), Some(d("-1234.5")));
}

#[test]
fn excel_html_flavour_uses_cell_boundaries_and_separator_hints() {
    let html = r#"<html><head><style>
td { mso-displayed-decimal-separator:"\,"; mso-displayed-thousand-separator:"\ "; }
</style></head><body><table>
<!--StartFragment-->
<tr><td>Uppdrag, belopp i mnkr</td><td>Ack. utfall</td><td>Ack. budget</td></tr>
<tr><td>Hälsovalsenheten</td><td class=xl65 align=right x:num="-1864.1">-1&nbsp;864,1</td><td x:num>-1&nbsp;917,1</td></tr>
<tr><td><b>Summa</b></td><td><b>-1&nbsp;864,1</b></td><td><b>-1&nbsp;917,1</b></td></tr>
<!--EndFragment-->
</table></body></html>"#;
    // The plain flavour alone would be wrong in a different way; HTML wins.
    let t = read_paste("garbage", Some(html), &ReadChoices::default());
    assert_eq!(roles(&t), ["label", "outcome", "budget"]);
    assert_eq!(t.number(0, 1), Some(d("-1864.1")));
    assert_eq!(t.rows[1].kind, RowKind::Total);
    // Choosing the plain text reads the plain text.
    let plain = read_paste(
        RESULT,
        Some(html),
        &ReadChoices {
            prefer_plain: true,
            ..Default::default()
        },
    );
    assert_eq!(plain.rows.len(), 3);
}

#[test]
fn a_web_copy_keeps_the_caption_and_unit_above_its_table() {
    // Region Stockholm's result table as a browser copies a web edition:
    // the caption and the unit are paragraphs above the table.
    let html = "<meta charset=\"utf-8\"><h3>5.2 Resultat</h3><p>Belopp i mnkr</p>\
<table><tr><th>Resultat</th><th>Utfall 2019 jan-aug</th><th>Budget 2019 jan-aug</th><th>Avvikelse</th></tr>\
<tr><td>Verksamhetens intäkter</td><td>16 047</td><td>15 593</td><td>454</td></tr>\
<tr><td>Verksamhetens kostnader</td><td>-62 202</td><td>-62 228</td><td>26</td></tr></table>";
    let plain = "5.2 Resultat\nBelopp i mnkr\nResultat\tUtfall 2019 jan-aug\tBudget 2019 jan-aug\tAvvikelse\n\
Verksamhetens intäkter\t16 047\t15 593\t454\nVerksamhetens kostnader\t-62 202\t-62 228\t26\n";
    for html in [None, Some(html)] {
        let t = read_paste(plain, html, &ReadChoices::default());
        assert_eq!(t.unit, Some(Unit::Mnkr), "html: {}", html.is_some());
        assert_eq!(roles(&t), ["label", "outcome", "budget", "stated_variance"]);
        assert_eq!(t.number(1, 1), Some(d("-62202")));
    }
}

#[test]
fn every_cell_on_its_own_line() {
    let text = "Uppdrag\nUtfall\nBudget\nAvvikelse\nRegionkontoret\n-297,2\n-305,0\n7,8\nFörtroendevalda\n-38,1\n-40,0\n1,9\nTotalt\n-335,3\n-345,0\n9,7\n";
    let t = read(text);
    assert_eq!(roles(&t), ["label", "outcome", "budget", "stated_variance"]);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.label(1), "Förtroendevalda");
    assert_eq!(t.number(1, 2), Some(d("-40.0")));
    assert_eq!(t.rows[2].kind, RowKind::Total);
}

#[test]
fn a_table_on_its_side_is_turned_back() {
    let t = read("Belopp i mnkr\t2021\t2020\nUtfall\t-297,2\t-280,0\nBudget\t-305,0\t-290,0\nAvvikelse\t7,8\t10,0\n");
    assert_eq!(roles(&t), ["label", "outcome", "budget", "stated_variance"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.label(0), "2021");
    assert_eq!(t.number(1, 1), Some(d("-280.0")));
}

#[test]
fn a_time_series_on_its_side_is_turned_back() {
    let t = read(
        "Nyckeltal\t2019\t2020\t2021\nIntäkter, mnkr\t812,4\t840,1\t861,0\n\
         Årets resultat, mnkr\t12,5\t-3,0\t20,1\nSoliditet, %\t41\t40\t43\n",
    );
    // "Soliditet, %" is a key figure in percent, not a stated percentage.
    assert_eq!(roles(&t), ["label", "other", "outcome", "other"]);
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.label(2), "2021");
    assert_eq!(t.number(1, 2), Some(d("-3.0")));
    assert_eq!(t.unit, Some(Unit::Mnkr));
}

#[test]
fn periods_of_the_year_before_their_years_head_a_series_on_its_side() {
    // An interim report's key figures: quarters, spans of quarters or
    // months and the full year, each with its year (after a space or a
    // dash: "Q2-2019"), head the columns of
    // measures; turned back, one row per period. "Resultat 2021" names a
    // figure, not a period: that table keeps its rows.
    let cases: &[(&str, &[&str], usize, &str)] = &[
        (
            "Mkr | Q3 2020 | Q3 2019 | Q1– Q3 2020 | Q1– Q3 2019 | Helår 2019 |\n\
             Rörelseresultat | 2 955 | 3 128 | 8 030 | 9 742 | 11 788 |\n\
             Finansnetto | 600 | 139 | 477 | 1 069 | 1 136 |\n\
             Resultat före skatt | 3 555 | 3 266 | 8 506 | 10 810 | 12 924 |\n",
            &["label", "other", "other", "other"],
            5,
            "Q1– Q3 2020",
        ),
        (
            "MSEK\tjan–mar 2013\tjan–mar 2012\tapr–dec 2012\thelår 2012\n\
             Nettoomsättning\t5 544\t5 315\t19 784\t25 099\n\
             Rörelseresultat\t-193\t-26\t296\t270\n\
             Periodens resultat\t-147\t-12\t192\t180\n",
            &["label", "other", "other", "other"],
            4,
            "apr–dec 2012",
        ),
        (
            "MSEK\tQ2-2019\tQ2-2018\tQ1-Q2-2019\tQ1-Q2-2018\n\
             Intäkter\t1 658\t1 553\t3 112\t2 918\n\
             Rörelseresultat\t434\t392\t614\t543\n",
            &["label", "other", "other"],
            4,
            "Q1-Q2-2019",
        ),
        (
            "Tkr\tResultat 2021\tResultat 2020\tResultat 2019\tResultat 2018\n\
             Vård\t174 795\t170 000\t168 000\t160 000\n\
             Skola\t198 713\t175 000\t169 000\t158 000\n",
            &["label", "outcome", "prior_outcome", "other", "other"],
            2,
            "Skola",
        ),
    ];
    for (text, want, rows, third) in cases {
        let t = read(text);
        assert_eq!(roles(&t), *want, "{text}");
        assert_eq!(t.rows.len(), *rows, "{text}");
        assert_eq!(t.label(rows.min(&3) - 1), *third, "{text}");
    }
}

#[test]
fn a_time_series_per_unit_keeps_its_rows() {
    // Units as rows, years as columns: the units' history, not measures on
    // their side. The definite form names the organisation's own key figures.
    let table: &[(&str, usize, &[&str])] = &[
        (
            "Kommun\t2016\t2017\t2018\t2019\t2020\nBerg\t95 100\t97 200\t99 000\t101 500\t104 000\n\
             Bräcke\t88 000\t90 100\t91 000\t93 900\t96 000\nJämtlands län\t92 000\t94 000\t95 500\t97 000\t99 800\n",
            3,
            &["label", "prior_outcome", "prior_outcome", "prior_outcome", "prior_outcome", "outcome"],
        ),
        (
            "Län/kommun\t2018\t2019\t2020\t2021\nGotland\t1\t2\t3\t4\nRiket\t5\t6\t7\t8\n",
            2,
            &["label", "prior_outcome", "prior_outcome", "prior_outcome", "outcome"],
        ),
        // PDF text: cells and thousands both split by single spaces, the
        // unit's kind heading the label column alone.
        (
            "Kommun/Region 2008 2009 2010 2011\nBerg 110 423 111 739 125 414 110 670\n\
             Bräcke 100 754 111 605 106 697 112 036\nRiket 97 818 100 294 102 919 107 229\n",
            3,
            &["label", "prior_outcome", "prior_outcome", "prior_outcome", "outcome"],
        ),
        (
            "Kommunen\t2019\t2020\t2021\t2022\nÅrets resultat, mnkr\t12,5\t-3,0\t20,1\t8,0\n\
             Soliditet, %\t41\t40\t43\t44\n",
            4,
            &["label", "outcome", "other"],
        ),
    ];
    for (paste, rows, want) in table {
        let t = read(paste);
        assert_eq!(roles(&t), *want, "{paste:?}");
        assert_eq!(t.rows.len(), *rows, "{paste:?}");
    }
    // PDF text: a caption (dated, or a sentence) above a heading that
    // names the units and a ratio.
    for caption in [
        "Kommunala kostnader för infrastruktur, skydd, m.m. 2022",
        "Kommunala kostnader för grundskolan 2017. Kronor per elev.",
    ] {
        let t = read(&format!(
            "{caption}\n\nKommun/Region Kronor per invånare\nFalun 5 017\nKalmar 6 652\nRiket 5 884\n"
        ));
        assert_eq!(roles(&t), ["label", "outcome"], "{caption}");
        assert_eq!(t.title.as_deref(), Some(caption));
        assert_eq!(t.unit, Some(Unit::Kr));
        assert_eq!(t.number(2, 1), Some(d("5884")));
    }
    // One figure per unit under a ratio: the units' outcome, in kronor.
    let one = read("Kommun\tKronor per elev\nBerg\t152 688\nBräcke\t147 890\nRiket\t115 464\n");
    assert_eq!(roles(&one), ["label", "outcome"]);
    assert_eq!(one.unit, Some(Unit::Kr));
    let pdf = read(table[2].0);
    assert_eq!(pdf.number(2, 1), Some(d("97818")));
    assert_eq!(pdf.number(2, 4), Some(d("107229")));
}

#[test]
fn years_without_words_are_outcome_and_prior_outcome() {
    let table: &[(&str, &[&str])] = &[
        (
            "Belopp i mnkr\t2021\t2020\nIntäkter\t10,0\t9,0\n",
            &["label", "outcome", "prior_outcome"],
        ),
        (
            "Mnkr\tKommunen 2020\tKommunen 2021\tKoncernen 2020\tKoncernen 2021\nIntäkter\t1\t2\t3\t4\n",
            &["label", "prior_outcome", "outcome", "other", "other"],
        ),
        (
            "Mnkr\tNot\t2021\t2020\nIntäkter\t1\t10,0\t9,0\n",
            &["label", "text", "outcome", "prior_outcome"],
        ),
        (
            "Mnkr\tUtfall 2022\tUtfall 2023\tBudget 2023\nA\t1\t2\t3\n",
            &["label", "prior_outcome", "outcome", "budget"],
        ),
        (
            "Mnkr\tOutcome\tBudget\tVariance\nA\t-1\t-2\t1\n",
            &["label", "outcome", "budget", "stated_variance"],
        ),
        // One prior outcome: the year before; older years are other numbers.
        (
            "Mnkr\t2016\t2015\t2014\nIntäkter\t1\t2\t3\n",
            &["label", "outcome", "prior_outcome", "other"],
        ),
        (
            "Mnkr\tUtfall 2019\tUtfall 2020\tUtfall 2021\tBudget 2021\nA\t1\t2\t3\t4\n",
            &["label", "other", "prior_outcome", "outcome", "budget"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

#[test]
fn an_unlabelled_line_is_a_subtotal_when_it_adds_up() {
    let t = read("Mnkr\tUtfall\tBudget\nIntäkter\t10,0\t12,0\nAvgifter\t5,0\t6,0\n\t15,0\t18,0\nKostnader\t-30,0\t-31,0\n\t-30,0\t-31,0\n");
    assert_eq!(t.rows[2].kind, RowKind::Subtotal);
    // One row above is no sum: it repeats the row.
    assert_eq!(t.rows[4].kind, RowKind::Item);
    let r = read("Mnkr\t2021\t2020\nVerksamhetens intäkter\t10\t9\nVerksamhetens kostnader\t-30\t-28\nVerksamhetens nettokostnader\t-20\t-19\nSkatteintäkter\t25\t24\nVerksamhetens resultat\t5\t5\n");
    assert_eq!(r.rows[2].kind, RowKind::Total);
    assert_eq!(r.rows[4].kind, RowKind::Total);
    let u = read("Mnkr\tUtfall\tBudget\nA\t10,0\t12,0\nB\t5,0\t6,0\n\t99,0\t18,0\n");
    assert_eq!(
        u.rows[2].kind,
        RowKind::Item,
        "does not add up in every column"
    );
}

#[test]
fn figures_at_the_limits_of_decimal_never_panic_the_arithmetic_passes() {
    // 28 decimals (half a unit would need 29) and amounts whose difference
    // overflows: the role and sum passes must skip them, not panic.
    let tiny = "0,0000000000000000000000000001";
    let huge = "79228162514264337593543950335";
    for paste in [
        format!("Mnkr\tUtfall\tBudget\tDiff\nA\t{tiny}\t{tiny}\t{tiny}\nB\t{tiny}\t{tiny}\t{tiny}\n\t{tiny}\t{tiny}\t{tiny}\n"),
        format!("Mnkr\tUtfall\tBudget\tDiff\nA\t{huge}\t-{huge}\t{huge}\nB\t-{huge}\t{huge}\t-{huge}\n\t{huge}\t{huge}\t{huge}\n"),
    ] {
        let t = read(&paste);
        assert_eq!(t.rows.len(), 3, "{paste:?}");
    }
}

#[test]
fn the_tables_arithmetic_names_what_its_words_leave_open() {
    let table: &[(&str, &str, &[&str])] = &[
        (
            "a result column that is net cost plus allocation is the stated deviation",
            "Mnkr\tIntäkter\tKostnader\tNettokostnad\tKommunbidrag\tÅrets resultat\n\
             A\t426\t-2023\t-1597\t1597\t0\nB\t402\t-1935\t-1533\t1570\t37\nC\t693\t-1946\t-1253\t1254\t1\n",
            &["label", "other", "other", "outcome", "budget", "stated_variance"],
        ),
        (
            "a bare heading whose figures are outcome minus budget is the deviation",
            "Nämnd\tUtfall\tBudget\tDiff.\nA\t-297,2\t-305,0\t7,8\nB\t-38,1\t-40,0\t1,9\nC\t-10,0\t-9,0\t-1,0\n",
            &["label", "outcome", "budget", "stated_variance"],
        ),
        (
            "the budget of a stated deviation under an unknown heading",
            "Nämnd\tUtfall\tRamar\tAvvikelse\nA\t-297,2\t-305,0\t7,8\nB\t-38,1\t-40,0\t1,9\n",
            &["label", "outcome", "budget", "stated_variance"],
        ),
        (
            "unrelated columns stay as they are",
            "Nämnd\tUtfall\tAntal\tYta\nA\t10\t3\t120\nB\t20\t4\t80\nC\t30\t5\t60\n",
            &["label", "outcome", "other", "other"],
        ),
    ];
    for (case, paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{case}");
    }
}

#[test]
fn pdf_lines_split_on_the_three_digit_rule_and_a_total_decides_ambiguity() {
    // "1 400 400" could be 1 400 | 400 or 1 | 400 400: the total says which.
    let text = "Investering (tkr) Utfall Budget\nA 1 400 400\nB 100 200\nSumma 1 500 600\n";
    let t = read(text);
    assert_eq!(roles(&t), ["label", "outcome", "budget"]);
    assert_eq!(t.unit, Some(Unit::Tkr));
    assert_eq!(t.number(0, 1), Some(d("1400")));
    assert_eq!(t.number(0, 2), Some(d("400")));
    // The total holds in every column the splits differ in: the split is
    // settled, no longer a doubt for the checks.
    assert!(has(&t, |d| d.row == Some(0)
        && matches!(d.kind, K::Layout { .. })));
    assert!(!has(&t, |d| matches!(d.kind, K::AmbiguousSplit { .. })));
    // A total that holds in one column only picks the split but does not
    // settle it; the user can choose the other split, and the table is
    // read again.
    let text = "Investering (tkr) Utfall Budget\nA 1 400 400\nB 100 200\nSumma 1 500 700\n";
    let t = read(text);
    assert_eq!(t.number(0, 1), Some(d("1400")));
    assert!(has(&t, |d| d.row == Some(0)
        && matches!(d.kind, K::AmbiguousSplit { candidates: 2 })));
    let mut choices = ReadChoices::default();
    choices.splits.insert(0, 1);
    let other = read_paste(text, None, &choices);
    assert_eq!(other.number(0, 1), Some(d("1")));
    assert_eq!(other.number(0, 2), Some(d("400400")));
}

#[test]
fn choices_override_every_guess() {
    let text = "Konto\tA\tB\nX\t1,234\t2,500\n";
    let guessed = read(text);
    assert_eq!(guessed.number(0, 1), Some(d("1.234")));
    assert!(has(&guessed, |d| matches!(
        d.kind,
        K::GuessedDecimalMark { .. }
    )));
    assert!(has(&guessed, |d| matches!(d.kind, K::GuessedRole { .. })));
    let mut choices = ReadChoices::default();
    choices.decimal_marks.insert(1, DecimalMark::Point);
    choices.roles.insert(1, Role::Outcome);
    choices.roles.insert(2, Role::Budget);
    choices.unit = Some(Some(Unit::Tkr));
    choices.months = Some(4);
    let chosen = read_paste(text, None, &choices);
    assert_eq!(chosen.number(0, 1), Some(d("1234")));
    assert_eq!(roles(&chosen), ["label", "outcome", "budget"]);
    assert_eq!(chosen.unit, Some(Unit::Tkr));
    assert_eq!(chosen.months, Some(4));
    assert!(!has(&chosen, |d| matches!(d.kind, K::GuessedRole { .. })));
}

#[test]
fn cell_units_are_converted_exactly_to_the_table_unit() {
    let t = read("Belopp i mnkr\tUtfall\tBudget\nA\t26 350 tkr\t-1,5\n");
    assert_eq!(t.number(0, 1), Some(d("26.350")));
    assert!(has(&t, |d| matches!(
        d.kind,
        K::UnitConverted {
            from: Unit::Tkr,
            to: Unit::Mnkr
        }
    )));
}

#[test]
fn a_box_of_key_figures_on_one_line() {
    // Captions, then one figure under each: a caption more is the title;
    // a plain budget beside the year's forecast, under an outcome of part
    // of the year, is the year's budget.
    let t = read(
        "SAMMANFATTNING Resultat januari augusti Prognos för resultat helår Budget \
         + 155,8 mnkr + 70,2 mnkr + 32,9 mnkr\n",
    );
    assert_eq!(roles(&t), ["outcome", "forecast", "annual_budget"]);
    assert_eq!(t.title.as_deref(), Some("SAMMANFATTNING"));
    assert_eq!(t.months, Some(8));
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.number(0, 0), Some(d("155.8")));
    assert_eq!(t.number(0, 2), Some(d("32.9")));
    // The whole year's outcome keeps a plain budget the year's.
    let t = read("Mnkr\tUtfall helår\tPrognos\tBudget\nA\t1\t2\t3\n");
    assert_eq!(roles(&t), ["label", "outcome", "forecast", "budget"]);
}

#[test]
fn a_row_of_unit_words_names_the_unit() {
    let t = read(
        "Nyckeltal\t2019-12\t2018-12\nValuta\tKSEK\tKSEK\n\
         Nettoomsättning\t1 000\t900\nRörelseresultat\t100\t90\n",
    );
    assert_eq!(t.unit, Some(Unit::Tkr));
    // Two units that differ name none.
    let t = read("A\tB\tC\nValuta\tKSEK\tMSEK\nX\t1\t2\n");
    assert_eq!(t.unit, None);
}

#[test]
fn title_and_months_come_from_the_text_above() {
    let t = read(&format!("Uppföljningsrapport 1 januari - april\n{RESULT}"));
    assert_eq!(
        t.title.as_deref(),
        Some("Uppföljningsrapport 1 januari - april")
    );
    assert_eq!(t.months, Some(4));
    assert!(has(&t, |d| matches!(d.kind, K::TitleTaken)));
}

#[test]
fn varav_children_headings_and_footnotes() {
    let t = read(
        "Belopp i mnkr\tUtfall\tBudget\n\
         <b>Hälsovalsenheten, varav</b>\t-1 864,1\t-1 917,1\n\
         - Vårdval Hälsoval\t-1 072,3\t-1 123,5\n\
         - Privata vårdgivare*\t-157,3\t-164,3\n\
         <b>Regionfastigheter nya projekt</b>\t\t\n\
         Katrineberg **)\t1\t2\n\
         <b>Summa:</b>\t<b>-1 863,1</b>\t<b>-1 915,1</b>\n",
    );
    let kinds: Vec<_> = t.rows.iter().map(|r| (r.kind.key(), r.level)).collect();
    assert_eq!(
        kinds,
        [
            ("item", 0),
            ("item", 1),
            ("item", 1),
            ("heading", 0),
            ("item", 0),
            ("total", 0)
        ]
    );
    assert_eq!(t.label(1), "Vårdval Hälsoval");
    assert_eq!(
        (t.label(2), t.rows[2].note.as_deref()),
        ("Privata vårdgivare", Some("*"))
    );
    assert_eq!(
        (t.label(4), t.rows[4].note.as_deref()),
        ("Katrineberg", Some("**)"))
    );
}

#[test]
fn headings_without_a_heading_row_are_guessed_by_position() {
    let t = read("Regionkontoret\t-297,2\t-305,0\t7,8\nFörtroendevalda\t-38,1\t-40,0\t1,9\n");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(roles(&t), ["label", "outcome", "budget", "stated_variance"]);
}

#[test]
fn empty_and_whitespace_pastes_give_an_empty_table() {
    for text in ["", "\n\n", "   \t  \r\n", "\u{feff}"] {
        let t = read(text);
        assert!(t.rows.is_empty(), "{text:?}");
    }
}

proptest! {
    // Anything at all: a table or diagnostics, never a panic.
    #[test]
    fn never_panics_on_any_text(text in any::<String>(), html in proptest::option::of(any::<String>())) {
        let _ = read_paste(&text, html.as_deref(), &ReadChoices::default());
    }

    #[test]
    fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read_paste(&text, Some(&text), &ReadChoices::default());
    }

    // Table-shaped noise: digits, spaces, signs, separators and words, which
    // exercise the PDF splitter and the heading logic far more than random text.
    #[test]
    fn never_panics_on_table_shaped_text(text in "([0-9]{1,4}|[ \t\n;,.%|-]|tkr|mnkr|Summa|Utfall|Budget|Avvikelse|varav|\\*\\)|<b>|</b>|±|−|–){0,80}") {
        let t = read_paste(&text, None, &ReadChoices::default());
        for row in &t.rows {
            prop_assert_eq!(row.cells.len(), t.columns.len());
        }
    }

    // Any Swedish-format number in a tab-separated table reads back exactly.
    #[test]
    fn numbers_in_a_pasted_table_read_back_exactly(mantissa in -10_000_000_000i64..10_000_000_000i64, scale in 0u32..4) {
        let value = Decimal::new(mantissa, scale);
        let text = number::format_decimal(value, &number::NumberStyle::swedish_display());
        let t = read(&format!("Uppdrag\tUtfall\nA\t{text}\n"));
        prop_assert_eq!(t.number(0, 1), Some(value));
    }
}

/// PDF copies of income statements and operating tables: headings in
/// blocks over lines of years, a note column, minus signs set apart, a
/// section heading between the heading and the rows. (paste, roles, label
/// of a row, its numbers from the second column on as text, its note.)
#[test]
fn pdf_statements_with_years_notes_and_section_headings() {
    type Case<'a> = (&'a str, &'a [&'a str], &'a str, &'a [&'a str], &'a str);
    let cases: &[Case<'_>] = &[
        (
            "Resultaträkning\n\n(tkr) Staden Bolagen\nNOT 2024 2023 2024 2023\nIntäkter 1 812 400 790 100 900 000 880 000\nKostnader 2 – 700 000 – 690 000 – 800 000 – 790 000\nNetto 112 400 100 100 100 000 90 000\nSkatt 3 – 1 200 – 1 100 – 2 000 – 1 900\n",
            &["label", "text", "outcome", "prior_outcome", "other", "other"],
            "Kostnader",
            &["-700000", "-690000", "-800000", "-790000"],
            "2",
        ),
        (
            "Resultaträkning\n\nBelopp i mnkr Not Utfall\n2024\nUtfall\n2023\nBudget\n2024\nIntäkter 1 269 522 300\nKostnader 2 − 1 116 − 1 344 − 1 149\nNetto − 847 − 822 − 849\n",
            &["label", "text", "outcome", "prior_outcome", "budget"],
            "Kostnader",
            &["-1116", "-1344", "-1149"],
            "2",
        ),
        (
            "Belopp i mnkr Intäkter Kostnader Nettokostnader Kommunbidrag Årets resultat Eget kapital\n\n\nNÄMNDER\n\n\nNämnd A 426 -2 023 -1 597 1 597 0 90\nNämnd B 402 -1 935 -1 533 1 570 37 127\nNämnd C 693 -1 946 -1 252 1 254 2 -16\n",
            &["label", "other", "other", "outcome", "budget", "stated_variance", "other"],
            "Nämnd B",
            &["402", "-1935", "-1533", "1570", "37", "127"],
            "",
        ),
    ];
    for (paste, want_roles, label, numbers, note) in cases {
        let t = read(paste);
        assert_eq!(roles(&t), *want_roles, "roles of {paste:?}");
        let row = t
            .rows
            .iter()
            .position(|r| matches!(r.cells.first(), Some(Cell::Text(l)) if l == label))
            .unwrap_or_else(|| panic!("row {label} of {paste:?}"));
        let first = if note.is_empty() { 1 } else { 2 };
        for (k, n) in numbers.iter().enumerate() {
            assert_eq!(
                t.number(row, first + k),
                Some(d(n)),
                "{label} col {k} of {paste:?}"
            );
        }
        if !note.is_empty() {
            assert_eq!(
                t.rows[row].cells[1],
                Cell::Text(note.to_string()),
                "note of {paste:?}"
            );
        }
    }
}

/// A bare "Summa" closes the block a heading opened; after items outside
/// any block it sums all of them. (paste, kinds of the rows.)
#[test]
fn bare_sums_close_the_block_their_heading_opened() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mnkr\tUtfall\tBudget\n<b>Nämnd A</b>\t\t\nVerksamhet 1\t10\t12\nSumma\t10\t12\n<b>Nämnd B</b>\t\t\nVerksamhet 1\t5\t6\nVerksamhet 2\t1\t1\nSumma\t6\t7\n",
            &["heading", "item", "subtotal", "heading", "item", "item", "subtotal"],
        ),
        (
            "Mnkr\tUtfall\tBudget\nVerksamhet 1\t10\t12\n<b>Nya projekt</b>\t\t\nVerksamhet 2\t1\t1\nSumma\t11\t13\n",
            &["item", "heading", "item", "total"],
        ),
    ];
    for (paste, want) in cases {
        let t = read(paste);
        let kinds: Vec<&str> = t.rows.iter().map(|r| r.kind.key()).collect();
        assert_eq!(kinds, *want, "{paste:?}");
        assert!(
            crate::checks::check_table(&t).is_empty(),
            "no check on {paste:?}"
        );
    }
}

/// A five-year overview from a PDF: years one per line under the corner's
/// heading, section headings among the measures. It is turned so that each
/// year is a row, and the section headings name no column.
#[test]
fn a_sideways_overview_turns_without_its_section_headings() {
    let t = read(
        "Kommunen\n2020\n2021\n2022\n2023\nEkonomi\nÅrets resultat, mnkr 10,2 17,2 18,6 14,7\nNettoinvesteringar, mnkr 46 73 62 80\nPersonal\nAnställda, st 717 711 716 743\n",
    );
    let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Kommunen",
            "Årets resultat, mnkr",
            "Nettoinvesteringar, mnkr",
            "Anställda, st"
        ]
    );
    assert_eq!(t.rows.len(), 4);
    assert_eq!(t.rows[3].cells[0], Cell::Text("2023".into()));
    assert_eq!(t.number(3, 1), Some(d("14.7")));
    assert_eq!(t.number(0, 3), Some(d("717")));
}

/// Note numbers glued before the first amount, in a table without a note
/// column: small whole numbers in order, in rows of decimal figures. They
/// get a note column and are never amounts. (paste, label, note, amounts.)
#[test]
fn glued_note_numbers_are_notes_not_amounts() {
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str, &'a [&'a str])]);
    let cases: &[Case<'_>] = &[
        (
            "Mnkr Utfall 2024 Utfall 2023\nVerksamhetens intäkter 2 812,4 790,1\nVerksamhetens kostnader 3 -2 410,2 -2 300,5\nAvskrivningar 4 -95,0 -90,1\nVerksamhetens nettokostnader -1 692,8 -1 600,5\nSkatteintäkter 5 1 700,0 1 650,0\n",
            &[
                ("Verksamhetens intäkter", "2", &["812.4", "790.1"]),
                ("Verksamhetens kostnader", "3", &["-2410.2", "-2300.5"]),
                ("Verksamhetens nettokostnader", "", &["-1692.8", "-1600.5"]),
                ("Skatteintäkter", "5", &["1700.0", "1650.0"]),
            ],
        ),
        // Whole figures: "2 812" is one amount, nothing is a note.
        (
            "Mnkr Utfall 2024 Utfall 2023\nIntäkter 2 812 2 790\nKostnader 3 410 3 300\n",
            &[("Intäkter", "", &["2812", "2790"]), ("Kostnader", "", &["3410", "3300"])],
        ),
    ];
    for (paste, rows) in cases {
        let t = read(paste);
        let note_col = t.columns.iter().position(|c| c.heading == "Not");
        for (label, note, amounts) in rows.iter() {
            let r = t
                .rows
                .iter()
                .position(|row| matches!(row.cells.first(), Some(Cell::Text(l)) if l == label))
                .unwrap_or_else(|| panic!("row {label} of {paste:?}"));
            let first = usize::from(note_col.is_some()) + 1;
            for (k, a) in amounts.iter().enumerate() {
                assert_eq!(t.number(r, first + k), Some(d(a)), "{label} of {paste:?}");
            }
            match note_col {
                Some(j) if !note.is_empty() => {
                    assert_eq!(t.rows[r].cells[j], Cell::Text(note.to_string()), "{label}")
                }
                Some(j) => assert_eq!(t.rows[r].cells[j], Cell::Empty, "{label}"),
                None => assert!(note.is_empty(), "a note column for {paste:?}"),
            }
        }
    }
}

/// A web overview copied one cell per line, its year headings run together
/// into one line: each year becomes a row of the turned table.
#[test]
fn run_together_year_headings_of_a_sideways_overview() {
    let t = read(
        "Kommunen, mnkr\n\n \n\n2023202220212020\nIntäkter\n\n447,5\n\n423,3\n\n455,7\n\n486,3\n\nKostnader\n\n-2 690,0\n\n-2 577\n\n-2 551,3\n\n-2 453,5\n\nÅrets resultat\n\n25,9\n\n33,8\n\n12,8\n\n76,1\n",
    );
    let labels: Vec<String> = t.rows.iter().map(|r| format!("{:?}", r.cells[0])).collect();
    assert_eq!(
        labels,
        [
            r#"Text("2023")"#,
            r#"Text("2022")"#,
            r#"Text("2021")"#,
            r#"Text("2020")"#
        ]
    );
    assert_eq!(t.number(1, 2), Some(d("-2577")));
    assert_eq!(t.number(2, 3), Some(d("12.8")));
}

/// Whether a table lies on its side is the user's choice when they make
/// one, and a guess worth a diagnostic (with the other reading one click
/// away) whenever the rows are named by figures. (paste, choice, turned,
/// diagnostic: None when there is none, else whether it says "chosen".)
#[test]
fn the_orientation_is_guessed_said_and_chosen() {
    let sideways =
        "Mnkr\t2023\t2024\nNettokostnad\t-100\t-110\nBudget\t-105\t-108\nAvvikelse\t5\t-2\n";
    // Figures as columns, but the rows are named like figures too.
    let named_rows = "Mnkr\tUtfall\tBudget\nNettokostnad\t-100\t-105\nBudget\t-105\t-108\n";
    let plain = "Nämnd\tUtfall\tBudget\nSocialnämnden\t-100\t-105\nKulturnämnden\t-10\t-12\n";
    // (paste, choice, first label when read, diagnostic.)
    let cases: &[(&str, Option<Orientation>, &str, Option<bool>)] = &[
        (sideways, None, "2023", Some(false)),
        (
            sideways,
            Some(Orientation::AsPasted),
            "Nettokostnad",
            Some(true),
        ),
        (sideways, Some(Orientation::Turned), "2023", Some(true)),
        (named_rows, None, "Nettokostnad", Some(false)),
        (named_rows, Some(Orientation::Turned), "Utfall", Some(true)),
        (plain, None, "Socialnämnden", None),
        (
            plain,
            Some(Orientation::AsPasted),
            "Socialnämnden",
            Some(true),
        ),
    ];
    for (paste, orientation, first, said) in cases {
        let choices = ReadChoices {
            orientation: *orientation,
            ..ReadChoices::default()
        };
        let t = read_paste(paste, None, &choices);
        assert_eq!(t.label(0), *first, "{paste:?} {orientation:?}");
        let turned = *first != "Nettokostnad" && *first != "Socialnämnden";
        let diagnostic = t.diagnostics.iter().find_map(|d| match d.kind {
            K::Orientation { turned: t, chosen } => Some((t, chosen)),
            _ => None,
        });
        assert_eq!(
            diagnostic.map(|(_, chosen)| chosen),
            *said,
            "{paste:?} {orientation:?}"
        );
        if let Some((t, _)) = diagnostic {
            assert_eq!(t, turned, "the diagnostic says what was done: {paste:?}");
        }
    }
}

/// Which tables are on their side. (paste, turned.)
#[test]
fn tables_on_their_side_and_statements_over_three_years() {
    let cases: &[(&str, bool)] = &[
        // Measures of two kinds as rows: turned.
        (
            "Mnkr\t2023\t2024\nNettokostnad\t-100\t-110\nBudget\t-105\t-108\nAvvikelse\t5\t-2\n",
            true,
        ),
        // Results only, over three years: a statement, items as rows.
        (
            "Mnkr 2022 2021 2020\nÅrets resultat 2 568 2 115 4 953\nAvgår realisationsvinster -318 -257 -89\nÅrets balanskravsresultat 2 250 1 858 4 865\n",
            false,
        ),
        // One figure over years ("Bokslut 2024 | Bokslut 2023") with a
        // budget among the measures: periods as columns, turned.
        (
            "Tkr\tBokslut 2024\tBokslut 2023\nIntäkter\t50\t48\nKostnader\t80\t79\nNettokostnad\t30\t31\nBudget\t32\t30\nBudgetavvikelse\t2\t-1\n",
            true,
        ),
        // The same headings over a result statement: items as rows.
        (
            "Mnkr\tUtfall 2024\tUtfall 2023\nÅrets resultat\t42\t29\nReservering till RUR\t-15\t-5\nBalanskravsresultat\t27\t24\n",
            false,
        ),
        // Five years: an overview on its side.
        (
            "Mnkr\t2020\t2021\t2022\t2023\t2024\nInvånare\t100\t101\t102\t103\t104\nSkattesats\t21,1\t21,1\t21,2\t21,2\t21,3\n",
            true,
        ),
    ];
    for (paste, turned) in cases {
        let t = read(paste);
        let first = t.rows.first().map(|r| format!("{:?}", r.cells[0]));
        let year_rows = first.is_some_and(|f| f.contains("20"));
        assert_eq!(year_rows, *turned, "{paste:?}");
    }
}

/// A note copied one cell per line: a title, the unit on a line of its own
/// above group headings with the group of companies first, an empty corner
/// cell. The unit heads the labels, and the municipality's own columns are
/// the outcome, whichever group comes first.
#[test]
fn group_headings_with_the_municipality_second() {
    let t = read(
        "Not 5 Avskrivningar\n\nmnkr\n\nKommunkoncernen\n\nKommunen\n\n\n2024\n\n2023\n\n2024\n\n2023\n\nByggnader\n\n-185,1\n\n-207,2\n\n-57,0\n\n-59,1\n\nInventarier\n\n-31,1\n\n-29,8\n\n-25,1\n\n-23,2\n",
    );
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.columns[0].heading, "mnkr");
    assert_eq!(
        roles(&t),
        ["label", "other", "other", "outcome", "prior_outcome"]
    );
    // A company's report: its group first, and the outcome.
    let t = read(
        "(tkr) Koncernen Moderbolaget\nNOT 2024 2023 2024 2023\nHyresintäkter 3 799 990 796 936 738 199 714 493\n",
    );
    assert_eq!(
        roles(&t),
        [
            "label",
            "text",
            "outcome",
            "prior_outcome",
            "other",
            "other"
        ]
    );
}

/// The unit may stand on a title line above another title line.
#[test]
fn the_unit_on_an_upper_title_line() {
    let t = read(
        "RESULTATRÄKNING\n\n2018-01-01-2018-12-31 (MKR)\n(noterna hänvisar till kommentarerna)\n\nNot 2018 2017\nNettoomsättning 1 972 928\nÖvriga intäkter 2 44 28\n",
    );
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.number(0, 2), Some(d("972")));
}

/// Outcome columns of one year under two group headings: the table's own
/// group (the municipality's, else the first) keeps the outcome.
#[test]
fn outcomes_under_two_group_headings() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Tkr\tKommunen Utfall 2024\tKommunen Utfall 2023\tSammanställd redovisning Utfall 2024\tSammanställd redovisning Utfall 2023\nIntäkter\t10\t9\t20\t19\n",
            &["label", "outcome", "prior_outcome", "other", "other"],
        ),
        (
            "Tkr\tKoncernen Utfall 2024\tKoncernen Utfall 2023\tKommunen Utfall 2024\tKommunen Utfall 2023\nIntäkter\t20\t19\t10\t9\n",
            &["label", "other", "other", "outcome", "prior_outcome"],
        ),
    ];
    for (paste, want) in cases {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// A mixed copy (rows on one line, some with each figure on a line of its
/// own) whose line of years stands under a title ending in a date and over
/// a section heading: the years head the columns, the title line is no
/// row, and rows of three-digit figures on one line are full rows.
/// (paste, first row's label, its first figure, rows.)
#[test]
fn a_line_of_years_under_a_dated_title_heads_a_mixed_copy() {
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "Femårsöversikt\n\nBOLAGET AB BOKSLUT 2019-12-31\n\n2019 2018 2017 2016 2015\nRESULTATRÄKNING (MKR)\nBostadshyror 782 754 731 704 685\nLokalhyror 239 218 187 183 178\nGarage 26 24 22 21 20\nNettoomsättning\n\n1 047\n\n996\n\n940\n\n908\n\n883\n\nDriftskostnader −438 −399 −390 −365 −343\nDriftnetto\n\n609\n\n597\n\n550\n\n543\n\n540\n",
            "2019",
            "782",
            5,
        ),
        (
            "Översikt\n\n2021 2020 2019\nIntäkter\n\n120\n\n110\n\n100\n\nKostnader\n\n-90\n\n-80\n\n-70\n\nResultat 30 30 30\n",
            "Intäkter",
            "120",
            3,
        ),
    ];
    for (paste, label, first, rows) in cases {
        let t = read(paste);
        assert_eq!(t.rows.len(), *rows, "{paste:?}");
        assert_eq!(t.label(0), *label, "{paste:?}");
        assert_eq!(t.number(0, 1), Some(d(first)), "{paste:?}");
    }
}

/// Running results of an income statement, by the table's own arithmetic.
/// (paste, kind of each row.) A labelled line adding the section sums
/// above it is a result line; an unlabelled line under a block of items
/// is a subtotal when the result line right under it adds it as the
/// block's sum, even when the items do not add up to it; "Resultat från
/// andelar" is an income line, not a result.
#[test]
fn running_results_and_unlabelled_sums_by_the_statements_arithmetic() {
    use RowKind::{Heading as H, Item as I, Subtotal as S, Total as T};
    let cases: &[(&str, &[RowKind])] = &[
        // The operating result adds the two section sums above it.
        (
            "tkr\t2022\t2021\nRörelsens intäkter\nHyror\t800\t790\nÖvrigt\t30\t20\nSumma rörelsens intäkter\t830\t810\nRörelsens kostnader\nDrift\t-500\t-480\nUnderhåll\t-200\t-210\nSumma rörelsens kostnader\t-700\t-690\nRörelseresultat\t130\t120\nResultat från andelar i koncernföretag\t5\t4\nRäntekostnader\t-35\t-24\nResultat efter finansiella poster\t100\t100\n",
            &[I, I, I, S, I, I, I, S, T, I, I, T],
        ),
        // Unlabelled sums; the cost sum is misprinted (-104 763 for four
        // lines adding up to -167 827) and the result line uses it.
        (
            "Belopp i tkr Not 2022 2021\nRörelsens intäkter\nNettoomsättning 1 122 185 118 582\nÖvriga rörelseintäkter 2 6 790 2 142\n128 975 120 724\n\nRörelsens kostnader\nFörvaltningskostnader 3 -63 064 -54 490\nExterna kostnader 4 -70 469 -62 688\nPersonalkostnader 5 -12 451 -12 640\nAvskrivningar 6 -21 843 -21 087\n-104 763 -96 415\n\nRörelseresultat 7 24 212 24 309\n\nFinansiella intäkter 8 409 62\nFinansiella kostnader 9 -6 115 -5 132\n-5 706 -5 070\n\nResultat efter finansiella poster 18 506 19 239\n",
            &[H, I, I, S, H, I, I, I, I, S, T, I, I, S, T],
        ),
        // An unlabelled line the next line does not use stays an item.
        (
            "Mnkr\t2022\t2021\nA\t10\t20\nB\t5\t6\n\t99\t99\nC\t1\t1\n",
            &[I, I, I, I],
        ),
    ];
    for (paste, kinds) in cases {
        let t = read(paste);
        let got: Vec<RowKind> = t.rows.iter().map(|r| r.kind).collect();
        assert_eq!(got, *kinds, "{paste:?}");
    }
    let t = read(cases[1].0);
    let flagged: Vec<(usize, usize)> = crate::checks::check_table(&t)
        .iter()
        .map(|c| (c.row, c.column))
        .collect();
    // The misprinted sum is exactly the three lines above it (-70 469
    // -12 451 -21 843 = -104 763), but the heading "Rörelsens kostnader"
    // bounds its section: it closes all four cost lines, -167 827 in 2022
    // and -150 905 in 2021 (-54 490 -62 688 -12 640 -21 087), against
    // -104 763 and -96 415 stated. Every other sum holds (128 975, 24 212,
    // -5 706, 18 506; 120 724, 24 309, -5 070, 19 239), so only the cost
    // sum is flagged, in both year columns.
    assert_eq!(flagged, [(9, 2), (9, 3)]);
}

/// A labelled line that adds up the rows since the last sum in two columns
/// or more (each a figure other than zero, of two such terms), and in at
/// least as many as it does not, is their sum, and the checks flag the rest;
/// agreeing in one column only, or only where everything is zero, it stays
/// an item. (paste, kinds, flagged (row, column).)
#[test]
fn a_result_line_with_a_misprinted_column_is_still_a_sum() {
    use RowKind::{Item as I, Subtotal as S, Total as T};
    type Case<'a> = (&'a str, &'a [RowKind], &'a [(usize, usize)]);
    let cases: &[Case] = &[
        // Costs -39 (-38 - 1) printed -45; the other figures add up.
        (
            "Mnkr\tIntäkter\tKostnader\tNetto 2023\tBudget 2023\nNämnd A\t10\t-30\t-20\t-21\nNämnd B\t5\t-8\t-3\t-4\nSumma nämnder\t15\t-38\t-23\t-25\nCentrala poster\t2\t-1\t1\t0\nVerksamhetens nettokostnader\t17\t-45\t-22\t-25\n",
            &[I, I, S, I, T],
            &[(4, 2)],
        ),
        // The group's columns add up, the koncern's (0 and 0 above) do
        // not: as many columns hold as fail, the line is still their sum.
        (
            "Tkr\tKommunen 2013\tKommunen 2012\tKoncernen 2013\tKoncernen 2012\nInklusive interna poster\t275\t161\t0\t0\nAvgår interna poster\t-181\t-76\t0\t0\nVerksamhetens intäkter\t94\t85\t152\t144\n",
            &[I, I, T],
            &[(2, 3), (2, 4)],
        ),
        // One column agreeing is chance: D stays an item.
        (
            "Mnkr\tUtfall\tBudget\nA\t10\t12\nB\t5\t6\nSumma\t15\t18\nC\t2\t3\nD\t17\t25\n",
            &[I, I, T, I, I],
            &[],
        ),
        // Zeros agree with anything: Z stays an item.
        (
            "Mnkr\tUtfall\tBudget\tPrognos\nX\t0\t0\t5\nY\t0\t0\t6\nZ\t0\t0\t20\n",
            &[I, I, I],
            &[],
        ),
    ];
    for (paste, kinds, flagged) in cases {
        let t = read(paste);
        let got: Vec<RowKind> = t.rows.iter().map(|r| r.kind).collect();
        assert_eq!(got, *kinds, "{paste:?}");
        let checks: Vec<(usize, usize)> = crate::checks::check_table(&t)
            .iter()
            .map(|c| (c.row, c.column))
            .collect();
        assert_eq!(checks, *flagged, "{paste:?}");
    }
}

/// A run-together income statement with a note column: notes glued before
/// the figures ("Intäkter1500450" is note 1, 500 | 450), note lists ("2,
/// 3") and a note set apart by a space; several running results decide
/// the ambiguous rows block by block, and a labelled line adding the items
/// of its section ("Skattenetto") is their subtotal. (label, note, figures,
/// kind.)
#[test]
fn run_together_statement_with_notes_and_running_results() {
    use RowKind::{Item as I, Subtotal as S, Total as T};
    let t = read(
        "Resultaträkning, mnkr\n\n Not20232022\nIntäkter1500450\nKostnader2, 3-1 200-1 100\nJämförelsestörande poster 4-1163\nNettokostnad-711-587\nSkatter5800700\nBidrag610090\nSkattenetto900790\nResultat före finansiella poster189203\nFinansiella intäkter71215\nFinansiella kostnader8-20-18\nFinansnetto-8-3\nÅrets resultat181200\n",
    );
    let want: &[(&str, &str, [&str; 2], RowKind)] = &[
        ("Intäkter", "1", ["500", "450"], I),
        ("Kostnader", "2, 3", ["-1200", "-1100"], I),
        ("Jämförelsestörande poster", "4", ["-11", "63"], I),
        ("Nettokostnad", "", ["-711", "-587"], T),
        ("Skatter", "5", ["800", "700"], I),
        ("Bidrag", "6", ["100", "90"], I),
        ("Skattenetto", "", ["900", "790"], S),
        ("Resultat före finansiella poster", "", ["189", "203"], T),
        ("Finansiella intäkter", "7", ["12", "15"], I),
        ("Finansiella kostnader", "8", ["-20", "-18"], I),
        ("Finansnetto", "", ["-8", "-3"], S),
        ("Årets resultat", "", ["181", "200"], T),
    ];
    assert_eq!(roles(&t), ["label", "text", "outcome", "prior_outcome"]);
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.rows.len(), want.len());
    for (r, (label, note, figures, kind)) in want.iter().enumerate() {
        assert_eq!(t.label(r), *label, "row {r}");
        let note_cell = match &t.rows[r].cells[1] {
            Cell::Text(s) => s.as_str(),
            _ => "",
        };
        assert_eq!(note_cell, *note, "row {r}");
        assert_eq!(t.number(r, 2), Some(d(figures[0])), "row {r}");
        assert_eq!(t.number(r, 3), Some(d(figures[1])), "row {r}");
        assert_eq!(t.rows[r].kind, *kind, "row {r}");
    }
    assert!(crate::checks::check_table(&t).is_empty());
}

/// A run-together table whose headings are wrapped in their cells, one
/// cell after another under the title (a capitalised line starts the next
/// heading, a blank line ends one), and whose rows break after any cell
/// (a line of figures alone continues the row above). (headings, rows,
/// figures of the second row.)
#[test]
fn run_together_rows_under_headings_wrapped_in_their_cells() {
    let cases: &[(&str, &[&str], usize, [&str; 4])] = &[(
        "Driftsredovisning, mnkr\n\n Ingående\nresultat\nKommunbidrag\n\n\nNetto-\nkostnader\n\n\nUtgående\nresultat\nSumma nämnder20,5100,0-95,025,5\nNämnd A10,060,0-55,015,0\nNämnd B10,540,0\n-40,010,5\nNämnd C0,00,00,00,0\n",
        &["", "Ingående resultat", "Kommunbidrag", "Nettokostnader", "Utgående resultat"],
        4,
        ["10.0", "60.0", "-55.0", "15.0"],
    )];
    for (paste, headings, rows, figures) in cases {
        let t = read(paste);
        let got: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
        assert_eq!(got, *headings, "{paste:?}");
        assert_eq!(t.rows.len(), *rows, "{paste:?}");
        for (j, f) in figures.iter().enumerate() {
            assert_eq!(t.number(1, j + 1), Some(d(f)), "{paste:?}");
        }
        assert_eq!(t.number(2, 3), Some(d("-40.0")), "{paste:?}");
    }
}

/// One cell per line where a row's last figure runs into the next row's
/// label ("246,7Bolagens", "-140,6SUMMA") because the row's other cells
/// are absent; a figure with its unit stays one cell. (paste, row, label,
/// figures of the row.)
#[test]
fn a_figure_run_into_the_next_label_is_two_cells() {
    let cases: &[(&str, usize, &str, &[Option<&str>])] = &[
        (
            "mnkr\n\nKoncernen\n\nKommunen\n\n\n2021\n\n2020\n\n2021\n\n2020\n\nLöner\n\n-1 758,8\n\n-1 717,2\n\n-1 685,6\n\n-1 648,4\n\nAvgår interna\n\n244,6\n\n246,7Bolagens kostnader\n\n-165,5\n\n-140,6SUMMA\n\n-1 679,7\n\n-1 610,9\n\n-1 685,6\n\n-1 648,4\n",
            1,
            "Avgår interna",
            &[Some("244.6"), Some("246.7"), None, None],
        ),
        (
            "mnkr\n\nKoncernen\n\nKommunen\n\n\n2021\n\n2020\n\n2021\n\n2020\n\nLöner\n\n-1 758,8\n\n-1 717,2\n\n-1 685,6\n\n-1 648,4\n\nAvgår interna\n\n244,6\n\n246,7Bolagens kostnader\n\n-165,5\n\n-140,6SUMMA\n\n-1 679,7\n\n-1 610,9\n\n-1 685,6\n\n-1 648,4\n",
            3,
            "SUMMA",
            &[Some("-1679.7"), Some("-1610.9"), Some("-1685.6"), Some("-1648.4")],
        ),
    ];
    for (paste, row, label, figures) in cases {
        let t = read(paste);
        assert_eq!(t.label(*row), *label, "{paste:?}");
        for (j, f) in figures.iter().enumerate() {
            assert_eq!(t.number(*row, j + 1), f.map(d), "{paste:?}");
        }
    }
    let split: Vec<Option<(&str, &str)>> =
        ["26 350tkr", "0,0Mnkr", "2021Kommunen", "246,7Bolagens"]
            .into_iter()
            .map(super::lines::value_then_label)
            .collect();
    assert_eq!(split, [None, None, None, Some(("246,7", "Bolagens"))]);
}

/// PDF notes whose items fill only the first columns the heading names
/// (the municipality's years) while the sum row fills all of them, and a
/// label ending in a reference to another note ("-se not 3") whose number
/// is no amount. (paste, columns, row, label, figures of the row.)
#[test]
fn short_rows_under_a_wider_heading_and_note_references_in_labels() {
    type Case<'a> = (&'a str, usize, usize, &'a str, &'a [Option<&'a str>]);
    let cases: &[Case] = &[
        (
            "Kommunen Koncernen\n2013 2014 2013 2014\nBidrag 219,8 243,3\nÖvrigt -se not 3 149,4 55,0\nSumma intäkter 369 298 1 074 1 039\n",
            5,
            1,
            "Övrigt -se not 3",
            &[Some("149.4"), Some("55.0"), None, None],
        ),
        (
            "Kommunen Koncernen\n2013 2014 2013 2014\nBidrag 219,8 243,3\nÖvrigt -se not 3 149,4 55,0\nSumma intäkter 369 298 1 074 1 039\n",
            5,
            2,
            "Summa intäkter",
            &[Some("369"), Some("298"), Some("1074"), Some("1039")],
        ),
        // Rows that could fill the heading (figures without decimals split
        // any way) keep the count most rows have.
        (
            "Tkr Utfall 2013 Budget 2013 Avvikelse\nIntäkter 93 712 85 611 8 101\nKostnader -615 649 -600 875 -14 774\nÖvrigt 0 0 0\n",
            4,
            0,
            "Intäkter",
            &[Some("93712"), Some("85611"), Some("8101")],
        ),
    ];
    for (paste, columns, row, label, figures) in cases {
        let t = read(paste);
        assert_eq!(t.columns.len(), *columns, "{paste:?}");
        assert_eq!(t.label(*row), *label, "{paste:?}");
        for (j, f) in figures.iter().enumerate() {
            assert_eq!(t.number(*row, j + 1), f.map(d), "{paste:?}");
        }
    }
}

/// A year's budget is the period's budget when nothing in the table covers
/// part of the year (annual reports, budget documents), and the annual
/// budget beside a part-year outcome, a period budget or a forecast.
#[test]
fn a_years_budget_is_the_periods_unless_the_table_covers_part_of_a_year() {
    let table: &[(&str, &[&str])] = &[
        // An annual report's statement: the year's outcome against its budget.
        (
            "Mnkr\tUtfall 2019\tUtfall 2018\tBudget 2019\tAvvikelse\nA\t-10\t-9\t-12\t2\n",
            &[
                "label",
                "outcome",
                "prior_outcome",
                "budget",
                "stated_variance",
            ],
        ),
        (
            "Tkr\tBUDGET 2019\t2019\t2018\nA\t5\t6\t7\nB\t8\t9\t10\n",
            &["label", "budget", "outcome", "prior_outcome"],
        ),
        // A budget document: the closed year is the prior outcome.
        (
            "Mnkr\tBokslut 2023\tBudget 2024\tBudget 2025\tPlan 2026\nA\t1\t2\t3\t4\n",
            &["label", "prior_outcome", "other", "budget", "other"],
        ),
        // Part of the year: the year's budget stays the annual budget.
        (
            "Mnkr\tUtfall jan-aug 2019\tBudget 2019\nA\t-10\t-12\n",
            &["label", "outcome", "annual_budget"],
        ),
        (
            "Mnkr\tAck. utfall\tBudget 2019\nA\t-10\t-12\n",
            &["label", "outcome", "annual_budget"],
        ),
        (
            "Mnkr\tUtfall 2019\tAck. budget\tBudget 2019\nA\t-10\t-11\t-12\n",
            &["label", "outcome", "budget", "annual_budget"],
        ),
        (
            "Mnkr\tUtfall 2019\tBudget 2019\tPrognos 2019\nA\t-10\t-12\t-13\n",
            &["label", "outcome", "annual_budget", "forecast"],
        ),
        (
            "Delårsrapport januari - augusti 2019\nMnkr\tUtfall 2019\tBudget 2019\nA\t-10\t-12\n",
            &["label", "outcome", "annual_budget"],
        ),
        // Words that name the whole year keep it annual.
        (
            "Mnkr\tUtfall 2019\tÅrsbudget 2019\nA\t-10\t-12\n",
            &["label", "outcome", "annual_budget"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// A forecast-accuracy table compares the year's outcome with an earlier
/// report's forecast: the column the arithmetic finds is the forecast when
/// the title or deviation speaks of the forecast, or its heading names an
/// earlier report's period; and the deviation is outcome − forecast.
#[test]
fn the_reference_of_a_forecast_follow_up_is_the_forecast() {
    use crate::convention::detect_convention;
    use crate::model::SignConvention;
    let table: &[(&str, &[&str])] = &[
        (
            "Prognosavvikelse, Mkr\n\tBokslut\tDelårsrapport jan-aug\tAvvikelse\nA\t38\t7\t31\nB\t-18\t44\t-62\nC\t13\t5\t8\n",
            &["label", "outcome", "forecast", "stated_variance"],
        ),
        (
            "Mnkr\tBokslut\tTertial 2\tAvvikelse\nA\t38\t7\t31\nB\t18\t4\t14\nC\t13\t5\t8\n",
            &["label", "outcome", "forecast", "stated_variance"],
        ),
        (
            "Mnkr\tUtfall\tX\tPrognosavvikelse\nA\t38\t7\t31\nB\t18\t4\t14\nC\t13\t5\t8\n",
            &["label", "outcome", "forecast", "stated_variance"],
        ),
        // Without a word of a forecast it is the budget, as before.
        (
            "Mnkr\tUtfall\tX\tAvvikelse\nA\t38\t7\t31\nB\t18\t4\t14\nC\t13\t5\t8\n",
            &["label", "outcome", "budget", "stated_variance"],
        ),
    ];
    for (paste, want) in table {
        let t = read(paste);
        assert_eq!(roles(&t), *want, "{paste:?}");
        assert_eq!(
            detect_convention(&t).convention,
            SignConvention::OutcomeMinusBudget,
            "{paste:?}"
        );
    }
}

/// The signs of the amounts tell the convention only when the outcome is in
/// the table: budgets and stated deviations alone are read in the
/// reference convention, favourable positive.
#[test]
fn budgets_and_deviations_alone_keep_the_reference_convention() {
    use crate::convention::detect_convention;
    use crate::model::SignConvention::*;
    let table: &[(&str, crate::model::SignConvention)] = &[
        (
            "Mnkr\tBudget\tAvvikelse\tProcent\nA\t407,2\t28,2\t6,9\nB\t447,9\t-14,2\t-3,2\n",
            OutcomeMinusBudget,
        ),
        (
            "Mnkr\tBudget\tAvvikelse\nA\t-407,2\t28,2\nB\t-447,9\t-14,2\n",
            OutcomeMinusBudget,
        ),
        // With the outcome, positive amounts are gross, as before.
        (
            "Mnkr\tUtfall\tBudget\nA\t400,0\t407,2\nB\t450,0\t447,9\n",
            BudgetMinusOutcome,
        ),
        (
            "Mnkr\tUtfall\tBudget\nA\t-400,0\t-407,2\nB\t-450,0\t-447,9\n",
            OutcomeMinusBudget,
        ),
    ];
    for (paste, want) in table {
        assert_eq!(
            detect_convention(&read(paste)).convention,
            *want,
            "{paste:?}"
        );
    }
}

/// The same heading bare and with a year: the bare one is the report's own
/// period, the dated one the year it compares with.
#[test]
fn a_dated_twin_of_a_bare_heading_is_the_earlier_year() {
    let table: &[(&str, &[&str])] = &[
        (
            "Mnkr\tNettokostnad\tKommunbidrag\tAvvikelse\tAvvikelse 2017\nA\t35,7\t27,5\t-8,2\t3,8\nB\t73,1\t76,7\t3,6\t10,6\n",
            &["label", "outcome", "budget", "stated_variance", "other"],
        ),
        (
            "Mnkr\tUtfall\tUtfall 2020\tBudget\nA\t-10\t-9\t-12\n",
            &["label", "outcome", "prior_outcome", "budget"],
        ),
        // Different words: both stay.
        (
            "Mnkr\tUtfall\tBudget\tBudgetavvikelse\tUtfallsavvikelse 2020\nA\t-10\t-12\t2\t-1\n",
            &["label", "outcome", "budget", "stated_variance", "stated_variance"],
        ),
        // An outcome heading repeated bare, its years lost: the first is
        // the table's period, the repeats earlier years.
        (
            "Mnkr\tUtfall\tÅrsbudget\tResultat\tUtfall\tUtfall\nA\t125,2\t94,4\t30,8\t157,0\t155,7\nB\t-575,5\t-549,5\t-26,0\t-599,3\t-587,0\n",
            &["label", "outcome", "annual_budget", "stated_variance", "prior_outcome", "prior_outcome"],
        ),
        // Repeated as a block (two blocks turned side by side): no period.
        (
            "Mnkr\tUtfall\tBudget\tUtfall\tBudget\nA\t10\t12\t5\t6\n",
            &["label", "outcome", "budget", "outcome", "other"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// A change since a year the table does not show is another number; with
/// that year's figure in the table it stays a deviation to check.
#[test]
fn a_change_since_a_missing_year_is_another_number() {
    let table: &[(&str, &[&str])] = &[
        (
            "Tkr\tUtfall 2013\tFörändring 2012/2013\tBudget 2013\tBudgetavvikelse\nA\t-614\t-9\t-620\t6\nB\t-819\t50\t-847\t28\n",
            &["label", "outcome", "other", "budget", "stated_variance"],
        ),
        (
            "Mnkr\tUtfall jan-maj 2017\tFörändring jämfört med jan-maj 2016\nA\t100\t5\nB\t200\t-3\n",
            &["label", "outcome", "other"],
        ),
        (
            "Tkr\tUtfall 2013\tUtfall 2012\tFörändring 2012/2013\nA\t-614\t-605\t-9\nB\t-819\t-869\t50\n",
            &["label", "outcome", "prior_outcome", "stated_variance"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// A month's outcome beside the accumulated one: the accumulated is the
/// period's outcome; the state budget's "SB + ÄB" is its annual budget.
#[test]
fn a_months_outcome_beside_the_accumulated_one_is_another_number() {
    let table: &[(&str, &[&str])] = &[
        (
            "Mnkr\tUtfall maj 2017\tUtfall jan-maj 2017\tSB + ÄB 2017\nA\t10\t50\t120\n",
            &["label", "other", "outcome", "annual_budget"],
        ),
        (
            "Tkr\tUtfall månad\tAck. utfall\tAck. budget\nA\t-10\t-50\t-52\n",
            &["label", "other", "outcome", "budget"],
        ),
        // Two accumulated outcomes of different years: unchanged.
        (
            "Tkr\tAck. utfall 2021\tAck. utfall 2020\nA\t-10\t-9\n",
            &["label", "outcome", "prior_outcome"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// Heading words run together with abbreviations and footnote marks, as
/// PDF and web copies glue cells: split at a lowercase letter or a period
/// before a capital, and at a footnote mark, which goes.
#[test]
fn run_together_headings_split_at_case_periods_and_footnote_marks() {
    let cases: &[(&str, &str)] = &[
        ("Utfall novPrognos nov", "Utfall nov Prognos nov"),
        (
            "Utfall sep.Prognos sep.Diff. sep.",
            "Utfall sep. Prognos sep. Diff. sep.",
        ),
        ("Ack. diff.²Utfall 12-mån", "Ack. diff. Utfall 12-mån"),
        ("Ack. diff.2Utfall 12-mån", "Ack. diff. Utfall 12-mån"),
        ("Ack. diff.1", "Ack. diff."),
        (
            "Medlemsbidrag 2023Ägarfördelning",
            "Medlemsbidrag 2023 Ägarfördelning",
        ),
        ("Utfall ¹", "Utfall "),
        // Left alone: a unit glued to a title, spaced words, numbers.
        ("BalansräkningTKR", "BalansräkningTKR"),
        ("Utfall 8 mån 2021", "Utfall 8 mån 2021"),
        ("Budget 2021-12-31", "Budget 2021-12-31"),
        ("Kr/inv. 2,5", "Kr/inv. 2,5"),
    ];
    for (text, want) in cases {
        assert_eq!(headings::unglue_heading(text), *want, "{text:?}");
    }
}

/// A footnote or source note between the caption and the heading is never
/// the heading: the heading is the line that names the columns.
#[test]
fn footnote_lines_are_never_headings() {
    let cases: &[(&str, bool)] = &[
        (
            "1 Nettolånebehovet motsvarar budgetsaldot med omvänt tecken.",
            true,
        ),
        (
            "2 Summan av månatliga prognosdifferenser sedan senaste prognos (juni 2017).",
            true,
        ),
        ("¹ Exklusive jämförelsestörande poster och reavinster", true),
        ("Källa: egna beräkningar av kommunen", true),
        (
            "Utfall novPrognos novDifferens novAck. diff.2Utfall 12-mån",
            false,
        ),
        ("25 Allmänna bidrag till kommuner 1 000 2 000", false),
        ("Not 2023 2022", false),
        ("2023 Budget Utfall Avvikelse", false),
    ];
    for (line, want) in cases {
        assert_eq!(lines::is_footnote_line(line), *want, "{line:?}");
    }
    let t = read(
        "Statens nettolånebehov¹ (miljoner kronor)\n1 Nettolånebehovet motsvarar budgetsaldot med omvänt tecken.\n2 Summan av prognosdifferenser sedan senaste prognos.\n Utfall   oktoberPrognos oktoberDifferens  oktoberAck. diff.²Utfall \n12-mån.\nNettolånebehov -1 142 3 950 -5 092 -5 092 45 707\nPrimärt lånebehov 10 050 12 430 -2 381 -2 381 12 954\nNettoutlåning -6 749 -4 632 -2 118 -1 118 17 014\nRäntor -4 443 -3 849 -594 -594 15 739\n",
    );
    let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "",
            "Utfall oktober",
            "Prognos oktober",
            "Differens oktober",
            "Ack. diff.",
            "Utfall 12-mån."
        ]
    );
    assert_eq!(
        t.title.as_deref(),
        Some("Statens nettolånebehov¹ (miljoner kronor)")
    );
    // The table's arithmetic names the outcome and the deviation among
    // columns whose words say the same.
    assert_eq!(
        roles(&t),
        [
            "label",
            "outcome",
            "forecast",
            "stated_variance",
            "other",
            "other"
        ]
    );
}

/// Footnote marks at the end of a label are the row's footnote, not its
/// words: stars, superscript digits, a digit glued to a long word.
#[test]
fn footnote_marks_come_off_labels() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Primärt lånebehov exkl. nettoutlåning³",
            "Primärt lånebehov exkl. nettoutlåning",
            Some("³"),
        ),
        (
            "Primärt lånebehov exkl. nettoutlåning3",
            "Primärt lånebehov exkl. nettoutlåning",
            Some("3"),
        ),
        ("Vård och omsorg*)", "Vård och omsorg", Some("*)")),
        ("Kostnad per m2", "Kostnad per m2", None),
        ("Utsläpp CO2", "Utsläpp CO2", None),
        ("Område3", "Område3", None),
    ];
    for (label, text, marker) in cases {
        let (t, m) = split_note(label);
        assert_eq!((t.as_str(), m.as_deref()), (*text, *marker), "{label:?}");
    }
}

/// Web copies with one cell per line: the heading cells wrap without a
/// blank line ("Utfall" / "12-mån."), or the headings run together on one
/// line under a caption and footnotes. Either way one heading per value
/// column, the corner empty; a deviation repeated in every row by a bare
/// "Ack. diff." is the first column's.
#[test]
fn one_cell_per_line_headings_wrapped_or_run_together() {
    let body = "Nettolånebehov\n\n8 017\n\n1 880\n\n6 137\n\n6 137\n\n66 596\n\nRäntor på statsskulden\n\n-2 861\n\n-2 110\n\n-751\n\n-751\n\n7 206\n\nNettoutlåning\n\n-595\n\n-2 744\n\n2 149\n\n2 149\n\n12 480\n";
    let heads: &[&str] = &[
        "Statens nettolånebehov (miljoner kronor)\n\n \n\nUtfall\nsep\n\nPrognos\nsep\n\nDifferens\nsep\n\nAck.\ndiff.1\n\nUtfall\n12-mån.\n\n",
        "Statens nettolånebehov1 (miljoner kronor)\n\n1 Nettolånebehovet motsvarar budgetsaldot med omvänt tecken.\n\n2 Summan av månatliga prognosdifferenser sedan senaste prognos.\n\nNettot av statens primära utgifter och inkomster.\n\n Utfall sep.Prognos sep.Differens sep.Ack. diff.2Utfall 12-mån.\n\n",
    ];
    for head in heads {
        let t = read(&format!("{head}{body}"));
        let headings: Vec<String> = t
            .columns
            .iter()
            .map(|c| c.heading.trim_end_matches('.').to_string())
            .collect();
        assert_eq!(
            headings,
            [
                "",
                "Utfall sep",
                "Prognos sep",
                "Differens sep",
                "Ack. diff",
                "Utfall 12-mån"
            ],
            "{head:?}"
        );
        assert_eq!(
            roles(&t),
            [
                "label",
                "outcome",
                "forecast",
                "stated_variance",
                "other",
                "other"
            ],
            "{head:?}"
        );
        assert_eq!(t.number(1, 1), Some(d("-2861")), "{head:?}");
    }
}

/// Measures as rows under value columns that mostly have no heading (a
/// key-figure box whose periods the copy left out but one): turned back,
/// most rows would have no name, so the table stays as pasted and the
/// user is asked.
#[test]
fn measures_over_unheaded_columns_stay_as_pasted() {
    let t = read(
        "Mkr\tOkt - sep\t\t\nNettoomsättning\t1 894\t1 960\t5 000\nRörelseresultat\t117\t116\t189\nBudget\t120\t110\t180\n",
    );
    assert_eq!(t.label(0), "Nettoomsättning");
    assert_eq!(t.rows.len(), 3);
    assert!(t
        .diagnostics
        .iter()
        .any(|d| matches!(d.kind, DiagnosticKind::Orientation { turned: false, .. })));
    // Headed, the same table is turned back.
    let t = read(
        "Mkr\tOkt - sep 2014\tOkt - sep 2013\tJan - sep 2014\nNettoomsättning\t1 894\t1 960\t5 000\nRörelseresultat\t117\t116\t189\nBudget\t120\t110\t180\n",
    );
    assert_eq!(t.label(0), "Okt - sep 2014");
}

/// Row structure the words and the arithmetic give: "varav" lines are parts
/// of the row above; a sum line closing a block that a heading opened is
/// that group's subtotal; a note list ("3, 9, 28") does not hide the next
/// row's note ("4"); a value glued to the next row's label ("70 989Stab")
/// is two cells; section rows above the first full row open the body.
#[test]
fn row_structure_from_words_and_arithmetic() {
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str, u8)]);
    let cases: &[Case<'_>] = &[
        // Lines of zeros under lines of zeros (items that do not apply this
        // year) are no sums of them.
        (
            "Mkr\tUtfall\tBudget\nIntäkter\t0\t0\nBidrag\t0\t0\nÖvriga intäkter\t0\t0\nKostnader\t-5\t-6\n",
            &[
                ("Övriga intäkter", "item", 0),
                ("Kostnader", "item", 0),
            ],
        ),
        (
            "Mnkr Budget Utfall Avvikelse\nKommunstyrelsen – 77,8 – 76,6 1,2\nvarav kommunledningskontoret – 59,7 – 54,3 5,4\nvarav samhällsbyggnad – 18,1 – 22,3 – 4,2\nFinansen 90,8 88,8 – 2,0\nSumma 13,0 12,2 -0,8\n",
            &[
                ("Kommunstyrelsen", "item", 0),
                ("varav kommunledningskontoret", "item", 1),
                ("varav samhällsbyggnad", "item", 1),
                ("Summa", "total", 0),
            ],
        ),
        (
            "Investeringar\n\n(mnkr)\n\nBudget\n2023\n\nUtfall\n2023\n\nInvesteringsobjekt <3 mnkr\n\n \n\n \n\nInventarier\n\n4,3\n\n4,0\n\nUnderhåll\n\n14,9\n\n15,2\n\nObjekt <3 mnkr\n\n19,2\n\n19,2\n\nInvesteringsobjekt >3 mnkr\n\n \n\n \n\nFörskola\n\n76,7\n\n41,9\n\nSporthall\n\n2,2\n\n1,6\n\nInvestering >3 mkr\n\n78,9\n\n43,5\n",
            &[
                ("Investeringsobjekt <3 mnkr", "heading", 0),
                ("Inventarier", "item", 0),
                ("Objekt <3 mnkr", "subtotal", 0),
                ("Investeringsobjekt >3 mnkr", "heading", 0),
                ("Investering >3 mkr", "subtotal", 0),
            ],
        ),
        // A list dash before "varav" (left out), "S: a" for "Summa"; a sum's first digit
        // group is no note, and a label in capitals wrapped onto a second
        // line with its figures on a third is one label.
        (
            "Mnkr Budget Utfall\nAnläggning 10,0 9,0\nLedningar 5,0 4,0\n-varav överföring 2,0 1,0\nS: a tekniska nämnden 15,0 13,0\n",
            &[
                ("varav överföring", "item", 1),
                ("S: a tekniska nämnden", "subtotal", 0),
            ],
        ),
        (
            "Belopp i mnkr Utfall 2017 Budget 2018\nSocialnämnden 800,5 900,0\nÄldreomsorgsnämnden 1 051,0 1 026,8\nSumma nämnder 1 851,5 1 926,8\nPensioner 40,8 50,2\nVERKSAMHETENS\nNETTOKOSTNADER\n1 892,3 1 977,0\n",
            &[
                ("Summa nämnder", "subtotal", 0),
                ("VERKSAMHETENS NETTOKOSTNADER", "total", 0),
            ],
        ),
    ];
    for (paste, want) in cases {
        let t = read(paste);
        for (label, kind, level) in want.iter() {
            let row = t
                .rows
                .iter()
                .find(|r| matches!(r.cells.first(), Some(Cell::Text(l)) if l == label))
                .unwrap_or_else(|| panic!("row {label} of {paste:?}: {:?}", t.rows));
            assert_eq!((row.kind.key(), row.level), (*kind, *level), "{label}");
        }
        assert!(crate::checks::check_table(&t).is_empty(), "{paste:?}");
    }
    let t = read(
        "RESULTATRÄKNING, mnkr Not 2022 2021\nVerksamhetens intäkter 2, 9 251,9 181,1\nVerksamhetens kostnader 3, 9, 28 -1 313,3 -1 254,5\nAvskrivningar 4 -60,9 -48,6\nVerksamhetens nettokostnader   -1 122,3 -1 121,9\nSkatteintäkter 5 828,1 760,6\n",
    );
    let notes: Vec<String> = t.rows.iter().map(|r| format!("{:?}", r.cells[1])).collect();
    assert_eq!(
        notes,
        [
            "Text(\"2, 9\")",
            "Text(\"3, 9, 28\")",
            "Text(\"4\")",
            "Empty",
            "Text(\"5\")"
        ]
    );
    assert_eq!(t.number(2, 2), Some(d("-60.9")));
    assert_eq!(t.number(4, 2), Some(d("828.1")));
    let t = read(
        "Driftbudget\n\nBudget\n\nUtfall\n\nTeknisk nämnd\n\n659\n\n694\n\nPark\n\n54 388\n\n70 989Stab\n\n8 462\n\n17 101\n",
    );
    assert_eq!(t.number(1, 2), Some(d("70989")));
    assert_eq!(t.rows[2].cells[0], Cell::Text("Stab".to_string()));
}

/// Two heading rows copied one cell per line: year groups over a row of
/// headings that starts again. Each group takes its year; the net the
/// stated deviation is computed from is the outcome (no word names it),
/// the same net of the earlier year the prior outcome. Empty cells written
/// as a line holding a space, each with its separator, count one each.
#[test]
fn year_groups_over_repeated_headings_and_the_net_as_outcome() {
    let t = read(
        "Driftsredovisning 2023 (miljoner kronor)\n\nMiljoner kronor\n\n2023\n\n \n2022\n\n\n \n\nIntäkter\n\nKostnader\n\nNetto\n\nBudget\n\nAvvikelse\n\nIntäkter\n\nKostnader\n\nNetto\n\nBudget\n\nByggnadsnämnd\n\n48\n\n-90\n\n-42\n\n-39\n\n-3\n\n45\n\n-85\n\n-40\n\n-41\n\nServicenämnd\n\n1839\n\n-1893\n\n-54\n\n-57\n\n3\n\n1665\n\n-1706\n\n-41\n\n-43\n\nKommunstyrelse\n\n322\n\n-702\n\n-379\n\n-405\n\n26\n\n312\n\n-593\n\n-282\n\n-337\n\nEliminering\n\n-3117\n\n3117\n\n \n\n \n\n \n\n-3041\n\n3041\n\n \n\n \n",
    );
    let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Miljoner kronor",
            "2023 Intäkter",
            "2023 Kostnader",
            "2023 Netto",
            "2023 Budget",
            "2023 Avvikelse",
            "2022 Intäkter",
            "2022 Kostnader",
            "2022 Netto",
            "2022 Budget"
        ]
    );
    let r = roles(&t);
    assert_eq!(
        (r[3], r[5], r[8]),
        ("outcome", "stated_variance", "prior_outcome")
    );
    assert_eq!(t.number(3, 6), Some(d("-3041")));
    assert_eq!(t.number(3, 7), Some(d("3041")));
    assert_eq!(t.rows[3].cells.len(), 10);
}

/// A stacked web heading copied one cell per line: the unit, "Not", the
/// groups, a figure's word over the first period, then the periods; an
/// empty cell is a line holding a space. The figure's word heads the first
/// period of the first group, "Not" the note column, the unit the labels.
#[test]
fn stacked_groups_with_a_figure_word_and_a_note_heading() {
    let t = read(
        "Resultaträkning\n\nmiljoner kronor\n\nNot\n\nKommunen\n\n \n\n\nKoncernen\n\n \n\n \n\nBudget\n\n \n\n \n\n \n\n \n\n \n\n \n\n2023\n\n2023\n\n2022\n\n2023\n\n2022\n\nVerksamhetens intäkter\n\n3\n\n2 038\n\n2077\n\n1982\n\n7026\n\n7264\n\nAvskrivningar\n\n \n\n-501\n\n-496\n\n-448\n\n-1070\n\n-993\n\nSkatteintäkter\n\n6\n\n7003\n\n7161\n\n6776\n\n7161\n\n6776\n",
    );
    let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "miljoner kronor",
            "Not",
            "Kommunen Budget 2023",
            "Kommunen 2023",
            "Kommunen 2022",
            "Koncernen 2023",
            "Koncernen 2022"
        ]
    );
    let r = roles(&t);
    assert_eq!(
        (r[1], r[3], r[4], r[5]),
        ("text", "outcome", "prior_outcome", "other")
    );
    assert_eq!(t.rows[1].cells[1], Cell::Empty);
    assert_eq!(t.number(1, 2), Some(d("-501")));
    assert_eq!(t.number(1, 6), Some(d("-993")));
}

/// "Not" stacked over the heading's own notes ("1, 2") beside the years:
/// it heads the note column, and the unit glued to the title the labels.
#[test]
fn a_stacked_not_over_the_headings_own_notes() {
    let t = read(
        "Resultaträkningmnkr\n\nNot\n\nKommunkoncernen\n\nKommunen\n\n\n1, 2\n\n2021\n\n2020\n\n2021\n\nBudget\n2021\n\n2020\n\nVerksamhetens intäkter\n\n3\n\n1 006,9\n\n984,6\n\n699,1\n\n650,0\n\n703,3\n\nVerksamhetens kostnader\n\n4\n\n-3 215,2\n\n-3 122,3\n\n-2 911,8\n\n-3 107,7\n\n-3 055,3\n",
    );
    let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(headings.first().copied(), Some("mnkr"));
    assert_eq!(headings.get(1).copied(), Some("Not"));
    assert_eq!(roles(&t).get(1).copied(), Some("text"));
    assert_eq!(t.unit, Some(Unit::Mnkr));
    assert_eq!(t.number(0, 2), Some(d("1006.9")));
}

#[test]
fn unicode_hyphens_before_figures_are_minus_signs() {
    // Statistics web tables print a minus as U+2011 (non-breaking hyphen),
    // some typesetting as U+2010: a figure after either is negative, in a
    // line split on spaces as in a cell of its own.
    let table: &[(&str, &str, &[&str])] = &[
        (
            "PDF line, U+2011",
            "Mnkr Utfall Budget\nKostnader \u{2011}531 530 \u{2011}550 678\nAvskrivningar \u{2011}17 580 \u{2011}19 118\n",
            &["-531530", "-550678", "-17580", "-19118"],
        ),
        (
            "tab cells, U+2010",
            "Mnkr\tUtfall\tBudget\nKostnader\t\u{2010}20,5\t\u{2010}19,0\n",
            &["-20.5", "-19.0"],
        ),
    ];
    for (case, paste, want) in table {
        let t = read(paste);
        let got: Vec<String> = (0..t.rows.len())
            .flat_map(|r| [1, 2].map(|c| t.number(r, c).map(|n| n.to_string()).unwrap_or_default()))
            .collect();
        assert_eq!(got, *want, "{case}");
    }
}

#[test]
fn a_corner_line_under_the_period_headings_heads_the_label_and_note_columns() {
    // Web reports stack the period headings over the line naming the label
    // and note columns ("tkr Not"); the label and the note still come first
    // in every row. Period headings as date ranges, one with a stray space.
    let table: &[(&str, &str)] = &[
        (
            "date ranges, the first a year line",
            "RESULTATRÄKNING\n\n    2019-01-01-2019-12-31 2018-01-01-2018-12-31\ntkr Not    \n       \nNettoomsättning 3 1 182 093 1 152 455\nÖvriga intäkter   6 188 5 490\n    1 188 281 1 157 945\n",
        ),
        (
            "date ranges, a stray space in the second",
            "RESULTATRÄKNING\n\n    2017-01-01-2017-12-31 2016-01-01 -2016-12-31\ntkr Not    \n       \nNettoomsättning 3 1 129 940 1 190 906\nÖvriga intäkter 4 3 432 4 131\n    1 133 372 1 195 037\n",
        ),
    ];
    for (case, paste) in table {
        let t = read(paste);
        assert_eq!(
            roles(&t),
            ["label", "text", "outcome", "prior_outcome"],
            "{case}"
        );
        assert_eq!(t.columns[0].heading, "tkr", "{case}");
        assert_eq!(t.rows[0].cells[1].text(), Some("3"), "{case}");
    }
}

#[test]
fn a_caption_over_a_line_of_years_is_the_title_not_a_group_heading() {
    // One line naming one thing over three years or more, a blank line
    // between: the caption of a series, not a heading over every year.
    let table: &[(&str, &str, &[&str])] = &[
        (
            "five-year overview",
            "Ekonomisk femårsöversikt\n\n  2020 2019 2018 2017 2016\nRörelsens intäkter, kkr 4 652 158 6 476 813 6 668 160 4 896 216 4 259 178\nSoliditet, % 41,2 40,4 36,6 33,0 32,1\n",
            &["2020", "2019", "2018", "2017", "2016"],
        ),
        (
            "four years",
            "Nyckeltal i sammandrag\n\n2018 2019 2020 2021\nIntäkter, mnkr 790,2 812,4 840,1 861,0\nSoliditet, % 42 41 40 43\n",
            &["2018", "2019", "2020", "2021"],
        ),
    ];
    for (case, paste, years) in table {
        let t = read(paste);
        let labels: Vec<&str> = (0..t.rows.len()).map(|r| t.label(r)).collect();
        assert_eq!(labels, *years, "{case}");
        assert_eq!(
            t.title.as_deref(),
            paste.lines().next(),
            "{case}: the caption is the title"
        );
    }
}

#[test]
fn a_heading_of_periods_that_lost_its_corner_cell_heads_the_figures() {
    // The periods stand one cell to the left of their figures: the empty
    // corner cell went to the end ("2012 | 2013 | |") or is missing. Each
    // case: the paste, then (row, column) -> the label and number read.
    let table: &[(&str, &str, (&str, &str), &str)] = &[
        (
            "pipe table, corner at the end (three years: items as rows)",
            "Balansräkning, mnkr\n2012 | 2013 | 2014 | |\n---|---|---|---|\nTillgångar | 720 660 | 753 844 | 808 818 |\nEget kapital | 351 024 | 374 709 | 384 920 |\nSkulder | 369 636 | 379 135 | 423 898 |\n",
            ("Tillgångar", "720660"),
            "2012",
        ),
        (
            "tab copy without the corner (four years: turned)",
            "2019\t2020\t2021\t2022\nIntäkter\t1\t2\t3\t4\nKostnader\t-5\t-6\t-7\t-8\n",
            ("2019", "1"),
            "Intäkter",
        ),
    ];
    for (case, paste, (label, first), heading) in table {
        let t = read(paste);
        assert_eq!(t.label(0), *label, "{case}");
        assert_eq!(t.number(0, 1), Some(d(first)), "{case}");
        assert_eq!(t.columns[1].heading, *heading, "{case}");
    }
}

#[test]
fn a_caption_dated_by_ar_is_no_line_of_years() {
    // "... år 2016" names the table's year in prose: the headings are the
    // line under it, and the caption is no row.
    let table: &[(&str, &str, &[&str])] = &[
        (
            "sectors as columns",
            "Resultaträkning för kommunsektorn år 2016\n\nLöpande priser miljoner kronor\n\n  Kommuner Landsting Förbund\nIntäkter 165 485 56 315 21 392\nKostnader -645 527 -333 283 -20 455\n",
            &["Kommuner", "Landsting", "Förbund"],
        ),
        (
            "the year after 'året'",
            "Nyckeltal för året 2021\n\nMnkr Utfall Budget\nIntäkter 812,4 800,0\nKostnader -790,1 -780,0\n",
            &["Utfall", "Budget"],
        ),
    ];
    for (case, paste, headings) in table {
        let t = read(paste);
        let got: Vec<&str> = t
            .columns
            .iter()
            .skip(1)
            .map(|c| c.heading.as_str())
            .collect();
        assert_eq!(got, *headings, "{case}");
        assert_eq!(t.label(0), "Intäkter", "{case}");
    }
}

#[test]
fn two_dots_mark_a_figure_not_available() {
    // Statistics tables print ".." (or "…") where a figure is not
    // available: an empty cell, in a PDF line as in a cell of its own.
    let table: &[(&str, &str, [Option<&str>; 3])] = &[
        (
            "PDF line",
            "Mnkr Kommuner Landsting Förbund\nIntäkter 165 485 56 315 21 392\nSkatt .. .. \u{2011}1\n",
            [None, None, Some("-1")],
        ),
        (
            "tab cells, an ellipsis",
            "Mnkr\tKommuner\tLandsting\tFörbund\nIntäkter\t165\t56\t21\nSkatt\t…\t..\t-1\n",
            [None, None, Some("-1")],
        ),
    ];
    for (case, paste, want) in table {
        let t = read(paste);
        assert_eq!(t.label(1), "Skatt", "{case}");
        let got = [1, 2, 3].map(|c| t.number(1, c).map(|n| n.to_string()));
        assert_eq!(
            got.map(|o| o.as_deref().map(str::to_string)),
            want.map(|o| o.map(str::to_string)),
            "{case}"
        );
    }
}

/// PDF tables with two heading levels, a unit per column under group
/// headings with years: the groups spread over their units, a rate column
/// (kr per pupil) is another number, a later year's budget beside a change
/// between closed years is next year's plan, and a row that splits several
/// ways keeps the columns' shapes (the percent in the percent column, each
/// column's size).
#[test]
fn units_under_group_headings_in_pdf_text() {
    let table: &[(&str, &[&str], usize, &[&str])] = &[(
        "Kostnad per elev Utfall 2024 Utfall 2023 Förändring 2023–2024 Budget 2025\n\
         tkr kr/elev tkr kr/elev %/elev tkr kr/elev\n\
         Lokaler -52 310 -41 -50 120 -40 2,5 % -54 000 -42\n\
         Måltider -18 220 -14 -17 900 -14 0,0 % -19 100 -15\n\
         Undervisning -120 450 -95 -118 000 -94 1,1 % -125 000 -97\n\
         Övrigt 190 980 150 186 020 148 1,4 % 198 100 154\n",
        &[
            "label",
            "outcome",
            "other",
            "prior_outcome",
            "other",
            "stated_percent",
            "other",
            "other",
        ],
        3,
        &["190980", "150", "186020", "148", "1.4", "198100", "154"],
    )];
    for (paste, want_roles, row, want) in table {
        let t = read(paste);
        assert_eq!(roles(&t), *want_roles, "{paste}");
        let got: Vec<Option<Decimal>> = (1..=want.len()).map(|c| t.number(*row, c)).collect();
        let want: Vec<Option<Decimal>> = want.iter().map(|v| Some(d(v))).collect();
        assert_eq!(got, want, "{paste}");
    }
}

/// A budget built from parts: the budget column that is the sum of two
/// other budget columns (original budget plus changes during the year) is
/// the budget the deviation is against; the parts are other numbers.
#[test]
fn a_budget_built_from_parts() {
    let table: &[(&str, &[&str])] = &[
        (
            "Mnkr\tUrsprunglig budget 2024\tTilläggsbudget\tBudget 2024\tUtfall 2024\tAvvikelse\n\
             Skolor\t10,0\t2,5\t12,5\t11,0\t1,5\n\
             Vägar\t4,0\t-1,0\t3,0\t3,5\t-0,5\n\
             Parker\t1,2\t0,3\t1,5\t1,0\t0,5\n",
            &[
                "label",
                "other",
                "other",
                "budget",
                "outcome",
                "stated_variance",
            ],
        ),
        // No column is the sum of two others: the words decide.
        (
            "Mnkr\tBudget 2024\tUtfall 2024\tAvvikelse\n\
             Skolor\t12,5\t11,0\t1,5\n\
             Vägar\t3,0\t3,5\t-0,5\n",
            &["label", "budget", "outcome", "stated_variance"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste}");
    }
}

/// One cell per line under dated group headings stacked over undated
/// ones ("Utfall" / "2023" ... over "Netto | Netto | Intäkter | Kostnader
/// | Netto"): each group heads its share of the row, the groups ending in
/// the same heading; the gross figures beside a net one are other numbers.
#[test]
fn dated_groups_stacked_over_one_cell_per_line_headings() {
    let table: &[(&str, &[&str], &[&str])] = &[(
        "Ekonomi\n\nUtfall\n\n2023\n\nBudget\n\n2024\n\nBudget\n\n2025\n\n\n\
         Nettokostnad\n\nNettokostnad\n\nIntäkter\n\nKostnader\n\nNettokostnad\n\n\
         Fritid\n\n100\n\n110\n\n20\n\n140\n\n120\n\n\
         Kultur\n\n50\n\n55\n\n5\n\n65\n\n60\n\n\
         Bad\n\n30\n\n35\n\n10\n\n48\n\n38\n",
        &[
            "",
            "Utfall 2023 Nettokostnad",
            "Budget 2024 Nettokostnad",
            "Budget 2025 Intäkter",
            "Budget 2025 Kostnader",
            "Budget 2025 Nettokostnad",
        ],
        &[
            "label",
            "prior_outcome",
            "other",
            "other",
            "other",
            "budget",
        ],
    )];
    for (paste, want_headings, want_roles) in table {
        let t = read(paste);
        let headings: Vec<&str> = t.columns.iter().map(|c| c.heading.as_str()).collect();
        assert_eq!(headings, *want_headings, "{paste}");
        assert_eq!(roles(&t), *want_roles, "{paste}");
    }
}

/// A time series on its side with nothing to compare with: the year's
/// result, named so and alone, is the outcome; a statement turned back
/// (several result lines, or a net cost) has none.
#[test]
fn a_time_series_has_an_outcome_only_in_its_years_result() {
    let table: &[(&str, &[&str])] = &[
        (
            "Nyckeltal\t2020\t2021\t2022\t2023\n\
             Nettokostnad, mnkr\t-700\t-720\t-745\t-760\n\
             Soliditet, %\t41\t40\t43\t44\n",
            &["label", "other", "other"],
        ),
        (
            "Mnkr\t2020\t2021\t2022\t2023\n\
             Intäkter\t100\t110\t120\t130\n\
             Rörelseresultat\t10\t12\t8\t9\n\
             Resultat efter finansiella poster\t8\t9\t6\t7\n\
             Årets resultat\t6\t7\t5\t6\n",
            &["label", "other", "other", "other", "other"],
        ),
        (
            "Nyckeltal\t2020\t2021\t2022\t2023\n\
             Årets resultat, mnkr\t12\t-3\t20\t8\n\
             Soliditet, %\t41\t40\t43\t44\n",
            &["label", "outcome", "other"],
        ),
    ];
    for (paste, want) in table {
        assert_eq!(roles(&read(paste)), *want, "{paste}");
    }
}

/// A time series run together: the corner glued to its years, each
/// measure's figures glued to its label or on the lines below, thousands
/// spaces and decimal commas kept; a label without figures is a section
/// heading; a row that cuts several ways equally evenly stays text.
#[test]
fn a_time_series_run_together() {
    let paste = "Nyckeltal\n\nMnkr2023202220212020\nIntäkter\n\
                 1 204 5501 180 0001 020 300998 400\n\
                 Marginal\nMarginal %5,14,83,96,2\n\
                 Grad, %180\n\
                 7563631\n";
    let t = read(paste);
    assert_eq!(t.rows.len(), 4, "{:?}", t.rows);
    assert_eq!(t.label(0), "2023");
    let want: &[(usize, usize, &str)] = &[
        (0, 1, "1204550"),
        (1, 1, "1180000"),
        (3, 1, "998400"),
        (0, 2, "5.1"),
        (3, 2, "6.2"),
    ];
    for (row, col, value) in want {
        assert_eq!(t.number(*row, *col), Some(d(value)), "row {row} col {col}");
    }
    // "180" / "7563631" cuts into four figures two ways equally evenly
    // (180 | 75 | 636 | 31 and 180 | 75 | 63 | 631): no silent guess.
    assert!(has(&t, |d| matches!(
        d.kind,
        K::AmbiguousSplit { .. } | K::UnsplittableLine
    )));
}

/// An area's or a volume's unit whose superscript was lost ("m²" copied as
/// "m2") ends the label its figures are glued to: the exponent is the
/// unit's, never the first figure's first digit, and the row cuts by its
/// evenness as any other ("685711569579590": five figures of three digits).
#[test]
fn a_unit_exponent_glued_to_a_run_together_series() {
    let paste = "Nyckeltal\n\n20222021202020192018\n\
                 Soliditet, %38,342,544,442,642,9\n\
                 Hyror netto, kr/m21 0681 0381 017991977\n\
                 Driftkostnader, kr/m2685711569579590\n\
                 Lägenheter, m2916 574916 206915 813914 926913 640\n\
                 Vattenförbrukning, m32 1002 0502 0001 9501 900\n\
                 Fastighetsskatt, kr/m23330282824\n";
    let t = read(paste);
    assert_eq!(t.label(0), "2022");
    let column = |label: &str| {
        t.columns
            .iter()
            .position(|c| c.heading == label)
            .unwrap_or_else(|| panic!("no column {label:?} in {:?}", t.columns))
    };
    for (label, first, last) in [
        ("Soliditet, %", "38.3", "42.9"),
        ("Hyror netto, kr/m2", "1068", "977"),
        ("Driftkostnader, kr/m2", "685", "590"),
        ("Lägenheter, m2", "916574", "913640"),
        ("Vattenförbrukning, m3", "2100", "1900"),
        ("Fastighetsskatt, kr/m2", "33", "24"),
    ] {
        let j = column(label);
        assert_eq!(t.number(0, j), Some(d(first)), "{label} 2022");
        assert_eq!(t.number(4, j), Some(d(last)), "{label} 2018");
    }
}

/// A split settled by the table's sums is certain, so the checks run over
/// it: a gross-to-net note whose group columns print 0 on the lines above
/// the total (the shape of a municipality's note beside its group's) has
/// its failing columns reported, not left unchecked. Rows settle only
/// where the sums hold in every column their splits differ in.
#[test]
fn a_split_settled_by_sums_is_checked() {
    let paste = "Kommunen Koncernen\n2024 2023 2024 2023\n\
                 Not 3. Intäkter (tkr)\n\
                 Inklusive interna poster 310 250 180 400 0 0\n\
                 Avgår interna poster -200 125 -90 300 0 0\n\
                 Intäkter 110 125 90 100 160 300 150 200\n\
                 varav avgifter 60 125 50 100 110 300 100 200\n\
                 varav bidrag 50 000 40 000 50 000 50 000\n";
    let t = read(paste);
    let settled = |row: usize| {
        has(&t, |d| {
            d.row == Some(row) && matches!(d.kind, K::Layout { .. })
        }) && !has(&t, |d| {
            d.row == Some(row) && matches!(d.kind, K::AmbiguousSplit { .. })
        })
    };
    let total = (0..t.rows.len())
        .find(|r| t.label(*r) == "Intäkter")
        .expect("the total row");
    assert_eq!(t.number(total, 3), Some(d("160300")));
    assert!(settled(total), "{:?}", t.diagnostics);
    let report = crate::checks::check_report(&t);
    let flagged: Vec<(usize, usize)> = report
        .checks
        .iter()
        .filter(|c| c.kind == crate::checks::CheckKind::TotalMismatch)
        .map(|c| (c.row, c.column))
        .collect();
    assert_eq!(flagged, [(total, 3), (total, 4)]);
}

/// Rows short of figures in PDF text (the copy drops empty cells): the
/// figures go where the sum closing the block holds in every column, when
/// one placement only does; otherwise they stay from the left.
#[test]
fn short_rows_are_placed_by_the_sum_below() {
    let table: &[(&str, usize, &[Option<&str>])] = &[
        (
            "Tkr Staden 2024 Staden 2023 Bolagen 2024 Bolagen 2023\n\
             Ingående värde 1 200 1 000 2 400 2 000\n\
             Omföring -50\n\
             Årets investeringar 300 200 600 400\n\
             Utgående värde 1 500 1 200 2 950 2 400\n",
            1,
            &[None, None, Some("-50"), None],
        ),
        // A zero holds in either column: no guess, it stays from the left.
        (
            "Tkr Staden 2024 Staden 2023\n\
             Ingående värde 100 90\n\
             Omföring 0\n\
             Utgående värde 100 90\n",
            1,
            &[Some("0"), None],
        ),
    ];
    for (paste, row, want) in table {
        let t = read(paste);
        let got: Vec<Option<Decimal>> = (1..=want.len()).map(|c| t.number(*row, c)).collect();
        let want: Vec<Option<Decimal>> = want.iter().map(|v| v.map(d)).collect();
        assert_eq!(got, want, "{paste}");
    }
}

/// Notes in a note column run down a statement: a row of figures alone
/// ("7 7", values on the line after the label) is no note 7 when an item
/// below carries a note between the last one and 7; a sum's first digit
/// group ("Summa 1 022 964") proves nothing either way.
#[test]
fn a_figure_is_no_note_when_later_items_carry_lower_notes() {
    let paste = "Mnkr\nNot 2024 2023\nIntäkter 1 500 480\nBidrag 2 40 30\nAktiverat arbete\n7 7\n\
                 Summa intäkter 1 022 964\nKostnader 3 -217 -249\nAvskrivningar 4 -155 -152\n";
    let t = read(paste);
    assert_eq!(roles(&t), ["label", "text", "outcome", "prior_outcome"]);
    let want: &[(&str, &str, &str, &str)] = &[
        ("Aktiverat arbete", "", "7", "7"),
        ("Summa intäkter", "", "1022", "964"),
        ("Kostnader", "3", "-217", "-249"),
    ];
    for (label, note, a, b) in want {
        let r = (0..t.rows.len())
            .find(|r| t.label(*r) == *label)
            .expect(label);
        assert_eq!(t.rows[r].cells[1].text().unwrap_or(""), *note, "{label}");
        assert_eq!(t.number(r, 2), Some(d(a)), "{label}");
        assert_eq!(t.number(r, 3), Some(d(b)), "{label}");
    }
}

/// Cells padded with two spaces or more, some rows run together with
/// their thousands spaces kept, short rows placed by the sums below (one
/// column of the subtotal is the report's own error), headings marked
/// "*)" explained by the footnote under the table, a forecast of this
/// year beside next year's budget (a budget document), and "Årets
/// balanskravsresultat" a result line: the report's error is flagged.
#[test]
fn padded_cells_with_rows_run_together() {
    let paste = "Balanskrav\n\n\
                 Tkr  2025*)  2024**)  2023  2022  2021\n\
                 Årets resultat enligt resultaträkningen5 000-8 20041 50090 10030 000\n\
                 Avgår realisationsvinster    -2 500  -4 000  -1 000\n\
                 Årets resultat efter justeringar  5 000  -8 200  39 000  80 100  29 000\n\
                 Reservering till RUR    -9 000  \n\
                 Årets balanskravsresultat5 000-8 20030 00080 10029 000\n\
                 *) Budget för 2025 **) Prognos per augusti för 2024.\n";
    let t = read(paste);
    assert_eq!(
        roles(&t),
        [
            "label",
            "budget",
            "forecast",
            "prior_outcome",
            "other",
            "other"
        ]
    );
    type Row<'a> = (&'a str, [Option<&'a str>; 5]);
    let want: &[Row<'_>] = &[
        (
            "Årets resultat enligt resultaträkningen",
            [
                Some("5000"),
                Some("-8200"),
                Some("41500"),
                Some("90100"),
                Some("30000"),
            ],
        ),
        (
            "Avgår realisationsvinster",
            [None, None, Some("-2500"), Some("-4000"), Some("-1000")],
        ),
        (
            "Reservering till RUR",
            [None, None, Some("-9000"), None, None],
        ),
        (
            "Årets balanskravsresultat",
            [
                Some("5000"),
                Some("-8200"),
                Some("30000"),
                Some("80100"),
                Some("29000"),
            ],
        ),
    ];
    for (label, values) in want {
        let r = (0..t.rows.len())
            .find(|r| t.label(*r) == *label)
            .expect(label);
        let got: Vec<Option<Decimal>> = (1..=5).map(|c| t.number(r, c)).collect();
        let want: Vec<Option<Decimal>> = values.iter().map(|v| v.map(d)).collect();
        assert_eq!(got, want, "{label}");
    }
    // 90 100 - 4 000 is 86 100, not the 80 100 stated: the report's error.
    let subtotal = (0..t.rows.len())
        .find(|r| t.label(*r) == "Årets resultat efter justeringar")
        .expect("subtotal");
    let flagged: Vec<(usize, usize)> = crate::checks::check_report(&t)
        .checks
        .iter()
        .map(|c| (c.row, c.column))
        .collect();
    assert_eq!(flagged, [(subtotal, 4)]);
}

/// A table whose text layer lost its line breaks: labels and figures on
/// one line. Each run of words labels the figure after it; the words
/// before the first figure are rows without one, and the last of them
/// naming a figure heads the column.
#[test]
fn a_table_on_one_line() {
    let paste = "Prognos Avvikelser mot budget Skatter 8 Statsbidrag och utjämning -5 \
                 Nämnden för vård och omsorg LSS -30 Finansnetto 2 Summa avvikelser -25\n";
    let t = read(paste);
    assert_eq!(roles(&t), ["label", "stated_variance"]);
    let want: &[(&str, Option<&str>)] = &[
        ("Prognos", None),
        ("Avvikelser mot budget", None),
        ("Skatter", Some("8")),
        ("Nämnden för vård och omsorg LSS", Some("-30")),
        ("Summa avvikelser", Some("-25")),
    ];
    for (label, value) in want {
        let r = (0..t.rows.len())
            .find(|r| t.label(*r) == *label)
            .expect(label);
        assert_eq!(t.number(r, 1), value.map(d), "{label}");
    }
    // Not for a line with fewer than four figures.
    assert_ne!(
        roles(&read("Skatter 8 Bidrag -5\n")),
        ["label", "stated_variance"]
    );
    // Bullets set two items apart, and end the caption; a plus set apart
    // is the figure's sign, a unit after it the figure's.
    let t = read(
        "Större avvikelser mot budget på helår - Socialnämnden -16,9 mnkr \
         - Barn- och utbildningsnämnden -18,9 mnkr - Kommunstyrelsen + 22,6 mnkr\n",
    );
    assert_eq!(roles(&t), ["label", "stated_variance"]);
    assert_eq!(t.unit, Some(Unit::Mnkr));
    let labels: Vec<&str> = (0..t.rows.len()).map(|r| t.label(r)).collect();
    assert_eq!(
        labels,
        [
            "Socialnämnden",
            "Barn- och utbildningsnämnden",
            "Kommunstyrelsen"
        ]
    );
    assert_eq!(t.number(2, 1), Some(d("22.6")));
    assert_eq!(
        t.title.as_deref(),
        Some("Större avvikelser mot budget på helår")
    );
}

/// Lines above the rows that name no value column (a caption, a section
/// line, an appropriation's name) give no count of columns: a figure's
/// digit groups stay one figure. Headings that name their columns keep
/// their count. (paste, first row's values.)
#[test]
fn lines_that_name_no_column_do_not_cut_figures() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Tilldelade anslag (belopp angivna i tkr)\n\nUtgiftsområde 1 Rikets styrelse\n\n90:1 Kungliga hov- och slottsstaten (Ramanslag)\nDisponeras av Kammarkollegiet 49 612\nap.1 Kungliga hovstaten (ram) 49 612\nDisponeras av Kungliga hov- och slottsstaten 47 928\nap.2 Kungliga slottsstaten (ram) 47 928\n",
            &["49612"],
        ),
        (
            "Mnkr Budget Utfall\nKommunstyrelsen 49 612\nSocialnämnden 47 928\n",
            &["49", "612"],
        ),
    ];
    for (paste, want) in cases {
        let t = read(paste);
        let got: Vec<String> = (1..t.columns.len())
            .filter_map(|j| t.number(0, j))
            .map(|n| n.to_string())
            .collect();
        assert_eq!(got, *want, "{paste:?}");
    }
}

/// A line of unit words after its label, among PDF text's rows ("Valuta
/// KSEK KSEK KSEK"), names the table's unit.
#[test]
fn a_line_of_unit_words_among_the_rows_names_the_unit() {
    let t = read(
        "Information 2021-12 2020-12 2019-12 2018-12\nValuta KSEK KSEK KSEK KSEK\nBokslutsperiodens längd, månader 12 12 12 12\nNettomsättning 3 020 820 2 925 740 2 895 120 2 880 640\n",
    );
    assert_eq!(t.unit, Some(Unit::Tkr), "{t:?}");
    // Words that are not all units say nothing of it.
    let t = read(
        "Information 2021-12 2020-12 2019-12 2018-12\nValuta KSEK kronor EUR KSEK\nBokslutsperiodens längd, månader 12 12 12 12\nNettomsättning 3 020 820 2 925 740 2 895 120 2 880 640\n",
    );
    assert_eq!(t.unit, None, "{t:?}");
}

/// A part year's accounts beside plain "Bokslut": the plain accounts are
/// last year's, closed; the part year's are the outcome. (paste, roles.)
#[test]
fn plain_accounts_beside_a_part_years_are_last_years() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mkr\tBokslut\tDelårs bokslut\tInnev. Prognos\tFöreg. Prognos\tÅrsbudget\n\
             A\t41,6\t32,8\t48,7\t46,4\t47,3\nB\t395,4\t276,3\t423,7\t427,7\t426,5\n",
            &[
                "label",
                "prior_outcome",
                "outcome",
                "forecast",
                "previous_forecast",
                "annual_budget",
            ],
        ),
        (
            "Mkr\tDelårsbokslut\tBokslut\nA\t32,8\t41,6\nB\t276,3\t395,4\n",
            &["label", "outcome", "prior_outcome"],
        ),
        // No part year beside it: "Bokslut" is the outcome.
        (
            "Mkr\tBokslut\tBudget\tAvvikelse\nA\t41,6\t40,0\t1,6\nB\t39,0\t40,0\t-1,0\n",
            &["label", "outcome", "budget", "stated_variance"],
        ),
    ];
    for (paste, want) in cases {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

/// "Andel" names a share: a percentage when its cells carry "%", or when
/// its parts add up to a total of 100; otherwise an amount (a minority's
/// share of the result). (paste, roles.)
#[test]
fn a_share_is_a_percentage_only_when_its_cells_are() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mnkr\tUtfall\tMinoritetens andel\nEnhet A\t100\t-3\nEnhet B\t50\t2\n",
            &["label", "outcome", "other"],
        ),
        (
            "Mnkr\tUtfall\tAndel\nEnhet A\t100\t66,7%\nEnhet B\t50\t33,3%\n",
            &["label", "outcome", "stated_percent"],
        ),
        // A distribution without "%": parts of a total of 100.
        (
            "Kommun\tBidrag tkr\tÄgarfördelning\nA\t12 832\t10,44\nB\t10 262\t8,23\nC\t110 109\t81,33\nTotalt\t133 203\t100,00\n",
            &["label", "other", "stated_percent"],
        ),
        (
            "Enhet\tUtfall\tAndel\nA\t60\t33,3\nB\t40\t66,7\nSumma\t100\t100,0\n",
            &["label", "outcome", "stated_percent"],
        ),
        // Parts that miss the hundred, or a total that is no hundred: amounts.
        (
            "Kommun\tBidrag\tKostnadsfördelning\nA\t12\t40\nB\t10\t50\nTotalt\t22\t100\n",
            &["label", "other", "other"],
        ),
        (
            "Kommun\tBidrag\tKostnadsfördelning\nA\t12\t60\nB\t10\t60\nTotalt\t22\t120\n",
            &["label", "other", "other"],
        ),
    ];
    for (paste, want) in cases {
        assert_eq!(roles(&read(paste)), *want, "{paste:?}");
    }
}

#[test]
fn forecast_deviation_beside_the_periods_is_kept() {
    // The period's deviation (outcome - budget) and the year's (forecast -
    // annual budget) side by side: both are the table's deviations.
    let t = read(
        "Mkr\tUtfall jan-aug\tBudget jan-aug\tAvvikelse\tPrognos\tÅrsbudget\tAvvikelse\n\
         Intäkter\t160\t150\t10\t250\t238\t12\n\
         Kostnader\t-620\t-622\t2\t-983\t-963\t-20\n\
         Netto\t-460\t-472\t12\t-733\t-725\t-8\n",
    );
    assert_eq!(
        roles(&t),
        [
            "label",
            "outcome",
            "budget",
            "stated_variance",
            "forecast",
            "annual_budget",
            "stated_variance"
        ]
    );
}

#[test]
fn one_figure_under_a_budget_title_is_the_budget() {
    // A web table of one figure per row, its column unheaded, titled as a
    // budget: the figures are the budget, and the running results sum.
    let t = read(
        "Resultatbudget\n\nMiljoner kronor\n\nVerksamhetens intäkter\n\n1 079,5\n\nVerksamhetens kostnader\n\n-7 141,0\n\nVerksamhetens nettoresultat\n\n-6 061,5\n",
    );
    assert_eq!(roles(&t), ["label", "budget"]);
    assert_eq!(t.rows.last().map(|r| r.kind), Some(RowKind::Total));
}

#[test]
fn plan_years_beside_a_budget_are_other_numbers() {
    // A budget document: the year's budget, then the plan's years, maybe
    // after the last closed year. The plan is neither budget nor outcome.
    for (headings, want) in [
        (
            "Nämnd\tBudget 2024\tPlan 2025\tPlan 2026",
            &["label", "budget", "other", "other"][..],
        ),
        (
            "Mnkr\tBokslut 2023\tBudget 2024\tPlan 2025\tPlan 2026",
            &["label", "prior_outcome", "budget", "other", "other"][..],
        ),
        (
            "Mnkr\tBudget 2024\tFlerårsplan 2025\tFlerårsplan 2026",
            &["label", "budget", "other", "other"][..],
        ),
    ] {
        let width = headings.split('\t').count() - 1;
        let row = |label: &str, v: &str| format!("{label}{}\n", format!("\t{v}").repeat(width));
        let t = read(&format!(
            "{headings}\n{}{}",
            row("Barn och utbildning", "412,5"),
            row("Omsorg", "388,1")
        ));
        assert_eq!(roles(&t), want, "{headings}");
    }
}

#[test]
fn bare_years_under_a_budget_or_plan_title_are_the_budget_and_its_plan() {
    // Years with no word under a budget's or a plan's title are the budget
    // year and the plan years after it; under any other title they are an
    // outcome series, its latest year the outcome and the year before it
    // the prior outcome.
    let want_planned = ["label", "budget", "other", "other"];
    let want_outcomes = ["label", "other", "prior_outcome", "outcome"];
    for (title, want) in [
        ("Investeringsbudget 2026–2028 (mnkr)", want_planned),
        ("Resultatbudget och plan, mnkr", want_planned),
        ("Ekonomisk plan 2026-2028, tkr", want_planned),
        ("Flerårsplan (tkr)", want_planned),
        ("Verksamhetens nettokostnader, mnkr", want_outcomes),
        ("Budgetuppföljning, mnkr", want_outcomes),
        ("Planering och uppföljning, mnkr", want_outcomes),
    ] {
        let t = read(&format!(
            "{title}\n\t2026\t2027\t2028\nBarn och utbildning\t412,5\t420,0\t431,2\nOmsorg\t388,1\t395,0\t402,7\nSumma\t800,6\t815,0\t833,9\n"
        ));
        assert_eq!(roles(&t), want, "{title}");
    }
}

#[test]
fn one_figure_per_row_with_no_heading_is_another_number() {
    // A list of amounts with no heading names nothing to compare (a state
    // budget's incomes, an appropriation's items, the kronor of each tax
    // krona): other numbers. Two figures with no heading keep the common
    // layout, outcome then budget; a heading's word decides a lone figure.
    for (paste, want) in [
        (
            "Kommunalskatt\t412 500\nStatsbidrag\t88 100\nAvgifter\t31 250\n",
            &["label", "other"][..],
        ),
        (
            "Äldreomsorg\t22 054 kr\nGrundskola\t16 226 kr\nFörskola\t8 628 kr\n",
            &["label", "other"][..],
        ),
        (
            "Äldreomsorg\t-412,5\t-420,0\nGrundskola\t-388,1\t-395,0\n",
            &["label", "outcome", "budget"][..],
        ),
        (
            "Nämnd\tUtfall\nÄldreomsorg\t-412,5\nGrundskola\t-388,1\n",
            &["label", "outcome"][..],
        ),
    ] {
        assert_eq!(roles(&read(paste)), want, "{paste}");
    }
}

#[test]
fn years_still_to_come_when_pasted_are_no_outcome() {
    // A budget bill's table pasted the autumn before: "2026 | 2027 | 2028"
    // are planned amounts, not an outcome series; years up to the paste's
    // stay one, and with the year unknown the series is read as before.
    let paste = |years: &str| {
        format!(
            "Satsningar (mnkr)\n\t{years}\nFörstärkt tillsyn\t112\t171\t221\nStöd till kommuner\t20\t20\t20\nTotalt\t132\t191\t241\n"
        )
    };
    for (years, year_pasted, want) in [
        (
            "2026\t2027\t2028",
            Some(2025),
            ["label", "other", "other", "other"],
        ),
        (
            "2026\t2027\t2028",
            Some(2028),
            ["label", "other", "prior_outcome", "outcome"],
        ),
        (
            "2026\t2027\t2028",
            None,
            ["label", "other", "prior_outcome", "outcome"],
        ),
        (
            "2024\t2025\t2026",
            Some(2025),
            ["label", "prior_outcome", "outcome", "other"],
        ),
        (
            "2025\t2026\t2027",
            Some(2025),
            ["label", "other", "other", "other"],
        ),
    ] {
        let choices = ReadChoices {
            year_pasted,
            ..ReadChoices::default()
        };
        let t = read_paste(&paste(years), None, &choices);
        assert_eq!(roles(&t), want, "{years} pasted in {year_pasted:?}");
    }
    // Under a budget's title the first year stays the budget, whenever it
    // is pasted.
    let choices = ReadChoices {
        year_pasted: Some(2025),
        ..ReadChoices::default()
    };
    let t = read_paste(
        "Investeringsbudget 2026–2028 (mnkr)\n\t2026\t2027\t2028\nSkolor\t41,5\t42,0\t43,2\nVägar\t38,1\t39,0\t40,7\n",
        None,
        &choices,
    );
    assert_eq!(roles(&t), ["label", "budget", "other", "other"]);
}

#[test]
fn a_plan_by_item_over_years_to_come_is_not_turned() {
    // Reforms by year in a budget bill, a year still running and three to
    // come: the items are rows as pasted. A five-year overview of closed
    // years with as few rows lies on its side and is turned.
    let plan = "Reformer (mnkr)\n\t2025\t2026\t2027\t2028\nSkärpta regler om utvisning\t\t84\t350\t350\nKunskapskrav för medborgarskap\t24\t88\t95\t137\nStärkt kontroll\t5\t30\t17\t17\n";
    let choices = ReadChoices {
        year_pasted: Some(2025),
        ..ReadChoices::default()
    };
    let t = read_paste(plan, None, &choices);
    assert_eq!(roles(&t), ["label", "other", "other", "other", "other"]);
    assert_eq!(t.label(2), "Stärkt kontroll");
    let closed = ReadChoices {
        year_pasted: Some(2029),
        ..ReadChoices::default()
    };
    let t = read_paste(plan, None, &closed);
    assert_eq!(t.label(0), "2025");
}

#[test]
fn an_excel_copy_titled_as_a_budget_over_a_unit_line_is_that_budget() {
    // Excel's copy of a one-figure table: its title, a line naming the
    // unit, then the rows with no heading. The unit line is no title: the
    // table is the budget its title names, and it is named after it.
    let t = read(
        "Resultatbudget\nMiljoner kronor\t\nVerksamhetens intäkter\t1 079,5\nVerksamhetens kostnader\t-7 141,0\nVerksamhetens nettoresultat\t-6 061,5\n",
    );
    assert_eq!(roles(&t), ["label", "budget"]);
    assert_eq!(t.title.as_deref(), Some("Resultatbudget"));
    assert_eq!(t.unit, Some(kalkyl_text::number::Unit::Mnkr));
}

#[test]
fn only_a_title_that_names_a_budget_makes_an_unheaded_column_the_budget() {
    // The same one-figure web table under different titles: a budget's
    // name makes the figures that budget; a title about a budget (its
    // deviations, its follow-up) says nothing of what the figures are.
    for (title, want) in [
        ("Resultatbudget", "budget"),
        ("Driftbudget 2023", "budget"),
        ("Budget 2024, mnkr", "budget"),
        ("Budgetavvikelser per nämnd", "other"),
        ("Budgetuppföljning", "other"),
    ] {
        let t = read(&format!(
            "{title}\n\nMiljoner kronor\n\nVerksamhetens intäkter\n\n1 079,5\n\nVerksamhetens kostnader\n\n-7 141,0\n\nVerksamhetens nettoresultat\n\n-6 061,5\n"
        ));
        assert_eq!(roles(&t).get(1).copied(), Some(want), "{title}");
    }
}

#[test]
fn outcomes_under_a_title_naming_deviations_are_deviations() {
    // "Budgetavvikelser, mkr" over "Bokslut 2018 | Bokslut 2017": the
    // headings date the figures, the title says what they are. With a
    // budget in the table, the title names the table's subject only.
    for (paste, want) in [
        (
            "Budgetavvikelser, mkr\n\tBokslut 2018\tBokslut 2017\nKommunstyrelsen\t7,8\t5,4\nSocialnämnden\t-2,7\t-23,6\n",
            &["label", "stated_variance", "other"][..],
        ),
        (
            "Avvikelse mot budget\n\tUtfall\tBudget\nKommunstyrelsen\t107,8\t105,4\nSocialnämnden\t-2,7\t-3,6\n",
            &["label", "outcome", "budget"][..],
        ),
        (
            "Driftredovisning, mkr\n\tBokslut 2018\tBokslut 2017\nKommunstyrelsen\t7,8\t5,4\nSocialnämnden\t-2,7\t-23,6\n",
            &["label", "outcome", "prior_outcome"][..],
        ),
    ] {
        assert_eq!(roles(&read(paste)), want, "{paste}");
    }
}

#[test]
fn a_budget_named_in_its_definite_form_titles_the_figures() {
    // "Ramarna för driftsbudgeten nästa år blir:" over one figure per row.
    let paste = "Ramarna för driftsbudgeten nästa år blir:\nKommunstyrelsen\t107,9\nBildningsnämnden\t513,4\nSocialnämnden\t473,9\n";
    assert_eq!(roles(&read(paste)), ["label", "budget"]);
}

#[test]
fn a_column_showing_the_point_decides_the_tables_ambiguous_ones() {
    // An English edition: "-2.9" shows the point is the decimal mark, so
    // "4,208" in another column is four thousand two hundred and eight.
    // Without such a column the comma stays the decimal mark.
    let english =
        read("SEK m\tNet sales\tOperating margin, %\n2018\t4,208\t-2.9\n2017\t4,337\t0.2\n");
    assert_eq!(english.rows[0].cells[1], Cell::Number(d("4208")));
    assert_eq!(english.rows[0].cells[2], Cell::Number(d("-2.9")));
    let swedish = read("Mnkr\tAndel\tResultat\n2018\t4,208\t-2\n2017\t4,337\t3\n");
    assert_eq!(swedish.rows[0].cells[1], Cell::Number(d("4.208")));
}
