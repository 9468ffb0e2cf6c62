import { useTranslation } from 'react-i18next';

export function CreateLabelView(_props: { initialOrderNumber?: string | undefined; onOpenShipment(id: string): void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title" className="view-title">
        {t('create.title')}
      </h2>
    </section>
  );
}
