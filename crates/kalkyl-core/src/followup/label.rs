//! Row labels as the follow-up compares them.

use crate::latin;

/// A label reduced to what identifies the row across reports: lowercase,
/// without footnote marks ("*", "1)", "**)"), without "varav", with dashes
/// and punctuation as spaces and one space between words.
/// "Hälso- och sjukvård*" and "hälso och sjukvård" are the same row;
/// "Förtroende-valda" (hyphenated across a line) is not joined, because a
/// real hyphen and a broken word cannot be told apart here.
pub fn normalise_label(label: &str) -> String {
    let lower = join_hyphenated(&latin::lowercase(label));
    let mut words: Vec<String> = Vec::new();
    for raw in lower.split(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '−' | ',' | ':' | ';' | '/' | '.')
    }) {
        // Footnote marks: stars, and digits or letters closed by ')' glued
        // to a word or on their own ("Intäkter1)", "2)").
        let mut word = raw.trim_matches(|c: char| matches!(c, '*' | '(' | ')' | '"' | '\''));
        if let Some(open) = raw.find(')') {
            let head = raw.get(..open).unwrap_or("");
            let mark_start = head
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit())
                .last()
                .map(|(i, _)| i);
            if let Some(i) = mark_start {
                word = raw.get(..i).unwrap_or("").trim_matches('*');
            }
        }
        if word.is_empty() || word == "varav" {
            continue;
        }
        words.push(word.to_string());
    }
    words.join(" ")
}

/// "förtroende-valda" as "förtroendevalda": a hyphen between two letters
/// joins them (a word broken across a line, or a compound written both
/// ways); a hyphen before a space ("hälso- och") is left to separate words.
fn join_hyphenated(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_letters = c == '-'
            && i > 0
            && chars.get(i - 1).is_some_and(|p| latin::is_letter(*p))
            && chars.get(i + 1).is_some_and(|n| latin::is_letter(*n));
        if !between_letters {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise() {
        for (label, key) in [
            ("Förtroendevalda", "förtroendevalda"),
            ("  FÖRTROENDEVALDA* ", "förtroendevalda"),
            ("Intäkter 1)", "intäkter"),
            ("Intäkter1)", "intäkter"),
            ("Verksamhetens kostnader, varav", "verksamhetens kostnader"),
            ("- Vårdval Hälsoval", "vårdval hälsoval"),
            (
                "Utvecklingsmedel Hälso- och sjukvård",
                "utvecklingsmedel hälso och sjukvård",
            ),
            (
                "Utvecklingsmedel  Hälso – och sjukvård",
                "utvecklingsmedel hälso och sjukvård",
            ),
            ("Summa 2020", "summa 2020"),
            ("Förtroende-valda", "förtroendevalda"),
            // Sámi and Finnish names, outside Latin-1.
            ("SÁMEDIGGI ČOAHKKIN*", "sámediggi čoahkkin"),
            ("Šiella- ja Ŋuolla-fond", "šiella ja ŋuollafond"),
            ("Đuokka-Ŧuollá", "đuokkaŧuollá"),
            ("", ""),
        ] {
            assert_eq!(normalise_label(label), key, "{label:?}");
        }
    }
}
