// The year in one view, a WebAssembly module of its own: not in the first
// load, loaded when the user asks for a follow-up. Two seed reports of one
// year (seed 003's August forecast, seed 000's annual outcome) are pasted,
// made a follow-up, and their rows compared; an edit in a sheet reaches
// the follow-up, and a reload keeps it (autosave) and loads the module
// again by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste, captureDownload, readClipboard } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';
import { loadFixtures } from './lib/fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));
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

// What the page itself fetched of the year module (the service worker
// fetches every file in the background for offline use; that is not the
// first load).
const yearRequests = () =>
  session.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => new URL(u).pathname.includes('/year/')),
  );

/** The text of a figure of the follow-up table, once it shows `want`. */
async function expectFigure(label, figure, report, want) {
  const selector =
    `table[data-testid="follow-up"] tr[data-label="${label}"] td[data-figure="${figure}"]` +
    (report === null ? '' : `[data-report="${report}"]`);
  try {
    await session.page.waitForFunction(
      ([s, w]) => document.querySelector(s)?.textContent.trim() === w,
      [selector, want],
      { timeout: 5000 },
    );
  } catch {
    const cell = session.page.locator(selector);
    const seen = (await cell.count()) ? (await cell.first().textContent()).trim() : '(no such cell)';
    assert.equal(seen, want, `${label}, ${figure} ${report ?? ''}`);
  }
}

async function expectYear() {
  // Forecast (August, report 0) against the annual outcome (report 1);
  // the forecast deviation is outcome − forecast.
  await expectFigure('Förtroendevalda', 'forecast', 0, '-39,6');
  await expectFigure('Förtroendevalda', 'outcome', null, '-38,1');
  await expectFigure('Förtroendevalda', 'deviation', 0, '+1,5');
  await expectFigure('Oförutsett Regionstyrelsen', 'forecast', 0, '-4,4');
  await expectFigure('Oförutsett Regionstyrelsen', 'outcome', null, '-2,1');
  await expectFigure('Oförutsett Regionstyrelsen', 'deviation', 0, '+2,3');
}

test('the year module is not loaded until a follow-up is asked for', async () => {
  const { page } = session;
  await paste(page, { plain: fixtures['003-5.1.2-analys-av-prognosen'].paste });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 1);
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
  assert.deepEqual(await yearRequests(), [], 'nothing of the year module in the first load');
  await page.getByTestId('follow-up-create').click();
  await page.locator('table[data-testid="follow-up"]').waitFor();
  assert.ok((await yearRequests()).some((u) => u.endsWith('.wasm')), 'the year module was loaded on demand');
});

test('a follow-up compares the August forecast with the annual outcome row by row', async () => {
  const { page } = session;
  await page.locator('select[data-testid="report-kind"]').nth(0).selectOption('follow_up');
  await page.locator('select[data-testid="report-kind"]').nth(1).selectOption('annual');
  await page.locator('input[data-testid="report-months"]').nth(0).fill('8');
  await expectYear();
  // The August report's development funds are four lines whose budgets do
  // not add up to the annual report's one line: listed, never matched.
  const unmatched = page.locator('ul[data-testid="follow-up-unmatched"] li');
  const labels = await unmatched.evaluateAll((items) => items.map((li) => li.dataset.label));
  for (const part of ['Regional utveckling', 'Hälso- och sjukvård', 'ePlan', 'Regiongemenensamt']) {
    assert.ok(labels.includes(`Utvecklingsmedel ${part}`), `Utvecklingsmedel ${part} is unmatched: ${labels}`);
  }
  assert.equal(
    await page.locator('table[data-testid="follow-up"] tr[data-label^="Utvecklingsmedel "]').count(),
    0,
    'no part is a row of its own beside the whole',
  );
  assert.deepEqual(session.recorder.cspViolations(), []);
  assert.deepEqual(session.recorder.log.errors, []);
});

test('an edit of the annual outcome in the grid reaches the follow-up', async () => {
  const { page } = session;
  // The annual report is the tab in view (pasted last); Förtroendevalda is row 1.
  const outcome = page.locator('[data-testid="grid"] td[data-row="1"][data-col="1"]');
  assert.equal((await outcome.textContent()).trim(), '-38,1');
  await outcome.click();
  await page.keyboard.type('-37,1');
  await page.keyboard.press('Enter');
  await expectFigure('Förtroendevalda', 'outcome', null, '-37,1');
  await expectFigure('Förtroendevalda', 'deviation', 0, '+2,5');
  // Undone, the follow-up follows back.
  await page.keyboard.press('Control+z');
  await expectFigure('Förtroendevalda', 'outcome', null, '-38,1');
  await expectFigure('Förtroendevalda', 'deviation', 0, '+1,5');
});

