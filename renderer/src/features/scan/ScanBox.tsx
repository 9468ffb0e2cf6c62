import { useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../lib/station-context';
import { MAX_SCAN_CHARS, resolveScan } from './resolve-scan';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'looking'; code: string }
  | { kind: 'notFound'; code: string }
  | { kind: 'reprinted'; code: string }
  | { kind: 'failed'; code: string; message: string };

export interface ScanBoxProps {
  inputRef?: Ref<HTMLInputElement>;
  /** Scanning the shipment that is already open reprints it when the packer asked for that in Settings. */
  reprintOnRescan: boolean;
  openShipmentId: string | null;
  onOpen(id: string): void;
  onCreateForOrder(orderNumber: string): void;
}

/**
 * The scanner is a keyboard that types a code and Enter. The box clears after
 * each scan so the next one starts clean, and says what happened in a live
 * region (a packer looking at the printer hears nothing, but sees the result
 * in large type when they look back).
 */
export function ScanBox({ inputRef, reprintOnRescan, openShipmentId, onOpen, onCreateForOrder }: ScanBoxProps) {
  const { t } = useTranslation();
  const station = useStation();
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const busy = useRef(false);

  const submit = async () => {
    const code = value.trim();
    if (!code || busy.current) return;
    busy.current = true;
    setValue('');
    setOutcome({ kind: 'looking', code });
    try {
      const found = await resolveScan(station, code);
      if (found.kind === 'error') {
        setOutcome({ kind: 'failed', code, message: found.error.message });
      } else if (found.kind === 'unknown') {
        setOutcome({ kind: 'notFound', code });
      } else if (reprintOnRescan && openShipmentId === found.shipment.id) {
        const r = await station.labelsReprint({ shipmentId: found.shipment.id });
        setOutcome(r.ok ? { kind: 'reprinted', code } : { kind: 'failed', code, message: r.error.message });
      } else {
        setOutcome({ kind: 'idle' });
        onOpen(found.shipment.id);
      }
    } finally {
      busy.current = false;
    }
  };

  return (
    <div className="scan">
      <form
        className="scan-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="scan-input" className="visually-hidden">
          {t('scan.label')}
        </label>
        <input
          id="scan-input"
          ref={inputRef}
          className="scan-input"
          value={value}
          maxLength={MAX_SCAN_CHARS}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('scan.placeholder')}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="scan-submit">
          {t('scan.submit')}
        </button>
      </form>
      <div className="scan-outcome" role="status" aria-live="polite" data-testid="scan-outcome">
        {outcome.kind === 'looking' && t('scan.looking', { code: outcome.code })}
        {outcome.kind === 'reprinted' && t('scan.reprinted', { code: outcome.code })}
        {outcome.kind === 'failed' && <span className="error">{t('scan.failed', { code: outcome.code, message: outcome.message })}</span>}
        {outcome.kind === 'notFound' && (
          <>
            <span>{t('scan.notFound', { code: outcome.code })}</span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setOutcome({ kind: 'idle' });
                onCreateForOrder(outcome.code);
              }}
            >
              {t('scan.createFor', { code: outcome.code })}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
