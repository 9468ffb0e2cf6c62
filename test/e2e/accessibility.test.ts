/// <reference lib="dom" />
/**
 * Issue 11, "Keyboard, zoom and screen readers", in Chromium against browser
 * mode: every screen of test/e2e/screens.ts in English and 简体中文 is run
 * through axe-core (WCAG 2.1 A/AA; any violation fails), its focus ring is
 * measured on every focusable element (≥ 3:1 against the surface it is drawn
 * on, from computed styles), English text inside the Chinese screen must carry
 * lang="en" (or translate="no" for names and numbers), and at 320 px wide and
 * at 200 % zoom nothing is wider than the window. Screenshots of each screen
 * go to test-results/screenshots/a11y-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/settings';
import { startBrowserMode, type BrowserModeProcess } from '../helpers/browser-mode';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { englishWords } from '../helpers/english';
import { LONG_TRACKING_NUMBER, navTo, say, SCREENS, seedStation } from './screens';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const SEEDED_LABELS = 24;
const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MIN_FOCUS_CONTRAST = 3;
const MAX_ROW_HEIGHT_PX = 36;
const MIN_ROWS_AT_1280x800 = 12;
/** Tab presses before a screen's walk gives up (more focusables than any screen has). */
const MAX_TABS = 160;
const run = chromiumAvailable();

