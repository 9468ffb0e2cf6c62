import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type EncryptedTokenStore, type SafeStoragePort } from '../../electron/main/secrets';
import { recordingLogger } from '../helpers/logs';

const TOKEN = 'ff_live_Zx81aQ0mT7pV3kR9';

/**
 * A stand-in for Electron's safeStorage with real AES-GCM under a key that
 * belongs to "this computer": another instance (another computer, a reset
 * keyring) cannot decrypt.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: string; rotate?: boolean } = {}) {
  const key = randomBytes(32);
  const calls = { encrypt: 0, decrypt: 0 };
  const port: SafeStoragePort = {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      calls.encrypt += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptStringAsync: async (data) => {
      calls.decrypt += 1;
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      const result = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: options.rotate ?? false };
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return { port, calls };
}

function memoryFile(): EncryptedTokenStore & { value: string | null } {
  const file = { value: null as string | null, get: () => file.value, set: (v: string | null) => (file.value = v) };
  return file;
}

async function open(safeStorage: SafeStoragePort, persisted: EncryptedTokenStore, platform: NodeJS.Platform = 'linux') {
  const log = recordingLogger();
  const store = await SafeStorageSecretStore.open({ safeStorage, persisted, platform, log: log.factory('secrets') });
  return { store, records: log.records };
}

describe('API token encryption with safeStorage', () => {
  it('round-trips through an app restart; what is stored is encrypted base64, never the token', async () => {
    const { port } = fakeSafeStorage();
    const file = memoryFile();
    const first = await open(port, file);
    await first.store.setApiToken(TOKEN);
    expect(file.value).not.toBeNull();
    expect(file.value).not.toContain(TOKEN);
    expect(Buffer.from(file.value!, 'base64').toString('latin1')).not.toContain(TOKEN);
    expect(first.store.tokenProtection()).toBe('encrypted');

    const restarted = await open(port, file);
    expect(restarted.store.getApiToken()).toBe(TOKEN);
    expect(restarted.store.notices()).toEqual([]);
  });

  it('removing the token removes the stored bytes', async () => {
    const { port } = fakeSafeStorage();
    const file = memoryFile();
    const { store } = await open(port, file);
    await store.setApiToken(TOKEN);
    await store.setApiToken(null);
    expect(file.value).toBeNull();
    expect(store.tokenProtection()).toBe('none');
  });

  it('says the token is only obfuscated on Linux without a keyring (basic_text), and warns once', async () => {
    const { port } = fakeSafeStorage({ backend: 'basic_text' });
    const { store, records } = await open(port, memoryFile(), 'linux');
    await store.setApiToken(TOKEN);
    expect(store.tokenProtection()).toBe('obfuscated');
    expect(store.notices().join(' ')).toMatch(/only obfuscated/);
    expect(records.filter((r) => r.level === 'warn' && /obfuscated/.test(r.message))).toHaveLength(1);
  });

  it('does not apply the Linux keyring check on Windows or macOS', async () => {
    const { port } = fakeSafeStorage({ backend: 'basic_text' });
    const { store } = await open(port, memoryFile(), 'win32');
    await store.setApiToken(TOKEN);
    expect(store.tokenProtection()).toBe('encrypted');
  });

  it('never writes the token in clear when encryption is unavailable: it lasts this session only', async () => {
    const { port, calls } = fakeSafeStorage({ available: false });
    const file = memoryFile();
    const { store } = await open(port, file);
    await store.setApiToken(TOKEN);
    expect(store.getApiToken()).toBe(TOKEN);
    expect(file.value).toBeNull();
    expect(calls.encrypt).toBe(0);
    expect(store.tokenProtection()).toBe('session-only');
  });

  it('asks for the token again when the stored bytes cannot be decrypted here (copied profile)', async () => {
    const file = memoryFile();
    const elsewhere = await open(fakeSafeStorage().port, file);
    await elsewhere.store.setApiToken(TOKEN);
    const here = await open(fakeSafeStorage().port, file);
    expect(here.store.getApiToken()).toBeNull();
    expect(here.store.notices().join(' ')).toMatch(/could not be decrypted.*Enter it again/);
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const first = fakeSafeStorage();
    const file = memoryFile();
    await (await open(first.port, file)).store.setApiToken(TOKEN);
    const before = file.value;
    const rotated = fakeSafeStorage({ rotate: true });
    // Same key material is not shared between fakes, so hand the rotated fake the first one's decrypt.
    const port: SafeStoragePort = {
      ...rotated.port,
      decryptStringAsync: async (b) => ({ ...(await first.port.decryptStringAsync(b)), shouldReEncrypt: true }),
    };
    const { store } = await open(port, file);
    expect(store.getApiToken()).toBe(TOKEN);
    expect(rotated.calls.encrypt).toBe(1);
    expect(file.value).not.toBe(before);
  });
});

describe('Flash Americas secrets in the desktop app', () => {
  it('come from the environment, never from disk, and are all handed to the log redactor', async () => {
    const file = memoryFile();
    const log = recordingLogger();
    const store = await SafeStorageSecretStore.open({
      safeStorage: fakeSafeStorage().port,
      persisted: file,
      platform: 'darwin',
      log: log.factory('secrets'),
      env: { FLASHAMERICAS_API_KEY: ' live_fa_key_123 ', FLASHAMERICAS_WEBHOOK_SECRET: 'whsec_456' },
    });
    await store.setApiToken(TOKEN);
    expect(store.getFlashAmericasKey()).toBe('live_fa_key_123');
    expect(store.getFlashAmericasWebhookSecret()).toBe('whsec_456');
    expect(store.allSecrets().sort()).toEqual([TOKEN, 'live_fa_key_123', 'whsec_456'].sort());
    expect(file.value).not.toContain('live_fa_key_123');
  });

  it('are absent (demo mode for Flash Americas) when the variables are not set', async () => {
    const { store } = await open(fakeSafeStorage().port, memoryFile());
    expect(store.getFlashAmericasKey()).toBeNull();
    expect(store.allSecrets()).toEqual([]);
  });
});

describe('Flash Americas credentials set from Settings (desktop)', () => {
  const FA_KEY = 'live_fa_Settings_9f3K';
  const FA_SECRET = 'whsec_Settings_7Yq2';

  function faFiles() {
    return { apiKey: memoryFile(), webhookSecret: memoryFile() };
  }

  async function openWith(
    safeStorage: SafeStoragePort,
    files: ReturnType<typeof faFiles>,
    env: Record<string, string> = {},
    backend: NodeJS.Platform = 'linux',
  ) {
    const log = recordingLogger();
    const store = await SafeStorageSecretStore.open({
      safeStorage,
      persisted: memoryFile(),
      persistedFlashAmericas: files,
      platform: backend,
      log: log.factory('secrets'),
      env,
    });
    return { store, records: log.records };
  }

  it('are encrypted like the token, survive a restart, and are handed to the log redactor', async () => {
    const { port } = fakeSafeStorage();
    const files = faFiles();
    const first = await openWith(port, files);
    await first.store.setFlashAmericasCredentials({ apiKey: FA_KEY, webhookSecret: FA_SECRET });
    for (const [file, clear] of [
      [files.apiKey, FA_KEY],
      [files.webhookSecret, FA_SECRET],
    ] as const) {
      expect(file.value).not.toBeNull();
      expect(Buffer.from(file.value!, 'base64').toString('latin1')).not.toContain(clear);
    }
    expect(first.store.getFlashAmericasKey()).toBe(FA_KEY);
    expect(first.store.allSecrets().sort()).toEqual([FA_KEY, FA_SECRET].sort());

    const restarted = await openWith(port, files);
    expect(restarted.store.getFlashAmericasKey()).toBe(FA_KEY);
    expect(restarted.store.getFlashAmericasWebhookSecret()).toBe(FA_SECRET);
    expect(restarted.store.notices()).toEqual([]);
  });

  it('null removes one, an absent field keeps the other', async () => {
    const files = faFiles();
    const { store } = await openWith(fakeSafeStorage().port, files);
    await store.setFlashAmericasCredentials({ apiKey: FA_KEY, webhookSecret: FA_SECRET });
    await store.setFlashAmericasCredentials({ apiKey: null });
    expect(files.apiKey.value).toBeNull();
    expect(store.getFlashAmericasKey()).toBeNull();
    expect(store.getFlashAmericasWebhookSecret()).toBe(FA_SECRET);
  });

  it('the environment variable wins: setting that value is refused and nothing of the call is written', async () => {
    const files = faFiles();
    const { store } = await openWith(fakeSafeStorage().port, files, { FLASHAMERICAS_API_KEY: 'live_from_env_1' });
    await expect(store.setFlashAmericasCredentials({ apiKey: FA_KEY, webhookSecret: FA_SECRET })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('FLASHAMERICAS_API_KEY'),
    });
    expect(files.apiKey.value).toBeNull();
    expect(files.webhookSecret.value).toBeNull();
    expect(store.getFlashAmericasKey()).toBe('live_from_env_1');
    // The other one has no variable, so Settings may set it.
    await store.setFlashAmericasCredentials({ webhookSecret: FA_SECRET });
    expect(store.getFlashAmericasWebhookSecret()).toBe(FA_SECRET);
  });

  it('are kept for this session only, never in clear, when encryption is unavailable', async () => {
    const files = faFiles();
    const { port, calls } = fakeSafeStorage({ available: false });
    const { store } = await openWith(port, files);
    await store.setFlashAmericasCredentials({ apiKey: FA_KEY });
    expect(store.getFlashAmericasKey()).toBe(FA_KEY);
    expect(files.apiKey.value).toBeNull();
    expect(calls.encrypt).toBe(0);
  });

  it('asks for them again when the stored bytes cannot be decrypted here', async () => {
    const files = faFiles();
    await (await openWith(fakeSafeStorage().port, files)).store.setFlashAmericasCredentials({ apiKey: FA_KEY });
    const here = await openWith(fakeSafeStorage().port, files);
    expect(here.store.getFlashAmericasKey()).toBeNull();
    expect(here.store.notices().join(' ')).toMatch(/Flash Americas API key could not be decrypted.*Enter it again/);
  });
});

describe('warehouse database password with safeStorage (Settings › Warehouse)', () => {
  const PASSWORD = 'pg-Secr3t with spaces ';
  const openWith = async (port: SafeStoragePort, token: EncryptedTokenStore, warehouse: EncryptedTokenStore) =>
    SafeStorageSecretStore.open({
      safeStorage: port,
      persisted: token,
      persistedWarehousePassword: warehouse,
      platform: 'linux',
      log: recordingLogger().factory('secrets'),
    });

  it('is kept encrypted under its own key, read back exactly after a restart, given to the log redactor, and removed', async () => {
    const { port } = fakeSafeStorage();
    const token = memoryFile();
    const file = memoryFile();
    const first = await openWith(port, token, file);
    await first.setWarehousePassword(PASSWORD);
    expect(file.value).not.toBeNull();
    expect(Buffer.from(file.value!, 'base64').toString('latin1')).not.toContain(PASSWORD.trim());
    expect(token.value).toBeNull();
    expect(first.warehousePasswordProtection()).toBe('encrypted');

    const restarted = await openWith(port, token, file);
    expect(restarted.getWarehousePassword()).toBe(PASSWORD);
    expect(restarted.allSecrets()).toContain(PASSWORD);
    await restarted.setWarehousePassword(null);
    expect(file.value).toBeNull();
    expect((await openWith(port, token, file)).getWarehousePassword()).toBeNull();
  });

  it('is never written in clear when encryption is unavailable, and a copied profile asks for it again', async () => {
    const file = memoryFile();
    const unavailable = await openWith(fakeSafeStorage({ available: false }).port, memoryFile(), file);
    await unavailable.setWarehousePassword(PASSWORD);
    expect(file.value).toBeNull();
    expect(unavailable.warehousePasswordProtection()).toBe('session-only');

    await (await openWith(fakeSafeStorage().port, memoryFile(), file)).setWarehousePassword(PASSWORD);
    const elsewhere = await openWith(fakeSafeStorage().port, memoryFile(), file);
    expect(elsewhere.getWarehousePassword()).toBeNull();
    expect(elsewhere.notices().join(' ')).toMatch(/warehouse database password could not be decrypted.*Enter it again/);
  });
});
