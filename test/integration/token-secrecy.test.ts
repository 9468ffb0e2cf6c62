/**
 * One desktop session, end to end without the Electron binary: the real
 * electron-log file transport (its Node build) configured by setUpLogging,
 * the safeStorage secret store over a conf file, electron-store settings,
 * and the station with its handlers. The packer's token is set, used,
 * logged about (including by careless code that puts it in an Authorization
 * header or a message) and support diagnostics are copied. Afterwards every
 * file the session wrote (logs, settings, secrets, SQLite rows), every
 * answer and event the renderer received and the clipboard are searched
 * for the token.
 */
import Database from 'better-sqlite3';
import Conf from 'conf';
import nodeLog from 'electron-log/node';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainLogger } from 'electron-log';
import type { StationEvent } from '../../shared/contract';
import { invoke } from '../../electron/core/invoke';
import { PersistentSettingsStore } from '../../electron/core/settings/persistent-store';
import { createStation, type Station } from '../../electron/core/station';
import { systemClock } from '../../electron/core/util/clock';
import { setUpLogging } from '../../electron/main/logging';
import { SafeStorageSecretStore, type SafeStoragePort } from '../../electron/main/secrets';
import { ElectronStoreSettingsBackend, type DocumentStore } from '../../electron/main/settings';

const TOKEN = 'ff_live_7Hq2LmN9xW4cVb1R';
/** Flash Americas credentials set from Settings follow the same rules; every check below looks for all three. */
const FA_KEY = 'live_fa_Q8wE3rT5yU7iO9pA';
const FA_WEBHOOK_SECRET = 'whsec_M2nB4vC6xZ8lK0jH';
const SECRETS = [TOKEN, FA_KEY, FA_WEBHOOK_SECRET];

