import type { Environment } from '../../../shared/domain/app';
import type { SettingsView, StationSettings } from '../../../shared/domain/settings';
import { StationFailure } from '../../../shared/result';
import type { EventBus } from '../events';
import type { Handlers } from '../invoke';
import type { SecretStore, SettingsStore } from '../settings/types';
import type { Logger } from '../util/log';
import type { AuditRecorder } from '../audit/audit-log';
import { isDatabaseUnreachable } from '../db/storage-errors';

export interface SettingsHandlerDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  /** The audit log (issue 13): which settings changed (secrets only as "saved" or "removed"). */
  audit?: AuditRecorder;
}

/** A short "field: before → after" for the audit log; objects and long text by name only. */
function describeChange(field: string, before: unknown, after: unknown): string {
  const short = (v: unknown) => (v === null || typeof v === 'boolean' || typeof v === 'number' || (typeof v === 'string' && v.length <= 60) ? JSON.stringify(v) : null);
  const a = short(before);
  const b = short(after);
  return a !== null && b !== null ? `${field}: ${a} → ${b}` : field;
}

export function settingsView(settings: SettingsStore, secrets: SecretStore): SettingsView {
  const { printProfiles: _profiles, defaultPrintProfileId: _default, packerOnDutyId: _packer, ...rest } = settings.get();
  const hasApiToken = secrets.getApiToken() !== null;
  return {
    ...rest,
    hasApiToken,
    tokenProtection: secrets.tokenProtection?.() ?? (hasApiToken ? 'plain-file' : 'none'),
    hasFlashAmericasKey: (secrets.getFlashAmericasKey?.() ?? null) !== null,
    hasFlashAmericasWebhookSecret: (secrets.getFlashAmericasWebhookSecret?.() ?? null) !== null,
    notices: [...(settings.notices?.() ?? []), ...(secrets.notices?.() ?? [])],
  };
}

/** Rules that span fields; single-field rules are in the schema. */
function checkCombination(next: StationSettings): void {
  if (next.environment === 'custom' && next.customBaseUrl === null) {
    throw new StationFailure('INVALID_ARGUMENT', 'A custom environment needs its API address (https://…).', [
      { field: 'customBaseUrl', message: 'Enter the API address for the custom environment.' },
    ]);
  }
  if (next.autoUpdate && next.updateUrl === null) {
    throw new StationFailure('INVALID_ARGUMENT', 'Automatic updates need an update address (https://…).', [
      { field: 'updateUrl', message: 'Enter the update address your IT team gave you, or leave automatic updates off.' },
    ]);
  }
}

const ENDPOINT_FIELDS = ['environment', 'customBaseUrl'] as const satisfies readonly (keyof StationSettings)[];

export function settingsHandlers(
  deps: SettingsHandlerDeps,
): Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:setApiToken' | 'settings:setFlashAmericasCredentials'> {
  /**
   * A setting is kept on this computer and is changed whatever the warehouse database says: while it cannot be
   * reached (the very time an admin fixes the connection) the change's audit line goes to the station's log instead.
   */
  const audit = async (entry: Parameters<AuditRecorder['record']>[0]): Promise<void> => {
    try {
      await deps.audit?.record(entry);
    } catch (e) {
      if (!isDatabaseUnreachable(e)) throw e;
      deps.log.warn('a settings change is not in the audit log: the warehouse database cannot be reached', { detail: entry.detail });
    }
  };
  return {
    'settings:get': async () => settingsView(deps.settings, deps.secrets),
    'settings:update': async (patch) => {
      const before = deps.settings.get();
      const next: StationSettings = { ...before, ...patch } as StationSettings;
      checkCombination(next);
      deps.settings.update(patch as Partial<StationSettings>);
      const changed = (Object.keys(patch) as (keyof StationSettings)[]).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
      );
      if (changed.length > 0) {
        deps.log.info('settings changed', { fields: changed });
        deps.events.emit('settings:changed', { fields: changed });
        await audit({
          action: 'setting-change',
          reason: 'settings',
          detail: changed.map((k) => describeChange(k, before[k], next[k])).join('; '),
        });
      }
      if (changed.some((k) => (ENDPOINT_FIELDS as readonly string[]).includes(k))) deps.events.emit('app:statusChanged', {});
      return settingsView(deps.settings, deps.secrets);
    },
    'settings:setApiToken': async ({ token }) => {
      const environment: Environment = deps.settings.get().environment;
      const had = deps.secrets.getApiToken() !== null;
      await deps.secrets.setApiToken(token);
      // Never the token itself: only that it changed.
      deps.log.info(token === null ? 'API token removed' : 'API token saved', { environment });
      await audit({ action: 'setting-change', reason: 'settings', detail: token === null ? 'API token removed' : 'API token saved' });
      if (had !== (token !== null) || environment !== 'sandbox') deps.events.emit('app:statusChanged', {});
      return settingsView(deps.settings, deps.secrets);
    },
    'settings:setFlashAmericasCredentials': async (credentials) => {
      if (!deps.secrets.setFlashAmericasCredentials) {
        throw new StationFailure('UNAVAILABLE', 'This station cannot store Flash Americas credentials; set them in its environment.');
      }
      await deps.secrets.setFlashAmericasCredentials(credentials);
      // Never the values: which ones changed, and how. The client and webhook receiver read them per request.
      const changed = Object.fromEntries(
        Object.entries(credentials)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, v === null ? 'removed' : 'saved']),
      );
      deps.log.info('Flash Americas credentials changed', changed);
      await audit({
        action: 'setting-change',
        reason: 'settings',
        detail: Object.entries(changed)
          .map(([k, v]) => `Flash Americas ${k} ${v}`)
          .join('; '),
      });
      return settingsView(deps.settings, deps.secrets);
    },
  };
}
