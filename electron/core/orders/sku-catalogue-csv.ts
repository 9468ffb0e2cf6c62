/**
 * The SKU catalogue as a CSV (docs in docs/orders-import.md): SKU, English
 * description, local description, unit weight with its unit, unit value
 * override with its currency, HS code, origin country. Same decoding and
 * parsing as order files. A weight or value without its unit is refused, not
 * assumed: "350" could be grams or pounds, and customs sees the difference.
 */
import { PROBLEM_VALUE_MAX_CHARS, type ImportProblem, type ImportProblemCode } from '../../../shared/domain/order-import';
import { isCountryCode } from '../../../shared/domain/countries';
import { WEIGHT_UNITS, type WeightUnit } from '../../../shared/domain/order-csv-presets';
import { HS_CODE_PATTERN, type SkuEntry } from '../../../shared/domain/sku-catalogue';
import { excerpt, parseDecimal, weightToKg } from './cell-values';
import { openCsvTable } from './csv-table';
import { decodeText, peekBytes, sniffFileKind, type ByteSource, type DecodeWatch } from './text-input';

/** Header names we read (case and surrounding spaces ignored), first match wins. */
export const CATALOGUE_COLUMNS = {
  sku: ['SKU'],
  descriptionEn: ['English description', 'Description (English)', 'Description EN', 'Description'],
  descriptionLocal: ['Local description', 'Description (local)', 'Description local'],
  unitWeight: ['Unit weight', 'Weight'],
  weightUnit: ['Weight unit'],
  unitValue: ['Unit value', 'Value override', 'Unit value override'],
  currency: ['Currency', 'Value currency'],
  hsCode: ['HS code', 'HS', 'Harmonized code', 'HS tariff code'],
  originCountry: ['Origin country', 'Country of origin', 'Origin'],
} as const;
type CatalogueColumn = keyof typeof CATALOGUE_COLUMNS;

export interface CatalogueReadResult {
  file: string;
  /** False when the file as a whole could not be read (nothing to apply). */
  accepted: boolean;
  rows: number;
  entries: SkuEntry[];
  /** The file row each entry was read from (same order as `entries`). */
  entryRows: number[];
  problems: ImportProblem[];
}

/** `350 g`, `0.35kg`, `12 oz`, `1.2 lb`: the number and its unit; a bare number has none. */
function splitWeight(text: string, decimalSeparator: '.' | ','): { value: number | null; unit: WeightUnit | null } {
  const m = /^(.*?)\s*(kg|g|lb|lbs|oz)?$/i.exec(text.trim());
  const unitText = m?.[2]?.toLowerCase() ?? null;
  const unit = unitText === 'lbs' ? 'lb' : (unitText as WeightUnit | null);
  return { value: parseDecimal(m?.[1] ?? '', decimalSeparator), unit };
}

/** `12.50 USD` or `12.50`. */
function splitMoney(text: string, decimalSeparator: '.' | ','): { value: number | null; currency: string | null } {
  const m = /^(.*?)\s*([A-Za-z]{3})?$/.exec(text.trim());
  return { value: parseDecimal(m?.[1] ?? '', decimalSeparator), currency: m?.[2]?.toUpperCase() ?? null };
}

