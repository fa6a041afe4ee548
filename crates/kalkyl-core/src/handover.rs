//! How the browser app's two WebAssembly modules hand the model to each
//! other. They share no memory, so what one computes reaches the other as
//! bytes: the first load (a build without the `line-layouts` feature, with
//! no file reader) sends the on-demand module the read choices of text
//! without delimiters and takes back its layout ([`write_line_layout`]), a
//! workspace file the module read ([`write_handover`]), and the follow-ups
//! the user changed in the year view ([`write_follow_ups`]).
//!
//! The form is the model's own serde form in `postcard`: no field names and
//! no text to parse, so the first load carries no JSON reader at all. Both
//! modules are built from the same source, so the form has no versions; it
//! is never stored or shown (a file is always JSON, read by
//! [`crate::file::read_workspace_file`]). A reader refuses what does not
//! read (`None`); it never panics.

use crate::followup::{FollowUp, ReportSettings};
use crate::read::{LaidOut, ReadChoices};
use crate::workspace::Workspace;

/// The workspace in the form [`read_handover`] reads; `None` if it could
/// not be written (it cannot for the model's types).
pub fn write_handover(ws: &Workspace) -> Option<Vec<u8>> {
    postcard::to_allocvec(ws).ok()
}

/// The workspace [`write_handover`] wrote; `None` if `bytes` is not one.
pub fn read_handover(bytes: &[u8]) -> Option<Workspace> {
    postcard::from_bytes(bytes).ok()
}

/// The follow-ups in the form [`read_follow_ups`] reads.
pub fn write_follow_ups(follow_ups: &[FollowUp]) -> Option<Vec<u8>> {
    postcard::to_allocvec(follow_ups).ok()
}

/// The follow-ups [`write_follow_ups`] wrote, if every report's table is
/// one of `sheet_ids` (a table may have been closed while the year view
/// worked) and its months are 1–12; `None` otherwise.
pub fn read_follow_ups(bytes: &[u8], sheet_ids: &[u64]) -> Option<Vec<FollowUp>> {
    let list: Vec<FollowUp> = postcard::from_bytes(bytes).ok()?;
    let fits = |r: &ReportSettings| {
        sheet_ids.contains(&r.sheet) && r.months.is_none_or(|m| (1..=12).contains(&m))
    };
    list.iter()
        .all(|f| f.reports.iter().all(fits))
        .then_some(list)
}

/// Read choices in the form [`read_choices`] reads.
pub fn write_choices(choices: &ReadChoices) -> Option<Vec<u8>> {
    postcard::to_allocvec(choices).ok()
}

/// The read choices [`write_choices`] wrote; `None` if `bytes` is not one.
pub fn read_choices(bytes: &[u8]) -> Option<ReadChoices> {
    postcard::from_bytes(bytes).ok()
}

/// A layout of text without delimiters in the form [`read_line_layout`]
/// reads.
pub fn write_line_layout(laid: &LaidOut) -> Option<Vec<u8>> {
    postcard::to_allocvec(&laid.0).ok()
}

/// The layout [`write_line_layout`] wrote; `None` if `bytes` is not one.
pub fn read_line_layout(bytes: &[u8]) -> Option<LaidOut> {
    postcard::from_bytes(bytes).ok().map(LaidOut)
}

#[cfg(all(test, feature = "line-layouts"))]
mod tests {
    use super::*;
    use crate::grid;
    use crate::read::{lay_out, read_laid_out, read_paste};

