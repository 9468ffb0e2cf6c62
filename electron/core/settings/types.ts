import type { Environment } from '../../../shared/domain/app';
import type { Language } from '../../../shared/domain/settings';

/** What the station keeps between runs (the token is held apart, see `SecretStore`). */
export interface StationSettings {
  environment: Environment;
  customBaseUrl: string | null;
  stationName: string;
  language: Language | null;
  autoPrint: boolean;
}

export const DEFAULT_SETTINGS: StationSettings = {
  environment: 'sandbox',
  customBaseUrl: null,
  stationName: 'Packing bench',
  language: null,
  autoPrint: true,
};

/**
 * Settings persistence. Electron uses electron-store; plain Node (browser
 * mode, tests) uses a JSON file. Both are injected into the station.
 */
export interface SettingsStore {
  get(): StationSettings;
  update(patch: Partial<StationSettings>): StationSettings;
}

/** The API token lives here, never in settings, logs, the database or the renderer. */
export interface SecretStore {
  getApiToken(): string | null;
  setApiToken(token: string | null): void;
}

export class MemorySettingsStore implements SettingsStore, SecretStore {
  #settings: StationSettings;
  #token: string | null;
  constructor(initial: Partial<StationSettings> = {}, token: string | null = null) {
    this.#settings = { ...DEFAULT_SETTINGS, ...initial };
    this.#token = token;
  }
  get(): StationSettings {
    return { ...this.#settings };
  }
  update(patch: Partial<StationSettings>): StationSettings {
    this.#settings = { ...this.#settings, ...patch };
    return this.get();
  }
  getApiToken(): string | null {
    return this.#token;
  }
  setApiToken(token: string | null): void {
    this.#token = token;
  }
}
