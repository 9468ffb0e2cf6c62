/**
 * The watched folder (optional, per station): an order system or a person
 * drops a file in, the station imports it, and the file ends in `processed/`
 * or `failed/` with the import report beside it.
 *
 * When is a file complete? A copy in progress must never be read half-way:
 * - its size and modification time have not changed for 2 s (checked at the
 *   exact edge, with an injected clock), or
 * - it was renamed in from a temporary name in the folder (the way careful
 *   writers publish a finished file: write `x.tmp`, rename to `x.csv`), which
 *   shows as a temporary name vanishing in the same instant the file appears.
 *   A file moved in from elsewhere cannot be told from a fresh copy by the
 *   events Node gives, so it waits the 2 s too.
 * Temporary names (`~$*` Office lock files, `*.tmp`, dot-files) are never taken.
 *
 * A taken file is first claimed by moving it into `processing/` (so a second
 * station on a shared folder, or a second scan, cannot take it too), then
 * imported through the injected callback, then moved on. Files left in
 * `processing/` by a crash are imported again at start-up: import is
 * idempotent, so that is safe.
 */
import { promises as fsp, watch as fsWatch } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { OrderImportReport } from '../../../shared/domain/order-import';
import type { Clock, TimerHandle } from '../util/clock';
import type { Logger } from '../util/log';

/** How long a file's size and modification time must stay put before it is taken. */
export const STABLE_MS = 2_000;
/** Folder scan when no event came (network shares often send none). */
export const RESCAN_MS = 10_000;
/** A temporary name vanishing and a file appearing this close together are one rename. */
export const RENAME_PAIR_MS = 100;
/** Retry for a file the writer still holds open (Windows refuses the move then). */
export const CLAIM_RETRY_MS = 2_000;

export const PROCESSING_DIR = 'processing';
export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';

export interface FileFacts {
  size: number;
  mtimeMs: number;
  isFile: boolean;
}

/** The file system as the folder needs it (Node's in the app, a fake in timing tests). */
export interface FolderFs {
  readdir(dir: string): Promise<string[]>;
  /** Null when the entry is gone. */
  stat(path: string): Promise<FileFacts | null>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  writeFile(path: string, text: string): Promise<void>;
}

export interface WatchEvent {
  type: 'rename' | 'change';
  name: string | null;
}
export type WatchFolder = (dir: string, onEvent: (event: WatchEvent) => void, onError: (error: Error) => void) => { close(): void };

export interface WatchedFolderOptions {
  dir: string;
  fs: FolderFs;
  watch: WatchFolder;
  clock: Clock;
  logger: Logger;
  /** Imports (and, once storage exists, stores) the claimed file; returns the report. */
  importFile: (path: string, file: string) => Promise<OrderImportReport>;
  /** The report as a person reads it (the station's language). */
  formatReport: (report: OrderImportReport) => string;
  /** Told after each file, for the UI. */
  onFileDone?: (outcome: WatchedFileOutcome) => void;
}

export interface WatchedFileOutcome {
  file: string;
  /** Where the file now is. */
  path: string;
  result: 'processed' | 'failed';
  report: OrderImportReport | null;
}

