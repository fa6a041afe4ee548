// Browser benchmark (not a test): pastes generated Swedish-format tables of
// 10 000 and 100 000 rows through real paste events in headless Chromium and
// reports how long Kalkyl took to read them (measured inside the page around
// the core's read) and until the table was on screen.
//
//   node tests/bench/paste.bench.mjs        (after a release build in dist/)
import { openSession, paste } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';

function table(rows) {
  const lines = ['Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tÅrsbudget\tÅrsprognos\tAvvikelse'];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const sv = (n) => {
    const neg = n < 0;
    const abs = Math.abs(n);
    const int = Math.floor(abs / 10).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return `${neg ? '-' : ''}${int},${abs % 10}`;
  };
  for (let i = 0; i < rows; i++) {
    const outcome = -(next() % 5_000_000);
    const budget = -(next() % 5_000_000);
    lines.push(`Verksamhet ${i + 1}\t${sv(outcome)}\t${sv(budget)}\t${sv(budget * 3)}\t${sv(outcome * 3)}\t${sv(outcome - budget)}`);
  }
  return lines.join('\n');
}

const session = await openSession();
const app = new KalkylPage(session.page, session.server.url);
await app.open();
const results = [];
for (const rows of [10_000, 100_000]) {
  const text = table(rows);
  const runs = [];
  for (let run = 0; run < 3; run++) {
    await app.reload();
    const t0 = await session.page.evaluate(() => performance.now());
    await paste(session.page, { plain: text });
    await session.page.locator('[data-testid="grid"] td[data-row="0"]').first().waitFor();
    const t1 = await session.page.evaluate(() => performance.now());
    const readMs = Number(await session.page.getByTestId('workspace').getAttribute('data-read-ms'));
    runs.push({ readMs, shownMs: t1 - t0 });
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mb = Buffer.byteLength(text) / 1e6;
  const read = median(runs.map((r) => r.readMs));
  results.push({
    rows,
    MB: mb.toFixed(2),
    'read ms (median of 3)': read.toFixed(1),
    'MB/s': (mb / (read / 1000)).toFixed(1),
    'paste to first rows on screen ms': median(runs.map((r) => r.shownMs)).toFixed(1),
  });
}
console.table(results);
await session.close();
