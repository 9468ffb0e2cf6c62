/**
 * Tells a scanner from a person typing, from keystrokes and their times alone
 * (no DOM here, so it is tested with exact times). A scanner types the whole
 * code within a few milliseconds per character and ends with Enter; a run of
 * `minChars` or more characters, each less than `maxGapMs` after the one
 * before, followed by Enter as quickly, is a scan. Anything else (a slow
 * character, a key that is not a character, an IME composition) ends the run.
 *
 * A loaded page holds keys back: the scan's first character is often late
 * (the field re-renders on it while the scanner's later keys queue up), and a
 * key in the middle can be late too, splitting the burst in two. So a run
 * that came after a pause and shortly before the next run (within
 * `STRAY_FIRST_GAP_MS` on both sides) is held as that run's possible start:
 * a lone character, or a fast run that ended early. If the next run turns out
 * to be a scan, the scan is reported with it (`lead`): the caller tries the
 * code with it first and the run alone after (timing cannot tell a late
 * scanner key from a person's last letter on a loaded machine; the station's
 * data can). A split scan whose tail alone is too short to be one is the two
 * runs together when the held one was fast (a person types no fast runs but
 * a rollover pair). If no scan follows, the held run was typing and stays.
 */
import type { ScannerSettings } from '../../../../shared/domain/scanner';

export interface Keystroke {
  /** `KeyboardEvent.key` */
  key: string;
  /** When the key went down, in ms (`KeyboardEvent.timeStamp`: the time of the key, not of the handler). */
  time: number;
  /** Part of an input-method composition (`isComposing`, or the `Process` key an IME reports). */
  composing: boolean;
  /** Ctrl, Alt (without AltGr) or Meta held: a shortcut, not text. */
  shortcut: boolean;
}

/** What a keystroke means for the run. */
export type BurstStep =
  /**
   * A character that starts a new run: whatever the focused field holds now is what a scan would give back,
   * unless `afterStray`: the held run just before (a lone character, or a burst's first part) may be this run's
   * start, and the field as it was before that one is what a scan gives back.
   */
  | { kind: 'start'; afterStray?: true }
  /** A character inside the current run. */
  | { kind: 'char' }
  /**
   * Enter ending a run fast and long enough: a scan of `code`. `lead`: a held run just before that may be the
   * scan's start, held back by a busy page (the scan is then `lead + code`, or `code` alone).
   */
  | { kind: 'scan'; code: string; lead?: string }
  /** Shift (or Caps Lock, AltGr) between a scanner's characters: the run goes on. */
  | { kind: 'modifier' }
  /** Anything else: not part of a scan (the run, if any, is over). */
  | { kind: 'other' };

/** Shift is held by the scanner for capitals between characters; it neither adds to nor ends a run. */
const MODIFIER_KEYS: ReadonlySet<string> = new Set(['Shift', 'CapsLock', 'AltGraph']);

export type BurstThresholds = Pick<ScannerSettings, 'burstMinChars' | 'burstMaxGapMs'>;

/**
 * How late a scan's first character may be, and how long the pause before it must be. A loaded
 * page has been measured to hold the first key 40 ms and more; a person's keys come 80–200 ms apart
 * and a person's last letter has another just before it.
 */
export const STRAY_FIRST_GAP_MS = 300;

export class BurstDetector {
  #chars: string[] = [];
  #lastAt = Number.NEGATIVE_INFINITY;
  /** The pause before the current run's first character (infinite after a key that is not a character). */
  #pauseBefore = Number.POSITIVE_INFINITY;
  /** A run held as the current run's possible start (see the comment at the top). */
  #stray: string | null = null;
  #thresholds: BurstThresholds;

  constructor(thresholds: BurstThresholds) {
    this.#thresholds = thresholds;
  }

  set thresholds(next: BurstThresholds) {
    this.#thresholds = next;
    this.reset();
  }

  /** The characters of the current run so far. */
  get pending(): string {
    return this.#chars.join('');
  }

  reset(): void {
    this.#chars = [];
    this.#lastAt = Number.NEGATIVE_INFINITY;
    this.#pauseBefore = Number.POSITIVE_INFINITY;
    this.#stray = null;
  }

  feed(stroke: Keystroke): BurstStep {
    if (MODIFIER_KEYS.has(stroke.key) && !stroke.composing) return { kind: 'modifier' };
    if (stroke.composing || stroke.key === 'Process' || stroke.shortcut) {
      this.reset();
      return { kind: 'other' };
    }
    const quick = this.#chars.length > 0 && stroke.time - this.#lastAt < this.#thresholds.burstMaxGapMs;
    if (stroke.key === 'Enter') {
      // The run alone must be a scan, or a fast held run and this one together (a burst split mid-code).
      const code = this.pending;
      const lead = this.#stray;
      const min = this.#thresholds.burstMinChars;
      const whole = quick && this.#chars.length >= min;
      const split = quick && !whole && lead !== null && lead.length >= 2 && lead.length + this.#chars.length >= min;
      this.reset();
      if (split) return { kind: 'scan', code: lead + code };
      if (!whole) return { kind: 'other' };
      return lead === null ? { kind: 'scan', code } : { kind: 'scan', code, lead };
    }
    if ([...stroke.key].length !== 1) {
      this.reset();
      return { kind: 'other' };
    }
    const gap = stroke.time - this.#lastAt;
    this.#lastAt = stroke.time;
    if (quick) {
      this.#chars.push(stroke.key);
      return { kind: 'char' };
    }
    const held = this.#chars.length > 0 && this.#pauseBefore > STRAY_FIRST_GAP_MS && gap <= STRAY_FIRST_GAP_MS;
    this.#stray = held ? this.pending : null;
    this.#pauseBefore = gap;
    this.#chars = [stroke.key];
    return held ? { kind: 'start', afterStray: true } : { kind: 'start' };
  }
}
