/**
 * The label workflow (design §2): submitting → created | failed | invalid;
 * created → document_ready → printed | print_failed.
 *
 * Crash safety comes from one rule: a step's outcome is committed before the
 * next step starts, and the label row with its idempotency key is committed
 * before the first request. A restart finds each unfinished row and runs it
 * from its state; replaying POST /labels with the same key returns the label
 * that was already made (200), so a crash at any instant yields neither a
 * duplicate nor a lost label. Printing is the one step that cannot be
 * replayed safely (two physical labels for one parcel): a print cut off by a
 * crash is recorded as interrupted and left for the packer to reprint.
 *
 * Key lifetime is undocumented (reference §9). We resume within minutes
 * (automatic resume) or at the next start, well inside any plausible
 * expiry; a key is never reused for a different body, since the request is
 * stored with its key and a deliberate retry gets a new one.
 */
import { randomUUID } from 'node:crypto';
import type { LabelRequest } from '../../../shared/domain/label-request';
import type { ReprintReason } from '../../../shared/domain/audit';
import type { AuditRecorder } from '../audit/audit-log';
import type { LabelState } from '../../../shared/domain/shipment';
import type { LabelCreateResult, LabelProgress, PrintJobView } from '../../../shared/domain/shipment-detail';
import { StationFailure, type ErrorCode, type ExistingLabel, type FieldError, type StationError } from '../../../shared/result';
import { ApiValidationError, CourierRejectedError } from '../api/errors';
import { getLabel, insertLabel, listUnfinishedLabels, takeOverLabel, updateLabel, type LabelRow } from '../db/queries/labels';
import { finishPrintJob, insertPrintJob, listPrintJobs, markInterruptedPrintJobs } from '../db/queries/print_jobs';
import {
  findLabelForOrder,
  lockOrderNumber,
  getShipment,
  insertShipment,
  setShipmentAttempt,
  setShipmentParty,
  setShipmentRemote,
  touchShipment,
} from '../db/queries/shipments';
import { insertTracking } from '../db/queries/tracking';
import { inTransaction, type WritableDb } from '../db/types';
import { LIVE_POLL_SCHEDULE, type PollSchedule } from '../tracking/schedule';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import { diskFullAdvice, isDatabaseUnreachable, readOnlyAdvice, storageFailure, unreachableAdvice } from '../db/storage-errors';
import { loadDocument, saveDocument } from './document-store';
import type { LabelApi, LabelPrinter } from './ports';

const RESTING: ReadonlySet<LabelState> = new Set(['failed', 'invalid', 'printed', 'print_failed', 'tracked']);

/**
 * A step that failed for a reason that may pass (API down, network gone) is
 * tried again by itself this long after, a few times, then waits for the
 * packer's retry or the next start. The client has already retried within
 * the request (1 → 8 s); this covers an outage of minutes.
 */
export const AUTO_RESUME_DELAY_MS = 60_000;
export const MAX_AUTO_RESUMES = 5;
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set(['UPSTREAM', 'NETWORK', 'TIMEOUT', 'RATE_LIMITED', 'DATABASE_UNREACHABLE']);
type StorageCode = 'DISK_FULL' | 'READ_ONLY' | 'DATABASE_UNREACHABLE';

/** A print whose outcome the database could not take (warehouse database down): kept here until it can. */
interface UnsavedPrint {
  label: LabelRow;
  jobId: number;
  reason: 'auto' | 'reprint';
  why: ReprintReason | null;
  outcome: { ok: true; printer: string | null } | { ok: false; printer: string | null; message: string };
  at: number;
}

