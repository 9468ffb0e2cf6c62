/**
 * Couriers' names for documents a person reads (the handover list a driver
 * signs says "YunExpress", not "yunexpress"). The names come from the
 * account's courier list (GET /couriers), kept from the last time the station
 * read it. A document never waits long for them: offline, or with the API
 * slow, the codes stand in.
 */
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';
import type { FlexForwardApi } from './flexforward-client';
import type { Courier } from './flexforward-types';

/** A courier list read this recently is used as it is (accounts rarely gain a courier within the hour). */
export const COURIER_NAMES_FRESH_MS = 60 * 60_000;
/** How long a document waits for a list it does not have before printing with the codes (a packer is waiting). */
export const COURIER_NAMES_WAIT_MS = 3_000;

export interface CourierNamesDeps {
  api: () => Pick<FlexForwardApi, 'listCouriers'>;
  clock: Clock;
  logger: Logger;
}

export class CourierNames {
  readonly #d: CourierNamesDeps;
  #names = new Map<string, string>();
  #readAt: number | null = null;
  #reading: Promise<void> | null = null;

  constructor(deps: CourierNamesDeps) {
    this.#d = deps;
  }

  /** Keeps a list the station read anyway (the label form's courier select). */
  learn(couriers: readonly Courier[]): void {
    const names = new Map<string, string>();
    for (const c of couriers) {
      const name = c.name.trim();
      if (name) names.set(c.code, name);
    }
    this.#names = names;
    this.#readAt = this.#d.clock.now();
  }

  /**
   * A name for each code: the list kept, read again first when it is stale
   * (waiting at most COURIER_NAMES_WAIT_MS; a read that comes later is kept for next time).
   */
  async lookup(): Promise<(code: string) => string> {
    const readAt = this.#readAt;
    if (readAt === null || this.#d.clock.now() - readAt >= COURIER_NAMES_FRESH_MS) await this.#readWithin();
    const names = this.#names;
    return (code) => names.get(code) ?? code;
  }

  async #readWithin(): Promise<void> {
    this.#reading ??= this.#d
      .api()
      .listCouriers({ priority: 'user' })
      .then(
        (couriers) => this.learn(couriers),
        (e: unknown) =>
          this.#d.logger.warn('courier names not read; documents show courier codes', {
            error: e instanceof Error ? e.message : String(e),
          }),
      )
      .finally(() => (this.#reading = null));
    let timer: TimerHandle | null = null;
    const waited = new Promise<void>((resolve) => (timer = this.#d.clock.setTimeout(resolve, COURIER_NAMES_WAIT_MS)));
    await Promise.race([this.#reading, waited]);
    if (timer) this.#d.clock.clearTimeout(timer);
  }
}
