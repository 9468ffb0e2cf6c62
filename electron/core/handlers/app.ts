import type { Handlers } from '../invoke';
import type { SecretStore, SettingsStore } from '../settings/types';
import type { ApiEndpoint } from '../environment';

export interface AppHandlerDeps {
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
  settings: SettingsStore;
  secrets: SecretStore;
  endpoint: () => ApiEndpoint;
}

export function appHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app:status' | 'settings:get'> {
  return {
    'app:status': async () => {
      const endpoint = deps.endpoint();
      return {
        version: deps.version,
        shell: deps.shell,
        environment: endpoint.environment,
        demo: endpoint.environment === 'sandbox',
        apiBaseUrl: endpoint.baseUrl,
        platform: deps.platform,
      };
    },
    'settings:get': async () => {
      const s = deps.settings.get();
      return {
        environment: s.environment,
        customBaseUrl: s.customBaseUrl,
        hasApiToken: deps.secrets.getApiToken() !== null,
        stationName: s.stationName,
        language: s.language,
        autoPrint: s.autoPrint,
      };
    },
  };
}
