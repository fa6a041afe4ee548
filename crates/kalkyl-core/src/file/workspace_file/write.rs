//! Writing a workspace as a file (export) or as the browser stores it.

use super::*;

/// A table as the file holds it; `DERIVED` adds what import ignores and
/// recomputes (a constant, so that a build that only stores links none of
/// the computations behind it).
pub(super) fn table_file<const DERIVED: bool>(sheet: &Sheet) -> TableFile<'_, RowsOut<'_>> {
    let derived = DERIVED;
    let t = &sheet.table;
    let s = &t.settings;
    let results = derived.then(|| Box::new(compute(t)));
    let detected = derived.then(|| detect_convention(t).convention);
    let c = &sheet.choices;
    TableFile {
        id: sheet.id,
        name: Cow::Borrowed(&sheet.name),
        title: t.title.as_deref().map(Cow::Borrowed),
        unit: t.unit,
        display_unit: s.display_unit,
        display_decimals: s.display_decimals.map(u64::from),
        months: t.months.map(u64::from),
        sign_convention: s.sign_convention.or(detected),
        sign_convention_chosen: Some(s.sign_convention.is_some()),
        sign_convention_detected: detected,
        forecast_method: s.forecast_method,
        row_forecast_methods: Keyed::of(&s.row_forecast_methods, |m| *m),
        status_thresholds: Some(Thresholds {
            met_within: Dec::Out(s.status.met_within),
            acceptable_within: Dec::Out(s.status.acceptable_within),
        }),
        source: Some(SourceFile {
            plain: Cow::Borrowed(&sheet.source.plain),
            html: sheet.source.html.as_deref().map(Cow::Borrowed),
        }),
        read_choices: Some(ChoicesFile {
            roles: Keyed::of(&c.roles, |r| *r),
            decimal_marks: Keyed::of(&c.decimal_marks, |m| *m),
            unit: c.unit.map(UnitChoice),
            months: c.months.map(u64::from),
            splits: Keyed::of(&c.splits, |n| *n as u64),
            prefer_plain: c.prefer_plain,
            orientation: c.orientation,
            year_pasted: c.year_pasted.map(u64::from),
        }),
        columns: t
            .columns
            .iter()
            .map(|col| ColumnFile {
                label: Cow::Borrowed(&col.heading),
                role: col.role,
            })
            .collect(),
        totals: results.as_ref().map(|r| TotalsOut {
            sums: r.totals.columns.iter().copied().map(ComputedOut).collect(),
            computed: ResultOut(r.totals.computed),
        }),
        // After `totals`, which borrows the results that the rows take.
        rows: RowsOut { table: t, results },
        checks: derived.then(|| {
            check_table(t)
                .into_iter()
                .map(|c| CheckOut {
                    row: c.row,
                    column: c.column,
                    kind: c.kind,
                    stated: Dec::Out(c.stated),
                    recomputed: Dec::Out(c.recomputed),
                    difference: ComputedOut(c.difference),
                    message: Message {
                        sv: c.message_sv,
                        en: c.message_en,
                    },
                })
                .collect()
        }),
        diagnostics: t
            .diagnostics
            .iter()
            .map(|d| DiagnosticFile {
                message: derived.then(|| Message {
                    sv: d.kind.message(Lang::Sv),
                    en: d.kind.message(Lang::En),
                }),
                ..DiagnosticFile::of(d)
            })
            .collect(),
    }
}

/// Row `i` of `table` as the file holds it; `results` (the derived form
/// only) adds its label, computed figures and sums.
pub(super) fn row_file<'a>(
    table: &'a Table,
    results: Option<&Results>,
    (i, row): (usize, &'a Row),
) -> RowFile<'a> {
    RowFile {
        label: results.map(|_| table.label(i)),
        kind: Some(row.kind),
        level: Some(row.level.into()),
        note: row.note.as_deref().map(Cow::Borrowed),
        values: row.cells.iter().map(CellFile::Out).collect(),
        originals: Keyed::of(&row.originals, CellFile::Out),
        // `compute` gives every row its result.
        computed: results.and_then(|r| r.rows.get(i)).map(|r| ResultOut(*r)),
        sums: results
            .and_then(|r| r.sum_of(i))
            .map(|totals| totals.columns.iter().copied().map(ComputedOut).collect()),
    }
}

