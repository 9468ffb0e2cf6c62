import { describe, expect, it } from 'vitest';
import { BurstDetector, STRAY_FIRST_GAP_MS, type BurstStep, type Keystroke } from '../../renderer/src/features/scan/burst';

const DEFAULTS = { burstMinChars: 6, burstMaxGapMs: 35 };

/** Feeds `text` then Enter, one key every `gapMs`, and returns the last step (Enter's). */
function type(detector: BurstDetector, text: string, gapMs: number, start = 1_000, extra: Partial<Keystroke> = {}): BurstStep[] {
  const steps: BurstStep[] = [];
  let t = start;
  for (const key of [...text, 'Enter']) {
    steps.push(detector.feed({ key, time: t, composing: false, shortcut: false, ...extra }));
    t += gapMs;
  }
  return steps;
}

describe('telling a scanner from typing', () => {
  it('six characters each under 35 ms apart, then Enter, is a scan of those characters', () => {
    const steps = type(new BurstDetector(DEFAULTS), 'YT2503', 34);
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: 'YT2503' });
    expect(steps[0]).toEqual({ kind: 'start' });
    expect(steps.slice(1, -1).every((s) => s.kind === 'char')).toBe(true);
  });

  it('exactly 35 ms apart is typing (the gap must be shorter), and so is a slow Enter', () => {
    expect(type(new BurstDetector(DEFAULTS), 'YT2503', 35).at(-1)).toEqual({ kind: 'other' });
    const d = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'YT2503'].entries()) d.feed({ key, time: i * 5, composing: false, shortcut: false });
    expect(d.feed({ key: 'Enter', time: 5 * 5 + 35, composing: false, shortcut: false })).toEqual({ kind: 'other' });
  });

  it('five fast characters are not enough; the count is a setting', () => {
    expect(type(new BurstDetector(DEFAULTS), 'YT250', 5).at(-1)).toEqual({ kind: 'other' });
    expect(type(new BurstDetector({ burstMinChars: 4, burstMaxGapMs: 35 }), 'A-77', 5).at(-1)).toEqual({ kind: 'scan', code: 'A-77' });
    const slowLink = new BurstDetector({ burstMinChars: 6, burstMaxGapMs: 60 });
    expect(type(slowLink, 'YT2503', 50).at(-1)).toEqual({ kind: 'scan', code: 'YT2503' });
  });

  it('people typing 80–200 ms apart never make a scan, even with a quick pair from key rollover', () => {
    const d = new BurstDetector(DEFAULTS);
    const times = [0, 120, 135, 260, 400, 415, 560, 700];
    const steps = [...'Pat Buye'].map((key, i) => d.feed({ key, time: times[i]!, composing: false, shortcut: false }));
    expect(d.feed({ key: 'Enter', time: 720, composing: false, shortcut: false })).toEqual({ kind: 'other' });
    expect(steps.filter((s) => s.kind === 'char')).toHaveLength(2);
  });

  it('a typed word followed by a scan: the scan is only the fast part', () => {
    const d = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'Pat'].entries()) d.feed({ key, time: i * 150, composing: false, shortcut: false });
    expect(type(d, 'YT25030001CN', 4, 2_000).at(-1)).toEqual({ kind: 'scan', code: 'YT25030001CN' });
  });

  it('a scan whose first key the busy page held back (a late first character) is still the whole scan', () => {
    const d = new BurstDetector(DEFAULTS);
    // The packer paused (or pressed F2: a key that is not a character) before the scanner fired.
    expect(d.feed({ key: 'F2', time: 0, composing: false, shortcut: false })).toEqual({ kind: 'other' });
    expect(d.feed({ key: 'Y', time: 500, composing: false, shortcut: false })).toEqual({ kind: 'start' });
    // 120 ms to the second key (measured: a loaded page holds the first one 40 ms and more), then 4 ms apart.
    const steps = type(d, 'T2611270000000024', 4, 620);
    expect(steps[0]).toEqual({ kind: 'start', afterStray: true });
    // Reported with its possible first character: the caller tries "Y…" first, then the run alone.
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: 'T2611270000000024', lead: 'Y' });
  });

  it('a scan the busy page held up mid-code (a burst split in two) is reported with its first part', () => {
    const d = new BurstDetector(DEFAULTS);
    // After a pause: "YT2611" fast, a key held 90 ms, then the rest fast.
    const first = [...'YT2611'].map((key, i) => d.feed({ key, time: 1_000 + i * 4, composing: false, shortcut: false }));
    expect(first.slice(1).every((s) => s.kind === 'char')).toBe(true);
    const steps = type(d, '270000000024', 4, 1_020 + 90);
    expect(steps[0]).toEqual({ kind: 'start', afterStray: true });
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: '270000000024', lead: 'YT2611' });
  });

  it('a split scan whose tail alone is too short is the two parts together', () => {
    const d = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'YT261127000000'].entries()) d.feed({ key, time: 1_000 + i * 4, composing: false, shortcut: false });
    expect(type(d, '24', 4, 1_052 + 80).at(-1)).toEqual({ kind: 'scan', code: 'YT26112700000024' });
    // A person's lone letter and a short fast run are no scan: the Enter is the form's.
    const p = new BurstDetector(DEFAULTS);
    p.feed({ key: 'P', time: 0, composing: false, shortcut: false });
    expect(type(p, 'at', 4, 400).at(-1)).toEqual({ kind: 'other' });
  });

  it('a fast part long before the next run (a pause) is not held', () => {
    const d = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'YT2611'].entries()) d.feed({ key, time: 1_000 + i * 4, composing: false, shortcut: false });
    const steps = type(d, '270000000024', 4, 1_020 + STRAY_FIRST_GAP_MS + 1);
    expect(steps[0]).toEqual({ kind: 'start' });
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: '270000000024' });
  });

  it('the late first character only completes a scan: with no scan after it, it was typing', () => {
    const d = new BurstDetector(DEFAULTS);
    d.feed({ key: 'Y', time: 500, composing: false, shortcut: false });
    // A fast pair from rollover, then a person's pace: no scan, nothing taken.
    const steps = [...'T2'].map((key, i) => d.feed({ key, time: 620 + i * 10, composing: false, shortcut: false }));
    expect(steps[0]).toEqual({ kind: 'start', afterStray: true });
    expect(d.feed({ key: '5', time: 800, composing: false, shortcut: false })).toEqual({ kind: 'start' });
    expect(d.feed({ key: 'Enter', time: 900, composing: false, shortcut: false })).toEqual({ kind: 'other' });
  });

  it('a person’s last letter never joins the scan that follows it, however soon', () => {
    const d = new BurstDetector(DEFAULTS);
    // "Pat" at a person's pace: the "t" has the "a" 150 ms before it, so it is no lone character.
    for (const [i, key] of [...'Pat'].entries()) d.feed({ key, time: 1_000 + i * 150, composing: false, shortcut: false });
    const steps = type(d, 'YT25030001CN', 4, 1_300 + 120);
    expect(steps[0]).toEqual({ kind: 'start' });
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: 'YT25030001CN' });
  });

  it('a lone character too long before the scan stays where it was typed', () => {
    const d = new BurstDetector(DEFAULTS);
    d.feed({ key: 'P', time: 0, composing: false, shortcut: false });
    const steps = type(d, 'YT25030001CN', 4, STRAY_FIRST_GAP_MS + 1);
    expect(steps[0]).toEqual({ kind: 'start' });
    expect(steps.at(-1)).toEqual({ kind: 'scan', code: 'YT25030001CN' });
  });

  it('Shift held for capitals neither breaks nor joins a run', () => {
    const d = new BurstDetector(DEFAULTS);
    let t = 0;
    for (const key of [...'YT2503']) {
      expect(d.feed({ key: 'Shift', time: t, composing: false, shortcut: false })).toEqual({ kind: 'modifier' });
      d.feed({ key, time: t + 1, composing: false, shortcut: false });
      t += 6;
    }
    expect(d.feed({ key: 'Enter', time: t, composing: false, shortcut: false })).toEqual({ kind: 'scan', code: 'YT2503' });
  });

  it('keys during an IME composition never count, and end any run', () => {
    expect(type(new BurstDetector(DEFAULTS), 'nihaoma', 5, 0, { composing: true }).at(-1)).toEqual({ kind: 'other' });
    const d2 = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'YT25'].entries()) d2.feed({ key, time: i * 5, composing: false, shortcut: false });
    // An IME reports "Process" for keys it is composing with.
    d2.feed({ key: 'Process', time: 20, composing: false, shortcut: false });
    d2.feed({ key: '0', time: 25, composing: false, shortcut: false });
    d2.feed({ key: '3', time: 30, composing: false, shortcut: false });
    expect(d2.feed({ key: 'Enter', time: 35, composing: false, shortcut: false })).toEqual({ kind: 'other' });
  });

  it('a shortcut or a non-character key ends the run', () => {
    const d = new BurstDetector(DEFAULTS);
    for (const [i, key] of [...'YT25'].entries()) d.feed({ key, time: i * 5, composing: false, shortcut: false });
    d.feed({ key: 'v', time: 20, composing: false, shortcut: true });
    for (const [i, key] of [...'03'].entries()) d.feed({ key, time: 25 + i * 5, composing: false, shortcut: false });
    expect(d.feed({ key: 'Enter', time: 35, composing: false, shortcut: false })).toEqual({ kind: 'other' });
    for (const [i, key] of [...'YT25'].entries()) d.feed({ key, time: 100 + i * 5, composing: false, shortcut: false });
    expect(d.feed({ key: 'Backspace', time: 120, composing: false, shortcut: false })).toEqual({ kind: 'other' });
    expect(d.pending).toBe('');
  });
});
