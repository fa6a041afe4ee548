//! The layout of text without delimiters ([`LaidOut`]) as JSON, for a
//! build of the core without the `line-layouts` feature (the browser app's
//! first load) to receive it from one with it (its on-demand module). The
//! two modules share no memory; this is what passes between them. The
//! diagnostics travel as the workspace file writes them.

use super::read::{diagnostic_kind, index, text, ROOT};
use super::*;
use crate::read::{LaidOut, RawCell, RawRow, RawTable};

// Tuples rather than objects: serde reads a tuple with far less code than
// an object (no key matching), and this code is in the app's first load.
// Only the two modules read and write it.

/// Title (and its line), headings, rows, context, diagnostics, whether
/// the rows came from lines.
#[derive(Serialize, Deserialize)]
struct LaidOutFile<'a>(
    #[serde(borrow)] Option<(Cow<'a, str>, u64)>,
    Vec<String>,
    #[serde(borrow)] Vec<LaidRow<'a>>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Vec<DiagnosticFile<'a>>,
    bool,
);

/// A row: its line and its cells.
#[derive(Serialize, Deserialize)]
struct LaidRow<'a>(u64, #[serde(borrow)] Vec<LaidCell<'a>>);

/// A cell: its text, and bold (1) and italic (2) as bits.
#[derive(Serialize, Deserialize)]
struct LaidCell<'a>(#[serde(borrow)] Cow<'a, str>, u8);

/// The layout as JSON; `None` if it could not be written.
pub fn write_line_layout(laid: &LaidOut) -> Option<String> {
    let raw = &laid.0;
    let file = LaidOutFile(
        raw.title
            .as_ref()
            .map(|(t, line)| (Cow::Borrowed(t.as_str()), *line as u64)),
        raw.headings.clone(),
        raw.rows
            .iter()
            .map(|r| {
                LaidRow(
                    r.line as u64,
                    r.cells
                        .iter()
                        .map(|c| {
                            LaidCell(
                                Cow::Borrowed(&c.text),
                                u8::from(c.bold) | u8::from(c.italic) << 1,
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        Cow::Borrowed(&raw.context),
        raw.diagnostics.iter().map(DiagnosticFile::of).collect(),
        raw.from_lines,
    );
    serde_json::to_string(&file).ok()
}

/// Diagnostics as the workspace file writes them, read back; `None` if one
/// is not a diagnostic.
pub(super) fn diagnostics_of(list: Vec<DiagnosticFile>) -> Option<Vec<Diagnostic>> {
    let at = ROOT.key("diagnostics");
    let mut read = Vec::with_capacity(list.len());
    for d in list {
        read.push(Diagnostic {
            row: index(d.row, &at, "row").ok()?,
            column: index(d.column, &at, "column").ok()?,
            line: index(d.line, &at, "line").ok()?,
            seen: text(d.seen.clone(), &at, "seen").ok()?,
            kind: diagnostic_kind(d, &at).ok()?,
        });
    }
    Some(read)
}

/// The layout [`write_line_layout`] wrote; `None` if `json` is not one.
pub fn read_line_layout(json: &str) -> Option<LaidOut> {
    let LaidOutFile(title, headings, rows, context, diagnostics, from_lines) =
        serde_json::from_str(json).ok()?;
    let read_diagnostics = diagnostics_of(diagnostics)?;
    let count = |n: u64| usize::try_from(n).ok();
    let mut raw_rows = Vec::with_capacity(rows.len());
    for LaidRow(line, cells) in rows {
        raw_rows.push(RawRow {
            line: count(line)?,
            cells: cells
                .into_iter()
                .map(|LaidCell(text, flags)| RawCell {
                    text: Cow::Owned(text.into_owned()),
                    bold: flags & 1 != 0,
                    italic: flags & 2 != 0,
                })
                .collect(),
        });
    }
    let title = match title {
        Some((t, line)) => Some((t.into_owned(), count(line)?)),
        None => None,
    };
    Some(LaidOut(RawTable {
        title,
        headings,
        rows: raw_rows,
        context: context.into_owned(),
        diagnostics: read_diagnostics,
        from_lines,
    }))
}

#[cfg(all(test, feature = "line-layouts"))]
mod tests {
    use super::*;
    use crate::grid;
    use crate::read::{lay_out, read_laid_out, read_paste};

    /// Every text without delimiters among the seed fixtures and the
    /// corpus reads to the same table when its layout comes through JSON
    /// (as the browser app's first load receives it from its on-demand
    /// module) as when it is laid out in place.
    #[test]
    fn a_layout_through_json_reads_as_the_layout_in_place() {
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
                let json = write_line_layout(&laid).expect("written");
                let back = read_line_layout(&json).expect("read back");
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
        for text in ["", "{}", "[]", "{\"rows\": 3}", "null"] {
            assert!(read_line_layout(text).is_none(), "{text:?}");
        }
    }
}
