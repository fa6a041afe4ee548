//! The two languages Kalkyl speaks. Messages that the core produces (parse
//! diagnostics, report checks) are rendered in either.

/// A user-interface language. Swedish is the default: Kalkyl's users write
/// their reports in Swedish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Svenska.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for the `lang` attribute of the page.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Reads a stored tag back; anything unknown falls back to Swedish.
    pub fn from_tag(tag: &str) -> Lang {
        match tag.trim().to_ascii_lowercase().as_str() {
            "en" | "en-gb" | "en-us" => Lang::En,
            _ => Lang::Sv,
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_unknown_falls_back_to_swedish() {
        for (tag, lang) in [
            ("sv", Lang::Sv),
            ("en", Lang::En),
            ("EN-GB", Lang::En),
            ("de", Lang::Sv),
            ("", Lang::Sv),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "tag {tag:?}");
        }
        assert_eq!(Lang::from_tag(Lang::En.tag()), Lang::En);
        assert_eq!(Lang::from_tag(Lang::Sv.tag()), Lang::Sv);
    }
}
