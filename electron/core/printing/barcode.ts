/**
 * Code 128 drawn as PDF rectangles (bar widths from bwip-js), each module a
 * whole number of printer dots, so the test page's barcode is as crisp as a
 * carrier's and proves the printer's real resolution.
 */
import bwipjs from 'bwip-js/node';
import { rgb, type PDFPage } from 'pdf-lib';
import { POINTS_PER_INCH } from './media';

/** Code 128 needs ten modules of white on each side to be read. */
export const QUIET_ZONE_MODULES = 10;

/** Modules (narrowest bar widths) across the symbol, quiet zones excluded. */
export function code128Modules(value: string): number[] {
  const [symbol] = bwipjs.raw('code128', value, {}) as Array<{ sbs: number[] }>;
  if (!symbol?.sbs) throw new Error(`Code 128 cannot encode "${value}"`);
  return symbol.sbs;
}

/** Draws `value` with its bottom-left at (x, y) points; returns the width used (quiet zones included). */
export function drawCode128(
  page: PDFPage,
  value: string,
  at: { x: number; y: number; moduleDots: number; dpi: number; heightPt: number },
): number {
  const moduleWidth = (at.moduleDots / at.dpi) * POINTS_PER_INCH;
  let x = at.x + QUIET_ZONE_MODULES * moduleWidth;
  code128Modules(value).forEach((modules, i) => {
    const width = modules * moduleWidth;
    if (i % 2 === 0) page.drawRectangle({ x, y: at.y, width, height: at.heightPt, color: rgb(0, 0, 0) });
    x += width;
  });
  return x + QUIET_ZONE_MODULES * moduleWidth - at.x;
}

export function code128WidthPt(value: string, moduleDots: number, dpi: number): number {
  const modules = code128Modules(value).reduce((a, b) => a + b, 0) + 2 * QUIET_ZONE_MODULES;
  return ((modules * moduleDots) / dpi) * POINTS_PER_INCH;
}
