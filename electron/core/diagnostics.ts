/**
 * "Copy diagnostics": what support needs to understand a station, on one
 * screen of text. It names whether a token is set and how it is kept, never
 * the token; the ship-from contact (a person's name and phone) is left out,
 * and the whole text goes through the log redactor with the token as a known
 * secret in case a future field carries it by accident.
 */
import type { AppStatus } from '../../shared/domain/app';
import type { SettingsView } from '../../shared/domain/settings';
import { redact } from './util/log';

export interface DiagnosticsInput {
  status: AppStatus;
  settings: SettingsView;
  dataDir: string;
  logsFolder: string | null;
  runtime: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** Known secrets to scrub (the token). */
  secrets: readonly string[];
}

export function diagnosticsText(input: DiagnosticsInput): string {
  const { settings: s, status } = input;
  const notifying = Object.entries(s.notifyTags)
    .filter(([, on]) => on)
    .map(([tag]) => tag);
  const lines = [
    'Shipping Station diagnostics',
    `Generated: ${input.now.toISOString()}`,
    `Version: ${status.version} (${status.shell}, ${status.platform})`,
    ...Object.entries(input.runtime)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `Runtime ${k}: ${v}`),
    `Environment: ${status.environment}${status.demo ? ' (demo, embedded sandbox)' : ''}`,
    `API address: ${status.apiBaseUrl}`,
    `API token: ${s.hasApiToken ? `set, ${s.tokenProtection}` : 'not set'}`,
    `Station name: ${s.stationName}`,
    `Language: ${s.language ?? 'system'}`,
    `Auto-print: ${s.autoPrint ? 'on' : 'off'}; scan to reprint: ${s.scanReprint ? 'on' : 'off'}`,
    `Close to tray: ${s.closeToTray ? 'on' : 'off'}; start at login: ${s.startAtLogin ? 'on' : 'off'}`,
    `Notifications for: ${notifying.length > 0 ? notifying.join(', ') : 'none'}`,
    `Ship-from country: ${s.shipFrom?.address.countryCode ?? 'not set'}`,
    `Automatic updates: ${s.autoUpdate ? `on (${s.updateUrl ?? 'no address'})` : 'off'}`,
    `Data folder: ${input.dataDir}`,
    `Logs folder: ${input.logsFolder ?? 'terminal output (browser mode)'}`,
    ...(s.notices.length > 0 ? ['Settings notices:', ...s.notices.map((n) => `  - ${n}`)] : []),
  ];
  return redact(lines.join('\n'), input.secrets) as string;
}
