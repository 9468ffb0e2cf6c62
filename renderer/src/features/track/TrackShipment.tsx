import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDERS, type Provider, type ShipmentSummary } from '../../../../shared/domain/shipment';
import { TRACKING_NUMBER_MAX } from '../../../../shared/domain/track';
import { useStation } from '../../lib/station-context';
import { useMixedTranslation } from '../../lib/english-text';

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
 * so the packer can correct it. Its title is the box it sits in (the list's
 * "Track a shipment" disclosure); the form carries the same name.
 */
export function TrackShipment({ onTracked, initialProvider = 'flashamericas' }: TrackShipmentProps) {
  const { t } = useTranslation();
  const mixed = useMixedTranslation();
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
    <form
      className="track-form"
      aria-label={t('track.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="hint">{t('track.hint')}</p>
      <div className="track-row">
        <div className="field">
          <label htmlFor={`${ids}-provider`}>{t('track.provider')}</label>
          <select id={`${ids}-provider`} value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {t(`providers.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${ids}-number`}>{t('track.number')}</label>
          <input
            id={`${ids}-number`}
            className="mono"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            maxLength={TRACKING_NUMBER_MAX + 16}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${ids}-number-hint`}
            aria-invalid={outcome.kind === 'failed' || undefined}
          />
          <span className="hint" id={`${ids}-number-hint`}>
            {t(`track.numberHint.${provider}`)}
          </span>
        </div>
        <button type="submit" className="button" disabled={outcome.kind === 'busy' || number.trim() === ''}>
          {t('track.submit')}
        </button>
      </div>
      {/* Both regions are there before their text, so each outcome is announced; a failure is an alert. */}
      <p role="status" className="track-outcome">
        {outcome.kind === 'busy' && t('track.busy', { number: outcome.number })}
        {outcome.kind === 'added' && t('track.added', { number: outcome.number, status: outcome.status })}
      </p>
      <p role="alert" className="track-outcome error">
        {outcome.kind === 'failed' && mixed('track.failed', { number: outcome.number, message: outcome.message }, ['message'])}
      </p>
    </form>
  );
}
