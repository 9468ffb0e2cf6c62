/**
 * A wave's failures with their reasons (each field the API named, with what
 * it needs), fixed in place and retried together: the packer corrects the
 * ship-to of any order right in its row, ticks the ones to retry, and one
 * `waves:retry` saves the corrections to the orders and puts them back in
 * the queue.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderEdits } from '../../../../shared/domain/order-desk';
import { orderFieldOf, type WaveItem, type WaveView } from '../../../../shared/domain/waves';
import { useStation } from '../../lib/station-context';
import { fieldText } from './NewWave';
import { EnglishText } from '../../lib/english-text';

/** The ship-to fields a row can fix, as the order's edits name them. */
export const FIX_FIELDS = [
  'shipTo.contact.firstName',
  'shipTo.contact.lastName',
  'shipTo.contact.phone',
  'shipTo.address.streetLines',
  'shipTo.address.city',
  'shipTo.address.state',
  'shipTo.address.postalCode',
  'shipTo.address.countryCode',
] as const;
type FixField = (typeof FIX_FIELDS)[number];

type ShipTo = NonNullable<WaveItem['shipTo']>;

function valueOf(shipTo: ShipTo, field: FixField): string {
  const key = field.split('.').at(-1) as keyof ShipTo;
  const v = shipTo[key];
  return Array.isArray(v) ? v.join('\n') : v;
}

/** The fields an item's error names, as order fields. */
function namedFields(item: WaveItem): Map<FixField, string> {
  const out = new Map<FixField, string>();
  for (const f of item.error?.fields ?? []) {
    const field = orderFieldOf(f.field);
    if (field && (FIX_FIELDS as readonly string[]).includes(field)) out.set(field as FixField, f.message);
  }
  return out;
}

/** What changed in a row, as order edits (street lines one per line). */
export function editsOf(shipTo: ShipTo, typed: Partial<Record<FixField, string>>): OrderEdits {
  const edits: Record<string, unknown> = {};
  for (const field of FIX_FIELDS) {
    const v = typed[field];
    if (v === undefined || v === valueOf(shipTo, field)) continue;
    edits[field] =
      field === 'shipTo.address.streetLines'
        ? v
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : v.trim();
  }
  return edits as OrderEdits;
}

export function WaveFailures({ wave, onChanged }: { wave: WaveView; onChanged: (view: WaveView) => void }) {
  const { t } = useTranslation();
  const station = useStation();
  const [typed, setTyped] = useState<Record<string, Partial<Record<FixField, string>>>>({});
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retryable = useMemo(() => wave.failures.filter((f) => f.state === 'failed'), [wave.failures]);
  const chosen = retryable.filter((f) => !unticked.has(f.position));
  const canAct = wave.state !== 'cancelled';

  const retry = async () => {
    setBusy(true);
    setError(null);
    const fixes = chosen.flatMap((item) => {
      const edits = item.shipTo ? editsOf(item.shipTo, typed[item.orderId] ?? {}) : {};
      return Object.keys(edits).length > 0 ? [{ orderId: item.orderId, edits }] : [];
    });
    const r = await station.wavesRetry({ id: wave.id, positions: chosen.map((f) => f.position), fixes });
    setBusy(false);
    if (!r.ok) return setError(fieldText(r.error));
    setTyped({});
    setUnticked(new Set());
    onChanged(r.value);
  };

  return (
    <div className="box wave-failures" aria-labelledby="wave-failures-title">
      <h3 id="wave-failures-title">{t('waves.failuresTitle')}</h3>
      {wave.failures.length === 0 && <p className="empty">{t('waves.noFailures')}</p>}
      {wave.failures.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('waves.columns.include')}</th>
              <th>{t('waves.columns.order')}</th>
              <th>{t('waves.columns.kind')}</th>
              <th>{t('waves.columns.reason')}</th>
              <th>{t('waves.columns.fix')}</th>
            </tr>
          </thead>
          <tbody>
            {wave.failures.map((item) => {
              const named = namedFields(item);
              const canRetry = item.state === 'failed';
              const fixable = canRetry && item.shipTo !== null && (item.failure === 'label' || item.failure === 'not-ready');
              return (
                <tr key={item.position} data-testid="wave-failure" data-order={item.orderNumber}>
                  <td>
                    {canRetry && (
                      <input
                        type="checkbox"
                        checked={!unticked.has(item.position)}
                        aria-label={t('waves.retrySelect', { order: item.orderNumber })}
                        onChange={(e) =>
                          setUnticked((s) => {
                            const next = new Set(s);
                            if (e.target.checked) next.delete(item.position);
                            else next.add(item.position);
                            return next;
                          })
                        }
                      />
                    )}
                  </td>
                  <td className="mono" translate="no">
                    {item.orderNumber}
                  </td>
                  <td>{item.failure ? t(`waves.failureKinds.${item.failure}`) : ''}</td>
                  <td data-testid="wave-failure-reason">
                    {item.error && <EnglishText>{item.error.message}</EnglishText>}
                    {item.error && item.error.fields.length > 0 && (
                      <ul className="field-errors">
                        {item.error.fields.map((f) => {
                          const field = orderFieldOf(f.field);
                          const label =
                            field && (FIX_FIELDS as readonly string[]).includes(field) ? t(`waves.fixFields.${field}`) : f.field;
                          return (
                            <li key={f.field}>
                              <strong translate={label === f.field ? 'no' : undefined}>{label}</strong>:{' '}
                              <EnglishText>{f.message}</EnglishText>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                  <td>
                    {fixable && item.shipTo && (
                      <details open={named.size > 0}>
                        <summary>{t('waves.editShipTo')}</summary>
                        <div className="wave-fix">
                          {FIX_FIELDS.map((field) => {
                            const current = typed[item.orderId]?.[field] ?? valueOf(item.shipTo!, field);
                            const label = t('waves.fixFor', { field: t(`waves.fixFields.${field}`), order: item.orderNumber });
                            const set = (v: string) =>
                              setTyped((all) => ({ ...all, [item.orderId]: { ...all[item.orderId], [field]: v } }));
                            return (
                              <label key={field} className={named.has(field) ? 'wave-fix-named' : undefined}>
                                <span>{t(`waves.fixFields.${field}`)}</span>
                                {field === 'shipTo.address.streetLines' ? (
                                  <textarea
                                    rows={2}
                                    aria-label={label}
                                    value={current}
                                    aria-invalid={named.has(field) || undefined}
                                    onChange={(e) => set(e.target.value)}
                                  />
                                ) : (
                                  <input
                                    type="text"
                                    aria-label={label}
                                    value={current}
                                    aria-invalid={named.has(field) || undefined}
                                    onChange={(e) => set(e.target.value)}
                                  />
                                )}
                              </label>
                            );
                          })}
                        </div>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error" role="alert" data-testid="wave-retry-error">
          <EnglishText>{error}</EnglishText>
        </p>
      )}
      {retryable.length > 0 && canAct && (
        <button type="button" className="button primary" disabled={busy || chosen.length === 0} onClick={() => void retry()}>
          {t('waves.retry', { count: chosen.length })}
        </button>
      )}
    </div>
  );
}
