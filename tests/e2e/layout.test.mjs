// What a controller sees on a 1 280-pixel laptop: with six pasted columns
// and long unit names, the label column stays narrow and in view when the
// table scrolls right to the computed deviations, and a cut label is shown
// in full on hover.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';

let session;

before(async () => {
  session = await openSession();
  await session.page.setViewportSize({ width: 1280, height: 800 });
  await new KalkylPage(session.page, session.server.url).open();
});

after(async () => {
  await session?.close();
});

const LONG = 'Hälso- och sjukvårdsnämndens verksamhetsområde för primärvård, tandvård och läkemedel';

test('the label column stays narrow and in view beside the computed columns', async () => {
  const { page } = session;
  const lines = ['Enhet\tUtfall jan–aug\tBudget jan–aug\tÅrsbudget\tPrognos helår\tUtfall jan–aug 2020'];
  lines.push(`${LONG}\t-1 864,1\t-1 900,0\t-2 850,0\t-2 800,5\t-1 790,2`);
  for (let i = 1; i <= 12; i++) {
    lines.push(`Verksamhet ${i} med ett långt namn på enheten\t-${100 + i},5\t-${110 + i},0\t-${165 + i},0\t-${160 + i},0\t-${95 + i},1`);
  }
  await paste(page, { plain: lines.join('\n') });
  const label = page.locator('[data-testid="grid"] td[data-row="0"][data-col="0"]');
  await label.waitFor();

  // The full text is on hover; the column is at most a quarter of the width.
  assert.equal(await label.getAttribute('title'), LONG);
  const labelBox = await label.boundingBox();
  assert.ok(labelBox.width <= 320, `label column ${labelBox.width}px wide`);

  // Scrolled to the far right, the label column is still at the left edge
  // and the last computed column is in view.
  const scroller = page.locator('.grid-scroll');
  await scroller.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  await page.waitForFunction(() => {
    const el = document.querySelector('.grid-scroll');
    return el.scrollLeft > 0 || el.scrollWidth <= el.clientWidth;
  });
  const area = await scroller.boundingBox();
  const after = await label.boundingBox();
  assert.ok(Math.abs(after.x - area.x) <= 2, `label at x=${after.x}, table at x=${area.x}`);
  const heads = page.locator('[data-testid="grid"] thead th');
  const last = await heads.nth((await heads.count()) - 1).boundingBox();
  assert.ok(last.x + last.width <= area.x + area.width + 1, 'the last computed column is in view');
  assert.ok(last.x >= after.x + after.width - 1, 'and not under the label column');
});
