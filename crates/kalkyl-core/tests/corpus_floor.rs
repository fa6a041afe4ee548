//! The reader's score on the corpus of real tables (`tests/corpus/`) may
//! only go up: these floors are the figures reached so far (issue 12), and
//! the seed fixtures stay exact. Raise a floor when the reader improves.

mod support;

use support::fixture::{load_all, load_corpus};
use support::score::report;

#[test]
fn the_corpus_score_does_not_fall_below_what_was_reached() {
    let corpus = load_corpus();
    assert!(
        corpus.len() >= 253,
        "the corpus holds {} tables",
        corpus.len()
    );
    let (text, all) = report(&corpus, true);
    // Numbers under the right role and unit, all 253 tables: 95.5 % reached
    // (9 584 of 10 034), with held-out round 40 (Systembolaget's, LKAB's,
    // Specialfastigheter's, Svevia's and PostNord's key figures and
    // statements, two in English editions, 6 tables), which joined at
    // 94.9 % after its rules, 16.9 % before them (50 of 295): its misses
    // are PostNord's ratios and earnings per share read as stated shares
    // (12) and three of PostNord 2011's. The 247 tables before it: 95.5 %
    // (9 304 of 9 739), with held-out round 47 (Höörs Fastighets AB's
    // income statements 2016 and 2017, a government press release's table
    // from a public GitHub repository, 3 tables), which joined at 98.6 %
    // after its rule (a period written as its first and last day, wrapped
    // one date per line, is one heading), 55.1 % before it (38 of 69); its
    // one miss is a tax figure glued to the next ("1 884 545", so the
    // real misprint of that sum is not flagged). The 244 tables before it:
    // 95.5 % (9 236 of 9 670), with held-out rounds 39 (Arbetsförmedlingen's,
    // Skolverket's and Tillväxtverket's tables from public GitHub
    // repositories, 4 tables, 100 % before any rule), 41 (four kommuner's
    // tax rates, 4, 100 %), 42 (Sveaskog, Kraftringen, Göteborgs Stads
    // Bostadsaktiebolag, 5, 89.8 % before their rules, 100 % after) and 44
    // (Håbo, Ale and Valdemarsvik, 5 of its 6 tables, 73.2 % before its
    // rules; with the rule for a label, its colon and its figures followed
    // by prose, Valdemarsvik's rows read right, but its two columns that
    // the paste does not name are read as outcome and budget, annotated
    // other: 0 of 10; the other four 100 %). The 226
    // tables before them: 95.3 %
    // (8 612 of 9 040), with held-out rounds 33 (Kävlinge kommun's budget
    // deviations, 2 tables) and 34 (Stockholms Hamn's key figures, Mölndal,
    // Örnsköldsvik and Trollhättan's allocations in lists and sentences,
    // 6 tables), which joined at 75.9 % and 90.5 % after their rules, 0.0 %
    // and 6.5 % before them (0 of 29, 11 of 169). The 218 tables before
    // them: 95.4 % (8 437 of 8 842; 8 433 at the session's start),
    // with held-out round 32's 3 tables (Orust kommun's
    // frame increases glued with no separator, Värnamo's investment
    // projects from a news article), which joined at 71.4 % after its rule
    // (a decimal figure glued to its label and closed by the line is cut
    // off), 38.1 % before it (8 of 21), read with every rule of rounds 26
    // to 31; its misses are figures followed by a two-word unit ("29,328
    // miljoner kronor": the lines read as headings, 6). The 215 tables
    // before them: 95.4 % (8 418 of 8 821), with held-out round 31's 2 tables (Vara kommun's
    // budget frames per nämnd, an unnamed kommun's investment budget),
    // which joined at 88.5 % after its rule (a colon before the figures is
    // the sentence's; the scorer compares labels without a colon or comma
    // at their end), 69.2 % before it (18 of 26), read with the reader of
    // every rule of rounds 26 to 30. The 213 tables before them: 95.4 %
    // (8 395 of 8 795), with held-out round 30's 7 tables (Sala, Hörby,
    // Heby, Kungälv and Stenungsund kommun's pages on where the tax goes
    // and their tax rates), which joined at 83.8 % after its rules (rows
    // led by years one apart are labelled by them, a comma before the
    // figures is the sentence's), 36.2 % before them (29 of 80); its misses
    // are Sala's caption sentences taken for headings (13). The 206 tables
    // before them: 95.5 % (8 328 of 8 715; 8 326 before a footnote's star
    // on a figure), with held-out round 28's 6 tables (Härnösand,
    // Karlskoga, Tibro and Nordmaling kommun's pages on where the tax goes,
    // Sundbybergs stadshus AB's key figures), which joined at 48.6 % after
    // its rule (a list item's bullet is no cell), 34.3 % before it (24 of
    // 70); its misses are single columns the page's prose, not the paste,
    // makes a budget or an outcome (24), a share per 100 kr read as kronor
    // (8), a result before tax in a turned series (3) and a first row
    // ending in a word taken for the heading line (1).
    // The 200 tables before them: 95.9 % reached
    // (8 292 of 8 645; 8 240 before one figure per row with no heading was
    // read as other numbers, not the outcome), with held-out round 27's 5 tables (Umeå's five
    // years in summary, Växjö's and Olofström's pages on what the money is
    // spent on, Moderna museet's key figures), which joined at 85.1 % after
    // its rules (a figure closed by its unit is never after a note, a
    // share in brackets is a figure, labels after their figures, a state
    // agency's "kapitalförändring" is no deviation), 57.5 % before them
    // (158 of 275); its misses are a column of kronor per taxpayer read as
    // the outcome (17), Moderna museet's footnote star and appropriation
    // code among the figures (17) and Umeå's result row and its tax rate
    // per 100 kr (7). The 195 tables before them: 95.6 %
    // (8 006 of 8 370), with held-out round 26's 4 tables (AB
    // Gavlegårdarna's five-year overview and key figures, Statens
    // kulturråd's regleringsbrev), which joined at 93.4 % after its rule (an
    // area's unit "m2" keeps its exponent), 78.7 % before it (144 of 183);
    // its misses are financial conditions glued into one word (12). The 191
    // tables before them: 95.7 % (7 835 of 8 187; 7 830 before years still
    // to come when pasted were read as a plan), with held-out round 25's 4 tables (Mönsterås and
    // Åmål kommun's budget pages, Talboks- och punktskriftsbiblioteket's
    // regleringsbrev), which joined at 88.9 % after its rule (plan years
    // are no outcome series), 77.8 % before it (35 of 45).
    // The 187 tables before them: 95.7 % reached
    // (7 790 of 8 142), with held-out round 23's 10 tables (regleringsbrev
    // of four state agencies and three government press releases), which
    // joined at 95.9 % after their rules, 78.2 % before them (115 of 147),
    // and round 17's 8 (regleringsbrev as ESV's register flattens them),
    // 73.5 % after its rules, 14.7 % before them (5 of 34): its misses are
    // financial conditions glued into one word ("90:1 ap.10Inget0"),
    // where only the items' numbering tells the cut.
    // The 169 tables before them: 95.8 % reached
    // (7 624 of 7 961; 7 608 before a line of unit words among PDF text's
    // rows named the unit), with held-out round 19's three tables that pass the
    // well-formedness test (Marks kommun's Driftredovisning and
    // Överförmyndarnämnden, Kalmarsunds gymnasieförbund's forecast), which
    // joined at 100 % after its rules, 70.9 % before them (78 of 110).
    // The 166 tables before them: 95.5 % (7 498 of 7 851; 7 471 before plain "Bokslut" beside a part year's
    // accounts was read as last year's and "Föreg. prognos" as the earlier
    // forecast), with held-out round 18's 8 tables (four municipal
    // and regional companies' multi-year statements), which joined at 96.7 %
    // after its rule, 95.9 % before it; its one miss is a unit given only
    // by a row of currency words in space-separated text (16 numbers).
    // The 158 tables before it: 95.1 % (7 001 of 7 365; 6 991 before a
    // share printed without "%" and a "Jämförelse" column were read; 6 835
    // when they joined, then the one-line box of key
    // figures and the year's budget beside a forecast, then a one-line
    // table's figures cut after their decimals: Nacka's 148 of 160), with held-out rounds 12, 13 and 14 and three tables
    // of round 16 (18 tables; see `heldout/README.md`), which joined after
    // their rules: round 12 at 99.1 % (0.0 % before), round 13 at 86.0 %
    // (0.0 % before: two Nacka tables flattened onto one line with figures
    // glued at their decimal commas, and a one-line follow-up), round 14 at 64.3 % (28.6 %
    // before), round 16's three at 95.5 %. The 140 tables before them are
    // unchanged at 95.2 %. All 140 tables: 95.1 % reached
    // (6 476 of 6 804, with held-out round 11's 2 tables, which joined at
    // 97.7 % after its rules, 40.3 % before them: 216 of 221; the misses
    // are a five-year overview's "Årets resultat", read as the series'
    // outcome where annotated other). The 138 tables before it stay at
    // 95.0 % (6 260 of 6 583, with held-out round 10's 10 tables, which joined at
    // 90.7 % after its rules, 12.4 % before them: 350 of 386; the misses
    // are roles of key-figure tables on their side, see
    // `heldout/README.md`). The 128 tables before it stay at 95.4 % (5 910
    // of 6 197), with held-out round 8's 6 tables, which joined at 76.5 %
    // after its rules, 47.0 % before them: 114 of 149, every number but the
    // 35 of the state budget's headless column, whose meaning the paste
    // does not give. The 122 tables before it stay at 95.8 % (5 796 of
    // 6 048), with held-out round 7's 8 tables, which joined at 83.7 %
    // after its rules, 43.3 % before them; the 114 tables before that are
    // at 96.5 %. The 93 tables of round 3 were at 89.5 %; the 13 held-out
    // tables of round 3 were added at 40.8 %, before any rule (46.6 % once
    // one annotation was corrected).
    assert!(all.numbers_right * 1000 >= all.numbers * 952, "{text}");
    assert!(all.units_right >= 251, "{text}");
    assert!(all.conventions_right >= 43, "{text}");
    assert!(all.flagged >= 38, "{text}");
    // An alarm on a consistent table is the worst failure: none left.
    assert_eq!(all.alarms, 0, "{text}");
}

#[test]
fn the_seed_tables_score_full_marks() {
    let (text, all) = report(&load_all(), false);
    assert_eq!(all.numbers_right, all.numbers, "{text}");
    assert_eq!(all.units_right, all.tables, "{text}");
    assert_eq!(all.conventions_right, all.conventions, "{text}");
    assert_eq!(all.flagged, all.inconsistencies, "{text}");
    assert_eq!(all.alarms, 0, "{text}");
}
