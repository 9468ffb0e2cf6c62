/**
 * A data folder the station may not write (issue 11, faults): browser mode
 * stops at once with a message naming the database file, the cause and what
 * to do, and changes nothing in the folder; it never starts half-working and
 * fails at the first label. Root writes through any permission, so the
 * station runs as the unprivileged user `nobody` (runuser) on a folder it can
 * read but not write.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openShipmentDb } from '../../electron/core/db/open';

const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(
  (p) => spawnSync(p, ['--help'], { stdio: 'ignore' }).status === 0,
);
const AS_ROOT = process.getuid?.() === 0;

/** Whether `nobody` may do `test -<flag> path`. */
const nobodyCan = (flag: 'r' | 'x', path: string): boolean => spawnSync(RUNUSER!, ['-u', 'nobody', '--', 'test', `-${flag}`, path]).status === 0;

function runAsNobody(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(RUNUSER!, ['-u', 'nobody', '--', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the station neither started nor stopped in time:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(!AS_ROOT || !RUNUSER)('a data folder the station may not write', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'read-only-station-'));
    chmodSync(base, 0o755);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('stops browser mode with the file, the cause and what to do, and changes nothing there', async (ctx) => {
    const cli = join(process.cwd(), 'electron/browser/cli.ts');
    const tsx = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
    if (!nobodyCan('r', cli) || !nobodyCan('r', tsx)) ctx.skip(); // a checkout nobody may read (under /root)
    // This Node may live where nobody may enter (a per-user cache): a copy beside the data folder runs for anyone.
    let node = process.execPath;
    if (!nobodyCan('x', node)) {
      node = join(base, 'node');
      copyFileSync(process.execPath, node);
      chmodSync(node, 0o755);
    }

    // A station that ran before (as root) left its database; then the folder became read-only for its user.
    const dataDir = join(base, 'data');
    mkdirSync(dataDir);
    const first = await openShipmentDb(dataDir);
    await first.close();
    const dbPath = join(dataDir, DB_FILE_NAME);
    chmodSync(dataDir, 0o555);
    chmodSync(dbPath, 0o644);
    const files = readdirSync(dataDir).sort();
    const bytes = readFileSync(dbPath);

    const { code, output } = await runAsNobody([node, tsx, cli, '--data-dir', dataDir, '--port', '0'], 120_000);

    expect(code).toBe(1);
    expect(output).not.toMatch(/ready: http/);
    expect(output).toContain(`Shipping Station cannot write its shipment database ${dbPath} (permission denied).`);
    expect(output).toContain(`Make the data folder ${dataDir} and the files in it writable for user "nobody"`);
    expect(output).not.toContain('Run with --help');
    expect(readdirSync(dataDir).sort()).toEqual(files);
    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
  });
});
