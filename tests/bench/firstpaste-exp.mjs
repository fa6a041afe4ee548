// Experiment: first paste at once, 10 000 rows, with extra Chromium js flags.
import { chromium } from 'playwright-core';
import { openSession } from '../e2e/lib/harness.mjs';
import { KalkylPage } from '../e2e/lib/kalkyl-page.mjs';
const FLAGS = ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'];
function amounts(seed) { return () => { seed = (seed * 1103515245 + 12345) % 2147483648; return -(seed % 5_000_000); }; }
function sv(n) { const abs = Math.abs(n); const int = Math.floor(abs / 10).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0'); return `${n < 0 ? '-' : ''}${int},${abs % 10}`; }
function fourColumns(rows) { const lines = ['Enhet\tUtfall\tBudget\tÅrsbudget']; const next = amounts(7); for (let i = 0; i < rows; i++) { const o = next(); const b = next(); lines.push(`Enhet ${i + 1}\t${sv(o)}\t${sv(b)}\t${sv(b * 2)}`); } return lines.join('\n'); }
function pasteAndWait(text) { return new Promise((resolve) => { const data = new DataTransfer(); data.setData('text/plain', text); const t0 = performance.now(); document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); const poll = () => { if (document.querySelector('[data-testid="grid"] tfoot td[data-col="variance"]')) { const c = new MessageChannel(); c.port1.onmessage = () => resolve([performance.now() - t0, Number(document.querySelector('[data-testid="workspace"]').getAttribute('data-read-ms'))]); c.port2.postMessage(0); } else requestAnimationFrame(poll); }; requestAnimationFrame(poll); }); }
const text = fourColumns(Number(process.env.ROWS ?? 10000));
for (const [name, extra] of [['default', []]]) {
  for (const dist of (process.env.DISTS ?? 'dist').split(',')) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FLAGS, ...extra], headless: true });
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const s = await openSession({ browser, root: dist });
    await new KalkylPage(s.page, s.server.url).open();
    await s.page.waitForTimeout(Number(process.env.WAIT ?? 0));
    if (process.env.TRACE) { const cdp = await s.page.context().newCDPSession(s.page); }
    runs.push(await s.page.evaluate(pasteAndWait, text));
    await s.close();
  }
  await browser.close();
  console.log(name, dist, runs.map(([t, r]) => `${t.toFixed(0)}(${r.toFixed(0)})`).join(' '));
  }
}
