import Conf from 'conf';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE } from '../../shared/domain/printing';
import { DEFAULT_NOTIFY_TAGS } from '../../shared/domain/settings';
import { DEFAULT_SCANNER_SETTINGS } from '../../shared/domain/scanner';
import { FileSecretStore, JsonFileSettingsBackend, TOKEN_ENV_VAR } from '../../electron/core/settings/file-store';
import { SETTINGS_SCHEMA_VERSION } from '../../electron/core/settings/migrations';
import { PersistentSettingsStore, type SettingsBackend } from '../../electron/core/settings/persistent-store';
import { defaultSettings } from '../../electron/core/settings/types';
import { ElectronStoreSettingsBackend, type DocumentStore } from '../../electron/main/settings';
import { recordingLogger } from '../helpers/logs';

const NOW = new Date('2026-03-04T05:06:07.000Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The foundation's settings file: version 1 had no schemaVersion and five fields. */
const V1_FILE = {
  environment: 'production',
  customBaseUrl: '',
  stationName: 'Dock 4',
  language: 'zh-TW',
  autoPrint: false,
};

const settingsPath = (): string => join(dir, 'settings.json');

const BACKENDS: Array<[string, () => SettingsBackend]> = [
  ['browser-mode JSON file', () => new JsonFileSettingsBackend(settingsPath(), () => NOW)],
  // conf is what electron-store is built on; electron-store itself needs Electron's app.
  [
    'electron-store (conf)',
    () =>
      new ElectronStoreSettingsBackend(
        settingsPath(),
        () => new Conf({ cwd: dir, configName: 'settings' }) as unknown as DocumentStore,
        () => NOW,
      ),
  ],
];

describe.each(BACKENDS)('settings persistence: %s', (_name, makeBackend) => {
  let path: string;
  beforeEach(() => {
    path = settingsPath();
  });
  it('starts a fresh station with the defaults and writes them with the current version', () => {
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, stationName: 'Packing bench' });
  });

  it('keeps every version-1 value when migrating and adds the new fields with their defaults', () => {
    writeFileSync(path, JSON.stringify(V1_FILE));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toMatchObject({
      environment: 'production',
      customBaseUrl: null,
      stationName: 'Dock 4',
      language: 'zh-TW',
      autoPrint: false,
      closeToTray: true,
      startAtLogin: false,
      notifyTags: DEFAULT_NOTIFY_TAGS,
      autoUpdate: false,
      printProfiles: [DEFAULT_PRINT_PROFILE],
    });
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8')).schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('an upgrade turns scan-to-reprint off (an older file cannot tell a choice from the old default) and gives the scanner its defaults', () => {
    const v2 = {
      ...V1_FILE,
      schemaVersion: 2,
      customBaseUrl: null,
      closeToTray: false,
      startAtLogin: true,
      notifyTags: { ...DEFAULT_NOTIFY_TAGS, Pending: true },
      shipFrom: null,
      scanReprint: true,
      updateUrl: null,
      autoUpdate: false,
      printProfiles: [DEFAULT_PRINT_PROFILE],
      defaultPrintProfileId: DEFAULT_PRINT_PROFILE.id,
    };
    writeFileSync(path, JSON.stringify(v2));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toMatchObject({
      stationName: 'Dock 4',
      closeToTray: false,
      startAtLogin: true,
      notifyTags: { ...DEFAULT_NOTIFY_TAGS, Pending: true },
      scanReprint: false,
      scanner: DEFAULT_SCANNER_SETTINGS,
    });
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      scanReprint: false,
      scanner: DEFAULT_SCANNER_SETTINGS,
    });
    // Turned back on after the upgrade, it stays on.
    store.update({ scanReprint: true });
    expect(new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings')).get().scanReprint).toBe(true);
  });

  it('a new station does not reprint on a second scan, and tells scans from typing at 6 characters under 35 ms apart', () => {
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get().scanReprint).toBe(false);
    expect(store.get().scanner).toEqual({ burstMinChars: 6, burstMaxGapMs: 35, sound: false });
  });

  it('resets scanner thresholds that would take typing for scans, keeping the rest', () => {
    writeFileSync(
      path,
      JSON.stringify({
        ...defaultSettings(),
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        stationName: 'Dock 9',
        scanner: { burstMinChars: 6, burstMaxGapMs: 500, sound: true },
      }),
    );
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toMatchObject({ stationName: 'Dock 9', scanner: DEFAULT_SCANNER_SETTINGS });
    expect(store.notices().join(' ')).toMatch(/"scanner" was invalid \(Use at most 80 ms/);
  });

  it('migrates a version-2 file: every value kept, no document host trusted on the local network', () => {
    const { privateDocumentHosts: _added, ...v2 } = { ...defaultSettings(), stationName: 'Dock 5', autoPrint: false };
    writeFileSync(path, JSON.stringify({ ...v2, schemaVersion: 2 }));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toEqual({ ...defaultSettings(), stationName: 'Dock 5', autoPrint: false, privateDocumentHosts: [] });
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, privateDocumentHosts: [] });
  });

  it('migrates a version-7 file: nobody on duty, every other value kept', () => {
    const { packerOnDutyId: _added, ...v7 } = { ...defaultSettings(), stationName: 'Dock 9' };
    writeFileSync(path, JSON.stringify({ ...v7, schemaVersion: 7 }));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toEqual({ ...defaultSettings(), stationName: 'Dock 9', packerOnDutyId: null });
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, packerOnDutyId: null });
  });

  it('migrates a version-8 file: no warehouse database (the station keeps its SQLite file), every other value kept', () => {
    const { warehouse: _added, ...v8 } = { ...defaultSettings(), stationName: 'Dock 10' };
    writeFileSync(path, JSON.stringify({ ...v8, schemaVersion: 8 }));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toEqual({ ...defaultSettings(), stationName: 'Dock 10', warehouse: null });
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, warehouse: null });
  });

  it('survives a restart: what was saved is what is read back', () => {
    const first = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    first.update({ stationName: 'Returns desk', notifyTags: { ...DEFAULT_NOTIFY_TAGS, InTransit: false } });
    const second = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(second.get().stationName).toBe('Returns desk');
    expect(second.get().notifyTags.InTransit).toBe(false);
  });

  it('backs up a corrupt file, starts on defaults and says so instead of crashing', () => {
    writeFileSync(path, '{"stationName": "Dock 4", "environment": ');
    const { factory, records } = recordingLogger();
    const store = new PersistentSettingsStore(makeBackend(), factory('settings'));
    expect(store.get()).toEqual(defaultSettings());
    const backups = readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('{"stationName": "Dock 4", "environment": ');
    expect(store.notices().join(' ')).toMatch(/could not be read.*default settings/);
    expect(store.notices().join(' ')).toContain(backups[0]!);
    expect(records.some((r) => r.level === 'warn')).toBe(true);
    // The replacement is a valid file again.
    expect(JSON.parse(readFileSync(path, 'utf8')).schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('starts on defaults with a notice when settings.json is a folder, moves the folder aside intact, and saves again', () => {
    mkdirSync(path);
    writeFileSync(join(path, 'note.txt'), 'left here by someone');
    const { factory, records } = recordingLogger();
    const store = new PersistentSettingsStore(makeBackend(), factory('settings'));
    expect(store.get()).toEqual(defaultSettings());
    const aside = readdirSync(dir).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!, 'note.txt'), 'utf8')).toBe('left here by someone');
    expect(store.notices().join(' ')).toMatch(/could not be read \(it is a folder, not a file\).*default settings/);
    expect(store.notices().join(' ')).toContain(aside!);
    expect(records.some((r) => r.level === 'warn')).toBe(true);
    // A real file took its place: a change is saved and read back after a restart.
    store.update({ stationName: 'Dock 2' });
    expect(new PersistentSettingsStore(makeBackend(), factory('settings')).get().stationName).toBe('Dock 2');
  });

  it('resets only the invalid field, keeps the rest and keeps a copy of the original', () => {
    writeFileSync(
      path,
      JSON.stringify({ ...defaultSettings(), schemaVersion: 2, stationName: 'Dock 9', environment: 'moon', autoPrint: 'yes' }),
    );
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get()).toMatchObject({ stationName: 'Dock 9', environment: 'sandbox', autoPrint: true });
    expect(store.notices().filter((n) => n.includes('"environment"') || n.includes('"autoPrint"'))).toHaveLength(2);
    expect(readdirSync(dir).some((f) => f.includes('.repaired-'))).toBe(true);
  });

  it('drops one unreadable print profile and keeps the others', () => {
    const good = { ...DEFAULT_PRINT_PROFILE, id: 'p2', name: 'Zebra' };
    const broken = { ...DEFAULT_PRINT_PROFILE, id: 'p3', dpi: 150 };
    writeFileSync(path, JSON.stringify({ ...defaultSettings(), schemaVersion: 2, printProfiles: [DEFAULT_PRINT_PROFILE, broken, good] }));
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get().printProfiles.map((p) => (p as { id: string }).id)).toEqual(['default', 'p2']);
    expect(store.notices().join(' ')).toMatch(/1 unreadable entry in "printProfiles" was dropped/);
  });

  it('version 2 profiles find the label on sheets after the upgrade and keep their other choices', () => {
    const { findLabel: _dropped, ...v2Profile } = { ...DEFAULT_PRINT_PROFILE, id: 'zebra', name: 'Zebra', orientation: 'keep' as const };
    writeFileSync(
      path,
      JSON.stringify({ ...defaultSettings(), schemaVersion: 2, printProfiles: [v2Profile], defaultPrintProfileId: 'zebra' }),
    );
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get().printProfiles).toEqual([{ ...v2Profile, findLabel: true }]);
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8')).schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('reads settings from a newer version without losing them: known fields kept, file backed up', () => {
    writeFileSync(
      path,
      JSON.stringify({ ...defaultSettings(), schemaVersion: SETTINGS_SCHEMA_VERSION + 5, stationName: 'Future', hologram: true }),
    );
    const store = new PersistentSettingsStore(makeBackend(), recordingLogger().factory('settings'));
    expect(store.get().stationName).toBe('Future');
    expect(store.notices().join(' ')).toMatch(/newer version/);
    const backup = readdirSync(dir).find((f) => f.includes('.newer-version-'));
    expect(backup).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, backup!), 'utf8')).hologram).toBe(true);
  });
});

