/**
 * The shipments list in Chromium with 100,000 shipments.
 *
 * Set-up (documented choice): the built renderer is served with a stub
 * station: the same HTTP contract as browser mode (`/api/call/<channel>`,
 * bearer token from the fragment), answered from 100,000 generated rows in
 * memory. That measures the renderer alone; the database's own paging cost is
 * the engine bench's business, not this one's.
 *
 * Figures:
 * - time from pressing "Shipments" to the first row on screen (median of runs,
 *   two contract round trips included);
 * - scroll frame time, p95 and median: the interval between animation frames
 *   while the list is scrolled 400 px per frame over 240,000 px (pages fetched
 *   on the way). Chromium runs with vsync and the frame-rate limit off, so a
 *   busy frame shows as a longer interval; baseline: the same page's idle
 *   frames in the same run (which still tick at the compositor's ~60 Hz, so a
 *   ratio under 1× means scrolling costs less than an idle frame's budget);
 * - long animation frames (Chromium's own > 50 ms measure) while scrolling.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config';
import type { ShipmentSummary } from '../../shared/domain/shipment';
import { TAGS } from '../../shared/domain/tags';
import { chromiumPath } from '../helpers/chromium';
import { median, quantile, withBaseline, type Bench, type BenchFigure } from './harness';

const ROWS = 100_000;
const FIRST_RENDER_RUNS = 7;
const SCROLL_FRAMES = 600;
const SCROLL_STEP_PX = 400;
const IDLE_FRAMES = 300;
const TOKEN = 'bench-token';
const FRAME_GOAL_MS = 16;

function generate(): ShipmentSummary[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: ROWS }, (_, i) => {
    const at = new Date(start + i * 37_000).toISOString();
    return {
      id: `shp-${i}`,
      provider: i % 50 === 0 ? 'flashamericas' : 'flexforward',
      labelState: 'printed',
      trackingNumber: `YT26${String(i).padStart(14, '0')}`,
      orderNumber: `ORD-${i}`,
      recipientName: `Recipient ${i}`,
      destination: ['Los Angeles, US', 'Tokyo, JP', 'Berlin, DE', 'Sydney, AU'][i % 4]!,
      tag: TAGS[i % TAGS.length]!,
      subtagMessage: null,
      stale: i % 97 === 0,
      createdAt: at,
      activityAt: at,
    } satisfies ShipmentSummary;
  });
}

/** Only what the shell and the list ask for; anything else is UNAVAILABLE, which the screens show as such. */
function stubStation(rows: ShipmentSummary[]) {
  const newestFirst = [...rows].reverse();
  const byTag = Object.fromEntries(TAGS.map((t) => [t, rows.filter((r) => r.tag === t).length]));
  const answers: Record<string, (args: Record<string, unknown>) => unknown> = {
    'app:status': () => ({
      version: 'bench',
      shell: 'browser',
      environment: 'sandbox',
      demo: true,
      apiBaseUrl: 'http://127.0.0.1',
      platform: 'linux',
    }),
    'shipments:list': (a) => {
      const offset = Number(a.offset ?? 0);
      const limit = Number(a.limit ?? 100);
      return { items: newestFirst.slice(offset, offset + limit), total: newestFirst.length, offset };
    },
    'shipments:counts': () => ({ total: rows.length, byTag }),
    'tracking:status': () => ({ state: 'running', nextPollAt: null, activeShipments: rows.length, apiHealth: 'ok', resumeAt: null }),
  };
  return (channel: string, args: Record<string, unknown>) => {
    const answer = answers[channel];
    return answer
      ? { ok: true, value: answer(args) }
      : { ok: false, error: { code: 'UNAVAILABLE', message: `${channel} is not stubbed in the bench` } };
  };
}

