import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShipmentDetail as Detail, TrackingRefreshResult } from '../../../../shared/domain/shipment-detail';
import type { StationError } from '../../../../shared/result';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { TagBadge } from '../shipments/TagBadge';
import { ProviderBadge } from '../track/ProviderBadge';
import { LabelPreview } from './LabelPreview';
import { Timeline } from './Timeline';

type Note = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function ShipmentDetail({ id, onBack }: { id: string; onBack(): void }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState<StationError | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [tooSoon, setTooSoon] = useState<TrackingRefreshResult | null>(null);
  const [busy, setBusy] = useState(false);

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
    setBusy(true);
    setTooSoon(null);
    const r = await station.trackingRefresh({ id, force });
    setBusy(false);
    if (!r.ok) return setNote({ kind: 'error', text: t('errors.generic', { message: r.error.message }) });
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

  const reprint = async () => {
    setBusy(true);
    const r = await station.labelsReprint({ shipmentId: id });
    setBusy(false);
    if (!r.ok) setNote({ kind: 'error', text: t('create.failure.PRINTER', { message: r.error.message }) });
    else if (r.value.outcome === 'failed') setNote({ kind: 'error', text: t('create.failure.PRINTER', { message: r.value.error ?? '' }) });
    else setNote({ kind: 'ok', text: t('create.printed') });
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
          {t('errors.generic', { message: loadError.message })}
        </p>
      </section>
    );
  if (!detail) return <p className="hint">{t('detail.loading')}</p>;

  const tag = detail.tracking?.tag ?? 'Pending';
  return (
    <section aria-labelledby="detail-title" className="detail">
      <button type="button" className="link-button" onClick={onBack}>
        ← {t('detail.back')}
      </button>
      <div className="detail-head">
        <h2 id="detail-title" className="view-title">
          <span className="tracking-big mono" data-testid="detail-tracking">
            {detail.trackingNumber ?? t('detail.noTracking')}
          </span>
        </h2>
        <TagBadge tag={tag} />
        <ProviderBadge provider={detail.provider} />
      </div>
      {detail.tracking?.subtagMessage && (
        <p className="subtag" data-testid="subtag">
          {detail.tracking.subtagMessage}
        </p>
      )}
      <div className="actions">
        {detail.trackingNumber && (
          <button type="button" className="button" onClick={() => void copy(detail.trackingNumber!)}>
            {t('detail.copy')}
          </button>
        )}
        {detail.label && (
          <button type="button" className="button" onClick={() => void reprint()} disabled={busy}>
            {t('detail.reprint')}
          </button>
        )}
        <button type="button" className="button" onClick={() => void refresh(false)} disabled={busy}>
          {t('detail.refresh')}
        </button>
        {tooSoon && (
          <button type="button" className="button" onClick={() => void refresh(true)} disabled={busy}>
            {t('detail.refreshForce')}
          </button>
        )}
      </div>
      {note && (
        <p className={note.kind === 'error' ? 'error' : note.kind === 'ok' ? 'ok-text' : 'notice'} role="status" data-testid="detail-note">
          {note.text}
        </p>
      )}
      <div className="detail-columns">
        <div>
          <dl className="facts">
            <dt>{t('detail.recipient')}</dt>
            <dd>
              {detail.recipientName ?? '—'}
              {detail.destination ? ` · ${detail.destination}` : ''}
            </dd>
            <dt>{t('detail.order')}</dt>
            <dd>{detail.orderNumber ?? '—'}</dd>
            {detail.request && (
              <>
                <dt>{t('detail.courier')}</dt>
                <dd>
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
                {h.message ? <span className="hint"> {h.message}</span> : null}
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
                  {j.printer ? ` · ${j.printer}` : ''}
                  {j.error ? <span className="error"> · {j.error}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="preview-box">
          <h3>{t('detail.labelPreview')}</h3>
          {detail.document ? (
            <LabelPreview shipmentId={detail.id} version={detail.document.sha256} />
          ) : (
            <p className="empty">{t('detail.noDocument')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
