import type { Clock, TimerHandle } from '../util/clock';

/** Rows changing together (a poll wave, a label's steps) reach the list as one refresh, not one per step. */
export const CHANGE_FEED_DELAY_MS = 250;

export class ChangeFeed {
  readonly #ids = new Set<string>();
  readonly #clock: Clock;
  readonly #send: (ids: string[]) => void;
  #timer: TimerHandle | null = null;

  constructor(clock: Clock, send: (ids: string[]) => void) {
    this.#clock = clock;
    this.#send = send;
  }

  add(id: string): void {
    this.#ids.add(id);
    this.#timer ??= this.#clock.setTimeout(() => this.flush(), CHANGE_FEED_DELAY_MS);
  }

  flush(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#ids.size === 0) return;
    const ids = [...this.#ids];
    this.#ids.clear();
    this.#send(ids);
  }
}
