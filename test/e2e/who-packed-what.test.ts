/**
 * Who packed what, in Chromium against browser mode (issue 13): the packer
 * goes on duty by scanning their badge (the scanner types into the page), a
 * label is created, the shipment's history shows it with that packer and the
 * station, and the End of day screen's handover CSV lists it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainNav, openStationPage, startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable } from '../helpers/chromium';
import { scan } from '../helpers/scanner';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

describe.runIf(chromiumAvailable())('who packed what in Chromium: badge, label, history, end of day', () => {
  let browser: Browser;
  let app: BrowserModeProcess;
  let page: Page;
  let trackingNumber = '';
  let shipmentId = '';
  const errors: string[] = [];

  const call = <T>(channel: string, args?: unknown) => app.call<T>(channel, args);
  const nav = (name: string) => mainNav(page, name);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `who-packed-${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startBrowserMode();
    // The packers list is set up once in Settings (here through the same contract); this bench prints later.
    await call('settings:update', { autoPrint: false, stationName: 'Bench 7' });
    await call('packers:save', { packer: { name: 'Mei Chen', badge: '0042' } });
    await call('packers:save', { packer: { name: 'Tom Berg', badge: '0043' } });
    ({ browser, page } = await openStationPage(app, errors, { viewport: { width: 1280, height: 800 }, acceptDownloads: true }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a badge scan puts the packer on duty, shown in the status bar', async () => {
    await expect.poll(() => page.getByTestId('status-packer').inputValue()).toBe('');
    // A scanner is a keyboard: the badge's text and Enter at scanner speed, into whatever has focus.
    await scan(page, '%BADGE-0042');
    await expect.poll(() => page.getByTestId('scan-toast').textContent()).toBe('On duty: Mei Chen');
    await expect
      .poll(async () => (await page.getByTestId('status-packer').locator('option:checked').textContent())?.trim())
      .toBe('Mei Chen');
    await shot('badge');
  });

  it('a label created now shows in its history with that packer and station', async () => {
    const party = (firstName: string) => ({
      contact: { firstName, lastName: 'Buyer', phone: '+1-555-0100' },
      address: { streetLines: ['1 Main St'], city: 'Los Angeles', state: 'CA', postalCode: '90001', countryCode: 'US' },
    });
    const created = await call<{ shipmentId: string; trackingNumber: string }>('labels:create', {
      courier: 'yunexpress',
      service: { productCode: 'YEXP01' },
      shipment: {
        shipFrom: party('Ware'),
        shipTo: party('Pat'),
        parcels: [
          {
            weight: 1.25,
            dimension: { length: 30, width: 20, height: 10 },
            items: [{ descriptionEn: 'Ink pen', quantity: 2, unitPrice: { amount: 3.5, currency: 'USD' }, unitWeight: 0.2 }],
          },
        ],
      },
      order: { customerOrderNumber: 'WHO-1001' },
    });
    trackingNumber = created.trackingNumber;
    shipmentId = created.shipmentId;
    expect(trackingNumber).toBeTruthy();

    await nav('Shipments').click();
    await page.getByTestId('shipment-row').filter({ hasText: trackingNumber }).click();
    const trail = page.getByTestId('audit-trail');
    const entry = trail.getByTestId('audit-entry').filter({ hasText: 'Label created' });
    await entry.waitFor();
    await expect.poll(() => entry.textContent()).toMatch(/Label created · Mei Chen · Bench 7/);
    expect(await entry.textContent()).toContain(trackingNumber);
    await shot('history');
    // The same through the contract, as the orders screen reads it.
    const page1 = await call<{ entries: Array<{ action: string; packer: string | null }> }>('audit:list', { shipmentId });
    expect(page1.entries.find((e) => e.action === 'label-created')?.packer).toBe('Mei Chen');
  });

  it('the end-of-day handover CSV lists the label with its packer', async () => {
    // End of day is a click away from the Shipments screen.
    await nav('Shipments').click();
    await page.getByRole('button', { name: 'End of day', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'End of day' }).waitFor();
    await page.getByTestId('eod-label-row').filter({ hasText: trackingNumber }).waitFor();
    await expect.poll(() => page.getByTestId('eod-packer-row').first().textContent()).toMatch(/^Mei Chen1/);
    await shot('end-of-day');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Handover CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^courier-handover-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe('Courier,Courier code,Tracking number,Order number,Parcels,Weight (kg),Created,Packer,Station');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^YunExpress,yunexpress,${trackingNumber},WHO-1001,1,1.25,[^,]+,Mei Chen,Bench 7$`));
    expect(errors).toEqual([]);
  });
});
