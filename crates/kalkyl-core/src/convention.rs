//! Which sign convention a table uses, decided from its own figures.
//!
//! [`detect_convention`] looks, in this order, at:
//!
//! 1. the stated deviation columns: the convention that reproduces most of
//!    their rows within rounding wins (numbers win over words: seed 004
//!    heads a column "(Budget 2021 - Utfall 2021)" and prints
//!    outcome − budget). A column that year over year reproduces better is
//!    left out. When conventions tie (a zero budget makes outcome − budget
//!    and outcome + budget equal), the later steps choose among the tied
//!    ones only;
//! 2. a formula in a heading ("Budget 2021 - Utfall 2021", "Årsbudget −
//!    prognos", "Återstår"), but only when the table has numbers in the
//!    columns the formula names: a table of deviations alone has no amounts
//!    for a convention to apply to, and a formula in its heading cannot be
//!    checked against anything (seed 004's "Effektmål 11" table, whose
//!    figures the report's own result table shows to be outcome − budget);
//! 3. "Investering" in the title or a heading: gross;
//! 4. a budget printed positive beside negative outcomes in most rows: the
//!    allocation convention;
//! 5. mostly negative amounts: net cost; mostly positive: gross (4 and 5
//!    only where the table has an outcome or forecast beside its stated
//!    deviations: a budget alone does not tell how the outcome is printed);
//! 6. otherwise net cost, the reference convention of the reports.
//!
//! Detection reads the table as pasted (a what-if edit keeps the pasted
//! figure in [`crate::model::Row::originals`], and that is what is read):
//! the convention is a property of the report, and trying figures does not
//! flip it. [`effective_convention`] applies the user's choice in
//! [`crate::model::TableSettings::sign_convention`] first.

use rust_decimal::Decimal;

use crate::exact::Exact;
use crate::lang::Lang;
use crate::model::{pasted_cell, Cell, Role, RowKind, SignConvention, Table};

/// How many rows are looked at when deciding what a column holds: enough to
/// decide, and bounded for very long tables.
pub(crate) const SAMPLE_ROWS: usize = 256;

/// How the convention was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The user chose it.
    Settings,
    /// It reproduces the stated deviations (the column that reproduced the
    /// most rows, and how many rows were reproduced in all).
    StatedVariance {
        /// The stated deviation column.
        column: usize,
        /// Rows reproduced over every stated deviation column.
        reproduced: usize,
    },
    /// A heading states the formula.
    Heading {
        /// The column whose heading states it.
        column: usize,
    },
    /// An investment table: gross amounts.
    Investment,
    /// The budget is printed positive beside negative outcomes.
    AllocationSigns,
    /// Most amounts are negative: net costs.
    NegativeAmounts,
    /// Most amounts are positive: gross amounts.
    PositiveAmounts,
    /// Nothing in the table decides it: the reference convention (net cost).
    Default,
}

/// A sign convention and how it was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Detected {
    /// The convention.
    pub convention: SignConvention,
    /// How it was decided.
    pub basis: Basis,
}

/// The formula of a convention in words: "utfall − budget".
pub fn convention_formula(convention: SignConvention, lang: Lang) -> &'static str {
    match convention {
        SignConvention::OutcomeMinusBudget => lang.pick("utfall − budget", "outcome − budget"),
        SignConvention::BudgetMinusOutcome => lang.pick("budget − utfall", "budget − outcome"),
        SignConvention::OutcomePlusBudget => lang.pick("utfall + budget", "outcome + budget"),
    }
}

