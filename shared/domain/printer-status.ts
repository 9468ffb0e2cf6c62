import { z } from 'zod';

/**
 * What the label printer says about itself, from whichever source it has:
 * a network Zebra's `~HQES`/`~HS`, CUPS's printer state and
 * `printer-state-reasons`, or the Windows spooler's queue status.
 *
 * `faults` stop a label from being bought without the packer's say-so;
 * `warnings` are shown but print; `busy` means a job is on its way (the
 * printer is not asked while one is, so its last answer stands).
 */
export const PRINTER_FAULTS = [
  'paper-out', // media empty
  'ribbon-out',
  'head-open', // print head or media cover open
  'door-open', // a door/cover the platform names separately
  'jammed',
  'paused', // the printer itself is paused (feed button, ~PP)
  'head-too-hot',
  'buffer-full',
  'stopped', // the queue is stopped (cupsdisable, Windows "paused" queue)
  'rejecting', // the queue refuses new jobs (cupsreject)
  'offline',
  'not-found', // no such queue
  'no-default', // the profile says "system default" and there is none
  'not-responding', // a network printer that took the connection but did not answer in time
  'unreachable', // nothing answers at the address (refused, no route, unknown host)
  'spooler-down', // CUPS / the Windows spooler is not running
  'other', // a fault without a name of its own (cutter fault, motor too hot…): `detail` has the printer's words
] as const;
export const PrinterFaultSchema = z.enum(PRINTER_FAULTS);
export type PrinterFault = z.infer<typeof PrinterFaultSchema>;

export const PRINTER_WARNINGS = ['paper-low', 'ribbon-low', 'clean-head', 'calibrate', 'other'] as const;
export const PrinterWarningSchema = z.enum(PRINTER_WARNINGS);
export type PrinterWarning = z.infer<typeof PrinterWarningSchema>;

/** Where the answer came from (the Printers screen says it; `none` when nothing could be asked). */
export const PrinterStatusSourceSchema = z.enum(['zebra', 'cups', 'windows', 'none']);

export const PrinterStatusSchema = z.object({
  /** Queue name or host:port; null when the profile names the system default and there is none. */
  target: z.string().nullable(),
  /** `ready` prints now; `fault` does not; `unknown` the platform gives no state (printing is still tried). */
  level: z.enum(['ready', 'warning', 'fault', 'unknown']),
  faults: z.array(PrinterFaultSchema),
  warnings: z.array(PrinterWarningSchema),
  /** A job to this printer is in flight (or it reports one printing). */
  busy: z.boolean(),
  /** The platform's own words (printer-state-message, Zebra's flag names), for the detail line. */
  detail: z.string().nullable(),
  source: PrinterStatusSourceSchema,
  checkedAt: z.string(),
});
export type PrinterStatus = z.infer<typeof PrinterStatusSchema>;

/** `printers:status`: the printer behind a profile (the default profile when none is named). */
export const PrinterStatusViewSchema = z.object({
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  /** The profile labels print to (the status bar follows only this one). */
  isDefault: z.boolean(),
  status: PrinterStatusSchema,
});
export type PrinterStatusView = z.infer<typeof PrinterStatusViewSchema>;

/** The level implied by a set of conditions. */
export function levelOf(faults: readonly PrinterFault[], warnings: readonly PrinterWarning[]): PrinterStatus['level'] {
  return faults.length > 0 ? 'fault' : warnings.length > 0 ? 'warning' : 'ready';
}
