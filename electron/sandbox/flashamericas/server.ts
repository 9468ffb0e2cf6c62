/**
 * The Flash Americas sandbox on its own HTTP server: for tests and for
 * running it without the Flex Forward sandbox. Inside the station it is
 * mounted on the shared sandbox server instead (see `handle`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlashAmericasSandboxRouter, FA_SANDBOX_PREFIX, type FlashAmericasSandboxRouter } from './router';
import { FlashAmericasSandboxState } from './state';

export interface FlashAmericasSandbox extends FlashAmericasSandboxRouter {
  /** Base URL including /flashamericas/api/v1, for both of the client's hosts. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startFlashAmericasSandbox(options: { now?: () => number; autoCreate?: boolean } = {}): Promise<FlashAmericasSandbox> {
  const now = options.now ?? Date.now;
  const router = createFlashAmericasSandboxRouter(new FlashAmericasSandboxState(now, options.autoCreate ?? true), now);
  const server: Server = createServer((req, res) => {
    void router.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    ...router,
    baseUrl: `http://127.0.0.1:${port}${FA_SANDBOX_PREFIX}`,
    async close() {
      await router.settled();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}
