/**
 * The station's printing capability, assembled (design rule 17): the print
 * service with its printer-status service, the packer's profiles, and the
 * check before a label is bought. Every fresh printer answer becomes a
 * `printers:status` event, so the status bar follows the check made before
 * a print as well as its own timer.
 */
import type { PrintProfile } from '../../../shared/domain/printing';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/types';
import type { Clock } from '../util/clock';
import type { LoggerFactory } from '../util/log';
import { preflight, type PreflightResult } from './preflight';
import { PrintService } from './print-service';
import { PrintProfiles } from './profiles';
import { execFileRunner, type CommandRunner } from './runner';

export interface PrintingPartsOptions {
  platform: string;
  dataDir: string;
  settings: SettingsStore;
  events: EventBus;
  logger: LoggerFactory;
  clock: Clock;
  run?: CommandRunner;
  cupsServer?: string;
}

export interface PrintingParts {
  service: PrintService;
  profiles: PrintProfiles;
  /** The label workflow's check: the default profile's printer, asked now (behind a job in flight to it). */
  preflight(): Promise<PreflightResult | { ok: false; message: string }>;
}

export function createPrintingParts(options: PrintingPartsOptions): PrintingParts {
  const profiles = new PrintProfiles(options.settings, options.logger('print-profiles'));
  const service = new PrintService({
    run: options.run ?? execFileRunner,
    platform: options.platform,
    logger: options.logger,
    clock: options.clock,
    tempDir: options.dataDir,
    ...(options.cupsServer ? { cups: { server: options.cupsServer } } : {}),
    // A network Zebra says when a label really came out (or that it holds it for a fault).
    network: { confirmJobs: true },
    onStatus: (profile: PrintProfile, status) =>
      options.events.emit('printers:status', {
        profileId: profile.id,
        profileName: profile.name,
        isDefault: profiles.list().defaultProfileId === profile.id,
        status,
      }),
  });
  return {
    service,
    profiles,
    async preflight() {
      let profile: PrintProfile;
      try {
        profile = profiles.get();
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      if (profile.mode !== 'zpl-network' && profile.printer === null) {
        profiles.adoptQueue(await service.listPrinters().catch(() => []));
        profile = profiles.get(profile.id);
      }
      return preflight(profile, service.status, options.settings.get().language ?? 'en');
    },
  };
}
