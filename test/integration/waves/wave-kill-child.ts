/**
 * A whole station running a wave, for the wave kill test: the parent SIGKILLs
 * this process at random moments and starts it again on the same data folder.
 * The station talks to the parent's sandbox (a custom endpoint), so the
 * sandbox's log of labels outlives every kill and can be counted.
 *
 * Input (env WAVE_KILL_CHILD): { dataDir, sandboxUrl, token, mode, orders?, prefix? }.
 * - mode "setup": catalogue, box, ship-from, defaults, `orders` ready orders imported,
 *   a wave of them created (not started). Prints `wave <json>`.
 * - mode "run": prints `restarted <json>` with the wave as the start left it, then
 *   `settled <json>` once the label in flight at the kill has finished (the wave still
 *   as the restart left it), then resumes it and prints "ready"; "done <json>" once finished.
 */
import { invoke } from '../../../electron/core/invoke';
import { MemorySettingsStore } from '../../../electron/core/settings/types';
import { createStation } from '../../../electron/core/station';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import type { WaveSummary, WaveView } from '../../../shared/domain/waves';
import type { Result } from '../../../shared/result';
import { fileOf, setUpPackingPlain } from '../../helpers/packing-setup';
import { waveOrdersJson } from '../../helpers/wave-orders';

interface ChildInput {
  dataDir: string;
  sandboxUrl: string;
  token: string;
  mode: 'setup' | 'run';
  orders?: number;
  prefix?: string;
}

const POLL_MS = 10;
const input = JSON.parse(process.env.WAVE_KILL_CHILD ?? '{}') as ChildInput;
const store = new MemorySettingsStore(
  {
    environment: 'custom',
    customBaseUrl: input.sandboxUrl,
    privateDocumentHosts: [new URL(input.sandboxUrl).host],
    // Labels are what this test counts; prints at a real queue are the CUPS wave test's.
    autoPrint: false,
  },
  input.token,
);
const station = await createStation({
  shell: 'browser',
  version: '0.0.0-test',
  platform: process.platform,
  dataDir: input.dataDir,
  settings: store,
  secrets: store,
  logger: silentLoggerFactory,
  clock: systemClock,
  // The sandbox enforces no rate and this test is about crashes, not pacing: a wide limiter lets
  // the wave run in seconds, so the kills land in every step, not in the limiter's waits.
  apiLimits: { maxPerWindow: 1_000, windowMs: 1_000 },
});

async function call<T>(channel: string, args?: unknown): Promise<T> {
  const r = (await invoke(station.handlers, channel, args, silentLoggerFactory('child'))) as Result<T>;
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const line = (tag: string, wave: WaveSummary) =>
  process.stdout.write(`${tag} ${JSON.stringify({ state: wave.state, pause: wave.pause, counts: wave.counts })}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (input.mode === 'setup') {
  await setUpPackingPlain(call);
  await call('orders:import', { file: fileOf('wave-orders.json', waveOrdersJson({ count: input.orders ?? 200, prefix: input.prefix ?? 'WK' })) });
  const wave = await call<WaveView>('waves:create', { sequence: 'order-number', start: false });
  line('wave', wave);
} else {
  const [listed] = await call<WaveSummary[]>('waves:list');
  if (!listed) throw new Error('no wave to run: run the setup first');
  // As the start left it: a wave cut off while running is paused ("restart").
  line('restarted', listed);
  // The label in flight at the kill finishes by itself; the wave stays paused meanwhile.
  let view = await call<WaveView>('waves:get', { id: listed.id });
  while (view.counts.inFlight > 0) {
    await sleep(POLL_MS);
    view = await call<WaveView>('waves:get', { id: listed.id });
  }
  line('settled', view);
  if (view.state === 'paused') view = await call<WaveView>('waves:resume', { id: listed.id });
  process.stdout.write('ready\n');
  while (view.state === 'running') {
    await sleep(POLL_MS);
    view = await call<WaveView>('waves:get', { id: listed.id });
  }
  await station.stop();
  line('done', view);
}
process.exit(0);
