// Offline: the service worker caches the app on the first visit, a reload
// works with the server gone and the network off, and a new deploy replaces
// the old cache instead of leaving a stale app behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, copyOfDist, launchBrowser, record } from './lib/harness.mjs';
import { startServer } from '../../tools/static-server.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';

test('after the first visit, a reload works with the server stopped and the network off', async () => {
  const browser = await launchBrowser();
  const server = await startServer(DIST);
  try {
    const context = await browser.newContext();
    const recorder = record(context);
    const page = await context.newPage();
    const app = new KalkylPage(page, server.url);
    await app.open();
    await app.waitOfflineReady();

    await server.close();
    await context.setOffline(true);
    await app.reload();
    assert.match(await app.emptyStateText(), /Klistra in en tabell/);
    // The app really runs (WebAssembly rendered the switch), not just cached HTML.
    await app.setLanguage('en');
    assert.match(await app.emptyStateText(), /Paste a table to begin/);
    assert.deepEqual(recorder.foreignRequests(server.url), []);
    assert.deepEqual(recorder.cspViolations(), []);
    await context.close();
  } finally {
    await server.close();
    await browser.close();
  }
});

test('a new deploy replaces the cached app and deletes the old cache', async () => {
  const browser = await launchBrowser();
  const deploy = await copyOfDist();
  const server = await startServer(deploy.dir);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const app = new KalkylPage(page, server.url);
    await app.open();
    await app.waitOfflineReady();
    const [oldCache] = await app.cacheNames();
    assert.match(oldCache, /^kalkyl-[0-9a-f]{16}$/);

    // "Deploy" a new build: different page content and a new service worker version.
    const indexPath = join(deploy.dir, 'index.html');
    const index = await readFile(indexPath, 'utf8');
    await writeFile(indexPath, index.replace('<title>Kalkyl</title>', '<title>Kalkyl ny version</title>'));
    const swPath = join(deploy.dir, 'sw.js');
    const sw = await readFile(swPath, 'utf8');
    const newSw = sw.replace(/const VERSION = "([0-9a-f]{16})"/, 'const VERSION = "0000000000000001"');
    assert.notEqual(newSw, sw, 'sw.js carries its version');
    await writeFile(swPath, newSw);

    // Online, the page itself is network-first: the new deploy shows at once.
    await app.reload();
    assert.equal(await page.title(), 'Kalkyl ny version');
    await page.waitForFunction(
      async () => (await caches.keys()).join() === 'kalkyl-0000000000000001',
      null,
      { timeout: 15000 },
    );

    // Offline, the new version is what the cache serves.
    await server.close();
    await context.setOffline(true);
    await app.reload();
    assert.equal(await page.title(), 'Kalkyl ny version');
    await context.close();
  } finally {
    await server.close();
    await browser.close();
    await deploy.remove();
  }
});
