/**
 * A wave printing to a real, private CUPS scheduler: the labels reach the
 * queue in the wave's sequence (though several are bought at once); a printer
 * that reports a fault pauses the wave before any label is bought; a queue
 * stopped mid-wave (cupsdisable) pauses it, the print that failed is held and
 * printed once the packer has the queue running again and resumes, and every
 * order ends with exactly one label, printed once.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import type { WaveView } from '../../../shared/domain/waves';
import { execFileRunner, type CommandResult, type CommandRunner } from '../../../electron/core/printing/runner';
import { WAVE_CONCURRENCY } from '../../../electron/core/waves/wave-runner';
import { needSystem } from '../../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../../helpers/cups';
import { caller, fileArg, setUpPacking, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';
import { waveOrdersJson } from '../../helpers/wave-orders';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const run = promisify(execFile);
/** Orders in the wave whose queue is stopped: several times the labels bought at once, so a loaded machine still stops it mid-way. */
const STOPPED_WAVE = 5 * WAVE_CONCURRENCY;

/** The order number printed on a label or packing slip PDF, read back with pdftotext. */
async function orderOnLabel(bytes: Buffer, prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-label-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), bytes);
    const { stdout } = await run('pdftotext', [join(dir, 'l.pdf'), '-']);
    const found = new RegExp(`\\b${prefix}-\\d+\\b`).exec(stdout);
    if (!found) throw new Error(`no order number on this label: ${stdout.slice(0, 300)}`);
    return found[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(RUN)('a wave at a real CUPS queue', () => {
  /**
   * Jobs the scheduler took for a queue so far and did not cancel (its log names each). The print service cancels
   * at once a job that lp put into a queue its own check found stopped: that one never prints.
   */
  const jobsKept = (name: string) => {
    const log = readFileSync(join(cups.dir, 'log/error_log'), 'utf8');
    const queued = [...log.matchAll(new RegExp(`\\[Job (\\d+)\\] Queued on "${name}"`, 'g'))].map((m) => m[1]);
    const cancelled = new Set([...log.matchAll(/\[Job (\d+)\] Canceled/gi)].map((m) => m[1]));
    return queued.filter((id) => !cancelled.has(id)).length;
  };
  let cups: CupsInstance;
  let queue: RawQueue;
  let laser: RawQueue;
  let t: TestStation;
  let call: Call;

  beforeAll(async () => {
    cups = await startCups();
    queue = await cups.addRawQueue('Wave_Zebra');
    laser = await cups.addRawQueue('Wave_Laser');
    await cups.addStateQueue('Empty_Zebra', ['media-empty-error']);
  });
  afterAll(async () => {
    await cups?.stop();
  });
  afterEach(async () => {
    await t?.dispose();
    queue.listener.deliveries.length = 0;
    laser.listener.deliveries.length = 0;
  });

  async function station(printer: string, prefix: string, count: number, run?: CommandRunner): Promise<void> {
    t = await startTestStation({ settings: { autoPrint: true }, printing: { cupsServer: cups.server, ...(run ? { run } : {}) } });
    call = caller(t.station);
    await setUpPacking(call);
    const { id: _, ...draft } = DEFAULT_PRINT_PROFILE;
    await value(
      call('printProfiles:save', { profile: { ...draft, name: 'Wave printer', printer, packingSlip: 'after' }, makeDefault: true }),
    );
    await value(
      call('printProfiles:save', {
        profile: { ...draft, name: 'Slips', printer: 'Wave_Laser', documentType: 'packing-slip', media: { preset: 'A4' } },
      }),
    );
    await value(call('orders:import', { file: fileArg('wave.json', waveOrdersJson({ count, prefix })) }));
  }
  const view = (id: string) => value(call<WaveView>('waves:get', { id }));
  async function until(id: string, done: (v: WaveView) => boolean, timeoutMs = 60_000): Promise<WaveView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await view(id);
      if (done(v)) return v;
      if (Date.now() > deadline)
        throw new Error(
          `wave did not get there in time: ${v.state} ${JSON.stringify(v.pause)} ${JSON.stringify(v.counts)} ${JSON.stringify(v.failures)}\n${cups.errorLog()}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const createdAtSandbox = () =>
    t.station
      .sandbox()!
      .flexforward.labels()
      .filter((l) => l.response.status === 'created');

  it('prints the labels in the chosen sequence, one job each, and their packing slips on the other printer in the same order', async () => {
    await station('Wave_Zebra', 'SQ', 10);
    const preview = await value(call<{ orders: Array<{ orderNumber: string }> }>('waves:preview', { sequence: 'sku' }));
    const wave = await value(call<WaveView>('waves:create', { sequence: 'sku' }));
    const done = await until(wave.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ done: 10, failed: 0 });
    await queue.listener.waitForDelivery(9);
    const printed: string[] = [];
    for (const d of queue.listener.deliveries) printed.push(await orderOnLabel(d.bytes, 'SQ'));
    expect(printed).toEqual(preview.orders.map((o) => o.orderNumber));
    // The SKU sequence is not the import order: the prints followed the wave, not the order labels were bought in.
    expect(printed).not.toEqual(Array.from({ length: 10 }, (_, i) => `SQ-${i + 1}`));
    await laser.listener.waitForDelivery(9);
    const slips: string[] = [];
    for (const d of laser.listener.deliveries) slips.push(await orderOnLabel(d.bytes, 'SQ'));
    expect(slips).toEqual(printed);
    expect(createdAtSandbox()).toHaveLength(10);
  }, 120_000);

  it('pauses before buying anything when the printer reports a fault, and names it', async () => {
    await station('Empty_Zebra', 'PF', 3);
    const wave = await value(call<WaveView>('waves:create', {}));
    const paused = await until(wave.id, (v) => v.state === 'paused');
    expect(paused.pause).toMatchObject({ reason: 'printer', message: expect.stringMatching(/Empty_Zebra: out of labels/) });
    expect(paused.counts).toMatchObject({ done: 0, remaining: 3 });
    expect(t.station.sandbox()!.flexforward.labels()).toHaveLength(0);
  }, 120_000);

  it('a queue stopped mid-wave pauses it; once it runs again, resume prints the held label and the rest, each once', async () => {
    await station('Wave_Zebra', 'ST', STOPPED_WAVE);
    const queuedBefore = jobsKept('Wave_Zebra');
    const wave = await value(call<WaveView>('waves:create', {}));
    await queue.listener.waitForDelivery(2);
    await cups.admin('cupsdisable', ['-r', 'Out of labels', 'Wave_Zebra']);
    const paused = await until(wave.id, (v) => v.state === 'paused');
    expect(paused.pause).toMatchObject({ reason: 'printer' });
    // Labels in flight when it stopped are bought; then nothing more.
    await new Promise((r) => setTimeout(r, 1_500));
    const bought = createdAtSandbox().length;
    const delivered = queue.listener.deliveries.length;
    expect(bought).toBeLessThan(STOPPED_WAVE);
    // At most the labels in flight (WAVE_CONCURRENCY) and a job CUPS was still finishing wait for the queue.
    expect(bought - delivered).toBeLessThanOrEqual(WAVE_CONCURRENCY + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(createdAtSandbox()).toHaveLength(bought);

    await cups.admin('cupsenable', ['Wave_Zebra']);
    await value(call('waves:resume', { id: wave.id }));
    const done = await until(wave.id, (v) => v.state === 'finished', 180_000);
    expect(done.counts).toMatchObject({ done: STOPPED_WAVE, failed: 0 });
    await queue.listener.waitForDelivery(STOPPED_WAVE - 1);
    // The station sent each label to the queue once…
    expect(jobsKept('Wave_Zebra') - queuedBefore).toBe(STOPPED_WAVE);
    // …in sequence. CUPS itself sends again a job it was still finishing when the queue was stopped (its own
    // requeue, `cupsdisable` without `--hold`): at most that one label comes out twice, right after itself.
    const printed: string[] = [];
    for (const d of queue.listener.deliveries) printed.push(await orderOnLabel(d.bytes, 'ST'));
    const distinct = printed.filter((o, i) => o !== printed[i - 1]);
    expect(distinct).toEqual(Array.from({ length: STOPPED_WAVE }, (_, i) => `ST-${i + 1}`));
    expect(printed.length - distinct.length).toBeLessThanOrEqual(1);
    // The slip printer never stopped: one slip per order, in sequence (the held label was printed again alone).
    await laser.listener.waitForDelivery(STOPPED_WAVE - 1);
    const slips: string[] = [];
    for (const d of laser.listener.deliveries) slips.push(await orderOnLabel(d.bytes, 'ST'));
    expect(slips).toEqual(distinct);
    expect(createdAtSandbox()).toHaveLength(STOPPED_WAVE);
  }, 300_000);
  it('a print that failed before the packer fixed the printer, answering only after Resume, is printed again, not a new pause', async () => {
    // The label queue stops accepting jobs at the third label (lp fails for real), and the failure reaches the
    // station only after the packer has fixed the queue and resumed (a slow lp on a loaded machine).
    let zebraJobs = 0;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let late: Promise<unknown> | null = null;
    const run: CommandRunner = async (file, args, options) => {
      if (file !== 'lp' || !args.includes('Wave_Zebra') || ++zebraJobs !== 3) return execFileRunner(file, args, options);
      await cups.admin('cupsreject', ['-r', 'Out of labels', 'Wave_Zebra']);
      const outcome = execFileRunner(file, args, options);
      late = outcome.catch((e: unknown) => e);
      await late;
      await answered;
      return outcome as Promise<CommandResult>;
    };
    await station('Wave_Zebra', 'LR', STOPPED_WAVE, run);
    const wave = await value(call<WaveView>('waves:create', {}));
    await expect.poll(() => late, { timeout: 60_000 }).not.toBeNull();
    expect(await late).toBeInstanceOf(Error); // lp itself refused the job
    await value(call('waves:pause', { id: wave.id }));
    await until(wave.id, (v) => v.state === 'paused');

    await cups.admin('cupsaccept', ['Wave_Zebra']);
    await value(call('waves:resume', { id: wave.id }));
    answer();
    const done = await until(wave.id, (v) => v.state === 'finished' || v.state === 'paused', 120_000);
    expect(done.state, JSON.stringify(done.pause)).toBe('finished');
    expect(done.counts).toMatchObject({ done: STOPPED_WAVE, failed: 0 });
    await queue.listener.waitForDelivery(STOPPED_WAVE - 1);
    const printed: string[] = [];
    for (const d of queue.listener.deliveries) printed.push(await orderOnLabel(d.bytes, 'LR'));
    expect(printed).toEqual(Array.from({ length: STOPPED_WAVE }, (_, i) => `LR-${i + 1}`));
  }, 300_000);
});
