/**
 * The packing slip, read back the way a printer and a person would: poppler
 * renders and reads it, ZXing scans its barcode, and every glyph it shows is
 * checked against the original font files (see test/helpers/pdf-check.ts for
 * why that, and not pdftotext alone, proves no character prints as a box).
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPackingSlip } from '../../electron/core/documents/packing-slip';
import { DocumentError } from '../../electron/core/documents/errors';
import { fontkitForPdfLib, loadFace } from '../../electron/core/documents/fonts';
import type { DocumentOptions, PackingSlip, PaperSize } from '../../electron/core/documents/types';
import type { Language } from '../../shared/domain/settings';
import { translate } from '../../shared/i18n';
import { needSystem } from '../helpers/ci';
import { sampleSlip, slipLines } from '../helpers/document-data';
import { inspectGlyphs, pdfFonts, pdfText, popplerAvailable, POPPLER_REQUIREMENT, renderPages, squeeze } from '../helpers/pdf-check';
import { inkCoverage, readBarcodesFrom, type RenderedLabel } from '../helpers/zpl-check';

/** Rendering pages with pdftoppm and scanning them takes seconds each; generous for a busy CI machine. */
const SCAN_TIMEOUT_MS = 120_000;
const RUN = needSystem(popplerAvailable(), POPPLER_REQUIREMENT.what, POPPLER_REQUIREMENT.install);
const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-03-01T08:00:00Z');
/** Render resolution for scanning: 0.33 mm bars are ~2.6 pixels wide at 200 dpi. */
const SCAN_DPI = 200;
const POINTS_PER_INCH = 72;

function options(language: Language, paper: PaperSize = 'A4'): DocumentOptions {
  return { language, paper, timeZone: TZ, now: NOW };
}

/** Every piece of text the slip must show, as given (headings come from the catalogue). */
function fieldsOf(slip: PackingSlip): string[] {
  const address = (a: NonNullable<PackingSlip['shipFrom']>) => [
    a.name,
    a.company ?? '',
    ...a.lines,
    a.city,
    a.state ?? '',
    a.postalCode ?? '',
    a.phone ?? '',
  ];
  return [
    slip.orderNumber,
    ...address(slip.shipTo),
    ...(slip.shipFrom ? address(slip.shipFrom) : []),
    ...slip.lines.flatMap((l) => [l.sku, l.description, l.hsCode ?? '']),
    ...(slip.notes ?? '').split('\n'),
  ].filter((s) => s.trim() !== '');
}

async function scan(page: RenderedLabel): Promise<string[]> {
  return (await readBarcodesFrom(page)).filter((r) => r.format === 'Code128').map((r) => r.text);
}

