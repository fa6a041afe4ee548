//! The workspace: the tables a user has pasted, each with the text it came
//! from and the user's answers to the reader's guesses, so that a changed
//! guess reads the same text again without losing the user's edits.

use serde::{Deserialize, Serialize};

use crate::edit::{Command, EditError, Effect, History};
use crate::model::{Role, Table};
use crate::read::{read_paste, ReadChoices};

/// What was pasted, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PastedSource {
    /// The clipboard's `text/plain` (or the typed or dropped text).
    pub plain: String,
    /// The clipboard's `text/html`, when it had one.
    pub html: Option<String>,
}

/// One table of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    /// A stable id within the workspace.
    pub id: u64,
    /// The name shown on its tab.
    pub name: String,
    /// The pasted text.
    pub source: PastedSource,
    /// The user's answers to the reader's guesses.
    pub choices: ReadChoices,
    /// The table as read, with the user's edits.
    pub table: Table,
    /// Undo and redo of the edits made in this session (never kept).
    #[serde(skip)]
    pub history: History,
}

/// What a table calls itself: its title line, else its first heading when
/// that says more than a unit ("Investeringar (tkr)", "Uppdrag", not
/// "Belopp i mnkr" or "Tkr"). At most 60 characters, cut at a word.
pub fn table_name(table: &Table) -> Option<String> {
    let heading = table
        .columns
        .iter()
        .find(|c| c.role == Role::Label)
        .or_else(|| table.columns.first())
        .map(|c| c.heading.as_str());
    [table.title.as_deref(), heading]
        .into_iter()
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| says_more_than_a_unit(t))
        .map(|t| shorten(&t, 60))
}

/// Whether a heading has a word that is not a unit or "belopp": a name.
fn says_more_than_a_unit(text: &str) -> bool {
    crate::latin::lowercase(text)
        .split(|c: char| !crate::latin::is_letter(c))
        .filter(|w| w.chars().count() >= 3)
        .any(|w| {
            !matches!(
                w,
                "belopp"
                    | "tkr"
                    | "mnkr"
                    | "mkr"
                    | "mdkr"
                    | "kronor"
                    | "tusen"
                    | "miljoner"
                    | "miljarder"
                    | "sek"
                    | "msek"
                    | "tsek"
                    | "ksek"
                    | "angivna"
                    | "anges"
            )
        })
}

/// Cuts a name at a word boundary to at most `max` characters, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    out.push('…');
    out
}

impl Sheet {
    /// Reads a paste into a new sheet; `year_pasted` is the year by the
    /// user's clock, when known (see [`ReadChoices::year_pasted`]).
    pub fn from_paste(id: u64, plain: &str, html: Option<&str>, year_pasted: Option<u16>) -> Sheet {
        let source = PastedSource {
            plain: plain.to_string(),
            html: html.map(str::to_string),
        };
        let choices = ReadChoices {
            year_pasted,
            ..ReadChoices::default()
        };
        let table = read_paste(&source.plain, source.html.as_deref(), &choices);
        let name = table_name(&table).unwrap_or_else(|| format!("Tabell {id}"));
        Sheet {
            id,
            name,
            source,
            choices,
            table,
            history: History::default(),
        }
    }

    /// Carries out an edit as an undoable step; the effect tells an
    /// [`crate::calc::IncrementalCalc`] what to recompute.
    pub fn apply(&mut self, command: &Command) -> Result<Effect, EditError> {
        self.history.apply(&mut self.table, command)
    }

    /// Undoes the last step; `None` when there is none.
    pub fn undo(&mut self) -> Option<Effect> {
        self.history.undo(&mut self.table)
    }

    /// Redoes the last undone step; `None` when there is none.
    pub fn redo(&mut self) -> Option<Effect> {
        self.history.redo(&mut self.table)
    }

    /// Changes the read choices and reads the source again. Cells the user
    /// had edited keep their edited value (and their pasted original) where
    /// the row and column still exist; the table's settings are kept.
    pub fn change_choices(&mut self, change: impl FnOnce(&mut ReadChoices)) {
        change(&mut self.choices);
        let mut fresh = read_paste(
            &self.source.plain,
            self.source.html.as_deref(),
            &self.choices,
        );
        for (old, new) in self.table.rows.iter().zip(fresh.rows.iter_mut()) {
            for (column, original) in &old.originals {
                if let (Some(edited), Some(slot)) =
                    (old.cells.get(*column), new.cells.get_mut(*column))
                {
                    *slot = edited.clone();
                    new.originals.insert(*column, original.clone());
                }
            }
        }
        fresh.settings = std::mem::take(&mut self.table.settings);
        self.table = fresh;
        // The steps recorded refer to the table as it was read before.
        self.history.clear();
    }
}

