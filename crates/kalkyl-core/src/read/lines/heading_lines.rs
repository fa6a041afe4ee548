//! Which lines above a PDF table's first data line are its heading, its
//! title, footnotes or body: lines of years, dated captions and footnotes.

use super::heading_words::{corner_headings, is_units_line, segment_heading};
use super::words::{is_data_line, pdf_words, shape, Shape};
use super::Line;
use crate::latin;
use crate::model::Role;
use crate::read::headings::{
    compact, is_note_heading, is_part_of_year, is_superscript, month_of_word, months_of,
    names_kinds_of_units, role_of, unit_of, year_of,
};

/// A word that is a year or a date and nothing else: "2021", "2012/2013",
/// "2021-12-31", "12/31/2021".
pub(super) fn is_year_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
        && year_of(word).is_some()
}

/// A heading line that names years: every number on it is a year
/// ("2013 2014 2013 2014", "NOT 2019 2018", "Budget 2023"), and it ends in
/// one. A data row with amounts between 1900 and 2100 in every column would
/// read so too; it is taken as a heading only above the first data line.
pub(super) fn is_year_line(text: &str) -> bool {
    let ws = pdf_words(text);
    ws.last().is_some_and(|w| is_year_word(w))
        && ws
            .iter()
            .all(|w| is_year_word(w) || !matches!(shape(w), Shape::Number { .. }))
}

/// A heading cell naming one period and nothing else: "jan– mar 2013",
/// "helår 2012", "Q3 2020", "2021-12-31"; not "Resultat 2021".
pub(super) fn is_one_period(text: &str) -> bool {
    crate::read::is_year_heading(text.trim())
}

/// A caption dated by "år" ("Resultaträkning för kommunsektorn år 2016"):
/// it names the table's year in prose, three words or more ending in "år"
/// (or "året") and a year. No column heading reads so, and it is no row.
pub(super) fn is_dated_caption(text: &str) -> bool {
    let ws = pdf_words(text);
    ws.len() >= 3
        && ws.last().is_some_and(|w| is_year_word(w))
        && ws
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|w| matches!(latin::lowercase(w).as_str(), "år" | "året"))
}

pub(super) fn has_year_word(text: &str) -> bool {
    text.split_whitespace().any(is_year_word)
}

/// "Kommunen 2012" as "Kommunen" and "2012"; "Q1 2024" stays whole.
pub(super) fn split_label_year(heading: &str) -> Option<[String; 2]> {
    let (words, year) = heading.trim().rsplit_once(' ')?;
    (is_year_word(year) && !words.trim().is_empty() && !is_part_of_year(words))
        .then(|| [words.trim().to_string(), year.to_string()])
}

/// A heading line cut after a year: it starts with a year and goes on with
/// a heading word ("2020 Budget", "2023 Plan 2024"); every number on it is a
/// year.
fn year_then_words(text: &str) -> bool {
    let ws: Vec<&str> = text.split_whitespace().collect();
    ws.first().is_some_and(|w| is_year_word(w))
        && ws.iter().any(|w| !is_year_word(w))
        && ws
            .iter()
            .all(|w| is_year_word(w) || !w.contains(|c: char| c.is_ascii_digit()))
}

/// A period word under a heading's year: a month span ("jan-aug",
/// "jan–aug"), "helår", or a month alone, as a text layer that lost the
/// span's dash leaves it ("jan aug").
pub(super) fn is_period_word(word: &str) -> bool {
    let w = latin::lowercase(word);
    w == "helår"
        || w.split(['-', '–'])
            .map(|m| m.chars().filter(|c| latin::is_letter(*c)).count())
            .collect::<Vec<_>>()
            .as_slice()
            == [3, 3]
            && w.chars()
                .all(|c| latin::is_letter(c) || matches!(c, '-' | '–'))
        || w.chars().count() == 3 && month_of_word(&w).is_some()
}

