/**
 * Waves in Chromium against browser mode (issue 13), with a private CUPS
 * scheduler: a label queue and a slip queue (print profiles by document
 * type). A packer starts a wave of 20 imported orders in SKU order from the
 * Waves screen: 20 labels reach the label queue and 20 packing slips the
 * slip queue, each in the wave's sequence; the one order the courier refused
 * (a postal code the sandbox rejects) is listed with its reason, corrected in
 * its row and retried. Then a second wave: its label queue is stopped
 * mid-wave (cupsdisable), the screen shows the wave paused for the printer,
 * and once the queue runs again Resume finishes it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationPage, savePrintProfile, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { fileOf, setUpPackingPlain } from '../helpers/packing-setup';
import { waveOrdersJson } from '../helpers/wave-orders';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const ORDERS = 20;
/** The US order (index % 3 === 0) whose postal code the sandbox's courier refuses. */
const REJECTED_INDEX = 6;
const WAVE_TIMEOUT_MS = 90_000;
const run = chromiumAvailable() && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);
const exec = promisify(execFile);

/** The order number printed on a label or packing slip PDF, read back with pdftotext. */
async function orderOn(bytes: Buffer, prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-e2e-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), bytes);
    const { stdout } = await exec('pdftotext', [join(dir, 'd.pdf'), '-']);
    const found = new RegExp(`\\b${prefix}-\\d+\\b`).exec(stdout);
    if (!found) throw new Error(`no order number on this document: ${stdout.slice(0, 300)}`);
    return found[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(run)('a wave in Chromium: labels and slips to their printers in sequence, a refused order fixed, a stopped queue', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let cups: CupsInstance;
  let labels: RawQueue;
  let slips: RawQueue;
  let page: Page;
  const errors: string[] = [];

  const call = <T>(channel: string, args?: unknown) => app.call<T>(channel, args);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `waves-${name}.png`) });
  const progress = () => page.getByTestId('wave-progress');
  const waitForState = (state: string) =>
    progress()
      .and(page.locator(`[data-state="${state}"]`))
      .waitFor({ timeout: WAVE_TIMEOUT_MS });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cups = await startCups();
    labels = await cups.addRawQueue('Wave_Zebra');
    slips = await cups.addRawQueue('Wave_Laser');
    app = await startBrowserMode([], cups.env);
    // Set up through the contract (other tests drive these screens): packing, and two printers by document type.
    await setUpPackingPlain(call);
    await savePrintProfile(app, 'Bench Zebra', 'Wave_Zebra', { changes: { packingSlip: 'after' } });
    await savePrintProfile(app, 'Office laser', 'Wave_Laser', {
      makeDefault: false,
      changes: { documentType: 'packing-slip', media: { preset: 'A4' } },
    });
    await call('orders:import', {
      file: fileOf('wave-e2e.json', waveOrdersJson({ count: ORDERS, prefix: 'EW', rejected: [REJECTED_INDEX] })),
    });

    ({ browser, page } = await openStationPage(app, errors));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cups?.stop();
  });

  it('starts a wave of 20 in SKU order: labels and slips reach their queues in that order; the refused order is listed', async () => {
    const expected = (await call<{ orders: Array<{ orderNumber: string }> }>('waves:preview', { sequence: 'sku' })).orders.map(
      (o) => o.orderNumber,
    );
    expect(expected).toHaveLength(ORDERS);
    const refused = `EW-${REJECTED_INDEX + 1}`;

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Waves' }).click();
    await expect.poll(() => page.getByTestId('wave-preview-count').textContent()).toContain(`${ORDERS} ready orders`);
    await page.getByLabel('Print in order of').selectOption({ label: 'SKU' });
    // The preview follows the chosen order.
    await expect
      .poll(async () => (await page.getByTestId('wave-preview-row').locator('td:nth-child(2)').allTextContents()).map((s) => s.trim()))
      .toEqual(expected);
    await shot('preview');
    await page.getByRole('button', { name: `Start wave: ${ORDERS} labels` }).click();
    await progress().waitFor();
    await waitForState('finished');
    await expect.poll(() => page.getByTestId('wave-done').textContent()).toBe(String(ORDERS - 1));
    expect(await page.getByTestId('wave-failed').textContent()).toBe('1');
    const failure = page.getByTestId('wave-failure');
    await expect.poll(() => failure.getAttribute('data-order')).toBe(refused);
    expect(await failure.getByTestId('wave-failure-reason').textContent()).toMatch(/postal code is not serviceable/);
    await shot('failure');

    // Every other order: its label on the Zebra and its slip on the laser, both in the wave's sequence.
    const inSequence = expected.filter((o) => o !== refused);
    await labels.listener.waitForDelivery(ORDERS - 2);
    await slips.listener.waitForDelivery(ORDERS - 2);
    const onZebra = await Promise.all(labels.listener.deliveries.map((d) => orderOn(d.bytes, 'EW')));
    const onLaser = await Promise.all(slips.listener.deliveries.map((d) => orderOn(d.bytes, 'EW')));
    expect(onZebra).toEqual(inSequence);
    expect(onLaser).toEqual(inSequence);
  });

  it('the packer corrects the refused postal code in its row and retries: its label and slip print', async () => {
    const refused = `EW-${REJECTED_INDEX + 1}`;
    const failure = page.getByTestId('wave-failure');
    await failure.getByText('Edit the ship-to').click();
    const postal = failure.getByLabel(`Postal code for order ${refused}`);
    expect(await postal.inputValue()).toBe('00000');
    await postal.fill('90001');
    await page.getByRole('button', { name: 'Fix and retry 1 order' }).click();
    await expect.poll(() => page.getByTestId('wave-done').textContent(), { timeout: WAVE_TIMEOUT_MS }).toBe(String(ORDERS));
    await waitForState('finished');
    expect(await page.getByTestId('wave-failed').textContent()).toBe('0');
    await page.getByText('No failures so far.').waitFor();

    await labels.listener.waitForDelivery(ORDERS - 1);
    await slips.listener.waitForDelivery(ORDERS - 1);
    expect(await orderOn(labels.listener.deliveries[ORDERS - 1]!.bytes, 'EW')).toBe(refused);
    expect(await orderOn(slips.listener.deliveries[ORDERS - 1]!.bytes, 'EW')).toBe(refused);
    expect(labels.listener.deliveries).toHaveLength(ORDERS);
    expect(slips.listener.deliveries).toHaveLength(ORDERS);
    await shot('retried');
  });

  it('a label queue stopped mid-wave pauses the wave on screen; with the queue running again, Resume finishes it', async () => {
    const more = 16;
    await call('orders:import', { file: fileOf('wave-e2e-2.json', waveOrdersJson({ count: more, prefix: 'EQ' })) });
    const before = labels.listener.deliveries.length;
    // A fresh look at the screen: the new orders are in the preview.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Create label' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Waves' }).click();
    await expect.poll(() => page.getByTestId('wave-preview-count').textContent()).toContain(`${more} ready orders`);
    await page.getByRole('button', { name: `Start wave: ${more} labels` }).click();
    await waitForState('running').catch(() => undefined);
    await labels.listener.waitForDelivery(before + 1);
    await cups.admin('cupsdisable', ['-r', 'Out of labels', 'Wave_Zebra']);

    await waitForState('paused');
    const reason = page.getByTestId('wave-pause-reason');
    await expect.poll(() => reason.textContent()).toMatch(/the printer cannot print/);
    await shot('paused');
    const doneWhilePaused = Number(await page.getByTestId('wave-done').textContent());
    expect(doneWhilePaused).toBeLessThan(more);

    await cups.admin('cupsenable', ['Wave_Zebra']);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForState('finished');
    expect(await page.getByTestId('wave-done').textContent()).toBe(String(more));
    await labels.listener.waitForDelivery(before + more - 1);
    const printed = await Promise.all(labels.listener.deliveries.slice(before).map((d) => orderOn(d.bytes, 'EQ')));
    // Each in sequence; CUPS itself may send again the one job it was finishing when the queue stopped.
    const distinct = printed.filter((o, i) => o !== printed[i - 1]);
    expect(distinct).toEqual(Array.from({ length: more }, (_, i) => `EQ-${i + 1}`));
    await shot('resumed');
    expect(errors).toEqual([]);
  });
});
