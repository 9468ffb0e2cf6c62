import { z } from 'zod';
import { EnvironmentSchema } from './app';
import { MAX_DECLARED_VALUE, PartySchema } from './label-request';
import { PrintProfileSchema } from './printing';
import { ScannerSettingsSchema } from './scanner';
import { TAG_CATALOGUE, TAGS, type Tag } from './tags';
import { WarehouseSettingsSchema } from './warehouse';

export const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const MAX_STATION_NAME_CHARS = 60;
/** A parcel of goods worth more than this is rare at a packing bench; above it the form asks before buying the label. */
export const DEFAULT_DECLARED_VALUE_CONFIRM_ABOVE = 1_000;

/** Which tags raise a desktop notification; defaults follow the tag catalogue (seed guide's table). */
export const NotifyTagsSchema = z.object(Object.fromEntries(TAGS.map((tag) => [tag, z.boolean()])) as { [T in Tag]: z.ZodBoolean });
export type NotifyTags = z.infer<typeof NotifyTagsSchema>;
export const DEFAULT_NOTIFY_TAGS: NotifyTags = Object.fromEntries(TAGS.map((tag) => [tag, TAG_CATALOGUE[tag].notifies])) as NotifyTags;

export const MAX_PRIVATE_DOCUMENT_HOSTS = 20;

/**
 * A host name or IP address, optionally with `:port` (IPv6 in brackets), as
 * it appears in a URL: `labels.warehouse.lan`, `10.0.4.20:8080`, `[fd00::5]`.
 */
export const DocumentHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a host name, e.g. labels.warehouse.lan.')
  .max(260, 'A host name has at most 253 characters.')
  .regex(
    /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/,
    'Enter only a host name or address, optionally with :port (no http://, no path), e.g. labels.warehouse.lan:8080.',
  );

const HttpsUrlSchema = z
  .url({ error: 'Enter a full web address starting with https://' })
  .refine((u) => u.startsWith('https://'), 'Use an https:// address: the station does not send data over plain http.');

/**
 * Every setting the station keeps between runs, with the message a person
 * sees when a value is wrong. The API token is never here (see SecretStore).
 * Adding a field: add it here with its default in DEFAULT_SETTINGS
 * (electron/core/settings/types.ts) and a migration step in
 * electron/core/settings/migrations.ts.
 */