function aesSafeStorage(): SafeStoragePort {
  const key = randomBytes(32);
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptStringAsync: async (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return { result: Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the API token and Flash Americas credentials never reach a log line, a file in clear, a database row or the renderer', () => {
  let dir: string;
  let logsDir: string;
  let station: Station;
  const rendererSaw: unknown[] = [];
  const clipboard: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secrecy-'));
    logsDir = join(dir, 'logs');
    const log = (nodeLog as unknown as MainLogger).create({ logId: `secrecy-${Date.now()}` }) as MainLogger;
    log.transports.file.resolvePathFn = () => join(logsDir, 'main.log');
    log.transports.console.level = false;
    let secrets: SafeStorageSecretStore | null = null;
    const logging = setUpLogging(log, () => secrets?.allSecrets() ?? []);
    log.transports.console.level = false;
    const secretFile = new Conf<{ apiToken?: string; faApiKey?: string; faWebhookSecret?: string }>({ cwd: dir, configName: 'secrets' });
    // The same slots electron/main/index.ts gives the store.
    const slot = (key: 'apiToken' | 'faApiKey' | 'faWebhookSecret') => ({
      get: () => secretFile.get(key) ?? null,
      set: (v: string | null) => (v === null ? secretFile.delete(key) : secretFile.set(key, v)),
    });
    secrets = await SafeStorageSecretStore.open({
      safeStorage: aesSafeStorage(),
      persisted: slot('apiToken'),
      persistedFlashAmericas: { apiKey: slot('faApiKey'), webhookSecret: slot('faWebhookSecret') },
      platform: 'linux',
      log: logging.logger('secrets'),
    });
    const settings = new PersistentSettingsStore(
      new ElectronStoreSettingsBackend(
        join(dir, 'settings.json'),
        () => new Conf({ cwd: dir, configName: 'settings' }) as unknown as DocumentStore,
      ),
      logging.logger('settings'),
    );
    station = await createStation({
      shell: 'electron',
      version: '9.9.9',
      platform: 'linux',
      dataDir: dir,
      settings,
      secrets,
      logger: logging.logger,
      clock: systemClock,
      desktop: {
        logsFolder: () => logsDir,
        openFolder: async () => true,
        copyText: (t) => clipboard.push(t),
      },
    });
    station.events.subscribe((e: StationEvent) => rendererSaw.push(e));

    const call = async (channel: Parameters<typeof invoke>[1], args?: unknown) => {
      const r = await invoke(station.handlers, channel, args, logging.logger('ipc'));
      rendererSaw.push(r);
      return r;
    };
    expect(await call('settings:setApiToken', { token: TOKEN })).toMatchObject({
      ok: true,
      value: { hasApiToken: true, tokenProtection: 'encrypted' },
    });
    expect(await call('settings:setFlashAmericasCredentials', { apiKey: FA_KEY, webhookSecret: FA_WEBHOOK_SECRET })).toMatchObject({
      ok: true,
      value: { hasFlashAmericasKey: true, hasFlashAmericasWebhookSecret: true },
    });
    await call('settings:update', { environment: 'production', stationName: 'Dock 2' });
    await call('settings:get');
    await call('app:status');
    await call('app:copyDiagnostics');
    await call('app:openLogsFolder');
    // A refused call whose arguments carry the token (a paste into the wrong field).
    await call('settings:update', { stationName: TOKEN.repeat(5) });
    await call('settings:setFlashAmericasCredentials', { apiKey: `${FA_KEY} ${FA_KEY}` });

    // Careless code elsewhere: the redaction must hold anyway.
    const api = logging.logger('api');
    api.error('request failed', { request: { url: 'https://api.flexforward.com/labels', headers: { Authorization: `Bearer ${TOKEN}` } } });
    api.warn(`retrying with token ${TOKEN}`, { error: new Error(`401 Unauthorized for ${TOKEN}`) });
    api.info('auth header', { header: `X-RR-ApiToken: ${TOKEN}` });
    api.warn(`Flash Americas refused key ${FA_KEY}`, { headers: { 'X-API-Key': FA_KEY }, hmacKey: FA_WEBHOOK_SECRET });
    // electron-log used directly (its error handler, a stray console line) passes the hook too.
    log.error(`uncaught: token=${TOKEN}`);
    await station.stop();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wrote a log and the log mentions what happened, without the token', () => {
    const text = readFileSync(join(logsDir, 'main.log'), 'utf8');
    expect(text).toContain('API token saved');
    expect(text).toContain('Flash Americas credentials changed');
    expect(text).toContain('Flash Americas refused key [redacted]');
    expect(text).toContain('request failed');
    expect(text).toContain('uncaught: token=[redacted]');
    expect(text).toMatch(/Authorization: '\[redacted\]'/);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('no file written in the session holds the token in clear', () => {
    const files = allFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      if (statSync(file).size === 0) continue;
      for (const secret of SECRETS) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
    }
  });

  it('no database row holds the token', (ctx) => {
    const dbFiles = allFiles(dir).filter((f) => /\.(db|sqlite3?)$/.test(f));
    // Every file is byte-searched above; this reads rows too (text the page cache might compress or split).
    if (dbFiles.length === 0) ctx.skip('the station wrote no SQLite database in this session');
    for (const file of dbFiles) {
      const db = new Database(file, { readonly: true });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) {
        const rows = db.prepare(`SELECT * FROM "${name}"`).all();
        for (const secret of SECRETS) expect(JSON.stringify(rows), `${file} ${name}`).not.toContain(secret);
      }
      db.close();
    }
  });

  it('the renderer and the clipboard never see it', () => {
    expect(rendererSaw.length).toBeGreaterThan(5);
    for (const secret of SECRETS) expect(JSON.stringify(rendererSaw)).not.toContain(secret);
    expect(clipboard).toHaveLength(1);
    expect(clipboard[0]).toContain('API token: set, encrypted');
    for (const secret of SECRETS) expect(clipboard[0]).not.toContain(secret);
  });
});
