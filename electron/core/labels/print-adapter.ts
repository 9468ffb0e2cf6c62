import type { PrintService } from '../printing/print-service';
import type { PrintProfiles } from '../printing/profiles';
import type { LabelPrinter } from './ports';

/** Auto-print and reprint through the print service with the packer's default profile. */
export function printServicePrinter(service: PrintService, profiles: PrintProfiles): LabelPrinter {
  return {
    async print(document, title) {
      let profile;
      try {
        profile = profiles.get();
      } catch (e) {
        // No profile yet: the label is saved and can be reprinted once a printer is set up.
        return { ok: false, printer: null, message: e instanceof Error ? e.message : String(e) };
      }
      const outcome = await service.print(document, profile, { title });
      return outcome.status === 'sent' ? { ok: true, printer: outcome.target } : { ok: false, printer: outcome.target, message: outcome.message };
    },
  };
}