export const StationSettingsSchema = z.object({
  environment: EnvironmentSchema,
  /** Only used when `environment` is `custom`. */
  customBaseUrl: HttpsUrlSchema.nullable(),
  stationName: z
    .string()
    .trim()
    .min(1, 'Give the station a name, e.g. "Packing bench 3".')
    .max(MAX_STATION_NAME_CHARS, `Keep the station name to ${MAX_STATION_NAME_CHARS} characters or fewer.`),
  /** null: follow the operating system's language. */
  language: LanguageSchema.nullable(),
  autoPrint: z.boolean(),
  /** Closing the window keeps the station (printing, tracking) running in the tray. */
  closeToTray: z.boolean(),
  startAtLogin: z.boolean(),
  notifyTags: NotifyTagsSchema,
  /**
   * Warehouse mode: tell tag changes of every shipment of the site, not only of those this station made (whichever
   * station polled them). No effect on a station on its own.
   */
  notifySiteWide: z.boolean(),
  /** The warehouse address every new label starts from. */
  shipFrom: PartySchema.nullable(),
  /** Scanning the label of the shipment already open reprints it (off by default: a check scan must not print). */
  scanReprint: z.boolean(),
  /** Telling a scanner from typing, and the scan sound (shared/domain/scanner.ts). */
  scanner: ScannerSettingsSchema,
  /** electron-updater generic-provider feed; auto-update stays off until an admin sets both. */
  updateUrl: HttpsUrlSchema.nullable(),
  autoUpdate: z.boolean(),
  /** Print profiles the packer set up (printer, mode, media, dpi); see shared/domain/printing.ts. */
  printProfiles: z.array(PrintProfileSchema).max(50, 'Keep at most 50 print profiles.'),
  /** The profile auto-print and test print use when none is named; null only when there is no profile. */
  defaultPrintProfileId: z.string().nullable(),
  /**
   * Label document hosts that may be on the local network (loopback,
   * link-local or private addresses). Any other document host must resolve to
   * public addresses only, so a label URL cannot make the station reach its
   * LAN or a cloud metadata service. The embedded sandbox is always trusted.
   */
  privateDocumentHosts: z
    .array(DocumentHostSchema)
    .max(MAX_PRIVATE_DOCUMENT_HOSTS, `List at most ${MAX_PRIVATE_DOCUMENT_HOSTS} document hosts.`),
  /**
   * The create-label form asks "is that right?" before buying a label that
   * declares more than this to customs (per currency, see `declaredValues`);
   * a price typed in cents or with one zero too many is caught before it is
   * printed on a customs form. 0 asks for every label with items.
   */
  declaredValueConfirmAbove: z
    .number({ error: 'Enter the declared value to confirm above as a number, 0 or more.' })
    .min(0, 'Enter the declared value to confirm above as a number, 0 or more.')
    .max(MAX_DECLARED_VALUE, `Enter at most ${MAX_DECLARED_VALUE}: no label can declare more.`),
  /**
   * The packer on duty at this station (a packer id, see ./packers.ts), or null. Each station's own: two benches
   * have two packers. Changed through `packers:setOnDuty` or a badge scan, never through `settings:update`.
   */
  packerOnDutyId: z.string().nullable(),
  /**
   * Warehouse mode (issue 15): this station's connection to the site's PostgreSQL database, used at the next start;
   * null keeps the SQLite file. Without the password (SecretStore). Changed through `warehouse:saveSettings` only.
   */
  warehouse: WarehouseSettingsSchema.nullable(),
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;

/** Print profiles, the packer on duty and the warehouse connection have entries of their own (`printProfiles:*`, `packers:*`): not changed through `settings:update`, not in the view. */
const OWN_ENTRY_FIELDS = { printProfiles: true, defaultPrintProfileId: true, packerOnDutyId: true, warehouse: true } as const;

/** `settings:update` takes any subset; each field is validated as above. */
export const SettingsPatchSchema = StationSettingsSchema.omit(OWN_ENTRY_FIELDS).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

/**
 * How well the API token is protected at rest, so the Settings screen can warn:
 * `encrypted` OS keychain/DPAPI/libsecret via safeStorage; `obfuscated` Linux
 * without a keyring (safeStorage `basic_text`: a fixed key, not real secrecy);
 * `plain-file` browser mode's 0600 file; `environment` read from
 * FLEXFORWARD_API_TOKEN; `session-only` encryption unavailable, so the token
 * is held in memory until the app quits; `none` no token set.
 */
export const TOKEN_PROTECTIONS = ['encrypted', 'obfuscated', 'plain-file', 'environment', 'session-only', 'none'] as const;
export const TokenProtectionSchema = z.enum(TOKEN_PROTECTIONS);
export type TokenProtection = z.infer<typeof TokenProtectionSchema>;

/**
 * Settings as the renderer sees them. The API token is write-only: the
 * renderer learns only whether one is set and how it is kept, never its value.
 */
export const SettingsViewSchema = StationSettingsSchema.omit(OWN_ENTRY_FIELDS).extend({
  hasApiToken: z.boolean(),
  tokenProtection: TokenProtectionSchema,
  /** Flash Americas credentials are write-only too: only whether each is set (stored or from the environment). */
  hasFlashAmericasKey: z.boolean(),
  hasFlashAmericasWebhookSecret: z.boolean(),
  /** Things the station repaired in the settings file at start-up (e.g. a corrupt file replaced by defaults). */
  notices: z.array(z.string()),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SetApiTokenArgsSchema = z.object({
  token: z
    .string()
    .trim()
    .min(8, 'This does not look like an API token: it is too short. Paste the whole token from your Flex Forward account.')
    .max(4096, 'This is too long for an API token. Paste only the token itself.')
    .regex(/^[\x21-\x7e]+$/, 'An API token has no spaces or special characters. Paste only the token itself.')
    .nullable(),
});

/** A pasted credential: one printable token without spaces; `null` clears it, absent leaves it as it is. */
function faCredential(what: string) {
  return z
    .string()
    .trim()
    .min(8, `This does not look like a Flash Americas ${what}: it is too short. Paste the whole value from your Flash Americas account.`)
    .max(4096, `This is too long for a Flash Americas ${what}. Paste only the value itself.`)
    .regex(/^[\x21-\x7e]+$/, `A Flash Americas ${what} has no spaces or special characters. Paste only the value itself.`)
    .nullable()
    .optional();
}

/** Write-only, like the API token: each value is stored the same way and never comes back. */
export const SetFlashAmericasCredentialsArgsSchema = z
  .object({ apiKey: faCredential('API key'), webhookSecret: faCredential('webhook secret') })
  .strict()
  .refine((a) => a.apiKey !== undefined || a.webhookSecret !== undefined, {
    message: 'Give the Flash Americas API key, the webhook secret, or both (null removes one).',
  });
export type SetFlashAmericasCredentialsArgs = z.infer<typeof SetFlashAmericasCredentialsArgsSchema>;

/** `copied`: the desktop app also put the text on the clipboard; browser mode leaves that to the page. */
export const DiagnosticsSchema = z.object({ text: z.string(), copied: z.boolean() });
export const LogsFolderSchema = z.object({ path: z.string(), opened: z.boolean() });