async function serve(staticDir: string, call: ReturnType<typeof stubStation>) {
  const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      return;
    }
    if (url.pathname.startsWith('/api/call/')) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const args = (JSON.parse(body || '{}') as { args?: Record<string, unknown> }).args ?? {};
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(call(decodeURIComponent(url.pathname.slice('/api/call/'.length)), args)));
      });
      return;
    }
    const file = normalize(join(staticDir, url.pathname === '/' ? 'index.html' : url.pathname));
    readFile(file).then(
      (bytes) => {
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        res.end(bytes);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/#token=${TOKEN}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const bench: Bench = {
  title: 'Renderer: shipments list, 100,000 rows (Chromium)',
  async run(): Promise<BenchFigure[]> {
    const executablePath = chromiumPath();
    if (!executablePath) {
      console.warn('!!! renderer bench skipped: Chromium not found (apt-get install chromium)');
      return [];
    }
    // Built into a folder of its own, so a bench never swaps the bundle under a running e2e test.
    const outDir = mkdtempSync(join(tmpdir(), 'renderer-bench-'));
    await build({ ...rendererConfig(resolve(process.cwd(), 'renderer'), outDir), logLevel: 'warn', configFile: false });
    const site = await serve(outDir, stubStation(generate()));
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-gpu-vsync',
        '--disable-frame-rate-limit',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(site.url);
      await page.getByRole('navigation').waitFor();

      const firstRender: number[] = [];
      for (let i = 0; i < FIRST_RENDER_RUNS; i++) {
        await page.getByRole('navigation').getByRole('button', { name: 'Create label' }).click();
        await page.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
        // Page-side scripts are strings: this file is type-checked for Node, without the DOM library.
        firstRender.push(
          (await page.evaluate(`(async () => {
            const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent === 'Shipments');
            const t0 = performance.now();
            button.click();
            await new Promise((resolve) => {
              const check = () => (document.querySelector('[data-testid="shipment-row"]') ? resolve() : requestAnimationFrame(check));
              check();
            });
            return performance.now() - t0;
          })()`)) as number,
        );
      }

      const frames = async (count: number, stepPx: number) =>
        (await page.evaluate(`(async () => {
          const scroller = document.querySelector('[data-testid="shipments-scroll"]');
          const deltas = [];
          // Frames Chromium itself calls long (over 50 ms of work): a visible hitch each.
          const long = [];
          const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
          observer.observe({ type: 'long-animation-frame', buffered: false });
          let last = performance.now();
          await new Promise((resolve) => {
            let n = 0;
            const frame = (now) => {
              deltas.push(now - last);
              last = now;
              if (${stepPx}) scroller.scrollTop += ${stepPx};
              if (++n < ${count}) requestAnimationFrame(frame);
              else resolve();
            };
            requestAnimationFrame(frame);
          });
          await new Promise((r) => setTimeout(r, 100));
          observer.disconnect();
          return { deltas: deltas.slice(1), long };
        })()`)) as { deltas: number[]; long: number[] };
      const idle = (await frames(IDLE_FRAMES, 0)).deltas;
      const scrolled = await frames(SCROLL_FRAMES, SCROLL_STEP_PX);
      const scroll = scrolled.deltas;
      const rowsShown = await page.getByTestId('shipment-row').count();
      console.log(`renderer bench: ${rowsShown} row elements in the DOM after scrolling ${SCROLL_FRAMES * SCROLL_STEP_PX} px`);

      return [
        {
          name: 'first render of the list (100k rows)',
          value: median(firstRender),
          unit: 'ms',
          goal: 'median; includes 2 contract round trips',
        },
        withBaseline('scroll frame time p95', quantile(scroll, 0.95), quantile(idle, 0.95), 'ms', `≤ ${FRAME_GOAL_MS} ms`),
        withBaseline('scroll frame time median', median(scroll), median(idle), 'ms'),
        { name: 'long animation frames while scrolling (> 50 ms)', value: scrolled.long.length, unit: 'frames', goal: '0' },
        { name: 'row elements in the DOM', value: rowsShown, unit: 'rows', goal: 'a screenful, not 100k' },
      ];
    } finally {
      await browser.close();
      await site.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};

export default bench;
