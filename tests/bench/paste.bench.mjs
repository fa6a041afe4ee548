// Browser benchmark (not a test): pastes generated Swedish-format tables of
// 10 000 and 100 000 rows through real paste events in headless Chromium and
// reports, measured inside the page with performance.now():
//   - read ms: reading the paste and the first full computation (the app's
//     own figure, `data-read-ms`);
//   - totals ms: from the paste event until the computed totals are on
//     screen (the next animation frame after they appear);
//   - edit ms: from Enter in the cell editor until the totals show the edit
//     (next animation frame), at that table size.
//
//   node tests/bench/paste.bench.mjs        (after a release build in dist/)
import { openSession } from '../e2e/lib/harness.mjs';
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

/** In the page: paste, then wait for the totals row and one more frame. */
function pasteAndWaitForTotals(text) {
  return new Promise((resolve) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const t0 = performance.now();
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const poll = () => {
      if (document.querySelector('[data-testid="grid"] tfoot td[data-col="variance"]')) {
        requestAnimationFrame(() => resolve(performance.now() - t0));
      } else {
        requestAnimationFrame(poll);
      }
    };
    poll();
  });
}

/** In the page: type a new outcome into row 0 and time Enter → totals shown. */
function editAndWaitForTotals(value) {
  return new Promise((resolve) => {
    const grid = document.querySelector('[data-testid="grid"]');
    const target = grid.querySelector('td[data-row="0"][data-col="1"]');
    target.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    grid.focus();
    setTimeout(() => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: value[0], bubbles: true, cancelable: true }));
      const editor = document.querySelector('[data-testid="cell-editor"]');
      editor.value = value;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      const total = () => document.querySelector('[data-testid="grid"] tfoot td[data-col="1"]').textContent;
      const before = total();
      const t0 = performance.now();
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const poll = () => {
        if (total() !== before) requestAnimationFrame(() => resolve(performance.now() - t0));
        else requestAnimationFrame(poll);
      };
      poll();
    }, 50);
  });
}

const session = await openSession();
const page = session.page;
const app = new KalkylPage(page, session.server.url);
await app.open();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const rows of [10_000, 100_000]) {
  const text = table(rows);
  const runs = [];
  for (let run = 0; run < 3; run++) {
    // An empty workspace per run: autosave would otherwise restore the
    // previous run's table on reload. The app closes its connection when
    // the database is deleted; the reload then starts empty.
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 60000 });
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.deleteDatabase('kalkyl');
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    );
    await app.reload();
    const totalsMs = await page.evaluate(pasteAndWaitForTotals, text);
    const readMs = Number(await page.getByTestId('workspace').getAttribute('data-read-ms'));
    const editMs = await page.evaluate(editAndWaitForTotals, `-${run + 1}`);
    runs.push({ readMs, totalsMs, editMs });
  }
  const mb = Buffer.byteLength(text) / 1e6;
  const read = median(runs.map((r) => r.readMs));
  results.push({
    rows,
    MB: mb.toFixed(2),
    'read + compute ms': read.toFixed(0),
    'MB/s': (mb / (read / 1000)).toFixed(1),
    'paste → totals on screen ms': median(runs.map((r) => r.totalsMs)).toFixed(0),
    'edit → totals on screen ms': median(runs.map((r) => r.editMs)).toFixed(1),
  });
}
console.log('median of 3 runs each');
console.table(results);
await session.close();
