/**
 * Code 128 bar/space widths for a text, from bwip-js (the same encoder the
 * printing side uses). bwip-js picks code sets A/B/C and the check digit; we
 * only need the module widths to draw bars as vectors (PDF) or pixels (PNG).
 */
import bwipjs from 'bwip-js/node';

export interface Code128 {
  /** Alternating bar, space, bar… widths in modules, starting with a bar. */
  widths: number[];
  /** Total width in modules, quiet zones excluded. */
  modules: number;
}

/** ISO/IEC 15417: at least 10 modules of quiet zone on each side. */
export const CODE128_QUIET_ZONE_MODULES = 10;

export function encodeCode128(text: string): Code128 {
  if (text.length === 0) throw new Error('Code 128 needs at least one character');
  const raw = bwipjs.raw({ bcid: 'code128', text }) as unknown;
  const first = Array.isArray(raw) ? (raw[0] as { sbs?: number[] } | undefined) : undefined;
  if (!first?.sbs || first.sbs.length === 0) throw new Error('bwip-js returned no Code 128 widths');
  const widths = first.sbs;
  return { widths, modules: widths.reduce((a, b) => a + b, 0) };
}

/** Calls `bar(xModules, widthModules)` for each dark bar. */
export function forEachBar(code: Code128, bar: (x: number, width: number) => void): void {
  let x = 0;
  code.widths.forEach((w, i) => {
    if (i % 2 === 0) bar(x, w);
    x += w;
  });
}
