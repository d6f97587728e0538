// Draws the tab bar icons (81×81 PNG, as WeChat recommends) into src/assets/tab/.
// Shapes are simple signed-distance drawings, supersampled for smooth edges.
// Colours come from config/palette.ts so the brand stays defined in one place.
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'src', 'assets', 'tab');
const paletteSource = readFileSync(path.join(here, '..', 'config', 'palette.ts'), 'utf8');
const colour = (name) => {
  const m = new RegExp(`${name}: '#([0-9A-Fa-f]{6})'`).exec(paletteSource);
  if (!m) throw new Error(`palette has no ${name}`);
  return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
};
const ACTIVE = colour('unionRed');
const INACTIVE = colour('tabInactive');
const SIZE = 81;
const SS = 4; // supersampling per axis

// --- tiny geometry helpers (coordinates in 0..1) ---
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by), d2 = s(x, y, bx, by, cx, cy), d3 = s(x, y, cx, cy, ax, ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
};
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (!inRect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return inCircle(x, y, cx, cy, r);
};

const shapes = {
  // a house: roof and body with a door
  home: (x, y) =>
    (inTriangle(x, y, [0.5, 0.12], [0.1, 0.48], [0.9, 0.48]) || inRect(x, y, 0.2, 0.45, 0.8, 0.88)) &&
    !inRect(x, y, 0.42, 0.62, 0.58, 0.88),
  // a ticket with two notches and a dashed split
  voucher: (x, y) =>
    inRoundRect(x, y, 0.08, 0.24, 0.92, 0.76, 0.08) &&
    !inCircle(x, y, 0.62, 0.24, 0.07) && !inCircle(x, y, 0.62, 0.76, 0.07) &&
    !(Math.abs(x - 0.62) < 0.02 && Math.floor(y * 20) % 2 === 0 && y > 0.32 && y < 0.68),
  // a heart
  wish: (x, y) => {
    const X = (x - 0.5) * 2.4, Y = (0.58 - y) * 2.4;
    return (X * X + Y * Y - 1) ** 3 - X * X * Y ** 3 <= 0;
  },
  // a calendar with a flag-like tab
  activity: (x, y) =>
    (inRoundRect(x, y, 0.12, 0.2, 0.88, 0.88, 0.08) && !inRect(x, y, 0.2, 0.4, 0.8, 0.8)) ||
    inRect(x, y, 0.28, 0.1, 0.36, 0.3) || inRect(x, y, 0.64, 0.1, 0.72, 0.3) ||
    inRect(x, y, 0.28, 0.5, 0.44, 0.64),
  // a person
  mine: (x, y) => inCircle(x, y, 0.5, 0.32, 0.18) || (inCircle(x, y, 0.5, 0.95, 0.4) && y <= 0.9),
};

// --- PNG encoding (RGBA, no filter) ---
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
function png(draw, rgb) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0;
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++)
          if (draw((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++;
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, draw] of Object.entries(shapes)) {
  writeFileSync(path.join(outDir, `${name}.png`), png(draw, INACTIVE));
  writeFileSync(path.join(outDir, `${name}-active.png`), png(draw, ACTIVE));
}
console.log(`wrote ${Object.keys(shapes).length * 2} icons to ${outDir}`);
