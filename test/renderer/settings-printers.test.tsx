import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PrintersView } from '../../renderer/src/features/printers/PrintersView';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('settings', () => {
  it('never shows the API token back: the box is emptied once it is sent', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsSetApiToken = vi.fn(base.settingsSetApiToken);
    renderWithStation(<SettingsView />, fakeStation({ settingsSetApiToken }).api);
    expect(await screen.findByTestId('token-state')).toHaveTextContent('Not set');
    const box = screen.getByLabelText('API token');
    expect(box).toHaveAttribute('type', 'password');
    await user.type(box, 'ff_live_abcdef123456{Enter}');
    expect(settingsSetApiToken).toHaveBeenCalledWith({ token: 'ff_live_abcdef123456' });
    await waitFor(() => expect(screen.getByTestId('token-state')).toHaveTextContent('Set (hidden)'));
    expect(box).toHaveValue('');
    expect(document.body.textContent).not.toContain('ff_live_abcdef123456');
  });

  it('saves the ship-from address the create form starts from, and marks a bad field', async () => {
    const user = userEvent.setup();
    const settingsUpdate = vi.fn(async (patch: Parameters<ReturnType<typeof fakeStation>['api']['settingsUpdate']>[0]) =>
      ok({ ...fakeSettingsView(), ...patch } as ReturnType<typeof fakeSettingsView>),
    );
    renderWithStation(<SettingsView />, fakeStation({ settingsUpdate }).api);
    const from = within(await screen.findByRole('group', { name: 'Ship-from address' }));
    await user.type(from.getByLabelText('First name'), 'Ware');
    await user.type(from.getByLabelText('Last name'), 'House');
    await user.type(from.getByLabelText('Phone'), 'abc');
    await user.type(from.getByLabelText('Street'), '1-1 Example');
    await user.type(from.getByLabelText('City'), 'Tokyo');
    await user.type(from.getByLabelText('Postal code'), '100-0001');
    await user.selectOptions(from.getByLabelText('Country (2 letters)'), 'JP');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(from.getByLabelText('Phone')).toHaveAttribute('aria-invalid', 'true'));
    expect(settingsUpdate).not.toHaveBeenCalled();
    await user.clear(from.getByLabelText('Phone'));
    await user.type(from.getByLabelText('Phone'), '+81-3-0000-0000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(settingsUpdate).toHaveBeenCalledTimes(1));
    expect(settingsUpdate.mock.calls[0]![0]).toMatchObject({
      shipFrom: { contact: { firstName: 'Ware', phone: '+81-3-0000-0000' }, address: { city: 'Tokyo', countryCode: 'JP' } },
    });
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });
});

describe('printers', () => {
  it('lists discovered printers and profiles, and sends a test print through a profile', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const printersTestPrint = vi.fn(base.printersTestPrint);
    renderWithStation(<PrintersView />, fakeStation({ printersTestPrint }).api);
    expect(within((await screen.findAllByTestId('printer-row'))[0]!).getByText('Zebra_ZD421')).toBeInTheDocument();
    const row = (await screen.findAllByTestId('profile-row'))[0]!;
    await user.click(within(row).getByRole('button', { name: 'Test print' }));
    expect(printersTestPrint).toHaveBeenCalledWith({ profileId: expect.any(String) });
    expect(await screen.findByTestId('printers-note')).toHaveTextContent(/Test page sent to/);
  });
});
