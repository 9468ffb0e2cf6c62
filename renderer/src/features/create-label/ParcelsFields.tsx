import { useTranslation } from 'react-i18next';
import { emptyItem, emptyParcel, itemPath, parcelPath, type ItemDraft, type ParcelDraft } from './form-model';
import { FieldErrors, TextField } from './fields';

const DECIMAL = { inputMode: 'decimal' as const };

export function ParcelsFields({ parcels, onChange }: { parcels: ParcelDraft[]; onChange(next: ParcelDraft[]): void }) {
  const { t } = useTranslation();
  const setParcel = (i: number, patch: Partial<ParcelDraft>) => onChange(parcels.map((p, k) => (k === i ? { ...p, ...patch } : p)));
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
              <button type="button" className="button small" onClick={() => onChange(parcels.filter((_, k) => k !== i))}>
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
              onValue={(v) => setParcel(i, { weight: v })}
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
      <button type="button" className="button small" onClick={() => onChange([...parcels, emptyParcel()])}>
        {t('create.addParcel')}
      </button>
    </fieldset>
  );
}
