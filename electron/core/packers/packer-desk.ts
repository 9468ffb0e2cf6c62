/**
 * The packers and who is on duty at this station (issue 13).
 *
 * The list is the site's (the database: every bench of a warehouse knows the
 * same people); who is on duty is this station's own setting, so two benches
 * have two packers. A packer starts a shift by being picked from the list or
 * by scanning their badge, and the next badge scanned takes over in one scan.
 * Retiring a packer keeps them in the history; a retired badge is refused.
 */
import { randomUUID } from 'node:crypto';
import {
  BadgeCodeSchema,
  MAX_PACKERS,
  type Packer,
  type PackerDraft,
  PackerDraftSchema,
  type PackersView,
} from '../../../shared/domain/packers';
import { StationFailure } from '../../../shared/result';
import {
  countPackers,
  findPackerByBadge,
  getPacker,
  insertPacker,
  listPackers,
  setPackerRetired,
  updatePacker,
} from '../db/queries/packers';
import type { WritableDb } from '../db/types';
import type { AuditRecorder } from '../audit/audit-log';
import type { SettingsStore } from '../settings/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';

/** Badge codes the station hands out when none is given: 0001, 0002… */
const AUTO_BADGE_DIGITS = 4;

/** What the desk tells the audit log (./audit: packers added, renamed, retired; shifts started and ended). */
export type PackerChange =
  | { kind: 'added' | 'renamed' | 'retired' | 'restored'; packer: Packer; before?: Packer }
  | { kind: 'on-duty'; packer: Packer | null; before: Packer | null; by: 'list' | 'badge' };

export interface PackerDeskDeps {
  db: WritableDb;
  clock: Clock;
  /** This station's settings: `packerOnDutyId` lives there. */
  settings: SettingsStore;
  logger: Logger;
  /** Told after every change (the status bar). */
  onChanged?: (view: PackersView, change: PackerChange) => void | Promise<void>;
  /** The audit log: packers added, renamed, retired (setting-change) and shifts started or ended (shift). */
  audit?: AuditRecorder;
  newId?: () => string;
}

export class PackerDesk {
  readonly #d: PackerDeskDeps & { newId: () => string };
  /** The packer on duty, kept in memory so the audit log can name them inside anyone's transaction. */
  #current: Packer | null = null;

  constructor(deps: PackerDeskDeps) {
    this.#d = { newId: randomUUID, ...deps };
  }

  /** Reads who is on duty (start-up). */
  async load(): Promise<void> {
    this.#current = await this.onDuty();
  }

  /** The packer on duty as last read or set here (no database read). */
  current(): Packer | null {
    return this.#current;
  }

