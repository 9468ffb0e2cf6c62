/**
 * Finding the label and its way up: blocks on a sheet, bar textures, the
 * turn each orientation rule makes, whole-dot snapping, and a drawn sheet
 * whose sideways label comes out upright with its barcode reading.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { code128Modules } from '../../electron/core/printing/barcode';
import { fitToMediaPdf } from '../../electron/core/printing/fit-pdf';
import { mediaSize, planPage } from '../../electron/core/printing/media';
import { contentBlocks, linearBarcodeCandidates, type Box, type GrayImage } from '../../electron/core/printing/page-layout';
import { rasterizeToMedia, type MonoBitmap } from '../../electron/core/printing/raster';
import { readBarcodesFrom } from '../helpers/zpl-check';

const FOUR_BY_SIX = mediaSize({ preset: '4x6in' });
const DPI = 50;

function blank(widthIn: number, heightIn: number): GrayImage {
  const width = Math.round(widthIn * DPI);
  const height = Math.round(heightIn * DPI);
  return { width, height, stride: width, pixels: new Uint8Array(width * height).fill(255) };
}

function fill(image: GrayImage, box: Box, value = 0): void {
  for (let y = box.y; y < box.y + box.height; y++) image.pixels.fill(value, y * image.stride + box.x, y * image.stride + box.x + box.width);
}

/** Vertical bars 1 px wide with 1–2 px gaps, like a 1-D barcode at 50 dpi. */
function bars(image: GrayImage, box: Box): void {
  for (let x = box.x, i = 0; x < box.x + box.width; x += 2 + (i++ % 2)) fill(image, { x, y: box.y, width: 1, height: box.height });
}

const fitsLabel = (b: Box): boolean => Math.min(b.width, b.height) / DPI <= 4.5 && Math.max(b.width, b.height) / DPI <= 8.5;

describe('page layout', () => {
  it('cuts a sheet with two labels side by side into two blocks, and never splits a label at its own spacing', () => {
    const sheet = blank(11.7, 8.3);
    for (const left of [1, 6.5]) {
      // A label: text lines at the top, a 0.5 in white gap, a barcode below (its own spacing).
      fill(sheet, { x: left * DPI, y: 0.5 * DPI, width: 3.8 * DPI, height: 3 * DPI });
      fill(sheet, { x: left * DPI, y: 4 * DPI, width: 3.8 * DPI, height: 3 * DPI });
    }
    const blocks = contentBlocks(sheet, fitsLabel, 0.15 * DPI);
    expect(blocks.map((b) => [b.x / DPI, b.y / DPI, b.width / DPI, b.height / DPI])).toEqual([
      [1, 0.5, 3.8, 6.5],
      [6.5, 0.5, 3.8, 6.5],
    ]);
  });

  it('finds bar textures as barcode candidates, across or up the page, and not a lone rule line or a solid block', () => {
    const page = blank(8.5, 11);
    bars(page, { x: 50, y: 50, width: 150, height: 40 });
    const turned: GrayImage = blank(8.5, 11);
    for (let y = 100, i = 0; y < 250; y += 2 + (i++ % 2)) fill(turned, { x: 100, y, width: 40, height: 1 });
    fill(page, { x: 300, y: 100, width: 1, height: 300 });
    fill(page, { x: 50, y: 300, width: 100, height: 100 });
    expect(linearBarcodeCandidates(page).map((c) => c.bars)).toEqual(['vertical']);
    expect(linearBarcodeCandidates(turned).map((c) => c.bars)).toEqual(['horizontal']);
  });
});

