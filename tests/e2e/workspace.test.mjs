// The workspace's tables: the sample from the empty state, a blank table,
// renaming, moving, deleting and undoing the deletion with edits intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './lib/harness.mjs';
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

const tabNames = () => session.page.getByTestId('sheet-tab').allTextContents();
const cell = (row, col) => session.page.locator(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`);

test('the empty state offers a sample table, which is computed like a paste', async () => {
  const { page } = session;
  await page.getByTestId('sample').click();
  await cell(0, 'variance').waitFor();
  assert.equal((await cell(0, 0).textContent()).trim(), 'Regionkontoret');
  assert.equal((await cell(0, 'variance').textContent()).trim(), '7,8');
  assert.equal(await page.getByTestId('empty-state').count(), 0);
});

test('a blank table is added, filled in and named; tables move and are deleted with undo', async () => {
  const { page } = session;
  await page.getByTestId('new-table').click();
  assert.deepEqual(await tabNames(), ['Uppdrag, belopp i mnkr', 'Ny tabell']);
  assert.equal(await page.locator('[data-testid="grid"] tbody tr[data-row]').count(), 10);
  // Fill in a row: outcome and budget give a deviation.
  await cell(0, 1).click();
  await page.keyboard.type('-120');
  await page.keyboard.press('Tab');
  await page.keyboard.type('-100');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('td[data-row="0"][data-col="variance"]')?.textContent.trim() === '-20');

  page.once('dialog', (dialog) => dialog.accept('Prognos mars'));
  await page.getByTestId('rename-table').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="sheet-tab"]')].some((t) => t.textContent === 'Prognos mars'));
  assert.deepEqual(await tabNames(), ['Uppdrag, belopp i mnkr', 'Prognos mars']);
  // A blank name is refused: the name stays.
  page.once('dialog', (dialog) => dialog.accept('   '));
  await page.getByTestId('rename-table').click();
  assert.deepEqual(await tabNames(), ['Uppdrag, belopp i mnkr', 'Prognos mars']);

  await page.getByTestId('move-left-table').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sheet-tab"]').textContent === 'Prognos mars');
  assert.deepEqual(await tabNames(), ['Prognos mars', 'Uppdrag, belopp i mnkr']);

  await page.getByTestId('delete-table').click();
  await page.getByTestId('undo-delete').waitFor();
  assert.deepEqual(await tabNames(), ['Uppdrag, belopp i mnkr']);
  assert.equal((await cell(0, 0).textContent()).trim(), 'Regionkontoret', 'the neighbour is shown');
  await page.getByTestId('undo-delete').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
  assert.deepEqual(await tabNames(), ['Prognos mars', 'Uppdrag, belopp i mnkr']);
  assert.equal((await cell(0, 'variance').textContent()).trim(), '-20', 'the edits came back with the table');
  assert.equal(await page.getByTestId('undo-delete').count(), 0);
});
