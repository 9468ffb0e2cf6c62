import { z } from 'zod';

/**
 * Printing as the renderer and the label workflow see it: printers the
 * platform reports, the print profiles a packer sets up once, and the outcome
 * of one print request.
 */

/** Thermal label printers print at one of these; the raster for raw ZPL is made at the profile's. */
export const PRINT_DPIS = [203, 300] as const;
export const PrintDpiSchema = z.union([z.literal(203), z.literal(300)]);
export type PrintDpi = z.infer<typeof PrintDpiSchema>;

/**
 * - `system`: a PDF through the OS spooler (CUPS `lp`, Windows via pdf-to-printer).
 * - `zpl-queue`: raw ZPL through a system queue (CUPS raw, Windows raw spooling).
 * - `zpl-network`: raw ZPL straight to the printer on TCP (port 9100 by default).
 */
export const PRINT_MODES = ['system', 'zpl-queue', 'zpl-network'] as const;
export const PrintModeSchema = z.enum(PRINT_MODES);
export type PrintMode = z.infer<typeof PrintModeSchema>;

/** Label sizes, and the sheets a laser printer takes for documents, slips and reports (A4, Letter). */
export const MEDIA_PRESETS = ['4x6in', '4x4in', '100x150mm', 'A6', 'A4', 'Letter'] as const;
export const MediaPresetSchema = z.enum(MEDIA_PRESETS);
export type MediaPreset = z.infer<typeof MediaPresetSchema>;

/** Smallest and largest label edge the station accepts for custom media, in millimetres. */
export const CUSTOM_MEDIA_MIN_MM = 20;
export const CUSTOM_MEDIA_MAX_MM = 600;

export const PrintMediaSchema = z.discriminatedUnion('preset', [
  z.object({ preset: MediaPresetSchema }),
  z.object({
    preset: z.literal('custom'),
    widthMm: z
      .number()
      .min(CUSTOM_MEDIA_MIN_MM, `Label width must be at least ${CUSTOM_MEDIA_MIN_MM} mm`)
      .max(CUSTOM_MEDIA_MAX_MM, `Label width must be at most ${CUSTOM_MEDIA_MAX_MM} mm`),
    heightMm: z
      .number()
      .min(CUSTOM_MEDIA_MIN_MM, `Label height must be at least ${CUSTOM_MEDIA_MIN_MM} mm`)
      .max(CUSTOM_MEDIA_MAX_MM, `Label height must be at most ${CUSTOM_MEDIA_MAX_MM} mm`),
  }),
]);
export type PrintMedia = z.infer<typeof PrintMediaSchema>;

/**
 * - `auto`: a label whose long side runs across the media is turned a quarter so it fills the media, the way
 *   its content reads (the barcodes' reading direction, else the text's): a label stored turned clockwise is
 *   turned back counter-clockwise and the reverse; one that reads upside down is turned the right way up.
 * - `clockwise` / `counter-clockwise`: such a label is always turned that way (for a carrier whose labels
 *   `auto` reads wrongly).
 * - `keep`: pages are never turned; a landscape page is scaled down onto portrait media.
 */
export const ORIENTATION_RULES = ['auto', 'clockwise', 'counter-clockwise', 'keep'] as const;
export const OrientationRuleSchema = z.enum(ORIENTATION_RULES);
export type OrientationRule = z.infer<typeof OrientationRuleSchema>;

/**
 * What a profile prints (each document goes to the profile for its type; see electron/core/printing/routing.ts):
 * - `label`: shipping labels (the thermal printer); a label's pages that are not labels (a commercial invoice
 *   delivered with it) go to the `document` profile where there is one.
 * - `packing-slip`: the packing slip that goes in the parcel.
 * - `document`: A4/Letter pages that are not labels, such as invoices and customs forms.
 * - `test-page`: the station's test page.
 * - `report`: end-of-day handover lists and packer reports.
 * A type with no profile of its own goes to the label profile.
 */
export const DOCUMENT_TYPES = ['label', 'packing-slip', 'document', 'test-page', 'report'] as const;
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentTypeSchema>;

/** Label profiles: print the order's packing slip before the label, after it, or not at all. */
export const SLIP_ORDERS = ['before', 'after', 'none'] as const;
export const SlipOrderSchema = z.enum(SLIP_ORDERS);
export type SlipOrder = z.infer<typeof SlipOrderSchema>;

