/**
 * The watched folder's timing, edge by edge (design rule 10): an injected
 * clock and file system stand in for time and the disk, so "1999 ms: still
 * waiting, 2000 ms: taken" is exact. The real disk and fs.watch are in
 * test/integration/orders-watched-folder.test.ts.
 */
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderImportReport } from '../../shared/domain/order-import';
import { silentLoggerFactory } from '../../electron/core/util/log';
import {
  CLAIM_RETRY_MS,
  RESCAN_MS,
  STABLE_MS,
  WatchedFolder,
  isTemporaryName,
  type FileFacts,
  type FolderFs,
  type WatchEvent,
} from '../../electron/core/orders/watched-folder';
import { ManualClock, flushPromises } from '../helpers/manual-clock';

const DIR = '/station/inbox';

/** A folder tree in memory: files have a size and a modification time, like the disk says. */
class MemoryFs implements FolderFs {
  readonly files = new Map<string, { size: number; mtimeMs: number; text: string }>();
  readonly dirs = new Set<string>([DIR]);
  readonly locked = new Set<string>();
  constructor(private readonly clock: ManualClock) {}

  put(name: string, size: number, dir = DIR): void {
    this.files.set(join(dir, name), { size, mtimeMs: this.clock.now(), text: '' });
  }
  async readdir(dir: string): Promise<string[]> {
    const names = [...this.files.keys(), ...this.dirs].filter((p) => dirname(p) === dir && p !== dir).map((p) => p.slice(dir.length + 1));
    return [...new Set(names)].sort();
  }
  async stat(path: string): Promise<FileFacts | null> {
    const f = this.files.get(path);
    if (f) return { size: f.size, mtimeMs: f.mtimeMs, isFile: true };
    return this.dirs.has(path) ? { size: 0, mtimeMs: 0, isFile: false } : null;
  }
  async rename(from: string, to: string): Promise<void> {
    const f = this.files.get(from);
    if (!f) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    if (this.locked.has(from)) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
    this.files.delete(from);
    this.files.set(to, f);
  }
  async mkdir(dir: string): Promise<void> {
    this.dirs.add(dir);
  }
  async writeFile(path: string, text: string): Promise<void> {
    this.files.set(path, { size: text.length, mtimeMs: this.clock.now(), text });
  }
  names(dir = DIR): string[] {
    return [...this.files.keys()]
      .filter((p) => dirname(p) === dir)
      .map((p) => p.slice(dir.length + 1))
      .sort();
  }
}

function report(file: string, accepted: boolean): OrderImportReport {
  return {
    file,
    format: 'shopify-csv',
    preset: 'Shopify order export',
    policy: 'import-good-rows',
    accepted,
    rows: 3,
    imported: accepted ? 2 : 0,
    skipped: [],
    problems: [],
    needsAttention: [],
  };
}

interface Rig {
  clock: ManualClock;
  fs: MemoryFs;
  folder: WatchedFolder;
  emit: (event: WatchEvent) => Promise<void>;
  imported: string[];
  start: () => Promise<void>;
}

let running: WatchedFolder | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function rig(importFile?: (path: string, file: string) => Promise<OrderImportReport>): Rig {
  const clock = new ManualClock();
  const fs = new MemoryFs(clock);
  const imported: string[] = [];
  let listener: ((e: WatchEvent) => void) | null = null;
  const folder = new WatchedFolder({
    dir: DIR,
    fs,
    clock,
    logger: silentLoggerFactory('test'),
    watch: (_dir, onEvent) => {
      listener = onEvent;
      return { close: () => (listener = null) };
    },
    importFile:
      importFile ??
      (async (path, file) => {
        imported.push(path);
        return report(file, true);
      }),
    formatReport: (r) => `${r.file}: ${r.accepted ? 'imported' : 'refused'}\n`,
  });
  running = folder;
  return {
    clock,
    fs,
    folder,
    imported,
    start: () => folder.start(),
    emit: async (event) => {
      listener?.(event);
      await folder.idle();
      await flushPromises();
    },
  };
}

