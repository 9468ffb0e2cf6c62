/**
 * A newcomer in demo mode (no token) gets a real, scannable airway bill: the
 * station's own client against its in-process sandbox, the PDF rendered by
 * poppler as a printer driver would, the barcode read back by ZXing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { needSystem } from '../helpers/ci';
import { startTestStation, type TestStation } from '../helpers/station';
import { sampleLabelRequest } from '../helpers/flexforward';

const require = createRequire(import.meta.url);
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

let t: TestStation;
let work: string;

beforeAll(async () => {
  // The WASM comes from the package itself, never from a CDN.
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  t = await startTestStation();
  work = mkdtempSync(join(tmpdir(), 'label-scan-'));
});
afterAll(async () => {
  await t.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function scan(png: Uint8Array): Promise<string[]> {
  const results = await readBarcodes(png, { formats: ['Code128'], tryHarder: true });
  return results.map((r) => r.text);
}

describe('demo label', () => {
  it('runs on the embedded sandbox without a token', () => {
    const sandbox = t.station.sandbox();
    expect(sandbox).not.toBeNull();
    expect(t.station.endpoint()).toEqual({ environment: 'sandbox', baseUrl: sandbox!.url });
  });

  it('is a 4×6 in PDF whose Code 128 barcode scans as the tracking number', async () => {
    if (!needSystem(hasPdftoppm, 'pdftoppm', 'apt-get install poppler-utils')) return;
    const api = t.station.flexforward;
    const { label } = await api.createLabel(sampleLabelRequest({ orderNumber: 'DEMO-1' }), 'demo-scan-pdf');
    const document = await api.downloadDocument((await api.getLabel(label.id)).url);
    expect(document.format).toBe('pdf');
    const pdfPath = join(work, 'label.pdf');
    writeFileSync(pdfPath, document.bytes);
    const info = execFileSync('pdfinfo', [pdfPath]).toString();
    expect(info).toMatch(/Page size:\s+288 x 432 pts/);
    execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', pdfPath, join(work, 'label')]);
    const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
    expect(text).toContain('DEMO-1');
    expect(text).toContain('Los Angeles CA 90001');
    expect(text).toContain('8 Cargo Road');
    expect(await scan(readFileSync(join(work, 'label.png')))).toEqual([label.courierTrackingNumber]);
  });

  it('comes as a 203 dpi PNG that scans too when the label format asks for PNG', async () => {
    const api = t.station.flexforward;
    const { label } = await api.createLabel(sampleLabelRequest({ format: 'PNG' }), 'demo-scan-png');
    const document = await api.downloadDocument((await api.getLabel(label.id)).url);
    expect(document.format).toBe('png');
    expect(await scan(document.bytes)).toEqual([label.courierTrackingNumber]);
  });

  it('lists couriers and products through the contract, and stops the sandbox with the station', async () => {
    expect(await t.station.handlers['catalog:couriers']()).toEqual([{ code: 'yunexpress', name: 'YunExpress' }]);
    const products = await t.station.handlers['catalog:products']({ courier: 'yunexpress' });
    expect(products.map((p) => p.code)).toEqual(expect.arrayContaining(['YEXP01', 'HKMUZXR']));
    const url = t.station.sandbox()!.url;
    const other = await startTestStation();
    const otherUrl = other.station.sandbox()!.url;
    expect(otherUrl).not.toBe(url);
    await other.dispose();
    expect(other.station.sandbox()).toBeNull();
    await expect(fetch(`${otherUrl}/couriers`)).rejects.toThrow();
  });
});
