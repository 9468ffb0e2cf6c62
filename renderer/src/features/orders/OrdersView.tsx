import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../shared/contract';
import { ORDER_STATUSES, type OrderCounts, type OrderStatus, type OrderSummary } from '../../../../shared/domain/order-desk';
import type { StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { Pager } from '../../lib/pager';
import { rowsAround, walkRows } from '../../lib/row-keys';
import { useMixedTranslation } from '../../lib/english-text';
import { useFormat } from '../../lib/format';
import { CourierText } from '../../lib/courier-text';
import { OrderStatusBadge } from './OrderStatusBadge';
import { missingFieldNames } from './field-names';
import './orders.css';

/** Rows per page: a bench's queue for the day fits on a few pages; the search finds the rest. */
export const ORDERS_PAGE_ROWS = 50;
/** Typing pauses this long before the list asks the station; a scanner's burst is one query. */
export const ORDER_SEARCH_DEBOUNCE_MS = 200;

/** The chips, in the order a bench works through them. `closed` (nothing to do) is only under "All". */
export const STATUS_CHIPS: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => s !== 'closed');

interface Query {
  search: string;
  status: OrderStatus | undefined;
  offset: number;
}

interface Page {
  items: OrderSummary[];
  total: number;
  counts: OrderCounts;
}

/** What the list showed when the packer opened an order: back from it, the same search, chip and page. */
const backFromOrder = new WeakMap<StationApi, { typed: string; query: Query; focusId: string | null }>();

