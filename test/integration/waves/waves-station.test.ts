/**
 * Waves through the station's contract, on a real SQLite file and the real
 * sandbox: a wave takes the ready orders a filter finds, in the chosen
 * sequence; each gets exactly one label; progress survives leaving (read
 * back from storage); a rejected order is listed with its reason, fixed and
 * retried; pause stops before the next label, resume goes on, cancel stops
 * for good; a second wave does not take the first one's orders.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WaveSummary, WaveView } from '../../../shared/domain/waves';
import { caller, fileArg, setUpPacking, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';
import { waveOrderNumber, waveOrdersJson } from '../../helpers/wave-orders';

let t: TestStation;
let call: Call;
const progress: WaveSummary[] = [];

beforeEach(async () => {
  t = await startTestStation({ settings: { autoPrint: false } });
  call = caller(t.station);
  progress.length = 0;
  t.station.events.subscribe((e) => {
    if (e.type === 'waves:progress') progress.push(e.payload as WaveSummary);
  });
  await setUpPacking(call);
});
afterEach(async () => t?.dispose());

const importOrders = (json: string) => value(call('orders:import', { file: fileArg('wave-orders.json', json) }));
const view = (id: string) => value(call<WaveView>('waves:get', { id }));

async function until(id: string, done: (v: WaveView) => boolean, timeoutMs = 60_000): Promise<WaveView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await view(id);
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`wave did not get there in time: ${JSON.stringify(v.counts)} ${v.state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Labels the sandbox holds per order number. */
function sandboxLabels(): Map<string, Array<{ status: string; createdAtMs: number }>> {
  const out = new Map<string, Array<{ status: string; createdAtMs: number }>>();
  for (const l of t.station.sandbox()!.flexforward.labels()) {
    const order = l.request.order?.customerOrderNumber ?? '';
    out.set(order, [...(out.get(order) ?? []), { status: l.response.status, createdAtMs: l.createdAtMs }]);
  }
  return out;
}

