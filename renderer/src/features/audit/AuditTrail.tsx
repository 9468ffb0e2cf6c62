import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { EnglishText, useMixedTranslation } from '../../lib/english-text';

/** Entries shown at first; older ones a click away. */
export const AUDIT_TRAIL_PAGE = 50;

/**
 * The audit log of one order or one shipment (issue 13), newest first: what
 * happened, when, who was on duty and at which station, and why a label was
 * printed again. The shipment detail shows it; the orders screen can too
 * (`<AuditTrail orderId={…} />`): an order's trail includes its shipment's.
 * It reloads when the shipment or order changes.
 */
export function AuditTrail({ orderId, shipmentId, headingLevel = 3 }: { orderId?: string; shipmentId?: string; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const mixed = useMixedTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      station
        .auditList({ ...(orderId ? { orderId } : {}), ...(shipmentId ? { shipmentId } : {}), limit: AUDIT_TRAIL_PAGE })
        .then((r) => {
          if (!r.ok) return setError(r.error.message);
          setError(null);
          setEntries(r.value.entries);
          setMore(r.value.more);
        }),
    [station, orderId, shipmentId],
  );

  useEffect(() => {
    void load();
    return station.subscribe((e) => {
      if (e.type === 'shipments:changed' && shipmentId && e.payload.ids.includes(shipmentId)) void load();
      if (e.type === 'orders:changed' && orderId && e.payload.ids.includes(orderId)) void load();
    });
  }, [station, load, orderId, shipmentId]);

  const older = async () => {
    const last = entries?.at(-1);
    if (!last) return;
    const r = await station.auditList({
      ...(orderId ? { orderId } : {}),
      ...(shipmentId ? { shipmentId } : {}),
      beforeId: last.id,
      limit: AUDIT_TRAIL_PAGE,
    });
    if (!r.ok) return setError(r.error.message);
    setEntries((e) => [...(e ?? []), ...r.value.entries]);
    setMore(r.value.more);
  };

  const Heading = `h${headingLevel}` as const;
  return (
    <section className="audit-trail" aria-labelledby="audit-trail-title" data-testid="audit-trail">
      <Heading id="audit-trail-title">{t('audit.title')}</Heading>
      {error && (
        <p className="error" role="alert">
          {mixed('errors.generic', { message: error }, ['message'])}
        </p>
      )}
      {entries === null && !error && <p className="hint">{t('audit.loading')}</p>}
      {entries?.length === 0 && <p className="hint">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="audit-list">
          {entries.map((e) => (
            <li key={e.id} data-testid="audit-entry">
              <span className="audit-when">{fmt.dateTime(e.at)}</span> <strong>{t(`audit.actions.${e.action}`)}</strong>
              {e.reason && e.action === 'reprint' && <> · {t(`audit.reasons.${e.reason}`, { defaultValue: e.reason })}</>}
              {' · '}
              <span className="audit-who">
                {/* The packer's and the station's names are as they were typed (English names marked on a Chinese screen). */}
                {mixed('audit.by', { packer: e.packer ?? t('audit.noPacker'), station: e.station }, ['packer', 'station'])}
              </span>
              {(e.trackingNumber || e.orderNumber) && (
                <span className="hint mono" translate="no">
                  {' '}
                  {e.trackingNumber ?? e.orderNumber}
                </span>
              )}
              {e.detail && (
                <div className="hint">
                  <EnglishText>{e.detail}</EnglishText>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {more && (
        <button type="button" className="link-button" onClick={() => void older()}>
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}
