//! Whole tables laid out without delimiters: made-up pastes of the shapes
//! real PDF and web copies have.

use super::together::split_glued_heading;
use super::*;

/// The first cell of every row a layout made.
fn row_labels<'a>(raw: &'a RawTable<'_>) -> Vec<&'a str> {
    raw.rows
        .iter()
        .filter_map(|r| r.cells.first().map(|c| c.text.as_ref()))
        .collect()
}

#[test]
fn headings_joined_by_guess_are_reported() {
    let text = "Tkr Utfall 2024 Budget 2024 Avvikelse Netto\nIntäkter 93,7 85,6 8,1\nKostnader -615,6 -600,9 -14,7\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        raw.headings,
        ["Tkr", "Utfall 2024", "Budget 2024", "Avvikelse Netto"]
    );
    assert!(raw.diagnostics.iter().any(|d| matches!(
        &d.kind,
        DiagnosticKind::Layout { what_en, .. } if what_en.contains("5 headings for 4 columns")
    )));
    // One heading per column: nothing to report.
    let text = "Tkr Utfall Budget\nIntäkter 93 712 85 611\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert!(!raw
        .diagnostics
        .iter()
        .any(|d| matches!(d.kind, DiagnosticKind::Layout { .. })));
}

/// (paste, headings, rows) of PDF text.
type PdfCase<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);

fn check_pdf(cases: &[PdfCase<'_>]) {
    for (text, headings, rows) in cases {
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert_eq!(raw.headings, *headings, "headings of {text:?}");
        let got: Vec<Vec<String>> = raw
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(got, want, "rows of {text:?}");
    }
}

#[test]
fn zero_led_groups_notes_and_group_headings() {
    check_pdf(&[
        // "045" only continues a number: the short row has two figures,
        // placed where the result below holds (columns 1 and 3).
        (
            "Tkr Not Kommunen Koncernen\n2024 2023 2024 2023\nIntäkter 1 5 100 4 900 6 200 6 000\nKostnader 2 – 4 300 – 4 200 – 5 100 – 5 000\nRESULTAT 800 700 1 100 1 000\nJämförelsestörande poster 3 – 12 045 – 12 045\nÅRETS RESULTAT – 11 245 700 – 10 945 1 000\n",
            &["Tkr", "Not", "Kommunen 2024", "Kommunen 2023", "Koncernen 2024", "Koncernen 2023"],
            &[
                &["Intäkter", "1", "5 100", "4 900", "6 200", "6 000"],
                &["Kostnader", "2", "–4 300", "–4 200", "–5 100", "–5 000"],
                &["RESULTAT", "", "800", "700", "1 100", "1 000"],
                &["Jämförelsestörande poster", "3", "–12 045", "", "–12 045", ""],
                &["ÅRETS RESULTAT", "", "–11 245", "700", "–10 945", "1 000"],
            ],
        ),
        // Group headings over repeated period headings, the first group
        // with one more (its budget); the note's heading among the
        // groups; a lettered sub-note.
        (
            "(tkr) Not Staden Bolagen\nUtfall\n2023\nUtfall\n2024\nBudget\n2024\nUtfall\n2023\nUtfall\n2024\nIntäkter 1 500 600 550 900 950\nvarav engångsposter 1A 10 20 0 10 20\nKostnader 2 -400 -450 -500 -800 -850\n",
            &["(tkr)", "Not", "Staden Utfall 2023", "Staden Utfall 2024", "Staden Budget 2024", "Bolagen Utfall 2023", "Bolagen Utfall 2024"],
            &[
                &["Intäkter", "1", "500", "600", "550", "900", "950"],
                &["varav engångsposter", "1A", "10", "20", "0", "10", "20"],
                &["Kostnader", "2", "-400", "-450", "-500", "-800", "-850"],
            ],
        ),
        // A short row placed where the sum below holds exactly: a
        // placement in the first columns holds only within rounding.
        (
            "Mnkr 2024 2023 2022 2021\nResultat 555 1 125 733 854\nSkatt -3 -4 -2 -5\nMinoritetens andel 1 -1\nÅrets resultat 552 1 121 732 848\n",
            &["Mnkr", "2024", "2023", "2022", "2021"],
            &[
                &["Resultat", "555", "1 125", "733", "854"],
                &["Skatt", "-3", "-4", "-2", "-5"],
                &["Minoritetens andel", "", "", "1", "-1"],
                &["Årets resultat", "552", "1 121", "732", "848"],
            ],
        ),
        // A sum line's first small group is its note or its amount's,
        // as the rows right above add up.
        (
            "Tkr Not 2024 2023\nIntäkter 1 9 163 8 000\nKostnader 2 -228 -100\nRESULTAT 8 935 7 900\nFinansiella poster 3 91 111 100\nRESULTAT EFTER FINANSIELLA POSTER 100 046 8 000\nSkatt 4 0 0\nÅrets resultat 5 100 046 8 000\n",
            &["Tkr", "Not", "2024", "2023"],
            &[
                &["Intäkter", "1", "9 163", "8 000"],
                &["Kostnader", "2", "-228", "-100"],
                &["RESULTAT", "", "8 935", "7 900"],
                &["Finansiella poster", "3", "91 111", "100"],
                &["RESULTAT EFTER FINANSIELLA POSTER", "", "100 046", "8 000"],
                &["Skatt", "4", "0", "0"],
                &["Årets resultat", "5", "100 046", "8 000"],
            ],
        ),
    ]);
}

#[test]
fn double_spaced_pdf_with_two_line_headings_and_wrapped_capitals() {
    // Every line followed by an empty one; the note heading and the years
    // on a line of their own under the words; a section heading in
    // capitals over a row in ordinary case; total labels in capitals
    // wrapped over lines, one broken with a hyphen; a note named by a
    // letter.
    check_pdf(&[(
        "Belopp Not Utfall Utfall\n\nnr 2011 2010\n\nINTÄKTER\n\nAvgifter 1 120 110\n\nBidrag 2 30 20\n\nSUMMA\n\nINTÄKTER 150 130\n\nResultat före extra-\n\nordinära poster 3 150 130\n\nÅRETS RESULTAT EFTER BOKSLUTS-\n\nDISPOSITIONER B 150 130\n",
        &["Belopp", "Not nr", "Utfall 2011", "Utfall 2010"],
        &[
            &["INTÄKTER"],
            &["Avgifter", "1", "120", "110"],
            &["Bidrag", "2", "30", "20"],
            &["SUMMA INTÄKTER", "", "150", "130"],
            &["Resultat före extraordinära poster", "3", "150", "130"],
            &["ÅRETS RESULTAT EFTER BOKSLUTSDISPOSITIONER", "B", "150", "130"],
        ],
    )]);
}

#[test]
fn captions_over_a_pdf_heading_without_blank_lines_are_titles() {
    // (paste, title, headings): Region Stockholm's result table as a PDF
    // viewer copies it, caption and unit line straight above the heading.
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "5.2 Resultat\nBelopp i mnkr\nResultat Mkr Utfall 2019 Budget 2019 Avvikelse\n\
             Verksamhetens intäkter 16 047 15 593 454\nAvskrivningar -3 987 -4 163 176\n",
            "5.2 Resultat",
            &["Resultat Mkr", "Utfall 2019", "Budget 2019", "Avvikelse"],
        ),
        (
            "Belopp i mnkr\nResultat Utfall 2019 Budget 2019 Avvikelse\n\
             Verksamhetens intäkter 16 047 15 593 454\nAvskrivningar -3 987 -4 163 176\n",
            "Belopp i mnkr",
            &["Resultat", "Utfall 2019", "Budget 2019", "Avvikelse"],
        ),
        (
            "1 Verksamhetens intäkter\nmnkr kommunen 2021 kommunen 2020\n\
             Försäljningsintäkter 11,2 15,4\nTaxor och avgifter 112,3 104,5\n",
            "1 Verksamhetens intäkter",
            &["mnkr", "kommunen 2021", "kommunen 2020"],
        ),
        (
            "Resultaträkning\nBelopp i mnkr\nBelopp, mkr NOT Kommunen 2018 Kommunen 2017\n\
             Verksamhetens intäkter 1 1 268 1 136\nAvskrivningar 3 -332 -320\n",
            "Resultaträkning",
            &["Belopp, mkr", "NOT", "Kommunen 2018", "Kommunen 2017"],
        ),
        (
            "Resultaträkning\nTkr Utfall 2013 Budget 2013 Avvikelse Budget-Utfall\n\
             Verksamhetens intäkter 93 712 85 611 8 101\nVerksamhetens kostnader -615 649 -600 875 -14 774\n",
            "Resultaträkning",
            &["Tkr", "Utfall 2013", "Budget 2013", "Avvikelse Budget-Utfall"],
        ),
        // A dated caption over a whole heading line, a section line below.
        (
            "Resultaträkning juli 2009\nBelopp i mnkr\nMkr Utfall 2008-07 Utfall 2009-07 Årsprognos 2009 Årsbudget 2009\n\
             Externa intäkter 392,2 416,6 677,4 743,1\nVerksamhetens kostnader -2 230,2 -2 395,0 -4 027,1 -4 103,0\n",
            "Resultaträkning juli 2009",
            &["Mkr", "Utfall 2008-07", "Utfall 2009-07", "Årsprognos 2009", "Årsbudget 2009"],
        ),
    ];
    for (text, title, headings) in cases {
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert_eq!(raw.headings, *headings, "{text:?}");
        assert_eq!(
            raw.title.as_ref().map(|(t, _)| t.as_str()),
            Some(*title),
            "{text:?}"
        );
    }
    // Group headings over the years stay headings ("Kommunen Koncernen").
    check_pdf(&[(
        "Kommunen Koncernen\nMnkr 2022 2021 2022 2021\nIntäkter 251,9 181,1 499,3 418,1\n",
        &[
            "Mnkr",
            "Kommunen 2022",
            "Kommunen 2021",
            "Koncernen 2022",
            "Koncernen 2021",
        ],
        &[&["Intäkter", "251,9", "181,1", "499,3", "418,1"]],
    )]);
}

