/**
 * Flash Americas tracking against the embedded sandbox on loopback:
 * - refreshing many due shipments through the poller's source, batched
 *   (POST /track/shipments per tick) vs one POST /track/shipment each, in
 *   calls, in minutes of the sandbox tier's 100/min budget those calls cost,
 *   and in wall time with the limiter out of the way;
 * - reading the events feed page by page (10,000 events);
 * - the webhook receiver: signature check, parse and hand-off per delivery.
 */
import { createHmac } from 'node:crypto';
import { FlashAmericasClient } from '../../electron/core/api/flashamericas/client';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import { FlashAmericasTrackingSource } from '../../electron/core/api/flashamericas/tracking-source';
import { startWebhookReceiver } from '../../electron/core/api/flashamericas/webhook-receiver';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { FA_SANDBOX_REQUESTS_PER_MINUTE } from '../../electron/sandbox/flashamericas/router';
import { startFlashAmericasSandbox } from '../../electron/sandbox/flashamericas/server';
import { median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const SHIPMENTS = 500;
const EVENTS_PER_SHIPMENT = 20;
const WEBHOOK_POSTS = 300;
const SECRET = 'whsec_bench_secret';

const bench: Bench = {
  title: 'Flash Americas tracking',
  async run(): Promise<BenchFigure[]> {
    const sandbox = await startFlashAmericasSandbox({ autoCreate: false, requestsPerMinute: Number.MAX_SAFE_INTEGER });
    const figures: BenchFigure[] = [];
    try {
      const start = Date.now() - EVENTS_PER_SHIPMENT * 60_000;
      const numbers = Array.from({ length: SHIPMENTS }, (_, i) => `FAB${String(i).padStart(7, '0')}`);
      for (const tn of numbers) {
        sandbox.state.addShipment(
          tn,
          Array.from({ length: EVENTS_PER_SHIPMENT }, (_, k) => ({ status: 'IN_TRANSIT' as const, at: start + k * 60_000 })),
        );
      }
      const client = new FlashAmericasClient({
        hosts: () => ({ ship: sandbox.baseUrl, api: sandbox.baseUrl }),
        apiKey: () => 'test_bench',
        clock: systemClock,
        logger: silentLoggerFactory('bench'),
        limiter: new TokenBucketLimiter(systemClock, { requestsPerMinute: Number.MAX_SAFE_INTEGER, burst: Number.MAX_SAFE_INTEGER }),
      });
      const source = new FlashAmericasTrackingSource({ client, logger: silentLoggerFactory('bench') });

      // The poller starts up to 20 polls per tick; model that wave size for the batched path.
      const WAVE = 20;
      const batched = async () => {
        for (let i = 0; i < numbers.length; i += WAVE) {
          await Promise.all(numbers.slice(i, i + WAVE).map((tn) => source.getTracking(tn, { priority: 'background' })));
        }
      };
      const single = async () => {
        for (let i = 0; i < numbers.length; i += WAVE) {
          await Promise.all(numbers.slice(i, i + WAVE).map((tn) => source.getTracking(tn, { priority: 'user' })));
        }
      };
      sandbox.calls.length = 0;
      await batched();
      const batchedCalls = sandbox.calls.length;
      sandbox.calls.length = 0;
      await single();
      const singleCalls = sandbox.calls.length;
      figures.push(
        withBaseline(`API calls to refresh ${SHIPMENTS} shipments (batched vs one each)`, batchedCalls, singleCalls, 'calls', '≤ 0.1×'),
      );
      figures.push(
        withBaseline(
          `Sandbox-tier budget those calls cost (${FA_SANDBOX_REQUESTS_PER_MINUTE}/min)`,
          batchedCalls / FA_SANDBOX_REQUESTS_PER_MINUTE,
          singleCalls / FA_SANDBOX_REQUESTS_PER_MINUTE,
          'min',
        ),
      );
      const batchedMs = median(await timeRuns(5, batched, 1));
      const singleMs = median(await timeRuns(5, single, 1));
      figures.push(
        withBaseline(`Wall time to refresh ${SHIPMENTS} shipments, limiter off (batched vs one each)`, batchedMs, singleMs, 'ms'),
      );

      const feed = await timeRuns(5, () => client.eventsSince({ trackingNumbers: numbers.slice(0, 50) }), 1);
      const pages = (await client.eventsSince({ trackingNumbers: numbers.slice(0, 50) })).pagesRead;
      figures.push({
        name: `Events feed: ${50 * EVENTS_PER_SHIPMENT} events in ${pages} pages of 100 (median)`,
        value: median(feed),
        unit: 'ms',
      });

      let accepted = 0;
      const receiver = await startWebhookReceiver({
        port: 0,
        host: '127.0.0.1',
        secret: () => SECRET,
        clock: systemClock,
        logger: silentLoggerFactory('bench'),
        onEvent: async () => void accepted++,
      });
      try {
        const bodies = Array.from({ length: WEBHOOK_POSTS + 3 }, (_, i) =>
          JSON.stringify({
            eventId: `evt_bench_${i}`,
            eventType: 'shipment.in_transit',
            timestamp: new Date().toISOString(),
            data: { trackingNumber: numbers[i % SHIPMENTS], status: 'IN_TRANSIT', description: 'x'.repeat(200) },
          }),
        );
        let n = 0;
        const post = async (sign: boolean) => {
          const body = bodies[n++]!;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (sign) headers['x-flash-americas-signature'] = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
          await (await fetch(receiver.url, { method: 'POST', headers, body })).arrayBuffer();
        };
        const bareServer = await timeRuns(
          WEBHOOK_POSTS / 3,
          async () => fetch(receiver.url, { method: 'GET' }).then((r) => r.arrayBuffer()),
          3,
        );
        n = 0;
        const delivered = await timeRuns(WEBHOOK_POSTS, () => post(true), 3);
        figures.push(
          withBaseline(
            'Webhook delivery accepted (verify + parse + hand-off), p50 vs a bare 405 answer',
            median(delivered),
            median(bareServer),
            'ms',
            '≤ 2×',
          ),
        );
        figures.push({ name: 'Webhook delivery accepted, p99', value: quantile(delivered, 0.99), unit: 'ms' });
        if (accepted !== WEBHOOK_POSTS + 3) throw new Error(`receiver accepted ${accepted} of ${WEBHOOK_POSTS + 3}`);
      } finally {
        await receiver.close();
      }
    } finally {
      await sandbox.close();
    }
    return figures;
  },
};

export default bench;