/// The follow-up as the file holds it: a report whose table is no longer
/// in the workspace is left out and months outside 1–12 are unknown, so
/// that every file written reads back.
pub(super) fn writable<'a>(f: &'a FollowUp, ids: &[u64]) -> Cow<'a, FollowUp> {
    let months_fit = |m: &u8| (1..=12).contains(m);
    let fits =
        |r: &ReportSettings| ids.contains(&r.sheet) && r.months.as_ref().is_none_or(months_fit);
    if f.reports.iter().all(fits) {
        return Cow::Borrowed(f);
    }
    let mut f = f.clone();
    f.reports.retain(|r| ids.contains(&r.sheet));
    for r in &mut f.reports {
        r.months = r.months.filter(months_fit);
    }
    Cow::Owned(f)
}

/// A follow-up row or the total (derived): the forecast deviations of the
/// reports that have one.
pub(super) fn line_out<'a>(
    label: Option<&'a str>,
    members: Vec<&'a [usize]>,
    line: &Line,
) -> LineOut<'a> {
    let all = |v: &[Computed]| v.iter().copied().map(ComputedOut).collect();
    LineOut {
        label,
        members,
        budget: all(&line.budgets),
        forecasts: all(&line.forecasts),
        outcome: ComputedOut(line.outcome),
        forecast_deviations: line
            .deviations
            .iter()
            .enumerate()
            .filter(|(_, d)| d.value != Computed::Blank || d.percent != Computed::Blank)
            .map(|(report, d)| DeviationOut {
                report,
                value: ComputedOut(d.value),
                percent: ComputedOut(d.percent),
            })
            .collect(),
    }
}

/// The name of why a row is unmatched, and the row it may be part of.
pub(super) fn reason_key(r: &UnmatchedReason) -> (&'static str, Option<&str>) {
    match r {
        UnmatchedReason::NoCounterpart => ("no_counterpart", None),
        UnmatchedReason::SameLabelTwice => ("same_label_twice", None),
        UnmatchedReason::NoLabel => ("no_label", None),
        UnmatchedReason::PossiblePart { of } => ("possible_part", Some(of)),
        UnmatchedReason::ByUser => ("by_user", None),
    }
}

/// A follow-up as the file holds it; `result` adds the derived parts.
pub(super) fn follow_up_file<'a>(
    f: &'a FollowUp,
    result: Option<&'a FollowUpResult>,
) -> FollowUpFile<'a> {
    FollowUpFile {
        name: Cow::Borrowed(&f.name),
        unit: f.unit,
        convention: Some(f.convention),
        status_thresholds: Some(Thresholds {
            met_within: Dec::Out(f.status.met_within),
            acceptable_within: Dec::Out(f.status.acceptable_within),
        }),
        reports: f
            .reports
            .iter()
            .map(|r| ReportFile {
                sheet: r.sheet,
                kind: r.kind,
                months: r.months.map(u64::from),
                convention: r.convention,
            })
            .collect(),
        matches: f
            .matches
            .iter()
            .map(|m| MatchFile {
                sheet: m.sheet,
                rows: m
                    .rows
                    .iter()
                    .map(|r| RowRefFile {
                        row: r.row as u64,
                        label: Cow::Borrowed(&r.label),
                    })
                    .collect(),
                into: match &m.target {
                    MatchTarget::Row { label } => Some(Cow::Borrowed(label)),
                    MatchTarget::Unmatched => None,
                },
            })
            .collect(),
        rows: result.map(|r| {
            r.rows
                .iter()
                .map(|row| {
                    let members = row.members.iter().map(Vec::as_slice).collect();
                    line_out(Some(&row.label), members, &row.line)
                })
                .collect()
        }),
        total: result.map(|r| {
            let members = r.total_members.iter().map(Option::as_slice).collect();
            line_out(None, members, &r.total)
        }),
        unmatched: result.map(|r| {
            r.unmatched
                .iter()
                .map(|u| {
                    let (reason, of) = reason_key(&u.reason);
                    UnmatchedOut {
                        report: u.report,
                        row: u.row,
                        label: &u.label,
                        reason,
                        of,
                        message: Message {
                            sv: u.reason.describe(Lang::Sv),
                            en: u.reason.describe(Lang::En),
                        },
                    }
                })
                .collect()
        }),
    }
}

