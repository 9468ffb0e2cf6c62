import { z } from 'zod';

/** TLS modes of the warehouse database connection (libpq's names). */
export const WAREHOUSE_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/**
 * The warehouse database connection as Settings' "Test connection" sends it:
 * a URL, or the parts (parts beside a URL override its own). The password is
 * sent once to be tried, never sent back.
 */
export const WarehouseConnectionArgsSchema = z
  .object({
    url: z.string().trim().max(2_000, 'The connection URL is too long.').optional(),
    host: z.string().trim().min(1, 'Enter the database host.').max(255, 'The host name is too long.').optional(),
    port: z.number().int('The port is a whole number.').min(1, 'The port is 1 to 65535.').max(65_535, 'The port is 1 to 65535.').optional(),
    database: z
      .string()
      .trim()
      .min(1, 'Enter the database name.')
      .max(63, 'A PostgreSQL database name has at most 63 characters.')
      .optional(),
    user: z.string().trim().min(1, 'Enter the user name.').max(63, 'A PostgreSQL user name has at most 63 characters.').optional(),
    password: z.string().max(1_000, 'The password is too long.').optional(),
    sslmode: z.enum(WAREHOUSE_SSL_MODES).optional(),
    /** PEM text of the CA certificate(s). */
    ca: z.string().max(100_000, 'The CA certificate is too long: give the PEM text of the CA only.').optional(),
    /** The CA certificate(s) as a PEM file on the station's computer (Settings keeps a path, the station reads it). */
    caFile: z.string().trim().min(1, 'Enter the path of the CA certificate file.').max(4_096, 'The CA file path is too long.').optional(),
    /**
     * Try the password saved in Settings when none is given here: the renderer never has it, so
     * "Test connection" on a saved connection asks the station to use its own copy.
     */
    useSavedPassword: z.boolean().optional(),
  })
  .strict();
export type WarehouseConnectionArgs = z.infer<typeof WarehouseConnectionArgsSchema>;

/** Why a warehouse connection works or not, as a catalogue key (`warehouse.connect.<key>`), so each screen says it in its language. */
export const CONNECT_REASONS = [
  'refused',
  'hostNotFound',
  'unreachable',
  'auth',
  'noDatabase',
  'noTls',
  'certificate',
  'timeout',
  'other',
  'needHost',
  'needDatabase',
  'needUser',
  'badPort',
  'badSslmode',
  'socketNoTls',
  'caNotPem',
  'caMissing',
  'caUnreadable',
  'badUrl',
  'urlScheme',
  'urlEscape',
  'urlSetting',
  'oldServer',
  'encoding',
  'newerSchema',
  'ready',
  'setUpAtStart',
] as const;
export type ConnectReasonKey = (typeof CONNECT_REASONS)[number];
export const ConnectReasonSchema = z
  .object({
    key: z.enum(CONNECT_REASONS),
    /** `detail`: the server's or system's own words (English). */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .strict();
export type ConnectReason = z.infer<typeof ConnectReasonSchema>;

/** What "Test connection" found: nothing is written and no migration runs. */
export const WarehouseConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** user@host:port/database (never the password). */
  location: z.string().nullable(),
  /** What the station found, or what to fix, in English (logs, the command line). */
  message: z.string(),
  /** The same as a catalogue key, for the screen's language (null: a problem with no key, said in English). */
  reason: ConnectReasonSchema.nullable(),
  serverVersion: z.string().nullable(),
  /** The database's schema version, and the newest this station knows. */
  schemaVersion: z.number().nullable(),
  stationSchemaVersion: z.number(),
  /** Round trip of the test query (ms). */
  latencyMs: z.number().nullable(),
});
export type WarehouseConnectionTest = z.infer<typeof WarehouseConnectionTestSchema>;

