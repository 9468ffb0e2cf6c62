import type { KeyboardEvent } from 'react';

/** The rows matching `selector` in a table body, and the index of the one the key was pressed in (-1: none). */
export function rowsAround(
  e: KeyboardEvent<HTMLElement>,
  body: HTMLElement | null,
  selector: string,
): { rows: HTMLElement[]; index: number } {
  const rows = [...(body?.querySelectorAll<HTMLElement>(selector) ?? [])];
  return { rows, index: rows.indexOf((e.target as HTMLElement).closest('tr') as HTMLElement) };
}

/** Arrow keys walk the rows, Home/End jump, from row `index`; other keys are left alone. */
export function walkRows(e: KeyboardEvent<HTMLElement>, rows: readonly HTMLElement[], index: number): void {
  const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
  if (!(e.key in moves)) return;
  e.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, moves[e.key]!))]?.focus();
}
