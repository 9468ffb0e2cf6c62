/**
 * Flex Forward client overhead against the embedded sandbox on loopback
 * (median and p99 per call, vs a bare fetch of the same URL in the same run),
 * and the shared limiter's achieved rate against the 10/s ceiling as the
 * sandbox's request log saw it.
 */
import { FlexForwardClient, SlidingWindowLimiter } from '../../electron/core/api/flexforward';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { startSandbox, DEMO_TOKEN } from '../../electron/sandbox/server';
import { sampleLabelRequest } from '../helpers/flexforward';
import { limiterWindowRuns, maxInAnyWindow, median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const SAMPLES = 400;
const RATE_CALLS = 61;
/** Simulated shipping time per real time: the whole 104 h journey is done in under half a second. */
const JOURNEY_SPEED = 1_000_000;
const JOURNEY_DONE_MS = 500;

const bench: Bench = {
  title: 'Flex Forward API client',
  async run(): Promise<BenchFigure[]> {
    const sandbox = await startSandbox({ speed: JOURNEY_SPEED });
    try {
      const unlimited = new SlidingWindowLimiter({ maxPerWindow: Number.MAX_SAFE_INTEGER });
      const client = new FlexForwardClient({
        baseUrl: () => sandbox.url,
        token: () => DEMO_TOKEN,
        limiter: unlimited,
        logger: silentLoggerFactory('bench'),
      });
      const { label } = await client.createLabel(sampleLabelRequest(), 'bench-label');
      await new Promise((resolve) => setTimeout(resolve, JOURNEY_DONE_MS));
      if ((await client.getTracking(label.id)).checkpoints.length !== 8) throw new Error('the bench label should have its full journey');
      const headers = { authorization: `Bearer ${DEMO_TOKEN}`, accept: 'application/json' };
      const bare = async (path: string) => {
        const response = await fetch(`${sandbox.url}${path}`, { headers });
        return JSON.parse(await response.text()) as unknown;
      };

      const figures: BenchFigure[] = [];
      for (const [name, path, call] of [
        ['GET /couriers', '/couriers', () => client.listCouriers()],
        ['GET /tracking (8 checkpoints)', `/tracking/${label.id}`, () => client.getTracking(label.id)],
      ] as const) {
        // Interleave so machine noise hits both sides alike.
        const baseline: number[] = [];
        const ours: number[] = [];
        for (let round = 0; round < 4; round++) {
          baseline.push(...(await timeRuns(SAMPLES / 4, () => bare(path))));
          ours.push(...(await timeRuns(SAMPLES / 4, call)));
        }
        figures.push(withBaseline(`${name} median`, median(ours), median(baseline), 'ms', 'overhead ≤ 0.5 ms'));
        figures.push(withBaseline(`${name} p99`, quantile(ours, 0.99), quantile(baseline, 0.99), 'ms'));
      }

      // The real limiter: fire everything at once, measure what the server saw.
      sandbox.clearRequests();
      const limited = new FlexForwardClient({
        baseUrl: () => sandbox.url,
        token: () => DEMO_TOKEN,
        limiter: new SlidingWindowLimiter(),
        logger: silentLoggerFactory('bench'),
      });
      await Promise.all(Array.from({ length: RATE_CALLS }, () => limited.getTracking(label.id, { priority: 'background' })));
      const arrivals = sandbox
        .requests()
        .map((r) => r.at)
        .sort((a, b) => a - b);
      const spanMs = arrivals[arrivals.length - 1]! - arrivals[0]!;
      const achieved = ((arrivals.length - 1) / spanMs) * 1_000;
      const maxInWindow = maxInAnyWindow(arrivals, 1_000);
      limiterWindowRuns.push({ bench: 'api', run: `${RATE_CALLS} calls at once`, worst: maxInWindow });
      figures.push(withBaseline('limiter achieved rate', achieved, 10, 'req/s', '≤ 10/s, close to it'));
      figures.push({ name: 'most requests in any 1 s window (server view)', value: maxInWindow, unit: 'req', goal: '≤ 10' });
      return figures;
    } finally {
      await sandbox.stop();
    }
  },
};

export default bench;
