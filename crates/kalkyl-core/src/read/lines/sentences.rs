//! Rows written as sentences of one pattern: a web page's list of
//! allocations ("Välfärdsnämnden tilldelas 1 613 miljoner kronor, vilket
//! motsvarar 41 procent av nämndernas totala skattemedel."). The words
//! every row shares are the pattern, not cells; what differs before the
//! first figure is the label.

use super::words::{pdf_words, shape, Shape};
use super::Line;
use crate::latin;
use crate::number::Unit;

/// A word of a sentence row: a figure (its digit groups joined) or a word.
#[derive(Debug, PartialEq)]
enum Token {
    Figure(String),
    Word(String),
}

/// The tokens of a line: digit groups of three after a figure of one to
/// three digits are that figure's ("1 613").
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for word in pdf_words(text) {
        let is_figure = matches!(shape(&word), Shape::Number { suffix: false, .. });
        let group = word.len() == 3 && word.bytes().all(|b| b.is_ascii_digit());
        match out.last_mut() {
            Some(Token::Figure(figure))
                if group
                    && figure.rsplit(' ').next().is_some_and(|last| {
                        (1..=3).contains(&last.len()) && last.bytes().all(|b| b.is_ascii_digit())
                    }) =>
            {
                figure.push(' ');
                figure.push_str(&word);
            }
            _ if is_figure => out.push(Token::Figure(word)),
            _ => out.push(Token::Word(word)),
        }
    }
    out
}

/// A pattern word as compared between rows: lowercase, without the
/// punctuation that ends a clause.
fn key(word: &str) -> String {
    latin::lowercase(word.trim_end_matches([',', '.', ':', ';']))
}

/// The unit a pattern word (or two) right after a figure names: "kr",
/// "miljoner kronor", "procent" as "%".
fn unit_after(words: &[&str]) -> Option<(&'static str, usize)> {
    let first = key(words.first()?);
    if matches!(first.as_str(), "procent" | "%") {
        return Some(("%", 1));
    }
    if let Some(second) = words.get(1) {
        let two = format!("{first} {}", key(second));
        if let Some(unit) = Unit::from_word(&two).filter(|_| !words[0].ends_with(',')) {
            return Some((unit.symbol(), 2));
        }
    }
    Unit::from_word(&first).map(|unit| (unit.symbol(), 1))
}

/// Three rows or more (all the lines from the first that holds a figure)
/// written as one sentence pattern, with words after the last figure: the
/// lines as a label and its figures, each with its unit. `None` when the
/// rows differ anywhere but before their first figure and in their
/// figures.
pub(super) fn sentence_rows(lines: &[Line]) -> Option<Vec<Line>> {
    let first = lines.iter().position(|l| {
        !l.heading
            && tokens(&l.text)
                .iter()
                .any(|t| matches!(t, Token::Figure(_)))
    })?;
    let rows = lines.get(first..)?;
    if rows.len() < 3 {
        return None;
    }
    // A row ending in a figure is no sentence: most pastes stop here, at
    // their first row, before any row is taken apart.
    if rows.iter().any(|l| {
        let last = l.text.split_whitespace().next_back().unwrap_or("");
        !matches!(
            shape(last.trim_end_matches(['.', ',', ':', ';'])),
            Shape::Text
        )
    }) {
        return None;
    }
    let parsed: Vec<Vec<Token>> = rows.iter().map(|l| tokens(&l.text)).collect();
    // Each row's label words and where its first figure stands.
    let mut prefixes: Vec<(Vec<&str>, usize)> = Vec::with_capacity(parsed.len());
    let mut pattern: Option<Vec<Option<String>>> = None;
    for row in &parsed {
        let at = row.iter().position(|t| matches!(t, Token::Figure(_)))?;
        if !matches!(row.last(), Some(Token::Word(_))) {
            return None;
        }
        let prefix: Vec<&str> = row
            .get(..at)?
            .iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w.as_str()),
                Token::Figure(_) => None,
            })
            .collect();
        let shape: Vec<Option<String>> = row
            .get(at..)?
            .iter()
            .map(|t| match t {
                Token::Figure(_) => None,
                Token::Word(w) => Some(key(w)),
            })
            .collect();
        match &pattern {
            Some(p) if *p != shape => return None,
            Some(_) => {}
            None => pattern = Some(shape),
        }
        prefixes.push((prefix, at));
    }
    // Figures closed by units alone are rows, not sentences.
    let words = pattern.iter().flatten().flatten();
    if words
        .clone()
        .all(|w| w == "%" || Unit::from_word(w).is_some())
    {
        return None;
    }
    // Words every label ends with are the sentence's verb ("tilldelas").
    let shortest = prefixes.iter().map(|(p, _)| p.len()).min()?;
    let shared = (0..shortest)
        .take_while(|&k| {
            let word = |(p, _): &(Vec<&str>, usize)| p.get(p.len() - 1 - k).map(|w| key(w));
            prefixes
                .iter()
                .all(|p| word(p) == prefixes.first().and_then(word))
        })
        .count();
    if shared >= shortest {
        return None;
    }
    let mut out: Vec<Line> = lines.get(..first)?.to_vec();
    for ((line, row), (prefix, at)) in rows.iter().zip(&parsed).zip(&prefixes) {
        let label = prefix.get(..prefix.len() - shared)?.join(" ");
        let mut text = label.trim_end_matches([',', ':']).to_string();
        push_figures(&mut text, row.get(*at..)?);
        out.push(Line {
            text,
            ..line.clone()
        });
    }
    Some(out)
}

