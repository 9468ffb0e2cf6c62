import { useTranslation } from 'react-i18next';

export function CreateLabelView() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="create-title">
      <h2 id="create-title" className="view-title">
        {t('create.title')}
      </h2>
    </section>
  );
}
