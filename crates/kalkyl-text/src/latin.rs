//! Letter case and classes for Latin-1 and Latin Extended-A, which cover
//! the headings and labels of Swedish reports (å, ä, ö, é, ü ...) and the
//! Sámi and Finnish names in them (č, đ, ŋ, š, ŧ, ž). The standard
//! library's Unicode-wide versions carry tables of several kilobytes into the
//! browser download; beyond these two blocks these treat a character as a
//! symbol (not a letter) and leave its case alone.

/// The lowercase of a letter in ASCII, Latin-1 or Latin Extended-A; other
/// characters as they are.
pub fn lower(c: char) -> char {
    let code = c as u32;
    let lowered = match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => code + 32,
        // Latin Extended-A pairs its letters: capital, then small. The
        // pairs start on an even code point, except in Ĺ..ň and Ź..ž;
        // ĸ and ŉ have no capital, Ÿ's small letter is in Latin-1, and
        // İ lowers to i.
        'İ' => 'i' as u32,
        'Ÿ' => 'ÿ' as u32,
        'Ĺ'..='ň' | 'Ź'..='ž' if !code.is_multiple_of(2) => code + 1,
        'Ā'..='ķ' | 'Ŋ'..='ŷ' if code.is_multiple_of(2) => code + 1,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// A string in lowercase, by [`lower`].
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// Whether a character is a letter of ASCII, Latin-1 or Latin Extended-A.
pub fn is_letter(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ſ')
}

/// Whether a character is a lowercase letter of ASCII, Latin-1 or Latin
/// Extended-A.
pub fn is_lower(c: char) -> bool {
    is_letter(c) && lower(c) == c && !matches!(c, 'ª' | 'º')
}

/// Whether a character is an uppercase letter of ASCII, Latin-1 or Latin
/// Extended-A.
pub fn is_upper(c: char) -> bool {
    is_letter(c) && lower(c) != c
}

/// Whether a character is a letter or an ASCII digit.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_latin_1_and_extended_a() {
        for code in 0u32..=0x17F {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} letter");
            // std lowers İ to "i̇" (two characters); Kalkyl to i.
            if c != 'ß' && c != 'ÿ' && c != 'µ' && c != 'İ' {
                let std_lower: String = c.to_lowercase().collect();
                assert_eq!(lower(c).to_string(), std_lower, "{c:?} lower");
            }
            assert_eq!(
                is_lower(c),
                c.is_lowercase() && !matches!(c, 'ª' | 'º'),
                "{c:?} is_lower"
            );
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?} is_upper");
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric() && !matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾'),
                "{c:?} alnum"
            );
        }
        assert_eq!(lowercase("ÅRSBUDGET Över"), "årsbudget över");
        // Sámi and Finnish names compare regardless of case.
        assert_eq!(
            lowercase("ČÁHCESUOLU ŠIELLA ŊUOLLA ĐUOKKA ŦUOLLÁ ŽÄRVI"),
            "čáhcesuolu šiella ŋuolla đuokka ŧuollá žärvi"
        );
        assert!("Sámediggi Čoahkkin"
            .chars()
            .filter(|c| !c.is_whitespace())
            .all(is_letter));
    }
}
