import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Packers (issue 13): the people who work the benches, by name and badge code.
 * A packer is never deleted, only retired (`retired_at`): the audit log and the
 * end-of-day counts name them long after they left. Badge codes are unique
 * (stored upper case), so one scan names one person. Which packer is on duty
 * is each station's own setting, not stored here.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'packers',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE packers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        badge TEXT NOT NULL UNIQUE,
        retired_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE packers (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        badge TEXT COLLATE "C" NOT NULL UNIQUE,
        retired_at BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
      ),
  },
};
