/**
 * End of day (issue 13): the per-courier handover list a driver signs (labels
 * created in a range, voided ones left out: parcels, weight, each tracking
 * number) and the per-packer count for a shift, as the screen shows them and
 * as documents (PDF to print or save, CSV for the office).
 */
import { z } from 'zod';

/** The longest range one report covers: a year of labels is still one list; longer is a mistake. */
export const MAX_END_OF_DAY_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const RangeFields = {
  /** ISO 8601 times, half-open [from, to): a day, a shift, or any span. */
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
};
const rangeOk = (a: { from: string; to: string }) => Date.parse(a.to) > Date.parse(a.from);
const rangeShort = (a: { from: string; to: string }) => Date.parse(a.to) - Date.parse(a.from) <= MAX_END_OF_DAY_RANGE_DAYS * DAY_MS;
const RANGE_ORDER = { message: 'The end of the range must be after its start.', path: ['to'] };
const RANGE_LENGTH = { message: `Choose a range of at most ${MAX_END_OF_DAY_RANGE_DAYS} days.`, path: ['from'] };

export const EndOfDayRangeSchema = z.object(RangeFields).strict().refine(rangeOk, RANGE_ORDER).refine(rangeShort, RANGE_LENGTH);

export const END_OF_DAY_DOCUMENTS = ['handover', 'packers'] as const;
export const END_OF_DAY_PAPERS = ['A4', 'Letter', '4x6in'] as const;

export const EndOfDayDocumentArgsSchema = z
  .object({
    ...RangeFields,
    document: z.enum(END_OF_DAY_DOCUMENTS),
    format: z.enum(['pdf', 'csv']),
    paper: z.enum(END_OF_DAY_PAPERS).default('A4'),
  })
  .strict()
  .refine(rangeOk, RANGE_ORDER)
  .refine(rangeShort, RANGE_LENGTH);

export const EndOfDayPrintArgsSchema = z
  .object({ ...RangeFields, document: z.enum(END_OF_DAY_DOCUMENTS) })
  .strict()
  .refine(rangeOk, RANGE_ORDER)
  .refine(rangeShort, RANGE_LENGTH);

const HandoverLabelSchema = z.object({
  trackingNumber: z.string(),
  orderNumber: z.string().nullable(),
  parcels: z.number().int(),
  weightKg: z.number(),
  createdAt: z.string(),
  packer: z.string().nullable(),
});

const TotalsSchema = z.object({ labels: z.number().int(), parcels: z.number().int(), weightKg: z.number() });

export const EndOfDayViewSchema = z.object({
  station: z.string(),
  from: z.string(),
  to: z.string(),
  couriers: z.array(
    z.object({ courierCode: z.string(), courierName: z.string(), labels: z.array(HandoverLabelSchema), totals: TotalsSchema }),
  ),
  packers: z.array(
    z.object({
      /** null: labels made while nobody was on duty. */
      packer: z.string().nullable(),
      labels: z.number().int(),
      voided: z.number().int(),
      parcels: z.number().int(),
      weightKg: z.number(),
      firstAt: z.string(),
      lastAt: z.string(),
    }),
  ),
  totals: TotalsSchema.extend({ voided: z.number().int() }),
});
export type EndOfDayView = z.infer<typeof EndOfDayViewSchema>;

export const EndOfDayFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

export const EndOfDayPrintedSchema = z.object({
  /** Where it went: the report profile, or the label profile standing in when no profile takes reports. */
  profileName: z.string(),
  fallback: z.boolean(),
  printed: z.boolean(),
  message: z.string().nullable(),
});
