/**
 * Tells a scanner from a person typing, from keystrokes and their times alone
 * (no DOM here, so it is tested with exact times). A scanner types the whole
 * code within a few milliseconds per character and ends with Enter; a run of
 * `minChars` or more characters, each less than `maxGapMs` after the one
 * before, followed by Enter as quickly, is a scan. Anything else (a slow
 * character, a key that is not a character, an IME composition) ends the run.
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
  /** A character that starts a new run: whatever the focused field holds now is what a scan would give back. */
  | { kind: 'start' }
  /** A character inside the current run. */
  | { kind: 'char' }
  /** Enter ending a run fast and long enough: a scan of `code`. */
  | { kind: 'scan'; code: string }
  /** Anything else: not part of a scan (the run, if any, is over). */
  | { kind: 'other' };

/** Shift is held by the scanner for capitals between characters; it neither adds to nor ends a run. */
const MODIFIER_KEYS: ReadonlySet<string> = new Set(['Shift', 'CapsLock', 'AltGraph']);

export type BurstThresholds = Pick<ScannerSettings, 'burstMinChars' | 'burstMaxGapMs'>;

export class BurstDetector {
  #chars: string[] = [];
  #lastAt = Number.NEGATIVE_INFINITY;
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
  }

  feed(stroke: Keystroke): BurstStep {
    if (MODIFIER_KEYS.has(stroke.key) && !stroke.composing) return { kind: 'other' };
    if (stroke.composing || stroke.key === 'Process' || stroke.shortcut) {
      this.reset();
      return { kind: 'other' };
    }
    const quick = this.#chars.length > 0 && stroke.time - this.#lastAt < this.#thresholds.burstMaxGapMs;
    if (stroke.key === 'Enter') {
      const code = this.pending;
      const scan = quick && this.#chars.length >= this.#thresholds.burstMinChars;
      this.reset();
      return scan ? { kind: 'scan', code } : { kind: 'other' };
    }
    if ([...stroke.key].length !== 1) {
      this.reset();
      return { kind: 'other' };
    }
    this.#lastAt = stroke.time;
    if (quick) {
      this.#chars.push(stroke.key);
      return { kind: 'char' };
    }
    this.#chars = [stroke.key];
    return { kind: 'start' };
  }
}
