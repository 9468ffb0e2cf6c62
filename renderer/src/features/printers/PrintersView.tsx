import { useTranslation } from 'react-i18next';

export function PrintersView() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="printers-title">
      <h2 id="printers-title" className="view-title">
        {t('printers.title')}
      </h2>
    </section>
  );
}
