/**
 * Scan to ship (issue 12): from a scan of a ready order to its label's bytes
 * at the CUPS queue, through the station as the pack screen drives it
 * (`scan:resolve`, then `orders:ship`: ship plan, label workflow with its
 * database writes, the sandbox over HTTP, the document, the print through a
 * private CUPS to a raw queue), 50 scans, p50 and p95. Goal: p95 ≤ 1 s.
 * Baseline: the bare API calls alone (create, get, download) against the
 * same sandbox, 50 times: what no station can go below.
 */
import { randomUUID } from 'node:crypto';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cupsAvailable, startCups, CUPS_REQUIREMENT } from '../helpers/cups';
import { sampleLabelRequest } from '../helpers/flexforward';
import { startTestStation } from '../helpers/station';
import { quantile, withBaseline, type Bench, type BenchFigure } from './harness';

const SCANS = 50;
const WARMUP = 3;

function ordersJson(count: number): string {
  return JSON.stringify({
    format: 'shipping-station.orders',
    version: 1,
    source: 'bench',
    orders: Array.from({ length: count }, (_, i) => ({
      externalId: `B-${i}`,
      orderNumber: `BENCH-${1000 + i}`,
      shipTo: {
        contact: { firstName: 'Pat', lastName: `Buyer${i}`, phone: '+1 617-555-0101' },
        address: { streetLines: [`${i} Harbour Street`], city: 'Boston', state: 'MA', postalCode: '02134', countryCode: 'US' },
      },
      currency: 'USD',
      lines: [
        { sku: 'MUG-BLU', name: 'Speckled Mug', quantity: 1 + (i % 3), unitPrice: 12.5 },
        { sku: 'TOTE-1', name: 'Tote', quantity: 1, unitPrice: 20 },
      ],
    })),
  });
}

const READY_POLL_MS = 50;
const READY_TIMEOUT_MS = 30_000;

async function untilPrinterReady(call: <T>(channel: string, args?: unknown) => Promise<T>): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const view = await call<{ status: { level: string } }>('printers:status', {});
    if (view.status.level !== 'fault') return;
    if (Date.now() > until) throw new Error(`the bench printer did not become ready: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
}

const bench: Bench = {
  title: 'scan to ship',
  async run(): Promise<BenchFigure[]> {
    if (!cupsAvailable()) {
      console.warn(`scan to ship: skipped, ${CUPS_REQUIREMENT.what} not found (${CUPS_REQUIREMENT.install})`);
      return [];
    }
    const cups = await startCups();
    // The queue before the station: the station checks the printer before it buys a label.
    const queue = await cups.addRawQueue('Bench_Zebra', { makeDefault: true });
    const t = await startTestStation({ printing: { cupsServer: cups.server } });
    try {
      const call = async <T>(channel: string, args?: unknown): Promise<T> => {
        const r = await invoke(t.station.handlers, channel, args, silentLoggerFactory('bench'));
        if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
        return r.value as T;
      };
      const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
      await call('printProfiles:save', {
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
      });
      const catalogue = readFileSync(join(import.meta.dirname, '../fixtures/orders/sku-catalogue.csv'));
      await call('skus:import', { file: { name: 'sku.csv', base64: b64(catalogue) } });
      const boxes = await call<Array<{ id: string }>>('boxes:save', {
        box: { name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: '' },
      });
      const request = sampleLabelRequest();
      await call('shipFrom:save', { address: { name: 'HK', party: request.shipment.shipFrom, makeDefault: true } });
      await call('stationDefaults:update', { courier: 'yunexpress', productCode: 'YEXP01', boxId: boxes[0]!.id });
      await call('orders:import', { file: { name: 'bench.json', base64: b64(ordersJson(SCANS + WARMUP)) } });

      const samples: number[] = [];
      for (let i = 0; i < SCANS + WARMUP; i++) {
        // A packer scans the next parcel seconds later, by which time CUPS has closed the last job; the station
        // refuses to buy a label while the queue still reports cups-waiting-for-job-completed (a fault to preflight).
        await untilPrinterReady(call);
        const before = queue.listener.deliveries.length;
        const started = performance.now();
        const scan = await call<{ kind: string; order: { id: string; status: string } }>('scan:resolve', { code: `BENCH-${1000 + i}` });
        if (scan.kind !== 'order' || scan.order.status !== 'ready')
          throw new Error(`order BENCH-${1000 + i} is not ready: ${JSON.stringify(scan)}`);
        const shipped = await call<{ label: { state: string } }>('orders:ship', { id: scan.order.id });
        if (shipped.label.state !== 'printed') throw new Error(`label not printed: ${JSON.stringify(shipped)}`);
        await queue.listener.waitForDelivery(before);
        if (i >= WARMUP) samples.push(performance.now() - started);
      }

      // The bare API calls, same sandbox, same kind of label.
      const api = t.station.flexforward;
      const bare: number[] = [];
      for (let i = 0; i < SCANS + WARMUP; i++) {
        const started = performance.now();
        const { label } = await api.createLabel(sampleLabelRequest({ orderNumber: `BARE-${i}` }), `bench-${randomUUID()}`);
        const ref = await api.getLabel(label.id);
        await api.downloadDocument(ref.url);
        if (i >= WARMUP) bare.push(performance.now() - started);
      }
      const p50 = quantile(samples, 0.5);
      const p95 = quantile(samples, 0.95);
      return [
        withBaseline('scan of a ready order to label bytes at CUPS p50', p50, quantile(bare, 0.5), 'ms', 'baseline: bare API calls p50'),
        withBaseline('scan of a ready order to label bytes at CUPS p95', p95, quantile(bare, 0.95), 'ms', 'p95 ≤ 1000 ms'),
      ];
    } finally {
      await t.dispose();
      await cups.stop();
    }
  },
};

export default bench;