describe.runIf(run)('accessibility of every screen, in Chromium', () => {
  let browser: Browser;
  let app: BrowserModeProcess;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startBrowserMode();
    await seedStation(app, SEEDED_LABELS);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A fresh tab in `language` at the given size; `zoom` 2 is Chromium at 200 % (half the CSS pixels, twice the device pixels). */
  async function openStation(language: Language, width = 1280, height = 800, zoom = 1): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({
      viewport: { width: Math.round(width / zoom), height: Math.round(height / zoom) },
      deviceScaleFactor: zoom,
      locale: language === 'en' ? 'en-US' : language,
    });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('demo-banner').waitFor();
    await page.getByTestId('language-switch').selectOption(language);
    await page.getByRole('navigation', { name: say(language, 'nav.label') }).waitFor();
    return { page, context };
  }

  for (const language of LANGUAGES) {
    it(`axe finds no WCAG 2.1 A/AA violation on any screen (${language})`, async () => {
      const { page, context } = await openStation(language);
      const found: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page, language);
        await page.screenshot({ path: join(SCREENSHOTS, `a11y-${language}-${screen.id}.png`) });
        const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        for (const v of result.violations)
          found.push(`${screen.id}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      await context.close();
      expect(found).toEqual([]);
    });

    it(`every focus ring has at least 3:1 against the surface it is drawn on (${language})`, async () => {
      const { page, context } = await openStation(language);
      const weak: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page, language);
        const rings = await walkFocusRings(page);
        // The walk met the screen's controls (a walk that measured nothing would prove nothing).
        expect(rings.length, screen.id).toBeGreaterThan(5);
        for (const ring of rings) {
          if (ring.contrast < MIN_FOCUS_CONTRAST || ring.width < 2) weak.push(`${screen.id}: ${ring.element} ${ring.detail}`);
        }
      }
      await context.close();
      expect(weak).toEqual([]);
    });
  }

  it('English inside the Chinese screens carries lang="en" (names and numbers translate="no"), in both scripts', async () => {
    const unmarked: string[] = [];
    for (const language of ['zh-CN', 'zh-TW'] as const) {
      const { page, context } = await openStation(language);
      for (const screen of SCREENS) {
        await screen.open(page, language);
        const texts = await page.evaluate(() => {
          const out: { text: string; marked: boolean }[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || !node.textContent?.trim() || !el.checkVisibility()) continue;
            const marked = !!el.closest('[lang^="en"], [translate="no"]');
            out.push({ text: node.textContent.trim(), marked });
          }
          for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
            out.push({ text: input.placeholder, marked: !!input.closest('[lang^="en"]') });
          return out;
        });
        for (const { text, marked } of texts)
          if (!marked && englishWords(text).length > 0) unmarked.push(`${language} ${screen.id}: ${text}`);
      }
      await context.close();
    }
    expect([...new Set(unmarked)]).toEqual([]);
  });

  for (const [label, width, height, zoom] of [
    ['320 px wide', 320, 640, 1],
    ['200 % zoom at 1280×800', 1280, 800, 2],
  ] as const) {
    it(`at ${label} nothing scrolls sideways and the list keeps room`, async () => {
      const { page, context } = await openStation('en', width, height, zoom);
      const wide: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page, 'en');
        await page.screenshot({ path: join(SCREENSHOTS, `a11y-${label.replace(/\W+/g, '-')}-${screen.id}.png`) });
        wide.push(...(await sidewaysScroll(page)).map((w) => `${screen.id}: ${w}`));
      }
      await navTo(page, 'en', 'shipments');
      const listHeight = await page.getByTestId('shipments-scroll').evaluate((el) => el.getBoundingClientRect().height);
      await context.close();
      expect(wide).toEqual([]);
      // At least three rows stay on screen under the collapsed banner, header and status bar.
      expect(listHeight).toBeGreaterThanOrEqual(3 * MAX_ROW_HEIGHT_PX);
    });
  }

  it('the list at 1280×800: rows of 36 px, 12 or more on screen, tracking numbers and badges whole, today as a time', async () => {
    const { page, context } = await openStation('en');
    await navTo(page, 'en', 'shipments');
    const rows = page.getByTestId('shipment-row');
    await rows.first().waitFor();
    const heights = await rows.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(MAX_ROW_HEIGHT_PX);
    const visible = await page.getByTestId('shipments-scroll').evaluate((scroller) => {
      const box = scroller.getBoundingClientRect();
      return [...scroller.querySelectorAll('[data-testid="shipment-row"]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
      }).length;
    });
    expect(visible).toBeGreaterThanOrEqual(MIN_ROWS_AT_1280x800);
    // Today's activity reads as a clock time or minutes ago, not a date.
    expect(await rows.first().locator('.col-activity').textContent()).toMatch(/^(\d{2}:\d{2}|\d+ min\. ago|this minute)$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'a11y-list-1280x800.png') });
    const cutNumbers = () =>
      page.locator('.cell-tracking').evaluateAll((cells) =>
        cells.flatMap((cell) => {
          const number = cell.querySelector<HTMLElement>('.tracking-number')!;
          const badge = cell.querySelector<HTMLElement>('.provider-badge');
          const box = cell.getBoundingClientRect();
          const problems: string[] = [];
          if (number.scrollWidth > number.clientWidth + 1 || number.getBoundingClientRect().right > box.right + 1)
            problems.push(`number cut: ${number.textContent}`);
          if (badge && badge.getBoundingClientRect().right > box.right + 1) problems.push(`badge hidden: ${number.textContent}`);
          return problems;
        }),
      );
    expect(await cutNumbers()).toEqual([]);
    // The widest number (found by search: the demo's tracking moves rows while the tests run), whole with its badge.
    await page.getByLabel('Search tracking number, order number or recipient').fill(LONG_TRACKING_NUMBER);
    const fa = rows.filter({ hasText: LONG_TRACKING_NUMBER });
    await expect.poll(() => fa.locator('.provider-badge').isVisible()).toBe(true);
    expect(await cutNumbers()).toEqual([]);
    await context.close();
  });

  it('keyboard: one key from the search to the first row, ↓↓↓ moves three rows, a shipment opens and closes keeping the focus', async () => {
    const { page, context } = await openStation('en');
    await navTo(page, 'en', 'shipments');
    await page.getByTestId('shipment-row').first().waitFor();
    await page.getByLabel('Search tracking number, order number or recipient').focus();
    await page.keyboard.press('ArrowDown');
    const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('data-row-index') ?? null);
    expect(await focusedRow()).toBe('0');
    // Pressed faster than a frame: each press still moves one row.
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++)
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    });
    await expect.poll(focusedRow).toBe('3');
    const opened = (await page.locator('[data-row-index="3"]').textContent())!;
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-tracking').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    expect(opened).toContain((await page.getByTestId('detail-tracking').textContent())!.trim());
    // Refresh keeps the focus while it is busy and after.
    const refresh = page.getByRole('button', { name: 'Refresh now' });
    await refresh.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-note').filter({ hasText: /\S/ }).waitFor();
    expect(await refresh.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Back to shipments' }).click();
    await expect.poll(focusedRow).toBe('3');
    await context.close();
  });

  it('at 1280×800 the header and the status bar are one line each, in every language, with a packer on duty', async () => {
    // The longest the bar gets at the bench: a packer on duty (a select) and the printer's message.
    const call = (channel: string, args: unknown) =>
      fetch(`${app.origin}/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: { packers: { id: string }[] } }>);
    const saved = await call('packers:save', { packer: { name: 'Maximilian Alexander' } });
    expect(saved.ok).toBe(true);
    await call('packers:setOnDuty', { id: saved.value.packers[0]!.id });
    const wrapped: string[] = [];
    for (const language of ['en', 'zh-CN', 'zh-TW'] as const) {
      const { page, context } = await openStation(language);
      await navTo(page, language, 'shipments');
      await page.locator('#packer-on-duty').waitFor();
      await page.getByTestId('status-printer').filter({ hasText: /\S/ }).waitFor();
      const lines = await page.evaluate(() => {
        // The rows the visible children of a bar sit on (one top per line), and anything past its right edge.
        const rows = (bar: Element) => {
          const box = bar.getBoundingClientRect();
          const kids = [...bar.children].filter((k) => k.checkVisibility() && k.getBoundingClientRect().width > 1);
          const middles = kids.map((k) => k.getBoundingClientRect().top + k.getBoundingClientRect().height / 2).sort((a, b) => a - b);
          const lines = middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 10).length;
          const out = kids.filter((k) => k.getBoundingClientRect().right > box.right + 1).length;
          return { lines, out };
        };
        return { header: rows(document.querySelector('.shell-header')!), status: rows(document.querySelector('.status-bar')!) };
      });
      if (lines.header.lines !== 1 || lines.header.out > 0) wrapped.push(`${language} header: ${JSON.stringify(lines.header)}`);
      if (lines.status.lines !== 1 || lines.status.out > 0) wrapped.push(`${language} status bar: ${JSON.stringify(lines.status)}`);
      await page.screenshot({ path: join(SCREENSHOTS, `a11y-one-line-${language}.png`) });
      await context.close();
    }
    expect(wrapped).toEqual([]);
  });

  it('Settings at 1280×800: no field is ever under the save bar', async () => {
    const { page, context } = await openStation('en');
    await navTo(page, 'en', 'settings');
    await page.getByRole('heading', { level: 2, name: 'Settings' }).focus();
    const covered: string[] = [];
    for (let i = 0; i < MAX_TABS; i++) {
      await page.keyboard.press('Tab');
      const hit = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.matches('input, select, textarea')) return null;
        const b = el.getBoundingClientRect();
        const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return top === el || el.contains(top) || (top instanceof HTMLLabelElement && top.control === el)
          ? 'ok'
          : `${el.id || el.outerHTML.slice(0, 60)}`;
      });
      if (hit && hit !== 'ok') covered.push(hit);
      if (await page.evaluate(() => document.activeElement?.textContent === 'Save settings')) break;
    }
    await context.close();
    expect(covered).toEqual([]);
  });
});

