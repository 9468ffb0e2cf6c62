import type { AppStatus } from '../../../shared/domain/app';
import { StationFailure } from '../../../shared/result';
import { diagnosticsText } from '../diagnostics';
import type { Handlers } from '../invoke';
import type { SecretStore, SettingsStore } from '../settings/types';
import type { ApiEndpoint } from '../environment';
import { settingsView } from './settings';

/**
 * What only a desktop shell can do (open a folder in the file manager, use the
 * clipboard). Electron's main provides it; browser mode has none.
 */
export interface DesktopPort {
  logsFolder(): string;
  /** Opens a folder in the system file manager; false when the OS refused. */
  openFolder(path: string): Promise<boolean>;
  copyText(text: string): void;
  /** Extra runtime versions for diagnostics (electron, chrome). */
  runtime?(): Readonly<Record<string, string | undefined>>;
}

export interface AppHandlerDeps {
  version: string;
  shell: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  endpoint: () => ApiEndpoint;
  desktop: DesktopPort | null;
  now: () => Date;
  /** Warehouse mode: the site's database and whether it is reachable now; absent or null on SQLite. */
  site?: () => { location: string; reachable: boolean; message: string | null } | null;
}

export function appHandlers(deps: AppHandlerDeps): Pick<Handlers, 'app:status' | 'app:openLogsFolder' | 'app:copyDiagnostics'> {
  const status = (): AppStatus => {
    const endpoint = deps.endpoint();
    return {
      version: deps.version,
      shell: deps.shell,
      environment: endpoint.environment,
      demo: endpoint.environment === 'sandbox',
      apiBaseUrl: endpoint.baseUrl,
      platform: deps.platform,
      warehouse: deps.site?.() ?? null,
    };
  };
  return {
    'app:status': async () => status(),
    'app:openLogsFolder': async () => {
      if (!deps.desktop) {
        throw new StationFailure('UNAVAILABLE', 'Browser mode writes its log to the terminal window that started it.');
      }
      const path = deps.desktop.logsFolder();
      return { path, opened: await deps.desktop.openFolder(path) };
    },
    'app:copyDiagnostics': async () => {
      const text = diagnosticsText({
        status: status(),
        settings: settingsView(deps.settings, deps.secrets),
        dataDir: deps.dataDir,
        logsFolder: deps.desktop?.logsFolder() ?? null,
        runtime: { node: process.versions.node, ...deps.desktop?.runtime?.() },
        now: deps.now(),
        secrets: [deps.secrets.getApiToken() ?? ''],
      });
      if (!deps.desktop) return { text, copied: false };
      deps.desktop.copyText(text);
      return { text, copied: true };
    },
  };
}
