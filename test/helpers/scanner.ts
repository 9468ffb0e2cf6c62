import type { CDPSession, Page } from 'playwright-core';

/** What a USB scanner in keyboard mode leaves between characters. */
export const SCANNER_GAP_MS = 4;

function keyFields(ch: string): { key: string; code: string; windowsVirtualKeyCode: number; text?: string } {
  if (ch === '\r') return { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
  if (/[a-z]/i.test(ch))
    return { key: ch, code: `Key${ch.toUpperCase()}`, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0), text: ch };
  if (/\d/.test(ch)) return { key: ch, code: `Digit${ch}`, windowsVirtualKeyCode: ch.charCodeAt(0), text: ch };
  const named: Record<string, [string, number]> = {
    '-': ['Minus', 189],
    '.': ['Period', 190],
    '#': ['Digit3', 51],
    _: ['Minus', 189],
    '%': ['Digit5', 53],
  };
  const [code, vk] = named[ch] ?? ['', 0];
  return { key: ch, code, windowsVirtualKeyCode: vk, text: ch };
}

const sessions = new WeakMap<Page, CDPSession>();

/**
 * Types `code` and Enter the way a keyboard-wedge scanner does: each key
 * stamped with the scanner's own clock, `gapMs` apart, however long the
 * page takes to handle it (Chrome DevTools Protocol `Input.dispatchKeyEvent`
 * with `timestamp`, which becomes `KeyboardEvent.timeStamp`). Playwright's
 * keyboard would stamp keys when the page gets round to them, which on a
 * busy machine looks like slow typing. `firstGapMs` makes the second key
 * come that long after the first (what a loaded machine does to a scan).
 */
export async function scan(page: Page, code: string, gapMs = SCANNER_GAP_MS, options: { firstGapMs?: number } = {}): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  const start = Date.now() / 1_000;
  for (const [i, ch] of [...code, '\r'].entries()) {
    const fields = keyFields(ch);
    // `firstGapMs`: the first key held back (a page busy with it on a loaded machine), the rest at the scanner's pace.
    const late = i > 0 && options.firstGapMs !== undefined ? options.firstGapMs - gapMs : 0;
    const timestamp = start + (i * gapMs + late) / 1_000;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...fields, unmodifiedText: fields.text, timestamp });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: fields.key,
      code: fields.code,
      windowsVirtualKeyCode: fields.windowsVirtualKeyCode,
      timestamp,
    });
  }
}