#[test]
fn pdf_titles_section_headings_and_unlabelled_sums() {
    check_pdf(&[
        // A title block above, a section heading between blank lines below.
        (
            "Driftredovisning\n\nMnkr Utfall Budget\n\n\nNÄMNDER\n\nNämnd A 10 12\nNämnd B 20 19\n",
            &["Mnkr", "Utfall", "Budget"],
            &[&["NÄMNDER"], &["Nämnd A", "10", "12"], &["Nämnd B", "20", "19"]],
        ),
        // A heading block of years below a title with a year.
        (
            "Resultat för år 2024\n\nMnkr Staden Bolagen\n2024 2023 2024 2023\nIntäkter 10 9 20 19\nKostnader -8 -7 -15 -14\n",
            &["Mnkr", "Staden 2024", "Staden 2023", "Bolagen 2024", "Bolagen 2023"],
            &[
                &["Intäkter", "10", "9", "20", "19"],
                &["Kostnader", "-8", "-7", "-15", "-14"],
            ],
        ),
        // A label line before a capitalised line is a heading; a line
        // of numbers after a labelled row is a row of its own.
        (
            "Tkr Not 2024 2023\nIntäkter\nHyror 1 1 474 1 903\nAvgifter 2 112 513 108 678\n113 987 110 581\nKostnader\nLöner 3 -59 510 -62 146\n",
            &["Tkr", "Not", "2024", "2023"],
            &[
                &["Intäkter"],
                &["Hyror", "1", "1 474", "1 903"],
                &["Avgifter", "2", "112 513", "108 678"],
                &["", "", "113 987", "110 581"],
                &["Kostnader"],
                &["Löner", "3", "-59 510", "-62 146"],
            ],
        ),
        // A unit or "%" after the label, and a small number between its
        // words, belong to the label.
        (
            "Mnkr 2023 2024\nAntal invånare 31 december 18 306 18 401\nSoliditet, % 47 51\nUtfall 8 mån, mnkr 1,5 2,5\n",
            &["Mnkr", "2023", "2024"],
            &[
                &["Antal invånare 31 december", "18 306", "18 401"],
                &["Soliditet, %", "47", "51"],
                &["Utfall 8 mån, mnkr", "1,5", "2,5"],
            ],
        ),
        // A heading's second line that starts with a month is no broken
        // word; a code that starts a row's line is its label's.
        (
            "Utfall\njan-aug 2024\nBudget\njan-aug 2024\n25 Bidrag till kommuner 8 797 1 018\n1:1 Utjämning 7 888 415\n",
            &["", "Utfall jan-aug 2024", "Budget jan-aug 2024"],
            &[&["25 Bidrag till kommuner", "8 797", "1 018"], &["1:1 Utjämning", "7 888", "415"]],
        ),
        // Group headings before dated headings that repeat under each;
        // "Not 1" written after each label, its line below the label.
        (
            "(tkr) Staden Bolagen\nUtfall\n2024\nUtfall\n2023\nUtfall\n2024\nUtfall\n2023\nIntäkter\nNot 1 112 246 123 833 232 409 232 770\nKostnader Not 2 -509 532 -499 750 -616 489 -592 708\nNetto -397 286 -375 917 -384 080 -359 938\n",
            &[
                "(tkr)",
                "Not",
                "Staden Utfall 2024",
                "Staden Utfall 2023",
                "Bolagen Utfall 2024",
                "Bolagen Utfall 2023",
            ],
            &[
                &["Intäkter", "1", "112 246", "123 833", "232 409", "232 770"],
                &["Kostnader", "2", "-509 532", "-499 750", "-616 489", "-592 708"],
                &["Netto", "", "-397 286", "-375 917", "-384 080", "-359 938"],
            ],
        ),
        // A title glued to the corner's unit in capitals.
        (
            "BalansräkningTKR STADEN BOLAGEN\nNOT 2024 2023 2024 2023\nFörråd 16 0 0 100 84\n",
            &["TKR", "NOT", "STADEN 2024", "STADEN 2023", "BOLAGEN 2024", "BOLAGEN 2023"],
            &[&["Förråd", "16", "0", "0", "100", "84"]],
        ),
        // Years one per line under a corner heading.
        (
            "Staden\n2022\n2023\n2024\nSkulder, mnkr 101 91 145\nSoliditet, % 58 54 80\n",
            &["Staden", "2022", "2023", "2024"],
            &[&["Skulder, mnkr", "101", "91", "145"], &["Soliditet, %", "58", "54", "80"]],
        ),
        // A label wrapped with a space at its end goes on below.
        (
            "Mnkr Utfall Budget\nUtvecklingsmedel \nRegional utveckling 10 12\nSumma 10 12\n",
            &["Mnkr", "Utfall", "Budget"],
            &[&["Utvecklingsmedel Regional utveckling", "10", "12"], &["Summa", "10", "12"]],
        ),
    ]);
}

