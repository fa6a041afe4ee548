// Scratch probe (not committed): first paste breakdown.
import { openSession, launchBrowser } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';
function sv(n, space) {
  const abs = Math.abs(n);
  const int = Math.floor(abs / 10).toString().replace(/\B(?=(\d{3})+(?!\d))/g, space);
  return `${n < 0 ? '-' : ''}${int},${abs % 10}`;
}
function fourColumns(rows) {
  const lines = ['Enhet\tUtfall\tBudget\tÅrsbudget'];
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return -(seed % 5_000_000); };
  const f = (n) => sv(n, '\u00a0');
  for (let i = 0; i < rows; i++) { const o = next(); const b = next(); lines.push(`Enhet ${i + 1}\t${f(o)}\t${f(b)}\t${f(b * 2)}`); }
  return lines.join('\n');
}
function pasteAndWait(text) {
  return new Promise((resolve) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const t0 = performance.now();
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const t1 = performance.now();
    const poll = () => {
      if (document.querySelector('[data-testid="grid"] tfoot td[data-col="variance"]')) {
        const t2 = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ dispatch: t1 - t0, seen: t2 - t0, total: performance.now() - t0 });
        channel.port2.postMessage(0);
      } else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}
const dists = (process.env.BENCH_DISTS || process.env.KALKYL_DIST).split(',');
const rows = Number(process.env.BENCH_ROWS || 10000);
const wait = Number(process.env.WAIT || 1000);
const text = fourColumns(rows);
const browser = await launchBrowser();
const out = Object.fromEntries(dists.map((d) => [d, []]));
for (let run = 0; run < Number(process.env.RUNS || 5); run++) {
  for (const d of dists) {
    const s = await openSession({ root: d, browser });
    await new KalkylPage(s.page, s.server.url).open();
    await s.page.waitForTimeout(wait);
    const r = await s.page.evaluate(pasteAndWait, text);
    r.read = Number(await s.page.getByTestId('workspace').getAttribute('data-read-ms'));
    out[d].push(r);
    await s.close();
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const d of dists) {
  const rs = out[d];
  console.log(d, ['read', 'dispatch', 'seen', 'total'].map((k) => `${k} ${med(rs.map((r) => r[k])).toFixed(0)}`).join('  '), JSON.stringify(rs.map((r) => Math.round(r.total))));
}
await browser.close();
