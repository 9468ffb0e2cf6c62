import { z } from 'zod';
import { EnvironmentSchema } from './app';

export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * Settings as the renderer sees them. The API token is write-only: the
 * renderer learns only whether one is set, never its value.
 */
export const SettingsViewSchema = z.object({
  environment: EnvironmentSchema,
  customBaseUrl: z.string().nullable(),
  hasApiToken: z.boolean(),
  stationName: z.string(),
  language: LanguageSchema.nullable(),
  autoPrint: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