describe('browser-mode token file', () => {
  it('is written owner-only and read back; the settings file never holds it', () => {
    const tokenPath = join(dir, 'api-token');
    const secrets = new FileSecretStore(tokenPath, {});
    secrets.setApiToken('ff_live_0123456789abcdef');
    if (process.platform !== 'win32') expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(tokenPath, {}).getApiToken()).toBe('ff_live_0123456789abcdef');
    expect(secrets.tokenProtection()).toBe('plain-file');
    secrets.setApiToken(null);
    expect(existsSync(tokenPath)).toBe(false);
    expect(secrets.tokenProtection()).toBe('none');
  });

  it('prefers the environment variable and refuses to overwrite it from the UI', () => {
    const secrets = new FileSecretStore(join(dir, 'api-token'), { [TOKEN_ENV_VAR]: ' ff_env_token_1234 ' });
    expect(secrets.getApiToken()).toBe('ff_env_token_1234');
    expect(secrets.tokenProtection()).toBe('environment');
    expect(() => secrets.setApiToken('other_token_123')).toThrow(/environment variable/);
    expect(existsSync(join(dir, 'api-token'))).toBe(false);
  });
});

describe('a settings file that cannot be written', () => {
  function readOnlyBackend(initial: object | null) {
    const backend: SettingsBackend = {
      location: '/read-only/settings.json',
      read: () => (initial === null ? { kind: 'missing' } : { kind: 'ok', data: initial }),
      write: () => {
        throw new Error('EROFS: read-only file system');
      },
      backup: () => null,
    };
    return backend;
  }

  it('does not stop the station from starting, and says changes will not last', () => {
    const store = new PersistentSettingsStore(readOnlyBackend(null), recordingLogger().factory('settings'));
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices().join(' ')).toMatch(/cannot be written \(EROFS.*will not survive a restart/);
  });

  it('refuses a change it cannot save, keeping the settings as they were', () => {
    const store = new PersistentSettingsStore(
      readOnlyBackend({ ...defaultSettings(), schemaVersion: SETTINGS_SCHEMA_VERSION }),
      recordingLogger().factory('settings'),
    );
    expect(() => store.update({ stationName: 'Dock 7' })).toThrow(/could not be saved \(EROFS.*writable/);
    expect(store.get().stationName).toBe('Packing bench');
  });
});

describe('a settings file that can be neither read nor kept aside', () => {
  it('starts on defaults, says so, and never writes over it', () => {
    const writes: unknown[] = [];
    const backend: SettingsBackend = {
      location: '/locked/settings.json',
      read: () => ({ kind: 'corrupt', reason: 'permission denied' }),
      write: (doc) => void writes.push(doc),
      backup: () => {
        throw new Error('EACCES: permission denied, rename');
      },
    };
    const store = new PersistentSettingsStore(backend, recordingLogger().factory('settings'));
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notices().join(' ')).toMatch(/could not be read \(permission denied\)/);
    expect(store.notices().join(' ')).toMatch(/could not be kept aside \(EACCES.*changes are not saved/);
    expect(() => store.update({ stationName: 'Dock 7' })).toThrow(/could not be saved.*kept aside/);
    expect(writes).toEqual([]);
    expect(store.get().stationName).toBe('Packing bench');
  });
});
