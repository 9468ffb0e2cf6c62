import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BrowserModeProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts browser mode as a user would (the CLI behind `npm run
 * start:browser`, renderer already built by the e2e global set-up) on a
 * fresh data folder, and waits for the line with its URL.
 */
export async function startBrowserMode(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<BrowserModeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const tsx = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, 'electron/browser/cli.ts', '--data-dir', dataDir, ...extraArgs], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in time:\n${out}`)), 60_000);
    const check = () => {
      const m = /ready: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
