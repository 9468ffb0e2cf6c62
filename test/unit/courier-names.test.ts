/**
 * Couriers' names on documents a person reads (the handover list): read from
 * the account's courier list, kept for an hour, never waited on for long (the
 * codes stand in offline), and learned from the form's own read.
 */
import { describe, expect, it } from 'vitest';
import { COURIER_NAMES_FRESH_MS, COURIER_NAMES_WAIT_MS, CourierNames } from '../../electron/core/api/courier-names';
import type { Courier } from '../../electron/core/api/flexforward-types';
import { flushPromises, ManualClock } from '../helpers/manual-clock';
import { recordingLogger } from '../helpers/logs';

const LIST: Courier[] = [
  { code: 'yunexpress', name: 'YunExpress' },
  { code: '4px', name: '  ' },
];

function setup(answer: () => Promise<Courier[]>) {
  const clock = new ManualClock();
  const logs = recordingLogger();
  let calls = 0;
  const names = new CourierNames({
    api: () => ({
      listCouriers: () => {
        calls++;
        return answer();
      },
    }),
    clock,
    logger: logs.factory('courier-names'),
  });
  return { clock, names, logs, calls: () => calls };
}

describe('courier names for documents', () => {
  it('names a courier from the account’s list, keeps the code for one without a name, and reads again after an hour', async () => {
    const s = setup(async () => LIST);
    const name = await s.names.lookup();
    expect([name('yunexpress'), name('4px'), name('ups')]).toEqual(['YunExpress', '4px', 'ups']);
    await s.names.lookup();
    expect(s.calls()).toBe(1);
    s.clock.advance(COURIER_NAMES_FRESH_MS);
    await s.names.lookup();
    expect(s.calls()).toBe(2);
  });

  it('offline: the codes stand in, the failure is logged, and the next document asks again', async () => {
    let fail = true;
    const s = setup(async () => {
      if (fail) throw new Error('connect ECONNREFUSED');
      return LIST;
    });
    expect((await s.names.lookup())('yunexpress')).toBe('yunexpress');
    expect(s.logs.records.some((r) => r.level === 'warn' && r.context?.['error'] === 'connect ECONNREFUSED')).toBe(true);
    fail = false;
    expect((await s.names.lookup())('yunexpress')).toBe('YunExpress');
  });

  it('a slow API is waited on for a moment only; its late answer names the couriers on the next document', async () => {
    let deliver: (list: Courier[]) => void = () => undefined;
    const s = setup(() => new Promise<Courier[]>((resolve) => (deliver = resolve)));
    let first: ((code: string) => string) | null = null;
    void s.names.lookup().then((f) => (first = f));
    await s.clock.tick(COURIER_NAMES_WAIT_MS - 1);
    expect(first).toBeNull();
    await s.clock.tick(1);
    expect(first!('yunexpress')).toBe('yunexpress');
    deliver(LIST);
    await flushPromises();
    expect((await s.names.lookup())('yunexpress')).toBe('YunExpress');
    expect(s.calls()).toBe(1);
  });

  it('a list the label form read is used without asking the API again', async () => {
    const s = setup(async () => LIST);
    s.names.learn([{ code: 'ups', name: 'UPS' }]);
    expect((await s.names.lookup())('ups')).toBe('UPS');
    expect(s.calls()).toBe(0);
  });
});