/// Writes a workspace as a version-[`VERSION`] file: UTF-8 JSON laid out
/// with two-space indentation (see `docs/file-format.md`), keys in a fixed
/// order, ending in a line end. `saved_at` (an ISO 8601 time, as the app
/// passes it) is written as given, or `null`. The session's undo history
/// is not written.
pub fn write_workspace_file(ws: &Workspace, saved_at: Option<&str>) -> String {
    write::<true>(ws, saved_at, None).concat()
}

/// Writes the workspace as the browser keeps it between visits: the file of
/// [`write_workspace_file`] without what import ignores and recomputes (row
/// labels, computed figures, sums, totals, checks, the detected sign
/// convention, messages) and without indentation. [`read_workspace_file`]
/// reads it back to the same workspace. A large table's file is several
/// times smaller this way, which keeps it within what the browser stores in
/// one record and makes the save far quicker.
pub fn write_workspace_store(ws: &Workspace, saved_at: Option<&str>) -> String {
    write::<false>(ws, saved_at, None).concat()
}

/// [`write_workspace_store`] in pieces of about a MiB whose concatenation
/// is the text: a large workspace is never held in one growing buffer
/// (which peaks at three times the text), and the browser can join the
/// pieces in its own memory. `None` if the text could not be written
/// (it cannot for the file's types; a caller must not store nothing).
pub fn write_workspace_store_pieces(ws: &Workspace, saved_at: Option<&str>) -> Option<Vec<String>> {
    Some(write::<false>(ws, saved_at, None)).filter(|pieces| !pieces.is_empty())
}

/// The stored form of one sheet of the workspace (no follow-ups), in
/// pieces like [`write_workspace_store_pieces`]: what the on-demand module
/// reads to draw that sheet's charts. `None` if the text could not be
/// written.
pub fn write_sheet_store_pieces(ws: &Workspace, sheet: u64) -> Option<Vec<String>> {
    Some(write::<false>(ws, None, Some(sheet))).filter(|pieces| !pieces.is_empty())
}

/// The file in pieces; `DERIVED`: the export, with what import ignores and
/// recomputes (see [`table_file`]), laid out; otherwise the stored form.
#[inline(never)]
pub(super) fn write<const DERIVED: bool>(
    ws: &Workspace,
    saved_at: Option<&str>,
    only: Option<u64>,
) -> Vec<String> {
    let derived = DERIVED;
    let ids: Vec<u64> = ws.sheets.iter().map(|s| s.id).collect();
    let all_follow_ups = if only.is_some() {
        &[][..]
    } else {
        &ws.follow_ups[..]
    };
    let follow_ups: Vec<Cow<FollowUp>> = all_follow_ups.iter().map(|f| writable(f, &ids)).collect();
    // The figures of follow-ups only with the feature (see Cargo.toml).
    let tables = (derived && cfg!(feature = "follow-up-figures")).then(|| ws.sheet_tables());
    let results: Vec<Option<FollowUpResult>> = follow_ups
        .iter()
        .map(|f| tables.as_deref().map(|t| followup::compute(f, t)))
        .collect();
    let root = Root {
        format: FORMAT,
        version: VERSION,
        name: ws.name.as_str(),
        saved_at,
        next_id: ws.next_id,
        settings: WorkspaceSettings {},
        tables: ws
            .sheets
            .iter()
            .filter(|s| only.is_none_or(|id| s.id == id))
            .map(table_file::<DERIVED>)
            .collect::<Vec<_>>(),
        follow_ups: follow_ups
            .iter()
            .zip(&results)
            .map(|(f, r)| follow_up_file(f, r.as_ref()))
            .collect::<Vec<_>>(),
    };
    // Serialising these types cannot fail: every map key is a string.
    if derived {
        write_laid_out(&root).into_iter().collect()
    } else {
        write_compact(&root).unwrap_or_default()
    }
}
