/**
 * The one way a contract entry reaches the main process over IPC. It checks
 * that the call comes from our own top-level page (Electron security
 * checklist 17) and then hands over to the shared `invoke`, which parses the
 * arguments; no handler can be registered around it.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, type StationEvent } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import { invoke, type Handlers } from '../core/invoke';
import type { Logger } from '../core/util/log';

export const EVENT_CHANNEL = 'station:event';

/** Origins our renderer is served from: the app:// protocol, or the dev server while developing. */
export function isTrustedSender(frameUrl: string | undefined, trustedOrigins: readonly string[]): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  // WHATWG URL gives custom schemes (app://) the origin "null": compare scheme and host ourselves.
  return trustedOrigins.includes(`${url.protocol}//${url.host}`);
}

export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  trustedOrigins: readonly string[],
  logger: Logger,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      // Only the main frame of our own page: an iframe (e.g. a label preview) gets nothing.
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url, trustedOrigins)) {
        logger.warn('refused IPC from an untrusted sender', { channel, url: frame?.url });
        return err('FORBIDDEN', 'This call is only accepted from the Shipping Station window.');
      }
      return invoke(handlers, channel, args, logger);
    });
  }
}

export function forwardEvents(
  subscribe: (listener: (event: StationEvent) => void) => () => void,
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
): () => void {
  return subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