export function OrdersView({
  onOpenOrder,
  onOpenShipment,
  onImport,
  onCommandSheet,
  onPackSetup,
  initialSearch,
}: {
  onOpenOrder(id: string): void;
  onOpenShipment(id: string): void;
  onImport(): void;
  onCommandSheet(): void;
  /** The SKU catalogue, boxes, ship-from and defaults (absent: not offered). */
  onPackSetup?: () => void;
  /** Opened with a search (several orders share a scanned number). */
  initialSearch?: string;
}) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [restored] = useState(() => (initialSearch === undefined ? (backFromOrder.get(station) ?? null) : null));
  const [typed, setTyped] = useState(restored?.typed ?? initialSearch ?? '');
  const [query, setQuery] = useState<Query>(restored?.query ?? { search: initialSearch ?? '', status: undefined, offset: 0 });
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const [version, setVersion] = useState(0);
  const table = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const timer = setTimeout(
      () => setQuery((q) => (q.search === typed.trim() ? q : { ...q, search: typed.trim(), offset: 0 })),
      ORDER_SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    let live = true;
    void station
      .ordersList({
        ...(query.search ? { search: query.search } : {}),
        ...(query.status ? { status: query.status } : {}),
        offset: query.offset,
        limit: ORDERS_PAGE_ROWS,
      })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError(r.error);
        setError(null);
        setPage({ items: r.value.items, total: r.value.total, counts: r.value.counts });
      });
    return () => {
      live = false;
    };
  }, [station, query, version]);

  // Imports, edits and labels change rows and counts: ask again.
  useEffect(
    () =>
      station.subscribe((e) => {
        if (e.type === 'orders:changed' || e.type === 'orders:fileImported') setVersion((v) => v + 1);
      }),
    [station],
  );

  // Back from an order: its row has the focus again, in the render that shows the rows.
  useLayoutEffect(() => {
    if (!restored || !page || backFromOrder.get(station) !== restored) return;
    backFromOrder.delete(station);
    if (restored.focusId) table.current?.querySelector<HTMLElement>(`[data-order-id="${CSS.escape(restored.focusId)}"]`)?.focus();
  }, [restored, page, station]);

  const open = useCallback(
    (id: string) => {
      backFromOrder.set(station, { typed, query, focusId: id });
      onOpenOrder(id);
    },
    [station, typed, query, onOpenOrder],
  );

  const setStatus = (status: OrderStatus | undefined) => setQuery((q) => ({ ...q, status, offset: 0 }));

  // Arrow keys walk the rows, Home/End jump; Enter opens (on the row itself).
  const onRowsKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const { rows, index } = rowsAround(e, table.current, 'tr[data-order-id]');
    if (index >= 0) walkRows(e, rows, index);
  };

  const total = page?.total ?? 0;
  const filtered = query.search !== '' || query.status !== undefined;
  const allCount = page ? ORDER_STATUSES.reduce((sum, s) => sum + page.counts[s], 0) : 0;
  return (
    <section aria-labelledby="orders-title" className="orders">
      <div className="shipments-head">
        <h2 id="orders-title" className="view-title">
          {t('orders.title')}
        </h2>
        {page && (
          <p className="shipments-count" data-testid="orders-count">
            {t('orders.count', { count: total, formatted: fmt.number(total) })}
          </p>
        )}
        <div className="toolbar">
          <label className="field grow">
            <span>{t('orders.search')}</span>
            <input
              type="search"
              value={typed}
              maxLength={100}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  const first = table.current?.querySelector<HTMLElement>('tr[data-order-id]');
                  if (first) {
                    e.preventDefault();
                    first.focus();
                  }
                }
              }}
            />
          </label>
          <button type="button" className="button" onClick={onImport}>
            {t('orders.import')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCommandSheet}>
            {t('orders.commandSheet')}
          </button>
          {onPackSetup && (
            <button type="button" className="button button-quiet" onClick={onPackSetup}>
              {t('packSetup.open')}
            </button>
          )}
        </div>
      </div>
      <div role="group" aria-label={t('orders.statusFilter')} className="chips" data-testid="order-chips">
        <button type="button" className="chip" aria-pressed={query.status === undefined} onClick={() => setStatus(undefined)}>
          {t('orders.all')} <span className="chip-count">{fmt.number(allCount)}</span>
        </button>
        {STATUS_CHIPS.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip chip-${s}`}
            aria-pressed={query.status === s}
            data-testid={`chip-${s}`}
            onClick={() => setStatus(query.status === s ? undefined : s)}
          >
            {t(`orderDesk.statuses.${s}`)} <span className="chip-count">{fmt.number(page?.counts[s] ?? 0)}</span>
          </button>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {mixed('errors.generic', { message: error.message }, ['message'])}
        </p>
      )}
      {!page && !error && <p className="empty">{t('orders.loading')}</p>}
      {page && total === 0 && <p className="empty">{filtered ? t('orders.noMatch') : t('orders.empty')}</p>}
      {page && page.items.length > 0 && (
        <div className="table-scroll">
          <table className="table orders-table" aria-label={t('orders.listLabel', { count: total })}>
            <thead>
              <tr>
                <th scope="col">{t('orders.columns.order')}</th>
                <th scope="col">{t('orders.columns.recipient')}</th>
                <th scope="col" className="col-destination">
                  {t('orders.columns.destination')}
                </th>
                <th scope="col">{t('orders.columns.items')}</th>
                <th scope="col">{t('orders.columns.status')}</th>
                <th scope="col">{t('orders.columns.label')}</th>
              </tr>
            </thead>
            <tbody ref={table} onKeyDown={onRowsKey}>
              {page.items.map((o) => (
                <OrderRow key={o.id} order={o} onOpen={open} onOpenShipment={onOpenShipment} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <Pager
          label={t('orders.title')}
          texts="orders"
          offset={query.offset}
          pageRows={ORDERS_PAGE_ROWS}
          total={total}
          onOffset={(offset) => setQuery((q) => ({ ...q, offset }))}
        />
      )}
    </section>
  );
}

function OrderRow({
  order: o,
  onOpen,
  onOpenShipment,
}: {
  order: OrderSummary;
  onOpen(id: string): void;
  onOpenShipment(id: string): void;
}) {
  const { t } = useTranslation();
  const missing = o.missing ?? [];
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(o.id);
    }
  };
  return (
    <tr tabIndex={0} data-order-id={o.id} data-testid="order-row" className="order-row" onClick={() => onOpen(o.id)} onKeyDown={onKey}>
      <td translate="no" className="mono">
        {o.orderNumber}
      </td>
      <td translate="no">{o.recipientName || '—'}</td>
      <td translate="no" className="col-destination">
        {o.destination || '—'}
      </td>
      <td>{t('orders.units', { count: o.units })}</td>
      <td>
        <OrderStatusBadge status={o.status} />
        {missing.length > 0 && (
          <span className="order-missing" data-testid="order-missing">
            {t('orders.missing', { fields: missingFieldNames(t, missing) })}
            <span className="visually-hidden">
              {' '}
              {missing.map((m) => (
                <CourierText key={m.field} text={m.message} />
              ))}
            </span>
          </span>
        )}
        {o.hasConflicts && <span className="warn-text"> {t('orders.conflicts')}</span>}
      </td>
      <td>
        {o.shipmentId ? (
          <button
            type="button"
            className="link-button"
            onClick={(e) => {
              e.stopPropagation();
              onOpenShipment(o.shipmentId!);
            }}
            onKeyDown={(e) => e.stopPropagation()}
          >
            {o.trackingNumber ? (
              <span translate="no" className="mono" aria-hidden="true">
                {o.trackingNumber}
              </span>
            ) : null}
            <span className={o.trackingNumber ? 'visually-hidden' : undefined}>
              {o.trackingNumber ? t('orders.openLabel', { tracking: o.trackingNumber }) : t('orders.openLabelNoNumber')}
            </span>
          </button>
        ) : (
          <span className="muted">{t('orders.noLabel')}</span>
        )}
      </td>
    </tr>
  );
}
