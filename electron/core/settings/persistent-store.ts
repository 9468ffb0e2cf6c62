/**
 * A SettingsStore over any backend that can read, write and back up one JSON
 * document: electron-store in the app, a plain file in browser mode. The
 * decisions (migrate, validate, back up, notify) are made once, here and in
 * ./document.ts, so both shells behave the same.
 */
import type { StationSettings } from '../../../shared/domain/settings';
import { StationFailure } from '../../../shared/result';
import type { Logger } from '../util/log';
import { loadSettings, toDocument, type RawRead } from './document';
import type { RawSettings } from './migrations';
import type { SettingsStore } from './types';

export interface SettingsBackend {
  /** Where the document lives, for notices and diagnostics. */
  readonly location: string;
  read(): RawRead;
  write(document: RawSettings): void;
  /** Copies the current file aside; returns where it went, or null when there was nothing to copy. */
  backup(label: string): string | null;
}

export class PersistentSettingsStore implements SettingsStore {
  readonly #backend: SettingsBackend;
  readonly #log: Logger;
  #settings: StationSettings;
  readonly #notices: string[];
  /** Set when the file on disk could not be kept aside: saving would destroy it, so nothing is saved. */
  #cannotSave: string | null = null;

  constructor(backend: SettingsBackend, log: Logger) {
    this.#backend = backend;
    this.#log = log;
    const loaded = loadSettings(backend.read());
    this.#notices = loaded.notices;
    if (loaded.backup) {
      try {
        const copy = backend.backup(loaded.backup);
        if (copy) this.#notices.push(`The previous settings file was kept as ${copy}.`);
      } catch (e) {
        // Never write over what could not be kept: the station runs on these settings without saving them.
        this.#cannotSave = `${backend.location} could not be kept aside (${errorText(e)}); move or fix it, then restart`;
        this.#notices.push(`The settings file ${this.#cannotSave}. Until then changes are not saved.`);
      }
    }
    this.#settings = loaded.settings;
    for (const notice of this.#notices) log.warn('settings repaired', { notice, file: backend.location });
    if (loaded.rewrite && this.#cannotSave === null) {
      try {
        this.#persist(this.#settings);
      } catch (e) {
        // A read-only or full disk must not keep the station from starting; the admin is told.
        this.#notices.push(
          `The settings file ${backend.location} cannot be written (${errorText(e)}). Changes will not survive a restart.`,
        );
      }
    }
  }

  get(): StationSettings {
    return structuredClone(this.#settings);
  }

  /** Saved to disk first: if that fails nothing changes, and the caller learns why. */
  update(patch: Partial<StationSettings>): StationSettings {
    if (this.#cannotSave !== null)
      throw new StationFailure('UNAVAILABLE', `The settings could not be saved: the settings file ${this.#cannotSave}.`);
    const next = { ...this.#settings, ...structuredClone(patch) };
    try {
      this.#persist(next);
    } catch (e) {
      throw new StationFailure(
        'UNAVAILABLE',
        `The settings could not be saved (${errorText(e)}). Check that ${this.#backend.location} is writable.`,
      );
    }
    this.#settings = next;
    return this.get();
  }

  notices(): readonly string[] {
    return [...this.#notices];
  }

  #persist(settings: StationSettings): void {
    try {
      this.#backend.write(toDocument(settings));
    } catch (e) {
      this.#log.error('settings could not be saved', { file: this.#backend.location, error: e });
      throw e;
    }
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