describe.runIf(RUN)('packing slip in Chinese: every character drawn from a real glyph', () => {
  const slip = sampleSlip();
  const cases = [
    { language: 'zh-CN', title: '装箱单', face: 'NotoSansSC-Regular', otherFace: 'NotoSansTC-Regular' },
    { language: 'zh-TW', title: '裝箱單', face: 'NotoSansTC-Regular', otherFace: 'NotoSansSC-Regular' },
  ] as const;

  for (const c of cases) {
    describe(c.language, () => {
      let pdf: Uint8Array;
      beforeAll(async () => {
        pdf = await renderPackingSlip(slip, options(c.language));
      });

      it('shows no .notdef, no empty glyph and no glyph other than the font’s own for its character', async () => {
        const report = await inspectGlyphs(pdf);
        expect(report.problems).toEqual([]);
        // Nothing dropped: every character of every field (spaces aside) is among the glyphs shown.
        const shown = new Set(report.glyphs.flatMap((g) => [...g.text]));
        const wanted = new Set(
          fieldsOf(slip)
            .flatMap((f) => [...f.normalize('NFC')])
            .filter((ch) => !/\s/u.test(ch)),
        );
        expect([...wanted].filter((ch) => !shown.has(ch))).toEqual([]);
      });

      it(`sets the ${c.language} headings in ${c.face} and embeds only subsets with Unicode maps`, async () => {
        const report = await inspectGlyphs(pdf);
        const titleGlyphs = report.glyphs.filter((g) => [...c.title].includes(g.text));
        expect(titleGlyphs.length).toBeGreaterThanOrEqual(c.title.length);
        expect(new Set(titleGlyphs.map((g) => g.font))).toEqual(new Set([c.face]));
        const fonts = await pdfFonts(pdf);
        expect(fonts.length).toBeGreaterThan(0);
        for (const font of fonts) {
          expect(font, font.name).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
          expect(font.name).toMatch(/^[A-Z]{6}\+Noto/);
        }
        expect(fonts.map((f) => f.name.slice(7))).toContain(c.face);
        // A few KB of glyphs, not the 7–10 MB font files.
        expect(pdf.byteLength).toBeLessThan(200_000);
      });

      it('reads back (pdftotext) as the text that went in', async () => {
        const text = squeeze(await pdfText(pdf));
        for (const field of fieldsOf(slip)) expect(text, field).toContain(squeeze(field.normalize('NFC')));
        expect(text).toContain(squeeze(c.title));
        expect(text).toContain(squeeze(translate(c.language, 'documents.slip.shipTo')));
      });

      it(
        'renders with pdftoppm without complaint, and its order barcode scans',
        async () => {
          const { pages, stderr } = await renderPages(pdf, SCAN_DPI);
          expect(stderr).toBe('');
          expect(pages.length).toBeGreaterThanOrEqual(1);
          for (const page of pages) {
            expect(inkCoverage(page)).toBeGreaterThan(0.01);
            expect(await scan(page)).toEqual([slip.orderNumber]);
          }
        },
        SCAN_TIMEOUT_MS,
      );
    });
  }
});

describe('the glyph check can fail', () => {
  it('reports a character drawn with a font that lacks it (.notdef, the box)', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkitForPdfLib);
    const latin = await loadFace('latin');
    const font = await doc.embedFont(latin.bytes, { subset: true });
    doc.addPage([200, 100]).drawText('Zoë 中', { x: 10, y: 50, size: 12, font });
    const report = await inspectGlyphs(await doc.save());
    expect(report.problems.some((p) => p.includes('.notdef'))).toBe(true);
    expect(report.problems.every((p) => p.includes('NotoSans-Regular'))).toBe(true);
  });
});

