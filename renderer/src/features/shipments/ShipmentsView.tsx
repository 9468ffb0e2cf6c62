import { memo, useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SHIPMENT_SORTS, type ShipmentSort, type ShipmentSummary } from '../../../../shared/domain/shipment';
import { TAGS } from '../../../../shared/domain/tags';
import type { StationApi } from '../../../../shared/contract';
import { useStation } from '../../lib/station-context';
import { useMixedTranslation } from '../../lib/english-text';
import { useFormat, useNow } from '../../lib/format';
import { TagBadge } from './TagBadge';
import { ProviderBadge } from '../track/ProviderBadge';
import { TrackShipment } from '../track/TrackShipment';
import { TagCountsChart } from './TagCountsChart';
import { useShipmentRows, type ListFilter, type RowQuery } from './use-shipment-rows';
import { useTagCounts } from './use-tag-counts';

/** Fixed row height: rows never measure themselves, so 100,000 of them cost nothing until shown. 36 px: 12–15 rows at 1280×800. */
export const ROW_HEIGHT_PX = 36;
/** "5 min ago" and "10:42" move on by themselves. */
const CLOCK_TICK_MS = 30_000;
const OVERSCAN_ROWS = 8;
/** PageUp/PageDown move about one screenful of rows. */
const PAGE_JUMP_ROWS = 10;
/** Typing pauses this long before the list asks the station; a scanner's burst is one query. */
export const SEARCH_DEBOUNCE_MS = 200;

const SORT_LABELS = {
  activity_desc: 'shipments.sortActivityDesc',
  activity_asc: 'shipments.sortActivityAsc',
  created_desc: 'shipments.sortCreatedDesc',
  tracking_asc: 'shipments.sorts.tracking_asc',
  tracking_desc: 'shipments.sorts.tracking_desc',
  order_asc: 'shipments.sorts.order_asc',
  order_desc: 'shipments.sorts.order_desc',
  recipient_asc: 'shipments.sorts.recipient_asc',
  recipient_desc: 'shipments.sorts.recipient_desc',
  destination_asc: 'shipments.sorts.destination_asc',
  destination_desc: 'shipments.sorts.destination_desc',
  status_asc: 'shipments.sorts.status_asc',
  status_desc: 'shipments.sorts.status_desc',
} as const satisfies Record<ShipmentSort, string>;

/** The columns whose header sorts the list; the first press sorts the way a packer looks first (names A–Z, newest activity). */
type SortColumn = 'tracking' | 'order' | 'recipient' | 'destination' | 'status' | 'activity';
const FIRST_DIRECTION: Record<SortColumn, 'asc' | 'desc'> = {
  tracking: 'asc',
  order: 'asc',
  recipient: 'asc',
  destination: 'asc',
  status: 'asc',
  activity: 'desc',
};

function directionOf(sort: ShipmentSort, column: SortColumn): 'ascending' | 'descending' | 'none' {
  if (sort === `${column}_asc`) return 'ascending';
  if (sort === `${column}_desc`) return 'descending';
  return 'none';
}

/** The next sort when a column's header is pressed: its first direction, then the other way on each press. */
function nextSort(sort: ShipmentSort, column: SortColumn): ShipmentSort {
  const now = directionOf(sort, column);
  const dir = now === 'none' ? FIRST_DIRECTION[column] : now === 'ascending' ? 'desc' : 'asc';
  return `${column}_${dir}` as ShipmentSort;
}

/** A column header that sorts: a real button (Enter and Space press it), its state in aria-sort. */
function SortHeader({
  column,
  label,
  sort,
  className,
  onSort,
}: {
  column: SortColumn;
  label: string;
  sort: ShipmentSort;
  className?: string;
  onSort(next: ShipmentSort): void;
}) {
  const direction = directionOf(sort, column);
  return (
    <span role="columnheader" className={className} aria-sort={direction}>
      <button type="button" className="sort-button" data-testid={`sort-${column}`} onClick={() => onSort(nextSort(sort, column))}>
        {label}
        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
      </button>
    </span>
  );
}

/**
 * What the list was showing when the packer opened a shipment: back from its
 * detail, the list has the same search, filter and sort, and the row the
 * packer left from has the focus again. (The list is not kept mounted under
 * the detail: each mounted list holds event streams, and a browser has few
 * connections per host to spare.)
 */
const backFromDetail = new WeakMap<StationApi, { typed: string; query: RowQuery; returnTo: number | null }>();
const FIRST_QUERY: RowQuery = { search: '', tag: undefined, sort: 'activity_desc' };

