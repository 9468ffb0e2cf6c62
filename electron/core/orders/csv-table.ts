/**
 * A CSV file as a header and a stream of rows, through csv-parse (streaming,
 * RFC 4180 quoting: quoted commas, quotes and newlines inside cells; CRLF or
 * LF). Each row carries its spreadsheet row number (header = 1, empty lines
 * counted, a quoted newline does not start a row), the number Excel or
 * Numbers shows when the packer opens the file to fix it. A row that cannot
 * be read is reported and skipped; the rows after it still come.
 */
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';

export interface CsvRow {
  row: number;
  cells: string[];
}

export type CsvRowProblem =
  | { code: 'row-cell-count'; row: number; expected: number; found: number }
  | { code: 'row-bad-quote'; row: number }
  | { code: 'quote-not-closed'; row: number }
  | { code: 'unreadable-row'; row: number; detail: string };

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** Longest cell we accept; a runaway quote otherwise swallows the whole file into one cell. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * The delimiter the header line uses most (outside quotes): Excel writes `;`
 * where the decimal separator is a comma, and "Unicode Text" uses tabs.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

interface SkipError extends CsvError {
  records?: number;
  record?: unknown[];
}

export interface CsvTable {
  header: string[];
  rows: AsyncGenerator<CsvRow>;
  delimiter: Delimiter;
  /** Rows that could not be read, filled in as the rows are read (complete once `rows` is done). */
  problems: CsvRowProblem[];
}

/**
 * Opens the table: reads up to the header, then hands out rows. Returns null
 * for a file with no header line.
 */
export async function openCsvTable(text: AsyncIterable<string>, delimiterOption: Delimiter | 'auto'): Promise<CsvTable | null> {
  const problems: CsvRowProblem[] = [];
  const onProblem = (p: CsvRowProblem) => problems.push(p);
  const iterator = text[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return null;
  const delimiter = delimiterOption === 'auto' ? detectDelimiter(first.value) : delimiterOption;

  async function* allText(): AsyncGenerator<string> {
    yield first.value as string;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }

  let header: string[] | null = null;
  // Records emitted before each skipped one: spreadsheet rows count the skipped rows too.
  const skippedAfterRecords: number[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    // No per-record info object (50,000 of them cost); empty lines come as one-cell records, counted as rows like a spreadsheet does.
    skip_empty_lines: false,
    skip_records_with_error: true,
    relax_column_count_less: true,
    max_record_size: MAX_RECORD_CHARS,
    on_skip: (error) => {
      const err = error as SkipError | undefined;
      if (!err) return undefined;
      const records = err.records ?? 0;
      const row = records + skippedAfterRecords.length + 1;
      skippedAfterRecords.push(records);
      if (err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
        onProblem({ code: 'row-cell-count', row, expected: header?.length ?? 0, found: Array.isArray(err.record) ? err.record.length : 0 });
      } else if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
        onProblem({ code: 'quote-not-closed', row });
      } else if (
        err.code === 'CSV_INVALID_CLOSING_QUOTE' ||
        err.code === 'INVALID_OPENING_QUOTE' ||
        err.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
      ) {
        onProblem({ code: 'row-bad-quote', row });
      } else {
        onProblem({ code: 'unreadable-row', row, detail: err.code });
      }
      return undefined;
    },
  });
  const input = Readable.from(allText());
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const head = await records.next();
  if (head.done) return null;
  header = head.value.map((h) => h.trim());
  // The parser runs ahead of the reader: rows skipped before the header was handed out learn its width now.
  for (const p of problems) if (p.code === 'row-cell-count' && p.expected === 0) p.expected = header.length;

  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      let emitted = 1; // the header
      let skipIndex = 0;
      for (let next = await records.next(); !next.done; next = await records.next()) {
        emitted += 1;
        // Skips are recorded (in order) as the parser meets them, before it emits what follows them.
        while (skipIndex < skippedAfterRecords.length && skippedAfterRecords[skipIndex]! < emitted) skipIndex += 1;
        yield { row: emitted + skipIndex, cells: next.value };
      }
    } finally {
      // A preview stops early: close the parser and, through it, the file.
      if (!parser.destroyed) parser.destroy();
      input.destroy();
    }
  }
  return { header, rows: rows(), delimiter, problems };
}
