/**
 * Print fidelity over the carrier label corpus (MANIFEST.md's labels): every
 * barcode that reads on the original at 203 dpi still reads after fitting to
 * 4×6 in, on both print paths — the fitted PDF drawn by poppler at 203 dpi
 * and cut at half-grey as a printer would, and the ZPL drawn by zebrash —
 * unless it is a named expected loss; every fitted label reads the right way
 * up; documents (invoices, print-test pages) print whole. The table of what
 * each file kept is printed with the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { fitToMediaPdf } from '../../electron/core/printing/fit-pdf';
import { rasterizeToMedia } from '../../electron/core/printing/raster';
import { encodeLabels } from '../../electron/core/printing/zpl';
import { needSystem } from '../helpers/ci';
import {
  corpusDocuments,
  corpusLabels,
  describeResult,
  EXPECTED_LOSSES,
  fitAndRead,
  hasPdftoppm,
  LABELS_DIR,
  type FitPaths,
} from '../helpers/label-corpus';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const profile: PrintProfile = { ...DEFAULT_PRINT_PROFILE };
const WIDTH_MM = 101.6;
const HEIGHT_MM = 152.4;
/** Fitting, decoding and drawing back a sheet on both paths takes a few seconds on a loaded machine. */
const PER_FILE_TIMEOUT_MS = 60_000;

const paths: FitPaths = {
  pdf: async (bytes, format) => (await fitToMediaPdf({ bytes, format }, profile)).bytes,
  zpl: async (bytes, format) => encodeLabels(await rasterizeToMedia({ bytes, format }, profile), { copies: 1, darkness: null }),
};

const table: string[] = [];
afterAll(() => {
  if (table.length) console.log(`\nBarcodes kept after fitting to 4×6 in at 203 dpi (kept/read on the original):\n${table.join('\n')}\n`);
});

describe('the carrier label corpus, fitted to 4×6 in at 203 dpi', () => {
  const labels = corpusLabels();

  it('reads the label files from the manifest (invoices, test pages and dpd-be-a6 left out)', () => {
    const names = labels.map((l) => l.file);
    expect(names).toContain('usps-letter-landscape.pdf');
    expect(names).toContain('ups-1400x800.png');
    expect(names).not.toContain('dpd-be-a6.pdf');
    expect(names.some((n) => /invoice|qz-generic/.test(n))).toBe(false);
  });

  for (const entry of labels) {
    it(
      `${entry.file}: every barcode of the original reads on both paths (or is a named loss), and the label is upright`,
      async () => {
        if (!needSystem(hasPdftoppm, 'pdftoppm', 'apt-get install poppler-utils')) return;
        const result = await fitAndRead(entry, paths, WIDTH_MM, HEIGHT_MM);
        table.push(describeResult(result));
        const named = new Set((EXPECTED_LOSSES[entry.file] ?? []).map((l) => l.text));
        for (const code of result.codes) {
          if (named.has(code.text)) {
            expect(code.pdf && code.zpl, `${code.text} is a named loss but now reads on both paths: drop it from EXPECTED_LOSSES`).toBe(
              false,
            );
            continue;
          }
          expect(code.pdf, `${code.format} ${code.text} (page ${code.page}) on the PDF path`).toBe(true);
          expect(code.zpl, `${code.format} ${code.text} (page ${code.page}) on the ZPL path`).toBe(true);
        }
        for (const path of ['pdf', 'zpl'] as const) {
          result.notUpright[path].forEach((wrong, i) => {
            expect(
              wrong.map((c) => `${c.text} reads at ${c.rotation}°`),
              `${path.toUpperCase()} page ${i + 1} upright`,
            ).toEqual([]);
          });
        }
        expect(result.pdfPages, 'both paths print the same number of labels').toBe(result.zplPages);
      },
      PER_FILE_TIMEOUT_MS,
    );
  }

  it('a sheet with two labels side by side prints them as two labels, in reading order', async () => {
    const bytes = readFileSync(join(LABELS_DIR, 'postat-a4-landscape-2up.pdf'));
    const fitted = await fitToMediaPdf({ bytes, format: 'pdf' }, profile);
    expect(fitted.pages).toBe(2);
    expect(fitted.labels.map((l) => [l.kind, l.cropped, l.quarterTurns])).toEqual([
      ['label', true, 0],
      ['label', true, 0],
    ]);
    expect(fitted.labels[0]!.region.x).toBeLessThan(fitted.labels[1]!.region.x);
  });

  it('a label beside its instructions prints alone, near its real size', async () => {
    const bytes = readFileSync(join(LABELS_DIR, 'usps-letter-landscape.pdf'));
    const fitted = await fitToMediaPdf({ bytes, format: 'pdf' }, profile);
    expect(fitted.labels).toHaveLength(1);
    const [label] = fitted.labels;
    expect(label).toMatchObject({ kind: 'label', cropped: true, quarterTurns: 0 });
    // At most a few per cent smaller: its 66 ppi 1-bit barcode is put on exactly 3 dots per pixel.
    expect(label!.scale).toBeGreaterThan(0.95);
    expect(label!.scale).toBeLessThanOrEqual(1);
    // The 4×6 label (plus a little white) on the left half of the 11 in sheet.
    expect(label!.region.x + label!.region.width).toBeLessThan(5.5 * 72);
  });

  for (const entry of corpusDocuments()) {
    it(`${entry.file}: a document, printed whole on every page`, async () => {
      const bytes = readFileSync(join(LABELS_DIR, entry.file));
      const fitted = await fitToMediaPdf({ bytes, format: entry.format }, profile);
      expect(fitted.labels.length).toBeGreaterThan(0);
      for (const page of fitted.labels) expect(page).toMatchObject({ kind: 'document', cropped: false, region: { x: 0, y: 0 } });
    });
  }
});
