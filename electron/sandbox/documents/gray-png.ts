/**
 * A minimal PNG writer for 8-bit greyscale pictures (the sandbox's label at
 * thermal-printer resolution). PNG is small enough to write directly with
 * node:zlib; no image library is needed for one colour type.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const BIT_DEPTH = 8;
const COLOUR_TYPE_GREY = 0;
/** Each scanline starts with its filter type; 0 = none (the picture is mostly flat white, deflate does the rest). */
const FILTER_NONE = 0;
const METRES_PER_INCH = 0.0254;
/** pHYs unit specifier: pixels per metre. */
const UNIT_METRE = 1;

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

export interface GrayImage {
  width: number;
  height: number;
  /** Grey levels, 0 black … 255 white, `stride` bytes per row. */
  pixels: Uint8Array;
  stride: number;
  /** Written as the pHYs chunk so viewers and drivers know the physical size. */
  dpi: number;
}

export function encodeGrayPng(image: GrayImage): Uint8Array {
  const { width, height, pixels, stride, dpi } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([BIT_DEPTH, COLOUR_TYPE_GREY, 0, 0, 0], 8);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = FILTER_NONE;
    raw.set(pixels.subarray(y * stride, y * stride + width), y * (width + 1) + 1);
  }
  const pixelsPerMetre = Math.round(dpi / METRES_PER_INCH);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(pixelsPerMetre, 0);
  phys.writeUInt32BE(pixelsPerMetre, 4);
  phys[8] = UNIT_METRE;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}
