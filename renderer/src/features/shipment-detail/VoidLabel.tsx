import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOID_NOTE_MAX_CHARS, VOID_REASONS, type VoidReason, type VoidRecord } from '../../../../shared/domain/shipment';
import { useFormat } from '../../lib/format';

/**
 * "Mark as void" for a label made by mistake: the packer picks why, may add a
 * note, and confirms after reading that the courier is not told (Flex Forward
 * has no cancel). Nothing is voided until the confirmation.
 */
export function VoidLabelButton({ busy = false, onVoid }: { busy?: boolean; onVoid: (reason: VoidReason, note: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<VoidReason | null>(null);
  const [note, setNote] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const name = useId();

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setReason(null);
    setNote('');
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
        {t('labelCare.void.action')}
      </button>
    );
  return (
    <fieldset className="box void-reasons" data-testid="void-reasons" aria-describedby={`${name}-warning`}>
      <legend>{t('labelCare.void.legend')}</legend>
      <p className="notice" id={`${name}-warning`}>
        {t('labelCare.void.warning')}
      </p>
      {VOID_REASONS.map((r, i) => (
        <label key={r} className="field check">
          <input
            ref={i === 0 ? first : undefined}
            type="radio"
            name={name}
            value={r}
            checked={reason === r}
            onChange={() => setReason(r)}
          />
          {t(`labelCare.void.reasons.${r}`)}
        </label>
      ))}
      <label className="field">
        <span>{t('labelCare.void.note')}</span>
        <input type="text" value={note} maxLength={VOID_NOTE_MAX_CHARS} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={reason === null || busy}
          onClick={() => {
            if (reason === null) return;
            onVoid(reason, note);
            close();
          }}
        >
          {t('labelCare.void.confirm')}
        </button>
        <button type="button" className="button" onClick={close}>
          {t('labelCare.void.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

/** What a voided label says, always: when, who, why, and that the courier still has to be told. */
export function VoidedBanner({ voided }: { voided: VoidRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="notice error-box" data-testid="voided-banner">
      <p>
        <strong>{t('labelCare.void.badge')}</strong>{' '}
        {t('labelCare.void.banner', { time: fmt.dateTime(voided.at), by: voided.by, reason: t(`labelCare.void.reasons.${voided.reason}`) })}
        {voided.note ? (
          <>
            {' '}
            <q translate="no">{voided.note}</q>
          </>
        ) : null}
      </p>
      <p>
        <strong>{t('labelCare.void.courier')}</strong>
      </p>
    </div>
  );
}
