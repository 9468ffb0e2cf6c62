import type { Clock, TimerHandle } from '../../electron/core/util/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** Settles pending promise callbacks (several rounds: awaits chain). */
export async function flushPromises(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * An injected clock that only moves when told. `tick` runs every timer due
 * in the span in time order, letting promise callbacks settle after each, so
 * a test can stand at 14:59.999 and then at 15:00.000 exactly.
 */
export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #nextId = 1;

  constructor(start = Date.UTC(2026, 2, 17, 8, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  async tick(ms: number): Promise<void> {
    const end = this.#now + ms;
    await flushPromises();
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
      await flushPromises();
    }
    this.#now = end;
    await flushPromises();
  }

  async tickTo(at: number): Promise<void> {
    await this.tick(at - this.#now);
  }
}
