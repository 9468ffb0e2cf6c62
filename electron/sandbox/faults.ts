/**
 * Fault injection for tests and demos: a steady rate of each fault, plus a
 * script of exact faults for the next matching requests. Random draws use an
 * injected generator so a seeded test sees the same faults every run.
 */
export type FaultKind = 'error' | 'timeout' | 'malformed' | 'drop';

export interface ScriptedFault {
  kind: FaultKind;
  /** For `error`: 500 or 502 (default 502). */
  status?: number;
  /**
   * `before`: the request is not processed at all. `after`: it is processed
   * (a label really is created) and then the answer is lost or replaced:
   * what a client sees when a reply dies on the way back.
   */
  when?: 'before' | 'after';
  /** Only requests whose `METHOD path` starts with this, e.g. `POST /labels` or `GET /tracking/`. */
  match?: string;
}

export interface FaultRates {
  /** Added to every answer. */
  latencyMs: number;
  /** Share of requests (0–1) answered with `errorStatus` before processing. */
  errorRate: number;
  errorStatus: number;
  /** Share of requests never answered (the client's timeout fires). */
  timeoutRate: number;
  /** Share of answers replaced by a truncated JSON body with status 200. */
  malformedRate: number;
  /** Share of connections closed without an answer. */
  dropRate: number;
}

export const NO_FAULTS: FaultRates = { latencyMs: 0, errorRate: 0, errorStatus: 502, timeoutRate: 0, malformedRate: 0, dropRate: 0 };

export class FaultController {
  #rates: FaultRates = { ...NO_FAULTS };
  readonly #script: ScriptedFault[] = [];
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get rates(): FaultRates {
    return { ...this.#rates };
  }

  set(rates: Partial<FaultRates>): void {
    this.#rates = { ...this.#rates, ...rates };
  }

  /** Queues exact faults; each is used once, by the first request it matches. */
  script(...faults: ScriptedFault[]): void {
    this.#script.push(...faults);
  }

  clear(): void {
    this.#rates = { ...NO_FAULTS };
    this.#script.length = 0;
  }

  /** The fault for this request, if any (consumes a scripted one). */
  pick(method: string, path: string): ScriptedFault | null {
    const line = `${method} ${path}`;
    const index = this.#script.findIndex((f) => !f.match || line.startsWith(f.match));
    if (index >= 0) return this.#script.splice(index, 1)[0]!;
    const r = this.#rates;
    const draw = this.#random();
    let edge = r.errorRate;
    if (draw < edge) return { kind: 'error', status: r.errorStatus, when: 'before' };
    edge += r.timeoutRate;
    if (draw < edge) return { kind: 'timeout' };
    edge += r.malformedRate;
    if (draw < edge) return { kind: 'malformed', when: 'after' };
    edge += r.dropRate;
    if (draw < edge) return { kind: 'drop', when: 'before' };
    return null;
  }
}
