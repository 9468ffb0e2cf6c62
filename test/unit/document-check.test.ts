import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { checkLabelDocument } from '../../electron/core/api/document-check';
import { renderLabelPdf, renderLabelPng } from '../../electron/sandbox/documents/label-document';

const party = {
  name: 'Pat Buyer',
  streetLines: ['1 Main St'],
  city: 'Los Angeles',
  state: 'CA',
  postalCode: '90001',
  countryCode: 'US',
  phone: '+1 555 0100',
};
const data = {
  trackingNumber: 'YT2611220000000001',
  labelId: 'label-1',
  courierName: 'YunExpress',
  productCode: 'YEXP01',
  orderNumber: 'ORDER-1',
  from: { ...party, name: 'Ware House' },
  to: party,
  weightKg: 0.5,
  parcels: 1,
  createdAt: new Date('2026-03-15T10:00:00Z'),
};

describe('checkLabelDocument', () => {
  it('accepts the sandbox PDF (a 4×6 in page) and its 203 dpi PNG', async () => {
    const pdf = await renderLabelPdf(data);
    expect(checkLabelDocument(pdf)).toEqual({ ok: true, format: 'pdf' });
    const page = (await PDFDocument.load(pdf)).getPage(0);
    expect([page.getWidth(), page.getHeight()]).toEqual([288, 432]);
    const png = await renderLabelPng(pdf);
    expect(checkLabelDocument(png)).toEqual({ ok: true, format: 'png' });
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([812, 1218]);
  });

  it('refuses what is not a printable label, saying why', async () => {
    const pdf = await renderLabelPdf(data);
    const png = await renderLabelPng(pdf);
    expect(checkLabelDocument(new Uint8Array())).toEqual({ ok: false, reason: 'the file is empty' });
    expect(checkLabelDocument(new TextEncoder().encode('<html><body>502 Bad Gateway</body></html>'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('neither a PDF nor a PNG'),
    });
    expect(checkLabelDocument(pdf.subarray(0, pdf.length - 2000))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('truncated'),
    });
    expect(checkLabelDocument(png.subarray(0, png.length - 20))).toMatchObject({ ok: false, reason: expect.stringContaining('truncated') });
    expect(checkLabelDocument(new TextEncoder().encode('%PDF-1.7\n%%EOF'))).toEqual({ ok: false, reason: 'the PDF has no pages' });
  });
});