/// (paste, title, headings, rows): made-up tables of the shapes real web
/// copies have, laid out without delimiters.
type LayoutCase<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a [&'a str]]);

fn check_layout(cases: &[LayoutCase<'_>]) {
    for (text, title, headings, rows) in cases {
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert_eq!(
            raw.title.as_ref().map(|t| t.0.as_str()),
            *title,
            "title of {text:?}"
        );
        assert_eq!(raw.headings, *headings, "headings of {text:?}");
        let got: Vec<Vec<String>> = raw
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(got, want, "rows of {text:?}");
        assert!(
            raw.diagnostics
                .iter()
                .any(|d| matches!(d.kind, DiagnosticKind::Layout { .. })),
            "a layout diagnostic for {text:?}"
        );
    }
}

#[test]
fn one_cell_per_line_copies() {
    check_layout(&[
        // Blank lines between cells, a title above one heading per line.
        (
            "Utfall per nämnd, mnkr\n\nBudget\n\nAvvikelse\n\nAndel\n\nNämnd A\n\n120,5\n\n-3,5\n\n-2,9%\n\nNämnd B och C\n\n1 040,0\n\n10,0\n\n1,0%\n\nSumma\n\n1 160,5\n\n6,5\n\n0,6%\n",
            Some("Utfall per nämnd, mnkr"),
            &["", "Budget", "Avvikelse", "Andel"],
            &[
                &["Nämnd A", "120,5", "-3,5", "-2,9%"],
                &["Nämnd B och C", "1 040,0", "10,0", "1,0%"],
                &["Summa", "1 160,5", "6,5", "0,6%"],
            ],
        ),
        // Stacked group headings over restarting years, a note column,
        // an extra blank line for an empty note cell.
        (
            "Resultat\nStaden\n\n\nBolagen\n\nMnkr\n\nNot\n\n2024\n\n2023\n\n2024\n\n2023\n\nIntäkter\n\n1\n\n500\n\n480\n\n900\n\n850\n\nKostnader\n\n2\n\n-400\n\n-390\n\n-800\n\n-760\n\nNetto\n\n\n100\n\n90\n\n100\n\n90\n",
            Some("Resultat"),
            &["Mnkr", "Not", "Staden 2024", "Staden 2023", "Bolagen 2024", "Bolagen 2023"],
            &[
                &["Intäkter", "1", "500", "480", "900", "850"],
                &["Kostnader", "2", "-400", "-390", "-800", "-760"],
                &["Netto", "", "100", "90", "100", "90"],
            ],
        ),
        // A flattened HTML table: "|" ends every cell, note lists.
        (
            "(tkr)\n|\n|\nStaden\n|\n|\nBolaget\n|\n|\n|\nNot\n|\n2024\n|\n2023\n|\n2024\n|\n2023\n|\nIntäkter\n|\n|\n|\n|\n|\n|\nHyror\n|\n1, 2\n|\n10 000\n|\n9 000\n|\n–\n|\n–\n|\nAvgifter\n|\n|\n500\n|\n400\n|\n50\n|\n40\n|\n",
            Some("(tkr)"),
            &["", "Not", "Staden 2024", "Staden 2023", "Bolaget 2024", "Bolaget 2023"],
            &[
                &["Intäkter", "", "", "", "", ""],
                &["Hyror", "1, 2", "10 000", "9 000", "–", "–"],
                &["Avgifter", "", "500", "400", "50", "40"],
            ],
        ),
        // A title glued to the corner's unit, a heading wrapped over two
        // lines ("Budget" / "2024") inside one cell.
        (
            "Översiktmnkr\n\nUtfall 2024\n\nBudget\n2024\n\nPost ett\n\n1,5\n\n2,0\n\nPost två\n\n3,5\n\n3,0\n",
            Some("Översikt"),
            &["mnkr", "Utfall 2024", "Budget 2024"],
            &[&["Post ett", "1,5", "2,0"], &["Post två", "3,5", "3,0"]],
        ),
        // Mixed: the label on its own line, one value alone, the rest
        // on one line; one heading line with a period per column.
        (
            "Not 9 Exempel\n\ntkr staden 2024-12-31 staden 2023-12-31 bolaget 2024-12-31\nAvskrivning A\n\n 2,0\n\n1,5 30,0\nAvskrivning B\n\n 1,0\n\n -  4,0\nSumma\n\n3,0\n\n1,5 34,0\n",
            Some("Not 9 Exempel"),
            &["tkr", "staden 2024-12-31", "staden 2023-12-31", "bolaget 2024-12-31"],
            &[
                &["Avskrivning A", "2,0", "1,5", "30,0"],
                &["Avskrivning B", "1,0", "-", "4,0"],
                &["Summa", "3,0", "1,5", "34,0"],
            ],
        ),
        // The period headings first (date ranges within a year), then the
        // corner and an empty note column's heading, then a section
        // heading of the body; a label wrapped over two cells; an
        // unlabelled sum line run on after a row's values.
        (
            "Resultaträkning\n\n2024-01-01 - 2024-12-31\n\n2023-01-01-2023-12-31\n\nBELOPP I TKR\n\nNot\n\nIntäkter\n\nFörsäljning\n\n1 200\n\n1 100\n\nAndra intäkter, bidrag\n\nsamt ersättningar\n\n300\n\n250\n\n1 500\n\n1 350\n\nKostnader\n\nPersonal\n\n-900\n\n-800\n",
            Some("Resultaträkning"),
            &["BELOPP I TKR", "2024-01-01 - 2024-12-31", "2023-01-01-2023-12-31"],
            &[
                &["Intäkter"],
                &["Försäljning", "1 200", "1 100"],
                &["Andra intäkter, bidrag samt ersättningar", "300", "250"],
                &["", "1 500", "1 350"],
                &["Kostnader"],
                &["Personal", "-900", "-800"],
            ],
        ),
        // A short word in lower case in a value cell ("neg") is a value,
        // not a label wrapped onto the next line.
        (
            "Nyckeltal\n\nMnkr\n\n2023\n\n2022\n\nResultat\n\n10\n\n-5\n\nAvkastning (%)\n\nneg\n\n1,2\n\nSoliditet (%)\n\n18\n\n17\n",
            Some("Nyckeltal"),
            &["Mnkr", "2023", "2022"],
            &[
                &["Resultat", "10", "-5"],
                &["Avkastning (%)", "neg", "1,2"],
                &["Soliditet (%)", "18", "17"],
            ],
        ),
        // The corner and note headings before the periods; a run-on pair
        // that adds up nothing above stays in the row.
        (
            "Balansräkning\n\nBELOPP I TKR\n\nNot\n\n2024\n\n2023\n\nTillgångar\n\nMark\n\n10\n\n9\n\nHus\n\n20\n\n18\n\n35\n\n27\n\nSumma\n\n30\n\n27\n",
            Some("Balansräkning"),
            &["BELOPP I TKR", "2024", "2023"],
            &[
                &["Tillgångar"],
                &["Mark", "10", "9"],
                &["Hus", "20", "18", "35", "27"],
                &["Summa", "30", "27"],
            ],
        ),
    ]);
}

#[test]
fn mixed_copies_with_decimal_lines_of_figures() {
    check_layout(&[(
        // A numbered title, a blank line, then the heading line: not one
        // word broken in two. Lines of figures with decimals have no
        // label glued to them.
        "3 Avskrivningar\n\nmnkr staden 2024-12-31 staden 2023-12-31 bolaget 2024-12-31 bolaget 2023-12-31\nAvskrivning A\n\n 20,0\n\n17,6 133,0 190,3\nAvskrivning B\n\n 8,3\n\n7,3 85,9 22,0\nSumma\n\n28,3\n\n24,9 218,9 212,3\n",
        Some("3 Avskrivningar"),
        &[
            "mnkr",
            "staden 2024-12-31",
            "staden 2023-12-31",
            "bolaget 2024-12-31",
            "bolaget 2023-12-31",
        ],
        &[
            &["Avskrivning A", "20,0", "17,6", "133,0", "190,3"],
            &["Avskrivning B", "8,3", "7,3", "85,9", "22,0"],
            &["Summa", "28,3", "24,9", "218,9", "212,3"],
        ],
    )]);
}

#[test]
fn words_broken_at_line_ends() {
    // (paste, the lines after gluing)
    let table: &[(&str, &[&str])] = &[
        ("Årsprog\nnos", &["Årsprognos"]),
        // A stub goes on across a blank line.
        ("101 861 t\n\nkr -7 104 tkr", &["101 861 tkr -7 104 tkr"]),
        // A whole word does not, nor before a month.
        (
            "3 Avskrivningar\n\nmnkr staden",
            &["3 Avskrivningar", "mnkr staden"],
        ),
        ("Utfall\njan-aug", &["Utfall", "jan-aug"]),
        // Nor before a unit heading the next line's corner.
        (
            "Not 4 Verksamhetens kostnader\nmnkr Kommunkoncernen 2021",
            &["Not 4 Verksamhetens kostnader", "mnkr Kommunkoncernen 2021"],
        ),
        // A short word under a heading's last word is the start of a
        // second heading line when years follow it.
        (
            "Specifikation Not Bokslut Bokslut\n\nnr 2003 2002",
            &["Specifikation Not Bokslut Bokslut", "nr 2003 2002"],
        ),
    ];
    for (text, want) in table {
        let grid = crate::grid::read_text(text);
        let got: Vec<String> = glued_lines(&grid, text)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

#[test]
fn run_together_rows_split_by_their_sums() {
    check_layout(&[
        // Years glued in the heading; a total row below decides the cuts
        // (0259 is 0 | 25 | 9, not 0 | 2 | 59); a row broken after its
        // first figure continues on the next line.
        (
            "Intäkter, mnkr\n\n  202320222021\nAvgifter216\n214216\nHyror324311298\nBidrag406657\nVinster0259\nAvgår-43-42-44\nSumma intäkter537574536\n",
            Some("Intäkter, mnkr"),
            &["", "2023", "2022", "2021"],
            &[
                &["Avgifter", "216", "214", "216"],
                &["Hyror", "324", "311", "298"],
                &["Bidrag", "40", "66", "57"],
                &["Vinster", "0", "25", "9"],
                &["Avgår", "-43", "-42", "-44"],
                &["Summa intäkter", "537", "574", "536"],
            ],
        ),
        // Every row run together with its note; the headings one cell
        // per line, a year under its word; a dash alone is an empty
        // cell; a subtotal left out of a running result adds up its
        // own block.
        (
            "Resultat, mnkr\n\n \nNot\n\n2024\nAvvikelse\n2024\n\n2023\n\n2022\nIntäkter11 250501 1801 100\nKostnader2-3 400-120-3 300-3 150\nEngångsposter 3404030-\nNettokostnad-2 110-30-2 090-2 050\nSkatter42 000201 9501 900\nUtjämning530010290280\nSkattenetto2 300302 2402 180\nResultat före finansiella poster1900150130\nFinansiella intäkter6251520110\nFinansiella kostnader7-15-2-12-100\nFinansnetto1013810\nÅrets resultat20013158140\n",
            Some("Resultat, mnkr"),
            &["", "Not", "2024", "Avvikelse 2024", "2023", "2022"],
            &[
                &["Intäkter", "1", "1250", "50", "1180", "1100"],
                &["Kostnader", "2", "-3400", "-120", "-3300", "-3150"],
                &["Engångsposter", "3", "40", "40", "30", ""],
                &["Nettokostnad", "", "-2110", "-30", "-2090", "-2050"],
                &["Skatter", "4", "2000", "20", "1950", "1900"],
                &["Utjämning", "5", "300", "10", "290", "280"],
                &["Skattenetto", "", "2300", "30", "2240", "2180"],
                &["Resultat före finansiella poster", "", "190", "0", "150", "130"],
                &["Finansiella intäkter", "6", "25", "15", "20", "110"],
                &["Finansiella kostnader", "7", "-15", "-2", "-12", "-100"],
                &["Finansnetto", "", "10", "13", "8", "10"],
                &["Årets resultat", "", "200", "13", "158", "140"],
            ],
        ),
        // A total above its parts; thousands spaces stay inside a number.
        (
            "  20232022\nSumma intäkter2 1371 706\nAvgifter1 0001 200\nHyror1 137506\n",
            None,
            &["", "2023", "2022"],
            &[
                &["Summa intäkter", "2137", "1706"],
                &["Avgifter", "1000", "1200"],
                &["Hyror", "1137", "506"],
            ],
        ),
        // A column that is the sum of the others on every row.
        (
            "EnhetTotaltSkolaVård\nIntäkter1 200400800\nKostnader9501 100-150\nÖvrigt250-700950\n",
            None,
            &["Enhet", "Totalt", "Skola", "Vård"],
            &[
                &["Intäkter", "1200", "400", "800"],
                &["Kostnader", "950", "1100", "-150"],
                &["Övrigt", "250", "-700", "950"],
            ],
        ),
        // One decimal everywhere; a row that no cut fits stays whole.
        (
            "Drift, mnkr\n IngåendeDispositionResultat\nNämnd A10,7-3,57,2\nNämnd B5,0\n0,05,0\nNämnd C1,23\nSumma15,7-3,512,2\n",
            Some("Drift, mnkr"),
            &["", "Ingående", "Disposition", "Resultat"],
            &[
                &["Nämnd A", "10,7", "-3,5", "7,2"],
                &["Nämnd B", "5,0", "0,0", "5,0"],
                &["Nämnd C 1,23"],
                &["Summa", "15,7", "-3,5", "12,2"],
            ],
        ),
    ]);
    // No sum holds: not read as run together (the rows are not guessed).
    let text = "  20232022\nAvgifter1 0001 200\nHyror1 137506\nSumma9999\n";
    let grid = crate::grid::read_text(text);
    assert!(sum_together(&glued_lines(&grid, text), &grid).is_none());
}

#[test]
fn run_together_rows_split_by_their_own_arithmetic() {
    check_layout(&[(
        "Avvikelser, mnkr\n UtfallBudgetAvvikelse\nNämnd A1385\nNämnd B (50 %)-12-3321\nNämnd C0-66\nNämnd D606\nSumma3-4\n",
        Some("Avvikelser, mnkr"),
        &["", "Utfall", "Budget", "Avvikelse"],
        &[
            &["Nämnd A", "13", "8", "5"],
            &["Nämnd B (50 %)", "-12", "-33", "21"],
            &["Nämnd C", "0", "-6", "6"],
            &["Nämnd D", "6", "0", "6"],
            // 3 | -4 has no third figure: kept whole, never guessed.
            &["Summa3-4"],
        ],
    )]);
    assert_eq!(
        split_glued_heading("Intäkter 2022Intäkter 2023Avvikelse"),
        vec!["Intäkter 2022", "Intäkter 2023", "Avvikelse"]
    );
    assert_eq!(
        split_glued_heading("BokslutDelårsrapp jan-augAvvikelse"),
        vec!["Bokslut", "Delårsrapp jan-aug", "Avvikelse"]
    );
}

#[test]
fn heading_wrapped_after_each_year_is_one_heading() {
    check_pdf(&[
        // Each heading line starts with the year of the heading above it
        // (a PDF heading cut after the year, blank lines between): all of
        // it heads the columns, none of it is the title.
        (
            "Bokslut\n\n2020 Budget\n\n2021 Budget\n\n2022 Plan 2023\n\nIntäkter 88 87 97 103\n\nKostnader -81 -52 -72 -91\n",
            &["", "Bokslut 2020", "Budget 2021", "Budget 2022", "Plan 2023"],
            &[
                &["Intäkter", "88", "87", "97", "103"],
                &["Kostnader", "-81", "-52", "-72", "-91"],
            ],
        ),
    ]);
}

#[test]
fn names_over_years_and_periods() {
    check_pdf(&[
        // Three stacked heading lines: the names, their years (a unit for
        // the label column first, "procent" under the last deviation), and
        // the period under some; no year or period under a deviation.
        (
            "Resultat Utfall Budget Avvikelse Prognos Budget Avvikelse Avvikelse Bokslut\n\nMkr 2019 2019 2019 2019 procent 2018\n\njan-aug jan-aug\n\nIntäkter 160 155 5 250 238 12 5,0 % 235\n",
            &[
                "Resultat Mkr",
                "Utfall 2019 jan-aug",
                "Budget 2019 jan-aug",
                "Avvikelse",
                "Prognos 2019",
                "Budget 2019",
                "Avvikelse",
                "Avvikelse procent",
                "Bokslut 2018",
            ],
            &[&["Intäkter", "160", "155", "5", "250", "238", "12", "5,0%", "235"]],
        ),
    ]);
}

#[test]
fn table_flattened_onto_one_line() {
    check_pdf(&[
        // The text layer lost every line break and some spaces before a
        // minus: rows start at each label after two figures or more, a
        // decimal part ends a number, a year between words stays in the
        // label.
        (
            "Mkr Utfall Budget Avvikelse Kommunledning 41,6 43,0-1,4 Utbildning 395,4 392,6 2,8 Vård och omsorg 165,5 168,0-2,5 Pensioner före 1998 (mkr) 225,6 221,9 3,7",
            &["Mkr", "Utfall", "Budget", "Avvikelse"],
            &[
                &["Kommunledning", "41,6", "43,0", "-1,4"],
                &["Utbildning", "395,4", "392,6", "2,8"],
                &["Vård och omsorg", "165,5", "168,0", "-2,5"],
                &["Pensioner före 1998 (mkr)", "225,6", "221,9", "3,7"],
            ],
        ),
        // A group row without figures between the heading and the first
        // row: more headings than figures, the extra one names no figure,
        // so it is a section heading of the body.
        (
            "Mkr Utfall Budget Avvikelse Tekniska förvaltningen Intäkter 41,6 43,0-1,4 Kostnader -95,4-92,6-2,8 Netto -53,8-49,6-4,2 Kapitalkostnad -5,0-5,0 0,0",
            &["Mkr", "Utfall", "Budget", "Avvikelse"],
            &[
                &["Tekniska förvaltningen"],
                &["Intäkter", "41,6", "43,0", "-1,4"],
                &["Kostnader", "-95,4", "-92,6", "-2,8"],
                &["Netto", "-53,8", "-49,6", "-4,2"],
                &["Kapitalkostnad", "-5,0", "-5,0", "0,0"],
            ],
        ),
    ]);
}

#[test]
fn a_number_in_parentheses_below_a_label_closes_the_label() {
    // A web or plain PDF copy, cells split by blank lines: the project
    // number wrapped onto the label's next line is no amount.
    let text = "Projekt\n\nBudget\n\nUtfall\n\nNy inredning\n(6014)\n\n0,709\n\n0,694\n\nTillgänglig hjärtstartare\n(6152)\n\n0,300\n\n0,261\n\nSumma\n\n1,009\n\n0,955\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let labels = row_labels(&raw);
    assert_eq!(
        labels,
        [
            "Ny inredning (6014)",
            "Tillgänglig hjärtstartare (6152)",
            "Summa"
        ]
    );
}

/// A caption over a line of periods is no heading, though its words fall
/// into as many pieces as there are periods.
#[test]
fn caption_over_periods_heads_no_column() {
    check_pdf(&[(
        "Flerårsöversikt Kommuninvest i Sverige AB\n\n2014-06-30 2013-06-30 2013-12-31 2012-12-31\n\nBalansomslutning, mnkr 286 672,2 288 520,0 277 458,7 283 283,6\n\nUtlåning, mnkr 210 760,3 209 628,8 208 644,0 200 950,7\n",
        &["", "2014-06-30", "2013-06-30", "2013-12-31", "2012-12-31"],
        &[
            &["Balansomslutning, mnkr", "286 672,2", "288 520,0", "277 458,7", "283 283,6"],
            &["Utlåning, mnkr", "210 760,3", "209 628,8", "208 644,0", "200 950,7"],
        ],
    )]);
    // Group names over their periods, restarting, still head the columns.
    check_pdf(&[(
        "Kommunen Koncernen\n\n2023 2022 2023 2022\n\nIntäkter 10 9 20 18\n\nKostnader -8 -7 -15 -14\n",
        &["", "Kommunen 2023", "Kommunen 2022", "Koncernen 2023", "Koncernen 2022"],
        &[
            &["Intäkter", "10", "9", "20", "18"],
            &["Kostnader", "-8", "-7", "-15", "-14"],
        ],
    )]);
}

/// A PDF text layer that has shifted the figures off their labels: every
/// other label without figures, as many lines of figures after the last;
/// read in order, figure line k is label k's. A caption on the line above
/// the years heads no column.
#[test]
fn figures_shifted_off_their_labels_are_read_in_order() {
    check_pdf(&[
        (
            "Översikt\nBelopp i tkr 2019 2018 2017\nIntäkter 224 219 206\nResultat\nTillgångar 107 18 35\nSoliditet (%)\nAvkastning (%) 1 579 1 388 1 304\nHyra (kr/kvm)\n34,9 8,5 17,8\n8,2 3,6 4,4\n9,0 4,0 4,7\n",
            &["Belopp i tkr", "2019", "2018", "2017"],
            &[
                &["Intäkter", "224", "219", "206"],
                &["Resultat", "107", "18", "35"],
                &["Tillgångar", "1 579", "1 388", "1 304"],
                &["Soliditet (%)", "34,9", "8,5", "17,8"],
                &["Avkastning (%)", "8,2", "3,6", "4,4"],
                &["Hyra (kr/kvm)", "9,0", "4,0", "4,7"],
            ],
        ),
        // Section headings with their rows and an unlabelled sum line at
        // the end: not shifted (two headings in a row, or fewer sum lines).
        (
            "Mnkr 2024 2023 2022\nIntäkter\nAvgifter 10 9 8\nBidrag 5 4 3\nKostnader\nPersonal -8 -7 -6\n7 6 5\n",
            &["Mnkr", "2024", "2023", "2022"],
            &[
                &["Intäkter"],
                &["Avgifter", "10", "9", "8"],
                &["Bidrag", "5", "4", "3"],
                &["Kostnader"],
                &["Personal", "-8", "-7", "-6"],
                &["", "7", "6", "5"],
            ],
        ),
    ]);
}

#[test]
fn cells_padded_by_two_spaces_with_thousands_by_one_split_at_the_runs() {
    check_pdf(&[(
        // Four years over five value columns, a label with a double space
        // of its own, a footnote star after a figure.
        "Översikt\n\n   2016   2015   2014   2013\nEkonomi (tkr)\nIntäkter     183 017  175 345  173 764  169 633  165 462\nSkulder kr/m2  yta   3 346  2 986  3 152  3 381  3 539\nResultat     23 498  114 617*  18 989  14 118  8 390\n",
        &["", "2016", "2015", "2014", "2013", ""],
        &[
            &["Ekonomi (tkr)"],
            &["Intäkter", "183 017", "175 345", "173 764", "169 633", "165 462"],
            &["Skulder kr/m2 yta", "3 346", "2 986", "3 152", "3 381", "3 539"],
            &["Resultat", "23 498", "114 617", "18 989", "14 118", "8 390"],
        ],
    )]);
}

#[test]
fn figures_glued_to_their_labels_are_cut_where_units_end_them() {
    let table: &[(&str, Option<&str>)] = &[
        ("Berg14 044 tkr10,44 %", Some("Berg 14 044 tkr 10,44 %")),
        (
            "Totalt57 649 000kr100,0%",
            Some("Totalt 57 649 000 kr 100,0 %"),
        ),
        // The line's end closes the last figure.
        ("Bräcke10 262 tkr8,23", Some("Bräcke 10 262 tkr 8,23")),
        (
            "Region -1 234 mnkr-5,5 %",
            Some("Region -1 234 mnkr -5,5 %"),
        ),
        // Nothing glued, or no unit closing a figure: left to the other layouts.
        ("Berg 14 044 tkr 10,44 %", None),
        ("Bostadsyta m2 136 084 136 084", None),
        ("Bräcke10 262 8,23", None),
        // One figure glued to its label, closed by the line's end, after a
        // letter or ")".
        (
            "Disponeras av Boverket20 410",
            Some("Disponeras av Boverket 20 410"),
        ),
        (
            "ap.1Räntebidrag m.m. (ram)20 410",
            Some("ap.1Räntebidrag m.m. (ram) 20 410"),
        ),
        (
            "Post- och telestyrelsen0",
            Some("Post- och telestyrelsen 0"),
        ),
        ("(Ram)48 617 tkr", Some("(Ram) 48 617 tkr")),
        // A number inside the label is no figure when words follow it.
        (
            "Låneram (enl 20 § budgetlagen)100 000",
            Some("Låneram (enl 20 § budgetlagen) 100 000"),
        ),
        (
            "Enhet 2 gruppbostad12 tkr",
            Some("Enhet 2 gruppbostad 12 tkr"),
        ),
        // A year ending a heading is no figure; nor is a figure set apart.
        ("Prognos2024", None),
        ("Disponeras av Boverket 20 410", None),
        // One figure glued after a date's two-digit day.
        ("2010-01-2596", Some("2010-01-25 96")),
        ("2010-12-251 150,5", Some("2010-12-25 1 150,5")),
        // Not a date (no such month), a date alone, or words after it.
        ("2010-13-2596", None),
        ("2010-01-25", None),
        ("2010-01-2596 tkr extra", None),
    ];
    for (line, want) in table {
        assert_eq!(
            figures::unit_ended_figures(line)
                .map(|(text, _)| text)
                .as_deref(),
            *want,
            "{line:?}"
        );
    }
    let text = "Fördelning av medlemsavgiften\nMedlemskommunerMedlemsbidrag 2023Ägarfördelning\n\
                Berg14 044 tkr10,44 %\nBräcke11 202 tkr8,23 %\nTotalt25 246 tkr18,67 %\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        raw.headings.get(1..),
        Some(
            &[
                "Medlemsbidrag 2023".to_string(),
                "Ägarfördelning".to_string()
            ][..]
        )
    );
    let cells: Vec<Vec<&str>> = raw
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
        .collect();
    // The PDF reading keeps a figure's unit with it.
    assert_eq!(cells[0], ["Berg", "14 044tkr", "10,44%"]);
    assert_eq!(cells[2], ["Totalt", "25 246tkr", "18,67%"]);
    assert!(raw.diagnostics.iter().any(|d| matches!(
        &d.kind,
        DiagnosticKind::Layout { what_en, .. } if what_en.contains("where its unit, % or the line ends it")
    )));
}

#[test]
fn a_figure_kept_back_as_a_bound_holds_its_column() {
    // Statistics print small counts as "<5": the row keeps its three
    // columns, the bound stays as the cell's text.
    check_pdf(&[(
        "Län Fördelade medel Antal sommarjobb Antal jobb för unga\nStockholms län 60 910 000 5 950 680\nJämtlands län 270 000 30 <5\nNorrbottens län 340 000 30 <5\nSumma 61 520 000 6 010 680\n",
        &["Län", "Fördelade medel", "Antal sommarjobb", "Antal jobb för unga"],
        &[
            &["Stockholms län", "60 910 000", "5 950", "680"],
            &["Jämtlands län", "270 000", "30", "<5"],
            &["Norrbottens län", "340 000", "30", "<5"],
            &["Summa", "61 520 000", "6 010", "680"],
        ],
    ), (
        // Before a unit a bound is a size class, part of the label.
        "(mnkr) Budget Utfall\nInvesteringsobjekt <3 mnkr 28,8 25,7\nInvesteringsobjekt >3 mnkr 4,5 71,0\n",
        &["(mnkr)", "Budget", "Utfall"],
        &[
            &["Investeringsobjekt <3 mnkr", "28,8", "25,7"],
            &["Investeringsobjekt >3 mnkr", "4,5", "71,0"],
        ],
    )]);
}

#[test]
fn a_payment_plan_with_figures_glued_to_its_dates() {
    // A regleringsbrev's payment plan copied with no separator: each date
    // glued to its amount, the sum to its label, the heading run together.
    let text = "UtbetalningsdatumBelopp\n2010-01-2596\n2010-02-2596\n2010-03-2594\nSumma286\nBelopp angivna i tkr\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(raw.headings, ["Utbetalningsdatum", "Belopp"]);
    let cells: Vec<Vec<&str>> = raw
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
        .collect();
    assert_eq!(
        cells.first().map(Vec::as_slice),
        Some(&["2010-01-25", "96"][..])
    );
    assert_eq!(
        cells.get(2).map(Vec::as_slice),
        Some(&["2010-03-25", "94"][..])
    );
    assert!(raw.diagnostics.iter().any(|d| matches!(
        &d.kind,
        DiagnosticKind::Layout { what_en, .. } if what_en.contains("parenthesis or date")
    )));
}

#[test]
fn an_appropriations_section_and_item_lines_around_its_heading() {
    check_pdf(&[
        // A section line set apart by blank lines above the heading names
        // no column: it is no heading. The appropriation's coded name
        // right under the heading is the body's first section, and the
        // items' codes ("ap.7") start rows of their own.
        (
            "Finansiella villkor för anslag/anslagsposter\n\nUtgiftsområde 17 Kultur, medier, trossamfund och fritid\n\nAnslag/ap Anslagskredit Anslagsbehållning som disponeras 2006 Indrag av anslagsbelopp\n28:37 Forsknings- och utvecklingsinsatser inom kulturområdet\nap.7 66 3 % 0\nap.9 279 3 % 0\n",
            &[
                "Anslag/ap",
                "Anslagskredit",
                "Anslagsbehållning som disponeras 2006",
                "Indrag av anslagsbelopp",
            ],
            &[
                &["28:37 Forsknings- och utvecklingsinsatser inom kulturområdet"],
                &["ap.7", "66", "3%", "0"],
                &["ap.9", "279", "3%", "0"],
            ],
        ),
        (
            "Finansiella villkor för anslag/anslagsposter\n\nUtgiftsområde 1 Rikets styrelse\n\nAnslag/ap Anslagskredit Anslagsbehållning som disponeras 2006 Indrag av anslagsbelopp\n90:1 Kungliga hov- och slottsstaten\nap.1 1 488 3 % 0\nap.2 1 438 3 % 0\n",
            &[
                "Anslag/ap",
                "Anslagskredit",
                "Anslagsbehållning som disponeras 2006",
                "Indrag av anslagsbelopp",
            ],
            &[
                &["90:1 Kungliga hov- och slottsstaten"],
                &["ap.1", "1 488", "3%", "0"],
                &["ap.2", "1 438", "3%", "0"],
            ],
        ),
    ]);
}

#[test]
fn figures_glued_at_their_decimal_commas_are_cut_after_their_decimals() {
    let table: &[(&str, Option<(&str, usize)>)] = &[
        (
            "Externa intäkter392,2416,6436,3-19,7 Kostnader-2 230,2-2 395,0-2 400,75,7",
            Some((
                "Externa intäkter 392,2 416,6 436,3 -19,7 Kostnader -2230,2 -2395,0 -2400,7 5,7",
                1,
            )),
        ),
        // A thousands group after a glued figure: "1 992,02 011,4" is
        // 1 992,0 and 2 011,4.
        (
            "Skattenetto1 992,02 011,42 046,7-35,3 Finansnetto-12,3-9,2",
            Some((
                "Skattenetto 1992,0 2011,4 2046,7 -35,3 Finansnetto -12,3 -9,2",
                1,
            )),
        ),
        // Years and dates in the heading stay words.
        (
            "Mkr Utfall 2009-07 Budget 2009 A10,512,0-1,5 B1,02,0-1,0",
            Some((
                "Mkr Utfall 2009-07 Budget 2009 A 10,5 12,0 -1,5 B 1,0 2,0 -1,0",
                1,
            )),
        ),
        // Figures set apart already, or too few glued: nothing changes.
        ("A 10,5 12,0 -1,5 B 1,0 2,0 -1,0", None),
        ("A10,512,0 B 1,0", None),
    ];
    for (text, want) in table {
        let mut texts = vec![text.to_string()];
        let got = figures::cut_glued_decimals(&mut texts);
        match want {
            Some((cut, decimals)) => {
                assert_eq!(got, Some(*decimals), "{text:?}");
                assert_eq!(texts[0], *cut, "{text:?}");
            }
            None => {
                assert_eq!(got, None, "{text:?}");
                assert_eq!(texts[0], *text);
            }
        }
    }
    // Whole figures glued at a minus sign: a space before each minus,
    // not in a range of years, a date or parentheses.
    let table: &[(&str, Option<(&str, usize)>)] = &[
        (
            "Kostnader -544 797-567 657-97 138 Avskrivningar -4 613-4 613-708 Resultat 500-21 796 31 515",
            Some((
                "Kostnader -544 797 -567 657 -97 138 Avskrivningar -4 613 -4 613 -708 Resultat 500 -21 796 31 515",
                5,
            )),
        ),
        (
            "Utfall 2017-2018 2018-12 (40-41) A 1-2 B 3-4",
            None,
        ),
        ("A 10-20 B 30-40 C 50-60 (2017-2018)", Some(("A 10 -20 B 30 -40 C 50 -60 (2017-2018)", 3))),
        // Enough cuts to change the text: the year range and the date stay.
        (
            "Utfall 2017-2018 per 2018-12 A 10-20 B 30-40 C 50-60",
            Some(("Utfall 2017-2018 per 2018-12 A 10 -20 B 30 -40 C 50 -60", 3)),
        ),
    ];
    for (text, want) in table {
        let got = figures::cut_glued_negatives(text);
        assert_eq!(
            got.as_ref().map(|(t, n)| (t.as_str(), *n)),
            *want,
            "{text:?}"
        );
    }
    // Read whole: a one-line income statement with its headings.
    let text = "Resultaträkning juli 2009 MkrUtfall 2008-07 Utfall 2009-07 Avvikelse \
                Externa intäkter392,2416,624,4 Verksamhetens kostnader-2 230,2-2 395,0-164,8 \
                Finansnetto-12,3-9,22,3 Skattenetto1 992,02 011,419,4 Resultat128,5-19,3-147,8\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let labels = row_labels(&raw);
    let skatt = raw
        .rows
        .iter()
        .find(|r| r.cells.first().is_some_and(|c| c.text == "Skattenetto"))
        .map(|r| {
            r.cells
                .iter()
                .skip(1)
                .map(|c| c.text.as_ref())
                .collect::<Vec<&str>>()
        });
    assert_eq!(skatt, Some(vec!["1992,0", "2011,4", "19,4"]), "{labels:?}");
    assert!(labels.contains(&"Externa intäkter"), "{labels:?}");
    assert!(raw.diagnostics.iter().any(|d| matches!(
        &d.kind,
        DiagnosticKind::Layout { what_en, .. } if what_en.contains("glued to each other at their decimal commas")
    )));
}

#[test]
fn figures_closed_by_units_with_a_share_in_brackets() {
    // A web page's list: each figure carries its unit, its share follows in
    // brackets (glued to the unit once). "1 370 mkr" is one figure closed by
    // its unit, never note 1 and 370; "1 008" never note 1 and 8; "22 mkr"
    // no note either.
    check_pdf(&[(
        "Äldreomsorg 1 370 mkr (30,34%)\nGrundskola 1 008 mkr (22,32%)\nFörskola 536 mkr (11,87%)\nKollektivtrafik 22 mkr (0,49%)\nVuxenutbildning 27 mkr(0,6%)\n",
        &["", "", ""],
        &[
            &["Äldreomsorg", "1 370mkr", "30,34%"],
            &["Grundskola", "1 008mkr", "22,32%"],
            &["Förskola", "536mkr", "11,87%"],
            &["Kollektivtrafik", "22mkr", "0,49%"],
            &["Vuxenutbildning", "27mkr", "0,6%"],
        ],
    )]);
    // An earlier year's figure in brackets, its closing bracket lost once;
    // a whole number in brackets stays a label's code, and a share in
    // brackets before the figures the label's.
    check_pdf(&[(
        "Äldreomsorg 26,4 (29,0)\nGrundskola 17,7 (17,4)\nFunktionsstöd 14,0 (14,9\nNy inredning (6014) 0,7 (0,6)\nHemlöshet (75%) 8,4 (6,8)\n",
        &["", "", ""],
        &[
            &["Äldreomsorg", "26,4", "29,0"],
            &["Grundskola", "17,7", "17,4"],
            &["Funktionsstöd", "14,0", "14,9"],
            &["Ny inredning (6014)", "0,7", "0,6"],
            &["Hemlöshet (75%)", "8,4", "6,8"],
        ],
    )]);
}

#[test]
fn labels_after_their_figures_are_read_first() {
    // "How a hundred kronor is spent": each line's figures, then its label;
    // the heading names the labels last.
    let text = "Kronor Område\n26,4 kr (29,0) Äldreomsorg\n17,7 kr (17,4) Grundskola\n10,3 kr (9,5) Förskola och barnomsorg\n0,4 kr (0,4) Miljö- och hälsa\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let rows: Vec<Vec<&str>> = raw
        .rows
        .iter()
        .filter(|r| r.cells.len() > 1)
        .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Äldreomsorg", "26,4kr", "29,0"],
            ["Grundskola", "17,7kr", "17,4"],
            ["Förskola och barnomsorg", "10,3kr", "9,5"],
            ["Miljö- och hälsa", "0,4kr", "0,4"],
        ]
    );
    // Rows ending in figures are read as ever: a label before figures
    // stays first, whatever a line of figures alone does.
    let text = "Nämnd Utfall Budget\nKommunstyrelsen 26,4 29,0\nBarn och skola 17,7 17,4\nOmsorg 10,3 9,5\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        row_labels(&raw),
        ["Kommunstyrelsen", "Barn och skola", "Omsorg"]
    );
}

