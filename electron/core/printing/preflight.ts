/**
 * The one check before a label is bought (design §2 "Create a label"): can
 * the label printer print it now? The printer must exist, its queue must be
 * running and accepting, and it must report no fault (paper out, head open,
 * not responding…). A printer the platform says nothing about ("unknown")
 * passes: printing is tried and its outcome recorded.
 *
 * Every path that buys labels (Create label, the pack screen, waves) goes
 * through the label workflow, which calls this unless the packer said
 * "buy now, print later".
 */
import type { PrinterFault, PrinterStatus } from '../../../shared/domain/printer-status';
import type { PrintProfile } from '../../../shared/domain/printing';
import type { Language } from '../../../shared/domain/settings';
import { translate } from '../../../shared/i18n';
import type { PrinterStatusService } from './status/printer-status';

export interface PreflightResult {
  ok: boolean;
  status: PrinterStatus;
  /** One sentence saying what is wrong and one instruction; null when ok. */
  message: string | null;
}

/** The fault a packer should deal with first when several stand. */
const FAULT_ORDER: readonly PrinterFault[] = [
  'spooler-down',
  'no-default',
  'not-found',
  'unreachable',
  'not-responding',
  'offline',
  'stopped',
  'rejecting',
  'head-open',
  'door-open',
  'paper-out',
  'ribbon-out',
  'jammed',
  'head-too-hot',
  'paused',
  'buffer-full',
  'other',
];

export function firstFault(faults: readonly PrinterFault[]): PrinterFault | null {
  return FAULT_ORDER.find((f) => faults.includes(f)) ?? faults[0] ?? null;
}

/** "Zebra_ZD421: out of labels. Load labels into the printer." */
export function notReadyMessage(status: PrinterStatus, profileName: string, language: Language): string {
  const fault = firstFault(status.faults) ?? 'other';
  const name = status.target ?? profileName;
  return translate(language, 'printerStatus.notReady', {
    name,
    problem: translate(language, `printerStatus.faults.${fault}`),
    action: translate(language, `printerStatus.actions.${fault}`),
  });
}

export async function preflight(profile: PrintProfile, statuses: PrinterStatusService, language: Language): Promise<PreflightResult> {
  // Behind a job in flight to the same printer, not beside it: the answer then describes the printer as it is now.
  const status = await statuses.check(profile, { whenBusy: 'wait' });
  if (status.level !== 'fault') return { ok: true, status, message: null };
  return { ok: false, status, message: notReadyMessage(status, profile.name, language) };
}