/// Rows written as "Label: figure (earlier figure). Prose." (a page on
/// where the money goes: "Stöd och omsorg: 213,4 miljoner (förra året:
/// 200,9 miljoner). Omfattar hälsa och sjukvård, …"), three such lines at
/// least, after any caption: each as its label and its figures with their
/// units, a figure in parentheses included. The prose after the sentence
/// with the figures describes the row; it is no cell.
pub(super) fn colon_rows(lines: &[Line]) -> Option<Vec<Line>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut rows = 0;
    for line in lines {
        match colon_row(&line.text) {
            Some(text) => {
                rows += 1;
                out.push(Line {
                    text,
                    ..line.clone()
                });
            }
            // Caption lines come before the rows, never between them.
            None if rows == 0 => out.push(line.clone()),
            None => return None,
        }
    }
    (rows >= 3).then_some(out)
}

/// One "Label: figures. Prose." line as the label and its figures, each
/// with its unit; `None` unless a figure follows the colon right away.
fn colon_row(text: &str) -> Option<String> {
    let (label, rest) = text.split_once(": ")?;
    let label = label.trim();
    if label.is_empty()
        || label.contains(|c: char| c.is_ascii_digit())
        || label.split_whitespace().count() > 8
    {
        return None;
    }
    // The figures' sentence ends at a full stop before a capital.
    let end = rest
        .match_indices(". ")
        .find(|(at, _)| {
            rest.get(at + 2..)
                .and_then(|after| after.chars().next())
                .is_some_and(|c| c.is_uppercase())
        })
        .map_or(rest.len(), |(at, _)| at);
    let part = rest.get(..end)?.replace(['(', ')'], " ");
    let parsed = tokens(&part);
    if !matches!(parsed.first(), Some(Token::Figure(_))) {
        return None;
    }
    let mut out = label.to_string();
    push_figures(&mut out, &parsed);
    Some(out)
}

/// Each figure of `tokens` after `text`, with the unit the words after it
/// name ("213,4 miljoner" as "213,4 mnkr"); the other words left out.
fn push_figures(text: &mut String, tokens: &[Token]) {
    for (k, token) in tokens.iter().enumerate() {
        let Token::Figure(figure) = token else {
            continue;
        };
        let after: Vec<&str> = tokens
            .get(k + 1..)
            .unwrap_or(&[])
            .iter()
            .map_while(|t| match t {
                Token::Word(w) => Some(w.as_str()),
                Token::Figure(_) => None,
            })
            .collect();
        text.push(' ');
        text.push_str(figure);
        if let Some((unit, _)) = unit_after(&after) {
            text.push(' ');
            text.push_str(unit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_their_units_from_a_sentence() {
        assert_eq!(
            tokens("Nämnden tilldelas 1 613 miljoner kronor"),
            [
                Token::Word("Nämnden".into()),
                Token::Word("tilldelas".into()),
                Token::Figure("1 613".into()),
                Token::Word("miljoner kronor".into()),
            ]
        );
        assert_eq!(
            unit_after(&["miljoner", "kronor,", "vilket"]),
            Some(("mnkr", 2))
        );
        assert_eq!(unit_after(&["procent", "av"]), Some(("%", 1)));
        assert_eq!(unit_after(&["vilket"]), None);
    }

    #[test]
    fn a_label_its_colon_and_figures_then_prose() {
        for (text, want) in [
            (
                "Stöd och omsorg: 213,4 miljoner (förra året: 200,9 miljoner). Omfattar hälsa och sjukvård, äldreboenden.",
                Some("Stöd och omsorg 213,4 mnkr 200,9 mnkr"),
            ),
            (
                "Kommunchef med stab: 8,6 miljoner (7,8 miljoner). Folkhälsoarbete, bredband.",
                Some("Kommunchef med stab 8,6 mnkr 7,8 mnkr"),
            ),
            ("Kultur: 12 procent", Some("Kultur 12 %")),
            // A caption, a date or prose before the figures is no row.
            ("Här är alla siffrorna – med 2018 års siffror inom parentes:", None),
            ("Uppdaterad: 2018-05-28", None),
            ("Obs: siffrorna är preliminära, 3 av 5 nämnder", None),
        ] {
            assert_eq!(colon_row(text).as_deref(), want, "{text}");
        }
    }
}
