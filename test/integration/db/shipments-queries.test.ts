/**
 * The list's queries against a reference: the same filter, search and sort
 * done in plain TypeScript over the same rows, on SQLite and on PostgreSQL
 * (each dialect has its own variant of the list query; both must mean the
 * same). Covers both search strategies (sorting a few matches, walking the
 * sort index past many) and the prefix search of short text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countShipmentsByTag,
  insertShipment,
  listShipments,
  SEARCH_TOTAL_MAX,
  trigramIndexKey,
  type ShipmentListQuery,
} from '../../../electron/core/db/queries/shipments';
import type { DialectName } from '../../../electron/core/db/types';
import { inTransaction } from '../../../electron/core/db/types';
import { TAGS, type Tag } from '../../../shared/domain/tags';
import { testDialects } from '../../helpers/dialects';
import { tempDb, type TempDb } from '../tracking/seed';

interface Row {
  id: string;
  trackingNumber: string | null;
  orderNumber: string;
  recipientName: string;
  destination: string | null;
  tag: Tag;
  createdAt: number;
  activityAt: number;
}

const COUNT = 3_000;
/** Cases and scripts the text sorts must agree on (NOCASE folds ASCII letters only; the rest is byte order). */
const DESTINATIONS = ['Berlin, DE', 'berlin, DE', 'Zürich, CH', 'zurich, CH', 'Ōsaka, JP', '東京, JP', 'Los Angeles, US', '_Depot, US', null];
const rows: Row[] = [];
for (let i = 0; i < COUNT; i++) {
  rows.push({
    id: `s${String(i).padStart(5, '0')}`,
    // A label not made yet has no tracking number: those sort first going up.
    trackingNumber: i % 97 === 5 ? null : `${i % 3 === 0 ? 'yt' : 'YT'}${String((i * 7919) % 100_000).padStart(8, '0')}CN`,
    // Underscores and percent signs: literal text in a search, never LIKE wildcards.
    orderNumber: i % 500 === 7 ? `ord_${i}%` : `ord-${i}`,
    // 2,700 "Buyer"s (more than the sort limit: the index walk) and 300 "Rare"s (sorted).
    recipientName: i % 10 === 3 ? `Kim Rare${i}` : i % 10 === 4 ? 'pat buyer' : `Pat Buyer`,
    destination: DESTINATIONS[i % DESTINATIONS.length]!,
    tag: TAGS[i % TAGS.length]!,
    createdAt: 1_000 + ((i * 31) % COUNT),
    // Ties on purpose: the id breaks them.
    activityAt: 5_000 + ((i * 17) % 500),
  });
}

async function seed(t: TempDb): Promise<void> {
  await inTransaction(t.db, async (tx) => {
    for (const row of rows) {
      await insertShipment(tx, {
        ...row,
        provider: 'flexforward',
        remoteId: null,
        currentAttempt: null,
        at: row.createdAt,
      });
      await tx.updateTable('shipments').set({ tag: row.tag, activity_at: row.activityAt }).where('id', '=', row.id).execute();
    }
  });
}

/** Byte order of the UTF-8 text. */
const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
/** The list's text order: ASCII letters without case, then bytes; no value first. */
const folded = (a: string | null, b: string | null): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const fold = (v: string) => v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return bytes(fold(a), fold(b));
};

/**
 * PostgreSQL counts a search up to SEARCH_TOTAL_MAX matches and says so beyond it (the list reaches that far);
 * SQLite counts them all.
 */
