import { ReprintButton } from '../audit/ReprintButton';
import { AuditTrail } from '../audit/AuditTrail';
import type { ReprintReason } from '../../../../shared/domain/audit';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { ShipmentDetail as Detail, TrackingRefreshResult } from '../../../../shared/domain/shipment-detail';
import type { StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { TagBadge } from '../shipments/TagBadge';
import { ProviderBadge } from '../track/ProviderBadge';
import { CourierText } from '../../lib/courier-text';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';
import { LabelPreview } from './LabelPreview';
import { ParcelsList } from './ParcelsList';
import { Timeline } from './Timeline';
import { VoidedBanner, VoidLabelButton } from './VoidLabel';
import type { VoidReason } from '../../../../shared/domain/shipment';

/** Label states at which a label exists at the courier, so there is one to void. */
const BOUGHT = new Set(['created', 'document_ready', 'printed', 'print_failed', 'tracked']);

type Note = { kind: 'ok' | 'error' | 'info'; text: ReactNode } | null;

/** Orders that may share an order number (two shops): enough to find the one this label was made for. */
const ORDER_LOOKUP_ROWS = 20;

/** The imported order this label was made for, if any (orders keep their shipment's id). */
function useOrderOf(shipmentId: string, orderNumber: string | null): string | null {
  const station = useStation();
  const [orderId, setOrderId] = useState<string | null>(null);
  useEffect(() => {
    if (!orderNumber) return;
    let live = true;
    void station.ordersList({ search: orderNumber, limit: ORDER_LOOKUP_ROWS }).then((r) => {
      if (live && r.ok) setOrderId(r.value.items.find((o) => o.shipmentId === shipmentId)?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [station, shipmentId, orderNumber]);
  return orderId;
}

export function ShipmentDetail({ id, onBack, onOpenOrder }: { id: string; onBack(): void; onOpenOrder?(orderId: string): void }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState<StationError | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [tooSoon, setTooSoon] = useState<TrackingRefreshResult | null>(null);
  const [busy, setBusyState] = useState(false);
  /** Guards a second press while the first is on its way (state is a render behind). */
  const busyRef = useRef(false);
  const setBusy = (value: boolean) => {
    busyRef.current = value;
    setBusyState(value);
  };
  const mixed = useMixedTranslation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const refreshRef = useRef<HTMLButtonElement>(null);
  const loaded = detail !== null;
  const orderId = useOrderOf(id, detail?.orderNumber ?? null);

  // Opened from a list row (now hidden), the focus would be nowhere: it goes to the shipment's title.
  // Opened by a scan, the scan box keeps it for the next scan. A layout effect: the focus moves in the
  // render that shows the detail, never a task later, when it would take back a focus already given elsewhere.
  useLayoutEffect(() => {
    if (!loaded) return;
    const at = document.activeElement;
    if (!at || at === document.body || !(at as HTMLElement).offsetParent) titleRef.current?.focus();
  }, [loaded]);

  const load = useCallback(
    () =>
      station.shipmentsGet({ id }).then((r) => {
        if (r.ok) {
          setDetail(r.value);
          setLoadError(null);
        } else setLoadError(r.error);
      }),
    [station, id],
  );

  useEffect(() => {
    void load();
    return station.subscribe((e) => {
      if (e.type === 'shipments:changed' && e.payload.ids.includes(id)) void load();
    });
  }, [station, id, load]);

  const refresh = async (force: boolean) => {
    if (busyRef.current) return;
    setBusy(true);
    const r = await station.trackingRefresh({ id, force });
    setBusy(false);
    // "Refresh anyway" goes away with its question: the focus it had moves to "Refresh now", never to nowhere.
    if (force && document.activeElement?.getAttribute('data-refresh') === 'force') refreshRef.current?.focus();
    setTooSoon(null);
    if (!r.ok) return setNote({ kind: 'error', text: mixed('errors.generic', { message: r.error.message }, ['message']) });
    if (!r.value.polled) {
      setTooSoon(r.value);
      return setNote({
        kind: 'info',
        text: t('detail.refreshTooSoon', { time: r.value.nextPollAt ? fmt.dateTime(r.value.nextPollAt) : '—' }),
      });
    }
    setNote({ kind: 'ok', text: t('detail.refreshed') });
    await load();
  };

  const reprint = async (reason: ReprintReason) => {
    if (busyRef.current) return;
    setBusy(true);
    const r = await station.labelsReprint({ shipmentId: id, reason });
    setBusy(false);
    if (!r.ok) setNote({ kind: 'error', text: mixed('create.failure.PRINTER', { message: r.error.message }, ['message']) });
    else if (r.value.outcome === 'failed')
      setNote({ kind: 'error', text: mixed('create.failure.PRINTER', { message: r.value.error ?? '' }, ['message']) });
    else setNote({ kind: 'ok', text: t('create.printed') });
    await load();
  };

  const markVoid = async (reason: VoidReason, text: string) => {
    if (busyRef.current) return;
    setBusy(true);
    const r = await station.labelsVoid({ shipmentId: id, reason, ...(text.trim() ? { note: text.trim() } : {}) });
    setBusy(false);
    if (!r.ok) setNote({ kind: 'error', text: mixed('errors.generic', { message: r.error.message }, ['message']) });
    else setNote({ kind: 'info', text: t('labelCare.void.courier') });
    await load();
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote({ kind: 'ok', text: t('detail.copied') });
    } catch {
      // The clipboard can be refused (no focus, no permission): select the number instead so Ctrl+C works.
      const el = document.querySelector('[data-testid="detail-tracking"]');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };

  if (loadError)
    return (
      <section>
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('detail.back')}
        </button>
        <p className="error" role="alert">
          {mixed('errors.generic', { message: loadError.message }, ['message'])}
        </p>
      </section>
    );
  if (!detail)
    return (
      <p className="hint" role="status">
        {t('detail.loading')}
      </p>
    );

  const tag = detail.tracking?.tag ?? 'Pending';
  return (
    <section aria-labelledby="detail-title" className="detail">
      <button type="button" className="link-button" onClick={onBack}>
        ← {t('detail.back')}
      </button>
      <div className="detail-head">
        <h2 id="detail-title" className="view-title" ref={titleRef} tabIndex={-1}>
          <span className="tracking-big mono" data-testid="detail-tracking" translate="no">
            {detail.trackingNumber ?? t('detail.noTracking')}
          </span>
        </h2>
        {detail.voided ? (
          <span className="tag-badge tag-voided" data-testid="detail-voided">
            {t('labelCare.void.badge')}
          </span>
        ) : (
          <TagBadge tag={tag} />
        )}
        <ProviderBadge provider={detail.provider} />
      </div>
      {detail.voided && <VoidedBanner voided={detail.voided} />}
      {detail.tracking?.subtagMessage && (
        <p className="subtag" data-testid="subtag">
          <CourierText text={detail.tracking.subtagMessage} />
        </p>
      )}
      <div className="actions">
        {detail.trackingNumber && (
          <button type="button" className="button" onClick={() => void copy(detail.trackingNumber!)}>
            {t('detail.copy')}
          </button>
        )}
        {detail.label && <ReprintButton label={t('detail.reprint')} busy={busy} onReprint={(reason) => void reprint(reason)} />}
        {detail.label && BOUGHT.has(detail.label.state) && !detail.voided && (
          <VoidLabelButton busy={busy} onVoid={(reason, text) => void markVoid(reason, text)} />
        )}
        {/* Busy buttons stay focusable (aria-disabled, not disabled): the focus stays where the packer left it. */}
        <button type="button" className="button" ref={refreshRef} onClick={() => void refresh(false)} aria-disabled={busy || undefined}>
          {t('detail.refresh')}
        </button>
        {tooSoon && (
          <button
            type="button"
            className="button"
            data-refresh="force"
            onClick={() => void refresh(true)}
            aria-disabled={busy || undefined}
          >
            {t('detail.refreshForce')}
          </button>
        )}
      </div>
      {/* Both regions are there before their text, so what arrives is announced; an error is an alert. */}
      <p
        className={note?.kind === 'ok' ? 'ok-text' : note?.kind === 'info' ? 'notice' : 'live-empty'}
        role="status"
        data-testid="detail-note"
      >
        {note && note.kind !== 'error' ? note.text : null}
      </p>
      <p className={note?.kind === 'error' ? 'error' : 'live-empty'} role="alert" data-testid="detail-error">
        {note?.kind === 'error' ? note.text : null}
      </p>
      <div className="detail-columns">
        <div>
          <dl className="facts">
            <dt>{t('detail.recipient')}</dt>
            <dd translate="no">
              {detail.recipientName ?? '—'}
              {detail.destination ? ` · ${detail.destination}` : ''}
            </dd>
            <dt>{t('detail.order')}</dt>
            <dd>
              <span translate="no">{detail.orderNumber ?? '—'}</span>
              {orderId && onOpenOrder && (
                <>
                  {' '}
                  <button type="button" className="link-button" data-testid="detail-open-order" onClick={() => onOpenOrder(orderId)}>
                    {t('orders.openOrder')}
                  </button>
                </>
              )}
            </dd>
            {detail.request && (
              <>
                <dt>{t('detail.courier')}</dt>
                <dd translate="no">
                  {detail.request.courier} · {detail.request.productCode}
                </dd>
              </>
            )}
            {detail.label && (
              <>
                <dt>{t('detail.labelState')}</dt>
                <dd>{t(`labelStates.${detail.label.state}`)}</dd>
              </>
            )}
          </dl>
          {detail.request?.parcelList && <ParcelsList parcels={detail.request.parcelList} />}
          <h3>{t('detail.timeline')}</h3>
          <Timeline checkpoints={detail.checkpoints} />
          <h3>{t('detail.statusHistory')}</h3>
          <ul className="history">
            {[...detail.history].reverse().map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <time dateTime={h.at} title={t('detail.utc', { time: fmt.utc(h.at) })}>
                  {fmt.dateTime(h.at)}
                </time>{' '}
                {h.from ? <TagBadge tag={h.from} /> : null} → <TagBadge tag={h.to} />
                {h.message ? (
                  <span className="hint">
                    {' '}
                    <CourierText text={h.message} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <h3>{t('detail.printJobs')}</h3>
          {detail.printJobs.length === 0 ? (
            <p className="empty">{t('detail.printJobsEmpty')}</p>
          ) : (
            <ul className="history" data-testid="print-jobs">
              {detail.printJobs.map((j) => (
                <li key={j.id}>
                  <time dateTime={j.requestedAt}>{fmt.dateTime(j.requestedAt)}</time> · {t(`documentRouting.job.${j.document}`)} ·{' '}
                  {t(`printJobs.reason.${j.reason}`)} ·{' '}
                  <strong className={j.outcome === 'failed' ? 'error' : ''}>{t(`printJobs.outcome.${j.outcome}`)}</strong>
                  {j.printer ? <span translate="no"> · {j.printer}</span> : null}
                  {j.error ? (
                    <span className="error">
                      {' · '}
                      <EnglishText>{j.error}</EnglishText>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <AuditTrail shipmentId={detail.id} />
        </div>
        <div className="preview-box">
          <h3>{t('detail.labelPreview')}</h3>
          {detail.document ? (
            <LabelPreview
              shipmentId={detail.id}
              version={detail.document.sha256}
              name={detail.trackingNumber ?? detail.orderNumber ?? detail.id}
            />
          ) : (
            <p className="empty">{t('detail.noDocument')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
