// A year's four seed reports in one follow-up, as a user makes it: the plan
// (002), the April follow-up (001), the August follow-up (003) and the
// annual report (000), pasted in that order, made a follow-up, with each
// report's kind and months set. Shared by the e2e test and the benchmark.
import assert from 'node:assert/strict';
import { paste } from './harness.mjs';
import { loadFixtures } from './fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));

// The plan as a user pastes it: seed 002's operating budget (fixture
// 002-5.1-driftbudget) has the units as columns and the budget frame
// ("Budgetram") as its last row; the user pastes that row as a column, as
// the core's tests do (crates/kalkyl-core/tests/followup.rs, plan_paste).
// Its cells are the seed's text, in tkr with costs positive.
export function planPaste() {
  const lines = fixtures['002-5.1-driftbudget'].paste.split('\n').filter((l) => l.trim() !== '');
  const headings = lines[0].split('\t');
  const frame = lines.at(-1).split('\t');
  assert.equal(frame[0], 'Budgetram');
  return ['Uppdrag\tBudget 2021', ...headings.slice(1).map((h, i) => `${h}\t${frame[i + 1]}`)].join('\n');
}

/** Pastes the four reports into `page` and makes them one follow-up. */
export async function fourReportFollowUp(page) {
  const tabs = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="sheet-tab"]').length === n, n);
  await paste(page, { plain: planPaste() });
  await tabs(1);
  // The plan states no unit: the user says tkr.
  await page.locator('select[data-testid="unit"]').selectOption('tkr');
  await paste(page, { plain: fixtures['001-5.1.1-resultatrakning'].paste });
  await tabs(2);
  await paste(page, { plain: fixtures['003-5.1.2-analys-av-prognosen'].paste });
  await tabs(3);
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await tabs(4);
  await page.getByTestId('follow-up-create').click();
  await page.locator('table[data-testid="follow-up"]').waitFor();
  const kinds = page.locator('select[data-testid="report-kind"]');
  const months = page.locator('input[data-testid="report-months"]');
  for (const [i, kind] of ['plan', 'follow_up', 'follow_up', 'annual'].entries()) await kinds.nth(i).selectOption(kind);
  await months.nth(1).fill('4');
  await months.nth(2).fill('8');
}
