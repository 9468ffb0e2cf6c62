/**
 * What an order import says afterwards, for the import screen, the watched
 * folder's report file and the orders list: which orders were read, which
 * were skipped and why, what could not be read (file, row, column, what to
 * do) and which orders need attention before they can ship. Problems carry a
 * code and parameters, not sentences, so each screen words them in the
 * packer's language (`describeImportProblem`).
 */
import { translate } from '../i18n';
import type { Language } from './settings';
import type { AttentionItem } from './order-attention';
import type { Order, OrderKey } from './orders';

export const IMPORT_PROBLEM_CODES = [
  // The file as a whole.
  'empty-file',
  'not-a-table',
  'utf16-without-bom',
  'invalid-encoding',
  'unknown-layout',
  'missing-column',
  'no-rows',
  'quote-not-closed',
  'invalid-json',
  'json-not-ours',
  'json-newer-version',
  'file-unreadable',
  // One row (CSV) or one order (JSON).
  'unreadable-row',
  'row-cell-count',
  'row-bad-quote',
  'no-order-id',
  'invalid-quantity',
  'zero-quantity',
  'invalid-number',
  'invalid-boolean',
  'invalid-status',
  'invalid-date',
  'invalid-currency',
  'missing-line-name',
  'no-lines',
  'invalid-field',
  'line-partly-fulfilled',
  // One row of the SKU catalogue.
  'missing-sku',
  'duplicate-sku',
  'weight-unit-missing',
  'currency-missing',
  'invalid-hs-code',
  'invalid-country',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  /** `error`: the row's order (or, without a row, the file) is not imported; `warning`: imported, worth a look. */
  severity: 'error' | 'warning';
  code: ImportProblemCode;
  /** Spreadsheet row number (the header is row 1), or the JSON order's position (1 = first); null for the whole file. */
  row: number | null;
  /** The column's header as written in the file, or a JSON field path; null when no one column is at fault. */
  column: string | null;
  /** The cell's text as read (cut to 80 characters), '' when not about a value. */
  value: string;
  /** The order the row belongs to (its number, else its id), '' when unknown. */
  order: string;
  /** Extra facts for the message (`columns`, `detail`, `encoding`, …). */
  params: Record<string, string | number>;
}

export const SKIP_REASONS = ['cancelled', 'fulfilled', 'restocked', 'no-shippable-line', 'duplicate'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedOrder {
  key: OrderKey;
  orderNumber: string;
  reason: SkipReason;
  /** First row of the order in the file. */
  row: number;
  /** Set for `cancelled`: storage marks an order that already has a label "cancelled after labelling — do not ship". */
  cancelledAt: string | null;
}

export interface ImportedOrder {
  order: Order;
  /** First row of the order in the file (JSON: position in `orders`, 1 = first). */
  row: number;
  /** Empty when the order is ready to ship as far as the file and catalogue can tell. */
  attention: AttentionItem[];
}

export const IMPORT_POLICIES = ['import-good-rows', 'all-or-nothing'] as const;
export type ImportPolicy = (typeof IMPORT_POLICIES)[number];
export const IMPORT_FORMATS = ['shopify-csv', 'mapped-csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface OrderImportReport {
  /** The file's name as the packer knows it (no folders). */
  file: string;
  /** Null when the file could not be recognised at all. */
  format: ImportFormat | null;
  /** The column mapping used (CSV), null otherwise. */
  preset: string | null;
  policy: ImportPolicy;
  /** False when nothing is imported: a file-level error, or any error under `all-or-nothing`. */
  accepted: boolean;
  /** Data rows read (CSV, header excluded) or orders in the JSON file. */
  rows: number;
  /** Orders to store (those in `orders`), attention or not. */
  imported: number;
  skipped: SkippedOrder[];
  problems: ImportProblem[];
  /** Imported orders that cannot ship yet, with the reason per field. */
  needsAttention: Array<{ key: OrderKey; orderNumber: string; row: number; items: AttentionItem[] }>;
}

export interface OrderImportResult {
  report: OrderImportReport;
  /** Empty when `report.accepted` is false. */
  orders: ImportedOrder[];
}

export const PROBLEM_VALUE_MAX_CHARS = 80;

/** One sentence: where (file, row, column), what is wrong, what to do. */
export function describeImportProblem(language: Language, file: string, problem: ImportProblem): string {
  const where =
    problem.row === null
      ? translate(language, 'orderImport.where.file', { file })
      : problem.column === null
        ? translate(language, 'orderImport.where.row', { file, row: problem.row })
        : translate(language, 'orderImport.where.cell', { file, row: problem.row, column: problem.column });
  const params: Record<string, string | number> = {
    value: problem.value,
    column: problem.column ?? '',
    order: problem.order,
    ...problem.params,
  };
  if (typeof params['kind'] === 'string') params['kind'] = translate(language, `orderImport.kinds.${params['kind']}`);
  const text = translate(language, `orderImport.problems.${problem.code}`, params);
  return translate(language, 'orderImport.where.line', { where, text });
}

export function describeSkip(language: Language, skipped: SkippedOrder): string {
  return translate(language, `orderImport.skipped.${skipped.reason}`, {
    order: skipped.orderNumber || skipped.key.externalId,
    row: skipped.row,
  });
}

export function describeAttention(language: Language, item: AttentionItem): string {
  return translate(language, `orderImport.attention.${item.reason}`, {
    field: translate(language, `orderImport.fields.${fieldKey(item.field)}`),
    detail: item.detail,
    suggestion: item.suggestion ? translate(language, 'orderImport.didYouMean', { code: item.suggestion }) : '',
  });
}

/** `lines.3.unitWeightKg` → `unitWeightKg`; `shipTo.address.countryCode` → `countryCode`: the catalogue's field names. */
function fieldKey(field: string): string {
  return field.split('.').at(-1) ?? field;
}

/** The report as plain text, for the file the watched folder writes beside an imported file. */
export function formatImportReport(language: Language, report: OrderImportReport): string {
  const lines: string[] = [];
  lines.push(
    translate(language, report.accepted ? 'orderImport.summary.accepted' : 'orderImport.summary.refused', {
      file: report.file,
      rows: report.rows,
      imported: report.imported,
      skipped: report.skipped.length,
      attention: report.needsAttention.length,
    }),
  );
  if (report.problems.length > 0) {
    lines.push('', translate(language, 'orderImport.summary.problems'));
    for (const p of report.problems) lines.push(`- ${describeImportProblem(language, report.file, p)}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', translate(language, 'orderImport.summary.skipped'));
    for (const s of report.skipped) lines.push(`- ${describeSkip(language, s)}`);
  }
  if (report.needsAttention.length > 0) {
    lines.push('', translate(language, 'orderImport.summary.attention'));
    for (const a of report.needsAttention) {
      lines.push(`- ${a.orderNumber || a.key.externalId}: ${a.items.map((i) => describeAttention(language, i)).join('; ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