impl Detected {
    /// Explains the decision: "Avvikelse = utfall − budget: så räknar
    /// tabellens egen avvikelsekolumn (kolumn 4)."
    pub fn describe(&self, lang: Lang) -> String {
        let formula = convention_formula(self.convention, lang);
        let why = match (self.basis, lang) {
            (Basis::Settings, Lang::Sv) => "du har valt det".to_string(),
            (Basis::Settings, Lang::En) => "you chose it".to_string(),
            (Basis::StatedVariance { column, .. }, Lang::Sv) => format!(
                "så räknar tabellens egen avvikelsekolumn (kolumn {})",
                column + 1
            ),
            (Basis::StatedVariance { column, .. }, Lang::En) => format!(
                "the table's own deviation column (column {}) is computed that way",
                column + 1
            ),
            (Basis::Heading { column }, Lang::Sv) => {
                format!("rubriken i kolumn {} säger det", column + 1)
            }
            (Basis::Heading { column }, Lang::En) => {
                format!("the heading of column {} says so", column + 1)
            }
            (Basis::Investment, Lang::Sv) => "en investeringstabell har positiva belopp".into(),
            (Basis::Investment, Lang::En) => "an investment table has positive amounts".into(),
            (Basis::AllocationSigns, Lang::Sv) => {
                "budgeten står positiv bredvid negativa utfall (anslag)".into()
            }
            (Basis::AllocationSigns, Lang::En) => {
                "the budget is positive beside negative outcomes (an allocation)".into()
            }
            (Basis::NegativeAmounts, Lang::Sv) => {
                "de flesta belopp är negativa (nettokostnader)".into()
            }
            (Basis::NegativeAmounts, Lang::En) => "most amounts are negative (net costs)".into(),
            (Basis::PositiveAmounts, Lang::Sv) => "de flesta belopp är positiva".into(),
            (Basis::PositiveAmounts, Lang::En) => "most amounts are positive".into(),
            (Basis::Default, Lang::Sv) => {
                "inget i tabellen avgör det, så nettokostnadsregeln används".into()
            }
            (Basis::Default, Lang::En) => {
                "nothing in the table decides it, so the net-cost rule is used".into()
            }
        };
        match lang {
            Lang::Sv => format!("Avvikelse = {formula}: {why}."),
            Lang::En => format!("Deviation = {formula}: {why}."),
        }
    }
}

/// What a stated deviation column compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VarianceBasis {
    /// The forecast against the annual budget, by the convention.
    ForecastVsAnnualBudget,
    /// The outcome against the budget, by the convention.
    OutcomeVsBudget,
    /// The outcome against the annual budget, by the convention (a
    /// full-year table).
    OutcomeVsAnnualBudget,
    /// Outcome minus prior-year outcome ("Utfallsavvikelse").
    YearOverYear,
    /// Outcome minus forecast (a follow-up of an earlier forecast).
    OutcomeMinusForecast,
}

impl VarianceBasis {
    /// Every basis, in the order ties are settled.
    pub const ALL: [VarianceBasis; 5] = [
        VarianceBasis::ForecastVsAnnualBudget,
        VarianceBasis::OutcomeVsBudget,
        VarianceBasis::OutcomeVsAnnualBudget,
        VarianceBasis::YearOverYear,
        VarianceBasis::OutcomeMinusForecast,
    ];

    /// The two roles it compares.
    pub fn roles(self) -> (Role, Role) {
        match self {
            VarianceBasis::ForecastVsAnnualBudget => (Role::Forecast, Role::AnnualBudget),
            VarianceBasis::OutcomeVsBudget => (Role::Outcome, Role::Budget),
            VarianceBasis::OutcomeVsAnnualBudget => (Role::Outcome, Role::AnnualBudget),
            VarianceBasis::YearOverYear => (Role::Outcome, Role::PriorOutcome),
            VarianceBasis::OutcomeMinusForecast => (Role::Outcome, Role::Forecast),
        }
    }

    /// The columns it compares in a table, if the table has both.
    pub fn operands(self, table: &Table) -> Option<(usize, usize)> {
        let (a, b) = self.roles();
        Some((table.column_of(a)?, table.column_of(b)?))
    }

    /// Whether the sign convention applies to it.
    pub fn uses_convention(self) -> bool {
        matches!(
            self,
            VarianceBasis::ForecastVsAnnualBudget
                | VarianceBasis::OutcomeVsBudget
                | VarianceBasis::OutcomeVsAnnualBudget
        )
    }

    /// The deviation of `a` (outcome or forecast) against `b`; `None` on overflow.
    pub fn apply(self, convention: SignConvention, a: Decimal, b: Decimal) -> Option<Decimal> {
        if self.uses_convention() {
            crate::arith::deviation(convention, a, b).ok()
        } else {
            a.sub_exact(b)
        }
    }
}

/// Half a unit of the last decimal shown: 0.05 for 12.3, 0.5 for 24.
pub(crate) fn half_unit(d: Decimal) -> Decimal {
    Decimal::try_new(5, d.scale().saturating_add(1)).unwrap_or(Decimal::ZERO)
}

