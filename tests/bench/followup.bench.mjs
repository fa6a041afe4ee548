// Browser benchmark (not a test): a year's four seed reports (plan 002,
// April 001, August 003, annual 000) in one follow-up, as the e2e test
// builds them; then edits of the annual outcome of "Förtroendevalda" in the
// grid (real key events). Per edit, measured inside the page:
//   - handler ms: from the Enter keydown until the follow-up table shows the
//     edit (a MutationObserver on the follow-up's cell; the app's reactive
//     updates and the on-demand module's recomputation run in between);
//   - in frame: whether the follow-up showed it before the browser's next
//     frame (checked in the first animation-frame callback after the key):
//     the "an edit in a sheet reaches the follow-up within one frame";
//   - work ms: handler ms plus that frame (style, layout, paint, commit).
//
//   node tests/bench/followup.bench.mjs        (after a release build in dist/)
import { openSession, paste } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';
import { loadFixtures } from '../e2e/lib/fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));

function planPaste() {
  const lines = fixtures['002-5.1-driftbudget'].paste.split('\n').filter((l) => l.trim() !== '');
  const headings = lines[0].split('\t');
  const frame = lines.at(-1).split('\t');
  return ['Uppdrag\tBudget 2021', ...headings.slice(1).map((h, i) => `${h}\t${frame[i + 1]}`)].join('\n');
}

const session = await openSession();
const { page } = session;
await new KalkylPage(page, session.server.url).open();
const tabs = (n) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="sheet-tab"]').length === n, n);
await paste(page, { plain: planPaste() });
await tabs(1);
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
for (const [i, kind] of ['plan', 'follow_up', 'follow_up', 'annual'].entries()) await kinds.nth(i).selectOption(kind);
await page.locator('input[data-testid="report-months"]').nth(1).fill('4');
await page.locator('input[data-testid="report-months"]').nth(2).fill('8');
const outcomeCell = 'table[data-testid="follow-up"] tr[data-label="Förtroendevalda"] td[data-figure="outcome"]';
await page.locator(outcomeCell).waitFor();

/** In the page: arms the probe for the next Enter. */
function arm(selector) {
  const cell = () => document.querySelector(selector);
  const before = cell().textContent;
  window.followProbe = new Promise((resolve) => {
    let t0;
    let shownAt = null;
    let inFrame = null;
    const observer = new MutationObserver(() => {
      if (shownAt === null && cell() && cell().textContent !== before) shownAt = performance.now();
    });
    observer.observe(document.querySelector('[data-testid="follow-ups"]'), { subtree: true, childList: true, characterData: true });
    addEventListener(
      'keydown',
      () => {
        t0 = performance.now();
        requestAnimationFrame(() => {
          inFrame = shownAt !== null;
          const f0 = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const frame = performance.now() - f0;
            const wait = () => {
              if (shownAt === null) return setTimeout(wait, 5);
              observer.disconnect();
              resolve({ handler: shownAt - t0, inFrame, work: shownAt - t0 + frame });
            };
            wait();
          };
          channel.port2.postMessage(0);
        });
      },
      { capture: true, once: true },
    );
  });
}

const results = [];
// The annual report is the tab in view; Förtroendevalda is its row 1.
for (let k = 0; k < 20; k++) {
  await page.locator('[data-testid="grid"] td[data-row="1"][data-col="1"]').click();
  await page.keyboard.type(`-38,${k % 10}${k}`);
  await page.waitForTimeout(100);
  await page.evaluate(arm, outcomeCell);
  await page.keyboard.press('Enter');
  results.push(await page.evaluate(() => window.followProbe));
  await page.waitForTimeout(150);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.table([
  {
    edits: results.length,
    'handler ms (median)': median(results.map((r) => r.handler)).toFixed(1),
    'work ms (median, target 16)': median(results.map((r) => r.work)).toFixed(1),
    'worst work ms': Math.max(...results.map((r) => r.work)).toFixed(1),
    'shown within the frame': `${results.filter((r) => r.inFrame).length}/${results.length}`,
  },
]);
await session.close();
