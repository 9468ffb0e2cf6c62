import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { connectStation } from './lib/station';
import { StationContext } from './lib/station-context';
import { createI18n, pickLanguage } from './i18n';

const station = connectStation();
const i18n = createI18n(pickLanguage(navigator.languages));
const root = createRoot(document.getElementById('root')!);

root.render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {station ? (
        <StationContext.Provider value={station}>
          <App />
        </StationContext.Provider>
      ) : (
        <p className="error" role="alert">
          {i18n.t('app.notConnected')}
        </p>
      )}
    </I18nextProvider>
  </StrictMode>,
);
