/**
 * A large order file through browser mode, as the import screen sends it:
 * the whole file in one call is over the 1 MB body limit (413), so it goes
 * in pieces with imports:upload over HTTP, a piece sent twice is taken once,
 * and orders:import names the upload; the upload is gone afterwards.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startBrowserServer, type BrowserServer } from '../../../electron/browser/server';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { MAX_INLINE_FILE_BASE64_CHARS } from '../../../shared/domain/order-desk';
import { fixture } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';

let t: TestStation;
let server: BrowserServer;
let staticDir: string;
beforeAll(async () => {
  t = await startTestStation({ settings: { autoPrint: false } });
  staticDir = mkdtempSync(join(tmpdir(), 'static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Shipping Station</title>');
  server = await startBrowserServer({ station: t.station, staticDir, logger: silentLoggerFactory('browser') });
});
afterAll(async () => {
  await server?.close();
  await t?.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const post = (channel: string, args: unknown) =>
  fetch(`${server.origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ args }),
  });

/** A Shopify export of about 2 MB: the fixture's orders renumbered many times over. */
function bigExport(): Buffer {
  const text = fixture('shopify-orders-export-lf.csv').toString('utf8');
  const [header, ...rows] = text.split('\n');
  const body = rows.join('\n');
  const copies: string[] = [header!];
  for (let n = 0; copies.join('\n').length < 2_000_000; n++) {
    copies.push(
      body
        .replace(/#10(\d\d)/g, `#${n + 3}0$1`)
        .replace(/58712345000(\d\d)/g, `5871${String(n).padStart(4, '0')}000$1`)
        .trimEnd(),
    );
  }
  return Buffer.from(copies.join('\n') + '\n');
}

it('imports a 2 MB export sent in pieces over HTTP, each under the body limit', async () => {
  const file = bigExport();
  const whole = await post('orders:import', { file: { name: 'big.csv', base64: file.toString('base64') } });
  expect(whole.status).toBe(413);

  const pieceBytes = Math.floor((MAX_INLINE_FILE_BASE64_CHARS / 4) * 3);
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.length; offset += pieceBytes) {
    const piece = file.subarray(offset, offset + pieceBytes).toString('base64');
    const body = { ...(uploadId ? { uploadId } : {}), offset, base64: piece };
    expect(JSON.stringify({ args: body }).length).toBeLessThan(MAX_BODY_BYTES);
    const r = (await (await post('imports:upload', body)).json()) as { ok: true; value: { uploadId: string; size: number } };
    expect(r).toMatchObject({ ok: true, value: { size: Math.min(offset + pieceBytes, file.length) } });
    uploadId = r.value.uploadId;
    if (offset === 0) {
      // The same piece again (a retried call): taken once.
      const again = (await (await post('imports:upload', { uploadId, offset, base64: piece })).json()) as { value: { size: number } };
      expect(again.value.size).toBe(pieceBytes);
    }
  }
  const imported = (await (await post('orders:import', { file: { name: 'big.csv', uploadId } })).json()) as {
    ok: boolean;
    value: { report: { accepted: boolean; rows: number }; stored: { created: number } };
  };
  expect(imported.ok).toBe(true);
  expect(imported.value.report.accepted).toBe(true);
  expect(imported.value.stored.created).toBeGreaterThan(1_000);
  expect(readdirSync(join(t.dataDir, 'uploads'))).toEqual([]);
  const gone = (await (await post('orders:import', { file: { name: 'big.csv', uploadId } })).json()) as {
    ok: boolean;
    error: { code: string };
  };
  expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
