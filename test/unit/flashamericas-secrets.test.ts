import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FA_KEY_ENV_VAR, FA_WEBHOOK_SECRET_ENV_VAR, FileSecretStore } from '../../electron/core/settings/file-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-fa-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Flash Americas credentials in browser mode', () => {
  it('come from the environment and are never written to the data folder', () => {
    const store = new FileSecretStore(join(dir, 'api-token'), { [FA_KEY_ENV_VAR]: ' live_abc123 ', [FA_WEBHOOK_SECRET_ENV_VAR]: 'whsec_x' });
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
});
