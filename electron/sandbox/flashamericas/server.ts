/**
 * The Flash Americas sandbox on the shared sandbox server, for tests and
 * tools that want it alone. The station mounts the same router on its demo
 * sandbox (electron/core/station.ts) instead.
 */
import { startSandbox, type Sandbox } from '../server';
import { createFlashAmericasSandboxRouter, FA_SANDBOX_PREFIX, type FlashAmericasSandboxRouter } from './router';
import { FlashAmericasSandboxState } from './state';

export interface FlashAmericasSandbox extends FlashAmericasSandboxRouter {
  /** Base URL including /flashamericas/api/v1, for both of the client's hosts. */
  readonly baseUrl: string;
  readonly server: Sandbox;
  close(): Promise<void>;
}

/** The demo key the station uses against the sandbox (sandbox keys start with `test_`, reference §1.2). */
export const FA_DEMO_KEY = 'test_demo_station';

export async function startFlashAmericasSandbox(
  options: { now?: () => number; autoCreate?: boolean; requestsPerMinute?: number } = {},
): Promise<FlashAmericasSandbox> {
  const now = options.now ?? Date.now;
  const router = createFlashAmericasSandboxRouter(
    new FlashAmericasSandboxState(now, options.autoCreate ?? true),
    now,
    options.requestsPerMinute,
  );
  const server = await startSandbox({ routers: [router] });
  return {
    ...router,
    server,
    baseUrl: `${server.url}${FA_SANDBOX_PREFIX}`,
    async close() {
      await router.settled();
      await server.stop();
    },
  };
}
