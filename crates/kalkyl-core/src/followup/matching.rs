//! Matching rows across the reports of a follow-up.
//!
//! In this order:
//!
//! 1. the user's matches ([`super::MatchOverride`]) are applied first; one
//!    whose rows no longer carry the labels they had is dropped;
//! 2. each report's last total row ("Totalt", "Summa") is the follow-up's
//!    total, whatever its label;
//! 3. rows whose normalised labels are equal are one row; a label that
//!    occurs twice in one report matches nothing (which one would be a
//!    guess);
//! 4. several rows of one report whose labels begin with the name of a row
//!    of another report ("Utvecklingsmedel ePlan", "Utvecklingsmedel
//!    Regional utveckling" against "Utvecklingsmedel") stand for it only
//!    when there are at least two of them and their budgets add up to its
//!    budget within rounding: the sum must be what is matched. A single
//!    part, or parts whose budgets do not confirm it (the budget may have
//!    changed), are listed as unmatched with the row they may belong to;
//!    the user decides;
//! 5. with two or more reports, a row found in one report only is listed
//!    as unmatched.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::RowKind;

use super::label::normalise_label;
use super::{MatchOverride, MatchTarget};

/// A row of a report's table that can be matched.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The row index in the table.
    pub row: usize,
    /// The label as printed.
    pub label: String,
    /// The row's kind (headings are not candidates).
    pub kind: RowKind,
    /// The budget in the follow-up's unit and the reference convention,
    /// with its rounding tolerance: what confirms a group.
    pub budget: Option<(Decimal, Decimal)>,
}

/// The candidates of one report.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReportRows {
    /// The report's sheet.
    pub sheet: u64,
    /// Its rows that can be matched.
    pub rows: Vec<Candidate>,
}

/// Why a row of a report is not in the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmatchedReason {
    /// No other report has a row of this name.
    NoCounterpart,
    /// The report has two rows of this name.
    SameLabelTwice,
    /// The row has no label.
    NoLabel,
    /// Its label begins with the name of a row of another report, but it
    /// is the only such part, its siblings' budgets do not add up to that
    /// row's budget, or it could be part of several rows: matching it
    /// would match a part to the whole.
    PossiblePart {
        /// The label of the row it may be part of.
        of: String,
    },
    /// The user took it out.
    ByUser,
}

impl UnmatchedReason {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (UnmatchedReason::NoCounterpart, Lang::Sv) => {
                "ingen annan rapport har en rad med det namnet".into()
            }
            (UnmatchedReason::NoCounterpart, Lang::En) => {
                "no other report has a row of that name".into()
            }
            (UnmatchedReason::SameLabelTwice, Lang::Sv) => {
                "rapporten har två rader med samma namn".into()
            }
            (UnmatchedReason::SameLabelTwice, Lang::En) => {
                "the report has two rows of the same name".into()
            }
            (UnmatchedReason::NoLabel, Lang::Sv) => "raden saknar namn".into(),
            (UnmatchedReason::NoLabel, Lang::En) => "the row has no label".into(),
            (UnmatchedReason::PossiblePart { of }, Lang::Sv) => format!(
                "kan vara en del av «{of}», men delarnas summa bekräftar det inte; välj själv"
            ),
            (UnmatchedReason::PossiblePart { of }, Lang::En) => format!(
                "may be part of «{of}», but the parts' sum does not confirm it; choose yourself"
            ),
            (UnmatchedReason::ByUser, Lang::Sv) => "du har tagit bort matchningen".into(),
            (UnmatchedReason::ByUser, Lang::En) => "you removed the match".into(),
        }
    }
}

/// A row of a report that is in no row of the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The report's index in the follow-up.
    pub report: usize,
    /// The row index in its table.
    pub row: usize,
    /// The label as printed.
    pub label: String,
    /// Why.
    pub reason: UnmatchedReason,
}

/// A row of the follow-up and the rows that make it in each report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MatchedRow {
    /// The label shown: as printed where it first appears whole.
    pub label: String,
    /// The normalised label.
    pub key: String,
    /// Per report, the table rows added together (empty: not in it).
    pub members: Vec<Vec<usize>>,
    /// Whether the user named it (its label is then kept).
    pub by_user: bool,
}

