import { useTranslation } from 'react-i18next';

/** The column heads of a catalogue row, the same on the catalogue list and the import preview. */
export function SkuColumnHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col">{t('catalogue.columns.sku')}</th>
      <th scope="col">{t('catalogue.columns.descriptionEn')}</th>
      <th scope="col">{t('catalogue.columns.descriptionLocal')}</th>
      <th scope="col" className="num">
        {t('catalogue.columns.unitWeight')}
      </th>
      <th scope="col" className="num">
        {t('catalogue.columns.unitValue')}
      </th>
      <th scope="col">{t('catalogue.columns.hsCode')}</th>
      <th scope="col">{t('catalogue.columns.originCountry')}</th>
    </>
  );
}
