/**
 * The ZPL the station sends must scan. Every label document (the sandbox's
 * airway bill and the carrier corpus in test/fixtures/labels) is fitted to
 * 4×6 in at 203 dpi, rasterized and encoded exactly as a print would be; an
 * independent ZPL renderer (zebrash) draws the ZPL back and ZXing must read
 * the tracking number off the picture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { rasterizeToMedia } from '../../electron/core/printing/raster';
import { encodeLabels } from '../../electron/core/printing/zpl';
import { renderLabelPdf, renderLabelPng } from '../../electron/sandbox/documents/label-document';
import { sampleLabelData } from '../helpers/label-data';
import { inkCoverage, readBarcodesFrom, renderZpl, type RenderedLabel } from '../helpers/zpl-check';

const LABELS = join(import.meta.dirname, '../fixtures/labels');
const FOUR_BY_SIX: PrintProfile = { ...DEFAULT_PRINT_PROFILE, mode: 'zpl-queue', printer: 'Zebra' };
const WIDTH_MM = 101.6;
const HEIGHT_MM = 152.4;
const DOTS_PER_MM_203 = 8;

async function zplPages(
  bytes: Uint8Array,
  format: 'pdf' | 'png',
  profile: PrintProfile = FOUR_BY_SIX,
): Promise<{ zpl: string; renders: RenderedLabel[] }> {
  const pages = await rasterizeToMedia({ bytes, format }, profile);
  const zpl = encodeLabels(pages, { copies: 1, darkness: null });
  const dpmm = profile.dpi === 203 ? DOTS_PER_MM_203 : 12;
  return { zpl, renders: await renderZpl(zpl, WIDTH_MM, HEIGHT_MM, dpmm) };
}

async function texts(render: RenderedLabel): Promise<string[]> {
  return (await readBarcodesFrom(render)).map((r) => r.text);
}

const sandboxLabel = sampleLabelData({ trackingNumber: 'YT2503010001CN', labelId: 'lbl_0001', orderNumber: 'ORD-1001' });

describe('ZPL from the sandbox airway bill', () => {
  it('reads the tracking number from the PDF label at 203 and 300 dpi', async () => {
    const pdf = await renderLabelPdf(sandboxLabel);
    for (const dpi of [203, 300] as const) {
      const { zpl, renders } = await zplPages(pdf, 'pdf', { ...FOUR_BY_SIX, dpi });
      expect(zpl.match(/\^XA/g)).toHaveLength(1);
      expect(renders).toHaveLength(1);
      expect(await texts(renders[0]!)).toContain(sandboxLabel.trackingNumber);
    }
  });

  it('reads the tracking number from the PNG label', async () => {
    const png = await renderLabelPng(await renderLabelPdf(sandboxLabel));
    const { renders } = await zplPages(png, 'png');
    expect(await texts(renders[0]!)).toContain(sandboxLabel.trackingNumber);
  });
});

/**
 * Per carrier document: the values that must be read on each page after fitting to 4×6.
 * Values are the tracking (or shipment) numbers printed on the labels; a page with `[]` must still print ink.
 */
const CORPUS: Record<string, string[][]> = {
  'fedex-4x6-3pages.pdf': [['7946047901380430'], ['7946047901380430'], ['7946047901380430']],
  'dhl-express-99x200mm.pdf': [['JJD014600004617230770']],
  // The label is found in the left half of each A4 page (page 2 is the archive copy) and printed near its real size.
  'dhl-express-a4-landscape-2pages.pdf': [['JJD013036538172296379'], ['0057714403']],
  'dhl-express-qr-690x690.png': [['JD014600004617230786']],
  'dhl-paket-a4-landscape.pdf': [['340433333010200227']],
  'dhl-paket-retoure-105x203mm.pdf': [['60701001756402']],
  'landmark-4x6.pdf': [['LTN21103556N1']],
  'postat-a5.pdf': [['1031394500154720811100']],
  // Two labels side by side on A4: each is found and printed as a label of its own.
  'postat-a4-landscape-2up.pdf': [['http://www.post.at'], ['http://www.post.at']],
  'smartkargo-100x151mm.pdf': [['XDL00229644001']],
  'ups-1400x800.png': [['1Z0FH3446831744085']],
  'ups-invoice-letter-3pages.pdf': [['0FH344CYNWP'], ['0FH344CYNWP'], ['0FH344CYNWP']],
  'usps-4x6.pdf': [['34690361980900000142']],
  // The label is found beside its instructions and printed on its own, its GS1-128 on whole dots.
  'usps-letter-landscape.pdf': [['(420)29440(92)36190361980900000015']],
  // The expected renders that ship with the ZPL corpus are label images (4×8 in canvases) in their own right.
  'dhl-paket-label.expected.png': [['99000942000000']],
  'dhl-parcel-uk-label.expected.png': [['AGL55655500001868043001']],
  'fedex-label.expected.png': [['271053820000']],
  'postnord-dpd-return-2labels.expected.png': [['03015151800000']],
  'ups-label.expected.png': [['1Z680RA4DL08720000']],
  'ups-surepost-label.expected.png': [['1Z4X7V81YW00000000']],
  'usps-label.expected.png': [['0559030319']],
};
/**
 * Carrier files with barcodes that are not checked, and why: dpd-be-a6.pdf (a DEMO watermark crosses both
 * barcodes; the manifest says they do not read even unscaled), posten-no-label / postnord page 2 renders
 * (overprinted or no barcode). ZPL and EPL files are printer language, not documents the station fits.
 */

describe('ZPL from the carrier label corpus, fitted to 4×6 in at 203 dpi', () => {
  for (const [file, pages] of Object.entries(CORPUS)) {
    it(`${file}: every page becomes one label and its tracking number scans`, async () => {
      const bytes = readFileSync(join(LABELS, file));
      const { zpl, renders } = await zplPages(bytes, file.endsWith('.png') ? 'png' : 'pdf');
      expect(zpl.match(/\^XA/g)).toHaveLength(pages.length);
      expect(renders).toHaveLength(pages.length);
      for (const [i, expected] of pages.entries()) {
        const read = (await texts(renders[i]!)).join('\n');
        for (const value of expected) expect(read, `page ${i + 1}`).toContain(value);
        expect(inkCoverage(renders[i]!), `page ${i + 1} has ink`).toBeGreaterThan(0.005);
      }
    });
  }
});
