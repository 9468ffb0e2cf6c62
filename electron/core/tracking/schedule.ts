/**
 * When to poll next, from the tag (reference §6.5, seed polling guide) and
 * from failures. The edges are named constants; `PollSchedule` (below) is
 * the one object every caller asks, live or demo.
 */
import type { Tag } from '../../../shared/domain/tags';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "Polling more frequently than every 15 minutes is unlikely to yield new data." Only an explicit refresh goes under it. */
export const POLL_FLOOR_MS = 15 * MINUTE_MS;

export interface PollRange {
  minMs: number;
  maxMs: number;
}

/**
 * Unknown is not in the guide's table ("status unavailable — retry later").
 * We poll it every 1–2 h: usually a courier-side gap that clears within
 * hours, so the 4–6 h of Pending would leave a real status unseen for half a
 * shift, while InTransit's 30–60 min would spend budget on a status that
 * rarely moves. Tags the API adds later read as Unknown and get the same.
 */
export const POLL_RANGES: Readonly<Record<Tag, PollRange | null>> = {
  Pending: { minMs: 4 * HOUR_MS, maxMs: 6 * HOUR_MS },
  InfoReceived: { minMs: 4 * HOUR_MS, maxMs: 6 * HOUR_MS },
  InTransit: { minMs: 30 * MINUTE_MS, maxMs: 60 * MINUTE_MS },
  Exception: { minMs: 15 * MINUTE_MS, maxMs: 30 * MINUTE_MS },
  Unknown: { minMs: 1 * HOUR_MS, maxMs: 2 * HOUR_MS },
  Delivered: null,
  Cancelled: null,
};

/** A shipment with no news (no new tag, no new checkpoint) for this long stops polling, marked stale. */
export const STALE_AFTER_MS = 30 * DAY_MS;

/** Per-shipment backoff after a failed poll: 15 min, 30, 60, … capped. Never under the floor. */
export const FAILURE_BACKOFF_BASE_MS = POLL_FLOOR_MS;
export const FAILURE_BACKOFF_MAX_MS = 6 * HOUR_MS;
/** A label the API keeps answering 404/403 for is not ours (or gone): stop after this many in a row. */
export const MAX_PERMANENT_FAILURES = 3;

/**
 * When to poll next, as one object injected into everything that computes a
 * next poll (the label workflow, the poller, track-a-shipment), so they can
 * never disagree. The live schedule is the table above; the demo schedule is
 * the same table on the embedded sandbox's clock, which runs `speed` times
 * faster: a new user sees a label move and a notification arrive within
 * minutes without pressing Refresh, while development and custom endpoints
 * (real couriers behind them) keep the live intervals and the 15-minute floor.
 */
export interface PollSchedule {
  readonly kind: 'live' | 'demo';
  /** Nothing is polled sooner than this after its last poll, except an explicit "refresh anyway". */
  floorMs(): number;
  /**
   * How long after now to poll a shipment at `tag`, spread uniformly over the
   * tag's range so shipments created in one burst do not come due together.
   * Null: the tag is terminal, polling stops.
   */
  nextPollDelayMs(tag: Tag, random: () => number): number | null;
  /** Backoff after the `failureCount`-th failure in a row (1-based). */
  failureBackoffMs(failureCount: number): number;
  /** A shipment with no news for this long stops polling, marked stale. */
  staleAfterMs(): number;
}

/** The table, with every interval divided by `speed` (1: live). */
function scaledSchedule(kind: PollSchedule['kind'], speed: number): PollSchedule {
  const scale = (ms: number): number => Math.max(1, Math.round(ms / speed));
  const floor = scale(POLL_FLOOR_MS);
  return {
    kind,
    floorMs: () => floor,
    nextPollDelayMs(tag, random) {
      const range = POLL_RANGES[tag];
      if (!range) return null;
      const r = Math.min(Math.max(random(), 0), 1);
      return Math.max(floor, scale(range.minMs + r * (range.maxMs - range.minMs)));
    },
    failureBackoffMs(failureCount) {
      const exponent = Math.max(0, Math.min(failureCount - 1, 30));
      return scale(Math.min(FAILURE_BACKOFF_BASE_MS * 2 ** exponent, FAILURE_BACKOFF_MAX_MS));
    },
    staleAfterMs: () => scale(STALE_AFTER_MS),
  };
}

/** Real couriers: the guide's intervals and the 15-minute floor, untouched. */
export const LIVE_POLL_SCHEDULE: PollSchedule = scaledSchedule('live', 1);

/**
 * The embedded sandbox's tracking runs `speed` times faster than the station's
 * clock (demo: a day in four minutes), so its schedule is the live one divided
 * by the same speed: the same number of polls per simulated day.
 */
export function demoPollSchedule(speed: number): PollSchedule {
  if (!(speed >= 1) || !Number.isFinite(speed)) throw new RangeError(`demo speed must be a finite number ≥ 1, got ${speed}`);
  return scaledSchedule('demo', speed);
}

/**
 * The schedule of whatever endpoint the station talks to right now (the
 * environment can change at run time: a token added, a setting changed).
 * Only the embedded sandbox is sped up; `development` and `custom` point at
 * servers whose clocks run at real speed.
 */
export function endpointPollSchedule(isEmbeddedSandbox: () => boolean, demo: PollSchedule): PollSchedule {
  const current = (): PollSchedule => (isEmbeddedSandbox() ? demo : LIVE_POLL_SCHEDULE);
  return {
    get kind() {
      return current().kind;
    },
    floorMs: () => current().floorMs(),
    nextPollDelayMs: (tag, random) => current().nextPollDelayMs(tag, random),
    failureBackoffMs: (failureCount) => current().failureBackoffMs(failureCount),
    staleAfterMs: () => current().staleAfterMs(),
  };
}