interface Ring {
  element: string;
  contrast: number;
  width: number;
  detail: string;
}

/** Tabs through the screen once, measuring each focused element's ring against the surface behind it. */
async function walkFocusRings(page: Page): Promise<Ring[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  await page.locator('body').focus();
  const rings: Ring[] = [];
  const seen = new Set<string>();
  let last = '';
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(measureFocusRing);
    if (!ring) continue;
    // A native date and time field is several Tab stops (day, month, year, hour…) in one element: walk on through it.
    if (ring.key === last) continue;
    last = ring.key;
    if (seen.has(ring.key)) break;
    seen.add(ring.key);
    rings.push(ring);
  }
  return rings;
}

/** Runs in the page: the focused element's outline colour and width against the background it is drawn on. */
function measureFocusRing(): (Ring & { key: string }) | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const parse = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a] = m[1]!
      .split(/[ ,/]+/)
      .filter(Boolean)
      .map(Number);
    return [r!, g!, b!, a ?? 1];
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  // The surface behind the ring: the element itself when the ring is drawn inside it, else what is around it.
  const inside = parseFloat(style.outlineOffset) < 0;
  const layers: [number, number, number, number][] = [];
  for (let node: HTMLElement | null = inside ? el : el.parentElement; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  let surface: number[] = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse())
    surface = [r * a + surface[0]! * (1 - a), g * a + surface[1]! * (1 - a), b * a + surface[2]! * (1 - a)];
  const ring = parse(style.outlineColor);
  const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
  const [l1, l2] = [lum(ring), lum(surface)].sort((a, b) => b - a);
  const contrast = (l1! + 0.05) / (l2! + 0.05);
  const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}[${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}]`;
  const path = [];
  for (let n: Element | null = el; n; n = n.parentElement) path.push(n.tagName + [...(n.parentElement?.children ?? [])].indexOf(n));
  return {
    key: path.join('/'),
    element: name,
    contrast: Math.round(contrast * 100) / 100,
    width,
    detail: `ring ${style.outlineColor} ${style.outlineStyle} ${style.outlineWidth} on rgb(${surface.map(Math.round).join(', ')}): ${contrast.toFixed(2)}:1`,
  };
}

/** Anything wider than the window, or a scroll box that scrolls sideways. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`the page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!el.checkVisibility()) continue;
      const s = getComputedStyle(el);
      if (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
    return out;
  });
}
