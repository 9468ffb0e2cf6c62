/**
 * Runs waves (issue 13; design §2 "Waves"): each item of a wave goes through
 * the ship service and so through the one label workflow, whose rule makes a
 * crash harmless (the shipment row and its idempotency key are committed
 * before any request). The runner adds three things on top:
 *
 * - The item's shipment is recorded on the item in that same transaction
 *   (`setItemShipment` in `onSaved`), so a station killed mid-label finds the
 *   item in flight at its next start and finishes that very label (same key),
 *   and the wave comes back paused until the packer resumes it.
 * - Before each label the printer preflight runs; a printer that cannot print
 *   pauses the wave before anything is bought. A print that fails pauses it
 *   too, and holds that print (WavePrintTurns) until the packer resumes.
 * - A few labels are bought at once (the limiter, not the round trip, should
 *   set the pace), while WavePrintTurns keeps the prints in the wave's
 *   sequence. Pause and cancel stop before the next label; a request in
 *   flight is never cut off.
 *
 * Requests of a wave's labels go to the limiter at `wave` priority: behind
 * the packer's single actions, ahead of background polls.
 */
import type { OrderEdits, ShipResult } from '../../../shared/domain/order-desk';
import type { LabelState } from '../../../shared/domain/shipment';
import type { LabelCreateResult } from '../../../shared/domain/shipment-detail';
import type { WaveFailure, WavePauseReason, WaveRetryArgs, WaveSummary, WaveView } from '../../../shared/domain/waves';
import { StationFailure, type StationError } from '../../../shared/result';
import {
  finishItem,
  getWaveItem,
  listBuyingItems,
  listWaveItems,
  listWavesInState,
  markItemBuying,
  resetUnsavedBuying,
  setItemShipment,
  setWaveState,
  type WaveItemRow,
  type WaveRow,
} from '../db/queries/waves';
import { listPrintJobs } from '../db/queries/print_jobs';
import { isDatabaseUnreachable } from '../db/storage-errors';
import { inTransaction, type WritableDb } from '../db/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { AfterPrintFailure, PrintTurn, WavePrintTurns } from './print-turns';
import type { WaveStore } from './wave-store';

/**
 * Labels bought at once: enough that a wave request always waits when a limiter slot frees, so background polls
 * (which take any slot nobody at a higher priority waits for) do not slow a wave down; with 4 the bench measured
 * 0.76 of the limiter's ceiling at 100 ms of latency (polls took 0.3 requests per label), with 8 about 0.97.
 * Few enough that a pause stops soon: at most this many labels finish after it.
 */
export const WAVE_CONCURRENCY = 8;

/** What the runner asks of the order and label side (the ship service and the label workflow). */
export interface WaveShipPort {
  /** Creates and prints the order's label; `onSaved` runs in the transaction that saves its shipment and key. */
  ship(orderId: string, onSaved: (tx: WritableDb, shipmentId: string) => Promise<void>): Promise<ShipResult>;
  /** Finishes a label left mid-way, with the key it was saved with; a label already at rest is read as it is. */
  finish(shipmentId: string): Promise<LabelCreateResult>;
  /** Prints a bought label again (its print failed, or a crash cut it off). */
  reprint(shipmentId: string): Promise<{ ok: boolean; message: string | null }>;
  /** Applies the packer's correction to an order before it is retried. */
  fix(orderId: string, edits: OrderEdits): Promise<void>;
}

export interface WavePreflight {
  /** Can the label printer print now? Asked before each label is bought. */
  preflight(): Promise<{ ok: boolean; message: string | null }>;
}

export interface WaveRunnerDeps {
  store: WaveStore;
  ship: WaveShipPort;
  printer: WavePreflight;
  turns: WavePrintTurns;
  clock: Clock;
  logger: Logger;
  /** Whether labels print as they are made (Settings); when off, a wave's labels rest unprinted, like any other. */
  autoPrint: () => boolean;
  /** Every change of a wave's progress or state. */
  onProgress?: (summary: WaveSummary) => void;
  /** Orders whose labels were made or changed by the wave (the orders list refreshes them). */
  onOrdersChanged?: (ids: string[]) => void;
  concurrency?: number;
  /**
   * Warehouse mode: waits until the site's database answers again (false: the station stops first). A wave
   * that meets the database down waits here rather than failing its items: each item in flight is finished from
   * what the database says when it is back (the label workflow's own rule: its shipment and key were saved before
   * anything was bought), then the wave goes on. Absent (SQLite): a failed write is an error like any other.
   */
  untilDatabaseBack?: () => Promise<boolean>;
}