/// The result of matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matching {
    /// The follow-up's rows, in the order they first appear.
    pub rows: Vec<MatchedRow>,
    /// Per report, the row of its total.
    pub totals: Vec<Option<usize>>,
    /// Rows in no follow-up row.
    pub unmatched: Vec<Unmatched>,
    /// The user's matches that were dropped (their rows changed), by index.
    pub dropped: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Free,
    Taken,
    Out(UnmatchedReason),
}

/// A row that parts may stand for: a follow-up row so far, or a free row
/// of one report (`at`: report and candidate).
#[derive(Debug, Clone)]
struct Whole {
    key: String,
    label: String,
    at: Option<(usize, usize)>,
}

struct Builder {
    rows: Vec<MatchedRow>,
    by_key: BTreeMap<String, usize>,
    n: usize,
}

impl Builder {
    fn row_for(&mut self, key: &str, label: &str, by_user: bool) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            if let Some(row) = self.rows.get_mut(i) {
                row.by_user |= by_user;
            }
            return i;
        }
        self.rows.push(MatchedRow {
            label: label.trim().to_string(),
            key: key.to_string(),
            members: vec![Vec::new(); self.n],
            by_user,
        });
        let i = self.rows.len() - 1;
        self.by_key.insert(key.to_string(), i);
        i
    }

    fn add(&mut self, row: usize, report: usize, table_row: usize) {
        if let Some(m) = self
            .rows
            .get_mut(row)
            .and_then(|r| r.members.get_mut(report))
        {
            if !m.contains(&table_row) {
                m.push(table_row);
            }
        }
    }
}

/// Half-unit rounding tolerances add up; an overflow confirms nothing.
fn sum_budgets(parts: &[&Candidate]) -> Option<(Decimal, Decimal)> {
    let mut value = Decimal::ZERO;
    let mut tolerance = Decimal::ZERO;
    for part in parts {
        let (v, t) = part.budget?;
        value = value.add_exact(v)?;
        tolerance = tolerance.add_exact(t)?;
    }
    Some((value, tolerance))
}

