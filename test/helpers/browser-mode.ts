import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEFAULT_PRINT_PROFILE, type PrintProfileDraft } from '../../shared/domain/printing';
import { launchChromium } from './chromium';

export interface BrowserModeProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
  /** One contract call over loopback HTTP, as the renderer makes it; a refusal throws with the channel and the station's message. */
  call<T = unknown>(channel: string, args?: unknown): Promise<T>;
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
    async call<T>(channel: string, args?: unknown): Promise<T> {
      const res = await fetch(`${parsed.origin}/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${parsed.hash.replace('#token=', '')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
      return body.value as T;
    },
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

/**
 * Saves the default print profile with `name` on the CUPS queue `printer`
 * (other fields as in `changes`) through the contract, as Settings would.
 */
export async function savePrintProfile(
  app: BrowserModeProcess,
  name: string,
  printer: string,
  options: { makeDefault?: boolean; changes?: Partial<Omit<PrintProfileDraft, 'id' | 'name' | 'printer'>> } = {},
): Promise<void> {
  const { id: _, ...draft } = DEFAULT_PRINT_PROFILE;
  await app.call('printProfiles:save', {
    profile: { ...draft, ...options.changes, name, printer },
    ...(options.makeDefault === false ? {} : { makeDefault: true }),
  });
}

/**
 * Chromium on the app's page, in English, once the demo banner shows it is
 * up. Uncaught page errors are pushed to `errors` (tests assert it stays
 * empty); `watch` attaches more listeners before the page loads.
 */
export async function openStationPage(
  app: BrowserModeProcess,
  errors: string[],
  options: BrowserContextOptions = {},
  watch?: (page: Page) => void,
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options });
  page.on('pageerror', (e) => errors.push(e.message));
  watch?.(page);
  await page.goto(app.url);
  await page.getByTestId('demo-banner').waitFor();
  return { browser, page };
}

/** A button of the main navigation by its English name; `exact` by default ("Orders" is not "Import orders"). */
export const mainNav = (page: Page, name: string, exact = true) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name, exact });

/** A scan as a keyboard-wedge scanner makes it: the code typed into the scan box, then Enter. */
export async function scanCode(page: Page, code: string): Promise<void> {
  const box = page.getByLabel('Scan or type a tracking number, order number or label id');
  await box.fill(code);
  await box.press('Enter');
}
