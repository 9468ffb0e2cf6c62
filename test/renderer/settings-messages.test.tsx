/**
 * Settings speaks of settings, in the packer's language: the summary says
 * settings need fixing (not "before the label can be created"), the ship-from
 * address is checked by the label rules in the packer's language, and the
 * declared-value threshold is a setting with its own field.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('settings: messages and the declared-value threshold', () => {
  it('a wrong ship-from phone: the summary speaks of settings and nothing is saved', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsUpdate = vi.fn(base.settingsUpdate);
    renderWithStation(<SettingsView />, fakeStation({ settingsUpdate }).api);
    const from = within(await screen.findByRole('group', { name: 'Ship-from address' }));
    await user.type(from.getByLabelText('First name'), 'Ware');
    await user.type(from.getByLabelText('Phone'), '12-3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(/settings need fixing before the settings can be saved/));
    expect(alert).not.toHaveTextContent(/label/);
    expect(from.getByLabelText('Phone')).toHaveAccessibleDescription('The phone number needs at least 5 digits.');
    expect(settingsUpdate).not.toHaveBeenCalled();
  });

  it('in 简体中文 the ship-from problems are Chinese', async () => {
    const user = userEvent.setup();
    renderWithStation(<SettingsView />, fakeStation().api, 'zh-CN');
    const from = within(await screen.findByRole('group', { name: '发件地址' }));
    await user.type(from.getByLabelText('名'), 'Ware');
    await user.type(from.getByLabelText('电话'), '12-3');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(from.getByLabelText('电话')).toHaveAccessibleDescription('电话号码至少需要 5 位数字。'));
    expect(from.getByLabelText('姓')).toHaveAccessibleDescription('请填写姓。');
    expect(screen.getByRole('alert')).toHaveTextContent(/项设置需要修改后才能保存/);
  });

  it('in 繁體中文 an empty station name and a plain-http address are said in Chinese', async () => {
    const user = userEvent.setup();
    renderWithStation(<SettingsView />, fakeStation().api, 'zh-TW');
    const name = await screen.findByLabelText('工作站名稱');
    await user.clear(name);
    await user.selectOptions(screen.getByLabelText('環境', { selector: 'select' }), 'custom');
    await user.type(await screen.findByLabelText('自訂 API 網址'), 'http://api.example.com');
    await user.click(screen.getByRole('button', { name: '儲存設定' }));
    await waitFor(() => expect(screen.getByText('請為工作站取個名字，例如「3 號包裝台」。')).toBeInTheDocument());
    expect(screen.getByText('請填寫以 https:// 開頭的完整網址。')).toBeInTheDocument();
  });

  it('saves the declared-value threshold, and refuses one that is not a number', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsUpdate = vi.fn(base.settingsUpdate);
    renderWithStation(<SettingsView />, fakeStation({ settingsUpdate }).api);
    const box = await screen.findByLabelText(/Ask before creating a label that declares more than/);
    expect(box).toHaveValue('1000');
    await user.clear(box);
    await user.type(box, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(box).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Enter the amount as a number, 0 or more.')).toBeInTheDocument();
    expect(settingsUpdate).not.toHaveBeenCalled();
    await user.clear(box);
    await user.type(box, '2500');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(settingsUpdate).toHaveBeenCalledWith(expect.objectContaining({ declaredValueConfirmAbove: 2500 })));
    expect(await screen.findByRole('status')).toHaveTextContent('Settings saved.');
  });
});
