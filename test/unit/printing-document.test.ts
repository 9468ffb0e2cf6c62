/** Label documents are checked before anything is fitted or spooled; each refusal says what went wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../electron/core/printing/document';

const png = readFileSync(join(import.meta.dirname, '../fixtures/labels/ups-1400x800.png'));
const pdf = readFileSync(join(import.meta.dirname, '../fixtures/labels/usps-4x6.pdf'));

describe('checkDocument', () => {
  it('accepts whole PDFs and PNGs, including a PNG with padding after its end chunk', () => {
    expect(checkDocument({ bytes: pdf, format: 'pdf' })).toBe('pdf');
    expect(checkDocument({ bytes: png, format: 'png' })).toBe('png');
    expect(checkDocument({ bytes: Buffer.concat([png, Buffer.alloc(16)]), format: 'png' })).toBe('png');
  });
  it('refuses a download cut short', () => {
    expect(() => checkDocument({ bytes: png.subarray(0, png.length - 100), format: 'png' })).toThrow(/cut short.*download/);
    expect(() => checkDocument({ bytes: pdf.subarray(0, pdf.length - 3000), format: 'pdf' })).toThrow(/cut short/);
  });
  it('refuses a document that is not what it claims, and says what it is', () => {
    expect(() => checkDocument({ bytes: pdf, format: 'png' })).toThrow(/is a PDF, not the PNG/);
    expect(() => checkDocument({ bytes: png, format: 'pdf' })).toThrow(/is a PNG image, not the PDF/);
    expect(() => checkDocument({ bytes: Buffer.from('{"error":"not found"}'), format: 'pdf' })).toThrow(/not a PDF/);
  });
  it('every refusal is a DOCUMENT failure that keeps the label and says how to get it printed', () => {
    try {
      checkDocument({ bytes: new Uint8Array(0), format: 'pdf' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'DOCUMENT' });
      expect((e as Error).message).toMatch(/empty.*The label is saved.*reprint/);
    }
  });
});
