/**
 * Large files reach the station in pieces (issue 12: a 50,000-line export is
 * tens of MB, and browser mode takes at most 1 MB per call): each piece is
 * appended to a file in the data folder, and the import then streams that
 * file, so neither the call nor the import holds it in memory whole.
 * Uploads left behind (a closed window) are removed after an hour.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../../shared/domain/order-desk';
import { StationFailure } from '../../../shared/result';
import type { Clock } from '../util/clock';
import type { ByteSource } from './text-input';

export const UPLOAD_TTL_MS = 60 * 60_000;
const ID_BYTES = 16;

export class UploadStore {
  readonly #dir: string;
  readonly #clock: Clock;
  readonly #maxBytes: number;

  constructor(options: { dir: string; clock: Clock; maxBytes?: number }) {
    this.#dir = options.dir;
    this.#clock = options.clock;
    this.#maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  }

  #path(id: string): string {
    if (!/^[a-f0-9]{32}$/.test(id)) throw new StationFailure('NOT_FOUND', 'Unknown upload. Send the file again.');
    return join(this.#dir, `${id}.upload`);
  }

  async #size(id: string): Promise<number | null> {
    try {
      return (await stat(this.#path(id))).size;
    } catch {
      return null;
    }
  }

  /** Appends a piece; a piece sent again (a retried call) is taken once. */
  async put(args: { uploadId?: string | undefined; offset: number; base64: string }): Promise<{ uploadId: string; size: number }> {
    await mkdir(this.#dir, { recursive: true });
    await this.sweep();
    const bytes = Buffer.from(args.base64, 'base64');
    const id = args.uploadId ?? randomBytes(ID_BYTES).toString('hex');
    const size = args.uploadId ? await this.#size(id) : 0;
    if (size === null) throw new StationFailure('NOT_FOUND', 'This upload expired or is unknown. Send the file again.');
    if (args.offset + bytes.length === size && args.offset < size) return { uploadId: id, size };
    if (args.offset !== size) {
      throw new StationFailure(
        'CONFLICT',
        `This piece starts at byte ${args.offset}, but ${size} bytes have arrived. Send from byte ${size}.`,
      );
    }
    if (size + bytes.length > this.#maxBytes) {
      throw new StationFailure(
        'INVALID_ARGUMENT',
        `The file is larger than ${Math.round(this.#maxBytes / 1024 / 1024)} MB. Split it into smaller files.`,
      );
    }
    await appendFile(this.#path(id), bytes);
    return { uploadId: id, size: size + bytes.length };
  }

  /** The uploaded bytes, streamed; NOT_FOUND when the upload is unknown. */
  async open(id: string): Promise<ByteSource & { close(): void }> {
    if ((await this.#size(id)) === null) throw new StationFailure('NOT_FOUND', 'This upload expired or is unknown. Send the file again.');
    const stream = createReadStream(this.#path(id));
    return Object.assign(stream, { close: () => stream.destroy() });
  }

  async remove(id: string): Promise<void> {
    await rm(this.#path(id), { force: true });
  }

  /** Removes uploads nobody finished within the hour. */
  async sweep(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch {
      return;
    }
    const now = this.#clock.now();
    for (const name of names) {
      if (!name.endsWith('.upload')) continue;
      const info = await stat(join(this.#dir, name)).catch(() => null);
      if (info && now - info.mtimeMs > UPLOAD_TTL_MS) await rm(join(this.#dir, name), { force: true });
    }
  }
}
