/**
 * Fitting a document to the label: turning landscape pages, scaling with the
 * aspect kept, one label per page, and the two print paths (fitted PDF for a
 * system queue, raster for ZPL) putting the label in the same place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { fitToMediaPdf } from '../../electron/core/printing/fit-pdf';
import { cupsMediaOption, mediaDots, mediaSize, planPage } from '../../electron/core/printing/media';
import { packBits, rasterizeToMedia, type MonoBitmap } from '../../electron/core/printing/raster';
import { crc16Xmodem, encodeLabels, graphicFieldHex, z64 } from '../../electron/core/printing/zpl';
import { readBarcodesFrom, type RenderedLabel } from '../helpers/zpl-check';

const FOUR_BY_SIX = mediaSize({ preset: '4x6in' });

describe('media', () => {
  it('knows the label sizes in printer dots', () => {
    expect(mediaDots({ media: { preset: '4x6in' }, dpi: 203 })).toEqual({ width: 812, height: 1218 });
    expect(mediaDots({ media: { preset: '4x6in' }, dpi: 300 })).toEqual({ width: 1200, height: 1800 });
    expect(mediaDots({ media: { preset: '100x150mm' }, dpi: 203 })).toEqual({ width: 799, height: 1199 });
    expect(mediaDots({ media: { preset: 'custom', widthMm: 50.8, heightMm: 25.4 }, dpi: 203 })).toEqual({ width: 406, height: 203 });
  });
  it('asks CUPS for the exact size in millimetres', () => {
    expect(cupsMediaOption({ preset: '4x6in' })).toBe('Custom.101.6x152.4mm');
    expect(cupsMediaOption({ preset: 'A6' })).toBe('Custom.105x148mm');
  });
});

describe('planPage', () => {
  it('turns a landscape page onto portrait media and fills the long side', () => {
    const plan = planPage(792, 612, FOUR_BY_SIX, 'auto');
    expect(plan.quarterTurns).toBe(1);
    // Turned, the page is 612 wide and 792 tall: the 288-pt width is the tighter fit.
    expect(plan.scale).toBeCloseTo(288 / 612, 6);
    expect(plan.placedWidthPt).toBeCloseTo(288, 6);
    expect(plan.placedHeightPt).toBeCloseTo(792 * (288 / 612), 6);
    expect(plan.offsetYPt).toBeCloseTo((432 - 792 * (288 / 612)) / 2, 6);
  });
  it('keeps a landscape page as it is under the "keep" rule, scaled to the width', () => {
    const plan = planPage(792, 612, FOUR_BY_SIX, 'keep');
    expect(plan.quarterTurns).toBe(0);
    expect(plan.placedWidthPt).toBeCloseTo(288, 6);
  });
  it('scales a small label up and a large one down, aspect kept', () => {
    expect(planPage(144, 216, FOUR_BY_SIX, 'auto')).toMatchObject({ quarterTurns: 0, scale: 2, offsetXPt: 0, offsetYPt: 0 });
    const a5 = planPage(419.528, 595.276, FOUR_BY_SIX, 'auto');
    expect(a5.placedWidthPt / a5.placedHeightPt).toBeCloseTo(419.528 / 595.276, 6);
  });
  it('never turns a square page', () => {
    expect(planPage(500, 500, FOUR_BY_SIX, 'auto').quarterTurns).toBe(0);
  });
});

/** A landscape Letter page with a solid block in its left quarter. */
async function landscapeWithLeftBlock(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([792, 612]);
  page.drawRectangle({ x: 0, y: 0, width: 198, height: 612, color: rgb(0, 0, 0) });
  return doc.save();
}

function inkBox(bitmap: MonoBitmap): { top: number; bottom: number; left: number; right: number } {
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++)
      if (bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return { top, bottom, left, right };
}