/** `~$orders.xlsx` (Office lock), `orders.csv.tmp`, `.orders.csv.swp`, `.DS_Store`. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.toLowerCase().endsWith('.tmp');
}

interface Candidate {
  size: number;
  mtimeMs: number;
  stableSince: number;
  timer: TimerHandle | null;
}

export class WatchedFolder {
  readonly #o: WatchedFolderOptions;
  readonly #candidates = new Map<string, Candidate>();
  /** Temporary files seen, with their last size, to see one vanish as a file of that size appears (a rename in). */
  readonly #temporary = new Map<string, number>();
  #vanished: { size: number; at: number } | null = null;
  #events: Promise<void> = Promise.resolve();
  #watcher: { close(): void } | null = null;
  #rescan: TimerHandle | null = null;
  #queue: Promise<void> = Promise.resolve();
  readonly #queued = new Set<string>();
  #stopped = true;

  constructor(options: WatchedFolderOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    const { fs, dir } = this.#o;
    this.#stopped = false;
    for (const sub of [PROCESSING_DIR, PROCESSED_DIR, FAILED_DIR]) await fs.mkdir(join(dir, sub));
    // A crash between claim and move left these: import again (idempotent).
    for (const name of await fs.readdir(join(dir, PROCESSING_DIR))) {
      const facts = await fs.stat(join(dir, PROCESSING_DIR, name));
      if (facts?.isFile) this.#enqueue(name, join(dir, PROCESSING_DIR, name));
    }
    this.#watcher = this.#o.watch(
      dir,
      (event) => this.#onEvent(event),
      (error) => this.#o.logger.warn('watched folder: watch failed, scanning only', { dir, error: error.message }),
    );
    this.#serial(() => this.#scan());
    await this.#events;
  }

  /** Stops watching; an import already under way finishes first. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#rescan) this.#o.clock.clearTimeout(this.#rescan);
    this.#rescan = null;
    for (const c of this.#candidates.values()) if (c.timer) this.#o.clock.clearTimeout(c.timer);
    this.#candidates.clear();
    await this.#events;
    await this.#queue;
  }

  /** Resolves when the events so far are handled and every file taken has been imported and moved. */
  async idle(): Promise<void> {
    await this.#events;
    await this.#queue;
  }

  async #scan(): Promise<void> {
    if (this.#stopped) return;
    for (const name of await this.#o.fs.readdir(this.#o.dir)) if (!isTemporaryName(name)) await this.#observe(name, false);
    if (this.#rescan) this.#o.clock.clearTimeout(this.#rescan);
    if (!this.#stopped) this.#rescan = this.#o.clock.setTimeout(() => this.#serial(() => this.#scan()), RESCAN_MS);
  }

  /** Events are handled one at a time, in the order they came: a rename in is a vanish followed by an appearance. */
  #onEvent(event: WatchEvent): void {
    this.#serial(() => this.#handle(event));
  }

  /** Events, timer checks and scans run one at a time, so two of them never race for one file. */
  #serial(work: () => Promise<void>): void {
    this.#events = this.#events
      .then(work)
      .catch((error: unknown) =>
        this.#o.logger.warn('watched folder: check failed', { error: error instanceof Error ? error.message : String(error) }),
      );
  }

  async #handle(event: WatchEvent): Promise<void> {
    if (this.#stopped) return;
    if (event.name === null) return this.#scan();
    const name = basename(event.name);
    const facts = await this.#o.fs.stat(join(this.#o.dir, name));
    if (isTemporaryName(name)) {
      if (facts?.isFile) this.#temporary.set(name, facts.size);
      else if (this.#temporary.has(name)) {
        this.#vanished = { size: this.#temporary.get(name)!, at: this.#o.clock.now() };
        this.#temporary.delete(name);
      }
      return;
    }
    // A temporary file of exactly this size vanished just now: it was renamed to this name, complete.
    const v = this.#vanished;
    const renamedIn =
      event.type === 'rename' && v !== null && facts !== null && facts.size === v.size && this.#o.clock.now() - v.at <= RENAME_PAIR_MS;
    if (renamedIn) this.#vanished = null;
    await this.#observe(name, renamedIn);
  }

  /** Looks at one file: takes it if complete, else (re)arms its 2 s check. */
  async #observe(name: string, renamedIn: boolean): Promise<void> {
    if (this.#queued.has(name)) return;
    const facts = await this.#o.fs.stat(join(this.#o.dir, name));
    const known = this.#candidates.get(name);
    if (!facts || !facts.isFile) {
      if (known?.timer) this.#o.clock.clearTimeout(known.timer);
      this.#candidates.delete(name);
      return;
    }
    const now = this.#o.clock.now();
    if (renamedIn) return this.#take(name);
    if (known && known.size === facts.size && known.mtimeMs === facts.mtimeMs) {
      if (now - known.stableSince >= STABLE_MS) return this.#take(name);
      return;
    }
    if (known?.timer) this.#o.clock.clearTimeout(known.timer);
    const candidate: Candidate = { size: facts.size, mtimeMs: facts.mtimeMs, stableSince: now, timer: null };
    candidate.timer = this.#o.clock.setTimeout(() => this.#serial(() => this.#recheck(name)), STABLE_MS);
    this.#candidates.set(name, candidate);
  }

  async #recheck(name: string): Promise<void> {
    const c = this.#candidates.get(name);
    if (c) c.timer = null;
    if (this.#stopped) return;
    // Unchanged for 2 s: taken. Changed: `#observe` arms the next check. Gone: forgotten.
    await this.#observe(name, false);
  }

  async #take(name: string): Promise<void> {
    const { fs, dir, clock, logger } = this.#o;
    const known = this.#candidates.get(name);
    if (known?.timer) clock.clearTimeout(known.timer);
    this.#candidates.delete(name);
    const claimed = await freeName(fs, join(dir, PROCESSING_DIR), name);
    try {
      await fs.rename(join(dir, name), claimed);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // taken by another station, or deleted
      // Windows: the writer still has it open. Try again later, as a new candidate.
      logger.info('watched folder: file not free yet', { file: name, code });
      this.#candidates.set(name, {
        size: -1,
        mtimeMs: -1,
        stableSince: clock.now(),
        timer: clock.setTimeout(() => this.#serial(() => this.#recheck(name)), CLAIM_RETRY_MS),
      });
      return;
    }
    this.#enqueue(name, claimed);
  }

  #enqueue(name: string, claimedPath: string): void {
    this.#queued.add(name);
    this.#queue = this.#queue.then(() => this.#process(name, claimedPath)).finally(() => this.#queued.delete(name));
  }

  async #process(name: string, claimedPath: string): Promise<void> {
    const { fs, dir, logger } = this.#o;
    let report: OrderImportReport | null = null;
    let text: string;
    try {
      report = await this.#o.importFile(claimedPath, name);
      text = this.#o.formatReport(report);
    } catch (error) {
      logger.error('watched folder: import failed', { file: name, error: error instanceof Error ? error.message : String(error) });
      text = `${name}: the import stopped with an error (${error instanceof Error ? error.message : String(error)}). The file was kept; drop it in again to retry.\n`;
    }
    const result = report?.accepted ? 'processed' : 'failed';
    const target = await freeName(fs, join(dir, result === 'processed' ? PROCESSED_DIR : FAILED_DIR), basename(claimedPath));
    try {
      await fs.rename(claimedPath, target);
      await fs.writeFile(`${target}.report.txt`, text);
      if (report) await fs.writeFile(`${target}.report.json`, JSON.stringify(report, null, 2) + '\n');
    } catch (error) {
      logger.error('watched folder: could not file the result', {
        file: name,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    logger.info('watched folder: file imported', { file: name, result, imported: report?.imported ?? 0 });
    this.#o.onFileDone?.({ file: name, path: target, result, report });
  }
}

/** `orders.csv`, or `orders-2.csv`, `orders-3.csv`, … when the name is taken (the same export name every day). */
async function freeName(fs: FolderFs, dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    if ((await fs.stat(candidate)) === null) return candidate;
  }
}

/** Node's file system. */
export const nodeFolderFs: FolderFs = {
  readdir: (dir) => fsp.readdir(dir),
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile() };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  mkdir: async (dir) => {
    await fsp.mkdir(dir, { recursive: true });
  },
  writeFile: (path, text) => fsp.writeFile(path, text, 'utf8'),
};

/** Node's fs.watch on the folder itself (not recursive: sub-folders are the station's). */
export const nodeWatchFolder: WatchFolder = (dir, onEvent, onError) => {
  const watcher = fsWatch(dir, { persistent: false }, (type, name) =>
    onEvent({ type: type === 'rename' ? 'rename' : 'change', name: name ?? null }),
  );
  watcher.on('error', onError);
  return { close: () => watcher.close() };
};
