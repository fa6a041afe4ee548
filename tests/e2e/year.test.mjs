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
import { fourReportFollowUp } from './lib/year.mjs';

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
async function expectFigure(label, figure, report, want, page = session.page) {
  const selector =
    `table[data-testid="follow-up"] tr[data-label="${label}"] td[data-figure="${figure}"]` +
    (report === null ? '' : `[data-report="${report}"]`);
  try {
    await page.waitForFunction(
      ([s, w]) => document.querySelector(s)?.textContent.trim() === w,
      [selector, want],
      { timeout: 5000 },
    );
  } catch {
    const cell = page.locator(selector);
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

test('the on-demand module is not in the first load: the first charts or follow-up load it', async () => {
  const { page } = session;
  assert.deepEqual(await yearRequests(), [], 'nothing of the module in the first load');
  await paste(page, { plain: fixtures['003-5.1.2-analys-av-prognosen'].paste });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 1);
  // The module lays out this PDF text and draws the table's charts.
  await page.locator('[data-testid="charts"] svg').first().waitFor();
  assert.ok((await yearRequests()).some((u) => u.endsWith('.wasm')), 'the module was loaded for the layout and charts');
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
  await page.getByTestId('follow-up-create').click();
  await page.locator('table[data-testid="follow-up"]').waitFor();
  const wasm = (await yearRequests()).filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the module is fetched once: ${wasm}`);
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

test("the workspace file keeps the follow-up's computed rows for readers, and reads back to the same file", async () => {
  const { page } = session;
  const saved = await captureDownload(page, () => page.getByTestId('export-json').click());
  const file = JSON.parse(saved.bytes.toString('utf8'));
  assert.equal(file.follow_ups.length, 1);
  const followUp = file.follow_ups[0];
  assert.deepEqual(
    followUp.reports.map((r) => [r.kind, r.months]),
    [['follow_up', 8], ['annual', 12]],
  );
  const row = (label) => followUp.rows.find((r) => r.label === label);
  const elected = row('Förtroendevalda');
  assert.ok(elected, `a row Förtroendevalda in ${followUp.rows.map((r) => r.label)}`);
  assert.equal(elected.outcome, '-38.1');
  assert.deepEqual(
    elected.forecast_deviations.map((d) => [d.report, d.value]),
    [[0, '1.5']],
  );
  assert.equal(row('Oförutsett Regionstyrelsen').forecast_deviations[0].value, '2.3');
  // The parts of the development funds are listed, not matched.
  assert.ok(followUp.unmatched.length >= 4, JSON.stringify(followUp.unmatched));

  // Opened in a fresh browser profile, it is the same workspace: the same
  // file again, computed rows included.
  const context = await session.browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
  try {
    const other = await context.newPage();
    await new KalkylPage(other, session.server.url).open();
    await other.getByTestId('import-file').setInputFiles({
      name: 'arbetsyta.json',
      mimeType: 'application/json',
      buffer: saved.bytes,
    });
    await other.locator('table[data-testid="follow-up"] tr[data-label="Förtroendevalda"]').waitFor();
    const again = await captureDownload(other, () => other.getByTestId('export-json').click());
    const strip = (text) => text.replace(/"saved_at": "[^"]*"/, '');
    assert.equal(strip(again.bytes.toString('utf8')), strip(saved.bytes.toString('utf8')));
  } finally {
    await context.close();
  }
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

test('changes in the follow-up are undone and redone, by button and by Ctrl+Z / Ctrl+Y in the view', async () => {
  const { page } = session;
  const row = page.locator('table[data-testid="follow-up"] tr[data-label="Förtroendevalda"]');
  // The previous test's two moves are steps: undo the move back ...
  const undo = page.getByTestId('follow-up-undo');
  const redo = page.getByTestId('follow-up-redo');
  assert.equal(await undo.isEnabled(), true);
  await undo.click();
  await page.waitForFunction(() => !document.querySelector('table[data-testid="follow-up"] tr[data-label="Förtroendevalda"]'));
  // ... and make it again.
  await redo.click();
  await row.waitFor();
  await expectYear();
  // The kind of the annual report as a step, undone with the keyboard in
  // the view; the sheet's own undo (the app's Ctrl+Z) is not touched.
  const kind = page.locator('select[data-testid="report-kind"]').nth(1);
  await kind.selectOption('follow_up');
  await page.waitForFunction(() => !document.querySelector('table[data-testid="follow-up"] td[data-figure="outcome"]')?.textContent.trim());
  await kind.focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('select[data-testid="report-kind"]')[1]?.value === 'annual');
  await expectYear();
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => document.querySelectorAll('select[data-testid="report-kind"]')[1]?.value === 'follow_up');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('select[data-testid="report-kind"]')[1]?.value === 'annual');
  await expectYear();
  // The next test reloads: the state after these steps is what was saved.
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


/** Kalkyl groups thousands with a no-break space. */
const nbsp = (text) => text.replace(/(\d) (\d)/g, '$1\u00a0$2');
const nbspValues = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, nbsp(v)]));

/** The tooltips of a path chart panel's points: { "report class": title }. */
async function pathPoints(page, label) {
  return page
    .locator(`svg[data-testid="follow-up-path-chart"] g[data-label="${label}"]`)
    .evaluate((g) =>
      Object.fromEntries(
        [...g.querySelectorAll('[data-report]')].map((el) => [
          `${el.dataset.report} ${el.getAttribute('class')}`,
          el.querySelector('title')?.textContent,
        ]),
      ),
    );
}

/** A deviation chart bar: its class and the text of its group. */
async function deviationBar(page, label, report) {
  const group = page.locator(`svg[data-testid="follow-up-deviation-chart"] g[data-label="${label}"]`);
  const bar = group.locator(`rect[data-report="${report}"]`);
  return { cls: await bar.getAttribute('class'), text: await bar.locator('xpath=..').textContent() };
}

test('the four reports of one year: budget and forecast paths in the table and both charts', async () => {
  // A session of its own: a fresh workspace (the tests above leave two
  // sheets and a follow-up, and the offline test stops their server).
  const own = await openSession({ browser: session.browser });
  try {
    const { page } = own;
    await new KalkylPage(page, own.server.url).open();
    await fourReportFollowUp(page);

    // Reports: 0 plan (002), 1 April (001), 2 August (003), 3 annual (000).
    // The follow-up takes the unit of the first table that states one, the
    // plan's tkr: the other reports' mnkr are converted exactly.
    // Förtroendevalda: plan budget 39 993 tkr with costs positive (002's
    // Budgetram) = -39 993, which is also the plan's forecast; August
    // (003-5.1.2) Årsbudget -39,1 and Årsprognos -39,6 mnkr; annual
    // (000-5.1.1) budget -40,0 and outcome -38,1 mnkr. Forecast deviations
    // (outcome − forecast): -38 100 - -39 993 = +1 893 (plan), -38 100 -
    // -39 600 = +1 500 (August).
    // Regionkontoret: plan 300 533 tkr = -300 533; August budget -272,5 and
    // forecast 243,8 mnkr (the report's own sign slip, carried as a
    // warning); annual budget -305,0, outcome -297,2 mnkr.
    // Oförutsett Regionstyrelsen: August budget and forecast -4,4; annual
    // budget -4,4, outcome -2,1, deviation +2,3 mnkr (the plan names it "RS
    // anslag för oförutsedda kostnader": unmatched until the user matches it).
    const table = [
      ['Förtroendevalda', 'budget', 0, '-39 993'],
      ['Förtroendevalda', 'budget', 2, '-39 100'],
      ['Förtroendevalda', 'budget', 3, '-40 000'],
      ['Förtroendevalda', 'forecast', 0, '-39 993'],
      ['Förtroendevalda', 'forecast', 2, '-39 600'],
      ['Förtroendevalda', 'forecast', 3, '-38 100'],
      ['Förtroendevalda', 'deviation', 0, '+1 893'],
      ['Förtroendevalda', 'deviation', 2, '+1 500'],
      ['Regionkontoret', 'budget', 0, '-300 533'],
      ['Regionkontoret', 'budget', 2, '-272 500'],
      ['Regionkontoret', 'budget', 3, '-305 000'],
      ['Regionkontoret', 'forecast', 0, '-300 533'],
      ['Regionkontoret', 'forecast', 2, '243 800'],
      ['Regionkontoret', 'forecast', 3, '-297 200'],
      ['Oförutsett Regionstyrelsen', 'budget', 2, '-4 400'],
      ['Oförutsett Regionstyrelsen', 'forecast', 2, '-4 400'],
      ['Oförutsett Regionstyrelsen', 'forecast', 3, '-2 100'],
      ['Oförutsett Regionstyrelsen', 'deviation', 2, '+2 300'],
    ];
    for (const [label, figure, report, want] of table) await expectFigure(label, figure, report, nbsp(want), page);
    // April (001-5.1.1) states no annual budget or forecast: no column, not zeros.
    assert.equal(await page.locator('table[data-testid="follow-up"] td[data-figure="forecast"][data-report="1"]').count(), 0);

    // The path chart shows the same paths, point by point.
    await page.locator('svg[data-testid="follow-up-path-chart"] g[data-label="Förtroendevalda"] rect.outcome').waitFor();
    assert.deepEqual(await pathPoints(page, 'Förtroendevalda'), nbspValues({
      '0 budget': 'Plan · Budget: -39 993',
      '2 budget': 'jan–aug · Budget: -39 100',
      '3 budget': 'Årsredovisning · Budget: -40 000',
      '0 forecast': 'Plan · Prognos: -39 993',
      '2 forecast': 'jan–aug · Prognos: -39 600',
      '3 outcome': 'Årsredovisning · Utfall: -38 100',
    }));
    assert.deepEqual(await pathPoints(page, 'Regionkontoret'), nbspValues({
      '0 budget': 'Plan · Budget: -300 533',
      '2 budget': 'jan–aug · Budget: -272 500',
      '3 budget': 'Årsredovisning · Budget: -305 000',
      '0 forecast': 'Plan · Prognos: -300 533',
      '2 forecast': 'jan–aug · Prognos: 243 800',
      '3 outcome': 'Årsredovisning · Utfall: -297 200',
    }));
    const forecasts = await page
      .locator('svg[data-testid="follow-up-path-chart"] g[data-label="Oförutsett Regionstyrelsen"] text.value')
      .allTextContents();
    assert.deepEqual(forecasts, ['-4 400', '-2 100'].map(nbsp));

    // The deviation chart: outcome − forecast per report, green when the
    // outcome was better than the forecast.
    const fortroendevaldaPlan = await deviationBar(page, 'Förtroendevalda', 0);
    assert.equal(fortroendevaldaPlan.cls, 'fav');
    assert.match(fortroendevaldaPlan.text, /Plan.*\+1\u00a0893/);
    assert.match((await deviationBar(page, 'Förtroendevalda', 2)).text, /jan–aug.*\+1\u00a0500/);
    assert.match((await deviationBar(page, 'Oförutsett Regionstyrelsen', 2)).text, /\+2\u00a0300/);
    const slip = await deviationBar(page, 'Regionkontoret', 2);
    assert.equal(slip.cls, 'unfav');
    assert.match(slip.text, /-541\u00a0000/);

    // The path chart draws the total, then the rows whose forecasts missed
    // most (Regionkontoret, with August's sign slip, marked); a row's label
    // in the table puts that row first.
    const panels = () =>
      page.locator('svg[data-testid="follow-up-path-chart"] g.path').evaluateAll((gs) => gs.map((g) => g.dataset.label));
    assert.deepEqual((await panels()).slice(0, 3), ['Summa', 'Regionkontoret', 'Oförutsett Regionstyrelsen']);
    assert.match(
      await page.locator('svg[data-testid="follow-up-path-chart"] g[data-label="Regionkontoret"] text.warned').textContent(),
      /Regionkontoret/,
    );
    const choose = page.locator('table[data-testid="follow-up"] tr[data-label="Förtroendevalda"] button[data-testid="follow-up-row-chart"]');
    await choose.click();
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-testid="follow-up-path-chart"] g.path')[1]?.dataset.label === 'Förtroendevalda',
    );
    assert.equal(await choose.getAttribute('aria-pressed'), 'true');
    await choose.click();
    await page.waitForFunction(
      () => document.querySelectorAll('svg[data-testid="follow-up-path-chart"] g.path')[1]?.dataset.label === 'Regionkontoret',
    );

    // An edit in the annual report's sheet (the tab in view; Förtroendevalda
    // is row 1, the outcome column 1) reaches both charts.
    const outcome = page.locator('[data-testid="grid"] td[data-row="1"][data-col="1"]');
    assert.equal((await outcome.textContent()).trim(), '-38,1');
    await outcome.click();
    await page.keyboard.type('-37,1');
    await page.keyboard.press('Enter');
    await expectFigure('Förtroendevalda', 'deviation', 2, nbsp('+2 500'), page);
    assert.equal((await pathPoints(page, 'Förtroendevalda'))['3 outcome'], nbsp('Årsredovisning · Utfall: -37 100'));
    assert.match((await deviationBar(page, 'Förtroendevalda', 2)).text, /\+2\u00a0500/);

    // The follow-up took tkr from the plan; shown in mnkr instead, every
    // figure converts exactly (the reports' own unit).
    const unit = page.locator('select[data-testid="follow-up-unit"]');
    assert.equal(await unit.inputValue(), 'tkr');
    await unit.selectOption('mnkr');
    await expectFigure('Förtroendevalda', 'deviation', 2, '+2,5', page);
    await expectFigure('Förtroendevalda', 'outcome', null, '-37,1', page);
    await page.getByTestId('follow-up-undo').click();
    await expectFigure('Förtroendevalda', 'deviation', 2, nbsp('+2 500'), page);

    assert.deepEqual(own.recorder.cspViolations(), []);
    assert.deepEqual(own.recorder.log.errors, []);
  } finally {
    await own.close();
  }
});