describe('fitting documents', () => {
  const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE };

  it('a landscape page becomes one portrait 4×6 page, turned counter-clockwise (its left edge at the bottom)', async () => {
    const fitted = await fitToMediaPdf({ bytes: await landscapeWithLeftBlock(), format: 'pdf' }, profile);
    expect(fitted).toMatchObject({ pages: 1, refitted: true });
    const pdf = await PDFDocument.load(fitted.bytes);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    const [page] = await rasterizeToMedia({ bytes: fitted.bytes, format: 'pdf' }, profile);
    const box = inkBox(page!);
    // The block was the left quarter of the page: now the bottom quarter of the placed (centred) label, full width.
    const plan = planPage(792, 612, FOUR_BY_SIX, 'auto');
    const dotsPerPt = 203 / 72;
    const placedBottom = (plan.offsetYPt + plan.placedHeightPt) * dotsPerPt;
    expect(Math.abs(box.bottom - placedBottom)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.top - (placedBottom - (plan.placedHeightPt / 4) * dotsPerPt))).toBeLessThanOrEqual(2);
    expect(box.left).toBe(0);
    expect(box.right).toBeGreaterThanOrEqual(810);
  });

  it('the raster path places the label exactly where the fitted PDF does', async () => {
    const original = await landscapeWithLeftBlock();
    const viaPdf = await rasterizeToMedia(
      { bytes: (await fitToMediaPdf({ bytes: original, format: 'pdf' }, profile)).bytes, format: 'pdf' },
      profile,
    );
    const direct = await rasterizeToMedia({ bytes: original, format: 'pdf' }, profile);
    const a = inkBox(viaPdf[0]!);
    const b = inkBox(direct[0]!);
    for (const side of ['top', 'bottom', 'left', 'right'] as const) expect(Math.abs(a[side] - b[side]), side).toBeLessThanOrEqual(1);
  });

  it('a landscape PNG label (UPS, 1400×800 px) becomes a portrait 4×6 PDF page whose barcodes still read', async () => {
    const png = readFileSync(join(import.meta.dirname, '../fixtures/labels/ups-1400x800.png'));
    const fitted = await fitToMediaPdf({ bytes: png, format: 'png' }, profile);
    const pdf = await PDFDocument.load(fitted.bytes);
    expect(pdf.getPages().map((p) => p.getSize())).toEqual([{ width: 288, height: 432 }]);
    const [page] = await rasterizeToMedia({ bytes: fitted.bytes, format: 'pdf' }, profile);
    const rgba = new Uint8Array(page!.width * page!.height * 4).fill(255);
    for (let y = 0; y < page!.height; y++)
      for (let x = 0; x < page!.width; x++)
        if (page!.data[y * page!.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)))
          rgba.fill(0, (y * page!.width + x) * 4, (y * page!.width + x) * 4 + 3);
    const image: RenderedLabel = { width: page!.width, height: page!.height, rgba };
    expect((await readBarcodesFrom(image)).map((b) => b.text)).toContain('1Z0FH3446831744085');
  });

  it('passes a PDF that already is 4×6 through untouched', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([288, 432]);
    const bytes = await doc.save();
    const fitted = await fitToMediaPdf({ bytes, format: 'pdf' }, profile);
    expect(fitted.refitted).toBe(false);
    expect(fitted.bytes).toBe(bytes);
  });

  it('keeps multi-page documents as pages, one label each', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    doc.addPage([842, 595]);
    doc.addPage([288, 432]);
    const fitted = await fitToMediaPdf({ bytes: await doc.save(), format: 'pdf' }, profile);
    const out = await PDFDocument.load(fitted.bytes);
    expect(out.getPages().map((p) => p.getSize())).toEqual([
      { width: 288, height: 432 },
      { width: 288, height: 432 },
      { width: 288, height: 432 },
    ]);
  });
});

describe('1-bit raster and ZPL', () => {
  it('cuts grey at half-way: anti-aliased edge pixels more than half covered print', () => {
    const bits = packBits([0, 127, 128, 255, 10, 200, 90, 250, 0], 9, 1, 9);
    expect(bits.bytesPerRow).toBe(2);
    expect([...bits.data]).toEqual([0b11001010, 0b10000000]);
  });

  it('Z64 is zlib + base64 with the CRC-16 Zebra checks', () => {
    expect(crc16Xmodem('123456789')).toBe(0x31c3);
    const data = new Uint8Array(1000).fill(0xf0);
    const [, kind, b64, crc] = z64(data).split(':');
    expect(kind).toBe('Z64');
    expect(new Uint8Array(inflateSync(Buffer.from(b64!, 'base64')))).toEqual(data);
    expect(parseInt(crc!, 16)).toBe(crc16Xmodem(b64!));
  });

  it('one ^XA…^XZ per page with the page size, copies and clamped darkness', () => {
    const page: MonoBitmap = { width: 16, height: 2, bytesPerRow: 2, data: new Uint8Array([0xff, 0x00, 0x0f, 0xf0]) };
    const zpl = encodeLabels([page, page], { copies: 3, darkness: 45 });
    expect(zpl.match(/~SD30\^XA\^PW16\^LL2\^LH0,0\^FO0,0\^GFA,4,4,2,:Z64:[^:]+:[0-9a-f]{4}\^FS\^PQ3,0,1,Y\^XZ/g)).toHaveLength(2);
    expect(encodeLabels([page], { copies: 1, darkness: null })).not.toContain('~SD');
    expect(graphicFieldHex(page)).toBe('^GFA,4,4,2,FF000FF0^FS');
  });
});
