/**
 * The end-of-day documents as a driver and a clerk get them: pdftoppm renders
 * the handover list, ZXing must read every tracking number's Code 128 off the
 * pages (each once, nothing else), the text reads back, and every glyph is
 * the font's own (test/helpers/pdf-check.ts).
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../electron/core/documents/errors';
import { formatDateTime, localDayRange } from '../../electron/core/documents/format';
import { buildHandoverList, renderHandoverPdf } from '../../electron/core/documents/handover';
import { buildPackerReport, renderPackerReportPdf } from '../../electron/core/documents/packer-report';
import type { DocumentOptions, HandoverList, PaperSize } from '../../electron/core/documents/types';
import type { Language } from '../../shared/domain/settings';
import { translate } from '../../shared/i18n';
import { needSystem } from '../helpers/ci';
import { handoverRecords } from '../helpers/document-data';
import { inspectGlyphs, pdfFonts, pdfText, popplerAvailable, POPPLER_REQUIREMENT, renderPages, squeeze } from '../helpers/pdf-check';
import { readBarcodesFrom } from '../helpers/zpl-check';

/** Rendering pages with pdftoppm and scanning them takes seconds each; generous for a busy CI machine. */
const SCAN_TIMEOUT_MS = 120_000;
const RUN = needSystem(popplerAvailable(), POPPLER_REQUIREMENT.what, POPPLER_REQUIREMENT.install);
const TZ = 'Asia/Shanghai';
const DAY = localDayRange('2026-03-01', TZ);
const NOW = new Date('2026-03-01T10:30:00Z');
/** Sheets: 0.33 mm bars are 2 pixels at 150 dpi. A 4×6 label is rendered at its thermal printer's 203 dpi, dot for dot. */
const SHEET_DPI = 150;
const LABEL_DPI = 203;
/** More than a page holds, so every courier's list runs over two pages. */
const LABELS = 48;

function options(language: Language, paper: PaperSize): DocumentOptions {
  return { language, paper, timeZone: TZ, now: NOW };
}

function trackingNumbers(list: HandoverList): string[] {
  return list.couriers.flatMap((c) => c.labels.map((l) => l.trackingNumber));
}

/** Every Code 128 on every page, in page order. */
async function scanAll(pdf: Uint8Array, dpi: number): Promise<string[][]> {
  const { pages, stderr } = await renderPages(pdf, dpi);
  expect(stderr).toBe('');
  const out: string[][] = [];
  for (const page of pages) out.push((await readBarcodesFrom(page, 64)).filter((r) => r.format === 'Code128').map((r) => r.text));
  return out;
}

