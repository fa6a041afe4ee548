//! The shapes of words and cell texts: whether a word is (part of) a number,
//! a dash for an empty cell, a unit or text; the words of a line (a PDF
//! line's minus set apart from its digits); years and note lists as cells.

use super::notes::lettered_note;
use crate::latin;
use crate::number::{self, is_minus_char, DecimalMark, Reading, Unit};
use crate::read::headings::unit_of;

/// The shape of a word that may be (part of) a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Digits, maybe signed, maybe with decimals, `%` or a unit.
    Number {
        signed: bool,
        int_digits: usize,
        decimals: bool,
        suffix: bool,
    },
    /// A unit or `%` on its own, closing the number before it.
    Suffix,
    /// A lone dash: no value.
    Dash,
    /// Anything else.
    Text,
}

pub(super) fn is_sign(c: char) -> bool {
    c == '+' || c == '±' || is_minus_char(c)
}

/// A lone minus-like character or an em dash: an empty cell. So are ".."
/// and "…", which statistics tables print for a figure not available.
fn is_lone_dash(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(word, ".." | "…")
        || matches!((chars.next(), chars.next()), (Some(c), None) if c == '—' || is_minus_char(c))
}

/// A bound in place of a figure: "<5", ">100". Before a unit it is a
/// size class of the label ("Investeringsobjekt <3 mnkr").
pub(super) fn is_bound(word: &str) -> bool {
    word.strip_prefix(['<', '>'])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

pub(super) fn shape(word: &str) -> Shape {
    // A figure kept back as a bound ("<5", statistics' small counts) holds
    // a column's place like a dash; the cell keeps its text.
    if is_lone_dash(word) || is_bound(word) {
        return Shape::Dash;
    }
    if word == "%" || Unit::from_word(word).is_some() {
        return Shape::Suffix;
    }
    let mut chars = word.chars().peekable();
    let mut signed = false;
    while chars.peek().is_some_and(|c| is_sign(*c) || *c == '/') {
        signed = true;
        chars.next();
    }
    let rest: String = chars.collect();
    let int_digits = rest.chars().take_while(char::is_ascii_digit).count();
    if int_digits == 0 {
        return Shape::Text;
    }
    let after = &rest[int_digits..];
    let (decimals, tail) = match after.strip_prefix([',', '.']) {
        Some(d) => {
            let n = d.chars().take_while(char::is_ascii_digit).count();
            if n == 0 {
                return Shape::Text;
            }
            (true, &d[n..])
        }
        None => (false, after),
    };
    let suffix = !tail.is_empty();
    if suffix && tail != "%" && Unit::from_word(tail).is_none() {
        return Shape::Text;
    }
    Shape::Number {
        signed,
        int_digits,
        decimals,
        suffix,
    }
}

/// Whether a value ending in this word may take another digit group.
pub(super) fn open(word: &str) -> bool {
    matches!(
        shape(word),
        Shape::Number {
            decimals: false,
            suffix: false,
            ..
        }
    )
}

/// Whether a unit or `%` may still be attached to this word.
pub(super) fn takes_suffix(word: &str) -> bool {
    matches!(shape(word), Shape::Number { suffix: false, .. })
}

/// The words of a line.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        push_word(&mut out, word);
    }
    out
}

/// The words of a PDF line, where a lone minus or plus followed by one
/// space and a digit is that number's sign ("– 423 231", "− 6"): PDF copies set the
/// sign apart. Two spaces or more keep it a dash for an empty cell
/// ("−  −  24").
pub(super) fn pdf_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending_sign: Option<&str> = None;
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let next = after.trim_start();
        let one_space = after.len().saturating_sub(next.len()) == 1 && after.starts_with(' ');
        rest = next;
        if let Some(sign) = pending_sign.take() {
            push_word(&mut out, &format!("{sign}{word}"));
            continue;
        }
        // So does a lone plus ("Kommunstyrelsen + 22,6 mnkr").
        if (is_lone_dash(word) && word.chars().next().is_some_and(is_minus_char) || word == "+")
            && one_space
            && next.starts_with(|c: char| c.is_ascii_digit())
        {
            pending_sign = Some(word);
            continue;
        }
        push_word(&mut out, word);
    }
    out
}

