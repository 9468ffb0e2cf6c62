/**
 * Every screen of the station, reached the way a packer reaches it, for the
 * checks that walk them all (test/e2e/accessibility.test.ts: axe, focus ring
 * contrast, 320 px / 200 % zoom, English marked inside a Chinese screen).
 *
 * Adding a screen (orders, pack, waves…): add one entry to SCREENS with an
 * `open` that gets there from any other screen and waits until it is ready.
 * Names come from the shared catalogue, so the same entry works in every
 * language. If the screen needs data, seed it in `seedStation` below.
 */
import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain/settings';
import { translate } from '../../shared/i18n';
import type { BrowserModeProcess } from '../helpers/browser-mode';
import { fileOf, setUpPackingPlain } from '../helpers/packing-setup';
import { waveOrdersJson } from '../helpers/wave-orders';

export interface Screen {
  /** File-name friendly, e.g. `shipment-detail`. */
  id: string;
  /** Navigates to the screen (from wherever the page is) and waits until it shows what it is for. */
  open(page: Page, language: Language): Promise<void>;
}

export const say = (language: Language, key: string, params?: Record<string, string | number>) => translate(language, key, params);

export async function navTo(
  page: Page,
  language: Language,
  view: 'create' | 'pack' | 'orders' | 'shipments' | 'waves' | 'printers' | 'settings',
): Promise<void> {
  const nav = page.getByRole('navigation', { name: say(language, 'nav.label') });
  await nav.getByRole('button', { name: say(language, `nav.${view}`), exact: true }).click();
  await page
    .getByRole('heading', { level: 2, name: say(language, view === 'create' ? 'create.title' : `${view}.title`), exact: true })
    .waitFor();
}

/** The packing setup screen (from Orders) on one of its tabs. */
async function openPackSetup(page: Page, language: Language, tab: 'catalogue' | 'boxes' | 'station'): Promise<void> {
  await navTo(page, language, 'orders');
  await page.getByRole('button', { name: say(language, 'packSetup.open') }).click();
  await page.getByRole('tab', { name: say(language, `packSetup.tabs.${tab}`), exact: true }).click();
  await page.getByRole('tabpanel').waitFor();
}