/** Moves the clock, letting the folder's checks (which read the disk) settle. */
async function tick(r: Rig, ms: number): Promise<void> {
  await r.clock.tick(ms);
  await r.folder.idle();
  await flushPromises();
}

describe('watched folder: when a file is taken', () => {
  it('takes a copied file once its size and time have not changed for 2 s, not a millisecond sooner', async () => {
    const r = rig();
    await r.start();
    r.fs.put('orders.csv', 1_000);
    await r.emit({ type: 'rename', name: 'orders.csv' });
    await tick(r, 500);
    r.fs.put('orders.csv', 9_000); // the copy goes on
    await r.emit({ type: 'change', name: 'orders.csv' });
    await tick(r, STABLE_MS - 1);
    expect(r.fs.names()).toEqual(['orders.csv']);
    expect(r.imported).toEqual([]);
    await tick(r, 1);
    expect(r.imported).toEqual([join(DIR, 'processing', 'orders.csv')]);
    expect(r.fs.names()).toEqual([]);
    expect(r.fs.names(join(DIR, 'processed'))).toEqual(['orders.csv', 'orders.csv.report.json', 'orders.csv.report.txt']);
    expect(r.fs.files.get(join(DIR, 'processed', 'orders.csv.report.txt'))!.text).toBe('orders.csv: imported\n');
  });

  it('ignores a partial copy that keeps growing, however long it takes', async () => {
    const r = rig();
    await r.start();
    for (let i = 1; i <= 10; i += 1) {
      r.fs.put('big.csv', i * 1_000);
      await r.emit({ type: 'change', name: 'big.csv' });
      await tick(r, STABLE_MS - 1);
    }
    expect(r.imported).toEqual([]);
    await tick(r, 1);
    expect(r.imported).toEqual([join(DIR, 'processing', 'big.csv')]);
  });

  it('takes a file renamed in from a temporary name at once', async () => {
    const r = rig();
    await r.start();
    r.fs.put('orders.csv.tmp', 10);
    await r.emit({ type: 'rename', name: 'orders.csv.tmp' });
    r.fs.put('orders.csv.tmp', 4_096);
    await r.emit({ type: 'change', name: 'orders.csv.tmp' });
    await tick(r, 300);
    await r.fs.rename(join(DIR, 'orders.csv.tmp'), join(DIR, 'orders.csv'));
    await r.emit({ type: 'rename', name: 'orders.csv.tmp' });
    await r.emit({ type: 'rename', name: 'orders.csv' });
    expect(r.imported).toEqual([join(DIR, 'processing', 'orders.csv')]);
  });

  it('does not mistake a new copy for a rename when an unrelated temporary file of another size vanishes', async () => {
    const r = rig();
    await r.start();
    r.fs.put('~$orders.xlsx', 165);
    await r.emit({ type: 'rename', name: '~$orders.xlsx' });
    r.fs.files.delete(join(DIR, '~$orders.xlsx'));
    await r.emit({ type: 'rename', name: '~$orders.xlsx' });
    r.fs.put('orders.csv', 512);
    await r.emit({ type: 'rename', name: 'orders.csv' });
    expect(r.imported).toEqual([]);
    await tick(r, STABLE_MS);
    expect(r.imported).toHaveLength(1);
  });

  it.each(['~$orders.xlsx', 'orders.csv.tmp', 'ORDERS.TMP', '.DS_Store', '.orders.csv.swp'])(
    'never takes the temporary name %s',
    async (name) => {
      expect(isTemporaryName(name)).toBe(true);
      const r = rig();
      r.fs.put(name, 100);
      await r.start();
      await r.emit({ type: 'rename', name });
      await tick(r, RESCAN_MS * 3);
      expect(r.fs.names()).toEqual([name]);
      expect(r.imported).toEqual([]);
    },
  );

  it('finds a file without any event by scanning, then waits the 2 s', async () => {
    const r = rig();
    await r.start();
    r.fs.put('quiet.csv', 700);
    await tick(r, RESCAN_MS + STABLE_MS - 1);
    expect(r.imported).toEqual([]);
    await tick(r, 1);
    expect(r.imported).toEqual([join(DIR, 'processing', 'quiet.csv')]);
  });

  it('takes files already there at start-up after 2 s', async () => {
    const r = rig();
    r.fs.put('waiting.csv', 300);
    await r.start();
    await tick(r, STABLE_MS - 1);
    expect(r.imported).toEqual([]);
    await tick(r, 1);
    expect(r.imported).toHaveLength(1);
  });

  it('forgets a file deleted before it was taken', async () => {
    const r = rig();
    await r.start();
    r.fs.put('oops.csv', 300);
    await r.emit({ type: 'rename', name: 'oops.csv' });
    r.fs.files.delete(join(DIR, 'oops.csv'));
    await r.emit({ type: 'rename', name: 'oops.csv' });
    await tick(r, STABLE_MS * 2);
    expect(r.imported).toEqual([]);
    expect(r.clock.pendingDelays()).toEqual([RESCAN_MS]);
  });

  it('retries a file the writer still holds open', async () => {
    const r = rig();
    await r.start();
    r.fs.put('held.csv', 300);
    r.fs.locked.add(join(DIR, 'held.csv'));
    await r.emit({ type: 'rename', name: 'held.csv' });
    await tick(r, STABLE_MS);
    expect(r.imported).toEqual([]);
    r.fs.locked.clear();
    await tick(r, CLAIM_RETRY_MS + STABLE_MS);
    expect(r.imported).toEqual([join(DIR, 'processing', 'held.csv')]);
  });
});

