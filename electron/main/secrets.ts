/**
 * The API token in the desktop app: encrypted with Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) using the
 * async API, and kept as base64 of the encrypted bytes in its own small
 * electron-store file (secrets.json), never in the settings file. The clear
 * token exists only in this object's memory. The Flash Americas API key and
 * webhook secret set from Settings are kept the same way, under their own keys.
 *
 * On Linux without a keyring, safeStorage falls back to `basic_text`: the
 * bytes are "encrypted" with a key built into Chromium, which only hides the
 * token from a casual look. We still store it (a packing bench without a
 * keyring must work) but report `obfuscated` so the Settings screen warns and
 * log a warning at start-up.
 */
import type { TokenProtection } from '../../shared/domain/settings';
import { StationFailure } from '../../shared/result';
import { FA_KEY_ENV_VAR, FA_WEBHOOK_SECRET_ENV_VAR } from '../core/settings/file-store';
import type { FlashAmericasCredentialsPatch, SecretStore } from '../core/settings/types';
import type { Logger } from '../core/util/log';

/** The async half of Electron's safeStorage (Electron ≥ 36). */
export interface SafeStoragePort {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

/** Where the encrypted token lives (an electron-store key in the app, a Map in tests). */
export interface EncryptedTokenStore {
  get(): string | null;
  set(base64: string | null): void;
}

export interface SafeStorageSecretsOptions {
  safeStorage: SafeStoragePort;
  persisted: EncryptedTokenStore;
  platform: NodeJS.Platform;
  log: Logger;
  /**
   * Where the Flash Americas key and webhook secret are kept when set from
   * Settings: encrypted exactly like the token (their own keys in
   * secrets.json). Without it they are held for this session only.
   */
  persistedFlashAmericas?: { apiKey: EncryptedTokenStore; webhookSecret: EncryptedTokenStore };
  /** The warehouse database's password saved from Settings, encrypted like the token (its own key in secrets.json). */
  persistedWarehousePassword?: EncryptedTokenStore;
  /**
   * The same environment variables as browser mode (FLASHAMERICAS_API_KEY,
   * FLASHAMERICAS_WEBHOOK_SECRET) win over what Settings saved, so a
   * deployment script stays in charge; nothing of them is written to disk.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

type FaField = 'apiKey' | 'webhookSecret';
const FA_FIELDS: readonly FaField[] = ['apiKey', 'webhookSecret'];
const FA_ENV: Record<FaField, string> = { apiKey: FA_KEY_ENV_VAR, webhookSecret: FA_WEBHOOK_SECRET_ENV_VAR };
const FA_LABEL: Record<FaField, string> = { apiKey: 'Flash Americas API key', webhookSecret: 'Flash Americas webhook secret' };

/** Session memory for the Flash Americas values when the caller gave no file (tests, a store built without one). */
function memorySlot(): EncryptedTokenStore {
  let value: string | null = null;
  return { get: () => value, set: (v) => (value = v) };
}

export class SafeStorageSecretStore implements SecretStore {
  readonly #options: SafeStorageSecretsOptions;
  readonly #available: boolean;
  readonly #backend: string | null;
  #token: string | null = null;
  readonly #fa: Record<FaField, string | null> = { apiKey: null, webhookSecret: null };
  readonly #faPersisted: Record<FaField, EncryptedTokenStore>;
  readonly #warehousePersisted: EncryptedTokenStore;
  #warehousePassword: string | null = null;
  readonly #notices: string[] = [];

  private constructor(options: SafeStorageSecretsOptions, available: boolean) {
    this.#options = options;
    this.#faPersisted = options.persistedFlashAmericas ?? { apiKey: memorySlot(), webhookSecret: memorySlot() };
    this.#warehousePersisted = options.persistedWarehousePassword ?? memorySlot();
    this.#available = available;
    this.#backend = options.platform === 'linux' ? (options.safeStorage.getSelectedStorageBackend?.() ?? null) : null;
  }

  /** Call after `app` is ready: safeStorage needs it. */
  static async open(options: SafeStorageSecretsOptions): Promise<SafeStorageSecretStore> {
    const available = await options.safeStorage.isAsyncEncryptionAvailable();
    const store = new SafeStorageSecretStore(options, available);
    await store.#load();
    for (const field of FA_FIELDS) await store.#loadFa(field);
    store.#warehousePassword = await store.#loadSlot(store.#warehousePersisted, 'warehouse database password');
    if (store.#backend === 'basic_text') {
      options.log.warn('no OS keyring found: the API token is only obfuscated on disk (safeStorage basic_text backend)');
      store.#notices.push(
        'This computer has no keyring (such as GNOME Keyring or KWallet): the API token is only obfuscated on disk, not encrypted. Install and unlock a keyring to protect it.',
      );
    }
    return store;
  }