/// Whether `stated` is `basis` of `a` and `b` within rounding: half a unit
/// of the last shown decimal of each of the three figures.
pub(crate) fn reproduces(
    basis: VarianceBasis,
    convention: SignConvention,
    stated: Decimal,
    a: Decimal,
    b: Decimal,
) -> bool {
    let tolerance = half_unit(stated)
        .add_exact(half_unit(a))
        .and_then(|t| t.add_exact(half_unit(b)));
    let computed = basis.apply(convention, a, b);
    match (tolerance, computed.and_then(|c| stated.sub_exact(c))) {
        (Some(t), Some(diff)) => diff.abs() <= t,
        _ => false,
    }
}

/// How well a basis reproduces a stated deviation column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Score {
    /// Rows reproduced.
    pub reproduced: usize,
    /// Rows with all three figures.
    pub rows: usize,
}

/// Scores a basis for a stated deviation column over the first
/// [`SAMPLE_ROWS`] item rows with all three figures.
pub(crate) fn score(
    table: &Table,
    value: &dyn Fn(usize, usize) -> Option<Decimal>,
    column: usize,
    basis: VarianceBasis,
    convention: SignConvention,
) -> Score {
    let mut s = Score {
        reproduced: 0,
        rows: 0,
    };
    let Some((a, b)) = basis.operands(table) else {
        return s;
    };
    for (r, row) in table.rows.iter().enumerate() {
        if row.kind != RowKind::Item {
            continue;
        }
        let (Some(st), Some(x), Some(y)) = (value(r, column), value(r, a), value(r, b)) else {
            continue;
        };
        s.rows += 1;
        if reproduces(basis, convention, st, x, y) {
            s.reproduced += 1;
        }
        if s.rows >= SAMPLE_ROWS {
            break;
        }
    }
    s
}

/// Whether a heading points to year over year ("Utfallsavvikelse",
/// "Skillnad mot föregående år").
fn hints_year_over_year(heading: &str) -> bool {
    let h = crate::latin::lowercase(heading);
    h.contains("föregående") || h.starts_with("utfalls")
}

/// The conventions, in the order ties are settled.
const CONVENTIONS: [SignConvention; 3] = [
    SignConvention::OutcomeMinusBudget,
    SignConvention::BudgetMinusOutcome,
    SignConvention::OutcomePlusBudget,
];

/// What a stated deviation column compares: the basis that reproduces most
/// of its rows (under its best convention), provided it reproduces more than
/// half of them; `None` when no basis in the table can recompute the column
/// (a deviation of a forecast the table does not show). A heading that
/// points to year over year puts that basis first in a tie.
pub(crate) fn choose_variance_basis(
    table: &Table,
    value: &dyn Fn(usize, usize) -> Option<Decimal>,
    column: usize,
) -> Option<VarianceBasis> {
    let heading = table
        .columns
        .get(column)
        .map(|c| c.heading.as_str())
        .unwrap_or("");
    let mut order: Vec<VarianceBasis> = VarianceBasis::ALL.to_vec();
    if hints_year_over_year(heading) {
        order.retain(|b| *b != VarianceBasis::YearOverYear);
        order.insert(0, VarianceBasis::YearOverYear);
    }
    let mut best: Option<(VarianceBasis, Score)> = None;
    for basis in order {
        let conventions: &[SignConvention] = if basis.uses_convention() {
            &CONVENTIONS
        } else {
            &CONVENTIONS[..1]
        };
        for &c in conventions {
            let s = score(table, value, column, basis, c);
            if best.is_none_or(|(_, b)| s.reproduced > b.reproduced) {
                best = Some((basis, s));
            }
        }
    }
    best.filter(|(_, s)| s.reproduced > 0 && s.reproduced * 2 > s.rows)
        .map(|(b, _)| b)
}