export async function readSkuCatalogue(
  file: string,
  bytes: ByteSource,
  options: { decimalSeparator?: '.' | ',' } = {},
): Promise<CatalogueReadResult> {
  const decimal = options.decimalSeparator ?? '.';
  const problems: ImportProblem[] = [];
  const problem = (
    code: ImportProblemCode,
    row: number | null,
    column: string | null,
    value = '',
    params: Record<string, string | number> = {},
  ) => problems.push({ severity: 'error', code, row, column, value: excerpt(value, PROBLEM_VALUE_MAX_CHARS), order: '', params });
  const refuse = (rows = 0): CatalogueReadResult => ({ file, accepted: false, rows, entries: [], entryRows: [], problems });

  const { head, all } = await peekBytes(bytes);
  const kind = sniffFileKind(head);
  if (kind.kind === 'empty') return (problem('empty-file', null, null), refuse());
  if (kind.kind === 'binary') return (problem('not-a-table', null, null, '', { kind: kind.what }), refuse());
  if (kind.kind === 'utf16-without-bom') return (problem('utf16-without-bom', null, null), refuse());
  const watch: DecodeWatch = { invalid: false };
  const table = await openCsvTable(decodeText(all, kind.encoding ?? 'utf-8', watch), 'auto');
  if (!table) return (problem('empty-file', null, null), refuse());

  const index = new Map(table.header.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const col = Object.fromEntries(
    Object.entries(CATALOGUE_COLUMNS).map(([key, names]) => {
      const name = names.find((n) => index.has(n.toLowerCase()));
      return [
        key,
        name === undefined ? null : { index: index.get(name.toLowerCase())!, name: table.header[index.get(name.toLowerCase())!]! },
      ];
    }),
  ) as Record<CatalogueColumn, { index: number; name: string } | null>;
  if (!col.sku) {
    await table.rows.return(undefined);
    problem('missing-column', null, 'SKU', '', { columns: excerpt(table.header.join(', '), 300) });
    return refuse();
  }

  const entries = new Map<string, SkuEntry>();
  const entryRows: number[] = [];
  let rows = 0;
  let firstBad: { row: number; column: string; value: string } | null = null;
  let badRows = 0;
  for await (const { row, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    rows += 1;
    const cell = (c: CatalogueColumn) => (col[c] ? (cells[col[c].index] ?? '').trim() : '');
    const name = (c: CatalogueColumn) => col[c]?.name ?? null;
    const bad = watch.invalid ? cells.findIndex((c) => c.includes('\uFFFD')) : -1;
    if (bad >= 0) {
      badRows += 1;
      firstBad ??= { row, column: table.header[bad] ?? String(bad + 1), value: cells[bad]! };
    }
    const sku = cell('sku');
    if (sku === '') {
      problem('missing-sku', row, name('sku'));
      continue;
    }
    if (entries.has(sku)) {
      problem('duplicate-sku', row, name('sku'), sku);
      continue;
    }
    let ok = true;
    let unitWeightKg: number | null = null;
    if (cell('unitWeight') !== '') {
      const { value, unit } = splitWeight(cell('unitWeight'), decimal);
      const columnUnit = cell('weightUnit').toLowerCase();
      const finalUnit = unit ?? (WEIGHT_UNITS.includes(columnUnit as WeightUnit) ? (columnUnit as WeightUnit) : null);
      if (value === null || value <= 0) {
        problem('invalid-number', row, name('unitWeight'), cell('unitWeight'));
        ok = false;
      } else if (finalUnit === null) {
        problem('weight-unit-missing', row, name('unitWeight'), cell('unitWeight'));
        ok = false;
      } else {
        unitWeightKg = weightToKg(value, finalUnit);
      }
    }
    let unitValue: SkuEntry['unitValue'] = null;
    if (cell('unitValue') !== '') {
      const { value, currency } = splitMoney(cell('unitValue'), decimal);
      const finalCurrency = currency ?? (/^[A-Za-z]{3}$/.test(cell('currency')) ? cell('currency').toUpperCase() : null);
      if (value === null || value < 0) {
        problem('invalid-number', row, name('unitValue'), cell('unitValue'));
        ok = false;
      } else if (finalCurrency === null) {
        problem('currency-missing', row, name('unitValue'), cell('unitValue'));
        ok = false;
      } else {
        unitValue = { amount: value, currency: finalCurrency };
      }
    }
    const hsCode = cell('hsCode');
    if (hsCode !== '' && !HS_CODE_PATTERN.test(hsCode.replace(/\s/g, ''))) {
      problem('invalid-hs-code', row, name('hsCode'), hsCode);
      ok = false;
    }
    const origin = cell('originCountry').toUpperCase();
    if (origin !== '' && !isCountryCode(origin)) {
      problem('invalid-country', row, name('originCountry'), cell('originCountry'));
      ok = false;
    }
    if (!ok) continue;
    entryRows.push(row);
    entries.set(sku, {
      sku,
      descriptionEn: cell('descriptionEn'),
      descriptionLocal: cell('descriptionLocal'),
      unitWeightKg,
      unitValue,
      hsCode,
      originCountry: origin,
    });
  }
  for (const p of table.problems) {
    problem(
      p.code === 'row-cell-count' ? 'row-cell-count' : p.code === 'unreadable-row' ? 'unreadable-row' : p.code,
      p.row,
      null,
      '',
      p.code === 'row-cell-count' ? { expected: p.expected, found: p.found } : p.code === 'unreadable-row' ? { detail: p.detail } : {},
    );
  }
  if (watch.invalid) {
    problems.length = 0;
    problem('invalid-encoding', firstBad?.row ?? null, firstBad?.column ?? null, firstBad?.value ?? '', { count: badRows });
    return refuse(rows);
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { file, accepted: true, rows, entries: [...entries.values()], entryRows, problems };
}
