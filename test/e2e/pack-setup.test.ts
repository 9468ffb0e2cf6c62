/**
 * Packing setup to scan to ship (issue 12) in Chromium against browser mode:
 * the admin imports a SKU catalogue CSV on the Catalogue screen (its bad row
 * is reported with the reason, the good rows are stored), adds a box with a
 * barcode and makes it the station's default box on the screens; an order
 * file using those SKUs is imported, the order is ready, and two scans make
 * its label with the catalogue's unit weights and the box tare, whose bytes
 * reach a private CUPS raw queue.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNav, openStationPage, savePrintProfile, scanCode, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { needSystem } from '../helpers/ci';
import { CUPS_REQUIREMENT, cupsAvailable, startCups, type CupsInstance, type RawQueue } from '../helpers/cups';
import { WAREHOUSE_PARTY } from '../helpers/packing-setup';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const QUEUE = 'Setup_Zebra';
const run = chromiumAvailable() && needSystem(cupsAvailable(), CUPS_REQUIREMENT.what, CUPS_REQUIREMENT.install);

/** Row 4 has a weight without its unit: refused and reported, the others stored. */
const CATALOGUE = [
  'SKU,English description,Local description,Unit weight,Unit value,Currency,HS code,Origin country',
  'E2E-MUG,Ceramic mug,陶瓷杯,350 g,,,6912.00,CN',
  'E2E-TOTE,Cotton tote bag,棉质手提袋,200 g,,,4202.92,IN',
  'E2E-PEN,Ink pen,,15,,,,',
].join('\r\n');

