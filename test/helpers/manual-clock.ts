import type { Clock, TimerHandle } from '../../electron/core/util/clock';

interface Timer {
  id: number;
  due: number;
  delay: number;
  fn: () => void;
}

/**
 * A clock that moves only when the test says so, for ticking to exact edges
 * while real I/O (HTTP to the sandbox) runs in between.
 */
export class ManualClock implements Clock {
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
    this.#timers.set(id, { id, due: this.#now + ms, delay: ms, fn });
    return { __timer: true, id } as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete((handle as unknown as { id: number }).id);
  }

  /** Delays (ms from when they were set) of the timers still waiting. */
  pendingDelays(): number[] {
    return [...this.#timers.values()].map((t) => t.delay);
  }

  /** Moves time forward, firing due timers in order (timers they set are honoured too). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = [...this.#timers.values()].filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.#timers.delete(next.id);
      this.#now = next.due;
      next.fn();
    }
    this.#now = target;
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
