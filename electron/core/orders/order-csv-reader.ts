/**
 * The one reader core for order CSVs: a column mapping preset (Shopify's
 * export is just the built-in one) turns rows into orders, in either layout.
 *
 * One row per line: rows are grouped into orders by the preset's `groupBy`
 * columns (Shopify: `Id`, then `Name`, since names can repeat and `Id` is
 * only on an order's first row). Order-level fields come from the first row
 * of each order; a later row only fills what is still blank, so its blank
 * cells never override. One row per order: each row is an order, and its
 * lines come from numbered columns (`Item {n} SKU`) or from one set of line
 * columns. Either way a value a cell does not state is never made up.
 */
import type { AttentionOptions } from '../../../shared/domain/order-attention';
import {
  LINE_FIELDS,
  MAX_NUMBERED_ITEMS,
  NUMBERED_ITEM_PLACEHOLDER,
  ORDER_FIELDS,
  type LineField,
  type OrderCsvPreset,
  type OrderField,
} from '../../../shared/domain/order-csv-presets';
import {
  PROBLEM_VALUE_MAX_CHARS,
  type ImportFormat,
  type ImportPolicy,
  type ImportProblem,
  type ImportProblemCode,
  type OrderImportResult,
} from '../../../shared/domain/order-import';
import type { Order, OrderLine } from '../../../shared/domain/orders';
import {
  excerpt,
  parseBoolean,
  parseDecimal,
  parseLineStatus,
  parseOrderStatus,
  parseQuantity,
  parseTimestamp,
  splitName,
  weightToKg,
  withoutTextMarker,
} from './cell-values';
import { openCsvTable, type CsvRowProblem } from './csv-table';
import { settleOrders, type DraftOrder } from './settle-orders';
import type { DecodeWatch } from './text-input';

export interface ReadOrderCsvOptions extends AttentionOptions {
  file: string;
  preset: OrderCsvPreset;
  format: ImportFormat;
  policy: ImportPolicy;
  /** Preview: stop once this many orders are complete (the rest of the file is not read). */
  limit?: number;
}

/** A cell and where it came from. */
interface Cell {
  value: string;
  row: number;
  column: string;
}

interface LineDraft {
  row: number;
  cells: Partial<Record<LineField, Cell>>;
}

interface Group {
  key: string;
  firstRow: number;
  groupValues: string[];
  fields: Partial<Record<OrderField, Cell>>;
  lines: LineDraft[];
}

/** Header name → index, matched without regard to case or surrounding spaces. */
function indexHeader(header: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!map.has(k)) map.set(k, i);
  });
  return map;
}

type Columns = Array<{ index: number; name: string }>;

function resolve(index: Map<string, number>, header: readonly string[], names: readonly string[] | undefined): Columns {
  const out: Columns = [];
  for (const name of names ?? []) {
    const i = index.get(name.trim().toLowerCase());
    if (i !== undefined) out.push({ index: i, name: header[i]! });
  }
  return out;
}

function firstCell(cells: readonly string[], columns: Columns, row: number): Cell | undefined {
  for (const c of columns) {
    const value = (cells[c.index] ?? '').trim();
    if (value !== '') return { value, row, column: c.name };
  }
  return undefined;
}

