/**
 * Versions of the persisted settings document and the step from each one to
 * the next. The document is flat (`{ schemaVersion, ...settings }`) so
 * electron-store and the browser-mode file hold the same JSON.
 *
 * We number the document ourselves instead of using conf's app-version
 * migrations: a settings shape changes with a feature, not with every
 * release, and a test can migrate from any version without faking the app's
 * version.
 */
import { DEFAULT_PRINT_PROFILE } from '../../../shared/domain/printing';
import { DEFAULT_DECLARED_VALUE_CONFIRM_ABOVE, DEFAULT_NOTIFY_TAGS } from '../../../shared/domain/settings';
import { DEFAULT_SCANNER_SETTINGS } from '../../../shared/domain/scanner';

export const SETTINGS_SCHEMA_VERSION = 10;

export type RawSettings = Record<string, unknown>;

export interface SettingsMigration {
  /** The version this step produces. */
  to: number;
  describe: string;
  migrate(doc: RawSettings): RawSettings;
}

export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  {
    // Version 1 is the foundation's shape (environment, customBaseUrl,
    // stationName, language, autoPrint) and carried no schemaVersion.
    to: 2,
    describe: 'tray, start at login, per-tag notifications, ship-from address, scan-to-reprint, updates, print profiles',
    migrate: (doc) => ({
      ...doc,
      // A station that was already set up keeps running in the tray: closing
      // the window must not silently stop tracking for someone who upgraded.
      closeToTray: true,
      startAtLogin: false,
      notifyTags: { ...DEFAULT_NOTIFY_TAGS },
      shipFrom: null,
      scanReprint: true,
      updateUrl: null,
      autoUpdate: false,
      printProfiles: [structuredClone(DEFAULT_PRINT_PROFILE)],
      defaultPrintProfileId: DEFAULT_PRINT_PROFILE.id,
      // Older builds let an empty string stand for "no custom URL".
      customBaseUrl: doc.customBaseUrl === '' ? null : doc.customBaseUrl,
    }),
  },
  {
    to: 3,
    describe: 'document hosts allowed on the local network (none: every label document host must be public)',
    migrate: (doc) => ({ ...doc, privateDocumentHosts: [] }),
  },
  {
    to: 4,
    describe: 'print profiles: find the label on larger sheets (on), orientation may also be clockwise / counter-clockwise',
    migrate: (doc) => ({
      ...doc,
      // Every saved profile finds the label on A4/Letter sheets from now on, as new ones do; the packer can turn it
      // off per profile. Entries that are not objects are left for the profile check to report.
      printProfiles: Array.isArray(doc.printProfiles)
        ? doc.printProfiles.map((p: unknown) =>
            p !== null && typeof p === 'object' && !('findLabel' in p) ? { ...(p as Record<string, unknown>), findLabel: true } : p,
          )
        : doc.printProfiles,
    }),
  },
  {
    to: 5,
    describe: 'confirm a declared value above a threshold before buying the label',
    migrate: (doc) => ({ ...doc, declaredValueConfirmAbove: DEFAULT_DECLARED_VALUE_CONFIRM_ABOVE }),
  },
  {
    to: 6,
    describe: 'scan-to-reprint off, scanner burst thresholds and scan sound',
    migrate: (doc) => ({
      ...doc,
      // "Reprint when the same label is scanned twice" was on by default, and
      // every older file (versions 2–5) holds `true` whether a person chose it or not: the
      // file cannot tell the two apart. Turned off for all: a packer who scans a
      // label again to check it must not get a second one, and a station that
      // wanted reprint-on-rescan gets it back with one tick in Settings (the
      // detail screen's Reprint button works either way). Leaving it on would
      // keep the surprise for every station that never looked at the setting.
      scanReprint: false,
      scanner: structuredClone(DEFAULT_SCANNER_SETTINGS),
    }),
  },
  {
    to: 7,
    describe: 'print profiles have a document type (saved ones print labels) and a packing-slip order (after the label)',
    migrate: (doc) => ({
      ...doc,
      // Every profile so far printed labels; the slip, when the pack screen prints one, follows the label as on a
      // new profile. Entries that are not objects are left for the profile check to report.
      printProfiles: Array.isArray(doc.printProfiles)
        ? doc.printProfiles.map((p: unknown) =>
            p !== null && typeof p === 'object' ? { documentType: 'label', packingSlip: 'after', ...(p as Record<string, unknown>) } : p,
          )
        : doc.printProfiles,
    }),
  },
  {
    to: 8,
    describe: 'the packer on duty at this station (nobody until one is chosen or scans their badge)',
    migrate: (doc) => ({ ...doc, packerOnDutyId: null }),
  },
  {
    to: 9,
    describe: 'the warehouse database connection (none: the station keeps its SQLite file)',
    migrate: (doc) => ({ ...doc, warehouse: null }),
  },
  {
    to: 10,
    describe: 'warehouse mode: notifications for the shipments this station made (off: every shipment of the site)',
    migrate: (doc) => ({ ...doc, notifySiteWide: false }),
  },
];

/** Runs every step after `from`, in order; the caller has checked `from <= SETTINGS_SCHEMA_VERSION`. */
export function migrateSettings(doc: RawSettings, from: number): RawSettings {
  let out = doc;
  for (const step of SETTINGS_MIGRATIONS) if (step.to > from) out = step.migrate(out);
  return out;
}