export const MAX_COPIES = 20;
/** ZPL `~SD` darkness range. */
export const ZPL_DARKNESS_MAX = 30;
export const ZPL_DEFAULT_PORT = 9100;

const ProfileCommon = {
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Give the profile a name').max(60, 'Keep the profile name under 60 characters'),
  media: PrintMediaSchema,
  dpi: PrintDpiSchema,
  copies: z.number().int().min(1, 'Print at least 1 copy').max(MAX_COPIES, `Print at most ${MAX_COPIES} copies at once`),
  orientation: OrientationRuleSchema,
  /**
   * Find the label on a larger sheet (A4, Letter, A5…) and print only it, near its real size, one label per
   * media page; off prints every page whole, scaled to the media.
   */
  findLabel: z.boolean(),
  /** Raw ZPL only: `~SD` darkness 0–30; null leaves the printer's own setting alone. */
  darkness: z.number().int().min(0).max(ZPL_DARKNESS_MAX, `Darkness goes from 0 to ${ZPL_DARKNESS_MAX}`).nullable(),
  /** What this profile prints; a profile saved before document types existed is a label profile. */
  documentType: DocumentTypeSchema.default('label'),
  /** Label profiles only: when the packing slip prints, relative to the label (other types ignore it). */
  packingSlip: SlipOrderSchema.default('after'),
};

/** A queue name as the platform reports it; null means "the system default printer". */
const QueueName = z.string().trim().min(1).max(255).nullable();

/** Host name or IP address of a network label printer; no scheme, no port, no spaces. */
export const PrinterHostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the printer’s IP address or host name')
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'Enter only the IP address or host name, e.g. 192.168.1.50');

export const PrintProfileSchema = z.discriminatedUnion('mode', [
  z.object({ ...ProfileCommon, mode: z.literal('system'), printer: QueueName }),
  z.object({ ...ProfileCommon, mode: z.literal('zpl-queue'), printer: QueueName }),
  z.object({
    ...ProfileCommon,
    mode: z.literal('zpl-network'),
    host: PrinterHostSchema,
    port: z.number().int().min(1).max(65535).default(ZPL_DEFAULT_PORT),
  }),
]);
export type PrintProfile = z.infer<typeof PrintProfileSchema>;

/** What `printProfiles:save` takes: a profile without an id is new. */
export const PrintProfileDraftSchema = z.discriminatedUnion('mode', [
  PrintProfileSchema.options[0].extend({ id: ProfileCommon.id.optional() }),
  PrintProfileSchema.options[1].extend({ id: ProfileCommon.id.optional() }),
  PrintProfileSchema.options[2].extend({ id: ProfileCommon.id.optional() }),
]);
export type PrintProfileDraft = z.input<typeof PrintProfileDraftSchema>;

/** Where documents of one type go: the profile, and whether it only stands in (no profile has that type). */
export const DocumentRouteSchema = z.object({ profileId: z.string(), fallback: z.boolean() });
export type DocumentRoute = z.infer<typeof DocumentRouteSchema>;

export const PrintProfilesViewSchema = z.object({
  profiles: z.array(PrintProfileSchema),
  /** The label profile when there is one (labels go to it, and every type without a profile of its own). */
  defaultProfileId: z.string().nullable(),
  /** Where each document type prints, as core routes it; null for every type when there is no profile. */
  routes: z.record(DocumentTypeSchema, DocumentRouteSchema.nullable()),
});
export type PrintProfilesView = z.infer<typeof PrintProfilesViewSchema>;

/** The profile a fresh station starts with: the system default printer, 4×6 in at 203 dpi. */
export type SystemPrintProfile = Extract<PrintProfile, { mode: 'system' }>;

export const DEFAULT_PRINT_PROFILE: SystemPrintProfile = {
  id: 'default',
  name: 'Label printer',
  mode: 'system',
  printer: null,
  media: { preset: '4x6in' },
  dpi: 203,
  copies: 1,
  orientation: 'auto',
  findLabel: true,
  darkness: null,
  documentType: 'label',
  packingSlip: 'after',
};

