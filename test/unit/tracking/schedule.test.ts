/**
 * The poll schedule: live is the guide's table with the 15-minute floor,
 * demo is the same table divided by the sandbox's speed, and the station's
 * endpoint schedule speeds up only the embedded sandbox.
 */
import { describe, expect, it } from 'vitest';
import {
  demoPollSchedule,
  endpointPollSchedule,
  LIVE_POLL_SCHEDULE,
  POLL_FLOOR_MS,
  type PollSchedule,
} from '../../../electron/core/tracking/schedule';
import { DEMO_SPEED } from '../../../electron/sandbox/flexforward/tracking-sim';
import { TAGS } from '../../../shared/domain/tags';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const lowest = () => 0;
const highest = () => 1;

describe('live poll schedule', () => {
  it('keeps the guide intervals and the 15-minute floor', () => {
    const s = LIVE_POLL_SCHEDULE;
    expect(s.kind).toBe('live');
    expect(s.floorMs()).toBe(15 * MIN);
    expect(POLL_FLOOR_MS).toBe(15 * MIN);
    expect([s.nextPollDelayMs('Pending', lowest), s.nextPollDelayMs('Pending', highest)]).toEqual([4 * HOUR, 6 * HOUR]);
    expect([s.nextPollDelayMs('InfoReceived', lowest), s.nextPollDelayMs('InfoReceived', highest)]).toEqual([4 * HOUR, 6 * HOUR]);
    expect([s.nextPollDelayMs('InTransit', lowest), s.nextPollDelayMs('InTransit', highest)]).toEqual([30 * MIN, 60 * MIN]);
    expect([s.nextPollDelayMs('Exception', lowest), s.nextPollDelayMs('Exception', highest)]).toEqual([15 * MIN, 30 * MIN]);
    expect([s.nextPollDelayMs('Unknown', lowest), s.nextPollDelayMs('Unknown', highest)]).toEqual([HOUR, 2 * HOUR]);
    expect(s.nextPollDelayMs('Delivered', lowest)).toBeNull();
    expect(s.nextPollDelayMs('Cancelled', lowest)).toBeNull();
    expect([1, 2, 3, 4, 5, 6].map((n) => s.failureBackoffMs(n))).toEqual([15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR]);
    expect(s.staleAfterMs()).toBe(30 * DAY);
  });

  it('never goes under the floor, whatever the jitter', () => {
    for (const tag of TAGS) {
      for (const r of [-1, 0, 0.5, 1, 2]) {
        const d = LIVE_POLL_SCHEDULE.nextPollDelayMs(tag, () => r);
        if (d !== null) expect(d).toBeGreaterThanOrEqual(15 * MIN);
      }
    }
  });
});

describe('demo poll schedule', () => {
  it('divides every interval and the floor by the sandbox speed (a day of shipping in four minutes)', () => {
    const s = demoPollSchedule(DEMO_SPEED);
    expect(DEMO_SPEED).toBe(360);
    expect(s.kind).toBe('demo');
    expect(s.floorMs()).toBe(2_500);
    expect([s.nextPollDelayMs('Pending', lowest), s.nextPollDelayMs('Pending', highest)]).toEqual([40_000, 60_000]);
    expect([s.nextPollDelayMs('InTransit', lowest), s.nextPollDelayMs('InTransit', highest)]).toEqual([5_000, 10_000]);
    expect(s.nextPollDelayMs('Delivered', lowest)).toBeNull();
    expect(s.failureBackoffMs(1)).toBe(2_500);
    expect(s.staleAfterMs()).toBe((30 * DAY) / DEMO_SPEED);
    for (const tag of TAGS) {
      const live = LIVE_POLL_SCHEDULE.nextPollDelayMs(tag, () => 0.37);
      expect(s.nextPollDelayMs(tag, () => 0.37)).toBe(live === null ? null : Math.round(live / DEMO_SPEED));
    }
  });

  it('refuses a speed that would slow polling down or make no sense', () => {
    expect(() => demoPollSchedule(0.5)).toThrow(RangeError);
    expect(() => demoPollSchedule(Number.NaN)).toThrow(RangeError);
    expect(() => demoPollSchedule(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('endpoint poll schedule', () => {
  it('is the demo schedule only while the embedded sandbox answers, and follows a switch at run time', () => {
    let embedded = true;
    const s: PollSchedule = endpointPollSchedule(() => embedded, demoPollSchedule(DEMO_SPEED));
    expect([s.kind, s.floorMs(), s.nextPollDelayMs('Pending', lowest)]).toEqual(['demo', 2_500, 40_000]);
    embedded = false;
    expect([s.kind, s.floorMs(), s.nextPollDelayMs('Pending', lowest)]).toEqual(['live', 15 * MIN, 4 * HOUR]);
    expect([s.failureBackoffMs(1), s.staleAfterMs()]).toEqual([15 * MIN, 30 * DAY]);
  });
});
