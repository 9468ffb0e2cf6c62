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
    database: z.string().trim().min(1, 'Enter the database name.').max(63, 'A PostgreSQL database name has at most 63 characters.').optional(),
    user: z.string().trim().min(1, 'Enter the user name.').max(63, 'A PostgreSQL user name has at most 63 characters.').optional(),
    password: z.string().max(1_000, 'The password is too long.').optional(),
    sslmode: z.enum(WAREHOUSE_SSL_MODES).optional(),
    /** PEM text of the CA certificate(s). */
    ca: z.string().max(100_000, 'The CA certificate is too long: give the PEM text of the CA only.').optional(),
  })
  .strict();
export type WarehouseConnectionArgs = z.infer<typeof WarehouseConnectionArgsSchema>;

export const WarehouseConnectionTestSchema = z.object({
  ok: z.boolean(),
  location: z.string().nullable(),
  message: z.string(),
  serverVersion: z.string().nullable(),
  schemaVersion: z.number().nullable(),
  stationSchemaVersion: z.number(),
  latencyMs: z.number().nullable(),
});

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
