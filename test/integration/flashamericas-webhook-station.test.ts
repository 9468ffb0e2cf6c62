/**
 * The optional webhook receiver inside a running station: a signed delivery
 * from the sandbox for a tracked shipment goes through the same pipeline as
 * a poll (store, list, notification); a badly signed one changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlashAmericasClient } from '../../electron/core/api/flashamericas/client';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import { FA_DEMO_KEY, FA_SANDBOX_PATH } from '../../electron/core/api/flashamericas/station-parts';
import { MemorySettingsStore } from '../../electron/core/settings/types';
import type { Station } from '../../electron/core/station';
import { NOTIFY_COALESCE_WINDOW_MS } from '../../electron/core/tracking/notifications';
import { silentLoggerFactory } from '../../electron/core/util/log';
import type { StationEvent } from '../../shared/contract';
import type { ShipmentSummary } from '../../shared/domain/shipment';
import { ManualClock } from '../helpers/manual-clock';
import { startTestStation, type TestStation } from '../helpers/station';

const SECRET = 'whsec_station_webhook_secret';
let clock: ManualClock;
let station: Station;
let ts: TestStation;
const events: StationEvent[] = [];

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  const store = Object.assign(new MemorySettingsStore(), { getFlashAmericasWebhookSecret: () => SECRET });
  ts = await startTestStation({ store, clock, flashAmericasWebhook: { port: 0, host: '127.0.0.1' } });
  station = ts.station;
  station.events.subscribe((e) => events.push(e));
});

afterAll(async () => {
  await ts.dispose();
});

/** Waits for what the station will do on its own; the deadline only catches "never" (a loaded machine is slow). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  if (!(await check())) throw new Error('condition not met');
}

const row = async (id: string) =>
  (await station.handlers['shipments:list']({ sort: 'activity_desc', offset: 0, limit: 100 })).items.find((s) => s.id === id);

function sandboxClient(): FlashAmericasClient {
  const base = `${station.sandbox()!.url}${FA_SANDBOX_PATH}`;
  return new FlashAmericasClient({
    hosts: () => ({ ship: base, api: base }),
    apiKey: () => FA_DEMO_KEY,
    clock,
    logger: silentLoggerFactory('test'),
    limiter: new TokenBucketLimiter(clock, { requestsPerMinute: 90, burst: 10 }),
  });
}

describe('Flash Americas webhooks into a running station', () => {
  let tracked: ShipmentSummary;

  it('is off unless configured, and listens on its own port when it is', () => {
    const url = station.flashAmericasWebhookUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/flashamericas$/);
    expect(new URL(url!).port).not.toBe(new URL(station.sandbox()!.url).port);
  });

  it('a signed delivery moves a tracked shipment and notifies, without waiting for the next poll', async () => {
    station.flashAmericasSandbox.state.addShipment('FA88880001', [{ status: 'IN_TRANSIT', at: clock.now() - 3_600_000 }]);
    tracked = await station.handlers['shipments:track']({ provider: 'flashamericas', trackingNumber: 'FA88880001' });
    expect(tracked.tag).toBe('InTransit');
    await sandboxClient().configureWebhook({ url: station.flashAmericasWebhookUrl()!, events: ['shipment.delivered'], secret: SECRET });

    station.flashAmericasSandbox.state.addEvent('FA88880001', { status: 'DELIVERED', recipient: 'R. ROE' });
    await station.flashAmericasSandbox.settled();
    // The delivery made the shipment due now: the poller's timer fires at this very instant.
    await until(async () => {
      clock.advance(0);
      return (await row(tracked.id))?.tag === 'Delivered';
    });
    clock.advance(NOTIFY_COALESCE_WINDOW_MS);
    await until(() => events.some((e) => e.type === 'tracking:notified'));
    expect(events.filter((e) => e.type === 'tracking:notified').map((e) => e.payload)).toEqual([
      {
        title: 'Delivered',
        body: 'FA88880001 was delivered.',
        facts: { kind: 'change', trackingNumber: 'FA88880001', orderNumber: null, recipientName: null, detail: null },
        shipmentId: tracked.id,
        tag: 'Delivered',
      },
    ]);
  });

  it('a delivery signed with another secret changes nothing', async () => {
    station.flashAmericasSandbox.state.addShipment('FA88880002', [{ status: 'IN_TRANSIT', at: clock.now() - 3_600_000 }]);
    const other = await station.handlers['shipments:track']({ provider: 'flashamericas', trackingNumber: 'FA88880002' });
    await sandboxClient().configureWebhook({
      url: station.flashAmericasWebhookUrl()!,
      events: ['shipment.exception'],
      secret: 'not-the-station-secret',
    });
    const readBacks = () => station.flashAmericasSandbox.calls.filter((c) => c === 'POST /track/shipment').length;
    const before = readBacks();
    station.flashAmericasSandbox.state.addEvent('FA88880002', {
      status: 'EXCEPTION',
      exceptionCode: '004',
      exceptionReason: 'WEATHER_DELAY',
    });
    // Only the badly signed subscription covers exceptions; the sandbox retries it and gives up.
    await station.flashAmericasSandbox.settled();
    // Had the receiver accepted it, the shipment would be due now and this instant would poll it.
    clock.advance(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(readBacks()).toBe(before);
    expect((await row(other.id))?.tag).toBe('InTransit');
  });
});