export async function readOrderCsv(
  text: AsyncIterable<string>,
  watch: DecodeWatch,
  options: ReadOrderCsvOptions,
): Promise<OrderImportResult> {
  const { preset } = options;
  const fileProblems: ImportProblem[] = [];
  const problem = (
    severity: ImportProblem['severity'],
    code: ImportProblemCode,
    at: { row: number | null; column: string | null; value?: string; order?: string },
    params: Record<string, string | number> = {},
  ): ImportProblem => ({
    severity,
    code,
    row: at.row,
    column: at.column,
    value: excerpt(at.value ?? '', PROBLEM_VALUE_MAX_CHARS),
    order: at.order ?? '',
    params,
  });
  const settle = (drafts: DraftOrder[], rows: number) =>
    settleOrders(drafts, { ...options, format: options.format, preset: preset.name, rows, problems: fileProblems });

  const table = await openCsvTable(text, preset.delimiter);
  const tableProblems = (problems: readonly CsvRowProblem[]) => {
    for (const p of problems) {
      const at = { row: p.row, column: null };
      if (p.code === 'row-cell-count') fileProblems.push(problem('error', p.code, at, { expected: p.expected, found: p.found }));
      else if (p.code === 'unreadable-row') fileProblems.push(problem('error', p.code, at, { detail: p.detail }));
      else fileProblems.push(problem('error', p.code, at));
    }
  };
  if (!table) {
    fileProblems.push(problem('error', 'empty-file', { row: null, column: null }));
    return settle([], 0);
  }
  const { header } = table;
  const index = indexHeader(header);
  const missing = preset.required.filter((c) => !index.has(c.trim().toLowerCase()));
  if (missing.length > 0) {
    await table.rows.return(undefined);
    for (const column of missing) {
      fileProblems.push(problem('error', 'missing-column', { row: null, column }, { columns: excerpt(header.join(', '), 300) }));
    }
    return settle([], 0);
  }

  const orderColumns = new Map<OrderField, Columns>(ORDER_FIELDS.map((f) => [f, resolve(index, header, preset.columns[f])]));
  // Line column sets: one per numbered item (order-per-row with `{n}`), else one.
  const numbered =
    preset.layout === 'order-per-row' && LINE_FIELDS.some((f) => preset.columns[f]?.some((c) => c.includes(NUMBERED_ITEM_PLACEHOLDER)));
  const lineSets: Array<Map<LineField, Columns>> = [];
  for (let n = 1; n <= (numbered ? MAX_NUMBERED_ITEMS : 1); n += 1) {
    const set = new Map<LineField, Columns>(
      LINE_FIELDS.map((f) => [
        f,
        resolve(
          index,
          header,
          preset.columns[f]?.map((c) => c.split(NUMBERED_ITEM_PLACEHOLDER).join(String(n))),
        ),
      ]),
    );
    if (numbered && [...set.values()].every((c) => c.length === 0)) break;
    lineSets.push(set);
  }
  const groupColumns = resolve(
    index,
    header,
    preset.groupBy.length > 0 ? preset.groupBy : [...(preset.columns.externalId ?? []), ...(preset.columns.orderNumber ?? [])],
  );

  const groups = new Map<string, Group>();
  const byValue = groupColumns.map(() => new Map<string, Group>());
  let current: Group | null = null;
  let rows = 0;
  let firstBadCell: Cell | null = null;
  let badRows = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;

  const lineOf = (cells: string[], row: number, set: Map<LineField, Columns>): LineDraft | null => {
    const line: LineDraft = { row, cells: {} };
    let any = false;
    for (const [field, columns] of set) {
      const cell = firstCell(cells, columns, row);
      if (cell) {
        line.cells[field] = cell;
        any = true;
      }
    }
    return any ? line : null;
  };

  for await (const { row, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    rows += 1;
    if (watch.invalid && cells.some((c) => c.includes('\uFFFD'))) {
      badRows += 1;
      if (firstBadCell === null) {
        const i = cells.findIndex((c) => c.includes('\uFFFD'));
        firstBadCell = { value: cells[i]!, row, column: header[i] ?? String(i + 1) };
      }
    }
    const values = groupColumns.map((c) => (cells[c.index] ?? '').trim());
    let group: Group | undefined;
    if (preset.layout === 'line-per-row') {
      const strongest = values.findIndex((v) => v !== '');
      if (strongest < 0) {
        if (!current) {
          fileProblems.push(problem('error', 'no-order-id', { row, column: groupColumns[0]?.name ?? null }));
          continue;
        }
        group = current;
      } else if (current && values.every((v, k) => v === '' || v === current!.groupValues[k])) {
        group = current;
      } else {
        group = byValue[strongest]!.get(values[strongest]!);
      }
    } else if (values.every((v) => v === '')) {
      fileProblems.push(problem('error', 'no-order-id', { row, column: groupColumns[0]?.name ?? null }));
      continue;
    }
    if (!group) {
      const key = `${row}`;
      group = { key, firstRow: row, groupValues: values, fields: {}, lines: [] };
      if (groups.size >= limit) break;
      groups.set(key, group);
      values.forEach((v, k) => {
        if (v !== '' && !byValue[k]!.has(v)) byValue[k]!.set(v, group!);
      });
    }
    current = group;
    for (const [field, columns] of orderColumns) {
      if (group.fields[field]) continue;
      const cell = firstCell(cells, columns, row);
      if (cell) group.fields[field] = cell;
    }
    for (const set of lineSets) {
      const line = lineOf(cells, row, set);
      if (line) group.lines.push(line);
    }
  }

  tableProblems(table.problems);
  if (watch.invalid) {
    fileProblems.push(
      problem(
        'error',
        'invalid-encoding',
        { row: firstBadCell?.row ?? null, column: firstBadCell?.column ?? null, value: firstBadCell?.value ?? '' },
        { count: badRows },
      ),
    );
    // It names the first row it shows in, but the whole file is refused: re-save it, don't patch a row.
    return settleOrders([], { ...options, preset: preset.name, rows, problems: fileProblems, refused: true });
  }
  if (rows === 0 && !fileProblems.some((p) => p.severity === 'error')) {
    fileProblems.push(problem('error', 'no-rows', { row: null, column: null }));
  }
  const drafts = [...groups.values()].map((g) => buildOrder(g, preset, problem));
  return settle(drafts, rows);
}

type ProblemFactory = (
  severity: ImportProblem['severity'],
  code: ImportProblemCode,
  at: { row: number | null; column: string | null; value?: string; order?: string },
  params?: Record<string, string | number>,
) => ImportProblem;

function buildOrder(group: Group, preset: OrderCsvPreset, problem: ProblemFactory): DraftOrder {
  const f = (field: OrderField) => group.fields[field]?.value ?? '';
  const externalId = f('externalId') || f('orderNumber');
  const orderNumber = f('orderNumber') || externalId;
  const ref = orderNumber || externalId;
  const problems: ImportProblem[] = [];
  const at = (cell: Cell) => ({ row: cell.row, column: cell.column, value: cell.value, order: ref });

  const named = group.fields.recipientFirstName || group.fields.recipientLastName;
  const { firstName, lastName } = named
    ? { firstName: f('recipientFirstName'), lastName: f('recipientLastName') }
    : splitName(f('recipientName'));
  const country = f('countryCode') || preset.defaults.countryCode;

  let fulfillmentStatus = parseOrderStatus(f('fulfillmentStatus'), preset.statusValues);
  if (fulfillmentStatus === null) {
    problems.push(problem('error', 'invalid-status', at(group.fields.fulfillmentStatus!)));
    fulfillmentStatus = 'unfulfilled';
  }
  let cancelledAt: string | null = null;
  if (group.fields.cancelledAt) {
    cancelledAt = parseTimestamp(f('cancelledAt'));
    if (cancelledAt === null) {
      // Still cancelled: a filled cell says so, whatever its date format.
      cancelledAt = f('cancelledAt');
      problems.push(problem('warning', 'invalid-date', at(group.fields.cancelledAt)));
    }
  }
  let currency = (f('currency') || preset.defaults.currency).toUpperCase();
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) {
    problems.push(problem('error', 'invalid-currency', at(group.fields.currency!)));
    currency = '';
  }

  const lines: OrderLine[] = [];
  for (const draft of group.lines) {
    const c = draft.cells;
    const v = (field: LineField) => c[field]?.value ?? '';
    const lineAt = (field: LineField) => at(c[field]!);
    if (!c.lineSku && !c.lineName) {
      // A row with only a price or a status but no item: say which row, not just that something is off.
      problems.push(problem('error', 'missing-line-name', { row: draft.row, column: null, order: ref }));
      continue;
    }
    if (!c.lineQuantity) {
      problems.push(problem('error', 'invalid-quantity', { row: draft.row, column: preset.columns.lineQuantity?.[0] ?? null, order: ref }));
      continue;
    }
    const quantity = parseQuantity(v('lineQuantity'));
    if (quantity === null) {
      problems.push(problem('error', 'invalid-quantity', lineAt('lineQuantity')));
      continue;
    }
    if (quantity === 0) {
      problems.push(problem('warning', 'zero-quantity', lineAt('lineQuantity')));
      continue;
    }
    let unitPrice: OrderLine['unitPrice'] = null;
    if (c.linePrice) {
      const amount = parseDecimal(v('linePrice'), preset.decimalSeparator);
      if (amount === null || amount < 0) {
        problems.push(problem('error', 'invalid-number', lineAt('linePrice')));
        continue;
      }
      if (currency !== '') unitPrice = { amount, currency };
    }
    let requiresShipping = preset.defaults.requiresShipping;
    if (c.lineRequiresShipping) {
      const b = parseBoolean(v('lineRequiresShipping'));
      if (b === null) {
        problems.push(problem('error', 'invalid-boolean', lineAt('lineRequiresShipping')));
        continue;
      }
      requiresShipping = b;
    }
    const status = parseLineStatus(v('lineFulfillmentStatus'), preset.lineStatusValues);
    if (status === null) {
      problems.push(problem('error', 'invalid-status', lineAt('lineFulfillmentStatus')));
      continue;
    }
    if (status === 'partial' && requiresShipping)
      problems.push(problem('warning', 'line-partly-fulfilled', lineAt('lineFulfillmentStatus')));
    let unitWeightKg: number | null = null;
    if (c.lineUnitWeight) {
      const w = parseDecimal(v('lineUnitWeight'), preset.decimalSeparator);
      if (w === null || w <= 0) {
        problems.push(problem('error', 'invalid-number', lineAt('lineUnitWeight')));
        continue;
      }
      unitWeightKg = weightToKg(w, preset.weightUnit);
    }
    lines.push({
      sku: v('lineSku'),
      name: v('lineName') || v('lineSku'),
      quantity,
      unitPrice,
      requiresShipping,
      fulfillmentStatus: status,
      unitWeightKg,
    });
  }
  if (group.lines.length === 0) problems.push(problem('error', 'no-lines', { row: group.firstRow, column: null, order: ref }));

  const order: Order = {
    source: preset.source,
    externalId,
    orderNumber,
    email: f('email'),
    shipTo: {
      contact: { firstName, lastName, phone: withoutTextMarker(f('phone')), email: f('email') },
      company: f('company'),
      address: {
        streetLines: [f('street1'), f('street2'), f('street3')].filter((s) => s !== ''),
        city: f('city'),
        state: f('state'),
        postalCode: withoutTextMarker(f('postalCode')),
        countryCode: /^[a-z]{2}$/i.test(country) ? country.toUpperCase() : country,
      },
    },
    currency,
    lines,
    notes: f('notes'),
    cancelledAt,
    fulfillmentStatus,
  };
  return { order, row: group.firstRow, problems };
}
