// Nothing is lost: the workspace is saved in IndexedDB (real browser
// storage) and restored on reload, older stored versions are migrated, an
// unreadable one is kept aside, two tabs never overwrite each other
// silently, and a full storage is shown at once while the app keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSession, paste, captureDownload, launchBrowser } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';
import { loadFixtures, FIXTURE_DIR } from './lib/fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));
const V1 = readFileSync(new URL('../files/v1-example.json', `file://${FIXTURE_DIR}`), 'utf8');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const cell = (page, row, col) => page.locator(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`);
const cellText = async (page, row, col) => (await cell(page, row, col).textContent()).trim();
const saved = (page, options) => page.locator('[data-testid="save-state"][data-state="saved"]').waitFor(options);
const withoutSavedAt = (text) => text.replace(/"saved_at": "[^"]*"/, '"saved_at": null');
const exportJson = async (page) =>
  withoutSavedAt((await captureDownload(page, () => page.getByTestId('export-json').click())).bytes.toString('utf8'));

/** The records Kalkyl keeps in IndexedDB, read by the page itself. */
const storedRecords = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalkyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction('workspace').objectStore('workspace');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            resolve(keys.result.map((k, i) => ({ key: k, ...values.result[i] })));
            open.result.close();
          };
        };
      }),
  );

/** Writes a record as an earlier app version (or a broken one) would have. */
const storeRecord = (page, text) =>
  page.evaluate(
    (text) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalkyl', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('workspace', 'readwrite');
          tx.objectStore('workspace').put({ revision: 7, tab: 'older-app', saved_at: '2026-01-01T00:00:00Z', text }, 'current');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    text,
  );

test('a reload restores the workspace exactly: tables, edits, settings and names', async () => {
  const session = await openSession({ browser });
  try {
    const { page } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
    await cell(page, 0, 'variance').waitFor();
    await page.getByTestId('months').fill('6');
    await page.getByTestId('months').press('Enter');
    await cell(page, 0, 1).click();
    await page.keyboard.type('-310,5');
    await page.keyboard.press('Enter');
    await paste(page, { plain: fixtures['004-4.1-ovrigt-driftansvar'].paste });
    page.once('dialog', (d) => d.accept('Övrigt driftansvar'));
    await page.getByTestId('rename-table').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="sheet-tab"]')].some((t) => t.textContent === 'Övrigt driftansvar'));
    await saved(page);
    const before = await exportJson(page);

    const records = await storedRecords(page);
    const current = records.find((r) => r.key === 'current');
    assert.ok(current, 'the workspace is in IndexedDB');
    assert.equal(JSON.parse(current.text).format, 'kalkyl-workspace');
    assert.equal(JSON.parse(current.text).version, 3);

    await app.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    assert.deepEqual(await page.getByTestId('sheet-tab').allTextContents(), ['Tabell 1', 'Övrigt driftansvar']);
    assert.equal(await exportJson(page), before, 'the same file as before the reload');
    await page.getByTestId('sheet-tab').first().click();
    assert.equal(await cellText(page, 0, 1), '-310,5');
    assert.equal(await cellText(page, 0, 'forecast'), '-621,0', 'months 6 kept: -310,5 × 12 / 6');
    // Still an edit after the reload: the pasted value can be restored.
    await app.resetCell(0, 1, '-297,2');
  } finally {
    await session.close();
  }
});

test('a 100 000-row table with a finding on every row is saved and restored', async () => {
  // The full workspace file of this table is about 100 MB, more than
  // Chromium keeps in one IndexedDB record; the stored form is a fifth.
  const lines = ['Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tAvvikelse'];
  for (let i = 0; i < 100_000; i++) lines.push(`Verksamhet ${i + 1}\t-${i % 997},5\t-${i % 991},1\t${(i % 991) - (i % 997)},4`);
  const session = await openSession({ browser });
  try {
    const { page } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await paste(page, { plain: lines.join('\n') });
    await cell(page, 0, 'variance').waitFor({ timeout: 60000 });
    await saved(page, { timeout: 60000 });
    assert.equal(await page.getByTestId('storage-problem').count(), 0);
    const totals = await page.locator('[data-testid="grid"] tfoot').textContent();
    const [record] = (await storedRecords(page)).filter((r) => r.key === 'current');
    assert.ok(record.text.length < 40e6, `stored ${record.text.length} characters`);
    await app.reload();
    await cell(page, 0, 'variance').waitFor({ timeout: 60000 });
    assert.equal(await page.getByTestId('grid').getAttribute('aria-rowcount'), String(100_000 + 2));
    assert.equal(await page.locator('[data-testid="grid"] tfoot').textContent(), totals);
    assert.equal(await cellText(page, 0, 0), 'Verksamhet 1');
  } finally {
    await session.close();
  }
});

test('a workspace stored by an older version is migrated; an unreadable one is kept aside', async () => {
  const session = await openSession({ browser });
  try {
    const { page } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await storeRecord(page, V1);
    await app.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    assert.deepEqual(await page.getByTestId('sheet-tab').allTextContents(), ['Resultat per uppdrag', 'Investeringar']);
    assert.equal(await cellText(page, 0, 1), '-290,0');

    await storeRecord(page, '{"format": "kalkyl-workspace", "version": 2, "tables": [');
    await app.reload();
    await page.getByTestId('storage-unreadable').waitFor();
    await page.getByTestId('empty-state').waitFor();
    const records = await storedRecords(page);
    const aside = records.find((r) => String(r.key).startsWith('unreadable-'));
    assert.ok(aside, `kept aside: ${records.map((r) => r.key)}`);
    assert.equal(aside.text, '{"format": "kalkyl-workspace", "version": 2, "tables": [');
    // Work goes on, and is saved again.
    await page.getByTestId('sample').click();
    await saved(page);
  } finally {
    await session.close();
  }
});

test('two tabs: the second is told when the first saves, and neither overwrites the other silently', async () => {
  const session = await openSession({ browser });
  try {
    const first = session.page;
    const one = new KalkylPage(first, session.server.url);
    await one.open();
    await first.getByTestId('sample').click();
    await saved(first);

    const second = await session.newPage();
    const two = new KalkylPage(second, session.server.url);
    await two.open();
    await cell(second, 0, 1).waitFor();
    assert.equal(await cellText(second, 0, 1), '-297,2', 'the second tab opens the saved workspace');

    // The first tab edits and saves: the second is told at once, and still
    // shows its own (now older) figures, marked as not saved.
    await cell(first, 0, 1).click();
    await first.keyboard.type('-300');
    await first.keyboard.press('Enter');
    await saved(first);
    await second.locator('[data-testid="storage-problem"][data-kind="conflict"]').waitFor();
    assert.equal(await cellText(second, 0, 1), '-297,2');
    await second.locator('[data-testid="save-state"][data-state="unsaved"]').waitFor();

    // An edit in the second tab is not saved over the first tab's work.
    await cell(second, 1, 1).click();
    await second.keyboard.type('-41');
    await second.keyboard.press('Enter');
    await second.waitForTimeout(800);
    const stored = JSON.parse((await storedRecords(first)).find((r) => r.key === 'current').text);
    assert.equal(stored.tables[0].rows[0].values[1], '-300', "the first tab's edit is what is stored");
    assert.equal(stored.tables[0].rows[1].values[1], '-38.1', "the second tab's edit was not written");

    // The second tab chooses to keep its own: now the first is told.
    await second.getByTestId('keep-mine').click();
    await saved(second);
    await first.locator('[data-testid="storage-problem"][data-kind="conflict"]').waitFor();
    // The first tab loads the saved one: it shows the second tab's workspace.
    await first.getByTestId('load-saved').click();
    await first.waitForFunction(
      () => document.querySelector('[data-testid="grid"] td[data-row="1"][data-col="1"]')?.textContent.trim() === '-41',
    );
    assert.equal(await cellText(first, 0, 1), '-297,2');
    assert.equal(await first.getByTestId('storage-problem').count(), 0);
    await saved(first);
  } finally {
    await session.close();
  }
});

test('a full storage is shown at once with the advice to export, and the app keeps working', async () => {
  const session = await openSession({ browser });
  try {
    const { page, context } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    // A real quota: Chromium enforces it for this origin (DevTools protocol).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(session.server.url).origin, quotaSize: 2000 });
    await paste(page, { plain: fixtures['004-4.1-resultatrapport-regionstyrelsen'].paste });
    const problem = page.locator('[data-testid="storage-problem"][data-kind="quota"]');
    await problem.waitFor();
    assert.match(await problem.textContent(), /Exportera arbetsytan som fil \(JSON\)/);
    await page.locator('[data-testid="save-state"][data-state="unsaved"]').waitFor();
    // Editing and exporting still work.
    await cell(page, 0, 1).click();
    await page.keyboard.type('-1');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="1"]')?.textContent.trim() === '-1',
    );
    const file = JSON.parse(await exportJson(page));
    assert.equal(file.tables.length, 1);
    // Room again: the next change is saved and the message goes away.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(session.server.url).origin });
    await cell(page, 0, 1).click();
    await page.keyboard.type('-2');
    await page.keyboard.press('Enter');
    await saved(page);
    assert.equal(await page.getByTestId('storage-problem').count(), 0);
  } finally {
    await session.close();
  }
});