  /** Sentences for the Settings screen about the token (could not be decrypted, only obfuscated). */
  notices(): readonly string[] {
    return [...this.#notices];
  }

  getApiToken(): string | null {
    return this.#token;
  }

  getFlashAmericasKey(): string | null {
    return this.#faFromEnv('apiKey') ?? this.#fa.apiKey;
  }

  getFlashAmericasWebhookSecret(): string | null {
    return this.#faFromEnv('webhookSecret') ?? this.#fa.webhookSecret;
  }

  async setFlashAmericasCredentials(patch: FlashAmericasCredentialsPatch): Promise<void> {
    const changes = FA_FIELDS.filter((f) => patch[f] !== undefined);
    // Refuse before writing anything, so a half-applied change never happens.
    for (const field of changes) {
      if (this.#faFromEnv(field) !== null) {
        throw new StationFailure(
          'UNAVAILABLE',
          `The ${FA_LABEL[field]} comes from the ${FA_ENV[field]} environment variable; change it there and restart.`,
        );
      }
    }
    for (const field of changes) {
      const value = patch[field] ?? null;
      if (value === null) {
        this.#faPersisted[field].set(null);
      } else if (this.#available) {
        this.#faPersisted[field].set((await this.#options.safeStorage.encryptStringAsync(value)).toString('base64'));
      } else {
        // As for the token: never written in clear; kept until the app quits.
        this.#options.log.warn(`encryption unavailable: the ${FA_LABEL[field]} is kept for this session only`);
      }
      this.#fa[field] = value;
    }
  }

  /** Every secret this store knows, for the log redactor. */
  allSecrets(): string[] {
    return [this.#token, this.getFlashAmericasKey(), this.getFlashAmericasWebhookSecret(), this.#warehousePassword].filter(
      (s): s is string => s !== null,
    );
  }

  getWarehousePassword(): string | null {
    return this.#warehousePassword;
  }

  async setWarehousePassword(password: string | null): Promise<void> {
    if (password === null) this.#warehousePersisted.set(null);
    else if (this.#available) this.#warehousePersisted.set((await this.#options.safeStorage.encryptStringAsync(password)).toString('base64'));
    // As for the token: never written in clear; kept until the app quits (the next start then has none and says so).
    else this.#options.log.warn('encryption unavailable: the warehouse database password is kept for this session only');
    this.#warehousePassword = password;
  }

  warehousePasswordProtection(): TokenProtection {
    if (this.#warehousePassword === null) return 'none';
    if (!this.#available) return 'session-only';
    return this.#backend === 'basic_text' ? 'obfuscated' : 'encrypted';
  }

  /** One encrypted value read back; a notice (never the value) when it cannot be. */
  async #loadSlot(slot: EncryptedTokenStore, label: string): Promise<string | null> {
    const stored = slot.get();
    if (stored === null) return null;
    if (!this.#available) {
      this.#notices.push(`The saved ${label} cannot be read because encryption is not available on this computer right now. Enter it again.`);
      return null;
    }
    try {
      const { result, shouldReEncrypt } = await this.#options.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (shouldReEncrypt) slot.set((await this.#options.safeStorage.encryptStringAsync(result)).toString('base64'));
      return result;
    } catch (e) {
      this.#options.log.warn(`the saved ${label} could not be decrypted`, { error: e });
      this.#notices.push(`The saved ${label} could not be decrypted on this computer. Enter it again.`);
      return null;
    }
  }

  async setApiToken(token: string | null): Promise<void> {
    if (token === null) {
      this.#options.persisted.set(null);
      this.#token = null;
      return;
    }
    if (!this.#available) {
      // Never fall back to writing the token in clear: keep it for this session and say so.
      this.#token = token;
      this.#options.log.warn('encryption unavailable: the API token is kept for this session only');
      return;
    }
    const encrypted = await this.#options.safeStorage.encryptStringAsync(token);
    this.#options.persisted.set(encrypted.toString('base64'));
    this.#token = token;
  }

  tokenProtection(): TokenProtection {
    if (this.#token === null) return 'none';
    if (!this.#available) return 'session-only';
    return this.#backend === 'basic_text' ? 'obfuscated' : 'encrypted';
  }

  #faFromEnv(field: FaField): string | null {
    return this.#options.env?.[FA_ENV[field]]?.trim() || null;
  }

  async #loadFa(field: FaField): Promise<void> {
    const stored = this.#faPersisted[field].get();
    if (stored === null) return;
    if (!this.#available) {
      this.#notices.push(
        `The saved ${FA_LABEL[field]} cannot be read because encryption is not available on this computer right now. Enter it again.`,
      );
      return;
    }
    try {
      const { result, shouldReEncrypt } = await this.#options.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      this.#fa[field] = result;
      if (shouldReEncrypt) {
        this.#faPersisted[field].set((await this.#options.safeStorage.encryptStringAsync(result)).toString('base64'));
      }
    } catch (e) {
      this.#options.log.warn(`the saved ${FA_LABEL[field]} could not be decrypted`, { error: e });
      this.#notices.push(`The saved ${FA_LABEL[field]} could not be decrypted on this computer. Enter it again.`);
    }
  }

  async #load(): Promise<void> {
    const stored = this.#options.persisted.get();
    if (stored === null) return;
    if (!this.#available) {
      this.#notices.push(
        'The saved API token cannot be read because encryption is not available on this computer right now. Enter it again.',
      );
      return;
    }
    try {
      const { result, shouldReEncrypt } = await this.#options.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      this.#token = result;
      // The OS rotated its key or offers a stronger one: store the token again under it.
      if (shouldReEncrypt) await this.setApiToken(result);
    } catch (e) {
      // Typically a copied profile or a reset keyring: the bytes are useless here, the admin must enter the token again.
      this.#options.log.warn('the saved API token could not be decrypted', { error: e });
      this.#notices.push(
        'The saved API token could not be decrypted on this computer (was the profile copied or the keyring reset?). Enter it again.',
      );
    }
  }
}
