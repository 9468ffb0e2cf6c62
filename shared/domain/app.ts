import { z } from 'zod';

/** Where the station sends its API calls. `sandbox` is the embedded simulator (demo mode). */
export const ENVIRONMENTS = ['sandbox', 'development', 'production', 'custom'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof EnvironmentSchema>;

export const AppStatusSchema = z.object({
  version: z.string(),
  /** How the renderer is hosted: the Electron window, or a browser over loopback HTTP. */
  shell: z.enum(['electron', 'browser']),
  environment: EnvironmentSchema,
  /** True when calls go to the embedded sandbox (no account needed). */
  demo: z.boolean(),
  apiBaseUrl: z.string(),
  platform: z.string(),
  /**
   * Warehouse mode: where the site's database is (never the password) and whether this station reaches it; the
   * banner says when it does not (labels wait, nothing is bought), and why in the station's words (`message`, English:
   * what the admin checks). Null on a station's own SQLite file.
   */
  warehouse: z
    .object({ location: z.string(), reachable: z.boolean(), message: z.string().nullable().optional() })
    .strict()
    .nullable()
    .optional(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;
