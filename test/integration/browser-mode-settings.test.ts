/**
 * Browser mode keeps its settings and token across restarts, as the README
 * promises: settings.json in the data folder, the token in an owner-only
 * file (not encrypted, and said so), or from FLEXFORWARD_API_TOKEN.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../electron/core/settings/migrations';

const root = join(import.meta.dirname, '../..');
const TOKEN = 'ff_browser_mode_token_9a8b7c';

interface Running {
  call(
    channel: string,
    args?: unknown,
  ): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }>;
  output(): string;
  stop(): Promise<void>;
}

async function startCli(dataDir: string, env: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): Promise<Running> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'electron/browser/cli.ts',
      '--data-dir',
      dataDir,
      '--token',
      'loopback-test-token',
      ...extraArgs,
    ],
    {
      cwd: root,
      env: { ...process.env, FLEXFORWARD_API_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${out}`));
    });
  });
  return {
    async call(channel, args) {
      const res = await fetch(`${origin}/api/call/${channel}`, {
        method: 'POST',
        headers: { authorization: 'Bearer loopback-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
      return (await res.json()) as Awaited<ReturnType<Running['call']>>;
    },
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('browser mode settings and token', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'browser-settings-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps settings and the token across a restart, the token owner-only and outside settings.json', async () => {
    const dataDir = fresh();
    const first = await startCli(dataDir);
    try {
      expect(await first.call('settings:setApiToken', { token: TOKEN })).toMatchObject({
        ok: true,
        value: { hasApiToken: true, tokenProtection: 'plain-file' },
      });
      expect(await first.call('settings:update', { stationName: 'Bench by the door' })).toMatchObject({ ok: true });
    } finally {
      await first.stop();
    }
    const settingsText = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settingsText)).toMatchObject({ stationName: 'Bench by the door', schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(settingsText).not.toContain(TOKEN);
    expect(readFileSync(join(dataDir, 'api-token'), 'utf8')).toBe(TOKEN);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'api-token')).mode & 0o777).toBe(0o600);
    expect(first.output()).not.toContain(TOKEN);

    const second = await startCli(dataDir);
    try {
      expect(await second.call('settings:get')).toMatchObject({ ok: true, value: { stationName: 'Bench by the door', hasApiToken: true } });
      expect(second.output()).toMatch(/keeps the API token unencrypted/);
      expect(second.output()).not.toContain(TOKEN);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('starts with defaults and a notice when settings.json is a folder, as the README promises', async () => {
    const dataDir = fresh();
    mkdirSync(join(dataDir, 'settings.json'));
    const running = await startCli(dataDir);
    try {
      const got = await running.call('settings:get');
      expect(got).toMatchObject({ ok: true, value: { stationName: 'Packing bench' } });
      expect(String((got.value as { notices: string[] }).notices)).toMatch(/could not be read \(it is a folder, not a file\)/);
      expect(await running.call('settings:update', { stationName: 'Dock 3' })).toMatchObject({ ok: true });
    } finally {
      await running.stop();
    }
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ stationName: 'Dock 3' });
  }, 120_000);

  it('starts the Flash Americas webhook receiver on the address --fa-webhook-host names', async () => {
    const port = await freePort();
    const running = await startCli(fresh(), {}, ['--fa-webhook-port', String(port), '--fa-webhook-host', '127.0.0.1']);
    try {
      await expect
        .poll(() => running.output(), { timeout: 10_000 })
        .toContain(`Flash Americas webhooks: http://127.0.0.1:${port}/webhooks/flashamericas`);
      // Listening: an unsigned delivery is refused by the receiver itself, not by a closed port.
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/flashamericas`, { method: 'POST', body: '{}' });
      expect([401, 503]).toContain(res.status);
    } finally {
      await running.stop();
    }
  }, 120_000);

  it('takes the token from FLEXFORWARD_API_TOKEN and will not overwrite it from the UI', async () => {
    const running = await startCli(fresh(), { FLEXFORWARD_API_TOKEN: TOKEN });
    try {
      expect(await running.call('settings:get')).toMatchObject({ ok: true, value: { hasApiToken: true, tokenProtection: 'environment' } });
      const refused = await running.call('settings:setApiToken', { token: 'ff_other_token_123' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(refused.error?.message).toContain('FLEXFORWARD_API_TOKEN');
    } finally {
      await running.stop();
    }
  }, 120_000);
});

/** A port nothing listens on right now (the OS picks it; closed again before the CLI takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
