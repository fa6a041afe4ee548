// Nothing is lost: the workspace is saved in IndexedDB (real browser
// storage) and restored on reload, older stored versions are migrated, an
// unreadable one is kept aside, two tabs never overwrite each other
// silently (a tab with nothing of its own to lose takes the other's save
// quietly; "keep mine" loses no edit made while it writes), and a full
// storage is shown at once while the app keeps working.
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
const conflict = (page, options) =>
  page.locator('[data-testid="storage-problem"][data-kind="conflict"]').waitFor(options);

/** Types `value` into a cell, as a user does, and waits until the grid shows it. */
async function editCell(page, row, col, value) {
  await cell(page, row, col).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([row, col, value]) =>
      document.querySelector(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`)?.textContent.trim() === value,
    [row, col, value],
  );
}

/** A pasted table of 100 000 rows, each with a finding (the stated deviation is off). */
function largeTable() {
  const lines = ['Uppdrag, belopp i tkr\tAck. utfall\tAck. budget\tAvvikelse'];
  for (let i = 0; i < 100_000; i++) lines.push(`Verksamhet ${i + 1}\t-${i % 997},5\t-${i % 991},1\t${(i % 991) - (i % 997)},4`);
  return lines.join('\n');
}
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

/**
 * The stored values of column `col` in `rows` of the first table, read and
 * parsed by the page itself (a large workspace stays in the browser).
 */
const storedValues = (page, rows, col) =>
  page.evaluate(
    ([rows, col]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalkyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('workspace').objectStore('workspace').get('current');
          get.onsuccess = () => {
            open.result.close();
            const table = JSON.parse(get.result.text).tables[0];
            resolve(rows.map((r) => table.rows[r].values[col]));
          };
        };
      }),
    [rows, col],
  );

/**
 * Holds the workspace store as a slow disk would: a read-write transaction
 * kept open, so every tab's write (and read) waits until `release()` is
 * called. IndexedDB runs them one at a time, in the order they began.
 */
async function holdStorage(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalkyl');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('workspace', 'readwrite');
          const store = tx.objectStore('workspace');
          let held = true;
          window.__releaseKalkylStore = () => {
            held = false;
          };
          tx.oncomplete = () => open.result.close();
          const keep = () => {
            if (held) store.get('held').onsuccess = keep;
          };
          store.get('held').onsuccess = () => {
            resolve();
            keep();
          };
        };
      }),
  );
  return () => page.evaluate(() => window.__releaseKalkylStore());
}

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
    assert.equal(JSON.parse(current.text).version, 4);

    await app.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    assert.deepEqual(await page.getByTestId('sheet-tab').allTextContents(), ['Uppdrag, belopp i mnkr', 'Övrigt driftansvar']);
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

test("the year of a paste is kept: years still to come by the browser's clock stay a plan when the table is read again after a reload", async () => {
  const session = await openSession({ browser });
  try {
    const { page } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    const year = await page.evaluate(() => new Date().getFullYear());
    const years = [year - 1, year, year + 1, year + 2];
    await paste(page, {
      plain: `Nämnd (mnkr)\t${years.join('\t')}\nBarn och utbildning\t412,5\t420,0\t431,2\t440,0\nOmsorg\t388,1\t395,0\t402,7\t410,0\n`,
    });
    const roles = () => page.$$eval('[data-testid="grid"] thead select[data-testid^="role-"]', (s) => s.map((x) => x.value));
    await page.locator('[data-testid="role-4"]').waitFor();
    assert.deepEqual(await roles(), ['label', 'prior_outcome', 'outcome', 'other', 'other'], 'later years are a plan');
    await saved(page);
    const file = JSON.parse(await exportJson(page));
    assert.equal(file.tables[0].read_choices.year_pasted, year, 'the year is kept with the read choices');

    await app.reload();
    await page.locator('[data-testid="role-4"]').waitFor();
    // A changed role reads the pasted text again, with the stored year: the
    // years to come do not become an outcome series.
    await page.selectOption('[data-testid="role-1"]', 'budget');
    await page.waitForFunction(() => document.querySelector('[data-testid="role-1"]').value === 'budget');
    assert.deepEqual(await roles(), ['label', 'budget', 'outcome', 'other', 'other']);
  } finally {
    await session.close();
  }
});

test('a 100 000-row table with a finding on every row is saved and restored', async () => {
  // The full workspace file of this table is about 100 MB, more than
  // Chromium keeps in one IndexedDB record; the stored form is a fifth.
  const session = await openSession({ browser });
  try {
    const { page } = session;
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await paste(page, { plain: largeTable() });
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

test('the stored workspace is read by the on-demand module: if it cannot load, nothing is saved over the stored one, and "try again" opens it with what was pasted meanwhile beside it', async () => {
  const session = await openSession({ browser });
  // A context of its own: no service worker (it would serve the module
  // from its cache), and the module's files refused while `refuse` holds.
  const context = await browser.newContext({ locale: 'sv-SE', serviceWorkers: 'block' });
  let refuse = false;
  await context.route('**/year/**', (route) => (refuse ? route.abort() : route.continue()));
  try {
    const page = await context.newPage();
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
    await cell(page, 0, 'variance').waitFor();
    await saved(page);
    const [before] = (await storedRecords(page)).filter((r) => r.key === 'current');
    // Pasted the moment the page opened, perhaps before the store answered:
    // stored all the same.
    assert.equal(JSON.parse(before?.text ?? '{}').tables?.length, 1, 'the paste is stored');

    refuse = true;
    await app.reload();
    await page.getByTestId('storage-unopened').waitFor();
    assert.match(await page.getByTestId('storage-unopened').innerText(), /Inget är förlorat/);
    // Work goes on, but is not saved over the stored workspace.
    await paste(page, { plain: fixtures['004-4.1-ovrigt-driftansvar'].paste });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 1);
    await page.locator('[data-testid="save-state"][data-state="unsaved"]').waitFor();
    const [kept] = (await storedRecords(page)).filter((r) => r.key === 'current');
    assert.equal(kept.text, before.text, 'the stored workspace is untouched');

    refuse = false;
    await page.getByTestId('storage-unopened').getByRole('button').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    assert.equal(await page.getByTestId('storage-unopened').count(), 0);
    const tabs = await page.getByTestId('sheet-tab').allTextContents();
    assert.equal(tabs[0], 'Uppdrag, belopp i mnkr', `the stored table first: ${tabs}`);
    await saved(page);
    const [after] = (await storedRecords(page)).filter((r) => r.key === 'current');
    assert.equal(JSON.parse(after.text).tables.length, 2, 'both tables are stored');
  } finally {
    await context.close();
    await session.close();
  }
});

test('two tabs: a tab with unsaved changes is told when the other saves, and neither overwrites the other silently', async () => {
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

    // Both tabs edit while the storage is slow; the first tab's save is
    // written first. The second is told, and still shows its own figures,
    // marked as not saved.
    let release = await holdStorage(first);
    await editCell(first, 0, 1, '-300');
    await editCell(second, 1, 1, '-41');
    await second.waitForTimeout(800); // both saves are waiting for the storage
    await release();
    await saved(first);
    await conflict(second);
    assert.equal(await cellText(second, 0, 1), '-297,2');
    assert.equal(await cellText(second, 1, 1), '-41');
    await second.locator('[data-testid="save-state"][data-state="unsaved"]').waitFor();

    // A further edit in the second tab is not saved over the first tab's work.
    await editCell(second, 2, 1, '-7');
    await second.waitForTimeout(800);
    const stored = JSON.parse((await storedRecords(first)).find((r) => r.key === 'current').text);
    assert.equal(stored.tables[0].rows[0].values[1], '-300', "the first tab's edit is what is stored");
    assert.equal(stored.tables[0].rows[1].values[1], '-38.1', "the second tab's edits were not written");
    assert.equal(stored.tables[0].rows[2].values[1], '-2.1');
    await second.locator('[data-testid="save-state"][data-state="unsaved"]').waitFor();

    // The second tab chooses to keep its own while the first has an edit
    // of its own on the way: now the first is told.
    release = await holdStorage(first);
    await second.getByTestId('keep-mine').click();
    await editCell(first, 3, 1, '-80');
    await first.waitForTimeout(800);
    await release();
    await saved(second);
    await conflict(first);
    assert.equal(await second.getByTestId('storage-problem').count(), 0);
    // The first tab loads the saved one: it shows the second tab's workspace.
    await first.getByTestId('load-saved').click();
    await first.waitForFunction(
      () => document.querySelector('[data-testid="grid"] td[data-row="1"][data-col="1"]')?.textContent.trim() === '-41',
    );
    assert.equal(await cellText(first, 0, 1), '-297,2');
    assert.equal(await cellText(first, 2, 1), '-7');
    assert.equal(await cellText(first, 3, 1), '-82,9');
    assert.equal(await first.getByTestId('storage-problem').count(), 0);
    await saved(first);
  } finally {
    await session.close();
  }
});

test('two tabs: a tab with no change of its own takes the other tab\'s save quietly and says so', async () => {
  const session = await openSession({ browser });
  try {
    const first = session.page;
    const one = new KalkylPage(first, session.server.url);
    await one.open();
    await first.getByTestId('sample').click();
    await first.getByTestId('new-table').click();
    await first.getByTestId('sheet-tab').first().click();
    await cell(first, 0, 1).waitFor();
    await saved(first);

    const second = await session.newPage();
    const two = new KalkylPage(second, session.server.url);
    await two.open();
    await cell(second, 0, 1).waitFor();
    await saved(second);
    const currentTab = (page) => page.locator('[data-testid="sheet-tab"][aria-current="page"]').textContent();
    await second.getByTestId('sheet-tab').last().click();
    await second.waitForFunction(() => document.querySelector('[aria-current="page"]')?.textContent === 'Ny tabell');

    // The first tab saves an edit: the second, unedited, takes it without a
    // banner, and its status line says where it came from; the table it
    // shows stays in view.
    await editCell(first, 0, 1, '-300');
    await saved(first);
    const updated = second.locator('[data-testid="save-state"][data-state="updated"]');
    await updated.waitFor();
    assert.equal((await updated.textContent()).trim(), 'Uppdaterad från en annan flik');
    assert.equal(await currentTab(second), 'Ny tabell');
    await second.getByTestId('sheet-tab').first().click();
    await second.waitForFunction(
      () => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="1"]')?.textContent.trim() === '-300',
    );
    const totals = (page) => page.locator('[data-testid="grid"] tfoot').textContent();
    assert.equal(await totals(second), await totals(first), 'the totals of the first tab too');
    assert.equal(await second.getByTestId('storage-problem').count(), 0);

    // It took the stored workspace as its own: its next edit is saved on
    // top of it, with no conflict, and the first tab is updated in turn.
    await editCell(second, 1, 1, '-41');
    await saved(second);
    await first.locator('[data-testid="save-state"][data-state="updated"]').waitFor();
    assert.equal(await cellText(first, 1, 1), '-41');
    assert.equal(await cellText(first, 0, 1), '-300');
    assert.equal(await first.getByTestId('storage-problem').count(), 0);
    const stored = JSON.parse((await storedRecords(first)).find((r) => r.key === 'current').text);
    assert.deepEqual(
      stored.tables[0].rows.slice(0, 2).map((r) => r.values[1]),
      ['-300', '-41'],
    );
    await one.setLanguage('en');
    assert.equal(
      (await first.locator('[data-testid="save-state"]').textContent()).trim(),
      'Updated from another tab',
    );
  } finally {
    await session.close();
  }
});

test('keep mine at 100 000 rows: an edit made while its slow write runs is saved too, and "saved" waits for it', async () => {
  const session = await openSession({ browser });
  try {
    // Tab B has the large table; tab A opens it from storage.
    const b = session.page;
    const appB = new KalkylPage(b, session.server.url);
    await appB.open();
    await paste(b, { plain: largeTable() });
    await cell(b, 0, 'variance').waitFor({ timeout: 60000 });
    await saved(b, { timeout: 60000 });
    const a = await session.newPage();
    const appA = new KalkylPage(a, session.server.url);
    await appA.open();
    await cell(a, 0, 'variance').waitFor({ timeout: 60000 });

    // A saves an edit while B has one of its own unsaved: B is told. The
    // store is held until A's write is queued, so that A's lands first
    // whichever tab's timer runs out first (read-write transactions run in
    // the order they were made, across tabs).
    const releaseFirst = await holdStorage(a);
    await editCell(a, 0, 1, '-1');
    await a.locator('[data-testid="save-state"][data-state="saving"]').waitFor({ timeout: 60000 });
    await editCell(b, 1, 1, '-2');
    await releaseFirst();
    await saved(a, { timeout: 60000 });
    await conflict(b, { timeout: 60000 });
    assert.deepEqual(await storedValues(a, [0, 1], 1), ['-1', '-1.5'], "A's edit is stored, B's is not");

    // Every time B's indicator turns to "saved" from here on, what is
    // stored then must have both of B's edits.
    await b.evaluate(() => {
      window.__savedStates = [];
      const stored = () =>
        new Promise((resolve) => {
          const open = indexedDB.open('kalkyl');
          open.onsuccess = () => {
            const get = open.result.transaction('workspace').objectStore('workspace').get('current');
            get.onsuccess = () => {
              open.result.close();
              const rows = JSON.parse(get.result.text).tables[0].rows;
              resolve([rows[1].values[1], rows[2].values[1]]);
            };
          };
        });
      new MutationObserver((changes) => {
        for (const change of changes) {
          if (change.target.dataset.testid === 'save-state' && change.target.dataset.state === 'saved') {
            window.__savedStates.push(stored());
          }
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });

    // B keeps its own and, at once, edits another cell: the write is held
    // back (as a slow disk would) so that the edit surely comes while it runs.
    const release = await holdStorage(b);
    await b.getByTestId('keep-mine').click();
    await editCell(b, 2, 1, '-3');
    assert.notEqual(await b.getByTestId('save-state').getAttribute('data-state'), 'saved');
    await release();
    await saved(b, { timeout: 60000 });
    assert.equal(await b.getByTestId('storage-problem').count(), 0);
    assert.deepEqual(await storedValues(b, [0, 1, 2], 1), ['-0.5', '-2', '-3'], "B's workspace with both edits is stored");
    const whenSaved = await b.evaluate(() => Promise.all(window.__savedStates));
    assert.ok(whenSaved.length > 0);
    for (const values of whenSaved) assert.deepEqual(values, ['-2', '-3'], '"Sparad" only once the edit is stored');

    // A, with nothing unsaved, takes B's workspace quietly.
    await a.waitForFunction(
      () => document.querySelector('[data-testid="grid"] td[data-row="2"][data-col="1"]')?.textContent.trim() === '-3',
      null,
      { timeout: 60000 },
    );
    await a.locator('[data-testid="save-state"][data-state="updated"]').waitFor({ timeout: 60000 });
    assert.equal(await cellText(a, 0, 1), '-0,5');
    assert.equal(await a.getByTestId('storage-problem').count(), 0);

    // A reload of B shows both edits.
    await appB.reload();
    await cell(b, 0, 'variance').waitFor({ timeout: 60000 });
    assert.equal(await cellText(b, 1, 1), '-2');
    assert.equal(await cellText(b, 2, 1), '-3');
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
    // The quota reaches the page's storage asynchronously: paste only once
    // the page sees it, or the first save may still fit (a flake seen once
    // in five full runs).
    await page.waitForFunction(async () => (await navigator.storage.estimate()).quota <= 2000);
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
    await page.waitForFunction(async () => (await navigator.storage.estimate()).quota > 2000);
    await cell(page, 0, 1).click();
    await page.keyboard.type('-2');
    await page.keyboard.press('Enter');
    await saved(page);
    assert.equal(await page.getByTestId('storage-problem').count(), 0);
  } finally {
    await session.close();
  }
});