export const SCREENS: readonly Screen[] = [
  { id: 'create', open: (page, l) => navTo(page, l, 'create') },
  {
    id: 'create-errors',
    async open(page, l) {
      await navTo(page, l, 'create');
      await page.getByRole('button', { name: say(l, 'create.submit') }).click();
      await page.locator('.field-error').first().waitFor();
    },
  },
  {
    id: 'shipments',
    async open(page, l) {
      await navTo(page, l, 'shipments');
      await page.getByTestId('shipment-row').first().waitFor();
    },
  },
  {
    id: 'track',
    async open(page, l) {
      await navTo(page, l, 'shipments');
      const summary = page.locator('summary', { hasText: say(l, 'track.title') });
      if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
      await page.getByRole('form', { name: say(l, 'track.title') }).waitFor();
    },
  },
  {
    id: 'shipment-detail',
    async open(page, l) {
      await navTo(page, l, 'shipments');
      await page.getByTestId('shipment-row').first().click();
      await page.getByTestId('detail-tracking').waitFor();
      await page.getByTestId('detail-parcels').or(page.getByTestId('timeline')).first().waitFor();
    },
  },
  {
    id: 'waves',
    async open(page, l) {
      await navTo(page, l, 'waves');
      await page.getByTestId('wave-progress').waitFor();
      await page.getByTestId('wave-preview-row').first().waitFor();
    },
  },
  {
    // Today's labels (the seeded ones) per courier and per packer.
    id: 'end-of-day',
    async open(page, l) {
      await navTo(page, l, 'shipments');
      await page.getByRole('button', { name: say(l, 'nav.endOfDay'), exact: true }).click();
      await page.getByRole('heading', { level: 2, name: say(l, 'endOfDay.title'), exact: true }).waitFor();
      await page.getByTestId('eod-label-row').first().waitFor();
      await page.getByTestId('eod-packer-row').first().waitFor();
    },
  },
  {
    id: 'orders',
    async open(page, l) {
      await navTo(page, l, 'orders');
      await page.getByTestId('order-row').first().waitFor();
    },
  },
  {
    id: 'pack',
    async open(page, l) {
      await navTo(page, l, 'orders');
      await page.getByTestId('order-row').first().click();
      await page.getByTestId('pack-recipient').waitFor();
      await page.getByTestId('pack-missing').waitFor();
    },
  },
  { id: 'pack-idle', open: (page, l) => navTo(page, l, 'pack') },
  {
    id: 'import',
    async open(page, l) {
      await navTo(page, l, 'orders');
      await page.getByRole('button', { name: say(l, 'orders.import') }).click();
      await page.getByRole('heading', { level: 2, name: say(l, 'importScreen.title'), exact: true }).waitFor();
    },
  },
  {
    id: 'import-mapping',
    async open(page, l) {
      await navTo(page, l, 'orders');
      await page.getByRole('button', { name: say(l, 'orders.import') }).click();
      await page.getByLabel(say(l, 'importScreen.mapping')).selectOption({ label: say(l, 'importScreen.newMapping') });
      await page.getByTestId('mapping-editor').waitFor();
    },
  },
  {
    id: 'command-sheet',
    async open(page, l) {
      await navTo(page, l, 'orders');
      await page.getByRole('button', { name: say(l, 'orders.commandSheet') }).click();
      await page.getByTestId('sheet-download').waitFor();
    },
  },
  {
    id: 'catalogue',
    async open(page, l) {
      await openPackSetup(page, l, 'catalogue');
      await page.getByTestId('sku-row').first().waitFor();
    },
  },
  {
    // Saved empty: every field says what to fix.
    id: 'catalogue-sku-errors',
    async open(page, l) {
      await openPackSetup(page, l, 'catalogue');
      await page.getByRole('button', { name: say(l, 'catalogue.add') }).click();
      await page
        .getByTestId('sku-form')
        .getByRole('button', { name: say(l, 'packSetup.save') })
        .click();
      await page.getByTestId('sku-form').locator('.field-error').first().waitFor();
    },
  },
  {
    id: 'catalogue-import',
    async open(page, l) {
      await openPackSetup(page, l, 'catalogue');
      await page.getByRole('button', { name: say(l, 'catalogue.import') }).click();
      await page.getByRole('heading', { level: 3, name: say(l, 'catalogue.importTitle'), exact: true }).waitFor();
    },
  },
  {
    id: 'boxes',
    async open(page, l) {
      await openPackSetup(page, l, 'boxes');
      await page.getByTestId('box-row').first().waitFor();
    },
  },
  {
    id: 'station-setup',
    async open(page, l) {
      await openPackSetup(page, l, 'station');
      await page.getByTestId('ship-from-row').first().waitFor();
      await page.getByTestId('defaults-form').waitFor();
    },
  },
  {
    id: 'printers',
    async open(page, l) {
      await navTo(page, l, 'printers');
      // The printer list's answer, whatever it is (queues, none, or CUPS not running): the walk reads what it says.
      await page.locator('[data-testid="printer-row"], [data-testid="printers-note"], [data-testid="printers-none"]').first().waitFor();
    },
  },
  { id: 'settings', open: (page, l) => navTo(page, l, 'settings') },
];

/** What the screens need to show something: labels in the list (one tracked from Flash Americas with a long number). */
export async function seedStation(app: Pick<BrowserModeProcess, 'call'>, labels: number): Promise<void> {
  const call = (channel: string, args: unknown) => app.call(channel, args);
  const party = (firstName: string, postalCode: string) => ({
    contact: { firstName, lastName: 'Buyer', phone: '+1-555-0100' },
    address: { streetLines: ['1 Main St'], city: 'Los Angeles', state: 'CA', postalCode, countryCode: 'US' },
  });
  for (let i = 0; i < labels; i++) {
    await call('labels:create', {
      courier: 'yunexpress',
      service: { productCode: 'YEXP01' },
      shipment: {
        shipFrom: party('Ware', '90001'),
        shipTo: party(`Pat${i}`, `9000${(i % 4) + 1}`),
        parcels: [
          {
            weight: 0.5,
            dimension: { length: 30, width: 20, height: 10 },
            items: [{ descriptionEn: 'Ink pen', quantity: 2, unitPrice: { amount: 3.5, currency: 'USD' }, unitWeight: 0.2 }],
          },
        ],
      },
      order: { customerOrderNumber: `ORDER-${1000 + i}` },
      // This station has no printer: buy the labels anyway and leave them unprinted (without it, PRINTER_NOT_READY).
      confirm: { printLater: true },
    });
  }
  await seedWave(call);
  // 22 characters and the provider badge: the widest number the tracking column holds at full size.
  await call('shipments:track', { provider: 'flashamericas', trackingNumber: LONG_TRACKING_NUMBER });
}

/** Ready orders and a wave of some of them, not started (the Waves screen shows both; nothing is bought). */
async function seedWave(call: (channel: string, args?: unknown) => Promise<unknown>): Promise<void> {
  await setUpPackingPlain(call);
  await call('orders:import', { file: fileOf('screens-orders.json', waveOrdersJson({ count: 9, prefix: 'SCR' })) });
  await call('waves:create', { filter: { country: 'GB' }, sequence: 'order-number', start: false });
}

export const LONG_TRACKING_NUMBER = '7489123456789012345678';