/// Pushes one word. Splits "13,0%Medarbetare" into "13,0%" and
/// "Medarbetare"; keeps "0,0Mnkr" and "26 350tkr" whole, since the letters
/// are a unit.
fn push_word(out: &mut Vec<String>, word: &str) {
    // Years run together in a heading ("20152014201320122011"): each its
    // own word, as a web copy's cells are.
    if word.len() >= 8 {
        if let Some(years) = glued_years(word) {
            out.extend(years);
            return;
        }
    }
    // A unit of two words after a figure ("35 miljoner kronor", "12 tusen
    // kronor") is one unit, as "mnkr" is; every such unit ends in "kronor".
    if let [.., figure, scale] = out.as_slice() {
        if word.eq_ignore_ascii_case("kronor")
            && !scale.contains(' ')
            && matches!(shape(figure), Shape::Number { suffix: false, .. })
        {
            let unit = format!("{scale} {word}");
            if Unit::from_word(&unit).is_some() {
                out.pop();
                out.push(unit);
                return;
            }
        }
    }
    // A footnote's star on a figure ("*21 539", "12 651*") marks it; the
    // figure is read (the pasted text keeps the star).
    if is_starred_figure(word) {
        out.push(word.trim_matches('*').to_string());
        return;
    }
    // A share or an earlier year's figure in brackets after a figure
    // ("1 370 mkr (30,34%)", "26,4 kr (29,0)"), maybe glued to the unit
    // ("27 mkr(0,6%)") or with its closing bracket lost ("(14,9"): a figure.
    // In brackets before any figure ("Hemlöshet (75%) -84") it is the
    // label's.
    let after_figure = out
        .last()
        .is_some_and(|w| matches!(shape(w), Shape::Number { .. } | Shape::Suffix));
    if let Some((head, inner)) =
        bracketed_figure(word).filter(|(head, _)| after_figure || !head.is_empty())
    {
        if !head.is_empty() {
            push_word(out, head);
        }
        out.push(inner.to_string());
        return;
    }
    // A decimal part ends a number: a sign right after it starts the next
    // ("47,3-1,4", "-188,7-127,5": a PDF copy dropped the space).
    if let Some((head, tail)) = glued_after_decimals(word) {
        push_word(out, head);
        push_word(out, tail);
        return;
    }
    {
        let numeric_end = word
            .char_indices()
            .find(|(_, c)| latin::is_letter(*c))
            .map(|(i, _)| i);
        match numeric_end {
            Some(i) if i > 0 => {
                let (head, tail) = word.split_at(i);
                let head_is_number = matches!(shape(head), Shape::Number { .. });
                let tail_is_unit = Unit::from_word(tail).is_some();
                if head_is_number && !tail_is_unit && !lettered_note(word) {
                    out.push(head.to_string());
                    out.push(tail.to_string());
                } else {
                    out.push(word.to_string());
                }
            }
            _ => out.push(word.to_string()),
        }
    }
}

/// A figure marked by a footnote's star or two, before or after it
/// ("*21", "531*").
pub(super) fn is_starred_figure(word: &str) -> bool {
    let unstarred = word.trim_matches('*');
    unstarred.len() < word.len()
        && word.len() - unstarred.len() <= 2
        && matches!(shape(unstarred), Shape::Number { .. })
}

/// A figure in brackets at the end of a word: what stands before the
/// bracket (a unit, or nothing) and the figure. Only a figure with decimals
/// or a percentage: a whole number in brackets is a label's code
/// ("Ny inredning (6014)"), never a figure.
fn bracketed_figure(word: &str) -> Option<(&str, &str)> {
    let open = word.find('(')?;
    let (head, rest) = (&word[..open], &word[open + 1..]);
    let inner = rest.strip_suffix(')').unwrap_or(rest);
    if !head.is_empty() && Unit::from_word(head).is_none() {
        return None;
    }
    match shape(inner) {
        Shape::Number { decimals, .. } if decimals || inner.ends_with('%') => Some((head, inner)),
        _ => None,
    }
}

