/**
 * Browser mode's persistence: the settings document as a JSON file written
 * atomically (temp file + rename, so a crash mid-write leaves the old file),
 * and the API token (and Flash Americas credentials) beside it.
 *
 * Token decision for browser mode (documented in README): there is no OS
 * keychain reachable from plain Node without a native add-on, so the token
 * is either taken from the environment variable FLEXFORWARD_API_TOKEN
 * (preferred on shared machines: nothing at rest; it cannot be changed from
 * the UI) or kept in `api-token` with owner-only permissions (0600). That file
 * is NOT encrypted; the Settings screen shows `plain-file` and the console
 * says so at start-up.
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StationFailure } from '../../../shared/result';
import type { TokenProtection } from '../../../shared/domain/settings';
import type { RawRead } from './document';
import { describeReadError, keepAside } from './keep-aside';
import type { RawSettings } from './migrations';
import type { SettingsBackend } from './persistent-store';
import type { FlashAmericasCredentialsPatch, SecretStore } from './types';

export const TOKEN_ENV_VAR = 'FLEXFORWARD_API_TOKEN';
/**
 * Flash Americas credentials follow the token's rules: the environment
 * variable wins when set (and then cannot be changed from the UI); otherwise
 * what Settings saved, in its own 0600 file beside `api-token`.
 */
export const FA_KEY_ENV_VAR = 'FLASHAMERICAS_API_KEY';
export const FA_WEBHOOK_SECRET_ENV_VAR = 'FLASHAMERICAS_WEBHOOK_SECRET';
export const FA_KEY_FILE = 'flashamericas-api-key';
export const FA_WEBHOOK_SECRET_FILE = 'flashamericas-webhook-secret';
/** The warehouse database's password saved from Settings (0600, beside `api-token`; not encrypted, like it). */
export const WAREHOUSE_PASSWORD_FILE = 'warehouse-password';
const OWNER_ONLY = 0o600;

/** Writes through a temp file in the same folder, then renames over the target (atomic on one file system). */
export function writeFileAtomic(path: string, data: string, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data, mode === undefined ? undefined : { mode });
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  if (mode !== undefined) chmodSync(path, mode);
}

export class JsonFileSettingsBackend implements SettingsBackend {
  readonly location: string;
  readonly #now: () => Date;
  constructor(path: string, now: () => Date = () => new Date()) {
    this.location = path;
    this.#now = now;
  }
  read(): RawRead {
    let text: string;
    try {
      text = readFileSync(this.location, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'corrupt', reason: describeReadError(e) };
    }
    try {
      return { kind: 'ok', data: JSON.parse(text) as unknown };
    } catch (e) {
      return { kind: 'corrupt', reason: `not valid JSON: ${(e as Error).message}` };
    }
  }
  write(document: RawSettings): void {
    writeFileAtomic(this.location, JSON.stringify(document, null, 2) + '\n');
  }
  backup(label: string): string | null {
    return keepAside(this.location, label, this.#now());
  }
}

export class FileSecretStore implements SecretStore {
  readonly #path: string;
  readonly #fromEnv: string | null;
  readonly #fa: { apiKey: FileSecret; webhookSecret: FileSecret };
  readonly #warehousePasswordPath: string;
  #warehousePassword: string | null;
  #token: string | null;

  constructor(path: string, env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#path = path;
    const fromEnv = env[TOKEN_ENV_VAR]?.trim();
    this.#fromEnv = fromEnv ? fromEnv : null;
    this.#token = this.#fromEnv ?? readSecretFile(path);
    const folder = dirname(path);
    this.#fa = {
      apiKey: new FileSecret(join(folder, FA_KEY_FILE), FA_KEY_ENV_VAR, env),
      webhookSecret: new FileSecret(join(folder, FA_WEBHOOK_SECRET_FILE), FA_WEBHOOK_SECRET_ENV_VAR, env),
    };
    this.#warehousePasswordPath = join(folder, WAREHOUSE_PASSWORD_FILE);
    this.#warehousePassword = readExactSecretFile(this.#warehousePasswordPath);
  }

  getWarehousePassword(): string | null {
    return this.#warehousePassword;
  }

  /** Owner-only file, like the token; the connection URL in STATION_WAREHOUSE_URL carries its own password. */
  setWarehousePassword(password: string | null): void {
    if (password === null) rmSync(this.#warehousePasswordPath, { force: true });
    else writeFileAtomic(this.#warehousePasswordPath, password, OWNER_ONLY);
    this.#warehousePassword = password;
  }

  warehousePasswordProtection(): TokenProtection {
    return this.#warehousePassword === null ? 'none' : 'plain-file';
  }

  getFlashAmericasKey(): string | null {
    return this.#fa.apiKey.get();
  }

  getFlashAmericasWebhookSecret(): string | null {
    return this.#fa.webhookSecret.get();
  }

  setFlashAmericasCredentials(patch: FlashAmericasCredentialsPatch): void {
    const changes = (['apiKey', 'webhookSecret'] as const).filter((k) => patch[k] !== undefined);
    // Refuse before writing anything, so a half-applied change never happens.
    for (const k of changes) this.#fa[k].assertWritable();
    for (const k of changes) this.#fa[k].set(patch[k] ?? null);
  }

  getApiToken(): string | null {
    return this.#token;
  }

  setApiToken(token: string | null): void {
    if (this.#fromEnv !== null) {
      throw new StationFailure(
        'UNAVAILABLE',
        `The API token comes from the ${TOKEN_ENV_VAR} environment variable; change it there and restart.`,
      );
    }
    if (token === null) rmSync(this.#path, { force: true });
    else writeFileAtomic(this.#path, token, OWNER_ONLY);
    this.#token = token;
  }

  tokenProtection(): TokenProtection {
    if (this.#fromEnv !== null) return 'environment';
    return this.#token === null ? 'none' : 'plain-file';
  }
}

function readSecretFile(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/** A password is read back exactly as saved (spaces are allowed in one); an empty or missing file is none. */
function readExactSecretFile(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8');
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/** One credential: from its environment variable when set, else from its owner-only file. */
class FileSecret {
  readonly #path: string;
  readonly #envVar: string;
  readonly #fromEnv: string | null;
  #stored: string | null;
  constructor(path: string, envVar: string, env: Readonly<Record<string, string | undefined>>) {
    this.#path = path;
    this.#envVar = envVar;
    this.#fromEnv = env[envVar]?.trim() || null;
    this.#stored = readSecretFile(path);
  }
  get(): string | null {
    return this.#fromEnv ?? this.#stored;
  }
  assertWritable(): void {
    if (this.#fromEnv !== null) {
      throw new StationFailure(
        'UNAVAILABLE',
        `This value comes from the ${this.#envVar} environment variable; change it there and restart.`,
      );
    }
  }
  set(value: string | null): void {
    this.assertWritable();
    if (value === null) rmSync(this.#path, { force: true });
    else writeFileAtomic(this.#path, value, OWNER_ONLY);
    this.#stored = value;
  }
}