export function ShipmentsView({ onOpen: open, onEndOfDay }: { onOpen(id: string): void; onEndOfDay?: () => void }) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const station = useStation();
  const fmt = useFormat();
  // Back from a shipment opened here: the same search and sort (read once; cleared once the row has its focus back).
  const [restored] = useState(() => backFromDetail.get(station) ?? null);
  const [typed, setTyped] = useState(restored?.typed ?? '');
  const [query, setQuery] = useState<RowQuery>(restored?.query ?? FIRST_QUERY);
  const rows = useShipmentRows(station, query);
  const counts = useTagCounts(station);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(CLOCK_TICK_MS);
  /** The row that has (or is about to get) the focus: key presses count from it, so quick ↓↓↓ moves three rows. */
  const focusRow = useRef<number | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => (q.search === typed.trim() ? q : { ...q, search: typed.trim() })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // While a new sort or filter loads, the table stays (its rows say "Loading…"): the header a packer just pressed
  // keeps the focus, so Enter or Space can turn the order round again.
  const [shownTotal, setShownTotal] = useState(0);
  if (rows.total !== null && rows.total !== shownTotal) setShownTotal(rows.total);
  const total = rows.total ?? shownTotal;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the one stateful object the list needs
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: OVERSCAN_ROWS,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = rows;
  useEffect(() => {
    if (total > 0) want(first, last);
  }, [want, first, last, total]);

  const setTag = useCallback((tag: ListFilter | undefined) => setQuery((q) => ({ ...q, tag })), []);

  /** Gives row `index` the focus: at once when it is on screen, else as soon as the virtualizer has rendered it. */
  const pendingFocus = useRef<number | null>(null);
  const [, setRendered] = useState(0);
  const focusIndex = useCallback(
    (index: number) => {
      focusRow.current = index;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      const row = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
      if (row) {
        pendingFocus.current = null;
        row.focus();
      } else {
        pendingFocus.current = index;
        setRendered((n) => n + 1);
      }
    },
    [virtualizer],
  );

  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row-index="${pendingFocus.current}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  // Back from a shipment's detail: the row the packer opened has the focus again, once its page has loaded.
  useEffect(() => {
    if (!restored || rows.total === null || backFromDetail.get(station) !== restored) return;
    backFromDetail.delete(station);
    if (restored.returnTo !== null && restored.returnTo < rows.total) focusIndex(restored.returnTo);
  }, [restored, station, rows.total, focusIndex]);

  const onOpen = useCallback(
    (id: string) => {
      backFromDetail.set(station, { typed, query, returnTo: focusRow.current });
      open(id);
    },
    [open, station, typed, query],
  );

  // Arrow keys walk the rows (Home/End jump), counting from the row last asked for, not the one the focus has reached yet.
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!current) return;
    const index = focusRow.current ?? Number(current.dataset.rowIndex);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: total - 1,
      PageDown: index + PAGE_JUMP_ROWS,
      PageUp: index - PAGE_JUMP_ROWS,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    focusIndex(Math.max(0, Math.min(total - 1, moves[e.key]!)));
  };

  const onRowFocus = (e: FocusEvent<HTMLDivElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (row) focusRow.current = Number(row.dataset.rowIndex);
  };

  const sortBy = (sort: ShipmentSort) => setQuery((q) => ({ ...q, sort }));

  const filtered = query.search !== '' || query.tag !== undefined;
  return (
    <section aria-labelledby="shipments-title" className="shipments">
      <div className="shipments-head">
        <h2 id="shipments-title" className="view-title">
          {t('shipments.title')}
        </h2>
        {rows.total !== null && (
          <p className="shipments-count" data-testid="shipments-count">
            {rows.totalIsLowerBound
              ? t('shipments.countAtLeast', { formatted: fmt.number(rows.total) })
              : t('shipments.count', { count: rows.total, formatted: fmt.number(rows.total) })}
          </p>
        )}
        {/* The day's labels per courier for the driver, and per packer (issue 13). */}
        {onEndOfDay && (
          <button type="button" className="link-button" onClick={onEndOfDay}>
            {t('nav.endOfDay')}
          </button>
        )}

        <div className="toolbar">
          <label className="field grow">
            {/* In a narrow window the label is one line, cut: its title (and the field's name) keep the whole of it. */}
            <span title={t('shipments.search')}>{t('shipments.search')}</span>
            <input
              type="search"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              maxLength={200}
              onKeyDown={(e) => {
                // One key from the search to the results.
                if (e.key === 'ArrowDown' && total > 0) {
                  e.preventDefault();
                  focusIndex(0);
                }
              }}
            />
          </label>
          <label className="field">
            <span>{t('shipments.tagFilter')}</span>
            <select value={query.tag ?? ''} onChange={(e) => setTag(e.target.value === '' ? undefined : (e.target.value as ListFilter))}>
              <option value="">{t('shipments.allTags')}</option>
              <option value="needs_action">{t('labelCare.standing.needs_action')}</option>
              {TAGS.map((tag) => (
                <option key={tag} value={tag}>
                  {t(`tags.${tag}`)}
                </option>
              ))}
              <option value="voided">{t('labelCare.standing.voided')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('shipments.sort')}</span>
            <select value={query.sort} onChange={(e) => setQuery((q) => ({ ...q, sort: e.target.value as RowQuery['sort'] }))}>
              {SHIPMENT_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(SORT_LABELS[s])}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <details className="box track-box">
        <summary>{t('track.title')}</summary>
        <TrackShipment onTracked={(s) => onOpen(s.id)} />
      </details>
      {counts && <TagCountsChart counts={counts} selected={query.tag} onSelect={setTag} />}
      {rows.error && (
        <p className="error" role="alert">
          {mixed('errors.generic', { message: rows.error.message }, ['message'])}
        </p>
      )}
      {rows.total === 0 && <p className="empty">{filtered ? t('shipments.noMatch') : t('shipments.empty')}</p>}
      {total > 0 && (
        <div role="table" aria-label={t('shipments.listLabel', { count: total })} aria-rowcount={total + 1} className="grid">
          <div role="rowgroup">
            <div role="row" className="grid-row grid-header" aria-rowindex={1}>
              <SortHeader column="tracking" label={t('shipments.columns.tracking')} sort={query.sort} onSort={sortBy} />
              <SortHeader column="order" className="col-order" label={t('shipments.columns.order')} sort={query.sort} onSort={sortBy} />
              <SortHeader
                column="recipient"
                className="col-recipient"
                label={t('shipments.columns.recipient')}
                sort={query.sort}
                onSort={sortBy}
              />
              <SortHeader
                column="destination"
                className="col-destination"
                label={t('shipments.columns.destination')}
                sort={query.sort}
                onSort={sortBy}
              />
              <SortHeader column="status" label={t('shipments.columns.status')} sort={query.sort} onSort={sortBy} />
              <SortHeader
                column="activity"
                className="col-activity"
                label={t('shipments.columns.activity')}
                sort={query.sort}
                onSort={sortBy}
              />
            </div>
          </div>
          <div ref={scroller} className="grid-scroll" data-testid="shipments-scroll" onKeyDown={onGridKey} onFocus={onRowFocus}>
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <ShipmentRow
                  key={item.key}
                  index={item.index}
                  start={item.start}
                  shipment={rows.row(item.index)}
                  onOpen={onOpen}
                  now={now}
                />
              ))}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * One row, memoised: while the list scrolls only rows entering the screen
 * render; a row already shown re-renders only when its data or place changes.
 */
