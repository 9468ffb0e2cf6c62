import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView as Settings } from '../../../../shared/domain/settings';
import { useStation } from '../../lib/station-context';

export function SettingsView() {
  const { t } = useTranslation();
  const station = useStation();
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    void station.settingsGet().then((r) => r.ok && setSettings(r.value));
  }, [station]);

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" className="view-title">
        {t('settings.title')}
      </h2>
      {settings && (
        <dl className="settings">
          <dt>{t('settings.environment')}</dt>
          <dd>{t(`environment.${settings.environment}`)}</dd>
          <dt>{t('settings.stationName')}</dt>
          <dd>{settings.stationName}</dd>
          <dt>{t('settings.apiToken')}</dt>
          <dd>{settings.hasApiToken ? t('settings.tokenSet') : t('settings.tokenNotSet')}</dd>
          <dt>{t('settings.autoPrint')}</dt>
          <dd>{settings.autoPrint ? t('settings.yes') : t('settings.no')}</dd>
        </dl>
      )}
    </section>
  );
}
