import nodeLog from 'electron-log/node';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MainLogger } from 'electron-log';
import { LOG_ARCHIVES_KEPT, LOG_FILE_MAX_BYTES, rotateArchives, setUpLogging } from '../../electron/main/logging';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileLogger(): MainLogger {
  const log = (nodeLog as unknown as MainLogger).create({ logId: `logging-test-${Math.random()}` }) as MainLogger;
  log.transports.file.resolvePathFn = () => join(dir, 'main.log');
  return log;
}

describe('log rotation', () => {
  it('shifts numbered archives and drops the oldest', () => {
    const main = join(dir, 'main.log');
    for (let n = 1; n <= LOG_ARCHIVES_KEPT; n += 1) writeFileSync(join(dir, `main.${n}.log`), `archive ${n}`);
    writeFileSync(main, 'current');
    rotateArchives(main);
    expect(existsSync(main)).toBe(false);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('current');
    expect(readFileSync(join(dir, 'main.2.log'), 'utf8')).toBe('archive 1');
    expect(readFileSync(join(dir, `main.${LOG_ARCHIVES_KEPT}.log`), 'utf8')).toBe(`archive ${LOG_ARCHIVES_KEPT - 1}`);
    expect(readdirSync(dir)).toHaveLength(LOG_ARCHIVES_KEPT);
  });

  it('electron-log rotates by size into at most the kept number of archives', () => {
    const log = fileLogger();
    const logging = setUpLogging(log, () => []);
    expect(log.transports.file.maxSize).toBe(LOG_FILE_MAX_BYTES);
    log.transports.file.maxSize = 2_000; // small, so a few hundred lines rotate many times
    const labels = logging.logger('labels');
    for (let n = 0; n < 400; n += 1) labels.info('label printed', { shipment: `S-${n}`, printer: 'Zebra ZD421' });
    const files = readdirSync(dir).sort();
    expect(files).toContain('main.log');
    expect(files.filter((f) => /^main\.\d+\.log$/.test(f))).toHaveLength(LOG_ARCHIVES_KEPT);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('S-399');
    expect(logging.logsFolder()).toBe(dir);
  });

  it('writes one named scope per module and redacts secrets on every line', () => {
    const token = 'ff_live_rotation_secret_1';
    const log = fileLogger();
    const logging = setUpLogging(log, () => [token]);
    logging.logger('api').warn(`calling with ${token}`, { headers: { authorization: `Bearer ${token}` } });
    log.info('direct line', { note: `x-rr-apitoken=${token}` });
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toMatch(/\(api\)\s+calling with \[redacted\]/);
    expect(text).toContain('direct line');
    expect(text).not.toContain(token);
  });
});
