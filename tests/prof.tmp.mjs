import { openSession } from './e2e/lib/harness.mjs';
import { KalkylPage } from './e2e/lib/kalkyl-page.mjs';
const s = await openSession({ root: '/tmp/profdist' });
const app = new KalkylPage(s.page, s.server.url);
await app.open();
const rows = 100000;
const text = ['Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tÅrsbudget'].concat(Array.from({length: rows}, (_, i) => `V ${i}\t-${i % 977},5\t-${i % 911},0\t-${i % 3011},0`)).join('\n');
await s.page.evaluate(async (text) => {
  const data = new DataTransfer(); data.setData('text/plain', text);
  document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 1500));
}, text);
const cdp = await s.context.newCDPSession(s.page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await s.page.evaluate(async () => {
  for (let k = 0; k < 10; k++) {
    const grid = document.querySelector('[data-testid="grid"]');
    grid.querySelector('td[data-row="0"][data-col="1"]').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    grid.focus();
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: '-', bubbles: true, cancelable: true }));
    const editor = document.querySelector('[data-testid="cell-editor"]');
    editor.value = `-${k + 3}`;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
});
const { profile } = await cdp.send('Profiler.stop');
// self time per function
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; 
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) {
  const n = byId.get(id); const name = n.callFrame.functionName || n.callFrame.url.split('/').pop() || '(anon)';
  self.set(name, (self.get(name) ?? 0) + t);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total ms', (total / 1000).toFixed(1));
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([n, t]) => `${(t / 1000).toFixed(1).padStart(7)} ${n.slice(0, 110)}`).join('\n'));
// inclusive time for kalkyl functions
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const name = n.callFrame.functionName; if (name && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + t); } cur = parent.get(cur); } }
console.log('--- inclusive');
console.log([...incl.entries()].filter(([n]) => /kalkyl|reactive|dom|Effect/.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([n, t]) => `${(t / 1000).toFixed(1).padStart(7)} ${n.slice(0, 120)}`).join('\n'));
await s.close();