const ShipmentRow = memo(function ShipmentRow({
  index,
  start,
  shipment: s,
  onOpen,
  now,
}: {
  index: number;
  start: number;
  shipment: ShipmentSummary | undefined;
  onOpen(id: string): void;
  now: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT_PX };
  if (!s) {
    return (
      <div role="row" className="grid-row placeholder" style={style} aria-rowindex={index + 2} data-row-index={index} tabIndex={-1}>
        <span role="cell">{t('shipments.loadingRow')}</span>
      </div>
    );
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(s.id);
    }
  };
  return (
    <div
      role="row"
      tabIndex={0}
      className="grid-row"
      style={style}
      aria-rowindex={index + 2}
      data-row-index={index}
      data-testid="shipment-row"
      onClick={() => onOpen(s.id)}
      onKeyDown={onKey}
    >
      <span role="cell" className="cell-tracking">
        <TrackingNumber value={s.trackingNumber} />
        <ProviderBadge provider={s.provider} compact />
      </span>
      <span role="cell" className="col-order" translate="no">
        {s.orderNumber ?? '—'}
      </span>
      <span role="cell" className="col-recipient" translate="no">
        {s.recipientName ?? '—'}
      </span>
      <span role="cell" className="col-destination" translate="no">
        {s.destination ?? '—'}
      </span>
      <span role="cell">
        <StandingBadge row={s} />
        {s.stale && (
          <span className="stale" title={t('shipments.stale')} aria-label={t('shipments.stale')}>
            ⟳
          </span>
        )}
      </span>
      <span role="cell" className="col-activity" title={fmt.utc(s.activityAt)}>
        <time dateTime={s.activityAt}>{fmt.activity(s.activityAt, now)}</time>
      </span>
    </div>
  );
});

/** Characters the tracking column shows at full size; a longer number is set smaller rather than cut. */
const TRACKING_FULL_SIZE_CHARS = 22;
const TRACKING_MIN_SCALE = 0.55;

function TrackingNumber({ value }: { value: string | null }) {
  if (!value) return <span className="tracking-number">—</span>;
  const scale = value.length > TRACKING_FULL_SIZE_CHARS ? Math.max(TRACKING_MIN_SCALE, TRACKING_FULL_SIZE_CHARS / value.length) : 1;
  return (
    <span className="tracking-number mono" translate="no" style={scale < 1 ? { fontSize: `${scale}em` } : undefined}>
      {value}
    </span>
  );
}

/**
 * A row's status: its tag while active; "Needs action" when its label was refused or did not print (not Pending);
 * "Voided" when its label was voided here.
 */
function StandingBadge({ row }: { row: ShipmentSummary }) {
  const { t } = useTranslation();
  if (row.standing === 'voided')
    return (
      <span className="tag-badge tag-voided" data-standing="voided">
        {t('labelCare.standing.voided')}
      </span>
    );
  if (row.standing === 'needs_action')
    return (
      <span className="tag-badge tag-needs-action" data-standing="needs_action">
        {t('labelCare.standing.needs_action')}
      </span>
    );
  return <TagBadge tag={row.tag} />;
}
