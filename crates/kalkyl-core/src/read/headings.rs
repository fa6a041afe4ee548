//! Column headings: cleaning them, and what their words say about the
//! column's role, year, unit and the months elapsed.

use crate::latin;
use crate::model::Role;
use crate::number::Unit;

/// Joins what Word and PDF copies break: "Budget- avvikelse" becomes
/// "Budgetavvikelse", "Års- prognos" becomes "Årsprognos"; folds whitespace.
pub(crate) fn clean_heading(raw: &str) -> String {
    let folded: String = raw
        .replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A hyphen that ends a word part and is followed by a lowercase word is a
    // line-break hyphen: "Budget- avvikelse". "Re/ny" and "0-4 år" are kept.
    let mut out = String::with_capacity(folded.len());
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-'
            && i > 0
            && latin::is_letter(chars[i - 1])
            && chars.get(i + 1) == Some(&' ')
            && chars.get(i + 2).is_some_and(|n| latin::is_lower(*n))
        {
            i += 2;
            continue;
        }
        // "Förtroende-valda": a word hyphenated at a line break inside a
        // cell. Short prefixes ("e-hälsa") and capitals ("IT-stöd") stay.
        if c == '-' && i >= 4 && chars.get(i + 1).is_some_and(|n| latin::is_lower(*n)) {
            let word_start = chars[..i]
                .iter()
                .rposition(|c| !latin::is_letter(*c))
                .map_or(0, |p| p + 1);
            let prefix = &chars[word_start..i];
            let tail_len = chars[i + 1..]
                .iter()
                .take_while(|c| latin::is_letter(**c))
                .count();
            if prefix.len() >= 4
                && prefix.iter().skip(1).all(|c| latin::is_lower(*c))
                && tail_len >= 3
            {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A footnote mark set as a superscript digit ("¹", "²", "³", "⁴"...).
pub(crate) fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Heading words run together when a PDF or web copy drops the space
/// between cells, and footnote marks glued to them: "Utfall novPrognos nov"
/// and "sep.Prognos sep." (a lowercase letter or an abbreviation's period
/// right before a capital starts a new word), "diff.²Utfall" and
/// "diff.2Utfall" (a superscript digit, or a digit glued after an
/// abbreviation's period, is a footnote mark: dropped, the words apart).
/// A unit glued to a title ("BalansräkningTKR") is left for
/// [`super::lines`] to split. Bounded by the text's length.
#[cfg_attr(not(feature = "line-layouts"), allow(dead_code))] // used by `lines`
pub(crate) fn unglue_heading(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        // A footnote mark: superscript digits anywhere, or one or two ASCII
        // digits glued after a period and ending the word or followed by a
        // capital ("diff.1", "diff.2Utfall").
        let mark_len = if is_superscript(c) {
            chars
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(|d| is_superscript(**d))
                .count()
        } else if c.is_ascii_digit() && prev == Some('.') {
            let n = chars
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            let after = chars.get(i + n).copied();
            let ends = after
                .is_none_or(|a| a.is_whitespace() || (latin::is_letter(a) && !latin::is_lower(a)));
            if n <= 2 && ends {
                n
            } else {
                0
            }
        } else {
            0
        };
        if mark_len > 0 {
            i += mark_len;
            if chars.get(i).is_some_and(|a| latin::is_letter(*a)) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        let capital = latin::is_letter(c) && !latin::is_lower(c);
        // A year before a capital ends a heading ("Medlemsbidrag
        // 2023Ägarfördelning").
        let after_year = i >= 4
            && chars.get(i - 4..i).is_some_and(|y| {
                y.iter().all(char::is_ascii_digit)
                    && year_of(&y.iter().collect::<String>()).is_some()
            })
            && !i
                .checked_sub(5)
                .and_then(|j| chars.get(j))
                .is_some_and(char::is_ascii_digit);
        let glued = capital
            && (prev.is_some_and(|p| latin::is_lower(p) || p == '.') || after_year)
            && !glued_unit(chars.get(i..).unwrap_or(&[]));
        if glued {
            out.push(' ');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Whether the word starting here is a unit only ("TKR" in
/// "BalansräkningTKR", "Mnkr").
#[cfg_attr(not(feature = "line-layouts"), allow(dead_code))] // used by `lines`
fn glued_unit(rest: &[char]) -> bool {
    let word: String = rest.iter().take_while(|c| latin::is_letter(**c)).collect();
    Unit::from_word(&word).is_some()
}

/// A heading reduced for matching: lowercase letters, digits and `%` only,
/// so "Ack. budget- avvikelse" and "Årsbudg et" match "ackbudgetavvikelse"
/// and "årsbudget".
pub(crate) fn compact(heading: &str) -> String {
    heading
        .chars()
        .map(latin::lower)
        .filter(|c| latin::is_letter_or_digit(*c) || *c == '%')
        .collect()
}

/// Swedish months, then the English names that no Swedish one starts
/// with (English editions: "April-June 2019", "Jan.-June").
const MONTHS: [(&str, u8); 19] = [
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("october", 10),
];

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

/// Whether a heading names a plan: a word of it ends in "plan" ("Plan
/// 2025", "Flerårsplan", "Investeringsplan"), not "Planerat".
pub(crate) fn names_a_plan(heading: &str) -> bool {
    heading
        .split(|c: char| !latin::is_letter(c))
        .any(|w| latin::lowercase(w).ends_with("plan"))
}

/// The role a heading's words name, if any. Order matters: "Budgetavvikelse"
/// is a deviation before it is a budget, "Årsprognos" a forecast. Swedish
/// first; English editions of reports ("Outcome", "Variance") second.
pub(crate) fn role_of(heading: &str) -> Option<Role> {
    let key = compact(heading);
    if key.is_empty() {
        return None;
    }
    // A note reference column ("Not", "Noter", "Note"): its numbers point
    // to the notes of an income statement or balance sheet, never amounts.
    if matches!(key.as_str(), "not" | "noter" | "note" | "notes" | "notnr") {
        return Some(Role::Text);
    }
    if contains_any(&key, &["%", "procent", "relation", "andel"]) {
        return Some(if is_measure_in_percent(heading, &key) {
            Role::Other
        } else {
            Role::StatedPercent
        });
    }
    // An amount per something ("kr/kvm", "kr per invånare", or the unit
    // after it: "Nettokostnader per invånare i kr") is a key figure beside
    // the amounts, never one of them.
    if contains_any(
        &latin::lowercase(heading),
        &["kr/", "kr per ", "per invånare"],
    ) {
        return Some(Role::Other);
    }
    if let Some(role) = english_role(&key) {
        return Some(role);
    }
    let mentions_month = MONTHS.iter().any(|(m, _)| key.contains(m));
    if key.contains("prognos")
        && contains_any(&key, &["avvik", "förändring"])
        && (mentions_month || contains_any(&key, &["föregående", "tidigare", "förra"]))
    {
        return Some(Role::PreviousForecast);
    }
    // A forecast named as the earlier one ("Föreg. prognos", "Tidigare
    // prognos") beside this one.
    if key.contains("prognos")
        && ["föreg", "tidigare", "förra"]
            .iter()
            .any(|w| key.starts_with(w))
    {
        return Some(Role::PreviousForecast);
    }
    // "Kassaflöde före förändringar av rörelsekapital" (the standard cash
    // flow line) names a flow before or after changes: no change column.
    // Nor is a state agency's "Årets kapitalförändring" (its result) or
    // "Balanserad kapitalförändring" (results carried forward), nor an
    // income statement's revaluation or change of stock ("Värdeförändring
    // skog", "Förändring lager").
    let qualified_change = contains_any(
        &key,
        &[
            "föreförändring",
            "efterförändring",
            "exklförändring",
            "inklförändring",
            "kapitalförändring",
            "värdeförändring",
            "lagerförändring",
            "förändringlager",
        ],
    );
    if contains_any(
        &key,
        &[
            "avvik",
            "differens",
            "skillnad",
            "diff",
            "återstår",
            "förändring",
        ],
    ) && !qualified_change
    {
        return Some(Role::StatedVariance);
    }
    if contains_any(&key, &["projektbudget", "totalbudget", "totalkalkyl"]) {
        return Some(Role::TotalBudget);
    }
    if contains_any(&key, &["årsbudget", "helårsbudget", "budgethelår"]) {
        return Some(Role::AnnualBudget);
    }
    if key.contains("budget") && !key.contains("budgetram") {
        // "Budget 2021" names the year's budget; "Ack. budget", "Periodens
        // budget" and a plain "Budget" are the budget for the period.
        let periodic = contains_any(&key, &["ack", "period", "hittills", "mån"])
            // A month span names the period: "Budget 2019 jan-aug".
            || heading.split_whitespace().any(|w| {
                w.contains(['-', '–']) && w.split(['-', '–']).all(starts_with_month)
            });
        if year_of(heading).is_some() && !periodic {
            return Some(Role::AnnualBudget);
        }
        return Some(Role::Budget);
    }
    // A state appropriation's own columns (regleringsbrev, annual reports):
    // the item ("Anslag/ap", "Anslagspost") names the rows; what is used
    // of it ("Anslagsförbrukning", "Anslagsutfall") is the outcome; its
    // credit, savings, excess and withdrawal ("Anslagskredit",
    // "Anslagssparande", "Indrag av anslagsbelopp") are no budget; the
    // balance left ("Anslagsbehållning") is an amount or a share of the
    // appropriation, which its cells tell.
    if let Some(rest) = key.strip_prefix("anslag") {
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        if rest == "ap" || rest.starts_with("post") || rest.starts_with("anslagspost") {
            return Some(Role::Label);
        }
        if rest.starts_with("förbrukning") || rest.starts_with("utfall") {
            return Some(Role::Outcome);
        }
        if ["kredit", "sparande", "överskridande"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return Some(Role::Other);
        }
        if rest.starts_with("behållning") {
            return None;
        }
    }
    if key.starts_with("indrag") {
        return Some(Role::Other);
    }
    // An allocation is the budget a committee is held to: "Kommunbidrag",
    // "Regionbidrag", "Nettoram", "Anslag".
    if contains_any(
        &key,
        &[
            "kommunbidrag",
            "regionbidrag",
            "landstingsbidrag",
            "nämndbidrag",
            "nettoram",
            "kommunersättning",
        ],
    ) || key == "ram"
        || key.starts_with("anslag")
        // The state budget's abbreviations: "SB + ÄB 2017" (statsbudget and
        // ändringsbudget, the appropriation of a state agency's year).
        || heading
            .split(|c: char| !latin::is_letter(c))
            .any(|w| matches!(latin::lowercase(w).as_str(), "sb" | "äb"))
    {
        return Some(if year_of(heading).is_some() {
            Role::AnnualBudget
        } else {
            Role::Budget
        });
    }
    // A plan's year after the budget's ("Plan 2025", "Flerårsplan 2026",
    // "Ekonomisk plan"): planned figures, neither budget nor outcome.
    if names_a_plan(heading) {
        return Some(Role::Other);
    }
    if contains_any(&key, &["prognos"]) {
        return Some(Role::Forecast);
    }
    // The net cost is the figure a budget is compared with.
    if contains_any(&key, &["nettokostnad", "nettoutfall", "nettokostnader"]) {
        return Some(Role::Outcome);
    }
    // A balance carried in or out ("Ingående redovisat resultat",
    // "Utgående balans") or the use of earlier results ("Disposition av
    // resultat") is no figure of the year.
    if key.starts_with("ingående") || key.starts_with("utgående") || key.starts_with("disposition")
    {
        return Some(Role::Other);
    }
    // A comparison figure ("Jämförelse, resultat per augusti 2015") is the
    // same measure of an earlier period.
    if (contains_any(&key, &["föregående", "föreg", "fgår", "förraåret"])
        || key.starts_with("jämförelse"))
        && contains_any(&key, &["utfall", "resultat", "bokslut"])
    {
        return Some(Role::PriorOutcome);
    }
    // "Drift (tkr)" beside "Budget": the year's actual operating cost.
    if contains_any(&key, &["utfall", "resultat", "bokslut", "ackumulerat"])
        || matches!(key.as_str(), "drift" | "drifttkr" | "driftmnkr")
    {
        return Some(Role::Outcome);
    }
    // Codes and tags beside the label: "Konto", "Grupp", "Re/ny". Matched at
    // the start only, so "Regionkontoret" is not an account column.
    if [
        "reny",
        "nyre",
        "konto",
        "grupp",
        "kommentar",
        "status",
        "typ",
    ]
    .iter()
    .any(|w| key.starts_with(w))
        && !key.starts_with("kontoklass")
    {
        return Some(Role::Text);
    }
    if contains_any(
        &key,
        &[
            "uppdrag",
            "investering",
            "kategori",
            "belopp",
            "indikator",
            "kontoklass",
            "område",
            "verksamhet",
            "enhet",
            "nämnd",
            "benämning",
            "projekt",
            "yrkesgrupp",
            "åldersgrupp",
            "förvaltning",
            "post",
        ],
    ) {
        return Some(Role::Label);
    }
    if contains_any(&key, &["omsättning", "målvärde", "mål", "antal"]) {
        return Some(Role::Other);
    }
    // A month alone ("Februari 2018"): the outcome up to it.
    let month = key.trim_matches(|c: char| c.is_ascii_digit());
    if MONTHS.iter().any(|(m, _)| month == *m) {
        return Some(Role::Outcome);
    }
    None
}

/// Whether a percent heading names a key figure measured in percent
/// ("Soliditet, %", "Sjukfrånvaro i %", "Skattekraft i % av riket") rather than a percentage of the
/// table's own figures: a comparison ("Avvikelse i %", "Förändring %",
/// "Relation (%)", "Andel av budget", "Utfall i % av budget") or a bare "%"
/// or "Andel" beside them. Overviews and five-year summaries print such key
/// figures beside amounts; nothing in the table recomputes them.
fn is_measure_in_percent(heading: &str, key: &str) -> bool {
    // A ratio of two figures ("Årets resultat/skatteintäkter, %"), or a
    // share ("Andel", "Andelen av"; not "kapitalandel"; "Procentuell
    // fördelning", a total shared out).
    if heading.contains('/')
        || heading.split(|c: char| !latin::is_letter(c)).any(|w| {
            let w = latin::lowercase(w);
            w.starts_with("andel") || w.starts_with("fördelning")
        })
    {
        return false;
    }
    let rest: String = key
        .replace('%', "")
        .replace("procent", "")
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    // "i", "av" alone say nothing of what the percentage measures.
    if matches!(rest.as_str(), "" | "i" | "av" | "iav") {
        return false;
    }
    !contains_any(
        &rest,
        &[
            "avvik",
            "förändr",
            "relation",
            "utveckl",
            "skillnad",
            "diff",
            "ökning",
            "minskning",
            "jämfört",
            "budget",
            "prognos",
            "utfall",
            "förbruk",
            "utnyttj",
            "variance",
            "change",
            "deviation",
            "difference",
            "actual",
            "forecast",
        ],
    )
}

/// The role an English heading names ("Actual", "Full-year forecast",
/// "Variance"), from its compacted key. Only words that are not Swedish
/// too, so a Swedish heading never lands here by accident.
fn english_role(key: &str) -> Option<Role> {
    if contains_any(key, &["percent", "share"]) {
        return Some(Role::StatedPercent);
    }
    if contains_any(key, &["variance", "deviation", "difference", "remaining"]) {
        return Some(Role::StatedVariance);
    }
    if key.contains("budget")
        && contains_any(key, &["annual", "fullyear", "wholeyear", "fortheyear"])
    {
        return Some(Role::AnnualBudget);
    }
    if key.contains("forecast") {
        return Some(Role::Forecast);
    }
    if contains_any(key, &["previousyear", "prioryear", "lastyear"])
        && contains_any(key, &["actual", "outcome", "result"])
    {
        return Some(Role::PriorOutcome);
    }
    if contains_any(key, &["actual", "outcome"]) {
        return Some(Role::Outcome);
    }
    None
}

/// A note reference heading: "Not", "NOT", "Noter".
pub(crate) fn is_note_heading(text: &str) -> bool {
    matches!(
        compact(text).as_str(),
        "not" | "noter" | "note" | "notes" | "notnr"
    )
}

/// Whether a label heading names the kind of unit each row is ("Kommun",
/// "Region", "Län", "Nämnd", "Kommun/län", "Municipality"): then the rows
/// are units and the columns their figures, periods included, never a
/// table on its side. The definite form ("Kommunen", "Regionen") names the
/// organisation itself, the corner of its own key figures on their side,
/// and is not such a heading.
pub(crate) fn names_kinds_of_units(heading: &str) -> bool {
    let mut words = heading
        .split(|c: char| !latin::is_letter(c))
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            matches!(
                latin::lowercase(w).as_str(),
                "kommun"
                    | "kommuner"
                    | "region"
                    | "regioner"
                    | "län"
                    | "nämnd"
                    | "nämnder"
                    | "landsting"
                    | "municipality"
                    | "county"
            )
        })
}

/// A year (1900–2100) written as a word of its own.
pub(crate) fn year_of(heading: &str) -> Option<u16> {
    heading
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// Units named by phrases, longest first where one contains another.
const PHRASE_UNITS: &[(&str, Unit)] = &[
    ("miljarder kronor", Unit::Mdkr),
    ("miljoner kronor", Unit::Mnkr),
    ("tusen kronor", Unit::Tkr),
    ("tusentals kronor", Unit::Tkr),
    ("tusental kronor", Unit::Tkr),
    // English editions: "SEK m", "SEK million", "SEK thousand", "SEK bn".
    ("sek thousand", Unit::Tkr),
    ("sek '000", Unit::Tkr),
    ("sek 000", Unit::Tkr),
    ("thousands of sek", Unit::Tkr),
    ("sek million", Unit::Mnkr),
    ("millions of sek", Unit::Mnkr),
    ("sek m", Unit::Mnkr),
    ("sek billion", Unit::Mdkr),
    ("sek bn", Unit::Mdkr),
    ("thousand sek", Unit::Tkr),
    ("million sek", Unit::Mnkr),
    ("billion sek", Unit::Mdkr),
];

/// A unit named by a word of the heading: "Belopp i mnkr", "Investering (tkr)",
/// "Utfall 2021, mnkr", "miljoner kronor".
pub(crate) fn unit_of(heading: &str) -> Option<Unit> {
    // Read for every row label of a paste, 100 000 included: most name no
    // unit, and are passed without a lowercase copy.
    if !may_name_unit(heading) {
        return None;
    }
    let lower = latin::lowercase(heading);
    // Every phrase names kronor or SEK: most texts (a paste's row labels,
    // all read for a unit) are passed by two searches, not fourteen.
    if lower.contains("kronor") || lower.contains("sek") {
        for &(phrase, unit) in PHRASE_UNITS {
            if let Some(at) = lower.find(phrase) {
                // "SEK m" must end there: "SEK må" is no unit.
                let after = lower
                    .get(at + phrase.len()..)
                    .and_then(|a| a.chars().next());
                if after.is_none_or(|c| !latin::is_letter(c)) {
                    return Some(unit);
                }
            }
        }
    }
    // A ratio ("Kr/m2", "kr per invånare") names one row's measure, not
    // the table's unit: a unit word followed by "/" or "per" is passed.
    unit_word_in(&lower, false)
}

/// The unit of a ratio a text names ("Kronor per elev", "Kr/m2"): over a
/// whole table (its title, the heading of its one figure) the figures are
/// that many kronor.
pub(crate) fn ratio_unit_of(text: &str) -> Option<Unit> {
    if !may_name_unit(text) {
        return None;
    }
    unit_word_in(&latin::lowercase(text), true)
}

/// The first unit word of a lowercase text that starts a ratio ("kr/m2",
/// "kronor per elev"), or that does not.
fn unit_word_in(lower: &str, ratio: bool) -> Option<Unit> {
    let mut at = 0;
    for word in lower.split(|c: char| !latin::is_letter_or_digit(c)) {
        at += word.len();
        let after = lower.get(at..).unwrap_or("");
        at += after.chars().next().map_or(0, char::len_utf8);
        if let Some(u) = unit_word(word)
            .filter(|_| (after.starts_with('/') || after.starts_with(" per ")) == ratio)
        {
            return Some(u);
        }
    }
    None
}

/// Whether a text, in lowercase, has a piece that every unit word and
/// phrase has: "kr", "sek", "mn", "md" or "mil" (miljoner, miljarder,
/// million). Only ASCII letters and "İ" lower to these letters.
fn may_name_unit(text: &str) -> bool {
    let (mut before, mut last) = (' ', ' ');
    for c in text.chars() {
        let c = if c == 'İ' {
            'i'
        } else {
            c.to_ascii_lowercase()
        };
        if matches!((last, c), ('k', 'r') | ('m', 'n') | ('m', 'd'))
            || matches!((before, last, c), ('s', 'e', 'k') | ('m', 'i', 'l'))
        {
            return true;
        }
        (before, last) = (last, c);
    }
    false
}

/// The unit a word names in lowercase. "kr" alone is too common a word in
/// prose to count in a title, but in a heading it is the unit.
fn unit_word(word: &str) -> Option<Unit> {
    match word {
        "kr" | "kronor" | "sek" => Some(Unit::Kr),
        "tkr" | "tsek" | "ksek" | "kkr" => Some(Unit::Tkr),
        // "SEKm", "SEKbn": English editions write the scale after SEK too.
        "mnkr" | "mkr" | "msek" | "sekm" | "mnkronor" | "mn" | "miljoner" | "mkronor" => {
            Some(Unit::Mnkr)
        }
        "mdkr" | "mdsek" | "sekbn" | "mdr" | "miljarder" => Some(Unit::Mdkr),
        _ => None,
    }
}

/// Months elapsed, from text such as "januari - april" (4), "jan–aug" (8),
/// "Utfall 8 mån" (8), "Helår" (12), "tertial 2" (8), "delår" without more
/// says nothing.
pub(crate) fn months_of(text: &str) -> Option<u8> {
    let lower = latin::lowercase(text);
    // "Helår", "Helårsutfall", "Bokslut" say the outcome covers the year;
    // "Helårsbudget" and "Helårsprognos" name a budget or a forecast for the
    // year and say nothing about the months the outcome covers.
    // So do "Budget helår" and "Prognos för resultat helår": a budget or
    // forecast word up to three words before.
    let words: Vec<&str> = lower
        .split(|c: char| !latin::is_letter(c))
        .filter(|w| !w.is_empty())
        .collect();
    let full_year = words.iter().enumerate().any(|(k, w)| {
        let of_plan = |w: &&str| w.contains("budget") || w.contains("prognos");
        (w.starts_with("helår") || w.starts_with("bokslut"))
            && !of_plan(w)
            && !words
                .get(k.saturating_sub(3)..k)
                .is_some_and(|before| before.iter().any(of_plan))
    });
    if full_year {
        return Some(12);
    }
    // "8 mån", "8 månader"
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        if let [number, unit] = pair {
            if unit.starts_with("mån") {
                if let Ok(n) = number.parse::<u8>() {
                    if (1..=12).contains(&n) {
                        return Some(n);
                    }
                }
            }
        }
        if let [word, number] = pair {
            if *word == "tertial" {
                if let Ok(n @ 1..=3) = number.parse::<u8>() {
                    return Some(n * 4);
                }
            }
        }
    }
    // "januari - april", "jan–apr", "januari-augusti": the month range ends
    // with the last month of the period, counted from January.
    let month_at = |word: &str| -> Option<u8> {
        let w = word.trim_matches(|c: char| !latin::is_letter(c));
        if w.len() < 3 {
            return None;
        }
        MONTHS
            .iter()
            .find(|(name, _)| name.starts_with(w) && (w.len() >= 3))
            .map(|(_, n)| *n)
    };
    let normalised = lower.replace(['–', '—', '-'], " - ");
    let tokens: Vec<&str> = normalised.split_whitespace().collect();
    for window in tokens.windows(3) {
        if let [from, "-", to] = window {
            if let (Some(1), Some(end)) = (month_at(from), month_at(to)) {
                return Some(end);
            }
        }
    }
    // A text layer that lost the dash: "Resultat januari augusti".
    for pair in tokens.windows(2) {
        if let [from, to] = pair {
            if let (Some(1), Some(end @ 2..)) = (month_at(from), month_at(to)) {
                return Some(end);
            }
        }
    }
    None
}

/// A part of a year written before it: a quarter, a tertial or a half
/// ("Q1", "Kv3", "T2", "H1" in "Q1 2024").
pub(crate) fn is_part_of_year(word: &str) -> bool {
    latin::lowercase(word.trim())
        .strip_suffix(['1', '2', '3', '4'])
        .is_some_and(|letters| matches!(letters, "q" | "kv" | "t" | "h"))
}

/// Whether every word of a text names a part of the year: a month or a
/// span of months ("jan– mar", "April-June"), a quarter, tertial or half
/// ("Q1– Q3", "Kv2") or "helår". An empty text names none and passes.
pub(crate) fn names_parts_of_the_year(text: &str) -> bool {
    text.split(|c: char| !latin::is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .all(|w| is_part_of_year(w) || month_of_word(w).is_some() || latin::lowercase(w) == "helår")
}

/// The month a word names, in full or abbreviated to three letters or
/// more: "maj" (5), "aug" (8), "September" (9).
pub(crate) fn month_of_word(word: &str) -> Option<u8> {
    if word.chars().count() < 3 {
        return None;
    }
    let lower = latin::lowercase(word);
    MONTHS
        .iter()
        .find(|(name, _)| name.starts_with(lower.as_str()))
        .map(|(_, n)| *n)
}

/// Whether a text begins with a month's name or its abbreviation ("maj
/// 2017", "jan-aug", "december"): a heading's second line, not the rest of a
/// word broken at the line end.
pub(crate) fn starts_with_month(text: &str) -> bool {
    let first: String = text
        .chars()
        .take_while(|c| latin::is_letter(*c))
        .map(latin::lower)
        .collect();
    first.chars().count() >= 3 && MONTHS.iter().any(|(name, _)| name.starts_with(&first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_the_year() {
        for (text, want) in [
            ("jan– mar", true),
            ("April-June", true),
            ("Q1– Q3", true),
            ("Kv2", true),
            ("helår", true),
            ("", true),
            ("Budget", false),
            ("Resultat", false),
            ("SEKm", false),
        ] {
            assert_eq!(names_parts_of_the_year(text), want, "{text:?}");
        }
    }

    #[test]
    fn month_words_start_a_line() {
        for (text, want) in [
            ("maj 2017", true),
            ("jan-aug", true),
            ("December 2021", true),
            ("June 2019", true),
            ("October-December", true),
            ("Mayor", false),
            ("nos", false),
            ("mot budget", false),
            ("marginal", false),
            ("ju", false),
        ] {
            assert_eq!(starts_with_month(text), want, "{text:?}");
        }
    }

    #[test]
    fn cleaning_joins_broken_words_and_keeps_real_hyphens() {
        for (raw, clean) in [
            ("Budget- avvikelse", "Budgetavvikelse"),
            ("Års- prognos", "Årsprognos"),
            ("Utfalls- avvikelse", "Utfallsavvikelse"),
            ("  Ack.  utfall ", "Ack. utfall"),
            ("Re/ny", "Re/ny"),
            ("0-4 år", "0-4 år"),
            ("Budget 2021 - Utfall 2021", "Budget 2021 - Utfall 2021"),
            ("Förtroende-valda", "Förtroendevalda"),
            ("e-hälsa", "e-hälsa"),
            ("IT-utrustning", "IT-utrustning"),
        ] {
            assert_eq!(clean_heading(raw), clean, "{raw:?}");
        }
    }

    #[test]
    fn headings_name_roles() {
        use Role::*;
        let table: &[(&str, Option<Role>)] = &[
            ("Uppdrag, belopp i mnkr", Some(Label)),
            ("Investering (tkr)", Some(Label)),
            ("Indikator", Some(Label)),
            ("Konto", Some(Text)),
            ("Kategori", Some(Label)),
            ("Belopp i mnkr", Some(Label)),
            ("Utfall", Some(Outcome)),
            ("Ack. utfall", Some(Outcome)),
            ("Ack resultat tkr", Some(Outcome)),
            ("Periodens ack. resultat", Some(Outcome)),
            ("Utfall 8 mån", Some(Outcome)),
            ("Utfall 2021", Some(Outcome)),
            ("Budget", Some(Budget)),
            ("Ack. budget", Some(Budget)),
            ("Periodens ack. budget", Some(Budget)),
            ("Budget 2019 jan-aug", Some(Budget)),
            ("Budget 2019", Some(AnnualBudget)),
            ("Årsbudget", Some(AnnualBudget)),
            ("Årsbudg et", Some(AnnualBudget)),
            ("Budget 2021", Some(AnnualBudget)),
            ("Årsprognos", Some(Forecast)),
            ("Års- prognos", Some(Forecast)),
            ("Årsprog nos", Some(Forecast)),
            ("Prognos", Some(Forecast)),
            ("Utfall 2020", Some(Outcome)), // the year post-pass makes it prior
            ("Ack utfall föregående år", Some(PriorOutcome)),
            ("Jämförelse, resultat per augusti 2015", Some(PriorOutcome)),
            ("Jämförelse utfall", Some(PriorOutcome)),
            ("Februari 2018", Some(Outcome)),
            ("Augusti", Some(Outcome)),
            ("Februari 2018 budget", Some(AnnualBudget)),
            ("Budgetavvikelse prognos april", Some(PreviousForecast)),
            ("Föreg. Prognos", Some(PreviousForecast)),
            ("Tidigare prognos", Some(PreviousForecast)),
            ("Innev. Prognos", Some(Forecast)),
            ("Avvikelse", Some(StatedVariance)),
            ("Budgetavvikelse", Some(StatedVariance)),
            ("Budget- avvikelse", Some(StatedVariance)),
            ("Ack. budget avvikelse", Some(StatedVariance)),
            ("Avvikelse mot årsbudget", Some(StatedVariance)),
            ("Prognostiserad avvikelse mot budget", Some(StatedVariance)),
            (
                "Prognostis erad avvikelse mot årsbudget",
                Some(StatedVariance),
            ),
            ("Utfalls- avvikelse", Some(StatedVariance)),
            ("Återstår", Some(StatedVariance)),
            ("Förändring, mnkr", Some(StatedVariance)),
            // A flow before or after changes is no change column (this one
            // names the operations, as label headings do).
            (
                "Kassaflöde från den löpande verksamheten före förändringar av rörelsekapital",
                Some(Label),
            ),
            ("Resultat exkl. förändring av pensionsskuld", Some(Outcome)),
            // A state agency's result and its results carried forward.
            ("Årets kapitalförändring", None),
            ("Värdeförändring skog", None),
            ("Förändring lager mm", None),
            ("Förändring jämfört med maj 2016", Some(StatedVariance)),
            ("Balanserad kapitalförändring", None),
            ("Avvikelsen i % av årsbudget", Some(StatedPercent)),
            ("Relation (%)", Some(StatedPercent)),
            ("Förändring %", Some(StatedPercent)),
            ("%", Some(StatedPercent)),
            ("Procent", Some(StatedPercent)),
            ("Andel", Some(StatedPercent)),
            ("Drift (tkr)", Some(Outcome)),
            ("Driftkostnader", None),
            ("Utfall i % av budget", Some(StatedPercent)),
            ("Förbrukat i %", Some(StatedPercent)),
            ("Förändring 2017–2018 %/kvm", Some(StatedPercent)),
            ("Soliditet, %", Some(Other)),
            ("Bokslut 2018 kr/kvm", Some(Other)),
            ("Ingående redovisat resultat 1)", Some(Other)),
            ("Utgående resultatfond", Some(Other)),
            ("Disposition av resultat", Some(Other)),
            ("Nettokostnad kr per invånare", Some(Other)),
            (
                "Verksamhetens nettokostnader per invånare i kr",
                Some(Other),
            ),
            ("Soliditet i procent", Some(Other)),
            ("Procentuell fördelning", Some(StatedPercent)),
            ("Sjukfrånvaro i %", Some(Other)),
            ("Skattekraft i % av riket", Some(Other)),
            ("0-4 år Andel", Some(StatedPercent)),
            ("Årets resultat/skatteintäkter, %", Some(StatedPercent)),
            ("Kassalikviditet, %", Some(Other)),
            ("Soliditet, inkl affärsverks. kapitalandel, %", Some(Other)),
            ("Total projektbudget", Some(TotalBudget)),
            ("Re/ny", Some(Text)),
            ("Omsättning *) 2021", Some(Other)),
            ("Målvärde", Some(Other)),
            ("Kommunbidrag", Some(Budget)),
            ("Kommunbidrag 2021", Some(AnnualBudget)),
            ("SB + ÄB 2017", Some(AnnualBudget)),
            ("Statsbudget", Some(Budget)),
            ("Plan 2025", Some(Other)),
            ("Flerårsplan 2026", Some(Other)),
            ("Planerat", None),
            ("Anslag", Some(Budget)),
            ("Anslag 2024", Some(AnnualBudget)),
            ("Anslagsbelopp (tkr)", Some(Budget)),
            ("Anslag/ap", Some(Label)),
            ("Anslag/anslagspost", Some(Label)),
            ("Anslagspost", Some(Label)),
            ("Anslagsförbrukning", Some(Outcome)),
            ("Anslagsutfall 2023", Some(Outcome)),
            ("Anslagskredit (tkr)", Some(Other)),
            ("Anslagssparande", Some(Other)),
            ("Indrag av anslagsbelopp", Some(Other)),
            ("Anslagsbehållning som disponeras 2006", None),
            ("Nettokostnad", Some(Outcome)),
            ("Nettokostnad 2021", Some(Outcome)),
            ("Not", Some(Text)),
            ("Noter", Some(Text)),
            ("Actual", Some(Outcome)),
            ("Outcome Jan-Aug", Some(Outcome)),
            ("Budget", Some(Budget)),
            ("Annual budget", Some(AnnualBudget)),
            ("Full-year forecast", Some(Forecast)),
            ("Forecast", Some(Forecast)),
            ("Variance", Some(StatedVariance)),
            ("Deviation from budget", Some(StatedVariance)),
            ("Outcome previous year", Some(PriorOutcome)),
            ("Variance, %", Some(StatedPercent)),
            ("", None),
            ("Regionkontoret", None),
            ("Nothing", None),
        ];
        for (heading, role) in table {
            assert_eq!(role_of(heading), *role, "{heading:?}");
        }
    }

    #[test]
    fn years_units_and_months() {
        assert_eq!(year_of("Utfall 2021"), Some(2021));
        assert_eq!(year_of("Antal listade dec 2020"), Some(2020));
        assert_eq!(year_of("Utfall 8 mån"), None);
        assert_eq!(year_of("Konto 40112"), None);
        for (heading, unit) in [
            ("Uppdrag, belopp i mnkr", Some(Unit::Mnkr)),
            ("Investering (tkr)", Some(Unit::Tkr)),
            ("Ack resultat tkr", Some(Unit::Tkr)),
            ("Utfall 2021, mnkr", Some(Unit::Mnkr)),
            ("Belopp i miljoner kronor", Some(Unit::Mnkr)),
            (
                "Sammanställning av bruttoinvesteringar, mnkr",
                Some(Unit::Mnkr),
            ),
            ("Prognosavvikelse, Mkr", Some(Unit::Mnkr)),
            ("RESULTATRÄKNING (MKR)*", Some(Unit::Mnkr)),
            ("Belopp i tusentals kronor", Some(Unit::Tkr)),
            ("Budgetavvikelser, miljoner kronor", Some(Unit::Mnkr)),
            ("Mdr kr", Some(Unit::Mdkr)),
            ("SEK m", Some(Unit::Mnkr)),
            ("Amounts in SEK thousand", Some(Unit::Tkr)),
            ("SEK million", Some(Unit::Mnkr)),
            ("SEK bn", Some(Unit::Mdkr)),
            ("SEKm 2019", Some(Unit::Mnkr)),
            ("Amounts in SEKbn", Some(Unit::Mdkr)),
            ("Million SEK", Some(Unit::Mnkr)),
            ("Amounts in thousand SEK", Some(Unit::Tkr)),
            ("Utfall", None),
            ("Sektor mål", None),
            ("Enhet 12", None),
            ("Kostnadsställe 4711", None),
            ("MSEK", Some(Unit::Mnkr)),
            ("Belopp i MİLJARDER", Some(Unit::Mdkr)),
            ("Mn", Some(Unit::Mnkr)),
            ("Mdr", Some(Unit::Mdkr)),
            // A ratio names a row's measure, not the table's unit.
            ("Kr/m2", None),
            ("Nettokostnad kr per invånare", None),
            ("Kostnad per invånare, kr", Some(Unit::Kr)),
        ] {
            assert_eq!(unit_of(heading), unit, "{heading:?}");
        }
        // Over a whole table, a ratio says what the figures are counted in.
        for (text, unit) in [
            ("Kronor per elev", Some(Unit::Kr)),
            (
                "Kommunala kostnader för gymnasieskolan 2008-2018. Kronor per elev",
                Some(Unit::Kr),
            ),
            ("Kr/m2", Some(Unit::Kr)),
            ("Tkr per årsarbetare", Some(Unit::Tkr)),
            ("Belopp i tkr", None),
            ("Kostnad per invånare, kr", None),
            ("Antal elever per lärare", None),
        ] {
            assert_eq!(ratio_unit_of(text), unit, "{text:?}");
        }
        for (text, months) in [
            ("Uppföljningsrapport 1 januari - april", Some(4)),
            ("januari–augusti 2020", Some(8)),
            ("jan-apr", Some(4)),
            ("Utfall 8 mån", Some(8)),
            ("Helår 2021", Some(12)),
            ("Helårsutfall", Some(12)),
            ("Bokslut 2021", Some(12)),
            ("Enhet Utfall Budget Helårsbudget", None),
            ("Helårsprognos", None),
            ("Bokslutsprognos", None),
            ("Tertial 2", Some(8)),
            ("Utfall", None),
            ("mars - april", None),
            ("Resultat januari augusti", Some(8)),
            ("Prognos för resultat helår", None),
            ("Budget helår 2013", None),
            ("Utfall helår", Some(12)),
        ] {
            assert_eq!(months_of(text), months, "{text:?}");
        }
    }

    /// `unit_of` as it was written before it skipped the phrases in texts
    /// that name neither kronor nor SEK: what it finds, the quick one must.
    fn unit_of_in_lowercase(heading: &str) -> Option<Unit> {
        let lower = latin::lowercase(heading);
        for &(phrase, unit) in PHRASE_UNITS {
            if let Some(at) = lower.find(phrase) {
                let after = lower[at + phrase.len()..].chars().next();
                if after.is_none_or(|c| !latin::is_letter(c)) {
                    return Some(unit);
                }
            }
        }
        unit_words_in_lowercase(&lower)
            .into_iter()
            .find_map(|(unit, ratio)| (!ratio).then_some(unit))
    }

    /// The unit words of a lowercase text, each with whether a ratio
    /// follows it ("kr/m2", "kronor per elev"): maximal runs of letters
    /// and digits, found apart from `unit_word_in`'s running offset.
    fn unit_words_in_lowercase(lower: &str) -> Vec<(Unit, bool)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in lower.char_indices().chain([(lower.len(), ' ')]) {
            match (latin::is_letter_or_digit(c) && i < lower.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if let Some(unit) = unit_word(&lower[s..i]) {
                        let after = &lower[i..];
                        out.push((unit, after.starts_with('/') || after.starts_with(" per ")));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    /// Pieces of headings and labels, units and near-units among them.
    #[rustfmt::skip]
    const UNIT_PIECES: &[&str] = &[
        "kr", "KR", "Kr", "kronor", "KRONOR", "sek", "SEK", "t", "T", "m", "M", "n", "d", "md", "mn",
        "Mn", "miljoner", "MILJARDER", "tusen", "tusentals", "thousand", "million", "bn", "billion",
        "of", "'000", "000", " ", "\u{a0}", "(", ")", ",", "å", "Å", "İ", "ſ", "é", "1", "2021",
        "Utfall", "Enhet", "lj", "LJONER", "ljarder", "llion", "S", "E", "K", "R", "D", "N", "e", "r",
        "k", "/", " per ", "per", "P", "m2", "elev",
    ];

    proptest::proptest! {
        #[test]
        fn unit_of_reads_as_it_did_in_lowercase(
            pieces in proptest::collection::vec(proptest::sample::select(UNIT_PIECES), 0..8)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(unit_of(&text), unit_of_in_lowercase(&text), "{:?}", text);
        }

        #[test]
        fn ratio_unit_of_reads_the_first_unit_before_a_ratio(
            pieces in proptest::collection::vec(proptest::sample::select(UNIT_PIECES), 0..8)
        ) {
            let text = pieces.concat();
            let want = unit_words_in_lowercase(&latin::lowercase(&text))
                .into_iter()
                .find_map(|(unit, ratio)| ratio.then_some(unit));
            proptest::prop_assert_eq!(ratio_unit_of(&text), want, "{:?}", text);
        }
    }
}
