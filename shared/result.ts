import { z } from 'zod';

/**
 * Every contract call answers with a Result: the renderer never sees a thrown
 * error, only a code it can branch on and a message a packer can act on.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT', // the caller sent something the contract does not accept
  'VALIDATION', // the Flex Forward API refused the request body (400); `fields` says where
  'UNAUTHORIZED', // API token missing or wrong (401)
  'FORBIDDEN', // the resource belongs to another account (403)
  'NOT_FOUND', // no such label / shipment / printer
  'COURIER_REJECTED', // the courier refused the label; it is kept as a failed label
  'UPSTREAM', // the API answered 5xx or with a body we cannot read
  'NETWORK', // no connection to the API
  'TIMEOUT', // the API did not answer in time
  'RATE_LIMITED', // the API said slow down
  'PRINTER', // the printer or queue refused the job
  'PRINTER_NOT_READY', // nothing was bought: the label printer reports a fault; `labels:create` again with confirm.printLater to buy anyway
  'DOCUMENT', // a label document is unreadable (not a PDF/PNG, truncated, empty)
  'CONFLICT', // the action does not fit the current state (e.g. retry of a created label)
  'DUPLICATE_ORDER', // nothing was bought: the order already has a label (`existing` names it); `labels:create` again with confirm.duplicateOrder to buy another
  'NOT_READY', // an order lacks what its label needs; `fields` names each missing field and what to do
  'DISK_FULL', // the disk holding the station's data is full: nothing was lost; free space there, then try again
  'READ_ONLY', // the station may not write its data folder (permissions, read-only disk): nothing was written
  'DATABASE_UNREACHABLE', // warehouse mode: the site's database cannot be reached; nothing was bought that is not saved, nothing is lost; the station retries by itself
  'UNAVAILABLE', // the feature is not available in this mode or on this platform
  'INTERNAL', // a bug: logged with context, shown with a generic message
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldErrorSchema = z.object({
  /** Dotted path into the create-label request, e.g. `shipment.shipTo.address.postalCode`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The label already made for an order (DUPLICATE_ORDER): what the packer is asked about. */
export const ExistingLabelSchema = z.object({
  shipmentId: z.string(),
  orderNumber: z.string(),
  trackingNumber: z.string().nullable(),
});
export type ExistingLabel = z.infer<typeof ExistingLabelSchema>;

export const StationErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(FieldErrorSchema).optional(),
  existing: ExistingLabelSchema.optional(),
});
export type StationError = z.infer<typeof StationErrorSchema>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: StationError };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, fields?: FieldError[], existing?: ExistingLabel): Err => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}), ...(existing ? { existing } : {}) },
});

/**
 * Thrown inside the main process by services and handlers; the one invoke
 * wrapper turns it into an `Err`. Anything else thrown becomes INTERNAL.
 */
export class StationFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  /** DUPLICATE_ORDER: the label the order already has. */
  readonly existing: ExistingLabel | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldError[], options?: { cause?: unknown; existing?: ExistingLabel }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'StationFailure';
    this.code = code;
    this.fields = fields;
    this.existing = options?.existing;
  }
}
