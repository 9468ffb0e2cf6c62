import { useTranslation } from 'react-i18next';

export function ShipmentDetail({ id, onBack }: { id: string; onBack(): void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="detail-title">
      <button type="button" className="link-button" onClick={onBack}>
        {t('detail.back')}
      </button>
      <h2 id="detail-title" className="view-title">
        {t('detail.title', { id })}
      </h2>
    </section>
  );
}
