// Pasting: seed tables as real paste events (text/plain), through the paste
// box, and as Excel's text/html flavour; every rendered cell is checked.
// Changing a guess (role, split) reads the table again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, paste } from './lib/harness.mjs';
import { KalkylPage } from './lib/kalkyl-page.mjs';
import { loadFixtures, swedish } from './lib/fixtures.mjs';

const fixtures = loadFixtures();
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

/**
 * Every cell of the active table as the user sees it. Only the rows in view
 * (and a few around them) are drawn, so the grid is scrolled through and
 * the rows are gathered by their index.
 */
async function renderedRows(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const scroller = document.querySelector('[data-testid="grid"]').closest('.grid-scroll');
    const rows = new Map();
    scroller.scrollTop = 0;
    for (;;) {
      await frame();
      for (const tr of document.querySelectorAll('[data-testid="grid"] tbody tr[data-row]')) {
        rows.set(Number(tr.dataset.row), {
          kind: tr.className.replace('kind-', ''),
          cells: [...tr.querySelectorAll('td')].map((td) => ({
            text: td.childNodes[0]?.textContent ?? '',
            note: td.querySelector('sup')?.textContent ?? null,
            indent: td.classList.contains('indent'),
          })),
        });
      }
      const top = scroller.scrollTop;
      scroller.scrollTop = top + scroller.clientHeight / 2;
      if (scroller.scrollTop === top) break;
    }
    scroller.scrollTop = 0;
    return [...rows.keys()].sort((a, b) => a - b).map((i) => rows.get(i));
  });
}

async function roles(page) {
  return page.$$eval('[data-testid="grid"] thead select[data-testid^="role-"]', (s) => s.map((x) => x.value));
}

function compare(fx, rows, got) {
  assert.equal(got.length, fx.rows.length, `${fx.name}: row count`);
  fx.rows.forEach((want, i) => {
    assert.equal(got[i].kind, want.kind, `${fx.name} row ${i} kind`);
    want.cells.forEach((cell, j) => {
      const seen = got[i].cells[j];
      const where = `${fx.name} row ${i} col ${j}`;
      if (cell.kind === 'number') {
        assert.equal(seen.text, swedish(cell.text, fx.columns[j] === 'stated_percent'), where);
      } else if (cell.kind === 'empty') {
        assert.equal(seen.text, '', where);
      } else if (cell.kind === 'text') {
        assert.equal(seen.text, cell.text, where);
      } else {
        assert.equal(seen.text, cell.text, where);
        assert.equal(seen.note, cell.note, `${where} note`);
        assert.equal(seen.indent, want.level > 0, `${where} indent`);
      }
    });
  });
}

test(`every seed table pasted as text/plain renders every cell (${fixtures.length} tables)`, async () => {
  for (const fx of fixtures) {
    await paste(session.page, { plain: fx.paste });
    await session.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="sheet-tab"]').length === n,
      fixtures.indexOf(fx) + 1,
    );
    assert.deepEqual(await roles(session.page), fx.columns, `${fx.name}: roles`);
    compare(fx, fx.rows, await renderedRows(session.page));
  }
});

test('the paste box reads typed text, and pasting into it only fills it', async () => {
  const page = session.page;
  const tabs = await page.getByTestId('sheet-tab').count();
  const fx = fixtures.find((f) => f.name === '003-5.3-investeringar');
  const box = page.getByTestId('paste-text');
  // With tables open, the box is folded into a button, which opens it.
  assert.equal(await box.isVisible(), false, 'folded once a table exists');
  await page.getByTestId('paste-unfold').click();
  await box.focus();
  // A paste event aimed at the text box keeps its ordinary meaning.
  await paste(page, { plain: 'nothing to read' });
  assert.equal(await page.getByTestId('sheet-tab').count(), tabs);
  await box.fill(fx.paste);
  await page.getByTestId('paste-apply').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="sheet-tab"]').length === n, tabs + 1);
  compare(fx, fx.rows, await renderedRows(page));
  assert.equal(await box.inputValue(), '', 'the box is emptied after reading');
  await page.getByTestId('paste-unfold').waitFor();
  assert.equal(await box.isVisible(), false, 'and folds again');
});

