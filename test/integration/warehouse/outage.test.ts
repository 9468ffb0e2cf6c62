/**
 * Warehouse mode when the database goes away (issue 15, "Faults"), with a
 * PostgreSQL server of this file's own that the test stops and starts (the
 * run's shared server is not touched), the real station composition, its
 * demo sandbox (whose request log and labels are counted) and a private CUPS
 * queue (whose deliveries are counted):
 *
 * - the database down at start: the station starts anyway, with the red
 *   banner; a label is refused with DATABASE_UNREACHABLE and no request
 *   reaches the API; when the server comes up the station checks and migrates
 *   it and goes on without a restart, and the label is made;
 * - the server stopped and started again mid-wave: every order ends with
 *   exactly one label, printed once;
 * - stopped and started again while single labels are being made: no
 *   shipment gets a second label, none is lost (each saved one is finished and
 *   printed once when the database is back), and each refused one was not bought.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouseDb } from '../../../electron/core/db/open-warehouse';
import type { WarehouseConnection } from '../../../electron/core/db/postgres';
import { MemorySettingsStore, type StationSettings } from '../../../electron/core/settings/types';
import { createStation, type Station } from '../../../electron/core/station';
import { startSandbox } from '../../../electron/sandbox/server';
import { systemClock } from '../../../electron/core/util/clock';
import { createLoggerFactory, type LogRecord } from '../../../electron/core/util/log';
import type { AppStatus } from '../../../shared/domain/app';
import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import type { LabelCreateResult } from '../../../shared/domain/shipment-detail';
import type { WaveView } from '../../../shared/domain/waves';
import { needSystem } from '../../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../../helpers/cups';
import { testDialects } from '../../helpers/dialects';
import { sampleLabelInput } from '../../helpers/flexforward';
import { caller, fileArg, setUpPacking, value, type Call } from '../../helpers/orders';
import { createTestDatabase, startOwnPostgres, type OwnPostgresServer } from '../../helpers/postgres';
import { waveOrdersJson } from '../../helpers/wave-orders';

const dialects = await testDialects();
const RUN = dialects.includes('postgres') && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The database stays down this long in the mid-shift tests: several heartbeats, so the banner shows and work waits. */
const OUTAGE_MS = 6_000;
/** Sandbox latency while the database is stopped mid-wave: keeps the wave's remaining labels in flight. */
const WAVE_IN_FLIGHT_LATENCY_MS = 2_000;
const TOKEN = 'outage-test-token';

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not there within ${timeoutMs / 1000} s (last: ${JSON.stringify(v)})`);
    await pause(100);
  }
}

/** How many labels the sandbox made for each order number. */
function labelsPerOrder(labels: readonly { request: unknown }[]): Map<string, number> {
  const perOrder = new Map<string, number>();
  for (const l of labels) {
    const order = (l.request as { order?: { customerOrderNumber?: string } }).order?.customerOrderNumber ?? '';
    perOrder.set(order, (perOrder.get(order) ?? 0) + 1);
  }
  return perOrder;
}

/** The warehouse's print jobs, checked to be one per label: `labels` of them, each for its own shipment. */
async function oneJobPerLabel(reader: Awaited<ReturnType<typeof openWarehouseDb>>, labels: number) {
  const jobs = await reader.db.selectFrom('print_jobs').select(['shipment_id', 'outcome']).execute();
  expect(jobs).toHaveLength(labels);
  expect(new Set(jobs.map((j) => j.shipment_id)).size).toBe(labels);
  return jobs;
}

describe.runIf(RUN)('warehouse mode: the database down at start and mid-shift', () => {
  let server: OwnPostgresServer;
  let cups: CupsInstance;
  let queue: RawQueue;
  let dir: string;
  const stations: Station[] = [];

  beforeAll(async () => {
    server = await startOwnPostgres();
    cups = await startCups();
    queue = await cups.addRawQueue('Outage_Zebra', { makeDefault: true });
    dir = mkdtempSync(join(tmpdir(), 'station-outage-'));
  }, 180_000);
  afterAll(async () => {
    for (const s of stations) await s.stop().catch(() => undefined);
    await server?.start().catch(() => undefined);
    server?.remove();
    await cups?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  let n = 0;
  /** What the stations logged (warnings and up): the story when a test fails. */
  const logged: LogRecord[] = [];
  const logger = createLoggerFactory({ sink: (r) => logged.push(r), minLevel: 'warn' });
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') console.error(`stations' warnings:\n${logged.map((r) => `${r.level} ${r.message}`).join('\n')}`);
    logged.length = 0;
  });
  const open = async (
    connection: WarehouseConnection,
    settings: Partial<StationSettings>,
    options: { dataDir?: string; token?: string; source?: 'settings' | 'environment' } = {},
  ): Promise<{ station: Station; call: Call }> => {
    const store = new MemorySettingsStore(settings, options.token ?? null);
    const station = await createStation({
      shell: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      dataDir: options.dataDir ?? join(dir, `station-${++n}`),
      settings: store,
      secrets: store,
      logger,
      clock: systemClock,
      printing: { cupsServer: cups.server },
      warehouse: connection,
      ...(options.source ? { warehouseSource: options.source } : {}),
    });
    stations.push(station);
    return { station, call: caller(station) };
  };
  const status = (call: Call) => value(call<AppStatus>('app:status'));
  const labelPosts = (station: Station) =>
    station
      .sandbox()!
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/labels');
  const useZebra = async (call: Call) => {
    const { id: _, ...draft } = DEFAULT_PRINT_PROFILE;
    await value(
      call('printProfiles:save', { profile: { ...draft, name: 'Zebra', printer: 'Outage_Zebra', packingSlip: 'none' }, makeDefault: true }),
    );
  };

  it('starts with the database down: banner, a label refused and not bought; when it comes up, goes on without a restart', async () => {
    const database = await createTestDatabase(server);
    await server.stop();

    // A station that stops while it still waits for its database stops at once.
    const gone = await open(database.connection, {});
    await gone.station.stop();
    stations.splice(stations.indexOf(gone.station), 1);

    const { station, call } = await open(database.connection, { autoPrint: false });
    const down = await status(call);
    expect(down.warehouse).toMatchObject({
      reachable: false,
      message: expect.stringMatching(/refused the connection.*is PostgreSQL running/),
    });

    const refused = await call<LabelCreateResult>('labels:create', sampleLabelInput({ orderNumber: 'DOWN-1' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNREACHABLE' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/not bought.*warehouse database cannot be reached/);
    const list = await call('shipments:list', { limit: 10, offset: 0, sort: 'activity_desc' });
    expect(list).toMatchObject({ ok: false, error: { code: 'DATABASE_UNREACHABLE' } });
    expect(labelPosts(station)).toHaveLength(0);
    // What is kept on this computer still changes (an admin fixing the connection, say).
    expect(await call('settings:update', { stationName: 'Bench 7' })).toMatchObject({ ok: true });

    await server.start();
    await until(
      'the banner clears',
      () => status(call),
      (s) => s.warehouse?.reachable === true,
      60_000,
    );
    const made = await value(call<LabelCreateResult>('labels:create', sampleLabelInput({ orderNumber: 'DOWN-1' })));
    expect(made).toMatchObject({ state: 'document_ready', error: null });
    expect(station.sandbox()!.flexforward.labels()).toHaveLength(1);
    // Checked and migrated as at a normal start: the shipment is there for every station of the site.
    const reader = await openWarehouseDb(database.connection);
    const rows = await reader.db.selectFrom('shipments').select(['id', 'tracking_number']).execute();
    await reader.close();
    expect(rows).toEqual([{ id: made.shipmentId, tracking_number: made.trackingNumber }]);
  }, 240_000);

  it('a database restart mid-wave: every order ends with exactly one label, printed once', async () => {
    const database = await createTestDatabase(server);
    const { station, call } = await open(database.connection, { autoPrint: true });
    await setUpPacking(call);
    await useZebra(call);
    const orders = 16;
    await value(call('orders:import', { file: fileArg('outage.json', waveOrdersJson({ count: orders, prefix: 'OUT' })) }));
    const printedBefore = queue.listener.deliveries.length;
    const wave = await value(call<WaveView>('waves:create', {}));
    await until(
      'a few labels of the wave',
      () => value(call<WaveView>('waves:get', { id: wave.id })),
      (v) => v.counts.done >= 3,
    );

    // Slow answers from here on, so the rest of the wave is still in flight when the database goes (on a loaded
    // machine the wave could otherwise finish before the server has stopped, and the outage would meet no wave).
    station.sandbox()!.faults.set({ latencyMs: WAVE_IN_FLIGHT_LATENCY_MS });
    await server.stop();
    await until(
      'the banner shows',
      () => status(call),
      (s) => s.warehouse?.reachable === false,
      60_000,
    );
    // The outage met the wave in flight (not after it): some of its orders had no label yet when the database went.
    expect(labelsPerOrder(station.sandbox()!.flexforward.labels()).size).toBeLessThan(orders);
    expect(await call('waves:get', { id: wave.id })).toMatchObject({ ok: false, error: { code: 'DATABASE_UNREACHABLE' } });
    await pause(OUTAGE_MS);
    await server.start();
    station.sandbox()!.faults.set({ latencyMs: 0 });

    const done = await until(
      'the wave finishes',
      () => call<WaveView>('waves:get', { id: wave.id }),
      (r) => r.ok && r.value.state === 'finished',
      240_000,
    );
    expect(done.ok && done.value.counts).toMatchObject({ done: orders, failed: 0 });
    // The banner follows the heartbeat, which may come a beat after the wave has gone on.
    await until(
      'the banner clears',
      () => status(call),
      (s) => s.warehouse?.reachable === true,
      60_000,
    );

    const perOrder = labelsPerOrder(station.sandbox()!.flexforward.labels());
    expect(perOrder.size).toBe(orders);
    expect([...perOrder.values()].every((c) => c === 1)).toBe(true);
    const reader = await openWarehouseDb(database.connection);
    const jobs = await oneJobPerLabel(reader, orders);
    const states = await reader.db.selectFrom('labels').select(['shipment_id', 'state']).execute();
    await reader.close();
    expect(jobs.every((j) => j.outcome === 'printed')).toBe(true);
    expect(states.every((s) => s.state === 'printed')).toBe(true);
    await queue.listener.waitForDelivery(printedBefore + orders - 1);
    await pause(1_000);
    expect(queue.listener.deliveries).toHaveLength(printedBefore + orders);
  }, 420_000);

  it('a database restart during single labels: no shipment gets a second label, each saved one is finished and printed once', async () => {
    const database = await createTestDatabase(server);
    const { station, call } = await open(database.connection, { autoPrint: true });
    await useZebra(call);
    const printedBefore = queue.listener.deliveries.length;
    const results: Array<{ order: string; result: Awaited<ReturnType<Call>> }> = [];
    let next = 0;
    let stopping = false;
    const packer = async () => {
      while (!stopping) {
        const order = `SINGLE-${++next}`;
        const result = await call<LabelCreateResult>('labels:create', sampleLabelInput({ orderNumber: order }));
        results.push({ order, result });
        // A packer reads the refusal before the next scan.
        if (!result.ok) await pause(250);
      }
    };
    const packers = [packer(), packer(), packer()];
    await until(
      'a few labels',
      async () => results.length,
      (c) => c >= 4,
    );
    await server.stop();
    // The packers' labels in flight wait (nothing is bought while their slot at the limiter cannot be taken from the
    // database); a new scan meanwhile is refused at once, and not bought.
    await until(
      'the banner shows',
      () => status(call),
      (s) => s.warehouse?.reachable === false,
      60_000,
    );
    const duringOutage = await call<LabelCreateResult>('labels:create', sampleLabelInput({ orderNumber: 'SINGLE-DOWN' }));
    results.push({ order: 'SINGLE-DOWN', result: duringOutage });
    expect(duringOutage).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_UNREACHABLE', message: expect.stringMatching(/not bought/) },
    });
    await pause(OUTAGE_MS);
    await server.start();
    await until(
      'labels again after the restart',
      async () => results.filter((r) => r.result.ok).length,
      (c) => c >= 8,
    );
    stopping = true;
    await Promise.all(packers);

    const refused = results.filter((r) => !r.result.ok);
    for (const r of refused) if (!r.result.ok) expect(r.result.error.code).toBe('DATABASE_UNREACHABLE');

    // Everything saved comes to rest by itself once the database is back (the station resumes its own labels).
    const reader = await openWarehouseDb(database.connection);
    try {
      const rows = await until(
        'every saved label at rest',
        () =>
          reader.db
            .selectFrom('labels')
            .innerJoin('shipments', 'shipments.id', 'labels.shipment_id')
            .select(['labels.state', 'shipments.order_number'])
            .execute(),
        (ls) => ls.every((l) => l.state === 'printed'),
        180_000,
      );
      const bought = labelsPerOrder(station.sandbox()!.flexforward.labels());
      // One label per saved shipment, none for a shipment that was never saved.
      expect([...bought.values()].every((c) => c === 1)).toBe(true);
      expect(new Set(bought.keys())).toEqual(new Set(rows.map((r) => r.order_number)));
      await oneJobPerLabel(reader, rows.length);
      await queue.listener.waitForDelivery(printedBefore + rows.length - 1);
      await pause(1_000);
      expect(queue.listener.deliveries).toHaveLength(printedBefore + rows.length);
      const inFlight = refused.filter((r) => rows.some((row) => row.order_number === r.order)).length;
      console.log(
        `single labels: ${results.length} asked, ${refused.length} refused while the database was down (${inFlight} of them saved and finished after), ${rows.length} made`,
      );
      // A refusal said the label was not bought, or that it is saved and finished when the database is back.
      for (const r of refused) {
        if (r.result.ok) continue;
        const saved = rows.some((row) => row.order_number === r.order);
        expect(r.result.error.message).toMatch(saved ? /saved|created the label|printed|is made/ : /not bought/);
      }
    } finally {
      await reader.close();
    }
  }, 420_000);

  it('stops at once while the database is down mid-shift; its next start finishes each saved label, none bought or printed twice', async () => {
    const database = await createTestDatabase(server);
    // A sandbox of the test's own: it outlives the station, so a label resumed by the next start is seen to be the same one.
    const sandbox = await startSandbox({ tokens: [TOKEN] });
    // Slow answers, so the outage finds labels between their request and its saved answer.
    sandbox.faults.set({ latencyMs: 1_500 });
    try {
      const settings: Partial<StationSettings> = {
        autoPrint: true,
        environment: 'custom',
        customBaseUrl: sandbox.url,
        privateDocumentHosts: [new URL(sandbox.url).host],
      };
      const dataDir = join(dir, 'restarted-station');
      const first = await open(database.connection, settings, { dataDir, token: TOKEN });
      await useZebra(first.call);
      const printedBefore = queue.listener.deliveries.length;
      let next = 0;
      let stopping = false;
      const packer = async () => {
        while (!stopping) {
          const r = await first.call('labels:create', sampleLabelInput({ orderNumber: `QUIT-${++next}` }));
          if (!r.ok) await pause(250);
        }
      };
      const packers = [packer(), packer(), packer()];
      await until(
        'a few labels',
        async () => sandbox.flexforward.labels().length,
        (c) => c >= 3,
      );
      // Down while a label request is on its way (arrived, answered 1.5 s later): its answer comes back to a station
      // that cannot save it.
      const posts = () => sandbox.requests().filter((r) => r.method === 'POST' && r.path === '/labels').length;
      await until(
        'a label request on its way',
        async () => posts() - sandbox.flexforward.labels().length,
        (c) => c > 0,
      );
      await server.stop();
      await until(
        'the banner shows',
        () => status(first.call),
        (s) => s.warehouse?.reachable === false,
        60_000,
      );
      // The stop does not wait for the database (the test's time-out would catch it).
      await first.station.stop();
      stations.splice(stations.indexOf(first.station), 1);
      stopping = true;
      await Promise.all(packers);

      await server.start();
      const second = await open(database.connection, settings, { dataDir, token: TOKEN });
      expect(second.station.stationId).toBe(first.station.stationId);
      const reader = await openWarehouseDb(database.connection);
      try {
        const rows = await until(
          'every saved label at rest after the restart',
          () =>
            reader.db
              .selectFrom('labels')
              .innerJoin('shipments', 'shipments.id', 'labels.shipment_id')
              .select(['labels.state', 'shipments.order_number', 'shipments.id'])
              .execute(),
          (ls) => ls.every((l) => l.state === 'printed' || l.state === 'print_failed'),
          180_000,
        );
        const bought = labelsPerOrder(sandbox.flexforward.labels());
        // Every saved shipment has its one label; nothing was bought that was not saved first.
        expect([...bought.values()].every((c) => c === 1)).toBe(true);
        expect(new Set(bought.keys())).toEqual(new Set(rows.map((r) => r.order_number)));
        // One print job per label; paper came out at most once for each (a print whose outcome the stop cut off is
        // listed as interrupted, for the packer to check, and not sent again by itself).
        const jobs = await oneJobPerLabel(reader, rows.length);
        await pause(2_000);
        const delivered = queue.listener.deliveries.length - printedBefore;
        expect(delivered).toBeGreaterThanOrEqual(jobs.filter((j) => j.outcome === 'printed').length);
        expect(delivered).toBeLessThanOrEqual(rows.length);
        const replays = sandbox.requests().filter((r) => r.method === 'POST' && r.path === '/labels').length - bought.size;
        console.log(
          `stopped during the outage: ${rows.length} labels, ${jobs.filter((j) => j.outcome === 'printed').length} printed, ` +
            `${delivered} delivered, ${replays} label requests sent again with their key after the restart`,
        );
      } finally {
        await reader.close();
      }
    } finally {
      await sandbox.stop();
    }
  }, 420_000);

  it('a connection the database refuses: from Settings the station starts to be fixed there, from the environment it stops', async () => {
    const database = await createTestDatabase(server);
    const wrong = { ...database.connection, password: 'not-the-password' };
    await expect(open(wrong, {}, { source: 'environment' })).rejects.toThrow(/wrong user or password/);
    const { station, call } = await open(wrong, {}, { source: 'settings' });
    const s = await status(call);
    expect(s.warehouse).toMatchObject({ reachable: false, message: expect.stringMatching(/wrong user or password/) });
    expect(await call('labels:create', sampleLabelInput({ orderNumber: 'REFUSED-1' }))).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_UNREACHABLE' },
    });
    expect(labelPosts(station)).toHaveLength(0);
    await station.stop();
    stations.splice(stations.indexOf(station), 1);
  }, 120_000);
});
