// Not a test: screenshots of what a first-time user sees on a 1 280-pixel
// laptop screen, to compare builds by eye (issue 13): the empty page, a
// seed table with its charts, a 10 000-row table, and the English switch.
//
//   node tests/bench/screenshots.mjs [out-dir]        (after a release build)
//   KALKYL_DIST=/other/dist node tests/bench/screenshots.mjs /tmp/before
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openSession, paste } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';
import { loadFixtures } from '../e2e/lib/fixtures.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const seed = loadFixtures().find((f) => f.name === '000-5.1.1-resultatrakning');

/** A label and three amounts per row in Swedish format, from a fixed seed. */
function bigTable(rows) {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % 5_000_000;
  };
  const sv = (tenths) => `-${Math.floor(tenths / 10)},${tenths % 10}`;
  const lines = ['Enhet\tUtfall\tBudget\tÅrsbudget'];
  for (let i = 1; i <= rows; i++) {
    const budget = next();
    lines.push(`Enhet ${i}\t${sv(next())}\t${sv(budget)}\t${sv(budget * 2)}`);
  }
  return lines.join('\n');
}

const shots = [];
async function shot(page, name, fullPage = false) {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, fullPage });
  shots.push(path);
}

const session = await openSession();
const { page } = session;
await page.setViewportSize({ width: 1280, height: 800 });
const kalkyl = new KalkylPage(page, session.server.url);
await kalkyl.open();
// The footer says when the page works offline: wait for it, or the first
// shot shows whichever state the service worker had reached.
await kalkyl.waitOfflineReady();
await shot(page, '1-empty');
await paste(page, { plain: seed.paste });
await page.locator('[data-testid="charts"] svg').first().waitFor();
await shot(page, '2-seed-table', true);
await page.getByTestId('lang-en').click();
await page.waitForTimeout(300);
await shot(page, '3-english');
await page.getByTestId('lang-sv').click();
await paste(page, { plain: bigTable(10_000) });
await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
await page.locator('[data-testid="grid"] tfoot td[data-col="variance"]').waitFor();
await shot(page, '4-10000-rows');
await session.close();
console.log(shots.join('\n'));
