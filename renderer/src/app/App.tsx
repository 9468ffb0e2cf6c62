import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../shared/domain/app';
import { useStation } from '../lib/station-context';
import { ShipmentsView } from '../features/shipments/ShipmentsView';
import { SettingsView } from '../features/settings/SettingsView';
import { CreateLabelView } from '../features/create-label/CreateLabelView';
import { PrintersView } from '../features/printers/PrintersView';
import './app.css';

export const VIEWS = ['create', 'shipments', 'printers', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export function App({ initialView = 'create' }: { initialView?: View }) {
  const { t } = useTranslation();
  const station = useStation();
  const [view, setView] = useState<View>(initialView);
  const [status, setStatus] = useState<AppStatus | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void station.appStatus().then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    load();
    const stop = station.subscribe((e) => {
      if (e.type === 'app:statusChanged') load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);

  return (
    <div className="shell">
      {status?.demo && (
        <div className="demo-banner" role="status" data-testid="demo-banner">
          {t('app.demoBanner')}
        </div>
      )}
      <header className="shell-header">
        <h1 className="shell-title">{t('app.title')}</h1>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {VIEWS.map((v) => (
              <li key={v}>
                <button type="button" className="nav-item" aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
                  {t(`nav.${v}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="shell-main">
        {view === 'create' && <CreateLabelView />}
        {view === 'shipments' && <ShipmentsView />}
        {view === 'printers' && <PrintersView />}
        {view === 'settings' && <SettingsView />}
      </main>
    </div>
  );
}