/// "47,3-1,4" as "47,3" and "-1,4": a number with a decimal part, then a
/// minus and a digit.
fn glued_after_decimals(word: &str) -> Option<(&str, &str)> {
    let (at, _) = word.char_indices().skip(1).find(|&(i, c)| {
        is_minus_char(c)
            && word[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
            && matches!(
                shape(&word[..i]),
                Shape::Number {
                    decimals: true,
                    suffix: false,
                    ..
                }
            )
    })?;
    Some(word.split_at(at))
}

pub(super) fn is_numeric_word(word: &str) -> bool {
    !matches!(shape(word), Shape::Text)
}

/// Whether a line ends with a value (so it carries a row's numbers).
pub(super) fn is_data_line(text: &str) -> bool {
    let ws = pdf_words(text);
    match ws.last().map(|w| shape(w)) {
        Some(Shape::Number { .. }) | Some(Shape::Dash) => true,
        Some(Shape::Suffix) => ws
            .len()
            .checked_sub(2)
            .and_then(|i| ws.get(i))
            .is_some_and(|w| matches!(shape(w), Shape::Number { .. })),
        _ => false,
    }
}

/// Years written without a space between them, one after another
/// ("20202019201820172016" is 2020, 2019, 2018, 2017 and 2016): two or more
/// years, each one more or one less than the one before.
pub(super) fn glued_years(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.len() < 8 || !t.len().is_multiple_of(4) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let years: Vec<u16> = (0..t.len() / 4)
        .filter_map(|i| t.get(i * 4..i * 4 + 4)?.parse::<u16>().ok())
        .collect();
    let in_range = years.iter().all(|y| (1900..=2100).contains(y));
    let steps = years.windows(2).all(|w| match w {
        [a, b] => a.abs_diff(*b) == 1,
        _ => false,
    });
    (in_range && steps && years.len() * 4 == t.len())
        .then(|| years.iter().map(u16::to_string).collect())
}

/// A value glued to a label after it, when a copy lost the line break
/// between a row's last figure and the next row's label ("246,7Bolagens
/// externa kostnader", "-140,6SUMMA", "70 989Stab"): a number with
/// decimals (or a sign, or thousands spaces) before a word of three letters
/// or more, or a number of two digits or more before a capitalised word.
/// A unit is no label ("26 350tkr", "0,0Mnkr" and "13,0%" are values), nor
/// is a one-digit code or a year glued to its label ("4Kommunstyrelsen",
/// "2021Kommunen").
pub(in crate::read) fn value_then_label(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let (at, first) = t.char_indices().find(|(_, c)| latin::is_letter(*c))?;
    let (value, label) = t.split_at(at);
    let word: String = label.chars().take_while(|c| latin::is_letter(*c)).collect();
    let letters = word.chars().count();
    let formatted = value.contains(',') || value.starts_with(is_sign) || value.contains(' ');
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let shaped =
        (formatted && letters >= 3) || (!latin::is_lower(first) && letters >= 2 && digits >= 2);
    (shaped
        && !is_year(value)
        && unit_of(&word).is_none()
        && single_value(value)
        && value.ends_with(|c: char| c.is_ascii_digit()))
    .then_some((value, label))
}

/// A year 1900–2100 written alone ("2021").
pub(super) fn is_year(text: &str) -> bool {
    let t = text.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// The year a heading names, if any ("Budget 2021", "2021-12-31").
pub(super) fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// A note reference list: "1, 2" or "2, 5, 6" (each a small number).
pub(super) fn is_note_list(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a cell's text is exactly one value (or a dash for none).
pub(super) fn single_value(text: &str) -> bool {
    [DecimalMark::Comma, DecimalMark::Point]
        .into_iter()
        .any(|m| {
            matches!(
                number::read_number(text, m),
                Ok(Reading::Number(_) | Reading::Nothing)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::lines::w;

    #[test]
    fn shapes_of_words() {
        assert_eq!(
            shape("400"),
            Shape::Number {
                signed: false,
                int_digits: 3,
                decimals: false,
                suffix: false
            }
        );
        assert_eq!(
            shape("-308"),
            Shape::Number {
                signed: true,
                int_digits: 3,
                decimals: false,
                suffix: false
            }
        );
        assert_eq!(
            shape("28,7"),
            Shape::Number {
                signed: false,
                int_digits: 2,
                decimals: true,
                suffix: false
            }
        );
        assert_eq!(
            shape("350tkr"),
            Shape::Number {
                signed: false,
                int_digits: 3,
                decimals: false,
                suffix: true
            }
        );
        assert_eq!(
            shape("13,0%"),
            Shape::Number {
                signed: false,
                int_digits: 2,
                decimals: true,
                suffix: true
            }
        );
        assert_eq!(shape("tkr"), Shape::Suffix);
        assert_eq!(shape("%"), Shape::Suffix);
        assert_eq!(shape("-"), Shape::Dash);
        assert_eq!(shape("Regionkontoret"), Shape::Text);
        assert_eq!(shape("8a"), Shape::Text);
    }

    #[test]
    fn glued_words_are_split_but_units_kept() {
        assert_eq!(
            words("11,0% 13,0%Medarbetare Sjukfrånvaro"),
            w("11,0% 13,0% Medarbetare Sjukfrånvaro")
        );
        assert_eq!(words("0,0Mnkr 26 350tkr"), w("0,0Mnkr 26 350tkr"));
    }

    #[test]
    fn pdf_minus_set_apart_by_one_space_is_a_sign() {
        let table: &[(&str, &str)] = &[
            (
                "Avskrivningar 3 – 14 991 – 14 879",
                "Avskrivningar 3 –14 991 –14 879",
            ),
            ("Kostnader − 1 116 − 6 33", "Kostnader −1 116 −6 33"),
            // Two spaces: a dash for an empty cell.
            ("Övrigt −  −  24", "Övrigt − − 24"),
            // A dash between words stays a word.
            (
                "Teknisk verksamhet - skattefinansierad 0,5",
                "Teknisk verksamhet - skattefinansierad 0,5",
            ),
            ("Post - 5,0 4,0", "Post -5,0 4,0"),
        ];
        for (text, want) in table {
            assert_eq!(pdf_words(text), w(want), "{text:?}");
        }
    }

    #[test]
    fn years_run_together_are_split() {
        let table: &[(&str, Option<&[&str]>)] = &[
            (
                "20202019201820172016",
                Some(&["2020", "2019", "2018", "2017", "2016"]),
            ),
            ("20222023", Some(&["2022", "2023"])),
            // Not consecutive, out of range, or no years at all: a number.
            ("20202018", None),
            ("12345678", None),
            ("2020201", None),
            ("2020", None),
        ];
        for (text, want) in table {
            let want = want.map(|w| w.iter().map(|y| y.to_string()).collect::<Vec<_>>());
            assert_eq!(glued_years(text), want, "{text:?}");
        }
    }
}
