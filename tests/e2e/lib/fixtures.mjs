// Reads the seed-table fixtures of kalkyl-core (crates/kalkyl-core/tests/
// fixtures/tables/*.table, documented in the README there), so that the
// browser tests paste exactly the same text and expect the same table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = new URL('../../../crates/kalkyl-core/tests/fixtures/tables/', import.meta.url).pathname;

function parseCell(raw) {
  const text = raw.trim();
  if (text === '_') return { kind: 'empty' };
  if (text.startsWith('"') && text.endsWith('"')) return { kind: 'text', text: text.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', text };
  const at = text.lastIndexOf(' ^');
  return at >= 0
    ? { kind: 'label', text: text.slice(0, at), note: text.slice(at + 2) }
    : { kind: 'label', text, note: null };
}

/** Every fixture: { name, paste, columns, rows: [{ kind, level, cells }] }. */
export function loadFixtures() {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.table'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(FIXTURE_DIR, file), 'utf8');
      const field = (name) => text.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1] ?? null;
      const paste = text.split('=== paste\n')[1].split('\n=== rows\n')[0];
      const rowsText = text.split('=== rows\n')[1].split('=== checks')[0];
      const rows = rowsText
        .split('\n')
        .filter((l) => l.trim())
        .map((line) => {
          const [head, ...cells] = line.split(' | ');
          const [kind, level] = head.split(' ');
          return { kind, level: Number(level), cells: cells.map(parseCell) };
        });
      return {
        name: file.replace(/\.table$/, ''),
        paste,
        columns: field('columns').split(' | '),
        rows,
      };
    });
}

/** How Kalkyl shows an exact decimal: "-1 864,1" (no-break space groups). */
export function swedish(decimalText, percent = false) {
  const negative = decimalText.startsWith('-');
  const [int, frac] = decimalText.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const isZero = /^[0.]+$/.test(decimalText.replace('-', ''));
  const sign = negative && !isZero ? '-' : '';
  return `${sign}${grouped}${frac !== undefined ? `,${frac}` : ''}${percent ? '\u00a0%' : ''}`;
}
