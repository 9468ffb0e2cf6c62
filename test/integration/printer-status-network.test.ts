/**
 * Network Zebra status against a fake Zebra on a loopback socket (documented
 * `~HQES`/`~HS` answers): each fault, a printer that never answers, one that
 * refuses, one busy with a job (no status question crosses a job on the
 * wire), and a job confirmed by the printer's label counter or its buffer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { PrintService } from '../../electron/core/printing/print-service';
import { execFileRunner } from '../../electron/core/printing/runner';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { renderLabelPdf } from '../../electron/sandbox/documents/label-document';
import { sampleLabelData } from '../helpers/label-data';
import { FakeZebra, HQES, HQES_WARNING } from '../helpers/zebra';

/** Short, so the silent printer's test is quick; a real LAN Zebra answers in milliseconds. */
const STATUS_TIMEOUT_MS = 400;
/**
 * How long a test waits for a job's connection to open: the label is fitted and rendered to ZPL first, which
 * takes far longer than expect.poll's default second on a loaded machine (an assertion on what happens, not on time).
 */
const JOB_OPEN_TIMEOUT_MS = 20_000;
/** A job held on the wire this long: the status checks below must land while it is still going in, even under load. */
const SLOW_JOB_READ_MS = 1_500;

describe('network Zebra status and job confirmation', () => {
  let dir: string;
  let label: Uint8Array;
  const zebras: FakeZebra[] = [];
  const start = async () => {
    const z = await FakeZebra.start();
    zebras.push(z);
    return z;
  };
  const service = () =>
    new PrintService({
      run: execFileRunner,
      platform: 'linux',
      logger: silentLoggerFactory,
      clock: systemClock,
      tempDir: dir,
      network: { confirmJobs: true, zebra: { timeoutMs: STATUS_TIMEOUT_MS }, jobWatch: { pollMs: 30 } },
    });
  const profile = (z: { port: number }, copies = 1): PrintProfile => ({
    ...DEFAULT_PRINT_PROFILE,
    id: 'net',
    mode: 'zpl-network',
    host: '127.0.0.1',
    port: z.port,
    copies,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'station-zebra-'));
    label = await renderLabelPdf(sampleLabelData({ trackingNumber: 'YT2503010099CN', labelId: 'lbl_0099', orderNumber: 'ORD-99' }));
  });
  afterEach(async () => {
    await Promise.all(zebras.splice(0).map((z) => z.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a ready printer: ready, from the Zebra itself', async () => {
    const z = await start();
    const status = await service().status.check(profile(z));
    expect(status).toMatchObject({ level: 'ready', faults: [], warnings: [], busy: false, source: 'zebra', target: `127.0.0.1:${z.port}` });
  });

  it.each([
    ['paper out', HQES.mediaOut, 'paper-out'],
    ['ribbon out', HQES.ribbonOut, 'ribbon-out'],
    ['head open', HQES.headOpen, 'head-open'],
    ['head too hot', HQES.headOverTemperature, 'head-too-hot'],
    ['paused (KR403 flag)', HQES.paused, 'paused'],
  ] as const)('%s (~HQES)', async (_what, bits, fault) => {
    const z = await start();
    z.errors = bits;
    const status = await service().status.check(profile(z));
    expect(status.level).toBe('fault');
    expect(status.faults).toEqual([fault]);
  });

  it('paused and buffer full come from ~HS, which the Zebra answers only when ~HQES is clean', async () => {
    const z = await start();
    z.paused = true;
    expect((await service().status.check(profile(z))).faults).toEqual(['paused']);
    z.paused = false;
    z.bufferFull = true;
    expect((await service().status.check(profile(z))).faults).toEqual(['buffer-full']);
    z.bufferFull = false;
    z.warnings = HQES_WARNING.paperNearEnd;
    expect(await service().status.check(profile(z))).toMatchObject({ level: 'warning', warnings: ['paper-low'] });
  });

  it('a printer that takes the connection and never answers: not responding, within the timeout', async () => {
    const z = await start();
    z.silent = true;
    const started = performance.now();
    const status = await service().status.check(profile(z));
    expect(status).toMatchObject({ level: 'fault', faults: ['not-responding'] });
    expect(performance.now() - started).toBeLessThan(STATUS_TIMEOUT_MS + 1_000);
  });

  it('nothing listening at the address: unreachable', async () => {
    const z = await start();
    const port = z.port;
    await z.close();
    zebras.splice(zebras.indexOf(z), 1);
    expect(await service().status.check(profile({ port }))).toMatchObject({
      level: 'fault',
      faults: ['unreachable'],
      detail: 'ECONNREFUSED',
    });
  });

  it('busy with a job: the timer’s question is not sent, and the print check waits for the job to be off the wire', async () => {
    const z = await start();
    z.jobReadDelayMs = SLOW_JOB_READ_MS;
    const s = service();
    await s.status.check(profile(z));
    const printing = s.print({ bytes: label, format: 'pdf' }, profile(z));
    // Wait until the job's connection is open.
    await expect.poll(() => z.connections.some((c) => /\^XA/.test(c.text)), { timeout: JOB_OPEN_TIMEOUT_MS }).toBe(true);
    const before = z.connections.length;
    const skipped = await s.status.check(profile(z), { whenBusy: 'skip' });
    expect(skipped).toMatchObject({ busy: true, level: 'ready' });
    expect(z.connections.length).toBe(before);
    const waited = await s.status.check(profile(z), { whenBusy: 'wait' });
    expect(waited.level).toBe('ready');
    const outcome = await printing;
    expect(outcome).toMatchObject({ status: 'sent', confirmed: true });
    const job = z.connections.find((c) => /\^XA/.test(c.text))!;
    expect(z.openedDuring(job)).toEqual([]);
  });

  it('a job confirmed by the label counter (SGD): read before, risen by the labels after', async () => {
    const z = await start();
    z.labelCounter = 1000;
    const outcome = await service().print({ bytes: label, format: 'pdf' }, profile(z, 2));
    expect(outcome).toMatchObject({ status: 'sent', confirmed: true });
    expect(z.labelCounter).toBe(1002);
  });

  it('a job confirmed by ~HS on a printer without a counter (busy, then idle)', async () => {
    const z = await start();
    z.printMsPerLabel = 80;
    const outcome = await service().print({ bytes: label, format: 'pdf' }, profile(z));
    expect(outcome).toMatchObject({ status: 'sent', confirmed: true });
    expect(z.pending).toBe(0);
  });

  it('paper out while the job waits: a printer-fault outcome saying the printer holds the label', async () => {
    const z = await start();
    z.errors = HQES.mediaOut;
    const s = service();
    const outcome = await s.print({ bytes: label, format: 'pdf' }, profile(z));
    expect(outcome).toMatchObject({ status: 'failed', code: 'PRINTER', reason: 'printer-fault' });
    expect(outcome.status === 'failed' && outcome.message).toMatch(/Media Out.*prints the label once that is fixed/);
    expect(s.status.lastKnown(profile(z))).toMatchObject({ faults: ['paper-out'] });
  });

  it('a printer that takes jobs but answers no status: honestly "sent", not confirmed', async () => {
    const z = await start();
    z.silent = true;
    const outcome = await service().print({ bytes: label, format: 'pdf' }, profile(z));
    expect(outcome).toMatchObject({ status: 'sent', confirmed: false });
    expect(z.jobs).toHaveLength(1);
  });
});