#[test]
fn list_bullets_are_no_cells() {
    // A web page's list of where the money goes: each item a bullet, its
    // label and figure, or its figure and label.
    for text in [
        "Så här används hundra kronor\n\n • Omsorg om äldre 35\n • Grundskola 22\n • Förskola 11\n • Gymnasieskola 10\n",
        "Så här används hundra kronor\n\n  • 35 kr Omsorg om äldre\n  • 22 kr Grundskola\n  • 11 kr Förskola\n  • 10 kr Gymnasieskola\n",
    ] {
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        let rows: Vec<(&str, &str)> = raw
            .rows
            .iter()
            .filter_map(|r| Some((r.cells.first()?.text.as_ref(), r.cells.get(1)?.text.as_ref())))
            .collect();
        assert_eq!(rows.len(), 4, "{text:?}: {:?}", raw.rows);
        assert_eq!(rows[0].0, "Omsorg om äldre", "{text:?}");
        assert_eq!(rows[3].0, "Gymnasieskola", "{text:?}");
        assert!(rows[1].1.starts_with("22"), "{text:?}");
        assert!(raw.diagnostics.iter().any(|d| matches!(
            &d.kind,
            DiagnosticKind::Layout { what_en, .. } if what_en.contains("list bullet")
        )));
    }
}

