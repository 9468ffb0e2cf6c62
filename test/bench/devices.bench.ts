/**
 * Bench devices: the shipping scale and the label printer's state.
 *
 * Figures:
 * - scale report parse time: `parseScaleReport` over recorded reports of the
 *   supported layouts (DYMO/Mettler/Fairbanks HID POS in every unit, the
 *   Stamps.com 510's own), µs per report; with the weight policy on top
 *   (what the renderer does per report). Baseline: reading the same bytes'
 *   16-bit weight alone, the least any reader does.
 * - stable report to the value in the form: the built renderer in Chromium
 *   against browser mode, a scripted `navigator.hid` (as in the e2e) whose
 *   scale sends a stable report; measured in the page from dispatching the
 *   report to the Create label form's weight input holding the new value
 *   (the React render included), median and p95 over alternating weights.
 * - status query time against a fake network Zebra on loopback (`~HQES`
 *   through the per-printer line, as before each print), median and p95;
 *   goal: status known in ≤ 300 ms. Also the silent printer's time to
 *   "not responding" (the timeout, by design).
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { PrintService } from '../../electron/core/printing/print-service';
import { execFileRunner } from '../../electron/core/printing/runner';
import { systemClock } from '../../electron/core/util/clock';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { rendererConfig } from '../../renderer/vite.config';
import { parseScaleReport, type ScaleLayout } from '../../shared/devices/scale-report';
import { WeightPolicy } from '../../shared/devices/weight-policy';
import { DEFAULT_PRINT_PROFILE, type PrintProfile } from '../../shared/domain/printing';
import { startBrowserMode } from '../helpers/browser-mode';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { DYMO_M25, installFakeHid, REPORT } from '../helpers/fake-hid';
import { FakeZebra } from '../helpers/zebra';
import { median, quantile, timeRuns, withBaseline, type Bench, type BenchFigure } from './harness';

const PARSE_REPORTS = 200_000;
const FORM_RUNS = 40;
const STATUS_RUNS = 50;
const STATUS_GOAL_MS = 300;
const SILENT_TIMEOUT_MS = 1_500;

/** Recorded-style reports: every status and unit of the HID POS layout, and the Stamps.com 510's three bytes. */
function corpus(): { id: number; data: Uint8Array; layout: ScaleLayout }[] {
  const out: { id: number; data: Uint8Array; layout: ScaleLayout }[] = [];
  for (let status = 1; status <= 8; status++)
    for (const unit of [2, 3, 11, 12])
      for (const scaling of [0x00, 0xff, 0xfe, 0xfd])
        out.push({ id: 3, data: Uint8Array.of(status, unit, scaling, 0x39, 0x05), layout: 'hid-pos' });
  out.push({ id: 0, data: Uint8Array.of(0xff, 0x1b, 0x01), layout: 'stamps-510' });
  return out;
}

function parseFigures(): BenchFigure[] {
  const reports = corpus();
  const loop = (fn: (r: (typeof reports)[number]) => unknown): number => {
    for (let i = 0; i < 20_000; i++) fn(reports[i % reports.length]!); // warm-up (JIT)
    const start = performance.now();
    for (let i = 0; i < PARSE_REPORTS; i++) fn(reports[i % reports.length]!);
    return ((performance.now() - start) * 1000) / PARSE_REPORTS;
  };
  let sink = 0;
  const bare = loop((r) => (sink += r.data[r.data.length - 2]! | (r.data[r.data.length - 1]! << 8)));
  const parse = loop((r) => parseScaleReport(r.id, r.data, r.layout));
  const policy = new WeightPolicy();
  let now = 0;
  policy.connected(now);
  const withPolicy = loop((r) => policy.report(parseScaleReport(r.id, r.data, r.layout), (now += 50)));
  if (sink < 0) throw new Error('unreachable');
  return [
    withBaseline('scale report parse time', parse, bare, 'µs/report', 'bare 16-bit read of the same bytes; goal ≤ 5 µs'),
    withBaseline('scale report parse + weight policy', withPolicy, bare, 'µs/report', 'goal ≤ 10 µs (scales send ~5 reports/s)'),
  ];
}

