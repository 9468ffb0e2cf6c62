import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { declaredValues, type LabelRequest } from '../../../../shared/domain/label-request';
import { localeOf } from '../../i18n';

/** The first currency whose declared total is above the threshold, or null when none is. */
export function declaredValueAbove(request: LabelRequest, threshold: number): { currency: string; value: number } | null {
  for (const [currency, value] of declaredValues(request)) if (value > threshold) return { currency, value };
  return null;
}

function money(language: string, currency: string, amount: number): string {
  try {
    return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * "This shipment declares $35,000.00 to customs. Is that right?" asked before
 * the label is bought. No has the focus, so the Enter that submitted the form
 * (or a stray second one) goes back to the prices instead of buying; Escape
 * is No too.
 */
export function DeclaredValueConfirm({
  above,
  threshold,
  onConfirm,
  onCancel,
}: {
  above: { currency: string; value: number };
  threshold: number;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => no.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="confirm-panel"
      data-testid="declared-value-confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p id={`${id}-title`} className="confirm-title">
        {t('declaredValue.confirmTitle', { threshold: money(i18n.language, above.currency, threshold) })}
      </p>
      <p id={`${id}-body`}>{t('declaredValue.confirmBody', { value: money(i18n.language, above.currency, above.value) })}</p>
      <div className="actions">
        <button type="button" className="button primary" ref={no} onClick={onCancel}>
          {t('declaredValue.cancel')}
        </button>
        <button type="button" className="button" onClick={onConfirm}>
          {t('declaredValue.confirm')}
        </button>
      </div>
    </div>
  );
}
