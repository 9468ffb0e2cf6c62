import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PrintersView } from '../../renderer/src/features/printers/PrintersView';
import { SettingsView } from '../../renderer/src/features/settings/SettingsView';
import { err, ok } from '../../shared/result';
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

  it('says next to the token how it is kept: plainly when encrypted, as a warning when only obfuscated, nothing when none', async () => {
    const shown = async (tokenProtection: ReturnType<typeof fakeSettingsView>['tokenProtection']) => {
      const view = renderWithStation(
        <SettingsView />,
        fakeStation({ settingsGet: async () => ok(fakeSettingsView({ hasApiToken: tokenProtection !== 'none', tokenProtection })) }).api,
      );
      await screen.findByTestId('token-state');
      const line = screen.queryByTestId('token-protection');
      const seen = line ? { text: line.textContent, warning: line.classList.contains('warn-text') } : null;
      view.unmount();
      return seen;
    };
    expect(await shown('encrypted')).toEqual({ text: "Encrypted by the operating system's keychain.", warning: false });
    expect(await shown('obfuscated')).toEqual({ text: 'Only obfuscated: this computer has no keyring.', warning: true });
    expect(await shown('plain-file')).toEqual({ text: 'Stored unencrypted in a file readable only by you.', warning: true });
    expect(await shown('environment')).toEqual({ text: 'Read from FLEXFORWARD_API_TOKEN.', warning: false });
    expect(await shown('none')).toBeNull();
  });

  it('sends the Flash Americas key write-only: only what was typed, the box emptied, "set" shown, never the key', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const settingsSetFlashAmericasCredentials = vi.fn(base.settingsSetFlashAmericasCredentials);
    renderWithStation(<SettingsView />, fakeStation({ settingsSetFlashAmericasCredentials }).api);
    expect(await screen.findByTestId('fa-key-state')).toHaveTextContent('Not set');
    const box = screen.getByLabelText(/Flash Americas API key/);
    expect(box).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Save Flash Americas credentials' })).toBeDisabled();
    await user.type(box, 'live_fa_abcdef123456{Enter}');
    expect(settingsSetFlashAmericasCredentials).toHaveBeenCalledWith({ apiKey: 'live_fa_abcdef123456' });
    await waitFor(() => expect(screen.getByTestId('fa-key-state')).toHaveTextContent('Set (hidden)'));
    expect(box).toHaveValue('');
    expect(screen.getByTestId('fa-secret-state')).toHaveTextContent('Not set');
    expect(await screen.findByText('Flash Americas credentials saved.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('live_fa_abcdef123456');
  });

  it('shows why a Flash Americas key was refused and still empties the box', async () => {
    const user = userEvent.setup();
    renderWithStation(
      <SettingsView />,
      fakeStation({
        settingsSetFlashAmericasCredentials: async () =>
          err(
            'UNAVAILABLE',
            'The Flash Americas API key comes from the FLASHAMERICAS_API_KEY environment variable; change it there and restart.',
          ),
      }).api,
    );
    const box = await screen.findByLabelText(/Flash Americas API key/);
    await user.type(box, 'live_fa_abcdef123456{Enter}');
    expect(await screen.findByText(/comes from the FLASHAMERICAS_API_KEY environment variable/)).toBeInTheDocument();
    expect(box).toHaveValue('');
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

  it('saves the scanner thresholds and the scan sound, and refuses a gap that would take typing for scans', async () => {
    const user = userEvent.setup();
    const settingsUpdate = vi.fn(async (patch: Parameters<ReturnType<typeof fakeStation>['api']['settingsUpdate']>[0]) =>
      ok({ ...fakeSettingsView(), ...patch } as ReturnType<typeof fakeSettingsView>),
    );
    renderWithStation(<SettingsView />, fakeStation({ settingsUpdate }).api);
    const scanner = within(await screen.findByRole('group', { name: 'Scanner' }));
    const gap = scanner.getByLabelText('Longest pause between scanned characters (ms)');
    expect(gap).toHaveValue(35);
    expect(scanner.getByLabelText('Shortest scan (characters)')).toHaveValue(6);
    await user.clear(gap);
    await user.type(gap, '300');
    await user.click(scanner.getByRole('checkbox', { name: /Beep after each scan/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(gap).toHaveAttribute('aria-invalid', 'true'));
    expect(
      scanner.getByText('Enter a whole number of milliseconds from 5 to 80: above that, people typing quickly would count as scans.'),
    ).toBeInTheDocument();
    expect(settingsUpdate).not.toHaveBeenCalled();
    await user.clear(gap);
    await user.type(gap, '60');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(settingsUpdate).toHaveBeenCalledTimes(1));
    expect(settingsUpdate.mock.calls[0]![0]).toMatchObject({ scanner: { burstMinChars: 6, burstMaxGapMs: 60, sound: true } });
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