describe('waves through the contract', () => {
  it('previews the ready orders in the chosen sequence, with what the filter can choose from', async () => {
    await importOrders(waveOrdersJson({ count: 12, prefix: 'PV' }));
    const byNumber = await value(call<{ orders: Array<{ orderNumber: string; country: string; courier: string; sku: string }>; total: number; couriers: string[]; countries: string[] }>('waves:preview', { sequence: 'order-number' }));
    expect(byNumber.total).toBe(12);
    // Numbers inside order numbers sort as numbers: PV-2 before PV-10.
    expect(byNumber.orders.map((o) => o.orderNumber)).toEqual(Array.from({ length: 12 }, (_, i) => waveOrderNumber('PV', i)));
    expect(byNumber.couriers).toEqual(['yunexpress']);
    expect(byNumber.countries).toEqual(['GB', 'JP', 'US']);

    const bySku = await value(call<{ orders: Array<{ orderNumber: string; sku: string }> }>('waves:preview', { sequence: 'sku' }));
    const skus = bySku.orders.map((o) => o.sku);
    expect(skus).toEqual([...skus].sort());
    expect(bySku.orders.slice(0, 3).map((o) => o.orderNumber)).toEqual(['PV-1', 'PV-5', 'PV-9']);

    const japan = await value(call<{ orders: Array<{ orderNumber: string }>; total: number }>('waves:preview', { filter: { country: 'jp' } }));
    expect(japan.orders.map((o) => o.orderNumber)).toEqual(['PV-3', 'PV-6', 'PV-9', 'PV-12']);
    const tote = await value(call<{ total: number }>('waves:preview', { filter: { sku: 'TOTE-1', courier: 'YUNEXPRESS' } }));
    expect(tote.total).toBe(3);
    const later = await value(call<{ total: number }>('waves:preview', { filter: { importedFrom: new Date(Date.now() + 60_000).toISOString() } }));
    expect(later.total).toBe(0);
    const refused = await call('waves:preview', { filter: { country: 'Japan' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [expect.objectContaining({ field: 'filter.country' })] } });
  }, 120_000);

  it('labels every order of the wave exactly once, reports progress, and a second wave finds none of them', async () => {
    await importOrders(waveOrdersJson({ count: 15, prefix: 'EX' }));
    const started = await value(call<WaveView>('waves:create', { sequence: 'order-number', exclude: [] }));
    expect(started.counts.total).toBe(15);
    const done = await until(started.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ total: 15, done: 15, failed: 0, remaining: 0, inFlight: 0 });
    expect(done.failures).toEqual([]);
    const labels = sandboxLabels();
    for (let i = 0; i < 15; i++) expect(labels.get(waveOrderNumber('EX', i))).toHaveLength(1);
    // Progress was pushed as it went, ending finished.
    expect(progress.at(-1)).toMatchObject({ id: started.id, state: 'finished', counts: { done: 15 } });
    expect(progress.some((p) => p.counts.done > 0 && p.counts.done < 15)).toBe(true);
    // The orders are labelled; nothing is left for another wave.
    const orders = await value(call<{ counts: Record<string, number> }>('orders:list', { offset: 0, limit: 10 }));
    expect(orders.counts).toMatchObject({ labelled: 15, ready: 0 });
    expect(await call('waves:create', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const listed = await value(call<WaveSummary[]>('waves:list'));
    expect(listed.map((w) => w.id)).toEqual([started.id]);
  }, 120_000);

  it('lists a rejected order with its reason; the packer fixes the postal code and it is retried with the others', async () => {
    await importOrders(waveOrdersJson({ count: 6, prefix: 'RJ', rejected: [0, 3] }));
    const started = await value(call<WaveView>('waves:create', {}));
    const done = await until(started.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ done: 4, failed: 2 });
    expect(done.failures.map((f) => [f.orderNumber, f.failure, f.error?.code])).toEqual([
      ['RJ-1', 'label', 'COURIER_REJECTED'],
      ['RJ-4', 'label', 'COURIER_REJECTED'],
    ]);
    expect(done.failures[0]!.error!.message).toMatch(/postal code/);
    expect(done.failures[0]!.shipTo).toMatchObject({ postalCode: '00000', city: 'Los Angeles' });

    const retried = await value(
      call<WaveView>('waves:retry', {
        id: started.id,
        fixes: done.failures.map((f) => ({ orderId: f.orderId, edits: { 'shipTo.address.postalCode': '90001' } })),
      }),
    );
    expect(retried.state).toBe('running');
    const after = await until(started.id, (v) => v.state === 'finished');
    expect(after.counts).toMatchObject({ done: 6, failed: 0 });
    const labels = sandboxLabels();
    // The rejected attempt stays at the courier as the failed label it was; exactly one label was created.
    expect(labels.get('RJ-1')!.map((l) => l.status).sort()).toEqual(['created', 'failed']);
    expect([...labels.values()].flat().filter((l) => l.status === 'created')).toHaveLength(6);
  }, 120_000);

  it('names each missing field of an order that stopped being ready, and skips one labelled at the bench meanwhile', async () => {
    await importOrders(waveOrdersJson({ count: 4, prefix: 'NR' }));
    const wave = await value(call<WaveView>('waves:create', { start: false }));
    expect(wave).toMatchObject({ state: 'paused', pause: { reason: 'created' } });
    const orders = await value(call<{ items: Array<{ id: string; orderNumber: string }> }>('orders:list', { offset: 0, limit: 10 }));
    const id = (n: string) => orders.items.find((o) => o.orderNumber === n)!.id;
    await value(call('orders:update', { id: id('NR-2'), edits: { 'shipTo.address.city': '' } }));
    await value(call('orders:ship', { id: id('NR-3') }));
    await value(call('waves:resume', { id: wave.id }));
    const done = await until(wave.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ done: 2, failed: 1, skipped: 1 });
    const notReady = done.failures.find((f) => f.orderNumber === 'NR-2')!;
    expect(notReady).toMatchObject({ failure: 'not-ready', error: { code: 'NOT_READY' } });
    expect(notReady.error!.fields.map((f) => f.field)).toContain('shipTo.address.city');
    expect(done.failures.find((f) => f.orderNumber === 'NR-3')).toMatchObject({ state: 'skipped', failure: 'skipped' });
    expect(sandboxLabels().get('NR-3')).toHaveLength(1);
  }, 120_000);

  it('pauses before the next label, resumes where it stopped, and a cancelled wave buys nothing more', async () => {
    await importOrders(waveOrdersJson({ count: 40, prefix: 'PR' }));
    const wave = await value(call<WaveView>('waves:create', {}));
    await until(wave.id, (v) => v.counts.done >= 3);
    const paused = await value(call<WaveView>('waves:pause', { id: wave.id }));
    expect(paused.state).toBe('paused');
    // Labels in flight finish; then nothing more is bought.
    const settled = await until(wave.id, (v) => v.counts.inFlight === 0);
    const bought = t.station.sandbox()!.flexforward.labels().length;
    expect(bought).toBe(settled.counts.done);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.station.sandbox()!.flexforward.labels().length).toBe(bought);
    expect((await view(wave.id)).pause).toEqual({ reason: 'packer', message: null });
    expect(bought).toBeLessThan(40);

    await value(call('waves:resume', { id: wave.id }));
    await until(wave.id, (v) => v.counts.done >= bought + 3);
    const cancelled = await value(call<WaveView>('waves:cancel', { id: wave.id }));
    expect(cancelled.state).toBe('cancelled');
    const end = await until(wave.id, (v) => v.counts.inFlight === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.station.sandbox()!.flexforward.labels().length).toBe(end.counts.done);
    expect(end.counts.remaining).toBeGreaterThan(0);
    expect(await call('waves:resume', { id: wave.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Its remaining orders are free for a new wave.
    const next = await value(call<WaveView>('waves:create', {}));
    expect(next.counts.total).toBe(40 - end.counts.done);
  }, 120_000);

  it('has the time left from the pace of the last labels while it runs', async () => {
    await importOrders(waveOrdersJson({ count: 30, prefix: 'TL' }));
    const wave = await value(call<WaveView>('waves:create', {}));
    const mid = await until(wave.id, (v) => v.counts.done >= 5 && v.counts.remaining > 0);
    expect(mid.secondsLeft).not.toBeNull();
    expect(mid.labelsPerMinute).toBeGreaterThan(0);
    const done = await until(wave.id, (v) => v.state === 'finished');
    expect(done.secondsLeft).toBeNull();
  }, 120_000);
});
