//! How the on-demand module hands the browser app what it read: a
//! workspace file the user opened or the browser had stored
//! ([`write_handover`], [`read_handover`]), and the follow-ups the user
//! changed in the year view ([`write_follow_ups`], [`read_follow_ups`]).
//!
//! The workspace file's reader, with its limits and its error paths, is
//! linked only into the on-demand module; the app's first load takes the
//! model as the module built it, in the model's own serde form. Both
//! modules are built from the same source, so this form has no versions
//! and is never stored or shown: a file is always [`super::read_workspace_file`]'s
//! to read. The diagnostics travel as the workspace file writes them (their
//! kinds are one flat object), as in a line layout.

use super::line_layout::diagnostics_of;
use super::*;

/// The workspace, and each sheet's diagnostics in the file's form.
#[derive(Serialize)]
struct HandoverOut<'a>(&'a Workspace, Vec<Vec<DiagnosticFile<'a>>>);

/// What [`HandoverOut`] wrote.
#[derive(Deserialize)]
struct HandoverIn<'a>(Workspace, #[serde(borrow)] Vec<Vec<DiagnosticFile<'a>>>);

/// `ws` in the form [`read_handover`] reads; `None` if it could not be
/// written (it cannot for the model's types).
pub fn write_handover(ws: &Workspace) -> Option<String> {
    let diagnostics = ws
        .sheets
        .iter()
        .map(|s| s.table.diagnostics.iter().map(DiagnosticFile::of).collect())
        .collect();
    serde_json::to_string(&HandoverOut(ws, diagnostics)).ok()
}

/// The workspace [`write_handover`] wrote; `None` if `json` is not one.
pub fn read_handover(json: &str) -> Option<Workspace> {
    let HandoverIn(mut ws, diagnostics) = serde_json::from_str(json).ok()?;
    if diagnostics.len() != ws.sheets.len() {
        return None;
    }
    for (sheet, list) in ws.sheets.iter_mut().zip(diagnostics) {
        sheet.table.diagnostics = diagnostics_of(list)?;
    }
    Some(ws)
}

/// The follow-ups in the form [`read_follow_ups`] reads.
pub fn write_follow_ups(follow_ups: &[FollowUp]) -> Option<String> {
    serde_json::to_string(follow_ups).ok()
}

/// The follow-ups [`write_follow_ups`] wrote, if every report's table is
/// one of `sheet_ids` (a table may have been closed while the year view
/// worked) and its months are 1–12; `None` otherwise.
pub fn read_follow_ups(json: &str, sheet_ids: &[u64]) -> Option<Vec<FollowUp>> {
    let list: Vec<FollowUp> = serde_json::from_str(json).ok()?;
    let fits = |r: &crate::followup::ReportSettings| {
        sheet_ids.contains(&r.sheet) && r.months.is_none_or(|m| (1..=12).contains(&m))
    };
    list.iter()
        .all(|f| f.reports.iter().all(fits))
        .then_some(list)
}
