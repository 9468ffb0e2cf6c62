/// <reference lib="dom" />
/**
 * The scanner at the bench, in Chromium against browser mode: scans land in
 * the scan box whatever has focus, keys meant for a control stay with it, the
 * answer is a toast that covers nothing, and two tabs share the station.
 * Scans are typed with a scanner's own key times (test/helpers/scanner.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { sampleLabelInput } from '../helpers/flexforward';
import { scan } from '../helpers/scanner';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
/** usps-4x6.pdf (test/fixtures/labels): its tracking number, and its GS1-128 as a wedge scanner without FNC1 types it. */
const USPS_TRACKING = '9234690361980900000142';
const USPS_BARCODE_NO_FNC1 = `42073108${USPS_TRACKING}`;
const PERSON_DELAY_MS = 150;
/** The packer puts the keyboard down and picks up the scanner. */
const PAUSE_BEFORE_SCAN_MS = 500;
/** The first key of a scan held back by a busy page (measured at 40 ms and more under load). */
const LATE_FIRST_KEY_MS = 120;

describe.runIf(chromiumAvailable())('the scanner at the bench (Chromium, browser mode)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: BrowserModeProcess;
  let page: Page;
  let trackingNumber = '';
  const errors: string[] = [];

  const call = <T>(channel: string, args?: unknown) => app.call<T>(channel, args);
  const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name });
  const firstName = (p: Page) => p.getByRole('group', { name: 'Ship to' }).getByLabel('First name');
  const openTab = async (): Promise<Page> => {
    const tab = await context.newPage();
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(app.url);
    await tab.getByTestId('demo-banner').waitFor();
    return tab;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startBrowserMode();
    await call('settings:update', { autoPrint: false });
    trackingNumber = (await call<{ trackingNumber: string }>('labels:create', sampleLabelInput({ orderNumber: 'SCAN-E2E-1' })))
      .trackingNumber;
    await call('shipments:track', { provider: 'flashamericas', trackingNumber: USPS_TRACKING });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    page = await openTab();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a scan typed at scanner speed into a focused field opens the scanned shipment, and the field is left as it was', async () => {
    await nav(page, 'Create label').click();
    await firstName(page).click();
    await page.keyboard.type('Pat', { delay: PERSON_DELAY_MS });
    const before = (await call<{ total: number }>('shipments:list', {})).total;

    await scan(page, trackingNumber);

    await page.getByTestId('detail-tracking').filter({ hasText: trackingNumber }).waitFor();
    const toast = page.getByTestId('scan-toast');
    await expect.poll(() => toast.textContent()).toBe(`Found ${trackingNumber}.`);
    expect(await toast.getAttribute('data-tone')).toBe('ok');
    expect(await page.getByLabel(/Scan or type a tracking number/).inputValue()).toBe('');
    // The scan's Enter did not submit the form: no second label, no "fields need fixing".
    expect((await call<{ total: number }>('shipments:list', {})).total).toBe(before);
    await shot('scan-into-field');

    await nav(page, 'Create label').click();
    await expect.poll(() => firstName(page).inputValue()).toBe('Pat');
    expect(await page.getByText(/need(s)? fixing/).count()).toBe(0);
  });

  it('a scan whose first key came late (a loaded machine) still opens the whole code, and the field keeps only what was typed', async () => {
    await nav(page, 'Create label').click();
    await firstName(page).fill('');
    await firstName(page).click();
    await page.keyboard.type('Pat', { delay: PERSON_DELAY_MS });
    await page.waitForTimeout(PAUSE_BEFORE_SCAN_MS);

    await scan(page, trackingNumber, undefined, { firstGapMs: LATE_FIRST_KEY_MS });

    await page.getByTestId('detail-tracking').filter({ hasText: trackingNumber }).waitFor();
    await expect.poll(() => page.getByTestId('scan-toast').textContent()).toBe(`Found ${trackingNumber}.`);
    await nav(page, 'Create label').click();
    await expect.poll(() => firstName(page).inputValue()).toBe('Pat');
  });

  it('a list keeps its choice when a scan types into it (Chromium picks options as keys arrive)', async () => {
    const country = page.getByRole('group', { name: 'Ship to' }).getByLabel('Country (2 letters)');
    await country.selectOption('US');
    await country.focus();
    await scan(page, USPS_BARCODE_NO_FNC1);
    await page.getByTestId('detail-tracking').filter({ hasText: USPS_TRACKING }).waitFor();
    await nav(page, 'Create label').click();
    await expect.poll(() => page.getByRole('group', { name: 'Ship to' }).getByLabel('Country (2 letters)').inputValue()).toBe('US');
  });

  it('a person typing the same characters keeps them, and Enter is the form’s', async () => {
    await firstName(page).fill('');
    await firstName(page).click();
    await page.keyboard.type('YT2503', { delay: PERSON_DELAY_MS });
    await page.keyboard.press('Enter');
    await page.getByText(/fields need fixing before the label can be created/).waitFor();
    expect(await firstName(page).inputValue()).toBe('YT2503');
  });

  it('Space activates the focused button, chip or summary; the scan box gets nothing', async () => {
    const scanBox = page.getByLabel(/Scan or type a tracking number/);
    await nav(page, 'Shipments').focus();
    await page.keyboard.press('Space');
    await page.getByRole('heading', { level: 2, name: 'Shipments' }).waitFor();
    expect(await scanBox.inputValue()).toBe('');

    const chip = page.getByTestId('count-InTransit');
    const pressed = await chip.getAttribute('aria-pressed');
    await chip.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => chip.getAttribute('aria-pressed')).not.toBe(pressed);
    await chip.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe(pressed);

    const summary = page.locator('summary', { hasText: 'Track a shipment' });
    await summary.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open)).toBe(true);
    expect(await scanBox.inputValue()).toBe('');
    expect(await scanBox.evaluate((el) => el === document.activeElement)).toBe(false);
  });

  it('a scan with no shipment says so in red, large, over no control, and goes at the next click', async () => {
    await nav(page, 'Create label').click();
    await firstName(page).focus();
    await scan(page, 'NEW-ORDER-77');
    const alert = page.getByTestId('scan-alert');
    await alert.getByText('No shipment for “NEW-ORDER-77”.').waitFor();
    const toast = page.getByTestId('scan-toast');
    expect(await toast.getAttribute('data-tone')).toBe('error');
    expect(await alert.getByRole('button', { name: 'Create a label for order NEW-ORDER-77' }).isVisible()).toBe(true);
    const style = await toast.evaluate((el) => ({
      size: parseFloat(getComputedStyle(el).fontSize),
      bg: getComputedStyle(el).backgroundColor,
    }));
    expect(style.size).toBeGreaterThanOrEqual(24);
    expect(style.bg).toBe('rgb(185, 28, 28)');
    // Nothing the packer can press is under the toast: no control's visible part (clipped by its
    // scrolling containers) meets the toast's box.
    const covered = await toast.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const visiblePart = (c: HTMLElement) => {
        let r = { left: 0, top: 0, right: 0, bottom: 0, ...c.getBoundingClientRect().toJSON() } as Record<
          'left' | 'top' | 'right' | 'bottom',
          number
        >;
        for (let a = c.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflow === 'visible') continue;
          const clip = a.getBoundingClientRect();
          r = {
            left: Math.max(r.left, clip.left),
            top: Math.max(r.top, clip.top),
            right: Math.min(r.right, clip.right),
            bottom: Math.min(r.bottom, clip.bottom),
          };
        }
        return r;
      };
      const controls = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary, [tabindex]')];
      return controls
        .filter((c) => !el.contains(c) && c.getClientRects().length > 0)
        .filter((c) => {
          const r = visiblePart(c);
          return (
            r.right > r.left && r.bottom > r.top && r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top
          );
        })
        .map((c) => c.outerHTML.slice(0, 80));
    });
    expect(covered).toEqual([]);
    await shot('scan-not-found');

    await page.getByRole('heading', { level: 2, name: 'Create label' }).click();
    await expect.poll(() => alert.textContent()).toBe('');
  });

  it('two tabs: one event stream each, both answer, and news from one reaches the other', async () => {
    const streams = new Map<Page, number>();
    const count = (p: Page) => p.on('request', (r) => r.url().endsWith('/api/events') && streams.set(p, (streams.get(p) ?? 0) + 1));
    const first = await context.newPage();
    count(first);
    await first.goto(app.url);
    await first.getByTestId('demo-banner').waitFor();
    const second = await context.newPage();
    count(second);
    await second.goto(app.url);
    await second.getByTestId('demo-banner').waitFor();
    // Every screen subscribes to events: walk them all in both tabs.
    for (const tab of [first, second, page]) {
      for (const view of ['Shipments', 'Printers', 'Settings', 'Create label', 'Shipments']) {
        await nav(tab, view).click();
        await tab.getByRole('heading', { level: 2, name: view }).waitFor({ timeout: 15_000 });
      }
    }
    expect(streams.get(first)).toBe(1);
    expect(streams.get(second)).toBe(1);

    // A shipment added elsewhere shows up in the first tab's list, pushed over its stream.
    await call('shipments:track', { provider: 'flashamericas', trackingNumber: '1Z0FH3446831744085' });
    await first.getByTestId('shipment-row').filter({ hasText: '1Z0FH3446831744085' }).waitFor({ timeout: 15_000 });
    // And the second tab scans it.
    await scan(second, '1Z0FH3446831744085');
    await second.getByTestId('detail-tracking').filter({ hasText: '1Z0FH3446831744085' }).waitFor({ timeout: 15_000 });
    await first.close();
    await second.close();
  });

  it('serves a favicon, and nothing on the page failed', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const res = await page.request.get(new URL(href!, page.url()).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
    expect(errors).toEqual([]);
  });

  function shot(name: string) {
    return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
});
