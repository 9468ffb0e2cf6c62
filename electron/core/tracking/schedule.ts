/**
 * When to poll next, from the tag (reference §6.5, seed polling guide) and
 * from failures. Pure functions of (tag, count, random): the poller and its
 * tests share them, and the edges are named constants.
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
 * How long after `now` to poll a shipment at `tag`, spread uniformly over the
 * tag's range so shipments created in one burst do not come due together.
 * Null: the tag is terminal, polling stops.
 */
export function nextPollDelayMs(tag: Tag, random: () => number): number | null {
  const range = POLL_RANGES[tag];
  if (!range) return null;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(POLL_FLOOR_MS, Math.round(range.minMs + r * (range.maxMs - range.minMs)));
}

/** Backoff after the `failureCount`-th failure in a row (1-based). */
export function failureBackoffMs(failureCount: number): number {
  const exponent = Math.max(0, Math.min(failureCount - 1, 30));
  return Math.min(FAILURE_BACKOFF_BASE_MS * 2 ** exponent, FAILURE_BACKOFF_MAX_MS);
}
