// Browser benchmark (not a test): how much a pasted table grows the tab's
// renderer process, in headless Chromium. For each size, a fresh page in a
// new profile: the renderer's memory once the app shows, then after the
// paste has been read, computed, drawn and autosaved, with garbage collected
// both times. Reported per process from /proc (Linux):
//   - private MiB: the renderer's private memory (Private_Clean +
//     Private_Dirty of smaps_rollup), what the tab costs the machine;
//   - JS heap MiB: V8's used heap (strings, DOM wrappers, JS objects);
//   - wasm MiB: the WebAssembly memory's size (it never shrinks: its peak).
//
//   node tests/bench/memory.bench.mjs      (after a release build in dist/)
//   BENCH_ROWS=100000 node tests/bench/memory.bench.mjs
//   BENCH_DISTS=/path/before/dist,dist node tests/bench/memory.bench.mjs
//     (builds side by side in one run: before and after a change)
import { readFile } from 'node:fs/promises';
import { openSession, launchBrowser, DIST } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';

/** Random amounts in tenths, from a fixed seed: the same table every run. */
function amounts(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return -(seed % 5_000_000);
  };
}

/** Tenths written the Swedish way, grouped with no-break spaces. */
function sv(n) {
  const abs = Math.abs(n);
  const int = Math.floor(abs / 10).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '-' : ''}${int},${abs % 10}`;
}

/** Label, outcome, budget and annual budget: the table. */
function fourColumns(rows) {
  const lines = ['Enhet\tUtfall\tBudget\tÅrsbudget'];
  const next = amounts(7);
  for (let i = 0; i < rows; i++) {
    const outcome = next();
    const budget = next();
    lines.push(`Enhet ${i + 1}\t${sv(outcome)}\t${sv(budget)}\t${sv(budget * 2)}`);
  }
  return lines.join('\n');
}

const MiB = 1024 * 1024;

/** Private memory of a process in MiB, from /proc/<pid>/smaps_rollup. */
async function privateMiB(pid) {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return (kib('Private_Clean') + kib('Private_Dirty')) / 1024;
}

/** The renderer processes' ids, from the browser's own process list. */
async function rendererPids(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/**
 * Collects garbage, then measures the new renderers (the page's, and any
 * spare or worker process the context started: summed, as the page's
 * cannot be told apart by its id), the page's heap and its wasm memory.
 */
async function measure(page, pids) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasm = await page.evaluate(() => window.kalkylWasm?.memory?.buffer?.byteLength ?? 0);
  let total = 0;
  for (const pid of pids) total += await privateMiB(pid);
  return { private: total, heap: usedSize / MiB, wasm: wasm / MiB };
}

const SIZES = process.env.BENCH_ROWS ? [Number(process.env.BENCH_ROWS)] : [10_000, 100_000];
const DISTS = process.env.BENCH_DISTS ? process.env.BENCH_DISTS.split(',') : [DIST];
const browser = await launchBrowser();
const results = [];
for (const rows of SIZES) for (const dist of DISTS) {
  const text = fourColumns(rows);
  const before = new Set(await rendererPids(browser));
  const session = await openSession({ browser, root: dist });
  // The wasm memory, from the exports Trunk's loader announces.
  await session.page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (e) => {
      window.kalkylWasm = e.detail.wasm;
    }),
  );
  const app = new KalkylPage(session.page, session.server.url);
  await app.open();
  const fresh = (await rendererPids(browser)).filter((pid) => !before.has(pid));
  if (fresh.length === 0) throw new Error('no new renderer process');
  await session.page.waitForTimeout(1000);
  const empty = await measure(session.page, fresh);
  await session.page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await session.page.locator('[data-testid="grid"] tfoot td[data-col="variance"]').waitFor({ timeout: 60000 });
  await session.page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 120000 });
  await session.page.waitForTimeout(2000);
  const pasted = await measure(session.page, fresh);
  results.push({
    ...(DISTS.length > 1 ? { build: dist } : {}),
    rows,
    'paste MB': (Buffer.byteLength(text) / 1e6).toFixed(1),
    renderers: fresh.length,
    'private MiB empty': empty.private.toFixed(1),
    'private MiB pasted': pasted.private.toFixed(1),
    'growth MiB': (pasted.private - empty.private).toFixed(1),
    'JS heap MiB empty → pasted': `${empty.heap.toFixed(1)} → ${pasted.heap.toFixed(1)}`,
    'wasm MiB': pasted.wasm ? pasted.wasm.toFixed(1) : 'n/a',
  });
  await session.close();
}
console.log('renderer memory, four-column paste, after garbage collection');
console.table(results);
await browser.close();
