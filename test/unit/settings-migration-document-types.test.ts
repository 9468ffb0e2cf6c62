/**
 * Settings step 7: print profiles get a document type and a packing-slip order. A station that upgrades keeps
 * every profile and every choice in them; each becomes a label profile (they all printed labels), with the slip
 * after the label; nothing else in the file changes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileSettingsBackend } from '../../electron/core/settings/file-store';
import { migrateSettings, SETTINGS_SCHEMA_VERSION } from '../../electron/core/settings/migrations';
import { PersistentSettingsStore } from '../../electron/core/settings/persistent-store';
import { defaultSettings } from '../../electron/core/settings/types';
import { PrintProfiles } from '../../electron/core/printing/profiles';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { StationSettingsSchema } from '../../shared/domain/settings';
import { recordingLogger } from '../helpers/logs';

/** Two profiles as a version 6 station saved them: no documentType, no packingSlip. */
const V6_PROFILES = [
  {
    id: 'zebra',
    name: 'Zebra by the door',
    mode: 'zpl-network',
    host: '192.168.1.50',
    port: 9100,
    media: { preset: '4x6in' },
    dpi: 300,
    copies: 2,
    orientation: 'clockwise',
    findLabel: false,
    darkness: 22,
  },
  {
    id: 'laser',
    name: 'Office laser',
    mode: 'system',
    printer: 'Office_Laser',
    media: { preset: 'Letter' },
    dpi: 203,
    copies: 1,
    orientation: 'keep',
    findLabel: true,
    darkness: null,
  },
];

function v6File(): Record<string, unknown> {
  return { ...defaultSettings(), stationName: 'Dock 9', printProfiles: V6_PROFILES, defaultPrintProfileId: 'laser', schemaVersion: 6 };
}

describe('settings step 7: document types on print profiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'settings-doc-types-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('every saved profile becomes a label profile with the slip after the label, keeping its other choices', () => {
    const migrated = migrateSettings(v6File(), 6);
    expect(migrated.printProfiles).toEqual(V6_PROFILES.map((p) => ({ ...p, documentType: 'label', packingSlip: 'after' })));
    expect(migrated).toMatchObject({ stationName: 'Dock 9', defaultPrintProfileId: 'laser' });
    expect(StationSettingsSchema.safeParse(migrated).success).toBe(true);
    expect(SETTINGS_SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
  });

  it('a type already there (a file edited by hand) is kept; entries that are not objects are left for the check', () => {
    const migrated = migrateSettings({ ...v6File(), printProfiles: [{ ...V6_PROFILES[1], documentType: 'document' }, 'junk'] }, 6);
    expect(migrated.printProfiles).toEqual([{ ...V6_PROFILES[1], documentType: 'document', packingSlip: 'after' }, 'junk']);
    expect(migrateSettings({ ...v6File(), printProfiles: undefined }, 6).printProfiles).toBeUndefined();
  });

  it('a version 6 file read by the station: both profiles kept, file rewritten at version 7, labels still print where they did', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify(v6File()));
    const store = new PersistentSettingsStore(new JsonFileSettingsBackend(path, () => new Date()), recordingLogger().factory('settings'));
    expect(store.notices()).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      printProfiles: [
        { id: 'zebra', documentType: 'label', packingSlip: 'after' },
        { id: 'laser', documentType: 'label', packingSlip: 'after' },
      ],
    });
    const view = new PrintProfiles(store, silentLoggerFactory('print-profiles')).list();
    // Both are label profiles now; the one the packer had made default keeps labels, and everything else follows it.
    expect(view.defaultProfileId).toBe('laser');
    expect(Object.values(view.routes).map((r) => r?.profileId)).toEqual(['laser', 'laser', 'laser', 'laser', 'laser']);
  });
});
