/**
 * The last step of every import, whatever the file: orders read from rows
 * become the orders to store, the ones skipped (and why) and the report.
 * The rules of issue 12 live here once: a cancelled order is skipped (and
 * named, so storage can flag one that already has a label), fulfilled and
 * restocked orders are skipped, a partial order keeps only the lines still to
 * ship, an order with nothing to ship needs no label, and an order whose rows
 * could not all be read is not imported at all (half an order must not ship).
 */
import { orderAttention, type AttentionOptions } from '../../../shared/domain/order-attention';
import type {
  ImportFormat,
  ImportPolicy,
  ImportProblem,
  ImportedOrder,
  OrderImportResult,
  SkippedOrder,
} from '../../../shared/domain/order-import';
import { OrderSchema, orderKey, orderKeyString, shippableLines, type Order } from '../../../shared/domain/orders';

/** An order as read from its rows, before the rules apply. */
export interface DraftOrder {
  order: Order;
  /** First row of the order in the file. */
  row: number;
  /** Problems of this order's rows (errors keep it out; warnings travel with it). */
  problems: ImportProblem[];
}

export interface SettleOptions extends AttentionOptions {
  file: string;
  format: ImportFormat | null;
  preset: string | null;
  policy: ImportPolicy;
  /** Data rows read (CSV) or orders in the file (JSON). */
  rows: number;
  /** Problems of the file as a whole or of rows that belong to no order. */
  problems: ImportProblem[];
  /** Nothing imports whatever the policy (a file-level error that names a row, e.g. its encoding). */
  refused?: boolean;
}

const isError = (p: ImportProblem) => p.severity === 'error';

export function settleOrders(drafts: readonly DraftOrder[], options: SettleOptions): OrderImportResult {
  const problems: ImportProblem[] = [...options.problems];
  const skipped: SkippedOrder[] = [];
  const orders: ImportedOrder[] = [];
  const seen = new Set<string>();

  for (const draft of drafts) {
    problems.push(...draft.problems);
    if (draft.problems.some(isError)) continue;
    const order = draft.order;
    const key = orderKey(order);
    const base = { key, orderNumber: order.orderNumber, row: draft.row, cancelledAt: order.cancelledAt };
    if (seen.has(orderKeyString(key))) {
      skipped.push({ ...base, reason: 'duplicate' });
      continue;
    }
    seen.add(orderKeyString(key));
    if (order.cancelledAt !== null) {
      skipped.push({ ...base, reason: 'cancelled' });
      continue;
    }
    if (order.fulfillmentStatus === 'fulfilled' || order.fulfillmentStatus === 'restocked') {
      skipped.push({ ...base, reason: order.fulfillmentStatus });
      continue;
    }
    // Lines already sent (a partial order's fulfilled ones) or restocked never ship again.
    const open: Order = {
      ...order,
      lines: order.lines.filter((l) => l.fulfillmentStatus !== 'fulfilled' && l.fulfillmentStatus !== 'restocked'),
    };
    if (shippableLines(open).length === 0) {
      skipped.push({ ...base, reason: 'no-shippable-line' });
      continue;
    }
    const checked = OrderSchema.safeParse(open);
    if (!checked.success) {
      // The readers build orders the schema accepts; this is the guard that says so if one ever does not.
      const issue = checked.error.issues[0];
      problems.push({
        severity: 'error',
        code: 'invalid-field',
        row: draft.row,
        column: issue?.path.join('.') ?? null,
        value: '',
        order: order.orderNumber || order.externalId,
        params: { detail: issue?.message ?? 'invalid order' },
      });
      continue;
    }
    // The schema has no transforms, so the checked copy equals `open`: keep one of them (50,000-line files).
    orders.push({ order: open, row: draft.row, attention: orderAttention(open, options) });
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const fileError = options.refused === true || problems.some((p) => isError(p) && p.row === null);
  const accepted = !fileError && !(options.policy === 'all-or-nothing' && problems.some(isError));
  const kept = accepted ? orders : [];
  return {
    orders: kept,
    report: {
      file: options.file,
      format: options.format,
      preset: options.preset,
      policy: options.policy,
      accepted,
      rows: options.rows,
      imported: kept.length,
      skipped: accepted ? skipped : [],
      problems,
      needsAttention: kept
        .filter((o) => o.attention.length > 0)
        .map((o) => ({ key: orderKey(o.order), orderNumber: o.order.orderNumber, row: o.row, items: o.attention })),
    },
  };
}