    /// Every text without delimiters among the seed fixtures and the
    /// corpus reads to the same table when its layout comes through the hand-over
    /// (as the browser app's first load receives it from its on-demand
    /// module) as when it is laid out in place.
    #[test]
    fn a_layout_through_the_hand_over_reads_as_the_layout_in_place() {
        let dirs = ["tests/fixtures/tables", "tests/corpus"];
        let mut seen = 0;
        for dir in dirs {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let mut files: Vec<_> = std::fs::read_dir(&path)
                .expect("fixture folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "table"))
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).expect("fixture");
                let Some(paste) = paste_of(&text) else {
                    continue;
                };
                let choices = ReadChoices::default();
                let Some(laid) = lay_out(&paste, &choices) else {
                    continue;
                };
                seen += 1;
                let bytes = write_line_layout(&laid).expect("written");
                let back = read_line_layout(&bytes).expect("read back");
                let through = read_laid_out(grid::read_text(&paste), Some(back.0), &choices);
                assert_eq!(
                    through,
                    read_paste(&paste, None, &choices),
                    "{}",
                    file.display()
                );
            }
        }
        assert!(seen >= 40, "only {seen} texts without delimiters");
    }

    /// The text between `=== paste` and the next `===` line.
    fn paste_of(fixture: &str) -> Option<String> {
        let start = fixture.find("=== paste\n")? + "=== paste\n".len();
        let body = &fixture[start..];
        let end = body.find("\n=== ").map_or(body.len(), |i| i + 1);
        Some(body[..end].to_string())
    }

    #[test]
    fn only_text_without_delimiters_needs_the_line_layout() {
        use crate::read::needs_line_layout;
        let pdf = "Investering (tkr) Utfall Budget\nA 1 400 400\nB 100 200\n";
        let table = "<table><tr><td>A</td><td>1</td></tr></table>";
        let plain_choice = ReadChoices {
            prefer_plain: true,
            ..ReadChoices::default()
        };
        let none = ReadChoices::default();
        let cases: [(&str, Option<&str>, &ReadChoices, bool); 7] = [
            (pdf, None, &none, true),
            ("Enhet\tUtfall\nA\t1 400\n", None, &none, false),
            (
                "Enhet;Utfall;Budget\nA;1;2\nB;3;4\nC;5;6\n",
                None,
                &none,
                false,
            ),
            (pdf, Some(table), &none, false),
            (pdf, Some("<p>no table here</p>"), &none, true),
            (pdf, Some(table), &plain_choice, true),
            ("", None, &none, false),
        ];
        for (plain, html, choices, want) in cases {
            assert_eq!(
                needs_line_layout(plain, html, choices),
                want,
                "{plain:?} {html:?} {choices:?}"
            );
        }
    }

    #[test]
    fn what_is_not_a_layout_is_not_read_as_one() {
        let cut = write_line_layout(&LaidOut::default()).expect("written");
        let garbage: [&[u8]; 4] = [b"", b"{}", &[0xff; 9], &cut[..cut.len() - 1]];
        for bytes in garbage {
            assert!(read_line_layout(bytes).is_none(), "{bytes:?}");
        }
    }
}

#[cfg(test)]
mod decimal_tests {
    use crate::model::Cell;
    use rust_decimal::Decimal;

    #[test]
    fn decimals_cross_exactly_with_their_scale() {
        for value in [
            Decimal::ZERO,
            Decimal::new(-18641, 1),
            Decimal::new(12300, 4),
            Decimal::new(-1, 28),
            Decimal::MAX,
            Decimal::MIN,
        ] {
            let bytes = postcard::to_allocvec(&Cell::Number(value)).expect("written");
            let back: Cell = postcard::from_bytes(&bytes).expect("read back");
            assert_eq!(back, Cell::Number(value));
            assert_eq!(back.number().map(|d| d.scale()), Some(value.scale()));
        }
    }

    #[test]
    fn bytes_no_decimal_has_are_refused() {
        let good = postcard::to_allocvec(&Cell::Number(Decimal::new(5, 1))).expect("written");
        // The variant's index, then the decimal's 16 bytes; its flags first,
        // the scale in the third byte, the sign in the top bit of the fourth.
        let flags_at = good.len() - 16;
        for (byte, value) in [(2, 29u8), (2, 0xFF), (0, 1), (3, 0x01)] {
            let mut bad = good.clone();
            bad[flags_at + byte] = value;
            assert!(
                postcard::from_bytes::<Cell>(&bad).is_err(),
                "byte {byte} = {value}"
            );
        }
        let mut negative = good.clone();
        negative[flags_at + 3] = 0x80;
        let read: Cell = postcard::from_bytes(&negative).expect("a sign is a decimal's");
        assert_eq!(read, Cell::Number(Decimal::new(-5, 1)));
    }
}