export interface LabelWorkflowDeps {
  db: WritableDb;
  /** Where large label documents go as files (SQLite); null keeps every document in its row (PostgreSQL). */
  documentsDir: string | null;
  api: LabelApi;
  printer: LabelPrinter;
  clock: Clock;
  logger: Logger;
  autoPrint: () => boolean;
  /**
   * Can the label printer print now? Asked before a label is bought while auto-print is on; a printer that cannot
   * refuses the label (PRINTER_NOT_READY) unless the packer chose "buy now, print later".
   */
  preflight?: () => Promise<{ ok: boolean; message: string | null }>;
  newId?: () => string;
  random?: () => number;
  /** When tracking first polls a new label (the station injects the one schedule of its endpoint). */
  schedule?: PollSchedule;
  onProgress?: (progress: LabelProgress) => void;
  onChanged?: (shipmentId: string) => void;
  /**
   * The limiter priority of this shipment's requests: a label bought by a wave waits behind the packer's
   * single actions (issue 13); everything else is the packer's own ('user'), the default.
   */
  priorityOf?: (shipmentId: string) => 'user' | 'wave';
  /** The audit log (issue 13): labels created, retries, prints and reprints, each in the transaction that records it. */
  audit?: AuditRecorder;
  /**
   * This station (warehouse mode, issue 15): its label attempts carry its id, and it resumes only its own
   * unfinished labels (and, with `resumesUnowned`, those from before any station claimed them: a SQLite
   * station's own history). Another station's unfinished label is left alone unless taken over (`takeOver`).
   * Absent: a single station that owns everything (tests of the workflow alone).
   */
  station?: { id: string; resumesUnowned: boolean };
  /** Where the data is (the data folder, or the warehouse database), named when its disk is full or read-only. */
  dataLocation?: string;
  /** Stores a fetched label document (tests inject one whose disk fills up). */
  saveDocument?: typeof saveDocument;
}

/** The key is derived from rows written before the request, so a resumed step sends exactly the same one. */
export function idempotencyKeyFor(shipmentId: string, attempt: number): string {
  return `station-${shipmentId}-${attempt}`;
}

