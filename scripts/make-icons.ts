// `tsx scripts/make-icons.ts`: draws the app icon (a wave and its first overtone on a dark rounded square) as
// public/icons/icon.svg and PNGs for the web app manifest (192, 512, maskable 512). Run once; the files are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [17, 24, 39];
const WAVE = [125, 211, 252];
const OVERTONE = [244, 114, 182];

/** Distance-based coverage of the two waves at (x, y) in unit coordinates (0..1). */
function paint(x: number, y: number, maskable: boolean): number[] | null {
  const inset = maskable ? 0 : 0.04;
  const r = maskable ? 0 : 0.2;
  const cx = Math.min(Math.max(x, inset + r), 1 - inset - r);
  const cy = Math.min(Math.max(y, inset + r), 1 - inset - r);
  if (Math.hypot(x - cx, y - cy) > r || x < inset || x > 1 - inset || y < inset || y > 1 - inset) return null;
  const scale = maskable ? 0.62 : 0.78; // the maskable safe zone is the central 80 % circle
  const u = (x - 0.5) / scale + 0.5;
  const v = (y - 0.5) / scale + 0.5;
  if (u >= 0.1 && u <= 0.9) {
    const t = (u - 0.1) / 0.8;
    const fundamental = 0.5 - 0.22 * Math.sin(2 * Math.PI * t);
    const overtone = 0.5 - 0.11 * Math.sin(4 * Math.PI * t);
    if (Math.abs(v - fundamental) < 0.035) return WAVE;
    if (Math.abs(v - overtone) < 0.025) return OVERTONE;
  }
  return BG;
}

function png(size: number, maskable: boolean): Buffer {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc: [number, number, number, number] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, maskable);
          if (!c) continue;
          acc[0] += c[0]!;
          acc[1] += c[1]!;
          acc[2] += c[2]!;
          acc[3] += 255;
        }
      const n = ss * ss;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3]! / n;
      raw[o] = a ? Math.round(acc[0]! / (acc[3]! / 255)) : 0;
      raw[o + 1] = a ? Math.round(acc[1]! / (acc[3]! / 255)) : 0;
      raw[o + 2] = a ? Math.round(acc[2]! / (acc[3]! / 255)) : 0;
      raw[o + 3] = Math.round(a);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const path = (k: number, amp: number) =>
  Array.from({ length: 65 }, (_, i) => {
    const t = i / 64;
    return `${i ? 'L' : 'M'}${(0.5 + (t * 0.8 - 0.4) * 0.78) * 512} ${(0.5 - amp * Math.sin(k * Math.PI * t) * 0.78) * 512}`;
  }).join(' ');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect x="20" y="20" width="472" height="472" rx="102" fill="rgb(${BG})"/><path d="${path(2, 0.22)}" fill="none" stroke="rgb(${WAVE})" stroke-width="28" stroke-linecap="round"/><path d="${path(4, 0.11)}" fill="none" stroke="rgb(${OVERTONE})" stroke-width="20" stroke-linecap="round"/></svg>\n`;

writeFileSync('public/icons/icon.svg', svg);
writeFileSync('public/icons/icon-192.png', png(192, false));
writeFileSync('public/icons/icon-512.png', png(512, false));
writeFileSync('public/icons/icon-maskable-512.png', png(512, true));
console.log('make-icons: public/icons/icon.svg, icon-192.png, icon-512.png, icon-maskable-512.png');
