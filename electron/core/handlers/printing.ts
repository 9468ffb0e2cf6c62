import { StationFailure } from '../../../shared/result';
import type { Handlers } from '../invoke';
import type { PrintProfiles } from '../printing/profiles';
import type { PrintService } from '../printing/print-service';

export interface PrintingHandlerDeps {
  service: Pick<PrintService, 'listPrinters' | 'testPrint'>;
  profiles: PrintProfiles;
}

export function printingHandlers(
  deps: PrintingHandlerDeps,
): Pick<Handlers, 'printers:list' | 'printers:testPrint' | 'printProfiles:list' | 'printProfiles:save' | 'printProfiles:delete'> {
  return {
    'printers:list': () => deps.service.listPrinters(),
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