/// A line of period words under a heading's years (see [`is_period_word`]),
/// nothing else.
fn is_period_line(text: &str) -> bool {
    let ws: Vec<&str> = text.split_whitespace().collect();
    !ws.is_empty() && ws.iter().all(|w| is_period_word(w))
}

/// Whether no item is repeated ("2015 2014 2013", not "2022 2021 2022").
fn all_distinct<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .all(|(k, item)| !items.get(..k).is_some_and(|before| before.contains(item)))
}

/// A line of years and nothing else but a note heading ("NOT 2019 2018").
fn only_years(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| is_year_word(w) || is_note_heading(w))
}

/// Cuts the lines above the first data line into the heading, the title
/// lines above it, and lines that belong to the body. Blank lines cut them
/// into blocks (a heading wrapped in its cells may have blank lines inside
/// it, as Word copies do). With a line of years, the heading ends there:
/// the last block holding one is the heading; lines below the years are
/// body lines, blocks above it titles. Without, blocks before the first with two or more headings are
/// titles, and a last block of one capitalised line is a section heading
/// of the body ("STADSDELSNÄMNDER" between the heading and the rows).
pub(super) fn split_header(lines: &[Line], first_data: usize) -> (Vec<Line>, Vec<Line>, Vec<Line>) {
    let header = lines.get(..first_data).unwrap_or(&[]);
    let mut blocks: Vec<&[Line]> = Vec::new();
    let mut start = 0;
    for (i, l) in header.iter().enumerate() {
        if l.blank_after || i + 1 == header.len() {
            blocks.push(header.get(start..=i).unwrap_or(&[]));
            start = i + 1;
        }
    }
    let segments = |b: &[Line]| {
        let texts: Vec<&str> = b.iter().map(|l| l.text.as_str()).collect();
        segment_heading(&texts.join(" ")).len()
    };
    // A block that starts by naming the kind of unit its rows are, with a
    // heading beside it ("Kommun/Region Kronor per elev"), is a heading,
    // and a dated line above it is the caption ("Kommunala kostnader för
    // infrastruktur 2022"). Alone ("NÄMNDER") it is a section heading of
    // the body.
    let names_units = |b: &[Line]| {
        b.first().is_some_and(|l| {
            let headings = segment_heading(&l.text);
            headings.len() >= 2 && headings.first().is_some_and(|h| names_kinds_of_units(h))
        })
    };
    // A line of years ends the heading, unless a block of headings with
    // years follows ("Jämfört med budget 2013" above "Tkr Utfall 2013
    // Budget 2013 Avvikelse").
    let with_years = blocks
        .iter()
        .enumerate()
        .rposition(|(i, b)| {
            b.iter()
                .any(|l| is_year_line(&l.text) && !is_dated_caption(&l.text))
                && !blocks.get(i + 1).is_some_and(|next| names_units(next))
        })
        .filter(|i| {
            blocks
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .all(|b| segments(b) < 2 || !b.iter().any(|l| has_year_word(&l.text)))
        });
    let mut last = match with_years {
        // A block of periods under the years ("jan-aug jan-aug") heads too.
        Some(i)
            if blocks
                .get(i + 1)
                .is_some_and(|b| b.len() == 1 && b.iter().all(|l| is_period_line(&l.text))) =>
        {
            i + 1
        }
        Some(i) => i,
        None => blocks.len().saturating_sub(1),
    };
    // A block of years alone heads the columns named in the block above it.
    let first = match with_years {
        // ...unless that block is one line naming one thing over a series
        // of three years or more ("Ekonomisk femårsöversikt" / "2020 2019
        // 2018 2017 2016"): one heading over every year tells the columns
        // nothing apart; it is the table's caption. So is a line naming no
        // figure whose words fall into one piece per period, three or more
        // distinct periods ("Flerårsöversikt Kommuninvest i Sverige AB" /
        // "2014-06-30 2013-06-30 2013-12-31 2012-12-31"): groups of one
        // period each, never repeated, are no groups.
        Some(i)
            if blocks
                .get(i)
                .is_some_and(|b| b.iter().all(|l| only_years(&l.text)))
                && !blocks.get(i.wrapping_sub(1)).is_some_and(|above| {
                    let periods: Vec<String> = blocks
                        .get(i)
                        .map(|b| b.iter().flat_map(|l| pdf_words(&l.text)).collect())
                        .unwrap_or_default();
                    let distinct = all_distinct(&periods);
                    above.len() == 1
                        && !above.iter().any(|l| has_year_word(&l.text))
                        && periods.len() >= 3
                        && (segments(above) == 1
                            || (segments(above) == periods.len()
                                && distinct
                                && !above.iter().any(|l| {
                                    segment_heading(&l.text)
                                        .iter()
                                        .any(|h| role_of(h).is_some_and(Role::is_numeric))
                                })))
                }) =>
        {
            i.saturating_sub(1)
        }
        // A line of column names over the line of their years ("Resultat
        // Utfall Budget Avvikelse ... Bokslut" over "Mkr 2019 2019 2018
        // ... procent 2018"): the names head the columns, whatever stands
        // beside the years. A line that names no figure is a caption
        // ("Flerårsöversikt Kommuninvest i Sverige AB" over four dates).
        Some(i)
            if i > 0
                && blocks.get(i - 1).is_some_and(|above| {
                    above.len() == 1
                        && segments(above) >= 3
                        && above.iter().any(|l| {
                            segment_heading(&l.text)
                                .iter()
                                .any(|h| role_of(h).is_some_and(Role::is_numeric))
                        })
                        && !above
                            .iter()
                            .any(|l| l.text.contains(|c: char| c.is_ascii_digit()))
                        && !above.iter().any(|l| is_footnote_line(&l.text))
                }) =>
        {
            i - 1
        }
        Some(i) => i,
        None => blocks
            .iter()
            .take(last + 1)
            .position(|b| segments(b) >= 2)
            .unwrap_or(0),
    };
    // So is the last such block below the first heading block; the blocks
    // above it are the caption ("Kommunala kostnader för grundskolan 2017.
    // Kronor per elev.").
    let first = (first..=last)
        .rev()
        .find(|&i| blocks.get(i).is_some_and(|b| names_units(b)))
        .unwrap_or(first);
    // A heading wrapped so that each line starts with the year of the
    // heading above it and ends with the next heading's word ("Bokslut" /
    // "2020 Budget" / "2021 Budget" / "2022 Plan" / "2023 Plan 2024", blank
    // lines between): the blocks above belong to the heading, not to the
    // title, back to the first that does not start so.
    let mut first = first;
    // A section line above the heading, set apart by blank lines
    // ("Utgiftsområde 17 Kultur, medier, trossamfund och fritid" over
    // "Anslag/ap Anslagskredit Anslagsbehållning ..."), names no column of
    // figures where a line below it does: it is caption, not heading.
    if with_years.is_none() {
        let names = |b: &[Line]| b.iter().any(|l| names_a_value_column(&l.text));
        while first < last
            && blocks.get(first).is_some_and(|b| b.len() == 1 && !names(b))
            && blocks
                .get(first + 1..=last)
                .is_some_and(|below| below.iter().any(|b| names(b)))
        {
            first += 1;
        }
    }
    // A block of sentences ("Så här fördelas 100 kronor i kommunalskatt på
    // olika verksamheter. Fördelningen utgår från kommunens budget.") is
    // the caption's prose, however many pieces its words fall into: no
    // heading line is written as sentences.
    // Alone above the rows, it heads nothing: the table has no heading.
    while first <= last
        && blocks
            .get(first)
            .is_some_and(|b| b.iter().all(|l| is_prose_line(&l.text)))
    {
        first += 1;
    }
    while first > 0
        && blocks
            .get(first)
            .is_some_and(|b| b.len() == 1 && b.iter().all(|l| year_then_words(&l.text)))
        && blocks.get(first - 1).is_some_and(|b| {
            b.len() == 1
                && b.iter().all(|l| {
                    let ws: Vec<&str> = l.text.split_whitespace().collect();
                    (1..=3).contains(&ws.len())
                        && ws
                            .iter()
                            .all(|w| is_year_word(w) || !w.contains(|c: char| c.is_ascii_digit()))
                        && !is_footnote_line(&l.text)
                })
        })
    {
        first -= 1;
    }
    // Heading cells one per block, each naming one period ("jan– mar 2013"
    // / "jan– mar 2012" / "helår 2012": a web page's cells one per
    // paragraph): the period blocks right above the last head their columns
    // too.
    let one_period = |i: usize| {
        blocks
            .get(i)
            .is_some_and(|b| b.len() == 1 && b.iter().all(|l| is_one_period(&l.text)))
    };
    if with_years == Some(first) && first == last && one_period(first) {
        while first > 0 && one_period(first - 1) {
            first -= 1;
        }
    }
    if with_years.is_none() {
        while last > first
            && blocks.get(last).is_some_and(|b| {
                b.len() == 1
                    && (segments(b) == 1 || b.iter().all(|l| is_numbered_section(&l.text)))
                    && b.iter().all(|l| {
                        l.text
                            .chars()
                            .find(|c| latin::is_letter(*c))
                            .is_some_and(|c| !latin::is_lower(c))
                    })
            })
        {
            last -= 1;
        }
    }
    let mut titles: Vec<Line> = blocks
        .get(..first)
        .unwrap_or(&[])
        .iter()
        .flat_map(|b| b.iter().cloned())
        .collect();
    let mut heading: Vec<Line> = blocks
        .get(first..=last)
        .unwrap_or(&[])
        .iter()
        .flat_map(|b| b.iter().cloned())
        .collect();
    // The same caption in the heading's block, on the line right above the
    // years ("Flerårsöversikt" / "Belopp i tkr 2019 2018 2017 2016 2015"):
    // one heading over every year tells the columns nothing apart.
    // So is a line naming no figure over distinct years that have their
    // corner ("Nyckeltal - fem år i sammandrag - Affärsverken Karlskrona
    // AB" / "(KSEK) 2015 2014 2013 2012 2011"): the years' line heads every
    // column, the labels' too. Years that repeat sit under group headings
    // ("Kommunen Koncernen" / "Mnkr Not 2022 2021 2022 2021").
    let years_with_corner = |l: &Line| {
        let words = pdf_words(&l.text);
        let years: Vec<&String> = words.iter().filter(|w| is_year_word(w)).collect();
        words.first().is_some_and(|w| !is_year_word(w)) && years.len() >= 3 && all_distinct(&years)
    };
    let caption_line = heading.len() >= 2
        && heading.first().is_some_and(|l| {
            !l.text.contains(|c: char| c.is_ascii_digit())
                && (segment_heading(&l.text).len() == 1
                    || heading.get(1).is_some_and(years_with_corner)
                        && !names_a_value_column(&l.text))
        })
        && heading.get(1).is_some_and(|l| {
            is_year_line(&l.text)
                && pdf_words(&l.text)
                    .iter()
                    .filter(|w| is_year_word(w))
                    .count()
                    >= 3
        });
    if caption_line {
        titles.extend(heading.drain(..1));
    }
    // Footnotes between the caption and the heading are no heading: the
    // heading is what follows the last of them; they and the caption above
    // them are titles.
    if let Some(end) = heading.iter().rposition(|l| is_footnote_line(&l.text)) {
        if heading.get(end + 1..).is_some_and(|rest| !rest.is_empty()) {
            titles.extend(heading.drain(..=end));
        }
    }
    let mut body: Vec<Line> = Vec::new();
    if with_years.is_some() {
        // A dated caption over a whole heading line of its own, with no
        // blank line between ("Resultaträkning juli 2009" / "Belopp i
        // mnkr" / "Mkr Utfall 2008-07 Utfall 2009-07 ... Avvikelse"): the
        // heading is that line, the lines above it the caption.
        let end = heading.iter().rposition(|l| is_year_line(&l.text));
        let whole = end.and_then(|end| {
            heading
                .get(end + 1..)?
                .iter()
                .position(|l| {
                    let segments = segment_heading(&l.text);
                    segments.len() >= 3
                        && segments.iter().filter(|h| year_of(h).is_some()).count() >= 2
                        && figure_roles(&l.text) >= 2
                        && !is_year_line(&l.text)
                })
                .map(|k| end + 1 + k)
        });
        if let Some(at) = whole {
            titles.extend(heading.drain(..at));
            // Below it, a corner or a line of units or periods still heads;
            // what follows is the body ("Utgiftsområde 4 Rättsväsendet").
            let corner = heading.get(1).is_some_and(heads_under);
            body.extend(heading.drain((1 + usize::from(corner)).min(heading.len())..));
        }
        if let Some(end) = heading.iter().rposition(|l| is_year_line(&l.text)) {
            // A line naming the label and note columns right under the
            // years ("tkr Not") still heads the table.
            // So does a line of units under group headings ("tkr kr/kvm
            // tkr kr/kvm %/kvm").
            // So does a line of periods under the years ("jan-aug jan-aug").
            let corner = heading.get(end + 1).is_some_and(heads_under);
            body.extend(heading.drain(end + 1 + usize::from(corner)..));
        }
    }
    for b in blocks.get(last + 1..).unwrap_or(&[]) {
        body.extend(b.iter().cloned());
    }
    body.extend(lines.get(first_data..).unwrap_or(&[]).iter().cloned());
    (heading, titles, body)
}

