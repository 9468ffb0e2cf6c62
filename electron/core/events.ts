import type { EventName, EventPayload, StationEvent } from '../../shared/contract';

type Listener = (event: StationEvent) => void;

/** Pushes from services to every attached renderer (IPC window or browser SSE stream). */
export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(type: E, payload: EventPayload<E>): void {
    const event = { type, payload } as StationEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed window) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