describe.runIf(RUN)('packing slip on A4, Letter and 4×6 in', () => {
  const sizes: Array<[PaperSize, number, number]> = [
    ['A4', 595.28, 841.89],
    ['Letter', 612, 792],
    ['4x6in', 288, 432],
  ];
  for (const [paper, width, height] of sizes) {
    it(
      `${paper}: every page is ${width} × ${height} pt, text stays inside the margins, and each page scans`,
      async () => {
        const slip = sampleSlip();
        const pdf = await renderPackingSlip(slip, options('en', paper));
        const doc = await PDFDocument.load(pdf);
        for (const page of doc.getPages()) {
          expect(page.getWidth()).toBeCloseTo(width, 1);
          expect(page.getHeight()).toBeCloseTo(height, 1);
        }
        const { pages } = await renderPages(pdf, SCAN_DPI);
        expect(pages).toHaveLength(doc.getPageCount());
        const marginPx = Math.floor(((paper === '4x6in' ? 3.5 : 12) / 25.4) * SCAN_DPI);
        for (const [i, page] of pages.entries()) {
          expect(page.width).toBe(Math.round((width / POINTS_PER_INCH) * SCAN_DPI));
          expect(inkInColumns(page, page.width - marginPx, page.width), `page ${i + 1}: ink in the right margin`).toBe(0);
          expect(inkInColumns(page, 0, marginPx), `page ${i + 1}: ink in the left margin`).toBe(0);
          expect(await scan(page), `page ${i + 1}`).toEqual([slip.orderNumber]);
        }
        expect((await inspectGlyphs(pdf)).problems).toEqual([]);
      },
      SCAN_TIMEOUT_MS,
    );
  }

  it(
    'continues a long order on further pages, each with the order number, its barcode and "Page n of N"',
    async () => {
      const slip = sampleSlip({ lines: slipLines(70) });
      const pdf = await renderPackingSlip(slip, options('zh-TW', 'A4'));
      const report = await inspectGlyphs(pdf);
      expect(report.problems).toEqual([]);
      const pages = report.pageText.length;
      expect(pages).toBeGreaterThanOrEqual(3);
      for (const [i, text] of report.pageText.entries()) {
        expect(text).toContain(slip.orderNumber);
        expect(squeeze(text)).toContain(squeeze(translate('zh-TW', 'documents.common.page', { page: i + 1, pages })));
        if (i > 0) expect(text).toContain(translate('zh-TW', 'documents.slip.continued'));
      }
      // Every SKU made it, in order, and the total counts every unit.
      const text = squeeze(report.pageText.join(''));
      let at = -1;
      for (const line of slip.lines) {
        const next = text.indexOf(line.sku, at + 1);
        expect(next, line.sku).toBeGreaterThan(at);
        at = next;
      }
      const total = slip.lines.reduce((sum, l) => sum + l.quantity, 0);
      expect(text).toContain(squeeze(translate('zh-TW', 'documents.slip.totalQuantity', { count: total })));
      const rendered = await renderPages(pdf, SCAN_DPI);
      for (const page of rendered.pages) expect(await scan(page)).toEqual([slip.orderNumber]);
    },
    SCAN_TIMEOUT_MS,
  );

  it('splits a description taller than a page between pages without losing a word', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    const slip = sampleSlip({ lines: [{ sku: 'LONG-1', description: words.join(' '), hsCode: null, quantity: 1 }], notes: null });
    const pdf = await renderPackingSlip(slip, options('en', '4x6in'));
    const text = squeeze((await inspectGlyphs(pdf)).pageText.join(''));
    let at = 0;
    for (const word of words) {
      const next = text.indexOf(word, at);
      expect(next, word).toBeGreaterThanOrEqual(at);
      at = next + word.length;
    }
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(2);
  });
});

function inkInColumns(page: RenderedLabel, from: number, to: number): number {
  let ink = 0;
  for (let y = 0; y < page.height; y++) {
    for (let x = from; x < to; x++) if (page.rgba[(y * page.width + x) * 4]! < 128) ink++;
  }
  return ink;
}

describe('packing slip refuses what it cannot print, saying what to fix', () => {
  it('names a recipient character no font has (Hebrew, emoji) instead of printing a box', async () => {
    const slip = sampleSlip({ shipTo: { ...sampleSlip().shipTo, name: 'דוד כהן 📦' } });
    const error = await renderPackingSlip(slip, options('en')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    const e = error as DocumentError;
    expect(e.problem).toBe('unprintable-text');
    expect(e.field).toBe('shipTo');
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('The ship-to address');
    expect(e.message).toContain('U+05D3 (ד)');
    expect(e.message).toContain('U+1F4E6 (📦)');
    const zh = (await renderPackingSlip(slip, options('zh-CN')).catch((x: unknown) => x)) as DocumentError;
    expect(zh.message).toContain('收件地址');
    expect(zh.message).toContain('U+05D3');
  });

  it('refuses an order number a Code 128 cannot carry', async () => {
    const error = (await renderPackingSlip(sampleSlip({ orderNumber: '订单-1' }), options('zh-TW')).catch(
      (e: unknown) => e,
    )) as DocumentError;
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.problem).toBe('barcode-value');
    expect(error.message).toContain('訂單編號');
  });

  it('refuses a quantity that is not a whole number of at least 1, naming the line', async () => {
    const lines = slipLines(3).map((l, i) => (i === 2 ? { ...l, quantity: 0 } : l));
    const error = (await renderPackingSlip(sampleSlip({ lines }), options('en')).catch((e: unknown) => e)) as DocumentError;
    expect(error.field).toBe('lines[2].quantity');
    expect(error.message).toBe('Item line 3: the quantity must be a whole number of at least 1.');
  });
});
