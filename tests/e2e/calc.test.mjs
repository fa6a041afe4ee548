// Recalculation in the running app: a seed table is pasted, a cell is
// changed with the keyboard, and the row's deviation, its forecast and the
// computed totals follow; undo and redo restore exactly. Also: the sign
// convention switch, a refused entry, a what-if adjustment with pasted
// versus changed totals, the report checks of seed 004, and Ctrl+C.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste } from './lib/harness.mjs';
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

const cell = (row, col) => session.page.locator(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`);
const text = async (row, col) => (await cell(row, col).textContent()).trim();

/** Waits until a cell shows `want` (the grid redraws after each change). */
async function expectCell(row, col, want, message) {
  try {
    await session.page.waitForFunction(
      ([r, c, w]) => document.querySelector(`[data-testid="grid"] td[data-row="${r}"][data-col="${c}"]`)?.textContent.trim() === w,
      [String(row), String(col), want],
      { timeout: 3000 },
    );
  } catch {
    assert.equal(await text(row, col), want, message);
  }
}

test('a keyboard edit updates the deviation, the forecast and the totals; undo and redo restore them', async () => {
  const { page } = session;
  // Seed 000, 5.1.1 Resultaträkning: net costs in mnkr, outcome − budget.
  await paste(page, { plain: fixtures['000-5.1.1-resultatrakning'].paste });
  await expectCell(0, 'variance', '7,8', 'Regionkontoret: -297,2 − -305,0');
  await expectCell('total', 'variance', '65,7', 'the sum of the four rows, not the pasted total too');
  assert.match(await page.getByTestId('convention-note').textContent(), /utfall − budget|utfall - budget/i);
  assert.equal(await page.getByTestId('check').count(), 0, 'a consistent table gets no check');

  // Six months elapsed: the run-rate forecast is outcome × 12 / 6.
  await page.getByTestId('months').fill('6');
  await page.getByTestId('months').press('Enter');
  await expectCell(0, 'forecast', '-594,4');

  // Excel habits: select the outcome cell, type over it, Enter saves and moves down.
  await cell(0, 1).click();
  await page.keyboard.type('-310');
  await page.keyboard.press('Enter');
  await expectCell(0, 1, '-310');
  assert.match(await cell(0, 1).getAttribute('class'), /edited/);
  assert.match(await cell(0, 1).getAttribute('title'), /Inklistrat värde: -297,2/);
  await expectCell(0, 'variance', '-5,0');
  assert.match(await cell(0, 'variance').getAttribute('class'), /unfavourable/);
  await expectCell(0, 'forecast', '-620,0');
  await expectCell('total', 'variance', '52,9');
  await expectCell('total', 1, '-433,1');
  // The active cell moved down, as in Excel.
  assert.equal(await page.locator('#kalkyl-active').getAttribute('data-row'), '1');
  // The report's own figures are checked as pasted: still consistent.
  assert.equal(await page.getByTestId('check').count(), 0);

  // Ctrl+Z in the grid undoes, Ctrl+Y and Ctrl+Shift+Z redo.
  await page.keyboard.press('Control+z');
  await expectCell(0, 1, '-297,2');
  await expectCell(0, 'variance', '7,8');
  await expectCell('total', 'variance', '65,7');
  assert.doesNotMatch((await cell(0, 1).getAttribute('class')) ?? '', /edited/);
  await page.keyboard.press('Control+y');
  await expectCell(0, 1, '-310');
  await expectCell('total', 'variance', '52,9');
  await page.getByTestId('undo').click();
  await expectCell(0, 1, '-297,2');
  await page.keyboard.press('Control+Shift+z');
  await expectCell(0, 1, '-310');

  // Reset the cell to what was pasted (as an undoable step).
  await cell(0, 1).click();
  await page.getByTestId('reset-cell').click();
  await expectCell(0, 1, '-297,2');
  await expectCell('total', 'variance', '65,7');
});

test('an unreadable entry is refused with a message and nothing is lost; Escape cancels', async () => {
  const { page } = session;
  await cell(1, 2).click();
  await page.keyboard.press('F2');
  const editor = page.getByTestId('cell-editor');
  await editor.waitFor({ state: 'visible' });
  assert.equal(await editor.inputValue(), '-40,0');
  await editor.fill('fyrtio');
  await editor.press('Enter');
  await page.getByTestId('cell-error').waitFor();
  assert.match(await page.getByTestId('cell-error').textContent(), /bokstäver/);
  assert.equal(await editor.inputValue(), 'fyrtio', 'what the user typed stays in the editor');
  await expectCell(1, 2, '-40,0');
  await editor.press('Escape');
  await editor.waitFor({ state: 'hidden' });
  await expectCell(1, 2, '-40,0');
  // Delete empties the cell; the deviation then has nothing to compare.
  await page.keyboard.press('Delete');
  await expectCell(1, 2, '');
  await expectCell(1, 'variance', '');
  await page.keyboard.press('Control+z');
  await expectCell(1, 2, '-40,0');
  await expectCell(1, 'variance', '1,9');
});

test('switching the sign convention recomputes every deviation', async () => {
  const { page } = session;
  await page.getByTestId('convention').selectOption('budget_minus_outcome');
  await expectCell(0, 'variance', '-7,8');
  await expectCell('total', 'variance', '-65,7');
  await page.getByTestId('convention').selectOption('auto');
  await expectCell(0, 'variance', '7,8');
});

test('display decimals, status thresholds and a per-row forecast method are the user\'s to set', async () => {
  const { page } = session;
  // Decimals: rounding happens only when displaying.
  await page.getByTestId('decimals').selectOption('2');
  await expectCell(0, 'variance', '7,80');
  await expectCell('total', 'variance', '65,70');
  await page.getByTestId('decimals').selectOption('auto');
  await expectCell(0, 'variance', '7,8');

  // Status: -310 against -305 is 1,6 % unfavourable: ◆ by default (within 5 %).
  await expectCell(0, 'status', '●');
  await cell(0, 1).click();
  await page.keyboard.type('-310');
  await page.keyboard.press('Enter');
  await expectCell(0, 'status', '◆');
  await page.getByTestId('threshold-acceptable').fill('1,5');
  await page.getByTestId('threshold-acceptable').press('Enter');
  await expectCell(0, 'status', '■');
  // "Met" beyond "acceptable" is refused with a message; nothing changes.
  await page.getByTestId('threshold-met').fill('3');
  await page.getByTestId('threshold-met').press('Enter');
  await page.getByTestId('sheet-error').waitFor();
  await expectCell(0, 'status', '■');
  await page.getByTestId('undo').click();
  await expectCell(0, 'status', '◆');
  await page.getByTestId('undo').click();
  await expectCell(0, 1, '-297,2');

  // One row forecast by another method: the others keep the table's.
  await expectCell(0, 'forecast', '-594,4');
  await cell(0, 1).click();
  await page.getByTestId('row-method').selectOption('manual');
  await expectCell(0, 'forecast', '');
  await expectCell(1, 'forecast', '-76,2');
  await page.getByTestId('row-method').selectOption('auto');
  await expectCell(0, 'forecast', '-594,4');
});

test('a what-if adjustment changes the selected rows, and the totals show pasted against changed', async () => {
  const { page } = session;
  // Select the outcome of the first two rows (Shift+ArrowDown extends).
  await cell(0, 1).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.getByTestId('adjust-value').fill('+10 %');
  await page.getByTestId('adjust-apply').click();
  await expectCell(0, 1, '-326,92');
  await expectCell(1, 1, '-41,91');
  await expectCell(2, 1, '-2,1');
  await page.getByTestId('compare-toggle').click();
  const changed = page.locator('[data-testid="compare-row"].changed');
  await changed.first().waitFor();
  const outcome = await changed.first().locator('td').allTextContents();
  assert.deepEqual(outcome, ['-420,3', '-453,8', '-33,5']);
  // One undo step takes back the whole adjustment.
  await page.getByTestId('undo').click();
  await expectCell(0, 1, '-297,2');
  await expectCell(1, 1, '-38,1');
  // A bad adjustment is refused with a message.
  await page.getByTestId('adjust-value').fill('tio procent');
  await page.getByTestId('adjust-apply').click();
  await page.getByTestId('adjust-error').waitFor();
  await expectCell(0, 1, '-297,2');
  // Back in the grid, Shift+click extends the grid's selection; the
  // keyboard stays with the grid, not the amount typed before.
  await cell(0, 0).click();
  await cell(1, 1).click({ modifiers: ['Shift'] });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'grid');
  assert.equal(await page.getByTestId('adjust-apply').textContent(), 'Justera markerade rader (2)');
});

test('Ctrl+C copies the selection as tab-separated Swedish numbers', async () => {
  const { page } = session;
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await cell(0, 0).click();
  await cell(1, 'variance').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\r\n');
  assert.equal(lines[0], 'Regionkontoret\t-297,2\t-305,0\t7,8\t7,8');
  assert.equal(lines[1], 'Förtroendevalda\t-38,1\t-40,0\t1,9\t1,9');
});

test('the known inconsistencies of a seed table are flagged on their cells and listed', async () => {
  const { page } = session;
  const fx = fixtures['004-4.1-ovrigt-driftansvar'];
  await paste(page, { plain: fx.paste });
  await page.getByTestId('check').first().waitFor();
  const checks = page.getByTestId('check');
  assert.equal(await checks.count(), 5);
  for (let col = 1; col <= 5; col++) {
    const item = page.locator(`[data-testid="check"][data-row="5"][data-col="${col}"]`);
    assert.equal(await item.getAttribute('data-kind'), 'total_mismatch');
    assert.match(await cell(5, col).getAttribute('class'), /flagged/);
  }
  // Choosing a check moves to its cell.
  await page.locator('[data-testid="check"][data-row="5"][data-col="3"] button').click();
  assert.equal(await page.locator('#kalkyl-active').getAttribute('data-col'), '3');
  assert.match(await page.getByTestId('cell-info').textContent(), /Utfall 2020/);
});

test('a part-year outcome with only an annual budget shows what is left of it, not a deviation', async () => {
  const { page } = session;
  await page.getByTestId('new-table').first().click().catch(() => {});
  await paste(page, { plain: 'Enhet, tkr\tUtfall jan–aug\tÅrsbudget\nBarn och skola\t-100,0\t-300,0\nKultur\t-50,0\t-90,0' });
  const remaining = page.locator('[data-testid="grid"] td[data-row="0"][data-col="remaining"]');
  await remaining.waitFor();
  assert.equal((await remaining.textContent()).trim(), '-200');
  assert.equal((await page.locator('[data-testid="grid"] td[data-row="1"][data-col="remaining"]').textContent()).trim(), '-40');
  assert.equal(await page.locator('[data-testid="grid"] td[data-row="0"][data-col="variance"]').count(), 0, 'no budget deviation');
  const total = page.locator('[data-testid="grid"] tfoot td[data-col="remaining"]');
  assert.equal((await total.textContent()).trim(), '-240');
  // The run-rate forecast (× 12/8) against the annual budget.
  assert.equal((await page.locator('[data-testid="grid"] td[data-row="0"][data-col="forecast_variance"]').textContent()).trim(), '150');
});
