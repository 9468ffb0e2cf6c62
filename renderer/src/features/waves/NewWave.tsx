/**
 * Choosing a wave: which ready orders (all, or by courier, country, SKU and
 * import date), in what order, a preview of them (untick any to leave out)
 * and the count the start button will label.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  WAVE_MAX_ORDERS,
  WAVE_SEQUENCES,
  type WaveFilter,
  type WavePreview,
  type WaveSequence,
  type WaveView,
} from '../../../../shared/domain/waves';
import { useStation } from '../../lib/station-context';
import { useFormat } from '../../lib/format';
import { EnglishText } from '../../lib/english-text';

/** Typing in the SKU box asks for a preview this long after the last key. */
export const PREVIEW_DEBOUNCE_MS = 250;

interface Draft {
  courier: string;
  country: string;
  sku: string;
  /** yyyy-mm-dd from the date inputs, local days. */
  from: string;
  to: string;
  sequence: WaveSequence;
}

const EMPTY: Draft = { courier: '', country: '', sku: '', from: '', to: '', sequence: 'order-number' };

/** The filter the station takes: only what is set; days as the local midnight they start at. */
export function filterOf(d: Draft): WaveFilter {
  const day = (v: string, plusDays = 0) => {
    const [y, m, dd] = v.split('-').map(Number);
    return new Date(y!, m! - 1, dd! + plusDays).toISOString();
  };
  return {
    ...(d.courier ? { courier: d.courier } : {}),
    ...(d.country ? { country: d.country } : {}),
    ...(d.sku.trim() ? { sku: d.sku.trim() } : {}),
    ...(d.from ? { importedFrom: day(d.from) } : {}),
    // "Imported up to this day" includes the whole day.
    ...(d.to ? { importedTo: day(d.to, 1) } : {}),
  };
}

export function NewWave({ busy, onStarted }: { busy: boolean; onStarted: (view: WaveView) => void }) {
  const { t } = useTranslation();
  const station = useStation();
  const fmt = useFormat();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [preview, setPreview] = useState<WavePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void station.wavesPreview({ filter: filterOf(draft), sequence: draft.sequence }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setPreview(r.value);
          setPreviewError(null);
        } else setPreviewError(fieldText(r.error));
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [station, draft, reload]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setStartError(null);
  };
  const count = preview ? Math.max(0, Math.min(preview.total, capOf(preview)) - excluded.size) : 0;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!preview || count === 0) return;
    setStarting(true);
    setStartError(null);
    const r = await station.wavesCreate({ filter: filterOf(draft), sequence: draft.sequence, exclude: [...excluded], start: true });
    setStarting(false);
    if (!r.ok) return setStartError(fieldText(r.error));
    setExcluded(new Set());
    setReload((n) => n + 1);
    onStarted(r.value);
  };

  const toggle = (orderId: string, include: boolean) =>
    setExcluded((s) => {
      const next = new Set(s);
      if (include) next.delete(orderId);
      else next.add(orderId);
      return next;
    });

  return (
    <form className="box wave-new" aria-labelledby={`${id}-title`} onSubmit={(e) => void start(e)}>
      <h3 id={`${id}-title`}>{t('waves.newWave')}</h3>
      <fieldset className="wave-filter">
        <legend>{t('waves.filterLegend')}</legend>
        <label>
          {t('waves.filter.courier')}
          <select value={draft.courier} onChange={(e) => set('courier', e.target.value)}>
            <option value="">{t('waves.filter.any')}</option>
            {preview?.couriers.map((c) => (
              <option key={c} value={c} translate="no">
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waves.filter.country')}
          <select value={draft.country} onChange={(e) => set('country', e.target.value)}>
            <option value="">{t('waves.filter.any')}</option>
            {preview?.countries.map((c) => (
              <option key={c} value={c} translate="no">
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waves.filter.sku')}
          <input
            type="text"
            value={draft.sku}
            aria-describedby={`${id}-sku-hint`}
            onChange={(e) => set('sku', e.target.value)}
            autoComplete="off"
          />
          <span id={`${id}-sku-hint`} className="hint">
            {t('waves.filter.skuHint')}
          </span>
        </label>
        <label>
          {t('waves.filter.from')}
          <input type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t('waves.filter.to')}
          <input type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
        </label>
        <label>
          {t('waves.sequence')}
          <select value={draft.sequence} onChange={(e) => set('sequence', e.target.value as WaveSequence)}>
            {WAVE_SEQUENCES.map((s) => (
              <option key={s} value={s}>
                {t(`waves.sequences.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {previewError && (
        <p className="error" role="alert">
          <EnglishText>{previewError}</EnglishText>
        </p>
      )}
      {!preview && !previewError && <p className="hint">{t('waves.preview.loading')}</p>}
      {preview && (
        <>
          <p data-testid="wave-preview-count" aria-live="polite">
            {preview.total === 0 ? t('waves.preview.none') : t('waves.preview.count', { count: preview.total })}
            {preview.capped ? ` ${t('waves.preview.capped', { max: fmt.number(capOf(preview)) })}` : ''}
            {preview.orders.length < preview.total ? ` ${t('waves.preview.showing', { shown: preview.orders.length })}` : ''}
          </p>
          {preview.orders.length > 0 && (
            <div className="wave-preview-scroll">
              <table className="table wave-preview">
                <thead>
                  <tr>
                    <th>{t('waves.columns.include')}</th>
                    <th>{t('waves.columns.order')}</th>
                    <th>{t('waves.columns.recipient')}</th>
                    <th>{t('waves.columns.destination')}</th>
                    <th>{t('waves.columns.courier')}</th>
                    <th>{t('waves.columns.sku')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.orders.map((o) => (
                    <tr key={o.orderId} data-testid="wave-preview-row">
                      <td>
                        <input
                          type="checkbox"
                          checked={!excluded.has(o.orderId)}
                          aria-label={t('waves.preview.include', { order: o.orderNumber })}
                          onChange={(e) => toggle(o.orderId, e.target.checked)}
                        />
                      </td>
                      {/* The shop's own names and numbers: read as they are, never translated. */}
                      <td className="mono" translate="no">
                        {o.orderNumber}
                      </td>
                      <td translate="no">{o.recipientName}</td>
                      <td translate="no">{o.destination}</td>
                      <td translate="no">{o.courier}</td>
                      <td className="mono" translate="no">
                        {o.sku}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {startError && (
        <p className="error" role="alert" data-testid="wave-start-error">
          <EnglishText>{startError}</EnglishText>
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy || starting || count === 0}>
        {starting ? t('waves.starting') : t('waves.start', { count })}
      </button>
    </form>
  );
}

/** The preview's total is every match; one wave takes at most the cap (total when not capped). */
function capOf(p: WavePreview): number {
  return p.capped ? WAVE_MAX_ORDERS : p.total;
}

/** The error and, where the station named fields, what each one needs. */
export function fieldText(e: { message: string; fields?: Array<{ field: string; message: string }> | undefined }): string {
  const fields = e.fields ?? [];
  return fields.length === 0 ? e.message : `${e.message} ${fields.map((f) => f.message).join(' ')}`;
}
