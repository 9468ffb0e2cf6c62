/**
 * The label printer's state, whatever its kind: a network Zebra is asked
 * with `~HQES`/`~HS` on its line (never while a label to it is in flight),
 * a system queue through the platform's spooler (CUPS or Windows). The last
 * answer per printer is kept so the status bar can show it while a job
 * holds the line.
 */
import type { PrinterStatus } from '../../../../shared/domain/printer-status';
import type { PrintProfile } from '../../../../shared/domain/printing';
import type { Clock } from '../../util/clock';
import type { QueueConditions, SpoolerBackend } from '../backend';
import type { PrinterLines } from './printer-lines';
import { zebraConditions } from './zebra';
import { queryZebra, type ZebraAnswer, type ZebraQueryOptions } from './zebra-query';

export interface PrinterStatusDeps {
  backend: SpoolerBackend;
  /** `cups` or `windows`: which spooler the backend is. */
  spooler: 'cups' | 'windows';
  lines: PrinterLines;
  clock: Clock;
  zebra?: ZebraQueryOptions;
  /** Called with every fresh answer (the station turns it into an event for the status bar). */
  onStatus?: (profile: PrintProfile, status: PrinterStatus) => void;
}

export interface StatusCheckOptions {
  /**
   * `wait` (before a print): queue behind a job in flight and ask after it.
   * `skip` (the status bar's timer): while a job holds the line, answer with the last status, marked busy.
   */
  whenBusy?: 'wait' | 'skip';
}

export function networkKey(host: string, port: number): string {
  return `${host}:${port}`;
}

export function profileTarget(profile: PrintProfile): string | null {
  return profile.mode === 'zpl-network' ? networkKey(profile.host, profile.port) : profile.printer;
}

/** A Zebra's answer (or silence) as a status. */
export function zebraStatus(answer: ZebraAnswer): QueueConditions {
  if (answer.kind === 'not-responding') return { level: 'fault', faults: ['not-responding'], warnings: [], busy: false, detail: null };
  if (answer.kind === 'unreachable') return { level: 'fault', faults: ['unreachable'], warnings: [], busy: false, detail: answer.code };
  return zebraConditions(answer.extended, answer.host);
}

export class PrinterStatusService {
  readonly #d: PrinterStatusDeps;
  readonly #last = new Map<string, PrinterStatus>();

  constructor(deps: PrinterStatusDeps) {
    this.#d = deps;
  }

  /** The last answer for this profile's printer, if it was ever asked. */
  lastKnown(profile: PrintProfile): PrinterStatus | null {
    return this.#last.get(this.#key(profile)) ?? null;
  }

  async check(profile: PrintProfile, options: StatusCheckOptions = {}): Promise<PrinterStatus> {
    const key = this.#key(profile);
    if (profile.mode === 'zpl-network') {
      const line = networkKey(profile.host, profile.port);
      if (options.whenBusy === 'skip' && this.#d.lines.busy(line)) {
        const last = this.#last.get(key);
        return last
          ? { ...last, busy: true }
          : this.#status(line, 'zebra', { level: 'ready', faults: [], warnings: [], busy: true, detail: null }, 'unknown');
      }
      const answer = await this.#d.lines.run(line, 'status', () => queryZebra(profile.host, profile.port, this.#d.zebra));
      return this.#remember(profile, key, this.#status(line, 'zebra', zebraStatus(answer)));
    }
    const report = await this.#d.backend.queueStatus(profile.printer);
    const { name, ...conditions } = report;
    return this.#remember(profile, key, this.#status(name ?? profile.printer, this.#d.spooler, conditions));
  }

  /** Records a status learnt another way (a Zebra's answer right after a job). */
  record(profile: PrintProfile, conditions: QueueConditions): PrinterStatus {
    return this.#remember(profile, this.#key(profile), this.#status(profileTarget(profile), 'zebra', conditions));
  }

  #key(profile: PrintProfile): string {
    return profile.mode === 'zpl-network' ? `net ${networkKey(profile.host, profile.port)}` : `queue ${profile.printer ?? ''}`;
  }

  #status(
    target: string | null,
    source: PrinterStatus['source'],
    c: QueueConditions,
    level: PrinterStatus['level'] = c.level,
  ): PrinterStatus {
    return {
      target,
      level,
      faults: c.faults,
      warnings: c.warnings,
      busy: c.busy,
      detail: c.detail,
      source,
      checkedAt: new Date(this.#d.clock.now()).toISOString(),
    };
  }

  #remember(profile: PrintProfile, key: string, status: PrinterStatus): PrinterStatus {
    this.#last.set(key, status);
    this.#d.onStatus?.(profile, status);
    return status;
  }
}
