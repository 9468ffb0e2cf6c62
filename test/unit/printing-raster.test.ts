/**
 * The PDFium rasterizer behind the raw-ZPL path: pages drawn as a viewer
 * shows them (their /Rotate honoured), PNG labels on the same path, unreadable
 * documents refused with a DOCUMENT failure whose reason reaches the log, and
 * the sandbox's 203 dpi PNG being a real greyscale picture of its PDF.
 */
import { PNG } from 'pngjs';
import { degrees, PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { fitToMediaPdf } from '../../electron/core/printing/fit-pdf';
import { rasterizeToMedia, type MonoBitmap } from '../../electron/core/printing/raster';
import { encodeGrayPng } from '../../electron/sandbox/documents/gray-png';
import { renderLabelPdf, renderLabelPng, type LabelDocumentData } from '../../electron/sandbox/documents/label-document';
import type { Logger } from '../../electron/core/util/log';

const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE, orientation: 'keep' };

/** Fraction of black dots in a band of rows or columns, [from, to) as fractions of the page. */
function ink(page: MonoBitmap, axis: 'rows' | 'cols', from: number, to: number): number {
  const [x0, x1] = axis === 'cols' ? [from * page.width, to * page.width] : [0, page.width];
  const [y0, y1] = axis === 'rows' ? [from * page.height, to * page.height] : [0, page.height];
  let black = 0;
  let all = 0;
  for (let y = Math.floor(y0); y < Math.floor(y1); y++)
    for (let x = Math.floor(x0); x < Math.floor(x1); x++) {
      all++;
      if (page.data[y * page.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) black++;
    }
  return black / all;
}

function recordingLog(): { log: Logger; warnings: { message: string; context: unknown }[] } {
  const warnings: { message: string; context: unknown }[] = [];
  const ignore = (): void => undefined;
  return { log: { debug: ignore, info: ignore, error: ignore, warn: (message, context) => warnings.push({ message, context }) }, warnings };
}

describe('rasterizeToMedia (PDFium)', () => {
  it('draws a page with /Rotate 90 as a viewer shows it: the top of the portrait page ends up on the right', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([288, 432]);
    page.drawRectangle({ x: 0, y: 324, width: 288, height: 108, color: rgb(0, 0, 0) });
    page.setRotation(degrees(90));
    const [label] = await rasterizeToMedia({ bytes: await doc.save(), format: 'pdf' }, profile);
    // Shown as 432×288 landscape, kept (not turned) and centred on the 4×6 label: the block is the right quarter.
    expect(label).toMatchObject({ width: 812, height: 1218 });
    expect(ink(label!, 'cols', 0.77, 1)).toBeGreaterThan(0.3);
    expect(ink(label!, 'cols', 0, 0.7)).toBe(0);
  });

  it('prints a PNG label: a picture whose top half is black stays black on top', async () => {
    const pixels = new Uint8Array(200 * 300).fill(255).fill(0, 0, 200 * 150);
    const bytes = encodeGrayPng({ width: 200, height: 300, pixels, stride: 200, dpi: 203 });
    expect(PNG.sync.read(Buffer.from(bytes))).toMatchObject({ width: 200, height: 300 });
    const [label] = await rasterizeToMedia({ bytes, format: 'png' }, profile);
    // 200 px at 203 dpi fill 812 dots at 4.06 dots per pixel: snapped to exactly 4, a few dots of white each side.
    expect(ink(label!, 'rows', 0.02, 0.48)).toBeGreaterThan(0.98);
    expect(ink(label!, 'rows', 0.52, 0.98)).toBe(0);
  });

  it('refuses a PDF PDFium cannot read: DOCUMENT failure for the packer, the reason for the log', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600, 0x41), Buffer.from('\n%%EOF\n')]);
    const { log, warnings } = recordingLog();
    await expect(rasterizeToMedia({ bytes: garbage, format: 'pdf' }, profile, log)).rejects.toMatchObject({
      code: 'DOCUMENT',
      message: expect.stringMatching(/label PDF is damaged/),
    });
    expect(warnings).toEqual([
      { message: 'label document unreadable', context: { format: 'pdf', reason: expect.stringContaining('PDFium') } },
    ]);
  });

  it('refuses a PNG whose image data is corrupt, on both print paths, instead of hanging', async () => {
    const good = encodeGrayPng({ width: 64, height: 64, pixels: new Uint8Array(64 * 64), stride: 64, dpi: 203 });
    const idat = Buffer.from(good).indexOf('IDAT');
    const broken = Uint8Array.from(good);
    broken.fill(0x55, idat + 4, idat + 20);
    await expect(rasterizeToMedia({ bytes: broken, format: 'png' }, profile)).rejects.toMatchObject({
      code: 'DOCUMENT',
      message: expect.stringMatching(/label image is damaged/),
    });
    await expect(fitToMediaPdf({ bytes: broken, format: 'png' }, profile)).rejects.toMatchObject({
      code: 'DOCUMENT',
      message: expect.stringMatching(/label image is damaged/),
    });
  });
});

describe('the sandbox label PNG', () => {
  const data: LabelDocumentData = {
    trackingNumber: 'YT2503010001CN',
    labelId: 'lbl_0001',
    courierName: 'YunExpress',
    productCode: 'YEXP01',
    orderNumber: 'ORD-1001',
    from: {
      name: 'W3',
      streetLines: ['1 Dock Road'],
      city: 'Shenzhen',
      state: null,
      postalCode: '518000',
      countryCode: 'CN',
      phone: '+86',
    },
    to: { name: 'Ana', streetLines: ['22 High St'], city: 'Leeds', state: null, postalCode: 'LS1 4AP', countryCode: 'GB', phone: '+44' },
    weightKg: 1.2,
    parcels: 1,
    createdAt: new Date('2026-03-01T09:00:00Z'),
  };

  it('is encoded by pngjs: every grey level reads back exactly, rows cut at the width whatever the stride', () => {
    const width = 37;
    const height = 23;
    const stride = 40;
    const pixels = new Uint8Array(stride * height).map((_, i) => (i * 7) % 256);
    const png = PNG.sync.read(Buffer.from(encodeGrayPng({ width, height, pixels, stride, dpi: 300 })));
    expect([png.width, png.height]).toEqual([width, height]);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) expect(png.data[(y * width + x) * 4]).toBe(pixels[y * stride + x]);
    }
  });

  it('is 8-bit greyscale at 203 dpi (pHYs), 812×1218 px, white margins and black barcode bars', async () => {
    const bytes = Buffer.from(await renderLabelPng(await renderLabelPdf(data)));
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([812, 1218]);
    expect(bytes[24]).toBe(8); // bit depth
    expect(bytes[25]).toBe(0); // colour type: greyscale
    const phys = bytes.indexOf('pHYs');
    expect([bytes.readUInt32BE(phys + 4), bytes.readUInt32BE(phys + 8), bytes[phys + 12]]).toEqual([7992, 7992, 1]);
    const grey = (x: number, y: number): number => png.data[(y * png.width + x) * 4]!;
    expect(grey(2, 2)).toBe(255);
    let black = 0;
    for (let i = 0; i < png.width * png.height; i++) if (png.data[i * 4]! < 128) black++;
    // Text and a Code 128 cover a few per cent of the label, never none and never most of it.
    expect(black / (png.width * png.height)).toBeGreaterThan(0.02);
    expect(black / (png.width * png.height)).toBeLessThan(0.5);
  });
});
