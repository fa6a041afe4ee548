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
import { openSession } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';
import { fourReportFollowUp } from '../e2e/lib/year.mjs';

const session = await openSession();
const { page } = session;
await new KalkylPage(page, session.server.url).open();
await fourReportFollowUp(page);
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