const UNFINISHED: ReadonlySet<LabelState> = new Set(['submitting', 'created']);
const PRINTED: ReadonlySet<LabelState> = new Set(['printed', 'tracked']);
const REFUSED: ReadonlySet<LabelState> = new Set(['failed', 'invalid']);

interface Outcome {
  state: 'done' | 'failed' | 'skipped' | 'pending';
  failure: WaveFailure | null;
  shipmentId?: string | null;
  error: StationError | null;
  /** The printer cannot print: the wave pauses with this message. */
  pauseForPrinter?: string;
}

/** One wave's loop: in-flight items, and a way to wake it when the packer acts. */
interface Loop {
  done: Promise<void>;
  wake: () => void;
  /** Bumped on every resume or retry: a loop about to exit looks again. */
  generation: number;
}

export class WaveRunner {
  readonly #d: WaveRunnerDeps & { concurrency: number };
  readonly #log: Logger;
  readonly #loops = new Map<string, Loop>();
  /** Shipments being bought or printed for a wave, and the wave: their requests go at wave priority. */
  readonly #shipments = new Map<string, string>();
  /** Prints held after a failure, per wave, until resume (retry) or cancel/stop (give up). */
  readonly #held = new Map<string, Array<(next: AfterPrintFailure) => void>>();
  /** Resumes (and retries) per wave so far: a print failure that began before the latest one is stale. */
  readonly #resumes = new Map<string, number>();
  /**
   * Print turns kept for items that went back to the queue without a label (the printer check stopped them),
   * per wave and position: when the item runs again it prints in the place it had, so labels bought after it
   * (waiting at the printer) still come out behind it, in the wave's sequence.
   */
  readonly #reserved = new Map<string, Map<number, PrintTurn>>();
  /** Items a restart left in flight, being finished. */
  readonly #finishing = new Set<Promise<void>>();
  #stopped = false;

  constructor(deps: WaveRunnerDeps) {
    this.#d = { concurrency: WAVE_CONCURRENCY, ...deps };
    this.#log = deps.logger;
    deps.turns.watch({
      starting: (shipmentId) => this.#resumesOf(this.#shipments.get(shipmentId)),
      failed: (shipmentId, message, mark) => this.#printFailed(shipmentId, message, mark),
    });
  }

  /** The limiter priority of a shipment's requests (the label workflow asks). */
  priorityOf(shipmentId: string): 'user' | 'wave' {
    return this.#shipments.has(shipmentId) ? 'wave' : 'user';
  }

  // -- Start and stop ----------------------------------------------------------

  /**
   * Start-up: a wave that was running when the station stopped comes back
   * paused; an item marked as being bought whose shipment was never saved
   * bought nothing and waits again; an item whose shipment was saved is
   * finished now, with its own key (in the background: the window opens meanwhile).
   */
  async start(): Promise<void> {
    const db = this.#d.store.db;
    const at = this.#d.clock.now();
    const cut = await inTransaction(db, async (tx) => {
      const running = await listWavesInState(tx, 'running');
      for (const wave of running) await setWaveState(tx, wave.id, { state: 'paused', pauseReason: 'restart', pauseMessage: null, at });
      const reset = await resetUnsavedBuying(tx);
      return { running, reset };
    });
    if (cut.running.length > 0 || cut.reset > 0)
      this.#log.info('waves cut off by a stop come back paused', { waves: cut.running.length, itemsNotBegun: cut.reset });
    for (const item of await listBuyingItems(db)) {
      const finishing: Promise<void> = this.#finishInFlight(item).finally(() => this.#finishing.delete(finishing));
      this.#finishing.add(finishing);
    }
    for (const wave of cut.running) this.#emit(wave.id);
  }

