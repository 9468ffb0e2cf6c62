import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_PAGE_MAX } from '../../../../shared/domain/order-desk';
import { useStation } from '../../lib/station-context';
import { parseNumberText } from './setup-fields';
import './pack-setup.css';

/** The id of a line's unit weight input on the pack screen (a missing weight focuses it). */
export const lineWeightId = (line: number) => `pack-line-${line}-weight`;

/**
 * A pack-screen line's unit weight, kept in the SKU catalogue: a missing one
 * is typed here (for this order and every later one of the SKU); a known one
 * can be changed. A SKU not in the catalogue is named, not guessed.
 */
export function LineWeight({
  line,
  sku,
  unitKg,
  catalogued,
  editable,
  onSaved,
  onAddSku,
}: {
  line: number;
  sku: string;
  unitKg: number | null;
  /** The SKU has a catalogue entry (its weight can be set there). */
  catalogued: boolean;
  /** False once the order has its label. */
  editable: boolean;
  onSaved(message: string): void;
  /** Opens the catalogue to add the SKU (when it is not there). */
  onAddSku?: (sku: string) => void;
}) {
  const { t } = useTranslation();
  const station = useStation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shown = unitKg !== null ? `${unitKg} kg` : '—';
  if (!editable || !catalogued || sku === '') {
    return (
      <>
        {shown}
        {editable && !catalogued && sku !== '' && (
          <span className="hint">
            {' '}
            {t('packLine.notInCatalogue', { sku })}
            {onAddSku && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => onAddSku(sku)}>
                  {t('packLine.addSku', { sku })}
                </button>
              </>
            )}
          </span>
        )}
      </>
    );
  }
  if (unitKg !== null && !open)
    return (
      <>
        {shown}{' '}
        <button
          type="button"
          className="link-button"
          aria-label={t('packLine.changeLabel', { sku })}
          onClick={() => {
            setText(String(unitKg));
            setOpen(true);
          }}
        >
          {t('packLine.change')}
        </button>
      </>
    );

  const save = async () => {
    const kg = parseNumberText(text);
    if (kg === null || !(kg > 0) || kg > 1000) return setError(t('packLine.invalid'));
    setError(null);
    const found = await station.skusList({ search: sku, offset: 0, limit: ORDER_PAGE_MAX });
    const entry = found.ok ? found.value.items.find((i) => i.sku === sku) : undefined;
    if (!entry) return setError(found.ok ? t('packLine.notInCatalogue', { sku }) : found.error.message);
    const { updatedAt: _, ...rest } = entry;
    const r = await station.skusSave({ entry: { ...rest, unitWeightKg: kg }, previousSku: sku });
    if (!r.ok) return setError(r.error.message);
    setOpen(false);
    onSaved(t('packLine.saved', { sku, kg }));
  };
  const id = lineWeightId(line);
  return (
    <span className="line-weight">
      <label htmlFor={id} className="visually-hidden">
        {t('packLine.label', { sku })}
      </label>
      <input
        id={id}
        className="line-weight-input"
        inputMode="decimal"
        size={6}
        value={text}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
          if (e.key === 'Escape' && unitKg !== null) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />{' '}
      kg{' '}
      <button type="button" className="button small" onClick={() => void save()}>
        {t('packLine.save')}
      </button>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
