import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPRINT_REASONS, type ReprintReason } from '../../../../shared/domain/audit';

/**
 * A reprint from a button asks why (issue 13): the packer picks one reason
 * from a short list and confirms; the reason goes to the audit log. A reprint
 * by scan or command barcode does not ask (it records "rescan").
 */
export function ReprintButton({
  label,
  busy = false,
  onReprint,
}: {
  /** The button's own words (the screen's "Reprint"). */
  label: string;
  busy?: boolean;
  onReprint: (reason: ReprintReason) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReprintReason | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const name = useId();

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setReason(null);
    // The focus goes back where the packer started, never to nowhere.
    setTimeout(() => trigger.current?.focus(), 0);
  };

  if (!open)
    return (
      <button
        type="button"
        className="button"
        ref={trigger}
        onClick={() => setOpen(true)}
        aria-disabled={busy || undefined}
        aria-expanded={false}
      >
        {label}
      </button>
    );
  return (
    <fieldset className="box reprint-reasons" data-testid="reprint-reasons">
      <legend>{t('audit.reprint.legend')}</legend>
      {REPRINT_REASONS.map((r, i) => (
        <label key={r} className="field check">
          <input
            ref={i === 0 ? first : undefined}
            type="radio"
            name={name}
            value={r}
            checked={reason === r}
            onChange={() => setReason(r)}
          />
          {t(`audit.reasons.${r}`)}
        </label>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={reason === null || busy}
          onClick={() => {
            if (reason === null) return;
            onReprint(reason);
            close();
          }}
        >
          {t('audit.reprint.confirm')}
        </button>
        <button type="button" className="button" onClick={close}>
          {t('audit.reprint.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
