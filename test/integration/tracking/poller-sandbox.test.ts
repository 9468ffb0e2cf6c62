/**
 * The poller end to end: labels made by the workflow in the embedded sandbox,
 * polled over HTTP through the real client and limiter, stored in a real
 * SQLite file, with the tag-table notifications. The sandbox's clock is
 * moved by hand, so each shipment's journey is where the test puts it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listCheckpoints } from '../../../electron/core/db/queries/checkpoints';
import { listStatusHistory } from '../../../electron/core/db/queries/status_history';
import { getTracking } from '../../../electron/core/db/queries/tracking';
import { LabelWorkflow } from '../../../electron/core/labels/workflow';
import { FlexForwardTrackingSource } from '../../../electron/core/tracking/flexforward-source';
import { NotificationRules, type TrackingNotification } from '../../../electron/core/tracking/notifications';
import { TrackingPoller } from '../../../electron/core/tracking/poller';
import type { TagChange } from '../../../electron/core/tracking/ports';
import { TrackingStore } from '../../../electron/core/tracking/store';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../../helpers/flexforward';
import { testDialects } from '../../helpers/dialects';
import { tempDb, type TempDb } from './seed';

const HOUR = 3_600_000;
const JOURNEY_OVER_MS = 400 * HOUR;

describe.each(await testDialects())('%s', (dialect) => {
  let t: TempDb;
  let s: SandboxClient;
  let sandboxNow: number;

  beforeEach(async () => {
    t = await tempDb(dialect);
    sandboxNow = Date.now();
    s = await startSandboxClient({ sandbox: { now: () => sandboxNow, speed: 1 } });
  });
  afterEach(async () => {
    await s.stop();
    await t.dispose();
  });

  describe('poller against the sandbox', () => {
    it('follows each test postal code to its ending, stores checkpoints and history, and tells the packer once in a digest', async () => {
      const workflow = new LabelWorkflow({
        db: t.db,
        documentsDir: t.documentsDir,
        api: s.client,
        printer: { print: async () => ({ ok: true, printer: 'none' }) },
        clock: systemClock,
        logger: silentLoggerFactory('labels'),
        autoPrint: () => false,
      });
      const ids: Record<string, string> = {};
      for (const [name, postalCode] of Object.entries({ delivered: '90001', exception: '90002', transit: '90003', cancelled: '90004' })) {
        ids[name] = (await workflow.create(sampleLabelRequest({ postalCode, orderNumber: `P-${name}` }))).shipmentId;
      }
      sandboxNow += JOURNEY_OVER_MS;
      // Everything due now: the poller's own schedule picks them up.
      await t.db.updateTable('tracking').set({ next_poll_at: Date.now() }).execute();

      const notified: TrackingNotification[] = [];
      const rules = new NotificationRules({ clock: systemClock, notifiers: [(n) => notified.push(n)] });
      const changes: TagChange[] = [];
      const poller = new TrackingPoller({
        store: new TrackingStore(t.db),
        sources: { flexforward: new FlexForwardTrackingSource(() => s.client) },
        clock: systemClock,
        logger: silentLoggerFactory('tracking'),
        random: () => 0,
        onChange: (c) => {
          changes.push(c);
          rules.onChange(c);
        },
      });
      await poller.start();
      await vi.waitFor(() => expect(changes).toHaveLength(4), { timeout: 10_000 });
      await poller.stop();
      rules.flush();

      const row = async (name: string) => (await getTracking(t.db, ids[name]!))!;
      expect(await row('delivered')).toMatchObject({ tag: 'Delivered', nextPollAt: null, stoppedReason: 'terminal' });
      expect(await row('cancelled')).toMatchObject({ tag: 'Cancelled', nextPollAt: null, stoppedReason: 'terminal' });
      const exception = await row('exception');
      expect(exception.tag).toBe('Exception');
      expect(exception.nextPollAt! - exception.lastPolledAt!).toBe(15 * 60_000);
      const transit = await row('transit');
      expect(transit.tag).toBe('InTransit');
      expect(transit.nextPollAt! - transit.lastPolledAt!).toBe(30 * 60_000);

      const checkpoints = await listCheckpoints(t.db, ids.delivered!);
      expect(checkpoints.length).toBeGreaterThan(2);
      expect(checkpoints[0]!.tag).toBe('Delivered');
      expect([...checkpoints].sort((a, b) => b.checkpointAt - a.checkpointAt)).toEqual(checkpoints);
      expect((await listStatusHistory(t.db, ids.delivered!)).map((h) => [h.fromTag, h.toTag])).toEqual([['Pending', 'Delivered']]);

      // Cancelled does not notify; the other three arrive as one digest.
      expect(notified).toEqual([
        {
          title: '3 shipments changed',
          body: '1 exception, 1 delivered, 1 in transit',
          facts: { kind: 'digest', counts: { Exception: 1, Delivered: 1, InTransit: 1 } },
          shipmentId: null,
          tag: null,
        },
      ]);

      // A second poll with nothing new: no change, no new checkpoints.
      const before = (await listCheckpoints(t.db, ids.transit!)).length;
      const refreshed = await poller.refresh(ids.transit!, true);
      expect(refreshed.polled).toBe(true);
      expect(changes).toHaveLength(4);
      expect(await listCheckpoints(t.db, ids.transit!)).toHaveLength(before);
    });
  });
});