#[test]
fn a_footnote_star_on_a_figure_keeps_the_figure() {
    // "*21 539": the star refers to a footnote; the figure is read whole,
    // in its column.
    check_pdf(&[(
        "Tkr 2003 2002 2001\nBeviljad 12 875 12 651 12 599\nMaximalt utnyttjad 8 696 *21 539 18 465\nRänteintäkter 422 531* 328\n",
        &["Tkr", "2003", "2002", "2001"],
        &[
            &["Beviljad", "12 875", "12 651", "12 599"],
            &["Maximalt utnyttjad", "8 696", "21 539", "18 465"],
            &["Ränteintäkter", "422", "531", "328"],
        ],
    )]);
    let text = "Tkr 2003 2002\nBeviljad 12 875 12 651\nUtnyttjad 8 696 *21 539\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert!(raw.diagnostics.iter().any(|d| matches!(
        &d.kind,
        DiagnosticKind::Layout { what_en, .. } if what_en.contains("1 figures carried a footnote's star")
    )));
}

#[test]
fn rows_labelled_by_consecutive_years() {
    // A tax rate per year: each line a year and its figures. The years,
    // one apart down the lines, label the rows; they are no figures.
    check_pdf(&[(
        "År Kommunen Regionen Totalt\n2018 21,08 10,69 31,77\n2017 21,08 10,69 31,77\n2016 20,48 10,69 31,17\n2015 20,48 10,39 30,87\n",
        &["År", "Kommunen", "Regionen", "Totalt"],
        &[
            &["2018", "21,08", "10,69", "31,77"],
            &["2017", "21,08", "10,69", "31,77"],
            &["2016", "20,48", "10,69", "31,17"],
            &["2015", "20,48", "10,39", "30,87"],
        ],
    )]);
}

