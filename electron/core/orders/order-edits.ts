/**
 * The packer's corrections to an imported order, kept apart from what the
 * file said (pure). Each edited field remembers the file value it replaced
 * (`base`), which is what makes a re-import three-way:
 * - the file still says `base`: nothing changed there, the edit stands;
 * - the file now says what the packer typed: the two agree, the edit is dropped;
 * - the file says something else: a conflict. Local edits win, the
 *   difference is reported, and `base` moves to the file's new value so the
 *   same file imported again reports nothing new.
 */
import { EDITABLE_ORDER_FIELDS, type EditableOrderField, type OrderConflict, type OrderEdits } from '../../../shared/domain/order-desk';
import type { Order } from '../../../shared/domain/orders';

export type EditRecord = Partial<Record<EditableOrderField, { value: unknown; base: unknown }>>;

/** The same value, whatever the key order of its objects (the order JSON is written by one code path, but lines are objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function getField(order: Order, field: EditableOrderField): unknown {
  let node: unknown = order;
  for (const part of field.split('.')) node = (node as Record<string, unknown>)[part];
  return node;
}

function setField(order: Order, field: EditableOrderField, value: unknown): Order {
  const copy = structuredClone(order) as unknown as Record<string, unknown>;
  const parts = field.split('.');
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = structuredClone(value);
  return copy as unknown as Order;
}

/** The order as it ships: the file's values with the packer's on top. */
export function applyEdits(imported: Order, edits: EditRecord): Order {
  let order = imported;
  for (const field of EDITABLE_ORDER_FIELDS) {
    const edit = edits[field];
    if (edit) order = setField(order, field, edit.value);
  }
  return order;
}

/** The packer edits fields (and gives others back to the file); an edit equal to the file's value is no edit. */
export function editOrder(imported: Order, edits: EditRecord, changes: OrderEdits, revert: readonly EditableOrderField[]): EditRecord {
  const next: EditRecord = { ...edits };
  for (const field of revert) delete next[field];
  for (const field of EDITABLE_ORDER_FIELDS) {
    if (!(field in changes)) continue;
    const value = (changes as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const base = getField(imported, field);
    if (sameValue(value, base)) delete next[field];
    else next[field] = { value, base: next[field]?.base ?? base };
  }
  return next;
}

export interface Reimport {
  edits: EditRecord;
  /** Fields both sides changed (the packer's value kept). */
  conflicts: Array<Pick<OrderConflict, 'field' | 'fileValue' | 'keptValue'>>;
}

/** A new version of the order from the file, against the packer's edits. */
export function reimport(fresh: Order, edits: EditRecord): Reimport {
  const next: EditRecord = {};
  const conflicts: Reimport['conflicts'] = [];
  for (const field of EDITABLE_ORDER_FIELDS) {
    const edit = edits[field];
    if (!edit) continue;
    const fileValue = getField(fresh, field);
    if (sameValue(fileValue, edit.base)) {
      next[field] = edit;
    } else if (sameValue(fileValue, edit.value)) {
      // The shop was corrected the same way: nothing left to keep apart.
    } else {
      conflicts.push({ field, fileValue: JSON.stringify(fileValue), keptValue: JSON.stringify(edit.value) });
      next[field] = { value: edit.value, base: fileValue };
    }
  }
  return { edits: next, conflicts };
}

export function parseEdits(json: string | null): EditRecord {
  if (!json) return {};
  const raw = JSON.parse(json) as Record<string, { value: unknown; base: unknown }>;
  const out: EditRecord = {};
  // Re-validated when read back: only fields this version knows, each with both halves.
  for (const field of EDITABLE_ORDER_FIELDS) {
    const e = raw[field];
    if (e && typeof e === 'object' && 'value' in e && 'base' in e) out[field] = { value: e.value, base: e.base };
  }
  return out;
}

export function editsJson(edits: EditRecord): string | null {
  return Object.keys(edits).length === 0 ? null : JSON.stringify(edits);
}
