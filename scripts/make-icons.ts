// Draws the two Teams app icons and writes them to manifest/. The PNGs are committed; run this
// again only to change the design: `npm run build && node dist/scripts/make-icons.js`.
//
// Teams' rules: color.png is 192x192 full colour; outline.png is 32x32 and may contain only white
// and transparency. The mark is a ring with a tick (guided check-ins, progress) so it reads at
// both sizes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng } from './png';
import { manifestDir } from './paths';

/** Council teal; also the manifest's accentColor, so the icon and Teams' chrome agree. */
export const TEAL = [0x00, 0x70, 0x7a] as const;

type Point = readonly [number, number];

/** Mark geometry as fractions of the icon's width, so one drawing serves both sizes. */
interface Mark {
  ringRadius: number; // centre line of the ring
  ringWidth: number;
  tickWidth: number;
}

// The outline icon is tiny, so its strokes are relatively heavier and it fills more of the canvas;
// the colour icon keeps the mark inside Teams' central safe area.
const COLOR_MARK: Mark = { ringRadius: 0.29, ringWidth: 0.055, tickWidth: 0.065 };
const OUTLINE_MARK: Mark = { ringRadius: 0.4, ringWidth: 0.095, tickWidth: 0.11 };

// The tick, relative to the ring's centre in units of its radius (y grows downwards).
const TICK: readonly Point[] = [
  [-0.42, 0.02],
  [-0.12, 0.32],
  [0.44, -0.3],
];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideMark(p: Point, mark: Mark, tick: readonly Point[]): boolean {
  const fromCentre = Math.hypot(p[0] - 0.5, p[1] - 0.5);
  if (Math.abs(fromCentre - mark.ringRadius) <= mark.ringWidth / 2) return true;
  for (let i = 1; i < tick.length; i++) {
    if (distanceToSegment(p, tick[i - 1]!, tick[i]!) <= mark.tickWidth / 2) return true;
  }
  return false;
}

/** Fraction of each pixel covered by the mark, from a 4x4 grid of samples (cheap anti-aliasing). */
function coverage(size: number, mark: Mark): Float64Array {
  const samples = 4;
  const tick = TICK.map(([x, y]): Point => [0.5 + x * mark.ringRadius, 0.5 + y * mark.ringRadius]);
  const result = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const p: Point = [(x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size];
          if (insideMark(p, mark, tick)) hits++;
        }
      }
      result[y * size + x] = hits / (samples * samples);
    }
  }
  return result;
}

/** 192x192, opaque: white mark on a full-bleed teal square (Teams rounds the corners itself). */
export function drawColorIcon(): Buffer {
  const size = 192;
  const cover = coverage(size, COLOR_MARK);
  const pixels = new Uint8Array(size * size * 3);
  cover.forEach((c, i) => {
    TEAL.forEach((channel, k) => {
      pixels[i * 3 + k] = Math.round(channel * (1 - c) + 255 * c);
    });
  });
  return encodePng({ width: size, height: size, channels: 3, pixels });
}

/** 32x32: every pixel is white; only the alpha channel carries the mark. */
export function drawOutlineIcon(): Buffer {
  const size = 32;
  const cover = coverage(size, OUTLINE_MARK);
  const pixels = new Uint8Array(size * size * 4).fill(255);
  cover.forEach((c, i) => {
    pixels[i * 4 + 3] = Math.round(255 * c);
  });
  return encodePng({ width: size, height: size, channels: 4, pixels });
}

if (require.main === module) {
  const dir = manifestDir();
  writeFileSync(path.join(dir, 'color.png'), drawColorIcon());
  writeFileSync(path.join(dir, 'outline.png'), drawOutlineIcon());
  console.log(`Wrote color.png and outline.png to ${dir}`);
}
