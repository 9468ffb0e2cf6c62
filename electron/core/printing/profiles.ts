/**
 * The packer's print profiles, kept in the station settings. Profiles are
 * re-validated when read back (a hand-edited settings file must not reach a
 * printer), and there is always a default while any profile exists.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_PRINT_PROFILE,
  PrintProfileDraftSchema,
  PrintProfileSchema,
  type PrintProfile,
  type PrintProfileDraft,
  type PrintProfilesView,
  type Printer,
} from '../../../shared/domain/printing';
import { StationFailure } from '../../../shared/result';
import type { StationSettings } from '../settings/types';
import type { Logger } from '../util/log';
import { labelProfile, routingTable } from './routing';

/** The slice of the settings store profiles live in (SettingsStore satisfies it). */
export interface ProfileSettings {
  get(): Pick<StationSettings, 'printProfiles' | 'defaultPrintProfileId'>;
  update(patch: Partial<Pick<StationSettings, 'printProfiles' | 'defaultPrintProfileId'>>): unknown;
}

/** Queue names that say "label printer" (Zebra, ZDesigner, DYMO, Rollo, TSC, Brother QL…), preferred among several. */
const LABEL_PRINTER_NAME =
  /zebra|zdesigner|\bz[dt]\d|\bgk4|\bgx4|label|thermal|dymo|rollo|\btsc\b|\bql-|munbyn|arkscan|honeywell|intermec|datamax|sato|4x6/i;

/**
 * The queue a fresh station's label profile should name: the system
 * default if there is one, else the only ready queue, else the first ready
 * one that looks like a label printer, else the first ready one. Null when
 * nothing is ready (the set-up checklist then asks for a printer).
 */
export function chooseLabelQueue(printers: readonly Printer[]): string | null {
  const fallback = printers.find((p) => p.isDefault);
  if (fallback) return fallback.name;
  const ready = printers.filter((p) => p.state !== 'paused' && p.accepting !== false);
  return (ready.find((p) => LABEL_PRINTER_NAME.test(p.name)) ?? ready[0])?.name ?? null;
}

export class PrintProfiles {
  readonly #settings: ProfileSettings;
  readonly #log: Logger;
  readonly #newId: () => string;

  constructor(settings: ProfileSettings, log: Logger, newId: () => string = randomUUID) {
    this.#settings = settings;
    this.#log = log;
    this.#newId = newId;
  }

  list(): PrintProfilesView {
    const stored = this.#settings.get();
    const profiles: PrintProfile[] = [];
    for (const raw of stored.printProfiles ?? []) {
      const parsed = PrintProfileSchema.safeParse(raw);
      if (parsed.success) profiles.push(parsed.data);
      else this.#log.warn('ignored an unreadable print profile in the settings', { issues: parsed.error.issues.slice(0, 3) });
    }
    const wanted = stored.defaultPrintProfileId;
    const list = { profiles, defaultProfileId: profiles.some((p) => p.id === wanted) ? wanted : (profiles[0]?.id ?? null) };
    // The default is the label profile: a default saved on a profile that prints something else yields to one that prints labels.
    return { profiles, defaultProfileId: labelProfile(list)?.id ?? null, routes: routingTable(list) };
  }

  /** The named profile, or the label profile (the default) when no id is given. */
  get(profileId?: string | null): PrintProfile {
    const view = this.list();
    const id = profileId ?? view.defaultProfileId;
    const profile = view.profiles.find((p) => p.id === id);
    if (!profile) {
      throw new StationFailure(
        'NOT_FOUND',
        id === null
          ? 'No print profile is set up. Add one under Printers, then print again.'
          : 'That print profile no longer exists. Choose another profile under Printers.',
      );
    }
    return profile;
  }

  /**
   * First launch: the profile a fresh station starts with says "system default", which on a bench without one
   * would print nowhere. It is pointed at a real queue (chooseLabelQueue) the first time printers are listed;
   * a profile the packer saved is never touched. Returns the profile when it changed.
   */
  adoptQueue(printers: readonly Printer[]): PrintProfile | null {
    const fresh = this.list().profiles.find((p) => p.id === DEFAULT_PRINT_PROFILE.id);
    if (!fresh || fresh.mode === 'zpl-network' || fresh.printer !== null) return null;
    const queue = chooseLabelQueue(printers);
    if (queue === null) return null;
    const view = this.save({ ...fresh, printer: queue });
    this.#log.info('the label profile now names a real queue', { queue });
    return view.profiles.find((p) => p.id === fresh.id) ?? null;
  }

  save(draft: PrintProfileDraft, makeDefault = false): PrintProfilesView {
    const parsed = PrintProfileDraftSchema.parse(draft);
    const view = this.list();
    const profile = PrintProfileSchema.parse({ ...parsed, id: parsed.id ?? this.#newId() });
    const index = view.profiles.findIndex((p) => p.id === profile.id);
    if (parsed.id !== undefined && index < 0) {
      throw new StationFailure('NOT_FOUND', 'That print profile was deleted meanwhile. Save it again as a new profile.');
    }
    const profiles = index < 0 ? [...view.profiles, profile] : view.profiles.map((p, i) => (i === index ? profile : p));
    const defaultPrintProfileId = makeDefault || view.defaultProfileId === null ? profile.id : view.defaultProfileId;
    this.#settings.update({ printProfiles: profiles, defaultPrintProfileId });
    return this.list();
  }

  delete(profileId: string): PrintProfilesView {
    const view = this.list();
    if (!view.profiles.some((p) => p.id === profileId)) {
      throw new StationFailure('NOT_FOUND', 'That print profile does not exist any more.');
    }
    if (view.profiles.length === 1) {
      throw new StationFailure('CONFLICT', 'Keep at least one print profile: change this one instead of deleting it.');
    }
    const profiles = view.profiles.filter((p) => p.id !== profileId);
    const defaultPrintProfileId = view.defaultProfileId === profileId ? profiles[0]!.id : view.defaultProfileId;
    this.#settings.update({ printProfiles: profiles, defaultPrintProfileId });
    return this.list();
  }
}