test("Excel's text/html flavour is preferred, and its cell boundaries and separators are used", async () => {
  const page = session.page;
  const fx = fixtures.find((f) => f.name === '004-4.1-resultatrapport-regionstyrelsen');
  const lines = fx.paste.split('\n');
  const cell = (c) => c.replace(/<\/?b>/g, '').replace(/ /g, '&nbsp;');
  const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><style>
td {mso-displayed-decimal-separator:"\\,"; mso-displayed-thousand-separator:"\\ ";}
.xl65 {font-weight:700;}
</style></head><body><table><!--StartFragment-->
${lines
  .map((l) => {
    const bold = l.startsWith('<b>');
    return `<tr>${l
      .split('\t')
      .map((c) => `<td${bold ? ' class=xl65' : ''}>${cell(c)}</td>`)
      .join('')}</tr>`;
  })
  .join('\n')}
<!--EndFragment--></table></body></html>`;
  // The plain flavour is deliberately different: the HTML must win.
  await paste(page, { plain: 'x\ty', html });
  await page.waitForFunction(() => document.querySelector('[data-testid="grid"] tbody tr td[data-col="1"]'));
  assert.deepEqual(await roles(page), fx.columns);
  compare(fx, fx.rows, await renderedRows(page));
});

test('changing a role or a split reads the table again', async () => {
  const page = session.page;
  // The total holds in the first column only: it picks the split without
  // settling it (a total that holds in every column would).
  await paste(page, { plain: 'Investering (tkr) Utfall Budget\nA 1 400 400\nB 100 200\nSumma 1 500 700\n' });
  await page.waitForFunction(() => document.querySelector('[data-testid="split-next"]'));
  const cellText = (r, c) => page.locator(`[data-testid="grid"] td[data-row="${r}"][data-col="${c}"]`).innerText();
  // The stated total decided the split.
  assert.equal(await cellText(0, 1), '1\u00a0400');
  assert.equal(await cellText(0, 2), '400');
  await page.locator('[data-testid="diagnostic"][data-row="0"] [data-testid="split-next"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="1"]').innerText === '1');
  assert.equal(await cellText(0, 2), '400\u00a0400');

  await page.selectOption('[data-testid="role-2"]', 'annual_budget');
  await page.waitForFunction(() => document.querySelector('[data-testid="role-2"]').value === 'annual_budget');
  assert.equal(await cellText(0, 1), '1', 'the split chosen before is kept');
});

test('a table on its side is turned back, and the other reading is one click away', async () => {
  const page = session.page;
  await paste(page, { plain: 'Mnkr\t2023\t2024\nNettokostnad\t-100\t-110\nBudget\t-105\t-108\nAvvikelse\t5\t-2\n' });
  const label = (r) => page.locator(`[data-testid="grid"] td[data-row="${r}"][data-col="0"]`).innerText();
  const toggle = page.locator('[data-testid="diagnostic"] [data-testid="orientation"]');
  await toggle.waitFor();
  assert.equal(await label(0), '2023', 'each period is a row');
  const said = page.locator('[data-testid="diagnostic"]', { has: page.getByTestId('orientation') });
  assert.match(await said.innerText(), /osäker på tabellens riktning/);
  assert.equal(await toggle.innerText(), 'Läs som den klistrades in');
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="0"]')?.innerText === 'Nettokostnad');
  assert.match(await said.innerText(), /som du valde/);
  // The same place turns it back.
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="grid"] td[data-row="0"][data-col="0"]')?.innerText === '2023');
  assert.equal(await label(1), '2024');
});

test('an unreadable cell is kept as text, marked, and explained where it is', async () => {
  const page = session.page;
  await paste(page, { plain: 'Uppdrag\tUtfall\tBudget\nA\t1 40\t-305,0\nB\t12,5\t13\n' });
  const bad = page.locator('[data-testid="grid"] td[data-row="0"][data-col="1"]');
  await bad.waitFor();
  assert.equal(await bad.innerText(), '1 40');
  assert.ok(await bad.evaluate((td) => td.classList.contains('flagged')));
  assert.match(await bad.getAttribute('title'), /Rad 1, kolumn 2.*«1 40».*behålls som text/s);
  const listed = await page.getByTestId('diagnostic').allInnerTexts();
  assert.ok(listed.some((t) => /Rad 1, kolumn 2/.test(t)), listed.join('\n'));
  // The rest of the paste is read.
  assert.equal(await page.locator('td[data-row="1"][data-col="1"]').innerText(), '12,5');
});

test('pasted text is shown as text, never as markup', async () => {
  const page = session.page;
  // The entities decode to a tag in the label; it must stay text.
  await paste(page, { plain: 'Uppdrag\tUtfall\nA &lt;img src=x onerror=alert(1)&gt;\t1\n' });
  const cell = page.locator('[data-testid="grid"] td[data-row="0"][data-col="0"]');
  await cell.waitFor();
  assert.equal(await cell.textContent(), 'A <img src=x onerror=alert(1)>');
  assert.equal(await page.locator('[data-testid="grid"] img').count(), 0);
});

test('no request left this origin and no error was logged while pasting', async () => {
  assert.deepEqual(session.recorder.foreignRequests(session.server.url), []);
  assert.deepEqual(session.recorder.cspViolations(), []);
  assert.deepEqual(session.recorder.consoleErrors(), []);
  assert.deepEqual(session.recorder.log.errors, []);
});

test('text without delimiters waits for the on-demand module; if it cannot load, each line is kept whole and said so, and a later paste reads', async () => {
  // A context of its own: no service worker (it would serve the module
  // from its cache), and the module's files refused until let through.
  const context = await session.browser.newContext({ locale: 'sv-SE', serviceWorkers: 'block' });
  let refuse = true;
  await context.route('**/year/**', (route) => (refuse ? route.abort() : route.continue()));
  try {
    const page = await context.newPage();
    const app = new KalkylPage(page, session.server.url);
    await app.open();
    const pdf = 'Investering (tkr) Utfall Budget\nA 1 400 400\nB 100 200\nSumma 1 500 600\n';
    await paste(page, { plain: pdf });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 1);
    const cell = (r, c) => page.locator(`[data-testid="grid"] td[data-row="${r}"][data-col="${c}"]`).innerText();
    // Nothing is lost: every line is there, whole, and the reason is listed.
    const labels = await page.$$eval('[data-testid="grid"] tbody tr[data-row] td[data-col="0"]', (tds) =>
      tds.map((td) => td.childNodes[0]?.textContent ?? ''),
    );
    for (const line of ['A 1 400 400', 'B 100 200', 'Summa 1 500 600']) {
      assert.ok(labels.includes(line), `"${line}" kept whole: ${JSON.stringify(labels)}`);
    }
    const listed = (await page.getByTestId('diagnostic').allInnerTexts()).join('\n');
    assert.match(listed, /kunde inte läsas in.*Klistra in tabellen igen/s);

    // Online again: the next paste loads the module and reads the columns.
    refuse = false;
    await paste(page, { plain: pdf });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-tab"]').length === 2);
    await page.locator('[data-testid="grid"] td[data-row="0"][data-col="2"]').waitFor();
    assert.equal(await cell(0, 1), '1\u00a0400');
    assert.equal(await cell(0, 2), '400');
    assert.equal(await cell(2, 1), '1\u00a0500');
  } finally {
    await context.close();
  }
});
