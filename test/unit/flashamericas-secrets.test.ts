import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FA_KEY_ENV_VAR,
  FA_KEY_FILE,
  FA_WEBHOOK_SECRET_ENV_VAR,
  FA_WEBHOOK_SECRET_FILE,
  FileSecretStore,
} from '../../electron/core/settings/file-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-fa-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Flash Americas credentials in browser mode', () => {
  it('come from the environment and are never written to the data folder', () => {
    const store = new FileSecretStore(join(dir, 'api-token'), {
      [FA_KEY_ENV_VAR]: ' live_abc123 ',
      [FA_WEBHOOK_SECRET_ENV_VAR]: 'whsec_x',
    });
    expect(store.getFlashAmericasKey()).toBe('live_abc123');
    expect(store.getFlashAmericasWebhookSecret()).toBe('whsec_x');
    store.setApiToken('ff-token');
    expect(readdirSync(dir)).toEqual(['api-token']);
  });

  it('are absent (demo only, receiver refusing) when the environment has none', () => {
    const store = new FileSecretStore(join(dir, 'api-token'), { [FA_KEY_ENV_VAR]: '   ' });
    expect(store.getFlashAmericasKey()).toBeNull();
    expect(store.getFlashAmericasWebhookSecret()).toBeNull();
  });

  it('set from Settings are kept like the token file (0600, one file each) and read back after a restart', () => {
    const token = join(dir, 'api-token');
    const store = new FileSecretStore(token, {});
    store.setFlashAmericasCredentials({ apiKey: 'live_saved_123', webhookSecret: 'whsec_saved_456' });
    expect(readdirSync(dir).sort()).toEqual([FA_KEY_FILE, FA_WEBHOOK_SECRET_FILE].sort());
    expect(statSync(join(dir, FA_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, FA_WEBHOOK_SECRET_FILE), 'utf8')).toBe('whsec_saved_456');
    const restarted = new FileSecretStore(token, {});
    expect(restarted.getFlashAmericasKey()).toBe('live_saved_123');
    expect(restarted.getFlashAmericasWebhookSecret()).toBe('whsec_saved_456');

    restarted.setFlashAmericasCredentials({ apiKey: null });
    expect(readdirSync(dir)).toEqual([FA_WEBHOOK_SECRET_FILE]);
    expect(restarted.getFlashAmericasKey()).toBeNull();
    expect(restarted.getFlashAmericasWebhookSecret()).toBe('whsec_saved_456');
  });

  it('the environment variable wins over a saved file, and a call that would change it writes nothing', () => {
    const token = join(dir, 'api-token');
    new FileSecretStore(token, {}).setFlashAmericasCredentials({ apiKey: 'live_saved_123' });
    const store = new FileSecretStore(token, { [FA_WEBHOOK_SECRET_ENV_VAR]: 'whsec_env' });
    expect(store.getFlashAmericasKey()).toBe('live_saved_123');
    expect(() => store.setFlashAmericasCredentials({ apiKey: 'live_other_99', webhookSecret: 'whsec_other' })).toThrow(
      /FLASHAMERICAS_WEBHOOK_SECRET environment variable/,
    );
    expect(store.getFlashAmericasKey()).toBe('live_saved_123');
    expect(readdirSync(dir)).toEqual([FA_KEY_FILE]);
    expect(store.getFlashAmericasWebhookSecret()).toBe('whsec_env');
  });
});
