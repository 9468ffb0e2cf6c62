/**
 * Bytes in, text out, for imported files: what kind of file this is (so a
 * workbook or a PDF is named as such instead of parsed as garbage), and a
 * streaming decoder that notices text that is not valid in its encoding.
 *
 * Encoding decision (docs/orders-import.md): UTF-8 is read strictly and a
 * file with invalid UTF-8 is refused with the first bad row named, because
 * guessing would print mojibake on labels (a Chinese Windows saves GBK, a
 * Western one Windows-1252, and both are plausible byte soup). UTF-16 with a
 * byte-order mark (Excel's "Unicode Text") is unambiguous and read as such.
 * Other encodings only when a column mapping names one.
 */

export type ByteSource = AsyncIterable<Uint8Array>;

export type FileKind =
  | { kind: 'empty' }
  | { kind: 'binary'; what: 'xlsx' | 'xls' | 'pdf' | 'binary' }
  | { kind: 'utf16-without-bom' }
  | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null; looksLikeJson: boolean };

/** How much of the start of a file is enough to tell its kind. */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

function firstNonSpace(text: string): string {
  const m = /\S/.exec(text);
  return m ? m[0] : '';
}

/**
 * The file's kind from its first bytes. `encoding` is null when no
 * byte-order mark says it (then a column mapping's encoding, UTF-8 by default, applies).
 */
export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'binary', what: 'xlsx' };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'binary', what: 'xls' };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'binary', what: 'pdf' };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const encoding = head[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(head.subarray(0, head.length - (head.length % 2)));
    return { kind: 'text', encoding, looksLikeJson: '{['.includes(firstNonSpace(text) || 'x') };
  }
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  const body = bom ? head.subarray(3) : head;
  let zeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < body.length; i += 1) {
    if (body[i] === 0) {
      zeros += 1;
      if (i % 2 === 1) oddZeros += 1;
    }
  }
  if (zeros > 0) {
    // ASCII text in UTF-16 has a zero in every other byte; anything else with NULs is not text.
    const halves = body.length / 2;
    return !bom && zeros >= halves * 0.4 && (oddZeros === zeros || oddZeros === 0)
      ? { kind: 'utf16-without-bom' }
      : { kind: 'binary', what: 'binary' };
  }
  const text = new TextDecoder('utf-8').decode(body);
  if (firstNonSpace(text) === '') return { kind: 'empty' };
  return { kind: 'text', encoding: bom ? 'utf-8' : null, looksLikeJson: '{['.includes(firstNonSpace(text)) };
}

/** The first bytes of a source (for `sniffFileKind`) and the whole source, still unread. */
export async function peekBytes(source: ByteSource, bytes = SNIFF_BYTES): Promise<{ head: Uint8Array; all: ByteSource }> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  const head = new Uint8Array(Math.min(length, bytes));
  let offset = 0;
  for (const chunk of buffered) {
    if (offset >= head.length) break;
    const part = chunk.subarray(0, head.length - offset);
    head.set(part, offset);
    offset += part.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Stopping early (a preview) must close the file.
      await iterator.return?.();
    }
  }
  return { head, all: all() };
}

export interface DecodeWatch {
  /** Set once a byte sequence was not valid in the encoding (it reads as U+FFFD from there on). */
  invalid: boolean;
}

/** Encodings checked strictly; the legacy ones map every byte sequence to something. */
const STRICT_ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf-16le', 'utf-16be']);

/**
 * Decodes chunk by chunk (a character split across chunks is kept whole); a
 * leading byte-order mark is dropped. Invalid sequences become U+FFFD and set
 * `watch.invalid`, so the reader can name the first row that has one.
 */
export async function* decodeText(source: ByteSource, encoding: string, watch: DecodeWatch): AsyncGenerator<string> {
  const strict = STRICT_ENCODINGS.has(encoding);
  let decoder = new TextDecoder(encoding, { fatal: strict });
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // From here on, replace instead of throwing: the file will be refused, but
      // reading on lets the report name the row (bytes held for a split character are lost; harmless then).
      watch.invalid = true;
      decoder = new TextDecoder(encoding);
      text = decoder.decode(chunk, { stream: true });
    }
    if (text !== '') yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    watch.invalid = true;
    rest = '\uFFFD';
  }
  if (rest !== '') yield rest;
}

/** Iterates a whole Uint8Array as a source in pieces (tests, small JSON bodies). */
export async function* bytesSource(bytes: Uint8Array, chunkBytes = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
}