test('the follow-up saves as CSV for Swedish Excel and international, and copies as a table', async () => {
  const { page, context } = session;
  const sv = await captureDownload(page, () => page.getByTestId('follow-up-csv-sv').click());
  assert.match(sv.name, /^uppfoljning-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...sv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark for Excel');
  const svLines = sv.bytes.toString('utf8').slice(1).split('\r\n');
  assert.equal(svLines.at(-1), '', 'every line ends in CRLF');
  const head = svLines[0].split(';');
  assert.equal(head[0], 'Rad');
  const column = (heading) => {
    const i = head.findIndex((h) => h.endsWith(heading));
    assert.ok(i > 0, `a column ${heading} in ${head}`);
    return i;
  };
  const forecast = head.findIndex((h) => h.includes('Uppföljning (8 mån): Prognos (mnkr)'));
  assert.ok(forecast > 0, `August's forecast column in ${head}`);
  const deviation = head.findIndex((h) => h.includes('Uppföljning (8 mån): Prognosavvikelse (mnkr)'));
  const outcome = column('Året: Utfall (mnkr)');
  const row = (label) => svLines.find((l) => l.startsWith(`${label};`))?.split(';') ?? [];
  assert.equal(row('Förtroendevalda')[forecast], '-39,6');
  assert.equal(row('Förtroendevalda')[outcome], '-38,1');
  assert.equal(row('Förtroendevalda')[deviation], '1,5', 'exact values, no sign added');
  assert.equal(row('Oförutsett Regionstyrelsen')[deviation], '2,3');
  assert.ok(row('Summa').length === head.length, 'a total line');

  const intl = await captureDownload(page, () => page.getByTestId('follow-up-csv').click());
  assert.notEqual(intl.bytes[0], 0xef);
  const intlLines = intl.bytes.toString('utf8').split('\r\n');
  assert.equal(intlLines[0].split(',')[0], 'Row');
  assert.ok(intlLines.some((l) => l.startsWith('Förtroendevalda,') && l.includes(',-39.6,')), intlLines.join('\n'));
  assert.match(await page.getByTestId('follow-up-export-status').textContent(), /uppfoljning-.*\.csv/);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('follow-up-copy').click();
  const flavours = await readClipboard(page);
  assert.match(flavours['text/html'], /<table/);
  assert.match(flavours['text/html'], />Förtroendevalda</);
  assert.match(flavours['text/html'], />\+1,5</);
  const lines = flavours['text/plain'].split(/\r?\n/);
  assert.ok(lines.some((l) => /^Förtroendevalda\t.*-39,6\t.*\+1,5/.test(l)), lines.join('\n'));
  assert.match(await page.getByTestId('follow-up-export-status').textContent(), /kopierad/);
  assert.deepEqual(session.recorder.log.errors, []);
});

test('a matched row can be moved out of its row and back', async () => {
  const { page } = session;
  const matches = page.getByTestId('follow-up-matches');
  await matches.locator('summary').click();
  // The annual report's (report 1) Förtroendevalda line, matched to August's.
  const annual = matches.locator('li[data-label="Förtroendevalda"][data-report="1"]');
  await annual.waitFor();
  await annual.locator('select[data-testid="member-target"]').selectOption('');
  // Out of the row, neither line has a counterpart: both are listed, and
  // the row is gone from the table rather than compared with nothing.
  const listed = (report) =>
    page.locator(`ul[data-testid="follow-up-unmatched"] li[data-label="Förtroendevalda"][data-report="${report}"]`);
  await listed(1).waitFor();
  await listed(0).waitFor();
  assert.equal(await page.locator('table[data-testid="follow-up"] tr[data-label="Förtroendevalda"]').count(), 0);
  // Back, chosen from the list.
  await listed(1).locator('select').selectOption('Förtroendevalda');
  await expectYear();
  assert.equal(await listed(0).count(), 0);
  assert.equal(await listed(1).count(), 0);
  assert.deepEqual(session.recorder.log.errors, []);
});

test('a reload keeps the follow-up and loads the year module by itself', async () => {
  const { page } = session;
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
  await app.reload();
  await page.locator('table[data-testid="follow-up"]').waitFor();
  await expectYear();
  assert.equal(await page.locator('input[data-testid="report-months"]').nth(0).inputValue(), '8');
  assert.equal(await page.locator('select[data-testid="report-kind"]').nth(1).inputValue(), 'annual');
  assert.deepEqual(session.recorder.log.errors, []);
});

test('offline, the year module comes from the service worker cache', async () => {
  const { page, context, server } = session;
  await app.waitOfflineReady();
  await server.close();
  await context.setOffline(true);
  try {
    await app.reload();
    await page.locator('table[data-testid="follow-up"]').waitFor();
    await expectYear();
    assert.deepEqual(session.recorder.cspViolations(), []);
    assert.deepEqual(session.recorder.log.errors, []);
  } finally {
    await context.setOffline(false);
  }
});

