// Draws public/icon-192.png and public/icon-512.png: the same bar chart as
// public/icon.svg, rasterised without any image library (PNG = zlib + CRC).
// Run by hand when the icon changes: node tools/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const BG = [0x1f, 0x4e, 0x5f, 255], WHITE = [255, 255, 255, 255], GOLD = [0xf2, 0xb1, 0x34, 255];
// Shapes in the SVG's 64-unit space: [x, y, w, h, colour].
const SHAPES = [[12, 30, 10, 22, WHITE], [27, 18, 10, 34, WHITE], [42, 38, 10, 14, GOLD], [8, 52, 48, 3, WHITE]];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const s = size / 64, radius = 12 * s;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      // Rounded corners: transparent outside the radius.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius), cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      let px = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > radius ? [0, 0, 0, 0] : BG;
      for (const [sx, sy, w, h, col] of SHAPES) {
        if (x >= sx * s && x < (sx + w) * s && y >= sy * s && y < (sy + h) * s) px = col;
      }
      raw.set(px, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
for (const size of [192, 512]) writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), png(size));
