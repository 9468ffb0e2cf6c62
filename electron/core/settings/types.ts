import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import { DEFAULT_DECLARED_VALUE_CONFIRM_ABOVE, DEFAULT_NOTIFY_TAGS, type StationSettings, type TokenProtection } from '../../../shared/domain/settings';
import { DEFAULT_SCANNER_SETTINGS } from '../../../shared/domain/scanner';

/** The schema (with its validation messages) lives in shared/domain/settings.ts so the Settings screen checks the same rules. */
export type { StationSettings } from '../../../shared/domain/settings';

export const DEFAULT_SETTINGS: StationSettings = {
  environment: 'sandbox',
  customBaseUrl: null,
  stationName: 'Packing bench',
  language: null,
  autoPrint: true,
  closeToTray: true,
  startAtLogin: false,
  notifyTags: DEFAULT_NOTIFY_TAGS,
  notifySiteWide: false,
  shipFrom: null,
  scanReprint: false,
  scanner: DEFAULT_SCANNER_SETTINGS,
  updateUrl: null,
  autoUpdate: false,
  printProfiles: [DEFAULT_PRINT_PROFILE],
  defaultPrintProfileId: DEFAULT_PRINT_PROFILE.id,
  privateDocumentHosts: [],
  declaredValueConfirmAbove: DEFAULT_DECLARED_VALUE_CONFIRM_ABOVE,
  packerOnDutyId: null,
  warehouse: null,
};

/** A fresh copy (nested objects included) so no caller can edit the defaults. */
export function defaultSettings(): StationSettings {
  return structuredClone(DEFAULT_SETTINGS);
}

/**
 * Settings persistence. Electron uses electron-store (electron/main/settings.ts);
 * plain Node (browser mode) uses a JSON file (./file-store.ts). Both are
 * injected into the station. `update` receives an already validated patch.
 */
export interface SettingsStore {
  get(): StationSettings;
  update(patch: Partial<StationSettings>): StationSettings;
  /** What was repaired when the file was read (corrupt file replaced, invalid field reset), for the Settings screen. */
  notices?(): readonly string[];
}

/** The API token lives here, never in settings, logs, the database or the renderer. */
export interface SecretStore {
  getApiToken(): string | null;
  /** May persist asynchronously (safeStorage's async encryption); the handler awaits it. */
  setApiToken(token: string | null): void | Promise<void>;
  /** How the token is kept at rest, so the Settings screen can warn when it is not really encrypted. */
  tokenProtection?(): TokenProtection;
  /** What went wrong reading the token back (e.g. it could not be decrypted), for the Settings screen. */
  notices?(): readonly string[];
  /**
   * Flash Americas API key (`live_…`), for tracking shipments booked there.
   * Optional: a store without it runs Flash Americas in demo mode only. Same
   * rules as the token: never in settings, logs, the database or the renderer.
   */
  getFlashAmericasKey?(): string | null;
  /** Shared secret of the optional Flash Americas webhook receiver (HMAC key); null keeps the receiver refusing. */
  getFlashAmericasWebhookSecret?(): string | null;
  /**
   * Stores the Flash Americas credentials the way this store keeps the API
   * token: a string sets, `null` removes, `undefined` leaves as is. Throws
   * UNAVAILABLE for one whose environment variable is set (the variable wins).
   * Readers call the getters per request, so a change needs no restart.
   */
  setFlashAmericasCredentials?(credentials: FlashAmericasCredentialsPatch): void | Promise<void>;
  /**
   * The warehouse database's password (issue 15), kept exactly like the API
   * token: never in settings, logs or the renderer. Optional: a store without
   * it can only use a connection from the environment (STATION_WAREHOUSE_URL).
   */
  getWarehousePassword?(): string | null;
  setWarehousePassword?(password: string | null): void | Promise<void>;
  /** How the warehouse password is kept at rest (same words as the token). */
  warehousePasswordProtection?(): TokenProtection;
}

export interface FlashAmericasCredentialsPatch {
  apiKey?: string | null;
  webhookSecret?: string | null;
}

export class MemorySettingsStore implements SettingsStore, SecretStore {
  #settings: StationSettings;
  #token: string | null;
  constructor(initial: Partial<StationSettings> = {}, token: string | null = null) {
    this.#settings = { ...defaultSettings(), ...initial };
    this.#token = token;
  }
  get(): StationSettings {
    return structuredClone(this.#settings);
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
  #fa: Required<FlashAmericasCredentialsPatch> = { apiKey: null, webhookSecret: null };
  getFlashAmericasKey(): string | null {
    return this.#fa.apiKey;
  }
  getFlashAmericasWebhookSecret(): string | null {
    return this.#fa.webhookSecret;
  }
  setFlashAmericasCredentials(patch: FlashAmericasCredentialsPatch): void {
    this.#fa = {
      apiKey: patch.apiKey === undefined ? this.#fa.apiKey : patch.apiKey,
      webhookSecret: patch.webhookSecret === undefined ? this.#fa.webhookSecret : patch.webhookSecret,
    };
  }
  #warehousePassword: string | null = null;
  getWarehousePassword(): string | null {
    return this.#warehousePassword;
  }
  setWarehousePassword(password: string | null): void {
    this.#warehousePassword = password;
  }
  warehousePasswordProtection(): TokenProtection {
    return this.#warehousePassword === null ? 'none' : 'session-only';
  }
  tokenProtection(): TokenProtection {
    // Held in memory only: nothing at rest, so nothing to warn about beyond "not kept".
    return this.#token === null ? 'none' : 'environment';
  }
}
