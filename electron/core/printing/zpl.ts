/**
 * 1-bit pages → ZPL: one `^XA…^XZ` per page, the page as one `^GF` graphic
 * compressed as Z64 (zlib, then base64, with the CRC-16 Zebra checks), so a
 * 4×6 label at 203 dpi is a few kilobytes on the wire instead of ~250 KB.
 */
import { deflateSync } from 'node:zlib';
import { ZPL_DARKNESS_MAX } from '../../../shared/domain/printing';
import type { MonoBitmap } from './raster';

/** Best compression: the graphic is made once and a smaller job reaches a 9100 socket sooner. */
const ZLIB_LEVEL = 9;

/** CRC-16/XMODEM (poly 0x1021, init 0) over the base64 text: the check Zebra defines for Z64/B64 data. */
export function crc16Xmodem(text: string): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** `:Z64:<data>:<crc>` for a bitmap's rows. */
export function z64(data: Uint8Array): string {
  const b64 = deflateSync(data, { level: ZLIB_LEVEL }).toString('base64');
  return `:Z64:${b64}:${crc16Xmodem(b64).toString(16).padStart(4, '0')}`;
}

/** The same graphic as plain ASCII hex (what `^GF` carries without compression), for size comparisons. */
export function graphicFieldHex(bitmap: MonoBitmap): string {
  const total = bitmap.data.length;
  return `^GFA,${total},${total},${bitmap.bytesPerRow},${Buffer.from(bitmap.data).toString('hex').toUpperCase()}^FS`;
}

export function graphicFieldZ64(bitmap: MonoBitmap): string {
  const total = bitmap.data.length;
  return `^GFA,${total},${total},${bitmap.bytesPerRow},${z64(bitmap.data)}^FS`;
}

export interface ZplOptions {
  copies: number;
  /** `~SD` darkness 0–30, or null to leave the printer's setting alone. */
  darkness: number | null;
}

/** One label format per page; copies via `^PQ` so the printer repeats the graphic without it being sent again. */
export function encodeLabels(pages: readonly MonoBitmap[], options: ZplOptions): string {
  const darkness =
    options.darkness === null ? '' : `~SD${String(Math.max(0, Math.min(ZPL_DARKNESS_MAX, Math.round(options.darkness)))).padStart(2, '0')}`;
  return pages
    .map((page) => `${darkness}^XA^PW${page.width}^LL${page.height}^LH0,0^FO0,0${graphicFieldZ64(page)}^PQ${options.copies},0,1,Y^XZ\n`)
    .join('');
}
