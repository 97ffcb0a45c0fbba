// A minimal PNG encoder (8-bit truecolour, with or without alpha, no interlace) so the app icons
// can be generated from code with nothing but node's zlib. Spec: https://www.w3.org/TR/png/
import { crc32, deflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** 3 = RGB, 4 = RGBA. */
  channels: 3 | 4;
  /** Row-major, top row first, `channels` bytes per pixel. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One chunk: length, type, data, then a CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodePng(image: Image): Buffer {
  const { width, height, channels, pixels } = image;
  if (pixels.length !== width * height * channels) throw new Error('pixel buffer does not match the image size');

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = channels === 4 ? 6 : 2; // colour type: 6 = truecolour with alpha, 2 = truecolour
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive (we always pick filter type 0, "None", per row)
  header[12] = 0; // no interlace

  // Each scanline is prefixed with its filter type. "None" keeps the encoder trivial; icons are
  // tiny and mostly flat colour, so deflate alone compresses them well.
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }

  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