/** One Shopify export order (the fixture's columns) with two lines of catalogue SKUs. */
function shopifyOrder(): string {
  const header = readFileSync(join(process.cwd(), 'test/fixtures/orders/shopify-orders-export.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',');
  const common = {
    Name: '#2001',
    Id: '5871234599001',
    Email: 'grace@example.com',
    'Financial Status': 'paid',
    'Fulfillment Status': 'unfulfilled',
    Currency: 'USD',
    'Shipping Name': 'Grace Hopper',
    'Shipping Address1': '200 Park Avenue',
    'Shipping City': 'New York',
    'Shipping Zip': '10166',
    'Shipping Province': 'NY',
    'Shipping Country': 'US',
    'Shipping Phone': '+1 212-555-0199',
  };
  const line = (quantity: number, name: string, price: string, sku: string) => ({
    'Lineitem quantity': String(quantity),
    'Lineitem name': name,
    'Lineitem price': price,
    'Lineitem sku': sku,
    'Lineitem requires shipping': 'true',
  });
  const rows: Record<string, string>[] = [
    { ...common, ...line(2, 'Ceramic Mug', '12.50', 'E2E-MUG') },
    { Name: '#2001', Id: '5871234599001', ...line(1, 'Tote Bag', '18.00', 'E2E-TOTE') },
  ];
  return [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\r\n') + '\r\n';
}

describe.runIf(run)('packing setup in Chromium: catalogue and box on the screens, then an order ships by scanning', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let cups: CupsInstance;
  let queue: RawQueue;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  const call = <T>(channel: string, args?: unknown) => app.call<T>(channel, args);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `pack-setup-${name}.png`) });
  const nav = (name: string) => mainNav(page, name);
  const scan = (code: string) => scanCode(page, code);
  const openSetup = async (tab: string) => {
    await nav('Orders').click();
    await page.getByRole('button', { name: 'Catalogue, boxes and defaults' }).click();
    await page.getByRole('tab', { name: tab }).click();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'pack-setup-e2e-'));
    writeFileSync(join(dir, 'catalogue.csv'), CATALOGUE);
    writeFileSync(join(dir, 'orders_export.csv'), shopifyOrder());
    cups = await startCups();
    queue = await cups.addRawQueue(QUEUE);
    app = await startBrowserMode([], cups.env);
    // The sender and service (their screens have component tests); the catalogue and box are set up on the screens below.
    await call('shipFrom:save', {
      address: {
        name: 'Hong Kong warehouse',
        makeDefault: true,
        party: WAREHOUSE_PARTY,
      },
    });
    await call('stationDefaults:update', { courier: 'yunexpress', productCode: 'YEXP01' });
    await savePrintProfile(app, 'Setup Zebra', QUEUE);
    ({ browser, page } = await openStationPage(app, errors));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cups?.stop();
  });

  it('imports the catalogue CSV: the preview reports the bad row and why, the import stores the good ones', async () => {
    await openSetup('SKU catalogue');
    await page.getByRole('button', { name: 'Import a CSV' }).click();
    await page.getByLabel('Catalogue file').setInputFiles(join(dir, 'catalogue.csv'));
    const preview = page.getByTestId('catalogue-preview');
    await preview.waitFor();
    await expect.poll(() => preview.getByTestId('catalogue-preview-row').count()).toBe(2);
    const refused = preview.getByTestId('catalogue-preview-refused').getByRole('listitem');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().textContent()).toMatch(/row 4.*Unit weight.*"15" has no unit/);
    expect((await call<{ total: number }>('skus:list', {})).total).toBe(0);
    await shot('catalogue-preview');

    await preview.getByRole('button', { name: 'Import 2 SKUs' }).click();
    const report = page.getByTestId('catalogue-report');
    await report.waitFor();
    expect(await report.getByTestId('catalogue-count-added').locator('dd').textContent()).toBe('2');
    expect(await report.getByTestId('catalogue-count-refused').locator('dd').textContent()).toBe('1');
    await report.getByRole('button', { name: 'Back to the catalogue' }).click();
    const table = page.getByRole('table', { name: 'SKU catalogue, 2 rows' });
    await table.waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'E2E-MUG' }).textContent()).toContain('0.35');
  });

  it('adds a box with a barcode and makes it the station default', async () => {
    await page.getByRole('tab', { name: 'Boxes' }).click();
    await page.getByRole('button', { name: 'Add a box' }).click();
    const form = page.getByTestId('box-form');
    await form.getByLabel('Name').fill('Medium');
    await form.getByLabel('Inside length (cm)').fill('40');
    await form.getByLabel('Inside width (cm)').fill('30');
    await form.getByLabel('Inside height (cm)').fill('20');
    await form.getByLabel('Empty weight (kg)').fill('0.3');
    await form.getByLabel('Barcode (optional)').fill('BOX-M');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.getByTestId('box-row').filter({ hasText: 'Medium' });
    await row.waitFor();
    expect(await row.textContent()).toContain('40 × 30 × 20');
    expect(await row.textContent()).toContain('BOX-M');

    await page.getByRole('tab', { name: 'Ship-from and defaults' }).click();
    const defaults = page.getByTestId('defaults-form');
    await defaults.getByLabel('Default box').selectOption({ label: 'Medium' });
    await defaults.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => defaults.getByTestId('defaults-status').textContent()).toBe('Defaults saved.');
    await shot('defaults');
    const boxes = await call<Array<{ id: string; barcode: string }>>('boxes:list');
    expect((await call<{ boxId: string | null }>('stationDefaults:get')).boxId).toBe(boxes.find((b) => b.barcode === 'BOX-M')?.id);
  });

  it('an order of those SKUs is ready after import, and two scans print its label with the catalogue weights and the box', async () => {
    await nav('Orders').click();
    await page.getByRole('button', { name: 'Import orders' }).click();
    await page.getByLabel('Order file (CSV or JSON)').setInputFiles(join(dir, 'orders_export.csv'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: 'Show the orders' }).click();
    await page.getByTestId('chip-ready').click();
    await page.getByTestId('order-row').filter({ hasText: '#2001' }).waitFor();

    await scan('#2001');
    const pack = page.getByTestId('pack-order');
    await pack.waitFor();
    await expect.poll(() => page.getByTestId('pack-missing').textContent()).toContain('Nothing is missing');
    const lines = pack.getByTestId('pack-line');
    expect(await lines.filter({ hasText: 'E2E-MUG' }).textContent()).toContain('0.35 kg');
    expect(await lines.filter({ hasText: 'E2E-TOTE' }).textContent()).toContain('0.2 kg');
    // 2 × 0.35 + 0.2 + the box's 0.3.
    expect(await page.getByLabel('Weight (kg)', { exact: true }).inputValue()).toBe('1.2');
    await shot('pack');

    const before = queue.listener.deliveries.length;
    await scan('#2001');
    const bytes = await queue.listener.waitForDelivery(before);
    expect(bytes.length).toBeGreaterThan(500);
    await expect.poll(() => pack.getByTestId('order-status').first().textContent()).toBe('Printed');

    const orders = await call<{ items: Array<{ orderNumber: string; shipmentId: string | null }> }>('orders:list', { search: '#2001' });
    const shipmentId = orders.items.find((o) => o.orderNumber === '#2001')?.shipmentId;
    expect(shipmentId).toBeTruthy();
    const shipment = await call<{
      request: {
        weightKg: number;
        parcelList?: Array<{ dimensionCm: unknown; items: Array<{ description: string; quantity: number; unitWeightKg: number }> }>;
      };
    }>('shipments:get', { id: shipmentId });
    expect(shipment.request.weightKg).toBeCloseTo(1.2, 6);
    // The box's inside measures are the parcel's dimensions.
    expect(shipment.request.parcelList?.[0]?.dimensionCm).toEqual({ length: 40, width: 30, height: 20 });
    expect(shipment.request.parcelList?.[0]?.items).toEqual([
      expect.objectContaining({ description: 'Ceramic mug', quantity: 2, unitWeightKg: 0.35 }),
      expect.objectContaining({ description: 'Cotton tote bag', quantity: 1, unitWeightKg: 0.2 }),
    ]);
    expect(errors).toEqual([]);
  });
});
