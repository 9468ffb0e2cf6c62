/**
 * Waves (issue 13): a wave of 500 ready orders through a whole station and
 * its demo sandbox, once as the sandbox answers (0 ms added) and once with
 * 100 ms added to every answer. The figure is labels per second against the
 * ceiling the real limiter allows: it holds each slot until 1 s after its
 * request finished, so at most 10 / (1 + L) requests a second go out at L
 * seconds of latency, and a label takes two (create, then read its document
 * link; the document itself comes from the courier's host, outside the
 * limit). Goal: ≥ 0.9 of that ceiling. Also: the worst 1 s window the
 * sandbox saw (fed to run.ts's "limiter worst 1 s window"), and the memory of
 * the process during the wave (RSS and heap peaks; the sandbox runs in the
 * same process, so these are an upper bound for the station).
 *
 * Labels are not printed here (auto-print off): printing has its own bench,
 * and the wave's pace at the bench is the API's.
 */
import { invoke } from '../../electron/core/invoke';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { API_MAX_REQUESTS_PER_WINDOW, API_RATE_WINDOW_MS } from '../../electron/core/api/rate-limiter';
import type { WaveView } from '../../shared/domain/waves';
import { fileOf, setUpPackingPlain } from '../helpers/packing-setup';
import { startTestStation } from '../helpers/station';
import { waveOrdersJson } from '../helpers/wave-orders';
import { limiterWindowRuns, maxInAnyWindow, withBaseline, type Bench, type BenchFigure } from './harness';

/** WAVES_BENCH_ORDERS / WAVES_BENCH_LATENCIES (comma-separated ms) narrow a run while tuning; the figures are named from them. */
const ORDERS = Number(process.env.WAVES_BENCH_ORDERS ?? 500);
const LATENCIES_MS = (process.env.WAVES_BENCH_LATENCIES ?? '0,100').split(',').map(Number);
const REQUESTS_PER_LABEL = 2;
const GOAL_RATIO = 0.9;
const POLL_MS = 200;
const MEMORY_SAMPLE_MS = 100;
const MB = 1024 * 1024;
/** A wave that takes longer than this is stuck, not slow. */
const WAVE_TIMEOUT_MS = 15 * 60_000;

/** Labels per second the limiter allows at `latencyMs` of added latency. */
export function waveCeiling(latencyMs: number): number {
  const requestsPerSecond = API_MAX_REQUESTS_PER_WINDOW / ((API_RATE_WINDOW_MS + latencyMs) / API_RATE_WINDOW_MS);
  return requestsPerSecond / REQUESTS_PER_LABEL;
}

async function oneWave(latencyMs: number): Promise<BenchFigure[]> {
  const t = await startTestStation({ settings: { autoPrint: false } });
  try {
    const call = async <T>(channel: string, args?: unknown): Promise<T> => {
      const r = await invoke(t.station.handlers, channel, args, silentLoggerFactory('bench'));
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    await setUpPackingPlain(call);
    await call('orders:import', { file: fileOf('wave-bench.json', waveOrdersJson({ count: ORDERS, prefix: `WB${latencyMs}` })) });
    const sandbox = t.station.sandbox();
    if (!sandbox) throw new Error('the demo sandbox is not running');
    sandbox.faults.set({ latencyMs });
    sandbox.clearRequests();

    const before = process.memoryUsage();
    let rssPeak = before.rss;
    let heapPeak = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
    }, MEMORY_SAMPLE_MS);

    const started = performance.now();
    let view = await call<WaveView>('waves:create', { sequence: 'order-number' });
    const deadline = Date.now() + WAVE_TIMEOUT_MS;
    while (view.state === 'running') {
      if (Date.now() > deadline) throw new Error(`the wave did not finish: ${JSON.stringify(view.counts)}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
      view = await call<WaveView>('waves:get', { id: view.id });
    }
    const seconds = (performance.now() - started) / 1_000;
    clearInterval(sampler);
    if (view.state !== 'finished' || view.counts.done !== ORDERS) throw new Error(`the wave ended ${view.state}: ${JSON.stringify(view.counts)}`);

    const arrivals = sandbox
      .requests()
      .filter((r) => r.router === 'flexforward')
      .map((r) => r.at);
    const worst = maxInAnyWindow(arrivals, API_RATE_WINDOW_MS);
    limiterWindowRuns.push({ bench: 'waves', run: `${ORDERS} labels at +${latencyMs} ms`, worst });

    const rate = ORDERS / seconds;
    const ceiling = waveCeiling(latencyMs);
    const at = `${ORDERS}-order wave, +${latencyMs} ms`;
    return [
      withBaseline(`${at}: labels per second`, rate, ceiling, 'labels/s', `≥ ${GOAL_RATIO} of the ceiling 10/(1+L) req/s ÷ ${REQUESTS_PER_LABEL}`),
      { name: `${at}: API requests (all kinds) per label`, value: arrivals.length / ORDERS, unit: 'req' },
      { name: `${at}: most API requests in any 1 s window`, value: worst, unit: 'req', goal: '≤ 10' },
      withBaseline(`${at}: RSS peak`, rssPeak / MB, before.rss / MB, 'MB', 'baseline: before the wave'),
      withBaseline(`${at}: heap peak`, heapPeak / MB, before.heapUsed / MB, 'MB', 'baseline: before the wave'),
    ];
  } finally {
    await t.dispose();
  }
}

const bench: Bench = {
  title: 'waves',
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [];
    for (const latency of LATENCIES_MS) figures.push(...(await oneWave(latency)));
    return figures;
  },
};

export default bench;
