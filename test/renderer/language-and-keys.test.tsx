import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { pickLanguage } from '../../renderer/src/i18n';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zh-CN';
import { zhTW } from '../../shared/i18n/zh-TW';
import { ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

/** Every leaf key of a nested message object, dotted. */
const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('languages', () => {
  it('reads the system locale: Traditional for TW/HK/Hant, Simplified for other Chinese, else English', () => {
    expect(pickLanguage(['zh-TW', 'en-US'])).toBe('zh-TW');
    expect(pickLanguage(['zh-Hant-HK'])).toBe('zh-TW');
    expect(pickLanguage(['zh-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh'])).toBe('zh-CN');
    expect(pickLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLanguage(['de-DE'])).toBe('en');
  });

  it('has every English string in both Chinese locales, and no Chinese string left in English', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    expect(keys(zhTW).sort()).toEqual(keys(en).sort());
    // A Simplified string pasted into Traditional by mistake is the usual slip: spot-check the commonest characters.
    const traditional = JSON.stringify(zhTW);
    for (const simplified of ['设置', '打印', '创建', '货件']) expect(traditional).not.toContain(simplified);
  });

  it('switches the whole screen to 简体中文 and remembers the choice in Settings', async () => {
    const user = userEvent.setup();
    const settingsUpdate = vi.fn(fakeStation().api.settingsUpdate);
    renderWithStation(<App />, fakeStation({ settingsUpdate }).api);
    await screen.findByRole('heading', { name: 'Create label' });
    await user.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('button', { name: '创建标签' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('heading', { name: '创建标签' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-Hans-CN');
    expect(settingsUpdate).toHaveBeenCalledWith({ language: 'zh-CN' });
  });

  it('starts in the language saved in Settings rather than the system one', async () => {
    const { api } = fakeStation({ settingsGet: async () => ok(fakeSettingsView({ language: 'zh-TW' })) });
    renderWithStation(<App />, api, 'en');
    expect(await screen.findByRole('heading', { name: '建立標籤' })).toBeInTheDocument();
  });
});

describe('the scan box is one keystroke away', () => {
  it('F2 puts the cursor in the scan box from anywhere', async () => {
    const user = userEvent.setup();
    renderWithStation(<App initialView="shipments" />, fakeStation().api);
    await screen.findByRole('heading', { name: 'Shipments' });
    await user.click(screen.getByRole('heading', { name: 'Shipments' }));
    await user.keyboard('{F2}');
    expect(screen.getByLabelText(/Scan or type a tracking number/)).toHaveFocus();
  });

  it('a scanner typing while no field has focus lands in the scan box, not nowhere', async () => {
    const user = userEvent.setup();
    renderWithStation(<App initialView="printers" />, fakeStation().api);
    await screen.findByRole('heading', { name: 'Printers' });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('Y');
    const scan = screen.getByLabelText(/Scan or type a tracking number/);
    await waitFor(() => expect(scan).toHaveFocus());
  });
});
