import type { PrinterStatusView } from '../../../shared/domain/printer-status';
import { StationFailure } from '../../../shared/result';
import type { Handlers } from '../invoke';
import type { PrintProfiles } from '../printing/profiles';
import type { PrintService } from '../printing/print-service';

export interface PrintingHandlerDeps {
  service: Pick<PrintService, 'listPrinters' | 'testPrint' | 'status'>;
  profiles: PrintProfiles;
  now: () => number;
}

/** A bench with no queue at all is asked again for one at most this often (listing printers runs lpstat twice). */
export const ADOPT_RETRY_MS = 10_000;

/** When the label profile was last pointed at a real queue, and the attempt under way (concurrent calls share it). */
export interface Adoption {
  lastTriedAt: number;
  pending: Promise<void> | null;
}

/** The default profile's printer, pointed at a real queue first if it still says "system default" (first launch). */
export async function labelPrinterStatus(
  deps: PrintingHandlerDeps,
  profileId?: string,
  adoption: Adoption = { lastTriedAt: -Infinity, pending: null },
): Promise<PrinterStatusView> {
  let profile;
  try {
    profile = deps.profiles.get(profileId ?? null);
  } catch {
    const status = {
      target: null,
      level: 'fault' as const,
      faults: ['no-default' as const],
      warnings: [],
      busy: false,
      detail: null,
      source: 'none' as const,
      checkedAt: new Date(deps.now()).toISOString(),
    };
    return { profileId: null, profileName: null, isDefault: true, status };
  }
  if (profile.mode !== 'zpl-network' && profile.printer === null) {
    if (!adoption.pending && deps.now() - adoption.lastTriedAt >= ADOPT_RETRY_MS) {
      adoption.lastTriedAt = deps.now();
      adoption.pending = deps.service
        .listPrinters()
        .catch(() => [])
        .then((printers) => void deps.profiles.adoptQueue(printers))
        .finally(() => (adoption.pending = null));
    }
    await adoption.pending;
    // Read it back: the queue may have been adopted by this call or one beside it.
    profile = deps.profiles.get(profile.id);
  }
  const status = await deps.service.status.check(profile, { whenBusy: 'skip' });
  return { profileId: profile.id, profileName: profile.name, isDefault: deps.profiles.list().defaultProfileId === profile.id, status };
}

export function printingHandlers(
  deps: PrintingHandlerDeps,
): Pick<
  Handlers,
  'printers:list' | 'printers:status' | 'printers:testPrint' | 'printProfiles:list' | 'printProfiles:save' | 'printProfiles:delete'
> {
  const adoption: Adoption = { lastTriedAt: -Infinity, pending: null };
  return {
    'printers:list': async () => {
      const printers = await deps.service.listPrinters();
      deps.profiles.adoptQueue(printers);
      return printers;
    },
    'printers:status': async (args) => labelPrinterStatus(deps, args?.profileId, adoption),
    'printers:testPrint': async ({ profileId }) => {
      const outcome = await deps.service.testPrint(deps.profiles.get(profileId));
      if (outcome.status === 'failed') throw new StationFailure(outcome.code, outcome.message);
      return outcome;
    },
    'printProfiles:list': async () => deps.profiles.list(),
    'printProfiles:save': async ({ profile, makeDefault }) => deps.profiles.save(profile, makeDefault),
    'printProfiles:delete': async ({ profileId }) => deps.profiles.delete(profileId),
  };
}
