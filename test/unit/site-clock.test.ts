/**
 * The site's clock (warehouse mode): this station's time moved to the
 * database's by the offset each heartbeat measures; a measure within the
 * tolerance of the one in use is noise and leaves the time alone (no jitter,
 * no running backwards by a few ms between beats); timers are the station's.
 */
import { describe, expect, it } from 'vitest';
import { OFFSET_TOLERANCE_MS, SiteClock } from '../../electron/core/site/site-clock';
import type { Clock, TimerHandle } from '../../electron/core/util/clock';

function manualClock(start: number) {
  let now = start;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t as unknown as TimerHandle;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as unknown as { at: number; fn: () => void });
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
  };
}

describe('site clock', () => {
  it('runs on the database’s time once an offset is measured, and ignores measuring noise', () => {
    const base = manualClock(1_000_000);
    const site = new SiteClock(base.clock);
    expect(site.now()).toBe(1_000_000);
    // This station is 5 minutes behind the database.
    site.measured(300_000.4);
    expect(site.now()).toBe(1_300_000);
    // The next beats measure a little differently (half a round trip): the time in use does not move.
    site.measured(300_000 + OFFSET_TOLERANCE_MS / 2);
    site.measured(300_000 - OFFSET_TOLERANCE_MS / 2);
    expect(site.offsetMs).toBe(300_000);
    // The station's clock was set (now 5 minutes ahead): the new offset is taken.
    site.measured(-300_000);
    expect(site.now()).toBe(700_000);
  });

  it('keeps the station’s timers (delays are lengths, not times)', () => {
    const base = manualClock(0);
    const site = new SiteClock(base.clock);
    site.measured(-600_000);
    const fired: number[] = [];
    site.setTimeout(() => fired.push(site.now()), 5_000);
    const cancelled = site.setTimeout(() => fired.push(-1), 1_000);
    site.clearTimeout(cancelled);
    base.advance(5_000);
    expect(fired).toEqual([5_000 - 600_000]);
  });
});
