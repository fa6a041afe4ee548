// The charts of a table: the deviation per row and the bridge from the
// budget total to the outcome total, drawn as SVG and following edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';
import { loadFixtures } from './lib/fixtures.mjs';

const fixtures = Object.fromEntries(loadFixtures().map((f) => [f.name, f]));

let session;

before(async () => {
  session = await openSession();
  await new KalkylPage(session.page, session.server.url).open();
});

after(async () => {
  await session?.close();
});

/** The bars of a chart in drawing order: { row, cls, label, value }. */
const barsOf = (page, testid) =>
  page.evaluate((testid) => {
    const svg = document.querySelector(`[data-testid="${testid}"]`);
    return [...svg.querySelectorAll('g')].map((g) => ({
      row: g.querySelector('rect').dataset.row,
      cls: g.querySelector('rect').getAttribute('class'),
      label: g.querySelector('text.label').textContent,
      value: g.querySelector('text.value').textContent,
    }));
  }, testid);

test('seed 000 is charted per row and as a bridge, and the charts follow an edit', async () => {
  const { page } = session;
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await page.getByTestId('chart-bars').waitFor();
  // Net costs, outcome − budget: all four rows are under budget (favourable),
  // sorted from the smallest deviation to the largest.
  assert.deepEqual(await barsOf(page, 'chart-bars'), [
    { row: '1', cls: 'fav', label: 'Förtroendevalda', value: '1,9' },
    { row: '2', cls: 'fav', label: 'Oförutsett Regionstyrelsen', value: '2,3' },
    { row: '0', cls: 'fav', label: 'Regionkontoret', value: '7,8' },
    { row: '3', cls: 'fav', label: 'Utvecklingsmedel', value: '53,7' },
  ]);
  assert.match(await page.locator('[data-testid="chart-bars"] title').first().textContent(), /Budgetavvikelse per rad, mnkr/);
  const bridge = await barsOf(page, 'chart-waterfall');
  assert.deepEqual(bridge.map((b) => b.row), ['start', '3', '0', '2', '1', 'end']);
  assert.equal(bridge[0].value, '-486,0', 'from the budget total');
  assert.equal(bridge.at(-1).value, '-420,3', 'to the outcome total');

  // Regionkontoret over budget: its bar turns unfavourable and moves first.
  await page.locator('[data-testid="grid"] td[data-row="0"][data-col="1"]').click();
  await page.keyboard.type('-310,5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-bars"] rect.unfav') !== null);
  const after = await barsOf(page, 'chart-bars');
  assert.deepEqual(after[0], { row: '0', cls: 'unfav', label: 'Regionkontoret', value: '-5,5' });
  assert.equal((await barsOf(page, 'chart-waterfall')).at(-1).value, '-433,6');

  // Undo brings the first picture back.
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-bars"] rect.unfav') === null);
});

test('the charts can be hidden and shown, and speak the chosen language', async () => {
  const { page } = session;
  await page.getByTestId('charts-toggle').click();
  assert.equal(await page.getByTestId('chart-bars').count(), 0);
  assert.equal(await page.getByTestId('charts-toggle').getAttribute('aria-expanded'), 'false');
  await page.getByTestId('charts-toggle').click();
  await page.getByTestId('chart-bars').waitFor();
  await page.getByTestId('lang-en').click();
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="chart-bars"] title')?.textContent.startsWith('Budget deviation per row'),
  );
  await page.getByTestId('lang-sv').click();
});

test('a table without amounts to compare says so instead of drawing empty charts', async () => {
  const { page } = session;
  await paste(page, { plain: 'Enhet\tAntal anställda\nA\t12\nB\t30\n' });
  await page.getByTestId('no-charts').waitFor();
  assert.equal(await page.getByTestId('chart-bars').count(), 0);
});
