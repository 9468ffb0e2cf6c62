/**
 * Scan to ship (issue 12) in Chromium against browser mode: the packer
 * imports Shopify's order export on the Import screen (preview first, then
 * the report), the order missing its address shows under Needs attention
 * with the field named, a scan of an order number opens it on the pack
 * screen and a second scan makes its label, whose bytes reach a private CUPS
 * raw queue; the order then shows as printed, and importing the same file
 * again changes nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNav, openStationPage, savePrintProfile, scanCode, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { setUpPackingPlain } from '../helpers/packing-setup';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const EXPORT = join(process.cwd(), 'test/fixtures/orders/shopify-orders-export.csv');
const QUEUE = 'Pack_Zebra';
/** Long enough for a job the station sent to reach the queue's listener (none is expected). */
const SETTLE_MS = 2_000;
const run = chromiumAvailable() && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);

describe.runIf(run)('scan to ship in Chromium: import a Shopify export, scan, the label at the CUPS queue', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let cups: CupsInstance;
  let queue: RawQueue;
  let page: Page;
  const errors: string[] = [];

  const call = <T>(channel: string, args?: unknown) => app.call<T>(channel, args);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `scan-to-ship-${name}.png`) });
  const nav = (name: string) => mainNav(page, name);
  const scan = (code: string) => scanCode(page, code);
  const importExport = async () => {
    await nav('Orders').click();
    await page.getByRole('button', { name: 'Import orders' }).click();
    await page.getByLabel('Order file (CSV or JSON)').setInputFiles(EXPORT);
    await page.getByTestId('import-preview').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
  };
  const count = async (key: string) =>
    Number((await page.getByTestId(`import-count-${key}`).locator('dd').textContent())?.replace(/\D/g, ''));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cups = await startCups();
    queue = await cups.addRawQueue(QUEUE);
    app = await startBrowserMode([], cups.env);
    // What the label needs that orders do not carry (catalogue, box, ship-from, service), and the label printer.
    await setUpPackingPlain(call);
    await savePrintProfile(app, 'Pack Zebra', QUEUE);
    ({ browser, page } = await openStationPage(app, errors));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cups?.stop();
  });

  it('imports the Shopify export: the preview shows the first orders before anything is saved, then the report', async () => {
    await nav('Orders').click();
    await page.getByRole('button', { name: 'Import orders' }).click();
    await page.getByLabel('Order file (CSV or JSON)').setInputFiles(EXPORT);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await expect.poll(() => preview.getByTestId('preview-order').count()).toBeGreaterThan(3);
    // Nothing is stored by the preview.
    expect((await call<{ total: number }>('orders:list', {})).total).toBe(0);
    await shot('preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await count('created')).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('report-skipped').textContent()).toContain('#1008');
    await shot('report');
  });

  it('lists the order without an address under Needs attention, naming the field', async () => {
    await page.getByRole('button', { name: 'Show the orders' }).click();
    await page.getByTestId('order-row').first().waitFor();
    await page.getByTestId('chip-needs-attention').click();
    const row = page.getByTestId('order-row').filter({ hasText: '#1004' });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('order-missing').textContent()).toContain('address');
    await shot('needs-attention');
  });

  it('a scan opens the order on the pack screen, a second scan makes the label: its bytes reach the CUPS queue and the order shows as printed', async () => {
    await scan('#1005');
    const pack = page.getByTestId('pack-order');
    await pack.waitFor();
    await expect.poll(() => page.getByTestId('pack-missing').textContent()).toContain('Nothing is missing');
    await shot('pack');
    const before = queue.listener.deliveries.length;
    await scan('#1005');
    const bytes = await queue.listener.waitForDelivery(before);
    expect(bytes.length).toBeGreaterThan(500);
    await pack.getByRole('button', { name: 'Open label' }).waitFor();
    await expect.poll(() => pack.getByTestId('order-status').first().textContent()).toBe('Printed');

    // A third scan only says it is labelled: nothing more reaches the queue (the packing slip, if any, came with the label).
    const afterShip = queue.listener.deliveries.length;
    await scan('#1005');
    await expect.poll(() => page.getByTestId('scan-alert').textContent()).toContain('already labelled — scan REPRINT to reprint');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(queue.listener.deliveries.length).toBe(afterShip);

    await nav('Orders').click();
    await page.getByTestId('chip-printed').click();
    const row = page.getByTestId('order-row').filter({ hasText: '#1005' });
    await row.waitFor();
    expect(await row.getByTestId('order-status').textContent()).toBe('Printed');
    // From the order to its shipment, and back.
    await row.getByRole('button', { name: /^Open label/ }).click();
    await page.getByTestId('detail-open-order').click();
    await page.getByTestId('pack-order').waitFor();
    await shot('printed');
  });

  it('importing the same file again changes nothing', async () => {
    const stored = await call<{ total: number }>('orders:list', {});
    await importExport();
    expect(await count('created')).toBe(0);
    expect(await count('updated')).toBe(0);
    expect(await count('unchanged')).toBeGreaterThan(5);
    expect((await call<{ total: number }>('orders:list', {})).total).toBe(stored.total);
    expect(errors).toEqual([]);
  });
});