/// Whether a heading line names a column of figures (see
/// [`names_figures`]).
pub(super) fn names_a_value_column(text: &str) -> bool {
    segment_heading(text).iter().any(|h| names_figures(h))
}

/// Whether a column heading names figures: a role word for figures, a
/// year, a unit or a month.
pub(super) fn names_figures(heading: &str) -> bool {
    role_of(heading).is_some_and(Role::is_numeric)
        || year_of(heading).is_some()
        || unit_of(heading).is_some()
        || months_of(heading).is_some()
}

/// A line that still heads the columns under the heading's last line: the
/// corner naming the label and note columns ("tkr Not"), a line of units
/// ("tkr kr/kvm tkr") or of periods ("jan-aug jan-aug").
fn heads_under(l: &Line) -> bool {
    corner_headings(&l.text).is_some() || is_units_line(&l.text) || is_period_line(&l.text)
}

/// How many of a heading line's headings name a role of figures ("Utfall
/// 2019", "Budget", "Avvikelse").
pub(super) fn figure_roles(text: &str) -> usize {
    segment_heading(text)
        .iter()
        .filter(|h| role_of(h).is_some_and(Role::is_numeric))
        .count()
}

/// A numbered section heading: a capitalised word, its number (one to
/// three digits, no year) and a name ("Utgiftsområde 4 Rättsväsendet",
/// "Område 2 Vård och omsorg"), and no other number.
fn is_numbered_section(text: &str) -> bool {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let numbers = ws
        .iter()
        .filter(|w| w.contains(|c: char| c.is_ascii_digit()))
        .count();
    matches!(ws.as_slice(), [first, number, _, ..]
        if first.chars().next().is_some_and(crate::latin::is_upper)
            && (1..=3).contains(&number.len())
            && number.chars().all(|c| c.is_ascii_digit()))
        && numbers == 1
}