async function formFigures(): Promise<BenchFigure[]> {
  if (!chromiumAvailable())
    return [{ name: 'stable report to the value in the form (median)', value: Number.NaN, unit: 'ms', goal: 'Chromium not found' }];
  // Browser mode serves the built renderer, as the e2e does.
  await build({ ...rendererConfig(resolve(process.cwd(), 'renderer')), logLevel: 'warn', configFile: false });
  const app = await startBrowserMode();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    // tsx keeps function names with a helper the page does not have: give it one.
    await page.addInitScript({
      content: `var __name = (f) => f; (${installFakeHid.toString()})(${JSON.stringify({ devices: [DYMO_M25] })});`,
    });
    await page.goto(app.url);
    const nav = (name: string) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name });
    await nav('Settings').click();
    await page.getByTestId('scale-settings').getByRole('button', { name: 'Choose the scale…' }).click();
    await page.getByTestId('scale-chosen').waitFor();
    await nav('Create label').click();
    await page.getByRole('heading', { level: 2, name: 'Create label' }).waitFor();
    const samples: number[] = [];
    for (let i = 0; i < FORM_RUNS + 3; i++) {
      const grams = i % 2 === 0 ? 1234 : 2345;
      const ms = await page.evaluate(
        async ({ motion, stable, want }) => {
          const hid = (globalThis as unknown as { __fakeHid: { report(i: number, id: number, b: number[]): boolean } }).__fakeHid;
          const input = document.querySelector<HTMLInputElement>('[data-testid="parcel-0"] input[name="shipment.parcels.0.weight"]')!;
          hid.report(0, 3, motion);
          hid.report(0, 3, motion);
          await new Promise((r) => setTimeout(r, 20));
          // Poll on MessageChannel turns (React's scheduler uses the same), not clamped timers.
          const channel = new MessageChannel();
          return new Promise<number>((done) => {
            let start = 0;
            channel.port1.onmessage = () => {
              if (input.value === want) done(performance.now() - start);
              else channel.port2.postMessage(0);
            };
            start = performance.now();
            hid.report(0, 3, stable);
            channel.port2.postMessage(0);
          });
        },
        { motion: REPORT.motion(grams - 100), stable: REPORT.stable(grams), want: String(grams / 1000) },
      );
      if (i >= 3) samples.push(ms);
    }
    return [
      {
        name: 'stable report to the value in the form (median)',
        value: median(samples),
        unit: 'ms',
        goal: 'in Chromium, React render included; goal ≤ 16 ms (one frame)',
      },
      {
        name: 'stable report to the value in the form (p95)',
        value: quantile(samples, 0.95),
        unit: 'ms',
        goal: `over ${samples.length} weighings`,
      },
    ];
  } finally {
    await browser.close();
    await app.stop();
  }
}

async function statusFigures(): Promise<BenchFigure[]> {
  const zebra = await FakeZebra.start();
  const silent = await FakeZebra.start();
  silent.silent = true;
  const print = new PrintService({
    run: execFileRunner,
    platform: 'linux',
    logger: silentLoggerFactory,
    clock: systemClock,
    tempDir: process.cwd(),
    network: { confirmJobs: true, zebra: { timeoutMs: SILENT_TIMEOUT_MS } },
  });
  const profile = (port: number): PrintProfile => ({
    ...DEFAULT_PRINT_PROFILE,
    id: 'bench-zebra',
    mode: 'zpl-network',
    host: '127.0.0.1',
    port,
  });
  try {
    const runs = await timeRuns(STATUS_RUNS, async () => {
      const s = await print.status.check(profile(zebra.port), { whenBusy: 'wait' });
      if (s.level !== 'ready') throw new Error(`fake Zebra answered ${s.level}`);
    });
    const silentStart = performance.now();
    const s = await print.status.check(profile(silent.port), { whenBusy: 'wait' });
    const silentMs = performance.now() - silentStart;
    if (!s.faults.includes('not-responding')) throw new Error('the silent Zebra was not reported as not responding');
    return [
      { name: 'printer status query, fake Zebra on loopback (median)', value: median(runs), unit: 'ms', goal: `≤ ${STATUS_GOAL_MS} ms` },
      {
        name: 'printer status query, fake Zebra on loopback (p95)',
        value: quantile(runs, 0.95),
        unit: 'ms',
        goal: `≤ ${STATUS_GOAL_MS} ms`,
      },
      {
        name: 'silent printer reported not responding',
        value: silentMs,
        unit: 'ms',
        goal: `the ${SILENT_TIMEOUT_MS} ms timeout, by design`,
      },
    ];
  } finally {
    await zebra.close();
    await silent.close();
  }
}

const bench: Bench = {
  title: 'bench devices (scale, printer status)',
  async run() {
    return [...parseFigures(), ...(await statusFigures()), ...(await formFigures())];
  },
};
export default bench;
