import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SHIPMENT_SORTS, type ShipmentSummary } from '../../../../shared/domain/shipment';
import { TAGS, type Tag } from '../../../../shared/domain/tags';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { TagBadge } from './TagBadge';
import { ProviderBadge } from '../track/ProviderBadge';
import { TrackShipment } from '../track/TrackShipment';
import { TagCountsChart } from './TagCountsChart';
import { useShipmentRows, type RowQuery } from './use-shipment-rows';
import { useTagCounts } from './use-tag-counts';

/** Fixed row height: rows never measure themselves, so 100,000 of them cost nothing until shown. */
export const ROW_HEIGHT_PX = 52;
const OVERSCAN_ROWS = 8;
/** PageUp/PageDown move about one screenful of rows. */
const PAGE_JUMP_ROWS = 10;
/** Typing pauses this long before the list asks the station; a scanner's burst is one query. */
export const SEARCH_DEBOUNCE_MS = 200;

const SORT_LABELS = {
  activity_desc: 'shipments.sortActivityDesc',
  activity_asc: 'shipments.sortActivityAsc',
  created_desc: 'shipments.sortCreatedDesc',
} as const;

export function ShipmentsView({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<RowQuery>({ search: '', tag: undefined, sort: 'activity_desc' });
  const rows = useShipmentRows(station, query);
  const counts = useTagCounts(station);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => (q.search === typed.trim() ? q : { ...q, search: typed.trim() })), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const total = rows.total ?? 0;
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

  const setTag = useCallback((tag: Tag | undefined) => setQuery((q) => ({ ...q, tag })), []);

  // Arrow keys walk the rows (Home/End jump), scrolling the next one into view first so it exists to take focus.
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!current) return;
    const index = Number(current.dataset.rowIndex);
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
    const target = Math.max(0, Math.min(total - 1, moves[e.key]!));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`)?.focus());
  };

  const filtered = query.search !== '' || query.tag !== undefined;
  return (
    <section aria-labelledby="shipments-title" className="shipments">
      <div className="shipments-head">
        <h2 id="shipments-title" className="view-title">
          {t('shipments.title')}
        </h2>
        {rows.total !== null && (
          <p className="shipments-count" data-testid="shipments-count">
            {t('shipments.count', { count: rows.total, formatted: fmt.number(rows.total) })}
          </p>
        )}
      </div>
      <div className="toolbar">
        <label className="field grow">
          <span>{t('shipments.search')}</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={200} />
        </label>
        <label className="field">
          <span>{t('shipments.tagFilter')}</span>
          <select value={query.tag ?? ''} onChange={(e) => setTag(e.target.value === '' ? undefined : (e.target.value as Tag))}>
            <option value="">{t('shipments.allTags')}</option>
            {TAGS.map((tag) => (
              <option key={tag} value={tag}>
                {t(`tags.${tag}`)}
              </option>
            ))}
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
      <details className="box track-box">
        <summary>{t('track.title')}</summary>
        <TrackShipment onTracked={(s) => onOpen(s.id)} />
      </details>
      {counts && <TagCountsChart counts={counts} selected={query.tag} onSelect={setTag} />}
      {rows.error && (
        <p className="error" role="alert">
          {t('errors.generic', { message: rows.error.message })}
        </p>
      )}
      {rows.total === 0 && <p className="empty">{filtered ? t('shipments.noMatch') : t('shipments.empty')}</p>}
      {total > 0 && (
        <div role="table" aria-label={t('shipments.listLabel', { count: total })} aria-rowcount={total + 1} className="grid">
          <div role="rowgroup">
            <div role="row" className="grid-row grid-header" aria-rowindex={1}>
              <span role="columnheader">{t('shipments.columns.tracking')}</span>
              <span role="columnheader">{t('shipments.columns.order')}</span>
              <span role="columnheader">{t('shipments.columns.recipient')}</span>
              <span role="columnheader">{t('shipments.columns.destination')}</span>
              <span role="columnheader">{t('shipments.columns.status')}</span>
              <span role="columnheader">{t('shipments.columns.activity')}</span>
            </div>
          </div>
          <div ref={scroller} className="grid-scroll" data-testid="shipments-scroll" onKeyDown={onGridKey}>
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <ShipmentRow key={item.key} index={item.index} start={item.start} shipment={rows.row(item.index)} onOpen={onOpen} />
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
}: {
  index: number;
  start: number;
  shipment: ShipmentSummary | undefined;
  onOpen(id: string): void;
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
      <span role="cell" className="mono">
        {s.trackingNumber ?? '—'}
        <ProviderBadge provider={s.provider} />
      </span>
      <span role="cell">{s.orderNumber ?? '—'}</span>
      <span role="cell">{s.recipientName ?? '—'}</span>
      <span role="cell">{s.destination ?? '—'}</span>
      <span role="cell">
        <TagBadge tag={s.tag} />
        {s.stale && (
          <span className="stale" title={t('shipments.stale')} aria-label={t('shipments.stale')}>
            ⟳
          </span>
        )}
      </span>
      <span role="cell" title={fmt.utc(s.activityAt)}>
        {fmt.dateTime(s.activityAt)}
      </span>
    </div>
  );
});
