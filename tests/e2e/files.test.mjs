// Sharing files: the workspace as JSON, the table as CSV (Swedish Excel and
// international) and on the clipboard (HTML and text), and opening files
// again: a JSON workspace in a fresh browser profile, a CSV as a new table,
// a dropped file, and hostile files that must leave the workspace as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste, captureDownload, readClipboard } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';
import { loadFixtures } from './lib/fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));

let session;
let app;
let exported; // the JSON download of the first test

before(async () => {
  session = await openSession();
  app = new KalkylPage(session.page, session.server.url);
  await app.open();
});

after(async () => {
  await session?.close();
});

const cell = (page, row, col) => page.locator(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`);

/** Every drawn cell of every table, by tab: { name: { "row/col": text } }. */
async function allCells(page) {
  const out = {};
  const tabs = page.getByTestId('sheet-tab');
  const n = await tabs.count();
  for (let i = 0; i < n; i++) {
    const tab = tabs.nth(i);
    await tab.click();
    const name = (await tab.textContent()).trim();
    // The clicked table is the one drawn before its cells are read.
    await page.waitForFunction((name) => document.querySelector('.sheet-name')?.textContent === name, name);
    out[`${i}:${name}`] = await page.evaluate(() => {
      const cells = {};
      for (const td of document.querySelectorAll('[data-testid="grid"] td[data-row][data-col]')) {
        cells[`${td.dataset.row}/${td.dataset.col}`] = td.textContent.trim();
      }
      return cells;
    });
  }
  return out;
}

const localDate = (page) =>
  page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });

/** The JSON text with the export time blanked, for comparing two exports. */
const withoutSavedAt = (text) => text.replace(/"saved_at": "[^"]*"/, '"saved_at": null');

async function importFile(page, name, text, mimeType = 'application/json') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: Buffer.from(text, 'utf8') });
}

test('the workspace downloads as an exact JSON file named after the workspace and the date', async () => {
  const { page } = session;
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await cell(page, 0, 'variance').waitFor();
  // An edit: the file keeps the value and the pasted original.
  await cell(page, 0, 1).click();
  await page.keyboard.type('-310,5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="1"]')?.textContent.trim() === '-310,5',
  );
  await paste(page, { plain: fixtures['004-4.1-ovrigt-driftansvar'].paste });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);

  const download = await captureDownload(page, () => page.getByTestId('export-json').click());
  assert.equal(download.name, `kalkyl-${await localDate(page)}.json`);
  const text = download.bytes.toString('utf8');
  assert.notEqual(download.bytes[0], 0xef, 'no byte order mark in JSON');
  const file = JSON.parse(text);
  assert.equal(file.format, 'kalkyl-workspace');
  assert.equal(file.version, 4);
  assert.equal(file.tables.length, 2);
  const [first] = file.tables;
  assert.equal(first.unit, 'mnkr');
  // Not chosen by the user, so the detected one is the one in use.
  assert.equal(first.sign_convention, 'outcome_minus_budget');
  assert.equal(first.sign_convention_chosen, false);
  assert.equal(first.sign_convention_detected, 'outcome_minus_budget');
  assert.deepEqual(first.columns.map((c) => c.role).slice(0, 3), ['label', 'outcome', 'budget']);
  assert.equal(first.rows[0].label, 'Regionkontoret');
  assert.equal(first.rows[0].kind, 'item');
  assert.equal(first.rows[0].values[1], '-310.5', 'the edited value, as an exact decimal string');
  assert.equal(first.rows[0].computed.variance, '-5.5', '-310,5 − -305,0');
  assert.ok(Array.isArray(file.tables[1].checks) && file.tables[1].checks.length > 0, 'seed 004 carries its checks');
  for (const c of file.tables[1].checks) assert.ok('row' in c && 'column' in c && 'kind' in c);
  assert.match(await page.getByTestId('file-status').textContent(), /kalkyl-\d{4}-\d{2}-\d{2}\.json/);
  exported = text;
});

test('CSV for Swedish Excel: BOM, semicolons, decimal comma, CRLF; the international one uses commas and points', async () => {
  const { page } = session;
  await page.getByTestId('sheet-tab').first().click();
  const sv = await captureDownload(page, () => page.getByTestId('export-csv-sv').click());
  assert.equal(sv.name, `kalkyl-${await localDate(page)}.csv`);
  assert.deepEqual([...sv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark for Excel');
  const svText = sv.bytes.toString('utf8').slice(1);
  const svLines = svText.split('\r\n');
  assert.equal(svLines.at(-1), '', 'every line ends in CRLF');
  assert.ok(!svText.replace(/\r\n/g, '').includes('\n'), 'no bare LF');
  assert.match(svLines[0], /^Uppdrag, belopp i mnkr;Ack\. utfall;Ack\. budget;/);
  assert.match(svLines[0], /;Avvikelse \(mnkr\);Avvikelse %/);
  assert.match(svLines[1], /^Regionkontoret;-310,5;-305(,0)?;7,8;-5,5;/, 'decimal comma, no grouping, computed columns after the input');

  const intl = await captureDownload(page, () => page.getByTestId('export-csv').click());
  const intlText = intl.bytes.toString('utf8');
  assert.notEqual(intl.bytes[0], 0xef);
  const intlLines = intlText.split('\r\n');
  assert.match(intlLines[0], /^"Uppdrag, belopp i mnkr",Ack\. utfall,Ack\. budget,/);
  assert.match(intlLines[1], /^Regionkontoret,-310\.5,-305(\.0)?,7\.8,-5\.5,/);
});

test('a CSV file opens as a new table through the paste reader, named after the file', async () => {
  const { page } = session;
  const sv = await captureDownload(page, () => page.getByTestId('export-csv-sv').click());
  await importFile(page, 'resultat-april.csv', sv.bytes.toString('utf8'), 'text/csv');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 3);
  assert.equal((await page.locator('[data-testid="sheet-tab"][aria-current="page"]').textContent()).trim(), 'resultat-april');
  assert.equal((await cell(page, 0, 0).textContent()).trim(), 'Regionkontoret');
  assert.equal((await cell(page, 0, 1).textContent()).trim(), '-310,5');
  assert.match(await page.getByTestId('file-status').textContent(), /resultat-april\.csv/);
});

test('Copy table puts the table on the clipboard as HTML and as tab-separated text', async () => {
  const { page, context } = session;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('sheet-tab').first().click();
  await page.getByTestId('copy-table').click();
  const flavours = await readClipboard(page);
  assert.match(flavours['text/html'], /<table/);
  assert.match(flavours['text/html'], /Regionkontoret/);
  assert.match(flavours['text/html'], /-310,5/);
  const lines = flavours['text/plain'].split(/\r?\n/);
  assert.ok(lines.some((l) => /^Uppdrag, belopp i mnkr\tAck\. utfall\tAck\. budget/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^Regionkontoret\t-310,5\t-305,0\t/.test(l)), lines.join('\n'));
  assert.match(await page.getByTestId('file-status').textContent(), /kopierad/);
});

test('the JSON file opens in a fresh browser profile with every cell as it was', async () => {
  assert.ok(exported, 'the export test ran first');
  // The original workspace's first two tables, cell by cell.
  const original = await allCells(session.page);
  const fresh = await session.browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
  try {
    const page = await fresh.newPage();
    const other = new KalkylPage(page, session.server.url);
    await other.open();
    await page.getByTestId('empty-state').waitFor();
    await importFile(page, 'kalkyl.json', exported);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    const restored = await allCells(page);
    const firstTwo = Object.fromEntries(Object.entries(original).slice(0, 2));
    assert.deepEqual(restored, firstTwo);
    // The reopened workspace saves the same file again.
    const again = await captureDownload(page, () => page.getByTestId('export-json').click());
    assert.equal(withoutSavedAt(again.bytes.toString('utf8')), withoutSavedAt(exported));
    // The edit is still an edit: its pasted original can be restored.
    await page.getByTestId('sheet-tab').first().click();
    await other.resetCell(0, 1, '-297,2');
  } finally {
    await fresh.close();
  }
});

test('a dropped JSON file joins the open tables', async () => {
  const { page } = session;
  const before = await page.getByTestId('sheet-tab').count();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'kollegans.json', { type: 'application/json' }));
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    document.body.dispatchEvent(over);
    if (!over.defaultPrevented) throw new Error('the page does not accept a dropped file');
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, exported);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="sheet-tab"]').length === n, before + 2);
  assert.match(await page.getByTestId('file-status').textContent(), /kollegans\.json: 2/);
  // The first table of the file is shown, with its edit.
  assert.equal((await cell(page, 0, 'variance').textContent()).trim(), '-5,5');
});

test('hostile files are refused with a message and the workspace is untouched', async () => {
  const { page } = session;
  const snapshot = async () =>
    withoutSavedAt((await captureDownload(page, () => page.getByTestId('export-json').click())).bytes.toString('utf8'));
  const tabs = await page.getByTestId('sheet-tab').allTextContents();
  const before = await snapshot();
  const good = JSON.parse(exported);
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const cases = [
    ['inte-json.json', 'Det här är ingen JSON', /JSON/],
    ['avbruten.json', exported.slice(0, exported.length / 2), /JSON|slut|end/i],
    ['fel-format.json', JSON.stringify({ ...good, format: 'something-else' }), /format/i],
    ['nyare.json', JSON.stringify({ ...good, version: 99 }), /99|nyare|version/i],
    ['djup.json', deep, /djup|nest|nivå/i],
    ['stort-tal.json', exported.replace('"-310.5"', '"1e400"'), /tal|number|decimal/i],
    ['tom.csv', '   \n  ', /kunde inte öppnas/],
  ];
  for (const [name, text, reason] of cases) {
    await importFile(page, name, text);
    const error = page.getByTestId('import-error');
    await page.waitForFunction((n) => document.querySelector('[data-testid="import-error"]')?.textContent.includes(n), name);
    const message = await error.textContent();
    assert.match(message, reason, `${name}: ${message}`);
    assert.match(message, /Arbetsytan är oförändrad/, name);
    assert.deepEqual(await page.getByTestId('sheet-tab').allTextContents(), tabs, name);
  }
  assert.equal(await snapshot(), before, 'the workspace is exactly as before');
});