/** The site view (admin): the stations on the warehouse database, and the database as this station sees it. */
export const SiteViewSchema = z.object({
  mode: z.enum(['sqlite', 'warehouse']),
  location: z.string(),
  thisStationId: z.string(),
  reachable: z.boolean(),
  message: z.string().nullable(),
  lagMs: z.number().nullable(),
  clockOffsetMs: z.number().nullable(),
  stations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      startedAt: z.string(),
      lastSeenAt: z.string(),
      connected: z.boolean(),
      polls: z.number(),
      lastPollAt: z.string().nullable(),
      /** Polled in the last minute: this station takes part in the site's polling now. */
      polling: z.boolean(),
    }),
  ),
});
export type SiteView = z.infer<typeof SiteViewSchema>;

/**
 * The warehouse connection kept in this station's settings file (issue 15):
 * a connection URL (without its password) or the parts, the TLS mode and the
 * CA file's path. The password is never here: it is kept like the API token
 * (SecretStore). Used at the next start; STATION_WAREHOUSE_URL wins when set.
 */
export const WarehouseSettingsSchema = z
  .object({
    /** postgresql://user@host:5432/database?sslmode=…, without the password; null when the parts are used. */
    url: z
      .string()
      .trim()
      .max(2_000, 'The connection URL is too long.')
      .regex(
        /^postgres(ql)?:\/\//,
        'A connection URL starts with postgresql:// (e.g. postgresql://station@db.warehouse.lan:5432/shipping).',
      )
      .nullable(),
    host: z.string().trim().min(1, 'Enter the database host.').max(255, 'The host name is too long.').nullable(),
    port: z.number().int('The port is a whole number.').min(1, 'The port is 1 to 65535.').max(65_535, 'The port is 1 to 65535.').nullable(),
    database: z
      .string()
      .trim()
      .min(1, 'Enter the database name.')
      .max(63, 'A PostgreSQL database name has at most 63 characters.')
      .nullable(),
    user: z.string().trim().min(1, 'Enter the user name.').max(63, 'A PostgreSQL user name has at most 63 characters.').nullable(),
    /** null: the URL's sslmode, else the default (verify-full; off for a loopback host or a Unix socket). */
    sslmode: z.enum(WAREHOUSE_SSL_MODES).nullable(),
    caFile: z.string().trim().min(1, 'Enter the path of the CA certificate file.').max(4_096, 'The CA file path is too long.').nullable(),
  })
  .strict();
export type WarehouseSettings = z.infer<typeof WarehouseSettingsSchema>;

/** Where this run's database came from: the environment variable, the saved settings, or none (SQLite). */
export const WAREHOUSE_SOURCES = ['environment', 'settings'] as const;

/** The Warehouse section of Settings as the renderer sees it: never the password, only whether one is kept and how. */
export const WarehouseSettingsViewSchema = z
  .object({
    saved: WarehouseSettingsSchema.nullable(),
    hasPassword: z.boolean(),
    passwordProtection: z.enum(['encrypted', 'obfuscated', 'plain-file', 'environment', 'session-only', 'none']),
    /** The environment variable that wins over the saved connection, and whether it is set for this run. */
    environmentVariable: z.string(),
    environmentSet: z.boolean(),
    /** This run: SQLite or the warehouse database, from where, and which one (user@host:port/database or the file). */
    running: z
      .object({
        mode: z.enum(['sqlite', 'warehouse']),
        source: z.enum(WAREHOUSE_SOURCES).nullable(),
        location: z.string(),
      })
      .strict(),
    /** The saved connection differs from the one this run uses: it is used at the next start. */
    restartNeeded: z.boolean(),
  })
  .strict();
export type WarehouseSettingsView = z.infer<typeof WarehouseSettingsViewSchema>;

/**
 * Saving the Warehouse section: the connection (null: back to this station's
 * SQLite file at the next start) and the password, write-only like the API
 * token (a string sets it, null removes it, absent keeps the saved one).
 */
export const SaveWarehouseSettingsArgsSchema = z
  .object({
    connection: WarehouseSettingsSchema.nullable(),
    password: z
      .string()
      .min(1, 'Enter the password, or leave the box empty to keep the saved one.')
      .max(1_000, 'The password is too long.')
      .nullable()
      .optional(),
  })
  .strict();
export type SaveWarehouseSettingsArgs = z.infer<typeof SaveWarehouseSettingsArgsSchema>;
