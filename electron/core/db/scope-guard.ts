/**
 * Catches a query made on the outer handle inside `inTransaction` or
 * `withConnection`, where only the handle the callback was given is right:
 * - on PostgreSQL the outer handle takes another pooled connection, so the
 *   query silently runs outside the transaction (it does not see the
 *   transaction's rows, and its writes survive the rollback);
 * - on SQLite it waits for the one connection the transaction holds: forever.
 * Either way the mistake now fails at once with this error, on both dialects.
 *
 * How: each opened database has one guard, carried by its Kysely adapter and
 * its driver. `inTransaction`/`withConnection` run their callback in a scope
 * (AsyncLocalStorage) naming the guard; the driver is asked for a new
 * connection only by a query on the outer handle (the transaction's and the
 * connection's queries reuse theirs), and refuses while a scope of its own
 * guard is open in the caller's async context.
 *
 * A consequence by design: work started inside the callback and not awaited
 * (a fire-and-forget read through the outer handle) is refused while the
 * transaction is open. Do such work after the transaction returns.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DialectAdapter } from 'kysely';

/** One per opened database. */
export class ScopeGuard {
  assertOutside(): void {
    for (let frame = frames.getStore(); frame; frame = frame.parent) {
      if (frame.guard === this && frame.open) throw new OuterHandleInScopeError(frame.kind);
    }
  }
}

export class OuterHandleInScopeError extends Error {
  constructor(kind: ScopeKind) {
    super(
      `A query used the database's outer handle inside ${kind}: use the handle the callback was given ` +
        '(on PostgreSQL the outer handle runs outside the transaction; on SQLite it would wait forever)',
    );
    this.name = 'OuterHandleInScopeError';
  }
}

type ScopeKind = 'inTransaction' | 'withConnection';

interface Frame {
  guard: ScopeGuard;
  kind: ScopeKind;
  open: boolean;
  parent: Frame | undefined;
}

const frames = new AsyncLocalStorage<Frame>();

/** Runs `fn` in a scope of `guard`; the scope closes when `fn` settles (later work it left behind is not refused). */
export async function inScope<T>(guard: ScopeGuard | undefined, kind: ScopeKind, fn: () => Promise<T>): Promise<T> {
  if (!guard) return fn();
  const frame: Frame = { guard, kind, open: true, parent: frames.getStore() };
  try {
    return await frames.run(frame, fn);
  } finally {
    frame.open = false;
  }
}

const guards = new WeakMap<DialectAdapter, ScopeGuard>();

export function registerGuard(adapter: DialectAdapter, guard: ScopeGuard): void {
  guards.set(adapter, guard);
}

export function guardOf(adapter: DialectAdapter): ScopeGuard | undefined {
  return guards.get(adapter);
}