#[test]
fn a_comma_or_colon_before_the_figures_is_no_part_of_the_label() {
    // A list written as sentences: "Label, 17 kr", "Label: 54 kr". The
    // comma or colon goes.
    let text = "Så fördelas varje hundralapp:\n • Förskola, grundskola och fritidshem, 33 kr\n • Äldreomsorg, 17 kr\n • Kultur och fritid, 4 kr\n • Summa: 54 kr\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let labels: Vec<&str> = row_labels(&raw)
        .into_iter()
        .filter(|l| !l.starts_with("Så"))
        .collect();
    assert_eq!(
        labels,
        [
            "Förskola, grundskola och fritidshem",
            "Äldreomsorg",
            "Kultur och fritid",
            "Summa"
        ]
    );
}

#[test]
fn a_decimal_figure_glued_to_its_label_and_closed_by_the_line() {
    // A web table copied with no separator: each label glued to one figure
    // with a decimal comma, the line's end closing it. A code glued to a
    // word ("Etapp1") has no such shape and stays the label's.
    let text = "VerksamhetMiljoner kronor\nPolitisk verksamhet0,62\nStaben3,79\nFörvaltningsområde omsorg17,00\nTotalt21,41\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let rows: Vec<(&str, &str)> = raw
        .rows
        .iter()
        .filter_map(|r| {
            Some((
                r.cells.first()?.text.as_ref(),
                r.cells.get(1)?.text.as_ref(),
            ))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Politisk verksamhet", "0,62"),
            ("Staben", "3,79"),
            ("Förvaltningsområde omsorg", "17,00"),
            ("Totalt", "21,41")
        ]
    );
}

/// Each row's label and its cells after it, rows with cells only.
fn label_and_cells<'a>(raw: &'a RawTable<'_>) -> Vec<Vec<&'a str>> {
    raw.rows
        .iter()
        .filter(|r| r.cells.len() > 1)
        .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
        .collect()
}

#[test]
fn a_minus_between_a_label_and_its_figure_starts_the_figure() {
    // A web table copied with no separator: a negative figure glued to its
    // label is cut like a positive one. A hyphen inside a label stays.
    let text = "Nämnd Resultat\nKommunstyrelsen7,5\nArbetsliv- och fritidsnämnden2,5\nUtbildningsnämnden2,1\nOmsorgsnämnden-15,8\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        label_and_cells(&raw),
        [
            ["Kommunstyrelsen", "7,5"],
            ["Arbetsliv- och fritidsnämnden", "2,5"],
            ["Utbildningsnämnden", "2,1"],
            ["Omsorgsnämnden", "-15,8"],
        ]
    );
}

