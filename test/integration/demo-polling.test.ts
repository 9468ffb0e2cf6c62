/**
 * Demo mode shows what the product is for: on the embedded sandbox (a day of
 * shipping in four minutes) a new label moves and the packer is told, within
 * minutes and without pressing Refresh, because the poll schedule runs at the
 * sandbox's speed. A station pointed at any other endpoint keeps the live
 * intervals and the 15-minute floor, even when that server is a fast sandbox.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationEvent } from '../../shared/contract';
import type { ShipmentDetail } from '../../shared/domain/shipment-detail';
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { DEMO_SPEED } from '../../electron/sandbox/flexforward/tracking-sim';
import { startSandbox, type Sandbox } from '../../electron/sandbox/server';
import { sampleLabelInput } from '../helpers/flexforward';
import { ManualClock } from '../helpers/manual-clock';
import { startTestStation, type TestStation } from '../helpers/station';

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const log = silentLoggerFactory('test');

let t: TestStation | null = null;
let elsewhere: Sandbox | null = null;
afterEach(async () => {
  await t?.dispose();
  await elsewhere?.stop();
  t = null;
  elsewhere = null;
});

async function call<T>(channel: string, args?: unknown): Promise<T> {
  const r = await invoke(t!.station.handlers, channel, args, log);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Moves the station's clock in steps, letting real I/O (HTTP to the sandbox) run between. */
async function runFor(clock: ManualClock, ms: number, stepMs = SEC): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    await clock.tick(Math.min(stepMs, ms - done));
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('demo mode polling', () => {
  it('a new label moves and the packer is told within four minutes, with nobody pressing Refresh', async () => {
    const clock = new ManualClock();
    t = await startTestStation({ clock });
    t.store.update({ autoPrint: false });
    const events: StationEvent[] = [];
    t.station.events.subscribe((e) => events.push(e));

    const created = await call<{ shipmentId: string }>('labels:create', sampleLabelInput({ orderNumber: 'DEMO-1' }));
    const at = clock.now();
    const first = await call<ShipmentDetail>('shipments:get', { id: created.shipmentId });
    // Pending polls after 4–6 h of sandbox time: 40–60 s at the demo speed, not 4 h.
    const firstDelay = Date.parse(first.tracking!.nextPollAt!) - at;
    expect(firstDelay).toBeGreaterThanOrEqual((4 * HOUR) / DEMO_SPEED);
    expect(firstDelay).toBeLessThanOrEqual((6 * HOUR) / DEMO_SPEED);

    // A Flash Americas number tracked in demo mode gets the same schedule.
    const fa = await call<{ id: string; tag: string }>('shipments:track', { provider: 'flashamericas', trackingNumber: 'FA7788990011' });
    const faDetail = await call<ShipmentDetail>('shipments:get', { id: fa.id });
    expect(Date.parse(faDetail.tracking!.nextPollAt!) - clock.now()).toBeLessThanOrEqual((6 * HOUR) / DEMO_SPEED);

    await runFor(clock, 4 * MIN, 2 * SEC);
    await vi.waitFor(async () => {
      const detail = await call<ShipmentDetail>('shipments:get', { id: created.shipmentId });
      // Shipment information at 2 h and the acceptance scan at 10 h of sandbox time: 20 s and 100 s here.
      expect(detail.tracking!.tag).toBe('InTransit');
    });
    const notified = events.filter((e) => e.type === 'tracking:notified').map((e) => e.payload as { facts: unknown; tag: string | null });
    expect(notified.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(notified)).toContain('DEMO-1');
    // The Flash Americas shipment was polled again by the poller on its own.
    const faAfter = await call<ShipmentDetail>('shipments:get', { id: fa.id });
    expect(Date.parse(faAfter.tracking!.lastPolledAt!)).toBeGreaterThan(Date.parse(faDetail.tracking!.lastPolledAt!));
  });
});

describe('live polling on any other endpoint', () => {
  it('a custom endpoint keeps the 4–6 h first poll and the 15-minute refresh floor, even when the server is a fast sandbox', async () => {
    const clock = new ManualClock();
    elsewhere = await startSandbox({ tokens: ['live-token'], speed: DEMO_SPEED, now: () => clock.now() });
    t = await startTestStation({
      clock,
      token: 'live-token',
      settings: {
        environment: 'custom',
        customBaseUrl: elsewhere.url,
        autoPrint: false,
        // The stand-in courier host is on loopback: listed, as an admin would list a LAN label server.
        privateDocumentHosts: [new URL(elsewhere.url).host],
      },
    });
    expect(t.station.endpoint().environment).toBe('custom');

    const created = await call<{ shipmentId: string }>('labels:create', sampleLabelInput({ orderNumber: 'LIVE-1' }));
    const at = clock.now();
    const first = await call<ShipmentDetail>('shipments:get', { id: created.shipmentId });
    const firstDelay = Date.parse(first.tracking!.nextPollAt!) - at;
    expect(firstDelay).toBeGreaterThanOrEqual(4 * HOUR);
    expect(firstDelay).toBeLessThanOrEqual(6 * HOUR);

    await runFor(clock, 4 * MIN, 10 * SEC);
    expect(elsewhere.requests().filter((r) => r.path.startsWith('/tracking'))).toEqual([]);
    expect((await call<ShipmentDetail>('shipments:get', { id: created.shipmentId })).tracking!.tag).toBe('Pending');

    // The refresh floor: a packer's asked-for poll, then nothing under 15 minutes unless forced.
    expect(await call('tracking:refresh', { id: created.shipmentId, force: true })).toMatchObject({ polled: true });
    await runFor(clock, 15 * MIN - SEC, MIN);
    expect(await call('tracking:refresh', { id: created.shipmentId })).toMatchObject({
      polled: false,
      message: expect.stringContaining('15 minutes'),
    });
    await runFor(clock, SEC);
    expect(await call('tracking:refresh', { id: created.shipmentId })).toMatchObject({ polled: true });
  });
});