describe('watched folder: where a file ends', () => {
  it('moves a refused file to failed/ with its report', async () => {
    const r = rig(async (_path, file) => report(file, false));
    await r.start();
    r.fs.put('bad.csv', 10);
    await r.emit({ type: 'rename', name: 'bad.csv' });
    await tick(r, STABLE_MS);
    expect(r.fs.names(join(DIR, 'failed'))).toEqual(['bad.csv', 'bad.csv.report.json', 'bad.csv.report.txt']);
    expect(r.fs.files.get(join(DIR, 'failed', 'bad.csv.report.txt'))!.text).toBe('bad.csv: refused\n');
  });

  it('keeps a file whose import crashed, in failed/ with what happened', async () => {
    const r = rig(async () => {
      throw new Error('disk full');
    });
    await r.start();
    r.fs.put('x.csv', 10);
    await r.emit({ type: 'rename', name: 'x.csv' });
    await tick(r, STABLE_MS);
    expect(r.fs.names(join(DIR, 'failed'))).toEqual(['x.csv', 'x.csv.report.txt']);
    expect(r.fs.files.get(join(DIR, 'failed', 'x.csv.report.txt'))!.text).toContain('disk full');
  });

  it("does not overwrite yesterday's file of the same name", async () => {
    const r = rig();
    r.fs.put('orders.csv', 5, join(DIR, 'processed'));
    await r.start();
    r.fs.put('orders.csv', 10);
    await r.emit({ type: 'rename', name: 'orders.csv' });
    await tick(r, STABLE_MS);
    expect(r.fs.names(join(DIR, 'processed'))).toEqual([
      'orders-2.csv',
      'orders-2.csv.report.json',
      'orders-2.csv.report.txt',
      'orders.csv',
    ]);
  });

  it('imports again what a crash left in processing/', async () => {
    const r = rig();
    r.fs.put('interrupted.csv', 10, join(DIR, 'processing'));
    await r.start();
    await r.folder.idle();
    expect(r.imported).toEqual([join(DIR, 'processing', 'interrupted.csv')]);
    expect(r.fs.names(join(DIR, 'processed'))).toContain('interrupted.csv');
  });

  it('stops: no more timers, nothing taken after', async () => {
    const r = rig();
    await r.start();
    r.fs.put('late.csv', 10);
    await r.emit({ type: 'rename', name: 'late.csv' });
    await r.folder.stop();
    expect(r.clock.pendingTimers).toBe(0);
    await tick(r, STABLE_MS * 5);
    expect(r.imported).toEqual([]);
  });
});