/**
 * What one media page of a fitted document holds: a label (found on its page, or a page that is a label by its
 * size) or a document page printed whole. A label's document pages go to the `document` profile where one exists.
 */
export const FittedKindSchema = z.enum(['label', 'document']);
export type FittedKind = z.infer<typeof FittedKindSchema>;

export const FittedPageSchema = z.object({
  kind: FittedKindSchema,
  /** 1-based page of the carrier's document it comes from. */
  sourcePage: z.number().int().min(1),
  /** The part of that page printed, in points from its top-left corner as shown. */
  region: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  /** True when only part of the page prints (a label found on a larger sheet). */
  cropped: z.boolean(),
  /** Quarter turns counter-clockwise (3 = one turn clockwise, 2 = upside down). */
  quarterTurns: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  /** Page points → media points (1 = real size). */
  scale: z.number(),
});
export type FittedPage = z.infer<typeof FittedPageSchema>;

/** A label document as it will print through a profile: the fitted PDF and what each of its pages holds. */
export const FittedDocumentSchema = z.object({
  profileId: z.string(),
  profileName: z.string(),
  /** The fitted PDF (media-sized pages), base64. */
  base64: z.string(),
  pages: z.array(FittedPageSchema),
});
export type FittedDocument = z.infer<typeof FittedDocumentSchema>;

export const PrinterStateSchema = z.enum(['idle', 'printing', 'paused', 'unknown']);
export type PrinterState = z.infer<typeof PrinterStateSchema>;

export const PrinterSchema = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  state: PrinterStateSchema,
  /** False when the queue refuses new jobs; null when the platform does not say. */
  accepting: z.boolean().nullable(),
  /** The platform's own words about the state (e.g. why it is paused), if any. */
  message: z.string().nullable(),
});
export type Printer = z.infer<typeof PrinterSchema>;

export const DOCUMENT_FORMATS = ['pdf', 'png'] as const;
export const DocumentFormatSchema = z.enum(DOCUMENT_FORMATS);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

/** Why a print request failed, so the workflow can record it and the screen can say what to do. */
export const PRINT_FAILURE_REASONS = [
  'printer-not-found', // the queue is gone or was never there
  'no-default-printer', // the profile says "system default" and there is none
  'queue-paused', // the queue exists but is stopped/disabled
  'queue-rejecting', // the queue refuses new jobs
  'connection-refused', // network printer: nothing listens on the port
  'unreachable', // network printer: the host cannot be found or reached
  'timed-out', // the printer or spooler did not answer in time
  'spooler-unavailable', // CUPS / Windows spooler not running
  'spooler-error', // the spooler refused the job for another reason
  'printer-fault', // a network printer took the job but reports a fault (paper out…): it holds the label until fixed
  'bad-document', // the label document is unreadable
  'unsupported', // the mode does not exist on this platform
] as const;
export const PrintFailureReasonSchema = z.enum(PRINT_FAILURE_REASONS);
export type PrintFailureReason = z.infer<typeof PrintFailureReasonSchema>;

const OutcomeCommon = {
  profileId: z.string(),
  mode: PrintModeSchema,
  /** Queue name, "system default", or host:port. */
  target: z.string(),
  pages: z.number().int().min(0),
  copies: z.number().int().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
};

export const PrintSentSchema = z.object({
  ...OutcomeCommon,
  status: z.literal('sent'),
  /** The spooler's job id (e.g. `Zebra-42`); null for TCP 9100 and Windows. */
  jobId: z.string().nullable(),
  bytesSent: z.number().int().min(0),
  /** True when the printer itself reported the label printed (its label counter, or its buffer emptying); absent: only "sent". */
  confirmed: z.boolean().optional(),
});
export type PrintSent = z.infer<typeof PrintSentSchema>;

export const PrintFailedSchema = z.object({
  ...OutcomeCommon,
  status: z.literal('failed'),
  code: z.enum(['PRINTER', 'DOCUMENT', 'UNAVAILABLE']),
  reason: PrintFailureReasonSchema,
  /** Says what happened and what to do; the label itself stays saved for a reprint. */
  message: z.string(),
});
export type PrintFailed = z.infer<typeof PrintFailedSchema>;

export const PrintOutcomeSchema = z.discriminatedUnion('status', [PrintSentSchema, PrintFailedSchema]);
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;