#[test]
fn a_unit_of_two_words_closes_its_figure() {
    // "35 miljoner kronor" as "35 mnkr": the line is a row, its unit no
    // column; the sentence above the list is its caption, not a heading.
    let text = "De största objekten under perioden 2024–2026 är:\n\n  • Stallbyggnad Ängens gård, 40 miljoner kronor\n  • Ombyggnation Kungsgatan 35 miljoner kronor\n  • Gatuutbyggnad Vårvik 27 miljoner kronor\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let rows: Vec<(&str, &str)> = label_and_cells(&raw).iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(
        rows,
        [
            ("Stallbyggnad Ängens gård", "40miljoner kronor"),
            ("Ombyggnation Kungsgatan", "35miljoner kronor"),
            ("Gatuutbyggnad Vårvik", "27miljoner kronor"),
        ]
    );
    assert!(
        raw.headings.iter().all(|h| h.is_empty()),
        "{:?}",
        raw.headings
    );
    assert_eq!(
        raw.title.as_ref().map(|(t, _)| t.as_str()),
        Some("De största objekten under perioden 2024–2026 är:")
    );
}

#[test]
fn sentences_above_a_heading_are_its_caption() {
    // A caption of two sentences over the heading "Andel - Verksamhet" and
    // rows "22,95 kr - Vård och omsorg": the sentences head no column, the
    // dash setting a label after its figure apart is no cell.
    let text = "Kommunalskatten fördelad på verksamheter\n\nSå här fördelas 100 kronor i kommunalskatt på olika verksamheter. Fördelningen utgår från kommunens budget.\n\nAndel - Verksamhet\n\n22,95 kr - Vård och omsorg till äldre\n\n21,18 kr - Grundskola, särskola och fritidshem\n\n10,66 kr - Förskola\n\n9,57 kr - Gymnasieutbildning\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(raw.headings, ["Verksamhet", "Andel"]);
    assert_eq!(
        label_and_cells(&raw),
        [
            ["Vård och omsorg till äldre", "22,95kr"],
            ["Grundskola, särskola och fritidshem", "21,18kr"],
            ["Förskola", "10,66kr"],
            ["Gymnasieutbildning", "9,57kr"],
        ]
    );
}

#[test]
fn periods_under_years_head_their_columns() {
    // Years over the periods they cover: a PDF's two heading lines, and
    // the same table flattened onto one line (the periods' dashes lost).
    check_pdf(&[(
        "Sammandrag\nKoncernen 2017 2016 2016\njan-apr jan-apr jan-dec\nOmsättning, Mkr 239 220 797\nResultat, Mkr 9 28 112\nVinstmarginal, % 4 13 14\n",
        &["Koncernen", "2017 jan-apr", "2016 jan-apr", "2016 jan-dec"],
        &[
            &["Omsättning, Mkr", "239", "220", "797"],
            &["Resultat, Mkr", "9", "28", "112"],
            &["Vinstmarginal, %", "4", "13", "14"],
        ],
    )]);
    let text = "Sammandrag KONCERNEN 2011 2010 2010 jan aug jan aug jan dec Omsättning, Mkr 452,4 432,3 633,4 Resultat, Mkr 101,3 96,1 71,5 Vinstmarginal, % 22,4 22,2 11,0 Soliditet, % 31,3 35,0 29,5\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        raw.headings[1..],
        ["2011 jan aug", "2010 jan aug", "2010 jan dec"]
    );
    assert_eq!(
        row_labels(&raw),
        [
            "Omsättning, Mkr",
            "Resultat, Mkr",
            "Vinstmarginal, %",
            "Soliditet, %"
        ]
    );
}

#[test]
fn years_one_per_cell_before_a_section_heading() {
    // A key-figure web table, one cell per line: the years first, with no
    // cell above the labels, then a section heading of the body.
    let text = " 2012\n\n2011\n\n2010\n\nVOLYMER\n\nFakturering, mkr\n\n703,6\n\n661,2\n\n633,4\n\nAnlöp\n\n9246\n\n9205\n\n9227\n\nPERSONAL\n\nMedeltal anställda\n\n150\n\n146\n\n142\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(raw.headings, ["", "2012", "2011", "2010"]);
    assert_eq!(
        row_labels(&raw),
        [
            "VOLYMER",
            "Fakturering, mkr",
            "Anlöp",
            "PERSONAL",
            "Medeltal anställda"
        ]
    );
}

#[test]
fn rows_written_as_sentences_of_one_pattern() {
    // A list of allocations in sentences: the words every row shares go,
    // the label is what differs before the first figure, the figures keep
    // their units. Rows that differ after their first figure are no
    // pattern.
    let text = "Så fördelas pengarna\n\n  • Välfärdsnämnden tilldelas 1 613 miljoner kronor, vilket motsvarar 41 procent av skattemedlen.\n  • Bildningsnämnden tilldelas 1 563 miljoner kronor, vilket motsvarar 39 procent av skattemedlen.\n  • Kultur- och fritidsnämnden tilldelas 169 miljoner kronor, vilket motsvarar 4 procent av skattemedlen.\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        label_and_cells(&raw),
        [
            ["Välfärdsnämnden", "1 613mnkr", "41%"],
            ["Bildningsnämnden", "1 563mnkr", "39%"],
            ["Kultur- och fritidsnämnden", "169mnkr", "4%"],
        ]
    );
    let lines = |texts: &[&str]| -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::plain(t.to_string(), i + 1))
            .collect()
    };
    assert!(sentences::sentence_rows(&lines(&[
        "Nämnd A får 12 miljoner kronor i år.",
        "Nämnd B får 14 miljoner kronor nästa år.",
        "Nämnd C får 9 miljoner kronor i år.",
    ]))
    .is_none());
    assert!(sentences::sentence_rows(&lines(&[
        "Nämnd A 12,0 14,0",
        "Nämnd B 13,0 15,0",
        "Nämnd C 9,0 8,0",
    ]))
    .is_none());
}

#[test]
fn key_figures_over_years_with_their_corner() {
    // A caption naming no figure over a corner and years run together
    // ("(KSEK) 20152014201320122011"), or over a corner of capitals and
    // years ("PROFIT/LOSS ITEMS 2018 ..."): the years head the columns,
    // the words before them the labels, the caption is the title. The
    // heading's years again after a section's name head that section.
    check_pdf(&[
        (
            "Nyckeltal - fem år i sammandrag - Bolaget AB koncernen\n (KSEK) 20152014201320122011\nOmsättning 882 291 822 025 865 786 829 330 772 380\nFinansnetto -41 685 -47 113 -48 477 -46 151 -35 385\nEget kapital 328 732 322 677 324 121 323 936 308 588\n",
            &["(KSEK)", "2015", "2014", "2013", "2012", "2011"],
            &[
                &["Omsättning", "882 291", "822 025", "865 786", "829 330", "772 380"],
                &["Finansnetto", "-41 685", "-47 113", "-48 477", "-46 151", "-35 385"],
                &["Eget kapital", "328 732", "322 677", "324 121", "323 936", "308 588"],
            ],
        ),
        (
            "PROFIT/LOSS ITEMS 2018 2017 2016\nNet sales 4208 4337 4208\nEarnings -122 1 -78\nCASH FLOW 2018 2017 2016\nOperating activities 33 216 85\n",
            &["PROFIT/LOSS ITEMS", "2018", "2017", "2016"],
            &[
                &["Net sales", "4208", "4337", "4208"],
                &["Earnings", "-122", "1", "-78"],
                &["CASH FLOW"],
                &["Operating activities", "33", "216", "85"],
            ],
        ),
    ]);
}

#[test]
fn a_caption_over_a_corner_and_years_is_the_title() {
    // The caption of `key_figures_over_years_with_their_corner`, named no
    // heading.
    let text = "Nyckeltal - fem år i sammandrag - Bolaget AB koncernen\n (KSEK) 20152014201320122011\nOmsättning 882 291 822 025 865 786 829 330 772 380\nFinansnetto -41 685 -47 113 -48 477 -46 151 -35 385\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        raw.title.as_ref().map(|(t, _)| t.as_str()),
        Some("Nyckeltal - fem år i sammandrag - Bolaget AB koncernen")
    );
}

#[test]
fn labels_each_over_a_line_of_their_figures() {
    // Table cells as text boxes: each label on its line, its figures on
    // the next; a label followed by a label heads a section.
    check_pdf(&[(
        "MSEK Låneram Utnyttjat Andel\n\nKreditfaciliteter\n\n1 000 300 4,0\n\nMTN-program\n\n6 000 4 552 61,2\n\nÖvriga lån\n\nCertifikat\n\n3 000 2 577 34,6\n\nCheckräkningskredit\n\n200 5 0,1\n",
        &["MSEK", "Låneram", "Utnyttjat", "Andel"],
        &[
            &["Kreditfaciliteter", "1 000", "300", "4,0"],
            &["MTN-program", "6 000", "4 552", "61,2"],
            &["Övriga lån"],
            &["Certifikat", "3 000", "2 577", "34,6"],
            &["Checkräkningskredit", "200", "5", "0,1"],
        ],
    )]);
}

#[test]
fn the_headings_years_one_per_line_under_a_section_head_it() {
    // A second block's heading: its dates and years one per line, the same
    // years as the table's heading. They are no rows.
    check_pdf(&[(
        "ITEMS 2018 2017 2016\nNet sales 4208 4337 4208\nEarnings -122 1 -78\nBALANCE SHEET\nDec 31,\n\n2018\n\nDec 31,\n\n2017\n\nDec 31,\n\n2016\nTotal assets 2679 3067 3320\n",
        &["ITEMS", "2018", "2017", "2016"],
        &[
            &["Net sales", "4208", "4337", "4208"],
            &["Earnings", "-122", "1", "-78"],
            &["BALANCE SHEET"],
            &["Total assets", "2679", "3067", "3320"],
        ],
    )]);
}

#[test]
fn a_dash_set_apart_is_an_empty_cell_when_the_row_needs_it() {
    // "- 10 0,1" under three columns: the dash holds the first column's
    // place; a minus set apart elsewhere in the table ("– 34") stays a
    // sign.
    check_pdf(&[(
        "MSEK Låneram Utnyttjat Andel\nMTN-program 6 000 4 552 61,2\nCheckräkningskredit 200 5 0,1\nÖvriga lån - 10 0,1\n",
        &["MSEK", "Låneram", "Utnyttjat", "Andel"],
        &[
            &["MTN-program", "6 000", "4 552", "61,2"],
            &["Checkräkningskredit", "200", "5", "0,1"],
            &["Övriga lån", "-", "10", "0,1"],
        ],
    )]);
}

