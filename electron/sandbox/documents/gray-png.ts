/**
 * The sandbox's label PNG: 8-bit greyscale at thermal-printer resolution,
 * encoded by pngjs (already the station's PNG decoder). pngjs writes no
 * pHYs chunk, and the physical size is what tells a viewer or driver that
 * 812×1218 px is a 4×6 in label, so that one chunk is added after IHDR.
 */
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';

const COLOUR_TYPE_GREY = 0;
const BIT_DEPTH = 8;
const METRES_PER_INCH = 0.0254;
/** pHYs unit specifier: pixels per metre. */
const UNIT_METRE = 1;
const PNG_SIGNATURE_BYTES = 8;
/** Length (4) + type (4) + body + CRC (4). */
const CHUNK_OVERHEAD_BYTES = 12;
const IHDR_BODY_BYTES = 13;

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
  const png = new PNG({ width, height, colorType: COLOUR_TYPE_GREY, inputColorType: COLOUR_TYPE_GREY, inputHasAlpha: false });
  const tight = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) tight.set(pixels.subarray(y * stride, y * stride + width), y * width);
  png.data = tight;
  const encoded = PNG.sync.write(png, {
    colorType: COLOUR_TYPE_GREY,
    inputColorType: COLOUR_TYPE_GREY,
    inputHasAlpha: false,
    bitDepth: BIT_DEPTH,
  });
  const afterHeader = PNG_SIGNATURE_BYTES + CHUNK_OVERHEAD_BYTES + IHDR_BODY_BYTES;
  return Buffer.concat([encoded.subarray(0, afterHeader), physChunk(dpi), encoded.subarray(afterHeader)]);
}

function physChunk(dpi: number): Buffer {
  const pixelsPerMetre = Math.round(dpi / METRES_PER_INCH);
  const chunk = Buffer.alloc(CHUNK_OVERHEAD_BYTES + 9);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(pixelsPerMetre, 8);
  chunk.writeUInt32BE(pixelsPerMetre, 12);
  chunk[16] = UNIT_METRE;
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return chunk;
}
