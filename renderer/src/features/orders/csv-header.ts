/**
 * The header row of a CSV, read in the renderer only to offer its column
 * names on the mapping screen (the station's reader does the real reading).
 * Quotes, a byte-order mark and the separator (comma, semicolon or tab,
 * whichever the first line has most of) are handled; anything else is left
 * to the station's report.
 */

/** The header is in the first few KB of any order file. */
export const HEADER_SCAN_BYTES = 64 * 1024;
const SEPARATORS = [',', ';', '\t'] as const;

export function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

export function guessSeparator(line: string): string {
  const outside = line.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let most = -1;
  for (const s of SEPARATORS) {
    const n = outside.split(s).length - 1;
    if (n > most) {
      most = n;
      best = s;
    }
  }
  return best;
}

export function splitRow(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** Column names of a CSV's first row (empty for a file that is not text or has none). */
export function csvHeader(bytes: Uint8Array): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, HEADER_SCAN_BYTES));
  } catch {
    return [];
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{') || text.trimStart().startsWith('[')) return [];
  const line = firstLine(text);
  return splitRow(line, guessSeparator(line)).filter((c) => c !== '');
}
