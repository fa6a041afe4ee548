//! Letter case and classes for the Latin-1 range, which covers the
//! headings and labels of Swedish reports (å, ä, ö, é, ü ...). The standard
//! library's Unicode-wide versions carry tables of several kilobytes into the
//! browser download; outside Latin-1 these treat a character as a symbol
//! (not a letter) and leave its case alone.

/// The lowercase of a letter in ASCII or Latin-1; other characters as
/// they are.
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

/// A string in lowercase, by [`lower`].
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// Whether a character is a letter of ASCII or Latin-1.
pub fn is_letter(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ')
}

/// Whether a character is a lowercase letter of ASCII or Latin-1.
pub fn is_lower(c: char) -> bool {
    is_letter(c) && lower(c) == c && !matches!(c, 'ª' | 'º')
}

/// Whether a character is a letter or an ASCII digit.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_latin_1() {
        for code in 0u32..=0xFF {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} letter");
            if c != 'ß' && c != 'ÿ' && c != 'µ' {
                let std_lower: String = c.to_lowercase().collect();
                assert_eq!(lower(c).to_string(), std_lower, "{c:?} lower");
            }
            assert_eq!(
                is_lower(c),
                c.is_lowercase() && !matches!(c, 'ª' | 'º'),
                "{c:?} is_lower"
            );
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric() && !matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾'),
                "{c:?} alnum"
            );
        }
        assert_eq!(lowercase("ÅRSBUDGET Över"), "årsbudget över");
    }
}