  /** Items a restart found in flight, finished (tests and the kill child wait for this). */
  async settled(): Promise<void> {
    while (this.#finishing.size > 0) await Promise.allSettled([...this.#finishing]);
  }

  /**
   * Shutdown: no new label is started; prints held for a printer fault give up
   * (they wait for a reprint, as any failed print does); labels in flight finish.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const id of [...this.#held.keys()]) this.#release(id, 'give-up');
    for (const id of [...this.#reserved.keys()]) this.#releaseReserved(id);
    for (const loop of this.#loops.values()) loop.wake();
    await Promise.allSettled([...this.#loops.values()].map((l) => l.done));
    await this.settled();
  }

  async #finishInFlight(item: WaveItemRow): Promise<void> {
    const db = this.#d.store.db;
    this.#shipments.set(item.shipmentId!, item.waveId);
    const turn = this.#d.turns.take();
    try {
      let outcome = await this.#labelItem(item, turn, true);
      if (outcome.failure === 'print' && outcome.shipmentId && (await wasCutOff(db, outcome.shipmentId))) {
        // Said in the packer's language, with what to check before the retry reprints it.
        outcome = { ...outcome, error: { code: 'PRINTER', message: this.#d.store.failure('PRINTER', 'interrupted').message } };
      }
      // Back to the queue rather than failed when the printer stopped it: the resumed wave tries it again.
      await finishItem(db, item.waveId, item.position, { ...outcome, at: this.#d.clock.now() });
      this.#log.info('wave item in flight at the stop finished', { waveId: item.waveId, position: item.position, state: outcome.state });
    } catch (e) {
      this.#log.error('finishing a wave item in flight failed', { waveId: item.waveId, position: item.position, error: e });
    } finally {
      turn.settle();
      this.#shipments.delete(item.shipmentId!);
      this.#emit(item.waveId);
      this.#d.onOrdersChanged?.([item.orderId]);
    }
  }

  // -- The packer's actions ----------------------------------------------------

  async create(args: Parameters<WaveStore['create']>[0]): Promise<WaveView> {
    if (args.start) await this.#refuseIfBusy(null);
    const id = await this.#d.store.create(args);
    this.#log.info('wave created', { waveId: id, sequence: args.sequence, started: args.start });
    if (args.start) this.#ensureLoop(id);
    this.#emit(id);
    return this.#d.store.view(id);
  }

  async pause(id: string): Promise<WaveView> {
    const wave = await this.#d.store.wave(id);
    if (wave.state === 'running') await this.#setState(wave.id, 'paused', 'packer', null);
    else if (wave.state !== 'paused') throw this.#over(wave);
    return this.#d.store.view(id);
  }

  async resume(id: string): Promise<WaveView> {
    const wave = await this.#d.store.wave(id);
    if (wave.state === 'cancelled' || wave.state === 'finished') throw this.#over(wave);
    if (wave.state === 'paused') {
      await this.#refuseIfBusy(id);
      await this.#setState(id, 'running', null, null);
    }
    this.#release(id, 'retry');
    this.#ensureLoop(id);
    return this.#d.store.view(id);
  }

  /** Stops before the next label; labels in flight finish (a print held for the printer gives up and waits for a reprint). */
  async cancel(id: string): Promise<WaveView> {
    const wave = await this.#d.store.wave(id);
    if (wave.state === 'finished' || wave.state === 'cancelled') throw this.#over(wave);
    await this.#setState(id, 'cancelled', null, null);
    this.#release(id, 'give-up');
    this.#releaseReserved(id);
    this.#loops.get(id)?.wake();
    return this.#d.store.view(id);
  }

  /** Failed items (all, or those named) go back to the queue, each order corrected first where the packer fixed it; the wave runs. */
  async retry(args: WaveRetryArgs): Promise<WaveView> {
    const wave = await this.#d.store.wave(args.id);
    await this.#refuseIfBusy(wave.id);
    const db = this.#d.store.db;
    const failed = await listWaveItems(db, wave.id, { states: ['failed'], limit: Number.MAX_SAFE_INTEGER });
    const wanted = args.positions ? new Set(args.positions) : null;
    const items = failed.filter((i) => !wanted || wanted.has(i.position));
    const fixes = args.fixes ?? [];
    for (const fix of fixes) {
      if (!failed.some((i) => i.orderId === fix.orderId)) throw this.#d.store.failure('NOT_FOUND', 'notInWave', { order: fix.orderId });
    }
    if (items.length === 0 && fixes.length === 0) throw this.#d.store.failure('CONFLICT', 'nothingToRetry');
    // The corrections first: one that does not make a readable order stops here, with its fields, before anything is retried.
    for (const fix of fixes) await this.#d.ship.fix(fix.orderId, fix.edits);
    const at = this.#d.clock.now();
    await inTransaction(db, async (tx) => {
      for (const item of items) await finishItem(tx, wave.id, item.position, { state: 'pending', failure: null, error: null, at });
      await setWaveState(tx, wave.id, { state: 'running', pauseReason: null, pauseMessage: null, at });
    });
    this.#log.info('wave failures retried', { waveId: wave.id, items: items.length, fixed: fixes.length });
    this.#release(wave.id, 'retry');
    this.#ensureLoop(wave.id);
    this.#emit(wave.id);
    return this.#d.store.view(wave.id);
  }

  #over(wave: WaveRow): StationFailure {
    return this.#d.store.failure('CONFLICT', wave.state === 'cancelled' ? 'cancelled' : 'over');
  }

