import { describe, expect, it } from 'vitest';
import { migrateSettings, SETTINGS_SCHEMA_VERSION } from '../../electron/core/settings/migrations';
import { StationSettingsSchema } from '../../shared/domain/settings';
import { defaultSettings } from '../../electron/core/settings/types';

describe('settings step 5: the declared-value threshold', () => {
  it('a version 4 file keeps what it had and gains the default threshold, and the result is valid', () => {
    const { declaredValueConfirmAbove: _dropped, ...v2 } = { ...defaultSettings(), stationName: 'Dock 9' };
    const migrated = migrateSettings(v2, 4);
    expect(migrated).toMatchObject({ stationName: 'Dock 9', declaredValueConfirmAbove: 1_000 });
    expect(StationSettingsSchema.safeParse(migrated).success).toBe(true);
    expect(SETTINGS_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
  });

  it('refuses a threshold below 0 or above what one label may declare', () => {
    const at = (declaredValueConfirmAbove: number) =>
      StationSettingsSchema.safeParse({ ...defaultSettings(), declaredValueConfirmAbove }).success;
    expect(at(0)).toBe(true);
    expect(at(-1)).toBe(false);
    expect(at(1_000_001)).toBe(false);
  });
});