describe.runIf(RUN)('courier handover list (PDF)', () => {
  const records = handoverRecords(LABELS + 8, DAY.from, { everyMs: 12 * 60_000, voidEvery: 7 });
  const list = buildHandoverList(records, { station: 'Bench 3 三号台', range: DAY });

  describe('A4, zh-CN', () => {
    let pdf: Uint8Array;
    beforeAll(async () => {
      pdf = await renderHandoverPdf(list, options('zh-CN', 'A4'));
    });

    it(
      'every tracking number’s barcode decodes, each exactly once, and no voided label’s does',
      async () => {
        const scanned = (await scanAll(pdf, SHEET_DPI)).flat();
        expect(scanned.sort()).toEqual(trackingNumbers(list).sort());
        const voided = records.filter((r) => r.voided).map((r) => r.trackingNumber);
        expect(voided.length).toBeGreaterThan(0);
        for (const v of voided) expect(scanned).not.toContain(v);
      },
      SCAN_TIMEOUT_MS,
    );

    it('gives each courier its own pages, numbered from 1, with its totals and the lines a driver signs', async () => {
      const report = await inspectGlyphs(pdf);
      expect(report.problems).toEqual([]);
      const pageCourier = report.pageText.map((text) =>
        list.couriers.find((c) =>
          squeeze(text).includes(squeeze(translate('zh-CN', 'documents.handover.courier', { courier: c.courierName }))),
        )!,
      );
      for (const courier of list.couriers) {
        const pages = report.pageText.filter((_, i) => pageCourier[i] === courier);
        expect(pages.length, courier.courierName).toBeGreaterThanOrEqual(2);
        pages.forEach((text, i) =>
          expect(squeeze(text)).toContain(squeeze(translate('zh-CN', 'documents.common.page', { page: i + 1, pages: pages.length }))),
        );
        const last = squeeze(pages.at(-1)!);
        for (const key of ['totals', 'handedOverBy', 'driverName', 'driverSignature', 'parcelsReceived', 'dateTime']) {
          expect(last).toContain(squeeze(translate('zh-CN', `documents.handover.${key}`)));
        }
        // Totals: labels, parcels, weight as the list has them.
        expect(last).toContain(`${squeeze(translate('zh-CN', 'documents.handover.totalLabels'))}${courier.totals.labels}`);
        expect(last).toContain(`${squeeze(translate('zh-CN', 'documents.handover.totalParcels'))}${courier.totals.parcels}`);
        expect(last).toContain(`${squeeze(translate('zh-CN', 'documents.handover.totalWeight'))}${courier.totals.weightKg.toFixed(3)}`);
        // Every label of this courier, in order, with its order number.
        const all = squeeze(pages.join(''));
        let at = 0;
        for (const label of courier.labels) {
          const next = all.indexOf(label.trackingNumber, at);
          expect(next, label.trackingNumber).toBeGreaterThanOrEqual(at);
          at = next + label.trackingNumber.length;
          if (label.orderNumber) expect(all).toContain(label.orderNumber);
        }
      }
      expect(squeeze(report.pageText[0]!)).toContain(
        squeeze(translate('zh-CN', 'documents.common.printed', { time: formatDateTime(NOW, TZ) })),
      );
    });

    it('reads back with pdftotext, embedded subset fonts only', async () => {
      const text = squeeze(await pdfText(pdf));
      for (const n of trackingNumbers(list)) expect(text).toContain(n);
      expect(text).toContain(squeeze('Bench 3 三号台'));
      for (const font of await pdfFonts(pdf)) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    });
  });

  it(
    'zh-TW on Letter: every glyph real, every barcode decodes, pages 612 × 792 pt',
    async () => {
      const pdf = await renderHandoverPdf(list, options('zh-TW', 'Letter'));
      expect((await inspectGlyphs(pdf)).problems).toEqual([]);
      for (const page of (await PDFDocument.load(pdf)).getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([612, 792]);
      expect((await scanAll(pdf, SHEET_DPI)).flat().sort()).toEqual(trackingNumbers(list).sort());
      expect(squeeze(await pdfText(pdf))).toContain(squeeze(translate('zh-TW', 'documents.handover.title')));
    },
    SCAN_TIMEOUT_MS,
  );

  it(
    'on a 4×6 label the order and time go under the barcode, and every barcode still decodes at 203 dpi',
    async () => {
      const small = buildHandoverList(records.slice(0, 15), { station: 'Bench 3', range: DAY });
      const pdf = await renderHandoverPdf(small, options('en', '4x6in'));
      expect((await inspectGlyphs(pdf)).problems).toEqual([]);
      for (const page of (await PDFDocument.load(pdf)).getPages()) expect([page.getWidth(), page.getHeight()]).toEqual([288, 432]);
      expect((await scanAll(pdf, LABEL_DPI)).flat().sort()).toEqual(trackingNumbers(small).sort());
      const text = squeeze(await pdfText(pdf));
      for (const label of small.couriers.flatMap((c) => c.labels)) if (label.orderNumber) expect(text).toContain(label.orderNumber);
    },
    SCAN_TIMEOUT_MS,
  );

  it('says so when nothing was created in the range', async () => {
    const empty = buildHandoverList(records, { station: 'Bench 3', range: localDayRange('2026-03-05', TZ) });
    const pdf = await renderHandoverPdf(empty, options('en', 'A4'));
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(squeeze(await pdfText(pdf))).toContain(squeeze('No labels were created in this range.'));
    expect((await scanAll(pdf, SHEET_DPI)).flat()).toEqual([]);
  });
});

describe('handover list refuses what a driver could not scan or trust', () => {
  const records = handoverRecords(3, DAY.from);

  it('a tracking number a Code 128 cannot carry, naming the label', async () => {
    const list = buildHandoverList([{ ...records[0]!, trackingNumber: 'YT１２３' }, records[1]!], { station: 'B', range: DAY });
    const error = (await renderHandoverPdf(list, options('en', 'A4')).catch((e: unknown) => e)) as DocumentError;
    expect(error).toBeInstanceOf(DocumentError);
    expect(error.problem).toBe('barcode-value');
    expect(error.field).toBe('labels[1].trackingNumber');
    expect(error.message).toBe(
      'The tracking number “YT１２３” cannot be a Code 128 barcode: it may hold only ASCII letters, digits, spaces and symbols.',
    );
  });

  it('a range that ends before it starts, and a parcel count of 0', async () => {
    const backwards = buildHandoverList(records, { station: 'B', range: { from: DAY.to, to: DAY.from } });
    await expect(renderHandoverPdf(backwards, options('zh-CN', 'A4'))).rejects.toThrow('时间范围：结束时间必须晚于开始时间。');
    const zero = buildHandoverList([{ ...records[0]!, parcels: 0 }], { station: 'B', range: DAY });
    await expect(renderHandoverPdf(zero, options('en', 'A4'))).rejects.toThrow(
      `The label ${records[0]!.trackingNumber}: the number of parcels must be a whole number of at least 1.`,
    );
  });
});

describe.runIf(RUN)('labels per packer (PDF)', () => {
  it('lists every packer with counts, nobody-on-duty by name of its own, every glyph real', async () => {
    const records = handoverRecords(40, DAY.from, { everyMs: 10 * 60_000, voidEvery: 5 });
    const report = buildPackerReport(records, { station: 'Bench 3', range: DAY });
    const pdf = await renderPackerReportPdf(report, options('zh-TW', 'A4'));
    expect((await inspectGlyphs(pdf)).problems).toEqual([]);
    const text = squeeze(await pdfText(pdf));
    expect(text).toContain(squeeze(translate('zh-TW', 'documents.packers.title')));
    expect(text).toContain(squeeze(translate('zh-TW', 'documents.packers.noPacker')));
    for (const row of report.packers) {
      if (row.packer) expect(text).toContain(squeeze(row.packer));
      expect(text).toContain(
        `${squeeze(row.packer ?? translate('zh-TW', 'documents.packers.noPacker'))}${row.labels}${row.voided}${row.parcels}`,
      );
    }
    expect(text).toContain(
      `${translate('zh-TW', 'documents.packers.total')}${report.totals.labels}${report.totals.voided}${report.totals.parcels}`,
    );
  });
});
