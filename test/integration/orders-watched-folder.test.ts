/**
 * The watched folder on a real disk with Node's fs.watch and the real
 * importer: a copy still being written is left alone, a finished file is
 * claimed, imported and moved with its report beside it, and a file that is
 * not an order file ends in failed/ with the reason.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrderFile } from '../../electron/core/orders/import-orders';
import { WatchedFolder, nodeFolderFs, nodeWatchFolder, type WatchedFileOutcome } from '../../electron/core/orders/watched-folder';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { formatImportReport } from '../../shared/domain/order-import';

const FIXTURES = join(import.meta.dirname, '../fixtures/orders');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let dir: string;
let folder: WatchedFolder;
const outcomes: WatchedFileOutcome[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-inbox-'));
  folder = new WatchedFolder({
    dir,
    fs: nodeFolderFs,
    watch: nodeWatchFolder,
    clock: systemClock,
    logger: silentLoggerFactory('watched-folder'),
    importFile: async (path) => (await importOrderFile(path)).report,
    formatReport: (report) => formatImportReport('en', report),
    onFileDone: (o) => outcomes.push(o),
  });
  await folder.start();
});

afterAll(async () => {
  await folder?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('watched folder on disk', () => {
  it('leaves a copy alone while it is written, then imports it and files it with its report', async () => {
    const bytes = readFileSync(join(FIXTURES, 'shopify-orders-export.csv'));
    const target = join(dir, 'export.csv');
    const fd = openSync(target, 'w');
    const third = Math.ceil(bytes.length / 3);
    for (let part = 0; part < 3; part += 1) {
      writeSync(fd, bytes.subarray(part * third, (part + 1) * third));
      await sleep(1_200);
      // Still being written (and never 2 s unchanged): not taken, not half-read.
      expect(readdirSync(dir)).toContain('export.csv');
      expect(readdirSync(join(dir, 'processing'))).toEqual([]);
      expect(outcomes).toEqual([]);
    }
    closeSync(fd);
    const done = await until('export.csv filed', () => outcomes.find((o) => o.file === 'export.csv'));
    expect(done.result).toBe('processed');
    expect(done.report).toMatchObject({ accepted: true, rows: 17, imported: 9 });
    expect(readdirSync(dir).sort()).toEqual(['failed', 'processed', 'processing']);
    expect(readdirSync(join(dir, 'processed')).sort()).toEqual(['export.csv', 'export.csv.report.json', 'export.csv.report.txt']);
    expect(readFileSync(join(dir, 'processed', 'export.csv'))).toEqual(bytes);
    expect(readFileSync(join(dir, 'processed', 'export.csv.report.txt'), 'utf8')).toMatch(
      /^export\.csv: 17 rows read, 9 orders imported, 4 skipped, 9 need attention\./,
    );
    expect(JSON.parse(readFileSync(join(dir, 'processed', 'export.csv.report.json'), 'utf8'))).toEqual(done.report);
  });

  it('takes a file published by renaming a finished temporary file', async () => {
    writeFileSync(join(dir, 'orders.json.tmp'), readFileSync(join(import.meta.dirname, '../../docs/orders-json.example.json')));
    await sleep(100);
    renameSync(join(dir, 'orders.json.tmp'), join(dir, 'orders.json'));
    const done = await until('orders.json filed', () => outcomes.find((o) => o.file === 'orders.json'));
    expect(done.result).toBe('processed');
    expect(done.report).toMatchObject({ format: 'json', imported: 2 });
    expect(existsSync(join(dir, 'orders.json.tmp'))).toBe(false);
  });

  it('files what is not an order file under failed/ with the reason, and never touches temporary names', async () => {
    writeFileSync(join(dir, '~$orders.xlsx'), 'lock');
    copyFileSync(join(FIXTURES, 'orders-workbook.xlsx'), join(dir, 'orders.xlsx'));
    const done = await until('orders.xlsx filed', () => outcomes.find((o) => o.file === 'orders.xlsx'));
    expect(done.result).toBe('failed');
    expect(readFileSync(join(dir, 'failed', 'orders.xlsx.report.txt'), 'utf8')).toContain(
      'orders.xlsx: this is an Excel workbook or another zip archive, not a CSV or JSON file.',
    );
    expect(readdirSync(dir)).toContain('~$orders.xlsx');
  });
});
