/**
 * Which scale readings the station trusts, as the best packing tools do:
 * only a stable, non-zero weight is offered to the form; while the parcel
 * settles the screen says so; faults, over capacity and "needs re-zeroing"
 * are named. Two quirks are handled here rather than in the parser:
 *
 * - the first report after the scale is opened (or wakes from its idle
 *   sleep) can be a stale buffered one from before: it is dropped;
 * - scales that never report "in motion" (Stamps.com Model 510) only count
 *   once the same weight arrives twice in a row.
 *
 * Pure state: the renderer hook feeds it reports and the clock; tests drive
 * it with recorded sequences.
 */
import type { ParsedReport } from './scale-report';

/** No report for this long: the scale has gone to sleep (Dymo M10/M25 power down after a few idle minutes). */
export const SCALE_ASLEEP_AFTER_MS = 10_000;
/** Equal readings in a row before a scale that never reports motion counts as settled. */
export const STEADY_READINGS_WITHOUT_MOTION_FLAG = 2;

export type ScaleState =
  | { kind: 'disconnected' }
  /** Connected; no trustworthy reading yet (the first report is being dropped). */
  | { kind: 'waiting' }
  | { kind: 'asleep' }
  /** Stable at zero: nothing on the platter. */
  | { kind: 'empty' }
  | { kind: 'settling'; kg: number | null }
  /** Stable and above zero: the weight the form may take. */
  | { kind: 'weighed'; kg: number }
  | { kind: 'under-zero' }
  | { kind: 'over-capacity' }
  | { kind: 'fault' }
  | { kind: 'calibrate' }
  | { kind: 'rezero' }
  /** `unit`: the scale weighs in a unit with no single definition (taels); `report`: bytes the station cannot read. */
  | { kind: 'unreadable'; reason: 'unit' | 'report'; detail: string };

export class WeightPolicy {
  #state: ScaleState = { kind: 'disconnected' };
  #lastReportAt = 0;
  #dropNext = false;
  /** Scales without a motion flag: the last non-zero weight, waiting for its twin. */
  #candidate: { kg: number; count: number } | null = null;
  readonly #asleepAfterMs: number;

  constructor(options: { asleepAfterMs?: number } = {}) {
    this.#asleepAfterMs = options.asleepAfterMs ?? SCALE_ASLEEP_AFTER_MS;
  }

  get state(): ScaleState {
    return this.#state;
  }

  /** The device was opened (first connect, replug, or the app reconnecting a remembered scale). */
  connected(now: number): ScaleState {
    this.#lastReportAt = now;
    this.#dropNext = true;
    this.#candidate = null;
    this.#state = { kind: 'waiting' };
    return this.#state;
  }

  disconnected(): ScaleState {
    this.#candidate = null;
    this.#state = { kind: 'disconnected' };
    return this.#state;
  }

  /** No report for a while means the scale slept; call this on a timer. */
  tick(now: number): ScaleState {
    const live = this.#state.kind !== 'disconnected' && this.#state.kind !== 'asleep';
    if (live && now - this.#lastReportAt >= this.#asleepAfterMs) {
      this.#candidate = null;
      this.#state = { kind: 'asleep' };
    }
    return this.#state;
  }

  report(parsed: ParsedReport, now: number): ScaleState {
    if (parsed.kind === 'ignored') return this.#state;
    const woke = this.#state.kind === 'asleep' || now - this.#lastReportAt >= this.#asleepAfterMs;
    this.#lastReportAt = now;
    if (woke || this.#state.kind === 'disconnected') {
      // Waking (or a report we never saw the open for): its first report may be the one it buffered before sleeping.
      this.#dropNext = true;
      this.#candidate = null;
      this.#state = { kind: 'waiting' };
    }
    if (this.#dropNext) {
      this.#dropNext = false;
      return this.#state;
    }
    this.#state = this.#next(parsed);
    return this.#state;
  }

  #next(parsed: Exclude<ParsedReport, { kind: 'ignored' }>): ScaleState {
    if (parsed.kind === 'invalid') return { kind: 'unreadable', reason: 'report', detail: parsed.message };
    const r = parsed.reading;
    if (r.status !== 'stable' || r.kg === null || r.kg <= 0) this.#candidate = null;
    switch (r.status) {
      case 'fault':
      case 'calibrate':
      case 'rezero':
      case 'over-capacity':
      case 'under-zero':
        return { kind: r.status };
      case 'zero':
        return { kind: 'empty' };
      case 'motion':
        return { kind: 'settling', kg: r.kg };
      case 'stable':
        if (r.kg === null) return { kind: 'unreadable', reason: 'unit', detail: `${r.value} ${r.unit}` };
        // Some scales (Fairbanks) say "stable" with nothing on them: that is an empty platter, not a weight.
        if (r.kg <= 0) return { kind: 'empty' };
        if (r.reportsMotion) return { kind: 'weighed', kg: r.kg };
        this.#candidate = this.#candidate?.kg === r.kg ? { kg: r.kg, count: this.#candidate.count + 1 } : { kg: r.kg, count: 1 };
        return this.#candidate.count >= STEADY_READINGS_WITHOUT_MOTION_FLAG
          ? { kind: 'weighed', kg: r.kg }
          : { kind: 'settling', kg: r.kg };
    }
  }
}

/** The weight as the form's field holds it: kilograms, at most three decimals (grams), no trailing zeros. */
export function formatKg(kg: number): string {
  return String(Number(kg.toFixed(3)));
}