/// The convention a heading states, from a formula such as "Budget 2021 -
/// Utfall 2021" or "(Årsbudget − prognos)", or "Återstår" (what remains of
/// the budget: budget − outcome).
pub fn heading_convention(heading: &str) -> Option<SignConvention> {
    let h = crate::latin::lowercase(heading);
    if h.trim_start().starts_with("återstår") {
        return Some(SignConvention::BudgetMinusOutcome);
    }
    const BUDGET: &[&str] = &["budget"];
    const ACTUAL: &[&str] = &["utfall", "prognos", "resultat"];
    let last = |text: &str, words: &[&str]| words.iter().filter_map(|w| text.rfind(w)).max();
    let first = |text: &str, words: &[&str]| words.iter().filter_map(|w| text.find(w)).min();
    for (pos, op) in h.char_indices() {
        if !matches!(op, '-' | '−' | '–' | '+') {
            continue;
        }
        let left = h.get(..pos).unwrap_or("");
        let right = h.get(pos + op.len_utf8()..).unwrap_or("");
        // The operand nearest the operator on each side.
        let left_budget = last(left, BUDGET);
        let left_actual = last(left, ACTUAL);
        let right_budget = first(right, BUDGET);
        let right_actual = first(right, ACTUAL);
        let left_is_budget = match (left_budget, left_actual) {
            (Some(b), Some(a)) => Some(b > a),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        };
        let right_is_budget = match (right_budget, right_actual) {
            (Some(b), Some(a)) => Some(b < a),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => None,
        };
        let found = match (left_is_budget, right_is_budget, op) {
            (Some(false), Some(true), '+') | (Some(true), Some(false), '+') => {
                Some(SignConvention::OutcomePlusBudget)
            }
            (_, _, '+') => None,
            (Some(false), Some(true), _) => Some(SignConvention::OutcomeMinusBudget),
            (Some(true), Some(false), _) => Some(SignConvention::BudgetMinusOutcome),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The user's convention if set, else the detected one.
pub fn effective_convention(table: &Table) -> Detected {
    match table.settings.sign_convention {
        Some(convention) => Detected {
            convention,
            basis: Basis::Settings,
        },
        None => detect_convention(table),
    }
}

/// Detects the sign convention of a table from its pasted figures (see the
/// module documentation for the order of the rules). Ignores
/// [`crate::model::TableSettings::sign_convention`]; see
/// [`effective_convention`].
pub fn detect_convention(table: &Table) -> Detected {
    let value = |r: usize, c: usize| -> Option<Decimal> {
        pasted_cell(table.rows.get(r)?, c).and_then(Cell::number)
    };
    let mut candidates: Vec<SignConvention> = CONVENTIONS.to_vec();
    let decided = |convention, basis| Detected { convention, basis };

    // 1. The stated deviation columns.
    let mut totals = [0usize; 3];
    let mut best_column = [None::<(usize, usize)>; 3];
    for column in table.columns_of(Role::StatedVariance) {
        let yoy = score(
            table,
            &value,
            column,
            VarianceBasis::YearOverYear,
            SignConvention::OutcomeMinusBudget,
        )
        .reproduced;
        let mut per = [0usize; 3];
        for (slot, &c) in per.iter_mut().zip(CONVENTIONS.iter()) {
            *slot = VarianceBasis::ALL
                .iter()
                .filter(|b| b.uses_convention())
                .map(|&b| score(table, &value, column, b, c).reproduced)
                .max()
                .unwrap_or(0);
        }
        // A forecast follow-up states the outcome minus the earlier
        // forecast ("Prognosavvikelse"): actual minus reference, the
        // direction of outcome − budget.
        let follow_up = score(
            table,
            &value,
            column,
            VarianceBasis::OutcomeMinusForecast,
            SignConvention::OutcomeMinusBudget,
        )
        .reproduced;
        if let Some(first) = per.first_mut() {
            *first = (*first).max(follow_up);
        }
        let top = per.iter().copied().max().unwrap_or(0);
        let heading = table
            .columns
            .get(column)
            .map(|c| c.heading.as_str())
            .unwrap_or("");
        if yoy > top || (yoy == top && hints_year_over_year(heading)) {
            continue;
        }
        for i in 0..3 {
            let (Some(t), Some(p)) = (totals.get_mut(i), per.get(i)) else {
                continue;
            };
            *t += *p;
            if let Some(slot) = best_column.get_mut(i) {
                if slot.is_none_or(|(_, n)| *p > n) {
                    *slot = Some((column, *p));
                }
            }
        }
    }
    let top = totals.iter().copied().max().unwrap_or(0);
    let mut narrowed = None;
    if top > 0 {
        let tied: Vec<usize> = (0..3).filter(|&i| totals.get(i) == Some(&top)).collect();
        if let [only] = tied.as_slice() {
            if let (Some(&convention), Some(Some((column, _)))) =
                (CONVENTIONS.get(*only), best_column.get(*only))
            {
                return decided(
                    convention,
                    Basis::StatedVariance {
                        column: *column,
                        reproduced: top,
                    },
                );
            }
        }
        candidates = tied
            .iter()
            .filter_map(|&i| CONVENTIONS.get(i).copied())
            .collect();
        narrowed = tied
            .first()
            .and_then(|&i| best_column.get(i).copied().flatten())
            .map(|(column, _)| Basis::StatedVariance {
                column,
                reproduced: top,
            });
    }

    // The amounts: outcome-like and budget-like columns with numbers.
    let actual_columns: Vec<usize> = [Role::Outcome, Role::Forecast]
        .iter()
        .flat_map(|&r| table.columns_of(r))
        .collect();
    let budget_columns: Vec<usize> = [Role::Budget, Role::AnnualBudget]
        .iter()
        .flat_map(|&r| table.columns_of(r))
        .collect();
    let has_numbers = |columns: &[usize]| {
        table.rows.iter().enumerate().any(|(r, row)| {
            row.kind == RowKind::Item && columns.iter().any(|&c| value(r, c).is_some())
        })
    };

    // 2. A formula in a heading, where its operands are in the table.
    if has_numbers(&actual_columns) && has_numbers(&budget_columns) {
        for (column, col) in table.columns.iter().enumerate() {
            if let Some(c) = heading_convention(&col.heading) {
                if candidates.contains(&c) {
                    return decided(c, Basis::Heading { column });
                }
            }
        }
    }

    // 3. An investment table.
    let says_investment = |text: &str| crate::latin::lowercase(text).contains("investering");
    if (table.title.as_deref().is_some_and(says_investment)
        || table.columns.iter().any(|c| says_investment(&c.heading)))
        && candidates.contains(&SignConvention::BudgetMinusOutcome)
    {
        return decided(SignConvention::BudgetMinusOutcome, Basis::Investment);
    }

    // 4. and 5. The signs of the amounts, when the table has the outcome
    // (or forecast) its deviations compare. A table of budgets and stated
    // deviations alone ("Budget | Avvikelse | Procent") does not say how
    // the outcome would be printed beside its budget: positive costs give
    // budget − outcome, negative ones outcome + budget. Its deviations are
    // read as the reports print them, favourable positive: the reference.
    let deviations_without_outcome =
        !table.columns_of(Role::StatedVariance).is_empty() && !has_numbers(&actual_columns);
    let mut pairs: Vec<(usize, usize)> = [
        (Role::Outcome, Role::Budget),
        (Role::Outcome, Role::AnnualBudget),
        (Role::Forecast, Role::AnnualBudget),
    ]
    .iter()
    .filter_map(|&(a, b)| Some((table.column_of(a)?, table.column_of(b)?)))
    .collect();
    // Without the outcome, a cost column beside the allocation shows how
    // costs are signed ("Kommunbidrag 2 903,2 | Kostnader -3 503,2").
    let costs = |c: &crate::model::Column| crate::latin::lowercase(&c.heading).contains("kostnad");
    if let (true, Some(b)) = (deviations_without_outcome, table.column_of(Role::Budget)) {
        let cost_columns = table.columns.iter().enumerate().filter(|(_, c)| costs(c));
        pairs.extend(cost_columns.map(|(a, _)| (a, b)));
    }
    let (mut opposite, mut same) = (0usize, 0usize);
    let (mut negative, mut positive) = (0usize, 0usize);
    let (mut negative_costs, mut positive_costs) = (0usize, 0usize);
    let cost_columns: Vec<usize> = (0..table.columns.len())
        .filter(|c| table.columns.get(*c).is_some_and(costs))
        .collect();
    let amount_columns: Vec<usize> = actual_columns
        .iter()
        .chain(&budget_columns)
        .copied()
        .collect();
    for (r, row) in table.rows.iter().enumerate() {
        if row.kind != RowKind::Item {
            continue;
        }
        for &(a, b) in &pairs {
            if let (Some(x), Some(y)) = (value(r, a), value(r, b)) {
                if x.is_zero() || y.is_zero() {
                    continue;
                }
                match (x.is_sign_negative(), y.is_sign_negative()) {
                    (true, false) => opposite += 1,
                    (false, true) => {}
                    _ => same += 1,
                }
            }
        }
        for (columns, negative, positive) in [
            (&amount_columns, &mut negative, &mut positive),
            (&cost_columns, &mut negative_costs, &mut positive_costs),
        ] {
            for &c in columns {
                match value(r, c) {
                    Some(x) if x.is_zero() => {}
                    Some(x) if x.is_sign_negative() => *negative += 1,
                    Some(_) => *positive += 1,
                    None => {}
                }
            }
        }
    }
    let allocation_signs =
        opposite > same && candidates.contains(&SignConvention::OutcomePlusBudget);
    // Deviations with neither outcome nor budget, beside gross costs
    // ("Intäkter | Kostnader | Budgetavvikelse" per year): favourable is
    // positive, and the costs' sign says which difference that is.
    let no_budget = !has_numbers(&budget_columns);
    if deviations_without_outcome && no_budget && !allocation_signs {
        if positive_costs > negative_costs.saturating_mul(2)
            && candidates.contains(&SignConvention::BudgetMinusOutcome)
        {
            return decided(SignConvention::BudgetMinusOutcome, Basis::PositiveAmounts);
        }
        if negative_costs > positive_costs.saturating_mul(2)
            && candidates.contains(&SignConvention::OutcomeMinusBudget)
        {
            return decided(SignConvention::OutcomeMinusBudget, Basis::NegativeAmounts);
        }
    }
    if deviations_without_outcome && !allocation_signs {
        let convention = candidates
            .first()
            .copied()
            .unwrap_or(SignConvention::OutcomeMinusBudget);
        return decided(convention, narrowed.unwrap_or(Basis::Default));
    }
    if allocation_signs {
        return decided(SignConvention::OutcomePlusBudget, Basis::AllocationSigns);
    }
    if negative > positive && candidates.contains(&SignConvention::OutcomeMinusBudget) {
        return decided(SignConvention::OutcomeMinusBudget, Basis::NegativeAmounts);
    }
    // Mostly positive, not signed both ways (incomes + and costs − in one
    // statement are net-cost signs).
    if positive > negative.saturating_mul(2)
        && candidates.contains(&SignConvention::BudgetMinusOutcome)
    {
        return decided(SignConvention::BudgetMinusOutcome, Basis::PositiveAmounts);
    }

    // 6. The reference convention, or the first candidate the stated
    // deviations left.
    let convention = candidates
        .first()
        .copied()
        .unwrap_or(SignConvention::OutcomeMinusBudget);
    decided(convention, narrowed.unwrap_or(Basis::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_formulas() {
        use SignConvention::*;
        let cases = [
            (
                "Budgetavvikelse 2021 (Budget 2021 - Utfall 2021)",
                Some(BudgetMinusOutcome),
            ),
            ("Avvikelse (utfall − budget)", Some(OutcomeMinusBudget)),
            ("Årsbudget – prognos", Some(BudgetMinusOutcome)),
            ("Prognos - årsbudget", Some(OutcomeMinusBudget)),
            ("Utfall + budget", Some(OutcomePlusBudget)),
            ("Återstår", Some(BudgetMinusOutcome)),
            ("Budget- avvikelse", None),
            ("Budgetavvikelse", None),
            ("0-4 år Antal", None),
            ("Ack. budget avvikelse", None),
            ("", None),
        ];
        for (heading, expected) in cases {
            assert_eq!(heading_convention(heading), expected, "{heading:?}");
        }
    }

    #[test]
    fn half_units() {
        let cases = [
            ("12.3", "0.05"),
            ("24", "0.5"),
            ("0.0", "0.05"),
            ("1.25", "0.005"),
        ];
        for (v, h) in cases {
            let v = Decimal::from_str_exact(v).expect("test decimal");
            assert_eq!(
                half_unit(v),
                Decimal::from_str_exact(h).expect("test decimal")
            );
        }
        let tiny = Decimal::from_i128_with_scale(1, 28);
        assert_eq!(half_unit(tiny), Decimal::ZERO);
    }

    #[test]
    fn descriptions_in_both_languages() {
        let bases = [
            Basis::Settings,
            Basis::StatedVariance {
                column: 3,
                reproduced: 4,
            },
            Basis::Heading { column: 1 },
            Basis::Investment,
            Basis::AllocationSigns,
            Basis::NegativeAmounts,
            Basis::PositiveAmounts,
            Basis::Default,
        ];
        for basis in bases {
            let d = Detected {
                convention: SignConvention::OutcomeMinusBudget,
                basis,
            };
            assert_ne!(d.describe(Lang::Sv), d.describe(Lang::En));
        }
    }
}
