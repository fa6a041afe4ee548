// The app shell: it loads, talks to no other origin, breaks no CSP rule,
// speaks Swedish first, remembers the language, is installable, and shows
// a panic instead of a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { captureDownload, launchPersistent, openSession } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';

let session;
let app;

before(async () => {
  session = await openSession();
  app = new KalkylPage(session.page, session.server.url);
  await app.open();
});

after(async () => {
  await session?.close();
});

test('the app loads in Swedish with the empty workspace explained', async () => {
  assert.equal(await app.documentLang(), 'sv');
  const text = await app.emptyStateText();
  assert.match(text, /Klistra in en tabell/);
  assert.equal(await session.page.title(), 'Kalkyl');
});

test('the language switch changes every text and is remembered across a reload', async () => {
  await app.setLanguage('en');
  assert.equal(await app.documentLang(), 'en');
  assert.match(await app.emptyStateText(), /Paste a table to begin/);
  await app.reload();
  assert.equal(await app.documentLang(), 'en');
  assert.match(await app.emptyStateText(), /Paste a table to begin/);
  await app.setLanguage('sv');
  assert.match(await app.emptyStateText(), /Klistra in en tabell/);
});

test('the page is served with a strict Content-Security-Policy', async () => {
  const csp = await session.page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
  );
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:|blob:/);
  assert.doesNotMatch(csp, /KALKYL_INLINE_SCRIPT_HASHES/);
  // Trunk's subresource integrity is kept.
  const integrity = await session.page.evaluate(() =>
    [...document.querySelectorAll('link[integrity]')].map((l) => l.getAttribute('integrity')),
  );
  assert.ok(integrity.length >= 2, `integrity attributes: ${integrity}`);
});

test('the app is installable: manifest, icons and service worker pass Chromium\'s check', async () => {
  // Chromium refuses installation in incognito contexts, so use a real profile.
  const profile = await launchPersistent();
  try {
    const page = await profile.context.newPage();
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await app.waitOfflineReady();
    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.short_name, 'Kalkyl');
    for (const icon of parsed.icons) {
      const response = await page.request.get(new URL(icon.src, session.server.url).href);
      assert.equal(response.status(), 200, icon.src);
    }
  } finally {
    await profile.close();
  }
});

test('a panic shows the crash message, not a blank page', async () => {
  const page = await session.newPage();
  const crashed = new KalkylPage(page, session.server.url);
  await crashed.open('?selftest=panic');
  const panel = crashed.crashPanel();
  await panel.waitFor({ state: 'visible' });
  const text = await panel.innerText();
  assert.match(text, /internt fel/);
  assert.match(text, /exportera/i);
  assert.match(await page.locator('#kalkyl-crash-detail').textContent(), /selftest: deliberate panic/);
  await page.close();
});

test('the harness captures a download with its name and exact bytes', async () => {
  // A file the page makes itself, as the export buttons will: UTF-8 with a BOM.
  const { name, bytes } = await captureDownload(session.page, () =>
    session.page.evaluate(() => {
      const blob = new Blob(['\ufeffUppdrag;Utfall\r\nRegionkontoret;-297,2\r\n'], { type: 'text/csv' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'kalkyl-test.csv';
      document.body.append(a);
      a.click();
      a.remove();
    }),
  );
  assert.equal(name, 'kalkyl-test.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString('utf8'), 'Uppdrag;Utfall\r\nRegionkontoret;-297,2\r\n');
});

test('no request left this origin, no CSP violation, no unexpected error', async () => {
  const { recorder, server } = session;
  assert.ok(recorder.log.requests.length > 3, 'the recorder saw the app load');
  assert.deepEqual(recorder.foreignRequests(server.url), []);
  assert.deepEqual(recorder.cspViolations(), []);
  // The only error allowed is the deliberate selftest panic.
  const errors = recorder
    .consoleErrors()
    .filter((m) => !/selftest: deliberate panic|RuntimeError: unreachable/.test(m.text));
  assert.deepEqual(errors, []);
  assert.deepEqual(
    recorder.log.errors.filter((e) => !/unreachable/.test(e)),
    [],
  );
});
