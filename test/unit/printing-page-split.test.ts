/**
 * Sorting a label document's pages for their printers, on carrier documents from the corpus: the pages that are
 * labels and the pages that are documents (an invoice delivered with the label), each part a PDF of the original
 * pages; a document of one kind is handed back untouched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyPages, countPages, splitByKind } from '../../electron/core/printing/page-split';
import type { LabelDocument } from '../../electron/core/printing/document';

const FIXTURES = join(import.meta.dirname, '../fixtures/labels');
const fixture = (file: string): LabelDocument => ({
  bytes: readFileSync(join(FIXTURES, file)),
  format: file.endsWith('.png') ? 'png' : 'pdf',
});

async function sizes(doc: LabelDocument | null): Promise<string[]> {
  if (!doc) return [];
  return (await PDFDocument.load(doc.bytes)).getPages().map((p) => `${Math.round(p.getWidth())}x${Math.round(p.getHeight())}`);
}

describe('page split', () => {
  let invoiceAfterLabel: LabelDocument;
  beforeAll(async () => {
    // Invoice, label, invoice: the carrier's order is kept within each part.
    const out = await PDFDocument.create();
    for (const file of ['dhl-express-commercial-invoice-190x275mm.pdf', 'usps-4x6.pdf', 'fedex-commercial-invoice-letter.pdf']) {
      const source = await PDFDocument.load(readFileSync(join(FIXTURES, file)));
      for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
    }
    invoiceAfterLabel = { bytes: await out.save(), format: 'pdf' };
  }, 30_000);

  it.each([
    ['usps-4x6.pdf', ['label']],
    ['fedex-4x6-3pages.pdf', ['label', 'label', 'label']],
    ['dhl-express-a4-landscape-2pages.pdf', ['label', 'label']],
    ['fedex-commercial-invoice-letter.pdf', ['document']],
    ['ups-invoice-letter-3pages.pdf', ['document', 'document', 'document']],
    ['ups-1400x800.png', ['label']],
  ])(
    '%s: %j',
    async (file, kinds) => {
      expect(await classifyPages(fixture(file))).toEqual(kinds);
    },
    30_000,
  );

  it('a label with invoices around it: the label page on its own, the invoice pages together, each whole', async () => {
    const split = await splitByKind(invoiceAfterLabel);
    expect(split).toMatchObject({ labelPages: [2], documentPages: [1, 3] });
    expect(await sizes(split.labels)).toEqual(['288x432']);
    expect(await sizes(split.documents)).toEqual(['539x780', '612x792']);
    expect(await classifyPages(split.labels!)).toEqual(['label']);
    expect(await classifyPages(split.documents!)).toEqual(['document', 'document']);
  }, 30_000);

  it('a document of one kind comes back as it was, byte for byte', async () => {
    const labels = fixture('dhl-express-a4-landscape-2pages.pdf');
    expect(await splitByKind(labels)).toEqual({ labels, documents: null, labelPages: [1, 2], documentPages: [] });
    const invoice = fixture('fedex-commercial-invoice-letter.pdf');
    expect(await splitByKind(invoice)).toEqual({ labels: null, documents: invoice, labelPages: [], documentPages: [1] });
  }, 30_000);

  it('counts pages without drawing them (a one-page label is never split, so never looked at twice)', async () => {
    expect(await countPages(fixture('usps-4x6.pdf'))).toBe(1);
    expect(await countPages(fixture('fedex-4x6-3pages.pdf'))).toBe(3);
    expect(await countPages(fixture('ups-1400x800.png'))).toBe(1);
    expect(await countPages(invoiceAfterLabel)).toBe(3);
  });

  it('a cut-off download is refused with what to do, before anything is split', async () => {
    const whole = fixture('usps-4x6.pdf');
    await expect(splitByKind({ bytes: whole.bytes.subarray(0, 2000), format: 'pdf' })).rejects.toThrow(/cut short.*download/);
  });
});
