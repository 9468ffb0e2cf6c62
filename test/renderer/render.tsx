import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { StationApi } from '../../shared/contract';
import type { Language } from '../../shared/domain/settings';
import { createI18n } from '../../renderer/src/i18n';
import { StationContext } from '../../renderer/src/lib/station-context';

export function renderWithStation(ui: ReactElement, station: StationApi, language: Language = 'en') {
  const i18n = createI18n(language);
  return {
    i18n,
    ...render(
      <I18nextProvider i18n={i18n}>
        <StationContext.Provider value={station}>{ui}</StationContext.Provider>
      </I18nextProvider>,
    ),
  };
}
