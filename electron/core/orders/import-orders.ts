/**
 * The one way into the station for an order file, whichever door it came
 * through (import screen, watched folder): find out what the file is, read it
 * with the right reader (Shopify's export, a column mapping, the station's
 * JSON) and return the orders with the report. Pure apart from the bytes it
 * is handed: nothing is stored and nothing goes to the API here.
 */
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import type { AttentionOptions } from '../../../shared/domain/order-attention';
import { SHOPIFY_PRESET, type OrderCsvPreset } from '../../../shared/domain/order-csv-presets';
import type { ImportPolicy, ImportProblem, OrderImportResult } from '../../../shared/domain/order-import';
import { readOrderCsv } from './order-csv-reader';
import { readOrderJson } from './order-json-reader';
import { settleOrders } from './settle-orders';
import { decodeText, peekBytes, sniffFileKind, type ByteSource, type DecodeWatch } from './text-input';

export interface ImportOrdersOptions extends AttentionOptions {
  /** Default `import-good-rows`: good rows import and bad ones are reported. */
  policy?: ImportPolicy;
  /** The column mapping for a CSV. Without one, a Shopify export is recognised by its header; anything else asks for a mapping. */
  preset?: OrderCsvPreset;
}

/** Only JSON files up to this size are read (they are read whole; CSVs stream). */
export const MAX_JSON_BYTES = 100 * 1024 * 1024;

const refused = (
  file: string,
  policy: ImportPolicy,
  problem: Omit<ImportProblem, 'severity' | 'row' | 'column' | 'value' | 'order'> & Partial<ImportProblem>,
) =>
  settleOrders([], {
    file,
    format: null,
    preset: null,
    policy,
    rows: 0,
    problems: [{ severity: 'error', row: null, column: null, value: '', order: '', ...problem }],
  });

async function readCsvOrJson(
  file: string,
  bytes: ByteSource,
  options: ImportOrdersOptions,
  limit: number | undefined,
): Promise<OrderImportResult> {
  const policy = options.policy ?? 'import-good-rows';
  const { head, all } = await peekBytes(bytes);
  const kind = sniffFileKind(head);
  const close = async () => {
    await all[Symbol.asyncIterator]().return?.();
  };
  if (kind.kind === 'empty') {
    await close();
    return refused(file, policy, { code: 'empty-file', params: {} });
  }
  if (kind.kind === 'binary') {
    await close();
    return refused(file, policy, { code: 'not-a-table', params: { kind: kind.what } });
  }
  if (kind.kind === 'utf16-without-bom') {
    await close();
    return refused(file, policy, { code: 'utf16-without-bom', params: {} });
  }
  const watch: DecodeWatch = { invalid: false };
  // A CSV mapping chosen on the import screen does not make a `.json` file a CSV.
  const isJson = kind.looksLikeJson && (!options.preset || extname(file).toLowerCase() === '.json');
  const encoding = kind.encoding ?? (isJson ? 'utf-8' : (options.preset?.encoding ?? 'utf-8'));
  const text = decodeText(all, encoding, watch);
  if (isJson) {
    let content = '';
    let size = 0;
    for await (const piece of text) {
      size += piece.length;
      if (size > MAX_JSON_BYTES) {
        await text.return(undefined);
        return refused(file, policy, { code: 'file-unreadable', params: { detail: `larger than ${MAX_JSON_BYTES / 1024 / 1024} MB` } });
      }
      content += piece;
    }
    if (watch.invalid) return refused(file, policy, { code: 'invalid-encoding', params: { count: 0 } });
    return readOrderJson(content, { ...options, file, policy });
  }
  const preset = options.preset ?? SHOPIFY_PRESET;
  const result = await readOrderCsv(text, watch, {
    ...options,
    file,
    policy,
    preset,
    format: preset.source === SHOPIFY_PRESET.source && preset.layout === SHOPIFY_PRESET.layout ? 'shopify-csv' : 'mapped-csv',
    ...(limit !== undefined ? { limit } : {}),
  });
  if (!options.preset && result.report.problems.some((p) => p.code === 'missing-column')) {
    // No mapping was chosen and this is not Shopify's export: ask for a mapping rather than list Shopify's columns.
    const columns = result.report.problems.find((p) => p.code === 'missing-column')?.params['columns'] ?? '';
    return refused(file, policy, { code: 'unknown-layout', params: { columns } });
  }
  return result;
}

/** Reads an order file from any byte source (a file stream, a buffer, an upload). */
export function importOrders(file: string, bytes: ByteSource, options: ImportOrdersOptions = {}): Promise<OrderImportResult> {
  return readCsvOrJson(basename(file), bytes, options, undefined);
}

/** The first `limit` orders as they will be read, before anything is saved (the mapping screen's preview). */
export function previewOrders(
  file: string,
  bytes: ByteSource,
  options: ImportOrdersOptions & { limit: number },
): Promise<OrderImportResult> {
  return readCsvOrJson(basename(file), bytes, options, options.limit);
}

/** Reads an order file from disk, streaming (a 50,000-line export never sits in memory whole). */
export async function importOrderFile(path: string, options: ImportOrdersOptions = {}): Promise<OrderImportResult> {
  const stream = createReadStream(path);
  try {
    return await importOrders(path, stream, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EBUSY' || code === 'EPERM') {
      return refused(basename(path), options.policy ?? 'import-good-rows', { code: 'file-unreadable', params: { detail: code } });
    }
    throw error;
  } finally {
    stream.destroy();
  }
}