  async view(): Promise<PackersView> {
    return { packers: await listPackers(this.#d.db), onDuty: await this.onDuty() };
  }

  /** The packer on duty here, or null (nobody chosen, or the one chosen was retired since). */
  async onDuty(): Promise<Packer | null> {
    const id = this.#d.settings.get().packerOnDutyId;
    const packer = id === null ? undefined : await getPacker(this.#d.db, id);
    this.#current = packer && !packer.retired ? packer : null;
    return this.#current;
  }

  /** Adds a packer (no id) or renames one / changes their badge. Names are unique among active packers, badges among all. */
  async save(input: PackerDraft): Promise<PackersView> {
    const draft = PackerDraftSchema.parse(input);
    const all = await listPackers(this.#d.db);
    const before = draft.id ? all.find((p) => p.id === draft.id) : undefined;
    if (draft.id && !before)
      throw new StationFailure('NOT_FOUND', 'This packer is not in the list any more. Reload the list and try again.');
    if (!before && all.length >= MAX_PACKERS) {
      throw new StationFailure('CONFLICT', `The list holds at most ${MAX_PACKERS} packers. Nothing was added.`);
    }
    const name = draft.name;
    const sameName = all.find((p) => p.id !== draft.id && !p.retired && p.name.toLowerCase() === name.toLowerCase());
    if (sameName) {
      throw new StationFailure('CONFLICT', `${sameName.name} is already in the list. Give this packer a name people can tell apart.`, [
        { field: 'name', message: 'Another active packer has this name.' },
      ]);
    }
    const badge = draft.badge ?? before?.badge ?? this.#nextBadge(all);
    const sameBadge = all.find((p) => p.id !== draft.id && p.badge === badge);
    if (sameBadge) {
      throw new StationFailure(
        'CONFLICT',
        `Badge ${badge} belongs to ${sameBadge.name}${sameBadge.retired ? ' (retired)' : ''}. Give this packer another code.`,
        [{ field: 'badge', message: 'This badge code is taken.' }],
      );
    }
    const at = this.#d.clock.now();
    const id = before?.id ?? this.#d.newId();
    if (before) await updatePacker(this.#d.db, { id, name, badge }, at);
    else await insertPacker(this.#d.db, { id, name, badge }, at);
    const packer = (await getPacker(this.#d.db, id))!;
    this.#d.logger.info(before ? 'packer changed' : 'packer added', { id, badge });
    return this.#changed(before ? { kind: 'renamed', packer, before } : { kind: 'added', packer });
  }

  /** Retires a packer (kept for the history; off duty everywhere they are) or brings one back. */
  async setRetired(id: string, retired: boolean): Promise<PackersView> {
    const before = await getPacker(this.#d.db, id);
    if (!before) throw new StationFailure('NOT_FOUND', 'This packer is not in the list any more. Reload the list and try again.');
    if (before.retired === retired) return this.view();
    if (!retired) {
      const all = await listPackers(this.#d.db);
      const sameName = all.find((p) => p.id !== id && !p.retired && p.name.toLowerCase() === before.name.toLowerCase());
      if (sameName) {
        throw new StationFailure(
          'CONFLICT',
          `${sameName.name} is already an active packer. Rename one of them before bringing this one back.`,
        );
      }
    }
    const onDutyBefore = await this.onDuty();
    const at = this.#d.clock.now();
    await setPackerRetired(this.#d.db, id, retired ? at : null, at);
    if (retired && this.#d.settings.get().packerOnDutyId === id) this.#d.settings.update({ packerOnDutyId: null });
    const packer = (await getPacker(this.#d.db, id))!;
    this.#d.logger.info(retired ? 'packer retired' : 'packer brought back', { id });
    const view = await this.#changed({ kind: retired ? 'retired' : 'restored', packer, before });
    if (retired && onDutyBefore?.id === id) {
      const ended: PackerChange = { kind: 'on-duty', packer: null, before: onDutyBefore, by: 'list' };
      await this.#audit(ended);
      await this.#d.onChanged?.(view, ended);
    }
    return view;
  }

  /** Starts a shift (a packer from the list) or ends it (null). */
  async setOnDuty(id: string | null, by: 'list' | 'badge' = 'list'): Promise<PackersView> {
    const before = await this.onDuty();
    let packer: Packer | null = null;
    if (id !== null) {
      const found = await getPacker(this.#d.db, id);
      if (!found) throw new StationFailure('NOT_FOUND', 'This packer is not in the list any more. Reload the list and pick again.');
      if (found.retired) throw new StationFailure('CONFLICT', `${found.name} is retired. Bring them back in Settings › Packers first.`);
      packer = found;
    }
    if ((before?.id ?? null) === (packer?.id ?? null) && this.#d.settings.get().packerOnDutyId === (packer?.id ?? null)) return this.view();
    this.#d.settings.update({ packerOnDutyId: packer?.id ?? null });
    this.#d.logger.info(packer ? 'packer on duty' : 'nobody on duty', { id: packer?.id ?? null, by });
    return this.#changed({ kind: 'on-duty', packer, before, by });
  }

  /**
   * A scanned badge code: that packer goes on duty. An unknown or retired badge is refused with what to do,
   * and whoever was on duty stays.
   */
  async scanBadge(code: string): Promise<Packer> {
    const parsed = BadgeCodeSchema.safeParse(code);
    const packer = parsed.success ? await findPackerByBadge(this.#d.db, parsed.data) : undefined;
    if (!packer) {
      throw new StationFailure(
        'NOT_FOUND',
        `No packer has badge ${code}. Add them in Settings › Packers (or check the badge); the packer on duty did not change.`,
      );
    }
    if (packer.retired) {
      throw new StationFailure(
        'CONFLICT',
        `Badge ${packer.badge} is ${packer.name}'s, who is retired. Bring them back in Settings › Packers; the packer on duty did not change.`,
      );
    }
    await this.setOnDuty(packer.id, 'badge');
    return packer;
  }

  /** Active packers for the badge sheet: those named, or all. */
  async forSheet(ids?: readonly string[]): Promise<Packer[]> {
    const active = (await listPackers(this.#d.db)).filter((p) => !p.retired);
    if (!ids) return active;
    const wanted = new Set(ids);
    return active.filter((p) => wanted.has(p.id));
  }

  async count(): Promise<number> {
    return countPackers(this.#d.db);
  }

  #nextBadge(all: readonly Packer[]): string {
    const taken = new Set(all.map((p) => p.badge));
    for (let n = all.length + 1; ; n++) {
      const code = String(n).padStart(AUTO_BADGE_DIGITS, '0');
      if (!taken.has(code)) return code;
    }
  }

  async #changed(change: PackerChange): Promise<PackersView> {
    const view = await this.view();
    await this.#audit(change);
    await this.#d.onChanged?.(view, change);
    return view;
  }

  async #audit(change: PackerChange): Promise<void> {
    const audit = this.#d.audit;
    if (!audit) return;
    if (change.kind === 'on-duty') {
      const detail = change.packer
        ? `${change.packer.name} on duty (${change.by === 'badge' ? `badge ${change.packer.badge}` : 'picked from the list'})${change.before ? `, after ${change.before.name}` : ''}`
        : `nobody on duty${change.before ? ` (${change.before.name} ended the shift)` : ''}`;
      await audit.record({ action: 'shift', reason: change.packer ? change.by : 'ended', detail });
      return;
    }
    const p = change.packer;
    const detail =
      change.kind === 'added'
        ? `packer added: ${p.name}, badge ${p.badge}`
        : change.kind === 'renamed'
          ? `packer changed: ${change.before?.name ?? ''} (badge ${change.before?.badge ?? ''}) is now ${p.name} (badge ${p.badge})`
          : change.kind === 'retired'
            ? `packer retired: ${p.name}, badge ${p.badge}`
            : `packer brought back: ${p.name}, badge ${p.badge}`;
    await audit.record({ action: 'setting-change', reason: 'packers', detail });
  }
}
