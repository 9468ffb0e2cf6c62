/**
 * A station stopped mid-wave while labels were at the printer, at a real
 * (private) CUPS queue: at the next start the wave is paused ("restart"), a
 * label whose print was under way is not sent again by itself (paper may
 * have come out: it is listed as not printed, and the packer's retry
 * reprints it), and a label bought but not yet sent prints exactly once.
 *
 * The stop is made by hand in the database (the moment a SIGKILL would
 * leave): the kill test (wave-kill.test.ts) kills real processes, without
 * a printer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../electron/core/db/open';
import { MemorySettingsStore } from '../../../electron/core/settings/types';
import { createStation, type Station } from '../../../electron/core/station';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import type { WaveView } from '../../../shared/domain/waves';
import { needSystem } from '../../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../../helpers/cups';
import { caller, fileArg, setUpPacking, value, type Call } from '../../helpers/orders';
import { waveOrdersJson } from '../../helpers/wave-orders';

const RUN = needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);

describe.runIf(RUN)('a wave stopped while its labels were at the printer', () => {
  let cups: CupsInstance;
  let queue: RawQueue;
  let dir: string;
  let station: Station | null = null;

  beforeAll(async () => {
    cups = await startCups();
    queue = await cups.addRawQueue('Restart_Zebra');
    dir = mkdtempSync(join(tmpdir(), 'wave-restart-'));
  });
  afterAll(async () => {
    await station?.stop();
    await cups?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = new MemorySettingsStore({ autoPrint: true }, null);
  const open = () =>
    createStation({
      shell: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      dataDir: dir,
      settings: store,
      secrets: store,
      logger: silentLoggerFactory,
      clock: systemClock,
      printing: { cupsServer: cups.server },
    });
  async function until(call: Call, id: string, done: (v: WaveView) => boolean): Promise<WaveView> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const v = await value(call<WaveView>('waves:get', { id }));
      if (done(v)) return v;
      if (Date.now() > deadline) throw new Error(`wave did not get there: ${v.state} ${JSON.stringify(v.counts)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('comes back paused; the print cut off is not sent again by itself, the label not yet sent prints once', async () => {
    station = await open();
    let call = caller(station);
    await setUpPacking(call);
    const { id: _, ...draft } = DEFAULT_PRINT_PROFILE;
    await value(call('printProfiles:save', { profile: { ...draft, name: 'Zebra', printer: 'Restart_Zebra', packingSlip: 'none' }, makeDefault: true }));
    await value(call('orders:import', { file: fileArg('restart.json', waveOrdersJson({ count: 3, prefix: 'RS' })) }));
    const wave = await value(call<WaveView>('waves:create', {}));
    await until(call, wave.id, (v) => v.state === 'finished');
    await queue.listener.waitForDelivery(2);
    await station.stop();
    station = null;
    const printedBefore = queue.listener.deliveries.length;
    expect(printedBefore).toBe(3);

    // The moment a kill would leave: the wave running, RS-1's label at the printer (its job written, not finished),
    // RS-2's label bought and about to be sent.
    const db = new Database(join(dir, DB_FILE_NAME));
    const shipmentOf = (position: number) =>
      (db.prepare('SELECT shipment_id AS id FROM wave_items WHERE wave_id = ? AND position = ?').get(wave.id, position) as { id: string }).id;
    const [atPrinter, notSent] = [shipmentOf(0), shipmentOf(1)];
    db.prepare(`UPDATE waves SET state = 'running', pause_reason = NULL, finished_at = NULL WHERE id = ?`).run(wave.id);
    db.prepare(`UPDATE wave_items SET state = 'buying', finished_at = NULL WHERE wave_id = ? AND position IN (0, 1)`).run(wave.id);
    for (const id of [atPrinter, notSent]) db.prepare(`UPDATE labels SET state = 'document_ready' WHERE shipment_id = ?`).run(id);
    db.prepare(`UPDATE print_jobs SET outcome = 'pending', finished_at = NULL WHERE shipment_id = ?`).run(atPrinter);
    db.prepare(`DELETE FROM print_jobs WHERE shipment_id = ?`).run(notSent);
    db.close();

    station = await open();
    call = caller(station);
    const back = await value(call<WaveView>('waves:get', { id: wave.id }));
    expect(back).toMatchObject({ state: 'paused', pause: { reason: 'restart' } });
    const settled = await until(call, wave.id, (v) => v.counts.inFlight === 0);
    // Still paused: nothing more happens until the packer resumes.
    expect(settled.state).toBe('paused');
    expect(settled.counts).toMatchObject({ done: 2, failed: 1 });
    expect(settled.failures).toEqual([
      expect.objectContaining({ orderNumber: 'RS-1', failure: 'print', error: expect.objectContaining({ message: expect.stringMatching(/The station stopped before this label printed. Check the printer/) }) }),
    ]);
    // RS-2 printed once more (it never had); RS-1 did not.
    await queue.listener.waitForDelivery(printedBefore);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(queue.listener.deliveries).toHaveLength(printedBefore + 1);

    // The packer checked the printer (no label came out) and retries: RS-1 is reprinted, once.
    await value(call('waves:retry', { id: wave.id }));
    const done = await until(call, wave.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ done: 3, failed: 0 });
    await queue.listener.waitForDelivery(printedBefore + 1);
    expect(queue.listener.deliveries).toHaveLength(printedBefore + 2);
    // Nothing was bought again: the restarted station (its own demo sandbox) made no label at all.
    expect(station.sandbox()!.flexforward.labels()).toHaveLength(0);
  }, 180_000);
});
