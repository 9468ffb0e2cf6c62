import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShipmentPage } from '../../../../shared/domain/shipment';
import { useStation } from '../../lib/station-context';

export function ShipmentsView() {
  const { t } = useTranslation();
  const station = useStation();
  const [page, setPage] = useState<ShipmentPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void station.shipmentsList({}).then((r) => {
      if (!live) return;
      if (r.ok) setPage(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [station]);

  return (
    <section aria-labelledby="shipments-title">
      <h2 id="shipments-title" className="view-title">
        {t('shipments.title')}
      </h2>
      {error && <p className="error">{t('errors.generic', { message: error })}</p>}
      {page && page.total === 0 && <p className="empty">{t('shipments.empty')}</p>}
      {page && page.total > 0 && <p>{t('shipments.count', { count: page.total })}</p>}
    </section>
  );
}