function reference(q: ShipmentListQuery, dialect: DialectName): { ids: string[]; total: number; totalIsLowerBound?: boolean } {
  const s = q.search?.trim().toLowerCase();
  const hit = (r: Row) =>
    !s ||
    (s.length >= 3
      ? [r.trackingNumber, r.orderNumber, r.recipientName].some((v) => v?.toLowerCase().includes(s))
      : [r.trackingNumber, r.orderNumber].some((v) => v?.toLowerCase().startsWith(s)));
  const matching = rows.filter((r) => (!q.tag || r.tag === q.tag) && hit(r));
  const cmp = (a: Row, b: Row) => {
    if (q.sort === 'activity_asc') return a.activityAt - b.activityAt || a.id.localeCompare(b.id);
    if (q.sort === 'created_desc') return b.createdAt - a.createdAt || b.id.localeCompare(a.id);
    if (q.sort === 'activity_desc') return b.activityAt - a.activityAt || b.id.localeCompare(a.id);
    const [column, dir] = q.sort.split('_') as [string, 'asc' | 'desc'];
    const sign = dir === 'asc' ? 1 : -1;
    if (column === 'status') return sign * (bytes(a.tag, b.tag) || a.activityAt - b.activityAt || a.id.localeCompare(b.id));
    const key = { tracking: 'trackingNumber', order: 'orderNumber', recipient: 'recipientName', destination: 'destination' }[column] as
      | 'trackingNumber'
      | 'orderNumber'
      | 'recipientName'
      | 'destination';
    return sign * (folded(a[key], b[key]) || a.id.localeCompare(b.id));
  };
  const bounded = dialect === 'postgres' && s !== undefined && s !== '' && matching.length > SEARCH_TOTAL_MAX;
  const total = bounded ? SEARCH_TOTAL_MAX : matching.length;
  return {
    ids: matching
      .sort(cmp)
      .slice(0, total)
      .slice(q.offset, q.offset + q.limit)
      .map((r) => r.id),
    total,
    ...(bounded ? { totalIsLowerBound: true } : {}),
  };
}

const cases: Array<Partial<ShipmentListQuery>> = [
  {},
  { sort: 'activity_asc', offset: 250 },
  { sort: 'created_desc', offset: 2_950 },
  { tag: 'InTransit' },
  { tag: 'Exception', offset: 100 },
  { search: 'buyer' },
  { search: 'BUYER', offset: 2_600 },
  { search: 'BUYER', offset: 950 },
  { search: 'YT0000791' },
  { search: 'rd-290' },
  { search: 'rare' },
  { search: 'Rare1', tag: 'Delivered' },
  { search: '0000' },
  { search: 'ord-29' },
  { search: 'ord_' },
  { search: '7%' },
  { search: 'd_1' },
  { search: 'yt' },
  { search: 'o' },
  { search: 'no such text' },
  { offset: 5_000 },
  { sort: 'tracking_asc' },
  { sort: 'tracking_desc', offset: 2_950 },
  { sort: 'order_asc', offset: 1_000 },
  { sort: 'order_desc' },
  { sort: 'recipient_asc', offset: 2_650 },
  { sort: 'recipient_desc', offset: 290 },
  { sort: 'destination_asc' },
  { sort: 'destination_asc', offset: 2_900 },
  { sort: 'destination_desc', offset: 330 },
  { sort: 'status_asc', offset: 320 },
  { sort: 'status_desc' },
  { sort: 'recipient_asc', search: 'buyer', offset: 100 },
  { sort: 'destination_desc', search: 'rare' },
  { sort: 'tracking_asc', tag: 'Delivered' },
  { sort: 'order_desc', search: 'ord-2' },
  { sort: 'status_asc', search: 'yt' },
];

describe.each(await testDialects())('shipments list queries (%s)', (dialect) => {
  let t: TempDb;
  beforeAll(async () => {
    t = await tempDb(dialect);
    await seed(t);
  });
  afterAll(() => t.dispose());

  it.each(cases)('matches the reference for %o', async (partial) => {
    const q: ShipmentListQuery = { sort: 'activity_desc', offset: 0, limit: 100, ...partial };
    const got = await listShipments(t.db, q);
    const want = reference(q, dialect);
    expect({
      ids: got.items.map((i) => i.id),
      total: got.total,
      ...(got.totalIsLowerBound !== undefined ? { totalIsLowerBound: got.totalIsLowerBound } : {}),
    }).toEqual(want);
  });

  it('a search is looked up by its digits without their zero padding, else by all of it', () => {
    expect(trigramIndexKey('ORDER-0123457')).toBe('123457');
    expect(trigramIndexKey('YT0000791CN')).toBe('791');
    expect(trigramIndexKey('Buyer')).toBe('Buyer');
    expect(trigramIndexKey('A-12-B')).toBe('A-12-B');
    expect(trigramIndexKey('0000')).toBe('0000');
  });

  it('counts every tag, zero included', async () => {
    const { total, byTag } = await countShipmentsByTag(t.db);
    expect(total).toBe(COUNT);
    for (const tag of TAGS) expect(byTag[tag]).toBe(rows.filter((r) => r.tag === tag).length);
  });

  it('treats search text literally (quotes and FTS syntax are not operators)', async () => {
    const q: ShipmentListQuery = { sort: 'activity_desc', offset: 0, limit: 100, search: '"Buyer" OR NEAR(' };
    expect((await listShipments(t.db, q)).total).toBe(0);
  });
});
