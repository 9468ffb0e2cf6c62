import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatKg, type ScaleState } from '../../../../shared/devices/weight-policy';
import { ScaleLine } from '../scale/ScaleLine';
import type { ScaleView } from '../scale/scale-connection';
import { useTakeScaleWeight } from '../scale/use-take-scale-weight';
import { emptyItem, emptyParcel, itemPath, parcelPath, type ItemDraft, type ParcelDraft } from './form-model';
import { FieldErrors, TextField } from './fields';

const DECIMAL = { inputMode: 'decimal' as const };
const NO_SCALE: ScaleState = { kind: 'disconnected' };

export interface ParcelScale {
  view: ScaleView;
  weighedKg: number | null;
}

/**
 * The parcels. With a scale chosen, one parcel at a time takes the scale's
 * stable weight (the first, then each parcel added): its field fills itself,
 * the line under it shows the live weight or "settling…". Typing a weight
 * by hand always works and the scale then leaves that parcel alone until
 * "Use the scale". `locked`: the label is being or has been bought with
 * these weights; the scale changes nothing and the fields are read-only.
 */
export function ParcelsFields({
  parcels,
  onChange,
  scale,
  locked = false,
  round = 0,
}: {
  parcels: ParcelDraft[];
  onChange(next: ParcelDraft[]): void;
  scale?: ParcelScale;
  locked?: boolean;
  /** Changes with each new form (next label, duplicate): which parcel was typed by hand starts over. */
  round?: number;
}) {
  const { t } = useTranslation();
  const setParcel = (i: number, patch: Partial<ParcelDraft>) => onChange(parcels.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const withScale = scale?.view.kind === 'scale';
  const [scaleParcel, setScaleParcel] = useState(0);
  const [typed, setTyped] = useState<ReadonlySet<number>>(new Set());
  const target = Math.min(scaleParcel, parcels.length - 1);
  const [fromScale, setFromScale] = useState<ReadonlySet<number>>(new Set());
  const [seenRound, setSeenRound] = useState(round);
  if (round !== seenRound) {
    // Reset while rendering (not in an effect) so the new form never shows the old form's marks.
    setSeenRound(round);
    setScaleParcel(0);
    setTyped(new Set());
    setFromScale(new Set());
  }
  const markFromScale = (i: number, yes: boolean) =>
    setFromScale((s) => {
      const next = new Set(s);
      if (yes) next.add(i);
      else next.delete(i);
      return next;
    });
  useTakeScaleWeight(scale?.view.kind === 'scale' ? scale.view.state : NO_SCALE, {
    listening: withScale && !typed.has(target),
    locked,
    take: (kg) => {
      setParcel(target, { weight: formatKg(kg) });
      markFromScale(target, true);
    },
  });
  const typeWeight = (i: number, v: string) => {
    setParcel(i, { weight: v });
    markFromScale(i, false);
    if (withScale) setTyped((s) => new Set(s).add(i));
  };
  const giveToScale = (i: number) => {
    setScaleParcel(i);
    setTyped((s) => {
      const next = new Set(s);
      next.delete(i);
      return next;
    });
    if (scale?.weighedKg != null && !locked) {
      setParcel(i, { weight: formatKg(scale.weighedKg) });
      markFromScale(i, true);
    }
  };
  const removeParcel = (i: number) => {
    onChange(parcels.filter((_, k) => k !== i));
    const shift = (set: ReadonlySet<number>) => new Set([...set].filter((k) => k !== i).map((k) => (k > i ? k - 1 : k)));
    setTyped(shift);
    setFromScale(shift);
    setScaleParcel((k) => (k > i ? k - 1 : k));
  };
  const addParcel = () => {
    onChange([...parcels, emptyParcel()]);
    // The parcel just added is the one going on the scale next.
    setScaleParcel(parcels.length);
  };
  const setItem = (i: number, j: number, key: keyof ItemDraft, v: string) =>
    setParcel(i, { items: parcels[i]!.items.map((it, k) => (k === j ? { ...it, [key]: v } : it)) });

  return (
    <fieldset className="box">
      <legend>{t('create.parcels')}</legend>
      <FieldErrors path="shipment.parcels" />
      {parcels.map((parcel, i) => (
        <div className="parcel" key={i} data-testid={`parcel-${i}`}>
          <div className="parcel-head">
            <h4>{t('create.parcel', { n: i + 1 })}</h4>
            {parcels.length > 1 && (
              <button type="button" className="button small" onClick={() => removeParcel(i)}>
                {t('create.removeParcel', { n: i + 1 })}
              </button>
            )}
          </div>
          <FieldErrors path={`shipment.parcels.${i}`} />
          <div className="row4">
            <TextField
              path={parcelPath(i, 'weight')}
              label={t('create.weight')}
              value={parcel.weight}
              onValue={(v) => typeWeight(i, v)}
              readOnly={locked}
              data-source={fromScale.has(i) ? 'scale' : 'typed'}
              {...DECIMAL}
            />
            <TextField
              path={parcelPath(i, 'length')}
              label={t('create.length')}
              value={parcel.length}
              onValue={(v) => setParcel(i, { length: v })}
              {...DECIMAL}
            />
            <TextField
              path={parcelPath(i, 'width')}
              label={t('create.width')}
              value={parcel.width}
              onValue={(v) => setParcel(i, { width: v })}
              {...DECIMAL}
            />
            <TextField
              path={parcelPath(i, 'height')}
              label={t('create.height')}
              value={parcel.height}
              onValue={(v) => setParcel(i, { height: v })}
              {...DECIMAL}
            />
          </div>
          {withScale && scale && (
            <div className="parcel-scale" data-testid={`parcel-scale-${i}`}>
              {locked ? (
                <p className="hint" data-testid="scale-locked">
                  {t('scale.locked')}
                </p>
              ) : i === target && !typed.has(i) ? (
                <ScaleLine view={scale.view} />
              ) : (
                <p className="hint">
                  {typed.has(i) && <span>{t('scale.typed')} </span>}
                  <button type="button" className="button small" onClick={() => giveToScale(i)}>
                    {t('scale.useScale')}
                  </button>
                </p>
              )}
            </div>
          )}
          <FieldErrors path={`shipment.parcels.${i}.dimension`} />
          <FieldErrors path={`shipment.parcels.${i}.items`} />
          {parcel.items.map((item, j) => (
            <div className="item" key={j} data-testid={`item-${i}-${j}`}>
              <span className="item-title">{t('create.item', { n: j + 1 })}</span>
              <div className="row-item">
                <TextField
                  path={itemPath(i, j, 'descriptionEn')}
                  label={t('create.descriptionEn')}
                  value={item.descriptionEn}
                  onValue={(v) => setItem(i, j, 'descriptionEn', v)}
                  className="grow"
                />
                <TextField
                  path={itemPath(i, j, 'descriptionLocal')}
                  label={t('create.descriptionLocal')}
                  value={item.descriptionLocal}
                  onValue={(v) => setItem(i, j, 'descriptionLocal', v)}
                  className="grow"
                />
                <TextField
                  path={itemPath(i, j, 'quantity')}
                  label={t('create.quantity')}
                  value={item.quantity}
                  onValue={(v) => setItem(i, j, 'quantity', v)}
                  inputMode="numeric"
                  className="narrow"
                />
                <TextField
                  path={itemPath(i, j, 'unitPrice')}
                  label={t('create.unitPrice')}
                  value={item.unitPrice}
                  onValue={(v) => setItem(i, j, 'unitPrice', v)}
                  {...DECIMAL}
                  className="narrow"
                />
                <TextField
                  path={itemPath(i, j, 'currency')}
                  label={t('create.currency')}
                  value={item.currency}
                  onValue={(v) => setItem(i, j, 'currency', v)}
                  maxLength={3}
                  className="narrow"
                />
                <TextField
                  path={itemPath(i, j, 'unitWeight')}
                  label={t('create.unitWeight')}
                  value={item.unitWeight}
                  onValue={(v) => setItem(i, j, 'unitWeight', v)}
                  {...DECIMAL}
                  className="narrow"
                />
                {parcel.items.length > 1 && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => setParcel(i, { items: parcel.items.filter((_, k) => k !== j) })}
                  >
                    {t('create.removeItem', { n: j + 1 })}
                  </button>
                )}
              </div>
            </div>
          ))}
          <button
            type="button"
            className="button small"
            onClick={() => setParcel(i, { items: [...parcel.items, emptyItem(parcel.items.at(-1)?.currency)] })}
          >
            {t('create.addItem')}
          </button>
        </div>
      ))}
      <button type="button" className="button small" onClick={addParcel}>
        {t('create.addParcel')}
      </button>
    </fieldset>
  );
}
