use super::*;
use proptest::prelude::*;

/// A grid as strings: `[b]`, `[i]`, `[bi]` mark emphasis, `[h]` a
/// heading.
fn render(grid: &Grid) -> Vec<Vec<String>> {
    grid.rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| {
                    let mark = if row.heading {
                        "[h]"
                    } else {
                        match (c.bold, c.italic) {
                            (true, true) => "[bi]",
                            (true, false) => "[b]",
                            (false, true) => "[i]",
                            (false, false) => "",
                        }
                    };
                    format!("{mark}{}", c.text)
                })
                .collect()
        })
        .collect()
}

/// Rows with text but `split: false`.
fn unsplit(grid: &Grid) -> Vec<usize> {
    grid.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.split && !r.cells.is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// Properties every grid has, whatever the input.
fn check_invariants(grid: &Grid) {
    assert!(grid.rows.len() <= MAX_ROWS + 1);
    assert!(grid.notes.len() <= MAX_NOTES + 2);
    assert!(grid.rows.last().is_none_or(|r| !r.cells.is_empty()));
    for row in &grid.rows {
        assert!(row.cells.len() <= MAX_COLUMNS);
        assert!(!row.heading || row.cells.len() == 1);
        for cell in &row.cells {
            let t = &cell.text;
            assert_eq!(t.trim(), t, "untrimmed {t:?}");
            assert!(!t.chars().any(|c| c.is_control()), "control in {t:?}");
            let mut previous_space = false;
            for c in t.chars() {
                let space = c.is_whitespace();
                assert!(!(space && previous_space), "whitespace run in {t:?}");
                previous_space = space;
            }
            if t.is_empty() && !row.heading {
                assert!(!cell.bold && !cell.italic);
            }
        }
    }
}

struct Case {
    name: &'static str,
    plain: &'static str,
    html: Option<&'static str>,
    source: Source,
    rows: Vec<Vec<&'static str>>,
    /// Indices of rows with text and `split: false`.
    unsplit: Vec<usize>,
    notes: Vec<GridNote>,
    lines: Option<Vec<usize>>,
    hints: Hints,
}

impl Case {
    fn new(name: &'static str, plain: &'static str, source: Source) -> Self {
        Case {
            name,
            plain,
            html: None,
            source,
            rows: Vec::new(),
            unsplit: Vec::new(),
            notes: Vec::new(),
            lines: None,
            hints: Hints::default(),
        }
    }
    fn html(mut self, html: &'static str) -> Self {
        self.html = Some(html);
        self
    }
    fn rows(mut self, rows: &[&[&'static str]]) -> Self {
        self.rows = rows.iter().map(|r| r.to_vec()).collect();
        self
    }
    fn unsplit(mut self, rows: &[usize]) -> Self {
        self.unsplit = rows.to_vec();
        self
    }
    fn notes(mut self, notes: &[GridNote]) -> Self {
        self.notes = notes.to_vec();
        self
    }
    fn lines(mut self, lines: &[usize]) -> Self {
        self.lines = Some(lines.to_vec());
        self
    }
    fn hints(mut self, decimal: char, thousands: char) -> Self {
        self.hints = Hints {
            decimal_separator: Some(decimal),
            thousands_separator: Some(thousands),
        };
        self
    }
}

fn text_cases() -> Vec<Case> {
    vec![
        Case::new(
            "Excel TSV with CRLF and a trailing tab",
            "Uppdrag\tUtfall\tBudget\t\r\nRegionkontoret\t-297,2\t-305,0\t\r\nTotalt\t-420,3\t-486,0\t\r\n",
            Source::Tab,
        )
        .rows(&[
            &["Uppdrag", "Utfall", "Budget", ""],
            &["Regionkontoret", "-297,2", "-305,0", ""],
            &["Totalt", "-420,3", "-486,0", ""],
        ])
        .lines(&[1, 2, 3]),
        Case::new(
            "Excel quotes a cell holding a line break, also in TSV",
            "Konto\t\"Budget-\navvikelse\"\tÅr\nA\t\"sa \"\"hej\"\"\"\t2021\r\nB\t1\t2\n",
            Source::Tab,
        )
        .rows(&[
            &["Konto", "Budget- avvikelse", "År"],
            &["A", "sa \"hej\"", "2021"],
            &["B", "1", "2"],
        ])
        .lines(&[1, 3, 4]),
        Case::new(
            "a quote that does not end the field is text",
            "\"Digitalt först\"-satsning\t5\n\"Jag har\" sa 88 %\t6\n",
            Source::Tab,
        )
        .rows(&[
            &["\"Digitalt först\"-satsning", "5"],
            &["\"Jag har\" sa 88 %", "6"],
        ]),
        Case::new(
            "an unterminated quote is text and noted",
            "A\t\"öppen\nB\t2\n",
            Source::Tab,
        )
        .rows(&[&["A", "\"öppen"], &["B", "2"]])
        .notes(&[GridNote::UnterminatedQuote { line: 1 }]),
        Case::new(
            "a lone quote is a ditto mark, not a quoted field",
            "Konto\tEnhet\tBelopp\nA\tmnkr\t1,0\nB\t\"\t2,0\nC\t\"\t\"\n",
            Source::Tab,
        )
        .rows(&[
            &["Konto", "Enhet", "Belopp"],
            &["A", "mnkr", "1,0"],
            &["B", "\"", "2,0"],
            &["C", "\"", "\""],
        ]),
        Case::new(
            "lone CR line ends, BOM",
            "\u{feff}a\tb\rc\td\r\re\tf",
            Source::Tab,
        )
        .rows(&[&["a", "b"], &["c", "d"], &[], &["e", "f"]])
        .lines(&[1, 2, 3, 4])
        .notes(&[GridNote::BomRemoved]),
        Case::new(
            "semicolon CSV with Swedish decimals",
            "Uppdrag;Utfall;Budget;Avvikelse\r\nRegionkontoret;-297,2;-305,0;7,8\r\n\"Säkerhet; övrigt\";2;1 057;1 055\r\n",
            Source::Semicolon,
        )
        .rows(&[
            &["Uppdrag", "Utfall", "Budget", "Avvikelse"],
            &["Regionkontoret", "-297,2", "-305,0", "7,8"],
            &["Säkerhet; övrigt", "2", "1 057", "1 055"],
        ]),
        Case::new(
            "a single semicolon line",
            "Regionkontoret;-297,2;-305,0;7,8",
            Source::Semicolon,
        )
        .rows(&[&["Regionkontoret", "-297,2", "-305,0", "7,8"]]),
        Case::new(
            "comma CSV with point decimals and quotes",
            "Uppdrag,Utfall,Budget,Avvikelse\nRegionkontoret,-297.2,-305.0,7.8\n\"Säkerhet, övrigt\",2,1057,1055\nTotalt,10,20,30\n",
            Source::Comma,
        )
        .rows(&[
            &["Uppdrag", "Utfall", "Budget", "Avvikelse"],
            &["Regionkontoret", "-297.2", "-305.0", "7.8"],
            &["Säkerhet, övrigt", "2", "1057", "1055"],
            &["Totalt", "10", "20", "30"],
        ]),
        Case::new(
            "Swedish decimals are not comma CSV",
            "Regionkontoret -297,2 -305,0 7,8",
            Source::Lines,
        )
        .rows(&[&["Regionkontoret -297,2 -305,0 7,8"]])
        .unsplit(&[0]),
        Case::new(
            "a caption's prose comma beside Swedish decimals on one line is not comma CSV",
            "Prognos budgetavvikelser, mkr Kommunstyrelsen 0,8 Socialnämnden -5,0",
            Source::Lines,
        )
        .rows(&[&["Prognos budgetavvikelser, mkr Kommunstyrelsen 0,8 Socialnämnden -5,0"]])
        .unsplit(&[0]),
        Case::new(
            "a whole table on one line, figures glued at their decimal commas, is not comma CSV",
            "Mkr Utfall Budget Avvikelse Externa intäkter239,2248,6-9,4 Skattenetto1 152,01 227,8-75,8",
            Source::Lines,
        )
        .rows(&[&["Mkr Utfall Budget Avvikelse Externa intäkter239,2248,6-9,4 Skattenetto1 152,01 227,8-75,8"]])
        .unsplit(&[0]),
        Case::new(
            "a column of Swedish decimals is not comma CSV",
            "1,5\n2,25\n-3,0\n",
            Source::Lines,
        )
        .rows(&[&["1,5"], &["2,25"], &["-3,0"]])
        .unsplit(&[0, 1, 2]),
        Case::new(
            "prose with commas is not comma CSV",
            "Säkerhet, övrigt 2 1 057 1 055\nSäkerhet, personlarm 1 558 14 100 12 542\n",
            Source::Lines,
        )
        .rows(&[
            &["Säkerhet, övrigt 2 1 057 1 055"],
            &["Säkerhet, personlarm 1 558 14 100 12 542"],
        ])
        .unsplit(&[0, 1]),
        Case::new(
            "Markdown pipe table",
            "Tabell 1\n\n| Uppdrag | Utfall | Budget |\n|---|---:|:---:|\n| Regionkontoret | -297,2 | -305,0 |\n| a \\| b | | **7,8** |\n",
            Source::Pipe,
        )
        .rows(&[
            &["Tabell 1"],
            &[],
            &["Uppdrag", "Utfall", "Budget"],
            &["Regionkontoret", "-297,2", "-305,0"],
            &["a | b", "", "[b]7,8"],
        ])
        .unsplit(&[0])
        .lines(&[1, 2, 3, 5, 6]),
        Case::new(
            "pipe table without outer pipes",
            "Konto | Belopp\n--- | ---\nA | 1\n",
            Source::Pipe,
        )
        .rows(&[&["Konto", "Belopp"], &["A", "1"]]),
        Case::new(
            "pipe grid closed on one side only, with no rule line",
            "Mkr | Q3 2020 | Q3 2019 |\nRörelseresultat | 2 955 | 3 128 |\nAvskrivningar | -797 | - 698 |\n",
            Source::Pipe,
        )
        .rows(&[
            &["Mkr", "Q3 2020", "Q3 2019"],
            &["Rörelseresultat", "2 955", "3 128"],
            &["Avskrivningar", "-797", "- 698"],
        ]),
        Case::new(
            "a line or two of breadcrumbs are no pipe table",
            "Hem | Om oss | Ekonomi |\nIntäkter 12,5 13,0\nKostnader -10,0 -11,0\nResultat 2,5 2,0\n",
            Source::Lines,
        )
        .rows(&[
            &["Hem | Om oss | Ekonomi |"],
            &["Intäkter 12,5 13,0"],
            &["Kostnader -10,0 -11,0"],
            &["Resultat 2,5 2,0"],
        ])
        .unsplit(&[0, 1, 2, 3]),
        Case::new(
            "markup lines from seed 004",
            "<b>Summa:</b>\t<b>-2 434,7</b>\t<b>-2 610,1</b>\t<b>-2 312,3</b>\t<b>175,4</b>\t<b>-122,4</b>\n\
             <i>Effekter tidigare års beslut **)</i>\t0\t-32,8\t-72\t32,8\t72\n\
             <b>Kommentar</b> Under 2021 registrerades 1 545 levnadsvaneformulär.\t\t\n\
             <p><b>Minst 50 procent.</b></p> <p><i>Kommentar</i> Variationen är 29-54 procent.</p>\t44\t50  \n",
            Source::Tab,
        )
        .rows(&[
            &["[b]Summa:", "[b]-2 434,7", "[b]-2 610,1", "[b]-2 312,3", "[b]175,4", "[b]-122,4"],
            &["[i]Effekter tidigare års beslut **)", "0", "-32,8", "-72", "32,8", "72"],
            &["Kommentar Under 2021 registrerades 1 545 levnadsvaneformulär.", "", ""],
            &["Minst 50 procent. Kommentar Variationen är 29-54 procent.", "44", "50"],
        ])
        .notes(&[
            GridNote::RaggedRow { line: 3, cells: 3, expected: 6 },
            GridNote::RaggedRow { line: 4, cells: 3, expected: 6 },
        ]),
        Case::new(
            "headings, escapes, whole-cell emphasis, footnote stars",
            "# Verksamhetsberättelse\n\n#### *Påverkan av coronapandemin*\n## 1 Inledning ##\n#1 är inte en rubrik\n\
             \\*) LOU: Lagen om upphandling\n*Budget för regionstyrelsen har minskat.\n*Kursiv rad*\n**Fet rad**\n***Båda***\n\
             Katrineberg, nybyggnation idrottshall*\nR&amp;D &lt;5 % &#8722;3 &#x2212;4 &minus;5 &auml;&Aring; &bogus; AT&T\n",
            Source::Lines,
        )
        .rows(&[
            &["[h]Verksamhetsberättelse"],
            &[],
            &["[h]Påverkan av coronapandemin"],
            &["[h]1 Inledning"],
            &["#1 är inte en rubrik"],
            &["*) LOU: Lagen om upphandling"],
            &["*Budget för regionstyrelsen har minskat."],
            &["[i]Kursiv rad"],
            &["[b]Fet rad"],
            &["[bi]Båda"],
            &["Katrineberg, nybyggnation idrottshall*"],
            &["R&D <5 % −3 −4 −5 äÅ &bogus; AT&T"],
        ])
        .unsplit(&[4, 5, 6, 7, 8, 9, 10, 11]),
        Case::new(
            "whitespace folding keeps no-break spaces inside numbers",
            "  Belopp \u{a0} i  mnkr\t1\u{a0}234,5\t-2\u{202f}610,1\t5\u{a0}%\t\u{a0}\n",
            Source::Tab,
        )
        .rows(&[&["Belopp i mnkr", "1\u{a0}234,5", "-2\u{202f}610,1", "5 %", ""]]),
        Case::new(
            "ragged rows are noted; prose lines and empty lines end a table",
            "A\tB\tC\n1\t2\n3\t4\t5\nFritext utan tabb\nX\tY\n",
            Source::Tab,
        )
        .rows(&[
            &["A", "B", "C"],
            &["1", "2"],
            &["3", "4", "5"],
            &["Fritext utan tabb"],
            &["X", "Y"],
        ])
        .unsplit(&[3])
        .notes(&[GridNote::RaggedRow { line: 2, cells: 2, expected: 3 }]),
        Case::new("empty paste", "", Source::Lines),
        Case::new("only empty lines", "\n\r\n \n", Source::Lines),
        Case::new(
            "seed 000: Uppdrag table",
            "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\n\
Regionkontoret\t-297,2\t-305,0\t7,8\n\
Förtroendevalda\t-38,1\t-40,0\t1,9\n\
Oförutsett Regionstyrelsen\t-2,1\t-4,4\t2,3\n\
Utvecklingsmedel\t-82,9\t-136,6\t53,7\n\
Totalt\t-420,3\t-486,0\t65,7\n\
",
            Source::Tab,
        )
        .rows(&[
            &["Uppdrag, belopp i mnkr", "Ack. utfall", "Ack. budget", "Ack. budget avvikelse"],
            &["Regionkontoret", "-297,2", "-305,0", "7,8"],
            &["Förtroendevalda", "-38,1", "-40,0", "1,9"],
            &["Oförutsett Regionstyrelsen", "-2,1", "-4,4", "2,3"],
            &["Utvecklingsmedel", "-82,9", "-136,6", "53,7"],
            &["Totalt", "-420,3", "-486,0", "65,7"],
        ]),
        Case::new(
            "seed 001: investment table",
            "Investering (mnkr)\tAck. utfall\tÅrsbudget\tÅrs- prognos\tAvvikelse mot årsbudget\n\
Möbler och utrustning Regionkontoret\t0,5\t4,6\t4,6\t0,0\n\
Kustnära vandringsled\t0,2\t2,7\t2,7\t0,0\n\
Bredbandsutbyggnad i Halland\t0,0\t15,0\t15,0\t0,0\n\
Installation av inbrottslarm i förvaltningarna\t0,4\t0,0\t0,0\t0,0\n\
Framtidens vårdinformationssystem, FVIS\t0,0\t15,0\t15,0\t0,0\n\
IT-utrustning\t12,9\t35,9\t40,0\t-4,1\n\
Summa\t14,0\t73,2\t77,3\t-4,1\n\
",
            Source::Tab,
        )
        .rows(&[
            &["Investering (mnkr)", "Ack. utfall", "Årsbudget", "Års- prognos", "Avvikelse mot årsbudget"],
            &["Möbler och utrustning Regionkontoret", "0,5", "4,6", "4,6", "0,0"],
            &["Kustnära vandringsled", "0,2", "2,7", "2,7", "0,0"],
            &["Bredbandsutbyggnad i Halland", "0,0", "15,0", "15,0", "0,0"],
            &["Installation av inbrottslarm i förvaltningarna", "0,4", "0,0", "0,0", "0,0"],
            &["Framtidens vårdinformationssystem, FVIS", "0,0", "15,0", "15,0", "0,0"],
            &["IT-utrustning", "12,9", "35,9", "40,0", "-4,1"],
            &["Summa", "14,0", "73,2", "77,3", "-4,1"],
        ]),
        Case::new(
            "seed 002: investment plan with empty cells and bold subtotals",
            "Investering\tRe/ny\tTotal projektbudget\tBudget\n\
<b>Regionkontoret</b>\t\t\t\n\
Framtidens vårdinformationssystem, FVIS\tRe\t56,0\t3,0\n\
Säkerhetsinvesteringar larm mm i Region Halland\tRe\t19,4\t6,7\n\
Löpande utbyten av utrustning Regionkontoret\tRe\t\t0,5\n\
Kustnära vandringsled\tNy\t4,0\t1,3\n\
<b>Summa Regionkontoret</b>\t\t\t<b>11,5</b>\n\
\n\
<b>Regionfastigheter nya projekt</b>\t\t\t\n\
Katrineberg, nybyggnation idrottshall*\tRe\t20,0\t20,0\n\
Diverse mindre projekt\tNy/Re\t\t6,2\n\
<b>Summa Regionfastigheter</b>\t\t\t<b>314,1</b>\n\
",
            Source::Tab,
        )
        .rows(&[
            &["Investering", "Re/ny", "Total projektbudget", "Budget"],
            &["[b]Regionkontoret", "", "", ""],
            &["Framtidens vårdinformationssystem, FVIS", "Re", "56,0", "3,0"],
            &["Säkerhetsinvesteringar larm mm i Region Halland", "Re", "19,4", "6,7"],
            &["Löpande utbyten av utrustning Regionkontoret", "Re", "", "0,5"],
            &["Kustnära vandringsled", "Ny", "4,0", "1,3"],
            &["[b]Summa Regionkontoret", "", "", "[b]11,5"],
            &[],
            &["[b]Regionfastigheter nya projekt", "", "", ""],
            &["Katrineberg, nybyggnation idrottshall*", "Re", "20,0", "20,0"],
            &["Diverse mindre projekt", "Ny/Re", "", "6,2"],
            &["[b]Summa Regionfastigheter", "", "", "[b]314,1"],
        ]),
        Case::new(
            "seed 003: PDF text with wrapped headings",
            "Uppdrag, belopp i mnkr Årsprog\n\
nos\n\
\n\
Årsbudg\n\
et\n\
\n\
Prognos\n\
tiserad \n\
\n\
avvikels\n\
e mot \n\
\n\
budget\n\
Regionbidrag 467,7 467,7 0,0 0,0\n\
\x20Förtroendevalda -39,6 -39,1 -0,5 -1,3\n\
\x20Regionkontoret 243,8 -272,5 +28,7 +10,5\n\
\x20Utvecklingsmedel Hälso- och sjukvård -45,8 -95,8 +50,0 +52,2\n\
Total 78,2 0,0 78,2 +16,7\n\
\n\
5.1.3 Prognosförändring sedan föregående rapport\n\
",
            Source::Lines,
        )
        .rows(&[
            &["Uppdrag, belopp i mnkr Årsprog"],
            &["nos"],
            &[],
            &["Årsbudg"],
            &["et"],
            &[],
            &["Prognos"],
            &["tiserad"],
            &[],
            &["avvikels"],
            &["e mot"],
            &[],
            &["budget"],
            &["Regionbidrag 467,7 467,7 0,0 0,0"],
            &["Förtroendevalda -39,6 -39,1 -0,5 -1,3"],
            &["Regionkontoret 243,8 -272,5 +28,7 +10,5"],
            &["Utvecklingsmedel Hälso- och sjukvård -45,8 -95,8 +50,0 +52,2"],
            &["Total 78,2 0,0 78,2 +16,7"],
            &[],
            &["5.1.3 Prognosförändring sedan föregående rapport"],
        ])
        .unsplit(&[0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17, 19])
        .lines(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
        Case::new(
            "seed 003: data lines alone are still not comma CSV",
            "Regionbidrag 467,7 467,7 0,0 0,0\n\
\x20Förtroendevalda -39,6 -39,1 -0,5 -1,3\n\
\x20Oförutsett Regionstyrelsen -4,4 -4,4 0,0 0,0\n\
\x20Regionkontoret 243,8 -272,5 +28,7 +10,5\n\
Total 78,2 0,0 78,2 +16,7\n",
            Source::Lines,
        )
        .rows(&[
            &["Regionbidrag 467,7 467,7 0,0 0,0"],
            &["Förtroendevalda -39,6 -39,1 -0,5 -1,3"],
            &["Oförutsett Regionstyrelsen -4,4 -4,4 0,0 0,0"],
            &["Regionkontoret 243,8 -272,5 +28,7 +10,5"],
            &["Total 78,2 0,0 78,2 +16,7"],
        ])
        .unsplit(&[0, 1, 2, 3, 4]),
        Case::new(
            "seed 004: result table with markup, empty lines and footnotes",
            "<b>Tandvårdsenheten, varav</b>\t<b>-237,2</b>\t<b>-242,0</b>\t<b>-239,1</b>\t<b>4,8</b>\t<b>1,9</b>\n\
- Tandvårdsstöd\t-29,7\t-31,7\t-24,3\t2,0\t-5,4\n\
<b>Summa:</b>\t<b>-2 434,7</b>\t<b>-2 610,1</b>\t<b>-2 312,3</b>\t<b>175,4</b>\t<b>-122,4</b>\n\
\n\
\n\
Belopp i mnkr\tUtfall 2021\tBudget 2021\tUtfall 2020\tBudget- avvikelse\tUtfalls- avvikelse\n\
<b>Övrigt inom regionstyrelsens driftansvar:</b>\t\t\t\t\t\n\
<i>Regionstyrelsens verksamhetskostnad</i>\t-456,7\t-185,1\t168\t-271,6\t-624,7\n\
<i>Effekter tidigare års beslut **)</i>\t0\t-32,8\t-72\t32,8\t72\n\
<b>Totalt resultat regionstyrelsens driftansvar:</b>\t<b>-2 891,4</b>\t<b>-2 954,3</b>\t<b>-2 244,3</b>\t<b>62,9</b>\t<b>-647,1</b>\n\
\n\
\\*\\*\\*) Ännu ej fördelade från beslut ur tidigare års planeringsreserv.\n\
\n\
",
            Source::Tab,
        )
        .rows(&[
            &["[b]Tandvårdsenheten, varav", "[b]-237,2", "[b]-242,0", "[b]-239,1", "[b]4,8", "[b]1,9"],
            &["- Tandvårdsstöd", "-29,7", "-31,7", "-24,3", "2,0", "-5,4"],
            &["[b]Summa:", "[b]-2 434,7", "[b]-2 610,1", "[b]-2 312,3", "[b]175,4", "[b]-122,4"],
            &[],
            &[],
            &["Belopp i mnkr", "Utfall 2021", "Budget 2021", "Utfall 2020", "Budget- avvikelse", "Utfalls- avvikelse"],
            &["[b]Övrigt inom regionstyrelsens driftansvar:", "", "", "", "", ""],
            &["[i]Regionstyrelsens verksamhetskostnad", "-456,7", "-185,1", "168", "-271,6", "-624,7"],
            &["[i]Effekter tidigare års beslut **)", "0", "-32,8", "-72", "32,8", "72"],
            &["[b]Totalt resultat regionstyrelsens driftansvar:", "[b]-2 891,4", "[b]-2 954,3", "[b]-2 244,3", "[b]62,9", "[b]-647,1"],
            &[],
            &["***) Ännu ej fördelade från beslut ur tidigare års planeringsreserv."],
        ])
        .unsplit(&[11]),
        Case::new(
            "seed 004: status table with trailing empty cells",
            "Resultat måluppfyllelse\tUppnått eller överträffat målnivån\tMindre, acceptabel avvikelse från målnivån\tStörre negativ avvikelse från målnivån\n\
\tgrön\tgul\tröd\n\
Effektmål från regionfullmäktige\t4\t4\t\n\
Regionstyrelsens mål\t2\t\t\n\
",
            Source::Tab,
        )
        .rows(&[
            &["Resultat måluppfyllelse", "Uppnått eller överträffat målnivån", "Mindre, acceptabel avvikelse från målnivån", "Större negativ avvikelse från målnivån"],
            &["", "grön", "gul", "röd"],
            &["Effektmål från regionfullmäktige", "4", "4", ""],
            &["Regionstyrelsens mål", "2", "", ""],
        ]),
    ]
}

const EXCEL_HTML: &str = r##"<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link id=Main-File rel=Main-File
href="file:///C:/Users/ekonom/AppData/Local/Temp/msohtmlclip1/01/clip.htm">
<link rel=File-List
href="file:///C:/Users/ekonom/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<style>
<!--table
	{mso-displayed-decimal-separator:"\,";
	mso-displayed-thousand-separator:"\ ";}
@page
	{margin:.75in .7in .75in .7in;
	mso-header-margin:.3in;
	mso-footer-margin:.3in;}
tr
	{mso-height-source:auto;}
col
	{mso-width-source:auto;}
br
	{mso-data-placement:same-cell;}
td
	{padding-top:1px;
	padding-right:1px;
	padding-left:1px;
	mso-ignore:padding;
	color:black;
	font-size:11.0pt;
	font-weight:400;
	font-style:normal;
	text-decoration:none;
	font-family:Calibri, sans-serif;
	mso-font-charset:0;
	mso-number-format:General;
	text-align:general;
	vertical-align:bottom;
	border:none;
	mso-background-source:auto;
	mso-pattern:auto;
	mso-protection:locked visible;
	white-space:nowrap;
	mso-rotate:0;}
.xl65
	{mso-number-format:"\#\,\#\#0\.0";}
.xl66
	{font-weight:700;
	mso-number-format:"\#\,\#\#0\.0";}
.xl67
	{font-weight:700;}
.xl68
	{font-style:italic;}
-->
</style>
</head>

<body link="#0563C1" vlink="#954F72">

<table border=0 cellpadding=0 cellspacing=0 width=483 style='border-collapse:
 collapse;width:362pt'>
<!--StartFragment-->
 <col width=227 style='width:170pt'>
 <col width=64 span=4 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl67 width=227 style='height:15.0pt;width:170pt'>Uppdrag,
  belopp i mnkr</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. utfall</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. budget</td>
  <td class=xl67 width=64 style='width:48pt'>Ack. budget avvikelse</td>
  <td width=64 style='width:48pt'></td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>Regionkontoret</td>
  <td class=xl65 align=right x:num="-297.2">-297,2</td>
  <td class=xl65 align=right x:num>-305,0</td>
  <td class=xl65 align=right x:num="7.8000000000000114">7,8</td>
  <td></td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl68 style='height:15.0pt'>Utvecklingsmedel</td>
  <td class=xl65 align=right x:num="-1082.9">-1&nbsp;082,9</td>
  <td class=xl65 align=right x:num="-1136.6">-1 136,6</td>
  <td class=xl65 align=right x:num="53.7">53,7</td>
  <td x:str="Ny&#10;rad">Ny<br>
rad</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl67 style='height:15.0pt'>Totalt</td>
  <td class=xl66 align=right x:num="-420.3">-420,3</td>
  <td class=xl66 align=right x:num="-486">-486,0</td>
  <td class=xl66 align=right x:num="65.7">65,7</td>
  <td></td>
 </tr>
<!--EndFragment-->
</table>

</body>

</html>
"##;

const WORD_HTML: &str = r##"<html><head><style><!-- /* Style Definitions */ p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>
<body lang=SV style='tab-interval:65.2pt'>
<!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt;
  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><b><span style='mso-bidi-font-family:Calibri'>Belopp i mnkr<o:p></o:p></span></b></p>
  </td>
  <td width=302 valign=top style='width:226.55pt'>
  <p class=MsoNormal align=right style='text-align:right'><b>Budget-<br>
  avvikelse<o:p></o:p></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=302 valign=top><p class=MsoNormal>Regionstyrelsen och
  regionkansliet<o:p></o:p></p><p class=MsoNormal>(inkl. bilaga)</p></td>
  <td width=302 valign=top><p class=MsoNormal align=right style='text-align:right'>117,6<o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:2'>
  <td><p class=MsoNormal><span style='mso-hide:all'>dold </span>H&auml;lsovalsenheten</p></td>
  <td><p class=MsoNormal align=right>&#8722;2&nbsp;434,7</p></td>
 </tr>
 <tr style='mso-yfti-irow:3'>
  <td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>
  <td><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:4;mso-yfti-lastrow:yes'>
  <td><p class=MsoNormal><b>Summa<o:p></o:p></b></p></td>
  <td><p class=MsoNormal align=right><b><span style='font-weight:normal'>(</span>175,4<span style='font-weight:normal'>)</span></b></p></td>
 </tr>
</table>
<!--EndFragment-->
</body></html>"##;

const WEB_HTML: &str = r##"<!DOCTYPE html><meta charset="utf-8"><h2>Investeringar</h2>
<p>Inledande text som inte är en tabell.</p>
<table class="data">
<caption>Investeringar, <em>mnkr</em></caption>
<thead>
<tr><th rowspan=2>Projekt</th><th colspan="2">2021</th><th rowspan='2'>Avvikelse</th></tr>
<tr><th>Budget</th><th>Prognos</th></tr>
</thead>
<tbody>
<tr><td>IT-utrustning</td><td>35,9</td><td>40,0</td><td>&minus;4,1</td></tr>
<tr><td rowspan=2>Fastigheter</td><td>10,0</td><td>9,0</td><td>1,0</td></tr>
<tr><td>5,0</td><td>5,0</td><td>0,0</td></tr>
<tr style="display: none"><td>Dold</td><td>1</td><td>1</td><td>0</td></tr>
<tr><td colspan=3><strong>Summa</strong></td><td style="font-weight: bold">-3,1</td></tr>
</tbody>
</table>
<p>Text mellan tabellerna.</p>
<table><tr><td>Andra tabellen</td><td>1</td></tr></table>
"##;

const BROKEN_HTML: &str =
    "<TABLE BORDER=1><TR><TD>a<TD CLASS=x>b</td></td><tr><td>c<td>d<td>e</table>\
    <table><tr><td title=\"x>y\">1 &amp 2 &#xZZ; &#99999999999; &bogus;</td><td>&lt;b&gt;</td></tr>\
    <tr><td><b>fet<td>inte fet</b></tr></table>\
    <table><tr><td>ofullständig <!-- kommentar utan slut";

fn html_cases() -> Vec<Case> {
    vec![
        Case::new("Excel for Windows", "ignored\tplain\n", Source::Html)
            .html(EXCEL_HTML)
            .rows(&[
                &["[b]Uppdrag, belopp i mnkr", "[b]Ack. utfall", "[b]Ack. budget", "[b]Ack. budget avvikelse", ""],
                &["Regionkontoret", "-297,2", "-305,0", "7,8", ""],
                &["[i]Utvecklingsmedel", "-1\u{a0}082,9", "-1 136,6", "53,7", "Ny rad"],
                &["[b]Totalt", "[b]-420,3", "[b]-486,0", "[b]65,7", ""],
            ])
            .lines(&[1, 2, 3, 4])
            .hints(',', ' '),
        Case::new("Word", "", Source::Html).html(WORD_HTML).rows(&[
            &["[b]Belopp i mnkr", "[b]Budget- avvikelse"],
            &["Regionstyrelsen och regionkansliet (inkl. bilaga)", "117,6"],
            &["Hälsovalsenheten", "−2\u{a0}434,7"],
            &["", ""],
            &["[b]Summa", "(175,4)"],
        ]),
        Case::new("web page with th, colspan, rowspan and caption", "", Source::Html)
            .html(WEB_HTML)
            .rows(&[
                &["[h]Investeringar, mnkr"],
                &["[b]Projekt", "[b]2021", "", "[b]Avvikelse"],
                &["", "[b]Budget", "[b]Prognos", ""],
                &["IT-utrustning", "35,9", "40,0", "−4,1"],
                &["Fastigheter", "10,0", "9,0", "1,0"],
                &["", "5,0", "5,0", "0,0"],
                &["[b]Summa", "", "", "[b]-3,1"],
                &[],
                &["Andra tabellen", "1"],
            ])
            .lines(&[1, 1, 2, 3, 4, 5, 7, 8, 8])
            .notes(&[GridNote::HiddenSkipped { line: 6 }]),
        // A web copy of a caption, its unit and the table: the lines above
        // the table come from the plain flavour.
        Case::new(
            "web copy with a caption above the table",
            "5.2 Resultat\nBelopp i mnkr\nResultat\tUtfall\nIntäkter\t16 047\n",
            Source::Html,
        )
        .html("<h3>5.2 Resultat</h3><p>Belopp i mnkr</p><table><tr><th>Resultat</th><th>Utfall</th></tr><tr><td>Intäkter</td><td>16 047</td></tr></table>")
        .rows(&[
            &["5.2 Resultat"],
            &["Belopp i mnkr"],
            &[],
            &["[b]Resultat", "[b]Utfall"],
            &["Intäkter", "16 047"],
        ])
        .lines(&[1, 2, 1, 1, 2])
        .unsplit(&[0, 1]),
        Case::new("broken HTML", "", Source::Html)
            .html(BROKEN_HTML)
            .rows(&[
                &["a", "b"],
                &["c", "d", "e"],
                &[],
                &["1 &amp 2 &#xZZ; \u{fffd} &bogus;", "<b>"],
                &["[b]fet", "inte fet"],
                &[],
                &["ofullständig"],
            ])
            .notes(&[GridNote::RaggedRow { line: 1, cells: 2, expected: 3 }]),
        Case::new(
            "table parts without a table, inline style, &quot; hints",
            "",
            Source::Html,
        )
        .html(
            "<tr style='mso-displayed-decimal-separator:&quot;\\.&quot;;mso-displayed-thousand-separator:&quot;\\,&quot;'>\
             <td style='font-weight:700'>Rubrik</td><td style=\"font-style:italic\">x</td></tr><td>a</td>",
        )
        .rows(&[&["[b]Rubrik", "[i]x"], &["a"]])
        .hints('.', ',')
        .notes(&[GridNote::RaggedRow { line: 2, cells: 1, expected: 2 }]),
        Case::new("nested table", "", Source::Html)
            .html("<table><tr><td>yttre<table><tr><td>inre</td><td>1</td></tr></table>slut</td><td>2</td></tr></table>")
            .rows(&[&["inre", "1"], &[], &["yttre slut", "2"]])
            .lines(&[2, 1, 1]),
        Case::new(
            "HTML without a table falls back to the plain text",
            "Regionkontoret\t-297,2\n",
            Source::Tab,
        )
        .html("<p><b>Regionkontoret</b> -297,2</p>")
        .rows(&[&["Regionkontoret", "-297,2"]])
        .notes(&[GridNote::HtmlWithoutTable]),
        Case::new("empty HTML is no HTML", "a;b", Source::Semicolon)
            .html("  \n")
            .rows(&[&["a", "b"]]),
    ]
}

#[test]
fn reads_every_case_as_expected() {
    for case in text_cases().into_iter().chain(html_cases()) {
        let grid = read_clipboard(case.plain, case.html);
        let name = case.name;
        assert_eq!(grid.source, case.source, "{name}: source");
        let expected: Vec<Vec<String>> = case
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(render(&grid), expected, "{name}: rows");
        assert_eq!(unsplit(&grid), case.unsplit, "{name}: unsplit rows");
        assert_eq!(grid.notes, case.notes, "{name}: notes");
        assert_eq!(grid.hints, case.hints, "{name}: hints");
        if let Some(lines) = &case.lines {
            let got: Vec<usize> = grid.rows.iter().map(|r| r.line).collect();
            assert_eq!(&got, lines, "{name}: lines");
        }
        check_invariants(&grid);
    }
}

#[test]
fn html_is_preferred_and_plain_text_reads_the_same_table() {
    let plain = "Uppdrag, belopp i mnkr\tAck. utfall\tAck. budget\tAck. budget avvikelse\t\r\n\
                 Regionkontoret\t-297,2\t-305,0\t7,8\t\r\n";
    let from_text = read_text(plain);
    assert_eq!(from_text.source, Source::Tab);
    let from_html = read_clipboard(plain, Some(EXCEL_HTML));
    assert_eq!(from_html.source, Source::Html);
    let strip = |g: &Grid| -> Vec<Vec<String>> {
        g.rows
            .iter()
            .take(2)
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect()
    };
    assert_eq!(strip(&from_text), strip(&from_html));
}

#[test]
fn whole_seed_documents_read_without_surprises() {
    // Kept short: the first lines of seeds 004 (tabs, markup, headings)
    // and 003 (PDF text).
    let seed_004 = "\n\n# Verksamhetsberättelse\n\nRegionstyrelsen 2021\n\n## Innehållsförteckning\n\n\
                    <b>1</b>\t<b>Inledning</b>\t<b>3</b>\n3.1\tSammanfattning resultat av mål och uppdrag\t5\n";
    let grid = read_text(seed_004);
    assert_eq!(grid.source, Source::Tab);
    assert_eq!(
        render(&grid),
        vec![
            vec![],
            vec![],
            vec!["[h]Verksamhetsberättelse".to_string()],
            vec![],
            vec!["Regionstyrelsen 2021".to_string()],
            vec![],
            vec!["[h]Innehållsförteckning".to_string()],
            vec![],
            vec!["[b]1".into(), "[b]Inledning".into(), "[b]3".into()],
            vec![
                "3.1".into(),
                "Sammanfattning resultat av mål och uppdrag".into(),
                "5".into()
            ],
        ]
    );
    let seed_003 = "5.1.1 Prognosindikator\nIndikator Årsprognos tkr Årsbudget tkr Avvikelse tkr\nPrognos \n\
                    budgetavvikelse 78 200 tkr 0 tkr 78 200 tkr\n\n5.1.2 Analys av prognosen\n\
                    Sammantaget prognostiserar Regionkontorets verksamhet en ekonomisk avvikelse på \n\
                    +78,2 mnkr jämfört mot budget för 2020.\n\n\u{f0b7} +8,0 mnkr avser överskott på grund av vakanser och sjukskrivningar.\n";
    let grid = read_text(seed_003);
    assert_eq!(grid.source, Source::Lines);
    assert_eq!(grid.rows.len(), 10);
    assert!(grid.rows.iter().all(|r| !r.split));
    assert!(grid.notes.is_empty());
}

#[test]
fn caps_columns_rows_and_notes() {
    let wide = "x\t".repeat(MAX_COLUMNS + 10);
    let grid = read_text(&wide);
    assert_eq!(grid.rows.first().map(|r| r.cells.len()), Some(MAX_COLUMNS));
    assert_eq!(
        grid.notes,
        vec![GridNote::ColumnsCut {
            line: 1,
            limit: MAX_COLUMNS
        }]
    );

    let wide_html = format!(
        "<table><tr>{}</tr></table>",
        "<td colspan=700>a</td>".repeat(3)
    );
    let grid = read_html(&wide_html).unwrap_or_default();
    assert_eq!(grid.rows.first().map(|r| r.cells.len()), Some(MAX_COLUMNS));
    assert_eq!(
        grid.notes,
        vec![GridNote::ColumnsCut {
            line: 1,
            limit: MAX_COLUMNS
        }]
    );

    let tall = "a\tb\n".repeat(MAX_ROWS + 5);
    let grid = read_text(&tall);
    assert_eq!(grid.rows.len(), MAX_ROWS);
    assert_eq!(grid.notes, vec![GridNote::RowsCut { line: MAX_ROWS + 1 }]);

    let many_cells = "a\tb\tc\td\te\tf\tg\n".repeat(MAX_CELLS / 7 + 5);
    let grid = read_text(&many_cells);
    assert!(grid.rows.len() * 7 <= MAX_CELLS);
    assert!(matches!(grid.notes.as_slice(), [GridNote::RowsCut { .. }]));

    let ragged = "a\tb\tc\n".to_string()
        + &"a\tb\n".repeat(MAX_NOTES + 20)
        + "a\tb\tc\n".repeat(MAX_NOTES + 30).as_str();
    let grid = read_text(&ragged);
    assert_eq!(grid.notes.len(), MAX_NOTES + 1);
    assert_eq!(grid.notes.last(), Some(&GridNote::NotesCut { omitted: 20 }));
}

/// A paste of 100 000 rows × 6 columns (about 5 MB).
fn big_paste() -> String {
    let mut text = String::with_capacity(6_000_000);
    text.push_str("Uppdrag, belopp i mnkr\tUtfall 2021\tBudget 2021\tUtfall 2020\tBudget- avvikelse\tUtfalls- avvikelse\r\n");
    for i in 1..100_000 {
        text.push_str(&format!(
            "Verksamhet nummer {i}\t-1 {:03},{}\t-2 610,1\t<b>-2 312,3</b>\t175,4\t-122,4\r\n",
            i % 1000,
            i % 10
        ));
    }
    text
}

#[test]
fn reads_100_000_rows_quickly() {
    let text = big_paste();
    assert!(text.len() > 5_000_000);
    let started = std::time::Instant::now();
    let grid = read_text(&text);
    let elapsed = started.elapsed();
    assert_eq!(grid.rows.len(), 100_000);
    assert!(grid.rows.iter().all(|r| r.cells.len() == 6));
    assert!(grid.notes.is_empty());
    eprintln!(
        "100 000 rows × 6 columns ({} bytes) read in {elapsed:?}",
        text.len()
    );
    if !cfg!(debug_assertions) {
        assert!(elapsed.as_millis() < 1000, "took {elapsed:?}");
    }

    let mut html = String::from("<table>");
    for i in 0..20_000 {
        html.push_str(&format!(
            "<tr><td class=xl65>Rad {i}</td><td align=right x:num>1&nbsp;234,5</td><td>-2 610,1</td><td><b>-2 312,3</b></td><td>175,4</td><td>-122,4</td></tr>\n"
        ));
    }
    html.push_str("</table>");
    let started = std::time::Instant::now();
    let grid = read_html(&html).unwrap_or_default();
    eprintln!(
        "20 000 HTML rows ({} bytes) read in {:?}",
        html.len(),
        started.elapsed()
    );
    assert_eq!(grid.rows.len(), 20_000);
}

#[test]
fn hostile_inputs_stay_linear() {
    let inputs = [
        "\"\t".repeat(200_000),
        "\"a\"\"\t".repeat(100_000),
        "\t\"\"\"".repeat(100_000),
        "a,\"".repeat(200_000),
        "<td colspan=1000 rowspan=0>".repeat(3_000),
        "<span>".repeat(200_000),
        "<table><tr><td>".repeat(50_000),
        "<td title=\"".repeat(100_000),
        "<!--".repeat(100_000),
        "<style>".repeat(100_000),
        "&#".repeat(200_000) + &"9".repeat(100_000),
        "\n".repeat(1_000_000),
        "|".repeat(1_000_000),
        "<b>".repeat(200_000),
    ];
    for input in &inputs {
        let started = std::time::Instant::now();
        let text = read_clipboard(input, None);
        let html = read_clipboard(input, Some(input));
        check_invariants(&text);
        check_invariants(&html);
        let elapsed = started.elapsed();
        assert!(
            elapsed.as_secs() < 20,
            "{:?}… took {elapsed:?}",
            input.get(..20)
        );
    }
}

const HTML_PARTS: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    "<td colspan=3>",
    "<td rowspan=2>",
    "<td rowspan=0 colspan=99999>",
    "<TD CLASS=x>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<strong>",
    "<span style='font-weight:700'>",
    "</span>",
    "<br>",
    "<br/>",
    "<p>",
    "</p>",
    "&nbsp;",
    "&amp;",
    "&#8722;",
    "&#x;",
    "&",
    "<!--",
    "-->",
    "<style>",
    "</style>",
    ".x{font-weight:bold}",
    "{",
    "}",
    "<caption>",
    "</caption>",
    "a",
    "1 234,5",
    " ",
    "\n",
    "\"",
    "'",
    "<",
    ">",
    "=",
    "<td title=\"",
    "<script>",
    "</script>",
    "<!",
    "<?",
    "mso-displayed-decimal-separator:\"\\,\";",
    "<tr style=\"display:none\">",
    "<td style=mso-hide:all>",
    "é",
    "\u{a0}",
    "\t",
    "*",
    "#",
    "|",
    "\\",
];

/// Words of cell texts, tricky ones included; none holds a tab, quote,
/// line end or markup.
const WORDS: &[&str] = &[
    "Regionkontoret",
    "Årsbudget",
    "Års-",
    "prognos",
    "(tkr)",
    "mnkr",
    "-297,2",
    "+28,7",
    "1\u{a0}234,5",
    "-2\u{202f}610,1",
    "0,0",
    "2021",
    "1.5",
    "x,y",
    "a;b",
    "%",
    "±0",
    "−4,1",
    "–",
    "FVIS",
    "Re/Ny",
    "26,5%",
    "→",
    "Säkerhet,",
    "övrigt",
    "1",
    "-",
    "+",
    "ö",
];

fn cell_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..4).prop_map(|words| words.join(" "))
}

/// Characters that steer the text reader.
const TEXT_CHARS: &[char] = &[
    '\t', '\n', '\r', '"', ';', ',', '|', ' ', 'a', 'b', '0', '1', '9', '<', '>', '/', '&', '#',
    '*', '\\', '=', '!', '.', '-', '\u{a0}', 'ö', 'b', 'i', 'p', 'r',
];
fn grid_cells() -> impl Strategy<Value = Vec<Vec<String>>> {
    (2usize..7, 1usize..8).prop_flat_map(|(columns, rows)| {
        prop::collection::vec(prop::collection::vec(cell_text(), columns), rows)
    })
}

/// Characters that decide between the quick and the full way of a cell.
const CELL_CHARS: &[char] = &[
    '1', '8', '0', ',', '-', ' ', ' ', '\u{a0}', '\u{a0}', '\u{202f}', '\t', 'a', 'Å', '*', '<',
    'b', '>', '&', ';', '\\', '%', '\u{200b}', '\u{2212}',
];

/// The shapes the quick way is for: plain text, and figures grouped with
/// single no-break spaces between digits (as Excel copies them); anything
/// the full way would change goes the full way.
#[test]
fn cells_that_need_no_decoding_take_the_quick_way() {
    for (raw, quick) in [
        ("Enhet 12", Some("Enhet 12")),
        ("  -1\u{a0}864,1 ", Some("-1\u{a0}864,1")),
        ("26\u{202f}350 tkr", Some("26\u{202f}350 tkr")),
        ("1\u{a0}\u{a0}864", None),
        ("1\u{a0}kr", None),
        ("a\u{a0}1", None),
        ("1  864", None),
        ("<b>1</b>", None),
    ] {
        let got = text::plain_cell(raw).map(|c| c.text.into_owned());
        assert_eq!(got.as_deref(), quick, "{raw:?}");
    }
}

proptest! {
    #[test]
    fn a_cell_read_quickly_is_read_as_the_full_way_reads_it(
        chars in prop::collection::vec(prop::sample::select(CELL_CHARS), 0..12)
    ) {
        let raw: String = chars.into_iter().collect();
        if let Some(quick) = text::plain_cell(&raw) {
            let full = text::decoded_cell(&raw);
            prop_assert_eq!(&quick.text, &full.text, "{:?}", raw);
            prop_assert_eq!((quick.bold, quick.italic), (full.bold, full.italic), "{:?}", raw);
        }
    }

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        check_invariants(&read_clipboard(&s, None));
        check_invariants(&read_clipboard(&s, Some(&s)));
        check_invariants(&read_clipboard("", Some(&s)));
    }

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let s = String::from_utf8_lossy(&bytes);
        check_invariants(&read_clipboard(&s, None));
        check_invariants(&read_clipboard(&s, Some(&s)));
    }

    #[test]
    fn never_panics_on_table_like_text(chars in prop::collection::vec(prop::sample::select(TEXT_CHARS), 0..300)) {
        let s: String = chars.into_iter().collect();
        check_invariants(&read_clipboard(&s, None));
        check_invariants(&read_clipboard(&s, Some(&s)));
    }

    #[test]
    fn never_panics_on_html_soup(parts in prop::collection::vec(prop::sample::select(HTML_PARTS), 0..80)) {
        let html = parts.concat();
        check_invariants(&read_clipboard(&html, Some(&html)));
        if let Some(grid) = read_html(&html) {
            check_invariants(&grid);
            prop_assert_eq!(grid.source, Source::Html);
        }
    }

    #[test]
    fn tsv_round_trips(cells in grid_cells(), crlf in any::<bool>(), final_newline in any::<bool>()) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut tsv = cells.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join(newline);
        if final_newline {
            tsv.push_str(newline);
        }
        let grid = read_text(&tsv);
        prop_assert_eq!(grid.source, Source::Tab);
        let back: Vec<Vec<String>> = grid
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.to_string()).collect())
            .collect();
        prop_assert_eq!(back, cells);
        prop_assert!(grid.notes.is_empty());
        prop_assert!(grid.rows.iter().all(|r| r.split && r.cells.iter().all(|c| !c.bold && !c.italic)));
    }
}
