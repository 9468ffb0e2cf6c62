/**
 * Reading a settings document back from disk: migrate it, check every field,
 * and decide what to keep. A bad value never stops the station: it is reset
 * to its default with a notice, and a file we cannot read at all is backed
 * up (so an admin can recover it) and replaced with defaults.
 */
import { z } from 'zod';
import { StationSettingsSchema, type StationSettings } from '../../../shared/domain/settings';
import { defaultSettings } from './types';
import { migrateSettings, SETTINGS_SCHEMA_VERSION, type RawSettings } from './migrations';

export type RawRead = { kind: 'missing' } | { kind: 'ok'; data: unknown } | { kind: 'corrupt'; reason: string };

export interface LoadedSettings {
  settings: StationSettings;
  /** Sentences for the Settings screen and the log. */
  notices: string[];
  /** Keep a copy of the file as it was before we rewrite it. */
  backup: 'corrupt' | 'newer-version' | 'repaired' | null;
  /** The file on disk differs from `settings` and should be rewritten. */
  rewrite: boolean;
}

export function isPlainObject(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const FIELDS = Object.keys(StationSettingsSchema.shape) as (keyof StationSettings)[];

export function toDocument(settings: StationSettings): RawSettings {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings };
}

export function loadSettings(read: RawRead): LoadedSettings {
  if (read.kind === 'missing') return { settings: defaultSettings(), notices: [], backup: null, rewrite: true };
  if (read.kind === 'corrupt' || !isPlainObject(read.data)) {
    const reason = read.kind === 'corrupt' ? read.reason : 'it does not hold a settings object';
    return {
      settings: defaultSettings(),
      notices: [`The settings file could not be read (${reason}). A copy was kept and the default settings are in use: check them.`],
      backup: 'corrupt',
      rewrite: true,
    };
  }

  const raw = read.data;
  const version = raw.schemaVersion === undefined ? 1 : raw.schemaVersion;
  const notices: string[] = [];
  let backup: LoadedSettings['backup'] = null;
  let doc: RawSettings;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    notices.push('The settings file has no valid version number; its values were checked one by one.');
    backup = 'repaired';
    doc = migrateSettings(raw, 1);
  } else if (version > SETTINGS_SCHEMA_VERSION) {
    // A newer Shipping Station wrote this (a downgrade). Keep what we understand;
    // the backup keeps the rest for when the newer version comes back.
    notices.push(
      `These settings were saved by a newer version of Shipping Station (settings version ${version}). Settings this version does not know were kept in a backup copy.`,
    );
    backup = 'newer-version';
    doc = raw;
  } else {
    doc = migrateSettings(raw, version);
  }

  const defaults = defaultSettings();
  const settings = { ...defaults } as Record<keyof StationSettings, unknown>;
  for (const field of FIELDS) {
    if (!(field in doc)) {
      notices.push(`The setting "${field}" was missing and is back to its default.`);
      continue;
    }
    const schema = StationSettingsSchema.shape[field];
    const value = doc[field];
    if (schema instanceof z.ZodArray && Array.isArray(value)) {
      // A list (print profiles) keeps its good entries: one hand-edited mistake must not cost the others.
      const kept = value.filter((item) => schema.element.safeParse(item).success);
      if (kept.length < value.length) {
        notices.push(
          `${value.length - kept.length} unreadable entr${value.length - kept.length === 1 ? 'y' : 'ies'} in "${field}" ${value.length - kept.length === 1 ? 'was' : 'were'} dropped.`,
        );
        backup ??= 'repaired';
      }
      const parsedList = schema.safeParse(kept.map((item) => schema.element.parse(item)));
      if (parsedList.success) {
        settings[field] = parsedList.data;
        continue;
      }
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      settings[field] = parsed.data;
    } else {
      const why = parsed.error.issues[0]?.message ?? 'invalid value';
      notices.push(`The setting "${field}" was invalid (${why}) and is back to its default.`);
      backup ??= 'repaired';
    }
  }
  const rewrite = version !== SETTINGS_SCHEMA_VERSION || notices.length > 0;
  return { settings: settings as StationSettings, notices, backup, rewrite };
}
