/**
 * CSV as spreadsheets read it: RFC 4180 (fields with a comma, quote or line
 * break are quoted, quotes doubled, CRLF between records), UTF-8 with a
 * byte-order mark so Excel does not read Chinese names as mojibake.
 *
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab or CR at
 * the start: "CSV injection", OWASP) gets a leading apostrophe, which shows
 * the text as typed instead. Numbers are written as numbers and never
 * guarded: they come from the station, not from outside.
 */
export type CsvCell = string | number | null;

const BOM = '\uFEFF';
const RECORD_SEPARATOR = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`A CSV number must be finite, got ${cell}`);
    return String(cell);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const records = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + records.join(RECORD_SEPARATOR) + RECORD_SEPARATOR;
}
