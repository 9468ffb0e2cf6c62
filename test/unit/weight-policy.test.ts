/**
 * The weight policy over recorded report sequences: the stale first report is
 * dropped, only a stable non-zero weight is offered, every scale status is
 * named, a scale without a motion flag must repeat itself, and a scale that
 * sleeps and wakes starts over.
 */
import { describe, expect, it } from 'vitest';
import { parseScaleReport, type ScaleLayout } from '../../shared/devices/scale-report';
import { formatKg, SCALE_ASLEEP_AFTER_MS, WeightPolicy, type ScaleState } from '../../shared/devices/weight-policy';

const dymo = (status: number, tenthsOz: number) =>
  parseScaleReport(3, Uint8Array.from([status, 0x0b, 0xff, tenthsOz & 0xff, tenthsOz >> 8]));
const s510 = (tenthsOz: number) =>
  parseScaleReport(0, Uint8Array.from([0xff, tenthsOz & 0xff, tenthsOz >> 8]), 'stamps-510' as ScaleLayout);

/** Feeds reports 200 ms apart (a Dymo's pace) after the open; returns every state seen. */
function run(policy: WeightPolicy, reports: ReturnType<typeof dymo>[], start = 0): ScaleState[] {
  policy.connected(start);
  return reports.map((r, i) => policy.report(r, start + (i + 1) * 200));
}

describe('the weight policy', () => {
  it('drops the first report after opening (the scale’s buffered weight from before)', () => {
    const states = run(new WeightPolicy(), [dymo(4, 283), dymo(2, 0)]);
    expect(states).toEqual([{ kind: 'waiting' }, { kind: 'empty' }]);
  });

  it('settling while the parcel moves, then the stable weight', () => {
    const states = run(new WeightPolicy(), [dymo(2, 0), dymo(3, 120), dymo(3, 250), dymo(4, 283)]);
    expect(states.slice(1)).toEqual([
      { kind: 'settling', kg: 0.340194 },
      { kind: 'settling', kg: 0.708738 },
      { kind: 'weighed', kg: 0.802292 },
    ]);
  });

  it.each([
    [1, 'fault'],
    [5, 'under-zero'],
    [6, 'over-capacity'],
    [7, 'calibrate'],
    [8, 'rezero'],
  ] as const)('status %i is %s, never a weight', (status, kind) => {
    const states = run(new WeightPolicy(), [dymo(2, 0), dymo(status, 50)]);
    expect(states[1]).toEqual({ kind });
  });

  it('a scale that says “stable” at 0 (Fairbanks) is an empty platter', () => {
    const fairbanksZero = parseScaleReport(3, Uint8Array.from([0x04, 0x0c, 0xfe, 0, 0, 0]));
    expect(run(new WeightPolicy(), [fairbanksZero, fairbanksZero])[1]).toEqual({ kind: 'empty' });
  });

  it('Stamps.com 510 (no motion flag): the same weight twice in a row before it counts', () => {
    const states = run(new WeightPolicy(), [s510(0), s510(150), s510(283), s510(283), s510(283), s510(0)]);
    expect(states.slice(1)).toEqual([
      { kind: 'settling', kg: 0.425243 },
      { kind: 'settling', kg: 0.802292 },
      { kind: 'weighed', kg: 0.802292 },
      { kind: 'weighed', kg: 0.802292 },
      { kind: 'empty' },
    ]);
  });

  it('a weight in taels, and bytes it cannot read, are named instead of guessed', () => {
    const taels = parseScaleReport(3, Uint8Array.from([0x04, 0x05, 0xff, 0x64, 0x00]));
    expect(run(new WeightPolicy(), [dymo(2, 0), taels])[1]).toEqual({ kind: 'unreadable', reason: 'unit', detail: '10 tael' });
    const garbage = parseScaleReport(3, Uint8Array.from([0x04]));
    expect(run(new WeightPolicy(), [dymo(2, 0), garbage])[1]).toMatchObject({ kind: 'unreadable', reason: 'report' });
  });

  it('reports that carry no weight change nothing and do not use up the dropped first report', () => {
    const policy = new WeightPolicy();
    policy.connected(0);
    expect(policy.report(parseScaleReport(1, Uint8Array.from([1, 2])), 100)).toEqual({ kind: 'waiting' });
    expect(policy.report(dymo(4, 283), 200)).toEqual({ kind: 'waiting' });
    expect(policy.report(dymo(4, 283), 400)).toEqual({ kind: 'weighed', kg: 0.802292 });
  });

  it('asleep after the quiet time (to the millisecond), and on waking the first report is dropped again', () => {
    const policy = new WeightPolicy();
    policy.connected(0);
    policy.report(dymo(2, 0), 100);
    expect(policy.report(dymo(4, 283), 200)).toEqual({ kind: 'weighed', kg: 0.802292 });
    expect(policy.tick(200 + SCALE_ASLEEP_AFTER_MS - 1)).toEqual({ kind: 'weighed', kg: 0.802292 });
    expect(policy.tick(200 + SCALE_ASLEEP_AFTER_MS)).toEqual({ kind: 'asleep' });
    const woke = 200 + SCALE_ASLEEP_AFTER_MS + 60_000;
    expect(policy.report(dymo(4, 999), woke)).toEqual({ kind: 'waiting' });
    expect(policy.report(dymo(2, 0), woke + 200)).toEqual({ kind: 'empty' });
  });

  it('a report long after the last one is a wake-up even if no timer ran meanwhile', () => {
    const policy = new WeightPolicy();
    policy.connected(0);
    policy.report(dymo(2, 0), 100);
    expect(policy.report(dymo(4, 500), 100 + SCALE_ASLEEP_AFTER_MS)).toEqual({ kind: 'waiting' });
  });

  it('unplugged: disconnected, and nothing sleeps while disconnected', () => {
    const policy = new WeightPolicy();
    run(policy, [dymo(2, 0), dymo(4, 283)]);
    expect(policy.disconnected()).toEqual({ kind: 'disconnected' });
    expect(policy.tick(10 * SCALE_ASLEEP_AFTER_MS)).toEqual({ kind: 'disconnected' });
  });

  it('writes kilograms as the form holds them', () => {
    expect(formatKg(0.802292)).toBe('0.802');
    expect(formatKg(11.34)).toBe('11.34');
    expect(formatKg(2)).toBe('2');
    expect(formatKg(0.0004)).toBe('0');
  });
});