  /** One wave runs at a time: two would only share the same limiter and printer, and mix their labels on the tray. */
  async #refuseIfBusy(except: string | null): Promise<void> {
    const running = await listWavesInState(this.#d.store.db, 'running');
    if (running.some((w) => w.id !== except)) throw this.#d.store.failure('CONFLICT', 'busy');
  }

  async #setState(id: string, state: WaveRow['state'], reason: WavePauseReason | null, message: string | null): Promise<void> {
    await setWaveState(this.#d.store.db, id, { state, pauseReason: reason, pauseMessage: message, at: this.#d.clock.now() });
    this.#log.info('wave state', { waveId: id, state, ...(reason ? { reason } : {}) });
    this.#loops.get(id)?.wake();
    this.#emit(id);
  }

  // -- Printer faults ----------------------------------------------------------

  /**
   * A wave's print failed: pause the wave (if it runs) and hold the print until resume or cancel. A print that
   * began before the packer's latest resume is tried again at once instead: its failure may be what the packer
   * has just fixed (the queue it found stopped runs again), and it must not pause the wave they resumed.
   */
  async #printFailed(shipmentId: string, message: string, mark: number): Promise<AfterPrintFailure> {
    const waveId = this.#shipments.get(shipmentId);
    if (!waveId || this.#stopped) return 'give-up';
    const wave = await this.#d.store.wave(waveId);
    if (wave.state === 'cancelled' || wave.state === 'finished') return 'give-up';
    if (this.#resumesOf(waveId) !== mark) {
      this.#log.info('a wave print that began before the resume failed: tried again', { waveId, shipmentId });
      return 'retry';
    }
    this.#log.warn('a wave label did not print: the wave pauses', { waveId, shipmentId });
    if (wave.state === 'running' || wave.pauseReason !== 'printer') await this.#setState(waveId, 'paused', 'printer', message);
    return new Promise<AfterPrintFailure>((resolve) => {
      const list = this.#held.get(waveId) ?? [];
      list.push(resolve);
      this.#held.set(waveId, list);
    });
  }