/// A line written as prose: six words or more ending a sentence ('.',
/// ':' or '!'), most of them lowercase, and no value at its end. A heading
/// names its columns in a few capitalised words and ends in no full stop.
pub(super) fn is_prose_line(text: &str) -> bool {
    let text = text.trim();
    let ws: Vec<&str> = text.split_whitespace().collect();
    let lower = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(latin::is_lower))
        .count();
    ws.len() >= 6 && text.ends_with(['.', ':', '!']) && lower * 2 >= ws.len() && !is_data_line(text)
}

/// A footnote or source note printed between a table's caption and its
/// heading ("1 Nettolånebehovet motsvarar budgetsaldot med omvänt
/// tecken.", "² Exklusive jämförelsestörande poster", "Källa: SCB"): a
/// footnote mark (one or two digits, a superscript digit, "*") or a
/// "Källa:"/"Anm.:" word, then prose, three words or more, most of them
/// lowercase, and no value at the end. Such a line is never a heading,
/// whatever its position, nor a row.
pub(in crate::read) fn is_footnote_line(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    let Some(first) = ws.next() else {
        return false;
    };
    let rest: Vec<&str> = ws.collect();
    let mark = first
        .chars()
        .all(|c| c.is_ascii_digit() || is_superscript(c) || matches!(c, '*' | ')'))
        && first.chars().filter(|c| c.is_ascii_digit()).count() <= 2;
    // A mark glued to the first word ("¹Nettolånebehovet").
    let glued_mark = first.starts_with(is_superscript) && first.chars().any(latin::is_letter);
    let source = matches!(
        compact(first).as_str(),
        "källa" | "källor" | "anm" | "anmärkning" | "not"
    ) && first.ends_with(':');
    if !(mark || glued_mark || source) || is_data_line(text) {
        return false;
    }
    let prose: Vec<&str> = if glued_mark {
        let mut all = vec![first];
        all.extend(rest.iter().copied());
        all
    } else {
        rest
    };
    let starts_word = prose
        .first()
        .and_then(|w| w.trim_start_matches(is_superscript).chars().next())
        .is_some_and(latin::is_letter);
    let lower = prose
        .iter()
        .filter(|w| w.chars().next().is_some_and(latin::is_lower))
        .count();
    starts_word && prose.len() >= 3 && lower * 2 >= prose.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_lines() {
        let table: &[(&str, bool)] = &[
            ("Så här fördelas 100 kronor i kommunalskatt på olika verksamheter. Fördelningen utgår från kommunens budget.", true),
            ("100 kronor i skatt till kommunen användes under 2016 på följande sätt:", true),
            ("Verksamhetens intäkter Verksamhetens kostnader Nettokostnad", false),
            ("Belopp i tkr.", false),
            ("Utfall Budget Avvikelse Prognos helår Avvikelse mot budget.", false),
        ];
        for (text, want) in table {
            assert_eq!(is_prose_line(text), *want, "{text:?}");
        }
    }

    #[test]
    fn numbered_section_headings() {
        let table: &[(&str, bool)] = &[
            ("Utgiftsområde 4 Rättsväsendet", true),
            ("Område 2 Vård och omsorg", true),
            ("Budget 2023 Utfall", false),
            ("Utgiftsområde 4", false),
            ("Nämnd 4 Utfall 12", false),
        ];
        for (text, want) in table {
            assert_eq!(is_numbered_section(text), *want, "{text:?}");
        }
    }

    #[test]
    fn lines_of_years_are_headings() {
        let table: &[(&str, bool)] = &[
            ("2013 2014 2013 2014", true),
            ("NOT 2019 2018 2019 2018", true),
            ("Belopp i mnkr 2018 2019 2018 2019", true),
            ("Mnkr 2022 2021 2020", true),
            ("2019", true),
            ("Resultaträkning för verksamhetsåret 1/1 - 31/12 2020", true),
            ("Kommunen 12/31/2021 12/31/2020", true),
            // Amounts beside a year are data.
            ("Verksamhetens intäkter 1 2019 2018", false),
            ("Nämnd A 2 019 1 900", false),
            ("Nämnd A 120,5 2021", false),
            ("Utfall Budget", false),
        ];
        for (text, want) in table {
            assert_eq!(is_year_line(text), *want, "{text:?}");
        }
    }
}
