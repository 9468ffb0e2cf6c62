import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDERS, type Provider, type ShipmentSummary } from '../../../../shared/domain/shipment';
import { TRACKING_NUMBER_MAX } from '../../../../shared/domain/track';
import { useStation } from '../../lib/station-context';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; number: string }
  | { kind: 'added'; number: string; status: string }
  | { kind: 'failed'; number: string; message: string };

export interface TrackShipmentProps {
  /** The shipment is in the list now (new, or already tracked): open or highlight it. */
  onTracked?(shipment: ShipmentSummary): void;
  /** Flash Americas unless the packer picks another; kept between entries for a run of scans. */
  initialProvider?: Provider;
}

/**
 * "Track a shipment": scan or paste a number booked elsewhere, pick the
 * provider, and it joins the list like the station's own labels. Built for a
 * scanner (it types and presses Enter): the box clears after each success so
 * the next parcel can be scanned straight away; on an error the number stays
 * so the packer can correct it.
 */
export function TrackShipment({ onTracked, initialProvider = 'flashamericas' }: TrackShipmentProps) {
  const { t } = useTranslation();
  const station = useStation();
  const ids = useId();
  const [provider, setProvider] = useState<Provider>(initialProvider);
  const [number, setNumber] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const busy = useRef(false);

  const submit = async () => {
    const typed = number.trim();
    if (!typed || busy.current) return;
    busy.current = true;
    setOutcome({ kind: 'busy', number: typed });
    try {
      const r = await station.shipmentsTrack({ provider, trackingNumber: typed });
      if (r.ok) {
        setNumber('');
        const status = r.value.subtagMessage ?? t(`tags.${r.value.tag}`);
        setOutcome({ kind: 'added', number: r.value.trackingNumber ?? typed, status });
        onTracked?.(r.value);
      } else {
        // INVALID_ARGUMENT carries the schema's own words ("Use only letters, digits and dashes…").
        const message = r.error.fields?.[0]?.message ?? r.error.message;
        setOutcome({ kind: 'failed', number: typed, message });
      }
    } finally {
      busy.current = false;
    }
  };

  return (
    <section className="track-shipment" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('track.title')}</h2>
      <p className="hint">{t('track.hint')}</p>
      <form
        className="track-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`${ids}-provider`}>{t('track.provider')}</label>
        <select id={`${ids}-provider`} value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {t(`providers.${p}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-number`}>{t('track.number')}</label>
        <input
          id={`${ids}-number`}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          maxLength={TRACKING_NUMBER_MAX + 16}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${ids}-number-hint`}
          aria-invalid={outcome.kind === 'failed'}
        />
        <small id={`${ids}-number-hint`}>{t(`track.numberHint.${provider}`)}</small>
        <button type="submit" disabled={outcome.kind === 'busy' || number.trim() === ''}>
          {t('track.submit')}
        </button>
      </form>
      <p role="status" aria-live="polite" className={`track-outcome ${outcome.kind}`}>
        {outcome.kind === 'busy' && t('track.busy', { number: outcome.number })}
        {outcome.kind === 'added' && t('track.added', { number: outcome.number, status: outcome.status })}
        {outcome.kind === 'failed' && t('track.failed', { number: outcome.number, message: outcome.message })}
      </p>
    </section>
  );
}