describe('the turn each orientation rule makes', () => {
  it('auto turns a sideways label back the way its content reads; the explicit rules always turn their way', () => {
    const plan = (rule: PrintProfile['orientation'], contentRotation: number | null) =>
      planPage(612, 432, FOUR_BY_SIX, rule, { contentRotation }).quarterTurns;
    expect(plan('auto', -90)).toBe(3); // stored turned counter-clockwise (reads bottom to top): turn it clockwise
    expect(plan('auto', 90)).toBe(1);
    expect(plan('auto', null)).toBe(1);
    expect(plan('clockwise', 90)).toBe(3);
    expect(plan('counter-clockwise', -90)).toBe(1);
    expect(plan('keep', -90)).toBe(0);
  });

  it('turns a label that reads upside down the right way up, and leaves one whose barcode runs up the label as it is', () => {
    expect(planPage(288, 432, FOUR_BY_SIX, 'auto', { contentRotation: 180 }).quarterTurns).toBe(2);
    expect(planPage(288, 432, FOUR_BY_SIX, 'auto', { contentRotation: -90 }).quarterTurns).toBe(0);
  });

  it('does not turn a small landscape label found on a sheet: it fits upright at its real size', () => {
    const plan = planPage(288, 216, FOUR_BY_SIX, 'auto', { maxScale: 1, contentRotation: null });
    expect(plan).toMatchObject({ quarterTurns: 0, scale: 1 });
  });

  it('puts a 66 ppi 1-bit barcode on exactly 3 dots per pixel when that costs a few per cent of size', () => {
    const pixelsPerPt = 66 / 72;
    const plan = planPage(290, 440, FOUR_BY_SIX, 'auto', {
      dpi: 203,
      bilevelImages: [{ pixelsPerPtX: pixelsPerPt, pixelsPerPtY: pixelsPerPt }],
    });
    expect((plan.scale * (203 / 72)) / pixelsPerPt).toBeCloseTo(3, 9);
    expect(plan.scale).toBeGreaterThan(0.9);
    // Placed on whole dots.
    expect((plan.offsetXPt * 203) / 72).toBeCloseTo(Math.round((plan.offsetXPt * 203) / 72), 9);
  });
});

/**
 * A Letter landscape sheet: instructions on the left, and on the right a 4×6 label drawn turned a quarter
 * counter-clockwise (its text and Code 128 read bottom to top), as some carriers lay out their sheets.
 */
async function sheetWithSidewaysLabel(value: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([792, 612]);
  for (let i = 0; i < 20; i++)
    page.drawText(`Instructions line ${i + 1}: fold here, tape all edges.`, { x: 40, y: 560 - i * 22, size: 10, font });
  const [x0, y0] = [440, 90];
  page.drawRectangle({ x: x0, y: y0, width: 432, height: 288, borderColor: rgb(0, 0, 0), borderWidth: 1, opacity: 0 });
  // Up the page is the label's left-to-right: bars are horizontal, stacked upwards.
  const module = (2 / 203) * 72;
  let y = y0 + 60;
  code128Modules(value).forEach((modules, i) => {
    if (i % 2 === 0) page.drawRectangle({ x: x0 + 120, y, width: 90, height: modules * module, color: rgb(0, 0, 0) });
    y += modules * module;
  });
  return pdf.save();
}

function toRgba(page: MonoBitmap): { width: number; height: number; rgba: Uint8Array } {
  const rgba = new Uint8Array(page.width * page.height * 4).fill(255);
  for (let y = 0; y < page.height; y++)
    for (let x = 0; x < page.width; x++)
      if (page.data[y * page.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)))
        rgba.fill(0, (y * page.width + x) * 4, (y * page.width + x) * 4 + 3);
  return { width: page.width, height: page.height, rgba };
}

describe('a sideways label on a sheet', () => {
  const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE };

  it('is found, printed alone near its real size and turned clockwise so its barcode reads left to right', async () => {
    const bytes = await sheetWithSidewaysLabel('1ZSIDEWAYS0001');
    const fitted = await fitToMediaPdf({ bytes, format: 'pdf' }, profile);
    expect(fitted.labels).toMatchObject([{ kind: 'label', cropped: true, quarterTurns: 3 }]);
    // Its 6 in frame (and the frame's stroke) just over the media's 6 in: a shade smaller, never larger.
    expect(fitted.labels[0]!.scale).toBeGreaterThan(0.97);
    expect(fitted.labels[0]!.scale).toBeLessThanOrEqual(1);
    for (const source of [fitted.bytes, bytes]) {
      const [page] = await rasterizeToMedia({ bytes: source, format: 'pdf' }, profile);
      const read = await readBarcodesFrom(toRgba(page!));
      expect(read.map((r) => [r.text, r.orientation])).toContainEqual(['1ZSIDEWAYS0001', 0]);
    }
  });

  it('prints the whole sheet when the profile does not find labels (still classified as holding a label)', async () => {
    const bytes = await sheetWithSidewaysLabel('1ZSIDEWAYS0002');
    const fitted = await fitToMediaPdf({ bytes, format: 'pdf' }, { ...profile, findLabel: false });
    expect(fitted.labels).toMatchObject([{ kind: 'label', cropped: false, region: { x: 0, y: 0, width: 792, height: 612 } }]);
  });
});
