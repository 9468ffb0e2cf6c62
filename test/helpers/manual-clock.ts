import type { Clock, TimerHandle } from '../../electron/core/util/clock';

interface Timer {
  id: number;
  due: number;
  delay: number;
  fn: () => void;
}

/** Settles pending promise callbacks (several rounds: awaits chain). */
export async function flushPromises(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * An injected clock that moves only when the test says so, so a test can
 * stand at 14:59.999 and then at 15:00.000 exactly. `advance` fires due
 * timers synchronously (real I/O, e.g. HTTP to the sandbox, runs in between
 * calls); `tick` also lets promise callbacks settle after each timer, for
 * code whose next timer is set after an await.
 *
 * `settle` is what "let promise callbacks settle" means: enough rounds of the
 * event loop for code on SQLite (whose statements finish within them); a test
 * on PostgreSQL, whose statements wait on the network, sets it to wait until
 * the database is quiet too (TempDb.settle).
 */
export class ManualClock implements Clock {
  settle: () => Promise<void> = () => flushPromises();
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, Timer>();

  constructor(start = Date.parse('2026-03-17T08:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.#seq;
    this.#timers.set(id, { id, due: this.#now + Math.max(0, ms), delay: ms, fn });
    return { __timer: true, id } as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete((handle as unknown as { id: number }).id);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Delays (ms from when they were set) of the timers still waiting. */
  pendingDelays(): number[] {
    return [...this.#timers.values()].map((t) => t.delay);
  }

  /** The earliest timer due by `target`, removed from the queue, with the clock moved to it. */
  #takeDue(target: number): Timer | undefined {
    const next = [...this.#timers.values()].filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
    if (!next) return undefined;
    this.#timers.delete(next.id);
    this.#now = next.due;
    return next;
  }

  /** Moves time forward, firing due timers in order (timers they set are honoured too). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (let next = this.#takeDue(target); next; next = this.#takeDue(target)) next.fn();
    this.#now = target;
  }

  /** Like `advance`, settling promise callbacks before, between and after the timers. */
  async tick(ms: number): Promise<void> {
    const target = this.#now + ms;
    await this.settle();
    for (let next = this.#takeDue(target); next; next = this.#takeDue(target)) {
      next.fn();
      await this.settle();
    }
    this.#now = target;
    await this.settle();
  }

  async tickTo(at: number): Promise<void> {
    await this.tick(at - this.#now);
  }

  /** Waits (on real I/O, not on time) until a timer with this delay is pending. */
  async waitForTimer(delay: number, realTimeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!this.pendingDelays().includes(delay)) {
      if (Date.now() - started > realTimeoutMs) throw new Error(`no ${delay} ms timer; pending: ${this.pendingDelays().join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