#[test]
fn years_as_row_labels_one_cell_per_line() {
    // A table whose rows are years, copied one cell per line: every line
    // after the heading is a value, and the rows are where the years stand.
    // A unit in a heading line ("Belopp i tkr", "Soliditet %") is a
    // heading's word, not a figure.
    type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a [&'a str]]);
    let cases: [Case; 3] = [
        (
            "Flerårsjämförelse\nBelopp i tkr\nÅr\nNettoomsättning\nSoliditet %\n2019\n586 551\n17,2\n2018\n572 644\n15,7\n2017\n529 653\n14,9\n",
            &["År", "Nettoomsättning", "Soliditet %"],
            &[
                &["2019", "586 551", "17,2"],
                &["2018", "572 644", "15,7"],
                &["2017", "529 653", "14,9"],
            ],
        ),
        (
            // No heading above the years.
            "Kommun\nRegion\nSumma\n2014\n23,34\n10,69\n34,03\n2015\n23,34\n10,69\n34,03\n2016\n23,34\n11,26\n34,60\n",
            &["", "Kommun", "Region", "Summa"],
            &[
                &["2014", "23,34", "10,69", "34,03"],
                &["2015", "23,34", "10,69", "34,03"],
                &["2016", "23,34", "11,26", "34,60"],
            ],
        ),
        (
            // Labels that are words, under a heading line naming the unit.
            "Belopp i mnkr\nNämnd\nUtfall\nBudget\nKommunstyrelsen\n12,5\n13,0\nBarn- och utbildningsnämnden\n540,2\n545,0\n",
            &["Nämnd", "Utfall", "Budget"],
            &[
                &["Kommunstyrelsen", "12,5", "13,0"],
                &["Barn- och utbildningsnämnden", "540,2", "545,0"],
            ],
        ),
    ];
    for (text, headings, rows) in cases {
        let grid = crate::grid::read_text(text);
        let raw = layout(&grid, text, &ReadChoices::default());
        assert_eq!(raw.headings, headings, "{text}");
        assert_eq!(label_and_cells(&raw), rows, "{text}");
    }
    // Years out of order are no row labels: nothing shows where rows start.
    let text = "År\nA\nB\n2019\n1\n2\n2020\n3\n4\n2018\n5\n6\n";
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, t)| Line::plain(t.to_string(), i + 1))
        .collect();
    let body: Vec<&Line> = lines.iter().collect();
    assert!(web::rows_of_years(&lines, &body, 3).is_none());
}

#[test]
fn heading_cells_one_per_paragraph_each_naming_a_period() {
    // A web page whose heading cells stand one per paragraph, the rows on
    // one line each: every period line heads a column; the caption and the
    // unit above them head none.
    let text = "Finansiell information\n\nMSEK\n\njan– mar 2013\n\njan– mar 2012\n\nhelår 2012\n\nNettoomsättning 5 544 5 315 25 099\n\nRörelseresultat -193 -26 270\n\nSoliditet, % 32,3 35,3 27,4\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(
        raw.headings,
        ["", "jan– mar 2013", "jan– mar 2012", "helår 2012"]
    );
    assert_eq!(
        row_labels(&raw),
        ["Nettoomsättning", "Rörelseresultat", "Soliditet, %"]
    );
    // A heading naming a figure with its year is no period cell.
    for (text, period) in [
        ("jan– mar 2013", true),
        ("helår 2012", true),
        ("Q3 2020", true),
        ("Q2-2019", true),
        ("jan–jun-2019", true),
        ("2019-2020", true),
        ("Budget-2019", false),
        ("2021-12-31", true),
        ("Resultat 2021", false),
        ("Budget 2023", false),
    ] {
        assert_eq!(heading_lines::is_one_period(text), period, "{text}");
    }
}

#[test]
fn blocks_stacked_one_per_period_under_the_headings_words() {
    // "Skatten 2018" heads the table; "Skatten 2017" further down starts
    // the next block: a heading of the body, never a row whose figure is
    // its year. Other words with a year stay rows.
    let text = "Skatten 2018\nKommunen: 17,35 kronor\nRegionen: 12,08 kronor\nSkatten 2017\nKommunen: 17,35 kronor\nRegionen: 12,10 kronor\nByggår 1998\n";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    let rows: Vec<(String, usize)> = raw
        .rows
        .iter()
        .map(|r| (r.cells[0].text.to_string(), r.cells.len()))
        .collect();
    assert!(rows.contains(&("Skatten 2017".to_string(), 1)), "{rows:?}");
    assert!(
        !rows.iter().any(|(l, n)| l == "Skatten" && *n > 1),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|(l, n)| l == "Byggår" && *n == 2),
        "{rows:?}"
    );
}

#[test]
fn every_line_a_paragraph_labels_wrapped_around_their_figures() {
    // A web page's copy of a PDF table: every line a paragraph of its own
    // (a blank line after each), a label over its figures, the rest of a
    // label below them, list dashes before the varav items.
    let paragraphs = "Nämnd Utfall Prognos\n\nKommunstyrelsen\n\n3,3 -3,0\n\nVarav\n\n-Tillväxtenheten 1,0 0,9\n\n-Sektorn för 0,6 -4,0\n\nvälfärd\n\nMiljö- och\n\n0,1 0,0\n\nbyggnadsnämnden\n\nValnämnd 0,0 0,0\n\nSumma 4,3 -2,7\n";
    // The same rules where the lines are not paragraphs; a lowercase line
    // after a label that can end where it does stays a heading.
    let lines = "Nämnd Utfall Prognos\nKommunstyrelsen 3,3 -3,0\n-Sektorn för 0,6 -4,0\nvälfärd\nVA 0,7 0,1\nvarav\n– Renhållning 0,0 0,0\n";
    check_pdf(&[
        (
            paragraphs,
            &["Nämnd", "Utfall", "Prognos"],
            &[
                &["Kommunstyrelsen", "3,3", "-3,0"],
                &["Varav"],
                &["Tillväxtenheten", "1,0", "0,9"],
                &["Sektorn för välfärd", "0,6", "-4,0"],
                &["Miljö- och byggnadsnämnden", "0,1", "0,0"],
                &["Valnämnd", "0,0", "0,0"],
                &["Summa", "4,3", "-2,7"],
            ],
        ),
        (
            lines,
            &["Nämnd", "Utfall", "Prognos"],
            &[
                &["Kommunstyrelsen", "3,3", "-3,0"],
                &["Sektorn för välfärd", "0,6", "-4,0"],
                &["VA", "0,7", "0,1"],
                &["varav"],
                &["Renhållning", "0,0", "0,0"],
            ],
        ),
    ]);
}

#[test]
fn an_english_key_figure_table_flattened_onto_one_line() {
    // Periods over the years before the unit ("April-June Jan.-June SEKm
    // 2019 2018 2019 2018") stay one heading line, no caption and no group
    // row; rows of percentages in every column make no percent column, so
    // "68 257" among single figures is two of them.
    let text = "April-June Jan.-June SEKm 2019 2018 2019 2018 Net sales 9,514 9,503 18,985 18,605 Adjusted operating income 95 68 257 -6 Income before tax -144 -912 -55 -987 Net debt ratio 103% -3% 103% -3% Return on operating capital 2.2% -12.4% 2.2% -12.4%";
    let grid = crate::grid::read_text(text);
    let raw = layout(&grid, text, &ReadChoices::default());
    assert_eq!(raw.title, None);
    assert_eq!(
        raw.headings,
        [
            "SEKm",
            "April-June 2019",
            "April-June 2018",
            "Jan.-June 2019",
            "Jan.-June 2018"
        ]
    );
    let adjusted: Vec<&str> = raw
        .rows
        .iter()
        .find(|r| {
            r.cells
                .first()
                .is_some_and(|c| c.text == "Adjusted operating income")
        })
        .map(|r| r.cells.iter().map(|c| c.text.as_ref()).collect())
        .unwrap_or_default();
    assert_eq!(
        adjusted,
        ["Adjusted operating income", "95", "68", "257", "-6"]
    );
}

#[test]
fn a_period_written_as_its_first_and_last_day_is_one_heading() {
    // On one line or wrapped one date per line, a first day followed by
    // a month's last day within the year is one period; two closing days
    // stay two columns.
    let wrapped = "Belopp i tkr Not 2016-01-01\n2016-12-31\n2015-01-01\n2015-12-31\nNettoomsättning 1 136 611 126 994\nÖvriga rörelseintäkter 2 0 104\nFastighetskostnader 3 -46 091 -36 582\n";
    let one_line = "Belopp i tkr Not 2016-01-01 2016-12-31 2015-01-01 2015-12-31\nNettoomsättning 1 136 611 126 994\nÖvriga rörelseintäkter 2 0 104\nFastighetskostnader 3 -46 091 -36 582\n";
    let rows: &[&[&str]] = &[
        &["Nettoomsättning", "1", "136 611", "126 994"],
        &["Övriga rörelseintäkter", "2", "0", "104"],
        &["Fastighetskostnader", "3", "-46 091", "-36 582"],
    ];
    let headings: &[&str] = &[
        "Belopp i tkr",
        "Not",
        "2016-01-01 2016-12-31",
        "2015-01-01 2015-12-31",
    ];
    check_pdf(&[(wrapped, headings, rows), (one_line, headings, rows)]);
    let closing = "Belopp i tkr 2016-12-31 2015-12-31\nKassa 1 136 126\nBank 2 000 104\n";
    check_pdf(&[(
        closing,
        &["Belopp i tkr", "2016-12-31", "2015-12-31"],
        &[&["Kassa", "1 136", "126"], &["Bank", "2 000", "104"]],
    )]);
}
