// The app icons: real PNGs of the sizes Teams requires, the outline icon white-on-transparent
// only, and the committed files exactly what scripts/make-icons.ts draws.
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { encodePng } from '../../scripts/png';
import { readPng } from './pngReader';
import { readIcon } from './testManifest';

const COLOUR_TYPE_RGB = 2;
const COLOUR_TYPE_RGBA = 6;

describe('color.png', () => {
  const png = readPng(readIcon('color.png'));

  it('is a 192x192 8-bit PNG', () => {
    expect([png.width, png.height, png.bitDepth]).toEqual([192, 192, 8]);
  });

  it('is full colour and fully opaque', () => {
    expect([COLOUR_TYPE_RGB, COLOUR_TYPE_RGBA]).toContain(png.colourType);
    if (png.colourType === COLOUR_TYPE_RGBA) {
      for (let i = 3; i < png.pixels.length; i += 4) expect(png.pixels[i]).toBe(255);
    }
    // More than just white and black: the teal background is there.
    const colours = new Set<string>();
    for (let i = 0; i < png.pixels.length; i += png.channels)
      colours.add(png.pixels.subarray(i, i + 3).toString('hex'));
    expect(colours.has('00707a')).toBe(true);
    expect(colours.has('ffffff')).toBe(true);
  });
});

describe('outline.png', () => {
  const png = readPng(readIcon('outline.png'));

  it('is a 32x32 8-bit PNG with an alpha channel', () => {
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([32, 32, 8, COLOUR_TYPE_RGBA]);
  });

  it('is white only, with a transparent background and an opaque mark', () => {
    const alphas: number[] = [];
    for (let i = 0; i < png.pixels.length; i += 4) {
      expect(png.pixels.subarray(i, i + 3).toString('hex')).toBe('ffffff');
      alphas.push(png.pixels[i + 3]!);
    }
    expect(alphas[0]).toBe(0); // corner: background
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(alphas.length / 4);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(alphas.length / 10);
  });
});

describe('scripts/make-icons.ts', () => {
  // Pixels, not bytes: a different zlib could compress the same image differently.
  it('draws exactly the committed icons', () => {
    expect(readPng(drawColorIcon()).pixels.equals(readPng(readIcon('color.png')).pixels)).toBe(true);
    expect(readPng(drawOutlineIcon()).pixels.equals(readPng(readIcon('outline.png')).pixels)).toBe(true);
  });
});

describe('scripts/png.ts', () => {
  it.each([3, 4] as const)('round-trips a %i-channel image through an independent reader', (channels) => {
    const width = 7;
    const height = 5;
    const pixels = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37 + 11) % 256);
    const png = readPng(encodePng({ width, height, channels, pixels }));
    expect([png.width, png.height, png.channels]).toEqual([width, height, channels]);
    expect([...png.pixels]).toEqual([...pixels]);
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 4, pixels: new Uint8Array(15) })).toThrow();
  });
});
