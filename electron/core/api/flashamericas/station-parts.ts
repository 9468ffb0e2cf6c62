/**
 * Flash Americas, assembled for the station: client (hosts and key by
 * environment), its own rate budget, the tracking source the poller uses,
 * and the recorder for the provider's extra details.
 *
 * Demo mode runs on the embedded sandbox's Flash Americas router with a
 * `test_` demo key; otherwise the key comes from the secret store and the
 * documented production hosts are used (gap 1). A key is read per request,
 * never copied into settings, logs or the renderer.
 */
import type { WritableDb } from '../../db/types';
import type { Clock } from '../../util/clock';
import type { LoggerFactory } from '../../util/log';
import { FA_PRODUCTION_HOSTS, FlashAmericasClient, type FaHosts } from './client';
import { FaDetailsRecorder } from './details-recorder';
import { FA_BUDGETS, TokenBucketLimiter, type RateBudget } from './limiter';
import type { RequestLimiter } from '../rate-limiter';
import { FlashAmericasTrackingSource } from './tracking-source';

/** Sandbox keys start with `test_` (reference §1.2); the embedded sandbox accepts any such key. */
export const FA_DEMO_KEY = 'test_demo_station';
/** Where the embedded sandbox mounts Flash Americas (electron/sandbox/flashamericas/router.ts). */
export const FA_SANDBOX_PATH = '/flashamericas/api/v1';

export interface FlashAmericasPartsOptions {
  db: WritableDb;
  clock: Clock;
  logger: LoggerFactory;
  /** True while the station runs on the embedded sandbox. */
  demo: () => boolean;
  /** The embedded sandbox's base URL while it runs. */
  sandboxUrl: () => string | null;
  /** The stored Flash Americas key (secret store); null when none is set. */
  apiKey: () => string | null;
  /** Overrides both hosts (a custom or staging set-up). */
  hosts?: () => FaHosts | null;
  /**
   * Warehouse mode: the account's budget shared by every station of the site (api/site-limiter.ts), given
   * the budget of the key in use; each request also takes a slot there, held a minute from its start.
   */
  siteLimiter?: (demo: boolean, budget: RateBudget) => RequestLimiter;
}

export interface FlashAmericasParts {
  client: FlashAmericasClient;
  source: FlashAmericasTrackingSource;
  recorder: FaDetailsRecorder;
}

export function createFlashAmericasParts(o: FlashAmericasPartsOptions): FlashAmericasParts {
  // Separate budgets: a sandbox key's 100/min must not throttle a production key, nor the reverse.
  const limiters = {
    demo: new TokenBucketLimiter(o.clock, FA_BUDGETS.sandbox),
    live: new TokenBucketLimiter(o.clock, FA_BUDGETS.production),
  };
  const hosts = (): FaHosts => {
    if (o.demo()) {
      const base = `${o.sandboxUrl() ?? 'http://127.0.0.1'}${FA_SANDBOX_PATH}`;
      return { ship: base, api: base };
    }
    return o.hosts?.() ?? FA_PRODUCTION_HOSTS;
  };
  const recorder = new FaDetailsRecorder(o.db, o.clock);
  const demoAware = (): TokenBucketLimiter => (o.demo() ? limiters.demo : limiters.live);
  const siteLimiters = o.siteLimiter
    ? { demo: o.siteLimiter(true, FA_BUDGETS.sandbox), live: o.siteLimiter(false, FA_BUDGETS.production) }
    : null;
  const site = siteLimiters ? (demo: boolean): RequestLimiter => (demo ? siteLimiters.demo : siteLimiters.live) : null;
  const client = new FlashAmericasClient({
    hosts,
    apiKey: () => (o.demo() ? FA_DEMO_KEY : o.apiKey()),
    clock: o.clock,
    logger: o.logger('flashamericas'),
    limiter: {
      acquire: async (p) => {
        await demoAware().acquire(p);
        if (!site) return;
        // A per-minute budget counts starts: the slot is released at once and held a window from then.
        const release = await site(o.demo()).acquire(p === 'user' ? 'user' : 'background');
        release();
      },
      pauseFor: (ms) => demoAware().pauseFor(ms),
    },
  });
  const source = new FlashAmericasTrackingSource({ client, logger: o.logger('flashamericas'), onSnapshot: (s) => recorder.record(s) });
  return { client, source, recorder };
}