/// Matches the rows of the reports (see the module documentation).
pub(crate) fn match_rows(reports: &[ReportRows], overrides: &[MatchOverride]) -> Matching {
    let n = reports.len();
    let mut slots: Vec<Vec<Slot>> = reports
        .iter()
        .map(|r| vec![Slot::Free; r.rows.len()])
        .collect();
    let keys: Vec<Vec<String>> = reports
        .iter()
        .map(|r| r.rows.iter().map(|c| normalise_label(&c.label)).collect())
        .collect();
    let mut b = Builder {
        rows: Vec::new(),
        by_key: BTreeMap::new(),
        n,
    };
    let mut dropped = Vec::new();

    // 1. The user's matches.
    for (oi, o) in overrides.iter().enumerate() {
        let mut applied = false;
        for (r, report) in reports.iter().enumerate() {
            if report.sheet != o.sheet {
                continue;
            }
            let found: Option<Vec<usize>> = o
                .rows
                .iter()
                .map(|rr| {
                    report.rows.iter().position(|c| {
                        c.row == rr.row && normalise_label(&c.label) == normalise_label(&rr.label)
                    })
                })
                .collect();
            let Some(found) = found else { continue };
            applied = true;
            let key = match &o.target {
                MatchTarget::Row { label } => Some((normalise_label(label), label)),
                MatchTarget::Unmatched => None,
            };
            for &c in &found {
                // A later choice for the same row wins over an earlier one.
                if let Some(cand) = report.rows.get(c) {
                    for row in &mut b.rows {
                        if let Some(m) = row.members.get_mut(r) {
                            m.retain(|&x| x != cand.row);
                        }
                    }
                }
                let slot = match &key {
                    Some((k, label)) if !k.is_empty() => {
                        let fu = b.row_for(k, label, true);
                        if let Some(cand) = report.rows.get(c) {
                            b.add(fu, r, cand.row);
                        }
                        Slot::Taken
                    }
                    Some(_) => Slot::Out(UnmatchedReason::NoLabel),
                    None => Slot::Out(UnmatchedReason::ByUser),
                };
                if let Some(s) = slots.get_mut(r).and_then(|s| s.get_mut(c)) {
                    *s = slot;
                }
            }
        }
        if !applied {
            dropped.push(oi);
        }
    }

    // 2. Totals: the last free total row of each report.
    let mut totals = vec![None; n];
    for (r, report) in reports.iter().enumerate() {
        let last = report
            .rows
            .iter()
            .enumerate()
            .rev()
            .find(|(c, cand)| {
                cand.kind == RowKind::Total
                    && slots.get(r).and_then(|s| s.get(*c)) == Some(&Slot::Free)
            })
            .map(|(c, _)| c);
        if let Some(c) = last {
            if let (Some(t), Some(cand)) = (totals.get_mut(r), report.rows.get(c)) {
                *t = Some(cand.row);
            }
            if let Some(s) = slots.get_mut(r).and_then(|s| s.get_mut(c)) {
                *s = Slot::Taken;
            }
        }
    }

    // 3. Equal labels. A label twice in one report, or none, matches nothing.
    // Maps by key keep this near linear for long tables.
    for r in 0..n {
        let (Some(ks), Some(ss)) = (keys.get(r), slots.get_mut(r)) else {
            continue;
        };
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for (c, key) in ks.iter().enumerate() {
            if ss.get(c) == Some(&Slot::Free) {
                *count.entry(key.as_str()).or_default() += 1;
            }
        }
        for (c, key) in ks.iter().enumerate() {
            if ss.get(c) != Some(&Slot::Free) {
                continue;
            }
            if key.is_empty() {
                ss[c] = Slot::Out(UnmatchedReason::NoLabel);
            } else if count.get(key.as_str()).is_some_and(|&k| k > 1) {
                ss[c] = Slot::Out(UnmatchedReason::SameLabelTwice);
            }
        }
    }
    let reports_with_rows = reports.iter().filter(|r| !r.rows.is_empty()).count();
    let free = |slots: &Vec<Vec<Slot>>, r: usize, c: usize| {
        slots.get(r).and_then(|s| s.get(c)) == Some(&Slot::Free)
    };
    // The reports that have a free row of each key.
    let mut free_in: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (r, ks) in keys.iter().enumerate() {
        for (c, key) in ks.iter().enumerate() {
            if free(&slots, r, c) {
                free_in.entry(key.as_str()).or_default().push(r);
            }
        }
    }
    for r in 0..n {
        for c in 0..keys.get(r).map_or(0, Vec::len) {
            if !free(&slots, r, c) {
                continue;
            }
            let key = &keys[r][c];
            let existing = b.by_key.get(key).copied();
            let elsewhere = free_in
                .get(key.as_str())
                .is_some_and(|rs| rs.iter().any(|&o| o != r))
                || existing.and_then(|i| b.rows.get(i)).is_some_and(|row| {
                    row.members
                        .iter()
                        .enumerate()
                        .any(|(o, m)| o != r && !m.is_empty())
                });
            if !(elsewhere || reports_with_rows <= 1) {
                continue;
            }
            if let Some(i) = existing {
                if b.rows
                    .get(i)
                    .and_then(|row| row.members.get(r))
                    .is_some_and(|m| !m.is_empty())
                {
                    // The user put other rows of this report there.
                    slots[r][c] = Slot::Out(UnmatchedReason::SameLabelTwice);
                    continue;
                }
            }
            let label = reports[r].rows[c].label.clone();
            let fu = b.row_for(key, &label, false);
            b.add(fu, r, reports[r].rows[c].row);
            slots[r][c] = Slot::Taken;
        }
    }

    // 4. Parts of a row of another report.
    // Wholes: the follow-up's rows so far and the rows still free.
    let mut wholes: Vec<Whole> = b
        .rows
        .iter()
        .map(|row| Whole {
            key: row.key.clone(),
            label: row.label.clone(),
            at: None,
        })
        .collect();
    for (r, ks) in keys.iter().enumerate() {
        for (c, key) in ks.iter().enumerate() {
            if free(&slots, r, c) && !b.by_key.contains_key(key) {
                wholes.push(Whole {
                    key: key.clone(),
                    label: reports[r].rows[c].label.clone(),
                    at: Some((r, c)),
                });
            }
        }
    }
    let mut wholes_by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (w, whole) in wholes.iter().enumerate() {
        wholes_by_key.entry(whole.key.clone()).or_default().push(w);
    }
    // (whole index, report) -> parts
    let mut parts: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for r in 0..n {
        for c in 0..keys[r].len() {
            if !free(&slots, r, c) {
                continue;
            }
            // The wholes a key is part of are its leading words.
            let key = &keys[r][c];
            let of: Vec<usize> = key
                .char_indices()
                .filter(|(_, ch)| *ch == ' ')
                .filter_map(|(i, _)| wholes_by_key.get(key.get(..i)?))
                .flatten()
                .copied()
                .filter(|&w| wholes[w].at.is_none_or(|(wr, _)| wr != r))
                .collect();
            match of.as_slice() {
                [] => {}
                [w] => parts.entry((*w, r)).or_default().push(c),
                several => {
                    let longest = several
                        .iter()
                        .max_by_key(|w| wholes[**w].key.len())
                        .map(|w| wholes[*w].label.clone())
                        .unwrap_or_default();
                    slots[r][c] = Slot::Out(UnmatchedReason::PossiblePart { of: longest });
                }
            }
        }
    }
    for ((w, r), cs) in parts {
        let Whole { key, label, at } = wholes[w].clone();
        let cs: Vec<usize> = cs.into_iter().filter(|&c| free(&slots, r, c)).collect();
        if cs.is_empty() {
            continue;
        }
        // The whole's budget in another report: its own row, or the rows
        // already matched to it there.
        let whole_budgets: Vec<(Decimal, Decimal)> = match at {
            Some((wr, wc)) if free(&slots, wr, wc) => {
                reports[wr].rows[wc].budget.into_iter().collect()
            }
            Some(_) => Vec::new(),
            None => b
                .by_key
                .get(&key)
                .and_then(|&i| b.rows.get(i))
                .map(|row| {
                    row.members
                        .iter()
                        .enumerate()
                        .filter(|(o, m)| *o != r && !m.is_empty())
                        .filter_map(|(o, m)| {
                            let cands: Option<Vec<&Candidate>> = m
                                .iter()
                                .map(|tr| reports[o].rows.iter().find(|c| c.row == *tr))
                                .collect();
                            sum_budgets(&cands?)
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        let cands: Vec<&Candidate> = cs.iter().map(|&c| &reports[r].rows[c]).collect();
        let confirmed = cs.len() >= 2
            && sum_budgets(&cands).is_some_and(|(sum, tol)| {
                whole_budgets.iter().any(|(v, t)| {
                    sum.sub_exact(*v)
                        .zip(tol.add_exact(*t))
                        .is_some_and(|(d, t)| d.abs() <= t)
                })
            });
        if confirmed {
            let fu = b.row_for(&key, &label, false);
            if let Some((wr, wc)) = at {
                if free(&slots, wr, wc) {
                    b.add(fu, wr, reports[wr].rows[wc].row);
                    slots[wr][wc] = Slot::Taken;
                }
            }
            for &c in &cs {
                b.add(fu, r, reports[r].rows[c].row);
                slots[r][c] = Slot::Taken;
            }
        } else {
            for &c in &cs {
                slots[r][c] = Slot::Out(UnmatchedReason::PossiblePart { of: label.clone() });
            }
        }
    }

    // 5. What is left matched nothing.
    let mut unmatched = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        for (c, cand) in report.rows.iter().enumerate() {
            let reason = match &slots[r][c] {
                Slot::Taken => continue,
                Slot::Free => UnmatchedReason::NoCounterpart,
                Slot::Out(reason) => reason.clone(),
            };
            unmatched.push(Unmatched {
                report: r,
                row: cand.row,
                label: cand.label.trim().to_string(),
                reason,
            });
        }
    }

    // A row is named as the latest report that has it whole names it (the
    // year's last wording), unless the user named it.
    let mut rows = b.rows;
    rows.retain(|row| row.members.iter().any(|m| !m.is_empty()));
    for row in &mut rows {
        if row.by_user {
            continue;
        }
        let latest = row
            .members
            .iter()
            .enumerate()
            .rev()
            .find_map(|(r, m)| match m.as_slice() {
                [one] => reports.get(r)?.rows.iter().find(|c| c.row == *one),
                _ => None,
            });
        if let Some(c) = latest {
            row.label = c.label.trim().to_string();
        }
    }
    // In the order rows first appear: by report, then row.
    let first = |row: &MatchedRow| {
        row.members
            .iter()
            .enumerate()
            .find(|(_, m)| !m.is_empty())
            .map(|(r, m)| (r, m.iter().min().copied().unwrap_or(0)))
            .unwrap_or((usize::MAX, 0))
    };
    crate::order::sort_by(&mut rows, |a, b| first(a).cmp(&first(b)));
    Matching {
        rows,
        totals,
        unmatched,
        dropped,
    }
}
