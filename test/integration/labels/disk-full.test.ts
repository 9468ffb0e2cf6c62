/**
 * A full disk (issue 11, faults): the packer is told it is the disk, where the
 * data is and what to do, never "something went wrong"; nothing is bought
 * that cannot be saved, and a label Flex Forward already made says so and
 * finishes on Try again without a second label. A real SQLite file held to
 * its size with PRAGMA max_page_count, and a document writer whose disk
 * fills (ENOSPC), against the real embedded sandbox.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openShipmentDb, type ShipmentDb } from '../../../electron/core/db/open';
import { insertLabel } from '../../../electron/core/db/queries/labels';
import { insertShipment, listShipments } from '../../../electron/core/db/queries/shipments';
import { withStorageFaults } from '../../../electron/core/db/storage-errors';
import { inTransaction } from '../../../electron/core/db/types';
import { labelsHandlers } from '../../../electron/core/handlers/labels';
import { invoke } from '../../../electron/core/invoke';
import { saveDocument } from '../../../electron/core/labels/document-store';
import type { LabelPrinter, LabelPrintResult } from '../../../electron/core/labels/ports';
import { idempotencyKeyFor, LabelWorkflow, type LabelWorkflowDeps } from '../../../electron/core/labels/workflow';
import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { stubHandlers } from '../../helpers/handlers';

class RecordingPrinter implements LabelPrinter {
  printed: string[] = [];
  async print(_document: { bytes: Uint8Array; format: 'pdf' | 'png' }, title: string): Promise<LabelPrintResult> {
    this.printed.push(title);
    return { ok: true, printer: 'Zebra ZD421' };
  }
}

function enospc(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write', path });
}

describe('a full disk', () => {
  let dataDir: string;
  let cache: ShipmentDb;
  let s: SandboxClient;
  let printer: RecordingPrinter;
  const made: LabelWorkflow[] = [];

  const workflow = (extra: Partial<LabelWorkflowDeps> = {}): LabelWorkflow => {
    const w = new LabelWorkflow({
      db: cache.db,
      documentsDir: cache.documentsDir,
      dataLocation: dataDir,
      api: s.client,
      printer,
      clock: systemClock,
      logger: silentLoggerFactory('labels'),
      autoPrint: () => true,
      random: () => 0,
      ...extra,
    });
    made.push(w);
    return w;
  };

  const pageCount = async (): Promise<number> =>
    Number((await sql<{ page_count: number }>`pragma page_count`.execute(cache.db)).rows[0]!.page_count);
  const limitPages = (pages: number) => sql.raw(`pragma max_page_count = ${pages}`).execute(cache.db);

  /**
   * Holds the file at its size, then saves shipments exactly as `create` does until one no longer fits;
   * returns the id of the one that did not (rolled back: the next save with that id meets the same wall).
   */
  const fillTheDisk = async (): Promise<string> => {
    await limitPages(await pageCount());
    const request = sampleLabelRequest({ orderNumber: 'FILL-1' });
    for (let i = 0; i < 100_000; i++) {
      const id = `fill-${String(i).padStart(6, '0')}`;
      try {
        await inTransaction(cache.db, async (tx) => {
          await insertShipment(tx, {
            id,
            provider: 'flexforward',
            remoteId: null,
            trackingNumber: null,
            orderNumber: 'FILL-1',
            recipientName: 'Pat Buyer',
            destination: 'Los Angeles, US',
            currentAttempt: 1,
            at: Date.now(),
          });
          const idempotencyKey = idempotencyKeyFor(id, 1);
          await insertLabel(tx, { shipmentId: id, attempt: 1, idempotencyKey, requestJson: JSON.stringify({ idempotencyKey, ...request }), at: Date.now() });
        });
      } catch (e) {
        expect((e as { code?: string }).code).toBe('SQLITE_FULL');
        return id;
      }
    }
    throw new Error('the database never filled');
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'disk-full-'));
    cache = await openShipmentDb(dataDir);
    s = await startSandboxClient();
    printer = new RecordingPrinter();
  });
  afterEach(async () => {
    await Promise.all(made.splice(0).map((w) => w.stop()));
    await s.stop();
    await cache.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a new label it cannot save with DISK_FULL naming the data folder, buys nothing, and buys once space is back', async () => {
    const nextId = await fillTheDisk();
    const w = workflow({ newId: () => nextId });
    const handlers = withStorageFaults(
      stubHandlers(labelsHandlers({ workflow: w, db: cache.db, documentsDir: cache.documentsDir, profiles: { get: () => DEFAULT_PRINT_PROFILE } })),
      dataDir,
    );
    const request = sampleLabelRequest({ orderNumber: 'N-FULL' });
    const refused = await invoke(handlers, 'labels:create', request, silentLoggerFactory('ipc'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('The label was not bought');
    expect(message).toContain(dataDir);
    expect(message).toMatch(/Free some space on that disk/);
    expect(s.sandbox.flexforward.labels()).toHaveLength(0);
    expect(printer.printed).toEqual([]);
    // What was saved before is all there and still listed.
    const listed = await listShipments(cache.db, { limit: 5, offset: 0, sort: 'activity_desc' });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.some((i) => i.orderNumber === 'N-FULL')).toBe(false);

    // Space is freed: the same request buys and prints exactly one label.
    await limitPages(1_000_000);
    const created = await invoke(handlers, 'labels:create', request, silentLoggerFactory('ipc'));
    expect(created).toMatchObject({ ok: true, value: { state: 'printed', error: null } });
    expect(s.sandbox.flexforward.labels()).toHaveLength(1);
    expect(printer.printed).toHaveLength(1);
  });

  it('says a label Flex Forward already made exists when its document cannot be written, and finishes it on Try again', async () => {
    let full = true;
    const writer: typeof saveDocument = async (db, dir, d) => {
      if (full) throw enospc(join(dataDir, 'documents', `${d.shipmentId}-${d.attempt}.${d.format}.tmp`));
      return saveDocument(db, dir, d);
    };
    const w = workflow({ saveDocument: writer });
    const result = await w.create(sampleLabelRequest({ orderNumber: 'N-DOC' }));
    expect(result.state).toBe('created');
    expect(result.error?.code).toBe('DISK_FULL');
    expect(result.trackingNumber).toMatch(/^YT\d+/);
    expect(result.error?.message).toContain(`Flex Forward created the label (tracking number ${result.trackingNumber})`);
    expect(result.error?.message).toContain(dataDir);
    expect(result.error?.message).toContain('no second one is bought');
    expect(printer.printed).toEqual([]);

    full = false;
    const retried = await w.retry(result.shipmentId);
    expect(retried).toMatchObject({ state: 'printed', error: null, trackingNumber: result.trackingNumber });
    expect(s.sandbox.flexforward.labels()).toHaveLength(1);
    expect(printer.printed).toEqual([result.trackingNumber]);
  });

  /**
   * The disk fills while Flex Forward makes the label, so recording it fails: a real full file system (a small
   * tmpfs, root only) is the one way to fail exactly that write. Skipped where it cannot be mounted.
   */
  describe.skipIf(!canMountTmpfs())('on a file system that fills during the request', () => {
    let mountDir: string;
    beforeEach(async () => {
      await cache.close();
      mountDir = mkdtempSync(join(tmpdir(), 'disk-full-mount-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_BYTES}`, 'tmpfs', mountDir]);
      dataDir = join(mountDir, 'data');
      cache = await openShipmentDb(dataDir);
    });
    afterEach(async () => {
      await Promise.all(made.splice(0).map((w) => w.stop()));
      await cache.close();
      execFileSync('umount', ['-l', mountDir]);
      rmSync(mountDir, { recursive: true, force: true });
      // The outer afterEach closes and removes its own (now already closed) database: give it a fresh one.
      dataDir = mkdtempSync(join(tmpdir(), 'disk-full-'));
      cache = await openShipmentDb(dataDir);
    });

    it('keeps the label at its request, says Flex Forward made it, and Try again saves that same label', async () => {
      const filler = join(mountDir, 'filler');
      let fills = 1;
      const api = {
        createLabel: async (...args: Parameters<typeof s.client.createLabel>) => {
          const answer = await s.client.createLabel(...args);
          if (fills-- > 0) fillUp(filler);
          return answer;
        },
        getLabel: s.client.getLabel.bind(s.client),
        downloadDocument: s.client.downloadDocument.bind(s.client),
      };
      const w = workflow({ api });
      const result = await w.create(sampleLabelRequest({ orderNumber: 'N-SAVE' }));
      const made = s.sandbox.flexforward.labels();
      expect(made).toHaveLength(1);
      const trackingNumber = made[0]!.response.courierTrackingNumber;
      expect(result).toMatchObject({ state: 'submitting', error: { code: 'DISK_FULL' } });
      expect(result.error?.message).toContain(`Flex Forward created the label (tracking number ${trackingNumber})`);
      expect(result.error?.message).toContain(dataDir);
      expect(printer.printed).toEqual([]);

      rmSync(filler);
      const retried = await w.retry(result.shipmentId);
      expect(retried).toMatchObject({ state: 'printed', error: null, trackingNumber });
      expect(s.sandbox.flexforward.labels()).toHaveLength(1);
      expect(printer.printed).toEqual([trackingNumber]);
    });
  });
});

const TMPFS_BYTES = 8 * 1024 * 1024;

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'disk-full-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Writes until the file system refuses a single byte more. */
function fillUp(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (let chunk = 1024 * 1024; chunk >= 1; chunk = Math.floor(chunk / 2)) {
      const bytes = Buffer.alloc(chunk);
      for (;;) {
        try {
          writeSync(fd, bytes);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
