/**
 * Settings in the desktop app: the shared PersistentSettingsStore over
 * electron-store. electron-store gives the file its place in the user-data
 * folder and atomic writes; the schema, migrations and repair are ours
 * (electron/core/settings), so the Settings screen, browser mode and this
 * file agree on every rule. We do not use conf's JSON-schema or its
 * app-version migrations for that reason (see core/settings/migrations.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import { describeReadError, keepAside } from '../core/settings/keep-aside';
import type { RawRead } from '../core/settings/document';
import type { RawSettings } from '../core/settings/migrations';
import type { SettingsBackend } from '../core/settings/persistent-store';

/** The part of electron-store (conf) we use; conf itself satisfies it, which is what the tests use. */
export interface DocumentStore {
  readonly path: string;
  store: Record<string, unknown>;
}

export const SETTINGS_FILE_NAME = 'settings';

export class ElectronStoreSettingsBackend implements SettingsBackend {
  readonly location: string;
  readonly #open: () => DocumentStore;
  readonly #now: () => Date;
  #store: DocumentStore | null = null;

  /** `open` builds the electron-store; it throws when the file is not valid JSON, which is how we notice corruption. */
  constructor(location: string, open: () => DocumentStore, now: () => Date = () => new Date()) {
    this.location = location;
    this.#open = open;
    this.#now = now;
  }

  read(): RawRead {
    const existed = existsSync(this.location);
    try {
      this.#store = this.#open();
      if (!existed) return { kind: 'missing' };
      return { kind: 'ok', data: { ...this.#store.store } };
    } catch (e) {
      this.#store = null;
      return { kind: 'corrupt', reason: describeReadError(e) };
    }
  }

  write(document: RawSettings): void {
    if (!this.#store) {
      // The file could not be parsed (and has been backed up): start it afresh.
      rmSync(this.location, { force: true });
      this.#store = this.#open();
    }
    this.#store.store = document;
  }

  backup(label: string): string | null {
    return keepAside(this.location, label, this.#now());
  }
}