/// Everything the user has open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Workspace {
    /// The workspace's name, for file names and the file's `name`; empty
    /// means unnamed (files are then called "kalkyl").
    pub name: String,
    /// The tables, in tab order.
    pub sheets: Vec<Sheet>,
    /// The id the next sheet gets.
    pub next_id: u64,
    /// The follow-ups over the year: reports (sheets) compared row by row.
    pub follow_ups: Vec<crate::followup::FollowUp>,
}

impl Workspace {
    /// Its sheets' tables as a follow-up reads them, in tab order.
    pub fn sheet_tables(&self) -> Vec<crate::followup::SheetTable<'_>> {
        self.sheets
            .iter()
            .map(|s| crate::followup::SheetTable {
                id: s.id,
                name: &s.name,
                table: &s.table,
            })
            .collect()
    }

    /// Reads a paste into a new sheet at the end; returns its id. The year
    /// it was pasted in is not known: no year heading is taken for a plan
    /// by its year alone.
    pub fn add_paste(&mut self, plain: &str, html: Option<&str>) -> u64 {
        self.add_paste_of(plain, html, None)
    }

    /// Reads a paste made in `year_pasted` (by the user's clock) into a new
    /// sheet at the end; returns its id. Columns headed by later years are
    /// plans, never outcomes.
    pub fn add_paste_of(
        &mut self,
        plain: &str,
        html: Option<&str>,
        year_pasted: Option<u16>,
    ) -> u64 {
        self.next_id = self.next_id.saturating_add(1);
        let id = self.next_id;
        self.sheets
            .push(Sheet::from_paste(id, plain, html, year_pasted));
        id
    }

    /// Adds an empty table to fill in by hand: a label, an outcome and a
    /// budget column and ten rows; returns its id.
    pub fn add_blank(&mut self, name: &str) -> u64 {
        const BLANK: &str = "Rad\tUtfall\tBudget\nRad 1\t\t\nRad 2\t\t\nRad 3\t\t\n\
            Rad 4\t\t\nRad 5\t\t\nRad 6\t\t\nRad 7\t\t\nRad 8\t\t\nRad 9\t\t\nRad 10\t\t\n";
        let id = self.add_paste(BLANK, None);
        self.rename(id, name);
        id
    }

    /// Renames a sheet; a name of only whitespace is refused (`false`).
    pub fn rename(&mut self, id: u64, name: &str) -> bool {
        let name = name.trim();
        match self.sheet_mut(id) {
            Some(sheet) if !name.is_empty() && sheet.name != name => {
                sheet.name = name.to_string();
                true
            }
            _ => false,
        }
    }

    /// Moves a sheet `delta` places along the tabs (stopping at the ends);
    /// `false` when it did not move.
    pub fn move_sheet(&mut self, id: u64, delta: isize) -> bool {
        let Some(from) = self.sheets.iter().position(|s| s.id == id) else {
            return false;
        };
        let last = self.sheets.len().saturating_sub(1);
        let to = from.saturating_add_signed(delta).min(last);
        if to == from {
            return false;
        }
        let sheet = self.sheets.remove(from);
        self.sheets.insert(to, sheet);
        true
    }

    /// Takes a sheet out of the workspace, with its place, so that the
    /// removal can be undone with [`Workspace::restore`].
    pub fn remove(&mut self, id: u64) -> Option<(usize, Sheet)> {
        let at = self.sheets.iter().position(|s| s.id == id)?;
        Some((at, self.sheets.remove(at)))
    }

    /// Puts a removed sheet back at its place (or last, if the workspace
    /// has fewer sheets now).
    pub fn restore(&mut self, at: usize, sheet: Sheet) {
        let at = at.min(self.sheets.len());
        self.sheets.insert(at, sheet);
    }

    /// Takes in the sheets of an imported workspace, after the open ones,
    /// each with a fresh id (ids are unique within a workspace, deleted
    /// sheets kept for undo included); returns the ids given, in order.
    /// A workspace that never held a sheet becomes the other one exactly,
    /// so importing a file into a fresh workspace restores it as saved; an
    /// unnamed one takes the other's name.
    pub fn absorb(&mut self, other: Workspace) -> Vec<u64> {
        if self.sheets.is_empty() && self.next_id == 0 {
            let ids = other.sheets.iter().map(|s| s.id).collect();
            *self = other;
            return ids;
        }
        if self.name.is_empty() {
            self.name = other.name;
        }
        let mut ids = Vec::with_capacity(other.sheets.len());
        for mut sheet in other.sheets {
            self.next_id = self.next_id.saturating_add(1);
            sheet.id = self.next_id;
            ids.push(sheet.id);
            self.sheets.push(sheet);
        }
        ids
    }

    /// The sheet with this id.
    pub fn sheet(&self, id: u64) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.id == id)
    }

    /// The sheet with this id, to change.
    pub fn sheet_mut(&mut self, id: u64) -> Option<&mut Sheet> {
        self.sheets.iter_mut().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Role};
    use rust_decimal::Decimal;

    const PASTE: &str = "Uppdrag\tUtfall\tBudget\nA\t1\t2\nB\t3\t4\n";

    #[test]
    fn absorbing_into_an_empty_workspace_restores_the_other_exactly() {
        let mut theirs = Workspace {
            follow_ups: Vec::new(),
            name: "Delår".into(),
            ..Workspace::default()
        };
        theirs.add_paste(PASTE, None);
        theirs.add_paste(PASTE, None);
        let mut ours = Workspace::default();
        assert_eq!(ours.absorb(theirs.clone()), vec![1, 2]);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn absorbing_into_an_open_workspace_appends_with_fresh_ids() {
        let mut theirs = Workspace::default();
        let a = theirs.add_paste(PASTE, None);
        theirs.rename(a, "Theirs");
        let mut ours = Workspace {
            follow_ups: Vec::new(),
            name: "Mine".into(),
            ..Workspace::default()
        };
        ours.add_paste(PASTE, None);
        ours.add_paste(PASTE, None);
        assert_eq!(ours.absorb(theirs), vec![3]);
        assert_eq!(ours.name, "Mine");
        let ids: Vec<u64> = ours.sheets.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(ours.sheets[2].name, "Theirs");
        assert_eq!(ours.add_paste(PASTE, None), 4);
    }

    #[test]
    fn a_workspace_whose_sheets_were_deleted_still_gives_fresh_ids() {
        let mut ours = Workspace::default();
        let gone = ours.add_paste(PASTE, None);
        let removed = ours.remove(gone);
        let mut theirs = Workspace::default();
        theirs.add_paste(PASTE, None);
        let ids = ours.absorb(theirs);
        assert_eq!(ids, vec![2]);
        let (at, sheet) = removed.expect("removed");
        ours.restore(at, sheet);
        let mut all: Vec<u64> = ours.sheets.iter().map(|s| s.id).collect();
        all.sort_unstable();
        assert_eq!(all, vec![1, 2]);
    }

    #[test]
    fn a_sheet_is_named_after_its_title_or_first_heading() {
        let cases: &[(&str, &str)] = &[
            (
                "Driftredovisning, mnkr\nNämnd\tUtfall\nA\t1\n",
                "Driftredovisning, mnkr",
            ),
            (
                "Investeringar (tkr)\tUtfall\tBudget\nA\t1\t2\n",
                "Investeringar (tkr)",
            ),
            ("Belopp i mnkr\tUtfall\tBudget\nA\t1\t2\n", "Tabell 1"),
            ("\tUtfall\tBudget\nA\t1\t2\n", "Tabell 1"),
        ];
        for (paste, name) in cases {
            let mut ws = Workspace::default();
            let id = ws.add_paste(paste, None);
            assert_eq!(
                ws.sheet(id).map(|s| s.name.as_str()),
                Some(*name),
                "{paste:?}"
            );
        }
        let long = read_paste(
            "Sammanställning av nämndernas driftredovisning och budgetavvikelser per verksamhetsområde 2021\nNämnd\tUtfall\nA\t1\n",
            None,
            &ReadChoices::default(),
        );
        let name = table_name(&long).unwrap_or_default();
        assert!(name.ends_with('…') && name.chars().count() <= 60, "{name}");
    }

    #[test]
    fn pastes_become_sheets_with_ids_and_names() {
        let mut ws = Workspace::default();
        let a = ws.add_paste(PASTE, None);
        let b = ws.add_paste(&format!("Resultat helår\n{PASTE}"), None);
        assert_ne!(a, b);
        assert_eq!(ws.sheet(a).map(|s| s.name.as_str()), Some("Uppdrag"));
        assert_eq!(ws.sheet(b).map(|s| s.name.as_str()), Some("Resultat helår"));
        assert_eq!(ws.sheet(b).and_then(|s| s.table.months), Some(12));
    }

    #[test]
    fn sheets_are_renamed_moved_removed_and_restored() {
        let mut ws = Workspace::default();
        let a = ws.add_paste(PASTE, None);
        let b = ws.add_paste(PASTE, None);
        let c = ws.add_blank("Egen");
        let order = |ws: &Workspace| ws.sheets.iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ws.sheet(c).map(|s| s.name.as_str()), Some("Egen"));
        assert_eq!(ws.sheet(c).map(|s| s.table.rows.len()), Some(10));
        assert_eq!(
            ws.sheet(c)
                .map(|s| s.table.columns.iter().map(|c| c.role).collect::<Vec<_>>()),
            Some(vec![Role::Label, Role::Outcome, Role::Budget])
        );
        assert!(ws.rename(a, "  Drift  "));
        assert_eq!(ws.sheet(a).map(|s| s.name.as_str()), Some("Drift"));
        assert!(!ws.rename(a, "   "), "a blank name is refused");
        assert!(!ws.rename(99, "X"));
        assert!(ws.move_sheet(a, 1));
        assert_eq!(order(&ws), vec![b, a, c]);
        assert!(ws.move_sheet(a, 5), "stops at the end");
        assert_eq!(order(&ws), vec![b, c, a]);
        assert!(!ws.move_sheet(a, 1));
        assert!(ws.move_sheet(a, -9));
        assert_eq!(order(&ws), vec![a, b, c]);
        let before = ws.clone();
        let (at, sheet) = ws.remove(b).expect("sheet b");
        assert_eq!(order(&ws), vec![a, c]);
        ws.restore(at, sheet);
        assert_eq!(ws, before);
        assert!(ws.remove(99).is_none());
    }

    #[test]
    fn edits_go_through_an_undo_history() {
        let mut ws = Workspace::default();
        let id = ws.add_paste(PASTE, None);
        let sheet = ws.sheet_mut(id).expect("sheet");
        let before = sheet.table.clone();
        sheet
            .apply(&Command::SetCell {
                row: 0,
                column: 1,
                cell: Cell::Number(Decimal::new(15, 1)),
            })
            .expect("edit");
        assert_eq!(sheet.table.number(0, 1), Some(Decimal::new(15, 1)));
        assert!(sheet.undo().is_some());
        assert_eq!(sheet.table, before);
        assert!(sheet.undo().is_none());
        assert!(sheet.redo().is_some());
        assert_eq!(sheet.table.number(0, 1), Some(Decimal::new(15, 1)));
    }

    #[test]
    fn a_changed_choice_rereads_but_keeps_edits_and_settings() {
        let mut ws = Workspace::default();
        let id = ws.add_paste(PASTE, None);
        let sheet = ws.sheet_mut(id).expect("sheet");
        // An edit, as the what-if layer records it.
        sheet.table.rows[1].cells[1] = Cell::Number(Decimal::new(35, 1));
        sheet.table.rows[1]
            .originals
            .insert(1, Cell::Number(Decimal::new(3, 0)));
        sheet.table.settings.display_decimals = Some(2);
        sheet.change_choices(|c| {
            c.roles.insert(2, Role::AnnualBudget);
        });
        assert_eq!(sheet.table.columns[2].role, Role::AnnualBudget);
        assert_eq!(
            sheet.table.rows[1].cells[1],
            Cell::Number(Decimal::new(35, 1))
        );
        assert_eq!(
            sheet.table.rows[1].originals.get(&1),
            Some(&Cell::Number(Decimal::new(3, 0)))
        );
        assert_eq!(sheet.table.settings.display_decimals, Some(2));
    }
}