function asStationError(e: unknown): StationError {
  if (e instanceof StationFailure)
    return e.fields ? { code: e.code, message: e.message, fields: e.fields } : { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export interface LabelCreateOptions {
  /** Runs in the transaction that saves the shipment and its first attempt, before any request. */
  onSaved?: (tx: WritableDb, shipmentId: string) => Promise<void>;
  /** The packer's say-so: buy the label although the printer cannot print, and leave it unprinted. */
  printLater?: boolean;
  /** The packer's say-so: buy another label for an order number that already has one (DUPLICATE_ORDER otherwise). */
  duplicateOrder?: boolean;
}

/** The order already has a label: nothing is saved or bought, and the answer names that label. */
export function duplicateOrderFailure(existing: ExistingLabel): StationFailure {
  const label = existing.trackingNumber ?? `being made (shipment ${existing.shipmentId})`;
  return new StationFailure(
    'DUPLICATE_ORDER',
    `Order ${existing.orderNumber} already has label ${label}. Nothing was bought; confirm to create another.`,
    undefined,
    { existing },
  );
}

type StorageDeps = { dataLocation: string; saveDocument: typeof saveDocument };

function storageDefaults(deps: LabelWorkflowDeps): StorageDeps {
  return { dataLocation: deps.dataLocation ?? deps.documentsDir ?? 'the station database', saveDocument };
}

/** One line for the audit log: courier, product, parcels and weight. */
function labelSummary(request: LabelRequest, attempt: number): string {
  const parcels = request.shipment.parcels;
  const kg = parcels.reduce((sum, p) => sum + p.weight, 0);
  const product = request.service.productCode ? ` ${request.service.productCode}` : '';
  return `${request.courier}${product}, ${parcels.length} parcel${parcels.length === 1 ? '' : 's'}, ${Number(kg.toFixed(3))} kg${attempt > 1 ? `, attempt ${attempt}` : ''}`;
}

export class LabelWorkflow {
  readonly #d: LabelWorkflowDeps & { newId: () => string; random: () => number; schedule: PollSchedule } & StorageDeps;
  readonly #log: Logger;
  /** One run per shipment at a time (a start-up resume and a packer's retry must not race). */
  readonly #running = new Map<string, Promise<LabelCreateResult>>();
  readonly #autoResumes = new Map<string, { count: number; timer: TimerHandle | null }>();
  /**
   * Labels bought with "print later": they rest at document_ready until the packer reprints them. In memory
   * only, like every unfinished label a restart finds: the next start resumes (prints) it as it would with auto-print.
   */
  readonly #printLater = new Set<string>();
  /**
   * Prints that came out while the warehouse database could not take their outcome, per shipment: recorded when
   * it is back (resumeAll, or the label's next run), so a printed label is not taken for an interrupted one and
   * printed again, nor left as "check the printer". Lost only with the process (then it is interrupted, as after a crash).
   */
  readonly #unsavedPrints = new Map<string, UnsavedPrint>();
  #stopped = false;

  constructor(deps: LabelWorkflowDeps) {
    this.#d = { newId: randomUUID, random: Math.random, schedule: LIVE_POLL_SCHEDULE, ...storageDefaults(deps), ...deps };
    this.#log = deps.logger;
  }

  /**
   * Saves the shipment and its first attempt, then runs it to rest.
   * `onSaved` runs inside the transaction that saves them (an order links
   * itself to its shipment there, so no crash can leave a label without its order).
   * With auto-print on, the printer is checked first and nothing is saved or bought when it cannot print,
   * unless `printLater` (then it is bought, not printed).
   * An order number that already has a label, bought or being bought, is refused (DUPLICATE_ORDER) unless
   * `duplicateOrder`: the check is made again in the transaction that saves the shipment, under a lock on the
   * order number (two stations' first labels for one order at the same instant: one is refused), so every path
   * that makes a label (the form, the scan box, orders:ship, waves) gets it, and what it read is what the new row
   * is saved beside.
   */
  async create(request: LabelRequest, options: LabelCreateOptions = {}): Promise<LabelCreateResult> {
    const orderNumber = request.order?.customerOrderNumber ?? null;
    const guarded = orderNumber !== null && orderNumber !== '' && options.duplicateOrder !== true;
    // Asked first (read only) so the packer is not asked about the printer for a label they will not buy.
    if (guarded) {
      const existing = await findLabelForOrder(this.#d.db, orderNumber).catch((e: unknown) =>
        this.#storageThrow(e, 'The label was not bought, because the station could not check the order first'),
      );
      if (existing) throw duplicateOrderFailure(existing);
    }
    if (this.#d.autoPrint() && !options.printLater && this.#d.preflight) {
      const check = await this.#d.preflight();
      if (!check.ok) {
        this.#log.info('label not bought: the printer cannot print', { message: check.message });
        throw new StationFailure('PRINTER_NOT_READY', check.message ?? 'The label printer cannot print right now.');
      }
    }
    const shipmentId = this.#d.newId();
    const at = this.#d.clock.now();
    const to = request.shipment.shipTo;
    await inTransaction(this.#d.db, async (tx) => {
      if (guarded) {
        await lockOrderNumber(tx, orderNumber);
        const existing = await findLabelForOrder(tx, orderNumber);
        if (existing) throw duplicateOrderFailure(existing);
      }
      await insertShipment(tx, {
        id: shipmentId,
        provider: 'flexforward',
        remoteId: null,
        trackingNumber: null,
        orderNumber: request.order?.customerOrderNumber ?? null,
        recipientName: `${to.contact.firstName} ${to.contact.lastName}`.trim(),
        destination: `${to.address.city}, ${to.address.countryCode}`,
        currentAttempt: 1,
        at,
        stationId: this.#d.station?.id ?? null,
      });
      await this.#insertAttempt(tx, shipmentId, 1, request, at);
      await options.onSaved?.(tx, shipmentId);
    }).catch((e: unknown) => this.#storageThrow(e, 'The label was not bought, because the station could not save it first'));
    if (options.printLater) this.#printLater.add(shipmentId);
    this.#d.onChanged?.(shipmentId);
    return this.#run(shipmentId);
  }

  /**
   * A rejected label gets a new attempt with a new key (replaying the old key
   * would only replay the rejection, gap 5); an unfinished one is resumed.
   */
  async retry(shipmentId: string, corrected?: LabelRequest): Promise<LabelCreateResult> {
    const label = await this.#current(shipmentId);
    // A refused label (the courier's rejection, or the API's 400) is tried again as a new attempt on the same
    // shipment, with a new key: the packer's corrected request when given (what the form holds now), else the
    // stored one. The refused attempt stays in the history.
    if (label.state === 'failed' || label.state === 'invalid') {
      const attempt = label.attempt + 1;
      const stored = JSON.parse(label.requestJson) as LabelRequest & { idempotencyKey?: string };
      delete stored.idempotencyKey;
      const request: LabelRequest = corrected ?? stored;
      const at = this.#d.clock.now();
      const to = request.shipment.shipTo;
      await inTransaction(this.#d.db, async (tx) => {
        await this.#insertAttempt(tx, shipmentId, attempt, request, at);
        await setShipmentAttempt(tx, { id: shipmentId, attempt, at });
        if (corrected) {
          // The list shows what the label is now made for.
          await setShipmentParty(tx, {
            id: shipmentId,
            orderNumber: request.order?.customerOrderNumber ?? null,
            recipientName: `${to.contact.firstName} ${to.contact.lastName}`.trim(),
            destination: `${to.address.city}, ${to.address.countryCode}`,
          });
        }
        await this.#d.audit?.record(
          {
            action: 'retry',
            shipmentId,
            orderNumber: request.order?.customerOrderNumber ?? null,
            reason: label.errorCode,
            detail: `attempt ${attempt} after ${label.errorCode ?? 'a refusal'}${label.errorMessage ? `: ${label.errorMessage}` : ''}`,
          },
          tx,
        );
      }).catch((e: unknown) =>
        this.#storageThrow(e, 'Nothing was sent to Flex Forward, because the station could not save the new attempt'),
      );
      this.#log.info('retrying a rejected label as a new attempt', { shipmentId, attempt });
      this.#d.onChanged?.(shipmentId);
      return this.#run(shipmentId);
    }
    if (!RESTING.has(label.state)) {
      // A label on its way keeps the request its key was sent with: a correction cannot apply to it.
      if (corrected) throw new StationFailure('CONFLICT', 'This label is still being made; wait for its answer before correcting it.');
      return this.#run(shipmentId);
    }
    const why: Partial<Record<LabelState, string>> = {
      print_failed: 'The label exists; use reprint.',
      printed: 'The label was already created and printed.',
    };
    throw new StationFailure('CONFLICT', why[label.state] ?? 'This label is already created.');
  }

  /** Shutdown: no more automatic resumes, and every run in progress finishes (nothing may write after the database closes). */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const entry of this.#autoResumes.values()) if (entry.timer !== null) this.#d.clock.clearTimeout(entry.timer);
    this.#autoResumes.clear();
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Runs every label not at rest, oldest first (start-up). */
  async resumeAll(): Promise<number> {
    await this.#recordUnsavedPrints();
    const station = this.#d.station;
    const rows = await listUnfinishedLabels(this.#d.db, station ? { stationId: station.id, unowned: station.resumesUnowned } : undefined);
    if (rows.length > 0) this.#log.info('resuming unfinished labels', { count: rows.length });
    for (const row of rows) {
      const shipment = await getShipment(this.#d.db, row.shipmentId);
      // Only the current attempt is live; an older unfinished one was superseded.
      if (shipment?.currentAttempt !== row.attempt) continue;
      await this.#run(row.shipmentId);
    }
    return rows.length;
  }

  /** Prints the label again; `reason` goes to the audit log (the packer's pick, or `rescan` for a scan). */
  async reprint(shipmentId: string, reason: ReprintReason | null = null): Promise<PrintJobView> {
    const label = await this.#current(shipmentId);
    if (!['document_ready', 'printed', 'print_failed'].includes(label.state)) {
      throw new StationFailure('CONFLICT', 'There is no label document to print yet.');
    }
    await this.#print(label, 'reprint', reason);
    const job = (await listPrintJobs(this.#d.db, shipmentId))[0]!;
    return {
      id: job.id,
      document: job.document,
      reason: job.reason,
      outcome: job.outcome,
      printer: job.printer,
      error: job.error,
      requestedAt: new Date(job.requestedAt).toISOString(),
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    };
  }

  async #insertAttempt(tx: WritableDb, shipmentId: string, attempt: number, request: LabelRequest, at: number): Promise<void> {
    const idempotencyKey = idempotencyKeyFor(shipmentId, attempt);
    await insertLabel(tx, {
      shipmentId,
      attempt,
      idempotencyKey,
      requestJson: JSON.stringify({ idempotencyKey, ...request }),
      at,
      stationId: this.#d.station?.id ?? null,
    });
  }

  async #current(shipmentId: string): Promise<LabelRow> {
    const shipment = await getShipment(this.#d.db, shipmentId);
    const label = shipment?.currentAttempt ? await getLabel(this.#d.db, shipmentId, shipment.currentAttempt) : undefined;
    if (!label) throw new StationFailure('NOT_FOUND', 'No label for this shipment.');
    return label;
  }

  #run(shipmentId: string): Promise<LabelCreateResult> {
    const existing = this.#running.get(shipmentId);
    if (existing) return existing;
    const run = this.#drive(shipmentId).finally(() => this.#running.delete(shipmentId));
    this.#running.set(shipmentId, run);
    return run;
  }

  /**
   * An admin moves another station's unfinished label to this one (that station is gone for good, say),
   * which then runs it to rest: resumes the request with the same key (no second label is bought) and prints
   * here. Only an unfinished label can move; one at rest is reprinted instead.
   */
  async takeOver(shipmentId: string): Promise<LabelCreateResult> {
    const station = this.#d.station;
    if (!station) throw new StationFailure('UNAVAILABLE', 'Taking a label over needs warehouse mode.');
    const label = await this.#current(shipmentId);
    const moved = await inTransaction(this.#d.db, (tx) =>
      takeOverLabel(tx, { shipmentId, attempt: label.attempt, stationId: station.id, at: this.#d.clock.now() }),
    );
    if (!moved) throw new StationFailure('CONFLICT', 'This label is no longer in progress: it finished meanwhile. Reprint it if needed.');
    this.#log.info('label taken over from another station', { shipmentId, attempt: label.attempt, from: moved.from });
    this.#d.onChanged?.(shipmentId);
    return this.#run(shipmentId);
  }

  /** Another station's unfinished label: this one must not run it (it would print a second one). */
  #ownedElsewhere(label: LabelRow): boolean {
    const station = this.#d.station;
    if (!station || RESTING.has(label.state)) return false;
    return label.stationId === null ? !station.resumesUnowned : label.stationId !== station.id;
  }

  async #drive(shipmentId: string): Promise<LabelCreateResult> {
    let error: StationError | null = null;
    let last: LabelRow | null = null;
    for (;;) {
      let label: LabelRow;
      try {
        label = await this.#current(shipmentId);
      } catch (e) {
        if (!isDatabaseUnreachable(e)) throw e;
        // The database went away between two steps: the label is where the last step left it, saved, and goes on
        // from there when the database is back (resumeAll, or the automatic resume).
        const unreachable = this.#unreachableFault(e, last?.state ?? 'submitting', last?.courierTrackingNumber ?? null, shipmentId);
        if (!this.#stopped) this.#scheduleAutoResume(shipmentId);
        const result: LabelCreateResult = {
          shipmentId,
          state: last?.state ?? 'submitting',
          trackingNumber: last?.courierTrackingNumber ?? null,
          error: asStationError(unreachable),
        };
        this.#progress(shipmentId, 'failed', result.state, unreachable.message);
        return result;
      }
      last = label;
      const state = label.state;
      if (this.#ownedElsewhere(label)) {
        throw new StationFailure(
          'CONFLICT',
          'This label is being made at another station, which finishes and prints it. If that station is gone for good, an admin can take the label over here.',
        );
      }
      const holdPrint = state === 'document_ready' && (!this.#d.autoPrint() || this.#printLater.has(shipmentId));
      if (RESTING.has(state) || error !== null || holdPrint) {
        if (RESTING.has(state)) this.#printLater.delete(shipmentId);
        const result: LabelCreateResult = {
          shipmentId,
          state,
          trackingNumber: label.courierTrackingNumber,
          error: error ?? this.#storedError(label),
        };
        this.#progress(shipmentId, result.error !== null ? 'failed' : 'done', state, result.error?.message ?? null);
        return result;
      }
      try {
        if (state === 'submitting') await this.#submit(label);
        else if (state === 'created') await this.#fetchDocument(label);
        else if (state === 'document_ready') await this.#autoPrint(label);
      } catch (e) {
        // A step that could not finish: the row stays at its state (resumable), with the reason.
        error = asStationError(this.#storageFault(e, label) ?? e);
        this.#log.warn('label step did not finish; it resumes on retry or restart', { shipmentId, state, code: error.code });
        await this.#setError(label, error);
        if (TRANSIENT_CODES.has(error.code)) this.#scheduleAutoResume(shipmentId);
      }
      this.#d.onChanged?.(shipmentId);
    }
  }

  #scheduleAutoResume(shipmentId: string): void {
    if (this.#stopped) return;
    const entry = this.#autoResumes.get(shipmentId) ?? { count: 0, timer: null };
    if (entry.timer !== null || entry.count >= MAX_AUTO_RESUMES) return;
    entry.count += 1;
    entry.timer = this.#d.clock.setTimeout(() => {
      entry.timer = null;
      void this.#run(shipmentId).then((r) => {
        if (r.error === null || !TRANSIENT_CODES.has(r.error.code)) this.#autoResumes.delete(shipmentId);
      });
    }, AUTO_RESUME_DELAY_MS);
    this.#autoResumes.set(shipmentId, entry);
  }

  #storedError(label: LabelRow): StationError | null {
    if (!label.errorCode) return null;
    const e: StationError = { code: label.errorCode as ErrorCode, message: label.errorMessage ?? '' };
    if (label.fieldErrors) e.fields = label.fieldErrors;
    return e;
  }

  async #setError(label: LabelRow, e: StationError): Promise<void> {
    try {
      await updateLabel(this.#d.db, label.shipmentId, label.attempt, {
        state: label.state,
        errorCode: e.code,
        errorMessage: e.message,
        fieldErrors: e.fields ?? null,
        at: this.#d.clock.now(),
      });
    } catch (failed) {
      // A full or read-only disk cannot take the reason either; the caller still gets it, and the row keeps its state.
      if (!storageFailure(failed, this.#d.dataLocation)) throw failed;
      this.#log.warn('the reason a label step stopped could not be saved', { shipmentId: label.shipmentId, code: e.code });
    }
  }

  #advice(code: StorageCode, cause?: unknown): string {
    if (code === 'DATABASE_UNREACHABLE') return unreachableAdvice(cause);
    return code === 'DISK_FULL' ? diskFullAdvice(this.#d.dataLocation) : readOnlyAdvice(this.#d.dataLocation);
  }

  /** Rethrows a write's failure; a full or read-only disk as its coded failure, saying what it means for the label. */
  #storageThrow(e: unknown, what: string): never {
    const fault = storageFailure(e, this.#d.dataLocation);
    if (!fault) throw e;
    const advice = this.#advice(fault.code as StorageCode, e);
    throw new StationFailure(fault.code, `${what}: ${advice}, then try again.`, undefined, { cause: e });
  }

  /**
   * A storage fault in a step, said from the label's side: once Flex Forward has made the label, the packer
   * must know it exists (and that Try again finishes it without buying another), not just that a disk is full.
   */
  #storageFault(e: unknown, label: LabelRow): StationFailure | null {
    if (e instanceof StationFailure) return null; // already said (#createdButUnsaved) or not a storage fault
    if (isDatabaseUnreachable(e)) return this.#unreachableFault(e, label.state, label.courierTrackingNumber, label.shipmentId);
    const fault = storageFailure(e, this.#d.dataLocation);
    if (!fault) return null;
    const code = fault.code as 'DISK_FULL' | 'READ_ONLY';
    if (label.state === 'submitting')
      return new StationFailure(code, `The label could not be saved: ${this.#advice(code)}, then press Try again.`, undefined, {
        cause: e,
      });
    return this.#createdButUnsaved(code, label.courierTrackingNumber, e);
  }

  /**
   * The warehouse database went away during a label, said from the label's side: it was saved before anything was
   * bought, and the station finishes it when the database is back (the same key: never a second label), by itself.
   */
  #unreachableFault(cause: unknown, state: LabelState, trackingNumber: string | null, shipmentId: string): StationFailure {
    const which = trackingNumber ? ` (tracking number ${trackingNumber})` : '';
    const advice = unreachableAdvice(cause);
    const say = (text: string) => new StationFailure('DATABASE_UNREACHABLE', text, undefined, { cause });
    if (state === 'submitting')
      return say(
        `The label is saved, but ${advice}. When the database is back the station finishes it by itself, with the same ` +
          'request (never a second label), and prints it.',
      );
    if (state === 'created')
      return say(
        `Flex Forward created the label${which}, but ${advice}. When the database is back the station saves and prints it ` +
          'by itself; no second label is bought.',
      );
    const unsaved = this.#unsavedPrints.get(shipmentId);
    if (unsaved?.outcome.ok)
      return say(`The label${which} printed, but ${advice}. The print is recorded when the database is back; it is not printed again.`);
    if (unsaved && !unsaved.outcome.ok)
      return say(`The label${which} did not print (${unsaved.outcome.message}), and ${advice}. Reprint it when the database is back.`);
    return say(`The label${which} is made, but ${advice}. It prints when the database is back.`);
  }

  #createdButUnsaved(code: 'DISK_FULL' | 'READ_ONLY', trackingNumber: string | null, cause: unknown): StationFailure {
    const which = trackingNumber ? ` (tracking number ${trackingNumber})` : '';
    return new StationFailure(
      code,
      `Flex Forward created the label${which}, but the station could not save it: ${this.#advice(code)}, ` +
        'then press Try again: the same label is saved and printed, no second one is bought.',
      undefined,
      { cause },
    );
  }

  async #submit(label: LabelRow): Promise<void> {
    this.#progress(label.shipmentId, 'creating', label.state, null);
    const { idempotencyKey, ...request } = JSON.parse(label.requestJson) as LabelRequest & { idempotencyKey: string };
    const db = this.#d.db;
    try {
      const { label: created, replayed } = await this.#d.api.createLabel(request, idempotencyKey, {
        priority: this.#priority(label.shipmentId),
      });
      const at = this.#d.clock.now();
      await inTransaction(db, async (tx) => {
        await updateLabel(tx, label.shipmentId, label.attempt, {
          state: 'created',
          labelId: created.id,
          courierOrderNumber: created.courierOrderNumber,
          courierTrackingNumber: created.courierTrackingNumber,
          at,
        });
        await setShipmentRemote(tx, {
          id: label.shipmentId,
          remoteId: created.id,
          trackingNumber: created.courierTrackingNumber,
          currentAttempt: label.attempt,
          at,
        });
        // Tracking starts the moment the label exists, in the same transaction: it cannot be forgotten.
        const delay = this.#d.schedule.nextPollDelayMs('Pending', this.#d.random) ?? 0;
        await insertTracking(tx, { shipmentId: label.shipmentId, provider: 'flexforward', tag: 'Pending', at, nextPollAt: at + delay });
        await this.#d.audit?.record(
          {
            action: 'label-created',
            shipmentId: label.shipmentId,
            orderNumber: request.order?.customerOrderNumber ?? null,
            trackingNumber: created.courierTrackingNumber,
            detail: labelSummary(request, label.attempt),
          },
          tx,
        );
      }).catch((e: unknown) => {
        // The label exists at Flex Forward: the packer must hear that, and that Try again saves it (same key, no second label).
        if (isDatabaseUnreachable(e)) throw this.#unreachableFault(e, 'created', created.courierTrackingNumber, label.shipmentId);
        const fault = storageFailure(e, this.#d.dataLocation);
        throw fault ? this.#createdButUnsaved(fault.code as 'DISK_FULL' | 'READ_ONLY', created.courierTrackingNumber, e) : e;
      });
      this.#log.info('label created', { shipmentId: label.shipmentId, attempt: label.attempt, labelId: created.id, replayed });
    } catch (e) {
      const at = this.#d.clock.now();
      if (e instanceof ApiValidationError) {
        await this.#recordRest(db, label, 'invalid', { code: 'VALIDATION', message: e.message, fields: e.fields ?? [] }, at);
        return;
      }
      if (e instanceof CourierRejectedError) {
        await updateLabel(db, label.shipmentId, label.attempt, {
          state: 'failed',
          labelId: e.label.id,
          errorCode: 'COURIER_REJECTED',
          errorMessage: e.message,
          at,
        });
        await touchShipment(db, { id: label.shipmentId, at });
        this.#log.info('courier rejected the label', { shipmentId: label.shipmentId, attempt: label.attempt });
        return;
      }
      throw e;
    }
  }

  async #recordRest(
    db: WritableDb,
    label: LabelRow,
    state: LabelState,
    e: { code: ErrorCode; message: string; fields?: FieldError[] },
    at: number,
  ): Promise<void> {
    await updateLabel(db, label.shipmentId, label.attempt, {
      state,
      errorCode: e.code,
      errorMessage: e.message,
      fieldErrors: e.fields ?? null,
      at,
    });
    await touchShipment(db, { id: label.shipmentId, at });
  }

  async #fetchDocument(label: LabelRow): Promise<void> {
    this.#progress(label.shipmentId, 'fetching_document', label.state, null);
    if (!label.labelId) throw new StationFailure('INTERNAL', 'A created label has no id.');
    const ref = await this.#d.api.getLabel(label.labelId, { priority: this.#priority(label.shipmentId) });
    const document = await this.#d.api.downloadDocument(ref.url);
    const at = this.#d.clock.now();
    await inTransaction(this.#d.db, async (tx) => {
      await this.#d.saveDocument(tx, this.#d.documentsDir, {
        shipmentId: label.shipmentId,
        attempt: label.attempt,
        format: document.format,
        url: ref.url,
        bytes: document.bytes,
        at,
      });
      await updateLabel(tx, label.shipmentId, label.attempt, { state: 'document_ready', at });
      await touchShipment(tx, { id: label.shipmentId, at });
    });
  }

  async #autoPrint(label: LabelRow): Promise<void> {
    // It printed while the database was down: record that, do not print it again.
    const unsaved = this.#unsavedPrints.get(label.shipmentId);
    if (unsaved && unsaved.label.attempt === label.attempt) {
      await this.#recordPrint(unsaved);
      return;
    }
    // A job still pending was cut off by a crash: we cannot know whether paper came out.
    const interrupted = await markInterruptedPrintJobs(this.#d.db, label.shipmentId, this.#d.clock.now());
    if (interrupted > 0) {
      await this.#recordRest(
        this.#d.db,
        label,
        'print_failed',
        { code: 'PRINTER', message: 'Printing was interrupted (the station stopped). Check the printer and reprint if no label came out.' },
        this.#d.clock.now(),
      );
      return;
    }
    await this.#print(label, 'auto');
  }

  async #print(label: LabelRow, reason: 'auto' | 'reprint', why: ReprintReason | null = null): Promise<void> {
    this.#progress(label.shipmentId, 'printing', label.state, null);
    const { meta, bytes } = await loadDocument(this.#d.db, this.#d.documentsDir, label.shipmentId, label.attempt);
    const jobId = await insertPrintJob(this.#d.db, {
      shipmentId: label.shipmentId,
      attempt: label.attempt,
      reason,
      at: this.#d.clock.now(),
    });
    let outcome: Awaited<ReturnType<LabelPrinter['print']>>;
    try {
      outcome = await this.#d.printer.print({ bytes, format: meta.format }, label.courierTrackingNumber ?? 'Shipping label', {
        shipmentId: label.shipmentId,
        attempt: label.attempt,
        reason,
      });
    } catch (e) {
      outcome = { ok: false, printer: null, message: e instanceof Error ? e.message : String(e) };
    }
    const done: UnsavedPrint = {
      label,
      jobId,
      reason,
      why,
      outcome: outcome.ok ? { ok: true, printer: outcome.printer } : { ok: false, printer: outcome.printer, message: outcome.message },
      at: this.#d.clock.now(),
    };
    try {
      await this.#recordPrint(done);
    } catch (e) {
      // The paper is out (or the printer said no) whatever the database says: keep the outcome for when it is back.
      if (!isDatabaseUnreachable(e)) throw e;
      this.#unsavedPrints.set(label.shipmentId, done);
      throw this.#unreachableFault(e, 'document_ready', label.courierTrackingNumber, label.shipmentId);
    }
  }

  /** Every print kept while the database was down, recorded now (those it still cannot take stay kept). */
  async #recordUnsavedPrints(): Promise<void> {
    for (const unsaved of [...this.#unsavedPrints.values()]) {
      if (this.#running.has(unsaved.label.shipmentId)) continue; // its run records it (#autoPrint)
      await this.#recordPrint(unsaved).catch((e: unknown) =>
        this.#log.warn('a print done while the database was down is not recorded yet', { shipmentId: unsaved.label.shipmentId, error: e }),
      );
    }
  }

  /** A print's outcome, its audit line and the label's state after it, in one transaction. */
  async #recordPrint(done: UnsavedPrint): Promise<void> {
    const { label, jobId, reason, why, outcome, at } = done;
    await inTransaction(this.#d.db, async (tx) => {
      await finishPrintJob(tx, jobId, {
        outcome: outcome.ok ? 'printed' : 'failed',
        printer: outcome.printer,
        error: outcome.ok ? null : outcome.message,
        at,
      });
      await this.#d.audit?.record(
        {
          action: reason === 'auto' ? 'print' : 'reprint',
          shipmentId: label.shipmentId,
          trackingNumber: label.courierTrackingNumber,
          reason: reason === 'auto' ? null : why,
          detail: outcome.ok ? `printed${outcome.printer ? ` on ${outcome.printer}` : ''}` : `not printed: ${outcome.message}`,
        },
        tx,
      );
      if (outcome.ok) {
        await updateLabel(tx, label.shipmentId, label.attempt, { state: 'printed', at });
        await touchShipment(tx, { id: label.shipmentId, at });
      } else {
        await this.#recordRest(tx, label, 'print_failed', { code: 'PRINTER', message: outcome.message }, at);
      }
    });
    this.#unsavedPrints.delete(label.shipmentId);
    this.#d.onChanged?.(label.shipmentId);
  }

  #priority(shipmentId: string): 'user' | 'wave' {
    return this.#d.priorityOf?.(shipmentId) ?? 'user';
  }

  #progress(shipmentId: string, step: LabelProgress['step'], state: LabelState, message: string | null): void {
    this.#d.onProgress?.({ shipmentId, step, state, message });
  }
}
