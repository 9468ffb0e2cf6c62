import { useTranslation } from 'react-i18next';
import type { ParcelSummary } from '../../../../shared/domain/shipment-detail';
import { localeOf } from '../../i18n';
import { useMixedTranslation } from '../../lib/english-text';
import { useFormat } from '../../lib/format';

function money(language: string, currency: string, amount: number): string {
  try {
    return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** What went into the box: each parcel's weight and size, and the lines declared to customs. */
export function ParcelsList({ parcels }: { parcels: readonly ParcelSummary[] }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const mixed = useMixedTranslation();
  return (
    <section aria-labelledby="detail-parcels" data-testid="detail-parcels">
      <h3 id="detail-parcels">{t('ui.parcelsTitle')}</h3>
      <ol className="parcels-list">
        {parcels.map((p, i) => (
          <li key={i} data-testid="detail-parcel">
            <strong>{t('ui.parcel', { n: i + 1, weight: fmt.number(p.weightKg) })}</strong>
            {p.dimensionCm && (
              <span className="hint">
                {' · '}
                {t('ui.dimensions', {
                  length: fmt.number(p.dimensionCm.length),
                  width: fmt.number(p.dimensionCm.width),
                  height: fmt.number(p.dimensionCm.height),
                })}
              </span>
            )}
            {p.items.length === 0 ? (
              <p className="hint">{t('ui.noItems')}</p>
            ) : (
              <ul className="items-list">
                {p.items.map((item, j) => (
                  <li key={j} data-testid="detail-item">
                    {mixed(
                      'ui.item',
                      {
                        quantity: fmt.number(item.quantity),
                        description: item.description,
                        price: money(i18n.language, item.currency, item.unitPrice),
                      },
                      // The customs description is English by definition (descriptionEn).
                      ['description'],
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
