/**
 * Scan to ship end to end in core, against the real sandbox over HTTP and a
 * private CUPS: a ready order's scan ships it, the label's bytes reach the
 * queue and the order shows as printed; a second ship refuses; REPRINT goes
 * through the label's shipment. And the watched folder wired to the
 * station: a copy in progress is left alone, the finished file is imported,
 * moved to processed/ with its report beside it.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needSystem } from '../../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../../helpers/cups';
import { caller, fileArg, fixture, setUpPacking, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

type Summary = { id: string; orderNumber: string; status: string; shipmentId: string | null };

describe.runIf(RUN)('scan to ship through CUPS', () => {
  let cups: CupsInstance;
  let zebra: RawQueue;
  let t: TestStation;
  let call: Call;
  let inbox: string;

  beforeAll(async () => {
    cups = await startCups();
    zebra = await cups.addRawQueue('Bench_Zebra', { makeDefault: true });
    t = await startTestStation({ printing: { cupsServer: cups.server } });
    call = caller(t.station);
    await value(
      call('printProfiles:save', {
        profile: {
          name: 'Bench',
          mode: 'system',
          printer: 'Bench_Zebra',
          media: { preset: '4x6in' },
          dpi: 203,
          copies: 1,
          orientation: 'auto',
          findLabel: true,
          darkness: null,
        },
        makeDefault: true,
      }),
    );
    await setUpPacking(call);
    inbox = mkdtempSync(join(tmpdir(), 'station-orders-inbox-'));
  });
  afterAll(async () => {
    await t?.dispose();
    await cups?.stop();
    if (inbox) rmSync(inbox, { recursive: true, force: true });
  });

  it('ships a scanned ready order: label bytes at the queue, the order printed, a second ship refused, REPRINT reprints', async () => {
    await value(call('orders:import', { file: fileArg('orders_export.csv', fixture('shopify-orders-export.csv')) }));
    const scanned = await value(call<{ kind: string; order: Summary; next: string }>('scan:resolve', { code: '#1005' }));
    expect(scanned).toMatchObject({ kind: 'order', next: 'open', order: { status: 'ready' } });
    // A second scan of the order open on the pack screen ships it.
    expect(await value(call('scan:resolve', { code: '#1005', openOrderId: scanned.order.id }))).toMatchObject({ next: 'ship' });
    const changed: string[] = [];
    t.station.events.subscribe((e) => {
      if (e.type === 'orders:changed') changed.push(...(e.payload as { ids: string[] }).ids);
    });
    const before = zebra.listener.deliveries.length;
    const shipped = await value(
      call<{ label: { state: string; trackingNumber: string }; order: Summary }>('orders:ship', { id: scanned.order.id }),
    );
    expect(shipped.label.state).toBe('printed');
    expect(shipped.order.status).toBe('printed');
    const bytes = await zebra.listener.waitForDelivery(before);
    // The orders list hears that the order moved on (its label was made, then printed).
    await until('orders:changed for the shipped order', () => changed.includes(scanned.order.id));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The sandbox received the catalogue's items, in KG, for the order number as the shop wrote it.
    const posted = t.station
      .sandbox()!
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/labels');
    expect(posted).toHaveLength(1);

    const again = await call('orders:ship', { id: scanned.order.id });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/already labelled — scan REPRINT/) },
    });
    expect(
      t.station
        .sandbox()!
        .requests()
        .filter((r) => r.method === 'POST' && r.path === '/labels'),
    ).toHaveLength(1);
    expect(await value(call('scan:resolve', { code: '#1005' }))).toMatchObject({ kind: 'order', next: 'already-labelled' });

    const reprint = await value(call<{ outcome: string }>('labels:reprint', { shipmentId: shipped.order.shipmentId }));
    expect(reprint.outcome).toBe('printed');
    await zebra.listener.waitForDelivery(before + 1);
  });

  it('with ship on scan, a ready order ships on its first scan', async () => {
    await value(call('stationDefaults:update', { shipOnScan: true }));
    expect(await value(call('scan:resolve', { code: '#1006' }))).toMatchObject({ kind: 'order', next: 'ship' });
    await value(call('stationDefaults:update', { shipOnScan: false }));
  });

  it('imports a file dropped in the watched folder once its copy is complete, and files it with a report', async () => {
    // A folder that is not there is refused, field named, nothing saved.
    const missing = await call('stationDefaults:update', { watchedFolder: join(inbox, 'no-such-folder') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'watchedFolder' }] } });
    expect(existsSync(join(inbox, 'no-such-folder'))).toBe(false);
    await value(call('stationDefaults:update', { watchedFolder: inbox }));
    const text = fixture('shopify-orders-export-lf.csv')
      .toString('utf8')
      .replace(/#10(\d\d)/g, '#20$1')
      .replace(/58712345000/g, '58712345990');
    const half = Math.floor(text.length / 2);
    writeFileSync(join(inbox, 'today.csv'), text.slice(0, half));
    await sleep(1_200);
    // Still being written: not taken.
    expect(existsSync(join(inbox, 'today.csv'))).toBe(true);
    appendFileSync(join(inbox, 'today.csv'), text.slice(half));
    const done = await until(
      'the file in processed/',
      () => existsSync(join(inbox, 'processed', 'today.csv')) && readdirSync(join(inbox, 'processed')),
    );
    expect(done).toEqual(expect.arrayContaining(['today.csv', 'today.csv.report.txt', 'today.csv.report.json']));
    expect(readFileSync(join(inbox, 'processed', 'today.csv'), 'utf8')).toBe(text);
    const report = readFileSync(join(inbox, 'processed', 'today.csv.report.txt'), 'utf8');
    expect(report).toMatch(/9 orders imported/);
    expect(report).toMatch(/Stored: 9 new, 0 updated, 0 unchanged/);
    expect((await value(call<{ items: Summary[] }>('orders:list', { search: '#2001' }))).items.map((i) => i.orderNumber)).toEqual([
      '#2001',
    ]);
    // Not an order file: failed/, with the reason.
    writeFileSync(join(inbox, 'notes.csv'), 'hello,world\n1,2\n');
    await until('the bad file in failed/', () => existsSync(join(inbox, 'failed', 'notes.csv.report.txt')));
    expect(readFileSync(join(inbox, 'failed', 'notes.csv.report.txt'), 'utf8')).toMatch(/nothing was imported/);
    await value(call('stationDefaults:update', { watchedFolder: null }));
  });
});
