/**
 * PNG label images decoded with pngjs (MIT), which inflates with node:zlib
 * and checks every chunk's CRC: a corrupt download fails at once with an
 * error. (pdf-lib's own PNG decoder spins forever on some corrupt image data,
 * which would freeze the station, so it only ever sees PNGs read here first.)
 */
import { PNG } from 'pngjs';

export interface GrayPicture {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, rows packed (stride = width). */
  gray: Uint8Array;
}

/** ITU-R BT.601 luma weights ×1000 (MuPDF's and most printers' RGB → grey). */
const LUMA_R = 299;
const LUMA_G = 587;
const LUMA_B = 114;
const LUMA_SCALE = 1000;
const OPAQUE = 255;
const WHITE = 255;

/** Reads a PNG and flattens it to grey on white paper (transparent areas print nothing); throws on a damaged file. */
export function decodePngGray(bytes: Uint8Array): GrayPicture {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new Error(`PNG cannot be decoded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const { width, height, data } = png;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    const luma = (LUMA_R * data[p]! + LUMA_G * data[p + 1]! + LUMA_B * data[p + 2]!) / LUMA_SCALE;
    const alpha = data[p + 3]!;
    gray[i] = Math.round((luma * alpha + WHITE * (OPAQUE - alpha)) / OPAQUE);
  }
  return { width, height, gray };
}