  /** The wave will not run its reserved items again (cancelled, or the station stops): prints behind them go on. */
  #releaseReserved(waveId: string): void {
    const reserved = this.#reserved.get(waveId);
    this.#reserved.delete(waveId);
    for (const turn of reserved?.values() ?? []) turn.settle();
  }

  #resumesOf(waveId: string | undefined): number {
    return waveId === undefined ? 0 : (this.#resumes.get(waveId) ?? 0);
  }

  #release(waveId: string, next: AfterPrintFailure): void {
    if (next === 'retry') this.#resumes.set(waveId, this.#resumesOf(waveId) + 1);
    const held = this.#held.get(waveId);
    this.#held.delete(waveId);
    for (const resolve of held ?? []) resolve(next);
  }

  // -- The loop ----------------------------------------------------------------

  #ensureLoop(id: string): void {
    const existing = this.#loops.get(id);
    if (existing) {
      existing.generation += 1;
      existing.wake();
      return;
    }
    let wake: () => void = () => undefined;
    const loop: Loop = { done: Promise.resolve(), wake: () => wake(), generation: 0 };
    const nextWake = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
      });
    this.#loops.set(id, loop);
    loop.done = this.#run(id, loop, nextWake)
      .catch((e: unknown) => this.#log.error('wave loop failed', { waveId: id, error: e }))
      .finally(() => this.#loops.delete(id));
  }

  async #run(id: string, loop: Loop, nextWake: () => Promise<void>): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const waitForChange = async () => {
      const woken = nextWake();
      await Promise.race([woken, ...inFlight]);
    };
    try {
      for (;;) {
        try {
          if ((await this.#step(id, loop, inFlight, waitForChange)) === 'done') return;
        } catch (e) {
          if (!(await this.#waitedForDatabase(e, id))) throw e;
        }
      }
    } finally {
      await Promise.allSettled([...inFlight]);
    }
  }

  /**
   * The database could not be reached: wait until it answers (true), or not (false: not that, no way to wait,
   * or the station stops; the caller gives up as before).
   */
  async #waitedForDatabase(e: unknown, waveId: string): Promise<boolean> {
    const until = this.#d.untilDatabaseBack;
    if (!until || this.#stopped || !isDatabaseUnreachable(e)) return false;
    this.#log.warn('the warehouse database cannot be reached: the wave waits for it', { waveId });
    const back = await until();
    if (back) this.#log.info('the warehouse database is back: the wave goes on', { waveId });
    return back && !this.#stopped;
  }

  /** One turn of a wave's loop: start its next item, or wait, or finish the wave ('done'). */
  async #step(id: string, loop: Loop, inFlight: Set<Promise<void>>, waitForChange: () => Promise<void>): Promise<'done' | 'again'> {
    const db = this.#d.store.db;
    const generation = loop.generation;
    const wave = await this.#d.store.wave(id);
    const running = wave.state === 'running' && !this.#stopped;
    if (!running) {
      if (inFlight.size === 0 && loop.generation === generation) return 'done';
      await waitForChange();
      return 'again';
    }
    const [item] = await listWaveItems(db, id, { states: ['pending'], limit: 1 });
    // An item with a reserved turn runs even when the wave is at its concurrency: the items in flight may be
    // waiting at the printer for it.
    const reservedTurn = item ? this.#reserved.get(id)?.get(item.position) : undefined;
    if (inFlight.size >= this.#d.concurrency && !reservedTurn) {
      await waitForChange();
      return 'again';
    }
    if (!item) {
      if (inFlight.size > 0) {
        await waitForChange();
        return 'again';
      }
      const [buying] = await listWaveItems(db, id, { states: ['buying'], limit: 1 });
      if (buying) {
        // A restart's item still being finished: it ends the wave when it lands.
        await Promise.race([...this.#finishing, new Promise((r) => setTimeout(r, 50))]);
        return 'again';
      }
      await this.#setState(id, 'finished', null, null);
      this.#log.info('wave finished', { waveId: id });
      return 'done';
    }
    // No label is bought that the printer cannot print (when labels print at all).
    const check = this.#d.autoPrint() ? await this.#d.printer.preflight() : { ok: true, message: null };
    if (!check.ok) {
      await this.#setState(id, 'paused', 'printer', check.message);
      return 'again';
    }
    // The packer may have paused or cancelled while the printer was asked.
    if ((await this.#d.store.wave(id)).state !== 'running' || this.#stopped) return 'again';
    const keep = item.shipmentId !== null && item.labelState !== null && !REFUSED.has(item.labelState);
    await markItemBuying(db, id, item.position, this.#d.clock.now(), keep);
    this.#reserved.get(id)?.delete(item.position);
    const turn = reservedTurn ?? this.#d.turns.take();
    const work: Promise<void> = this.#process(id, { ...item, state: 'buying' }, turn)
      .catch((e: unknown) => this.#log.error('wave item not recorded', { waveId: id, position: item.position, error: e }))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
    return 'again';
  }

  async #process(waveId: string, first: WaveItemRow, turn: PrintTurn): Promise<void> {
    const db = this.#d.store.db;
    let outcome: Outcome;
    let item = first;
    let afterOutage = false;
    let unreachable: boolean;
    for (;;) {
      let thrown: unknown = null;
      try {
        outcome = await this.#labelItem(item, turn, afterOutage);
      } catch (e) {
        thrown = e;
        const error =
          e instanceof StationFailure ? errorOf(e) : { code: 'INTERNAL' as const, message: e instanceof Error ? e.message : String(e) };
        outcome = { state: 'failed', failure: 'error', error };
      }
      // The database went away under this item: where it got to is in the database (its shipment and key are saved
      // before anything is bought). When it is back, the item is finished from there, as after a restart: its label
      // with the same key (never a second one), printed once; or, when nothing was saved, bought now.
      unreachable = thrown !== null ? isDatabaseUnreachable(thrown) : outcome.error?.code === 'DATABASE_UNREACHABLE';
      if (!unreachable || !(await this.#waitedForDatabase(thrown ?? new StationFailure('DATABASE_UNREACHABLE', ''), waveId))) break;
      const fresh = await this.#reread(item);
      if (!fresh) break;
      item = fresh;
      afterOutage = true;
    }
    if (unreachable) {
      // The station stops while the database is down: the item stays in flight, and the next start finishes it.
      this.#log.warn('wave item left in flight: the warehouse database cannot be reached', { waveId, position: item.position });
      turn.settle();
      if (item.shipmentId) this.#shipments.delete(item.shipmentId);
      return;
    }
    if (outcome.state === 'failed' && outcome.failure === 'error')
      this.#log.warn('wave item did not finish', { waveId, position: item.position, code: outcome.error?.code });
    if (outcome.state === 'pending' && !this.#stopped) {
      // Back to the queue with nothing bought: it keeps its place at the printer.
      const reserved = this.#reserved.get(waveId) ?? new Map<number, PrintTurn>();
      reserved.set(item.position, turn);
      this.#reserved.set(waveId, reserved);
      // Cancelled (or unreadable) meanwhile: nothing will run it again, so the prints behind it go on.
      const state = await this.#d.store.wave(waveId).then(
        (w) => w.state,
        () => null,
      );
      if (state === null || state === 'cancelled' || state === 'finished') this.#releaseReserved(waveId);
    } else turn.settle();
    try {
      // Recorded when the database takes it (an outage now waits for it): the item's outcome is not lost.
      for (;;) {
        try {
          await finishItem(db, waveId, item.position, { ...outcome, at: this.#d.clock.now() });
          break;
        } catch (e) {
          if (!(await this.#waitedForDatabase(e, waveId))) throw e;
        }
      }
      if (outcome.pauseForPrinter !== undefined) {
        const wave = await this.#d.store.wave(waveId);
        if (wave.state === 'running') await this.#setState(waveId, 'paused', 'printer', outcome.pauseForPrinter);
      }
    } finally {
      if (outcome.shipmentId) this.#shipments.delete(outcome.shipmentId);
      if (item.shipmentId) this.#shipments.delete(item.shipmentId);
      this.#emit(waveId);
      this.#d.onOrdersChanged?.([item.orderId]);
    }
  }

  /** The item as the database has it now (after an outage), waiting again while it is still down; null when the station stops. */
  async #reread(item: WaveItemRow): Promise<WaveItemRow | null> {
    for (;;) {
      try {
        const fresh = await getWaveItem(this.#d.store.db, item.waveId, item.position);
        return fresh ?? null;
      } catch (e) {
        if (!(await this.#waitedForDatabase(e, item.waveId))) return null;
      }
    }
  }

  /**
   * One item to rest: bought and printed, reprinted, finished, or refused with its reason.
   *
   * `afterRestart`: the item was in flight when the station stopped. Its label is finished by the label workflow's
   * own rules (the same run the start-up resume drives): a print that was under way when the station stopped is
   * never sent again by itself (paper may have come out), so that item fails as "not printed" and the packer's
   * retry reprints it; a label bought but not yet sent to the printer prints now, once.
   */
  async #labelItem(item: WaveItemRow, turn: PrintTurn, afterRestart = false): Promise<Outcome> {
    const ship = this.#d.ship;
    const shipmentId = item.shipmentId;
    if (shipmentId !== null && item.labelState !== null && !REFUSED.has(item.labelState)) {
      this.#shipments.set(shipmentId, item.waveId);
      if (PRINTED.has(item.labelState)) return { state: 'done', failure: null, shipmentId, error: null };
      if (
        UNFINISHED.has(item.labelState) ||
        (afterRestart && (item.labelState === 'document_ready' || item.labelState === 'print_failed'))
      ) {
        turn.bind(shipmentId);
        return this.#fromLabel(await ship.finish(shipmentId), null);
      }
      // Bought, not printed (its print failed or was cut off, or auto-print was off then): print it now, with its slip.
      if (!this.#d.autoPrint() && item.labelState === 'document_ready') return { state: 'done', failure: null, shipmentId, error: null };
      turn.bind(shipmentId, { asFirstPrint: true });
      const printed = await ship.reprint(shipmentId);
      return printed.ok
        ? { state: 'done', failure: null, shipmentId, error: null }
        : { state: 'failed', failure: 'print', shipmentId, error: { code: 'PRINTER', message: printed.message ?? '' } };
    }
    let result: ShipResult;
    try {
      result = await ship.ship(item.orderId, async (tx, id) => {
        await setItemShipment(tx, item.waveId, item.position, id);
        this.#shipments.set(id, item.waveId);
        turn.bind(id);
      });
    } catch (e) {
      if (!(e instanceof StationFailure)) throw e;
      const error = errorOf(e);
      if (e.code === 'NOT_READY') return { state: 'failed', failure: 'not-ready', shipmentId: null, error };
      // Labelled elsewhere meanwhile, closed or cancelled in the shop: nothing for the wave to do.
      if (e.code === 'CONFLICT') return { state: 'skipped', failure: 'skipped', shipmentId: null, error };
      // Its order number already has a label made here (on the form, or for another imported order): a wave
      // never buys a second one on its own; the reason names that label.
      if (e.code === 'DUPLICATE_ORDER') return { state: 'skipped', failure: 'skipped', shipmentId: null, error };
      // The label workflow's own printer check: nothing was bought; back to the queue.
      if (e.code === 'PRINTER_NOT_READY')
        return { state: 'pending', failure: null, shipmentId: null, error: null, pauseForPrinter: e.message };
      throw e;
    }
    return this.#fromLabel(result.label, result.slip.status === 'failed' ? (result.slip.message ?? '') : null);
  }

  #fromLabel(label: LabelCreateResult, slipFailed: string | null): Outcome {
    const base = { shipmentId: label.shipmentId };
    const error = label.error ? { code: label.error.code, message: label.error.message, fields: label.error.fields ?? [] } : null;
    if (PRINTED.has(label.state) || (label.state === 'document_ready' && error === null)) {
      return { ...base, state: 'done', failure: null, error: null, ...(slipFailed !== null ? { pauseForPrinter: slipFailed } : {}) };
    }
    if (REFUSED.has(label.state)) return { ...base, state: 'failed', failure: 'label', error };
    if (label.state === 'print_failed') return { ...base, state: 'failed', failure: 'print', error };
    return { ...base, state: 'failed', failure: 'error', error };
  }

  #emit(waveId: string): void {
    const listener = this.#d.onProgress;
    if (!listener) return;
    void this.#d.store.summary(waveId).then(listener, (e: unknown) => this.#log.warn('wave progress not read', { waveId, error: e }));
  }
}

/** The label's last print job was cut off by the stop (paper may or may not have come out). */
async function wasCutOff(db: WritableDb, shipmentId: string): Promise<boolean> {
  const [last] = await listPrintJobs(db, shipmentId);
  return last?.outcome === 'interrupted';
}

function errorOf(e: StationFailure): StationError {
  return e.fields ? { code: e.code, message: e.message, fields: e.fields } : { code: e.code, message: e.message };
}
